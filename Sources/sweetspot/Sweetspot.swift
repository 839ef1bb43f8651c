import ArgumentParser
import SweetspotNumerics

/// The `sweetspot` command: experiments on customer-service strategy.
@main
struct Sweetspot: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "sweetspot",
    abstract: "Experiments on customer-service strategy: how much service is enough?",
    discussion: """
      Sweetspot simulates customers, a contact centre and competing service strategies, and \
      compares them by Monte Carlo experiment. Results are reproducible to the bit from a seed.

      Exit codes: 0 success; 1 a run-time failure; 2 bad input or usage.
      """,
    version: version,
    subcommands: [Info.self]
  )
}

/// `sweetspot info`: what this build is made of.
struct Info: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the tool version, the GSL version and the random-number set-up.")

  func run() throws {
    print("sweetspot \(Sweetspot.version)")
    print("GSL \(GSLRuntime.version)")
    print("default generator: \(Generator.default) (streams by jump-ahead; see docs/design.md)")
    print("generators: \(Generator.allCases.map(\.rawValue).joined(separator: ", "))")
  }
}
