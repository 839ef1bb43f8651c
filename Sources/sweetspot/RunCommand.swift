import ArgumentParser
import Foundation
import SweetspotExperiment
import SweetspotReport

/// `sweetspot run`: run experiment files (or the built-in default suite) into result folders.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run experiments: Monte Carlo trials of strategies in markets, into result folders.",
    discussion: """
      With no FILE, runs the default suite (experiments/showdown.toml, built in). Each run \
      writes trials.csv (one row per scenario × strategy × trial), summary.json and summary.csv \
      (per metric: n, mean, sd, 95% CI, quantiles) and manifest.json (configuration, versions, \
      timing) into results/<experiment>/<run-id>/, or into --out DIR. The run folder's path is \
      printed on stdout; progress goes to stderr.

      Results are byte-identical for any --threads and any sharding. Interrupted runs leave only \
      checkpoints; --resume --out DIR continues one (and finishes the reports of a run killed \
      after its results were written). Shards: run --shard K/N for K = 1 … N (for \
      example as a Slurm job array), then `sweetspot merge`.

      Examples:
        sweetspot run
        sweetspot run experiments/sweetspot.toml --trials 200 --set population.size=50000
        sweetspot run experiments/showdown.toml --shard 2/4 --out runs/shard-2
      """)

  @Argument(help: ArgumentHelp("Experiment files (TOML). Default: the built-in showdown suite.", valueName: "file"))
  var files: [String] = []

  @Option(help: ArgumentHelp("Trials per strategy and scenario (overrides the file).", valueName: "n"))
  var trials: Int?

  @Option(help: ArgumentHelp("Experiment seed (overrides the file).", valueName: "n"))
  var seed: UInt64?

  @Option(help: ArgumentHelp("Worker threads (default: all cores). Results do not depend on it.", valueName: "n"))
  var threads: Int?

  @Option(help: ArgumentHelp("The run folder (with several files: a parent folder, one subfolder per experiment).", valueName: "dir"))
  var out: String?

  @Option(name: .customLong("set"), help: ArgumentHelp("Override any key by its dotted path, e.g. --set population.size=50000. Repeatable.", valueName: "key=value"))
  var overrides: [String] = []

  @Option(help: ArgumentHelp("Run shard K of N: the trials t with t mod N = K − 1.", valueName: "K/N"))
  var shard: String?

  @Flag(help: "Continue an interrupted run in --out DIR from its checkpoints.")
  var resume = false

  @Flag(help: "No progress display; only the final one-line summary on stderr.")
  var quiet = false

  func run() throws {
    let threadCount = threads ?? activeProcessorCount()
    guard threadCount >= 1 && threadCount <= 1024 else {
      throw InputError("--threads must be a whole number in 1 ... 1024; got \(threadCount)")
    }
    if let t = trials, t < 2 || t > 1_000_000 { throw InputError("--trials must be a whole number in 2 ... 1000000; got \(t)") }
    let shardValue = try shard.map { try Shard(parsing: $0) } ?? .whole
    if resume && out == nil { throw InputError("--resume needs --out DIR: the folder of the run to continue") }
    if out == "" { throw InputError("--out is empty; name a folder for the run") }
    var sets = overrides
    if let trials { sets.append("trials=\(trials)") }
    if let seed { sets.append("seed=\(seed)") }

    try Overrides.check(sets)
    // Load every file first, so a bad file stops the suite before anything runs.
    var experiments: [(Experiment, String)] = []
    for (text, file) in try sources() {
      experiments.append((try ExperimentLoader.load(text: text, file: file, overrides: sets), SHA256.hex(text)))
    }
    let names = experiments.map { $0.0.name }
    if Set(names).count != names.count && out != nil {
      throw InputError("two experiments are named alike (\(names.joined(separator: ", "))); their folders under --out would collide")
    }
    let progress = !quiet && isatty(2) == 1
    let commit = gitCommit()
    let benchmarks = try loadBenchmarks(nil)
    var index: [(name: String, question: String, report: URL, answer: String)] = []
    for (experiment, hash) in experiments {
      let dir: URL
      if let out {
        dir = experiments.count == 1 ? URL(fileURLWithPath: out) : URL(fileURLWithPath: out).appendingPathComponent(experiment.name)
      } else {
        dir = URL(fileURLWithPath: "results").appendingPathComponent(experiment.name).appendingPathComponent(runID(shardValue))
      }
      let options = RunOptions(threads: threadCount, shard: shardValue, resume: resume, directory: dir,
                               toolVersion: Sweetspot.version, gitCommit: commit, overrides: sets, fileHash: hash)
      var reportFile: (path: URL, answer: String)?
      // The reports are written while the folder is still locked: no other writer can interleave.
      let report = try ExperimentRunner.run(experiment, options: options, progress: { p in
        guard progress else { return }
        let rate = p.elapsed > 0 ? Double(p.computedThisRun) / p.elapsed : 0
        let left = rate > 0 ? Double(p.total - p.done) / rate : 0
        printErrorInline("\(experiment.name): \(p.done)/\(p.total) work items (\(Int(100 * Double(p.done) / Double(max(p.total, 1))))%), \(fixed(rate, 2))/s, ETA \(clock(left))   ")
      }, whileLocked: {
        if progress { printErrorInline("\n") }
        if shardValue == .whole { let w = try writeReports(into: dir, benchmarks: benchmarks); reportFile = (w.path, w.answer) }
      })
      if let reportFile { index.append((experiment.name, experiment.question, reportFile.path, reportFile.answer)) }
      if report.wasComplete {
        printError("\(experiment.name): already complete (\(report.rows) trial rows, verified); \(shardValue == .whole ? "reports rewritten" : "nothing to do") → \(dir.path)")
        print(dir.path)
        continue
      }
      let crn = report.crn.map { ", CRN variance reduction ×\(fixed($0.factor, 1)) on \($0.metric)" } ?? ""
      printError("\(experiment.name): \(report.rows) trial rows in \(fixed(report.elapsed, 1)) s (\(fixed(report.customerWeeksPerSecond / 1e6, 2))M customer-weeks/s on \(threadCount) thread\(threadCount == 1 ? "" : "s")\(crn)) → \(dir.path)")
      print(dir.path)
    }
    if index.count > 1 {
      let root = out.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: "results")
      var md = ["# Sweetspot suite", "", "Each experiment's report, with the one-paragraph answer to its question.", ""]
      for e in index {
        let relative = e.report.path.hasPrefix(root.path + "/") ? String(e.report.path.dropFirst(root.path.count + 1)) : e.report.path
        md += ["## [\(e.name)](\(relative))", "", "**\(e.question)**", "", e.answer, ""]
      }
      let indexURL = root.appendingPathComponent("index.md")
      try RunDirectory(root).write(md.joined(separator: "\n"), to: indexURL)
      try RunDirectory(root).write(Report.suiteIndexHTML(index.map { e in
        let page = e.report.deletingPathExtension().appendingPathExtension("html").path
        return (e.name, e.question, page.hasPrefix(root.path + "/") ? String(page.dropFirst(root.path.count + 1)) : page, e.answer)
      }), to: root.appendingPathComponent("index.html"))
      printError("suite index → \(indexURL.path)")
      print(indexURL.path)
    }
  }

  func sources() throws -> [(String, String)] {
    if files.isEmpty { return [(DefaultSuite.text, DefaultSuite.file)] }
    return try files.map { f in
      guard let text = try? String(contentsOfFile: f, encoding: .utf8) else {
        throw InputError("\(f): cannot read the file (\(FileManager.default.fileExists(atPath: f) ? "not readable UTF-8 text" : "no such file"))")
      }
      return (text, f)
    }
  }

  func runID(_ shard: Shard) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
    let s = f.string(from: Date())
    return shard == .whole ? s : "\(s)-shard-\(shard.index)-of-\(shard.count)"
  }
}

/// The git commit of the working folder, if it is a checkout (recorded in manifests).
func gitCommit() -> String? {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["git", "rev-parse", "HEAD"]
  let pipe = Pipe()
  p.standardOutput = pipe
  p.standardError = FileHandle.nullDevice
  do { try p.run() } catch { return nil }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  guard p.terminationStatus == 0 else { return nil }
  let s = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  return s.count == 40 ? s : nil
}

func clock(_ seconds: Double) -> String {
  let s = Int(seconds.rounded())
  return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" : "\(s / 60):\(String(format: "%02d", s % 60))"
}
