import Foundation
import Testing
import SweetspotNumerics
@testable import SweetspotExperiment

/// A deterministic mutation test of the experiment loader and `--set` (issue 14): the shipped
/// experiment files, mutated thousands of times with a fixed seed (deleted spans, inserted TOML
/// punctuation, CR, NUL, BOM and combining marks, huge numbers, duplicated and swapped lines,
/// truncation), must each load or give an error, never crash or hang, and the parser's messages
/// must stay on one line. Run before every release; a mutant that crashes becomes a regression
/// test in TOMLTests. `SWEETSPOT_MUTANTS=N` sets the mutants per file (default 400); the
/// seed stays fixed, so a run is reproducible.
@Suite struct MutationTests {
  static let perFile = Int(ProcessInfo.processInfo.environment["SWEETSPOT_MUTANTS"] ?? "") ?? 400

  static let experiments: [(String, String)] = {
    let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("experiments")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".toml") }.sorted()
    return names.compactMap { n in (try? String(contentsOf: dir.appendingPathComponent(n), encoding: .utf8)).map { (n, $0) } }
  }()

  static let tokens = ["[", "]", "[[", "]]", "{", "}", "\"", "'", "\"\"\"", "'''", "=", ".", ",", "\n", "\r\n", "\r", "#", "\\",
                       "0x", "0o7", "0b", "_", "__", "007", "1e400", "-", "+", "inf", "nan", "\u{0}", "\u{7}", "\u{FEFF}", "é",
                       "\u{301}", "a.\"#last\".b = 1\n", "[sweep]\n", "[[strategy]]\n", "[[sweep]]\n", "9223372036854775808",
                       "true", "{a = 1}", "[[[[[[[[", "x = []\n", "strategies = []\n", "1979-05-27", "\"\\u0000\"", "\"\\uD800\""]

  struct Mutator {
    var rng: SplitMix64
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(rng.next() % UInt64(n)) }

    mutating func mutate(_ text: String) -> String {
      var s = Array(text.unicodeScalars)
      for _ in 0...below(3) {
        let at = below(s.count + 1)
        switch below(6) {
        case 0: s.removeSubrange(at..<min(s.count, at + 1 + below(6)))
        case 1, 2: s.insert(contentsOf: MutationTests.tokens[below(MutationTests.tokens.count)].unicodeScalars, at: at)
        case 3:  // duplicate a line
          var lines = String(String.UnicodeScalarView(s)).components(separatedBy: "\n")
          let k = below(lines.count)
          lines.insert(lines[k], at: below(lines.count + 1))
          s = Array(lines.joined(separator: "\n").unicodeScalars)
        case 4:  // swap two lines
          var lines = String(String.UnicodeScalarView(s)).components(separatedBy: "\n")
          lines.swapAt(below(lines.count), below(lines.count))
          s = Array(lines.joined(separator: "\n").unicodeScalars)
        default: s.removeSubrange(at...)
        }
      }
      return String(String.UnicodeScalarView(s))
    }
  }

  @Test func mutatedExperimentFilesLoadOrFailCleanly() throws {
    #expect(Self.experiments.count >= 5)
    var mutator = Mutator(rng: SplitMix64(seed: 14))
    var loaded = 0, refused = 0
    for (name, text) in Self.experiments {
      for _ in 0..<Self.perFile {
        let mutant = mutator.mutate(text)
        do {
          _ = try TOMLParser.parse(mutant)
        } catch {
          #expect(!error.message.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }, "\(name): \(error.message.debugDescription)")
          #expect(error.line >= 1)
        }
        do {
          let e = try ExperimentLoader.load(text: mutant, file: name)
          try Runner.checkResources(e)
          loaded += 1
        } catch {
          refused += 1
        }
      }
    }
    // Both outcomes occur: the mutants are neither all harmless nor all broken.
    #expect(loaded > Self.perFile / 4 && refused > Self.perFile / 4, "loaded \(loaded), refused \(refused)")
    print("mutation test: \(loaded + refused) mutants of \(Self.experiments.count) files: \(loaded) loaded, \(refused) refused, none crashed")
  }

  @Test func mutatedSetValuesLoadOrFailCleanly() throws {
    let base = try #require(Self.experiments.first { $0.0 == "showdown.toml" }?.1)
    let sets = ["trials=3", "seed=0x10", "population.size=500", "strategies=[\"good-enough\", \"minimal\"]", "world.weekly_problem_rate=0.02",
                "markets=[\"competitive\"]", "strategy.good-enough.price=1.1"]
    var mutator = Mutator(rng: SplitMix64(seed: 1414))
    var loaded = 0, refused = 0
    for k in 0..<(Self.perFile * 5 / 2) {
      let o = mutator.mutate(sets[k % sets.count])
      do {
        try Overrides.check([o])
        _ = try ExperimentLoader.load(text: base, file: "showdown.toml", overrides: [o])
        loaded += 1
      } catch {
        refused += 1
      }
    }
    #expect(loaded > Self.perFile / 8 && refused > Self.perFile / 8, "loaded \(loaded), refused \(refused)")
    print("mutation test: \(loaded + refused) --set mutants: \(loaded) loaded, \(refused) refused, none crashed")
  }
}
