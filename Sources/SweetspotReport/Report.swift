import Foundation
import SweetspotExperiment
import SweetspotModel
import SweetspotNumerics

/// Everything a report says, computed once; the renderers (Markdown, LaTeX, JSON, CSV, SVG)
/// only format it.
public struct Report: Sendable {
  public struct StrategyRow: Sendable {
    public let name: String
    public let stats: [String: SummaryStatistic]
    public func stat(_ m: Metric) -> SummaryStatistic { stats[m.rawValue]! }
  }
  public struct RankRow: Sendable {
    public let rank: Int
    public let strategy: String
    /// The statistic of `Report.objective` (customer equity).
    public let objective: SummaryStatistic
    /// best − this strategy, paired; nil for the best itself.
    public let behindBest: PairedComparison?
  }
  public struct BenchmarkRow: Sendable {
    public let strategy: String
    public let benchmark: IndustryBenchmark
    public let stat: SummaryStatistic
    public let verdict: Analysis.Verdict
  }
  public struct Win4Row: Sendable {
    public let strategy: String
    /// (party, mean score, share of trials won)
    public let parties: [(party: String, score: Double, shareWon: Double)]
  }
  public struct ScenarioSection: Sendable {
    /// The scenario's index in trials.csv and summary.csv (in a robustness run, the nominal
    /// world's scenarios are every (1 + W)-th).
    public let index: Int
    public let label: String
    public let market: String
    public let strategies: [StrategyRow]
    public let ranking: [RankRow]
    public let benchmarks: [BenchmarkRow]
    public let win4: [Win4Row]
    /// Whether the section has strategies to rank and compare: with one strategy a ranking is a
    /// single row and "Holm correction over 0 comparisons", so every format leaves it out.
    public var isCompared: Bool { ranking.count >= 2 }
  }
  public struct SweepSeries: Sendable {
    public let market: String
    public let key: String
    public let strategy: String
    public let fixed: String
    public let values: [Double]
    /// `Report.objective` at each swept value.
    public let objective: [SummaryStatistic]
    public let cost: [SummaryStatistic]
    public let argmax: Double, argmaxLow: Double, argmaxHigh: Double
    /// The values equivalent to the peak within the margin: the interval of the lever around the
    /// peak (`Analysis.contiguous`).
    public let zone: [Double]
    /// The reported sweetspot: the zone's cheapest point (lowest mean cost to serve) for a
    /// spending lever; the peak itself for a lever that is not spending (price, pressure),
    /// where the cheaper point shifts the burden to customers or agents.
    public let sweetspot: Double
    /// The sweetspot at other margins (0.5%, 1%, 2% of the peak): how much the reported point
    /// owes to the margin chosen.
    public let sweetspotByMargin: [(margin: Double, value: Double)]
    /// The scenario of each value (for the strategy comparison at the sweetspot).
    public let scenarios: [Int]
  }

  public let experiment: Experiment
  public let industry: String
  public let benchmarksFile: String
  public let benchmarksVersion: String
  public let sections: [ScenarioSection]
  public let sweeps: [SweepSeries]
  /// Two-key sweeps as grids (empty otherwise), for their heat maps.
  public let grids: [SweepGrid]
  public let toolVersion: String
  public let commonRandomNumbers: String?
  /// How far the answer holds across the sampled worlds of a robustness run (nil without `[uncertainty]`).
  public let robustness: RobustnessAnalysis?
  /// A swept spending lever against the other strategies at equal total service spend (issue 12).
  public let equalSpend: [(fixed: String, comparison: EqualSpendComparison)]
  /// figures/trajectories.svg when the run folder holds it at report time (written by
  /// `--trajectories` or `sweetspot trajectories`, which then write the reports again), so every
  /// format links it; nil otherwise.
  public internal(set) var trajectories: ReportFigure?

  /// The metrics shown per strategy, in order.
  /// What strategies are ranked by and sweeps maximize: customer equity, the horizon's profit NPV
  /// plus the value of the customers kept (profit NPV alone rewards harvesting customers before
  /// the horizon; rankings flipped between 52 and 260 weeks).
  public static let objective: Metric = .customerEquity

  public static let headline: [Metric] = [.customerEquity, .profitNPV, .retention, .churnRate, .csat, .nps, .fcr, .serviceLevel,
                                          .abandonment, .asaSeconds, .costToServe, .agentAttrition, .burnout]
  static let parties = [("customers", Metric.win4Customers, Metric.win4CustomersWin), ("employees", .win4Employees, .win4EmployeesWin),
                        ("company", .win4Company, .win4CompanyWin), ("owners", .win4Owners, .win4OwnersWin)]

  /// Reads a finished run folder and analyses it.
  public static func build(directory: URL, industry: String = "all", benchmarks: IndustryBenchmarks) throws -> Report {
    // Verified: the manifest's configuration, trials.csv's checksum and its rows (each scenario ×
    // strategy × trial exactly once), so a damaged folder is refused rather than reported.
    try build(run: FinishedRun(directory), industry: industry, benchmarks: benchmarks)
  }

  /// The report of a run already read and verified.
  public static func build(run: FinishedRun, industry: String = "all", benchmarks: IndustryBenchmarks) throws -> Report {
    let directory = run.directory
    if run.shard != .whole {
      throw ExperimentError(file: directory.path, message: "holds one shard; merge the shards first (sweetspot merge)")
    }
    let manifest = run.manifest, experiment = run.experiment, runner = run.runner, table = run.table
    guard experiment.industry == nil else {
      throw ExperimentError(file: directory.path, message: "holds an industry run (firms sharing one market), whose report is IndustryReport's")
    }
    if !benchmarks.industries.contains(industry) {
      throw ExperimentError(file: benchmarks.file, key: "industry", message: "'\(industry)' has no entries; industries: \(benchmarks.industries.joined(separator: ", "))")
    }
    var crn: String?
    if let c = manifest["common_random_numbers"] as? [String: Any], let f = c["variance_reduction_factor"] as? Double {
      let pair = "the paired \(c["metric"] as? String ?? "") difference between \((c["strategies"] as? [String] ?? []).joined(separator: " and "))"
      let over = "(over \(c["trials"] as? Int ?? 0) trials, against independent streams)"
      // A factor below 1 is a rise: say so rather than "cut by a factor of 0.9".
      crn = f >= 1 ? "common random numbers cut the variance of \(pair) by a factor of \(Format.number(f, 1)) \(over)"
        : "common random numbers did not cut the variance of \(pair): it was \(Format.number(1 / f, 1)) times what independent streams give \(over), as happens when the strategies' paths part early"
    }
    // The main report analyses the nominal world; the sampled worlds feed the robustness analysis.
    let nominal = table.nominal
    let robustness = try RobustnessAnalysis(experiment: experiment, scenarios: runner.scenarios, table: table, margin: experiment.margin)
    var report = try Report(experiment: experiment, scenarios: nominal.scenarios, table: nominal, industry: industry, benchmarks: benchmarks,
                            toolVersion: manifest["version"] as? String ?? "?", crn: crn, robustness: robustness)
    let svg = directory.appendingPathComponent(Report.figureFolder).appendingPathComponent("\(TrajectoryFigure.name).svg")
    if let text = try? String(contentsOf: svg, encoding: .utf8) {
      report.trajectories = ReportFigure(name: TrajectoryFigure.name, caption: report.trajectoryCaption, writtenSVG: text)
    }
    return report
  }

  /// The trajectories figure's caption in the report (the figure draws the first scenario).
  var trajectoryCaption: String {
    "Week-by-week paths per strategy (\(sections[0].label)): the median over the recorded trials with the 10–90% band; data in trajectories.csv."
  }

  init(experiment: Experiment, scenarios: [Scenario], table: ResultTable, industry: String, benchmarks: IndustryBenchmarks,
       toolVersion: String, crn: String?, robustness: RobustnessAnalysis? = nil) throws {
    self.experiment = experiment
    self.robustness = robustness
    self.equalSpend = try EqualSpendComparison.all(experiment: experiment, scenarios: scenarios, table: table)
    self.industry = industry
    self.benchmarksFile = benchmarks.file
    self.benchmarksVersion = benchmarks.version
    self.toolVersion = toolVersion
    self.commonRandomNumbers = crn
    let names = experiment.strategies.map(\.name)
    let metrics = Metric.allCases
    // values[scenario][strategy][metric] = per-trial values in trial order
    var values = [[[[Double]]]](repeating: [[[Double]]](repeating: [[Double]](repeating: [], count: metrics.count), count: names.count), count: scenarios.count)
    for r in table.rows { for m in 0..<metrics.count { values[r.scenario][r.strategy][m].append(r.values[m]) } }
    func column(_ s: Int, _ j: Int, _ m: Metric) -> [Double] { values[s][j][Metric.allCases.firstIndex(of: m)!] }

    let bench = benchmarks.entries(industry: industry)
    var sections: [ScenarioSection] = []
    for (s, sc) in scenarios.enumerated() {
      let rows = names.indices.map { j in
        StrategyRow(name: names[j], stats: Dictionary(uniqueKeysWithValues: metrics.map { ($0.rawValue, SummaryStatistic(column(s, j, $0))) }))
      }
      // Ranking by the objective (customer equity); paired differences from the best, Holm-corrected.
      let objective = Report.objective
      let order = names.indices.sorted { rows[$0].stat(objective).mean > rows[$1].stat(objective).mean }
      let best = order[0]
      // The materiality margin is a share of the best's mean (|mean|, so it stays positive).
      let margin = experiment.margin * abs(rows[best].stat(objective).mean)
      var comps = order.dropFirst().map {
        Analysis.paired(column(s, best, objective), column(s, $0, objective), comparisons: order.count - 1, margin: margin)
      }
      let adj = Analysis.holm(comps.map { $0?.pValue ?? 1 })
      for k in comps.indices { comps[k]?.adjustedP = adj[k] }
      var ranking = [RankRow(rank: 1, strategy: names[best], objective: rows[best].stat(objective), behindBest: nil)]
      for (k, j) in order.dropFirst().enumerated() {
        ranking.append(RankRow(rank: k + 2, strategy: names[j], objective: rows[j].stat(objective), behindBest: comps[k]))
      }
      var benchmarkRows: [BenchmarkRow] = []
      for b in bench {
        guard let m = Metric(rawValue: b.metric) else { continue }
        for row in rows {
          let st = row.stat(m)
          guard st.n >= 2 else { continue }
          benchmarkRows.append(BenchmarkRow(strategy: row.name, benchmark: b, stat: st,
                                            verdict: Analysis.verdict(low: st.ciLow, high: st.ciHigh, band: (b.low, b.high))))
        }
      }
      let win4 = rows.map { row in
        Win4Row(strategy: row.name, parties: Report.parties.map { ($0.0, row.stat($0.1).mean, row.stat($0.2).mean) })
      }
      sections.append(ScenarioSection(index: sc.index, label: sc.label, market: sc.market.name, strategies: rows, ranking: ranking,
                                      benchmarks: benchmarkRows, win4: win4))
    }
    self.sections = sections

    // Sweeps: each swept key in turn is the x axis; every combination of the other keys' values
    // (and market) is its own series. (Only the first key was analysed once; a second key was
    // silently just a label of the first one's series.)
    var sweeps: [SweepSeries] = []
    for (k, sweep) in experiment.sweeps.enumerated() {
      let key = sweep.key
      let parts = key.split(separator: ".").map(String.init)
      let affected = parts.first == "strategy" && parts.count == 3 && parts[1] != "*" ? [parts[1]] : names
      for (fixed, members) in Report.sweepSeries(scenarios.map { ($0.market.name, $0.assignments) }, key: k) {
        let xs = members.map { scenarios[$0].assignments[k].value }
        for name in affected {
          guard let j = names.firstIndex(of: name) else { continue }
          let series = members.map { column($0, j, Report.objective) }
          let cost = members.map { column($0, j, .costToServe) }
          let arg = try Analysis.bootstrapArgmax(values: xs, series: series,
                                                 key: StreamKey(seed: experiment.seed, trial: 0, purpose: .bootstrap, part: sweeps.count))
          let costs = cost.map { SummaryStatistic($0) }
          let spending = Report.isSpendingLever(key)
          func sweetspot(margin: Double) -> (zone: [Int], point: Int) {
            let z = Analysis.equivalenceZone(series: series, margin: margin)
            let zone = Analysis.contiguous(z.zone, around: z.best)
            return (zone, spending ? zone.min { costs[$0].mean < costs[$1].mean }! : z.best)
          }
          let chosen = sweetspot(margin: experiment.margin)
          let margins = Array(Set(Report.comparedMargins + [experiment.margin])).sorted()
          sweeps.append(SweepSeries(market: scenarios[members[0]].market.name, key: key, strategy: name, fixed: fixed, values: xs,
                                    objective: series.map { SummaryStatistic($0) }, cost: costs, argmax: arg.argmax,
                                    argmaxLow: arg.low, argmaxHigh: arg.high, zone: chosen.zone.map { xs[$0] }, sweetspot: xs[chosen.point],
                                    sweetspotByMargin: margins.map { ($0, xs[sweetspot(margin: $0).point]) }, scenarios: members))
        }
      }
    }
    self.sweeps = sweeps
    self.grids = SweepGrid.build(experiment: experiment, scenarios: scenarios, column: column)
  }
}

extension Report {
  /// Margins at which every sweep's sweetspot is also reported, beside the experiment's own.
  static let comparedMargins = [0.005, 0.01, 0.02]

  /// Whether a swept key is a spending lever (`strategy.NAME.LEVER` whose cost to serve moves
  /// with it: staffing, training, technology, root-cause work, solicitation, compensation, care),
  /// where the cheapest point of the sweetspot zone is the sweetspot. Price and perfection
  /// pressure are not: their cheaper settings cost customers or agents, not the service budget.
  static func isSpendingLever(_ key: String) -> Bool {
    let parts = key.split(separator: ".")
    guard parts.count == 3, parts[0] == "strategy", let lever = parts.last else { return false }
    return !["price", "target_pressure"].contains(String(lever))
  }

  /// The series of a sweep of the k-th swept key: one per combination of market and the other
  /// keys' values ("competitive, strategy.*.price=1.1"), in first-seen order, each with its
  /// members (indices into `items`) in ascending order of key k's value.
  static func sweepSeries(_ items: [(market: String, assignments: [(key: String, value: Double)])], key k: Int) -> [(fixed: String, members: [Int])] {
    var groups: [String: [Int]] = [:]
    var order: [String] = []
    for (i, item) in items.enumerated() {
      let others = item.assignments.enumerated().filter { $0.offset != k }.map { "\($0.element.key)=\(Format.number($0.element.value))" }
      let fixed = ([item.market] + others).joined(separator: ", ")
      if groups[fixed] == nil { order.append(fixed) }
      groups[fixed, default: []].append(i)
    }
    return order.map { fixed in (fixed, groups[fixed]!.sorted { items[$0].assignments[k].value < items[$1].assignments[k].value }) }
  }
}

/// Number formatting for reports: fixed decimals, thousands kept readable, money in millions.
public enum Format {
  public static func number(_ x: Double, _ digits: Int = 3) -> String {
    guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "−∞") }
    if digits == 3 && x == x.rounded() && abs(x) < 1e9 { return String(Int(x)) }
    let s = String(format: "%.\(digits)f", x)
    return s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
  }

  /// A whole count with thousands separated: `250,000`.
  public static func count(_ x: Double) -> String {
    guard x.isFinite, abs(x) < 1e15 else { return number(x, 0) }
    let digits = String(Int64(abs(x).rounded()))
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return (x < 0 && digits != "0" ? "-" : "") + out
  }

  /// A metric value in its natural unit: shares as %, money in $M, seconds and rates as numbers.
  public static func value(_ x: Double, _ m: Metric) -> String {
    switch m {
    case .profitNPV, .revenue, .costToServe, .customerEquity: return money(x)
    case .retention, .csat, .fcr, .serviceLevel, .abandonment, .churnRate, .agentAttrition, .profitMargin, .complaintRate:
      return number(100 * x, 1) + "%"
    case .nps, .acsi: return number(x, 1)
    case .asaSeconds: return number(x, 1) + " s"
    case .ahtMinutes: return number(x, 2) + " min"
    case .costPerContact, .clv: return dollars(x, 2)
    default: return number(x, 3)
    }
  }

  /// mean [low, high] in the metric's unit.
  public static func interval(_ s: SummaryStatistic, _ m: Metric) -> String {
    "\(value(s.mean, m)) [\(value(s.ciLow, m)), \(value(s.ciHigh, m))]"
  }

  /// Millions of dollars, the sign before the dollar sign: `$1.25M`, `-$0.03M`.
  public static func money(_ x: Double) -> String { dollars(x / 1e6, 2) + (x.isFinite ? "M" : "") }

  /// Dollars with the sign first (`-$0.03`, never `$-0.03`); a value that rounds to zero has no sign.
  public static func dollars(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return number(x, digits) }
    let magnitude = number(abs(x), digits)
    return (x < 0 && Double(magnitude) != 0 ? "-$" : "$") + magnitude
  }

  /// A p-value to four decimals; below 0.0001 it is `< 0.0001`, never a `0.0000` that reads as
  /// impossible.
  public static func pValue(_ p: Double) -> String {
    p.isFinite && p < 0.0001 ? "< 0.0001" : number(p, 4)
  }
}
