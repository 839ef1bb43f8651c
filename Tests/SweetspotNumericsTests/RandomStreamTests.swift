import Testing
@testable import SweetspotNumerics

/// Random streams are reproducible, separated, and agree with SSJ's MRG32k3a.
@Suite struct RandomStreamTests {
  // Known answers from SSJ (umontreal-simul/ssj, MRG32k3a with its default seed 12345 × 6),
  // quoted in shared/reference/style.md §8.
  /// Re-positioning by item alone lands where a full key with that item does, on both
  /// generators that position streams by key, whatever the stream was doing before.
  @Test(arguments: [Generator.philox4x64, .mrg32k3a])
  func resettingTheItemAloneEqualsResettingTheWholeKey(generator: Generator) throws {
    let base = StreamKey(seed: 99, trial: 3, purpose: .recruits, part: 0, firm: 2)
    var byItem = try RandomStream(generator: generator, key: base)
    for item: UInt64 in [0, 1, 2, 255, 256, 70_000, StreamKey.maxItems - 1] {
      _ = byItem.uniform()  // partway through a block
      try byItem.reset(item: item)
      var key = base
      key.item = item
      let byKey = try RandomStream(generator: generator, key: key)
      for _ in 0..<9 { #expect(byItem.uniform() == byKey.uniform()) }
      #expect(byItem.key == key)
    }
    #expect(throws: NumericsError.self) { try byItem.reset(item: StreamKey.maxItems) }
  }

  @Test func mrg32k3aReproducesSSJStreamZero() throws {
    let s = try RandomStream(mrg32k3aState: MRG32k3aJump.ssjDefault)
    #expect(s.uniform() == 0.12701112204657714)
  }

  @Test func mrg32k3aReproducesSSJSubstreamOne() throws {
    let state = MRG32k3aJump.state(base: MRG32k3aJump.ssjDefault, stream: 0, substream: 1)
    let s = try RandomStream(mrg32k3aState: state)
    #expect(s.uniform() == 0.07939898979733463)
  }

  @Test func mrg32k3aReproducesSSJStreamOne() throws {
    let state = MRG32k3aJump.state(base: MRG32k3aJump.ssjDefault, stream: 1, substream: 0)
    let s = try RandomStream(mrg32k3aState: state)
    #expect(s.uniform() == 0.7595818622487196)
  }

  @Test func substreamJumpMatrixMatchesSSJ() {
    // SSJ's A1p76, first row.
    #expect(Array(MRG32k3aJump.powers.first[76][0..<3]) == [82_758_667, 1_871_391_091, 4_127_413_238])
  }

  @Test func jumpingOneStepEqualsGeneratingOne() throws {
    // A^1 applied to a state equals one step of the recurrence: the state after n draws is the
    // jump by n. Check for n = 1 ... 5 through the substream machinery at shift 0.
    for n in 1...5 {
      var jumped = MRG32k3aJump.ssjDefault
      MRG32k3aJump.jump(&jumped, by: UInt64(n), shift: 0)
      let a = try RandomStream(mrg32k3aState: MRG32k3aJump.ssjDefault)
      for _ in 0..<n { _ = a.uniform() }
      let b = try RandomStream(mrg32k3aState: jumped)
      #expect(a.uniform() == b.uniform(), "n = \(n)")
    }
  }

  @Test(arguments: Generator.allCases)
  func identicalKeysGiveIdenticalSequences(generator: Generator) throws {
    let key = StreamKey(seed: 2026, trial: 17, purpose: .patience, part: 3)
    let a = try RandomStream(generator: generator, key: key)
    let b = try RandomStream(generator: generator, key: key)
    for _ in 0..<1000 { #expect(a.uniform() == b.uniform()) }
  }

  @Test(arguments: Generator.allCases)
  func differentKeysGiveDifferentSequences(generator: Generator) throws {
    let base = StreamKey(seed: 2026, trial: 17, purpose: .patience, part: 3)
    var variants = [base]
    variants.append(StreamKey(seed: 2027, trial: 17, purpose: .patience, part: 3))
    variants.append(StreamKey(seed: 2026, trial: 18, purpose: .patience, part: 3))
    variants.append(StreamKey(seed: 2026, trial: 17, purpose: .arrivals, part: 3))
    variants.append(StreamKey(seed: 2026, trial: 17, purpose: .patience, part: 4))
    var firsts: [[Double]] = []
    for k in variants {
      let s = try RandomStream(generator: generator, key: k)
      firsts.append((0..<8).map { _ in s.uniform() })
    }
    #expect(Set(firsts.map { $0.description }).count == variants.count)
  }

  @Test func resetRepositionsExactlyLikeANewStream() throws {
    var s = try RandomStream(key: StreamKey(seed: 1, trial: 0))
    for _ in 0..<100 { _ = s.uniform() }
    let key = StreamKey(seed: 9, trial: 123_456, purpose: .decisions)
    try s.reset(to: key)
    let fresh = try RandomStream(key: key)
    for _ in 0..<100 { #expect(s.uniform() == fresh.uniform()) }
  }

  @Test func neighbouringTrialsAreUncorrelated() throws {
    // Correlation of paired first draws across 4,000 consecutive trials: |r| < 4/√n.
    let n = 4000
    var x = [Double](), y = [Double]()
    for t in 0..<n {
      let a = try RandomStream(key: StreamKey(seed: 5, trial: t, purpose: .arrivals))
      let b = try RandomStream(key: StreamKey(seed: 5, trial: t + 1, purpose: .arrivals))
      x.append(a.uniform()); y.append(b.uniform())
    }
    let mx = try Statistics.mean(x), my = try Statistics.mean(y)
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in 0..<n { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) * (x[i] - mx); syy += (y[i] - my) * (y[i] - my) }
    let r = sxy / (sxx * syy).squareRoot()
    #expect(abs(r) < 4 / Double(n).squareRoot())
  }

  @Test func keysOutOfRangeAreErrorsNotTraps() {
    #expect(throws: NumericsError.self) { _ = try RandomStream(key: StreamKey(seed: 1, trial: -1)) }
    #expect(throws: NumericsError.self) { _ = try RandomStream(key: StreamKey(seed: 1, trial: 0, part: 1 << 20)) }
    #expect(throws: NumericsError.self) { try Generator.named("mersenne") }
    #expect(throws: NumericsError.self) { _ = try RandomStream(mrg32k3aState: [0, 0, 0, 1, 1, 1]) }
  }

  @Test func uniformIntegersCoverTheirRangeEvenly() throws {
    let s = try RandomStream(key: StreamKey(seed: 4))
    var counts = [Int](repeating: 0, count: 6)
    let n = 60_000
    for _ in 0..<n { counts[try s.uniformInt(below: 6)] += 1 }
    let se = (Double(n) / 6 * 5 / 6).squareRoot()
    for c in counts { #expect(abs(Double(c) - Double(n) / 6) <= 4.5 * se) }
    #expect(throws: NumericsError.self) { try s.uniformInt(below: 0) }
  }

  @Test func uniformPositiveIsNeverZeroAndUniformStaysBelowOne() throws {
    let s = try RandomStream(key: StreamKey(seed: 3))
    for _ in 0..<100_000 {
      let u = s.uniformPositive()
      #expect(u > 0 && u < 1)
    }
  }
}
