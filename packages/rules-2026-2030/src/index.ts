/**
 * @khuyencong/rules-2026-2030: the khuyến công rule pack (bộ quy tắc) for the 2026–2030 programme
 * period, as data for `@khuyencong/core`: Decree 45/2012/NĐ-CP as amended by Decree 235/2025/NĐ-CP
 * (in force 2025-10-15); Circular 46/2012/TT-BCT; Circular 36/2013/TT-BCT as amended by
 * 17/2018/TT-BCT; Circular 28/2018/TT-BTC as amended by 64/2024/TT-BTC (support levels unchanged
 * from the 2021–2025 pack, no replacement confirmed); Decision 2646/QĐ-BCT (programme 2026–2030);
 * and the 34 provinces from 2025-07-01 (`AdminUnits`).
 *
 * The pack governs decisions dated from 2025-10-15 (the 2021–2025 pack governs up to 2025-10-14)
 * and plan years 2026–2030. The reported 139/2026/TT-BTC and 66/2026/TT-BCT are unconfirmed leads
 * (`leadInstruments`): no value changes on them, and a later version can add their values to the
 * parameters' time series from their effective dates without code changes.
 *
 * @example
 * ```ts
 * import { Pack, LocalDate } from "@khuyencong/core"
 * import { pack, AdminUnits } from "@khuyencong/rules-2026-2030"
 * const resolved = Pack.resolveOrThrow(Pack.loadOrThrow(pack), LocalDate.parseOrThrow("2026-03-02"))
 * resolved.items["machinery.technology-line"]?.amount        // 450000000n
 * AdminUnits.successorOfOrThrow("06", LocalDate.parseOrThrow("2024-05-01")).successor.name // "Thái Nguyên"
 * ```
 * @since 0.1.0
 */
import type { Overlay, Parameter, RulePack } from "@khuyencong/core"
import { activities } from "./activities.js"
import { advances } from "./advances.js"
import { calendar } from "./calendar.js"
import { areaPriorities, DECREE_235_FROM, eligibilityParameters, eligibilityRules, industryPriorities, priorityRules } from "./eligibility.js"
import { instruments } from "./instruments.js"
import { parameters as levelParameters } from "./parameters.js"

export * as AdminUnits from "./admin-units.js"
export { activities, advanceAssignments } from "./activities.js"
export { advances } from "./advances.js"
export { calendar } from "./calendar.js"
export {
  areaPriorities,
  DECREE_235_FROM,
  eligibilityParameters,
  eligibilityRules,
  engineGaps,
  industryPriorities,
  priorityRules,
  type EngineGap
} from "./eligibility.js"
export * from "./instruments.js"
export { CARRIED_OVER, STILL_BASE, TT28_FROM } from "./parameters.js"
export { programme, type Programme, type Target } from "./programme.js"

const merge = (
  a: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>>,
  b: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>>
): Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>> => {
  for (const id of Object.keys(b)) if (Object.hasOwn(a, id)) throw new Error(`parameter ${id} is defined twice`)
  return { ...a, ...b }
}

/**
 * Every parameter of the pack, by id: support levels, overhead, priority multiplier, advance
 * ratios and carry-over (parameters.ts) and eligibility parameters (eligibility.ts), including the
 * Decree 235 places, beneficiaries and owner-group priority.
 * @example `parameters["eligibility.legal-forms"]?.values[0]?.value` → `["enterprise", "cooperative", "union-of-cooperatives", "cooperative-group", "business-household"]`
 * @category pack
 * @since 0.1.0
 */
export const parameters: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>> = merge(
  levelParameters,
  eligibilityParameters
)

/**
 * The 2026–2030 national rule pack (not yet loaded: pass it to `Pack.load` / `Pack.loadOrThrow`).
 * @example `pack.governs` → `{ decisions: { start: "2025-10-15" }, planYears: { from: 2026, to: 2030 } }`
 * @category pack
 * @since 0.1.0
 */
export const pack: RulePack.RulePack = {
  id: "vn-khuyen-cong-2026-2030",
  version: "0.1.0",
  title:
    "Khuyến công 2026–2030: Decree 45/2012 as amended by Decree 235/2025, Circular 46/2012, Circular 36/2013 (as amended by 17/2018), Circular 28/2018 (as amended by 64/2024), Decision 2646/QĐ-BCT; 34 provinces from 2025-07-01",
  instruments,
  governs: {
    decisions: { start: DECREE_235_FROM },
    planYears: { from: 2026, to: 2030 }
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
 * Provincial overlays for this pack: none yet. The provincial resolutions in the notes either set
 * levels for the 2021–2025 period (Lai Châu NQ 18/2025, Đồng Tháp NQ 08/2024), lack a resolution
 * number (Đắk Lắk 2025) or give no figure (Phú Thọ NQ 23/2025, in force 2026-01-01).
 * @example `overlays` → `[]`
 * @category overlays
 * @since 0.1.0
 */
export const overlays: ReadonlyArray<Overlay.Overlay> = []
