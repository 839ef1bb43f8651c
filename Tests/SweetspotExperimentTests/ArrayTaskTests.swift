import Testing
@testable import SweetspotExperiment

/// Issue 18: a Slurm array task knows its shard from the environment, whatever the array's base.
@Suite struct ArrayTaskTests {
  func env(id: Int, min: Int? = nil, max: Int? = nil, count: Int? = nil, step: Int? = nil) -> [String: String] {
    var e = ["SLURM_ARRAY_TASK_ID": "\(id)"]
    if let min { e["SLURM_ARRAY_TASK_MIN"] = "\(min)" }
    if let max { e["SLURM_ARRAY_TASK_MAX"] = "\(max)" }
    if let count { e["SLURM_ARRAY_TASK_COUNT"] = "\(count)" }
    if let step { e["SLURM_ARRAY_TASK_STEP"] = "\(step)" }
    return e
  }

  @Test func zeroBasedAndOneBasedArraysGiveShardsOneToN() throws {
    for id in 0...31 {
      #expect(try Shard(arrayTask: env(id: id, min: 0, max: 31, count: 32, step: 1)) == Shard(index: id + 1, count: 32))
      #expect(try Shard(arrayTask: env(id: id + 1, min: 1, max: 32, count: 32, step: 1)) == Shard(index: id + 1, count: 32))
    }
    // Any base: --array=100-103.
    #expect(try Shard(arrayTask: env(id: 102, min: 100, max: 103)) == Shard(index: 3, count: 4))
  }

  @Test func theCountAloneOrTheMaximumAloneGivesN() throws {
    #expect(try Shard(arrayTask: env(id: 5, min: 0, count: 32)) == Shard(index: 6, count: 32))
    #expect(try Shard(arrayTask: env(id: 5, min: 1, max: 8)) == Shard(index: 5, count: 8))
    #expect(try Shard(arrayTask: env(id: 7, min: 7, max: 7, count: 1)) == Shard(index: 1, count: 1))
  }

  static let refusals: [([String: String], String)] = [
    ([:], "SLURM_ARRAY_TASK_ID is not set"),
    (["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MAX": "31"], "SLURM_ARRAY_TASK_MIN is not set"),
    (["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "0"], "neither SLURM_ARRAY_TASK_MAX nor SLURM_ARRAY_TASK_COUNT"),
    (["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "30", "SLURM_ARRAY_TASK_COUNT": "16", "SLURM_ARRAY_TASK_STEP": "2"], "the array steps by 2"),
    (["SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_MAX": "7", "SLURM_ARRAY_TASK_COUNT": "3"], "a stepped or listed array"),
    (["SLURM_ARRAY_TASK_ID": "40", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "31"], "SLURM_ARRAY_TASK_ID=40 is outside the array 0-31"),
    (["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "31"], "SLURM_ARRAY_TASK_ID='x' is not a whole number"),
    (["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_MAX": "4"], "SLURM_ARRAY_TASK_MAX=4 is below SLURM_ARRAY_TASK_MIN=5"),
    (["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_COUNT": "0"], "SLURM_ARRAY_TASK_COUNT=0"),
  ]

  @Test(arguments: refusals)
  func missingOrInconsistentVariablesAreRefusedByName(environment: [String: String], mentions: String) {
    do {
      let shard = try Shard(arrayTask: environment)
      Issue.record("accepted as \(shard); expected '\(mentions)'")
    } catch {
      #expect(error.file == "--shard auto")
      #expect(error.message.contains(mentions), "\(error.message)")
    }
  }
}
