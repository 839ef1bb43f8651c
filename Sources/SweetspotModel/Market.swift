/// The market a company competes in: who its customers are and how easily they leave.
///
/// Four documented parameter sets (fields declared in `MarketParameters`; docs/MODEL.md §6). All values are assumptions chosen to
/// express the seed texts' contexts: "a monopoly" where poor service "doesn't always mean
/// significant business damage" (seed 000), a commodity market where price rules, a premium
/// market where service defines the offer (seed 003), and a competitive baseline.
public struct Market: Sendable, Equatable {
  public var name: String
  /// The preset context this market is a variant of (`competitive`, `monopoly`, `commodity`,
  /// `premium`): a custom market keeps its base's, and with it the base's plausible ranges
  /// (`MarketParameters.contextRanges`).
  public var context: String
  /// Share of new and initial customers in each segment (price-seeker, convenience,
  /// service-sensitive, premium); sums to 1.
  public var segmentMix: [Double]
  /// Multiplier on every segment's weekly revenue.
  public var revenueScale: Double
  /// 0 … 1: share of the churn hazard that switching costs suppress (0 = free to leave).
  public var switchingCost: Double
  /// Competitors' service on the 0–1 performance scale; better competitors pull unhappy
  /// customers away.
  public var competitorService: Double
  /// Weight of price in churn and acquisition (multiplies each customer's price sensitivity).
  public var priceWeight: Double
  /// Baseline new customers per week, as a share of the starting population.
  public var acquisitionRate: Double
  /// Multiplier on word-of-mouth effects (tells converting or deterring prospects).
  public var wordOfMouthWeight: Double
  /// Quality of the product as customers experience it in weeks without problems (0–1).
  public var productQuality: Double

  public init(name: String, context: String? = nil, segmentMix: [Double], revenueScale: Double, switchingCost: Double,
              competitorService: Double, priceWeight: Double, acquisitionRate: Double, wordOfMouthWeight: Double,
              productQuality: Double) {
    self.name = name
    self.context = context ?? name
    self.segmentMix = segmentMix
    self.revenueScale = revenueScale
    self.switchingCost = switchingCost
    self.competitorService = competitorService
    self.priceWeight = priceWeight
    self.acquisitionRate = acquisitionRate
    self.wordOfMouthWeight = wordOfMouthWeight
    self.productQuality = productQuality
  }

  /// The baseline: a mixed population, moderate switching cost, competitors of typical service.
  public static let competitive = Market(
    name: "competitive", segmentMix: [0.25, 0.30, 0.30, 0.15], revenueScale: 1, switchingCost: 0.3,
    competitorService: 0.62, priceWeight: 1, acquisitionRate: 0.0045, wordOfMouthWeight: 1, productQuality: 0.64)
  /// High switching cost, no real alternative: seed 000's case where JGECS survives poor service.
  public static let monopoly = Market(
    name: "monopoly", segmentMix: [0.25, 0.30, 0.30, 0.15], revenueScale: 1, switchingCost: 0.85,
    competitorService: 0.5, priceWeight: 0.3, acquisitionRate: 0.0035, wordOfMouthWeight: 0.3, productQuality: 0.58)
  /// Price-driven: mostly price-seekers, low switching cost, price weighs double.
  public static let commodity = Market(
    name: "commodity", segmentMix: [0.55, 0.30, 0.10, 0.05], revenueScale: 0.8, switchingCost: 0.1,
    competitorService: 0.55, priceWeight: 2, acquisitionRate: 0.005, wordOfMouthWeight: 0.7, productQuality: 0.58)
  /// Service-driven: demanding customers who pay for service, strong competitors and word of mouth.
  public static let premium = Market(
    name: "premium", segmentMix: [0.05, 0.15, 0.40, 0.40], revenueScale: 1.5, switchingCost: 0.2,
    competitorService: 0.75, priceWeight: 0.5, acquisitionRate: 0.0045, wordOfMouthWeight: 1.5, productQuality: 0.74)

  public static let presets: [Market] = [.competitive, .monopoly, .commodity, .premium]

  /// The preset with this name, or nil.
  public static func named(_ name: String) -> Market? { presets.first { $0.name == name } }

  /// One-line descriptions for `sweetspot list markets`.
  public var summary: String {
    switch name {
    case "competitive": return "baseline: mixed customers, moderate switching cost, typical competitors"
    case "monopoly": return "high switching cost, weak alternatives (seed 000: poor service without business damage)"
    case "commodity": return "price-driven: mostly price-seekers, low switching cost"
    case "premium": return "service-driven: demanding customers, strong competitors, loud word of mouth (seed 003)"
    default: return "custom market"
    }
  }
}
