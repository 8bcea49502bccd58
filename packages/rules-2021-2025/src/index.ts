/**
 * @khuyencong/rules-2021-2025: the khuyến công rule pack (bộ quy tắc) for the 2021–2025 programme
 * period, as data for `@khuyencong/core`: Decree 45/2012/NĐ-CP; Circular 46/2012/TT-BCT as amended
 * by 20/2017/TT-BCT; Circular 36/2013/TT-BCT as amended by 17/2018/TT-BCT; Circular 28/2018/TT-BTC
 * (levels from 2018-05-11) as amended by 64/2024/TT-BTC; Joint Circular 26/2014/TTLT-BTC-BCT (the
 * source of the values carried over as `unconfirmed`); Decision 1881/QĐ-TTg (programme 2021–2025).
 *
 * The pack governs decisions dated 2018-05-11 … 2025-10-14 (Decree 235/2025/NĐ-CP takes effect on
 * 2025-10-15 and a later pack governs from there) and plan years 2021–2025.
 *
 * @example
 * ```ts
 * import { Pack, LocalDate } from "@khuyencong/core"
 * import { pack } from "@khuyencong/rules-2021-2025"
 * const resolved = Pack.resolveOrThrow(Pack.loadOrThrow(pack), LocalDate.parseOrThrow("2023-06-30"))
 * resolved.items["machinery.technology-line"]?.amount // 450000000n
 * ```
 * @since 0.1.0
 */
import type { Overlay, Parameter, RulePack } from "@khuyencong/core"
import { activities } from "./activities.js"
import { advances } from "./advances.js"
import { calendar } from "./calendar.js"
import { areaPriorities, eligibilityParameters, eligibilityRules, industryPriorities, priorityRules } from "./eligibility.js"
import { day } from "./internal/build.js"
import { instruments } from "./instruments.js"
import { dongThap } from "./overlays/dong-thap.js"
import { laiChau } from "./overlays/lai-chau.js"
import { parameters as levelParameters, TT28_FROM } from "./parameters.js"

export { activities, advanceAssignments } from "./activities.js"
export { advances } from "./advances.js"
export { calendar } from "./calendar.js"
export { areaPriorities, eligibilityParameters, eligibilityRules, industryPriorities, priorityRules } from "./eligibility.js"
export * from "./instruments.js"
export { dongThap, dongThapResolution } from "./overlays/dong-thap.js"
export { laiChau, laiChauResolution } from "./overlays/lai-chau.js"
export { CARRIED_OVER, parameters as levelParameters, TT28_FROM } from "./parameters.js"

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
 * @example `parameters["support.demo-model.cap"]?.values[0]?.value` → `1000000000n`
 * @category pack
 * @since 0.1.0
 */
export const parameters: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>> = merge(
  levelParameters,
  eligibilityParameters
)

/**
 * The 2021–2025 national rule pack (not yet loaded: pass it to `Pack.load` / `Pack.loadOrThrow`).
 * @example `pack.governs.decisions` → `{ start: "2018-05-11", end: "2025-10-14" }`
 * @category pack
 * @since 0.1.0
 */
export const pack: RulePack.RulePack = {
  id: "vn-khuyen-cong-2021-2025",
  version: "0.1.0",
  title:
    "Khuyến công 2021–2025: Decree 45/2012, Circular 46/2012 (as amended by 20/2017), Circular 36/2013 (as amended by 17/2018), Circular 28/2018 (as amended by 64/2024), Decision 1881/QĐ-TTg",
  instruments,
  governs: {
    decisions: { start: TT28_FROM, end: day(2025, 10, 14) },
    planYears: { from: 2021, to: 2025 }
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
 * Provincial overlays for this pack (apply one at a time with `Overlay.apply`): Lai Châu NQ
 * 18/2025/NQ-HĐND and Đồng Tháp NQ 08/2024/NQ-HĐND.
 * @example `overlays.map((o) => o.id)` → `["lai-chau-18-2025", "dong-thap-08-2024"]`
 * @category overlays
 * @since 0.1.0
 */
export const overlays: ReadonlyArray<Overlay.Overlay> = [laiChau, dongThap]
