import Testing
import Foundation
@testable import SweetspotReport

/// Every string reaches LaTeX through one escaper.
@Suite struct LaTeXTests {
  @Test func theTenSpecialsBecomeTextCommands() {
    #expect(LaTeX.escape(##"\ { } $ & # ^ _ ~ %"##)
            == ##"\textbackslash{} \{ \} \$ \& \# \textasciicircum{} \_\allowbreak{} \textasciitilde{} \%"##)
    #expect(LaTeX.escape("a<b>c|d\"") == "a\\textless{}b\\textgreater{}c\\textbar{}d''")
  }

  @Test func unicodeSymbolsGreekAndAccentsBecomeLaTeX() {
    #expect(LaTeX.escape("x ∈ {0.7, 0.8}") == "x \\ensuremath{\\in} \\{0.7, 0.8\\}")
    #expect(LaTeX.escape("≤≥×−±") == "\\ensuremath{\\leq}\\ensuremath{\\geq}\\ensuremath{\\times}\\ensuremath{-}\\ensuremath{\\pm}")
    #expect(LaTeX.escape("1–2 — 3…") == "1--2 --- 3\\ldots{}")
    #expect(LaTeX.escape("α β ω Ω") == "\\ensuremath{\\alpha} \\ensuremath{\\beta} \\ensuremath{\\omega} \\ensuremath{\\Omega}")
    #expect(LaTeX.escape("€5 £3") == "EUR5 \\pounds{}3")
    #expect(LaTeX.escape("café naïve Ångström") == "caf\\'{e} na\\\"{\\i{}}ve \\r{A}ngstr\\\"{o}m")
    // Precomposed and decomposed forms give the same LaTeX.
    #expect(LaTeX.escape("e\u{0301}") == LaTeX.escape("é"))
  }

  @Test func anythingElseOutsideASCIIShowsAsAQuestionMark() {
    #expect(LaTeX.escape("ok 😀 日本") == "ok ? ??")
    // Nothing that leaves the escaper is outside ASCII.
    let ascii = LaTeX.escape("∈≤≥×−–—…±αω€£é😀").unicodeScalars.allSatisfy(\.isASCII)
    #expect(ascii)
  }

  @Test func longKeysMayBreakAfterDotsAndUnderscores() {
    #expect(LaTeX.escape("strategy.good-enough.service_level") == "strategy.\\allowbreak{}good-enough.\\allowbreak{}service\\_\\allowbreak{}level")
    #expect(LaTeX.escape("0.8 e.g.") == "0.8 e.\\allowbreak{}g.")
  }

  @Test func inlineMarkdownBecomesBoldAndTypewriter() {
    #expect(LaTeX.inline("**a_b** wins; see `scorecard.*` & more") == "\\textbf{a\\_\\allowbreak{}b} wins; see \\texttt{scorecard.*} \\& more")
    #expect(LaTeX.inline("a ** b") == "a ** b")
  }
}
