import SweetspotModel

extension Report {
  /// A short answer to the experiment's question, composed from the results: the ranking and
  /// whether its gaps are material (beyond the margin) or equivalent (within it), the sweetspot of each sweep, benchmark
  /// verdicts and the Win4 scorecard. Every number comes from this run.
  public var answer: String {
    var out: [String] = [centreSentence]
    let multiMarket = Set(sections.map(\.market)).count > 1
    if sweeps.isEmpty {
      for s in sections {
        let text = (sections.count > 1 ? "In \(s.label): " : "") + rankingSentence(s)
        out.append(text)
        if multiMarket == false || sections.count <= 4 {
          out.append(employeeSentence(s))
          out.append(benchmarkSentence(s))
          out.append(win4Sentence(s))
        }
      }
      if multiMarket {
        let jge = experiment.strategies.first { $0.controller == .sweetspotHunter }?.name ?? "just-good-enough"
        let losing = sections.filter { s in
          guard let row = s.ranking.first(where: { $0.strategy == jge }) else { return false }
          return row.verdict == .worse
        }
        if sections.contains(where: { $0.ranking.contains { $0.strategy == jge } }) {
          out.append(losing.isEmpty
            ? "\(jge) is never materially behind the best strategy (beyond the ±\(marginText) margin) in any market tested."
            : "\(jge) is materially behind the best strategy (beyond the ±\(marginText) margin) in: " + losing.map { s in
                let r = s.ranking.first { $0.strategy == jge }!
                return "\(s.market) (by \(Format.money(r.behindBest!.meanDifference)), behind \(s.ranking[0].strategy))"
              }.joined(separator: "; ") + ".")
        }
      }
    } else {
      for sw in sweeps {
        let x = sw.key.split(separator: ".").last.map(String.init) ?? sw.key
        let peak = sw.objective[sw.values.firstIndex(of: sw.argmax)!]
        let sweet = sw.objective[sw.values.firstIndex(of: sw.sweetspot)!]
        let sweetCost = sw.cost[sw.values.firstIndex(of: sw.sweetspot)!]
        let peakCost = sw.cost[sw.values.firstIndex(of: sw.argmax)!]
        guard sw.key.hasPrefix("strategy.") else {
          // An assumption, not a decision: how the answer moves with it, never a "sweetspot".
          let low = sw.objective.min { $0.mean < $1.mean }!, high = sw.objective.max { $0.mean < $1.mean }!
          out.append("For **\(sw.strategy)** (\(sw.fixed)), \(Report.title(Report.objective)) ranges from \(Format.money(low.mean)) to \(Format.money(high.mean)) as the assumption \(sw.key) moves over \(Format.number(sw.values.first!, 3))–\(Format.number(sw.values.last!, 3)); it is highest at \(x) = \(Format.number(sw.argmax, 3)). \(sw.key) is not something the company chooses, so this is a sensitivity, not a sweetspot.")
          continue
        }
        var text = "For **\(sw.strategy)** (\(sw.fixed)), \(Report.title(Report.objective)) peaks at \(x) = \(Format.number(sw.argmax, 3)) with \(Format.money(peak.mean)) (95% CI \(Format.money(peak.ciLow))–\(Format.money(peak.ciHigh))); the bootstrap 95% interval for the peak's location is \(Format.number(sw.argmaxLow, 3))–\(Format.number(sw.argmaxHigh, 3))."
        let trials = sw.objective.first?.n ?? 0
        if sw.zone.count > 1 {
          text += " Shown equivalent to the peak within ±\(marginText) of its \(Report.title(Report.objective)) with these \(trials) trials (paired two one-sided tests): the sweetspot zone is \(x) = \(Report.describeZone(sw.zone, of: sw.values))"
          text += Report.isSpendingLever(sw.key)
            ? "; its cheapest point (lowest mean cost to serve), **\(x) = \(Format.number(sw.sweetspot, 3))**, is the sweetspot: \(Format.money(sweet.mean)) at \(Format.money(sweetCost.mean)) service cost"
            : "; \(x) is not a service spend (a cheaper setting costs customers or agents instead), so the sweetspot is the peak, **\(x) = \(Format.number(sw.sweetspot, 3))**"
        } else {
          text += " No other value is shown equivalent to the peak within ±\(marginText) of its \(Report.title(Report.objective)) with these \(trials) trials (paired two one-sided tests), so the sweetspot zone is the peak alone, **\(x) = \(Format.number(sw.sweetspot, 3))**: \(Format.money(sweet.mean)) at \(Format.money(sweetCost.mean)) service cost"
        }
        text += sw.sweetspot == sw.argmax ? "." : " (\(Format.money(peakCost.mean - sweetCost.mean)) less service spend than at the peak)."
        let others = sw.sweetspotByMargin.filter { $0.margin != experiment.margin }
        if !others.isEmpty {
          func m(_ x: Double) -> String { "±" + String(format: "%g", 100 * x) + "%" }
          if others.contains(where: { $0.value != sw.sweetspot }) {
            text += " At other margins the sweetspot is " + others.map { "\(x) = \(Format.number($0.value, 3)) (\(m($0.margin)))" }.joined(separator: ", ")
              + "; more trials can show more values equivalent, so the zone is what these trials support, not a property of the lever."
          } else {
            text += " It is the same at margins of " + others.map { m($0.margin) }.joined(separator: " and ") + "."
          }
        }
        if ["service_level_target", "answer_within_seconds", "occupancy_cap"].contains(where: { sw.key.hasSuffix("." + $0) }) {
          text += " Staffing has economies of scale (the square-root rule): larger centres reach a given service level at a lower cost per contact, so this sweetspot holds for this centre's size and moves with it."
        }
        if experiment.strategies.count > 1, let i = sw.values.firstIndex(of: sw.sweetspot) {
          text += " At the sweetspot, " + rankingSentence(sections[sw.scenarios[i]])
        }
        out.append(text)
      }
    }
    // Spending strategies at equal total spend (Goodman: root causes or the front line?).
    if let lever = experiment.sweeps.first?.key.split(separator: ".").last.map(String.init) {
      let markets = Set(equalSpend.map(\.fixed)).count
      out += equalSpend.map { (markets > 1 ? "In \($0.fixed): " : "") + $0.comparison.sentence(lever: lever) }
    }
    // A structural assumption no sampled world moves: say it where it favours a strategy.
    let priced = experiment.strategies.filter { $0.levers.price != 1 || $0.controller == .priceHunter }.map(\.name)
    if !priced.isEmpty {
      out.append("In this model marketing spend is fixed, so customers won by a lower price cost no extra marketing: that favours \(priced.joined(separator: ", ")) (docs/MODEL.md, \"Churn\"), and no sampled world moves it.")
    }
    // How far it holds when the assumptions move.
    if let r = robustness {
      if r.locations.isEmpty { out += r.cells.map { (r.cells.count > 1 ? "In \($0.label): " : "") + r.statement($0) } }
      else { out += r.locations.map(r.locationStatement) }
    }
    return out.filter { !$0.isEmpty }.joined(separator: " ")
  }

  /// The size every answer holds for: customers served and the baseline's agents. Staffing has
  /// economies of scale, so an answer about service levels or spending can move with it.
  var centreSentence: String {
    let c = experiment.configuration
    let customers = Format.count(Double(c.customers) * c.customerScale)
    let baseline = sections.first?.strategies.first { $0.name == experiment.baseline } ?? sections.first?.strategies.first
    let agents = baseline.map { ", with about \(Format.number($0.stat(.agentsFTE).mean, 0)) agents under \($0.name)," } ?? ""
    return "These answers are for a company serving \(customers) customers (population.size × population.scale)\(agents) over \(c.weeks) weeks; staffing has economies of scale, so answers about service levels and spend hold for this size."
  }

  /// "X earns the highest profit … ahead of Y (…; significant …). Statistically indistinguishable …"
  func rankingSentence(_ s: ScenarioSection) -> String {
    let best = s.ranking[0]
    let interval = "\(Format.money(best.objective.mean)) (95% CI \(Format.money(best.objective.ciLow))–\(Format.money(best.objective.ciHigh)))"
    guard s.isCompared else { return "**\(best.strategy)** earns \(Report.title(Report.objective)) of \(interval)." }
    var text = "**\(best.strategy)** earns the highest \(Report.title(Report.objective)), \(interval)"
    if let second = s.ranking.dropFirst().first, let c = second.behindBest {
      let verdict: String
      switch c.materiality {
      case .equivalent: verdict = "equivalent within the ±\(marginText) margin of \(Format.money(c.margin)), two one-sided tests p \(Format.pValue(c.equivalenceP).hasPrefix("<") ? "" : "= ")\(Format.pValue(c.equivalenceP))"
      case .better, .worse: verdict = "materially ahead: significant after Holm correction and beyond the ±\(marginText) margin of \(Format.money(c.margin))"
      case .inconclusive: verdict = "inconclusive: neither shown within nor beyond the ±\(marginText) margin of \(Format.money(c.margin))\(c.significant ? ", though significant after Holm correction" : "")"
      }
      text += ", \(Format.money(c.meanDifference)) ahead of \(second.strategy) (paired 95% CI \(Format.money(c.low)) to \(Format.money(c.high)); \(verdict))"
    }
    text += "."
    let ties = s.ranking.dropFirst().filter { $0.verdict == .equivalent }
    if !ties.isEmpty { text += " Equivalent to it within ±\(marginText): \(ties.map(\.strategy).joined(separator: ", "))." }
    if let worst = s.ranking.last, s.ranking.count > 2, let c = worst.behindBest {
      text += " Last is \(worst.strategy), \(Format.money(c.meanDifference)) behind."
    }
    return text
  }

  /// The materiality margin as a share: "1%".
  var marginText: String { String(format: "%g", 100 * experiment.margin) + "%" }

  /// A zone as a range of the swept values when it is a contiguous run of them ("0.85–0.95"),
  /// else as a set ("{0.6, 0.85, 0.9}").
  static func describeZone(_ zone: [Double], of values: [Double]) -> String {
    let idx = zone.compactMap { values.firstIndex(of: $0) }.sorted()
    guard let first = idx.first, let last = idx.last else { return "{}" }
    func v(_ i: Int) -> String { formatParameterNumber(values[i]) }
    if first == last { return v(first) }
    if last - first + 1 == idx.count { return "\(v(first))–\(v(last))" }
    return "{" + idx.map(v).joined(separator: ", ") + "}"
  }

  /// Which strategy tires agents most and least: burnout and attrition with intervals.
  func employeeSentence(_ s: ScenarioSection) -> String {
    guard s.strategies.count > 1 else { return "" }
    let byBurnout = s.strategies.sorted { $0.stat(.burnout).mean > $1.stat(.burnout).mean }
    func describe(_ r: StrategyRow) -> String {
      "burnout \(Format.interval(r.stat(.burnout), .burnout)), attrition \(Format.interval(r.stat(.agentAttrition), .agentAttrition)) a year"
    }
    return "Agents fare worst under \(byBurnout[0].name) (\(describe(byBurnout[0]))) and best under \(byBurnout[byBurnout.count - 1].name) (\(describe(byBurnout[byBurnout.count - 1])))."
  }

  func benchmarkSentence(_ s: ScenarioSection) -> String {
    var parts: [String] = []
    for m in ["fcr", "csat", "service_level", "abandonment"] {
      let rows = s.benchmarks.filter { $0.benchmark.metric == m }
      guard let b = rows.first?.benchmark else { continue }
      let groups = Dictionary(grouping: rows, by: { $0.verdict })
      let name = Metric(rawValue: m).map { Report.title($0) } ?? m
      let described = [Analysis.Verdict.above, .within, .below].compactMap { v -> String? in
        guard let g = groups[v], !g.isEmpty else { return nil }
        return "\(b.judged(v)): \(g.map(\.strategy).joined(separator: ", "))"
      }
      if !described.isEmpty { parts.append("\(name) vs \(b.label) — " + described.joined(separator: "; ")) }
    }
    return parts.isEmpty ? "" : "Against industry benchmarks (whole 95% interval): " + parts.joined(separator: ". ") + "."
  }

  func win4Sentence(_ s: ScenarioSection) -> String {
    let allFour = s.win4.filter { $0.parties.allSatisfy { $0.shareWon > Scorecard.majority } }.map(\.strategy)
    if !allFour.isEmpty { return "Win4: \(allFour.joined(separator: ", ")) win\(allFour.count == 1 ? "s" : "") for customers, employees, company and owners in more than half the trials." }
    let most = s.win4.max { a, b in a.parties.filter { $0.shareWon > Scorecard.majority }.count < b.parties.filter { $0.shareWon > Scorecard.majority }.count }!
    let won = most.parties.filter { $0.shareWon > Scorecard.majority }.map(\.party)
    return "Win4: no strategy wins for all four parties; \(most.strategy) comes closest (\(won.isEmpty ? "none" : won.joined(separator: ", ")))."
  }

  static func title(_ m: Metric) -> String {
    switch m {
    case .profitNPV: return "profit NPV"
    case .customerEquity: return "customer equity"
    case .retention: return "retention"
    case .churnRate: return "churn / yr"
    case .csat: return "CSAT"
    case .nps: return "NPS"
    case .fcr: return "FCR"
    case .serviceLevel: return "service level (20 s)"
    case .abandonment: return "abandonment"
    case .asaSeconds: return "ASA"
    case .costToServe: return "cost to serve"
    case .agentAttrition: return "agent attrition / yr"
    case .burnout: return "burnout"
    case .ahtMinutes: return "AHT"
    case .costPerContact: return "cost per contact"
    case .acsi: return "ACSI-like"
    default: return m.rawValue
    }
  }
}
