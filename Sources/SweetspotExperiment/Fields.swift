import SweetspotModel

/// A numeric or boolean setting that experiment files, `--set` and sweeps address by name: the
/// model's `Parameter` (declared once, with range and source, in `SweetspotModel/Parameters`)
/// seen through TOML values.
struct Field<Owner>: Sendable {
  let parameter: Parameter<Owner>

  init(_ p: Parameter<Owner>) { parameter = p }

  var name: String { parameter.name }
  /// The full key (`world.fcr_base`, `segment.premium.expectation`).
  var key: String { parameter.key }
  var kind: Parameter<Owner>.Kind { parameter.kind }
  /// What is allowed, in words.
  var allowed: String { parameter.allowed }
  var isNumeric: Bool { parameter.isNumeric }

  func get(_ owner: Owner) -> TOMLValue {
    switch parameter.get(owner) {
    case let .number(x): return parameter.kind == .integer ? .integer(Int(x)) : .float(x)
    case let .boolean(b): return .bool(b)
    case let .numbers(xs): return .array(xs.map { .float($0) })
    }
  }

  /// Sets a value that `problem(with:)` accepted.
  func set(_ owner: inout Owner, _ v: TOMLValue) {
    if let value = Field.value(v) { parameter.set(&owner, value) }
  }

  /// The TOML value as a parameter value, if it has a parameter's shape.
  static func value(_ v: TOMLValue) -> ParameterValue? {
    switch v {
    case let .bool(b): return .boolean(b)
    case .integer, .float: return v.number.map { .number($0) }
    case let .array(items):
      var xs: [Double] = []
      for item in items { guard let x = item.number else { return nil }; xs.append(x) }
      return .numbers(xs)
    default: return nil
    }
  }

  /// Checks a TOML value against this field; returns the problem in words, or nil.
  func problem(with v: TOMLValue) -> String? {
    switch kind {
    case .boolean:
      if case .bool = v { return nil }
      return "expected true or false, got \(v.typeName)"
    case .number, .integer:
      guard let x = v.number else { return "expected a number, got \(v.typeName)" }
      return parameter.problem(with: .number(x))
    case .numbers:
      guard case let .array(items) = v else { return "expected an array of numbers, got \(v.typeName)" }
      for item in items where item.number == nil { return "expected numbers, got \(item.typeName)" }
      guard let value = Field.value(v) else { return "expected an array of numbers" }
      return parameter.problem(with: value)
    }
  }
}

func formatNumber(_ x: Double) -> String { formatParameterNumber(x) }

enum Fields {
  static let levers: [Field<Levers>] = LeverParameters.all.map(Field.init)
  static let market: [Field<Market>] = MarketParameters.all.map(Field.init)
  /// Every `World` parameter: `world.*`, `population.*`, `segment.NAME.*`, `controller.*`, `scorecard.*`.
  static let worldAll: [Field<World>] = WorldParameters.all.map(Field.init)
  /// The `[world]` table's own keys.
  static let world: [Field<World>] = worldAll.filter { $0.parameter.section == "world" }
  /// The `World` parameters of one section (`population`, `segment.premium`, …).
  static func world(section: String) -> [Field<World>] { worldAll.filter { $0.parameter.section == section } }
  /// The `World` parameter with this full key.
  static func world(key: String) -> Field<World>? { worldByKey[key] }
  private static let worldByKey: [String: Field<World>] = Dictionary(worldAll.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
}

/// The key in `candidates` nearest to `key` by edit distance, if it is close enough to be a
/// likely typo.
func nearest(_ key: String, in candidates: [String]) -> String? {
  let best = candidates.map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
  guard let best, best.1 <= max(2, key.count / 3) else { return nil }
  return best.0
}

/// Levenshtein distance (insertions, deletions, substitutions).
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var row = Array(0...b.count)
  for i in 1...a.count {
    var diagonal = row[0]
    row[0] = i
    for j in 1...b.count {
      let above = row[j]
      row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
      diagonal = above
    }
  }
  return row[b.count]
}
