import SweetspotNumerics
import SweetspotRobustness

/// A smooth fit of y on x across a cross-section of firms, with a band and the location of its
/// maximum: local linear regression with tricube weights (Cleveland 1979's LOESS without
/// robustness iterations), evaluated on a grid; the band and the maximum's interval come from a
/// bootstrap that resamples whole industries (trials), since firms of one industry share a market
/// and are not independent.
public struct CrossSectionFit: Sendable, Equatable {
  /// The grid of x (between the 2.5% and 97.5% quantiles of the observed x) and the fit on it.
  public let x: [Double]
  public let fit: [Double]
  /// Pointwise 95% bootstrap band.
  public let low: [Double], high: [Double]
  /// Where the fit peaks, and the 95% bootstrap interval of that location.
  public let peak: Double, peakLow: Double, peakHigh: Double
  /// Share of bootstrap fits whose maximum lies at the grid's top end (the fit still rising at the
  /// largest x observed): near 1, "the more the better" over the observed range.
  public let shareRisingToTheEnd: Double
  /// Spearman's ρ of x and y, with a 95% bootstrap interval over industries.
  public let spearman: Estimate

  /// The fit's maximum lies strictly inside the grid (not at either end): the criterion every
  /// report uses for "peaks inside the range".
  public var peakIsInterior: Bool { x.count > 2 && peak > x[0] && peak < x[x.count - 1] }
  /// …and its bootstrap interval too (when there is one): the peak is located, not just found.
  public var peaksInside: Bool { peakIsInterior && !(peakLow <= x[0] || peakHigh >= x[x.count - 1]) }
  /// The fit is highest at the top end in most resamples (or, without resamples, at the top end).
  public var peaksAtTheTop: Bool {
    guard let last = x.last else { return false }
    return shareRisingToTheEnd.isNaN ? peak == last : shareRisingToTheEnd >= 0.5
  }

  /// The fitted value at x0: weighted least squares of a line on the `span` share of points
  /// nearest x0, weights (1 − (d/h)³)³, h the distance to the farthest of them. `xs` ascending
  /// (the nearest points are then a window around x0's place, found in O(k)).
  static func localLinear(_ xs: [Double], _ ys: [Double], at x0: Double, span: Double) -> Double {
    let n = xs.count
    guard n > 0 else { return .nan }
    let k = min(n, max(2, Int((span * Double(n)).rounded(.up))))
    // The window [lo, hi) of the k points nearest x0.
    var hi = xs.firstIndex { $0 >= x0 } ?? n
    var lo = hi
    while hi - lo < k {
      if lo == 0 { hi += 1 } else if hi == n { lo -= 1 } else if x0 - xs[lo - 1] <= xs[hi] - x0 { lo -= 1 } else { hi += 1 }
    }
    let h = max(max(abs(x0 - xs[lo]), abs(xs[hi - 1] - x0)), 1e-12) * 1.000001
    var sw = 0.0, sx = 0.0, sy = 0.0, sxx = 0.0, sxy = 0.0
    for i in lo..<hi {
      let u = abs(xs[i] - x0) / h
      let t = 1 - u * u * u
      let w = t * t * t
      sw += w; sx += w * xs[i]; sy += w * ys[i]; sxx += w * xs[i] * xs[i]; sxy += w * xs[i] * ys[i]
    }
    guard sw > 0 else { return .nan }
    let mx = sx / sw, my = sy / sw
    let vxx = sxx / sw - mx * mx
    guard vxx > 1e-12 * max(1, mx * mx) else { return my }
    let b = (sxy / sw - mx * my) / vxx
    return my + b * (x0 - mx)
  }

  /// Fits `y` on `x` for observations grouped into `clusters` (industries), on `points` grid
  /// points, with `resamples` cluster-bootstrap resamples from (`seed`, purpose bootstrap, `part`).
  public init(x: [Double], y: [Double], clusters: [Int], span: Double = 0.5, points: Int = 41, resamples: Int = 200,
              seed: UInt64, part: Int = 0) throws {
    precondition(x.count == y.count && x.count == clusters.count)
    let keep = x.indices.filter { x[$0].isFinite && y[$0].isFinite }
    let xs = keep.map { x[$0] }, ys = keep.map { y[$0] }, cs = keep.map { clusters[$0] }
    let sorted = xs.sorted()
    guard sorted.count >= 4, let lo = try? Statistics.quantile(sorted: sorted, probability: 0.025),
          let hi = try? Statistics.quantile(sorted: sorted, probability: 0.975), hi > lo else {
      self.x = []; fit = []; low = []; high = []
      peak = .nan; peakLow = .nan; peakHigh = .nan; shareRisingToTheEnd = .nan
      spearman = Estimate(value: .nan, low: .nan, high: .nan)
      return
    }
    let grid = (0..<points).map { lo + (hi - lo) * Double($0) / Double(points - 1) }
    func curve(_ ix: [Int]) -> [Double] {
      let order = ix.sorted { (xs[$0], $0) < (xs[$1], $1) }
      let bx = order.map { xs[$0] }, by = order.map { ys[$0] }
      return grid.map { CrossSectionFit.localLinear(bx, by, at: $0, span: span) }
    }
    func argmax(_ c: [Double]) -> Int { c.indices.max { (c[$0].isNaN ? -.infinity : c[$0]) < (c[$1].isNaN ? -.infinity : c[$1]) }! }
    let all = Array(xs.indices)
    let main = curve(all)
    // Cluster bootstrap: resample industries with replacement, keep all their firms.
    var byCluster: [Int: [Int]] = [:]
    for (i, c) in cs.enumerated() { byCluster[c, default: []].append(i) }
    let ids = byCluster.keys.sorted()
    let stream = try RandomStream(key: StreamKey(seed: seed, purpose: .bootstrap, part: part))
    var curves: [[Double]] = []
    var peaks: [Double] = [], rhos: [Double] = []
    var atEnd = 0
    for _ in 0..<resamples {
      var ix: [Int] = []
      for _ in ids { ix += byCluster[ids[try stream.uniformInt(below: ids.count)]]! }
      let c = curve(ix)
      curves.append(c)
      let m = argmax(c)
      peaks.append(grid[m])
      if m == grid.count - 1 { atEnd += 1 }
      rhos.append(RankCorrelation.pearson(RankCorrelation.ranks(ix.map { xs[$0] }), RankCorrelation.ranks(ix.map { ys[$0] })))
    }
    func q(_ v: [Double], _ p: Double) -> Double {
      let s = v.filter { !$0.isNaN }.sorted()
      return s.isEmpty ? .nan : (try? Statistics.quantile(sorted: s, probability: p)) ?? .nan
    }
    self.x = grid
    fit = main
    low = grid.indices.map { g in q(curves.map { $0[g] }, 0.025) }
    high = grid.indices.map { g in q(curves.map { $0[g] }, 0.975) }
    peak = grid[argmax(main)]
    peakLow = q(peaks, 0.025)
    peakHigh = q(peaks, 0.975)
    shareRisingToTheEnd = resamples > 0 ? Double(atEnd) / Double(resamples) : .nan
    let rho = RankCorrelation.pearson(RankCorrelation.ranks(xs), RankCorrelation.ranks(ys))
    spearman = Estimate(value: rho, low: q(rhos, 0.025), high: q(rhos, 0.975))
  }
}
