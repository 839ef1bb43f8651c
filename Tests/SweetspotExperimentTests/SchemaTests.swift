import Foundation
import Testing
@testable import SweetspotExperiment
import SweetspotReport

/// A real run's summary.json and manifest.json satisfy the published schemas in docs/schemas/,
/// and the check is strict enough to catch a file that does not.
@Suite struct SchemaTests {
  static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/schemas")

  static func validator(_ name: String) throws -> JSONSchemaValidator {
    try JSONSchemaValidator(schema: String(contentsOf: schemas.appendingPathComponent("\(name).schema.json"), encoding: .utf8))
  }

  /// A small run with a sweep (so the manifest has columns) and an undefined metric (TARP classes
  /// nobody fell into: null in summary.json).
  static func run() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-schema-\(UUID().uuidString)")
    let e = try ExperimentLoader.load(text: CSVTests.sweepText, file: "cols.toml")
    _ = try ExperimentRunner.run(e, options: RunOptions(threads: 2, directory: dir, toolVersion: "test", gitCommit: String(repeating: "ab", count: 20),
                                                      fileHash: SHA256.hex(CSVTests.sweepText)))
    return dir
  }

  func text(_ dir: URL, _ file: String) throws -> String { try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8) }

  @Test func aRunsSummaryAndManifestSatisfyTheirSchemas() throws {
    let dir = try Self.run()
    for name in ["summary", "manifest"] {
      let errors = try Self.validator(name).errors(JSONSchemaValidator.parse(text(dir, "\(name).json")))
      #expect(errors.isEmpty, "\(name).json: \(errors.prefix(5))")
    }
    // The columns object names a valid column for each swept key.
    let manifest = try JSONSchemaValidator.parse(text(dir, "manifest.json"))
    #expect(manifest["columns"]?["strategy__good_enough__service_level_target"] == .string("strategy.good-enough.service_level_target"))
  }

  @Test func filesThatBreakTheSchemasAreCaught() throws {
    let dir = try Self.run()
    let manifest = try text(dir, "manifest.json")
    let broken = manifest.replacingOccurrences(of: "\"seed\": 3,\n  \"trials\": 2,", with: "\"trials\": \"2\",")
      .replacingOccurrences(of: "\"git_commit\": \"abab", with: "\"git_commit\": \"HEAD-abab")
    #expect(broken != manifest)
    let errors = try Self.validator("manifest").errors(JSONSchemaValidator.parse(broken))
    #expect(errors.contains("$: missing required seed"), "\(errors)")
    #expect(errors.contains("$.trials: is string, not integer"), "\(errors)")
    #expect(errors.contains { $0.hasPrefix("$.git_commit: 'HEAD-abab") }, "\(errors)")
    let summary = try text(dir, "summary.json").replacingOccurrences(of: "\"n\": 2,", with: "\"n\": 2.5,")
    #expect(try Self.validator("summary").errors(JSONSchemaValidator.parse(summary)).contains { $0.hasSuffix(".n: is number, not integer") })
  }

  /// A robustness run's robustness.json and manifest.json satisfy their schemas.
  @Test func aRobustnessRunsFilesSatisfyTheirSchemas() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-schema-robust-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let e = try ExperimentLoader.load(text: UncertaintyTests.robust, file: "robust.toml")
    _ = try ExperimentRunner.run(e, options: RunOptions(threads: 2, directory: dir, toolVersion: "test", fileHash: SHA256.hex(UncertaintyTests.robust)))
    let industry = Self.schemas.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("benchmarks/industry/industry.toml")
    let benchmarks = try IndustryBenchmarks.load(text: String(contentsOf: industry, encoding: .utf8), file: "industry.toml")
    let robustness = try #require(try Report.build(directory: dir, benchmarks: benchmarks).robustness)
    let errors = try Self.validator("robustness").errors(JSONSchemaValidator.parse(robustness.json))
    #expect(errors.isEmpty, "robustness.json: \(errors.prefix(5))")
    let manifest = try Self.validator("manifest").errors(JSONSchemaValidator.parse(text(dir, "manifest.json")))
    #expect(manifest.isEmpty, "manifest.json: \(manifest.prefix(5))")
    // Every row of summary.csv has its header's fields (the world column included).
    let lines = try text(dir, "summary.csv").split(separator: "\n")
    let width = lines[0].split(separator: ",").count
    #expect(lines[0].contains(",world,") && lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == width })
  }

  @Test func theValidatorRefusesKeywordsItDoesNotImplement() throws {
    let v = try JSONSchemaValidator(schema: #"{"type": "object", "oneOf": [{"type": "object"}]}"#)
    #expect(v.errors(.object([])) == ["$: schema keyword oneOf is not supported by this validator"])
  }
}
