import SweetspotExperiment
import ArgumentParser
import Dispatch
import SweetspotNumerics
import SweetspotQueueing

/// `sweetspot queue`: analytic (Erlang C/A) and simulated metrics of one queue, side by side.
struct Queue: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Erlang C/A metrics of a contact-centre queue beside a discrete-event simulation.",
    discussion: """
      Without --patience-minutes callers never abandon and the analytic column is Erlang C \
      (M/M/N); with it, Erlang A (M/M/N+M). With non-exponential handle times or patience, or a \
      daily profile, the simulation models exactly what was asked and the analytic column is \
      labelled as the approximation it then is.

      The service level counts contacts answered within --answer-within-seconds among all \
      offered; ASA is the mean wait of answered contacts; the mean wait covers all arrivals, \
      abandoners up to the moment they hang up. Simulated values are means over independent \
      replications with Student-t 95% intervals. The simulation's time and rate go to stderr, \
      one line; stdout holds only the results, the same bytes for a seed.

      Example:
        sweetspot queue --arrivals-per-hour 200 --handle-minutes 6 --agents 22 \\
          --patience-minutes 3
      """)

  @OptionGroup(title: "Queue") var queue: QueueOptions

  @Option(help: ArgumentHelp("Number of agents.", valueName: "n"))
  var agents: Int

  @Option(name: .customLong("answer-within-seconds"), help: ArgumentHelp("Service-level threshold T, seconds.", valueName: "seconds"))
  var answerWithinSeconds: Double = 20

  @Option(name: .customLong("handle-distribution"), help: "Handle-time distribution.")
  var handleDistribution: DurationShape = .exponential

  @Option(name: .customLong("handle-cv"), help: ArgumentHelp("Coefficient of variation of lognormal handle times.", valueName: "cv"))
  var handleCV: Double = 1.0

  @Option(name: .customLong("patience-distribution"), help: "Patience distribution.")
  var patienceDistribution: DurationShape = .exponential

  @Option(name: .customLong("patience-cv"), help: ArgumentHelp("Coefficient of variation of lognormal patience.", valueName: "cv"))
  var patienceCV: Double = 1.0

  @Option(name: .customLong("interval-minutes"), help: ArgumentHelp("Length of each interval of a daily arrival profile, minutes.", valueName: "minutes"))
  var intervalMinutes: Double = 60

  @OptionGroup(title: "Simulation") var simulation: SimulationOptions

  @Flag(help: "Print one JSON object {\"analytic\": {...}, \"simulated\": {...}} instead of a table.")
  var json = false

  func run() throws {
    try queue.validateTimes()
    let rates = try queue.rates()
    try queue.checkPatientCallers(rates)
    try require(answerWithinSeconds, "--answer-within-seconds", "a number in 0 ... 86400 (a day)", { $0 >= 0 && $0 <= maxAnswerWithinSeconds })
    try require(intervalMinutes, "--interval-minutes", "a number in 1 ... 1440 (a minute to a day)", { $0 >= 1 && $0 <= 1440 })
    guard agents >= 1 && agents <= 100_000 else {
      throw InputError("--agents must be a whole number in 1 ... 100000; got \(agents)")
    }
    try simulation.check()
    try simulation.checkWork(meanArrivalsPerHour: rates.reduce(0, +) / Double(rates.count), intervalMinutes: intervalMinutes)
    let handle = try duration("--handle-distribution", handleDistribution, mean: queue.handleMinutes * 60, cv: handleCV, cvOption: "--handle-cv")
    let patience = try queue.patienceMinutes.map {
      try duration("--patience-distribution", patienceDistribution, mean: $0 * 60, cv: patienceCV, cvOption: "--patience-cv")
    }
    if patience == nil, let worst = rates.max(), worst / 3600 * handle.mean >= Double(agents) {
      let which = rates.count > 1 ? " in its busiest interval" : ""
      throw InputError("--agents \(agents) cannot carry the offered load of \(fixed(worst / 3600 * handle.mean, 2)) Erlangs\(which) without abandonment: Erlang C has no steady state (it needs agents > load); add --patience-minutes or more --agents")
    }
    let scenario = try QueueScenario(
      arrivalsPerHour: rates, intervalSeconds: intervalMinutes * 60, handleTime: handle, patience: patience,
      agents: agents, answerWithinSeconds: answerWithinSeconds,
      horizonSeconds: simulation.hours * 3600, warmupSeconds: simulation.warmupHours * 3600)

    let (analytic, label) = try analyticMetrics(scenario)
    // The workers that run: parallelMap takes no more than one per replication.
    let threads = min(simulation.resolvedThreads, simulation.replications)
    let started = DispatchTime.now().uptimeNanoseconds
    let summary = try QueueSimulator(scenario: scenario).run(
      replications: simulation.replications, seed: simulation.seed, threads: threads)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    // The simulation's own time and throughput, on stderr like `run`'s summary line: the
    // results on stdout stay the same bytes for a seed.
    defer {
      let rate = seconds > 0 ? " (\(fixed(Double(summary.simulatedArrivals) / seconds / 1e6, 2))M callers/s on \(threads) thread\(threads == 1 ? "" : "s"))" : ""
      printError("queue: \(summary.simulatedArrivals) callers simulated in \(fixed(seconds, 3)) s\(rate)")
    }

    if json {
      let simulated: [(String, JSONValue)] = QueueMetricField.allCases.map { f in
        let e = f.estimate(summary)
        let ci: JSONValue = e.interval.map { .array([.number($0.lower), .number($0.upper)]) } ?? .null
        return (f.key, .object([("mean", .number(e.mean)), ("ci95", ci)]))
      }
      print(JSONValue.object([("analytic", QueueMetricField.json(analytic)), ("simulated", .object(simulated))]).rendered())
      return
    }
    let load = rates.reduce(0, +) / Double(rates.count) / 3600 * handle.mean
    print("Queue: \(rates.count == 1 ? fixed(rates[0], 1) : "profile of \(rates.count) intervals, mean \(fixed(rates.reduce(0, +) / Double(rates.count), 1))") arrivals/h, handle \(handle), \(agents) agents, patience \(patience?.description ?? "none (no abandonment)"), T = \(fixed(answerWithinSeconds, 0)) s")
    print("Offered load: \(fixed(load, 2)) Erlangs (\(fixed(load / Double(agents), 3)) per agent)")
    print("Simulation: \(simulation.replications) replications × \(fixed(simulation.hours, 1)) h after \(fixed(simulation.warmupHours, 1)) h warm-up, seed \(simulation.seed), generator \(Generator.default); \(summary.simulatedArrivals) callers")
    print("")
    let w0 = 30, w1 = 14, w2 = 12
    print(padded("metric", w0) + padded(label, max(w1, label.count + 2)) + padded("simulated", w2) + "95% CI")
    for f in QueueMetricField.allCases {
      let e = f.estimate(summary)
      let d = f.digits
      let ci = e.interval.map { "[\(fixed($0.lower, d)), \(fixed($0.upper, d))]" } ?? "n/a"
      print(padded(f.label, w0) + padded(fixed(f.value(analytic), d), max(w1, label.count + 2)) + padded(fixed(e.mean, d), w2) + ci)
    }
  }

  /// The analytic column and its label: exact Erlang C/A, or the approximation it becomes.
  func analyticMetrics(_ sc: QueueScenario) throws -> (QueueMetrics, String) {
    let base = sc.patience == nil ? "Erlang C" : "Erlang A"
    let exponential = sc.handleTime.isExponential && (sc.patience?.isExponential ?? true)
    func one(_ rate: Double) throws -> QueueMetrics {
      let m = try sc.erlangModel(arrivalsPerHour: rate)
      return sc.patience == nil ? try ErlangC.metrics(m, answerWithin: sc.answerWithinSeconds)
        : try ErlangA.metrics(m, answerWithin: sc.answerWithinSeconds)
    }
    if sc.hasConstantRate {
      return (try one(sc.arrivalsPerHour[0]), exponential ? base : "\(base) approx.")
    }
    // A profile: the stationary-independent-period-by-period (SIPP) approximation, each interval
    // in its own steady state, weighted by arrivals (per-contact metrics), by answered contacts
    // (ASA) or by time (occupancy, queue length).
    var sums = [Double](repeating: 0, count: 7)
    var arrivals = 0.0, answered = 0.0
    for rate in sc.arrivalsPerHour {
      let m = rate > 0 ? try one(rate) : QueueMetrics(probabilityOfWaiting: 0, meanWait: 0, averageSpeedOfAnswer: 0, probabilityOfAbandonment: 0, serviceLevel: 1, occupancy: 0, meanQueueLength: 0)
      let ans = rate * (1 - m.probabilityOfAbandonment)
      sums[0] += rate * m.probabilityOfWaiting
      sums[1] += rate * m.meanWait
      sums[2] += ans * m.averageSpeedOfAnswer
      sums[3] += rate * m.probabilityOfAbandonment
      sums[4] += rate * m.serviceLevel
      sums[5] += m.occupancy
      sums[6] += m.meanQueueLength
      arrivals += rate
      answered += ans
    }
    let k = Double(sc.arrivalsPerHour.count)
    let m = QueueMetrics(
      probabilityOfWaiting: sums[0] / arrivals, meanWait: sums[1] / arrivals,
      averageSpeedOfAnswer: answered > 0 ? sums[2] / answered : .nan,
      probabilityOfAbandonment: sums[3] / arrivals, serviceLevel: sums[4] / arrivals,
      occupancy: sums[5] / k, meanQueueLength: sums[6] / k)
    return (m, "SIPP \(base) approx.")
  }

  func duration(_ option: String, _ shape: DurationShape, mean: Double, cv: Double, cvOption: String) throws -> DurationDistribution {
    switch shape {
    case .exponential: return .exponential(mean: mean)
    case .lognormal:
      try require(cv, cvOption, "a finite number > 0", { $0 > 0 })
      return .lognormal(mean: mean, cv: cv)
    }
  }
}

/// Replications, horizon, seed and threads for a simulation.
struct SimulationOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Observed hours per replication, after the warm-up.", valueName: "hours"))
  var hours: Double = 200

  @Option(name: .customLong("warmup-hours"), help: ArgumentHelp("Hours simulated and discarded at the start of each replication.", valueName: "hours"))
  var warmupHours: Double = 2

  @Option(help: ArgumentHelp("Independent replications (≥ 2).", valueName: "n"))
  var replications: Int = 20

  @Option(help: ArgumentHelp("Seed: the same seed gives the same output, for any --threads.", valueName: "n"))
  var seed: UInt64 = 1

  @Option(name: [.customShort("j"), .long], help: ArgumentHelp("Worker threads (default: all cores). Results do not depend on it.", valueName: "n"))
  var threads: Int?

  var resolvedThreads: Int { threads ?? activeProcessorCount() }

  /// Bounds on the simulation's work and memory: callers per replication (the waiting line of an
  /// overloaded queue can hold most of them), callers in all, and steps of the interval clock.
  static let maxHours = 1_000_000.0
  static let maxCallersPerReplication = 20_000_000.0
  static let maxCallers = 1_000_000_000.0
  static let maxIntervalSteps = 1_000_000_000.0

  func check() throws {
    try require(hours, "--hours", "a number in (0, 1000000]", { $0 > 0 && $0 <= Self.maxHours })
    try require(warmupHours, "--warmup-hours", "a number in 0 ... 1000000", { $0 >= 0 && $0 <= Self.maxHours })
    guard replications >= 2 && replications <= 1_000_000 else {
      throw InputError("--replications must be a whole number in 2 ... 1000000; got \(replications)")
    }
    if let t = threads, t < 1 || t > 1024 {
      throw InputError("--threads must be a whole number in 1 ... 1024; got \(t)")
    }
  }

  /// Refuses, with the figure, a simulation whose work is beyond reach (estimated before it starts).
  func checkWork(meanArrivalsPerHour rate: Double, intervalMinutes: Double) throws {
    let hoursEach = hours + warmupHours
    let perReplication = rate * hoursEach
    let advice = "lower --hours, --warmup-hours, --replications or --arrivals-per-hour"
    if perReplication > Self.maxCallersPerReplication {
      throw InputError("the simulation would see about \(fixed(perReplication, 0)) callers per replication (arrivals per hour × (--hours + --warmup-hours)); at most 20000000: \(advice)")
    }
    let callers = perReplication * Double(replications)
    if callers > Self.maxCallers {
      throw InputError("the simulation would see about \(fixed(callers, 0)) callers in all (\(replications) replications × \(fixed(perReplication, 0))); at most 1000000000: \(advice)")
    }
    let steps = hoursEach * 60 / intervalMinutes * Double(replications)
    if steps > Self.maxIntervalSteps {
      throw InputError("the simulation would step through about \(fixed(steps, 0)) intervals (replications × hours ÷ --interval-minutes); at most 1000000000: \(advice) or raise --interval-minutes")
    }
  }
}
