import Foundation

/// A one-page vector PDF (PDF 1.4) of a canvas: lines, rectangles, paths and text in the base-14
/// Helvetica, which every PDF viewer and pdflatex's `\includegraphics` has without embedding a
/// font. Nothing in it depends on the time or the machine (no /Info dictionary, no /ID, no
/// compression), so the same figure gives the same bytes; the cross-reference table is written
/// from the byte offsets of the objects as they are appended.
extension SVGCanvas {
  var pdf: String {
    var content: [String] = []
    var opacities: [String] = []  // ExtGState names, one per distinct fill opacity
    func gs(_ a: Double) -> String {
      let key = PDFWriter.number(a)
      if !opacities.contains(key) { opacities.append(key) }
      return "/GS\(opacities.firstIndex(of: key)!) gs"
    }
    func Y(_ y: Double) -> Double { height - y }
    func n(_ x: Double) -> String { PDFWriter.number(x) }
    func colour(_ hex: String, stroke: Bool) -> String {
      let (r, g, b) = Palette.rgb(hex)
      return "\(n(r)) \(n(g)) \(n(b)) \(stroke ? "RG" : "rg")"
    }
    func dash(_ d: String?) -> String {
      guard let d else { return "[] 0 d" }
      return "[" + d.split(separator: ",").map { n(Double($0.trimmingCharacters(in: .whitespaces)) ?? 1) }.joined(separator: " ") + "] 0 d"
    }
    content.append("1 J 1 j")
    for item in items {
      switch item {
      case let .line(x1, y1, x2, y2, color, w, d):
        content.append("q \(colour(color, stroke: true)) \(n(w)) w \(dash(d)) \(n(x1)) \(n(Y(y1))) m \(n(x2)) \(n(Y(y2))) l S Q")
      case let .rect(x, y, w, h, fill, opacity, stroke, sw):
        var ops = "q "
        if let fill { ops += "\(gs(opacity)) \(colour(fill, stroke: false)) " }
        if let stroke { ops += "\(colour(stroke, stroke: true)) \(n(sw)) w " }
        ops += "\(n(x)) \(n(Y(y + h))) \(n(w)) \(n(h)) re \(fill != nil && stroke != nil ? "B" : fill != nil ? "f" : "S") Q"
        content.append(ops)
      case let .path(pts, closed, fill, opacity, stroke, w, d):
        guard let first = pts.first else { continue }
        var ops = "q "
        if let fill { ops += "\(gs(opacity)) \(colour(fill, stroke: false)) " }
        if let stroke { ops += "\(colour(stroke, stroke: true)) \(n(w)) w \(dash(d)) " }
        ops += "\(n(first.0)) \(n(Y(first.1))) m " + pts.dropFirst().map { "\(n($0.0)) \(n(Y($0.1))) l " }.joined()
        if closed { ops += "h " }
        ops += (fill != nil && stroke != nil ? "B" : fill != nil ? "f" : "S") + " Q"
        content.append(ops)
      case let .circle(x, y, r, fill, stroke, w):
        // Four cubic Béziers; k = 4(√2 − 1)/3 puts their midpoints on the circle.
        let k = 0.5523 * r, cy = Y(y)
        var ops = "q "
        if let fill { ops += "\(colour(fill, stroke: false)) " }
        if let stroke { ops += "\(colour(stroke, stroke: true)) \(n(w)) w " }
        ops += "\(n(x + r)) \(n(cy)) m \(n(x + r)) \(n(cy + k)) \(n(x + k)) \(n(cy + r)) \(n(x)) \(n(cy + r)) c "
        ops += "\(n(x - k)) \(n(cy + r)) \(n(x - r)) \(n(cy + k)) \(n(x - r)) \(n(cy)) c "
        ops += "\(n(x - r)) \(n(cy - k)) \(n(x - k)) \(n(cy - r)) \(n(x)) \(n(cy - r)) c "
        ops += "\(n(x + k)) \(n(cy - r)) \(n(x + r)) \(n(cy - k)) \(n(x + r)) \(n(cy)) c h "
        ops += (fill != nil && stroke != nil ? "B" : fill != nil ? "f" : "S") + " Q"
        content.append(ops)
      case let .text(t):
        let bytes = PDFWriter.winAnsi(t.string)
        let w = TextMetrics.helveticaWidth(bytes, size: t.size, bold: t.bold)
        let shift = t.anchor == .start ? 0 : t.anchor == .middle ? -w / 2 : -w
        // SVG rotates clockwise with y down; in PDF's y-up space that is the angle −θ.
        let a = -(t.rotate ?? 0) * Double.pi / 180
        let (c, s) = (cos(a), sin(a))
        let x = t.x + shift * c, y = Y(t.y) + shift * s
        content.append("BT \(colour(t.color, stroke: false)) /\(t.bold ? "F2" : "F1") \(n(t.size)) Tf \(n(c)) \(n(s)) \(n(-s)) \(n(c)) \(n(x)) \(n(y)) Tm \(PDFWriter.literal(bytes)) Tj ET")
      }
    }
    let stream = content.joined(separator: "\n") + "\n"
    var writer = PDFWriter()
    writer.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    writer.object(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    let states = opacities.enumerated().map { "/GS\($0.offset) << /Type /ExtGState /ca \($0.element) /CA 1 >>" }.joined(separator: " ")
    writer.object(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(n(width)) \(n(height))] /Contents 4 0 R "
                  + "/Resources << /Font << /F1 5 0 R /F2 6 0 R >> /ExtGState << \(states) >> >> >>")
    writer.object(4, "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)endstream")
    writer.object(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    writer.object(6, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    return String(decoding: writer.finish(root: 1), as: UTF8.self)
  }
}

/// The file structure of a PDF: header, numbered objects, the cross-reference table of their
/// byte offsets, trailer. Objects must be added in order 1, 2, …. Every byte is ASCII (text
/// outside it is written as octal escapes), so the file is also a valid Swift `String`; the
/// optional binary-marker comment after the header is left out for that reason.
struct PDFWriter {
  private(set) var bytes: [UInt8] = Array("%PDF-1.4\n".utf8)
  private var offsets: [Int] = []

  mutating func object(_ number: Int, _ body: String) {
    precondition(number == offsets.count + 1, "PDF objects are numbered in order")
    offsets.append(bytes.count)
    bytes += Array("\(number) 0 obj\n\(body)\nendobj\n".utf8)
  }

  /// The cross-reference table (each entry exactly 20 bytes), trailer and end marker.
  mutating func finish(root: Int) -> [UInt8] {
    let xref = bytes.count
    var tail = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
    for o in offsets { tail += String(repeating: "0", count: max(0, 10 - String(o).count)) + String(o) + " 00000 n \n" }
    tail += "trailer\n<< /Size \(offsets.count + 1) /Root \(root) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
    bytes += Array(tail.utf8)
    return bytes
  }

  /// Up to 3 decimals, no trailing zeros, never "-0".
  static func number(_ x: Double) -> String {
    let r = (x * 1000).rounded() / 1000
    if r == r.rounded() { return String(Int(r)) }
    var s = String(format: "%.3f", r)
    while s.hasSuffix("0") { s.removeLast() }
    return s
  }

  /// Text in WinAnsiEncoding (the base-14 fonts' encoding): ASCII as is, the few Latin-1 and
  /// typographic characters the reports use by their codes, and what Helvetica lacks spelled in
  /// ASCII (− as -, ≥ as >=, ∈ as "in", μ as the micro sign, ρ as "rho").
  static func winAnsi(_ s: String) -> [UInt8] {
    var out: [UInt8] = []
    for u in s.unicodeScalars {
      switch u.value {
      case 32..<127: out.append(UInt8(u.value))
      case 0xA0...0xFF: out.append(UInt8(u.value))
      case 0x2013: out.append(0x96)
      case 0x2014: out.append(0x97)
      case 0x2026: out.append(0x85)
      case 0x2018: out.append(0x91)
      case 0x2019: out.append(0x92)
      case 0x201C: out.append(0x93)
      case 0x201D: out.append(0x94)
      case 0x2022: out.append(0x95)
      case 0x2212: out.append(UInt8(ascii: "-"))
      case 0x2265: out += Array(">=".utf8)
      case 0x2264: out += Array("<=".utf8)
      case 0x2208: out += Array("in".utf8)
      case 0x2248: out += Array("~".utf8)
      case 0x2192: out += Array("->".utf8)
      case 0x03BC: out.append(0xB5)  // Greek mu as the micro sign, the same glyph (Morris μ*)
      case 0x03C1: out += Array("rho".utf8)
      case 0x03C3: out += Array("sigma".utf8)
      default: out.append(UInt8(ascii: "?"))
      }
    }
    return out
  }

  /// A PDF literal string: parentheses and backslashes escaped, bytes outside ASCII as octal.
  static func literal(_ bytes: [UInt8]) -> String {
    var s = "("
    for b in bytes {
      switch b {
      case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"): s += "\\" + String(UnicodeScalar(b))
      case 32..<127: s += String(UnicodeScalar(b))
      default:
        let o = String(b, radix: 8)
        s += "\\" + String(repeating: "0", count: 3 - o.count) + o
      }
    }
    return s + ")"
  }
}
