import SweetspotExperiment
import SweetspotModel
import SweetspotNumerics
import SweetspotRobustness

/// How far a run's answer holds when its assumptions move: every strategy judged across the
/// sampled worlds of a robustness run (`[uncertainty]`), the assumptions that decide the key
/// comparison (global sensitivity), and the region where the answer flips (scenario discovery).
///
/// Judged per **cell** (a market and one point of the sweep grid): in each sampled world a
/// strategy's outcome is its mean objective (customer equity) over the world's trials, paired
/// with every other strategy's on the same random numbers. Methods follow EMA Workbench and
/// SALib: regret against each world's best and the satisficing share (within the materiality
/// margin of the best) as robustness metrics (McPhail et al. 2018), Sobol' indices from a
/// Saltelli design or Morris screening from trajectories, and for space-filling designs
/// (Latin hypercube, Sobol', Halton) Spearman rank correlations, which need no special design;
/// PRIM (Friedman & Fisher 1999; Bryant & Lempert 2010) for the worlds where the nominal
/// winner is not within the margin of the best.
public struct RobustnessAnalysis: Sendable {
  public struct StrategyRow: Sendable {
    public let strategy: String
    /// The strategy's mean objective in the nominal world (the main report's).
    public let nominal: Double
    /// Across the sample of plausible worlds (`Cell.worlds`); nil for a Morris screen, whose
    /// worlds are no such sample.
    public let metrics: StrategyRobustness?
    /// Share of the sampled worlds' trials in which the strategy wins Win4 for all four parties
    /// (per trial: a world's few trials cannot carry a majority rule); nil as `metrics`.
    public let shareWin4: Double?
  }
  /// One parameter's sensitivity index for one output.
  public struct Index: Sendable {
    public let key: String
    /// Sobol': first-order; Morris: μ*; rank correlation: Spearman ρ.
    public let main: Estimate
    /// Sobol': total; Morris: σ (as its value, no interval); rank correlation: nil.
    public let second: Estimate?
    /// What Monte Carlo noise alone contributes (Sobol': the noise part of S_T; Morris: the μ*
    /// of an input that does nothing), estimated from the trials of each world; nil with one
    /// trial per world and for rank correlations (whose intervals already carry the noise).
    public var noise: Double? = nil
    /// Morris: whether the effects are beyond noise, by the F test of the mean square effect
    /// against the noise variance (`MorrisIndex.noiseP`), Holm-corrected over the assumptions at
    /// the 5% level; nil when the noise is unknown and for the other methods.
    public var standsOut: Bool? = nil
    /// Morris: the Holm-adjusted p-value behind `standsOut`.
    public var noiseP: Double? = nil
    /// What orders the parameters: S_T, μ*, |ρ|.
    public var importance: Double { second.map { method == .sobol ? $0.value : main.value } ?? abs(main.value) }
    let method: Method
  }
  public enum Method: String, Sendable { case sobol, morris, rankCorrelation = "rank-correlation", partialRankCorrelation = "partial-rank-correlation" }
  public struct Sensitivity: Sendable {
    /// "customer_equity: good-enough" or "customer_equity: just-good-enough − good-enough".
    public let output: String
    public let method: Method
    /// Most important first.
    public var indices: [Index]
    /// Sobol': the share of the output's variance across worlds that is Monte Carlo noise in the
    /// world means (nil with one trial per world and for the other methods).
    public var noiseShare: Double? = nil
  }
  public struct Discovery: Sendable {
    /// "just-good-enough is not within 1% of the best strategy".
    public let condition: String
    /// Sampled worlds where the condition holds.
    public let worlds: Int
    public let box: PRIMBox?
    public let trajectory: [PRIMBox]
  }
  public struct Cell: Sendable {
    public let market: String
    public let assignments: [(key: String, value: Double)]
    public let label: String
    /// The worlds the shares, regrets and scenario discovery count: the sample of plausible
    /// worlds (`Uncertainty.sampleWorlds`), 0 for a Morris screen.
    public let worlds: Int
    public let nominalBest: String
    public let pair: (String, String)
    public let strategies: [StrategyRow]
    public let sensitivities: [Sensitivity]
    public let discovery: Discovery
    /// Per sampled world (every world of the design): the strategy with the highest objective.
    public let winners: [String]
    /// Per sampled world: the uncertain parameters' values.
    public let worldValues: [[Double]]
    /// Per sampled world and strategy: the mean objective.
    public let outcomes: [[Double]]
  }
  /// Where a sweep's best value lies across worlds, for one strategy and one series of the first
  /// swept lever (a market and the other sweeps' values).
  public struct SweepLocation: Sendable {
    public let key: String
    public let strategy: String
    /// The market and other sweeps' values.
    public let fixed: String
    public let values: [Double]
    /// The swept value with the highest mean objective in the nominal world.
    public let nominalBest: Double
    /// Per world of the design: the swept value with the highest objective.
    public let locations: [Double]
    /// The same for the sample of plausible worlds only (`Uncertainty.sampleWorlds`): what the
    /// quantiles and shares count; empty for a Morris screen.
    public let sampleLocations: [Double]
    /// Share of the sample's worlds where the nominal best value is within the margin of that
    /// world's best; nil for a Morris screen.
    public let shareNominalWithinMargin: Double?
    public let sensitivity: Sensitivity
  }

  public let uncertainty: Uncertainty
  public let margin: Double
  /// The metric's conventions held fixed (`Experiment.heldConventions`), for the report to name.
  public let heldConventions: [(key: String, value: Double)]
  public let cells: [Cell]
  /// For a sweep of a lever: where its best value lies in each world.
  public let locations: [SweepLocation]
  public var parameters: [UncertainParameter] { uncertainty.parameters }

  /// Partial rank correlations name drivers only with at least this many residual degrees of
  /// freedom (worlds − assumptions − 2): below it their intervals span most of [−1, 1] and an
  /// assumption with no effect ranked sixth of twelve in a review of a 24-world run.
  public static let prccMinimumDegreesOfFreedom = 20

  /// The family-wise level at which a Morris screen names an assumption beyond noise.
  public static let morrisAlpha = 0.05

  /// Scenario discovery is attempted only with this many worlds and this many on each side of the
  /// condition: on fewer, PRIM boxes of random labels reach the densities real ones do (a
  /// permutation check found density 0.85 for random 11-of-32 labels).
  public static let primMinimumWorlds = 50
  public static let primMinimumCases = 10
  /// A box restricting more assumptions than this is too specific to read as a region (and fits noise).
  public static let primMaximumLimits = 3

  /// The strategies with robustness metrics, the most robust first: most often within the margin
  /// of each world's best, then the least mean regret (satisficing first, then regret; McPhail et
  /// al. 2018); ties keep the experiment's order.
  public static func robustnessRanking(_ cell: Cell) -> [(row: StrategyRow, metrics: StrategyRobustness)] {
    cell.strategies.compactMap { r in r.metrics.map { (r, $0) } }.sorted { a, b in
      (a.metrics.shareWithinMargin, -a.metrics.regretMean) > (b.metrics.shareWithinMargin, -b.metrics.regretMean)
    }
  }

  /// The strategy that holds up best across worlds (`robustnessRanking`'s first).
  public static func mostRobust(_ cell: Cell) -> StrategyRow? { robustnessRanking(cell).first?.row }

  /// The p-quantile as one of the values (inverted CDF, nearest rank): a sweep's best value is
  /// one of its values, never a point between two.
  public static func nearestRank(_ xs: [Double], _ p: Double) -> Double {
    guard !xs.isEmpty else { return .nan }
    let sorted = xs.sorted()
    return sorted[min(sorted.count - 1, max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1))]
  }

  /// Wilson's score interval (95%) for a share p of n: it stays inside [0, 1] and does not
  /// collapse at 0% or 100% (Wilson 1927; Brown, Cai & DasGupta 2001).
  public static func wilson(_ p: Double, _ n: Int) -> (low: Double, high: Double) {
    guard n > 0 else { return (0, 1) }
    let z = 1.959963984540054, nn = Double(n)
    let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
    let half = z / (1 + z * z / nn) * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
    return (max(0, centre - half), min(1, centre + half))
  }

  /// The materiality margin when an experiment sets none: 1% of the best's objective.
  public static let defaultMargin = 0.01

  public init?(experiment: Experiment, scenarios: [Scenario], table: ResultTable, margin: Double = RobustnessAnalysis.defaultMargin) throws {
    guard let u = experiment.uncertainty else { return nil }
    self.uncertainty = u
    self.margin = margin
    self.heldConventions = experiment.heldConventions
    let names = experiment.strategies.map(\.name)
    let m = Metric.allCases.firstIndex(of: Report.objective)!
    let wins = [Metric.win4CustomersWin, .win4EmployeesWin, .win4CompanyWin, .win4OwnersWin].map { Metric.allCases.firstIndex(of: $0)! }
    // sums[scenario][strategy]: objective total, trial count, and Win4 party wins.
    var total = [[Double]](repeating: [Double](repeating: 0, count: names.count), count: scenarios.count)
    var count = total
    var allFourWins = [[Double]](repeating: [Double](repeating: 0, count: names.count), count: scenarios.count)
    // perTrial[scenario][strategy]: the objective of each trial, in trial order (rows are sorted).
    var perTrial = [[[Double]]](repeating: [[Double]](repeating: [], count: names.count), count: scenarios.count)
    for r in table.rows {
      total[r.scenario][r.strategy] += r.values[m]
      count[r.scenario][r.strategy] += 1
      perTrial[r.scenario][r.strategy].append(r.values[m])
      if wins.allSatisfy({ r.values[$0] > 0.5 }) { allFourWins[r.scenario][r.strategy] += 1 }
    }
    let sample = u.sampleWorlds
    let worldValues = try u.worlds(seed: experiment.seed)
    let seed = SplitMix64.mix(experiment.seed ^ 0x0B00_7577_4A9E_0017)

    // Cells: each nominal scenario and the sampled worlds that follow it.
    var cells: [Cell] = []
    var nominalByCell: [[Double]] = []
    var s = 0
    while s < scenarios.count {
      let nominal = scenarios[s]
      precondition(nominal.world == 0, "scenarios come as a nominal world followed by its sampled worlds")
      let members = Array((s + 1)..<(s + 1 + u.worldCount))
      s += 1 + u.worldCount
      func mean(_ sc: Int, _ j: Int) -> Double { count[sc][j] > 0 ? total[sc][j] / count[sc][j] : .nan }
      let nominalMeans = names.indices.map { mean(nominal.index, $0) }
      let outcomes = members.map { sc in names.indices.map { mean(sc, $0) } }
      guard outcomes.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
        throw ExperimentError(file: experiment.file, message: "a sampled world of \(nominal.label) has no finite \(Report.objective.rawValue) for some strategy; robustness cannot be judged")
      }
      let metrics: [StrategyRobustness]? = sample.isEmpty ? nil : try Robustness.metrics(outcomes: sample.map { outcomes[$0] }, margin: margin)
      let best = names.indices.max { nominalMeans[$0] < nominalMeans[$1] || (nominalMeans[$0] == nominalMeans[$1] && $0 > $1) }!
      // The key pair: as the file names it, else the nominal winner and its closest rival (the
      // comparison whose outcome the answer states).
      let runnerUp = names.indices.filter { $0 != best }.max { nominalMeans[$0] < nominalMeans[$1] || (nominalMeans[$0] == nominalMeans[$1] && $0 > $1) }
      let pairIndices: (Int, Int)
      if let p = u.pair, let a = names.firstIndex(of: p[0]), let b = names.firstIndex(of: p[1]) { pairIndices = (a, b) }
      else { pairIndices = (best, runnerUp ?? best) }
      let sampled = sample.map { members[$0] }
      let rows = names.indices.map { j in
        StrategyRow(strategy: names[j], nominal: nominalMeans[j], metrics: metrics?[j],
                    shareWin4: sample.isEmpty ? nil : sampled.reduce(0) { $0 + allFourWins[$1][j] } / max(1, sampled.reduce(0) { $0 + count[$1][j] }))
      }
      // Sensitivity of the pair's difference, then of each strategy's objective, each with its
      // per-trial values (for the noise in each world's mean).
      var outputs: [(String, [Double], [[Double]])] = []
      if pairIndices.0 != pairIndices.1 {
        outputs.append(("\(Report.objective.rawValue): \(names[pairIndices.0]) − \(names[pairIndices.1])",
                        outcomes.map { $0[pairIndices.0] - $0[pairIndices.1] },
                        members.map { sc in zip(perTrial[sc][pairIndices.0], perTrial[sc][pairIndices.1]).map { $0 - $1 } }))
      }
      for j in names.indices { outputs.append(("\(Report.objective.rawValue): \(names[j])", outcomes.map { $0[j] }, members.map { perTrial[$0][j] })) }
      var sensitivities: [Sensitivity] = []
      for (k, (name, y, trials)) in outputs.enumerated() {
        var sensitivity = try RobustnessAnalysis.sensitivity(name, y: y, trials: trials, x: worldValues, uncertainty: u, experimentSeed: experiment.seed,
                                                             seed: SplitMix64.mix(seed &+ UInt64(cells.count * 1000 + k)))
        // Another market's fields cannot act in this cell: not listed as its drivers.
        sensitivity.indices.removeAll { $0.key.hasPrefix("market.") && !$0.key.hasPrefix("market.\(nominal.market.name).") }
        sensitivities.append(sensitivity)
      }
      // Scenario discovery: where the nominal winner is not within the margin of the best, over
      // the sample of plausible worlds.
      let flips = sample.map { outcomes[$0] }.map { o -> Bool in
        let top = o.max()!
        return o[best] < top - margin * abs(top)
      }
      let condition = "\(names[best]) is not within \(Format.number(100 * margin, 0))% of the best strategy"
      var discovery = Discovery(condition: condition, worlds: flips.filter { $0 }.count, box: nil, trajectory: [])
      // PRIM on a space-filling sample only (Morris trajectories sit on a coarse grid), with enough
      // worlds on each side; a box of more than three limits is reported as no simple region.
      if u.design != .morris && discovery.worlds >= RobustnessAnalysis.primMinimumCases
          && flips.count - discovery.worlds >= RobustnessAnalysis.primMinimumCases && flips.count >= RobustnessAnalysis.primMinimumWorlds {
        let prim = try PRIM.discover(x: sample.map { worldValues[$0] }, y: flips)
        discovery = Discovery(condition: condition, worlds: discovery.worlds,
                              box: prim.box.limits.count <= RobustnessAnalysis.primMaximumLimits ? prim.box : nil, trajectory: prim.trajectory)
      }
      let winners = outcomes.map { o in names[o.indices.max { o[$0] < o[$1] || (o[$0] == o[$1] && $0 > $1) }!] }
      cells.append(Cell(market: nominal.market.name, assignments: nominal.assignments,
                        label: (["market=\(nominal.market.name)"] + nominal.assignments.map { "\($0.key)=\(Format.number($0.value))" }).joined(separator: ", "),
                        worlds: sample.count, nominalBest: names[best], pair: (names[pairIndices.0], names[pairIndices.1]),
                        strategies: rows, sensitivities: sensitivities, discovery: discovery, winners: winners, worldValues: worldValues,
                        outcomes: outcomes))
      nominalByCell.append(nominalMeans)
    }
    self.cells = cells

    // Sweeps of a lever: the first swept key is the x axis, every market × other sweeps' values a series.
    var locations: [SweepLocation] = []
    if let key = experiment.sweeps.first?.key, key.hasPrefix("strategy.") {
      let parts = key.split(separator: ".").map(String.init)
      let affected = parts.count == 3 && parts[1] != "*" ? [parts[1]] : names
      for (fixed, members) in Report.sweepSeries(cells.map { ($0.market, $0.assignments) }, key: 0) {
        let xs = members.map { cells[$0].assignments[0].value }
        guard xs.count >= 2 else { continue }
        for name in affected {
          guard let j = names.firstIndex(of: name) else { continue }
          func argmax(_ v: [Double]) -> Int { v.indices.max { v[$0] < v[$1] || (v[$0] == v[$1] && $0 > $1) }! }
          let nominalBest = argmax(members.map { nominalByCell[$0][j] })
          var where_: [Double] = [], nominalWithin: [Bool] = []
          for w in 0..<u.worldCount {
            let series = members.map { cells[$0].outcomes[w][j] }
            let b = argmax(series)
            where_.append(xs[b])
            nominalWithin.append(series[nominalBest] >= series[b] - margin * abs(series[b]))
          }
          let within = sample.filter { nominalWithin[$0] }.count
          let sens = try RobustnessAnalysis.sensitivity("best \(key) (\(name), \(fixed))", y: where_, x: worldValues, uncertainty: u,
                                                        experimentSeed: experiment.seed, seed: SplitMix64.mix(seed &+ UInt64(900_000 + locations.count)))
          locations.append(SweepLocation(key: key, strategy: name, fixed: fixed, values: xs, nominalBest: xs[nominalBest], locations: where_,
                                         sampleLocations: sample.map { where_[$0] },
                                         shareNominalWithinMargin: sample.isEmpty ? nil : Double(within) / Double(sample.count), sensitivity: sens))
        }
      }
    }
    self.locations = locations
  }

  /// The design's own indices: Sobol' from a Saltelli design, Morris μ* and σ from trajectories,
  /// Spearman rank correlations with bootstrap intervals from a space-filling sample.
  ///
  /// `trials` holds each world's per-trial outputs (their mean is `y`): with two or more per
  /// world, Sobol' and Morris indices come with their noise parts (`Index.noise`).
  static func sensitivity(_ name: String, y: [Double], trials: [[Double]]? = nil, x: [[Double]], uncertainty u: Uncertainty,
                          experimentSeed: UInt64, seed: UInt64) throws -> Sensitivity {
    let keys = u.parameters.map(\.key)
    var indices: [Index] = []
    var noiseShare: Double?
    // The Win4 judge's thresholds change no trial's outcome, only its verdicts: as regressors of
    // an outcome they would spend degrees of freedom on nothing, so they get a zero index.
    let acting = keys.indices.filter { !keys[$0].hasPrefix("scorecard.") }
    // Space-filling designs: partial rank correlations when there are enough worlds, else Spearman's ρ.
    let prcc: [Estimate]? = try u.design == .saltelli || u.design == .morris || acting.isEmpty ? nil
      : RankCorrelation.partial(x.map { row in acting.map { row[$0] } }, y, resamples: u.resamples, seed: seed).map { est in
        var all = keys.map { _ in Estimate(value: 0, low: 0, high: 0) }
        for (k, j) in acting.enumerated() { all[j] = est[k] }
        return all
      }
    let method: Method = u.design == .saltelli ? .sobol : u.design == .morris ? .morris : prcc != nil ? .partialRankCorrelation : .rankCorrelation
    // An output that is the same in every world depends on nothing: every index is 0.
    if let first = y.first, y.allSatisfy({ $0 == first }) {
      let zero = Estimate(value: 0, low: 0, high: 0)
      return Sensitivity(output: name, method: method, indices: keys.map { Index(key: $0, main: zero, second: method == .sobol || method == .morris ? zero : nil, method: method) })
    }
    switch u.design {
    case .saltelli:
      // The run's own design, rebuilt from its seed: outputs are in its point order.
      let design = try SaltelliDesign(baseSamples: u.samples, dimensions: u.dimensions, seed: Uncertainty.designSeed(experimentSeed))
      let si = try design.indices(outputs: y, trialOutputs: trials, resamples: u.resamples, seed: seed)
      indices = keys.indices.map { Index(key: keys[$0], main: si.first[$0], second: si.total[$0], noise: si.totalNoise?[$0], method: .sobol) }
      noiseShare = si.noiseShare
    case .morris:
      let design = try MorrisDesign(trajectories: u.samples, dimensions: u.dimensions, levels: u.levels, seed: Uncertainty.designSeed(experimentSeed))
      // A whole-number assumption runs at its rounded value: the step it took, in unit-cube terms.
      let realized = zip(design.points, x).map { point, values in
        u.parameters.indices.map { d in u.parameters[d].isInteger ? u.parameters[d].unitCoordinate(of: values[d]) : point[d] }
      }
      let mi = try design.indices(outputs: y, realized: realized, trialOutputs: trials, resamples: u.resamples, seed: seed)
      let ps = mi.compactMap(\.noiseP)
      let adjusted: [Double]? = ps.count == mi.count ? Analysis.holm(ps) : nil
      indices = keys.indices.map { k in
        Index(key: keys[k], main: mi[k].muStarInterval ?? Estimate(value: mi[k].muStar, low: mi[k].muStar, high: mi[k].muStar),
              second: Estimate(value: mi[k].sigma, low: mi[k].sigma, high: mi[k].sigma), noise: mi[k].noiseFloor,
              standsOut: adjusted.map { $0[k] < RobustnessAnalysis.morrisAlpha && mi[k].muStar > 0 }, noiseP: adjusted?[k], method: .morris)
      }
    default:
      if let prcc {
        indices = keys.indices.map { Index(key: keys[$0], main: prcc[$0], second: nil, method: .partialRankCorrelation) }
        break
      }
      indices = try keys.indices.map { k in
        Index(key: keys[k], main: try RankCorrelation.spearman(x.map { $0[k] }, y, resamples: u.resamples, seed: seed &+ UInt64(k)),
              second: nil, method: .rankCorrelation)
      }
    }
    indices.sort { $0.importance > $1.importance || ($0.importance == $1.importance && $0.key < $1.key) }
    return Sensitivity(output: name, method: method, indices: indices, noiseShare: noiseShare)
  }
}
