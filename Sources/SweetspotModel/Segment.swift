/// A customer segment: who the customer is, which sets the distributions of their latent
/// attributes. The four segments follow the usual service-marketing split (price-driven,
/// convenience-driven, service-driven, premium); their parameters are assumptions, documented in
/// docs/MODEL.md (Population), chosen so the population reproduces the aggregate figures there.
public enum Segment: Int, CaseIterable, Sendable, CustomStringConvertible {
  case priceSeeker = 0, convenience, serviceSensitive, premium

  public var description: String {
    switch self {
    case .priceSeeker: return "price-seeker"
    case .convenience: return "convenience"
    case .serviceSensitive: return "service-sensitive"
    case .premium: return "premium"
    }
  }

  /// The segment's default attribute means (`World.segments` holds the values a trial uses;
  /// `segment.NAME.*` keys set them; shapes are `World.heterogeneity`).
  public var defaultProfile: SegmentProfile {
    switch self {
    case .priceSeeker:
      return SegmentProfile(expectation: 0.45, weeklyRevenue: 8, priceSensitivity: 3.0, complaintPropensity: 0.45,
                            wordOfMouth: 0.9, weeklyChurnHazard: 0.0040, patienceSeconds: 240, selfServiceAffinity: 1.0, phoneAffinity: 1.0)
    case .convenience:
      return SegmentProfile(expectation: 0.55, weeklyRevenue: 10, priceSensitivity: 1.5, complaintPropensity: 0.45,
                            wordOfMouth: 1.0, weeklyChurnHazard: 0.0021, patienceSeconds: 120, selfServiceAffinity: 2.0, phoneAffinity: 0.8)
    case .serviceSensitive:
      return SegmentProfile(expectation: 0.68, weeklyRevenue: 12, priceSensitivity: 1.0, complaintPropensity: 0.55,
                            wordOfMouth: 1.1, weeklyChurnHazard: 0.0025, patienceSeconds: 180, selfServiceAffinity: 0.8, phoneAffinity: 1.2)
    case .premium:
      return SegmentProfile(expectation: 0.78, weeklyRevenue: 20, priceSensitivity: 0.5, complaintPropensity: 0.6,
                            wordOfMouth: 1.2, weeklyChurnHazard: 0.0030, patienceSeconds: 90, selfServiceAffinity: 0.6, phoneAffinity: 1.5)
    }
  }
}

/// Means of a segment's latent attributes (all assumptions; see docs/MODEL.md, Population).
public struct SegmentProfile: Sendable, Equatable {
  /// Expected service quality on the model's 0–1 performance scale (Beta).
  public var expectation: Double
  /// Revenue per week, dollars (lognormal).
  public var weeklyRevenue: Double
  /// Churn response to relative price (gamma).
  public var priceSensitivity: Double
  /// Propensity to complain about a problem, ≈ 0.5 on average (Goodman, QP 2005; Beta).
  public var complaintPropensity: Double
  /// Word-of-mouth multiplier on the TARP tell counts (gamma).
  public var wordOfMouth: Double
  /// Base weekly churn hazard before satisfaction, price and switching cost (gamma).
  public var weeklyChurnHazard: Double
  /// Mean wait a customer tolerates before timeliness feels poor, seconds (lognormal).
  public var patienceSeconds: Double
  /// Relative preference for self-service and for the phone in channel choice.
  public var selfServiceAffinity: Double
  public var phoneAffinity: Double
}
