/// The strategy levers, declared once (see `Parameter`): `[strategy.NAME]` keys. Their defaults
/// are the good-enough preset's (`Strategy.goodEnough`); the plausible range is the range a
/// strategy designer would consider, which sweeps and designs may explore.
public enum LeverParameters {
  typealias P = Parameter<Levers>
  static func n(_ name: String, _ kp: any WritableKeyPath<Levers, Double> & Sendable, _ unit: String, _ b: Bounds,
                _ plausible: ClosedRange<Double>, _ source: String?, _ meaning: String) -> P {
    .number("strategy.NAME", name, kp, unit: unit, b, plausible: plausible, source: source, meaning)
  }

  public static let all: [Parameter<Levers>] = [
    n("service_level_target", \.serviceLevelTarget, "share of contacts", Bounds("a share", 0, 1, lowerOpen: true, upperOpen: true), 0.5...0.95,
      "facts §1c: 80/20 is the common target", "Share of phone and chat contacts to answer within answer_within_seconds."),
    n("answer_within_seconds", \.answerWithinSeconds, "seconds", Bounds("seconds", 0, 86_400), 10...60, "facts §1c", "The service-level threshold the centre staffs to."),
    n("occupancy_cap", \.occupancyCap, "share of agent time", Bounds("a share", 0.3, 0.99, lowerOpen: true), 0.75...0.95, nil,
      "Staffing never plans agents above this occupancy (Win4: protects employees)."),
    n("training_hours", \.trainingHours, "hours per agent-week", Bounds("hours per agent-week", 0, 20), 0...4, nil, "Training per agent per week."),
    n("knowledge_base", \.knowledgeBase, "investment level", Bounds("an investment level", 0, 1), 0...1, nil, "Knowledge-base and self-service investment."),
    .boolean("strategy.NAME", "self_service", \.offersSelfService, source: nil, "Self-service is offered."),
    .boolean("strategy.NAME", "chat", \.offersChat, source: nil, "Chat is offered."),
    .boolean("strategy.NAME", "email", \.offersEmail, source: nil, "Email is offered."),
    .boolean("strategy.NAME", "phone", \.offersPhone, source: nil, "The phone is offered."),
    n("root_cause_spend", \.rootCauseSpend, "$ per customer-year", Bounds("dollars per customer-year", 0, 1000), 0...12, "seed 002 (Goodman)",
      "Root-cause elimination spend."),
    n("proactive", \.proactive, "share", Bounds("a share", 0, 1), 0...1, "seed 001", "Share of known process problems announced before customers call."),
    n("complaint_solicitation", \.complaintSolicitation, "level", Bounds("a level", 0, 1), 0...1, "seed 002", "How actively complaints are invited and made easy."),
    n("recovery_compensation", \.recoveryCompensation, "$ per recovered complaint", Bounds("dollars", 0, 10_000), 0...50, "seed 003",
      "Compensation per recovered complaint."),
    n("price", \.price, "× market price", Bounds("a multiple of the market price", 0.2, 5, lowerOpen: true), 0.85...1.15, "seed 000",
      "Price relative to competitors (1 = market price)."),
    n("target_pressure", \.targetPressure, "level", Bounds("a level", 0, 1), 0...1, "seeds 001, 004", "Perfection pressure on agents: strict targets and monitoring."),
    n("care_time", \.careTime, "× handle time", Bounds("a handle-time multiplier", 0.5, 3), 0.8...1.5, "seed 003", "Extra care per contact: multiplies handle time."),
  ]
}

/// The market fields, declared once: `[market.NAME]` keys. Defaults are the competitive
/// market's; the four presets (`Market.presets`) are the documented contexts, all assumptions.
public enum MarketParameters {
  typealias P = Parameter<Market>
  static func n(_ name: String, _ kp: any WritableKeyPath<Market, Double> & Sendable, _ unit: String, _ b: Bounds,
                _ plausible: ClosedRange<Double>, _ meaning: String) -> P {
    .number("market.NAME", name, kp, unit: unit, b, plausible: plausible, source: nil, meaning)
  }

  public static let all: [Parameter<Market>] = [
    .weights("market.NAME", "segment_mix", \.segmentMix, count: 4, unit: "weights", Bounds("a weight", 0, 1_000_000), source: nil,
             "Weights of price-seeker, convenience, service-sensitive and premium customers."),
    n("revenue_scale", \.revenueScale, "multiplier", Bounds("a multiplier", 0, 100, lowerOpen: true), 0.8...1.5, "Multiplier on every segment's weekly revenue."),
    n("switching_cost", \.switchingCost, "share of hazard", Bounds("a share", 0, 1), 0.1...0.85, "Share of the churn hazard switching costs suppress."),
    n("competitor_service", \.competitorService, "service level", Bounds("a level", 0, 1), 0.5...0.75, "Competitors' service on the 0–1 performance scale."),
    n("price_weight", \.priceWeight, "weight", Bounds("a weight", 0, 10), 0.3...2, "Weight of price in churn and acquisition."),
    n("acquisition_rate", \.acquisitionRate, "share of start per week", Bounds("new customers per week as a share of the start", 0, 0.5), 0.0035...0.005,
      "Baseline new customers per week, as a share of the starting population."),
    n("word_of_mouth_weight", \.wordOfMouthWeight, "multiplier", Bounds("a weight", 0, 10), 0.3...1.5, "Multiplier on word-of-mouth effects."),
    n("product_quality", \.productQuality, "quality", Bounds("a level", 0, 1), 0.58...0.74, "Quality of the product as customers experience it without problems."),
  ]

  /// Each market context's own plausible ranges. The fields' plausible ranges above span the
  /// contexts (a switching cost of 0.1 is a commodity market's, 0.85 a monopoly's), so sampling a
  /// competitive market's switching cost from them would turn it into another market: a review
  /// found that range ranking first of 209 assumptions in a Morris screen of the competitive
  /// showdown (μ* $10.85M, S_T 0.67), 42% of its worlds at 0.6 or more, undoing the calibration
  /// of churn to 0.43 × (1 − 0.3). `"default"` for `market.NAME.FIELD` takes these (the
  /// context of a custom market is its base's). Every range contains its preset's value; all are
  /// assumptions: a span a researcher would still call the same kind of market.
  public static let contextRanges: [String: [String: ClosedRange<Double>]] = [
    "competitive": ["revenue_scale": 0.8...1.2, "switching_cost": 0.2...0.4, "competitor_service": 0.55...0.7, "price_weight": 0.7...1.3,
                    "acquisition_rate": 0.0035...0.0055, "word_of_mouth_weight": 0.7...1.3, "product_quality": 0.6...0.68],
    "monopoly": ["revenue_scale": 0.8...1.2, "switching_cost": 0.7...0.95, "competitor_service": 0.4...0.6, "price_weight": 0.1...0.5,
                 "acquisition_rate": 0.0025...0.0045, "word_of_mouth_weight": 0.1...0.5, "product_quality": 0.5...0.66],
    "commodity": ["revenue_scale": 0.6...1.0, "switching_cost": 0.05...0.2, "competitor_service": 0.45...0.65, "price_weight": 1.5...3,
                  "acquisition_rate": 0.004...0.006, "word_of_mouth_weight": 0.5...0.9, "product_quality": 0.52...0.64],
    "premium": ["revenue_scale": 1.2...1.8, "switching_cost": 0.1...0.4, "competitor_service": 0.65...0.85, "price_weight": 0.3...0.8,
                "acquisition_rate": 0.0035...0.0055, "word_of_mouth_weight": 1...2, "product_quality": 0.68...0.8],
  ]

  /// The plausible range of `field` in a market of `context`: the context's own, else the
  /// field's range across contexts.
  public static func plausibleRange(_ field: String, context: String) -> ClosedRange<Double>? {
    contextRanges[context]?[field] ?? all.first { $0.name == field }?.plausible
  }
}
