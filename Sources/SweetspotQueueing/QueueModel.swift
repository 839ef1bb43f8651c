/// A single-skill contact-centre queue in steady state: Poisson arrivals, exponential handle
/// times, N identical agents, first come first served, and optionally exponential patience.
///
/// Without patience this is M/M/N (Erlang C); with it, M/M/N+M (Erlang A, Palm's model). Times
/// are in seconds, rates per second.
public struct QueueModel: Sendable, Equatable, CustomStringConvertible {
  /// Arrivals per second (λ).
  public var arrivalRate: Double
  /// Mean handle time in seconds (1/μ).
  public var meanHandleTime: Double
  /// Number of agents (N).
  public var agents: Int
  /// Mean patience in seconds (1/θ); nil means callers never abandon.
  public var meanPatience: Double?

  public init(arrivalRate: Double, meanHandleTime: Double, agents: Int, meanPatience: Double? = nil) throws(QueueError) {
    try QueueError.require(arrivalRate > 0 && arrivalRate.isFinite, "arrival rate", arrivalRate, "finite and > 0")
    try QueueError.require(meanHandleTime > 0 && meanHandleTime.isFinite, "mean handle time", meanHandleTime, "finite and > 0")
    try QueueError.require(agents >= 1 && agents <= 100_000, "agents", Double(agents), "a whole number in 1 ... 100000")
    if let p = meanPatience {
      try QueueError.require(p > 0 && p.isFinite, "mean patience", p, "finite and > 0")
    }
    self.arrivalRate = arrivalRate
    self.meanHandleTime = meanHandleTime
    self.agents = agents
    self.meanPatience = meanPatience
  }

  /// Offered load in Erlangs: A = λ / μ.
  public var offeredLoad: Double { arrivalRate * meanHandleTime }
  /// Offered load per agent, ρ = A / N.
  public var loadPerAgent: Double { offeredLoad / Double(agents) }
  /// Abandonment rate θ per waiting caller (0 without patience).
  public var abandonmentRate: Double { meanPatience.map { 1 / $0 } ?? 0 }

  public var description: String {
    let base = "λ = \(formatted(arrivalRate * 3600))/h, AHT = \(formatted(meanHandleTime)) s, N = \(agents)"
    return meanPatience.map { base + ", mean patience = \(formatted($0)) s" } ?? base
  }
}

/// Steady-state performance of a queue, for one service-level threshold T.
///
/// Definitions follow contact-centre practice: the service level counts contacts answered within
/// T among all offered (abandoners count against it); ASA is the mean wait of answered contacts;
/// the mean wait covers all arrivals, abandoners up to the moment they hang up.
public struct QueueMetrics: Sendable, Equatable {
  /// Probability an arrival has to wait (finds all agents busy).
  public var probabilityOfWaiting: Double
  /// Mean wait over all arrivals, seconds.
  public var meanWait: Double
  /// Average speed of answer: mean wait of answered contacts, seconds.
  public var averageSpeedOfAnswer: Double
  /// Probability an arrival abandons before being answered.
  public var probabilityOfAbandonment: Double
  /// Share of offered contacts answered within the threshold.
  public var serviceLevel: Double
  /// Share of agent time spent handling contacts.
  public var occupancy: Double
  /// Time-average number of contacts waiting.
  public var meanQueueLength: Double

  public init(probabilityOfWaiting: Double, meanWait: Double, averageSpeedOfAnswer: Double,
              probabilityOfAbandonment: Double, serviceLevel: Double, occupancy: Double,
              meanQueueLength: Double) {
    self.probabilityOfWaiting = probabilityOfWaiting
    self.meanWait = meanWait
    self.averageSpeedOfAnswer = averageSpeedOfAnswer
    self.probabilityOfAbandonment = probabilityOfAbandonment
    self.serviceLevel = serviceLevel
    self.occupancy = occupancy
    self.meanQueueLength = meanQueueLength
  }
}
