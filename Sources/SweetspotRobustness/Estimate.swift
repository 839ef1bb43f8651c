import SweetspotNumerics

/// A statistic with its percentile-bootstrap confidence interval [low, high].
public struct Estimate: Sendable, Equatable, CustomStringConvertible {
  /// The statistic computed on all the data.
  public let value: Double
  /// The interval's ends.
  public let low: Double
  public let high: Double

  public init(value: Double, low: Double, high: Double) {
    self.value = value
    self.low = low
    self.high = high
  }

  /// Whether x lies in [low, high].
  public func contains(_ x: Double) -> Bool { low <= x && x <= high }

  public var description: String { "\(value) [\(low), \(high)]" }
}

/// The percentile bootstrap (Efron & Tibshirani 1993, "An Introduction to the Bootstrap", ch. 13):
/// resample the n units (rows of a Saltelli design, Morris trajectories) with replacement,
/// recompute the statistics on each resample, and take the (1 − c)/2 and (1 + c)/2 quantiles of
/// the recomputed values as the interval's ends.
///
/// SALib reports z·sd of the bootstrap values instead (a normal approximation, symmetric by
/// construction); the percentile interval needs no normality and follows the skew of a ratio
/// estimator, at the price of more resamples for stable ends. The indices resampled are drawn
/// from (`seed`, purpose `bootstrap`), so the intervals are reproducible to the bit.
public enum Bootstrap {
  /// Checks `resamples` and `confidence` for `owner`.
  static func check(_ owner: String, resamples: Int, confidence: Double) throws {
    try RobustnessError.require(
      resamples >= 10 && resamples <= 1_000_000, owner, "resamples", resamples, "in 10 ... 1,000,000")
    try RobustnessError.require(
      confidence > 0 && confidence < 1, owner, "confidence", confidence, "in (0, 1)")
  }

  /// For each of `resamples` resamples of 0 ..< units (with replacement), `statistics(indices)`:
  /// one array of m statistics per resample; returns the m intervals around `values`.
  /// Non-finite resampled statistics (a resample whose outputs happen not to vary) are left out
  /// of the quantiles; if none is finite, both ends are NaN.
  public static func intervals(
    values: [Double], units: Int, resamples: Int, confidence: Double, seed: UInt64,
    statistics: ([Int]) -> [Double]
  ) throws -> [Estimate] {
    let stream = try RobustnessError.numerics { () throws(NumericsError) in
      try RandomStream(key: StreamKey(seed: seed, purpose: .bootstrap))
    }
    var draws = [[Double]](repeating: [], count: values.count)
    for d in draws.indices { draws[d].reserveCapacity(resamples) }
    var indices = [Int](repeating: 0, count: units)
    for _ in 0..<resamples {
      for i in 0..<units {
        indices[i] = try RobustnessError.numerics { () throws(NumericsError) in try stream.uniformInt(below: units) }
      }
      let s = statistics(indices)
      for d in draws.indices where s[d].isFinite { draws[d].append(s[d]) }
    }
    let tail = (1 - confidence) / 2
    return values.indices.map { d in
      let sorted = draws[d].sorted()
      guard !sorted.isEmpty,
        let low = try? Statistics.quantile(sorted: sorted, probability: tail),
        let high = try? Statistics.quantile(sorted: sorted, probability: 1 - tail)
      else { return Estimate(value: values[d], low: .nan, high: .nan) }
      return Estimate(value: values[d], low: low, high: high)
    }
  }
}
