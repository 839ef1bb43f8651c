import Foundation
import SweetspotExperiment
import SweetspotModel
import SweetspotRobustness

/// The robustness figures: which assumptions decide the key comparison (a bar chart of the
/// sensitivity indices, most important first) and where each strategy wins (a scatter of the
/// sampled worlds over the two most important assumptions, coloured by the winner, with the
/// PRIM box where the nominal answer flips).
extension RobustnessAnalysis {
  /// The report's palette (Okabe–Ito, ordered for greyscale).
  static var palette: [String] { Palette.colours }

  public var sensitivityFigure: String? { sensitivityCanvas(0)?.svg }
  public var worldsFigure: String? { worldsCanvas(0)?.svg }

  /// The robustness figures, as the report writes them (SVG and PDF in figures/): for a sweep of a
  /// lever, where its best value lies; otherwise one pair per cell (market), at most eight.
  var figures: [ReportFigure] {
    var out: [ReportFigure] = []
    let shown = locations.isEmpty ? Array(cells.indices.filter { cells[$0].strategies.count > 1 }.prefix(8)) : [0]
    for k in shown where k < cells.count {
      let cell = cells[k]
      let suffix = shown.count == 1 ? "" : Report.isFileSafe(cell.market) && Set(cells.map(\.market)).count == cells.count ? "-\(cell.market)" : "-\(k + 1)"
      // A sweep's figures are about where its best value lies across all its points, not about
      // the cell (one sweep point) they are drawn from: the captions say so, not the cell's label.
      let sensitivityCaption: String, worldsCaption: String
      if let l = locations.first {
        let x = l.key.split(separator: ".").last.map(String.init) ?? l.key
        let values = l.values.map(formatParameterNumber).joined(separator: ", ")
        sensitivityCaption = "Which assumptions decide the best \(x) for \(l.strategy) (\(l.fixed)) across \(uncertainty.worldCount) sampled worlds: in each world, the swept value (of \(values)) with the highest \(Report.title(Report.objective))."
      } else {
        sensitivityCaption = "Which assumptions decide \(cell.sensitivities.first?.output ?? "the answer") across \(uncertainty.worldCount) sampled worlds (\(cell.label))."
      }
      if let l = locations.first, cell.strategies.count == 1 {
        let x = l.key.split(separator: ".").last.map(String.init) ?? l.key
        worldsCaption = "The sampled worlds over the two assumptions that matter most, each coloured by its best \(x) for \(l.strategy) among the swept values (\(l.fixed))\(worldsMarks(k))."
      } else {
        // Several strategies: the worlds are coloured by the best strategy in this cell, which in
        // a sweep is one of its points, and the caption says which.
        let box = locations.isEmpty && cell.discovery.box != nil
        worldsCaption = "The sampled worlds over two assumptions (\(box ? "restricted by the PRIM box" : "those that matter most")), each coloured by its best strategy\(box ? ", with the PRIM box (in these two of its restricted assumptions) where the nominal winner is not within the margin of the best" : "") (\(cell.label)\(locations.isEmpty ? "" : ": one point of the sweep"))\(worldsMarks(k))."
      }
      if let c = sensitivityCanvas(k) { out.append(ReportFigure(name: "sensitivity" + suffix, caption: sensitivityCaption, canvas: c)) }
      if let c = worldsCanvas(k) { out.append(ReportFigure(name: "worlds" + suffix, caption: worldsCaption, canvas: c)) }
    }
    return out
  }

  /// Draws a bold title wrapped to the canvas (left-aligned at x = 12) and a grey subtitle
  /// under it; returns the y below them. Titles name long keys
  /// ("best strategy.good-enough.service_level_target (good-enough, competitive)"), so they are
  /// measured and wrapped rather than left to run off the edge.
  static func drawHeading(_ c: inout SVGCanvas, _ title: String, _ subtitle: String?) -> Double {
    var y = 22.0
    for line in SVGCanvas.wrap(title, width: c.width - 24, size: 14, bold: true) {
      c.text(12, y, line, size: 14, weight: "bold", maxWidth: c.width - 24)
      y += 18
    }
    for line in subtitle.map({ SVGCanvas.wrap($0, width: c.width - 24, size: 11) }) ?? [] {
      c.text(12, y, line, size: 11, color: "#444", maxWidth: c.width - 24)
      y += 15
    }
    return y
  }

  /// The height `drawHeading` takes.
  static func headingHeight(_ title: String, _ subtitle: String?, width: Double) -> Double {
    22 + 18 * Double(SVGCanvas.wrap(title, width: width - 24, size: 14, bold: true).count)
      + 15 * Double(subtitle.map { SVGCanvas.wrap($0, width: width - 24, size: 11).count } ?? 0)
  }

  /// Round ticks covering [lo, hi], the range widened to the ticks' ends so the bars' axis
  /// ends on a labelled tick.
  static func roundAxis(_ lo: Double, _ hi: Double, count: Int = 4) -> (lo: Double, hi: Double, ticks: [Double]) {
    var t = ticks(lo, hi, count: count)
    guard t.count > 1 else { return (lo, hi, t) }
    let step = t[1] - t[0]
    let a = t.first! > lo + step * 1e-9 ? t.first! - step : t.first!, b = t.last! < hi - step * 1e-9 ? t.last! + step : t.last!
    t = ticks(a, b, count: count)
    return (a, b, t)
  }

  /// The indices of the key question's output, most important first.
  func sensitivityCanvas(_ k: Int) -> SVGCanvas? {
    guard k < cells.count, let s = locations.first?.sensitivity ?? cells[k].sensitivities.first, !s.indices.isEmpty else { return nil }
    let shown = Array(s.indices.prefix(12))
    let labelWidth = min(300, (shown.map { TextMetrics.width($0.key, size: 11) }.max() ?? 60) + 16)
    let plotWidth = 360.0, rowHeight = 26.0
    let width = labelWidth + plotWidth + 40
    let title = "Which assumptions decide \(s.output)\(cells.count > 1 && locations.isEmpty ? " (\(cells[k].market))" : "")"
    let what: String
    let values: [(main: Estimate, second: Estimate?)] = shown.map { ($0.main, $0.second) }
    var lo = 0.0, hi = 0.0
    // Morris μ* is in dollars: the axis is in $ million, on round ticks.
    let scale = s.method == .morris ? 1e6 : 1
    switch s.method {
    case .sobol:
      what = "Sobol' indices: first-order (dark) and total (light), 95% bootstrap intervals"
      for v in values { hi = max(hi, v.main.high, v.second?.high ?? 0, v.main.value, v.second?.value ?? 0); lo = min(lo, v.main.low, v.main.value) }
      hi = max(hi, 1e-9)
    case .morris:
      what = "Morris μ* ($ million) with 95% bootstrap interval"
      for v in values { hi = max(hi, v.main.high, v.main.value) }
      hi = max(hi, 1e-3)
    case .rankCorrelation, .partialRankCorrelation:
      what = s.method == .rankCorrelation ? "Spearman rank correlation with 95% bootstrap interval" : "Partial rank correlation (PRCC) with 95% bootstrap interval"
      lo = -1; hi = 1
    }
    let noise = RobustnessAnalysis.noise(s)
    let subtitle = what + (noise != nil ? ". Dominated by noise at this sample size: no index names a driver (see the report)." : "")
    let top = RobustnessAnalysis.headingHeight(title, subtitle, width: width) + 10
    var c = SVGCanvas(width: width, height: top + rowHeight * Double(shown.count) + 56)
    _ = RobustnessAnalysis.drawHeading(&c, title, subtitle)
    let axis = RobustnessAnalysis.roundAxis(lo / scale, hi / scale)
    lo = axis.lo * scale; hi = axis.hi * scale
    let x0 = labelWidth
    func x(_ v: Double) -> Double { x0 + (v - lo) / (hi - lo) * plotWidth }
    let zero = x(0)
    c.line(zero, top - 4, zero, top + rowHeight * Double(shown.count), color: "#888")
    for (k, idx) in shown.enumerated() {
      let y = top + rowHeight * Double(k)
      c.text(x0 - 8, y + 16, idx.key, size: 11, anchor: "end", maxWidth: x0 - 14)
      if s.method == .sobol, let t = idx.second {
        c.rect(min(zero, x(t.value)), y + 3, abs(x(t.value) - zero), 9, fill: RobustnessAnalysis.palette[4])
        if t.low.isFinite && t.high.isFinite { c.line(x(t.low), y + 7.5, x(t.high), y + 7.5, color: "#222") }
      }
      let m = idx.main
      c.rect(min(zero, x(m.value)), y + (s.method == .sobol ? 13 : 6), abs(x(m.value) - zero), s.method == .sobol ? 9 : 14, fill: RobustnessAnalysis.palette[0])
      if m.low.isFinite && m.high.isFinite { c.line(x(m.low), y + (s.method == .sobol ? 17.5 : 13), x(m.high), y + (s.method == .sobol ? 17.5 : 13), color: "#222") }
    }
    let axisY = top + rowHeight * Double(shown.count) + 6
    c.line(x0, axisY, x0 + plotWidth, axisY, color: "#222")
    for t in axis.ticks {
      c.line(x(t * scale), axisY, x(t * scale), axisY + 4, color: "#222")
      c.text(x(t * scale), axisY + 18, s.method == .morris ? "$" + tickLabel(t, in: axis.ticks) + "M" : tickLabel(t, in: axis.ticks), size: 10, anchor: "middle")
    }
    return c
  }

  /// Worlds that share a point of the two axes (a Morris design's levels put hundreds on a few
  /// grid points): each occupied point once, with the worlds there, in first-seen order.
  static func gridPoints(_ xs: [Double], _ ys: [Double]) -> [(x: Double, y: Double, worlds: [Int])] {
    var index: [[Double]: Int] = [:]
    var out: [(x: Double, y: Double, worlds: [Int])] = []
    for k in xs.indices {
      if let i = index[[xs[k], ys[k]]] { out[i].worlds.append(k) } else {
        index[[xs[k], ys[k]]] = out.count
        out.append((xs[k], ys[k], [k]))
      }
    }
    return out
  }

  /// Whether the worlds of cell `k` fall on a grid (several worlds on one point of the two axes),
  /// so the worlds figure draws a pie per occupied point rather than points that hide each other.
  func worldsOnGrid(_ k: Int) -> Bool {
    guard let axes = worldsAxes(k) else { return false }
    let cell = cells[k]
    return RobustnessAnalysis.gridPoints(cell.worldValues.map { $0[axes.x] }, cell.worldValues.map { $0[axes.y] }).count < cell.worldValues.count
  }

  /// The caption's words on how the worlds are marked.
  func worldsMarks(_ k: Int) -> String {
    worldsOnGrid(k) ? "; the worlds sit on the design's grid, so each occupied grid point is one pie of the winners' shares of the worlds there, its area proportional to their number"
      + (uncertainty.design == .morris ? " (a screen's grid worlds, one assumption moved at a time: where winners change, not how often)" : "") : ""
  }

  /// The two assumptions the worlds figure plots: the PRIM box's restricted ones when there is a
  /// box, else the two that matter most for the key question (or the first two declared).
  func worldsAxes(_ k: Int) -> (x: Int, y: Int)? {
    guard k < cells.count, parameters.count >= 1, !cells[k].worldValues.isEmpty else { return nil }
    let cell = cells[k]
    let ranked = locations.first?.sensitivity ?? cell.sensitivities.first
    let order = ranked?.indices.compactMap { i in parameters.firstIndex { $0.key == i.key } } ?? Array(parameters.indices)
    let byLocation = cell.strategies.count == 1 ? locations.first : nil
    var axes: [Int] = []
    if byLocation == nil, let box = cell.discovery.box {
      axes = order.filter { d in box.limits.contains { $0.dimension == d } }
    }
    for d in order where axes.count < 2 && !axes.contains(d) { axes.append(d) }
    guard let first = axes.first else { return nil }
    return (first, axes.count > 1 ? axes[1] : first)
  }

  /// The sampled worlds over the two deciding assumptions.
  func worldsCanvas(_ k: Int) -> SVGCanvas? {
    guard let (dx, dy) = worldsAxes(k) else { return nil }
    let cell = cells[k]
    // One strategy swept: colour each world by where the sweep's best value lies; else by the best strategy.
    let byLocation = cell.strategies.count == 1 ? locations.first : nil
    let names = byLocation.map { l in l.values.filter { l.locations.contains($0) }.map { Format.number($0, 3) } } ?? cell.strategies.map(\.strategy)
    let winners = byLocation.map { $0.locations.map { Format.number($0, 3) } } ?? cell.winners
    // A strategy keeps its own colour and marker in every figure (`Palette.styles`); sweep values are styled in order.
    let styles = byLocation == nil ? Palette.styles(names) : Array(names.indices)
    func colour(_ j: Int) -> String { Palette.colour(styles[j]) }
    let w = 520.0, h = 380.0, left = 70.0, right = 170.0, bottom = 60.0
    let title = byLocation.map { "Best \($0.key.split(separator: ".").last ?? "") in each sampled world (\($0.strategy), \($0.fixed))" }
      ?? "Best strategy in each sampled world (\(cell.label))"
    let top = RobustnessAnalysis.headingHeight(title, nil, width: w + left + right) + 12
    var c = SVGCanvas(width: w + left + right, height: h + top + bottom)
    _ = RobustnessAnalysis.drawHeading(&c, title, nil)
    let xs = cell.worldValues.map { $0[dx] }, ys = cell.worldValues.map { $0[dy] }
    func range(_ v: [Double]) -> (Double, Double) {
      let a = v.min()!, b = v.max()!
      return a == b ? (a - 1, b + 1) : (a - 0.04 * (b - a), b + 0.04 * (b - a))
    }
    let grid = RobustnessAnalysis.gridPoints(xs, ys)
    let onGrid = grid.count < xs.count
    let most = Double(grid.map(\.worlds.count).max() ?? 1)
    // Pies need room: the axes reach a little further past the outer grid points.
    let (xl, xh) = onGrid ? RobustnessAnalysis.padded(xs, 0.12) : range(xs), (yl, yh) = onGrid ? RobustnessAnalysis.padded(ys, 0.12) : range(ys)
    func px(_ v: Double) -> Double { left + (v - xl) / (xh - xl) * w }
    func py(_ v: Double) -> Double { top + h - (v - yl) / (yh - yl) * h }
    c.rect(left, top, w, h, fill: "#FFFFFF", stroke: "#222")
    if byLocation == nil, let box = cell.discovery.box {
      let limit = { (d: Int) in box.limits.first { $0.dimension == d } }
      let bx0 = limit(dx).map { max(xl, $0.low) } ?? xl, bx1 = limit(dx).map { min(xh, $0.high) } ?? xh
      let by0 = limit(dy).map { max(yl, $0.low) } ?? yl, by1 = limit(dy).map { min(yh, $0.high) } ?? yh
      c.rect(px(bx0), py(by1), px(bx1) - px(bx0), py(by0) - py(by1), fill: Palette.zone, opacity: 0.2, stroke: "#000000")
    }
    if onGrid {
      // Each occupied grid point: a pie of the winners' shares, its area proportional to the
      // worlds there; the largest as wide as the grid's spacing allows.
      func spacing(_ v: [Double]) -> Double {
        let distinct = Array(Set(v)).sorted()
        return zip(distinct, distinct.dropFirst()).map { $1 - $0 }.min() ?? .infinity
      }
      let room = min(spacing(xs.map(px)), spacing(ys.map(py)).magnitude, 60) * 0.45
      for g in grid {
        let r = max(3, room * (Double(g.worlds.count) / most).squareRoot())
        let shares = names.indices.compactMap { j -> (Double, String)? in
          let n = g.worlds.filter { winners[$0] == names[j] }.count
          return n > 0 ? (Double(n) / Double(g.worlds.count), colour(j)) : nil
        }
        c.pie(px(g.x), py(g.y), r, shares: shares)
      }
    } else {
      for k in cell.worldValues.indices {
        let j = names.firstIndex(of: winners[k]) ?? 0
        c.marker(px(xs[k]), py(ys[k]), Palette.marker(styles[j]), color: colour(j), size: 4)
      }
    }
    let xTicks = ticks(xl, xh), yTicks = ticks(yl, yh)
    for vx in xTicks {
      c.line(px(vx), top + h, px(vx), top + h + 4)
      c.text(px(vx), top + h + 17, tickLabel(vx, in: xTicks), size: 10, anchor: "middle")
    }
    for vy in yTicks {
      c.line(left - 4, py(vy), left, py(vy))
      c.text(left - 7, py(vy) + 4, tickLabel(vy, in: yTicks), size: 10, anchor: "end")
    }
    c.text(left + w / 2, top + h + 40, "\(parameters[dx].key) (\(parameters[dx].unit))", size: 12, anchor: "middle", maxWidth: w + left)
    c.text(18, top + h / 2, "\(parameters[dy].key) (\(parameters[dy].unit))", size: 12, anchor: "middle", rotate: -90, maxWidth: h)
    var ly = top + 10
    let legendW = right - 20
    c.text(left + w + 14, ly, byLocation == nil ? "best in world" : "best value", size: 11, weight: "bold", maxWidth: legendW)
    for (j, n) in names.enumerated() where winners.contains(n) {
      ly += 18
      if onGrid { c.circle(left + w + 20, ly - 4, 4.5, fill: colour(j)) } else { c.marker(left + w + 20, ly - 4, Palette.marker(styles[j]), color: colour(j), size: 4) }
      c.text(left + w + 30, ly, n, size: 11, maxWidth: legendW - 16)
    }
    if onGrid {
      ly += 22
      for line in SVGCanvas.wrap("Pie: the worlds at one grid point, sliced by winner; its area is proportional to their number (\(grid.map(\.worlds.count).min() ?? 0) to \(Int(most))).", width: legendW, size: 9.5) {
        c.text(left + w + 14, ly, line, size: 9.5, color: "#444", maxWidth: legendW)
        ly += 12
      }
    }
    if byLocation == nil && cell.discovery.box != nil {
      ly += 24
      c.rect(left + w + 14, ly - 10, 12, 12, fill: Palette.zone, opacity: 0.2, stroke: "#000000")
      c.text(left + w + 30, ly, "PRIM box:", size: 11)
      c.text(left + w + 30, ly + 14, "\(cell.nominalBest) not within", size: 10, maxWidth: legendW - 16)
      c.text(left + w + 30, ly + 27, "\(marginText) of the best", size: 10, maxWidth: legendW - 16)
    }
    return c
  }

  /// The values' range widened by `share` of it on each side (a single value: ±1).
  static func padded(_ v: [Double], _ share: Double) -> (Double, Double) {
    let a = v.min()!, b = v.max()!
    return a == b ? (a - 1, b + 1) : (a - share * (b - a), b + share * (b - a))
  }
}
