import ArgumentParser
import Foundation
import SweetspotExperiment
import SweetspotReport

/// `sweetspot trajectories RESULTS_DIR`: trajectories.csv and its figure for a finished run.
struct TrajectoriesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "trajectories",
    abstract: "Write trajectories.csv (week-by-week state per scenario × strategy × trial) and figures/trajectories.{svg,pdf} for a finished run.",
    discussion: """
      Re-simulates the run's trials with recording on (trials are pure functions of the \
      configuration, seed and trial index, so the paths are those of the run) and writes, \
      atomically and holding the folder's lock, trajectories.csv: one row per scenario × \
      strategy × trial × week with customers, churn, acquisition, CSAT, NPS, service level, \
      abandonment, agents, burnout, the levers in effect (what an adaptive strategy moves), \
      revenue, service cost and cash flow; and figures/trajectories.svg and .pdf: the median \
      path and 10–90% band per strategy in the first scenario. The same files come from \
      `run --trajectories` and `merge --trajectories`, byte-identical for any --threads; \
      the reports are then written again, linking the figure.

      Examples:
        sweetspot trajectories results/showdown/20260101T000000Z
        sweetspot trajectories runs/merged --trajectory-trials 20 -q
      """)

  @Argument(help: ArgumentHelp("A finished, unsharded run folder (a merge of shards is one).", valueName: "results-dir"))
  var directory: String

  // Only the trial limit: this command always writes trajectories, so run's and merge's
  // --trajectories flag (which points here) has no place in its help.
  @Option(name: .customLong("trajectory-trials"), help: TrajectoryOptions.trialsHelp)
  var trajectoryTrials: Int?

  @Option(name: [.customShort("j"), .long], help: ArgumentHelp("Worker threads (default: the CPUs this process may run on). The file does not depend on it.", valueName: "n"))
  var threads: Int?

  @Flag(name: [.short, .long], help: QuietFlag.help)
  var quiet = false

  func run() throws {
    let threadCount = threads ?? activeProcessorCount()
    guard threadCount >= 1 && threadCount <= 1024 else {
      throw InputError("--threads must be a whole number in 1 ... 1024; got \(threadCount)")
    }
    try TrajectoryOptions.check(trials: trajectoryTrials, enabled: true)
    let dir = URL(fileURLWithPath: directory)
    let folder = RunDirectory(dir)
    // Not a finished run: say so without creating the folder or leaving a lock file in it.
    if !FileManager.default.fileExists(atPath: folder.manifest.path) { _ = try FinishedRun(dir) }
    let lock = try folder.lock()
    defer { withExtendedLifetime(lock) {} }
    let written = try writeTrajectories(into: dir, trials: trajectoryTrials, threads: threadCount)
    printError("\(directory): \(written.joined(separator: ", ")) written")
    print(directory)
  }
}

/// `--trajectories` and `--trajectory-trials N`, shared by run and merge (and the latter by
/// `sweetspot trajectories`).
struct TrajectoryOptions: ParsableArguments {
  @Flag(help: "Also write trajectories.csv (week-by-week state per scenario × strategy × trial × week) and figures/trajectories.{svg,pdf}; see `sweetspot trajectories --help`.")
  var trajectories = false

  @Option(name: .customLong("trajectory-trials"), help: TrajectoryOptions.trialsHelp)
  var trajectoryTrials: Int?

  static let trialsHelp = ArgumentHelp("Record only the first N trials of each scenario in trajectories.csv (default: all).", valueName: "n")

  /// `enabled`: whether trajectories will be written (the flag, or the subcommand).
  func validate(enabled: Bool) throws { try TrajectoryOptions.check(trials: trajectoryTrials, enabled: enabled) }

  /// The trial limit's checks, shared with `sweetspot trajectories`.
  static func check(trials trajectoryTrials: Int?, enabled: Bool) throws {
    if let n = trajectoryTrials {
      guard n >= 1 && n <= 1_000_000 else { throw InputError("--trajectory-trials must be a whole number in 1 ... 1000000; got \(n)") }
      guard enabled else { throw InputError("--trajectory-trials \(n) needs --trajectories (it limits the trials trajectories.csv records)") }
    }
  }
}

/// Writes trajectories.csv and figures/trajectories.{svg,pdf} into a finished whole run's folder
/// (`run --trajectories`, `merge --trajectories` and `sweetspot trajectories` all call it, with
/// the folder locked). The run is read back and verified first; its trials are re-simulated with
/// recording on, so the files are the same whatever wrote them. The reports are then written
/// again, so every format links the figure, and `report --write` afterwards writes the same
/// bytes (it finds the figure too). Returns the files written.
@discardableResult
func writeTrajectories(into dir: URL, trials: Int?, threads: Int) throws -> [String] {
  let run = try FinishedRun(dir)
  guard run.shard == .whole else {
    throw InputError("\(dir.path) is shard \(run.shard) of a run; trajectories need every trial: merge the shards with `sweetspot merge … --trajectories`")
  }
  guard run.experiment.industry == nil else { throw InputError(Trajectories.industryMessage) }
  let t = try Trajectories(runner: Runner(experiment: run.experiment), trials: trials, threads: threads)
  let folder = RunDirectory(dir)
  let figures = dir.appendingPathComponent(Report.figureFolder)
  do { try FileManager.default.createDirectory(at: figures, withIntermediateDirectories: true) } catch {
    throw RunError(file: figures.path, message: "cannot create the folder: \((error as NSError).localizedDescription)")
  }
  let figure = TrajectoryFigure.figure(t)
  let files = [(Trajectories.file, t.csv), ("\(Report.figureFolder)/\(figure.name).svg", figure.svg), ("\(Report.figureFolder)/\(figure.name).pdf", figure.pdf)]
  for (path, text) in files { try folder.write(text, to: dir.appendingPathComponent(path)) }
  let reports = try writeReports(into: dir, benchmarks: try loadBenchmarks(nil), threads: threads)
  return files.map(\.0) + reports.files.filter { !$0.hasPrefix(Report.figureFolder + "/") }
}
