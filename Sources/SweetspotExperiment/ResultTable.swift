import SweetspotModel
import SweetspotNumerics

/// The tidy table of trial outcomes: one row per scenario × strategy × trial, and its
/// serialization. Rows are sorted (scenario, strategy in experiment order, trial), so a table
/// assembled from chunks, shards or a resumed run is byte-identical to one computed at once.
public struct ResultTable: Sendable {
  public struct Row: Sendable, Equatable {
    public var scenario: Int
    public var strategy: Int
    public var trial: Int
    public var values: [Double]
  }

  public let scenarios: [Scenario]
  public let strategyNames: [String]
  public let sweepKeys: [String]
  public private(set) var rows: [Row] = []

  public init(runner: Runner) {
    scenarios = runner.scenarios
    strategyNames = runner.experiment.strategies.map(\.name)
    sweepKeys = runner.experiment.sweeps.map(\.key)
  }

  public mutating func add(_ r: ItemResult) {
    for (s, o) in r.outcomes.enumerated() {
      rows.append(Row(scenario: r.item.scenario, strategy: s, trial: r.item.trial, values: o.values))
    }
  }

  public mutating func add(_ row: Row) { rows.append(row) }

  public mutating func sort() {
    rows.sort { ($0.scenario, $0.strategy, $0.trial) < ($1.scenario, $1.strategy, $1.trial) }
  }

  // MARK: CSV

  public var header: String {
    (["scenario", "market"] + sweepKeys + ["strategy", "trial"] + Metric.allCases.map(\.rawValue)).joined(separator: ",")
  }

  public func line(_ r: Row) -> String {
    let sc = scenarios[r.scenario]
    var fields = [String(r.scenario), sc.market.name]
    fields += sc.assignments.map { csvNumber($0.value) }
    fields += [strategyNames[r.strategy], String(r.trial)]
    fields += r.values.map(csvNumber)
    return fields.joined(separator: ",")
  }

  public var csv: String {
    var s = header + "\n"
    for r in rows { s += line(r) + "\n" }
    return s
  }

  /// Parses lines written by `line(_:)` (checkpoints and shards) back into rows.
  public func parse(_ text: String, source: String) throws(ExperimentError) -> [Row] {
    var out: [Row] = []
    let expected = 4 + sweepKeys.count + Metric.allCases.count
    for (n, l) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
      if l == Substring(header) { continue }
      let f = l.split(separator: ",", omittingEmptySubsequences: false)
      guard f.count == expected, let sc = Int(f[0]), sc >= 0, sc < scenarios.count,
            let st = strategyNames.firstIndex(of: String(f[2 + sweepKeys.count])),
            let trial = Int(f[3 + sweepKeys.count]) else {
        throw ExperimentError(file: source, line: n + 1, message: "not a row of this experiment's results")
      }
      var values: [Double] = []
      for v in f[(4 + sweepKeys.count)...] {
        guard let x = v == "nan" ? Double.nan : Double(v) else {
          throw ExperimentError(file: source, line: n + 1, message: "'\(v)' is not a number")
        }
        values.append(x)
      }
      out.append(Row(scenario: sc, strategy: st, trial: trial, values: values))
    }
    return out
  }
}

/// Numbers in result files: Swift's shortest representation that reads back to the same Double
/// (so files round-trip exactly), "nan" for undefined values.
public func csvNumber(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  return "\(x)"
}
