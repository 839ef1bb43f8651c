#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
/// Two kinds of event, kept apart: the next arrival (one value: arrivals come one after another)
/// and the agents' service completions, in a binary min-heap of (time, sequence number) of at
/// most N entries. Ties are broken by the order events were scheduled, never at random, so the
/// number of random draws never depends on tie handling. Each replication has three streams,
/// arrivals, handle times and patience, keyed by (seed, replication, purpose); handle time and
/// patience are drawn for every arrival whether or not it waits, so scenarios that differ only in
/// staffing see the same callers (common random numbers). Exponential arrivals and handle times
/// are made a batch at a time (`ExponentialBatch`: GSL's formula on the same uniforms, equal to
/// GSL's sampler draw for draw); an exponential patience is drawn as its uniform and transformed
/// by the same formula only for a caller who waits (`DeferredExponentialDraws`); lognormal draws
/// come from GSL's sampler. Abandonment needs no event: a waiting caller's deadline is known at
/// arrival, and when an agent frees, callers whose deadline has passed are removed from the head
/// of the line with their abandonment time. Storage is reserved up front, so steady state
/// allocates nothing per event.
public struct QueueSimulator: Sendable {
  public let scenario: QueueScenario

  public init(scenario: QueueScenario) { self.scenario = scenario }

  struct Waiting {
    var arrival: Double, deadline: Double, handle: Double, counted: Bool
  }

  /// Simulates replication `replication` of the experiment with `seed`.
  /// `part` distinguishes independent runs within one trial (the world model simulates each
  /// interval of each week as its own part).
  public func replicate(seed: UInt64, replication: Int, part: Int = 0) throws -> ReplicationTally {
    func key(_ p: Purpose) -> StreamKey { StreamKey(seed: seed, trial: replication, purpose: p, part: part) }
    var arrivals = try ExponentialDraws(mean: 1, key: key(.arrivals))
    switch scenario.handleTime {
    case let .exponential(m):
      var handles = try ExponentialDraws(mean: m, key: key(.handleTimes))
      return try replicate(&arrivals, &handles, patience: key(.patience))
    case let .lognormal(m, cv):
      var handles = try LognormalDraws(mean: m, cv: cv, key: key(.handleTimes))
      return try replicate(&arrivals, &handles, patience: key(.patience))
    }
  }

  /// The replication with its patience source: one specialized event loop for each pair of kinds.
  private func replicate<Handles: DurationDraws & ~Copyable>(_ arrivals: inout ExponentialDraws, _ handles: inout Handles, patience key: StreamKey) throws -> ReplicationTally {
    switch scenario.patience {
    case let .exponential(m)?:
      var patiences = try DeferredExponentialDraws(mean: m, key: key)
      return run(arrivals: &arrivals, handles: &handles, patiences: &patiences)
    case let .lognormal(m, cv)?:
      var patiences = try LognormalDraws(mean: m, cv: cv, key: key)
      return run(arrivals: &arrivals, handles: &handles, patiences: &patiences)
    case nil:
      var patiences = NoDraws()
      return run(arrivals: &arrivals, handles: &handles, patiences: &patiences)
    }
  }

  func run<Handles: DurationDraws & ~Copyable, Patiences: DurationDraws & ~Copyable>(
    arrivals: inout ExponentialDraws, handles: inout Handles, patiences: inout Patiences
  ) -> ReplicationTally {
    let sc = scenario
    let warmup = sc.warmupSeconds, end = sc.warmupSeconds + sc.horizonSeconds
    let threshold = sc.answerWithinSeconds
    let rates = sc.arrivalsPerHour.map { $0 / 3600 }
    let interval = sc.intervalSeconds

    var busy = DepartureHeap(capacity: sc.agents)
    defer { busy.deallocate() }
    var line = WaitingLine(capacity: 1024)
    defer { line.deallocate() }
    var free = sc.agents
    var seq: UInt64 = 0
    var tally = ReplicationTally()

    @inline(__always) func overlap(_ a: Double, _ b: Double) -> Double {
      max(0, min(b, end) - max(a, warmup))
    }

    // Next arrival after `t` under the piecewise-constant profile, from one Exp(1) draw; .infinity
    // past the horizon.
    var intervalIndex = 0
    var intervalEnd = interval
    @inline(__always) func nextArrival(after t: Double) -> Double {
      var now = t
      var remaining = arrivals.next()
      while true {
        let rate = rates[intervalIndex]
        let span = intervalEnd - now
        if rate > 0 && rate * span > remaining { let a = now + remaining / rate; return a < end ? a : .infinity }
        remaining -= rate * span
        now = intervalEnd
        intervalIndex = intervalIndex + 1 == rates.count ? 0 : intervalIndex + 1
        intervalEnd += interval
        if now >= end { return .infinity }
      }
    }

    var arrival = nextArrival(after: 0)
    var arrivalSequence: UInt64 = 0
    if arrival < .infinity { seq &+= 1; arrivalSequence = seq }

    while true {
      let departure = busy.top
      let arrivalFirst = arrival < departure.time || (arrival == departure.time && arrival < .infinity && arrivalSequence < departure.sequence)
      if arrivalFirst {
        let t = arrival
        tally.simulatedArrivals += 1
        // Both are drawn for every caller (common random numbers); the patience becomes a
        // duration only if the caller waits.
        let h = handles.next()
        let patienceDraw = patiences.nextDraw()
        let counted = t >= warmup
        if counted { tally.offered += 1 }
        if free > 0 {
          free -= 1
          if counted { tally.answered += 1; tally.answeredWithin += 1 }
          tally.busyTime += overlap(t, t + h)
          seq &+= 1
          busy.push(time: t + h, sequence: seq)
        } else {
          if counted { tally.waited += 1 }
          let tau = patiences.resolve(patienceDraw)
          line.append(Waiting(arrival: t, deadline: t + tau, handle: h, counted: counted))
        }
        arrival = nextArrival(after: t)
        if arrival < .infinity { seq &+= 1; arrivalSequence = seq }
      } else {
        if departure.time == .infinity { break }
        // An agent frees: callers whose patience ran out have left; serve the first who has not.
        let t = departure.time
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
          tally.busyTime += overlap(t, t + w.handle)
          seq &+= 1
          busy.replaceTop(time: t + w.handle, sequence: seq)
          served = true
          break
        }
        if !served { busy.pop(); free += 1 }
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

/// Where a replication's durations come from. A draw is taken in stream order by `nextDraw()`
/// and made a duration by `resolve(_:)`, later or never: a deferred exponential source hands out
/// the uniform and takes its logarithm, the dearest step, only in `resolve`, for patience, which
/// most callers never use. Each kind is its own type, so the event loop is specialized for the
/// scenario's kinds and carries no dispatch or unused call in its hot path.
protocol DurationDraws: ~Copyable {
  /// The stream's next draw, in order.
  mutating func nextDraw() -> Double
  /// The duration of a draw taken by `nextDraw()`.
  func resolve(_ draw: Double) -> Double
}

extension DurationDraws where Self: ~Copyable {
  /// The next duration.
  @inline(__always)
  mutating func next() -> Double { resolve(nextDraw()) }
}

/// Exponential durations, transformed a batch at a time (`ExponentialBatch`): for draws that are
/// nearly always used.
struct ExponentialDraws: DurationDraws, ~Copyable {
  var batch: ExponentialBatch
  init(mean: Double, key: StreamKey) throws { batch = try ExponentialBatch(key: key, mean: mean) }
  @inline(__always) mutating func nextDraw() -> Double { batch.next() }
  @inline(__always) func resolve(_ draw: Double) -> Double { draw }
}

/// Exponential durations whose logarithm waits until `resolve`: the same values as
/// `ExponentialDraws` on the same key, bit for bit.
struct DeferredExponentialDraws: DurationDraws, ~Copyable {
  var uniforms: UniformBatch
  let mean: Double
  init(mean: Double, key: StreamKey) throws { uniforms = try UniformBatch(key: key); self.mean = mean }
  @inline(__always) mutating func nextDraw() -> Double { uniforms.next() }
  @inline(__always) func resolve(_ draw: Double) -> Double { ExponentialBatch.exponential(fromUniform: draw, mean: mean) }
}

/// Lognormal durations from GSL's sampler (a varying number of uniforms per draw, so it runs at
/// once).
struct LognormalDraws: DurationDraws, ~Copyable {
  let stream: RandomStream
  let mu: Double, sigma: Double
  /// Mean `m` and coefficient of variation `cv`: the log's mean and deviation solved from them.
  init(mean m: Double, cv: Double, key: StreamKey) throws {
    let s2 = log1p(cv * cv)
    (mu, sigma) = (log(m) - s2 / 2, s2.squareRoot())
    stream = try RandomStream(key: key)
  }
  @inline(__always) mutating func nextDraw() -> Double { stream.lognormal(mu: mu, sigma: sigma) }
  @inline(__always) func resolve(_ draw: Double) -> Double { draw }
}

/// No patience: a caller never abandons.
struct NoDraws: DurationDraws {
  @inline(__always) mutating func nextDraw() -> Double { .infinity }
  @inline(__always) func resolve(_ draw: Double) -> Double { draw }
}

/// The agents' service completions: a binary min-heap of (time, sequence number) in a buffer of
/// N entries, ordered by time and then by the order the completions were scheduled. `top` of an
/// empty heap is (+∞, max).
struct DepartureHeap {
  struct Entry { var time: Double, sequence: UInt64 }
  private let entries: UnsafeMutablePointer<Entry>
  private(set) var count = 0

  init(capacity: Int) { entries = .allocate(capacity: max(1, capacity)) }
  func deallocate() { entries.deallocate() }

  @inline(__always) static func less(_ a: Entry, _ b: Entry) -> Bool {
    a.time < b.time || (a.time == b.time && a.sequence < b.sequence)
  }

  @inline(__always) var top: Entry { count > 0 ? entries[0] : Entry(time: .infinity, sequence: .max) }

  @inline(__always) mutating func push(time: Double, sequence: UInt64) {
    let e = Entry(time: time, sequence: sequence)
    var i = count
    count += 1
    while i > 0 {
      let parent = (i - 1) >> 1
      guard DepartureHeap.less(e, entries[parent]) else { break }
      entries[i] = entries[parent]
      i = parent
    }
    entries[i] = e
  }

  /// Replaces the minimum by a new entry (a freed agent takes the next caller at once).
  @inline(__always) mutating func replaceTop(time: Double, sequence: UInt64) {
    siftDown(Entry(time: time, sequence: sequence))
  }

  @inline(__always) mutating func pop() {
    count -= 1
    if count > 0 { siftDown(entries[count]) }
  }

  @inline(__always) private func siftDown(_ e: Entry) {
    var i = 0
    let n = count
    while true {
      var child = 2 * i + 1
      if child >= n { break }
      if child + 1 < n && DepartureHeap.less(entries[child + 1], entries[child]) { child += 1 }
      guard DepartureHeap.less(entries[child], e) else { break }
      entries[i] = entries[child]
      i = child
    }
    entries[i] = e
  }
}

/// The callers waiting, first come first served: a ring buffer that doubles when full (so a long
/// run allocates only while its longest line grows) and is read and written without
/// copy-on-write checks.
struct WaitingLine {
  private var buffer: UnsafeMutablePointer<QueueSimulator.Waiting>
  private var capacity: Int
  private var head = 0
  private(set) var count = 0

  init(capacity: Int) {
    self.capacity = max(2, capacity)
    buffer = .allocate(capacity: self.capacity)
  }

  func deallocate() { buffer.deallocate() }

  @inline(__always) mutating func append(_ w: QueueSimulator.Waiting) {
    if count == capacity { grow() }
    var i = head + count
    if i >= capacity { i -= capacity }
    (buffer + i).initialize(to: w)
    count += 1
  }

  @inline(__always) mutating func popFirst() -> QueueSimulator.Waiting? {
    guard count > 0 else { return nil }
    let w = (buffer + head).move()
    head += 1
    if head == capacity { head = 0 }
    count -= 1
    return w
  }

  private mutating func grow() {
    let bigger = UnsafeMutablePointer<QueueSimulator.Waiting>.allocate(capacity: capacity * 2)
    for k in 0..<count {
      var i = head + k
      if i >= capacity { i -= capacity }
      (bigger + k).initialize(to: (buffer + i).move())
    }
    buffer.deallocate()
    buffer = bigger
    head = 0
    capacity *= 2
  }
}
