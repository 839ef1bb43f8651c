import Testing
@testable import SweetspotQueueing

/// Staffing finds the true minimum, and the square-root rule approaches it as centres grow.
@Suite struct StaffingTests {
  let lambda = 100.0 / 1800, aht = 180.0  // facts §3 base case: A = 10 Erlangs

  @Test func eightyTwentyNeedsFourteenAgentsAsPyworkforceSays() throws {
    let plan = try Staffing.plan(arrivalRate: lambda, meanHandleTime: aht, meanPatience: nil,
                                 target: .serviceLevel(0.8, withinSeconds: 20))
    #expect(plan.agents == 14)
    #expect(abs(plan.metrics.serviceLevel - 0.8884) < 5e-5)
    #expect(abs(plan.offeredLoad - 10) < 1e-12)
  }

  @Test(arguments: [
    StaffingTarget.serviceLevel(0.8, withinSeconds: 20), .serviceLevel(0.95, withinSeconds: 10),
    .averageSpeedOfAnswer(seconds: 30), .abandonment(probability: 0.03),
  ])
  func thePlanIsTheSmallestStaffingThatMeetsTheTarget(target: StaffingTarget) throws {
    let patience: Double? = 300
    let plan = try Staffing.plan(arrivalRate: lambda, meanHandleTime: aht, meanPatience: patience, target: target)
    #expect(target.isMet(by: plan.metrics))
    if plan.agents > 1 {
      let fewer = try ErlangA.metrics(try QueueModel(arrivalRate: lambda, meanHandleTime: aht, agents: plan.agents - 1, meanPatience: patience), answerWithin: target.threshold)
      #expect(!target.isMet(by: fewer))
    }
  }

  @Test func halfinWhittAlphaMatchesTheTable() {
    // facts §3: α(β) for β = 0.25, 0.5, 0.75, 1, 1.5, 2.
    for (beta, alpha) in [(0.25, 0.7209), (0.5, 0.5045), (0.75, 0.3417), (1.0, 0.2234), (1.5, 0.0847), (2.0, 0.0269)] {
      #expect(abs(QED.halfinWhittDelayProbability(beta: beta) - alpha) < 5e-5, "β = \(beta)")
    }
  }

  @Test func garnettDelayProbabilityMatchesTheTable() {
    // facts §3: θ/μ = 1 reduces to 1 − Φ(β); θ/μ = 0.5 values computed independently.
    for (beta, p) in [(-1.0, 0.8413), (0.0, 0.5), (0.5, 0.3085), (1.0, 0.1587)] {
      #expect(abs(QED.erlangADelayProbability(beta: beta, thetaOverMu: 1) - p) < 5e-5)
    }
    for (beta, p) in [(-1.0, 0.9312), (0.0, 0.5858), (0.5, 0.3572), (1.0, 0.1790)] {
      #expect(abs(QED.erlangADelayProbability(beta: beta, thetaOverMu: 0.5) - p) < 5e-5)
    }
  }

  @Test func qedDelayApproximationConvergesToExactErlangC() throws {
    // facts §3: exact C at N = ⌈R + β√R⌉ vs α(β); the error shrinks as R grows.
    var lastError = Double.infinity
    for r in [10.0, 100.0, 1000.0] {
      let n = Int((r + 1.0 * r.squareRoot()).rounded(.up))
      let exact = try ErlangC.probabilityOfWaiting(agents: n, load: r)
      let error = abs(exact - QED.halfinWhittDelayProbability(beta: 1))
      #expect(error < lastError)
      lastError = error
    }
    #expect(lastError < 0.005)
  }

  @Test(arguments: [10.0, 100.0, 1000.0])
  func squareRootRuleIsWithinOneAgentOfExact(load: Double) throws {
    for patience: Double? in [nil, 300] {
      let plan = try Staffing.plan(arrivalRate: load / aht, meanHandleTime: aht, meanPatience: patience,
                                   target: .serviceLevel(0.8, withinSeconds: 20))
      #expect(abs(plan.squareRootAgents - plan.agents) <= 1, "R = \(load), patience \(String(describing: patience)): rule \(plan.squareRootAgents) vs exact \(plan.agents)")
    }
  }

  /// A search hint (last week's answer) never changes the answer, whether it is right, below,
  /// above or far off.
  @Test func aHintFindsTheSameMinimum() throws {
    var scratch: [Double] = []
    for (rate, patience) in [(lambda, 300.0), (lambda * 7, 180.0), (lambda * 40, 600.0)] {
      let target = StaffingTarget.serviceLevel(0.8, withinSeconds: 20)
      let exact = try Staffing.minimumAgents(arrivalRate: rate, meanHandleTime: aht, meanPatience: patience, target: target, scratch: &scratch)
      for hint in [1, exact.agents - 3, exact.agents - 1, exact.agents, exact.agents + 1, exact.agents + 5, 3 * exact.agents] where hint > 0 {
        let hinted = try Staffing.minimumAgents(arrivalRate: rate, meanHandleTime: aht, meanPatience: patience, target: target, hint: hint, scratch: &scratch)
        #expect(hinted.agents == exact.agents, "hint \(hint)")
        #expect(hinted.metrics == exact.metrics)
      }
    }
  }

  /// The world model's search computes only the service level at each step: the same number as
  /// the full metrics to the bit, so the same minimum, over light to overloaded queues.
  @Test func theServiceLevelAloneIsTheFullComputationsServiceLevel() throws {
    var scratch: [Double] = []
    for (perHour, agents, patience) in [(100.0, 12, 180.0), (600, 60, 120), (950, 100, 300), (2000, 150, 60), (40, 3, 600)] {
      for n in [max(1, agents - 10), agents - 1, agents, agents + 4] {
        for t in [0.0, 20, 60, 3600] {
          let m = try QueueModel(arrivalRate: perHour / 3600, meanHandleTime: 360, agents: n, meanPatience: patience)
          let full = try ErlangA.metrics(m, answerWithin: t, scratch: &scratch)
          let alone = try ErlangA.metrics(m, answerWithin: t, scratch: &scratch, serviceLevelOnly: true)
          #expect(alone.serviceLevel == full.serviceLevel, "λ \(perHour)/h, N \(n), t \(t)")
          #expect(alone.averageSpeedOfAnswer.isNaN && alone.probabilityOfAbandonment.isNaN)
        }
      }
      for level in [0.5, 0.8, 0.95] {
        let target = StaffingTarget.serviceLevel(level, withinSeconds: 20)
        let full = try Staffing.minimumAgents(arrivalRate: perHour / 3600, meanHandleTime: 360, meanPatience: patience, target: target, scratch: &scratch)
        let alone = try Staffing.minimumAgents(arrivalRate: perHour / 3600, meanHandleTime: 360, meanPatience: patience, target: target,
                                               serviceLevelOnly: true, scratch: &scratch)
        #expect(alone.agents == full.agents && alone.metrics.serviceLevel == full.metrics.serviceLevel)
      }
    }
  }

  @Test func impossibleOrMalformedTargetsAreErrors() {
    #expect(throws: QueueError.self) {
      try Staffing.plan(arrivalRate: lambda, meanHandleTime: aht, meanPatience: nil, target: .serviceLevel(1.0, withinSeconds: 20))
    }
    #expect(throws: QueueError.self) {
      try Staffing.plan(arrivalRate: lambda, meanHandleTime: aht, meanPatience: nil, target: .abandonment(probability: 0.05))
    }
    #expect(throws: QueueError.self) {
      try Staffing.plan(arrivalRate: lambda, meanHandleTime: aht, meanPatience: nil, target: .serviceLevel(0.8, withinSeconds: .nan))
    }
  }
}
