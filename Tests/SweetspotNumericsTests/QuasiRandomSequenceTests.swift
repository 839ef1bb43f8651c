import Testing
@testable import SweetspotNumerics

/// GSL's low-discrepancy sequences come through unchanged and refuse
/// more dimensions than GSL supports with an error rather than GSL's abort.
@Suite struct QuasiRandomSequenceTests {
  @Test func sobolStartsWithTheKnownPointsOfTheSequence() throws {
    // Sobol' (1967) in two dimensions, after the origin: the dyadic points in Gray-code order.
    let s = try QuasiRandomSequence(kind: .sobol, dimensions: 2)
    let expected: [[Double]] = [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75], [0.375, 0.375], [0.875, 0.875]]
    for point in expected { #expect(s.next() == point) }
  }

  @Test func haltonIsTheRadicalInverseInTheFirstPrimes() throws {
    let s = try QuasiRandomSequence(kind: .halton, dimensions: 3)
    // Points 1, 2, 3 of van der Corput in bases 2, 3, 5.
    let expected: [[Double]] = [[1.0 / 2, 1.0 / 3, 1.0 / 5], [1.0 / 4, 2.0 / 3, 2.0 / 5], [3.0 / 4, 1.0 / 9, 3.0 / 5]]
    for point in expected {
      let p = s.next()
      for d in 0..<3 { #expect(abs(p[d] - point[d]) < 1e-15, "\(p) vs \(point)") }
    }
  }

  @Test(arguments: QuasiRandomKind.allCases)
  func everySequenceFillsTheOpenCubeAndRestarts(kind: QuasiRandomKind) throws {
    let d = min(5, QuasiRandomSequence.maxDimensions(kind))
    let s = try QuasiRandomSequence(kind: kind, dimensions: d)
    let first = (0..<256).map { _ in s.next() }
    // Niederreiter's sequence starts at the origin, the others after it.
    #expect(first[0].allSatisfy { $0 == 0 } == (kind == .niederreiter), "\(kind): \(first[0])")
    for p in first.dropFirst() {
      #expect(p.count == d)
      #expect(p.allSatisfy { $0 > 0 && $0 < 1 }, "\(kind): \(p)")
    }
    // Low discrepancy: each half of each dimension gets 128 ± 8 of 256 points.
    for j in 0..<d {
      let low = first.filter { $0[j] < 0.5 }.count
      #expect(abs(low - 128) <= 8, "\(kind) dimension \(j): \(low) of 256 below ½")
    }
    s.restart()
    #expect(s.next() == first[0])
  }

  @Test func dimensionLimitsAreGSLsAndRefusedBeyond() throws {
    #expect(QuasiRandomSequence.maxDimensions(.sobol) == 40)
    #expect(QuasiRandomSequence.maxDimensions(.niederreiter) == 12)
    #expect(QuasiRandomSequence.maxDimensions(.halton) == 1229)
    #expect(QuasiRandomSequence.maxDimensions(.reverseHalton) == 1229)
    for kind in QuasiRandomKind.allCases {
      let limit = QuasiRandomSequence.maxDimensions(kind)
      _ = try QuasiRandomSequence(kind: kind, dimensions: limit)
      #expect(throws: NumericsError.self) { _ = try QuasiRandomSequence(kind: kind, dimensions: limit + 1) }
      #expect(throws: NumericsError.self) { _ = try QuasiRandomSequence(kind: kind, dimensions: 0) }
    }
    #expect(QuasiRandomKind(rawValue: "reverse-halton") == .reverseHalton)
  }
}
