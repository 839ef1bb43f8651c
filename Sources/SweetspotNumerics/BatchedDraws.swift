#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Philox4x64 stream read from Swift: the same words, in the same order, as
/// `RandomStream(generator: .philox4x64, key:)` serves GSL, computed inline (no call through
/// GSL's function pointers) a block at a time.
public struct PhiloxWords: Sendable {
  @usableFromInline let k0: UInt64, k1: UInt64, c1: UInt64, c2: UInt64
  /// The next block's index (counter word 0).
  @usableFromInline var next: UInt64 = 0

  public init(key: StreamKey) throws(NumericsError) {
    try key.validate()
    (k0, k1) = Philox.key(seed: key.seed, trial: key.trial)
    c1 = UInt64(key.part) | key.item << 20
    c2 = key.stream
  }

  /// The next block (four words).
  @inlinable @inline(__always)
  public mutating func nextBlock() -> Philox.Block {
    defer { next &+= 1 }
    return Philox.block(next, c1, c2, 0, key: k0, k1)
  }
}

/// Exponential draws for hot loops, made a batch at a time from a Philox stream: each is GSL's
/// own formula, −mean·log1p(−u) (`gsl_ran_exponential`, GSL 2.7), on the uniform GSL would have
/// drawn, so the sequence equals `RandomStream(key:).exponential(mean:)` draw for draw, bit for
/// bit (tested). The gain is the call layers and the generator: a block of four words costs
/// about as much as one MRG32k3a uniform through GSL, and the blocks of a batch are independent,
/// so they overlap in the pipeline. Owns a small buffer; not copyable.
public struct ExponentialBatch: ~Copyable {
  public static let size = 64
  @usableFromInline var words: PhiloxWords
  @usableFromInline let mean: Double
  @usableFromInline let buffer: UnsafeMutablePointer<Double>
  @usableFromInline var index: Int

  public init(key: StreamKey, mean: Double) throws(NumericsError) {
    words = try PhiloxWords(key: key)
    self.mean = mean
    buffer = .allocate(capacity: ExponentialBatch.size)
    index = ExponentialBatch.size
  }

  deinit { buffer.deallocate() }

  /// The next exponential draw.
  @inlinable @inline(__always)
  public mutating func next() -> Double {
    if index == ExponentialBatch.size { refill() }
    defer { index &+= 1 }
    return buffer[index]
  }

  @inlinable
  mutating func refill() {
    let m = -mean
    var j = 0
    while j < ExponentialBatch.size {
      let b = words.nextBlock()
      buffer[j] = m * log1p(-Philox.uniform(b.0))
      buffer[j + 1] = m * log1p(-Philox.uniform(b.1))
      buffer[j + 2] = m * log1p(-Philox.uniform(b.2))
      buffer[j + 3] = m * log1p(-Philox.uniform(b.3))
      j += 4
    }
    index = 0
  }
}
