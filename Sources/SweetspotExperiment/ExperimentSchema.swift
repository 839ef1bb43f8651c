import Foundation
import SweetspotModel
import SweetspotRobustness

/// Every key an experiment file, `--set` or a sweep accepts, derived from the model's parameter
/// tables (`LeverParameters`, `MarketParameters`, `WorldParameters`) plus the experiment's own
/// top-level keys: the source of `sweetspot keys`, its `--json`, and the generated tables of
/// docs/EXPERIMENTS.md and docs/MODEL.md (`make docs`; tests fail when the docs drift).
public enum ExperimentSchema {
  /// One key, as listed.
  public struct Entry: Sendable {
    public let key: String
    public let type: String
    public let unit: String
    public let allowed: String
    public let defaultValue: String
    /// [low, high] a careful researcher would still defend; nil for settings and switches.
    public let plausible: ClosedRange<Double>?
    /// A publication or facts.md section; "assumption"; or "setting" for the experiment's own keys.
    public let source: String
    public let meaning: String
    /// The default as a typed value (nil for the experiment's own keys, whose default is prose).
    var defaultTOML: TOMLValue? = nil
  }

  // The ranges of the top-level keys (the loader checks against these).
  static let seedRange = 0...Int.max
  static let trialsRange = 2...1_000_000
  static let weeksRange = 1...4000
  static let populationSizeRange = 1...10_000_000
  static let populationScaleMax = 1e6
  /// The default materiality margin: 1% of the reference mean.
  public static let defaultMargin = 0.01

  /// The experiment's own keys: what to run, not assumptions about the world.
  public static let topLevel: [Entry] = {
    func e(_ key: String, _ type: String, _ allowed: String, _ d: String, _ meaning: String) -> Entry {
      Entry(key: key, type: type, unit: "", allowed: allowed, defaultValue: d, plausible: nil, source: "setting", meaning: meaning)
    }
    return [
      e("name", "string", "letters, digits, `-`, `_`", "required", "Names the experiment and its results folder."),
      e("description", "string", "any", "\"\"", "What the experiment is about."),
      e("question", "string", "any", "\"\"", "The question its report answers."),
      e("seed", "integer", "≥ 0", "1", "Seed of every random stream."),
      e("trials", "integer", "\(trialsRange.lowerBound) … \(trialsRange.upperBound)", "100", "Monte Carlo trials per strategy and scenario."),
      e("weeks", "integer", "\(weeksRange.lowerBound) … \(weeksRange.upperBound)", "104", "Horizon in weeks."),
      e("markets", "array of names", "presets (`competitive`, `monopoly`, `commodity`, `premium`) or `[market.NAME]`", "`[\"competitive\"]`",
        "The markets every strategy runs in."),
      e("strategies", "array of names", "presets (`sweetspot list strategies`) or `[strategy.NAME]`", "required", "The strategies compared."),
      e("baseline", "string", "one of `strategies`", "the first strategy", "The strategy others are compared with."),
      e("margin", "number", "0 < margin < 1 (a share of the reference mean)", "0.01",
        "Materiality margin of every comparison: paired differences inside ±margin × the best's mean are \"equivalent\" (two one-sided tests); the sweetspot zone is the values equivalent to the best."),
      e("population.size", "integer", "\(populationSizeRange.lowerBound) … \(populationSizeRange.upperBound) simulated customers", "10000",
        "Simulated customers at the start."),
      e("population.scale", "number", "(0, 1000000] real customers per simulated one", "25", "Real customers each simulated customer stands for."),
      e("queue.mode", "string", QueueMode.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "), "`erlang-a`", "How queue metrics are computed."),
      e("strategy.NAME.base", "string", "a preset strategy", "the preset named NAME, else `good-enough`", "The preset a custom strategy changes."),
      e("strategy.NAME.description", "string", "any", "", "One line on the strategy."),
      e("strategy.NAME.controller", "string", Controller.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "), "the base's",
        "How the strategy adjusts its levers over time."),
      e("market.NAME.base", "string", "a preset market", "the preset named NAME, else `competitive`", "The preset a custom market changes."),
      e("sweep.key", "string", "`strategy.NAME.LEVER` (NAME may be `*`), `market.NAME.FIELD` (NAME may be `*`), `population.scale`, or a numeric "
        + "`world.*`, `population.*`, `segment.NAME.*`, `controller.*` or `scorecard.*` key; each key at most once", "required",
        "In a `[[sweep]]` table: the key swept; experiments take the full grid of their sweeps."),
      e("sweep.values", "array of numbers", "each allowed for the key; at least one", "", "The values of a sweep."),
      e("sweep.from, sweep.to, sweep.step", "numbers", "step > 0, to ≥ from, ≤ 10000 values", "", "A sweep's values as a grid."),
      e("uncertainty.KEY", "string or table", "`\"default\"` (the key's plausible range: uniform, log-uniform when its default is the range's geometric middle; a market's context's range) or `{ low, high }`, "
        + "`{ distribution = \"uniform\" | \"loguniform\" | \"triangular\" | \"normal\" | \"lognormal\" | \"beta\", … }`; KEY a numeric `world.*`, `population.*`, "
        + "`segment.NAME.*` (`segment.*.FIELD`: one draw for all), `controller.*`, `scorecard.*` key or `market.NAME.FIELD`; "
        + "wildcards `\"*\"`, `\"world.*\"`, `\"segment.*\"`, … take `\"default\"`", "none",
        "An assumption a robustness run varies across sampled worlds."),
      e("robustness.design", "string", DesignKind.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "), "`latin-hypercube`",
        "How worlds are sampled: space-filling (Latin hypercube, Sobol', Halton: rank correlations), Saltelli (Sobol' indices) or Morris (screening)."),
      e("robustness.samples", "integer", "\(Uncertainty.samplesRange.lowerBound) … \(Uncertainty.samplesRange.upperBound)", "32",
        "Worlds (latin-hypercube, sobol, halton: at least 3), base sample N (saltelli: N·(k+2) worlds) or trajectories r (morris: r·(k+1) worlds); 0 runs the nominal world alone."),
      e("robustness.trials", "integer", "\(Uncertainty.trialsRange.lowerBound) … \(Uncertainty.trialsRange.upperBound)", "2", "Trials per sampled world."),
      e("robustness.levels", "integer", "even, 2 … 32", "4", "Morris grid levels."),
      e("robustness.resamples", "integer", "\(Uncertainty.resamplesRange.lowerBound) … \(Uncertainty.resamplesRange.upperBound)", "300",
        "Bootstrap resamples for the indices' intervals."),
      e("robustness.pair", "array of 2 names", "two of `strategies`", "the nominal best and its runner-up",
        "The comparison whose paired difference the sensitivity analysis explains."),
      e("industry.firms", "integer", "1 … \(IndustrySetup.maxFirms)", "required in `[industry]`",
        "An industry: this many firms share one market in every trial, each following a strategy drawn from `strategies` (the industry mode)."),
      e("industry.mix", "table of weights", "`{ NAME = weight, … }` over `strategies`, weights ≥ 0, one above 0", "equal weights",
        "How often each strategy is drawn for a firm."),
      e("industry.outside_option", "boolean", "`true`, `false`", "`true`",
        "Shoppers may buy from no firm of the industry (weight `industry.outside_share`); off, every newcomer joins a firm."),
      e("industry.quality_spread", "number", "0 … 0.5", "0", "Standard deviation of product quality across firms, around the market's."),
      e("industry.size_spread", "number", "0 … 3", "0", "Log-standard deviation of firms' starting sizes (starting customers split in proportion to e^{σz}); 0: equal."),
      e("industry.switching_spread", "number", "0 … 0.5", "0", "Standard deviation of a firm's switching cost around the market's (lock-in: contracts, bundles, local monopolies)."),
      e("industry.exit_below", "number", "0 … 1", "0", "A firm below this share of its starting customers at a year's end leaves the market, its customers shopping among the others; 0: only a firm with none."),
      e("industry.levers.LEVER", "string or table", "`\"default\"` (the lever's plausible range, uniform) or a distribution table as in `[uncertainty]`; LEVER a numeric lever",
        "none", "A lever drawn for every firm, overriding its strategy's value."),
    ]
  }()

  static func entry<T>(_ p: Parameter<T>, key: String, defaults: T, unsourced: String = "assumption") -> Entry {
    let d = Field(p).get(defaults)
    return Entry(key: key, type: p.typeName, unit: p.unit, allowed: p.allowed, defaultValue: render(d),
                 plausible: p.plausible, source: p.source ?? unsourced, meaning: p.meaning, defaultTOML: d)
  }

  /// The strategy levers (defaults: the good-enough preset).
  public static var levers: [Entry] { LeverParameters.all.map { entry($0, key: "strategy.NAME.\($0.name)", defaults: Strategy.goodEnough.levers, unsourced: "decision") } }
  /// The market fields (defaults: the competitive preset).
  public static var market: [Entry] { MarketParameters.all.map { entry($0, key: "market.NAME.\($0.name)", defaults: Market.competitive) } }
  /// The model's assumptions in one section (`world`, `population`, `segment.premium`, `controller`, `scorecard`).
  public static func world(section: String) -> [Entry] {
    WorldParameters.all.filter { $0.section == section }.map { entry($0, key: $0.key, defaults: World()) }
  }
  /// Every key, in the order `sweetspot keys` lists them.
  public static var all: [Entry] { topLevel + levers + market + WorldParameters.sections.flatMap { world(section: $0) } }

  static let sectionTitles: [(String, String)] = [
    ("world", "World parameters: `[world]`"),
    ("population", "Population shapes: `[population]`"),
  ] + Segment.allCases.map { ("segment.\($0)", "Segment `\($0)`: `[segment.\($0)]`") } + [
    ("controller", "The just-good-enough controller: `[controller]`"),
    ("scorecard", "The Win4 scorecard: `[scorecard]`"),
    ("industry", "An industry's choice model: `[industry]`"),
  ]

  /// The key tables of docs/EXPERIMENTS.md, from "## Top-level keys" to the end.
  public static var lines: [String] {
    var out: [String] = []
    func table(_ title: String, _ entries: [Entry], intro: String? = nil) {
      out += ["", "## \(title)", ""]
      if let intro { out += [intro, ""] }
      out += ["| key | type | allowed | default | plausible range | source |", "|---|---|---|---|---|---|"]
      for e in entries {
        out.append("| `\(e.key)` | \(e.type) | \(e.allowed) | \(e.defaultValue) | \(e.plausible.map(rangeText) ?? "—") | \(e.source) |")
      }
    }
    out += ["## Top-level keys", ""]
    out += ["| key | type | allowed | default |", "|---|---|---|---|"]
    for e in topLevel { out.append("| `\(e.key)` | \(e.type) | \(e.allowed) | \(e.defaultValue) |") }
    table("Strategy levers: `[strategy.NAME]` (defaults: the good-enough preset)", levers,
          intro: "The plausible range of a lever is what a strategy designer would consider; sweeps may go anywhere allowed.")
    table("Market fields: `[market.NAME]` (defaults: the competitive preset)", market)
    out += ["", "The plausible range above spans the market contexts. `\"default\"` in `[uncertainty]` takes the market's own context's range:", ""] + contextLines
    for (section, title) in sectionTitles { table(title, world(section: section)) }
    return out
  }

  /// Each preset market's value and own plausible range of every numeric field
  /// (`MarketParameters.contextRanges`), one row per field.
  static var contextLines: [String] {
    let contexts = Market.presets
    var out = ["| field | " + contexts.map(\.name).joined(separator: " | ") + " |", "|---" + String(repeating: "|---", count: contexts.count) + "|"]
    for p in MarketParameters.all where p.isNumeric {
      let cells = contexts.map { m -> String in
        let value = p.get(m).number.map(short) ?? "—"
        return value + (MarketParameters.contextRanges[m.name]?[p.name].map { " " + rangeText($0) } ?? "")
      }
      out.append("| `\(p.name)` | " + cells.joined(separator: " | ") + " |")
    }
    return out
  }

  /// The parameter tables of docs/MODEL.md: every assumption of the model with its unit,
  /// default, plausible range, source and meaning.
  public static var modelLines: [String] {
    var out: [String] = []
    let sections: [(String, [Entry])] = [("Strategy levers (`strategy.NAME.*`, defaults: good-enough)", levers),
                                         ("Market fields (`market.NAME.*`, defaults: competitive)", market)]
      + sectionTitles.map { ($0.1, world(section: $0.0)) }
    for (title, entries) in sections {
      out += ["", "### \(title)", "", "| key | unit | default | plausible | source | meaning |", "|---|---|---|---|---|---|"]
      for e in entries {
        out.append("| `\(e.key)` | \(e.unit) | \(e.defaultValue) | \(e.plausible.map(rangeText) ?? "—") | \(e.source) | \(e.meaning) |")
      }
      if entries.first?.key.hasPrefix("market.") == true {
        out += ["", "Each market context's value and own plausible range (assumptions; what `\"default\"` samples for `market.NAME.FIELD`):", ""] + contextLines
      }
    }
    let params = LeverParameters.all.count + MarketParameters.all.count + WorldParameters.all.count
    let assumptions = WorldParameters.all.filter(\.isAssumption).count
    out.insert(contentsOf: ["", "\(params) parameters; of the \(WorldParameters.all.count) world, population, segment, controller and scorecard parameters, "
                            + "\(assumptions) are assumptions (no source) and \(WorldParameters.all.count - assumptions) have a source."], at: 0)
    return out
  }

  /// Every key as JSON, for scripts (`sweetspot keys --json`).
  public static var json: JSONValue {
    .array(all.map { e in
      .object([
        ("key", .string(e.key)), ("type", .string(e.type)), ("unit", .string(e.unit)), ("allowed", .string(e.allowed)),
        ("default", e.defaultTOML.map(SweetspotExperiment.json) ?? .string(e.defaultValue)),
        ("plausible", e.plausible.map { .array([.number($0.lowerBound), .number($0.upperBound)]) } ?? .null),
        ("source", .string(e.source)), ("assumption", .bool(e.source == "assumption")), ("meaning", .string(e.meaning)),
      ])
    })
  }

  static func rangeText(_ r: ClosedRange<Double>) -> String { "[\(short(r.lowerBound)), \(short(r.upperBound))]" }

  /// Four significant digits at most (plausible ranges are judgements, not measurements).
  static func short(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
    return String(format: "%.4g", x)
  }

  static func render(_ v: TOMLValue) -> String {
    switch v {
    case let .float(x): return formatNumber(x)
    case let .integer(i): return String(i)
    case let .bool(b): return b ? "true" : "false"
    case let .string(s): return "\"\(s)\""
    case let .array(xs): return "[" + xs.map(render).joined(separator: ", ") + "]"
    case .table: return "{…}"
    }
  }
}
