internal import CGSL

/// Multinomial: `trials` objects dropped into K categories with the given probabilities
/// (`gsl_ran_multinomial`). Weights need not sum to 1; GSL normalizes them.
public struct Multinomial: Sendable, Equatable, CustomStringConvertible {
  public let probabilities: [Double]
  public let trials: Int
  public init(probabilities: [Double], trials: Int) throws(NumericsError) {
    try NumericsError.require(!probabilities.isEmpty, "Multinomial", "probabilities.count", 0, "≥ 1")
    for p in probabilities {
      try NumericsError.require(p >= 0 && p.isFinite, "Multinomial", "probability", p, "finite and ≥ 0")
    }
    let total = probabilities.reduce(0, +)
    try NumericsError.require(total > 0, "Multinomial", "sum of probabilities", total, "> 0")
    try NumericsError.require(trials >= 0 && trials <= Int(UInt32.max), "Multinomial", "trials", Double(trials), "in 0 ... 2^32 − 1")
    self.probabilities = probabilities.map { $0 / total }
    self.trials = trials
  }
  /// Counts per category into `counts` (resized to K), without allocating when it has capacity.
  public func sample(using s: borrowing RandomStream, into counts: inout [UInt32]) {
    if counts.count != probabilities.count { counts = [UInt32](repeating: 0, count: probabilities.count) }
    probabilities.withUnsafeBufferPointer { p in
      counts.withUnsafeMutableBufferPointer { n in
        gsl_ran_multinomial(s.rng, p.count, UInt32(trials), p.baseAddress!, n.baseAddress!)
      }
    }
  }
  public func sample(using s: borrowing RandomStream) -> [Int] {
    var n: [UInt32] = []
    sample(using: s, into: &n)
    return n.map(Int.init)
  }
  public var description: String { "Multinomial(probabilities: \(probabilities), trials: \(trials))" }
}

/// Dirichlet(α₁ … α_K): a random probability vector (`gsl_ran_dirichlet`). Mean α_i / Σα.
public struct Dirichlet: Sendable, Equatable, CustomStringConvertible {
  public let alpha: [Double]
  public init(alpha: [Double]) throws(NumericsError) {
    try NumericsError.require(alpha.count >= 2, "Dirichlet", "alpha.count", Double(alpha.count), "≥ 2")
    for a in alpha { try NumericsError.require(isPositiveFinite(a), "Dirichlet", "alpha", a, "finite and > 0") }
    self.alpha = alpha
  }
  public func sample(using s: borrowing RandomStream, into theta: inout [Double]) {
    if theta.count != alpha.count { theta = [Double](repeating: 0, count: alpha.count) }
    alpha.withUnsafeBufferPointer { a in
      theta.withUnsafeMutableBufferPointer { t in
        gsl_ran_dirichlet(s.rng, a.count, a.baseAddress!, t.baseAddress!)
      }
    }
  }
  public func sample(using s: borrowing RandomStream) -> [Double] {
    var t: [Double] = []
    sample(using: s, into: &t)
    return t
  }
  public var means: [Double] { let t = alpha.reduce(0, +); return alpha.map { $0 / t } }
  public var description: String { "Dirichlet(alpha: \(alpha))" }
}
