import SweetspotModel

extension Experiment {
  /// Every value the run uses, after presets, overrides and defaults: what the manifest records
  /// and what fingerprints a run (shards merge and checkpoints resume only under an equal one).
  public var resolvedConfiguration: JSONValue {
    func table<T>(_ fields: [Field<T>], _ owner: T) -> JSONValue {
      .object(fields.map { ($0.name, json($0.get(owner))) })
    }
    return .object([
      ("name", .string(name)),
      ("seed", .integer(Int(seed))),
      ("trials", .integer(trials)),
      ("weeks", .integer(configuration.weeks)),
      ("population", .object([("size", .integer(configuration.customers)), ("scale", .number(configuration.customerScale))]
                             + fieldsOf(Fields.world(section: "population"), configuration.world))),
      ("queue", .object([("mode", .string(configuration.queueMode.rawValue))])),
      ("generator", .string(Generator.default.rawValue)),
      ("baseline", .string(baseline)),
      ("strategies", .array(strategies.map { s in
        .object([("name", .string(s.name)), ("controller", .string(s.controller.rawValue)), ("levers", table(Fields.levers, s.levers))])
      })),
      ("markets", .array(markets.map { m in .object([("name", .string(m.name))] + fieldsOf(Fields.market, m)) })),
      ("sweeps", .array(sweeps.map { .object([("key", .string($0.key)), ("values", .array($0.values.map { .number($0) }))]) })),
      ("world", table(Fields.world, configuration.world)),
      ("segment", .object(Segment.allCases.map { ("\($0)", table(Fields.world(section: "segment.\($0)"), configuration.world)) })),
      ("controller", table(Fields.world(section: "controller"), configuration.world)),
      ("scorecard", table(Fields.world(section: "scorecard"), configuration.world)),
    ] + (uncertainty.map { [("robustness", $0.resolved)] } ?? []) + (industry.map { [("industry", resolvedIndustry($0))] } ?? []))
  }

  /// The industry setup and its choice model, as the manifest records them.
  private func resolvedIndustry(_ i: IndustrySetup) -> JSONValue {
    let mix: [(String, JSONValue)] = zip(strategies, i.weights).map { ($0.name, .number($1)) }
    let levers: [(String, JSONValue)] = i.leverDraws.map { ($0.lever, .string($0.description)) }
    var fields: [(String, JSONValue)] = [("firms", .integer(i.firms)), ("mix", .object(mix)), ("outside_option", .bool(i.outsideOption)),
                                         ("quality_spread", .number(i.qualitySpread)), ("size_spread", .number(i.sizeSpread)),
                                         ("switching_spread", .number(i.switchingSpread)), ("exit_below", .number(i.exitBelow)), ("levers", .object(levers))]
    fields += fieldsOf(Fields.world(section: "industry"), configuration.world)
    return .object(fields)
  }

  /// SHA-256 of the resolved configuration (a run without uncertainty hashes as before it existed).
  public var configurationHash: String { SHA256.hex(resolvedConfiguration.rendered()) }

  private func fieldsOf<T>(_ fields: [Field<T>], _ owner: T) -> [(String, JSONValue)] {
    fields.map { ($0.name, json($0.get(owner))) }
  }
}

func json(_ v: TOMLValue) -> JSONValue {
  switch v {
  case let .string(s): return .string(s)
  case let .integer(i): return .integer(i)
  case let .float(x): return .number(x)
  case let .bool(b): return .bool(b)
  case let .array(xs): return .array(xs.map(json))
  case let .table(t): return .object(t.entries.map { ($0.key, json($0.value)) })
  }
}

import SweetspotNumerics

extension Uncertainty {
  /// The uncertainty table and design settings, as the manifest records them.
  var resolved: JSONValue {
    .object([
      ("design", .string(design.rawValue)),
      ("samples", .integer(samples)),
      ("worlds", .integer(worldCount)),
      ("trials", .integer(trialsPerWorld)),
      ("levels", .integer(levels)),
      ("resamples", .integer(resamples)),
      ("pair", pair.map { .array($0.map { .string($0) }) } ?? .null),
      ("parameters", .array(parameters.map { p in
        .object([("key", .string(p.key)), ("distribution", .string(p.summary)), ("given", .string(p.given)), ("unit", .string(p.unit))])
      })),
    ])
  }
}
