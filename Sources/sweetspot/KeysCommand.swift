import ArgumentParser
import SweetspotExperiment

/// `sweetspot keys`: every key an experiment file, `--set` or a sweep accepts, with its type,
/// allowed values, default, plausible range and source. Derived from the model's parameter
/// tables; `make docs` writes its tables into docs/EXPERIMENTS.md and docs/MODEL.md.
struct Keys: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "List every key an experiment file, --set or a sweep may use: type, allowed values, default, plausible range, source.",
    discussion: """
      Every model parameter is listed with the range a careful researcher would still defend \
      ("plausible") and its source, or "assumption" where none exists. Markdown tables by default.

      Examples:
        sweetspot keys
        sweetspot keys --json | jq '.[] | select(.assumption) | .key'
      """)

  @Flag(help: "Print every key as a JSON array (key, type, unit, allowed, default, plausible, source, assumption, meaning).")
  var json = false

  @Flag(name: .customLong("model-tables"), help: "Print the parameter tables of docs/MODEL.md (unit, default, plausible range, source, meaning).")
  var modelTables = false

  func validate() throws {
    if json && modelTables { throw ValidationError("give --json or --model-tables, not both") }
  }

  func run() throws {
    if json { print(ExperimentSchema.json.rendered()); return }
    for line in modelTables ? ExperimentSchema.modelLines : ExperimentSchema.lines { print(line) }
  }
}
