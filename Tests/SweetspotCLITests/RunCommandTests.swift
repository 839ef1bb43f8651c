import Testing
import Foundation
@testable import sweetspot

/// `sweetspot run`, `merge`, `validate` and `list` from the shell: byte-identical results for any
/// thread count, sharding or interruption; clear errors with exit code 2 for bad input.
@Suite(.serialized) struct RunCommandTests {
  static let experiment = """
    name = "tiny"
    seed = 3
    trials = 6
    weeks = 30
    strategies = ["good-enough", "minimal", "win4"]
    [population]
    size = 1200
    [[sweep]]
    key = "strategy.*.training_hours"
    values = [0.5, 2]
    """

  let work: URL

  init() throws {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try Self.experiment.write(to: work.appendingPathComponent("tiny.toml"), atomically: true, encoding: .utf8)
  }

  func path(_ name: String) -> String { work.appendingPathComponent(name).path }

  func run(_ args: [String]) throws -> CLIResult { try CLI.run(args, in: work) }

  func same(_ a: String, _ b: String) throws -> Bool {
    for f in ["trials.csv", "summary.json", "summary.csv"] {
      let x = try Data(contentsOf: URL(fileURLWithPath: a).appendingPathComponent(f))
      let y = try Data(contentsOf: URL(fileURLWithPath: b).appendingPathComponent(f))
      if x != y { return false }
    }
    return true
  }

  @Test func resultsAreByteIdenticalForOneAndTwoThreads() throws {
    let a = try run(["run", "tiny.toml", "--threads", "1", "--out", "one"])
    let b = try run(["run", "tiny.toml", "--threads", "2", "--out", "two"])
    #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
    #expect(a.stdout == path("one") + "\n" || a.stdout == "one\n" || a.stdout.hasSuffix("one\n"))
    #expect(try same(path("one"), path("two")))
    let trials = try String(contentsOfFile: path("one/trials.csv"), encoding: .utf8)
    #expect(trials.split(separator: "\n").count == 1 + 2 * 3 * 6)  // header + scenarios × strategies × trials
    let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("one/manifest.json")))) as! [String: Any]
    #expect(manifest["status"] as? String == "complete")
    #expect(manifest["configuration_sha256"] as? String != nil && manifest["gsl_version"] as? String != nil)
    let crn = manifest["common_random_numbers"] as! [String: Any]
    #expect((crn["variance_reduction_factor"] as! Double) > 1)
    #expect(!FileManager.default.fileExists(atPath: path("one/checkpoints")))
  }

  @Test func mergedShardsEqualTheUnshardedRun() throws {
    _ = try run(["run", "tiny.toml", "--out", "whole", "--quiet"])
    for k in 1...3 { #expect(try run(["run", "tiny.toml", "--shard", "\(k)/3", "--out", "s\(k)", "--quiet"]).status == 0) }
    let m = try run(["merge", "s1", "s2", "s3", "--out", "merged"])
    #expect(m.status == 0, "\(m.stderr)")
    #expect(try same(path("whole"), path("merged")))
    // Refusals: a missing shard, a different seed.
    #expect(try run(["merge", "s1", "s2", "--out", "m2"]).stderr.contains("shard 3/3 missing"))
    _ = try run(["run", "tiny.toml", "--shard", "3/3", "--seed", "99", "--out", "other", "--quiet"])
    let bad = try run(["merge", "s1", "s2", "other", "--out", "m3"])
    #expect(bad.status == 2 && bad.stderr.contains("refusing to merge"))
  }

  @Test func gnuParallelRunsTheShardsAndTheMergeEqualsTheUnshardedRun() throws {
    let parallel = ["/usr/bin/parallel", "/usr/local/bin/parallel"].first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let parallel else {
      Issue.record("GNU parallel is not installed: run `make deps` (Debian package parallel)")
      return
    }
    _ = try run(["run", "tiny.toml", "--out", "whole-p", "--quiet"])
    let p = Process()
    p.executableURL = URL(fileURLWithPath: parallel)
    p.currentDirectoryURL = work
    p.arguments = ["--will-cite", "--halt", "now,fail=1", CLI.binary.path, "run", "tiny.toml", "--shard", "{}/4", "--out", "p{}", "--quiet", ":::", "1", "2", "3", "4"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    #expect(try run(["merge", "p1", "p2", "p3", "p4", "--out", "merged-p"]).status == 0)
    #expect(try same(path("whole-p"), path("merged-p")))
  }

  @Test func aKilledRunResumesToTheSameBytes() throws {
    let args = ["run", "tiny.toml", "--trials", "40", "--threads", "1", "--quiet"]
    _ = try run(args + ["--out", "straight"])
    let p = Process()
    p.executableURL = CLI.binary
    p.currentDirectoryURL = work
    p.arguments = args + ["--out", "killed"]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    // Kill it once at least one checkpoint exists and before it finishes.
    let checkpoints = path("killed/checkpoints")
    var waited = 0
    while waited < 2000 {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: checkpoints)) ?? []
      if names.contains(where: { $0.hasPrefix("chunk-") }) { break }
      usleep(5000)
      waited += 1
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(!FileManager.default.fileExists(atPath: path("killed/trials.csv")))
    #expect(!FileManager.default.fileExists(atPath: path("killed/manifest.json")))
    // A fresh run refuses the folder; --resume continues it.
    #expect(try run(args + ["--out", "killed"]).stderr.contains("--resume"))
    let r = try run(args + ["--out", "killed", "--resume", "--threads", "2"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try same(path("straight"), path("killed")))
  }

  static let badRuns: [([String], String)] = [
    (["run", "missing.toml"], "missing.toml: cannot read the file (no such file)"),
    (["run", "tiny.toml", "--threads", "0"], "--threads must be a whole number in 1 ... 1024"),
    (["run", "tiny.toml", "--shard", "4/3"], "'4/3' is not K/N with 1 ≤ K ≤ N"),
    (["run", "tiny.toml", "--set", "population.size"], "'population.size' is not KEY=VALUE"),
    (["run", "tiny.toml", "--set", "population.size=-3"], "population.size: -3 is out of range"),
    (["run", "tiny.toml", "--out", "tiny.toml/inside"], "cannot create the results folder"),
    (["run", "tiny.toml", "--resume"], "--resume needs --out DIR"),
    (["run", "tiny.toml", "--trials", "1"], "--trials must be a whole number in 2 ... 1000000"),
    (["validate", "tiny.toml", "--set", "strategies=[\"nope\"]"], "unknown strategy 'nope'"),
    (["list", "things"], "'things' is invalid for '<what>'"),
  ]

  @Test(arguments: badRuns)
  func badInputExitsTwoWithAMessage(arguments: [String], mentions: String) throws {
    let r = try run(arguments)
    #expect(r.status == 2, "\(arguments): \(r.status) \(r.stderr)")
    #expect(r.stderr.contains(mentions), "\(r.stderr)")
  }

  @Test func validateAndListReport() throws {
    let v = try run(["validate", "tiny.toml"])
    #expect(v.status == 0 && v.stdout.contains("tiny.toml: ok: tiny, 2 scenarios × 3 strategies × 6 trials"))
    let l = try run(["list", "strategies"])
    #expect(l.stdout.contains("just-good-enough") && l.stdout.contains("seed 003"))
    #expect(try run(["list", "metrics"]).stdout.contains("profit_npv"))
    #expect(try run(["list", "markets"]).stdout.contains("monopoly"))
  }

  @Test func theBuiltInSuiteIsExperimentsShowdownToml() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("experiments/showdown.toml")
    #expect(try String(contentsOf: file, encoding: .utf8) == DefaultSuite.text)
  }
}

/// docs/EXPERIMENTS.md carries the schema tables exactly as `sweetspot keys` prints them.
@Suite struct SchemaDocumentationTests {
  @Test func experimentsDocumentIncludesTheGeneratedKeyTables() throws {
    let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/EXPERIMENTS.md")
    let text = try String(contentsOf: doc, encoding: .utf8)
    let keys = try CLI.run(["keys"])
    #expect(keys.status == 0)
    #expect(text.hasSuffix(keys.stdout), "regenerate the tables: make docs")
  }

  @Test func modelDocumentIncludesTheGeneratedParameterTables() throws {
    let doc = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/MODEL.md")
    let text = try String(contentsOf: doc, encoding: .utf8)
    let tables = try CLI.run(["keys", "--model-tables"])
    #expect(tables.status == 0)
    #expect(text.contains("<!-- parameters:begin (generated by make docs) -->\n" + tables.stdout + "<!-- parameters:end -->"),
            "regenerate the tables: make docs")
  }

  @Test func keysJSONListsEveryKeyWithRangeAndSource() throws {
    let r = try CLI.run(["keys", "--json"])
    #expect(r.status == 0)
    let items = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    let keys = Set(items.compactMap { $0["key"] as? String })
    for k in ["name", "seed", "trials", "weeks", "markets", "population.size", "population.scale", "queue.mode", "sweep.key",
              "strategy.NAME.price", "market.NAME.switching_cost", "world.churn_attitude_slope", "world.fcr_base",
              "segment.premium.expectation", "population.expectation_concentration", "controller.churn_tolerance",
              "scorecard.owners_margin_share", "world.burnout_occupancy_knee"] {
      #expect(keys.contains(k), "sweetspot keys --json lacks \(k)")
    }
    #expect(!keys.contains("world.product_quality"), "world.product_quality was a dead key")
    let fcr = try #require(items.first { $0["key"] as? String == "world.fcr_base" })
    #expect((fcr["plausible"] as? [Double]) == [0.45, 0.62])
    #expect((fcr["source"] as? String)?.contains("SQM") == true)
  }
}
