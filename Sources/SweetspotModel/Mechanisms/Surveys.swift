/// The quarterly NPS survey: every customer answers in expectation through the logistic links
/// from attitude (a census, no sampling noise). Promoters score above `promoter_cut`,
/// detractors below `detractor_cut`, with spread `survey_spread` (facts §5).
enum Surveys {
  /// NPS = 100·(P(promoter) − P(detractor)) over the customers alive; nil if none is.
  static func netPromoterScore(_ pop: Population, _ w: World) -> Double? {
    let v = pop.view
    var promoters = 0.0, detractors = 0.0, alive = 0.0
    for i in 0..<pop.count where v.alive[i] {
      let a = Double(v.attitude[i])
      promoters += Satisfaction.above(a, w.promoterCut, w.surveySpread)
      detractors += 1 - Satisfaction.above(a, w.detractorCut, w.surveySpread)
      alive += 1
    }
    return alive > 0 ? 100 * (promoters - detractors) / alive : nil
  }
}
