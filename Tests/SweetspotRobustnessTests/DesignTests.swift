import Testing
import SweetspotNumerics
@testable import SweetspotRobustness

/// Latin hypercubes stratify every dimension and are pure functions of their seed; quasi-random
/// designs are GSL's sequences and refuse what GSL cannot give.
@Suite struct DesignTests {
  @Test(arguments: [(1, 1), (7, 3), (100, 5), (1000, 2)])
  func latinHypercubeHitsEveryStratumOfEveryDimensionOnce(samples: Int, dimensions: Int) throws {
    let points = try Designs.latinHypercube(samples: samples, dimensions: dimensions, seed: 42)
    #expect(points.count == samples)
    for d in 0..<dimensions {
      let strata = points.map { Int($0[d] * Double(samples)) }
      #expect(strata.sorted() == Array(0..<samples), "dimension \(d)")
      #expect(points.allSatisfy { $0[d] > 0 && $0[d] < 1 })
    }
  }

  @Test func latinHypercubeIsReproducibleFromItsSeedAndOnlyFromIt() throws {
    let a = try Designs.latinHypercube(samples: 50, dimensions: 4, seed: 7)
    #expect(a == (try Designs.latinHypercube(samples: 50, dimensions: 4, seed: 7)))
    let b = try Designs.latinHypercube(samples: 50, dimensions: 4, seed: 8)
    for d in 0..<4 { #expect(a.map { $0[d] } != b.map { $0[d] }, "dimension \(d)") }
    // Each dimension has its own stream: a wider design keeps the narrower one's columns.
    let wider = try Designs.latinHypercube(samples: 50, dimensions: 6, seed: 7)
    #expect(wider.map { Array($0[0..<4]) } == a)
  }

  @Test func latinHypercubeColumnsAreNotCorrelated() throws {
    let points = try Designs.latinHypercube(samples: 2000, dimensions: 2, seed: 3)
    let x = points.map { $0[0] - 0.5 }, y = points.map { $0[1] - 0.5 }
    let r = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } / (x.reduce(0) { $0 + $1 * $1 }).squareRoot()
      / (y.reduce(0) { $0 + $1 * $1 }).squareRoot()
    #expect(abs(r) < 4 / 2000.0.squareRoot(), "correlation \(r)")
  }

  @Test func quasiRandomDesignIsTheSequenceWithoutTheOrigin() throws {
    let points = try Designs.quasiRandom(.sobol, samples: 3, dimensions: 2)
    #expect(points == [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75]])
    for kind in QuasiRandomKind.allCases {
      let h = try Designs.quasiRandom(kind, samples: 1000, dimensions: 12)
      #expect(h.count == 1000 && h.allSatisfy { $0.count == 12 && $0.allSatisfy { $0 > 0 && $0 < 1 } }, "\(kind)")
    }
  }

  @Test func designsRefuseImpossibleRequestsWithAnError() throws {
    func refuses(_ kind: RobustnessError.Kind, _ body: () throws -> Void) {
      do { try body(); Issue.record("accepted") } catch let e as RobustnessError {
        #expect(e.kind == kind, "\(e)")
      } catch { Issue.record("\(error)") }
    }
    refuses(.invalidArgument) { _ = try Designs.quasiRandom(.sobol, samples: 10, dimensions: 41) }
    refuses(.invalidArgument) { _ = try Designs.quasiRandom(.niederreiter, samples: 10, dimensions: 13) }
    refuses(.invalidArgument) { _ = try Designs.latinHypercube(samples: 0, dimensions: 3, seed: 1) }
    refuses(.invalidArgument) { _ = try Designs.latinHypercube(samples: 10, dimensions: 0, seed: 1) }
    refuses(.invalidArgument) { _ = try Designs.latinHypercube(samples: Int.max, dimensions: 2, seed: 1) }
    refuses(.invalidArgument) { _ = try Designs.latinHypercube(samples: 10_000_000, dimensions: 10, seed: 1) }
    do {
      _ = try Designs.quasiRandom(.sobol, samples: 10, dimensions: 41)
    } catch let e as RobustnessError {
      #expect(e.message == "quasiRandom(sobol): dimensions must be in 1 ... 40 for the sobol sequence; got 41")
    }
  }

  @Test func designKindsHaveTheirFileNames() {
    #expect(DesignKind.allCases.map(\.rawValue) == ["latin-hypercube", "sobol", "halton", "saltelli", "morris"])
  }
}
