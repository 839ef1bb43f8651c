#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The assumptions of the service world: how problems arise, how customers complain, judge, stay
/// and talk, how agents work and tire, what everything costs, who the customers are, how the
/// just-good-enough controller behaves and when a Win4 party wins.
///
/// This struct holds the values (the defaults below); `WorldParameters` is the one table that
/// names each of them with its key, unit, allowed values, plausible range and source, and from
/// which validation, `--set`, sweeps, `sweetspot keys` and the parameter tables of docs/MODEL.md
/// are derived. Mechanism functions read every behavioural constant from here: the only numeric
/// literals left in them are unit conversions, the 0 and 1 ends of the model's 0–1 scales, and
/// numerical guards (documented in docs/design.md).
public struct World: Sendable, Equatable {
  // MARK: Problems (Goodman / TARP)
  public var weeklyProblemRate = 0.013
  public var productProblemShare = 0.6
  public var employeeProblemShare = 0.2
  public var customerProblemShare = 0.2
  /// Problems per unit of burnout on the employee-caused share: (1 + slope·B).
  public var employeeProblemBurnoutSlope = 1.0
  /// Share of employee-caused problems full training removes: (1 − k·T).
  public var trainingProblemReduction = 0.4
  /// Share of customer-caused problems full customer education removes: (1 − k·Ed).
  public var educationProblemReduction = 0.4
  /// Customer education Ed = a·knowledge base + b·proactive.
  public var educationKnowledgeBaseWeight = 0.5
  public var educationProactiveWeight = 0.5
  public var knownProcessShare = 0.3
  public var rootCauseMaxReduction = 0.6
  public var rootCauseSpendScale = 6.0
  public var rootCauseLagWeeks = 26.0
  /// Time constant over which fixed problem sources come back as new products and processes
  /// bring new defects (the depreciation of the root-cause stock).
  public var rootCauseDecayWeeks = 104.0
  /// Root-cause spend is effective in proportion to (base + complaint capture): complaints tell
  /// root-cause work where to look. Capture starts at `initialComplaintCapture`.
  public var rootCauseInsightBase = 0.5
  public var initialComplaintCapture = 0.5
  /// Product quality gained per unit of root-cause effect.
  public var rootCauseQualityGain = 0.15
  public var weeklyInquiryRate = 0.04
  /// Size of a routine inquiry on the 0–1 problem-size scale.
  public var inquirySize = 0.1
  public var meanProblemSize = 0.3

  // MARK: Complaints and channels
  /// P(complain) = min(ceiling, κ·(base + slope·size)·access·solicit).
  public var complaintCeiling = 0.95
  public var complaintSizeBase = 0.6
  public var complaintSizeSlope = 1.2
  /// Access = base + gain·(channels offered ÷ 4).
  public var complaintAccessBase = 0.6
  public var complaintAccessGain = 0.4
  /// Solicit = 1 + gain·(effective solicitation), with diminishing returns (`Problems.solicitation`).
  public var solicitationComplaintGain = 0.6
  /// Saturation of complaint solicitation's effect: the first invitations surface the most.
  public var solicitationSaturation = 0.4
  public var preferSelfService = 0.12
  public var preferChat = 0.17
  public var preferEmail = 0.15
  public var preferPhone = 0.44
  /// Self-service's channel weight is scaled by (base + knowledge base).
  public var selfServiceAppealBase = 0.5
  public var selfServiceBaseResolution = 0.09
  public var selfServiceKnowledgeGain = 0.5
  public var selfServiceCeiling = 0.95
  public var retryProbability = 0.7
  public var abandonRetryProbability = 0.5
  public var maxAttempts = 3

  // MARK: Contact centre
  public var daysPerWeek = 5.0
  public var intradayShape: [Double] = [0.55, 0.85, 1.15, 1.3, 1.2, 1.0, 0.95, 1.1, 1.2, 1.05, 0.9, 0.75]
  public var phoneHandleMinutes = 6.5
  /// Phone AHT multipliers: (kbBase − kbSaving·KB), (1 + burnout·B), (skillBase − skillSaving·skill).
  public var ahtKnowledgeBaseBase = 1.1
  public var ahtKnowledgeBaseSaving = 0.15
  public var ahtBurnoutSlope = 0.25
  public var ahtSkillBase = 1.15
  public var ahtSkillSaving = 0.15
  /// Share of handle time full perfection pressure saves (strict targets and monitoring make
  /// agents faster): every channel's handle time × (1 − saving·pressure).
  public var pressureHandleTimeSaving = 0.1
  /// Pressure's productivity saturates: the saving reaches 1 − e^{−p/s} of its full value,
  /// normalized to full at p = 1 (the first targets and monitoring do most).
  public var pressureSaturation = 0.3
  public var chatHandleMinutes = 12.0
  public var chatConcurrency = 2.0
  public var emailHandleMinutes = 8.0
  /// Email response time = base hours × (1 + u/(1 − u)), u = min(ceiling, occupancy cap).
  public var emailResponseBaseHours = 8.0
  public var emailUtilizationCeiling = 0.97
  public var phonePatienceSeconds = 180.0
  public var chatPatienceSeconds = 300.0
  public var shrinkage = 0.3

  // MARK: Agents: skill, courtesy, first-contact resolution
  /// Training effect T = 1 − e^{−hours/saturation}.
  public var trainingSaturationHours = 1.5
  /// Skill = (base + gain·T)·(1 − gap·e^{−tenure/ramp}).
  public var skillBase = 0.6
  public var skillTrainingGain = 0.4
  public var newHireSkillGap = 0.5
  public var skillRampWeeks = 12.0
  public var initialTenureWeeks = 52.0
  /// Courtesy = base + training·T + skill·skill − burnout·B, clamped to [0, 1].
  public var courtesyBase = 0.55
  public var courtesyTrainingGain = 0.3
  public var courtesySkillGain = 0.1
  public var courtesyBurnoutLoss = 0.45
  /// Phone FCR = base + skill·skill + kb·KB − burnout·B + care·(care time − 1), in [floor, ceiling].
  public var fcrBase = 0.54
  public var fcrSkillGain = 0.25
  public var fcrKnowledgeBaseGain = 0.15
  public var fcrBurnoutLoss = 0.3
  public var fcrCareTimeGain = 0.2
  public var fcrFloor = 0.05
  public var fcrCeiling = 0.98
  /// FCR gaps of chat and email below the phone.
  public var fcrChatGap = 0.05
  public var fcrEmailGap = 0.10

  // MARK: Employees (Win4)
  public var baseAnnualAttrition = 0.20
  public var burnoutAttritionSlope = 2.0
  public var burnoutBase = 0.2
  public var burnoutOccupancySlope = 1.5
  /// Occupancy above which agents tire.
  public var burnoutOccupancyKnee = 0.7
  public var burnoutPressureWeight = 0.4
  /// Burnout from pressure grows as weight·pressure^exponent: realistic targets cost little,
  /// perfection standards a lot (seeds 001, 004).
  public var burnoutPressureExponent = 2.0
  public var burnoutTrainingRelief = 0.1
  public var burnoutAdjustRate = 0.1

  // MARK: Satisfaction (Oliver 1980; Anderson & Sullivan 1993; Bolton 1998)
  public var weightTimeliness = 0.2
  public var weightResolution = 0.35
  public var weightCourtesy = 0.2
  public var weightEffort = 0.15
  public var weightCompensation = 0.1
  public var gainSlope = 0.6
  public var lossSlope = 1.2
  public var problemWeight = 0.35
  /// An experience's weight is problemWeight·(floor + size): even a small problem counts.
  public var problemWeightFloor = 0.3
  /// Weight multipliers: an inquiry, a proactive notice, an unresolved contact.
  public var inquiryWeightFactor = 0.3
  public var noticeWeightFactor = 0.5
  public var unresolvedWeightFactor = 0.6
  public var weeklyDriftWeight = 0.02
  public var serviceRecoveryParadox = false
  /// Experience scores of outcomes with no live contact (0–1 per dimension).
  public var noticeResolution = 0.8
  public var noticeCourtesy = 0.8
  public var silentTimeliness = 0.5
  public var silentCourtesy = 0.5
  public var silentEffort = 0.5
  public var selfServiceCourtesy = 0.7
  public var selfServiceEffort = 0.9
  public var strandedTimeliness = 0.5
  public var strandedCourtesy = 0.5
  public var strandedEffort = 0.2
  public var abandonedCourtesy = 0.5
  public var abandonedEffort = 0.3
  /// Effort = max(floor, 1 − perRetry·(attempt − 1) − escalation).
  public var effortPerRetry = 0.25
  public var effortEscalation = 0.2
  public var effortFloor = 0.1
  /// Email timeliness = e^{−response/tolerance}.
  public var emailToleranceHours = 24.0
  /// Compensation score c/(c + half-saturation).
  public var compensationHalfSaturation = 10.0
  /// Share of the remaining non-repurchase a fully satisfying compensation recovers after a
  /// resolved complaint: r' = r + (1 − r)·gain·score.
  public var compensationRepurchaseGain = 0.3
  public var csatCut = 0.38, promoterCut = 0.6, detractorCut = 0.42, surveySpread = 0.05
  /// ACSI-like index = 100·mean min(1, attitude + offset).
  public var acsiOffset = 0.22

  // MARK: Churn and acquisition
  public var churnAttitudeSlope = 4.0
  /// Loyalty at which the attitude term of the hazard is 1.
  public var churnAttitudePivot = 0.6
  public var topBoxHazardFactor = 1.0 / 3.0
  public var topBoxThreshold = 0.8
  public var priceChurnSlope = 3.0
  /// A price cut can multiply the baseline inflow of new customers at most this much: the pool
  /// of prospects a week is finite.
  public var maxPriceAttraction = 3.0
  /// Competitors' pull on the hazard: e^{pull·(competitor service − pivot)}.
  public var competitorPull = 1.5
  public var competitorPivot = 0.6
  /// TARP repurchase rates by outcome (no complaint, unresolved, resolved, resolved quickly),
  /// for small and large problems.
  public var tarpRepurchaseSmall = [0.37, 0.46, 0.70, 0.95]
  public var tarpRepurchaseLarge = [0.09, 0.19, 0.54, 0.82]
  public var intentionToBehaviour = 0.43
  public var reportingThresholdSeconds = 20.0
  public var negativeTells = 9.5
  public var positiveTells = 4.5
  /// Satisfaction below which an experience is told as bad, and at or above which a
  /// complainant tells it as good.
  public var negativeTellBelow = 0.3
  public var positiveTellFrom = 0.6
  public var promoterWeeklyTells = 0.05
  public var referralConversion = 0.01
  public var deterrence = 0.004

  // MARK: Economics (dollars)
  public var grossMargin = 0.45
  public var agentWeeklyCost = 1000.0
  public var hoursPerFTE = 40.0
  public var hiringCost = 4000.0
  public var selfServiceCost = 0.10
  public var proactiveNoticeCost = 0.5
  public var knowledgeBaseCostPerCustomerYear = 8.0
  /// The proactive-notice programme (monitoring, messaging) at full coverage, dollars per
  /// customer-year, besides the cost of each notice.
  public var proactiveCostPerCustomerYear = 1.0
  /// The complaint-solicitation programme (feedback surveys, follow-up, easy complaint routes) at
  /// full solicitation, dollars per customer-year.
  public var solicitationCostPerCustomerYear = 2.0
  /// Direct cost of an hour of agent training (trainers, content, delivery), besides the agent's
  /// own paid time, dollars per training hour.
  public var trainingCostPerHour = 38.0
  /// Saturation of the knowledge base's and proactive programme's effects (see `Technology`).
  public var knowledgeBaseSaturation = 0.35
  public var proactiveSaturation = 0.4
  public var acquisitionCost = 150.0
  public var annualDiscountRate = 0.08
  /// Weeks beyond the horizon over which the customers kept are valued in customer equity.
  public var equityHorizonWeeks = 156.0

  // MARK: Customers
  /// Each segment's attribute means, indexed by `Segment.rawValue`.
  public var segments: [SegmentProfile] = Segment.allCases.map(\.defaultProfile)
  /// Shapes of the attribute distributions around the segment means.
  public var heterogeneity = Heterogeneity()

  // MARK: The just-good-enough controller, the Win4 scorecard and an industry's choice model
  public var controller = ControllerPolicy()
  public var scorecard = Scorecard()
  public var choice = ChoiceModel()

  public init() {}

  /// The weekly discount rate equivalent to `annualDiscountRate`: (1 + annual)^{1/52} − 1.
  public var weeklyDiscountRate: Double { pow(1 + annualDiscountRate, 1.0 / 52) - 1 }

  /// A segment's profile.
  @inline(__always)
  public func profile(_ s: Segment) -> SegmentProfile { segments[s.rawValue] }
}

/// How customers differ around their segment's means: the shapes of the population's
/// distributions (docs/MODEL.md, Population).
public struct Heterogeneity: Sendable, Equatable {
  /// Beta concentration of expectations (mean m: Beta(c·m, c·(1 − m))).
  public var expectationConcentration = 20.0
  /// Variance of log revenue, log(1 + CV²) (CV 0.6).
  public var revenueLogVariance = log1p(0.36)
  /// Gamma shapes of price sensitivity, word of mouth, base churn hazard and problem propensity.
  public var priceSensitivityShape = 4.0
  /// Beta concentration of complaint propensity.
  public var complaintConcentration = 10.0
  public var wordOfMouthShape = 2.0
  public var churnHazardShape = 4.0
  public var problemPropensityShape = 3.0
  /// Variance of log patience, log(1 + CV²) (CV 0.8).
  public var patienceLogVariance = log1p(0.64)
  /// Spread of a new customer's attitude around the level their product experience sustains.
  public var initialAttitudeSpread = 0.05

  public init() {}
}

/// The just-good-enough controller's policy (seed 000): each quarter, step service spend down a
/// notch while observed churn stays within `churnTolerance` × and acquisition within
/// `acquisitionTolerance` × the first quarter's; when either slips, step up a notch (beyond the
/// start if need be) and hold (see `ControllerState`).
public struct ControllerPolicy: Sendable, Equatable {
  public var churnTolerance = 1.10
  public var acquisitionTolerance = 0.90
  /// Quarters to hold after undoing a cut.
  public var holdQuarters = 2
  /// One cut: service-level target − step (not below the floor), training × factor, occupancy
  /// cap + step (not above the ceiling), knowledge base, proactive and compensation × factors.
  public var serviceLevelStep = 0.1
  public var serviceLevelFloor = 0.3
  /// Raising never goes above this service-level target or below this occupancy cap.
  public var serviceLevelCeiling = 0.95
  public var occupancyFloor = 0.7
  /// The price-hunter's step and the range it searches (relative to the market price).
  public var priceStep = 0.02
  public var priceFloor = 0.8
  public var priceCeiling = 1.3
  public var trainingCutFactor = 0.7
  public var occupancyStep = 0.03
  public var occupancyCeiling = 0.95
  public var knowledgeBaseCutFactor = 0.85
  public var proactiveCutFactor = 0.8
  public var compensationCutFactor = 0.7

  public init() {}
}

/// Thresholds at which a Win4 party (seed 004) wins, from external references where one exists
/// (typical industry CSAT and attrition, facts §1c), never from a strategy's own result.
public struct Scorecard: Sendable, Equatable {
  /// Customers win at CSAT (top-2-box share) at or above this.
  public var customersCSAT = 0.80
  /// Employees win at mean burnout and annual attrition at or below these.
  public var employeesBurnout = 0.45
  public var employeesAttrition = 0.38
  /// The company wins when its customer base ends at least this multiple of the start.
  public var companyGrowth = 1.0
  /// Owners win when the profit margin keeps at least this share of the gross margin (after
  /// service and marketing): a threshold that moves with the market's margin instead of being
  /// what one strategy earns.
  public var ownersMarginShare = 0.7
  /// The strict majority: a party wins a scenario when it wins in more than this share of trials.
  public static let majority = 0.5

  public init() {}
}

/// How customers choose among the firms of an industry (`Industry`): a multinomial logit over
/// the firms (and buying from none of them), on price and reputation. Every constant is an
/// assumption with a range (`industry.*` keys); the functional form is McFadden's (1974)
/// conditional logit as used for brand choice (Guadagni & Little 1983).
public struct ChoiceModel: Sendable, Equatable {
  /// Utility per unit of a firm's reputation for satisfaction: the running mean of its customers'
  /// attitude (0–1 scale) over `reputationMemoryWeeks`.
  public var attitudeWeight = 10.0
  /// Utility per net tell per customer-year of a firm's word of mouth (positive − negative tells
  /// per customer, as a running mean over `reputationMemoryWeeks`).
  public var wordOfMouthWeight = 0.5
  /// Weeks over which reputation forms: each week moves it 1/memory of the way to the week's signal.
  public var reputationMemoryWeeks = 26.0
  /// Share of the customers who leave a firm that shop for another firm of the industry; the
  /// rest leave the category (move, stop needing the product).
  public var switchShare = 0.6
  /// Share of shoppers who would buy from no firm of the industry were every firm average (the
  /// outside option's weight, kept whatever the number of firms).
  public var outsideShare = 0.2

  public init() {}
}
