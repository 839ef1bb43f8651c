import SweetspotExperiment

/// One published figure to compare a KPI with: a band [low, high] (either end may be absent) for
/// one metric in one industry, with its source, year, definition and caveat.
public struct IndustryBenchmark: Sendable, Equatable {
  public var metric: String
  public var industry: String
  public var low: Double?
  public var high: Double?
  public var label: String
  public var source: String
  public var year: Int
  public var definition: String
  public var caveat: String
}

extension IndustryBenchmark {
  /// Which side of a benchmark band is the good one: below the band is good for abandonment
  /// and bad for CSAT, so a verdict alone ("below") does not say how a strategy fares.
  public enum Better: String, Sendable { case higher, lower }

  /// The direction of each benchmarked metric: more is better for satisfaction, resolution,
  /// service level and loyalty; less for abandonment, waiting, attrition, churn and cost. Handle
  /// time has none (a shorter call is cheaper, a longer one may resolve more), nor has a metric
  /// not listed.
  public static let directions: [String: Better] = [
    "csat": .higher, "fcr": .higher, "service_level": .higher, "nps": .higher, "acsi": .higher, "retention": .higher,
    "abandonment": .lower, "asa_seconds": .lower, "agent_attrition": .lower, "churn_rate": .lower, "cost_per_contact": .lower,
    "cost_to_serve": .lower, "burnout": .lower, "complaint_rate": .lower,
  ]

  /// Whether more or less of this metric is better; nil when neither is.
  public var better: Better? { IndustryBenchmark.directions[metric] }

  /// A verdict with what it means for this metric: "below (better)" for abandonment,
  /// "below (worse)" for CSAT; "within" and the straddles as they are.
  public func judged(_ v: Analysis.Verdict) -> String {
    guard let better, v == .below || v == .above else { return v.rawValue }
    return "\(v.rawValue) (\((v == .below) == (better == .lower) ? "better" : "worse"))"
  }

  /// The band in words for a figure, from its own bounds written by `format` with `unit` after
  /// them: "70–80%", "≥ 80%".
  public func band(_ format: (Double) -> String, unit: String = "") -> String {
    switch (low, high) {
    case let (l?, h?): return l == h ? format(l) + unit : "\(format(l))–\(format(h))\(unit)"
    case let (l?, nil): return "≥ \(format(l))\(unit)"
    case let (nil, h?): return "≤ \(format(h))\(unit)"
    case (nil, nil): return ""
    }
  }
}

/// The benchmark data set: `benchmarks/industry/industry.toml`, built into the binary, or a file
/// given with `--benchmarks`.
public struct IndustryBenchmarks: Sendable {
  public var version: String
  public var entries: [IndustryBenchmark]
  public var file: String

  /// Parses the TOML benchmark file, each problem naming the file, the entry and the key.
  public static func load(text: String, file: String) throws(ExperimentError) -> IndustryBenchmarks {
    let doc: TOMLTable
    do { doc = try TOMLParser.parse(text) } catch {
      throw ExperimentError(file: file, line: error.line, message: error.message)
    }
    guard case let .string(version)? = doc["version"] else {
      throw ExperimentError(file: file, key: "version", message: "is required (a string, e.g. \"2026-11-22\")")
    }
    guard case let .array(items)? = doc["benchmark"], !items.isEmpty else {
      throw ExperimentError(file: file, key: "benchmark", message: "expected [[benchmark]] entries")
    }
    var out: [IndustryBenchmark] = []
    for (n, item) in items.enumerated() {
      guard case let .table(t) = item else { continue }
      let at = "benchmark #\(n + 1)"
      func err(_ key: String, _ message: String) -> ExperimentError {
        ExperimentError(file: file, line: t.entry(key)?.line ?? t.line, key: "\(at).\(key)", message: message)
      }
      let allowed = ["metric", "industry", "low", "high", "label", "source", "year", "definition", "caveat"]
      for e in t.entries where !allowed.contains(e.key) {
        throw ExperimentError(file: file, line: e.line, key: "\(at).\(e.key)", message: "unknown key; allowed: \(allowed.joined(separator: ", "))")
      }
      func string(_ key: String) throws(ExperimentError) -> String {
        guard let v = t[key] else { throw err(key, "is required (a string)") }
        guard case let .string(s) = v, !s.isEmpty else { throw err(key, "expected a non-empty string, got \(v.typeName)") }
        return s
      }
      func number(_ key: String) throws(ExperimentError) -> Double? {
        guard let v = t[key] else { return nil }
        guard let x = v.number, x.isFinite else { throw err(key, "expected a finite number, got \(v.typeName)") }
        return x
      }
      let metric = try string("metric")
      guard ReportMetrics.known.contains(metric) else {
        throw err("metric", "'\(metric)' is not a Sweetspot metric; known: \(ReportMetrics.known.joined(separator: ", "))")
      }
      let low = try number("low"), high = try number("high")
      if low == nil && high == nil { throw err("low", "give low, high or both") }
      if let l = low, let h = high, l > h { throw err("high", "\(h) is below low (\(l))") }
      guard case let .integer(year)? = t["year"], (1900...2100).contains(year) else { throw err("year", "expected a year (a whole number)") }
      out.append(IndustryBenchmark(metric: metric, industry: try string("industry"), low: low, high: high, label: try string("label"),
                                   source: try string("source"), year: year, definition: try string("definition"),
                                   caveat: (try? string("caveat")) ?? ""))
    }
    return IndustryBenchmarks(version: version, entries: out, file: file)
  }

  /// The entries for an industry: that industry's where it has them, else "all".
  public func entries(industry: String) -> [IndustryBenchmark] {
    var out: [IndustryBenchmark] = []
    for m in ReportMetrics.known {
      let specific = entries.filter { $0.metric == m && $0.industry == industry }
      out += specific.isEmpty ? entries.filter { $0.metric == m && $0.industry == "all" } : specific
    }
    return out
  }

  public var industries: [String] { Array(Set(entries.map(\.industry))).sorted() }
}

import SweetspotModel
enum ReportMetrics {
  static let known: [String] = Metric.allCases.map(\.rawValue)
}
