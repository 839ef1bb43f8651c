import Testing
@testable import SweetspotRobustness

/// Regret, shares and quantiles on a matrix small enough to compute by hand.
@Suite struct RobustnessMetricsTests {
  // Worlds (rows) × strategies (columns); margin 0.1 of |best|.
  //   world 0: best 10 (s0, s2 tied)   tolerance 1     regrets 0 2 0
  //   world 1: best 6 (s1)             tolerance 0.6   regrets 1 0 2
  //   world 2: best −95 (s1)           tolerance 9.5   regrets 5 0 1
  //   world 3: best 0 (s0, s2 tied)    tolerance 0     regrets 0 1 0
  static let outcomes: [[Double]] = [[10, 8, 10], [5, 6, 4], [-100, -95, -96], [0, -1, 0]]

  @Test func regretAndSharesAreAsComputedByHand() throws {
    let r = try Robustness.metrics(outcomes: Self.outcomes, margin: 0.1)
    #expect(r.count == 3)
    #expect(r.map(\.mean) == [-21.25, -20.5, -20.5])
    #expect(r.map(\.regretMean) == [1.5, 0.75, 0.75])
    #expect(r.map(\.regretMax) == [5, 2, 2])
    // Type 7 on sorted regrets (0, 0, 1, 5): position 0.9 · 3 = 2.7 → 1 + 0.7 · 4.
    #expect(abs(r[0].regretP90 - 3.8) < 1e-12 && abs(r[1].regretP90 - 1.7) < 1e-12 && abs(r[2].regretP90 - 1.7) < 1e-12)
    #expect(r.map(\.shareBest) == [0.5, 0.5, 0.5])  // ties count for both: the shares sum to 1.5
    #expect(r.map(\.shareWithinMargin) == [0.75, 0.5, 0.75])
  }

  @Test func quantilesAreType7OfTheOutcomes() throws {
    let r = try Robustness.metrics(outcomes: Self.outcomes, margin: 0.1)
    // Strategy 0 sorted: −100, 0, 5, 10.
    let expected: [Double: Double] = [0.05: -85, 0.25: -25, 0.5: 2.5, 0.75: 6.25, 0.95: 9.25]
    #expect(Set(r[0].quantiles.keys) == Set(StrategyRobustness.quantileLevels))
    for (p, q) in expected { #expect(abs(r[0].quantiles[p]! - q) < 1e-12, "q\(p) = \(r[0].quantiles[p]!)") }
  }

  @Test func marginZeroCountsOnlyTiesAndOneWorldIsEnough() throws {
    let r = try Robustness.metrics(outcomes: Self.outcomes, margin: 0)
    #expect(r.map(\.shareWithinMargin) == r.map(\.shareBest))
    let single = try Robustness.metrics(outcomes: [[3, 1]])
    #expect(single[1].regretMax == 2 && single[1].regretP90 == 2 && single[0].shareBest == 1)
  }

  @Test func badMatricesAreRefused() {
    #expect(throws: RobustnessError.self) { try Robustness.metrics(outcomes: []) }
    #expect(throws: RobustnessError.self) { try Robustness.metrics(outcomes: [[]]) }
    #expect(throws: RobustnessError.self) { try Robustness.metrics(outcomes: [[1, 2], [3]]) }
    #expect(throws: RobustnessError.self) { try Robustness.metrics(outcomes: [[1, .nan]]) }
    #expect(throws: RobustnessError.self) { try Robustness.metrics(outcomes: [[1, 2]], margin: -0.1) }
  }
}
