import Testing
import Foundation

/// Issue 18 from the shell: a run knows its shard and thread count from a Slurm job, stops at
/// SIGTERM with a resumable checkpoint, resumes idempotently, shows progress in a log, and
/// `sweetspot slurm` writes the job scripts.
@Suite(.serialized) struct ScaleOutTests {
  let work: URL

  init() throws {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-scaleout-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try RunCommandTests.experiment.write(to: work.appendingPathComponent("tiny.toml"), atomically: true, encoding: .utf8)
  }

  func path(_ name: String) -> String { work.appendingPathComponent(name).path }

  func run(_ args: [String], environment: [String: String] = [:], launcher: [String] = []) throws -> CLIResult {
    try CLI.run(args, in: work, environment: environment, launcher: launcher)
  }

  func manifest(_ dir: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path("\(dir)/manifest.json")))) as! [String: Any]
  }

  /// Every file under `dir` with its bytes and modification time (the lock file aside).
  func snapshot(_ dir: String) throws -> [String: (Data, Date)] {
    var files: [String: (Data, Date)] = [:]
    for case let name as String in FileManager.default.enumerator(atPath: path(dir))! where name != ".sweetspot.lock" {
      let full = path("\(dir)/\(name)")
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
      let date = try FileManager.default.attributesOfItem(atPath: full)[.modificationDate] as! Date
      files[name] = (try Data(contentsOf: URL(fileURLWithPath: full)), date)
    }
    return files
  }

  func sameSnapshot(_ a: [String: (Data, Date)], _ b: [String: (Data, Date)]) -> Bool {
    a.keys.sorted() == b.keys.sorted() && a.allSatisfy { b[$0.key]!.0 == $0.value.0 && b[$0.key]!.1 == $0.value.1 }
  }

  func results(_ dir: String) throws -> [Data] {
    try ["trials.csv", "summary.json", "summary.csv"].map { try Data(contentsOf: URL(fileURLWithPath: path("\(dir)/\($0)"))) }
  }

  static func array(_ id: Int, _ min: Int, _ max: Int) -> [String: String] {
    ["SLURM_ARRAY_TASK_ID": "\(id)", "SLURM_ARRAY_TASK_MIN": "\(min)", "SLURM_ARRAY_TASK_MAX": "\(max)",
     "SLURM_ARRAY_TASK_COUNT": "\(max - min + 1)", "SLURM_ARRAY_TASK_STEP": "1"]
  }

  @Test func anArrayTaskTakesItsShardFromTheEnvironmentWhateverTheBase() throws {
    #expect(try run(["run", "tiny.toml", "--out", "whole", "--quiet"]).status == 0)
    // --array=0-2 with no --shard, then --array=1-3 with --shard auto: shards 1/3 … 3/3 either way.
    for id in 0...2 {
      let r = try run(["run", "tiny.toml", "--out", "zero-\(id)"], environment: Self.array(id, 0, 2))
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stderr.contains("shard \(id + 1)/3 from the Slurm array task (SLURM_ARRAY_TASK_ID=\(id))"), "\(r.stderr)")
      #expect(try manifest("zero-\(id)")["shard"] as? String == "\(id + 1)/3")
      let auto = try run(["run", "tiny.toml", "--shard", "auto", "--out", "one-\(id + 1)", "--quiet"], environment: Self.array(id + 1, 1, 3))
      #expect(auto.status == 0 && !auto.stderr.contains("from the Slurm array task"), "\(auto.stderr)")
      #expect(try manifest("one-\(id + 1)")["shard"] as? String == "\(id + 1)/3")
    }
    let merged = try run(["merge", "zero-1", "zero-0", "zero-2", "--out", "merged"])
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(try results("merged") == results("whole"))
    // An explicit shard wins; --shard 1/1 runs the whole experiment inside an array task.
    #expect(try run(["run", "tiny.toml", "--shard", "2/3", "--out", "explicit", "--quiet"], environment: Self.array(0, 0, 2)).status == 0)
    #expect(try manifest("explicit")["shard"] as? String == "2/3")
  }

  static let shardRefusals: [([String], [String: String], String)] = [
    (["--shard", "auto"], [:], "--shard auto: SLURM_ARRAY_TASK_ID is not set (not a task of a Slurm job array); give --shard K/N instead"),
    (["--shard", "auto"], ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "4", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_STEP": "2"], "the array steps by 2"),
    ([], ["SLURM_ARRAY_TASK_ID": "2"], "--shard (not given in a Slurm array task, so auto): SLURM_ARRAY_TASK_MIN is not set"),
    ([], array(0, 0, 6), "'1/7': N may be at most the number of trials (6)"),
  ]

  @Test(arguments: shardRefusals)
  func aMissingOrInconsistentArrayIsBadInput(extra: [String], environment: [String: String], mentions: String) throws {
    let r = try run(["run", "tiny.toml", "--out", "never", "--quiet"] + extra, environment: environment)
    #expect(r.status == 2, "\(r.stderr)")
    #expect(r.stderr.contains(mentions) && r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: path("never")))
  }

  @Test func threadsDefaultToSlurmCPUsPerTaskOrTheAffinityMask() throws {
    #expect(try run(["run", "tiny.toml", "--out", "three", "--quiet"], environment: ["SLURM_CPUS_PER_TASK": "3"]).status == 0)
    #expect(try manifest("three")["threads"] as? Int == 3)
    let bad = try run(["run", "tiny.toml", "--out", "bad"], environment: ["SLURM_CPUS_PER_TASK": "lots"])
    #expect(bad.status == 0 && bad.stderr.contains("note: SLURM_CPUS_PER_TASK='lots' is not a whole number in 1 ... 1024; using the"), "\(bad.stderr)")
    #expect(try run(["run", "tiny.toml", "--out", "given", "--threads", "2", "--quiet"], environment: ["SLURM_CPUS_PER_TASK": "3"]).status == 0)
    #expect(try manifest("given")["threads"] as? Int == 2)
    #expect(try results("three") == results("given"))
  }

  static let taskset = ["/usr/bin/taskset", "/bin/taskset"].first { FileManager.default.isExecutableFile(atPath: $0) }

  @Test(.enabled(if: taskset != nil, "needs taskset (util-linux)"))
  func oneAllowedCPUMeansOneThread() throws {
    let r = try run(["run", "tiny.toml", "--out", "pinned"], launcher: [Self.taskset!, "-c", "0"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try manifest("pinned")["threads"] as? Int == 1)
    #expect(r.stderr.contains("on 1 thread,") || r.stderr.contains("on 1 thread)"), "\(r.stderr)")
  }

  @Test func resumeOfACompleteRunOrShardChangesNothingAndResumeOfANewFolderStartsIt() throws {
    for (dir, extra) in [("done", [String]()), ("shard", ["--shard", "2/3"])] {
      #expect(try run(["run", "tiny.toml", "--out", dir, "--quiet"] + extra).status == 0)
      let before = try snapshot(dir)
      let again = try run(["run", "tiny.toml", "--out", dir, "--resume", "--quiet"] + extra)
      #expect(again.status == 0 && again.stderr.contains("already complete"), "\(again.stderr)")
      #expect(sameSnapshot(before, try snapshot(dir)), "\(dir): a file was rewritten")
    }
    let fresh = try run(["run", "tiny.toml", "--out", "new/run", "--resume", "--quiet"])
    #expect(fresh.status == 0, "\(fresh.stderr)")
    #expect(try results("new/run") == results("done"))
  }

  /// Starts the binary and returns it with its stderr pipe.
  func start(_ args: [String], environment: [String: String] = [:]) throws -> (Process, Pipe) {
    let p = Process()
    p.executableURL = CLI.binary
    p.currentDirectoryURL = work
    p.arguments = args
    p.environment = CLI.hermetic(environment)
    let err = Pipe()
    p.standardOutput = FileHandle.nullDevice
    p.standardError = err
    try p.run()
    return (p, err)
  }

  @Test func sigtermMidRunLeavesACheckpointAndTheCommandThatResumesItToTheSameBytes() throws {
    let args = ["run", "tiny.toml", "--trials", "24", "--threads", "1", "--quiet"]  // 48 items: chunks of 16, 16, 16
    #expect(try run(args + ["--out", "straight"]).status == 0)
    let (p, err) = try start(args + ["--out", "stopped"])
    var waited = 0
    while waited < 4000 {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path("stopped/checkpoints"))) ?? []
      if names.contains(where: { $0.hasPrefix("chunk-") }) { break }
      usleep(5000)
      waited += 1
    }
    kill(p.processIdentifier, SIGTERM)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationReason == .exit && p.terminationStatus == 3, "\(p.terminationReason.rawValue) \(p.terminationStatus) \(stderr)")
    #expect(stderr.contains("sweetspot: SIGTERM: finishing the work items in flight"), "\(stderr)")
    #expect(!FileManager.default.fileExists(atPath: path("stopped/manifest.json")), "finished before the signal: make the run longer")
    #expect(FileManager.default.fileExists(atPath: path("stopped/checkpoints/chunk-000000.csv")))
    // The printed command, pasted into a shell, finishes the run to the uninterrupted bytes.
    let line = try #require(stderr.split(separator: "\n").first { $0.contains("interrupted (SIGTERM) with") }, "\(stderr)")
    let command = try #require(line.split(separator: "`").dropFirst().first.map(String.init))
    #expect(command.hasPrefix(CLI.binary.path + " run tiny.toml --set trials=24 --resume --out "), "\(command)")
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = ["-c", command + " --quiet"]
    shell.currentDirectoryURL = work
    shell.environment = CLI.hermetic([:])
    shell.standardOutput = FileHandle.nullDevice
    try shell.run()
    shell.waitUntilExit()
    #expect(shell.terminationStatus == 0)
    #expect(try results("stopped") == results("straight"))
  }

  /// Several files into one --out folder, stopped during the first: the printed command names
  /// every file again, so pasting it finishes the stopped run, runs the others and writes the index.
  @Test func aStoppedSuiteResumesWithEveryFile() throws {
    try RunCommandTests.experiment.replacingOccurrences(of: "name = \"tiny\"", with: "name = \"second\"")
      .write(to: work.appendingPathComponent("second.toml"), atomically: true, encoding: .utf8)
    let (p, err) = try start(["run", "tiny.toml", "second.toml", "--trials", "24", "--threads", "1", "--quiet", "--out", "suite"])
    var waited = 0
    while waited < 4000 {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path("suite/tiny/checkpoints"))) ?? []
      if names.contains(where: { $0.hasPrefix("chunk-") }) { break }
      usleep(5000)
      waited += 1
    }
    kill(p.processIdentifier, SIGTERM)
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 3, "\(stderr)")
    let line = try #require(stderr.split(separator: "\n").first { $0.contains("interrupted (SIGTERM) with") }, "\(stderr)")
    let command = try #require(line.split(separator: "`").dropFirst().first.map(String.init))
    #expect(command.hasPrefix(CLI.binary.path + " run tiny.toml second.toml --set trials=24 --resume --out "), "\(command)")
    let shell = Process()
    shell.executableURL = URL(fileURLWithPath: "/bin/sh")
    shell.arguments = ["-c", command + " --quiet"]
    shell.currentDirectoryURL = work
    shell.environment = CLI.hermetic([:])
    shell.standardOutput = FileHandle.nullDevice
    try shell.run()
    shell.waitUntilExit()
    #expect(shell.terminationStatus == 0)
    #expect(FileManager.default.fileExists(atPath: path("suite/second/manifest.json")) && FileManager.default.fileExists(atPath: path("suite/index.md")))
  }

  @Test func progressLinesAppearOnANonTerminalStderrAndQuietSilencesThem() throws {
    let args = ["run", "tiny.toml", "--trials", "20", "--threads", "1"]
    let r = try run(args + ["--out", "shown"], environment: ["SWEETSPOT_PROGRESS_INTERVAL": "0.1"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix("[") && $0.contains("Z] tiny: ") && $0.contains("/40 work items (") }
    #expect(lines.count >= 2, "\(r.stderr)")
    #expect(!r.stderr.contains("\r"), "no terminal redraws in a log")
    let quiet = try run(args + ["--out", "quiet", "--quiet"], environment: ["SWEETSPOT_PROGRESS_INTERVAL": "0.1"])
    #expect(quiet.status == 0 && !quiet.stderr.contains("work items ("), "\(quiet.stderr)")
    let bad = try run(args + ["--out", "never"], environment: ["SWEETSPOT_PROGRESS_INTERVAL": "0"])
    #expect(bad.status == 2 && bad.stderr.contains("SWEETSPOT_PROGRESS_INTERVAL='0' is not a number of seconds in 0.1 ... 86400"), "\(bad.stderr)")
  }

  @Test func slurmWritesTheArrayAndMergeScriptsAndPrintsTheSbatchLines() throws {
    let r = try run(["slurm", "tiny.toml", "--shards", "3", "--out", "job", "--time", "01:30:00", "--partition", "short",
                     "--cpus-per-task", "2", "--set", "population.size=600"])
    #expect(r.status == 0, "\(r.stderr)")
    let job = URL(fileURLWithPath: path("job")).standardizedFileURL.path
    let array = try String(contentsOfFile: path("job/array.sbatch"), encoding: .utf8)
    let merge = try String(contentsOfFile: path("job/merge.sbatch"), encoding: .utf8)
    for line in ["#!/bin/bash", "#SBATCH --array=1-3", "#SBATCH --cpus-per-task=2", "#SBATCH --time=01:30:00", "#SBATCH --partition=short",
                 "#SBATCH --signal=B:TERM@120", "#SBATCH --output=\(job)/logs/slurm-%A_%a.out",
                 "exec \(CLI.binary.resolvingSymlinksInPath().path) run \(job.replacingOccurrences(of: "/job", with: ""))/tiny.toml --set population.size=600 --shard auto --resume --out \"\(job)/shard-${SLURM_ARRAY_TASK_ID}\""] {
      #expect(array.split(separator: "\n").contains(Substring(line)), "array.sbatch lacks: \(line)\n\(array)")
    }
    for line in ["#SBATCH --kill-on-invalid-dep=yes", "#SBATCH --time=01:30:00",
                 "exec \(CLI.binary.resolvingSymlinksInPath().path) merge \"\(job)\"/shard-{1..3} --out \"\(job)/merged\""] {
      #expect(merge.split(separator: "\n").contains(Substring(line)), "merge.sbatch lacks: \(line)\n\(merge)")
    }
    #expect(r.stdout == "array=$(sbatch --parsable \(job)/array.sbatch)\nsbatch --parsable --dependency=afterok:${array%%;*} --kill-on-invalid-dep=yes \(job)/merge.sbatch\n")
    #expect(FileManager.default.isExecutableFile(atPath: path("job/array.sbatch")))
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: path("job/logs"), isDirectory: &isDirectory) && isDirectory.boolValue)
    // Without --cpus-per-task the scripts leave it to the cluster (and sweetspot to its CPU set).
    #expect(try run(["slurm", "tiny.toml", "--shards", "2", "--out", "plain"]).status == 0)
    #expect(!(try String(contentsOfFile: path("plain/array.sbatch"), encoding: .utf8)).contains("cpus-per-task"))
  }

  @Test func slurmSubmitRunsSbatchForTheArrayThenTheMergeAfterIt() throws {
    // A stand-in sbatch that logs its arguments and answers job ids as `sbatch --parsable` does.
    let bin = path("fakebin")
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try "#!/bin/sh\necho \"$*\" >> \"$(dirname \"$0\")/calls\"\nn=$(wc -l < \"$(dirname \"$0\")/calls\")\necho $((40 + n))\\;cluster\n"
      .write(toFile: bin + "/sbatch", atomically: true, encoding: .utf8)
    chmod(bin + "/sbatch", 0o755)
    let r = try run(["slurm", "tiny.toml", "--shards", "2", "--out", "job", "--submit"], environment: ["PATH": bin + ":/usr/bin:/bin"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "41\n42\n")
    let job = URL(fileURLWithPath: path("job")).standardizedFileURL.path
    #expect(try String(contentsOfFile: bin + "/calls", encoding: .utf8)
            == "--parsable \(job)/array.sbatch\n--parsable --dependency=afterok:41 --kill-on-invalid-dep=yes \(job)/merge.sbatch\n")
    let none = try run(["slurm", "tiny.toml", "--shards", "2", "--out", "job2", "--submit"], environment: ["PATH": path("nothing")])
    #expect(none.status == 2 && none.stderr.contains("--submit: sbatch is not on PATH"), "\(none.stderr)")
  }

  static let slurmRefusals: [([String], String)] = [
    (["--shards", "7"], "--shards 7: at most the number of trials (6)"),
    (["--shards", "0"], "--shards must be a whole number ≥ 1"),
    (["--shards", "2", "--time", "2h"], "--time '2h' is not a Slurm time limit"),
    (["--shards", "2", "--partition", "a b"], "--partition 'a b' is not a partition name"),
    (["--shards", "2", "--cpus-per-task", "0"], "--cpus-per-task must be a whole number in 1 ... 1024"),
    (["--shards", "2", "--out", "with space"], "cannot go into #SBATCH lines"),
    (["--shards", "2", "--set", "population.size=-1"], "population.size: -1 is out of range"),
  ]

  @Test(arguments: slurmRefusals)
  func slurmRefusesBadInputWithExitTwo(extra: [String], mentions: String) throws {
    let r = try run(["slurm", "tiny.toml"] + extra)
    #expect(r.status == 2 && r.stderr.contains(mentions), "\(r.status) \(r.stderr)")
    #expect(r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr)")
  }
}
