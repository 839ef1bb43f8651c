import ArgumentParser
import SweetspotQueueing

/// The queue description shared by `queue` and `staff`.
struct QueueOptions: ParsableArguments {
  @Option(name: .customLong("arrivals-per-hour"),
          help: ArgumentHelp("Contacts offered per hour (λ). For a daily profile give one rate per interval, comma-separated (queue only).", valueName: "rate[,rate…]"))
  var arrivalsPerHour: String

  @Option(name: .customLong("handle-minutes"), help: ArgumentHelp("Mean handle time per contact, minutes.", valueName: "minutes"))
  var handleMinutes: Double

  @Option(name: .customLong("patience-minutes"),
          help: ArgumentHelp("Mean caller patience, minutes: callers abandon (Erlang A). Omit for no abandonment (Erlang C).", valueName: "minutes"))
  var patienceMinutes: Double?

  /// Bounds that keep the work of an analysis or simulation finite: a million contacts an hour
  /// (278 a second), handle times and patience up to a week.
  static let maxArrivalsPerHour = 1_000_000.0
  static let maxMinutes = 10_080.0
  /// At most this many intervals in a daily profile.
  static let maxIntervals = 10_000

  /// The parsed rates, each in 0 ... `maxArrivalsPerHour`, at least one > 0.
  func rates() throws -> [Double] {
    let parts = arrivalsPerHour.split(separator: ",", omittingEmptySubsequences: false)
    guard parts.count <= Self.maxIntervals else {
      throw InputError("--arrivals-per-hour: \(parts.count) rates; at most \(Self.maxIntervals) intervals")
    }
    var out: [Double] = []
    for p in parts {
      let text = String(p).trimmingCharacters(in: " ")
      guard let r = Double(text), r.isFinite, r >= 0, r <= Self.maxArrivalsPerHour else {
        throw InputError("--arrivals-per-hour: '\(text.prefix(40))' is not a rate; give a number in 0 ... 1000000 per hour (several separated by commas)")
      }
      out.append(r)
    }
    guard out.contains(where: { $0 > 0 }) else {
      throw InputError("--arrivals-per-hour must be > 0 (in at least one interval); got \(arrivalsPerHour)")
    }
    return out
  }

  /// The most callers that could be waiting at once with abandonment (arrivals per second ×
  /// mean patience in seconds): Erlang A's state space grows with it, time and memory alike.
  static let maxPatientCallers = 1_000_000.0

  /// With patience, refuses a state space beyond reach (for the busiest interval's rate).
  func checkPatientCallers(_ rates: [Double]) throws {
    guard let p = patienceMinutes, let worst = rates.max() else { return }
    let waiting = worst / 60 * p
    if waiting > Self.maxPatientCallers {
      throw InputError("--arrivals-per-hour × --patience-minutes: up to \(fixed(waiting, 0)) callers could be waiting at once (arrivals per minute × patience); Erlang A allows at most 1000000: lower --patience-minutes")
    }
  }

  func validateTimes() throws {
    guard handleMinutes.isFinite, handleMinutes > 0, handleMinutes <= Self.maxMinutes else {
      throw InputError("--handle-minutes must be a number in (0, 10080] (up to a week); got \(handleMinutes)")
    }
    if let p = patienceMinutes, !(p.isFinite && p > 0 && p <= Self.maxMinutes) {
      throw InputError("--patience-minutes must be a number in (0, 10080] (up to a week); got \(p)")
    }
  }
}

extension String {
  func trimmingCharacters(in set: Character) -> String {
    var s = Substring(self)
    while s.first == set { s.removeFirst() }
    while s.last == set { s.removeLast() }
    return String(s)
  }
}

/// The largest service-level threshold: a day.
let maxAnswerWithinSeconds = 86_400.0

extension ParsableArguments {
  /// Checks that a Double option is finite and inside `range`, with the option's name in the message.
  func require(_ x: Double, _ option: String, _ allowed: String, _ ok: (Double) -> Bool) throws {
    // Callers' `allowed` texts state the bounds; a NaN or infinity never passes.
    guard x.isFinite, ok(x) else { throw InputError("\(option) must be \(allowed); got \(x)") }
  }
}
