import Foundation
import Testing
import SweetspotNumerics
@testable import SweetspotRobustness

/// Saltelli's design and the Saltelli (2010) / Jansen (1999) estimators recover the analytic
/// Sobol' indices of the standard test functions inside their bootstrap intervals.
@Suite struct SobolIndicesTests {
  @Test func designRowsAreABThenTheMixedMatricesInSALibsOrder() throws {
    let k = 4
    let design = try SaltelliDesign(baseSamples: 8, dimensions: k, seed: 1)
    #expect(design.base == .sobol)
    #expect(design.points.count == 8 * (k + 2))
    let sobol = try Designs.digitalShift(Designs.quasiRandom(.sobol, samples: 8, dimensions: 2 * k), seed: 1)
    for j in 0..<8 {
      let a = Array(sobol[j][0..<k]), b = Array(sobol[j][k...])
      let rows = design.points[(j * (k + 2))..<((j + 1) * (k + 2))].map { $0 }
      #expect(rows[0] == a)
      #expect(rows[k + 1] == b)
      for i in 0..<k {
        var mixed = a
        mixed[i] = b[i]
        #expect(rows[1 + i] == mixed, "row \(j), A_B^(\(i + 1))")
      }
    }
  }

  /// Unshifted, GSL's Sobol' coordinates i and k + i coincide in many rows, so A_B^(i) is A
  /// itself there; the digital shift ends that and keeps how the points fill each dimension.
  @Test func theDigitalShiftEndsCoincidingColumnsOfAAndB() throws {
    let k = 5, n = 64
    let plain = try Designs.quasiRandom(.sobol, samples: n, dimensions: 2 * k)
    func coincidences(_ ab: [[Double]]) -> Int { ab.reduce(0) { c, p in c + (0..<k).filter { p[$0] == p[k + $0] }.count } }
    #expect(coincidences(plain) >= 20, "the unshifted sequence: \(coincidences(plain))")
    let design = try SaltelliDesign(baseSamples: n, dimensions: k, seed: 3)
    var duplicates = 0
    for j in 0..<n {
      let rows = design.points[(j * (k + 2))..<((j + 1) * (k + 2))]
      duplicates += Set(rows.map { $0 }).count < k + 2 ? 1 : 0
    }
    #expect(duplicates == 0)
    // XOR with a constant permutes the 2⁻⁶ strata of each dimension: the counts per stratum are
    // the same multiset before and after, and each coordinate stays inside (0, 1).
    let shifted = try Designs.digitalShift(plain, seed: 3)
    for d in 0..<(2 * k) {
      func counts(_ ps: [[Double]]) -> [Int] {
        var c = [Int](repeating: 0, count: 64)
        for p in ps { c[Int(p[d] * 64)] += 1 }
        return c.sorted()
      }
      #expect(counts(plain) == counts(shifted), "dimension \(d)")
      #expect(shifted.allSatisfy { $0[d] > 0 && $0[d] < 1 })
    }
    let again = try Designs.digitalShift(plain, seed: 3), other = try Designs.digitalShift(plain, seed: 4)
    #expect(shifted == again && shifted != other)
  }

  /// With noisy world means (n trials each), the noise part of each S_T is estimated from the
  /// trials: an input that does nothing has an S_T equal to its noise part, and an input that
  /// acts has its true share once the noise part is taken off.
  @Test func theTotalIndicesNoisePartIsEstimatedFromTheTrials() throws {
    let k = 3, n = 4, design = try SaltelliDesign(baseSamples: 1024, dimensions: k, seed: 8)
    let stream = try RandomStream(key: StreamKey(seed: 8))
    // f = x₀ (variance 1/12) plus independent noise of variance σ² per trial: σ²/n = 1/12, so
    // V = 1/6, half of it noise.
    let sd = (Double(n) / 12).squareRoot()
    let trials = design.points.map { p in (0..<n).map { _ in p[0] + stream.gaussian(mean: 0, standardDeviation: sd) } }
    let y = trials.map { $0.reduce(0, +) / Double(n) }
    let s = try design.indices(outputs: y, trialOutputs: trials, resamples: 200, seed: 8)
    let noise = try #require(s.totalNoise)
    #expect(abs(try #require(s.noiseShare) - 0.5) < 0.06, "noise share \(s.noiseShare!)")
    for i in 1..<k {
      #expect(abs(noise[i] - 0.5) < 0.06 && abs(s.total[i].value - noise[i]) < 0.05, "input \(i): S_T \(s.total[i]), noise \(noise[i])")
    }
    #expect(abs(s.total[0].value - noise[0] - 0.5) < 0.08, "input 0: S_T \(s.total[0]), noise \(noise[0])")
    #expect(s.total[0].low > noise[0])
    // One trial per world: nothing to estimate the noise from.
    let one = try design.indices(outputs: y, trialOutputs: trials.map { [$0[0]] }, resamples: 20, seed: 8)
    #expect(one.totalNoise == nil && one.noiseShare == nil)
  }

  @Test func beyondSobolsDimensionsTheBaseIsALatinHypercubeFromTheSeed() throws {
    let k = SaltelliDesign.maxSobolDimensions + 1
    let design = try SaltelliDesign(baseSamples: 16, dimensions: k, seed: 5)
    #expect(design.base == .latinHypercube)
    #expect(design == (try SaltelliDesign(baseSamples: 16, dimensions: k, seed: 5)))
    #expect(design != (try SaltelliDesign(baseSamples: 16, dimensions: k, seed: 6)))
    let lhs = try Designs.latinHypercube(samples: 16, dimensions: 2 * k, seed: 5)
    #expect(design.points[0] == Array(lhs[0][0..<k]))
    #expect(design.points[k + 1] == Array(lhs[0][k...]))
  }

  /// Every analytic index inside its interval, the intervals neither degenerate nor wide.
  func check(_ s: SobolIndices, first: [Double], total: [Double], maxWidth: Double) {
    for (name, estimates, truth) in [("S", s.first, first), ("ST", s.total, total)] {
      for i in truth.indices {
        let e = estimates[i]
        #expect(e.contains(truth[i]), "\(name)\(i + 1) = \(truth[i]) outside \(e)")
        #expect(e.low < e.high && e.high - e.low < maxWidth, "\(name)\(i + 1) interval \(e)")
      }
    }
  }

  @Test func ishigamiIndicesAreRecovered() throws {
    let f = Ishigami()
    let design = try SaltelliDesign(baseSamples: 1 << 12, dimensions: 3, seed: 11)
    let s = try design.indices(outputs: design.points.map { f($0) }, seed: 11)
    let truth = f.analytic
    // S ≈ (0.314, 0.442, 0), ST ≈ (0.558, 0.442, 0.244).
    #expect(abs(truth.first[0] - 0.3139) < 1e-4 && abs(truth.total[2] - 0.2437) < 1e-4)
    check(s, first: truth.first, total: truth.total, maxWidth: 0.1)
    for i in 0..<3 { #expect(abs(s.first[i].value - truth.first[i]) < 0.02 && abs(s.total[i].value - truth.total[i]) < 0.02) }
    let variance = 7.0 * 7 / 8 + 0.1 * pow(Double.pi, 4) / 5 + 0.01 * pow(Double.pi, 8) / 18 + 0.5
    #expect(abs(s.variance / variance - 1) < 0.02, "V = \(s.variance) vs \(variance)")
  }

  @Test func gFunctionIndicesAreRecovered() throws {
    let f = GFunction(a: [0, 1, 4.5, 9, 99, 99])
    let design = try SaltelliDesign(baseSamples: 1 << 12, dimensions: 6, seed: 12)
    let s = try design.indices(outputs: design.points.map { f($0) }, seed: 12)
    check(s, first: f.analytic.first, total: f.analytic.total, maxWidth: 0.1)
  }

  @Test func additiveModelHasEqualFirstAndTotalIndices() throws {
    // f = x₁ + 2x₂ + 3x₃ on the unit cube: Sᵢ = S_Ti = cᵢ² / Σc², no interactions.
    let design = try SaltelliDesign(baseSamples: 1 << 10, dimensions: 3, seed: 2)
    let s = try design.indices(outputs: design.points.map { $0[0] + 2 * $0[1] + 3 * $0[2] }, seed: 2)
    for (i, c) in [1.0, 2, 3].enumerated() {
      #expect(abs(s.first[i].value - c * c / 14) < 0.01, "S\(i + 1) = \(s.first[i])")
      #expect(abs(s.total[i].value - c * c / 14) < 0.01, "ST\(i + 1) = \(s.total[i])")
    }
    // A shift of the output moves no index: the outputs are centred first.
    let shifted = try design.indices(outputs: design.points.map { 1e6 + $0[0] + 2 * $0[1] + 3 * $0[2] }, seed: 2)
    for i in 0..<3 { #expect(abs(shifted.first[i].value - s.first[i].value) < 1e-6) }
  }

  @Test func intervalsAreReproducibleFromTheSeedAndDependOnIt() throws {
    let f = Ishigami()
    let design = try SaltelliDesign(baseSamples: 256, dimensions: 3, seed: 1)
    let y = design.points.map { f($0) }
    let a = try design.indices(outputs: y, resamples: 100, seed: 3)
    #expect(a == (try design.indices(outputs: y, resamples: 100, seed: 3)))
    let b = try design.indices(outputs: y, resamples: 100, seed: 4)
    #expect(a.first.map(\.value) == b.first.map(\.value))
    #expect(a.first.map(\.low) != b.first.map(\.low))
    // A higher confidence gives a wider interval.
    let wide = try design.indices(outputs: y, resamples: 100, confidence: 0.99, seed: 3)
    #expect(wide.first[0].low <= a.first[0].low && wide.first[0].high >= a.first[0].high)
  }

  @Test func badOutputsAreRefusedByKind() throws {
    let design = try SaltelliDesign(baseSamples: 16, dimensions: 2, seed: 1)
    func kind(_ body: () throws -> Void) -> RobustnessError.Kind? {
      do { try body() } catch let e as RobustnessError { return e.kind } catch {}
      return nil
    }
    let y = design.points.map { $0[0] }
    #expect(kind { _ = try design.indices(outputs: Array(y.dropLast()), seed: 1) } == .sizeMismatch)
    var nan = y
    nan[5] = .nan
    #expect(kind { _ = try design.indices(outputs: nan, seed: 1) } == .notFinite)
    #expect(kind { _ = try design.indices(outputs: y.map { _ in 3 }, seed: 1) } == .noVariation)
    #expect(kind { _ = try design.indices(outputs: y, resamples: 5, seed: 1) } == .invalidArgument)
    #expect(kind { _ = try design.indices(outputs: y, confidence: 1, seed: 1) } == .invalidArgument)
    #expect(kind { _ = try SaltelliDesign(baseSamples: 1, dimensions: 2, seed: 1) } == .invalidArgument)
    #expect(kind { _ = try SaltelliDesign(baseSamples: 8, dimensions: 0, seed: 1) } == .invalidArgument)
  }
}
