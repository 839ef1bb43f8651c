import Foundation

/// A run's folder on disk: checkpoints while it runs, result files when it ends.
///
/// Every file is written atomically (a temporary file in the same folder, flushed, then renamed
/// over the target), so a reader sees either nothing or a whole file. While a run is under way
/// only `checkpoints/` exists; `trials.csv`, `summary.*` and finally `manifest.json` appear
/// at the end, so an interrupted run never leaves a file that looks like a finished result.
public struct RunDirectory: Sendable {
  public let url: URL
  public init(_ url: URL) { self.url = url }

  var checkpoints: URL { url.appendingPathComponent("checkpoints") }
  var fingerprintFile: URL { checkpoints.appendingPathComponent("fingerprint.txt") }
  public var manifest: URL { url.appendingPathComponent("manifest.json") }
  public var trials: URL { url.appendingPathComponent("trials.csv") }

  func chunkFile(_ k: Int) -> URL {
    let n = String(k)
    return checkpoints.appendingPathComponent("chunk-" + String(repeating: "0", count: max(0, 6 - n.count)) + n + ".csv")
  }

  /// Prepares the folder. A fresh run needs a folder with no run in it; `resume` needs one whose
  /// checkpoints carry the same fingerprint. Returns the chunks already done.
  public func prepare(resume: Bool, fingerprint: String) throws(ExperimentError) -> Set<Int> {
    let fm = FileManager.default
    let path = url.path
    if fm.fileExists(atPath: manifest.path) {
      throw ExperimentError(file: path, message: resume ? "this run is already complete (manifest.json exists); nothing to resume"
                                                        : "already holds a complete run; choose another --out or remove it")
    }
    let hasCheckpoints = fm.fileExists(atPath: fingerprintFile.path)
    if hasCheckpoints && !resume {
      throw ExperimentError(file: path, message: "holds an interrupted run; add --resume to continue it, or choose another --out")
    }
    do {
      try fm.createDirectory(at: checkpoints, withIntermediateDirectories: true)
    } catch {
      throw ExperimentError(file: path, message: "cannot create the results folder: \(error.localizedDescription)")
    }
    guard fm.isWritableFile(atPath: checkpoints.path) else {
      throw ExperimentError(file: path, message: "the results folder is not writable")
    }
    if hasCheckpoints {
      let saved = (try? String(contentsOf: fingerprintFile, encoding: .utf8)) ?? ""
      guard saved == fingerprint else {
        throw ExperimentError(file: path, message: "holds checkpoints of a different experiment, seed, shard or version; cannot resume it with these settings")
      }
    } else {
      try write(fingerprint, to: fingerprintFile)
    }
    var done = Set<Int>()
    let names = (try? fm.contentsOfDirectory(atPath: checkpoints.path)) ?? []
    for n in names where n.hasPrefix("chunk-") && n.hasSuffix(".csv") {
      if let k = Int(n.dropFirst(6).dropLast(4)) { done.insert(k) }
    }
    return done
  }

  public func writeChunk(_ k: Int, _ text: String) throws(ExperimentError) { try write(text, to: chunkFile(k)) }

  public func readChunks(_ done: Set<Int>) throws(ExperimentError) -> [(Int, String)] {
    var out: [(Int, String)] = []
    for k in done.sorted() {
      guard let text = try? String(contentsOf: chunkFile(k), encoding: .utf8) else {
        throw ExperimentError(file: chunkFile(k).path, message: "cannot read this checkpoint")
      }
      out.append((k, text))
    }
    return out
  }

  /// Writes the result files (manifest last) and removes the checkpoints.
  public func finish(files: [(String, String)], manifest text: String) throws(ExperimentError) {
    for (name, content) in files { try write(content, to: url.appendingPathComponent(name)) }
    try write(text, to: manifest)
    try? FileManager.default.removeItem(at: checkpoints)
  }

  /// Atomic write: temporary file in the same folder, fsync, rename.
  public func write(_ text: String, to target: URL) throws(ExperimentError) {
    let dir = target.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
    let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else {
      throw ExperimentError(file: target.path, message: "cannot write: \(String(cString: strerror(errno)))")
    }
    var ok = true
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buf in
      var off = 0
      while off < buf.count {
        let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
        if n <= 0 { ok = false; break }
        off += n
      }
    }
    if fsync(fd) != 0 { ok = false }
    close(fd)
    guard ok, rename(tmp.path, target.path) == 0 else {
      unlink(tmp.path)
      throw ExperimentError(file: target.path, message: "cannot write: \(String(cString: strerror(errno)))")
    }
  }
}
