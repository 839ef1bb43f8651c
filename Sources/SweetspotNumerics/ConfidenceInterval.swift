internal import CGSL

/// A two-sided Student-t confidence interval for a mean: mean ± t(1 − α/2, n − 1) · s / √n.
///
/// Assumes independent observations (independent replications, not consecutive periods of one
/// run). The t quantile is `gsl_cdf_tdist_Pinv`.
public struct ConfidenceInterval: Sendable, Equatable, CustomStringConvertible {
  public let mean: Double
  public let halfWidth: Double
  public let level: Double
  public let count: Int

  public var lower: Double { mean - halfWidth }
  public var upper: Double { mean + halfWidth }
  /// Whether `x` lies inside the closed interval.
  public func contains(_ x: Double) -> Bool { x >= lower && x <= upper }

  /// From summary statistics of n ≥ 2 observations.
  public init(mean: Double, standardDeviation sd: Double, count n: Int, level: Double = 0.95) throws(NumericsError) {
    try NumericsError.require(level > 0 && level < 1, "ConfidenceInterval", "level", level, "in (0, 1)")
    if n < 2 { throw .insufficientData(statistic: "confidence interval", count: n, required: 2) }
    try NumericsError.require(mean.isFinite, "ConfidenceInterval", "mean", mean, "finite")
    try NumericsError.require(sd >= 0 && sd.isFinite, "ConfidenceInterval", "standardDeviation", sd, "finite and ≥ 0")
    let t = try StudentT.quantile(probability: 1 - (1 - level) / 2, degreesOfFreedom: Double(n - 1))
    self.mean = mean
    self.halfWidth = t * sd / Double(n).squareRoot()
    self.level = level
    self.count = n
  }

  /// The interval for the mean of `data` (n ≥ 2).
  public init(_ data: [Double], level: Double = 0.95) throws(NumericsError) {
    try self.init(
      mean: Statistics.mean(data), standardDeviation: Statistics.standardDeviation(data),
      count: data.count, level: level)
  }

  /// The paired-difference interval for mean(a − b): the right interval under common random
  /// numbers, where a[i] and b[i] come from the same trial and are positively correlated.
  public static func pairedDifference(_ a: [Double], _ b: [Double], level: Double = 0.95) throws(NumericsError) -> ConfidenceInterval {
    try NumericsError.require(a.count == b.count, "pairedDifference", "b.count", Double(b.count), "equal to a.count (\(a.count))")
    var d = [Double](repeating: 0, count: a.count)
    for i in 0..<a.count { d[i] = a[i] - b[i] }
    return try ConfidenceInterval(d, level: level)
  }

  public var description: String {
    "\(mean) ± \(halfWidth) (\(Int((level * 100).rounded()))% CI, n = \(count))"
  }
}

/// Student's t distribution.
public enum StudentT {
  /// The quantile function (`gsl_cdf_tdist_Pinv`): P(T ≤ x) = probability.
  public static func quantile(probability p: Double, degreesOfFreedom nu: Double) throws(NumericsError) -> Double {
    GSLRuntime.prepare()
    try NumericsError.require(p > 0 && p < 1, "StudentT.quantile", "probability", p, "in (0, 1)")
    try NumericsError.require(nu > 0 && !nu.isNaN, "StudentT.quantile", "degreesOfFreedom", nu, "> 0")
    let x = gsl_cdf_tdist_Pinv(p, nu)
    guard x.isFinite else { throw .gsl(function: "gsl_cdf_tdist_Pinv", code: Int32(GSL_EDOM), message: "no finite quantile") }
    return x
  }

  /// The distribution function P(T ≤ x) (`gsl_cdf_tdist_P`).
  public static func cdf(_ x: Double, degreesOfFreedom nu: Double) throws(NumericsError) -> Double {
    GSLRuntime.prepare()
    try NumericsError.require(nu > 0 && !nu.isNaN, "StudentT.cdf", "degreesOfFreedom", nu, "> 0")
    return gsl_cdf_tdist_P(x, nu)
  }
}
