import Testing
import Foundation

/// Issue 14 from the shell: one writer per run folder, run-time failures exit 1 and leave no
/// temporary files, bad input exits 2, and every message is one line.
@Suite(.serialized) struct ReliabilityTests {
  let work: URL

  init() throws {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-reliability-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try RunCommandTests.experiment.write(to: work.appendingPathComponent("tiny.toml"), atomically: true, encoding: .utf8)
  }

  func path(_ name: String) -> String { work.appendingPathComponent(name).path }
  func run(_ args: [String]) throws -> CLIResult { try CLI.run(args, in: work) }

  func oneLine(_ r: CLIResult, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.stderr.filter { $0 == "\n" }.count == 1 && r.stderr.hasSuffix("\n"), "\(r.stderr.debugDescription)", sourceLocation: sourceLocation)
  }

  @Test func aSecondWriterIsRefusedAtOnceWithExitOne() throws {
    try FileManager.default.createDirectory(atPath: path("busy"), withIntermediateDirectories: true)
    let fd = open(path("busy/.sweetspot.lock"), O_RDWR | O_CREAT, 0o644)
    #expect(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0)
    let r = try run(["run", "tiny.toml", "--out", "busy", "--quiet"])
    #expect(r.status == 1 && r.stderr.contains("another sweetspot run or merge is writing to this folder"), "\(r.stderr)")
    oneLine(r)
    close(fd)
    let again = try run(["run", "tiny.toml", "--out", "busy", "--quiet"])
    #expect(again.status == 0, "\(again.stderr)")
  }

  @Test func validateRefusesNamesWithControlCharactersWithFileLineAndKey() throws {
    let text = "name = \"x\"\nstrategies = [\"good-enough\", \"a\\tb\"]\n\n[strategy.\"a\\tb\"]\nbase = \"minimal\"\n"
    try text.write(to: work.appendingPathComponent("tab.toml"), atomically: true, encoding: .utf8)
    let r = try run(["validate", "tab.toml"])
    #expect(r.status == 2)
    #expect(r.stderr == "sweetspot: tab.toml:4: strategy.a\\tb: the strategy name 'a\\tb' cannot go into the result files; names may not hold control characters\n", "\(r.stderr)")
    let set = try run(["validate", "tiny.toml", "--set", "market.x\ny.base=monopoly"])
    #expect(set.status == 2 && set.stderr.contains("--set: market.x\\ny: the market name 'x\\ny' cannot go into the result files"), "\(set.stderr)")
    oneLine(set)
    // run refuses it before creating anything.
    let runIt = try run(["run", "tab.toml", "--out", "never", "--quiet"])
    #expect(runIt.status == 2 && !FileManager.default.fileExists(atPath: path("never")))
  }

  @Test func outputFoldersThatAreNotThisRunAreRefusedWithExitTwo() throws {
    let empty = try run(["run", "tiny.toml", "--out", ""])
    #expect(empty.status == 2 && empty.stderr.contains("--out is empty"))
    let emptyReport = try run(["report", "a", "--out", ""])
    #expect(emptyReport.status == 2 && emptyReport.stderr.contains("--out is empty"), "\(emptyReport.stderr)")
    try FileManager.default.createDirectory(atPath: path("folder"), withIntermediateDirectories: true)
    let folderReport = try run(["report", "a", "--out", "folder"])
    #expect(folderReport.status == 2 && folderReport.stderr.contains("--out folder is a folder"), "\(folderReport.stderr)")
    let emptyMerge = try run(["merge", "a", "--out", ""])
    #expect(emptyMerge.status == 2 && emptyMerge.stderr.contains("--out is empty"))
    try FileManager.default.createDirectory(atPath: path("mine"), withIntermediateDirectories: true)
    try "notes".write(toFile: path("mine/report.md"), atomically: true, encoding: .utf8)
    let r = try run(["run", "tiny.toml", "--out", "mine"])
    #expect(r.status == 2 && r.stderr.contains("is not empty (report.md) and holds no sweetspot run"), "\(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: path("mine")) == ["report.md"])
    #expect(try String(contentsOfFile: path("mine/report.md"), encoding: .utf8) == "notes")
  }

  @Test func aFileSizeLimitIsARunTimeFailureThatLeavesNoTemporaryFile() throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.currentDirectoryURL = work
    p.arguments = ["-c", "ulimit -f 4; exec \"$0\" \"$@\"", CLI.binary.path, "run", "tiny.toml", "--out", "big", "--quiet"]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationReason == .exit && p.terminationStatus == 1, "\(p.terminationReason.rawValue) \(p.terminationStatus) \(e)")
    #expect(e.contains("cannot write: File too large") && e.filter { $0 == "\n" }.count == 1, "\(e)")
    let left = FileManager.default.enumerator(atPath: path("big"))?.allObjects as? [String] ?? []
    #expect(!left.contains { $0.contains(".tmp-") }, "\(left)")
  }

  /// Runs `command` (a shell line) with root's mount rights; false if this machine gives none.
  static func shell(_ command: String) -> Bool {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    guard (try? p.run()) != nil else { return false }
    p.waitUntilExit()
    return p.terminationStatus == 0
  }

  static let canMount: Bool = getuid() == 0 && shell("command -v mount && command -v umount")

  /// A full disk and a read-only folder are run-time failures: exit 1, one line, no temporary
  /// file left (tiny tmpfs mounts; needs root, as CI and the developers' machines have).
  @Test(.enabled(if: canMount, "needs root to mount a tmpfs"))
  func aFullDiskAndAReadOnlyFolderAreRunTimeFailures() throws {
    for (name, options) in [("full", "size=16k"), ("readonly", "ro,size=1m")] {
      let dir = path(name)
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      #expect(Self.shell("mount -t tmpfs -o \(options) tmpfs '\(dir)'"), "mount \(name)")
      defer { _ = Self.shell("umount '\(dir)'") }
      let r = try run(["run", "tiny.toml", "--out", "\(name)/run", "--quiet"])
      #expect(r.status == 1, "\(name): exit \(r.status): \(r.stderr)")
      #expect(r.stderr.contains(name == "full" ? "No space left on device" : "Read-only file system"), "\(name): \(r.stderr)")
      oneLine(r)
      let left = FileManager.default.enumerator(atPath: dir)?.allObjects as? [String] ?? []
      #expect(!left.contains { $0.contains(".tmp-") }, "\(name): \(left)")
    }
  }

  @Test func reportRefusesAHeaderOnlyTrialsFile() throws {
    #expect(try run(["run", "tiny.toml", "--out", "done", "--quiet"]).status == 0)
    let t = path("done/trials.csv")
    let header = try String(contentsOfFile: t, encoding: .utf8).split(separator: "\n")[0] + "\n"
    try header.write(toFile: t, atomically: true, encoding: .utf8)
    let r = try run(["report", "done"])
    #expect(r.status == 2 && r.stderr.contains("trials.csv: does not match the checksum in manifest.json"), "\(r.stderr)")
    oneLine(r)
  }

  @Test func messagesAreOneLineWithControlCharactersEscaped() throws {
    let usage = try run(["run", "--seed", "x"])
    #expect(usage.status == 2 && usage.stderr == "sweetspot: The value 'x' is invalid for '--seed <n>' (see 'sweetspot run --help')\n")
    let file = try run(["run", "no\nsuch\u{1B}[2J.toml"])
    #expect(file.status == 2 && file.stderr.contains("no\\nsuch\\u{1B}[2J.toml: cannot read the file"), "\(file.stderr)")
    oneLine(file)
    try "name = \"x\"\r\nseed = \"\u{7}\"\r\n".write(toFile: path("bell.toml"), atomically: true, encoding: .utf8)
    let bell = try run(["validate", "bell.toml"])
    #expect(bell.status == 2 && bell.stderr.contains("bell.toml:2: control character U+0007 in a string"), "\(bell.stderr)")
    oneLine(bell)
  }

  @Test func crlfExperimentFilesRunLikeLFOnes() throws {
    let crlf = RunCommandTests.experiment.replacingOccurrences(of: "\n", with: "\r\n")
    try ("\u{FEFF}" + crlf).write(toFile: path("crlf.toml"), atomically: true, encoding: .utf8)
    let v = try run(["validate", "crlf.toml"])
    #expect(v.status == 0 && v.stdout.contains("crlf.toml: ok: tiny, 2 scenarios × 3 strategies × 6 trials"), "\(v.stderr)")
  }
}

/// A run killed after its manifest, before its reports, is finished by --resume.
@Suite struct FinishAfterKillTests {
  @Test func resumeOfACompleteRunVerifiesItAndRewritesTheReports() throws {
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-finish-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try RunCommandTests.experiment.write(to: work.appendingPathComponent("tiny.toml"), atomically: true, encoding: .utf8)
    #expect(try CLI.run(["run", "tiny.toml", "--out", "r", "--quiet"], in: work).status == 0)
    let report = work.appendingPathComponent("r/report.md"), figure = work.appendingPathComponent("r/figures/sweep.pdf")
    let (md, svg) = (try Data(contentsOf: report), try Data(contentsOf: figure))
    try FileManager.default.removeItem(at: report)
    try FileManager.default.removeItem(at: figure)
    let r = try CLI.run(["run", "tiny.toml", "--out", "r", "--resume", "--quiet"], in: work)
    #expect(r.status == 0 && r.stderr.contains("already complete (36 trial rows, verified); 2 report files rewritten"), "\(r.stderr)")
    #expect(try Data(contentsOf: report) == md && Data(contentsOf: figure) == svg)
    // Resubmitted once more, nothing is missing: nothing is rewritten, and it says so.
    let again = try CLI.run(["run", "tiny.toml", "--out", "r", "--resume", "--quiet"], in: work)
    #expect(again.status == 0 && again.stderr.contains("verified); reports up to date"), "\(again.stderr)")
    let other = try CLI.run(["run", "tiny.toml", "--out", "r", "--resume", "--seed", "4", "--quiet"], in: work)
    #expect(other.status == 2 && other.stderr.contains("holds a complete run of a different experiment, seed, shard or version"), "\(other.stderr)")
    let fresh = try CLI.run(["run", "tiny.toml", "--out", "r", "--quiet"], in: work)
    #expect(fresh.status == 2 && fresh.stderr.contains("already holds a complete run"), "\(fresh.stderr)")
  }
}
