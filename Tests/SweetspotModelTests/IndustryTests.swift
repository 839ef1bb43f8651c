import Testing
@testable import SweetspotModel

/// The industry mode (`Industry`): firms sharing one market, as statements about the model.
@Suite struct IndustryTests {
  static func config(customers: Int = 2000, weeks: Int = 52) -> TrialConfiguration {
    TrialConfiguration(customers: customers, weeks: weeks)
  }

  /// One firm and no outside option is today's single-firm trial, to the bit: the same streams,
  /// the same newcomers in the same order, and a switcher with nowhere to go leaves.
  @Test(arguments: [Market.competitive, .monopoly])
  func oneFirmWithoutAnOutsideOptionIsTheSingleFirmTrial(market: Market) throws {
    for strategy in [Strategy.goodEnough, .justGoodEnough] {
      let setup = IndustrySetup(firms: 1, weights: [1], outsideOption: false)
      let industry = try Industry.run(Self.config(), setup: setup, strategies: [strategy], market: market, seed: 7, trial: 3)
      let single = try Trial.run(Self.config(), strategy: strategy, market: market, seed: 7, trial: 3)
      #expect(industry.firms[0].outcome == single, "\(strategy.name) in \(market.name)")
      #expect(industry.flows.switched == 0 && industry.flows.entrantsOutside == 0)
    }
  }

  /// Every newcomer joins a firm or buys from none; every customer who leaves a firm joins another,
  /// buys from none or leaves the category: the firms' customers at the end are exactly the
  /// start plus those who joined less those who left.
  @Test func customersAreConserved() throws {
    let setup = IndustrySetup(firms: 6, weights: [1, 1, 1], qualitySpread: 0.04, outsideOption: true)
    let o = try Industry.run(Self.config(), setup: setup, strategies: [.goodEnough, .minimal, .goodToGreat], market: .competitive, seed: 3, trial: 0)
    let f = o.flows
    #expect(f.churned == f.switched + f.switchedOutside + f.leftCategory)
    #expect(f.endingCustomers == f.startingCustomers - f.churned + (f.entrants - f.entrantsOutside) + f.switched)
    #expect(f.switched > 0 && f.entrantsOutside > 0 && f.leftCategory > 0)
    // The firms' own books agree: each one's acquired and churned, summed, are the market's flows.
    let scale = Self.config().customerScale
    let acquired = o.firms.reduce(0) { $0 + $1.outcome[.acquired] } / scale
    let churned = o.firms.reduce(0) { $0 + $1.outcome[.churned] } / scale
    #expect(acquired == Double(f.entrants - f.entrantsOutside + f.switched))
    #expect(churned == Double(f.churned))
    #expect(o.firms.reduce(0) { $0 + $1.outcome[.customersEnd] } / scale == Double(f.endingCustomers))
    // And firm by firm: its start, plus newcomers and switchers in, less every leaver, is its end.
    for firm in o.firms {
      let g = firm.flows
      #expect(Double(firm.startingCustomers + g.newcomers + g.switchersIn - g.lostToRivals - g.lostOutside - g.lostCategory) == firm.outcome[.customersEnd] / scale)
    }
    #expect(o.firms.reduce(0) { $0 + $1.flows.switchersIn } == f.switched && o.firms.reduce(0) { $0 + $1.flows.lostToRivals } == f.switched)
    #expect(o.firms.reduce(0) { $0 + $1.flows.newcomers } == f.entrants - f.entrantsOutside)
  }

  /// Firms differ in size (a lognormal split of the start, summing to the whole) and in lock-in
  /// (switching cost around the market's); a firm below the viable share at a year's end leaves,
  /// and its customers shop among the others, every one accounted for.
  @Test func firmsDifferInSizeAndLockInAndTheUnviableLeave() throws {
    let split = Industry.startingCustomers(1000, sizes: [1, 3, 0.5, 0.5])
    #expect(split.reduce(0, +) == 1000 && split[1] > split[0] && split[0] > split[2])
    #expect(Industry.startingCustomers(5, sizes: [1, 1, 1]) == [2, 2, 1])
    let setup = IndustrySetup(firms: 12, weights: [1, 1], qualitySpread: 0.03, sizeSpread: 1, switchingSpread: 0.2, exitBelow: 0.9)
    let draws = try Industry.drawFirms(setup, strategies: [.goodEnough, .minimal], market: .competitive, seed: 4, trial: 0)
    #expect(Set(draws.map(\.switchingCost)).count > 6 && draws.allSatisfy { (0...0.95).contains($0.switchingCost) })
    let o = try Industry.run(Self.config(customers: 3000, weeks: 156), setup: setup, strategies: [.goodEnough, .minimal], market: .competitive, seed: 4, trial: 0)
    #expect(o.firms.map(\.startingCustomers).reduce(0, +) == 3000 && Set(o.firms.map(\.startingCustomers)).count > 6)
    let gone = o.firms.filter { $0.exitWeek != nil }
    #expect(!gone.isEmpty && gone.allSatisfy { [51, 103].contains($0.exitWeek!) && $0.outcome[.customersEnd] == 0 }, "exits: \(gone.map(\.exitWeek))")
    let f = o.flows
    #expect(f.churned == f.switched + f.switchedOutside + f.leftCategory)
    #expect(f.endingCustomers == f.startingCustomers - f.churned + (f.entrants - f.entrantsOutside) + f.switched)
  }

  /// Identical firms get the same share in expectation: over 16 industries of four identical
  /// firms every firm's mean share at the end is within 4 standard errors of 1/4.
  @Test func identicalFirmsHaveSymmetricSharesInExpectation() throws {
    let setup = IndustrySetup(firms: 4, weights: [1], outsideOption: true)
    var shares = [[Double]](repeating: [], count: 4)
    for t in 0..<16 {
      let o = try Industry.run(Self.config(customers: 1600, weeks: 52), setup: setup, strategies: [.goodEnough], market: .competitive, seed: 11, trial: t)
      for (k, firm) in o.firms.enumerated() { shares[k].append(firm.years.last!.share) }
    }
    for s in shares {
      let m = s.reduce(0, +) / Double(s.count)
      let sd = (s.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(s.count - 1)).squareRoot()
      #expect(abs(m - 0.25) < 4 * sd / Double(s.count).squareRoot() + 1e-9, "mean share \(m), sd \(sd)")
    }
  }

  /// A firm with strictly better service at the same price gains share: good-enough against
  /// minimal, two firms, the same price, over a two-year horizon.
  @Test func betterServiceAtTheSamePriceGainsShare() throws {
    let setup = IndustrySetup(firms: 2, weights: [1, 1], outsideOption: true)
    var gained = 0, industries = 0
    for t in 0..<12 {
      let o = try Industry.run(Self.config(customers: 2000, weeks: 104), setup: setup, strategies: [.goodEnough, .minimal], market: .competitive,
                               seed: 5, trial: t)
      let good = o.firms.filter { $0.draw.strategy == 0 }, bare = o.firms.filter { $0.draw.strategy == 1 }
      guard let g = good.first, let b = bare.first else { continue }
      industries += 1
      if g.years.last!.share > b.years.last!.share { gained += 1 }
      #expect(g.outcome[.acquired] > b.outcome[.acquired], "trial \(t): the better firm wins more newcomers and switchers")
    }
    #expect(industries >= 4 && gained == industries, "\(gained) of \(industries)")
  }

  /// Firms' draws: the mix's weights, drawn levers within their distribution, quality around the
  /// market's; the same firms in every market variant of a trial; another trial, other firms.
  @Test func firmsAreDrawnFromTheMixAndTheLeverDistributions() throws {
    let draw = LeverDraw(lever: "service_level_target", description: "uniform 0.5 … 0.9") { 0.5 + 0.4 * $0 }
    let setup = IndustrySetup(firms: 400, weights: [3, 1], leverDraws: [draw], qualitySpread: 0.05)
    let a = try Industry.drawFirms(setup, strategies: [.goodEnough, .minimal], market: .competitive, seed: 1, trial: 0)
    let share = Double(a.filter { $0.strategy == 0 }.count) / 400
    #expect(abs(share - 0.75) < 4 * (0.75 * 0.25 / 400).squareRoot())
    #expect(a.allSatisfy { (0.5...0.9).contains($0.levers.serviceLevelTarget) })
    #expect(a.filter { $0.strategy == 1 }.allSatisfy { $0.levers.occupancyCap == Strategy.minimal.levers.occupancyCap })
    let q = a.map(\.productQuality), mq = q.reduce(0, +) / 400
    #expect(abs(mq - Market.competitive.productQuality) < 4 * 0.05 / 20)
    let premium = try Industry.drawFirms(setup, strategies: [.goodEnough, .minimal], market: .premium, seed: 1, trial: 0)
    #expect(premium.map(\.strategy) == a.map(\.strategy) && premium.map(\.levers) == a.map(\.levers))
    #expect(try Industry.drawFirms(setup, strategies: [.goodEnough, .minimal], market: .competitive, seed: 1, trial: 1) != a)
  }

  /// The same industry on any number of threads, to the bit.
  @Test func anIndustryIsTheSameOnAnyNumberOfThreads() throws {
    let setup = IndustrySetup(firms: 5, weights: [1, 1], qualitySpread: 0.03)
    let one = try Industry.run(Self.config(customers: 1500, weeks: 30), setup: setup, strategies: [.goodEnough, .priceLeader], market: .commodity, seed: 9, trial: 2, threads: 1)
    let two = try Industry.run(Self.config(customers: 1500, weeks: 30), setup: setup, strategies: [.goodEnough, .priceLeader], market: .commodity, seed: 9, trial: 2, threads: 2)
    #expect(one.flows == two.flows)
    #expect(zip(one.firms, two.firms).allSatisfy { $0.outcome == $1.outcome && $0.years == $1.years })
  }

  /// The lists: of 20 active firms, the two most profitable and the two with the worst CSAT, each
  /// year; a firm that left the market is on no list; runs on both lists are counted.
  @Test func listsAreTheTopProfitAndWorstServiceDeciles() {
    var years = [[FirmYear]](repeating: [FirmYear](repeating: FirmYear(), count: 3), count: 20)
    for f in 0..<20 {
      for y in 0..<3 {
        years[f][y].active = !(f == 19 && y == 2)
        years[f][y].profit = Double(f)
        years[f][y].csat = 0.6 + Double(f) / 100
      }
    }
    years[0][1].profit = 100  // firm 0: most profitable in year 2, and always the worst service
    years[0][2].profit = 100
    let lists = Industry.lists(years)
    #expect(lists.map { $0[0].topProfit } == (0..<20).map { $0 >= 18 })
    #expect(lists.map { $0[0].worstService } == (0..<20).map { $0 <= 1 })
    #expect(lists[19][1].topProfit && !lists[19][2].topProfit && !lists[19][2].worstService)
    let firm0 = FirmOutcome(draw: FirmDraw(strategy: 0, levers: Levers(), productQuality: 0.6), outcome: TrialOutcome(), exitWeek: nil, years: lists[0])
    #expect(firm0.yearsOnBothLists == 2 && firm0.longestRunOnBothLists == 2)
  }
}
