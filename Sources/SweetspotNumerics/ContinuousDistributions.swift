internal import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Uniform on [lower, upper) (`gsl_ran_flat`).
public struct Uniform: Distribution {
  public let lower: Double, upper: Double
  public init(lower: Double = 0, upper: Double = 1) throws(NumericsError) {
    try NumericsError.require(lower.isFinite, "Uniform", "lower", lower, "finite")
    try NumericsError.require(upper.isFinite && upper > lower, "Uniform", "upper", upper, "finite and > lower (\(lower))")
    self.lower = lower; self.upper = upper
  }
  public func sample(using s: borrowing RandomStream) -> Double { gsl_ran_flat(s.rng, lower, upper) }
  public var mean: Double { (lower + upper) / 2 }
  public var variance: Double { (upper - lower) * (upper - lower) / 12 }
  public var description: String { "Uniform(lower: \(lower), upper: \(upper))" }
}

/// Gaussian N(mean, sd²) by Marsaglia & Tsang's ziggurat (`gsl_ran_gaussian_ziggurat`).
public struct Gaussian: Distribution {
  public let mean: Double, standardDeviation: Double
  public init(mean: Double = 0, standardDeviation: Double = 1) throws(NumericsError) {
    try NumericsError.require(mean.isFinite, "Gaussian", "mean", mean, "finite")
    try NumericsError.require(standardDeviation >= 0 && standardDeviation.isFinite, "Gaussian", "standardDeviation", standardDeviation, "finite and ≥ 0")
    self.mean = mean; self.standardDeviation = standardDeviation
  }
  public func sample(using s: borrowing RandomStream) -> Double {
    mean + gsl_ran_gaussian_ziggurat(s.rng, standardDeviation)
  }
  public var variance: Double { standardDeviation * standardDeviation }
  public var description: String { "Gaussian(mean: \(mean), standardDeviation: \(standardDeviation))" }
}

/// Lognormal: exp(N(mu, sigma²)) (`gsl_ran_lognormal(r, zeta = mu, sigma)`).
public struct Lognormal: Distribution {
  /// Location and scale of the underlying normal.
  public let mu: Double, sigma: Double
  public init(mu: Double, sigma: Double) throws(NumericsError) {
    try NumericsError.require(mu.isFinite, "Lognormal", "mu", mu, "finite")
    try NumericsError.require(isPositiveFinite(sigma), "Lognormal", "sigma", sigma, "finite and > 0")
    self.mu = mu; self.sigma = sigma
  }
  /// The lognormal with the given mean and coefficient of variation (sd ÷ mean), the way handle
  /// times are usually reported: sigma² = ln(1 + cv²), mu = ln(mean) − sigma²/2.
  public init(mean: Double, cv: Double) throws(NumericsError) {
    try NumericsError.require(isPositiveFinite(mean), "Lognormal", "mean", mean, "finite and > 0")
    try NumericsError.require(isPositiveFinite(cv), "Lognormal", "cv", cv, "finite and > 0")
    let s2 = log(1 + cv * cv)
    try self.init(mu: log(mean) - s2 / 2, sigma: s2.squareRoot())
  }
  public func sample(using s: borrowing RandomStream) -> Double { gsl_ran_lognormal(s.rng, mu, sigma) }
  public var mean: Double { exp(mu + sigma * sigma / 2) }
  public var variance: Double { (exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma) }
  public var description: String { "Lognormal(mu: \(mu), sigma: \(sigma))" }
}

/// Exponential with the given mean (`gsl_ran_exponential` takes the mean, not the rate).
public struct Exponential: Distribution {
  public let mean: Double
  public init(mean: Double) throws(NumericsError) {
    try NumericsError.require(isPositiveFinite(mean), "Exponential", "mean", mean, "finite and > 0")
    self.mean = mean
  }
  /// The exponential with the given rate (events per unit time): mean = 1 / rate.
  public init(rate: Double) throws(NumericsError) {
    try NumericsError.require(isPositiveFinite(rate), "Exponential", "rate", rate, "finite and > 0")
    try self.init(mean: 1 / rate)
  }
  public func sample(using s: borrowing RandomStream) -> Double { gsl_ran_exponential(s.rng, mean) }
  public var variance: Double { mean * mean }
  public var description: String { "Exponential(mean: \(mean))" }
}

/// Gamma with shape k and scale θ (`gsl_ran_gamma(r, a = shape, b = scale)`): mean kθ.
public struct Gamma: Distribution {
  public let shape: Double, scale: Double
  public init(shape: Double, scale: Double) throws(NumericsError) {
    try NumericsError.require(isPositiveFinite(shape), "Gamma", "shape", shape, "finite and > 0")
    try NumericsError.require(isPositiveFinite(scale), "Gamma", "scale", scale, "finite and > 0")
    self.shape = shape; self.scale = scale
  }
  public func sample(using s: borrowing RandomStream) -> Double { gsl_ran_gamma(s.rng, shape, scale) }
  public var mean: Double { shape * scale }
  public var variance: Double { shape * scale * scale }
  public var description: String { "Gamma(shape: \(shape), scale: \(scale))" }
}

/// Beta(a, b) on (0, 1) (`gsl_ran_beta`).
public struct Beta: Distribution {
  public let a: Double, b: Double
  public init(a: Double, b: Double) throws(NumericsError) {
    try NumericsError.require(isPositiveFinite(a), "Beta", "a", a, "finite and > 0")
    try NumericsError.require(isPositiveFinite(b), "Beta", "b", b, "finite and > 0")
    self.a = a; self.b = b
  }
  /// The beta with the given mean in (0, 1) and concentration a + b > 0.
  public init(mean: Double, concentration: Double) throws(NumericsError) {
    try NumericsError.require(mean > 0 && mean < 1, "Beta", "mean", mean, "in (0, 1)")
    try NumericsError.require(isPositiveFinite(concentration), "Beta", "concentration", concentration, "finite and > 0")
    try self.init(a: mean * concentration, b: (1 - mean) * concentration)
  }
  public func sample(using s: borrowing RandomStream) -> Double { gsl_ran_beta(s.rng, a, b) }
  public var mean: Double { a / (a + b) }
  public var variance: Double { a * b / ((a + b) * (a + b) * (a + b + 1)) }
  public var description: String { "Beta(a: \(a), b: \(b))" }
}
