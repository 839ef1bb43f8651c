import SweetspotExperiment
import SweetspotModel

/// Figures of sweeps: the objective against the swept key, with markers at every value, the
/// sweetspot zone shaded, the strategies not swept drawn as reference lines with their bands;
/// a heat map when two keys are swept.
extension Report {
  /// The axis label of a swept key, from its parameter's declaration: "service level target
  /// (share of contacts)".
  static func axisLabel(_ key: String) -> String {
    let parts = key.split(separator: ".").map(String.init)
    guard let name = parts.last, let section = parts.first else { return key }
    func label(_ unit: String) -> String { name.replacingOccurrences(of: "_", with: " ") + (unit.isEmpty ? "" : " (\(unit))") }
    switch section {
    case "strategy": if let p = LeverParameters.all.first(where: { $0.name == name }) { return label(p.unit) }
    case "market": if let p = MarketParameters.all.first(where: { $0.name == name }) { return label(p.unit) }
    case "population" where name == "scale": return label("real customers per simulated one")
    default:
      if let p = WorldParameters.all.first(where: { $0.key == key })
          ?? WorldParameters.all.first(where: { $0.name == name && $0.section.hasPrefix(section) }) { return label(p.unit) }
    }
    return key
  }

  var sweepFigures: [ReportFigure] {
    guard let key = sweeps.first?.key else { return [] }
    if experiment.sweeps.count == 2, let grids = heatMaps() { return grids }
    let sweeps = self.sweeps.filter { $0.key == key }  // one x axis: the first swept key
    var markets: [String] = []
    for sw in sweeps where !markets.contains(sw.market) { markets.append(sw.market) }
    return markets.enumerated().map { k, market in
      let group = sweeps.filter { $0.market == market }
      let name = markets.count == 1 ? "sweep" : Report.isFileSafe(market) ? "sweep-\(market)" : "sweep-\(k + 1)"
      return ReportFigure(name: name, caption: "\(Report.title(Report.objective).capitalizedFirst) against \(Report.axisLabel(key)) (\(market)); "
                          + "markers at each value, bands: 95% intervals\(key.hasPrefix("strategy.") ? "; shaded: the sweetspot zone (equivalent to the peak within ±\(marginText))" : "").",
                          canvas: sweepCanvas(group, market: market))
    }
  }

  /// One market: a line with markers and its 95% band per swept strategy (filled markers in the
  /// sweetspot zone, hollow outside, a ring at the sweetspot); the zone shaded (one series) or
  /// drawn as a strip per series under the curves; strategies the sweep does not touch as dashed
  /// reference lines with their bands.
  func sweepCanvas(_ group: [SweepSeries], market: String) -> SVGCanvas {
    let key = group[0].key, lever = key.hasPrefix("strategy.")
    let swept = Set(group.map(\.strategy))
    let names = experiment.strategies.map(\.name)
    // Comparators: strategies this sweep leaves alone, read from the same scenarios.
    let comparators: [(index: Int, name: String, stats: [SummaryStatistic])] = names.enumerated().compactMap { j, name in
      guard !swept.contains(name), let first = group.first else { return nil }
      return (j, name, first.scenarios.map { sc in sections[sc].strategies[j].stat(Report.objective) })
    }
    // Each series in its strategy's own style, so a strategy looks the same in every figure; a
    // strategy drawn as several series (three or more swept keys) takes one style per series.
    let byStrategy = Set(group.map(\.strategy)).count == group.count
    let styles = (group.map(\.strategy) + comparators.map(\.name)).enumerated().map { k, name in byStrategy ? styleIndex(name) : k }
    let legend: [(String, String)] = group.map { ($0.strategy, $0.fixed != market ? $0.fixed : "swept") }
      + comparators.map { ($0.name, "not swept") }
    let legendW = legend.map { max(TextMetrics.width($0.0, size: 11), TextMetrics.width($0.1, size: 9)) }.max()! + 40
    // Sized for print: at about 680 pt wide it shrinks to a text width (≈ 470 pt) with 11 pt
    // labels still at ≈ 7.5 pt.
    let left = 76.0, w = 440.0, h = 280.0
    let width = left + w + 20 + legendW + 10
    let title = "\(experiment.name): \(Report.title(Report.objective)) against \(Report.axisLabel(key))\(sweeps.count > group.count ? " (\(market))" : "")"
    var note = "Markers: means at each swept value; bands: 95% intervals of each mean (comparisons are paired trial by trial, far tighter)."
    if lever {
      note += " Filled markers and \(group.count == 1 ? "shading" : "the strips along the axis (one per series)"): the sweetspot zone, equivalent to the peak within ±\(marginText) (two one-sided tests); ring: the sweetspot (the zone's cheapest point for a spending lever, the peak for price or pressure)."
    }
    if !comparators.isEmpty { note += " Dashed: strategies not swept; dotted: their 95% bands." }
    let top = Report.titleHeight(title, width: width) + 6
    var c = SVGCanvas(width: width, height: top + h + 56 + Report.noteHeight(note, width: width))
    _ = Report.drawTitle(&c, title)
    let xs = group.flatMap(\.values)
    let x0 = xs.min()!, x1 = xs.max()!
    let xpad = x1 > x0 ? (x1 - x0) * 0.04 : 1
    let stats = group.flatMap(\.objective) + comparators.flatMap(\.stats)
    var y0 = stats.map(\.ciLow).min()! / 1e6, y1 = stats.map(\.ciHigh).max()! / 1e6
    let pad = (y1 - y0) * 0.08 + 0.01
    y0 -= pad; y1 += pad
    func X(_ v: Double) -> Double { left + (v - (x0 - xpad)) / (x1 - x0 + 2 * xpad) * w }
    func Y(_ v: Double) -> Double { top + h - (v - y0) / (y1 - y0) * h }
    let yTicks = ticks(y0, y1, count: 6)
    for t in yTicks {
      c.line(left, Y(t), left + w, Y(t), color: "#E6E6E6")
      c.line(left - 4, Y(t), left, Y(t))
      c.text(left - 8, Y(t) + 4, tickLabel(t, in: yTicks), size: 10.5, anchor: "end", maxWidth: left - 30)
    }
    // The zone: contiguous runs of zone values, from half-way to the neighbouring values.
    func runs(_ sw: SweepSeries) -> [(Double, Double)] {
      var out: [(Double, Double)] = []
      var i = 0
      while i < sw.values.count {
        guard sw.zone.contains(sw.values[i]) else { i += 1; continue }
        var j = i
        while j + 1 < sw.values.count && sw.zone.contains(sw.values[j + 1]) { j += 1 }
        let a = i > 0 ? (sw.values[i - 1] + sw.values[i]) / 2 : sw.values[i] - xpad / 2
        let b = j + 1 < sw.values.count ? (sw.values[j] + sw.values[j + 1]) / 2 : sw.values[j] + xpad / 2
        out.append((a, b)); i = j + 1
      }
      return out
    }
    if lever {
      for (k, sw) in group.enumerated() {
        for (a, b) in runs(sw) {
          if group.count == 1 {
            c.rect(X(a), top, X(b) - X(a), h, fill: Palette.zone, opacity: 0.22)
          } else {
            c.rect(X(a), top + h - 6 * Double(k + 1), X(b) - X(a), 5, fill: Palette.colour(styles[k]), opacity: 0.6)
          }
        }
      }
      if group.count == 1, let first = runs(group[0]).first {
        c.text(X(first.0) + 3, top + 12, "sweetspot zone (±\(marginText))", size: 9.5, color: "#333", maxWidth: max(X(first.1) - X(first.0) - 4, TextMetrics.width("zone", size: 9.5) + 1))
      }
    }
    c.line(left, top + h, left + w, top + h)
    c.line(left, top, left, top + h)
    let xTicks = ticks(x0, x1, count: 6)
    for t in xTicks where t >= x0 - 1e-12 && t <= x1 + 1e-12 {
      c.line(X(t), top + h, X(t), top + h + 4)
      c.text(X(t), top + h + 17, tickLabel(t, in: xTicks), size: 10.5, anchor: "middle")
    }
    c.text(left + w / 2, top + h + 38, Report.axisLabel(key), size: 12, anchor: "middle", maxWidth: w)
    c.text(22, top + h / 2, "\(Report.title(Report.objective)) ($ million)", size: 12, anchor: "middle", rotate: -90, maxWidth: h)
    // Comparators first, so swept series draw over them.
    for (k, cmp) in comparators.enumerated() {
      let style = styles[group.count + k]
      let xsC = group[0].values
      let upper = xsC.indices.map { (X(xsC[$0]), Y(cmp.stats[$0].ciHigh / 1e6)) }
      let lower = xsC.indices.reversed().map { (X(xsC[$0]), Y(cmp.stats[$0].ciLow / 1e6)) }
      // The band as dotted edges, not a fill: several reference bands would otherwise stack
      // into a grey that reads as the sweetspot zone.
      c.polyline(upper, color: Palette.colour(style), width: 0.9, dash: "1.5,2.5")
      c.polyline(lower, color: Palette.colour(style), width: 0.9, dash: "1.5,2.5")
      c.polyline(xsC.indices.map { (X(xsC[$0]), Y(cmp.stats[$0].mean / 1e6)) }, color: Palette.colour(style), width: 1.6, dash: "7,4")
    }
    for (k, sw) in group.enumerated() {
      let colour = Palette.colour(styles[k])
      let upper = sw.values.indices.map { (X(sw.values[$0]), Y(sw.objective[$0].ciHigh / 1e6)) }
      let lower = sw.values.indices.reversed().map { (X(sw.values[$0]), Y(sw.objective[$0].ciLow / 1e6)) }
      c.polygon(upper + lower, fill: colour, opacity: group.count > 2 ? 0.08 : 0.15)  // many bands would stack to mud
      c.polyline(sw.values.indices.map { (X(sw.values[$0]), Y(sw.objective[$0].mean / 1e6)) }, color: colour, width: 2, dash: Palette.dash(styles[k]))
      for (i, v) in sw.values.enumerated() {
        c.marker(X(v), Y(sw.objective[i].mean / 1e6), Palette.marker(styles[k]), color: colour, filled: !lever || sw.zone.contains(v))
      }
      if lever, let si = sw.values.firstIndex(of: sw.sweetspot) {
        let (sx, sy) = (X(sw.sweetspot), Y(sw.objective[si].mean / 1e6))
        c.ring(sx, sy, 8.5, color: colour)
        // Named only when it is the one ring: several labels would stack on nearby points.
        if group.count == 1 { c.text(sx, sy - 13, "sweetspot", size: 9.5, anchor: "middle", color: "#000") }
      }
    }
    // Legend: a line-and-marker sample per series.
    var ly = top + 8
    let spacing = min(34, (h + 30) / Double(max(1, legend.count)))  // many series: rows close up to stay beside the plot
    for (k, item) in legend.enumerated() {
      let lx = left + w + 20
      let isComparator = k >= group.count
      c.line(lx, ly, lx + 24, ly, color: Palette.colour(styles[k]), width: isComparator ? 1.6 : 2, dash: isComparator ? "7,4" : Palette.dash(styles[k]))
      if !isComparator { c.marker(lx + 12, ly, Palette.marker(styles[k]), color: Palette.colour(styles[k])) }
      c.text(lx + 30, ly + 4, item.0, size: 11, maxWidth: legendW - 34)
      if spacing >= 28 { c.text(lx + 30, ly + 17, item.1, size: 9, color: "#555", maxWidth: legendW - 34) }
      ly += spacing
    }
    Report.drawNote(&c, note)
    return c
  }
}
