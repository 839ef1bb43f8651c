import SweetspotExperiment
import SweetspotModel

/// The report as a sequence of blocks (headings, paragraphs, tables, figures, lists), composed
/// once; Markdown and HTML render the same blocks, so the two never say different things.
/// Paragraph and cell text may hold `**bold**`, `*emphasis*` and `` `code` `` (see `InlineText`).
public enum ReportBlock: Sendable, Equatable {
  case heading(level: Int, text: String)
  case paragraph(String)
  case table(ReportTable)
  case figure(name: String, caption: String)
  case list([String])
}

/// A table: a header row, which columns are numbers (right-aligned, sorted as numbers in HTML),
/// and rows of cells.
public struct ReportTable: Sendable, Equatable {
  public let header: [String]
  public let numeric: [Bool]
  public let rows: [[String]]
}

extension Report {
  /// The service KPIs split by topic, so no table is wider than a page or a screen: the money,
  /// the customers, and the queue and its staff. Together they are `Report.headline`, in order.
  public static let kpiGroups: [(title: String, metrics: [Metric])] = [
    ("Value and cost", [.customerEquity, .profitNPV, .costToServe]),
    ("Customers", [.retention, .churnRate, .csat, .nps, .fcr]),
    ("Service and staff", [.serviceLevel, .abandonment, .asaSeconds, .agentAttrition, .burnout]),
  ]

  /// Whether a sweep's key is a lever the company sets (a sweetspot can be chosen) rather than an
  /// assumption about the world (a sensitivity).
  static func isLever(_ key: String) -> Bool { key.hasPrefix("strategy.") }

  /// The blocks of the report, in reading order.
  public var blocks: [ReportBlock] {
    var b: [ReportBlock] = [.heading(level: 1, text: experiment.name)]
    if !experiment.question.isEmpty { b.append(.paragraph("**Question.** \(experiment.question)")) }
    if !experiment.description.isEmpty { b.append(.paragraph(experiment.description)) }
    b.append(.paragraph("**Answer.** \(answer)"))
    let figures = Dictionary(uniqueKeysWithValues: self.shownFigures.map { ($0.name, $0) })
    var shown: Set<String> = []
    func figureBlock(_ name: String) -> ReportBlock? {
      guard let f = figures[name], !shown.contains(name) else { return nil }
      shown.insert(name)
      return .figure(name: f.name, caption: f.caption)
    }
    func figure(_ name: String) { if let block = figureBlock(name) { b.append(block) } }
    if sweeps.isEmpty { figure("equity") } else { b += sweepBlocks(figure: figureBlock) }
    for (k, s) in sections.enumerated() {
      b.append(.heading(level: 2, text: sections.count > 1 ? s.label : "Strategies (\(s.label))"))
      b.append(.paragraph("Means with 95% confidence intervals over \(experiment.trials) trials."))
      for group in Report.kpiGroups {
        b.append(.heading(level: 3, text: group.title))
        b.append(.table(ReportTable(header: ["strategy"] + group.metrics.map { Report.title($0) },
                                    numeric: [false] + group.metrics.map { _ in true },
                                    rows: s.strategies.map { row in [row.name] + group.metrics.map { Format.interval(row.stat($0), $0) } })))
      }
      if s.isCompared { b += rankingBlocks(s) }
      b += benchmarkBlocks(s)
      figure("kpis" + figureSuffix(k))
      figure("kpis-scenario-\(k + 1)")
      b += win4Blocks(s)
      figure("win4" + figureSuffix(k))
      figure("win4-scenario-\(k + 1)")
    }
    if trajectories != nil {
      b.append(.heading(level: 2, text: "Week by week"))
      b.append(.paragraph("How each strategy's trials unfold, week by week, in \(sections[0].label) (trajectories.csv holds every trial's path)."))
      figure(TrajectoryFigure.name)
    }
    if let r = robustness {
      b += ReportBlock.parse(markdown: r.markdown(nominal: nominalAssumptions).joined(separator: "\n"))
      for f in self.figures where f.name.hasPrefix("sensitivity") || f.name.hasPrefix("worlds") { figure(f.name) }
    }
    b.append(.heading(level: 2, text: "Methods"))
    b.append(.paragraph(methods))
    b.append(.heading(level: 2, text: "Benchmark sources"))
    b.append(.list(benchmarkSources))
    let rest = self.shownFigures.filter { !shown.contains($0.name) }
    if !rest.isEmpty {
      b.append(.heading(level: 2, text: "Figures"))
      for f in rest { figure(f.name) }
    }
    return b
  }

  /// The file's value of each varied assumption (the nominal world's row of worlds.csv), empty
  /// without uncertainty.
  var nominalAssumptions: [String: Double] {
    guard let u = experiment.uncertainty, let text = try? experiment.worldsCSV(), let records = try? CSV.records(text),
          records.count > 1 else { return [:] }
    let row = records[1].fields  // records[0] is the header
    var out: [String: Double] = [:]
    for (k, p) in u.parameters.enumerated() where k + 1 < row.count { if let v = Double(row[k + 1]) { out[p.key] = v } }
    return out
  }

  /// Each benchmark used, once: its band, source, year, definition and caveat.
  var benchmarkSources: [String] {
    var listed: [String] = []
    var sources: [String] = []
    for s in sections { for bench in s.benchmarks where !listed.contains(bench.benchmark.label) {
      listed.append(bench.benchmark.label)
      let e = bench.benchmark
      sources.append("**\(Report.title(Metric(rawValue: e.metric) ?? .csat))** (\(e.industry)): \(e.label). \(e.source) (\(e.year)). Definition: \(e.definition).\(e.caveat.isEmpty ? "" : " Caveat: \(e.caveat).")")
    } }
    return sources
  }

  func rankingBlocks(_ s: ScenarioSection) -> [ReportBlock] {
    let objective = Report.title(Report.objective)
    let rows = s.ranking.map { r -> [String] in
      guard let c = r.behindBest else { return [String(r.rank), r.strategy, Format.interval(r.objective, Report.objective), "best", "", "", ""] }
      return [String(r.rank), r.strategy, Format.interval(r.objective, Report.objective),
              "\(Format.money(c.meanDifference)) [\(Format.money(c.low)), \(Format.money(c.high))]",
              "[\(Format.money(c.adjustedLow)), \(Format.money(c.adjustedHigh))]",
              Format.pValue(c.adjustedP) + (c.significant ? " (significant)" : ""), r.verdict?.rawValue ?? ""]
    }
    return [
      .heading(level: 3, text: "Ranking by \(objective)"),
      .paragraph("Differences are best − strategy, paired trial by trial (common random numbers); significance after Holm correction over \(s.ranking.count - 1) comparison\(s.ranking.count == 2 ? "" : "s"); the simultaneous interval is Bonferroni-adjusted. Verdict against the materiality margin ±\(marginText) of the best's mean: *equivalent* when two one-sided tests (α = 0.05) put the difference inside it, *worse* when it is significant and a one-sided test puts it beyond the margin, *inconclusive* otherwise."),
      .table(ReportTable(header: ["rank", "strategy", "\(objective) [95% CI]", "behind the best [95% CI]", "simultaneous CI", "Holm p", "verdict (±\(marginText))"],
                         numeric: [true, false, true, true, true, true, false], rows: rows)),
    ]
  }

  /// The benchmark rows of a section: one per benchmark, in first-seen order.
  func benchmarkList(_ s: ScenarioSection) -> [(benchmark: IndustryBenchmark, metric: Metric)] {
    var seen: [String] = []
    var out: [(IndustryBenchmark, Metric)] = []
    for b in s.benchmarks where !seen.contains(b.benchmark.metric + b.benchmark.label) {
      seen.append(b.benchmark.metric + b.benchmark.label)
      if let m = Metric(rawValue: b.benchmark.metric) { out.append((b.benchmark, m)) }
    }
    return out
  }

  func benchmarkRow(_ s: ScenarioSection, _ strategy: String, _ b: IndustryBenchmark) -> BenchmarkRow? {
    s.benchmarks.first { $0.strategy == strategy && $0.benchmark.metric == b.metric && $0.benchmark.label == b.label }
  }

  /// Benchmarks are rows and strategies columns, at most five strategies a table (seven
  /// strategies make two tables), so the table stays readable once rendered.
  func benchmarkBlocks(_ s: ScenarioSection) -> [ReportBlock] {
    let list = benchmarkList(s)
    var b: [ReportBlock] = [
      .heading(level: 3, text: "Against industry benchmarks (\(industry))"),
      .paragraph("A verdict is below, within or above only when the whole 95% interval is; otherwise the interval straddles an end of the band. In brackets, whether that side of the band is the better one for the metric (higher is better for CSAT, FCR, service level and NPS; lower for abandonment, ASA, attrition and cost). The bands and their sources are listed under Benchmark sources."),
    ]
    let names = s.strategies.map(\.name)
    let tables = (names.count + 4) / 5
    let size = (names.count + tables - 1) / max(1, tables)
    for start in stride(from: 0, to: names.count, by: max(1, size)) {
      let chunk = Array(names[start..<min(names.count, start + size)])
      let rows = list.map { bench, m in
        [Report.title(m)] + chunk.map { name in
          benchmarkRow(s, name, bench).map { row in
            let judged = bench.judged(row.verdict)
            return "\(Format.value(row.stat.mean, m)): **\(row.verdict.rawValue)**" + judged.dropFirst(row.verdict.rawValue.count)
          } ?? "n/a"
        }
      }
      b.append(.table(ReportTable(header: ["metric"] + chunk, numeric: [false] + chunk.map { _ in false }, rows: rows)))
    }
    return b
  }

  func win4Blocks(_ s: ScenarioSection) -> [ReportBlock] {
    let sc = experiment.configuration.world.scorecard
    func g(_ x: Double) -> String { String(format: "%g", x) }
    func pct(_ x: Double) -> String { g(100 * x) + "%" }
    let text = "Share of trials in which each party wins (thresholds, `scorecard.*` keys: CSAT ≥ \(pct(sc.customersCSAT)); "
      + "burnout ≤ \(g(sc.employeesBurnout)) and attrition ≤ \(pct(sc.employeesAttrition))/yr; "
      + "customers at end ≥ \(sc.companyGrowth == 1 ? "start" : g(sc.companyGrowth) + " × start"); "
      + "profit margin ≥ \(pct(sc.ownersMarginShare)) of the gross margin, \(pct(sc.ownersMarginShare * experiment.configuration.world.grossMargin))); "
      + "a party wins when it wins in more than half the trials. Cells: share of trials won; mean score."
    let rows = s.win4.map { w in
      [w.strategy] + w.parties.map { "\($0.shareWon > Scorecard.majority ? "wins" : "loses") (\(Format.number(100 * $0.shareWon, 0))%; \(Format.number($0.score, 3)))" }
        + [w.parties.allSatisfy { $0.shareWon > Scorecard.majority } ? "yes" : "no"]
    }
    return [
      .heading(level: 3, text: "Win4 scorecard"),
      .paragraph(text),
      .table(ReportTable(header: ["strategy", "customers", "employees", "company", "owners", "all four"],
                         numeric: [false, false, false, false, false, false], rows: rows)),
    ]
  }

  /// The sweeps, the main result of a sweep run: first in the report.
  func sweepBlocks(figure: (String) -> ReportBlock?) -> [ReportBlock] {
    var b: [ReportBlock] = []
    let objective = Report.title(Report.objective)
    let keys = sweepKeys
    let allLevers = keys.allSatisfy(Report.isLever)
    b.append(.heading(level: 2, text: allLevers ? "Sweeps: \(objective) against the swept lever"
                      : keys.contains(where: Report.isLever) ? "Sweeps: \(objective) against the swept levers and assumptions"
                      : "Sweeps: \(objective) against the swept assumption (a sensitivity, not a choice)"))
    if keys.contains(where: Report.isLever) {
      b.append(.paragraph("The peak's location has a bootstrap 95% interval (1,000 resamples of trials, paired across values). The sweetspot zone is the interval of values around the peak whose \(objective) is shown equivalent to the peak's within ±\(marginText) of it (paired two one-sided tests, α = 0.05, with this run's trials: more trials can show more values equivalent). For a spending lever its cheapest point (lowest mean cost to serve) is the reported sweetspot; for price or perfection pressure, whose cheaper settings cost customers or agents rather than the service budget, the peak is."))
    }
    if !allLevers {
      b.append(.paragraph("A swept key that is an assumption about the world, not a choice of the company, shows how the answer moves with it; no sweetspot is reported for it."))
    }
    if keys.count > 1 {
      b.append(.paragraph("Each swept key is analysed on its own: its values are the x axis, and every combination of the other keys' values (and market) is a series of its own."))
    }
    var shownFigure = false
    for sw in sweeps {
      let lever = Report.isLever(sw.key)
      if !shownFigure && sw.key != keys[0] { b += sweepFigureNames.compactMap(figure); shownFigure = true }
      b.append(.heading(level: 3, text: "\(sw.strategy): \(sw.key) (\(sw.fixed))"))
      let rows = sw.values.enumerated().map { i, x -> [String] in
        let mark = !lever ? "" : x == sw.sweetspot ? "**sweetspot**" : (sw.zone.contains(x) ? "yes" : "")
        return [Format.number(x, 3), Format.interval(sw.objective[i], Report.objective), Format.money(sw.cost[i].mean),
                mark + (x == sw.argmax ? (mark.isEmpty ? "(peak)" : " (peak)") : "")]
      }
      // The key is in the heading; the column is named by its last part, so it stays narrow.
      b.append(.table(ReportTable(header: [String(sw.key.split(separator: ".").last ?? ""), "\(objective) [95% CI]", "cost to serve", lever ? "in zone" : "note"],
                                  numeric: [true, true, true, false], rows: rows)))
      b.append(.paragraph("Peak at \(Format.number(sw.argmax, 3)) (bootstrap 95% interval \(Format.number(sw.argmaxLow, 3))–\(Format.number(sw.argmaxHigh, 3)))"
                          + (lever ? "; sweetspot \(Format.number(sw.sweetspot, 3))." : ".")))
    }
    if !shownFigure { b += sweepFigureNames.compactMap(figure) }
    return b
  }

  /// The sweep figures' names (one per market, or heat maps for two keys).
  var sweepFigureNames: [String] { sweepFigures.map(\.name) }

  /// The swept keys, in the experiment file's order.
  var sweepKeys: [String] {
    var keys: [String] = []
    for sw in sweeps where !keys.contains(sw.key) { keys.append(sw.key) }
    return keys
  }
}
