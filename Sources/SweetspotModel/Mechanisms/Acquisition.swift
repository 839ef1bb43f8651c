#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// New customers (TARP's word of mouth): marketing brings a baseline inflow, price attracts or
/// repels it, referrals add to it and negative word of mouth deters.
enum Acquisition {
  /// Mean price sensitivity of the market's newcomers (its segment mix over the segments' means).
  static func meanPriceSensitivity(_ market: Market, _ w: World) -> Double {
    zip(market.segmentMix, Segment.allCases).reduce(0) { $0 + $1.0 * w.profile($1.1).priceSensitivity } / market.segmentMix.reduce(0, +)
  }

  /// Price attraction e^{w_p·ψ̄·slope·(1 − price)}: the acquisition side of the price elasticity,
  /// at most `max_price_attraction` times the baseline (a finite pool of prospects).
  @inline(__always)
  static func priceAttraction(price: Double, meanPriceSensitivity psi: Double, market: Market, _ w: World) -> Double {
    min(w.maxPriceAttraction, exp(market.priceWeight * psi * w.priceChurnSlope * (1 - price)))
  }

  /// Customers won or deterred by this week's tells: w_m·(conversion·T⁺ − deterrence·T⁻).
  /// Parameters: `world.referral_conversion`, `world.deterrence`.
  @inline(__always)
  static func wordOfMouth(positiveTells: Double, negativeTells: Double, market: Market, _ w: World) -> Double {
    market.wordOfMouthWeight * (w.referralConversion * positiveTells - w.deterrence * negativeTells)
  }

  /// Expected recruits this week: a·N₀·attraction + word of mouth, at least 0.
  @inline(__always)
  static func expectedRecruits(startingCustomers n0: Int, attraction: Double, wordOfMouth: Double, market: Market) -> Double {
    max(0, market.acquisitionRate * Double(n0) * attraction + wordOfMouth)
  }

  /// Tells after one experience of satisfaction `s` by a customer with word-of-mouth
  /// propensity ω (TARP: dissatisfied customers tell 9–10 people, satisfied complainants 4–5):
  /// below `negative_tell_below` a bad story; a complainant at or above `positive_tell_from` a
  /// good one.
  @inline(__always)
  static func tells(satisfaction s: Double, complained: Bool, omega: Double, _ w: World) -> (positive: Double, negative: Double) {
    if s < w.negativeTellBelow { return (0, omega * w.negativeTells) }
    if complained && s >= w.positiveTellFrom { return (omega * w.positiveTells, 0) }
    return (0, 0)
  }
}
