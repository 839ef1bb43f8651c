import SweetspotNumerics

/// GSL special functions with their errors re-phrased as queueing errors.
enum SpecialFunctionsBridge {
  static func incompleteBeta(_ a: Double, _ b: Double, _ x: Double) throws(QueueError) -> Double {
    do { return try SpecialFunctions.regularizedIncompleteBeta(a, b, x) } catch {
      throw .invalid(name: "incomplete beta argument", value: "\(a), \(b), \(x)", allowed: String(describing: error))
    }
  }
  static func lowerGamma(_ a: Double, _ x: Double) throws(QueueError) -> Double {
    do { return try SpecialFunctions.regularizedLowerGamma(a, x) } catch {
      throw .invalid(name: "incomplete gamma argument", value: "\(a), \(x)", allowed: String(describing: error))
    }
  }
  static func logGamma(_ x: Double) throws(QueueError) -> Double {
    do { return try SpecialFunctions.logGamma(x) } catch {
      throw .invalid(name: "log-gamma argument", value: "\(x)", allowed: String(describing: error))
    }
  }
}
