#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The model's assumptions, declared once (see `Parameter`): `world.*` (behaviour, operations,
/// economics), `segment.NAME.*` (each segment's attribute means), `population.*` (the shapes
/// around them), `controller.*` (the just-good-enough policy) and `scorecard.*` (Win4
/// thresholds). Defaults live in `World`; this table says what each one is, what it may be,
/// what a careful researcher would still defend, and where it comes from (nil: an assumption).
public enum WorldParameters {
  typealias P = Parameter<World>
  static let unit = Bounds.unit("a share")
  static let probability = Bounds.unit("a probability")
  static let level = Bounds.unit("a level")
  static let score = Bounds.unit("a score")
  static let weight = Bounds.unit("a weight")

  // Sources, as cited in docs/MODEL.md (facts.md sections are in shared/reference/facts.md).
  static let goodman = "Goodman, Strategic Customer Service (facts §2a: ≈ 60% products/processes, ≈ 20% employees, 20–30% customers)"
  static let ccmc = "CCMC/ASU National Customer Rage Study 2013: 50% of households had a problem in a year (facts §2a)"
  static let goodmanQP = "Goodman, Quality Progress 2005: ≈ 50% complain to the front line (facts §2a)"
  static let gartner = "Gartner 2019 customer service poll: phone 44%, chat 17%, email 15%, web 12%; 9% resolve in self-service; $0.10 per session (facts §1c)"
  static let contactBabel = "ContactBabel US benchmarking 2014/2025: service calls 6:21 talk time, now > 7 min (facts §1c)"
  static let sqm = "SQM Group 2021–22: FCR ≈ 67–70% average, +1 pt FCR ≈ +1 pt CSAT (facts §1c)"
  static let qatc = "QATC / SQM: agent attrition 30–45% a year; UK norm 20% (facts §1c)"
  static let oliver = "Oliver 1980; Anderson & Sullivan 1993: losses weigh more than gains (facts §5)"
  static let bolton = "Bolton 1998: cumulative satisfaction is an anchor updated by experiences (facts §5)"
  static let tarp = "TARP, via Fast Company 2003 and Washington Post 1984 (facts §2a)"
  static let tarpWOM = "TARP, Washington Post 1984; Goodman 2019: dissatisfied tell 9–10, satisfied complainants 4–5 (facts §2a)"
  static let jonesSasser = "Jones & Sasser 1995: 'totally satisfied' six times likelier to repurchase (facts §5); level conservative"
  static let mittal = "Mittal & Kamakura 2001: the same satisfaction gives different repurchase rates, and intent and behaviour respond differently (facts §5); the conversion level is an assumption"
  static let elasticity = "Tellis 1988 (−1.76) and Bijmolt et al. 2005 (−2.62) price elasticities (facts §6)"
  static let lerner = "facts §6 (unverified): mean price elasticities −1.76 and −2.62 imply Lerner margins of 57% and 38%"
  static let gelbrich = "Gelbrich & Roschk 2011: compensation has diminishing returns (facts §6); level an assumption"
  static let deMatos = "de Matos, Henrique & Rossi 2007: the paradox holds for satisfaction, not repurchase (facts §2d)"
  static let acquisition5x = "Goodman/TARP: acquisition costs 2–20× retention (facts §2a); level an assumption"
  static let csatTypical = "facts §1c: typical top-2-box CSAT ≈ 80%"

  /// A reference that supports a direction or an anchor but not the default's level: the
  /// parameter is an assumption, and its meaning cites the reference.
  static func basis(_ reference: String) -> String { "basis: " + reference }

  static func w(_ name: String, _ kp: any WritableKeyPath<World, Double> & Sendable, _ unit: String, _ b: Bounds,
                _ plausible: ClosedRange<Double>?, _ source: String?, _ meaning: String) -> P {
    let (source, meaning) = honest(source, meaning)
    return .number("world", name, kp, unit: unit, b, plausible: plausible, source: source, meaning)
  }

  /// A source that sources only a direction, or says its level is an assumption, is not a source
  /// of the default: the parameter is marked an assumption and the reference moves to its meaning.
  static func honest(_ source: String?, _ meaning: String) -> (String?, String) {
    guard let s = source else { return (nil, meaning) }
    if s.hasPrefix("basis: ") { return (nil, meaning + " Basis: " + s.dropFirst(7) + ".") }
    if s.contains("assumption") || s.contains("unverified") || s.contains("calibrated") { return (nil, meaning + " Basis: " + s + ".") }
    return (s, meaning)
  }

  /// `world.*`.
  public static let world: [Parameter<World>] = [
    // Problems
    w("weekly_problem_rate", \.weeklyProblemRate, "probability per customer-week", probability, 0.008...0.02, basis(ccmc + "; that is problems with any supplier, so the per-firm level is an assumption"),
      "Weekly probability that a customer has a problem before root-cause work (0.013 ≈ 50% a year)."),
    w("product_problem_share", \.productProblemShare, "share", unit, 0.5...0.7, goodman, "Share of problems caused by products, processes and marketing."),
    w("employee_problem_share", \.employeeProblemShare, "share", unit, 0.1...0.3, goodman, "Share of problems caused by employees."),
    w("customer_problem_share", \.customerProblemShare, "share", unit, 0.15...0.3, goodman, "Share of problems caused by customers' own errors and expectations."),
    w("employee_problem_burnout_slope", \.employeeProblemBurnoutSlope, "per unit of burnout", Bounds("a slope", 0, 10), 0.5...2, nil,
      "Employee-caused problems multiply by (1 + slope·burnout)."),
    w("training_problem_reduction", \.trainingProblemReduction, "share", unit, 0.2...0.6, nil, "Share of employee-caused problems full training removes."),
    w("education_problem_reduction", \.educationProblemReduction, "share", unit, 0.2...0.6, nil, "Share of customer-caused problems full customer education removes."),
    w("education_knowledge_base_weight", \.educationKnowledgeBaseWeight, "weight", weight, 0.3...0.7, nil, "Weight of the knowledge base in customer education."),
    w("education_proactive_weight", \.educationProactiveWeight, "weight", weight, 0.3...0.7, nil, "Weight of proactive notices in customer education."),
    w("known_process_share", \.knownProcessShare, "share", unit, 0.15...0.5, nil,
      "Share of product/process problems known in time to warn customers (outages, delays)."),
    w("root_cause_max_reduction", \.rootCauseMaxReduction, "share", unit, 0.4...0.8, nil, "Largest share of product/process problems root-cause work can remove."),
    w("root_cause_spend_scale", \.rootCauseSpendScale, "$ per customer-year", Bounds("dollars per customer-year", 0, 1000, lowerOpen: true), 3...12, nil,
      "Effective root-cause spend (per customer-year) that brings 63% of the fastest fix rate."),
    w("root_cause_lag_weeks", \.rootCauseLagWeeks, "weeks", Bounds("weeks", 1, 520), 13...52, nil,
      "At saturating spend, a fixable problem source is fixed within this time constant."),
    w("root_cause_decay_weeks", \.rootCauseDecayWeeks, "weeks", Bounds("weeks", 1, 5200), 52...260, nil,
      "Fixed problem sources come back over this time constant (new products and processes bring new defects)."),
    w("root_cause_insight_base", \.rootCauseInsightBase, "share", Bounds("a level", 0, 5), 0.25...1, nil,
      "Root-cause spend is effective in proportion to (base + complaint capture)."),
    w("initial_complaint_capture", \.initialComplaintCapture, "complaints per problem", unit, 0.3...0.7, goodmanQP,
      "Complaint capture assumed before the first quarter is observed."),
    w("root_cause_quality_gain", \.rootCauseQualityGain, "quality per unit of effect", Bounds("a gain", 0, 1), 0.05...0.25, nil,
      "Product quality customers experience rises by gain × root-cause effect."),
    w("weekly_inquiry_rate", \.weeklyInquiryRate, "probability per customer-week", probability, 0.02...0.06, nil,
      "Weekly probability of a routine inquiry (billing, how-to): ≈ 2 contacts a year."),
    w("inquiry_size", \.inquirySize, "problem-size scale", Bounds("a size", 0, 1, lowerOpen: true, upperOpen: true), 0.05...0.15, nil,
      "Size of a routine inquiry on the 0–1 problem-size scale (a retried issue above it counts as a problem)."),
    w("mean_problem_size", \.meanProblemSize, "problem-size scale", Bounds("a size", 0, 1, lowerOpen: true), 0.2...0.4, nil,
      "Mean problem size (exponential, clipped at 1: ≈ 19% of problems are large)."),
    // Complaints and channels
    w("complaint_ceiling", \.complaintCeiling, "probability", probability, 0.9...0.99, nil, "Highest probability that a customer complains about a problem."),
    w("complaint_size_base", \.complaintSizeBase, "multiplier", Bounds("a multiplier", 0, 5), 0.4...0.8, "Goodman & Newman 2003: larger problems are complained about more (facts §2a); level an assumption",
      "Complaint propensity multiplier for the smallest problem."),
    w("complaint_size_slope", \.complaintSizeSlope, "per unit of size", Bounds("a slope", 0, 10), 0.6...1.8, "Goodman & Newman 2003 (facts §2a); level an assumption",
      "Increase of the complaint multiplier per unit of problem size."),
    w("complaint_access_base", \.complaintAccessBase, "multiplier", unit, 0.4...0.8, nil, "Complaint access with no channel offered."),
    w("complaint_access_gain", \.complaintAccessGain, "multiplier", unit, 0.2...0.6, nil, "Extra complaint access with all four channels offered."),
    w("solicitation_complaint_gain", \.solicitationComplaintGain, "multiplier", Bounds("a gain", 0, 5), 0.3...1, nil,
      "Complaints multiply by (1 + gain·effective solicitation) at full solicitation: inviting complaints surfaces them (seed 002)."),
    w("solicitation_saturation", \.solicitationSaturation, "solicitation level", Bounds("a level", 0, 10, lowerOpen: true), 0.2...1,
      basis("Rust, Zahorik & Keiningham 1995: returns on quality investments diminish (facts §6)"),
      "Effective solicitation = (1 − e^{−s/σ})/(1 − e^{−1/σ}): the first invitations (a survey after each contact, an easy complaint route) surface the most silent problems."),
    w("prefer_self_service", \.preferSelfService, "weight", Bounds("a weight", 0, 10), 0.08...0.2, gartner, "Channel preference weight of self-service."),
    w("prefer_chat", \.preferChat, "weight", Bounds("a weight", 0, 10), 0.08...0.25, gartner, "Channel preference weight of chat."),
    w("prefer_email", \.preferEmail, "weight", Bounds("a weight", 0, 10), 0.1...0.2, gartner, "Channel preference weight of email."),
    w("prefer_phone", \.preferPhone, "weight", Bounds("a weight", 0, 10), 0.35...0.62, gartner + "; ContactBabel 2025: phone 62% of inbound",
      "Channel preference weight of the phone."),
    w("self_service_appeal_base", \.selfServiceAppealBase, "multiplier", Bounds("a level", 0, 5), 0.25...1, nil,
      "Self-service's channel weight scales by (base + knowledge base)."),
    w("self_service_base_resolution", \.selfServiceBaseResolution, "probability", probability, 0.05...0.2, basis("Gartner 2019: 9% of customers fully resolve in self-service overall (facts §1c); as the rate with no knowledge base an assumption"),
      "Self-service resolution with no knowledge base."),
    w("self_service_knowledge_gain", \.selfServiceKnowledgeGain, "probability", probability, 0.3...0.7, nil,
      "Self-service resolution a full knowledge base adds."),
    w("self_service_ceiling", \.selfServiceCeiling, "probability", probability, 0.8...0.99, nil, "Highest self-service resolution."),
    w("retry_probability", \.retryProbability, "probability", probability, 0.5...0.85, nil, "Chance an unresolved customer tries again next week."),
    w("abandon_retry_probability", \.abandonRetryProbability, "probability", probability, 0.3...0.7, nil, "Chance a customer who abandoned tries again next week."),
    .integer("world", "max_attempts", \.maxAttempts, unit: "attempts", Bounds("a whole number", 1, 20), plausible: 2...4, source: nil,
             "Most attempts a customer makes on one issue."),
    // Contact centre
    w("days_per_week", \.daysPerWeek, "days", Bounds("days", 1, 7), nil, nil, "Open days per week (a setting of the company)."),
    .weights("world", "intraday_shape", \.intradayShape, count: nil, unit: "relative weight per open hour", Bounds("a weight", 0, 100), source: nil,
             "Hourly weights of arrivals over the open day (a two-peak service day)."),
    w("phone_handle_minutes", \.phoneHandleMinutes, "minutes", Bounds("minutes", 0, 240, lowerOpen: true), 5...8, contactBabel, "Phone handle time before the multipliers."),
    w("aht_knowledge_base_base", \.ahtKnowledgeBaseBase, "multiplier", Bounds("a multiplier", 0.1, 5), 1.0...1.2, nil, "Handle-time multiplier with no knowledge base."),
    w("aht_knowledge_base_saving", \.ahtKnowledgeBaseSaving, "multiplier", unit, 0.05...0.25, nil, "Handle-time saving of a full knowledge base."),
    w("aht_burnout_slope", \.ahtBurnoutSlope, "per unit of burnout", Bounds("a slope", 0, 5), 0.1...0.4, nil, "Handle time multiplies by (1 + slope·burnout)."),
    w("aht_skill_base", \.ahtSkillBase, "multiplier", Bounds("a multiplier", 0.1, 5), 1.05...1.25, nil, "Handle-time multiplier at zero skill."),
    w("aht_skill_saving", \.ahtSkillSaving, "multiplier", unit, 0.05...0.25, nil, "Handle-time saving at full skill."),
    w("pressure_handle_time_saving", \.pressureHandleTimeSaving, "share of handle time", Bounds("a share", 0, 0.9), 0.03...0.2,
      basis("Anderson, Fornell & Rust 1997: productivity and satisfaction trade off in services (facts §6)"),
      "Full perfection pressure cuts every channel's handle time by this share; its cost is burnout."),
    w("pressure_saturation", \.pressureSaturation, "pressure", Bounds("a level", 0, 10, lowerOpen: true), 0.15...1, nil,
      "Pressure's handle-time saving reaches (1 − e^{−p/s})/(1 − e^{−1/s}) of its full value: diminishing returns."),
    w("chat_handle_minutes", \.chatHandleMinutes, "minutes", Bounds("minutes", 0, 240, lowerOpen: true), 8...16, nil, "Chat handle time."),
    w("chat_concurrency", \.chatConcurrency, "chats per agent", Bounds("chats per agent", 1, 10), 1.5...3, nil, "Chats one agent handles at once."),
    w("email_handle_minutes", \.emailHandleMinutes, "minutes", Bounds("minutes", 0, 240, lowerOpen: true), 5...12, nil, "Email handle time."),
    w("email_response_base_hours", \.emailResponseBaseHours, "hours", Bounds("hours", 0, 168), 4...24, nil,
      "Email response time at low utilization; it grows as base·(1 + u/(1 − u))."),
    w("email_utilization_ceiling", \.emailUtilizationCeiling, "share", Bounds("a share", 0.5, 0.99), 0.9...0.99, nil,
      "Highest utilization of the email backlog in the response-time formula."),
    w("phone_patience_seconds", \.phonePatienceSeconds, "seconds", Bounds("seconds", 0, 3600, lowerOpen: true), 90...300, nil, "Mean caller patience in the queue."),
    w("chat_patience_seconds", \.chatPatienceSeconds, "seconds", Bounds("seconds", 0, 3600, lowerOpen: true), 150...600, nil, "Mean chat patience in the queue."),
    w("shrinkage", \.shrinkage, "share", Bounds("a share", 0, 0.9), 0.25...0.4, nil, "Paid time not available for contacts (breaks, meetings, absence)."),
    // Agents
    w("training_saturation_hours", \.trainingSaturationHours, "hours per agent-week", Bounds("hours", 0, 40, lowerOpen: true), 0.75...3, nil,
      "Training effect T = 1 − e^{−hours/saturation}."),
    w("skill_base", \.skillBase, "skill", level, 0.5...0.7, nil, "Skill of an experienced agent with no training."),
    w("skill_training_gain", \.skillTrainingGain, "skill", level, 0.3...0.5, nil, "Skill full training adds."),
    w("new_hire_skill_gap", \.newHireSkillGap, "share", unit, 0.3...0.7, nil, "Share of skill a new hire lacks, recovered as tenure grows."),
    w("skill_ramp_weeks", \.skillRampWeeks, "weeks", Bounds("weeks", 0, 520, lowerOpen: true), 6...26, nil, "Time constant for a new agent to reach full skill."),
    w("initial_tenure_weeks", \.initialTenureWeeks, "weeks", Bounds("weeks", 0, 1040), 26...104, nil, "Mean tenure of the agents at the start."),
    w("courtesy_base", \.courtesyBase, "score", score, 0.45...0.65, nil, "Courtesy of an untrained, unskilled, rested agent."),
    w("courtesy_training_gain", \.courtesyTrainingGain, "score", score, 0.15...0.45, nil, "Courtesy full training adds."),
    w("courtesy_skill_gain", \.courtesySkillGain, "score", score, 0.05...0.2, nil, "Courtesy full skill adds."),
    w("courtesy_burnout_loss", \.courtesyBurnoutLoss, "score", score, 0.25...0.65, nil, "Courtesy full burnout takes away."),
    w("fcr_base", \.fcrBase, "probability", probability, 0.45...0.62, sqm, "Phone FCR before skill, knowledge base, burnout and care (calibrated to ≈ 70%)."),
    w("fcr_skill_gain", \.fcrSkillGain, "probability", probability, 0.15...0.35, nil, "Phone FCR full skill adds."),
    w("fcr_knowledge_base_gain", \.fcrKnowledgeBaseGain, "probability", probability, 0.05...0.25, nil, "Phone FCR a full knowledge base adds."),
    w("fcr_burnout_loss", \.fcrBurnoutLoss, "probability", probability, 0.15...0.45, nil, "Phone FCR full burnout takes away."),
    w("fcr_care_time_gain", \.fcrCareTimeGain, "probability per unit of care", probability, 0.1...0.3, nil, "Phone FCR gained per unit of extra care time."),
    w("fcr_floor", \.fcrFloor, "probability", probability, 0.02...0.1, nil, "Lowest FCR."),
    w("fcr_ceiling", \.fcrCeiling, "probability", probability, 0.95...0.99, nil, "Highest FCR."),
    w("fcr_chat_gap", \.fcrChatGap, "probability", Bounds("a probability", 0, 0.5), 0...0.1, nil, "Chat resolves this much less often than the phone."),
    w("fcr_email_gap", \.fcrEmailGap, "probability", Bounds("a probability", 0, 0.5), 0.05...0.15, nil, "Email resolves this much less often than the phone."),
    // Employees
    w("base_annual_attrition", \.baseAnnualAttrition, "per year", Bounds("a rate per year", 0, 5), 0.12...0.3, qatc, "Agent attrition hazard at zero burnout."),
    w("burnout_attrition_slope", \.burnoutAttritionSlope, "per unit of burnout", Bounds("a slope", 0, 10), 1...3, qatc + "; slope an assumption",
      "Attrition multiplies by e^{slope·burnout}."),
    w("burnout_base", \.burnoutBase, "burnout", level, 0.05...0.25, nil, "Burnout of a centre below the occupancy knee with no pressure."),
    w("burnout_occupancy_slope", \.burnoutOccupancySlope, "per unit of occupancy", Bounds("a slope", 0, 10), 0.75...3, nil, "Burnout per unit of occupancy above the knee."),
    w("burnout_occupancy_knee", \.burnoutOccupancyKnee, "occupancy", Bounds("a share", 0.3, 1), 0.6...0.8, nil, "Occupancy above which agents tire."),
    w("burnout_pressure_weight", \.burnoutPressureWeight, "burnout per unit of pressure", weight, 0.2...0.6, nil, "Burnout added by full perfection pressure."),
    w("burnout_pressure_exponent", \.burnoutPressureExponent, "exponent", Bounds("an exponent", 0.5, 5), 1...3,
      basis("seeds 001 and 004: realistic targets are sustainable, perfection pressure burns agents out"),
      "Burnout from pressure is weight·pressure^exponent: convex, so moderate targets cost little."),
    w("burnout_training_relief", \.burnoutTrainingRelief, "burnout", level, 0...0.2, nil, "Burnout full training relieves."),
    w("burnout_adjust_rate", \.burnoutAdjustRate, "per week", Bounds("a rate per week", 0, 1, lowerOpen: true), 0.05...0.2, nil, "Share of the way burnout moves to its target each week."),
    // Satisfaction
    w("weight_timeliness", \.weightTimeliness, "weight", weight, 0.1...0.3, nil, "Weight of timeliness in an experience's performance."),
    w("weight_resolution", \.weightResolution, "weight", weight, 0.25...0.45, sqm + "; weights an assumption", "Weight of resolution (resolution dominates)."),
    w("weight_courtesy", \.weightCourtesy, "weight", weight, 0.1...0.3, nil, "Weight of courtesy."),
    w("weight_effort", \.weightEffort, "weight", weight, 0.1...0.25, nil, "Weight of customer effort."),
    w("weight_compensation", \.weightCompensation, "weight", weight, 0.05...0.15, nil, "Weight of compensation."),
    w("gain_slope", \.gainSlope, "satisfaction per unit of performance", Bounds("a slope", 0, 10), 0.4...0.8, oliver + "; magnitude an assumption",
      "Satisfaction gained per unit of performance above expectation."),
    w("loss_slope", \.lossSlope, "satisfaction per unit of performance", Bounds("a slope", 0, 10), 0.9...1.6, oliver + "; magnitude an assumption",
      "Satisfaction lost per unit of performance below expectation."),
    w("problem_weight", \.problemWeight, "weight", weight, 0.2...0.5, bolton + "; level an assumption", "Weight of a problem experience in the cumulative attitude."),
    w("problem_weight_floor", \.problemWeightFloor, "problem-size scale", Bounds("a size", 0, 1), 0.15...0.45, nil,
      "An experience weighs problem weight × (floor + size)."),
    w("inquiry_weight_factor", \.inquiryWeightFactor, "multiplier", unit, 0.1...0.5, nil, "An inquiry's experience weighs this share of a problem's."),
    w("notice_weight_factor", \.noticeWeightFactor, "multiplier", unit, 0.25...0.75, nil, "A proactively announced problem weighs this share of a problem's."),
    w("unresolved_weight_factor", \.unresolvedWeightFactor, "multiplier", unit, 0.4...0.8, nil, "An unresolved contact the customer will retry weighs this share (the issue is still open); a final failure weighs in full."),
    w("weekly_drift_weight", \.weeklyDriftWeight, "weight per week", weight, 0.01...0.04, basis(bolton + "; level an assumption"), "Weight of an ordinary week's product experience."),
    .boolean("world", "service_recovery_paradox", \.serviceRecoveryParadox, source: deMatos,
             "On: a recovery can lift the loyalty that drives churn and word of mouth above the no-problem level (off by default)."),
    w("notice_resolution", \.noticeResolution, "score", score, 0.6...0.9, nil, "Resolution score of a proactively announced problem."),
    w("notice_courtesy", \.noticeCourtesy, "score", score, 0.6...0.9, nil, "Courtesy score of a proactive notice."),
    w("silent_timeliness", \.silentTimeliness, "score", score, 0.3...0.7, nil, "Timeliness score of a problem not complained about."),
    w("silent_courtesy", \.silentCourtesy, "score", score, 0.3...0.7, nil, "Courtesy score of a problem not complained about."),
    w("silent_effort", \.silentEffort, "score", score, 0.3...0.7, nil, "Effort score of a problem not complained about."),
    w("self_service_courtesy", \.selfServiceCourtesy, "score", score, 0.5...0.8, nil, "Courtesy score of a self-service resolution."),
    w("self_service_effort", \.selfServiceEffort, "score", score, 0.7...1, nil, "Effort score of a self-service resolution."),
    w("stranded_timeliness", \.strandedTimeliness, "score", score, 0.3...0.7, nil, "Timeliness score when self-service fails and no live channel is offered."),
    w("stranded_courtesy", \.strandedCourtesy, "score", score, 0.3...0.7, nil, "Courtesy score when stranded after self-service."),
    w("stranded_effort", \.strandedEffort, "score", score, 0.1...0.3, nil, "Effort score when stranded after self-service."),
    w("abandoned_courtesy", \.abandonedCourtesy, "score", score, 0.3...0.7, nil, "Courtesy score of an abandoned contact."),
    w("abandoned_effort", \.abandonedEffort, "score", score, 0.1...0.5, nil, "Effort score of an abandoned contact."),
    w("effort_per_retry", \.effortPerRetry, "score per attempt", score, 0.15...0.35, nil, "Effort score lost per repeated attempt."),
    w("effort_escalation", \.effortEscalation, "score", score, 0.1...0.3, nil, "Effort score lost by escalating from self-service."),
    w("effort_floor", \.effortFloor, "score", score, 0...0.2, nil, "Lowest effort score."),
    w("email_tolerance_hours", \.emailToleranceHours, "hours", Bounds("hours", 0, 720, lowerOpen: true), 8...48, nil,
      "Email timeliness = e^{−response/tolerance}."),
    w("compensation_half_saturation", \.compensationHalfSaturation, "dollars", Bounds("dollars", 0, 10_000, lowerOpen: true), 5...25, gelbrich,
      "Compensation that scores ½ (score c/(c + this))."),
    w("compensation_repurchase_gain", \.compensationRepurchaseGain, "share", unit, 0.1...0.5, basis(gelbrich),
      "After a resolved complaint, compensation with score k raises repurchase r to r + (1 − r)·gain·k (recovery satisfaction drives repurchase)."),
    w("csat_cut", \.csatCut, "latent satisfaction", level, 0.33...0.43, nil, "Latent satisfaction above which a CSAT answer is 4–5 of 5."),
    w("promoter_cut", \.promoterCut, "latent satisfaction", level, 0.55...0.65, nil, "Latent attitude above which an NPS answer is 9–10."),
    w("detractor_cut", \.detractorCut, "latent satisfaction", level, 0.37...0.47, nil, "Latent attitude below which an NPS answer is 0–6."),
    w("survey_spread", \.surveySpread, "latent satisfaction", Bounds("a spread", 0, 1, lowerOpen: true), 0.03...0.08, nil, "Spread of the logistic survey links."),
    w("acsi_offset", \.acsiOffset, "latent satisfaction", Bounds("an offset", -1, 1), 0.17...0.27, "ACSI national ≈ 77, typical companies ≈ 72 (facts §1a); offset an assumption",
      "ACSI-like index = 100·mean min(1, attitude + offset)."),
    // Churn and acquisition
    w("churn_attitude_slope", \.churnAttitudeSlope, "per unit of loyalty", Bounds("a slope", 0, 50), 2...8, "Bolton 1998: satisfaction lengthens relationships (facts §5); magnitude an assumption",
      "Hazard multiplies by e^{slope·(pivot − loyalty)}."),
    w("churn_attitude_pivot", \.churnAttitudePivot, "loyalty", level, 0.5...0.7, nil, "Loyalty at which the attitude term of the hazard is 1."),
    w("top_box_hazard_factor", \.topBoxHazardFactor, "multiplier", Bounds("a factor", 0, 1), 0.1667...0.5, jonesSasser, "Hazard multiplier for top-box (delighted) customers."),
    w("top_box_threshold", \.topBoxThreshold, "loyalty", level, 0.75...0.85, nil, "Loyalty from which a customer is top-box (and promotes)."),
    w("price_churn_slope", \.priceChurnSlope, "per unit of relative price", Bounds("a slope", 0, 20), 2.0...4.0,
      basis("calibrated so that the market price maximizes good-enough's customer equity in the competitive market (with the 156-week equity horizon), as the Lerner condition at a 45% margin implies for a typical firm; the slope is not itself an elasticity (it acts on churn and on acquisition at fixed marketing spend), so the meta-analytic elasticities −1.76 and −2.62 (facts §6) only motivate the range"),
      "Hazard multiplies by e^{price weight·ψ·slope·(price − 1)}; acquisition by its inverse."),
    w("max_price_attraction", \.maxPriceAttraction, "× baseline inflow", Bounds("a multiple", 1, 100), 1.5...10, nil,
      "A price cut can multiply the baseline inflow of new customers at most this much (a finite pool of prospects)."),
    w("competitor_pull", \.competitorPull, "per unit of competitor service", Bounds("a slope", 0, 20), 0.75...3, nil,
      "Hazard multiplies by e^{pull·(competitor service − pivot)}."),
    w("competitor_pivot", \.competitorPivot, "service level", level, 0.55...0.65, nil, "Competitor service at which competitors neither pull nor push."),
    tarp("small", "silent", \.tarpRepurchaseSmall[0], 0.3...0.45), tarp("small", "unresolved", \.tarpRepurchaseSmall[1], 0.38...0.55),
    tarp("small", "resolved", \.tarpRepurchaseSmall[2], 0.6...0.8), tarp("small", "resolved_quickly", \.tarpRepurchaseSmall[3], 0.88...0.98),
    tarp("large", "silent", \.tarpRepurchaseLarge[0], 0.05...0.15), tarp("large", "unresolved", \.tarpRepurchaseLarge[1], 0.12...0.28),
    tarp("large", "resolved", \.tarpRepurchaseLarge[2], 0.45...0.65), tarp("large", "resolved_quickly", \.tarpRepurchaseLarge[3], 0.72...0.9),
    w("intention_to_behaviour", \.intentionToBehaviour, "share", unit, 0.2...0.65, basis(mittal),
      "Share of stated non-repurchase after a problem that turns into leaving where switching is free (× (1 − switching cost) in a market); 0.43 keeps the competitive market's effective 0.3."),
    w("reporting_threshold_seconds", \.reportingThresholdSeconds, "seconds", Bounds("seconds", 0, 86_400), nil, "facts §1c: 80/20 is the industry convention",
      "Service-level threshold used for reporting, whatever a strategy staffs to (a convention)."),
    w("negative_tells", \.negativeTells, "people", Bounds("people", 0, 100), 5...20, tarpWOM + "; facts §2a also quotes 'twice as often' and '1 in 5 tells 20'", "People a dissatisfied customer tells."),
    w("positive_tells", \.positiveTells, "people", Bounds("people", 0, 100), 2...8, tarpWOM, "People a satisfied complainant tells."),
    w("negative_tell_below", \.negativeTellBelow, "satisfaction", level, 0.2...0.4, nil, "Satisfaction below which an experience is told as bad."),
    w("positive_tell_from", \.positiveTellFrom, "satisfaction", level, 0.5...0.7, nil, "Satisfaction from which a complainant tells a good story."),
    w("promoter_weekly_tells", \.promoterWeeklyTells, "tells per week", Bounds("tells per week", 0, 10), 0.02...0.1, nil, "Recommendations per week by a top-box customer."),
    w("referral_conversion", \.referralConversion, "customers per tell", probability, 0.005...0.02, nil, "New customers won per positive tell."),
    w("deterrence", \.deterrence, "customers per tell", probability, 0.002...0.008, "facts §2b: listener deterrence unverified (a trade blog uses 25%); level an assumption",
      "Prospects deterred per negative tell."),
    // Economics
    w("gross_margin", \.grossMargin, "share of revenue", unit, 0.3...0.6, basis(lerner), "Contribution margin on revenue at list price."),
    w("agent_weekly_cost", \.agentWeeklyCost, "$ per FTE-week", Bounds("dollars", 0, 100_000), 800...1300, "consistent with ContactBabel's $5–8 per inbound call (facts §1c)",
      "Loaded agent cost per FTE-week (≈ $52k a year)."),
    w("hours_per_fte", \.hoursPerFTE, "hours per week", Bounds("hours", 1, 168), 35...45, nil, "Paid hours per FTE-week."),
    w("hiring_cost", \.hiringCost, "$ per hire", Bounds("dollars", 0, 1_000_000), 2000...8000, nil, "Hiring and initial training cost per new agent."),
    w("self_service_cost", \.selfServiceCost, "$ per session", Bounds("dollars", 0, 1000), 0.05...0.5, gartner, "Cost per self-service session."),
    w("proactive_notice_cost", \.proactiveNoticeCost, "$ per notice", Bounds("dollars", 0, 1000), 0.1...1, nil, "Cost per proactive notice."),
    w("knowledge_base_cost_per_customer_year", \.knowledgeBaseCostPerCustomerYear, "$ per customer-year", Bounds("dollars", 0, 10_000), 2...15, nil,
      "Knowledge base and self-service technology at full investment."),
    w("proactive_cost_per_customer_year", \.proactiveCostPerCustomerYear, "$ per customer-year", Bounds("dollars", 0, 10_000), 0.25...4, nil,
      "The proactive-notice programme at full coverage, besides each notice sent."),
    w("solicitation_cost_per_customer_year", \.solicitationCostPerCustomerYear, "$ per customer-year", Bounds("dollars", 0, 10_000), 0.5...6, nil,
      "The complaint-solicitation programme at full solicitation (surveys, follow-up, complaint routes), besides handling the complaints it brings."),
    w("training_cost_per_hour", \.trainingCostPerHour, "$ per agent training hour", Bounds("dollars", 0, 10_000), 20...60,
      "ATD State of the Industry 2019: $1,299 direct learning expenditure and 34 formal learning hours per employee in 2018 (≈ $38 an hour); smaller firms spend more per employee",
      "Direct cost of an hour of agent training (trainers, content, delivery), besides the agent's paid time off the floor."),
    w("knowledge_base_saturation", \.knowledgeBaseSaturation, "investment level", Bounds("a level", 0, 10, lowerOpen: true), 0.15...1,
      basis("Rust, Zahorik & Keiningham 1995: returns on quality investments diminish (facts §6)"),
      "Effective knowledge base = (1 − e^{−KB/s})/(1 − e^{−1/s}): diminishing returns to investment."),
    w("proactive_saturation", \.proactiveSaturation, "coverage level", Bounds("a level", 0, 10, lowerOpen: true), 0.15...1, nil,
      "Known failures announced = known share × (1 − e^{−p/s})/(1 − e^{−1/s}): the first notices cover the big outages."),
    w("acquisition_cost", \.acquisitionCost, "$ per customer", Bounds("dollars", 0, 100_000), 75...300, acquisition5x, "Marketing cost of one new customer."),
    w("equity_horizon_weeks", \.equityHorizonWeeks, "weeks", Bounds("weeks", 0, 5200), 52...520,
      basis("Gupta, Lehmann & Stuart 2004 value customers to perpetuity; a finite horizon keeps one quarter's retention from being extrapolated that far"),
      "Customer equity values the customers kept at the horizon over this many further weeks: a convention of the metric, which the [uncertainty] wildcards hold fixed."),
    w("annual_discount_rate", \.annualDiscountRate, "per year", Bounds("a rate", 0, 1), 0.05...0.12, nil, "Annual discount rate for NPV."),
  ]

  static func tarp(_ size: String, _ outcome: String, _ kp: any WritableKeyPath<World, Double> & Sendable, _ plausible: ClosedRange<Double>) -> P {
    w("tarp_repurchase_\(size)_\(outcome)", kp, "probability", probability, plausible, tarp,
      "Repurchase rate after a \(size == "small" ? "small (loss < $5)" : "large (> $100)") problem ending \(outcome.replacingUnderscores).")
  }

  /// `population.*`: the shapes of the customers' attribute distributions.
  public static let population: [Parameter<World>] = {
    func h(_ name: String, _ kp: any WritableKeyPath<Heterogeneity, Double> & Sendable, _ unit: String, _ b: Bounds,
           _ plausible: ClosedRange<Double>, _ meaning: String) -> P {
      Parameter(section: "population", name: name, kind: .number, unit: unit, meaning: meaning, bounds: b, plausible: plausible, source: nil,
                get: { .number($0.heterogeneity[keyPath: kp]) }, set: { if case let .number(x) = $1 { $0.heterogeneity[keyPath: kp] = x } })
    }
    let shape = Bounds("a shape", 0, 100, lowerOpen: true)
    return [
      h("expectation_concentration", \.expectationConcentration, "Beta concentration", Bounds("a concentration", 0, 1000, lowerOpen: true), 10...40,
        "Expectations ~ Beta(c·m, c·(1 − m)) around the segment mean m."),
      h("revenue_log_variance", \.revenueLogVariance, "log-variance", Bounds("a variance", 0, 5, lowerOpen: true), round4(log1p(0.16))...round4(log1p(1.0)),
        "Variance of log revenue, log(1 + CV²) (default CV 0.6; range CV 0.4–1)."),
      h("price_sensitivity_shape", \.priceSensitivityShape, "Gamma shape", shape, 2...8, "Price sensitivity ~ Gamma(k, mean/k)."),
      h("complaint_concentration", \.complaintConcentration, "Beta concentration", Bounds("a concentration", 0, 1000, lowerOpen: true), 5...20,
        "Complaint propensity ~ Beta(c·m, c·(1 − m))."),
      h("word_of_mouth_shape", \.wordOfMouthShape, "Gamma shape", shape, 1...4, "Word-of-mouth propensity ~ Gamma(k, mean/k)."),
      h("churn_hazard_shape", \.churnHazardShape, "Gamma shape", shape, 2...8, "Base churn hazard ~ Gamma(k, mean/k)."),
      h("problem_propensity_shape", \.problemPropensityShape, "Gamma shape", shape, 1.5...6, "Problem propensity ~ Gamma(k, 1/k) (mean 1)."),
      h("patience_log_variance", \.patienceLogVariance, "log-variance", Bounds("a variance", 0, 5, lowerOpen: true), round4(log1p(0.25))...round4(log1p(1.44)),
        "Variance of log patience, log(1 + CV²) (default CV 0.8; range CV 0.5–1.2)."),
      h("initial_attitude_spread", \.initialAttitudeSpread, "latent satisfaction", Bounds("a spread", 0, 0.5), 0.02...0.1,
        "Standard deviation of a new customer's attitude around its product steady state."),
    ]
  }()

  /// `segment.NAME.*`: each segment's attribute means. Plausible ranges are the default ± a
  /// margin per attribute.
  public static let segments: [Parameter<World>] = {
    struct Field: Sendable {
      let name: String, kp: any WritableKeyPath<SegmentProfile, Double> & Sendable, unit: String, bounds: Bounds
      let plausible: @Sendable (Double) -> ClosedRange<Double>, source: String?, meaning: String
    }
    func relative(_ a: Double, _ b: Double) -> @Sendable (Double) -> ClosedRange<Double> { { round4($0 * a)...round4($0 * b) } }
    func absolute(_ d: Double) -> @Sendable (Double) -> ClosedRange<Double> { { round4(max(0.01, $0 - d))...round4(min(0.99, $0 + d)) } }
    let fields = [
      Field(name: "expectation", kp: \.expectation, unit: "performance scale", bounds: Bounds("a level", 0, 1, lowerOpen: true, upperOpen: true),
            plausible: absolute(0.07), source: nil, meaning: "mean expected service quality on the 0–1 performance scale"),
      Field(name: "weekly_revenue", kp: \.weeklyRevenue, unit: "$ per week", bounds: Bounds("dollars", 0, 100_000, lowerOpen: true),
            plausible: relative(0.75, 1.25), source: nil, meaning: "mean revenue per week"),
      Field(name: "price_sensitivity", kp: \.priceSensitivity, unit: "multiplier", bounds: Bounds("a sensitivity", 0, 100, lowerOpen: true),
            plausible: relative(0.5, 1.5), source: nil, meaning: "mean churn and acquisition response to relative price"),
      Field(name: "complaint_propensity", kp: \.complaintPropensity, unit: "propensity", bounds: Bounds("a propensity", 0, 1, lowerOpen: true, upperOpen: true),
            plausible: absolute(0.1), source: goodmanQP, meaning: "mean propensity to complain about a problem"),
      Field(name: "word_of_mouth", kp: \.wordOfMouth, unit: "multiplier", bounds: Bounds("a multiplier", 0, 100, lowerOpen: true),
            plausible: relative(0.75, 1.25), source: nil, meaning: "mean multiplier on the TARP tell counts"),
      Field(name: "weekly_churn_hazard", kp: \.weeklyChurnHazard, unit: "per week", bounds: Bounds("a hazard per week", 0, 1, lowerOpen: true),
            plausible: relative(0.75, 1.25), source: "calibrated to industry churn (docs/MODEL.md §4); an assumption", meaning: "mean base weekly churn hazard"),
      Field(name: "patience_seconds", kp: \.patienceSeconds, unit: "seconds", bounds: Bounds("seconds", 0, 86_400, lowerOpen: true),
            plausible: relative(0.6, 1.5), source: nil, meaning: "mean wait tolerated before timeliness feels poor"),
      Field(name: "self_service_affinity", kp: \.selfServiceAffinity, unit: "multiplier", bounds: Bounds("a multiplier", 0, 100),
            plausible: relative(0.5, 1.5), source: nil, meaning: "relative preference for self-service"),
      Field(name: "phone_affinity", kp: \.phoneAffinity, unit: "multiplier", bounds: Bounds("a multiplier", 0, 100),
            plausible: relative(0.75, 1.25), source: nil, meaning: "relative preference for the phone"),
    ]
    var out: [P] = []
    for seg in Segment.allCases {
      let k = seg.rawValue
      for f in fields {
        let kp = f.kp
        let (source, meaning) = honest(f.source, "The \(seg) segment's \(f.meaning); plausible range: the default ± a margin.")
        out.append(Parameter(section: "segment.\(seg)", name: f.name, kind: .number, unit: f.unit,
                             meaning: meaning, bounds: f.bounds,
                             plausible: f.plausible(seg.defaultProfile[keyPath: kp]), source: source,
                             get: { .number($0.segments[k][keyPath: kp]) },
                             set: { if case let .number(x) = $1 { $0.segments[k][keyPath: kp] = x } }))
      }
    }
    return out
  }()

  /// `controller.*`: the just-good-enough controller's policy (seed 000); policy constants of an
  /// imagined manager, so all assumptions.
  public static let controller: [Parameter<World>] = {
    func c(_ name: String, _ kp: any WritableKeyPath<ControllerPolicy, Double> & Sendable, _ unit: String, _ b: Bounds,
           _ plausible: ClosedRange<Double>, _ meaning: String) -> P {
      Parameter(section: "controller", name: name, kind: .number, unit: unit, meaning: meaning, bounds: b, plausible: plausible, source: nil,
                get: { .number($0.controller[keyPath: kp]) }, set: { if case let .number(x) = $1 { $0.controller[keyPath: kp] = x } })
    }
    return [
      c("churn_tolerance", \.churnTolerance, "× baseline churn", Bounds("a multiple", 1, 3), 1.05...1.2,
        "Step service down while quarterly churn ≤ this × the first quarter's (and acquisition holds); otherwise step up."),
      c("acquisition_tolerance", \.acquisitionTolerance, "× baseline acquisition", Bounds("a multiple", 0, 1), 0.8...0.95,
        "Step service down while quarterly acquisition ≥ this × the first quarter's (and churn holds); otherwise step up."),
      Parameter(section: "controller", name: "hold_quarters", kind: .integer, unit: "quarters", meaning: "Quarters to hold after a step up, so it can show in the KPIs.",
                bounds: Bounds("a whole number", 0, 40), plausible: 1...4, source: nil,
                get: { .number(Double($0.controller.holdQuarters)) },
                set: { if case let .number(x) = $1, x.isFinite, abs(x) < 1e9 { $0.controller.holdQuarters = Int(x) } }),
      c("service_level_step", \.serviceLevelStep, "service level", Bounds("a share", 0, 0.5), 0.05...0.15, "Service-level target cut per step."),
      c("service_level_floor", \.serviceLevelFloor, "service level", Bounds("a share", 0, 1, lowerOpen: true, upperOpen: true), 0.2...0.5,
        "The controller never cuts the service-level target below this."),
      c("service_level_ceiling", \.serviceLevelCeiling, "service level", Bounds("a share", 0, 1, lowerOpen: true, upperOpen: true), 0.9...0.99,
        "The controller never raises the service-level target above this."),
      c("training_cut_factor", \.trainingCutFactor, "multiplier", Bounds("a multiplier", 0, 1, lowerOpen: true), 0.5...0.9, "Training hours × this per step."),
      c("occupancy_step", \.occupancyStep, "occupancy", Bounds("a share", 0, 0.3), 0.01...0.05, "Occupancy cap raised per step."),
      c("occupancy_ceiling", \.occupancyCeiling, "occupancy", Bounds("a share", 0.3, 0.99, lowerOpen: true), 0.9...0.97, "The controller never raises the cap above this."),
      c("price_step", \.priceStep, "× market price", Bounds("a step", 0, 0.5, lowerOpen: true), 0.01...0.05, "The price-hunter moves its price by this much a quarter."),
      c("price_floor", \.priceFloor, "× market price", Bounds("a multiple of the market price", 0.2, 5, lowerOpen: true), 0.7...0.95, "The price-hunter never prices below this."),
      c("price_ceiling", \.priceCeiling, "× market price", Bounds("a multiple of the market price", 0.2, 5, lowerOpen: true), 1.1...1.5, "The price-hunter never prices above this."),
      c("occupancy_floor", \.occupancyFloor, "occupancy", Bounds("a share", 0.3, 0.99, lowerOpen: true), 0.6...0.8, "The controller never lowers the cap below this."),
      c("knowledge_base_cut_factor", \.knowledgeBaseCutFactor, "multiplier", Bounds("a multiplier", 0, 1, lowerOpen: true), 0.7...0.95, "Knowledge base × this per step."),
      c("proactive_cut_factor", \.proactiveCutFactor, "multiplier", Bounds("a multiplier", 0, 1, lowerOpen: true), 0.6...0.95, "Proactive notices × this per step."),
      c("compensation_cut_factor", \.compensationCutFactor, "multiplier", Bounds("a multiplier", 0, 1, lowerOpen: true), 0.5...0.9, "Recovery compensation × this per step."),
    ]
  }()

  /// `scorecard.*`: when each Win4 party (seed 004) wins.
  public static let scorecard: [Parameter<World>] = {
    func s(_ name: String, _ kp: any WritableKeyPath<Scorecard, Double> & Sendable, _ unit: String, _ b: Bounds,
           _ plausible: ClosedRange<Double>, _ source: String?, _ meaning: String) -> P {
      Parameter(section: "scorecard", name: name, kind: .number, unit: unit, meaning: meaning, bounds: b, plausible: plausible, source: source,
                get: { .number($0.scorecard[keyPath: kp]) }, set: { if case let .number(x) = $1 { $0.scorecard[keyPath: kp] = x } })
    }
    return [
      s("customers_csat", \.customersCSAT, "CSAT share", unit, 0.77...0.85, csatTypical, "Customers win at CSAT at or above the typical industry level."),
      s("employees_burnout", \.employeesBurnout, "burnout", level, 0.35...0.55, nil, "Employees win at mean burnout at or below this (and attrition)."),
      s("employees_attrition", \.employeesAttrition, "per year", Bounds("a rate per year", 0, 5), 0.3...0.45,
        "SQM: 38% average agent attrition a year; QATC 30–45% (facts §1c)", "Employees win at attrition at or below the industry average (and burnout)."),
      s("company_growth", \.companyGrowth, "× starting customers", Bounds("a multiple", 0, 10), 0.95...1.05, nil, "The company wins when it ends with at least this multiple of its starting customers."),
      s("owners_margin_share", \.ownersMarginShare, "share of gross margin", Bounds("a share", 0, 1), 0.6...0.8, nil,
        "Owners win when the profit margin keeps at least this share of the gross margin (after service and marketing)."),
    ]
  }()

  /// `industry.*`: how customers choose among the firms of an industry (`ChoiceModel`); they act
  /// only in an experiment with an `[industry]` table.
  public static let industry: [Parameter<World>] = {
    func c(_ name: String, _ kp: any WritableKeyPath<ChoiceModel, Double> & Sendable, _ unit: String, _ b: Bounds,
           _ plausible: ClosedRange<Double>, _ source: String?, _ meaning: String) -> P {
      let (source, meaning) = honest(source, meaning)
      return Parameter(section: "industry", name: name, kind: .number, unit: unit, meaning: meaning, bounds: b, plausible: plausible, source: source,
                       get: { .number($0.choice[keyPath: kp]) }, set: { if case let .number(x) = $1 { $0.choice[keyPath: kp] = x } })
    }
    return [
      c("attitude_weight", \.attitudeWeight, "utility per unit of attitude", Bounds("a weight", 0, 100), 3...20,
        basis("Anderson, Fornell & Lehmann 1994 and Rust & Zahorik 1993: satisfaction raises retention and market share; the weight is an assumption"),
        "Choice utility of a firm's satisfaction reputation (its customers' mean attitude, 0–1): 0.1 more attitude multiplies its odds by e^{0.1·w}."),
      c("word_of_mouth_weight", \.wordOfMouthWeight, "utility per net tell per customer-year", Bounds("a weight", 0, 100), 0...2,
        basis("TARP: word of mouth wins and deters customers (facts §2a)"),
        "Choice utility of a firm's word of mouth: net tells (positive − negative) per customer-year, as a running mean."),
      c("reputation_memory_weeks", \.reputationMemoryWeeks, "weeks", Bounds("weeks", 1, 5200), 8...104, nil,
        "Weeks over which a firm's reputation forms: each week moves it 1/memory of the way to the week's signal."),
      c("switch_share", \.switchShare, "share of leavers", unit, 0.3...0.9, nil,
        "Share of customers leaving a firm who shop for another firm of the industry; the rest leave the category."),
      c("outside_share", \.outsideShare, "share of shoppers", Bounds("a share", 0, 1, upperOpen: true), 0.05...0.5, nil,
        "Share of shoppers (newcomers, and switchers when the outside option is on) who buy from no firm of the industry when every firm is average."),
    ]
  }()

  /// Every parameter of `World`, in table order: world, population, segments, controller, scorecard, industry.
  public static let all: [Parameter<World>] = world + population + segments + controller + scorecard + industry

  /// The sections a `World` parameter may live in, as experiment-file tables.
  public static let sections = ["world", "population", "controller", "scorecard", "industry"] + Segment.allCases.map { "segment.\($0)" }
}

/// Four significant digits: plausible ranges are judgements, not measurements.
func round4(_ x: Double) -> Double {
  guard x != 0, x.isFinite else { return x }
  let scale = pow(10, 3 - floor(log10(abs(x))))
  return Double("\((x * scale).rounded() / scale)")!
}

extension String {
  var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

extension World {
  /// Throws the first value outside its allowed range, naming its key.
  public func validate() throws(ModelError) {
    for p in WorldParameters.all { try p.check(self, prefix: p.section) }
    func order(_ low: Double, _ lowKey: String, _ high: Double, _ highKey: String) throws(ModelError) {
      if low > high { throw ModelError(key: lowKey, value: formatParameterNumber(low), allowed: "at most \(highKey) (\(formatParameterNumber(high)))") }
    }
    try order(fcrFloor, "world.fcr_floor", fcrCeiling, "world.fcr_ceiling")
    try order(detractorCut, "world.detractor_cut", promoterCut, "world.promoter_cut")
    try order(negativeTellBelow, "world.negative_tell_below", positiveTellFrom, "world.positive_tell_from")
    if !(productProblemShare + employeeProblemShare + customerProblemShare > 0) {
      throw ModelError(key: "world.product_problem_share", value: "0", allowed: "problem shares with a positive sum")
    }
    if !(weightTimeliness + weightResolution + weightCourtesy + weightEffort + weightCompensation > 0) {
      throw ModelError(key: "world.weight_resolution", value: "0", allowed: "experience weights with a positive sum")
    }
  }
}
