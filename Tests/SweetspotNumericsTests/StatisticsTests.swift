import Testing
@testable import SweetspotNumerics

/// Descriptive statistics and intervals agree with hand computation and with theory.
@Suite struct StatisticsTests {
  @Test func meanVarianceAndQuantilesOfAKnownSample() throws {
    let xs: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
    #expect(try Statistics.mean(xs) == 5)
    #expect(abs(try Statistics.variance(xs) - 32.0 / 7) < 1e-12)
    #expect(abs(try Statistics.standardDeviation(xs) - (32.0 / 7).squareRoot()) < 1e-12)
    // Type-7 quantiles: position (n − 1)p.
    #expect(try Statistics.quantile(sorted: [1, 2, 3, 4], probability: 0.5) == 2.5)
    #expect(try Statistics.quantile(sorted: [1, 2, 3, 4], probability: 0) == 1)
    #expect(try Statistics.quantile(sorted: [1, 2, 3, 4], probability: 1) == 4)
    #expect(try Statistics.quantile([4, 1, 3, 2], probability: 0.25) == 1.75)
  }

  @Test func tooLittleDataIsAnError() {
    #expect(throws: NumericsError.insufficientData(statistic: "mean", count: 0, required: 1)) { try Statistics.mean([]) }
    #expect(throws: NumericsError.self) { try Statistics.variance([1]) }
    #expect(throws: NumericsError.self) { try Statistics.quantile(sorted: [], probability: 0.5) }
    #expect(throws: NumericsError.self) { try Statistics.quantile(sorted: [2, 1], probability: 0.5) }
    #expect(throws: NumericsError.self) { try Statistics.quantile(sorted: [1, 2], probability: 1.1) }
    #expect(throws: NumericsError.self) { try ConfidenceInterval([3]) }
    #expect(throws: NumericsError.self) { try ConfidenceInterval([1, 2, 3], level: 1) }
    #expect(throws: NumericsError.self) { try StudentT.quantile(probability: 0, degreesOfFreedom: 3) }
    #expect(throws: NumericsError.self) { try StudentT.quantile(probability: 0.5, degreesOfFreedom: -1) }
  }

  @Test func studentTQuantilesMatchTables() throws {
    // t(0.975; 9) = 2.262157, t(0.975; 1) = 12.7062, t(0.95; ∞ ≈ 1e6) ≈ 1.644854.
    #expect(abs(try StudentT.quantile(probability: 0.975, degreesOfFreedom: 9) - 2.262157) < 1e-6)
    #expect(abs(try StudentT.quantile(probability: 0.975, degreesOfFreedom: 1) - 12.706205) < 1e-5)
    #expect(abs(try StudentT.quantile(probability: 0.95, degreesOfFreedom: 1e6) - 1.644854) < 1e-5)
  }

  /// 2,000 repetitions of a 95% interval from 10 Gaussian draws cover the true mean 93–97% of
  /// the time (the binomial sd of the coverage is 0.49%, so this is a ±4 sd band).
  @Test func studentTIntervalsCoverTheTrueMean() throws {
    let d = try Gaussian(mean: 10, standardDeviation: 3)
    let s = try RandomStream(key: StreamKey(seed: 77))
    var covered = 0
    let reps = 2000
    for _ in 0..<reps {
      let xs = (0..<10).map { _ in d.sample(using: s) }
      if try ConfidenceInterval(xs, level: 0.95).contains(10) { covered += 1 }
    }
    let coverage = Double(covered) / Double(reps)
    #expect(coverage >= 0.93 && coverage <= 0.97, "coverage \(coverage)")
  }

  @Test func pairedIntervalIsTheIntervalOfTheDifferences() throws {
    let a: [Double] = [10, 12, 9, 11, 13]
    let b: [Double] = [9, 10, 9, 10, 11]
    let paired = try ConfidenceInterval.pairedDifference(a, b)
    let direct = try ConfidenceInterval([1, 2, 0, 1, 2])
    #expect(paired == direct)
    #expect(throws: NumericsError.self) { try ConfidenceInterval.pairedDifference([1, 2], [1]) }
  }

  @Test func runningStatisticsAgreeWithBatchStatistics() throws {
    let d = try Gamma(shape: 2, scale: 3)
    let xs = try draws(d, n: 5000)
    let r = try RunningStatistics()
    for x in xs { try r.add(x) }
    #expect(r.count == 5000)
    #expect(abs(r.mean - (try Statistics.mean(xs))) < 1e-9)
    #expect(abs(r.variance - (try Statistics.variance(xs))) < 1e-7)
    #expect(r.min == xs.min()! && r.max == xs.max()!)
    let exactMedian = try Statistics.quantile(xs, probability: 0.5)
    #expect(abs(r.median - exactMedian) / exactMedian < 0.05)
    #expect(throws: NumericsError.self) { try r.add(.nan) }
    r.reset()
    #expect(r.count == 0)
  }

  @Test func specialFunctionsMatchKnownValues() throws {
    #expect(abs(try SpecialFunctions.logGamma(5) - 3.1780538303479458) < 1e-12)  // ln 24
    // P(1, x) = 1 − e^−x
    #expect(abs(try SpecialFunctions.regularizedLowerGamma(1, 2) - 0.8646647167633873) < 1e-12)
    // I_x(1, b) = 1 − (1 − x)^b
    #expect(abs(try SpecialFunctions.regularizedIncompleteBeta(1, 3, 0.2) - (1 - 0.512)) < 1e-12)
    #expect(abs(SpecialFunctions.normalCDF(1.959963984540054) - 0.975) < 1e-12)
    #expect(throws: NumericsError.self) { try SpecialFunctions.regularizedLowerGamma(-1, 2) }
    #expect(throws: NumericsError.self) { try SpecialFunctions.normalQuantile(1) }
  }
}
