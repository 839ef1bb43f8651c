import Testing
import Foundation
import SweetspotExperiment
@testable import SweetspotReport

/// The margin reaches the report: the ranking's verdicts, the sweep's zone and the answer's words.
@Suite struct EquivalenceReportTests {
  /// Two service-level targets 0.00001 apart give practically the same trials: the zone holds
  /// both, the answer names it as a range and its cheapest point as the sweetspot. Targets far
  /// apart under a margin of 1e-9 cannot be shown equivalent: the zone is the peak alone.
  @Test func theSweetspotZoneIsTheValuesEquivalentToThePeakAndTheAnswerSaysSo() throws {
    func source(_ margin: String, _ values: String = "[0.8, 0.80001]") -> String {
      """
      name = "zone"
      seed = 4
      trials = 4
      weeks = 13
      margin = \(margin)
      strategies = ["good-enough", "minimal"]
      [population]
      size = 300
      [[sweep]]
      key = "strategy.good-enough.service_level_target"
      values = \(values)
      """
    }
    let wide = try FigureTests.report(source("0.01"))
    let sw = try #require(wide.sweeps.first)
    #expect(sw.zone == [0.8, 0.80001] && sw.zone.contains(sw.sweetspot))
    #expect(wide.answer.contains("the sweetspot zone is service_level_target = 0.8–0.80001"), "\(wide.answer)")
    let cheapest = sw.values.indices.min { sw.cost[$0].mean < sw.cost[$1].mean }!
    #expect(sw.sweetspot == sw.values[cheapest])
    let narrow = try FigureTests.report(source("1e-9", "[0.5, 0.99]"))
    #expect(narrow.sweeps.first?.zone.count == 1 && narrow.answer.contains("the sweetspot zone is the peak alone"))
    // The ranking carries a verdict for every strategy but the best.
    for s in wide.sections { #expect(s.ranking.dropFirst().allSatisfy { $0.verdict != nil } && s.ranking[0].verdict == nil) }
    #expect(wide.markdown.contains("| verdict (±1%) |") && wide.json.contains("\"margin\": 0.01"))
  }
}
