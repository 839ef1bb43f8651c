import SweetspotModel

/// The experiment-file schema in words, from the same tables that validate files.
public enum ExperimentSchema {
  public static var lines: [String] {
    var out: [String] = []
    func section<T>(_ title: String, _ prefix: String, _ fields: [Field<T>], defaults: T) {
      out.append("")
      out.append("## \(title)")
      out.append("")
      out.append("| key | type | allowed | default |")
      out.append("|---|---|---|---|")
      for f in fields {
        let type: String
        switch f.kind {
        case .number: type = "number"
        case .integer: type = "integer"
        case .boolean: type = "boolean"
        case let .numbers(count): type = count.map { "array of \($0) numbers" } ?? "array of numbers"
        }
        out.append("| `\(prefix)\(f.name)` | \(type) | \(f.allowed) | \(render(f.get(defaults))) |")
      }
    }
    section("Strategy levers: `[strategy.NAME]` (defaults: the good-enough preset)", "", Fields.levers, defaults: Strategy.goodEnough.levers)
    section("Market fields: `[market.NAME]` (defaults: the competitive preset)", "", Fields.market, defaults: Market.competitive)
    section("World parameters: `[world]`", "", Fields.world, defaults: World())
    return out
  }

  static func render(_ v: TOMLValue) -> String {
    switch v {
    case let .float(x): return formatNumber(x)
    case let .integer(i): return String(i)
    case let .bool(b): return b ? "true" : "false"
    case let .string(s): return "\"\(s)\""
    case let .array(xs): return "[" + xs.map(render).joined(separator: ", ") + "]"
    case .table: return "{…}"
    }
  }
}
