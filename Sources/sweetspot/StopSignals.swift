#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SweetspotExperiment

/// SIGTERM (Slurm's time limit, `scancel`, `kill`) and SIGINT (Ctrl-C) ask a run to stop
/// cleanly: the first one raises the `Interruption` the runner checks between work items, so the
/// items in flight finish, the whole chunks are checkpointed and the run exits with code 3 and
/// the command that resumes it. A second signal ends the process at once, as if no handler were
/// installed (the checkpoints written so far stay valid: each is written atomically).
///
/// The signals are received by `DispatchSource`s on their own queue, not by a C handler, so the
/// reaction may take locks and print; the process ignores their default action meanwhile.
final class StopSignals: @unchecked Sendable {
  private let queue = DispatchQueue(label: "sweetspot.signals")
  private var sources: [DispatchSourceSignal] = []
  let interruption = Interruption()

  /// Installs the handlers; `notice` is printed once, on the first signal (nil: print nothing).
  init(notice: @escaping @Sendable (Int32) -> String?) {
    for sig in [SIGTERM, SIGINT] {
      signal(sig, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
      source.setEventHandler { [interruption] in
        if interruption.isRaised {
          signal(sig, SIG_DFL)
          kill(getpid(), sig)
          return
        }
        interruption.raise(signal: sig)
        if let text = notice(sig) { printError(text) }
      }
      source.resume()
      sources.append(source)
    }
  }

  /// `SIGTERM`, `SIGINT` or `signal N`.
  static func name(_ sig: Int32) -> String {
    switch sig {
    case SIGTERM: return "SIGTERM"
    case SIGINT: return "SIGINT"
    default: return "signal \(sig)"
    }
  }
}

/// The exit code of a run stopped by SIGTERM or SIGINT after checkpointing (documented in
/// `--help` and the README beside 0, 1 and 2).
let interruptedExitCode: Int32 = 3

/// `word` quoted for a POSIX shell when it needs it, so a printed command can be pasted.
func shellQuoted(_ word: String) -> String {
  let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { s in
    s.isASCII && (CharacterSet.alphanumerics.contains(s) || "_@%+=:,./-".unicodeScalars.contains(s))
  }
  return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
