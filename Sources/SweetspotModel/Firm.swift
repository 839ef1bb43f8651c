#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotNumerics

/// One company over a trial: its customers, workforce, levers, controller and ledger, advanced a
/// week at a time.
///
/// The week is split where a market meets its firms: `serviceWeek` (steps 1–6 of `Trial`: the
/// operating conditions, both customer passes, the contact centre, the workforce and the ledger)
/// is the firm's own business; who joins it is decided outside, by `Trial` for a single company
/// (its own acquisition stream) or by `Industry` for firms sharing one market. `admit` then adds
/// the newcomers and `closeWeek` books them and takes the quarter's steps. A single-firm trial is
/// exactly the sequence serviceWeek → expectedRecruits → admit → closeWeek, so `Trial.run` and a
/// one-firm industry without an outside option are the same computation, to the bit.
///
/// Firm `index` 0 draws from the trial's streams as `Trial` always has; firm k > 0 from streams
/// of its own (`StreamKey.firm`), so each firm's customers and staff have their own noise while a
/// firm's draws stay fixed whatever the other firms do. (`@unchecked Sendable`: an industry
/// hands each firm to one worker at a time.)
final class Firm: @unchecked Sendable {
  let config: TrialConfiguration
  let strategy: Strategy
  /// The market as this firm's customers experience it (its own product quality).
  let market: Market
  let seed: UInt64
  let trial: Int
  let index: Int
  /// Customers at the start (simulated).
  let startingCustomers: Int
  let chunk: Int
  /// Threads for the weekly passes and surveys (results do not depend on it).
  let threads: Int
  let pop: Population
  let segments: DiscreteTable
  private var employees: RandomStream
  var levers: Levers
  var acc = Accumulators()
  var rootCauseEffect = 0.0
  var workforce: Workforce
  var forecast = (chat: -1.0, email: -1.0, phone: -1.0)
  var complaintCapture: Double
  var controller = ControllerState()
  /// Discount factor of the current week (week 0: 1).
  var discount = 1.0
  let weeklyDiscount: Double
  let meanPriceSensitivity: Double
  let marketFactor: Double
  private var queueScratch: [Double] = []
  private var phoneStaffing: [Int] = [], chatStaffing: [Int] = []
  /// This week's agents per interval on each queued channel (`QueuedChannel.roster`).
  private var phoneRoster: [Int] = [], chatRoster: [Int] = []
  /// Recording only: the running sums the weekly snapshot differences.
  private var recordedRevenue = 0.0, recordedCSAT = (sum: 0.0, count: 0.0)
  private var lastNPS = Double.nan

  /// What one service week produced, for the acquisition step, the books and the snapshot.
  struct ServiceWeek {
    var alive = 0.0, churned = 0.0, problems = 0.0, complaints = 0.0
    var phone = ChannelWeek(), chat = ChannelWeek()
    var serviceCost = 0.0, profit = 0.0
  }

  /// A firm with `customers` starting customers, customer i drawn from a stream of its own (item
  /// i of the firm's `population` stream, `Population.appendCustomers`).
  init(_ config: TrialConfiguration, strategy: Strategy, market: Market, seed: UInt64, trial: Int, index: Int = 0,
       customers n0: Int, threads: Int) throws {
    self.config = config
    self.strategy = strategy
    self.market = market
    self.seed = seed
    self.trial = trial
    self.index = index
    self.startingCustomers = n0
    self.customers = n0
    self.threads = threads
    let w = config.world
    chunk = Trial.chunkSize(customers: n0)
    employees = try RandomStream(key: StreamKey(seed: seed, trial: trial, purpose: .employees, firm: index))
    segments = try DiscreteTable(weights: market.segmentMix)
    levers = strategy.levers
    workforce = Workforce(w)
    complaintCapture = w.initialComplaintCapture
    weeklyDiscount = w.weeklyDiscountRate
    meanPriceSensitivity = Acquisition.meanPriceSensitivity(market, w)
    marketFactor = Churn.marketFactor(market, w)
    queueScratch.reserveCapacity(1024)

    pop = Population(capacity: n0 + n0 / 2)
    try pop.appendCustomers(n0, key: streamKey(.population, 0), firstItem: 0, market: market, segments: segments, world: w,
                            threads: threads)
  }

  /// This firm's stream for `purpose`, `part` (the week, for weekly streams).
  var streamKey: @Sendable (Purpose, Int) -> StreamKey {
    let seed = seed, trial = trial, firm = index
    return { StreamKey(seed: seed, trial: trial, purpose: $0, part: $1, firm: firm) }
  }

  /// Customers now (simulated): after this week's churn, and its newcomers once admitted.
  private(set) var customers: Int

  /// Steps 1–6 of a week (`Trial`): this week's operating conditions, problems and contacts, the
  /// contact centre, outcomes and churn, the workforce and the ledger.
  func serviceWeek(_ week: Int, threads: Int) throws -> ServiceWeek {
    let w = config.world
    let scale = config.customerScale
    try employees.reset(to: streamKey(.employees, week))

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
    c.choice = channelChoice()
    c.selfServiceSuccess = min(w.selfServiceCeiling, w.selfServiceBaseResolution + w.selfServiceKnowledgeGain * Technology.knowledgeBase(levers, w))
    c.fcr = [0, 0, fcrPhone - w.fcrChatGap, fcrPhone - w.fcrEmailGap, fcrPhone]
    c.courtesy = workforce.courtesy(training: training, skill: skill, w)
    c.proactiveCoverage = Technology.proactiveCoverage(levers, w)
    c.marketHazardFactor = marketFactor

    let chunk = chunk
    let chunks = (pop.count + chunk - 1) / chunk
    guard chunks <= Trial.maxChunks else {
      throw ModelError(key: "population.size", value: "\(pop.count) customer slots", allowed: "at most \(Trial.maxChunks) chunks of \(chunk) customers")
    }
    let view = pop.view
    let slots = pop.count
    // The passes' work is cut into units of a fixed number of slots (never by the thread count, so
    // the tallies merge in the same order on any number of threads), small enough to balance
    // two or more threads.
    let unit = Trial.passUnit
    let market = market
    var out = ServiceWeek()

    // The contact centre's channels this week, and their rosters: staffed from last week's
    // volume, so (from week 1 on) computed as one more task beside the contacts pass, which
    // cannot change them. The staffing searches were the longest step left on one thread.
    let phoneChannel = QueuedChannel(handleSeconds: aht * 60, patienceSeconds: w.phonePatienceSeconds, concurrency: 1)
    let pressure = Workforce.pressureFactor(levers, w)
    let chatChannel = QueuedChannel(handleSeconds: w.chatHandleMinutes * 60 * levers.careTime * pressure, patienceSeconds: w.chatPatienceSeconds,
                                    concurrency: w.chatConcurrency)
    let rosterAhead = forecast.phone >= 0
    let rosterTasks = rosterAhead ? 1 : 0

    // MARK: 2. Problems, complaints, channel choice, self-service (units in parallel)
    let first = c
    let contactDraws = CustomerDraws(seed: seed, trial: trial, firm: index, purpose: .problems, week: week)
    let units = (slots + unit - 1) / unit
    let pass1 = try parallelMap(count: rosterTasks + units, threads: threads) { k in
      if k < rosterTasks {
        self.planRosters(phoneChannel, chatChannel)
        return ChunkTally()
      }
      let u = k - rosterTasks
      return CustomerWeek.contacts(view, (u * unit)..<min(slots, (u + 1) * unit), first, draws: contactDraws, w: w, market: market, week: week)
    }
    var live = (chat: 0.0, email: 0.0, phone: 0.0)
    for t in pass1.dropFirst(rosterTasks) {
      acc.absorb(t.acc)
      live.chat += t.live.chat; live.email += t.live.email; live.phone += t.live.phone
      out.problems += t.weekProblems; out.complaints += t.weekComplaints
    }

    // MARK: 3. The contact centre this week
    let volume = (chat: live.chat * scale, email: live.email * scale, phone: live.phone * scale)
    if !rosterAhead {
      forecast = volume  // the first week has no history: staffed to its own volume
      planRosters(phoneChannel, chatChannel)
    }
    let (seed, trial, queueMode) = (seed, trial, config.queueMode)
    func evaluation(_ channel: Int) -> QueuedChannel.Evaluation {
      queueMode == .erlangA ? .erlangA : .simulation(seed: seed, trial: trial, week: week, channel: channel)
    }
    out.phone = levers.offersPhone ? try phoneChannel.week(volume: volume.phone, agents: phoneRoster, levers: levers, world: w,
                                                           evaluation: evaluation(0), scratch: &queueScratch) : ChannelWeek()
    out.chat = levers.offersChat ? try chatChannel.week(volume: volume.chat, agents: chatRoster, levers: levers, world: w,
                                                        evaluation: evaluation(1), scratch: &queueScratch) : ChannelWeek()
    forecast = volume
    // Email: staffed so agents work at the occupancy cap (`ServiceExperience.emailResponseHours`).
    let emailWorkHours = volume.email * w.emailHandleMinutes * levers.careTime * pressure / 60
    let emailStaffedHours = levers.offersEmail ? max(emailWorkHours / levers.occupancyCap, volume.email > 0 ? 1 : 0) : 0
    let emailResponseHours = ServiceExperience.emailResponseHours(occupancyCap: levers.occupancyCap, w)
    c.abandon = [0, 0, out.chat.abandonRate, 0, out.phone.abandonRate]
    c.waitSeconds = [0, 0, out.chat.asa, emailResponseHours * 3600, out.phone.asa]
    acc.queue(out.phone); acc.queue(out.chat)
    acc.ahtMinutesSum += aht

    // MARK: 4. Outcomes, attitudes, word of mouth, churn (units in parallel)
    let second = c
    let outcomeDraws = CustomerDraws(seed: seed, trial: trial, firm: index, purpose: .service, week: week)
    let pass2 = try parallelMap(count: slots, unit: unit, threads: threads) { range in
      CustomerWeek.outcomes(view, range, second, draws: outcomeDraws, w: w, market: market, week: week)
    }
    for t in pass2 {
      acc.absorb(t.acc)
      out.churned += t.weekChurned
      out.alive += t.weekAlive
    }
    acc.customerWeeks += out.alive
    acc.churned += out.churned
    customers = Int(out.alive - out.churned)

    // MARK: 5. The workforce
    let floorHours = out.phone.staffedHours + out.chat.staffedHours + emailStaffedHours
    let busyHours = out.phone.busyHours + out.chat.busyHours + emailWorkHours
    let occupancy = floorHours > 0 ? min(1, busyHours / floorHours) : 0
    let staffing = workforce.week(floorHours: floorHours, occupancy: occupancy, levers: levers, training: training,
                                  employees: employees, w)
    acc.leavers += staffing.leavers
    acc.headcountWeeks += workforce.headcount
    acc.burnoutSum += workforce.burnout
    acc.busyHours += busyHours
    acc.floorHours += floorHours

    // MARK: 6. The ledger
    (out.serviceCost, out.profit) = acc.bookWeek(customers: out.alive - out.churned, headcount: workforce.headcount, hires: staffing.hires,
                                                 levers: levers, market: market, startingCustomers: startingCustomers, scale: scale,
                                                 discount: discount, w)
    if week >= config.weeks - 13 {
      acc.tailServiceCost += out.serviceCost; acc.tailCustomerWeeks += out.alive; acc.tailChurned += out.churned
    }
    discount /= 1 + weeklyDiscount
    return out
  }

  /// The channel choice for the current levers, built again only when they change (the
  /// controller moves them once a quarter at most); built every week, it was 18 small arrays a
  /// week, half the allocations of a trial.
  func channelChoice() -> ChannelChoice {
    if let cached = choiceCache, cached.levers == levers { return cached.choice }
    let choice = ChannelChoice(levers: levers, world: config.world)
    choiceCache = (levers, choice)
    return choice
  }

  private var choiceCache: (levers: Levers, choice: ChannelChoice)?

  /// This week's rosters on the offered queued channels, from `forecast` (`QueuedChannel.roster`).
  /// Touches only the staffing state, so it may run beside the contacts pass.
  private func planRosters(_ phone: QueuedChannel, _ chat: QueuedChannel) {
    let w = config.world
    if levers.offersPhone {
      phone.roster(forecast: forecast.phone, levers: levers, world: w, agents: &phoneRoster, servers: &phoneStaffing, scratch: &queueScratch)
    }
    if levers.offersChat {
      chat.roster(forecast: forecast.chat, levers: levers, world: w, agents: &chatRoster, servers: &chatStaffing, scratch: &queueScratch)
    }
  }

  /// Step 7's demand: the recruits this firm's marketing and word of mouth bring this week
  /// (`Acquisition.expectedRecruits`); consumes the week's tells.
  func expectedRecruits() -> Double {
    let w = config.world
    let attraction = Acquisition.priceAttraction(price: levers.price, meanPriceSensitivity: meanPriceSensitivity, market: market, w)
    let wom = Acquisition.wordOfMouth(positiveTells: acc.positiveTells, negativeTells: acc.negativeTells, market: market, w)
    acc.positiveTells = 0
    acc.negativeTells = 0
    return Acquisition.expectedRecruits(startingCustomers: startingCustomers, attraction: attraction, wordOfMouth: wom, market: market)
  }

  /// Appends `count` recruits, the next of the trial's recruits in order of arrival: the k-th
  /// recruit is item k of the firm's `recruits` stream (`Population.appendCustomers`). So the
  /// k-th recruit is the same person under every strategy, and lands in the same slot whenever
  /// the strategies have the same starting customers, so it also meets the same weekly uniforms
  /// (`CustomerDraws` are addressed by slot): common random numbers that keying recruits by
  /// (week, j) would lose as soon as two strategies' recruit counts differ. A market's newcomers
  /// use firm 0's stream, so a single-firm industry draws the same people as `Trial`.
  func admit(_ count: Int) throws {
    try pop.appendCustomers(count, key: streamKey(.recruits, 0), firstItem: recruited, market: market, segments: segments,
                            world: config.world, threads: threads)
    recruited += count
    customers += count
  }

  /// Recruits this firm has drawn so far (`admit`).
  private(set) var recruited = 0

  /// Adds customer `i` of `source` (a newcomer staged by the market, or a customer who left
  /// another firm) with a fresh history and starting `attitude`.
  func admit(copying source: PopulationView, _ i: Int, attitude: Double) {
    pop.append(copying: source, i, attitude: attitude)
    customers += 1
  }

  /// Leaves the market at the end of `week`: every remaining customer leaves too (counted as
  /// churned), and is returned (their slots) to shop among the other firms.
  func closeDown(_ week: Int) -> [(firm: Int, slot: Int)] {
    let v = pop.view
    var out: [(firm: Int, slot: Int)] = []
    for i in 0..<pop.count where v.alive[i] {
      v.alive[i] = false
      v.churnWeek[i] = Int32(week)
      out.append((index, i))
    }
    acc.churned += Double(out.count)
    customers = 0
    return out
  }

  /// The latest quarterly NPS survey (NaN before the first).
  var latestNPS: Double { lastNPS }

  /// Books this week's `recruits` (however they came), records the week when `recording`, and
  /// takes the quarter's steps: the NPS survey, the root-cause feedback loop and the controller.
  func closeWeek(_ week: Int, recruits: Int, service s: ServiceWeek, recording: Bool) -> WeekSnapshot? {
    let w = config.world
    let scale = config.customerScale
    acc.acquired += Double(recruits)
    acc.quarterAcquired += Double(recruits)
    acc.quarterChurned += s.churned
    acc.quarterCustomerWeeks += s.alive
    acc.quarterProblems += s.problems
    acc.quarterComplaints += s.complaints

    var snapshot: WeekSnapshot?
    if recording {
      let offered = s.phone.offered + s.chat.offered
      let csatCount = acc.csatCount - recordedCSAT.count
      snapshot = WeekSnapshot(
        week: week, customers: (s.alive - s.churned + Double(recruits)) * scale, churned: s.churned * scale,
        acquired: Double(recruits) * scale,
        csat: csatCount > 0 ? (acc.csatSum - recordedCSAT.sum) / csatCount : .nan,
        nps: lastNPS,
        serviceLevel: offered > 0 ? (s.phone.answeredWithin + s.chat.answeredWithin) / offered : .nan,
        abandonment: offered > 0 ? (s.phone.abandoned + s.chat.abandoned) / offered : .nan,
        agents: workforce.headcount, burnout: workforce.burnout,
        serviceLevelTarget: levers.serviceLevelTarget, occupancyCap: levers.occupancyCap, trainingHours: levers.trainingHours,
        knowledgeBase: levers.knowledgeBase, proactive: levers.proactive, recoveryCompensation: levers.recoveryCompensation,
        rootCauseSpend: levers.rootCauseSpend, price: levers.price,
        revenue: acc.revenue - recordedRevenue, serviceCost: s.serviceCost, cashFlow: s.profit)
      recordedRevenue = acc.revenue
      recordedCSAT = (acc.csatSum, acc.csatCount)
    }

    // MARK: 8. Quarterly (13 weeks): NPS survey, the root-cause feedback loop, the controller
    if week % 13 == 12 || week == config.weeks - 1 {
      if let nps = Surveys.netPromoterScore(pop, w, threads: threads) {
        acc.npsSum += nps; acc.npsSurveys += 1
        lastNPS = nps
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
    return snapshot
  }

  /// The trial's outcome for this firm.
  func outcome() throws -> TrialOutcome {
    try acc.outcome(pop: pop, n0: startingCustomers, weeks: config.weeks, scale: config.customerScale, price: levers.price,
                    horizonDiscount: discount, world: config.world, threads: threads)
  }
}
