#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotNumerics

/// One trial: one company, one strategy, one market, over the horizon, week by week.
///
/// A trial is a pure function of (configuration, strategy, market, seed, trial index): no I/O, no
/// global state. Each source of randomness has its own stream keyed by (seed, trial, purpose):
/// the starting population and the recruits come from their own streams in a fixed order, and the
/// weekly streams (problems, decisions, service, churn, employees, acquisition) are re-keyed
/// each week (`part` = week) and drawn a fixed number of times per customer slot, dead or alive.
/// So customer i in week t sees the same uniforms under every strategy: common random numbers
/// hold customer by customer (docs/MODEL.md §5 lists what is synchronized).
///
/// The week reads as the model's story; each step is one mechanism function, documented with
/// its equation and the parameters it reads (`World`, docs/MODEL.md §2):
///  1. operating conditions: training, skill, courtesy, FCR, handle time (`Workforce`), root-cause
///     progress and problem rates (`Problems`), complaint access, channel choice;
///  2. per customer: problems, complaints, channel choice, self-service (`CustomerWeek.contacts`);
///  3. the contact centre: staffing and queue metrics per interval (`QueuedChannel`), email backlog;
///  4. per customer: service outcomes, experience → satisfaction → attitude, word of mouth, churn
///     hazard and the one-time repurchase decision, revenue (`CustomerWeek.outcomes`);
///  5. the workforce: burnout, attrition, hiring (`Workforce.week`);
///  6. the ledger (`Accumulators.bookWeek`);
///  7. acquisition and word of mouth (`Acquisition`);
///  8. each quarter: the NPS survey (`Surveys`), the root-cause feedback loop, the controller.
///
/// `recorded` runs the same loop and also keeps each week's end state (`WeekSnapshot`) for
/// trajectories.csv; `run` keeps none.
public enum Trial {
  /// Uniform draws per customer slot per week, by stream: problems 1, decisions 2, service 2,
  /// churn 1. The performance benchmarks' GSL floor draws exactly these.
  public static let drawsPerCustomerWeek = (problems: 1, decisions: 2, service: 2, churn: 1)

  /// Customers per chunk: each chunk of slots has its own weekly streams and may run on its own
  /// thread. Fixed by the configuration (never by the thread count), so a trial's results are
  /// the same on any number of threads: 65,536 or 1/64 of the starting population, whichever is
  /// larger (a multiple of 1,024).
  public static func chunkSize(customers: Int) -> Int { max(65_536, ((customers + 63) / 64 + 1023) / 1024 * 1024) }
  /// Chunks a trial may grow to (stream parts are week × 256 + chunk, below 2^20).
  public static let maxChunks = 256

  /// One trial. `threads` > 1 spreads each week's customer passes over chunks of customers in
  /// parallel (worthwhile from a few hundred thousand customers); results do not depend on it.
  public static func run(_ config: TrialConfiguration, strategy: Strategy, market: Market,
                         seed: UInt64, trial: Int, threads: Int = 1) throws -> TrialOutcome {
    try simulate(config, strategy: strategy, market: market, seed: seed, trial: trial, threads: threads, recording: false).outcome
  }

  /// One trial with its trajectory: the same simulation as `run` (the same code path, so the
  /// outcome is the same to the bit) and the state at the end of each week (`WeekSnapshot`).
  public static func recorded(_ config: TrialConfiguration, strategy: Strategy, market: Market,
                              seed: UInt64, trial: Int, threads: Int = 1) throws -> (outcome: TrialOutcome, weeks: [WeekSnapshot]) {
    try simulate(config, strategy: strategy, market: market, seed: seed, trial: trial, threads: threads, recording: true)
  }

  /// The trial loop. `recording` adds one snapshot per week and touches nothing else: the
  /// customer passes never see it, and with it off no snapshot is built.
  static func simulate(_ config: TrialConfiguration, strategy: Strategy, market: Market, seed: UInt64, trial: Int, threads: Int,
                       recording: Bool) throws -> (outcome: TrialOutcome, weeks: [WeekSnapshot]) {
    try config.validate()
    try strategy.levers.validate()
    try market.validate()
    let w = config.world
    let n0 = config.customers
    let scale = config.customerScale
    let chunk = chunkSize(customers: n0)

    @Sendable func key(_ p: Purpose, _ part: Int = 0) -> StreamKey { StreamKey(seed: seed, trial: trial, purpose: p, part: part) }
    let recruitStream = try RandomStream(key: key(.recruits))
    var employees = try RandomStream(key: key(.employees))
    var acquisition = try RandomStream(key: key(.acquisition))
    let segments = try DiscreteTable(weights: market.segmentMix)

    // The starting customers, chunk by chunk from the population stream (part = chunk).
    let pop = Population(capacity: n0 + n0 / 2)
    pop.grow(to: n0)
    let initial = pop.view
    _ = try parallelMap(count: (n0 + chunk - 1) / chunk, threads: threads) { k in
      let s = try RandomStream(key: key(.population, k))
      for i in (k * chunk)..<min(n0, (k + 1) * chunk) { initial.draw(i, from: s, market: market, segments: segments, world: w) }
    }
    var queueScratch: [Double] = []
    queueScratch.reserveCapacity(1024)
    var phoneStaffing: [Int] = [], chatStaffing: [Int] = []

    var levers = strategy.levers
    var acc = Accumulators()
    var rootCauseEffect = 0.0
    var workforce = Workforce(w)
    var forecast = (chat: -1.0, email: -1.0, phone: -1.0)
    var complaintCapture = w.initialComplaintCapture
    var controller = ControllerState()
    let weeklyDiscount = w.weeklyDiscountRate
    var discount = 1.0
    let meanPriceSensitivity = Acquisition.meanPriceSensitivity(market, w)
    let marketFactor = Churn.marketFactor(market, w)
    // Recording only: the trajectory and the running sums it differences into weekly values.
    var snapshots: [WeekSnapshot] = []
    if recording { snapshots.reserveCapacity(config.weeks) }
    var recordedRevenue = 0.0, recordedCSAT = (sum: 0.0, count: 0.0)

    for week in 0..<config.weeks {
      try employees.reset(to: key(.employees, week))
      try acquisition.reset(to: key(.acquisition, week))

      // MARK: 1. This week's operating conditions
      let training = Workforce.trainingEffect(hours: levers.trainingHours, w)
      let skill = workforce.skill(training: training, w)
      let fcrPhone = workforce.phoneFCR(skill: skill, levers: levers, w)
      let aht = workforce.phoneHandleMinutes(skill: skill, levers: levers, w)
      rootCauseEffect = Problems.rootCauseEffect(from: rootCauseEffect, spend: levers.rootCauseSpend, complaintCapture: complaintCapture, w)
      let rates = Problems.weeklyRates(rootCauseEffect: rootCauseEffect, burnout: workforce.burnout, training: training, levers: levers, w)
      var c = WeekConditions(levers: levers, scale: scale)
      c.pProblem = rates.product + rates.employee + rates.customer
      c.productShare = rates.product / c.pProblem
      c.access = Problems.complaintAccess(levers, w)
      c.solicit = Problems.solicitation(levers, w)
      c.quality = min(1, market.productQuality + w.rootCauseQualityGain * rootCauseEffect)
      c.choice = ChannelChoice(levers: levers, world: w)
      c.selfServiceSuccess = min(w.selfServiceCeiling, w.selfServiceBaseResolution + w.selfServiceKnowledgeGain * Technology.knowledgeBase(levers, w))
      c.fcr = [0, 0, fcrPhone - w.fcrChatGap, fcrPhone - w.fcrEmailGap, fcrPhone]
      c.courtesy = workforce.courtesy(training: training, skill: skill, w)
      c.proactiveCoverage = Technology.proactiveCoverage(levers, w)
      c.marketHazardFactor = marketFactor

      let chunks = (pop.count + chunk - 1) / chunk
      guard chunks <= maxChunks else {
        throw ModelError(key: "population.size", value: "\(pop.count) customer slots", allowed: "at most \(maxChunks) chunks of \(chunk) customers")
      }
      let view = pop.view
      let slots = pop.count
      @Sendable func range(_ k: Int) -> Range<Int> { (k * chunk)..<min(slots, (k + 1) * chunk) }

      // MARK: 2. Problems, complaints, channel choice, self-service (chunks in parallel)
      let first = c
      let pass1 = try parallelMap(count: chunks, threads: threads) { k in
        let problems = try RandomStream(key: key(.problems, week * maxChunks + k))
        let decisions = try RandomStream(key: key(.decisions, week * maxChunks + k))
        return CustomerWeek.contacts(view, range(k), first, problems: problems, decisions: decisions, w: w, market: market, week: week)
      }
      var live = (chat: 0.0, email: 0.0, phone: 0.0)
      var weekProblems = 0.0, weekComplaints = 0.0
      for t in pass1 {
        acc.absorb(t.acc)
        live.chat += t.live.chat; live.email += t.live.email; live.phone += t.live.phone
        weekProblems += t.weekProblems; weekComplaints += t.weekComplaints
      }

      // MARK: 3. The contact centre this week
      let volume = (chat: live.chat * scale, email: live.email * scale, phone: live.phone * scale)
      if forecast.phone < 0 { forecast = volume }
      let phoneChannel = QueuedChannel(handleSeconds: aht * 60, patienceSeconds: w.phonePatienceSeconds, concurrency: 1)
      let pressure = Workforce.pressureFactor(levers, w)
      let chatChannel = QueuedChannel(handleSeconds: w.chatHandleMinutes * 60 * levers.careTime * pressure, patienceSeconds: w.chatPatienceSeconds,
                                      concurrency: w.chatConcurrency)
      func evaluation(_ channel: Int) -> QueuedChannel.Evaluation {
        config.queueMode == .erlangA ? .erlangA : .simulation(seed: seed, trial: trial, week: week, channel: channel)
      }
      let phoneWeek = levers.offersPhone ? try phoneChannel.week(volume: volume.phone, forecast: forecast.phone, levers: levers, world: w,
                                                                 evaluation: evaluation(0), servers: &phoneStaffing, scratch: &queueScratch) : ChannelWeek()
      let chatWeek = levers.offersChat ? try chatChannel.week(volume: volume.chat, forecast: forecast.chat, levers: levers, world: w,
                                                              evaluation: evaluation(1), servers: &chatStaffing, scratch: &queueScratch) : ChannelWeek()
      forecast = volume
      // Email: staffed so agents work at the occupancy cap (`ServiceExperience.emailResponseHours`).
      let emailWorkHours = volume.email * w.emailHandleMinutes * levers.careTime * pressure / 60
      let emailStaffedHours = levers.offersEmail ? max(emailWorkHours / levers.occupancyCap, volume.email > 0 ? 1 : 0) : 0
      let emailResponseHours = ServiceExperience.emailResponseHours(occupancyCap: levers.occupancyCap, w)
      c.abandon = [0, 0, chatWeek.abandonRate, 0, phoneWeek.abandonRate]
      c.waitSeconds = [0, 0, chatWeek.asa, emailResponseHours * 3600, phoneWeek.asa]
      acc.queue(phoneWeek); acc.queue(chatWeek)
      acc.ahtMinutesSum += aht

      // MARK: 4. Outcomes, attitudes, word of mouth, churn (chunks in parallel)
      let second = c
      let pass2 = try parallelMap(count: chunks, threads: threads) { k in
        let service = try RandomStream(key: key(.service, week * maxChunks + k))
        let churnStream = try RandomStream(key: key(.churn, week * maxChunks + k))
        return CustomerWeek.outcomes(view, range(k), second, service: service, churnStream: churnStream, w: w, market: market, week: week)
      }
      var weekChurned = 0.0, weekAlive = 0.0
      for t in pass2 {
        acc.absorb(t.acc)
        weekChurned += t.weekChurned
        weekAlive += t.weekAlive
      }
      acc.customerWeeks += weekAlive
      acc.churned += weekChurned

      // MARK: 5. The workforce
      let floorHours = phoneWeek.staffedHours + chatWeek.staffedHours + emailStaffedHours
      let busyHours = phoneWeek.busyHours + chatWeek.busyHours + emailWorkHours
      let occupancy = floorHours > 0 ? min(1, busyHours / floorHours) : 0
      let staffing = workforce.week(floorHours: floorHours, occupancy: occupancy, levers: levers, training: training,
                                    employees: employees, w)
      acc.leavers += staffing.leavers
      acc.headcountWeeks += workforce.headcount
      acc.burnoutSum += workforce.burnout
      acc.busyHours += busyHours
      acc.floorHours += floorHours

      // MARK: 6. The ledger
      let (weekServiceCost, weekProfit) = acc.bookWeek(customers: weekAlive - weekChurned, headcount: workforce.headcount, hires: staffing.hires,
                                         levers: levers, market: market, startingCustomers: n0, scale: scale, discount: discount, w)
      if week >= config.weeks - 13 {
        acc.tailServiceCost += weekServiceCost; acc.tailCustomerWeeks += weekAlive; acc.tailChurned += weekChurned
      }
      discount /= 1 + weeklyDiscount

      // MARK: 7. Acquisition: marketing inflow plus referrals, minus deterrence
      let attraction = Acquisition.priceAttraction(price: levers.price, meanPriceSensitivity: meanPriceSensitivity, market: market, w)
      let wom = Acquisition.wordOfMouth(positiveTells: acc.positiveTells, negativeTells: acc.negativeTells, market: market, w)
      acc.positiveTells = 0
      acc.negativeTells = 0
      let expected = Acquisition.expectedRecruits(startingCustomers: n0, attraction: attraction, wordOfMouth: wom, market: market)
      let recruits = acquisition.poisson(mean: expected)
      for _ in 0..<recruits { pop.append(from: recruitStream, market: market, segments: segments, world: w) }
      acc.acquired += Double(recruits)
      acc.quarterAcquired += Double(recruits)
      acc.quarterChurned += weekChurned
      acc.quarterCustomerWeeks += weekAlive
      acc.quarterProblems += weekProblems
      acc.quarterComplaints += weekComplaints

      var snapshot: WeekSnapshot?
      if recording {
        let offered = phoneWeek.offered + chatWeek.offered
        let csatCount = acc.csatCount - recordedCSAT.count
        snapshot = WeekSnapshot(
          week: week, customers: (weekAlive - weekChurned + Double(recruits)) * scale, churned: weekChurned * scale,
          acquired: Double(recruits) * scale,
          csat: csatCount > 0 ? (acc.csatSum - recordedCSAT.sum) / csatCount : .nan,
          nps: snapshots.last?.nps ?? .nan,
          serviceLevel: offered > 0 ? (phoneWeek.answeredWithin + chatWeek.answeredWithin) / offered : .nan,
          abandonment: offered > 0 ? (phoneWeek.abandoned + chatWeek.abandoned) / offered : .nan,
          agents: workforce.headcount, burnout: workforce.burnout,
          serviceLevelTarget: levers.serviceLevelTarget, occupancyCap: levers.occupancyCap, trainingHours: levers.trainingHours,
          knowledgeBase: levers.knowledgeBase, proactive: levers.proactive, recoveryCompensation: levers.recoveryCompensation,
          rootCauseSpend: levers.rootCauseSpend, price: levers.price,
          revenue: acc.revenue - recordedRevenue, serviceCost: weekServiceCost, cashFlow: weekProfit)
        recordedRevenue = acc.revenue
        recordedCSAT = (acc.csatSum, acc.csatCount)
      }

      // MARK: 8. Quarterly (13 weeks): NPS survey, the root-cause feedback loop, the controller
      if week % 13 == 12 || week == config.weeks - 1 {
        if let nps = Surveys.netPromoterScore(pop, w) {
          acc.npsSum += nps; acc.npsSurveys += 1
          snapshot?.nps = nps
        }
        if acc.quarterProblems > 0 { complaintCapture = acc.quarterComplaints / acc.quarterProblems }
        if strategy.controller != .none {
          let churnRate = acc.quarterCustomerWeeks > 0 ? acc.quarterChurned / acc.quarterCustomerWeeks : 0
          controller.step(churnRate: churnRate, acquired: acc.quarterAcquired, levers: &levers, policy: w.controller, on: strategy.controller)
        }
        acc.quarterAcquired = 0; acc.quarterChurned = 0; acc.quarterCustomerWeeks = 0
        acc.quarterProblems = 0; acc.quarterComplaints = 0
      }
      if let snapshot { snapshots.append(snapshot) }
    }
    let outcome = acc.outcome(pop: pop, n0: n0, weeks: config.weeks, scale: scale, price: levers.price, horizonDiscount: discount, world: w)
    return (outcome, snapshots)
  }
}

@inline(__always) func clamp01(_ x: Double) -> Double { min(1, max(0, x)) }
