#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotNumerics

/// What varies across the firms of an industry: how many, which strategies they follow (a
/// weighted mix), which levers are drawn per firm and how far product quality varies, and
/// whether shoppers may buy from no firm at all.
public struct IndustrySetup: Sendable, Equatable {
  /// Firms at the start (K).
  public var firms: Int
  /// Weights of the experiment's strategies in the mix (one per strategy).
  public var weights: [Double]
  /// Levers drawn for every firm, overriding its strategy's value.
  public var leverDraws: [LeverDraw]
  /// Standard deviation of product quality across firms around the market's (0–1 scale).
  public var qualitySpread: Double
  /// Newcomers (and switchers) may buy from no firm of the industry, with the weight
  /// `industry.outside_share`; off, every newcomer joins a firm and a switcher with no other firm
  /// leaves the category.
  public var outsideOption: Bool
  /// Spread of firm sizes: starting customers split in proportion to e^{σz}, z standard normal
  /// (a lognormal with log-sd σ; 0: equal shares). Real industries have a few large firms and many
  /// small ones, and a large firm's marketing (proportional to its start) brings more leads.
  public var sizeSpread: Double
  /// Standard deviation of a firm's switching cost around the market's (within [0, 0.95]): some
  /// firms' customers are locked in (contracts, bundles, a monopoly in their area), so the firm can
  /// serve badly and keep them; seed 000's "or are a monopoly".
  public var switchingSpread: Double
  /// A firm whose customers fall below this share of its start at a year's end leaves the market
  /// (its remaining customers shop among the others); 0: only a firm with no customer leaves.
  public var exitBelow: Double

  public init(firms: Int, weights: [Double], leverDraws: [LeverDraw] = [], qualitySpread: Double = 0, outsideOption: Bool = true,
              sizeSpread: Double = 0, switchingSpread: Double = 0, exitBelow: Double = 0) {
    self.firms = firms
    self.weights = weights
    self.leverDraws = leverDraws
    self.qualitySpread = qualitySpread
    self.outsideOption = outsideOption
    self.sizeSpread = sizeSpread
    self.switchingSpread = switchingSpread
    self.exitBelow = exitBelow
  }

  public static let maxFirms = 1_000
}

/// One lever drawn for every firm: its value is `quantile(u)` for a uniform u from the firms
/// stream (the inverse distribution function of what the experiment file states).
public struct LeverDraw: Sendable, Equatable {
  /// The lever's name (`strategy.NAME.LEVER`'s LEVER).
  public let lever: String
  /// What the file states ("uniform 0.5 … 0.95"), for equality and the manifest.
  public let description: String
  public let quantile: @Sendable (Double) -> Double

  public init(lever: String, description: String, quantile: @escaping @Sendable (Double) -> Double) {
    self.lever = lever
    self.description = description
    self.quantile = quantile
  }

  public static func == (a: LeverDraw, b: LeverDraw) -> Bool { a.lever == b.lever && a.description == b.description }
}

/// One firm of an industry as drawn: its strategy, starting levers, product quality, relative
/// size and its customers' switching cost.
public struct FirmDraw: Sendable, Equatable {
  /// Index into the industry's strategies.
  public var strategy: Int
  public var levers: Levers
  public var productQuality: Double
  /// e^{σz}: the firm's weight in the split of the starting customers.
  public var size: Double = 1
  public var switchingCost: Double = 0
}

/// One year of one firm (52 weeks; the last year runs to the horizon).
public struct FirmYear: Sendable, Equatable {
  /// Cash flow (contribution − service cost − marketing), undiscounted, dollars.
  public var profit = 0.0
  public var revenue = 0.0
  public var serviceCost = 0.0
  /// Represented customer-years served.
  public var customerYears = 0.0
  /// Represented customers at the year's end.
  public var customers = 0.0
  /// Share of the industry's customers at the year's end.
  public var share = 0.0
  /// CSAT of the year's handled contacts (NaN when none).
  public var csat = Double.nan
  /// ACSI-like index of the customers at the year's end (NaN when none).
  public var acsi = Double.nan
  /// Complaints received in the year (represented customers'): what complaint-count "halls of
  /// shame" rank, and it grows with a firm's size.
  public var complaints = 0.0
  /// The year's last NPS survey (NaN when none).
  public var nps = Double.nan
  /// On the year's "most profitable" list: the top decile of the firms active at the year's start by profit.
  public var topProfit = false
  /// On the year's "worst service" list: the bottom decile of the same firms by CSAT, the rating
  /// of their service contacts (what worst-customer-service lists survey), not by overall
  /// satisfaction, which a strong product or a low price can hold up.
  public var worstService = false
  /// Active at the year's start (a firm that left the market earlier is on no list).
  public var active = false

  /// Service spend per customer-year, dollars (NaN with no customers).
  public var serviceSpendPerCustomer: Double { customerYears > 0 ? serviceCost / customerYears : .nan }
}

/// Where one firm's newcomers came from and where its leavers went (simulated customers).
public struct FirmFlows: Sendable, Equatable {
  public var newcomers = 0, switchersIn = 0
  public var lostToRivals = 0, lostOutside = 0, lostCategory = 0
  public init() {}
}

/// One firm's trial in an industry.
public struct FirmOutcome: Sendable {
  public let draw: FirmDraw
  public let startingCustomers: Int
  /// The firm's outcome, every metric as a single-firm trial defines it.
  public let outcome: TrialOutcome
  /// The week the firm lost its last customer and left the market (nil: it survived).
  public let exitWeek: Int?
  public let years: [FirmYear]
  public var flows = FirmFlows()

  public init(draw: FirmDraw, startingCustomers: Int = 0, outcome: TrialOutcome, exitWeek: Int?, years: [FirmYear], flows: FirmFlows = FirmFlows()) {
    self.draw = draw
    self.startingCustomers = startingCustomers
    self.outcome = outcome
    self.exitWeek = exitWeek
    self.years = years
    self.flows = flows
  }

  /// Years on both lists, and the longest run of consecutive such years (seed 000: "on both the
  /// profitable companies lists, year after year, AND in the worst customer service lists").
  public var yearsOnBothLists: Int { years.filter { $0.topProfit && $0.worstService }.count }
  public var longestRunOnBothLists: Int {
    var best = 0, run = 0
    for y in years { run = y.topProfit && y.worstService ? run + 1 : 0; best = max(best, run) }
    return best
  }
}

/// Customers moving through the market over a trial (simulated customers).
public struct MarketFlows: Sendable, Equatable {
  public var startingCustomers = 0
  /// Newcomers to the market, and those of them who bought from no firm.
  public var entrants = 0, entrantsOutside = 0
  /// Customers who left a firm: those who joined another firm, bought from none, left the category.
  public var churned = 0, switched = 0, switchedOutside = 0, leftCategory = 0
  /// Customers of the firms at the end.
  public var endingCustomers = 0
}

/// The outcome of one industry: every firm, and the market's flows.
public struct IndustryOutcome: Sendable {
  public let firms: [FirmOutcome]
  public let flows: MarketFlows
}

/// A cross-section of competing firms sharing one market (seed 000: "if you look at a large
/// cross section of companies … success comes from investing just enough into service").
///
/// K firms, each a `Firm` running its own strategy (drawn from the experiment's weighted mix,
/// with levers and product quality drawn per firm), serve customers from one pool. Each week
/// every active firm runs its service week on its own streams (in parallel: firms are
/// independent within a week); then the market moves customers:
///  - **newcomers**: each firm's marketing and word of mouth bring leads as a single firm's do
///    (`Firm.expectedRecruits`, the category's primary demand); their number is one Poisson
///    draw, the k-th newcomer of the trial is a person drawn from their own stream (item k of
///    the trial's recruits stream, as a single firm's recruits; `Firm.admit`), and each chooses a
///    firm (or,
///    with the outside option, none) by a multinomial logit (`ChoiceModel`) on price and
///    reputation (selective demand);
///  - **switchers**: of the customers who left a firm this week, `industry.switch_share` shop
///    among the other firms (and the outside option), the rest leave the category; a switcher
///    keeps who they are (their latent attributes) and starts with the new firm at the attitude
///    its product sustains;
///  - firms that lose every customer leave the market.
///
/// Reputation: each firm's running mean (over `industry.reputation_memory_weeks`) of its
/// customers' mean attitude and of its net word of mouth per customer-year. A firm's choice
/// utility is −price weight·ψ·slope·(price − 1) (the single-firm price response, so the demand
/// calibration carries over) + attitude weight·(reputation − the active firms' mean) + word-of-
/// mouth weight·(word of mouth − mean); the outside option's utility keeps its share at
/// `industry.outside_share` when every firm is average, whatever the number of firms.
///
/// With one firm and no outside option this is `Trial.run`'s computation to the bit: firm 0 draws
/// from the trial's streams, the newcomers' number and attributes come from the same acquisition
/// and recruits streams, and a switcher has nowhere to go (tested). Customers
/// are conserved: every newcomer joins a firm or the outside option, every leaver another firm,
/// the outside option or the category's exit (tested).
public enum Industry {
  /// The firms of trial `trial`, from the firms stream: for each firm in turn its strategy (by
  /// the mix's weights), each drawn lever, and its product quality (normal around the market's,
  /// within [0, 1]). A pure function of (setup, strategies, seed, trial) and the market's quality,
  /// so every market variant of a trial has the same firms (common random numbers).
  public static func drawFirms(_ setup: IndustrySetup, strategies: [Strategy], market: Market, seed: UInt64, trial: Int) throws -> [FirmDraw] {
    let stream = try RandomStream(key: StreamKey(seed: seed, trial: trial, purpose: .firms))
    let mix = try DiscreteTable(weights: setup.weights)
    var out: [FirmDraw] = []
    out.reserveCapacity(setup.firms)
    for _ in 0..<setup.firms {
      let k = mix.draw(using: stream)
      var levers = strategies[k].levers
      for d in setup.leverDraws {
        let value = d.quantile(stream.uniformPositive())
        guard let p = LeverParameters.all.first(where: { $0.name == d.lever }) else { continue }
        p.set(&levers, .number(value))
      }
      // Every firm draws quality, size and lock-in whatever the spreads, so a spread changes no
      // other draw.
      let z = stream.gaussian(mean: 0, standardDeviation: 1)
      let quality = min(1, max(0, market.productQuality + setup.qualitySpread * z))
      let size = exp(setup.sizeSpread * stream.gaussian(mean: 0, standardDeviation: 1))
      let lock = min(0.95, max(0, market.switchingCost + setup.switchingSpread * stream.gaussian(mean: 0, standardDeviation: 1)))
      out.append(FirmDraw(strategy: k, levers: levers, productQuality: quality, size: size, switchingCost: setup.switchingSpread > 0 ? lock : market.switchingCost))
    }
    return out
  }

  /// One industry: `setup.firms` firms sharing `config.customers` starting customers (split as
  /// evenly as whole customers allow) for `config.weeks` weeks.
  public static func run(_ config: TrialConfiguration, setup: IndustrySetup, strategies: [Strategy], market: Market,
                         seed: UInt64, trial: Int, threads: Int = 1) throws -> IndustryOutcome {
    try config.validate()
    try market.validate()
    for s in strategies { try s.levers.validate() }
    let w = config.world
    let k = setup.firms
    let draws = try drawFirms(setup, strategies: strategies, market: market, seed: seed, trial: trial)
    for d in draws { try d.levers.validate() }
    let n = config.customers
    let starting = startingCustomers(n, sizes: draws.map(\.size))
    let firms = try parallelMap(count: k, threads: threads) { f -> Firm in
      let d = draws[f]
      var m = market
      m.productQuality = d.productQuality
      m.switchingCost = d.switchingCost
      let s = strategies[d.strategy]
      return try Firm(config, strategy: Strategy(name: s.name, levers: d.levers, controller: s.controller, summary: s.summary), market: m,
                      seed: seed, trial: trial, index: f, customers: starting[f], threads: 1)
    }
    let key = { (p: Purpose, part: Int) in StreamKey(seed: seed, trial: trial, purpose: p, part: part) }
    var acquisition = try RandomStream(key: key(.acquisition, 0))
    var choice = try RandomStream(key: key(.choice, 0))
    let segments = try DiscreteTable(weights: market.segmentMix)
    let staging = Population(capacity: 64)

    var flows = MarketFlows()
    flows.startingCustomers = n
    var perFirm = [FirmFlows](repeating: FirmFlows(), count: k)
    var active = starting.map { $0 > 0 }
    var exitWeek = [Int?](repeating: nil, count: k)
    for f in 0..<k where !active[f] { exitWeek[f] = 0 }
    let yearCount = max(1, config.weeks / 52)
    var years = [[FirmYear]](repeating: [FirmYear](repeating: FirmYear(), count: yearCount), count: k)
    var yearStart = [(csatSum: Double, csatCount: Double, complaints: Double, revenue: Double)](repeating: (0, 0, 0, 0), count: k)
    // Reputation: satisfaction history (mean attitude) and word of mouth, as running means.
    var reputation = firms.map { meanAttitude($0) ?? 0.5 }
    var wordOfMouth = [Double](repeating: 0, count: k)
    let memory = 1 / w.choice.reputationMemoryWeeks
    let scale = config.customerScale
    // Customers of a firm that left the market at a year's end, shopping the next week.
    var displaced: [(firm: Int, slot: Int)] = []

    for week in 0..<config.weeks {
      let year = min(week / 52, yearCount - 1)
      if week % 52 == 0 && week / 52 < yearCount {
        for f in 0..<k where active[f] {
          years[f][year].active = true
          let a = firms[f].acc
          yearStart[f] = (a.csatSum, a.csatCount, a.complaints, a.revenue)
        }
      }
      try acquisition.reset(to: key(.acquisition, week))
      try choice.reset(to: key(.choice, week))
      let open = (0..<k).filter { active[$0] }
      let service = try parallelMap(count: open.count, threads: threads) { j in try firms[open[j]].serviceWeek(week, threads: 1) }

      // Demand: leads from every firm's marketing and word of mouth; reputation moves.
      var leads = 0.0
      for (j, f) in open.enumerated() {
        let firm = firms[f]
        let tellsPerCustomerYear = service[j].alive > 0 ? (firm.acc.positiveTells - firm.acc.negativeTells) / service[j].alive * 52 : 0
        leads += firm.expectedRecruits()
        wordOfMouth[f] += memory * (tellsPerCustomerYear - wordOfMouth[f])
        if let a = meanAttitude(firm) { reputation[f] += memory * (a - reputation[f]) }
      }
      let logit = MarketChoice(firms: firms, open: open, reputation: reputation, wordOfMouth: wordOfMouth,
                               outsideOption: setup.outsideOption, world: w)
      var joining = [[Joiner]](repeating: [], count: k)

      // Newcomers: one Poisson count, each a person from their own recruits stream choosing a firm.
      let newcomers = acquisition.poisson(mean: leads)
      staging.removeAll()
      try staging.appendCustomers(newcomers, key: key(.recruits, 0), firstItem: flows.entrants, market: market, segments: segments,
                                  world: w, threads: threads)
      flows.entrants += newcomers
      for i in 0..<newcomers {
        let psi = Double(staging.view.priceSensitivity[i])
        if let f = logit.choose(priceSensitivity: psi, excluding: nil, uniform: choice.uniform()) {
          joining[f].append(.newcomer(i))
        } else {
          flows.entrantsOutside += 1
        }
      }
      // Switchers: the customers of a firm that left the market (all shop), then those who left a
      // firm this week, in firm and slot order; two uniforms each, whatever they decide.
      func shop(_ from: Int, _ slot: Int, mustShop: Bool) {
        let view = firms[from].pop.view
        flows.churned += 1
        let shops = choice.uniform() < w.choice.switchShare || mustShop
        let u = choice.uniform()
        guard shops else { flows.leftCategory += 1; perFirm[from].lostCategory += 1; return }
        if let g = logit.choose(priceSensitivity: Double(view.priceSensitivity[slot]), excluding: from, uniform: u) {
          joining[g].append(.switcher(firm: from, slot: slot))
          flows.switched += 1
          perFirm[from].lostToRivals += 1
        } else if setup.outsideOption {
          flows.switchedOutside += 1
          perFirm[from].lostOutside += 1
        } else {
          flows.leftCategory += 1
          perFirm[from].lostCategory += 1
        }
      }
      for d in displaced { shop(d.firm, d.slot, mustShop: true) }
      displaced = []
      for (j, f) in open.enumerated() where service[j].churned > 0 {
        let view = firms[f].pop.view
        for i in 0..<firms[f].pop.count where view.churnWeek[i] == Int32(week) { shop(f, i, mustShop: false) }
      }
      // Each firm admits its newcomers (in arrival order) and switchers, then closes its week.
      for (j, f) in open.enumerated() {
        let firm = firms[f]
        for joiner in joining[f] {
          switch joiner {
          case let .newcomer(i):
            // Staged at the market's nominal quality; a firm with another quality shifts the start.
            let e = Double(staging.view.expectation[i])
            let shift = startingAttitude(e, firm.market.productQuality, w) - startingAttitude(e, market.productQuality, w)
            firm.admit(copying: staging.view, i, attitude: min(1, max(0, Double(staging.view.attitude[i]) + shift)))
            perFirm[f].newcomers += 1
          case let .switcher(from, slot):
            let source = firms[from].pop.view
            firm.admit(copying: source, slot, attitude: startingAttitude(Double(source.expectation[slot]), firm.market.productQuality, w))
            perFirm[f].switchersIn += 1
          }
        }
        let s = service[j]
        _ = firm.closeWeek(week, recruits: joining[f].count, service: s, recording: false)
        years[f][year].profit += s.profit
        years[f][year].serviceCost += s.serviceCost
        years[f][year].customerYears += s.alive * scale / 52
      }
      // A firm with no customer leaves the market at once.
      for f in open where firms[f].customers == 0 {
        active[f] = false
        exitWeek[f] = week
      }
      // Year end (or the horizon): customers, shares, satisfaction, complaints; then a firm below
      // the viable size leaves, its customers shopping next week.
      let yearEnds = week == config.weeks - 1 || (week % 52 == 51 && week / 52 < yearCount - 1)
      if yearEnds {
        let total = Double(open.reduce(0) { $0 + firms[$1].customers })
        for f in open {
          let firm = firms[f], a = firm.acc
          years[f][year].customers = Double(firm.customers) * scale
          years[f][year].share = total > 0 ? Double(firm.customers) / total : 0
          let csatCount = a.csatCount - yearStart[f].csatCount
          years[f][year].csat = csatCount > 0 ? (a.csatSum - yearStart[f].csatSum) / csatCount : .nan
          years[f][year].acsi = acsi(firm)
          years[f][year].nps = firm.latestNPS
          years[f][year].revenue = a.revenue - yearStart[f].revenue
          years[f][year].complaints = (a.complaints - yearStart[f].complaints) * scale
        }
        if week < config.weeks - 1 && setup.exitBelow > 0 {
          for f in open where firms[f].customers > 0 && Double(firms[f].customers) < setup.exitBelow * Double(firms[f].startingCustomers) {
            displaced += firms[f].closeDown(week)
            active[f] = false
            exitWeek[f] = week
          }
        }
      }
    }
    flows.endingCustomers = firms.reduce(0) { $0 + $1.customers }
    let lists = Industry.lists(years)
    let outcomes = try (0..<k).map { f in
      FirmOutcome(draw: draws[f], startingCustomers: starting[f], outcome: try firms[f].outcome(), exitWeek: exitWeek[f], years: lists[f], flows: perFirm[f])
    }
    return IndustryOutcome(firms: outcomes, flows: flows)
  }

  /// The starting customers of firms of relative sizes `sizes`: n split in proportion, the
  /// remainder to the largest fractional parts (ties to the earlier firm), each firm at least one
  /// customer when there are enough.
  static func startingCustomers(_ n: Int, sizes: [Double]) -> [Int] {
    let k = sizes.count
    guard k > 0 else { return [] }
    let floor1 = n >= k ? 1 : 0
    let rest = n - floor1 * k
    let total = sizes.reduce(0, +)
    let exact = sizes.map { Double(rest) * $0 / total }
    var out = exact.map { floor1 + Int($0.rounded(.down)) }
    let order = (0..<k).sorted { (exact[$0] - exact[$0].rounded(.down), -$0) > (exact[$1] - exact[$1].rounded(.down), -$1) }
    for f in order.prefix(n - out.reduce(0, +)) { out[f] += 1 }
    return out
  }

  /// Marks each year's lists among the firms active at its start: the top decile by profit
  /// ("most profitable") and the bottom decile by the year's CSAT ("worst service"), ⌈n/10⌉
  /// firms each, ties broken by firm order; a firm that handled no contact all year is on no
  /// worst-service list.
  public static func lists(_ years: [[FirmYear]]) -> [[FirmYear]] {
    var out = years
    guard let count = years.first?.count else { return out }
    for y in 0..<count {
      let firms = years.indices.filter { years[$0][y].active }
      guard !firms.isEmpty else { continue }
      let size = (firms.count + 9) / 10
      let byProfit = firms.sorted { (years[$0][y].profit, -$0) > (years[$1][y].profit, -$1) }
      for f in byProfit.prefix(size) { out[f][y].topProfit = true }
      func service(_ f: Int) -> Double { years[f][y].csat.isNaN ? .infinity : years[f][y].csat }
      let byService = firms.sorted { (service($0), $0) < (service($1), $1) }
      for f in byService.prefix(size) { out[f][y].worstService = true }
    }
    return out
  }

  /// The attitude a customer of expectation `e` starts with at a firm of quality `q`: what its
  /// product sustains (`Satisfaction.productExperience`).
  static func startingAttitude(_ e: Double, _ q: Double, _ w: World) -> Double {
    Satisfaction.productExperience(expectation: e, quality: q, world: w)
  }

  /// The mean attitude of a firm's customers (nil with none).
  static func meanAttitude(_ firm: Firm) -> Double? {
    let v = firm.pop.view
    var sum = 0.0, n = 0.0
    for i in 0..<firm.pop.count where v.alive[i] { sum += Double(v.attitude[i]); n += 1 }
    return n > 0 ? sum / n : nil
  }

  /// The ACSI-like index of a firm's customers (as `Metric.acsi` defines it; NaN with none).
  static func acsi(_ firm: Firm) -> Double {
    let v = firm.pop.view, w = firm.config.world
    var sum = 0.0, n = 0.0
    for i in 0..<firm.pop.count where v.alive[i] { sum += min(1, max(0, Double(v.attitude[i]) + w.acsiOffset)); n += 1 }
    return n > 0 ? 100 * sum / n : .nan
  }

  enum Joiner { case newcomer(Int), switcher(firm: Int, slot: Int) }
}

/// This week's multinomial logit over the active firms (and the outside option).
struct MarketChoice {
  let open: [Int]
  /// exp(utility without price) of each open firm, and its price's distance from the market price.
  let weight: [Double]
  let priceGap: [Double]
  /// Price coefficient per unit of price sensitivity: price weight × slope.
  let priceCoefficient: Double
  /// exp(outside utility), or 0 without the outside option.
  let outsideWeight: Double

  init(firms: [Firm], open: [Int], reputation: [Double], wordOfMouth: [Double], outsideOption: Bool, world w: World) {
    self.open = open
    let n = Double(max(1, open.count))
    let meanReputation = open.reduce(0) { $0 + reputation[$1] } / n
    let meanWOM = open.reduce(0) { $0 + wordOfMouth[$1] } / n
    weight = open.map { f in exp(w.choice.attitudeWeight * (reputation[f] - meanReputation) + w.choice.wordOfMouthWeight * (wordOfMouth[f] - meanWOM)) }
    priceGap = open.map { firms[$0].levers.price - 1 }
    priceCoefficient = (firms.first?.market.priceWeight ?? 0) * w.priceChurnSlope
    // Every firm average (utility 0): an outside share s of n firms' worth needs e^{u0} = n·s/(1 − s).
    outsideWeight = outsideOption ? n * w.choice.outsideShare / (1 - w.choice.outsideShare) : 0
  }

  /// A firm's weight for a shopper of price sensitivity ψ (0 for the firm they just left).
  @inline(__always)
  func weight(_ j: Int, _ psi: Double, excluding: Int?) -> Double {
    open[j] == excluding ? 0 : weight[j] * exp(-priceCoefficient * psi * priceGap[j])
  }

  /// The firm a shopper of price sensitivity ψ chooses with uniform u (nil: the outside option,
  /// or no firm to choose from); `excluding` the firm they just left.
  func choose(priceSensitivity psi: Double, excluding: Int?, uniform u: Double) -> Int? {
    var total = outsideWeight
    for j in open.indices { total += weight(j, psi, excluding: excluding) }
    guard total > 0 else { return nil }
    var target = u * total
    var last: Int?
    for j in open.indices {
      let x = weight(j, psi, excluding: excluding)
      guard x > 0 else { continue }
      if target < x { return open[j] }
      target -= x
      last = open[j]
    }
    // Only rounding reaches here: the outside option if there is one, else the last firm.
    return outsideWeight > 0 ? nil : last
  }
}

extension FirmOutcome {
  /// The columns an industry run writes to trials.csv after the metrics, for a horizon of
  /// `years` years: the firm as drawn, its fate, its horizon totals and the lists, then each
  /// year's figures (`y1_profit`, …). Names are identifiers in R and pandas.
  public static func columns(years: Int) -> [(name: String, kind: Metric.Kind)] {
    var out: [(String, Metric.Kind)] = [
      ("strategy_index", .count), ("price", .real), ("product_quality", .real), ("switching_cost", .real), ("starting_customers", .count),
      ("survived", .flag), ("exit_week", .real), ("service_spend_per_customer", .real), ("market_share_end", .real),
      ("acquired_newcomers", .count), ("acquired_switchers", .count), ("lost_to_rivals", .count), ("lost_outside", .count), ("lost_category", .count),
      ("years_top_profit", .count), ("years_worst_service", .count), ("years_both_lists", .count), ("longest_both_run", .count),
    ]
    for y in 1...max(1, years) {
      out += [("y\(y)_active", .flag), ("y\(y)_profit", .real), ("y\(y)_revenue", .real), ("y\(y)_service_cost", .real),
              ("y\(y)_service_spend", .real), ("y\(y)_csat", .real), ("y\(y)_acsi", .real), ("y\(y)_nps", .real), ("y\(y)_share", .real),
              ("y\(y)_customers", .count), ("y\(y)_complaints", .real), ("y\(y)_top_profit", .flag), ("y\(y)_worst_service", .flag)]
    }
    return out
  }

  /// The firm's row: every metric, then the values of `columns(years:)`; customer counts in
  /// represented customers (`scale` real ones per simulated one), as trials.csv's counts are.
  public func values(scale: Double) -> [Double] {
    var v = outcome.values
    let customerYears = years.reduce(0) { $0 + $1.customerYears }
    let f = flows
    v += [Double(draw.strategy), draw.levers.price, draw.productQuality, draw.switchingCost, Double(startingCustomers) * scale,
          exitWeek == nil ? 1 : 0, exitWeek.map(Double.init) ?? .nan,
          customerYears > 0 ? outcome[.costToServe] / customerYears : .nan, years.last?.share ?? .nan]
    v += [f.newcomers, f.switchersIn, f.lostToRivals, f.lostOutside, f.lostCategory].map { Double($0) * scale }
    v += [Double(years.filter(\.topProfit).count), Double(years.filter(\.worstService).count), Double(yearsOnBothLists),
          Double(longestRunOnBothLists)]
    for y in years {
      let on = y.active
      v += [on ? 1 : 0, on ? y.profit : .nan, on ? y.revenue : .nan, on ? y.serviceCost : .nan, on ? y.serviceSpendPerCustomer : .nan,
            on ? y.csat : .nan, on ? y.acsi : .nan, on ? y.nps : .nan, on ? y.share : .nan, on ? y.customers : .nan,
            on ? y.complaints : .nan, y.topProfit ? 1 : 0, y.worstService ? 1 : 0]
    }
    return v
  }
}

extension TrialOutcome {
  /// A row of values as a result file holds it (an industry firm's metrics and its own columns).
  public init(row: [Double]) { values = row }
}
