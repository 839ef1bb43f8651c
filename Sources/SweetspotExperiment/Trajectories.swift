import SweetspotModel
import SweetspotNumerics

/// trajectories.csv: the week-by-week state (`WeekSnapshot`) of every scenario × strategy ×
/// trial of a finished run, tidy: one row per scenario × strategy × trial × week, the scenario's
/// columns as trials.csv names them.
///
/// Recomputed, never checkpointed: a trial is a pure function of (configuration, seed, trial
/// index), so once the results exist every trial is simulated again with recording on (the same
/// code path as the run, `Trial.recorded`) and the rows are placed by index. The file is then the
/// same bytes for any thread count, sharding, resume or merge by construction, and the run itself
/// pays nothing for it.
public struct Trajectories: Sendable {
  public static let file = "trajectories.csv"
  /// Why an industry run has none: its firms' year-by-year figures are firm_years.csv.
  public static let industryMessage = "an industry run has no trajectories (they follow one firm per strategy); its firms' year-by-year figures are in firm_years.csv"

  /// One recorded trial: which scenario, strategy and trial, and its weeks.
  public struct Path: Sendable {
    public let scenario: Int
    public let strategy: Int
    public let trial: Int
    public let weeks: [WeekSnapshot]
  }

  public let experimentName: String
  public let strategyNames: [String]
  public let scenarioLabels: [String]
  /// The trials recorded per scenario (the first `trialsPerScenario` of each).
  public let trialsPerScenario: Int
  /// The paths in file order: scenario, strategy in experiment order, trial.
  public let paths: [Path]
  let header: [String]
  let scenarioFields: [[String]]

  /// Re-simulates the first `trials` trials (all when nil) of every scenario of `runner`'s
  /// experiment, every strategy, with recording on. `runner` must be of the whole run (not a
  /// shard): the file covers every scenario. Results do not depend on `threads`.
  public init(runner: Runner, trials: Int? = nil, threads: Int) throws {
    let e = runner.experiment
    let scenarios = runner.scenarios
    var list: [(scenario: Int, strategy: Int, trial: Int)] = []
    var perScenario = 0
    for s in scenarios.indices {
      let n = min(trials ?? scenarios[s].trials, scenarios[s].trials)
      perScenario = max(perScenario, n)
      for j in scenarios[s].strategies.indices { for t in 0..<n { list.append((s, j, t)) } }
    }
    let units = list
    let inner = runner.parallelWithinTrials ? threads : 1
    let outer = runner.parallelWithinTrials ? 1 : threads
    let seed = e.seed
    defer { Population.releaseSpareColumns() }  // big trials' columns, kept from trial to trial
    paths = try parallelMap(count: units.count, threads: outer) { i in
      let u = units[i], sc = scenarios[u.scenario]
      let weeks = try Trial.recorded(sc.configuration, strategy: sc.strategies[u.strategy], market: sc.market, seed: seed,
                                     trial: sc.streamOffset + u.trial, threads: inner).weeks
      return Path(scenario: u.scenario, strategy: u.strategy, trial: u.trial, weeks: weeks)
    }
    experimentName = e.name
    strategyNames = e.strategies.map(\.name)
    trialsPerScenario = perScenario
    let sweepKeys = e.sweeps.map(\.key)
    let hasWorlds = e.uncertainty != nil
    scenarioFields = ResultTable.scenarioFields(scenarios, sweepKeys: sweepKeys, hasWorlds: hasWorlds)
    header = ["scenario", "market"] + ResultTable.sweepColumns(sweepKeys) + (hasWorlds ? ["world"] : []) + ["strategy", "trial", "week"]
      + WeekSnapshot.columns
    scenarioLabels = scenarios.map(\.label)
  }

  /// The table: a header, then one row per path and week, in path order.
  public var csv: String {
    let kinds: [Metric.Kind] = WeekSnapshot.columns.map { WeekSnapshot.countColumns.contains($0) ? .count : .real }
    var s = CSV.line(header) + "\n"
    for p in paths {
      let lead = scenarioFields[p.scenario] + [strategyNames[p.strategy], String(p.trial)]
      for w in p.weeks {
        s += CSV.line(lead + [String(w.week)] + zip(w.values, kinds).map { csvValue($0, $1) }) + "\n"
      }
    }
    return s
  }

  /// The recorded trials of one scenario and strategy, in trial order.
  public func paths(scenario: Int, strategy: Int) -> [[WeekSnapshot]] {
    paths.filter { $0.scenario == scenario && $0.strategy == strategy }.map(\.weeks)
  }
}
