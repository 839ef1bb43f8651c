internal import CGSL

/// Process-wide GSL policy, applied once before any GSL call.
///
/// GSL's default error handler aborts the process; `gsl_set_error_handler_off()` is what the GSL
/// manual recommends for production programs, and it is what lets Sweetspot turn every GSL
/// failure into a `NumericsError`. `gsl_rng_env_setup()` is deliberately never called: it reads
/// `GSL_RNG_TYPE` and `GSL_RNG_SEED` from the environment, which would silently change results.
public enum GSLRuntime {
  private static let errorHandlerOff: Void = {
    _ = gsl_set_error_handler_off()
  }()

  /// Switches GSL's aborting error handler off (idempotent, thread-safe).
  @inline(__always)
  public static func prepare() { _ = errorHandlerOff }

  /// The version of the GSL library linked at run time, e.g. "2.7.1".
  public static var version: String { String(cString: cgsl_version()) }

  /// GSL's text for an error code.
  static func message(for code: Int32) -> String { String(cString: gsl_strerror(code)) }
}
