internal import CGSL

/// Descriptive statistics of a sample, each a direct GSL call (`gsl_stats_*`) behind a check
/// that the data suffice, so an empty array gives an error rather than GSL's NaN or a trap.
public enum Statistics {
  /// The arithmetic mean (`gsl_stats_mean`). Needs ≥ 1 value.
  public static func mean(_ data: [Double]) throws(NumericsError) -> Double {
    try need(data, 1, "mean")
    return data.withUnsafeBufferPointer { gsl_stats_mean($0.baseAddress!, 1, $0.count) }
  }

  /// The unbiased sample variance, divisor n − 1 (`gsl_stats_variance`). Needs ≥ 2 values.
  public static func variance(_ data: [Double]) throws(NumericsError) -> Double {
    try need(data, 2, "variance")
    return data.withUnsafeBufferPointer { gsl_stats_variance($0.baseAddress!, 1, $0.count) }
  }

  /// The sample standard deviation, divisor n − 1 (`gsl_stats_sd`). Needs ≥ 2 values.
  public static func standardDeviation(_ data: [Double]) throws(NumericsError) -> Double {
    try need(data, 2, "standard deviation")
    return data.withUnsafeBufferPointer { gsl_stats_sd($0.baseAddress!, 1, $0.count) }
  }

  /// The p-quantile of data sorted ascending, by linear interpolation between order statistics
  /// (`gsl_stats_quantile_from_sorted_data`, Hyndman & Fan type 7). Needs ≥ 1 value.
  public static func quantile(sorted data: [Double], probability p: Double) throws(NumericsError) -> Double {
    try need(data, 1, "quantile")
    try NumericsError.require(isProbability(p), "quantile", "probability", p, "in [0, 1]")
    for i in 1..<max(data.count, 1) where !(data[i - 1] <= data[i]) {
      throw .invalidParameter(owner: "quantile", parameter: "data", value: "unsorted or NaN at index \(i)", allowed: "sorted ascending with no NaN")
    }
    return data.withUnsafeBufferPointer { gsl_stats_quantile_from_sorted_data($0.baseAddress!, 1, $0.count, p) }
  }

  /// The p-quantile of unsorted data (sorts a copy).
  public static func quantile(_ data: [Double], probability p: Double) throws(NumericsError) -> Double {
    try quantile(sorted: data.sorted(), probability: p)
  }

  static func need(_ data: [Double], _ n: Int, _ what: String) throws(NumericsError) {
    if data.count < n { throw .insufficientData(statistic: what, count: data.count, required: n) }
  }
}
