import Testing
import SweetspotModel
@testable import SweetspotExperiment

/// Experiment files resolve to the intended configuration, and every kind of bad input gets a
/// message naming the file, the line, the key and what is allowed.
@Suite struct ExperimentTests {
  static let base = """
    name = "t"
    seed = 5
    trials = 4
    weeks = 20
    strategies = ["good-enough", "cheap"]
    markets = ["competitive", "island"]

    [population]
    size = 800

    [strategy.cheap]
    base = "good-enough"
    service_level_target = 0.6
    training_hours = 0.5

    [market.island]
    base = "monopoly"
    switching_cost = 0.9

    [world]
    weekly_problem_rate = 0.02

    [[sweep]]
    key = "strategy.*.price"
    values = [0.95, 1.0]

    [[sweep]]
    key = "world.retry_probability"
    from = 0.5
    to = 0.7
    step = 0.1
    """

  func load(_ text: String = ExperimentTests.base, _ sets: [String] = []) throws -> Experiment {
    try ExperimentLoader.load(text: text, file: "t.toml", overrides: sets)
  }

  @Test func resolvesPresetsOverridesAndTheSweepGrid() throws {
    let e = try load()
    #expect(e.strategies.map { $0.name } == ["good-enough", "cheap"])
    #expect(e.strategies[1].levers.serviceLevelTarget == 0.6 && e.strategies[1].levers.knowledgeBase == Strategy.goodEnough.levers.knowledgeBase)
    #expect(e.markets[1].switchingCost == 0.9 && e.markets[1].priceWeight == Market.monopoly.priceWeight)
    #expect(e.configuration.world.weeklyProblemRate == 0.02 && e.configuration.customers == 800)
    #expect(e.sweeps[1].values == [0.5, 0.6, 0.7])
    let sc = try e.scenarios()
    #expect(sc.count == 2 * 2 * 3)  // markets × price × retry
    #expect(sc[4].market.name == "competitive" && sc[4].strategies.allSatisfy { $0.levers.price == 1.0 })
    #expect(sc[4].configuration.world.retryProbability == 0.6)
    #expect(sc[4].label == "market=competitive, strategy.*.price=1, world.retry_probability=0.6")
  }

  @Test func setOverridesAnyKeyByItsDottedPath() throws {
    let e = try load(ExperimentTests.base, ["population.size=1500", "strategy.cheap.price=0.9", "trials=7", "markets=[\"premium\"]", "world.service_recovery_paradox=true"])
    #expect(try load().margin == 0.01 && load(ExperimentTests.base, ["margin=0.025"]).margin == 0.025)
    #expect(e.configuration.customers == 1500 && e.trials == 7)
    #expect(e.strategies[1].levers.price == 0.9)
    #expect(e.markets.map { $0.name } == ["premium"])
    #expect(e.configuration.world.serviceRecoveryParadox)
  }

  /// (description, snippet appended to a minimal valid file (lines 1–2), --set overrides, text
  /// the error must contain). Line numbers count from the file's first line.
  static let badInputs: [(String, String?, [String], String)] = [
    ("unknown top-level key, with a suggestion", "trails = 4", [], "t.toml:3: trails: unknown key (did you mean 'trials'?)"),
    ("unknown lever", "[strategy.x]\nservice_level_targt = 0.5", [], "t.toml:4: strategy.x.service_level_targt: unknown key (did you mean 'service_level_target'?)"),
    ("wrong type", "trials = \"many\"", [], "t.toml:3: trials: expected a whole number, got a string"),
    ("margin of zero", "margin = 0", [], "t.toml:3: margin: 0 is out of range; allowed: 0 < margin < 1"),
    ("margin of one", "margin = 1", [], "t.toml:3: margin: 1 is out of range; allowed: 0 < margin < 1"),
    ("margin as text", "margin = \"1%\"", [], "t.toml:3: margin: expected a number, got a string"),
    ("probability above 1", "[world]\nretry_probability = 1.5", [], "t.toml:4: world.retry_probability: 1.5 is out of range; allowed: a probability in [0, 1]"),
    ("negative size", "[population]\nsize = -5", [], "t.toml:4: population.size: -5 is out of range"),
    ("NaN", "[world]\ngross_margin = nan", [], "t.toml:4: world.gross_margin: NaN is not allowed"),
    ("infinity", "[world]\ngross_margin = inf", [], "t.toml:4: world.gross_margin: infinity is not allowed"),
    ("unknown strategy, listing the valid ones", nil, ["strategies=[\"good-enuf\"]"], "unknown strategy 'good-enuf' (did you mean 'good-enough'?); known: just-good-enough, good-enough"),
    ("unknown market", nil, ["markets=[\"oligopoly\"]"], "unknown market 'oligopoly'; known: competitive, monopoly, commodity, premium"),
    ("empty sweep", "[[sweep]]\nkey = \"world.retry_probability\"\nvalues = []", [], "t.toml:5: sweep.values: is empty"),
    ("sweep out of range", "[[sweep]]\nkey = \"strategy.*.proactive\"\nvalues = [0.5, 2]", [], "for strategy.*.proactive: 2 is out of range"),
    ("sweep of an unknown lever", "[[sweep]]\nkey = \"strategy.*.prise\"\nvalues = [1]", [], "'prise' is not a numeric lever (did you mean 'price'?)"),
    ("malformed --set", nil, ["population.size"], "--set: 'population.size' is not KEY=VALUE"),
    ("malformed --set value", nil, ["world.gross_margin=[1,"], "--set: world.gross_margin: '[1,' is not a value"),
    ("wrong type through --set", nil, ["strategies=3"], "strategies: expected an array of names, got an integer"),
    ("no channels", "[strategy.mute]\nself_service = false\nchat = false\nemail = false\nphone = false", ["strategies=[\"mute\"]"], "t.toml:3: strategy.mute.channels: must be at least one of self_service, chat, email, phone"),
    ("syntax error", "seed = = 3", [], "t.toml:3: expected a value"),
    ("a value from --set names --set", nil, ["world.gross_margin=2"], "--set: world.gross_margin: 2 is out of range; allowed: a share in [0, 1]"),
    ("unknown world key: a suggestion and a pointer, not 150 keys", "[world]\nchurn_attitude_slop = 3", [],
     "t.toml:4: world.churn_attitude_slop: unknown key (did you mean 'churn_attitude_slope'?); allowed here: 1"),
    ("unknown segment", "[segment.premum]\nexpectation = 0.8", [], "t.toml:3: segment.premum: unknown segment (did you mean 'premium'?)"),
    ("segment value out of range", "[segment.premium]\nexpectation = 1.2", [], "t.toml:4: segment.premium.expectation: 1.2 is out of range"),
    ("controller key", "[controller]\nchurn_tolerance = 0.5", [], "t.toml:4: controller.churn_tolerance: 0.5 is out of range; allowed: a multiple in [1, 3]"),
    ("scorecard key", "[scorecard]\nowners_margin_share = 2", [], "t.toml:4: scorecard.owners_margin_share: 2 is out of range"),
    ("a key swept twice", "[[sweep]]\nkey = \"world.retry_probability\"\nvalues = [0.5]\n[[sweep]]\nkey = \"world.retry_probability\"\nvalues = [0.6]", [],
     "sweep.key: 'world.retry_probability' is swept twice"),
    ("a sweep grid whose end is out of range, before counting", "[[sweep]]\nkey = \"world.gross_margin\"\nfrom = 0\nto = 1e30\nstep = 1", [],
     "t.toml:6: sweep.to: for world.gross_margin: 1e+30 is out of range"),
    ("a huge sweep grid", "[[sweep]]\nkey = \"world.hiring_cost\"\nfrom = 0\nto = 1000000\nstep = 0.001", [], "sweep.step: gives 1000000001 values; at most 10000"),
    ("a denominator near zero", "[world]\nhours_per_fte = 1e-300", [], "t.toml:4: world.hours_per_fte: 1e-300 is out of range; allowed: hours in [1, 168]"),
    ("a Poisson mean GSL cannot sample", "[world]\npromoter_weekly_tells = 1e308", [], "t.toml:4: world.promoter_weekly_tells: 1e+308 is out of range"),
    ("an intraday shape with no open hour", "[world]\nintraday_shape = [0, 0, 0]", [], "t.toml:4: world.intraday_shape: all weights are 0"),
    ("the dead key is gone", "[world]\nproduct_quality = 0.7", [], "t.toml:4: world.product_quality: unknown key"),
    ("floor above ceiling", nil, ["world.fcr_floor=0.99"], "world.fcr_floor: must be at most world.fcr_ceiling (0.98); got 0.99"),
  ]

  @Test func assumptionsAreSetFromTheirSectionsAndSweptByKey() throws {
    let text = """
      name = "t"
      strategies = ["just-good-enough"]
      [population]
      size = 500
      expectation_concentration = 30
      [world]
      intention_to_behaviour = 0.5
      [segment.premium]
      expectation = 0.82
      [controller]
      acquisition_tolerance = 0.95
      [scorecard]
      owners_margin_share = 0.6
      [[sweep]]
      key = "segment.*.weekly_revenue"
      values = [9, 11]
      """
    let e = try ExperimentLoader.load(text: text, file: "t.toml", overrides: ["segment.convenience.patience_seconds=100"])
    let w = e.configuration.world
    #expect(w.heterogeneity.expectationConcentration == 30 && w.intentionToBehaviour == 0.5)
    #expect(w.profile(.premium).expectation == 0.82 && w.profile(.convenience).patienceSeconds == 100)
    #expect(w.controller.acquisitionTolerance == 0.95 && w.scorecard.ownersMarginShare == 0.6)
    let scenarios = try e.scenarios()
    #expect(scenarios.map { $0.configuration.world.profile(.priceSeeker).weeklyRevenue } == [9, 11])
    #expect(scenarios.allSatisfy { sc in Segment.allCases.allSatisfy { sc.configuration.world.profile($0).weeklyRevenue == sc.assignments[0].value } })
    // The manifest's resolved configuration records every section.
    let resolved = e.resolvedConfiguration.rendered()
    for key in ["\"expectation_concentration\": 30", "\"intention_to_behaviour\": 0.5", "\"acquisition_tolerance\": 0.95", "\"owners_margin_share\": 0.6"] {
      #expect(resolved.contains(key), "manifest lacks \(key)")
    }
  }

  @Test(arguments: 0..<badInputs.count)
  func badInputGetsAClearMessage(index: Int) throws {
    let (what, snippet, sets, expected) = Self.badInputs[index]
    let text = "name = \"t\"\nstrategies = [\"good-enough\"]\n" + (snippet.map { $0 + "\n" } ?? "")
    do {
      _ = try ExperimentLoader.load(text: text, file: "t.toml", overrides: sets)
      Issue.record("\(what): no error")
    } catch {
      #expect(error.description.contains(expected), "\(what): \(error.description)")
    }
  }

  @Test func shardsAreValidatedAndPartitionTheTrials() throws {
    #expect(throws: ExperimentError.self) { try Shard(parsing: "4/3") }
    #expect(throws: ExperimentError.self) { try Shard(parsing: "0/3") }
    #expect(throws: ExperimentError.self) { try Shard(parsing: "two/3") }
    let e = try load()
    var seen: [WorkItem] = []
    for k in 1...3 { seen += try Runner(experiment: e, shard: Shard(index: k, count: 3)).items }
    let all = try Runner(experiment: e).items
    #expect(seen.count == all.count && Set(seen.map { "\($0.scenario)/\($0.trial)" }) == Set(all.map { "\($0.scenario)/\($0.trial)" }))
  }

  @Test func sha256MatchesTheStandardVectors() {
    #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(SHA256.hex(String(repeating: "a", count: 1000)).count == 64)
  }
}
