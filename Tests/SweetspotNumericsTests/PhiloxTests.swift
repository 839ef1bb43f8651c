import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import SweetspotNumerics

/// Philox4x64-10: Random123's known answers, a second implementation (numpy), the C generator
/// type and the Swift blocks held to each other, uniformity, and the batched exponential equal to
/// GSL's sampler draw for draw.
@Suite struct PhiloxTests {
  typealias KAT = (counter: [UInt64], key: [UInt64], block: [UInt64])
  // Random123 1.14, examples/kat_vectors, philox4x64 10 (the same blocks come out of numpy 2.4's
  // np.random.Philox: scripts/philox-kat.py).
  static let kats: [KAT] = [
    ([0, 0, 0, 0], [0, 0], [0x1655_4d9e_ca36_314c, 0xdb20_fe9d_672d_0fdc, 0xd7e7_72ce_e186_176b, 0x7e68_b68a_ec7b_a23b]),
    ([.max, .max, .max, .max], [.max, .max], [0x87b0_92c3_013f_e90b, 0x438c_3c67_be8d_0224, 0x9cc7_d7c6_9cd7_77b6, 0xa09c_aebf_594f_0ba0]),
    ([0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344, 0xa409_3822_299f_31d0, 0x082e_fa98_ec4e_6c89], [0x4528_21e6_38d0_1377, 0xbe54_66cf_34e9_0c6c],
     [0xa528_f454_03e6_1d95, 0x38c7_2dbd_566e_9788, 0xa5a1_610e_72fd_18b5, 0x57bd_43b5_e52b_7fe6]),
  ]

  @Test(arguments: 0..<3)
  func swiftBlockMatchesRandom123(index: Int) {
    let (c, k, expected) = Self.kats[index]
    let b = Philox.block(c[0], c[1], c[2], c[3], key: k[0], k[1])
    #expect([b.0, b.1, b.2, b.3] == expected)
  }

  // Random123 1.14, examples/kat_vectors, philox2x64 10.
  static let kats2: [(counter: [UInt64], key: UInt64, block: [UInt64])] = [
    ([0, 0], 0, [0xca00_a045_9843_d731, 0x66c2_4222_c9a8_45b5]),
    ([.max, .max], .max, [0x65b0_21d6_0cd8_310f, 0x4d02_f322_2f86_df20]),
    ([0x243f_6a88_85a3_08d3, 0x1319_8a2e_0370_7344], 0xa409_3822_299f_31d0, [0x0a5e_742c_2997_341c, 0xb0f8_83d3_8000_de5d]),
  ]

  @Test(arguments: 0..<3)
  func twoWordBlockMatchesRandom123(index: Int) {
    let (c, k, expected) = Self.kats2[index]
    let b = Philox.block2(c[0], c[1], key: k)
    #expect([b.0, b.1] == expected)
  }

  @Test func customerUniformsAreTheBlocksThirtyTwoBitHalves() {
    let d = CustomerDraws(seed: 4, trial: 9, firm: 2, purpose: .service, week: 30)
    for slot in [0, 1, 65_535, 1_000_000] {
      let b = d.block(slot), u = d.uniforms(slot)
      #expect(u.0 == (Double(b.0 >> 32) + 0.5) / 4_294_967_296)
      #expect(u.1 == (Double(b.0 & 0xFFFF_FFFF) + 0.5) / 4_294_967_296)
      #expect(u.2 == (Double(b.1 >> 32) + 0.5) / 4_294_967_296)
      #expect(u.0 > 0 && u.0 < 1 && u.1 > 0 && u.1 < 1 && u.2 > 0 && u.2 < 1)
    }
  }

  @Test(arguments: 0..<3)
  func cBlockMatchesRandom123(index: Int) {
    let (c, k, expected) = Self.kats[index]
    #expect(Philox.cBlock(c, key: k) == expected)
  }

  @Test func cAndSwiftBlocksAgreeEverywhere() {
    var g = SplitMix64(seed: 16)
    for _ in 0..<2000 {
      let c = (0..<4).map { _ in g.next() }, k = [g.next(), g.next()]
      let b = Philox.block(c[0], c[1], c[2], c[3], key: k[0], k[1])
      #expect([b.0, b.1, b.2, b.3] == Philox.cBlock(c, key: k))
    }
  }

  /// numpy 2.4's Philox (a second implementation) for a stream laid out as RandomStream lays
  /// it out: key (0x0123456789abcdef, 7), counter (block, 5 | 9 << 20, 3 | 2 << 32, 0), blocks
  /// 0, 1, 2 (scripts/philox-kat.py prints them).
  static let numpyStream: [UInt64] = [
    0x78a7_0468_6595_58d3, 0xef0f_409c_c137_c06f, 0xcbfc_9ec9_8d47_36c8, 0xe28d_d493_6c27_6d4e, 0x3487_61b3_cc02_1c9e, 0x6e26_405a_ed08_496c,
    0x0cf4_5a71_433b_106c, 0x0841_b91e_78b5_c3b1, 0xa057_910e_3f07_ad24, 0x9591_4199_960c_53a2, 0x668b_ffca_156f_add5, 0xe174_bb1f_bcb4_50e2,
  ]

  @Test func gslGeneratorTypeServesTheStreamNumpyComputes() throws {
    let c1: UInt64 = 5 | 9 << 20, c2: UInt64 = 3 | 2 << 32
    let ints = try RandomStream(philoxCounter: [0, c1, c2, 0], key: [0x0123_4567_89ab_cdef, 7])
    let doubles = try RandomStream(philoxCounter: [0, c1, c2, 0], key: [0x0123_4567_89ab_cdef, 7])
    var words = PhiloxWords(k0: 0x0123_4567_89ab_cdef, k1: 7, c1: c1, c2: c2)
    var swift: [UInt64] = []
    for _ in 0..<3 { let b = words.nextBlock(); swift += [b.0, b.1, b.2, b.3] }
    #expect(swift == Self.numpyStream)
    for w in Self.numpyStream {
      #expect(ints.nextInteger() == UInt(w >> 32))
      #expect(doubles.uniform() == Double(w >> 11) / 9_007_199_254_740_992)
    }
  }

  @Test func streamKeysPositionTheSwiftAndCReadersAlike() throws {
    let key = StreamKey(seed: 2026, trial: 12, purpose: .handleTimes, part: 77, firm: 3, item: 5)
    let s = try RandomStream(key: key)
    #expect(s.generator == .philox4x64)
    var w = try PhiloxWords(key: key)
    for _ in 0..<250 {
      let b = w.nextBlock()
      for x in [b.0, b.1, b.2, b.3] { #expect(s.uniform() == Philox.uniform(x)) }
    }
  }

  @Test func batchedExponentialIsGSLsExponentialBitForBit() throws {
    for (key, mean) in [(StreamKey(seed: 1, trial: 3, purpose: .arrivals), 1.0), (StreamKey(seed: 9, trial: 0, purpose: .patience, part: 4), 180.0)] {
      let s = try RandomStream(key: key)
      var batch = try ExponentialBatch(key: key, mean: mean)
      for _ in 0..<(ExponentialBatch.size * 40 + 7) {
        #expect(batch.next().bitPattern == s.exponential(mean: mean).bitPattern)
      }
    }
  }

  @Test func aUniformTransformedWhenNeededIsTheBatchedExponentialBitForBit() throws {
    // A queue takes every caller's patience from a UniformBatch and takes the logarithm only for
    // a caller who waits: the uniforms are the stream's, and each transformed one is the draw
    // GSL's own sampler makes in its place (held to GSL, not to ExponentialBatch, which shares
    // the formula).
    let key = StreamKey(seed: 4, trial: 2, purpose: .patience, part: 9)
    let s = try RandomStream(key: key), gsl = try RandomStream(key: key)
    var uniforms = try UniformBatch(key: key)
    for _ in 0..<(UniformBatch.size * 10 + 3) {
      let u = uniforms.next()
      #expect(u == s.uniform())
      #expect(ExponentialBatch.exponential(fromUniform: u, mean: 180).bitPattern == gsl.exponential(mean: 180).bitPattern)
    }
  }

  @Test func batchedExponentialHasItsMoments() throws {
    var batch = try ExponentialBatch(key: StreamKey(seed: 77, purpose: .general), mean: 2.5)
    let xs = (0..<200_000).map { _ in batch.next() }
    let (ok, detail) = SampleMoments(xs).agrees(mean: 2.5, variance: 6.25)
    #expect(ok, "\(detail)")
    #expect(xs.allSatisfy { $0 >= 0 && $0.isFinite })
  }

  @Test func uniformsAreUniform() throws {
    // Moments of U(0, 1) and a χ² test over 100 equal bins (99 degrees of freedom: the 0.9999
    // quantile is about 155), for a stream and for the per-customer blocks.
    let s = try RandomStream(key: StreamKey(seed: 5, trial: 2, purpose: .decisions))
    let fromStream = (0..<200_000).map { _ in s.uniform() }
    let draws = CustomerDraws(seed: 5, trial: 2, firm: 1, purpose: .problems, week: 9)
    var fromCustomers: [Double] = [], churnUniforms: [Double] = []
    for i in 0..<70_000 { let u = draws.uniforms(i); fromCustomers += [u.0, u.1, u.2] }
    // The fourth 32 bits (the churn uniform the contacts pass keeps): the block's low half of
    // word 1, beside the same three uniforms, and uniform on its own.
    for i in 0..<60_000 {
      let (a, b, c, word) = draws.uniformsAndWord(i)
      let u = draws.uniforms(i)
      #expect(a == u.0 && b == u.1 && c == u.2)
      #expect(UInt64(word) == draws.block(i).1 & 0xFFFF_FFFF)
      churnUniforms.append(Philox.uniform32(UInt64(word)))
    }
    for xs in [fromStream, fromCustomers, churnUniforms] {
      let (ok, detail) = SampleMoments(xs).agrees(mean: 0.5, variance: 1.0 / 12)
      #expect(ok, "\(detail)")
      var bins = [Double](repeating: 0, count: 100)
      for x in xs { #expect(x >= 0 && x < 1); bins[Int(x * 100)] += 1 }
      let e = Double(xs.count) / 100
      let chi2 = bins.reduce(0) { $0 + ($1 - e) * ($1 - e) / e }
      #expect(chi2 < 155, "χ² = \(chi2)")
    }
  }

  @Test func neighbouringCustomersWeeksAndPassesAreUncorrelated() {
    // |r| < 4/√n between a slot's draw and its neighbour's, next week's, the other pass's and
    // another firm's: counters that differ in one word give unrelated blocks.
    let n = 40_000
    let base = CustomerDraws(seed: 3, trial: 1, purpose: .problems, week: 10)
    let others = [CustomerDraws(seed: 3, trial: 1, purpose: .problems, week: 11), CustomerDraws(seed: 3, trial: 1, purpose: .service, week: 10),
                  CustomerDraws(seed: 3, trial: 1, firm: 1, purpose: .problems, week: 10), CustomerDraws(seed: 3, trial: 2, purpose: .problems, week: 10)]
    func r(_ x: [Double], _ y: [Double]) -> Double {
      let mx = x.reduce(0, +) / Double(n), my = y.reduce(0, +) / Double(n)
      var sxy = 0.0, sxx = 0.0, syy = 0.0
      for i in 0..<n { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my) }
      return sxy / (sxx * syy).squareRoot()
    }
    let x = (0..<n).map { base.uniforms($0).0 }
    #expect(abs(r(x, (0..<n).map { base.uniforms($0 + 1).0 })) < 4 / Double(n).squareRoot())
    #expect(abs(r(x, (0..<n).map { base.uniforms($0).1 })) < 4 / Double(n).squareRoot())
    for o in others { #expect(abs(r(x, (0..<n).map { o.uniforms($0).0 })) < 4 / Double(n).squareRoot()) }
  }

  @Test func customerDrawsDoNotCollideWithOneAnother() {
    // Counter word 1 packs week, purpose and firm without overlap.
    let a = CustomerDraws(seed: 8, trial: 4, purpose: .problems, week: 3)
    let b = CustomerDraws(seed: 8, trial: 4, purpose: .service, week: 3)
    let c = CustomerDraws(seed: 8, trial: 4, firm: 1, purpose: .problems, week: 3)
    let d = CustomerDraws(seed: 8, trial: 4, purpose: .problems, week: 4)
    #expect(Set([a.tag, b.tag, c.tag, d.tag]).count == 4)
    #expect(a.key == d.key && a.key != CustomerDraws(seed: 8, trial: 5, purpose: .problems, week: 3).key)
  }
}
