/// A univariate probability distribution that Sweetspot samples through GSL.
///
/// Every conformer validates its parameters in a throwing initializer (so GSL's aborting error
/// paths are never reached), samples with one GSL call, knows its theoretical mean and variance
/// (the tests compare sample moments against them), and prints itself with its parameters, e.g.
/// `Exponential(mean: 600.0)`, the string that goes into manifests and reports.
public protocol Distribution: Sendable, CustomStringConvertible, Equatable {
  /// One draw from `stream`.
  func sample(using stream: borrowing RandomStream) -> Double
  /// The theoretical mean.
  var mean: Double { get }
  /// The theoretical variance.
  var variance: Double { get }
}

@inline(__always)
func isPositiveFinite(_ x: Double) -> Bool { x > 0 && x.isFinite }
@inline(__always)
func isProbability(_ p: Double) -> Bool { p >= 0 && p <= 1 }
