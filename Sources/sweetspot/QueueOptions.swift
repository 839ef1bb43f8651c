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

  /// The parsed rates, each finite and ≥ 0, at least one > 0.
  func rates() throws -> [Double] {
    let parts = arrivalsPerHour.split(separator: ",", omittingEmptySubsequences: false)
    var out: [Double] = []
    for p in parts {
      let text = String(p).trimmingCharacters(in: " ")
      guard let r = Double(text), r.isFinite, r >= 0 else {
        throw InputError("--arrivals-per-hour: '\(text)' is not a rate; give a finite number ≥ 0 per hour (several separated by commas)")
      }
      out.append(r)
    }
    guard out.contains(where: { $0 > 0 }) else {
      throw InputError("--arrivals-per-hour must be > 0 (in at least one interval); got \(arrivalsPerHour)")
    }
    return out
  }

  func validateTimes() throws {
    guard handleMinutes.isFinite, handleMinutes > 0 else {
      throw InputError("--handle-minutes must be a finite number > 0; got \(handleMinutes)")
    }
    if let p = patienceMinutes, !(p.isFinite && p > 0) {
      throw InputError("--patience-minutes must be a finite number > 0; got \(p)")
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

extension ParsableArguments {
  /// Checks that a Double option is finite and inside `range`, with the option's name in the message.
  func require(_ x: Double, _ option: String, _ allowed: String, _ ok: (Double) -> Bool) throws {
    guard x.isFinite, ok(x) else { throw InputError("\(option) must be \(allowed); got \(x)") }
  }
}
