import Testing
import Foundation
@testable import sweetspot

/// `sweetspot report` and the reports `run` writes.
@Suite(.serialized) struct ReportCommandTests {
  let work: URL

  init() throws {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try RunCommandTests.experiment.write(to: work.appendingPathComponent("tiny.toml"), atomically: true, encoding: .utf8)
    try RunCommandTests.experiment.replacingOccurrences(of: "name = \"tiny\"", with: "name = \"tiny2\"")
      .write(to: work.appendingPathComponent("tiny2.toml"), atomically: true, encoding: .utf8)
  }

  func run(_ args: [String]) throws -> CLIResult { try CLI.run(args, in: work) }

  @Test func runWritesReportsAndFiguresAndASuiteIndex() throws {
    let r = try run(["run", "tiny.toml", "tiny2.toml", "--out", "suite", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    for f in ["report.md", "report.csv", "report.json", "report.tex", "figure-kpis.svg", "figure-win4.svg", "figure-sweep.svg"] {
      #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("suite/tiny/\(f)").path), "\(f)")
    }
    let index = try String(contentsOf: work.appendingPathComponent("suite/index.md"), encoding: .utf8)
    #expect(index.contains("## [tiny](tiny/report.md)") && index.contains("## [tiny2](tiny2/report.md)"))
    #expect(index.contains("sweetspot"))  // each answer names the sweetspot of the sweep
    #expect(r.stdout.hasSuffix("suite/index.md\n"))
  }

  @Test func reportPrintsEveryFormatAndRefusesBadInput() throws {
    _ = try run(["run", "tiny.toml", "--out", "one", "--quiet"])
    #expect(try run(["report", "one"]).stdout.hasPrefix("# tiny"))
    #expect(try run(["report", "one", "--format", "csv"]).stdout.hasPrefix("section,scenario"))
    #expect(try run(["report", "one", "--format", "json"]).stdout.contains("\"sweeps\""))
    #expect(try run(["report", "one", "--format", "latex", "--industry", "retail"]).stdout.contains("\\toprule"))
    let saved = try run(["report", "one", "--format", "md", "--out", "one/report-retail.md", "--industry", "retail"])
    #expect(saved.status == 0 && FileManager.default.fileExists(atPath: work.appendingPathComponent("one/report-retail.md").path))
    let badFormat = try run(["report", "one", "--format", "pdf"])
    #expect(badFormat.status == 2 && badFormat.stderr.contains("allowed: md, csv, json, latex"))
    let badIndustry = try run(["report", "one", "--industry", "mining"])
    #expect(badIndustry.status == 2 && badIndustry.stderr.contains("'mining' has no entries; industries: "))
    let missing = try run(["report", "one", "--benchmarks", "nope.toml"])
    #expect(missing.status == 2 && missing.stderr.contains("nope.toml: cannot read the benchmarks file (no such file)"))
    try "version = \"1\"\n[[benchmark]]\nmetric = \"fcr\"\nindustry = \"all\"\n".write(to: work.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
    let bad = try run(["report", "one", "--benchmarks", "bad.toml"])
    #expect(bad.status == 2 && bad.stderr.contains("bad.toml") && bad.stderr.contains("benchmark #1"))
    let notARun = try run(["report", "."])
    #expect(notARun.status == 2 && notARun.stderr.contains("has no manifest.json"))
  }

  @Test func theBuiltInBenchmarksAreTheShippedFile() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("benchmarks/industry/industry.toml")
    #expect(try String(contentsOf: file, encoding: .utf8) == DefaultBenchmarks.text)
  }
}
