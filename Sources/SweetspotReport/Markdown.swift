import SweetspotModel

extension Report {
  /// The report as Markdown, ready to paste into research notes.
  public var markdown: String {
    var md: [String] = []
    md.append("# \(experiment.name)")
    md.append("")
    if !experiment.question.isEmpty { md.append("**Question.** \(experiment.question)"); md.append("") }
    if !experiment.description.isEmpty { md.append(experiment.description); md.append("") }
    md.append("**Answer.** \(answer)")
    md.append("")
    for s in sections {
      md.append("## \(sections.count > 1 ? s.label : "Strategies (\(s.label))")")
      md.append("")
      md.append("Means with 95% confidence intervals over \(experiment.trials) trials.")
      md.append("")
      let cols = Report.headline
      md.append("| strategy | " + cols.map { Report.title($0) }.joined(separator: " | ") + " |")
      md.append("|---|" + cols.map { _ in "---:" }.joined(separator: "|") + "|")
      for row in s.strategies {
        md.append("| \(row.name) | " + cols.map { m in
          let st = row.stat(m)
          return "\(Format.value(st.mean, m)) [\(Format.value(st.ciLow, m)), \(Format.value(st.ciHigh, m))]"
        }.joined(separator: " | ") + " |")
      }
      md.append("")
      md.append("### Ranking by \(Report.title(Report.objective))")
      md.append("")
      md.append("Differences are best − strategy, paired trial by trial (common random numbers); significance after Holm correction over \(max(0, s.ranking.count - 1)) comparisons; the simultaneous interval is Bonferroni-adjusted. Verdict against the materiality margin ±\(marginText) of the best's mean: *equivalent* when two one-sided tests (α = 0.05) put the difference inside it, *worse* when it is significant and a one-sided test puts it beyond the margin, *inconclusive* otherwise.")
      md.append("")
      md.append("| rank | strategy | \(Report.title(Report.objective)) [95% CI] | behind the best [95% CI] | simultaneous CI | Holm p | significant | verdict (±\(marginText)) |")
      md.append("|---:|---|---:|---:|---:|---:|---|---|")
      for r in s.ranking {
        if let c = r.behindBest {
          md.append("| \(r.rank) | \(r.strategy) | \(Format.interval(r.objective, Report.objective)) | \(Format.money(c.meanDifference)) [\(Format.money(c.low)), \(Format.money(c.high))] | [\(Format.money(c.adjustedLow)), \(Format.money(c.adjustedHigh))] | \(Format.pValue(c.adjustedP)) | \(c.significant ? "yes" : "no") | \(r.verdict?.rawValue ?? "") |")
        } else {
          md.append("| \(r.rank) | \(r.strategy) | \(Format.interval(r.objective, Report.objective)) | best | | | | |")
        }
      }
      md.append("")
      md.append("### Against industry benchmarks (\(industry))")
      md.append("")
      md.append("A verdict is below, within or above only when the whole 95% interval is; otherwise the interval straddles an end of the band.")
      md.append("")
      md.append("| metric | benchmark | " + s.strategies.map(\.name).joined(separator: " | ") + " |")
      md.append("|---|---|" + s.strategies.map { _ in "---" }.joined(separator: "|") + "|")
      var seen: [String] = []
      for b in s.benchmarks where !seen.contains(b.benchmark.metric + b.benchmark.label) {
        seen.append(b.benchmark.metric + b.benchmark.label)
        guard let m = Metric(rawValue: b.benchmark.metric) else { continue }
        let cells = s.strategies.map { row -> String in
          guard let r = s.benchmarks.first(where: { $0.strategy == row.name && $0.benchmark.metric == b.benchmark.metric && $0.benchmark.label == b.benchmark.label }) else { return "n/a" }
          return "\(Format.value(r.stat.mean, m)): **\(r.verdict.rawValue)**"
        }
        md.append("| \(Report.title(m)) | \(b.benchmark.label) | " + cells.joined(separator: " | ") + " |")
      }
      md.append("")
      md.append("### Win4 scorecard")
      md.append("")
      let sc = experiment.configuration.world.scorecard
      func g(_ x: Double) -> String { String(format: "%g", x) }
      func pct(_ x: Double) -> String { g(100 * x) + "%" }
      md.append("Share of trials in which each party wins (thresholds, `scorecard.*` keys: CSAT ≥ \(pct(sc.customersCSAT)); "
                + "burnout ≤ \(g(sc.employeesBurnout)) and attrition ≤ \(pct(sc.employeesAttrition))/yr; "
                + "customers at end ≥ \(sc.companyGrowth == 1 ? "start" : g(sc.companyGrowth) + " × start"); "
                + "profit margin ≥ \(pct(sc.ownersMarginShare)) of the gross margin, \(pct(sc.ownersMarginShare * experiment.configuration.world.grossMargin))); "
                + "a party wins when it wins in more than half the trials. Cells: share of trials won; mean score.")
      md.append("")
      md.append("| strategy | customers | employees | company | owners | all four |")
      md.append("|---|---|---|---|---|---|")
      for w in s.win4 {
        let cells = w.parties.map { "\($0.shareWon > Scorecard.majority ? "wins" : "loses") (\(Format.number(100 * $0.shareWon, 0))%; \(Format.number($0.score, 3)))" }
        md.append("| \(w.strategy) | " + cells.joined(separator: " | ") + " | \(w.parties.allSatisfy { $0.shareWon > Scorecard.majority } ? "yes" : "no") |")
      }
      md.append("")
    }
    if !sweeps.isEmpty {
      let lever = experiment.sweeps.first?.key.hasPrefix("strategy.") ?? true
      md.append(lever ? "## Sweeps: \(Report.title(Report.objective)) against the swept lever"
                : "## Sweeps: \(Report.title(Report.objective)) against the swept assumption (a sensitivity, not a choice)")
      md.append("")
      md.append(lever ? "The peak's location has a bootstrap 95% interval (1,000 resamples of trials, paired across values). The sweetspot zone holds the values whose \(Report.title(Report.objective)) is equivalent to the peak's within ±\(marginText) of it (paired two one-sided tests, α = 0.05); its cheapest point (lowest mean cost to serve) is the reported sweetspot."
                : "The swept key is an assumption about the world, not a choice of the company: the table shows how the answer moves with it; no sweetspot is reported.")
      md.append("")
      for sw in sweeps {
        md.append("### \(sw.strategy): \(sw.key) (\(sw.fixed))")
        md.append("")
        md.append("| \(sw.key) | \(Report.title(Report.objective)) [95% CI] | cost to serve | in zone |")
        md.append("|---:|---:|---:|---|")
        for (i, x) in sw.values.enumerated() {
          let mark = !lever ? "" : x == sw.sweetspot ? "**sweetspot**" : (sw.zone.contains(x) ? "yes" : "")
          md.append("| \(Format.number(x, 3)) | \(Format.interval(sw.objective[i], Report.objective)) | \(Format.money(sw.cost[i].mean)) | \(mark)\(x == sw.argmax ? " (peak)" : "") |")
        }
        md.append("")
        md.append("Peak at \(Format.number(sw.argmax, 3)) (bootstrap 95% interval \(Format.number(sw.argmaxLow, 3))–\(Format.number(sw.argmaxHigh, 3)))" + (lever ? "; sweetspot \(Format.number(sw.sweetspot, 3))." : "."))
        md.append("")
      }
    }
    if let r = robustness { md += r.markdown; md.append("") }
    md.append("## Methods")
    md.append("")
    md.append(methods)
    md.append("")
    md.append("## Benchmark sources")
    md.append("")
    var listed: [String] = []
    for s in sections { for b in s.benchmarks where !listed.contains(b.benchmark.label) {
      listed.append(b.benchmark.label)
      md.append("- **\(Report.title(Metric(rawValue: b.benchmark.metric) ?? .csat))** (\(b.benchmark.industry)): \(b.benchmark.label). \(b.benchmark.source) (\(b.benchmark.year)). Definition: \(b.benchmark.definition).\(b.benchmark.caveat.isEmpty ? "" : " Caveat: \(b.benchmark.caveat).")")
    } }
    md.append("")
    md.append("## Figures")
    md.append("")
    for f in figures { md.append("![\(f.caption)](figures/\(f.name).svg)"); md.append("") }
    md.append("Each figure is also in `figures/` as PDF, for LaTeX.")
    return md.joined(separator: "\n") + "\n"
  }

  /// The methods paragraph.
  public var methods: String {
    let c = experiment.configuration
    var s = "Sweetspot \(toolVersion) simulated \(experiment.trials) independent trials of each strategy in each of \(sections.count) scenario\(sections.count == 1 ? "" : "s") (\(experiment.markets.map(\.name).joined(separator: ", ")) market\(experiment.markets.count == 1 ? "" : "s")"
    s += experiment.sweeps.isEmpty ? ")" : "; sweeping \(experiment.sweeps.map { "\($0.key) over \($0.values.map { Format.number($0, 3) }.joined(separator: ", "))" }.joined(separator: " and ")))"
    s += ". Each trial follows \(c.customers) simulated customers (each standing for \(Format.number(c.customerScale)) real ones) for \(c.weeks) weeks, with the contact centre evaluated by \(c.queueMode == .erlangA ? "Erlang A per hourly interval" : "discrete-event simulation per hourly interval")."
    s += " Random numbers come from L'Ecuyer's MRG32k3a, one stream per source of randomness, positioned by jump-ahead from the seed \(experiment.seed) and the trial index; all strategies in a trial share them (common random numbers)"
    s += commonRandomNumbers.map { "; in this run \($0)." } ?? "."
    s += " Intervals are Student-t 95% intervals over trials; strategy differences are paired by trial, with Holm's correction for multiple comparisons. Benchmarks: \(benchmarksFile) (version \(benchmarksVersion)), industry \(industry). The model and its sources: docs/MODEL.md."
    return s
  }
}
