/// Which channel a customer turns to, given what the strategy offers and the customer's segment.
///
/// Weights start from Gartner's 2019 poll of preferred channels (world.prefer*), scaled by the
/// segment's affinities and, for self-service, by (appeal base + knowledge base): a better
/// knowledge base draws more customers to try it. The customer's uniform picks from the
/// cumulative shares of the channels offered, so no extra draw is needed.
struct ChannelChoice: Equatable {
  /// Cumulative shares per segment over codes 1…4 (self-service, chat, email, phone), and over
  /// the live codes 2…4 for escalation.
  private var all: [[Double]] = []
  private var liveOnly: [[Double]] = []

  /// No channels (a placeholder until the week's choice is computed).
  static let none = ChannelChoice()
  private init() {}

  init(levers: Levers, world w: World) {
    for seg in Segment.allCases {
      let p = w.profile(seg)
      let weights = [
        levers.offersSelfService ? w.preferSelfService * p.selfServiceAffinity * (w.selfServiceAppealBase + Technology.knowledgeBase(levers, w)) : 0,
        levers.offersChat ? w.preferChat : 0,
        levers.offersEmail ? w.preferEmail : 0,
        levers.offersPhone ? w.preferPhone * p.phoneAffinity : 0,
      ]
      all.append(ChannelChoice.cumulative(weights))
      liveOnly.append(ChannelChoice.cumulative([0] + weights[1...]))
    }
  }

  private static func cumulative(_ w: [Double]) -> [Double] {
    let total = w.reduce(0, +)
    guard total > 0 else { return [] }
    var c = 0.0
    return w.map { c += $0 / total; return c }
  }

  /// The channel for uniform `u` in [0, 1).
  @inline(__always)
  func pick(_ u: Double, segment: Int) -> ContactChannel { ChannelChoice.channel(u, all[segment]) }

  /// The live channel a customer escalates to after failing in self-service; `.none` if none
  /// is offered.
  @inline(__always)
  func escalate(_ u: Double, segment: Int) -> ContactChannel { ChannelChoice.channel(u, liveOnly[segment]) }

  /// Cumulative shares are over channel raw values 1 … 4, so position k is channel k + 1.
  @inline(__always)
  private static func channel(_ u: Double, _ c: [Double]) -> ContactChannel {
    guard !c.isEmpty else { return .none }
    for k in 0..<c.count where u < c[k] && (k == 0 || c[k] > c[k - 1]) { return ContactChannel(rawValue: UInt8(k + 1))! }
    // u at the top edge: the last offered channel.
    for k in stride(from: c.count - 1, through: 0, by: -1) where c[k] > (k > 0 ? c[k - 1] : 0) { return ContactChannel(rawValue: UInt8(k + 1))! }
    return .none
  }
}
