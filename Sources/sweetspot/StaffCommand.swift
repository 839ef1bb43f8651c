import SweetspotExperiment
import ArgumentParser
import SweetspotQueueing

/// `sweetspot staff`: the fewest agents that meet a target, beside the square-root rule.
struct Staff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The minimum number of agents that meets a service target, beside the square-root rule.",
    discussion: """
      Give exactly one target: --target-service-level (with --answer-within-seconds), \
      --target-asa-seconds, or --target-abandonment (which needs --patience-minutes). The exact \
      answer searches Erlang C (or Erlang A with patience); the square-root rule \
      N = R + β√R takes β from the Halfin–Whitt (or Garnett et al.) QED approximation.

      Example:
        sweetspot staff --arrivals-per-hour 200 --handle-minutes 3 \\
          --target-service-level 0.8 --answer-within-seconds 20
      """)

  @OptionGroup(title: "Queue") var queue: QueueOptions

  @Option(name: .customLong("target-service-level"), help: ArgumentHelp("Share of contacts to answer within --answer-within-seconds, in (0, 1).", valueName: "share"))
  var targetServiceLevel: Double?

  @Option(name: .customLong("answer-within-seconds"), help: ArgumentHelp("Service-level threshold T, seconds.", valueName: "seconds"))
  var answerWithinSeconds: Double = 20

  @Option(name: .customLong("target-asa-seconds"), help: ArgumentHelp("Largest acceptable average speed of answer, seconds.", valueName: "seconds"))
  var targetASASeconds: Double?

  @Option(name: .customLong("target-abandonment"), help: ArgumentHelp("Largest acceptable share of abandoned contacts, in (0, 1).", valueName: "share"))
  var targetAbandonment: Double?

  @Flag(help: "Print one JSON object instead of text.")
  var json = false

  func run() throws {
    try queue.validateTimes()
    let rates = try queue.rates()
    guard rates.count == 1 else {
      throw InputError("--arrivals-per-hour: staff takes one rate; got \(rates.count) (staff each interval separately)")
    }
    try queue.checkPatientCallers(rates)
    let target = try resolvedTarget()
    // The search covers up to 100000 agents; a load beyond it has no answer to find (and an
    // astronomical one would overflow the search's bounds).
    let load = (rates[0] / 3600) * (queue.handleMinutes * 60)
    guard load <= 99_999 else {
      throw InputError("--arrivals-per-hour × --handle-minutes is an offered load of \(fixed(load, 0)) Erlangs; staff searches up to 100000 agents, so the load must be at most 99999 Erlangs")
    }
    let plan = try Staffing.plan(
      arrivalRate: rates[0] / 3600, meanHandleTime: queue.handleMinutes * 60,
      meanPatience: queue.patienceMinutes.map { $0 * 60 }, target: target)
    let model = queue.patienceMinutes == nil ? "Erlang C" : "Erlang A"
    if json {
      print(JSONValue.object([
        ("agents", .integer(plan.agents)),
        ("offered_load", .number(plan.offeredLoad)),
        ("model", .string(model)),
        ("target", .string(target.description)),
        ("metrics", QueueMetricField.json(plan.metrics)),
        ("square_root_rule", .object([("agents", .integer(plan.squareRootAgents)), ("beta", .number(plan.beta))])),
      ]).rendered())
      return
    }
    print("Offered load: \(fixed(plan.offeredLoad, 2)) Erlangs; target: \(target) (\(model))")
    print("Minimum agents (exact): \(plan.agents)")
    for f in QueueMetricField.allCases {
      let d = f.digits
      print("  " + padded(f.label, 30) + fixed(f.value(plan.metrics), d))
    }
    let diff = plan.squareRootAgents - plan.agents
    let verdict = diff == 0 ? "agrees" : "\(diff > 0 ? "+" : "")\(diff) agent\(abs(diff) == 1 ? "" : "s") vs exact"
    print("Square-root rule: N = R + β√R with β = \(fixed(plan.beta, 3)) → \(plan.squareRootAgents) agents (QED approximation; \(verdict))")
  }

  func resolvedTarget() throws -> StaffingTarget {
    let given = [targetServiceLevel != nil, targetASASeconds != nil, targetAbandonment != nil].filter { $0 }.count
    guard given == 1 else {
      throw InputError("give exactly one of --target-service-level, --target-asa-seconds, --target-abandonment; got \(given)")
    }
    if let l = targetServiceLevel {
      try require(l, "--target-service-level", "a share in (0, 1), e.g. 0.8", { $0 > 0 && $0 < 1 })
      try require(answerWithinSeconds, "--answer-within-seconds", "a number in 0 ... 86400 (a day)", { $0 >= 0 && $0 <= maxAnswerWithinSeconds })
      return .serviceLevel(l, withinSeconds: answerWithinSeconds)
    }
    if let s = targetASASeconds {
      try require(s, "--target-asa-seconds", "a number in (0, 86400] (up to a day)", { $0 > 0 && $0 <= maxAnswerWithinSeconds })
      return .averageSpeedOfAnswer(seconds: s)
    }
    let p = targetAbandonment!
    try require(p, "--target-abandonment", "a share in (0, 1), e.g. 0.05", { $0 > 0 && $0 < 1 })
    guard queue.patienceMinutes != nil else {
      throw InputError("--target-abandonment needs --patience-minutes (without patience nobody abandons)")
    }
    return .abandonment(probability: p)
  }
}
