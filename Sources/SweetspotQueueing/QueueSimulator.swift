import HeapModule
import DequeModule
import SweetspotNumerics

/// What one replication of the queue simulator counted, after warm-up.
///
/// Contacts are counted by arrival time in [warm-up, warm-up + horizon); each counted contact is
/// followed to its end (answered or abandoned) even past the horizon, so no contact is censored.
/// Agent busy time and queue length are time-integrals clipped to the observed window.
public struct ReplicationTally: Sendable, Equatable {
  public var offered = 0, answered = 0, abandoned = 0, waited = 0, answeredWithin = 0
  /// Σ wait over all counted contacts (abandoners up to abandonment), seconds.
  public var totalWait = 0.0
  /// Σ wait over answered counted contacts, seconds.
  public var totalWaitAnswered = 0.0
  /// ∫ busy agents dt over the window, agent-seconds.
  public var busyTime = 0.0
  /// ∫ queue length dt over the window, contact-seconds.
  public var queueArea = 0.0
  /// Every arrival simulated, counted or not (for throughput).
  public var simulatedArrivals = 0

  public init() {}

  /// The replication's metrics (NaN where undefined, e.g. ASA with nobody answered).
  public func metrics(agents: Int, window: Double) -> QueueMetrics {
    let n = Double(offered)
    return QueueMetrics(
      probabilityOfWaiting: Double(waited) / n,
      meanWait: totalWait / n,
      averageSpeedOfAnswer: answered > 0 ? totalWaitAnswered / Double(answered) : .nan,
      probabilityOfAbandonment: Double(abandoned) / n,
      serviceLevel: Double(answeredWithin) / n,
      occupancy: busyTime / (Double(agents) * window),
      meanQueueLength: queueArea / window)
  }
}

/// A discrete-event simulator of a multi-agent FCFS queue with abandonment.
///
/// Events sit in a binary heap (swift-collections `Heap`) keyed by (time, sequence number): ties
/// are broken by the order events were scheduled, never at random, so the number of random draws
/// never depends on tie handling. Each replication has three streams, arrivals, handle times and
/// patience, keyed by (seed, replication, purpose); handle time and patience are drawn for every
/// arrival whether or not it waits, so scenarios that differ only in staffing see the same
/// callers (common random numbers). Abandonment needs no event: a waiting caller's deadline is
/// known at arrival, and when an agent frees, callers whose deadline has passed are removed from
/// the head of the line with their abandonment time. Storage is reserved up front, so steady
/// state allocates nothing per event.
public struct QueueSimulator: Sendable {
  public let scenario: QueueScenario

  public init(scenario: QueueScenario) { self.scenario = scenario }

  struct Event: Comparable {
    var time: Double
    var sequence: UInt64
    var isArrival: Bool
    static func < (a: Event, b: Event) -> Bool {
      a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
    }
    static func == (a: Event, b: Event) -> Bool { a.time == b.time && a.sequence == b.sequence }
  }

  struct Waiting {
    var arrival: Double, deadline: Double, handle: Double, counted: Bool
  }

  /// Simulates replication `replication` of the experiment with `seed`.
  /// `part` distinguishes independent runs within one trial (the world model simulates each
  /// interval of each week as its own part).
  public func replicate(seed: UInt64, replication: Int, part: Int = 0) throws -> ReplicationTally {
    let arrivals = try RandomStream(key: StreamKey(seed: seed, trial: replication, purpose: .arrivals, part: part))
    let handles = try RandomStream(key: StreamKey(seed: seed, trial: replication, purpose: .handleTimes, part: part))
    let patiences = try RandomStream(key: StreamKey(seed: seed, trial: replication, purpose: .patience, part: part))
    return run(arrivals: arrivals, handles: handles, patiences: patiences)
  }

  func run(arrivals: borrowing RandomStream, handles: borrowing RandomStream,
           patiences: borrowing RandomStream) -> ReplicationTally {
    let sc = scenario
    let warmup = sc.warmupSeconds, end = sc.warmupSeconds + sc.horizonSeconds
    let threshold = sc.answerWithinSeconds
    let rates = sc.arrivalsPerHour.map { $0 / 3600 }
    let interval = sc.intervalSeconds
    let handle = sc.handleTime.sampler()
    let patience = sc.patience?.sampler()

    var events = Heap<Event>(minimumCapacity: sc.agents + 2)
    var line = Deque<Waiting>(minimumCapacity: 1024)
    var free = sc.agents
    var seq: UInt64 = 0
    var tally = ReplicationTally()

    @inline(__always) func overlap(_ a: Double, _ b: Double) -> Double {
      max(0, min(b, end) - max(a, warmup))
    }

    // Next arrival after `t` under the piecewise-constant profile, from one Exp(1) draw.
    var intervalIndex = 0
    var intervalEnd = interval
    func nextArrival(after t: Double) -> Double {
      var now = t
      var remaining = arrivals.exponential(mean: 1)
      while true {
        let rate = rates[intervalIndex]
        let span = intervalEnd - now
        if rate > 0 && rate * span > remaining { return now + remaining / rate }
        remaining -= rate * span
        now = intervalEnd
        intervalIndex = intervalIndex + 1 == rates.count ? 0 : intervalIndex + 1
        intervalEnd += interval
        if now >= end { return .infinity }
      }
    }

    func startService(at t: Double, handle h: Double) {
      tally.busyTime += overlap(t, t + h)
      seq &+= 1
      events.insert(Event(time: t + h, sequence: seq, isArrival: false))
    }

    let first = nextArrival(after: 0)
    if first < end {
      seq &+= 1
      events.insert(Event(time: first, sequence: seq, isArrival: true))
    }

    while let e = events.popMin() {
      let t = e.time
      if e.isArrival {
        tally.simulatedArrivals += 1
        let h = handle.draw(handles)
        let tau = patience?.draw(patiences) ?? .infinity
        let counted = t >= warmup
        if counted { tally.offered += 1 }
        if free > 0 {
          free -= 1
          if counted { tally.answered += 1; tally.answeredWithin += 1 }
          startService(at: t, handle: h)
        } else {
          if counted { tally.waited += 1 }
          line.append(Waiting(arrival: t, deadline: t + tau, handle: h, counted: counted))
        }
        let next = nextArrival(after: t)
        if next < end {
          seq &+= 1
          events.insert(Event(time: next, sequence: seq, isArrival: true))
        }
      } else {
        // An agent frees: callers whose patience ran out have left; serve the first who has not.
        var served = false
        while let w = line.popFirst() {
          if w.deadline <= t {
            tally.queueArea += overlap(w.arrival, w.deadline)
            if w.counted { tally.abandoned += 1; tally.totalWait += w.deadline - w.arrival }
            continue
          }
          let wait = t - w.arrival
          tally.queueArea += overlap(w.arrival, t)
          if w.counted {
            tally.answered += 1
            tally.totalWait += wait
            tally.totalWaitAnswered += wait
            if wait <= threshold { tally.answeredWithin += 1 }
          }
          startService(at: t, handle: w.handle)
          served = true
          break
        }
        if !served { free += 1 }
      }
    }
    // With infinite patience the line is empty here; with finite patience any caller left
    // waiting after the last departure abandons at its deadline.
    while let w = line.popFirst() {
      tally.queueArea += overlap(w.arrival, w.deadline)
      if w.counted { tally.abandoned += 1; tally.totalWait += w.deadline - w.arrival }
    }
    return tally
  }

  /// Runs `replications` independent replications over up to `threads` workers and summarizes
  /// them. Replication r's results depend only on (seed, r), and the summary is reduced serially
  /// in replication order, so output is identical for any thread count.
  public func run(replications: Int, seed: UInt64, threads: Int = 1, level: Double = 0.95) throws -> SimulationSummary {
    try QueueError.require(replications >= 2, "replications", Double(replications), "a whole number ≥ 2")
    try QueueError.require(threads >= 1, "threads", Double(threads), "a whole number ≥ 1")
    let tallies = try parallelMap(count: replications, threads: threads) { r in
      try self.replicate(seed: seed, replication: r)
    }
    return try SimulationSummary(tallies: tallies, agents: scenario.agents, window: scenario.horizonSeconds, level: level)
  }
}

/// Per-metric means and Student-t intervals across independent replications.
public struct SimulationSummary: Sendable {
  public struct Estimate: Sendable, Equatable {
    public let mean: Double
    public let interval: ConfidenceInterval?
  }
  public let replications: Int
  public let probabilityOfWaiting, meanWait, averageSpeedOfAnswer, probabilityOfAbandonment,
    serviceLevel, occupancy, meanQueueLength: Estimate
  /// Total arrivals simulated, warm-up and drain included.
  public let simulatedArrivals: Int
  public let tallies: [ReplicationTally]

  init(tallies: [ReplicationTally], agents: Int, window: Double, level: Double) throws {
    let ms = tallies.map { $0.metrics(agents: agents, window: window) }
    func estimate(_ f: (QueueMetrics) -> Double) throws -> Estimate {
      let xs = ms.map(f).filter { !$0.isNaN }
      guard !xs.isEmpty else { return Estimate(mean: .nan, interval: nil) }
      let interval = xs.count >= 2 ? try ConfidenceInterval(xs, level: level) : nil
      return Estimate(mean: try Statistics.mean(xs), interval: interval)
    }
    replications = tallies.count
    probabilityOfWaiting = try estimate(\.probabilityOfWaiting)
    meanWait = try estimate(\.meanWait)
    averageSpeedOfAnswer = try estimate(\.averageSpeedOfAnswer)
    probabilityOfAbandonment = try estimate(\.probabilityOfAbandonment)
    serviceLevel = try estimate(\.serviceLevel)
    occupancy = try estimate(\.occupancy)
    meanQueueLength = try estimate(\.meanQueueLength)
    simulatedArrivals = tallies.reduce(0) { $0 + $1.simulatedArrivals }
    self.tallies = tallies
  }
}
