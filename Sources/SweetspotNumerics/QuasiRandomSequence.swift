internal import CGSL

/// The low-discrepancy sequences GSL offers (`gsl_qrng_*`), by the name experiment files use.
public enum QuasiRandomKind: String, Sendable, CaseIterable, CustomStringConvertible {
  /// Sobol' (1967), with Bratley & Fox's (1988, ACM TOMS algorithm 659) direction numbers; up
  /// to 40 dimensions in GSL.
  case sobol
  /// Halton (1960): radical inverses in the first primes; up to 1229 dimensions.
  case halton
  /// Halton with Vandewoestyne & Cools's (2006) reverse-radix permutation, which breaks the
  /// correlation between high dimensions of the plain sequence; up to 1229 dimensions.
  case reverseHalton = "reverse-halton"
  /// Niederreiter's base-2 sequence (Bratley, Fox & Niederreiter 1992); up to 12 dimensions.
  case niederreiter

  public var description: String { rawValue }

  var gslType: UnsafePointer<gsl_qrng_type> {
    switch self {
    case .sobol: return cgsl_qrng_type_sobol()
    case .halton: return cgsl_qrng_type_halton()
    case .reverseHalton: return cgsl_qrng_type_reversehalton()
    case .niederreiter: return cgsl_qrng_type_niederreiter_2()
    }
  }
}

/// A quasi-random (low-discrepancy) sequence of points in the unit cube, from GSL's `gsl_qrng`.
///
///     let sequence = try QuasiRandomSequence(kind: .sobol, dimensions: 2)
///     sequence.next()   // [0.5, 0.5]
///     sequence.next()   // [0.75, 0.25]
///
/// Such points fill [0, 1)^d more evenly than random ones, so an average over n of them
/// converges nearly as 1/n rather than 1/√n for smooth integrands; that is why Saltelli's
/// design draws its base matrices from a Sobol' sequence. The sequence is deterministic: there
/// is no seed. GSL starts the Sobol' and Halton sequences after the origin (the first Sobol'
/// point is (0.5, …, 0.5)), but Niederreiter's at it: its first point is all zeros.
///
/// The sequence owns its `gsl_qrng` and frees it when it goes out of scope; like
/// `RandomStream` it is non-copyable and not `Sendable` (the state is a per-thread workspace),
/// and `next()` is `borrowing` because GSL advances the state behind the pointer.
public struct QuasiRandomSequence: ~Copyable {
  let q: UnsafeMutablePointer<gsl_qrng>
  /// Which sequence this is.
  public let kind: QuasiRandomKind
  /// The number of coordinates of each point.
  public let dimensions: Int

  /// Allocates the sequence at its start. Throws unless 1 ≤ dimensions ≤ `maxDimensions(kind)`.
  public init(kind: QuasiRandomKind, dimensions: Int) throws(NumericsError) {
    GSLRuntime.prepare()
    let limit = QuasiRandomSequence.maxDimensions(kind)
    try NumericsError.require(
      dimensions >= 1 && dimensions <= limit, "QuasiRandomSequence(\(kind))", "dimensions",
      Double(dimensions), "in 1 ... \(limit)")
    guard let q = gsl_qrng_alloc(kind.gslType, UInt32(dimensions)) else {
      throw .gsl(function: "gsl_qrng_alloc", code: Int32(GSL_ENOMEM), message: "out of memory")
    }
    self.q = q
    self.kind = kind
    self.dimensions = dimensions
  }

  deinit { gsl_qrng_free(q) }

  /// The most dimensions GSL supports for `kind` (sobol 40, halton and reverse-halton 1229,
  /// niederreiter 12), read from the generator type itself.
  public static func maxDimensions(_ kind: QuasiRandomKind) -> Int {
    Int(kind.gslType.pointee.max_dimension)
  }

  /// The next point, each coordinate in [0, 1) (`gsl_qrng_get`). A Sobol' or Niederreiter
  /// sequence runs out of bits after 2^30 (2^31) points; from then on every coordinate is NaN.
  public func next() -> [Double] {
    [Double](unsafeUninitializedCapacity: dimensions) { buffer, count in
      // gsl_qrng_get fails only when the sequence has run out of bits; the pointer and the
      // dimension are valid by construction.
      let status = gsl_qrng_get(q, buffer.baseAddress!)
      if status != GSL_SUCCESS {
        for i in 0..<dimensions { buffer[i] = .nan }
      }
      count = dimensions
    }
  }

  /// Restarts the sequence at its first point (`gsl_qrng_init`).
  public func restart() { gsl_qrng_init(q) }
}
