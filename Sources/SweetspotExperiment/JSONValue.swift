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
    var out = ""
    write(to: &out, indent: indent)
    return out
  }

  /// Appends the rendering to `out`: one growing string rather than a string per nested value
  /// joined at every level (which copied a large document once per level of nesting).
  func write(to out: inout String, indent: Int) {
    switch self {
    case let .number(x): out += x.isFinite ? x.description : "null"
    case let .integer(i): out += String(i)
    case let .string(s): JSONValue.quote(s, into: &out)
    case let .bool(b): out += b ? "true" : "false"
    case .null: out += "null"
    case let .array(xs):
      if xs.isEmpty { out += "[]"; return }
      if xs.allSatisfy({ $0.isScalar }) {
        out += "["
        for (k, x) in xs.enumerated() {
          if k > 0 { out += ", " }
          x.write(to: &out, indent: 0)
        }
        out += "]"
        return
      }
      out += "[\n"
      for (k, x) in xs.enumerated() {
        if k > 0 { out += ",\n" }
        JSONValue.pad(&out, indent + 1)
        x.write(to: &out, indent: indent + 1)
      }
      out += "\n"
      JSONValue.pad(&out, indent)
      out += "]"
    case let .object(kv):
      if kv.isEmpty { out += "{}"; return }
      out += "{\n"
      for (k, pair) in kv.enumerated() {
        if k > 0 { out += ",\n" }
        JSONValue.pad(&out, indent + 1)
        JSONValue.quote(pair.0, into: &out)
        out += ": "
        pair.1.write(to: &out, indent: indent + 1)
      }
      out += "\n"
      JSONValue.pad(&out, indent)
      out += "}"
    }
  }

  private static func pad(_ out: inout String, _ level: Int) {
    for _ in 0..<level { out += "  " }
  }

  var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  static func quote(_ s: String, into out: inout String) {
    out += "\""
    // Most strings (keys, names, numbers as text) need no escape: append them whole.
    if !s.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
      out += s
      out += "\""
      return
    }
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
    out += "\""
  }
}
