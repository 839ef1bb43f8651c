import Testing
import SweetspotNumerics
@testable import SweetspotRobustness

/// PRIM finds a box planted in noisy data, and its trajectory and choice follow the documented
/// rules.
@Suite struct PRIMTests {
  /// 2,000 uniform points in four inputs; y = (x₀ > 0.6 and x₁ < 0.3), each label flipped with
  /// probability 2%.
  static func planted(seed: UInt64) throws -> (x: [[Double]], y: [Bool]) {
    let stream = try RandomStream(key: StreamKey(seed: seed))
    var x: [[Double]] = [], y: [Bool] = []
    for _ in 0..<2000 {
      let p = (0..<4).map { _ in stream.uniform() }
      x.append(p)
      y.append((p[0] > 0.6 && p[1] < 0.3) != stream.bernoulli(0.02))
    }
    return (x, y)
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func recoversAPlantedBox(seed: UInt64) throws {
    let (x, y) = try Self.planted(seed: seed)
    let result = try PRIM.discover(x: x, y: y)
    let box = result.box
    #expect(box.coverage > 0.8 && box.density > 0.8, "seed \(seed): \(box)")
    #expect(box.limits.map(\.dimension) == [0, 1], "seed \(seed): \(box.limits)")
    if box.limits.count == 2 {
      #expect(abs(box.limits[0].low - 0.6) < 0.03 && box.limits[0].high > 0.99, "\(box.limits[0])")
      #expect(abs(box.limits[1].high - 0.3) < 0.03 && box.limits[1].low < 0.01, "\(box.limits[1])")
    }
  }

  @Test func trajectoryStartsWithTheWholeSpaceAndPeelsDown() throws {
    let (x, y) = try Self.planted(seed: 4)
    let result = try PRIM.discover(x: x, y: y, minMass: 0.1)
    let t = result.trajectory
    let baseRate = Double(y.filter { $0 }.count) / Double(y.count)
    #expect(t[0].limits.isEmpty && t[0].coverage == 1 && t[0].mass == 1 && abs(t[0].density - baseRate) < 1e-12)
    for i in 1..<result.peeled {
      #expect(t[i].mass < t[i - 1].mass && t[i].coverage <= t[i - 1].coverage)
      // Each peel removes about alpha of the box.
      #expect(t[i].mass >= t[i - 1].mass * (1 - 0.05) - 1.0 / 2000 - 1e-12)
    }
    #expect(t[result.peeled - 1].mass >= 0.1)
    // The choice maximizes coverage × density among the peeling boxes with coverage ≥ ½.
    let scores = t[0..<result.peeled].map { $0.coverage >= 0.5 ? $0.coverage * $0.density : -1 }
    let best = scores.indices.max { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }!
    #expect(result.chosen == best || result.chosen >= result.peeled)
  }

  @Test func pastingWidensAnOverPeeledBox() throws {
    // Points on a grid: interest exactly where x₀ ≥ 5. With alpha = ½ the first peel cuts at
    // the median and pasting has something to win back only if the cut overshot.
    var x: [[Double]] = [], y: [Bool] = []
    for a in 0..<10 { for b in 0..<10 { x.append([Double(a), Double(b)]); y.append(a >= 5) } }
    let result = try PRIM.discover(x: x, y: y, alpha: 0.5)
    #expect(result.box.density == 1 && result.box.coverage == 1, "\(result.box)")
    #expect(result.box.limits == [PRIMBox.Limit(dimension: 0, low: 5, high: 9)])
  }

  @Test func tiedValuesArePeeledTogether() throws {
    // Three levels of x₀, interest at the top one: the first peel cannot cut inside a tie.
    var x: [[Double]] = [], y: [Bool] = []
    for i in 0..<300 { x.append([Double(i % 3)]); y.append(i % 3 == 2) }
    let result = try PRIM.discover(x: x, y: y)
    #expect(result.box.limits == [PRIMBox.Limit(dimension: 0, low: 2, high: 2)])
    #expect(result.box.density == 1 && result.box.coverage == 1)
    #expect(abs(result.trajectory[1].mass - 2.0 / 3) < 1e-12)
  }

  @Test func badInputIsRefused() throws {
    let x = [[0.0, 1], [1, 0], [0.5, 0.5]]
    func kind(_ body: () throws -> Void) -> RobustnessError.Kind? {
      do { try body() } catch let e as RobustnessError { return e.kind } catch {}
      return nil
    }
    #expect(kind { _ = try PRIM.discover(x: x, y: [true, false]) } == .sizeMismatch)
    #expect(kind { _ = try PRIM.discover(x: [[0.0, 1], [1]], y: [true, false]) } == .sizeMismatch)
    #expect(kind { _ = try PRIM.discover(x: [[0.0], [.nan]], y: [true, false]) } == .notFinite)
    #expect(kind { _ = try PRIM.discover(x: x, y: [false, false, false]) } == .invalidArgument)
    #expect(kind { _ = try PRIM.discover(x: x, y: [true, false, true], alpha: 0.6) } == .invalidArgument)
    #expect(kind { _ = try PRIM.discover(x: x, y: [true, false, true], minMass: 0) } == .invalidArgument)
    #expect(kind { _ = try PRIM.discover(x: x, y: [true, false, true], minCoverage: 1.5) } == .invalidArgument)
    // Every point of interest: nothing to peel.
    let all = try PRIM.discover(x: x, y: [true, true, true])
    #expect(all.trajectory.count == 1 && all.box.limits.isEmpty && all.box.density == 1)
  }
}

/// Pasting on its own: a box that cut off a strip of pure interest takes it back, and stops
/// before it would take in points without.
@Suite struct PRIMPastingTests {
  @Test func pastingTakesBackAStripThatRaisesTheDensity() throws {
    // A 10 × 10 grid; interest where x₀ ≥ 5, except five points at x₀ = 7.
    var x: [[Double]] = [], y: [Bool] = []
    for a in 0..<10 {
      for b in 0..<10 {
        x.append([Double(a), Double(b)])
        y.append(a >= 5 && !(a == 7 && b < 5))
      }
    }
    let space = PRIMSpace(x: x, y: y, positives: y.filter { $0 }.count)
    let box = space.box(low: [6, 0], high: [9, 9])
    #expect(box.members.count == 40 && box.positives == 35)
    let wider = try #require(space.bestPaste(of: box, alpha: 0.05))
    #expect(wider.low == [5, 0] && wider.high == [9, 9])
    #expect(wider.members.count == 50 && wider.positives == 45)
    #expect(space.bestPaste(of: wider, alpha: 0.05) == nil)
  }
}
