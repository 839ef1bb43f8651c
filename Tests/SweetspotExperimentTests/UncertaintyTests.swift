import Foundation
import Testing
import SweetspotModel
import SweetspotRobustness
@testable import SweetspotExperiment

/// Issue 13: `[uncertainty]` names the assumptions a run varies; each sampled world runs every
/// strategy on the same random numbers, worlds are scenarios (so they shard and resume like
/// trials), and the nominal world is exactly the run without uncertainty.
@Suite struct UncertaintyTests {
  static let base = """
    name = "robust"
    seed = 5
    trials = 3
    weeks = 8
    strategies = ["good-enough", "minimal"]
    [population]
    size = 150
    """

  static let robust = base + """

    [uncertainty]
    "world.churn_attitude_slope" = { low = 2, high = 8 }
    "world.gross_margin" = "default"
    "market.competitive.switching_cost" = { distribution = "triangular", low = 0.1, mode = 0.3, high = 0.8 }

    [robustness]
    samples = 6
    trials = 2
    """

  func load(_ text: String, _ sets: [String] = []) throws -> Experiment {
    try ExperimentLoader.load(text: text, file: "robust.toml", overrides: sets)
  }

  func message(_ text: String) -> String {
    do { _ = try load(text); return "" } catch { return "\(error)" }
  }

  /// Morris and Saltelli estimators difference worlds that differ in one parameter: the worlds of
  /// a trajectory (k + 1) or a base row (k + 2) share their trials' random numbers, different
  /// groups draw different ones, and for sharding every world keeps a place of its own.
  @Test func differencingDesignsShareRandomNumbersWithinAGroup() throws {
    for (design, group) in [("morris", 4), ("saltelli", 5)] {
      let scenarios = try load(Self.robust, ["robustness.design=\"\(design)\"", "robustness.samples=3"]).scenarios()
      let sampled = Array(scenarios.dropFirst())
      #expect(sampled.count == 3 * group)
      for (w, sc) in sampled.enumerated() { #expect(sc.streamOffset == 3 + (w / group) * 2, "\(design) world \(w + 1)") }
      let places = scenarios.flatMap { sc in (0..<sc.trials).map { sc.shardOffset + $0 } }
      #expect(Set(places).count == places.count)
    }
  }

  /// Direction and size: with common random numbers inside a trajectory, a step that moves only
  /// an assumption no trial reads (a Win4 judge's threshold) leaves every trial's customer equity
  /// exactly as it was, so its elementary effect is 0, not Monte Carlo noise; a step in the gross
  /// margin moves it.
  @Test func aMorrisStepInAnAssumptionNoTrialReadsChangesNothing() throws {
    let text = Self.base + """

      [uncertainty]
      "scorecard.owners_margin_share" = "default"
      "world.gross_margin" = "default"

      [robustness]
      design = "morris"
      samples = 4
      trials = 1
      """
    let runner = try Runner(experiment: ExperimentLoader.load(text: text, file: "m.toml"))
    var table = ResultTable(runner: runner)
    try runner.run(threads: 2) { _, results in for r in results { table.add(r) } }
    let equity = try #require(table.columns.firstIndex { $0.name == "customer_equity" })
    func values(_ scenario: Int) -> [Double] {
      table.rows.filter { $0.scenario == scenario }.sorted { ($0.strategy, $0.trial) < ($1.strategy, $1.trial) }.map { $0.values[equity] }
    }
    let sc = runner.scenarios
    var judgeSteps = 0, marginSteps = 0
    for t in 0..<4 {
      for step in 1...2 {
        let a = sc[1 + t * 3 + step - 1], b = sc[1 + t * 3 + step]
        let judge = a.configuration.world.scorecard != b.configuration.world.scorecard
        let margin = a.configuration.world.grossMargin != b.configuration.world.grossMargin
        #expect(judge != margin, "a Morris step moves one assumption")
        if judge { judgeSteps += 1; #expect(values(a.index) == values(b.index)) }
        if margin { marginSteps += 1; #expect(zip(values(a.index), values(b.index)).allSatisfy { $0 != $1 }) }
      }
    }
    #expect(judgeSteps == 4 && marginSteps == 4)
  }

  @Test func defaultTakesTheDocumentedPlausibleRange() throws {
    let u = try #require(try load(Self.robust).uncertainty)
    #expect(u.parameters.map(\.key) == ["world.churn_attitude_slope", "world.gross_margin", "market.competitive.switching_cost"])
    let margin = try #require(WorldParameters.all.first { $0.key == "world.gross_margin" }?.plausible)
    #expect(u.parameters[1].distribution == .uniform(low: margin.lowerBound, high: margin.upperBound))
    #expect(u.parameters[2].distribution == .triangular(low: 0.1, mode: 0.3, high: 0.8))
    #expect(u.design == .latinHypercube && u.samples == 6 && u.trialsPerWorld == 2 && u.worldCount == 6)
  }

  @Test func wildcardsTakeEveryRangedParameterOfASectionAndExplicitEntriesWin() throws {
    let text = Self.base + """

      [uncertainty]
      "world.gross_margin" = { low = 0.4, high = 0.5 }
      "world.*" = "default"
      """
    let u = try #require(try load(text).uncertainty)
    let ranged = WorldParameters.all.filter { $0.section == "world" && $0.isNumeric && ($0.plausible.map { $0.lowerBound < $0.upperBound } ?? false) }
    // Every ranged world parameter but the metric's conventions (customer equity's horizon).
    #expect(Uncertainty.conventions == ["world.equity_horizon_weeks"])
    #expect(u.parameters.count == ranged.count - 1 && !u.parameters.contains { $0.key == "world.equity_horizon_weeks" })
    #expect(u.parameters.first { $0.key == "world.gross_margin" }?.distribution == .uniform(low: 0.4, high: 0.5))
    // Named explicitly, a convention is varied like any assumption.
    let named = try #require(try load(text + "\n\"world.equity_horizon_weeks\" = \"default\"").uncertainty)
    #expect(named.parameters.count == ranged.count)
  }

  /// "default" samples a "half to twice" range (its default the geometric middle) log-uniformly,
  /// so the median world has the documented value; other ranges uniformly; a file may ask for
  /// either.
  @Test func halfToTwiceRangesAreSampledLogUniformly() throws {
    let text = Self.base + """

      [uncertainty]
      "world.churn_attitude_slope" = "default"
      "world.gross_margin" = "default"
      "world.weekly_inquiry_rate" = "default"
      "world.hiring_cost" = { distribution = "loguniform", low = 1000, high = 9000 }
      """
    let u = try #require(try load(text).uncertainty)
    #expect(u.parameters.map(\.distribution) == [.logUniform(low: 2, high: 8), .uniform(low: 0.3, high: 0.6), .uniform(low: 0.02, high: 0.06),
                                                 .logUniform(low: 1000, high: 9000)])
    #expect(u.parameters[0].summary == "log-uniform [2, 8]")
    #expect(ExperimentLoader.isGeometric(2...8, around: 4) && !ExperimentLoader.isGeometric(0.02...0.06, around: 0.04))
    #expect(message(Self.base + "\n[uncertainty]\n\"world.hiring_cost\" = { distribution = \"loguniform\", low = 0, high = 9000 }").contains("low must be > 0"))
  }

  /// A market's own value outside the documented range: "default" would sample a different market.
  @Test func aMarketsDefaultRangeMustContainItsOwnValue() {
    let text = """
      name = "m"
      trials = 2
      strategies = ["good-enough"]
      markets = ["sticky"]
      [market.sticky]
      switching_cost = 0.95
      [uncertainty]
      "market.sticky.switching_cost" = "default"
      """
    #expect(message(text).contains("the documented plausible range of a competitive market [0.2, 0.4] does not contain sticky's own value 0.95"), "\(message(text))")
  }

  /// "default" for a market field samples the market's own context's range, not the span of all
  /// contexts: a competitive market's switching cost stays competitive, a monopoly's a monopoly's,
  /// and a custom market takes its base's.
  @Test func aMarketsDefaultRangeIsItsContextsOwn() throws {
    let text = """
      name = "m"
      trials = 2
      strategies = ["good-enough"]
      markets = ["competitive", "monopoly", "boutique"]
      [market.boutique]
      base = "premium"
      [uncertainty]
      "market.competitive.switching_cost" = "default"
      "market.monopoly.switching_cost" = "default"
      "market.boutique.word_of_mouth_weight" = "default"
      """
    let u = try #require(try load(text).uncertainty)
    #expect(u.parameters.map(\.distribution) == [.uniform(low: 0.2, high: 0.4), .uniform(low: 0.7, high: 0.95), .uniform(low: 1, high: 2)])
    // "*" takes every market's numeric fields, each over its own context's range.
    let all = try #require(try load(text.components(separatedBy: "[uncertainty]")[0] + "[uncertainty]\n\"*\" = \"default\"").uncertainty)
    let marketKeys = all.parameters.filter { $0.key.hasPrefix("market.") }
    #expect(marketKeys.count == 3 * 7)
    #expect(marketKeys.first { $0.key == "market.monopoly.switching_cost" }?.distribution == .uniform(low: 0.7, high: 0.95))
    #expect(marketKeys.first { $0.key == "market.boutique.revenue_scale" }?.distribution == .uniform(low: 1.2, high: 1.8))
    // Every preset's value lies inside its own ranges.
    for m in Market.presets {
      for p in MarketParameters.all where p.isNumeric {
        let r = try #require(MarketParameters.contextRanges[m.name]?[p.name], "\(m.name).\(p.name)")
        #expect(r.contains(p.get(m).number!) && r.lowerBound < r.upperBound, "\(m.name).\(p.name)")
        #expect(p.bounds.map { $0.lower <= r.lowerBound && r.upperBound <= $0.upper } ?? true)
      }
    }
  }

  /// `--set` overrides the file's entry, whether the file quotes the key or nests it.
  @Test func setOverridesTheFilesUncertaintyEntry() throws {
    let u = try #require(try load(Self.robust, ["uncertainty.world.gross_margin={low=0.35,high=0.4}"]).uncertainty)
    #expect(u.parameters.filter { $0.key == "world.gross_margin" }.map(\.distribution) == [.uniform(low: 0.35, high: 0.4)])
  }

  @Test func worldsAreScenariosAfterTheirNominalWorld() throws {
    let e = try load(Self.robust)
    let scenarios = try e.scenarios()
    #expect(scenarios.count == 1 + 6)
    #expect(scenarios.map(\.world) == Array(0...6))
    #expect(scenarios[0].trials == 3 && scenarios.dropFirst().allSatisfy { $0.trials == 2 })
    // Each world draws its own trial streams (no two scenarios share a stream trial), so
    // Monte Carlo noise averages out across worlds; strategies within a world share them.
    let streams = scenarios.flatMap { sc in (0..<sc.trials).map { sc.streamOffset + $0 } }
    #expect(Set(streams).count == streams.count && scenarios[0].streamOffset == 0)
    #expect(scenarios.map(\.shardOffset) == scenarios.map(\.streamOffset))
    // The nominal world keeps the file's values; each sampled world carries its draw.
    let nominal = try load(Self.base).scenarios()[0]
    #expect(scenarios[0].configuration.world.churnAttitudeSlope == nominal.configuration.world.churnAttitudeSlope)
    let worlds = try #require(try e.uncertainty?.worlds(seed: e.seed))
    for (w, sc) in scenarios.dropFirst().enumerated() {
      #expect(sc.configuration.world.churnAttitudeSlope == worlds[w][0])
      #expect(sc.configuration.world.grossMargin == worlds[w][1])
      #expect(sc.market.switchingCost == worlds[w][2])
      #expect(sc.label.hasSuffix("world=\(w + 1)"))
    }
  }

  /// `--worlds 0` (robustness.samples = 0) runs the nominal world alone: no sampled worlds, no
  /// robustness section; two worlds of a Saltelli design are allowed (N·(k + 2) worlds in all).
  @Test func zeroWorldsRunsTheNominalWorldAlone() throws {
    let e = try load(Self.robust, ["robustness.samples=0"])
    #expect(e.uncertainty == nil)
    #expect(try load(Self.base, ["robustness.samples=0"]).uncertainty == nil, "--worlds 0 on a run with no [uncertainty]")
    #expect(try e.scenarios().count == 1)
    #expect(try load(Self.robust, ["robustness.design=saltelli", "robustness.samples=2"]).uncertainty?.worldCount == 2 * (3 + 2))
  }

  /// How a strategy is carried out can be uncertain too: `strategy.NAME.LEVER` varies that
  /// strategy's lever in the sampled worlds and leaves the others' alone.
  @Test func aStrategysLeverCanBeAnImplementationUncertainty() throws {
    let e = try load(Self.base + "\n[uncertainty]\n\"strategy.minimal.target_pressure\" = { low = 0.1, high = 0.8 }\n[robustness]\nsamples = 4\n")
    let scenarios = try e.scenarios()
    let worlds = try #require(try e.uncertainty?.worlds(seed: e.seed))
    #expect(scenarios[0].strategies[1].levers.targetPressure == Strategy.minimal.levers.targetPressure)
    for (w, sc) in scenarios.dropFirst().enumerated() {
      #expect(sc.strategies[1].levers.targetPressure == worlds[w][0])
      #expect(sc.strategies[0].levers == Strategy.goodEnough.levers)
    }
    #expect(try e.worldsCSV()?.split(separator: "\n")[1] == "0,0.2")
  }

  /// Latin hypercube: of n worlds, exactly one falls in each of the n equal strata of a uniform parameter.
  @Test func latinHypercubeWorldsHitEveryStratumOnce() throws {
    let e = try load(Self.robust, ["robustness.samples=10"])
    let worlds = try #require(try e.uncertainty?.worlds(seed: e.seed))
    let strata = worlds.map { Int((($0[0] - 2) / 6 * 10).rounded(.down)) }.sorted()
    #expect(strata == Array(0..<10))
    #expect(worlds == (try e.uncertainty!.worlds(seed: e.seed)), "reproducible from the seed")
    #expect(worlds != (try e.uncertainty!.worlds(seed: e.seed + 1)), "another seed, another sample")
  }

  @Test func designsGiveTheirNumberOfWorlds() throws {
    let saltelli = try #require(try load(Self.robust, ["robustness.design=\"saltelli\"", "robustness.samples=4"]).uncertainty)
    #expect(saltelli.worldCount == 4 * (3 + 2))
    #expect(try saltelli.worlds(seed: 5).count == 20)
    let morris = try #require(try load(Self.robust, ["robustness.design=\"morris\"", "robustness.samples=3"]).uncertainty)
    #expect(morris.worldCount == 3 * (3 + 1))
    #expect(try morris.worlds(seed: 5).count == 12)
    let sobol = try #require(try load(Self.robust, ["robustness.design=\"sobol\""]).uncertainty)
    #expect(try sobol.worlds(seed: 5).count == 6)
  }

  /// Common random numbers across worlds: adding uncertainty leaves the nominal world's trials
  /// exactly as the run without it computes them.
  @Test func theNominalWorldIsTheRunWithoutUncertainty() throws {
    var plain: [ItemResult] = [], robust: [ItemResult] = []
    let p = try Runner(experiment: try load(Self.base))
    try p.run(threads: 2) { _, r in plain += r }
    let r = try Runner(experiment: try load(Self.robust))
    try r.run(threads: 2) { _, res in robust += res }
    #expect(robust.count == 3 + 6 * 2)
    let nominal = robust.filter { $0.item.scenario == 0 }.sorted { $0.item.trial < $1.item.trial }
    #expect(nominal.map(\.outcomes) == plain.sorted { $0.item.trial < $1.item.trial }.map(\.outcomes))
    // And a sampled world is a different world.
    let world1 = robust.first { $0.item.scenario == 1 && $0.item.trial == 0 }!
    #expect(world1.outcomes != nominal[0].outcomes)
  }

  /// A sampled world's trajectory is the trial trials.csv holds: the same streams (its offset),
  /// so the last week's customers equal the outcome's customers at the end.
  @Test func trajectoriesOfSampledWorldsAreTheirTrials() throws {
    let runner = try Runner(experiment: try load(Self.robust))
    var results: [ItemResult] = []
    try runner.run(threads: 2) { _, r in results += r }
    let paths = try Trajectories(runner: runner, threads: 2).paths
    let m = Metric.allCases.firstIndex(of: .customersEnd)!
    for p in paths where runner.scenarios[p.scenario].world > 0 {
      let outcome = try #require(results.first { $0.item.scenario == p.scenario && $0.item.trial == p.trial })
      #expect(p.weeks.last?.customers == outcome.outcomes[p.strategy].values[m], "scenario \(p.scenario), trial \(p.trial)")
    }
  }

  /// One-trial worlds spread over the shards (by stream trial), not all into the first.
  @Test func oneTrialWorldsSpreadOverTheShards() throws {
    let e = try load(Self.robust, ["robustness.trials=1", "robustness.samples=40"])
    let counts = try (1...4).map { try Runner(experiment: e, shard: Shard(index: $0, count: 4)).items.count }
    #expect(counts.reduce(0, +) == 3 + 40)
    #expect(counts.max()! - counts.min()! <= 1, "\(counts)")
  }

  @Test func robustnessRunsAreByteIdenticalForAnyThreadsAndShards() throws {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-uncertainty-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    let e = try load(Self.robust)
    func run(_ name: String, threads: Int, shard: Shard = .whole) throws -> URL {
      let dir = work.appendingPathComponent(name)
      _ = try ExperimentRunner.run(e, options: RunOptions(threads: threads, shard: shard, directory: dir, toolVersion: "test", fileHash: "x"))
      return dir
    }
    let one = try run("one", threads: 1), two = try run("two", threads: 2)
    let shards = try [run("s1", threads: 1, shard: Shard(index: 1, count: 2)), run("s2", threads: 2, shard: Shard(index: 2, count: 2))]
    let merged = work.appendingPathComponent("merged")
    _ = try ExperimentRunner.merge(shards, into: merged, toolVersion: "test")
    for file in ["trials.csv", "summary.csv", "summary.json", "worlds.csv"] {
      let a = try Data(contentsOf: one.appendingPathComponent(file))
      #expect(a == (try Data(contentsOf: two.appendingPathComponent(file))), "\(file): threads")
      #expect(a == (try Data(contentsOf: merged.appendingPathComponent(file))), "\(file): shards")
    }
    let header = try String(contentsOf: one.appendingPathComponent("trials.csv"), encoding: .utf8).prefix { $0 != "\n" }
    #expect(header.hasPrefix("scenario,market,world,strategy,trial,"))
    let worlds = try String(contentsOf: one.appendingPathComponent("worlds.csv"), encoding: .utf8).split(separator: "\n")
    #expect(worlds.count == 1 + 1 + 6 && worlds[0] == "world,world__churn_attitude_slope,world__gross_margin,market__competitive__switching_cost")
    #expect(worlds[1].hasPrefix("0,4.0,0.45,"))
  }

  static let badInputs: [(String, String)] = [
    ("[uncertainty]\n\"strategy.*.price\" = { low = 0.9, high = 1.1 }", "is not one strategy's numeric lever"),
    ("[uncertainty]\n\"strategy.delight.price\" = { low = 0.9, high = 1.1 }", "'delight' is not one of this experiment's strategies"),
    ("[uncertainty]\n\"strategy.minimal.occupancy_cap\" = \"default\"", "does not contain minimal's own value 0.99"),
    ("[uncertainty]\n\"world.churn_atitude_slope\" = \"default\"", "did you mean 'world.churn_attitude_slope'"),
    ("[uncertainty]\n\"world.gross_margin\" = { low = 0.4, high = 1.5 }", "uncertainty.world.gross_margin"),
    ("[uncertainty]\n\"world.gross_margin\" = { low = 0.5, high = 0.4 }", "uncertainty.world.gross_margin"),
    ("[uncertainty]\n\"world.gross_margin\" = { distribution = \"normal\", low = 0.4, high = 0.5 }", "does not belong to a normal distribution"),
    ("[uncertainty]\n\"world.gross_margin\" = { distribution = \"weibull\", low = 0.4, high = 0.5 }", "allowed: uniform, loguniform, triangular, normal, lognormal, beta"),
    ("[uncertainty]\n\"world.gross_margin\" = 0.5", "expected \"default\" or a distribution table"),
    ("[uncertainty]\n\"world.*\" = { low = 0, high = 1 }", "a wildcard takes \"default\""),
    ("[robustness]\nsamples = 8", "needs an [uncertainty] table"),
    ("[uncertainty]\n\"world.gross_margin\" = \"default\"\n[robustness]\ndesign = \"grid\"", "allowed: latin-hypercube, sobol, halton, saltelli, morris"),
    ("[uncertainty]\n\"world.gross_margin\" = \"default\"\n[robustness]\ndesign = \"morris\"\nlevels = 5", "Morris levels must be even"),
    ("[uncertainty]\n\"world.gross_margin\" = \"default\"\n[robustness]\npair = [\"good-enough\", \"delight\"]", "'delight' is not one of this experiment's strategies"),
    ("[uncertainty]\n\"world.gross_margin\" = \"default\"\n[robustness]\nsamples = 1", "robustness.samples"),
    ("[uncertainty]\n\"world.gross_margin\" = \"default\"\n[robustness]\nsamples = 2", "too few for latin-hypercube: at least 3 worlds"),
    ("[uncertainty]\n\"world.gross_margin\" = \"default\"\n[robustness]\nsamples = -1", "allowed: 0 ... 100000"),
    ("[uncertainty]\n\"world.gross_margin\" = \"default\"\n[[sweep]]\nkey = \"world.gross_margin\"\nvalues = [0.4, 0.5]", "is also swept"),
    ("[uncertainty]\n\"world.fcr_ceiling\" = { low = 0.01, high = 0.1 }", "sampled world"),
    ("[uncertainty]\n\"market.*.switching_cost\" = \"default\"", "name each market's own: market.competitive.switching_cost"),
    ("[uncertainty]\n\"world.fcr_ceiling\" = { distribution = \"lognormal\", mu = 5, sigma = 1 }", "the median e^mu"),
  ]

  @Test(arguments: 0..<badInputs.count)
  func badUncertaintyGetsAClearMessage(index: Int) {
    let (table, expected) = Self.badInputs[index]
    let m = message(Self.base + "\n" + table + "\n")
    #expect(m.contains(expected), "got: \(m)")
    #expect(m.contains("robust.toml"))
  }
}
