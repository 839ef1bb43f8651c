import Foundation

/// A figure as a list of drawing items in points (y down, origin top left), rendered as SVG for
/// the web (`svg`) and as PDF for LaTeX (`pdf`, `PDF.swift`) from the same items, so the two
/// never differ. No scripts, no external fonts or styles; every number is printed with fixed
/// decimals, so the bytes depend on the data only.
struct SVGCanvas: Sendable {
  enum Anchor: String, Sendable { case start, middle, end }
  struct Text: Sendable {
    var x: Double, y: Double
    var string: String
    var size: Double
    var anchor: Anchor
    var bold: Bool
    /// Degrees, clockwise (SVG's sense); nil: horizontal.
    var rotate: Double?
    var color: String
    /// The room the layout gave this label (its width); nil: up to the canvas edge.
    var box: Double?

    /// The estimated extent along the baseline, [from, to] relative to x (conservative widths).
    var extent: (from: Double, to: Double) {
      let w = TextMetrics.width(string, size: size, bold: bold)
      switch anchor {
      case .start: return (0, w)
      case .middle: return (-w / 2, w / 2)
      case .end: return (-w, 0)
      }
    }
  }
  enum Item: Sendable {
    case line(x1: Double, y1: Double, x2: Double, y2: Double, color: String, width: Double, dash: String?)
    case rect(x: Double, y: Double, w: Double, h: Double, fill: String?, opacity: Double, stroke: String?, strokeWidth: Double)
    case path(points: [(Double, Double)], closed: Bool, fill: String?, opacity: Double, stroke: String?, width: Double, dash: String?)
    case circle(x: Double, y: Double, r: Double, fill: String?, stroke: String?, width: Double)
    case text(Text)
  }

  let width: Double, height: Double
  private(set) var items: [Item] = []

  init(width: Double, height: Double) { self.width = width; self.height = height }

  // MARK: Drawing

  /// A label; with `maxWidth`, a label too wide for its room is set smaller (down to 7 pt) and
  /// then shortened with "…", so it never runs into its neighbours.
  mutating func text(_ x: Double, _ y: Double, _ s: String, size: Double = 12, anchor: String = "start", weight: String = "normal",
                     rotate: Double? = nil, color: String = "#222", maxWidth: Double? = nil) {
    let bold = weight == "bold"
    var size = size, s = s
    if let room = maxWidth {
      let w = TextMetrics.width(s, size: size, bold: bold)
      if w > room { size = max(7, size * room / w) }
      while s.count > 1 && TextMetrics.width(s, size: size, bold: bold) > room { s = String(s.dropLast(s.hasSuffix("…") ? 2 : 1)) + "…" }
    }
    items.append(.text(Text(x: x, y: y, string: s, size: size, anchor: Anchor(rawValue: anchor) ?? .start, bold: bold, rotate: rotate,
                            color: color, box: maxWidth)))
  }
  mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, color: String = "#222", width w: Double = 1, dash: String? = nil) {
    items.append(.line(x1: x1, y1: y1, x2: x2, y2: y2, color: color, width: w, dash: dash))
  }
  mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, opacity: Double = 1, stroke: String? = nil, strokeWidth: Double = 1) {
    items.append(.rect(x: x, y: y, w: max(0, w), h: max(0, h), fill: fill, opacity: opacity, stroke: stroke, strokeWidth: strokeWidth))
  }
  /// An unfilled rectangle (an outline).
  mutating func outline(_ x: Double, _ y: Double, _ w: Double, _ h: Double, color: String, width: Double = 1.5) {
    items.append(.rect(x: x, y: y, w: max(0, w), h: max(0, h), fill: nil, opacity: 1, stroke: color, strokeWidth: width))
  }
  mutating func circle(_ x: Double, _ y: Double, _ r: Double, fill: String) {
    items.append(.circle(x: x, y: y, r: r, fill: fill, stroke: nil, width: 0))
  }
  /// An unfilled circle (a ring around a point).
  mutating func ring(_ x: Double, _ y: Double, _ r: Double, color: String, width: Double = 1.6) {
    items.append(.circle(x: x, y: y, r: r, fill: nil, stroke: color, width: width))
  }
  mutating func polyline(_ pts: [(Double, Double)], color: String, width w: Double = 2, dash: String? = nil) {
    items.append(.path(points: pts, closed: false, fill: nil, opacity: 1, stroke: color, width: w, dash: dash))
  }
  mutating func polygon(_ pts: [(Double, Double)], fill: String, opacity: Double) {
    items.append(.path(points: pts, closed: true, fill: fill, opacity: opacity, stroke: nil, width: 0, dash: nil))
  }

  /// A series marker: its shape tells series apart in greyscale; hollow (white inside) marks a
  /// point outside the sweetspot zone, filled one inside.
  mutating func marker(_ x: Double, _ y: Double, _ shape: Palette.Marker, color: String, size r: Double = 4.5, filled: Bool = true) {
    let fill: String? = filled ? color : "#FFFFFF"
    func poly(_ pts: [(Double, Double)]) {
      items.append(.path(points: pts.map { (x + $0.0 * r, y + $0.1 * r) }, closed: true, fill: fill, opacity: 1, stroke: color, width: 1.3, dash: nil))
    }
    switch shape {
    case .circle: items.append(.circle(x: x, y: y, r: r * 0.9, fill: fill, stroke: color, width: 1.3))
    case .square: poly([(-0.8, -0.8), (0.8, -0.8), (0.8, 0.8), (-0.8, 0.8)])
    case .triangle: poly([(0, -1.1), (1, 0.75), (-1, 0.75)])
    case .triangleDown: poly([(0, 1.1), (1, -0.75), (-1, -0.75)])
    case .diamond: poly([(0, -1.15), (1, 0), (0, 1.15), (-1, 0)])
    case .cross:
      line(x - r * 0.8, y - r * 0.8, x + r * 0.8, y + r * 0.8, color: color, width: 2)
      line(x - r * 0.8, y + r * 0.8, x + r * 0.8, y - r * 0.8, color: color, width: 2)
    case .plus:
      line(x - r, y, x + r, y, color: color, width: 2)
      line(x, y - r, x, y + r, color: color, width: 2)
    case .star: poly((0..<10).map { k in
      let a = Double(k) * Double.pi / 5 - Double.pi / 2, rr = k % 2 == 0 ? 1.2 : 0.5
      return (rr * cos(a), rr * sin(a))
    })
    }
  }

  /// A pie: wedges of the given fractions (summing to 1) and colours, clockwise from 12
  /// o'clock, parted by thin white lines and ringed in dark grey so it reads on any background.
  /// Arcs are polygons of 2° steps (the PDF writer draws them as they are).
  mutating func pie(_ x: Double, _ y: Double, _ r: Double, shares: [(fraction: Double, colour: String)]) {
    if shares.count == 1 {
      items.append(.circle(x: x, y: y, r: r, fill: shares[0].colour, stroke: "#333333", width: 0.8))
      return
    }
    var start = -Double.pi / 2
    for (fraction, colour) in shares where fraction > 0 {
      let end = start + 2 * Double.pi * fraction
      let steps = max(2, Int((end - start) / (Double.pi / 90)))
      let arc = (0...steps).map { i -> (Double, Double) in
        let a = start + (end - start) * Double(i) / Double(steps)
        return (x + r * cos(a), y + r * sin(a))
      }
      items.append(.path(points: [(x, y)] + arc, closed: true, fill: colour, opacity: 1, stroke: "#FFFFFF", width: 0.6, dash: nil))
      start = end
    }
    items.append(.circle(x: x, y: y, r: r, fill: nil, stroke: "#333333", width: 0.8))
  }

  /// Lines of at most `width` points, breaking at spaces.
  static func wrap(_ s: String, width: Double, size: Double, bold: Bool = false) -> [String] {
    var lines: [String] = [], current = ""
    for word in s.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
      let candidate = current.isEmpty ? word : current + " " + word
      if TextMetrics.width(candidate, size: size, bold: bold) <= width || current.isEmpty { current = candidate } else {
        lines.append(current); current = word
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  /// Every label's problems: estimated wider than its box, or reaching past the canvas.
  var overflowingText: [String] {
    var out: [String] = []
    for case let .text(t) in items {
      let e = t.extent, w = e.to - e.from
      if let box = t.box, w > box + 0.01 { out.append("'\(t.string)' is \(Int(w)) pt wide in a \(Int(box)) pt box") }
      if t.rotate == nil && (t.x + e.from < -0.01 || t.x + e.to > width + 0.01) { out.append("'\(t.string)' runs past the canvas (\(Int(t.x + e.from))…\(Int(t.x + e.to)) of \(Int(width)))") }
      if let r = t.rotate, abs(abs(r) - 90) < 1e-9, t.y - e.to < -0.01 || t.y - e.from > height + 0.01 { out.append("'\(t.string)' runs past the canvas vertically") }
    }
    return out
  }

  // MARK: SVG

  var svg: String {
    var out = ["<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\">",
               "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"]
    for item in items {
      switch item {
      case let .line(x1, y1, x2, y2, color, w, dash):
        out.append("<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(color)\" stroke-width=\"\(f(w))\"\(dashAttribute(dash))/>")
      case let .rect(x, y, w, h, fill, opacity, stroke, sw):
        let s = stroke.map { " stroke=\"\($0)\" stroke-width=\"\(f(sw))\"" } ?? ""
        out.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"\(fill ?? "none")\"\(fill != nil && opacity < 1 ? " fill-opacity=\"\(f2(opacity))\"" : "")\(s)/>")
      case let .path(pts, closed, fill, opacity, stroke, w, dash):
        let points = pts.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
        let s = stroke.map { " stroke=\"\($0)\" stroke-width=\"\(f(w))\" stroke-linejoin=\"round\"" } ?? " stroke=\"none\""
        out.append("<\(closed ? "polygon" : "polyline") fill=\"\(fill ?? "none")\"\(fill != nil && opacity < 1 ? " fill-opacity=\"\(f2(opacity))\"" : "")\(s)\(dashAttribute(dash)) points=\"\(points)\"/>")
      case let .circle(x, y, r, fill, stroke, w):
        let s = stroke.map { " stroke=\"\($0)\" stroke-width=\"\(f(w))\"" } ?? ""
        out.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(fill ?? "none")\"\(s)/>")
      case let .text(t):
        let r = t.rotate.map { " transform=\"rotate(\(f($0)) \(f(t.x)) \(f(t.y)))\"" } ?? ""
        out.append("<text x=\"\(f(t.x))\" y=\"\(f(t.y))\" font-family=\"Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif\" font-size=\"\(f(t.size))\" text-anchor=\"\(t.anchor.rawValue)\"\(t.bold ? " font-weight=\"bold\"" : "") fill=\"\(t.color)\"\(r)>\(escape(t.string))</text>")
      }
    }
    out.append("</svg>")
    return out.joined(separator: "\n") + "\n"
  }

  private func dashAttribute(_ dash: String?) -> String { dash.map { " stroke-dasharray=\"\($0)\"" } ?? "" }
  /// One decimal, no trailing ".0", never "-0": deterministic and independent of the report's
  /// number formatting.
  func f(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    if r == r.rounded() { return String(Int(r)) }
    return String(format: "%.1f", r)
  }
  func f2(_ x: Double) -> String { String(format: "%.2f", x) }
  func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
  }
}

/// "Nice" axis ticks covering [lo, hi].
func ticks(_ lo: Double, _ hi: Double, count: Int = 5) -> [Double] {
  guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
  let raw = (hi - lo) / Double(count)
  let mag = pow(10, (log10(raw)).rounded(.down))
  let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? 10 * mag
  // Multiples k × step, counted (not accumulated) and rounded to the step's decimals, so a bound
  // on the grid is a tick (0.2 / 0.1 is 2.0000000000000004, whose ceiling would skip it) and
  // 3 × 0.1 is 0.3.
  let scale = pow(10, Double(max(0, -Int(log10(step).rounded(.down)) + 1)))
  var k = (lo / step - 1e-9).rounded(.up)
  var out: [Double] = []
  while k * step <= hi + step * 1e-9 {
    let t = (k * step * scale).rounded() / scale
    out.append(abs(t) < step * 1e-9 ? 0 : t)
    k += 1
  }
  return out
}

/// A tick label with as many decimals as the tick step needs (20, 2.5, 0.25), never "-0".
func tickLabel(_ t: Double, in all: [Double]) -> String {
  let step = all.count > 1 ? abs(all[1] - all[0]) : 1
  // The fewest decimals that write the step exactly: 20 → 0, 2.5 → 1, 0.25 → 2.
  let digits = (0...6).first { d in let x = step * pow(10, Double(d)); return abs(x - x.rounded()) < 1e-6 * max(1, x) } ?? 6
  let s = String(format: "%.\(digits)f", t)
  return Double(s) == 0 ? String(format: "%.\(digits)f", 0.0) : s
}

/// The old single-colour palette's name, kept for figures drawn elsewhere: now Okabe–Ito.
let palette = Palette.colours
