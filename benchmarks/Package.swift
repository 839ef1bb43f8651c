// swift-tools-version:6.1
//
// Performance benchmarks of Sweetspot's simulation core, with ordo-one's package-benchmark.
// A package of its own (depending on the main one by path) so that building the CLI never
// builds benchmark dependencies. Run: `cd benchmarks && swift package --disable-sandbox benchmark`.
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which depends on where the repository was
// cloned; read it rather than assume it.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
  name: "SweetspotBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "SimulationCore",
      dependencies: [
        .product(name: "Sweetspot", package: mainPackage),
        .product(name: "SweetspotRunner", package: mainPackage),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/SimulationCore",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
  ]
)
