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
///   word 3: 0.
/// Customers' weekly draws use the two-word variant, Philox2x64-10 (`block2`, `CustomerDraws`):
/// one block of 128 bits gives a customer's three uniforms of a pass, at half the multiplications.
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

  public typealias Pair = (UInt64, UInt64)

  /// One Philox2x64-10 block (Random123's `philox2x64`): one 64 × 64 → 128-bit multiplication per
  /// round instead of two, for draws that need no more than 128 bits.
  @inlinable @inline(__always)
  public static func block2(_ c0: UInt64, _ c1: UInt64, key k: UInt64) -> Pair {
    var x0 = c0, x1 = c1, key = k
    for r in 0..<10 {
      if r > 0 { key &+= 0x9E37_79B9_7F4A_7C15 }
      let p = UInt64(0xD2B7_4407_B1CE_6E93).multipliedFullWidth(by: x0)
      x0 = p.high ^ x1 ^ key; x1 = p.low
    }
    return (x0, x1)
  }

  /// A 32-bit word as a uniform on the open interval (0, 1): (x + 1/2) / 2^32, MRG32k3a's
  /// resolution, never 0 or 1 (so a log or a quantile of it is always finite).
  @inlinable @inline(__always)
  public static func uniform32(_ x: UInt64) -> Double { (Double(x) + 0.5) * 0x1.0p-32 }

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

/// The uniforms of customer slots, week by week: one Philox2x64-10 block per (slot, week, pass),
/// a pure function of its address, so a customer's draws do not depend on chunking, thread count,
/// which other customers exist or whether this customer drew last week. A pass that does not need
/// a customer's draws (a slot no longer a customer) simply does not compute them.
///
/// Address: key = the trial's first key word mixed with its second (`Philox.key`), counter =
/// (slot, week | pass purpose << 32 | firm << 40). Purpose and firm share the counter's second word
/// with the week: weeks below 2^32, purposes below 2^8, firms below 2^16 (the stream key's limits),
/// and the top bit set, so no per-customer block shares a counter with any other draw of the trial.
/// The block's 128 bits give four uniforms of 32 bits each (high and low half of word 0, high
/// and low half of word 1), on (0, 1) at MRG32k3a's resolution.
public struct CustomerDraws: Sendable {
  public let key: UInt64
  /// Counter word 1: week, purpose and firm.
  public let tag: UInt64

  /// The draws of `purpose`'s pass in `week` for firm `firm` of trial `trial`.
  public init(seed: UInt64, trial: Int, firm: Int = 0, purpose: Purpose, week: Int) {
    let (k0, k1) = Philox.key(seed: seed, trial: trial)
    key = SplitMix64.mix(k0 ^ k1)
    let weekBits: UInt64 = UInt64(week)
    let purposeBits: UInt64 = (purpose.rawValue & 0xFF) << 32
    let firmBits: UInt64 = UInt64(firm) << 40
    let top: UInt64 = 1 << 63
    tag = weekBits | purposeBits | firmBits | top
  }

  /// Slot `slot`'s block: two words.
  @inlinable @inline(__always)
  public func block(_ slot: Int) -> Philox.Pair { Philox.block2(UInt64(slot), tag, key: key) }

  /// Slot `slot`'s three uniforms on (0, 1).
  @inlinable @inline(__always)
  public func uniforms(_ slot: Int) -> (Double, Double, Double) {
    let (u1, u2, u3, _) = uniformsAndWord(slot)
    return (u1, u2, u3)
  }

  /// Slot `slot`'s three uniforms on (0, 1) and the block's fourth 32 bits (the low half of
  /// word 1), kept as they are for a uniform the caller forms later (`Philox.uniform32`).
  @inlinable @inline(__always)
  public func uniformsAndWord(_ slot: Int) -> (Double, Double, Double, UInt32) {
    let b = block(slot)
    return (Philox.uniform32(b.0 >> 32), Philox.uniform32(b.0 & 0xFFFF_FFFF), Philox.uniform32(b.1 >> 32), UInt32(truncatingIfNeeded: b.1))
  }
}

