#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPUs this process may run on: its affinity mask where the system has one (Linux), so
/// `taskset -c 0`, a container's CPU set or a Slurm allocation bound by cgroups or task/affinity
/// count, not every core the machine has online.
///
/// glibc declares `sched_getaffinity` only under `_GNU_SOURCE`, which Swift's Glibc module is
/// not built with, and `CPU_COUNT` is a macro; so the function is looked up by name and the bits
/// counted here. The mask grows until it holds every CPU the kernel knows (EINVAL below that).
func allowedCPUCount() -> Int {
  let online = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  #if os(Linux)
  typealias GetAffinity = @convention(c) (pid_t, Int, UnsafeMutableRawPointer) -> Int32
  guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_getaffinity") else { return online }
  let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
  var words = 16  // 1,024 CPUs, glibc's cpu_set_t
  while words <= 1 << 16 {
    var mask = [UInt64](repeating: 0, count: words)
    let status = mask.withUnsafeMutableBytes { getAffinity(0, $0.count, $0.baseAddress!) }
    if status == 0 { return max(1, mask.reduce(0) { $0 + $1.nonzeroBitCount }) }
    if errno != EINVAL { break }
    words *= 4
  }
  #endif
  return online
}

/// The worker threads a command uses when `--threads` is not given, and why.
struct ThreadDefault: Equatable {
  let count: Int
  /// A note for stderr when the environment asked for something unusable (else nil).
  let note: String?

  /// `SLURM_CPUS_PER_TASK` when it is set and a whole number in 1 … 1024 (the job asked for that
  /// many CPUs per task), otherwise the CPUs the process may run on (`allowedCPUCount`), at most
  /// 1,024. Results never depend on it; only speed does.
  static func resolve(environment: [String: String], allowed: Int = allowedCPUCount()) -> ThreadDefault {
    let fallback = min(max(1, allowed), 1024)
    guard let text = environment["SLURM_CPUS_PER_TASK"] else { return ThreadDefault(count: fallback, note: nil) }
    if let n = Int(text), (1...1024).contains(n) { return ThreadDefault(count: n, note: nil) }
    return ThreadDefault(count: fallback, note: "SLURM_CPUS_PER_TASK='\(text)' is not a whole number in 1 ... 1024; using the \(fallback) CPU\(fallback == 1 ? "" : "s") this process may run on")
  }
}
