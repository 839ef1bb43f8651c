import Foundation

/// A request to stop a run early and cleanly (SIGTERM at a Slurm time limit, Ctrl-C).
///
/// The runner checks it before starting each work item, never inside one: the items in flight
/// finish, every finished item is checkpointed (whole chunks as chunks, the rest of the chunk
/// under way as its part), and the run ends with `Interrupted`,
/// so `--resume` continues it to the bytes an uninterrupted run writes. Raising it is safe from
/// any thread (a signal source's queue raises it while workers read it).
public final class Interruption: @unchecked Sendable {
  private let lock = NSLock()
  private var raisedBy: Int32?

  public init() {}

  /// Asks the run to stop; `signal` is recorded for the message (the first one wins).
  public func raise(signal: Int32) {
    lock.lock()
    defer { lock.unlock() }
    if raisedBy == nil { raisedBy = signal }
  }

  /// The signal that asked the run to stop, if one did.
  public var signal: Int32? {
    lock.lock()
    defer { lock.unlock() }
    return raisedBy
  }

  public var isRaised: Bool { signal != nil }
}

/// A run stopped by an `Interruption`: its finished items are checkpointed in `directory`, and
/// `run --resume` with the same settings continues it.
public struct Interrupted: Error, Sendable {
  public let directory: URL
  public let signal: Int32
  /// Work items whose results are kept (checkpointed) of the run's total.
  public let itemsKept: Int
  public let items: Int
}

/// Work items done so far, counted by the workers as each item ends, for a progress display
/// that reads it on a timer (so it moves item by item, not chunk by chunk).
public final class WorkCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var state = (total: 0, before: 0, computed: 0)
  private let onItem: (@Sendable (Int) -> Void)?

  /// `onItem` hears of each item as it ends, with the number computed so far, on the worker's
  /// thread (to stop a run after a given number of items, as the tests do).
  public init(onItem: (@Sendable (Int) -> Void)? = nil) { self.onItem = onItem }

  /// The run's size and the items already done (from checkpoints) when computing starts.
  public func start(total: Int, alreadyDone: Int) {
    lock.lock()
    defer { lock.unlock() }
    state = (total, alreadyDone, 0)
  }

  /// One more item computed (called from worker threads).
  public func itemFinished() {
    lock.lock()
    state.computed += 1
    let computed = state.computed
    lock.unlock()
    onItem?(computed)
  }

  /// Items of the run, items done (checkpointed before plus computed now), items computed now.
  public var snapshot: (total: Int, done: Int, computed: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (state.total, min(state.total, state.before + state.computed), state.computed)
  }
}
