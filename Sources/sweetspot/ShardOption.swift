import SweetspotExperiment

/// Which shard `run` computes: `--shard K/N` as given (GNU parallel's `{#}`); `--shard auto`,
/// or no `--shard` at all inside a Slurm array task (`SLURM_ARRAY_TASK_ID` set), the task's
/// place in its array (`Shard(arrayTask:)`); otherwise the whole run. `--shard 1/1` runs the
/// whole experiment even inside an array task.
struct ShardChoice: Equatable {
  let shard: Shard
  /// Read from the Slurm array's environment (worth a note on stderr).
  let fromArray: Bool

  static func resolve(_ option: String?, environment: [String: String]) throws -> ShardChoice {
    switch option {
    case "auto"?:
      return ShardChoice(shard: try Shard(arrayTask: environment), fromArray: true)
    case let text?:
      return ShardChoice(shard: try Shard(parsing: text), fromArray: false)
    case nil where environment[Shard.arrayTaskVariable] != nil:
      do { return ShardChoice(shard: try Shard(arrayTask: environment), fromArray: true) } catch {
        var e = error
        e.file = "--shard (not given in a Slurm array task, so auto)"
        throw e
      }
    case nil:
      return ShardChoice(shard: .whole, fromArray: false)
    }
  }
}
