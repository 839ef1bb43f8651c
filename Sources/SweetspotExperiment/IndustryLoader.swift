import SweetspotModel

/// Reading `[industry]` (docs/EXPERIMENTS.md, "Industries").
///
///     [industry]
///     firms = 60
///     mix = { "good-enough" = 2, "minimal" = 1 }   # weights of the experiment's strategies (default: equal)
///     outside_option = true                         # shoppers may buy from no firm
///     quality_spread = 0.04                         # sd of product quality across firms
///     size_spread = 0.8                             # log-sd of starting sizes (0: equal)
///     switching_spread = 0.15                       # sd of firms' switching costs (lock-in)
///     exit_below = 0.3                              # leave at a year's end below 30% of the start
///     attitude_weight = 10                          # industry.* choice-model assumptions
///     [industry.levers]                             # drawn per firm, overriding its strategy's value
///     service_level_target = { low = 0.5, high = 0.95 }
///     price = { distribution = "triangular", low = 0.9, mode = 1, high = 1.1 }
extension ExperimentLoader {
  static let industryKeys = ["firms", "mix", "outside_option", "quality_spread", "size_spread", "switching_spread", "exit_below", "levers"]

  /// The industry setup, with its `industry.*` choice-model keys applied to `world`; nil without `[industry]`.
  static func industry(_ doc: TOMLTable, strategies: [Strategy], world: inout World, file: String) throws(ExperimentError) -> IndustrySetup? {
    guard let e = doc.entry("industry") else { return nil }
    func err(_ line: Int?, _ key: String, _ message: String) -> ExperimentError { ExperimentError(file: file, line: line, key: key, message: message) }
    guard case let .table(t) = e.value else { throw err(e.line, "industry", "expected a table [industry]") }
    let choice = Fields.world(section: "industry")
    try unknownKeys(t, allowed: industryKeys + choice.map(\.name), prefix: "industry.", file: file)
    guard let f = t.entry("firms") else { throw err(e.line, "industry.firms", "is required: the number of firms (1 … \(IndustrySetup.maxFirms))") }
    guard case let .integer(firms) = f.value, (1...IndustrySetup.maxFirms).contains(firms) else {
      let got: String
      if case let .integer(i) = f.value { got = String(i) } else { got = f.value.typeName }
      throw err(f.line, "industry.firms", "expected a whole number in 1 ... \(IndustrySetup.maxFirms), got \(got)")
    }
    var weights = [Double](repeating: 1, count: strategies.count)
    if let m = t.entry("mix") {
      guard case let .table(mix) = m.value else {
        throw err(m.line, "industry.mix", "expected a table of weights by strategy, e.g. { \"good-enough\" = 2, minimal = 1 }")
      }
      weights = [Double](repeating: 0, count: strategies.count)
      for entry in mix.entries {
        guard let k = strategies.firstIndex(where: { $0.name == entry.key }) else {
          throw err(entry.line, "industry.mix.\(entry.key)", "'\(entry.key)' is not one of this experiment's strategies: \(strategies.map(\.name).joined(separator: ", "))")
        }
        guard let x = entry.value.number, x.isFinite, x >= 0, x <= 1e9 else {
          throw err(entry.line, "industry.mix.\(entry.key)", "a weight must be a number in 0 ... 1e9")
        }
        weights[k] = x
      }
      guard weights.contains(where: { $0 > 0 }) else { throw err(m.line, "industry.mix", "needs at least one weight above 0") }
    }
    var outside = true
    if let o = t.entry("outside_option") {
      guard case let .bool(b) = o.value else { throw err(o.line, "industry.outside_option", "expected true or false") }
      outside = b
    }
    func number(_ key: String, _ range: ClosedRange<Double>, _ what: String) throws(ExperimentError) -> Double {
      guard let q = t.entry(key) else { return 0 }
      guard let x = q.value.number, x.isFinite, range.contains(x) else {
        throw err(q.line, "industry.\(key)", "expected a number in \(formatParameterNumber(range.lowerBound)) ... \(formatParameterNumber(range.upperBound)) (\(what))")
      }
      return x
    }
    let spread = try number("quality_spread", 0...0.5, "the standard deviation of product quality across firms")
    let size = try number("size_spread", 0...3, "the log-standard deviation of firms' starting sizes")
    let switching = try number("switching_spread", 0...0.5, "the standard deviation of firms' switching costs")
    let exit = try number("exit_below", 0...1, "the share of its starting customers below which a firm leaves at a year's end")
    var draws: [LeverDraw] = []
    if let l = t.entry("levers") {
      guard case let .table(levers) = l.value else { throw err(l.line, "industry.levers", "expected a table [industry.levers]") }
      for entry in levers.entries {
        guard let field = Fields.levers.first(where: { $0.name == entry.key }), field.isNumeric else {
          throw err(entry.line, "industry.levers.\(entry.key)", unknownKeyMessage(entry.key, allowed: Fields.levers.filter(\.isNumeric).map(\.name), prefix: "industry.levers."))
        }
        let p = try parameter(field.parameter, key: "levers.\(entry.key)", spec: entry.value, line: entry.line, file: file, section: "industry")
        draws.append(LeverDraw(lever: entry.key, description: p.summary, quantile: { p.value(at: $0) }))
      }
    }
    var rest = TOMLTable()
    for entry in t.entries where !industryKeys.contains(entry.key) { rest.set(entry.key, entry.value, line: entry.line) }
    try applyFields(rest, choice, to: &world, prefix: "industry.", file: file)
    return IndustrySetup(firms: firms, weights: weights, leverDraws: draws, qualitySpread: spread, outsideOption: outside,
                         sizeSpread: size, switchingSpread: switching, exitBelow: exit)
  }
}
