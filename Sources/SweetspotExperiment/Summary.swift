import SweetspotModel
import SweetspotNumerics

/// Per scenario × strategy × metric: n, mean, sd, Student-t 95% interval and quantiles, over the
/// trials where the metric is defined (NaN values, e.g. a TARP class nobody fell into, are left
/// out and `n` says how many remain).
public struct SummaryStatistic: Sendable, Equatable {
  public var n: Int
  public var mean, sd, ciLow, ciHigh: Double
  public var quantiles: [Double]  // p05, p25, p50, p75, p95
  public static let probabilities = [0.05, 0.25, 0.5, 0.75, 0.95]
  public static let quantileNames = ["p05", "p25", "p50", "p75", "p95"]

  public init(_ xs: [Double]) {
    let v = xs.filter { !$0.isNaN }
    n = v.count
    mean = (try? Statistics.mean(v)) ?? .nan
    sd = (try? Statistics.standardDeviation(v)) ?? .nan
    if let ci = try? ConfidenceInterval(v, level: 0.95) { ciLow = ci.lower; ciHigh = ci.upper } else { ciLow = .nan; ciHigh = .nan }
    let sorted = v.sorted()
    quantiles = SummaryStatistic.probabilities.map { (try? Statistics.quantile(sorted: sorted, probability: $0)) ?? .nan }
  }
}

public struct Summary: Sendable {
  public let table: ResultTable
  /// [scenario][strategy][metric]
  public let cells: [[[SummaryStatistic]]]

  public init(_ table: ResultTable) {
    self.table = table
    let metrics = table.columns.count
    var columns = [[[[Double]]]](repeating: [[[Double]]](repeating: [[Double]](repeating: [], count: metrics), count: table.strategyNames.count), count: table.scenarios.count)
    for r in table.rows {
      for m in 0..<metrics { columns[r.scenario][r.strategy][m].append(r.values[m]) }
    }
    cells = columns.map { $0.map { $0.map(SummaryStatistic.init) } }
  }

  public var csv: String {
    var s = CSV.line(["scenario", "market"] + table.sweepColumns + (table.hasWorlds ? ["world"] : []) + ["strategy", "metric", "n", "mean", "sd", "ci95_low", "ci95_high"]
                     + SummaryStatistic.quantileNames) + "\n"
    for i in table.scenarios.indices {
      for (j, name) in table.strategyNames.enumerated() {
        for (k, m) in table.columns.enumerated() {
          let c = cells[i][j][k]
          var f = table.scenarioFields[i]
          f += [name, m.name, String(c.n), csvNumber(c.mean), csvNumber(c.sd), csvNumber(c.ciLow), csvNumber(c.ciHigh)]
          f += c.quantiles.map(csvNumber)
          s += CSV.line(f) + "\n"
        }
      }
    }
    return s
  }

  public func json(experiment: Experiment) -> JSONValue {
    .object([
      ("experiment", .string(experiment.name)),
      ("question", .string(experiment.question)),
      ("seed", .integer(Int(experiment.seed))),
      ("trials", .integer(experiment.trials)),
      ("baseline", .string(experiment.baseline)),
      ("scenarios", .array(table.scenarios.enumerated().map { i, sc in
        .object([
          ("index", .integer(i)),
          ("label", .string(sc.label)),
          ("market", .string(sc.market.name)),
          ("assignments", .object(sc.assignments.map { ($0.key, .number($0.value)) })),
          ("strategies", .array(table.strategyNames.enumerated().map { j, name in
            .object([
              ("name", .string(name)),
              ("metrics", .object(table.columns.enumerated().map { k, m in
                let c = cells[i][j][k]
                return (m.name, .object([
                  ("n", .integer(c.n)), ("mean", .number(c.mean)), ("sd", .number(c.sd)),
                  ("ci95", .array([.number(c.ciLow), .number(c.ciHigh)])),
                ] + zip(SummaryStatistic.quantileNames, c.quantiles).map { ($0, .number($1)) }))
              })),
            ])
          })),
        ])
      })),
    ])
  }
}
