import Foundation
import SweetspotExperiment
import SweetspotModel
import SweetspotRobustness

/// The report of an industry run (`[industry]`): seed 000's cross-section question answered
/// from the firms of many simulated industries, in the same formats as every report (Markdown
/// with embedded figures, one HTML page, CSV, JSON, LaTeX fragments and a driver, SVG and PDF
/// figures), all from one set of blocks.
public struct IndustryReport: Sendable {
  public let experiment: Experiment
  public let analysis: IndustryAnalysis
  /// Across the sampled worlds of a robustness run over the choice model (nil without one).
  public let robustness: IndustryRobustness?
  public let toolVersion: String

  /// Reads a finished industry run and analyses it.
  public static func build(directory: URL) throws -> IndustryReport { try build(run: FinishedRun(directory)) }

  /// The report of an industry run already read and verified.
  public static func build(run: FinishedRun) throws -> IndustryReport {
    if run.shard != .whole {
      throw ExperimentError(file: run.directory.path, message: "holds one shard; merge the shards first (sweetspot merge)")
    }
    let tables = try IndustryTables(experiment: run.experiment, table: run.table)
    let analysis = try IndustryAnalysis(tables: tables, table: run.table.nominal)
    let robustness = try run.experiment.uncertainty.map { _ in try IndustryRobustness(tables: tables) }
    return IndustryReport(experiment: run.experiment, analysis: analysis, robustness: robustness,
                          toolVersion: run.manifest["version"] as? String ?? "?")
  }

  var firmsPerIndustry: Int { experiment.industry?.firms ?? 0 }

  // MARK: The answer

  /// The seed's strategy in the mix (the just-good-enough controller), if any.
  var seedStrategy: String? { experiment.strategies.first { $0.controller == .sweetspotHunter }?.name }

  /// What the cross-section says, market by market, every number from this run.
  public var answer: String {
    var out: [String] = []
    let c0 = experiment.configuration
    var sizes = ""
    if let i = experiment.industry {
      var parts: [String] = []
      if i.sizeSpread > 0 { parts.append("sizes spread (log-sd \(Format.number(i.sizeSpread, 2)))") }
      if i.switchingSpread > 0 { parts.append("switching costs spread (sd \(Format.number(i.switchingSpread, 2)))") }
      if i.qualitySpread > 0 { parts.append("product quality spread (sd \(Format.number(i.qualitySpread, 2)))") }
      if !parts.isEmpty { sizes = ", with " + parts.joined(separator: ", ") }
    }
    out.append("Each industry has \(firmsPerIndustry) firms sharing \(Format.count(Double(c0.customers) * c0.customerScale)) customers (population.size × population.scale) over \(experiment.industryYears) year\(experiment.industryYears == 1 ? "" : "s")\(sizes), the firms' strategies drawn from \(experiment.strategies.map(\.name).joined(separator: ", ")).")
    for (k, cell) in analysis.cells.enumerated() {
      var s = analysis.cells.count > 1 ? "**\(cell.market)** (\(cell.industries) industries): " : "Over \(cell.industries) industries: "
      s += strategySentence(cell) + " "
      s += IndustryReport.fitSentence(cell.profitFit, what: "Profit per customer-year, adjusted for price, product quality, lock-in and size,")
      // Spend clusters by strategy when levers are not drawn per firm: say whose cluster the peak is.
      if cell.profitFit.peakIsInterior, let near = cell.strategies.min(by: { abs($0.spend.mean - cell.profitFit.peak) < abs($1.spend.mean - cell.profitFit.peak) }),
         abs(near.spend.mean - cell.profitFit.peak) < 1.5 {
        let close = cell.strategies.filter { abs($0.spend.mean - cell.profitFit.peak) < 1.5 }.map(\.strategy)
        let names = close.count <= 2 ? close.joined(separator: " and ") : close.dropLast().joined(separator: ", ") + " and " + close.last!
        s += " That is where \(names)'s firms spend: firms' spend clusters by strategy (each preset sets most levers), so the peak says which strategy earns most per customer-year more than where a continuum of spending peaks ([industry.levers] draws levers per firm for that)."
      }
      if let r = robustness?.cells.first(where: { $0.label == cell.label }) ?? (robustness.map { $0.cells.count == analysis.cells.count ? $0.cells[k] : nil } ?? nil) {
        let n = r.worlds.count
        s += " Across \(n) sampled worlds of its assumptions the fitted peak lies inside the range in \(IndustryRobustness.share(r.worlds.filter(\.interior).count, n)) of them."
      }
      s += " " + listsSentence(cell)
      if cell.exits > 0 { s += " \(cell.exits) of \(cell.firms.count) firms left the market." }
      out.append(s)
    }
    if let r = robustness { out.append(r.statement) }
    if analysis.cells.contains(where: { $0.firmsPerIndustry < IndustryAnalysis.listMinimum }) {
      out.append("With fewer than \(IndustryAnalysis.listMinimum) firms an industry has no meaningful deciles, so no lists are drawn.")
    }
    return out.joined(separator: " ")
  }

  /// The strategies' ranking by mean profit, with the seed's strategy placed.
  func strategySentence(_ c: IndustryAnalysis.Cell) -> String {
    let ranked = c.strategies.sorted { $0.rank < $1.rank }
    guard let best = ranked.first else { return "" }
    func money(_ e: Estimate) -> String { "\(Format.money(e.value)) [\(Format.money(e.low)), \(Format.money(e.high))]" }
    var s = "the most profitable strategy on average is **\(best.strategy)** (mean profit NPV \(money(best.profit)) at \(Format.dollars(best.spend.mean, 2)) of service per customer-year"
    if let second = ranked.dropFirst().first {
      let apart = best.profit.low > second.profit.high
      s += apart ? ", clearly ahead of \(second.strategy)'s \(money(second.profit)))" : ", its interval overlapping \(second.strategy)'s \(money(second.profit)))"
    } else {
      s += ")"
    }
    if let seed = seedStrategy, let row = c.strategies.first(where: { $0.strategy == seed }), row.strategy != best.strategy {
      s += "; \(seed), seed 000's strategy, ranks \(row.rank) of \(c.strategies.count) (\(money(row.profit)), spending \(Format.dollars(row.spend.mean, 2)))"
    }
    return s.prefix(1).uppercased() + s.dropFirst() + "."
  }

  /// "… rises with service spend up to about $X per customer-year and falls beyond it …".
  static func fitSentence(_ f: CrossSectionFit, what: String) -> String {
    guard let first = f.x.first, let last = f.x.last else { return "Too few firms to fit profit against service spend." }
    let range = "the central 95% of firms' spend, \(Format.dollars(first, 0))–\(Format.dollars(last, 0)) per customer-year"
    let rho = "Spearman ρ \(Format.number(f.spearman.value, 2)) [\(Format.number(f.spearman.low, 2)), \(Format.number(f.spearman.high, 2))]"
    if f.peaksAtTheTop {
      return "\(what) rises with service spend across \(range): the firms that spend most earn most (\(rho); the fit peaks at the top end in \(Format.number(100 * f.shareRisingToTheEnd, 0))% of resamples)."
    }
    if f.peaksInside {
      return "\(what) peaks at about **\(Format.dollars(f.peak, 0)) of service per customer-year** inside \(range) (95% interval of the peak \(Format.dollars(f.peakLow, 0))–\(Format.dollars(f.peakHigh, 0)); \(rho))."
    }
    return "\(what) is highest at about \(Format.dollars(f.peak, 0)) of service per customer-year, but where it peaks is uncertain (its 95% interval, \(Format.dollars(f.peakLow, 0))–\(Format.dollars(f.peakHigh, 0)), reaches an end of \(range); \(rho))."
  }

  /// How often the same firm tops the profit list and the worst-service list, under each definition.
  func listsSentence(_ c: IndustryAnalysis.Cell) -> String {
    guard let main = c.lists.first else { return "" }
    let r = main.ratio
    func verdict(_ e: Estimate) -> String { e.low > 1 ? "more often than chance" : e.high < 1 ? "less often than chance" : "no more often than chance" }
    var s = "A firm is on a year's top-profit decile and its worst-CSAT decile together in \(main.onBoth) of \(c.firmYears) firm-years, \(Format.number(r.value, 2))× what independent lists give (95% interval \(Format.number(r.low, 2))–\(Format.number(r.high, 2))): \(verdict(r))"
    s += main.bothByStrategy.isEmpty ? "." : "; those firm-years follow " + main.bothByStrategy.prefix(3).map { "\($0.strategy) (\($0.firmYears))" }.joined(separator: ", ") + "."
    let others = c.lists.dropFirst()
    if !others.isEmpty {
      let above = c.lists.filter { $0.ratio.low > 1 }.count, below = c.lists.filter { $0.ratio.high < 1 }.count
      let lo = c.lists.map(\.ratio.value).min()!, hi = c.lists.map(\.ratio.value).max()!
      s += " The verdict depends on how the lists are drawn: over \(c.lists.count) definitions (profit, profit margin or profit per customer; worst CSAT or most complaints) the ratio runs from \(Format.number(lo, 2)) to \(Format.number(hi, 2)), above chance under \(above) and below it under \(below)"
      let aboveChance = c.lists.filter { $0.ratio.low > 1 }
      s += aboveChance.isEmpty ? "." : ": above it, " + aboveChance.map { l in
        "\(l.profit) with \(l.service) (\(Format.number(l.ratio.value, 2))×; " + l.bothByStrategy.prefix(3).map(\.strategy).joined(separator: ", ") + ")"
      }.joined(separator: "; ") + "." + (aboveChance.contains { $0.service == "complaints" && $0.profit == "profit" } ? " (Complaint counts and profit both grow with a firm's size, so under that definition the largest firms top both lists.)" : "")
    }
    if c.firmsYearAfterYear > 0 { s += " \(c.firmsYearAfterYear) firm\(c.firmsYearAfterYear == 1 ? " is" : "s are") on both default lists two or more years in a row." }
    return s
  }

  // MARK: Blocks

  public var blocks: [ReportBlock] {
    var b: [ReportBlock] = [.heading(level: 1, text: experiment.name)]
    if !experiment.question.isEmpty { b.append(.paragraph("**Question.** \(experiment.question)")) }
    if !experiment.description.isEmpty { b.append(.paragraph(experiment.description)) }
    b.append(.paragraph("**Answer.** \(answer)"))
    b.append(.figure(name: "cross-section", caption: crossSectionCaption))
    b.append(.figure(name: "lists", caption: listsCaption))
    b.append(.heading(level: 2, text: "The cross-section by market"))
    b.append(.table(ReportTable(
      header: ["scenario", "firms", "adjusted profit peaks at ($/customer-yr)", "95% interval", "raw profit peaks at", "Spearman ρ (spend, adjusted profit)", "exits"],
      numeric: [false, true, true, true, true, true, true],
      rows: analysis.cells.map { c in
        let f = c.profitFit, g = c.rawFit
        return [c.label, String(c.firms.count), f.peaksAtTheTop ? "top end" : Format.dollars(f.peak, 0), "\(Format.dollars(f.peakLow, 0))–\(Format.dollars(f.peakHigh, 0))",
                g.peaksAtTheTop ? "top end" : Format.dollars(g.peak, 0), "\(Format.number(f.spearman.value, 2)) [\(Format.number(f.spearman.low, 2)), \(Format.number(f.spearman.high, 2))]",
                String(c.exits)]
      })))
    if analysis.cells.contains(where: { !$0.lists.isEmpty }) {
      b.append(.heading(level: 2, text: "The lists under each definition"))
      b.append(.paragraph("Firm-years on a year's top decile by the profit measure and its bottom decile by the service measure at once, ÷ what independent lists give; 95% intervals resample industries."))
      var rows: [[String]] = []
      for c in analysis.cells {
        for l in c.lists {
          rows.append([c.label, l.profit, l.service, String(l.onBoth), "\(Format.number(l.ratio.value, 2)) [\(Format.number(l.ratio.low, 2)), \(Format.number(l.ratio.high, 2))]",
                       l.bothByStrategy.prefix(3).map { "\($0.strategy) \($0.firmYears)" }.joined(separator: ", ")])
        }
      }
      b.append(.table(ReportTable(header: ["scenario", "most profitable by", "worst service by", "firm-years on both", "÷ chance [95% CI]", "their strategies"],
                                  numeric: [false, false, false, true, true, false], rows: rows)))
    }
    for c in analysis.cells {
      b.append(.heading(level: 2, text: "Strategies (\(c.label))"))
      b.append(.paragraph("Every firm that followed a strategy, in every industry. Profit and customer equity: means with 95% intervals resampling industries; the other columns: means over firms."))
      b.append(.table(ReportTable(
        header: ["rank", "strategy", "firms", "service spend ($/customer-yr)", "profit NPV", "customer equity", "survived"],
        numeric: [true, false, true, true, true, true, true],
        rows: c.strategies.sorted { $0.rank < $1.rank }.map { s in
          [String(s.rank), s.strategy, String(s.firms), Format.dollars(s.spend.mean, 2),
           "\(Format.money(s.profit.value)) [\(Format.money(s.profit.low)), \(Format.money(s.profit.high))]",
           "\(Format.money(s.equity.value)) [\(Format.money(s.equity.low)), \(Format.money(s.equity.high))]", "\(Format.number(100 * s.survival, 0))%"]
        })))
      b.append(.table(ReportTable(
        header: ["strategy", "CSAT", "ACSI-like", "share at end", "on top-profit list", "on worst-CSAT list", "on both"],
        numeric: [false, true, true, true, true, true, true],
        rows: c.strategies.sorted { $0.rank < $1.rank }.map { s in
          [s.strategy, Format.interval(s.csat, .csat), Format.interval(s.acsi, .acsi), "\(Format.number(100 * s.share.mean, 1))%",
           "\(Format.number(100 * s.onTop, 1))%", "\(Format.number(100 * s.onWorst, 1))%", "\(Format.number(100 * s.onBoth, 1))%"]
        })))
      if !c.years.isEmpty {
        b.append(.heading(level: 3, text: "The default lists, year by year"))
        b.append(.table(ReportTable(
          header: ["year", "firms on both lists per industry", "independent lists would give"], numeric: [true, true, true],
          rows: c.years.map { y in [String(y.year), "\(Format.number(y.observed.value, 2)) [\(Format.number(y.observed.low, 2)), \(Format.number(y.observed.high, 2))]", Format.number(y.expected, 2)] })))
      }
    }
    if let r = robustness { b += r.blocks }
    b.append(.heading(level: 2, text: "Methods"))
    b.append(.paragraph(methods))
    return b
  }

  var crossSectionCaption: String {
    "Each firm's profit NPV per customer-year it served, adjusted for price, product quality, lock-in and starting size (least squares across the scenario's firms), against its service spend per customer-year; one panel per scenario, markers by strategy (hollow: the firm left the market). Line: local linear fit (tricube weights, half the firms in each window); band: its 95% bootstrap band, resampling whole industries; dashed: the fit's peak when it lies inside the range."
  }

  var listsCaption: String {
    "Who the lists hold: for each strategy, the share of its firm-years on the top-profit decile, on the worst-CSAT decile, and on both at once; one panel per scenario."
  }

  var methods: String {
    let c = experiment.configuration
    var s = "Sweetspot \(toolVersion) simulated \(experiment.trials) independent industries in each of \(analysis.cells.count) scenario\(analysis.cells.count == 1 ? "" : "s"). Each industry draws \(firmsPerIndustry) firms from the strategy mix"
    if let setup = experiment.industry {
      s += " (weights \(zip(experiment.strategies, setup.weights).map { "\($0.name) \(Format.number($1, 3))" }.joined(separator: ", "))"
      if !setup.leverDraws.isEmpty { s += "; levers drawn per firm: " + setup.leverDraws.map { "\($0.lever) \($0.description)" }.joined(separator: ", ") }
      s += "; product quality, starting size and switching cost vary across firms with spreads \(Format.number(setup.qualitySpread, 3)), \(Format.number(setup.sizeSpread, 3)) (log-sd) and \(Format.number(setup.switchingSpread, 3)))"
      s += setup.outsideOption ? "; shoppers may buy from no firm" : "; every newcomer joins a firm"
      s += setup.exitBelow > 0 ? "; a firm below \(Format.number(100 * setup.exitBelow, 0))% of its starting customers at a year's end leaves the market." : "; a firm leaves only when it has no customer."
    }
    s += " The firms share \(c.customers) simulated customers (each standing for \(Format.number(c.customerScale)) real ones) for \(c.weeks) weeks; each firm runs the service model of a single-firm trial on streams of its own, and newcomers and customers who leave a firm choose among the firms by a multinomial logit on price and reputation (its customers' mean attitude and its word of mouth, as running means; docs/MODEL.md, \"Industries\")."
    s += " A year's lists take the top and bottom deciles (⌈n/10⌉ firms, n ≥ \(IndustryAnalysis.listMinimum)) of the firms active at its start: by profit (also by profit margin and by profit per customer-year) and by the CSAT of the year's service contacts (also by complaint count). The fit is a local linear regression (tricube weights, span ½) of profit NPV per customer-year served, adjusted by least squares for price, product quality, switching cost and the log of starting size, on service spend per customer-year over the central 95% of firms' spend; the fit's band, the peak's interval, Spearman's ρ, the lists' ratios to chance and the strategies' mean profits resample whole industries (200 resamples)."
    return s
  }

  // MARK: Formats

  public var markdown: String { Report.markdown(blocks) }

  public var html: String {
    let figures = Dictionary(uniqueKeysWithValues: self.figures.map { ($0.name, $0) })
    return HTMLPage.page(title: "\(experiment.name): Sweetspot report", body: HTMLPage.render(blocks, figures: figures))
  }

  /// report.csv: one row per scenario, strategy (or list definition) and statistic, tidy.
  public var csv: String {
    var rows: [[String]] = []
    func add(_ c: IndustryAnalysis.Cell, _ subject: String, _ metric: String, _ n: Int, _ v: Double, _ lo: Double = .nan, _ hi: Double = .nan) {
      rows.append([String(c.scenario), c.label, subject, metric, String(n), csvNumber(v), csvNumber(lo), csvNumber(hi)])
    }
    for c in analysis.cells {
      for s in c.strategies {
        add(c, s.strategy, "rank_by_profit_npv", s.firms, Double(s.rank))
        add(c, s.strategy, "profit_npv", s.firms, s.profit.value, s.profit.low, s.profit.high)
        add(c, s.strategy, "customer_equity", s.firms, s.equity.value, s.equity.low, s.equity.high)
        for (metric, st) in [("service_spend_per_customer", s.spend), ("csat", s.csat), ("acsi", s.acsi), ("market_share_end", s.share)] {
          add(c, s.strategy, metric, s.firms, st.mean, st.ciLow, st.ciHigh)
        }
        add(c, s.strategy, "survival", s.firms, s.survival)
        add(c, s.strategy, "share_of_firm_years_on_top_profit_list", s.firms, s.onTop)
        add(c, s.strategy, "share_of_firm_years_on_worst_service_list", s.firms, s.onWorst)
        add(c, s.strategy, "share_of_firm_years_on_both_lists", s.firms, s.onBoth)
      }
      for (name, f) in [("adjusted_profit_per_customer_year", c.profitFit), ("profit_npv", c.rawFit)] {
        add(c, name, "peak_spend", c.firms.count, f.peak, f.peakLow, f.peakHigh)
        add(c, name, "spearman_with_spend", c.firms.count, f.spearman.value, f.spearman.low, f.spearman.high)
        add(c, name, "share_of_fits_peaking_at_the_top", c.firms.count, f.shareRisingToTheEnd)
      }
      for l in c.lists { add(c, "\(l.profit) × \(l.service)", "both_lists_ratio_to_chance", c.firmYears, l.ratio.value, l.ratio.low, l.ratio.high) }
    }
    return CSV.table(header: ["scenario", "scenario_label", "subject", "metric", "n", "value", "ci95_low", "ci95_high"], rows: rows)
  }

  public var json: String {
    func est(_ e: Estimate) -> JSONValue { .object([("value", .number(e.value)), ("ci95", .array([.number(e.low), .number(e.high)]))]) }
    func stat(_ s: SummaryStatistic) -> JSONValue { .object([("n", .integer(s.n)), ("mean", .number(s.mean)), ("ci95", .array([.number(s.ciLow), .number(s.ciHigh)]))]) }
    func fit(_ f: CrossSectionFit) -> JSONValue {
      .object([("spend", .array(f.x.map { .number($0) })), ("fit", .array(f.fit.map { .number($0) })),
               ("low", .array(f.low.map { .number($0) })), ("high", .array(f.high.map { .number($0) })),
               ("peak", est(Estimate(value: f.peak, low: f.peakLow, high: f.peakHigh))), ("peaks_inside", .bool(f.peaksInside)),
               ("share_peaking_at_the_top", .number(f.shareRisingToTheEnd)), ("spearman", est(f.spearman))])
    }
    let cells: [JSONValue] = analysis.cells.map { c in
      .object([
        ("scenario", .integer(c.scenario)), ("label", .string(c.label)), ("market", .string(c.market)), ("industries", .integer(c.industries)),
        ("firms", .integer(c.firms.count)), ("adjusted_profit_fit", fit(c.profitFit)), ("profit_fit", fit(c.rawFit)),
        ("lists", .array(c.lists.map { l in
          .object([("most_profitable_by", .string(l.profit)), ("worst_service_by", .string(l.service)), ("on_both", .integer(l.onBoth)),
                   ("ratio_to_chance", est(l.ratio)), ("by_strategy", .object(l.bothByStrategy.map { ($0.strategy, .integer($0.firmYears)) }))])
        })),
        ("firm_years", .integer(c.firmYears)), ("firms_two_or_more_years", .integer(c.firmsRepeatedly)),
        ("firms_two_years_in_a_row", .integer(c.firmsYearAfterYear)),
        ("strategies", .array(c.strategies.map { s in
          .object([("strategy", .string(s.strategy)), ("rank", .integer(s.rank)), ("firms", .integer(s.firms)), ("profit_npv", est(s.profit)),
                   ("customer_equity", est(s.equity)), ("service_spend_per_customer", stat(s.spend)), ("csat", stat(s.csat)), ("acsi", stat(s.acsi)),
                   ("market_share_end", stat(s.share)), ("survival", .number(s.survival)), ("on_top_profit_list", .number(s.onTop)),
                   ("on_worst_service_list", .number(s.onWorst)), ("on_both", .number(s.onBoth))])
        })),
        ("exits", .integer(c.exits)),
      ])
    }
    return JSONValue.object([("experiment", .string(experiment.name)), ("question", .string(experiment.question)), ("answer", .string(answer)),
                             ("cells", .array(cells))] + (robustness.map { [("robustness", $0.jsonValue)] } ?? [])).rendered() + "\n"
  }

  /// report.tex (a driver that compiles alone) and one fragment per table and figure in tex/.
  public func latexFiles(figureFiles: Set<String>) -> [Report.LaTeXFile] {
    LaTeXBlocks.files(title: experiment.name, toolVersion: toolVersion, blocks: blocks, figures: figures, figureFiles: figureFiles)
  }

  /// The whole report as one LaTeX document, fragments inlined (`report --format latex`).
  public func latexDocument(figureFiles: Set<String>) -> String {
    LaTeXBlocks.document(latexFiles(figureFiles: figureFiles))
  }

  public var extraDocuments: [(String, String)] { [] }
}
