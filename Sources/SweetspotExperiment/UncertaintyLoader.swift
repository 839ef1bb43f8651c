import Foundation
import SweetspotModel
import SweetspotNumerics
import SweetspotRobustness

/// Reading `[uncertainty]` and `[robustness]` (docs/EXPERIMENTS.md, "Robustness").
///
///     [uncertainty]
///     "world.churn_attitude_slope" = { low = 2, high = 8 }
///     "world.gross_margin" = "default"              # the documented plausible range
///     "world.word_of_mouth_weight" = { distribution = "triangular", low = 0.5, mode = 1, high = 2 }
///     "segment.*" = "default"                       # every segment parameter's plausible range
///
///     [robustness]
///     design = "latin-hypercube"   # or sobol, halton, saltelli, morris
///     samples = 32
///     trials = 2
extension ExperimentLoader {
  /// Keys of a distribution table (anything else in a table under [uncertainty] is a key path).
  static let distributionKeys: Set<String> = ["distribution", "low", "high", "mode", "mean", "sd", "mu", "sigma", "a", "b"]

  /// Whether a documented range is "half to twice" its default: its default is the geometric
  /// middle √(low·high) rather than the arithmetic one (nearer the first by at least half). Such a
  /// range is sampled log-uniformly by `"default"`, so its median is the default; a uniform draw
  /// on [2, 8] around 4 puts half the worlds above 5 and a third above 6.
  static func isGeometric(_ r: ClosedRange<Double>, around d: Double?) -> Bool {
    guard let d, r.lowerBound > 0, r.upperBound > r.lowerBound else { return false }
    let geometric = (r.lowerBound * r.upperBound).squareRoot(), arithmetic = (r.lowerBound + r.upperBound) / 2
    return abs(d - geometric) < 0.5 * abs(d - arithmetic)
  }
  static let robustnessKeys = ["design", "samples", "trials", "levels", "resamples", "pair"]
  /// What `"*"` takes: the world model's assumptions (not the controller's policy, the Win4
  /// judge's thresholds or the metric's conventions, `Uncertainty.conventions`), and each
  /// market's numeric fields over its context's ranges.
  static let wildcardSections = ["world", "population"] + Segment.allCases.map { "segment.\($0)" }

  static func uncertainty(_ doc: TOMLTable, strategies: [Strategy], markets: [Market], file: String) throws(ExperimentError) -> Uncertainty? {
    func err(_ line: Int?, _ key: String, _ message: String) -> ExperimentError {
      ExperimentError(file: file, line: line, key: key, message: message)
    }
    guard let e = doc.entry("uncertainty") else {
      // `--worlds 0` (robustness.samples = 0) on an experiment with no [uncertainty] asks for what it has.
      if let r = doc.entry("robustness") {
        if case let .table(t) = r.value, t.entries.count == 1, case .integer(0)? = t.entry("samples")?.value { return nil }
        throw err(r.line, "robustness", "needs an [uncertainty] table naming the assumptions to vary")
      }
      return nil
    }
    guard case let .table(t) = e.value else { throw err(e.line, "uncertainty", "expected a table [uncertainty]") }
    // Flatten dotted keys (world.x = {…} parses as nested tables) into (key path, value, line).
    var entries: [(key: String, value: TOMLValue, line: Int)] = []
    func flatten(_ table: TOMLTable, _ prefix: String) {
      for item in table.entries {
        let key = prefix.isEmpty ? item.key : prefix + "." + item.key
        if case let .table(inner) = item.value, !inner.entries.isEmpty,
           !inner.entries.contains(where: { distributionKeys.contains($0.key) }) {
          flatten(inner, key)
        } else {
          entries.append((key, item.value, item.line))
        }
      }
    }
    flatten(t, "")
    if entries.isEmpty { throw err(e.line, "uncertainty", "is empty; name at least one parameter (sweetspot keys lists them with their plausible ranges)") }

    var byKey: [String: UncertainParameter] = [:]
    var order: [String] = []
    var explicit = Set<String>()
    func add(_ p: UncertainParameter, explicitly: Bool) {
      if byKey[p.key] == nil { order.append(p.key) }
      if explicitly || !explicit.contains(p.key) { byKey[p.key] = p }
      if explicitly { explicit.insert(p.key) }
    }
    // Wildcards first, so explicit entries override them whatever the file's order; `--set`
    // entries (line 0) last, so they override the file's (dotted and quoted keys are one key).
    func rank(_ e: (key: String, value: TOMLValue, line: Int)) -> (Int, Int) { (e.key.hasSuffix("*") ? 0 : 1, e.line == 0 ? Int.max : e.line) }
    for entry in entries.sorted(by: { rank($0) < rank($1) }) {
      let k = "uncertainty.\(entry.key)"
      if entry.key == "*" || entry.key.hasSuffix(".*") {
        guard case .string("default") = entry.value else {
          throw err(entry.line, k, "a wildcard takes \"default\" (every matching parameter's documented plausible range)")
        }
        let prefix = String(entry.key.dropLast(entry.key == "*" ? 1 : 2))
        let sections = entry.key == "*" ? wildcardSections
          : prefix == "segment" ? Segment.allCases.map { "segment.\($0)" }
          : WorldParameters.sections.contains(prefix) ? [prefix] : []
        guard !sections.isEmpty else {
          throw err(entry.line, k, "'\(entry.key)' matches no section; wildcards: *, \(WorldParameters.sections.map { $0 + ".*" }.joined(separator: ", ")), segment.*")
        }
        let fields = Fields.worldAll.filter { f in
          sections.contains(f.parameter.section) && f.isNumeric && (f.parameter.plausible.map { $0.lowerBound < $0.upperBound } ?? false)
            && !Uncertainty.conventions.contains(f.key)
        }
        let documented = World()
        for f in fields {
          add(try parameter(f.parameter, key: f.key, spec: entry.value, line: entry.line, file: file, documented: f.get(documented).number), explicitly: false)
        }
        // "*" is every assumption: each market's numeric fields too, over its context's own
        // ranges (a field whose range misses a custom market's value is left to an explicit entry).
        if entry.key == "*" {
          for m in markets {
            for f in Fields.market where f.isNumeric {
              guard let r = MarketParameters.plausibleRange(f.name, context: m.context), let v = f.get(m).number, r.contains(v), r.lowerBound < r.upperBound else { continue }
              add(try parameter(f.parameter, key: "market.\(m.name).\(f.name)", spec: entry.value, line: entry.line, file: file, plausible: r,
                                documented: Market.named(m.context).flatMap { f.get($0).number }), explicitly: false)
            }
          }
        }
        continue
      }
      for p in try resolveKey(entry.key, value: entry.value, line: entry.line, strategies: strategies, markets: markets, file: file) { add(p, explicitly: true) }
    }
    var u = Uncertainty(parameters: order.map { byKey[$0]! })
    if case let .array(items)? = doc.entry("sweep")?.value {
      for case let .table(t) in items {
        if case let .string(swept)? = t.entry("key")?.value, let p = u.parameters.first(where: { $0.key == swept }) {
          throw err(e.line, "uncertainty.\(p.key)", "is also swept; a parameter is either swept ([[sweep]]) or uncertain, not both")
        }
      }
    }

    if let r = doc.entry("robustness") {
      guard case let .table(rt) = r.value else { throw err(r.line, "robustness", "expected a table [robustness]") }
      try unknownKeys(rt, allowed: robustnessKeys, prefix: "robustness.", file: file)
      if let d = rt.entry("design") {
        guard case let .string(s) = d.value, let kind = DesignKind(rawValue: s) else {
          throw err(d.line, "robustness.design", "allowed: \(DesignKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        u.design = kind
      }
      func int(_ key: String, _ range: ClosedRange<Int>) throws(ExperimentError) -> Int? {
        guard let x = rt.entry(key) else { return nil }
        guard case let .integer(i) = x.value else { throw err(x.line, "robustness.\(key)", "expected a whole number, got \(x.value.typeName)") }
        guard range.contains(i) else { throw err(x.line, "robustness.\(key)", "\(i) is out of range; allowed: \(range.lowerBound) ... \(range.upperBound)") }
        return i
      }
      // 0 switches the sampled worlds off (`--worlds 0`: the nominal world alone).
      if let n = try int("samples", 0...Uncertainty.samplesRange.upperBound) {
        if n == 0 { return nil }
        u.samples = n
      }
      if let n = try int("trials", Uncertainty.trialsRange) { u.trialsPerWorld = n }
      if let n = try int("resamples", Uncertainty.resamplesRange) { u.resamples = n }
      if let n = try int("levels", 2...32) {
        guard n % 2 == 0 else { throw err(rt.entry("levels")!.line, "robustness.levels", "\(n) is odd; Morris levels must be even (4 is usual)") }
        u.levels = n
      }
      if let p = rt.entry("pair") {
        guard case let .array(items) = p.value, items.count == 2, case let .string(a) = items[0], case let .string(b) = items[1], a != b else {
          throw err(p.line, "robustness.pair", "expected two different strategy names, e.g. [\"just-good-enough\", \"good-enough\"]")
        }
        for n in [a, b] where !strategies.contains(where: { $0.name == n }) {
          throw err(p.line, "robustness.pair", "'\(n)' is not one of this experiment's strategies: \(strategies.map(\.name).joined(separator: ", "))")
        }
        u.pair = [a, b]
      }
    }
    // Rank correlations need three worlds; a Saltelli base sample or Morris trajectories, two.
    let least = u.design == .saltelli || u.design == .morris ? 2 : 3
    if u.samples < least {
      throw err(doc.entry("robustness")?.line, "robustness.samples", "\(u.samples) is too few for \(u.design.rawValue): at least \(least)\(least == 3 ? " worlds (rank correlations need three)" : ""), or 0 for the nominal world alone")
    }
    if u.design == .sobol && u.dimensions > QuasiRandomSequence.maxDimensions(.sobol) {
      throw err(doc.entry("robustness")?.line, "robustness.design", "sobol takes at most \(QuasiRandomSequence.maxDimensions(.sobol)) parameters; [uncertainty] has \(u.dimensions): use halton or latin-hypercube")
    }
    return u
  }

  /// One explicit entry: a world, population, segment or controller/scorecard key, `segment.*.FIELD`
  /// (one draw for every segment), `market.NAME.FIELD`, or `strategy.NAME.LEVER` (how one
  /// strategy is carried out).
  static func resolveKey(_ key: String, value: TOMLValue, line: Int, strategies: [Strategy], markets: [Market], file: String) throws(ExperimentError) -> [UncertainParameter] {
    let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
    let k = "uncertainty.\(key)"
    switch parts.first {
    case "strategy":
      // How a named strategy is carried out is uncertain (the seed texts say what a strategy aims
      // at, not its exact levers): implementation uncertainty, one strategy's lever at a time. To
      // choose a lever, sweep it instead.
      guard parts.count == 3, parts[1] != "*", let f = Fields.levers.first(where: { $0.name == parts[2] }), f.isNumeric else {
        throw ExperimentError(file: file, line: line, key: k, message: "'\(key)' is not one strategy's numeric lever (strategy.NAME.LEVER: how that strategy is carried out); to choose a lever, sweep it ([[sweep]])")
      }
      guard let s = strategies.first(where: { $0.name == parts[1] }) else {
        throw ExperimentError(file: file, line: line, key: k, message: "'\(parts[1])' is not one of this experiment's strategies: \(strategies.map(\.name).joined(separator: ", "))")
      }
      if case .string("default") = value, let r = f.parameter.plausible, let nominal = f.get(s.levers).number, !r.contains(nominal) {
        throw ExperimentError(file: file, line: line, key: k, message: "the lever's plausible range [\(formatParameterNumber(r.lowerBound)), \(formatParameterNumber(r.upperBound))] does not contain \(s.name)'s own value \(formatParameterNumber(nominal)); give a range around it, e.g. { low = …, high = … }")
      }
      return [try parameter(f.parameter, key: key, spec: value, line: line, file: file, documented: f.get(Strategy.goodEnough.levers).number)]
    case "market":
      guard parts.count == 3, let f = Fields.market.first(where: { $0.name == parts[2] }), f.isNumeric else {
        throw ExperimentError(file: file, line: line, key: k, message: "'\(key)' is not a numeric market field (market.NAME.FIELD)")
      }
      // One draw for every market would erase what makes the markets differ (a monopoly's
      // switching cost): each market's field is its own uncertain parameter.
      guard parts[1] != "*" else {
        throw ExperimentError(file: file, line: line, key: k, message: "markets differ in \(parts[2]); name each market's own: \(markets.map { "market.\($0.name).\(parts[2])" }.joined(separator: ", "))")
      }
      guard let market = markets.first(where: { $0.name == parts[1] }) else {
        throw ExperimentError(file: file, line: line, key: k, message: "'\(parts[1])' is not one of this experiment's markets: \(markets.map(\.name).joined(separator: ", "))")
      }
      // "default": the market context's own range (a competitive market's switching cost is not
      // sampled from a monopoly's), MarketParameters.contextRanges.
      let range = MarketParameters.plausibleRange(parts[2], context: market.context)
      if case .string("default") = value, let r = range, let nominal = f.get(market).number, !r.contains(nominal) {
        throw ExperimentError(file: file, line: line, key: k, message: "the documented plausible range of a \(market.context) market [\(formatParameterNumber(r.lowerBound)), \(formatParameterNumber(r.upperBound))] does not contain \(market.name)'s own value \(formatParameterNumber(nominal)); give a range around it, e.g. { low = …, high = … }")
      }
      return [try parameter(f.parameter, key: key, spec: value, line: line, file: file, plausible: range,
                            documented: Market.named(market.context).flatMap { f.get($0).number })]
    case "segment" where parts.count == 3 && parts[1] == "*":
      let fields = Segment.allCases.compactMap { Fields.world(key: "segment.\($0).\(parts[2])") }
      guard let f = fields.first, f.isNumeric else {
        throw ExperimentError(file: file, line: line, key: k, message: "'\(parts[2])' is not a numeric segment field")
      }
      if case .string("default") = value {
        // Each segment has its own plausible range: one parameter per segment.
        var out: [UncertainParameter] = []
        for g in fields { out.append(try parameter(g.parameter, key: g.key, spec: value, line: line, file: file, documented: g.get(World()).number)) }
        return out
      }
      return [try parameter(f.parameter, key: key, spec: value, line: line, file: file)]
    default:
      guard let f = Fields.world(key: key), f.isNumeric else {
        let hint = nearest(key, in: Fields.worldAll.filter(\.isNumeric).map(\.key)).map { " (did you mean '\($0)'?)" } ?? ""
        throw ExperimentError(file: file, line: line, key: k, message: "'\(key)' is not an uncertain parameter\(hint); use a numeric world, population, segment, controller or scorecard key, market.NAME.FIELD or strategy.NAME.LEVER (sweetspot keys lists them)")
      }
      return [try parameter(f.parameter, key: key, spec: value, line: line, file: file, documented: f.get(World()).number)]
    }
  }

  /// A distribution from `"default"` or a table, checked against the parameter's allowed values.
  /// `plausible` replaces the parameter's documented range for `"default"` (a market context's
  /// own); `documented` is the documented default, which decides between a uniform and a
  /// log-uniform draw over that range (`isGeometric`).
  static func parameter<T>(_ p: Parameter<T>, key: String, spec: TOMLValue, line: Int, file: String,
                           section: String = "uncertainty", plausible: ClosedRange<Double>? = nil,
                           documented: Double? = nil) throws(ExperimentError) -> UncertainParameter {
    let k = "\(section).\(key)"
    func fail(_ message: String) -> ExperimentError { ExperimentError(file: file, line: line, key: k, message: message) }
    let allowed = (p.bounds?.lower ?? -Double.greatestFiniteMagnitude)...(p.bounds?.upper ?? Double.greatestFiniteMagnitude)
    func inside(_ x: Double, _ what: String) throws(ExperimentError) {
      if let problem = p.problem(with: .number(p.kind == .integer ? x.rounded() : x)) { throw fail("\(what) \(formatParameterNumber(x)): \(problem)") }
    }
    let distribution: UncertainDistribution
    let given: String
    switch spec {
    case .string("default"):
      guard let r = plausible ?? p.plausible, r.lowerBound < r.upperBound else {
        throw fail("has no plausible range to take by default; give { low = …, high = … }")
      }
      distribution = isGeometric(r, around: documented) ? .logUniform(low: r.lowerBound, high: r.upperBound) : .uniform(low: r.lowerBound, high: r.upperBound)
      given = "default"
    case let .table(t):
      for e in t.entries where !distributionKeys.contains(e.key) {
        throw fail("unknown key '\(e.key)'; a distribution takes distribution, low, high, mode, mean, sd, mu, sigma, a, b")
      }
      func number(_ name: String) throws(ExperimentError) -> Double {
        guard let e = t.entry(name) else { throw fail("needs \(name)") }
        guard let x = e.value.number else { throw fail("\(name) must be a number, got \(e.value.typeName)") }
        guard x.isFinite else { throw fail("\(name) must be finite, got \(formatParameterNumber(x))") }
        return x
      }
      var kind = "uniform"
      if let d = t.entry("distribution") {
        guard case let .string(s) = d.value, ["uniform", "loguniform", "triangular", "normal", "lognormal", "beta"].contains(s) else {
          throw fail("distribution: allowed: uniform, loguniform, triangular, normal, lognormal, beta")
        }
        kind = s
      }
      let expected: [String: Set<String>] = [
        "uniform": ["low", "high"], "loguniform": ["low", "high"], "triangular": ["low", "mode", "high"], "normal": ["mean", "sd"],
        "lognormal": ["mu", "sigma"], "beta": ["a", "b", "low", "high"],
      ]
      for e in t.entries where e.key != "distribution" && !expected[kind]!.contains(e.key) {
        throw fail("'\(e.key)' does not belong to a \(kind) distribution; it takes \(expected[kind]!.sorted().joined(separator: ", "))")
      }
      switch kind {
      case "triangular": distribution = .triangular(low: try number("low"), mode: try number("mode"), high: try number("high"))
      case "normal": distribution = .normal(mean: try number("mean"), sd: try number("sd"))
      case "lognormal": distribution = .lognormal(mu: try number("mu"), sigma: try number("sigma"))
      case "beta": distribution = .beta(a: try number("a"), b: try number("b"), low: try number("low"), high: try number("high"))
      case "loguniform": distribution = .logUniform(low: try number("low"), high: try number("high"))
      default: distribution = .uniform(low: try number("low"), high: try number("high"))
      }
      given = kind
    default:
      throw fail("expected \"default\" or a distribution table such as { low = 2, high = 8 }, got \(spec.typeName)")
    }
    if let problem = distribution.validate() { throw fail(problem) }
    switch distribution {
    case let .uniform(low, high), let .triangular(low, _, high), let .beta(_, _, low, high), let .logUniform(low, high):
      try inside(low, "low"); try inside(high, "high")
    case let .normal(mean, _): try inside(mean, "mean")
    case let .lognormal(mu, _): try inside(exp(mu), "the median e^mu")
    }
    return UncertainParameter(key: key, distribution: distribution, allowed: allowed, isInteger: p.kind == .integer, unit: p.unit, given: given)
  }
}
