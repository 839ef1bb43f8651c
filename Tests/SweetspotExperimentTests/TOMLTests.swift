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
