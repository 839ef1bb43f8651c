/// A value a parameter holds.
public enum ParameterValue: Sendable, Equatable {
  case number(Double)
  case boolean(Bool)
  case numbers([Double])

  public var number: Double? { if case let .number(x) = self { return x }; return nil }
}

/// The values a parameter may take at all (validation): an interval, open or closed at each end.
/// Anything outside is refused with `description` in the message.
public struct Bounds: Sendable, Equatable {
  public let lower: Double, upper: Double
  public let lowerOpen: Bool, upperOpen: Bool
  /// What the value is, in words: "a probability", "dollars", "weeks".
  public let noun: String

  public init(_ noun: String, _ lower: Double, _ upper: Double, lowerOpen: Bool = false, upperOpen: Bool = false) {
    self.noun = noun; self.lower = lower; self.upper = upper; self.lowerOpen = lowerOpen; self.upperOpen = upperOpen
  }

  public func contains(_ x: Double) -> Bool {
    guard x.isFinite else { return false }
    return (lowerOpen ? x > lower : x >= lower) && (upperOpen ? x < upper : x <= upper)
  }

  /// "a probability in [0, 1]", "weeks in [1, 520]".
  public var description: String {
    "\(noun) in \(lowerOpen ? "(" : "[")\(formatParameterNumber(lower)), \(formatParameterNumber(upper))\(upperOpen ? ")" : "]")"
  }

  public static func unit(_ noun: String) -> Bounds { Bounds(noun, 0, 1) }
}

/// One named assumption or setting of the model, declared once: its key, unit, what it means,
/// the values it may take, the range a careful researcher would still defend, and where its
/// default comes from. Validation, `--set`, sweeps, the manifest, `sweetspot keys` and the
/// parameter tables of docs/MODEL.md are all derived from these declarations.
public struct Parameter<Owner>: Sendable {
  public enum Kind: Sendable, Equatable { case number, integer, boolean, numbers(count: Int?) }

  /// Where the key lives: `world`, `segment.premium`, `population`, `controller`, `scorecard`;
  /// for levers and market fields the section is `strategy.NAME` and `market.NAME`.
  public let section: String
  /// The key within its section: `churn_attitude_slope`.
  public let name: String
  public let kind: Kind
  public let unit: String
  /// What the parameter means and does, one sentence.
  public let meaning: String
  /// Allowed values (nil: a boolean).
  public let bounds: Bounds?
  /// The plausible range [low, high]: what a robustness analysis should sample (nil: a switch, a list, or
  /// a setting that is a choice rather than an uncertain quantity).
  public let plausible: ClosedRange<Double>?
  /// The publication or facts.md section behind the default; nil: an assumption.
  public let source: String?
  /// For a list of weights: at least one must be > 0 (an intraday shape, a segment mix).
  public let needsAPositiveWeight: Bool
  public let get: @Sendable (Owner) -> ParameterValue
  public let set: @Sendable (inout Owner, ParameterValue) -> Void

  public init(section: String, name: String, kind: Kind, unit: String, meaning: String, bounds: Bounds?,
              plausible: ClosedRange<Double>?, source: String?, needsAPositiveWeight: Bool = false,
              get: @escaping @Sendable (Owner) -> ParameterValue, set: @escaping @Sendable (inout Owner, ParameterValue) -> Void) {
    self.section = section; self.name = name; self.kind = kind; self.unit = unit; self.meaning = meaning
    self.bounds = bounds; self.plausible = plausible; self.source = source; self.needsAPositiveWeight = needsAPositiveWeight
    self.get = get; self.set = set
  }

  /// `section.name`.
  public var key: String { "\(section).\(name)" }
  public var isAssumption: Bool { source == nil }
  public var isNumeric: Bool { kind == .number || kind == .integer }
  /// "assumption" or the source.
  public var provenance: String { source ?? "assumption" }

  /// Why `value` is not allowed, in words; nil if it is.
  public func problem(with value: ParameterValue) -> String? {
    switch (kind, value) {
    case (.boolean, .boolean): return nil
    case (.boolean, _): return "expected true or false"
    case (.number, .number(let x)), (.integer, .number(let x)):
      if x.isNaN { return "NaN is not allowed; allowed: \(allowed)" }
      if x.isInfinite { return "infinity is not allowed; allowed: \(allowed)" }
      if kind == .integer && x != x.rounded() { return "expected a whole number; allowed: \(allowed)" }
      if let b = bounds, !b.contains(x) { return "\(formatParameterNumber(x)) is out of range; allowed: \(allowed)" }
      return nil
    case (.numbers(let count), .numbers(let xs)):
      if let count, xs.count != count { return "expected \(count) numbers, got \(xs.count)" }
      if xs.isEmpty { return "expected at least one number" }
      for x in xs where !(bounds?.contains(x) ?? x.isFinite) { return "\(formatParameterNumber(x)) is out of range; allowed: \(allowed)" }
      if needsAPositiveWeight && !xs.contains(where: { $0 > 0 }) { return "all weights are 0; allowed: \(allowed)" }
      return nil
    default:
      return "expected \(typeName)"
    }
  }

  /// What is allowed, in words.
  public var allowed: String {
    switch kind {
    case .boolean: return "true or false"
    case let .numbers(count):
      let what = count.map { "\($0) numbers" } ?? "numbers"
      let each = bounds.map { "\(what), each \($0.description)" } ?? what
      return needsAPositiveWeight ? each + ", at least one > 0" : each
    default: return bounds?.description ?? "a number"
    }
  }

  public var typeName: String {
    switch kind {
    case .number: return "number"
    case .integer: return "integer"
    case .boolean: return "boolean"
    case let .numbers(count): return count.map { "array of \($0) numbers" } ?? "array of numbers"
    }
  }
}

extension Parameter {
  /// A number at `kp`.
  static func number(_ section: String, _ name: String, _ kp: any WritableKeyPath<Owner, Double> & Sendable, unit: String,
                     _ bounds: Bounds, plausible: ClosedRange<Double>?, source: String?, _ meaning: String) -> Parameter {
    Parameter(section: section, name: name, kind: .number, unit: unit, meaning: meaning, bounds: bounds, plausible: plausible,
              source: source, get: { .number($0[keyPath: kp]) }, set: { if case let .number(x) = $1 { $0[keyPath: kp] = x } })
  }

  /// A whole number at `kp`.
  static func integer(_ section: String, _ name: String, _ kp: any WritableKeyPath<Owner, Int> & Sendable, unit: String,
                      _ bounds: Bounds, plausible: ClosedRange<Double>?, source: String?, _ meaning: String) -> Parameter {
    Parameter(section: section, name: name, kind: .integer, unit: unit, meaning: meaning, bounds: bounds, plausible: plausible,
              source: source, get: { .number(Double($0[keyPath: kp])) },
              set: { if case let .number(x) = $1, x.isFinite, abs(x) < 1e15 { $0[keyPath: kp] = Int(x) } })
  }

  /// A switch at `kp`.
  static func boolean(_ section: String, _ name: String, _ kp: any WritableKeyPath<Owner, Bool> & Sendable,
                      source: String?, _ meaning: String) -> Parameter {
    Parameter(section: section, name: name, kind: .boolean, unit: "", meaning: meaning, bounds: nil, plausible: nil, source: source,
              get: { .boolean($0[keyPath: kp]) }, set: { if case let .boolean(b) = $1 { $0[keyPath: kp] = b } })
  }

  /// A list of weights at `kp`, at least one of them > 0.
  static func weights(_ section: String, _ name: String, _ kp: any WritableKeyPath<Owner, [Double]> & Sendable, count: Int?,
                      unit: String, _ bounds: Bounds, source: String?, _ meaning: String) -> Parameter {
    Parameter(section: section, name: name, kind: .numbers(count: count), unit: unit, meaning: meaning, bounds: bounds, plausible: nil,
              source: source, needsAPositiveWeight: true,
              get: { .numbers($0[keyPath: kp]) }, set: { if case let .numbers(xs) = $1 { $0[keyPath: kp] = xs } })
  }

  /// Throws `ModelError` naming `prefix.name` if `owner`'s value is not allowed: the one check
  /// behind `World.validate`, `Levers.validate` and `Market.validate`.
  func check(_ owner: Owner, prefix: String) throws(ModelError) {
    let v = get(owner)
    guard problem(with: v) != nil else { return }
    let shown: String
    switch v {
    case let .number(x): shown = "\(x)"
    case let .numbers(xs): shown = "\(xs)"
    case let .boolean(b): shown = "\(b)"
    }
    throw ModelError(key: "\(prefix).\(name)", value: shown, allowed: allowed)
  }
}

/// Numbers as keys and tables print them: whole numbers without a point, others in Swift's
/// shortest round-trip form.
public func formatParameterNumber(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
  return "\(x)"
}
