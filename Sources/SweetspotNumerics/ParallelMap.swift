import Dispatch

/// Computes `body(i)` for i in 0 ..< count on up to `threads` workers and returns the results
/// in index order.
///
/// Worker w takes indices w, w + workers, w + 2·workers, …: a fixed partition, so which worker
/// computed an index never matters, and each result lands in its own preallocated slot (no locks,
/// no shared mutable state beyond the distinct slots). Reductions over the returned array run
/// afterwards, serially and in order, which is what makes floating-point totals independent of
/// the thread count. Each worker should create its own random streams inside `body` (GSL
/// generators are per-thread workspaces).
///
/// The first error thrown (in index order among the workers that failed) is rethrown after
/// every worker has stopped.
public func parallelMap<T>(count: Int, threads: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
  precondition(count >= 0 && threads >= 1, "parallelMap: count ≥ 0 and threads ≥ 1")
  if count == 0 { return [] }
  let workers = min(threads, count)
  let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
  slots.initialize(repeating: nil)
  let failures = UnsafeMutableBufferPointer<(index: Int, error: any Error)?>.allocate(capacity: workers)
  failures.initialize(repeating: nil)
  defer {
    slots.deinitialize().deallocate()
    failures.deinitialize().deallocate()
  }
  let shared = SharedSlots(slots: slots, failures: failures)
  if workers == 1 {
    shared.work(worker: 0, workers: 1, count: count, body)
  } else {
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      shared.work(worker: w, workers: workers, count: count, body)
    }
  }
  if let first = failures.compactMap({ $0 }).min(by: { $0.index < $1.index }) { throw first.error }
  return slots.map { $0! }
}

/// The slots `parallelMap` hands to its workers. Each index is written by exactly one worker,
/// and each failure slot by its own worker, so the unchecked sendability is sound.
private struct SharedSlots<T>: @unchecked Sendable {
  let slots: UnsafeMutableBufferPointer<T?>
  let failures: UnsafeMutableBufferPointer<(index: Int, error: any Error)?>

  func work(worker w: Int, workers: Int, count: Int, _ body: (Int) throws -> T) {
    var i = w
    while i < count {
      do { slots[i] = try body(i) } catch {
        failures[w] = (i, error)
        return
      }
      i += workers
    }
  }
}
