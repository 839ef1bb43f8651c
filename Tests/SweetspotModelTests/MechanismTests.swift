import Foundation
import Testing
import SweetspotQueueing
@testable import SweetspotModel

/// Each mechanism of the world model, stated as a claim with its direction and size, checked
/// under common random numbers (same seed, same customers).
@Suite struct MechanismTests {
  @Test func moreAgentsMeanShorterWaitsAndFewerAbandons() throws {
    // A stricter service-level target staffs more agents for the same volume.
    let phone = QueuedChannel(handleSeconds: 390, patienceSeconds: 180, concurrency: 1)
    var scratch: [Double] = []
    var previous: ChannelWeek?
    for target in [0.5, 0.7, 0.8, 0.9] {
      var levers = Strategy.goodEnough.levers
      levers.serviceLevelTarget = target
      levers.occupancyCap = 0.99  // let the target, not the cap, decide
      var hints: [Int] = [], roster: [Int] = []
      phone.roster(forecast: 6000, levers: levers, world: World(), agents: &roster, servers: &hints, scratch: &scratch)
      let week = try phone.week(volume: 6000, agents: roster, levers: levers, world: World(), scratch: &scratch)
      if let p = previous {
        #expect(week.staffedHours > p.staffedHours)
        #expect(week.asa < p.asa && week.abandonRate < p.abandonRate)
        #expect(week.serviceLevel > p.serviceLevel)
      }
      previous = week
    }
    // 80/20 staffing lands near 80% within 20 s.
    #expect(abs(previous!.serviceLevel - 0.93) < 0.05)
  }

  @Test func aWeeksRosterComesFromTheForecastAndTheWeeksVolumeMeetsIt() throws {
    // Staffing reads last week's volume only (so a firm plans it beside the contacts pass); a
    // busier week than forecast meets the same agents and waits longer.
    let phone = QueuedChannel(handleSeconds: 390, patienceSeconds: 180, concurrency: 1)
    let levers = Strategy.goodEnough.levers
    var scratch: [Double] = [], hints: [Int] = [], roster: [Int] = [], bigger: [Int] = []
    phone.roster(forecast: 6000, levers: levers, world: World(), agents: &roster, servers: &hints, scratch: &scratch)
    var biggerHints: [Int] = []
    phone.roster(forecast: 8000, levers: levers, world: World(), agents: &bigger, servers: &biggerHints, scratch: &scratch)
    #expect(roster.count == World().intradayShape.count)
    #expect(zip(roster, bigger).allSatisfy { $0 <= $1 } && bigger.reduce(0, +) > roster.reduce(0, +))
    let quiet = try phone.week(volume: 4000, agents: roster, levers: levers, world: World(), scratch: &scratch)
    let busy = try phone.week(volume: 8000, agents: roster, levers: levers, world: World(), scratch: &scratch)
    #expect(quiet.staffedHours == busy.staffedHours)
    #expect(busy.asa > quiet.asa && busy.abandonRate > quiet.abandonRate && busy.serviceLevel < quiet.serviceLevel)
    // Last week's answers are this week's search hints: the same roster again.
    var again: [Int] = []
    phone.roster(forecast: 6000, levers: levers, world: World(), agents: &again, servers: &hints, scratch: &scratch)
    #expect(again == roster)
  }

  @Test func theChannelChoiceFollowsTheLevers() throws {
    // Kept from week to week, it is built again whenever the levers change (a controller moves
    // them each quarter).
    let config = TrialConfiguration(customers: 500, weeks: 4)
    let firm = try Firm(config, strategy: .goodEnough, market: .competitive, seed: 1, trial: 0, customers: 500, threads: 1)
    let w = config.world
    #expect(firm.channelChoice() == ChannelChoice(levers: firm.levers, world: w))
    firm.levers.offersChat = false
    #expect(firm.channelChoice() == ChannelChoice(levers: firm.levers, world: w))
    firm.levers.knowledgeBase += 0.25
    #expect(firm.channelChoice() == ChannelChoice(levers: firm.levers, world: w))
    #expect(firm.channelChoice() != ChannelChoice(levers: Strategy.goodEnough.levers, world: w))
  }

  @Test func higherSwitchingCostMeansLowerChurn() throws {
    var locked = Market.competitive
    locked.switchingCost = 0.8
    let free = try mean(.churnRate) { try run(trial: $0) }
    let kept = try mean(.churnRate) { try run(.goodEnough, locked, trial: $0) }
    // The hazard and the repurchase decision after a problem both fall by (1 − 0.8)/(1 − 0.3)
    // ≈ 0.29× (attitudes shift a little too, so allow a margin).
    #expect(kept < free * 0.35 && kept > free * 0.2, "churn \(kept) vs \(free)")
  }

  @Test func onlyAContactThatWillBeRetriedWeighsLessThanAFinalFailure() throws {
    // With one attempt allowed no contact is retried, so the retry discount cannot act.
    var once = World(); once.maxAttempts = 1
    var onceLight = once; onceLight.unresolvedWeightFactor = 0.1
    #expect(try run(world: once).values == run(world: onceLight).values)
    // With retries it acts: a lighter open issue leaves attitudes (the ACSI-like index) higher.
    var light = World(); light.unresolvedWeightFactor = 0.1
    var full = World(); full.unresolvedWeightFactor = 1
    #expect(try run(world: light)[.acsi] > run(world: full)[.acsi])
  }

  /// The churn shortcut (`Churn.leaveBound`) never changes a decision: the bound is at or above
  /// the exact probability of leaving for inputs drawn across the whole box the files allow
  /// (slopes, pivots, top-box threshold and factor including 0, prices 0.2–5, price weights
  /// 0–10, price sensitivities to 1,000, switching costs to 1, base hazards, repurchase
  /// decisions), with its corners over-sampled; and for ordinary hazards it is within a factor
  /// 2√2 of the hazard (tight enough to settle most customer-weeks); `Churn.leaves` decides as the
  /// exact probability does. The exact probability is never NaN, even where a zero factor meets a
  /// huge price term.
  @Test func theChurnShortcutBoundsTheExactProbabilityOfLeaving() {
    var s: UInt64 = 2026
    func u() -> Double { s = s &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407; return Double(s >> 11) * 0x1.0p-53 }
    func pick(_ lo: Double, _ hi: Double, corners: [Double] = []) -> Double {
      let v = u()
      if !corners.isEmpty && v < 0.2 { return corners[Int(u() * Double(corners.count)) % corners.count] }
      return lo + (hi - lo) * u()
    }
    var worst = 0.0, checked = 0
    for _ in 0..<300_000 {
      var w = World()
      w.churnAttitudeSlope = pick(0, 50, corners: [0, 50]); w.churnAttitudePivot = pick(0, 1, corners: [0, 1])
      w.priceChurnSlope = pick(0, 20, corners: [0, 20])
      w.topBoxThreshold = pick(0, 1, corners: [0, 1]); w.topBoxHazardFactor = pick(0, 1, corners: [0, 1e-300, 1])
      w.competitorPull = pick(0, 10)
      var market = Market.competitive
      market.priceWeight = pick(0, 10, corners: [0, 10]); market.switchingCost = pick(0, 1, corners: [0, 1])
      market.competitorService = pick(0, 1)
      let price = pick(0.2, 5, corners: [0.2, 1, 5]), psi = pick(0, 1000, corners: [0, 1e-3, 1000])
      let h0 = pick(0, 1, corners: [0, 1e-12, 1]), loyalty = pick(0, 1, corners: [0, 1]), defection = pick(0, 1, corners: [0, 1])
      let factor = Churn.marketFactor(market, w)
      let h = Churn.hazard(baseHazard: h0, loyalty: loyalty, priceSensitivity: psi, price: price, market: market, marketFactor: factor, w)
      let exact = Churn.leaveProbability(hazard: h, defection: defection)
      let bound = Churn.leaveBound(baseHazard: h0, loyalty: loyalty, priceSensitivity: psi, price: price, market: market,
                                   marketFactor: factor, defection: defection, w)
      #expect(!exact.isNaN && bound >= exact, "h0 \(h0) L \(loyalty) price \(price) ψ \(psi) d \(defection): \(bound) < \(exact)")
      // The decision through the shortcut is the exact one, at a random uniform and either side of the line.
      for v in [u(), exact, exact.nextDown] where v > 0 && v < 1 {
        #expect(Churn.leaves(uniform: v, baseHazard: h0, loyalty: loyalty, priceSensitivity: psi, price: price, market: market,
                             marketFactor: factor, defection: defection, w) == (v < exact))
      }
      if h > 1e-6 && h < 0.1 { worst = max(worst, (bound - defection) / h); checked += 1 }
    }
    #expect(checked > 1000)
    #expect(worst > 1.4 && worst <= 2 * 2.squareRoot() + 1e-6, "loosest bound/hazard \(worst)")
  }

  @Test func compensationRaisesRepurchaseAfterAResolvedComplaintWithDiminishingReturns() {
    let w = World(), m = Market.competitive
    func d(_ dollars: Double, _ outcome: ProblemOutcome = .resolved) -> Double {
      Churn.repurchaseDefection(outcome, size: 0, compensationScore: ServiceExperience.compensationScore(dollars, w), market: m, w)
    }
    // $10 scores ½: repurchase 0.70 → 0.70 + 0.30 × 0.3 × ½ = 0.745.
    #expect(abs(d(10) - 0.43 * (1 - 0.745) * 0.7) < 1e-12)
    #expect(d(0) > d(10) && d(10) > d(25) && d(25) > d(100))
    #expect(d(0) - d(10) > d(10) - d(20) && d(10) - d(20) > d(20) - d(30))  // concave
    // Compensation is paid only on recovered complaints: silence earns nothing.
    #expect(Churn.repurchaseDefection(.silent, size: 0, compensationScore: 0, market: m, w) == 0.43 * (1 - 0.37) * 0.7)
  }

  @Test func compensationIsALeverWithABenefitAndACost() throws {
    let none = Strategy.goodEnough.with { $0.recoveryCompensation = 0 }
    let generous = Strategy.goodEnough.with { $0.recoveryCompensation = 25 }
    #expect(try mean(.tarpResolved) { try run(generous, trial: $0) } >= mean(.tarpResolved) { try run(none, trial: $0) })
    #expect(try mean(.churnRate) { try run(generous, trial: $0) } < mean(.churnRate) { try run(none, trial: $0) })
    // Where margins are high and intentions turn into leaving (both inside their plausible
    // ranges), a small payment earns more than none and more than a large one: an interior optimum.
    var w = World(); w.grossMargin = 0.6; w.intentionToBehaviour = 0.65; w.compensationRepurchaseGain = 0.5
    func profit(_ c: Double) throws -> Double {
      try mean(.profitNPV, trials: 4) { try run(.goodEnough.with { $0.recoveryCompensation = c }, customers: 2500, weeks: 104, scale: 100, world: w, trial: $0) }
    }
    let p0 = try profit(0), p5 = try profit(5), p40 = try profit(40)
    #expect(p5 > p0 && p5 > p40, "profit at $0, $5, $40: \(p0), \(p5), \(p40)")
  }

  @Test func pressureMakesAgentsFasterWithDiminishingReturnsAndBurnsThemOutConvexly() throws {
    let w = World()
    func factor(_ p: Double) -> Double { Workforce.pressureFactor(Strategy.goodEnough.levers.with { $0.targetPressure = p }, w) }
    func burnout(_ p: Double) -> Double { Workforce.burnoutTarget(occupancy: 0.6, pressure: p, training: 0, w) }
    #expect(factor(0) == 1 && abs(factor(1) - 0.9) < 1e-12)  // full pressure saves 10% of handle time
    #expect(1 - factor(0.3) > 0.6 * 0.1)  // most of it by realistic targets
    #expect(factor(0) - factor(0.2) > factor(0.6) - factor(0.8))  // concave benefit
    #expect(burnout(0.8) - burnout(0.6) > burnout(0.2) - burnout(0))  // convex cost
    #expect(abs(burnout(1) - burnout(0) - 0.4) < 1e-12)
    // In a trial: pressure shortens handle time and needs fewer agents, and tires them.
    let calm = try run(.goodEnough.with { $0.targetPressure = 0 }), strict = try run(.goodEnough.with { $0.targetPressure = 0.9 })
    #expect(strict[.burnout] > calm[.burnout] + 0.1)
    // The lever has an interior profit optimum at the defaults: some pressure beats none and
    // beats perfection pressure.
    func profit(_ p: Double) throws -> Double {
      try mean(.profitNPV, trials: 4) { try run(.goodEnough.with { $0.targetPressure = p }, customers: 2500, weeks: 104, scale: 100, trial: $0) }
    }
    let p0 = try profit(0), p2 = try profit(0.2), p8 = try profit(0.8)
    #expect(p2 > p0 && p2 > p8, "profit at pressure 0, 0.2, 0.8: \(p0), \(p2), \(p8)")
  }

  @Test func solicitationSurfacesComplaintsWithDiminishingReturnsAndCostsAProgramme() throws {
    let w = World()
    func solicit(_ s: Double) -> Double { Problems.solicitation(Strategy.goodEnough.levers.with { $0.complaintSolicitation = s }, w) }
    #expect(solicit(0) == 1 && abs(solicit(1) - (1 + w.solicitationComplaintGain)) < 1e-12)
    #expect(solicit(0.2) - solicit(0) > 2 * (solicit(1) - solicit(0.8)))  // the first invitations surface the most
    // In a trial: inviting complaints raises the share of problems complained about, and the
    // programme's cost is booked ($2 per customer-year at full solicitation).
    let quiet = try run(.goodEnough.with { $0.complaintSolicitation = 0 }), loud = try run(.goodEnough.with { $0.complaintSolicitation = 1 })
    #expect(loud[.complaintRate] > quiet[.complaintRate] + 0.05)
    var acc = Accumulators()
    let levers = Strategy.goodEnough.levers.with { $0.complaintSolicitation = 1 }
    let withProgramme = acc.bookWeek(customers: 1000, headcount: 0, hires: 0, levers: levers, market: .competitive, startingCustomers: 1000, scale: 1, discount: 1, w)
    var acc0 = Accumulators()
    let without = acc0.bookWeek(customers: 1000, headcount: 0, hires: 0, levers: levers.with { $0.complaintSolicitation = 0 }, market: .competitive,
                                startingCustomers: 1000, scale: 1, discount: 1, w)
    #expect(abs(withProgramme.serviceCost - without.serviceCost - 1000 * w.solicitationCostPerCustomerYear / 52) < 1e-9)
    // At the defaults the lever has an interior profit optimum: some solicitation beats none
    // and beats the most (the default centre of 250,000 customers, 2,500 simulated). The peak is
    // shallow: full solicitation is $0.13M ± 0.01M below 0.5 over 200 paired trials, and 4 trials
    // missed it in about one block in ten; 12 trials missed it in none of 16 (review of issue 16).
    func profit(_ s: Double) throws -> Double {
      try mean(.profitNPV, trials: 12) { try run(.goodEnough.with { $0.complaintSolicitation = s }, customers: 2500, weeks: 104, scale: 100, trial: $0) }
    }
    let p0 = try profit(0), p5 = try profit(0.5), p10 = try profit(1)
    #expect(p5 > p0 && p5 > p10, "profit at solicitation 0, 0.5, 1: \(p0), \(p5), \(p10)")
  }

  @Test func trainingCostsTrainersAsWellAsAgentTimeAndHasAnInteriorOptimum() throws {
    let w = World()
    // Each training hour costs its direct cost (ATD: ≈ $38) per agent, besides the agent's time.
    var a = Accumulators(), b = Accumulators()
    let trained = a.bookWeek(customers: 0, headcount: 10, hires: 0, levers: Strategy.goodEnough.levers.with { $0.trainingHours = 2 }, market: .competitive,
                             startingCustomers: 1000, scale: 1, discount: 1, w)
    let untrained = b.bookWeek(customers: 0, headcount: 10, hires: 0, levers: Strategy.goodEnough.levers.with { $0.trainingHours = 0 }, market: .competitive,
                               startingCustomers: 1000, scale: 1, discount: 1, w)
    #expect(abs(trained.serviceCost - untrained.serviceCost - 10 * 2 * w.trainingCostPerHour) < 1e-9)
    // Diminishing returns in effect (T = 1 − e^{−h/s}) against a linear cost: some training
    // beats none and beats a quarter of the week in training.
    func profit(_ h: Double) throws -> Double {
      try mean(.profitNPV, trials: 4) { try run(.goodEnough.with { $0.trainingHours = h }, customers: 2500, weeks: 104, scale: 100, trial: $0) }
    }
    let p0 = try profit(0), p3 = try profit(3), p10 = try profit(10)
    #expect(p3 > p0 && p3 > p10, "profit at 0, 3, 10 training hours: \(p0), \(p3), \(p10)")
  }

  @Test func knowledgeBaseAndProactiveServiceHaveDiminishingReturnsAndInteriorOptima() throws {
    let w = World()
    func kb(_ x: Double) -> Double { Technology.knowledgeBase(Strategy.goodEnough.levers.with { $0.knowledgeBase = x }, w) }
    #expect(kb(0) == 0 && abs(kb(1) - 1) < 1e-12)
    #expect(kb(0.3) > 0.5 && kb(0.3) - kb(0) > kb(1) - kb(0.7))  // most of the effect comes first
    func profit(_ change: @escaping (inout Levers) -> Void, world: World = World()) throws -> Double {
      try mean(.profitNPV, trials: 4) { try run(.goodEnough.with(change), customers: 2500, weeks: 104, scale: 100, world: world, trial: $0) }
    }
    // At the defaults a moderate knowledge base beats none and beats the full one.
    let k0 = try profit { $0.knowledgeBase = 0 }, k6 = try profit { $0.knowledgeBase = 0.6 }, k1 = try profit { $0.knowledgeBase = 1 }
    #expect(k6 > k0 && k6 > k1, "profit at KB 0, 0.6, 1: \(k0), \(k6), \(k1)")
    // With the programme at the top of its plausible cost, partial proactive coverage beats none and full.
    var dear = World(); dear.proactiveCostPerCustomerYear = 4
    let p0 = try profit({ $0.proactive = 0 }, world: dear), p4 = try profit({ $0.proactive = 0.4 }, world: dear), p1 = try profit({ $0.proactive = 1 }, world: dear)
    #expect(p4 > p0 && p4 > p1, "profit at proactive 0, 0.4, 1: \(p0), \(p4), \(p1)")
  }

  @Test func customerEquityValuesTheCustomersKeptAndDependsLessOnTheHorizonThanProfit() throws {
    func at(_ weeks: Int) throws -> TrialOutcome { try run(customers: 4000, weeks: weeks) }
    let short = try at(52), long = try at(156)
    // Customers kept have positive value: equity exceeds the horizon's profit.
    #expect(short[.customerEquity] > short[.profitNPV] && long[.customerEquity] > long[.profitNPV])
    // Profit NPV triples with a tripled horizon; equity, which already counts what customers
    // will bring, moves far less.
    let profitChange = long[.profitNPV] / short[.profitNPV], equityChange = long[.customerEquity] / short[.customerEquity]
    #expect(profitChange > 2.5 && equityChange < 0.6 * profitChange, "profit ×\(profitChange), equity ×\(equityChange)")
    // CLV uses the contribution at the strategy's price: a 10% price cut lowers it.
    let cheap = try run(.goodEnough.with { $0.price = 0.9 }, customers: 4000, weeks: 52)
    #expect(cheap[.clv] < short[.clv])
  }

  @Test func win4ThresholdsComeFromReferencesAndTheOwnersBarMovesWithTheMarketsMargin() throws {
    for margin in [0.35, 0.45, 0.55] {
      var w = World(); w.grossMargin = margin
      let o = try run(world: w)
      #expect(o[.win4OwnersWin] == (o[.profitMargin] >= 0.7 * margin ? 1 : 0))
      #expect(o[.win4EmployeesWin] == (o[.burnout] <= 0.45 && o[.agentAttrition] <= 0.38 ? 1 : 0))
      #expect(o[.win4CustomersWin] == (o[.csat] >= 0.80 ? 1 : 0))
    }
    #expect(Scorecard.majority == 0.5)  // a party wins a scenario in strictly more than half its trials
  }

  @Test func rootCauseWorkIsADurableInvestment() {
    let w = World()
    var r = 0.0
    for _ in 0..<104 { r = Problems.rootCauseEffect(from: r, spend: 8, complaintCapture: 0.5, w) }
    let built = r
    #expect(built > 0.3 && built < 0.6)
    // Spending stops: the fixes depreciate over the decay time (104 weeks), not at the 26-week
    // pace of the work: after a year about e^{−1/2} of the stock is left.
    for _ in 0..<52 { r = Problems.rootCauseEffect(from: r, spend: 0, complaintCapture: 0.5, w) }
    #expect(abs(r / built - exp(-52.0 / 104)) < 0.01, "kept \(r / built)")
    // Diminishing returns: the steady state rises with spend, less and less, below the maximum.
    func steady(_ spend: Double) -> Double {
      var x = 0.0
      for _ in 0..<2000 { x = Problems.rootCauseEffect(from: x, spend: spend, complaintCapture: 0.5, w) }
      return x
    }
    #expect(steady(4) - steady(2) > steady(16) - steady(14) && steady(64) < 0.6)
  }

  @Test func theMarketPriceIsCloseToTheTypicalFirmsBestPrice() throws {
    // Demand is calibrated (price_churn_slope) so that, as the Lerner condition at a 45% margin
    // implies, good-enough's customer equity in the competitive market peaks within 10% of the
    // market price; before, profit rose steadily up to 1.3× the market price.
    func equity(_ p: Double) throws -> Double {
      try mean(.customerEquity, trials: 4) { try run(.goodEnough.with { $0.price = p }, customers: 2500, weeks: 104, scale: 100, trial: $0) }
    }
    let low = try equity(0.9), market = try equity(1), high = try equity(1.1)
    #expect(market > low && market > high, "equity at 0.9, 1, 1.1: \(low), \(market), \(high)")
  }

  @Test func thePriceHunterRaisesThePriceWhileKPIsHoldAndLowersItWhenTheySlip() throws {
    let p = ControllerPolicy()
    var state = ControllerState()
    let start = Strategy.goodEnough.levers
    var levers = start
    state.step(churnRate: 0.004, acquired: 100, levers: &levers, policy: p, on: .priceHunter)  // baseline
    state.step(churnRate: 0.004, acquired: 100, levers: &levers, policy: p, on: .priceHunter)  // holds: +2%
    state.step(churnRate: 0.004, acquired: 100, levers: &levers, policy: p, on: .priceHunter)  // holds: +2%
    #expect(abs(levers.price - 1.04) < 1e-12)
    #expect(levers.serviceLevelTarget == start.serviceLevelTarget && levers.trainingHours == start.trainingHours)  // service untouched
    state.step(churnRate: 0.009, acquired: 100, levers: &levers, policy: p, on: .priceHunter)  // churn slipped: −2%
    #expect(abs(levers.price - 1.02) < 1e-12)
    // In a trial it ends above the market price and keeps good-enough's service.
    let o = try run(.justLowEnoughPrice, weeks: 104)
    let g = try run(.goodEnough, weeks: 104)
    #expect(o[.serviceLevel] == g[.serviceLevel] || abs(o[.serviceLevel] - g[.serviceLevel]) < 0.02)
    #expect(o[.revenue] != g[.revenue])
  }

  @Test func aMonopolyWithNoAlternativeLosesNoCustomerVoluntarily() throws {
    var captive = Market.monopoly
    captive.switchingCost = 1
    // Even the floor strategy, with its unresolved problems, keeps every customer: intention to
    // leave turns into leaving only as far as switching is possible.
    let o = try run(.minimal, captive, weeks: 104)
    #expect(o[.churnRate] == 0)
    #expect(o[.retention] == 1)
    #expect(o[.tarpUnresolved] == 1)
  }

  @Test func rootCauseSpendMeansFewerProblems() throws {
    let base = try mean(.problemRate) { try run(.goodEnough, trial: $0) }
    let fixed = try mean(.problemRate) { try run(.goodEnough.with { $0.rootCauseSpend = 30 }, trial: $0) }
    // Products/processes cause 60% of problems; at saturating spend the fixed stock tends to
    // 0.6·a/(a + 1/104) ≈ 0.48 of them (fix rate a ≈ 1/26 a week, new defects over 104 weeks),
    // with a time constant of ≈ 21 weeks: over 78 weeks, ≈ 12–15% fewer problems in all.
    #expect(fixed < base * 0.88, "problems \(fixed) vs \(base)")
    #expect(fixed > base * (1 - 0.6 * 0.6) - 0.02)
  }

  @Test func burnoutRisesWithOccupancyAndRaisesAttrition() throws {
    let relaxed = Strategy.goodEnough.with { $0.occupancyCap = 0.7 }
    let squeezed = Strategy.goodEnough.with { $0.occupancyCap = 0.99; $0.serviceLevelTarget = 0.3; $0.answerWithinSeconds = 120 }
    let r = try run(relaxed, customers: 4000, weeks: 104)
    let s = try run(squeezed, customers: 4000, weeks: 104)
    #expect(s[.occupancy] > r[.occupancy] + 0.1)
    #expect(s[.burnout] > r[.burnout] + 0.1, "burnout \(s[.burnout]) vs \(r[.burnout])")
    // Attrition hazard × e^{2·Δburnout}: leavers are binomial over ≈ 25 agents, so compare
    // averages over several larger trials.
    let calm = try mean(.agentAttrition, trials: 4) { try run(relaxed, customers: 8000, weeks: 104, trial: $0) }
    let tired = try mean(.agentAttrition, trials: 4) { try run(squeezed, customers: 8000, weeks: 104, trial: $0) }
    #expect(tired > calm * 1.15, "attrition \(tired) vs \(calm)")
  }

  @Test func perfectionPressureBurnsAgentsOut() throws {
    let calm = try run(.goodEnough.with { $0.targetPressure = 0 })
    let pressed = try run(.goodEnough.with { $0.targetPressure = 1 })
    #expect(pressed[.burnout] > calm[.burnout] + 0.2)
    #expect(pressed[.fcr] < calm[.fcr])
  }

  @Test func solicitingComplaintsRecoversMoreCustomers() throws {
    let quiet = try run(.goodEnough.with { $0.complaintSolicitation = 0 })
    let asking = try run(.goodEnough.with { $0.complaintSolicitation = 1 })
    // Complaints rise by ≥ 30%; recoveries by ≥ 10% (measured: +17%), since only complaints can
    // be recovered.
    #expect(asking[.complaintRate] > quiet[.complaintRate] * 1.3)
    #expect(asking[.recovered] > quiet[.recovered] * 1.1)
  }

  /// TARP: repurchase after a problem rises from no complaint to complained-unresolved to
  /// resolved to resolved quickly, and (no service-recovery paradox for loyalty) stays below
  /// customers with no problem.
  @Test func repurchaseFollowsTheTARPOrdering() throws {
    // The silent/unresolved gap is small (≈ 0.026 ± 0.006 over 30 trials of 6,000 customers),
    // so average 12 trials: a 3-trial mean is within noise of it.
    let n = 12
    var sums = [Double](repeating: 0, count: 5)
    let order: [Metric] = [.tarpSilent, .tarpUnresolved, .tarpResolved, .tarpResolvedQuickly, .tarpNoProblem]
    for t in 0..<n {
      let o = try run(customers: 6000, weeks: 104, trial: t)
      for (k, m) in order.enumerated() { sums[k] += o[m] }
    }
    for k in 1..<5 { #expect(sums[k] > sums[k - 1], "\(order[k]) \(sums[k] / Double(n)) vs \(order[k - 1]) \(sums[k - 1] / Double(n))") }
    // Size: the silent/quick gap is of the order TARP implies after the intention-to-behaviour
    // discount (0.3 × (0.95 − 0.37) ≈ 0.17 for small problems), here ≥ 0.08.
    #expect((sums[3] - sums[0]) / Double(n) > 0.08)
  }

  @Test func theServiceRecoveryParadoxSwitchLiftsLoyaltyOfRecoveredCustomers() throws {
    var on = World()
    on.serviceRecoveryParadox = true
    let off = try mean(.tarpResolvedQuickly) { try run(customers: 5000, weeks: 104, trial: $0) }
    let paradox = try mean(.tarpResolvedQuickly) { try run(customers: 5000, weeks: 104, world: on, trial: $0) }
    #expect(paradox > off)
  }

  @Test func promotersRaiseAcquisition() throws {
    var silent = World()
    silent.promoterWeeklyTells = 0
    silent.positiveTells = 0
    // Size: about +5.6% (30 trials: 1.056; one trial's ratio has an SD of 0.035, so 3 trials
    // ranged from 1.03 to 1.09 by seed). 12 trials put 1.02 more than three standard errors below.
    let without = try mean(.acquired, trials: 12) { try run(world: silent, trial: $0) }
    let with = try mean(.acquired, trials: 12) { try run(trial: $0) }
    #expect(with > without * 1.02, "acquired \(with) vs \(without)")
  }

  @Test func priceCutsCutChurnButComeOutOfMargin() throws {
    let list = try run()
    let cut = try run(.goodEnough.with { $0.price = 0.9 })
    #expect(cut[.churnRate] < list[.churnRate])
    #expect(cut[.profitMargin] < list[.profitMargin] - 0.05)
  }

  @Test func knowledgeBaseShiftsContactsToSelfServiceAndCheapensThem() throws {
    let none = try run(.goodEnough.with { $0.knowledgeBase = 0 })
    let full = try run(.goodEnough.with { $0.knowledgeBase = 1 })
    #expect(full[.agentsFTE] < none[.agentsFTE])
    #expect(full[.fcr] > none[.fcr])
  }

  @Test func theJustGoodEnoughControllerSearchesDownWhileKPIsHoldAndUpWhenTheySlip() {
    let p = ControllerPolicy()
    var state = ControllerState()
    let start = Strategy.goodEnough.levers
    var levers = start
    state.step(churnRate: 0.004, acquired: 100, levers: &levers, policy: p)  // first quarter: baseline only
    #expect(levers == start)
    state.step(churnRate: 0.0041, acquired: 98, levers: &levers, policy: p)  // holds: one notch down
    #expect(abs(levers.serviceLevelTarget - 0.7) < 1e-12 && abs(levers.trainingHours - 1.05) < 1e-12)
    state.step(churnRate: 0.0042, acquired: 95, levers: &levers, policy: p)  // holds: down again
    #expect(state.notch == -2)
    state.step(churnRate: 0.006, acquired: 98, levers: &levers, policy: p)  // churn slipped: one notch up
    #expect(state.notch == -1 && levers == ControllerState.levers(from: start, notch: -1, p))
    state.step(churnRate: 0.006, acquired: 98, levers: &levers, policy: p)  // holding two quarters
    state.step(churnRate: 0.006, acquired: 98, levers: &levers, policy: p)
    #expect(state.notch == -1)
    state.step(churnRate: 0.006, acquired: 98, levers: &levers, policy: p)  // still slipping: up to the start
    state.step(churnRate: 0.006, acquired: 98, levers: &levers, policy: p)
    state.step(churnRate: 0.006, acquired: 98, levers: &levers, policy: p)
    state.step(churnRate: 0.006, acquired: 98, levers: &levers, policy: p)  // and above it
    #expect(state.notch == 1 && levers.serviceLevelTarget > start.serviceLevelTarget && levers.trainingHours > start.trainingHours)
    // A raise undoes a cut: the ladder is symmetric wherever no bound binds.
    var l = start
    ControllerState.cut(&l, p); ControllerState.raise(&l, p)
    #expect(abs(l.trainingHours - start.trainingHours) < 1e-12 && abs(l.serviceLevelTarget - start.serviceLevelTarget) < 1e-12)
  }
}
