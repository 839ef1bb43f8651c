#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotNumerics

/// The two passes over customers in a week, one chunk of slots at a time. Each customer's
/// uniforms are Philox blocks addressed by (trial, firm, week, pass, slot) (`CustomerDraws`), so
/// customer i in week t sees the same uniforms under every strategy, whatever the chunking or
/// thread count (common random numbers); every decision reuses or rescales those uniforms, so no
/// mechanism changes another's draws. A slot that is no longer a customer computes none: its
/// draws are addressed, not read off a sequence, so skipping them shifts nothing.
///
/// Every customer-week needs two uniforms (whether a problem or inquiry arises; whether the
/// customer leaves) and only the few with a live contact need more. So the contacts pass's block
/// gives four: its three and the churn uniform, whose 32 bits wait in the slot's scratch for the
/// outcomes pass; the outcomes pass computes its block (abandonment, resolution) only for a live
/// contact. One block per customer-week instead of two: a block is ten dependent 64-bit
/// multiplications, the largest single cost of a week.
enum CustomerWeek {
  /// Pass 1: a carried-over issue is retried, or a new problem or inquiry arises; the customer
  /// complains or stays silent (or is warned by a proactive notice), picks a channel, and may
  /// resolve the issue in self-service. Live contacts are left in the slot's weekly scratch for
  /// the contact centre. Uniforms (the slot's `.problems` block): u1 (problems: occurrence, cause,
  /// notice, size), u2 (complaint and channel), u3 (self-service outcome and escalation), and the
  /// fourth 32 bits kept for the churn uniform u7 of pass 2.
  static func contacts(_ pop: PopulationView, _ range: Range<Int>, _ c: WeekConditions, draws: CustomerDraws,
                       w: World, market: Market, week: Int) -> ChunkTally {
    var t = ChunkTally()
    let pProblem = c.pProblem, productShare = c.productShare, access = c.access, solicit = c.solicit
    let choice = c.choice, selfServiceSuccess = c.selfServiceSuccess
    for i in range {
      // Cleared only where set: most slots are already clear, and an unwritten line of memory
      // need not be written back (this pass streams every slot every week).
      if pop.contactChannel[i] != .none { pop.contactChannel[i] = .none }
      if pop.experienced[i] { pop.experienced[i] = false }
      guard pop.alive[i] else { continue }
      let (u1, u2, u3, churnBits) = draws.uniformsAndWord(i)
      pop.churnDraw[i] = churnBits
      let seg = Int(pop.segment[i])
      var channel = ContactChannel.none
      var size = 0.0
      var attempt: UInt8 = 1
      var isProblem = false
      if pop.pendingAttempts[i] > 0 {
        // An issue carried over from last week: try again on the same channel.
        channel = pop.pendingChannel[i]
        size = Double(pop.pendingSize[i])
        attempt = pop.pendingAttempts[i] + 1
        isProblem = size > w.inquirySize
      } else {
        let p = Problems.probability(rate: pProblem, propensity: Double(pop.problemPropensity[i]))
        if u1 < p {
          isProblem = true
          t.weekProblems += 1
          t.acc.problems += 1
          // Rescale the same uniform for cause, proactive notice and size.
          var v = u1 / p
          let isProduct = v < productShare
          v = isProduct ? v / productShare : (v - productShare) / (1 - productShare)
          size = Problems.size(uniform: v, w)
          if isProduct && v < w.knownProcessShare * c.proactiveCoverage {
            // Announced before the customer noticed: no contact, a milder experience.
            t.acc.notices += 1
            experience(pop, i, ServiceExperience.notice(w), weight: ServiceExperience.weight(size: size, w) * w.noticeWeightFactor,
                       recovery: false, w, market)
            pop.experienced[i] = true
            continue
          }
          let pComplain = Problems.complaintProbability(propensity: Double(pop.complaintPropensity[i]), size: size,
                                                        access: access, solicit: solicit, w)
          if u2 < pComplain {
            t.weekComplaints += 1
            t.acc.complaints += 1
            channel = choice.pick(u2 / pComplain, segment: seg)
          } else {
            // Silent: no chance of recovery (Goodman). The problem stays unresolved.
            let s = experience(pop, i, ServiceExperience.silent(w), weight: ServiceExperience.weight(size: size, w), recovery: false, w, market)
            pop.experienced[i] = true
            t.acc.wordOfMouth(s, complained: false, omega: Double(pop.wordOfMouth[i]), w)
            problemEnded(pop, i, .silent, size: size, week: week, market, w)
            continue
          }
        } else if u1 < p + w.weeklyInquiryRate {
          size = w.inquirySize
          channel = choice.pick((u1 - p) / w.weeklyInquiryRate, segment: seg)
        } else {
          continue
        }
      }
      if channel == .selfService {
        t.acc.selfServiceSessions += 1
        if u3 < selfServiceSuccess {
          let weight = ServiceExperience.weight(size: size, w) * (isProblem ? 1 : w.inquiryWeightFactor)
          let s = experience(pop, i, ServiceExperience.selfServiceSolved(w), weight: weight, recovery: isProblem, w, market)
          pop.experienced[i] = true
          t.acc.csat(s, w)
          pop.pendingAttempts[i] = 0
          if isProblem {
            t.acc.recovered += 1
            t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w)
            problemEnded(pop, i, .resolvedQuickly, size: size, week: week, market, w)
          }
          continue
        }
        channel = choice.escalate((u3 - selfServiceSuccess) / (1 - selfServiceSuccess), segment: seg)
        pop.contactEscalated[i] = true
        if channel == .none {
          // Nowhere to turn: the issue ends unresolved.
          let s = experience(pop, i, ServiceExperience.stranded(w), weight: ServiceExperience.weight(size: size, w), recovery: false, w, market)
          pop.experienced[i] = true
          pop.pendingAttempts[i] = 0
          if isProblem { t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w); problemEnded(pop, i, .unresolved, size: size, week: week, market, w) }
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
      case .chat: t.live.chat += 1
      case .email: t.live.email += 1
      default: t.live.phone += 1
      }
    }
    return t
  }

  /// Pass 2: live contacts are abandoned (and perhaps retried next week) or answered, and
  /// resolved or not; every experience moves attitude and loyalty; a week without one lets
  /// attitude drift toward what the product sustains; promoters talk; then the churn hazard and
  /// any repurchase decision armed this week meet the churn uniform, and those who stay pay.
  /// Uniforms: u5 (abandonment, then retry) and u6 (resolution, then retry) from the slot's
  /// `.service` block, computed only for a live contact; u7 (churn) from the bits pass 1 kept.
  static func outcomes(_ pop: PopulationView, _ range: Range<Int>, _ c: WeekConditions, draws: CustomerDraws,
                       w: World, market: Market, week: Int) -> ChunkTally {
    var t = ChunkTally()
    let levers = c.levers, fcr = c.fcr, courtesy = c.courtesy, abandon = c.abandon, waitSeconds = c.waitSeconds
    let quality = c.quality, marketHazardFactor = c.marketHazardFactor, scale = c.scale
    var listRevenue = 0.0  // Σ weekly revenue at list price of those who stay
    for i in range {
      guard pop.alive[i] else { continue }
      t.weekAlive += 1
      let channel = pop.contactChannel[i]
      if channel != .none {
        let (u5, u6, _) = draws.uniforms(i)
        let ch = channel.index
        let attempt = pop.contactAttempt[i]
        let size = Double(pop.contactSize[i])
        let isProblem = pop.contactIsProblem[i]
        let escalated = pop.contactEscalated[i]
        let timeliness = ServiceExperience.timeliness(channel: channel, waitSeconds: waitSeconds[ch], patienceSeconds: Double(pop.patience[i]), w)
        let effort = ServiceExperience.effort(attempt: attempt, escalated: escalated, w)
        let weight = ServiceExperience.weight(size: size, w) * (isProblem ? 1 : w.inquiryWeightFactor)
        if u5 < abandon[ch] {
          t.acc.abandonedContacts += 1
          let s = experience(pop, i, ServiceExperience.abandoned(w), weight: weight, recovery: false, w, market)
          if u5 / abandon[ch] < w.abandonRetryProbability && Int(attempt) < w.maxAttempts {
            pendIssue(pop, i, attempt, size, channel)
          } else {
            pop.pendingAttempts[i] = 0
            if isProblem { t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w); problemEnded(pop, i, .unresolved, size: size, week: week, market, w) }
          }
        } else {
          t.acc.answeredContacts += 1
          let firstContact = attempt == 1 && !escalated
          if firstContact { t.acc.firstContacts += 1 }
          if u6 < fcr[ch] {
            if firstContact { t.acc.resolvedFirst += 1 }
            let comp = isProblem ? levers.recoveryCompensation : 0
            t.acc.compensation += comp
            let compScore = ServiceExperience.compensationScore(comp, w)
            let perf = ServiceExperience.answered(resolved: true, timeliness: timeliness, courtesy: courtesy, effort: effort,
                                                  compensation: compScore, w)
            let s = experience(pop, i, perf, weight: weight, recovery: isProblem, w, market)
            t.acc.csat(s, w)
            pop.pendingAttempts[i] = 0
            if isProblem {
              t.acc.recovered += 1
              t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w)
              problemEnded(pop, i, firstContact ? .resolvedQuickly : .resolved, size: size, week: week, compensationScore: compScore, market, w)
            }
          } else {
            // Unresolved. If the customer will try again, the issue is still open and this contact
            // weighs less (`unresolved_weight_factor`); a final failure weighs in full.
            let retry = (u6 - fcr[ch]) / (1 - fcr[ch])
            let willRetry = Int(attempt) < w.maxAttempts && retry < w.retryProbability
            let perf = ServiceExperience.answered(resolved: false, timeliness: timeliness, courtesy: courtesy, effort: effort, compensation: 0, w)
            let s = experience(pop, i, perf, weight: willRetry ? weight * w.unresolvedWeightFactor : weight, recovery: false, w, market)
            t.acc.csat(s, w)
            if willRetry {
              pendIssue(pop, i, attempt, size, channel)
            } else {
              pop.pendingAttempts[i] = 0
              if isProblem { t.acc.wordOfMouth(s, complained: true, omega: Double(pop.wordOfMouth[i]), w); problemEnded(pop, i, .unresolved, size: size, week: week, market, w) }
            }
          }
        }
        pop.experienced[i] = true
      }
      if !pop.experienced[i] { productWeek(pop, i, quality: quality, w) }
      let loyalty = Double(pop.loyalty[i])
      if loyalty >= w.topBoxThreshold { t.acc.positiveTells += Double(pop.wordOfMouth[i]) * w.promoterWeeklyTells }
      let u7 = Philox.uniform32(UInt64(pop.churnDraw[i]))
      let noProblemYet = pop.tarpClass[i] == .none && pop.pendingAttempts[i] == 0
      if noProblemYet { t.acc.noProblemWeeks += 1 }
      let defection = Double(pop.defection[i])
      if defection != 0 { pop.defection[i] = 0 }
      if Churn.leaves(uniform: u7, baseHazard: Double(pop.baseHazard[i]), loyalty: loyalty, priceSensitivity: Double(pop.priceSensitivity[i]),
                      price: levers.price, market: market, marketFactor: marketHazardFactor, defection: defection, w) {
        pop.alive[i] = false
        pop.churnWeek[i] = Int32(week)
        t.weekChurned += 1
        if noProblemYet { t.acc.noProblemChurned += 1 }
      } else {
        listRevenue += Double(pop.revenue[i])
      }
    }
    t.acc.bookCustomerWeeks(listRevenue: listRevenue, price: levers.price, scale: scale, w)
    return t
  }

  /// Folds one experience into the customer's attitude and loyalty (Bolton 1998's anchoring:
  /// A ← (1 − k)A + kS, k = min(1, weight)); returns its satisfaction S (expectation–
  /// disconfirmation). Without the service-recovery paradox, a recovery cannot lift loyalty
  /// above what the customer would feel with no problem at all (de Matos et al. 2007).
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

  /// An ordinary week: attitude and loyalty drift `weekly_drift_weight` of the way toward the
  /// satisfaction the product sustains at this week's quality.
  @inline(__always)
  static func productWeek(_ pop: PopulationView, _ i: Int, quality: Double, _ w: World) {
    let s = Satisfaction.productExperience(expectation: Double(pop.expectation[i]), quality: quality, world: w)
    pop.attitude[i] = Float((1 - w.weeklyDriftWeight) * Double(pop.attitude[i]) + w.weeklyDriftWeight * s)
    pop.loyalty[i] = Float((1 - w.weeklyDriftWeight) * Double(pop.loyalty[i]) + w.weeklyDriftWeight * s)
  }

  /// A problem ended with `outcome`: record the first problem's outcome for the TARP table and
  /// arm the one-time repurchase decision taken with this week's churn draw.
  @inline(__always)
  static func problemEnded(_ pop: PopulationView, _ i: Int, _ outcome: ProblemOutcome, size: Double, week: Int, compensationScore: Double = 0,
                           _ market: Market, _ w: World) {
    if pop.tarpClass[i] == .none {
      pop.tarpClass[i] = outcome
      pop.tarpWeek[i] = Int32(week)
    }
    pop.defection[i] = Float(Churn.repurchaseDefection(outcome, size: size, compensationScore: compensationScore, market: market, w))
  }

  /// The issue stays open for another attempt next week on the same channel.
  @inline(__always)
  static func pendIssue(_ pop: PopulationView, _ i: Int, _ attempt: UInt8, _ size: Double, _ channel: ContactChannel) {
    pop.pendingAttempts[i] = attempt
    pop.pendingSize[i] = Float(size)
    pop.pendingChannel[i] = channel
  }
}
