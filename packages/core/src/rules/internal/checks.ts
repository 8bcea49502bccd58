/**
 * Internal: what `Pack.load` checks of a pack definition beyond its structure (`RulePack.schema`):
 * the cross-references and totals a schema of one structure cannot see. Each rule is written
 * here once:
 * - parameters: stored under their own id, one value type each, covering the pack's period (or
 *   the days a layer introduced them for);
 * - every parameter a rule reads exists and holds the type and range the rule needs;
 * - codes and ids unique (instruments, activities, items, advance tiers, calendar entries,
 *   eligibility rules, priority classes), priority ranks unique per list (a total order);
 * - activities name an advance tier the schedule defines; a multiple-of item names another item
 *   with an absolute amount;
 * - eligibility rules map exactly the roles of their kind (`eligibility/registry.ts`).
 *
 * The checks read only the parts of the definition its schema accepts, so a malformed part is
 * reported once, by the schema. Every problem has its path into the definition.
 * @module
 */
import * as Schema from "effect/Schema"
import type * as Decode from "../../values/Decode.js"
import { instrumentSchema } from "../../values/Citation.js"
import type { Path } from "../../values/Errors.js"
import * as LocalDate from "../../values/LocalDate.js"
import type * as Parameter from "../../values/Parameter.js"
import * as Rate from "../../values/Rate.js"
import { specOf } from "../eligibility/registry.js"
import {
  parameterValueSchema,
  schemas,
  valueTypeLabel,
  valueTypeOf,
  type AdvanceCondition,
  type CapRule,
  type EligibilityRule,
  type LayerSegment,
  type ParameterValue,
  type PriorityClass,
  type PriorityCriterion,
  type ValueType
} from "../RulePack.js"
import { schema as parameterSchema } from "../../values/Parameter.js"
import { schema as citationSchema } from "../../values/Citation.js"
import { Issues, showPath } from "./issues.js"
import { criterionRefs } from "./values.js"

const structures = schemas(citationSchema)
const parameter = parameterSchema(parameterValueSchema)
const text = Schema.String.check(Schema.isMinLength(1))

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> => typeof u === "object" && u !== null && !Array.isArray(u)

/** A constraint on the values of a referenced parameter. */
type Bound = "share" | "non-negative" | "positive" | "at-least-one" | "none"

const sign = (v: ParameterValue): number | undefined =>
  typeof v === "bigint" ? (v < 0n ? -1 : v > 0n ? 1 : 0) : typeof v === "number" ? Math.sign(v) : Rate.isFraction(v) ? Rate.compareShare(v.numerator, v.denominator, Rate.zero) : undefined

const boundOk = (v: ParameterValue, bound: Bound): boolean => {
  switch (bound) {
    case "none":
      return true
    case "share":
      return Rate.isFraction(v) && Rate.isShare(v)
    case "non-negative":
      return (sign(v) ?? 0) >= 0
    case "positive":
      return (sign(v) ?? 0) > 0
    case "at-least-one":
      return Rate.isFraction(v) && Rate.compareShare(v.numerator, v.denominator, Rate.one) >= 0
  }
}

const boundLabel: { readonly [B in Bound]: string } = {
  share: "between 0 and 1 (0 %–100 %)",
  "non-negative": "not negative",
  positive: "greater than 0",
  "at-least-one": "at least 1",
  none: ""
}

/** The elements of a list; none when it is not one (the schema reports that). */
const list = (u: unknown): ReadonlyArray<unknown> => (Array.isArray(u) ? u : [])

/**
 * Check a pack definition beyond its structure, adding every problem to `issues`. `accepts`
 * says whether the pack's schema accepts a part (always true when the whole pack decoded).
 */
export const checkPack = (def: unknown, accepts: (schema: Decode.AnySchema, u: unknown) => boolean, issues: Issues): void => {
  if (!isRecord(def)) return
  const ok = <T>(schema: Decode.AnySchema, u: unknown): u is T => accepts(schema, u)

  // Instruments: one entry per number
  const numbers = new Set<string>()
  list(def["instruments"]).forEach((ins, i) => {
    if (!ok<{ readonly number: string }>(instrumentSchema, ins)) return
    if (numbers.has(ins.number)) issues.add("pack/duplicate-instrument", ["instruments", i, "number"], `instrument (văn bản) ${ins.number} is listed twice`, ins.number)
    numbers.add(ins.number)
  })

  // Period
  const governs = def["governs"]
  const decisions = isRecord(governs) && isRecord(governs["decisions"]) ? governs["decisions"] : undefined
  const start = LocalDate.is(decisions?.["start"]) ? decisions["start"] : undefined
  const end = LocalDate.is(decisions?.["end"]) ? decisions["end"] : undefined

  // Parameters: own id, one type, no gap over the period (or the days a layer introduced them for)
  const raw = isRecord(def["parameters"]) ? def["parameters"] : undefined
  const params = new Map<string, Parameter.Parameter<ParameterValue>>()
  const types = new Map<string, ValueType>()
  const layering = def["layering"]
  const introduced: Readonly<Record<string, LayerSegment>> = isRecord(layering) && isRecord(layering["introduced"]) ? (layering["introduced"] as Record<string, LayerSegment>) : {}
  for (const key of Object.keys(raw ?? {})) {
    const p = raw?.[key]
    if (!ok<Parameter.Parameter<ParameterValue>>(parameter, p)) continue
    const path: Path = ["parameters", key]
    if (p.id !== key) issues.add("pack/parameter-id-mismatch", [...path, "id"], `parameter (tham số) stored under "${key}" has id ${JSON.stringify(p.id)}`, p.id)
    let type: ValueType | undefined
    let consistent = true
    p.values.forEach((v, i) => {
      const t = valueTypeOf(v.value) as ValueType
      if (type === undefined) type = t
      else if (t !== type) {
        issues.add("pack/parameter-mixed-types", [...path, "values", i, "value"], `parameter (tham số) "${key}" value ${i} is ${valueTypeLabel[t]} but value 0 is ${valueTypeLabel[type]}`)
        consistent = false
      }
    })
    if (consistent && type !== undefined) types.set(key, type)
    params.set(key, p)
    const seg = introduced[key]
    const from = seg?.start ?? start
    const to = seg === undefined ? end : seg.end
    const where = seg === undefined ? "the pack's period" : `layer "${seg.layer}"`
    const first = p.values[0]
    if (first !== undefined && from !== undefined && first.from > from)
      issues.add(
        "pack/parameter-gap",
        [...path, "values", 0, "from"],
        `parameter (tham số) "${key}" starts on ${first.from}, after ${seg === undefined ? "the start of the pack's period" : `the start of layer "${seg.layer}"`} ${from}: no value for ${from} … ${LocalDate.addDays(first.from, -1)}`,
        first.from
      )
    if (p.until !== undefined && from !== undefined) {
      if (to === undefined)
        issues.add("pack/parameter-gap", [...path, "until"], `parameter (tham số) "${key}" ends on ${p.until} but ${where} has no end: no value after ${p.until}`, p.until)
      else if (p.until < to) issues.add("pack/parameter-gap", [...path, "until"], `parameter (tham số) "${key}" ends on ${p.until}, before the end of ${where} ${to}`, p.until)
    }
  }

  /** A parameter a rule reads: it exists, holds `type`, and every value is within `bound`. */
  const ref = (path: Path, id: string, type: ValueType, bound: Bound, what: string): void => {
    const p = params.get(id)
    if (p === undefined) {
      if (raw === undefined || !Object.hasOwn(raw, id)) issues.add("pack/unknown-parameter", path, `${what} reads parameter (tham số) "${id}", which the pack does not define`, id)
      return
    }
    const t = types.get(id)
    if (t === undefined) return // its types are reported at the parameter
    if (t !== type) {
      issues.add("pack/parameter-type", path, `${what} reads parameter (tham số) "${id}" as ${valueTypeLabel[type]}, but it holds ${valueTypeLabel[t]}`, id)
      return
    }
    p.values.forEach((v, i) => {
      if (!boundOk(v.value, bound))
        issues.add(
          type === "rate" ? "pack/rate-out-of-range" : "pack/value-out-of-range",
          ["parameters", id, "values", i, "value"],
          `parameter (tham số) "${id}" value ${i} must be ${boundLabel[bound]} (${what})`
        )
    })
  }
  const condition = (path: Path, c: AdvanceCondition): void => {
    if (c.kind === "progress-over") ref([...path, "threshold"], c.threshold, "rate", "share", "advance progress threshold")
  }

  // Advance schedule
  const advances = isRecord(def["advances"]) ? def["advances"] : undefined
  const tiers = new Set<string>()
  list(advances?.["tiers"]).forEach((t, i) => {
    const path: Path = ["advances", "tiers", i]
    const id = isRecord(t) ? t["id"] : undefined
    if (ok<string>(text, id)) {
      if (tiers.has(id)) issues.add("pack/duplicate-code", [...path, "id"], `advance tier id "${id}" is used twice`, id)
      tiers.add(id)
    }
    if (!ok<{ readonly id: string; readonly firstAdvance: string; readonly condition: AdvanceCondition }>(structures.advanceTier, t)) return
    ref([...path, "firstAdvance"], t.firstAdvance, "rate", "share", `advance tier "${t.id}" first advance`)
    condition([...path, "condition"], t.condition)
  })
  const remainder = advances?.["remainder"]
  if (ok<{ readonly condition: AdvanceCondition }>(structures.advanceRemainder, remainder)) condition(["advances", "remainder", "condition"], remainder.condition)
  const ceiling = advances?.["overallCeiling"]
  if (typeof ceiling === "string" && ok<string>(text, ceiling)) ref(["advances", "overallCeiling"], ceiling, "rate", "share", "overall advance ceiling")

  // Activities and items
  const activityCodes = new Set<string>()
  const items = new Map<string, { readonly path: Path; readonly cap: CapRule | undefined }>()
  const multiples: Array<{ readonly path: Path; readonly target: string; readonly code: string }> = []
  list(def["activities"]).forEach((a, i) => {
    const path: Path = ["activities", i]
    if (!isRecord(a)) return
    const code = a["code"]
    if (ok<string>(text, code)) {
      if (activityCodes.has(code)) issues.add("pack/duplicate-code", [...path, "code"], `activity code "${code}" is used twice`, code)
      activityCodes.add(code)
    }
    const tier = a["advanceTier"]
    if (typeof tier === "string" && !tiers.has(tier))
      issues.add(
        "pack/unknown-advance-tier",
        [...path, "advanceTier"],
        `activity "${String(code)}" uses advance tier (mức tạm ứng) "${tier}", which the advance schedule does not define`,
        tier
      )
    list(a["items"]).forEach((it, j) => {
      const ip: Path = [...path, "items", j]
      if (!isRecord(it)) return
      const cap = ok<CapRule>(structures.capRule, it["cap"]) ? it["cap"] : undefined
      const itemCode = it["code"]
      if (ok<string>(text, itemCode)) {
        const seen = items.get(itemCode)
        if (seen !== undefined) issues.add("pack/duplicate-code", [...ip, "code"], `spending item code "${itemCode}" is used twice (first at ${showPath(seen.path)})`, itemCode)
        else items.set(itemCode, { path: ip, cap })
      }
      if (cap === undefined) return
      const cp: Path = [...ip, "cap"]
      const what = `cap rule (mức hỗ trợ tối đa) of item "${String(itemCode)}"`
      switch (cap.kind) {
        case "rate-and-amount":
          ref([...cp, "rate"], cap.rate, "rate", "share", what)
          ref([...cp, "amount"], cap.amount, "money", "non-negative", what)
          break
        case "amount":
          ref([...cp, "amount"], cap.amount, "money", "non-negative", what)
          break
        case "rate":
          ref([...cp, "rate"], cap.rate, "rate", "share", what)
          break
        case "multiple-of":
          ref([...cp, "multiple"], cap.multiple, "rate", "positive", what)
          if (cap.rate !== undefined) ref([...cp, "rate"], cap.rate, "rate", "share", what)
          multiples.push({ path: [...cp, "item"], target: cap.item, code: String(itemCode) })
          break
        case "share-of-support":
          ref([...cp, "share"], cap.share, "rate", "share", what)
          break
      }
    })
  })
  for (const m of multiples) {
    const target = items.get(m.target)
    if (target === undefined) issues.add("pack/unknown-item", m.path, `item "${m.code}" is a multiple of item "${m.target}", which the catalogue does not define`, m.target)
    else if (m.target === m.code) issues.add("pack/multiple-of-itself", m.path, `item "${m.code}" is a multiple of itself`, m.target)
    else if (target.cap !== undefined && target.cap.kind !== "rate-and-amount" && target.cap.kind !== "amount")
      issues.add(
        "pack/multiple-of-without-amount",
        m.path,
        `item "${m.code}" is a multiple of item "${m.target}", whose cap rule has no absolute amount (it must be rate-and-amount or amount)`,
        m.target
      )
  }

  // Calendar
  const entries = new Set<string>()
  list(def["calendar"]).forEach((c, i) => {
    const id = isRecord(c) ? c["id"] : undefined
    if (!ok<string>(text, id)) return
    if (entries.has(id)) issues.add("pack/duplicate-code", ["calendar", i, "id"], `calendar entry id "${id}" is used twice`, id)
    entries.add(id)
  })

  // Eligibility rules: the roles of their kind
  const rules = new Set<string>()
  list(def["eligibility"]).forEach((r, i) => {
    const path: Path = ["eligibility", i]
    const id = isRecord(r) ? r["id"] : undefined
    if (ok<string>(text, id)) {
      if (rules.has(id)) issues.add("pack/duplicate-code", [...path, "id"], `eligibility rule id "${id}" is used twice`, id)
      rules.add(id)
    }
    if (!ok<EligibilityRule>(structures.eligibilityRule, r)) return
    const spec = specOf(r.kind)
    for (const role of spec.roles) {
      const pid = r.parameters[role.role]
      if (pid === undefined) {
        if (!role.optional)
          issues.add("pack/missing-rule-parameter", [...path, "parameters", role.role], `eligibility rule "${r.id}" (${r.kind}) needs a parameter for "${role.role}" (${valueTypeLabel[role.type]})`)
        continue
      }
      ref([...path, "parameters", role.role], pid, role.type, role.type === "number" ? "non-negative" : "none", `eligibility rule "${r.id}" role "${role.role}"`)
    }
    r.activities?.forEach((a, k) => {
      if (!activityCodes.has(a))
        issues.add("pack/unknown-activity", [...path, "activities", k], `eligibility rule "${r.id}" is about activity "${a}", which the pack does not define`, a)
    })
    for (const key of Object.keys(r.parameters))
      if (!spec.roles.some((x) => x.role === key))
        issues.add(
          "pack/unknown-rule-role",
          [...path, "parameters", key],
          `eligibility rule "${r.id}" (${r.kind}) has no role "${key}"; roles: ${spec.roles.map((x) => x.role).join(", ") || "none"}`
        )
  })

  // Priority classes: ids unique across both lists, ranks unique per list (a total order)
  const classes = new Set<string>()
  for (const listKey of ["areaPriorities", "industryPriorities"] as const) {
    const ranks = new Set<number>()
    list(def[listKey]).forEach((c, i) => {
      const path: Path = [listKey, i]
      if (!isRecord(c)) return
      const id = c["id"]
      if (ok<string>(text, id)) {
        if (classes.has(id)) issues.add("pack/duplicate-code", [...path, "id"], `priority class id "${id}" is used twice`, id)
        classes.add(id)
      }
      const rank = c["rank"]
      if (typeof rank === "number" && Number.isSafeInteger(rank) && rank >= 1) {
        if (ranks.has(rank)) issues.add("pack/duplicate-rank", [...path, "rank"], `priority class "${String(id)}" has rank ${rank}, already used in ${listKey}: the order must be total`, rank)
        ranks.add(rank)
      }
      if (!ok<PriorityClass>(structures.priorityClass, c)) return
      const criterion = (cp: Path, k: PriorityCriterion): void => {
        if (k.kind === "any") k.of.forEach((n, j) => criterion([...cp, "of", j], n))
        else
          for (const r of criterionRefs(k))
            ref([...cp, r.field], r.parameter, r.type, r.type === "rate" ? "share" : r.type === "number" ? "non-negative" : "none", `priority class "${c.id}"`)
      }
      criterion([...path, "criterion"], c.criterion)
    })
  }

  // Support and priority settings
  const support = def["support"]
  if (isRecord(support) && typeof support["priorityMultiplier"] === "string" && ok<string>(text, support["priorityMultiplier"]))
    ref(["support", "priorityMultiplier"], support["priorityMultiplier"], "rate", "at-least-one", "priority multiplier (mức ưu tiên)")
  const priority = def["priority"]
  if (isRecord(priority) && typeof priority["unrankedActivities"] === "string" && ok<string>(text, priority["unrankedActivities"]))
    ref(["priority", "unrankedActivities"], priority["unrankedActivities"], "list", "none", "activities without area/industry order")
  if (isRecord(priority) && typeof priority["keyProjectsFirst"] === "string" && ok<string>(text, priority["keyProjectsFirst"]))
    ref(["priority", "keyProjectsFirst"], priority["keyProjectsFirst"], "list", "none", "funds ranking key projects first")
}
