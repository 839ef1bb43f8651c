/// The address of one random stream: (experiment seed, trial, purpose, part).
///
/// A stream's state is a pure function of its key, so a trial's random numbers never depend on
/// thread count, shard, scheduling or any other trial. With MRG32k3a the key maps to a position in
/// the generator's period: the seed picks a base state (SplitMix64-mixed), the purpose a stream
/// (jump of purpose · 2^127), and `trial · 2^20 + part` a substream (jump of that · 2^76), as in
/// L'Ecuyer, Simard, Chen & Kelton (2002), "An object-oriented random-number package with many
/// long streams and substreams", Operations Research 50(6). Streams and substreams with the same
/// seed are provably disjoint for 2^76 draws. `part` splits one trial into independently seeded
/// chunks (for example, blocks of customers simulated in parallel).
public struct StreamKey: Hashable, Sendable, CustomStringConvertible {
  /// Experiment seed.
  public var seed: UInt64
  /// Trial (replication) index, in 0 ..< 2^31.
  public var trial: Int
  /// The source of randomness this stream feeds.
  public var purpose: Purpose
  /// Chunk of the trial, in 0 ..< 2^20 (0 unless a trial is split).
  public var part: Int
  /// Which firm of an industry the stream belongs to, in 0 ..< 2^16: firm 0 draws from the
  /// streams a single-firm trial always has; firm k > 0 from streams of its own (the purpose's
  /// stream index with k in bits 32 and up, so distinct from every purpose's).
  public var firm: Int

  /// Which item of a part (a customer, a recruit), in 0 ..< 2^36: lets one stream per item be
  /// positioned directly (Philox4x64: counter word 1's bits 20 and up; MRG32k3a: 2^40 steps apart
  /// within the substream). 0 for streams not split by item.
  public var item: UInt64 = 0

  public static let maxTrials = 1 << 31
  public static let maxItems: UInt64 = 1 << 36
  public static let maxParts = 1 << 20
  public static let maxFirms = 1 << 16

  public init(seed: UInt64, trial: Int = 0, purpose: Purpose = .general, part: Int = 0, firm: Int = 0, item: UInt64 = 0) {
    self.item = item
    self.seed = seed
    self.trial = trial
    self.purpose = purpose
    self.part = part
    self.firm = firm
  }

  public var description: String { "seed \(seed), trial \(trial), \(purpose.name), part \(part)" + (firm == 0 ? "" : ", firm \(firm)") + (item == 0 ? "" : ", item \(item)") }

  /// The stream index in MRG32k3a's period (streams 2^127 apart): the purpose's, and the firm's
  /// above bit 32.
  var stream: UInt64 { purpose.rawValue | UInt64(firm) << 32 }

  /// Throws unless trial and part are in range.
  func validate() throws(NumericsError) {
    try NumericsError.require(
      trial >= 0 && trial < StreamKey.maxTrials, "StreamKey", "trial", Double(trial), "in 0 ..< 2^31")
    try NumericsError.require(
      part >= 0 && part < StreamKey.maxParts, "StreamKey", "part", Double(part), "in 0 ..< 2^20")
    try NumericsError.require(
      firm >= 0 && firm < StreamKey.maxFirms, "StreamKey", "firm", Double(firm), "in 0 ..< 2^16")
    try NumericsError.require(item < StreamKey.maxItems, "StreamKey", "item", Double(item), "in 0 ..< 2^36")
  }

  /// Substream index within the purpose's stream.
  var substream: UInt64 { UInt64(trial) << 20 | UInt64(part) }

  /// A 64-bit seed mixed from every field, for generators without jump-ahead. Each field passes
  /// through SplitMix64's finalizer (Steele, Lea & Flood 2014), so neighbouring keys give
  /// unrelated seeds.
  public var mixedSeed: UInt64 {
    var h = SplitMix64.mix(seed ^ 0x5357_4545_5453_504F)  // "SWEETSPO"
    h = SplitMix64.mix(h ^ purpose.rawValue)
    h = SplitMix64.mix(h ^ UInt64(trial))
    h = SplitMix64.mix(h ^ UInt64(part))
    if firm != 0 { h = SplitMix64.mix(h ^ (UInt64(firm) << 32)) }
    if item != 0 { h = SplitMix64.mix(h ^ (item | 1 << 63)) }
    return h
  }
}

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA
/// 2014): a tiny generator whose finalizer is a strong 64-bit mixer. Used only to derive seeds.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public var state: UInt64
  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.finalize(state)
  }

  /// One step from `x`: the generator's first output when seeded with `x`.
  public static func mix(_ x: UInt64) -> UInt64 { finalize(x &+ 0x9E37_79B9_7F4A_7C15) }

  static func finalize(_ x: UInt64) -> UInt64 {
    var z = x
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
