import Testing
@testable import SweetspotExperiment

/// The TOML subset experiment files use parses as TOML says, and errors carry line numbers.
@Suite struct TOMLTests {
  @Test func parsesTheSubsetExperimentFilesUse() throws {
    let t = try TOMLParser.parse("""
      # comment
      name = "x" # trailing comment
      seed = 1_000
      rate = 2.5e-1
      on = true
      list = [1, 2.5,
        3, ]  # multi-line, trailing comma
      inline = { a = 1, b.c = "d" }
      quoted."key with space" = 'literal \\n'
      text = \"\"\"
      two
      lines\"\"\"

      [strategy.cheap]
      base = "good-enough"

      [[sweep]]
      key = "k1"
      [[sweep]]
      key = "k2"
      """)
    #expect(t["name"] == .string("x"))
    #expect(t["seed"] == .integer(1000))
    #expect(t["rate"] == .float(0.25))
    #expect(t["on"] == .bool(true))
    #expect(t["list"] == .array([.integer(1), .float(2.5), .integer(3)]))
    guard case let .table(inline)? = t["inline"], case let .table(b)? = inline["b"] else { Issue.record("inline table"); return }
    #expect(inline["a"] == .integer(1) && b["c"] == .string("d"))
    guard case let .table(q)? = t["quoted"] else { Issue.record("dotted key"); return }
    #expect(q["key with space"] == .string("literal \\n"))
    #expect(t["text"] == .string("two\nlines"))
    guard case let .array(sweeps)? = t["sweep"], sweeps.count == 2, case let .table(s2) = sweeps[1] else { Issue.record("array of tables"); return }
    #expect(s2["key"] == .string("k2"))
    #expect(t.entry("seed")?.line == 3)
    #expect(try TOMLParser.parseValue("inf") == .float(.infinity))
  }

  @Test(arguments: [
    ("a = ", 1, "expected a value"),
    ("a = 1\nb = \"open", 2, "unterminated string"),
    ("a = 1\na = 2", 2, "defined twice"),
    ("[t]\nx = 1\n[t]", 3, "defined twice"),
    ("a = [1, 2", 1, "expected ',' or ']'"),
    ("a = yes", 1, "not a number"),
    ("a = 1 b", 1, "end of the line"),
  ])
  func syntaxErrorsNameTheirLine(text: String, line: Int, mentions: String) {
    do {
      _ = try TOMLParser.parse(text)
      Issue.record("no error for \(text)")
    } catch {
      #expect(error.line == line, "\(error)")
      #expect(error.message.contains(mentions), "\(error)")
    }
  }
}

/// Issue 14: no input crashes the parser or makes it recurse without bound; TOML 1.0 rules on
/// numbers, line endings and table definition hold.
@Suite struct TOMLRobustnessTests {
  static func rejects(_ text: String, mentioning: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
      let t = try TOMLParser.parse(text)
      Issue.record("accepted \(text.debugDescription.prefix(80)): \(t.keys)", sourceLocation: sourceLocation)
    } catch {
      #expect(error.message.contains(mentioning), "\(error)", sourceLocation: sourceLocation)
      #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 }, "control character in \(error.message.debugDescription)",
              sourceLocation: sourceLocation)
    }
  }

  @Test func nestingOneHundredThousandDeepIsAClearError() {
    let n = 100_000
    let message = "nested more than 64 levels deep"
    Self.rejects("a = " + String(repeating: "[", count: n) + String(repeating: "]", count: n), mentioning: message)
    Self.rejects("a = " + String(repeating: "{b = ", count: n) + "1" + String(repeating: "}", count: n), mentioning: message)
    Self.rejects("a = [" + String(repeating: "{b = [", count: n / 2), mentioning: message)
    Self.rejects(Array(repeating: "a", count: n).joined(separator: ".") + " = 1", mentioning: "more than 64 parts")
    Self.rejects("[" + Array(repeating: "a", count: n).joined(separator: ".") + "]", mentioning: "more than 64 parts")
    // A header 40 deep plus a dotted key 30 deep is 70 levels.
    let header = "[" + Array(repeating: "h", count: 40).joined(separator: ".") + "]\n"
    Self.rejects(header + Array(repeating: "k", count: 30).joined(separator: ".") + " = 1", mentioning: message)
    do {
      _ = try TOMLParser.parseValue(String(repeating: "[", count: n))
      Issue.record("parseValue accepted deep nesting")
    } catch {
      #expect(error.message.contains(message))
    }
  }

  @Test func nestingUpToTheCapParses() throws {
    // A key is one level, each array one more: 63 arrays reach 64.
    let ok = "a = " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63)
    var v = try #require(try TOMLParser.parse(ok)["a"])
    var levels = 0
    while case let .array(items) = v { levels += 1; guard let first = items.first else { break }; v = first }
    #expect(levels == 63)
    Self.rejects("a = " + String(repeating: "[", count: 64) + String(repeating: "]", count: 64), mentioning: "nested more than 64")
  }

  @Test func deepSetValuesAreRefusedByTheLoader() {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    do {
      _ = try ExperimentLoader.load(text: "name = \"x\"", file: "x.toml", overrides: ["seed=" + deep])
      Issue.record("accepted a 100,000-deep --set value")
    } catch {
      #expect(error.file == "--set" && error.description.contains("nested more than 64"), "\(error)")
    }
  }

  @Test func aQuotedKeyCannotReachIntoAnArray() {
    // Was a nil unwrap (the parser's own "#last" marker spelled as a quoted key).
    Self.rejects("a = []\na.\"#last\".b = 1", mentioning: "already an array, not a table")
    Self.rejects("a = []\n[a.\"#last\"]", mentioning: "array written with '='")
    Self.rejects("a = []\n[[a]]", mentioning: "cannot append to the array 'a'")
    Self.rejects("a = [{}]\n[[a]]", mentioning: "cannot append to the array 'a'")
  }

  @Test func crlfLineEndingsAndAByteOrderMarkAreAccepted() throws {
    let lf = "# c\nname = \"x\"  # note\nlist = [\n  1,\n  2,\n]\ntext = \"\"\"\nab\ncd\"\"\"\n[t]\nk = 'v'\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(crlf.unicodeScalars.filter { $0 == "\r" }.count == 11)
    let a = try TOMLParser.parse(lf), b = try TOMLParser.parse(crlf), c = try TOMLParser.parse("\u{FEFF}" + crlf)
    #expect(a == b && b == c)
    #expect(b["text"] == .string("ab\ncd"))
    #expect(c.entry("list")?.line == 3)
    guard case let .table(t)? = c["t"] else { Issue.record("table t"); return }
    #expect(t.entry("k")?.line == 11)
    Self.rejects("a = 1\r", mentioning: "expected the end of the line, found U+000D")
    Self.rejects("a = 1\n\u{FEFF}b = 2", mentioning: "expected a key, found U+FEFF")
  }

  /// Invalid numbers and what the message says (TOMLConformanceTests runs them through toml++ too).
  static let invalidNumbers: [(String, String)] = [
    ("1__2", "'_' may only sit between digits"), ("_123", "'_' may only sit between digits"), ("123_", "'_' may only sit between digits"),
    ("007", "leading zeros"), ("00", "leading zeros"), ("-01", "leading zeros"), ("0_0", "leading zeros"), ("01.5", "leading zeros"),
    ("0x1p-1", "hexadecimal floats"), ("+0x10", "no sign is allowed before 0x"), ("0X10", "not a number"), ("0x", "0x needs hex digits"),
    ("0x_1", "0x needs hex digits"), ("0b102", "0b needs binary"), ("0o8", "0o needs octal"),
    ("1.", "'.' needs digits"), (".5", "not a number"), ("1e", "exponent needs digits"), ("1._5", "'.' needs digits"),
    ("1_.5", "'_' may only sit between digits"), ("1e_5", "exponent needs digits"), ("1.5.2", "not a number"),
    ("9223372036854775808", "out of range for a 64-bit integer"), ("0x8000000000000000", "out of range"), ("1e400", "out of range for a 64-bit float"),
    ("1979-05-27", "dates and times are not supported"), ("infinity", "not a number"), ("truee", "not a number"),
  ]

  @Test(arguments: invalidNumbers)
  func invalidNumbersAreRejected(text: String, mentions: String) {
    Self.rejects("seed = \(text)", mentioning: mentions)
  }

  static let validNumbers: [(String, TOMLValue)] = [
      ("0x10", .integer(16)), ("0xDEAD_beef", .integer(0xDEAD_BEEF)), ("0x00ff", .integer(255)), ("0o17", .integer(15)),
      ("0b1_01", .integer(5)), ("1_000", .integer(1000)), ("+0", .integer(0)), ("-0", .integer(0)), ("+17", .integer(17)),
      ("9223372036854775807", .integer(.max)), ("-9223372036854775808", .integer(.min)), ("0x7fffffffffffffff", .integer(.max)),
      ("0.5", .float(0.5)), ("-0.0", .float(-0.0)), ("1e5", .float(1e5)), ("1E+05", .float(1e5)), ("6.626e-34", .float(6.626e-34)),
      ("1_2.3_4e0_1", .float(123.4)), ("0e0", .float(0)), ("-inf", .float(-.infinity)),
  ]

  @Test func validNumbersParse() throws {
    for (text, expected) in Self.validNumbers {
      let t = try TOMLParser.parse("seed = \(text)")
      #expect(t["seed"] == expected, "\(text)")
    }
    if case let .float(x)? = try TOMLParser.parse("x = -nan")["x"] { #expect(x.isNaN) } else { Issue.record("nan") }
  }

  /// The documents of the table, key and string tests below, valid and invalid, for
  /// TOMLConformanceTests (which runs them through toml++ too).
  static let tableCases: [String] = [
    "a = []\na.\"#last\".b = 1", "a = []\n[a.\"#last\"]", "a = []\n[[a]]", "a = [{}]\n[[a]]",
    "a = {b = 1}\n[a]", "a = {b = 1}\n[a.c]", "a = {b = 1}\na.c = 2", "a = {b = {c = 1}, b.d = 2}", "[x]\na = {b = 1}\n[x.a.c]",
    "a.b = 1\n[a]", "[a]\nb.c = 1\n[a.b]", "[a.b.c]\nz = 9\n[a]\nb.c.t = 1", "[[a]]\n[a]", "[a.b]\n[a]\n[a]", "a = 1\n[a.b]",
    "a = {b = 1,}", validTables, strings, "a = \"\u{301}\"", "a = \"x\u{7}y\"", "a = 1 # bell\u{7}", "a = \"\\e\"",
    "a = \"\"\"x\"\"\"\"\"\"", "\"\"\"k\"\"\" = 1", "ключ = 1", "a = 1\nb\n= 2", "\"a\\nb\" = 1\n\"a\\nb\" = 2",
  ]

  static let validTables = """
      [x.y]
      z = 1
      [x]
      w = 2
      [fruit]
      apple.color = "red"
      [fruit.apple.texture]
      smooth = true
      [[a]]
      n = 1
      [a.sub]
      m = 1
      [[a]]
      n = 2
      [a.sub]
      m = 2
      i = {p.q = 1, p.r = 2}
      """

  static let strings = #"""
      a = "\u0301x"
      b = "\b\f\t\"\\\U0001F600"
      c = '''
      raw \n 'quoted' ''text'''''
      d = """x""""
      e = """\
          joined \
          line"""
      """#

  @Test func tablesAreDefinedOnceAndInlineTablesAreClosed() throws {
    Self.rejects("a = {b = 1}\n[a]", mentioning: "inline table")
    Self.rejects("a = {b = 1}\n[a.c]", mentioning: "inline table, which cannot be extended")
    Self.rejects("a = {b = 1}\na.c = 2", mentioning: "inline table, which cannot be extended")
    Self.rejects("a = {b = {c = 1}, b.d = 2}", mentioning: "inline table, which cannot be extended")
    Self.rejects("[x]\na = {b = 1}\n[x.a.c]", mentioning: "inline table")
    Self.rejects("a.b = 1\n[a]", mentioning: "defined twice (already by dotted keys)")
    Self.rejects("[a]\nb.c = 1\n[a.b]", mentioning: "defined twice")
    Self.rejects("[a.b.c]\nz = 9\n[a]\nb.c.t = 1", mentioning: "a dotted key cannot add to it")
    Self.rejects("[[a]]\n[a]", mentioning: "is an array of tables")
    Self.rejects("[a.b]\n[a]\n[a]", mentioning: "defined twice")
    Self.rejects("a = 1\n[a.b]", mentioning: "already an integer, not a table")
    Self.rejects("a = {b = 1,}", mentioning: "expected a key")
    // Valid: a super-table after its sub-table, sub-tables of dotted tables, arrays of tables.
    let t = try TOMLParser.parse(Self.validTables)
    guard case let .table(x)? = t["x"], case let .table(fruit)? = t["fruit"], case let .table(apple)? = fruit["apple"],
          case let .array(items)? = t["a"], items.count == 2, case let .table(second) = items[1],
          case let .table(sub)? = second["sub"], case let .table(i)? = sub["i"], case let .table(p)? = i["p"] else {
      Issue.record("structure: \(t)"); return
    }
    #expect(x["w"] == .integer(2) && apple["color"] == .string("red") && second["n"] == .integer(2) && sub["m"] == .integer(2))
    #expect(p["q"] == .integer(1) && p["r"] == .integer(2))
  }

  @Test func stringsFollowTOML() throws {
    let t = try TOMLParser.parse(Self.strings)
    #expect(t["a"] == .string("\u{301}x"))
    #expect(t["b"] == .string("\u{8}\u{C}\t\"\\\u{1F600}"))
    #expect(t["c"] == .string("raw \\n 'quoted' ''text''"))
    #expect(t["d"] == .string("x\""))
    #expect(t["e"] == .string("joined line"))
    // A combining mark after an opening quote no longer hides the quote.
    #expect(try TOMLParser.parse("a = \"\u{301}\"")["a"] == .string("\u{301}"))
    Self.rejects("a = \"x\u{7}y\"", mentioning: "control character U+0007 in a string")
    Self.rejects("a = 1 # bell\u{7}", mentioning: "control character U+0007 in a comment")
    Self.rejects("a = \"\\e\"", mentioning: "unknown escape")
    Self.rejects("a = \"\"\"x\"\"\"\"\"\"", mentioning: "too many quotes")
    Self.rejects("\"\"\"k\"\"\" = 1", mentioning: "a key cannot be a multi-line string")
    Self.rejects("ключ = 1", mentioning: "expected a key")
    Self.rejects("a = 1\nb\n= 2", mentioning: "expected '=' after the key 'b'")
  }

  @Test func messagesEscapeControlCharacters() {
    #expect(escapingControlCharacters("a\nb\r\u{1B}[2J\u{7F}\u{85}ok") == "a\\nb\\r\\u{1B}[2J\\u{7F}\\u{85}ok")
    Self.rejects("\"a\\nb\" = 1\n\"a\\nb\" = 2", mentioning: "the key 'a\\nb' is defined twice")
  }
}

/// Examples from the TOML 1.0 specification (and toml-test), valid and invalid.
@Suite struct TOMLSpecificationTests {
  static let valid: [String] = [
    "\"\" = \"blank\"", "'' = 'blank'",
    "fruit . color = 1\nfruit. flavor = 2",
    "3.14159 = \"pi\"",
    "site.\"google.com\" = true",
    "[ j . \"ʞ\" . 'l' ]\nx = 1",
    "str = \"I'm a string. \\\"You can quote me\\\". Name\\tJos\\u00E9\\nLocation\\tSF.\"",
    "str5 = \"\"\"Here are three quotation marks: \"\"\\\".\"\"\"",
    "str7 = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"",
    "regex = '<\\i\\c*\\s*>'\nquoted = 'Tom \"Dubs\" Preston-Werner'",
    "int1 = +99\nint4 = -17\nint7 = 53_49_221\nhex3 = 0xdead_beef\noct2 = 0o755\nbin1 = 0b11010110",
    "flt1 = +1.0\nflt3 = -0.01\nflt4 = 5e+22\nflt5 = 1e06\nflt6 = -2E-2\nflt8 = 224_617.445_991_228",
    "sf1 = inf\nsf2 = +inf\nsf3 = -inf\nsf4 = nan\nsf5 = +nan\nsf6 = -nan",
    "string_array = [ \"all\", 'strings', \"\"\"are the same\"\"\", '''type''' ]\nnested_mixed_array = [ [ 1, 2 ], [\"a\", \"b\", \"c\"] ]",
    "integers3 = [\n  1,\n  2, # this is ok\n]",
    "animal = { type.name = \"pug\" }\npoint = { x = 1, y = 2 }",
    "[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits]]\nname = \"banana\"\n[[fruits.varieties]]\nname = \"plantain\"",
    "[fruit]\napple.color = \"red\"\n[[fruit.apple.seeds]]\nsize = 2",
    "fruit.apple.smooth = true\nfruit.orange = 2",
    "[dog.\"tater.man\"]\ntype.name = \"pug\"",
    "# only a comment\n\n\t\n",
  ]

  @Test(arguments: valid)
  func validDocumentsParse(text: String) {
    do { _ = try TOMLParser.parse(text) } catch { Issue.record("\(text.debugDescription): \(error)") }
  }

  static let invalid: [String] = [
    "key = # no value", "first = \"Tom\" last = \"Preston-Werner\"", "= \"no key name\"", "key = \"value\nmore\"",
    "spelling = \"favorite\"\n\"spelling\" = \"favourite\"", "fruit.apple = 1\nfruit.apple.smooth = true",
    "invalid_float_1 = .7", "invalid_float_2 = 7.", "invalid_float_3 = 3.e+20", "str = \"\\x41\"",
    "[fruit.physical]\ncolor = \"red\"\n[[fruit]]", "[[fruits]]\n[[fruits.varieties]]\n[fruits.varieties]",
    "[[fruits]]\n[fruits.physical]\n[[fruits.physical]]", "fruits = []\n[[fruits]]", "[ [a]]", "[a]b = 1", "a = [1 2]",
    "a = { b = 1\n}", "[product]\ntype = { name = \"Nail\" }\ntype.edible = false", "[product]\ntype.name = \"Nail\"\n[product.type]",
    "a = \"\\uD800\"", "a = 1__0", "\"\" = 1\n'' = 2", "a = 0x-1", "a = --1", "a = 1e1.5", "a = tru", "a.b.c = 1\na.b = 2",
  ]

  @Test(arguments: invalid)
  func invalidDocumentsAreRefused(text: String) {
    do {
      let t = try TOMLParser.parse(text)
      Issue.record("accepted \(text.debugDescription): \(t.keys)")
    } catch {
      #expect(error.line >= 1 && !error.message.isEmpty)
    }
  }
}
