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
    for f in ["report.md", "report.html", "report.csv", "report.json", "report.tex", "tex/sweeps.tex", "figures/sweep.svg", "figures/sweep.pdf"] {
      #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("suite/tiny/\(f)").path), "\(f)")
    }
    let index = try String(contentsOf: work.appendingPathComponent("suite/index.md"), encoding: .utf8)
    #expect(index.contains("## [tiny](tiny/report.md)") && index.contains("## [tiny2](tiny2/report.md)"))
    #expect(index.contains("sweetspot"))  // each answer names the sweetspot of the sweep
    let page = try String(contentsOf: work.appendingPathComponent("suite/index.html"), encoding: .utf8)
    #expect(page.contains("<a href=\"tiny/report.html\">tiny</a>") && page.contains("<a href=\"tiny2/report.html\">tiny2</a>"))
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
    #expect(badFormat.status == 2 && badFormat.stderr.contains("'pdf'") && badFormat.stderr.contains("'latex'"), "\(badFormat.stderr)")
    // The file is report.tex: --format tex is latex.
    #expect(try run(["report", "one", "--format", "tex", "--industry", "retail"]).stdout == run(["report", "one", "--format", "latex", "--industry", "retail"]).stdout)
    let page = try run(["report", "one", "--format", "html"]).stdout
    let svgs = try FileManager.default.contentsOfDirectory(atPath: work.appendingPathComponent("one/figures").path).filter { $0.hasSuffix(".svg") }
    #expect(page.hasPrefix("<!DOCTYPE html>") && page.components(separatedBy: "<svg").count - 1 == svgs.count)
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

  /// The report and figure files of a run folder, by path inside it.
  func reportFiles(_ dir: String) throws -> [String: Data] {
    try folderFiles(dir).filter { $0.key.hasPrefix("report.") || $0.key.hasPrefix("figures/") || $0.key.hasPrefix("tex/") }
  }

  /// Every file of a run folder, by path inside it, except the manifest (which alone holds timing
  /// and host facts) and the lock file.
  func folderFiles(_ dir: String) throws -> [String: Data] {
    let root = work.appendingPathComponent(dir)
    guard let walk = FileManager.default.enumerator(atPath: root.path) else { return [:] }
    var files: [String: Data] = [:]
    for case let path as String in walk where !["manifest.json", ".sweetspot.lock"].contains(path) {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
        files[path] = try Data(contentsOf: root.appendingPathComponent(path))
      }
    }
    return files
  }

  static let reportFileNames = ["figures/sweep.pdf", "figures/sweep.svg", "report.csv", "report.html", "report.json", "report.md", "report.tex",
                                "tex/answer.tex", "tex/benchmarks.tex", "tex/kpis-customers.tex", "tex/kpis-service.tex", "tex/kpis-value.tex",
                                "tex/methods.tex", "tex/ranking.tex", "tex/sources.tex", "tex/sweeps.tex", "tex/win4.tex"]

  @Test func reportWriteRegeneratesWhatTheRunWroteByteForByte() throws {
    #expect(try run(["run", "tiny.toml", "--out", "one", "--quiet"]).status == 0)
    let written = try reportFiles("one")
    #expect(Set(Self.reportFileNames).isSubset(of: written.keys), "\(written.keys.sorted())")
    #expect(written.keys.contains { $0.hasPrefix("figures/kpis-scenario-") && $0.hasSuffix(".pdf") })
    for name in written.keys { try FileManager.default.removeItem(at: work.appendingPathComponent("one/\(name)")) }
    // A damaged copy is replaced too, not kept.
    try "edited".write(to: work.appendingPathComponent("one/report.md"), atomically: true, encoding: .utf8)
    // Temporary files of a killed writer in the report's folders are removed.
    try "partial".write(to: work.appendingPathComponent("one/figures/.kpis.svg.tmp-99999"), atomically: true, encoding: .utf8)
    try "partial".write(to: work.appendingPathComponent("one/tex/.answer.tex.tmp-99999"), atomically: true, encoding: .utf8)
    let r = try run(["report", "one", "--write"])
    #expect(r.status == 0 && r.stdout == "one\n", "\(r.stderr)")
    #expect(try reportFiles("one") == written)
    #expect(try folderFiles("one").keys.allSatisfy { !$0.contains(".tmp-") })
  }

  @Test func reportWriteRefusesOtherOptionsShardsNonRunsAndALockedFolder() throws {
    #expect(try run(["run", "tiny.toml", "--out", "one", "--quiet"]).status == 0)
    for extra in [["--format", "md"], ["--out", "x.md"], ["--industry", "retail"], ["--benchmarks", "b.toml"]] {
      let r = try run(["report", "one", "--write"] + extra)
      #expect(r.status == 2 && r.stderr.contains("takes no \(extra[0])"), "\(r.stderr)")
    }
    let none = try run(["report", "nothing", "--write"])
    #expect(none.status == 2 && none.stderr.contains("has no manifest.json"))
    #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("nothing").path))  // not created
    #expect(try run(["run", "tiny.toml", "--shard", "1/2", "--out", "s1", "--quiet"]).status == 0)
    let shard = try run(["report", "s1", "--write"])
    #expect(shard.status == 2 && shard.stderr.contains("holds one shard"))
    #expect(try reportFiles("s1").isEmpty)
    let fd = open(work.appendingPathComponent("one/.sweetspot.lock").path, O_RDWR | O_CREAT, 0o644)
    #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
    let busy = try run(["report", "one", "--write"])
    #expect(busy.status == 1 && busy.stderr.contains("another sweetspot run or merge is writing to this folder"), "\(busy.stderr)")
    close(fd)
  }

  @Test func mergeAndReportWriteEveryFileOfTheUnshardedRunByteForByte() throws {
    #expect(try run(["run", "tiny.toml", "--out", "whole", "--quiet"]).status == 0)
    #expect(try run(["run", "tiny.toml", "--shard", "1/2", "--out", "s1", "--quiet"]).status == 0)
    #expect(try run(["run", "tiny.toml", "--shard", "2/2", "--out", "s2", "--quiet"]).status == 0)
    #expect(try run(["merge", "s2", "s1", "--out", "merged"]).status == 0)
    // The whole folder, every format and figure, and the results: only the manifest differs.
    let whole = try folderFiles("whole")
    #expect(Set(Self.reportFileNames).isSubset(of: try reportFiles("whole").keys))
    #expect(whole.keys.contains("trials.csv") && whole.keys.contains("summary.json"))
    #expect(try folderFiles("merged") == whole)
    // A merge killed after its manifest, before its reports: the same merge finishes it.
    try FileManager.default.removeItem(at: work.appendingPathComponent("merged/figures/sweep.pdf"))
    try FileManager.default.removeItem(at: work.appendingPathComponent("merged/tex"))
    let again = try run(["merge", "s1", "s2", "--out", "merged"])
    #expect(again.status == 0 && again.stderr.contains("report files rewritten"), "\(again.stderr)")
    #expect(try folderFiles("merged") == whole)
    // `report --write` on the merge, with its reports gone, writes the same folder again.
    for name in try reportFiles("merged").keys { try FileManager.default.removeItem(at: work.appendingPathComponent("merged/\(name)")) }
    #expect(try run(["report", "merged", "--write"]).status == 0)
    #expect(try folderFiles("merged") == whole)
    // A complete unsharded run is not a merge of these shards: refused, as before.
    let onto = try run(["merge", "s1", "s2", "--out", "whole"])
    #expect(onto.status == 2 && onto.stderr.contains("already holds a complete run"), "\(onto.stderr)")
  }

  @Test func theBuiltInBenchmarksAreTheShippedFile() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("benchmarks/industry/industry.toml")
    #expect(try String(contentsOf: file, encoding: .utf8) == DefaultBenchmarks.text)
  }
}
