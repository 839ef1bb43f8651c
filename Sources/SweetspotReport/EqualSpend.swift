import SweetspotExperiment
import SweetspotModel
import SweetspotNumerics

/// Two ways of spending on service compared at the same total spend (Goodman's question: do
/// root-cause fixes earn more than the same money spent on the front line?).
///
/// A sweep of one strategy's spending lever traces its curve of customer equity against measured
/// service cost (`cost_to_serve`: staffing, training, technology, root-cause work, proactive
/// notices). A comparator strategy run in the same scenarios spends some amount; where that amount
/// lies inside the swept curve's cost range, the swept strategy's equity at exactly that cost is
/// read off the curve by linear interpolation between the two neighbouring sweep points, trial by
/// trial (common random numbers: trial t of every point shares its streams), and compared with the
/// comparator's paired, trial by trial.
public struct EqualSpendComparison: Sendable {
  /// The swept strategy and its comparator.
  public let swept: String
  public let comparator: String
  /// The comparator's mean total service cost: the spend both are compared at.
  public let spend: Double
  /// Where on the sweep that spend falls (the swept lever's interpolated value).
  public let leverValue: Double
  /// Swept strategy's interpolated objective − comparator's, paired over trials.
  public let difference: SummaryStatisticLike

  /// Mean and 95% t-interval of a paired difference.
  public struct SummaryStatisticLike: Sendable {
    public let n: Int
    public let mean: Double
    public let low: Double
    public let high: Double
    public var significant: Bool { low > 0 || high < 0 }
  }

  /// - Parameters:
  ///   - values: the swept lever's values, ascending.
  ///   - cost, objective: per sweep point, per trial (same trials at every point and for the comparator).
  ///   - comparatorCost, comparatorObjective: per trial.
  /// - Returns: nil when the comparator's spend lies outside the swept curve's cost range, or the
  ///   curve's cost does not rise monotonically with the lever (no unique point of equal spend).
  public static func compare(swept: String, comparator: String, values: [Double], cost: [[Double]], objective: [[Double]],
                             comparatorCost: [Double], comparatorObjective: [Double]) throws -> EqualSpendComparison? {
    let n = comparatorObjective.count
    guard values.count >= 2, cost.count == values.count, objective.count == values.count, n >= 2,
          comparatorCost.count == n, cost.allSatisfy({ $0.count == n }), objective.allSatisfy({ $0.count == n }) else { return nil }
    func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
    let meanCost = cost.map(mean)
    guard zip(meanCost, meanCost.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
    let target = mean(comparatorCost)
    guard let k = meanCost.indices.dropLast().first(where: { meanCost[$0] <= target && target <= meanCost[$0 + 1] }) else { return nil }
    let w = (target - meanCost[k]) / (meanCost[k + 1] - meanCost[k])
    let d = (0..<n).map { t in (1 - w) * objective[k][t] + w * objective[k + 1][t] - comparatorObjective[t] }
    // The comparator is the swept strategy itself at this point (the same levers, so the same
    // outcome in every trial): nothing to compare.
    if d.allSatisfy({ $0 == 0 }) { return nil }
    let m = mean(d)
    let sd = (d.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(n - 1)).squareRoot()
    let half = try StudentT.quantile(probability: 0.975, degreesOfFreedom: Double(n - 1)) * sd / Double(n).squareRoot()
    return EqualSpendComparison(swept: swept, comparator: comparator, spend: target, leverValue: values[k] + w * (values[k + 1] - values[k]),
                                difference: SummaryStatisticLike(n: n, mean: m, low: m - half, high: m + half))
  }
}

extension EqualSpendComparison {
  /// Every equal-spend comparison a run supports: when the first swept key is one strategy's
  /// lever (`strategy.NAME.LEVER`), each other strategy of each series (a market and the other
  /// sweeps' values) compared with NAME's curve at that strategy's spend.
  public static func all(experiment: Experiment, scenarios: [Scenario], table: ResultTable) throws -> [(fixed: String, comparison: EqualSpendComparison)] {
    guard let key = experiment.sweeps.first?.key else { return [] }
    let parts = key.split(separator: ".").map(String.init)
    guard parts.count == 3, parts[0] == "strategy", parts[1] != "*", let j = experiment.strategies.firstIndex(where: { $0.name == parts[1] }) else { return [] }
    let names = experiment.strategies.map(\.name)
    let m = Metric.allCases.firstIndex(of: Report.objective)!, c = Metric.allCases.firstIndex(of: .costToServe)!
    // [scenario][strategy] → (trial → (cost, objective)), trials in order.
    var cells = [[[Int: (Double, Double)]]](repeating: [[Int: (Double, Double)]](repeating: [:], count: names.count), count: scenarios.count)
    for r in table.rows { cells[r.scenario][r.strategy][r.trial] = (r.values[c], r.values[m]) }
    var out: [(String, EqualSpendComparison)] = []
    for (fixed, members) in Report.sweepSeries(scenarios.map { ($0.market.name, $0.assignments) }, key: 0) {
      let trials = cells[members[0]][j].keys.sorted()
      func column(_ s: Int, _ k: Int, _ pick: ((Double, Double)) -> Double) -> [Double] { trials.map { pick(cells[s][k][$0] ?? (.nan, .nan)) } }
      for k in names.indices where k != j {
        // The comparator does not depend on the swept lever: its trials at the first sweep point.
        guard let comparison = try compare(swept: names[j], comparator: names[k], values: members.map { scenarios[$0].assignments[0].value },
                                           cost: members.map { column($0, j, \.0) }, objective: members.map { column($0, j, \.1) },
                                           comparatorCost: column(members[0], k, \.0), comparatorObjective: column(members[0], k, \.1))
        else { continue }
        out.append((fixed, comparison))
      }
    }
    return out
  }

  /// "At front-line-first's total service spend ($2.10M), root-cause-first (root_cause_spend ≈ 5.2) would earn $0.40M more …".
  public func sentence(lever: String) -> String {
    let d = difference
    let amount = d.significant ? "\(Format.money(abs(d.mean))) \(d.mean > 0 ? "more" : "less") than" : "about the same as"
    return "At equal total service spend (\(comparator)'s \(Format.money(spend))), \(swept) (at \(lever) ≈ \(Format.number(leverValue, 2)), read off its sweep) earns \(amount) \(comparator) (paired 95% CI \(Format.money(d.low)) to \(Format.money(d.high)) over \(d.n) trials)."
  }
}
