import Foundation
import SweetspotExperiment

/// Progress of a run on stderr, driven by a timer that reads the workers' `WorkCounter`, so it
/// moves while a chunk is under way rather than once per chunk.
///
/// On a terminal one line is redrawn every second; elsewhere (a Slurm `slurm-*.out`, a pipe, a
/// log file) a plain line with the UTC time is printed every 30 seconds, or every
/// `SWEETSPOT_PROGRESS_INTERVAL` seconds when that is set; `--quiet` prints nothing.
final class ProgressReporter: @unchecked Sendable {
  enum Mode: Equatable { case terminal, lines, off }

  /// The environment setting for the plain lines' interval, in seconds.
  static let intervalVariable = "SWEETSPOT_PROGRESS_INTERVAL"
  static let defaultLineInterval = 30.0

  /// The plain lines' interval: `SWEETSPOT_PROGRESS_INTERVAL` when set, else 30 s; bad input when it is
  /// not a number of seconds in 0.1 … 86400.
  static func lineInterval(environment: [String: String]) throws -> Double {
    guard let text = environment[intervalVariable] else { return defaultLineInterval }
    guard let s = Double(text), s >= 0.1, s <= 86_400 else {
      throw InputError("\(intervalVariable)='\(text)' is not a number of seconds in 0.1 ... 86400")
    }
    return s
  }

  private let name: String
  private let counter: WorkCounter
  private let mode: Mode
  private let interval: Double
  private let queue = DispatchQueue(label: "sweetspot.progress")
  private let started = DispatchTime.now().uptimeNanoseconds
  private var timer: DispatchSourceTimer?
  private var drawn = false

  init(name: String, counter: WorkCounter, mode: Mode, lineInterval: Double) {
    self.name = name
    self.counter = counter
    self.mode = mode
    self.interval = mode == .terminal ? 1 : lineInterval
  }

  func start() {
    guard mode != .off else { return }
    let t = DispatchSource.makeTimerSource(queue: queue)
    t.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
    t.setEventHandler { [weak self] in self?.tick() }
    timer = t
    t.resume()
  }

  /// Stops the timer; on a terminal draws the last state and ends its line.
  func finish() {
    guard let t = timer else { return }
    timer = nil
    t.cancel()
    queue.sync {
      if mode == .terminal && drawn {
        printErrorInline(line())
        printErrorInline("\n")
      }
    }
  }

  private func tick() {
    guard counter.snapshot.total > 0 else { return }  // still reading checkpoints
    if mode == .terminal {
      printErrorInline(line() + "   ")
      drawn = true
    } else {
      printError("[\(utcNow("yyyy-MM-dd'T'HH:mm:ss'Z'"))] " + line())
    }
  }

  /// `tiny: 120/400 work items (30%), 2.50/s, ETA 1:52`.
  func line() -> String {
    let s = counter.snapshot
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let rate = elapsed > 0 ? Double(s.computed) / elapsed : 0
    let left = rate > 0 ? clock(Double(s.total - s.done) / rate) : "?"
    let percent = Int(100 * Double(s.done) / Double(max(s.total, 1)))
    return "\(name): \(s.done)/\(s.total) work items (\(percent)%), \(fixed(rate, 2))/s, ETA \(left)"
  }
}
