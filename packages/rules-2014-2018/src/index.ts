/**
 * @khuyencong/rules-2014-2018: the khuyến công rule pack (bộ quy tắc) for 2014–2018, as data for
 * `@khuyencong/core`: Decree 45/2012/NĐ-CP; Circular 46/2012/TT-BCT as first issued; Circular
 * 36/2013/TT-BCT as first issued (plan calendar, advances, settlement); Joint Circular
 * 26/2014/TTLT-BTC-BCT (support levels, conditions, advance ceiling); Decision 1288/QĐ-TTg
 * (programme to 2020). Every figure is read in the primary text (the official codification).
 *
 * The pack governs decisions dated 2014-04-08 (Joint Circular 26/2014 in force) … 2018-05-10 (the
 * day before Circular 28/2018/TT-BTC replaced it) and plan years 2014–2018. The 2021–2025 pack
 * governs decisions from 2018-05-11 and plan years 2021–2025: the two do not overlap.
 *
 * @example
 * ```ts
 * import { Pack, LocalDate } from "@khuyencong/core"
 * import { pack } from "@khuyencong/rules-2014-2018"
 * const resolved = Pack.resolveOrThrow(Pack.loadOrThrow(pack), LocalDate.parseOrThrow("2016-06-30"))
 * resolved.items["machinery.equipment"]?.amount // 200000000n
 * ```
 * @since 0.1.0
 */
import type { Overlay, Parameter, RulePack } from "@khuyencong/core"
import { activities } from "./activities.js"
import { advances } from "./advances.js"
import { calendar } from "./calendar.js"
import { areaPriorities, eligibilityParameters, eligibilityRules, industryPriorities, priorityRules } from "./eligibility.js"
import { instruments } from "./instruments.js"
import { JC26_FROM, JC26_UNTIL, parameters as levelParameters } from "./parameters.js"

export { activities, advanceAssignments } from "./activities.js"
export { advances } from "./advances.js"
export { calendar } from "./calendar.js"
export { areaPriorities, eligibilityParameters, eligibilityRules, industryPriorities, priorityRules } from "./eligibility.js"
export * from "./instruments.js"
export { JC26_FROM, JC26_UNTIL, TT36_FROM } from "./parameters.js"

const merge = (
  a: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>>,
  b: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>>
): Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>> => {
  for (const id of Object.keys(b)) if (Object.hasOwn(a, id)) throw new Error(`parameter ${id} is defined twice`)
  return { ...a, ...b }
}

/**
 * Every parameter of the pack, by id: support levels, overhead, priority multiplier, advance
 * ratios and carry-over (parameters.ts) and eligibility parameters (eligibility.ts).
 * @example `parameters["support.demo-model.cap"]?.values[0]?.value` → `500000000n`
 * @category pack
 * @since 0.1.0
 */
export const parameters: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>> = merge(
  levelParameters,
  eligibilityParameters
)

/**
 * The 2014–2018 national rule pack (not yet loaded: pass it to `Pack.load` / `Pack.loadOrThrow`).
 * @example `pack.governs` → `{ decisions: { start: "2014-04-08", end: "2018-05-10" }, planYears: { from: 2014, to: 2018 } }`
 * @category pack
 * @since 0.1.0
 */
export const pack: RulePack.RulePack = {
  id: "vn-khuyen-cong-2014-2018",
  version: "0.1.0",
  title:
    "Khuyến công 2014–2018: Decree 45/2012, Circular 46/2012, Circular 36/2013, Joint Circular 26/2014/TTLT-BTC-BCT, Decision 1288/QĐ-TTg",
  instruments,
  governs: {
    decisions: { start: JC26_FROM, end: JC26_UNTIL },
    planYears: { from: 2014, to: 2018 }
  },
  parameters,
  activities,
  areaPriorities,
  industryPriorities,
  advances,
  calendar,
  eligibility: eligibilityRules,
  support: { priorityMultiplier: "priority.multiplier" },
  priority: priorityRules
}

/**
 * Provincial overlays for this pack: none. Provinces set their own local levels under Joint
 * Circular 26/2014 Art. 6.3 ([PD] l.1441–1443); none of that period is in ../shared/legal.
 * Exported so that the pack module has the shape the case runner expects.
 * @example `overlays` → `[]`
 * @category overlays
 * @since 0.1.0
 */
export const overlays: ReadonlyArray<Overlay.Overlay> = []
