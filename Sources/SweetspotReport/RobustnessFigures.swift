import Foundation
import SweetspotExperiment
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
      let output = (locations.isEmpty ? cell.sensitivities.first : locations.first?.sensitivity)?.output ?? "the answer"
      if let c = sensitivityCanvas(k) {
        out.append(ReportFigure(name: "sensitivity" + suffix, caption: "Which assumptions decide \(output) across \(uncertainty.worldCount) sampled worlds (\(cell.label)).", canvas: c))
      }
      if let c = worldsCanvas(k) {
        out.append(ReportFigure(name: "worlds" + suffix, caption: "The sampled worlds over two assumptions (\(cell.discovery.box != nil && locations.isEmpty ? "restricted by the PRIM box" : "those that matter most")), each coloured by its best \(locations.isEmpty ? "strategy" : "value")\(locations.isEmpty && cell.discovery.box != nil ? ", with the PRIM box (in these two of its restricted assumptions) where the nominal winner is not within the margin of the best" : "") (\(cell.label)).", canvas: c))
      }
    }
    return out
  }

  /// The indices of the key question's output, most important first.
  func sensitivityCanvas(_ k: Int) -> SVGCanvas? {
    guard k < cells.count, let s = locations.first?.sensitivity ?? cells[k].sensitivities.first, !s.indices.isEmpty else { return nil }
    let shown = Array(s.indices.prefix(12))
    let labelWidth = min(300, 7.2 * Double(shown.map(\.key.count).max() ?? 10) + 16)
    let plotWidth = 360.0, rowHeight = 26.0, top = 58.0
    var c = SVGCanvas(width: labelWidth + plotWidth + 40, height: top + rowHeight * Double(shown.count) + 56)
    c.text(12, 22, "Which assumptions decide \(s.output)\(cells.count > 1 && locations.isEmpty ? " (\(cells[k].market))" : "")", size: 14, weight: "bold")
    let what: String
    let values: [(main: Estimate, second: Estimate?)] = shown.map { ($0.main, $0.second) }
    var lo = 0.0, hi = 0.0
    switch s.method {
    case .sobol:
      what = "Sobol' indices: first-order (dark) and total (light), 95% bootstrap intervals"
      for v in values { hi = max(hi, v.main.high, v.second?.high ?? 0, v.main.value, v.second?.value ?? 0); lo = min(lo, v.main.low, v.main.value) }
      hi = max(hi, 1e-9)
    case .morris:
      what = "Morris μ* ($M) with 95% bootstrap interval"
      for v in values { hi = max(hi, v.main.high, v.main.value) }
      hi = max(hi, 1e-9)
    case .rankCorrelation, .partialRankCorrelation:
      what = s.method == .rankCorrelation ? "Spearman rank correlation with 95% bootstrap interval" : "Partial rank correlation (PRCC) with 95% bootstrap interval"
      lo = -1; hi = 1
    }
    c.text(12, 40, what, size: 11, color: "#444")
    let x0 = labelWidth
    func x(_ v: Double) -> Double { x0 + (v - lo) / (hi - lo) * plotWidth }
    let zero = x(0)
    c.line(zero, top - 4, zero, top + rowHeight * Double(shown.count), color: "#888")
    for (k, idx) in shown.enumerated() {
      let y = top + rowHeight * Double(k)
      c.text(x0 - 8, y + 16, idx.key, size: 11, anchor: "end")
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
    for k in 0...4 {
      let v = lo + (hi - lo) * Double(k) / 4
      c.line(x(v), axisY, x(v), axisY + 4, color: "#222")
      c.text(x(v), axisY + 18, s.method == .morris ? Format.money(v) : Format.number(v, 2), size: 10, anchor: "middle")
    }
    return c
  }

  /// The sampled worlds over the two deciding assumptions.
  func worldsCanvas(_ k: Int) -> SVGCanvas? {
    guard k < cells.count, parameters.count >= 1, !cells[k].worldValues.isEmpty else { return nil }
    let cell = cells[k]
    // The two most important assumptions for the key question (or the first two declared).
    let ranked = locations.first?.sensitivity ?? cell.sensitivities.first
    let order = ranked?.indices.compactMap { i in parameters.firstIndex { $0.key == i.key } } ?? Array(parameters.indices)
    // One strategy swept: colour each world by where the sweep's best value lies; else by the best strategy.
    let byLocation = cell.strategies.count == 1 ? locations.first : nil
    let names = byLocation.map { l in l.values.filter { l.locations.contains($0) }.map { Format.number($0, 3) } } ?? cell.strategies.map(\.strategy)
    let winners = byLocation.map { $0.locations.map { Format.number($0, 3) } } ?? cell.winners
    // With a PRIM box, its restricted assumptions are the axes: the figure shows where the answer flips.
    var axes: [Int] = []
    if byLocation == nil, let box = cell.discovery.box {
      axes = order.filter { d in box.limits.contains { $0.dimension == d } }
    }
    for d in order where axes.count < 2 && !axes.contains(d) { axes.append(d) }
    let dx = axes[0], dy = axes.count > 1 ? axes[1] : axes[0]
    let w = 520.0, h = 380.0, left = 70.0, right = 170.0, top = 50.0, bottom = 60.0
    var c = SVGCanvas(width: w + left + right, height: h + top + bottom)
    c.text(12, 22, byLocation.map { "Best \($0.key.split(separator: ".").last ?? "") in each sampled world (\($0.strategy), \($0.fixed))" }
           ?? "Best strategy in each sampled world (\(cell.label))", size: 14, weight: "bold")
    let xs = cell.worldValues.map { $0[dx] }, ys = cell.worldValues.map { $0[dy] }
    func range(_ v: [Double]) -> (Double, Double) {
      let a = v.min()!, b = v.max()!
      return a == b ? (a - 1, b + 1) : (a - 0.04 * (b - a), b + 0.04 * (b - a))
    }
    let (xl, xh) = range(xs), (yl, yh) = range(ys)
    func px(_ v: Double) -> Double { left + (v - xl) / (xh - xl) * w }
    func py(_ v: Double) -> Double { top + h - (v - yl) / (yh - yl) * h }
    c.rect(left, top, w, h, fill: "#FFFFFF", stroke: "#222")
    if byLocation == nil, let box = cell.discovery.box {
      let limit = { (d: Int) in box.limits.first { $0.dimension == d } }
      let bx0 = limit(dx).map { max(xl, $0.low) } ?? xl, bx1 = limit(dx).map { min(xh, $0.high) } ?? xh
      let by0 = limit(dy).map { max(yl, $0.low) } ?? yl, by1 = limit(dy).map { min(yh, $0.high) } ?? yh
      c.rect(px(bx0), py(by1), px(bx1) - px(bx0), py(by0) - py(by1), fill: Palette.zone, opacity: 0.2, stroke: "#000000")
    }
    for k in cell.worldValues.indices {
      let j = names.firstIndex(of: winners[k]) ?? 0
      c.circle(px(xs[k]), py(ys[k]), 4, fill: RobustnessAnalysis.palette[j % RobustnessAnalysis.palette.count])
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
    c.text(left + w / 2, top + h + 40, "\(parameters[dx].key) (\(parameters[dx].unit))", size: 12, anchor: "middle")
    c.text(18, top + h / 2, "\(parameters[dy].key) (\(parameters[dy].unit))", size: 12, anchor: "middle", rotate: -90)
    var ly = top + 10
    c.text(left + w + 14, ly, byLocation == nil ? "best in world" : "best value", size: 11, weight: "bold")
    for (j, n) in names.enumerated() where winners.contains(n) {
      ly += 18
      c.circle(left + w + 20, ly - 4, 4, fill: RobustnessAnalysis.palette[j % RobustnessAnalysis.palette.count])
      c.text(left + w + 30, ly, n, size: 11)
    }
    if byLocation == nil && cell.discovery.box != nil {
      ly += 24
      c.rect(left + w + 14, ly - 10, 12, 12, fill: Palette.zone, opacity: 0.2, stroke: "#000000")
      c.text(left + w + 30, ly, "PRIM box:", size: 11)
      c.text(left + w + 30, ly + 14, "\(cell.nominalBest) not within", size: 10)
      c.text(left + w + 30, ly + 27, "\(marginText) of the best", size: 10)
    }
    return c
  }
}
