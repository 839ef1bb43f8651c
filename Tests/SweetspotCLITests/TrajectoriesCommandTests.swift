import Testing
import Foundation

/// trajectories.csv and its figure: the same bytes from a run on any thread count, from a merge
/// of shards and from `sweetspot trajectories` on a finished run; bad values refused with exit 2.
@Suite(.serialized) struct TrajectoriesCommandTests {
  static let experiment = """
    name = "paths"
    seed = 5
    trials = 4
    weeks = 40
    strategies = ["just-good-enough", "good-enough"]
    [population]
    size = 1000
    [[sweep]]
    key = "strategy.*.training_hours"
    values = [0.5, 2]
    """
  static let files = ["trajectories.csv", "figures/trajectories.svg", "figures/trajectories.pdf"]

  let work: URL

  init() throws {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-paths-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try Self.experiment.write(to: work.appendingPathComponent("paths.toml"), atomically: true, encoding: .utf8)
  }

  func run(_ args: [String]) throws -> CLIResult { try CLI.run(args, in: work) }
  func data(_ dir: String, _ file: String) throws -> Data { try Data(contentsOf: work.appendingPathComponent(dir).appendingPathComponent(file)) }

  @Test func theFileIsTheSameForAnyThreadCountAndFromAMergeOfShards() throws {
    let one = try run(["run", "paths.toml", "--threads", "1", "--trajectories", "--out", "one", "--quiet"])
    let two = try run(["run", "paths.toml", "--threads", "2", "--trajectories", "--out", "two", "--quiet"])
    #expect(one.status == 0 && two.status == 0, "\(one.stderr) \(two.stderr)")
    for k in 1...2 { #expect(try run(["run", "paths.toml", "--shard", "\(k)/2", "--out", "s\(k)", "--quiet"]).status == 0) }
    let m = try run(["merge", "s1", "s2", "--out", "merged", "--trajectories"])
    #expect(m.status == 0, "\(m.stderr)")
    for f in Self.files {
      #expect(try data("one", f) == data("two", f), "\(f) differs between 1 and 2 threads")
      #expect(try data("one", f) == data("merged", f), "\(f) differs between a run and a merge")
    }
    // Every report format links the figure when it is in the folder, a plain run's does not.
    let reports = ["report.md", "report.html", "report.tex", "tex/figure-trajectories.tex"]
    let md = String(decoding: try data("one", "report.md"), as: UTF8.self)
    #expect(md.contains("](figures/trajectories.svg)") && md.contains("## Week by week"))
    #expect(String(decoding: try data("one", "report.html"), as: UTF8.self).contains("<figure id=\"figure-trajectories\""))
    #expect(String(decoding: try data("one", "report.tex"), as: UTF8.self).contains("\\input{tex/figure-trajectories}"))
    #expect(try data("one", "report.md") == data("merged", "report.md"))
    #expect(try run(["run", "paths.toml", "--out", "plain", "--quiet"]).status == 0)
    #expect(!String(decoding: try data("plain", "report.md"), as: UTF8.self).contains("trajectories"))
    #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("plain/trajectories.csv").path))
    // The subcommand on a finished run writes the same files, and the reports again with the figure linked.
    let t = try run(["trajectories", "plain", "--threads", "2"])
    #expect(t.status == 0, "\(t.stderr)")
    for f in Self.files + reports { #expect(try data("one", f) == data("plain", f), "\(f) differs from `sweetspot trajectories`") }
    // `report --write` on a run with trajectories writes what the run wrote, byte for byte.
    let before = try reports.map { try data("one", $0) }
    #expect(try run(["report", "one", "--write"]).status == 0)
    #expect(try reports.map { try data("one", $0) } == before)

    // Tidy: header, then scenarios × strategies × trials × weeks rows, the scenario's columns as
    // trials.csv names them.
    let text = String(decoding: try data("one", "trajectories.csv"), as: UTF8.self)
    let lines = text.split(separator: "\n")
    #expect(lines[0].hasPrefix("scenario,market,strategy__all__training_hours,strategy,trial,week,customers,churned,acquired,csat,nps,"))
    #expect(lines.count == 1 + 2 * 2 * 4 * 40)
    #expect(lines[1].hasPrefix("0,") && lines[1].contains(",0.5,just-good-enough,0,0,"))
    // Counts are integers.
    let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
    #expect(Int(fields[6]) != nil && Int(fields[7]) != nil && Int(fields[8]) != nil)
  }

  @Test func trajectoryTrialsKeepsTheFirstTrialsOfEachScenario() throws {
    #expect(try run(["run", "paths.toml", "--trajectories", "--trajectory-trials", "2", "--out", "few", "--quiet"]).status == 0)
    let lines = String(decoding: try data("few", "trajectories.csv"), as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 1 + 2 * 2 * 2 * 40)
    #expect(!lines.dropFirst().contains { $0.split(separator: ",")[4] == "2" || $0.split(separator: ",")[4] == "3" })
  }

  static let refusals: [([String], String)] = [
    (["run", "paths.toml", "--trajectories", "--trajectory-trials", "0", "--out", "x"], "--trajectory-trials must be a whole number in 1 ... 1000000; got 0"),
    (["run", "paths.toml", "--trajectory-trials", "3", "--out", "x"], "--trajectory-trials 3 needs --trajectories"),
    (["run", "paths.toml", "--trajectories", "--shard", "1/2", "--out", "x"], "pass --trajectories to `sweetspot merge` instead"),
    (["trajectories", "nowhere"], "nowhere"),
    (["trajectories", "nowhere", "--trajectory-trials=0"], "--trajectory-trials must be a whole number"),
  ]

  @Test(arguments: refusals)
  func badValuesAreRefusedWithExit2(arguments: [String], message: String) throws {
    let r = try run(arguments)
    #expect(r.status == 2 && r.stderr.contains(message), "\(r.status) \(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
  }

  @Test func aShardFolderIsRefusedWithTheMergeToUse() throws {
    #expect(try run(["run", "paths.toml", "--shard", "1/2", "--out", "half", "--quiet"]).status == 0)
    let r = try run(["trajectories", "half"])
    #expect(r.status == 2 && r.stderr.contains("merge the shards"), "\(r.stderr)")
  }
}
