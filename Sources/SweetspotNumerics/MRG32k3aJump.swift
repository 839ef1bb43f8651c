/// Jump-ahead for MRG32k3a: positions a state `n` steps further without generating them.
///
/// Each component is a linear recurrence x_n = A x_{n-1} mod m on 3-vectors, so n steps are the
/// matrix power A^n. Tables of A^(2^k) for the substream (2^76 · j) and stream (2^127 · j)
/// distances are built once by repeated squaring; a jump multiplies the state by the table entries
/// of the set bits. All products of two numbers below 2^32 fit in UInt64 exactly.
enum MRG32k3aJump {
  static let m1: UInt64 = 4_294_967_087
  static let m2: UInt64 = 4_294_944_443

  typealias Matrix = [UInt64]  // 3×3, row-major

  static let a1: Matrix = [0, 1, 0, 0, 0, 1, m1 - 810_728, 1_403_580, 0]
  static let a2: Matrix = [0, 1, 0, 0, 0, 1, m2 - 1_370_589, 0, 527_612]

  /// A^(2^k) for k in 0 ... 190, for both components.
  static let powers: (first: [Matrix], second: [Matrix]) = {
    func table(_ a: Matrix, _ m: UInt64) -> [Matrix] {
      var out = [a]
      out.reserveCapacity(191)
      for _ in 1...190 { out.append(multiply(out[out.count - 1], out[out.count - 1], m)) }
      return out
    }
    return (table(a1, m1), table(a2, m2))
  }()

  static func multiply(_ a: Matrix, _ b: Matrix, _ m: UInt64) -> Matrix {
    var c = Matrix(repeating: 0, count: 9)
    for i in 0..<3 {
      for j in 0..<3 {
        var s: UInt64 = 0
        for k in 0..<3 { s = (s + (a[3 * i + k] * b[3 * k + j]) % m) % m }
        c[3 * i + j] = s
      }
    }
    return c
  }

  static func apply(_ a: Matrix, _ v: inout (UInt64, UInt64, UInt64), _ m: UInt64) {
    let x = v
    v.0 = ((a[0] * x.0) % m + (a[1] * x.1) % m + (a[2] * x.2) % m) % m
    v.1 = ((a[3] * x.0) % m + (a[4] * x.1) % m + (a[5] * x.2) % m) % m
    v.2 = ((a[6] * x.0) % m + (a[7] * x.1) % m + (a[8] * x.2) % m) % m
  }

  /// Advances the six-word state by `count · 2^shift` steps (`count` < 2^(191 − shift)).
  static func jump(_ s: inout [UInt64], by count: UInt64, shift: Int) {
    guard count != 0 else { return }
    let (p1, p2) = powers
    var v1 = (s[0], s[1], s[2])
    var v2 = (s[3], s[4], s[5])
    var c = count
    var bit = 0
    while c != 0 {
      if c & 1 == 1 {
        apply(p1[shift + bit], &v1, m1)
        apply(p2[shift + bit], &v2, m2)
      }
      c >>= 1
      bit += 1
    }
    s = [v1.0, v1.1, v1.2, v2.0, v2.1, v2.2]
  }

  /// Items (`StreamKey.item`) are 2^40 steps apart within a substream (2^76 long, so up to 2^36 of them).
  static let itemShift = 40

  /// The base state for an experiment seed: SplitMix64 output reduced into each component's
  /// range. Seed 0 is mapped like any other seed (not to SSJ's 12345 default), so every seed is
  /// treated alike; `ssjDefault` gives SSJ's state for known-answer tests.
  static func baseState(seed: UInt64) -> [UInt64] {
    var g = SplitMix64(seed: seed)
    var s = [UInt64](repeating: 0, count: 6)
    repeat { for i in 0..<3 { s[i] = g.next() % m1 } } while s[0] == 0 && s[1] == 0 && s[2] == 0
    repeat { for i in 3..<6 { s[i] = g.next() % m2 } } while s[3] == 0 && s[4] == 0 && s[5] == 0
    return s
  }

  /// SSJ's default initial state (all six words 12345).
  static let ssjDefault: [UInt64] = [12345, 12345, 12345, 12345, 12345, 12345]

  /// The state at stream `stream`, substream `substream`, counted from `base`.
  static func state(base: [UInt64], stream: UInt64, substream: UInt64) -> [UInt64] {
    var s = base
    jump(&s, by: stream, shift: 127)
    jump(&s, by: substream, shift: 76)
    return s
  }
}
