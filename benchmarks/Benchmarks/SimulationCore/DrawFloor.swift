import SweetspotModel
import SweetspotNumerics

/// The random draws of one trial with no model around them: the "floor" the performance
/// benchmarks compare a trial with (target: the model costs at most twice its draws).
///
/// It makes the same kinds and numbers of draws as `Trial.run`: every customer's latent
/// attributes through GSL's samplers (segment, two betas, two lognormals, four gammas, a
/// Gaussian), per customer slot per week the two Philox blocks of `CustomerDraws` (contacts and
/// outcomes: three uniforms each), and each week's binomial (agent attrition) and Poisson
/// (recruits). `recruits` is the trial's total of new customers (its `acquired` outcome ÷ scale);
/// slots are counted as if recruits arrived evenly over the horizon, and every slot draws (a
/// trial's churned slots draw nothing, so this floor is a little high).
public enum DrawFloor {
  public static func run(customers: Int, weeks: Int, recruits: Int, agents: Int = 70, seed: UInt64 = 1, trial: Int = 0) throws -> Double {
    func key(_ p: Purpose, _ part: Int = 0) -> StreamKey { StreamKey(seed: seed, trial: trial, purpose: p, part: part) }
    let population = try RandomStream(key: key(.population))
    let recruitStream = try RandomStream(key: key(.recruits))
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
      try employees.reset(to: key(.employees, week)); try acquisition.reset(to: key(.acquisition, week))
      let slots = customers + recruits * week / max(weeks, 1)
      let contacts = CustomerDraws(seed: seed, trial: trial, purpose: .problems, week: week)
      let outcomes = CustomerDraws(seed: seed, trial: trial, purpose: .service, week: week)
      for i in 0..<slots { let u = contacts.uniforms(i); sink += u.0 + u.1 + u.2 }
      for i in 0..<slots { let u = outcomes.uniforms(i); sink += u.0 + u.1 + u.2 }
      sink += Double(employees.binomial(trials: agents, probability: 0.008))
      let arrivals = acquisition.poisson(mean: Double(recruits) / Double(max(weeks, 1)))
      for _ in 0..<arrivals { customer(recruitStream) }
    }
    return sink
  }
}
