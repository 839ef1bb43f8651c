import Testing
import SweetspotNumerics
@testable import SweetspotReport

/// Verdicts, multiple-comparison corrections and the indifference zone give the known answers
/// on constructed data.
@Suite struct AnalysisTests {
  @Test func verdictsComeFromTheWholeInterval() {
    let band: (low: Double?, high: Double?) = (0.70, 0.80)
    #expect(Analysis.verdict(low: 0.60, high: 0.65, band: band) == .below)
    #expect(Analysis.verdict(low: 0.72, high: 0.78, band: band) == .within)
    #expect(Analysis.verdict(low: 0.81, high: 0.90, band: band) == .above)
    #expect(Analysis.verdict(low: 0.68, high: 0.72, band: band) == .straddlesLow)  // mean 0.70 inside, yet not "within"
    #expect(Analysis.verdict(low: 0.79, high: 0.83, band: band) == .straddlesHigh)
    #expect(Analysis.verdict(low: 0.85, high: 0.86, band: (0.80, nil)) == .within)  // a target met
    #expect(Analysis.verdict(low: 0.70, high: 0.75, band: (0.80, nil)) == .below)
  }

  @Test func holmAdjustsAsTheTextbookDoes() {
    // p = (0.01, 0.04, 0.03, 0.005): sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 → 0.06.
    let adj = Analysis.holm([0.01, 0.04, 0.03, 0.005])
    #expect(adj.map { ($0 * 1e9).rounded() / 1e9 } == [0.03, 0.06, 0.06, 0.02])
  }

  @Test func pairedComparisonsFindAKnownDifference() throws {
    // b = a − 1 + small noise: the difference is 1 with a tight interval.
    let s = try RandomStream(key: StreamKey(seed: 1))
    let a = (0..<30).map { _ in 100 + 10 * s.uniform() }
    let b = a.map { $0 - 1 + 0.01 * (s.uniform() - 0.5) }
    let c = try #require(Analysis.paired(a, b, comparisons: 1))
    #expect(abs(c.meanDifference - 1) < 0.01 && c.low < 1 && c.high > 1 && c.significant)
    let same = try #require(Analysis.paired(a, a.map { $0 + 0.001 * (s.uniform() - 0.5) }, comparisons: 1))
    #expect(!same.significant)
  }

  /// Profit as a function of a lever with a known flat top: values 0.6, 0.7, 0.8 are equal in truth,
  /// 0.5 and 0.9 are clearly worse. The zone is {0.6, 0.7, 0.8}; the peak lies in it.
  @Test func theIndifferenceZoneIsTheFlatTop() throws {
    let s = try RandomStream(key: StreamKey(seed: 2))
    let trials = 40
    let shared = (0..<trials).map { _ in 50 * s.uniform() }  // common random numbers: shared noise
    let truth: [Double] = [90, 100, 100, 100, 92]
    let series = truth.map { t in shared.map { t + $0 + 0.5 * (s.uniform() - 0.5) } }
    let z = Analysis.indifferenceZone(series: series)
    #expect(z.zone == [1, 2, 3])
    let arg = try Analysis.bootstrapArgmax(values: [0.5, 0.6, 0.7, 0.8, 0.9], series: series, key: StreamKey(seed: 3, purpose: .bootstrap))
    #expect(arg.low >= 0.6 && arg.high <= 0.8 && [0.6, 0.7, 0.8].contains(arg.argmax))
  }
}
