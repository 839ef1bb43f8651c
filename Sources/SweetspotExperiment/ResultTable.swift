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
  /// A robustness run: trials.csv has a `world` column (0: nominal, 1 … W: sampled worlds).
  public let hasWorlds: Bool
  public private(set) var rows: [Row] = []

  public init(runner: Runner) {
    scenarios = runner.scenarios
    strategyNames = runner.experiment.strategies.map(\.name)
    sweepKeys = runner.experiment.sweeps.map(\.key)
    hasWorlds = runner.experiment.uncertainty != nil
  }

  init(scenarios: [Scenario], strategyNames: [String], sweepKeys: [String], hasWorlds: Bool) {
    self.scenarios = scenarios; self.strategyNames = strategyNames; self.sweepKeys = sweepKeys; self.hasWorlds = hasWorlds
  }

  /// The rows of the nominal world only, its scenarios renumbered 0 … n − 1 in order: what the
  /// main report analyses (a run without uncertainty is its own nominal table).
  public var nominal: ResultTable {
    guard hasWorlds else { return self }
    var renumber: [Int: Int] = [:]
    var kept: [Scenario] = []
    for sc in scenarios where sc.world == 0 {
      renumber[sc.index] = kept.count
      var copy = sc
      copy.index = kept.count
      kept.append(copy)
    }
    var out = ResultTable(scenarios: kept, strategyNames: strategyNames, sweepKeys: sweepKeys, hasWorlds: false)
    for r in rows { if let s = renumber[r.scenario] { out.rows.append(Row(scenario: s, strategy: r.strategy, trial: r.trial, values: r.values)) } }
    return out
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
    (["scenario", "market"] + sweepKeys + (hasWorlds ? ["world"] : []) + ["strategy", "trial"] + Metric.allCases.map(\.rawValue)).joined(separator: ",")
  }

  public func line(_ r: Row) -> String {
    let sc = scenarios[r.scenario]
    var fields = [String(r.scenario), sc.market.name]
    fields += sc.assignments.map { csvNumber($0.value) }
    if hasWorlds { fields.append(String(sc.world)) }
    fields += [strategyNames[r.strategy], String(r.trial)]
    fields += r.values.map(csvNumber)
    return fields.joined(separator: ",")
  }

  public var csv: String {
    var s = header + "\n"
    for r in rows { s += line(r) + "\n" }
    return s
  }

  // MARK: Reading back, verified

  /// A row's identity: which scenario, strategy and trial.
  public struct Key: Hashable, Sendable {
    public let scenario: Int
    public let strategy: Int
    public let trial: Int
  }

  /// The keys of the rows of `items`: every strategy of every item.
  public func keys(_ items: some Sequence<WorkItem>) -> [Key] {
    items.flatMap { item in strategyNames.indices.map { Key(scenario: item.scenario, strategy: $0, trial: item.trial) } }
  }

  func describe(_ k: Key) -> String { "scenario \(k.scenario), strategy \(strategyNames[k.strategy]), trial \(k.trial)" }

  /// Reads rows written by `line(_:)` (a checkpoint's rows, or a whole trials.csv when `header`)
  /// and checks that they are exactly the rows `expected`, each once, every line byte for byte as
  /// this experiment writes it. `firstLine` is the file line of the text's first line (for messages).
  public func parse(_ text: String, source: String, header: Bool, expected: [Key], firstLine: Int = 1) throws(ExperimentError) -> [Row] {
    func fail(_ line: Int?, _ message: String) -> ExperimentError { ExperimentError(file: source, line: line, message: message) }
    let rowsWanted = "\(expected.count) row\(expected.count == 1 ? "" : "s")"
    if text.isEmpty { throw fail(nil, "is empty; expected \(header ? "the header and " : "")\(rowsWanted)") }
    guard text.utf8.last == UInt8(ascii: "\n") else { throw fail(nil, "is truncated: its last line has no line break") }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    lines.removeLast()  // the empty text after the final line break
    var first = 0
    if header {
      guard lines.first == Substring(self.header) else {
        throw fail(firstLine, "is not a trials table of this experiment: the header differs from \"\(self.header.prefix(60))…\"")
      }
      first = 1
    }
    let wanted = Set(expected)
    var seen: [Key: Int] = [:]
    seen.reserveCapacity(expected.count)
    var out: [Row] = []
    out.reserveCapacity(expected.count)
    let lead = sweepKeys.count + (hasWorlds ? 1 : 0)  // columns between market and strategy
    let fieldCount = 4 + lead + Metric.allCases.count
    for i in first..<lines.count {
      let l = lines[i], lineNumber = firstLine + i
      let f = l.split(separator: ",", omittingEmptySubsequences: false)
      guard f.count == fieldCount, let sc = Int(f[0]), sc >= 0, sc < scenarios.count,
            let st = strategyNames.firstIndex(of: String(f[2 + lead])),
            let trial = Int(f[3 + lead]) else {
        throw fail(lineNumber, "not a row of this experiment's results")
      }
      var values: [Double] = []
      values.reserveCapacity(Metric.allCases.count)
      for v in f[(4 + lead)...] {
        guard let x = v == "nan" ? Double.nan : Double(v) else { throw fail(lineNumber, "'\(escapingControlCharacters(String(v.prefix(40))))' is not a number") }
        values.append(x)
      }
      let row = Row(scenario: sc, strategy: st, trial: trial, values: values)
      let key = Key(scenario: sc, strategy: st, trial: trial)
      guard wanted.contains(key) else {
        throw fail(lineNumber, "\(describe(key)) does not belong in this file (a row of another chunk, shard or run?)")
      }
      if let previous = seen[key] { throw fail(lineNumber, "\(describe(key)) appears twice (also on line \(previous))") }
      guard line(row) == l else { throw fail(lineNumber, "the row of \(describe(key)) is not as sweetspot wrote it (edited?)") }
      seen[key] = lineNumber
      out.append(row)
    }
    if out.count != expected.count, let missing = expected.first(where: { seen[$0] == nil }) {
      let more = expected.count - out.count - 1
      throw fail(nil, "holds \(out.count) of \(rowsWanted); missing \(describe(missing))\(more > 0 ? " and \(more) more" : "")")
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
