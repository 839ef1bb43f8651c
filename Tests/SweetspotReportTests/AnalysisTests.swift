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
  @Test func theSweetspotZoneIsTheFlatTop() throws {
    let s = try RandomStream(key: StreamKey(seed: 2))
    let trials = 40
    let shared = (0..<trials).map { _ in 50 * s.uniform() }  // common random numbers: shared noise
    let truth: [Double] = [90, 100, 100, 100, 92]
    let series = truth.map { t in shared.map { t + $0 + 0.5 * (s.uniform() - 0.5) } }
    let z = Analysis.equivalenceZone(series: series, margin: 0.01)
    #expect(z.zone == [1, 2, 3])
    #expect(z.comparisons[0]?.materiality == .better && z.comparisons[4]?.materiality == .better)  // the best is materially ahead of 0.5 and 0.9
    let arg = try Analysis.bootstrapArgmax(values: [0.5, 0.6, 0.7, 0.8, 0.9], series: series, key: StreamKey(seed: 3, purpose: .bootstrap))
    #expect(arg.low >= 0.6 && arg.high <= 0.8 && [0.6, 0.7, 0.8].contains(arg.argmax))
  }

  /// A slope near the top: 0.4% and 0.16% below the best (means ≈ 125) are inside a 1% margin
  /// and outside a 0.1% margin, so the zone shrinks to the best alone as the margin tightens.
  @Test func theZoneShrinksWithTheMargin() throws {
    let s = try RandomStream(key: StreamKey(seed: 4))
    let shared = (0..<40).map { _ in 50 * s.uniform() }
    let truth: [Double] = [90, 99.5, 100, 99.8, 92]
    let series = truth.map { t in shared.map { t + $0 + 0.01 * (s.uniform() - 0.5) } }
    #expect(Analysis.equivalenceZone(series: series, margin: 0.01).zone == [1, 2, 3])
    #expect(Analysis.equivalenceZone(series: series, margin: 0.001).zone == [2])
    #expect(Report.describeZone([0.85, 0.9, 0.95], of: [0.8, 0.85, 0.9, 0.95, 0.99]) == "0.85–0.95")
    #expect(Report.describeZone([0.8, 0.9], of: [0.8, 0.85, 0.9]) == "{0.8, 0.9}")
  }

  /// The reviewer's case: the occupancy cap's zone came out as {0.75, 0.8, 0.9}, with 0.85 not
  /// shown equivalent between them. A zone is the interval around the peak: {0.75, 0.8}.
  @Test func theZoneIsTheIntervalAroundThePeak() {
    #expect(Analysis.contiguous([0, 1, 3], around: 1) == [0, 1])
    #expect(Analysis.contiguous([1, 2, 3], around: 2) == [1, 2, 3])
    #expect(Analysis.contiguous([0, 4], around: 2) == [2])
    #expect(Report.isSpendingLever("strategy.good-enough.training_hours") && Report.isSpendingLever("strategy.*.occupancy_cap"))
    #expect(!Report.isSpendingLever("strategy.good-enough.price") && !Report.isSpendingLever("strategy.good-enough.target_pressure"))
    #expect(!Report.isSpendingLever("world.gross_margin"))
  }

  /// Two one-sided tests by hand: differences 1, 2, 3, 4, 5 have mean 3, sd √2.5, se √0.5, 4
  /// degrees of freedom. Against ±5: p₁ = P(T₄ > 8/√0.5 = 11.31) = 0.000174, p₂ = P(T₄ > 2/√0.5 =
  /// 2.828) = 0.023710, so the TOST p is 0.023710 < 0.05: equivalent. Against ±2: p₂ =
  /// P(T₄ > −1.414) = 0.884900 (not equivalent) and the minimum-effect p is P(T₄ > 1.414) =
  /// 0.115100 (not beyond it): inconclusive, though the difference is clearly not zero.
  @Test func twoOneSidedTestsMatchAHandComputedCase() throws {
    let a: [Double] = [11, 12, 13, 14, 15], b: [Double] = [10, 10, 10, 10, 10]
    let wide = try #require(Analysis.paired(a, b, comparisons: 1, margin: 5))
    #expect(abs(wide.equivalenceP - 0.023710) < 1e-6)
    #expect(wide.materiality == .equivalent)
    let narrow = try #require(Analysis.paired(a, b, comparisons: 1, margin: 2))
    #expect(abs(narrow.equivalenceP - 0.884900) < 1e-6 && abs(narrow.materialP - 0.115100) < 1e-6)
    #expect(narrow.significant && narrow.materiality == .inconclusive)
    let tiny = try #require(Analysis.paired(a, b, comparisons: 1, margin: 0.5))  // 90% interval 3 ± 1.51 lies beyond ±0.5
    #expect(tiny.materiality == .better)
    #expect(try #require(Analysis.paired(b, a, comparisons: 1, margin: 0.5)).materiality == .worse)
  }

  /// The case: a 0.08% gap measured with common random numbers (tiny variance) is
  /// "significant", yet equivalent under a 1% margin; only a 0.01% margin makes it "better".
  @Test func aTinyPreciseGapIsEquivalentUnderAOnePercentMargin() throws {
    let s = try RandomStream(key: StreamKey(seed: 5))
    let a = (0..<40).map { _ in 95 + 10 * s.uniform() }
    let b = a.map { $0 * (1 - 0.0008) + 0.001 * (s.uniform() - 0.5) }
    let onePercent = Analysis.equivalenceZone(series: [a, b], margin: 0.01)
    let c = try #require(onePercent.comparisons[1])
    #expect(c.significant && c.materiality == .equivalent && onePercent.zone == [0, 1])
    let hundredth = Analysis.equivalenceZone(series: [a, b], margin: 0.0001)
    #expect(hundredth.comparisons[1]?.materiality == .better && hundredth.zone == [0])
  }
}
