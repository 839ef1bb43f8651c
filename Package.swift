// swift-tools-version:6.0
//
// Sweetspot: a command-line harness for research on customer-service strategy.
//
// Module boundaries (see docs/design.md, "Layers"):
//   CGSL                system library: GNU Scientific Library headers + static inline shims
//   _SweetspotMRG       C: L'Ecuyer's MRG32k3a as a gsl_rng_type (implementation detail)
//   SweetspotNumerics   the only Swift importer of CGSL: random streams, distributions, statistics
//   SweetspotQueueing   pure core: Erlang B/C/A, staffing, discrete-event contact-centre queue
//   SweetspotModel      pure core: customers, problems, contacts, satisfaction, churn, employees, money
//   SweetspotExperiment experiment files (TOML), the parallel runner, result files, shards
//   SweetspotReport     reports: comparisons, benchmark verdicts, sweeps; Markdown, CSV, JSON, LaTeX, SVG
//   SweetspotRobustness pure core: designs over uncertain parameters, Sobol' and Morris sensitivity,
//                       PRIM scenario discovery, regret and other robustness metrics
//   sweetspot           the command-line tool (argument parsing, printing, files)
//   GitCommit           build plugin: embeds the git commit of this checkout in the tool
import PackageDescription

let package = Package(
  name: "Sweetspot",
  products: [
    // MARK: - Public API
    .library(name: "Sweetspot", targets: ["SweetspotNumerics", "SweetspotQueueing", "SweetspotModel"]),
    // The runner and reporter, for code that drives experiments (the benchmarks do).
    .library(name: "SweetspotRunner", targets: ["SweetspotExperiment", "SweetspotReport", "SweetspotRobustness"]),
    .executable(name: "sweetspot", targets: ["sweetspot"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    // Test only: a conforming TOML 1.0 parser (toml++) to test ours against, differentially.
    // No product or library target depends on it, so `swift build --product sweetspot` never builds it.
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
  ],
  targets: [
    // MARK: - Implementation details
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]
    ),
    .target(name: "_SweetspotMRG", dependencies: ["CGSL"], exclude: ["README.md"]),

    // MARK: - Core
    .target(name: "SweetspotNumerics", dependencies: ["CGSL", "_SweetspotMRG"]),
    .target(name: "SweetspotModel", dependencies: ["SweetspotNumerics", "SweetspotQueueing"]),
    .target(name: "SweetspotRobustness", dependencies: ["SweetspotNumerics"]),

    // MARK: - Runner (files, results, parallel trials)
    .target(name: "SweetspotExperiment", dependencies: ["SweetspotNumerics", "SweetspotModel", "SweetspotRobustness"]),
    .target(name: "SweetspotReport", dependencies: ["SweetspotExperiment", "SweetspotModel", "SweetspotNumerics", "SweetspotRobustness"]),
    .target(
      name: "SweetspotQueueing",
      dependencies: [
        "SweetspotNumerics",
      ]
    ),

    // MARK: - Executables
    .executableTarget(
      name: "sweetspot",
      dependencies: [
        "SweetspotNumerics", "SweetspotQueueing", "SweetspotModel", "SweetspotExperiment", "SweetspotReport", "SweetspotRobustness",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // Links to experiments/showdown.toml and benchmarks/industry/industry.toml, compiled into
      // the binary (the default suite and benchmarks; no hand-kept copies).
      resources: [.embedInCode("Resources/showdown.toml"), .embedInCode("Resources/industry.toml")],
      // The git commit the binary is built from (`buildGitCommit`), recorded in manifests.
      plugins: ["GitCommit"]
    ),

    // MARK: - Build plugins
    .plugin(name: "GitCommit", capability: .buildTool()),

    // MARK: - Tests
    .testTarget(name: "SweetspotNumericsTests", dependencies: ["SweetspotNumerics"]),
    .testTarget(name: "SweetspotQueueingTests", dependencies: ["SweetspotQueueing", "SweetspotNumerics"]),
    .testTarget(name: "SweetspotModelTests", dependencies: ["SweetspotModel", "SweetspotNumerics", "SweetspotQueueing"]),
    .testTarget(name: "SweetspotExperimentTests", dependencies: ["SweetspotExperiment", "SweetspotModel", "SweetspotNumerics", "SweetspotRobustness", "SweetspotReport",
                                                                 .product(name: "TOMLKit", package: "TOMLKit")]),
    // Golden/ holds the golden report and its experiment, read by path (#filePath), not bundled.
    .testTarget(name: "SweetspotReportTests", dependencies: ["SweetspotReport", "SweetspotExperiment", "SweetspotModel", "SweetspotNumerics", "SweetspotRobustness"],
                exclude: ["Golden"]),
    .testTarget(name: "SweetspotCLITests", dependencies: ["sweetspot"]),
    .testTarget(name: "SweetspotRobustnessTests", dependencies: ["SweetspotRobustness", "SweetspotNumerics"]),
  ]
)
