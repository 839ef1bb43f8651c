import Foundation
import Testing
import SweetspotExperiment
import SweetspotModel
import SweetspotRobustness
@testable import SweetspotReport

/// Issue 13: a report says how far its answer holds across the sampled worlds, which assumptions
/// decide it and where it flips; every number recomputes from trials.csv.
@Suite struct RobustnessReportTests {
  static let source = """
    name = "robust-report"
    seed = 3
    trials = 3
    weeks = 26
    strategies = ["good-enough", "minimal", "strategic"]
    [population]
    size = 300
    [uncertainty]
    "world.gross_margin" = { low = 0.2, high = 0.7 }
    "world.promoter_weekly_tells" = "default"
    [robustness]
    samples = 12
    trials = 2
    resamples = 50
    """

  func report(_ source: String = RobustnessReportTests.source) throws -> (Report, URL) {
    let experiment = try ExperimentLoader.load(text: source, file: "robust.toml")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-robust-\(UUID().uuidString)")
    _ = try ExperimentRunner.run(experiment, options: RunOptions(threads: 2, directory: dir, toolVersion: "0.1.0", fileHash: SHA256.hex(source)))
    return (try Report.build(directory: dir, benchmarks: try ReportTests.benchmarks()), dir)
  }

  @Test func robustnessMetricsRecomputeFromTheTrials() throws {
    let (report, dir) = try report()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    #expect(r.cells.count == 1)
    let cell = r.cells[0]
    // The main report analyses the nominal world only: 3 trials per strategy.
    #expect(report.sections.count == 1 && report.sections[0].strategies.allSatisfy { $0.stat(.customerEquity).n == 3 })
    // By hand from trials.csv's rows: per world, each strategy's mean equity; regret against the world's best.
    let run = try FinishedRun(dir)
    let m = Metric.allCases.firstIndex(of: .customerEquity)!
    var sums = [[Double]](repeating: [0, 0, 0], count: 12)
    for row in run.table.rows where run.runner.scenarios[row.scenario].world > 0 {
      sums[run.runner.scenarios[row.scenario].world - 1][row.strategy] += row.values[m] / 2
    }
    for (j, s) in cell.strategies.enumerated() {
      let regrets = sums.map { $0.max()! - $0[j] }
      #expect(abs(s.metrics!.regretMean - regrets.reduce(0, +) / 12) < 1e-6 * max(1, abs(s.metrics!.regretMean)))
      #expect(s.metrics!.regretMax == regrets.max()!)
      let best = sums.filter { world in world.indices.max { world[$0] < world[$1] } == j }.count
      #expect(Double(best) / 12 == s.metrics!.shareBest)
      #expect(s.metrics!.shareWithinMargin >= s.metrics!.shareBest)
    }
    #expect(abs(cell.strategies.map(\.metrics!.shareBest).reduce(0, +) - 1) < 1e-12)
    // The nominal best is the main report's winner, and the statement names it.
    #expect(cell.nominalBest == report.sections[0].ranking[0].strategy)
    let statement = r.statement(cell)
    #expect(statement.contains(cell.nominalBest) && statement.contains("of the best in"))
    // It names the most robust strategy: the one most often within the margin of each world's best.
    let robust = try #require(RobustnessAnalysis.mostRobust(cell))
    #expect(cell.strategies.allSatisfy { $0.metrics!.shareWithinMargin <= robust.metrics!.shareWithinMargin })
    #expect(statement.contains(robust.strategy))
    #expect(report.answer.contains("Across 12 plausible worlds drawn by a Latin hypercube over 2 assumptions"))
    // 12 worlds for 2 assumptions leave partial rank correlations 8 degrees of freedom: no driver named.
    #expect(statement.contains("have 8 degrees of freedom, too few to tell the assumptions apart") && !statement.contains("depends most on"), "\(statement)")
  }

  /// Direction and size: customer equity is gross margin × revenue less costs, so across worlds it
  /// moves with the gross margin almost perfectly monotonically; word of mouth from promoters
  /// barely moves it over two quarters.
  @Test func theAssumptionThatDrivesEquityRanksFirst() throws {
    let (report, dir) = try report()
    defer { try? FileManager.default.removeItem(at: dir) }
    let cell = try #require(report.robustness?.cells.first)
    let equity = try #require(cell.sensitivities.first { $0.output == "customer_equity: good-enough" })
    #expect(equity.method == .partialRankCorrelation)
    #expect(equity.indices[0].key == "world.gross_margin")
    #expect(equity.indices[0].main.value > 0.9, "ρ = \(equity.indices[0].main.value)")
    // A percentile-bootstrap interval need not contain the estimate: resampled worlds repeat, and
    // a rank correlation near 1 is biased upward in resamples (Efron & Tibshirani 1993, §10). So:
    // an ordered interval inside [−1, 1], near the estimate, and clear of zero.
    let e = equity.indices[0].main
    #expect(-1 <= e.low && e.low <= e.high && e.high <= 1, "[\(e.low), \(e.high)]")
    #expect(e.low - 0.05 <= e.value && e.value <= e.high + 0.05 && e.low > 0.5, "ρ = \(e.value) [\(e.low), \(e.high)]")
  }

  @Test func robustnessFilesAndFiguresAreWritten() throws {
    let (report, dir) = try report()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    let json = try JSONSerialization.jsonObject(with: Data(r.json.utf8)) as? [String: Any]
    let cells = try #require(json?["cells"] as? [[String: Any]])
    #expect(json?["design"] as? String == "latin-hypercube" && json?["worlds"] as? Int == 12)
    #expect((cells[0]["strategies"] as? [[String: Any]])?.count == 3)
    #expect(r.csv.hasPrefix("market,sweep,section,subject,parameter,statistic,value\n"))
    #expect(r.csv.contains("competitive,,strategy,good-enough,,share_best,"))
    #expect(report.markdown.contains("## Robustness to assumptions"))
    #expect(r.sensitivityFigure?.hasPrefix("<svg") == true && r.worldsFigure?.hasPrefix("<svg") == true)
  }

  /// report.csv names a scenario by its index in trials.csv: the second market's nominal world
  /// comes after the first market's 12 sampled worlds.
  @Test func reportScenariosKeepTheirTrialsIndex() throws {
    let source = Self.source.replacingOccurrences(of: "weeks = 26", with: "weeks = 13\nmarkets = [\"competitive\", \"premium\"]")
    let (report, dir) = try report(source)
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(report.sections.map(\.index) == [0, 13])
    #expect(report.csv.contains("\nranking,13,market=premium,"))
    #expect(report.robustness?.cells.count == 2 && report.robustness?.figures.count == 4)
  }

  @Test func aRunWithoutUncertaintyHasNoRobustnessSection() throws {
    let plain = Self.source.components(separatedBy: "[uncertainty]")[0]
    let (report, dir) = try report(plain)
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(report.robustness == nil && !report.markdown.contains("Robustness to assumptions"))
  }

  /// A cell of `r`'s with the given strategies' metrics and key sensitivity.
  static func cell(_ r: RobustnessAnalysis, strategies: [(String, within: Double, best: Double, regret: Double)],
                   sensitivity: RobustnessAnalysis.Sensitivity) -> RobustnessAnalysis.Cell {
    let rows = strategies.map { name, within, best, regret in
      RobustnessAnalysis.StrategyRow(strategy: name, nominal: 1e7, metrics: StrategyRobustness(
        mean: 1e7, quantiles: [:], regretMean: regret, regretP90: regret, regretMax: regret, shareBest: best, shareWithinMargin: within), shareWin4: 0)
    }
    let c = r.cells[0]
    return RobustnessAnalysis.Cell(market: c.market, assignments: c.assignments, label: c.label, worlds: c.worlds, nominalBest: strategies[0].0,
                                   pair: (strategies[0].0, strategies[1].0), strategies: rows, sensitivities: [sensitivity],
                                   discovery: .init(condition: "", worlds: 1, box: nil, trajectory: []), winners: c.winners, worldValues: c.worldValues, outcomes: c.outcomes)
  }

  static func sobol(_ output: String, _ indices: [(String, first: Estimate, total: Estimate)]) -> RobustnessAnalysis.Sensitivity {
    .init(output: output, method: .sobol, indices: indices.map { .init(key: $0.0, main: $0.first, second: $0.total, method: .sobol) })
  }

  /// Sobol' indices are shares of variance: totals summing to 2.7, or a first-order index wholly
  /// below zero, are noise, and the statement and the table say so instead of naming a driver.
  @Test func implausibleSobolIndicesAreCalledNoiseNotDrivers() throws {
    let (report, dir) = try report()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    let noisy = Self.sobol("customer_equity: a − b", [
      ("world.aht_skill_saving", Estimate(value: -0.40, low: -0.70, high: -0.10), Estimate(value: 1.07, low: 0.62, high: 1.64)),
      ("world.gross_margin", Estimate(value: 0.20, low: -0.10, high: 0.50), Estimate(value: 0.95, low: 0.40, high: 1.40)),
      ("world.negative_tells", Estimate(value: 0.10, low: -0.20, high: 0.40), Estimate(value: 0.68, low: 0.20, high: 1.10)),
    ])
    let noise = try #require(RobustnessAnalysis.noise(noisy))
    #expect(abs(noise.totalSum - 2.7) < 1e-9 && noise.negative == ["world.aht_skill_saving"])
    let statement = r.statement(Self.cell(r, strategies: [("a", 0.9, 0.5, 1e5), ("b", 0.5, 0.5, 2e5)], sensitivity: noisy))
    #expect(statement.contains("The Sobol' indices of the gap between a and b are dominated by noise at this sample size"))
    #expect(statement.contains("the total indices sum to 2.70") && statement.contains("more samples (robustness.samples"))
    #expect(!statement.contains("depends most on"))
    // Either sign alone is enough; plausible indices are read as drivers.
    let negativeOnly = Self.sobol("y", [("x", Estimate(value: -0.3, low: -0.5, high: -0.1), Estimate(value: 0.3, low: 0.1, high: 0.5))])
    #expect(RobustnessAnalysis.noise(negativeOnly)?.negative == ["x"])
    let plausible = Self.sobol("y", [("x", Estimate(value: 0.6, low: 0.4, high: 0.8), Estimate(value: 0.7, low: 0.5, high: 0.9)),
                                     ("z", Estimate(value: -0.02, low: -0.1, high: 0.05), Estimate(value: 0.3, low: 0.1, high: 0.5))])
    #expect(RobustnessAnalysis.noise(plausible) == nil)
    #expect(r.statement(Self.cell(r, strategies: [("a", 0.9, 0.5, 1e5), ("b", 0.5, 0.5, 2e5)], sensitivity: plausible)).contains("depends most on x (S_T 0.70"))
    // The sensitivity table's text says it too, in LaTeX as in Markdown.
    #expect(report.latexSensitivity(r, noisy, label: "s").contains("dominated by noise at this sample size"))
  }

  /// "Most robust" names its criterion, and the other criteria when they pick another strategy.
  @Test func theMostRobustStrategyIsNamedWithItsCriterionAndTheOthersThatDisagree() throws {
    let (report, dir) = try report()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    let s = Self.sobol("y", [("x", Estimate(value: 0.6, low: 0.4, high: 0.8), Estimate(value: 0.7, low: 0.5, high: 0.9))])
    // a: most often within the margin; b: best in more worlds and with less regret.
    let split = r.statement(Self.cell(r, strategies: [("a", 0.9, 0.3, 5e5), ("b", 0.8, 0.6, 2e5)], sensitivity: s))
    #expect(split.contains("a, the nominal winner, is also the most robust by the share of worlds within the margin of the best: within 1% of the best in 90% of worlds"))
    #expect(split.contains("by other criteria, b has the lowest mean regret ($0.20M against $0.50M) and b is best in the most worlds (60% against 30%); b is as robust within the sampling of worlds (within the margin in 10 against 11 of 12 worlds: the intervals overlap)."))
    // All three criteria agree: nothing more is said.
    let agree = r.statement(Self.cell(r, strategies: [("a", 0.9, 0.6, 1e5), ("b", 0.8, 0.4, 2e5)], sensitivity: s))
    #expect(!agree.contains("by other criteria"))
  }

  /// The boilerplate's example of an off-centre range is an assumption this run varied.
  @Test func theOffCentreExampleIsAnAssumptionTheRunVaried() throws {
    let (report, dir) = try report()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    #expect(r.markdown(nominal: ["world.gross_margin": 0.65]).joined().contains("(world.gross_margin is 0.65 (share of revenue) in the file and sampled from uniform [0.2, 0.7], for example)"))
    // Not the equity horizon, which this run does not vary (the file's 0.45 is the middle of the gross margin's range).
    #expect(report.nominalAssumptions["world.gross_margin"] == 0.45)
    #expect(!report.markdown.contains("equity horizon") && !report.markdown.contains("world.gross_margin is"))
    // A range centred on the file's value is no example; without the file's values, none is given.
    #expect(!r.markdown(nominal: ["world.gross_margin": 0.45]).joined().contains("for example"))
    #expect(!r.markdown.joined().contains("for example"))
  }

  /// A sweep of one strategy's lever, every assumption varied: the figures are about where the
  /// best value lies across the sweep's points, and the report lists the 20 assumptions that
  /// matter most, not all of them.
  @Test func aSweepsRobustnessFiguresAreCaptionedForTheWholeSweepAndLongListsAreCut() throws {
    let report = try ReportFixture.tinyReport(strategies: #"["good-enough"]"#, extra: """
      [[sweep]]
      key = "strategy.good-enough.service_level_target"
      values = [0.6, 0.8]
      [uncertainty]
      "*" = "default"
      [robustness]
      samples = 6
      trials = 1
      resamples = 20
      """)
    let r = try #require(report.robustness)
    #expect(r.parameters.count > 100)
    // The wildcard holds the metric's conventions fixed, and the report names them.
    #expect(!r.parameters.contains { $0.key == "world.equity_horizon_weeks" })
    #expect(r.heldConventions.map(\.key) == ["world.equity_horizon_weeks"])
    #expect(report.markdown.contains("Held fixed as conventions of the metric, not facts about the world: `world.equity_horizon_weeks` = 156"))
    let figures = r.figures
    #expect(figures.map(\.name) == ["sensitivity", "worlds"])
    for f in figures {
      #expect(!f.caption.contains("service_level_target=0.6"), "\(f.caption)")
      #expect(f.caption.contains("good-enough") && f.caption.contains("service_level_target"), "\(f.caption)")
    }
    #expect(figures[0].caption.contains("in each world, the swept value (of 0.6, 0.8) with the highest customer equity"))
    // The assumptions table: the 20 that matter most, and where the rest are.
    let md = report.markdown
    let section = try #require(md.components(separatedBy: "## Robustness to assumptions").last)
    #expect(section.contains("The 20 assumptions that matter most, of the \(r.parameters.count) varied:"))
    #expect(section.contains("The other \(r.parameters.count - 20) assumptions varied, with their distributions, are in robustness.json (`parameters`) and worlds.csv"))
    let rows = section.split(separator: "\n").filter { $0.hasPrefix("| `") }
    #expect(rows.count <= 20 + 2, "\(rows.count) rows")
    #expect(report.latexSensitivity(r, r.locations[0].sensitivity, label: "s").contains("the top 20 of \(r.parameters.count), the full list in robustness.csv and robustness.json"))
    // The long title ("Which assumptions decide best strategy.good-enough.service_level_target
    // (good-enough, competitive)") wraps inside the canvas, as every other label does.
    for f in figures { #expect(f.canvas.overflowingText.isEmpty, "\(f.name): \(f.canvas.overflowingText)") }
    #expect(figures[0].svg.components(separatedBy: "font-weight=\"bold\"").count - 1 >= 2)
  }

  /// Morris worlds sit on a grid of levels: each occupied grid point is drawn once, as a pie of
  /// its winners' shares sized by its worlds, so no world hides another; the caption says so.
  @Test func morrisWorldsAreDrawnAsOnePiePerGridPoint() throws {
    let source = Self.source.replacingOccurrences(of: "samples = 12", with: "design = \"morris\"\nsamples = 6")
    let (report, dir) = try report(source)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    let cell = r.cells[0]
    #expect(r.worldsOnGrid(0))
    let axes = try #require(r.worldsAxes(0))
    let points = RobustnessAnalysis.gridPoints(cell.worldValues.map { $0[axes.x] }, cell.worldValues.map { $0[axes.y] })
    #expect(points.count < cell.worldValues.count && points.map(\.worlds.count).reduce(0, +) == cell.worldValues.count)
    let worlds = try #require(r.figures.first { $0.name == "worlds" })
    #expect(worlds.caption.contains("each occupied grid point is one pie of the winners' shares"))
    // One dark ring per pie (a single-winner pie is a ringed disc), none for anything else.
    let rings = worlds.svg.components(separatedBy: "\n").filter { $0.hasPrefix("<circle") && $0.contains("stroke=\"#333333\"") }
    #expect(rings.count == points.count)
    #expect(worlds.canvas.overflowingText.isEmpty && worlds.pdf.hasPrefix("%PDF"))
  }

  /// A Morris screen's worlds are a grid of one-at-a-time moves, not a sample of plausible
  /// worlds: no shares or regrets, and each μ* comes with its noise floor from the paired trials.
  @Test func aMorrisScreenGivesNoSharesAndEachMuStarItsNoiseFloor() throws {
    let source = Self.source.replacingOccurrences(of: "samples = 12", with: "design = \"morris\"\nsamples = 6")
    let (report, dir) = try report(source)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    let cell = r.cells[0]
    #expect(cell.worlds == 0 && cell.strategies.allSatisfy { $0.metrics == nil && $0.shareWin4 == nil })
    let statement = r.statement(cell)
    #expect(statement.contains("its worlds are no sample of the plausible worlds and give no shares of worlds or regrets"), "\(statement)")
    #expect(!statement.contains("of the best in"))
    let diff = try #require(cell.sensitivities.first)
    #expect(diff.method == .morris && diff.indices.allSatisfy { ($0.noise ?? -1) > 0 && $0.standsOut != nil && $0.noiseP != nil })
    #expect(statement.contains("an F test of the mean square effect against the noise variance from the paired trials, Holm-corrected over the 2 assumptions at 5%"), "\(statement)")
    let md = report.markdown
    #expect(md.contains("| assumption | μ* [95% CI] | σ | noise floor | stands out |") && !md.contains("| strategy | nominal | mean over worlds |"))
    // The JSON has the floor and no shares.
    let json = try #require(try JSONSerialization.jsonObject(with: Data(r.json.utf8)) as? [String: Any])
    let c = try #require((json["cells"] as? [[String: Any]])?.first)
    #expect(c["sample_worlds"] as? Int == 0)
    #expect(((c["strategies"] as? [[String: Any]])?.first?.keys.sorted()) == ["nominal", "strategy"])
    let first = try #require(((c["sensitivity"] as? [[String: Any]])?.first?["indices"] as? [[String: Any]])?.first)
    #expect(first["noise_floor"] as? Double != nil && first["stands_out"] as? Bool != nil)
  }

  /// A Saltelli design's shares count A and B, the sample of plausible worlds, not the mixed rows
  /// that repeat A but for one assumption; its S_T come with their noise parts.
  @Test func saltelliSharesCountTheBaseMatricesOnly() throws {
    let source = Self.source.replacingOccurrences(of: "samples = 12", with: "design = \"saltelli\"\nsamples = 8")
    let (report, dir) = try report(source)
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    let cell = r.cells[0]
    #expect(r.uncertainty.worldCount == 32 && cell.worlds == 16)
    #expect(r.uncertainty.sampleWorlds == [0, 3, 4, 7, 8, 11, 12, 15, 16, 19, 20, 23, 24, 27, 28, 31])
    let sampled = r.uncertainty.sampleWorlds.map { cell.outcomes[$0] }
    let best = cell.strategies.indices.map { j in sampled.filter { o in o.indices.max { o[$0] < o[$1] } == j }.count }
    for (j, s) in cell.strategies.enumerated() { #expect(s.metrics!.shareBest == Double(best[j]) / 16) }
    #expect(r.statement(cell).contains("shares, regrets and scenario discovery count the 16 worlds of the base matrices A and B"))
    let diff = try #require(cell.sensitivities.first)
    #expect(diff.method == .sobol && diff.noiseShare != nil && diff.indices.allSatisfy { $0.noise != nil })
    #expect(report.markdown.contains("| noise part of S_T | stands out |"))
  }

  /// "Does not carry over" is a finding only when the shares differ beyond the sampling of worlds.
  @Test func aMostRobustStrategyWithinNoiseOfTheNominalWinnerIsNotCalledAFlip() throws {
    let (report, dir) = try report()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    let s = Self.sobol("y", [("x", Estimate(value: 0.6, low: 0.4, high: 0.8), Estimate(value: 0.7, low: 0.5, high: 0.9))])
    // 12 worlds: 7 against 6 overlaps; 12 against 2 does not.
    let close = r.statement(Self.cell(r, strategies: [("a", 6.0 / 12, 0.3, 5e5), ("b", 7.0 / 12, 0.6, 2e5)], sensitivity: s))
    #expect(close.contains("so these worlds do not settle which of them holds up better") && !close.contains("does not carry over"), "\(close)")
    let far = r.statement(Self.cell(r, strategies: [("a", 2.0 / 12, 0.1, 5e5), ("b", 1, 0.9, 2e5)], sensitivity: s))
    #expect(far.contains("so the nominal answer does not carry over"), "\(far)")
  }

  /// An S_T whose interval does not clear the part noise adds to it names no driver.
  @Test func anIndexInsideItsNoiseIsNoDriver() throws {
    let (report, dir) = try report()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try #require(report.robustness)
    var x = RobustnessAnalysis.Index(key: "x", main: Estimate(value: 0.05, low: 0.01, high: 0.1), second: Estimate(value: 0.1, low: 0.04, high: 0.2), noise: 0.06, method: .sobol)
    #expect(!r.distinguishable(x))
    x.noise = 0.02
    #expect(r.distinguishable(x))
    var m = RobustnessAnalysis.Index(key: "m", main: Estimate(value: 3e6, low: 2e6, high: 4e6), second: nil, noise: 2.5e6, standsOut: false, method: .morris)
    #expect(!r.distinguishable(m))
    m.standsOut = true
    #expect(r.distinguishable(m))
  }

  @Test func ticksAreRoundAndInsideTheRange() {
    #expect(ticks(59.2, 533.7) == [100, 200, 300, 400, 500])
    #expect(ticks(0.2, 0.65).first == 0.2)
    #expect(ticks(1.94, 8.01) == [2, 4, 6, 8])
  }

  /// Wilson's interval for 5 of 10: 0.5 ± 0.2634 (Brown, Cai & DasGupta 2001, Table 1's form).
  @Test func shareIntervalsAreWilsonsAndQuantilesAreSweepValues() {
    let w = RobustnessAnalysis.wilson(0.5, 10)
    #expect(abs(w.low - 0.2366) < 1e-4 && abs(w.high - 0.7634) < 1e-4)
    #expect(RobustnessAnalysis.wilson(1, 20).high == 1 && RobustnessAnalysis.wilson(1, 20).low < 1)
    // A best sweep value is one of the values: 10th percentile of 14 × 0.97 and 2 × 0.93 is 0.93, not between.
    let best = [Double](repeating: 0.97, count: 14) + [0.93, 0.93]
    #expect(RobustnessAnalysis.nearestRank(best, 0.1) == 0.93 && RobustnessAnalysis.nearestRank(best, 0.5) == 0.97)
  }

  /// PRCC does not credit an input for its chance correlation with the one that acts: x2 follows
  /// x1 closely but y depends on x1 alone; Spearman's ρ gives x2 nearly x1's score, PRCC about 0.
  @Test func partialRankCorrelationIgnoresAProxy() throws {
    let n = 40
    let x1 = (0..<n).map { Double($0) / Double(n) }
    let x2 = x1.enumerated().map { i, v in v + 0.15 * sin(Double(i) * 2.3) }
    let x3 = (0..<n).map { sin(Double($0) * 7.1) }
    let y = x1.enumerated().map { i, v in v + 0.05 * cos(Double(i) * 5.7) }
    let rows = (0..<n).map { [x1[$0], x2[$0], x3[$0]] }
    let p = try #require(RankCorrelation.partial(rows, y))
    let rho2 = try RankCorrelation.spearman(x2, y, resamples: 0, seed: 1).value
    #expect(p[0] > 0.9 && abs(p[1]) < 0.3 && abs(p[2]) < 0.3, "\(p)")
    #expect(rho2 > 0.8, "Spearman credits the proxy: \(rho2)")
    // Too few worlds for the inputs: no partial correlations.
    #expect(RankCorrelation.partial(Array(rows.prefix(5)), Array(y.prefix(5))) == nil)
  }

  /// When one input's ranks are the output's exactly (a bootstrap resample of a near-perfect
  /// relation often is), that input's partial correlation is 1 (−1 reversed) and an input the
  /// relation does not use has none; the bootstrap interval of a near-perfect driver is known.
  @Test func anExactRankRelationGivesItsInputOne() throws {
    let n = 12
    let x1 = (0..<n).map { Double($0) }
    let x2 = (0..<n).map { sin(Double($0) * 7.1) }
    let rows = (0..<n).map { [x1[$0], x2[$0]] }
    let p = try #require(RankCorrelation.partial(rows, x1.map { 3 * $0 + 1 }))
    #expect(p[0] == 1 && p[1].isNaN, "\(p)")
    #expect(try #require(RankCorrelation.partial(rows, x1.map { -$0 }))[0] == -1)
    // One adjacent pair swapped: ρ just below 1, and the bootstrap interval near it, not unknown.
    var y = x1; y.swapAt(5, 6)
    let e = try #require(try RankCorrelation.partial(rows, y, resamples: 400, seed: 3))[0]
    #expect(e.value > 0.95 && e.value < 1 && e.low > 0.9 && e.high == 1, "\(e)")
    // Collinear inputs: undefined.
    #expect(RankCorrelation.partial((0..<n).map { [x1[$0], 2 * x1[$0]] }, x2) == nil)
  }

  @Test func spearmanMatchesHandComputedRanks() throws {
    #expect(RankCorrelation.ranks([3, 1, 2, 2]) == [4, 1, 2.5, 2.5])
    #expect(try RankCorrelation.spearman([1, 2, 3, 4, 5], [2, 4, 8, 16, 32], resamples: 0, seed: 1).value == 1)
    #expect(try RankCorrelation.spearman([1, 2, 3, 4, 5], [5, 4, 3, 2, 1], resamples: 0, seed: 1).value == -1)
    // ρ = 1 − 6Σd²/(n(n²−1)): d = (0, −1, 1, 0, 0) → 1 − 12/120 = 0.9.
    #expect(abs(try RankCorrelation.spearman([1, 2, 3, 4, 5], [1, 3, 2, 4, 5], resamples: 0, seed: 1).value - 0.9) < 1e-12)
  }
}

/// Issue 12: root-cause and front-line spending compared at equal total spend.
@Suite struct EqualSpendTests {
  /// The swept strategy's equity rises 2 per unit of cost; the comparator spends 15 (halfway
  /// between the points costing 10 and 20) and earns 100: the swept curve gives 130 there.
  @Test func theSweptCurveIsReadAtTheComparatorsSpendTrialByTrial() throws {
    let c = try #require(try EqualSpendComparison.compare(
      swept: "root-cause-first", comparator: "front-line-first", values: [0, 4, 8],
      cost: [[10, 10, 10], [20, 20, 20], [30, 30, 30]], objective: [[120, 121, 119], [140, 141, 139], [150, 150, 150]],
      comparatorCost: [14, 15, 16], comparatorObjective: [100, 101, 99]))
    #expect(c.spend == 15 && c.leverValue == 2)
    #expect(abs(c.difference.mean - 30) < 1e-12 && c.difference.n == 3)
    #expect(abs(c.difference.low - 30) < 1e-9 && c.difference.significant)
  }

  @Test func noComparisonOutsideTheCurveOrOnAFallingCost() throws {
    #expect(try EqualSpendComparison.compare(swept: "a", comparator: "b", values: [0, 1], cost: [[10, 10], [20, 20]],
                                             objective: [[1, 1], [2, 2]], comparatorCost: [25, 25], comparatorObjective: [1, 1]) == nil)
    #expect(try EqualSpendComparison.compare(swept: "a", comparator: "b", values: [0, 1], cost: [[20, 20], [10, 10]],
                                             objective: [[1, 1], [2, 2]], comparatorCost: [15, 15], comparatorObjective: [1, 1]) == nil)
  }
}
