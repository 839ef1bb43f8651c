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

  /// Runs into `dir`, stopped by SIGTERM once `after` items have been computed (one thread, so
  /// exactly those items finish), and returns the `Interrupted` it ends with.
  func stopped(_ dir: String, after: Int, resume: Bool = false) throws -> Interrupted? {
    var o = options(dir, resume: resume)
    o.threads = 1
    let stop = Interruption()
    o.interruption = stop
    o.counter = WorkCounter { n in if n >= after { stop.raise(signal: SIGTERM) } }
    do {
      _ = try ExperimentRunner.run(try experiment(), options: o)
      return nil
    } catch let i as Interrupted {
      return i
    }
  }

  @Test func aRunStoppedMidChunkKeepsTheFinishedItemsAsAPartAndResumesToTheSameBytes() throws {
    _ = try ExperimentRunner.run(try experiment(), options: options("straight"))
    let first = try #require(try stopped("cut", after: 3))
    #expect(first.itemsKept == 3)
    let dir = RunDirectory(work.appendingPathComponent("cut"))
    #expect(try dir.readPart(0, fingerprint: ExperimentRunner.fingerprint(try experiment(), options: options("cut"))).items.sorted() == [0, 1, 2])
    #expect(!FileManager.default.fileExists(atPath: dir.chunkFile(0).path))
    // Stopped again 17 items later: chunk 0 is whole (its part removed), chunk 1 has a part of 4.
    let second = try #require(try stopped("cut", after: 17, resume: true))
    #expect(second.itemsKept == 20)
    #expect(FileManager.default.fileExists(atPath: dir.chunkFile(0).path) && !FileManager.default.fileExists(atPath: dir.partFile(0).path))
    #expect(try dir.readPart(1, fingerprint: ExperimentRunner.fingerprint(try experiment(), options: options("cut"))).items.sorted() == [0, 1, 2, 3])
    let resumed = try ExperimentRunner.run(try experiment(), options: options("cut", resume: true))
    #expect(resumed.items == 40)
    for f in ["trials.csv", "summary.json", "summary.csv"] {
      #expect(try Data(contentsOf: work.appendingPathComponent("straight/\(f)")) == Data(contentsOf: work.appendingPathComponent("cut/\(f)")), "\(f)")
    }
    let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: work.appendingPathComponent("cut/manifest.json"))) as! [String: Any]
    #expect(manifest["work_items_computed"] as? Int == 20, "only the items no checkpoint held were computed")
    #expect(!FileManager.default.fileExists(atPath: work.appendingPathComponent("cut/checkpoints").path))
  }

  @Test func anEditedPartCheckpointIsRefused() throws {
    _ = try #require(try stopped("edited", after: 3))
    let part = RunDirectory(work.appendingPathComponent("edited")).partFile(0)
    var text = try String(contentsOf: part, encoding: .utf8)
    text = text.replacingOccurrences(of: "items=0,1,2", with: "items=0,1,2,3")
    try text.write(to: part, atomically: true, encoding: .utf8)
    do {
      _ = try ExperimentRunner.run(try experiment(), options: options("edited", resume: true))
      Issue.record("an edited part was accepted")
    } catch let error as ExperimentError {
      #expect(error.file == part.path && error.message.contains("rows"), "\(error)")
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
