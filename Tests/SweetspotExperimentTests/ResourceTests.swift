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

  @Test func namesWithControlCharactersAreRefusedByTheLoaderWithTheirLine() {
    let strategy = refusal("name = \"x\"\nstrategies = [\"good-enough\", \"a\\u007Fb\"]\n[strategy.\"a\\u007Fb\"]\nbase = \"good-enough\"\n")
    #expect(strategy == "r.toml:3: strategy.a\\u{7F}b: the strategy name 'a\\u{7F}b' cannot go into the result files; names may not hold control characters", "\(strategy)")
    let market = refusal("name = \"x\"\nstrategies = [\"good-enough\"]\nmarkets = [\"m\\nx\"]\n[market.\"m\\nx\"]\nbase = \"monopoly\"\n")
    #expect(market.hasPrefix("r.toml:4: market.m\\nx: the market name 'm\\nx' cannot go into the result files"), "\(market)")
    // Refused even when not listed (the table alone is a mistake), and through --set.
    let unlisted = refusal("name = \"x\"\nstrategies = [\"good-enough\"]\n[strategy.'q\tt']\n")
    #expect(unlisted.hasPrefix("r.toml:3: strategy.q\\tt: the strategy name 'q\\tt' cannot"), "\(unlisted)")
    let set = refusal("name = \"x\"\nstrategies = [\"good-enough\"]\n", overrides: ["market.a\u{7}b.base=monopoly"])
    #expect(set.hasPrefix("--set: market.a\\u{7}b: the market name 'a\\u{7}b' cannot"), "\(set)")
  }

  @Test func commasAndQuotesInNamesAreAllowedNowThatCSVFieldsAreQuoted() throws {
    let e = try ExperimentLoader.load(text: "name = \"x\"\nstrategies = [\"good-enough\", 'say \"hi\", twice']\n[strategy.'say \"hi\", twice']\nbase = \"minimal\"\n", file: "r.toml")
    #expect(e.strategies.map(\.name) == ["good-enough", "say \"hi\", twice"])
    try Runner.checkResources(e)
  }

  @Test func namesWithControlCharactersAreRefusedByTheRunnerToo() throws {
    var e = try ExperimentLoader.load(text: "name = \"x\"\nstrategies = [\"good-enough\"]", file: "r.toml")
    e.strategies[0].name = "a\u{1B}b"
    do {
      try Runner.checkResources(e)
      Issue.record("accepted")
    } catch {
      #expect(error.description == "r.toml: strategy: the strategy name 'a\\u{1B}b' cannot go into the result files; names may not hold control characters")
    }
    #expect(Experiment.isCSVSafeName("good-enough_2 é, \"x\"") && !Experiment.isCSVSafeName("a\u{7F}") && !Experiment.isCSVSafeName("a\u{85}"))
  }

  @Test func setWalksAKeyOfAnyDepthWithoutRecursion() {
    // Overrides.check caps --set keys at 64 parts; the walk itself holds for any depth. (Not
    // 100,000: Swift releases a nested enum recursively, so such a tree would overflow the stack
    // when this test drops it, whoever built it.)
    let n = 10_000
    var doc = TOMLTable()
    ExperimentLoader.set(Array(repeating: "a", count: n), .integer(7), in: &doc)
    ExperimentLoader.set(["a", "b"], .bool(true), in: &doc)
    var depth = 0
    var value = TOMLValue.table(doc)
    while case let .table(t) = value, let next = t["a"] { depth += 1; value = next }
    #expect(depth == n && value == .integer(7))
    guard case let .table(top)? = doc["a"] else { Issue.record("no table a"); return }
    #expect(top["b"] == .bool(true) && top.keys == ["a", "b"])
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
