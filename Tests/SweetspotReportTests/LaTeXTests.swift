import Testing
import Foundation
import SweetspotExperiment
@testable import SweetspotReport

/// Every string reaches LaTeX through one escaper, and the LaTeX report compiles with pdflatex
/// with nothing running past the page.
@Suite struct LaTeXTests {
  @Test func theTenSpecialsBecomeTextCommands() {
    #expect(LaTeX.escape(##"\ { } $ & # ^ _ ~ %"##)
            == ##"\textbackslash{} \{ \} \$ \& \# \textasciicircum{} \_\allowbreak{} \textasciitilde{} \%"##)
    #expect(LaTeX.escape("a<b>c|d\"") == "a\\textless{}b\\textgreater{}c\\textbar{}d''")
  }

  @Test func straightQuotesOpenAndCloseAndASignIsAMinus() {
    #expect(LaTeX.escape("\"a\"") == "``a''")
    #expect(LaTeX.escape("Morris (design = \"morris\")") == "Morris (design = ``morris'')")
    #expect(LaTeX.escape("-$1") == "\\ensuremath{-}\\$1")
    #expect(LaTeX.escape("CI [-$0.06M, $0.54M], ρ -0.74, x=-2") == "CI [\\ensuremath{-}\\$0.06M, \\$0.54M], \\ensuremath{\\rho} \\ensuremath{-}0.74, x=\\ensuremath{-}2")
    // A hyphen stays a hyphen: in words, options and ranges.
    #expect(LaTeX.escape("good-enough --write 0.6-0.8") == "good-enough --write 0.6-0.8")
  }

  @Test func unicodeSymbolsGreekAndAccentsBecomeLaTeX() {
    #expect(LaTeX.escape("x ∈ {0.7, 0.8}") == "x \\ensuremath{\\in} \\{0.7, 0.8\\}")
    #expect(LaTeX.escape("≤≥×−±") == "\\ensuremath{\\leq}\\ensuremath{\\geq}\\ensuremath{\\times}\\ensuremath{-}\\ensuremath{\\pm}")
    #expect(LaTeX.escape("1–2 — 3…") == "1--2 --- 3\\ldots{}")
    #expect(LaTeX.escape("α β ω Ω") == "\\ensuremath{\\alpha} \\ensuremath{\\beta} \\ensuremath{\\omega} \\ensuremath{\\Omega}")
    #expect(LaTeX.escape("€5 £3") == "EUR5 \\pounds{}3")
    #expect(LaTeX.escape("café naïve Ångström") == "caf\\'{e} na\\\"{\\i{}}ve \\r{A}ngstr\\\"{o}m")
    // Precomposed and decomposed forms give the same LaTeX.
    #expect(LaTeX.escape("e\u{0301}") == LaTeX.escape("é"))
  }

  @Test func anythingElseOutsideASCIIShowsAsAQuestionMark() {
    #expect(LaTeX.escape("ok 😀 日本") == "ok ? ??")
    // Nothing that leaves the escaper is outside ASCII.
    let ascii = LaTeX.escape("∈≤≥×−–—…±αω€£é😀").unicodeScalars.allSatisfy(\.isASCII)
    #expect(ascii)
  }

  @Test func longKeysMayBreakAfterDotsAndUnderscores() {
    #expect(LaTeX.escape("strategy.good-enough.service_level") == "strategy.\\allowbreak{}good-enough.\\allowbreak{}service\\_\\allowbreak{}level")
    #expect(LaTeX.escape("0.8 e.g.") == "0.8 e.\\allowbreak{}g.")
  }

  @Test func inlineMarkdownBecomesBoldAndTypewriter() {
    #expect(LaTeX.inline("**a_b** wins; see `scorecard.*` & more") == "\\textbf{a\\_\\allowbreak{}b} wins; see \\texttt{scorecard.*} \\& more")
    #expect(LaTeX.inline("a ** b") == "a ** b")
  }

  @Test func singleStarsAreEmphasisOnlyAroundWords() {
    #expect(LaTeX.inline("*equivalent* when (*worse*), **best: *within the margin* of it**") ==
            "\\emph{equivalent} when (\\emph{worse}), \\textbf{best: \\emph{within the margin} of it}")
    // A key with a wildcard, a product and a lone star stay as written.
    #expect(InlineText.spans("strategy.*.price and strategy.*.care") == [.plain("strategy.*.price and strategy.*.care")])
    #expect(InlineText.spans("3*4 and 5*6, a * b") == [.plain("3*4 and 5*6, a * b")])
    #expect(InlineText.spans("`uncertainty.*` = *default*") == [.code("uncertainty.*"), .plain(" = "), .emphasis("default")])
  }

  @Test func aFigureComesFromItsPDFElseItsPGFElseIsLeftOutWithAComment() throws {
    let report = try ReportFixture.tinyReport()
    let withPDF = report.latexFiles(figureFiles: ["figures/kpis-scenario-1.pdf", "figures/kpis-scenario-1.tex"])
    #expect(withPDF.first { $0.path == "tex/figure-kpis-scenario-1.tex" }?.text.contains("\\includegraphics[width=\\linewidth,height=0.75\\textheight,keepaspectratio]{figures/kpis-scenario-1.pdf}") == true)
    #expect(!withPDF[0].text.contains("tikz"))
    let withPGF = report.latexFiles(figureFiles: ["figures/win4-scenario-1.tex"])
    #expect(withPGF.first { $0.path == "tex/figure-win4-scenario-1.tex" }?.text.contains("\\input{figures/win4-scenario-1.tex}") == true)
    #expect(withPGF[0].text.contains("\\usepackage{tikz}") && withPGF[0].text.contains("\\input{tex/figure-win4-scenario-1}"))
    #expect(!withPGF.contains { $0.path == "tex/figure-kpis-scenario-1.tex" } && withPGF[0].text.contains("% figure kpis-scenario-1: only figures/kpis-scenario-1.svg exists"))
    // The driver \inputs every fragment it is written with, and the sweep table comes first.
    let driver = withPDF[0].text
    for f in withPDF.dropFirst() { #expect(driver.contains("\\input{\(f.path.dropLast(4))}"), "\(f.path)") }
    #expect(driver.range(of: "\\input{tex/sweeps}")!.lowerBound < driver.range(of: "\\input{tex/kpis-value}")!.lowerBound)
  }

  /// Without sweeps the headline figure, customer equity, comes first: after the answer, before
  /// the tables and the KPI and Win4 figures.
  @Test func theEquityFigureComesFirst() throws {
    let report = try ReportFixture.tinyReport(extra: "")
    let names = report.figures.map(\.name)
    let driver = report.latexFiles(figureFiles: Set(names.map { "figures/\($0).pdf" }))[0].text
    let equity = try #require(driver.range(of: "\\input{tex/figure-equity}"))
    #expect(equity.lowerBound < driver.range(of: "\\input{tex/kpis-value}")!.lowerBound)
    for other in names where other != "equity" {
      #expect(equity.lowerBound < driver.range(of: "\\input{tex/figure-\(other)}")!.lowerBound, "\(other)")
    }
  }

  @Test func everyLaTeXFileIsASCII() throws {
    let report = try ReportFixture.tinyReport()
    for f in report.latexFiles(figureFiles: []) {
      let ascii = f.text.unicodeScalars.allSatisfy(\.isASCII)
      #expect(ascii, "\(f.path)")
    }
  }

  static let pdflatex = ReportFixture.onPath("pdflatex")

  /// Compiles the driver of a sweep run with a PDF figure (made by pdflatex itself) and checks
  /// the log: no error, no box more than 1 pt too wide.
  @Test(.enabled(if: pdflatex != nil, "pdflatex is not on PATH (install texlive-latex-base texlive-latex-recommended); skipped"))
  func theDriverCompilesWithPdflatexAndNothingRunsPastThePage() throws {
    let report = try ReportFixture.tinyReport(strategies: #"["good-enough", "win4", "just-good-enough", "minimal"]"#)
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-latex-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("figures"), withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("tex"), withIntermediateDirectories: true)
    try "\\documentclass{article}\\pagestyle{empty}\\begin{document}\\rule{8cm}{5cm}\\end{document}\n"
      .write(to: dir.appendingPathComponent("figures/kpis-scenario-1-source.tex"), atomically: true, encoding: .utf8)
    _ = try ReportFixture.execute(Self.pdflatex!, ["-interaction=nonstopmode", "-halt-on-error", "-jobname=kpis-scenario-1", "kpis-scenario-1-source.tex"], in: dir.appendingPathComponent("figures"))
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("figures/kpis-scenario-1.pdf").path))
    for f in report.latexFiles(figureFiles: ["figures/kpis-scenario-1.pdf"]) {
      try f.text.write(to: dir.appendingPathComponent(f.path), atomically: true, encoding: .utf8)
    }
    let status = try ReportFixture.execute(Self.pdflatex!, ["-interaction=nonstopmode", "-halt-on-error", "report.tex"], in: dir)
    let log = try String(contentsOf: dir.appendingPathComponent("report.log"), encoding: .isoLatin1)
    #expect(status == 0, "pdflatex failed: \(log.split(separator: "\n").filter { $0.hasPrefix("!") }.joined(separator: "; "))")
    #expect(log.contains("figures/kpis-scenario-1.pdf"))
    let overfull = log.split(separator: "\n").filter { $0.hasPrefix("Overfull \\hbox (") }.filter { line in
      Double(line.dropFirst("Overfull \\hbox (".count).prefix { $0 != "p" }).map { $0 > 1 } ?? true
    }
    #expect(overfull.isEmpty, "\(overfull.joined(separator: "\n"))")
    print("pdflatex compiled \(dir.path)/report.tex")
  }
}
