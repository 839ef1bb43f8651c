import SweetspotModel
import SweetspotNumerics

/// A paired comparison of two strategies on one metric, trial by trial (common random numbers).
public struct PairedComparison: Sendable, Equatable {
  public let n: Int
  public let meanDifference: Double
  /// 95% interval of the mean difference.
  public let low: Double, high: Double
  /// Simultaneous interval (Bonferroni over the comparisons made).
  public let adjustedLow: Double, adjustedHigh: Double
  public let pValue: Double
  /// Holm-adjusted p-value.
  public var adjustedP: Double
  /// The materiality margin in the metric's unit (absolute): differences within ±margin do not matter.
  public let margin: Double
  /// Two one-sided tests (Schuirmann 1987) of H0: |difference| ≥ margin: the larger of the two
  /// one-sided p-values. Below 0.05, the difference lies inside ±margin.
  public let equivalenceP: Double
  /// The one-sided test of H0: |difference| ≤ margin, on the side of the mean (a minimum-effect
  /// test): below 0.05, the difference lies beyond the margin.
  public let materialP: Double
  /// Different from zero after Holm's correction (the classic test, blind to the margin).
  public var significant: Bool { adjustedP < Analysis.alpha }
  /// What the comparison says of a − b against the margin; see `Materiality`.
  public var materiality: Materiality {
    if equivalenceP < Analysis.alpha { return .equivalent }
    if significant && materialP < Analysis.alpha { return meanDifference > 0 ? .better : .worse }
    return .inconclusive
  }
}

/// The verdict of a paired comparison a − b with a materiality margin m.
///
/// - equivalent: the two one-sided tests put the difference inside (−m, m) (Schuirmann's TOST,
///   α = 0.05 each side, so the 90% interval lies inside the margin);
/// - better / worse: the difference is significant after Holm's correction *and* a one-sided
///   test at α = 0.05 puts it beyond the margin (the 90% interval lies wholly outside ±m: the
///   "minimum effect" rule, stricter than |mean| > m);
/// - inconclusive: neither; more trials would tell.
///
/// Common random numbers make paired differences so precise that a 0.08% gap is "significant";
/// a margin keeps such gaps from deciding a ranking or a sweetspot.
public enum Materiality: String, Sendable, Equatable {
  case better, worse, equivalent, inconclusive
}

public enum Analysis {
  /// The level of every test in the reports.
  public static let alpha = 0.05
  /// The default materiality margin: 1% of the reference mean (the best's, or the baseline's).
  public static let defaultMargin = 0.01

  /// Paired t comparison of a − b, with a Bonferroni-simultaneous interval for `comparisons`,
  /// and the equivalence and minimum-effect tests against ±`margin` (absolute, in the metric's unit).
  public static func paired(_ a: [Double], _ b: [Double], comparisons m: Int, margin: Double = 0) -> PairedComparison? {
    var d: [Double] = []
    for i in 0..<min(a.count, b.count) where !a[i].isNaN && !b[i].isNaN { d.append(a[i] - b[i]) }
    guard d.count >= 2, let mean = try? Statistics.mean(d), let sd = try? Statistics.standardDeviation(d) else { return nil }
    let n = Double(d.count)
    let se = sd / n.squareRoot()
    let t95 = (try? StudentT.quantile(probability: 1 - alpha / 2, degreesOfFreedom: n - 1)) ?? .nan
    let tAdj = (try? StudentT.quantile(probability: 1 - alpha / 2 / Double(max(m, 1)), degreesOfFreedom: n - 1)) ?? .nan
    let p = min(1, 2 * upperTail(abs(mean), se: se, df: n - 1))
    let tost = equivalence(mean: mean, se: se, df: n - 1, margin: margin)
    return PairedComparison(n: d.count, meanDifference: mean, low: mean - t95 * se, high: mean + t95 * se,
                            adjustedLow: mean - tAdj * se, adjustedHigh: mean + tAdj * se, pValue: p, adjustedP: p,
                            margin: margin, equivalenceP: tost.equivalence, materialP: tost.material)
  }

  /// P(T > x / se) for Student's t with `df` degrees of freedom; with se = 0 (every paired
  /// difference equal) the test is decided by the sign of x alone: 0 when x > 0, 1 otherwise.
  static func upperTail(_ x: Double, se: Double, df: Double) -> Double {
    guard se > 0 else { return x > 0 ? 0 : 1 }
    return 1 - ((try? StudentT.cdf(x / se, degreesOfFreedom: df)) ?? 0)
  }

  /// Two one-sided tests of a mean difference against ±margin (Schuirmann 1987):
  /// p₁ = P(T > (mean + margin)/se) under H0: d ≤ −margin, p₂ = P(T > (margin − mean)/se) under
  /// H0: d ≥ margin; the equivalence p-value is max(p₁, p₂). The minimum-effect p-value tests
  /// H0: |d| ≤ margin on the side of the mean: P(T > (|mean| − margin)/se).
  public static func equivalence(mean: Double, se: Double, df: Double, margin: Double) -> (equivalence: Double, material: Double) {
    let p1 = upperTail(mean + margin, se: se, df: df)
    let p2 = upperTail(margin - mean, se: se, df: df)
    return (max(p1, p2), upperTail(abs(mean) - margin, se: se, df: df))
  }

  /// Holm's step-down adjustment (Holm 1979): controls the family-wise error rate.
  public static func holm(_ p: [Double]) -> [Double] {
    let order = p.indices.sorted { p[$0] < p[$1] }
    var adjusted = [Double](repeating: 1, count: p.count)
    var running = 0.0
    for (rank, i) in order.enumerated() {
      running = max(running, min(1, Double(p.count - rank) * p[i]))
      adjusted[i] = running
    }
    return adjusted
  }

  /// Where an interval lies relative to a benchmark band.
  public enum Verdict: String, Sendable, Equatable {
    case below, within, above
    case straddlesLow = "straddles the low end"
    case straddlesHigh = "straddles the high end"
  }

  /// below / within / above when the whole interval [lo, hi] is; straddles otherwise. A band with
  /// one end is a target: within means at or past it.
  public static func verdict(low lo: Double, high hi: Double, band: (low: Double?, high: Double?)) -> Verdict {
    let bl = band.low ?? -.infinity, bh = band.high ?? .infinity
    if hi < bl { return .below }
    if lo > bh { return .above }
    if lo >= bl && hi <= bh { return .within }
    return lo < bl ? .straddlesLow : .straddlesHigh
  }

  /// The location of the maximum of `series` (values × trials, paired by trial) and a bootstrap
  /// 95% percentile interval for it: trials are resampled with replacement (the same resample for
  /// every value, keeping the pairing), `resamples` times, from the stream `key`.
  public static func bootstrapArgmax(values: [Double], series: [[Double]], resamples: Int = 1000,
                                     key: StreamKey) throws -> (argmax: Double, low: Double, high: Double) {
    let trials = series.map(\.count).min() ?? 0
    func means(_ idx: [Int]) -> [Double] {
      series.map { s in idx.reduce(0) { $0 + (s[$1].isNaN ? 0 : s[$1]) } / Double(idx.count) }
    }
    func argmax(_ m: [Double]) -> Int { m.indices.max { m[$0] < m[$1] || (m[$0] == m[$1] && $0 > $1) }! }
    let best = values[argmax(means(Array(0..<trials)))]
    let stream = try RandomStream(key: key)
    var locations: [Double] = []
    locations.reserveCapacity(resamples)
    var idx = [Int](repeating: 0, count: trials)
    for _ in 0..<resamples {
      for k in 0..<trials { idx[k] = min(trials - 1, Int(stream.uniform() * Double(trials))) }
      locations.append(values[argmax(means(idx))])
    }
    locations.sort()
    let lo = (try? Statistics.quantile(sorted: locations, probability: 0.025)) ?? best
    let hi = (try? Statistics.quantile(sorted: locations, probability: 0.975)) ?? best
    return (best, lo, hi)
  }

  /// The sweetspot zone: the values whose mean is equivalent to the best value's, within ±margin
  /// × |the best's mean| (paired TOST, `Materiality.equivalent`), the best included. Differences
  /// are also Holm-corrected over the comparisons with the best, for the verdicts. Returns indices.
  public static func equivalenceZone(series: [[Double]], margin: Double) -> (best: Int, zone: [Int], comparisons: [PairedComparison?]) {
    let means = series.map { s in s.filter { !$0.isNaN }.reduce(0, +) / Double(max(1, s.filter { !$0.isNaN }.count)) }
    let best = means.indices.max { means[$0] < means[$1] }!
    let absolute = margin * abs(means[best])
    let others = series.indices.filter { $0 != best }
    var comps: [PairedComparison?] = series.indices.map {
      $0 == best ? nil : paired(series[best], series[$0], comparisons: others.count, margin: absolute)
    }
    let adjusted = holm(others.map { comps[$0]?.pValue ?? 1 })
    for (k, i) in others.enumerated() { if var c = comps[i] { c.adjustedP = adjusted[k]; comps[i] = c } }
    let zone = series.indices.filter { $0 == best || comps[$0]?.materiality == .equivalent }
    return (best, zone, comps)
  }
}

extension Analysis {
  /// The run of consecutive indices around `best` that are all in `zone`: a sweep's sweetspot
  /// zone is an interval of the lever containing the peak, never a scatter of values that
  /// happen to pass the equivalence test on either side of one that does not.
  public static func contiguous(_ zone: [Int], around best: Int) -> [Int] {
    let members = Set(zone)
    guard members.contains(best) else { return [best] }
    var lo = best, hi = best
    while members.contains(lo - 1) { lo -= 1 }
    while members.contains(hi + 1) { hi += 1 }
    return Array(lo...hi)
  }
}

extension Materiality {
  /// The verdict of b − a, given that of a − b.
  public var reversed: Materiality {
    switch self {
    case .better: return .worse
    case .worse: return .better
    case .equivalent, .inconclusive: return self
    }
  }
}

extension Report.RankRow {
  /// This strategy against the best (nil for the best itself): equivalent, worse or inconclusive.
  public var verdict: Materiality? { behindBest?.materiality.reversed }
}
