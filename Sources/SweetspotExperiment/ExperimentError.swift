/// A problem with an experiment: which file, which line, which key, and what is allowed.
/// Every one is an input error (exit code 2).
public struct ExperimentError: Error, Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  public var key: String?
  public var message: String

  public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
    self.file = file
    self.line = line
    self.key = key
    self.message = message
  }

  /// `experiments/x.toml:12: strategy.cheap.price: 7 is out of range; allowed: …`; a value that
  /// came from `--set` (line 0) names `--set` instead of the file.
  public var description: String {
    var s = line == 0 && key != nil ? "--set" : file
    if let line, line > 0 { s += ":\(line)" }
    s += ": "
    if let key { s += "\(key): " }
    return s + message
  }
}
