/// A JSON value with ordered object keys, so output is stable and diffable byte for byte.
public enum JSONValue: Sendable, Equatable {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case array([JSONValue])
  case object([(String, JSONValue)])
  case null

  public static func == (a: JSONValue, b: JSONValue) -> Bool { a.rendered() == b.rendered() }

  /// Numbers in Swift's shortest round-trip form; NaN and infinities (not JSON) as null.
  public func rendered(indent: Int = 0) -> String {
    let pad = String(repeating: "  ", count: indent + 1)
    let close = String(repeating: "  ", count: indent)
    switch self {
    case let .number(x): return x.isFinite ? "\(x)" : "null"
    case let .integer(i): return "\(i)"
    case let .string(s): return JSONValue.quote(s)
    case let .bool(b): return b ? "true" : "false"
    case .null: return "null"
    case let .array(xs):
      if xs.isEmpty { return "[]" }
      if xs.allSatisfy({ $0.isScalar }) { return "[" + xs.map { $0.rendered() }.joined(separator: ", ") + "]" }
      return "[\n" + xs.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + close + "]"
    case let .object(kv):
      if kv.isEmpty { return "{}" }
      return "{\n" + kv.map { pad + JSONValue.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n" + close + "}"
    }
  }

  var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
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
      case _ where u.value < 0x20:
        let h = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
      default: out.unicodeScalars.append(u)
      }
    }
    return out + "\""
  }
}
