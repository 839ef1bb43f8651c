#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a customer experiences when a problem or inquiry is handled, scored on the five
/// dimensions of `Satisfaction.performance` (each 0–1), and how much that experience weighs in
/// their attitude. 0 and 1 are the ends of each scale ("no resolution", "no wait"); every
/// score in between is a named parameter.
enum ServiceExperience {
  /// A known process failure announced before the customer noticed (seed 001's proactive
  /// service): timely and effortless, partly resolved. `world.notice_resolution`,
  /// `world.notice_courtesy`.
  @inline(__always)
  static func notice(_ w: World) -> Double {
    Satisfaction.performance(timeliness: 1, resolution: w.noticeResolution, courtesy: w.noticeCourtesy, effort: 1, compensation: 0, world: w)
  }

  /// A problem the customer did not complain about: unresolved (Goodman: no chance of recovery).
  @inline(__always)
  static func silent(_ w: World) -> Double {
    Satisfaction.performance(timeliness: w.silentTimeliness, resolution: 0, courtesy: w.silentCourtesy, effort: w.silentEffort, compensation: 0, world: w)
  }

  /// An issue resolved in self-service: immediate and resolved, impersonal, some effort.
  @inline(__always)
  static func selfServiceSolved(_ w: World) -> Double {
    Satisfaction.performance(timeliness: 1, resolution: 1, courtesy: w.selfServiceCourtesy, effort: w.selfServiceEffort, compensation: 0, world: w)
  }

  /// Self-service failed and no live channel is offered: the issue ends unresolved.
  @inline(__always)
  static func stranded(_ w: World) -> Double {
    Satisfaction.performance(timeliness: w.strandedTimeliness, resolution: 0, courtesy: w.strandedCourtesy, effort: w.strandedEffort, compensation: 0, world: w)
  }

  /// The customer gave up waiting in the queue.
  @inline(__always)
  static func abandoned(_ w: World) -> Double {
    Satisfaction.performance(timeliness: 0, resolution: 0, courtesy: w.abandonedCourtesy, effort: w.abandonedEffort, compensation: 0, world: w)
  }

  /// An answered contact: resolved or not, with this week's timeliness, courtesy and effort and
  /// the compensation score.
  @inline(__always)
  static func answered(resolved: Bool, timeliness: Double, courtesy: Double, effort: Double, compensation: Double, _ w: World) -> Double {
    Satisfaction.performance(timeliness: timeliness, resolution: resolved ? 1 : 0, courtesy: courtesy, effort: effort,
                             compensation: compensation, world: w)
  }

  /// Timeliness of a queued contact: e^{−wait/patience} (the customer's own patience); for email
  /// e^{−response/tolerance}, `world.email_tolerance_hours`.
  @inline(__always)
  static func timeliness(channel: ContactChannel, waitSeconds: Double, patienceSeconds: Double, _ w: World) -> Double {
    channel == .email ? exp(-waitSeconds / (w.emailToleranceHours * 3600)) : exp(-waitSeconds / patienceSeconds)
  }

  /// Customer effort = max(floor, 1 − perRetry·(attempt − 1) − escalation if escalated from
  /// self-service). Parameters: `world.effort_per_retry`, `world.effort_escalation`, `world.effort_floor`.
  @inline(__always)
  static func effort(attempt: UInt8, escalated: Bool, _ w: World) -> Double {
    max(w.effortFloor, 1 - w.effortPerRetry * Double(attempt - 1) - (escalated ? w.effortEscalation : 0))
  }

  /// Compensation score c/(c + half-saturation): concave in dollars.
  /// `world.compensation_half_saturation`.
  @inline(__always)
  static func compensationScore(_ dollars: Double, _ w: World) -> Double { dollars / (dollars + w.compensationHalfSaturation) }

  /// Weight of an experience in the attitude: problem weight × (floor + size), so larger
  /// problems anchor attitudes more (Bolton 1998). Callers scale it for inquiries
  /// (`inquiry_weight_factor`), notices and unresolved contacts.
  @inline(__always)
  static func weight(size: Double, _ w: World) -> Double { w.problemWeight * (w.problemWeightFloor + size) }

  /// Email response time, hours: the backlog is worked at the occupancy cap u, and the
  /// response time grows as u approaches 1: base × (1 + u/(1 − u)), u ≤ `email_utilization_ceiling`.
  @inline(__always)
  static func emailResponseHours(occupancyCap: Double, _ w: World) -> Double {
    let u = min(w.emailUtilizationCeiling, occupancyCap)
    return w.emailResponseBaseHours * (1 + u / (1 - u))
  }
}
