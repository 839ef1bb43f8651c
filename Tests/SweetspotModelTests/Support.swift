@testable import SweetspotModel

/// Small, fast trials for mechanism tests: the same seeds throughout, so every comparison is
/// under common random numbers.
func run(_ strategy: Strategy = .goodEnough, _ market: Market = .competitive, customers: Int = 3000, weeks: Int = 78, scale: Double = 25,
         world: World = World(), mode: QueueMode = .erlangA, seed: UInt64 = 2026, trial: Int = 0) throws -> TrialOutcome {
  try Trial.run(TrialConfiguration(customers: customers, weeks: weeks, customerScale: scale, queueMode: mode, world: world),
                strategy: strategy, market: market, seed: seed, trial: trial)
}

/// The mean of a metric over `trials` trials.
func mean(_ metric: Metric, trials: Int = 3, _ make: (Int) throws -> TrialOutcome) rethrows -> Double {
  var s = 0.0
  for t in 0..<trials { s += try make(t)[metric] }
  return s / Double(trials)
}

extension Strategy {
  func with(_ change: (inout Levers) -> Void) -> Strategy {
    var s = self
    change(&s.levers)
    s.name += "*"
    return s
  }
}

extension Levers {
  func with(_ change: (inout Levers) -> Void) -> Levers {
    var l = self
    change(&l)
    return l
  }
}
