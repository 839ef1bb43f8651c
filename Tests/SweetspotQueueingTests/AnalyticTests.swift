import Testing
@testable import SweetspotQueueing

/// Erlang B, C and A agree with published values (shared/reference/facts.md §3, pyworkforce's
/// tests) and with each other when computed two independent ways.
@Suite struct AnalyticTests {
  /// facts §3 base case: 100 calls per 30 minutes, AHT 3 minutes, so A = 10 Erlangs; T = 20 s.
  static func base(_ n: Int, patienceMinutes: Double? = nil) throws -> QueueModel {
    try QueueModel(arrivalRate: 100.0 / 1800, meanHandleTime: 180, agents: n,
                   meanPatience: patienceMinutes.map { $0 * 60 })
  }

  @Test func erlangBMatchesPublishedValues() throws {
    #expect(abs(try ErlangB.blocking(servers: 1, load: 1) - 0.5) < 1e-12)
    #expect(abs(try ErlangB.blocking(servers: 2, load: 1) - 0.2) < 1e-12)
    #expect(abs(try ErlangB.blocking(servers: 10, load: 10) - 0.214582) < 5e-7)
    #expect(abs(try ErlangB.blocking(servers: 17, load: 10) - 0.012949) < 5e-7)
    #expect(abs(try ErlangB.blocking(servers: 20, load: 15) - 0.045593) < 5e-7)
  }

  // (N, P(wait), ASA s, SL(20 s), occupancy) from facts §3; N = 14 is pyworkforce's oracle.
  static let erlangCTable: [(Int, Double, Double, Double, Double)] = [
    (11, 0.6821, 122.78, 0.3896, 0.9091), (12, 0.4494, 40.44, 0.6402, 0.8333),
    (13, 0.2853, 17.12, 0.7956, 0.7692), (14, 0.1741, 7.84, 0.8884, 0.7143),
    (15, 0.1020, 3.67, 0.9415, 0.6667), (20, 0.0037, 0.07, 0.9988, 0.5000),
  ]

  @Test(arguments: erlangCTable)
  func erlangCMatchesTheOracleTable(row: (Int, Double, Double, Double, Double)) throws {
    let m = try ErlangC.metrics(Self.base(row.0), answerWithin: 20)
    #expect(abs(m.probabilityOfWaiting - row.1) < 5e-5)
    #expect(abs(m.averageSpeedOfAnswer - row.2) < 5e-3)
    #expect(abs(m.serviceLevel - row.3) < 5e-5)
    #expect(abs(m.occupancy - row.4) < 5e-5)
    #expect(m.probabilityOfAbandonment == 0)
  }

  @Test(arguments: [11, 12, 14, 20, 60])
  func erlangCByRecurrenceEqualsTheBirthDeathChain(agents: Int) throws {
    let model = try Self.base(agents)
    let closed = try ErlangC.metrics(model, answerWithin: 20)
    let chain = try ErlangA.metrics(model, answerWithin: 20)  // no patience: θ = 0 chain
    #expect(abs(closed.probabilityOfWaiting - chain.probabilityOfWaiting) < 1e-10)
    #expect(abs(closed.averageSpeedOfAnswer - chain.averageSpeedOfAnswer) < 1e-8 * max(1, closed.averageSpeedOfAnswer))
    #expect(abs(closed.serviceLevel - chain.serviceLevel) < 1e-9)
    #expect(abs(closed.occupancy - chain.occupancy) < 1e-10)
    #expect(abs(closed.meanQueueLength - chain.meanQueueLength) < 1e-8 * max(1, closed.meanQueueLength))
  }

  // (N, P(wait), P(abandon), E[Wq] minutes, occupancy), patience mean 5 minutes (facts §3).
  static let erlangATable: [(Int, Double, Double, Double, Double)] = [
    (10, 0.5994, 0.1094, 0.5472, 0.8906), (12, 0.3318, 0.0427, 0.2136, 0.7977),
    (13, 0.2258, 0.0250, 0.1248, 0.7500), (14, 0.14526, 0.013984, 0.069919, 0.704297),
  ]

  @Test(arguments: erlangATable)
  func erlangAMatchesTheOracleTable(row: (Int, Double, Double, Double, Double)) throws {
    let m = try ErlangA.metrics(Self.base(row.0, patienceMinutes: 5), answerWithin: 20)
    let tol = row.0 == 14 ? 5e-6 : 5e-5
    #expect(abs(m.probabilityOfWaiting - row.1) < tol)
    #expect(abs(m.probabilityOfAbandonment - row.2) < tol)
    #expect(abs(m.meanWait / 60 - row.3) < tol)
    #expect(abs(m.occupancy - row.4) < tol)
  }

  @Test func erlangAServiceLevelMatchesPyworkforce() throws {
    // SL(20 s) = 0.916792 at N = 14 (pyworkforce tests/test_abandonment.py; facts §3).
    let m = try ErlangA.metrics(Self.base(14, patienceMinutes: 5), answerWithin: 20)
    #expect(abs(m.serviceLevel - 0.916792) < 5e-7)
  }

  @Test(arguments: [(10, 5.0), (14, 5.0), (30, 1.0), (8, 0.5), (200, 2.0), (1500, 3.0)])
  func erlangAChainAgreesWithGarnettClosedForm(agents: Int, patienceMinutes: Double) throws {
    // Same λ/μ ratio family: load = 0.9 N (a heavy but varied set of cases).
    let m = try QueueModel(arrivalRate: 0.9 * Double(agents) / 180, meanHandleTime: 180,
                           agents: agents, meanPatience: patienceMinutes * 60)
    let chain = try ErlangA.metrics(m, answerWithin: 20)
    let closed = try ErlangA.closedForm(m)
    #expect(abs(chain.probabilityOfWaiting - closed.probabilityOfWaiting) < 1e-9)
    #expect(abs(chain.probabilityOfAbandonment - closed.probabilityOfAbandonment) < 1e-9)
  }

  /// With patience far longer than any wait, Erlang A is Erlang C. For large centres the
  /// incomplete-beta recurrence starts from an underflowing (1 − p)^b, so this exercises its
  /// log-space path.
  @Test(arguments: [(14, 10.0), (200, 190.0), (1500, 1460.0)])
  func veryPatientCallersMakeErlangAEqualErlangC(agents: Int, load: Double) throws {
    let c = try ErlangC.metrics(try QueueModel(arrivalRate: load / 180, meanHandleTime: 180, agents: agents), answerWithin: 20)
    let a = try ErlangA.metrics(try QueueModel(arrivalRate: load / 180, meanHandleTime: 180, agents: agents, meanPatience: 1e9), answerWithin: 20)
    #expect(abs(a.serviceLevel - c.serviceLevel) < 1e-5)
    #expect(abs(a.probabilityOfWaiting - c.probabilityOfWaiting) < 1e-5)
    #expect(abs(a.averageSpeedOfAnswer - c.averageSpeedOfAnswer) < 1e-3 * max(1, c.averageSpeedOfAnswer))
  }

  @Test func littlesLawAndFlowBalanceHold() throws {
    for n in [8, 10, 14, 25] {
      let model = try Self.base(n, patienceMinutes: 3)
      let m = try ErlangA.metrics(model, answerWithin: 20)
      // L_q = λ E[Wq]; abandonment = θ E[Wq]; carried load = λ(1 − P(ab)) / μ = N · occupancy.
      #expect(abs(m.meanQueueLength - model.arrivalRate * m.meanWait) < 1e-9)
      #expect(abs(m.probabilityOfAbandonment - m.meanWait / 180) < 1e-9)
      #expect(abs(model.offeredLoad * (1 - m.probabilityOfAbandonment) - Double(n) * m.occupancy) < 1e-9)
    }
  }

  @Test func erlangAIsStableBeyondFullLoad() throws {
    // 20 Erlangs on 10 agents: Erlang C refuses; Erlang A answers with heavy abandonment.
    let model = try QueueModel(arrivalRate: 20.0 / 180, meanHandleTime: 180, agents: 10, meanPatience: 120)
    #expect(throws: QueueError.unstable(agents: 10, load: 20)) {
      try ErlangC.metrics(try QueueModel(arrivalRate: 20.0 / 180, meanHandleTime: 180, agents: 10), answerWithin: 20)
    }
    let m = try ErlangA.metrics(model, answerWithin: 20)
    #expect(m.probabilityOfAbandonment > 0.45 && m.probabilityOfAbandonment < 0.55)
    #expect(m.occupancy > 0.99)
  }

  @Test func largeCentresAndNearUnitLoadStayFinite() throws {
    for (n, rho) in [(2000, 0.999), (2000, 0.5), (1, 0.99), (500, 0.9999)] {
      let model = try QueueModel(arrivalRate: rho * Double(n) / 300, meanHandleTime: 300, agents: n)
      let c = try ErlangC.metrics(model, answerWithin: 20)
      #expect(c.probabilityOfWaiting.isFinite && c.probabilityOfWaiting >= 0 && c.probabilityOfWaiting <= 1)
      #expect(c.serviceLevel.isFinite && c.averageSpeedOfAnswer.isFinite)
      let a = try ErlangA.metrics(try QueueModel(arrivalRate: model.arrivalRate, meanHandleTime: 300, agents: n, meanPatience: 200), answerWithin: 20)
      #expect(a.probabilityOfWaiting.isFinite && a.serviceLevel.isFinite && a.averageSpeedOfAnswer.isFinite)
    }
  }

  @Test func moreAgentsMeanShorterWaitsAndFewerAbandons() throws {
    var last = try ErlangA.metrics(Self.base(8, patienceMinutes: 4), answerWithin: 20)
    for n in 9...20 {
      let m = try ErlangA.metrics(Self.base(n, patienceMinutes: 4), answerWithin: 20)
      #expect(m.meanWait < last.meanWait && m.probabilityOfAbandonment < last.probabilityOfAbandonment)
      #expect(m.serviceLevel > last.serviceLevel)
      last = m
    }
  }

  @Test func badParametersAreErrors() {
    #expect(throws: QueueError.self) { try QueueModel(arrivalRate: 0, meanHandleTime: 1, agents: 1) }
    #expect(throws: QueueError.self) { try QueueModel(arrivalRate: .nan, meanHandleTime: 1, agents: 1) }
    #expect(throws: QueueError.self) { try QueueModel(arrivalRate: 1, meanHandleTime: -1, agents: 1) }
    #expect(throws: QueueError.self) { try QueueModel(arrivalRate: 1, meanHandleTime: 1, agents: 0) }
    #expect(throws: QueueError.self) { try QueueModel(arrivalRate: 1, meanHandleTime: 1, agents: 2, meanPatience: .infinity) }
    #expect(throws: QueueError.self) { try ErlangB.blocking(servers: -1, load: 1) }
  }
}
