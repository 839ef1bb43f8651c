/// The preset strategies, one per position in the seed texts (shared/seeds/).
extension Strategy {
  /// Seed 001, "good enough": timely, helpful, respectful service; self-service and all
  /// channels; FCR focus through training and a knowledge base; proactive notices; realistic
  /// targets (80/20, moderate pressure, occupancy capped at 85%).
  public static let goodEnough = Strategy(
    name: "good-enough",
    levers: Levers(),
    summary: "seed 001: timely, helpful, respectful; self-service; FCR focus; proactive; realistic targets")

  /// Seed 000, "just good enough": starts as good-enough, then a controller cuts service spend
  /// each quarter while observed retention and acquisition hold, hunting the profit sweetspot.
  public static let justGoodEnough = Strategy(
    name: "just-good-enough", levers: goodEnough.levers, controller: .sweetspotHunter,
    summary: "seed 000: cut service spend while retention and acquisition hold (sweetspot-hunting controller)")

  /// Seed 000's other question, "is JGECS any different than prices just low enough to sell?",
  /// as a search of its own: good-enough service and a controller that raises the price while
  /// retention and acquisition hold (the price-hunter), from the same start as just-good-enough.
  public static let justLowEnoughPrice = Strategy(
    name: "just-low-enough-price", levers: goodEnough.levers, controller: .priceHunter,
    summary: "seed 000: good-enough service; raise the price while retention and acquisition hold (price-hunting controller)")

  /// Seed 002, Goodman's strategic service: root causes first (≈60% of dissatisfaction comes
  /// from products, processes and marketing), easy and solicited complaints feeding the
  /// root-cause loop, right first time (training, knowledge base).
  public static let strategic = goodEnough.variant(
    "strategic", summary: "seed 002: root causes first, easy complaints, right first time, feedback loop") {
      $0.trainingHours = 2.0; $0.knowledgeBase = 0.8; $0.rootCauseSpend = 8; $0.proactive = 0.7
      $0.complaintSolicitation = 0.8; $0.targetPressure = 0.25
    }

  /// Seed 003, good to great: delight through premium staffing (90/10, occupancy ≤ 75%), heavy
  /// training, longer contacts and generous recovery ("walk out with a fixed phone or a new
  /// one"). Seed 003 asks for best-in-class service, not for pressure on agents, so its
  /// perfection pressure is good-enough's; seed 001's critique of perfectionism is a pressure
  /// sweep of its own, and `delight-vs-good-enough` varies both choices as implementation
  /// uncertainty.
  public static let goodToGreat = goodEnough.variant(
    "good-to-great", summary: "seed 003: delight, premium staffing, heavy training, generous recovery") {
      $0.serviceLevelTarget = 0.9; $0.answerWithinSeconds = 10; $0.occupancyCap = 0.75; $0.trainingHours = 3.0
      $0.knowledgeBase = 0.9; $0.rootCauseSpend = 3; $0.proactive = 0.6; $0.complaintSolicitation = 0.5
      $0.recoveryCompensation = 25; $0.careTime = 1.25
    }

  /// Seed 004, Win4: balance customers, employees, company and owners: sound service with a low
  /// occupancy cap and little perfection pressure, root-cause work, moderate costs.
  public static let win4 = goodEnough.variant(
    "win4", summary: "seed 004: balance customers, employees, company, owners; occupancy cap; low pressure") {
      $0.answerWithinSeconds = 30; $0.occupancyCap = 0.80; $0.trainingHours = 2.0; $0.knowledgeBase = 0.7
      $0.rootCauseSpend = 4; $0.complaintSolicitation = 0.5; $0.targetPressure = 0.1; $0.careTime = 1.05
    }

  /// Seed 000's question "is JGECS any different than prices just low enough to sell?": a 10%
  /// price cut paid for with bare service.
  public static let priceLeader = goodEnough.variant(
    "price-leader", summary: "seed 000: prices just low enough to sell: 10% cheaper, bare service") {
      $0.serviceLevelTarget = 0.5; $0.answerWithinSeconds = 60; $0.occupancyCap = 0.92; $0.trainingHours = 0.5
      $0.knowledgeBase = 0.3; $0.offersChat = false; $0.rootCauseSpend = 0; $0.proactive = 0; $0.complaintSolicitation = 0
      $0.recoveryCompensation = 0; $0.price = 0.9; $0.careTime = 0.9
    }

  /// The floor: phone and email only, a loose target (30% in 2 minutes) and no occupancy cap,
  /// no training, no prevention, no recovery.
  public static let minimal = goodEnough.variant(
    "minimal", summary: "the floor: phone and email only, loose target, no training, prevention or recovery") {
      $0.serviceLevelTarget = 0.3; $0.answerWithinSeconds = 120; $0.occupancyCap = 0.99; $0.trainingHours = 0
      $0.knowledgeBase = 0; $0.offersSelfService = false; $0.offersChat = false; $0.rootCauseSpend = 0; $0.proactive = 0
      $0.complaintSolicitation = 0; $0.recoveryCompensation = 0; $0.targetPressure = 0.2; $0.careTime = 0.9
    }

  /// This strategy's levers changed by `change`, under a new name (presets are small
  /// modifications of good-enough).
  public func variant(_ name: String, summary: String, controller: Controller = .none, _ change: (inout Levers) -> Void) -> Strategy {
    var l = levers
    change(&l)
    return Strategy(name: name, levers: l, controller: controller, summary: summary)
  }

  public static let presets: [Strategy] = [justGoodEnough, goodEnough, strategic, goodToGreat, win4, priceLeader, minimal, justLowEnoughPrice]

  /// The preset with this name, or nil.
  public static func named(_ name: String) -> Strategy? { presets.first { $0.name == name } }
}
