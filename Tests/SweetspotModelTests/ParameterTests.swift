import Foundation
import Testing
@testable import SweetspotModel

/// The parameter tables are the one truth about the model's assumptions: every value of the
/// world, the levers and the markets is declared there, with a default inside its plausible
/// range and a plausible range inside what is allowed, and every declared key does something.
@Suite struct ParameterTableTests {
  @Test func everyDefaultLiesInItsPlausibleRangeAndEveryPlausibleRangeIsAllowed() {
    func check<T>(_ params: [Parameter<T>], _ defaults: T) {
      for p in params {
        if let problem = p.problem(with: p.get(defaults)) { Issue.record("\(p.key): default not allowed: \(problem)") }
        guard let r = p.plausible, case let .number(x) = p.get(defaults) else { continue }
        #expect(r.lowerBound < r.upperBound, "\(p.key): empty plausible range")
        #expect(r.contains(x), "\(p.key): default \(x) outside its plausible range \(r)")
        if let b = p.bounds {
          #expect(b.contains(r.lowerBound) || (b.lowerOpen && r.lowerBound == b.lower && false), "\(p.key): plausible low \(r.lowerBound) not allowed (\(b.description))")
          #expect(b.contains(r.upperBound), "\(p.key): plausible high \(r.upperBound) not allowed (\(b.description))")
        }
      }
    }
    check(WorldParameters.all, World())
    check(LeverParameters.all, Strategy.goodEnough.levers)
    check(MarketParameters.all, Market.competitive)
  }

  @Test func keysAreUniqueAndEveryParameterSaysWhatItIsAndWhereItComesFrom() {
    let keys = WorldParameters.all.map(\.key) + LeverParameters.all.map(\.key) + MarketParameters.all.map(\.key)
    #expect(Set(keys).count == keys.count)
    for p in WorldParameters.all {
      #expect(!p.meaning.isEmpty && !p.unit.isEmpty || p.kind == .boolean, "\(p.key) lacks a meaning or unit")
      #expect(p.plausible != nil || p.kind != .number || ["world.days_per_week", "world.reporting_threshold_seconds"].contains(p.key),
              "\(p.key): an uncertain quantity needs a plausible range")
    }
    // Sources are named, never blank; most behavioural constants are honest assumptions.
    #expect(WorldParameters.all.allSatisfy { $0.source.map { !$0.isEmpty } ?? true })
    #expect(WorldParameters.all.filter(\.isAssumption).count > WorldParameters.all.count / 2)
  }

  /// Counts the scalar values a value holds (numbers, whole numbers, switches; arrays and
  /// nested structs recursively).
  static func scalars(_ value: Any) -> Int {
    switch value {
    case is Double, is Int, is Bool: return 1
    case is String: return 0
    default:
      let m = Mirror(reflecting: value)
      return m.children.reduce(0) { $0 + scalars($1.value) }
    }
  }

  static func coverage<T>(_ params: [Parameter<T>], _ defaults: T) -> Int {
    params.reduce(0) { n, p in
      if case let .numbers(xs) = p.get(defaults) { return n + xs.count }
      return n + 1
    }
  }

  @Test func everyValueOfTheWorldLeversAndMarketsIsADeclaredParameter() {
    #expect(Self.scalars(World()) == Self.coverage(WorldParameters.all, World()))
    #expect(Self.scalars(Strategy.goodEnough.levers) == Self.coverage(LeverParameters.all, Strategy.goodEnough.levers))
    #expect(Self.scalars(Market.competitive) == Self.coverage(MarketParameters.all, Market.competitive))
  }

  @Test func eachParameterSetsItsOwnValueAndNoOther() {
    let base = World()
    for p in WorldParameters.all where p.isNumeric {
      guard let b = p.bounds, case let .number(x) = p.get(base) else { continue }
      var w = base
      let y = x == b.upper ? (b.lower + b.upper) / 2 : (b.upperOpen ? (x + b.upper) / 2 : b.upper)
      p.set(&w, .number(p.kind == .integer ? y.rounded(.down) : y))
      #expect(w != base, "\(p.key) does not write")
      for q in WorldParameters.all where q.key != p.key {
        #expect(q.get(w) == q.get(base), "setting \(p.key) changed \(q.key)")
      }
    }
  }

  @Test func theWorldValidatesAgainstTheTable() {
    var w = World()
    w.fcrBase = 1.5
    #expect(throws: ModelError.self) { try w.validate() }
    w = World()
    w.intradayShape = [0, 0, 0]
    #expect(throws: ModelError.self) { try w.validate() }
    #expect(throws: Never.self) { try World().validate() }
  }
}

/// No dead keys: every settable key, moved to either end of what it allows, changes some trial's
/// output (the review found `world.product_quality` accepted but never read). The main trial is
/// the just-good-enough strategy (so the controller's keys act) at a 5% discount and 10%
/// extra care (so price and care keys act) in the competitive market (every segment present),
/// over 104 weeks, with each simulated customer standing for 250 (a centre large enough to run
/// above the burnout knee). Two more trials reach what it cannot: self-service as the only
/// channel (customers stranded after self-service), the controller starting from the minimal
/// preset (where slipping KPIs make it raise service; with tolerances of 1 it must), the price-hunter, and a top-box threshold of 0.6 (at the
/// default 0.8 no customer's loyalty reaches top box, so its hazard factor never acts: a
/// finding for the model corrections).
@Suite struct NoDeadKeyTests {
  static let strategy: Strategy = { var s = Strategy.justGoodEnough; s.levers.price = 0.95; s.levers.careTime = 1.1; return s }()
  static let selfServiceOnly: Strategy = strategy.variant("self-service-only", summary: "") {
    $0.offersChat = false; $0.offersEmail = false; $0.offersPhone = false
  }
  static let topBoxWorld: World = { var w = World(); w.topBoxThreshold = 0.6; return w }()
  /// The controller starting from the floor (but staffing to 90/20), where slipping KPIs make it
  /// raise service up to its ceilings.
  static let risingHunter = Strategy(name: "rising", levers: Strategy.minimal.levers.with { $0.serviceLevelTarget = 0.9; $0.answerWithinSeconds = 20 },
                                     controller: .sweetspotHunter)

  static func outcome(world: World = World(), strategy: Strategy = strategy, market: Market = .competitive, trial: Int = 0) throws -> TrialOutcome {
    try Trial.run(TrialConfiguration(customers: 800, weeks: 104, customerScale: 250, world: world), strategy: strategy, market: market,
                  seed: 11, trial: trial)
  }

  /// The rising controller under tolerances of exactly the baseline (`controller.churn_tolerance`
  /// and `acquisition_tolerance` at 1): any quarter that is worse than the first on either KPI steps
  /// service up, so the ceilings and floors the controller raises toward are reached. Not in every
  /// trial: a trial whose churn falls and acquisitions rise every quarter never steps up (churn
  /// falls as the likeliest leavers go first), so the check runs three trials (`slippingTrials`).
  static let slippingWorld: World = { var w = World(); w.controller.churnTolerance = 1; w.controller.acquisitionTolerance = 1; return w }()

  static let baseline = try! outcome()
  static let selfServiceBaseline = try! outcome(strategy: selfServiceOnly)
  static let topBoxBaseline = try! outcome(world: topBoxWorld)
  static let risingBaseline = try! outcome(strategy: risingHunter)
  static let priceHunterBaseline = try! outcome(strategy: .justLowEnoughPrice)
  static let slippingTrials = 0..<3
  static let slippingBaselines = slippingTrials.map { try! outcome(world: slippingWorld, strategy: risingHunter, trial: $0) }

  static func differs(_ a: TrialOutcome, _ b: TrialOutcome) -> Bool {
    zip(a.values, b.values).contains { x, y in !(x == y || (x.isNaN && y.isNaN)) }
  }

  /// The two ends of what a parameter allows (just inside an open end), or both switch values.
  static func ends<T>(_ p: Parameter<T>) -> [ParameterValue] {
    switch p.kind {
    case .boolean: return [.boolean(false), .boolean(true)]
    case .numbers: return []
    case .number, .integer:
      guard let b = p.bounds else { return [] }
      let inset = (b.upper - b.lower) * 1e-3
      return [.number(b.lowerOpen ? b.lower + inset : b.lower), .number(b.upperOpen ? b.upper - inset : b.upper)]
    }
  }

  static func check<T>(_ p: Parameter<T>, baseline: TrialOutcome = baseline, _ apply: (ParameterValue) throws -> TrialOutcome) -> Bool {
    var changed = false
    for v in ends(p) {
      do { changed = try changed || differs(apply(v), baseline) } catch {
        Issue.record("\(p.key) = \(v) is allowed but the trial fails: \(error)")
      }
    }
    return changed
  }

  /// The choice model acts among an industry's firms: a small industry of three firms with the
  /// outside option, two strategies and drawn quality.
  static func industry(world: World = World()) throws -> [[Double]] {
    let setup = IndustrySetup(firms: 3, weights: [1, 1], qualitySpread: 0.04, outsideOption: true)
    return try Industry.run(TrialConfiguration(customers: 900, weeks: 52, customerScale: 250, world: world), setup: setup,
                            strategies: [.goodEnough, .minimal], market: .competitive, seed: 11, trial: 0).firms.map { $0.values(scale: 250) }
  }
  static let industryBaseline = try! industry()

  @Test(arguments: WorldParameters.industry.map(\.key))
  func everyIndustryKeyActs(key: String) throws {
    let p = WorldParameters.industry.first { $0.key == key }!
    var changed = false
    for v in Self.ends(p) {
      var w = World(); p.set(&w, v)
      let rows = try Self.industry(world: w)
      changed = changed || zip(rows, Self.industryBaseline).contains { a, b in zip(a, b).contains { x, y in !(x == y || (x.isNaN && y.isNaN)) } }
    }
    #expect(changed, "\(key) changes no firm's row at either end of its allowed range")
  }

  @Test(arguments: WorldParameters.all.filter { $0.kind != .numbers(count: nil) && $0.section != "industry" }.map(\.key))
  func everyWorldKeyActs(key: String) {
    let p = WorldParameters.all.first { $0.key == key }!
    // Order constraints (fcr_floor ≤ fcr_ceiling, detractor_cut ≤ promoter_cut, …) make an end
    // invalid with its partner at the default: there, the nearest valid point toward the default.
    func valid(_ v: ParameterValue, _ base: World) -> ParameterValue {
      guard case let .number(x) = v, case let .number(d) = p.get(base) else { return v }
      for f in [1, 0.99, 0.9, 0.75, 0.5, 0.25, 0.1, 0.01] {
        var w = base; p.set(&w, .number(d + (x - d) * f))
        if (try? w.validate()) != nil { return .number(d + (x - d) * f) }
      }
      return v
    }
    func world(_ base: World, _ v: ParameterValue) -> World { var w = base; p.set(&w, valid(v, base)); return w }
    let acts = Self.check(p) { v in try Self.outcome(world: world(World(), v)) }
      || Self.check(p, baseline: Self.selfServiceBaseline) { v in try Self.outcome(world: world(World(), v), strategy: Self.selfServiceOnly) }
      || Self.check(p, baseline: Self.topBoxBaseline) { v in try Self.outcome(world: world(Self.topBoxWorld, v)) }
      || Self.check(p, baseline: Self.risingBaseline) { v in try Self.outcome(world: world(World(), v), strategy: Self.risingHunter) }
      || Self.check(p, baseline: Self.priceHunterBaseline) { v in try Self.outcome(world: world(World(), v), strategy: .justLowEnoughPrice) }
      || Self.slippingTrials.contains { t in
        Self.check(p, baseline: Self.slippingBaselines[t]) { v in try Self.outcome(world: world(Self.slippingWorld, v), strategy: Self.risingHunter, trial: t) }
      }
    #expect(acts, "\(key) changes no output at either end of its allowed range")
  }

  @Test(arguments: LeverParameters.all.map(\.key))
  func everyLeverActs(key: String) {
    let p = LeverParameters.all.first { $0.key == key }!
    #expect(Self.check(p) { v in var s = Self.strategy; p.set(&s.levers, v); return try Self.outcome(strategy: s) },
            "\(key) changes no output at either end of its allowed range")
  }

  @Test(arguments: MarketParameters.all.filter(\.isNumeric).map(\.key))
  func everyMarketFieldActs(key: String) {
    let p = MarketParameters.all.first { $0.key == key }!
    #expect(Self.check(p) { v in var m = Market.competitive; p.set(&m, v); return try Self.outcome(market: m) },
            "\(key) changes no output at either end of its allowed range")
  }

  @Test func theListKeysAct() throws {
    var w = World()
    w.intradayShape = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    #expect(Self.differs(try Self.outcome(world: w), Self.baseline))
    var m = Market.competitive
    m.segmentMix = [0.1, 0.1, 0.1, 0.7]
    #expect(Self.differs(try Self.outcome(market: m), Self.baseline))
  }
}

/// The mechanism functions read every behavioural constant from `World`: the only decimal
/// literals left in them are unit conversions, scale ends, series coefficients and numerical
/// guards, each listed here with its reason.
@Suite struct NoHiddenConstantTests {
  static let allowed: [String: Set<String>] = [
    "Trial.swift": ["0.0", "1.0"],  // start values; 1/52 as a power
    "CustomerWeek.swift": ["0.0"],
    "Mechanisms/Churn.swift": ["0.01", "0.5", "1.0"],  // e^{−h} by its series below h = 0.01
    "Mechanisms/Problems.swift": ["0.9", "0.999_999"],  // keep u < 1 for the inquiry share and log1p finite
    "Mechanisms/Workforce.swift": ["0.05", "1e-9", "1.0"],  // finite divisions; "no headcount yet"
    "Mechanisms/ServiceExperience.swift": [],
    "Mechanisms/Acquisition.swift": ["1.0", "1.1"],  // tuple labels $1.0, $1.1, not numbers
    "Mechanisms/Ledger.swift": [],
    "Mechanisms/Surveys.swift": ["0.0"],
    "Satisfaction.swift": ["0.5"],  // ½ = "exactly as expected": the latent scale's definition
    "Population.swift": ["1.0"],  // mean 1 of problem propensity
    "ChannelChoice.swift": ["0.0"],
    "Controller.swift": [],
    "Accumulators.swift": ["0.0", "1.0"],
  ]

  @Test(arguments: allowed.keys.sorted())
  func mechanismFilesHoldNoUnnamedDecimalConstant(file: String) throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("Sources/SweetspotModel/\(file)"), encoding: .utf8)
    let code = text.split(separator: "\n").map { line -> Substring in
      guard let r = line.range(of: "//") else { return line }
      return line[..<r.lowerBound]
    }.joined(separator: "\n")
    let regex = try NSRegularExpression(pattern: "(?<![A-Za-z_0-9.])[0-9][0-9_]*(\\.[0-9][0-9_]*|e-?[0-9]+)")
    let found = regex.matches(in: code, range: NSRange(code.startIndex..., in: code)).map { String(code[Range($0.range, in: code)!]) }
    for literal in found where !(Self.allowed[file] ?? []).contains(literal) {
      Issue.record("\(file): decimal literal \(literal): name it in World (and WorldParameters) or list it here with its reason")
    }
  }
}
