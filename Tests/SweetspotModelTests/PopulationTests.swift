import Testing
import SweetspotNumerics
@testable import SweetspotModel

/// The population's storage: who a customer is never depends on how the draws are cut or on
/// whose memory the columns were, and big trials' columns are reused rather than returned.
@Suite struct PopulationTests {
  /// Customers 0 ..< n drawn in one batch, or in batches that start anywhere (as a week's
  /// recruits do): the same people, attribute for attribute.
  @Test func aCustomerDoesNotDependOnWhereTheirBatchStarts() throws {
    let market = Market.competitive, world = World()
    let segments = try DiscreteTable(weights: market.segmentMix)
    let key = StreamKey(seed: 77, trial: 3, purpose: .recruits)
    let n = 1_000
    let whole = Population(capacity: n)
    try whole.appendCustomers(n, key: key, firstItem: 0, market: market, segments: segments, world: world, threads: 2)
    let pieces = Population(capacity: 16)
    var first = 0
    for size in [1, 300, 255, 257, 187] {  // starts at slots 1, 301, 556 and 813: none a unit boundary
      try pieces.appendCustomers(size, key: key, firstItem: first, market: market, segments: segments, world: world, threads: 2)
      first += size
    }
    #expect(first == n && pieces.count == n)
    let a = whole.view, b = pieces.view
    var same = 0
    for i in 0..<n where a.segment[i] == b.segment[i] && a.expectation[i] == b.expectation[i] && a.revenue[i] == b.revenue[i]
      && a.priceSensitivity[i] == b.priceSensitivity[i] && a.complaintPropensity[i] == b.complaintPropensity[i]
      && a.wordOfMouth[i] == b.wordOfMouth[i] && a.baseHazard[i] == b.baseHazard[i] && a.problemPropensity[i] == b.problemPropensity[i]
      && a.patience[i] == b.patience[i] && a.attitude[i] == b.attitude[i] && a.alive[i] && b.alive[i] {
      same += 1
    }
    #expect(same == n)
  }

  /// Every column starts on a cache line, so neighbouring units of slots written by two threads
  /// never share one.
  @Test func columnsStartOnCacheLines() {
    let v = PopulationView(capacity: 1_000)
    defer { v.deallocate() }
    for p in [UnsafeRawPointer(v.segment), UnsafeRawPointer(v.alive), UnsafeRawPointer(v.attitude), UnsafeRawPointer(v.churnDraw),
              UnsafeRawPointer(v.tarpWeek), UnsafeRawPointer(v.contactSize)] {
      #expect(Int(bitPattern: p) % 64 == 0)
    }
    #expect(Trial.passUnit % 64 == 0 && Population.drawUnit % 64 == 0)
  }

  /// A set of columns given back is taken again by a request of between half its size and its
  /// size; small ones, and any beyond the kept number, are freed.
  @Test func freedColumnsAreReusedBySimilarRequestsOnly() throws {
    let pool = ColumnPool(smallest: 100, kept: 2)
    defer { pool.releaseAll() }
    let v = PopulationView(capacity: 1_000)
    pool.give(v, capacity: 1_000)
    #expect(pool.take(atLeast: 1_001) == nil)  // too small
    #expect(pool.take(atLeast: 499) == nil)  // more than twice the request: kept for a bigger one
    let taken = try #require(pool.take(atLeast: 600))
    #expect(taken.view.segment == v.segment && taken.capacity == 1_000)
    #expect(pool.take(atLeast: 600) == nil)  // taken once only
    pool.give(taken.view, capacity: taken.capacity)

    pool.give(PopulationView(capacity: 50), capacity: 50)  // below `smallest`: freed at once
    #expect(pool.count == 1 && pool.take(atLeast: 50) == nil)
    pool.give(PopulationView(capacity: 2_000), capacity: 2_000)
    pool.give(PopulationView(capacity: 3_000), capacity: 3_000)  // the third: the oldest (v) is freed
    #expect(pool.count == 2)
    #expect(pool.take(atLeast: 1_000)?.capacity == 2_000)
    pool.releaseAll()
    #expect(pool.count == 0 && pool.take(atLeast: 1_500) == nil)
  }

  /// A trial big enough for the shared pool, run twice: the second reuses the first's columns
  /// (the first trial's customers are still in them) and gives the same outcome.
  @Test func aTrialOnReusedColumnsIsTheSameTrial() throws {
    let config = TrialConfiguration(customers: 50_000, weeks: 2)
    #expect(config.customers * 3 / 2 >= ColumnPool.shared.smallest)
    let first = try Trial.run(config, strategy: .goodEnough, market: .competitive, seed: 8, trial: 0)
    let again = try Trial.run(config, strategy: .goodEnough, market: .competitive, seed: 8, trial: 0)
    let other = try Trial.run(config, strategy: .goodToGreat, market: .premium, seed: 9, trial: 1)
    let third = try Trial.run(config, strategy: .goodEnough, market: .competitive, seed: 8, trial: 0)
    #expect(first == again && again == third)
    #expect(other != first)
  }
}
