import SweetspotExperiment
import SweetspotModel

/// One figure of a report, drawn once and written twice: `figures/NAME.svg` for Markdown and
/// the web, `figures/NAME.pdf` for LaTeX (`\includegraphics`), from the same drawing.
public struct ReportFigure: Sendable {
  /// File name without extension: `equity`, `kpis-monopoly`, `sweep`, …
  public let name: String
  /// One sentence for a caption or alt text.
  public let caption: String
  let canvas: SVGCanvas
  /// The SVG of a figure already in the run folder (drawn by another command), nil for one
  /// drawn here.
  let written: String?
  public var svg: String { written ?? canvas.svg }
  /// The SVG's path relative to the run folder.
  public var path: String { "figures/\(name).svg" }
  public var pdf: String { canvas.pdf }
  /// The drawn width in points (the SVG's width).
  public let width: Double

  init(name: String, caption: String, canvas: SVGCanvas) {
    self.name = name
    self.caption = caption
    self.canvas = canvas
    self.written = nil
    self.width = canvas.width
  }

  /// A figure another command wrote into figures/ (its SVG as written there), which the report
  /// links and shows but does not draw or write again.
  init(name: String, caption: String, writtenSVG: String) {
    self.name = name
    self.caption = caption
    self.written = writtenSVG
    // The width from the SVG's own width attribute (for the HTML page's sizing).
    let width = writtenSVG.firstRange(of: "width=\"").flatMap { start in
      writtenSVG[start.upperBound...].firstIndex(of: "\"").flatMap { Double(writtenSVG[start.upperBound..<$0]) }
    } ?? 700
    self.width = width
    self.canvas = SVGCanvas(width: width, height: 0)
  }
}

extension Report {
  /// The folder of the figures, relative to the run folder.
  public static let figureFolder = "figures"

  /// Every figure of the report, in a fixed order. Runs without sweeps: customer equity per
  /// strategy (a panel per scenario), then the KPIs and the Win4 scorecard of each scenario.
  /// Sweep runs: a figure of the objective against the first swept key per market and
  /// strategy group (a heat map when two keys are swept), then the KPIs and Win4 scorecard at
  /// each sweep's sweetspot (or, for a swept assumption, its first value).
  public var figures: [ReportFigure] {
    var out: [ReportFigure] = []
    if sweeps.isEmpty {
      out.append(ReportFigure(name: "equity", caption: "\(Report.title(Report.objective).capitalizedFirst) per strategy with 95% intervals\(sections.count > 1 ? ", one panel per scenario" : ""); shaded: within ±\(marginText) of the best.", canvas: equityCanvas()))
      for (k, s) in sections.enumerated() {
        let suffix = figureSuffix(k)
        out.append(ReportFigure(name: "kpis" + suffix, caption: "Service KPIs per strategy against industry benchmarks (\(s.label)).", canvas: kpiCanvas(s)))
        out.append(ReportFigure(name: "win4" + suffix, caption: "Win4 scorecard: share of trials each party wins (\(s.label)).", canvas: win4Canvas(s)))
      }
    } else {
      out += sweepFigures
      var shown: [Int] = []
      for sw in sweeps {
        let i = sw.values.firstIndex(of: sw.key.hasPrefix("strategy.") ? sw.sweetspot : sw.values[0]) ?? 0
        let k = sw.scenarios[i]
        if shown.contains(k) { continue }
        shown.append(k)
        let s = sections[k]
        out.append(ReportFigure(name: "kpis-scenario-\(k + 1)", caption: "Service KPIs per strategy against industry benchmarks (\(s.label)).", canvas: kpiCanvas(s)))
        out.append(ReportFigure(name: "win4-scenario-\(k + 1)", caption: "Win4 scorecard: share of trials each party wins (\(s.label)).", canvas: win4Canvas(s)))
      }
    }
    if let r = robustness { out += r.figures }
    return out
  }

  /// The figures the report shows: its own (`figures`) and the trajectories figure when a
  /// `--trajectories` run or `sweetspot trajectories` has put one in the folder.
  var shownFigures: [ReportFigure] { figures + (trajectories.map { [$0] } ?? []) }

  /// "" for a single scenario, "-MARKET" when scenarios differ by market only, else "-scenario-N".
  func figureSuffix(_ k: Int) -> String {
    guard sections.count > 1 else { return "" }
    let markets = sections.map(\.market)
    if Set(markets).count == markets.count && markets.allSatisfy(Report.isFileSafe) { return "-" + sections[k].market }
    return "-scenario-\(k + 1)"
  }

  static func isFileSafe(_ s: String) -> Bool { !s.isEmpty && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") } }

  /// The KPI figure of the first scenario (kept for callers of the single-figure API).
  public var kpiFigure: String { kpiCanvas(sections[0]).svg }
  /// The Win4 figure of the first scenario (kept for callers of the single-figure API).
  public var win4Figure: String { win4Canvas(sections[0]).svg }
  /// The first sweep figure, if any (kept for callers of the single-figure API).
  public var sweepFigure: String? { sweepFigures.first?.svg }
}

extension String {
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
