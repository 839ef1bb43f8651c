import Testing
import SweetspotNumerics
@testable import SweetspotModel

/// Properties every trial must have, whatever the levers.
@Suite struct InvariantTests {
  @Test(arguments: Strategy.presets.map(\.name))
  func customersAreConservedExactly(strategy: String) throws {
    let o = try run(Strategy.named(strategy)!, customers: 2000, weeks: 52)
    let scale = TrialConfiguration().customerScale
    // start + acquired − churned = end, in represented customers.
    #expect(2000 * scale + o[.acquired] - o[.churned] == o[.customersEnd])
  }

  @Test func theSameSeedGivesTheSameOutcomesBitForBit() throws {
    let a = try run(.justGoodEnough, .premium, seed: 7, trial: 3)
    let b = try run(.justGoodEnough, .premium, seed: 7, trial: 3)
    #expect(a == b)
    let c = try run(.justGoodEnough, .premium, seed: 7, trial: 4)
    #expect(a != c)
  }

  static let extremes: [(String, Strategy)] = [
    ("everything maxed", Strategy.goodToGreat.with {
      $0.serviceLevelTarget = 0.999; $0.answerWithinSeconds = 0; $0.occupancyCap = 0.31; $0.trainingHours = 20
      $0.knowledgeBase = 1; $0.rootCauseSpend = 1000; $0.proactive = 1; $0.complaintSolicitation = 1
      $0.recoveryCompensation = 10_000; $0.price = 5; $0.targetPressure = 1; $0.careTime = 3 }),
    ("everything minimal", Strategy.minimal.with {
      $0.serviceLevelTarget = 0.001; $0.answerWithinSeconds = 86_400; $0.occupancyCap = 0.99; $0.trainingHours = 0
      $0.knowledgeBase = 0; $0.price = 0.21; $0.careTime = 0.5; $0.offersEmail = false }),
    ("phone only, free", Strategy.minimal.with { $0.offersEmail = false; $0.price = 0.21 }),
  ]

  @Test(arguments: 0..<extremes.count)
  func extremeValidLeversGiveFiniteOutcomes(index: Int) throws {
    let (name, strategy) = Self.extremes[index]
    for market in Market.presets {
      let o = try run(strategy, market, customers: 1500, weeks: 60)
      // TARP shares are NaN only when no customer's first problem ended in that class; the
      // ACSI-like index (a mean over the customers left) only when none is left.
      for m in Metric.allCases where !Metric.tarpClasses.contains(m) && !(m == .acsi && o[.customersEnd] == 0) {
        #expect(o[m].isFinite, "\(name) in \(market.name): \(m.rawValue) = \(o[m])")
      }
      for m in Metric.tarpClasses { #expect(o[m].isNaN || (o[m] >= 0 && o[m] <= 1)) }
    }
  }

  @Test func withoutLiveChannelsOnlyLiveChannelMetricsAreUndefined() throws {
    let selfServiceOnly = Strategy.goodEnough.with { $0.offersChat = false; $0.offersEmail = false; $0.offersPhone = false }
    let o = try run(selfServiceOnly, customers: 1500, weeks: 60)
    let liveOnly: Set<Metric> = [.fcr, .asaSeconds, .abandonment, .serviceLevel, .costPerContact, .occupancy, .agentAttrition,
                                 .tarpUnresolved, .tarpResolved]
    for m in Metric.allCases where !liveOnly.contains(m) {
      #expect(o[m].isFinite, "\(m.rawValue) = \(o[m])")
    }
  }

  @Test func invalidLeversAndMarketsAreErrorsNamingTheKey() {
    #expect(throws: ModelError(key: "strategy.service_level_target", value: "1.5", allowed: "a share in (0, 1)")) {
      try run(.goodEnough.with { $0.serviceLevelTarget = 1.5 })
    }
    #expect(throws: ModelError.self) { try run(.goodEnough.with { $0.price = .nan }) }
    #expect(throws: ModelError.self) {
      try run(.goodEnough.with { $0.offersChat = false; $0.offersEmail = false; $0.offersPhone = false; $0.offersSelfService = false })
    }
    var m = Market.competitive
    m.segmentMix = [0, 0, 0, 0]
    #expect(throws: ModelError.self) { try run(.goodEnough, m) }
    #expect(throws: ModelError.self) { try run(customers: 0) }
  }
}

/// Big populations: a trial's customers are split into fixed chunks with their own streams, so
/// spreading them over threads changes nothing.
@Suite struct BigPopulationTests {
  @Test func aMultiChunkTrialIsIdenticalOnOneTwoAndThreeThreads() throws {
    let config = TrialConfiguration(customers: 150_000, weeks: 3)
    #expect(Trial.chunkSize(customers: config.customers) == 65_536)  // 3 chunks
    let one = try Trial.run(config, strategy: .win4, market: .competitive, seed: 4, trial: 1, threads: 1)
    let two = try Trial.run(config, strategy: .win4, market: .competitive, seed: 4, trial: 1, threads: 2)
    let three = try Trial.run(config, strategy: .win4, market: .competitive, seed: 4, trial: 1, threads: 3)
    #expect(one == two && two == three)
    #expect(one[.customersEnd] > 0)
  }

  @Test func chunkSizesDependOnlyOnThePopulation() {
    #expect(Trial.chunkSize(customers: 10_000) == 65_536)
    #expect(Trial.chunkSize(customers: 10_000_000) == 156_672)  // ⌈10⁷/64⌉ = 156,250, rounded up to 1,024s
    #expect(10_000_000 / Trial.chunkSize(customers: 10_000_000) < Trial.maxChunks / 2)
  }
}
