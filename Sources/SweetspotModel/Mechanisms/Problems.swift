#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Problems and inquiries (Goodman; CCMC): how often customers have a problem, from which root
/// cause, how large it is, and whether they complain about it.
enum Problems {
  /// Root-cause work this week. The effect R is a stock: the share of product/process problem
  /// sources fixed. This week's spend fixes a share a of the sources still fixable,
  /// a = (1 − e^{−s·(base + capture)/scale})/lag, where complaint capture (complaints per problem
  /// last quarter) tells root-cause work where to look (Goodman's feedback loop); new products
  /// and processes bring new defects, so the stock depreciates by R/decay a week. A fixed defect
  /// stays fixed when spending stops: the stock decays over `root_cause_decay_weeks`, not at the
  /// pace of the spending. Parameters: `world.root_cause_max_reduction`,
  /// `world.root_cause_spend_scale`, `world.root_cause_lag_weeks`, `world.root_cause_insight_base`,
  /// `world.root_cause_decay_weeks`.
  @inline(__always)
  static func rootCauseEffect(from current: Double, spend: Double, complaintCapture: Double, _ w: World) -> Double {
    let effectiveSpend = spend * (w.rootCauseInsightBase + complaintCapture)
    let fixRate = -expm1(-effectiveSpend / w.rootCauseSpendScale) / w.rootCauseLagWeeks
    return current + (w.rootCauseMaxReduction - current) * fixRate - current / w.rootCauseDecayWeeks
  }

  /// Weekly problem probabilities by root cause (Goodman: ≈ 60% products, processes and
  /// marketing; ≈ 20% employees; 20–30% customers):
  /// product r·s_p·(1 − R), employee r·s_e·(1 + b·B)(1 − k_T·T), customer r·s_c·(1 − k_E·Ed),
  /// with customer education Ed = a·KB + b·proactive. Parameters: `world.weekly_problem_rate`,
  /// `world.*_problem_share`, `world.employee_problem_burnout_slope`,
  /// `world.training_problem_reduction`, `world.education_*`.
  @inline(__always)
  static func weeklyRates(rootCauseEffect r: Double, burnout b: Double, training t: Double, levers: Levers,
                          _ w: World) -> (product: Double, employee: Double, customer: Double) {
    let education = w.educationKnowledgeBaseWeight * Technology.knowledgeBase(levers, w) + w.educationProactiveWeight * Technology.proactiveCoverage(levers, w)
    let product = w.weeklyProblemRate * w.productProblemShare * (1 - r)
    let employee = w.weeklyProblemRate * w.employeeProblemShare * (1 + w.employeeProblemBurnoutSlope * b) * (1 - w.trainingProblemReduction * t)
    let customer = w.weeklyProblemRate * w.customerProblemShare * (1 - w.educationProblemReduction * education)
    return (product, employee, customer)
  }

  /// A customer's problem probability this week: the week's rate × their propensity. (The 0.9
  /// cap only keeps room for inquiries in the same uniform; it never binds at plausible rates.)
  @inline(__always)
  static func probability(rate: Double, propensity: Double) -> Double { min(0.9, rate * propensity) }

  /// Problem size on 0–1 from a uniform: exponential with mean `world.mean_problem_size`,
  /// clipped at 1 (≈ 19% of problems are "large", above ½).
  @inline(__always)
  static func size(uniform v: Double, _ w: World) -> Double { min(1, -w.meanProblemSize * log1p(-min(v, 0.999_999))) }

  /// How easy complaining is: base + gain·(channels offered ÷ 4). Parameters:
  /// `world.complaint_access_base`, `world.complaint_access_gain`.
  @inline(__always)
  static func complaintAccess(_ levers: Levers, _ w: World) -> Double {
    w.complaintAccessBase + w.complaintAccessGain * Double(levers.channelsOffered) / 4
  }

  /// How actively complaints are invited: 1 + gain·(1 − e^{−s/σ})/(1 − e^{−1/σ}) (seed 002), with
  /// diminishing returns: the first invitations surface the most silent problems. Its cost is a
  /// programme cost (`solicitation_cost_per_customer_year` × s) besides handling the complaints.
  /// Parameters: `world.solicitation_complaint_gain`, `world.solicitation_saturation`.
  @inline(__always)
  static func solicitation(_ levers: Levers, _ w: World) -> Double {
    1 + w.solicitationComplaintGain * Technology.saturating(levers.complaintSolicitation, w.solicitationSaturation)
  }

  /// P(complain) = min(ceiling, κ·(base + slope·size)·access·solicit): larger problems are
  /// complained about more often (Goodman & Newman 2003), ≈ 50% overall (Goodman, QP 2005).
  /// Parameters: `world.complaint_ceiling`, `world.complaint_size_base`, `world.complaint_size_slope`.
  @inline(__always)
  static func complaintProbability(propensity: Double, size: Double, access: Double, solicit: Double, _ w: World) -> Double {
    min(w.complaintCeiling, propensity * (w.complaintSizeBase + w.complaintSizeSlope * size) * access * solicit)
  }
}
