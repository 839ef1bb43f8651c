import SweetspotExperiment
import SweetspotModel
import SweetspotNumerics
import SweetspotRobustness

/// How far an industry run's answer holds when its assumptions move (the choice model's above
/// all): in every sampled world of a robustness run, the cross-section's answer is computed again
/// (where profit peaks against service spend, the rank correlation of the two, and how often the
/// same firm tops both lists against chance), then summarized across worlds with Wilson intervals
/// on shares and partial rank correlations (PRCC) naming the assumptions that move each answer.
public struct IndustryRobustness: Sendable {
  public struct World: Sendable {
    public let world: Int
    public let peak: Double
    /// The peak lies strictly inside the observed spend range (not at either end of the grid).
    public let interior: Bool
    public let spearman: Double
    public let overlapRatio: Double
  }
  public struct Cell: Sendable {
    public let label: String
    public let worlds: [World]
    /// PRCC of each answer with each uncertain parameter (nil: too few worlds).
    public let peakDrivers: [(key: String, index: Estimate)]?
    public let overlapDrivers: [(key: String, index: Estimate)]?
  }
  public let uncertainty: Uncertainty
  public let cells: [Cell]

  public init(tables: IndustryTables) throws {
    let e = tables.experiment
    guard let u = e.uncertainty else { throw ExperimentError(file: e.file, key: "uncertainty", message: "is not a robustness run") }
    uncertainty = u
    let values = try u.worlds(seed: e.seed)
    // The answer in every scenario, with no bootstrap (the worlds are the resampling here).
    let all = try IndustryAnalysis(tables: tables, table: tables.table, resamples: 0)
    let scenarios = tables.table.scenarios
    var cells: [Cell] = []
    for nominal in scenarios where nominal.world == 0 {
      let members = scenarios.filter { $0.world > 0 && $0.market.name == nominal.market.name && $0.assignments.map(\.value) == nominal.assignments.map(\.value) }
      var worlds: [World] = []
      for sc in members {
        guard let c = all.cells.first(where: { $0.scenario == sc.index }) else { continue }
        let f = c.profitFit
        worlds.append(World(world: sc.world, peak: f.peak, interior: f.peakIsInterior, spearman: f.spearman.value,
                            overlapRatio: c.lists.first?.ratio.value ?? .nan))
      }
      let x = worlds.map { values[$0.world - 1] }
      func drivers(_ y: [Double], part: Int) throws -> [(key: String, index: Estimate)]? {
        let keep = y.indices.filter { y[$0].isFinite }
        guard keep.count >= max(10, u.dimensions + 3) else { return nil }
        guard let prcc = try RankCorrelation.partial(keep.map { x[$0] }, keep.map { y[$0] }, resamples: u.resamples,
                                                     seed: SplitMix64.mix(e.seed &+ UInt64(part))) else { return nil }
        return zip(u.parameters.map(\.key), prcc).map { ($0, $1) }.sorted { abs($0.1.value) > abs($1.1.value) }
      }
      cells.append(Cell(label: nominal.label, worlds: worlds, peakDrivers: try drivers(worlds.map(\.peak), part: 910_000 + cells.count * 2),
                        overlapDrivers: try drivers(worlds.map(\.overlapRatio), part: 910_001 + cells.count * 2)))
    }
    self.cells = cells
  }

  static func share(_ k: Int, _ n: Int) -> String {
    guard n > 0 else { return "n/a" }
    let p = Double(k) / Double(n), w = RobustnessAnalysis.wilson(p, n)
    return "\(Format.number(100 * p, 0))% [\(Format.number(100 * w.low, 0))%, \(Format.number(100 * w.high, 0))%]"
  }

  static func driversText(_ d: [(key: String, index: Estimate)]?) -> String {
    guard let d else { return "too few worlds to tell which assumptions move it" }
    let clear = d.filter { $0.index.low > 0 || $0.index.high < 0 }.prefix(3)
    return clear.isEmpty ? "no assumption moves it beyond the noise (every PRCC interval reaches 0)"
      : "it moves most with " + clear.map { "\($0.key) (PRCC \(Format.number($0.index.value, 2)) [\(Format.number($0.index.low, 2)), \(Format.number($0.index.high, 2))])" }.joined(separator: ", ")
  }

  /// The answer's robustness in one paragraph.
  public var statement: String {
    cells.map { c in
      let n = c.worlds.count
      let interior = c.worlds.filter(\.interior).count, above = c.worlds.filter { $0.overlapRatio > 1 }.count
      let positive = c.worlds.filter { $0.spearman > 0 }.count
      return (cells.count > 1 ? "In \(c.label), across" : "Across") + " \(n) sampled worlds (\(uncertainty.dimensions) assumptions varied): adjusted profit's fitted peak lies inside the central 95% of firms' spend in \(IndustryRobustness.share(interior, n)) of worlds, and profit rises with spend (Spearman ρ > 0) in \(IndustryRobustness.share(positive, n)); where it peaks, \(IndustryRobustness.driversText(c.peakDrivers)). The same firms top the default lists (profit, CSAT) more often than chance in \(IndustryRobustness.share(above, n)) of worlds; \(IndustryRobustness.driversText(c.overlapDrivers))."
    }.joined(separator: " ")
  }

  var blocks: [ReportBlock] {
    var b: [ReportBlock] = [.heading(level: 2, text: "Robustness to assumptions"), .paragraph(statement)]
    b.append(.paragraph("The uncertain assumptions: " + uncertainty.parameters.map { "\($0.key) (\($0.summary))" }.joined(separator: "; ") + "."))
    for c in cells {
      b.append(.table(ReportTable(header: ["world", "profit peaks at ($/customer-yr)", "inside the range", "Spearman ρ", "both lists ÷ chance"],
                                  numeric: [true, true, false, true, true],
                                  rows: c.worlds.map { [String($0.world), Format.dollars($0.peak, 0), $0.interior ? "yes" : "no", Format.number($0.spearman, 2), Format.number($0.overlapRatio, 2)] })))
    }
    return b
  }

  var jsonValue: JSONValue {
    func drivers(_ d: [(key: String, index: Estimate)]?) -> JSONValue {
      d.map { .object($0.map { ($0.key, .object([("prcc", .number($0.index.value)), ("ci95", .array([.number($0.index.low), .number($0.index.high)]))])) }) } ?? .null
    }
    return .array(cells.map { c in
      .object([("label", .string(c.label)),
               ("worlds", .array(c.worlds.map { w in .object([("world", .integer(w.world)), ("peak", .number(w.peak)), ("interior", .bool(w.interior)),
                                                              ("spearman", .number(w.spearman)), ("both_lists_ratio_to_chance", .number(w.overlapRatio))]) })),
               ("peak_drivers", drivers(c.peakDrivers)), ("both_lists_drivers", drivers(c.overlapDrivers))])
    })
  }
}
