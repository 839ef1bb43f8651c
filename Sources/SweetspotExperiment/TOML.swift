/// A TOML value, with the line it was written on so errors can point at it.
public indirect enum TOMLValue: Equatable, Sendable {
  case string(String)
  case integer(Int)
  case float(Double)
  case bool(Bool)
  case array([TOMLValue])
  case table(TOMLTable)

  /// The TOML type name, for "expected a number, got a string" messages.
  public var typeName: String {
    switch self {
    case .string: return "a string"
    case .integer: return "an integer"
    case .float: return "a number"
    case .bool: return "a boolean"
    case .array: return "an array"
    case .table: return "a table"
    }
  }

  /// Numbers as Double (integers included).
  public var number: Double? {
    switch self {
    case let .integer(i): return Double(i)
    case let .float(x): return x
    default: return nil
    }
  }
}

/// An ordered TOML table: keys keep the order they were written in.
public struct TOMLTable: Equatable, Sendable {
  public struct Entry: Equatable, Sendable {
    public var key: String
    public var value: TOMLValue
    public var line: Int
  }
  public var entries: [Entry] = []
  /// The line of the table's header (0 for the root or an implicit table).
  public var line: Int = 0

  public init() {}

  public subscript(_ key: String) -> TOMLValue? {
    entries.first { $0.key == key }?.value
  }

  public func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

  public mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
    if let i = entries.firstIndex(where: { $0.key == key }) {
      entries[i].value = value
      entries[i].line = line
    } else {
      entries.append(Entry(key: key, value: value, line: line))
    }
  }

  public var keys: [String] { entries.map(\.key) }
}

/// A syntax error at a line and column of the text.
public struct TOMLError: Error, Equatable, Sendable, CustomStringConvertible {
  public let line: Int
  public let column: Int
  public let message: String
  public var description: String { "line \(line), column \(column): \(message)" }
}

/// A parser for the subset of TOML 1.0 that experiment files use: comments, `[table]` and
/// `[[array.of.tables]]` headers, bare, quoted and dotted keys, basic ("…", """…""") and literal
/// ('…') strings, integers and floats (with `_`, `inf`, `nan`), booleans, arrays (across lines,
/// trailing comma allowed) and inline tables. Dates and times are not supported. Redefining a key
/// is an error, as in TOML.
public struct TOMLParser {
  private let chars: [Character]
  private var pos = 0
  private var line = 1
  private var lineStart = 0

  public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
    var p = TOMLParser(chars: Array(text))
    return try p.document()
  }

  /// Parses a single value (for `--set key=value`).
  public static func parseValue(_ text: String) throws(TOMLError) -> TOMLValue {
    var p = TOMLParser(chars: Array(text))
    p.skipSpaces()
    let v = try p.value()
    p.skipSpaces()
    if !p.atEnd { throw p.error("unexpected text after the value") }
    return v
  }

  private init(chars: [Character]) { self.chars = chars }

  private var atEnd: Bool { pos >= chars.count }
  private var peek: Character? { pos < chars.count ? chars[pos] : nil }
  private func peek(_ offset: Int) -> Character? { pos + offset < chars.count ? chars[pos + offset] : nil }

  private func error(_ message: String) -> TOMLError {
    TOMLError(line: line, column: pos - lineStart + 1, message: message)
  }

  private mutating func advance() {
    if chars[pos] == "\n" { line += 1; lineStart = pos + 1 }
    pos += 1
  }

  private mutating func skipSpaces() {
    while let c = peek, c == " " || c == "\t" { advance() }
  }

  /// Skips spaces, comments and newlines.
  private mutating func skipBlank() {
    while let c = peek {
      if c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
      else if c == "#" { while let d = peek, d != "\n" { advance() } }
      else { break }
    }
  }

  private mutating func endOfLine() throws(TOMLError) {
    skipSpaces()
    if peek == "#" { while let d = peek, d != "\n" { advance() } }
    if peek == "\r" { advance() }
    if let c = peek, c != "\n" { throw error("expected the end of the line, found '\(c)'") }
    if !atEnd { advance() }
  }

  // MARK: Document

  private mutating func document() throws(TOMLError) -> TOMLTable {
    var root = TOMLTable()
    var current: [String] = []  // path of the table being filled
    var defined = Set<String>()
    while true {
      skipBlank()
      guard let c = peek else { break }
      if c == "[" {
        let headerLine = line
        advance()
        let isArray = peek == "["
        if isArray { advance() }
        skipSpaces()
        let path = try keyPath()
        skipSpaces()
        guard peek == "]" else { throw error("expected ']' to close the table header") }
        advance()
        if isArray {
          guard peek == "]" else { throw error("expected ']]' to close the array-of-tables header") }
          advance()
        }
        try endOfLine()
        let joined = path.joined(separator: ".")
        if isArray {
          try appendTableToArray(&root, path, line: headerLine)
          current = path + ["#last"]
        } else {
          if defined.contains(joined) { throw TOMLError(line: headerLine, column: 1, message: "table [\(joined)] is defined twice") }
          defined.insert(joined)
          try ensureTable(&root, path, line: headerLine)
          current = path
        }
      } else {
        let keyLine = line
        let path = try keyPath()
        skipSpaces()
        guard peek == "=" else { throw error("expected '=' after the key '\(path.joined(separator: "."))'") }
        advance()
        skipSpaces()
        let v = try value()
        try endOfLine()
        try insert(&root, current, path, v, line: keyLine)
      }
    }
    return root
  }

  private mutating func keyPath() throws(TOMLError) -> [String] {
    var parts: [String] = []
    while true {
      skipSpaces()
      parts.append(try simpleKey())
      skipSpaces()
      if peek == "." { advance() } else { break }
    }
    return parts
  }

  private mutating func simpleKey() throws(TOMLError) -> String {
    guard let c = peek else { throw error("expected a key") }
    if c == "\"" { return try basicString() }
    if c == "'" { return try literalString() }
    var s = ""
    while let d = peek, d.isLetter || d.isNumber || d == "_" || d == "-" {
      s.append(d)
      advance()
    }
    if s.isEmpty { throw error("expected a key, found '\(c)'") }
    return s
  }

  // MARK: Tables

  private func ensureTable(_ root: inout TOMLTable, _ path: [String], line: Int) throws(TOMLError) {
    try Self.withTable(&root, path[...], line: line, create: true) { _ throws(TOMLError) in }
  }

  private func appendTableToArray(_ root: inout TOMLTable, _ path: [String], line: Int) throws(TOMLError) {
    let parent = path.dropLast()
    let last = path.last!
    try Self.withTable(&root, parent, line: line, create: true) { t throws(TOMLError) in
      var newTable = TOMLTable()
      newTable.line = line
      if let existing = t.entry(last) {
        guard case var .array(items) = existing.value else {
          throw TOMLError(line: line, column: 1, message: "'\(last)' is already \(existing.value.typeName), not an array of tables")
        }
        items.append(.table(newTable))
        t.set(last, .array(items), line: existing.line)
      } else {
        t.set(last, .array([.table(newTable)]), line: line)
      }
    }
  }

  private func insert(_ root: inout TOMLTable, _ current: [String], _ key: [String], _ v: TOMLValue, line: Int) throws(TOMLError) {
    let full = current + key
    let parent = full.dropLast()
    let last = full.last!
    try Self.withTable(&root, parent, line: line, create: true) { t throws(TOMLError) in
      if t.entry(last) != nil {
        throw TOMLError(line: line, column: 1, message: "the key '\(key.joined(separator: "."))' is defined twice")
      }
      t.set(last, v, line: line)
    }
  }

  /// Runs `body` on the table at `path`, creating tables on the way; "#last" means the last
  /// element of an array of tables.
  private static func withTable(_ t: inout TOMLTable, _ path: ArraySlice<String>, line: Int, create: Bool,
                                _ body: (inout TOMLTable) throws(TOMLError) -> Void) throws(TOMLError) {
    guard let head = path.first else { try body(&t); return }
    let rest = path.dropFirst()
    if rest.first == "#last" {
      guard let e = t.entry(head), case var .array(items) = e.value, case var .table(last) = items.last! else {
        throw TOMLError(line: line, column: 1, message: "'\(head)' is not an array of tables")
      }
      try withTable(&last, rest.dropFirst(), line: line, create: create, body)
      items[items.count - 1] = .table(last)
      t.set(head, .array(items), line: e.line)
      return
    }
    var child: TOMLTable
    let childLine: Int
    if let e = t.entry(head) {
      guard case let .table(existing) = e.value else {
        throw TOMLError(line: line, column: 1, message: "'\(head)' is already \(e.value.typeName), not a table")
      }
      child = existing
      childLine = e.line
    } else {
      child = TOMLTable()
      child.line = line
      childLine = line
    }
    try withTable(&child, rest, line: line, create: create, body)
    t.set(head, .table(child), line: childLine)
  }

  // MARK: Values

  private mutating func value() throws(TOMLError) -> TOMLValue {
    guard let c = peek else { throw error("expected a value") }
    switch c {
    case "\"":
      if peek(1) == "\"" && peek(2) == "\"" { return .string(try multilineString()) }
      return .string(try basicString())
    case "'": return .string(try literalString())
    case "[": return try array()
    case "{": return try inlineTable()
    case "t", "f":
      if matches("true") { pos += 4; return .bool(true) }
      if matches("false") { pos += 5; return .bool(false) }
      throw error("expected a value; strings need quotes")
    default:
      return try number()
    }
  }

  private func matches(_ word: String) -> Bool {
    let w = Array(word)
    guard pos + w.count <= chars.count else { return false }
    for (k, ch) in w.enumerated() where chars[pos + k] != ch { return false }
    if let after = pos + w.count < chars.count ? chars[pos + w.count] : nil, after.isLetter || after.isNumber || after == "_" { return false }
    return true
  }

  private mutating func number() throws(TOMLError) -> TOMLValue {
    var s = ""
    while let c = peek, c.isLetter || c.isNumber || c == "+" || c == "-" || c == "." || c == "_" {
      s.append(c)
      advance()
    }
    if s.isEmpty { throw error("expected a value, found '\(peek.map(String.init) ?? "end of text")'") }
    let body = s.replacingUnderscores()
    switch body {
    case "inf", "+inf": return .float(.infinity)
    case "-inf": return .float(-.infinity)
    case "nan", "+nan", "-nan": return .float(.nan)
    default: break
    }
    if !body.contains(".") && !body.contains("e") && !body.contains("E"), let i = Int(body) { return .integer(i) }
    if let x = Double(body), body.first != ".", body.last != "." { return .float(x) }
    throw error("'\(s)' is not a number, boolean or quoted string")
  }

  private mutating func array() throws(TOMLError) -> TOMLValue {
    advance()  // [
    var items: [TOMLValue] = []
    while true {
      skipBlank()
      if peek == "]" { advance(); break }
      items.append(try value())
      skipBlank()
      if peek == "," { advance(); continue }
      if peek == "]" { advance(); break }
      throw error("expected ',' or ']' in the array")
    }
    return .array(items)
  }

  private mutating func inlineTable() throws(TOMLError) -> TOMLValue {
    let startLine = line
    advance()  // {
    var t = TOMLTable()
    t.line = startLine
    skipSpaces()
    if peek == "}" { advance(); return .table(t) }
    while true {
      skipSpaces()
      let keyLine = line
      let path = try keyPath()
      skipSpaces()
      guard peek == "=" else { throw error("expected '=' in the inline table") }
      advance()
      skipSpaces()
      let v = try value()
      try Self.withTable(&t, path.dropLast(), line: keyLine, create: true) { inner throws(TOMLError) in
        if inner.entry(path.last!) != nil { throw TOMLError(line: keyLine, column: 1, message: "the key '\(path.joined(separator: "."))' is defined twice") }
        inner.set(path.last!, v, line: keyLine)
      }
      skipSpaces()
      if peek == "," { advance(); continue }
      if peek == "}" { advance(); break }
      throw error("expected ',' or '}' in the inline table")
    }
    return .table(t)
  }

  private mutating func basicString() throws(TOMLError) -> String {
    advance()  // "
    var s = ""
    while true {
      guard let c = peek, c != "\n" else { throw error("unterminated string") }
      advance()
      if c == "\"" { return s }
      if c == "\\" { s.append(try escape()) } else { s.append(c) }
    }
  }

  private mutating func multilineString() throws(TOMLError) -> String {
    advance(); advance(); advance()
    if peek == "\n" { advance() }
    var s = ""
    while true {
      guard let c = peek else { throw error("unterminated multi-line string") }
      if c == "\"" && peek(1) == "\"" && peek(2) == "\"" { advance(); advance(); advance(); return s }
      advance()
      if c == "\\" {
        if let n = peek, n == "\n" || n == " " {
          while let d = peek, d == "\n" || d == " " || d == "\t" || d == "\r" { advance() }
        } else {
          s.append(try escape())
        }
      } else {
        s.append(c)
      }
    }
  }

  private mutating func escape() throws(TOMLError) -> Character {
    guard let e = peek else { throw error("unterminated escape") }
    advance()
    switch e {
    case "n": return "\n"
    case "t": return "\t"
    case "r": return "\r"
    case "\"": return "\""
    case "\\": return "\\"
    case "u", "U":
      let count = e == "u" ? 4 : 8
      var hex = ""
      for _ in 0..<count {
        guard let h = peek, h.isHexDigit else { throw error("bad \\\(e) escape") }
        hex.append(h)
        advance()
      }
      guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { throw error("bad \\\(e) escape") }
      return Character(scalar)
    default:
      throw error("unknown escape '\\\(e)'")
    }
  }

  private mutating func literalString() throws(TOMLError) -> String {
    advance()  // '
    var s = ""
    while true {
      guard let c = peek, c != "\n" else { throw error("unterminated string") }
      advance()
      if c == "'" { return s }
      s.append(c)
    }
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
