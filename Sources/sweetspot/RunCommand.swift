import ArgumentParser
import Foundation
import SweetspotExperiment
import SweetspotReport

/// `sweetspot run`: run experiment files (or the built-in default suite) into result folders.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run experiments: Monte Carlo trials of strategies in markets, into result folders.",
    discussion: """
      With no FILE, runs the built-in showdown suite (a copy of experiments/showdown.toml). Each run \
      writes trials.csv (one row per scenario × strategy × trial), summary.json and summary.csv \
      (per metric: n, mean, sd, 95% CI, quantiles) and manifest.json (configuration, versions, \
      timing) into results/<experiment>/<run-id>/, or into --out DIR. The run folder's path is \
      printed on stdout; progress goes to stderr.

      Results are byte-identical for any --threads and any sharding. Interrupted runs leave only \
      checkpoints; --resume --out DIR continues one (and finishes the reports of a run killed \
      after its results were written). --resume on a complete run verifies it and changes \
      nothing (exit 0), and on a new folder starts the run, so a whole job array can always be \
      resubmitted with --resume. SIGTERM or SIGINT (a Slurm time limit, scancel, Ctrl-C) \
      finishes the work items in flight, checkpoints every finished item and exits 3 with the \
      command that resumes the run; a progress line goes to stderr every second on a terminal, \
      every 30 s (SWEETSPOT_PROGRESS_INTERVAL) elsewhere. --trajectories also writes \
      trajectories.csv and figures/trajectories.{svg,pdf} (`sweetspot trajectories --help`). Shards: run --shard K/N for K = 1 … N (GNU parallel), \
      or --shard auto in a Slurm job array (`sweetspot slurm` writes the job scripts), then \
      `sweetspot merge`.

      --dry-run prints the resolved configuration (every value the run would use, as the \
      manifest records it) as JSON on stdout and runs nothing.

      Examples:
        sweetspot run
        sweetspot run experiments/sweetspot.toml -n 200 \\
          --set population.size=50000
        sweetspot run experiments/showdown.toml --shard 2/4 -o runs/shard-2
        sweetspot run experiments/sweetspot.toml --dry-run | jq .population
      """)

  @Argument(help: ArgumentHelp("Experiment files (TOML). Default: the built-in showdown suite.", valueName: "file"))
  var files: [String] = []

  @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Trials per strategy and scenario (overrides the file).", valueName: "n"))
  var trials: Int?

  @Option(help: ArgumentHelp("Experiment seed (overrides the file).", valueName: "n"))
  var seed: UInt64?

  @Option(help: ArgumentHelp("Sampled worlds of a robustness run (robustness.samples: worlds, Saltelli's base N or Morris trajectories; overrides the file); 0 runs the nominal world alone.", valueName: "n"))
  var worlds: Int?

  @Option(name: [.customShort("j"), .long], help: ArgumentHelp("Worker threads (default: SLURM_CPUS_PER_TASK if set, else the CPUs this process may run on). Results do not depend on it.", valueName: "n"))
  var threads: Int?

  @Option(name: [.short, .long], help: ArgumentHelp("The run folder (with several files: a parent folder, one subfolder per experiment).", valueName: "dir"))
  var out: String?

  @Option(name: .customLong("set"), help: ArgumentHelp("Override a key by its dotted path (e.g. population.size=50000). Repeatable.", valueName: "key=value"))
  var overrides: [String] = []

  @Option(help: ArgumentHelp("Run shard K of N: the trials t with t mod N = K − 1. 'auto' (the default inside a Slurm array task) takes K and N from SLURM_ARRAY_TASK_ID and the array's range.", valueName: "K/N|auto"))
  var shard: String?

  @Flag(help: "Continue an interrupted run in --out DIR from its checkpoints; a complete run is left as it is (exit 0), a missing or empty folder starts afresh.")
  var resume = false

  @Flag(name: [.short, .long], help: "No progress display (a redrawn line on a terminal, a plain line every 30 s or SWEETSPOT_PROGRESS_INTERVAL seconds elsewhere); only the final one-line summary on stderr.")
  var quiet = false

  @Flag(name: .customLong("dry-run"), help: "Print the resolved configuration (JSON, as in manifest.json) and exit without running.")
  var dryRun = false

  @OptionGroup var trajectoryOptions: TrajectoryOptions

  func run() throws {
    let environment = ProcessInfo.processInfo.environment
    let threadDefault = ThreadDefault.resolve(environment: environment)
    let threadCount = threads ?? threadDefault.count
    guard threadCount >= 1 && threadCount <= 1024 else {
      throw InputError("--threads must be a whole number in 1 ... 1024; got \(threadCount)")
    }
    if let t = trials, t < 2 || t > 1_000_000 { throw InputError("--trials must be a whole number in 2 ... 1000000; got \(t)") }
    let shardChoice = try ShardChoice.resolve(shard, environment: environment)
    let shardValue = shardChoice.shard
    try trajectoryOptions.validate(enabled: trajectoryOptions.trajectories)
    if trajectoryOptions.trajectories && shardValue != .whole {
      throw InputError("--trajectories needs every trial of the run, not shard \(shardValue): pass --trajectories to `sweetspot merge` instead")
    }
    let lineInterval = try ProgressReporter.lineInterval(environment: environment)
    if resume && out == nil { throw InputError("--resume needs --out DIR: the folder of the run to continue") }
    if out == "" { throw InputError("--out is empty; name a folder for the run") }
    var sets = overrides
    if let trials { sets.append("trials=\(trials)") }
    if let seed { sets.append("seed=\(seed)") }
    if let worlds { sets.append("robustness.samples=\(worlds)") }

    try Overrides.check(sets)
    // Load every file first, so a bad file stops the suite before anything runs.
    var experiments: [(Experiment, String)] = []
    for (text, file) in try sources() {
      let e = try ExperimentLoader.load(text: text, file: file, overrides: sets)
      if e.industry != nil && trajectoryOptions.trajectories { throw InputError("\(file): --trajectories: " + Trajectories.industryMessage) }
      experiments.append((e, SHA256.hex(text)))
    }
    if dryRun {
      // The configuration each run would record; one object, or an array for several files.
      for (e, _) in experiments { try Runner.checkResources(e) }
      let configurations = experiments.map(\.0.resolvedConfiguration)
      print((configurations.count == 1 ? configurations[0] : .array(configurations)).rendered())
      return
    }
    let names = experiments.map { $0.0.name }
    if Set(names).count != names.count && out != nil {
      throw InputError("two experiments are named alike (\(names.joined(separator: ", "))); their folders under --out would collide")
    }
    let progressMode: ProgressReporter.Mode = quiet ? .off : isatty(2) == 1 ? .terminal : .lines
    if !quiet, threads == nil, let note = threadDefault.note { printError("sweetspot: note: \(note)") }
    if !quiet, shardChoice.fromArray { printError("sweetspot: shard \(shardValue) from the Slurm array task (SLURM_ARRAY_TASK_ID=\(environment[Shard.arrayTaskVariable] ?? "?"))") }
    // SIGTERM/SIGINT: finish the items in flight, checkpoint, exit 3 (see StopSignals).
    let signals = StopSignals { sig in
      if progressMode == .terminal { printErrorInline("\n") }  // below the redrawn progress line
      return "sweetspot: \(StopSignals.name(sig)): finishing the work items in flight, then checkpointing (again to stop at once)"
    }
    let benchmarks = try loadBenchmarks(nil)
    var index: [(name: String, question: String, report: URL, answer: String)] = []
    for (experiment, hash) in experiments {
      let dir: URL
      if let out {
        dir = experiments.count == 1 ? URL(fileURLWithPath: out) : URL(fileURLWithPath: out).appendingPathComponent(experiment.name)
      } else {
        dir = URL(fileURLWithPath: "results").appendingPathComponent(experiment.name).appendingPathComponent(runID(shardValue))
      }
      var options = RunOptions(threads: threadCount, shard: shardValue, resume: resume, directory: dir,
                               toolVersion: Sweetspot.version, gitCommit: buildGitCommit, overrides: sets, fileHash: hash)
      options.interruption = signals.interruption
      options.counter = WorkCounter()
      let reporter = ProgressReporter(name: experiment.name, counter: options.counter!, mode: progressMode, lineInterval: lineInterval)
      reporter.start()
      defer { reporter.finish() }
      var reportFile: (path: URL, answer: String)?
      var reportsChanged = 0
      let report: RunReport
      do {
        // The reports are written while the folder is still locked: no other writer can interleave.
        report = try ExperimentRunner.run(experiment, options: options, whileLocked: {
          reporter.finish()
          if shardValue == .whole {
            let w = try writeReports(into: dir, benchmarks: benchmarks, threads: threadCount)
            reportFile = (w.path, w.answer)
            reportsChanged = w.changed
            if trajectoryOptions.trajectories { try writeTrajectories(into: dir, trials: trajectoryOptions.trajectoryTrials, threads: threadCount) }
          }
        })
      } catch let stop as Interrupted {
        reporter.finish()
        let later = experiments.drop { $0.0.name != experiment.name }.dropFirst().map { $0.0.file }
        printError("sweetspot: interrupted (\(StopSignals.name(stop.signal))) with \(stop.itemsKept)/\(stop.items) work items checkpointed: resume with `\(resumeCommand(experiment, shard: shardValue, sets: sets, dir: dir, later: later))`")
        throw ExitCode(interruptedExitCode)
      }
      if let reportFile { index.append((experiment.name, experiment.question, reportFile.path, reportFile.answer)) }
      if report.wasComplete {
        printError("\(experiment.name): already complete (\(report.rows) trial rows, verified); \(shardValue == .whole ? reportsText(reportsChanged) : "nothing to do") → \(dir.path)")
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

  /// The command that continues `experiment` in `dir` after an interruption, ready to paste:
  /// its file (none for the built-in suite), every override (`--trials` and `--seed` as the
  /// `--set` they amount to, so the run's fingerprint is the same), its shard, `--resume --out`.
  /// Of several files run into one `--out` folder, every file again (the finished ones are
  /// verified and left alone, `later`, the files not yet started, run, and the suite index is
  /// written); without `--out`, this run's resume and then the files not yet started.
  func resumeCommand(_ experiment: Experiment, shard: Shard, sets: [String], dir: URL, later: [String] = []) -> String {
    let tail = sets.flatMap { ["--set", $0] } + (shard == .whole ? [] : ["--shard", shard.description])
    func command(_ words: [String]) -> String { words.map(shellQuoted).joined(separator: " ") }
    if files.count > 1, let out {
      return command([CommandLine.arguments[0], "run"] + files + tail + ["--resume", "--out", URL(fileURLWithPath: out).path])
    }
    let this = command([CommandLine.arguments[0], "run"] + (files.isEmpty ? [] : [experiment.file]) + tail + ["--resume", "--out", dir.path])
    return later.isEmpty ? this : this + "`, then `" + command([CommandLine.arguments[0], "run"] + later + tail)
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

func clock(_ seconds: Double) -> String {
  let s = Int(seconds.rounded())
  return s >= 3600 ? "\(s / 3600)h\(String(format: "%02d", (s % 3600) / 60))m" : "\(s / 60):\(String(format: "%02d", s % 60))"
}
