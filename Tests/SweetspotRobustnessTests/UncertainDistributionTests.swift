import Foundation
import Testing
import SweetspotNumerics
@testable import SweetspotRobustness

/// Each distribution maps the unit interval onto its values by its inverse distribution
/// function: known quantiles, the right mean over a fine grid, truncation that never leaves the
/// allowed range, and a message for every impossible parameter.
@Suite struct UncertainDistributionTests {
  static let cases: [UncertainDistribution] = [
    .uniform(low: 2, high: 6),
    .triangular(low: 0, mode: 0.2, high: 1),
    .triangular(low: 1, mode: 1, high: 3),
    .normal(mean: 0.7, sd: 0.1),
    .lognormal(mu: 0.5, sigma: 0.4),
    .beta(a: 2, b: 5, low: 10, high: 20),
    .logUniform(low: 2, high: 8),
  ]

  /// log X uniform: the median is the geometric middle, F(x) = ln(x/low)/ln(high/low), and the
  /// moments are (h − l)/ln(h/l) and (h² − l²)/(2 ln(h/l)) − mean².
  @Test func logUniformHasItsGeometricMiddleAsMedian() {
    let d = UncertainDistribution.logUniform(low: 2, high: 8)
    #expect(abs(d.quantile(0.5) - 4) < 1e-12 && abs(d.cdf(4) - 0.5) < 1e-12)
    #expect(abs(d.cdf(6) - log(3) / log(4)) < 1e-12)   // P(X ≤ 6) = 0.79: a fifth of draws above 6, not a third
    #expect(abs(d.mean - 6 / log(4)) < 1e-12)
    #expect(d.quantile(0) == 2 && d.quantile(1) == 8)
    #expect(UncertainDistribution.logUniform(low: 0, high: 1).validate() != nil)
  }

  /// The midpoint rule over M cells of u: ∫₀¹ F⁻¹(u) du = E[X].
  static func gridMean(_ f: (Double) -> Double, cells: Int = 50_000) -> Double {
    var s = 0.0
    for i in 0..<cells { s += f((Double(i) + 0.5) / Double(cells)) }
    return s / Double(cells)
  }

  @Test(arguments: cases)
  func quantileAveragedOverTheUnitIntervalIsTheMean(d: UncertainDistribution) {
    #expect(d.validate() == nil)
    let m = Self.gridMean { d.quantile($0) }
    #expect(abs(m - d.mean) < 1e-4 * max(1, abs(d.mean)), "\(d): \(m) vs \(d.mean)")
    let v = Self.gridMean { u in let x = d.quantile(u); return (x - d.mean) * (x - d.mean) }
    #expect(abs(v - d.variance) < 1e-3 * d.variance, "\(d): variance \(v) vs \(d.variance)")
  }

  @Test(arguments: cases)
  func quantileInvertsTheDistributionFunction(d: UncertainDistribution) {
    for u in [0.001, 0.05, 0.3, 0.5, 0.77, 0.999] {
      #expect(abs(d.cdf(d.quantile(u)) - u) < 1e-9, "\(d) at \(u)")
    }
  }

  @Test func knownQuantiles() {
    func close(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool { abs(a - b) <= tol }
    #expect(UncertainDistribution.uniform(low: 2, high: 4).quantile(0.25) == 2.5)
    #expect(UncertainDistribution.uniform(low: 2, high: 4).quantile(1) == 4)
    #expect(close(UncertainDistribution.normal(mean: 0, sd: 1).quantile(0.975), 1.959963984540054))
    #expect(close(UncertainDistribution.normal(mean: 10, sd: 2).quantile(0.5), 10))
    #expect(close(UncertainDistribution.lognormal(mu: 0, sigma: 1).quantile(0.5), 1))
    #expect(close(UncertainDistribution.lognormal(mu: 1, sigma: 0.5).quantile(0.975), exp(1 + 0.5 * 1.959963984540054)))
    // F(mode) = (mode − low)/(high − low): the mode sits at that u; the symmetric triangle's median is its mode.
    #expect(close(UncertainDistribution.triangular(low: 0, mode: 0.2, high: 1).quantile(0.2), 0.2))
    #expect(close(UncertainDistribution.triangular(low: 0, mode: 1, high: 2).quantile(0.5), 1))
    #expect(close(UncertainDistribution.triangular(low: 0, mode: 1, high: 2).quantile(0.125), 0.5))
    // Beta(1, 1) is uniform; Beta(2, 2) is symmetric.
    #expect(close(UncertainDistribution.beta(a: 1, b: 1, low: 2, high: 6).quantile(0.25), 3, 1e-10))
    #expect(close(UncertainDistribution.beta(a: 2, b: 2, low: -1, high: 1).quantile(0.5), 0, 1e-10))
  }

  @Test func unboundedDistributionsStayFiniteAtTheCubesCorners() {
    let n = UncertainDistribution.normal(mean: 0, sd: 1)
    #expect(n.quantile(0).isFinite && n.quantile(1).isFinite)
    #expect(n.quantile(0) < -8 && n.quantile(1) > 8)
    #expect(UncertainDistribution.lognormal(mu: 0, sigma: 1).quantile(1).isFinite)
    #expect(UncertainDistribution.beta(a: 2, b: 3, low: 1, high: 2).quantile(0) == 1)
    #expect(UncertainDistribution.beta(a: 2, b: 3, low: 1, high: 2).quantile(1) == 2)
  }

  @Test func truncationKeepsTheShapeInsideTheBounds() {
    let n = UncertainDistribution.normal(mean: 0, sd: 1)
    // Half-normal: its median is Φ⁻¹(0.75).
    #expect(abs(n.quantile(0.5, within: 0 ... .infinity) - 0.6744897501960817) < 1e-12)
    #expect(abs(n.quantile(0.5, within: 0 ... 10) - 0.6744897501960817) < 1e-12)
    // Mean of N(μ, σ²) truncated to [a, b]: μ + σ(φ(α) − φ(β)) / (Φ(β) − Φ(α)).
    let t = UncertainDistribution.normal(mean: 0.7, sd: 0.2)
    let alpha = (0.0 - 0.7) / 0.2, beta = (1.0 - 0.7) / 0.2
    let expected = 0.7 + 0.2 * (SpecialFunctions.normalPDF(alpha) - SpecialFunctions.normalPDF(beta))
      / (SpecialFunctions.normalCDF(beta) - SpecialFunctions.normalCDF(alpha))
    let m = Self.gridMean { t.quantile($0, within: 0 ... 1) }
    #expect(abs(m - expected) < 1e-6, "\(m) vs \(expected)")
    // The second range lies above the median, so it is computed on the mirrored distribution.
    for d in Self.cases {
      for (p, q) in [(0.2, 0.7), (0.6, 0.9)] {
      let bounds = d.quantile(p) ... d.quantile(q)
      var previous = -Double.infinity
      for u in stride(from: 0.0, through: 1.0, by: 0.01) {
        let x = d.quantile(u, within: bounds)
        #expect(bounds.contains(x), "\(d) at \(u): \(x) outside \(bounds)")
        #expect(x >= previous, "\(d) not monotone at \(u)")
        previous = x
      }
      #expect(abs(d.quantile(0, within: bounds) - bounds.lowerBound) < 1e-9 * max(1, abs(bounds.lowerBound)))
      #expect(abs(d.quantile(1, within: bounds) - bounds.upperBound) < 1e-9 * max(1, abs(bounds.upperBound)))
      // Within the bounds the truncated quantile is the original one at the rescaled u.
      let u = 0.37, v = p + u * (q - p)
      #expect(abs(d.quantile(u, within: bounds) - d.quantile(v)) < 1e-9 * max(1, abs(d.quantile(v))), "\(d) in \(bounds)")
      }
    }
  }

  @Test func farTailsAreResolvedOnTheMirroredSide() {
    let n = UncertainDistribution.normal(mean: 0, sd: 1)
    // Beyond 8 sd, 1 − Φ rounds to 0; the mirror's Φ(−x) does not. The median of a normal
    // truncated to [a, ∞) for large a is ≈ a + ln 2 / a.
    let upper = n.quantile(0.5, within: 8 ... 9)
    let lower = n.quantile(0.5, within: -9 ... -8)
    #expect(abs(upper - (8 + log(2) / 8)) < 0.01, "\(upper)")
    #expect(upper == -lower)
    // No mass a double can resolve: the bound nearer the distribution.
    #expect(n.quantile(0.3, within: 40 ... 50) == 40)
    #expect(UncertainDistribution.lognormal(mu: 0, sigma: 1).quantile(0.3, within: -5 ... -1) == -1)
  }

  @Test func impossibleParametersAreNamed() {
    #expect(UncertainDistribution.uniform(low: 2, high: 1).validate() == "low (2.0) must be below high (1.0)")
    #expect(UncertainDistribution.uniform(low: .nan, high: 1).validate() == "low must be a finite number; got nan")
    #expect(UncertainDistribution.triangular(low: 0, mode: 2, high: 1).validate() == "mode (2.0) must be in low ... high (0.0 ... 1.0)")
    #expect(UncertainDistribution.normal(mean: 0, sd: 0).validate() == "sd must be > 0; got 0.0")
    #expect(UncertainDistribution.lognormal(mu: 0, sigma: -1).validate() == "sigma must be > 0; got -1.0")
    #expect(UncertainDistribution.beta(a: 0, b: 1, low: 0, high: 1).validate() == "a must be > 0; got 0.0")
    #expect(UncertainDistribution.beta(a: 1, b: 1, low: 1, high: 1).validate() == "low (1.0) must be below high (1.0)")
    #expect(UncertainDistribution.normal(mean: 0, sd: 0).quantile(0.5).isNaN)
    #expect(UncertainDistribution.normal(mean: 0, sd: 1).quantile(.nan).isNaN)
    #expect(UncertainDistribution.normal(mean: 0.5, sd: 0.1).description == "normal(mean: 0.5, sd: 0.1)")
  }
}
