import SweetspotNumerics

/// Variance-based sensitivity indices of one output: for each input i, the first-order index
/// S_i (the share of the output's variance explained by i alone) and the total index S_Ti (the
/// share that would vanish if i were fixed: i alone and in all its interactions).
///
/// S_Ti ≥ S_i; S_Ti ≈ 0 means the input can be fixed anywhere in its range without changing the
/// output (factor fixing); Σ S_i < 1 measures interactions.
public struct SobolIndices: Sendable, Equatable {
  /// S_i per input, with its bootstrap interval.
  public let first: [Estimate]
  /// S_Ti per input, with its bootstrap interval.
  public let total: [Estimate]
  /// V, the output's variance over the base matrices A and B, in the output's units squared.
  public let variance: Double
  /// Per input, the part of S_Ti that Monte Carlo noise adds: the Jansen numerator averages
  /// (f_A − f_AB^(i))², and the noise in each world's mean adds its variance to every square
  /// (E(Δ + e)² = Δ² + Var e). Estimated from the trials of each row; nil without at least two
  /// trials per world. An S_Ti whose interval does not clear it cannot be told from noise.
  public let totalNoise: [Double]?
  /// The share of V that is Monte Carlo noise in the world means over A and B (nil as above).
  public let noiseShare: Double?

  public init(first: [Estimate], total: [Estimate], variance: Double, totalNoise: [Double]? = nil, noiseShare: Double? = nil) {
    self.first = first
    self.total = total
    self.variance = variance
    self.totalNoise = totalNoise
    self.noiseShare = noiseShare
  }
}

extension SaltelliDesign {
  /// First-order and total Sobol' indices from the outputs of this design's points (in the order
  /// of `points`), with percentile-bootstrap intervals.
  ///
  /// With f_A, f_B and f_AB^(i) the outputs at the rows of A, B and A_B^(i), and V their variance
  /// over A and B together:
  ///
  ///     S_i  = (1/N) Σ_j f_B(j) · (f_AB^(i)(j) − f_A(j)) / V       Saltelli et al. (2010), Table 2 (b)
  ///     S_Ti = (1/2N) Σ_j (f_A(j) − f_AB^(i)(j))² / V              Jansen (1999), Table 2 (f)
  ///
  /// (Jansen 1999, "Analysis of variance designs for model output", Computer Physics
  /// Communications 117). The outputs are first centred on their mean: the first-order
  /// estimator is not shift-invariant in a finite sample, and centring (as SALib does) removes
  /// the error a large mean would add. The interval resamples the N base rows j with
  /// replacement, `resamples` times, recomputing V on each resample (`Bootstrap`).
  ///
  /// `trialOutputs`, each point's per-trial outputs (n ≥ 2 at every point, trial t of one base
  /// row's points on the same random numbers), give each total index's noise part and the noise
  /// share of V (`SobolIndices.totalNoise`, `noiseShare`; `TrialOutputs`).
  ///
  /// Throws when the outputs do not match the design, are not all finite, or do not vary
  /// (`noVariation`: no share of a zero variance can be attributed).
  ///
  /// - Complexity: O(N·k·(n + resamples)).
  public func indices(
    outputs: [Double], trialOutputs: [[Double]]? = nil, resamples: Int = 500, confidence: Double = 0.95, seed: UInt64
  ) throws -> SobolIndices {
    let owner = "SaltelliDesign.indices"
    let k = dimensions, n = baseSamples, stride = pointsPerRow
    guard outputs.count == n * stride else {
      throw RobustnessError(
        .sizeMismatch,
        "\(owner): outputs must hold one value per point, N(k + 2) = \(n * stride); got \(outputs.count)")
    }
    try RobustnessError.requireFinite(outputs, owner, "outputs")
    try Bootstrap.check(owner, resamples: resamples, confidence: confidence)
    let trials = try TrialOutputs.check(trialOutputs, points: points.count, owner: owner)

    var centre = 0.0
    for y in outputs { centre += y }
    centre /= Double(outputs.count)
    let y = outputs.map { $0 - centre }

    // Row j's outputs: A at j·stride, A_B^(i) at j·stride + 1 + i, B at j·stride + k + 1.
    func estimate(_ rows: [Int]) -> (first: [Double], total: [Double], variance: Double) {
      let m = Double(rows.count)
      var sum = 0.0, sumSquares = 0.0
      var first = [Double](repeating: 0, count: k), total = [Double](repeating: 0, count: k)
      for j in rows {
        let a = y[j * stride], b = y[j * stride + k + 1]
        sum += a + b
        sumSquares += a * a + b * b
        for i in 0..<k {
          let ab = y[j * stride + 1 + i]
          first[i] += b * (ab - a)
          total[i] += (a - ab) * (a - ab)
        }
      }
      let mean = sum / (2 * m)
      let variance = max(sumSquares / (2 * m) - mean * mean, 0)
      return (first.map { $0 / m / variance }, total.map { $0 / (2 * m) / variance }, variance)
    }

    let all = estimate(Array(0..<n))
    guard all.variance > 0 else {
      throw RobustnessError(.noVariation, "\(owner): the outputs over A and B do not vary, so no share of their variance can be attributed")
    }
    let intervals = try Bootstrap.intervals(
      values: all.first + all.total, units: n, resamples: resamples, confidence: confidence, seed: seed
    ) { rows in
      let r = estimate(rows)
      return r.first + r.total
    }
    var totalNoise: [Double]?, noiseShare: Double?
    if let trials {
      var parts = [Double](repeating: 0, count: k), meanNoise = 0.0
      for j in 0..<n {
        let a = trials[j * stride], b = trials[j * stride + k + 1]
        meanNoise += TrialOutputs.varianceOfMean(a) + TrialOutputs.varianceOfMean(b)
        for i in 0..<k { parts[i] += TrialOutputs.varianceOfMeanDifference(a, trials[j * stride + 1 + i]) }
      }
      totalNoise = parts.map { $0 / (2 * Double(n)) / all.variance }
      noiseShare = meanNoise / (2 * Double(n)) / all.variance
    }
    return SobolIndices(
      first: Array(intervals[0..<k]), total: Array(intervals[k..<(2 * k)]), variance: all.variance, totalNoise: totalNoise,
      noiseShare: noiseShare)
  }
}
