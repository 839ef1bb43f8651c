import Testing
@testable import SweetspotModel

/// Calibration (docs/MODEL.md §4): in the competitive market, good-enough lands inside the
/// typical industry ranges of shared/reference/facts.md §1; minimal lands below them on service
/// quality and good-to-great above.
@Suite struct CalibrationTests {
  /// (metric, typical low, typical high), from facts §1c (the bands of
  /// benchmarks/industry/industry.toml where it has both ends).
  static let ranges: [(Metric, Double, Double)] = [
    (.fcr, 0.70, 0.80),            // SQM 2022: 70–79% "good"
    (.csat, 0.77, 0.85),           // lowest industry average (Zendesk) to world-class (SQM)
    (.serviceLevel, 0.80, 0.90),   // 80/20 convention: at least the target, short of 90/20
    (.abandonment, 0.03, 0.16),    // around the 5% target, below the highest industry average
    (.ahtMinutes, 6.0, 8.0),       // US service calls 6–7+ minutes (ContactBabel)
    (.agentAttrition, 0.30, 0.45), // QATC 30–45% a year
    (.costPerContact, 5.0, 8.0),   // ContactBabel $5.25, Gartner $8.01 per live contact
  ]

  static func averaged(_ s: Strategy) throws -> TrialOutcome {
    var total = TrialOutcome()
    for i in total.values.indices { total.values[i] = 0 }
    for t in 0..<2 {
      let o = try Trial.run(TrialConfiguration(), strategy: s, market: .competitive, seed: 2026, trial: t)
      for i in o.values.indices { total.values[i] += o.values[i] / 2 }
    }
    return total
  }

  @Test func goodEnoughLandsInsideTheTypicalRanges() throws {
    let o = try Self.averaged(.goodEnough)
    for (m, lo, hi) in Self.ranges {
      #expect(o[m] >= lo && o[m] <= hi, "\(m.rawValue) = \(o[m]), typical \(lo)–\(hi)")
    }
  }

  @Test func minimalLandsBelowAndGoodToGreatAbove() throws {
    let minimal = try Self.averaged(.minimal)
    let great = try Self.averaged(.goodToGreat)
    for m in [Metric.fcr, .csat, .serviceLevel] {
      let (_, lo, hi) = Self.ranges.first { $0.0 == m }!
      #expect(minimal[m] < lo, "minimal \(m.rawValue) = \(minimal[m])")
      #expect(great[m] > hi, "good-to-great \(m.rawValue) = \(great[m])")
    }
    #expect(minimal[.abandonment] > great[.abandonment] * 3)
  }
}
