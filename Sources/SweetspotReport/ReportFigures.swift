/// A figure of the report: its file name (without extension), its caption, and its SVG.
///
/// Every run folder keeps its figures in `figures/`: `figures/NAME.svg` always, and a PDF or
/// PGF form (`figures/NAME.pdf`, `figures/NAME.tex`) where one is written; the Markdown and HTML
/// reports show the SVG, the LaTeX report takes whichever print form exists.
public struct ReportFigure: Sendable, Equatable {
  public let name: String
  public let caption: String
  public let svg: String

  /// The SVG's path relative to the run folder.
  public var path: String { "figures/\(name).svg" }
}

extension Report {
  /// The folder of the figures, relative to the run folder.
  public static let figureFolder = "figures"

  /// Every figure of the report, in the order the reports show them.
  public var figures: [ReportFigure] {
    var out = [
      ReportFigure(name: "kpis", caption: "KPIs per strategy against industry benchmarks (\(sections[0].label)): means with 95% intervals; the benchmark band shaded.",
                   svg: kpiFigure),
      ReportFigure(name: "win4", caption: "Win4 scorecard (\(sections[0].label)): share of trials in which each party wins.", svg: win4Figure),
    ]
    if let sweep = sweepFigure {
      let marked = Report.isLever(sweeps[0].key) ? " and the sweetspot marked" : " (an assumption: a sensitivity, no sweetspot)"
      out.append(ReportFigure(name: "sweep", caption: "\(Report.title(Report.objective).capitalizedFirst) against \(sweeps[0].key), with 95% intervals\(marked).",
                              svg: sweep))
    }
    return out
  }
}

extension String {
  var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
