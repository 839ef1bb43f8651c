/// The constants of the service world: how problems arise, how customers complain, judge, stay
/// and talk, how agents work and tire, and what everything costs. Each is documented with its
/// source or marked as an assumption (docs/MODEL.md has the full table). Experiments may
/// override any of them.
public struct World: Sendable, Equatable {
  // MARK: Problems (Goodman / TARP)
  /// Weekly probability that a customer has a problem, before root-cause work: 0.013 gives
  /// ≈ 50% of customers a problem a year (CCMC/ASU National Customer Rage Study: 50% of
  /// households reported a problem, 2013).
  public var weeklyProblemRate = 0.013
  /// Root-cause shares (Goodman, Strategic Customer Service): products, processes and marketing
  /// ≈ 60%, employees ≈ 20%, customers' own errors and expectations 20–30% (we use 20%).
  public var productProblemShare = 0.6
  public var employeeProblemShare = 0.2
  public var customerProblemShare = 0.2
  /// Share of product/process problems that are known to the company in time to warn customers
  /// (outages, delays). Assumption.
  public var knownProcessShare = 0.3
  /// Largest reduction root-cause work can bring to product/process/marketing problems, and the
  /// spend (dollars per customer-year) that brings 63% of it. Assumptions.
  public var rootCauseMaxReduction = 0.6
  public var rootCauseSpendScale = 6.0
  /// Weeks for root-cause work to take effect (time constant of the lag). Assumption.
  public var rootCauseLagWeeks = 26.0
  /// Weekly probability of a routine inquiry (billing, how-to, account changes): ≈ 2 contacts
  /// per customer-year besides problems. Assumption.
  public var weeklyInquiryRate = 0.04
  /// Mean problem size on 0 … 1 (exponential, clipped): ≈ 19% of problems are "large" (> 0.5).
  public var meanProblemSize = 0.3

  // MARK: Complaints and channels
  /// Channel preference weights (Gartner 2019 customer service poll: phone 44%, chat 17%,
  /// email 15%, website/self-service 12%), renormalized over the channels offered.
  public var preferSelfService = 0.12
  public var preferChat = 0.17
  public var preferEmail = 0.15
  public var preferPhone = 0.44
  /// Self-service resolution with no knowledge base (Gartner 2019: only 9% fully resolve an
  /// issue in self-service) and the extra share a full knowledge base adds (assumption).
  public var selfServiceBaseResolution = 0.09
  public var selfServiceKnowledgeGain = 0.5
  /// Chance an unresolved or abandoned customer tries again next week; attempts at most.
  /// Assumptions.
  public var retryProbability = 0.7
  public var abandonRetryProbability = 0.5
  public var maxAttempts = 3

  // MARK: Contact centre
  /// Open hours per week (12 h × 5 days) and the intraday shape of arrivals (hourly weights,
  /// a typical two-peak service day; assumption).
  public var daysPerWeek = 5.0
  public var intradayShape: [Double] = [0.55, 0.85, 1.15, 1.3, 1.2, 1.0, 0.95, 1.1, 1.2, 1.05, 0.9, 0.75]
  /// Phone handle time, minutes: US service calls ≈ 6–7 min (ContactBabel 2014: 6:21 talk
  /// time; 2025: > 7 min). Chat and email handle times are assumptions.
  public var phoneHandleMinutes = 6.5
  public var chatHandleMinutes = 12.0
  public var chatConcurrency = 2.0
  public var emailHandleMinutes = 8.0
  /// Mean caller patience, seconds (assumption; 3 minutes), and chat patience.
  public var phonePatienceSeconds = 180.0
  public var chatPatienceSeconds = 300.0
  /// Shrinkage: paid time not available for contacts (pyworkforce's example uses 30%).
  public var shrinkage = 0.3

  // MARK: Employees (Win4)
  /// Agent attrition hazard per year at zero burnout, and how burnout multiplies it
  /// (exp(k·burnout)); calibrated so moderate burnout gives the 30–45% a year QATC reports.
  public var baseAnnualAttrition = 0.20
  public var burnoutAttritionSlope = 2.0
  /// Burnout target: base + slope × occupancy above 70% + pressure weight × pressure − training
  /// relief; burnout moves a tenth of the way to it each week. Assumptions.
  public var burnoutBase = 0.15
  public var burnoutOccupancySlope = 1.5
  public var burnoutPressureWeight = 0.4
  public var burnoutAdjustRate = 0.1
  /// Weeks for a new agent to reach full skill (time constant). Assumption.
  public var skillRampWeeks = 12.0

  // MARK: Satisfaction (Oliver 1980; Anderson & Sullivan 1993; Bolton 1998)
  /// Weights of the experience dimensions: timeliness, resolution, courtesy, effort,
  /// compensation (assumption; resolution dominates, SQM: +1 pt FCR ≈ +1 pt CSAT).
  public var weightTimeliness = 0.2
  public var weightResolution = 0.35
  public var weightCourtesy = 0.2
  public var weightEffort = 0.15
  public var weightCompensation = 0.1
  /// Disconfirmation slopes: exceeding expectations helps, missing them hurts twice as much
  /// (asymmetry: Anderson & Sullivan 1993; magnitude an assumption).
  public var gainSlope = 0.6
  public var lossSlope = 1.2
  /// Anchoring: weight of a problem experience in the cumulative attitude (scaled by problem
  /// size) and of an ordinary week's product experience (Bolton 1998's anchoring).
  public var problemWeight = 0.35
  public var weeklyDriftWeight = 0.02
  /// Product quality as customers experience it without problems (0–1). Assumption.
  public var productQuality = 0.62
  /// Service-recovery paradox: off by default, recovery raises satisfaction (CSAT, NPS) but not
  /// the loyalty that drives churn and word of mouth (de Matos, Henrique & Rossi 2007).
  public var serviceRecoveryParadox = false
  /// Logistic links from the 0–1 latent scale to survey answers: CSAT top-2-box above
  /// `csatCut`, NPS promoters above `promoterCut`, detractors below `detractorCut`, with the
  /// given spread. Assumptions set for one latent scale (facts §5).
  /// On the latent scale ½ means "exactly as expected": a 4 of 5 (satisfied) and a passive
  /// 7–8 on the NPS question, so CSAT's top-2-box starts a little below it and promoters need
  /// expectations exceeded.
  public var csatCut = 0.38, promoterCut = 0.6, detractorCut = 0.42, surveySpread = 0.05

  // MARK: Churn and acquisition
  /// Sensitivity of the churn hazard to attitude: h = h0·exp(γ(0.6 − attitude)). Assumption
  /// (direction: Bolton 1998).
  public var churnAttitudeSlope = 4.0
  /// Hazard multiplier for top-box (delighted) customers (Jones & Sasser 1995 report "totally
  /// satisfied" customers six times likelier to repurchase; we use a conservative 1/3).
  public var topBoxHazardFactor = 1.0 / 3.0
  public var topBoxThreshold = 0.8
  /// Price elasticity of churn and acquisition: h × exp(priceWeight·ψ·slope·(price − 1)).
  /// Assumption.
  public var priceChurnSlope = 1.2
  /// TARP problem-outcome overlay: when a problem ends, the customer decides once whether to
  /// repurchase. Repurchase rates by outcome for small (loss < $5) and large (> $100) problems:
  /// no complaint 37% / 9%, complained and unresolved 46% / 19%, resolved 70% / 54%, resolved
  /// quickly 95% / 82% (TARP, via Fast Company 2003 and the Washington Post 1984). Interpolated
  /// by problem size. Stated intentions overstate behaviour (Mittal & Kamakura 2001), so only
  /// `intentionToBehaviour` of the non-repurchase turns into leaving (assumption).
  public var tarpRepurchaseSmall = [0.37, 0.46, 0.70, 0.95]
  public var tarpRepurchaseLarge = [0.09, 0.19, 0.54, 0.82]
  public var intentionToBehaviour = 0.3
  /// Service-level threshold used for reporting (industry convention 80/20: facts §1c),
  /// whatever threshold a strategy staffs to.
  public var reportingThresholdSeconds = 20.0
  /// Word of mouth (TARP): dissatisfied customers tell 9–10 people, satisfied complainants
  /// 4–5; promoters recommend at this weekly rate. Each positive tell brings a customer with
  /// `referralConversion`; each negative tell deters one with `deterrence` (assumptions).
  public var negativeTells = 9.5
  public var positiveTells = 4.5
  public var promoterWeeklyTells = 0.05
  public var referralConversion = 0.01
  public var deterrence = 0.004

  // MARK: Economics (dollars)
  /// Contribution margin on revenue. Assumption.
  public var grossMargin = 0.45
  /// Loaded agent cost per FTE-week (≈ $52k a year) and working hours per FTE-week. Assumptions
  /// consistent with ContactBabel's $5–8 per inbound call.
  public var agentWeeklyCost = 1000.0
  public var hoursPerFTE = 40.0
  /// Hiring and initial training cost per new agent. Assumption.
  public var hiringCost = 4000.0
  /// Cost per self-service session (Gartner 2019: $0.10) and per proactive notice (assumption).
  public var selfServiceCost = 0.10
  public var proactiveNoticeCost = 0.5
  /// Knowledge base and self-service technology at full investment, dollars per customer-year.
  public var knowledgeBaseCostPerCustomerYear = 8.0
  /// Cost of acquiring one customer through marketing (the 5× rule of acquisition vs retention
  /// cost, Goodman/TARP; level an assumption).
  public var acquisitionCost = 150.0
  /// Annual discount rate for NPV.
  public var annualDiscountRate = 0.08

  public init() {}
}
