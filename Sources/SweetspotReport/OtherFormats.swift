import SweetspotModel
import SweetspotExperiment

extension Report {
  /// The report's tables as one tidy CSV (`CSV`, quoted where needed): section, scenario (its
  /// index, as in trials.csv and summary.csv) and scenario_label, strategy, metric, value,
  /// interval, comparison, verdict, and for sweep rows the swept key and value.
  /// `significant` is a flag written as trials.csv writes flags (`csvValue`), in every ranking
  /// row that compares a strategy with the best, and empty where there is no comparison (the
  /// best's own row, and the rows of other sections): in pandas, read it with
  /// `dtype={"significant": "boolean"}` to keep the gaps as `<NA>`. `benchmark_better` says which side of a benchmark band is
  /// the good one (`higher` or `lower`; empty where neither is), so a `below` can be read.
  public var csv: String {
    let header = ["section", "scenario", "scenario_label", "strategy", "metric", "mean", "ci95_low", "ci95_high", "difference", "difference_low",
                  "difference_high", "holm_p", "significant", "benchmark_low", "benchmark_high", "benchmark_better", "verdict", "sweep_key", "sweep_value"]
    var rows: [[String]] = []
    func n(_ x: Double?) -> String { x.map(csvNumber) ?? "" }
    func row(_ section: String, _ scenario: Int, _ strategy: String, _ metric: String, _ stat: (Double, Double, Double),
             difference: PairedComparison? = nil, benchmark: (Double?, Double?)? = nil, better: IndustryBenchmark.Better? = nil, verdict: String = "",
             sweep: (String, Double)? = nil) {
      rows.append([section, String(sections[scenario].index), sections[scenario].label, strategy, metric, n(stat.0), n(stat.1), n(stat.2),
                   n(difference?.meanDifference), n(difference?.low), n(difference?.high), n(difference?.adjustedP),
                   difference.map { csvValue($0.significant ? 1 : 0, .flag) } ?? "", n(benchmark?.0), n(benchmark?.1), better?.rawValue ?? "", verdict,
                   sweep?.0 ?? "", sweep.map { csvNumber($0.1) } ?? ""])
    }
    for (i, s) in sections.enumerated() {
      for r in s.strategies { for m in Report.headline {
        let st = r.stat(m)
        row("strategies", i, r.name, m.rawValue, (st.mean, st.ciLow, st.ciHigh))
      } }
      for r in s.ranking where s.isCompared {
        row("ranking", i, r.strategy, Report.objective.rawValue, (r.objective.mean, r.objective.ciLow, r.objective.ciHigh), difference: r.behindBest,
            verdict: r.verdict?.rawValue ?? "")
      }
      for b in s.benchmarks {
        row("benchmark", i, b.strategy, b.benchmark.metric, (b.stat.mean, b.stat.ciLow, b.stat.ciHigh),
            benchmark: (b.benchmark.low, b.benchmark.high), better: b.benchmark.better, verdict: b.verdict.rawValue)
      }
      for w in s.win4 { for p in w.parties {
        row("win4", i, w.strategy, p.party, (p.shareWon, .nan, .nan), verdict: p.shareWon > Scorecard.majority ? "wins" : "loses")
      } }
    }
    for sw in sweeps { for (i, x) in sw.values.enumerated() {
      row("sweep", sw.scenarios[i], sw.strategy, Report.objective.rawValue, (sw.objective[i].mean, sw.objective[i].ciLow, sw.objective[i].ciHigh),
          verdict: x == sw.sweetspot ? "sweetspot" : (sw.zone.contains(x) ? "zone" : ""), sweep: (sw.key, x))
    } }
    return CSV.table(header: header, rows: rows)
  }

  /// The report as JSON.
  public var json: String {
    func stat(_ s: SummaryStatistic) -> JSONValue { .object([("mean", .number(s.mean)), ("ci95", .array([.number(s.ciLow), .number(s.ciHigh)])), ("n", .integer(s.n))]) }
    let value: JSONValue = .object([
      ("experiment", .string(experiment.name)),
      ("question", .string(experiment.question)),
      ("answer", .string(answer)),
      ("industry", .string(industry)),
      ("margin", .number(experiment.margin)),
      ("methods", .string(methods)),
      ("scenarios", .array(sections.map { s in .object([
        ("label", .string(s.label)),
        ("strategies", .object(s.strategies.map { r in (r.name, .object(Report.headline.map { ($0.rawValue, stat(r.stat($0))) })) })),
        ("ranking", .array((s.isCompared ? s.ranking : []).map { r in .object([
          ("rank", .integer(r.rank)), ("strategy", .string(r.strategy)), (Report.objective.rawValue, stat(r.objective)),
          ("behind_best", r.behindBest.map { c in .object([("mean", .number(c.meanDifference)), ("ci95", .array([.number(c.low), .number(c.high)])),
                                                           ("simultaneous_ci", .array([.number(c.adjustedLow), .number(c.adjustedHigh)])),
                                                           ("holm_p", .number(c.adjustedP)), ("significant", .bool(c.significant)),
                                                           ("margin", .number(c.margin)), ("equivalence_p", .number(c.equivalenceP)),
                                                           ("verdict", .string(c.materiality.reversed.rawValue))]) } ?? .null),
        ]) })),
        ("benchmarks", .array(s.benchmarks.map { b in .object([
          ("strategy", .string(b.strategy)), ("metric", .string(b.benchmark.metric)), ("value", stat(b.stat)),
          ("band", .array([b.benchmark.low.map { .number($0) } ?? .null, b.benchmark.high.map { .number($0) } ?? .null])),
          ("verdict", .string(b.verdict.rawValue)), ("better", b.benchmark.better.map { .string($0.rawValue) } ?? .null),
          ("source", .string(b.benchmark.source)), ("year", .integer(b.benchmark.year)),
        ]) })),
        ("win4", .object(s.win4.map { w in (w.strategy, .object(w.parties.map { ($0.party, .object([("score", .number($0.score)), ("share_won", .number($0.shareWon))])) })) })),
      ]) })),
      ("sweeps", .array(sweeps.map { sw in .object([
        ("key", .string(sw.key)), ("strategy", .string(sw.strategy)), ("fixed", .string(sw.fixed)),
        ("values", .array(sw.values.map { .number($0) })), (Report.objective.rawValue, .array(sw.objective.map(stat))),
        ("peak", .number(sw.argmax)), ("peak_ci95", .array([.number(sw.argmaxLow), .number(sw.argmaxHigh)])),
        ("zone", .array(sw.zone.map { .number($0) })), ("sweetspot", .number(sw.sweetspot)),
      ]) })),
    ])
    return value.rendered() + "\n"
  }
}
