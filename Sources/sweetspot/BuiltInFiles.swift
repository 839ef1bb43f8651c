/// The default suite, experiments/showdown.toml, embedded in the binary at build time (a SwiftPM
/// resource, `Resources/showdown.toml` links to the file): `sweetspot run` with no file runs
/// this, so the tool works from any folder, and there is no hand-kept copy to drift.
enum DefaultSuite {
  /// What manifests and messages name it: a built-in file, not a path that may not exist where
  /// the tool runs (the manifest's file_sha256 identifies its text).
  static let file = "(built-in) showdown"
  static let text = String(decoding: PackageResources.showdown_toml, as: UTF8.self)
}

/// The industry benchmarks, benchmarks/industry/industry.toml, embedded the same way: what
/// `report` compares strategies with when no `--benchmarks` file is given.
enum DefaultBenchmarks {
  static let file = "benchmarks/industry/industry.toml"
  static let text = String(decoding: PackageResources.industry_toml, as: UTF8.self)
}
