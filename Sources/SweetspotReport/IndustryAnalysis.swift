import Foundation
import SweetspotExperiment
import SweetspotModel
import SweetspotNumerics
import SweetspotRobustness

/// What an industry run says about seed 000's cross-section claim, per scenario (a market and a
/// point of the sweep grid): how profit varies with service investment across firms (a smooth fit
/// with its band and where it peaks, raw and adjusted for price, product quality and size), how
/// often the same firm is on a year's "most profitable" and "worst service" lists at once (against
/// what independent lists would give, under several definitions of the lists) and for how many
/// years in a row, who the lists' firms are, and how each strategy of the mix fared. Intervals
/// resample whole industries (trials): firms of one industry share a market and are not
/// independent. Every number comes from the run.
public struct IndustryAnalysis: Sendable {
  /// One firm of one industry: where it sits in the cross-section.
  public struct FirmPoint: Sendable {
    public let trial: Int
    public let strategy: Int
    /// Service spend per customer-year over the horizon (dollars).
    public let spend: Double
    public let profit: Double
    /// Profit NPV per customer-year served (represented), so firms of different sizes compare
    /// (per starting customer, a tiny firm that grew would dwarf the rest).
    public let profitPerCustomer: Double
    /// `profitPerCustomer` less what price, product quality, lock-in and (log) starting size
    /// explain (a linear fit across the scenario's firms), plus its mean.
    public var adjusted: Double
    public let price: Double, quality: Double, switchingCost: Double
    public let survived: Bool
    public let share: Double
    public let yearsOnBoth: Int
    public let longestRunOnBoth: Int
  }
  /// A strategy of the mix across every firm that followed it.
  public struct StrategyRow: Sendable {
    public let strategy: String
    public let firms: Int
    public let spend, csat, acsi, share: SummaryStatistic
    /// Mean profit NPV and customer equity with 95% intervals from the bootstrap over industries.
    public let profit: Estimate, equity: Estimate
    /// Rank by mean profit NPV (1: the most profitable strategy).
    public let rank: Int
    public let survival: Double
    /// Shares of its firm-years on the top-profit list, the worst-service list, and both.
    public let onTop: Double, onWorst: Double, onBoth: Double
  }
  /// One way of drawing the two lists, and how often a firm is on both against chance.
  public struct ListDefinition: Sendable {
    public let profit: String, service: String
    /// Firm-years on both ÷ what independent lists give, with a bootstrap interval over industries.
    public let ratio: Estimate
    public let onBoth: Int
    /// The strategies of the firm-years on both lists, most first.
    public let bothByStrategy: [(strategy: String, firmYears: Int)]
  }
  /// One year of the lists: firms on both per industry (bootstrap interval), and chance.
  public struct YearLists: Sendable {
    public let year: Int
    public let observed: Estimate
    public let expected: Double
  }
  public struct Cell: Sendable {
    public let scenario: Int
    public let label: String
    public let market: String
    public let industries: Int
    public let firmsPerIndustry: Int
    public let firms: [FirmPoint]
    /// Adjusted profit per customer-year, and raw profit NPV, against service spend.
    public let profitFit: CrossSectionFit
    public let rawFit: CrossSectionFit
    /// The lists under each definition; the first is the default (profit, CSAT) the yearly
    /// columns of trials.csv mark. Empty with fewer than 10 firms (a decile of one firm).
    public let lists: [ListDefinition]
    public let firmYears: Int
    /// Firms on both default lists in two or more years, and in two or more consecutive years.
    public let firmsRepeatedly: Int, firmsYearAfterYear: Int
    public let years: [YearLists]
    public let strategies: [StrategyRow]
    /// Firms that left the market, of all firms.
    public let exits: Int
  }

  public let experiment: Experiment
  public let cells: [Cell]
  /// The fewest firms a year's lists need (a decile of at least one firm of ten).
  public static let listMinimum = 10

  /// The analysis of each scenario of `table` (the nominal world's, for the main report).
  public init(tables: IndustryTables, table: ResultTable, resamples: Int = 200) throws {
    let e = tables.experiment
    experiment = e
    let years = e.industryYears
    func col(_ name: String) -> Int { table.column(name)! }
    let c = (spend: col("service_spend_per_customer"), profit: col("profit_npv"), equity: col("customer_equity"), survived: col("survived"),
             share: col("market_share_end"), both: col("years_both_lists"), run: col("longest_both_run"), csat: col("csat"), acsi: col("acsi"),
             price: col("price"), quality: col("product_quality"), lock: col("switching_cost"), cost: col("cost_to_serve"),
             start: col("starting_customers"),
             strategy: col("strategy_index"))
    let yc = (1...years).map { y in (active: col("y\(y)_active"), top: col("y\(y)_top_profit"), worst: col("y\(y)_worst_service"),
                                      profit: col("y\(y)_profit"), revenue: col("y\(y)_revenue"), cost: col("y\(y)_service_cost"),
                                      spend: col("y\(y)_service_spend"), csat: col("y\(y)_csat"), complaints: col("y\(y)_complaints")) }
    var cells: [Cell] = []
    for (s, sc) in table.scenarios.enumerated() {
      let rows = table.rows.filter { $0.scenario == s }
      let trials = Set(rows.map(\.trial)).sorted()
      let k = table.strategyNames.count
      var firms = rows.map { r -> FirmPoint in
        let v = r.values
        let customerYears = v[c.spend] > 0 ? v[c.cost] / v[c.spend] : .nan
        return FirmPoint(trial: r.trial, strategy: Int(v[c.strategy]), spend: v[c.spend], profit: v[c.profit],
                         profitPerCustomer: customerYears > 0 ? v[c.profit] / customerYears : .nan, adjusted: .nan, price: v[c.price], quality: v[c.quality],
                         switchingCost: v[c.lock], survived: v[c.survived] == 1, share: v[c.share], yearsOnBoth: Int(v[c.both]),
                         longestRunOnBoth: Int(v[c.run]))
      }
      // Profit per customer-year less what price, quality and lock-in explain (least squares).
      // Size too: a large firm staffs more cheaply per contact (economies of scale), so spend per
      // customer is partly its size, not only its choice.
      let fitted = IndustryAnalysis.linearFit(y: firms.map(\.profitPerCustomer), x: firms.indices.map { i in
        [firms[i].price, firms[i].quality, firms[i].switchingCost, log(max(1, rows[i].values[c.start]))]
      })
      let meanY = firms.map(\.profitPerCustomer).filter(\.isFinite).reduce(0, +) / Double(max(1, firms.filter { $0.profitPerCustomer.isFinite }.count))
      for i in firms.indices { firms[i].adjusted = firms[i].profitPerCustomer - fitted[i] + meanY }
      let part = 700_000 + s * 4
      let profitFit = try CrossSectionFit(x: firms.map(\.spend), y: firms.map(\.adjusted), clusters: firms.map(\.trial), resamples: resamples,
                                          seed: e.seed, part: part)
      let rawFit = try CrossSectionFit(x: firms.map(\.spend), y: firms.map(\.profit), clusters: firms.map(\.trial), resamples: resamples,
                                       seed: e.seed, part: part + 1)
      let bootstrap = try IndustryBootstrap(trials: trials, resamples: resamples, seed: e.seed, part: 800_000 + s)

      // The lists, per industry and year, under each definition: firms on both and chance.
      typealias FirmYearValues = (strategy: Int, profit: Double, margin: Double, perCustomer: Double, csat: Double, complaints: Double)
      var perIndustryYear: [Int: [[FirmYearValues]]] = [:]
      var firmYears = 0
      for t in trials {
        let mine = rows.filter { $0.trial == t }
        perIndustryYear[t] = (0..<years).map { y in
          mine.filter { $0.values[yc[y].active] == 1 }.map { r in
            let v = r.values, customerYears = v[yc[y].spend] > 0 ? v[yc[y].cost] / v[yc[y].spend] : .nan
            return (Int(v[c.strategy]), v[yc[y].profit], v[yc[y].revenue] > 0 ? v[yc[y].profit] / v[yc[y].revenue] : .nan,
                    customerYears > 0 ? v[yc[y].profit] / customerYears : .nan, v[yc[y].csat], v[yc[y].complaints])
          }
        }
        firmYears += perIndustryYear[t]!.reduce(0) { $0 + $1.count }
      }
      let listable = k >= IndustryAnalysis.listMinimum
      let profits: [(String, (FirmYearValues) -> Double)] = [("profit", \.profit), ("profit margin", \.margin), ("profit per customer", \.perCustomer)]
      // Worst service: lowest CSAT, or most complaints (larger firms get more, as on complaint-count lists).
      let services: [(String, (FirmYearValues) -> Double)] = [("CSAT", { -$0.csat }), ("complaints", \.complaints)]
      var lists: [ListDefinition] = []
      var yearly: [YearLists] = []
      if listable {
        for (pName, p) in profits {
          for (sName, worse) in services {
            var observed: [Int: Double] = [:], expected: [Int: Double] = [:]
            var byStrategy = [Int](repeating: 0, count: e.strategies.count)
            var yearObserved = [[Double]](repeating: [], count: years), yearExpected = [[Double]](repeating: [], count: years)
            for t in trials {
              for (y, firmsThen) in perIndustryYear[t]!.enumerated() where !firmsThen.isEmpty {
                let size = (firmsThen.count + 9) / 10
                func top(_ key: (FirmYearValues) -> Double) -> Set<Int> {
                  Set(firmsThen.indices.sorted { (key(firmsThen[$0]).isNaN ? -.infinity : key(firmsThen[$0]), -$0) > (key(firmsThen[$1]).isNaN ? -.infinity : key(firmsThen[$1]), -$1) }.prefix(size))
                }
                let both = top(p).intersection(top(worse))
                for i in both { byStrategy[firmsThen[i].strategy] += 1 }
                observed[t, default: 0] += Double(both.count)
                expected[t, default: 0] += Double(size * size) / Double(firmsThen.count)
                yearObserved[y].append(Double(both.count)); yearExpected[y].append(Double(size * size) / Double(firmsThen.count))
              }
            }
            let ratio = bootstrap.ratio(observed, expected)
            lists.append(ListDefinition(profit: pName, service: sName, ratio: ratio, onBoth: Int(observed.values.reduce(0, +)),
                                        bothByStrategy: e.strategies.indices.map { (e.strategies[$0].name, byStrategy[$0]) }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }))
            if lists.count == 1 {
              yearly = (0..<years).map { y in
                YearLists(year: y + 1, observed: bootstrap.mean(Dictionary(uniqueKeysWithValues: zip(trials, yearObserved[y]))),
                          expected: yearExpected[y].isEmpty ? .nan : yearExpected[y].reduce(0, +) / Double(yearExpected[y].count))
              }
            }
          }
        }
      }
      // The strategies: cluster-bootstrap means, ranks, and their place on the default lists.
      var strategies: [StrategyRow] = []
      var means: [(Int, Double)] = []
      for j in e.strategies.indices {
        let mine = rows.filter { Int($0.values[c.strategy]) == j }
        guard !mine.isEmpty else { continue }
        means.append((j, mine.map { $0.values[c.profit] }.reduce(0, +) / Double(mine.count)))
      }
      let ranks = Dictionary(uniqueKeysWithValues: means.sorted { $0.1 > $1.1 }.enumerated().map { ($1.0, $0 + 1) })
      for (j, _) in means {
        let mine = rows.filter { Int($0.values[c.strategy]) == j }
        func stat(_ i: Int) -> SummaryStatistic { SummaryStatistic(mine.map { $0.values[i] }) }
        func clustered(_ i: Int) -> Estimate {
          var sums: [Int: (Double, Double)] = [:]
          for r in mine { sums[r.trial, default: (0, 0)].0 += r.values[i]; sums[r.trial, default: (0, 0)].1 += 1 }
          return bootstrap.ratio(sums.mapValues(\.0), sums.mapValues(\.1))
        }
        var top = 0, worst = 0, both = 0, yearsOn = 0
        for r in mine {
          for y in yc where r.values[y.active] == 1 {
            yearsOn += 1
            if r.values[y.top] == 1 { top += 1 }
            if r.values[y.worst] == 1 { worst += 1 }
            if r.values[y.top] == 1 && r.values[y.worst] == 1 { both += 1 }
          }
        }
        func share(_ x: Int) -> Double { yearsOn > 0 ? Double(x) / Double(yearsOn) : .nan }
        strategies.append(StrategyRow(strategy: e.strategies[j].name, firms: mine.count, spend: stat(c.spend), csat: stat(c.csat), acsi: stat(c.acsi),
                                      share: stat(c.share), profit: clustered(c.profit), equity: clustered(c.equity), rank: ranks[j]!,
                                      survival: Double(mine.filter { $0.values[c.survived] == 1 }.count) / Double(mine.count),
                                      onTop: share(top), onWorst: share(worst), onBoth: share(both)))
      }
      cells.append(Cell(
        scenario: sc.index, label: sc.label, market: sc.market.name, industries: trials.count, firmsPerIndustry: k, firms: firms,
        profitFit: profitFit, rawFit: rawFit, lists: lists, firmYears: firmYears,
        firmsRepeatedly: listable ? firms.filter { $0.yearsOnBoth >= 2 }.count : 0,
        firmsYearAfterYear: listable ? firms.filter { $0.longestRunOnBoth >= 2 }.count : 0,
        years: yearly, strategies: strategies, exits: firms.filter { !$0.survived }.count))
    }
    self.cells = cells
  }

  /// The fitted values of y's least-squares regression on the columns of x (with an intercept);
  /// rows with a non-finite value keep their own y (no adjustment). Columns that do not vary are
  /// left out; a singular system fits the mean alone.
  static func linearFit(y: [Double], x: [[Double]]) -> [Double] {
    let keep = y.indices.filter { i in y[i].isFinite && x[i].allSatisfy(\.isFinite) }
    guard keep.count > 3, let width = x.first?.count else { return y }
    let varying = (0..<width).filter { j in Set(keep.map { x[$0][j] }).count > 1 }
    let p = varying.count + 1
    func row(_ i: Int) -> [Double] { [1] + varying.map { x[i][$0] } }
    var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
    for i in keep {
      let r = row(i)
      for u in 0..<p { for v in 0..<p { a[u][v] += r[u] * r[v] }; a[u][p] += r[u] * y[i] }
    }
    for col in 0..<p {
      guard let pivot = (col..<p).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[pivot][col]) > 1e-12 else {
        let m = keep.reduce(0) { $0 + y[$1] } / Double(keep.count)
        return y.indices.map { keep.contains($0) ? m : y[$0] }
      }
      a.swapAt(col, pivot)
      for r in 0..<p where r != col {
        let f = a[r][col] / a[col][col]
        if f != 0 { for j in col...p { a[r][j] -= f * a[col][j] } }
      }
    }
    let beta = (0..<p).map { a[$0][p] / a[$0][$0] }
    return y.indices.map { i in
      guard y[i].isFinite, x[i].allSatisfy(\.isFinite) else { return y[i] }
      return zip(row(i), beta).reduce(0) { $0 + $1.0 * $1.1 }
    }
  }
}

/// Resampling whole industries (trials) with replacement: the same resamples for every statistic
/// of a scenario, from (seed, purpose bootstrap, part).
struct IndustryBootstrap {
  let trials: [Int]
  let draws: [[Int]]

  init(trials: [Int], resamples: Int, seed: UInt64, part: Int) throws {
    self.trials = trials
    let stream = try RandomStream(key: StreamKey(seed: seed, purpose: .bootstrap, part: part))
    var out: [[Int]] = []
    for _ in 0..<resamples { out.append(try trials.map { _ in trials[try stream.uniformInt(below: trials.count)] }) }
    draws = out
  }

  func interval(_ value: Double, _ values: [Double]) -> Estimate {
    let s = values.filter(\.isFinite).sorted()
    guard s.count >= 2 else { return Estimate(value: value, low: .nan, high: .nan) }
    return Estimate(value: value, low: (try? Statistics.quantile(sorted: s, probability: 0.025)) ?? .nan,
                    high: (try? Statistics.quantile(sorted: s, probability: 0.975)) ?? .nan)
  }

  /// Σ numerator ÷ Σ denominator over industries, with its interval.
  func ratio(_ numerator: [Int: Double], _ denominator: [Int: Double]) -> Estimate {
    func r(_ ts: [Int]) -> Double {
      let d = ts.reduce(0) { $0 + (denominator[$1] ?? 0) }
      return d > 0 ? ts.reduce(0) { $0 + (numerator[$1] ?? 0) } / d : .nan
    }
    return interval(r(trials), draws.map(r))
  }

  /// The mean over industries of a per-industry value, with its interval (never below the
  /// smallest value: a count's interval stays at or above 0).
  func mean(_ values: [Int: Double]) -> Estimate {
    func m(_ ts: [Int]) -> Double { ts.isEmpty ? .nan : ts.reduce(0) { $0 + (values[$1] ?? 0) } / Double(ts.count) }
    return interval(m(trials), draws.map(m))
  }
}
