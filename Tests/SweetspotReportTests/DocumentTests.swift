import Testing
import Foundation
import SweetspotExperiment
import SweetspotModel
@testable import SweetspotReport

/// The Markdown and HTML reports: the same blocks, figures embedded, tables readable, and a page
/// that a browser opens from disk.
@Suite struct DocumentTests {
  @Test func theKPIGroupsAreTheHeadlineMetricsInOrder() {
    #expect(Set(Report.kpiGroups.flatMap(\.metrics)) == Set(Report.headline) && Report.kpiGroups.flatMap(\.metrics).count == Report.headline.count)
    #expect(Report.kpiGroups.allSatisfy { $0.metrics.count <= 5 })
  }

  @Test func markdownEmbedsEveryFigureAndNoTableIsWiderThanSevenColumns() throws {
    let report = try ReportFixture.tinyReport(strategies: #"["good-enough", "win4", "minimal", "strategic", "good-to-great", "price-leader", "just-good-enough"]"#)
    let md = report.markdown
    for f in report.figures { #expect(md.contains("](figures/\(f.name).svg)"), "\(f.name)") }
    #expect(report.figures.map(\.name) == ["sweep", "kpis-scenario-1", "win4-scenario-1"])
    for line in md.split(separator: "\n") where line.hasPrefix("|") {
      #expect(line.split(separator: "|", omittingEmptySubsequences: false).count - 2 <= 7, "\(line)")
    }
    // The sweep, the main result of a sweep run, comes before the per-scenario tables.
    #expect(md.range(of: "## Sweeps")!.lowerBound < md.range(of: "](figures/sweep.svg)")!.lowerBound)
    #expect(md.range(of: "](figures/sweep.svg)")!.lowerBound < md.range(of: "### Value and cost")!.lowerBound)
  }

  @Test func markdownReadsBackAsTheSameBlocks() throws {
    let report = try ReportFixture.tinyReport()
    #expect(ReportBlock.parse(markdown: report.markdown) == report.blocks)
    #expect(ReportBlock.parse(markdown: "| a \\| b | c |\n|---|---:|\n| 1 | 2 |\n") == [.table(ReportTable(header: ["a | b", "c"], numeric: [false, true], rows: [["1", "2"]]))])
  }

  @Test func htmlIsOneSelfContainedPageWithTheFiguresInline() throws {
    let report = try ReportFixture.tinyReport()
    let page = report.html
    #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
    #expect(page.components(separatedBy: "<svg").count - 1 == report.figures.count)
    #expect(page.components(separatedBy: "<table class=\"sortable\">").count - 1 == report.blocks.filter { if case .table = $0 { true } else { false } }.count)
    // Nothing is fetched: no external script, style, image or font.
    for pattern in ["src=", "<link", "@import", "url(", "https://"] { #expect(!page.contains(pattern), "\(pattern)") }
    // The only address is the SVG namespace, which names and fetches nothing.
    #expect(!page.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "").contains("http://"))
    #expect(page.contains("<strong>Answer.</strong>") && page.contains("<h2>Methods</h2>"))
    // Text is escaped: the question's & and < reach the page as entities.
    #expect(page.contains("100% &amp; $5"))
    // Emphasis renders everywhere (paragraphs, table cells, verdicts): no literal *word* is left.
    #expect(page.contains("<em>equivalent</em>") && page.contains("<em>inconclusive</em>"))
    let literal = try Regex(#"\*[A-Za-z][A-Za-z ]*\*"#)
    #expect(!page.contains(literal), "\(page.firstMatch(of: literal).map { String(page[$0.range]) } ?? "")")
    // Figures are scaled up to the text width (their labels are ≈ 10 pt), at most 1.5 × their size.
    #expect(page.contains("figure svg { display: block; width: 100%; height: auto; }"))
    for f in report.figures { #expect(page.contains("<figure id=\"figure-\(f.name)\" style=\"max-width: \(Int((1.5 * f.width).rounded()))px\">")) }
  }

  /// One strategy: nothing to rank or compare, so no format shows a one-row ranking "over 0 comparisons".
  @Test func aSingleStrategyHasNoRankingInAnyFormat() throws {
    let report = try ReportFixture.tinyReport(strategies: #"["good-enough"]"#)
    #expect(report.sections.allSatisfy { !$0.isCompared })
    #expect(!report.markdown.contains("Ranking by") && !report.markdown.contains("comparisons"))
    #expect(!report.html.contains("Ranking by"))
    #expect(!report.csv.contains("\nranking,"))
    #expect(!report.latexFiles(figureFiles: []).contains { $0.path == "tex/ranking.tex" || $0.text.contains("Holm") })
    let json = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any]
    #expect((json?["scenarios"] as? [[String: Any]])?.allSatisfy { ($0["ranking"] as? [Any])?.isEmpty == true } == true)
    // Two strategies: one comparison, in the singular.
    #expect(try ReportFixture.tinyReport().markdown.contains("Holm correction over 1 comparison;"))
  }

  @Test func aSuiteIndexLinksEachReportPage() {
    let page = Report.suiteIndexHTML([(name: "a<b", question: "Q?", page: "a/report.html", answer: "**x** wins")])
    #expect(page.contains("<a href=\"a/report.html\">a&lt;b</a>") && page.contains("<strong>x</strong> wins"))
  }

  static let chromium = ReportFixture.onPath("chromium") ?? ReportFixture.onPath("chromium-browser")

  /// A real headless browser opens the page from disk: its script runs to the end without an
  /// error (it sets data-ready), and every figure is there as an SVG element.
  @Test(.enabled(if: chromium != nil, "chromium is not on PATH (apt-get install chromium); skipped"))
  func aHeadlessBrowserLoadsThePageWithoutScriptErrors() throws {
    let report = try ReportFixture.tinyReport()
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-html-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let page = dir.appendingPathComponent("report.html"), dom = dir.appendingPathComponent("dom.html")
    try report.html.write(to: page, atomically: true, encoding: .utf8)
    let status = try ReportFixture.execute(Self.chromium!, ["--headless", "--disable-gpu", "--no-sandbox", "--user-data-dir=\(dir.path)/profile",
                                                           "--dump-dom", page.absoluteString], in: dir, output: dom)
    let text = try String(contentsOf: dom, encoding: .utf8)
    #expect(status == 0)
    #expect(text.contains("data-ready=\"true\""), "the page's script did not finish")
    #expect(!text.contains("data-error=\""), "a script error: \(text.prefix(300))")
    #expect(text.components(separatedBy: "<svg").count - 1 == report.figures.count)
    #expect(text.contains("title=\"sort by this column\""))
  }

  @Test func everySweptKeyIsAnalysedAsASweepOfItsOwn() throws {
    let report = try ReportFixture.tinyReport(strategies: #"["good-enough"]"#, extra: """
      [[sweep]]
      key = "strategy.*.service_level_target"
      values = [0.6, 0.8]
      [[sweep]]
      key = "world.intention_to_behaviour"
      values = [0.4, 0.6, 0.8]
      """)
    #expect(report.sweepKeys == ["strategy.*.service_level_target", "world.intention_to_behaviour"])
    let first = report.sweeps.filter { $0.key == "strategy.*.service_level_target" }
    let second = report.sweeps.filter { $0.key == "world.intention_to_behaviour" }
    // Each key: one series per value of the other key, over its own values.
    #expect(first.count == 3 && first.allSatisfy { $0.values == [0.6, 0.8] })
    #expect(second.count == 2 && second.allSatisfy { $0.values == [0.4, 0.6, 0.8] })
    #expect(second.map(\.fixed) == ["competitive, strategy.*.service_level_target=0.600", "competitive, strategy.*.service_level_target=0.800"])
    let md = report.markdown
    #expect(md.contains("### good-enough: world.intention_to_behaviour (competitive, strategy.*.service_level_target=0.800)"))
    #expect(md.contains("against the swept levers and assumptions"))
  }
}
