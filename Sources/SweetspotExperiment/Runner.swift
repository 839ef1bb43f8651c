#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotModel
import SweetspotNumerics

/// Which part of the trials a run computes: shard K of N takes the trials t with
/// t mod N = K − 1, in every scenario (in a robustness run, by stream trial: a sampled world's
/// trials are numbered after the nominal ones and the earlier worlds', so worlds spread evenly).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  public let index: Int  // K, 1-based
  public let count: Int  // N

  public init(index: Int, count: Int) { self.index = index; self.count = count }

  /// Parses "K/N" with 1 ≤ K ≤ N.
  public init(parsing text: String) throws(ExperimentError) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, k >= 1, k <= n else {
      throw ExperimentError(file: "--shard", message: "'\(text)' is not K/N with 1 ≤ K ≤ N (for example --shard 2/8)")
    }
    self.init(index: k, count: n)
  }

  public static let whole = Shard(index: 1, count: 1)
  public func contains(trial: Int) -> Bool { trial % count == index - 1 }
  public var description: String { "\(index)/\(count)" }
}

/// One unit of work: every strategy of one scenario for one trial, on the same random numbers.
public struct WorkItem: Sendable, Equatable {
  public let scenario: Int
  public let trial: Int
}

/// The outcomes of one work item: one `TrialOutcome` per strategy, in experiment order.
public struct ItemResult: Sendable {
  public let item: WorkItem
  public let outcomes: [TrialOutcome]
}

/// Runs an experiment's trials in parallel, reproducibly.
///
/// Work items (scenario, trial) run on `parallelMap` workers; a trial's streams derive from
/// (experiment seed, trial index, purpose), so every item's outcome is the same whatever thread
/// runs it, whatever the thread count and whatever shard it belongs to. Items are processed in
/// fixed chunks of `chunkSize` (independent of the thread count) so a run can checkpoint each
/// chunk and resume from the chunks it finished.
public struct Runner: Sendable {
  public let experiment: Experiment
  public let scenarios: [Scenario]
  public let shard: Shard
  /// This shard's items, scenario-major, trial-minor (built once: chunks are slices of it).
  public let items: [WorkItem]
  public static let chunkSize = 16

  public init(experiment: Experiment, shard: Shard = .whole) throws(ExperimentError) {
    try Runner.checkResources(experiment, shard: shard)
    self.experiment = experiment
    self.scenarios = try experiment.scenarios()
    self.shard = shard
    var items: [WorkItem] = []
    for s in scenarios.indices {
      // A sampled world's trials continue the count (`shardOffset`), so worlds of one or two
      // trials spread over the shards instead of all landing in the first.
      for t in 0..<scenarios[s].trials where shard.contains(trial: scenarios[s].shardOffset + t) { items.append(WorkItem(scenario: s, trial: t)) }
    }
    self.items = items
  }

  /// Bytes a result row needs at the end of a run (its values, its CSV line, the copies made to
  /// write and checksum the file): an overestimate, measured at about 2.5 kB for 40 metrics.
  static let bytesPerRow = 3_072.0

  /// Refuses, before anything is allocated, an experiment whose names cannot be written to CSV
  /// or whose result table would not fit in memory (with the figures), so a run never dies of an
  /// allocation failure hours in. `validate` calls it too.
  public static func checkResources(_ e: Experiment, shard: Shard = .whole) throws(ExperimentError) {
    // The loader refuses such names with their line; this covers experiments made in code.
    for s in e.strategies where !Experiment.isCSVSafeName(s.name) {
      throw ExperimentError(file: e.file, key: "strategy", message: Experiment.csvUnsafeNameMessage("strategy", s.name))
    }
    for m in e.markets where !Experiment.isCSVSafeName(m.name) {
      throw ExperimentError(file: e.file, key: "market", message: Experiment.csvUnsafeNameMessage("market", m.name))
    }
    let scenarios = e.scenarioCount
    if scenarios > Double(Experiment.maxScenarios) {
      throw ExperimentError(file: e.file, key: e.uncertainty == nil ? "sweep" : "robustness.samples",
                            message: "markets × sweep values\(e.uncertainty == nil ? "" : " × worlds") give \(formatNumber(scenarios)) scenarios; at most \(Experiment.maxScenarios)")
    }
    // Stream trials: the nominal ones, then every sampled world's.
    let streamTrials = e.trials + (e.uncertainty.map { $0.worldCount * $0.trialsPerWorld } ?? 0)
    if shard.count > streamTrials {
      throw ExperimentError(file: "--shard", message: "'\(shard)': N may be at most the number of trials (\(streamTrials)\(e.uncertainty == nil ? "" : ", the sampled worlds' included")); more shards than trials leaves some empty")
    }
    // Trials t < n with t mod N = K − 1 (no overflow for any N).
    func shardTrials(_ n: Int) -> Double { Double(shard.index > n ? 0 : (n - shard.index) / shard.count + 1) }
    let cells = scenarios / Double(e.worldsPerCell)
    let worldTrials = Double((e.uncertainty?.worldCount ?? 0) * (e.uncertainty?.trialsPerWorld ?? 0))
    let perCell = shardTrials(e.trials) + (worldTrials / Double(shard.count)).rounded(.up)
    let rows = cells * Double(e.rowNames.count) * perCell
    let needed = rows * bytesPerRow * Double(e.resultColumns.count) / Double(ResultColumn.metrics.count)
    let physical = Double(sysconf(Int32(_SC_PHYS_PAGES))) * Double(sysconf(Int32(_SC_PAGESIZE)))
    if physical > 0 && needed > physical / 2 {
      throw ExperimentError(file: e.file, key: "trials", message: "the run would hold \(formatNumber(rows)) result rows (scenarios × strategies × trials), about \(gigabytes(needed)) of memory; this machine has \(gigabytes(physical)), and a run may use half: lower trials, sweep values, markets or strategies")
    }
  }

  private static func gigabytes(_ bytes: Double) -> String {
    let gb = bytes / 1_073_741_824
    return gb >= 100 ? "\(formatNumber(gb.rounded())) GB" : "\(formatNumber((gb * 10).rounded() / 10)) GB"
  }

  public var chunkCount: Int { (items.count + Runner.chunkSize - 1) / Runner.chunkSize }

  public func chunk(_ k: Int) -> ArraySlice<WorkItem> {
    items[(k * Runner.chunkSize)..<min(items.count, (k + 1) * Runner.chunkSize)]
  }

  /// Customer-weeks one item simulates (for throughput).
  public var customerWeeksPerItem: Double {
    Double(experiment.configuration.customers * experiment.configuration.weeks * (experiment.industry == nil ? experiment.strategies.count : 1))
  }

  /// Runs one item: every strategy on trial `item.trial` of scenario `item.scenario`, each
  /// trial spread over `trialThreads` (customer chunks; results do not depend on it).
  public func run(_ item: WorkItem, seed: UInt64? = nil, trialThreads: Int = 1) throws -> ItemResult {
    let sc = scenarios[item.scenario]
    if let setup = experiment.industry {
      // One industry: every firm's row (its metrics and its own columns).
      let o = try Industry.run(sc.configuration, setup: setup, strategies: sc.strategies, market: sc.market, seed: seed ?? experiment.seed,
                               trial: sc.streamOffset + item.trial, threads: trialThreads)
      return ItemResult(item: item, outcomes: o.firms.map { TrialOutcome(row: $0.values(scale: sc.configuration.customerScale)) })
    }
    var outcomes: [TrialOutcome] = []
    outcomes.reserveCapacity(sc.strategies.count)
    for s in sc.strategies {
      outcomes.append(try Trial.run(sc.configuration, strategy: s, market: sc.market, seed: seed ?? experiment.seed,
                                    trial: sc.streamOffset + item.trial, threads: trialThreads))
    }
    return ItemResult(item: item, outcomes: outcomes)
  }

  /// Whether trials are big enough (several customer chunks) to parallelize within a trial
  /// rather than across trials.
  public var parallelWithinTrials: Bool {
    // An industry spreads its firms over the threads when there are fewer industries than threads.
    if experiment.industry != nil { return items.count == 1 }
    return experiment.configuration.customers > Trial.chunkSize(customers: experiment.configuration.customers)
  }

  /// Runs the chunks not in `done`, calling `completed` (on the calling thread, in chunk order)
  /// after each one. Small trials run in parallel across trials; big ones (several customer
  /// chunks each) one at a time, each spread over the threads. Either way the results are the same.
  ///
  /// Each worker checks `interruption` before it starts an item, so once it is raised the items
  /// in flight finish and no new one starts; the items of the chunk under way that did finish go
  /// to `cutShort` (to checkpoint them as a part). `partlyDone` names, by place in the chunk
  /// (0 ..< chunkSize), items of a chunk already computed by an earlier run: they are skipped, and
  /// `completed` and `cutShort` get only the items computed now. `counter` hears of every item as
  /// it ends. Returns false when interrupted, true when every chunk has been handed over.
  @discardableResult
  public func run(threads: Int, skipping done: Set<Int> = [], partlyDone: [Int: Set<Int>] = [:], interruption: Interruption? = nil,
                  counter: WorkCounter? = nil, completed: (Int, [ItemResult]) throws -> Void,
                  cutShort: (Int, [ItemResult]) throws -> Void = { _, _ in }) throws -> Bool {
    let inner = parallelWithinTrials ? threads : 1
    let outer = parallelWithinTrials ? 1 : threads
    defer { Population.releaseSpareColumns() }  // big trials' columns, kept from trial to trial
    for k in 0..<chunkCount where !done.contains(k) {
      if interruption?.isRaised == true { return false }
      let skip = partlyDone[k] ?? []
      let work = Array(chunk(k).enumerated().filter { !skip.contains($0.offset) }.map(\.element))
      let results = try parallelMap(count: work.count, threads: outer) { i -> ItemResult? in
        if interruption?.isRaised == true { return nil }
        let result = try self.run(work[i], trialThreads: inner)
        counter?.itemFinished()
        return result
      }
      let finished = results.compactMap { $0 }
      guard finished.count == work.count else {
        if !finished.isEmpty { try cutShort(k, finished) }
        return false
      }
      try completed(k, finished)
    }
    return true
  }

  /// The place of `item` in chunk `k` (0 ..< chunkSize).
  public func place(of item: WorkItem, inChunk k: Int) -> Int? {
    chunk(k).firstIndex(of: item).map { $0 - k * Runner.chunkSize }
  }

  /// Common random numbers, measured: the variance of the paired difference of `metric`
  /// between the first two strategies in scenario 0, with shared streams (as run) and with the
  /// second strategy on independent streams (another seed), over up to `trials` trials.
  public func crnVarianceFactor(metric: Metric = .profitNPV, from results: [ItemResult], trials: Int = 20, threads: Int) throws -> CRNMeasurement? {
    guard experiment.industry == nil, experiment.strategies.count >= 2, let m = Metric.allCases.firstIndex(of: metric) else { return nil }
    let mine = results.filter { $0.item.scenario == 0 }.sorted { $0.item.trial < $1.item.trial }.prefix(trials)
    return try crnVarianceFactor(metric: metric, trials: mine.map(\.item.trial), a: mine.map { $0.outcomes[0].values[m] },
                                 b: mine.map { $0.outcomes[1].values[m] }, threads: threads)
  }

  /// The same measurement from a table of results (all of a run's rows, whether computed now,
  /// read back from checkpoints or merged from shards: the first `trials` trials of scenario 0).
  public func crnVarianceFactor(metric: Metric = .profitNPV, from table: ResultTable, trials: Int = 20, threads: Int) throws -> CRNMeasurement? {
    guard experiment.industry == nil, experiment.strategies.count >= 2, let m = Metric.allCases.firstIndex(of: metric) else { return nil }
    var first: [Int: Double] = [:], second: [Int: Double] = [:]
    for r in table.rows where r.scenario == 0 && r.strategy < 2 {
      if r.strategy == 0 { first[r.trial] = r.values[m] } else { second[r.trial] = r.values[m] }
    }
    let picked = first.keys.filter { second[$0] != nil }.sorted().prefix(trials)
    return try crnVarianceFactor(metric: metric, trials: Array(picked), a: picked.map { first[$0]! }, b: picked.map { second[$0]! }, threads: threads)
  }

  private func crnVarianceFactor(metric: Metric, trials: [Int], a: [Double], b: [Double], threads: Int) throws -> CRNMeasurement? {
    guard trials.count >= 3 else { return nil }
    let sc = scenarios[0]
    let other = sc.strategies[1]
    let independentSeed = SplitMix64.mix(experiment.seed ^ 0x1D3E_A5ED_5EED_0001)
    let independent = try parallelMap(count: trials.count, threads: threads) { i in
      try Trial.run(sc.configuration, strategy: other, market: sc.market, seed: independentSeed, trial: trials[i])[metric]
    }
    Population.releaseSpareColumns()
    let dCRN = zip(a, b).map { $0 - $1 }
    let dInd = zip(a, independent).map { $0 - $1 }
    let vCRN = try Statistics.variance(dCRN), vInd = try Statistics.variance(dInd)
    return CRNMeasurement(metric: metric.rawValue, strategies: [sc.strategies[0].name, other.name], trials: trials.count,
                          varianceCRN: vCRN, varianceIndependent: vInd)
  }
}

/// How much common random numbers shrink the variance of a paired difference.
public struct CRNMeasurement: Sendable, Equatable {
  public let metric: String
  public let strategies: [String]
  public let trials: Int
  public let varianceCRN: Double
  public let varianceIndependent: Double
  /// Variance with independent streams ÷ variance with common random numbers.
  public var factor: Double { varianceCRN > 0 ? varianceIndependent / varianceCRN : .infinity }
}
