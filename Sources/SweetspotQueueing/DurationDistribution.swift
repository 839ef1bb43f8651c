import SweetspotNumerics

/// How long something lasts (a handle time, a caller's patience), in seconds.
public enum DurationDistribution: Sendable, Equatable, CustomStringConvertible {
  /// Exponential with the given mean: the Markovian case the Erlang formulas assume.
  case exponential(mean: Double)
  /// Lognormal with the given mean and coefficient of variation: what handle times look like in
  /// practice (Brown et al., "Statistical analysis of a telephone call center", JASA 2005).
  case lognormal(mean: Double, cv: Double)

  public var mean: Double {
    switch self {
    case let .exponential(m), let .lognormal(m, _): return m
    }
  }

  /// Whether the Erlang formulas are exact for this distribution.
  public var isExponential: Bool { if case .exponential = self { return true } else { return false } }

  public var description: String {
    switch self {
    case let .exponential(m): return "exponential(mean \(formatted(m)) s)"
    case let .lognormal(m, cv): return "lognormal(mean \(formatted(m)) s, cv \(formatted(cv)))"
    }
  }

  func validate(_ name: String) throws(QueueError) {
    switch self {
    case let .exponential(m):
      try QueueError.require(m > 0 && m.isFinite, "\(name) mean", m, "finite and > 0 seconds")
    case let .lognormal(m, cv):
      try QueueError.require(m > 0 && m.isFinite, "\(name) mean", m, "finite and > 0 seconds")
      try QueueError.require(cv > 0 && cv.isFinite, "\(name) cv", cv, "finite and > 0")
    }
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
