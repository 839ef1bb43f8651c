/// Series styles that survive colour-blindness and greyscale printing: the Okabe–Ito palette
/// (Okabe & Ito 2008, "Color Universal Design"), ordered so the first colours differ in lightness
/// too, each paired with its own marker shape and dash pattern, so a series is told apart by
/// shape and line even on a black-and-white page.
enum Palette {
  /// Okabe–Ito, reordered: the first four (blue, orange, black, bluish green; relative luminance
  /// 0.15, 0.42, 0, 0.26) are at least 0.1 apart in greyscale; then vermillion, sky blue,
  /// reddish purple, and yellow (faint on white, so last).
  static let colours = ["#0072B2", "#E69F00", "#000000", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442"]
  /// Marker shapes, one per series.
  enum Marker: CaseIterable, Sendable { case circle, square, triangle, diamond, triangleDown, cross, plus, star }
  /// Dash patterns (SVG stroke-dasharray; nil: solid), one per series.
  static let dashes: [String?] = [nil, "6,3", "2,2", "8,3,2,3", "4,4", "1,3", "10,4", "6,2,2,2"]

  /// The preset strategies in the order of their fixed styles (colour, marker, dash): a preset
  /// looks the same in every run's figures (strategic is black in the showdown and in a run of
  /// three). The order is `sweetspot list strategies`', so the showdown, which runs them in that
  /// order, takes the palette in its greyscale-safe order.
  static let presetStyles = ["just-good-enough", "good-enough", "strategic", "good-to-great", "win4", "price-leader", "minimal",
                             "just-low-enough-price"]

  /// The style index of each strategy: a preset's own, and for the others the styles no preset
  /// of this run uses, in order (then round again once all eight are taken).
  static func styles(_ names: [String]) -> [Int] {
    let taken = Set(names.compactMap { presetStyles.firstIndex(of: $0) })
    var free = (0..<colours.count).filter { !taken.contains($0) }
    var next = colours.count
    return names.map { name in
      if let k = presetStyles.firstIndex(of: name) { return k }
      if !free.isEmpty { return free.removeFirst() }
      defer { next += 1 }
      return next
    }
  }

  static func colour(_ i: Int) -> String { colours[i % colours.count] }
  static func marker(_ i: Int) -> Marker { Marker.allCases[i % Marker.allCases.count] }
  static func dash(_ i: Int) -> String? { dashes[i % dashes.count] }

  /// Relative luminance (WCAG 2, sRGB) of "#rrggbb": what a colour becomes in greyscale.
  static func luminance(_ hex: String) -> Double {
    let (r, g, b) = rgb(hex)
    func linear(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
  }

  /// "#rrggbb" → components in [0, 1]; anything else is black.
  static func rgb(_ hex: String) -> (Double, Double, Double) {
    let digits = Array(hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex))
    guard digits.count == 6, let v = UInt32(String(digits), radix: 16) else { return (0, 0, 0) }
    return (Double((v >> 16) & 0xFF) / 255, Double((v >> 8) & 0xFF) / 255, Double(v & 0xFF) / 255)
  }

  /// Win4 cells: a party that wins (in more than half the trials) is blue, one that does not is
  /// vermillion; both Okabe–Ito, and the cell also says "wins"/"loses" in words.
  static let win = "#0072B2", lose = "#D55E00"
  /// The sweetspot zone and benchmark bands: a neutral grey that prints.
  static let zone = "#999999"

  /// A sequential scale for heat maps (cividis-like: dark blue → yellow, monotone in lightness,
  /// readable with any colour vision; Nuñez et al. 2018), t in [0, 1].
  static func sequential(_ t: Double) -> String {
    let stops: [(Double, Double, Double)] = [(0.000, 0.135, 0.304), (0.263, 0.318, 0.424), (0.486, 0.486, 0.471),
                                             (0.702, 0.655, 0.443), (0.996, 0.910, 0.220)]
    let x = min(1, max(0, t.isNaN ? 0 : t)) * Double(stops.count - 1)
    let k = min(stops.count - 2, Int(x)), f = x - Double(k)
    let a = stops[k], b = stops[k + 1]
    func byte(_ u: Double, _ v: Double) -> String {
      let n = Int((255 * (u + (v - u) * f)).rounded())
      let s = String(n, radix: 16, uppercase: true)
      return s.count == 1 ? "0" + s : s
    }
    return "#" + byte(a.0, b.0) + byte(a.1, b.1) + byte(a.2, b.2)
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
