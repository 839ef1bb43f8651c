import Testing
import Foundation
@testable import sweetspot

/// An industry experiment through the command line: its files, shards and merge, `report`, and
/// bad `[industry]` input.
@Suite(.serialized) struct IndustryCommandTests {
  static let experiment = """
    name = "trade"
    seed = 8
    trials = 4
    weeks = 60
    markets = ["competitive", "commodity"]
    strategies = ["good-enough", "minimal", "price-leader"]
    [population]
    size = 1200
    scale = 100
    [industry]
    firms = 10
    size_spread = 0.5
    switching_spread = 0.1
    mix = { "good-enough" = 2, minimal = 1, "price-leader" = 1 }
    quality_spread = 0.03
    attitude_weight = 8
    [industry.levers]
    training_hours = { low = 0.5, high = 3 }
    """

  let work: URL
  init() throws {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-industry-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try Self.experiment.write(to: work.appendingPathComponent("trade.toml"), atomically: true, encoding: .utf8)
  }

  func run(_ args: [String]) throws -> CLIResult { try CLI.run(args, in: work) }
  func text(_ path: String) throws -> String { try String(contentsOf: work.appendingPathComponent(path), encoding: .utf8) }
  func files(_ dir: String) throws -> [String: Data] {
    let root = work.appendingPathComponent(dir)
    var out: [String: Data] = [:]
    for case let path as String in FileManager.default.enumerator(atPath: root.path)! where !["manifest.json", ".sweetspot.lock"].contains(path) {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
        out[path] = try Data(contentsOf: root.appendingPathComponent(path))
      }
    }
    return out
  }

  @Test func anIndustryRunWritesItsTablesReportAndFiguresAndMergesByteForByte() throws {
    let v = try run(["validate", "trade.toml"])
    #expect(v.status == 0 && v.stdout.contains("2 scenarios × 4 industries of 10 firms drawn from 3 strategies"), "\(v.stdout)")
    #expect(try run(["run", "trade.toml", "-o", "whole", "-q", "-j", "2"]).status == 0)
    let whole = try files("whole")
    for f in ["trials.csv", "firms.csv", "firm_years.csv", "summary.csv", "summary.json", "report.md", "report.html", "report.csv", "report.json",
              "report.tex", "figures/cross-section.svg", "figures/cross-section.pdf", "figures/lists.svg", "figures/lists.pdf"] {
      #expect(whole[f] != nil, "\(f)")
    }
    // trials.csv: one row per scenario × firm × trial; firms.csv names each firm's strategy.
    let trials = try text("whole/trials.csv").split(separator: "\n")
    #expect(trials.count == 1 + 2 * 10 * 4 && trials[0].contains(",strategy_index,") && trials[0].contains(",y1_top_profit,y1_worst_service"))
    let firms = try text("whole/firms.csv").split(separator: "\n")
    #expect(firms.count == 1 + 80 && firms[0].hasPrefix("scenario,market,trial,firm,strategy,service_level_target,"))
    #expect(firms.dropFirst().allSatisfy { line in ["good-enough", "minimal", "price-leader"].contains { line.contains(",\($0),") } })
    #expect(try text("whole/firm_years.csv").split(separator: "\n").count == 1 + 80 * 1)
    let summary = try text("whole/summary.csv")
    #expect(summary.contains(",good-enough,profit_npv,") && !summary.contains("firm-001"))
    let report = try text("whole/report.md")
    #expect(report.contains("**Answer.** Each industry has 10 firms") && report.contains("top-profit decile") && report.contains("![Each firm's profit NPV"))
    #expect(report.contains("six") || report.contains("over 6 definitions"), "the lists under several definitions")
    #expect(try text("whole/report.html").contains("<svg"))
    // Shards merge into the same bytes, reports and figures included; report --write rewrites them.
    for k in 1...2 { #expect(try run(["run", "trade.toml", "--shard", "\(k)/2", "-o", "s\(k)", "-q", "-j", "1"]).status == 0) }
    #expect(try run(["merge", "s1", "s2", "--out", "merged"]).status == 0)
    #expect(try files("merged") == whole)
    for f in ["report.md", "figures/lists.pdf", "tex/table-1.tex"] { try FileManager.default.removeItem(at: work.appendingPathComponent("whole/\(f)")) }
    #expect(try run(["report", "whole", "--write"]).status == 0)
    #expect(try files("whole") == whole)
    #expect(try run(["report", "whole", "--format", "json"]).stdout.contains("\"ratio_to_chance\""))
    #expect(try run(["report", "whole", "--format", "latex"]).stdout.contains("\\begin{longtable}"))
    let trajectories = try run(["trajectories", "whole"])
    #expect(trajectories.status == 2 && trajectories.stderr.contains("firm_years.csv"), "\(trajectories.stderr)")
  }

  static let badInputs: [(String, String)] = [
    ("firms = 10", "firms = 0"),
    ("firms = 10", "firms = 5000"),
    ("mix = { \"good-enough\" = 2, minimal = 1, \"price-leader\" = 1 }", "mix = { delight = 1 }"),
    ("mix = { \"good-enough\" = 2, minimal = 1, \"price-leader\" = 1 }", "mix = { minimal = 0 }"),
    ("quality_spread = 0.03", "quality_spread = 0.9"),
    ("training_hours = { low = 0.5, high = 3 }", "training_hourz = { low = 0.5, high = 3 }"),
    ("training_hours = { low = 0.5, high = 3 }", "training_hours = { low = 0.5, high = 30 }"),
    ("attitude_weight = 8", "attitude_weight = -1"),
    ("attitude_weight = 8", "outside = true"),
  ]
  static let messages = ["industry.firms: expected a whole number in 1 ... 1000", "industry.firms: expected a whole number in 1 ... 1000",
                         "'delight' is not one of this experiment's strategies", "needs at least one weight above 0",
                         "industry.quality_spread: expected a number in 0 ... 0.5", "industry.levers.training_hourz: unknown key (did you mean 'training_hours'?)",
                         "industry.levers.training_hours", "industry.attitude_weight", "industry.outside: unknown key; allowed here: firms, mix, outside_option"]

  @Test(arguments: 0..<badInputs.count)
  func badIndustryInputExitsTwoNamingTheKey(index: Int) throws {
    let (from, to) = Self.badInputs[index]
    try Self.experiment.replacingOccurrences(of: from, with: to).write(to: work.appendingPathComponent("bad.toml"), atomically: true, encoding: .utf8)
    let r = try run(["validate", "bad.toml"])
    #expect(r.status == 2 && r.stderr.contains("bad.toml") && r.stderr.contains(Self.messages[index]), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }

  @Test func theChoiceModelActsOnlyInAnIndustry() throws {
    try RunCommandTests.experiment.appending("\n[uncertainty]\n\"industry.switch_share\" = \"default\"\n")
      .write(to: work.appendingPathComponent("single.toml"), atomically: true, encoding: .utf8)
    let r = try run(["validate", "single.toml"])
    #expect(r.status == 2 && r.stderr.contains("industry.switch_share: acts only in an experiment with an [industry] table"), "\(r.stderr)")
  }
}
