/// Column names that R's `read.csv` and pandas keep exactly as written: letters, digits and
/// underscores, starting with a letter. Metric and fixed columns already are; a swept key such as
/// `strategy.good-enough.service_level_target` is not (R turns `-` into `.`, and a dot is not a
/// valid attribute name in pandas), so its column is named by these rules:
///
/// - each dotted part keeps its ASCII letters, digits and underscores; any other run of
///   characters becomes one `_`, and `*` (every strategy, market or segment) becomes `all`;
/// - the parts are joined by a double underscore: `strategy__good_enough__service_level_target`;
/// - a name that would start with anything but a letter gets an `x` in front;
/// - a name already taken (two keys that differ only in punctuation) gets `_2`, `_3`, … in
///   sweep order.
///
/// The manifest's `columns` object maps each such column back to its key.
public enum ColumnName {
  /// The column of one key, before collisions are resolved.
  public static func identifier(_ key: String) -> String {
    let parts = key.split(separator: ".", omittingEmptySubsequences: false).map { part -> String in
      if part == "*" { return "all" }
      var out = ""
      var pendingSeparator = false
      for s in part.unicodeScalars {
        if s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "_") {
          if pendingSeparator { out += "_"; pendingSeparator = false }
          out.unicodeScalars.append(s)
        } else {
          pendingSeparator = true
        }
      }
      if pendingSeparator { out += "_" }
      return out
    }
    var name = parts.joined(separator: "__")
    if let first = name.unicodeScalars.first, first.isASCII && first.properties.isAlphabetic {} else { name = "x" + name }
    return name
  }

  /// The columns of `keys`, in order, distinct from each other and from `taken`.
  public static func columns(_ keys: [String], avoiding taken: Set<String> = []) -> [String] {
    var used = taken
    return keys.map { key in
      let base = identifier(key)
      var name = base, k = 2
      while used.contains(name) { name = "\(base)_\(k)"; k += 1 }
      used.insert(name)
      return name
    }
  }

  /// A name R and pandas keep as it is.
  public static func isIdentifier(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic else { return false }
    return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
  }
}
