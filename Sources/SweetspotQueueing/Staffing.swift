#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotNumerics

/// What a staffing plan must achieve.
public enum StaffingTarget: Sendable, Equatable, CustomStringConvertible {
  /// At least `level` of offered contacts answered within `seconds` (e.g. 80/20).
  case serviceLevel(_ level: Double, withinSeconds: Double)
  /// Average speed of answer at most `seconds`.
  case averageSpeedOfAnswer(seconds: Double)
  /// Probability of abandonment at most `probability` (needs patience in the model).
  case abandonment(probability: Double)

  public var description: String {
    switch self {
    case let .serviceLevel(l, t): return "service level \(formatted(l * 100))% within \(formatted(t)) s"
    case let .averageSpeedOfAnswer(s): return "ASA ≤ \(formatted(s)) s"
    case let .abandonment(p): return "abandonment ≤ \(formatted(p * 100))%"
    }
  }

  func validate() throws(QueueError) {
    switch self {
    case let .serviceLevel(l, t):
      try QueueError.require(l > 0 && l < 1, "target service level", l, "in (0, 1)")
      try QueueError.require(t >= 0 && t.isFinite, "answer-within threshold", t, "finite and ≥ 0")
    case let .averageSpeedOfAnswer(s):
      try QueueError.require(s > 0 && s.isFinite, "target ASA", s, "finite and > 0 seconds")
    case let .abandonment(p):
      try QueueError.require(p > 0 && p < 1, "target abandonment", p, "in (0, 1)")
    }
  }

  func isMet(by m: QueueMetrics) -> Bool {
    switch self {
    case let .serviceLevel(l, _): return m.serviceLevel >= l
    case let .averageSpeedOfAnswer(s): return m.averageSpeedOfAnswer <= s
    case let .abandonment(p): return m.probabilityOfAbandonment <= p
    }
  }

  var threshold: Double {
    if case let .serviceLevel(_, t) = self { return t }
    return 20
  }
}

/// A staffing answer: the exact minimum, and the square-root rule beside it.
public struct StaffingPlan: Sendable, Equatable {
  /// The smallest number of agents whose exact steady-state metrics meet the target.
  public let agents: Int
  /// Metrics at that staffing.
  public let metrics: QueueMetrics
  /// Offered load R = λ/μ in Erlangs.
  public let offeredLoad: Double
  /// The square-root rule N = ⌈R + β√R⌉, with β from the QED (Halfin–Whitt) approximation.
  public let squareRootAgents: Int
  /// The Halfin–Whitt quality-of-service parameter β of the square-root rule.
  public let beta: Double
}

/// Staffing a single-skill queue: exact search over N, and the QED square-root rule.
///
/// Borst, Mandelbaum & Reiman ("Dimensioning large call centers", Operations Research 52(1),
/// 2004) show the square-root rule is exact or within one agent over a wide range of sizes;
/// printing both lets users see where the rule of thumb holds and where it does not.
public enum Staffing {
  /// The smallest N meeting `target` for arrivals λ (per second), mean handle time and optional
  /// mean patience (seconds); Erlang C without patience, Erlang A with it. With the
  /// square-root rule beside it.
  public static func plan(arrivalRate: Double, meanHandleTime: Double, meanPatience: Double?,
                          target: StaffingTarget, maxAgents: Int = 100_000) throws(QueueError) -> StaffingPlan {
    var scratch: [Double] = []
    let (n, m) = try minimumAgents(arrivalRate: arrivalRate, meanHandleTime: meanHandleTime, meanPatience: meanPatience,
                                   target: target, maxAgents: maxAgents, scratch: &scratch)
    let load = arrivalRate * meanHandleTime
    return finish(n, m, load, target, meanHandleTime, meanPatience)
  }

  /// The exact minimum alone, reusing `scratch` (no allocation once it has grown): what the
  /// world model calls for every interval of every week.
  /// `hint` (for example last week's answer for the same interval) starts the search there and
  /// steps down or up one agent at a time: the same exact minimum, in a couple of evaluations
  /// when the answer has barely moved. `serviceLevelOnly` (for a caller that reads only the
  /// count): with a service-level target and patience, each evaluation computes the service level
  /// alone, the same number, so the same minimum; the returned metrics then hold only it.
  public static func minimumAgents(arrivalRate: Double, meanHandleTime: Double, meanPatience: Double?,
                                   target: StaffingTarget, maxAgents: Int = 100_000, hint: Int? = nil,
                                   serviceLevelOnly: Bool = false,
                                   scratch: inout [Double]) throws(QueueError) -> (agents: Int, metrics: QueueMetrics) {
    try target.validate()
    if case .abandonment = target, meanPatience == nil {
      throw .invalid(name: "target abandonment", value: "set", allowed: "used with a patience (abandonment) model")
    }
    let probe = try QueueModel(arrivalRate: arrivalRate, meanHandleTime: meanHandleTime, agents: 1, meanPatience: meanPatience)
    let load = probe.offeredLoad
    var onlyServiceLevel = false
    if serviceLevelOnly, case .serviceLevel = target { onlyServiceLevel = true }
    func metrics(_ n: Int) throws(QueueError) -> QueueMetrics {
      let m = try QueueModel(arrivalRate: arrivalRate, meanHandleTime: meanHandleTime, agents: n, meanPatience: meanPatience)
      return meanPatience == nil
        ? try ErlangC.metrics(m, answerWithin: target.threshold)
        : try ErlangA.metrics(m, answerWithin: target.threshold, scratch: &scratch, serviceLevelOnly: onlyServiceLevel)
    }
    // Every metric improves with N, so search upward from a lower bound, doubling the step
    // and then bisecting (O(log N) evaluations).
    var lo = meanPatience == nil ? Int(load.rounded(.down)) + 1 : 1  // Erlang C needs N > A
    lo = max(lo, 1)
    if let hint, hint > lo, hint <= maxAgents {
      var n = hint
      var m = try metrics(n)
      if target.isMet(by: m) {
        while n > lo {
          let below = try metrics(n - 1)
          guard target.isMet(by: below) else { break }
          n -= 1
          m = below
        }
        return (n, m)
      }
      for _ in 0..<4 {  // a few steps up; a big jump falls back to the search
        n += 1
        if n > maxAgents { break }
        m = try metrics(n)
        if target.isMet(by: m) { return (n, m) }
      }
      lo = n - 1 < lo ? lo : n  // n fails: the answer lies above
    }
    let first = try metrics(lo)
    if target.isMet(by: first) { return (lo, first) }
    var step = max(1, Int(load.squareRoot()))
    var hi = lo + step
    var atHi: QueueMetrics
    while true {
      if hi > maxAgents { throw .targetUnreachable(target: target.description, limit: maxAgents) }
      atHi = try metrics(hi)
      if target.isMet(by: atHi) { break }
      lo = hi
      step *= 2
      hi = lo + step
    }
    while hi - lo > 1 {  // invariant: lo fails, hi meets
      let mid = (lo + hi) / 2
      let m = try metrics(mid)
      if target.isMet(by: m) { hi = mid; atHi = m } else { lo = mid }
    }
    return (hi, atHi)
  }

  private static func finish(_ n: Int, _ m: QueueMetrics, _ load: Double, _ target: StaffingTarget,
                             _ aht: Double, _ patience: Double?) -> StaffingPlan {
    let beta = squareRootBeta(load: load, target: target, meanHandleTime: aht, meanPatience: patience)
    let sqrtN = max(1, Int((load + beta * load.squareRoot() - 1e-9).rounded(.up)))
    return StaffingPlan(agents: n, metrics: m, offeredLoad: load, squareRootAgents: sqrtN, beta: beta)
  }

  /// β for the square-root rule: the smallest β in [−5, 10] whose QED approximation of the
  /// target metric meets it, found by bisection (the approximations are monotone in β).
  static func squareRootBeta(load r: Double, target: StaffingTarget, meanHandleTime aht: Double, meanPatience: Double?) -> Double {
    let mu = 1 / aht
    let theta = meanPatience.map { 1 / $0 }
    let sqrtR = r.squareRoot()
    func meets(_ beta: Double) -> Bool {
      let n = r + beta * sqrtR
      let pWait: Double
      if let theta {
        pWait = QED.erlangADelayProbability(beta: beta, thetaOverMu: theta / mu)
      } else {
        guard beta > 0 else { return false }
        pWait = QED.halfinWhittDelayProbability(beta: beta)
      }
      switch target {
      case let .serviceLevel(level, t):
        // Answered within t among those who wait. Erlang C: the wait is exponential with rate
        // (N − R)μ. Erlang A (Garnett et al.): the offered wait V has tail
        // Φ̄(β̂ + √(Nθμ)·v)/Φ̄(β̂), β̂ = β√(μ/θ), and a caller is answered by t when V ≤ t and
        // patience outlasts V: ∫₀ᵗ f_V(v)·e^{−θv} dv, by Simpson's rule.
        let answeredWithin: Double
        if let theta {
          let bh = beta * (mu / theta).squareRoot()
          let k = (n * theta * mu).squareRoot()
          let steps = 200
          let h = t / Double(steps)
          var sum = 0.0
          for i in 0...steps {
            let v = Double(i) * h
            let f = k * SpecialFunctions.normalPDF(bh + k * v) / QED.normalTail(bh) * exp(-theta * v)
            sum += f * (i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2))
          }
          answeredWithin = t > 0 ? sum * h / 3 : 0
        } else {
          answeredWithin = 1 - exp(-beta * sqrtR * mu * t)
        }
        return 1 - pWait + pWait * answeredWithin >= level
      case let .averageSpeedOfAnswer(s):
        if let theta {
          // E[W | W > 0] ≈ (1/√(Nθμ))·(h(β̂) − β̂) in the QED regime (Garnett et al. 2002).
          let bh = beta * (mu / theta).squareRoot()
          return pWait * (QED.hazard(bh) - bh) / (n * theta * mu).squareRoot() <= s
        }
        return pWait / (beta * sqrtR * mu) <= s
      case let .abandonment(p):
        guard let theta else { return true }
        let bh = beta * (mu / theta).squareRoot()
        return pWait * (theta / mu).squareRoot() * (QED.hazard(bh) - bh) / n.squareRoot() <= p
      }
    }
    var lo = meanPatience == nil ? 1e-9 : -5.0, hi = 10.0
    if meets(lo) { return lo }
    if !meets(hi) { return hi }
    for _ in 0..<100 {
      let mid = (lo + hi) / 2
      if meets(mid) { hi = mid } else { lo = mid }
    }
    return hi
  }
}

/// Quality-and-efficiency-driven (Halfin–Whitt) approximations for large centres.
public enum QED {
  /// Halfin & Whitt (1981): P(W > 0) → α(β) = [1 + βΦ(β)/φ(β)]⁻¹ as R → ∞ with N = R + β√R.
  public static func halfinWhittDelayProbability(beta: Double) -> Double {
    1 / (1 + beta * SpecialFunctions.normalCDF(beta) / SpecialFunctions.normalPDF(beta))
  }

  /// Garnett, Mandelbaum & Reiman (2002), Erlang A: P(W > 0) ≈
  /// [1 + √(θ/μ)·h(β√(μ/θ)) / h(−β)]⁻¹, h the standard normal hazard φ/(1 − Φ). β may be < 0.
  public static func erlangADelayProbability(beta: Double, thetaOverMu r: Double) -> Double {
    1 / (1 + r.squareRoot() * hazard(beta / r.squareRoot()) / hazard(-beta))
  }

  /// h(x) = φ(x) / (1 − Φ(x)), computed stably in the far right tail.
  static func hazard(_ x: Double) -> Double {
    let tail = normalTail(x)
    if tail < 1e-300 { return x + 1 / x }  // Mills-ratio asymptote
    return SpecialFunctions.normalPDF(x) / tail
  }

  /// 1 − Φ(x) without cancellation.
  static func normalTail(_ x: Double) -> Double { SpecialFunctions.normalCDF(-x) }
}
