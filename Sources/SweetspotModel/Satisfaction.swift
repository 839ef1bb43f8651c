#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Expectation–disconfirmation (Oliver 1980) with asymmetric slopes (Anderson & Sullivan 1993):
/// an experience of performance P against expectation E gives satisfaction
/// S = ½ + g·(P − E)⁺ − l·(E − P)⁺ on the 0–1 latent scale, with l > g. CSAT, NPS and the
/// ACSI-like index all read this one scale through logistic links (facts §5).
enum Satisfaction {
  @inline(__always)
  static func disconfirmation(performance p: Double, expectation e: Double, world w: World) -> Double {
    let d = p - e
    let s = 0.5 + (d > 0 ? w.gainSlope * d : w.lossSlope * d)
    return min(1, max(0, s))
  }

  /// Satisfaction with an ordinary week of using the product.
  @inline(__always)
  static func productExperience(expectation e: Double, quality q: Double, world w: World) -> Double {
    disconfirmation(performance: q, expectation: e, world: w)
  }

  /// Performance of a service experience from its five dimensions, each on 0–1.
  @inline(__always)
  static func performance(timeliness: Double, resolution: Double, courtesy: Double, effort: Double,
                          compensation: Double, world w: World) -> Double {
    w.weightTimeliness * timeliness + w.weightResolution * resolution + w.weightCourtesy * courtesy
      + w.weightEffort * effort + w.weightCompensation * compensation
  }

  /// The logistic link from the latent scale: P(answer above `cut`).
  @inline(__always)
  static func above(_ s: Double, _ cut: Double, _ spread: Double) -> Double { 1 / (1 + exp(-(s - cut) / spread)) }
}
