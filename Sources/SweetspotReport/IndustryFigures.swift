import SweetspotExperiment
import SweetspotModel

/// The industry report's figures: the cross-section of firms with the fit, and the lists over time.
extension IndustryReport {
  public var figures: [ReportFigure] {
    [ReportFigure(name: "cross-section", caption: crossSectionCaption, canvas: crossSectionCanvas()),
     ReportFigure(name: "lists", caption: listsCaption, canvas: listsCanvas())]
  }

  /// Panel geometry shared by both figures: two columns when there are several scenarios.
  private func layout(title: String, note: String, legend: [String], below: Double = 66) -> (canvas: SVGCanvas, panels: [(x: Double, y: Double)], w: Double, h: Double, legendY: Double) {
    let columns = analysis.cells.count > 1 ? 2 : 1
    let w = columns == 1 ? 430.0 : 250.0, h = 200.0, left = 70.0, gapX = 30.0, gapY = below
    let width = max(560, left + Double(columns) * (w + gapX) + 10)
    let top = Report.titleHeight(title, width: width)
    let legendRows = (legend.count + 3) / 4
    let legendH = Double(legendRows) * 16 + 10
    let rows = (analysis.cells.count + columns - 1) / columns
    var c = SVGCanvas(width: width, height: top + legendH + Double(rows) * (h + gapY) + Report.noteHeight(note, width: width))
    _ = Report.drawTitle(&c, title)
    let panels = analysis.cells.indices.map { k in (x: left + Double(k % columns) * (w + gapX), y: top + legendH + 18 + Double(k / columns) * (h + gapY)) }
    Report.drawNote(&c, note)
    return (c, panels, w, h, top + 4)
  }

  /// Strategy k's legend entry (its fixed style, `Palette.styles`): marker and name, four to a row.
  private func drawLegend(_ c: inout SVGCanvas, _ names: [String], styles: [Int], y: Double) {
    let slot = (c.width - 40) / 4
    for (k, n) in names.enumerated() {
      let x = 20 + Double(k % 4) * slot, yy = y + Double(k / 4) * 16 + 8
      c.marker(x + 5, yy - 4, Palette.marker(styles[k]), color: Palette.colour(styles[k]), size: 3.5)
      c.text(x + 16, yy, n, size: 10, maxWidth: slot - 20)
    }
  }

  func crossSectionCanvas() -> SVGCanvas {
    let names = experiment.strategies.map(\.name)
    let title = "\(experiment.name): profit against service spend across firms"
    let note = "Each marker is one firm of one industry (hollow: it left the market). Line: local linear fit; grey band: its 95% bootstrap band over industries; dashed: the fit's peak when it lies inside the range."
    var (c, panels, w, h, legendY) = layout(title: title, note: note, legend: names)
    let styles = Palette.styles(names)
    drawLegend(&c, names, styles: styles, y: legendY)
    for (k, cell) in analysis.cells.enumerated() {
      let (px, py) = panels[k]
      let shown = cell.firms.filter { $0.spend.isFinite && $0.adjusted.isFinite }
      let xs = shown.map(\.spend), ys = shown.map(\.adjusted)
      guard let xlo0 = xs.min(), let xhi0 = xs.max(), let ylo0 = ys.min(), let yhi0 = ys.max() else { continue }
      let xpad = max(1e-9, (xhi0 - xlo0) * 0.04), ypad = max(1e-9, (yhi0 - ylo0) * 0.06)
      let (xlo, xhi, ylo, yhi) = (xlo0 - xpad, xhi0 + xpad, ylo0 - ypad, yhi0 + ypad)
      func X(_ v: Double) -> Double { px + (v - xlo) / (xhi - xlo) * w }
      func Y(_ v: Double) -> Double { py + h - (v - ylo) / (yhi - ylo) * h }
      if analysis.cells.count > 1 { c.text(px + w / 2, py - 6, cell.label.replacingOccurrences(of: "market=", with: ""), size: 11, anchor: "middle", weight: "bold", maxWidth: w) }
      c.outline(px, py, w, h, color: "#888", width: 0.8)
      // The fit's band, the firms, the fit and its peak.
      let f = cell.profitFit
      if !f.x.isEmpty {
        let band = zip(f.x, f.high).map { (X($0), Y($1)) } + zip(f.x, f.low).reversed().map { (X($0), Y($1)) }
        if band.allSatisfy({ $0.0.isFinite && $0.1.isFinite }) { c.polygon(band, fill: Palette.zone, opacity: 0.45) }
      }
      for p in shown {
        c.marker(X(p.spend), Y(p.adjusted), Palette.marker(styles[p.strategy]), color: Palette.colour(styles[p.strategy]), size: 2.3, filled: p.survived)
      }
      if !f.x.isEmpty {
        c.polyline(zip(f.x, f.fit).filter { $0.1.isFinite }.map { (X($0.0), Y($0.1)) }, color: "#000000", width: 2)
        if f.peakIsInterior { c.line(X(f.peak), py, X(f.peak), py + h, color: "#000000", width: 1, dash: "4,3") }
      }
      Report.bottomAxis(&c, x: X, lo: xlo, hi: xhi, y: py + h, from: px, to: px + w, count: 5) { t, all in "$" + tickLabel(t, in: all) }
      let yt = ticks(ylo, yhi, count: 4)
      for t in yt {
        c.line(px - 4, Y(t), px, Y(t))
        c.text(px - 7, Y(t) + 4, "$" + tickLabel(t, in: yt), size: 10, anchor: "end")
      }
      c.text(px + w / 2, py + h + 32, "service spend ($ per customer-year)", size: 10.5, anchor: "middle")
      if k % 2 == 0 { c.text(px - 52, py + h / 2, "adjusted profit per customer-year ($)", size: 10, anchor: "middle", rotate: -90) }
    }
    return c
  }

  /// For each strategy, the share of its firm-years on the top-profit list, the worst-CSAT list
  /// and both, as grouped bars per panel.
  func listsCanvas() -> SVGCanvas {
    let names = experiment.strategies.map(\.name)
    let title = "\(experiment.name): who is on the most-profitable and worst-service lists"
    let note = "Bars: share of each strategy's firm-years on the year's top-profit decile (left), worst-CSAT decile (middle) and both at once (right, dark)."
    let longest = names.map { TextMetrics.width($0, size: 8.5) }.max() ?? 0
    var (c, panels, w, h, legendY) = layout(title: title, note: note, legend: ["top profit", "worst CSAT", "both"], below: 30 + longest * 0.6)
    let kinds = [("top-profit list", Palette.colour(0)), ("worst-CSAT list", Palette.colour(1)), ("both", "#000000")]
    for (i, kind) in kinds.enumerated() {
      let x = 20 + Double(i) * 150
      c.rect(x, legendY, 12, 10, fill: kind.1)
      c.text(x + 17, legendY + 9, kind.0, size: 10)
    }
    for (k, cell) in analysis.cells.enumerated() {
      let (px, py) = panels[k]
      if analysis.cells.count > 1 { c.text(px + w / 2, py - 6, cell.label.replacingOccurrences(of: "market=", with: ""), size: 11, anchor: "middle", weight: "bold", maxWidth: w) }
      c.outline(px, py, w, h, color: "#888", width: 0.8)
      guard !cell.lists.isEmpty else {
        c.text(px + w / 2, py + h / 2, "no lists: fewer than \(IndustryAnalysis.listMinimum) firms", size: 10, anchor: "middle", color: "#555")
        continue
      }
      let rows = names.compactMap { n in cell.strategies.first { $0.strategy == n } }
      let top = max(0.05, rows.map { max($0.onTop, $0.onWorst) }.max() ?? 0.05) * 1.1
      func Y(_ v: Double) -> Double { py + h - max(0, v) / top * h }
      let slot = w / Double(max(1, rows.count)), bar = slot / 4
      for (j, r) in rows.enumerated() {
        let x0 = px + Double(j) * slot + slot / 8
        for (i, v) in [r.onTop, r.onWorst, r.onBoth].enumerated() where v.isFinite {
          c.rect(x0 + Double(i) * bar, Y(v), bar * 0.9, py + h - Y(v), fill: kinds[i].1)
        }
        c.text(x0 + bar * 1.5, py + h + 12, r.strategy, size: 8.5, anchor: "end", rotate: -35)
      }
      let yt = ticks(0, top, count: 4)
      for t in yt {
        c.line(px - 4, Y(t), px, Y(t))
        c.text(px - 7, Y(t) + 4, tickLabel(100 * t, in: yt.map { 100 * $0 }) + "%", size: 10, anchor: "end")
      }
      if k % 2 == 0 { c.text(px - 44, py + h / 2, "share of firm-years", size: 10.5, anchor: "middle", rotate: -90) }
    }
    return c
  }
}
