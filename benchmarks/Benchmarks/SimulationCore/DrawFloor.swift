import SweetspotModel
import SweetspotNumerics

/// The random draws of one trial with no model around them: the "GSL floor" the performance
/// benchmarks compare a trial with (target: the model costs at most twice its draws).
///
/// It makes the same kinds and numbers of draws as `Trial.run`: every customer's latent
/// attributes (segment, two betas, two lognormals, four gammas, a Gaussian), 6 uniforms per
/// customer slot per week from four weekly re-keyed streams, and each week's binomial (agent
/// attrition) and Poisson (recruits). `recruits` is the trial's total of new customers (its
/// `acquired` outcome ÷ scale); slots are counted as if recruits arrived evenly over the horizon.
public enum DrawFloor {
  public static func run(customers: Int, weeks: Int, recruits: Int, agents: Int = 70, seed: UInt64 = 1, trial: Int = 0) throws -> Double {
    func key(_ p: Purpose, _ part: Int = 0) -> StreamKey { StreamKey(seed: seed, trial: trial, purpose: p, part: part) }
    let population = try RandomStream(key: key(.population))
    let recruitStream = try RandomStream(key: key(.recruits))
    var problems = try RandomStream(key: key(.problems)), decisions = try RandomStream(key: key(.decisions))
    var service = try RandomStream(key: key(.service)), churn = try RandomStream(key: key(.churn))
    var employees = try RandomStream(key: key(.employees)), acquisition = try RandomStream(key: key(.acquisition))
    let segments = try DiscreteTable(weights: Market.competitive.segmentMix)
    var sink = 0.0
    func customer(_ s: borrowing RandomStream) {
      sink += Double(segments.draw(using: s))
      sink += s.beta(9, 11) + s.lognormal(mu: 2, sigma: 0.55) + s.gamma(shape: 4, scale: 0.4) + s.beta(5, 5)
      sink += s.gamma(shape: 2, scale: 0.5) + s.gamma(shape: 4, scale: 0.001) + s.gamma(shape: 3, scale: 1.0 / 3)
      sink += s.lognormal(mu: 5, sigma: 0.7) + s.gaussian(mean: 0.5, standardDeviation: 0.05)
    }
    for _ in 0..<customers { customer(population) }
    for week in 0..<weeks {
      try problems.reset(to: key(.problems, week)); try decisions.reset(to: key(.decisions, week))
      try service.reset(to: key(.service, week)); try churn.reset(to: key(.churn, week))
      try employees.reset(to: key(.employees, week)); try acquisition.reset(to: key(.acquisition, week))
      let slots = customers + recruits * week / max(weeks, 1)
      let k = Trial.drawsPerCustomerWeek
      for _ in 0..<slots {
        for _ in 0..<k.problems { sink += problems.uniform() }
        for _ in 0..<k.decisions { sink += decisions.uniform() }
      }
      for _ in 0..<slots {
        for _ in 0..<k.service { sink += service.uniform() }
        for _ in 0..<k.churn { sink += churn.uniform() }
      }
      sink += Double(employees.binomial(trials: agents, probability: 0.008))
      let arrivals = acquisition.poisson(mean: Double(recruits) / Double(max(weeks, 1)))
      for _ in 0..<arrivals { customer(recruitStream) }
    }
    return sink
  }
}
