/// A run-time failure: the input was fine, but the system refused (a full disk, a read-only or
/// locked folder, an unreadable file). Exit code 1, unlike `ExperimentError` (bad input, 2).
public struct RunError: Error, Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}
