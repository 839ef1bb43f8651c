/// The levers a company pulls to set its service. Every lever is a number or switch a manager
/// could write in a plan; the model turns them into staffing, skill, problems and costs.
public struct Levers: Sendable, Equatable {
  /// Service-level target: share of phone and chat contacts answered within `answerWithinSeconds`.
  public var serviceLevelTarget: Double
  /// The service-level threshold T, seconds.
  public var answerWithinSeconds: Double
  /// Staffing never plans agents above this occupancy (Win4: protects employees).
  public var occupancyCap: Double
  /// Training hours per agent per week (skill, courtesy, FCR; costs wages).
  public var trainingHours: Double
  /// Knowledge-base and self-service investment, 0 … 1 (self-service success, FCR, AHT, education).
  public var knowledgeBase: Double
  /// Channels offered.
  public var offersSelfService: Bool, offersChat: Bool, offersEmail: Bool, offersPhone: Bool
  /// Root-cause elimination spend, dollars per customer per year (Goodman, seed 002).
  public var rootCauseSpend: Double
  /// Share of known process problems announced proactively before customers call (seed 001).
  public var proactive: Double
  /// Complaint solicitation, 0 … 1: how actively complaints are invited and made easy (seed 002).
  public var complaintSolicitation: Double
  /// Compensation per recovered complaint, dollars (seed 003: "generous recovery").
  public var recoveryCompensation: Double
  /// Price relative to competitors (1 = market price; seed 000: "prices just low enough to sell").
  public var price: Double
  /// Perfection pressure on agents, 0 … 1: strict targets and monitoring (seed 001, seed 004).
  public var targetPressure: Double
  /// Extra care per contact: multiplies handle time (premium service takes longer), ≥ 0.5.
  public var careTime: Double

  public init(serviceLevelTarget: Double, answerWithinSeconds: Double, occupancyCap: Double, trainingHours: Double,
              knowledgeBase: Double, offersSelfService: Bool, offersChat: Bool, offersEmail: Bool, offersPhone: Bool,
              rootCauseSpend: Double, proactive: Double, complaintSolicitation: Double, recoveryCompensation: Double,
              price: Double, targetPressure: Double, careTime: Double) {
    self.serviceLevelTarget = serviceLevelTarget
    self.answerWithinSeconds = answerWithinSeconds
    self.occupancyCap = occupancyCap
    self.trainingHours = trainingHours
    self.knowledgeBase = knowledgeBase
    self.offersSelfService = offersSelfService
    self.offersChat = offersChat
    self.offersEmail = offersEmail
    self.offersPhone = offersPhone
    self.rootCauseSpend = rootCauseSpend
    self.proactive = proactive
    self.complaintSolicitation = complaintSolicitation
    self.recoveryCompensation = recoveryCompensation
    self.price = price
    self.targetPressure = targetPressure
    self.careTime = careTime
  }

  var channelsOffered: Int {
    (offersSelfService ? 1 : 0) + (offersChat ? 1 : 0) + (offersEmail ? 1 : 0) + (offersPhone ? 1 : 0)
  }
  var offersLiveChannel: Bool { offersChat || offersEmail || offersPhone }
}

/// How a strategy adjusts its levers over time from what the company can observe.
public enum Controller: String, Sendable, Equatable, CaseIterable {
  /// Levers stay as set.
  case none
  /// Seed 000's "just good enough": every quarter, cut service spend (service-level target,
  /// training, occupancy cap) while observed retention and acquisition hold within 10% of the
  /// first quarter; when either slips, undo the last cut. It sees only KPIs a company measures
  /// (churn, new customers), never hidden attitudes.
  case sweetspotHunter = "sweetspot-hunter"
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
