/// The levers a company pulls to set its service. Every lever is a number or switch a manager
/// could write in a plan; the model turns them into staffing, skill, problems and costs.
public struct Levers: Sendable, Equatable {
  // Defaults are the good-enough preset's (seed 001); `LeverParameters` declares each lever's
  // allowed values, plausible range and meaning.
  /// Service-level target: share of phone and chat contacts answered within `answerWithinSeconds`.
  public var serviceLevelTarget = 0.8
  /// The service-level threshold T, seconds.
  public var answerWithinSeconds = 20.0
  /// Staffing never plans agents above this occupancy (Win4: protects employees).
  public var occupancyCap = 0.85
  /// Training hours per agent per week (skill, courtesy, FCR; costs wages).
  public var trainingHours = 1.5
  /// Knowledge-base and self-service investment, 0 … 1 (self-service success, FCR, AHT, education).
  public var knowledgeBase = 0.6
  /// Channels offered.
  public var offersSelfService = true, offersChat = true, offersEmail = true, offersPhone = true
  /// Root-cause elimination spend, dollars per customer per year (Goodman, seed 002).
  public var rootCauseSpend = 2.0
  /// Share of known process problems announced proactively before customers call (seed 001).
  public var proactive = 0.5
  /// Complaint solicitation, 0 … 1: how actively complaints are invited and made easy (seed 002).
  public var complaintSolicitation = 0.3
  /// Compensation per recovered complaint, dollars (seed 003: "generous recovery").
  public var recoveryCompensation = 5.0
  /// Price relative to competitors (1 = market price; seed 000: "prices just low enough to sell").
  public var price = 1.0
  /// Perfection pressure on agents, 0 … 1: strict targets and monitoring (seed 001, seed 004).
  public var targetPressure = 0.3
  /// Extra care per contact: multiplies handle time (premium service takes longer), ≥ 0.5.
  public var careTime = 1.0

  /// The good-enough levers; change what differs.
  public init() {}

  var channelsOffered: Int {
    (offersSelfService ? 1 : 0) + (offersChat ? 1 : 0) + (offersEmail ? 1 : 0) + (offersPhone ? 1 : 0)
  }
  var offersLiveChannel: Bool { offersChat || offersEmail || offersPhone }
}

/// How a strategy adjusts its levers over time from what the company can observe.
public enum Controller: String, Sendable, Equatable, CaseIterable {
  /// Levers stay as set.
  case none
  /// Seed 000's "just good enough": after a baseline quarter, step service spend (service-level
  /// target, training, occupancy cap, knowledge base, proactive notices, compensation) down a
  /// notch each quarter while observed churn and acquisition hold within tolerance of the
  /// baseline, and up a notch (beyond the start if need be) when either slips. It sees only KPIs
  /// a company measures, never hidden attitudes (`ControllerState`, `controller.*`).
  case sweetspotHunter = "sweetspot-hunter"
  /// Seed 000's "prices just low enough to sell": the same search on price instead of service.
  /// After a baseline quarter, raise the price a step (a smaller discount) each quarter while
  /// churn and acquisition hold, and lower it a step when either slips; service levers stay as
  /// set (`controller.price_step`, `controller.price_floor`, `controller.price_ceiling`).
  case priceHunter = "price-hunter"
}

/// A named service strategy: levers and, optionally, a controller.
public struct Strategy: Sendable, Equatable {
  public var name: String
  public var levers: Levers
  public var controller: Controller
  /// Which seed text the strategy encodes, for reports and `sweetspot list strategies`.
  public var summary: String

  public init(name: String, levers: Levers, controller: Controller = .none, summary: String = "custom strategy") {
    self.name = name
    self.levers = levers
    self.controller = controller
    self.summary = summary
  }
}
