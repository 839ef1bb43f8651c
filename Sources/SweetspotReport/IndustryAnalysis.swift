import SweetspotExperiment
import SweetspotModel
import SweetspotNumerics
import SweetspotRobustness

/// What an industry run says about seed 000's cross-section claim, per scenario (a market and a
/// point of the sweep grid): how profit varies with service investment across firms (a smooth fit
/// with its band and where it peaks), how often the same firm is on a year's "most profitable"
/// and "worst service" lists at once (against what independent lists would give) and for how
/// many years in a row, and how each strategy of the mix fared. Every number comes from the run.
public struct IndustryAnalysis: Sendable {
  /// One firm of one industry: where it sits in the cross-section.
  public struct FirmPoint: Sendable {
    public let trial: Int
    public let strategy: Int
    /// Service spend per customer-year over the horizon (dollars).
    public let spend: Double
    public let profit: Double
    public let equity: Double
    /// Profit NPV ÷ cost to serve.
    public let returnOnSpend: Double
    public let survived: Bool
    public let share: Double
    public let yearsOnBoth: Int
    public let longestRunOnBoth: Int
  }
  /// A strategy of the mix across every firm that followed it.
  public struct StrategyRow: Sendable {
    public let strategy: String
    public let firms: Int
    public let spend, profit, equity, csat, acsi, share: SummaryStatistic
    public let survival: Double
    /// Share of its firm-years on both lists.
    public let bothLists: Double
  }
  /// One year of the lists: firms on both per industry, and what independent lists would give.
  public struct YearLists: Sendable {
    public let year: Int
    public let observed: SummaryStatistic
    public let expected: Double
  }
  public struct Cell: Sendable {
    public let scenario: Int
    public let label: String
    public let market: String
    public let industries: Int
    public let firms: [FirmPoint]
    /// Profit NPV and the return on service spend against service spend per customer-year.
    public let profitFit: CrossSectionFit
    public let returnFit: CrossSectionFit
    /// Firm-years on both lists ÷ what independent lists would give, with a 95% bootstrap
    /// interval over industries (1: no more often than chance).
    public let overlapRatio: Estimate
    public let firmYears: Int, firmYearsOnBoth: Int
    /// Firms on both lists in two or more years, and in two or more consecutive years.
    public let firmsRepeatedly: Int, firmsYearAfterYear: Int
    /// The strategies of the firm-years on both lists.
    public let bothByStrategy: [(strategy: String, firmYears: Int)]
    public let years: [YearLists]
    public let strategies: [StrategyRow]
    /// Firms that left the market, of all firms.
    public let exits: Int
  }

  public let experiment: Experiment
  public let cells: [Cell]

  /// The analysis of each scenario of `table` (the nominal world's, for the main report).
  public init(tables: IndustryTables, table: ResultTable, resamples: Int = 200) throws {
    let e = tables.experiment
    experiment = e
    let years = e.industryYears
    func col(_ name: String) -> Int { table.column(name)! }
    let c = (spend: col("service_spend_per_customer"), profit: col("profit_npv"), equity: col("customer_equity"), cost: col("cost_to_serve"),
             survived: col("survived"), share: col("market_share_end"), both: col("years_both_lists"), run: col("longest_both_run"),
             csat: col("csat"), acsi: col("acsi"))
    let yc = (1...years).map { y in (active: col("y\(y)_active"), top: col("y\(y)_top_profit"), worst: col("y\(y)_worst_service")) }
    // Draws by (scenario index in trials.csv, trial, firm), from the full tables.
    var drawIndex: [String: Int] = [:]
    for (i, r) in tables.table.rows.enumerated() { drawIndex["\(tables.table.scenarios[r.scenario].index)/\(r.trial)/\(r.strategy)"] = tables.draws[i].strategy }
    var cells: [Cell] = []
    for (s, sc) in table.scenarios.enumerated() {
      let rows = table.rows.filter { $0.scenario == s }
      let trials = Set(rows.map(\.trial)).sorted()
      var firms: [FirmPoint] = []
      for r in rows {
        let v = r.values
        let npv = v[c.profit], cost = v[c.cost]
        firms.append(FirmPoint(trial: r.trial, strategy: drawIndex["\(sc.index)/\(r.trial)/\(r.strategy)"] ?? 0, spend: v[c.spend], profit: npv,
                               equity: v[c.equity], returnOnSpend: cost > 0 ? npv / cost : .nan, survived: v[c.survived] == 1,
                               share: v[c.share], yearsOnBoth: Int(v[c.both]), longestRunOnBoth: Int(v[c.run])))
      }
      let part = 700_000 + s * 2
      let profitFit = try CrossSectionFit(x: firms.map(\.spend), y: firms.map(\.profit), clusters: firms.map(\.trial), resamples: resamples,
                                          seed: e.seed, part: part)
      let returnFit = try CrossSectionFit(x: firms.map(\.spend), y: firms.map(\.returnOnSpend), clusters: firms.map(\.trial), resamples: resamples,
                                          seed: e.seed, part: part + 1)
      // The lists, per industry and year: firms on both, and n_top·n_worst/n_active.
      var observed = [[Double]](repeating: [], count: years)
      var expected = [[Double]](repeating: [], count: years)
      var perTrial: [Int: (observed: Double, expected: Double)] = [:]
      var bothByStrategy = [Int](repeating: 0, count: e.strategies.count)
      var firmYears = 0
      for t in trials {
        let mine = rows.filter { $0.trial == t }
        for y in 0..<years {
          let active = mine.filter { $0.values[yc[y].active] == 1 }
          guard !active.isEmpty else { continue }
          let top = active.filter { $0.values[yc[y].top] == 1 }.count, worst = active.filter { $0.values[yc[y].worst] == 1 }.count
          let both = active.filter { $0.values[yc[y].top] == 1 && $0.values[yc[y].worst] == 1 }
          for r in both { bothByStrategy[drawIndex["\(sc.index)/\(t)/\(r.strategy)"] ?? 0] += 1 }
          let exp = Double(top * worst) / Double(active.count)
          observed[y].append(Double(both.count))
          expected[y].append(exp)
          perTrial[t, default: (0, 0)].observed += Double(both.count)
          perTrial[t, default: (0, 0)].expected += exp
          firmYears += active.count
        }
      }
      let totalObserved = perTrial.values.reduce(0) { $0 + $1.observed }, totalExpected = perTrial.values.reduce(0) { $0 + $1.expected }
      let stream = try RandomStream(key: StreamKey(seed: e.seed, purpose: .bootstrap, part: 800_000 + s))
      var ratios: [Double] = []
      for _ in 0..<resamples {
        var o = 0.0, x = 0.0
        for _ in trials {
          let t = trials[try stream.uniformInt(below: trials.count)]
          o += perTrial[t]?.observed ?? 0; x += perTrial[t]?.expected ?? 0
        }
        if x > 0 { ratios.append(o / x) }
      }
      ratios.sort()
      let ratio = totalExpected > 0 ? totalObserved / totalExpected : .nan
      let overlap = Estimate(value: ratio, low: ratios.isEmpty ? .nan : (try? Statistics.quantile(sorted: ratios, probability: 0.025)) ?? .nan,
                             high: ratios.isEmpty ? .nan : (try? Statistics.quantile(sorted: ratios, probability: 0.975)) ?? .nan)
      let strategies = e.strategies.indices.compactMap { k -> StrategyRow? in
        let mine = rows.filter { drawIndex["\(sc.index)/\($0.trial)/\($0.strategy)"] == k }
        guard !mine.isEmpty else { return nil }
        func stat(_ i: Int) -> SummaryStatistic { SummaryStatistic(mine.map { $0.values[i] }) }
        var onBoth = 0, years = 0
        for r in mine { for y in yc where r.values[y.active] == 1 { years += 1; if r.values[y.top] == 1 && r.values[y.worst] == 1 { onBoth += 1 } } }
        return StrategyRow(strategy: e.strategies[k].name, firms: mine.count, spend: stat(c.spend), profit: stat(c.profit), equity: stat(c.equity),
                           csat: stat(c.csat), acsi: stat(c.acsi), share: stat(c.share),
                           survival: Double(mine.filter { $0.values[c.survived] == 1 }.count) / Double(mine.count),
                           bothLists: years > 0 ? Double(onBoth) / Double(years) : .nan)
      }
      cells.append(Cell(
        scenario: sc.index, label: sc.label, market: sc.market.name, industries: trials.count, firms: firms, profitFit: profitFit,
        returnFit: returnFit, overlapRatio: overlap, firmYears: firmYears, firmYearsOnBoth: Int(totalObserved),
        firmsRepeatedly: firms.filter { $0.yearsOnBoth >= 2 }.count, firmsYearAfterYear: firms.filter { $0.longestRunOnBoth >= 2 }.count,
        bothByStrategy: e.strategies.indices.map { (e.strategies[$0].name, bothByStrategy[$0]) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 },
        years: (0..<years).map { YearLists(year: $0 + 1, observed: SummaryStatistic(observed[$0]), expected: expected[$0].isEmpty ? .nan : expected[$0].reduce(0, +) / Double(expected[$0].count)) },
        strategies: strategies, exits: firms.filter { !$0.survived }.count))
    }
    self.cells = cells
  }
}
