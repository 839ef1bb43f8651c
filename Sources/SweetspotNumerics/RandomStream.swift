internal import CGSL
internal import _SweetspotMRG

/// One independent source of random numbers: a GSL generator positioned by a `StreamKey`.
///
///     let stream = try RandomStream(key: StreamKey(seed: 42, trial: 7, purpose: .patience))
///     let patience = try Exponential(mean: 180).sample(using: stream)
///
/// The stream owns its `gsl_rng` and frees it when it goes out of scope; it is non-copyable, so
/// there is exactly one owner and no reference counting. It is not `Sendable`: GSL generators
/// are per-thread workspaces, so each worker creates its own and re-keys it per trial with
/// `reset(to:)`, which allocates nothing (Philox4x64: writing a counter; MRG32k3a: a jump-ahead
/// of about a microsecond).
///
/// Drawing mutates the generator behind the pointer, not the Swift value, so the sampling
/// methods take the stream `borrowing`.
public struct RandomStream: ~Copyable {
  let rng: UnsafeMutablePointer<gsl_rng>
  /// The generator underneath.
  public let generator: Generator
  /// Where the stream was last positioned.
  public private(set) var key: StreamKey

  /// Allocates a generator and positions it at `key`.
  public init(generator: Generator = .default, key: StreamKey) throws(NumericsError) {
    GSLRuntime.prepare()
    try key.validate()
    guard let r = gsl_rng_alloc(generator.gslType) else {
      throw .gsl(function: "gsl_rng_alloc", code: Int32(GSL_ENOMEM), message: "out of memory")
    }
    self.rng = r
    self.generator = generator
    self.key = key
    RandomStream.position(r, generator, key)
  }

  deinit { gsl_rng_free(rng) }

  /// Re-positions the stream at `key`, as if newly created there.
  public mutating func reset(to key: StreamKey) throws(NumericsError) {
    try key.validate()
    self.key = key
    RandomStream.position(rng, generator, key)
  }

  /// Re-positions the stream at item `item` of its key: the same as `reset(to:)` with only
  /// `item` changed, without building a key. A population gives each customer a stream this way,
  /// and a key copied per customer (its purpose's name is a string) cost two reference-count
  /// operations on memory that two threads shared.
  public mutating func reset(item: UInt64) throws(NumericsError) {
    try NumericsError.require(item < StreamKey.maxItems, "StreamKey", "item", Double(item), "in 0 ..< 2^36")
    key.item = item
    RandomStream.position(rng, generator, key)
  }

  private static func position(_ r: UnsafeMutablePointer<gsl_rng>, _ g: Generator, _ key: StreamKey) {
    switch g {
    case .philox4x64:
      let (k0, k1) = Philox.key(seed: key.seed, trial: key.trial)
      withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 6) { b in
        b[0] = 0; b[1] = UInt64(key.part) | key.item << 20; b[2] = key.stream; b[3] = 0
        b[4] = k0; b[5] = k1
        sweetspot_philox4x64_set(r, b.baseAddress!, b.baseAddress! + 4)
      }
    case .mrg32k3a:
      var s = MRG32k3aJump.state(
        base: MRG32k3aJump.baseState(seed: key.seed), stream: key.stream,
        substream: key.substream)
      MRG32k3aJump.jump(&s, by: key.item, shift: MRG32k3aJump.itemShift)
      let rc = s.withUnsafeBufferPointer { sweetspot_mrg32k3a_set_state(r, $0.baseAddress!) }
      precondition(rc == 0, "jump-ahead produced an invalid MRG32k3a state")  // unreachable: jumps preserve validity
    default:
      gsl_rng_set(r, UInt(truncatingIfNeeded: key.mixedSeed))
    }
  }

  /// Positions an MRG32k3a stream at an explicit state (known-answer tests against SSJ).
  init(mrg32k3aState s: [UInt64]) throws(NumericsError) {
    GSLRuntime.prepare()
    guard let r = gsl_rng_alloc(sweetspot_mrg32k3a_type()) else {
      throw .gsl(function: "gsl_rng_alloc", code: Int32(GSL_ENOMEM), message: "out of memory")
    }
    let rc = s.withUnsafeBufferPointer { sweetspot_mrg32k3a_set_state(r, $0.baseAddress!) }
    if rc != 0 {
      gsl_rng_free(r)
      throw .invalidParameter(
        owner: "MRG32k3a", parameter: "state", value: "\(s)",
        allowed: "three words in [0, m1) and three in [0, m2), neither triple all zero")
    }
    self.rng = r
    self.generator = .mrg32k3a
    self.key = StreamKey(seed: 0)
  }

  // MARK: Uniforms

  /// A uniform draw on [0, 1) (`gsl_rng_uniform`; 0 is possible for some generators).
  @inline(__always)
  public func uniform() -> Double { gsl_rng_uniform(rng) }

  /// A uniform draw on (0, 1), for logarithms and inversions (`gsl_rng_uniform_pos`).
  @inline(__always)
  public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

  /// True with probability `p`; p ≤ 0 is never, p ≥ 1 always (one uniform draw either way, so
  /// the stream stays in step whatever `p` is).
  @inline(__always)
  public func bernoulli(_ p: Double) -> Bool { gsl_rng_uniform(rng) < p }

  /// A uniform integer in 0 ..< n (`gsl_rng_uniform_int`); n must be ≥ 1.
  public func uniformInt(below n: Int) throws(NumericsError) -> Int {
    try NumericsError.require(n >= 1 && UInt(n) <= gsl_rng_max(rng) - gsl_rng_min(rng), "uniformInt", "n", Double(n), "in 1 ... generator range")
    return Int(gsl_rng_uniform_int(rng, UInt(n)))
  }

  // MARK: Unchecked samplers for hot loops
  //
  // The model computes these parameters itself, so they are valid by construction; these skip
  // the validation that the distribution types do once at set-up. Each is one GSL call.

  /// Exponential with the given mean (GSL takes the mean, not the rate). mean > 0.
  @inline(__always)
  public func exponential(mean: Double) -> Double { gsl_ran_exponential(rng, mean) }

  /// Gaussian N(mean, sd²) by the ziggurat method. sd ≥ 0.
  @inline(__always)
  public func gaussian(mean: Double, standardDeviation sd: Double) -> Double {
    mean + gsl_ran_gaussian_ziggurat(rng, sd)
  }

  /// Lognormal with log-scale location `mu` and shape `sigma`. sigma > 0.
  @inline(__always)
  public func lognormal(mu: Double, sigma: Double) -> Double { gsl_ran_lognormal(rng, mu, sigma) }

  /// Poisson with the given mean ≥ 0. Costly for large means (≈ 300 ns at 20).
  @inline(__always)
  public func poisson(mean: Double) -> Int { mean > 0 ? Int(gsl_ran_poisson(rng, mean)) : 0 }

  /// Binomial(n, p), p in [0, 1].
  @inline(__always)
  public func binomial(trials n: Int, probability p: Double) -> Int {
    n > 0 ? Int(gsl_ran_binomial(rng, min(max(p, 0), 1), UInt32(clamping: n))) : 0
  }

  /// Gamma with shape and scale > 0.
  @inline(__always)
  public func gamma(shape: Double, scale: Double) -> Double { gsl_ran_gamma(rng, shape, scale) }

  /// Beta(a, b), a, b > 0.
  @inline(__always)
  public func beta(_ a: Double, _ b: Double) -> Double { gsl_ran_beta(rng, a, b) }
}
