internal import CGSL

/// The special functions the queueing formulas need, from GSL's `gsl_sf_*_e` variants, whose
/// status codes are checked (the plain variants would call the error handler).
public enum SpecialFunctions {
  /// ln Γ(x) for x > 0 (`gsl_sf_lngamma_e`).
  public static func logGamma(_ x: Double) throws(NumericsError) -> Double {
    try NumericsError.require(x > 0 && x.isFinite, "logGamma", "x", x, "finite and > 0")
    return try call("gsl_sf_lngamma_e") { gsl_sf_lngamma_e(x, $0) }
  }

  /// The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a)
  /// (`gsl_sf_gamma_inc_P_e`), a > 0, x ≥ 0.
  public static func regularizedLowerGamma(_ a: Double, _ x: Double) throws(NumericsError) -> Double {
    try NumericsError.require(a > 0 && a.isFinite, "regularizedLowerGamma", "a", a, "finite and > 0")
    try NumericsError.require(x >= 0 && x.isFinite, "regularizedLowerGamma", "x", x, "finite and ≥ 0")
    return try call("gsl_sf_gamma_inc_P_e") { gsl_sf_gamma_inc_P_e(a, x, $0) }
  }

  /// The regularized incomplete beta function I_x(a, b) (`gsl_sf_beta_inc_e`), a, b > 0,
  /// x in [0, 1].
  public static func regularizedIncompleteBeta(_ a: Double, _ b: Double, _ x: Double) throws(NumericsError) -> Double {
    try NumericsError.require(a > 0 && a.isFinite, "regularizedIncompleteBeta", "a", a, "finite and > 0")
    try NumericsError.require(b > 0 && b.isFinite, "regularizedIncompleteBeta", "b", b, "finite and > 0")
    try NumericsError.require(isProbability(x), "regularizedIncompleteBeta", "x", x, "in [0, 1]")
    return try call("gsl_sf_beta_inc_e") { gsl_sf_beta_inc_e(a, b, x, $0) }
  }

  /// P(F > f) for Snedecor's F with d1 and d2 degrees of freedom (`gsl_cdf_fdist_Q`); 1 for f ≤ 0.
  public static func fUpperTail(_ f: Double, d1: Double, d2: Double) throws(NumericsError) -> Double {
    try NumericsError.require(d1 > 0 && d1.isFinite, "fUpperTail", "d1", d1, "finite and > 0")
    try NumericsError.require(d2 > 0 && d2.isFinite, "fUpperTail", "d2", d2, "finite and > 0")
    try NumericsError.require(!f.isNaN, "fUpperTail", "f", f, "a number")
    if f <= 0 { return 1 }
    if f == .infinity { return 0 }
    return gsl_cdf_fdist_Q(f, d1, d2)
  }

  /// Φ(x), the standard normal distribution function (`gsl_cdf_ugaussian_P`).
  public static func normalCDF(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }
  /// φ(x), the standard normal density (`gsl_ran_ugaussian_pdf`).
  public static func normalPDF(_ x: Double) -> Double { gsl_ran_ugaussian_pdf(x) }
  /// Φ⁻¹(p) for p in (0, 1) (`gsl_cdf_ugaussian_Pinv`).
  public static func normalQuantile(_ p: Double) throws(NumericsError) -> Double {
    try NumericsError.require(p > 0 && p < 1, "normalQuantile", "p", p, "in (0, 1)")
    return gsl_cdf_ugaussian_Pinv(p)
  }

  private static func call(_ name: String, _ f: (UnsafeMutablePointer<gsl_sf_result>) -> Int32) throws(NumericsError) -> Double {
    GSLRuntime.prepare()
    var r = gsl_sf_result(val: 0, err: 0)
    let status = f(&r)
    if status != Int32(GSL_SUCCESS) && status != Int32(GSL_EUNDRFLW) {
      throw .gsl(function: name, code: status, message: GSLRuntime.message(for: status))
    }
    return status == Int32(GSL_EUNDRFLW) ? 0 : r.val
  }
}
