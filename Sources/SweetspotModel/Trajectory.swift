/// The state of one trial at the end of one week: what a researcher audits when a trial's
/// outcome needs explaining (trajectories.csv, `Trial.recorded`).
///
/// Trials record these only when asked (`Trial.recorded`): the plain `Trial.run` builds none,
/// so the Monte Carlo runs pay nothing for them. Customer counts are represented customers
/// (simulated × population.scale), as in trials.csv. Rates and scores are this week's own
/// (not running averages), so a path shows when things changed; NPS is the exception, since the
/// company surveys it once a quarter: it holds the latest survey's value (NaN before the first).
/// The levers are those in effect during the week: a controller's step at the end of week 12
/// shows from week 13 on.
public struct WeekSnapshot: Sendable, Equatable {
  /// 0-based week of the horizon.
  public var week: Int
  /// Active customers after this week's churn and acquisition (trials.csv's customers_end at the
  /// last week).
  public var customers: Double
  /// Customers who left this week (summing to trials.csv's churned).
  public var churned: Double
  /// Customers recruited this week (summing to trials.csv's acquired).
  public var acquired: Double
  /// Share of this week's handled contacts rating 4–5 of 5, in expectation (NaN when no contact
  /// was handled).
  public var csat: Double
  /// The latest quarterly NPS survey (−100 … 100); NaN before the first.
  public var nps: Double
  /// Share of this week's queued phone and chat contacts answered within the target time.
  public var serviceLevel: Double
  /// Share of this week's queued phone and chat contacts that abandoned.
  public var abandonment: Double
  /// Agents employed (headcount, FTE) at the end of the week.
  public var agents: Double
  /// Agent burnout (0–1) at the end of the week.
  public var burnout: Double
  /// The levers in effect this week (what an adaptive strategy moves).
  public var serviceLevelTarget: Double
  public var occupancyCap: Double
  public var trainingHours: Double
  public var knowledgeBase: Double
  public var proactive: Double
  public var recoveryCompensation: Double
  public var rootCauseSpend: Double
  public var price: Double
  /// Revenue booked this week (dollars).
  public var revenue: Double
  /// Cost to serve this week (agents, hiring, technology, root cause, proactive, self-service,
  /// compensation; dollars).
  public var serviceCost: Double
  /// Cash flow: contribution less service cost less marketing, undiscounted (its sum over the
  /// weeks is the trial's profit; discounted, its profit_npv).
  public var cashFlow: Double

  /// The state columns of trajectories.csv, in order (after the identifying columns and `week`).
  public static let columns = ["customers", "churned", "acquired", "csat", "nps", "service_level", "abandonment", "agents", "burnout",
                               "service_level_target", "occupancy_cap", "training_hours", "knowledge_base", "proactive",
                               "recovery_compensation", "root_cause_spend", "price", "revenue", "service_cost", "cash_flow"]

  /// Which columns are counts of represented customers (written as integers when whole).
  public static let countColumns: Set<String> = ["customers", "churned", "acquired"]

  /// The state values in the order of `columns`.
  public var values: [Double] {
    [customers, churned, acquired, csat, nps, serviceLevel, abandonment, agents, burnout,
     serviceLevelTarget, occupancyCap, trainingHours, knowledgeBase, proactive,
     recoveryCompensation, rootCauseSpend, price, revenue, serviceCost, cashFlow]
  }

  /// The value of one of `columns` (nil for another name).
  public subscript(column: String) -> Double? {
    Self.columns.firstIndex(of: column).map { values[$0] }
  }
}
