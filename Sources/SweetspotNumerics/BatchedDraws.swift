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

/// Uniforms for hot loops, read from a Philox stream a batch at a time: the very uniforms, in the
/// same order, that `RandomStream(key:).uniform()` serves GSL (`Philox.uniform`). Owns a small
/// buffer; not copyable.
public struct UniformBatch: ~Copyable {
  public static let size = 64
  @usableFromInline var words: PhiloxWords
  @usableFromInline let buffer: UnsafeMutablePointer<Double>
  @usableFromInline var index: Int

  public init(key: StreamKey) throws(NumericsError) {
    words = try PhiloxWords(key: key)
    buffer = .allocate(capacity: UniformBatch.size)
    index = UniformBatch.size
  }

  deinit { buffer.deallocate() }

  /// The next uniform on [0, 1).
  @inlinable @inline(__always)
  public mutating func next() -> Double {
    if index == UniformBatch.size { refill() }
    defer { index &+= 1 }
    return buffer[index]
  }

  /// Puts the next `size` uniforms in the buffer and reads it from the start again.
  @inlinable
  mutating func refill() { refill { $0 } }

  /// Puts `transform` of the next `size` uniforms in the buffer, each block's as it comes (so
  /// the generator's multiplications overlap with the transforms in the pipeline), and reads it
  /// from the start again.
  @inlinable @inline(__always)
  mutating func refill(_ transform: (Double) -> Double) {
    var j = 0
    while j < UniformBatch.size {
      let b = words.nextBlock()
      buffer[j] = transform(Philox.uniform(b.0))
      buffer[j + 1] = transform(Philox.uniform(b.1))
      buffer[j + 2] = transform(Philox.uniform(b.2))
      buffer[j + 3] = transform(Philox.uniform(b.3))
      j += 4
    }
    index = 0
  }
}

/// Exponential draws for hot loops, made a batch at a time from a Philox stream: each is GSL's
/// own formula, −mean·log1p(−u) (`gsl_ran_exponential`, GSL 2.7), on the uniform GSL would have
/// drawn, so the sequence equals `RandomStream(key:).exponential(mean:)` draw for draw, bit for
/// bit (tested). The gain is the call layers and the generator: a block of four words costs
/// about as much as one MRG32k3a uniform through GSL, and the blocks of a batch are independent,
/// so they overlap in the pipeline. Owns a small buffer; not copyable.
///
/// The logarithm is the dearest step of a draw. Where a loop draws values it seldom uses (a queue
/// draws every caller's patience, for common random numbers, but only a caller who waits needs
/// it), take the uniforms from a `UniformBatch` on the same key and transform one with
/// `exponential(fromUniform:mean:)` only when it is needed: the same draw, bit for bit, and an
/// unused one costs no logarithm.
public struct ExponentialBatch: ~Copyable {
  public static var size: Int { UniformBatch.size }
  @usableFromInline var uniforms: UniformBatch
  @usableFromInline let mean: Double

  public init(key: StreamKey, mean: Double) throws(NumericsError) {
    uniforms = try UniformBatch(key: key)
    self.mean = mean
  }

  /// The next exponential draw.
  @inlinable @inline(__always)
  public mutating func next() -> Double {
    if uniforms.index == UniformBatch.size { refill() }
    defer { uniforms.index &+= 1 }
    return uniforms.buffer[uniforms.index]
  }

  /// GSL's exponential draw of mean `mean` from the uniform `u`: −mean·log1p(−u).
  @inlinable @inline(__always)
  public static func exponential(fromUniform u: Double, mean: Double) -> Double { -mean * log1p(-u) }

  /// Refills the buffer with the next `size` draws.
  @inlinable
  mutating func refill() {
    let m = mean
    uniforms.refill { ExponentialBatch.exponential(fromUniform: $0, mean: m) }
  }
}
