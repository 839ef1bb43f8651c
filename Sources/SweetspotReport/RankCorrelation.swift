import SweetspotNumerics
import SweetspotRobustness

/// Spearman's rank correlation: how monotonically an output moves with one input across a
/// space-filling sample of worlds (Latin hypercube, Sobol', Halton), where Sobol' indices would
/// need a Saltelli design. A screening measure, as in EMA Workbench's and Saltelli et al.'s
/// (Global Sensitivity Analysis: The Primer, 2008, §1.2) use of rank-based coefficients: it finds
/// monotone effects, not interactions.
public enum RankCorrelation {
  /// Ranks 1 … n, ties sharing their mean rank.
  public static func ranks(_ x: [Double]) -> [Double] {
    let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
    var r = [Double](repeating: 0, count: x.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
      let mean = Double(i + j) / 2 + 1
      for k in i...j { r[order[k]] = mean }
      i = j + 1
    }
    return r
  }

  /// Pearson's correlation; 0 when either side does not vary (no association can be measured).
  public static func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    guard a.count == b.count, a.count >= 2 else { return 0 }
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in a.indices {
      let da = a[i] - ma, db = b[i] - mb
      sab += da * db; saa += da * da; sbb += db * db
    }
    return saa > 0 && sbb > 0 ? sab / (saa * sbb).squareRoot() : 0
  }

  /// Spearman's ρ of `x` and `y`, with a 95% percentile-bootstrap interval over `resamples`
  /// resamples of the worlds (pairs kept together).
  public static func spearman(_ x: [Double], _ y: [Double], resamples: Int, seed: UInt64) throws -> Estimate {
    guard x.count == y.count, x.count >= 3 else { throw RobustnessError(.invalidArgument, "rank correlation needs at least 3 paired values") }
    let rho = pearson(ranks(x), ranks(y))
    guard resamples > 0 else { return Estimate(value: rho, low: rho, high: rho) }
    let stream = try RandomStream(key: StreamKey(seed: seed, purpose: .bootstrap))
    var draws: [Double] = []
    draws.reserveCapacity(resamples)
    var bx = x, by = y
    for _ in 0..<resamples {
      for i in x.indices {
        let k = try stream.uniformInt(below: x.count)
        bx[i] = x[k]; by[i] = y[k]
      }
      draws.append(pearson(ranks(bx), ranks(by)))
    }
    draws.sort()
    return Estimate(value: rho, low: try Statistics.quantile(sorted: draws, probability: 0.025),
                    high: try Statistics.quantile(sorted: draws, probability: 0.975))
  }
}
