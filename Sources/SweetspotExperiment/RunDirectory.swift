import Foundation

/// A run's folder on disk: checkpoints while it runs, result files when it ends.
///
/// Every file is written atomically (a temporary file in the same folder, flushed, then renamed
/// over the target), so a reader sees either nothing or a whole file. While a run is under way
/// only `checkpoints/` exists; `trials.csv`, `summary.*` and finally `manifest.json` appear
/// at the end, so an interrupted run never leaves a file that looks like a finished result.
///
/// One writer at a time: `lock()` takes an advisory lock on `.sweetspot.lock` in the folder for
/// the life of a run or merge, and a second writer is refused at once. Each checkpoint starts
/// with a line naming its chunk, the run's fingerprint and the SHA-256 of its rows, so a resumed
/// run uses only checkpoints that are whole, unedited and its own.
public struct RunDirectory: Sendable {
  public let url: URL
  public init(_ url: URL) { self.url = url }

  var checkpoints: URL { url.appendingPathComponent("checkpoints") }
  var fingerprintFile: URL { checkpoints.appendingPathComponent("fingerprint.txt") }
  public var manifest: URL { url.appendingPathComponent("manifest.json") }
  public var trials: URL { url.appendingPathComponent("trials.csv") }
  static let lockName = ".sweetspot.lock"

  func chunkFile(_ k: Int) -> URL { checkpoints.appendingPathComponent(Self.chunkName(k)) }
  /// The checkpoint of the items of chunk `k` that a stopped run finished (`part-000003.csv`).
  func partFile(_ k: Int) -> URL { checkpoints.appendingPathComponent("part-" + Self.chunkName(k).dropFirst(6)) }

  static func chunkName(_ k: Int) -> String {
    let n = String(k)
    return "chunk-" + String(repeating: "0", count: max(0, 6 - n.count)) + n + ".csv"
  }

  /// What a writer is about to do with the folder.
  public enum Purpose: Sendable {
    /// A new run: the folder must be new or empty.
    case fresh
    /// Continue an interrupted run with the same fingerprint (or start one in a new or empty folder).
    case resume
    /// Write merged shards: the folder must be new, empty, or an interrupted merge of the same experiment.
    case merge
  }

  /// A held advisory lock on a run folder; released when the last reference goes away.
  public final class Lock: @unchecked Sendable {
    private let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }  // closing the descriptor releases the flock
  }

  /// Creates the folder if needed and locks it for this process. Another writer holding it is a
  /// run-time failure (`RunError`, exit 1), reported at once rather than waited for.
  public func lock() throws -> Lock {
    let path = url.path
    if path.isEmpty { throw ExperimentError(file: "--out", message: "is empty; name a folder for the run") }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw ExperimentError(file: path, message: "cannot create the results folder: a file of that name exists")
    }
    // Refuse a folder of someone else's files before leaving a lock file in it.
    if isDirectory.boolValue, !FileManager.default.fileExists(atPath: url.appendingPathComponent(Self.lockName).path) {
      try refuseForeignFiles(FileManager.default)
    }
    if let code = Self.makeDirectories(path) {
      // A path that cannot be a folder is bad input; a refusal of the system (permissions,
      // a read-only or full disk) is a run-time failure.
      let message = "cannot create the results folder: \(String(cString: strerror(code)))"
      if [ENOTDIR, ENAMETOOLONG, ELOOP].contains(code) { throw ExperimentError(file: path, message: message) }
      throw RunError(file: path, message: message)
    }
    let lockPath = url.appendingPathComponent(Self.lockName).path
    let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw RunError(file: path, message: "cannot create the lock file \(Self.lockName): \(Self.errnoText())") }
    if flock(fd, LOCK_EX | LOCK_NB) != 0 {
      let e = errno
      close(fd)
      if e == EWOULDBLOCK {
        throw RunError(file: path, message: "another sweetspot run or merge is writing to this folder; wait for it to end or choose another --out")
      }
      throw RunError(file: path, message: "cannot lock the folder: \(String(cString: strerror(e)))")
    }
    return Lock(fd: fd)
  }

  /// Files in the folder other than ours (the lock and stale temporary files).
  private func userEntries(_ fm: FileManager) -> [String] {
    ((try? fm.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0 != Self.lockName && !Self.isTemporary($0) }.sorted()
  }

  /// `.NAME.tmp-PID`: a temporary file of `write(_:to:)` left by a killed process.
  public static func isTemporary(_ name: String) -> Bool {
    guard name.hasPrefix("."), let r = name.range(of: ".tmp-", options: .backwards) else { return false }
    let pid = name[r.upperBound...]
    return !pid.isEmpty && pid.allSatisfy(\.isASCII) && pid.allSatisfy(\.isNumber)
  }

  /// Refuses a folder that holds files but no run (a finished or interrupted one).
  private func refuseForeignFiles(_ fm: FileManager) throws(ExperimentError) {
    if fm.fileExists(atPath: manifest.path) || fm.fileExists(atPath: fingerprintFile.path) { return }
    let others = userEntries(fm)
    guard !others.isEmpty else { return }
    let shown = others.prefix(3).map(escapingControlCharacters).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
    throw ExperimentError(file: url.path, message: "is not empty (\(shown)) and holds no sweetspot run; choose a new or empty folder")
  }

  /// Removes temporary files that killed writers left behind (call with the lock held).
  private func removeStaleTemporaries(_ fm: FileManager) {
    for dir in [url, checkpoints] {
      for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where Self.isTemporary(name) {
        unlink(dir.appendingPathComponent(name).path)
      }
    }
  }

  /// Prepares the locked folder for `purpose`. A fresh run needs a new or empty folder; `resume`
  /// needs one whose checkpoints carry the same fingerprint (or a new or empty one); a merge a new
  /// or empty folder or its own interrupted merge. Never deletes a file it did not write. Returns
  /// the chunks with a checkpoint (to verify before use).
  public func prepare(_ purpose: Purpose, fingerprint: String) throws -> Set<Int> {
    let fm = FileManager.default
    let path = url.path
    if fm.fileExists(atPath: manifest.path) {
      throw ExperimentError(file: path, message: purpose == .resume ? "this run is already complete (manifest.json exists); nothing to resume"
                                                                    : "already holds a complete run; choose another --out or remove it")
    }
    let hasCheckpoints = fm.fileExists(atPath: fingerprintFile.path)
    if hasCheckpoints {
      let saved = (try? String(contentsOf: fingerprintFile, encoding: .utf8)) ?? ""
      switch purpose {
      case .fresh:
        throw ExperimentError(file: path, message: "holds an interrupted run; add --resume to continue it, or choose another --out")
      case .merge where saved != fingerprint:
        throw ExperimentError(file: path, message: "holds an interrupted run or merge of something else; choose another --out")
      case .resume where saved != fingerprint:
        throw ExperimentError(file: path, message: "holds checkpoints of a different experiment, seed, shard or version; cannot resume it with these settings")
      default: break
      }
    } else {
      try refuseForeignFiles(fm)
    }
    removeStaleTemporaries(fm)
    if let code = Self.makeDirectories(checkpoints.path) {
      throw RunError(file: path, message: "cannot create the checkpoints folder: \(String(cString: strerror(code)))")
    }
    if !hasCheckpoints { try write(fingerprint, to: fingerprintFile) }
    if purpose == .merge { return [] }
    var done = Set<Int>()
    for n in ((try? fm.contentsOfDirectory(atPath: checkpoints.path)) ?? []).sorted() where n.hasPrefix("chunk-") && n.hasSuffix(".csv") {
      guard let k = Int(n.dropFirst(6).dropLast(4)), k >= 0, Self.chunkName(k) == n else {
        throw ExperimentError(file: checkpoints.appendingPathComponent(n).path, message: "is not a checkpoint name sweetspot writes; remove it and --resume again")
      }
      done.insert(k)
    }
    return done
  }

  // MARK: Checkpoints

  static let checkpointTag = "# sweetspot checkpoint v1"

  /// Writes chunk `k`'s rows after a line with the chunk, the fingerprint's and the rows' SHA-256.
  public func writeChunk(_ k: Int, rows: String, fingerprint: String) throws {
    let head = "\(Self.checkpointTag) chunk=\(k) fingerprint=\(SHA256.hex(fingerprint)) sha256=\(SHA256.hex(rows))\n"
    try write(head + rows, to: chunkFile(k))
  }

  /// The rows of chunk `k`'s checkpoint, after checking that it is whole, unedited and of this
  /// run (its header line); the rows themselves are then checked against the chunk's items.
  public func readChunk(_ k: Int, fingerprint: String) throws -> String {
    try readCheckpoint(chunkFile(k), chunk: k, fingerprint: fingerprint).rows
  }

  /// Writes the rows of the items of chunk `k` that a stopped run finished, `items` being their
  /// places in the chunk (0 … 15), named in the header line beside the usual checks.
  public func writePart(_ k: Int, items: [Int], rows: String, fingerprint: String) throws {
    let list = items.sorted().map(String.init).joined(separator: ",")
    let head = "\(Self.checkpointTag) chunk=\(k) items=\(list) fingerprint=\(SHA256.hex(fingerprint)) sha256=\(SHA256.hex(rows))\n"
    try write(head + rows, to: partFile(k))
  }

  /// The places in chunk `k` of the items its part checkpoint holds, and their rows (checked as
  /// `readChunk` checks a chunk's; the rows are then checked against those items).
  public func readPart(_ k: Int, fingerprint: String) throws -> (items: [Int], rows: String) {
    let file = partFile(k)
    let (fields, rows) = try readCheckpoint(file, chunk: k, fingerprint: fingerprint)
    let items = fields["items"].map { $0.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) } } ?? []
    guard !items.isEmpty, items.allSatisfy({ $0 != nil && $0! >= 0 }), Set(items).count == items.count else {
      throw ExperimentError(file: file.path, message: "has a damaged header line; delete it and --resume again to recompute that chunk")
    }
    return (items.map { $0! }, rows)
  }

  /// Removes chunk `k`'s part checkpoint (once the whole chunk's checkpoint is written).
  public func removePart(_ k: Int) { unlink(partFile(k).path) }

  /// The chunks with a part checkpoint (after `prepare`).
  public func partlyDoneChunks() throws -> Set<Int> {
    var parts = Set<Int>()
    for n in ((try? FileManager.default.contentsOfDirectory(atPath: checkpoints.path)) ?? []).sorted() where n.hasPrefix("part-") && n.hasSuffix(".csv") {
      guard let k = Int(n.dropFirst(5).dropLast(4)), k >= 0, partFile(k).lastPathComponent == n else {
        throw ExperimentError(file: checkpoints.appendingPathComponent(n).path, message: "is not a checkpoint name sweetspot writes; remove it and --resume again")
      }
      parts.insert(k)
    }
    return parts
  }

  /// A checkpoint's header fields and rows, after checking that it is whole, unedited, of chunk
  /// `k` and of this run.
  private func readCheckpoint(_ file: URL, chunk k: Int, fingerprint: String) throws -> (fields: [Substring: Substring], rows: String) {
    let remedy = "; delete it and --resume again to recompute that chunk"
    func damaged(_ what: String) -> ExperimentError { ExperimentError(file: file.path, message: what + remedy) }
    let data: Data
    do { data = try Data(contentsOf: file) } catch { throw RunError(file: file.path, message: "cannot read this checkpoint: \(Self.reason(error))") }
    if data.isEmpty { throw damaged("is empty (0 bytes), not a checkpoint") }
    guard let text = String(data: data, encoding: .utf8), let newline = text.firstIndex(of: "\n") else {
      throw damaged("is not a sweetspot checkpoint (no header line)")
    }
    let head = text[..<newline], rows = String(text[text.index(after: newline)...])
    guard head.hasPrefix(Self.checkpointTag + " ") else { throw damaged("is not a sweetspot checkpoint (no header line)") }
    var fields: [Substring: Substring] = [:]
    for part in head.dropFirst(Self.checkpointTag.count + 1).split(separator: " ") {
      guard let eq = part.firstIndex(of: "=") else { throw damaged("has a damaged header line") }
      fields[part[..<eq]] = part[part.index(after: eq)...]
    }
    guard let chunkText = fields["chunk"], let chunk = Int(chunkText), let print = fields["fingerprint"], let sum = fields["sha256"] else {
      throw damaged("has a damaged header line")
    }
    if chunk != k { throw damaged("holds chunk \(chunk), not chunk \(k) (copied from another checkpoint?)") }
    if print != SHA256.hex(fingerprint) { throw damaged("is a checkpoint of another run (a different experiment, seed, shard or version)") }
    if sum != SHA256.hex(rows) { throw damaged("does not match its checksum (truncated, edited or damaged)") }
    return (fields, rows)
  }

  /// Writes the result files (manifest last) and removes the checkpoints this run wrote (any
  /// other file in `checkpoints/` stays, and so does the folder then).
  public func finish(files: [(String, String)], manifest text: String) throws {
    for (name, content) in files { try write(content, to: url.appendingPathComponent(name)) }
    try write(text, to: manifest)
    let fm = FileManager.default
    for name in (try? fm.contentsOfDirectory(atPath: checkpoints.path)) ?? [] {
      if name == "fingerprint.txt" || Self.isTemporary(name) || ((name.hasPrefix("chunk-") || name.hasPrefix("part-")) && name.hasSuffix(".csv")) {
        unlink(checkpoints.appendingPathComponent(name).path)
      }
    }
    rmdir(checkpoints.path)
  }

  // MARK: Writing

  /// Atomic write: temporary file in the same folder, fsync, rename. A failure (full disk,
  /// read-only folder, file-size limit) is a `RunError` and leaves no temporary file.
  ///
  /// A file that already holds exactly these bytes is left as it is (no rename, its time stamps
  /// kept): resuming a finished run rewrites nothing, so resubmitting a whole job array leaves
  /// the finished tasks' folders unchanged.
  /// Returns whether the file was written (false: it already held these bytes).
  @discardableResult
  public func write(_ text: String, to target: URL) throws -> Bool {
    if let existing = FileManager.default.contents(atPath: target.path), existing.elementsEqual(text.utf8) { return false }
    let dir = target.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(target.lastPathComponent).tmp-\(getpid())")
    func failure(_ code: Int32) -> RunError {
      RunError(file: target.path, message: "cannot write: \(String(cString: strerror(code)))")
    }
    let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw failure(errno) }
    var code: Int32 = 0
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buf in
      var off = 0
      while off < buf.count {
        let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { code = n < 0 ? errno : EIO; break }
        off += n
      }
    }
    if code == 0 && fsync(fd) != 0 { code = errno }
    if close(fd) != 0 && code == 0 { code = errno }
    if code == 0 && rename(tmp.path, target.path) != 0 { code = errno }
    if code != 0 {
      unlink(tmp.path)
      throw failure(code)
    }
    return true
  }

  /// `mkdir -p`: nil when the folder exists, or the errno of the first step that failed.
  static func makeDirectories(_ path: String) -> Int32? {
    var current = path.hasPrefix("/") ? "" : "."
    for part in path.split(separator: "/") {
      current += "/" + part
      if mkdir(current, 0o755) != 0 {
        let e = errno
        var st = stat()
        if e == EEXIST, stat(current, &st) == 0 { if (st.st_mode & S_IFMT) != S_IFDIR { return ENOTDIR } } else { return e }
      }
    }
    return nil
  }

  static func posixCode(_ error: Error) -> Int32? {
    let e = error as NSError
    if let underlying = e.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain { return Int32(underlying.code) }
    if e.domain == NSPOSIXErrorDomain { return Int32(e.code) }
    return nil
  }

  public static func reason(_ error: Error) -> String {
    if let code = posixCode(error) { return String(cString: strerror(code)) }
    return escapingControlCharacters((error as NSError).localizedDescription)
  }

  static func errnoText() -> String { String(cString: strerror(errno)) }
}
