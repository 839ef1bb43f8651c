#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a customer stays this week (Bolton 1998; Jones & Sasser 1995; TARP): a weekly hazard
/// from loyalty, price, switching cost and competitors, and a one-time repurchase decision when
/// a problem ends.
enum Churn {
  /// The market's factor on every hazard: switching costs suppress churn, better competitors
  /// pull customers away: (1 − switching cost)·e^{pull·(competitor service − pivot)}.
  /// Parameters: `world.competitor_pull`, `world.competitor_pivot`.
  @inline(__always)
  static func marketFactor(_ market: Market, _ w: World) -> Double {
    (1 - market.switchingCost) * exp(w.competitorPull * (market.competitorService - w.competitorPivot))
  }

  /// Weekly hazard h = h₀·e^{γ(pivot − L)}·(top-box factor if L ≥ threshold)·
  /// e^{w_p·ψ·slope·(price − 1)}·market factor, for loyalty L and price sensitivity ψ.
  /// Parameters: `world.churn_attitude_slope`, `world.churn_attitude_pivot`,
  /// `world.top_box_threshold`, `world.top_box_hazard_factor`, `world.price_churn_slope`.
  ///
  /// The factors that may be 0 (a top-box factor of 0, a switching cost of 1) are taken first and
  /// the two exponents in one exponential, so a large price term never meets a zero factor as
  /// 0·∞ (which gave NaN, and a customer who ignored an armed repurchase decision) and never
  /// overflows on its own while the whole exponent is moderate.
  @inline(__always)
  static func hazard(baseHazard h0: Double, loyalty: Double, priceSensitivity psi: Double, price: Double,
                     market: Market, marketFactor: Double, _ w: World) -> Double {
    let h = scale(baseHazard: h0, loyalty: loyalty, marketFactor: marketFactor, w)
    guard h != 0 else { return 0 }
    return h * exp(exponent(loyalty: loyalty, priceSensitivity: psi, price: price, market: market, w))
  }

  /// The hazard's factors outside its exponential, h₀·(top-box factor if L ≥ threshold)·market
  /// factor, shared by `hazard` and `leaveBound`.
  @inline(__always)
  static func scale(baseHazard h0: Double, loyalty: Double, marketFactor: Double, _ w: World) -> Double {
    var h = h0 * marketFactor
    if loyalty >= w.topBoxThreshold { h *= w.topBoxHazardFactor }
    return h
  }

  /// The hazard's exponent γ(pivot − L) + ψ·(w_p·slope·(price − 1)) (the price term only off
  /// price 1), shared by `hazard` and `leaveBound`. The bracket is the same for every customer
  /// of a week, so it is formed once and the customer's ψ multiplies it.
  @inline(__always)
  static func exponent(loyalty: Double, priceSensitivity psi: Double, price: Double, market: Market, _ w: World) -> Double {
    var y = w.churnAttitudeSlope * (w.churnAttitudePivot - loyalty)
    if price != 1 { y += psi * (market.priceWeight * w.priceChurnSlope * (price - 1)) }
    return y
  }

  /// An upper bound on `leaveProbability(hazard: hazard(…), defection:)` without the hazard's
  /// exponential: e^y ≤ 2^{round(y·log₂e) + 1} (at least √2 times e^y), and
  /// 1 − e^{−h}(1 − d) ≤ h + d, plus 2⁻⁴⁸ for the rounding of the exact computation. Nearly every
  /// customer-week the churn uniform lies above it, and the customer stays without the exact
  /// hazard being computed: the same decision (the bound is above the exact probability), so
  /// results do not change, while the week's longest chain of dependent arithmetic (exponential,
  /// survival series, comparison) is left out for all but the few percent near the line.
  /// Infinite (no shortcut) when the exponent is out of range.
  @inline(__always)
  static func leaveBound(baseHazard h0: Double, loyalty: Double, priceSensitivity psi: Double, price: Double,
                         market: Market, marketFactor: Double, defection: Double, _ w: World) -> Double {
    let y = exponent(loyalty: loyalty, priceSensitivity: psi, price: price, market: market, w)
    let t = y * 0x1.71547652b82fep+0  // log₂e
    guard abs(t) < 1000 else { return .infinity }
    // Adding 1.5·2^52 rounds t to an integer k (t ≤ k + ½) held in the low bits; k + 1 + 1023,
    // in (23, 2025), moved to the exponent field is 2^{k+1}, with no conversion to check.
    let rounded = (t + 0x1.8p52).bitPattern
    let h = scale(baseHazard: h0, loyalty: loyalty, marketFactor: marketFactor, w)
    return h * Double(bitPattern: (rounded &+ 1024) << 52) + defection + 0x1p-48  // h·2^{k+1} + d
  }

  /// Whether a customer with churn uniform `u` leaves this week: u below the probability of
  /// leaving (the hazard and the repurchase decision `defection` armed this week), settled by
  /// `leaveBound` first and by the exact hazard only where u falls below the bound.
  @inline(__always)
  static func leaves(uniform u: Double, baseHazard h0: Double, loyalty: Double, priceSensitivity psi: Double, price: Double,
                     market: Market, marketFactor: Double, defection: Double, _ w: World) -> Bool {
    u < leaveBound(baseHazard: h0, loyalty: loyalty, priceSensitivity: psi, price: price, market: market, marketFactor: marketFactor,
                   defection: defection, w)
      && u < leaveProbability(hazard: hazard(baseHazard: h0, loyalty: loyalty, priceSensitivity: psi, price: price, market: market,
                                             marketFactor: marketFactor, w), defection: defection)
  }

  /// e^{−h}: by its series for the usual weekly hazards (h < 0.01: error < h⁵/120 ≈ 10⁻¹²),
  /// libm otherwise (this ran once per customer-week).
  @inline(__always)
  static func survival(hazard h: Double) -> Double {
    h < 0.01 ? 1 - h * (1 - h * (0.5 - h * (1.0 / 6 - h / 24))) : exp(-h)
  }

  /// The one-time repurchase decision when a problem ends with `outcome` (TARP, facts §2a):
  /// repurchase r interpolated by size between the small- and large-problem rates; only
  /// `intention_to_behaviour` of the stated non-repurchase turns into leaving (Mittal &
  /// Kamakura 2001: intentions overstate behaviour), and only as far as switching is possible:
  /// × (1 − switching cost), the same suppression the hazard gets. In a market with no
  /// alternative (switching cost 1) an unhappy customer stays (seed 000: a monopoly survives poor
  /// service). Returns the probability of leaving.
  ///
  /// Compensation after a resolved complaint (score k = c/(c + half-saturation)) raises
  /// repurchase to r + (1 − r)·gain·k: compensation raises recovery satisfaction, which drives
  /// repurchase, with diminishing returns (Gelbrich & Roschk 2011; Smith, Bolton & Wagner 1999).
  /// Parameters: `world.tarp_repurchase_*`, `world.intention_to_behaviour`,
  /// `world.compensation_repurchase_gain`.
  @inline(__always)
  static func repurchaseDefection(_ outcome: ProblemOutcome, size: Double, compensationScore: Double, market: Market, _ w: World) -> Double {
    let k = outcome.tarpIndex
    var repurchase = w.tarpRepurchaseSmall[k] + (w.tarpRepurchaseLarge[k] - w.tarpRepurchaseSmall[k]) * size
    if compensationScore > 0 { repurchase += (1 - repurchase) * w.compensationRepurchaseGain * compensationScore }
    return w.intentionToBehaviour * (1 - repurchase) * (1 - market.switchingCost)
  }

  /// This week's probability of leaving: the hazard, and the repurchase decision armed by a
  /// problem that ended this week (`defection`, 0 if none).
  @inline(__always)
  static func leaveProbability(hazard h: Double, defection: Double) -> Double { 1 - survival(hazard: h) * (1 - defection) }
}
