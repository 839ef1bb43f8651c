/// What a random stream feeds: one independent stream per source of randomness.
///
/// Giving each source its own stream is what keeps common random numbers synchronized: when a
/// strategy changes how many service times are drawn, the patience and arrival streams are not
/// shifted. Raw values are stream indices in the MRG32k3a period (streams 2^127 apart): append
/// new purposes, never reorder or reuse a number, or every stored result changes.
public struct Purpose: Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt64
  public let name: String

  public init(rawValue: UInt64, name: String) {
    self.rawValue = rawValue
    self.name = name
  }

  public static func == (lhs: Purpose, rhs: Purpose) -> Bool { lhs.rawValue == rhs.rawValue }
  public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
  public var description: String { name }

  // MARK: Registry (the one place stream indices are assigned)

  /// Tests and ad-hoc sampling.
  public static let general = Purpose(rawValue: 0, name: "general")
  /// Contact-centre queue: arrival times.
  public static let arrivals = Purpose(rawValue: 1, name: "arrivals")
  /// Contact-centre queue: handle (service) times, drawn per contact at arrival.
  public static let handleTimes = Purpose(rawValue: 2, name: "handle-times")
  /// Contact-centre queue: caller patience, drawn per contact at arrival whether or not it waits.
  public static let patience = Purpose(rawValue: 3, name: "patience")
  /// Customer population: segment and latent attributes, drawn before any strategy acts.
  public static let population = Purpose(rawValue: 4, name: "population")
  /// Problems and their root causes.
  public static let problems = Purpose(rawValue: 5, name: "problems")
  /// Customers' decisions: complain, channel, churn, referral.
  public static let decisions = Purpose(rawValue: 6, name: "decisions")
  /// Service outcomes: resolution, survey answers.
  public static let service = Purpose(rawValue: 7, name: "service")
  /// Employees: attrition and hiring.
  public static let employees = Purpose(rawValue: 8, name: "employees")
  /// Acquisition: new customers' arrival and attributes.
  public static let acquisition = Purpose(rawValue: 9, name: "acquisition")
  /// Reporting: bootstrap resampling (never part of a trial).
  public static let bootstrap = Purpose(rawValue: 10, name: "bootstrap")
  /// Recruits: the attributes of newly acquired customers, one stream per recruit addressed by
  /// its order of arrival in the trial (item = k), so the k-th recruit is the same person under
  /// every strategy.
  public static let recruits = Purpose(rawValue: 11, name: "recruits")
  /// Churn: one uniform per customer slot per week.
  public static let churn = Purpose(rawValue: 12, name: "churn")
  /// Robustness designs: Latin hypercube strata and offsets, Morris trajectories (never part
  /// of a trial; bootstrap intervals of sensitivity indices use `bootstrap`).
  public static let design = Purpose(rawValue: 13, name: "design")
  /// Industry: the firms' draws (strategy, price, product quality), once per industry, before
  /// anything else, so every market variant of a trial has the same firms.
  public static let firms = Purpose(rawValue: 14, name: "firms")
  /// Industry: where shoppers go (switch or leave, and which firm), re-keyed each week.
  public static let choice = Purpose(rawValue: 15, name: "choice")
}
