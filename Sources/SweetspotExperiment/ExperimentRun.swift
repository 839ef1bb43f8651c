import Foundation
import SweetspotModel
import SweetspotNumerics

/// How to run an experiment: everything that may differ between runs without changing results
/// (threads) or that selects which results (shard), and the facts recorded in the manifest.
public struct RunOptions: Sendable {
  public var threads: Int
  public var shard: Shard
  public var resume: Bool
  public var directory: URL
  public var toolVersion: String
  public var gitCommit: String?
  public var overrides: [String]
  public var fileHash: String
  /// Raised to stop the run cleanly after the items in flight (`Interrupted` is then thrown).
  public var interruption: Interruption?
  /// Counts items as they end, for a progress display on a timer.
  public var counter: WorkCounter?

  public init(threads: Int, shard: Shard = .whole, resume: Bool = false, directory: URL, toolVersion: String,
              gitCommit: String? = nil, overrides: [String] = [], fileHash: String) {
    self.threads = threads
    self.shard = shard
    self.resume = resume
    self.directory = directory
    self.toolVersion = toolVersion
    self.gitCommit = gitCommit
    self.overrides = overrides
    self.fileHash = fileHash
  }
}

/// Progress after each chunk: items done of total, and the time since this run started.
public struct Progress: Sendable {
  public let done: Int
  public let total: Int
  public let computedThisRun: Int
  public let elapsed: Double
}

/// What a finished run reports on its one-line summary.
public struct RunReport: Sendable {
  public let directory: URL
  public let items: Int
  public let rows: Int
  public let elapsed: Double
  public let customerWeeksPerSecond: Double
  public let crn: CRNMeasurement?
  /// `--resume` found the run already complete: it was verified and nothing was recomputed.
  public var wasComplete = false
}

public enum ExperimentRunner {
  /// Runs (or resumes) `experiment` into `options.directory`, holding the folder's lock from the
  /// start to the end of `whileLocked` (called after the result files are written, e.g. to
  /// write the reports). Checkpoints are verified before use: each must be whole, unedited,
  /// of this run and hold exactly its chunk's rows.
  public static func run(_ experiment: Experiment, options: RunOptions, progress: (Progress) -> Void = { _ in },
                         whileLocked: () throws -> Void = {}) throws -> RunReport {
    let runner = try Runner(experiment: experiment, shard: options.shard)
    let dir = RunDirectory(options.directory)
    let fingerprint = Self.fingerprint(experiment, options: options)
    let lock = try dir.lock()
    defer { withExtendedLifetime(lock) {} }
    if options.resume && FileManager.default.fileExists(atPath: dir.manifest.path) {
      // Killed after the manifest, before the reports: verify the run and finish it.
      let finished = try FinishedRun(options.directory)
      guard finished.experiment.configurationHash == experiment.configurationHash, finished.shard == options.shard,
            finished.version == options.toolVersion else {
        throw ExperimentError(file: options.directory.path, message: "holds a complete run of a different experiment, seed, shard or version; nothing to resume")
      }
      try whileLocked()
      var report = RunReport(directory: options.directory, items: runner.items.count, rows: finished.table.rows.count, elapsed: 0,
                             customerWeeksPerSecond: 0, crn: nil)
      report.wasComplete = true
      return report
    }
    let done = try dir.prepare(options.resume ? .resume : .fresh, fingerprint: fingerprint)
    let started = Date()
    let clock = DispatchTime.now().uptimeNanoseconds
    var table = ResultTable(runner: runner)
    // Checkpoints from an interrupted run: verify them and parse them back into rows.
    var doneItems = 0
    for k in done.sorted() {
      guard k < runner.chunkCount else {
        throw ExperimentError(file: dir.chunkFile(k).path, message: "is not a checkpoint of this run (it has \(runner.chunkCount) chunks, 0 … \(runner.chunkCount - 1)); remove it and --resume again")
      }
      let rows = try dir.readChunk(k, fingerprint: fingerprint)
      for row in try table.parse(rows, source: dir.chunkFile(k).path, header: false, expected: table.keys(runner.chunk(k)), firstLine: 2) {
        table.add(row)
      }
      doneItems += runner.chunk(k).count
    }
    // Part checkpoints: the items of a chunk a stopped run finished (a part beside its chunk's
    // whole checkpoint is left over from a run stopped between writing one and removing the other).
    var parts: [Int: (items: Set<Int>, rows: [ResultTable.Row])] = [:]
    for k in try dir.partlyDoneChunks().sorted() {
      if done.contains(k) { dir.removePart(k); continue }
      let source = dir.partFile(k).path
      guard k < runner.chunkCount else {
        throw ExperimentError(file: source, message: "is not a checkpoint of this run (it has \(runner.chunkCount) chunks, 0 … \(runner.chunkCount - 1)); remove it and --resume again")
      }
      let (places, text) = try dir.readPart(k, fingerprint: fingerprint)
      let chunk = runner.chunk(k)
      guard places.allSatisfy({ $0 < chunk.count }) else {
        throw ExperimentError(file: source, message: "names items beyond its chunk's \(chunk.count); delete it and --resume again to recompute that chunk")
      }
      let rows = try table.parse(text, source: source, header: false, expected: table.keys(places.map { chunk[chunk.startIndex + $0] }), firstLine: 2)
      for row in rows { table.add(row) }
      parts[k] = (Set(places), rows)
      doneItems += places.count
    }
    let total = runner.items.count
    var computed = 0
    options.counter?.start(total: total, alreadyDone: doneItems)
    /// The rows of chunk `k` kept from a part checkpoint plus `results`, as a checkpoint's text.
    func checkpointRows(_ k: Int, _ results: [ItemResult]) -> String {
      var chunkTable = ResultTable(runner: runner)
      for row in parts[k]?.rows ?? [] { chunkTable.add(row) }
      for r in results { chunkTable.add(r) }
      return chunkTable.rows.map(chunkTable.line).joined(separator: "\n") + "\n"
    }
    let finishedAll = try runner.run(threads: options.threads, skipping: done, partlyDone: parts.mapValues(\.items),
                                     interruption: options.interruption, counter: options.counter, completed: { k, chunkResults in
      for r in chunkResults { table.add(r) }
      try dir.writeChunk(k, rows: checkpointRows(k, chunkResults), fingerprint: fingerprint)
      if parts[k] != nil { dir.removePart(k) }
      computed += chunkResults.count
      doneItems += chunkResults.count
      progress(Progress(done: doneItems, total: total, computedThisRun: computed,
                        elapsed: Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9))
    }, cutShort: { k, results in
      // Stopped mid-chunk: keep what finished, so a resume computes only the rest.
      let places = (parts[k]?.items ?? []).union(results.compactMap { runner.place(of: $0.item, inChunk: k) })
      try dir.writePart(k, items: Array(places), rows: checkpointRows(k, results), fingerprint: fingerprint)
      computed += results.count
      doneItems += results.count
    })
    // Stopped, or asked to stop before the measurement and the result files: every finished
    // item is checkpointed, and --resume finishes the run (to the same bytes).
    if !finishedAll || options.interruption?.isRaised == true {
      throw Interrupted(directory: options.directory, signal: options.interruption?.signal ?? SIGTERM, itemsKept: doneItems, items: total)
    }
    table.sort()
    let computeSeconds = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
    // Common random numbers, measured on the run's first trials (not part of the results); from
    // the whole table, so a resumed run measures what an uninterrupted one does.
    let crn = try runner.crnVarianceFactor(from: table, threads: options.threads)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
    let throughput = computeSeconds > 0 ? Double(computed) * runner.customerWeeksPerItem / computeSeconds : 0
    let files = try resultFiles(experiment, table: table)
    let manifest = manifestJSON(experiment, options: options, started: started, ended: Date(), elapsed: elapsed,
                                items: total, computed: computed, throughput: throughput, crn: crn, mergedFrom: nil, files: files)
    try dir.finish(files: files, manifest: manifest.rendered() + "\n")
    try whileLocked()
    return RunReport(directory: options.directory, items: total, rows: table.rows.count, elapsed: elapsed,
                     customerWeeksPerSecond: throughput, crn: crn)
  }

  /// The result files of a finished table, the same for a run and a merge: trials.csv, the
  /// summaries (per strategy; in an industry, over every firm that followed it), and worlds.csv
  /// in a robustness run, firms.csv and firm_years.csv in an industry.
  static func resultFiles(_ experiment: Experiment, table: ResultTable) throws -> [(String, String)] {
    var files = [("trials.csv", table.csv)]
    let industry = try experiment.industry.map { _ in try IndustryTables(experiment: experiment, table: table) }
    let summary = Summary(industry?.byStrategy ?? table)
    files += [("summary.json", summary.json(experiment: experiment).rendered() + "\n"), ("summary.csv", summary.csv)]
    if let worlds = try experiment.worldsCSV() { files.append(("worlds.csv", worlds)) }
    if let industry { files += [("firms.csv", industry.firmsCSV), ("firm_years.csv", industry.firmYearsCSV)] }
    return files
  }

  /// What checkpoints must share to be resumed together: configuration, shard and tool version.
  static func fingerprint(_ experiment: Experiment, options: RunOptions) -> String {
    [experiment.configurationHash, options.shard.description, options.toolVersion].joined(separator: "\n")
  }

  static func manifestJSON(_ e: Experiment, options: RunOptions, started: Date, ended: Date, elapsed: Double, items: Int,
                           computed: Int, throughput: Double, crn: CRNMeasurement?, mergedFrom: [String]?, files: [(String, String)]) -> JSONValue {
    let iso = ISO8601DateFormatter()
    var fields: [(String, JSONValue)] = [
      ("tool", .string("sweetspot")),
      ("version", .string(options.toolVersion)),
      ("git_commit", options.gitCommit.map { .string($0) } ?? .null),
      ("status", .string("complete")),
      ("experiment", .string(e.name)),
      ("file", .string(e.file)),
      ("file_sha256", .string(options.fileHash)),
      ("overrides", .array(options.overrides.map { .string($0) })),
      ("configuration_sha256", .string(e.configurationHash)),
      ("seed", .integer(Int(e.seed))),
      ("trials", .integer(e.trials)),
      ("shard", options.shard == .whole ? .null : .string(options.shard.description)),
      ("generator", .string(Generator.default.rawValue)),
      ("gsl_version", .string(GSLRuntime.version)),
      ("threads", .integer(options.threads)),
      ("host", .string(ProcessInfo.processInfo.hostName)),
      ("started", .string(iso.string(from: started))),
      ("ended", .string(iso.string(from: ended))),
      ("elapsed_seconds", .number(elapsed)),
      ("work_items", .integer(items)),
      ("work_items_computed", .integer(computed)),
      ("throughput_customer_weeks_per_second", .number(throughput)),
    ]
    if let crn {
      fields.append(("common_random_numbers", .object([
        ("metric", .string(crn.metric)), ("strategies", .array(crn.strategies.map { .string($0) })),
        ("trials", .integer(crn.trials)), ("variance_independent", .number(crn.varianceIndependent)),
        ("variance_common", .number(crn.varianceCRN)), ("variance_reduction_factor", .number(crn.factor)),
      ])))
    }
    // The swept keys' columns in trials.csv and summary.csv (named for R and pandas) → their keys.
    // In a robustness run, also worlds.csv's columns of the uncertain keys.
    let keys = e.sweeps.map(\.key)
    let uncertain = e.uncertainty?.parameters.map(\.key) ?? []
    fields.append(("columns", .object(zip(ResultTable.sweepColumns(keys), keys).map { ($0, .string($1)) })))
    if !uncertain.isEmpty {
      // worlds.csv's columns (not in trials.csv, which has one `world` column) → their keys.
      fields.append(("world_columns", .object(zip(Experiment.worldColumns(uncertain), uncertain).map { ($0, .string($1)) })))
    }
    if let mergedFrom { fields.append(("merged_from", .array(mergedFrom.map { .string($0) }))) }
    // Checksums of the result files: merge and report verify trials.csv against them.
    fields.append(("sha256", .object(files.map { ($0.0, .string(SHA256.hex($0.1))) })))
    fields.append(("source", .string(e.source)))
    fields.append(("configuration", e.resolvedConfiguration))
    return .object(fields)
  }

  // MARK: Merge

  /// Combines the result folders of shards 1 … N of one experiment into `out`, byte-identical to
  /// an unsharded run. Each shard is verified (`FinishedRun`): its manifest's configuration
  /// must be what its source and overrides give, and its trials.csv must match its checksum and
  /// hold exactly the shard's rows. Refuses shards of different experiments, seeds, versions or
  /// shard counts, and a set with a shard missing or repeated; the merged table then holds every
  /// scenario × strategy × trial row exactly once. The common-random-numbers measurement is
  /// taken on the merged table, as an unsharded run takes it. `whileLocked` runs after the result
  /// files are written, with `out` still locked (to write the reports, as `run` does). A merge
  /// killed after its manifest is finished by the same merge again: `out` then holds the complete
  /// merge of these shards, which is verified, and `whileLocked` runs again.
  public static func merge(_ dirs: [URL], into out: URL, toolVersion: String, threads: Int = 1,
                           whileLocked: () throws -> Void = {}) throws -> RunReport {
    guard !dirs.isEmpty else { throw ExperimentError(file: "merge", message: "name at least one shard folder") }
    let parts = try dirs.map { d throws in try FinishedRun(d) }
    let first = parts[0]
    for p in parts.dropFirst() {
      for (a, b, what) in [(first.experiment.configurationHash, p.experiment.configurationHash, "experiment configuration (configuration_sha256)"),
                           ("\(first.experiment.seed)", "\(p.experiment.seed)", "seed"), (first.version, p.version, "tool version")] where a != b {
        throw ExperimentError(file: p.directory.path, message: "is from a different \(what) than \(first.directory.path) (\(b) vs \(a)); refusing to merge")
      }
    }
    if first.version != toolVersion {
      throw ExperimentError(file: first.directory.path, message: "was made by sweetspot \(first.version), this is \(toolVersion); refusing to merge")
    }
    let n = first.shard.count
    var seen = Set<Int>()
    for p in parts {
      if p.shard.count != n { throw ExperimentError(file: p.directory.path, message: "is shard \(p.shard) but others are of \(n); refusing to merge") }
      if !seen.insert(p.shard.index).inserted { throw ExperimentError(file: p.directory.path, message: "shard \(p.shard) is given twice") }
    }
    let missing = (1...n).filter { !seen.contains($0) }
    if !missing.isEmpty {
      throw ExperimentError(file: "merge", message: "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) missing; merging needs all \(n)")
    }
    let experiment = first.experiment
    let runner = try Runner(experiment: experiment)
    var table = ResultTable(runner: runner)
    for p in parts { for row in p.table.rows { table.add(row) } }
    table.sort()
    // Every shard held exactly its own rows and the shards partition the trials; check the union anyway.
    let expected = table.keys(runner.items)
    guard table.rows.count == expected.count,
          zip(table.rows, expected.sorted { ($0.scenario, $0.strategy, $0.trial) < ($1.scenario, $1.strategy, $1.trial) })
            .allSatisfy({ $0.scenario == $1.scenario && $0.strategy == $1.strategy && $0.trial == $1.trial }) else {
      throw ExperimentError(file: "merge", message: "the shards do not hold every scenario × strategy × trial row exactly once; refusing to merge")
    }
    let dir = RunDirectory(out)
    let lock = try dir.lock()
    defer { withExtendedLifetime(lock) {} }
    if FileManager.default.fileExists(atPath: dir.manifest.path) {
      // Killed after the manifest, before the reports: verify the merge and finish it.
      let finished = try FinishedRun(out)
      guard finished.manifest["merged_from"] != nil, finished.experiment.configurationHash == experiment.configurationHash,
            finished.shard == .whole, finished.version == toolVersion else {
        throw ExperimentError(file: out.path, message: "already holds a complete run; choose another --out or remove it")
      }
      try whileLocked()
      var report = RunReport(directory: out, items: runner.items.count, rows: finished.table.rows.count, elapsed: 0, customerWeeksPerSecond: 0, crn: nil)
      report.wasComplete = true
      return report
    }
    _ = try dir.prepare(.merge, fingerprint: "merge\n" + experiment.configurationHash)
    var options = RunOptions(threads: threads, directory: out, toolVersion: toolVersion, gitCommit: first.manifest["git_commit"] as? String,
                             overrides: first.manifest["overrides"] as? [String] ?? [], fileHash: first.manifest["file_sha256"] as? String ?? "")
    options.shard = .whole
    let crn = try runner.crnVarianceFactor(from: table, threads: max(1, threads))
    let files = try resultFiles(experiment, table: table)
    let manifest = manifestJSON(experiment, options: options, started: Date(), ended: Date(), elapsed: 0, items: runner.items.count,
                                computed: 0, throughput: 0, crn: crn, mergedFrom: parts.map(\.directory.path), files: files)
    try dir.finish(files: files, manifest: manifest.rendered() + "\n")
    try whileLocked()
    return RunReport(directory: out, items: runner.items.count, rows: table.rows.count, elapsed: 0, customerWeeksPerSecond: 0, crn: crn)
  }
}

/// A finished run (or shard) folder, read and verified: the manifest's source and overrides must
/// give the configuration its `configuration_sha256` names, `trials.csv` must match the checksum
/// the manifest records and hold exactly the run's (or shard's) scenario × strategy × trial rows,
/// each once, each line as sweetspot writes it.
public struct FinishedRun {
  public let directory: URL
  public let manifest: [String: Any]
  public let experiment: Experiment
  public let shard: Shard
  public let version: String
  public let runner: Runner
  /// The rows of trials.csv, sorted.
  public let table: ResultTable

  public init(_ directory: URL) throws {
    self.directory = directory
    let folder = RunDirectory(directory)
    let m = folder.manifest
    guard FileManager.default.fileExists(atPath: m.path) else {
      throw ExperimentError(file: directory.path, message: "has no manifest.json: not a finished run (an interrupted run or shard must be resumed first)")
    }
    let data: Data
    do { data = try Data(contentsOf: m) } catch { throw RunError(file: m.path, message: "cannot read: \(RunDirectory.reason(error))") }
    guard let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any], let source = obj["source"] as? String,
          let hash = obj["configuration_sha256"] as? String else {
      throw ExperimentError(file: m.path, message: "is not a sweetspot manifest (invalid JSON, or no source or configuration_sha256)")
    }
    manifest = obj
    version = obj["version"] as? String ?? "?"
    if let text = obj["shard"] as? String {
      do { shard = try Shard(parsing: text) } catch { throw ExperimentError(file: m.path, key: "shard", message: error.message) }
    } else {
      shard = .whole
    }
    guard let overrides = (obj["overrides"] ?? [String]()) as? [String] else {
      throw ExperimentError(file: m.path, key: "overrides", message: "is not a list of KEY=VALUE strings")
    }
    let file = obj["file"] as? String ?? "experiment"
    try Overrides.check(overrides, source: m.path)
    do {
      experiment = try ExperimentLoader.load(text: source, file: file, overrides: overrides)
    } catch {
      throw ExperimentError(file: m.path, message: "its source and overrides no longer give a valid experiment: \(error)")
    }
    guard experiment.configurationHash == hash else {
      throw ExperimentError(file: m.path, message: "its source and overrides do not give the configuration its configuration_sha256 names (edited, or written by a build with other parameter tables); refusing to use it")
    }
    runner = try Runner(experiment: experiment, shard: shard)
    let t = folder.trials
    let bytes: Data
    do { bytes = try Data(contentsOf: t) } catch { throw ExperimentError(file: t.path, message: "cannot read: \(RunDirectory.reason(error))") }
    if let sums = obj["sha256"] as? [String: Any], let expected = sums["trials.csv"] as? String, SHA256.hex([UInt8](bytes)) != expected {
      throw ExperimentError(file: t.path, message: "does not match the checksum in manifest.json (edited, truncated or replaced); refusing to use it")
    }
    guard let text = String(data: bytes, encoding: .utf8) else { throw ExperimentError(file: t.path, message: "is not UTF-8 text") }
    var table = ResultTable(runner: runner)
    for row in try table.parse(text, source: t.path, header: true, expected: table.keys(runner.items)) { table.add(row) }
    table.sort()
    self.table = table
  }
}
