import Testing
@testable import SweetspotNumerics

/// Every wrapped GSL distribution draws with the mean and variance theory says, and refuses
/// parameters outside its domain with an error instead of GSL's abort.
@Suite struct DistributionTests {
  static let cases: [(String, any Distribution)] = {
    func make() throws -> [(String, any Distribution)] {
      [
        ("uniform", try Uniform(lower: -2, upper: 5)),
        ("bernoulli", try Bernoulli(probability: 0.3)),
        ("binomial", try Binomial(trials: 40, probability: 0.15)),
        ("poisson small", try Poisson(mean: 0.2)),
        ("poisson large", try Poisson(mean: 20)),
        ("gaussian", try Gaussian(mean: 3, standardDeviation: 2)),
        ("lognormal", try Lognormal(mean: 6, cv: 0.8)),
        ("gamma", try Gamma(shape: 2.5, scale: 1.4)),
        ("beta", try Beta(a: 2, b: 5)),
        ("exponential", try Exponential(mean: 600)),
        ("exponential by rate", try Exponential(rate: 4)),
        ("negative binomial", try NegativeBinomial(probability: 0.4, successes: 3.5)),
      ]
    }
    return try! make()
  }()

  @Test(arguments: 0..<cases.count)
  func sampleMomentsMatchTheory(index: Int) throws {
    let (name, d) = Self.cases[index]
    let xs = try draw(d)
    let (ok, detail) = SampleMoments(xs).agrees(mean: d.mean, variance: d.variance)
    #expect(ok, "\(name) \(d): \(detail)")
  }

  private func draw(_ d: some Distribution) throws -> [Double] { try draws(d) }

  @Test func lognormalByMeanAndCVHasThatMeanAndCV() throws {
    let d = try Lognormal(mean: 6, cv: 1.2)
    #expect(abs(d.mean - 6) < 1e-12)
    #expect(abs(d.variance.squareRoot() / d.mean - 1.2) < 1e-12)
  }

  @Test func discreteTableFrequenciesMatchWeights() throws {
    let t = try DiscreteTable(weights: [1, 3, 0, 6])
    let s = try RandomStream(key: StreamKey(seed: 11))
    let n = 100_000
    var counts = [0, 0, 0, 0]
    for _ in 0..<n { counts[t.draw(using: s)] += 1 }
    for (i, p) in t.probabilities.enumerated() {
      let se = (p * (1 - p) / Double(n)).squareRoot()
      #expect(abs(Double(counts[i]) / Double(n) - p) <= 4.5 * se + 1e-12, "category \(i)")
    }
    #expect(counts[2] == 0)
  }

  @Test func multinomialCountsHaveMeansNP() throws {
    let m = try Multinomial(probabilities: [0.5, 0.3, 0.2], trials: 50)
    let s = try RandomStream(key: StreamKey(seed: 12))
    let reps = 20_000
    var sums = [0.0, 0.0, 0.0]
    var counts: [UInt32] = []
    for _ in 0..<reps {
      m.sample(using: s, into: &counts)
      #expect(counts.reduce(0, +) == 50)
      for i in 0..<3 { sums[i] += Double(counts[i]) }
    }
    for (i, p) in m.probabilities.enumerated() {
      let se = (50 * p * (1 - p) / Double(reps)).squareRoot()
      #expect(abs(sums[i] / Double(reps) - 50 * p) <= 4.5 * se)
    }
  }

  @Test func dirichletVectorsSumToOneWithMeansAlphaOverTotal() throws {
    let d = try Dirichlet(alpha: [2, 3, 5])
    let s = try RandomStream(key: StreamKey(seed: 13))
    let reps = 20_000
    var sums = [0.0, 0.0, 0.0]
    var theta: [Double] = []
    for _ in 0..<reps {
      d.sample(using: s, into: &theta)
      #expect(abs(theta.reduce(0, +) - 1) < 1e-12)
      for i in 0..<3 { sums[i] += theta[i] }
    }
    let a0 = 10.0
    for (i, m) in d.means.enumerated() {
      let v = d.alpha[i] * (a0 - d.alpha[i]) / (a0 * a0 * (a0 + 1))
      #expect(abs(sums[i] / Double(reps) - m) <= 4.5 * (v / Double(reps)).squareRoot())
    }
  }

  @Test func distributionsPrintTheirParameters() throws {
    #expect(try Exponential(mean: 600).description == "Exponential(mean: 600.0)")
    #expect(try Gamma(shape: 2, scale: 3).description == "Gamma(shape: 2.0, scale: 3.0)")
  }

  @Test func invalidParametersAreSwiftErrorsNotAborts() {
    #expect(throws: NumericsError.self) { try Gamma(shape: -1, scale: 1) }
    #expect(throws: NumericsError.self) { try Gamma(shape: 1, scale: .nan) }
    #expect(throws: NumericsError.self) { try Exponential(mean: 0) }
    #expect(throws: NumericsError.self) { try Exponential(rate: -.infinity) }
    #expect(throws: NumericsError.self) { try Uniform(lower: 1, upper: 1) }
    #expect(throws: NumericsError.self) { try Bernoulli(probability: 1.5) }
    #expect(throws: NumericsError.self) { try Binomial(trials: -3, probability: 0.5) }
    #expect(throws: NumericsError.self) { try Poisson(mean: -0.1) }
    #expect(throws: NumericsError.self) { try Gaussian(mean: 0, standardDeviation: -1) }
    #expect(throws: NumericsError.self) { try Lognormal(mean: 5, cv: 0) }
    #expect(throws: NumericsError.self) { try Beta(a: 0, b: 1) }
    #expect(throws: NumericsError.self) { try NegativeBinomial(probability: 0, successes: 2) }
    #expect(throws: NumericsError.self) { try Multinomial(probabilities: [0, 0], trials: 3) }
    #expect(throws: NumericsError.self) { try Dirichlet(alpha: [1, -1]) }
    #expect(throws: NumericsError.self) { try DiscreteTable(weights: []) }
    #expect(throws: NumericsError.self) { try DiscreteTable(weights: [1, .infinity]) }
  }

  @Test func errorMessagesNameTheParameterAndWhatIsAllowed() {
    do {
      _ = try Gamma(shape: -1, scale: 1)
      Issue.record("expected an error")
    } catch {
      #expect(error.description == "Gamma: shape must be finite and > 0; got -1.0")
    }
  }
}
