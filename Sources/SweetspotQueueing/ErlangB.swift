/// Erlang's loss formula: the blocking probability of M/M/N/N with offered load A.
///
/// Computed by the recurrence B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), which stays in [0, 1]
/// at every step and so is stable for thousands of servers, unlike the textbook ratio of
/// A^N/N! to a partial exponential sum. Cost O(N).
public enum ErlangB {
  public static func blocking(servers n: Int, load a: Double) throws(QueueError) -> Double {
    try QueueError.require(n >= 0, "servers", Double(n), "≥ 0")
    try QueueError.require(a >= 0 && a.isFinite, "offered load", a, "finite and ≥ 0")
    return unchecked(servers: n, load: a)
  }

  static func unchecked(servers n: Int, load a: Double) -> Double {
    var b = 1.0
    if n == 0 { return 1 }
    for k in 1...n { b = a * b / (Double(k) + a * b) }
    return b
  }
}
