import Foundation

/// A shard read from a Slurm job array's environment, so a task needs no arithmetic of its own.
///
/// Slurm numbers array tasks from whatever base the user wrote (`--array=0-31` or `--array=1-32`)
/// and sets, in every task, `SLURM_ARRAY_TASK_ID` and the array's `SLURM_ARRAY_TASK_MIN`,
/// `SLURM_ARRAY_TASK_MAX`, `SLURM_ARRAY_TASK_COUNT` and `SLURM_ARRAY_TASK_STEP`. Shard K of N is
/// the task's position in the array: K = ID − MIN + 1, N = MAX − MIN + 1 (or COUNT), so both
/// spellings give K = 1 … 32 of N = 32 and N is written once, in `--array`. Arrays whose task
/// ids are not one contiguous range (`--array=0-31:2`, `--array=1,3,7`) have no such position
/// that every task agrees on, and are refused rather than guessed at.
extension Shard {
  /// The environment variable that marks a process as a task of a Slurm job array.
  public static let arrayTaskVariable = "SLURM_ARRAY_TASK_ID"

  /// Shard K/N of the array task described by `environment` (see the type's note).
  ///
  ///     Shard(arrayTask: ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_MIN": "0",
  ///                       "SLURM_ARRAY_TASK_MAX": "31"])   // 1/32
  public init(arrayTask environment: [String: String]) throws(ExperimentError) {
    func fail(_ message: String) -> ExperimentError { ExperimentError(file: "--shard auto", message: message) }
    func number(_ name: String) throws(ExperimentError) -> Int? {
      guard let text = environment[name] else { return nil }
      guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 0 else {
        throw fail("\(name)='\(text)' is not a whole number ≥ 0")
      }
      return n
    }
    guard let id = try number("SLURM_ARRAY_TASK_ID") else {
      throw fail("SLURM_ARRAY_TASK_ID is not set (not a task of a Slurm job array); give --shard K/N instead")
    }
    guard let min = try number("SLURM_ARRAY_TASK_MIN") else {
      throw fail("SLURM_ARRAY_TASK_MIN is not set, so the array's first task id is unknown; give --shard K/N instead")
    }
    let max = try number("SLURM_ARRAY_TASK_MAX"), count = try number("SLURM_ARRAY_TASK_COUNT")
    if let step = try number("SLURM_ARRAY_TASK_STEP"), step != 1 {
      throw fail("the array steps by \(step) (SLURM_ARRAY_TASK_STEP); shards need one contiguous range such as --array=1-32")
    }
    let n: Int
    switch (max, count) {
    case (nil, nil):
      throw fail("neither SLURM_ARRAY_TASK_MAX nor SLURM_ARRAY_TASK_COUNT is set, so the number of shards is unknown; give --shard K/N instead")
    case let (max?, count?) where max - min + 1 != count:
      throw fail("the array's \(count) tasks (SLURM_ARRAY_TASK_COUNT) do not fill \(min)-\(max) (SLURM_ARRAY_TASK_MIN-MAX): a stepped or listed array; shards need one contiguous range such as --array=1-32")
    case let (max?, _):
      guard max >= min else { throw fail("SLURM_ARRAY_TASK_MAX=\(max) is below SLURM_ARRAY_TASK_MIN=\(min)") }
      n = max - min + 1
    case let (nil, count?):
      guard count >= 1 else { throw fail("SLURM_ARRAY_TASK_COUNT=0: an array has at least one task") }
      n = count
    }
    guard id >= min && id - min < n else {
      throw fail("SLURM_ARRAY_TASK_ID=\(id) is outside the array \(min)-\(min + n - 1)")
    }
    self.init(index: id - min + 1, count: n)
  }
}
