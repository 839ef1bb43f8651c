import ArgumentParser
import SweetspotExperiment

/// `sweetspot keys`: every experiment-file key with its type and allowed values (the source of
/// the tables in docs/EXPERIMENTS.md).
struct Keys: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List every key an experiment file, --set or a sweep may use, with what is allowed.")

  func run() throws {
    for line in ExperimentSchema.lines { print(line) }
  }
}
