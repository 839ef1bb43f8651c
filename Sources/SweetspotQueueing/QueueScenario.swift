/// A contact-centre day (or week) to simulate: arrivals, handle times, patience, staffing.
public struct QueueScenario: Sendable, Equatable {
  /// Arrivals per hour in consecutive intervals of `intervalSeconds`; the profile repeats.
  /// One value is a constant rate.
  public var arrivalsPerHour: [Double]
  /// Length of each profile interval, seconds.
  public var intervalSeconds: Double
  /// Handle-time distribution.
  public var handleTime: DurationDistribution
  /// Patience distribution; nil means callers never abandon.
  public var patience: DurationDistribution?
  /// Number of agents.
  public var agents: Int
  /// Service-level threshold T, seconds.
  public var answerWithinSeconds: Double
  /// Observed period after warm-up, seconds.
  public var horizonSeconds: Double
  /// Warm-up deleted from the start of each replication, seconds.
  public var warmupSeconds: Double

  public init(arrivalsPerHour: [Double], intervalSeconds: Double = 3600, handleTime: DurationDistribution,
              patience: DurationDistribution?, agents: Int, answerWithinSeconds: Double = 20,
              horizonSeconds: Double, warmupSeconds: Double) throws(QueueError) {
    try QueueError.require(!arrivalsPerHour.isEmpty, "arrivals per hour", 0, "at least one rate")
    for r in arrivalsPerHour {
      try QueueError.require(r >= 0 && r.isFinite, "arrivals per hour", r, "finite and ≥ 0")
    }
    try QueueError.require(arrivalsPerHour.contains { $0 > 0 }, "arrivals per hour", 0, "> 0 in at least one interval")
    try QueueError.require(intervalSeconds > 0 && intervalSeconds.isFinite, "interval", intervalSeconds, "finite and > 0 seconds")
    try handleTime.validate("handle time")
    try patience?.validate("patience")
    try QueueError.require(agents >= 1 && agents <= 100_000, "agents", Double(agents), "a whole number in 1 ... 100000")
    try QueueError.require(answerWithinSeconds >= 0 && answerWithinSeconds.isFinite, "answer-within threshold", answerWithinSeconds, "finite and ≥ 0 seconds")
    try QueueError.require(horizonSeconds > 0 && horizonSeconds.isFinite, "horizon", horizonSeconds, "finite and > 0 seconds")
    try QueueError.require(warmupSeconds >= 0 && warmupSeconds.isFinite, "warm-up", warmupSeconds, "finite and ≥ 0 seconds")
    self.arrivalsPerHour = arrivalsPerHour
    self.intervalSeconds = intervalSeconds
    self.handleTime = handleTime
    self.patience = patience
    self.agents = agents
    self.answerWithinSeconds = answerWithinSeconds
    self.horizonSeconds = horizonSeconds
    self.warmupSeconds = warmupSeconds
  }

  /// Whether the arrival rate is the same in every interval.
  public var hasConstantRate: Bool { Set(arrivalsPerHour).count == 1 }

  /// The steady-state model for one interval's rate (exponential parameters: the Erlang
  /// approximation when the distributions are not exponential).
  public func erlangModel(arrivalsPerHour rate: Double) throws(QueueError) -> QueueModel {
    try QueueModel(arrivalRate: rate / 3600, meanHandleTime: handleTime.mean, agents: agents,
                   meanPatience: patience?.mean)
  }
}
