/// The week's money (dollars, for the real customers the simulated ones stand for).
///
/// Contribution is revenue at the strategy's price less unit costs fixed at list price, so a
/// price cut comes straight out of margin. Service cost is agents (wages and hiring), training,
/// the knowledge base, root-cause work, complaint solicitation, self-service sessions, proactive
/// notices and compensation; marketing buys the baseline inflow of new customers.
extension Accumulators {
  /// Customer-weeks of revenue and contribution, for customers whose weekly revenues at list
  /// price sum to Σr: revenue Σr·price, contribution Σr·(price − (1 − gross margin)).
  /// `world.gross_margin`. Booked once per unit of slots from the unit's Σr (one addition per
  /// customer-week in the outcomes pass instead of two products and two sums).
  @inline(__always)
  mutating func bookCustomerWeeks(listRevenue r: Double, price: Double, scale: Double, _ w: World) {
    revenue += r * price * scale
    contribution += r * (price - (1 - w.grossMargin)) * scale
  }

  /// Books the week's costs and profit and discounts profit into NPV. `customers` is those who
  /// stayed this week (simulated). Parameters: `world.agent_weekly_cost`, `world.hiring_cost`,
  /// `world.knowledge_base_cost_per_customer_year`, `world.acquisition_cost`,
  /// `world.self_service_cost`, `world.proactive_notice_cost`, `world.proactive_cost_per_customer_year`,
  /// `world.solicitation_cost_per_customer_year`, `world.training_cost_per_hour` (training's direct
  /// cost per agent training hour; the agents' own time off the floor is in their headcount).
  /// Returns the week's service cost and profit (undiscounted; a trajectory's cash flow).
  @discardableResult
  mutating func bookWeek(customers: Double, headcount: Double, hires: Double, levers: Levers, market: Market,
                         startingCustomers n0: Int, scale: Double, discount: Double, _ w: World) -> (serviceCost: Double, profit: Double) {
    let agentCost = headcount * w.agentWeeklyCost + hires * w.hiringCost
    let technology = levers.knowledgeBase * w.knowledgeBaseCostPerCustomerYear / 52 * customers * scale
    let rootCause = levers.rootCauseSpend / 52 * customers * scale
    let proactive = levers.proactive * w.proactiveCostPerCustomerYear / 52 * customers * scale
    let solicitation = levers.complaintSolicitation * w.solicitationCostPerCustomerYear / 52 * customers * scale
    let training = headcount * levers.trainingHours * w.trainingCostPerHour
    let weekServiceCost = agentCost + training + technology + rootCause + proactive + solicitation + takeWeekVariableCost(scale: scale, w: w)
    let marketing = market.acquisitionRate * Double(n0) * scale * w.acquisitionCost
    let weekContribution = contribution - contributionBooked
    contributionBooked = contribution
    let profit = weekContribution - weekServiceCost - marketing
    serviceCost += weekServiceCost
    self.agentCost += agentCost
    self.profit += profit
    profitNPV += profit * discount
    return (weekServiceCost, profit)
  }
}
