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
/// hold customer by customer (docs/MODEL.md §8 lists what is synchronized).
public enum Trial {
  /// Uniform draws per customer slot per week, by stream: problems 1, decisions 2, service 2,
  /// churn 1. The performance benchmarks' GSL floor draws exactly these.
  public static let drawsPerCustomerWeek = (problems: 1, decisions: 2, service: 2, churn: 1)

  // Channel codes in per-customer scratch.
  static let noContact: UInt8 = 0, selfService: UInt8 = 1, chat: UInt8 = 2, email: UInt8 = 3, phone: UInt8 = 4

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
    var burnout = w.burnoutBase
    var tenure = 52.0
    var headcount = -1.0
    var forecast = (chat: -1.0, email: -1.0, phone: -1.0)
    var complaintCapture = 0.5
    var controller = ControllerState()
    let weeklyDiscount = pow(1 + w.annualDiscountRate, 1.0 / 52) - 1
    var discount = 1.0
    let meanPriceSensitivity = zip(market.segmentMix, Segment.allCases).reduce(0) { $0 + $1.0 * $1.1.profile.priceSensitivity }
      / market.segmentMix.reduce(0, +)

    for week in 0..<config.weeks {
      try employees.reset(to: key(.employees, week))
      try acquisition.reset(to: key(.acquisition, week))

      // MARK: This week's operating conditions
      let training = 1 - exp(-levers.trainingHours / 1.5)
      let skill = (0.6 + 0.4 * training) * (1 - 0.5 * exp(-tenure / w.skillRampWeeks))
      let courtesy = clamp01(0.55 + 0.3 * training + 0.1 * skill - 0.45 * burnout)
      let fcrPhone = min(0.98, max(0.05, 0.54 + 0.25 * skill + 0.15 * levers.knowledgeBase - 0.3 * burnout + 0.2 * (levers.careTime - 1)))
      let aht = w.phoneHandleMinutes * levers.careTime * (1.1 - 0.15 * levers.knowledgeBase) * (1 + 0.25 * burnout) * (1.15 - 0.15 * skill)
      let effectiveSpend = levers.rootCauseSpend * (0.5 + complaintCapture)
      let rootCauseTarget = w.rootCauseMaxReduction * (1 - exp(-effectiveSpend / w.rootCauseSpendScale))
      rootCauseEffect += (rootCauseTarget - rootCauseEffect) / w.rootCauseLagWeeks
      let education = 0.5 * levers.knowledgeBase + 0.5 * levers.proactive
      let pProduct = w.weeklyProblemRate * w.productProblemShare * (1 - rootCauseEffect)
      let pEmployee = w.weeklyProblemRate * w.employeeProblemShare * (1 + burnout) * (1 - 0.4 * training)
      let pCustomer = w.weeklyProblemRate * w.customerProblemShare * (1 - 0.4 * education)
      var c = WeekConditions(levers: levers, scale: scale)
      c.pProblem = pProduct + pEmployee + pCustomer
      c.productShare = pProduct / c.pProblem
      c.access = 0.6 + 0.4 * Double(levers.channelsOffered) / 4
      c.solicit = 1 + 0.6 * levers.complaintSolicitation
      c.quality = min(1, market.productQuality + 0.15 * rootCauseEffect)
      c.choice = ChannelChoice(levers: levers, world: w)
      c.selfServiceSuccess = min(0.95, w.selfServiceBaseResolution + w.selfServiceKnowledgeGain * levers.knowledgeBase)
      c.fcr = [0, 0, fcrPhone - 0.05, fcrPhone - 0.10, fcrPhone]
      c.courtesy = courtesy
      // Switching cost suppresses churn; better competitors pull customers away (assumption:
      // e^{1.5·(competitor service − 0.6)}).
      c.marketHazardFactor = (1 - market.switchingCost) * exp(1.5 * (market.competitorService - 0.6))

      let chunks = (pop.count + chunk - 1) / chunk
      guard chunks <= maxChunks else {
        throw ModelError(key: "population.size", value: "\(pop.count) customer slots", allowed: "at most \(maxChunks) chunks of \(chunk) customers")
      }
      let view = pop.view
      let slots = pop.count
      @Sendable func range(_ k: Int) -> Range<Int> { (k * chunk)..<min(slots, (k + 1) * chunk) }

      // MARK: Pass 1: problems, complaints, channel choice, self-service (chunks in parallel)
      let first = c
      let pass1 = try parallelMap(count: chunks, threads: threads) { k in
        let problems = try RandomStream(key: key(.problems, week * maxChunks + k))
        let decisions = try RandomStream(key: key(.decisions, week * maxChunks + k))
        return passOne(view, range(k), first, problems: problems, decisions: decisions, w: w, market: market, week: week)
      }
      var live = (chat: 0.0, email: 0.0, phone: 0.0)
      var weekProblems = 0.0, weekComplaints = 0.0
      for t in pass1 {
        acc.absorb(t.acc)
        live.chat += t.live.chat; live.email += t.live.email; live.phone += t.live.phone
        weekProblems += t.weekProblems; weekComplaints += t.weekComplaints
      }

      // MARK: The contact centre this week
      let volume = (chat: live.chat * scale, email: live.email * scale, phone: live.phone * scale)
      if forecast.phone < 0 { forecast = volume }
      let phoneChannel = QueuedChannel(handleSeconds: aht * 60, patienceSeconds: w.phonePatienceSeconds, concurrency: 1)
      let chatChannel = QueuedChannel(handleSeconds: w.chatHandleMinutes * 60 * levers.careTime, patienceSeconds: w.chatPatienceSeconds, concurrency: w.chatConcurrency)
      func evaluation(_ channel: Int) -> QueuedChannel.Evaluation {
        config.queueMode == .erlangA ? .erlangA : .simulation(seed: seed, trial: trial, week: week, channel: channel)
      }
      let phoneWeek = levers.offersPhone ? try phoneChannel.week(volume: volume.phone, forecast: forecast.phone, levers: levers, world: w,
                                                                 evaluation: evaluation(0), servers: &phoneStaffing, scratch: &queueScratch) : ChannelWeek()
      let chatWeek = levers.offersChat ? try chatChannel.week(volume: volume.chat, forecast: forecast.chat, levers: levers, world: w,
                                                              evaluation: evaluation(1), servers: &chatStaffing, scratch: &queueScratch) : ChannelWeek()
      forecast = volume
      // Email: staffed so agents work at the occupancy cap; the backlog's response time grows
      // as utilization u approaches 1: 8 h × (1 + u/(1 − u)) (assumption).
      let emailWorkHours = volume.email * w.emailHandleMinutes * levers.careTime / 60
      let emailStaffedHours = levers.offersEmail ? max(emailWorkHours / levers.occupancyCap, volume.email > 0 ? 1 : 0) : 0
      let emailUtilization = min(0.97, levers.occupancyCap)
      let emailResponseHours = 8 * (1 + emailUtilization / (1 - emailUtilization))
      c.abandon = [0, 0, chatWeek.abandonRate, 0, phoneWeek.abandonRate]
      c.waitSeconds = [0, 0, chatWeek.asa, emailResponseHours * 3600, phoneWeek.asa]
      acc.queue(phoneWeek); acc.queue(chatWeek)
      acc.ahtMinutesSum += aht

      // MARK: Pass 2: outcomes, attitudes, word of mouth, churn (chunks in parallel)
      let second = c
      let pass2 = try parallelMap(count: chunks, threads: threads) { k in
        let service = try RandomStream(key: key(.service, week * maxChunks + k))
        let churnStream = try RandomStream(key: key(.churn, week * maxChunks + k))
        return passTwo(view, range(k), second, service: service, churnStream: churnStream, w: w, market: market, week: week)
      }
      var weekChurned = 0.0, weekAlive = 0.0
      for t in pass2 {
        acc.absorb(t.acc)
        weekChurned += t.weekChurned
        weekAlive += t.weekAlive
      }
      acc.customerWeeks += weekAlive
      acc.churned += weekChurned

      // MARK: Employees
      let floorHours = phoneWeek.staffedHours + chatWeek.staffedHours + emailStaffedHours
      let busyHours = phoneWeek.busyHours + chatWeek.busyHours + emailWorkHours
      let occupancy = floorHours > 0 ? min(1, busyHours / floorHours) : 0
      let availableShare = (1 - w.shrinkage) * max(0.05, 1 - levers.trainingHours / w.hoursPerFTE)
      let required = floorHours / availableShare / w.hoursPerFTE
      let burnoutTarget = clamp01(w.burnoutBase + w.burnoutOccupancySlope * max(0, occupancy - 0.7)
                                  + w.burnoutPressureWeight * levers.targetPressure - 0.1 * training)
      burnout += w.burnoutAdjustRate * (burnoutTarget - burnout)
      if headcount < 0 { headcount = required }
      let quitProbability = -expm1(-w.baseAnnualAttrition / 52 * exp(w.burnoutAttritionSlope * burnout))
      let staff = Int(headcount.rounded())
      let leavers = staff > 0 ? Double(employees.binomial(trials: staff, probability: quitProbability)) : 0
      let stay = max(0, headcount - leavers)
      let hires = max(0, required - stay)
      tenure = required > 0 ? (min(stay, required) * (tenure + 1)) / max(required, 1e-9) : tenure
      headcount = required
      acc.leavers += leavers
      acc.headcountWeeks += headcount
      acc.burnoutSum += burnout
      acc.busyHours += busyHours
      acc.floorHours += floorHours

      // MARK: Money
      let alive = weekAlive - weekChurned
      let agentCost = headcount * w.agentWeeklyCost + hires * w.hiringCost
      let technology = levers.knowledgeBase * w.knowledgeBaseCostPerCustomerYear / 52 * alive * scale
      let rootCause = levers.rootCauseSpend / 52 * alive * scale
      let weekServiceCost = agentCost + technology + rootCause
        + acc.takeWeekVariableCost(scale: scale, w: w)
      let marketing = market.acquisitionRate * Double(n0) * scale * w.acquisitionCost
      // Contribution: revenue at the strategy's price less unit costs fixed at list price, so a
      // price cut comes straight out of margin.
      let weekContribution = acc.contribution - acc.contributionBooked
      acc.contributionBooked = acc.contribution
      let profit = weekContribution - weekServiceCost - marketing
      acc.serviceCost += weekServiceCost
      acc.agentCost += agentCost
      acc.profit += profit
      acc.profitNPV += profit * discount
      discount /= 1 + weeklyDiscount

      // MARK: Acquisition: marketing inflow plus referrals, minus deterrence
      let attraction = exp(market.priceWeight * meanPriceSensitivity * w.priceChurnSlope * (1 - levers.price))
      let wom = market.wordOfMouthWeight * (w.referralConversion * acc.positiveTells - w.deterrence * acc.negativeTells)
      acc.positiveTells = 0
      acc.negativeTells = 0
      let expected = max(0, market.acquisitionRate * Double(n0) * attraction + wom)
      let recruits = acquisition.poisson(mean: expected)
      for _ in 0..<recruits { pop.append(from: recruitStream, market: market, segments: segments, world: w) }
      acc.acquired += Double(recruits)
      acc.quarterAcquired += Double(recruits)
      acc.quarterChurned += weekChurned
      acc.quarterCustomerWeeks += weekAlive
      acc.quarterProblems += weekProblems
      acc.quarterComplaints += weekComplaints

      // MARK: Quarterly: NPS survey, the feedback loop, the controller
      if week % 13 == 12 || week == config.weeks - 1 {
        let v = pop.view
        var promoters = 0.0, detractors = 0.0, alive = 0.0
        for i in 0..<pop.count where v.alive[i] {
          let a = Double(v.attitude[i])
          promoters += Satisfaction.above(a, w.promoterCut, w.surveySpread)
          detractors += 1 - Satisfaction.above(a, w.detractorCut, w.surveySpread)
          alive += 1
        }
        if alive > 0 { acc.npsSum += 100 * (promoters - detractors) / alive; acc.npsSurveys += 1 }
        if acc.quarterProblems > 0 { complaintCapture = acc.quarterComplaints / acc.quarterProblems }
        if strategy.controller == .sweetspotHunter {
          let churnRate = acc.quarterCustomerWeeks > 0 ? acc.quarterChurned / acc.quarterCustomerWeeks : 0
          controller.step(churnRate: churnRate, acquired: acc.quarterAcquired, levers: &levers)
        }
        acc.quarterAcquired = 0; acc.quarterChurned = 0; acc.quarterCustomerWeeks = 0
        acc.quarterProblems = 0; acc.quarterComplaints = 0
      }
    }
    return acc.outcome(pop: pop, n0: n0, weeks: config.weeks, scale: scale, world: w)
  }

  /// Pass 1 over one chunk of slots: problems, complaints, channel choice, self-service.
  static func passOne(_ pop: PopulationView, _ range: Range<Int>, _ c: WeekConditions, problems: borrowing RandomStream,
                      decisions: borrowing RandomStream, w: World, market: Market, week: Int) -> ChunkTally {
    var t = ChunkTally()
    let levers = c.levers, pProblem = c.pProblem, productShare = c.productShare, access = c.access, solicit = c.solicit
    let choice = c.choice, selfServiceSuccess = c.selfServiceSuccess
    for i in range {
      let u1 = problems.uniform()
      let u2 = decisions.uniform()
      let u3 = decisions.uniform()
      pop.contactChannel[i] = noContact
      pop.experienced[i] = false
      guard pop.alive[i] else { continue }
      let seg = Int(pop.segment[i])
      var channel = noContact
      var size = 0.0
      var attempt: UInt8 = 1
      var isProblem = false
      if pop.pendingAttempts[i] > 0 {
        channel = pop.pendingChannel[i]
        size = Double(pop.pendingSize[i])
        attempt = pop.pendingAttempts[i] + 1
        isProblem = size > 0.1
      } else {
        let p = min(0.9, pProblem * Double(pop.problemPropensity[i]))
        if u1 < p {
          isProblem = true
          t.weekProblems += 1
          t.acc.problems += 1
          // Rescale the same uniform for cause, proactive notice and size.
          var v = u1 / p
          let isProduct = v < productShare
          v = isProduct ? v / productShare : (v - productShare) / (1 - productShare)
          size = min(1, -w.meanProblemSize * log1p(-min(v, 0.999_999)))
          if isProduct && v < w.knownProcessShare * levers.proactive {
            // Announced before the customer noticed: no contact, a milder experience.
            t.acc.notices += 1
            let perf = Satisfaction.performance(timeliness: 1, resolution: 0.8, courtesy: 0.8, effort: 1, compensation: 0, world: w)
            experience(pop, i, perf, weight: w.problemWeight * (0.3 + size) * 0.5, recovery: false, w, market)
            pop.experienced[i] = true
            continue
          }
          let pComplain = min(0.95, Double(pop.complaintPropensity[i]) * (0.6 + 1.2 * size) * access * solicit)
          if u2 < pComplain {
            t.weekComplaints += 1
            t.acc.complaints += 1
            channel = choice.pick(u2 / pComplain, segment: seg)
          } else {
            // Silent: no chance of recovery (Goodman). The problem stays unresolved.
            let perf = Satisfaction.performance(timeliness: 0.5, resolution: 0, courtesy: 0.5, effort: 0.5, compensation: 0, world: w)
            let s = experience(pop, i, perf, weight: w.problemWeight * (0.3 + size), recovery: false, w, market)
            pop.experienced[i] = true
            t.acc.wordOfMouth(s, complained: false, omega: Double(pop.wordOfMouth[i]), w)
            problemEnded(pop, i, cls: 1, size: size, week: week, w)
            continue
          }
        } else if u1 < p + w.weeklyInquiryRate {
          size = 0.1
          channel = choice.pick((u1 - p) / w.weeklyInquiryRate, segment: seg)
        } else {
          continue
        }
      }
      if channel == selfService {
        t.acc.selfServiceSessions += 1
        if u3 < selfServiceSuccess {
          let perf = Satisfaction.performance(timeliness: 1, resolution: 1, courtesy: 0.7, effort: 0.9, compensation: 0, world: w)
          let s = experience(pop, i, perf, weight: w.problemWeight * (0.3 + size) * (isProblem ? 1 : 0.3), recovery: isProblem, w, market)
          pop.experienced[i] = true
          t.acc.csat(s, w)
          pop.pendingAttempts[i] = 0
          if isProblem {
            t.acc.recovered += 1
            t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w)
            problemEnded(pop, i, cls: 4, size: size, week: week, w)
          }
          continue
        }
        channel = choice.escalate((u3 - selfServiceSuccess) / (1 - selfServiceSuccess), segment: seg)
        pop.contactEscalated[i] = true
        if channel == noContact {
          // Nowhere to turn: the issue ends unresolved.
          let perf = Satisfaction.performance(timeliness: 0.5, resolution: 0, courtesy: 0.5, effort: 0.2, compensation: 0, world: w)
          let s = experience(pop, i, perf, weight: w.problemWeight * (0.3 + size), recovery: false, w, market)
          pop.experienced[i] = true
          pop.pendingAttempts[i] = 0
          if isProblem { t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w); problemEnded(pop, i, cls: 2, size: size, week: week, w) }
          continue
        }
      } else {
        pop.contactEscalated[i] = false
      }
      pop.contactChannel[i] = channel
      pop.contactAttempt[i] = attempt
      pop.contactSize[i] = Float(size)
      pop.contactIsProblem[i] = isProblem
      switch channel {
      case chat: t.live.chat += 1
      case email: t.live.email += 1
      default: t.live.phone += 1
      }
    }

    return t
  }

  /// Pass 2 over one chunk of slots: contact outcomes, attitudes, word of mouth, churn.
  static func passTwo(_ pop: PopulationView, _ range: Range<Int>, _ c: WeekConditions, service: borrowing RandomStream,
                      churnStream: borrowing RandomStream, w: World, market: Market, week: Int) -> ChunkTally {
    var t = ChunkTally()
    let levers = c.levers, fcr = c.fcr, courtesy = c.courtesy, abandon = c.abandon, waitSeconds = c.waitSeconds
    let quality = c.quality, marketHazardFactor = c.marketHazardFactor, scale = c.scale
    for i in range {
      let u5 = service.uniform()
      let u6 = service.uniform()
      let u7 = churnStream.uniform()
      guard pop.alive[i] else { continue }
      t.weekAlive += 1
      let channel = pop.contactChannel[i]
      if channel != noContact {
        let ch = Int(channel)
        let attempt = pop.contactAttempt[i]
        let size = Double(pop.contactSize[i])
        let isProblem = pop.contactIsProblem[i]
        let patience = Double(pop.patience[i])
        let timeliness = ch == Int(email) ? exp(-waitSeconds[ch] / (24 * 3600)) : exp(-waitSeconds[ch] / patience)
        let effort = max(0.1, 1 - 0.25 * Double(attempt - 1) - (pop.contactEscalated[i] ? 0.2 : 0))
        let weight = w.problemWeight * (0.3 + size) * (isProblem ? 1 : 0.3)
        if u5 < abandon[ch] {
          t.acc.abandonedContacts += 1
          let perf = Satisfaction.performance(timeliness: 0, resolution: 0, courtesy: 0.5, effort: 0.3, compensation: 0, world: w)
          let s = experience(pop, i, perf, weight: weight, recovery: false, w, market)
          if u5 / abandon[ch] < w.abandonRetryProbability && Int(attempt) < w.maxAttempts {
            pendIssue(pop, i, attempt, size, channel)
          } else {
            pop.pendingAttempts[i] = 0
            if isProblem { t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w); problemEnded(pop, i, cls: 2, size: size, week: week, w) }
          }
        } else {
          t.acc.answeredContacts += 1
          if attempt == 1 && !pop.contactEscalated[i] { t.acc.firstContacts += 1 }
          let resolved = u6 < fcr[ch]
          if resolved {
            if attempt == 1 && !pop.contactEscalated[i] { t.acc.resolvedFirst += 1 }
            let comp = isProblem ? levers.recoveryCompensation : 0
            t.acc.compensation += comp
            let perf = Satisfaction.performance(timeliness: timeliness, resolution: 1, courtesy: courtesy, effort: effort,
                                                compensation: comp / (comp + 10), world: w)
            let s = experience(pop, i, perf, weight: weight, recovery: isProblem, w, market)
            t.acc.csat(s, w)
            pop.pendingAttempts[i] = 0
            if isProblem {
              t.acc.recovered += 1
              t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w)
              problemEnded(pop, i, cls: attempt == 1 && !pop.contactEscalated[i] ? 4 : 3, size: size, week: week, w)
            }
          } else {
            let perf = Satisfaction.performance(timeliness: timeliness, resolution: 0, courtesy: courtesy, effort: effort, compensation: 0, world: w)
            let s = experience(pop, i, perf, weight: weight * 0.6, recovery: false, w, market)
            t.acc.csat(s, w)
            let retry = (u6 - fcr[ch]) / (1 - fcr[ch])
            if Int(attempt) < w.maxAttempts && retry < w.retryProbability {
              pendIssue(pop, i, attempt, size, channel)
            } else {
              pop.pendingAttempts[i] = 0
              if isProblem { t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w); problemEnded(pop, i, cls: 2, size: size, week: week, w) }
            }
          }
        }
        pop.experienced[i] = true
      }
      if !pop.experienced[i] {
        // An ordinary week: attitude drifts toward what the product sustains.
        let s = Satisfaction.productExperience(expectation: Double(pop.expectation[i]), quality: quality, world: w)
        pop.attitude[i] = Float((1 - w.weeklyDriftWeight) * Double(pop.attitude[i]) + w.weeklyDriftWeight * s)
        pop.loyalty[i] = Float((1 - w.weeklyDriftWeight) * Double(pop.loyalty[i]) + w.weeklyDriftWeight * s)
      }
      let loyalty = Double(pop.loyalty[i])
      if loyalty >= w.topBoxThreshold { t.acc.positiveTells += Double(pop.wordOfMouth[i]) * w.promoterWeeklyTells }
      // Churn hazard: attitude (with a top-box effect), price, switching cost, competitors.
      var h = Double(pop.baseHazard[i]) * exp(w.churnAttitudeSlope * (0.6 - loyalty))
      if loyalty >= w.topBoxThreshold { h *= w.topBoxHazardFactor }
      if levers.price != 1 {
        h *= exp(market.priceWeight * Double(pop.priceSensitivity[i]) * w.priceChurnSlope * (levers.price - 1))
      }
      h *= marketHazardFactor
      let noProblemYet = pop.tarpClass[i] == 0 && pop.pendingAttempts[i] == 0
      if noProblemYet { t.acc.noProblemWeeks += 1 }
      // This week's churn: the hazard, and the one-time TARP decision if a problem just ended.
      // e^{−h} by its series for the usual weekly hazards (h < 0.01: error < h⁵/120 ≈ 10⁻¹²),
      // libm otherwise: this exponential ran once per customer-week.
      let survive = h < 0.01 ? 1 - h * (1 - h * (0.5 - h * (1.0 / 6 - h / 24))) : exp(-h)
      let leave = 1 - survive * (1 - Double(pop.defection[i]))
      pop.defection[i] = 0
      if u7 < leave {
        pop.alive[i] = false
        pop.churnWeek[i] = Int32(week)
        t.weekChurned += 1
        if noProblemYet { t.acc.noProblemChurned += 1 }
      } else {
        t.acc.revenue += Double(pop.revenue[i]) * levers.price * scale
        t.acc.contribution += Double(pop.revenue[i]) * (levers.price - (1 - w.grossMargin)) * scale
      }
    }
    return t
  }

  /// Folds one experience into the customer's attitude and loyalty; returns its satisfaction.
  /// Without the service-recovery paradox, a recovery cannot lift loyalty above what the
  /// customer would feel with no problem at all (de Matos et al. 2007).
  @discardableResult @inline(__always)
  static func experience(_ pop: PopulationView, _ i: Int, _ performance: Double, weight: Double,
                         recovery: Bool, _ w: World, _ market: Market) -> Double {
    let e = Double(pop.expectation[i])
    let s = Satisfaction.disconfirmation(performance: performance, expectation: e, world: w)
    let k = min(1, weight)
    pop.attitude[i] = Float((1 - k) * Double(pop.attitude[i]) + k * s)
    var sl = s
    if recovery && !w.serviceRecoveryParadox {
      sl = min(s, Satisfaction.productExperience(expectation: e, quality: market.productQuality, world: w))
    }
    pop.loyalty[i] = Float((1 - k) * Double(pop.loyalty[i]) + k * sl)
    return s
  }

  /// A problem ended in outcome class `cls`: record the first problem's class for the TARP
  /// table and arm the one-time repurchase decision taken with this week's churn draw.
  @inline(__always)
  static func problemEnded(_ pop: PopulationView, _ i: Int, cls: UInt8, size: Double, week: Int, _ w: World) {
    if pop.tarpClass[i] == 0 {
      pop.tarpClass[i] = cls
      pop.tarpWeek[i] = Int32(week)
    }
    pop.defection[i] = Float(defection(cls: cls, size: size, w))
  }

  /// The TARP overlay's one-time probability of leaving when a problem ends in outcome class
  /// `cls` (1 silent … 4 resolved quickly), for a problem of `size` in 0 … 1.
  @inline(__always)
  static func defection(cls: UInt8, size: Double, _ w: World) -> Double {
    let k = Int(cls) - 1
    let repurchase = w.tarpRepurchaseSmall[k] + (w.tarpRepurchaseLarge[k] - w.tarpRepurchaseSmall[k]) * size
    return w.intentionToBehaviour * (1 - repurchase)
  }

  @inline(__always)
  static func pendIssue(_ pop: PopulationView, _ i: Int, _ attempt: UInt8, _ size: Double, _ channel: UInt8) {
    pop.pendingAttempts[i] = attempt
    pop.pendingSize[i] = Float(size)
    pop.pendingChannel[i] = channel
  }
}

@inline(__always) func clamp01(_ x: Double) -> Double { min(1, max(0, x)) }
