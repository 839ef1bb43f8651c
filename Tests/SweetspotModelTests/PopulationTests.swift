import Testing
#if canImport(Glibc)
import Glibc
#endif
import SweetspotNumerics
@testable import SweetspotModel

/// The population's storage: who a customer is never depends on how the draws are cut or on
/// whose memory the columns were, and big trials' columns are reused rather than returned.
@Suite struct PopulationTests {
  /// Customers 0 ..< n drawn in one batch, or in batches that start anywhere (as a week's
  /// recruits do): the same people, attribute for attribute.
  @Test(arguments: [1, 2]) func aCustomerDoesNotDependOnWhereTheirBatchStarts(threads: Int) throws {
    let market = Market.competitive, world = World()
    let segments = try DiscreteTable(weights: market.segmentMix)
    let key = StreamKey(seed: 77, trial: 3, purpose: .recruits)
    let n = 1_000
    let whole = Population(capacity: n)
    try whole.appendCustomers(n, key: key, firstItem: 0, market: market, segments: segments, world: world, threads: 2)
    let pieces = Population(capacity: 16)
    var first = 0
    for size in [1, 300, 255, 257, 187] {  // starts at slots 1, 301, 556 and 813: none a unit boundary
      try pieces.appendCustomers(size, key: key, firstItem: first, market: market, segments: segments, world: world, threads: threads)
      first += size
    }
    #expect(first == n && pieces.count == n)
    #expect(PopulationTests.differingSlots(whole.view, pieces.view, n) == 0)
  }

  /// The slots among 0 ..< n where any of the 26 columns differ.
  static func differingSlots(_ a: PopulationView, _ b: PopulationView, _ n: Int) -> Int {
    var differ = 0
    for i in 0..<n {
      let latent = a.segment[i] == b.segment[i] && a.expectation[i] == b.expectation[i] && a.revenue[i] == b.revenue[i]
        && a.priceSensitivity[i] == b.priceSensitivity[i] && a.complaintPropensity[i] == b.complaintPropensity[i]
        && a.wordOfMouth[i] == b.wordOfMouth[i] && a.baseHazard[i] == b.baseHazard[i] && a.problemPropensity[i] == b.problemPropensity[i]
        && a.patience[i] == b.patience[i]
      let state = a.attitude[i] == b.attitude[i] && a.loyalty[i] == b.loyalty[i] && a.alive[i] == b.alive[i]
        && a.pendingAttempts[i] == b.pendingAttempts[i] && a.pendingSize[i] == b.pendingSize[i] && a.pendingChannel[i] == b.pendingChannel[i]
        && a.tarpClass[i] == b.tarpClass[i] && a.tarpWeek[i] == b.tarpWeek[i] && a.churnWeek[i] == b.churnWeek[i]
        && a.defection[i] == b.defection[i]
      let scratch = a.contactChannel[i] == b.contactChannel[i] && a.contactAttempt[i] == b.contactAttempt[i]
        && a.contactSize[i] == b.contactSize[i] && a.contactIsProblem[i] == b.contactIsProblem[i]
        && a.contactEscalated[i] == b.contactEscalated[i] && a.experienced[i] == b.experienced[i] && a.churnDraw[i] == b.churnDraw[i]
      if !(latent && state && scratch) { differ += 1 }
    }
    return differ
  }

  /// Every column of a population big enough to be spread over threads starts on a cache line,
  /// so neighbouring units of slots written by two threads never share one.
  @Test func columnsStartOnCacheLines() {
    let v = PopulationView(capacity: ColumnPool.shared.smallest)
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
    #expect(pool.take(atLeast: 60) == nil && pool.count == 1)  // below `smallest`: the pool is not asked
    let taken = try #require(pool.take(atLeast: 600))
    #expect(taken.view.segment == v.segment && taken.capacity == 1_000)
    #expect(pool.take(atLeast: 600) == nil)  // taken once only
    pool.give(taken.view, capacity: taken.capacity)

    pool.give(PopulationView(capacity: 50), capacity: 50)  // below `smallest`: freed at once
    #expect(pool.count == 1)
    pool.give(PopulationView(capacity: 2_000), capacity: 2_000)
    pool.give(PopulationView(capacity: 3_000), capacity: 3_000)  // the third: the oldest (v) is freed
    #expect(pool.count == 2)
    let second = try #require(pool.take(atLeast: 1_000))
    #expect(second.capacity == 2_000)
    second.view.deallocate()
    // A request no kept set fits (too big, or more than twice too small) frees them all.
    #expect(pool.take(atLeast: 3_001) == nil && pool.count == 0)
    pool.give(PopulationView(capacity: 1_000), capacity: 1_000)
    #expect(pool.take(atLeast: 499) == nil && pool.count == 0)
    pool.give(PopulationView(capacity: 1_000), capacity: 1_000)
    pool.releaseAll()
    #expect(pool.count == 0 && pool.take(atLeast: 1_000) == nil)
  }

  /// A population on reused columns (left full of junk) takes them, and its customers are the
  /// ones drawn on fresh memory, every column of every slot: a draw writes all 26 columns.
  @Test func aPopulationOnReusedColumnsOverwritesEveryColumn() throws {
    let pool = ColumnPool(smallest: 100, kept: 2)
    defer { pool.releaseAll() }
    let junk = PopulationView(capacity: 2_000)
    for column in junk.columns { memset(column.pointer, 0xA5, column.bytesPerSlot * 2_000) }
    pool.give(junk, capacity: 2_000)
    let market = Market.premium, world = World()
    let segments = try DiscreteTable(weights: market.segmentMix)
    let key = StreamKey(seed: 5, trial: 1, purpose: .population)
    let reused = Population(capacity: 1_500, pool: pool)
    #expect(reused.view.segment == junk.segment && pool.count == 0)  // taken from the pool
    let fresh = Population(capacity: 1_500, pool: ColumnPool(smallest: .max, kept: 0))
    for p in [reused, fresh] {
      try p.appendCustomers(1_200, key: key, firstItem: 0, market: market, segments: segments, world: world, threads: 1)
    }
    #expect(PopulationTests.differingSlots(reused.view, fresh.view, 1_200) == 0)
    // Growing takes a kept set of the size too, and frees the outgrown one.
    let bigger = PopulationView(capacity: 3_000)
    pool.give(bigger, capacity: 3_000)
    reused.reserve(2_500)
    #expect(reused.view.segment == bigger.segment && pool.count == 0)
    #expect(PopulationTests.differingSlots(reused.view, fresh.view, 1_200) == 0)  // copied over
  }

  /// Trials big enough for the shared pool give the same outcome on reused columns.
  @Test func aTrialOnReusedColumnsIsTheSameTrial() throws {
    let config = TrialConfiguration(customers: 50_000, weeks: 2)
    #expect(config.customers * 3 / 2 >= ColumnPool.shared.smallest)
    let first = try Trial.run(config, strategy: .goodEnough, market: .competitive, seed: 8, trial: 0)
    let other = try Trial.run(config, strategy: .goodToGreat, market: .premium, seed: 9, trial: 1)
    let again = try Trial.run(config, strategy: .goodEnough, market: .competitive, seed: 8, trial: 0)
    #expect(first == again)
    #expect(other != first)
  }
}
