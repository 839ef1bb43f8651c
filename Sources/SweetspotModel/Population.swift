import SweetspotNumerics

/// The customers of one trial, stored as struct-of-arrays: one contiguous array per attribute,
/// so the weekly loop streams through memory and no customer is an object.
///
/// Latent attributes are drawn for every customer when they join, whether or not a strategy will
/// make them matter (patience is drawn even for customers who never call): this keeps common
/// random numbers in step across strategies. Attributes are stored as `Float` (half the memory of
/// `Double`; their precision is far beyond what the model's assumptions justify) and computed
/// with in `Double`. Memory: 15 four-byte and 4 one-byte fields, ≈ 64 bytes per customer slot.
public struct Population: Sendable {
  // Latent attributes (fixed for life).
  var segment: [UInt8] = []
  var expectation: [Float] = []
  var revenue: [Float] = []
  var priceSensitivity: [Float] = []
  var complaintPropensity: [Float] = []
  var wordOfMouth: [Float] = []
  var baseHazard: [Float] = []
  var problemPropensity: [Float] = []
  var patience: [Float] = []
  // State.
  /// Cumulative attitude on the 0–1 latent scale (drives CSAT, NPS).
  var attitude: [Float] = []
  /// Attitude as it drives churn and word of mouth: equal to `attitude` except that, without
  /// the service-recovery paradox, recovery cannot lift it above the pre-problem level.
  var loyalty: [Float] = []
  var alive: [Bool] = []
  /// A problem or inquiry still open: attempts made so far (0 = none), its size and channel.
  var pendingAttempts: [UInt8] = []
  var pendingSize: [Float] = []
  var pendingChannel: [UInt8] = []
  /// TARP bookkeeping: the outcome class of the first problem and the week it ended; the week
  /// the customer left (−1 while a customer).
  var tarpClass: [UInt8] = []
  var tarpWeek: [Int32] = []
  var churnWeek: [Int32] = []
  /// One-time probability of leaving armed when a problem ends this week (TARP overlay).
  var defection: [Float] = []

  /// Customers ever in the trial (alive or not); slots are never reused.
  public private(set) var count = 0

  init(capacity: Int) {
    for_each_array { $0.reserveCapacity(capacity) }
  }

  private mutating func for_each_array(_ reserve: (inout [Float]) -> Void) {
    reserve(&expectation); reserve(&revenue); reserve(&priceSensitivity); reserve(&complaintPropensity)
    reserve(&wordOfMouth); reserve(&baseHazard); reserve(&problemPropensity); reserve(&patience)
    reserve(&attitude); reserve(&loyalty); reserve(&pendingSize)
  }

  /// Appends one customer drawn from `stream`: a segment from the market's mix, then every
  /// latent attribute from that segment's distributions, in a fixed order.
  mutating func append(from stream: borrowing RandomStream, market: Market, segments: DiscreteTable,
                       world: World, week: Int) {
    let seg = Segment(rawValue: segments.draw(using: stream))!
    let p = seg.profile
    let e = stream.beta(p.expectation * 20, (1 - p.expectation) * 20)
    let revSigma2 = log1p(0.36)  // CV 0.6
    let rev = stream.lognormal(mu: log(p.weeklyRevenue * market.revenueScale) - revSigma2 / 2, sigma: revSigma2.squareRoot())
    let psi = stream.gamma(shape: 4, scale: p.priceSensitivity / 4)
    let kappa = stream.beta(p.complaintPropensity * 10, (1 - p.complaintPropensity) * 10)
    let omega = stream.gamma(shape: 2, scale: p.wordOfMouth / 2)
    let h0 = stream.gamma(shape: 4, scale: p.weeklyChurnHazard / 4)
    let pi = stream.gamma(shape: 3, scale: 1.0 / 3)
    let patSigma2 = log1p(0.64)  // CV 0.8
    let pat = stream.lognormal(mu: log(p.patienceSeconds) - patSigma2 / 2, sigma: patSigma2.squareRoot())
    // New customers start near the attitude their product experience sustains.
    let start = Satisfaction.productExperience(expectation: e, quality: market.productQuality, world: world)
    let a0 = min(1, max(0, stream.gaussian(mean: start, standardDeviation: 0.05)))
    segment.append(UInt8(seg.rawValue))
    expectation.append(Float(e)); revenue.append(Float(rev)); priceSensitivity.append(Float(psi))
    complaintPropensity.append(Float(kappa)); wordOfMouth.append(Float(omega)); baseHazard.append(Float(h0))
    problemPropensity.append(Float(pi)); patience.append(Float(pat))
    attitude.append(Float(a0)); loyalty.append(Float(a0)); alive.append(true)
    pendingAttempts.append(0); pendingSize.append(0); pendingChannel.append(0)
    tarpClass.append(0); tarpWeek.append(-1); churnWeek.append(-1); defection.append(0)
    count += 1
  }

  /// Customers alive now.
  public var aliveCount: Int { alive.reduce(0) { $0 + ($1 ? 1 : 0) } }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
