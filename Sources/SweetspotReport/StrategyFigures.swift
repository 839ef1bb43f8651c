import SweetspotExperiment
import SweetspotModel

/// Figures comparing strategies within one scenario: customer equity, service KPIs, Win4.
/// Layout is computed from the labels' conservative widths (`TextMetrics`), so long strategy
/// names widen the margin rather than clip.
extension Report {
  static let titleSize = 14.0, labelSize = 11.0, noteSize = 9.5

  /// A strategy's style (colour, marker, dash) in every figure of this report: a preset's own,
  /// so it matches other runs' figures (`Palette.styles`).
  func styleIndex(_ strategy: String) -> Int {
    let names = experiment.strategies.map(\.name)
    guard let j = names.firstIndex(of: strategy) else { return 0 }
    return Palette.styles(names)[j]
  }

  /// Draws a wrapped bold title from the top and returns the y below it.
  static func drawTitle(_ c: inout SVGCanvas, _ title: String) -> Double {
    var y = 22.0
    for line in SVGCanvas.wrap(title, width: c.width - 24, size: titleSize, bold: true) {
      c.text(c.width / 2, y, line, size: titleSize, anchor: "middle", weight: "bold", maxWidth: c.width - 24)
      y += titleSize + 4
    }
    return y
  }

  static func titleHeight(_ title: String, width: Double) -> Double {
    Double(SVGCanvas.wrap(title, width: width - 24, size: titleSize, bold: true).count) * (titleSize + 4) + 10
  }

  /// Draws wrapped grey notes at the bottom, ending at the canvas's foot.
  static func drawNote(_ c: inout SVGCanvas, _ note: String) {
    let lines = SVGCanvas.wrap(note, width: c.width - 24, size: noteSize)
    var y = c.height - 8 - Double(lines.count - 1) * (noteSize + 3)
    for line in lines {
      c.text(c.width / 2, y, line, size: noteSize, anchor: "middle", color: "#444", maxWidth: c.width - 24)
      y += noteSize + 3
    }
  }

  static func noteHeight(_ note: String, width: Double) -> Double {
    Double(SVGCanvas.wrap(note, width: width - 24, size: noteSize).count) * (noteSize + 3) + 10
  }

  /// A horizontal axis with ticks at the bottom of a panel.
  static func bottomAxis(_ c: inout SVGCanvas, x: (Double) -> Double, lo: Double, hi: Double, y: Double, from: Double, to: Double,
                         count: Int = 4, label: (Double, [Double]) -> String) {
    c.line(from, y, to, y)
    let all = ticks(lo, hi, count: count)
    for t in all {
      c.line(x(t), y, x(t), y + 4)
      c.text(x(t), y + 15, label(t, all), size: 10, anchor: "middle")
    }
  }

  // MARK: Customer equity

  /// Customer equity per strategy with its 95% interval, one panel per scenario; the band
  /// around the best is the materiality margin (strategies whose mean falls in it may still be
  /// "inconclusive": the verdict, printed on the right, is the paired test's).
  func equityCanvas() -> SVGCanvas {
    let names = experiment.strategies.map(\.name)
    let labelW = names.map { TextMetrics.width($0, size: Report.labelSize) }.max()! + 14
    let verdictW = TextMetrics.width("inconclusive", size: 10) + 10
    let columns = sections.count > 1 ? 2 : 1
    let panelW = columns == 1 ? 440.0 : 240.0  // a page's text width is ≈ 470 pt: figures stay near 700 pt wide
    let width = Double(columns) * (labelW + panelW + verdictW) + 20
    let title = "\(experiment.name): \(Report.title(Report.objective)) per strategy"
    let note = "Markers: means; bars: 95% intervals over \(experiment.trials) trials; grey band: within ±\(marginText) of the best's mean (the materiality margin). Right: verdict against the best (paired, common random numbers; equivalent by two one-sided tests)."
    let top0 = Report.titleHeight(title, width: width)
    let rowH = 22.0, panelH = 34 + rowH * Double(names.count) + 34
    let rows = (sections.count + columns - 1) / columns
    var c = SVGCanvas(width: width, height: top0 + Double(rows) * panelH + Report.noteHeight(note, width: width))
    _ = Report.drawTitle(&c, title)
    for (k, s) in sections.enumerated() {
      // Each panel has its own axis: the question is the comparison within a scenario, and a
      // shared axis across markets would shrink every interval to a dot.
      let all = s.strategies.map { $0.stat(Report.objective) }, b = s.ranking[0].objective.mean / 1e6
      var lo = min(all.map(\.ciLow).min()! / 1e6, b - abs(b) * experiment.margin)
      var hi = max(all.map(\.ciHigh).max()! / 1e6, b + abs(b) * experiment.margin)
      let pad = (hi - lo) * 0.06 + 1e-6
      lo -= pad; hi += pad
      let px = 10 + Double(k % columns) * (labelW + panelW + verdictW) + labelW, py = top0 + Double(k / columns) * panelH
      func x(_ v: Double) -> Double { px + (v - lo) / (hi - lo) * panelW }
      if sections.count > 1 { c.text(px + panelW / 2, py + 12, s.market, size: 12, anchor: "middle", weight: "bold", maxWidth: panelW) }
      let y0 = py + 22, axisY = y0 + rowH * Double(names.count) + 4
      c.text(px + panelW + 8, y0 - 2, "vs the best", size: 9, color: "#555", maxWidth: verdictW - 8)
      let best = s.ranking[0].objective.mean / 1e6
      let m = abs(best) * experiment.margin
      c.rect(x(best - m), y0, x(best + m) - x(best - m), axisY - y0, fill: Palette.zone, opacity: 0.3)
      c.line(x(best), y0, x(best), axisY, color: "#666", width: 0.8, dash: "3,2")
      for (j, row) in s.strategies.enumerated() {
        let y = y0 + rowH * (Double(j) + 0.5)
        let st = row.stat(Report.objective)
        c.text(px - 8, y + 4, row.name, size: Report.labelSize, anchor: "end", maxWidth: labelW - 10)
        let style = styleIndex(row.name)
        c.line(x(st.ciLow / 1e6), y, x(st.ciHigh / 1e6), y, color: Palette.colour(style), width: 2)
        c.marker(x(st.mean / 1e6), y, Palette.marker(style), color: Palette.colour(style))
        let rank = s.ranking.first { $0.strategy == row.name }
        c.text(px + panelW + 8, y + 4, rank?.verdict?.rawValue ?? "best", size: 10, color: "#333", maxWidth: verdictW - 8)
      }
      Report.bottomAxis(&c, x: x, lo: lo, hi: hi, y: axisY, from: px, to: px + panelW, label: tickLabel)
      c.text(px + panelW / 2, axisY + 28, "\(Report.title(Report.objective)) ($ million)", size: 10.5, anchor: "middle", maxWidth: panelW)
    }
    Report.drawNote(&c, note)
    return c
  }

  // MARK: KPIs

  /// KPIs per strategy (CSAT, FCR, service level, abandonment) with their 95% intervals and the
  /// benchmark band shaded, one panel per KPI. A one-sided target (service level ≥ 80%) is
  /// shaded from the target to the axis end, and the axis always reaches past the target, so the
  /// band shows even when every strategy falls short of it.
  func kpiCanvas(_ s: ScenarioSection) -> SVGCanvas {
    let kpis: [(Metric, String)] = [(.csat, "CSAT (% satisfied)"), (.fcr, "FCR (% resolved at first contact)"),
                                    (.serviceLevel, "service level (% answered in 20 s)"), (.abandonment, "abandonment (% of calls)")]
    let n = Double(s.strategies.count)
    let labelW = s.strategies.map { TextMetrics.width($0.name, size: Report.labelSize) }.max()! + 14
    let panelW = 250.0, gap = 30.0, rowH = 22.0
    let panelH = 26 + rowH * n + 40
    let width = labelW + 2 * panelW + gap + 20
    let title = "\(experiment.name): service KPIs per strategy against industry benchmarks (\(s.label))"
    let note = "Markers: means; bars: 95% intervals over \(experiment.trials) trials; grey: benchmark band (\(industry)), dashed at its ends; sources in the report."
    // Room between the (often two-line) title and the panels' own bold headings.
    let top0 = Report.titleHeight(title, width: width) + 14
    var c = SVGCanvas(width: width, height: top0 + 2 * panelH + Report.noteHeight(note, width: width))
    _ = Report.drawTitle(&c, title)
    for (k, (m, heading)) in kpis.enumerated() {
      let px = labelW + Double(k % 2) * (panelW + gap), py = top0 + Double(k / 2) * panelH
      let band = s.benchmarks.first { $0.benchmark.metric == m.rawValue }?.benchmark
      let (lo, hi) = Report.shareAxis(low: s.strategies.map { $0.stat(m).ciLow }.min()!, high: s.strategies.map { $0.stat(m).ciHigh }.max()!,
                                      band: (band?.low, band?.high))
      func x(_ v: Double) -> Double { px + (v - lo) / (hi - lo) * panelW }
      c.text(px + panelW / 2, py + 10, heading, size: 11.5, anchor: "middle", weight: "bold", maxWidth: panelW + gap - 4)
      let y0 = py + 18, axisY = y0 + rowH * n + 4
      if let b = band {
        let bl = max(b.low ?? lo, lo), bh = min(b.high ?? hi, hi)
        c.rect(x(bl), y0, x(bh) - x(bl), axisY - y0, fill: Palette.zone, opacity: 0.3)
        if let l = b.low { c.line(x(l), y0, x(l), axisY, color: "#555", dash: "4,3") }
        if let h = b.high { c.line(x(h), y0, x(h), axisY, color: "#555", dash: "4,3") }
      }
      for (j, row) in s.strategies.enumerated() {
        let y = y0 + rowH * (Double(j) + 0.5)
        let st = row.stat(m)
        if k % 2 == 0 { c.text(px - 8, y + 4, row.name, size: Report.labelSize, anchor: "end", maxWidth: labelW - 10) }
        let style = styleIndex(row.name)
        c.line(x(st.ciLow), y, x(st.ciHigh), y, color: Palette.colour(style), width: 2)
        c.marker(x(st.mean), y, Palette.marker(style), color: Palette.colour(style))
      }
      Report.bottomAxis(&c, x: x, lo: lo, hi: hi, y: axisY, from: px, to: px + panelW, label: { t, all in tickLabel(100 * t, in: all.map { 100 * $0 }) + "%" })
      if let b = band {
        // The band from the benchmark's own bounds (as the verdicts use them), and which way is better.
        let text = "\(b.high == nil || b.low == nil ? "target" : "benchmark") \(b.band({ Format.number(100 * $0, 0) }, unit: "%"))"
          + (b.better.map { "; \($0.rawValue) is better" } ?? "")
        c.text(px + panelW / 2, axisY + 30, text, size: 9.5, anchor: "middle", color: "#444", maxWidth: panelW)
      }
    }
    Report.drawNote(&c, note)
    return c
  }

  /// The axis of a share (0–1) KPI panel: the strategies' intervals and both ends of the
  /// benchmark band, padded by a tenth of the span and at least a point, clipped to [0, 1]. So
  /// a one-sided target beyond every strategy still lies inside the axis with room past it.
  static func shareAxis(low: Double, high: Double, band: (low: Double?, high: Double?)) -> (Double, Double) {
    var lo = low, hi = high
    for end in [band.low, band.high].compactMap({ $0 }) { lo = min(lo, end); hi = max(hi, end) }
    let pad = (hi - lo) * 0.1 + 0.01
    return (max(0, lo - pad), min(1, hi + pad))
  }

  /// A Win4 cell's fill: blue when the party wins (more than half the trials), vermillion
  /// otherwise (exactly half is not a win, as in the table), stronger the further from half.
  static func win4Fill(shareWon: Double) -> (colour: String, opacity: Double) {
    (shareWon > Scorecard.majority ? Palette.win : Palette.lose, 0.15 + 0.45 * min(1, abs(shareWon - 0.5) * 2))
  }

  // MARK: Win4

  /// The Win4 grid: strategies × parties, each cell the share of trials that party wins. Blue
  /// (wins: more than half the trials) and vermillion (does not; exactly half is not a win, as in
  /// the table) are Okabe–Ito and differ in greyscale; each cell also says it in words.
  func win4Canvas(_ s: ScenarioSection) -> SVGCanvas {
    let labelW = s.win4.map { TextMetrics.width($0.strategy, size: 12) }.max()! + 16
    let cell = 96.0, top = 34.0
    let width = max(labelW + 4 * cell + 20, 480)
    let title = "\(experiment.name): Win4 scorecard (\(s.label))"
    let note = "Cells: share of trials in which the party wins; blue: wins (more than half the trials), vermillion: does not. Thresholds: docs/MODEL.md."
    let top0 = Report.titleHeight(title, width: width)
    var c = SVGCanvas(width: width, height: top0 + top + Double(s.win4.count) * 40 + Report.noteHeight(note, width: width))
    _ = Report.drawTitle(&c, title)
    let left = (width - 4 * cell - labelW) / 2 + labelW
    for (k, p) in ["customers", "employees", "company", "owners"].enumerated() {
      c.text(left + Double(k) * cell + cell / 2, top0 + top - 10, p, size: 12, anchor: "middle", weight: "bold", maxWidth: cell - 4)
    }
    for (j, w) in s.win4.enumerated() {
      let y = top0 + top + Double(j) * 40
      c.text(left - 10, y + 25, w.strategy, size: 12, anchor: "end", maxWidth: labelW - 12)
      for (k, p) in w.parties.enumerated() {
        let wins = p.shareWon > Scorecard.majority, fill = Report.win4Fill(shareWon: p.shareWon)
        c.rect(left + Double(k) * cell + 2, y + 2, cell - 4, 36, fill: fill.colour, opacity: fill.opacity, stroke: "#777", strokeWidth: 0.8)
        c.text(left + Double(k) * cell + cell / 2, y + 25, "\(wins ? "wins" : "loses") \(Format.number(100 * p.shareWon, 0))%", size: 12,
               anchor: "middle", weight: wins ? "bold" : "normal", color: "#000", maxWidth: cell - 8)
      }
    }
    Report.drawNote(&c, note)
    return c
  }
}
