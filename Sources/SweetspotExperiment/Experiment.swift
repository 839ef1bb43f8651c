import SweetspotModel
import SweetspotNumerics

/// One parameter swept over a list of values; experiments take the full grid of their sweeps.
public struct Sweep: Sendable, Equatable {
  /// Dotted path: `strategy.NAME.LEVER` (NAME may be `*`: every strategy), `market.NAME.FIELD`,
  /// `population.scale`, or any numeric `World` parameter (`world.*`, `population.*`,
  /// `segment.NAME.*`, `controller.*`, `scorecard.*`).
  public var key: String
  public var values: [Double]
}

/// One cell of an experiment: a market and one value for each swept parameter. Every strategy
/// runs in every scenario, trial by trial on the same random numbers.
public struct Scenario: Sendable {
  public var index: Int
  public var market: Market
  /// (sweep key, value) in sweep order.
  public var assignments: [(key: String, value: Double)]
  public var configuration: TrialConfiguration
  public var strategies: [Strategy]
  /// 0: the nominal world (the values the file states); 1 … W: the sampled worlds of a robustness
  /// run (`Uncertainty`), in design order.
  public var world: Int = 0
  /// Trials this scenario runs: the experiment's in the nominal world, `robustness.trials` in a sampled one.
  public var trials: Int
  /// Trial t of this scenario draws from the streams of trial `streamOffset + t`: 0 in the
  /// nominal world. In sampled world w of a space-filling design (Latin hypercube, Sobol',
  /// Halton), past the nominal trials and every earlier world's, so each world has noise of its
  /// own (its strategies still share it: common random numbers within a world) and Monte Carlo
  /// noise averages out across worlds instead of repeating. In a Morris or Saltelli design the
  /// worlds of one trajectory or base row share their trials (`DesignKind.worldsPerGroup`): those
  /// estimators difference worlds that differ in one parameter, and with common random numbers
  /// the difference is that parameter's effect, not two draws of noise (a parameter no trial
  /// reads gets an elementary effect of exactly 0).
  public var streamOffset: Int = 0
  /// Where trial t counts for sharding (`--shard K/N` takes trials by `shardOffset + t`): the
  /// world's own place in the count, past the nominal trials and every earlier world's, so
  /// worlds spread over the shards even when they share random numbers.
  public var shardOffset: Int = 0

  /// `market=competitive, strategy.*.service_level_target=0.7` (and `, world=3` in a sampled world).
  public var label: String {
    (["market=\(market.name)"] + assignments.map { "\($0.key)=\(formatNumber($0.value))" } + (world > 0 ? ["world=\(world)"] : []))
      .joined(separator: ", ")
  }
}

/// A resolved experiment: everything needed to run it, validated.
public struct Experiment: Sendable {
  public var name: String
  public var description: String
  public var question: String
  public var seed: UInt64
  public var trials: Int
  public var configuration: TrialConfiguration
  public var strategies: [Strategy]
  public var markets: [Market]
  public var sweeps: [Sweep]
  /// The strategy others are compared with in reports (default: the first).
  public var baseline: String
  /// The source text (after `--set`), for the manifest.
  public var source: String
  public var file: String
  /// The assumptions a robustness run varies (`[uncertainty]`, `[robustness]`); nil: one world.
  public var uncertainty: Uncertainty? = nil
  /// An industry (`[industry]`): the strategies are the mix its firms are drawn from, and every
  /// trial is one industry whose firms are the rows of trials.csv. nil: each strategy is one
  /// firm against a static market.
  public var industry: IndustrySetup? = nil
  /// The materiality margin of every comparison in the reports, as a share of the reference
  /// mean (the best strategy's or value's): differences inside it are "equivalent". It changes
  /// no trial, so it is not part of the resolved configuration.
  public var margin: Double = ExperimentSchema.defaultMargin

  /// The names of the rows of each scenario and trial in trials.csv: the strategies, or an
  /// industry's firms (`firm-001` …).
  public var rowNames: [String] {
    guard let k = industry?.firms else { return strategies.map(\.name) }
    let width = max(3, String(k).count)
    return (1...k).map { i in "firm-" + String(repeating: "0", count: width - String(i).count) + String(i) }
  }

  /// Years an industry's lists are kept for: 52-week years, the last running to the horizon.
  public var industryYears: Int { max(1, configuration.weeks / 52) }

  /// The value columns of trials.csv: every metric, and for an industry each firm's own columns
  /// (`FirmOutcome.columns`).
  public var resultColumns: [ResultColumn] {
    ResultColumn.metrics + (industry == nil ? [] : FirmOutcome.columns(years: industryYears).map { ResultColumn(name: $0.name, kind: $0.kind) })
  }

  /// The most scenarios (markets × sweep values) an experiment may have.
  public static let maxScenarios = 100_000

  /// Worlds per cell: the nominal one and the sampled ones.
  public var worldsPerCell: Int { 1 + (uncertainty?.worldCount ?? 0) }

  /// How many scenarios: markets × sweep grid × worlds.
  public var scenarioCount: Double {
    Double(markets.count) * sweeps.reduce(1.0) { $0 * Double($1.values.count) } * Double(worldsPerCell)
  }

  /// Every scenario: markets × the grid of sweep values × worlds (nominal first), market-major.
  public func scenarios() throws(ExperimentError) -> [Scenario] {
    let count = scenarioCount
    guard count <= Double(Self.maxScenarios) else {
      throw ExperimentError(file: file, key: uncertainty == nil ? "sweep" : "robustness.samples",
                            message: "markets × sweep values\(uncertainty == nil ? "" : " × worlds") give \(formatNumber(count)) scenarios; at most \(Self.maxScenarios)")
    }
    var worlds: [[Double]] = []
    if let u = uncertainty {
      do { worlds = try u.worlds(seed: seed) } catch {
        throw ExperimentError(file: file, key: "robustness.design", message: "cannot build the \(u.design.rawValue) design: \(error)")
      }
    }
    var grid: [[(key: String, value: Double)]] = [[]]
    for sweep in sweeps {
      grid = grid.flatMap { prefix in sweep.values.map { prefix + [(key: sweep.key, value: $0)] } }
    }
    var out: [Scenario] = []
    for market in markets {
      for assignments in grid {
        var sc = Scenario(index: out.count, market: market, assignments: assignments, configuration: configuration, strategies: strategies,
                          trials: trials)
        for a in assignments { try apply(a.key, a.value, to: &sc) }
        out.append(sc)
        guard let u = uncertainty else { continue }
        let setters = try u.parameters.map { p throws(ExperimentError) in try setter(p.key) }
        let group = u.design.worldsPerGroup(dimensions: u.parameters.count)
        for (w, values) in worlds.enumerated() {
          var world = sc
          world.index = out.count
          world.world = w + 1
          world.trials = u.trialsPerWorld
          world.shardOffset = trials + w * u.trialsPerWorld
          world.streamOffset = trials + w / group * u.trialsPerWorld
          for (set, v) in zip(setters, values) { set(&world, v) }
          out.append(world)
        }
      }
    }
    return out
  }

  private func apply(_ key: String, _ value: Double, to sc: inout Scenario) throws(ExperimentError) {
    try setter(key)(&sc, value)
  }

  /// What setting `key` to a value does to a scenario, resolved once: a robustness run applies
  /// every uncertain key to every sampled world (thousands of worlds × hundreds of keys), so the
  /// key is parsed and its field found before the loop, not in it.
  private func setter(_ key: String) throws(ExperimentError) -> (inout Scenario, Double) -> Void {
    let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
    let bad = ExperimentError(file: file, key: key, message: "cannot sweep this key")
    switch parts.first {
    case "strategy":
      guard parts.count == 3, let f = Fields.levers.first(where: { $0.name == parts[2] }) else { throw bad }
      let name = parts[1]
      return { sc, value in
        for i in sc.strategies.indices where name == "*" || sc.strategies[i].name == name {
          f.set(&sc.strategies[i].levers, .float(value))
        }
      }
    case "market":
      guard parts.count == 3, let f = Fields.market.first(where: { $0.name == parts[2] }) else { throw bad }
      let name = parts[1]
      return { sc, value in if name == "*" || name == sc.market.name { f.set(&sc.market, .float(value)) } }
    case "segment" where parts.count == 3 && parts[1] == "*":
      var fields: [Field<World>] = []
      for seg in Segment.allCases {
        guard let f = Fields.world(key: "segment.\(seg).\(parts[2])"), f.isNumeric else { throw bad }
        fields.append(f)
      }
      return { sc, value in for f in fields { f.set(&sc.configuration.world, .float(value)) } }
    case "population" where key == "population.scale":
      return { sc, value in sc.configuration.customerScale = value }
    default:
      // world.*, population.*, segment.NAME.*, controller.*, scorecard.*
      guard let f = Fields.world(key: key), f.isNumeric else { throw bad }
      let integer = f.kind == .integer
      return { sc, value in f.set(&sc.configuration.world, integer ? .integer(Int(value)) : .float(value)) }
    }
  }
}

extension Experiment {
  /// A strategy or market name can go into every result file and one-line message: no control
  /// character (a line break would split a report table or a message). Commas and double quotes
  /// are allowed: the CSV writer (`CSV`) quotes them.
  public static func isCSVSafeName(_ name: String) -> Bool {
    !name.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }
  }

  static func csvUnsafeNameMessage(_ kind: String, _ name: String) -> String {
    "the \(kind) name '\(escapingControlCharacters(name))' cannot go into the result files; names may not hold control characters"
  }
}
