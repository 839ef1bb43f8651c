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
}

public enum ExperimentRunner {
  /// Runs (or resumes) `experiment` into `options.directory`.
  public static func run(_ experiment: Experiment, options: RunOptions, progress: (Progress) -> Void = { _ in }) throws -> RunReport {
    let runner = try Runner(experiment: experiment, shard: options.shard)
    let dir = RunDirectory(options.directory)
    let fingerprint = [experiment.configurationHash, options.shard.description, options.toolVersion].joined(separator: "\n")
    let done = try dir.prepare(resume: options.resume, fingerprint: fingerprint)
    let started = Date()
    let clock = DispatchTime.now().uptimeNanoseconds
    var table = ResultTable(runner: runner)
    var results: [ItemResult] = []
    // Checkpoints from an interrupted run: parse them back into rows.
    var doneItems = 0
    for (k, text) in try dir.readChunks(done) {
      for row in try table.parse(text, source: dir.chunkFile(k).path) { table.add(row) }
      doneItems += runner.chunk(k).count
    }
    let total = runner.items.count
    var computed = 0
    try runner.run(threads: options.threads, skipping: done) { k, chunkResults in
      var chunkTable = ResultTable(runner: runner)
      for r in chunkResults { chunkTable.add(r); table.add(r) }
      try dir.writeChunk(k, chunkTable.rows.map(chunkTable.line).joined(separator: "\n") + "\n")
      results += chunkResults
      computed += chunkResults.count
      doneItems += chunkResults.count
      progress(Progress(done: doneItems, total: total, computedThisRun: computed,
                        elapsed: Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9))
    }
    table.sort()
    let computeSeconds = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
    // Common random numbers, measured on this run's own trials (not part of the results).
    let crn = try runner.crnVarianceFactor(from: results, threads: options.threads)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - clock) / 1e9
    let summary = Summary(table)
    let throughput = computeSeconds > 0 ? Double(computed) * runner.customerWeeksPerItem / computeSeconds : 0
    let manifest = manifestJSON(experiment, options: options, started: started, ended: Date(), elapsed: elapsed,
                                items: total, computed: computed, throughput: throughput, crn: crn, mergedFrom: nil)
    try dir.finish(files: [("trials.csv", table.csv), ("summary.json", summary.json(experiment: experiment).rendered() + "\n"),
                           ("summary.csv", summary.csv)],
                   manifest: manifest.rendered() + "\n")
    return RunReport(directory: options.directory, items: total, rows: table.rows.count, elapsed: elapsed,
                     customerWeeksPerSecond: throughput, crn: crn)
  }

  static func manifestJSON(_ e: Experiment, options: RunOptions, started: Date, ended: Date, elapsed: Double, items: Int,
                           computed: Int, throughput: Double, crn: CRNMeasurement?, mergedFrom: [String]?) -> JSONValue {
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
    if let mergedFrom { fields.append(("merged_from", .array(mergedFrom.map { .string($0) }))) }
    fields.append(("source", .string(e.source)))
    fields.append(("configuration", e.resolvedConfiguration))
    return .object(fields)
  }

  // MARK: Merge

  /// Combines the result folders of shards 1 … N of one experiment into `out`, byte-identical to
  /// an unsharded run. Refuses shards of different experiments, seeds, versions or shard counts,
  /// and a set with a shard missing or repeated.
  public static func merge(_ dirs: [URL], into out: URL, toolVersion: String) throws -> RunReport {
    struct Part { let dir: URL; let manifest: [String: Any]; let shard: Shard }
    guard !dirs.isEmpty else { throw ExperimentError(file: "merge", message: "name at least one shard folder") }
    var parts: [Part] = []
    for d in dirs {
      let m = RunDirectory(d).manifest
      guard let data = try? Data(contentsOf: m) else {
        throw ExperimentError(file: d.path, message: "has no manifest.json: not a finished run (an interrupted shard must be resumed first)")
      }
      guard let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
        throw ExperimentError(file: m.path, message: "is not valid JSON")
      }
      let shardText = obj["shard"] as? String ?? "1/1"
      parts.append(Part(dir: d, manifest: obj, shard: try Shard(parsing: shardText)))
    }
    let first = parts[0].manifest
    for p in parts.dropFirst() {
      for (key, what) in [("configuration_sha256", "experiment configuration"), ("seed", "seed"), ("version", "tool version")] {
        let a = "\(first[key] ?? "none")", b = "\(p.manifest[key] ?? "none")"
        if a != b {
          throw ExperimentError(file: p.dir.path, message: "is from a different \(what) than \(parts[0].dir.path) (\(key): \(b) vs \(a)); refusing to merge")
        }
      }
    }
    if "\(first["version"] ?? "")" != toolVersion {
      throw ExperimentError(file: parts[0].dir.path, message: "was made by sweetspot \(first["version"] ?? "?"), this is \(toolVersion); refusing to merge")
    }
    let n = parts[0].shard.count
    var seen = Set<Int>()
    for p in parts {
      if p.shard.count != n { throw ExperimentError(file: p.dir.path, message: "is shard \(p.shard) but others are of \(n); refusing to merge") }
      if !seen.insert(p.shard.index).inserted { throw ExperimentError(file: p.dir.path, message: "shard \(p.shard) is given twice") }
    }
    let missing = (1...n).filter { !seen.contains($0) }
    if !missing.isEmpty {
      throw ExperimentError(file: "merge", message: "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) missing; merging needs all \(n)")
    }
    guard let source = first["source"] as? String else { throw ExperimentError(file: parts[0].dir.path, message: "manifest.json has no source") }
    let overrides = first["overrides"] as? [String] ?? []
    let file = first["file"] as? String ?? "experiment"
    let experiment = try ExperimentLoader.load(text: source, file: file, overrides: overrides)
    let runner = try Runner(experiment: experiment)
    var table = ResultTable(runner: runner)
    for p in parts {
      let t = RunDirectory(p.dir).trials
      guard let text = try? String(contentsOf: t, encoding: .utf8) else { throw ExperimentError(file: t.path, message: "cannot read") }
      for row in try table.parse(text, source: t.path) { table.add(row) }
    }
    table.sort()
    guard table.rows.count == runner.items.count * experiment.strategies.count else {
      throw ExperimentError(file: "merge", message: "the shards hold \(table.rows.count) rows; the experiment has \(runner.items.count * experiment.strategies.count)")
    }
    let dir = RunDirectory(out)
    _ = try dir.prepare(resume: false, fingerprint: experiment.configurationHash)
    var options = RunOptions(threads: 0, directory: out, toolVersion: toolVersion, gitCommit: first["git_commit"] as? String,
                             overrides: overrides, fileHash: first["file_sha256"] as? String ?? "")
    options.shard = .whole
    let summary = Summary(table)
    // The CRN measurement comes from shard 1's manifest, which measured it on its own trials.
    var crn: CRNMeasurement?
    if let p1 = parts.first(where: { $0.shard.index == 1 }), let c = p1.manifest["common_random_numbers"] as? [String: Any],
       let vi = c["variance_independent"] as? Double, let vc = c["variance_common"] as? Double {
      crn = CRNMeasurement(metric: c["metric"] as? String ?? "", strategies: c["strategies"] as? [String] ?? [],
                           trials: c["trials"] as? Int ?? 0, varianceCRN: vc, varianceIndependent: vi)
    }
    let manifest = manifestJSON(experiment, options: options, started: Date(), ended: Date(), elapsed: 0, items: runner.items.count,
                                computed: 0, throughput: 0, crn: crn, mergedFrom: parts.map(\.dir.path))
    try dir.finish(files: [("trials.csv", table.csv), ("summary.json", summary.json(experiment: experiment).rendered() + "\n"),
                           ("summary.csv", summary.csv)], manifest: manifest.rendered() + "\n")
    return RunReport(directory: out, items: runner.items.count, rows: table.rows.count, elapsed: 0, customerWeeksPerSecond: 0, crn: crn)
  }
}
