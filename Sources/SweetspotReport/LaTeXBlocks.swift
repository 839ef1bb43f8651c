/// LaTeX from a report's blocks (`ReportBlock`): a driver, `report.tex`, that compiles alone with
/// pdflatex and `\input`s one fragment per table and figure in `tex/`, each of which drops into a
/// paper that loads booktabs, longtable and graphicx. Every string goes through `LaTeX.inline`.
enum LaTeXBlocks {
  static func files(title: String, toolVersion: String, blocks: [ReportBlock], figures: [ReportFigure], figureFiles: Set<String>) -> [Report.LaTeXFile] {
    var fragments: [Report.LaTeXFile] = []
    var body: [String] = []
    var tableCount = 0
    let byName = Dictionary(uniqueKeysWithValues: figures.map { ($0.name, $0) })
    for block in blocks {
      switch block {
      case .heading(let level, let text):
        if level == 1 { continue }
        body.append("\\\(level == 2 ? "section*" : "subsection*"){\(LaTeX.inline(text))}")
      case .paragraph(let text):
        body.append(LaTeX.inline(text) + "\n")
      case .list(let items):
        body.append((["\\begin{itemize}"] + items.map { "\\item " + LaTeX.inline($0) } + ["\\end{itemize}"]).joined(separator: "\n"))
      case .table(let t):
        tableCount += 1
        let name = "table-\(tableCount)"
        fragments.append(Report.LaTeXFile(path: "\(Report.latexFolder)/\(name).tex", text: table(t, label: name)))
        body.append("\\input{\(Report.latexFolder)/\(name).tex}")
      case .figure(let name, let caption):
        let base = "\(Report.figureFolder)/\(name)"
        guard byName[name] != nil else { continue }
        guard figureFiles.contains(base + ".pdf") else {
          body.append("% figure \(name): figures/\(name).pdf is not in the run folder; pdflatex cannot include the SVG")
          continue
        }
        let text = ["\\begin{figure}[htbp]", "\\centering", "\\includegraphics[width=\\linewidth,height=0.75\\textheight,keepaspectratio]{\(base).pdf}",
                    "\\caption{\(LaTeX.inline(caption))}", "\\label{fig:\(name)}", "\\end{figure}"].joined(separator: "\n") + "\n"
        fragments.append(Report.LaTeXFile(path: "\(Report.latexFolder)/figure-\(name).tex", text: text))
        body.append("\\input{\(Report.latexFolder)/figure-\(name).tex}")
      }
    }
    let driver = [
      "% Sweetspot report: \(title). Compile in the run folder with pdflatex (twice, for the table headers).",
      "% The fragments in tex/ can be \\input into a paper that loads booktabs, longtable and graphicx.",
      "\\documentclass[11pt,a4paper]{article}",
      "\\usepackage[margin=2.5cm]{geometry}",
      "\\usepackage{booktabs,longtable,graphicx}",
      "\\title{\(LaTeX.escape(title))}", "\\author{Sweetspot \(LaTeX.escape(toolVersion))}", "\\date{}", "",
      "\\begin{document}", "\\maketitle",
    ] + body + ["\\end{document}"]
    return [Report.LaTeXFile(path: "report.tex", text: driver.joined(separator: "\n") + "\n")] + fragments
  }

  /// The driver with every `\input{tex/…}` replaced by the fragment's text: one document.
  static func document(_ files: [Report.LaTeXFile]) -> String {
    guard let driver = files.first?.text else { return "" }
    let fragments = Dictionary(uniqueKeysWithValues: files.dropFirst().map { ($0.path, $0.text) })
    return driver.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
      guard line.hasPrefix("\\input{"), line.hasSuffix("}") else { return String(line) }
      let path = String(line.dropFirst("\\input{".count).dropLast())
      return fragments[path].map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 } ?? String(line)
    }.joined(separator: "\n")
  }

  /// A longtable with booktabs rules; a cell "x [a, b]" sets its interval small under the value.
  static func table(_ t: ReportTable, label: String) -> String {
    func cell(_ s: String, _ numeric: Bool) -> String {
      guard numeric, s.hasSuffix("]"), let open = s.range(of: " [") else { return LaTeX.inline(s) }
      return LaTeX.inline(String(s[..<open.lowerBound])) + " {\\scriptsize " + LaTeX.inline("[" + String(s[open.upperBound...])) + "}"
    }
    let columns = t.numeric.map { $0 ? "r" : "l" }.joined()
    let head = t.header.map { "\\textbf{\(LaTeX.inline($0))}" }.joined(separator: " & ") + " \\\\"
    var lines = ["\\begingroup\\small\\setlength{\\tabcolsep}{4pt}", "\\begin{longtable}{@{}\(columns)@{}}", "\\label{tab:\(label)}\\\\",
                 "\\toprule", head, "\\midrule", "\\endfirsthead", "\\toprule", head, "\\midrule", "\\endhead", "\\bottomrule", "\\endlastfoot"]
    lines += t.rows.map { zip($0, t.numeric).map { cell($0, $1) }.joined(separator: " & ") + " \\\\" }
    lines += ["\\end{longtable}", "\\endgroup"]
    return lines.joined(separator: "\n") + "\n"
  }
}
