import Benchmark
import SweetspotModel
import SweetspotNumerics

/// Cost per draw through Sweetspot's GSL layer: one million draws per iteration, so the wall
/// clock in milliseconds reads as nanoseconds per draw.
func drawCostBenchmarks() {
  let million = 1_000_000
  let config = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal], warmupIterations: 1, maxDuration: .seconds(5), maxIterations: 15)
  for g in Generator.allCases where g != .gfsr4 {
    Benchmark("Draw x1M uniform \(g)", configuration: config) { benchmark in
      let s = try RandomStream(generator: g, key: StreamKey(seed: 1))
      for _ in benchmark.scaledIterations {
        var sum = 0.0
        for _ in 0..<million { sum += s.uniform() }
        blackHole(sum)
      }
    }
  }
  Benchmark("Draw x1000 re-keys of an mrg32k3a stream", configuration: config) { benchmark in
    var s = try RandomStream(key: StreamKey(seed: 1))
    for _ in benchmark.scaledIterations {
      for t in 0..<(million / 1000) { try s.reset(to: StreamKey(seed: 1, trial: t, purpose: .arrivals)) }  // 1,000 re-keys: ms → µs each
      blackHole(s.uniform())
    }
  }
  let samplers: [(String, (borrowing RandomStream) -> Double)] = [
    ("exponential", { $0.exponential(mean: 2) }),
    ("gaussian ziggurat", { $0.gaussian(mean: 0, standardDeviation: 1) }),
    ("gamma(2.5)", { $0.gamma(shape: 2.5, scale: 1) }),
    ("beta(2,5)", { $0.beta(2, 5) }),
    ("lognormal", { $0.lognormal(mu: 0, sigma: 1) }),
    ("poisson(0.2)", { Double($0.poisson(mean: 0.2)) }),
    ("poisson(20)", { Double($0.poisson(mean: 20)) }),
  ]
  for (name, draw) in samplers {
    Benchmark("Draw x1M \(name) mrg32k3a", configuration: config) { benchmark in
      let s = try RandomStream(key: StreamKey(seed: 1))
      for _ in benchmark.scaledIterations {
        var sum = 0.0
        for _ in 0..<million { sum += draw(s) }
        blackHole(sum)
      }
    }
  }
  Benchmark("Draw x1M discrete(4) mrg32k3a", configuration: config) { benchmark in
    let s = try RandomStream(key: StreamKey(seed: 1))
    let table = try DiscreteTable(weights: [1, 2, 3, 4])
    for _ in benchmark.scaledIterations {
      var sum = 0
      for _ in 0..<million { sum += table.draw(using: s) }
      blackHole(sum)
    }
  }
}
