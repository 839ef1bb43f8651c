/// Which channel a customer turns to, given what the strategy offers and the customer's segment.
///
/// Weights start from Gartner's 2019 poll of preferred channels (world.prefer*), scaled by the
/// segment's affinities and, for self-service, by how good the knowledge base is; the customer's
/// uniform picks from the cumulative shares of the channels offered, so no extra draw is needed.
struct ChannelChoice {
  /// Cumulative shares per segment over codes 1…4 (self-service, chat, email, phone), and over
  /// the live codes 2…4 for escalation.
  private var all: [[Double]] = []
  private var liveOnly: [[Double]] = []

  /// No channels (a placeholder until the week's choice is computed).
  static let none = ChannelChoice()
  private init() {}

  init(levers: Levers, world w: World) {
    for seg in Segment.allCases {
      let p = seg.profile
      let weights = [
        levers.offersSelfService ? w.preferSelfService * p.selfServiceAffinity * (0.5 + levers.knowledgeBase) : 0,
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
  func pick(_ u: Double, segment: Int) -> UInt8 { ChannelChoice.code(u, all[segment]) }

  /// The live channel a customer escalates to after failing in self-service; 0 if none offered.
  @inline(__always)
  func escalate(_ u: Double, segment: Int) -> UInt8 { ChannelChoice.code(u, liveOnly[segment]) }

  @inline(__always)
  private static func code(_ u: Double, _ c: [Double]) -> UInt8 {
    guard !c.isEmpty else { return 0 }
    for k in 0..<c.count where u < c[k] && (k == 0 || c[k] > c[k - 1]) { return UInt8(k + 1) }
    // u at the top edge: the last offered channel.
    for k in stride(from: c.count - 1, through: 0, by: -1) where c[k] > (k > 0 ? c[k - 1] : 0) { return UInt8(k + 1) }
    return 0
  }
}
