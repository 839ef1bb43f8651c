internal import CGSL
internal import _SweetspotMRG

/// Philox4x64-10 (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy as 1, 2, 3",
/// SC 2011; the Random123 library): a counter-based generator. A block of four 64-bit words is a
/// pure function of a 256-bit counter and a 128-bit key, ten rounds of two 64 × 64 → 128-bit
/// multiplications and xors, so any draw can be computed directly from its address: nothing to
/// advance, no jump-ahead, and no dependence on what was drawn before or on another thread.
///
/// Sweetspot's layout (docs/design.md, "Random streams"; docs/MODEL.md §5): the key is (seed
/// mixed by SplitMix64, trial); the counter is
///   word 0: the position (a stream's block index, or a customer slot),
///   word 1: the part (a stream's part | item << 20, or the week),
///   word 2: the purpose | firm << 32,
///   word 3: the domain: 0 for sequential streams (`RandomStream`), 1 for per-customer blocks.
/// So every draw of a trial has its own counter, and distinct draws never share one.
///
/// The same blocks are computed in C (the `gsl_rng_type` that drives GSL's samplers) and here
/// (inlined into hot loops); the tests hold both to Random123's known answers and to each other.
public enum Philox {
  public typealias Block = (UInt64, UInt64, UInt64, UInt64)

  /// One Philox4x64-10 block.
  @inlinable @inline(__always)
  public static func block(_ c0: UInt64, _ c1: UInt64, _ c2: UInt64, _ c3: UInt64, key k0: UInt64, _ k1: UInt64) -> Block {
    var x0 = c0, x1 = c1, x2 = c2, x3 = c3, key0 = k0, key1 = k1
    // Ten rounds, unrolled by the compiler (a loop of constant trip count).
    for r in 0..<10 {
      if r > 0 { key0 &+= 0x9E37_79B9_7F4A_7C15; key1 &+= 0xBB67_AE85_84CA_A73B }
      let p0 = UInt64(0xD2E7_470E_E14C_6C93).multipliedFullWidth(by: x0)
      let p1 = UInt64(0xCA5A_8263_9512_1157).multipliedFullWidth(by: x2)
      x0 = p1.high ^ x1 ^ key0; x1 = p1.low; x2 = p0.high ^ x3 ^ key1; x3 = p0.low
    }
    return (x0, x1, x2, x3)
  }

  /// A word as a uniform on [0, 1): its top 53 bits over 2^53, exactly what the generator type
  /// gives GSL (`gsl_rng_uniform`). (Through Int64: a signed conversion is one instruction on
  /// x86-64, an unsigned one a branch.)
  @inlinable @inline(__always)
  public static func uniform(_ x: UInt64) -> Double { Double(Int64(bitPattern: x >> 11)) * 0x1.0p-53 }

  /// The key of (seed, trial): the seed through SplitMix64's finalizer (so neighbouring seeds give
  /// unrelated keys), the trial as it is.
  @inlinable
  public static func key(seed: UInt64, trial: Int) -> (UInt64, UInt64) {
    (SplitMix64.mix(seed ^ 0x5048_494C_4F58_3478), UInt64(trial))  // "PHILOX4x"
  }

  /// Counter word 3 of per-customer blocks (`CustomerDraws`); sequential streams use 0.
  public static let customerDomain: UInt64 = 1

  /// The C implementation's block (the generator type's), for the tests that hold the two together.
  static func cBlock(_ c: [UInt64], key: [UInt64]) -> [UInt64] {
    var out = [UInt64](repeating: 0, count: 4)
    sweetspot_philox4x64_block(c, key, &out)
    return out
  }
}

extension RandomStream {
  /// A Philox4x64 stream at an explicit counter and key (known-answer tests).
  init(philoxCounter c: [UInt64], key k: [UInt64]) throws(NumericsError) {
    try self.init(generator: .philox4x64, key: StreamKey(seed: 0))
    sweetspot_philox4x64_set(rng, c, k)
  }

  /// The generator's next integer (`gsl_rng_get`; Philox4x64: a word's high 32 bits).
  func nextInteger() -> UInt { gsl_rng_get(rng) }
}

extension PhiloxWords {
  /// Words at an explicit key and counter words 1 and 2 (known-answer tests).
  init(k0: UInt64, k1: UInt64, c1: UInt64, c2: UInt64) {
    self.k0 = k0; self.k1 = k1; self.c1 = c1; self.c2 = c2
  }
}

/// The uniforms of customer slots, week by week: one Philox block per (slot, week, pass), a pure
/// function of its address, so a customer's draws do not depend on chunking, thread count, which
/// other customers exist or whether this customer drew last week. A pass that does not need a
/// customer's draws (a slot no longer a customer) simply does not compute them.
public struct CustomerDraws: Sendable {
  public let k0: UInt64, k1: UInt64
  /// Counter word 2: the purpose and the firm.
  public let tag: UInt64
  /// Counter word 1: the week.
  public let week: UInt64

  /// The draws of `purpose`'s pass in `week` for firm `firm` of trial `trial`.
  public init(seed: UInt64, trial: Int, firm: Int = 0, purpose: Purpose, week: Int) {
    (k0, k1) = Philox.key(seed: seed, trial: trial)
    tag = purpose.rawValue | UInt64(firm) << 32
    self.week = UInt64(week)
  }

  /// Slot `slot`'s block: four words, each a uniform with `Philox.uniform`.
  @inlinable @inline(__always)
  public func block(_ slot: Int) -> Philox.Block {
    Philox.block(UInt64(slot), week, tag, Philox.customerDomain, key: k0, k1)
  }

  /// Slot `slot`'s first three uniforms on [0, 1).
  @inlinable @inline(__always)
  public func uniforms(_ slot: Int) -> (Double, Double, Double) {
    let b = block(slot)
    return (Philox.uniform(b.0), Philox.uniform(b.1), Philox.uniform(b.2))
  }
}
