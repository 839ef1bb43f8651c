internal import CGSL

/// Running statistics of a stream of values in O(1) memory (`gsl_rstat`): count, mean, variance,
/// extremes and a P² median estimate, updated one value at a time.
///
/// Owns a GSL workspace, freed with the object. Not `Sendable`: one accumulator per thread.
public final class RunningStatistics {
  private let w: UnsafeMutablePointer<gsl_rstat_workspace>

  public init() throws(NumericsError) {
    GSLRuntime.prepare()
    guard let w = gsl_rstat_alloc() else {
      throw .gsl(function: "gsl_rstat_alloc", code: Int32(GSL_ENOMEM), message: "out of memory")
    }
    self.w = w
  }

  deinit { gsl_rstat_free(w) }

  /// Adds one value. NaN and infinities are refused: one would poison every statistic.
  public func add(_ x: Double) throws(NumericsError) {
    try NumericsError.require(x.isFinite, "RunningStatistics", "value", x, "finite")
    _ = gsl_rstat_add(x, w)
  }

  public var count: Int { Int(gsl_rstat_n(w)) }
  public var mean: Double { gsl_rstat_mean(w) }
  /// Unbiased variance (n − 1); 0 with fewer than two values.
  public var variance: Double { gsl_rstat_variance(w) }
  public var standardDeviation: Double { gsl_rstat_sd(w) }
  public var min: Double { gsl_rstat_min(w) }
  public var max: Double { gsl_rstat_max(w) }
  /// P² estimate of the median (Jain & Chlamtac 1985).
  public var median: Double { gsl_rstat_median(w) }

  /// Student-t interval for the mean. Needs ≥ 2 values.
  public func confidenceInterval(level: Double = 0.95) throws(NumericsError) -> ConfidenceInterval {
    try ConfidenceInterval(mean: mean, standardDeviation: standardDeviation, count: count, level: level)
  }

  /// Forgets every value.
  public func reset() { _ = gsl_rstat_reset(w) }
}
