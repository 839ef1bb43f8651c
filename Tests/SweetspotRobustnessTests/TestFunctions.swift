import Foundation

/// The benchmark functions of the sensitivity-analysis literature, with their analytic indices.

/// Ishigami & Homma (1990): f = sin x₁ + a sin² x₂ + b x₃⁴ sin x₁ on [−π, π]³. Input 3 acts only
/// through its interaction with input 1, so S₃ = 0 while S_T3 > 0.
struct Ishigami {
  let a = 7.0, b = 0.1

  /// f at a unit-cube point (each coordinate stretched to [−π, π]).
  func callAsFunction(_ u: [Double]) -> Double {
    let x = u.map { -Double.pi + 2 * Double.pi * $0 }
    return sin(x[0]) + a * sin(x[1]) * sin(x[1]) + b * pow(x[2], 4) * sin(x[0])
  }

  /// Analytic first-order and total indices (Sobol' & Levitan 1999; Saltelli et al. 2008, §4.8).
  var analytic: (first: [Double], total: [Double]) {
    let pi4 = pow(Double.pi, 4), pi8 = pow(Double.pi, 8)
    let v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5)
    let v2 = a * a / 8
    let v13 = b * b * pi8 * (1.0 / 18 - 1.0 / 50)
    let v = v1 + v2 + v13
    return ([v1 / v, v2 / v, 0], [(v1 + v13) / v, v2 / v, v13 / v])
  }
}

/// Sobol's G-function: Π (|4xᵢ − 2| + aᵢ) / (1 + aᵢ) on [0, 1]^k. Small aᵢ: important input.
struct GFunction {
  let a: [Double]

  func callAsFunction(_ x: [Double]) -> Double {
    var f = 1.0
    for i in a.indices { f *= (abs(4 * x[i] - 2) + a[i]) / (1 + a[i]) }
    return f
  }

  /// Vᵢ = (1/3) / (1 + aᵢ)², V = Π(1 + Vᵢ) − 1, Sᵢ = Vᵢ / V, S_Ti = Vᵢ Π_{j≠i}(1 + Vⱼ) / V.
  var analytic: (first: [Double], total: [Double]) {
    let partial = a.map { (1.0 / 3) / ((1 + $0) * (1 + $0)) }
    let v = partial.reduce(1) { $0 * (1 + $1) } - 1
    let first = partial.map { $0 / v }
    let total = partial.indices.map { i in
      partial.indices.reduce(partial[i]) { $1 == i ? $0 : $0 * (1 + partial[$1]) } / v
    }
    return (first, total)
  }
}
