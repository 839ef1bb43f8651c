import SweetspotExperiment
import SweetspotModel

/// The industry report's figures: the cross-section of firms with the fit, and the lists over time.
extension IndustryReport {
  public var figures: [ReportFigure] {
    [ReportFigure(name: "cross-section", caption: crossSectionCaption, canvas: crossSectionCanvas()),
     ReportFigure(name: "lists", caption: listsCaption, canvas: listsCanvas())]
  }

  /// Panel geometry shared by both figures: two columns when there are several scenarios.
  private func layout(title: String, note: String, legend: [String]) -> (canvas: SVGCanvas, panels: [(x: Double, y: Double)], w: Double, h: Double, legendY: Double) {
    let columns = analysis.cells.count > 1 ? 2 : 1
    let w = columns == 1 ? 430.0 : 250.0, h = 200.0, left = 70.0, gapX = 30.0, gapY = 66.0
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
    let note = "Each marker is one firm of one industry. Line: local linear fit; grey band: 95% bootstrap band over industries; dashed: the fit's peak."
    var (c, panels, w, h, legendY) = layout(title: title, note: note, legend: names)
    let styles = Palette.styles(names)
    drawLegend(&c, names, styles: styles, y: legendY)
    for (k, cell) in analysis.cells.enumerated() {
      let (px, py) = panels[k]
      let xs = cell.firms.map(\.spend).filter(\.isFinite), ys = cell.firms.map { $0.profit / 1e6 }.filter(\.isFinite)
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
        let band = zip(f.x, f.high).map { (X($0), Y($1 / 1e6)) } + zip(f.x, f.low).reversed().map { (X($0), Y($1 / 1e6)) }
        if band.allSatisfy({ $0.0.isFinite && $0.1.isFinite }) { c.polygon(band, fill: Palette.zone, opacity: 0.35) }
      }
      for p in cell.firms where p.spend.isFinite && p.profit.isFinite {
        c.marker(X(p.spend), Y(p.profit / 1e6), Palette.marker(styles[p.strategy]), color: Palette.colour(styles[p.strategy]), size: 2.2, filled: p.survived)
      }
      if !f.x.isEmpty {
        let line = zip(f.x, f.fit).filter { $0.1.isFinite }.map { (X($0.0), Y($0.1 / 1e6)) }
        c.polyline(line, color: "#000000", width: 2)
        if f.peak.isFinite { c.line(X(f.peak), py, X(f.peak), py + h, color: "#000000", width: 1, dash: "4,3") }
      }
      Report.bottomAxis(&c, x: X, lo: xlo, hi: xhi, y: py + h, from: px, to: px + w) { t, all in "$" + tickLabel(t, in: all) }
      let yt = ticks(ylo, yhi, count: 4)
      for t in yt {
        c.line(px - 4, Y(t), px, Y(t))
        c.text(px - 7, Y(t) + 4, "$" + tickLabel(t, in: yt) + "M", size: 10, anchor: "end")
      }
      c.text(px + w / 2, py + h + 32, "service spend ($ per customer-year)", size: 10.5, anchor: "middle")
      if k % 2 == 0 { c.text(px - 56, py + h / 2, "profit NPV ($M)", size: 10.5, anchor: "middle", rotate: -90) }
    }
    return c
  }

  func listsCanvas() -> SVGCanvas {
    let title = "\(experiment.name): firms on the most-profitable and worst-service lists at once"
    let note = "Markers and bars: firms on both lists per industry, mean and 95% interval over industries; dashed: what independent lists would give."
    var (c, panels, w, h, legendY) = layout(title: title, note: note, legend: ["observed", "independent lists"])
    c.marker(25, legendY + 4, .circle, color: Palette.colour(0), size: 3.5)
    c.text(36, legendY + 8, "observed", size: 10)
    c.line(120, legendY + 4, 132, legendY + 4, color: "#000000", width: 1.5, dash: "5,3")
    c.text(138, legendY + 8, "independent lists", size: 10)
    for (k, cell) in analysis.cells.enumerated() {
      let (px, py) = panels[k]
      let years = cell.years
      guard !years.isEmpty else { continue }
      let hi0 = max(years.map { $0.observed.ciHigh.isFinite ? $0.observed.ciHigh : $0.observed.mean }.max() ?? 1, years.map(\.expected).max() ?? 1, 0.5)
      let yhi = hi0 * 1.15
      let n = Double(years.count)
      func X(_ year: Double) -> Double { px + (year - 0.5) / n * w }
      func Y(_ v: Double) -> Double { py + h - max(0, v) / yhi * h }
      if analysis.cells.count > 1 { c.text(px + w / 2, py - 6, cell.label.replacingOccurrences(of: "market=", with: ""), size: 11, anchor: "middle", weight: "bold", maxWidth: w) }
      c.outline(px, py, w, h, color: "#888", width: 0.8)
      c.polyline(years.map { (X(Double($0.year)), Y($0.expected)) }, color: "#000000", width: 1.5, dash: "5,3")
      for y in years {
        let x = X(Double(y.year))
        if y.observed.ciLow.isFinite && y.observed.ciHigh.isFinite { c.line(x, Y(y.observed.ciLow), x, Y(y.observed.ciHigh), color: Palette.colour(0), width: 1.5) }
        c.marker(x, Y(y.observed.mean), .circle, color: Palette.colour(0), size: 3.5)
        c.line(x, py + h, x, py + h + 4)
        c.text(x, py + h + 15, "year \(y.year)", size: 10, anchor: "middle")
      }
      let yt = ticks(0, yhi, count: 4)
      for t in yt {
        c.line(px - 4, Y(t), px, Y(t))
        c.text(px - 7, Y(t) + 4, tickLabel(t, in: yt), size: 10, anchor: "end")
      }
      if k % 2 == 0 { c.text(px - 42, py + h / 2, "firms on both lists", size: 10.5, anchor: "middle", rotate: -90) }
    }
    return c
  }
}
