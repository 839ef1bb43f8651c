/// The just-good-enough controller's memory between quarters (see `Controller.sweetspotHunter`
/// and `ControllerPolicy`, whose parameters are the `controller.*` keys).
struct ControllerState {
  var baseline: (churnRate: Double, acquired: Double)?
  var beforeLastCut: Levers?
  var coolDown = 0

  /// Called at the end of each quarter with the KPIs the company observes. The first quarter
  /// sets the baseline and makes the first cut; later quarters cut again while churn stays
  /// within `churn_tolerance` × and acquisition within `acquisition_tolerance` × the baseline,
  /// and otherwise undo the last cut and hold for `hold_quarters`.
  mutating func step(churnRate: Double, acquired: Double, levers: inout Levers, policy p: ControllerPolicy) {
    guard let b = baseline else {
      baseline = (churnRate, acquired)
      beforeLastCut = levers
      ControllerState.cut(&levers, p)
      return
    }
    if coolDown > 0 { coolDown -= 1; return }
    if churnRate <= b.churnRate * p.churnTolerance && acquired >= b.acquired * p.acquisitionTolerance {
      beforeLastCut = levers
      ControllerState.cut(&levers, p)
    } else if let previous = beforeLastCut {
      // Retention or acquisition slipped: undo the last cut and hold.
      levers = previous
      beforeLastCut = nil
      coolDown = p.holdQuarters
    }
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
}
