#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotNumerics
/// The quarterly NPS survey: every customer answers in expectation through the logistic links
/// from attitude (a census, no sampling noise). Promoters score above `promoter_cut`,
/// detractors below `detractor_cut`, with spread `survey_spread` (facts §5).
enum Surveys {
  /// NPS = 100·(P(promoter) − P(detractor)) over the customers alive; nil if none is.
  static func netPromoterScore(_ pop: Population, _ w: World, threads: Int = 1) -> Double? {
    let v = pop.view
    // The two links share their exponential: e^{−(a − detractor cut)/s} = e^{−(a − promoter cut)/s}·
    // e^{−(promoter cut − detractor cut)/s}, the second factor once per survey (where it is not a
    // normal number, each link takes its own).
    let gap = exp(-(w.promoterCut - w.detractorCut) / w.surveySpread)
    let shared = gap.isNormal
    // Partial sums over fixed units of slots, added in unit order: the same on any number of threads.
    let parts = (try? parallelMap(count: pop.count, unit: Trial.passUnit, threads: threads) { range -> (Double, Double, Double) in
      var promoters = 0.0, detractors = 0.0, alive = 0.0
      for i in range where v.alive[i] {
        let a = Double(v.attitude[i])
        if shared {
          let e = exp(-(a - w.promoterCut) / w.surveySpread)
          promoters += 1 / (1 + e)
          detractors += 1 - 1 / (1 + e * gap)
        } else {
          promoters += Satisfaction.above(a, w.promoterCut, w.surveySpread)
          detractors += 1 - Satisfaction.above(a, w.detractorCut, w.surveySpread)
        }
        alive += 1
      }
      return (promoters, detractors, alive)
    }) ?? []
    var promoters = 0.0, detractors = 0.0, alive = 0.0
    for p in parts { promoters += p.0; detractors += p.1; alive += p.2 }
    return alive > 0 ? 100 * (promoters - detractors) / alive : nil
  }
}
