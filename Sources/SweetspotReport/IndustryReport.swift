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

  /// What the cross-section says, market by market, every number from this run.
  public var answer: String {
    var out: [String] = []
    let c0 = experiment.configuration
    out.append("Each industry has \(firmsPerIndustry) firms sharing \(Format.count(Double(c0.customers) * c0.customerScale)) customers (population.size × population.scale) over \(experiment.industryYears) year\(experiment.industryYears == 1 ? "" : "s"), the firms' strategies drawn from \(experiment.strategies.map(\.name).joined(separator: ", ")).")
    for cell in analysis.cells {
      var s = analysis.cells.count > 1 ? "In \(cell.label) (\(cell.industries) industries): " : "Over \(cell.industries) industries: "
      s += IndustryReport.fitSentence(cell.profitFit, what: "profit NPV")
      s += " " + listsSentence(cell)
      if let best = cell.strategies.max(by: { $0.profit.mean < $1.profit.mean }), let worst = cell.strategies.min(by: { $0.profit.mean < $1.profit.mean }) {
        s += " The most profitable strategy on average is **\(best.strategy)** (mean profit NPV \(Format.money(best.profit.mean)) at \(Format.dollars(best.spend.mean, 2)) of service per customer-year, ACSI-like \(Format.number(best.acsi.mean, 1))); the least, \(worst.strategy) (\(Format.money(worst.profit.mean)))."
      }
      if cell.exits > 0 { s += " \(cell.exits) of \(cell.firms.count) firms lost every customer and left the market." }
      out.append(s)
    }
    if let r = robustness { out.append(r.statement) }
    return out.joined(separator: " ")
  }

  /// "Profit rises with service spend up to about $X per customer-year and falls beyond it …".
  static func fitSentence(_ f: CrossSectionFit, what: String) -> String {
    guard let first = f.x.first, let last = f.x.last else { return "too few firms to fit \(what) against service spend." }
    let range = "\(Format.dollars(first, 0))–\(Format.dollars(last, 0)) per customer-year"
    let rho = "Spearman ρ \(Format.number(f.spearman.value, 2)) [\(Format.number(f.spearman.low, 2)), \(Format.number(f.spearman.high, 2))]"
    if f.shareRisingToTheEnd >= 0.5 {
      return "\(what.capitalizedFirst) rises with service spend across the whole observed range (\(range)): the firms that spend most earn most here (the fit peaks at the top end in \(Format.number(100 * f.shareRisingToTheEnd, 0))% of bootstrap resamples; \(rho))."
    }
    if f.peakLow > first && f.peakHigh < last {
      return "\(what.capitalizedFirst) rises with service spend up to about **\(Format.dollars(f.peak, 0)) per customer-year** and falls beyond it: the cross-section has a sweetspot inside the observed range (\(range); peak's 95% bootstrap interval \(Format.dollars(f.peakLow, 0))–\(Format.dollars(f.peakHigh, 0)); \(rho))."
    }
    return "\(what.capitalizedFirst) is highest at about \(Format.dollars(f.peak, 0)) per customer-year of service, but where it peaks is uncertain (95% bootstrap interval \(Format.dollars(f.peakLow, 0))–\(Format.dollars(f.peakHigh, 0)) reaches an end of the observed \(range); \(rho))."
  }

  /// How often the same firm tops the profit list and the worst-service list.
  func listsSentence(_ c: IndustryAnalysis.Cell) -> String {
    let r = c.overlapRatio
    let verdict = r.low > 1 ? "more often than independent lists would put them there" : r.high < 1 ? "less often than independent lists would" : "no more often than independent lists would"
    var s = "A firm is on a year's top-profit decile and its worst-service decile together in \(c.firmYearsOnBoth) of \(c.firmYears) firm-years, \(Format.number(r.value, 2))× what independent lists give (95% interval \(Format.number(r.low, 2))–\(Format.number(r.high, 2))): \(verdict)."
    if c.firmsYearAfterYear > 0 {
      s += " \(c.firmsYearAfterYear) firm\(c.firmsYearAfterYear == 1 ? " is" : "s are") on both lists two or more years in a row"
      s += c.bothByStrategy.isEmpty ? "." : "; the firm-years on both lists follow " + c.bothByStrategy.prefix(3).map { "\($0.strategy) (\($0.firmYears))" }.joined(separator: ", ") + "."
    } else if !c.bothByStrategy.isEmpty {
      s += " No firm is on both lists two years in a row; the firm-years on both follow " + c.bothByStrategy.prefix(3).map { "\($0.strategy) (\($0.firmYears))" }.joined(separator: ", ") + "."
    }
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
      header: ["scenario", "firms", "profit peaks at ($/customer-yr)", "95% interval", "rises to the end", "Spearman ρ (spend, profit)", "both lists ÷ chance", "firms on both ≥ 2 yrs in a row", "exits"],
      numeric: [false, true, true, true, true, true, true, true, true],
      rows: analysis.cells.map { c in
        let f = c.profitFit
        return [c.label, String(c.firms.count), Format.dollars(f.peak, 0), "\(Format.dollars(f.peakLow, 0))–\(Format.dollars(f.peakHigh, 0))",
                "\(Format.number(100 * f.shareRisingToTheEnd, 0))%", "\(Format.number(f.spearman.value, 2)) [\(Format.number(f.spearman.low, 2)), \(Format.number(f.spearman.high, 2))]",
                "\(Format.number(c.overlapRatio.value, 2)) [\(Format.number(c.overlapRatio.low, 2)), \(Format.number(c.overlapRatio.high, 2))]",
                String(c.firmsYearAfterYear), String(c.exits)]
      })))
    b.append(.paragraph("Return on service spend (profit NPV ÷ cost to serve) against service spend, Spearman's ρ: " + analysis.cells.map { c in
      let r = c.returnFit.spearman
      return (analysis.cells.count > 1 ? "\(c.market) " : "") + "\(Format.number(r.value, 2)) [\(Format.number(r.low, 2)), \(Format.number(r.high, 2))]"
    }.joined(separator: ", ") + " (each dollar of service returns less the more a firm spends, as any ratio to spend must; the profit fit above says where the total peaks)."))
    for c in analysis.cells {
      b.append(.heading(level: 2, text: "Strategies (\(c.label))"))
      b.append(.paragraph("Every firm that followed a strategy, in every industry: means with 95% intervals across those firms."))
      b.append(.table(ReportTable(
        header: ["strategy", "firms", "service spend ($/customer-yr)", "profit NPV", "customer equity", "CSAT", "ACSI-like", "share at end", "survived", "firm-years on both lists"],
        numeric: [false] + Array(repeating: true, count: 9),
        rows: c.strategies.map { s in
          [s.strategy, String(s.firms), "\(Format.dollars(s.spend.mean, 2)) [\(Format.dollars(s.spend.ciLow, 2)), \(Format.dollars(s.spend.ciHigh, 2))]",
           Format.interval(s.profit, .profitNPV), Format.interval(s.equity, .customerEquity), Format.interval(s.csat, .csat), Format.interval(s.acsi, .acsi),
           "\(Format.number(100 * s.share.mean, 1))% [\(Format.number(100 * s.share.ciLow, 1))%, \(Format.number(100 * s.share.ciHigh, 1))%]",
           "\(Format.number(100 * s.survival, 0))%", "\(Format.number(100 * s.bothLists, 1))%"]
        })))
      b.append(.heading(level: 3, text: "The lists, year by year"))
      b.append(.table(ReportTable(
        header: ["year", "firms on both lists per industry", "independent lists would give"], numeric: [true, true, true],
        rows: c.years.map { y in [String(y.year), "\(Format.number(y.observed.mean, 2)) [\(Format.number(y.observed.ciLow, 2)), \(Format.number(y.observed.ciHigh, 2))]", Format.number(y.expected, 2)] })))
    }
    if let r = robustness { b += r.blocks }
    b.append(.heading(level: 2, text: "Methods"))
    b.append(.paragraph(methods))
    return b
  }

  var crossSectionCaption: String {
    "Profit NPV of every firm against its service spend per customer-year, one panel per scenario; markers by strategy. Line: local linear fit (tricube weights, half the firms in each window); band: its 95% bootstrap band, resampling whole industries; dashed: where the fit peaks."
  }

  var listsCaption: String {
    "Firms on a year's top-profit decile and worst-service decile at once, per industry: means with 95% intervals over industries (markers) against what independent lists would give (dashed), one panel per scenario."
  }

  var methods: String {
    let c = experiment.configuration
    var s = "Sweetspot \(toolVersion) simulated \(experiment.trials) independent industries in each of \(analysis.cells.count) scenario\(analysis.cells.count == 1 ? "" : "s"). Each industry draws \(firmsPerIndustry) firms from the strategy mix"
    if let setup = experiment.industry {
      s += " (weights \(zip(experiment.strategies, setup.weights).map { "\($0.name) \(Format.number($1, 3))" }.joined(separator: ", "))"
      if !setup.leverDraws.isEmpty { s += "; levers drawn per firm: " + setup.leverDraws.map { "\($0.lever) \($0.description)" }.joined(separator: ", ") }
      s += "; product quality varies across firms with standard deviation \(Format.number(setup.qualitySpread, 3)))"
      s += setup.outsideOption ? "; shoppers may buy from no firm." : "; every newcomer joins a firm."
    }
    s += " The firms share \(c.customers) simulated customers (each standing for \(Format.number(c.customerScale)) real ones) for \(c.weeks) weeks; each firm runs the service model of a single-firm trial on streams of its own, and newcomers and customers who leave a firm choose among the firms by a multinomial logit on price and reputation (its customers' mean attitude and its word of mouth, as running means; docs/MODEL.md, \"Industries\")."
    s += " A year's lists take the top and bottom deciles (⌈n/10⌉ firms) of the firms active at its start, by profit and by the CSAT of the year's service contacts (what worst-customer-service lists survey; overall satisfaction, ACSI-like, can be held up by a strong product). The fit of profit on spend is a local linear regression (tricube weights, span ½) with a bootstrap over industries (200 resamples), which also gives the peak's interval and Spearman's ρ; the lists' ratio to chance is Σ firms on both ÷ Σ n_top·n_worst/n over industries and years, with the same bootstrap."
    return s
  }

  // MARK: Formats

  public var markdown: String { Report.markdown(blocks) }

  public var html: String {
    let figures = Dictionary(uniqueKeysWithValues: self.figures.map { ($0.name, $0) })
    return HTMLPage.page(title: "\(experiment.name): Sweetspot report", body: HTMLPage.render(blocks, figures: figures))
  }

  /// report.csv: one row per scenario and strategy of the mix, tidy.
  public var csv: String {
    var rows: [[String]] = []
    for c in analysis.cells {
      for s in c.strategies {
        for (metric, st) in [("service_spend_per_customer", s.spend), ("profit_npv", s.profit), ("customer_equity", s.equity), ("csat", s.csat),
                             ("acsi", s.acsi), ("market_share_end", s.share)] {
          rows.append([String(c.scenario), c.label, s.strategy, metric, String(s.firms), csvNumber(st.mean), csvNumber(st.ciLow), csvNumber(st.ciHigh)])
        }
        rows.append([String(c.scenario), c.label, s.strategy, "survival", String(s.firms), csvNumber(s.survival), "", ""])
        rows.append([String(c.scenario), c.label, s.strategy, "share_of_firm_years_on_both_lists", String(s.firms), csvNumber(s.bothLists), "", ""])
      }
      let f = c.profitFit
      for (metric, v, lo, hi) in [("profit_peak_spend", f.peak, f.peakLow, f.peakHigh), ("spearman_spend_profit", f.spearman.value, f.spearman.low, f.spearman.high),
                                  ("share_of_fits_rising_to_the_end", f.shareRisingToTheEnd, Double.nan, Double.nan),
                                  ("both_lists_ratio_to_chance", c.overlapRatio.value, c.overlapRatio.low, c.overlapRatio.high)] {
        rows.append([String(c.scenario), c.label, "", metric, String(c.firms.count), csvNumber(v), csvNumber(lo), csvNumber(hi)])
      }
    }
    return CSV.table(header: ["scenario", "scenario_label", "strategy", "metric", "n", "value", "ci95_low", "ci95_high"], rows: rows)
  }

  public var json: String {
    func est(_ e: Estimate) -> JSONValue { .object([("value", .number(e.value)), ("ci95", .array([.number(e.low), .number(e.high)]))]) }
    func stat(_ s: SummaryStatistic) -> JSONValue { .object([("n", .integer(s.n)), ("mean", .number(s.mean)), ("ci95", .array([.number(s.ciLow), .number(s.ciHigh)]))]) }
    let cells: [JSONValue] = analysis.cells.map { c in
      let f = c.profitFit
      return .object([
        ("scenario", .integer(c.scenario)), ("label", .string(c.label)), ("market", .string(c.market)), ("industries", .integer(c.industries)),
        ("firms", .integer(c.firms.count)),
        ("profit_fit", .object([("spend", .array(f.x.map { .number($0) })), ("profit", .array(f.fit.map { .number($0) })),
                                ("low", .array(f.low.map { .number($0) })), ("high", .array(f.high.map { .number($0) })),
                                ("peak", est(Estimate(value: f.peak, low: f.peakLow, high: f.peakHigh))),
                                ("share_rising_to_the_end", .number(f.shareRisingToTheEnd)), ("spearman", est(f.spearman))])),
        ("both_lists", .object([("firm_years", .integer(c.firmYears)), ("on_both", .integer(c.firmYearsOnBoth)), ("ratio_to_chance", est(c.overlapRatio)),
                                ("firms_two_or_more_years", .integer(c.firmsRepeatedly)), ("firms_two_years_in_a_row", .integer(c.firmsYearAfterYear)),
                                ("by_strategy", .object(c.bothByStrategy.map { ($0.strategy, .integer($0.firmYears)) }))])),
        ("strategies", .array(c.strategies.map { s in
          .object([("strategy", .string(s.strategy)), ("firms", .integer(s.firms)), ("service_spend_per_customer", stat(s.spend)), ("profit_npv", stat(s.profit)),
                   ("customer_equity", stat(s.equity)), ("csat", stat(s.csat)), ("acsi", stat(s.acsi)), ("market_share_end", stat(s.share)),
                   ("survival", .number(s.survival)), ("share_of_firm_years_on_both_lists", .number(s.bothLists))])
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
