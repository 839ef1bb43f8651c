import Foundation
import Testing
@testable import SweetspotRobustness

/// Writes our designs, their outputs and our indices for `scripts/salib-crosscheck.py` to compare
/// with SALib's. Runs only when SWEETSPOT_SALIB_DIR names a folder:
///
///     SWEETSPOT_SALIB_DIR=/tmp/salib swift test --filter SALibExport
///     python3 scripts/salib-crosscheck.py /tmp/salib
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SWEETSPOT_SALIB_DIR"] != nil))
struct SALibExport {
  let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SWEETSPOT_SALIB_DIR"] ?? ".")

  func write(_ name: String, points: [[Double]], outputs: [Double]) throws {
    let k = points[0].count
    var csv = ((1...k).map { "x\($0)" } + ["y"]).joined(separator: ",") + "\n"
    for (p, y) in zip(points, outputs) { csv += (p + [y]).map { "\($0)" }.joined(separator: ",") + "\n" }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try csv.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  func write(_ name: String, json: [String: [Double]]) throws {
    let body = json.keys.sorted().map { key in "  \"\(key)\": [\(json[key]!.map { "\($0)" }.joined(separator: ", "))]" }
    try ("{\n" + body.joined(separator: ",\n") + "\n}\n")
      .write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
  }

  @Test func ishigamiSobolIndices() throws {
    let f = Ishigami()
    let design = try SaltelliDesign(baseSamples: 1 << 12, dimensions: 3, seed: 11)
    let y = design.points.map { f($0) }
    let s = try design.indices(outputs: y, seed: 11)
    try write("saltelli-ishigami.csv", points: design.points, outputs: y)
    try write("sweetspot-sobol.json", json: [
      "S1": s.first.map(\.value), "S1_low": s.first.map(\.low), "S1_high": s.first.map(\.high),
      "ST": s.total.map(\.value), "ST_low": s.total.map(\.low), "ST_high": s.total.map(\.high),
      "S1_analytic": f.analytic.first, "ST_analytic": f.analytic.total,
    ])
  }

  @Test func gFunctionMorrisIndices() throws {
    let f = GFunction(a: [0, 1, 4.5, 9, 99, 99])
    let design = try MorrisDesign(trajectories: 40, dimensions: 6, seed: 21)
    let y = design.points.map { f($0) }
    let m = try design.indices(outputs: y, seed: 21)
    try write("morris-g.csv", points: design.points, outputs: y)
    try write("sweetspot-morris.json", json: [
      "mu_star": m.map(\.muStar), "mu": m.map(\.mu), "sigma": m.map(\.sigma),
      "mu_star_low": m.map { $0.muStarInterval!.low }, "mu_star_high": m.map { $0.muStarInterval!.high },
    ])
  }
}
