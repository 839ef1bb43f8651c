import Testing
@testable import SweetspotModel

/// A recorded trial is the same trial, and its weekly snapshots add up to its outcome.
@Suite struct TrajectoryTests {
  static let configuration = TrialConfiguration(customers: 2000, weeks: 65)

  static func recorded(_ s: Strategy, trial: Int = 1) throws -> (outcome: TrialOutcome, weeks: [WeekSnapshot]) {
    try Trial.recorded(configuration, strategy: s, market: .competitive, seed: 2026, trial: trial)
  }

  @Test(arguments: [Strategy.justGoodEnough, .goodEnough, .justLowEnoughPrice])
  func recordingChangesNoOutcomeBitForBit(strategy: Strategy) throws {
    let plain = try Trial.run(Self.configuration, strategy: strategy, market: .competitive, seed: 2026, trial: 1)
    let (outcome, weeks) = try Self.recorded(strategy)
    #expect(outcome == plain)
    #expect(zip(outcome.values, plain.values).allSatisfy { $0.bitPattern == $1.bitPattern })
    #expect(weeks.map(\.week) == Array(0..<Self.configuration.weeks))
  }

  @Test func theSnapshotsAddUpToTheOutcome() throws {
    let (o, weeks) = try Self.recorded(.justGoodEnough)
    let scale = Self.configuration.customerScale
    // The last week's customers are the customers at the end; churn and acquisition are the
    // weekly counts' sums (integers times the scale, so the sums are exact).
    #expect(weeks.last!.customers == o[.customersEnd])
    #expect(weeks.map(\.churned).reduce(0, +) == o[.churned])
    #expect(weeks.map(\.acquired).reduce(0, +) == o[.acquired])
    // Each week: last week's customers − churned + acquired.
    var before = Double(Self.configuration.customers) * scale
    for w in weeks {
      #expect(before - w.churned + w.acquired == w.customers)
      before = w.customers
    }
    // Revenue, cost to serve and profit are the weekly sums (up to rounding: the running sums
    // add in another order).
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }
    #expect(close(weeks.map(\.revenue).reduce(0, +), o[.revenue]))
    #expect(close(weeks.map(\.serviceCost).reduce(0, +), o[.costToServe]))
    #expect(close(weeks.map(\.cashFlow).reduce(0, +), o[.profitMargin] * o[.revenue]))
    // Burnout: the outcome is the weekly mean; agents FTE likewise.
    #expect(close(weeks.map(\.burnout).reduce(0, +) / Double(weeks.count), o[.burnout]))
    #expect(close(weeks.map(\.agents).reduce(0, +) / Double(weeks.count), o[.agentsFTE]))
  }

  @Test func npsIsTheLatestQuarterlySurveyAndUndefinedBeforeTheFirst() throws {
    let (o, weeks) = try Self.recorded(.goodEnough)
    #expect(weeks[0..<12].allSatisfy { $0.nps.isNaN })
    // Surveys at weeks 12, 25, 38, 51 and the last week (64); the outcome is their mean.
    let surveys = [12, 25, 38, 51, 64].map { weeks[$0].nps }
    #expect(surveys.allSatisfy { $0.isFinite && $0 >= -100 && $0 <= 100 })
    #expect(weeks[13..<25].allSatisfy { $0.nps == surveys[0] })
    #expect(abs(surveys.reduce(0, +) / 5 - o[.nps]) < 1e-9)
  }

  @Test func theJustGoodEnoughControllerMovesItsLeversAtQuarterEndsOnly() throws {
    let (_, weeks) = try Self.recorded(.justGoodEnough)
    let start = Strategy.justGoodEnough.levers
    // It starts from the good-enough levers and measures its baseline in the first two quarters.
    #expect(weeks[0..<26].allSatisfy { $0.serviceLevelTarget == start.serviceLevelTarget && $0.trainingHours == start.trainingHours })
    let levers = weeks.map { [$0.serviceLevelTarget, $0.occupancyCap, $0.trainingHours, $0.knowledgeBase, $0.proactive, $0.recoveryCompensation] }
    let changes = (1..<weeks.count).filter { levers[$0] != levers[$0 - 1] }
    #expect(!changes.isEmpty, "the controller never moved a lever")
    #expect(changes.allSatisfy { $0 % 13 == 0 }, "levers changed at weeks \(changes)")
    // The sweetspot hunter leaves price and root-cause spend alone.
    #expect(Set(weeks.map(\.price)) == [start.price] && Set(weeks.map(\.rootCauseSpend)) == [start.rootCauseSpend])
  }

  @Test func thePriceHunterMovesPriceOnly() throws {
    let (_, weeks) = try Self.recorded(.justLowEnoughPrice)
    let prices = weeks.map(\.price)
    #expect(Set(prices).count > 1)
    #expect((1..<weeks.count).filter { prices[$0] != prices[$0 - 1] }.allSatisfy { $0 % 13 == 0 })
    #expect(Set(weeks.map(\.serviceLevelTarget)).count == 1 && Set(weeks.map(\.trainingHours)).count == 1)
  }

  @Test(arguments: [Strategy.goodEnough, .goodToGreat, .minimal])
  func aFixedStrategysLeversAreConstant(strategy: Strategy) throws {
    let (_, weeks) = try Self.recorded(strategy)
    let l = strategy.levers
    for w in weeks {
      #expect([w.serviceLevelTarget, w.occupancyCap, w.trainingHours, w.knowledgeBase, w.proactive, w.recoveryCompensation, w.rootCauseSpend, w.price]
        == [l.serviceLevelTarget, l.occupancyCap, l.trainingHours, l.knowledgeBase, l.proactive, l.recoveryCompensation, l.rootCauseSpend, l.price])
    }
  }

  @Test func weeklyRatesAreShares() throws {
    let (_, weeks) = try Self.recorded(.minimal)
    for w in weeks {
      for v in [w.csat, w.serviceLevel, w.abandonment, w.burnout] where !v.isNaN { #expect(v >= 0 && v <= 1) }
      #expect(w.values.count == WeekSnapshot.columns.count)
      #expect(w["service_level"] == w.serviceLevel || (w.serviceLevel.isNaN && w["service_level"]!.isNaN))
    }
  }
}
