/// Checks on `--set KEY=VALUE` overrides made before they reach the loader, so no KEY can make
/// a walk of the document recurse without bound (the value's nesting is capped by the parser).
public enum Overrides {
  /// Refuses a KEY of more than `TOMLParser.maxDepth` dotted parts; `source` names where the
  /// overrides came from (`--set`, or a manifest being merged or reported).
  public static func check(_ overrides: [String], source: String = "--set") throws(ExperimentError) {
    for o in overrides {
      let key = o.prefix { $0 != "=" }
      let parts = key.utf8.reduce(1) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 }
      if parts > TOMLParser.maxDepth {
        throw ExperimentError(file: source, message: "'\(escapingControlCharacters(String(key.prefix(24))))…' is a key of \(parts) dotted parts; at most \(TOMLParser.maxDepth)")
      }
    }
  }
}
