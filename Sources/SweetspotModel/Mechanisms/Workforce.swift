#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SweetspotNumerics

/// The agents: what training, tenure and burnout make of their skill, courtesy, first-contact
/// resolution and handle time, and how burnout, attrition and hiring move from week to week
/// (Win4, seed 004: employees are one of the four parties).
struct Workforce {
  /// Burnout B on 0–1; it starts at `burnoutBase`.
  var burnout: Double
  /// Average tenure of the agents on the floor, weeks (skill ramps up with it).
  var tenureWeeks: Double
  /// Agents employed (FTE); negative until the first week sets it to the requirement.
  var headcount = -1.0

  init(_ w: World) {
    burnout = w.burnoutBase
    tenureWeeks = w.initialTenureWeeks
  }

  /// Training effect T = 1 − e^{−hours/saturation}: diminishing returns to training hours per
  /// agent-week. Parameters: `world.training_saturation_hours`.
  @inline(__always)
  static func trainingEffect(hours: Double, _ w: World) -> Double { 1 - exp(-hours / w.trainingSaturationHours) }

  /// Skill = (base + gain·T)·(1 − gap·e^{−tenure/ramp}): training raises the ceiling, new hires
  /// start `newHireSkillGap` below it and ramp up. Parameters: `world.skill_base`,
  /// `world.skill_training_gain`, `world.new_hire_skill_gap`, `world.skill_ramp_weeks`.
  @inline(__always)
  func skill(training t: Double, _ w: World) -> Double {
    (w.skillBase + w.skillTrainingGain * t) * (1 - w.newHireSkillGap * exp(-tenureWeeks / w.skillRampWeeks))
  }

  /// Courtesy = base + a·T + b·skill − c·B on 0–1. Parameters: `world.courtesy_*`.
  @inline(__always)
  func courtesy(training t: Double, skill: Double, _ w: World) -> Double {
    clamp01(w.courtesyBase + w.courtesyTrainingGain * t + w.courtesySkillGain * skill - w.courtesyBurnoutLoss * burnout)
  }

  /// Phone first-contact resolution = base + a·skill + b·KB − c·B + d·(care time − 1), kept in
  /// [floor, ceiling]; chat and email resolve `fcr_chat_gap` and `fcr_email_gap` less often.
  /// Anchored on SQM's average FCR (≈ 67–70%, facts §1c). Parameters: `world.fcr_*`.
  @inline(__always)
  func phoneFCR(skill: Double, levers: Levers, _ w: World) -> Double {
    min(w.fcrCeiling, max(w.fcrFloor, w.fcrBase + w.fcrSkillGain * skill + w.fcrKnowledgeBaseGain * Technology.knowledgeBase(levers, w)
                                        - w.fcrBurnoutLoss * burnout + w.fcrCareTimeGain * (levers.careTime - 1)))
  }

  /// Phone handle time, minutes = base·care·(a − b·KB)·(1 + c·B)·(d − e·skill)·pressure factor:
  /// a knowledge base, skill and pressure shorten calls, burnout and extra care lengthen them.
  /// Parameters: `world.phone_handle_minutes`, `world.aht_*`, `world.pressure_handle_time_saving`.
  @inline(__always)
  func phoneHandleMinutes(skill: Double, levers: Levers, _ w: World) -> Double {
    w.phoneHandleMinutes * levers.careTime * (w.ahtKnowledgeBaseBase - w.ahtKnowledgeBaseSaving * Technology.knowledgeBase(levers, w))
      * (1 + w.ahtBurnoutSlope * burnout) * (w.ahtSkillBase - w.ahtSkillSaving * skill) * Workforce.pressureFactor(levers, w)
  }

  /// Perfection pressure's benefit: handle time × (1 − saving·(1 − e^{−p/s})/(1 − e^{−1/s})) on
  /// every channel, concave in pressure (its cost, convex burnout and with it attrition, is in
  /// `burnoutTarget`). Parameters: `world.pressure_handle_time_saving`, `world.pressure_saturation`.
  @inline(__always)
  static func pressureFactor(_ levers: Levers, _ w: World) -> Double {
    let s = w.pressureSaturation
    return 1 - w.pressureHandleTimeSaving * -expm1(-levers.targetPressure / s) / -expm1(-1 / s)
  }

  /// Burnout's target: base + slope·(occupancy − knee)⁺ + weight·pressure^exponent − relief·T, on 0–1.
  /// Parameters: `world.burnout_base`, `world.burnout_occupancy_slope`,
  /// `world.burnout_occupancy_knee`, `world.burnout_pressure_weight`, `world.burnout_pressure_exponent`,
  /// `world.burnout_training_relief`.
  @inline(__always)
  static func burnoutTarget(occupancy: Double, pressure: Double, training t: Double, _ w: World) -> Double {
    clamp01(w.burnoutBase + w.burnoutOccupancySlope * max(0, occupancy - w.burnoutOccupancyKnee)
            + w.burnoutPressureWeight * pow(pressure, w.burnoutPressureExponent) - w.burnoutTrainingRelief * t)
  }

  /// Weekly quit probability 1 − exp(−(a/52)·e^{k·B}): attrition grows with burnout.
  /// Parameters: `world.base_annual_attrition`, `world.burnout_attrition_slope`.
  @inline(__always)
  func quitProbability(_ w: World) -> Double { -expm1(-w.baseAnnualAttrition / 52 * exp(w.burnoutAttritionSlope * burnout)) }

  /// FTE needed to put `floorHours` on the floor: net of shrinkage and of training time.
  /// (The 0.05 floor on available time only keeps the division finite.)
  @inline(__always)
  static func requiredFTE(floorHours: Double, levers: Levers, _ w: World) -> Double {
    let availableShare = (1 - w.shrinkage) * max(0.05, 1 - levers.trainingHours / w.hoursPerFTE)
    return floorHours / availableShare / w.hoursPerFTE
  }

  /// One week of the workforce: burnout moves `burnout_adjust_rate` of the way to its target;
  /// leavers ~ Binomial(headcount, quit probability); hires fill the requirement and dilute
  /// tenure. Returns the week's leavers and hires.
  mutating func week(floorHours: Double, occupancy: Double, levers: Levers, training t: Double,
                     employees: borrowing RandomStream, _ w: World) -> (leavers: Double, hires: Double) {
    let required = Workforce.requiredFTE(floorHours: floorHours, levers: levers, w)
    let target = Workforce.burnoutTarget(occupancy: occupancy, pressure: levers.targetPressure, training: t, w)
    burnout += w.burnoutAdjustRate * (target - burnout)
    if headcount < 0 { headcount = required }
    let quit = quitProbability(w)
    let staff = Int(headcount.rounded())
    let leavers = staff > 0 ? Double(employees.binomial(trials: staff, probability: quit)) : 0
    let stay = max(0, headcount - leavers)
    let hires = max(0, required - stay)
    tenureWeeks = required > 0 ? (min(stay, required) * (tenureWeeks + 1)) / max(required, 1e-9) : tenureWeeks
    headcount = required
    return (leavers, hires)
  }
}
