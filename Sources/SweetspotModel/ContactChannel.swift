/// Where a customer turns with a problem or an inquiry this week. One byte per customer slot in
/// the population's weekly scratch; the raw value indexes per-channel arrays.
enum ContactChannel: UInt8, Sendable {
  /// No contact this week (no issue, a silent problem, or an issue already ended).
  case none = 0
  case selfService = 1
  case chat = 2
  case email = 3
  case phone = 4

  /// Index into per-channel arrays (`[none, selfService, chat, email, phone]`).
  @inline(__always) var index: Int { Int(rawValue) }
}

/// How a customer's problem ended: TARP's four outcome classes (facts §2a), in order of the
/// repurchase rates they earn. `none` means no problem has ended yet (the TARP table counts
/// each customer's first problem only).
enum ProblemOutcome: UInt8, Sendable {
  case none = 0
  /// The customer did not complain: no chance of recovery.
  case silent = 1
  /// Complained (or tried to), and the problem ended unresolved.
  case unresolved = 2
  /// Complained and resolved, after a retry or an escalation.
  case resolved = 3
  /// Complained and resolved at the first contact.
  case resolvedQuickly = 4

  /// Index into the TARP repurchase arrays (silent = 0 … resolved quickly = 3).
  @inline(__always) var tarpIndex: Int { Int(rawValue) - 1 }
}
