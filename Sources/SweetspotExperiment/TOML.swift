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

/// A parser for TOML 1.0 without dates and times: comments, `[table]` and `[[array.of.tables]]`
/// headers, bare, quoted and dotted keys, basic and literal strings (single- and multi-line),
/// integers (decimal, `0x`, `0o`, `0b`, `_` between digits) and floats (`inf`, `nan`), booleans,
/// arrays (across lines, trailing comma allowed) and inline tables. LF or CRLF line endings and a
/// leading UTF-8 byte-order mark are accepted. Redefining a key or table, extending an inline
/// table, appending to an array written with `=`, and nesting deeper than `maxDepth` are errors.
/// The parser works on Unicode scalars, so a combining mark after a quote cannot hide the quote,
/// and it never recurses deeper than `maxDepth`, whatever the input.
public struct TOMLParser {
  /// The deepest nesting allowed: tables, dotted keys, arrays and inline tables together.
  /// Experiment files need about four; the cap keeps the parser's recursion (and every later
  /// walk of the tree) bounded whatever the input.
  public static let maxDepth = 64

  private let chars: [Unicode.Scalar]
  private var pos = 0
  private var line = 1
  private var lineStart = 0
  /// Nesting level of the value being parsed.
  private var depth = 0

  public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
    var p = TOMLParser(chars: Array(text.unicodeScalars))
    if p.peek == "\u{FEFF}" { p.pos = 1; p.lineStart = 1 }  // UTF-8 byte-order mark
    return try p.document()
  }

  /// Parses a single value (for `--set key=value`).
  public static func parseValue(_ text: String) throws(TOMLError) -> TOMLValue {
    var p = TOMLParser(chars: Array(text.unicodeScalars))
    p.skipSpaces()
    let v = try p.value()
    p.skipSpaces()
    if let c = p.peek { throw p.error("unexpected text after the value: \(shown(c))") }
    return v
  }

  private init(chars: [Unicode.Scalar]) { self.chars = chars }

  private var atEnd: Bool { pos >= chars.count }
  private var peek: Unicode.Scalar? { pos < chars.count ? chars[pos] : nil }
  private func peek(_ offset: Int) -> Unicode.Scalar? { pos + offset < chars.count ? chars[pos + offset] : nil }

  private func error(_ message: String) -> TOMLError {
    TOMLError(line: line, column: pos - lineStart + 1, message: message)
  }

  private mutating func advance() {
    if chars[pos] == "\n" { line += 1; lineStart = pos + 1 }
    pos += 1
  }

  /// At a line break: "\n" or "\r\n".
  private var atNewline: Bool { peek == "\n" || (peek == "\r" && peek(1) == "\n") }

  private mutating func skipNewline() {
    if peek == "\r" { advance() }
    advance()
  }

  private mutating func skipSpaces() {
    while let c = peek, c == " " || c == "\t" { advance() }
  }

  /// Skips a comment up to (not including) the line break; control characters are not allowed in it.
  private mutating func skipComment() throws(TOMLError) {
    guard peek == "#" else { return }
    while let c = peek, !atNewline {
      if isControl(c) && c != "\t" { throw error("control character \(shown(c)) in a comment") }
      advance()
    }
  }

  /// Skips spaces, comments and line breaks.
  private mutating func skipBlank() throws(TOMLError) {
    while let c = peek {
      if c == " " || c == "\t" { advance() }
      else if atNewline { skipNewline() }
      else if c == "#" { try skipComment() }
      else { break }
    }
  }

  private mutating func endOfLine() throws(TOMLError) {
    skipSpaces()
    try skipComment()
    if atEnd { return }
    guard atNewline else { throw error("expected the end of the line, found \(shown(peek!))") }
    skipNewline()
  }

  private mutating func enterNesting(_ levels: Int = 1) throws(TOMLError) {
    depth += levels
    if depth > Self.maxDepth {
      throw error("nested more than \(Self.maxDepth) levels deep (tables, dotted keys, arrays and inline tables together)")
    }
  }

  // MARK: Document

  private mutating func document() throws(TOMLError) -> TOMLTable {
    var doc = TableBuilder(line: 0)
    var current: [TableBuilder.Step] = []  // the table being filled
    while true {
      try skipBlank()
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
        current = isArray ? try doc.appendTable(path, line: headerLine) : try doc.defineTable(path, line: headerLine)
        depth = 0
        try enterNesting(current.count)
      } else {
        let keyLine = line
        let path = try keyPath()
        skipSpaces()
        guard peek == "=" else { throw error("expected '=' after the key '\(shown(path))'") }
        advance()
        skipSpaces()
        depth = 0
        try enterNesting(current.count + path.count)
        let v = try value()
        try endOfLine()
        try doc.insert(at: current, path, v, line: keyLine)
      }
    }
    return doc.root
  }

  private mutating func keyPath() throws(TOMLError) -> [String] {
    var parts: [String] = []
    while true {
      skipSpaces()
      parts.append(try simpleKey())
      if parts.count > Self.maxDepth { throw error("a dotted key of more than \(Self.maxDepth) parts") }
      skipSpaces()
      if peek == "." { advance() } else { break }
    }
    return parts
  }

  private mutating func simpleKey() throws(TOMLError) -> String {
    guard let c = peek else { throw error("expected a key, found the end of the text") }
    if c == "\"" {
      if peek(1) == "\"" && peek(2) == "\"" { throw error("a key cannot be a multi-line string") }
      return try basicString()
    }
    if c == "'" {
      if peek(1) == "'" && peek(2) == "'" { throw error("a key cannot be a multi-line string") }
      return try literalString()
    }
    var s = String.UnicodeScalarView()
    while let d = peek, isBareKeyScalar(d) {
      s.append(d)
      advance()
    }
    if s.isEmpty { throw error("expected a key, found \(shown(c))") }
    return String(s)
  }

  // MARK: Values

  private mutating func value() throws(TOMLError) -> TOMLValue {
    guard let c = peek else { throw error("expected a value") }
    switch c {
    case "\"":
      if peek(1) == "\"" && peek(2) == "\"" { return .string(try multilineString(quote: "\"")) }
      return .string(try basicString())
    case "'":
      if peek(1) == "'" && peek(2) == "'" { return .string(try multilineString(quote: "'")) }
      return .string(try literalString())
    case "[": return try array()
    case "{": return try inlineTable()
    case "t", "f":
      if matches("true") { pos += 4; return .bool(true) }
      if matches("false") { pos += 5; return .bool(false) }
      return try number()
    default:
      return try number()
    }
  }

  private func matches(_ word: String) -> Bool {
    let w = Array(word.unicodeScalars)
    guard pos + w.count <= chars.count else { return false }
    for (k, ch) in w.enumerated() where chars[pos + k] != ch { return false }
    if let after = peek(w.count), isBareKeyScalar(after) { return false }
    return true
  }

  private mutating func number() throws(TOMLError) -> TOMLValue {
    let startLine = line, startColumn = pos - lineStart + 1
    var s = String.UnicodeScalarView()
    while let c = peek, isASCIIAlphanumeric(c) || c == "+" || c == "-" || c == "." || c == "_" {
      s.append(c)
      advance()
    }
    if s.isEmpty { throw error("expected a value, found \(peek.map(shown) ?? "the end of the text")") }
    // A time (`07:32:00`) or the time of a date-time: valid TOML that no experiment key takes.
    if peek == ":" && s.allSatisfy({ isASCIIAlphanumeric($0) || $0 == "-" }) {
      throw TOMLError(line: startLine, column: startColumn, message: "'\(shown(String(s)))…' is a date or time: dates and times are not supported")
    }
    switch Self.number(String(s)) {
    case let .success(v): return v
    case let .failure(why):
      throw TOMLError(line: startLine, column: startColumn, message: why.message)
    }
  }

  struct NumberProblem: Error { let message: String }

  /// A TOML integer or float from its text, or what is wrong with it.
  static func number(_ s: String) -> Result<TOMLValue, NumberProblem> {
    let shownText = "'\(shown(s))'"
    let generic = NumberProblem(message: "\(shownText) is not a number, boolean or quoted string")
    switch s {
    case "inf", "+inf": return .success(.float(.infinity))
    case "-inf": return .success(.float(-.infinity))
    case "nan", "+nan", "-nan": return .success(.float(.nan))
    default: break
    }
    let u = Array(s.unicodeScalars)
    guard u.contains(where: isASCIIDigit) else { return .failure(generic) }
    func bad(_ why: String) -> Result<TOMLValue, NumberProblem> { .failure(NumberProblem(message: "\(shownText) is not a valid number: \(why)")) }
    /// Digits (of `radix`) with single underscores between them.
    func digits(_ part: ArraySlice<Unicode.Scalar>, radix: Int = 10) -> String? {
      guard let first = part.first, let last = part.last, first != "_", last != "_" else { return nil }
      var out = ""
      var previousUnderscore = false
      for c in part {
        if c == "_" {
          if previousUnderscore { return nil }
          previousUnderscore = true
          continue
        }
        guard c.isASCII, let d = Int(String(c), radix: radix), d < radix else { return nil }
        previousUnderscore = false
        out.unicodeScalars.append(c)
      }
      return out
    }
    // 0x…, 0o…, 0b…: no sign, digits of the base with underscores between them.
    if u.count >= 2, u[0] == "0", let radix = ["x": 16, "o": 8, "b": 2][Character(u[1])] {
      guard let d = digits(u[2...], radix: radix) else {
        return bad(u.dropFirst(2).contains(where: { $0 == "p" || $0 == "P" || $0 == "." })
                   ? "hexadecimal floats are not TOML" : "\(radix == 16 ? "0x needs hex digits" : radix == 8 ? "0o needs octal digits" : "0b needs binary digits"), with '_' only between digits")
      }
      guard let v = UInt64(d, radix: radix), v <= UInt64(Int64.max) else { return bad("out of range for a 64-bit integer") }
      return .success(.integer(Int(v)))
    }
    if u.count >= 3, u[0] == "+" || u[0] == "-", u[1] == "0", ["x", "o", "b"].contains(u[2]) {
      return bad("no sign is allowed before 0x, 0o or 0b")
    }
    // Decimal: [sign] integer part, then an optional fraction and exponent.
    var i = 0
    var sign = ""
    if u[0] == "+" || u[0] == "-" { sign = u[0] == "-" ? "-" : ""; i = 1 }
    var end = i
    while end < u.count, isASCIIDigit(u[end]) || u[end] == "_" { end += 1 }
    let intPart = u[i..<end]
    guard let intDigits = digits(intPart) else {
      if intPart.isEmpty { return .failure(generic) }
      return bad("'_' may only sit between digits")
    }
    if intPart.count > 1 && intPart.first == "0" { return bad("leading zeros are not allowed") }
    var text = sign + intDigits
    var isFloat = false
    i = end
    if i < u.count, u[i] == "." {
      isFloat = true
      i += 1
      var e = i
      while e < u.count, isASCIIDigit(u[e]) || u[e] == "_" { e += 1 }
      guard let frac = digits(u[i..<e]) else { return bad("a '.' needs digits on both sides ('_' only between digits)") }
      text += "." + frac
      i = e
    }
    if i < u.count, u[i] == "e" || u[i] == "E" {
      isFloat = true
      i += 1
      var expSign = ""
      if i < u.count, u[i] == "+" || u[i] == "-" { expSign = u[i] == "-" ? "-" : ""; i += 1 }
      var e = i
      while e < u.count, isASCIIDigit(u[e]) || u[e] == "_" { e += 1 }
      guard let exp = digits(u[i..<e]) else { return bad("an exponent needs digits ('_' only between digits)") }
      text += "e" + expSign + exp
      i = e
    }
    guard i == u.count else { return i < u.count && (u[i] == "-" || u[i] == ":") ? bad("dates and times are not supported") : .failure(generic) }
    if !isFloat {
      guard let v = Int(text) else { return bad("out of range for a 64-bit integer") }
      return .success(.integer(v))
    }
    guard let x = Double(text), x.isFinite else { return bad("out of range for a 64-bit float") }
    return .success(.float(x))
  }

  private mutating func array() throws(TOMLError) -> TOMLValue {
    advance()  // [
    try enterNesting()
    defer { depth -= 1 }
    var items: [TOMLValue] = []
    while true {
      try skipBlank()
      if peek == "]" { advance(); break }
      items.append(try value())
      try skipBlank()
      if peek == "," { advance(); continue }
      if peek == "]" { advance(); break }
      throw error("expected ',' or ']' in the array")
    }
    return .array(items)
  }

  private mutating func inlineTable() throws(TOMLError) -> TOMLValue {
    let startLine = line
    advance()  // {
    let level = depth
    defer { depth = level }
    var t = TableBuilder(line: startLine)
    skipSpaces()
    if peek == "}" { advance(); return .table(t.root) }
    while true {
      skipSpaces()
      let keyLine = line
      let path = try keyPath()
      skipSpaces()
      guard peek == "=" else { throw error("expected '=' in the inline table") }
      advance()
      skipSpaces()
      depth = level
      try enterNesting(path.count)
      let v = try value()
      try t.insert(at: [], path, v, line: keyLine)
      skipSpaces()
      if peek == "," { advance(); continue }
      if peek == "}" { advance(); break }
      throw error("expected ',' or '}' in the inline table (which must fit on one line)")
    }
    return .table(t.root)
  }

  /// A control character other than tab, which strings and comments may not hold as is.
  private func checkStringScalar(_ c: Unicode.Scalar) throws(TOMLError) {
    if isControl(c) && c != "\t" { throw error("control character \(shown(c)) in a string; write it as an escape such as \\n or \\u0007") }
  }

  private mutating func basicString() throws(TOMLError) -> String {
    advance()  // "
    var s = String.UnicodeScalarView()
    while true {
      guard let c = peek, !atNewline else { throw error("unterminated string") }
      if c == "\"" { advance(); return String(s) }
      try checkStringScalar(c)
      advance()
      if c == "\\" { s.append(try escape()) } else { s.append(c) }
    }
  }

  private mutating func literalString() throws(TOMLError) -> String {
    advance()  // '
    var s = String.UnicodeScalarView()
    while true {
      guard let c = peek, !atNewline else { throw error("unterminated string") }
      if c == "'" { advance(); return String(s) }
      try checkStringScalar(c)
      advance()
      s.append(c)
    }
  }

  /// `"""…"""` (escapes, line-ending backslash) or `'''…'''` (literal). A line break right
  /// after the opening delimiter is dropped; CRLF inside the string becomes LF.
  private mutating func multilineString(quote: Unicode.Scalar) throws(TOMLError) -> String {
    advance(); advance(); advance()
    if atNewline { skipNewline() }
    var s = String.UnicodeScalarView()
    while true {
      guard let c = peek else { throw error("unterminated multi-line string") }
      if c == quote && peek(1) == quote && peek(2) == quote {
        var n = 3
        while peek(n) == quote { n += 1 }
        if n > 5 { throw error("too many quotes at the end of a multi-line string") }
        for _ in 0..<(n - 3) { s.append(quote) }
        for _ in 0..<n { advance() }
        return String(s)
      }
      if atNewline { skipNewline(); s.append("\n"); continue }
      try checkStringScalar(c)
      advance()
      if c == "\\" && quote == "\"" {
        // A backslash ending a line drops the line break and the blanks after it.
        var k = 0
        while let d = peek(k), d == " " || d == "\t" { k += 1 }
        if peek(k) == "\n" || (peek(k) == "\r" && peek(k + 1) == "\n") {
          while let d = peek, d == " " || d == "\t" || atNewline { if atNewline { skipNewline() } else { advance() } }
        } else {
          s.append(try escape())
        }
      } else {
        s.append(c)
      }
    }
  }

  private mutating func escape() throws(TOMLError) -> Unicode.Scalar {
    guard let e = peek, !atNewline else { throw error("unterminated escape") }
    advance()
    switch e {
    case "b": return "\u{08}"
    case "t": return "\t"
    case "n": return "\n"
    case "f": return "\u{0C}"
    case "r": return "\r"
    case "\"": return "\""
    case "\\": return "\\"
    case "u", "U":
      let count = e == "u" ? 4 : 8
      var hex = ""
      for _ in 0..<count {
        guard let h = peek, h.isASCII, h.properties.isASCIIHexDigit else { throw error("bad \\\(e) escape: needs \(count) hex digits") }
        hex.unicodeScalars.append(h)
        advance()
      }
      guard let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) else { throw error("bad \\\(e) escape: \(hex) is not a Unicode scalar value") }
      return scalar
    default:
      throw error("unknown escape '\\\(shown(e))'")
    }
  }
}

/// Builds a table from headers and key/value lines, enforcing TOML's rules on who may define or
/// extend a table: a `[header]` table once; tables made by dotted keys only by dotted keys of the
/// same table (and sub-tables by headers); inline tables and arrays written with `=` never.
struct TableBuilder {
  /// A step of a concrete path: a key, or an element of an array of tables.
  enum Step: Hashable { case key(String), index(Int) }
  enum Origin { case header, implicit, dotted, arrayOfTables }

  var root: TOMLTable
  /// How each table or array of tables was made. A table with no entry is an inline table (a
  /// value), an array with no entry an array written with `=`.
  private var origins: [[Step]: Origin] = [:]
  /// For each table this builder made: key → position in its entries, so finding a key is
  /// O(1) however many keys a table holds (inline tables, never searched deeply, have none).
  private var positions: [[Step]: [String: Int]] = [[]: [:]]

  init(line: Int) {
    root = TOMLTable()
    root.line = line
  }

  private static func name(_ path: [Step]) -> String {
    shown(path.compactMap { if case let .key(k) = $0 { return k }; return nil })
  }

  private static func fail(_ line: Int, _ message: String) -> TOMLError { TOMLError(line: line, column: 1, message: message) }

  /// The value at `path`, if any (iterative: no recursion).
  func lookup(_ path: [Step]) -> TOMLValue? {
    var cur = TOMLValue.table(root)
    for (n, s) in path.enumerated() {
      switch (s, cur) {
      case let (.key(k), .table(t)):
        if let index = positions[Array(path[..<n])] {
          guard let i = index[k] else { return nil }
          cur = t.entries[i].value
        } else {
          guard let v = t[k] else { return nil }
          cur = v
        }
      case let (.index(i), .array(a)):
        guard a.indices.contains(i) else { return nil }
        cur = a[i]
      default: return nil
      }
    }
    return cur
  }

  /// Runs `body` on the table at `path[from...]` below `t` (which exists: callers look it up first).
  private static func modify(_ t: inout TOMLTable, _ path: [Step], from n: Int, positions: [[Step]: [String: Int]], line: Int,
                             _ body: (inout TOMLTable) throws(TOMLError) -> Void) throws(TOMLError) {
    guard n < path.count else { try body(&t); return }
    guard case let .key(k) = path[n], let i = positions[Array(path[..<n])]?[k] ?? t.entries.firstIndex(where: { $0.key == k }) else {
      throw fail(line, "internal error: no table at this path")
    }
    var next = n + 1
    // Take the child out of its entry, so it is uniquely referenced while it changes (else
    // every change would copy it: quadratic time for many keys or tables).
    if var child = t.entries[i].value.takeTable() {
      try modify(&child, path, from: next, positions: positions, line: line, body)
      t.entries[i].value = .table(child)
    } else if var items = t.entries[i].value.takeArray() {
      guard next < path.count, case let .index(e) = path[next], items.indices.contains(e), var child = items[e].takeTable() else {
        throw fail(line, "internal error: no table at this path")
      }
      next += 1
      try modify(&child, path, from: next, positions: positions, line: line, body)
      items[e] = .table(child)
      t.entries[i].value = .array(items)
    } else {
      throw fail(line, "internal error: no table at this path")
    }
  }

  /// Adds `key` (absent: callers look it up first) to the table at `parent`.
  private mutating func create(_ parent: [Step], _ key: String, _ value: TOMLValue, line: Int) throws(TOMLError) {
    var position = 0
    try Self.modify(&root, parent, from: 0, positions: positions, line: line) { t throws(TOMLError) in
      position = t.entries.count
      t.entries.append(TOMLTable.Entry(key: key, value: value, line: line))
    }
    positions[parent, default: [:]][key] = position
  }

  /// Records that the table at `path` was made by this builder (so its keys are indexed).
  private mutating func made(_ path: [Step], _ origin: Origin) {
    origins[path] = origin
    if origin != .arrayOfTables && positions[path] == nil { positions[path] = [:] }
  }

  private static func newTable(_ line: Int) -> TOMLValue {
    var t = TOMLTable()
    t.line = line
    return .table(t)
  }

  /// The concrete path of the table that holds the last key of a `[header]` or `[[header]]`,
  /// creating implicit tables on the way and stepping into the last table of arrays of tables.
  private mutating func headerParent(_ keys: [String], line: Int) throws(TOMLError) -> [Step] {
    var path: [Step] = []
    for k in keys.dropLast() {
      let p = path + [.key(k)]
      switch lookup(p) {
      case nil:
        try create(path, k, Self.newTable(line), line: line)
        made(p, .implicit)
        path = p
      case .table?:
        guard origins[p] != nil else { throw Self.fail(line, "'\(Self.name(p))' is an inline table, which cannot be extended") }
        path = p
      case let .array(items)?:
        guard origins[p] == .arrayOfTables, !items.isEmpty else {
          throw Self.fail(line, "'\(Self.name(p))' is an array written with '=', not an array of tables")
        }
        path = p + [.index(items.count - 1)]
      case let v?:
        throw Self.fail(line, "'\(Self.name(p))' is already \(v.typeName), not a table")
      }
    }
    return path
  }

  /// `[a.b.c]`: returns the table's concrete path.
  mutating func defineTable(_ keys: [String], line: Int) throws(TOMLError) -> [Step] {
    let parent = try headerParent(keys, line: line)
    let last = keys[keys.count - 1]
    let p = parent + [.key(last)]
    let shownName = Self.name(p)
    switch lookup(p) {
    case nil:
      try create(parent, last, Self.newTable(line), line: line)
      made(p, .header)
    case .table?:
      switch origins[p] {
      case .implicit?: made(p, .header)
      case .header?: throw Self.fail(line, "table [\(shownName)] is defined twice")
      case .dotted?: throw Self.fail(line, "table [\(shownName)] is defined twice (already by dotted keys)")
      case .arrayOfTables?, nil: throw Self.fail(line, "table [\(shownName)] is defined twice (already as an inline table, which cannot be extended)")
      }
    case .array?:
      throw Self.fail(line, origins[p] == .arrayOfTables ? "[\(shownName)] is an array of tables ([[\(shownName)]]), not a table"
                                                         : "'\(shownName)' is already an array, not a table")
    case let v?:
      throw Self.fail(line, "'\(shownName)' is already \(v.typeName), not a table")
    }
    return p
  }

  /// `[[a.b.c]]`: appends a table; returns its concrete path.
  mutating func appendTable(_ keys: [String], line: Int) throws(TOMLError) -> [Step] {
    let parent = try headerParent(keys, line: line)
    let last = keys[keys.count - 1]
    let p = parent + [.key(last)]
    // What is there, without keeping a reference to it (the append below must not copy the array).
    enum Found { case nothing, arrayOfTables(count: Int), array, other(String) }
    let found: Found
    switch lookup(p) {
    case nil: found = .nothing
    case let .array(items)?: found = origins[p] == .arrayOfTables ? .arrayOfTables(count: items.count) : .array
    case let v?: found = .other(v.typeName)
    }
    let element: [Step]
    switch found {
    case .nothing:
      try create(parent, last, .array([Self.newTable(line)]), line: line)
      made(p, .arrayOfTables)
      element = p + [.index(0)]
    case let .arrayOfTables(count):
      let position = positions[parent]?[last]
      try Self.modify(&root, parent, from: 0, positions: positions, line: line) { t throws(TOMLError) in
        guard let i = position, var items = t.entries[i].value.takeArray() else { return }
        items.append(Self.newTable(line))
        t.entries[i].value = .array(items)
      }
      element = p + [.index(count)]
    case .array:
      throw Self.fail(line, "cannot append to the array '\(Self.name(p))': it was written with '=', not as [[\(Self.name(p))]]")
    case let .other(typeName):
      throw Self.fail(line, "'\(Self.name(p))' is already \(typeName), not an array of tables")
    }
    made(element, .header)
    return element
  }

  /// `a.b.c = v` in the table at `base`.
  mutating func insert(at base: [Step], _ keys: [String], _ v: TOMLValue, line: Int) throws(TOMLError) {
    var path = base
    for k in keys.dropLast() {
      let p = path + [.key(k)]
      switch lookup(p) {
      case nil:
        try create(path, k, Self.newTable(line), line: line)
        made(p, .dotted)
      case .table?:
        switch origins[p] {
        case .dotted?: break
        case nil: throw Self.fail(line, "'\(Self.name(p))' is an inline table, which cannot be extended")
        default: throw Self.fail(line, "table [\(Self.name(p))] is defined by a header; a dotted key cannot add to it")
        }
      case let v?:
        throw Self.fail(line, "'\(Self.name(p))' is already \(v.typeName), not a table")
      }
      path = p
    }
    let last = keys[keys.count - 1]
    if lookup(path + [.key(last)]) != nil {
      throw Self.fail(line, "the key '\(shown(keys))' is defined twice")
    }
    try create(path, last, v, line: line)
  }
}

extension TOMLValue {
  /// The table, taken out of `self` (left `.bool(false)`) so the caller holds the only reference.
  fileprivate mutating func takeTable() -> TOMLTable? {
    guard case let .table(t) = self else { return nil }
    self = .bool(false)
    return t
  }

  /// The array, taken out of `self` (left `.bool(false)`) so the caller holds the only reference.
  fileprivate mutating func takeArray() -> [TOMLValue]? {
    guard case let .array(a) = self else { return nil }
    self = .bool(false)
    return a
  }
}

private func isControl(_ c: Unicode.Scalar) -> Bool { c.value < 0x20 || c.value == 0x7F }
private func isASCIIDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
private func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
  isASCIIDigit(c) || (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A)
}
private func isBareKeyScalar(_ c: Unicode.Scalar) -> Bool { isASCIIAlphanumeric(c) || c == "_" || c == "-" }

/// A scalar for an error message: quoted, or as U+XXXX when it is invisible or a control character.
func shown(_ c: Unicode.Scalar) -> String {
  if c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c.value == 0x2028 || c.value == 0x2029 || c == "\u{FEFF}" {
    let h = String(c.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - h.count)) + h
  }
  return "'\(c)'"
}

/// Text for an error message with control characters escaped (`\n`, `\u{7}`), so it stays on one line.
func shown(_ s: String) -> String { escapingControlCharacters(s) }

/// A dotted key for an error message.
func shown(_ keys: [String]) -> String { keys.map(shown).joined(separator: ".") }

/// `s` with control characters (C0, DEL, C1, line and paragraph separators) written as escapes,
/// so a message that quotes user text stays on one line and cannot move the cursor.
public func escapingControlCharacters(_ s: String) -> String {
  var out = String.UnicodeScalarView()
  for c in s.unicodeScalars {
    switch c {
    case "\n": out.append(contentsOf: "\\n".unicodeScalars)
    case "\r": out.append(contentsOf: "\\r".unicodeScalars)
    case "\t": out.append(contentsOf: "\\t".unicodeScalars)
    default:
      if c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c.value == 0x2028 || c.value == 0x2029 {
        out.append(contentsOf: "\\u{\(String(c.value, radix: 16, uppercase: true))}".unicodeScalars)
      } else {
        out.append(c)
      }
    }
  }
  return String(out)
}
