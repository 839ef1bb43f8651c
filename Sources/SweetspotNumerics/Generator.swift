internal import CGSL
internal import _SweetspotMRG

/// The uniform generator underneath a `RandomStream`.
///
/// The default is Philox4x64-10, a counter-based generator: every draw is a pure function of its
/// address (key and counter), so streams are positioned by writing a counter and hot loops compute
/// a customer's draws directly. MRG32k3a (streams placed by jump-ahead, provably disjoint) was the
/// default before and stays selectable; GSL's own generators can only be seeded, and most of them
/// take a 32-bit seed (so among 80,000 derived streams two collide with probability ≈ 0.5). See
/// docs/design.md, "Random streams", for the measured costs behind the choice.
public enum Generator: String, CaseIterable, Sendable, CustomStringConvertible {
  /// Philox4x64-10 (Salmon, Moraes, Dror & Shaw 2011), counter-based. The default.
  case philox4x64 = "philox4x64-10"
  /// L'Ecuyer's MRG32k3a (1999), period ≈ 2^191, streams by jump-ahead.
  case mrg32k3a
  /// Mersenne Twister (Matsumoto & Nishimura 1998). Seeds from the low 32 bits.
  case mt19937
  /// Maximally equidistributed Tausworthe (L'Ecuyer 1996). Seeds from 32 bits.
  case taus2
  /// Four-tap shift register (Ziff 1998). Costly to seed (≈ 1.5 ms).
  case gfsr4
  /// RANLUX double precision, luxury level 1 (Lüscher 1994). Slow but decorrelated.
  case ranlxd1
  /// RANLUX single precision, luxury level 2.
  case ranlxs2

  public static let `default` = Generator.philox4x64

  public var description: String { rawValue }

  /// Looks a generator up by name, with an error that lists the known ones.
  public static func named(_ name: String) throws(NumericsError) -> Generator {
    guard let g = Generator(rawValue: name) else {
      throw .unknownGenerator(name: name, known: allCases.map(\.rawValue))
    }
    return g
  }

  var gslType: UnsafePointer<gsl_rng_type> {
    switch self {
    case .philox4x64: return sweetspot_philox4x64_type()
    case .mrg32k3a: return sweetspot_mrg32k3a_type()
    case .mt19937: return cgsl_rng_type_mt19937()
    case .taus2: return cgsl_rng_type_taus2()
    case .gfsr4: return cgsl_rng_type_gfsr4()
    case .ranlxd1: return cgsl_rng_type_ranlxd1()
    case .ranlxs2: return cgsl_rng_type_ranlxs2()
    }
  }
}
