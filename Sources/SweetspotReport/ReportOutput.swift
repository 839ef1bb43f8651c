/// What `run`, `merge` and `report` write of any report: the strategies' (`Report`) or an
/// industry's (`IndustryReport`), in every format, from one analysis.
public protocol ReportOutput: Sendable {
  var answer: String { get }
  var figures: [ReportFigure] { get }
  var markdown: String { get }
  var html: String { get }
  var csv: String { get }
  var json: String { get }
  func latexFiles(figureFiles: Set<String>) -> [Report.LaTeXFile]
  func latexDocument(figureFiles: Set<String>) -> String
  /// Files beside the four documents (robustness.json and robustness.csv of a robustness run).
  var extraDocuments: [(String, String)] { get }
}

extension Report: ReportOutput {
  public var extraDocuments: [(String, String)] { robustness.map { [("robustness.json", $0.json), ("robustness.csv", $0.csv)] } ?? [] }
}

extension IndustryReport: ReportOutput {}
