import SweetspotModel
import SweetspotExperiment

extension Report {
  /// The report's tables as one tidy CSV: section, scenario, strategy, metric, value, interval,
  /// comparison or verdict.
  public var csv: String {
    var rows = ["section,scenario,strategy,metric,mean,ci95_low,ci95_high,difference,difference_low,difference_high,holm_p,significant,benchmark_low,benchmark_high,verdict"]
    func n(_ x: Double?) -> String { x.map(csvNumber) ?? "" }
    func q(_ s: String) -> String { s.contains(",") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s }
    for s in sections {
      for r in s.strategies { for m in Report.headline {
        let st = r.stat(m)
        rows.append(["strategies", q(s.label), r.name, m.rawValue, n(st.mean), n(st.ciLow), n(st.ciHigh), "", "", "", "", "", "", "", ""].joined(separator: ","))
      } }
      for r in s.ranking {
        let c = r.behindBest
        rows.append(["ranking", q(s.label), r.strategy, Report.objective.rawValue, n(r.objective.mean), n(r.objective.ciLow), n(r.objective.ciHigh),
                     n(c?.meanDifference), n(c?.low), n(c?.high), n(c?.adjustedP), c.map { $0.significant ? "yes" : "no" } ?? "", "", "", ""].joined(separator: ","))
      }
      for b in s.benchmarks {
        rows.append(["benchmark", q(s.label), b.strategy, b.benchmark.metric, n(b.stat.mean), n(b.stat.ciLow), n(b.stat.ciHigh), "", "", "", "", "",
                     n(b.benchmark.low), n(b.benchmark.high), b.verdict.rawValue].joined(separator: ","))
      }
      for w in s.win4 { for p in w.parties {
        rows.append(["win4", q(s.label), w.strategy, p.party, n(p.shareWon), "", "", "", "", "", "", p.shareWon > Scorecard.majority ? "wins" : "loses", "", "", ""].joined(separator: ","))
      } }
    }
    for sw in sweeps { for (i, x) in sw.values.enumerated() {
      rows.append(["sweep", q(sw.fixed), sw.strategy, "\(sw.key)=\(csvNumber(x))", n(sw.objective[i].mean), n(sw.objective[i].ciLow), n(sw.objective[i].ciHigh),
                   "", "", "", "", "", "", "", x == sw.sweetspot ? "sweetspot" : (sw.zone.contains(x) ? "zone" : "")].joined(separator: ","))
    } }
    return rows.joined(separator: "\n") + "\n"
  }

  /// The report as JSON.
  public var json: String {
    func stat(_ s: SummaryStatistic) -> JSONValue { .object([("mean", .number(s.mean)), ("ci95", .array([.number(s.ciLow), .number(s.ciHigh)])), ("n", .integer(s.n))]) }
    let value: JSONValue = .object([
      ("experiment", .string(experiment.name)),
      ("question", .string(experiment.question)),
      ("answer", .string(answer)),
      ("industry", .string(industry)),
      ("methods", .string(methods)),
      ("scenarios", .array(sections.map { s in .object([
        ("label", .string(s.label)),
        ("strategies", .object(s.strategies.map { r in (r.name, .object(Report.headline.map { ($0.rawValue, stat(r.stat($0))) })) })),
        ("ranking", .array(s.ranking.map { r in .object([
          ("rank", .integer(r.rank)), ("strategy", .string(r.strategy)), (Report.objective.rawValue, stat(r.objective)),
          ("behind_best", r.behindBest.map { c in .object([("mean", .number(c.meanDifference)), ("ci95", .array([.number(c.low), .number(c.high)])),
                                                           ("simultaneous_ci", .array([.number(c.adjustedLow), .number(c.adjustedHigh)])),
                                                           ("holm_p", .number(c.adjustedP)), ("significant", .bool(c.significant))]) } ?? .null),
        ]) })),
        ("benchmarks", .array(s.benchmarks.map { b in .object([
          ("strategy", .string(b.strategy)), ("metric", .string(b.benchmark.metric)), ("value", stat(b.stat)),
          ("band", .array([b.benchmark.low.map { .number($0) } ?? .null, b.benchmark.high.map { .number($0) } ?? .null])),
          ("verdict", .string(b.verdict.rawValue)), ("source", .string(b.benchmark.source)), ("year", .integer(b.benchmark.year)),
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
