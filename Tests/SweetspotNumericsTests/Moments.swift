@testable import SweetspotNumerics

/// Sample moments with standard errors derived from the sample itself, so a moment test's
/// tolerance follows from n (a few standard errors), never from hand tuning.
struct SampleMoments {
  let n: Double, mean: Double, variance: Double, fourthCentral: Double

  init(_ xs: [Double]) {
    n = Double(xs.count)
    mean = xs.reduce(0, +) / n
    var m2 = 0.0, m4 = 0.0
    for x in xs { let d = (x - mean) * (x - mean); m2 += d; m4 += d * d }
    variance = m2 / (n - 1)
    fourthCentral = m4 / n
  }

  /// Standard error of the mean, from the theoretical variance.
  func meanSE(theoreticalVariance v: Double) -> Double { (v / n).squareRoot() }
  /// Standard error of the sample variance: √((μ₄ − σ⁴) / n), μ₄ estimated from the sample.
  var varianceSE: Double { max((fourthCentral - variance * variance) / n, 0).squareRoot() }

  /// |sample − theory| ≤ k standard errors for both the mean and the variance.
  func agrees(mean m: Double, variance v: Double, k: Double = 4.5) -> (Bool, String) {
    let dm = abs(mean - m), dv = abs(variance - v)
    let sm = meanSE(theoreticalVariance: v), sv = varianceSE
    let ok = dm <= k * sm + 1e-12 && dv <= k * sv + 1e-12
    return (ok, "mean \(mean) vs \(m) (\(dm / max(sm, 1e-300)) SE); variance \(variance) vs \(v) (\(dv / max(sv, 1e-300)) SE)")
  }
}

func draws<D: Distribution>(_ d: D, n: Int = 100_000, seed: UInt64 = 20261123) throws -> [Double] {
  let s = try RandomStream(key: StreamKey(seed: seed, trial: 0, purpose: .general))
  var xs = [Double]()
  xs.reserveCapacity(n)
  for _ in 0..<n { xs.append(d.sample(using: s)) }
  return xs
}
