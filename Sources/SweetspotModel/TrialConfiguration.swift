/// Everything about a trial that is not the strategy or the market.
public struct TrialConfiguration: Sendable, Equatable {
  /// Simulated customers at the start (default 10,000).
  public var customers: Int
  /// Horizon in weeks (default 104).
  public var weeks: Int
  /// Real customers each simulated customer stands for in contact volumes, staffing and money
  /// (default 25: 10,000 simulated customers staff a mid-sized centre of ≈ 25 agents, where the
  /// industry ranges of facts §1 apply). Customer behaviour is simulated per simulated customer.
  public var customerScale: Double
  /// How queue metrics are computed.
  public var queueMode: QueueMode
  /// The world's constants.
  public var world: World

  public init(customers: Int = 10_000, weeks: Int = 104, customerScale: Double = 25,
              queueMode: QueueMode = .erlangA, world: World = World()) {
    self.customers = customers
    self.weeks = weeks
    self.customerScale = customerScale
    self.queueMode = queueMode
    self.world = world
  }
}

/// Why a trial cannot run: a configuration, strategy or market value out of range.
public struct ModelError: Error, Equatable, Sendable, CustomStringConvertible {
  public let key: String
  public let value: String
  public let allowed: String
  public var description: String { "\(key) must be \(allowed); got \(value)" }

  static func require(_ ok: Bool, _ key: String, _ value: Double, _ allowed: String) throws(ModelError) {
    if !ok || value.isNaN { throw ModelError(key: key, value: "\(value)", allowed: allowed) }
  }
}

extension TrialConfiguration {
  /// Throws the first value out of range, naming its key.
  public func validate() throws(ModelError) {
    try ModelError.require(customers >= 1 && customers <= 10_000_000, "population.size", Double(customers), "a whole number in 1 ... 10000000")
    try ModelError.require(weeks >= 1 && weeks <= 4000, "weeks", Double(weeks), "a whole number in 1 ... 4000")
    try ModelError.require(customerScale > 0 && customerScale.isFinite, "population.scale", customerScale, "finite and > 0")
  }
}

extension Levers {
  public func validate(prefix: String = "strategy") throws(ModelError) {
    func unit(_ x: Double, _ k: String) throws(ModelError) { try ModelError.require(x >= 0 && x <= 1, "\(prefix).\(k)", x, "a number in [0, 1]") }
    try ModelError.require(serviceLevelTarget > 0 && serviceLevelTarget < 1, "\(prefix).service_level_target", serviceLevelTarget, "in (0, 1)")
    try ModelError.require(answerWithinSeconds >= 0 && answerWithinSeconds <= 86_400, "\(prefix).answer_within_seconds", answerWithinSeconds, "in [0, 86400] seconds")
    try ModelError.require(occupancyCap > 0.3 && occupancyCap <= 0.99, "\(prefix).occupancy_cap", occupancyCap, "in (0.3, 0.99]")
    try ModelError.require(trainingHours >= 0 && trainingHours <= 20, "\(prefix).training_hours", trainingHours, "in [0, 20] hours per agent-week")
    try unit(knowledgeBase, "knowledge_base")
    try ModelError.require(rootCauseSpend >= 0 && rootCauseSpend <= 1000, "\(prefix).root_cause_spend", rootCauseSpend, "in [0, 1000] dollars per customer-year")
    try unit(proactive, "proactive")
    try unit(complaintSolicitation, "complaint_solicitation")
    try ModelError.require(recoveryCompensation >= 0 && recoveryCompensation <= 10_000, "\(prefix).recovery_compensation", recoveryCompensation, "in [0, 10000] dollars")
    try ModelError.require(price > 0.2 && price <= 5, "\(prefix).price", price, "in (0.2, 5] (1 = market price)")
    try unit(targetPressure, "target_pressure")
    try ModelError.require(careTime >= 0.5 && careTime <= 3, "\(prefix).care_time", careTime, "in [0.5, 3]")
    if !offersSelfService && !offersChat && !offersEmail && !offersPhone {
      throw ModelError(key: "\(prefix).channels", value: "none", allowed: "at least one of self_service, chat, email, phone")
    }
  }
}

extension Market {
  public func validate(prefix: String = "market") throws(ModelError) {
    if segmentMix.count != Segment.allCases.count || segmentMix.contains(where: { !($0 >= 0) || !$0.isFinite }) || !(segmentMix.reduce(0, +) > 0) {
      throw ModelError(key: "\(prefix).segment_mix", value: "\(segmentMix)", allowed: "four non-negative weights (price-seeker, convenience, service-sensitive, premium), not all 0")
    }
    try ModelError.require(revenueScale > 0 && revenueScale.isFinite, "\(prefix).revenue_scale", revenueScale, "finite and > 0")
    try ModelError.require(switchingCost >= 0 && switchingCost <= 1, "\(prefix).switching_cost", switchingCost, "in [0, 1]")
    try ModelError.require(competitorService >= 0 && competitorService <= 1, "\(prefix).competitor_service", competitorService, "in [0, 1]")
    try ModelError.require(priceWeight >= 0 && priceWeight <= 10, "\(prefix).price_weight", priceWeight, "in [0, 10]")
    try ModelError.require(acquisitionRate >= 0 && acquisitionRate <= 0.5, "\(prefix).acquisition_rate", acquisitionRate, "in [0, 0.5] per week")
    try ModelError.require(wordOfMouthWeight >= 0 && wordOfMouthWeight <= 10, "\(prefix).word_of_mouth_weight", wordOfMouthWeight, "in [0, 10]")
    try ModelError.require(productQuality >= 0 && productQuality <= 1, "\(prefix).product_quality", productQuality, "in [0, 1]")
  }
}
