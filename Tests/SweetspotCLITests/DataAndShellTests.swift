import ArgumentParser
import Foundation
import Testing
import SweetspotExperiment
@testable import sweetspot

/// What a new user meets first at the shell: the manifest names the tool's own commit and the
/// built-in suite as built in, help examples can be copied, closed sets of values are listed,
/// short options and --dry-run work, and counts read as English.
@Suite(.serialized) struct DataAndShellTests {
  let work: URL

  init() throws {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-shell-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try RunCommandTests.experiment.write(to: work.appendingPathComponent("tiny.toml"), atomically: true, encoding: .utf8)
  }

  func run(_ args: [String]) throws -> CLIResult { try CLI.run(args, in: work) }

  func manifest(_ dir: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent(dir).appendingPathComponent("manifest.json"))) as! [String: Any]
  }

  func git(_ args: [String], in dir: URL) throws -> (status: Int32, out: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"] + args
    p.currentDirectoryURL = dir
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
  }

  static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  @Test func theManifestNamesTheToolsCommitNotTheCommitOfTheFolderItRunsIn() throws {
    // The user's folder is a git repository of its own.
    try #require(try git(["init", "-q"], in: work).status == 0)
    try #require(try git(["commit", "-q", "--allow-empty", "-m", "user"], in: work).status == 0)
    let users = try git(["rev-parse", "HEAD"], in: work).out
    let r = try run(["run", "tiny.toml", "-n", "2", "-j", "1", "-o", "out", "-q"])
    #expect(r.status == 0, "\(r.stderr)")
    let recorded = try manifest("out")["git_commit"]
    #expect(recorded as? String != users)
    if let commit = buildGitCommit {
      #expect(recorded as? String == commit)
      // It is a commit of the tool's repository.
      #expect(try git(["cat-file", "-e", commit + "^{commit}"], in: Self.package).status == 0)
    } else {
      #expect(recorded is NSNull)
      // Only when the package is not a git checkout of its own.
      #expect(try git(["rev-parse", "--show-toplevel"], in: Self.package).out != Self.package.resolvingSymlinksInPath().path)
    }
  }

  @Test func theBuiltInSuiteIsNamedAsBuiltInWithItsChecksum() throws {
    let r = try run(["run", "-n", "2", "-o", "suite", "-q", "--set", "population.size=300", "--set", "weeks=6"])
    #expect(r.status == 0, "\(r.stderr)")
    let m = try manifest("suite")
    #expect(m["file"] as? String == "(built-in) showdown")
    #expect(m["file_sha256"] as? String == SHA256.hex(DefaultSuite.text))
  }

  @Test func everyHelpExampleFitsEightyColumnsAndNeverWrapsInsideAnArgument() throws {
    for command in Sweetspot.configuration.subcommands {
      let help = Sweetspot.helpMessage(for: command, columns: 80)
      var inExamples = false, continued = false, examples = 0
      for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("Example") { inExamples = true; continue }
        if line.isEmpty { inExamples = false; continue }
        guard inExamples else { continue }
        #expect(line.count <= 80, "\(line)")
        // Each line is a command, or the continuation of one that ended in a backslash.
        #expect(continued || line.hasPrefix("  sweetspot "), "\(command._commandName): '\(line)' continues an example without a backslash")
        continued = line.hasSuffix(" \\")
        examples += 1
      }
      #expect(!continued)
      if ["run", "report", "validate", "list", "merge", "trajectories", "slurm", "queue", "staff", "keys"].contains(command._commandName) {
        #expect(examples > 0, "\(command._commandName)")
      }
    }
  }

  @Test func closedSetsAreListedInHelpAndOfferedToCompletion() throws {
    let report = Sweetspot.helpMessage(for: ReportCommand.self, columns: 200)
    #expect(report.contains("(values: md, html, csv, json, latex)"))
    #expect(Sweetspot.helpMessage(for: List.self, columns: 200).contains("(values: strategies, markets, metrics)"))
    #expect(Sweetspot.helpMessage(for: Queue.self, columns: 200).contains("(values: exponential, lognormal; default: exponential)"))
    let bash = Sweetspot.completionScript(for: .bash).replacingOccurrences(of: "'$'\\n''", with: " ")
    #expect(bash.contains("'md html csv json latex'") && bash.contains("'strategies markets metrics'") && bash.contains("'exponential lognormal'"))
  }

  @Test func commonOptionsHaveShortNames() {
    let run = Sweetspot.helpMessage(for: Run.self, columns: 200)
    for option in ["-n, --trials", "-j, --threads", "-o, --out", "-q, --quiet"] { #expect(run.contains(option), "\(option)") }
    #expect(Sweetspot.helpMessage(for: Merge.self, columns: 200).contains("-o, --out"))
    #expect(Sweetspot.helpMessage(for: ReportCommand.self, columns: 200).contains("-o, --out"))
    #expect(Sweetspot.helpMessage(for: Queue.self, columns: 200).contains("-j, --threads"))
  }

  /// Scripts pass -q to every command that prints a summary; `trajectories` offers no
  /// --trajectories flag of its own (that flag, on run and merge, points to it).
  @Test func mergeAndTrajectoriesTakeQuietAndTrajectoriesHelpIsAboutItself() throws {
    for command in [Merge.self, TrajectoriesCommand.self] as [any ParsableCommand.Type] {
      #expect(Sweetspot.helpMessage(for: command, columns: 200).contains("-q, --quiet"), "\(command._commandName)")
    }
    #expect(throws: Never.self) { _ = try Merge.parse(["a", "b", "-o", "c", "-q"]) }
    #expect(throws: Never.self) { _ = try TrajectoriesCommand.parse(["dir", "--quiet", "--trajectory-trials", "2"]) }
    let help = Sweetspot.helpMessage(for: TrajectoriesCommand.self, columns: 200)
    #expect(!help.contains("--trajectories ") && !help.contains("see `sweetspot trajectories --help`"))
    #expect(help.contains("--trajectory-trials <n>"))
    #expect(try run(["trajectories", "nowhere", "-q"]).status == 2)  // parsed; refused for the folder, not the flag
  }

  @Test func aValueOutsideAClosedSetIsRefusedWithTheChoices() throws {
    let r = try run(["list", "things"])
    #expect(r.status == 2 && r.stderr.contains("'things'") && r.stderr.contains("strategies") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(ReportFormat(argument: "tex") == .latex && ReportFormat(argument: "markdown") == .md && ReportFormat(argument: "pdf") == nil)
  }

  @Test func dryRunPrintsTheConfigurationTheManifestWouldHoldAndRunsNothing() throws {
    let dry = try run(["run", "tiny.toml", "-n", "3", "--set", "population.size=900", "-o", "never", "--dry-run"])
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("never").path))
    let printed = try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as! NSDictionary
    #expect((printed["population"] as? [String: Any])?["size"] as? Int == 900 && printed["trials"] as? Int == 3)
    let real = try run(["run", "tiny.toml", "-n", "3", "--set", "population.size=900", "-o", "real", "-q"])
    #expect(real.status == 0, "\(real.stderr)")
    #expect(printed == (try manifest("real")["configuration"] as! NSDictionary))
    let bad = try run(["run", "tiny.toml", "--set", "population.size=-1", "--dry-run"])
    #expect(bad.status == 2 && bad.stderr.contains("population.size"))
  }

  @Test func countsReadAsEnglish() throws {
    try "name = \"one\"\ntrials = 2\nstrategies = [\"good-enough\"]\n".write(to: work.appendingPathComponent("one.toml"), atomically: true, encoding: .utf8)
    let r = try run(["validate", "one.toml"])
    #expect(r.stdout == "one.toml: ok: one, 1 scenario × 1 strategy × 2 trials\n", "\(r.stdout)")
    #expect(counted(3, "strategy", "strategies") == "3 strategies" && counted(1, "trial") == "1 trial")
  }
}
