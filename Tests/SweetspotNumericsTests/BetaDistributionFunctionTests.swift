import Testing
@testable import SweetspotNumerics

/// GSL's beta distribution function and its inverse, behind parameter checks.
@Suite struct BetaDistributionFunctionTests {
  @Test func betaDistributionFunctionAndItsInverseAgree() throws {
    // Beta(2, 2): F(x) = 3x² − 2x³.
    for x in [0.1, 0.3, 0.5, 0.8] {
      #expect(abs(try SpecialFunctions.betaCDF(x, a: 2, b: 2) - (3 * x * x - 2 * x * x * x)) < 1e-14)
    }
    for p in [0.001, 0.2, 0.5, 0.77, 0.999] {
      let x = try SpecialFunctions.betaQuantile(p, a: 2.5, b: 0.7)
      #expect(abs(try SpecialFunctions.betaCDF(x, a: 2.5, b: 0.7) - p) < 1e-10)
    }
    #expect(throws: NumericsError.self) { try SpecialFunctions.betaQuantile(1.5, a: 2, b: 2) }
    #expect(throws: NumericsError.self) { try SpecialFunctions.betaCDF(0.5, a: 0, b: 2) }
  }
}
