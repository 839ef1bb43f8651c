import Testing
@testable import SweetspotNumerics

/// `parallelMap` returns results in index order whatever the number of workers and whoever
/// took which index, and rethrows the error of the lowest failing index.
@Suite struct ParallelMapTests {
  struct Failed: Error, Equatable { let index: Int }

  @Test(arguments: [1, 2, 3, 8])
  func resultsComeInIndexOrderOnAnyNumberOfWorkers(threads: Int) throws {
    // Uneven work: index i costs about i² steps, so workers finish out of order.
    let out = try parallelMap(count: 97, threads: threads) { i -> Double in
      var x = Double(i)
      for _ in 0..<(i * i) { x = (x * 1.000001).squareRoot() + 1 }
      return x
    }
    let serial = (0..<97).map { i -> Double in
      var x = Double(i)
      for _ in 0..<(i * i) { x = (x * 1.000001).squareRoot() + 1 }
      return x
    }
    #expect(out == serial)
    #expect(try parallelMap(count: 0, threads: threads) { $0 } == [])
  }

  @Test(arguments: [1, 2, 4])
  func theLowestFailingIndexsErrorIsRethrown(threads: Int) {
    for _ in 0..<20 {
      #expect(throws: Failed(index: 13)) {
        _ = try parallelMap(count: 64, threads: threads) { i -> Int in
          if i == 13 || i == 14 || i == 40 { throw Failed(index: i) }
          return i
        }
      }
    }
  }
}
