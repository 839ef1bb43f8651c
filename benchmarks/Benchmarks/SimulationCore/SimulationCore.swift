import Benchmark
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotExperiment
import SweetspotModel
import SweetspotNumerics
import SweetspotQueueing

/// The reference trial: 10,000 customers × 104 weeks, good-enough in the competitive market.
let reference = TrialConfiguration()
let referenceCustomerWeeks = Double(reference.customers * reference.weeks)

/// The recruits of the reference trial (for the GSL floor's draw count).
let referenceRecruits: Int = {
  let o = try! Trial.run(reference, strategy: .goodEnough, market: .competitive, seed: 1, trial: 0)
  return Int((o[.acquired] / reference.customerScale).rounded())
}()

func queueScenario(agents: Int, callsPerHour: Double, callers: Double) -> QueueScenario {
  try! QueueScenario(arrivalsPerHour: [callsPerHour], handleTime: .exponential(mean: 360), patience: .exponential(mean: 180),
                     agents: agents, answerWithinSeconds: 20, horizonSeconds: callers / callsPerHour * 3600, warmupSeconds: 0)
}

/// A small experiment for the runner benchmarks: every preset, 3,000 customers × 52 weeks.
func experiment(trials: Int, customers: Int = 3000, weeks: Int = 52, strategies: String = "\"just-good-enough\", \"good-enough\", \"strategic\", \"good-to-great\", \"win4\", \"price-leader\", \"minimal\"") -> Experiment {
  try! ExperimentLoader.load(text: """
    name = "bench"
    seed = 1
    trials = \(trials)
    weeks = \(weeks)
    strategies = [\(strategies)]
    [population]
    size = \(customers)
    """, file: "bench")
}

func runAll(_ e: Experiment, threads: Int) -> Int {
  let runner = try! Runner(experiment: e)
  var table = ResultTable(runner: runner)
  try! runner.run(threads: threads) { _, results in for r in results { table.add(r) } }
  return table.rows.count
}

let cores = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
let customerWeeksPerSecond = BenchmarkMetric.custom("customer-weeks/s", polarity: .prefersLarger, useScalingFactor: false)
let callersPerSecond = BenchmarkMetric.custom("callers/s", polarity: .prefersLarger, useScalingFactor: false)

/// The regression gate's tolerances (`make bench-check`, against the p90 values committed in
/// benchmarks/Thresholds/): throughput and time may be 40% worse than stored before a check fails
/// (this shared 2-core machine swings 2–3× under load, so a tighter wall-clock gate would cry
/// wolf; callgrind's instruction counts are the precise check, benchmarks/README.md), and the
/// allocation count, which does not depend on load, by at most 5%.
var gate: [BenchmarkMetric: BenchmarkThresholds] { [
  .wallClock: .init(relative: [.p90: 40]),
  .mallocCountTotal: .init(relative: [.p90: 5]),
  customerWeeksPerSecond: .init(relative: [.p90: 40]),
  callersPerSecond: .init(relative: [.p90: 40]),
] }

// The core benchmarks (the regression gate's) are named without spaces or slashes: package-benchmark
// 1.38.1 writes a threshold file under the name with both replaced by "_" but reads it back under
// the name as it is, so a name with either never finds its thresholds.
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput],
    warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)

  drawCostBenchmarks()

  // (a) One trial of the reference model.
  Benchmark("Trial-10k-customers-x-104-weeks", configuration: .init(metrics: [.wallClock, .mallocCountTotal, customerWeeksPerSecond], thresholds: gate)) { benchmark in
    for i in benchmark.scaledIterations {
      let start = DispatchTime.now().uptimeNanoseconds
      let o = try Trial.run(reference, strategy: .goodEnough, market: .competitive, seed: 1, trial: i)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      precondition(o[.customersEnd] > 0)
      blackHole(o)
      benchmark.measurement(customerWeeksPerSecond, Int(referenceCustomerWeeks / seconds))
    }
  }

  // (c) The floor: the same kinds and numbers of draws as (a), no model.
  Benchmark("Draw-floor-of-the-reference-trial", configuration: .init(metrics: [.wallClock, .mallocCountTotal, customerWeeksPerSecond], thresholds: gate)) { benchmark in
    let recruits = referenceRecruits
    for i in benchmark.scaledIterations {
      let start = DispatchTime.now().uptimeNanoseconds
      blackHole(try DrawFloor.run(customers: reference.customers, weeks: reference.weeks, recruits: recruits, trial: i))
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      benchmark.measurement(customerWeeksPerSecond, Int(referenceCustomerWeeks / seconds))
    }
  }

  // (b) The queue simulator, M/M/c+M: 6-minute handling, 3-minute patience.
  for (agents, rate) in [(12, 100.0), (100, 950.0)] {
    Benchmark("Queue-M-M-\(agents)+M-200k-callers", configuration: .init(metrics: [.wallClock, .mallocCountTotal, callersPerSecond], thresholds: gate)) { benchmark in
      let sim = QueueSimulator(scenario: queueScenario(agents: agents, callsPerHour: rate, callers: 200_000))
      for i in benchmark.scaledIterations {
        let start = DispatchTime.now().uptimeNanoseconds
        let t = try sim.replicate(seed: 1, replication: i)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        precondition(t.simulatedArrivals > 100_000)
        benchmark.measurement(callersPerSecond, Int(Double(t.simulatedArrivals) / seconds))
      }
    }
  }

  // (d) The whole runner on 1 thread and on all cores (7 strategies × 8 trials).
  for threads in Set([1, cores]).sorted() {
    Benchmark("Runner-56-trials-on-\(threads)-thread\(threads == 1 ? "" : "s")", configuration: .init(metrics: [.wallClock, customerWeeksPerSecond], maxIterations: 5, thresholds: gate)) { benchmark in
      let e = experiment(trials: 8)
      for _ in benchmark.scaledIterations {
        let start = DispatchTime.now().uptimeNanoseconds
        let rows = runAll(e, threads: threads)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        precondition(rows == 56)
        benchmark.measurement(customerWeeksPerSecond, Int(Double(56 * 3000 * 52) / seconds))
      }
    }
  }

  // (e) Memory: peak resident for 100 and 10,000 trials of a tiny experiment.
  for trials in [100, 10_000] {
    Benchmark("Runner memory \(trials) trials", configuration: .init(metrics: [.peakMemoryResident, .wallClock], warmupIterations: 0, maxIterations: 1)) { benchmark in
      let e = experiment(trials: trials, customers: 100, weeks: 4, strategies: "\"good-enough\"")
      for _ in benchmark.scaledIterations { precondition(runAll(e, threads: cores) == trials) }
    }
  }
}
