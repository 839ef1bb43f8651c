/// An outcome of a trial: what the runner aggregates and the reporter compares. Raw values are
/// the column names in result files: append new metrics, never rename one.
public enum Metric: String, CaseIterable, Sendable {
  /// The TARP retention metrics' window, weeks after a problem's outcome (a definition of the
  /// metrics, like TARP's "repurchase" horizon; not a behavioural constant).
  public static let tarpWindowWeeks = 26

  case profitNPV = "profit_npv"
  case revenue
  case costToServe = "cost_to_serve"
  case profitMargin = "profit_margin"
  case retention
  case churnRate = "churn_rate"
  case customersEnd = "customers_end"
  case acquired
  case csat
  case nps
  case acsi
  case fcr
  case asaSeconds = "asa_seconds"
  case abandonment
  case serviceLevel = "service_level"
  case ahtMinutes = "aht_minutes"
  case costPerContact = "cost_per_contact"
  case contactsPerCustomer = "contacts_per_customer"
  case complaintRate = "complaint_rate"
  case problemRate = "problem_rate"
  case occupancy
  case burnout
  case agentAttrition = "agent_attrition"
  case agentsFTE = "agents_fte"
  case clv
  case win4Customers = "win4_customers"
  case win4Employees = "win4_employees"
  case win4Company = "win4_company"
  case win4Owners = "win4_owners"
  case win4CustomersWin = "win4_customers_win"
  case win4EmployeesWin = "win4_employees_win"
  case win4CompanyWin = "win4_company_win"
  case win4OwnersWin = "win4_owners_win"
  case tarpSilent = "tarp_silent"
  case tarpUnresolved = "tarp_unresolved"
  case tarpResolved = "tarp_resolved"
  case tarpResolvedQuickly = "tarp_resolved_quickly"
  case tarpNoProblem = "tarp_no_problem"
  case churned
  case recovered
  case customerEquity = "customer_equity"

  /// One line for `sweetspot list metrics` and report tables, with the unit.
  public var summary: String {
    switch self {
    case .profitNPV: return "profit over the horizon discounted to week 0 (dollars)"
    case .revenue: return "revenue over the horizon (dollars)"
    case .costToServe: return "service cost: agents, hiring, training, technology, self-service, notices, compensation, complaint solicitation, root-cause work (dollars)"
    case .profitMargin: return "profit ÷ revenue over the horizon"
    case .retention: return "share of the starting customers still customers at the end"
    case .churnRate: return "customers lost per customer-year (annualized hazard)"
    case .customersEnd: return "customers at the end (represented customers)"
    case .acquired: return "new customers over the horizon (represented customers)"
    case .csat: return "CSAT: share of contacts rating 4–5 of 5 (top-2-box)"
    case .nps: return "NPS: promoters minus detractors, −100 … 100 (quarterly relationship survey)"
    case .acsi: return "ACSI-like index 0–100: attitude rescaled so that \"as expected\" scores 72"
    case .fcr: return "first-contact resolution: share of answered first contacts resolved"
    case .asaSeconds: return "average speed of answer, phone and chat (seconds)"
    case .abandonment: return "share of phone and chat contacts abandoned"
    case .serviceLevel: return "share of phone and chat contacts answered within the target time"
    case .ahtMinutes: return "average phone handle time (minutes)"
    case .costPerContact: return "service cost ÷ contacts handled, all channels (dollars)"
    case .contactsPerCustomer: return "contacts per customer-year"
    case .complaintRate: return "share of problems the customer complained about"
    case .problemRate: return "problems per customer-year"
    case .occupancy: return "share of agent time handling contacts"
    case .burnout: return "mean agent burnout index (0–1)"
    case .agentAttrition: return "agents leaving per agent-year"
    case .agentsFTE: return "mean agents employed (full-time equivalents)"
    case .clv: return "customer lifetime value: weekly contribution (at the strategy's price) less service cost per customer ÷ (weekly churn + discount) (dollars)"
    case .win4Customers: return "Win4 customers' score: CSAT"
    case .win4Employees: return "Win4 employees' score: 1 − burnout"
    case .win4Company: return "Win4 company's score: customers at end ÷ at start"
    case .win4Owners: return "Win4 owners' score: profit margin"
    case .win4CustomersWin: return "true if customers win: CSAT ≥ scorecard.customers_csat (default 0.80, typical industry CSAT)"
    case .win4EmployeesWin: return "true if employees win: burnout ≤ scorecard.employees_burnout and attrition ≤ scorecard.employees_attrition (defaults 0.45 and 0.38)"
    case .win4CompanyWin: return "true if the company wins: customers at end ≥ scorecard.company_growth × at start (default 1)"
    case .win4OwnersWin: return "true if owners win: profit margin ≥ scorecard.owners_margin_share × gross margin (default 70%)"
    case .tarpSilent: return "26-week retention after a problem never complained about (TARP)"
    case .tarpUnresolved: return "26-week retention after a complaint left unresolved (TARP)"
    case .tarpResolved: return "26-week retention after a complaint resolved with effort (TARP)"
    case .tarpResolvedQuickly: return "26-week retention after a complaint resolved at first contact (TARP)"
    case .tarpNoProblem: return "26-week retention implied by the churn of customers with no problem yet"
    case .churned: return "customers lost over the horizon (represented customers)"
    case .recovered: return "complaints resolved, per customer-year (recovered customers)"
    case .customerEquity: return "customer equity: profit NPV plus the discounted lifetime value of the customers kept at the horizon (dollars; Gupta, Lehmann & Stuart 2004)"
    }
  }
}

/// The outcome of one trial: one value per `Metric`, in `Metric.allCases` order.
public struct TrialOutcome: Sendable, Equatable {
  public var values: [Double]

  init() { values = [Double](repeating: .nan, count: Metric.allCases.count) }

  /// Identical outcomes: every value equal bit for bit (so an undefined, NaN, metric equals
  /// itself, as it does in result files).
  public static func == (a: TrialOutcome, b: TrialOutcome) -> Bool {
    a.values.count == b.values.count && zip(a.values, b.values).allSatisfy { $0.bitPattern == $1.bitPattern }
  }

  public subscript(_ m: Metric) -> Double {
    get { values[Metric.index[m]!] }
    set { values[Metric.index[m]!] = newValue }
  }
}

extension Metric {
  /// What kind of number a metric is, which decides how result files write it.
  public enum Kind: Sendable {
    /// A count of represented customers (simulated × population.scale): whole numbers unless
    /// population.scale is fractional.
    case count
    /// Won or not, 1 or 0 in a trial (its mean over trials is a share).
    case flag
    /// Any other quantity.
    case real
  }

  public var kind: Kind {
    switch self {
    case .customersEnd, .acquired, .churned: return .count
    case .win4CustomersWin, .win4EmployeesWin, .win4CompanyWin, .win4OwnersWin: return .flag
    default: return .real
    }
  }

  /// The TARP retention shares: NaN when no customer's first problem ended in that class.
  public static let tarpClasses: [Metric] = [.tarpSilent, .tarpUnresolved, .tarpResolved, .tarpResolvedQuickly]

  static let index: [Metric: Int] = Dictionary(uniqueKeysWithValues: allCases.enumerated().map { ($1, $0) })
}
