import Testing
@testable import SweetspotReport

/// Numbers in reports read as a person would write them: the sign before the dollar sign, and
/// no p-value printed as an impossible 0.0000.
@Suite struct FormatTests {
  @Test func moneyPutsTheSignBeforeTheDollarSign() {
    #expect(Format.money(-30_000) == "-$0.03M")
    #expect(Format.money(1_250_000) == "$1.25M")
    #expect(Format.money(-1_000) == "$0.00M")  // rounds to zero: no sign
    #expect(Format.dollars(-12.345, 2) == "-$12.35" && Format.dollars(.nan, 2) == "n/a")
    #expect(Format.value(-2_500_000, .customerEquity) == "-$2.50M" && Format.value(-3.5, .clv) == "-$3.50")
  }

  @Test func pValuesBelowTheLastDigitAreBoundedNotZero() {
    #expect(Format.pValue(0) == "< 0.0001")
    #expect(Format.pValue(0.00004) == "< 0.0001")
    #expect(Format.pValue(0.0001) == "0.0001")
    #expect(Format.pValue(0.4996) == "0.4996")
  }
}
