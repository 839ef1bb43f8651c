import Testing
import SweetspotNumerics
@testable import SweetspotQueueing

/// The discrete-event simulator agrees with the Erlang formulas where they are exact, obeys
/// Little's law, and reproduces itself exactly from a seed, for any thread count.
@Suite struct SimulatorTests {
  static func scenario(load: Double, agents: Int, patience: Double? = nil, hours: Double,
                       aht: Double = 180) throws -> QueueScenario {
    try QueueScenario(
      arrivalsPerHour: [load / aht * 3600], handleTime: .exponential(mean: aht),
      patience: patience.map { .exponential(mean: $0) }, agents: agents,
      answerWithinSeconds: 20, horizonSeconds: hours * 3600, warmupSeconds: 2 * 3600)
  }

  /// |simulated − analytic| ≤ 4 standard errors (plus a small allowance for warm-up bias).
  func expectAgreement(_ name: String, _ e: SimulationSummary.Estimate, _ exact: Double, slack: Double = 0) {
    guard let ci = e.interval else { Issue.record("\(name): no interval"); return }
    let se = ci.halfWidth / 2.09  // t(0.975; 19)
    #expect(abs(e.mean - exact) <= 4 * se + slack, "\(name): simulated \(e.mean) ± \(ci.halfWidth), analytic \(exact)")
  }

  @Test(arguments: [
    ("light load", 10.0, 14, nil as Double?, 60.0),
    ("heavy load ρ = 0.95", 19.0, 20, nil, 150.0),
    ("large centre", 95.0, 100, nil, 20.0),
    ("abandonment", 10.0, 12, 300.0, 60.0),
    ("overload with abandonment", 15.0, 12, 120.0, 40.0),
  ])
  func simulatorMatchesErlangWithinFourStandardErrors(
    name: String, load: Double, agents: Int, patience: Double?, hours: Double
  ) throws {
    let sc = try Self.scenario(load: load, agents: agents, patience: patience, hours: hours)
    let sim = try QueueSimulator(scenario: sc).run(replications: 20, seed: 2026, threads: 2)
    let model = try sc.erlangModel(arrivalsPerHour: sc.arrivalsPerHour[0])
    let exact = patience == nil
      ? try ErlangC.metrics(model, answerWithin: 20) : try ErlangA.metrics(model, answerWithin: 20)
    expectAgreement("\(name) P(wait)", sim.probabilityOfWaiting, exact.probabilityOfWaiting)
    expectAgreement("\(name) mean wait", sim.meanWait, exact.meanWait)
    expectAgreement("\(name) ASA", sim.averageSpeedOfAnswer, exact.averageSpeedOfAnswer)
    expectAgreement("\(name) service level", sim.serviceLevel, exact.serviceLevel)
    expectAgreement("\(name) occupancy", sim.occupancy, exact.occupancy)
    expectAgreement("\(name) queue length", sim.meanQueueLength, exact.meanQueueLength)
    if patience != nil {
      expectAgreement("\(name) P(abandon)", sim.probabilityOfAbandonment, exact.probabilityOfAbandonment)
    } else {
      #expect(sim.probabilityOfAbandonment.mean == 0)
    }
  }

  @Test func littlesLawHoldsInEveryReplication() throws {
    let sc = try Self.scenario(load: 10, agents: 11, patience: 240, hours: 40)
    let sim = try QueueSimulator(scenario: sc).run(replications: 10, seed: 9)
    for t in sim.tallies {
      let m = t.metrics(agents: 11, window: sc.horizonSeconds)
      let lambdaObserved = Double(t.offered) / sc.horizonSeconds
      // L = λW up to edge effects of the window (a few contacts' worth).
      #expect(abs(m.meanQueueLength - lambdaObserved * m.meanWait) < 0.02 * max(1, m.meanQueueLength))
    }
  }

  @Test func aFixedSeedReproducesExactlyForAnyThreadCount() throws {
    let sc = try Self.scenario(load: 10, agents: 12, patience: 300, hours: 10)
    let sim = QueueSimulator(scenario: sc)
    let a = try sim.run(replications: 7, seed: 42, threads: 1)
    let b = try sim.run(replications: 7, seed: 42, threads: 2)
    let c = try sim.run(replications: 7, seed: 42, threads: 5)
    #expect(a.tallies == b.tallies && b.tallies == c.tallies)
    let d = try sim.run(replications: 7, seed: 43, threads: 2)
    #expect(a.tallies != d.tallies)
  }

  @Test func moreAgentsServeTheSameCallersFasterUnderCommonRandomNumbers() throws {
    // Same seed: the same callers with the same handle times and patience meet 11 or 13 agents.
    var previous: ReplicationTally?
    for agents in [11, 13, 15] {
      let t = try QueueSimulator(scenario: Self.scenario(load: 10, agents: agents, patience: 240, hours: 20)).replicate(seed: 5, replication: 0)
      if let p = previous {
        #expect(t.offered == p.offered)  // the same arrivals
        #expect(t.abandoned < p.abandoned && t.totalWait < p.totalWait)
      }
      previous = t
    }
  }

  @Test func aDailyProfileDeliversTheExpectedNumberOfArrivals() throws {
    // 24 hourly rates; over 10 days the counted arrivals are Poisson with mean Σ rate·hours.
    let rates: [Double] = (0..<24).map { h in h < 8 ? 10 : (h < 18 ? 120 : 40) }
    let sc = try QueueScenario(arrivalsPerHour: rates, intervalSeconds: 3600, handleTime: .exponential(mean: 180),
                               patience: .exponential(mean: 300), agents: 10, horizonSeconds: 240 * 3600, warmupSeconds: 0)
    let t = try QueueSimulator(scenario: sc).replicate(seed: 3, replication: 0)
    let expected = rates.reduce(0, +) * 10
    #expect(abs(Double(t.offered) - expected) <= 4 * expected.squareRoot())
  }

  @Test func lognormalHandleTimesKeepTheirMeanInTheOccupancy() throws {
    // Occupancy = λ·E[S]·(1 − P(ab)) / N holds for any handle-time distribution.
    let sc = try QueueScenario(arrivalsPerHour: [200], handleTime: .lognormal(mean: 180, cv: 1.2), patience: nil,
                               agents: 12, horizonSeconds: 40 * 3600, warmupSeconds: 3600)
    let sim = try QueueSimulator(scenario: sc).run(replications: 10, seed: 8)
    expectAgreement("occupancy", sim.occupancy, 200.0 / 3600 * 180 / 12)
  }

  @Test func badScenariosAreErrors() {
    #expect(throws: QueueError.self) { try QueueScenario(arrivalsPerHour: [], handleTime: .exponential(mean: 1), patience: nil, agents: 1, horizonSeconds: 1, warmupSeconds: 0) }
    #expect(throws: QueueError.self) { try QueueScenario(arrivalsPerHour: [0, 0], handleTime: .exponential(mean: 1), patience: nil, agents: 1, horizonSeconds: 1, warmupSeconds: 0) }
    #expect(throws: QueueError.self) { try QueueScenario(arrivalsPerHour: [10], handleTime: .lognormal(mean: 1, cv: 0), patience: nil, agents: 1, horizonSeconds: 1, warmupSeconds: 0) }
    #expect(throws: QueueError.self) { try QueueScenario(arrivalsPerHour: [10], handleTime: .exponential(mean: 1), patience: nil, agents: 0, horizonSeconds: 1, warmupSeconds: 0) }
    #expect(throws: QueueError.self) { try QueueScenario(arrivalsPerHour: [.nan], handleTime: .exponential(mean: 1), patience: nil, agents: 1, horizonSeconds: 1, warmupSeconds: 0) }
  }
}
