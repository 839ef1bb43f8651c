import SweetspotNumerics
import SweetspotQueueing

/// How the contact centre handles one week of live contacts on one channel.
struct ChannelWeek {
  var offered = 0.0
  var abandoned = 0.0
  var answeredWithin = 0.0
  var waitAnswered = 0.0  // Σ wait of answered contacts, seconds
  var busyHours = 0.0
  var staffedHours = 0.0  // agent-hours on the floor (before shrinkage)

  var abandonRate: Double { offered > 0 ? abandoned / offered : 0 }
  var asa: Double { offered - abandoned > 0 ? waitAnswered / (offered - abandoned) : 0 }
  var serviceLevel: Double { offered > 0 ? answeredWithin / offered : 1 }
}

/// A queued channel (phone or chat) for one week: the intraday profile is staffed interval by
/// interval to the strategy's service-level target from a volume forecast (last week's volume),
/// no interval above the occupancy cap; then this week's actual volume meets that staffing.
///
/// Fast mode evaluates each interval with Erlang A (stationary-independent-period approach);
/// simulation mode runs the discrete-event simulator on the same intervals instead.
struct QueuedChannel {
  var handleSeconds: Double
  var patienceSeconds: Double
  /// Contacts one agent handles at once (chat); servers = agents × concurrency.
  var concurrency: Double

  /// Agents for one interval: the Erlang A minimum for the target, at least load ÷ cap; and the
  /// Erlang A minimum in servers (agents × concurrency), next week's search hint.
  func staffing(forecastPerHour rate: Double, levers: Levers, hint: Int?, scratch: inout [Double]) -> (agents: Int, servers: Int) {
    guard rate > 0 else { return (1, 0) }
    let load = rate / 3600 * handleSeconds / concurrency
    let capped = Int((load / levers.occupancyCap).rounded(.up))
    let target = StaffingTarget.serviceLevel(min(max(levers.serviceLevelTarget, 0.01), 0.999), withinSeconds: levers.answerWithinSeconds)
    let servers = (try? Staffing.minimumAgents(arrivalRate: rate / 3600, meanHandleTime: handleSeconds, meanPatience: patienceSeconds,
                                               target: target, hint: hint, serviceLevelOnly: true, scratch: &scratch).agents) ?? capped
    let agents = Int((Double(servers) / concurrency).rounded(.up))
    return (max(1, max(agents, capped)), servers)
  }

  /// Where one interval's queue metrics come from: Erlang A (fast), or the discrete-event
  /// simulator with streams keyed by the trial, week, channel and interval.
  enum Evaluation {
    case erlangA
    case simulation(seed: UInt64, trial: Int, week: Int, channel: Int)
  }

  /// Each interval of the intraday profile with its share of the weekly volume per
  /// interval-hour: the one split the roster staffs to and the week's contacts meet.
  private func forEachInterval(_ world: World, _ body: (_ interval: Int, _ share: Double) throws -> Void) rethrows {
    let shape = world.intradayShape
    let shapeTotal = shape.reduce(0, +)
    for (i, w) in shape.enumerated() { try body(i, w / shapeTotal / world.daysPerWeek) }
  }

  /// The week's roster: agents per interval of the intraday profile, staffed to the strategy's
  /// target from `forecast` (last week's volume) with no interval above the occupancy cap, into
  /// `agents`. `servers` holds last week's exact staffing per interval (the staffing search's
  /// starting hints) and receives this week's. It reads nothing of this week's contacts, so a
  /// firm computes it beside the contacts pass (`Firm.serviceWeek`).
  func roster(forecast: Double, levers: Levers, world: World, agents: inout [Int], servers hints: inout [Int],
              scratch: inout [Double]) {
    let intervals = world.intradayShape.count
    if hints.count != intervals { hints = [Int](repeating: 0, count: intervals) }
    agents.removeAll(keepingCapacity: true)
    forEachInterval(world) { i, share in
      let plan = staffing(forecastPerHour: forecast * share, levers: levers, hint: hints[i] > 0 ? hints[i] : nil, scratch: &scratch)
      agents.append(plan.agents)
      hints[i] = plan.servers
    }
  }

  /// One week on this channel: `volume` contacts meet the roster's `agents` per interval.
  ///
  /// With Erlang A each interval is in its own steady state (the stationary-independent-period
  /// approach). With simulation each interval is simulated over its five occurrences (one
  /// continuous run of days × 1 h after a half-hour warm-up).
  func week(volume: Double, agents: [Int], levers: Levers, world: World, evaluation: Evaluation = .erlangA,
            scratch: inout [Double]) throws -> ChannelWeek {
    var out = ChannelWeek()
    let days = world.daysPerWeek
    precondition(agents.count == world.intradayShape.count, "a roster has one staffing per interval")
    try forEachInterval(world) { i, share in
      let rate = volume * share
      let n = agents[i]
      out.staffedHours += Double(n) * days
      guard rate > 0 else { return }
      let servers = max(1, Int((Double(n) * concurrency).rounded(.down)))
      let offered = rate * days
      switch evaluation {
      case .erlangA:
        guard let model = try? QueueModel(arrivalRate: rate / 3600, meanHandleTime: handleSeconds, agents: servers, meanPatience: patienceSeconds),
              let m = try? ErlangA.metrics(model, answerWithin: levers.answerWithinSeconds, scratch: &scratch) else { return }
        // The strategy staffs to its own threshold; the service level is reported at the
        // industry's (20 s), so strategies compare on one definition.
        let reported = levers.answerWithinSeconds == world.reportingThresholdSeconds ? m
          : (try? ErlangA.metrics(model, answerWithin: world.reportingThresholdSeconds, scratch: &scratch)) ?? m
        out.offered += offered
        out.abandoned += offered * m.probabilityOfAbandonment
        out.answeredWithin += offered * reported.serviceLevel
        out.waitAnswered += offered * (1 - m.probabilityOfAbandonment) * m.averageSpeedOfAnswer
        out.busyHours += m.occupancy * Double(servers) / concurrency * days
      case let .simulation(seed, trial, week, channel):
        let sc = try QueueScenario(arrivalsPerHour: [rate], handleTime: .exponential(mean: handleSeconds),
                                   patience: .exponential(mean: patienceSeconds), agents: servers,
                                   answerWithinSeconds: world.reportingThresholdSeconds,
                                   horizonSeconds: days * 3600, warmupSeconds: 1800)
        let t = try QueueSimulator(scenario: sc).replicate(seed: seed, replication: trial, part: (week * 4 + channel) * 64 + i)
        let scale = offered / max(Double(t.offered), 1)  // per contact → the interval's volume
        out.offered += offered
        out.abandoned += Double(t.abandoned) * scale
        out.answeredWithin += Double(t.answeredWithin) * scale
        out.waitAnswered += t.totalWaitAnswered * scale
        out.busyHours += t.busyTime / 3600 / concurrency
      }
    }
    return out
  }
}

/// How queue metrics are computed inside a trial.
public enum QueueMode: String, Sendable, CaseIterable {
  /// Erlang A per interval (fast; the default).
  case erlangA = "erlang-a"
  /// The discrete-event simulator per interval (high fidelity; slower).
  case simulation
}
