import Testing
@testable import SweetspotExperiment

/// Issue 14: work and memory are estimated before a run starts, and names that cannot be written
/// to CSV or keys that would recurse without bound are refused at once.
@Suite struct ResourceTests {
  func refusal(_ text: String, overrides: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) -> String {
    do {
      let e = try ExperimentLoader.load(text: text, file: "r.toml", overrides: overrides)
      try Runner.checkResources(e)
      _ = try Runner(experiment: e)
      Issue.record("accepted", sourceLocation: sourceLocation)
      return ""
    } catch {
      return error.description
    }
  }

  @Test func aResultTableBeyondMemoryIsRefusedWithTheFigure() {
    // A million trials of a 8,001-value sweep: 16 billion rows (was a 4 GB allocation abort).
    let text = """
      name = "big"
      trials = 1000000
      strategies = ["good-enough", "minimal"]
      [[sweep]]
      key = "strategy.*.training_hours"
      from = 0
      to = 20
      step = 0.0025
      """
    let message = refusal(text)
    #expect(message.hasPrefix("r.toml: trials: the run would hold 16002000000 result rows (scenarios × strategies × trials), about 45782 GB of memory"), "\(message)")
  }

  @Test func tooManyScenariosAreRefused() {
    let text = """
      name = "grid"
      strategies = ["good-enough"]
      [[sweep]]
      key = "strategy.*.training_hours"
      from = 0
      to = 20
      step = 0.05
      [[sweep]]
      key = "strategy.*.price"
      from = 0.5
      to = 1.5
      step = 0.0025
      """
    #expect(refusal(text) == "r.toml: sweep: markets × sweep values give 160801 scenarios; at most 100000")
  }

  @Test func namesThatCannotGoIntoCSVAreRefusedBeforeRunning() {
    let strategy = refusal("name = \"x\"\nstrategies = [\"good-enough\", \"a,b\"]\n[strategy.\"a,b\"]\nbase = \"good-enough\"\n")
    #expect(strategy.contains("strategy: the name 'a,b' cannot go into the result CSV files"), "\(strategy)")
    let market = refusal("name = \"x\"\nstrategies = [\"good-enough\"]\nmarkets = [\"m\\nx\"]\n[market.\"m\\nx\"]\nbase = \"monopoly\"\n")
    #expect(market.contains("market: the name 'm\\nx' cannot go into the result CSV files"), "\(market)")
  }

  @Test func aShardCountBeyondTheTrialsIsRefusedNotATrap() throws {
    let e = try ExperimentLoader.load(text: "name = \"x\"\ntrials = 6\nstrategies = [\"good-enough\"]", file: "r.toml")
    for shard in [Shard(index: 1, count: .max), Shard(index: .max, count: .max), Shard(index: 7, count: 7)] {
      do {
        _ = try Runner(experiment: e, shard: shard)
        Issue.record("accepted \(shard)")
      } catch {
        #expect(error.description.contains("N may be at most the number of trials (6)"), "\(error)")
      }
    }
    #expect(try Runner(experiment: e, shard: Shard(index: 6, count: 6)).items.count == 1)
  }

  @Test func overrideKeysDeeperThanTheParserAllowsAreRefused() throws {
    let deep = Array(repeating: "a", count: 100_000).joined(separator: ".") + "=1"
    do {
      try Overrides.check(["seed=3", deep])
      Issue.record("accepted a 100,000-part key")
    } catch {
      #expect(error.description == "--set: 'a.a.a.a.a.a.a.a.a.a.a.a.…' is a key of 100000 dotted parts; at most 64")
    }
    try Overrides.check([Array(repeating: "a", count: 64).joined(separator: ".") + "=1"])
  }
}
