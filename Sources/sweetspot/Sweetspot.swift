#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import Foundation
import SweetspotNumerics
import SweetspotQueueing
import SweetspotExperiment
import SweetspotModel

/// The `sweetspot` command: experiments on customer-service strategy.
@main
struct Sweetspot: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "sweetspot",
    abstract: "Experiments on customer-service strategy: how much service is enough?",
    discussion: """
      Sweetspot simulates customers, a contact centre and competing service strategies, and \
      compares them by Monte Carlo experiment. Results are reproducible to the bit from a seed.

      Exit codes: 0 success; 1 a run-time failure; 2 bad input or usage; 3 a run stopped by \
      SIGTERM or SIGINT after checkpointing its finished work (continue it with run --resume).
      """,
    version: version,
    subcommands: [Run.self, ReportCommand.self, Validate.self, List.self, Merge.self, TrajectoriesCommand.self, Slurm.self, Keys.self, Queue.self, Staff.self, Info.self]
  )

  /// Parses, runs, and maps every failure to the documented exit codes: 2 for usage and input
  /// errors (argument-parser's own validation code, 64, included), 1 for run-time failures.
  static func main() {
    // A file-size limit (ulimit -f) then fails the write with EFBIG, reported and cleaned up,
    // instead of killing the process with SIGXFSZ mid-write.
    signal(SIGXFSZ, SIG_IGN)
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as InputError {
      printError("sweetspot: \(error.message)")
      Glibc.exit(2)
    } catch let error where error is ExperimentError || error is ModelError || error is QueueError || error is NumericsError {
      // Bad input found by the core: its description names the file, key or option.
      printError("sweetspot: \(error)")
      Glibc.exit(2)
    } catch let error as RunError {
      // The input was fine; the system refused (disk full, read-only or locked folder).
      printError("sweetspot: \(error)")
      Glibc.exit(1)
    } catch let code as ExitCode {
      Glibc.exit(code.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        exit(withError: error)  // --help and --version
      }
      let message = fullMessage(for: error)
      if code == .validationFailure {
        printError(oneLineUsageError(message))
        Glibc.exit(2)
      }
      printError("sweetspot: \(message)")
      Glibc.exit(1)
    }
  }
}

/// argument-parser's "Error: …", "Help: …", "Usage: …" and "See '… --help'" lines as one line:
/// `sweetspot: Missing value for '--seed <n>' (see 'sweetspot run --help')`.
func oneLineUsageError(_ full: String) -> String {
  let lines = full.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
  let error = lines.first { $0.hasPrefix("Error: ") }.map { String($0.dropFirst(7)) } ?? lines.first ?? "invalid arguments"
  var hint = ""
  if let see = lines.first(where: { $0.hasPrefix("See '") }), let end = see.dropFirst(5).firstIndex(of: "'") {
    hint = " (see '\(see[see.index(see.startIndex, offsetBy: 5)..<end])')"
  }
  return "sweetspot: " + error + hint
}

/// A problem with what the user asked for: reported on one line, exit code 2.
struct InputError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

/// `sweetspot info`: what this build is made of.
struct Info: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the tool version, the GSL version and the random-number set-up.")

  func run() throws {
    print("sweetspot \(Sweetspot.version)")
    print("git commit: \(buildGitCommit ?? "unknown (not built from a git checkout)")")
    print("GSL \(GSLRuntime.version)")
    print("default generator: \(Generator.default) (counter-based: draws addressed by key and counter; see docs/design.md)")
    print("generators: \(Generator.allCases.map(\.rawValue).joined(separator: ", "))")
  }
}
