import SweetspotExperiment
import SweetspotModel
import SweetspotNumerics
import SweetspotRobustness

/// The robustness analysis in words, tables, files and figures.
extension RobustnessAnalysis {
  var designSentence: String {
    let u = uncertainty
    let how: String
    switch u.design {
    case .saltelli: how = "a Saltelli design (N = \(u.samples))"
    case .morris: how = "\(u.samples) Morris trajectories (\(u.levels) levels)"
    case .latinHypercube: how = "a Latin hypercube"
    case .sobol: how = "a Sobol' sequence"
    case .halton: how = "a Halton sequence"
    }
    let plural = u.dimensions == 1 ? "" : "s"
    if u.design == .morris {
      return "\(u.worldCount) worlds on the grid of \(how) over \(u.dimensions) assumption\(plural), \(u.trialsPerWorld) trial\(u.trialsPerWorld == 1 ? "" : "s") each"
    }
    return "\(u.worldCount) plausible worlds drawn by \(how) over \(u.dimensions) assumption\(plural), \(u.trialsPerWorld) trial\(u.trialsPerWorld == 1 ? "" : "s") each"
  }

  /// Which of the design's worlds the shares count, when not all of them (empty otherwise).
  var sampleSentence: String {
    switch uncertainty.design {
    case .saltelli:
      return "shares, regrets and scenario discovery count the \(uncertainty.sampleWorlds.count) worlds of the base matrices A and B, a sample of the plausible worlds; the other worlds repeat them but for one assumption and serve the Sobol' indices only"
    case .morris:
      return "a Morris screen ranks the assumptions by their effects; its trajectories sit on a grid whose end levels are the ranges' ends, so its worlds are no sample of the plausible worlds and give no shares of worlds or regrets: for how far the answer holds, run a Saltelli design on the assumptions that matter (the second stage) or a Latin hypercube"
    default: return ""
    }
  }

  var marginText: String { "\(Format.number(100 * margin, margin * 100 < 1 ? 2 : 0))%" }

  /// How far a sweep's nominal best value holds across worlds, one sentence per series.
  public func locationStatement(_ l: SweepLocation) -> String {
    let x = l.key.split(separator: ".").last.map(String.init) ?? l.key
    func q(_ p: Double) -> String { Format.number(RobustnessAnalysis.nearestRank(l.sampleLocations, p), 3) }
    var s: String
    if let share = l.shareNominalWithinMargin, !l.sampleLocations.isEmpty {
      s = "Across \(designSentence)\(sampleSentence.isEmpty ? "" : " (\(sampleSentence))"), the best \(x) for \(l.strategy) (\(l.fixed)) lies between \(q(0.1)) and \(q(0.9)) in at least 80% of worlds (median \(q(0.5)); \(l.values.filter { v in l.sampleLocations.contains(v) }.map { v in "\(Format.number(v, 3)): \(l.sampleLocations.filter { $0 == v }.count)" }.joined(separator: ", ")) of \(l.sampleLocations.count)); the nominal best, \(Format.number(l.nominalBest, 3)), is within \(marginText) of each world's best in \(percent(share)) of them."
    } else {
      s = "Across \(designSentence): \(sampleSentence)."
    }
    let top = l.sensitivity.indices.filter(distinguishable).prefix(2)
    if let noise = RobustnessAnalysis.noise(l.sensitivity) {
      s += " " + noiseSentence(noise, of: "where it lies")
    } else {
      s += top.isEmpty ? " No assumption stands out from the noise in where it lies (\(noRule(l.sensitivity)))."
        : " Where it lies depends most on " + top.map { "\($0.key) (\(indexLabel($0)))" }.joined(separator: " and ") + "."
    }
    return s
  }

  /// How far the nominal answer holds, in one or two sentences (the end of a report's answer).
  public func statement(_ cell: Cell) -> String {
    guard cell.strategies.count > 1 else { return "" }
    let n = cell.worlds
    var s: String
    if let nominal = cell.strategies.first(where: { $0.strategy == cell.nominalBest }), let nm = nominal.metrics,
       let robust = RobustnessAnalysis.mostRobust(cell), let rm = robust.metrics {
      func shares(_ m: StrategyRobustness) -> String {
        "within \(marginText) of the best in \(percent(m.shareWithinMargin)) of worlds \(wilsonText(m.shareWithinMargin, n)), best in \(percent(m.shareBest)), mean regret \(Format.money(m.regretMean))"
      }
      s = "Across \(designSentence)\(sampleSentence.isEmpty ? "" : " (\(sampleSentence))"): "
      let criterion = "most robust by the share of worlds within the margin of the best"
      if robust.strategy == nominal.strategy {
        s += "\(nominal.strategy), the nominal winner, is also the \(criterion): \(shares(nm))"
      } else {
        s += "the \(criterion) is \(robust.strategy): \(shares(rm)); the nominal winner, \(nominal.strategy), is \(shares(nm))"
      }
      s += RobustnessAnalysis.otherCriteria(cell, robust: robust).map { "; by other criteria, \($0)" } ?? ""
      // A tie for most robust: the next strategy's share within the sampling of worlds.
      let ranking = RobustnessAnalysis.robustnessRanking(cell)
      if ranking.count > 1, case let (next, xm) = ranking[1], RobustnessAnalysis.sharesOverlap(rm.shareWithinMargin, xm.shareWithinMargin, n),
         robust.strategy == nominal.strategy || next.strategy != nominal.strategy {
        s += "; \(next.strategy) is as robust within the sampling of worlds (within the margin in \(Int((xm.shareWithinMargin * Double(n)).rounded())) against \(Int((rm.shareWithinMargin * Double(n)).rounded())) of \(n) worlds: the intervals overlap)"
      }
      if robust.strategy == nominal.strategy {
        s += "."
      } else if RobustnessAnalysis.sharesOverlap(rm.shareWithinMargin, nm.shareWithinMargin, n) {
        // A world or two can separate them: that is not a finding (a review found the nominal
        // winner "not carrying over" on 17 against 16 of 24 worlds).
        s += "; the two shares' intervals overlap (\(Int((rm.shareWithinMargin * Double(n)).rounded())) against \(Int((nm.shareWithinMargin * Double(n)).rounded())) of \(n) worlds), so these worlds do not settle which of them holds up better."
      } else {
        s += ", so the nominal answer does not carry over to the plausible worlds."
      }
      // Win4 across the worlds: whether the nominal Win4 verdicts survive the assumptions.
      let win4 = cell.strategies.compactMap { r in r.shareWin4.map { (r.strategy, $0) } }.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }
      s += win4.isEmpty
        ? " No strategy wins Win4 for all four parties in any sampled world's trial."
        : " Win4 for all four parties holds in " + win4.prefix(3).map { "\(percent($0.1)) (\($0.0))" }.joined(separator: ", ") + " of the sampled worlds' trials"
          + (parameters.contains { $0.key.hasPrefix("scorecard.") }
             ? " (the judges' thresholds, scorecard.*, are among the varied assumptions, so this share measures the thresholds as much as the strategies)." : ".")
    } else {
      s = "Across \(designSentence): \(sampleSentence)."
    }
    if let diff = cell.sensitivities.first, cell.pair.0 != cell.pair.1 {
      let top = diff.indices.filter(distinguishable).prefix(3)
      if let noise = RobustnessAnalysis.noise(diff) {
        s += " " + noiseSentence(noise, of: "the gap between \(cell.pair.0) and \(cell.pair.1)")
      } else if let df = prccDegreesOfFreedom(diff), df < RobustnessAnalysis.prccMinimumDegreesOfFreedom {
        s += " With \(uncertainty.worldCount) worlds for \(actingAssumptions) assumptions the partial rank correlations of the gap between \(cell.pair.0) and \(cell.pair.1) have \(df) degrees of freedom, too few to tell the assumptions apart (an assumption with no effect can rank high): no driver is named; ask for more worlds (--worlds \(actingAssumptions + 2 + RobustnessAnalysis.prccMinimumDegreesOfFreedom) or more) or screen with Morris."
      } else if top.isEmpty {
        s += " No assumption stands out from the noise in the gap between \(cell.pair.0) and \(cell.pair.1) (\(noRule(diff)))."
      } else {
        s += " The gap between \(cell.pair.0) and \(cell.pair.1) depends most on " + top.map { "\($0.key) (\(indexLabel($0)))" }.joined(separator: ", ") + "."
      }
      s += noiseFloorSentence(diff)
      if (diff.method == .rankCorrelation || diff.method == .partialRankCorrelation) && n < 10 * uncertainty.dimensions {
        s += " With \(uncertainty.dimensions) assumptions over \(n) worlds this is a screen only; Morris (design = \"morris\") screens many assumptions properly."
      }
    }
    if let box = cell.discovery.box, !box.limits.isEmpty {
      let inside = Int((box.mass * Double(n)).rounded())
      s += " The worlds where \(cell.nominalBest) falls outside the margin concentrate where \(boxText(box, cell)): in \(percent(box.density)) of the \(inside) worlds there it does (density), and they hold \(percent(box.coverage)) of all such worlds (coverage)."
    } else if cell.discovery.worlds == 0 && cell.worlds > 0 {
      s += " \(cell.nominalBest) stays within the margin of the best in every sampled world."
    }
    return s
  }

  /// An index that stands out from the noise: Spearman ρ or PRCC with an interval away from 0;
  /// Sobol' S_T with an interval above the part noise adds to it (`Index.noise`); Morris μ* by the
  /// Holm-corrected F test of its effects against their noise (`Index.standsOut`), or, with one
  /// trial per world, an interval above 0. S_T and μ* are never negative, so noise pushes them up
  /// and an interval above 0 is weak evidence.
  func distinguishable(_ i: Index) -> Bool {
    switch i.method {
    case .rankCorrelation, .partialRankCorrelation: return i.main.low > 0 || i.main.high < 0
    case .sobol: return (i.second?.low ?? 0) > (i.noise ?? 0)
    case .morris: return i.standsOut ?? (i.main.low > 0)
    }
  }

  /// The rule `distinguishable` applied, in words, for "no assumption stands out".
  func noRule(_ s: Sensitivity) -> String {
    switch s.method {
    case .rankCorrelation, .partialRankCorrelation: return "every index's interval reaches zero"
    case .sobol: return s.indices.contains { $0.noise != nil } ? "no total index's interval clears its noise part" : "every index's interval reaches zero"
    case .morris: return s.indices.contains { $0.noise != nil } ? "no assumption's effects exceed their noise, Holm-corrected at 5%" : "every index's interval reaches zero"
    }
  }

  /// How the drivers were told from noise, or why they could not be (one trial per world).
  func noiseFloorSentence(_ s: Sensitivity) -> String {
    switch s.method {
    case .sobol:
      if let share = s.noiseShare {
        return " Monte Carlo noise in the world means is \(percent(share)) of that output's variance across worlds; an assumption is named only when its S_T interval clears the part noise adds to it."
      }
      return " With one trial per world the part of each S_T that is noise is unknown (robustness.trials ≥ 2 estimates it), so a small S_T may be noise."
    case .morris:
      if let floors = Optional(s.indices.compactMap(\.noise)), !floors.isEmpty {
        let sorted = floors.sorted()
        let out = s.indices.filter { $0.standsOut == true }.count
        return " An assumption is named only when its effects exceed their Monte Carlo noise (an F test of the mean square effect against the noise variance from the paired trials, Holm-corrected over the \(s.indices.count) assumptions at 5%): \(out) do. The noise floor (the μ* of an assumption whose steps perturb the simulated paths as much but shift nothing on average) has a median of \(Format.money(sorted[sorted.count / 2])) over the assumptions; a screen this size cannot order assumptions whose μ* differ by less."
      }
      return " With one trial per world the noise floor is unknown (robustness.trials ≥ 2 estimates it): ranks below the first few may be noise."
    case .rankCorrelation, .partialRankCorrelation: return ""
    }
  }

  /// The assumptions that can act on an outcome (the Win4 judges' thresholds cannot).
  var actingAssumptions: Int { parameters.filter { !$0.key.hasPrefix("scorecard.") }.count }

  /// The residual degrees of freedom of partial rank correlations, n − k − 2; nil for other methods.
  func prccDegreesOfFreedom(_ s: Sensitivity) -> Int? {
    s.method == .partialRankCorrelation ? uncertainty.worldCount - actingAssumptions - 2 : nil
  }

  /// Whether two shares of the same n worlds have overlapping Wilson intervals.
  static func sharesOverlap(_ a: Double, _ b: Double, _ n: Int) -> Bool {
    let x = wilson(a, n), y = wilson(b, n)
    return x.low <= y.high && y.low <= x.high
  }

  /// The other robustness criteria when they name another strategy than the most robust by the
  /// share within the margin: the lowest mean regret and the most worlds best (McPhail et al.
  /// 2018: satisficing, regret and the best-in-most-worlds count can disagree, and a reader
  /// should see it when they do). Nil when both agree with `robust`.
  static func otherCriteria(_ cell: Cell, robust: StrategyRow) -> String? {
    var parts: [String] = []
    guard let rm = robust.metrics else { return nil }
    let rows = cell.strategies.compactMap { r in r.metrics.map { (r.strategy, $0) } }
    if let r = rows.min(by: { $0.1.regretMean < $1.1.regretMean }), r.0 != robust.strategy, r.1.regretMean < rm.regretMean {
      parts.append("\(r.0) has the lowest mean regret (\(Format.money(r.1.regretMean)) against \(Format.money(rm.regretMean)))")
    }
    if let b = rows.max(by: { $0.1.shareBest < $1.1.shareBest }), b.0 != robust.strategy, b.1.shareBest > rm.shareBest {
      parts.append("\(b.0) is best in the most worlds (\(Format.number(100 * b.1.shareBest, 0))% against \(Format.number(100 * rm.shareBest, 0))%)")
    }
    return parts.isEmpty ? nil : parts.joined(separator: " and ")
  }

  /// Why a sensitivity estimate is noise rather than a ranking of drivers.
  struct Noise: Equatable {
    /// The sum of the total indices (Sobol': at most about 1 plus interactions counted twice).
    let totalSum: Double
    /// Assumptions whose first-order index is negative with its whole interval below zero.
    let negative: [String]
  }

  /// Sobol' indices are shares of the output's variance: the total indices of a model without
  /// strong interactions sum to about 1, and a first-order index is never below 0. Estimates
  /// whose totals sum to more than `noiseTotalSum` or whose first-order index lies wholly below
  /// zero come from too few samples (or too noisy a world mean) for the estimators, and name no
  /// driver; nil when the indices are plausible (and for the other methods, whose ranges are
  /// their own).
  static func noise(_ s: Sensitivity) -> Noise? {
    guard s.method == .sobol else { return nil }
    let totals = s.indices.compactMap { $0.second?.value }.filter(\.isFinite)
    let sum = totals.reduce(0, +)
    let negative = s.indices.filter { $0.main.value < 0 && $0.main.high < 0 }.map(\.key)
    return sum > noiseTotalSum || !negative.isEmpty ? Noise(totalSum: sum, negative: negative) : nil
  }

  /// Total Sobol' indices summing to more than this are implausible (1 is the sum without
  /// interactions; strong interactions add less than this in models like ours).
  static let noiseTotalSum = 1.5

  /// The sentence that replaces the drivers when the indices are noise.
  func noiseSentence(_ noise: Noise, of what: String) -> String {
    var why: [String] = []
    if noise.totalSum > RobustnessAnalysis.noiseTotalSum { why.append("the total indices sum to \(Format.number(noise.totalSum, 2)), where at most about 1 is possible") }
    if !noise.negative.isEmpty {
      why.append("the first-order index of \(noise.negative.prefix(3).joined(separator: ", "))\(noise.negative.count > 3 ? " and \(noise.negative.count - 3) more" : "") is negative beyond its interval")
    }
    return "The Sobol' indices of \(what) are dominated by noise at this sample size (\(why.joined(separator: "; "))), so they name no driver: more samples (robustness.samples, now \(uncertainty.samples)) or more trials per world (robustness.trials, now \(uncertainty.trialsPerWorld)) are needed."
  }

  /// "[52%, 85%]": the Wilson 95% interval of a share of n worlds (the sampling of worlds only,
  /// not the Monte Carlo noise of each world's few trials).
  func wilsonText(_ p: Double, _ n: Int) -> String {
    let w = RobustnessAnalysis.wilson(p, n)
    return "[\(percent(w.low)), \(percent(w.high))]"
  }


  func indexLabel(_ i: Index) -> String {
    switch i.method {
    case .sobol:
      return "S_T \(Format.number(i.second?.value ?? .nan, 2)) [\(Format.number(i.second?.low ?? .nan, 2)), \(Format.number(i.second?.high ?? .nan, 2))]"
        + (i.noise.map { ", of which noise \(Format.number($0, 2))" } ?? "")
    case .morris: return "μ* \(Format.money(i.main.value))" + (i.noise.map { ", noise floor \(Format.money($0))" } ?? "")
    case .rankCorrelation: return "ρ \(Format.number(i.main.value, 2)) [\(Format.number(i.main.low, 2)), \(Format.number(i.main.high, 2))]"
    case .partialRankCorrelation: return "PRCC \(Format.number(i.main.value, 2)) [\(Format.number(i.main.low, 2)), \(Format.number(i.main.high, 2))]"
    }
  }

  /// The box's restrictions in words; an end at the sampled worlds' own minimum or maximum is
  /// no restriction (PRIM reports the data's range there).
  func boxText(_ box: PRIMBox, _ cell: Cell) -> String {
    box.limits.map { l in
      let key = parameters[l.dimension].key
      let sampled = cell.worldValues.map { $0[l.dimension] }
      let lowOpen = l.low <= (sampled.min() ?? -.infinity)
      let highOpen = l.high >= (sampled.max() ?? .infinity)
      if lowOpen && !highOpen { return "\(key) < \(Format.number(l.high, 3))" }
      if highOpen && !lowOpen { return "\(key) > \(Format.number(l.low, 3))" }
      return "\(Format.number(l.low, 3)) ≤ \(key) ≤ \(Format.number(l.high, 3))"
    }.joined(separator: " and ")
  }

  func percent(_ x: Double) -> String { "\(Format.number(100 * x, 0))%" }

  // MARK: Markdown

  /// The section without the file's values (no example of an off-centre range).
  public var markdown: [String] { markdown(nominal: [:]) }

  /// The assumptions a report lists, at most this many (a Morris screen varies about 200).
  static let listedAssumptions = 20

  /// The parameters in order of importance for the key question (the first cell's first
  /// output, or where a sweep's best value lies), then the rest in the file's order.
  var parametersByImportance: [UncertainParameter] {
    let ranked = (locations.first?.sensitivity ?? cells.first?.sensitivities.first)?.indices.map(\.key) ?? []
    let byKey = Dictionary(parameters.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
    var out = ranked.compactMap { byKey[$0] }
    let listed = Set(out.map(\.key))
    out += parameters.filter { !listed.contains($0.key) }
    return out
  }

  /// An example of a varied assumption whose range is not centred on the file's value (its
  /// value off the middle of the range by at least a tenth of it), the most off-centre one; nil
  /// when none is (or the file's values are not known).
  func offCentreExample(nominal: [String: Double]) -> String? {
    var best: (offset: Double, text: String)?
    for p in parameters {
      guard let v = nominal[p.key], v.isFinite, let (low, high) = p.range, high > low else { continue }
      let offset = abs(v - (low + high) / 2) / (high - low)
      if offset >= 0.1, offset > best?.offset ?? 0 {
        best = (offset, "\(p.key) is \(formatParameterNumber(v))\(p.unit.isEmpty ? "" : " (\(p.unit))") in the file and sampled from \(p.summary)")
      }
    }
    return best?.text
  }

  /// The section as Markdown lines; `nominal` holds the file's value of each varied assumption
  /// (the nominal world's), for the example of a range not centred on it.
  public func markdown(nominal: [String: Double]) -> [String] {
    var md = ["## Robustness to assumptions", ""]
    let listed = parametersByImportance.prefix(RobustnessAnalysis.listedAssumptions)
    let rest = parameters.count - listed.count
    let held = heldConventions.map { "`\($0.key)` = \(formatParameterNumber($0.value))" }
    md.append("The intervals above cover Monte Carlo noise under the file's assumptions. Here the assumptions move: \(designSentence). In each world every strategy runs on the same random numbers; a strategy is *within the margin* when its customer equity is within \(marginText) of that world's best. "
              + (held.isEmpty ? "" : "Held fixed as conventions of the metric, not facts about the world: \(held.joined(separator: ", ")) (customer equity's horizon; sweep it or set it with --set to see another). ")
              + (rest > 0 ? "The \(listed.count) assumptions that matter most, of the \(parameters.count) varied:" : "Assumptions varied:"))
    md.append("")
    md.append("| assumption | unit | distribution |")
    md.append("|---|---|---|")
    for p in listed { md.append("| `\(p.key)` | \(p.unit) | \(p.summary)\(p.given == "default" ? " (documented plausible range)" : "") |") }
    if rest > 0 {
      md.append("")
      md.append("The other \(rest) assumptions varied, with their distributions, are in robustness.json (`parameters`) and worlds.csv; every index in robustness.csv and robustness.json.")
    }
    // A sweep of one strategy's lever: the question is where its best value lies (below), not which strategy wins.
    for cell in cells where cell.strategies.count > 1 {
      md.append("")
      if cells.count > 1 { md.append("### \(cell.label)"); md.append("") }
      md.append("**\(statement(cell))**")
      md.append("")
      let rows = RobustnessAnalysis.robustnessRanking(cell)
      if !rows.isEmpty {
        md.append("The mean over worlds differs from the nominal value where the plausible ranges are not centred on the file's values\(offCentreExample(nominal: nominal).map { " (\($0), for example)" } ?? ""). Shares of \(cell.worlds) worlds with Wilson 95% intervals (they cover the sampling of worlds, not the Monte Carlo noise of \(uncertainty.trialsPerWorld) trial\(uncertainty.trialsPerWorld == 1 ? "" : "s") per world).")
        md.append("")
        md.append("| strategy | nominal | mean over worlds | best in | within \(marginText) in | mean regret | 90th pct regret | max regret | wins Win4 (trials) |")
        md.append("|---|---|---|---|---|---|---|---|---|")
        for (r, m) in rows {
          md.append("| \(r.strategy) | \(Format.money(r.nominal)) | \(Format.money(m.mean)) | \(percent(m.shareBest)) \(wilsonText(m.shareBest, cell.worlds)) | \(percent(m.shareWithinMargin)) \(wilsonText(m.shareWithinMargin, cell.worlds)) | \(Format.money(m.regretMean)) | \(Format.money(m.regretP90)) | \(Format.money(m.regretMax)) | \(r.shareWin4.map(percent) ?? "") |")
        }
      }
      if let diff = cell.sensitivities.first {
        md.append("")
        md.append("Which assumptions decide \(diff.output) (\(methodText(diff.method))):")
        md.append("")
        if let noise = RobustnessAnalysis.noise(diff) {
          md.append("**\(noiseSentence(noise, of: diff.output))** The estimates are listed for the record; read none of them as a driver.")
          md.append("")
        }
        switch diff.method {
        case .sobol:
          md.append("| assumption | first-order S_i [95% CI] | total S_T [95% CI] | noise part of S_T | stands out |")
          md.append("|---|---|---|---|---|")
          for i in diff.indices.prefix(RobustnessAnalysis.listedAssumptions) {
            md.append("| `\(i.key)` | \(est(i.main)) | \(i.second.map(est) ?? "") | \(i.noise.map { Format.number($0, 2) } ?? "unknown") | \(distinguishable(i) ? "yes" : "no") |")
          }
        case .morris:
          md.append("| assumption | μ* [95% CI] | σ | noise floor | stands out |")
          md.append("|---|---|---|---|---|")
          for i in diff.indices.prefix(RobustnessAnalysis.listedAssumptions) {
            md.append("| `\(i.key)` | \(estMoney(i.main)) | \(Format.money(i.second?.value ?? .nan)) | \(i.noise.map(Format.money) ?? "unknown") | \(distinguishable(i) ? "yes" : "no") |")
          }
        case .rankCorrelation, .partialRankCorrelation:
          md.append("| assumption | \(diff.method == .rankCorrelation ? "Spearman ρ" : "partial rank correlation") [95% CI] |")
          md.append("|---|---|")
          for i in diff.indices.prefix(RobustnessAnalysis.listedAssumptions) { md.append("| `\(i.key)` | \(est(i.main)) |") }
        }
        if diff.indices.count > RobustnessAnalysis.listedAssumptions { md.append(""); md.append("The top \(RobustnessAnalysis.listedAssumptions) of \(diff.indices.count); the full list is in robustness.csv and robustness.json.") }
        if diff.method == .sobol || diff.method == .morris {
          md.append("")
          let known = diff.indices.contains { $0.noise != nil }
          md.append((diff.method == .sobol
                     ? "S_T is never negative, so noise pushes it up: an interval above zero is no evidence. An assumption *stands out* when its interval's lower end clears the part noise adds to it, estimated from the paired trials of each base row"
                     : "μ* is never negative, so noise pushes it up: an interval above zero is no evidence. An assumption *stands out* when its elementary effects exceed their noise: the mean square effect against the noise variance estimated from the paired trials of each step, an F test Holm-corrected over the assumptions at 5%")
                    + (known ? "." : "; with one trial per world the noise cannot be estimated, and only the rule \"above zero\" is applied (ask for robustness.trials ≥ 2)."))
        }
      }
      md.append("")
      let d = cell.discovery
      if let box = d.box {
        md.append("Scenario discovery (PRIM): \(d.condition) in \(d.worlds) of \(cell.worlds) worlds. The chosen box, \(boxText(box, cell)), holds \(percent(box.mass)) of the worlds; it covers \(percent(box.coverage)) of those where the condition holds (coverage) and the condition holds in \(percent(box.density)) of the worlds inside it (density).")
      } else {
        let reason: String
        if d.worlds == 0 || d.worlds == cell.worlds { reason = "there is no region to find." }
        else if uncertainty.design == .morris { reason = "PRIM is not run on a Morris design (its trajectories sit on a coarse grid); use a space-filling design to look for the region." }
        else if cell.worlds == 0 { reason = "there are no sampled worlds to look in." }
        else if d.worlds < RobustnessAnalysis.primMinimumCases || cell.worlds - d.worlds < RobustnessAnalysis.primMinimumCases || cell.worlds < RobustnessAnalysis.primMinimumWorlds {
          reason = "too few to look for a region: PRIM is run with at least \(RobustnessAnalysis.primMinimumWorlds) worlds and \(RobustnessAnalysis.primMinimumCases) on each side of the condition (on fewer, boxes fit noise); ask for more with --worlds."
        } else { reason = "no region restricting at most \(RobustnessAnalysis.primMaximumLimits) assumptions describes them (PRIM's box needed more, which fits noise)." }
        md.append(uncertainty.design == .morris ? "Scenario discovery: \(reason)" : "Scenario discovery: \(d.condition) in \(d.worlds) of \(cell.worlds) worlds; \(reason)")
      }
    }
    if !locations.isEmpty {
      md.append("")
      md.append("### Where the sweep's best value lies across worlds")
      md.append("")
      md.append("| series | strategy | nominal best | best across worlds: 10% · median · 90% | nominal best within \(marginText) of each world's best | depends most on |")
      md.append("|---|---|---|---|---|---|")
      for l in locations {
        func q(_ p: Double) -> String { l.sampleLocations.isEmpty ? "–" : Format.number(RobustnessAnalysis.nearestRank(l.sampleLocations, p), 3) }
        let top = RobustnessAnalysis.noise(l.sensitivity) != nil ? "none: the indices are noise at this sample size"
          : l.sensitivity.indices.filter(distinguishable).prefix(2).map { "`\($0.key)` (\(indexLabel($0)))" }.joined(separator: ", ")
        md.append("| \(l.fixed) | \(l.strategy) | \(Format.number(l.nominalBest, 3)) | \(q(0.1)) · \(q(0.5)) · \(q(0.9)) | \(l.shareNominalWithinMargin.map(percent) ?? "– (screen)") | \(top) |")
      }
    }
    md.append("")
    md.append("Files: `worlds.csv` (the sampled assumptions), `robustness.json` and `robustness.csv` (every number above, for every output). Figures: \(figures.map { "`figures/\($0.name).svg`" }.joined(separator: ", ")) (PDF beside them).")
    return md
  }

  func methodText(_ m: Method) -> String {
    switch m {
    case .sobol: return "Sobol' indices, Saltelli 2010 first-order and Jansen total estimators, bootstrap intervals"
    case .morris: return "Morris elementary effects, μ* of Campolongo et al. 2007"
    case .rankCorrelation: return "Spearman rank correlation with the output, bootstrap intervals; a screening measure for monotone effects (fewer worlds than assumptions + 3, so no partial correlations)"
    case .partialRankCorrelation: return "partial rank correlation coefficients (PRCC, Marino et al. 2008): each assumption's rank correlation with the output once the other assumptions' ranks are accounted for, bootstrap intervals; monotone effects, not interactions"
    }
  }

  func est(_ e: Estimate) -> String { "\(Format.number(e.value, 2)) [\(Format.number(e.low, 2)), \(Format.number(e.high, 2))]" }
  func estMoney(_ e: Estimate) -> String { "\(Format.money(e.value)) [\(Format.money(e.low)), \(Format.money(e.high))]" }

  // MARK: Files

  public var json: String {
    func num(_ x: Double) -> JSONValue { x.isFinite ? .number(x) : .null }
    func estimate(_ prefix: String, _ e: Estimate?) -> [(String, JSONValue)] {
      guard let e else { return [] }
      return [(prefix, num(e.value)), (prefix + "_low", num(e.low)), (prefix + "_high", num(e.high))]
    }
    func box(_ b: PRIMBox) -> JSONValue {
      .object([
        ("limits", .array(b.limits.map { .object([("key", .string(parameters[$0.dimension].key)), ("low", num($0.low)), ("high", num($0.high))]) })),
        ("coverage", num(b.coverage)), ("density", num(b.density)), ("mass", num(b.mass)),
      ])
    }
    let u = uncertainty
    let root: JSONValue = .object([
      ("design", .string(u.design.rawValue)), ("samples", .integer(u.samples)), ("worlds", .integer(u.worldCount)),
      ("trials_per_world", .integer(u.trialsPerWorld)), ("margin", .number(margin)),
      ("held_conventions", .object(heldConventions.map { ($0.key, num($0.value)) })),
      ("objective", .string(Report.objective.rawValue)),
      ("parameters", .array(parameters.map { .object([("key", .string($0.key)), ("unit", .string($0.unit)), ("distribution", .string($0.summary))]) })),
      ("locations", .array(locations.map { l in
        .object([
          ("key", .string(l.key)), ("strategy", .string(l.strategy)), ("series", .string(l.fixed)),
          ("nominal_best", num(l.nominalBest)), ("share_nominal_within_margin", l.shareNominalWithinMargin.map(num) ?? .null),
          ("best_value_counts", .array(l.values.map { v in .object([("value", num(v)), ("worlds", .integer(l.sampleLocations.filter { $0 == v }.count))]) })),
          ("statement", .string(locationStatement(l))),
          ("sensitivity", .object([("output", .string(l.sensitivity.output)), ("method", .string(l.sensitivity.method.rawValue)),
                                   ("indices", .array(l.sensitivity.indices.map { i in .object([("key", .string(i.key))] + estimate(l.sensitivity.method == .sobol ? "first" : l.sensitivity.method == .morris ? "mu_star" : l.sensitivity.method == .partialRankCorrelation ? "prcc" : "rho", i.main) + estimate(l.sensitivity.method == .sobol ? "total" : "sigma", i.second) + [("stands_out", .bool(distinguishable(i)))]) }))])),
        ])
      })),
      ("cells", .array(cells.map { c in
        .object([
          ("market", .string(c.market)),
          ("sweep", .object(c.assignments.map { ($0.key, .number($0.value)) })),
          ("nominal_best", .string(c.nominalBest)),
          ("sample_worlds", .integer(c.worlds)),
          ("pair", .array([.string(c.pair.0), .string(c.pair.1)])),
          ("statement", .string(statement(c))),
          ("strategies", .array(c.strategies.map { r in
            guard let m = r.metrics else { return .object([("strategy", .string(r.strategy)), ("nominal", num(r.nominal))]) }
            return .object([
              ("strategy", .string(r.strategy)), ("nominal", num(r.nominal)), ("mean", num(m.mean)),
            ] + zip(["p05", "p25", "p50", "p75", "p95"], StrategyRobustness.quantileLevels.map { m.quantiles[$0] ?? .nan }).map { ($0, num($1)) } + [
              ("regret_mean", num(m.regretMean)), ("regret_p90", num(m.regretP90)), ("regret_max", num(m.regretMax)),
              ("share_best", num(m.shareBest)), ("share_within_margin", num(m.shareWithinMargin)), ("share_win4", r.shareWin4.map(num) ?? .null),
            ])
          })),
          ("sensitivity", .array(c.sensitivities.map { s in
            .object([
              ("output", .string(s.output)), ("method", .string(s.method.rawValue)),
              ("noise_share", s.noiseShare.map(num) ?? .null),
              ("indices", .array(s.indices.map { i in
                switch s.method {
                case .sobol:
                  return .object([("key", .string(i.key))] + estimate("first", i.main) + estimate("total", i.second)
                                 + [("total_noise", i.noise.map(num) ?? .null), ("stands_out", .bool(distinguishable(i)))])
                case .morris:
                  return .object([("key", .string(i.key))] + estimate("mu_star", i.main)
                                 + [("sigma", num(i.second?.value ?? .nan)), ("noise_floor", i.noise.map(num) ?? .null), ("noise_p_holm", i.noiseP.map(num) ?? .null),
                                    ("stands_out", .bool(distinguishable(i)))])
                case .rankCorrelation: return .object([("key", .string(i.key))] + estimate("rho", i.main))
                case .partialRankCorrelation: return .object([("key", .string(i.key))] + estimate("prcc", i.main))
                }
              })),
            ])
          })),
          ("discovery", .object([
            ("condition", .string(c.discovery.condition)), ("worlds", .integer(c.discovery.worlds)),
            ("box", c.discovery.box.map(box) ?? .null),
            ("trajectory", .array(c.discovery.trajectory.map(box))),
          ])),
        ])
      })),
    ])
    return root.rendered() + "\n"
  }

  /// Tidy long form: one number per row.
  public var csv: String {
    var lines = ["market,sweep,section,subject,parameter,statistic,value"]
    func add(_ c: Cell, _ section: String, _ subject: String, _ parameter: String, _ statistic: String, _ x: Double) {
      let sweep = c.assignments.map { "\($0.key)=\(csvNumber($0.value))" }.joined(separator: ";")
      lines.append(CSV.line([c.market, sweep, section, subject, parameter, statistic, csvNumber(x)]))
    }
    for c in cells {
      for r in c.strategies {
        add(c, "strategy", r.strategy, "", "nominal", r.nominal)
        guard let m = r.metrics else { continue }
        for (name, x) in [("mean", m.mean)] + zip(["p05", "p25", "p50", "p75", "p95"], StrategyRobustness.quantileLevels.map { m.quantiles[$0] ?? .nan }).map({ ($0, $1) })
          + [("regret_mean", m.regretMean), ("regret_p90", m.regretP90), ("regret_max", m.regretMax), ("share_best", m.shareBest),
             ("share_within_margin", m.shareWithinMargin), ("share_win4", r.shareWin4 ?? .nan)] {
          add(c, "strategy", r.strategy, "", name, x)
        }
      }
      for s in c.sensitivities {
        for i in s.indices {
          let names: (String, String) = s.method == .sobol ? ("first", "total") : s.method == .morris ? ("mu_star", "sigma") : ("rho", "")
          for (suffix, x) in [("", i.main.value), ("_low", i.main.low), ("_high", i.main.high)] { add(c, s.method.rawValue, s.output, i.key, names.0 + suffix, x) }
          if let t = i.second {
            let parts: [(String, Double)] = s.method == .sobol ? [("", t.value), ("_low", t.low), ("_high", t.high)] : [("", t.value)]
            for (suffix, x) in parts { add(c, s.method.rawValue, s.output, i.key, names.1 + suffix, x) }
          }
          if let noise = i.noise { add(c, s.method.rawValue, s.output, i.key, s.method == .sobol ? "total_noise" : "noise_floor", noise) }
          if let p = i.noiseP { add(c, s.method.rawValue, s.output, i.key, "noise_p_holm", p) }
        }
      }
      if let b = c.discovery.box {
        for l in b.limits {
          add(c, "discovery", c.discovery.condition, parameters[l.dimension].key, "low", l.low)
          add(c, "discovery", c.discovery.condition, parameters[l.dimension].key, "high", l.high)
        }
        add(c, "discovery", c.discovery.condition, "", "coverage", b.coverage)
        add(c, "discovery", c.discovery.condition, "", "density", b.density)
        add(c, "discovery", c.discovery.condition, "", "mass", b.mass)
      }
    }
    for l in locations {
      let market = l.fixed.split(separator: ",").first.map(String.init) ?? l.fixed
      func row(_ parameter: String, _ statistic: String, _ x: Double) {
        lines.append(CSV.line([market, l.fixed, "location", l.strategy, parameter, statistic, csvNumber(x)]))
      }
      row(l.key, "nominal_best", l.nominalBest)
      if let share = l.shareNominalWithinMargin { row(l.key, "share_nominal_within_margin", share) }
      for v in l.values { row(l.key, "worlds_best_at_\(csvNumber(v))", Double(l.sampleLocations.filter { $0 == v }.count)) }
      for i in l.sensitivity.indices { row(i.key, l.sensitivity.method.rawValue, i.main.value) }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension UncertainParameter {
  /// The range draws come from, for saying whether it is centred on the file's value: the
  /// bounds of a uniform, triangular or beta distribution, mean ± 2 sd of a normal one (within
  /// the allowed values); nil for a lognormal, whose middle is not its centre.
  var range: (low: Double, high: Double)? {
    switch distribution {
    case let .uniform(low, high), let .triangular(low, _, high), let .beta(_, _, low, high), let .logUniform(low, high): return (low, high)
    case let .normal(mean, sd): return (max(allowed.lowerBound, mean - 2 * sd), min(allowed.upperBound, mean + 2 * sd))
    case .lognormal: return nil
    }
  }
}
