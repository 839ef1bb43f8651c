import Testing
import Foundation
import SweetspotExperiment
@testable import SweetspotModel
@testable import SweetspotReport

/// The trajectory figure: a median path and a band per strategy in each panel, a lever panel only
/// when a controller moves that lever, the same bytes for any thread count, every label in its room.
@Suite struct TrajectoryFigureTests {
  static func trajectories(_ strategies: String, threads: Int = 2) throws -> Trajectories {
    let source = """
      name = "paths"
      seed = 4
      trials = 5
      weeks = 53
      strategies = \(strategies)
      [population]
      size = 600
      """
    let e = try ExperimentLoader.load(text: source, file: "paths.toml")
    return try Trajectories(runner: Runner(experiment: e), threads: threads)
  }

  static func counts(_ c: SVGCanvas) -> (bands: Int, lines: Int) {
    var bands = 0, lines = 0
    for item in c.items {
      guard case .path(_, let closed, let fill, _, let stroke, let width, _) = item else { continue }
      if closed && fill != nil { bands += 1 }
      if !closed && stroke != nil && width == 1.6 { lines += 1 }
    }
    return (bands, lines)
  }

  @Test func eachPanelHasAMedianAndABandPerStrategyAndALeverPanelOnlyWhenALeverMoves() throws {
    let adaptive = TrajectoryFigure.figure(try Self.trajectories(#"["just-good-enough", "good-enough"]"#))
    let fixed = TrajectoryFigure.figure(try Self.trajectories(#"["good-enough", "minimal"]"#))
    let a = Self.counts(adaptive.canvas), f = Self.counts(fixed.canvas)
    // Fixed strategies: customers, CSAT, service level, burnout. The sweetspot hunter adds its
    // service level target.
    #expect(f.bands == 4 * 2 && f.lines == 4 * 2, "\(f)")
    #expect(a.bands == 5 * 2 && a.lines == 5 * 2, "\(a)")
    #expect(adaptive.svg.contains("lever: service level target") && !fixed.svg.contains("lever:"))
    #expect(adaptive.canvas.overflowingText.isEmpty, "\(adaptive.canvas.overflowingText)")
    #expect(adaptive.pdf.hasPrefix("%PDF-"))
  }

  @Test func theFigureAndTheTableAreTheSameForAnyThreadCount() throws {
    let one = try Self.trajectories(#"["just-good-enough", "minimal"]"#, threads: 1)
    let two = try Self.trajectories(#"["just-good-enough", "minimal"]"#, threads: 2)
    #expect(one.csv == two.csv)
    #expect(TrajectoryFigure.figure(one).svg == TrajectoryFigure.figure(two).svg)
    #expect(one.csv.split(separator: "\n").count == 1 + 2 * 5 * 53)
  }

  @Test func theBandHoldsTheMedianAndSkipsUndefinedWeeks() {
    func week(_ w: Int, _ csat: Double) -> WeekSnapshot {
      WeekSnapshot(week: w, customers: 0, churned: 0, acquired: 0, csat: csat, nps: .nan, serviceLevel: 0, abandonment: 0, agents: 0,
                   burnout: 0, serviceLevelTarget: 0, occupancyCap: 0, trainingHours: 0, knowledgeBase: 0, proactive: 0,
                   recoveryCompensation: 0, rootCauseSpend: 0, price: 0, revenue: 0, serviceCost: 0, cashFlow: 0)
    }
    let paths = (0..<11).map { t in [week(0, Double(t) / 10), week(1, .nan)] }
    let b = TrajectoryFigure.band(paths, "csat")
    #expect(b.count == 1)
    #expect(abs(b[0].median - 0.5) < 1e-12 && abs(b[0].low - 0.1) < 1e-12 && abs(b[0].high - 0.9) < 1e-12)
  }
}
