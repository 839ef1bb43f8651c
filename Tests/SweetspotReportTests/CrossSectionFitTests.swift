import Testing
import SweetspotNumerics
@testable import SweetspotReport

/// The cross-section fit recovers what was planted: a line exactly, an interior peak inside its
/// interval, a rising relation as "rising to the end", and the rank correlation of a monotone one.
@Suite struct CrossSectionFitTests {
  /// Local linear regression reproduces a straight line exactly, wherever it is evaluated.
  @Test func aLineIsFittedExactly() {
    let xs = (0..<50).map { Double($0) }, ys = xs.map { 3 + 2 * $0 }
    for x0 in [0.0, 7.5, 24.2, 49] { #expect(abs(CrossSectionFit.localLinear(xs, ys, at: x0, span: 0.3) - (3 + 2 * x0)) < 1e-9) }
  }

  /// Profit = −(spend − 50)² + noise over 20 industries of 30 firms: the fit peaks near 50 and its
  /// bootstrap interval holds 50 and lies inside the observed range.
  @Test func aPlantedInteriorPeakIsFoundInsideItsInterval() throws {
    let s = try RandomStream(key: StreamKey(seed: 3))
    var x: [Double] = [], y: [Double] = [], c: [Int] = []
    for industry in 0..<20 {
      let shock = 50 * s.uniform()  // industry-wide noise, shared by its firms
      for _ in 0..<30 {
        let spend = 100 * s.uniform()
        x.append(spend); y.append(-(spend - 50) * (spend - 50) + shock + 20 * s.uniform()); c.append(industry)
      }
    }
    let f = try CrossSectionFit(x: x, y: y, clusters: c, resamples: 100, seed: 1)
    #expect(abs(f.peak - 50) < 5, "peak \(f.peak)")
    #expect(f.peakLow <= 50 && f.peakHigh >= 50 && f.peakLow > f.x.first! && f.peakHigh < f.x.last!, "[\(f.peakLow), \(f.peakHigh)]")
    #expect(f.shareRisingToTheEnd < 0.05)
    #expect(zip(f.low, f.high).allSatisfy { $0 <= $1 } && zip(f.x, f.fit).allSatisfy { x0, v in v > -(x0 - 50) * (x0 - 50) - 100 })
  }

  /// A relation that rises throughout: the fit peaks at the top end in (nearly) every resample,
  /// and Spearman's ρ is near 1.
  @Test func aRisingRelationRisesToTheEnd() throws {
    let s = try RandomStream(key: StreamKey(seed: 4))
    var x: [Double] = [], y: [Double] = [], c: [Int] = []
    for industry in 0..<15 { for _ in 0..<20 { let v = s.uniform(); x.append(v); y.append(v + 0.02 * s.uniform()); c.append(industry) } }
    let f = try CrossSectionFit(x: x, y: y, clusters: c, resamples: 100, seed: 2)
    #expect(f.shareRisingToTheEnd > 0.95 && f.peak == f.x.last!)
    #expect(f.spearman.value > 0.95 && f.spearman.low > 0.9)
  }

  /// The adjustment for price, quality and lock-in is least squares: an exact linear relation is
  /// fitted exactly, a constant column is left out, and a row with a missing value keeps its own y.
  @Test func theAdjustmentIsLeastSquares() {
    let x: [[Double]] = (0..<12).map { [Double($0), Double($0 * $0 % 7), 0.3] }
    let y = x.map { 2 + 3 * $0[0] - $0[1] }
    let f = IndustryAnalysis.linearFit(y: y + [5], x: x + [[.nan, 1, 0.3]])
    #expect(zip(f.prefix(12), y).allSatisfy { abs($0 - $1) < 1e-9 } && f[12] == 5)
  }

  /// Too few firms give an empty fit, not a crash.
  @Test func tooFewFirmsGiveNoFit() throws {
    let f = try CrossSectionFit(x: [1, 2], y: [3, 4], clusters: [0, 0], seed: 1)
    #expect(f.x.isEmpty && f.peak.isNaN)
  }
}
