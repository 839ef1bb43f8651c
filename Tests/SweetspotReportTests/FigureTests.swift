import Testing
import Foundation
import SweetspotExperiment
@testable import SweetspotReport

/// Figures cover every scenario, come out the same bytes every time, keep every label inside
/// its room, print in greyscale, and their PDFs are well-formed files a real renderer opens.
@Suite struct FigureTests {
  /// Runs a small experiment and reports it.
  static func report(_ source: String) throws -> Report {
    let experiment = try ExperimentLoader.load(text: source, file: "figures.toml")
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-figures-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try ExperimentRunner.run(experiment, options: RunOptions(threads: 2, directory: dir, toolVersion: "0.1.0", fileHash: SHA256.hex(source)))
    return try Report.build(directory: dir, benchmarks: try ReportTests.benchmarks())
  }

  static let markets = """
    name = "markets"
    seed = 9
    trials = 3
    weeks = 13
    markets = ["competitive", "monopoly", "premium"]
    strategies = ["good-enough", "a-strategy-with-a-rather-long-name-indeed", "minimal"]
    [population]
    size = 300
    [strategy.a-strategy-with-a-rather-long-name-indeed]
    base = "good-to-great"
    """

  static let sweep = """
    name = "lever"
    seed = 9
    trials = 3
    weeks = 13
    strategies = ["good-enough", "minimal", "win4"]
    [population]
    size = 300
    [[sweep]]
    key = "strategy.good-enough.service_level_target"
    values = [0.6, 0.8, 0.8001]
    """

  static let grid = """
    name = "grid"
    seed = 9
    trials = 3
    weeks = 13
    strategies = ["good-enough"]
    [population]
    size = 300
    [[sweep]]
    key = "strategy.good-enough.service_level_target"
    values = [0.6, 0.8]
    [[sweep]]
    key = "strategy.good-enough.training_hours"
    values = [0.5, 1, 2]
    """

  @Test func everyScenarioHasItsFigureAndTheObjectiveIsDrawn() throws {
    let r = try Self.report(Self.markets)
    let names = r.figures.map(\.name)
    for m in ["competitive", "monopoly", "premium"] {
      #expect(names.contains("kpis-\(m)") && names.contains("win4-\(m)"), "\(m): \(names)")
    }
    let equity = try #require(r.figures.first { $0.name == "equity" })
    for m in ["competitive", "monopoly", "premium"] { #expect(equity.svg.contains(">\(m)</text>"), "no panel for \(m)") }
    #expect(equity.svg.contains("customer equity ($ million)"))
  }

  @Test func sweepFiguresNameTheParameterMarkEveryValueAndDrawTheComparators() throws {
    let r = try Self.report(Self.sweep)
    let sweep = try #require(r.figures.first { $0.name == "sweep" })
    #expect(sweep.svg.contains("service level target (share of contacts)"))
    // Three values, two of them nearly equal: three markers (good-enough's own: orange squares,
    // as in every run), none hidden by a line alone, plus the legend's sample.
    #expect(Palette.colour(1) == "#E69F00" && Palette.marker(1) == .square && Palette.styles(["good-enough"]) == [1])
    let markers = sweep.svg.components(separatedBy: "\n").filter { $0.hasPrefix("<polygon") && $0.contains("stroke=\"#E69F00\" stroke-width=\"1.3\"") }
    #expect(markers.count == 3 + 1)
    for comparator in ["minimal", "win4"] { #expect(sweep.svg.contains(">\(comparator)</text>")) }
    #expect(sweep.svg.contains("not swept") && sweep.svg.contains("sweetspot zone"))
  }

  @Test func aTwoKeySweepIsAHeatMapWithItsZoneOutlined() throws {
    let r = try Self.report(Self.grid)
    let g = try #require(r.grids.first)
    #expect(g.scope == "grid" && g.mean.count == 3 && g.mean[0].count == 2)  // rows: training hours; columns: the target
    #expect(g.inZone[g.sweetspots[0].row][g.sweetspots[0].column] && g.inZone[g.best[0].row][g.best[0].column])
    let map = try #require(r.figures.first { $0.name == "sweep-grid-good-enough" })
    let outlines = map.svg.components(separatedBy: "\n").filter { $0.hasPrefix("<rect") && $0.contains("fill=\"none\" stroke=\"#000\"") }
    #expect(outlines.count == g.inZone.flatMap { $0 }.filter { $0 }.count)
  }

  @Test func figuresAreTheSameBytesEveryTimeAndNoLabelLeavesItsBox() throws {
    for source in [Self.markets, Self.sweep, Self.grid] {
      let a = try Self.report(source), b = try Self.report(source)
      #expect(a.figures.map(\.svg) == b.figures.map(\.svg))
      #expect(a.figures.map(\.pdf) == b.figures.map(\.pdf))
      for f in a.figures { #expect(f.canvas.overflowingText.isEmpty, "\(f.name): \(f.canvas.overflowingText)") }
    }
  }

  @Test func aLabelTooLongForItsBoxIsSetSmallerThenShortened() {
    var c = SVGCanvas(width: 200, height: 50)
    c.text(10, 20, "a-strategy-with-a-rather-long-name-indeed-and-more", size: 12, maxWidth: 60)
    guard case let .text(t) = c.items[0] else { Issue.record("no text"); return }
    #expect(t.size == 7 && t.string.hasSuffix("…") && TextMetrics.width(t.string, size: t.size) <= 60)
    #expect(c.overflowingText.isEmpty)
    var wide = SVGCanvas(width: 100, height: 50)
    wide.text(50, 20, "a title far wider than its canvas", anchor: "middle")
    #expect(wide.overflowingText.count == 1)  // the check itself can fail
  }

  @Test func aOneSidedTargetStaysOnTheAxisWhenEveryStrategyFallsShort() {
    // Service levels 60–70% against "≥ 80%": the axis reaches past 80%, so the band shows.
    let (lo, hi) = Report.shareAxis(low: 0.60, high: 0.70, band: (0.80, nil))
    #expect(lo < 0.60 && hi > 0.80 + 0.005)
    let (lo2, hi2) = Report.shareAxis(low: 0.10, high: 0.12, band: (nil, 0.05))  // abandonment above a ≤ 5% cap
    #expect(lo2 < 0.05 - 0.005 && hi2 > 0.12)
  }

  @Test func win4ColoursAHalfShareAsALossAsTheTableDoes() {
    #expect(Report.win4Fill(shareWon: 0.5).colour == Palette.lose && Report.win4Fill(shareWon: 0.51).colour == Palette.win)
    #expect(Report.win4Fill(shareWon: 1).opacity > Report.win4Fill(shareWon: 0.6).opacity)
  }

  @Test func widthsAreConservativeForHelveticaAndDejaVuSans() {
    // DejaVu Sans "W" is 0.989 em, Helvetica's 0.944; "i" 0.278 vs 0.222.
    #expect(abs(TextMetrics.width("W", size: 10) - 9.89) < 1e-9 && abs(TextMetrics.width("i", size: 10) - 2.78) < 1e-9)
    #expect(abs(TextMetrics.width("€", size: 10) - 10) < 1e-9)  // outside ASCII: a full em
  }

  @Test func thePaletteIsOkabeItoAndPrintsInGreyscale() {
    #expect(Set(Palette.colours).count >= 8)
    #expect(Set(Palette.colours) == ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"])
    let grey = Palette.colours.prefix(4).map(Palette.luminance)
    for i in grey.indices { for j in grey.indices where i < j { #expect(abs(grey[i] - grey[j]) >= 0.1, "\(i) and \(j)") } }
    #expect(Set((0..<8).map { "\(Palette.marker($0))" }).count == 8 && Set((0..<8).map { Palette.dash($0) ?? "solid" }).count == 8)
    #expect(Palette.luminance(Palette.win) < Palette.luminance(Palette.lose))  // win and lose differ in grey too
  }

  /// The equity figure draws each strategy in its own style, whatever the run's other strategies.
  @Test func aStrategysColourIsTheSameInEveryRunsFigures() throws {
    let a = try Self.report(Self.sweep), b = try Self.report(Self.markets)
    // minimal: reddish purple in a run of good-enough, minimal and win4 and in one of three markets.
    for r in [a, b] {
      let kpis = try #require(r.figures.first { $0.name.hasPrefix("kpis") })
      #expect(kpis.svg.contains("stroke=\"#CC79A7\""), "\(kpis.name)")
      #expect(r.styleIndex("minimal") == 6 && r.styleIndex("good-enough") == 1)
    }
  }

  /// Greek letters the figures use reach the PDF as a glyph or a word, never as "?".
  @Test func greekLettersInFiguresSurviveThePDFEncoding() {
    #expect(PDFWriter.winAnsi("μ*") == [0xB5, UInt8(ascii: "*")])
    #expect(PDFWriter.winAnsi("ρ σ") == Array("rho sigma".utf8))
  }

  /// A preset strategy has the same colour, marker and dash in every run; custom strategies take
  /// the styles no preset of the run uses, in order.
  @Test func presetStrategiesKeepTheirStyleFromRunToRun() {
    let showdown = Palette.styles(["just-good-enough", "good-enough", "strategic", "good-to-great", "win4", "price-leader", "minimal"])
    #expect(showdown == [0, 1, 2, 3, 4, 5, 6])
    #expect(Palette.styles(["win4", "strategic", "good-enough"]) == [4, 2, 1])
    #expect(Palette.colour(Palette.styles(["minimal", "strategic"])[1]) == "#000000")
    #expect(Palette.styles(["mine", "good-enough", "yours"]) == [0, 1, 2])
    #expect(Palette.styles(["just-good-enough", "mine"]) == [0, 1])
    #expect(Set(Palette.presetStyles).count == Palette.colours.count)
    // Nine strategies: every style once, then round again.
    #expect(Palette.styles(Palette.presetStyles + ["ninth"]) == Array(0...8))
  }

  /// Checks the file structure: header, every xref offset at its "N 0 obj", /Length equal to
  /// the stream's bytes, startxref at the table, %%EOF.
  static func checkPDF(_ text: String) -> [String] {
    let bytes = Array(text.utf8)
    var problems: [String] = []
    if !text.hasPrefix("%PDF-") { problems.append("no %PDF- header") }
    if !text.hasSuffix("%%EOF\n") { problems.append("no %%EOF") }
    guard let sx = text.range(of: "startxref\n", options: .backwards) else { return problems + ["no startxref"] }
    let offset = Int(text[sx.upperBound...].prefix { $0.isNumber }) ?? -1
    guard offset >= 0 && offset < bytes.count, String(decoding: bytes[offset..<min(bytes.count, offset + 5)], as: UTF8.self) == "xref\n" else {
      return problems + ["startxref \(offset) does not point at the xref table"]
    }
    let lines = String(decoding: bytes[offset...], as: UTF8.self).components(separatedBy: "\n")
    let count = Int(lines[1].split(separator: " ")[1]) ?? 0
    for i in 1..<count {
      let entry = lines[2 + i]
      guard entry.utf8.count == 19, let at = Int(entry.prefix(10)) else { problems.append("entry \(i) malformed: '\(entry)'"); continue }
      let head = "\(i) 0 obj\n"
      if String(decoding: bytes[at..<min(bytes.count, at + head.utf8.count)], as: UTF8.self) != head { problems.append("object \(i) not at \(at)") }
    }
    if let l = text.range(of: "/Length "), let s = text.range(of: "stream\n", range: l.upperBound..<text.endIndex),
       let e = text.range(of: "endstream", range: s.upperBound..<text.endIndex) {
      let length = Int(text[l.upperBound...].prefix { $0.isNumber }) ?? -1
      if text[s.upperBound..<e.lowerBound].utf8.count != length { problems.append("/Length \(length) is not the stream's size") }
    } else { problems.append("no content stream") }
    return problems
  }

  @Test func pdfFilesHaveACorrectCrossReferenceTableAndRender() throws {
    var c = SVGCanvas(width: 200, height: 100)
    c.text(100, 50, "Größe (x) ≥ 80% – \\ ★", anchor: "middle", weight: "bold", rotate: -90)
    c.rect(10, 10, 50, 20, fill: "#0072B2", opacity: 0.3, stroke: "#000")
    c.marker(30, 60, .star, color: "#E69F00", filled: false)
    #expect(Self.checkPDF(c.pdf).isEmpty, "\(Self.checkPDF(c.pdf))")
    #expect(c.pdf.contains("(Gr\\366\\337e \\(x\\) >= 80% \\226 \\\\ ?) Tj"))  // WinAnsi octal, escapes, glyphs Helvetica lacks spelled out
    let r = try Self.report(Self.sweep)
    for f in r.figures { #expect(Self.checkPDF(f.pdf).isEmpty, "\(f.name): \(Self.checkPDF(f.pdf))") }
    // A real renderer, when installed (poppler-utils): it must open every figure without a word.
    let pdftoppm = ["/usr/bin/pdftoppm", "/usr/local/bin/pdftoppm", "/opt/homebrew/bin/pdftoppm"].first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let pdftoppm else { return }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    for f in r.figures {
      let file = dir.appendingPathComponent("\(f.name).pdf")
      try f.pdf.write(to: file, atomically: true, encoding: .utf8)
      let p = Process()
      p.executableURL = URL(fileURLWithPath: pdftoppm)
      p.arguments = ["-r", "20", "-png", "-singlefile", file.path, dir.appendingPathComponent(f.name).path]
      let err = Pipe()
      p.standardError = err
      try p.run()
      p.waitUntilExit()
      let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      #expect(p.terminationStatus == 0 && message.isEmpty, "\(f.name): \(message)")
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("\(f.name).png").path))
    }
  }
}
