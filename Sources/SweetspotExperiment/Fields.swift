import SweetspotModel

/// A numeric or boolean setting that experiment files, `--set` and sweeps address by name.
/// One table per owner (strategy levers, market, world): the schema, the setter and the
/// allowed range in one place, so validation messages and docs/EXPERIMENTS.md agree.
struct Field<Owner>: Sendable {
  enum Kind: Sendable { case number, integer, boolean, numbers(count: Int?) }
  let name: String
  let kind: Kind
  /// What is allowed, in words.
  let allowed: String
  let check: @Sendable (Double) -> Bool
  let get: @Sendable (Owner) -> TOMLValue
  let set: @Sendable (inout Owner, TOMLValue) -> Void

  static func number(_ name: String, _ kp: any WritableKeyPath<Owner, Double> & Sendable, _ allowed: String, _ check: @escaping @Sendable (Double) -> Bool) -> Field {
    Field(name: name, kind: .number, allowed: allowed, check: check,
          get: { .float($0[keyPath: kp]) }, set: { $0[keyPath: kp] = $1.number! })
  }
  static func integer(_ name: String, _ kp: any WritableKeyPath<Owner, Int> & Sendable, _ allowed: String, _ check: @escaping @Sendable (Double) -> Bool) -> Field {
    Field(name: name, kind: .integer, allowed: allowed, check: check,
          get: { .integer($0[keyPath: kp]) }, set: { $0[keyPath: kp] = Int($1.number!) })
  }
  static func boolean(_ name: String, _ kp: any WritableKeyPath<Owner, Bool> & Sendable) -> Field {
    Field(name: name, kind: .boolean, allowed: "true or false", check: { _ in true },
          get: { .bool($0[keyPath: kp]) }, set: { if case let .bool(b) = $1 { $0[keyPath: kp] = b } })
  }
  static func numbers(_ name: String, _ kp: any WritableKeyPath<Owner, [Double]> & Sendable, count: Int?, _ allowed: String, _ check: @escaping @Sendable (Double) -> Bool) -> Field {
    Field(name: name, kind: .numbers(count: count), allowed: allowed, check: check,
          get: { .array($0[keyPath: kp].map { .float($0) }) },
          set: { if case let .array(xs) = $1 { $0[keyPath: kp] = xs.map { $0.number! } } })
  }

  /// Checks a TOML value against this field; returns the problem in words, or nil.
  func problem(with v: TOMLValue) -> String? {
    switch kind {
    case .boolean:
      if case .bool = v { return nil }
      return "expected true or false, got \(v.typeName)"
    case .number, .integer:
      guard let x = v.number else { return "expected a number, got \(v.typeName)" }
      if x.isNaN { return "NaN is not allowed; allowed: \(allowed)" }
      if x.isInfinite { return "infinity is not allowed; allowed: \(allowed)" }
      if case .integer = kind, x != x.rounded() { return "expected a whole number; allowed: \(allowed)" }
      return check(x) ? nil : "\(formatNumber(x)) is out of range; allowed: \(allowed)"
    case let .numbers(count):
      guard case let .array(items) = v else { return "expected an array of numbers, got \(v.typeName)" }
      if let count, items.count != count { return "expected \(count) numbers, got \(items.count)" }
      if items.isEmpty { return "expected at least one number" }
      for item in items {
        guard let x = item.number else { return "expected numbers, got \(item.typeName)" }
        if !x.isFinite || !check(x) { return "\(formatNumber(x)) is out of range; allowed: \(allowed)" }
      }
      return nil
    }
  }

  var isNumeric: Bool { if case .number = kind { return true }; if case .integer = kind { return true }; return false }
}

func formatNumber(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
  return "\(x)"
}

private let unit: @Sendable (Double) -> Bool = { $0 >= 0 && $0 <= 1 }
private let nonNegative: @Sendable (Double) -> Bool = { $0 >= 0 }
private let positive: @Sendable (Double) -> Bool = { $0 > 0 }

enum Fields {
  static let levers: [Field<Levers>] = [
    .number("service_level_target", \.serviceLevelTarget, "a share in (0, 1)", { $0 > 0 && $0 < 1 }),
    .number("answer_within_seconds", \.answerWithinSeconds, "seconds in [0, 86400]", { $0 >= 0 && $0 <= 86_400 }),
    .number("occupancy_cap", \.occupancyCap, "a share in (0.3, 0.99]", { $0 > 0.3 && $0 <= 0.99 }),
    .number("training_hours", \.trainingHours, "hours per agent-week in [0, 20]", { $0 >= 0 && $0 <= 20 }),
    .number("knowledge_base", \.knowledgeBase, "an investment level in [0, 1]", unit),
    .boolean("self_service", \.offersSelfService),
    .boolean("chat", \.offersChat),
    .boolean("email", \.offersEmail),
    .boolean("phone", \.offersPhone),
    .number("root_cause_spend", \.rootCauseSpend, "dollars per customer-year in [0, 1000]", { $0 >= 0 && $0 <= 1000 }),
    .number("proactive", \.proactive, "a share in [0, 1]", unit),
    .number("complaint_solicitation", \.complaintSolicitation, "a level in [0, 1]", unit),
    .number("recovery_compensation", \.recoveryCompensation, "dollars in [0, 10000]", { $0 >= 0 && $0 <= 10_000 }),
    .number("price", \.price, "a multiple of the market price in (0.2, 5]", { $0 > 0.2 && $0 <= 5 }),
    .number("target_pressure", \.targetPressure, "a level in [0, 1]", unit),
    .number("care_time", \.careTime, "a handle-time multiplier in [0.5, 3]", { $0 >= 0.5 && $0 <= 3 }),
  ]

  static let market: [Field<Market>] = [
    .numbers("segment_mix", \.segmentMix, count: 4, "four weights ≥ 0 (price-seeker, convenience, service-sensitive, premium)", nonNegative),
    .number("revenue_scale", \.revenueScale, "a multiplier in (0, 100]", { $0 > 0 && $0 <= 100 }),
    .number("switching_cost", \.switchingCost, "a share in [0, 1]", unit),
    .number("competitor_service", \.competitorService, "a level in [0, 1]", unit),
    .number("price_weight", \.priceWeight, "a weight in [0, 10]", { $0 >= 0 && $0 <= 10 }),
    .number("acquisition_rate", \.acquisitionRate, "new customers per week as a share of the start, in [0, 0.5]", { $0 >= 0 && $0 <= 0.5 }),
    .number("word_of_mouth_weight", \.wordOfMouthWeight, "a weight in [0, 10]", { $0 >= 0 && $0 <= 10 }),
    .number("product_quality", \.productQuality, "a level in [0, 1]", unit),
  ]

  static let world: [Field<World>] = [
    .number("weekly_problem_rate", \.weeklyProblemRate, "a probability in [0, 1]", unit),
    .number("product_problem_share", \.productProblemShare, "a share in [0, 1]", unit),
    .number("employee_problem_share", \.employeeProblemShare, "a share in [0, 1]", unit),
    .number("customer_problem_share", \.customerProblemShare, "a share in [0, 1]", unit),
    .number("known_process_share", \.knownProcessShare, "a share in [0, 1]", unit),
    .number("root_cause_max_reduction", \.rootCauseMaxReduction, "a share in [0, 1]", unit),
    .number("root_cause_spend_scale", \.rootCauseSpendScale, "dollars per customer-year > 0", positive),
    .number("root_cause_lag_weeks", \.rootCauseLagWeeks, "weeks ≥ 1", { $0 >= 1 }),
    .number("weekly_inquiry_rate", \.weeklyInquiryRate, "a probability in [0, 1]", unit),
    .number("mean_problem_size", \.meanProblemSize, "a size in (0, 1]", { $0 > 0 && $0 <= 1 }),
    .number("prefer_self_service", \.preferSelfService, "a weight ≥ 0", nonNegative),
    .number("prefer_chat", \.preferChat, "a weight ≥ 0", nonNegative),
    .number("prefer_email", \.preferEmail, "a weight ≥ 0", nonNegative),
    .number("prefer_phone", \.preferPhone, "a weight ≥ 0", nonNegative),
    .number("self_service_base_resolution", \.selfServiceBaseResolution, "a probability in [0, 1]", unit),
    .number("self_service_knowledge_gain", \.selfServiceKnowledgeGain, "a probability in [0, 1]", unit),
    .number("retry_probability", \.retryProbability, "a probability in [0, 1]", unit),
    .number("abandon_retry_probability", \.abandonRetryProbability, "a probability in [0, 1]", unit),
    .integer("max_attempts", \.maxAttempts, "a whole number in 1 ... 20", { $0 >= 1 && $0 <= 20 }),
    .number("days_per_week", \.daysPerWeek, "days in [1, 7]", { $0 >= 1 && $0 <= 7 }),
    .numbers("intraday_shape", \.intradayShape, count: nil, "hourly weights ≥ 0, at least one > 0", nonNegative),
    .number("phone_handle_minutes", \.phoneHandleMinutes, "minutes in (0, 240]", { $0 > 0 && $0 <= 240 }),
    .number("chat_handle_minutes", \.chatHandleMinutes, "minutes in (0, 240]", { $0 > 0 && $0 <= 240 }),
    .number("chat_concurrency", \.chatConcurrency, "chats per agent in [1, 10]", { $0 >= 1 && $0 <= 10 }),
    .number("email_handle_minutes", \.emailHandleMinutes, "minutes in (0, 240]", { $0 > 0 && $0 <= 240 }),
    .number("phone_patience_seconds", \.phonePatienceSeconds, "seconds in (0, 86400]", { $0 > 0 && $0 <= 86_400 }),
    .number("chat_patience_seconds", \.chatPatienceSeconds, "seconds in (0, 86400]", { $0 > 0 && $0 <= 86_400 }),
    .number("shrinkage", \.shrinkage, "a share in [0, 0.9]", { $0 >= 0 && $0 <= 0.9 }),
    .number("base_annual_attrition", \.baseAnnualAttrition, "a rate per year in [0, 5]", { $0 >= 0 && $0 <= 5 }),
    .number("burnout_attrition_slope", \.burnoutAttritionSlope, "a slope in [0, 10]", { $0 >= 0 && $0 <= 10 }),
    .number("burnout_base", \.burnoutBase, "a level in [0, 1]", unit),
    .number("burnout_occupancy_slope", \.burnoutOccupancySlope, "a slope in [0, 10]", { $0 >= 0 && $0 <= 10 }),
    .number("burnout_pressure_weight", \.burnoutPressureWeight, "a weight in [0, 1]", unit),
    .number("burnout_adjust_rate", \.burnoutAdjustRate, "a rate per week in (0, 1]", { $0 > 0 && $0 <= 1 }),
    .number("skill_ramp_weeks", \.skillRampWeeks, "weeks > 0", positive),
    .number("weight_timeliness", \.weightTimeliness, "a weight in [0, 1]", unit),
    .number("weight_resolution", \.weightResolution, "a weight in [0, 1]", unit),
    .number("weight_courtesy", \.weightCourtesy, "a weight in [0, 1]", unit),
    .number("weight_effort", \.weightEffort, "a weight in [0, 1]", unit),
    .number("weight_compensation", \.weightCompensation, "a weight in [0, 1]", unit),
    .number("gain_slope", \.gainSlope, "a slope in [0, 10]", { $0 >= 0 && $0 <= 10 }),
    .number("loss_slope", \.lossSlope, "a slope in [0, 10]", { $0 >= 0 && $0 <= 10 }),
    .number("problem_weight", \.problemWeight, "a weight in [0, 1]", unit),
    .number("weekly_drift_weight", \.weeklyDriftWeight, "a weight in [0, 1]", unit),
    .number("product_quality", \.productQuality, "a level in [0, 1]", unit),
    .boolean("service_recovery_paradox", \.serviceRecoveryParadox),
    .number("csat_cut", \.csatCut, "a level in [0, 1]", unit),
    .number("promoter_cut", \.promoterCut, "a level in [0, 1]", unit),
    .number("detractor_cut", \.detractorCut, "a level in [0, 1]", unit),
    .number("survey_spread", \.surveySpread, "a spread in (0, 1]", { $0 > 0 && $0 <= 1 }),
    .number("churn_attitude_slope", \.churnAttitudeSlope, "a slope in [0, 50]", { $0 >= 0 && $0 <= 50 }),
    .number("top_box_hazard_factor", \.topBoxHazardFactor, "a factor in [0, 1]", unit),
    .number("top_box_threshold", \.topBoxThreshold, "a level in [0, 1]", unit),
    .number("price_churn_slope", \.priceChurnSlope, "a slope in [0, 20]", { $0 >= 0 && $0 <= 20 }),
    .numbers("tarp_repurchase_small", \.tarpRepurchaseSmall, count: 4, "four probabilities in [0, 1]", unit),
    .numbers("tarp_repurchase_large", \.tarpRepurchaseLarge, count: 4, "four probabilities in [0, 1]", unit),
    .number("intention_to_behaviour", \.intentionToBehaviour, "a share in [0, 1]", unit),
    .number("reporting_threshold_seconds", \.reportingThresholdSeconds, "seconds in [0, 86400]", { $0 >= 0 && $0 <= 86_400 }),
    .number("negative_tells", \.negativeTells, "people told ≥ 0", nonNegative),
    .number("positive_tells", \.positiveTells, "people told ≥ 0", nonNegative),
    .number("promoter_weekly_tells", \.promoterWeeklyTells, "tells per week ≥ 0", nonNegative),
    .number("referral_conversion", \.referralConversion, "a probability in [0, 1]", unit),
    .number("deterrence", \.deterrence, "a probability in [0, 1]", unit),
    .number("gross_margin", \.grossMargin, "a share in [0, 1]", unit),
    .number("agent_weekly_cost", \.agentWeeklyCost, "dollars ≥ 0", nonNegative),
    .number("hours_per_fte", \.hoursPerFTE, "hours in (0, 168]", { $0 > 0 && $0 <= 168 }),
    .number("hiring_cost", \.hiringCost, "dollars ≥ 0", nonNegative),
    .number("self_service_cost", \.selfServiceCost, "dollars ≥ 0", nonNegative),
    .number("proactive_notice_cost", \.proactiveNoticeCost, "dollars ≥ 0", nonNegative),
    .number("knowledge_base_cost_per_customer_year", \.knowledgeBaseCostPerCustomerYear, "dollars ≥ 0", nonNegative),
    .number("acquisition_cost", \.acquisitionCost, "dollars ≥ 0", nonNegative),
    .number("annual_discount_rate", \.annualDiscountRate, "a rate in [0, 1]", unit),
  ]
}

/// The key in `candidates` nearest to `key` by edit distance, if it is close enough to be a
/// likely typo.
func nearest(_ key: String, in candidates: [String]) -> String? {
  let best = candidates.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
  guard let best, best.1 <= max(2, key.count / 3) else { return nil }
  return best.0
}

/// Levenshtein distance (insertions, deletions, substitutions).
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var row = Array(0...b.count)
  for i in 1...a.count {
    var diagonal = row[0]
    row[0] = i
    for j in 1...b.count {
      let above = row[j]
      row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.count]
}
