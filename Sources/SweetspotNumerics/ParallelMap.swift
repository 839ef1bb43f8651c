import Dispatch
import Synchronization

/// Computes `body(i)` for i in 0 ..< count on up to `threads` workers and returns the results
/// in index order.
///
/// Workers take the next untaken index from a shared counter (dynamic scheduling): on a shared
/// machine one worker may be slowed, and a fixed partition (worker w taking w, w + workers, …)
/// then left the other idle at the end of every weekly pass. Which worker computed an index never
/// matters: each result lands in its own preallocated slot (no locks, no shared mutable state
/// beyond the distinct slots and the counter). Reductions over the returned array run afterwards,
/// serially and in order, which is what makes floating-point totals independent of the thread
/// count. Each worker should create its own random streams inside `body` (GSL generators are
/// per-thread workspaces).
///
/// The error of the lowest failing index is rethrown after every worker has stopped: a worker
/// stops at its first failure, but every index below a taken one was taken earlier and is
/// finished by its worker, so the lowest failing index is always reached.
public func parallelMap<T>(count: Int, threads: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
  precondition(count >= 0 && threads >= 1, "parallelMap: count ≥ 0 and threads ≥ 1")
  if count == 0 { return [] }
  let workers = min(threads, count)
  let slots = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
  slots.initialize(repeating: nil)
  let failures = UnsafeMutableBufferPointer<(index: Int, error: any Error)?>.allocate(capacity: workers)
  failures.initialize(repeating: nil)
  defer { failures.deinitialize().deallocate() }
  let shared = SharedSlots(slots: slots, failures: failures)
  if workers == 1 {
    shared.work(count: count, body)
  } else {
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { w in
      shared.work(worker: w, count: count, next: next, body)
    }
  }
  // Read through the base pointers, not `map` or `compactMap`: in this generic code (not
  // specialized across modules) the collection read accessor allocated a frame on the heap for
  // every element, two allocations per result.
  var lowest: (index: Int, error: any Error)?
  for w in 0..<workers {
    if let f = failures.baseAddress![w], f.index < (lowest?.index ?? Int.max) { lowest = f }
  }
  if let lowest {
    slots.deinitialize().deallocate()
    throw lowest.error
  }
  let results = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
    for i in 0..<count { (buffer.baseAddress! + i).initialize(to: (slots.baseAddress! + i).move()!) }
    initialized = count
  }
  slots.deallocate()
  return results
}

/// `body(range)` for the consecutive ranges of `unit` indices that cover 0 ..< `count` (the last
/// one shorter), on up to `threads` workers, results in range order. The ranges depend on `unit`
/// only, never on the thread count, so partial sums added in the returned order are the same on
/// any number of threads.
public func parallelMap<T>(count: Int, unit: Int, threads: Int, _ body: @Sendable (Range<Int>) throws -> T) throws -> [T] {
  precondition(count >= 0 && unit >= 1, "parallelMap: count ≥ 0 and unit ≥ 1")
  return try parallelMap(count: (count + unit - 1) / unit, threads: threads) { k in try body((k * unit)..<min(count, (k + 1) * unit)) }
}

/// The slots `parallelMap` hands to its workers. Each index is written by exactly one worker,
/// and each failure slot by its own worker, so the unchecked sendability is sound.
private struct SharedSlots<T>: @unchecked Sendable {
  let slots: UnsafeMutableBufferPointer<T?>
  let failures: UnsafeMutableBufferPointer<(index: Int, error: any Error)?>

  /// Worker `w` computes the indices it takes from `next` until none are left.
  func work(worker w: Int, count: Int, next: borrowing Atomic<Int>, _ body: (Int) throws -> T) {
    while true {
      let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
      guard i < count, compute(i, worker: w, body) else { return }
    }
  }

  /// One worker computes every index in order.
  func work(count: Int, _ body: (Int) throws -> T) {
    for i in 0..<count where !compute(i, worker: 0, body) { return }
  }

  /// Computes index i into its slot; false (and the failure recorded) when it throws.
  private func compute(_ i: Int, worker w: Int, _ body: (Int) throws -> T) -> Bool {
    do { slots[i] = try body(i) } catch {
      failures[w] = (i, error)
      return false
    }
    return true
  }
}
