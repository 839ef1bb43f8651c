#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stationary distribution of the number in system for M/M/N+M (θ = 0 gives M/M/N):
/// births at rate λ, deaths at rate min(n, N)μ + (n − N)⁺θ, and the queue metrics it implies.
///
/// The terms are computed outward from the mode, where π is largest, so no term over- or
/// underflows harmfully: going down, π(n−1) = π(n)·d(n)/λ; going up, π(n+1) = π(n)·λ/d(n+1),
/// both ratios ≤ 1 on their side of the mode. Each side stops once a term is below 10⁻¹⁸ of the
/// mode (all terms beyond are smaller still). This is the "exact" Erlang A of the
/// queueing literature (and of pyworkforce), and with θ = 0 an independent check on Erlang C.
/// The unnormalized terms go into a caller-owned scratch buffer, so repeated evaluations (the
/// world model staffs every interval of every week) allocate nothing once it has grown.
enum BirthDeathChain {
  /// All metrics for answer threshold `t` seconds. With θ = 0 they reduce to Erlang C.
  ///
  /// An arrival that finds q callers waiting (n = N + q) moves up one place at rate Nμ + kθ
  /// while k are ahead of it, and abandons at rate θ; the two compete, so it leaves each place at
  /// total rate Nμ + (k+1)θ whichever happens. Hence P(served | q) = Nμ / (Nμ + (q+1)θ), its
  /// sojourn if served is a sum of Exp(Nμ + jθ), j = 1 … q+1, whose distribution function is
  /// the regularized incomplete beta I_p(q+1, Nμ/θ + 1) with p = 1 − e^{−θt} (the (q+1)-th
  /// order statistic of Nμ/θ + q + 1 exponential lifetimes), and E[wait | q] = (q+1)/(Nμ+(q+1)θ).
  /// I_p(a, b) is advanced in a by I(a+1) = I(a) − p^a(1−p)^b / (a·B(a, b)), the subtracted term
  /// carried by its ratio from one a to the next, or in log space where (1 − p)^b underflows;
  /// with θ = 0 the same is done for the regularized lower gamma P(q+1, Nμt).
  ///
  /// `serviceLevelOnly` (a staffing search, which reads nothing else) skips every other sum;
  /// the service level is then the same number, computed by the same operations, and the other
  /// fields are NaN.
  @inline(__always)
  static func metrics(_ m: QueueModel, answerWithin t: Double, scratch terms: inout [Double],
                      serviceLevelOnly: Bool = false) throws(QueueError) -> QueueMetrics {
    let lambda = m.arrivalRate, mu = 1 / m.meanHandleTime, theta = m.abandonmentRate
    let n = m.agents
    if theta == 0 && m.offeredLoad >= Double(n) { throw .unstable(agents: n, load: m.offeredLoad) }
    @inline(__always) func death(_ k: Int) -> Double {
      k <= n ? Double(k) * mu : Double(n) * mu + Double(k - n) * theta
    }
    // Mode: the first k with d(k+1) ≥ λ.
    let mode: Int
    if lambda <= Double(n) * mu {
      mode = max(0, Int((lambda / mu).rounded(.up)) - 1)
    } else {
      mode = n + max(0, Int(((lambda - Double(n) * mu) / theta).rounded(.up)) - 1)
    }
    // Downward from the mode the terms shrink too; below 10⁻¹⁸ of the mode they are left out
    // (as the upper tail is cut), and the sums start at `low`, the smallest index kept. They are
    // kept in `terms` (indices low ... mode) for the one upward pass below.
    if terms.count < mode + 1 { terms = [Double](repeating: 0, count: mode + 1) }
    let perArrival = 1 / lambda
    let low: Int = terms.withUnsafeMutableBufferPointer { b in
      var k = mode
      b[mode] = 1
      while k > 0 && b[k] >= 1e-18 {
        b[k - 1] = b[k] * death(k) * perArrival
        k -= 1
      }
      return k
    }

    let nmu = Double(n) * mu
    var total = 0.0, pNoWait = 0.0, busy = 0.0
    var pAbandon = 0.0, meanWait = 0.0, queue = 0.0, waitServed = 0.0, servedWithin = 0.0
    var harmonic = 0.0  // Σ_{j=1}^{q+1} 1/(Nμ + jθ)
    // Incomplete-function recurrence state: cdf = F(q+1), logStep = log of the term subtracted
    // to move from a = q+1 to a = q+2.
    var cdf: Double, logStep: Double, logX: Double, b: Double
    let x: Double  // p (θ > 0) or y (θ = 0), whose log is logX
    if theta > 0 {
      let p = -expm1(-theta * t)
      x = p
      b = nmu / theta + 1
      logX = log(p)
      let logOneMinusP = -theta * t  // log(1 − p)
      cdf = -expm1(b * logOneMinusP)  // I_p(1, b) = 1 − (1 − p)^b
      logStep = log(b) + logX + b * logOneMinusP
    } else {
      let y = nmu * t
      x = y
      b = 0
      logX = log(y)
      cdf = -expm1(-y)  // P(1, y)
      logStep = logX - y
    }
    // The subtracted term itself, p^a(1−p)^b/(a·B(a, b)) (or y^a e^{−y}/a!), is unimodal in a, so
    // once it starts above e^{−700} it can be carried as a number, each step one multiplication
    // by its ratio x(a+b)/(a+1) (or y/(a+1)): no log or exp per place. Only where it starts
    // nearer underflow is it carried in log space.
    let inLogSpace = logStep < -700
    var step = inLogSpace ? 0 : exp(logStep)
    // One pass upward from `low`: the stored terms up to the mode, then π(k+1) = π(k)·λ/d(k+1)
    // until a term past N + 1 is below 10⁻¹⁸ of the mode. The sums are unnormalized (π(mode) = 1)
    // and divided by the total at the end, so no term is stored above the mode.
    // (Below `low` the terms count as 0; when that reaches past N, the queue places there still
    // advance the recurrence.)
    var term = 0.0, perLeavePrevious = 0.0
    var i = min(low, n)
    terms.withUnsafeBufferPointer { stored in
      while true {
        if i <= mode {
          term = i >= low ? stored[i] : 0
        } else {
          if !(term >= 1e-18 || i - 1 <= n + 1) || i - low > 50_000_000 { break }
          // Above N, d(i) = Nμ + (i − N)θ is the previous place's leaving rate, whose reciprocal
          // is at hand: one division per place fewer.
          term *= i - 1 >= n ? lambda * perLeavePrevious : lambda / death(i)
        }
        total += term
        if i < n {
          pNoWait += term
          if !serviceLevelOnly { busy += Double(i) * term }
        } else {
          let q = Double(i - n)
          let perLeave = 1 / (nmu + (q + 1) * theta)  // one division per place, its reciprocal reused
          perLeavePrevious = perLeave
          let served = nmu * perLeave
          if !serviceLevelOnly {
            busy += Double(n) * term
            queue += q * term
            harmonic += perLeave
            pAbandon += term * (1 - served)
            meanWait += term * (q + 1) * perLeave
            waitServed += term * served * harmonic
          }
          servedWithin += term * served * max(0, cdf)
          // Advance a = q+1 → q+2.
          let a = q + 1
          if inLogSpace {
            cdf -= exp(logStep)
            logStep += theta > 0 ? logX + log(a + b) - log(a + 1) : logX - log(a + 1)
          } else {
            cdf -= step
            step *= theta > 0 ? x * (a + b) / (a + 1) : x / (a + 1)
          }
        }
        i += 1
      }
    }
    let inverseTotal = 1 / total
    servedWithin *= inverseTotal
    pAbandon *= inverseTotal; meanWait *= inverseTotal; queue *= inverseTotal; waitServed *= inverseTotal
    pNoWait *= inverseTotal
    if serviceLevelOnly {
      return QueueMetrics(probabilityOfWaiting: .nan, meanWait: .nan, averageSpeedOfAnswer: .nan, probabilityOfAbandonment: .nan,
                          serviceLevel: pNoWait + servedWithin, occupancy: .nan, meanQueueLength: .nan)
    }
    let answered = 1 - pAbandon
    return QueueMetrics(
      probabilityOfWaiting: 1 - pNoWait,
      meanWait: meanWait,
      averageSpeedOfAnswer: answered > 0 ? waitServed / answered : .nan,
      probabilityOfAbandonment: pAbandon,
      serviceLevel: pNoWait + servedWithin,
      occupancy: busy / total / Double(n),
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
