internal import CGSL

/// A general discrete distribution over 0 ..< K with given weights, by Walker's alias method
/// (`gsl_ran_discrete_preproc`): O(K) set-up, O(1) per draw.
///
/// The preprocessed table is owned by this object and freed with it. After set-up GSL only
/// reads it, so one table may be shared between threads (hence `@unchecked Sendable`).
public final class DiscreteTable: @unchecked Sendable, CustomStringConvertible {
  private let table: UnsafeMutablePointer<gsl_ran_discrete_t>
  /// The normalized probabilities.
  public let probabilities: [Double]

  public init(weights: [Double]) throws(NumericsError) {
    GSLRuntime.prepare()
    try NumericsError.require(!weights.isEmpty, "DiscreteTable", "weights.count", 0, "≥ 1")
    for w in weights { try NumericsError.require(w >= 0 && w.isFinite, "DiscreteTable", "weight", w, "finite and ≥ 0") }
    let total = weights.reduce(0, +)
    try NumericsError.require(total > 0, "DiscreteTable", "sum of weights", total, "> 0")
    guard let t = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress!) }) else {
      throw .gsl(function: "gsl_ran_discrete_preproc", code: Int32(GSL_ENOMEM), message: "allocation failed")
    }
    table = t
    probabilities = weights.map { $0 / total }
  }

  deinit { gsl_ran_discrete_free(table) }

  /// One category index.
  @inline(__always)
  public func draw(using s: borrowing RandomStream) -> Int { Int(gsl_ran_discrete(s.rng, table)) }

  public var mean: Double {
    probabilities.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
  }
  public var variance: Double {
    let m = mean
    return probabilities.enumerated().reduce(0) { $0 + (Double($1.offset) - m) * (Double($1.offset) - m) * $1.element }
  }
  public var description: String { "DiscreteTable(probabilities: \(probabilities))" }
}
