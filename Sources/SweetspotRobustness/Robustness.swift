import SweetspotNumerics

/// How one strategy fares across sampled worlds: its outcome's distribution, its regret (what it
/// loses against the best strategy of each world), and how often it is best or nearly so.
///
/// These are the robustness metrics of decision making under deep uncertainty: the mean and
/// quantiles (satisficing and risk views), Savage's minimax regret and its softer percentiles
/// (Savage 1951; Lempert, Popper & Bankes 2003, "Shaping the next one hundred years", RAND
/// MR-1626), as McPhail et al. (2018, "Robustness metrics: how are they calculated, when should
/// they be used and why do they give different results?", Earth's Future 6) classify them.
public struct StrategyRobustness: Sendable, Equatable {
  /// The quantile levels of `quantiles`.
  public static let quantileLevels: [Double] = [0.05, 0.25, 0.5, 0.75, 0.95]

  /// The mean outcome over worlds.
  public let mean: Double
  /// The outcome's quantiles, keyed by level (`quantileLevels`), Hyndman & Fan type 7.
  public let quantiles: [Double: Double]
  /// The mean regret: best outcome in the world minus this strategy's, averaged over worlds.
  public let regretMean: Double
  /// The 90th percentile of regret (type 7).
  public let regretP90: Double
  /// The largest regret in any world (Savage's criterion ranks by this).
  public let regretMax: Double
  /// The share of worlds in which this strategy is best (ties count for every tied strategy).
  public let shareBest: Double
  /// The share of worlds in which this strategy is within the margin of the best.
  public let shareWithinMargin: Double

  public init(
    mean: Double, quantiles: [Double: Double], regretMean: Double, regretP90: Double, regretMax: Double,
    shareBest: Double, shareWithinMargin: Double
  ) {
    self.mean = mean
    self.quantiles = quantiles
    self.regretMean = regretMean
    self.regretP90 = regretP90
    self.regretMax = regretMax
    self.shareBest = shareBest
    self.shareWithinMargin = shareWithinMargin
  }
}

public enum Robustness {
  /// The robustness of each strategy, from outcomes[w][s]: strategy s's objective in world w,
  /// higher better. Returns one `StrategyRobustness` per strategy, in column order.
  ///
  /// - Regret in world w is max_s′ outcomes[w][s′] − outcomes[w][s] (≥ 0, 0 for the best).
  /// - Best: regret exactly 0. Strategies tied at the top are all best, so the shares of best
  ///   may sum to more than 1.
  /// - Within margin: regret ≤ margin × |best| (materiality relative to the world's best
  ///   outcome). |best| makes the tolerance positive whatever the sign: with a best of −200 and
  ///   margin 0.01, −202 is within and −203 is not. When the best is exactly 0 the tolerance is
  ///   0, so only strategies tied with it count.
  ///
  /// Throws unless there is at least one world and one strategy, every world has the same
  /// number of strategies, every outcome is finite and margin is finite and ≥ 0.
  public static func metrics(outcomes: [[Double]], margin: Double = 0.01) throws -> [StrategyRobustness] {
    let owner = "Robustness.metrics"
    try RobustnessError.require(!outcomes.isEmpty, owner, "the number of worlds", 0, "≥ 1")
    let strategies = outcomes[0].count
    try RobustnessError.require(strategies >= 1, owner, "the number of strategies", 0, "≥ 1")
    if let w = outcomes.firstIndex(where: { $0.count != strategies }) {
      throw RobustnessError(
        .sizeMismatch, "\(owner): every world must have \(strategies) outcomes, as the first; world \(w) has \(outcomes[w].count)")
    }
    for (w, row) in outcomes.enumerated() {
      if let s = row.firstIndex(where: { !$0.isFinite }) {
        throw RobustnessError(.notFinite, "\(owner): outcomes must be finite numbers; got \(row[s]) in world \(w), strategy \(s)")
      }
    }
    try RobustnessError.require(margin >= 0 && margin.isFinite, owner, "margin", margin, "finite and ≥ 0")

    let worlds = Double(outcomes.count)
    return (0..<strategies).map { s in
      var sum = 0.0, regretSum = 0.0, best = 0, within = 0
      var values: [Double] = [], regrets: [Double] = []
      for row in outcomes {
        let top = row.max()!
        let regret = top - row[s]
        sum += row[s]
        regretSum += regret
        if regret == 0 { best += 1 }
        if regret <= margin * abs(top) { within += 1 }
        values.append(row[s])
        regrets.append(regret)
      }
      values.sort()
      regrets.sort()
      var quantiles: [Double: Double] = [:]
      for p in StrategyRobustness.quantileLevels { quantiles[p] = quantile(values, p) }
      return StrategyRobustness(
        mean: sum / worlds, quantiles: quantiles, regretMean: regretSum / worlds,
        regretP90: quantile(regrets, 0.9), regretMax: regrets.last!,
        shareBest: Double(best) / worlds, shareWithinMargin: Double(within) / worlds)
    }
  }

  /// Type-7 quantile of sorted, finite, non-empty data (checked by the caller, so GSL's checks
  /// cannot fail).
  private static func quantile(_ sorted: [Double], _ p: Double) -> Double {
    (try? Statistics.quantile(sorted: sorted, probability: p)) ?? .nan
  }
}
