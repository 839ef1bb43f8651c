#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotExperiment
import SweetspotModel
import SweetspotNumerics

/// figures/trajectories.svg and .pdf: how each strategy's trials unfold week by week in the first
/// scenario, as small multiples (customers, CSAT, service level, burnout, and the levers an
/// adaptive strategy moves), each strategy's median path with the band of its middle 80% of
/// trials (10th–90th percentile).
///
/// Written with trajectories.csv, from the same recorded trials, never by `writeReports` (which
/// would have to simulate every trial again): the report links the figure when it is in the
/// folder (`Report.trajectories`), and whatever writes it writes the reports again, so run,
/// merge and `report --write` stay byte-identical.
public enum TrajectoryFigure {
  public static let name = "trajectories"

  /// One panel: its heading, the state column it plots and how values are shown (× factor).
  struct Panel {
    let heading: String
    let column: String
    let factor: Double
    /// A lever holds its value for the whole week: drawn as steps, not slopes.
    var steps = false
  }

  /// A path's points as steps: each value held until the next week's.
  static func stepped(_ points: [(Double, Double)]) -> [(Double, Double)] {
    var out: [(Double, Double)] = []
    for (i, p) in points.enumerated() {
      if i > 0 { out.append((p.0, points[i - 1].1)) }
      out.append(p)
    }
    return out
  }

  /// The figure of `trajectories`' scenario `scenario`.
  public static func figure(_ t: Trajectories, scenario: Int = 0) -> ReportFigure {
    let series = t.strategyNames.indices.map { t.paths(scenario: scenario, strategy: $0) }
    var panels = [Panel(heading: "customers (thousands)", column: "customers", factor: 1e-3),
                  Panel(heading: "CSAT (% satisfied, weekly)", column: "csat", factor: 100),
                  Panel(heading: "service level (% answered in target, weekly)", column: "service_level", factor: 100),
                  Panel(heading: "agent burnout (0–1)", column: "burnout", factor: 1)]
    // The levers a controller moves, when one does in this scenario.
    if moves(series, "service_level_target") {
      panels.append(Panel(heading: "lever: service level target (%)", column: "service_level_target", factor: 100, steps: true))
    }
    if moves(series, "price") { panels.append(Panel(heading: "lever: price (× list)", column: "price", factor: 1, steps: true)) }
    let canvas = draw(t, series: series, panels: panels, scenario: scenario)
    let trials = series.map(\.count).max() ?? 0
    return ReportFigure(name: name, caption: "Week-by-week paths per strategy (\(t.scenarioLabels[scenario])): medians over \(trials) trial\(trials == 1 ? "" : "s") with 10–90% bands.",
                        canvas: canvas)
  }

  /// Whether `column` changes within any recorded trial.
  static func moves(_ series: [[[WeekSnapshot]]], _ column: String) -> Bool {
    guard let k = WeekSnapshot.columns.firstIndex(of: column) else { return false }
    return series.contains { $0.contains { path in path.contains { $0.values[k] != path[0].values[k] } } }
  }

  /// Per week: the 10th, 50th and 90th percentile over trials of `column` (weeks where every
  /// trial's value is undefined are left out).
  static func band(_ paths: [[WeekSnapshot]], _ column: String) -> [(week: Double, low: Double, median: Double, high: Double)] {
    guard let k = WeekSnapshot.columns.firstIndex(of: column), let weeks = paths.map(\.count).max() else { return [] }
    var out: [(Double, Double, Double, Double)] = []
    for w in 0..<weeks {
      let xs = paths.compactMap { w < $0.count ? $0[w].values[k] : nil }.filter(\.isFinite).sorted()
      guard !xs.isEmpty, let lo = try? Statistics.quantile(sorted: xs, probability: 0.1),
            let mid = try? Statistics.quantile(sorted: xs, probability: 0.5),
            let hi = try? Statistics.quantile(sorted: xs, probability: 0.9) else { continue }
      out.append((Double(w), lo, mid, hi))
    }
    return out
  }

  static func draw(_ t: Trajectories, series: [[[WeekSnapshot]]], panels: [Panel], scenario: Int) -> SVGCanvas {
    let names = t.strategyNames
    // Each strategy in its own style, the one it has in the report's figures and other runs'.
    let styles = Palette.styles(names)
    let legendW = names.map { TextMetrics.width($0, size: 11) }.max()! + 44
    // Two columns of panels, sized so that at ≈ 700 pt wide the figure fits a page's text width.
    let left = 50.0, panelW = 250.0, panelH = 150.0, gapX = 62.0, gapY = 58.0
    let columns = 2, rows = (panels.count + columns - 1) / columns
    let width = left + Double(columns) * panelW + Double(columns - 1) * gapX + 24 + legendW
    let trials = series.map(\.count).max() ?? 0
    let title = "\(t.experimentName): week-by-week paths per strategy (\(t.scenarioLabels[scenario]))"
    let note = "Lines: the median over \(trials) trial\(trials == 1 ? "" : "s") of each week's value; bands: 10th–90th percentile of trials. CSAT and service level are each week's own; the levers are those in effect that week (an adaptive strategy moves them at quarter ends). Data: trajectories.csv."
    let top = Report.titleHeight(title, width: width) + 24
    var c = SVGCanvas(width: width, height: top + Double(rows) * (panelH + gapY) + Report.noteHeight(note, width: width))
    _ = Report.drawTitle(&c, title)
    let bands = panels.map { p in series.map { band($0, p.column).map { ($0.week, $0.low * p.factor, $0.median * p.factor, $0.high * p.factor) } } }
    let lastWeek = Double(max(1, (series.flatMap { $0 }.map(\.count).max() ?? 1) - 1))
    for (k, p) in panels.enumerated() {
      let px = left + Double(k % columns) * (panelW + gapX), py = top + Double(k / columns) * (panelH + gapY)
      let values = bands[k].flatMap { $0.flatMap { [$0.1, $0.3] } }
      var lo = values.min() ?? 0, hi = values.max() ?? 1
      let pad = (hi - lo) * 0.08 + max(abs(hi), abs(lo), 1e-9) * 0.01
      lo -= pad; hi += pad
      func X(_ w: Double) -> Double { px + w / lastWeek * panelW }
      func Y(_ v: Double) -> Double { py + panelH - (v - lo) / (hi - lo) * panelH }
      c.text(px + panelW / 2, py - 8, p.heading, size: 11.5, anchor: "middle", weight: "bold", maxWidth: panelW + gapX - 8)
      let yTicks = ticks(lo, hi, count: 4)
      for v in yTicks {
        c.line(px, Y(v), px + panelW, Y(v), color: "#E6E6E6")
        c.line(px - 4, Y(v), px, Y(v))
        c.text(px - 7, Y(v) + 3.5, tickLabel(v, in: yTicks), size: 9.5, anchor: "end", maxWidth: left - 8)
      }
      // Quarter ends, where a controller may step.
      for q in stride(from: 13.0, through: lastWeek, by: 13) { c.line(X(q), py, X(q), py + panelH, color: "#F0F0F0") }
      c.line(px, py, px, py + panelH)
      Report.bottomAxis(&c, x: X, lo: 0, hi: lastWeek, y: py + panelH, from: px, to: px + panelW, count: 4, label: { w, all in tickLabel(w, in: all) })
      c.text(px + panelW / 2, py + panelH + 30, "week", size: 10, anchor: "middle", color: "#444")
      for (j, b) in bands[k].enumerated() where !b.isEmpty {
        let colour = Palette.colour(styles[j])
        let highs: [(Double, Double)] = b.map { (X($0.0), Y($0.3)) }
        let lows: [(Double, Double)] = b.map { (X($0.0), Y($0.1)) }
        let upper = p.steps ? stepped(highs) : highs
        let lower: [(Double, Double)] = (p.steps ? stepped(lows) : lows).reversed()
        c.polygon(upper + lower, fill: colour, opacity: names.count > 3 ? 0.10 : 0.16)
      }
      for (j, b) in bands[k].enumerated() where !b.isEmpty {
        let median = b.map { (X($0.0), Y($0.2)) }
        c.polyline(p.steps ? stepped(median) : median, color: Palette.colour(styles[j]), width: 1.6, dash: Palette.dash(styles[j]))
      }
    }
    // The legend, to the right of the panels.
    let lx = left + Double(columns) * panelW + Double(columns - 1) * gapX + 20
    for (j, n) in names.enumerated() {
      let y = top + 6 + 20 * Double(j)
      c.rect(lx, y - 6, 26, 12, fill: Palette.colour(styles[j]), opacity: 0.16)
      c.line(lx, y, lx + 26, y, color: Palette.colour(styles[j]), width: 1.8, dash: Palette.dash(styles[j]))
      c.text(lx + 32, y + 4, n, size: 11, maxWidth: legendW - 36)
    }
    Report.drawNote(&c, note)
    return c
  }
}
