import Foundation

/// Runs the built `sweetspot` binary, as a user's shell would.
struct CLIResult {
  let status: Int32
  let stdout: String
  let stderr: String
}

enum CLI {
  /// The products directory: the test runner lives beside the `sweetspot` binary.
  static let binary: URL = {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = runner.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("sweetspot")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/sweetspot")
  }()

  /// Runs the binary with `arguments`; `environment` adds to (or replaces) this process's
  /// variables, less any Slurm or progress settings it inherited, so a test sees only its own;
  /// `launcher` runs it through another program (e.g. `["/usr/bin/taskset", "-c", "0"]`).
  static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:],
                  launcher: [String] = []) throws -> CLIResult {
    let p = Process()
    p.executableURL = launcher.isEmpty ? binary : URL(fileURLWithPath: launcher[0])
    p.arguments = launcher.isEmpty ? arguments : Array(launcher.dropFirst()) + [binary.path] + arguments
    p.environment = hermetic(environment)
    if let directory { p.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return CLIResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                     stderr: String(decoding: e, as: UTF8.self))
  }

  /// This process's environment without SLURM_* and SWEETSPOT_* variables, plus `extra`.
  static func hermetic(_ extra: [String: String]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SLURM_") && !$0.key.hasPrefix("SWEETSPOT_") }
    env.merge(extra) { _, new in new }
    return env
  }

  static func json(_ arguments: [String]) throws -> [String: Any] {
    let r = try run(arguments)
    guard r.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: r.stderr]) }
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
  }
}
