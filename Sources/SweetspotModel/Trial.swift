#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotNumerics

/// One trial: one company, one strategy, one market, over the horizon, week by week.
///
/// A trial is a pure function of (configuration, strategy, market, seed, trial index): no I/O, no
/// global state. Each source of randomness has its own stream keyed by (seed, trial, purpose):
/// each starting customer and the k-th recruit come from a stream of their own (item = i or k),
/// the weekly streams (employees, acquisition) are keyed by week (`part` = week), and each
/// customer's weekly uniforms are Philox blocks addressed by (trial, week, pass, slot)
/// (`CustomerDraws`).
/// So customer i in week t sees the same uniforms under every strategy: common random numbers
/// hold customer by customer (docs/MODEL.md §5 lists what is synchronized).
///
/// The week reads as the model's story; each step is one mechanism function, documented with
/// its equation and the parameters it reads (`World`, docs/MODEL.md §2):
///  1. operating conditions: training, skill, courtesy, FCR, handle time (`Workforce`), root-cause
///     progress and problem rates (`Problems`), complaint access, channel choice;
///  2. per customer: problems, complaints, channel choice, self-service (`CustomerWeek.contacts`);
///  3. the contact centre: staffing and queue metrics per interval (`QueuedChannel`), email backlog;
///  4. per customer: service outcomes, experience → satisfaction → attitude, word of mouth, churn
///     hazard and the one-time repurchase decision, revenue (`CustomerWeek.outcomes`);
///  5. the workforce: burnout, attrition, hiring (`Workforce.week`);
///  6. the ledger (`Accumulators.bookWeek`);
///  7. acquisition and word of mouth (`Acquisition`);
///  8. each quarter: the NPS survey (`Surveys`), the root-cause feedback loop, the controller.
///
/// `recorded` runs the same loop and also keeps each week's end state (`WeekSnapshot`) for
/// trajectories.csv; `run` keeps none.
public enum Trial {
  /// Customers per chunk: 65,536 or 1/64 of the starting population, whichever is larger (a
  /// multiple of 1,024). A trial of more than one chunk is worth spreading over threads
  /// (`Runner.parallelWithinTrials`), and a trial may grow to `maxChunks` of them. No draw depends
  /// on it: every customer has a stream of their own (`Population.appendCustomers`).
  public static func chunkSize(customers: Int) -> Int { max(65_536, ((customers + 63) / 64 + 1023) / 1024 * 1024) }
  /// Slots per unit of the weekly passes' parallel work (and of the survey's and the closing
  /// partial sums). Small enough that the last unit of a pass keeps one thread busy for a
  /// fraction of a millisecond while the other waits (16,384 until issue 16's second round).
  public static let passUnit = 4_096

  /// Chunks a trial may grow to.
  public static let maxChunks = 256

  /// One trial. `threads` > 1 spreads each week's customer passes over chunks of customers in
  /// parallel (worthwhile from a few hundred thousand customers); results do not depend on it.
  public static func run(_ config: TrialConfiguration, strategy: Strategy, market: Market,
                         seed: UInt64, trial: Int, threads: Int = 1) throws -> TrialOutcome {
    try simulate(config, strategy: strategy, market: market, seed: seed, trial: trial, threads: threads, recording: false).outcome
  }

  /// One trial with its trajectory: the same simulation as `run` (the same code path, so the
  /// outcome is the same to the bit) and the state at the end of each week (`WeekSnapshot`).
  public static func recorded(_ config: TrialConfiguration, strategy: Strategy, market: Market,
                              seed: UInt64, trial: Int, threads: Int = 1) throws -> (outcome: TrialOutcome, weeks: [WeekSnapshot]) {
    try simulate(config, strategy: strategy, market: market, seed: seed, trial: trial, threads: threads, recording: true)
  }

  /// The trial loop: one `Firm` whose newcomers come from its own marketing and word of mouth
  /// (a Poisson draw from the acquisition stream each week; the k-th recruit's attributes from
  /// their own stream, `Firm.admit`).
  /// `recording` adds one snapshot per week and touches nothing else: the customer passes never
  /// see it, and with it off no snapshot is built.
  static func simulate(_ config: TrialConfiguration, strategy: Strategy, market: Market, seed: UInt64, trial: Int, threads: Int,
                       recording: Bool) throws -> (outcome: TrialOutcome, weeks: [WeekSnapshot]) {
    try config.validate()
    try strategy.levers.validate()
    try market.validate()
    let firm = try Firm(config, strategy: strategy, market: market, seed: seed, trial: trial, customers: config.customers, threads: threads)
    var acquisition = try RandomStream(key: StreamKey(seed: seed, trial: trial, purpose: .acquisition))
    var snapshots: [WeekSnapshot] = []
    if recording { snapshots.reserveCapacity(config.weeks) }
    for week in 0..<config.weeks {
      try acquisition.reset(to: StreamKey(seed: seed, trial: trial, purpose: .acquisition, part: week))
      let service = try firm.serviceWeek(week, threads: threads)
      // MARK: 7. Acquisition: marketing inflow plus referrals, minus deterrence
      let recruits = acquisition.poisson(mean: firm.expectedRecruits())
      try firm.admit(recruits)
      if let snapshot = firm.closeWeek(week, recruits: recruits, service: service, recording: recording) { snapshots.append(snapshot) }
    }
    return (try firm.outcome(), snapshots)
  }
}

@inline(__always) func clamp01(_ x: Double) -> Double { min(1, max(0, x)) }
