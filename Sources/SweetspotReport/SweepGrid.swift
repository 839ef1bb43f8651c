import SweetspotExperiment
import SweetspotModel

/// A two-key sweep as a grid, per market and strategy: the objective of every cell and the
/// sweetspot zone, outlined on the heat map. The zone compares only what the company chooses:
/// when both keys are levers, the cells equivalent to the best cell of the grid (paired TOST
/// over all cells at once, within ±margin × the best's mean); when one key is an assumption
/// (a sensitivity, not a choice), the zone of each of its values separately (the levers'
/// cells equivalent to the best of that row or column); when both are assumptions, none.
/// Built only when exactly two keys are swept.
public struct SweepGrid: Sendable {
  public struct Cell: Sendable, Equatable { public let row: Int, column: Int }
  public let market: String
  public let strategy: String
  /// The two swept keys: columns (x) and rows (y).
  public let keys: (x: String, y: String)
  public let xs: [Double], ys: [Double]
  /// mean[row][column] of `Report.objective`; NaN where the grid has no scenario.
  public let mean: [[Double]]
  /// inZone[row][column].
  public let inZone: [[Bool]]
  /// What a zone is judged within: "grid", "row", "column", or nil (no lever swept).
  public let scope: String?
  /// The best cell of each zone's scope, and each zone's cheapest cell (lowest mean cost to serve).
  public let best: [Cell], sweetspots: [Cell]

  /// The grids of an experiment with two sweeps; `column(s, j, m)` gives the per-trial values
  /// of strategy j's metric m in scenario s.
  static func build(experiment: Experiment, scenarios: [Scenario], column: (Int, Int, Metric) -> [Double]) -> [SweepGrid] {
    guard experiment.sweeps.count == 2 else { return [] }
    let (kx, ky) = (experiment.sweeps[0].key, experiment.sweeps[1].key)
    let names = experiment.strategies.map(\.name)
    func touched(_ key: String) -> [String] {
      let parts = key.split(separator: ".").map(String.init)
      return parts.first == "strategy" && parts.count == 3 && parts[1] != "*" ? [parts[1]] : names
    }
    let affected = names.filter { touched(kx).contains($0) || touched(ky).contains($0) }
    let xs = experiment.sweeps[0].values.sorted(), ys = experiment.sweeps[1].values.sorted()
    let (leverX, leverY) = (kx.hasPrefix("strategy."), ky.hasPrefix("strategy."))
    let scope: String? = leverX && leverY ? "grid" : leverX ? "row" : leverY ? "column" : nil
    var out: [SweepGrid] = []
    for market in experiment.markets.map(\.name) {
      // Positions in `scenarios` (the report's order; a scenario's `index` is its trials.csv index).
      let positions = scenarios.indices.filter { scenarios[$0].market.name == market }
      let cells = positions.map { scenarios[$0] }
      func position(_ k: Int) -> Cell { Cell(row: ys.firstIndex(of: cells[k].assignments[1].value)!, column: xs.firstIndex(of: cells[k].assignments[0].value)!) }
      // The cells each zone is judged within.
      let groups: [[Int]]
      switch scope {
      case "row": groups = ys.indices.map { r in cells.indices.filter { position($0).row == r } }
      case "column": groups = xs.indices.map { c in cells.indices.filter { position($0).column == c } }
      case "grid": groups = [Array(cells.indices)]
      default: groups = []
      }
      for name in affected {
        guard let j = names.firstIndex(of: name) else { continue }
        let series = positions.map { column($0, j, Report.objective) }
        let cost = positions.map { SummaryStatistic(column($0, j, .costToServe)).mean }
        var mean = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
        var inZone = [[Bool]](repeating: [Bool](repeating: false, count: xs.count), count: ys.count)
        for k in cells.indices { let p = position(k); mean[p.row][p.column] = SummaryStatistic(series[k]).mean }
        var best: [Cell] = [], sweetspots: [Cell] = []
        for g in groups where !g.isEmpty {
          let z = Analysis.equivalenceZone(series: g.map { series[$0] }, margin: experiment.margin)
          let zone = z.zone.map { g[$0] }
          for k in zone { let p = position(k); inZone[p.row][p.column] = true }
          best.append(position(g[z.best]))
          sweetspots.append(position(zone.min { cost[$0] < cost[$1] } ?? g[z.best]))
        }
        out.append(SweepGrid(market: market, strategy: name, keys: (kx, ky), xs: xs, ys: ys, mean: mean, inZone: inZone, scope: scope,
                             best: best, sweetspots: sweetspots))
      }
    }
    return out
  }
}

extension Report {
  /// Heat maps of two-key sweeps, one per market and strategy; nil when there are none.
  func heatMaps() -> [ReportFigure]? {
    guard !grids.isEmpty else { return nil }
    let safe = grids.allSatisfy { Report.isFileSafe($0.strategy) && Report.isFileSafe($0.market) }
    return grids.enumerated().map { k, g in
      let name = !safe ? "sweep-grid-\(k + 1)" : "sweep-grid-\(g.strategy)" + (experiment.markets.count > 1 ? "-\(g.market)" : "")
      return ReportFigure(name: name, caption: "\(Report.title(Report.objective).capitalizedFirst) of \(g.strategy) over \(Report.axisLabel(g.keys.x)) and \(Report.axisLabel(g.keys.y)) (\(g.market)); outlined: the sweetspot zone.",
                          canvas: heatMapCanvas(g))
    }
  }

  /// Cells coloured by mean objective (a sequential scale readable in greyscale), each labelled
  /// with its value; the cells equivalent to the best outlined in black, the best starred and
  /// the sweetspot (the zone's cheapest cell) ringed.
  func heatMapCanvas(_ g: SweepGrid) -> SVGCanvas {
    let yLabel = Report.axisLabel(g.keys.y)
    let cellW = max(60, min(110, 560 / Double(g.xs.count)))
    // Rows tall enough for the rotated axis label to fit at full size.
    let cellH = max(30, min(60, 320 / Double(g.ys.count)), (TextMetrics.width(yLabel, size: 12) + 20) / Double(g.ys.count))
    let yLabels = g.ys.map { formatParameterNumber($0) }
    let left = 44 + (yLabels.map { TextMetrics.width($0, size: 10.5) }.max() ?? 20)
    let gridW = cellW * Double(g.xs.count), gridH = cellH * Double(g.ys.count)
    let width = max(left + gridW + 30, 520)
    let title = "\(experiment.name): \(Report.title(Report.objective)) of \(g.strategy) (\(g.market))"
    var note = "Cells: mean \(Report.title(Report.objective)) ($ million) over \(experiment.trials) trials; lighter is higher."
    switch g.scope {
    case "grid"?: note += " Black outline: the sweetspot zone, cells equivalent to the best (star) within ±\(marginText) (paired two one-sided tests); ring: the sweetspot, the zone's cheapest cell."
    case let scope?: note += " The \(scope == "row" ? "rows" : "columns") vary an assumption, not a choice, so each \(scope) has its own zone: black outline, cells equivalent to that \(scope)'s best (star) within ±\(marginText) (paired two one-sided tests); ring: each \(scope)'s sweetspot, its zone's cheapest cell."
    case nil: note += " Both keys are assumptions, so no sweetspot is marked; star: the highest cell."
    }
    let top = Report.titleHeight(title, width: width) + 4
    var c = SVGCanvas(width: width, height: top + gridH + 50 + Report.noteHeight(note, width: width))
    _ = Report.drawTitle(&c, title)
    let values = g.mean.flatMap { $0 }.filter { !$0.isNaN }
    let lo = values.min() ?? 0, hi = values.max() ?? 1
    func cellY(_ r: Int) -> Double { top + Double(g.ys.count - 1 - r) * cellH }  // the highest value of the second key on top
    var starred = g.best
    if g.scope == nil, let m = values.max() {
      for r in g.ys.indices { for k in g.xs.indices where g.mean[r][k] == m { starred = [SweepGrid.Cell(row: r, column: k)] } }
    }
    for r in g.ys.indices {
      c.text(left - 8, cellY(r) + cellH / 2 + 4, yLabels[r], size: 10.5, anchor: "end")
      for k in g.xs.indices {
        let x = left + Double(k) * cellW, m = g.mean[r][k]
        guard !m.isNaN else { continue }
        let t = hi > lo ? (m - lo) / (hi - lo) : 1
        c.rect(x, cellY(r), cellW, cellH, fill: Palette.sequential(t))
        let ink = t > 0.55 ? "#000" : "#FFF"
        c.text(x + cellW / 2, cellY(r) + cellH / 2 + 4, Format.number(m / 1e6, 2), size: 10, anchor: "middle", color: ink, maxWidth: cellW - 30)
        // A drawn star, not "★": the PDF's Helvetica has no such glyph.
        if starred.contains(SweepGrid.Cell(row: r, column: k)) { c.marker(x + 10, cellY(r) + 10, .star, color: ink, size: 4.5) }
      }
    }
    for r in g.ys.indices { for k in g.xs.indices where g.inZone[r][k] {
      c.outline(left + Double(k) * cellW + 1.5, cellY(r) + 1.5, cellW - 3, cellH - 3, color: "#000", width: 2.5)
    } }
    for p in g.sweetspots {
      let sx = left + (Double(p.column) + 0.5) * cellW, sy = cellY(p.row) + cellH / 2
      let r = min(cellW / 2 - 4, cellH / 2 - 4)
      c.ring(sx, sy, r, color: "#FFF", width: 3)
      c.ring(sx, sy, r, color: "#000", width: 1.4)
    }
    for (k, x) in g.xs.enumerated() { c.text(left + (Double(k) + 0.5) * cellW, top + gridH + 16, formatParameterNumber(x), size: 10.5, anchor: "middle", maxWidth: cellW - 2) }
    c.text(left + gridW / 2, top + gridH + 36, Report.axisLabel(g.keys.x), size: 12, anchor: "middle", maxWidth: width - left)
    c.text(18, top + gridH / 2, yLabel, size: 12, anchor: "middle", rotate: -90, maxWidth: gridH)
    Report.drawNote(&c, note)
    return c
  }
}
