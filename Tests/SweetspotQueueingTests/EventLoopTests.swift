import Testing
#if canImport(Glibc)
import Glibc
#endif
import SweetspotNumerics
@testable import SweetspotQueueing

/// The event loop computes what the first simulator computed: a reference written as that one
/// was (one event list keyed by (time, sequence number) holding arrivals and completions, every
/// draw through GSL's samplers on the three streams) gives the same tally, field for field, as
/// the simulator (next arrival outside the heap, completions in a heap of (time, sequence),
/// exponential draws in batches, a patience's logarithm taken only for a caller who waits, one
/// loop specialized for each pair of handle-time and patience kinds).
@Suite struct EventLoopTests {
  struct Event { var time: Double, sequence: UInt64, isArrival: Bool }

  /// The reference: the first simulator's loop, with a linear-scan event list.
  static func reference(_ sc: QueueScenario, seed: UInt64, replication: Int) throws -> ReplicationTally {
    func key(_ p: Purpose) -> StreamKey { StreamKey(seed: seed, trial: replication, purpose: p) }
    let arrivals = try RandomStream(key: key(.arrivals)), handles = try RandomStream(key: key(.handleTimes))
    let patiences = try RandomStream(key: key(.patience))
    func draw(_ d: DurationDistribution?, _ s: borrowing RandomStream) -> Double {
      switch d {
      case let .exponential(m)?: return s.exponential(mean: m)
      case let .lognormal(m, cv)?: let s2 = log1p(cv * cv); return s.lognormal(mu: log(m) - s2 / 2, sigma: s2.squareRoot())
      case nil: return .infinity
      }
    }
    let warmup = sc.warmupSeconds, end = sc.warmupSeconds + sc.horizonSeconds
    let rates = sc.arrivalsPerHour.map { $0 / 3600 }
    var events: [Event] = [], line: [QueueSimulator.Waiting] = []
    var free = sc.agents, seq: UInt64 = 0, tally = ReplicationTally()
    func overlap(_ a: Double, _ b: Double) -> Double { max(0, min(b, end) - max(a, warmup)) }
    var intervalIndex = 0, intervalEnd = sc.intervalSeconds
    func nextArrival(after t: Double) -> Double {
      var now = t, remaining = arrivals.exponential(mean: 1)
      while true {
        let rate = rates[intervalIndex], span = intervalEnd - now
        if rate > 0 && rate * span > remaining { return now + remaining / rate }
        remaining -= rate * span
        now = intervalEnd
        intervalIndex = intervalIndex + 1 == rates.count ? 0 : intervalIndex + 1
        intervalEnd += sc.intervalSeconds
        if now >= end { return .infinity }
      }
    }
    func schedule(_ t: Double, arrival: Bool) { seq &+= 1; events.append(Event(time: t, sequence: seq, isArrival: arrival)) }
    func startService(at t: Double, handle h: Double) { tally.busyTime += overlap(t, t + h); schedule(t + h, arrival: false) }
    let first = nextArrival(after: 0)
    if first < end { schedule(first, arrival: true) }
    while !events.isEmpty {
      var m = 0
      for i in events.indices where events[i].time < events[m].time || (events[i].time == events[m].time && events[i].sequence < events[m].sequence) { m = i }
      let e = events.remove(at: m), t = e.time
      if e.isArrival {
        tally.simulatedArrivals += 1
        let h = draw(sc.handleTime, handles), tau = draw(sc.patience, patiences)
        let counted = t >= warmup
        if counted { tally.offered += 1 }
        if free > 0 {
          free -= 1
          if counted { tally.answered += 1; tally.answeredWithin += 1 }
          startService(at: t, handle: h)
        } else {
          if counted { tally.waited += 1 }
          line.append(QueueSimulator.Waiting(arrival: t, deadline: t + tau, handle: h, counted: counted))
        }
        let next = nextArrival(after: t)
        if next < end { schedule(next, arrival: true) }
      } else {
        var served = false
        while !line.isEmpty {
          let w = line.removeFirst()
          if w.deadline <= t {
            tally.queueArea += overlap(w.arrival, w.deadline)
            if w.counted { tally.abandoned += 1; tally.totalWait += w.deadline - w.arrival }
            continue
          }
          let wait = t - w.arrival
          tally.queueArea += overlap(w.arrival, t)
          if w.counted {
            tally.answered += 1; tally.totalWait += wait; tally.totalWaitAnswered += wait
            if wait <= sc.answerWithinSeconds { tally.answeredWithin += 1 }
          }
          startService(at: t, handle: w.handle)
          served = true
          break
        }
        if !served { free += 1 }
      }
    }
    for w in line {
      tally.queueArea += overlap(w.arrival, w.deadline)
      if w.counted { tally.abandoned += 1; tally.totalWait += w.deadline - w.arrival }
    }
    return tally
  }

  @Test(arguments: [
    ("M/M/12+M", [100.0], DurationDistribution.exponential(mean: 360), DurationDistribution.exponential(mean: 180) as DurationDistribution?, 12, 60.0),
    ("M/M/100+M", [950.0], .exponential(mean: 360), .exponential(mean: 180), 100, 8.0),
    ("M/M/14 without patience", [200.0], .exponential(mean: 180), nil, 14, 30.0),
    ("lognormal handling, lognormal patience, overload", [300.0], .lognormal(mean: 200, cv: 1.2), .lognormal(mean: 120, cv: 0.8), 12, 20.0),
    ("lognormal handling, exponential patience", [180.0], .lognormal(mean: 240, cv: 0.9), .exponential(mean: 150), 12, 20.0),
    ("exponential handling, lognormal patience", [180.0], .exponential(mean: 240), .lognormal(mean: 150, cv: 1.1), 12, 20.0),
    ("lognormal handling without patience", [150.0], .lognormal(mean: 240, cv: 0.7), nil, 12, 20.0),
    ("a daily profile with empty intervals", [0, 40, 220, 90, 0, 130], .exponential(mean: 240), .exponential(mean: 300), 9, 48.0),
  ])
  func simulatorComputesWhatTheReferenceComputes(name: String, rates: [Double], handle: DurationDistribution, patience: DurationDistribution?,
                                                 agents: Int, hours: Double) throws {
    let sc = try QueueScenario(arrivalsPerHour: rates, handleTime: handle, patience: patience, agents: agents, answerWithinSeconds: 20,
                               horizonSeconds: hours * 3600, warmupSeconds: 3600)
    for r in 0..<3 {
      let fast = try QueueSimulator(scenario: sc).replicate(seed: 11, replication: r)
      let slow = try Self.reference(sc, seed: 11, replication: r)
      #expect(fast == slow, "\(name), replication \(r)")
      #expect(fast.simulatedArrivals > 0)
    }
  }

  /// The reference loop cannot see a last-bit change in a patience (a deadline t + τ absorbs it),
  /// so the deferred source is held to GSL's sampler itself, draw for draw, with draws left
  /// unresolved between, as for callers answered at once.
  @Test func aDeferredPatienceIsGSLsExponentialDrawBitForBit() throws {
    let key = StreamKey(seed: 3, trial: 1, purpose: .patience, part: 5)
    var deferred = try DeferredExponentialDraws(mean: 180, key: key)
    let gsl = try RandomStream(key: key)
    for i in 0..<(UniformBatch.size * 20 + 5) {
      let draw = deferred.nextDraw(), expected = gsl.exponential(mean: 180)
      if i % 3 != 1 { #expect(deferred.resolve(draw).bitPattern == expected.bitPattern, "draw \(i)") }
    }
  }

  @Test func departureHeapPopsInTimeThenSchedulingOrder() {
    var h = DepartureHeap(capacity: 64)
    defer { h.deallocate() }
    var g = SplitMix64(seed: 4)
    var expected: [DepartureHeap.Entry] = []
    for s in 0..<64 {
      let t = Double(g.next() % 8)  // many ties
      h.push(time: t, sequence: UInt64(s))
      expected.append(.init(time: t, sequence: UInt64(s)))
    }
    expected.sort { DepartureHeap.less($0, $1) }
    var got: [DepartureHeap.Entry] = []
    while h.count > 0 { got.append(h.top); h.pop() }
    #expect(got.map(\.time) == expected.map(\.time))
    #expect(got.map(\.sequence) == expected.map(\.sequence))
    #expect(h.top.time == .infinity)
  }
}
