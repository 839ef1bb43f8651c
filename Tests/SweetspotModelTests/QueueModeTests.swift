import Testing
import SweetspotNumerics
@testable import SweetspotModel

/// The fast queue mode (Erlang A per interval) agrees with the discrete-event mode.
@Suite struct QueueModeTests {
  @Test func erlangAWeeksAgreeWithSimulatedWeeksWithinFourStandardErrors() throws {
    let phone = QueuedChannel(handleSeconds: 390, patienceSeconds: 180, concurrency: 1)
    let levers = Strategy.goodEnough.levers
    let world = World()
    var scratch: [Double] = []
    var hints: [Int] = []
    var roster: [Int] = []
    phone.roster(forecast: 5000, levers: levers, world: world, agents: &roster, servers: &hints, scratch: &scratch)
    let fast = try phone.week(volume: 5000, agents: roster, levers: levers, world: world, scratch: &scratch)
    var abandon: [Double] = [], within: [Double] = [], asa: [Double] = []
    for week in 0..<30 {
      let s = try phone.week(volume: 5000, agents: roster, levers: levers, world: world,
                             evaluation: .simulation(seed: 11, trial: 0, week: week, channel: 0), scratch: &scratch)
      abandon.append(s.abandonRate); within.append(s.serviceLevel); asa.append(s.asa)
    }
    for (name, xs, exact) in [("abandonment", abandon, fast.abandonRate), ("service level", within, fast.serviceLevel), ("ASA", asa, fast.asa)] {
      let ci = try ConfidenceInterval(xs)
      let se = ci.halfWidth / 2.045  // t(0.975; 29)
      #expect(abs(ci.mean - exact) <= 4 * se, "\(name): simulated \(ci.mean) ± \(ci.halfWidth), Erlang A \(exact)")
    }
  }

  @Test func aTrialInSimulationModeTellsTheSameStory() throws {
    let fast = try run(customers: 3000, weeks: 26)
    let slow = try run(customers: 3000, weeks: 26, mode: .simulation)
    #expect(abs(fast[.serviceLevel] - slow[.serviceLevel]) < 0.03)
    #expect(abs(fast[.abandonment] - slow[.abandonment]) < 0.015)
    #expect(abs(fast[.profitNPV] - slow[.profitNPV]) / fast[.profitNPV] < 0.02)
  }
}
