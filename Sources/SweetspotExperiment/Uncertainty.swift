import SweetspotModel
import SweetspotNumerics
import SweetspotRobustness

/// One assumption a robustness run varies: a parameter (by its key) and the distribution its
/// values are drawn from, truncated to the values the parameter may take at all.
public struct UncertainParameter: Sendable, Equatable {
  /// `world.churn_attitude_slope`, `segment.premium.expectation`, `market.competitive.switching_cost`
  /// (`market.*.FIELD` for every market of the experiment).
  public let key: String
  public let distribution: UncertainDistribution
  /// Draws are truncated to this range (the parameter's allowed values).
  public let allowed: ClosedRange<Double>
  /// Whole-number parameters are rounded after drawing.
  public let isInteger: Bool
  public let unit: String
  /// How the file gave it: "default" (the documented plausible range) or the table it was written as.
  public let given: String

  /// The value at unit-cube coordinate `u` (kept strictly inside (0, 1) so no draw lands on an
  /// open end of the allowed range).
  public func value(at u: Double) -> Double {
    let v = distribution.quantile(min(max(u, 1e-12), 1 - 1e-12), within: allowed)
    return isInteger ? v.rounded() : v
  }

  /// The unit-cube coordinate at which a value lies: the distribution function truncated to the
  /// allowed range, the inverse of `value(at:)` (for a whole-number parameter, where its rounded
  /// value lies, which a Morris step needs: `MorrisDesign.indices(realized:)`).
  public func unitCoordinate(of value: Double) -> Double {
    let low = distribution.cdf(allowed.lowerBound), high = distribution.cdf(allowed.upperBound)
    guard high > low else { return 0.5 }
    return min(max((distribution.cdf(value) - low) / (high - low), 0), 1)
  }

  /// The distribution in words, for reports: "uniform on [2, 8]".
  public var summary: String {
    func n(_ x: Double) -> String { formatParameterNumber(x) }
    switch distribution {
    case let .uniform(low, high): return "uniform [\(n(low)), \(n(high))]"
    case let .triangular(low, mode, high): return "triangular [\(n(low)), \(n(mode)), \(n(high))]"
    case let .normal(mean, sd): return "normal(\(n(mean)), \(n(sd)))"
    case let .lognormal(mu, sigma): return "lognormal(μ \(n(mu)), σ \(n(sigma)))"
    case let .beta(a, b, low, high): return "beta(\(n(a)), \(n(b))) on [\(n(low)), \(n(high))]"
    case let .logUniform(low, high): return "log-uniform [\(n(low)), \(n(high))]"
    }
  }
}

/// The `[uncertainty]` and `[robustness]` tables: which assumptions a run varies, how the worlds
/// are sampled and how the results are judged.
///
/// A **world** is one draw of every uncertain parameter. Each world runs every strategy of every
/// scenario on the same random numbers (trials keyed by trial index, as in any scenario), so a
/// comparison stays paired inside a world; world 0 is the nominal world (the values the file
/// states), which the main report analyses with `trials` trials; the sampled worlds 1 … W run
/// `trialsPerWorld` trials each and feed the robustness analysis.
public struct Uncertainty: Sendable, Equatable {
  public var parameters: [UncertainParameter]
  public var design: DesignKind = .latinHypercube
  /// Latin hypercube, Sobol', Halton: the number of worlds. Saltelli: the base sample N (worlds
  /// N·(k + 2)). Morris: the number of trajectories r (worlds r·(k + 1)).
  public var samples: Int = 32
  public var trialsPerWorld: Int = 2
  /// Morris grid levels (even).
  public var levels: Int = 4
  /// Bootstrap resamples for index intervals.
  public var resamples: Int = 300
  /// The two strategies whose paired difference the sensitivity analysis explains (nil: the
  /// nominal world's best and its runner-up).
  public var pair: [String]?

  /// Sampled worlds a file or `--worlds` may ask for (0: none; at least 3 for a space-filling
  /// design, 2 for Saltelli or Morris, checked with the design).
  public static let samplesRange = 0...100_000
  public static let trialsRange = 1...10_000
  public static let resamplesRange = 10...100_000
  public static let designDefault = DesignKind.latinHypercube

  public var dimensions: Int { parameters.count }

  /// The sampled worlds (without the nominal one).
  public var worldCount: Int {
    switch design {
    case .saltelli: return samples * (dimensions + 2)
    case .morris: return samples * (dimensions + 1)
    default: return samples
    }
  }

  /// The sampled worlds (0-based among the `worldCount`) that are a sample of the plausible
  /// worlds, which shares of worlds, regrets and scenario discovery count:
  /// - a space-filling design: every world;
  /// - Saltelli: the rows of A and B only. The mixed rows A_B^(i) repeat A but for one
  ///   assumption, so counting them would weigh each base row k + 2 times over and make the
  ///   shares' intervals far too narrow;
  /// - Morris: none. Its trajectories sit on a grid whose end levels are the ranges' ends, each
  ///   moving one assumption at a time from a random start: a screen of effects, not a sample
  ///   of worlds (by trajectory a review found 48–64% where the worlds counted as independent
  ///   gave 54–58%).
  public var sampleWorlds: [Int] {
    switch design {
    case .saltelli: return (0..<samples).flatMap { j in [j * (dimensions + 2), j * (dimensions + 2) + dimensions + 1] }
    case .morris: return []
    case .latinHypercube, .sobol, .halton: return Array(0..<worldCount)
    }
  }

  /// The design's seed: derived from the experiment's, apart from every trial stream.
  public static func designSeed(_ experimentSeed: UInt64) -> UInt64 { SplitMix64.mix(experimentSeed ^ 0x0DE5_1605_EED0_0013) }

  /// The unit-cube point of each sampled world, in world order.
  public func unitPoints(seed: UInt64) throws -> [[Double]] {
    let s = Uncertainty.designSeed(seed)
    switch design {
    case .latinHypercube: return try Designs.latinHypercube(samples: samples, dimensions: dimensions, seed: s)
    case .sobol: return try Designs.quasiRandom(.sobol, samples: samples, dimensions: dimensions)
    case .halton: return try Designs.quasiRandom(.halton, samples: samples, dimensions: dimensions)
    case .saltelli: return try SaltelliDesign(baseSamples: samples, dimensions: dimensions, seed: s).points
    case .morris: return try MorrisDesign(trajectories: samples, dimensions: dimensions, levels: levels, seed: s).points
    }
  }

  /// Each sampled world's parameter values (world w is row w − 1).
  public func worlds(seed: UInt64) throws -> [[Double]] {
    try unitPoints(seed: seed).map { u in zip(parameters, u).map { $0.value(at: $1) } }
  }
}

extension Uncertainty {
  /// World parameters that are conventions of the metric, not facts about the world: the
  /// wildcards (`"*"`, `"world.*"`) hold them fixed, and a report says so. Customer equity's
  /// horizon is how far the customers kept are valued, a choice the reader makes: sampled with
  /// the assumptions it ranked second of 209 in a Morris screen, and a long horizon multiplies
  /// every trial's noise in the kept customers (a review measured the trial-to-trial spread of a
  /// gap at $0.55M below 170 weeks and $2.42M above 410). Name one in `[uncertainty]` to vary it.
  public static let conventions = ["world.equity_horizon_weeks"]
}

extension Experiment {
  /// The conventions (`Uncertainty.conventions`) this run holds fixed, with their values.
  public var heldConventions: [(key: String, value: Double)] {
    Uncertainty.conventions.compactMap { key in
      guard uncertainty?.parameters.contains(where: { $0.key == key }) != true, let v = nominalValue(key) else { return nil }
      return (key, v)
    }
  }

  /// The value the file states for an uncertain key (the nominal world's).
  func nominalValue(_ key: String) -> Double? {
    let parts = key.split(separator: ".", maxSplits: 2).map(String.init)
    switch parts.first {
    case "market":
      guard parts.count == 3, let f = Fields.market.first(where: { $0.name == parts[2] }),
            let m = markets.first(where: { $0.name == parts[1] }) else { return nil }
      return f.get(m).number
    case "strategy":
      guard parts.count == 3, let f = Fields.levers.first(where: { $0.name == parts[2] }),
            let s = strategies.first(where: { $0.name == parts[1] }) else { return nil }
      return f.get(s.levers).number
    case "segment" where parts.count == 3 && parts[1] == "*":
      return Fields.world(key: "segment.\(Segment.allCases[0]).\(parts[2])")?.get(configuration.world).number
    default:
      return Fields.world(key: key)?.get(configuration.world).number
    }
  }

  /// worlds.csv's columns for the uncertain keys: identifiers in R and pandas (`ColumnName`;
  /// the manifest's `columns` maps them back to their keys).
  public static func worldColumns(_ keys: [String]) -> [String] { ColumnName.columns(keys, avoiding: ["world"]) }

  /// `worlds.csv`: one row per world (0: nominal, 1 … W: sampled), one column per uncertain
  /// parameter, in parameter units; nil without uncertainty.
  public func worldsCSV() throws(ExperimentError) -> String? {
    guard let u = uncertainty else { return nil }
    let worlds: [[Double]]
    do { worlds = try u.worlds(seed: seed) } catch {
      throw ExperimentError(file: file, key: "robustness.design", message: "cannot build the \(u.design.rawValue) design: \(error)")
    }
    let rows = [["0"] + u.parameters.map { nominalValue($0.key).map(csvNumber) ?? "" }]
      + worlds.enumerated().map { w, values in [String(w + 1)] + values.map(csvNumber) }
    return CSV.table(header: ["world"] + Experiment.worldColumns(u.parameters.map(\.key)), rows: rows)
  }
}
