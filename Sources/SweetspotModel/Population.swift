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

  init(capacity: Int) {
    self.capacity = max(capacity, 16)
    view = PopulationView(capacity: self.capacity)
  }

  deinit { view.deallocate() }

  /// Makes room for `n` slots (copying what is there); invalidates earlier views.
  func reserve(_ n: Int) {
    guard n > capacity else { return }
    let v = PopulationView(capacity: n)
    v.copy(from: view, count: count)
    view.deallocate()
    view = v
    capacity = n
  }

  /// Extends the population to `n` slots whose attributes the caller then sets with `draw`.
  func grow(to n: Int) {
    if n > capacity { reserve(max(n, capacity * 3 / 2)) }
    count = n
  }

  /// Customers per unit of `appendCustomers`' parallel work (fixed, so the units are the same
  /// on any number of threads; each unit allocates one generator). Small, so a week's few
  /// thousand recruits still split evenly over the threads.
  static let drawUnit = 256

  /// Appends `count` customers, customer j (0 ..< count) drawn from its own stream, item
  /// `firstItem` + j of `key` (starting customer i of the firm's `population` stream, the k-th
  /// recruit of its `recruits` stream: `Firm`): a Philox stream positioned by writing a counter. A customer's attributes then depend on nothing but the key, and the customers are
  /// drawn in parallel (units of `drawUnit`): the starting population in units small enough to
  /// balance two threads (it was drawn in chunks of 65,536 customers, one stream each), and the
  /// recruits, which were drawn in order from one stream, the largest step left on one thread in
  /// a trial of a million customers.
  func appendCustomers(_ count: Int, key: StreamKey, firstItem: Int, market: Market, segments: DiscreteTable, world: World,
                       threads: Int) throws {
    guard count > 0 else { return }
    let first = self.count
    grow(to: first + count)
    let v = view
    _ = try parallelMap(count: count, unit: Population.drawUnit, threads: threads) { range in
      var stream = try RandomStream(key: key)
      for j in range {
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

  /// Columns for `n` slots, uninitialized.
  init(capacity n: Int) {
    segment = .allocate(capacity: n); expectation = .allocate(capacity: n); revenue = .allocate(capacity: n)
    priceSensitivity = .allocate(capacity: n); complaintPropensity = .allocate(capacity: n); wordOfMouth = .allocate(capacity: n)
    baseHazard = .allocate(capacity: n); problemPropensity = .allocate(capacity: n); patience = .allocate(capacity: n)
    attitude = .allocate(capacity: n); loyalty = .allocate(capacity: n); alive = .allocate(capacity: n)
    pendingAttempts = .allocate(capacity: n); pendingSize = .allocate(capacity: n); pendingChannel = .allocate(capacity: n)
    tarpClass = .allocate(capacity: n); tarpWeek = .allocate(capacity: n); churnWeek = .allocate(capacity: n)
    defection = .allocate(capacity: n); contactChannel = .allocate(capacity: n); contactAttempt = .allocate(capacity: n)
    contactSize = .allocate(capacity: n); contactIsProblem = .allocate(capacity: n); contactEscalated = .allocate(capacity: n)
    experienced = .allocate(capacity: n); churnDraw = .allocate(capacity: n)
  }

  func copy(from o: PopulationView, count n: Int) {
    guard n > 0 else { return }
    segment.update(from: o.segment, count: n); expectation.update(from: o.expectation, count: n); revenue.update(from: o.revenue, count: n)
    priceSensitivity.update(from: o.priceSensitivity, count: n); complaintPropensity.update(from: o.complaintPropensity, count: n)
    wordOfMouth.update(from: o.wordOfMouth, count: n); baseHazard.update(from: o.baseHazard, count: n)
    problemPropensity.update(from: o.problemPropensity, count: n); patience.update(from: o.patience, count: n)
    attitude.update(from: o.attitude, count: n); loyalty.update(from: o.loyalty, count: n); alive.update(from: o.alive, count: n)
    pendingAttempts.update(from: o.pendingAttempts, count: n); pendingSize.update(from: o.pendingSize, count: n)
    pendingChannel.update(from: o.pendingChannel, count: n); tarpClass.update(from: o.tarpClass, count: n)
    tarpWeek.update(from: o.tarpWeek, count: n); churnWeek.update(from: o.churnWeek, count: n); defection.update(from: o.defection, count: n)
    // The weekly scratch too: pass 1 reads it to clear only what is set.
    contactChannel.update(from: o.contactChannel, count: n); contactAttempt.update(from: o.contactAttempt, count: n)
    contactSize.update(from: o.contactSize, count: n); contactIsProblem.update(from: o.contactIsProblem, count: n)
    contactEscalated.update(from: o.contactEscalated, count: n); experienced.update(from: o.experienced, count: n)
    churnDraw.update(from: o.churnDraw, count: n)
  }

  func deallocate() {
    segment.deallocate(); expectation.deallocate(); revenue.deallocate(); priceSensitivity.deallocate()
    complaintPropensity.deallocate(); wordOfMouth.deallocate(); baseHazard.deallocate(); problemPropensity.deallocate()
    patience.deallocate(); attitude.deallocate(); loyalty.deallocate(); alive.deallocate(); pendingAttempts.deallocate()
    pendingSize.deallocate(); pendingChannel.deallocate(); tarpClass.deallocate(); tarpWeek.deallocate(); churnWeek.deallocate()
    defection.deallocate(); contactChannel.deallocate(); contactAttempt.deallocate(); contactSize.deallocate()
    contactIsProblem.deallocate(); contactEscalated.deallocate(); experienced.deallocate(); churnDraw.deallocate()
  }

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

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
