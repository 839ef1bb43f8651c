/// The just-good-enough controller (seed 000): a search, from whatever levers the strategy starts
/// with, for the least service investment that keeps the KPIs a company can observe (quarterly
/// churn and new customers) within tolerance of where they started. Its policy is
/// `ControllerPolicy` (the `controller.*` keys).
///
/// The levers sit on a ladder of notches around the starting levers: notch −k is k cuts, notch
/// +k is k raises (the inverse steps). The first quarter only measures the baseline. Each later
/// quarter the controller steps one notch down while churn ≤ `churn_tolerance` × baseline and
/// acquisition ≥ `acquisition_tolerance` × baseline; when either slips it steps one notch up,
/// above the start if need be, and holds for `hold_quarters` so the step can show. It sees only
/// KPIs a company measures, never hidden attitudes.
struct ControllerState {
  var baseline: (churnRate: Double, acquired: Double)?
  var start: Levers?
  /// The current notch: 0 = the starting levers, negative = cuts, positive = raises.
  private(set) var notch = 0
  var coolDown = 0

  /// Called at the end of each quarter with the KPIs the company observes.
  mutating func step(churnRate: Double, acquired: Double, levers: inout Levers, policy p: ControllerPolicy,
                     on lever: Controller = .sweetspotHunter) {
    guard let b = baseline, let s = start else {
      baseline = (churnRate, acquired)
      start = levers
      return
    }
    if coolDown > 0 { coolDown -= 1; return }
    if churnRate <= b.churnRate * p.churnTolerance && acquired >= b.acquired * p.acquisitionTolerance {
      notch -= 1
    } else {
      // Retention or acquisition slipped: restore service one notch (beyond the start if
      // needed) and hold while the step takes effect.
      notch += 1
      coolDown = p.holdQuarters
    }
    levers = lever == .priceHunter ? ControllerState.priced(from: s, notch: notch, p) : ControllerState.levers(from: s, notch: notch, p)
  }

  /// The price-hunter's ladder: notch −k raises the price k steps (less investment in low
  /// prices), +k lowers it; within [price floor, price ceiling]. Service levers stay as set.
  static func priced(from start: Levers, notch: Int, _ p: ControllerPolicy) -> Levers {
    var l = start
    l.price = min(p.priceCeiling, max(p.priceFloor, start.price - Double(notch) * p.priceStep))
    return l
  }

  /// The levers `notch` steps from `start`.
  static func levers(from start: Levers, notch: Int, _ p: ControllerPolicy) -> Levers {
    var l = start
    for _ in 0..<abs(notch) { if notch < 0 { cut(&l, p) } else { raise(&l, p) } }
    return l
  }

  /// One step down in service spend.
  static func cut(_ l: inout Levers, _ p: ControllerPolicy) {
    l.serviceLevelTarget = max(p.serviceLevelFloor, l.serviceLevelTarget - p.serviceLevelStep)
    l.trainingHours *= p.trainingCutFactor
    l.occupancyCap = min(p.occupancyCeiling, l.occupancyCap + p.occupancyStep)
    l.knowledgeBase *= p.knowledgeBaseCutFactor
    l.proactive *= p.proactiveCutFactor
    l.recoveryCompensation *= p.compensationCutFactor
  }

  /// One step up: the inverse of a cut, within each lever's allowed range.
  static func raise(_ l: inout Levers, _ p: ControllerPolicy) {
    l.serviceLevelTarget = min(p.serviceLevelCeiling, l.serviceLevelTarget + p.serviceLevelStep)
    l.trainingHours = min(20, l.trainingHours / p.trainingCutFactor)
    l.occupancyCap = max(p.occupancyFloor, l.occupancyCap - p.occupancyStep)
    l.knowledgeBase = min(1, l.knowledgeBase / p.knowledgeBaseCutFactor)
    l.proactive = min(1, l.proactive / p.proactiveCutFactor)
    l.recoveryCompensation = min(10_000, l.recoveryCompensation / p.compensationCutFactor)
  }
}
