import Testing
import SweetspotModel
import SweetspotNumerics
@testable import SweetspotExperiment

/// The runner is reproducible and common random numbers pay off.
@Suite struct RunnerTests {
  static let text = """
    name = "crn"
    seed = 11
    trials = 12
    weeks = 40
    strategies = ["good-enough", "strategic"]
    [population]
    size = 1500
    """

  @Test func itemsGiveTheSameResultsForAnyThreadCount() throws {
    let e = try ExperimentLoader.load(text: Self.text, file: "crn.toml")
    let r = try Runner(experiment: e)
    var one: [ItemResult] = [], two: [ItemResult] = []
    try r.run(threads: 1) { _, res in one += res }
    try r.run(threads: 2) { _, res in two += res }
    #expect(one.map(\.outcomes) == two.map(\.outcomes))
  }

  /// Paired differences under common random numbers vary far less than with independent
  /// streams (SSJ's InventoryCRN saw a factor of ≈ 20).
  @Test func commonRandomNumbersShrinkTheVarianceOfPairedDifferences() throws {
    let e = try ExperimentLoader.load(text: Self.text, file: "crn.toml")
    let r = try Runner(experiment: e)
    var results: [ItemResult] = []
    try r.run(threads: 2) { _, res in results += res }
    let crn = try #require(try r.crnVarianceFactor(metric: .profitNPV, from: results, trials: 12, threads: 2))
    #expect(crn.factor > 3, "variance reduction \(crn.factor)")
    let retention = try #require(try r.crnVarianceFactor(metric: .retention, from: results, trials: 12, threads: 2))
    #expect(retention.factor > 2, "variance reduction \(retention.factor)")
  }

  @Test func summariesMatchHandComputedStatistics() throws {
    let s = SummaryStatistic([1, 2, 3, 4, .nan])
    #expect(s.n == 4 && s.mean == 2.5)
    #expect(abs(s.sd - (5.0 / 3).squareRoot()) < 1e-12)
    #expect(s.quantiles[2] == 2.5)
    let half = try StudentT.quantile(probability: 0.975, degreesOfFreedom: 3) * s.sd / 2
    #expect(abs(s.ciLow - (2.5 - half)) < 1e-12 && abs(s.ciHigh - (2.5 + half)) < 1e-12)
    let empty = SummaryStatistic([.nan])
    #expect(empty.n == 0 && empty.mean.isNaN)
  }
}
