/// Running totals of one trial, folded into a `TrialOutcome` at the end.
struct Accumulators {
  var problems = 0.0, complaints = 0.0
  var customerWeeks = 0.0, churned = 0.0, acquired = 0.0
  var revenue = 0.0, contribution = 0.0, contributionBooked = 0.0, serviceCost = 0.0, agentCost = 0.0, profit = 0.0, profitNPV = 0.0
  // Weekly variable costs (moved to totals by `takeWeekVariableCost`).
  var selfServiceSessions = 0.0, notices = 0.0, compensation = 0.0
  var totalSelfService = 0.0, totalNotices = 0.0, totalCompensation = 0.0
  // Contacts.
  var recovered = 0.0
  var answeredContacts = 0.0, abandonedContacts = 0.0, firstContacts = 0.0, resolvedFirst = 0.0
  var csatSum = 0.0, csatCount = 0.0
  var queueOffered = 0.0, queueAbandoned = 0.0, queueWithin = 0.0, queueWait = 0.0
  var ahtMinutesSum = 0.0
  // Word of mouth this week (in simulated customers' tells).
  var positiveTells = 0.0, negativeTells = 0.0
  // Employees.
  var leavers = 0.0, headcountWeeks = 0.0, burnoutSum = 0.0, busyHours = 0.0, floorHours = 0.0
  // Surveys.
  var npsSum = 0.0, npsSurveys = 0.0
  // TARP baseline: churn of customers who have had no problem yet.
  var noProblemWeeks = 0.0, noProblemChurned = 0.0
  // Quarter, for the controller and the root-cause feedback loop.
  var quarterAcquired = 0.0, quarterChurned = 0.0, quarterCustomerWeeks = 0.0
  var quarterProblems = 0.0, quarterComplaints = 0.0
  // The last 13 weeks, for the value of the customers kept at the horizon.
  var tailServiceCost = 0.0, tailCustomerWeeks = 0.0, tailChurned = 0.0

  /// Adds one experience's tells (`Acquisition.tells`) to this week's word of mouth.
  @inline(__always)
  mutating func wordOfMouth(_ s: Double, complained: Bool, omega: Double, _ w: World) {
    let t = Acquisition.tells(satisfaction: s, complained: complained, omega: omega, w)
    if t.negative > 0 { negativeTells += t.negative }
    if t.positive > 0 { positiveTells += t.positive }
  }

  /// Adds a chunk's additive tallies (customer-level counts and sums).
  mutating func absorb(_ c: Accumulators) {
    problems += c.problems; complaints += c.complaints
    revenue += c.revenue; contribution += c.contribution
    selfServiceSessions += c.selfServiceSessions; notices += c.notices; compensation += c.compensation
    recovered += c.recovered
    answeredContacts += c.answeredContacts; abandonedContacts += c.abandonedContacts
    firstContacts += c.firstContacts; resolvedFirst += c.resolvedFirst
    csatSum += c.csatSum; csatCount += c.csatCount
    positiveTells += c.positiveTells; negativeTells += c.negativeTells
    noProblemWeeks += c.noProblemWeeks; noProblemChurned += c.noProblemChurned
  }

  /// A contact's CSAT answer in expectation: P(4–5 of 5) through the logistic link, as if every
  /// handled contact were surveyed (no survey sampling noise).
  @inline(__always)
  mutating func csat(_ s: Double, _ w: World) {
    csatSum += Satisfaction.above(s, w.csatCut, w.surveySpread)
    csatCount += 1
  }

  mutating func queue(_ c: ChannelWeek) {
    queueOffered += c.offered
    queueAbandoned += c.abandoned
    queueWithin += c.answeredWithin
    queueWait += c.waitAnswered
  }

  /// The customers kept at the horizon, valued as Gupta, Lehmann & Stuart (2004) value a customer
  /// base: each customer's weekly margin m_i (revenue at the strategy's price less unit cost,
  /// less the last quarter's service cost per customer-week), kept with the weekly retention r
  /// the company observed in the last quarter and discounted at d, over the valuation horizon H
  /// (`world.equity_horizon_weeks`): Σ_i m_i·Σ_{t=1..H} x^t = Σ_i m_i·x(1 − x^H)/(1 − x),
  /// x = r/(1 + d); in dollars at the horizon (the caller discounts to week 0). Two-year profit
  /// NPV alone rewards harvesting customers; this counts what the strategy leaves behind. A
  /// finite H keeps one quarter's retention from being extrapolated to perpetuity. `closing`
  /// gives Σ_i m_i as (price − unit cost)·Σ revenue − service cost per customer-week·customers.
  func keptCustomersValue(_ closing: ClosingSums, scale: Double, price: Double, world w: World) -> Double {
    let r = tailCustomerWeeks > 0 ? 1 - tailChurned / tailCustomerWeeks : 1
    let d = w.weeklyDiscountRate
    let serviceCostPerCustomerWeek = tailCustomerWeeks > 0 ? tailServiceCost / (tailCustomerWeeks * scale) : 0
    let margins = closing.revenue * (price - (1 - w.grossMargin)) - serviceCostPerCustomerWeek * closing.alive
    let x = r / (1 + d)
    return margins * scale * x * (1 - pow(x, w.equityHorizonWeeks)) / (1 - x)
  }

  /// This week's self-service, notice and compensation costs in dollars (represented customers).
  mutating func takeWeekVariableCost(scale: Double, w: World) -> Double {
    let cost = (selfServiceSessions * w.selfServiceCost + notices * w.proactiveNoticeCost + compensation) * scale
    totalSelfService += selfServiceSessions
    totalNotices += notices
    totalCompensation += compensation
    selfServiceSessions = 0; notices = 0; compensation = 0
    return cost
  }

  /// The trial's outcome: the running totals and the closing sums over the customer slots
  /// (`ClosingSums`, in parallel on `threads`).
  func outcome(pop population: Population, n0: Int, weeks: Int, scale: Double, price: Double, horizonDiscount: Double,
               world w: World, threads: Int = 1) throws -> TrialOutcome {
    var o = TrialOutcome()
    // ACSI-like: attitude on a 0–100 scale where "exactly as expected" (½) scores 72 at the
    // default offset, about a typical company's ACSI (national ≈ 77), 10 points per 0.1 of
    // attitude (`world.acsi_offset`, an assumption). TARP: retention over
    // `Metric.tarpWindowWeeks` after the first problem's outcome, by outcome class (a metric
    // definition, not a behavioural constant).
    let window = Metric.tarpWindowWeeks
    let closing = try ClosingSums.of(population, n0: n0, weeks: weeks, window: window, acsiOffset: w.acsiOffset, threads: threads)
    let survivors = closing.survivors, aliveEnd = closing.alive, attitudeSum = closing.attitude

    o[.profitNPV] = profitNPV
    o[.revenue] = revenue
    o[.costToServe] = serviceCost
    o[.profitMargin] = revenue > 0 ? profit / revenue : .nan
    o[.retention] = survivors / Double(n0)
    o[.churnRate] = customerWeeks > 0 ? churned / customerWeeks * 52 : .nan
    o[.customersEnd] = aliveEnd * scale
    o[.acquired] = acquired * scale
    o[.csat] = csatCount > 0 ? csatSum / csatCount : .nan
    o[.nps] = npsSurveys > 0 ? npsSum / npsSurveys : .nan
    o[.acsi] = aliveEnd > 0 ? 100 * attitudeSum / aliveEnd : .nan
    o[.fcr] = firstContacts > 0 ? resolvedFirst / firstContacts : .nan
    o[.asaSeconds] = queueOffered - queueAbandoned > 0 ? queueWait / (queueOffered - queueAbandoned) : .nan
    o[.abandonment] = queueOffered > 0 ? queueAbandoned / queueOffered : .nan
    o[.serviceLevel] = queueOffered > 0 ? queueWithin / queueOffered : .nan
    o[.ahtMinutes] = ahtMinutesSum / Double(weeks)
    o[.costPerContact] = answeredContacts > 0 ? agentCost / (answeredContacts * scale) : .nan
    o[.contactsPerCustomer] = customerWeeks > 0 ? (answeredContacts + abandonedContacts + totalSelfService) / customerWeeks * 52 : .nan
    o[.complaintRate] = problems > 0 ? complaints / problems : .nan
    o[.problemRate] = customerWeeks > 0 ? problems / customerWeeks * 52 : .nan
    o[.occupancy] = floorHours > 0 ? busyHours / floorHours : .nan
    o[.burnout] = burnoutSum / Double(weeks)
    o[.agentAttrition] = headcountWeeks > 0 ? leavers / (headcountWeeks / 52) : .nan
    o[.agentsFTE] = headcountWeeks / Double(weeks)
    let weeklyChurn = customerWeeks > 0 ? churned / customerWeeks : 0
    let weeklyDiscount = w.weeklyDiscountRate
    let weeklyContribution = customerWeeks > 0 ? (contribution - serviceCost) / (customerWeeks * scale) : 0
    o[.clv] = weeklyContribution / (weeklyChurn + weeklyDiscount)
    o[.customerEquity] = profitNPV + horizonDiscount * keptCustomersValue(closing, scale: scale, price: price, world: w)

    // Win4 (seed 004): each party's score and whether it wins against its `scorecard.*`
    // threshold.
    let sc = w.scorecard
    let csat = o[.csat], burnout = o[.burnout], attrition = o[.agentAttrition], margin = o[.profitMargin]
    o[.win4Customers] = csat
    o[.win4Employees] = 1 - burnout
    o[.win4Company] = aliveEnd / Double(n0)
    o[.win4Owners] = margin
    o[.win4CustomersWin] = csat >= sc.customersCSAT ? 1 : 0
    o[.win4EmployeesWin] = burnout <= sc.employeesBurnout && attrition <= sc.employeesAttrition ? 1 : 0
    o[.win4CompanyWin] = aliveEnd >= sc.companyGrowth * Double(n0) ? 1 : 0
    o[.win4OwnersWin] = margin >= sc.ownersMarginShare * w.grossMargin ? 1 : 0

    func share(_ c: Int) -> Double { closing.seen[c] > 0 ? closing.kept[c] / closing.seen[c] : .nan }
    o[.tarpSilent] = share(1)
    o[.tarpUnresolved] = share(2)
    o[.tarpResolved] = share(3)
    o[.tarpResolvedQuickly] = share(4)
    o[.churned] = churned * scale
    o[.recovered] = customerWeeks > 0 ? recovered / customerWeeks * 52 : .nan
    o[.tarpNoProblem] = noProblemWeeks > 0 ? pow(1 - noProblemChurned / noProblemWeeks, Double(window)) : .nan
    return o
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
