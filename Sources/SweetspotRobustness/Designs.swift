import SweetspotNumerics

/// How the sampled worlds of a robustness study are placed in the unit cube.
public enum DesignKind: String, Sendable, CaseIterable, CustomStringConvertible {
  /// Latin hypercube (`Designs.latinHypercube`): random, every stratum of every parameter once.
  case latinHypercube = "latin-hypercube"
  /// The Sobol' sequence (`Designs.quasiRandom(.sobol, …)`): deterministic, most even in few dimensions.
  case sobol
  /// The Halton sequence (`Designs.quasiRandom(.halton, …)`).
  case halton
  /// Saltelli's design (`SaltelliDesign`), for Sobol' first-order and total indices.
  case saltelli
  /// Morris trajectories (`MorrisDesign`), for elementary-effects screening.
  case morris

  public var description: String { rawValue }

  /// The consecutive worlds whose differences the design's estimators take, for k inputs: a
  /// Morris trajectory (k + 1 points) or a Saltelli base row (A, the k mixed rows, B: k + 2);
  /// 1 for space-filling designs. A group's worlds run on the same random numbers, so a difference
  /// measures the parameter that moved and not two draws of Monte Carlo noise (common random
  /// numbers, the variance reduction for comparing simulated systems: Law, "Simulation Modeling
  /// and Analysis", ch. 11); different groups draw different numbers, so noise still averages out
  /// across trajectories or rows, and across worlds in the robustness shares.
  public func worldsPerGroup(dimensions k: Int) -> Int {
    switch self {
    case .morris: return k + 1
    case .saltelli: return k + 2
    case .latinHypercube, .sobol, .halton: return 1
    }
  }
}

/// Space-filling designs: n points in the unit cube [0, 1)^k, one per sampled world, each
/// coordinate later mapped to a parameter value by `UncertainDistribution.quantile`.
public enum Designs {
  /// The most coordinates (points × dimensions) a design may hold: 50 million doubles, 400 MB.
  /// A larger request is refused with an error rather than exhausting memory.
  public static let maxValues = 50_000_000

  /// n points in (0, 1)^k such that each of the n equal strata [i/n, (i+1)/n) of every dimension
  /// holds exactly one point (McKay, Beckman & Conover 1979, "A comparison of three methods for
  /// selecting values of input variables in the analysis of output from a computer code",
  /// Technometrics 21(2)): each dimension is an independent random permutation of the strata,
  /// with a uniform offset inside each stratum.
  ///
  /// Dimension d draws from its own stream (`seed`, purpose `design`, part d), so adding a
  /// dimension leaves the columns before it unchanged, and the design is a pure function of
  /// (samples, dimensions, seed).
  ///
  /// - Complexity: O(n·k) time and memory.
  public static func latinHypercube(samples: Int, dimensions: Int, seed: UInt64) throws -> [[Double]] {
    try checkSize("latinHypercube", samples: samples, dimensions: dimensions, minimumSamples: 1)
    try RobustnessError.require(dimensions < StreamKey.maxParts, "latinHypercube", "dimensions", dimensions, "below 2^20")
    var points = [[Double]](repeating: [Double](repeating: 0, count: dimensions), count: samples)
    let n = Double(samples)
    for d in 0..<dimensions {
      let stream = try designStream(seed: seed, use: .latinHypercube, part: d)
      let strata = try permutation(samples, using: stream)
      for i in 0..<samples {
        let stratum = strata[i]
        var x = (Double(stratum) + stream.uniformPositive()) / n
        // (s + u)/n can round onto the next stratum's edge when u is within an ulp of 1.
        while x > 0 && Int(x * n) > stratum { x = x.nextDown }
        while Int(x * n) < stratum { x = x.nextUp }
        points[i][d] = x
      }
    }
    return points
  }

  /// The first n points of a low-discrepancy sequence (`QuasiRandomSequence`) after the origin:
  /// the all-zero point is skipped, as SALib and SciPy skip it (GSL's Sobol' and Halton
  /// sequences already start after it, its Niederreiter sequence at it), so every coordinate is
  /// in (0, 1) and can go through an inverse CDF. The sequence has no seed: the design is a
  /// function of (kind, samples, dimensions) alone.
  ///
  /// Throws when `dimensions` exceeds what GSL supports for `kind`
  /// (`QuasiRandomSequence.maxDimensions`: Sobol' 40, Halton 1229, Niederreiter 12).
  public static func quasiRandom(_ kind: QuasiRandomKind, samples: Int, dimensions: Int) throws -> [[Double]] {
    try checkSize("quasiRandom(\(kind))", samples: samples, dimensions: dimensions, minimumSamples: 1)
    let limit = QuasiRandomSequence.maxDimensions(kind)
    try RobustnessError.require(
      dimensions <= limit, "quasiRandom(\(kind))", "dimensions", dimensions, "in 1 ... \(limit) for the \(kind) sequence")
    let sequence = try RobustnessError.numerics { () throws(NumericsError) in
      try QuasiRandomSequence(kind: kind, dimensions: dimensions)
    }
    var first = sequence.next()
    if first.allSatisfy({ $0 == 0 }) { first = sequence.next() }
    return [first] + (1..<samples).map { _ in sequence.next() }
  }

  /// The points with a random digital shift: in each dimension d the first 32 binary digits of
  /// every coordinate are XORed with one 32-bit number s_d drawn from (`seed`, purpose `design`,
  /// part d), and the coordinate is moved to the centre of its 2⁻³² cell so it is never 0.
  ///
  /// A digital shift in base 2 maps a (t, m, s)-net to a (t, m, s)-net, so a shifted Sobol'
  /// sequence keeps its balance in blocks of 2^m points, while each point becomes uniform on the
  /// cube and two dimensions no longer share values (Owen 1995, "Randomly permuted
  /// (t,m,s)-nets and (t,s)-sequences"; L'Ecuyer & Lemieux 2002, "Recent advances in randomized
  /// quasi-Monte Carlo methods", §4). GSL's Sobol' coordinates have 30 binary digits, so the
  /// conversion to 32 bits is exact.
  public static func digitalShift(_ points: [[Double]], seed: UInt64) throws -> [[Double]] {
    guard let k = points.first?.count else { return points }
    let scale = 0x1p32
    var shifts: [UInt32] = []
    for d in 0..<k {
      let stream = try designStream(seed: seed, use: .digitalShift, part: d)
      shifts.append(UInt32(stream.uniform() * scale))
    }
    return points.map { p in
      p.indices.map { d in
        let bits = UInt32(min(max(p[d], 0), 1 - 0x1p-32) * scale)
        return (Double(bits ^ shifts[d]) + 0.5) / scale
      }
    }
  }

  // MARK: Shared by the designs

  /// Refuses empty designs, too few points and designs too large to hold.
  static func checkSize(_ owner: String, samples: Int, dimensions: Int, minimumSamples: Int, pointsPerSample: Int = 1) throws {
    try RobustnessError.require(samples >= minimumSamples, owner, "samples", samples, "≥ \(minimumSamples)")
    try RobustnessError.require(dimensions >= 1, owner, "dimensions", dimensions, "≥ 1")
    let (rows, o1) = samples.multipliedReportingOverflow(by: pointsPerSample)
    let (values, o2) = rows.multipliedReportingOverflow(by: dimensions)
    try RobustnessError.require(
      !o1 && !o2 && values <= maxValues, owner, "points × dimensions", o1 || o2 ? "an overflow" : "\(values)",
      "at most \(maxValues)")
  }

  /// Which design a stream feeds; the raw value is the stream key's `trial`, so the designs
  /// built from one seed draw from disjoint substreams.
  enum StreamUse: Int {
    case latinHypercube = 0
    case morris = 1
    case digitalShift = 2
  }

  /// A `design` stream for `use`, part `part`.
  static func designStream(seed: UInt64, use: StreamUse, part: Int) throws -> RandomStream {
    try RobustnessError.numerics { () throws(NumericsError) in
      try RandomStream(key: StreamKey(seed: seed, trial: use.rawValue, purpose: .design, part: part))
    }
  }

  /// A uniformly random permutation of 0 ..< n (Fisher & Yates; Durstenfeld 1964).
  static func permutation(_ n: Int, using stream: borrowing RandomStream) throws -> [Int] {
    var p = Array(0..<n)
    var i = n - 1
    while i > 0 {
      let j = try RobustnessError.numerics { () throws(NumericsError) in try stream.uniformInt(below: i + 1) }
      p.swapAt(i, j)
      i -= 1
    }
    return p
  }
}
