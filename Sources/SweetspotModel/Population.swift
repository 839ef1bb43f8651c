import Dispatch
import Synchronization
import SweetspotNumerics

/// The customers of one trial, stored as struct-of-arrays: one contiguous column per attribute,
/// so the weekly loop streams through memory and no customer is an object.
///
/// Latent attributes are drawn for every customer when they join, whether or not a strategy will
/// make them matter (patience is drawn even for customers who never call): this keeps common
/// random numbers in step across strategies. Attributes are stored as `Float` (half the memory of
/// `Double`; their precision is far beyond what the model's assumptions justify) and computed
/// with in `Double`.
///
/// Columns are raw buffers owned by this object, not Swift arrays: the weekly passes read and
/// write them through a `PopulationView` (a struct of pointers) with no copy-on-write checks, and
/// chunks of customers can be processed on several threads at once. Memory: 16 four-byte and
/// 10 one-byte columns, 74 bytes per customer slot (plus growth headroom of up to 2×).
public final class Population: @unchecked Sendable {
  public private(set) var count = 0
  private(set) var capacity = 0
  public private(set) var view: PopulationView

  /// Where the columns come from and go back to (`ColumnPool.shared`; tests give their own).
  private let pool: ColumnPool

  init(capacity: Int, pool: ColumnPool = .shared) {
    self.pool = pool
    (view, self.capacity) = pool.columns(atLeast: max(capacity, 16))
  }

  deinit { pool.give(view, capacity: capacity) }

  /// Makes room for `n` slots (copying what is there); invalidates earlier views. The new columns
  /// come from the pool when it keeps a set of the size; the outgrown ones are freed, not kept
  /// (kept, a firm that grew twice held two sets it would never use again).
  func reserve(_ n: Int) {
    guard n > capacity else { return }
    let (v, c) = pool.columns(atLeast: n)
    v.copy(from: view, count: count)
    pool.free(view, capacity: capacity)
    view = v
    capacity = c
  }

  /// Frees the columns kept for the next trial (`ColumnPool`), on a background thread: a run
  /// calls this once its trials are done, so the report is written while the memory is returned.
  public static func releaseSpareColumns() { ColumnPool.shared.releaseAll() }

  /// Extends the population to `n` slots whose attributes the caller then sets with `draw`.
  func grow(to n: Int) {
    if n > capacity { reserve(max(n, capacity * 3 / 2)) }
    count = n
  }

  /// Customers per unit of `appendCustomers`' parallel work on two or more threads (each unit
  /// allocates one generator; on one thread a batch is one unit). Small, so a week's few
  /// thousand recruits still split evenly over the threads. No draw depends on the units.
  static let drawUnit = 256

  /// Appends `count` customers, customer j (0 ..< count) drawn from its own stream, item
  /// `firstItem` + j of `key` (starting customer i of the firm's `population` stream, the k-th
  /// recruit of its `recruits` stream: `Firm`): a Philox stream positioned by writing a counter.
  /// A customer's attributes then depend on nothing but the key, and the customers are drawn in
  /// parallel (units of `drawUnit`): the starting population in units small enough to balance two
  /// threads (it was drawn in chunks of 65,536 customers, one stream each), and the recruits,
  /// which were drawn in order from one stream, the largest step left on one thread in a trial
  /// of a million customers.
  func appendCustomers(_ count: Int, key: StreamKey, firstItem: Int, market: Market, segments: DiscreteTable, world: World,
                       threads: Int) throws {
    guard count > 0 else { return }
    let first = self.count
    grow(to: first + count)
    let v = view
    // Units are cut at multiples of `drawUnit` slots (the first one shorter), so that a week's
    // recruits, which start at any slot, write whole lines of each column too. On one thread
    // there is one unit, so one generator: every customer's draws start from their own counter
    // whatever the stream drew before, so the cut changes no draw, only the allocations.
    let skew = first % Population.drawUnit
    _ = try parallelMap(count: skew + count, unit: threads == 1 ? skew + count : Population.drawUnit, threads: threads) { range in
      var stream = try RandomStream(key: key)
      for j in max(range.lowerBound - skew, 0) ..< range.upperBound - skew {
        try stream.reset(item: UInt64(firstItem + j))
        v.draw(first + j, from: stream, market: market, segments: segments, world: world)
      }
    }
  }

  /// Appends the person customer `i` of `source` is (their latent attributes: segment,
  /// expectation, revenue, sensitivities, propensities, patience) as a new customer of this
  /// population, with a fresh history and `attitude` as both attitude and loyalty (a customer
  /// who moves to another firm of an industry).
  func append(copying source: PopulationView, _ i: Int, attitude: Double) {
    grow(to: count + 1)
    let v = view, j = count - 1
    v.segment[j] = source.segment[i]; v.expectation[j] = source.expectation[i]; v.revenue[j] = source.revenue[i]
    v.priceSensitivity[j] = source.priceSensitivity[i]; v.complaintPropensity[j] = source.complaintPropensity[i]
    v.wordOfMouth[j] = source.wordOfMouth[i]; v.baseHazard[j] = source.baseHazard[i]
    v.problemPropensity[j] = source.problemPropensity[i]; v.patience[j] = source.patience[i]
    v.attitude[j] = Float(attitude); v.loyalty[j] = Float(attitude)
    v.resetHistory(j)
  }

  /// Empties the population, keeping its storage (a staging area reused week after week).
  func removeAll() { count = 0 }
}

/// The columns of big populations outlive their trial, for the next trial of the run to reuse.
///
/// A million-customer trial's columns are 110 MB. Freed, they went back to the kernel (each is
/// far above malloc's mapping threshold), page by page on the thread running the trial while
/// the other threads waited, and the next trial faulted the same 27,000 pages in again. Kept,
/// they cost neither. Contents are never carried over: a customer's draw sets every column of
/// their slot (`PopulationView.draw`), and nothing reads a slot past `count`.
///
/// At most `kept` sets are kept, each for a request of between half its size and its size; a
/// request that none fits frees them all at once (`take`). One given back when the list is full,
/// an outgrown one (`Population.reserve`), and the whole list when a run's trials are done
/// (`Population.releaseSpareColumns`) are freed on a background thread.
final class ColumnPool: Sendable {
  /// Populations of fewer slots allocate and free their columns as before.
  let smallest: Int
  /// Sets of columns kept at once.
  let kept: Int
  private let spare = Mutex<[(view: PopulationView, capacity: Int)]>([])

  /// The pool every population uses: populations from 65,536 slots (trials from about 44,000
  /// customers, whose columns have room for 1.5× the starting customers); two sets (a trial that
  /// outgrows its columns, or two trials side by side on two threads).
  static let shared = ColumnPool(smallest: 65_536, kept: 2)

  init(smallest: Int, kept: Int) {
    self.smallest = smallest
    self.kept = kept
  }

  /// The smallest kept set with room for `n` slots and at most twice that many, taken off the
  /// list. When none fits, every kept set is freed at once: the sizes have changed (an industry
  /// draws its firms' sizes anew each trial), and sets that no request fits only add to the peak.
  func take(atLeast n: Int) -> (view: PopulationView, capacity: Int)? {
    guard n >= smallest else { return nil }
    let (found, unfit): ((view: PopulationView, capacity: Int)?, [PopulationView]) = spare.withLock { list in
      guard let k = list.indices.filter({ list[$0].capacity >= n && list[$0].capacity <= 2 * n })
        .min(by: { list[$0].capacity < list[$1].capacity }) else {
        defer { list.removeAll() }
        return (nil, list.map(\.view))
      }
      return (list.remove(at: k), [])
    }
    for v in unfit { v.deallocate() }  // now, before the caller allocates its own
    return found
  }

  /// A kept set with room for `n` slots (`take`), or new columns of exactly `n`.
  func columns(atLeast n: Int) -> (view: PopulationView, capacity: Int) {
    take(atLeast: n) ?? (PopulationView(capacity: n), n)
  }

  /// Keeps `view` (room for `capacity` slots) for a later population, or frees it.
  func give(_ view: PopulationView, capacity: Int) {
    guard capacity >= smallest else { free(view, capacity: capacity); return }
    let evicted: (view: PopulationView, capacity: Int)? = spare.withLock { list in
      list.append((view, capacity))
      return list.count > kept ? list.removeFirst() : nil
    }
    if let evicted { free(evicted.view, capacity: evicted.capacity) }
  }

  /// Frees `view` without keeping it (a big set in the background).
  func free(_ view: PopulationView, capacity: Int) {
    if capacity >= smallest { ColumnPool.freeInBackground([view]) } else { view.deallocate() }
  }

  /// Frees every kept set (in the background).
  func releaseAll() {
    let all = spare.withLock { list in
      defer { list.removeAll() }
      return list.map(\.view)
    }
    if !all.isEmpty { ColumnPool.freeInBackground(all) }
  }

  /// Sets kept now.
  var count: Int { spare.withLock { $0.count } }

  private static func freeInBackground(_ views: [PopulationView]) {
    DispatchQueue.global(qos: .utility).async { for v in views { v.deallocate() } }
  }
}

/// Pointers to a population's columns and to the per-slot weekly scratch. A value: copy it into
/// a worker, and index it like arrays (no bounds checks: callers stay within `count`).
public struct PopulationView: @unchecked Sendable {
  // Latent attributes (fixed for life).
  var segment: UnsafeMutablePointer<UInt8>
  var expectation: UnsafeMutablePointer<Float>
  var revenue: UnsafeMutablePointer<Float>
  var priceSensitivity: UnsafeMutablePointer<Float>
  var complaintPropensity: UnsafeMutablePointer<Float>
  var wordOfMouth: UnsafeMutablePointer<Float>
  var baseHazard: UnsafeMutablePointer<Float>
  var problemPropensity: UnsafeMutablePointer<Float>
  var patience: UnsafeMutablePointer<Float>
  // State.
  /// Cumulative attitude on the 0–1 latent scale (drives CSAT, NPS).
  var attitude: UnsafeMutablePointer<Float>
  /// Attitude as it drives churn and word of mouth: equal to `attitude` except that, without
  /// the service-recovery paradox, recovery cannot lift it above the no-problem level.
  var loyalty: UnsafeMutablePointer<Float>
  var alive: UnsafeMutablePointer<Bool>
  /// A problem or inquiry still open: attempts made so far (0 = none), its size and channel.
  var pendingAttempts: UnsafeMutablePointer<UInt8>
  var pendingSize: UnsafeMutablePointer<Float>
  var pendingChannel: UnsafeMutablePointer<ContactChannel>
  /// TARP bookkeeping: the outcome class of the first problem and the week it ended; the week
  /// the customer left (−1 while a customer).
  var tarpClass: UnsafeMutablePointer<ProblemOutcome>
  var tarpWeek: UnsafeMutablePointer<Int32>
  var churnWeek: UnsafeMutablePointer<Int32>
  /// One-time probability of leaving armed when a problem ends this week (TARP overlay).
  var defection: UnsafeMutablePointer<Float>
  // Weekly scratch: this week's live contact, if any.
  var contactChannel: UnsafeMutablePointer<ContactChannel>
  var contactAttempt: UnsafeMutablePointer<UInt8>
  var contactSize: UnsafeMutablePointer<Float>
  var contactIsProblem: UnsafeMutablePointer<Bool>
  var contactEscalated: UnsafeMutablePointer<Bool>
  var experienced: UnsafeMutablePointer<Bool>
  /// This week's churn uniform, as the 32 bits the contacts pass read from the slot's block and
  /// the outcomes pass turns into a uniform (`CustomerWeek`): one Philox block per customer-week.
  var churnDraw: UnsafeMutablePointer<UInt32>

  /// Columns for `n` slots, uninitialized, each starting on a cache line (`column`).
  init(capacity n: Int) {
    segment = .column(n); expectation = .column(n); revenue = .column(n)
    priceSensitivity = .column(n); complaintPropensity = .column(n); wordOfMouth = .column(n)
    baseHazard = .column(n); problemPropensity = .column(n); patience = .column(n)
    attitude = .column(n); loyalty = .column(n); alive = .column(n)
    pendingAttempts = .column(n); pendingSize = .column(n); pendingChannel = .column(n)
    tarpClass = .column(n); tarpWeek = .column(n); churnWeek = .column(n)
    defection = .column(n); contactChannel = .column(n); contactAttempt = .column(n)
    contactSize = .column(n); contactIsProblem = .column(n); contactEscalated = .column(n)
    experienced = .column(n); churnDraw = .column(n)
  }

  /// Copies slots 0 ..< n of every column from `o`, the weekly scratch too (pass 1 reads it to
  /// clear only what is set). Every column holds plain values, so bytes are copied.
  func copy(from o: PopulationView, count n: Int) {
    guard n > 0 else { return }
    for (to, from) in zip(columns, o.columns) { to.pointer.copyMemory(from: from.pointer, byteCount: n * from.bytesPerSlot) }
  }

  /// Every column, with the bytes it holds per slot.
  var columns: [(pointer: UnsafeMutableRawPointer, bytesPerSlot: Int)] {
    func c<T>(_ p: UnsafeMutablePointer<T>) -> (pointer: UnsafeMutableRawPointer, bytesPerSlot: Int) {
      (UnsafeMutableRawPointer(p), MemoryLayout<T>.stride)
    }
    return [c(segment), c(expectation), c(revenue), c(priceSensitivity), c(complaintPropensity), c(wordOfMouth), c(baseHazard),
            c(problemPropensity), c(patience), c(attitude), c(loyalty), c(alive), c(pendingAttempts), c(pendingSize),
            c(pendingChannel), c(tarpClass), c(tarpWeek), c(churnWeek), c(defection), c(contactChannel), c(contactAttempt),
            c(contactSize), c(contactIsProblem), c(contactEscalated), c(experienced), c(churnDraw)]
  }

  func deallocate() { for column in columns { column.pointer.deallocate() } }

  /// Draws customer `i`: a segment from the market's mix, then every latent attribute from that
  /// segment's distributions, in a fixed order, and a fresh state. Means are the segment's
  /// (`World.segments`), shapes `World.heterogeneity`: Beta(c·m, c·(1 − m)) for expectation and
  /// complaint propensity, Gamma(k, m/k) for price sensitivity, word of mouth, base hazard and
  /// problem propensity (mean 1), lognormal with mean m and log-variance σ² for revenue and
  /// patience.
  func draw(_ i: Int, from stream: borrowing RandomStream, market: Market, segments: DiscreteTable, world: World) {
    let seg = Segment(rawValue: segments.draw(using: stream))!
    let p = world.profile(seg)
    let h = world.heterogeneity
    let e = stream.beta(p.expectation * h.expectationConcentration, (1 - p.expectation) * h.expectationConcentration)
    let revSigma2 = h.revenueLogVariance
    let rev = stream.lognormal(mu: log(p.weeklyRevenue * market.revenueScale) - revSigma2 / 2, sigma: revSigma2.squareRoot())
    let psi = stream.gamma(shape: h.priceSensitivityShape, scale: p.priceSensitivity / h.priceSensitivityShape)
    let kappa = stream.beta(p.complaintPropensity * h.complaintConcentration, (1 - p.complaintPropensity) * h.complaintConcentration)
    let omega = stream.gamma(shape: h.wordOfMouthShape, scale: p.wordOfMouth / h.wordOfMouthShape)
    let h0 = stream.gamma(shape: h.churnHazardShape, scale: p.weeklyChurnHazard / h.churnHazardShape)
    let pi = stream.gamma(shape: h.problemPropensityShape, scale: 1.0 / h.problemPropensityShape)
    let patSigma2 = h.patienceLogVariance
    let pat = stream.lognormal(mu: log(p.patienceSeconds) - patSigma2 / 2, sigma: patSigma2.squareRoot())
    // New customers start near the attitude their product experience sustains.
    let start = Satisfaction.productExperience(expectation: e, quality: market.productQuality, world: world)
    let a0 = min(1, max(0, stream.gaussian(mean: start, standardDeviation: h.initialAttitudeSpread)))
    segment[i] = UInt8(seg.rawValue)
    expectation[i] = Float(e); revenue[i] = Float(rev); priceSensitivity[i] = Float(psi)
    complaintPropensity[i] = Float(kappa); wordOfMouth[i] = Float(omega); baseHazard[i] = Float(h0)
    problemPropensity[i] = Float(pi); patience[i] = Float(pat)
    attitude[i] = Float(a0); loyalty[i] = Float(a0)
    resetHistory(i)
  }

  /// A new customer's state besides attitude and loyalty: alive, nothing pending, no problem yet.
  func resetHistory(_ i: Int) {
    alive[i] = true
    pendingAttempts[i] = 0; pendingSize[i] = 0; pendingChannel[i] = .none
    tarpClass[i] = .none; tarpWeek[i] = -1; churnWeek[i] = -1; defection[i] = 0
    contactChannel[i] = .none; contactAttempt[i] = 0; contactSize[i] = 0; contactIsProblem[i] = false
    contactEscalated[i] = false; experienced[i] = false; churnDraw[i] = .max  // "stays", should pass 1 ever not write it
  }
}

extension UnsafeMutablePointer {
  /// Room for a column of `n` values, uninitialized, starting on a cache line. Two threads write
  /// neighbouring units of slots at the same time (the passes' `Trial.passUnit` and the draws'
  /// `Population.drawUnit`, both multiples of 64): aligned, each unit of each column starts on a
  /// line of its own, where malloc's 16-byte alignment put the first and last customers of a unit
  /// on lines the neighbouring units wrote too.
  /// Columns of fewer than `ColumnPool.shared.smallest` slots (trials too small to be spread over
  /// threads) keep malloc's alignment and its tighter packing: a 40-firm industry holds about
  /// a thousand of them.
  static func column(_ n: Int) -> UnsafeMutablePointer<Pointee> {
    let alignment = n >= ColumnPool.shared.smallest ? 64 : MemoryLayout<Pointee>.alignment
    return UnsafeMutableRawPointer.allocate(byteCount: n * MemoryLayout<Pointee>.stride, alignment: alignment)
      .bindMemory(to: Pointee.self, capacity: n)
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
