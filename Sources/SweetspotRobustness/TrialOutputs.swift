/// The per-trial outputs behind each design point's mean, used to estimate how much of a
/// sensitivity index is Monte Carlo noise.
///
/// A point's output is the mean of n trials. When the points an estimator differences (one
/// Morris trajectory, one Saltelli base row) run their trial t on the same random numbers, the
/// n paired differences d_t = y_b,t − y_a,t are independent draws, and the noise of the
/// difference of the means is Var(d)/n, estimated by the sample variance of the d_t over n.
/// Common random numbers make that variance small but not zero: a parameter that moves also
/// moves which customers churn, call and tell others, and the paths drift apart.
enum TrialOutputs {
  /// Nil for nil or one trial per point (no spread to estimate); the outputs when every point
  /// has the same n ≥ 2 finite values.
  static func check(_ outputs: [[Double]]?, points: Int, owner: String) throws -> [[Double]]? {
    guard let outputs else { return nil }
    guard outputs.count == points else {
      throw RobustnessError(.sizeMismatch, "\(owner): trialOutputs must hold one list per design point (\(points)); got \(outputs.count)")
    }
    let n = outputs.first?.count ?? 0
    if let bad = outputs.firstIndex(where: { $0.count != n }) {
      throw RobustnessError(.sizeMismatch, "\(owner): every point needs the same number of trials (\(n)); point \(bad) has \(outputs[bad].count)")
    }
    for o in outputs { try RobustnessError.requireFinite(o, owner, "trialOutputs") }
    return n >= 2 ? outputs : nil
  }

  /// The estimated variance of mean(b) − mean(a) for paired trials: s²(b − a)/n. Paired
  /// differences within `roundOff` count as zero (floating-point round-off, not noise).
  static func varianceOfMeanDifference(_ b: [Double], _ a: [Double], roundOff: Double = 0) -> Double {
    varianceOfMean(b.indices.map { t in abs(b[t] - a[t]) <= roundOff ? 0 : b[t] - a[t] })
  }

  /// The estimated variance of mean(y): s²(y)/n.
  static func varianceOfMean(_ y: [Double]) -> Double {
    let n = Double(y.count)
    let mean = y.reduce(0, +) / n
    var squares = 0.0
    for v in y { squares += (v - mean) * (v - mean) }
    return squares / (n - 1) / n
  }
}
