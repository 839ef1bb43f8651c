/// What every customer faces this week: computed once (serially), read by the chunk passes.
struct WeekConditions: @unchecked Sendable {
  var levers: Levers
  var scale: Double
  var pProblem = 0.0, productShare = 0.0, access = 0.0, solicit = 0.0, quality = 0.0
  var choice = ChannelChoice.none
  var selfServiceSuccess = 0.0
  var fcr: [Double] = []
  var courtesy = 0.0
  var proactiveCoverage = 0.0
  var abandon: [Double] = []
  var waitSeconds: [Double] = []
  var marketHazardFactor = 0.0

  init(levers: Levers, scale: Double) { self.levers = levers; self.scale = scale }
}

/// One chunk's contribution to a week: additive, merged in chunk order (so sums do not depend
/// on which thread ran which chunk).
struct ChunkTally {
  var acc = Accumulators()
  var live = (chat: 0.0, email: 0.0, phone: 0.0)
  var weekProblems = 0.0, weekComplaints = 0.0, weekChurned = 0.0, weekAlive = 0.0
}
