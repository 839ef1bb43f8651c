import SweetspotNumerics

/// Morris's elementary-effects screening: r random trajectories through a grid of the unit
/// cube, each moving one input at a time, so r(k + 1) model runs rank k inputs by influence.
///
///     let design = try MorrisDesign(trajectories: 20, dimensions: 6, seed: 7)
///     let y = design.points.map(model)
///     let m = try design.indices(outputs: y, seed: 7)   // m[i].muStar: influence of input i
///
/// Each input takes p levels {0, 1/(p−1), …, 1} (p even) and moves by Δ = p / (2(p − 1)), so
/// every level is equally likely to be visited (Morris 1991, "Factorial sampling plans for
/// preliminary computational experiments", Technometrics 33(2)). A trajectory starts at a
/// random grid point from which each input can move by Δ, then changes the inputs one at a
/// time, in a random order, each up or down by Δ as its start allows; the elementary effect of
/// input i is the output's change over that step divided by the step (±Δ, in unit-cube terms,
/// as SALib computes it).
///
/// `points` holds the trajectories one after another, k + 1 points each: trajectory t is points
/// t(k+1) … t(k+1) + k, the layout SALib's `morris.analyze` reads. The trajectories are drawn
/// from (`seed`, purpose `design`), so the design is a pure function of its arguments.
/// Campolongo et al.'s (2007) selection of spread-out trajectories from a larger set is not
/// done: every trajectory drawn is used.
public struct MorrisDesign: Sendable, Equatable {
  /// r, the number of trajectories.
  public let trajectories: Int
  /// k, the number of inputs.
  public let dimensions: Int
  /// p, the grid levels of each input (even).
  public let levels: Int
  /// r(k + 1) unit-cube points, trajectory after trajectory.
  public let points: [[Double]]

  /// Builds the design. Throws unless r ≥ 2 (σ needs two effects per input), k ≥ 1, p even in
  /// 2 … 1000, and the design fits `Designs.maxValues`.
  public init(trajectories: Int, dimensions: Int, levels: Int = 4, seed: UInt64) throws {
    try Designs.checkSize(
      "MorrisDesign", samples: trajectories, dimensions: dimensions, minimumSamples: 2,
      pointsPerSample: dimensions + 1)
    try RobustnessError.require(
      levels >= 2 && levels <= 1000 && levels % 2 == 0, "MorrisDesign", "levels", levels, "even, in 2 ... 1000")
    let k = dimensions, half = levels / 2
    let stream = try Designs.designStream(seed: seed, use: .morris, part: 0)
    var points: [[Double]] = []
    points.reserveCapacity(trajectories * (k + 1))
    for _ in 0..<trajectories {
      // Grid indices 0 … p − 1; a start in 0 … p/2 − 1 can move up by p/2 steps (Δ), and
      // one in p/2 … p − 1 down: draw the lower end, then whether to start there or at the top.
      var grid = [Int](repeating: 0, count: k)
      for i in 0..<k {
        let lower = try MorrisDesign.uniformInt(half, stream)
        grid[i] = try MorrisDesign.uniformInt(2, stream) == 0 ? lower : lower + half
      }
      let order = try Designs.permutation(k, using: stream)
      points.append(grid.map { Double($0) / Double(levels - 1) })
      for i in order {
        grid[i] += grid[i] < half ? half : -half
        points.append(grid.map { Double($0) / Double(levels - 1) })
      }
    }
    self.trajectories = trajectories
    self.dimensions = k
    self.levels = levels
    self.points = points
  }

  /// Δ, the step of every move in unit-cube terms: p / (2(p − 1)), 2/3 for four levels.
  public var delta: Double { Double(levels) / Double(2 * (levels - 1)) }

  private static func uniformInt(_ n: Int, _ stream: borrowing RandomStream) throws -> Int {
    try RobustnessError.numerics { () throws(NumericsError) in try stream.uniformInt(below: n) }
  }
}

/// The elementary-effects statistics of one input.
public struct MorrisIndex: Sendable, Equatable {
  /// μ*, the mean absolute elementary effect (Campolongo, Cariboni & Saltelli 2007, "An
  /// effective screening design for sensitivity analysis of large models", Environmental
  /// Modelling & Software 22(10)): the input's overall influence; the ranking statistic.
  public let muStar: Double
  /// μ, the mean elementary effect; |μ| ≪ μ* means effects of both signs (non-monotone).
  public let mu: Double
  /// σ, the standard deviation of the elementary effects (divisor r − 1): large when the
  /// effect depends on the other inputs (interactions) or on where the step is (non-linearity).
  public let sigma: Double
  /// μ*'s percentile-bootstrap interval over trajectories; nil when no resamples were asked.
  public let muStarInterval: Estimate?
  /// The μ* that Monte Carlo noise alone would give this input: √(2/π) times the root mean
  /// square noise of its elementary effects (the expected |N(0, s²)| of an input with no
  /// effect), from the trials of each world; nil without at least two trials per world. An
  /// input whose μ* interval does not clear it cannot be told from noise.
  public let noiseFloor: Double?
  /// The p-value of "this input's effects are noise": under that hypothesis each elementary
  /// effect is N(0, s_t²) with s_t² its estimated noise variance, so the mean square effect over
  /// the mean noise variance is F-distributed with r and r(n − 1) degrees of freedom (the noise
  /// variances come from n trials each). Nil without at least two trials per world; 1 when every
  /// effect is zero. Correct it for the k inputs tested (Holm) before naming drivers: a screen of
  /// 200 inputs finds ten at 5% by chance.
  public let noiseP: Double?

  public init(muStar: Double, mu: Double, sigma: Double, muStarInterval: Estimate?, noiseFloor: Double? = nil, noiseP: Double? = nil) {
    self.muStar = muStar
    self.mu = mu
    self.sigma = sigma
    self.muStarInterval = muStarInterval
    self.noiseFloor = noiseFloor
    self.noiseP = noiseP
  }
}

extension MorrisDesign {
  /// μ*, μ and σ of each input's r elementary effects, from the outputs of this design's points
  /// (in the order of `points`); μ*'s interval resamples the trajectories with replacement
  /// (`resamples` = 0 for none).
  ///
  /// - `realized`: the unit-cube coordinates each point actually ran at, when they differ from
  ///   the design's: a whole-number input rounds its value, so a step of Δ may move it by less
  ///   (a range of 1 … 3 moves by one unit of two, ½ of the range, where Δ is ⅔). The effect is
  ///   divided by the realized step, as the derivative it estimates requires; a realized step
  ///   of 0 (impossible for Δ ≥ ½, which every even p gives) falls back to Δ.
  /// - `trialOutputs`: each point's per-trial outputs (the same number of trials n at every
  ///   point, trial t of one trajectory's points on the same random numbers), whose mean is
  ///   `outputs`. With n ≥ 2 each elementary effect's Monte Carlo noise is estimated from the
  ///   spread of its n paired differences, and `MorrisIndex.noiseFloor` says what μ* noise alone
  ///   would reach and `noiseP` how likely the effects are under noise alone.
  ///
  /// Differences of the output within 10⁻⁹ of its largest magnitude count as zero: floating-point
  /// round-off (an input that changes every strategy's costs alike moves their difference by
  /// 10⁻⁸ dollars), not an effect.
  ///
  /// Throws when the outputs do not match the design or are not all finite.
  ///
  /// - Complexity: O(r·k·(n + resamples)).
  public func indices(
    outputs: [Double], realized: [[Double]]? = nil, trialOutputs: [[Double]]? = nil, resamples: Int = 500,
    confidence: Double = 0.95, seed: UInt64
  ) throws -> [MorrisIndex] {
    let owner = "MorrisDesign.indices"
    let k = dimensions, r = trajectories, stride = k + 1
    guard outputs.count == r * stride else {
      throw RobustnessError(
        .sizeMismatch, "\(owner): outputs must hold one value per point, r(k + 1) = \(r * stride); got \(outputs.count)")
    }
    try RobustnessError.requireFinite(outputs, owner, "outputs")
    if resamples != 0 { try Bootstrap.check(owner, resamples: resamples, confidence: confidence) }
    if let realized, realized.count != points.count || realized.contains(where: { $0.count != k }) {
      throw RobustnessError(.sizeMismatch, "\(owner): realized must hold one point of \(k) coordinates per design point (\(points.count))")
    }
    let trials = try TrialOutputs.check(trialOutputs, points: points.count, owner: owner)
    let roundOff = 1e-9 * (outputs.map(abs).max() ?? 0)

    // effects[i][t]: input i's elementary effect in trajectory t; noise[i][t] its Monte Carlo
    // variance. The input a step moves is the one coordinate that differs between consecutive points.
    var effects = [[Double]](repeating: [Double](repeating: 0, count: r), count: k)
    var noise = effects
    for t in 0..<r {
      for step in 0..<k {
        let a = t * stride + step, b = a + 1
        let before = points[a], after = points[b]
        guard let i = (0..<k).first(where: { before[$0] != after[$0] }) else { continue }
        var move = after[i] - before[i]
        if let realized, realized[b][i] != realized[a][i] { move = realized[b][i] - realized[a][i] }
        let change = outputs[b] - outputs[a]
        effects[i][t] = abs(change) <= roundOff ? 0 : change / move
        if let trials { noise[i][t] = TrialOutputs.varianceOfMeanDifference(trials[b], trials[a], roundOff: roundOff) / (move * move) }
      }
    }

    func muStars(_ units: [Int]) -> [Double] {
      effects.map { e in
        var s = 0.0
        for t in units { s += abs(e[t]) }
        return s / Double(units.count)
      }
    }
    let muStar = muStars(Array(0..<r))
    let intervals: [Estimate?] =
      resamples == 0
      ? Array(repeating: nil, count: k)
      : try Bootstrap.intervals(
        values: muStar, units: r, resamples: resamples, confidence: confidence, seed: seed, statistics: muStars)
    return try (0..<k).map { i in
      var sum = 0.0
      for e in effects[i] { sum += e }
      let mu = sum / Double(r)
      var squares = 0.0
      for e in effects[i] { squares += (e - mu) * (e - mu) }
      let noiseVariance = noise[i].reduce(0, +) / Double(r)
      let floor: Double? = trials.map { _ in (2 / Double.pi * noiseVariance).squareRoot() }
      var p: Double?
      if let trials {
        let meanSquare = effects[i].reduce(0) { $0 + $1 * $1 } / Double(r)
        let f = meanSquare == 0 ? 0 : noiseVariance == 0 ? Double.infinity : meanSquare / noiseVariance
        p = try RobustnessError.numerics { () throws(NumericsError) in
          try SpecialFunctions.fUpperTail(f, d1: Double(r), d2: Double(r * (trials[0].count - 1)))
        }
      }
      return MorrisIndex(
        muStar: muStar[i], mu: mu, sigma: (squares / Double(r - 1)).squareRoot(), muStarInterval: intervals[i], noiseFloor: floor,
        noiseP: p)
    }
  }
}
