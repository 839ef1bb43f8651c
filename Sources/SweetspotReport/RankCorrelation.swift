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
  ///
  /// Computed from the inverse P of the (k + 1) × (k + 1) correlation matrix of the ranks
  /// (inputs, then the output): the partial correlation of x_j and y given the rest is
  /// −P_jy/√(P_jj·P_yy), the same number as correlating the two regressions' residuals, with one
  /// inversion in place of 2k regressions (the bootstrap repeats it hundreds of times). nil when
  /// the inputs' ranks are collinear; ±1 for the inputs of an exact relation, NaN for the others.
  public static func partial(_ x: [[Double]], _ y: [Double]) -> [Double]? {
    let n = y.count, k = x.first?.count ?? 0
    guard n == x.count, k >= 1, n > k + 2 else { return nil }
    // Ranks, centred and scaled to unit length, so their inner products are correlations.
    var columns = (0..<k).map { j in ranks(x.map { $0[j] }) } + [ranks(y)]
    for c in columns.indices {
      let m = columns[c].reduce(0, +) / Double(n)
      let centred = columns[c].map { $0 - m }
      let norm = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
      guard norm > 0 else { return nil }
      columns[c] = centred.map { $0 / norm }
    }
    let p = k + 1
    var r = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
    for a in 0..<p {
      for b in a..<p {
        var s = 0.0
        for i in 0..<n { s += columns[a][i] * columns[b][i] }
        r[a][b] = s; r[b][a] = s
      }
    }
    if let inverse = invert(r) {
      let yy = inverse[k][k]
      return (0..<k).map { j in
        let q = inverse[j][j] * yy
        return q > 0 ? max(-1, min(1, -inverse[j][k] / q.squareRoot())) : 0
      }
    }
    // The inputs' ranks determine the output's exactly (a resample that repeats worlds can make a
    // near-perfect rank relation perfect): the output's residual is zero, so an input the exact
    // relation uses has partial correlation ±1 (its sign) and one it does not use has none (NaN).
    // Collinear inputs leave it undefined (nil).
    guard let inputs = invert(r.prefix(k).map { Array($0.prefix(k)) }) else { return nil }
    return (0..<k).map { j in
      let beta = (0..<k).reduce(0.0) { $0 + inputs[j][$1] * r[$1][k] }
      return abs(beta) > 1e-8 ? (beta > 0 ? 1 : -1) : .nan
    }
  }

  /// The inverse of a symmetric matrix by Gauss–Jordan elimination with partial pivoting; nil when a
  /// pivot falls below 1e-10 (the matrix is singular to working precision).
  static func invert(_ m: [[Double]]) -> [[Double]]? {
    let p = m.count
    var a = m.enumerated().map { r, row in row + (0..<p).map { $0 == r ? 1.0 : 0.0 } }
    for c in 0..<p {
      guard let pivot = (c..<p).max(by: { abs(a[$0][c]) < abs(a[$1][c]) }), abs(a[pivot][c]) > 1e-10 else { return nil }
      a.swapAt(c, pivot)
      let d = a[c][c]
      for j in 0..<(2 * p) { a[c][j] /= d }
      for r in 0..<p where r != c {
        let f = a[r][c]
        if f != 0 { for j in 0..<(2 * p) { a[r][j] -= f * a[c][j] } }
      }
    }
    return a.map { Array($0[p...]) }
  }

  /// PRCC with 95% percentile-bootstrap intervals over `resamples` resamples of the worlds; nil
  /// when there are too few worlds for the inputs.
  public static func partial(_ x: [[Double]], _ y: [Double], resamples: Int, seed: UInt64) throws -> [Estimate]? {
    guard let point = partial(x, y) else { return nil }
    guard resamples > 0 else { return point.map { Estimate(value: $0, low: $0, high: $0) } }
    // A resample with collinear inputs (a resample repeats worlds, so with few more worlds than
    // inputs many are) gives no value; an input the output's exact relation leaves out gives none
    // either. Values left out do not enter the quantiles, and an input for which fewer than half
    // the resamples give a value has an unknown interval (NaN), never the spread of a lucky few.
    var finite = [Int](repeating: 0, count: point.count)
    let estimates = try Bootstrap.intervals(values: point, units: y.count, resamples: resamples, confidence: 0.95, seed: seed) { k in
      guard let p = partial(k.map { x[$0] }, k.map { y[$0] }) else { return point.map { _ in .nan } }
      for j in p.indices where p[j].isFinite { finite[j] += 1 }
      return p
    }
    return estimates.enumerated().map { j, e in 2 * finite[j] >= resamples ? e : Estimate(value: e.value, low: .nan, high: .nan) }
  }
}
