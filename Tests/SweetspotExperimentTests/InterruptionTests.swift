import Foundation
import Testing
import SweetspotModel
@testable import SweetspotExperiment

/// Issue 18: a run asked to stop (SIGTERM at a time limit) stops after the items in flight,
/// keeps its whole chunks, and resumes to the bytes of an uninterrupted run.
@Suite struct InterruptionTests {
  let work: URL

  init() throws {
    work = FileManager.default.temporaryDirectory.appendingPathComponent("sweetspot-interruption-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
  }

  func experiment() throws -> Experiment {
    try ExperimentLoader.load(text: IntegrityTests.text, file: "integrity.toml", overrides: [])  // 40 items: chunks of 16, 16, 8
  }

  func options(_ dir: String, resume: Bool = false) -> RunOptions {
    RunOptions(threads: 2, resume: resume, directory: work.appendingPathComponent(dir), toolVersion: "test", fileHash: "x")
  }

  @Test func aRaisedInterruptionStartsNoItem() throws {
    let runner = try Runner(experiment: try experiment())
    let stop = Interruption()
    stop.raise(signal: SIGTERM)
    let counter = WorkCounter()
    var chunks = 0
    let finished = try runner.run(threads: 2, interruption: stop, counter: counter) { _, _ in chunks += 1 }
    #expect(!finished && chunks == 0 && counter.snapshot.computed == 0)
  }

  @Test func anInterruptionDuringAChunkEndsTheRunAfterItsItemsInFlight() throws {
    let runner = try Runner(experiment: try experiment())
    let stop = Interruption()
    let counter = WorkCounter()
    counter.start(total: runner.items.count, alreadyDone: 0)
    var chunks: [Int] = []
    // Raised while chunk 0 is handed over: chunk 1 is never started.
    let finished = try runner.run(threads: 2, interruption: stop, counter: counter) { k, results in
      chunks.append(k)
      #expect(results.count == runner.chunk(k).count)
      stop.raise(signal: SIGINT)
    }
    #expect(!finished && chunks == [0] && counter.snapshot.done == Runner.chunkSize)
    #expect(stop.signal == SIGINT)
    stop.raise(signal: SIGTERM)
    #expect(stop.signal == SIGINT, "the first signal is the one reported")
    let all = try runner.run(threads: 2) { _, _ in }
    #expect(all)
  }

  @Test func anInterruptedRunKeepsItsWholeChunksAndResumesToTheSameBytes() throws {
    _ = try ExperimentRunner.run(try experiment(), options: options("straight"))
    var o = options("stopped")
    let stop = Interruption()
    o.interruption = stop
    o.counter = WorkCounter()
    do {
      _ = try ExperimentRunner.run(try experiment(), options: o, progress: { p in
        if p.done >= Runner.chunkSize { stop.raise(signal: SIGTERM) }
      })
      Issue.record("the run was not interrupted")
    } catch let i as Interrupted {
      #expect(i.signal == SIGTERM && i.itemsKept == Runner.chunkSize && i.items == 40)
    }
    let dir = work.appendingPathComponent("stopped")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("manifest.json").path))
    #expect(FileManager.default.fileExists(atPath: RunDirectory(dir).chunkFile(0).path))
    #expect(!FileManager.default.fileExists(atPath: RunDirectory(dir).chunkFile(1).path))
    let resumed = try ExperimentRunner.run(try experiment(), options: options("stopped", resume: true))
    #expect(resumed.items == 40)
    for f in ["trials.csv", "summary.json", "summary.csv"] {
      #expect(try Data(contentsOf: work.appendingPathComponent("straight/\(f)")) == Data(contentsOf: dir.appendingPathComponent(f)), "\(f)")
    }
  }

  @Test func aRewriteOfIdenticalBytesLeavesTheFileAsItIs() throws {
    let folder = RunDirectory(work)
    let file = work.appendingPathComponent("same.txt")
    try folder.write("one\n", to: file)
    let before = try FileManager.default.attributesOfItem(atPath: file.path)
    try folder.write("one\n", to: file)
    let after = try FileManager.default.attributesOfItem(atPath: file.path)
    #expect(before[.systemFileNumber] as? Int == after[.systemFileNumber] as? Int, "an atomic rename would make a new inode")
    try folder.write("two\n", to: file)
    #expect(try String(contentsOf: file, encoding: .utf8) == "two\n")
    #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.systemFileNumber] as? Int != before[.systemFileNumber] as? Int)
  }
}
