#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stationary distribution of the number in system for M/M/N+M (θ = 0 gives M/M/N):
/// births at rate λ, deaths at rate min(n, N)μ + (n − N)⁺θ.
///
/// The terms are computed outward from the mode, where π is largest, so no term over- or
/// underflows harmfully: going down, π(n−1) = π(n)·d(n)/λ; going up, π(n+1) = π(n)·λ/d(n+1),
/// both ratios ≤ 1 on their side of the mode. The upper tail stops once a term is below 10⁻¹⁸
/// of the mode (all later terms are smaller still). This is the "exact" Erlang A of the
/// queueing literature (and of pyworkforce), and with θ = 0 an independent check on Erlang C.
struct BirthDeathChain {
  /// π(n), normalized, for n in 0 ..< pi.count.
  let pi: [Double]
  let agents: Int

  init(model m: QueueModel) throws(QueueError) {
    let lambda = m.arrivalRate, mu = 1 / m.meanHandleTime, theta = m.abandonmentRate
    let n = m.agents
    if theta == 0 && m.offeredLoad >= Double(n) { throw .unstable(agents: n, load: m.offeredLoad) }
    func death(_ k: Int) -> Double {
      k <= n ? Double(k) * mu : Double(n) * mu + Double(k - n) * theta
    }
    // Mode: the first k with d(k+1) ≥ λ.
    let mode: Int
    if lambda <= Double(n) * mu {
      mode = max(0, Int((lambda / mu).rounded(.up)) - 1)
    } else {
      mode = n + max(0, Int(((lambda - Double(n) * mu) / theta).rounded(.up)) - 1)
    }
    var lowerHalf = [Double](repeating: 0, count: mode + 1)
    lowerHalf[mode] = 1
    var k = mode
    while k > 0 {
      lowerHalf[k - 1] = lowerHalf[k] * death(k) / lambda
      k -= 1
    }
    var terms = lowerHalf
    var term = 1.0
    k = mode
    let cap = 50_000_000
    while true {
      term *= lambda / death(k + 1)
      k += 1
      terms.append(term)
      if term < 1e-18 && k > n + 1 { break }
      if terms.count > cap { break }
    }
    var total = 0.0
    for t in terms { total += t }
    for i in terms.indices { terms[i] /= total }
    pi = terms
    agents = n
  }

  /// All metrics for answer threshold `t` seconds. With θ = 0 they reduce to Erlang C.
  ///
  /// An arrival that finds q callers waiting (n = N + q) moves up one place at rate Nμ + kθ
  /// while k are ahead of it, and abandons at rate θ; the two compete, so it leaves each place at
  /// total rate Nμ + (k+1)θ whichever happens. Hence P(served | q) = Nμ / (Nμ + (q+1)θ), its
  /// sojourn if served is a sum of Exp(Nμ + jθ), j = 1 … q+1, whose distribution function is
  /// the regularized incomplete beta I_p(q+1, Nμ/θ + 1) with p = 1 − e^{−θt} (the (q+1)-th
  /// order statistic of Nμ/θ + q + 1 exponential lifetimes), and E[wait | q] = (q+1)/(Nμ+(q+1)θ).
  func metrics(_ m: QueueModel, answerWithin t: Double) throws(QueueError) -> QueueMetrics {
    let lambda = m.arrivalRate, mu = 1 / m.meanHandleTime, theta = m.abandonmentRate
    let nmu = Double(agents) * mu
    var pNoWait = 0.0, busy = 0.0
    for i in 0..<min(agents, pi.count) {
      pNoWait += pi[i]
      busy += Double(i) * pi[i]
    }
    var pAbandon = 0.0, meanWait = 0.0, queue = 0.0, waitServed = 0.0, servedWithin = 0.0
    var harmonic = 0.0  // Σ_{j=1}^{q+1} 1/(Nμ + jθ)
    let p = theta > 0 ? -expm1(-theta * t) : 0
    for i in agents..<pi.count {
      let q = Double(i - agents)
      let w = pi[i]
      busy += Double(agents) * w
      queue += q * w
      let leave = nmu + (q + 1) * theta
      harmonic += 1 / leave
      let served = nmu / leave
      pAbandon += w * (1 - served)
      meanWait += w * (q + 1) / leave
      waitServed += w * served * harmonic
      let within: Double
      if theta > 0 {
        within = try SpecialFunctionsBridge.incompleteBeta(q + 1, nmu / theta + 1, p)
      } else {
        // θ = 0: the sojourn is Gamma(q + 1, Nμ); P(≤ t) = P(q + 1, Nμ t).
        within = try SpecialFunctionsBridge.lowerGamma(q + 1, nmu * t)
      }
      servedWithin += w * served * within
    }
    let answered = 1 - pAbandon
    return QueueMetrics(
      probabilityOfWaiting: 1 - pNoWait,
      meanWait: meanWait,
      averageSpeedOfAnswer: answered > 0 ? waitServed / answered : .nan,
      probabilityOfAbandonment: pAbandon,
      serviceLevel: pNoWait + servedWithin,
      occupancy: busy / Double(agents),
      meanQueueLength: queue)
      .checkedLittle(lambda: lambda)
  }
}

extension QueueMetrics {
  /// Debug-only cross-check of Little's law, L_q = λ·E[W], on the computed distribution.
  func checkedLittle(lambda: Double) -> QueueMetrics {
    assert(abs(meanQueueLength - lambda * meanWait) <= 1e-6 * max(1, meanQueueLength),
           "Little's law violated: \(meanQueueLength) vs \(lambda * meanWait)")
    return self
  }
}
