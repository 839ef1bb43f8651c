#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Erlang's delay formula for M/M/N (no abandonment).
///
/// C(N, A) = N·B / (N − A(1 − B)) with B = B(N, A) from the stable Erlang-B recurrence, valid for
/// A < N; at A ≥ N the queue grows without bound and there is no steady state, which is an error
/// rather than a number. Then P(W > t) = C·e^{−(Nμ − λ)t}, ASA = C / (Nμ − λ), occupancy = A/N.
public enum ErlangC {
  /// The probability of waiting, C(N, A).
  public static func probabilityOfWaiting(agents n: Int, load a: Double) throws(QueueError) -> Double {
    try QueueError.require(n >= 1, "agents", Double(n), "≥ 1")
    try QueueError.require(a > 0 && a.isFinite, "offered load", a, "finite and > 0")
    guard a < Double(n) else { throw .unstable(agents: n, load: a) }
    let b = ErlangB.unchecked(servers: n, load: a)
    return Double(n) * b / (Double(n) - a * (1 - b))
  }

  /// All steady-state metrics for answer threshold `t` seconds. The model must have no patience.
  public static func metrics(_ m: QueueModel, answerWithin t: Double) throws(QueueError) -> QueueMetrics {
    try QueueError.require(t >= 0 && t.isFinite, "answer-within threshold", t, "finite and ≥ 0")
    let c = try probabilityOfWaiting(agents: m.agents, load: m.offeredLoad)
    let mu = 1 / m.meanHandleTime
    let drain = Double(m.agents) * mu - m.arrivalRate  // Nμ − λ > 0
    let wait = c / drain
    return QueueMetrics(
      probabilityOfWaiting: c, meanWait: wait, averageSpeedOfAnswer: wait,
      probabilityOfAbandonment: 0, serviceLevel: 1 - c * exp(-drain * t),
      occupancy: m.loadPerAgent, meanQueueLength: m.arrivalRate * wait)
  }
}
