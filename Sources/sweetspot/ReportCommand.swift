import ArgumentParser
import Foundation
import SweetspotExperiment
import SweetspotNumerics
import SweetspotReport

/// `sweetspot report RESULTS_DIR`: the report of a finished run.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Report a finished run: strategies compared, industry benchmarks, Win4, sweeps, and the answer.",
    discussion: """
      Writes the report to stdout (or --out FILE) in one format. `sweetspot run` and \
      `sweetspot merge` already write report.md, report.html, report.csv, report.json, \
      report.tex (a driver that compiles with pdflatex, \\input-ing the fragments in tex/) and \
      the figures (figures/*.svg) into each run folder; use this command for another industry, \
      another benchmark file or another format (latex: one document with the fragments inlined). With --write, it writes those files into the run folder \
      again (atomically, holding the folder's lock), byte-identical to what the run wrote.

      Industries in the built-in benchmarks: all, retail, financial, software, healthcare, \
      business-services, telecom, airlines (metrics without an industry figure use "all").

      Examples:
        sweetspot report results/showdown/20260101T000000Z
        sweetspot report runs/merged --industry retail --format html \\
          -o retail.html
        sweetspot report runs/merged --format csv | head
        sweetspot report runs/merged --write
      """)

  @Argument(help: ArgumentHelp("A finished run folder (with manifest.json).", valueName: "results-dir"))
  var directory: String

  @Option(help: ArgumentHelp("Industry whose benchmarks to compare with.", valueName: "name"))
  var industry: String = "all"

  @Option(help: ArgumentHelp("A benchmark file replacing the built-in one (same format as benchmarks/industry/industry.toml).", valueName: "file"))
  var benchmarks: String?

  @Option(help: "Output format (default: md; tex is latex).")
  var format: ReportFormat?

  @Option(name: [.short, .long], help: ArgumentHelp("Write to this file (atomically) instead of stdout.", valueName: "file"))
  var out: String?

  @Flag(help: "Write every report format and the figures into the run folder, as `run` writes them (built-in benchmarks, industry all).")
  var write = false

  func run() throws {
    if write {
      let given = [("--format", format != nil), ("--out", out != nil), ("--industry", industry != "all"), ("--benchmarks", benchmarks != nil)]
      if let (option, _) = given.first(where: \.1) {
        throw InputError("--write regenerates the files `run` writes (all formats, built-in benchmarks, industry all) and takes no \(option); without --write, report writes one format to stdout or --out")
      }
      try regenerate()
      return
    }
    let format = self.format ?? .md
    if let out {
      var isDirectory: ObjCBool = false
      if out.isEmpty { throw InputError("--out is empty; name a file for the report") }
      if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue {
        throw InputError("--out \(out) is a folder; name a file for the report")
      }
    }
    let report = try buildReport(directory: URL(fileURLWithPath: directory), industry: industry, benchmarks: try loadBenchmarks(benchmarks))
    let text: String
    switch format {
    case .csv: text = report.csv
    case .json: text = report.json
    case .html: text = report.html
    case .latex: text = report.latexDocument(figureFiles: figureFiles(in: URL(fileURLWithPath: directory)))
    case .md: text = report.markdown
    }
    if let out {
      let url = URL(fileURLWithPath: out)
      try RunDirectory(url.deletingLastPathComponent()).write(text, to: url)
      print(out)
    } else {
      print(text, terminator: "")
    }
  }
}

extension ReportCommand {
  /// `--write`: the reports and figures of a finished run, written into its folder while holding
  /// the folder's lock, by the code path `run` and `merge` use.
  func regenerate() throws {
    let dir = URL(fileURLWithPath: directory)
    let folder = RunDirectory(dir)
    // Not a finished run: say so without creating the folder or leaving a lock file in it.
    if !FileManager.default.fileExists(atPath: folder.manifest.path) { _ = try FinishedRun(dir) }
    let benchmarks = try loadBenchmarks(nil)
    let lock = try folder.lock()
    defer { withExtendedLifetime(lock) {} }
    let written = try writeReports(into: dir, benchmarks: benchmarks, threads: activeProcessorCount())
    printError("\(directory): reports and figures rewritten (\(written.files.joined(separator: ", ")))")
    print(directory)
  }
}

/// The built-in benchmarks, or a replacement file.
func loadBenchmarks(_ file: String?) throws -> IndustryBenchmarks {
  guard let file else { return try IndustryBenchmarks.load(text: DefaultBenchmarks.text, file: DefaultBenchmarks.file) }
  guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
    throw InputError("\(file): cannot read the benchmarks file (\(FileManager.default.fileExists(atPath: file) ? "not readable UTF-8 text" : "no such file"))")
  }
  return try IndustryBenchmarks.load(text: text, file: file)
}

/// What a verified, finished run's reports needed: "reports up to date" or "3 report files rewritten".
func reportsText(_ changed: Int) -> String {
  changed == 0 ? "reports up to date" : "\(changed) report file\(changed == 1 ? "" : "s") rewritten"
}

/// The report of a finished run: an industry's (`IndustryReport`) or the strategies' (`Report`).
func buildReport(directory dir: URL, industry: String = "all", benchmarks: IndustryBenchmarks) throws -> any ReportOutput {
  let run = try FinishedRun(dir)
  if run.experiment.industry != nil { return try IndustryReport.build(run: run) }
  return try Report.build(run: run, industry: industry, benchmarks: benchmarks)
}

/// Writes the figures and then every report format into a run folder (`run`, `merge` and
/// `report --write` all call it, so what they write is the same); returns report.md's path, the
/// answer paragraph, the names of the files written (`files`) and how many of them changed (none
/// when a finished run's reports are already what its results give). The figures come first
/// because the LaTeX report includes whichever print form of each (PDF or PGF) is in figures/ by then.
///
/// Files are rendered and written side by side on up to `threads` threads (each file its own
/// atomic write, `RunDirectory.write`): at the end of a run nothing else is left to do, and one
/// thread rendering and syncing some thirty files one after another kept the others idle. The
/// bytes of every file do not depend on it; `files` keeps the order above. If a write fails, the
/// error is the first failing file's in that order; the files taken by other threads are still
/// written (each atomically), so nothing is left half-written either way.
@discardableResult
func writeReports(into dir: URL, benchmarks: IndustryBenchmarks, threads: Int = 1) throws -> (path: URL, answer: String, files: [String], changed: Int) {
  let report = try buildReport(directory: dir, benchmarks: benchmarks)
  let folder = RunDirectory(dir)
  for sub in [Report.figureFolder, Report.latexFolder] {
    let url = dir.appendingPathComponent(sub)
    do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
      throw RunError(file: url.path, message: "cannot create the folder: \((error as NSError).localizedDescription)")
    }
    // A writer killed here left its temporary files; the lock is held, so none is in use.
    for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where RunDirectory.isTemporary(name) {
      try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
    }
  }
  var written: [String] = []
  var changed = 0
  func write(_ files: [(path: String, text: @Sendable () -> String)]) throws {
    let wrote = try parallelMap(count: files.count, threads: threads) { k in
      try folder.write(files[k].text(), to: dir.appendingPathComponent(files[k].path))
    }
    for (file, w) in zip(files, wrote) {
      written.append(file.path)
      if w { changed += 1 }
    }
  }
  // Every figure as SVG (Markdown, HTML) and PDF (LaTeX), and the documents; then the LaTeX,
  // which includes the figures.
  var files: [(path: String, text: @Sendable () -> String)] = []
  for figure in report.figures {
    files.append(("\(Report.figureFolder)/\(figure.name).svg", { @Sendable in figure.svg }))
    files.append(("\(Report.figureFolder)/\(figure.name).pdf", { @Sendable in figure.pdf }))
  }
  files += [("report.md", { @Sendable in report.markdown }), ("report.html", { @Sendable in report.html }),
            ("report.csv", { @Sendable in report.csv }), ("report.json", { @Sendable in report.json })]
  for (name, text) in report.extraDocuments { files.append((name, { @Sendable in text })) }
  try write(files)
  try write(report.latexFiles(figureFiles: figureFiles(in: dir)).map { file in (file.path, { @Sendable in file.text }) })
  return (dir.appendingPathComponent("report.md"), report.answer, written, changed)
}

/// The files in a run folder's figures/, as paths relative to the run folder.
func figureFiles(in dir: URL) -> Set<String> {
  let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(Report.figureFolder).path)) ?? []
  return Set(names.filter { !$0.hasPrefix(".") }.map { "\(Report.figureFolder)/\($0)" })
}
