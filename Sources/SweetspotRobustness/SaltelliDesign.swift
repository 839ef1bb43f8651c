import SweetspotNumerics

/// Saltelli's design for variance-based (Sobol') sensitivity indices: N(k + 2) points of the
/// unit cube whose outputs give every first-order and total index of k inputs.
///
///     let design = try SaltelliDesign(baseSamples: 1024, dimensions: 3, seed: 7)
///     let y = design.points.map(model)              // evaluate in this order
///     let s = try design.indices(outputs: y, seed: 7)
///     s.first[0].value, s.total[0].value            // S₁ and S_T1 with 95% intervals
///
/// Two independent base matrices A and B (N rows, k columns) come from one Sobol' sequence of
/// dimension 2k, A the first k coordinates of each point and B the last k; for each input i the
/// matrix A_B^(i) is A with its column i taken from B (Saltelli et al. 2010, "Variance based
/// sensitivity analysis of model output. Design and estimator for the total sensitivity
/// index", Computer Physics Communications 181(2), §3). GSL's Sobol' sequence has 40
/// dimensions, so above k = 20 inputs A and B come from a 2k-dimensional Latin hypercube drawn
/// from `seed` instead (`base` says which).
///
/// The Sobol' points are randomized by a digital shift drawn from `seed` (`Designs.digitalShift`):
/// unshifted, GSL's low dimensions share their first direction numbers, so coordinate i and
/// coordinate k + i of a point coincide in many rows (row 0 is (½, …, ½) in every dimension).
/// Where A and B agree in column i, A_B^(i) is A itself: the row adds nothing to the total
/// index's numerator and the world is run twice. A review measured 7–15 such rows of 64 per
/// input at k = 5, biasing S_T down by 11–23%. A digital shift keeps every net property of the
/// sequence (Owen 1995; L'Ecuyer & Lemieux 2002) and makes such coincidences as rare as in
/// independent uniforms.
///
/// `points` is grouped by base row j, k + 2 points each, in SALib's order (its `sobol.analyze`
/// with `calc_second_order=False` reads the same layout):
///
///     A_j, A_B^(1)_j, A_B^(2)_j, …, A_B^(k)_j, B_j        for j = 0 … N − 1
///
/// so point (k + 2)·j + 1 + i is A_B^(i+1)_j. Take N a power of two, as SALib advises: Sobol'
/// points come in balanced blocks of 2^m.
public struct SaltelliDesign: Sendable, Equatable {
  /// Where A and B come from.
  public enum Base: String, Sendable, Equatable {
    /// A Sobol' sequence of dimension 2k (k ≤ `maxSobolDimensions`).
    case sobol
    /// A Latin hypercube of dimension 2k drawn from the seed (k > `maxSobolDimensions`).
    case latinHypercube = "latin-hypercube"
  }

  /// The most inputs whose base matrices come from the Sobol' sequence (half of GSL's 40).
  public static let maxSobolDimensions = QuasiRandomSequence.maxDimensions(.sobol) / 2

  /// N, the rows of A and B.
  public let baseSamples: Int
  /// k, the number of inputs.
  public let dimensions: Int
  /// Where A and B came from.
  public let base: Base
  /// N(k + 2) unit-cube points, in the order above.
  public let points: [[Double]]

  /// Builds the design. Throws unless N ≥ 2 and k ≥ 1 and the design fits `Designs.maxValues`.
  public init(baseSamples: Int, dimensions: Int, seed: UInt64) throws {
    try Designs.checkSize(
      "SaltelliDesign", samples: baseSamples, dimensions: dimensions, minimumSamples: 2,
      pointsPerSample: dimensions + 2)
    let k = dimensions
    let base: Base = k <= SaltelliDesign.maxSobolDimensions ? .sobol : .latinHypercube
    let ab: [[Double]] =
      base == .sobol
      ? try Designs.digitalShift(Designs.quasiRandom(.sobol, samples: baseSamples, dimensions: 2 * k), seed: seed)
      : try Designs.latinHypercube(samples: baseSamples, dimensions: 2 * k, seed: seed)
    var points: [[Double]] = []
    points.reserveCapacity(baseSamples * (k + 2))
    for row in ab {
      let a = Array(row[0..<k]), b = Array(row[k..<(2 * k)])
      points.append(a)
      for i in 0..<k {
        var mixed = a
        mixed[i] = b[i]
        points.append(mixed)
      }
      points.append(b)
    }
    self.baseSamples = baseSamples
    self.dimensions = k
    self.base = base
    self.points = points
  }

  /// Points per base row: A, the k matrices A_B^(i), B.
  public var pointsPerRow: Int { dimensions + 2 }
}
