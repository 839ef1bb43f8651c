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
    return try Bootstrap.intervals(values: [rho], units: x.count, resamples: resamples, confidence: 0.95, seed: seed) { k in
      [pearson(ranks(k.map { x[$0] }), ranks(k.map { y[$0] }))]
    }[0]
  }
}

extension RankCorrelation {
  /// Partial rank correlation coefficients (PRCC; Marino, Hogue, Ray & Kirschner, J. Theor. Biol.
  /// 254, 2008): for each input j, the correlation of the ranks of x_j and of y after the linear
  /// effect of the other inputs' ranks is taken out of both. Unlike Spearman's ρ it does not
  /// credit an input for its chance correlation with another in a small sample (an input with no
  /// effect stays near 0). Needs more worlds than inputs + 2; nil otherwise.
  /// - Parameters: x: rows of input values (worlds × inputs); y: the output per world.
  public static func partial(_ x: [[Double]], _ y: [Double]) -> [Double]? {
    let n = y.count, k = x.first?.count ?? 0
    guard n == x.count, k >= 1, n > k + 2 else { return nil }
    let rx = (0..<k).map { j in ranks(x.map { $0[j] }) }, ry = ranks(y)
    return (0..<k).map { j in
      let others = (0..<k).filter { $0 != j }.map { rx[$0] }
      guard let a = residuals(rx[j], on: others), let b = residuals(ry, on: others) else { return 0 }
      return pearson(a, b)
    }
  }

  /// PRCC with 95% percentile-bootstrap intervals over `resamples` resamples of the worlds; nil
  /// when there are too few worlds for the inputs.
  public static func partial(_ x: [[Double]], _ y: [Double], resamples: Int, seed: UInt64) throws -> [Estimate]? {
    guard let point = partial(x, y) else { return nil }
    guard resamples > 0 else { return point.map { Estimate(value: $0, low: $0, high: $0) } }
    // A resample too collinear for the regressions counts as NaN, left out of the quantiles.
    return try Bootstrap.intervals(values: point, units: y.count, resamples: resamples, confidence: 0.95, seed: seed) { k in
      partial(k.map { x[$0] }, k.map { y[$0] }) ?? point.map { _ in .nan }
    }
  }

  /// The residuals of y regressed (least squares, with an intercept) on the columns `on`; nil
  /// when the columns are collinear.
  static func residuals(_ y: [Double], on columns: [[Double]]) -> [Double]? {
    let n = y.count, p = columns.count + 1
    func column(_ c: Int, _ i: Int) -> Double { c == 0 ? 1 : columns[c - 1][i] }
    // Normal equations (XᵀX) β = Xᵀy, solved by Gaussian elimination with partial pivoting.
    var a = [[Double]](repeating: [Double](repeating: 0, count: p + 1), count: p)
    for r in 0..<p {
      for c in 0..<p { a[r][c] = (0..<n).reduce(0) { $0 + column(r, $1) * column(c, $1) } }
      a[r][p] = (0..<n).reduce(0) { $0 + column(r, $1) * y[$1] }
    }
    for c in 0..<p {
      guard let pivot = (c..<p).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), abs(a[pivot][c]) > 1e-12 * max(1, abs(a[c][c])) else { return nil }
      a.swapAt(c, pivot)
      for r in 0..<p where r != c {
        let f = a[r][c] / a[c][c]
        if f != 0 { for k in c...p { a[r][k] -= f * a[c][k] } }
      }
    }
    let beta = (0..<p).map { a[$0][p] / a[$0][$0] }
    return (0..<n).map { i in y[i] - (0..<p).reduce(0) { $0 + beta[$1] * column($1, i) } }
  }
}
