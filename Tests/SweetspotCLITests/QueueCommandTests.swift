import Testing
import Foundation

/// `sweetspot queue` and `sweetspot staff` from the shell: documented JSON, exit codes, and one
/// clear line for every kind of bad input.
@Suite struct QueueCommandTests {
  let base = ["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12",
              "--hours", "20", "--replications", "8"]

  @Test func queueJSONHasTheDocumentedKeysAndAgrees() throws {
    let j = try CLI.json(base + ["--patience-minutes", "5", "--json"])
    #expect(Set(j.keys) == ["analytic", "simulated"])
    let keys: Set<String> = ["p_wait", "mean_wait_seconds", "asa_seconds", "p_abandon", "service_level", "occupancy", "mean_queue_length"]
    let analytic = j["analytic"] as! [String: Double]
    let simulated = j["simulated"] as! [String: [String: Any]]
    #expect(Set(analytic.keys) == keys && Set(simulated.keys) == keys)
    // facts §3: N = 12, A = 10, patience 5 min: P(wait) 0.3318, P(abandon) 0.0427.
    #expect(abs(analytic["p_wait"]! - 0.3318) < 5e-5)
    #expect(abs(analytic["p_abandon"]! - 0.0427) < 5e-5)
    let sl = simulated["service_level"]!
    let ci = sl["ci95"] as! [Double]
    #expect(ci[0] <= (sl["mean"] as! Double) && (sl["mean"] as! Double) <= ci[1])
  }

  @Test func theSameSeedPrintsTheSameBytesForAnyThreadCount() throws {
    let a = try CLI.run(base + ["--seed", "7", "--threads", "1"])
    let b = try CLI.run(base + ["--seed", "7", "--threads", "2"])
    let c = try CLI.run(base + ["--seed", "8", "--threads", "2"])
    #expect(a.status == 0 && a.stdout == b.stdout)
    #expect(a.stdout != c.stdout)
    // The simulation's time goes to stderr, one line, never into the results.
    let callers = a.stdout.split(separator: "\n").first { $0.hasPrefix("Simulation:") }?.split(separator: " ").dropLast().last
    #expect(a.stderr.hasPrefix("queue: \(callers ?? "?") callers simulated in "), "\(a.stderr)")
    #expect(a.stderr.contains("M callers/s on 1 thread)") && b.stderr.contains("on 2 threads)"))
    #expect(a.stderr.split(separator: "\n").count == 1)
    let j = try CLI.run(base + ["--seed", "7", "--json"])
    #expect(j.stderr.hasPrefix("queue: \(callers ?? "?") callers simulated in ") && !j.stdout.contains("simulated in"))
  }

  @Test func nonExponentialHandleTimesLabelTheAnalyticColumnAsAnApproximation() throws {
    let r = try CLI.run(base + ["--handle-distribution", "lognormal", "--handle-cv", "1.2"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("Erlang C approx."))
    #expect(r.stdout.contains("lognormal(mean 180 s, cv 1.2)"))
  }

  @Test func aDailyProfileUsesTheSIPPApproximation() throws {
    let r = try CLI.run(["queue", "--arrivals-per-hour", "100,200,150", "--handle-minutes", "3", "--agents", "14",
                         "--patience-minutes", "4", "--hours", "30", "--replications", "4"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("SIPP Erlang A approx."))
  }

  @Test func staffFindsFourteenAgentsForEightyTwenty() throws {
    let j = try CLI.json(["staff", "--arrivals-per-hour", "200", "--handle-minutes", "3",
                          "--target-service-level", "0.8", "--answer-within-seconds", "20", "--json"])
    #expect(j["agents"] as? Int == 14)
    let rule = j["square_root_rule"] as! [String: Any]
    #expect(abs((rule["agents"] as! Int) - 14) <= 1)
    let metrics = j["metrics"] as! [String: Double]
    #expect(abs(metrics["service_level"]! - 0.8884) < 5e-5)
  }

  static let badInputs: [([String], String)] = [
    (["queue", "--arrivals-per-hour", "0", "--handle-minutes", "3", "--agents", "12"], "--arrivals-per-hour"),
    (["queue", "--arrivals-per-hour", "-5", "--handle-minutes", "3", "--agents", "12"], "--arrivals-per-hour"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "nan", "--agents", "12"], "--handle-minutes"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "0"], "--agents"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "9"], "no steady state"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--patience-minutes", "-1"], "--patience-minutes"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--handle-distribution", "gamma"], "--handle-distribution"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--replications", "1"], "--replications"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--threads", "0"], "--threads"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3"], "--agents"),
    (["queue", "--arrivals-per-hour", "abc", "--handle-minutes", "3", "--agents", "12"], "--arrivals-per-hour"),
    (["staff", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--target-service-level", "1.5"], "--target-service-level"),
    (["staff", "--arrivals-per-hour", "200", "--handle-minutes", "3"], "exactly one of"),
    (["staff", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--target-abandonment", "0.05"], "--patience-minutes"),
    (["staff", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--target-service-level", "0.8", "--answer-within-seconds", "inf"], "--answer-within-seconds"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--bogus"], "--bogus"),
    (["queue", "--arrivals-per-hour", "200"], "--handle-minutes"),
    // Issue 14: values that used to run forever or trap now name their bound.
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--answer-within-seconds", "1e19"], "--answer-within-seconds must be a number in 0 ... 86400"),
    (["queue", "--arrivals-per-hour", "1e308", "--handle-minutes", "3", "--agents", "12"], "--arrivals-per-hour: '1e308' is not a rate; give a number in 0 ... 1000000"),
    (["staff", "--arrivals-per-hour", "1e308", "--handle-minutes", "3", "--target-service-level", "0.8"], "--arrivals-per-hour: '1e308' is not a rate"),
    (["staff", "--arrivals-per-hour", "1000000", "--handle-minutes", "600", "--target-service-level", "0.8"], "offered load of 10000000 Erlangs; staff searches up to 100000 agents"),
    (["staff", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--target-service-level", "0.8", "--answer-within-seconds", "1e19"], "--answer-within-seconds must be a number in 0 ... 86400"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--hours", "1e12"], "--hours must be a number in (0, 1000000]"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--warmup-hours", "1e12"], "--warmup-hours must be a number in 0 ... 1000000"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--interval-minutes", "1e-300"], "--interval-minutes must be a number in 1 ... 1440"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "1e300", "--agents", "12"], "--handle-minutes must be a number in (0, 10080]"),
    (["queue", "--arrivals-per-hour", "200", "--handle-minutes", "3", "--agents", "12", "--hours", "900000"], "about 180000400 callers per replication"),
    (["queue", "--arrivals-per-hour", "100,200", "--handle-minutes", "3", "--agents", "12", "--patience-minutes", "3", "--hours", "20000", "--replications", "1000"], "about 3000300000 callers in all"),
    (["queue", "--arrivals-per-hour", "0.001", "--handle-minutes", "3", "--agents", "12", "--hours", "1000000", "--replications", "10000"], "step through about 10000020000 intervals"),
    (["staff", "--arrivals-per-hour", "1000000", "--handle-minutes", "6", "--target-service-level", "0.8"], "offered load of 100000 Erlangs; staff searches up to 100000 agents"),
    (["staff", "--arrivals-per-hour", "1000000", "--handle-minutes", "5", "--patience-minutes", "10080", "--target-abandonment", "0.01"], "up to 168000000 callers could be waiting at once"),
    (["queue", "--arrivals-per-hour", "1000000", "--handle-minutes", "3", "--agents", "12", "--patience-minutes", "600", "--hours", "1"], "up to 10000000 callers could be waiting at once"),
  ]

  @Test(arguments: badInputs)
  func badInputExitsTwoWithOneLineNamingTheOption(arguments: [String], mentions: String) throws {
    let r = try CLI.run(arguments)
    #expect(r.status == 2, "\(arguments): status \(r.status), stderr \(r.stderr)")
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains(mentions), "\(r.stderr)")
    #expect(r.stderr.filter { $0 == "\n" }.count == 1, "one line: \(r.stderr)")
  }

  @Test func helpExplainsAndExitsZero() throws {
    let r = try CLI.run(["queue", "--help"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("--patience-minutes") && r.stdout.contains("Erlang A"))
    let top = try CLI.run(["--help"])
    #expect(top.status == 0 && top.stdout.contains("Exit codes"))
  }
}
