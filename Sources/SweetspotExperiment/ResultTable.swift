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
  /// The rows' second key: the strategies, or an industry's firms (`Experiment.rowNames`).
  public let strategyNames: [String]
  /// The value columns after `trial`: every metric, then an industry's own (`Experiment.resultColumns`).
  public let columns: [ResultColumn]
  public let sweepKeys: [String]
  /// A robustness run: trials.csv has a `world` column (0: nominal, 1 … W: sampled worlds).
  public let hasWorlds: Bool
  public private(set) var rows: [Row] = []

  /// Each scenario's identifying fields as written: index, market and swept values (a sweep's
  /// values are written as integers when all of them are whole, so its column has one type).
  let scenarioFields: [[String]]

  public init(runner: Runner) {
    scenarios = runner.scenarios
    strategyNames = runner.experiment.rowNames
    columns = runner.experiment.resultColumns
    sweepKeys = runner.experiment.sweeps.map(\.key)
    hasWorlds = runner.experiment.uncertainty != nil
    scenarioFields = Self.scenarioFields(runner.scenarios, sweepKeys: sweepKeys, hasWorlds: hasWorlds)
  }

  init(scenarios: [Scenario], strategyNames: [String], sweepKeys: [String], hasWorlds: Bool, columns: [ResultColumn] = ResultColumn.metrics) {
    self.scenarios = scenarios; self.strategyNames = strategyNames; self.sweepKeys = sweepKeys; self.hasWorlds = hasWorlds
    self.columns = columns
    scenarioFields = Self.scenarioFields(scenarios, sweepKeys: sweepKeys, hasWorlds: hasWorlds)
  }

  /// Index, market, swept values (integers when all of a sweep's values are whole, so its column
  /// has one type) and, in a robustness run, the world.
  static func scenarioFields(_ scenarios: [Scenario], sweepKeys: [String], hasWorlds: Bool) -> [[String]] {
    let integral = sweepKeys.indices.map { k in scenarios.allSatisfy { isWholeNumber($0.assignments[k].value) } }
    return scenarios.enumerated().map { i, sc in
      [String(i), sc.market.name] + sc.assignments.enumerated().map { k, a in integral[k] ? String(Int64(a.value)) : csvNumber(a.value) }
        + (hasWorlds ? [String(sc.world)] : [])
    }
  }

  /// The rows of the nominal world only, at positions 0 … n − 1 in order: what the main report
  /// analyses (a run without uncertainty is its own nominal table).
  public var nominal: ResultTable {
    guard hasWorlds else { return self }
    var renumber: [Int: Int] = [:]
    var kept: [Scenario] = []
    // Rows are renumbered to positions 0 … n − 1; each scenario keeps its index in trials.csv,
    // so report files name the same scenario as trials.csv and summary.csv.
    for sc in scenarios where sc.world == 0 {
      renumber[sc.index] = kept.count
      kept.append(sc)
    }
    var out = ResultTable(scenarios: kept, strategyNames: strategyNames, sweepKeys: sweepKeys, hasWorlds: false, columns: columns)
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

  /// The columns of the swept keys (`ColumnName`): valid names in R and pandas.
  public var sweepColumns: [String] { Self.sweepColumns(sweepKeys) }

  public static func sweepColumns(_ keys: [String]) -> [String] { ColumnName.columns(keys, avoiding: Set(fixedColumns)) }

  static let fixedColumns = ["scenario", "market", "strategy", "trial", "metric", "n", "mean", "sd", "ci95_low", "ci95_high", "firm", "year"]
    + SummaryStatistic.quantileNames + Metric.allCases.map(\.rawValue)

  public var header: String {
    CSV.line(["scenario", "market"] + sweepColumns + (hasWorlds ? ["world"] : []) + ["strategy", "trial"] + columns.map(\.name))
  }

  public func line(_ r: Row) -> String {
    var fields = scenarioFields[r.scenario]
    fields += [strategyNames[r.strategy], String(r.trial)]
    fields += zip(r.values, columns).map { csvValue($0, $1.kind) }
    return CSV.line(fields)
  }

  /// The index of a value column by name.
  public func column(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

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
    let wanted = Set(expected)
    var seen: [Key: Int] = [:]
    seen.reserveCapacity(expected.count)
    var out: [Row] = []
    out.reserveCapacity(expected.count)
    let lead = sweepKeys.count + (hasWorlds ? 1 : 0)  // columns between market and strategy
    let fieldCount = 4 + lead + columns.count
    var isHeader = header
    func read(_ record: CSV.Record) throws(ExperimentError) {
      if isHeader {
        isHeader = false
        guard record.text == Substring(self.header) else {
          if record.text == Substring(Legacy.header(self)) { throw fail(firstLine, Legacy.message) }
          throw fail(firstLine, "is not a trials table of this experiment: the header differs from \"\(self.header.prefix(60))…\"")
        }
        return
      }
      let f = record.fields, lineNumber = firstLine + record.line - 1
      guard f.count == fieldCount, let sc = Int(f[0]), sc >= 0, sc < scenarios.count,
            let st = strategyNames.firstIndex(of: f[2 + lead]),
            let trial = Int(f[3 + lead]) else {
        throw fail(lineNumber, "not a row of this experiment's results")
      }
      var values: [Double] = []
      values.reserveCapacity(columns.count)
      for (v, m) in zip(f[(4 + lead)...], columns) {
        guard let x = parseCSVValue(v, m.kind) else { throw fail(lineNumber, "'\(escapingControlCharacters(String(v.prefix(40))))' is not a \(m.kind == .flag ? "TRUE/FALSE flag" : "number") (\(m.name))") }
        values.append(x)
      }
      let row = Row(scenario: sc, strategy: st, trial: trial, values: values)
      let key = Key(scenario: sc, strategy: st, trial: trial)
      guard wanted.contains(key) else {
        throw fail(lineNumber, "\(describe(key)) does not belong in this file (a row of another chunk, shard or run?)")
      }
      if let previous = seen[key] { throw fail(lineNumber, "\(describe(key)) appears twice (also on line \(previous))") }
      if line(row) != record.text && Legacy.line(self, row) == record.text { throw fail(lineNumber, Legacy.message) }
      guard line(row) == record.text else { throw fail(lineNumber, "the row of \(describe(key)) is not as sweetspot wrote it (edited?)") }
      seen[key] = lineNumber
      out.append(row)
    }
    do {
      try CSV.forEachRecord(in: text) { record in try read(record) }
    } catch let e as ExperimentError {
      throw e
    } catch let e as CSV.SyntaxError {
      throw fail(firstLine + e.line - 1, "is not valid CSV: \(e.message)")
    } catch {
      throw fail(nil, "\(error)")
    }
    if out.count != expected.count, let missing = expected.first(where: { seen[$0] == nil }) {
      let more = expected.count - out.count - 1
      throw fail(nil, "holds \(out.count) of \(rowsWanted); missing \(describe(missing))\(more > 0 ? " and \(more) more" : "")")
    }
    return out
  }
}

/// A value column of trials.csv: its name and what kind of number it holds (how it is written).
public struct ResultColumn: Sendable, Equatable {
  public let name: String
  public let kind: Metric.Kind
  public init(name: String, kind: Metric.Kind) { self.name = name; self.kind = kind }
  /// Every metric, in `Metric.allCases` order: the columns of a run that is not an industry.
  public static let metrics = Metric.allCases.map { ResultColumn(name: $0.rawValue, kind: $0.kind) }
}

/// Numbers in result files: Swift's shortest representation that reads back to the same Double
/// (so files round-trip exactly); an undefined (NaN) value is an empty field, which pandas reads
/// as NaN and R as NA.
public func csvNumber(_ x: Double) -> String {
  if x.isNaN { return "" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  return "\(x)"
}

/// A whole number a Double holds exactly (|x| < 2^53).
func isWholeNumber(_ x: Double) -> Bool { x.isFinite && x == x.rounded() && abs(x) < 9_007_199_254_740_992 }

/// A metric's value in trials.csv: counts as integers when whole (always, unless population.scale
/// is fractional), flags as `TRUE`/`FALSE` (pandas reads bool and R logical; R's `read.csv`
/// leaves lowercase `true`/`false` as text), anything else as
/// `csvNumber`. Every form reads back to the same Double (`parseCSVValue`).
public func csvValue(_ x: Double, _ kind: Metric.Kind) -> String {
  switch kind {
  case .flag where x == 1: return "TRUE"
  case .flag where x == 0: return "FALSE"
  case .count where isWholeNumber(x): return String(Int64(x))
  default: return csvNumber(x)
  }
}

/// The value `csvValue` wrote: empty is NaN; `TRUE`/`FALSE` only in a flag column.
public func parseCSVValue(_ s: String, _ kind: Metric.Kind) -> Double? {
  switch s {
  case "": return .nan
  case "TRUE" where kind == .flag: return 1
  case "FALSE" where kind == .flag: return 0
  case "inf": return .infinity
  case "-inf": return -.infinity
  default: return Double(s)
  }
}

/// The format of trials.csv and checkpoints before issue 15 (dotted sweep columns, unquoted fields, "nan",
/// counts and flags as decimals), recognized only to say so: such files are refused with a
/// message rather than read, since their checksums and columns belong to the old format.
enum Legacy {
  static let message = "was written by an older sweetspot (dotted column names, nan, 1.0/0.0 flags); rerun the experiment with this version to read it"

  static func number(_ x: Double) -> String { x.isNaN ? "nan" : x.isInfinite ? (x > 0 ? "inf" : "-inf") : "\(x)" }

  static func header(_ t: ResultTable) -> String {
    (["scenario", "market"] + t.sweepKeys + ["strategy", "trial"] + Metric.allCases.map(\.rawValue)).joined(separator: ",")
  }

  static func line(_ t: ResultTable, _ r: ResultTable.Row) -> String {
    let sc = t.scenarios[r.scenario]
    return ([String(r.scenario), sc.market.name] + sc.assignments.map { number($0.value) } + [t.strategyNames[r.strategy], String(r.trial)]
      + r.values.map(number)).joined(separator: ",")
  }
}
