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
  public var significant: Bool { adjustedP < 0.05 }
}

public enum Analysis {
  /// Paired t comparison of a − b, with a Bonferroni-simultaneous interval for `comparisons`.
  public static func paired(_ a: [Double], _ b: [Double], comparisons m: Int) -> PairedComparison? {
    var d: [Double] = []
    for i in 0..<min(a.count, b.count) where !a[i].isNaN && !b[i].isNaN { d.append(a[i] - b[i]) }
    guard d.count >= 2, let mean = try? Statistics.mean(d), let sd = try? Statistics.standardDeviation(d) else { return nil }
    let n = Double(d.count)
    let se = sd / n.squareRoot()
    let t95 = (try? StudentT.quantile(probability: 0.975, degreesOfFreedom: n - 1)) ?? .nan
    let tAdj = (try? StudentT.quantile(probability: 1 - 0.025 / Double(max(m, 1)), degreesOfFreedom: n - 1)) ?? .nan
    let p: Double
    if se == 0 { p = mean == 0 ? 1 : 0 } else {
      let t = abs(mean / se)
      p = min(1, 2 * (1 - ((try? StudentT.cdf(t, degreesOfFreedom: n - 1)) ?? 1)))
    }
    return PairedComparison(n: d.count, meanDifference: mean, low: mean - t95 * se, high: mean + t95 * se,
                            adjustedLow: mean - tAdj * se, adjustedHigh: mean + tAdj * se, pValue: p, adjustedP: p)
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

  /// The "just good enough" zone: the values whose mean is not significantly below the best
  /// value's (paired t, Holm over the comparisons with the best). Returns indices.
  public static func indifferenceZone(series: [[Double]]) -> (best: Int, zone: [Int], comparisons: [PairedComparison?]) {
    let means = series.map { s in s.filter { !$0.isNaN }.reduce(0, +) / Double(max(1, s.filter { !$0.isNaN }.count)) }
    let best = means.indices.max { means[$0] < means[$1] }!
    let others = series.indices.filter { $0 != best }
    var comps: [PairedComparison?] = series.indices.map { $0 == best ? nil : paired(series[best], series[$0], comparisons: others.count) }
    let adjusted = holm(others.map { comps[$0]?.pValue ?? 1 })
    for (k, i) in others.enumerated() { if var c = comps[i] { c.adjustedP = adjusted[k]; comps[i] = c } }
    let zone = series.indices.filter { $0 == best || !(comps[$0]?.significant ?? false) || (comps[$0]?.meanDifference ?? 0) <= 0 }
    return (best, zone, comps)
  }
}
