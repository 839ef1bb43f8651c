import SweetspotExperiment
import SweetspotNumerics
import SweetspotQueueing

/// The seven queue metrics under their JSON keys, with human labels and units, in one order.
enum QueueMetricField: CaseIterable {
  case pWait, meanWait, asa, pAbandon, serviceLevel, occupancy, queueLength

  var key: String {
    switch self {
    case .pWait: return "p_wait"
    case .meanWait: return "mean_wait_seconds"
    case .asa: return "asa_seconds"
    case .pAbandon: return "p_abandon"
    case .serviceLevel: return "service_level"
    case .occupancy: return "occupancy"
    case .queueLength: return "mean_queue_length"
    }
  }

  var label: String {
    switch self {
    case .pWait: return "P(wait)"
    case .meanWait: return "mean wait, all arrivals (s)"
    case .asa: return "ASA, answered (s)"
    case .pAbandon: return "P(abandon)"
    case .serviceLevel: return "service level"
    case .occupancy: return "occupancy"
    case .queueLength: return "mean queue length"
    }
  }

  /// Decimals to print: seconds and lengths to 2, probabilities and shares to 4.
  var digits: Int { self == .meanWait || self == .asa || self == .queueLength ? 2 : 4 }

  func value(_ m: QueueMetrics) -> Double {
    switch self {
    case .pWait: return m.probabilityOfWaiting
    case .meanWait: return m.meanWait
    case .asa: return m.averageSpeedOfAnswer
    case .pAbandon: return m.probabilityOfAbandonment
    case .serviceLevel: return m.serviceLevel
    case .occupancy: return m.occupancy
    case .queueLength: return m.meanQueueLength
    }
  }

  func estimate(_ s: SimulationSummary) -> SimulationSummary.Estimate {
    switch self {
    case .pWait: return s.probabilityOfWaiting
    case .meanWait: return s.meanWait
    case .asa: return s.averageSpeedOfAnswer
    case .pAbandon: return s.probabilityOfAbandonment
    case .serviceLevel: return s.serviceLevel
    case .occupancy: return s.occupancy
    case .queueLength: return s.meanQueueLength
    }
  }

  static func json(_ m: QueueMetrics) -> JSONValue {
    .object(allCases.map { ($0.key, .number($0.value(m))) })
  }
}

/// Fixed-point formatting without Foundation: `fixed(0.174132, 4)` is "0.1741".
func fixed(_ x: Double, _ digits: Int) -> String {
  guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "inf" : "-inf") }
  var scale = 1.0
  for _ in 0..<digits { scale *= 10 }
  let r = (abs(x) * scale).rounded()
  let sign = x < 0 && r != 0 ? "-" : ""
  let whole = Int(r / scale)
  if digits == 0 { return sign + String(whole) }
  let frac = Int(r - Double(whole) * scale)
  var f = String(frac)
  while f.count < digits { f = "0" + f }
  return sign + String(whole) + "." + f
}

func padded(_ s: String, _ width: Int, right: Bool = false) -> String {
  let n = s.count
  if n >= width { return s }
  let fill = String(repeating: " ", count: width - n)
  return right ? fill + s : s + fill
}

/// "1 strategy", "3 strategies": a count with its noun in the right number.
func counted(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
  "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
}
