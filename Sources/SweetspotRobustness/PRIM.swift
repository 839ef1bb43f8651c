/// A box of parameter space found by PRIM, with how well it captures the points of interest.
public struct PRIMBox: Sendable, Equatable {
  /// The range [low, high] the box allows one input (both ends inclusive, in parameter units).
  public struct Limit: Sendable, Equatable {
    /// The input's index (column of PRIM's x).
    public let dimension: Int
    /// The smallest value allowed; the data's minimum when only the upper end is restricted.
    public let low: Double
    /// The largest value allowed; the data's maximum when only the lower end is restricted.
    public let high: Double

    public init(dimension: Int, low: Double, high: Double) {
      self.dimension = dimension
      self.low = low
      self.high = high
    }
  }

  /// The restricted inputs only, by dimension: an input not listed may take any value.
  public let limits: [Limit]
  /// The share of all points of interest that lie in the box (recall).
  public let coverage: Double
  /// The share of the box's points that are of interest (precision).
  public let density: Double
  /// The share of all points that lie in the box (support).
  public let mass: Double

  public init(limits: [Limit], coverage: Double, density: Double, mass: Double) {
    self.limits = limits
    self.coverage = coverage
    self.density = density
    self.mass = mass
  }
}

/// The boxes PRIM went through and the one it chose.
public struct PRIMResult: Sendable, Equatable {
  /// The peeling trajectory, from the whole space (coverage 1, density = the base rate) to the
  /// last box peeling allowed; then, if pasting improved the chosen box, the pasted boxes.
  public let trajectory: [PRIMBox]
  /// The index in `trajectory` of the chosen box (the last pasted one, if pasting helped).
  public let chosen: Int
  /// How many leading boxes of `trajectory` come from peeling (the coverage–density curve).
  public let peeled: Int

  public init(trajectory: [PRIMBox], chosen: Int, peeled: Int) {
    self.trajectory = trajectory
    self.chosen = chosen
    self.peeled = peeled
  }

  /// The chosen box.
  public var box: PRIMBox { trajectory[chosen] }
}

/// The Patient Rule Induction Method (Friedman & Fisher 1999, "Bump hunting in
/// high-dimensional data", Statistics and Computing 9(2)), as scenario discovery uses it
/// (Bryant & Lempert 2010, "Thinking inside the box", Technological Forecasting & Social Change
/// 77(1); EMA Workbench's `prim`): find a few parameter ranges inside which the condition of
/// interest (a strategy fails, a strategy wins) is concentrated.
///
///     let result = try PRIM.discover(x: worlds, y: worlds.map { failed($0) })
///     result.box.limits     // e.g. [dimension 3: 0.62 … 0.95, dimension 7: 0.0 … 0.31]
///
/// **Peeling.** Starting from the box holding every point, each step considers, for every input,
/// cutting off the `alpha` share of the box's points with the lowest values or the highest, and
/// takes the cut that leaves the highest density (ties: the cut removing fewer points, then the
/// lower input, then the low end). A cut at tied values removes all points tied at the cut
/// (at least one point goes). Peeling stops when no cut keeps the box's mass ≥ `minMass`, or
/// when the density reaches 1. Every box on the way is in the trajectory.
///
/// **The chosen box.** Among the boxes with coverage ≥ `minCoverage` (the first box always
/// qualifies), the one with the largest coverage × density (ties: the earlier, larger box).
/// Density alone keeps creeping up as peeling chases noise, so the densest box is nearly always
/// the last one allowed; the product peaks where a peel stops gaining density faster, relatively,
/// than it loses coverage: the knee of the coverage–density trajectory. For a box that exactly
/// holds a noise-free condition the product is 1, and any box bigger or smaller scores less.
///
/// **Pasting.** The chosen box is then widened, one end at a time, by the `alpha` share of its
/// points nearest outside that end (among the points inside every other limit), while a widening
/// raises the density, as Friedman & Fisher's pasting does; each accepted widening is appended
/// to the trajectory and becomes the chosen box.
public enum PRIM {
  /// Finds the box. x: one row per point in parameter units (every row the same length, all
  /// finite); y: whether each point has the condition of interest (at least one must).
  ///
  /// Throws on ragged or non-finite x, mismatched lengths, no point of interest, alpha outside
  /// (0, 0.5], minMass outside (0, 1] or minCoverage outside [0, 1].
  ///
  /// - Complexity: O(steps · k · n log n), with about log(minMass) / log(1 − alpha) steps.
  public static func discover(
    x: [[Double]], y: [Bool], alpha: Double = 0.05, minMass: Double = 0.05, minCoverage: Double = 0.5
  ) throws -> PRIMResult {
    let owner = "PRIM.discover"
    try RobustnessError.require(x.count >= 2, owner, "the number of points", x.count, "≥ 2")
    guard y.count == x.count else {
      throw RobustnessError(.sizeMismatch, "\(owner): y must hold one value per point of x (\(x.count)); got \(y.count)")
    }
    let k = x[0].count
    try RobustnessError.require(k >= 1, owner, "the number of inputs", k, "≥ 1")
    if let bad = x.firstIndex(where: { $0.count != k }) {
      throw RobustnessError(.sizeMismatch, "\(owner): every point must have \(k) values, as the first; point \(bad) has \(x[bad].count)")
    }
    for (i, row) in x.enumerated() {
      if let j = row.firstIndex(where: { !$0.isFinite }) {
        throw RobustnessError(.notFinite, "\(owner): x must be finite numbers; got \(row[j]) at point \(i), input \(j)")
      }
    }
    try RobustnessError.require(alpha > 0 && alpha <= 0.5, owner, "alpha", alpha, "in (0, 0.5]")
    try RobustnessError.require(minMass > 0 && minMass <= 1, owner, "minMass", minMass, "in (0, 1]")
    try RobustnessError.require(minCoverage >= 0 && minCoverage <= 1, owner, "minCoverage", minCoverage, "in [0, 1]")
    let positives = y.reduce(0) { $0 + ($1 ? 1 : 0) }
    try RobustnessError.require(positives >= 1, owner, "the number of points of interest (y true)", positives, "≥ 1")

    let space = PRIMSpace(x: x, y: y, positives: positives)
    var box = space.whole
    var trajectory = [space.describe(box)]
    var boxes = [box]
    while box.positives < box.members.count, let next = space.bestPeel(of: box, alpha: alpha, minCount: minMass * Double(x.count)) {
      box = next
      boxes.append(box)
      trajectory.append(space.describe(box))
    }
    let peeled = trajectory.count

    var chosen = 0
    var bestScore = -1.0
    for (i, b) in trajectory.enumerated() where b.coverage >= minCoverage && b.coverage * b.density > bestScore {
      bestScore = b.coverage * b.density
      chosen = i
    }
    box = boxes[chosen]
    while let wider = space.bestPaste(of: box, alpha: alpha) {
      box = wider
      trajectory.append(space.describe(box))
      chosen = trajectory.count - 1
    }
    return PRIMResult(trajectory: trajectory, chosen: chosen, peeled: peeled)
  }
}

/// The data PRIM works on, and its boxes as limits plus the members they imply.
struct PRIMSpace {
  let x: [[Double]]
  let y: [Bool]
  let positives: Int
  let dataLow: [Double], dataHigh: [Double]

  struct Box {
    var low: [Double], high: [Double]
    var members: [Int]
    var positives: Int
  }

  init(x: [[Double]], y: [Bool], positives: Int) {
    self.x = x
    self.y = y
    self.positives = positives
    let k = x[0].count
    dataLow = (0..<k).map { j in x.reduce(Double.infinity) { min($0, $1[j]) } }
    dataHigh = (0..<k).map { j in x.reduce(-Double.infinity) { max($0, $1[j]) } }
  }

  var whole: Box { box(low: dataLow, high: dataHigh) }

  func box(low: [Double], high: [Double]) -> Box {
    var members: [Int] = []
    var hits = 0
    for i in x.indices where x[i].indices.allSatisfy({ low[$0] <= x[i][$0] && x[i][$0] <= high[$0] }) {
      members.append(i)
      if y[i] { hits += 1 }
    }
    return Box(low: low, high: high, members: members, positives: hits)
  }

  func describe(_ b: Box) -> PRIMBox {
    let limits = dataLow.indices.compactMap { j in
      b.low[j] > dataLow[j] || b.high[j] < dataHigh[j] ? PRIMBox.Limit(dimension: j, low: b.low[j], high: b.high[j]) : nil
    }
    let n = Double(b.members.count)
    return PRIMBox(
      limits: limits, coverage: Double(b.positives) / Double(positives),
      density: n > 0 ? Double(b.positives) / n : 0, mass: n / Double(x.count))
  }

  /// The peel leaving the highest density with at least `minCount` points, or nil.
  func bestPeel(of b: Box, alpha: Double, minCount: Double) -> Box? {
    let count = b.members.count
    let step = max(1, Int(alpha * Double(count)))
    // (density, removed, dimension, side, new limit): compared in that order of priority.
    var best: (density: Double, removed: Int, j: Int, upper: Bool, limit: Double)?
    for j in b.low.indices {
      let sorted = b.members.map { (x[$0][j], y[$0]) }.sorted { $0.0 < $1.0 }
      guard let first = sorted.first?.0, let last = sorted.last?.0, first < last else { continue }
      for upper in [false, true] {
        // Keep values ≥ cut (low end) or ≤ cut (high end); the cut is the value `step` places in,
        // moved inward past any ties at the extreme so that at least one point goes.
        let values = upper ? sorted.reversed().map(\.0) : sorted.map(\.0)
        var cut = values[step]
        if cut == values[0] { cut = values.first { $0 != values[0] }! }
        let removed = values.prefix { upper ? $0 > cut : $0 < cut }.count
        guard Double(count - removed) >= minCount else { continue }
        let gone = (upper ? Array(sorted.suffix(removed)) : Array(sorted.prefix(removed))).reduce(0) { $0 + ($1.1 ? 1 : 0) }
        let density = Double(b.positives - gone) / Double(count - removed)
        if let c = best, !(density > c.density || (density == c.density && removed < c.removed)) { continue }
        best = (density, removed, j, upper, cut)
      }
    }
    guard let c = best else { return nil }
    var low = b.low, high = b.high
    if c.upper { high[c.j] = c.limit } else { low[c.j] = c.limit }
    return box(low: low, high: high)
  }

  /// The widening of one end that raises the density most, or nil if none raises it.
  func bestPaste(of b: Box, alpha: Double) -> Box? {
    let step = max(1, Int(alpha * Double(b.members.count)))
    let density = Double(b.positives) / Double(max(b.members.count, 1))
    var best: (box: Box, density: Double)?
    for j in b.low.indices {
      // Points outside the box only because of input j.
      let near = x.indices.filter { i in
        x[i].indices.allSatisfy { $0 == j || (b.low[$0] <= x[i][$0] && x[i][$0] <= b.high[$0]) }
      }
      for upper in [false, true] {
        let outside = near.map { x[$0][j] }.filter { upper ? $0 > b.high[j] : $0 < b.low[j] }
          .sorted { upper ? $0 < $1 : $0 > $1 }
        guard !outside.isEmpty else { continue }
        let limit = outside[min(step, outside.count) - 1]
        var low = b.low, high = b.high
        if upper { high[j] = limit } else { low[j] = limit }
        let wider = box(low: low, high: high)
        let d = Double(wider.positives) / Double(wider.members.count)
        if d > density && d > (best?.density ?? -1) { best = (wider, d) }
      }
    }
    return best?.box
  }
}
