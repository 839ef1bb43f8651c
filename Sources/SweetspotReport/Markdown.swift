import Foundation
import SweetspotModel

extension Report {
  /// The report as Markdown, ready to paste into research notes and rendered as GitHub renders
  /// it: figures embedded as images (`figures/NAME.svg`, beside report.md), tables no wider than
  /// a screen.
  public var markdown: String {
    Report.markdown(blocks)
  }

  /// Blocks as Markdown: one blank line between blocks; pipes in cells escaped.
  static func markdown(_ blocks: [ReportBlock]) -> String {
    var md: [String] = []
    for block in blocks {
      switch block {
      case .heading(let level, let text): md.append(String(repeating: "#", count: level) + " " + text)
      case .paragraph(let text): md.append(text)
      case .list(let items): md.append(items.map { "- " + $0 }.joined(separator: "\n"))
      case .figure(let name, let caption): md.append("![\(caption)](\(Report.figureFolder)/\(name).svg)")
      case .table(let t):
        func row(_ cells: [String]) -> String { "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |" }
        md.append(([row(t.header), "|" + t.numeric.map { $0 ? "---:" : "---" }.joined(separator: "|") + "|"] + t.rows.map(row)).joined(separator: "\n"))
      }
    }
    return md.joined(separator: "\n\n") + "\n"
  }

  /// The methods paragraph.
  public var methods: String {
    let c = experiment.configuration
    var s = "Sweetspot \(toolVersion) simulated \(experiment.trials) independent trials of each strategy in each of \(sections.count) scenario\(sections.count == 1 ? "" : "s") (\(experiment.markets.map(\.name).joined(separator: ", ")) market\(experiment.markets.count == 1 ? "" : "s")"
    s += experiment.sweeps.isEmpty ? ")" : "; sweeping \(experiment.sweeps.map { "\($0.key) over \($0.values.map { Format.number($0, 3) }.joined(separator: ", "))" }.joined(separator: " and ")))"
    s += ". Each trial follows \(c.customers) simulated customers (each standing for \(Format.number(c.customerScale)) real ones) for \(c.weeks) weeks, with the contact centre evaluated by \(c.queueMode == .erlangA ? "Erlang A per hourly interval" : "discrete-event simulation per hourly interval")."
    s += " Random numbers come from the counter-based generators Philox4x64-10 and, for customers' weekly draws, Philox2x64-10 (Salmon et al. 2011): each draw is addressed by the seed \(experiment.seed), the trial index, its source of randomness and, for customers' weekly draws, the customer and week; all strategies in a trial share them (common random numbers)"
    s += commonRandomNumbers.map { "; in this run \($0)." } ?? "."
    s += " Intervals are Student-t 95% intervals over trials" + (sections.contains(where: \.isCompared) ? "; strategy differences are paired by trial, with Holm's correction for multiple comparisons." : ".")
    s += " Benchmarks: \(benchmarksFile) (version \(benchmarksVersion)), industry \(industry). The model and its sources: docs/MODEL.md."
    return s
  }
}

extension ReportBlock {
  /// Blocks from Markdown of the kind `Report.markdown` writes (headings, pipe tables, `- ` lists,
  /// `![caption](figures/NAME.svg)` figures, one-line paragraphs, blank lines between blocks), so
  /// a section written as Markdown lines joins the report's blocks and so its HTML page too.
  public static func parse(markdown: String) -> [ReportBlock] {
    var blocks: [ReportBlock] = []
    for chunk in markdown.components(separatedBy: "\n\n") {
      let lines = chunk.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
      guard let first = lines.first else { continue }
      if first.hasPrefix("#"), let space = first.firstIndex(of: " "), first[..<space].allSatisfy({ $0 == "#" }), lines.count == 1 {
        blocks.append(.heading(level: first.distance(from: first.startIndex, to: space), text: String(first[first.index(after: space)...])))
      } else if lines.count >= 2, lines.allSatisfy({ $0.hasPrefix("|") && $0.hasSuffix("|") }) {
        let rows = lines.map(cells)
        blocks.append(.table(ReportTable(header: rows[0], numeric: rows[1].map { $0.hasSuffix(":") }, rows: Array(rows.dropFirst(2)))))
      } else if lines.allSatisfy({ $0.hasPrefix("- ") }) {
        blocks.append(.list(lines.map { String($0.dropFirst(2)) }))
      } else if lines.count == 1, first.hasPrefix("!["), first.hasSuffix(".svg)"), let mid = first.range(of: "](\(Report.figureFolder)/", options: .backwards) {
        let name = first[mid.upperBound...].dropLast(".svg)".count)
        blocks.append(.figure(name: String(name), caption: String(first[first.index(first.startIndex, offsetBy: 2)..<mid.lowerBound])))
      } else {
        blocks.append(.paragraph(lines.joined(separator: " ")))
      }
    }
    return blocks
  }

  /// The cells of a pipe-table row: split at pipes that are not escaped, `\|` read as `|`.
  static func cells(_ row: String) -> [String] {
    var cells: [String] = []
    var cell = ""
    var escaped = false
    for c in row.dropFirst().dropLast() {
      if escaped { cell.append(c); escaped = false }
      else if c == "\\" { escaped = true }
      else if c == "|" { cells.append(cell.trimmingCharacters(in: .whitespaces)); cell = "" }
      else { cell.append(c) }
    }
    if escaped { cell.append("\\") }
    cells.append(cell.trimmingCharacters(in: .whitespaces))
    return cells
  }
}
