import SweetspotModel

/// The tidy tables of an industry run, derived from its verified trials.csv (so a run, a merge of
/// shards and `report --write` write the same bytes): `firms.csv`, one row per scenario × trial ×
/// firm (the firm as drawn and its horizon figures), and `firm_years.csv`, one row per firm and
/// year (the cross-section a "most profitable" or "worst service" list is drawn from). The firms'
/// strategies come from trials.csv's `strategy_index`; their drawn levers are drawn again from
/// the seed (`Industry.drawFirms` is a pure function of it), and must agree.
public struct IndustryTables: Sendable {
  public let experiment: Experiment
  public let table: ResultTable
  /// [row of `table`] → the firm as drawn.
  public let draws: [FirmDraw]

  /// The levers written per firm: every numeric lever.
  static let leverColumns = Fields.levers.filter(\.isNumeric)

  public init(experiment: Experiment, table: ResultTable) throws {
    guard let setup = experiment.industry else { throw ExperimentError(file: experiment.file, key: "industry", message: "is not an industry experiment") }
    self.experiment = experiment
    self.table = table
    let index = table.column("strategy_index")!
    var cache: [String: [FirmDraw]] = [:]
    var out: [FirmDraw] = []
    out.reserveCapacity(table.rows.count)
    for r in table.rows {
      let sc = table.scenarios[r.scenario]
      let key = "\(r.scenario)/\(r.trial)"
      let firms = try cache[key] ?? Industry.drawFirms(setup, strategies: sc.strategies, market: sc.market, seed: experiment.seed,
                                                       trial: sc.streamOffset + r.trial)
      cache[key] = firms
      let d = firms[r.strategy]
      guard Double(d.strategy) == r.values[index] else {
        throw ExperimentError(file: "trials.csv", message: "firm \(table.strategyNames[r.strategy]) of trial \(r.trial) follows strategy \(Int(r.values[index])), but the seed draws \(d.strategy); not this experiment's results")
      }
      out.append(d)
    }
    draws = out
  }

  var identity: [String] { ["scenario", "market"] + table.sweepColumns + (table.hasWorlds ? ["world"] : []) + ["trial", "firm", "strategy"] }

  func identity(_ i: Int) -> [String] {
    let r = table.rows[i]
    return table.scenarioFields[r.scenario] + [String(r.trial), table.strategyNames[r.strategy], experiment.strategies[draws[i].strategy].name]
  }

  /// The horizon columns of firms.csv after the levers, from trials.csv's columns.
  static let firmColumns = ["product_quality", "switching_cost", "starting_customers", "survived", "exit_week", "customer_equity", "profit_npv",
                            "revenue", "cost_to_serve", "service_spend_per_customer", "profit_margin", "csat", "acsi", "nps", "churn_rate",
                            "market_share_end", "customers_end", "acquired", "acquired_newcomers", "acquired_switchers", "churned",
                            "lost_to_rivals", "lost_outside", "lost_category", "years_top_profit", "years_worst_service", "years_both_lists",
                            "longest_both_run"]

  /// One row per scenario × trial × firm: who the firm is (strategy, levers, quality) and how it
  /// did, with its return on service spend (profit NPV ÷ cost to serve).
  public var firmsCSV: String {
    let cols = Self.firmColumns.map { table.column($0)! }
    var rows: [[String]] = []
    rows.reserveCapacity(table.rows.count)
    for (i, r) in table.rows.enumerated() {
      var f = identity(i) + Self.leverColumns.map { csvNumber($0.get(draws[i].levers).number ?? .nan) }
      f += cols.map { csvValue(r.values[$0], table.columns[$0].kind) }
      let npv = r.values[table.column("profit_npv")!], cost = r.values[table.column("cost_to_serve")!]
      f.append(csvNumber(cost > 0 ? npv / cost : .nan))
      rows.append(f)
    }
    return CSV.table(header: identity + Self.leverColumns.map(\.name) + Self.firmColumns + ["return_on_service_spend"], rows: rows)
  }

  /// The yearly figures of `FirmOutcome.columns`, without their `yN_` prefix.
  static let yearFields = ["active", "profit", "revenue", "service_cost", "service_spend", "csat", "acsi", "nps", "share", "customers",
                           "complaints", "top_profit", "worst_service"]

  /// One row per scenario × trial × firm × year (1-based), the firm's figures that year, and
  /// whether it was on both lists.
  public var firmYearsCSV: String {
    let years = experiment.industryYears
    let cols = (1...years).map { y in Self.yearFields.map { table.column("y\(y)_\($0)")! } }
    var rows: [[String]] = []
    rows.reserveCapacity(table.rows.count * years)
    for (i, r) in table.rows.enumerated() {
      for y in 0..<years {
        let values = cols[y].map { (r.values[$0], table.columns[$0].kind) }
        let both = values[11].0 == 1 && values[12].0 == 1
        rows.append(identity(i) + [String(y + 1)] + values.map { csvValue($0.0, $0.1) } + [csvValue(both ? 1 : 0, .flag)])
      }
    }
    return CSV.table(header: identity + ["year"] + Self.yearFields + ["both_lists"], rows: rows)
  }

  /// The table regrouped by strategy: every firm that followed a strategy, in every trial, is one
  /// observation of it (trial number trial × firms + firm), so summary.csv and summary.json give
  /// each strategy's distribution across the cross-section.
  public var byStrategy: ResultTable {
    var t = ResultTable(scenarios: table.scenarios, strategyNames: experiment.strategies.map(\.name), sweepKeys: table.sweepKeys,
                        hasWorlds: table.hasWorlds, columns: table.columns)
    let k = table.strategyNames.count
    for (i, r) in table.rows.enumerated() {
      t.add(ResultTable.Row(scenario: r.scenario, strategy: draws[i].strategy, trial: r.trial * k + r.strategy, values: r.values))
    }
    t.sort()
    return t
  }
}
