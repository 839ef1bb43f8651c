import SweetspotModel
import SweetspotNumerics

/// Reads an experiment file: TOML text → validated `Experiment`, every error naming the file,
/// the line where possible, the key, and what is allowed (docs/EXPERIMENTS.md is the schema).
public enum ExperimentLoader {
  static let topLevelKeys = ["name", "description", "question", "seed", "trials", "weeks", "markets", "strategies",
                             "baseline", "margin", "population", "queue", "world", "segment", "controller", "scorecard", "strategy", "market", "sweep",
                             "uncertainty", "robustness", "industry"]

  /// Parses and validates `text` from `file`, after applying `overrides` (`--set KEY=VALUE`).
  public static func load(text: String, file: String, overrides: [String] = []) throws(ExperimentError) -> Experiment {
    var doc: TOMLTable
    do { doc = try TOMLParser.parse(text) } catch {
      throw ExperimentError(file: file, line: error.line, message: "\(error.message) (column \(error.column))")
    }
    for o in overrides { try applyOverride(o, to: &doc, file: file) }
    return try resolve(doc, file: file, source: text)
  }

  // MARK: --set

  /// `KEY=VALUE`: the value is TOML (`0.7`, `true`, `"x"`, `[1, 2]`) or a bare word (a string).
  static func applyOverride(_ o: String, to doc: inout TOMLTable, file: String) throws(ExperimentError) {
    guard let eq = o.firstIndex(of: "="), eq != o.startIndex else {
      throw ExperimentError(file: "--set", message: "'\(o)' is not KEY=VALUE (for example --set population.size=50000)")
    }
    let key = String(o[..<eq]).trimmingSpaces()
    let text = String(o[o.index(after: eq)...]).trimmingSpaces()
    let path = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    guard !key.isEmpty, !path.contains(where: \.isEmpty), !text.isEmpty else {
      throw ExperimentError(file: "--set", message: "'\(o)' is not KEY=VALUE (for example --set population.size=50000)")
    }
    var value: TOMLValue
    do { value = try TOMLParser.parseValue(text) } catch {
      if text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) { value = .string(text) }
      else { throw ExperimentError(file: "--set", key: key, message: "'\(text)' is not a value: \(error.message)") }
    }
    set(path, value, in: &doc)
  }

  /// Sets `path` (not empty) to `v`, making or replacing tables on the way. Iterative, so no
  /// recursion depth depends on the key, whatever `Overrides.check` let through.
  static func set(_ path: [String], _ v: TOMLValue, in root: inout TOMLTable) {
    guard let leaf = path.last else { return }
    // tables[k]: the table at path[0 ..< k], as it is now (a new one where there is none).
    var tables = [root]
    for key in path.dropLast() {
      if case let .table(existing)? = tables[tables.count - 1][key] { tables.append(existing) } else { tables.append(TOMLTable()) }
    }
    tables[tables.count - 1].set(leaf, v, line: 0)
    for k in stride(from: path.count - 2, through: 0, by: -1) {
      let child = tables.removeLast()
      tables[k].set(path[k], .table(child), line: tables[k].entry(path[k])?.line ?? 0)
    }
    root = tables[0]
  }

  // MARK: Resolution

  static func resolve(_ doc: TOMLTable, file: String, source: String) throws(ExperimentError) -> Experiment {
    func err(_ line: Int?, _ key: String?, _ message: String) -> ExperimentError {
      ExperimentError(file: file, line: line, key: key, message: message)
    }
    try unknownKeys(doc, allowed: topLevelKeys, prefix: "", file: file)

    func string(_ key: String, required: Bool = false) throws(ExperimentError) -> String? {
      guard let e = doc.entry(key) else {
        if required { throw err(nil, key, "is required (a string)") }
        return nil
      }
      guard case let .string(s) = e.value else { throw err(e.line, key, "expected a string, got \(e.value.typeName)") }
      return s
    }
    func integer(_ key: String, default d: Int, _ range: ClosedRange<Int>) throws(ExperimentError) -> Int {
      guard let e = doc.entry(key) else { return d }
      guard case let .integer(i) = e.value else {
        if let x = e.value.number, x.isNaN || x.isInfinite { throw err(e.line, key, "\(formatNumber(x)) is not allowed; expected a whole number in \(range.lowerBound) ... \(range.upperBound)") }
        throw err(e.line, key, "expected a whole number, got \(e.value.typeName)")
      }
      guard range.contains(i) else { throw err(e.line, key, "\(i) is out of range; allowed: \(range.lowerBound) ... \(range.upperBound)") }
      return i
    }
    func names(_ key: String) throws(ExperimentError) -> [(String, Int)]? {
      guard let e = doc.entry(key) else { return nil }
      guard case let .array(items) = e.value else { throw err(e.line, key, "expected an array of names, got \(e.value.typeName)") }
      var out: [(String, Int)] = []
      for item in items {
        guard case let .string(s) = item else { throw err(e.line, key, "expected names (strings), got \(item.typeName)") }
        out.append((s, e.line))
      }
      if out.isEmpty { throw err(e.line, key, "is empty; name at least one") }
      return out
    }

    let name = try string("name", required: true)!
    if name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
      throw err(doc.entry("name")?.line, "name", "'\(name)' must be letters, digits, '-' or '_' (it names the results folder)")
    }
    let seed = try integer("seed", default: 1, ExperimentSchema.seedRange)
    let trials = try integer("trials", default: 100, ExperimentSchema.trialsRange)
    let weeks = try integer("weeks", default: 104, ExperimentSchema.weeksRange)
    var margin = ExperimentSchema.defaultMargin
    if let e = doc.entry("margin") {
      guard let x = e.value.number else { throw err(e.line, "margin", "expected a number, got \(e.value.typeName)") }
      guard x.isFinite && x > 0 && x < 1 else {
        throw err(e.line, "margin", "\(formatNumber(x)) is out of range; allowed: 0 < margin < 1 (a share of the best strategy's mean)")
      }
      margin = x
    }

    var config = TrialConfiguration()
    config.weeks = weeks
    if let e = doc.entry("population") {
      guard case let .table(t) = e.value else { throw err(e.line, "population", "expected a table") }
      try unknownKeys(t, allowed: ["size", "scale"] + Fields.world(section: "population").map(\.name), prefix: "population.", file: file)
      if let s = t.entry("size") {
        guard case let .integer(n) = s.value else { throw err(s.line, "population.size", "expected a whole number, got \(s.value.typeName)") }
        guard ExperimentSchema.populationSizeRange.contains(n) else { throw err(s.line, "population.size", "\(n) is out of range; allowed: 1 ... 10000000 customers") }
        config.customers = n
      }
      if let s = t.entry("scale") {
        guard let x = s.value.number else { throw err(s.line, "population.scale", "expected a number, got \(s.value.typeName)") }
        guard x.isFinite && x > 0 && x <= ExperimentSchema.populationScaleMax else { throw err(s.line, "population.scale", "\(formatNumber(x)) is out of range; allowed: (0, 1000000] real customers per simulated one") }
        config.customerScale = x
      }
      var rest = TOMLTable()
      for entry in t.entries where entry.key != "size" && entry.key != "scale" { rest.set(entry.key, entry.value, line: entry.line) }
      try applyFields(rest, Fields.world(section: "population"), to: &config.world, prefix: "population.", file: file)
    }
    if let e = doc.entry("queue") {
      guard case let .table(t) = e.value else { throw err(e.line, "queue", "expected a table") }
      try unknownKeys(t, allowed: ["mode"], prefix: "queue.", file: file)
      if let m = t.entry("mode") {
        guard case let .string(s) = m.value, let mode = QueueMode(rawValue: s) else {
          throw err(m.line, "queue.mode", "allowed: \(QueueMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        config.queueMode = mode
      }
    }
    if let e = doc.entry("world") {
      guard case let .table(t) = e.value else { throw err(e.line, "world", "expected a table") }
      try applyFields(t, Fields.world, to: &config.world, prefix: "world.", file: file)
    }
    for section in ["controller", "scorecard"] {
      guard let e = doc.entry(section) else { continue }
      guard case let .table(t) = e.value else { throw err(e.line, section, "expected a table [\(section)]") }
      try applyFields(t, Fields.world(section: section), to: &config.world, prefix: section + ".", file: file)
    }
    if let e = doc.entry("segment") {
      guard case let .table(t) = e.value else { throw err(e.line, "segment", "expected tables [segment.NAME]") }
      let names = Segment.allCases.map(\.description)
      for s in t.entries {
        guard names.contains(s.key) else {
          let hint = nearest(s.key, in: names).map { " (did you mean '\($0)'?)" } ?? ""
          throw err(s.line, "segment.\(s.key)", "unknown segment\(hint); allowed: \(names.joined(separator: ", "))")
        }
        guard case let .table(body) = s.value else { throw err(s.line, "segment.\(s.key)", "expected a table") }
        try applyFields(body, Fields.world(section: "segment.\(s.key)"), to: &config.world, prefix: "segment.\(s.key).", file: file)
      }
    }

    // Custom strategies and markets: tables named by the strategy; `base` names a preset.
    var customStrategies: [String: Strategy] = [:]
    var strategyLines: [String: Int] = [:]
    if let e = doc.entry("strategy") {
      guard case let .table(t) = e.value else { throw err(e.line, "strategy", "expected tables [strategy.NAME]") }
      for s in t.entries {
        guard case let .table(body) = s.value else { throw err(s.line, "strategy.\(s.key)", "expected a table") }
        if !Experiment.isCSVSafeName(s.key) {
          throw err(s.line, "strategy.\(escapingControlCharacters(s.key))", Experiment.csvUnsafeNameMessage("strategy", s.key))
        }
        let prefix = "strategy.\(s.key)."
        try unknownKeys(body, allowed: ["base", "description", "controller"] + Fields.levers.map(\.name), prefix: prefix, file: file)
        var baseName = Strategy.named(s.key) != nil ? s.key : "good-enough"
        if let b = body.entry("base") {
          guard case let .string(bn) = b.value, Strategy.named(bn) != nil else {
            throw err(b.line, prefix + "base", "unknown preset; allowed: \(Strategy.presets.map(\.name).joined(separator: ", "))")
          }
          baseName = bn
        }
        var strategy = Strategy.named(baseName)!
        strategy.name = s.key
        if let d = body.entry("description"), case let .string(text) = d.value { strategy.summary = text }
        else if s.key != baseName { strategy.summary = "\(baseName) with changes" }
        if let c = body.entry("controller") {
          guard case let .string(cn) = c.value, let ctl = Controller(rawValue: cn) else {
            throw err(c.line, prefix + "controller", "allowed: \(Controller.allCases.map(\.rawValue).joined(separator: ", "))")
          }
          strategy.controller = ctl
        }
        try applyFields(body, Fields.levers, to: &strategy.levers, prefix: prefix, file: file)
        do { try strategy.levers.validate(prefix: "strategy.\(s.key)") } catch {
          throw err(body.line, error.key, "must be \(error.allowed); got \(error.value)")
        }
        customStrategies[s.key] = strategy
        strategyLines[s.key] = s.line
      }
    }
    var customMarkets: [String: Market] = [:]
    if let e = doc.entry("market") {
      guard case let .table(t) = e.value else { throw err(e.line, "market", "expected tables [market.NAME]") }
      for m in t.entries {
        guard case let .table(body) = m.value else { throw err(m.line, "market.\(m.key)", "expected a table") }
        if !Experiment.isCSVSafeName(m.key) {
          throw err(m.line, "market.\(escapingControlCharacters(m.key))", Experiment.csvUnsafeNameMessage("market", m.key))
        }
        let prefix = "market.\(m.key)."
        try unknownKeys(body, allowed: ["base"] + Fields.market.map(\.name), prefix: prefix, file: file)
        var baseName = Market.named(m.key) != nil ? m.key : "competitive"
        if let b = body.entry("base") {
          guard case let .string(bn) = b.value, Market.named(bn) != nil else {
            throw err(b.line, prefix + "base", "unknown market; allowed: \(Market.presets.map(\.name).joined(separator: ", "))")
          }
          baseName = bn
        }
        var market = Market.named(baseName)!
        market.name = m.key
        try applyFields(body, Fields.market, to: &market, prefix: prefix, file: file)
        do { try market.validate(prefix: "market.\(m.key)") } catch {
          throw err(body.line, error.key, "must be \(error.allowed); got \(error.value)")
        }
        customMarkets[m.key] = market
      }
    }

    guard let strategyNames = try names("strategies") else { throw err(nil, "strategies", "is required: a list of preset names or [strategy.NAME] tables") }
    var strategies: [Strategy] = []
    for (n, line) in strategyNames {
      guard let s = customStrategies[n] ?? Strategy.named(n) else {
        let known = Strategy.presets.map(\.name) + customStrategies.keys.sorted().filter { Strategy.named($0) == nil }
        let hint = nearest(n, in: known).map { " (did you mean '\($0)'?)" } ?? ""
        throw err(line, "strategies", "unknown strategy '\(n)'\(hint); known: \(known.joined(separator: ", "))")
      }
      if strategies.contains(where: { $0.name == n }) { throw err(line, "strategies", "'\(n)' is listed twice") }
      strategies.append(s)
    }
    var markets: [Market] = []
    for (n, line) in try names("markets") ?? [("competitive", 0)] {
      guard let m = customMarkets[n] ?? Market.named(n) else {
        let known = Market.presets.map(\.name) + customMarkets.keys.sorted().filter { Market.named($0) == nil }
        let hint = nearest(n, in: known).map { " (did you mean '\($0)'?)" } ?? ""
        throw err(line, "markets", "unknown market '\(n)'\(hint); known: \(known.joined(separator: ", "))")
      }
      if markets.contains(where: { $0.name == n }) { throw err(line, "markets", "'\(n)' is listed twice") }
      markets.append(m)
    }
    let baseline = try string("baseline") ?? strategies[0].name
    if !strategies.contains(where: { $0.name == baseline }) {
      throw err(doc.entry("baseline")?.line, "baseline", "'\(baseline)' is not one of this experiment's strategies: \(strategies.map(\.name).joined(separator: ", "))")
    }

    var sweeps: [Sweep] = []
    if let e = doc.entry("sweep") {
      guard case let .array(items) = e.value else { throw err(e.line, "sweep", "expected [[sweep]] tables") }
      for item in items {
        guard case let .table(t) = item else { throw err(e.line, "sweep", "expected [[sweep]] tables") }
        let s = try sweep(t, strategies: strategies, markets: markets, file: file)
        if sweeps.contains(where: { $0.key == s.key }) {
          throw err(t.line, "sweep.key", "'\(s.key)' is swept twice; give all its values in one [[sweep]] table")
        }
        sweeps.append(s)
      }
    }
    let industrySetup = try industry(doc, strategies: strategies, world: &config.world, file: file)
    var experiment = Experiment(
      name: name, description: try string("description") ?? "", question: try string("question") ?? "",
      seed: UInt64(seed), trials: trials, configuration: config, strategies: strategies, markets: markets,
      sweeps: sweeps, baseline: baseline, source: source, file: file,
      uncertainty: try uncertainty(doc, strategies: strategies, markets: markets, file: file), margin: margin)
    experiment.industry = industrySetup
    if industrySetup == nil {
      // The choice model acts only among an industry's firms: varying it elsewhere would vary nothing.
      let keys = (experiment.uncertainty?.parameters.map(\.key) ?? []) + sweeps.map(\.key)
      if let k = keys.first(where: { $0.hasPrefix("industry.") }) {
        throw err(nil, k, "acts only in an experiment with an [industry] table (firms sharing one market)")
      }
    }
    // Every scenario must be valid, not only the base values.
    for sc in try experiment.scenarios() {
      do { try sc.configuration.world.validate() } catch {
        if sc.world > 0 {
          throw err(nil, "uncertainty", "sampled world \(sc.world) breaks a rule of the model: \(error.key) must be \(error.allowed), got \(error.value); narrow the ranges in [uncertainty] so every draw is valid")
        }
        throw err(nil, error.key, "must be \(error.allowed); got \(error.value)\(sc.assignments.isEmpty ? "" : " (in scenario \(sc.label))")")
      }
      do { try sc.market.validate(prefix: "market.\(sc.market.name)") } catch {
        throw err(nil, sc.world > 0 ? "uncertainty" : error.key, "must be \(error.allowed); got \(error.value) (in scenario \(sc.label))")
      }
      for s in sc.strategies {
        do { try s.levers.validate(prefix: "strategy.\(s.name)") } catch {
          throw err(nil, error.key, "must be \(error.allowed); got \(error.value) (in scenario \(sc.label))")
        }
      }
    }
    return experiment
  }

  static func sweep(_ t: TOMLTable, strategies: [Strategy], markets: [Market], file: String) throws(ExperimentError) -> Sweep {
    func err(_ line: Int, _ key: String, _ message: String) -> ExperimentError {
      ExperimentError(file: file, line: line, key: key, message: message)
    }
    try unknownKeys(t, allowed: ["key", "values", "from", "to", "step"], prefix: "sweep.", file: file)
    guard let k = t.entry("key"), case let .string(key) = k.value else {
      throw err(t.line, "sweep.key", "is required: a dotted path such as strategy.good-enough.service_level_target")
    }
    let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
    // Which field, to check values against its range.
    var checker: (String) -> String? = { _ in nil }
    switch (parts.first, parts.count) {
    case ("strategy", 3):
      guard parts[1] == "*" || strategies.contains(where: { $0.name == parts[1] }) else {
        throw err(k.line, "sweep.key", "'\(key)': '\(parts[1])' is not one of this experiment's strategies (or *): \(strategies.map(\.name).joined(separator: ", "))")
      }
      guard let f = Fields.levers.first(where: { $0.name == parts[2] }), f.isNumeric else {
        throw err(k.line, "sweep.key", "'\(key)': '\(parts[2])' is not a numeric lever\(nearest(parts[2], in: Fields.levers.map(\.name)).map { " (did you mean '\($0)'?)" } ?? "")")
      }
      checker = { f.problem(with: TOMLValue.float(Double($0)!)) }
    case ("market", 3):
      guard parts[1] == "*" || markets.contains(where: { $0.name == parts[1] }) else {
        throw err(k.line, "sweep.key", "'\(key)': '\(parts[1])' is not one of this experiment's markets (or *)")
      }
      guard let f = Fields.market.first(where: { $0.name == parts[2] }), f.isNumeric else {
        throw err(k.line, "sweep.key", "'\(key)': '\(parts[2])' is not a numeric market field")
      }
      checker = { f.problem(with: TOMLValue.float(Double($0)!)) }
    case ("population", 2) where parts[1] == "scale":
      checker = { x in let v = Double(x)!; return v > 0 && v <= 1e6 ? nil : "must be in (0, 1000000]" }
    case ("segment", 3) where parts[1] == "*":
      let fields = Segment.allCases.compactMap { Fields.world(key: "segment.\($0).\(parts[2])") }
      guard let f = fields.first, f.isNumeric else {
        throw err(k.line, "sweep.key", "'\(key)': '\(parts[2])' is not a numeric segment field")
      }
      checker = { f.problem(with: TOMLValue.float(Double($0)!)) }
    default:
      guard let f = Fields.world(key: key), f.isNumeric else {
        let hint = nearest(key, in: Fields.worldAll.filter(\.isNumeric).map(\.key)).map { " (did you mean '\($0)'?)" } ?? ""
        throw err(k.line, "sweep.key", "'\(key)' cannot be swept\(hint); use strategy.NAME.LEVER, market.NAME.FIELD, population.scale or a numeric world, population, segment, controller or scorecard key (sweetspot keys lists them)")
      }
      checker = { f.problem(with: TOMLValue.float(Double($0)!)) }
    }
    var values: [Double] = []
    if let v = t.entry("values") {
      if t.entry("from") != nil || t.entry("to") != nil { throw err(v.line, "sweep.values", "give either values or from/to/step, not both") }
      guard case let .array(items) = v.value else { throw err(v.line, "sweep.values", "expected an array of numbers, got \(v.value.typeName)") }
      for item in items {
        guard let x = item.number else { throw err(v.line, "sweep.values", "expected numbers, got \(item.typeName)") }
        values.append(x)
      }
      if values.isEmpty { throw err(v.line, "sweep.values", "is empty: a sweep needs at least one value") }
    } else {
      guard let f = t.entry("from"), let to = t.entry("to"), let st = t.entry("step"),
            let a = f.value.number, let b = to.value.number, let h = st.value.number else {
        throw err(t.line, "sweep", "needs values = [...] or numeric from, to and step")
      }
      guard a.isFinite, b.isFinite, h.isFinite, h > 0 else { throw err(st.line, "sweep.step", "must be a finite number > 0") }
      guard b >= a else { throw err(to.line, "sweep.to", "\(formatNumber(b)) is below from (\(formatNumber(a))): the sweep would be empty") }
      if let p = checker("\(a)") { throw err(f.line, "sweep.from", "for \(key): \(p)") }
      if let p = checker("\(b)") { throw err(to.line, "sweep.to", "for \(key): \(p)") }
      let count = ((b - a) / h + 1e-9).rounded(.down) + 1
      guard count.isFinite && count <= 10_000 else {
        throw err(st.line, "sweep.step", "gives \(count.isFinite ? formatNumber(count) : "too many") values; at most 10000")
      }
      let n = Int(count)
      values = (0..<n).map { a + Double($0) * h }
      // Values on a decimal grid print cleanly: round away binary residue.
      values = values.map { ($0 * 1e12).rounded() / 1e12 }
    }
    for x in values {
      if x.isNaN || x.isInfinite { throw err(t.line, "sweep.values", "\(formatNumber(x)) is not allowed") }
      if let p = checker("\(x)") { throw err(t.line, "sweep.values", "for \(key): \(p)") }
    }
    return Sweep(key: key, values: values)
  }

  /// Unknown keys are errors, with the nearest valid key suggested.
  static func unknownKeys(_ t: TOMLTable, allowed: [String], prefix: String, file: String) throws(ExperimentError) {
    for e in t.entries where !allowed.contains(e.key) {
      throw ExperimentError(file: file, line: e.line, key: prefix + e.key, message: unknownKeyMessage(e.key, allowed: allowed, prefix: prefix))
    }
  }

  /// "unknown key (did you mean 'x'?); allowed here: a, b, c", or for long lists a pointer to
  /// `sweetspot keys` (one line stays readable).
  static func unknownKeyMessage(_ key: String, allowed: [String], prefix: String) -> String {
    let hint = nearest(key, in: allowed).map { " (did you mean '\($0)'?)" } ?? ""
    let section = prefix.hasSuffix(".") ? String(prefix.dropLast()) : prefix
    let list = allowed.count <= 20 ? allowed.joined(separator: ", ") : "\(allowed.count) keys, listed by `sweetspot keys`\(section.isEmpty ? " (Top-level keys)" : " under \(section)")"
    return "unknown key\(hint); allowed here: \(list)"
  }

  static func applyFields<T>(_ t: TOMLTable, _ fields: [Field<T>], to owner: inout T, prefix: String, file: String) throws(ExperimentError) {
    for e in t.entries {
      guard let f = fields.first(where: { $0.name == e.key }) else {
        if ["base", "description", "controller"].contains(e.key) { continue }
        throw ExperimentError(file: file, line: e.line, key: prefix + e.key, message: unknownKeyMessage(e.key, allowed: fields.map(\.name), prefix: prefix))
      }
      if let p = f.problem(with: e.value) {
        throw ExperimentError(file: file, line: e.line, key: prefix + e.key, message: p)
      }
      f.set(&owner, e.value)
    }
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while s.first == " " || s.first == "\t" { s.removeFirst() }
    while s.last == " " || s.last == "\t" { s.removeLast() }
    return String(s)
  }
}
