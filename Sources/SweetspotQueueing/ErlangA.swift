#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Erlang A: M/M/N+M, Palm's model of a queue whose callers abandon after an exponential
/// patience (Garnett, Mandelbaum & Reiman, "Designing a call center with impatient customers",
/// MSOM 4(3):208–227, 2002). Always stable: abandonment bounds the queue at any load.
public enum ErlangA {
  /// All steady-state metrics, from the exact birth–death chain (see `BirthDeathChain`).
  /// Without patience in the model this is Erlang C computed by a second, independent route.
  public static func metrics(_ m: QueueModel, answerWithin t: Double) throws(QueueError) -> QueueMetrics {
    var scratch: [Double] = []
    return try metrics(m, answerWithin: t, scratch: &scratch)
  }

  /// The same, reusing `scratch` for the chain's terms: no allocation once it has grown.
  /// `serviceLevelOnly`: only `serviceLevel` is computed (the same number); the rest is NaN.
  public static func metrics(_ m: QueueModel, answerWithin t: Double, scratch: inout [Double],
                             serviceLevelOnly: Bool = false) throws(QueueError) -> QueueMetrics {
    try QueueError.require(t >= 0 && t.isFinite, "answer-within threshold", t, "finite and ≥ 0")
    return try BirthDeathChain.metrics(m, answerWithin: t, scratch: &scratch, serviceLevelOnly: serviceLevelOnly)
  }

  /// P(wait) and P(abandon) by Garnett et al.'s closed form: with x = Nμ/θ, y = λ/θ and
  /// Â = x·e^y·y^{−x}·γ(x, y), P(W > 0) = Â·B / (1 + (Â − 1)·B), B = Erlang B(N, A), and
  /// P(Ab | W > 0) = 1/(ρÂ) + 1 − 1/ρ. Â is formed in log space (it overflows for large λ/θ).
  public static func closedForm(_ m: QueueModel) throws(QueueError) -> (probabilityOfWaiting: Double, probabilityOfAbandonment: Double) {
    guard let patience = m.meanPatience else {
      throw .invalid(name: "mean patience", value: "none", allowed: "set for Erlang A")
    }
    let theta = 1 / patience, mu = 1 / m.meanHandleTime
    let x = Double(m.agents) * mu / theta, y = m.arrivalRate / theta
    let logGammaLower = try SpecialFunctionsBridge.logGamma(x) + log(try SpecialFunctionsBridge.lowerGamma(x, y))
    let logA = log(x) + y - x * log(y) + logGammaLower
    let b = ErlangB.unchecked(servers: m.agents, load: m.offeredLoad)
    let invA = exp(-logA)
    let pWait = b / (b + (1 - b) * invA)
    let rho = m.loadPerAgent
    let pAbandonGivenWait = invA / rho + 1 - 1 / rho
    return (pWait, pWait * pAbandonGivenWait)
  }
}
