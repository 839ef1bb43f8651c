internal import CGSL

/// Bernoulli(p): 1 with probability p, else 0 (`gsl_ran_bernoulli`).
public struct Bernoulli: Distribution {
  public let probability: Double
  public init(probability: Double) throws(NumericsError) {
    try NumericsError.require(isProbability(probability), "Bernoulli", "probability", probability, "in [0, 1]")
    self.probability = probability
  }
  public func draw(using s: borrowing RandomStream) -> Bool { gsl_ran_bernoulli(s.rng, probability) == 1 }
  public func sample(using s: borrowing RandomStream) -> Double { Double(gsl_ran_bernoulli(s.rng, probability)) }
  public var mean: Double { probability }
  public var variance: Double { probability * (1 - probability) }
  public var description: String { "Bernoulli(probability: \(probability))" }
}

/// Binomial(n, p): successes in n independent trials (`gsl_ran_binomial`).
public struct Binomial: Distribution {
  public let trials: Int, probability: Double
  public init(trials: Int, probability: Double) throws(NumericsError) {
    try NumericsError.require(trials >= 0 && trials <= Int(UInt32.max), "Binomial", "trials", Double(trials), "in 0 ... 2^32 − 1")
    try NumericsError.require(isProbability(probability), "Binomial", "probability", probability, "in [0, 1]")
    self.trials = trials; self.probability = probability
  }
  public func draw(using s: borrowing RandomStream) -> Int {
    Int(gsl_ran_binomial(s.rng, probability, UInt32(trials)))
  }
  public func sample(using s: borrowing RandomStream) -> Double { Double(draw(using: s)) }
  public var mean: Double { Double(trials) * probability }
  public var variance: Double { Double(trials) * probability * (1 - probability) }
  public var description: String { "Binomial(trials: \(trials), probability: \(probability))" }
}

/// Poisson with the given mean (`gsl_ran_poisson`).
public struct Poisson: Distribution {
  public let mean: Double
  public init(mean: Double) throws(NumericsError) {
    // GSL's sampler returns unsigned int; keep the mean far below 2^32.
    try NumericsError.require(mean >= 0 && mean <= 1e9, "Poisson", "mean", mean, "in [0, 1e9]")
    self.mean = mean
  }
  public func draw(using s: borrowing RandomStream) -> Int { mean == 0 ? 0 : Int(gsl_ran_poisson(s.rng, mean)) }
  public func sample(using s: borrowing RandomStream) -> Double { Double(draw(using: s)) }
  public var variance: Double { mean }
  public var description: String { "Poisson(mean: \(mean))" }
}

/// Negative binomial: failures before the n-th success, success probability p
/// (`gsl_ran_negative_binomial(r, p, n)`; n may be non-integer). Mean n(1−p)/p, variance n(1−p)/p².
/// A Poisson whose mean is gamma-distributed: the usual model for over-dispersed counts.
public struct NegativeBinomial: Distribution {
  public let probability: Double, successes: Double
  public init(probability: Double, successes: Double) throws(NumericsError) {
    try NumericsError.require(probability > 0 && probability <= 1, "NegativeBinomial", "probability", probability, "in (0, 1]")
    try NumericsError.require(isPositiveFinite(successes), "NegativeBinomial", "successes", successes, "finite and > 0")
    self.probability = probability; self.successes = successes
  }
  public func draw(using s: borrowing RandomStream) -> Int {
    Int(gsl_ran_negative_binomial(s.rng, probability, successes))
  }
  public func sample(using s: borrowing RandomStream) -> Double { Double(draw(using: s)) }
  public var mean: Double { successes * (1 - probability) / probability }
  public var variance: Double { successes * (1 - probability) / (probability * probability) }
  public var description: String { "NegativeBinomial(probability: \(probability), successes: \(successes))" }
}
