import Foundation
import Testing
import SweetspotModel
@testable import SweetspotExperiment

/// Issue 14: nothing on disk is used without checking. A resumed run verifies every checkpoint,
/// a merge and a report verify every trials.csv (checksum and rows: each scenario × strategy ×
/// trial exactly once), and one writer at a time holds a run folder.
@Suite struct IntegrityTests {
  /// 2 scenarios × 20 trials = 40 items: chunks of 16, 16 and 8.
  static let text = """
    name = "integrity"
    seed = 9
    trials = 20
    weeks = 8
    strategies = ["good-enough", "minimal"]
    [population]
    size = 120
    [[sweep]]
    key = "strategy.*.training_hours"
    values = [0.5, 2]
    """

  let work: URL

  init() throws {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-integrity-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
  }

  func url(_ name: String) -> URL { work.appendingPathComponent(name) }

  func experiment(seed: Int = 9) throws -> Experiment {
    try ExperimentLoader.load(text: Self.text, file: "integrity.toml", overrides: ["seed=\(seed)"])
  }

  func options(_ dir: String, shard: Shard = .whole, resume: Bool = false, seed: Int = 9) -> RunOptions {
    RunOptions(threads: 2, shard: shard, resume: resume, directory: url(dir), toolVersion: "test", overrides: ["seed=\(seed)"], fileHash: "x")
  }

  /// The state a run killed just before its end leaves: every chunk's checkpoint, no results.
  func checkpoints(_ dir: String, seed: Int = 9) throws {
    let e = try experiment(seed: seed)
    let o = options(dir, seed: seed)
    let runner = try Runner(experiment: e)
    let folder = RunDirectory(o.directory)
    let fingerprint = ExperimentRunner.fingerprint(e, options: o)
    let lock = try folder.lock()
    _ = try folder.prepare(.fresh, fingerprint: fingerprint)
    try runner.run(threads: 2) { k, results in
      var t = ResultTable(runner: runner)
      for r in results { t.add(r) }
      try folder.writeChunk(k, rows: t.rows.map(t.line).joined(separator: "\n") + "\n", fingerprint: fingerprint)
    }
    withExtendedLifetime(lock) {}
  }

  func chunk(_ dir: String, _ k: Int) -> URL { RunDirectory(url(dir)).chunkFile(k) }

  func bytes(_ dir: String, _ file: String) throws -> Data { try Data(contentsOf: url(dir).appendingPathComponent(file)) }

  /// Runs `body` and expects an `ExperimentError` naming `file` and mentioning `text`.
  func refuses(_ file: URL?, _ text: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
      try body()
      Issue.record("no error; expected '\(text)'", sourceLocation: sourceLocation)
    } catch let error as ExperimentError {
      if let file { #expect(error.file == file.path, "\(error)", sourceLocation: sourceLocation) }
      #expect(error.description.contains(text), "\(error)", sourceLocation: sourceLocation)
    } catch {
      Issue.record("unexpected \(type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
  }

  @Test func aResumeFromIntactCheckpointsGivesTheSameBytesAndTheSameCRNMeasurement() throws {
    let straight = try ExperimentRunner.run(try experiment(), options: options("straight"))
    try checkpoints("resumed")
    try FileManager.default.removeItem(at: chunk("resumed", 1))  // the chunk the kill interrupted
    let resumed = try ExperimentRunner.run(try experiment(), options: options("resumed", resume: true))
    for f in ["trials.csv", "summary.json", "summary.csv"] { #expect(try bytes("straight", f) == bytes("resumed", f), "\(f)") }
    #expect(straight.crn == resumed.crn && straight.crn != nil)
    #expect(!FileManager.default.fileExists(atPath: url("resumed/checkpoints").path))
  }

  /// Damage to chunk 1, and what the refusal says.
  static let damagedCheckpoints: [(String, String)] = [
    ("empty", "is empty (0 bytes)"),
    ("another chunk", "holds chunk 2, not chunk 1"),
    ("another seed", "is a checkpoint of another run"),
    ("line dropped", "does not match its checksum"),
    ("line edited", "does not match its checksum"),
    ("no header", "is not a sweetspot checkpoint"),
    ("rows of another chunk, re-checksummed", "does not belong in this file"),
    ("a row twice, re-checksummed", "appears twice"),
  ]

  @Test(arguments: damagedCheckpoints)
  func aResumeRefusesADamagedCheckpoint(damage: String, mentions: String) throws {
    try checkpoints("run")
    let one = chunk("run", 1), two = chunk("run", 2)
    let text = try String(contentsOf: one, encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func reheader(_ rows: [String]) -> String {
      let body = rows.joined(separator: "\n")
      let print = String(lines[0].split(separator: " ").first { $0.hasPrefix("fingerprint=") }!)
      return "# sweetspot checkpoint v1 chunk=1 \(print) sha256=\(SHA256.hex(body))\n" + body
    }
    switch damage {
    case "empty": lines = [""]
    case "another chunk": lines = try String(contentsOf: two, encoding: .utf8).components(separatedBy: "\n")
    case "another seed":
      try checkpoints("other", seed: 10)
      lines = try String(contentsOf: chunk("other", 1), encoding: .utf8).components(separatedBy: "\n")
    case "line dropped": lines.remove(at: 3)
    case "line edited": lines[3] = lines[3].replacingOccurrences(of: ",", with: ",1", options: [], range: lines[3].range(of: ",", options: .backwards))
    case "no header": lines.removeFirst()
    case "rows of another chunk, re-checksummed":
      lines = [reheader(Array(try String(contentsOf: two, encoding: .utf8).components(separatedBy: "\n").dropFirst()))]
    default:
      var rows = Array(lines.dropFirst())
      rows[2] = rows[1]
      lines = [reheader(rows)]
    }
    try lines.joined(separator: "\n").write(to: one, atomically: true, encoding: .utf8)
    refuses(one, mentions) { _ = try ExperimentRunner.run(try experiment(), options: options("run", resume: true)) }
    #expect(!FileManager.default.fileExists(atPath: url("run/manifest.json").path))
  }

  @Test func aStrayOrMisnamedCheckpointIsRefusedNotATrap() throws {
    try checkpoints("run")
    let stray = url("run/checkpoints/chunk-000099.csv")
    try Data().write(to: stray)
    refuses(stray, "is not a checkpoint of this run (it has 3 chunks") { _ = try ExperimentRunner.run(try experiment(), options: options("run", resume: true)) }
    try FileManager.default.removeItem(at: stray)
    let misnamed = url("run/checkpoints/chunk-1.csv")
    try Data().write(to: misnamed)
    refuses(misnamed, "not a checkpoint name sweetspot writes") { _ = try ExperimentRunner.run(try experiment(), options: options("run", resume: true)) }
  }

  // MARK: Merge and report

  func shards() throws {
    for k in 1...2 { _ = try ExperimentRunner.run(try experiment(), options: options("s\(k)", shard: Shard(index: k, count: 2))) }
  }

  /// Rewrites `dir`/trials.csv and its checksum in the manifest, so only the row checks can object.
  func rewriteTrials(_ dir: String, _ change: (inout [String]) -> Void) throws {
    let t = url(dir).appendingPathComponent("trials.csv"), m = url(dir).appendingPathComponent("manifest.json")
    let old = try String(contentsOf: t, encoding: .utf8)
    var lines = old.components(separatedBy: "\n")
    lines.removeLast()
    change(&lines)
    let new = lines.map { $0 + "\n" }.joined()
    try new.write(to: t, atomically: true, encoding: .utf8)
    var manifest = try String(contentsOf: m, encoding: .utf8)
    let field = try #require(manifest.range(of: "\"trials.csv\": \""))
    manifest.replaceSubrange(field.upperBound..<manifest.index(field.upperBound, offsetBy: 64), with: SHA256.hex(new))
    try manifest.write(to: m, atomically: true, encoding: .utf8)
  }

  @Test func mergedShardsEqualTheWholeRunIncludingTheCRNMeasurement() throws {
    let whole = try ExperimentRunner.run(try experiment(), options: options("whole"))
    try shards()
    let merged = try ExperimentRunner.merge([url("s2"), url("s1")], into: url("merged"), toolVersion: "test", threads: 2)
    for f in ["trials.csv", "summary.json", "summary.csv"] { #expect(try bytes("whole", f) == bytes("merged", f), "\(f)") }
    #expect(merged.crn == whole.crn)
    #expect(try FinishedRun(url("merged")).table.rows.count == 2 * 2 * 20)
  }

  @Test func aMergeRefusesShardsWhoseRowsAreWrong() throws {
    try shards()
    let t2 = url("s2/trials.csv")
    func merge() throws { _ = try ExperimentRunner.merge([url("s1"), url("s2")], into: url("m"), toolVersion: "test") }
    // Replaced by shard 1's file: the checksum in shard 2's manifest objects.
    let original = try Data(contentsOf: t2)
    try FileManager.default.removeItem(at: t2)
    try FileManager.default.copyItem(at: url("s1/trials.csv"), to: t2)
    refuses(t2, "does not match the checksum in manifest.json", merge)
    // The same with the checksum made to agree: the rows are shard 1's, not shard 2's.
    try original.write(to: t2)
    let s1 = try String(contentsOf: url("s1/trials.csv"), encoding: .utf8).components(separatedBy: "\n").dropLast()
    try rewriteTrials("s2") { $0 = Array(s1) }
    refuses(t2, "trials.csv:2: scenario 0, strategy good-enough, trial 0 does not belong in this file", merge)
    try original.write(to: t2)
    try rewriteTrials("s2") { $0.append($0[5]) }
    refuses(t2, "appears twice (also on line 6)", merge)
    try original.write(to: t2)
    try rewriteTrials("s2") { $0.remove(at: 7) }
    refuses(t2, "holds 39 of 40 rows; missing scenario 0, strategy good-enough, trial 13", merge)
    try original.write(to: t2)
    try rewriteTrials("s2") { lines in
      var f = lines[1].components(separatedBy: ",")
      f[4] = "3"  // trial 1 → 3: shard 2's trials are the odd ones, so 3 is now there twice
      lines[1] = f.joined(separator: ",")
    }
    refuses(t2, "scenario 0, strategy good-enough, trial 3 appears twice", merge)
    #expect(!FileManager.default.fileExists(atPath: url("m/manifest.json").path))
  }

  @Test func aMergeRefusesAnEditedManifest() throws {
    try shards()
    let m = url("s1/manifest.json")
    let text = try String(contentsOf: m, encoding: .utf8)
    try text.replacingOccurrences(of: "\"overrides\": [\"seed=9\"]", with: "\"overrides\": [\"seed=9\", \"weeks=52\"]")
      .write(to: m, atomically: true, encoding: .utf8)
    refuses(m, "do not give the configuration its configuration_sha256 names") {
      _ = try ExperimentRunner.merge([url("s1"), url("s2")], into: url("m"), toolVersion: "test")
    }
  }

  @Test func anInterruptedMergeIsFinishedByMergingAgain() throws {
    try shards()
    _ = try ExperimentRunner.merge([url("s1"), url("s2")], into: url("m"), toolVersion: "test")
    let expected = try bytes("m", "trials.csv")
    // Killed after trials.csv, before the manifest: the merge's own checkpoint marker remains.
    let e = try experiment()
    try FileManager.default.removeItem(at: url("m/manifest.json"))
    try FileManager.default.createDirectory(at: url("m/checkpoints"), withIntermediateDirectories: true)
    try ("merge\n" + e.configurationHash).write(to: url("m/checkpoints/fingerprint.txt"), atomically: true, encoding: .utf8)
    refuses(url("m"), "holds an interrupted run; add --resume") { _ = try ExperimentRunner.run(e, options: options("m")) }
    _ = try ExperimentRunner.merge([url("s1"), url("s2")], into: url("m"), toolVersion: "test")
    #expect(try bytes("m", "trials.csv") == expected)
    #expect(!FileManager.default.fileExists(atPath: url("m/checkpoints").path))
  }

  @Test func aFinishedRunIsReadOnlyWhenItsTrialsAreWhole() throws {
    _ = try ExperimentRunner.run(try experiment(), options: options("run"))
    let t = url("run/trials.csv")
    #expect(try FinishedRun(url("run")).table.rows.count == 80)
    let original = try Data(contentsOf: t)
    try rewriteTrials("run") { $0 = [$0[0]] }  // header only
    refuses(t, "holds 0 of 80 rows; missing scenario 0, strategy good-enough, trial 0 and 79 more") { _ = try FinishedRun(url("run")) }
    try original.write(to: t)
    try rewriteTrials("run") { $0[0] = $0[0].replacingOccurrences(of: "scenario", with: "scenery") }
    refuses(t, "the header differs") { _ = try FinishedRun(url("run")) }
    try original.write(to: t)
    try rewriteTrials("run") { $0[3] = $0[3].replacingOccurrences(of: "good-enough", with: "minimal") }
    refuses(t, "trials.csv:24: scenario 0, strategy minimal, trial 2 appears twice (also on line 4)") { _ = try FinishedRun(url("run")) }
    try original.write(to: t)
    try rewriteTrials("run") { $0[3] = $0[3].replacingOccurrences(of: ",0.5,", with: ",0.50,") }
    refuses(t, "trials.csv:4: the row of scenario 0, strategy good-enough, trial 2 is not as sweetspot wrote it") { _ = try FinishedRun(url("run")) }
    try original.write(to: t)
    try Data(original.dropLast(10)).write(to: t)
    refuses(t, "does not match the checksum") { _ = try FinishedRun(url("run")) }
  }

  // MARK: One writer

  @Test func aSecondWriterIsRefusedAtOnce() throws {
    let dir = RunDirectory(url("locked"))
    var held: RunDirectory.Lock? = try dir.lock()
    do {
      _ = try ExperimentRunner.run(try experiment(), options: options("locked"))
      Issue.record("a second writer ran")
    } catch let error as RunError {
      #expect(error.message.contains("another sweetspot run or merge is writing to this folder"))
    }
    do {
      _ = try ExperimentRunner.merge([url("nowhere")], into: url("locked"), toolVersion: "test")
    } catch let error as ExperimentError {
      #expect(error.description.contains("has no manifest.json"))  // shards are checked first
    }
    #expect(held != nil)
    held = nil  // released
    _ = try ExperimentRunner.run(try experiment(), options: options("locked"))
    #expect(FileManager.default.fileExists(atPath: url("locked/manifest.json").path))
  }

  @Test func theOutputFolderMustBeNewEmptyOrThisRun() throws {
    let mine = url("mine")
    try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: true)
    try "my notes".write(to: mine.appendingPathComponent("report.md"), atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(at: mine.appendingPathComponent("checkpoints"), withIntermediateDirectories: true)
    refuses(mine, "is not empty (checkpoints, report.md) and holds no sweetspot run") { _ = try ExperimentRunner.run(try experiment(), options: options("mine")) }
    refuses(mine, "is not empty (checkpoints, report.md) and holds no sweetspot run") { _ = try ExperimentRunner.run(try experiment(), options: options("mine", resume: true)) }
    #expect(try String(contentsOf: mine.appendingPathComponent("report.md"), encoding: .utf8) == "my notes")
    #expect(try FileManager.default.contentsOfDirectory(atPath: mine.path).sorted() == ["checkpoints", "report.md"])
    // An empty folder is fine; a finished run is not overwritten.
    try FileManager.default.createDirectory(at: url("empty"), withIntermediateDirectories: true)
    _ = try ExperimentRunner.run(try experiment(), options: options("empty"))
    refuses(url("empty"), "already holds a complete run") { _ = try ExperimentRunner.run(try experiment(), options: options("empty")) }
    // A stale temporary file of a killed writer does not make a folder foreign, and is removed.
    try FileManager.default.createDirectory(at: url("stale"), withIntermediateDirectories: true)
    try Data("x".utf8).write(to: url("stale/.trials.csv.tmp-12345"))
    _ = try ExperimentRunner.run(try experiment(), options: options("stale"))
    #expect(!FileManager.default.fileExists(atPath: url("stale/.trials.csv.tmp-12345").path))
  }
}
