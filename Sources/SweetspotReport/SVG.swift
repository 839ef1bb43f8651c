import SweetspotModel

/// Self-contained SVG figures: no scripts, no external fonts or styles, labelled axes with units.
struct SVGCanvas {
  let width: Double, height: Double
  var body: [String] = []

  init(width: Double, height: Double) { self.width = width; self.height = height }

  mutating func text(_ x: Double, _ y: Double, _ s: String, size: Double = 12, anchor: String = "start", weight: String = "normal", rotate: Double? = nil, color: String = "#222") {
    let r = rotate.map { " transform=\"rotate(\(f($0)) \(f(x)) \(f(y)))\"" } ?? ""
    body.append("<text x=\"\(f(x))\" y=\"\(f(y))\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"\(f(size))\" text-anchor=\"\(anchor)\" font-weight=\"\(weight)\" fill=\"\(color)\"\(r)>\(escape(s))</text>")
  }
  mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String = "#222", width w: Double = 1, dash: String? = nil) {
    let d = dash.map { " stroke-dasharray=\"\($0)\"" } ?? ""
    body.append("<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(color)\" stroke-width=\"\(f(w))\"\(d)/>")
  }
  mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, opacity: Double = 1, stroke: String? = nil) {
    let s = stroke.map { " stroke=\"\($0)\"" } ?? ""
    body.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(max(0, w)))\" height=\"\(f(max(0, h)))\" fill=\"\(fill)\" fill-opacity=\"\(f(opacity))\"\(s)/>")
  }
  mutating func circle(_ x: Double, _ y: Double, _ r: Double, fill: String) {
    body.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(fill)\"/>")
  }
  mutating func polyline(_ pts: [(Double, Double)], color: String, width w: Double = 2) {
    body.append("<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(f(w))\" points=\"\(pts.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>")
  }
  mutating func polygon(_ pts: [(Double, Double)], fill: String, opacity: Double) {
    body.append("<polygon fill=\"\(fill)\" fill-opacity=\"\(f(opacity))\" stroke=\"none\" points=\"\(pts.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " "))\"/>")
  }

  var svg: String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\">\n"
      + "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body.joined(separator: "\n") + "\n</svg>\n"
  }

  func f(_ x: Double) -> String { Format.number(x, 1) }
  func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }
}

/// "Nice" axis ticks covering [lo, hi].
func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
  guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
  let raw = (hi - lo) / Double(count)
  let mag = pow(10, (log10(raw)).rounded(.down))
  let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
  var t = (lo / step).rounded(.up) * step
  var out: [Double] = []
  while t <= hi + step * 1e-9 { out.append(abs(t) < step * 1e-9 ? 0 : t); t += step }
  return out
}

let palette = ["#1b6ca8", "#d1495b", "#00798c", "#edae49", "#66a182", "#8d6a9f", "#2e4057", "#c26a1b"]

extension Report {
  /// KPIs per strategy (CSAT, FCR, service level, abandonment) with their 95% intervals and the
  /// benchmark band shaded, one panel per KPI, first scenario.
  public var kpiFigure: String {
    let kpis: [Metric] = [.csat, .fcr, .serviceLevel, .abandonment]
    let s = sections[0]
    let n = Double(s.strategies.count)
    let panelW = 300.0, panelH = 40 + 26 * n, left = 130.0
    var c = SVGCanvas(width: left + 2 * panelW + 40, height: 60 + 2 * (panelH + 60))
    c.text(c.width / 2, 24, "\(experiment.name): KPIs per strategy against industry benchmarks (\(s.label))", size: 14, anchor: "middle", weight: "bold")
    for (k, m) in kpis.enumerated() {
      let px = left + Double(k % 2) * (panelW + 20), py = 50 + Double(k / 2) * (panelH + 60)
      let band = s.benchmarks.first { $0.benchmark.metric == m.rawValue }?.benchmark
      var lo = s.strategies.map { $0.stat(m).ciLow }.min()!, hi = s.strategies.map { $0.stat(m).ciHigh }.max()!
      if let b = band { lo = min(lo, b.low ?? lo); hi = max(hi, b.high ?? hi) }
      let pad = (hi - lo) * 0.08 + 0.005
      lo = max(0, lo - pad); hi = min(1, hi + pad)
      let w = panelW - 20
      func x(_ v: Double) -> Double { px + (v - lo) / (hi - lo) * w }
      c.text(px + w / 2, py - 8, "\(Report.title(m)) (% of contacts)", size: 12, anchor: "middle", weight: "bold")
      if let b = band {
        let bl = b.low ?? lo, bh = b.high ?? hi
        c.rect(x(max(bl, lo)), py, x(min(bh, hi)) - x(max(bl, lo)), panelH - 30, fill: "#66a182", opacity: 0.18)
        if let l = b.low { c.line(x(l), py, x(l), py + panelH - 30, color: "#3b7d55", dash: "4,3") }
        if let h = b.high { c.line(x(h), py, x(h), py + panelH - 30, color: "#3b7d55", dash: "4,3") }
      }
      c.line(px, py + panelH - 30, px + w, py + panelH - 30)
      for t in ticks(lo, hi, count: 4) {
        c.line(x(t), py + panelH - 30, x(t), py + panelH - 26)
        c.text(x(t), py + panelH - 14, Format.number(100 * t, 0) + "%", size: 10, anchor: "middle")
      }
      for (j, row) in s.strategies.enumerated() {
        let y = py + 16 + 26 * Double(j)
        let st = row.stat(m)
        if k % 2 == 0 { c.text(px - 8, y + 4, row.name, size: 11, anchor: "end") }
        c.line(x(st.ciLow), y, x(st.ciHigh), y, color: palette[j % palette.count], width: 2)
        c.circle(x(st.mean), y, 4, fill: palette[j % palette.count])
      }
    }
    c.text(c.width / 2, c.height - 10, "Dots: means; bars: 95% intervals; shaded: benchmark band (\(industry)); sources in the report", size: 10, anchor: "middle", color: "#555")
    return c.svg
  }

  /// The Win4 grid: strategies × parties, each cell the share of trials that party wins.
  public var win4Figure: String {
    let s = sections[0]
    let cell = 90.0, left = 150.0, top = 70.0
    var c = SVGCanvas(width: left + 4 * cell + 30, height: top + Double(s.win4.count) * 40 + 50)
    c.text(c.width / 2, 24, "Win4 scorecard: share of trials each party wins (\(s.label))", size: 14, anchor: "middle", weight: "bold")
    for (k, p) in ["customers", "employees", "company", "owners"].enumerated() {
      c.text(left + Double(k) * cell + cell / 2, top - 10, p, size: 12, anchor: "middle", weight: "bold")
    }
    for (j, w) in s.win4.enumerated() {
      let y = top + Double(j) * 40
      c.text(left - 10, y + 25, w.strategy, size: 12, anchor: "end")
      for (k, p) in w.parties.enumerated() {
        let share = p.shareWon
        let color = share > Scorecard.majority ? "#2e8b57" : "#c0392b"
        c.rect(left + Double(k) * cell + 2, y + 2, cell - 4, 36, fill: color, opacity: 0.15 + 0.75 * abs(share - 0.5) * 2, stroke: "#999")
        c.text(left + Double(k) * cell + cell / 2, y + 25, Format.number(100 * share, 0) + "%", size: 13, anchor: "middle", weight: "bold")
      }
    }
    c.text(c.width / 2, c.height - 12, "Green: the party wins in most trials; red: it loses. Thresholds: docs/MODEL.md", size: 10, anchor: "middle", color: "#555")
    return c.svg
  }

  /// Profit NPV against the swept lever, one line per series with its 95% band, the peak and
  /// the sweetspot marked.
  public var sweepFigure: String? {
    guard !sweeps.isEmpty else { return nil }
    let sweeps = self.sweeps.filter { $0.key == self.sweeps[0].key }  // one x axis: the first swept key
    let left = 90.0, top = 50.0, w = 560.0, h = 330.0
    var c = SVGCanvas(width: left + w + 230, height: top + h + 70)
    let key = sweeps[0].key
    c.text((left + w) / 2 + 40, 24, "\(experiment.name): \(Report.title(Report.objective)) against \(key)", size: 14, anchor: "middle", weight: "bold")
    let xs = sweeps.flatMap(\.values)
    let x0 = xs.min()!, x1 = xs.max()!
    var y0 = sweeps.flatMap { $0.objective.map(\.ciLow) }.min()! / 1e6, y1 = sweeps.flatMap { $0.objective.map(\.ciHigh) }.max()! / 1e6
    let pad = (y1 - y0) * 0.08 + 0.01
    y0 -= pad; y1 += pad
    func X(_ v: Double) -> Double { x1 > x0 ? left + (v - x0) / (x1 - x0) * w : left + w / 2 }
    func Y(_ v: Double) -> Double { top + h - (v - y0) / (y1 - y0) * h }
    c.line(left, top + h, left + w, top + h)
    c.line(left, top, left, top + h)
    for t in ticks(x0, x1, count: 6) {
      c.line(X(t), top + h, X(t), top + h + 4)
      c.text(X(t), top + h + 18, Format.number(t, 3), size: 11, anchor: "middle")
    }
    for t in ticks(y0, y1, count: 6) {
      c.line(left - 4, Y(t), left, Y(t))
      c.line(left, Y(t), left + w, Y(t), color: "#e5e5e5")
      c.text(left - 8, Y(t) + 4, Format.number(t, 1), size: 11, anchor: "end")
    }
    c.text(left + w / 2, top + h + 40, key, size: 12, anchor: "middle")
    c.text(24, top + h / 2, "\(Report.title(Report.objective)) (million $)", size: 12, anchor: "middle", rotate: -90)
    for (k, sw) in sweeps.enumerated() {
      let color = palette[k % palette.count]
      let upper = sw.values.indices.map { (X(sw.values[$0]), Y(sw.objective[$0].ciHigh / 1e6)) }
      let lower = sw.values.indices.reversed().map { (X(sw.values[$0]), Y(sw.objective[$0].ciLow / 1e6)) }
      c.polygon(upper + lower, fill: color, opacity: 0.18)
      c.polyline(sw.values.indices.map { (X(sw.values[$0]), Y(sw.objective[$0].mean / 1e6)) }, color: color)
      let si = sw.values.firstIndex(of: sw.sweetspot)!
      c.circle(X(sw.sweetspot), Y(sw.objective[si].mean / 1e6), 6, fill: color)
      c.text(X(sw.sweetspot), Y(sw.objective[si].mean / 1e6) - 10, "sweetspot", size: 10, anchor: "middle", color: color)
      let ly = top + 10 + Double(k) * 34
      c.rect(left + w + 20, ly - 9, 14, 10, fill: color)
      c.text(left + w + 40, ly, sw.strategy, size: 11)
      c.text(left + w + 40, ly + 13, sw.fixed, size: 9, color: "#555")
    }
    c.text((left + w) / 2 + 40, c.height - 8, "Lines: mean profit; bands: 95% intervals of each mean (the zone is judged on paired differences, far tighter); dot: the sweetspot", size: 10, anchor: "middle", color: "#555")
    return c.svg
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
