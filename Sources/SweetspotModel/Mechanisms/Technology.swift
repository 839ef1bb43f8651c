#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the knowledge base and the proactive-notice programme achieve for what they cost. Both
/// have diminishing returns (the first articles answer the commonest questions; the first
/// notices cover the big outages), so with their linear costs each lever has an interior
/// optimum rather than a corner (Rust, Zahorik & Keiningham 1995: returns on quality diminish).
enum Technology {
  /// Effective knowledge base, 0 … 1: (1 − e^{−KB/s})/(1 − e^{−1/s}), equal to the investment
  /// at 0 and 1 and concave between. Every knowledge-base effect (FCR, handle time,
  /// self-service resolution and appeal, customer education) reads it; its cost
  /// (`knowledge_base_cost_per_customer_year` × KB) stays linear. `world.knowledge_base_saturation`.
  @inline(__always)
  static func knowledgeBase(_ levers: Levers, _ w: World) -> Double { saturating(levers.knowledgeBase, w.knowledgeBaseSaturation) }

  /// Share of known process failures announced before customers notice:
  /// known share × (1 − e^{−p/s})/(1 − e^{−1/s}). Its cost is a programme cost
  /// (`proactive_cost_per_customer_year` × proactive) plus each notice sent.
  /// `world.proactive_saturation`.
  @inline(__always)
  static func proactiveCoverage(_ levers: Levers, _ w: World) -> Double { saturating(levers.proactive, w.proactiveSaturation) }

  @inline(__always)
  static func saturating(_ x: Double, _ s: Double) -> Double { -expm1(-x / s) / -expm1(-1 / s) }
}
