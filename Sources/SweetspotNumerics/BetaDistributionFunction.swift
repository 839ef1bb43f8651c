internal import CGSL

/// The beta distribution function and its inverse, for inverse-transform sampling: an
/// experimental design maps each coordinate u of a unit-cube point to F⁻¹(u), so a Beta
/// assumption needs GSL's `gsl_cdf_beta_Pinv`, which no Swift library offers (the normal's
/// Φ and Φ⁻¹ are `normalCDF` and `normalQuantile`).
extension SpecialFunctions {
  /// F(x) = I_x(a, b), the Beta(a, b) distribution function (`gsl_cdf_beta_P`); x outside
  /// [0, 1] gives 0 or 1.
  public static func betaCDF(_ x: Double, a: Double, b: Double) throws(NumericsError) -> Double {
    try requireBeta(a, b, "betaCDF")
    try NumericsError.require(!x.isNaN, "betaCDF", "x", x, "a number")
    GSLRuntime.prepare()
    return gsl_cdf_beta_P(x, a, b)
  }

  /// F⁻¹(p), the p-quantile of Beta(a, b) for p in [0, 1] (`gsl_cdf_beta_Pinv`: a bisection
  /// refined by Newton steps; GSL returns NaN where it fails to converge, and so does this).
  public static func betaQuantile(_ p: Double, a: Double, b: Double) throws(NumericsError) -> Double {
    try requireBeta(a, b, "betaQuantile")
    try NumericsError.require(isProbability(p), "betaQuantile", "p", p, "in [0, 1]")
    GSLRuntime.prepare()
    return gsl_cdf_beta_Pinv(p, a, b)
  }

  private static func requireBeta(_ a: Double, _ b: Double, _ owner: String) throws(NumericsError) {
    try NumericsError.require(isPositiveFinite(a), owner, "a", a, "finite and > 0")
    try NumericsError.require(isPositiveFinite(b), owner, "b", b, "finite and > 0")
  }
}
