/// The just-good-enough controller's memory between quarters (see `Controller.sweetspotHunter`).
struct ControllerState {
  var baseline: (churnRate: Double, acquired: Double)?
  var beforeLastCut: Levers?
  var coolDown = 0

  /// Called at the end of each quarter with the KPIs the company observes.
  mutating func step(churnRate: Double, acquired: Double, levers: inout Levers) {
    guard let b = baseline else {
      baseline = (churnRate, acquired)
      beforeLastCut = levers
      ControllerState.cut(&levers)
      return
    }
    if coolDown > 0 { coolDown -= 1; return }
    if churnRate <= b.churnRate * 1.10 && acquired >= b.acquired * 0.90 {
      beforeLastCut = levers
      ControllerState.cut(&levers)
    } else if let previous = beforeLastCut {
      // Retention or acquisition slipped: undo the last cut and hold for two quarters.
      levers = previous
      beforeLastCut = nil
      coolDown = 2
    }
  }

  /// One step down in service spend.
  static func cut(_ l: inout Levers) {
    l.serviceLevelTarget = max(0.3, l.serviceLevelTarget - 0.1)
    l.trainingHours *= 0.7
    l.occupancyCap = min(0.95, l.occupancyCap + 0.03)
    l.knowledgeBase *= 0.85
    l.proactive *= 0.8
    l.recoveryCompensation *= 0.7
  }
}
