/// Why a numerical request was refused.
///
/// GSL's default error handler calls `abort()`. Sweetspot switches it off (see `GSLRuntime`) and
/// checks parameters before GSL sees them, so every bad input surfaces here as a Swift error
/// that names the quantity, the value and what is allowed.
public enum NumericsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A distribution or function parameter outside its domain.
  case invalidParameter(owner: String, parameter: String, value: String, allowed: String)
  /// A statistic asked of too little data (the mean of nothing, the variance of one value).
  case insufficientData(statistic: String, count: Int, required: Int)
  /// GSL reported an error code from a computation.
  case gsl(function: String, code: Int32, message: String)
  /// The generator name is not one Sweetspot offers.
  case unknownGenerator(name: String, known: [String])

  public var description: String {
    switch self {
    case let .invalidParameter(owner, parameter, value, allowed):
      return "\(owner): \(parameter) must be \(allowed); got \(value)"
    case let .insufficientData(statistic, count, required):
      return "\(statistic) needs at least \(required) value\(required == 1 ? "" : "s"); got \(count)"
    case let .gsl(function, code, message):
      return "GSL \(function) failed (code \(code)): \(message)"
    case let .unknownGenerator(name, known):
      return "unknown generator '\(name)'; known generators: \(known.joined(separator: ", "))"
    }
  }
}

extension NumericsError {
  /// Throws `invalidParameter` unless `condition` holds.
  @inline(__always)
  static func require(
    _ condition: Bool, _ owner: String, _ parameter: String, _ value: Double, _ allowed: String
  ) throws(NumericsError) {
    if !condition {
      throw .invalidParameter(owner: owner, parameter: parameter, value: "\(value)", allowed: allowed)
    }
  }
}
