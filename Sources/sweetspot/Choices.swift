import ArgumentParser

// The closed sets of values options and arguments take. As `ExpressibleByArgument` and
// `CaseIterable` enums, `--help` lists the choices, shell completion offers them, and a value
// outside the set is refused by the parser (exit 2) with the list.

/// `report --format`: one report format (`tex` and `markdown` are accepted for `latex` and `md`,
/// since the files are report.tex and report.md).
enum ReportFormat: String, CaseIterable, ExpressibleByArgument {
  case md, html, csv, json, latex

  init?(argument: String) {
    switch argument {
    case "tex": self = .latex
    case "markdown": self = .md
    default: self.init(rawValue: argument)
    }
  }
}

/// `list`: what to list.
enum ListKind: String, CaseIterable, ExpressibleByArgument {
  case strategies, markets, metrics
}

/// `queue --handle-distribution` and `--patience-distribution`.
enum DurationShape: String, CaseIterable, ExpressibleByArgument {
  case exponential, lognormal
}
