/// A JSON value with ordered object keys, so output is stable and diffable byte for byte.
enum JSONValue {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case array([JSONValue])
  case object([(String, JSONValue)])
  case null

  /// Numbers print in Swift's shortest round-trip form; NaN and infinities (not JSON) as null.
  func rendered(indent: Int = 0, pretty: Bool = true) -> String {
    let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
    let close = pretty ? String(repeating: "  ", count: indent) : ""
    let nl = pretty ? "\n" : ""
    switch self {
    case let .number(x): return x.isFinite ? "\(x)" : "null"
    case let .integer(i): return "\(i)"
    case let .string(s): return JSONValue.quote(s)
    case let .bool(b): return b ? "true" : "false"
    case .null: return "null"
    case let .array(xs):
      if xs.isEmpty { return "[]" }
      if xs.allSatisfy({ if case .number = $0 { return true }; if case .integer = $0 { return true }; return false }) {
        return "[" + xs.map { $0.rendered(pretty: false) }.joined(separator: ", ") + "]"
      }
      return "[" + nl + xs.map { pad + $0.rendered(indent: indent + 1, pretty: pretty) }.joined(separator: "," + nl) + nl + close + "]"
    case let .object(kv):
      if kv.isEmpty { return "{}" }
      return "{" + nl + kv.map { pad + JSONValue.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1, pretty: pretty) }.joined(separator: "," + nl) + nl + close + "}"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case _ where u.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(u.value, radix: 16).count) + String(u.value, radix: 16)
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }
}
