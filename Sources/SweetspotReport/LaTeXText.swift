import Foundation

/// The one way text becomes LaTeX: every string a report puts into a `.tex` file goes through
/// `LaTeX.escape` (or `LaTeX.inline`, which also understands the report's `**bold**` and
/// `` `code` ``), so a strategy name, a scenario label or an answer with `∈ {…}` compiles with
/// plain pdflatex and no Unicode packages.
///
/// The rule, character by character:
/// - the ten specials `\ { } $ & # ^ _ ~ %` and `< > |` become their text commands;
/// - straight double quotes become opening or closing quotes (`"morris"` → ``` ``morris'' ```),
///   and a `-` that starts a number or an amount (`-$0.36M`, `-0.5`) a real minus;
/// - symbols and Greek letters that have a LaTeX command become it, in `\ensuremath{…}` for the
///   mathematical ones (so they work in text and in math, and two never run into `$$`);
/// - Latin letters with accents become the letter with its accent command (`é` → `\'{e}`);
/// - `€` is written `EUR` (the euro glyph needs fonts a small TeX install lacks);
/// - any other character outside ASCII is replaced by `?`, so a missing symbol shows in the PDF
///   rather than vanishing or stopping the compile.
/// Line breaks are allowed after `_` and after a `.` inside a word, so long keys such as
/// `strategy.good-enough.service_level_target` wrap instead of running into the margin.
public enum LaTeX {
  /// `text` as LaTeX text.
  public static func escape(_ text: String) -> String {
    var out = ""
    let chars = Array(text)
    for (i, c) in chars.enumerated() {
      let before: Character? = i > 0 ? chars[i - 1] : nil, after: Character? = i + 1 < chars.count ? chars[i + 1] : nil
      if c == ".", let a = after, a.isLetter, let b = before, b.isLetter {
        out += ".\\allowbreak{}"
      } else if c == "\"" {
        // Straight quotes become typographic ones: opening at the start or after a space or
        // bracket, closing otherwise (pdflatex's OT1 fonts set `"` as a closing double quote).
        out += before.map { $0.isWhitespace || "([{".contains($0) } ?? true ? "``" : "''"
      } else if c == "-", let a = after, a.isNumber || a == "$", before.map({ $0.isWhitespace || "([{=".contains($0) }) ?? true {
        // A sign, not a hyphen: -$0.36M and -0.5 take a real minus.
        out += "\\ensuremath{-}"
      } else if let s = ascii[c] {
        out += s
      } else if c.isASCII {
        out.append(c)
      } else if let s = symbols[c] ?? greek[c] {
        out += s
      } else {
        out += accented(c) ?? "?"
      }
    }
    return out
  }

  /// `text` with the report's inline Markdown (`**bold**`, `*emphasis*`, `` `code` ``) as LaTeX
  /// commands, everything else escaped.
  public static func inline(_ text: String) -> String {
    InlineText.render(text, plain: escape, bold: { "\\textbf{\(inline($0))}" }, emphasis: { "\\emph{\(escape($0))}" },
                      code: { "\\texttt{\(escape($0))}" })
  }

  static let ascii: [Character: String] = [
    "\\": "\\textbackslash{}", "{": "\\{", "}": "\\}", "$": "\\$", "&": "\\&", "#": "\\#",
    "^": "\\textasciicircum{}", "_": "\\_\\allowbreak{}", "~": "\\textasciitilde{}", "%": "\\%",
    "<": "\\textless{}", ">": "\\textgreater{}", "|": "\\textbar{}",
  ]

  static let symbols: [Character: String] = [
    "∈": "\\ensuremath{\\in}", "∉": "\\ensuremath{\\notin}", "≤": "\\ensuremath{\\leq}", "≥": "\\ensuremath{\\geq}",
    "×": "\\ensuremath{\\times}", "÷": "\\ensuremath{\\div}", "−": "\\ensuremath{-}", "±": "\\ensuremath{\\pm}",
    "≈": "\\ensuremath{\\approx}", "≠": "\\ensuremath{\\neq}", "∞": "\\ensuremath{\\infty}", "·": "\\ensuremath{\\cdot}",
    "•": "\\ensuremath{\\bullet}", "√": "\\ensuremath{\\surd}", "∑": "\\ensuremath{\\sum}", "∆": "\\ensuremath{\\Delta}",
    "→": "\\ensuremath{\\rightarrow}", "←": "\\ensuremath{\\leftarrow}", "↔": "\\ensuremath{\\leftrightarrow}",
    "⇒": "\\ensuremath{\\Rightarrow}", "°": "\\ensuremath{^\\circ}", "¹": "\\ensuremath{^1}", "²": "\\ensuremath{^2}",
    "³": "\\ensuremath{^3}", "½": "\\ensuremath{\\frac{1}{2}}", "¼": "\\ensuremath{\\frac{1}{4}}", "¾": "\\ensuremath{\\frac{3}{4}}",
    "–": "--", "—": "---", "…": "\\ldots{}", "‘": "`", "’": "'", "“": "``", "”": "''", "«": "<<", "»": ">>",
    "\u{00A0}": "~", "\u{2009}": "\\,", "\u{202F}": "\\,",
    "€": "EUR", "£": "\\pounds{}", "§": "\\S{}", "¶": "\\P{}", "©": "\\copyright{}", "®": "\\textregistered{}",
    "™": "\\texttrademark{}", "†": "\\dag{}", "‡": "\\ddag{}", "¡": "!`", "¿": "?`", "✓": "\\ensuremath{\\surd}",
    "ß": "\\ss{}", "æ": "\\ae{}", "Æ": "\\AE{}", "ø": "\\o{}", "Ø": "\\O{}", "œ": "\\oe{}", "Œ": "\\OE{}",
    "ł": "\\l{}", "Ł": "\\L{}", "đ": "d", "Đ": "D", "ı": "\\i{}",
  ]

  /// Greek letters: lower case and the capitals LaTeX has; capitals shaped like Latin ones are
  /// the Latin letter.
  static let greek: [Character: String] = {
    let lower = ["α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "epsilon", "ζ": "zeta", "η": "eta", "θ": "theta",
                 "ι": "iota", "κ": "kappa", "λ": "lambda", "μ": "mu", "µ": "mu", "ν": "nu", "ξ": "xi", "ο": "o", "π": "pi", "ρ": "rho",
                 "σ": "sigma", "ς": "varsigma", "τ": "tau", "υ": "upsilon", "φ": "phi", "χ": "chi", "ψ": "psi", "ω": "omega",
                 "Γ": "Gamma", "Δ": "Delta", "Θ": "Theta", "Λ": "Lambda", "Ξ": "Xi", "Π": "Pi", "Σ": "Sigma", "Υ": "Upsilon",
                 "Φ": "Phi", "Ψ": "Psi", "Ω": "Omega"]
    var table: [Character: String] = [:]
    for (k, v) in lower { table[Character(k)] = v == "o" ? "o" : "\\ensuremath{\\\(v)}" }
    for (k, v) in ["Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P", "Τ": "T", "Χ": "X"] {
      table[Character(k)] = v
    }
    return table
  }()

  /// Combining accents and their LaTeX accent commands.
  static let accents: [UInt32: String] = [
    0x0300: "\\`", 0x0301: "\\'", 0x0302: "\\^", 0x0303: "\\~", 0x0304: "\\=", 0x0306: "\\u", 0x0307: "\\.",
    0x0308: "\\\"", 0x030A: "\\r", 0x030B: "\\H", 0x030C: "\\v", 0x0327: "\\c", 0x0328: "\\k", 0x0323: "\\d",
  ]

  /// A Latin letter with accents (`é`, `ñ`, `ç`, `Å`) as accent commands; nil when the
  /// character is not an ASCII letter plus accents LaTeX knows.
  static func accented(_ c: Character) -> String? {
    let scalars = Array(String(c).decomposedStringWithCanonicalMapping.unicodeScalars)
    guard let base = scalars.first, base.isASCII, CharacterSet.letters.contains(base), scalars.count > 1 else { return nil }
    var out = base == "i" ? "\\i{}" : base == "j" ? "\\j{}" : String(base)
    for mark in scalars.dropFirst() {
      guard let command = accents[mark.value] else { return nil }
      out = "\(command){\(out)}"
    }
    return out
  }
}

/// The report's inline Markdown: `**bold**`, `*emphasis*` and `` `code` `` spans, nothing else
/// (the renderers for LaTeX and HTML turn them into their own markup).
///
/// A single `*` opens emphasis only at the start of the text or after a space or an opening
/// bracket or quote, before a letter or digit, and closes it before the end, a space or
/// punctuation: so `*equivalent*` and `(*worse*)` are emphasis while a key such as
/// `strategy.*.price` or a product `3*4` stays as written.
enum InlineText {
  enum Span: Equatable { case plain(String), bold(String), emphasis(String), code(String) }

  static func spans(_ text: String) -> [Span] {
    var out: [Span] = []
    var rest = Substring(text)
    var plain = ""
    var previous: Character? = nil
    func flush() { if !plain.isEmpty { out.append(.plain(plain)); plain = "" } }
    while !rest.isEmpty {
      if rest.hasPrefix("**"), let end = rest.dropFirst(2).range(of: "**") {
        flush()
        out.append(.bold(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<end.lowerBound])))
        rest = rest[end.upperBound...]
        previous = "*"
      } else if rest.hasPrefix("`"), let end = rest.dropFirst().firstIndex(of: "`") {
        flush()
        out.append(.code(String(rest[rest.index(after: rest.startIndex)..<end])))
        rest = rest[rest.index(after: end)...]
        previous = "`"
      } else if rest.hasPrefix("*"), let end = emphasisEnd(rest, after: previous) {
        flush()
        out.append(.emphasis(String(rest[rest.index(after: rest.startIndex)..<end])))
        rest = rest[rest.index(after: end)...]
        previous = "*"
      } else if let c = rest.first, c != "*", c != "`" {
        // A run of characters that can open nothing goes to the plain text at once (one search
        // instead of three prefix tests per character).
        let stop = rest.firstIndex { $0 == "*" || $0 == "`" } ?? rest.endIndex
        plain += rest[..<stop]
        previous = rest[rest.index(before: stop)]
        rest = rest[stop...]
      } else {
        let c = rest.removeFirst()
        plain.append(c)
        previous = c
      }
    }
    flush()
    return out
  }

  /// The index of the `*` that closes emphasis opened by the `*` starting `text`, if it opens one.
  static func emphasisEnd(_ text: Substring, after previous: Character?) -> Substring.Index? {
    let body = text.dropFirst()
    guard let first = body.first, first.isLetter || first.isNumber else { return nil }
    if let p = previous, !(p.isWhitespace || "([{\"'“‘".contains(p)) { return nil }
    guard let end = body.firstIndex(of: "*") else { return nil }
    let inner = body[..<end]
    guard let last = inner.last, !last.isWhitespace, !inner.contains("`") else { return nil }
    let next = body[body.index(after: end)...].first
    if let n = next, n.isLetter || n.isNumber || n == "*" { return nil }
    return end
  }

  /// The text with each kind of span rendered by its function.
  static func render(_ text: String, plain: (String) -> String, bold: (String) -> String, emphasis: (String) -> String,
                     code: (String) -> String) -> String {
    spans(text).map { span in
      switch span {
      case .plain(let s): return plain(s)
      case .bold(let s): return bold(s)
      case .emphasis(let s): return emphasis(s)
      case .code(let s): return code(s)
      }
    }.joined()
  }
}
