import Foundation

/// The subset of JSON Schema (draft 2020-12) that docs/schemas/ uses, enough to check a run's
/// files in Swift without python: type (with "integer" as any number with no fractional part),
/// const, enum, pattern, minLength, minimum, required, properties, additionalProperties,
/// propertyNames, minProperties, items, minItems, maxItems and local `$ref`s. A schema keyword
/// outside this subset is an error, so a schema cannot silently check less than it says.
struct JSONSchemaValidator {
  indirect enum JSON: Equatable {
    case null, bool(Bool), number(Double), string(String), array([JSON]), object([(String, JSON)])

    static func == (a: JSON, b: JSON) -> Bool {
      switch (a, b) {
      case (.null, .null): return true
      case let (.bool(x), .bool(y)): return x == y
      case let (.number(x), .number(y)): return x == y
      case let (.string(x), .string(y)): return x == y
      case let (.array(x), .array(y)): return x == y
      case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
      default: return false
      }
    }

    subscript(_ key: String) -> JSON? {
      if case let .object(o) = self { return o.first { $0.0 == key }?.1 }
      return nil
    }
  }

  struct ParseError: Error { let message: String }

  /// A strict JSON parser (numbers as Double; this validator needs no more).
  static func parse(_ text: String) throws -> JSON {
    var p = Parser(bytes: Array(text.utf8))
    let v = try p.value()
    p.skipSpace()
    guard p.i == p.bytes.count else { throw ParseError(message: "text after the value at byte \(p.i)") }
    return v
  }

  struct Parser {
    let bytes: [UInt8]
    var i = 0

    mutating func skipSpace() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }

    mutating func expect(_ s: String) throws {
      for b in s.utf8 {
        guard i < bytes.count, bytes[i] == b else { throw ParseError(message: "expected \(s) at byte \(i)") }
        i += 1
      }
    }

    mutating func value() throws -> JSON {
      skipSpace()
      guard i < bytes.count else { throw ParseError(message: "unexpected end") }
      switch bytes[i] {
      case UInt8(ascii: "n"): try expect("null"); return .null
      case UInt8(ascii: "t"): try expect("true"); return .bool(true)
      case UInt8(ascii: "f"): try expect("false"); return .bool(false)
      case UInt8(ascii: "\""): return .string(try string())
      case UInt8(ascii: "["):
        i += 1
        var items: [JSON] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
          items.append(try value())
          skipSpace()
          guard i < bytes.count else { throw ParseError(message: "unclosed array") }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          try expect("]")
          return .array(items)
        }
      case UInt8(ascii: "{"):
        i += 1
        var members: [(String, JSON)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
          skipSpace()
          let key = try string()
          skipSpace()
          try expect(":")
          members.append((key, try value()))
          skipSpace()
          guard i < bytes.count else { throw ParseError(message: "unclosed object") }
          if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
          try expect("}")
          return .object(members)
        }
      default:
        let start = i
        while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
        guard let x = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw ParseError(message: "bad value at byte \(start)") }
        return .number(x)
      }
    }

    mutating func string() throws -> String {
      try expect("\"")
      var out: [UInt8] = []
      while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
        if bytes[i] == UInt8(ascii: "\\") {
          i += 1
          guard i < bytes.count else { break }
          switch bytes[i] {
          case UInt8(ascii: "n"): out.append(0x0A)
          case UInt8(ascii: "t"): out.append(0x09)
          case UInt8(ascii: "r"): out.append(0x0D)
          case UInt8(ascii: "b"): out.append(0x08)
          case UInt8(ascii: "f"): out.append(0x0C)
          case UInt8(ascii: "u"):
            guard i + 4 < bytes.count, let code = UInt32(String(decoding: bytes[(i + 1)...(i + 4)], as: UTF8.self), radix: 16) else {
              throw ParseError(message: "bad \\u escape at byte \(i)")
            }
            out += Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8)
            i += 4
          default: out.append(bytes[i])
          }
          i += 1
        } else {
          out.append(bytes[i])
          i += 1
        }
      }
      try expect("\"")
      return String(decoding: out, as: UTF8.self)
    }
  }

  let root: JSON

  init(schema text: String) throws { root = try Self.parse(text) }

  static let supported: Set<String> = ["$schema", "$id", "$defs", "title", "description", "type", "const", "enum", "pattern", "minLength",
                                       "minimum", "required", "properties", "additionalProperties", "propertyNames", "minProperties",
                                       "items", "minItems", "maxItems", "$ref"]

  /// Every way `instance` breaks the schema, as "path: problem" lines (empty: valid).
  func errors(_ instance: JSON) -> [String] {
    var out: [String] = []
    check(instance, against: root, at: "$", into: &out)
    return out
  }

  private func resolve(_ ref: String) -> JSON? {
    guard ref.hasPrefix("#/") else { return nil }
    var node: JSON? = root
    for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
    return node
  }

  private func typeName(_ v: JSON) -> [String] {
    switch v {
    case .null: return ["null"]
    case .bool: return ["boolean"]
    case let .number(x): return x == x.rounded() && x.isFinite ? ["integer", "number"] : ["number"]
    case .string: return ["string"]
    case .array: return ["array"]
    case .object: return ["object"]
    }
  }

  private func check(_ v: JSON, against schema: JSON, at path: String, into out: inout [String]) {
    guard case let .object(keywords) = schema else { out.append("\(path): schema is not an object"); return }
    for (k, _) in keywords where !Self.supported.contains(k) { out.append("\(path): schema keyword \(k) is not supported by this validator") }
    if case let .string(ref)? = schema["$ref"] {
      guard let target = resolve(ref) else { out.append("\(path): unresolved $ref \(ref)"); return }
      check(v, against: target, at: path, into: &out)
    }
    if let t = schema["type"] {
      let allowed: [String]
      switch t {
      case let .string(s): allowed = [s]
      case let .array(a): allowed = a.compactMap { if case let .string(s) = $0 { return s } else { return nil } }
      default: allowed = []
      }
      if !typeName(v).contains(where: allowed.contains) { out.append("\(path): is \(typeName(v)[0]), not \(allowed.joined(separator: " or "))"); return }
    }
    if let c = schema["const"], c != v { out.append("\(path): is not the constant the schema requires") }
    if case let .array(options)? = schema["enum"], !options.contains(v) { out.append("\(path): is not one of the allowed values") }
    if case let .string(s) = v {
      if case let .string(pattern)? = schema["pattern"], s.range(of: pattern, options: .regularExpression) == nil {
        out.append("\(path): '\(s.prefix(60))' does not match \(pattern)")
      }
      if case let .number(n)? = schema["minLength"], Double(s.count) < n { out.append("\(path): shorter than \(Int(n))") }
    }
    if case let .number(x) = v, case let .number(m)? = schema["minimum"], x < m { out.append("\(path): \(x) is below \(m)") }
    if case let .array(items) = v {
      if case let .number(n)? = schema["minItems"], Double(items.count) < n { out.append("\(path): fewer than \(Int(n)) items") }
      if case let .number(n)? = schema["maxItems"], Double(items.count) > n { out.append("\(path): more than \(Int(n)) items") }
      if let itemSchema = schema["items"] {
        for (k, item) in items.enumerated() { check(item, against: itemSchema, at: "\(path)[\(k)]", into: &out) }
      }
    }
    if case let .object(members) = v {
      if case let .array(required)? = schema["required"] {
        for case let .string(r) in required where !members.contains(where: { $0.0 == r }) { out.append("\(path): missing required \(r)") }
      }
      if case let .number(n)? = schema["minProperties"], Double(members.count) < n { out.append("\(path): fewer than \(Int(n)) members") }
      for (key, value) in members {
        if let names = schema["propertyNames"] { check(.string(key), against: names, at: "\(path) key \(key)", into: &out) }
        if let property = schema["properties"]?[key] {
          check(value, against: property, at: "\(path).\(key)", into: &out)
        } else if let additional = schema["additionalProperties"] {
          if additional == .bool(false) { out.append("\(path): \(key) is not allowed") }
          else if additional != .bool(true) { check(value, against: additional, at: "\(path).\(key)", into: &out) }
        }
      }
    }
  }
}
