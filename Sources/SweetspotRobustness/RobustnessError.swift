import SweetspotNumerics

/// Why a robustness computation was refused: a design of the wrong size, too few samples,
/// outputs that are not numbers, or a distribution with impossible parameters.
///
/// The message names the function, the quantity, the value and what is allowed, in one line,
/// so a caller can prefix the file and key it came from and print it as it is. `kind` lets a
/// caller tell, say, outputs that do not vary (a legitimate finding: no input matters) from a
/// programming error (outputs of the wrong length).
public struct RobustnessError: Error, Equatable, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable, Equatable {
    /// An argument outside its allowed range (too few samples, a level count that is odd, …).
    case invalidArgument = "invalid-argument"
    /// Arrays whose lengths do not fit together (outputs for a different design, ragged rows).
    case sizeMismatch = "size-mismatch"
    /// An output or input that is NaN or infinite.
    case notFinite = "not-finite"
    /// Outputs with no variance, so no share of it can be attributed to any input.
    case noVariation = "no-variation"
    /// A distribution whose parameters are impossible (`UncertainDistribution.validate()`).
    case invalidDistribution = "invalid-distribution"
  }

  public let kind: Kind
  public let message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }

  /// Throws `invalidArgument` with "owner: what must be allowed; got value" unless `condition`.
  static func require(
    _ condition: Bool, _ owner: String, _ what: String, _ value: some CustomStringConvertible,
    _ allowed: String
  ) throws(RobustnessError) {
    if !condition {
      throw RobustnessError(.invalidArgument, "\(owner): \(what) must be \(allowed); got \(value)")
    }
  }

  /// The value of `body`, a SweetspotNumerics call whose parameters this module has already
  /// checked; should it refuse anyway, its message comes back as `invalidArgument`.
  static func numerics<T: ~Copyable>(_ body: () throws(NumericsError) -> T) throws(RobustnessError) -> T {
    do { return try body() } catch { throw RobustnessError(.invalidArgument, error.description) }
  }

  /// Throws `notFinite`, naming the first index holding NaN or an infinity, if there is one.
  static func requireFinite(_ values: [Double], _ owner: String, _ what: String) throws(RobustnessError) {
    if let i = values.firstIndex(where: { !$0.isFinite }) {
      throw RobustnessError(.notFinite, "\(owner): \(what) must be finite numbers; got \(values[i]) at index \(i)")
    }
  }
}
