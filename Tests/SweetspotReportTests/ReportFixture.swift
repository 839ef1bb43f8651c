import Foundation
import SweetspotExperiment
@testable import SweetspotReport

/// Small runs to report on, and external programs (pdflatex, chromium) when installed.
enum ReportFixture {
  /// The report of a small run: a sweep of the service-level target (two scenarios) over the
  /// given strategies; `extra` is appended to the experiment file.
  static func tinyReport(strategies: String = #"["good-enough", "win4"]"#, extra: String = """
    [[sweep]]
    key = "strategy.*.service_level_target"
    values = [0.6, 0.8]
    """) throws -> Report {
    let source = """
      name = "tiny_report"
      question = "Which strategy earns more at 100% & $5 a_b ~ ^ # {x}, and where is the sweetspot (x ∈ [0.6, 0.8], ≤ 5 €)?"
      description = "Café crème: α–ω, 3 × 4 − 1 … ± 2 £ ©."
      seed = 7
      trials = 3
      weeks = 13
      strategies = \(strategies)
      [population]
      size = 300
      \(extra)
      """
    let experiment = try ExperimentLoader.load(text: source, file: "tiny.toml")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-fixture-\(UUID().uuidString)")
    _ = try ExperimentRunner.run(experiment, options: RunOptions(threads: 2, directory: dir, toolVersion: "0.1.0", fileHash: SHA256.hex(source)))
    return try Report.build(directory: dir, benchmarks: try ReportTests.benchmarks())
  }

  /// The full path of a program on PATH, if there is one.
  static func onPath(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
  }

  /// Runs a program in a folder; its output goes to `output` (or is dropped); returns its exit status.
  @discardableResult
  static func execute(_ program: String, _ arguments: [String], in dir: URL, output: URL? = nil) throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = arguments
    p.currentDirectoryURL = dir
    p.standardInput = FileHandle.nullDevice
    if let output {
      FileManager.default.createFile(atPath: output.path, contents: nil)
      p.standardOutput = try FileHandle(forWritingTo: output)
    } else {
      p.standardOutput = FileHandle.nullDevice
    }
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus
  }
}
