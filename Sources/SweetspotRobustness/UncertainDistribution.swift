import SweetspotNumerics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What is believed about one uncertain model parameter: the distribution a sampled world draws
/// its value from.
///
///     let d = UncertainDistribution.normal(mean: 0.7, sd: 0.1)
///     d.quantile(0.975)                     // 0.896: the value at that point of the unit cube
///     d.quantile(0.975, within: 0 ... 0.8)  // 0.79…: never outside what the parameter allows
///
/// Designs produce points of the unit cube; a distribution turns each coordinate u into a value
/// by its inverse distribution function F⁻¹(u) (inverse-transform sampling), so the space-filling
/// property of a Latin hypercube or a Sobol' sequence carries over to the parameters, as in
/// EMA Workbench and SALib. The inverses are GSL's (`gsl_cdf_ugaussian_Pinv`,
/// `gsl_cdf_beta_Pinv`) or exact formulas (uniform, triangular, lognormal through the normal).
public enum UncertainDistribution: Sendable, Equatable, CustomStringConvertible {
  /// Every value in [low, high] equally likely.
  case uniform(low: Double, high: Double)
  /// The triangle from low to high peaking at mode (low ≤ mode ≤ high).
  case triangular(low: Double, mode: Double, high: Double)
  /// N(mean, sd²).
  case normal(mean: Double, sd: Double)
  /// exp(N(mu, sigma²)): mu and sigma are of log x, as in GSL's `gsl_ran_lognormal`.
  case lognormal(mu: Double, sigma: Double)
  /// Beta(a, b) stretched from [0, 1] to [low, high].
  case beta(a: Double, b: Double, low: Double, high: Double)
  /// log X uniform on [log low, log high] (0 < low < high): every factor equally likely, for a
  /// scale whose plausible range is "half to twice" a value (the range's geometric middle is
  /// its median; a uniform draw would put the median at the arithmetic middle, above it).
  case logUniform(low: Double, high: Double)

  /// Nil when the parameters are valid; otherwise what is wrong, in one line ("low (2.0) must be
  /// below high (1.0)").
  public func validate() -> String? {
    func finite(_ pairs: (String, Double)...) -> String? {
      pairs.first { !$0.1.isFinite }.map { "\($0.0) must be a finite number; got \($0.1)" }
    }
    func ordered(_ low: Double, _ high: Double) -> String? {
      low < high ? nil : "low (\(low)) must be below high (\(high))"
    }
    switch self {
    case let .uniform(low, high):
      return finite(("low", low), ("high", high)) ?? ordered(low, high)
    case let .triangular(low, mode, high):
      if let m = finite(("low", low), ("mode", mode), ("high", high)) ?? ordered(low, high) { return m }
      return low <= mode && mode <= high ? nil : "mode (\(mode)) must be in low ... high (\(low) ... \(high))"
    case let .normal(mean, sd):
      if let m = finite(("mean", mean), ("sd", sd)) { return m }
      return sd > 0 ? nil : "sd must be > 0; got \(sd)"
    case let .lognormal(mu, sigma):
      if let m = finite(("mu", mu), ("sigma", sigma)) { return m }
      return sigma > 0 ? nil : "sigma must be > 0; got \(sigma)"
    case let .beta(a, b, low, high):
      if let m = finite(("a", a), ("b", b), ("low", low), ("high", high)) { return m }
      if !(a > 0) { return "a must be > 0; got \(a)" }
      if !(b > 0) { return "b must be > 0; got \(b)" }
      return ordered(low, high)
    case let .logUniform(low, high):
      if let m = finite(("low", low), ("high", high)) { return m }
      return low > 0 ? ordered(low, high) : "low must be > 0 for a log-uniform distribution; got \(low)"
    }
  }

  public var description: String {
    switch self {
    case let .uniform(low, high): return "uniform(low: \(low), high: \(high))"
    case let .triangular(low, mode, high): return "triangular(low: \(low), mode: \(mode), high: \(high))"
    case let .normal(mean, sd): return "normal(mean: \(mean), sd: \(sd))"
    case let .lognormal(mu, sigma): return "lognormal(mu: \(mu), sigma: \(sigma))"
    case let .beta(a, b, low, high): return "beta(a: \(a), b: \(b), low: \(low), high: \(high))"
    case let .logUniform(low, high): return "logUniform(low: \(low), high: \(high))"
    }
  }

  /// The theoretical mean.
  public var mean: Double {
    switch self {
    case let .uniform(low, high): return (low + high) / 2
    case let .triangular(low, mode, high): return (low + mode + high) / 3
    case let .normal(mean, _): return mean
    case let .lognormal(mu, sigma): return exp(mu + sigma * sigma / 2)
    case let .beta(a, b, low, high): return low + (high - low) * a / (a + b)
    case let .logUniform(low, high): return (high - low) / log(high / low)
    }
  }

  /// The theoretical variance.
  public var variance: Double {
    switch self {
    case let .uniform(low, high): return (high - low) * (high - low) / 12
    case let .triangular(a, c, b): return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
    case let .normal(_, sd): return sd * sd
    case let .lognormal(mu, sigma): return (exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma)
    case let .beta(a, b, low, high):
      return (high - low) * (high - low) * a * b / ((a + b) * (a + b) * (a + b + 1))
    case let .logUniform(low, high):
      let m = (high - low) / log(high / low)
      return (high * high - low * low) / (2 * log(high / low)) - m * m
    }
  }

  /// The distribution function F(x) = P(X ≤ x). NaN when the parameters are invalid.
  public func cdf(_ x: Double) -> Double {
    guard validate() == nil, !x.isNaN else { return .nan }
    switch self {
    case let .uniform(low, high):
      return min(max((x - low) / (high - low), 0), 1)
    case let .triangular(low, mode, high):
      if x <= low { return 0 }
      if x >= high { return 1 }
      if x <= mode { return (x - low) * (x - low) / ((high - low) * (mode - low)) }
      return 1 - (high - x) * (high - x) / ((high - low) * (high - mode))
    case let .normal(mean, sd):
      return SpecialFunctions.normalCDF((x - mean) / sd)
    case let .lognormal(mu, sigma):
      return x <= 0 ? 0 : SpecialFunctions.normalCDF((log(x) - mu) / sigma)
    case let .beta(a, b, low, high):
      return (try? SpecialFunctions.betaCDF((x - low) / (high - low), a: a, b: b)) ?? .nan
    case let .logUniform(low, high):
      if x <= low { return 0 }
      if x >= high { return 1 }
      return log(x / low) / log(high / low)
    }
  }

  /// F⁻¹(u): the value at coordinate u ∈ [0, 1] of the unit cube. NaN when the parameters are
  /// invalid or u is NaN; u outside [0, 1] counts as the nearer end.
  ///
  /// The normal and lognormal have unbounded support, so for them u is first kept inside
  /// [2⁻⁵³, 1 − 2⁻⁵³], the range of a 53-bit uniform: u = 0 (a Morris grid's lowest level) gives
  /// mean − 8.2 sd rather than −∞. Use `quantile(_:within:)` to keep values inside a
  /// parameter's allowed range.
  public func quantile(_ u: Double) -> Double {
    guard validate() == nil, !u.isNaN else { return .nan }
    let edge = 0x1p-53
    return inverse(unbounded ? min(max(u, edge), 1 - edge) : min(max(u, 0), 1))
  }

  /// F⁻¹ of the distribution truncated to `bounds` (a parameter's allowed range): u is mapped
  /// into [F(low), F(high)] before inverting, so every u ∈ [0, 1] gives a value inside the
  /// bounds (u = 0 the lowest, u = 1 the highest) and the values keep the distribution's shape
  /// there. A normal(0.7, 0.2) for a probability never leaves [0, 1].
  ///
  /// Bounds in the upper tail are handled on the mirrored distribution (x → −x), whose lower
  /// tail F resolves to ~10⁻³⁰⁰ where 1 − F would round to 1 beyond ~10⁻¹⁶. When the
  /// distribution has no mass inside the bounds that a double can resolve (say a normal's
  /// 40-sd tail), the untruncated F⁻¹(u) is clamped to the bounds, so the value is the bound
  /// nearer the distribution.
  public func quantile(_ u: Double, within bounds: ClosedRange<Double>) -> Double {
    guard validate() == nil, !u.isNaN, !bounds.lowerBound.isNaN, !bounds.upperBound.isNaN else { return .nan }
    let u = min(max(u, 0), 1)
    let lo = bounds.lowerBound, hi = bounds.upperBound
    func clamped(_ x: Double) -> Double { min(max(x, lo), hi) }

    if case let .lognormal(mu, sigma) = self {
      // Truncating X to [lo, hi] is truncating log X to [log lo, log hi].
      guard hi > 0 else { return hi }
      let logBounds = (lo > 0 ? log(lo) : -Double.infinity) ... log(hi)
      return clamped(exp(UncertainDistribution.normal(mean: mu, sd: sigma).quantile(u, within: logBounds)))
    }

    let pLow = cdf(lo), pHigh = cdf(hi)
    guard pHigh > pLow else { return clamped(quantile(u)) }
    if pLow > 0.5, let mirror = mirrored {
      // F(lo) > ½ implies the mirror's F(−hi) = 1 − F(hi) < ½, so this recursion stops.
      return clamped(-mirror.quantile(1 - u, within: -hi ... -lo))
    }
    var v = pLow + u * (pHigh - pLow)
    if unbounded {
      // Φ⁻¹(0) = −∞ and Φ⁻¹(1) = +∞: an infinite bound has F = 0 or 1, so step inside as
      // `quantile(_:)` does; a finite bound has F strictly inside (0, 1) and stays exact.
      let edge = 0x1p-53
      v = min(max(v, pLow > 0 ? pLow : min(edge, pHigh)), pHigh < 1 ? pHigh : max(1 - edge, pLow))
    }
    return clamped(inverse(v))
  }

  /// Whether the support is unbounded (so F⁻¹(0) or F⁻¹(1) is infinite).
  private var unbounded: Bool {
    switch self {
    case .normal, .lognormal: return true
    case .uniform, .triangular, .beta, .logUniform: return false
    }
  }

  /// The distribution of −X (nil for the lognormal, whose truncation works in log space).
  private var mirrored: UncertainDistribution? {
    switch self {
    case let .uniform(low, high): return .uniform(low: -high, high: -low)
    case let .triangular(low, mode, high): return .triangular(low: -high, mode: -mode, high: -low)
    case let .normal(mean, sd): return .normal(mean: -mean, sd: sd)
    case let .beta(a, b, low, high): return .beta(a: b, b: a, low: -high, high: -low)
    case .lognormal, .logUniform: return nil
    }
  }

  /// F⁻¹(v) for v ∈ [0, 1], parameters already valid.
  private func inverse(_ v: Double) -> Double {
    switch self {
    case let .uniform(low, high):
      return v >= 1 ? high : low + v * (high - low)
    case let .triangular(low, mode, high):
      // F(mode) = (mode − low)/(high − low); invert each quadratic piece of F.
      let width = high - low
      if v * width <= mode - low { return low + ((v * width * (mode - low)).squareRoot()) }
      return high - ((1 - v) * width * (high - mode)).squareRoot()
    case let .normal(mean, sd):
      return mean + sd * standardNormalInverse(v)
    case let .lognormal(mu, sigma):
      return exp(mu + sigma * standardNormalInverse(v))
    case let .beta(a, b, low, high):
      let x = (try? SpecialFunctions.betaQuantile(v, a: a, b: b)) ?? .nan
      return v >= 1 ? high : low + x * (high - low)
    case let .logUniform(low, high):
      return v >= 1 ? high : min(high, low * exp(v * log(high / low)))
    }
  }

  private func standardNormalInverse(_ v: Double) -> Double {
    if v <= 0 { return -.infinity }
    if v >= 1 { return .infinity }
    return (try? SpecialFunctions.normalQuantile(v)) ?? .nan
  }
}
