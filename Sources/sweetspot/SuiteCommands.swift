import ArgumentParser
import Foundation
import SweetspotExperiment
import SweetspotModel

/// `sweetspot validate FILE...`: check experiment files without running them.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check experiment files without running them; exit 2 if any is invalid.",
    discussion: """
      Prints one line per valid file (its scenarios, strategies, trials and robustness worlds) \
      and one error per invalid file, naming the file, line and key.

      Examples:
        sweetspot validate experiments/*.toml
        sweetspot validate question.toml --set robustness.design=morris
      """)

  @Argument(help: ArgumentHelp("Experiment files (TOML).", valueName: "file"))
  var files: [String]

  @Option(name: .customLong("set"), help: ArgumentHelp("Override a key, as for run.", valueName: "key=value"))
  var overrides: [String] = []

  func run() throws {
    guard !files.isEmpty else { throw InputError("name at least one experiment file") }
    try Overrides.check(overrides)
    var failures = 0
    for f in files {
      do {
        guard let text = try? String(contentsOfFile: f, encoding: .utf8) else {
          throw InputError("\(f): cannot read the file (\(FileManager.default.fileExists(atPath: f) ? "not readable UTF-8 text" : "no such file"))")
        }
        let e = try ExperimentLoader.load(text: text, file: f, overrides: overrides)
        try Runner.checkResources(e)
        let scenarios = try e.scenarios().count
        var line = e.industry.map { i in
          "\(f): ok: \(e.name), \(counted(scenarios, "scenario")) × \(counted(e.trials, "industry", "industries")) of \(counted(i.firms, "firm")) drawn from \(counted(e.strategies.count, "strategy", "strategies"))"
        } ?? "\(f): ok: \(e.name), \(counted(scenarios, "scenario")) × \(counted(e.strategies.count, "strategy", "strategies")) × \(counted(e.trials, "trial"))"
        if let u = e.uncertainty {
          line += " (robustness: each market and sweep point has \(counted(u.worldCount, "sampled world")) of \(counted(u.dimensions, "assumption")) × \(counted(u.trialsPerWorld, "trial")) beside its nominal one)"
        }
        print(line)
      } catch let error as InputError {
        printError("sweetspot: \(error.message)"); failures += 1
      } catch {
        printError("sweetspot: \(error)"); failures += 1
      }
    }
    if failures > 0 { throw ExitCode(2) }
  }
}

/// `sweetspot list strategies|markets|metrics`.
struct List: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List the preset strategies, the markets, or the outcome metrics, with one-line descriptions.",
    discussion: """
      Examples:
        sweetspot list strategies
        sweetspot list metrics | grep -i csat
      """)

  @Argument(help: "What to list.")
  var what: ListKind

  func run() throws {
    switch what {
    case .strategies:
      let width = (Strategy.presets.map(\.name.count).max() ?? 0) + 2
      for s in Strategy.presets { print(padded(s.name, width) + s.summary) }
    case .markets:
      let width = (Market.presets.map(\.name.count).max() ?? 0) + 2
      for m in Market.presets { print(padded(m.name, width) + m.summary) }
    case .metrics:
      let width = (Metric.allCases.map(\.rawValue.count).max() ?? 0) + 2
      for m in Metric.allCases { print(padded(m.rawValue, width) + m.summary) }
    }
  }
}

/// `sweetspot merge DIR... --out DIR`: combine shards into one result.
struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Merge the result folders of shards 1 … N into one, byte-identical to an unsharded run.",
    discussion: """
      Verifies every shard first (its manifest's configuration, trials.csv's checksum, and that it \
      holds exactly its own scenario × strategy × trial rows) and refuses shards of different \
      experiments, seeds or versions, and incomplete or repeated sets. Writes the result files, \
      reports and figures an unsharded run writes, byte-identical to it (only manifest.json \
      differs). An interrupted merge is finished by running the same merge again. \
      --trajectories also writes trajectories.csv and figures/trajectories.{svg,pdf}, as \
      `run --trajectories` does for an unsharded run.

      Examples:
        sweetspot merge runs/shard-1 runs/shard-2 --out runs/merged
        sweetspot merge runs/shard-{1..8} -o runs/merged --trajectories -q
      """)

  @Argument(help: ArgumentHelp("Result folders of the shards.", valueName: "dir"))
  var directories: [String]

  @Option(name: [.short, .long], help: ArgumentHelp("The merged run folder (must not hold a run).", valueName: "dir"))
  var out: String

  @OptionGroup var trajectoryOptions: TrajectoryOptions

  @Flag(name: [.short, .long], help: QuietFlag.help)
  var quiet = false

  func run() throws {
    if out.isEmpty { throw InputError("--out is empty; name a folder for the merged run") }
    try trajectoryOptions.validate(enabled: trajectoryOptions.trajectories)
    if let empty = directories.first(where: \.isEmpty) { throw InputError("a shard folder name is empty ('\(empty)')") }
    let dir = URL(fileURLWithPath: out)
    let benchmarks = try loadBenchmarks(nil)
    var changed = 0
    // The reports are written while the folder is still locked, as `run` writes them.
    let report = try ExperimentRunner.merge(directories.map { URL(fileURLWithPath: $0) }, into: dir,
                                            toolVersion: Sweetspot.version, threads: activeProcessorCount(),
                                            whileLocked: {
      changed = try writeReports(into: dir, benchmarks: benchmarks, threads: activeProcessorCount()).changed
      if trajectoryOptions.trajectories {
        try writeTrajectories(into: dir, trials: trajectoryOptions.trajectoryTrials, threads: activeProcessorCount())
      }
    })
    if report.wasComplete {
      printError("\(out): already a complete merge of these shards (\(report.rows) trial rows, verified); \(reportsText(changed))")
      print(out)
      return
    }
    printError("merged \(directories.count) shard\(directories.count == 1 ? "" : "s"): \(report.rows) trial rows → \(out)")
    print(out)
  }
}

/// `-q/--quiet` for the commands beside `run` (merge, trajectories): what it means for `run`.
/// They draw no progress display, so it changes nothing in what they print; they take it so a
/// script can pass the same flags to every command (it was refused with exit 2).
enum QuietFlag {
  static let help = ArgumentHelp("No progress display (as for run; this command draws none); only the final one-line summary on stderr.")
}
