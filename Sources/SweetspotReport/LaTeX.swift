import SweetspotModel
import SweetspotExperiment
import SweetspotRobustness

/// The report as LaTeX that drops into a paper: one fragment per table or figure in `tex/`, each
/// `\input`-able on its own (they need `booktabs`, `longtable` and `graphicx`), and a small
/// driver, `report.tex`, that `\input`s them and compiles alone with pdflatex.
///
/// Every table is a `longtable` (it breaks across pages; a sweep run has one row group per
/// scenario, not a float each), set `\small`, with the 95% interval under each mean in
/// `\scriptsize` so no table is wider than the text; the thirteen KPIs are three tables by topic.
/// Every string goes through `LaTeX.escape`.
extension Report {
  /// A LaTeX file of the report: its path relative to the run folder and its text.
  public struct LaTeXFile: Sendable, Equatable {
    public let path: String
    public let text: String
  }

  /// The folder of the fragments, relative to the run folder.
  public static let latexFolder = "tex"

  /// `report.tex` and the fragments. `figureFiles` holds the figure files present at report time
  /// (paths relative to the run folder, such as `figures/kpis.pdf`): a figure is included from
  /// its PDF if there is one, else from its PGF form (`figures/NAME.tex`), else left out (pdflatex
  /// cannot read SVG), which the driver says in a comment.
  public func latexFiles(figureFiles: Set<String>) -> [LaTeXFile] {
    let parts = latexParts(figureFiles: figureFiles)
    let fragments = parts.compactMap { part -> LaTeXFile? in
      guard case .fragment(let name, let text) = part else { return nil }
      return LaTeXFile(path: "\(Report.latexFolder)/\(name).tex", text: text)
    }
    return [LaTeXFile(path: "report.tex", text: latexDriver(parts, figureFiles: figureFiles, inline: false))] + fragments
  }

  /// The whole report as one LaTeX document, fragments inlined (`report --format latex`).
  public func latexDocument(figureFiles: Set<String>) -> String {
    latexDriver(latexParts(figureFiles: figureFiles), figureFiles: figureFiles, inline: true)
  }

  enum LaTeXPart {
    case fragment(name: String, text: String)
    case section(String)
    case comment(String)
  }

  /// The driver's contents in order: section headings, fragments, and comments for what is left out.
  func latexParts(figureFiles: Set<String>) -> [LaTeXPart] {
    var parts: [LaTeXPart] = [.fragment(name: "answer", text: "\\paragraph{Answer.} \(LaTeX.inline(answer))\n")]
    func figure(_ name: String) {
      guard let f = shownFigures.first(where: { $0.name == name }) else { return }
      if let text = latexFigure(f, figureFiles: figureFiles) {
        parts.append(.fragment(name: "figure-\(name)", text: text))
      } else {
        parts.append(.comment("figure \(name): only \(f.path) exists, which pdflatex cannot include; a figures/\(name).pdf or figures/\(name).tex written before the report is used"))
      }
    }
    if !sweeps.isEmpty {
      parts.append(.section("Sweeps"))
      parts.append(.fragment(name: "sweeps", text: latexSweeps))
      figure("sweep")
    } else {
      // The headline, customer equity per strategy, right after the answer (as in report.md),
      // before the tables and the KPI and Win4 figures.
      figure("equity")
    }
    parts.append(.section("Strategies"))
    for (k, group) in Report.kpiGroups.enumerated() {
      parts.append(.fragment(name: "kpis-\(["value", "customers", "service"][k])", text: latexKPIs(group.title, group.metrics)))
    }
    if sections.contains(where: \.isCompared) { parts.append(.fragment(name: "ranking", text: latexRanking)) }
    parts.append(.fragment(name: "benchmarks", text: latexBenchmarks))
    figure("kpis")
    parts.append(.fragment(name: "win4", text: latexWin4))
    figure("win4")
    func isRobustness(_ name: String) -> Bool { name.hasPrefix("sensitivity") || name.hasPrefix("worlds") }
    for f in figures where !["sweep", "equity", "kpis", "win4"].contains(f.name) && !isRobustness(f.name) { figure(f.name) }
    if trajectories != nil {
      parts.append(.section("Week by week"))
      figure(TrajectoryFigure.name)
    }
    if let r = robustness {
      parts.append(.section("Robustness to assumptions"))
      parts.append(.fragment(name: "robustness", text: latexRobustness(r)))
      for f in figures where isRobustness(f.name) { figure(f.name) }
    }
    parts.append(.section("Methods"))
    parts.append(.fragment(name: "methods", text: LaTeX.inline(methods) + "\n"))
    if !benchmarkSources.isEmpty {
      parts.append(.section("Benchmark sources"))
      parts.append(.fragment(name: "sources", text: (["\\begin{itemize}"] + benchmarkSources.map { "\\item " + LaTeX.inline($0) } + ["\\end{itemize}"]).joined(separator: "\n") + "\n"))
    }
    return parts
  }

  func latexDriver(_ parts: [LaTeXPart], figureFiles: Set<String>, inline: Bool) -> String {
    let pgf = shownFigures.contains { !figureFiles.contains("figures/\($0.name).pdf") && figureFiles.contains("figures/\($0.name).tex") }
    var t = [
      "% Sweetspot report: \(experiment.name). Compile in the run folder with pdflatex (twice, for the table headers).",
      inline ? "% Figures are read from figures/ beside this file." : "% The fragments in tex/ can be \\input into a paper that loads booktabs, longtable and graphicx.",
      "\\documentclass[11pt,a4paper]{article}",
      "\\usepackage[margin=2.5cm]{geometry}",
      "\\usepackage{booktabs,longtable,graphicx}",
    ]
    if pgf { t.append("\\usepackage{tikz}") }
    t += ["\\title{\(LaTeX.escape(experiment.name))}", "\\author{Sweetspot \(LaTeX.escape(toolVersion))}", "\\date{}", "",
          "\\begin{document}", "\\maketitle"]
    if !experiment.question.isEmpty { t.append("\\paragraph{Question.} \(LaTeX.inline(experiment.question))") }
    if !experiment.description.isEmpty { t.append(LaTeX.inline(experiment.description)) }
    t.append("")
    for part in parts {
      switch part {
      case .section(let title): t += ["", "\\section{\(LaTeX.escape(title))}"]
      case .comment(let text): t.append("% " + text)
      case .fragment(let name, let text): t.append(inline ? text.trimmingTrailingNewline : "\\input{\(Report.latexFolder)/\(name)}")
      }
    }
    t += ["", "\\end{document}"]
    return t.joined(separator: "\n") + "\n"
  }

  /// A figure float, from the PDF or else the PGF form; nil when neither exists.
  func latexFigure(_ f: ReportFigure, figureFiles: Set<String>) -> String? {
    let base = "\(Report.figureFolder)/\(f.name)"
    let body: String
    if figureFiles.contains(base + ".pdf") {
      body = "\\includegraphics[width=\\linewidth,height=0.75\\textheight,keepaspectratio]{\(base).pdf}"
    } else if figureFiles.contains(base + ".tex") {
      body = "\\resizebox{\\linewidth}{!}{\\input{\(base).tex}}"
    } else {
      return nil
    }
    return ["\\begin{figure}[htbp]", "\\centering", body, "\\caption{\(LaTeX.inline(f.caption))}", "\\label{fig:\(f.name)}", "\\end{figure}"]
      .joined(separator: "\n") + "\n"
  }

  // MARK: - Tables

  /// A `longtable` set `\small`: caption, header repeated on every page, rule at the end.
  func longtable(_ columns: String, caption: String, label: String, header: [String], body: [String]) -> String {
    let head = header.map(latexHeader).joined(separator: " & ") + " \\\\"
    return ([
      "\\begingroup\\small\\setlength{\\tabcolsep}{4pt}",
      "\\begin{longtable}{@{}\(columns)@{}}",
      "\\caption{\(caption)}\\label{tab:\(label)}\\\\",
      "\\toprule", head, "\\midrule", "\\endfirsthead",
      "\\multicolumn{\(header.count)}{@{}l}{\\footnotesize\\itshape (continued)}\\\\",
      "\\toprule", head, "\\midrule", "\\endhead",
      "\\bottomrule", "\\endlastfoot",
    ] + body + ["\\end{longtable}", "\\endgroup"]).joined(separator: "\n") + "\n"
  }

  /// A header cell: escaped, and set on two lines when it is long, so it does not widen a column
  /// of numbers.
  func latexHeader(_ text: String) -> String {
    let spaces = text.indices.filter { text[$0] == " " }
    guard text.count > 12, !spaces.isEmpty else { return LaTeX.escape(text) }
    // Break at the space nearest the middle.
    func offCentre(_ i: String.Index) -> Int { abs(text.distance(from: text.startIndex, to: i) - text.count / 2) }
    let cut = spaces.min { offCentre($0) < offCentre($1) }!
    // `\\relax` after the break: a second line starting with `[` is not taken as the break's option.
    return "\\begin{tabular}[b]{@{}c@{}}\(LaTeX.escape(String(text[..<cut])))\\\\\\relax \(LaTeX.escape(String(text[text.index(after: cut)...])))\\end{tabular}"
  }

  /// A row group's heading, for tables covering several scenarios or series.
  func latexGroup(_ text: String, columns: Int) -> String {
    "\\addlinespace\\multicolumn{\(columns)}{@{}l}{\\itshape \(LaTeX.escape(text))}\\\\*"
  }

  /// Rows whose cells are a mean over its 95% interval: the means, then the intervals in
  /// `\scriptsize`, kept on one page.
  func latexTwoLine(_ lead: [String], _ means: [String], _ intervals: [String]) -> [String] {
    [(lead + means).joined(separator: " & ") + " \\\\*",
     (lead.map { _ in "" } + intervals.map { $0.isEmpty ? "" : "{\\scriptsize \($0)}" }).joined(separator: " & ") + " \\\\[2pt]"]
  }

  func latexInterval(_ s: SummaryStatistic, _ m: Metric) -> String {
    LaTeX.escape("[\(Format.value(s.ciLow, m)), \(Format.value(s.ciHigh, m))]")
  }

  func latexKPIs(_ title: String, _ metrics: [Metric]) -> String {
    var body: [String] = []
    for s in sections {
      if sections.count > 1 { body.append(latexGroup(s.label, columns: metrics.count + 1)) }
      for r in s.strategies {
        body += latexTwoLine([LaTeX.escape(r.name)], metrics.map { LaTeX.escape(Format.value(r.stat($0).mean, $0)) },
                             metrics.map { latexInterval(r.stat($0), $0) })
      }
    }
    let scope = sections.count > 1 ? "" : " (\(LaTeX.escape(sections[0].label)))"
    return longtable("l" + String(repeating: "r", count: metrics.count),
                     caption: "\(LaTeX.escape(experiment.name)): \(LaTeX.escape(title.lowercased())), means with 95\\% intervals over \(experiment.trials) trials\(scope).",
                     label: "kpis-\(title.split(separator: " ")[0].lowercased())", header: ["Strategy"] + metrics.map { Report.title($0).capitalizedFirst }, body: body)
  }

  /// The robustness statement of each cell and its strategies across the sampled worlds.
  func latexRobustness(_ r: RobustnessAnalysis) -> String {
    var out: [String] = []
    var body: [String] = []
    for cell in r.cells where cell.strategies.count > 1 {
      out.append(LaTeX.inline((r.cells.count > 1 ? "In \(cell.label): " : "") + r.statement(cell)) + "\n")
      if r.cells.count > 1 { body.append(latexGroup(cell.label, columns: 6)) }
      for row in cell.strategies {
        guard let m = row.metrics else { continue }
        body.append([LaTeX.escape(row.strategy), LaTeX.escape(Format.money(m.mean)), LaTeX.escape(r.percent(m.shareBest)),
                     LaTeX.escape(r.percent(m.shareWithinMargin)), LaTeX.escape(Format.money(m.regretMean)), LaTeX.escape(Format.money(m.regretP90))]
          .joined(separator: " & ") + " \\\\")
      }
    }
    for l in r.locations { out.append(LaTeX.inline(r.locationStatement(l)) + "\n") }
    if !body.isEmpty {
      out.append(longtable("lrrrrr", caption: "Strategies across \(r.cells.first?.worlds ?? 0) sampled worlds: mean customer equity, share of worlds in which each is best and within \(LaTeX.escape(r.marginText)) of the best, and regret against each world's best (mean, 90th percentile).",
                           label: "robustness", header: ["Strategy", "Mean", "Best in", "Within margin", "Mean regret", "P90 regret"], body: body))
    }
    for (k, cell) in r.cells.enumerated() where cell.strategies.count > 1 {
      if let diff = cell.sensitivities.first { out.append(latexSensitivity(r, diff, label: "sensitivity-\(k + 1)")) }
    }
    return out.joined(separator: "\n")
  }

  /// The indices of one output, the most important `listedAssumptions` of them (a Morris screen
  /// has about 200), with a line saying where the rest are; when the estimates are noise
  /// (`RobustnessAnalysis.noise`), the caption says so before any index is read as a driver.
  func latexSensitivity(_ r: RobustnessAnalysis, _ s: RobustnessAnalysis.Sensitivity, label: String) -> String {
    let shown = s.indices.prefix(RobustnessAnalysis.listedAssumptions)
    func est(_ e: Estimate) -> String { LaTeX.escape("\(Format.number(e.value, 2)) [\(Format.number(e.low, 2)), \(Format.number(e.high, 2))]") }
    func money(_ e: Estimate) -> String { LaTeX.escape("\(Format.money(e.value)) [\(Format.money(e.low)), \(Format.money(e.high))]") }
    let header: [String], columns: String, body: [String]
    switch s.method {
    case .sobol:
      (header, columns) = (["Assumption", "First-order [95% CI]", "Total [95% CI]"], "lrr")
      body = shown.map { "\(LaTeX.escape($0.key)) & \(est($0.main)) & \($0.second.map(est) ?? "") \\\\" }
    case .morris:
      (header, columns) = (["Assumption", "μ* [95% CI]", "σ"], "lrr")
      body = shown.map { "\(LaTeX.escape($0.key)) & \(money($0.main)) & \(LaTeX.escape(Format.money($0.second?.value ?? .nan))) \\\\" }
    case .rankCorrelation, .partialRankCorrelation:
      (header, columns) = (["Assumption", s.method == .rankCorrelation ? "Spearman ρ [95% CI]" : "PRCC [95% CI]"], "lr")
      body = shown.map { "\(LaTeX.escape($0.key)) & \(est($0.main)) \\\\" }
    }
    var caption = "Which assumptions decide \(LaTeX.escape(s.output)) (\(LaTeX.escape(r.methodText(s.method))))"
    if let noise = RobustnessAnalysis.noise(s) { caption += ". \(LaTeX.escape(r.noiseSentence(noise, of: s.output))) The estimates are listed for the record" }
    if s.indices.count > shown.count { caption += "; the top \(shown.count) of \(s.indices.count), the full list in robustness.csv and robustness.json" }
    return longtable(columns, caption: caption + ".", label: label, header: header, body: body)
  }

  var latexRanking: String {
    var body: [String] = []
    let m = Report.objective
    for s in sections where s.isCompared {
      if sections.count > 1 { body.append(latexGroup(s.label, columns: 7)) }
      for r in s.ranking {
        let lead = [String(r.rank), LaTeX.escape(r.strategy)]
        guard let c = r.behindBest else {
          body += latexTwoLine(lead, [LaTeX.escape(Format.value(r.objective.mean, m)), "best", "", "", ""], [latexInterval(r.objective, m), "", "", "", ""])
          continue
        }
        body += latexTwoLine(lead, [LaTeX.escape(Format.value(r.objective.mean, m)), LaTeX.escape(Format.money(c.meanDifference)),
                                    "{\\scriptsize \(LaTeX.escape("[\(Format.money(c.adjustedLow)), \(Format.money(c.adjustedHigh))]"))}",
                                    LaTeX.escape(Format.pValue(c.adjustedP)), r.verdict?.rawValue ?? ""],
                             [latexInterval(r.objective, m), LaTeX.escape("[\(Format.money(c.low)), \(Format.money(c.high))]"), "", "", ""])
      }
    }
    return longtable("rlrrrrl", caption: "Ranking by \(LaTeX.escape(Report.title(m))): differences best $-$ strategy, paired trial by trial (common random numbers), Holm-corrected; the simultaneous interval is Bonferroni-adjusted. Verdict against the materiality margin $\\pm$\(LaTeX.escape(marginText)) of the best's mean: equivalent when two one-sided tests put the difference inside it, worse when it is significant and beyond it, inconclusive otherwise.",
                     label: "ranking", header: ["Rank", "Strategy", Report.title(m).capitalizedFirst, "Behind the best", "Simultaneous CI", "Holm p", "Verdict"], body: body)
  }

  var latexBenchmarks: String {
    var body: [String] = []
    for s in sections {
      if sections.count > 1 { body.append(latexGroup(s.label, columns: 3)) }
      for (b, m) in benchmarkList(s) {
        body.append("\\addlinespace\\multicolumn{3}{@{}p{0.9\\linewidth}@{}}{\\textbf{\(LaTeX.escape(Report.title(m)))}: \(LaTeX.escape(b.label))}\\\\*")
        for row in s.strategies {
          guard let r = benchmarkRow(s, row.name, b) else { continue }
          body.append("\\quad \(LaTeX.escape(row.name)) & \(LaTeX.escape(Format.value(r.stat.mean, m))) {\\scriptsize \(latexInterval(r.stat, m))} & \(LaTeX.escape(b.judged(r.verdict))) \\\\")
        }
      }
    }
    return longtable("lrl", caption: "Against industry benchmarks (\(LaTeX.escape(industry))): a verdict is below, within or above only when the whole 95\\% interval is; in brackets, whether that side of the band is the better one for the metric.",
                     label: "benchmarks", header: ["Benchmark and strategy", "Mean [95% CI]", "Verdict"], body: body)
  }

  var latexWin4: String {
    var body: [String] = []
    for s in sections {
      if sections.count > 1 { body.append(latexGroup(s.label, columns: 6)) }
      for w in s.win4 {
        body.append(([LaTeX.escape(w.strategy)] + w.parties.map { "\($0.shareWon > Scorecard.majority ? "wins" : "loses") (\(Format.number(100 * $0.shareWon, 0))\\%)" }
                     + [w.parties.allSatisfy { $0.shareWon > Scorecard.majority } ? "yes" : "no"]).joined(separator: " & ") + " \\\\")
      }
    }
    return longtable("lllllc", caption: "Win4 scorecard: whether each party wins in most trials (share of trials won); thresholds are the scorecard keys.",
                     label: "win4", header: ["Strategy", "Customers", "Employees", "Company", "Owners", "All four"], body: body)
  }

  /// The sweep table, the main result of a sweep run: every swept value of every series.
  var latexSweeps: String {
    var body: [String] = []
    let m = Report.objective
    for sw in sweeps {
      let lever = Report.isLever(sw.key)
      body.append(latexGroup("\(sw.strategy): \(sw.key) (\(sw.fixed))", columns: 4))
      for (i, x) in sw.values.enumerated() {
        var mark = !lever ? "" : x == sw.sweetspot ? "\\textbf{sweetspot}" : (sw.zone.contains(x) ? "yes" : "")
        if x == sw.argmax { mark += mark.isEmpty ? "(peak)" : " (peak)" }
        body.append("\(LaTeX.escape(Format.number(x, 3))) & \(LaTeX.escape(Format.value(sw.objective[i].mean, m))) {\\scriptsize \(latexInterval(sw.objective[i], m))} & \(LaTeX.escape(Format.money(sw.cost[i].mean))) & \(mark) \\\\")
      }
    }
    let levers = sweeps.contains { Report.isLever($0.key) }
    return longtable("rrrl", caption: "\(LaTeX.escape(experiment.name)): \(LaTeX.escape(Report.title(m))) at each swept value, means with 95\\% intervals"
                       + (levers ? "; the zone is the interval of values around the peak shown equivalent to it within $\\pm$\(LaTeX.escape(marginText)) (paired two one-sided tests); its cheapest point is the sweetspot for a spending lever, the peak for price or pressure." : "; the swept keys are assumptions, so no sweetspot is reported."),
                     label: "sweeps", header: ["Value", "\(Report.title(m).capitalizedFirst) [95% CI]", "Cost to serve", levers ? "In zone" : "Note"], body: body)
  }
}

extension String {
  var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
