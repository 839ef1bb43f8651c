/// Everything about a trial that is not the strategy or the market.
public struct TrialConfiguration: Sendable, Equatable {
  /// Simulated customers at the start (default 10,000).
  public var customers: Int
  /// Horizon in weeks (default 104).
  public var weeks: Int
  /// Real customers each simulated customer stands for in contact volumes, staffing and money
  /// (default 25: 10,000 simulated customers staff a mid-sized centre of ≈ 70 agents, where the
  /// industry ranges of facts §1 apply). Customer behaviour is simulated per simulated customer.
  public var customerScale: Double
  /// How queue metrics are computed.
  public var queueMode: QueueMode
  /// The world's constants.
  public var world: World

  public init(customers: Int = 10_000, weeks: Int = 104, customerScale: Double = 25,
              queueMode: QueueMode = .erlangA, world: World = World()) {
    self.customers = customers
    self.weeks = weeks
    self.customerScale = customerScale
    self.queueMode = queueMode
    self.world = world
  }
}

/// Why a trial cannot run: a configuration, strategy or market value out of range.
public struct ModelError: Error, Equatable, Sendable, CustomStringConvertible {
  public let key: String
  public let value: String
  public let allowed: String
  public var description: String { "\(key) must be \(allowed); got \(value)" }

  static func require(_ ok: Bool, _ key: String, _ value: Double, _ allowed: String) throws(ModelError) {
    if !ok || value.isNaN { throw ModelError(key: key, value: "\(value)", allowed: allowed) }
  }
}

extension TrialConfiguration {
  /// Throws the first value out of range, naming its key.
  public func validate() throws(ModelError) {
    try ModelError.require(customers >= 1 && customers <= 10_000_000, "population.size", Double(customers), "a whole number in 1 ... 10000000")
    try ModelError.require(weeks >= 1 && weeks <= 4000, "weeks", Double(weeks), "a whole number in 1 ... 4000")
    try ModelError.require(customerScale > 0 && customerScale.isFinite && customerScale <= 1e6, "population.scale", customerScale, "in (0, 1000000]")
    try world.validate()
  }
}

extension Levers {
  /// Throws the first lever outside its allowed range (`LeverParameters`), naming its key.
  public func validate(prefix: String = "strategy") throws(ModelError) {
    for p in LeverParameters.all { try p.check(self, prefix: prefix) }
    if !offersSelfService && !offersChat && !offersEmail && !offersPhone {
      throw ModelError(key: "\(prefix).channels", value: "none", allowed: "at least one of self_service, chat, email, phone")
    }
  }
}

extension Market {
  /// Throws the first field outside its allowed range (`MarketParameters`), naming its key.
  public func validate(prefix: String = "market") throws(ModelError) {
    for p in MarketParameters.all { try p.check(self, prefix: prefix) }
  }
}
