import ArgumentParser
import Foundation
import SweetspotExperiment

/// `sweetspot slurm FILE --shards N`: a Slurm job array that runs the experiment in N shards,
/// and a job that merges them once every shard has succeeded.
///
/// The scripts name the binary and the experiment file by absolute path and every folder under
/// `--out`, so they run from any working directory on any node that sees the same filesystem.
/// Each array task runs `sweetspot run FILE --shard auto --resume --out DIR/shard-K`: the shard
/// comes from the array (N is written once, in `--array`), a task that never started starts,
/// an interrupted one continues and a finished one is verified and left as it is, so the whole
/// array can always be resubmitted. `exec` makes sweetspot the batch shell itself, so
/// `--signal=B:TERM@120` (two minutes before the time limit) and `scancel --batch` reach it: it
/// checkpoints and exits 3. The merge is submitted with `--dependency=afterok:ARRAY` and
/// `--kill-on-invalid-dep=yes`, so a failed or interrupted shard cancels it instead of leaving it
/// pending for ever.
struct Slurm: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Write (or --submit) a Slurm job array running an experiment in N shards, and the job that merges them.",
    discussion: """
      Writes DIR/array.sbatch (tasks 1 … N, each `sweetspot run FILE --shard auto --resume --out \
      DIR/shard-K`) and DIR/merge.sbatch (`sweetspot merge DIR/shard-* --out DIR/merged`), logs \
      to DIR/logs/, and prints the two sbatch lines that submit them on stdout; with --submit \
      runs them and prints the two job ids. The merge waits for every task to succeed \
      (--dependency=afterok) and is cancelled if one fails (--kill-on-invalid-dep=yes). To \
      continue after a failed, cancelled or timed-out task, submit both again: finished shards \
      are verified and left as they are. Nodes need the same filesystem paths, libgsl, and the \
      Swift runtime at this binary's path unless it was built with `make install` (static \
      Swift standard library). Without --cpus-per-task each task uses the CPUs Slurm gives it.

      Examples:
        sweetspot slurm experiments/sweetspot.toml --shards 32 \\
          --time 02:00:00 --out runs/sweetspot
        sweetspot slurm experiments/showdown.toml --shards 8 \\
          --cpus-per-task 2 --submit
      """)

  @Argument(help: ArgumentHelp("The experiment file (TOML).", valueName: "file"))
  var file: String

  @Option(help: ArgumentHelp("Number of shards: array tasks 1 … N (at most the trials).", valueName: "n"))
  var shards: Int

  @Option(name: .customLong("cpus-per-task"), help: ArgumentHelp("CPUs per task (#SBATCH --cpus-per-task); default: omitted, the cluster's default.", valueName: "c"))
  var cpusPerTask: Int?

  @Option(help: ArgumentHelp("Time limit per task (#SBATCH --time), e.g. 90, 02:00:00, 1-12:00:00.", valueName: "t"))
  var time: String?

  @Option(help: ArgumentHelp("Partition (#SBATCH --partition).", valueName: "p"))
  var partition: String?

  @Option(help: ArgumentHelp("The job folder: scripts, logs/, shard-K/, merged/ (default: results/<experiment>/<time>-slurm).", valueName: "dir"))
  var out: String?

  @Option(name: .customLong("set"), help: ArgumentHelp("Override a key, as for run. Repeatable.", valueName: "key=value"))
  var overrides: [String] = []

  @Option(help: ArgumentHelp("Trials per strategy and scenario (overrides the file).", valueName: "n"))
  var trials: Int?

  @Option(help: ArgumentHelp("Experiment seed (overrides the file).", valueName: "n"))
  var seed: UInt64?

  @Flag(help: "Submit both jobs with sbatch and print their ids (array, then merge).")
  var submit = false

  func run() throws {
    guard shards >= 1 else { throw InputError("--shards must be a whole number ≥ 1; got \(shards)") }
    if let c = cpusPerTask, !(1...1024).contains(c) { throw InputError("--cpus-per-task must be a whole number in 1 ... 1024; got \(c)") }
    if let t = time, !Self.isSlurmTime(t) {
      throw InputError("--time '\(t)' is not a Slurm time limit; allowed: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S or UNLIMITED")
    }
    if let p = partition, p.isEmpty || !p.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_.,-".unicodeScalars.contains($0)) }) {
      throw InputError("--partition '\(p)' is not a partition name; allowed: letters, digits and _.,- (commas between several)")
    }
    if let t = trials, t < 2 || t > 1_000_000 { throw InputError("--trials must be a whole number in 2 ... 1000000; got \(t)") }
    var sets = overrides
    if let trials { sets.append("trials=\(trials)") }
    if let seed { sets.append("seed=\(seed)") }
    try Overrides.check(sets)
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw InputError("\(file): cannot read the file (\(FileManager.default.fileExists(atPath: file) ? "not readable UTF-8 text" : "no such file"))")
    }
    let experiment = try ExperimentLoader.load(text: text, file: file, overrides: sets)
    if shards > experiment.trials {
      throw InputError("--shards \(shards): at most the number of trials (\(experiment.trials)); more shards than trials leaves some empty")
    }
    try Runner.checkResources(experiment, shard: Shard(index: 1, count: shards))
    let sbatch = submit ? try Self.sbatchPath() : nil

    let dir = URL(fileURLWithPath: out ?? "results/\(experiment.name)/\(utcNow("yyyyMMdd'T'HHmmss'Z'"))-slurm").standardizedFileURL
    guard dir.path.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "_+=:,./-".unicodeScalars.contains($0)) }) else {
      throw InputError("--out '\(dir.path)' cannot go into #SBATCH lines; allowed: letters, digits and _+=:,./- (no spaces, quotes or %)")
    }
    let scripts = SlurmScripts(binary: Self.executablePath(), file: URL(fileURLWithPath: file).standardizedFileURL.path, sets: sets,
                               experiment: experiment.name, shards: shards, directory: dir.path, cpusPerTask: cpusPerTask,
                               time: time, partition: partition)
    try Self.prepare(dir)
    let folder = RunDirectory(dir)
    for (name, content) in [("array.sbatch", scripts.array), ("merge.sbatch", scripts.merge)] {
      try folder.write(content, to: dir.appendingPathComponent(name))
      chmod(dir.appendingPathComponent(name).path, 0o755)
    }
    guard let sbatch else {
      printError("wrote \(dir.path)/array.sbatch (\(shards) task\(shards == 1 ? "" : "s")) and merge.sbatch; submit them with the two lines on stdout (the result: \(dir.path)/merged)")
      print(scripts.submitLines.joined(separator: "\n"))
      return
    }
    let array = try Self.sbatch(sbatch, ["--parsable", scripts.arrayPath])
    let merge = try Self.sbatch(sbatch, ["--parsable", "--dependency=afterok:\(array)", "--kill-on-invalid-dep=yes", scripts.mergePath])
    printError("submitted array job \(array) (\(shards) task\(shards == 1 ? "" : "s")) and merge job \(merge) after it; the result: \(dir.path)/merged")
    print(array)
    print(merge)
  }

  /// Slurm's time formats: minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S, or unlimited.
  static func isSlurmTime(_ t: String) -> Bool {
    if ["unlimited", "infinite"].contains(t.lowercased()) { return true }
    func numbers(_ s: Substring, _ counts: ClosedRange<Int>) -> Bool {
      let parts = s.split(separator: ":", omittingEmptySubsequences: false)
      return counts.contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }
    let dash = t.split(separator: "-", omittingEmptySubsequences: false)
    switch dash.count {
    case 1: return numbers(dash[0], 1...3)
    case 2: return numbers(dash[0], 1...1) && numbers(dash[1], 1...3)
    default: return false
    }
  }

  /// The job folder must be new, empty, or one `sweetspot slurm` wrote (to write it again).
  static func prepare(_ dir: URL) throws {
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: dir.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else { throw InputError("--out \(dir.path) is a file; name a folder for the job") }
      let names = (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
      if !names.isEmpty && !names.contains("array.sbatch") {
        throw InputError("--out \(dir.path) is not empty and holds no sweetspot slurm job; choose a new or empty folder")
      }
    }
    do {
      try fm.createDirectory(at: dir.appendingPathComponent("logs"), withIntermediateDirectories: true)
    } catch {
      throw RunError(file: dir.path, message: "cannot create the job folder: \(RunDirectory.reason(error))")
    }
  }

  /// This binary's absolute path (the scripts run it on the nodes).
  static func executablePath() -> String {
    #if os(Linux)
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
    #endif
    return Bundle.main.executablePath ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
  }

  static func sbatchPath() throws -> String {
    let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    if let found = dirs.map({ "\($0)/sbatch" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return found }
    throw InputError("--submit: sbatch is not on PATH (not a Slurm submit host?); leave out --submit to write the scripts and print the sbatch lines")
  }

  /// Runs sbatch --parsable and returns the job id (`ID` of `ID;cluster`).
  static func sbatch(_ path: String, _ arguments: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = arguments
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    do { try p.run() } catch { throw RunError(file: path, message: "cannot run: \(RunDirectory.reason(error))") }
    let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    let id = o.split(separator: "\n").first.map { String($0.split(separator: ";").first ?? "") } ?? ""
    guard p.terminationStatus == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
      let why = e.split(separator: "\n").first.map(String.init) ?? "exit \(p.terminationStatus)"
      throw RunError(file: "sbatch \(arguments.last ?? "")", message: "failed: \(why)")
    }
    return id
  }
}

/// The text of the two job scripts and the lines that submit them (pure: tested as text).
struct SlurmScripts {
  let binary: String
  let file: String
  let sets: [String]
  let experiment: String
  let shards: Int
  let directory: String
  let cpusPerTask: Int?
  let time: String?
  let partition: String?

  var arrayPath: String { directory + "/array.sbatch" }
  var mergePath: String { directory + "/merge.sbatch" }

  /// `#SBATCH` lines both jobs share.
  private var limits: [String] {
    (time.map { ["#SBATCH --time=\($0)"] } ?? []) + (partition.map { ["#SBATCH --partition=\($0)"] } ?? [])
  }

  var array: String {
    let run = [binary, "run", file] + sets.flatMap { ["--set", $0] } + ["--shard", "auto", "--resume", "--out"]
    return ([
      "#!/bin/bash",
      "# Written by `sweetspot slurm`: experiment \(experiment), shard K of \(shards) in array task K.",
      "# Resubmitting the whole array is safe: finished shards are verified and left as they are,",
      "# interrupted ones continue from their checkpoints (exit 3 = stopped by SIGTERM, resumable).",
      "#SBATCH --job-name=sweetspot-\(experiment)",
      "#SBATCH --array=1-\(shards)",
      "#SBATCH --output=\(directory)/logs/slurm-%A_%a.out",
      "#SBATCH --signal=B:TERM@120",
    ] + (cpusPerTask.map { ["#SBATCH --cpus-per-task=\($0)"] } ?? []) + limits + [
      "exec " + run.map(shellQuoted).joined(separator: " ") + " \"\(directory)/shard-${SLURM_ARRAY_TASK_ID}\"",
    ]).joined(separator: "\n") + "\n"
  }

  var merge: String {
    ([
      "#!/bin/bash",
      "# Written by `sweetspot slurm`: merges the \(shards) shards of \(experiment) into \(directory)/merged.",
      "# Submit it with --dependency=afterok:ARRAY_JOB_ID --kill-on-invalid-dep=yes.",
      "#SBATCH --job-name=sweetspot-\(experiment)-merge",
      "#SBATCH --output=\(directory)/logs/slurm-%j-merge.out",
      "#SBATCH --kill-on-invalid-dep=yes",
    ] + limits + [
      "exec \(shellQuoted(binary)) merge \"\(directory)\"/shard-{1..\(shards)} --out \"\(directory)/merged\"",
    ]).joined(separator: "\n") + "\n"
  }

  /// What a user pastes to submit both (the merge after every array task has succeeded).
  var submitLines: [String] {
    ["array=$(sbatch --parsable \(arrayPath))",
     "sbatch --parsable --dependency=afterok:${array%%;*} --kill-on-invalid-dep=yes \(mergePath)"]
  }
}
