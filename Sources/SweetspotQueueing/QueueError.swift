/// Why a queueing question has no answer, phrased for the person who asked it.
public enum QueueError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A parameter outside its domain; `name` is the quantity, `allowed` the domain.
  case invalid(name: String, value: String, allowed: String)
  /// Erlang C has no steady state when the offered load is at least the number of agents.
  case unstable(agents: Int, load: Double)
  /// No staffing level up to `limit` meets the target.
  case targetUnreachable(target: String, limit: Int)

  public var description: String {
    switch self {
    case let .invalid(name, value, allowed):
      return "\(name) must be \(allowed); got \(value)"
    case let .unstable(agents, load):
      return "\(agents) agent\(agents == 1 ? "" : "s") cannot carry an offered load of "
        + "\(formatted(load)) Erlangs without abandonment: Erlang C has no steady state "
        + "(it needs agents > load); add patience (abandonment) or more agents"
    case let .targetUnreachable(target, limit):
      return "no staffing up to \(limit) agents meets \(target)"
    }
  }

  static func require(_ ok: Bool, _ name: String, _ value: Double, _ allowed: String) throws(QueueError) {
    if !ok { throw .invalid(name: name, value: formatted(value), allowed: allowed) }
  }
}

func formatted(_ x: Double) -> String {
  if x.isNaN { return "NaN" }
  if x.isInfinite { return x > 0 ? "infinity" : "-infinity" }
  if x == x.rounded() && abs(x) < 1e15 { return String(Int(x)) }
  return String(x)
}
