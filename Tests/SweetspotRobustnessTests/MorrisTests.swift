import Testing
import SweetspotNumerics
@testable import SweetspotRobustness

/// Morris trajectories move one input at a time by Δ on the grid, and μ* ranks inputs by
/// influence.
@Suite struct MorrisTests {
  @Test(arguments: [4, 6, 8])
  func trajectoriesMoveOneInputAtATimeByDeltaOnTheGrid(levels: Int) throws {
    let k = 5
    let design = try MorrisDesign(trajectories: 30, dimensions: k, levels: levels, seed: 9)
    #expect(design.points.count == 30 * (k + 1))
    let delta = Double(levels) / Double(2 * (levels - 1))
    #expect(design.delta == delta)
    for t in 0..<30 {
      var moved = Set<Int>()
      for step in 0..<k {
        let a = design.points[t * (k + 1) + step], b = design.points[t * (k + 1) + step + 1]
        let changed = (0..<k).filter { a[$0] != b[$0] }
        #expect(changed.count == 1, "trajectory \(t) step \(step)")
        if let i = changed.first {
          #expect(abs(abs(b[i] - a[i]) - delta) < 1e-12)
          moved.insert(i)
        }
      }
      #expect(moved.count == k, "trajectory \(t) moves every input once")
    }
    // Every coordinate on the grid {0, 1/(p−1), …, 1}, every level visited.
    var visited = Set<Int>()
    for p in design.points {
      for x in p {
        let level = x * Double(levels - 1)
        #expect(abs(level - level.rounded()) < 1e-9 && x >= 0 && x <= 1)
        visited.insert(Int(level.rounded()))
      }
    }
    #expect(visited == Set(0..<levels))
  }

  @Test func designIsAPureFunctionOfItsSeed() throws {
    let a = try MorrisDesign(trajectories: 10, dimensions: 4, seed: 1)
    #expect(a == (try MorrisDesign(trajectories: 10, dimensions: 4, seed: 1)))
    #expect(a != (try MorrisDesign(trajectories: 10, dimensions: 4, seed: 2)))
  }

  @Test func linearModelHasItsCoefficientsAsEffects() throws {
    // f = Σ cᵢ xᵢ: every elementary effect of input i is exactly cᵢ.
    let c = [3.0, -2, 0.5, 0]
    let design = try MorrisDesign(trajectories: 12, dimensions: 4, seed: 4)
    let y = design.points.map { x in zip(c, x).reduce(0) { $0 + $1.0 * $1.1 } }
    let m = try design.indices(outputs: y, seed: 4)
    for i in c.indices {
      #expect(abs(m[i].mu - c[i]) < 1e-9 && abs(m[i].muStar - abs(c[i])) < 1e-9 && m[i].sigma < 1e-9, "input \(i): \(m[i])")
      #expect(abs(m[i].muStarInterval!.low - abs(c[i])) < 1e-9 && abs(m[i].muStarInterval!.high - abs(c[i])) < 1e-9)
    }
  }

  @Test func muStarRanksTheGFunctionsInputsByImportance() throws {
    let f = GFunction(a: [0, 1, 4.5, 9, 99, 99])
    let design = try MorrisDesign(trajectories: 40, dimensions: 6, seed: 21)
    let m = try design.indices(outputs: design.points.map { f($0) }, seed: 21)
    let muStar = m.map(\.muStar)
    #expect(muStar[0] > muStar[1] && muStar[1] > muStar[2] && muStar[2] > muStar[3], "\(muStar)")
    #expect(muStar[3] > max(muStar[4], muStar[5]), "\(muStar)")
    // The important inputs are told apart from the negligible ones by their intervals too.
    #expect(m[1].muStarInterval!.low > m[4].muStarInterval!.high)
    // |4x − 2| is not monotone: effects of both signs, so |μ| < μ* and σ > 0.
    #expect(abs(m[0].mu) < m[0].muStar && m[0].sigma > 0)
    let none = try design.indices(outputs: design.points.map { f($0) }, resamples: 0, seed: 21)
    #expect(none.allSatisfy { $0.muStarInterval == nil } && none.map(\.muStar) == muStar)
  }

  /// With n noisy trials per world, an input with no effect has a μ* at its noise floor and an
  /// input with one clears it.
  @Test func theNoiseFloorIsTheMuStarOfAnInputThatDoesNothing() throws {
    let n = 4, design = try MorrisDesign(trajectories: 400, dimensions: 2, seed: 6)
    let stream = try RandomStream(key: StreamKey(seed: 6))
    // f = 3x₀ plus independent noise of sd 0.5 per trial: an effect's noise sd is
    // √(2·0.25/4)/Δ = 0.530, so a null input's μ* is √(2/π)·0.530 = 0.423.
    let trials = design.points.map { p in (0..<n).map { _ in 3 * p[0] + stream.gaussian(mean: 0, standardDeviation: 0.5) } }
    let m = try design.indices(outputs: trials.map { $0.reduce(0, +) / Double(n) }, trialOutputs: trials, resamples: 200, seed: 6)
    let floor = try #require(m[1].noiseFloor)
    #expect(abs(floor - 0.423) < 0.03 && abs(m[1].muStar - 0.423) < 0.05, "floor \(floor), μ* \(m[1].muStar)")
    #expect(m[0].muStarInterval!.low > m[0].noiseFloor! && m[1].muStarInterval!.low < floor)
    #expect(m[0].noiseP! < 1e-12 && m[1].noiseP! > 0.05, "p: \(m[0].noiseP!), \(m[1].noiseP!)")
    #expect(try design.indices(outputs: trials.map { $0[0] }, trialOutputs: trials.map { [$0[0]] }, seed: 6)[0].noiseFloor == nil)
  }

  /// The F test of an input's effects against their noise holds its level: of 60 inputs with no
  /// effect about 5% reach p < 0.05 (3 expected), while one with an effect of a noise sd does.
  @Test func theNoiseTestHoldsItsLevelAndFindsARealEffect() throws {
    let k = 61, n = 3, design = try MorrisDesign(trajectories: 20, dimensions: k, seed: 12)
    let stream = try RandomStream(key: StreamKey(seed: 12))
    // Independent noise of sd 1 per trial; input 0 moves the output by 1.2 over its range.
    let trials = design.points.map { p in (0..<n).map { _ in 1.2 * p[0] + stream.gaussian(mean: 0, standardDeviation: 1) } }
    let m = try design.indices(outputs: trials.map { $0.reduce(0, +) / Double(n) }, trialOutputs: trials, resamples: 0, seed: 12)
    let falseAlarms = m.dropFirst().filter { $0.noiseP! < 0.05 }.count
    #expect(falseAlarms <= 7, "\(falseAlarms) of 60 null inputs at p < 0.05")
    #expect(m[0].noiseP! < 0.001, "p = \(m[0].noiseP!)")
  }

  /// A change within 10⁻⁹ of the output's size is round-off, not an effect.
  @Test func roundOffIsNoEffect() throws {
    let design = try MorrisDesign(trajectories: 8, dimensions: 2, seed: 3)
    let y = design.points.map { 2e8 + 1e-8 * $0[0] + 5e6 * $0[1] }
    let trials = y.map { [$0, $0 + 1, $0 - 1] }
    let m = try design.indices(outputs: y, trialOutputs: trials, resamples: 0, seed: 3)
    #expect(m[0].muStar == 0 && m[0].noiseP == 1 && m[0].noiseFloor == 0, "\(m[0])")
    #expect(abs(m[1].muStar - 5e6) < 1e-3 && m[1].noiseP == 0)
  }

  /// A whole-number input rounds its value, so a step of Δ may move it less: the effect is
  /// divided by the step it took (a range 1 … 3 moves by one unit, half the range, not ⅔).
  @Test func aWholeNumberInputsEffectIsDividedByTheStepItTook() throws {
    let design = try MorrisDesign(trajectories: 20, dimensions: 2, seed: 2)
    let values = design.points.map { p in [(1 + 2 * p[0]).rounded(), p[1]] }
    let y = values.map { 5 * $0[0] + $0[1] }
    let realized = values.map { [($0[0] - 1) / 2, $0[1]] }
    let fixed = try design.indices(outputs: y, realized: realized, resamples: 0, seed: 2)
    #expect(abs(fixed[0].muStar - 10) < 1e-9 && abs(fixed[1].muStar - 1) < 1e-9, "\(fixed)")
    let naive = try design.indices(outputs: y, resamples: 0, seed: 2)
    #expect(abs(naive[0].muStar - 7.5) < 1e-9, "a unit step over Δ = ⅔ understates it by a quarter: \(naive[0].muStar)")
  }

  @Test func badRequestsAreRefused() throws {
    #expect(throws: RobustnessError.self) { try MorrisDesign(trajectories: 1, dimensions: 3, seed: 1) }
    #expect(throws: RobustnessError.self) { try MorrisDesign(trajectories: 10, dimensions: 3, levels: 5, seed: 1) }
    #expect(throws: RobustnessError.self) { try MorrisDesign(trajectories: 10, dimensions: 0, seed: 1) }
    let design = try MorrisDesign(trajectories: 4, dimensions: 2, seed: 1)
    #expect(throws: RobustnessError.self) { try design.indices(outputs: [1, 2, 3], seed: 1) }
    #expect(throws: RobustnessError.self) { try design.indices(outputs: design.points.map { _ in .infinity }, seed: 1) }
  }
}
