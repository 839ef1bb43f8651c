import SweetspotNumerics

/// The sums a trial's outcome takes over its customer slots at the horizon: the starting
/// customers still there (retention), the customers at the horizon and their attitude (ACSI),
/// the weekly revenue they bring (the value of the customers kept), and the counts of the TARP
/// retention table by outcome class.
///
/// Computed over fixed units of slots (`Trial.passUnit`), in parallel, and added in unit order,
/// so the totals are the same on any number of threads; on one thread these passes over every
/// slot were the last serial step of a trial of a million customers.
struct ClosingSums {
  var survivors = 0.0, alive = 0.0, attitude = 0.0, revenue = 0.0
  /// TARP: customers whose first problem ended in class c (index c, 1 ... 4) with a full window
  /// after it, and those of them still customers at the window's end.
  var seen = SIMD8<Double>(), kept = SIMD8<Double>()

  /// The sums over `population`'s slots: survivors among the first `n0` (the starting
  /// customers), attitude on the ACSI scale (shifted by `acsiOffset`, within [0, 1]), TARP
  /// counts over a window of `window` weeks in a horizon of `weeks`.
  static func of(_ population: Population, n0: Int, weeks: Int, window: Int, acsiOffset: Double, threads: Int) throws -> ClosingSums {
    let pop = population.view
    let parts = try parallelMap(count: population.count, unit: Trial.passUnit, threads: threads) { range -> ClosingSums in
      var s = ClosingSums()
      for i in range {
        if pop.alive[i] {
          if i < n0 { s.survivors += 1 }
          s.alive += 1
          s.attitude += min(1, max(0, Double(pop.attitude[i]) + acsiOffset))
          s.revenue += Double(pop.revenue[i])
        }
        let c = Int(pop.tarpClass[i].rawValue)
        guard c > 0, Int(pop.tarpWeek[i]) + window < weeks else { continue }
        s.seen[c] += 1
        let left = pop.churnWeek[i]
        if left < 0 || Int(left) > Int(pop.tarpWeek[i]) + window { s.kept[c] += 1 }
      }
      return s
    }
    var total = ClosingSums()
    for p in parts {
      total.survivors += p.survivors; total.alive += p.alive; total.attitude += p.attitude; total.revenue += p.revenue
      total.seen += p.seen; total.kept += p.kept
    }
    return total
  }
}
