import Testing
import SweetspotModel
@testable import SweetspotExperiment

/// Result files are RFC 4180 CSV that R and pandas read as written: quoted where needed,
/// identifier column names, integers as integers, flags as TRUE/FALSE.
@Suite struct CSVTests {
  @Test func fieldsWithCommasQuotesOrLineBreaksAreQuotedAndOthersAreNot() {
    #expect(CSV.field("good-enough") == "good-enough")
    #expect(CSV.field("a,b") == "\"a,b\"")
    #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
    #expect(CSV.field("two\nlines") == "\"two\nlines\"" && CSV.field("cr\r") == "\"cr\r\"")
    #expect(CSV.line(["1", "", "x,y"]) == "1,,\"x,y\"")
  }

  @Test func whatTheWriterWritesTheReaderReadsBackFieldForFieldWithItsLineAndText() throws {
    let rows = [["a,b", "say \"hi\"", ""], ["multi\nline", "é", "3"], ["", "", ""]]
    let text = CSV.table(header: ["x", "y", "z"], rows: rows)
    let records = try CSV.records(text)
    #expect(records.map(\.fields) == [["x", "y", "z"]] + rows)
    #expect(records.map(\.line) == [1, 2, 3, 5])
    #expect(records[2].text == "\"multi\nline\",é,3")
  }

  @Test func theReaderAcceptsCRLFAndAMissingFinalLineBreak() throws {
    #expect(try CSV.records("a,b\r\n1,\"2\r\n3\"").map(\.fields) == [["a", "b"], ["1", "2\r\n3"]])
  }

  @Test func malformedCSVIsRefusedWithItsLine() {
    #expect(throws: CSV.SyntaxError(line: 2, message: "a quoted field is never closed")) { try CSV.records("a\n\"open,\n") }
    #expect(throws: CSV.SyntaxError(line: 1, message: "text follows a closing quote (a field's quotes must enclose all of it)")) {
      try CSV.records("\"a\"b,c\n")
    }
    #expect(throws: CSV.SyntaxError(line: 3, message: "a double quote inside an unquoted field (quote the field and double the quote)")) {
      try CSV.records("a\nb\nc\"d\n")
    }
  }

  @Test func sweptKeysBecomeIdentifiersThatRAndPandasKeep() {
    #expect(ColumnName.identifier("strategy.good-enough.service_level_target") == "strategy__good_enough__service_level_target")
    #expect(ColumnName.identifier("strategy.*.price") == "strategy__all__price")
    #expect(ColumnName.identifier("population.size") == "population__size")
    #expect(ColumnName.identifier("market.très bon!.switching_cost") == "market__tr_s_bon___switching_cost")
    #expect(ColumnName.identifier("3d.x") == "x3d__x")
    for key in ["strategy.good-enough.service_level_target", "strategy.*.price", "market.très bon!.switching_cost", "3d.x", "_.y"] {
      #expect(ColumnName.isIdentifier(ColumnName.identifier(key)), "\(key)")
    }
    #expect(!ColumnName.isIdentifier("a.b") && !ColumnName.isIdentifier("_a") && !ColumnName.isIdentifier("1a") && ColumnName.isIdentifier("a_1"))
  }

  @Test func keysThatDifferOnlyInPunctuationGetDistinctColumns() {
    let columns = ResultTable.sweepColumns(["strategy.a-b.price", "strategy.a_b.price", "strategy.a b.price"])
    #expect(columns == ["strategy__a_b__price", "strategy__a_b__price_2", "strategy__a_b__price_3"])
  }

  @Test func countsAreWrittenAsIntegersFlagsAsTrueFalseAndUndefinedAsEmpty() {
    #expect(csvValue(1250, .count) == "1250" && csvValue(12.5, .count) == "12.5")
    #expect(csvValue(1, .flag) == "TRUE" && csvValue(0, .flag) == "FALSE")
    #expect(csvValue(.nan, .real) == "" && csvValue(0.1, .real) == "0.1" && csvValue(3, .real) == "3.0")
    for (x, kind) in [(1250.0, Metric.Kind.count), (12.5, .count), (1, .flag), (0, .flag), (0.1, .real), (-2.5e-7, .real)] {
      #expect(parseCSVValue(csvValue(x, kind), kind) == x)
    }
    #expect(parseCSVValue("", .real)!.isNaN && parseCSVValue("TRUE", .real) == nil && parseCSVValue("true", .flag) == nil && parseCSVValue("1.0x", .count) == nil)
  }

  static let sweepText = """
    name = "cols"
    seed = 3
    trials = 2
    weeks = 8
    strategies = ["good-enough", 'say "hi", twice']
    [strategy.'say "hi", twice']
    base = "minimal"
    [population]
    size = 300
    [[sweep]]
    key = "strategy.good-enough.service_level_target"
    values = [0.7, 0.8]
    [[sweep]]
    key = "population.scale"
    values = [25, 50]
    """

  /// The experiment's runner and its whole result table, sorted.
  static func computed(_ text: String) throws -> (Runner, ResultTable) {
    let runner = try Runner(experiment: ExperimentLoader.load(text: text, file: "t.toml"))
    var table = ResultTable(runner: runner)
    try runner.run(threads: 2) { _, results in for r in results { table.add(r) } }
    table.sort()
    return (runner, table)
  }

  @Test func aTrialsTableWithQuotedNamesAndSweepsReadsBackToTheSameRows() throws {
    let (runner, table) = try Self.computed(Self.sweepText)
    let text = table.csv
    let header = try #require(try CSV.records(text).first)
    #expect(header.fields.prefix(4) == ["scenario", "market", "strategy__good_enough__service_level_target", "population__scale"])
    #expect(header.fields.allSatisfy(ColumnName.isIdentifier))
    let second = try #require(text.split(separator: "\n").dropFirst().first { $0.contains("twice") })
    #expect(second.hasPrefix("0,competitive,0.7,25,\"say \"\"hi\"\", twice\",0,"), "\(second)")
    #expect(second.contains(",TRUE,") || second.contains(",FALSE,"))
    var back = ResultTable(runner: runner)
    let rows = try back.parse(text, source: "trials.csv", header: true, expected: table.keys(runner.items))
    #expect(rows.count == table.rows.count)
    #expect(zip(rows, table.rows).allSatisfy { a, b in
      a.scenario == b.scenario && a.strategy == b.strategy && a.trial == b.trial && a.values.map(\.bitPattern) == b.values.map(\.bitPattern)
    })
    for r in rows { back.add(r) }
    #expect(back.csv == text)
  }

  @Test func aTrialsTableThatIsNotCSVIsRefusedWithItsLine() throws {
    let (runner, table) = try Self.computed(RunnerTests.text)
    var lines = table.csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    lines[3] = "\"" + lines[3]
    #expect(throws: ExperimentError(file: "trials.csv", line: 4, message: "is not valid CSV: a quoted field is never closed")) {
      try table.parse(lines.joined(separator: "\n"), source: "trials.csv", header: true, expected: table.keys(runner.items))
    }
  }

  @Test func aTrialsTableInTheOldFormatIsRefusedWithAClearMessage() throws {
    let (runner, table) = try Self.computed(RunnerTests.text)
    let old = ([Legacy.header(table)] + table.rows.map { Legacy.line(table, $0) }).joined(separator: "\n") + "\n"
    #expect(throws: ExperimentError(file: "trials.csv", line: 2, message: Legacy.message)) {
      try table.parse(old, source: "trials.csv", header: true, expected: table.keys(runner.items))
    }
  }
}
