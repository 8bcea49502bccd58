/**
 * Internal: structural validation of a rule pack definition (used by `Pack.load`,
 * `Overlay.apply` and `Reform.apply`). Reports every problem with its path; never throws on bad
 * input.
 * @module
 */
import * as Citation from "../../values/Citation.js"
import type { Path } from "../../values/Errors.js"
import * as LocalDate from "../../values/LocalDate.js"
import * as Parameter from "../../values/Parameter.js"
import * as Rounding from "../../values/Rounding.js"
import type {
  AdvanceCondition,
  CapUnit,
  EligibilityRule,
  LocationFlag,
  ParameterValue,
  PriorityClass,
  PriorityCriterion,
  RulePack
} from "../RulePack.js"
import { Issues, showPath } from "./issues.js"
import { isKind, kindNames, specOf } from "../eligibility/registry.js"
import { compareNumeric, criterionRefs, typeOf, valueTypeLabel, type ValueType } from "./values.js"

const capUnits: ReadonlyArray<CapUnit> = [
  "per-model",
  "per-establishment",
  "per-enterprise",
  "per-trademark",
  "per-round",
  "per-product",
  "per-cluster",
  "per-association",
  "per-project",
  "per-person",
  "per-booth"
]

const locationFlags: ReadonlyArray<LocationFlag> = [
  "highland",
  "island",
  "border",
  "ethnicMinorityArea",
  "poorDistrict",
  "newRuralCommune"
]

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/

const isRecord = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null && !Array.isArray(u)
const isText = (u: unknown): u is string => typeof u === "string" && u.trim() !== ""

/** A constraint on the values of a referenced parameter. */
type Bound = "share" | "non-negative" | "positive" | "at-least-one" | "none"

const boundOk = (v: unknown, bound: Bound): boolean => {
  switch (bound) {
    case "none":
      return true
    case "share":
      return compareNumeric(v, { numerator: 0n, denominator: 1n }) !== -1 && compareNumeric(v, { numerator: 1n, denominator: 1n }) !== 1
    case "non-negative":
      return typeof v === "bigint" ? v >= 0n : typeof v === "number" ? v >= 0 : compareNumeric(v, { numerator: 0n, denominator: 1n }) !== -1
    case "positive":
      return typeof v === "bigint" ? v > 0n : typeof v === "number" ? v > 0 : compareNumeric(v, { numerator: 0n, denominator: 1n }) === 1
    case "at-least-one":
      return compareNumeric(v, { numerator: 1n, denominator: 1n }) !== -1
  }
}

const boundLabel: { readonly [B in Bound]: string } = {
  share: "between 0 and 1 (0 %–100 %)",
  "non-negative": "not negative",
  positive: "greater than 0",
  "at-least-one": "at least 1",
  none: ""
}

/**
 * Validate a pack definition, adding every problem to `issues`. Returns the parameters whose
 * definitions were valid (normalised, frozen), for the caller to build the loaded pack.
 */
export const validatePack = (def: RulePack, issues: Issues): void => {
  if (!isRecord(def)) {
    issues.add("pack/not-an-object", [], "rule pack (bộ quy tắc) must be an object", def)
    return
  }
  if (!isText(def.id)) issues.add("pack/missing-id", ["id"], "rule pack (bộ quy tắc) has no id", def.id)
  if (typeof def.version !== "string" || !SEMVER.test(def.version))
    issues.add("pack/invalid-version", ["version"], `rule pack version ${JSON.stringify(def.version) ?? "undefined"} is not a semantic version such as 1.0.0`, def.version)
  if (!isText(def.title)) issues.add("pack/missing-title", ["title"], "rule pack (bộ quy tắc) has no title", def.title)

  // Instruments
  if (!Array.isArray(def.instruments)) {
    issues.add("pack/invalid-instruments", ["instruments"], "instruments (văn bản) must be a list", def.instruments)
  } else {
    const seen = new Set<string>()
    def.instruments.forEach((ins, i) => {
      const r = Citation.validate({ instrument: ins, grade: "primary" })
      if (!r.ok) issues.addAll(["instruments", i], r.error)
      const n = isRecord(ins) ? ins["number"] : undefined
      if (typeof n === "string") {
        if (seen.has(n)) issues.add("pack/duplicate-instrument", ["instruments", i, "number"], `instrument (văn bản) ${n} is listed twice`, n)
        seen.add(n)
      }
    })
  }

  // Period
  const start = checkGoverns(def, issues)
  const end = isRecord(def.governs) && isRecord(def.governs["decisions"]) ? (def.governs["decisions"]["end"] as LocalDate.LocalDate | undefined) : undefined

  // Parameters
  const types = new Map<string, ValueType>()
  const params = new Map<string, Parameter.Parameter<ParameterValue>>()
  if (!isRecord(def.parameters)) {
    issues.add("pack/invalid-parameters", ["parameters"], "parameters (tham số) must be an object keyed by parameter id", def.parameters)
  } else {
    const introduced = def.layering?.introduced ?? {}
    for (const key of Object.keys(def.parameters)) {
      const p = def.parameters[key]
      const path: Path = ["parameters", key]
      if (!isRecord(p)) {
        issues.add("pack/invalid-parameter", path, `parameter (tham số) "${key}" must be an object`, p)
        continue
      }
      if (p["id"] !== key)
        issues.add("pack/parameter-id-mismatch", [...path, "id"], `parameter (tham số) stored under "${key}" has id ${JSON.stringify(p["id"]) ?? "undefined"}`, p["id"])
      const made = Parameter.make(p as unknown as Parameter.Parameter<ParameterValue>)
      if (!made.ok) {
        issues.addAll(path, made.error)
        continue
      }
      const param = made.value
      let type: ValueType | undefined
      let typeOk = true
      param.values.forEach((v, i) => {
        const t = typeOf(v.value)
        if (t === undefined) {
          issues.add("pack/invalid-parameter-value", [...path, "values", i, "value"], `parameter (tham số) "${key}" value ${i} is not an amount, rate, number, switch, text or list of codes`)
          typeOk = false
        } else if (type === undefined) {
          type = t
        } else if (t !== type) {
          issues.add("pack/parameter-mixed-types", [...path, "values", i, "value"], `parameter (tham số) "${key}" value ${i} is ${valueTypeLabel[t]} but value 0 is ${valueTypeLabel[type]}`)
          typeOk = false
        }
      })
      if (typeOk && type !== undefined) types.set(key, type)
      params.set(key, param)
      // Coverage: no gap over the pack's period (or the segment a layer introduced it for).
      const seg = introduced[key]
      const from = seg?.start ?? start
      const to = seg === undefined ? end : seg.end
      const first = param.values[0]
      if (first !== undefined && from !== undefined && first.from > from)
        issues.add(
          "pack/parameter-gap",
          [...path, "values", 0, "from"],
          `parameter (tham số) "${key}" starts on ${first.from}, after ${seg === undefined ? "the start of the pack's period" : `the start of layer "${seg.layer}"`} ${from}: no value for ${from} … ${LocalDate.addDays(first.from, -1)}`,
          first.from
        )
      if (param.until !== undefined && from !== undefined) {
        if (to === undefined)
          issues.add(
            "pack/parameter-gap",
            [...path, "until"],
            `parameter (tham số) "${key}" ends on ${param.until} but the ${seg === undefined ? "pack's period" : `layer "${seg.layer}"`} has no end: no value after ${param.until}`,
            param.until
          )
        else if (param.until < to)
          issues.add(
            "pack/parameter-gap",
            [...path, "until"],
            `parameter (tham số) "${key}" ends on ${param.until}, before the end of the ${seg === undefined ? "pack's period" : `layer "${seg.layer}"`} ${to}`,
            param.until
          )
      }
    }
  }

  const ref = (path: Path, id: unknown, type: ValueType, bound: Bound, what: string): void => {
    if (typeof id !== "string" || id === "") {
      issues.add("pack/missing-parameter-reference", path, `${what} names no parameter (tham số)`, id)
      return
    }
    const p = params.get(id)
    if (p === undefined) {
      if (!isRecord(def.parameters) || !Object.hasOwn(def.parameters, id))
        issues.add("pack/unknown-parameter", path, `${what} reads parameter (tham số) "${id}", which the pack does not define`, id)
      return
    }
    const t = types.get(id)
    if (t === undefined) return // already reported
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

  // Advance schedule
  const tiers = new Set<string>()
  if (!isRecord(def.advances)) {
    issues.add("pack/invalid-advances", ["advances"], "advance schedule (tạm ứng) must be an object", def.advances)
  } else {
    const adv = def.advances
    if (!Array.isArray(adv.tiers)) {
      issues.add("pack/invalid-advances", ["advances", "tiers"], "advance tiers (mức tạm ứng) must be a list", adv.tiers)
    } else {
      adv.tiers.forEach((t, i) => {
        const path: Path = ["advances", "tiers", i]
        if (!isRecord(t)) return issues.add("pack/invalid-advance-tier", path, "advance tier must be an object", t)
        if (!isText(t.id)) issues.add("pack/missing-id", [...path, "id"], "advance tier (mức tạm ứng) has no id", t.id)
        else if (tiers.has(t.id)) issues.add("pack/duplicate-code", [...path, "id"], `advance tier id "${t.id}" is used twice`, t.id)
        else tiers.add(t.id)
        ref([...path, "firstAdvance"], t.firstAdvance, "rate", "share", `advance tier "${String(t.id)}" first advance`)
        checkCondition([...path, "condition"], t.condition, ref, issues)
        checkCitation([...path, "citation"], t.citation, issues)
      })
    }
    if (!isRecord(adv.remainder)) issues.add("pack/invalid-advances", ["advances", "remainder"], "advance remainder must be an object", adv.remainder)
    else {
      checkCondition(["advances", "remainder", "condition"], adv.remainder.condition, ref, issues)
      checkCitation(["advances", "remainder", "citation"], adv.remainder.citation, issues)
    }
    if (adv.overallCeiling !== undefined) ref(["advances", "overallCeiling"], adv.overallCeiling, "rate", "share", "overall advance ceiling")
  }

  // Activities and items
  const itemCodes = new Map<string, { readonly path: Path; readonly kind: unknown }>()
  const activityCodes = new Set<string>()
  const multipleOf: Array<{ readonly path: Path; readonly target: unknown; readonly code: string }> = []
  if (!Array.isArray(def.activities)) {
    issues.add("pack/invalid-activities", ["activities"], "activities (nội dung hoạt động) must be a list", def.activities)
  } else {
    def.activities.forEach((a, i) => {
      const path: Path = ["activities", i]
      if (!isRecord(a)) return issues.add("pack/invalid-activity", path, "activity (nội dung hoạt động) must be an object", a)
      if (!isText(a.code)) issues.add("pack/missing-code", [...path, "code"], "activity (nội dung hoạt động) has no code", a.code)
      else if (activityCodes.has(a.code)) issues.add("pack/duplicate-code", [...path, "code"], `activity code "${a.code}" is used twice`, a.code)
      else activityCodes.add(a.code)
      checkNames(path, a, "activity (nội dung hoạt động)", issues)
      checkCitation([...path, "citation"], a.citation, issues)
      if (typeof a.advanceTier !== "string" || !tiers.has(a.advanceTier))
        issues.add(
          "pack/unknown-advance-tier",
          [...path, "advanceTier"],
          `activity "${String(a.code)}" uses advance tier (mức tạm ứng) ${JSON.stringify(a.advanceTier) ?? "undefined"}, which the advance schedule does not define`,
          a.advanceTier
        )
      if (!Array.isArray(a.items)) return issues.add("pack/invalid-items", [...path, "items"], "spending items (nội dung chi) must be a list", a.items)
      a.items.forEach((it, j) => {
        const ip: Path = [...path, "items", j]
        if (!isRecord(it)) return issues.add("pack/invalid-item", ip, "spending item (nội dung chi) must be an object", it)
        const code = it.code
        if (!isText(code)) issues.add("pack/missing-code", [...ip, "code"], "spending item (nội dung chi) has no code", code)
        else if (itemCodes.has(code)) issues.add("pack/duplicate-code", [...ip, "code"], `spending item code "${code}" is used twice (first at ${showPath(itemCodes.get(code)?.path ?? [])})`, code)
        else itemCodes.set(code, { path: ip, kind: isRecord(it.cap) ? it.cap["kind"] : undefined })
        checkNames(ip, it, "spending item (nội dung chi)", issues)
        checkCitation([...ip, "citation"], it.citation, issues)
        const cap: unknown = it.cap
        const what = `cap rule (mức hỗ trợ tối đa) of item "${String(code)}"`
        if (!isRecord(cap)) return issues.add("pack/missing-cap-rule", [...ip, "cap"], `spending item (nội dung chi) "${String(code)}" has no cap rule (mức hỗ trợ tối đa)`, cap)
        const cp: Path = [...ip, "cap"]
        if (typeof cap["unit"] !== "string" || !(capUnits as ReadonlyArray<string>).includes(cap["unit"]))
          issues.add("pack/invalid-cap-unit", [...cp, "unit"], `${what} has unit ${JSON.stringify(cap["unit"]) ?? "undefined"}; expected one of ${capUnits.join(", ")}`, cap["unit"])
        switch (cap["kind"]) {
          case "rate-and-amount":
            ref([...cp, "rate"], cap["rate"], "rate", "share", what)
            ref([...cp, "amount"], cap["amount"], "money", "non-negative", what)
            break
          case "amount":
            ref([...cp, "amount"], cap["amount"], "money", "non-negative", what)
            break
          case "rate":
            ref([...cp, "rate"], cap["rate"], "rate", "share", what)
            break
          case "multiple-of":
            ref([...cp, "multiple"], cap["multiple"], "rate", "positive", what)
            if (cap["rate"] !== undefined) ref([...cp, "rate"], cap["rate"], "rate", "share", what)
            multipleOf.push({ path: [...cp, "item"], target: cap["item"], code: String(code) })
            break
          case "share-of-support":
            ref([...cp, "share"], cap["share"], "rate", "share", what)
            if (cap["unit"] !== "per-project")
              issues.add("pack/invalid-cap-unit", [...cp, "unit"], `${what}: a management-overhead share applies per project (per-project)`, cap["unit"])
            break
          default:
            issues.add(
              "pack/unknown-cap-kind",
              [...cp, "kind"],
              `${what} has kind ${JSON.stringify(cap["kind"]) ?? "undefined"}; expected rate-and-amount, amount, rate, multiple-of or share-of-support`,
              cap["kind"]
            )
        }
      })
    })
  }
  for (const m of multipleOf) {
    const target = typeof m.target === "string" ? itemCodes.get(m.target) : undefined
    if (target === undefined)
      issues.add("pack/unknown-item", m.path, `item "${m.code}" is a multiple of item ${JSON.stringify(m.target) ?? "undefined"}, which the catalogue does not define`, m.target)
    else if (m.target === m.code) issues.add("pack/multiple-of-itself", m.path, `item "${m.code}" is a multiple of itself`, m.target)
    else if (target.kind !== "rate-and-amount" && target.kind !== "amount")
      issues.add(
        "pack/multiple-of-without-amount",
        m.path,
        `item "${m.code}" is a multiple of item "${String(m.target)}", whose cap rule has no absolute amount (it must be rate-and-amount or amount)`,
        m.target
      )
  }

  // Calendar
  if (!Array.isArray(def.calendar)) {
    issues.add("pack/invalid-calendar", ["calendar"], "calendar (lịch kế hoạch) must be a list", def.calendar)
  } else {
    const ids = new Set<string>()
    def.calendar.forEach((c, i) => {
      const path: Path = ["calendar", i]
      if (!isRecord(c)) return issues.add("pack/invalid-calendar-entry", path, "calendar entry must be an object", c)
      if (!isText(c.id)) issues.add("pack/missing-id", [...path, "id"], "calendar entry has no id", c.id)
      else if (ids.has(c.id)) issues.add("pack/duplicate-code", [...path, "id"], `calendar entry id "${c.id}" is used twice`, c.id)
      else ids.add(c.id)
      checkNames(path, c, "calendar entry (mốc kế hoạch)", issues)
      checkCitation([...path, "citation"], c.citation, issues)
      checkDeadline([...path, "deadline"], c.deadline, issues)
    })
  }

  // Eligibility rules
  if (!Array.isArray(def.eligibility)) {
    issues.add("pack/missing-eligibility", ["eligibility"], "eligibility rules (điều kiện được hỗ trợ) must be a list", def.eligibility)
  } else {
    const ids = new Set<string>()
    def.eligibility.forEach((rule: EligibilityRule, i) => {
      const path: Path = ["eligibility", i]
      if (!isRecord(rule)) return issues.add("pack/invalid-rule", path, "eligibility rule must be an object", rule)
      if (!isText(rule.id)) issues.add("pack/missing-id", [...path, "id"], "eligibility rule has no id", rule.id)
      else if (ids.has(rule.id)) issues.add("pack/duplicate-code", [...path, "id"], `eligibility rule id "${rule.id}" is used twice`, rule.id)
      else ids.add(rule.id)
      checkNames(path, rule, "eligibility rule (điều kiện)", issues)
      checkCitation([...path, "citation"], rule.citation, issues)
      if (!isKind(rule.kind)) {
        issues.add("pack/unknown-rule-kind", [...path, "kind"], `eligibility rule "${String(rule.id)}" has kind ${JSON.stringify(rule.kind) ?? "undefined"}, which the core does not know (${kindNames.join(", ")})`, rule.kind)
        return
      }
      const spec = specOf(rule.kind)
      const roles: unknown = rule.parameters
      if (!isRecord(roles)) return issues.add("pack/invalid-rule-parameters", [...path, "parameters"], `eligibility rule "${rule.id}" parameters must map roles to parameter ids`, roles)
      for (const role of spec.roles) {
        const id = roles[role.role]
        if (id === undefined) {
          if (!role.optional)
            issues.add("pack/missing-rule-parameter", [...path, "parameters", role.role], `eligibility rule "${rule.id}" (${rule.kind}) needs a parameter for "${role.role}" (${valueTypeLabel[role.type]})`)
          continue
        }
        ref([...path, "parameters", role.role], id, role.type, role.type === "number" ? "non-negative" : "none", `eligibility rule "${rule.id}" role "${role.role}"`)
      }
      for (const key of Object.keys(roles))
        if (!spec.roles.some((r) => r.role === key))
          issues.add("pack/unknown-rule-role", [...path, "parameters", key], `eligibility rule "${rule.id}" (${rule.kind}) has no role "${key}"; roles: ${spec.roles.map((r) => r.role).join(", ") || "none"}`)
    })
  }

  // Priority classes
  const classIds = new Set<string>()
  for (const listKey of ["areaPriorities", "industryPriorities"] as const) {
    const list: unknown = def[listKey]
    if (!Array.isArray(list)) {
      issues.add("pack/invalid-priorities", [listKey], `${listKey} (nguyên tắc ưu tiên) must be a list`, list)
      continue
    }
    const ranks = new Set<number>()
    list.forEach((c: PriorityClass, i) => {
      const path: Path = [listKey, i]
      if (!isRecord(c)) return issues.add("pack/invalid-priority-class", path, "priority class must be an object", c)
      if (!isText(c.id)) issues.add("pack/missing-id", [...path, "id"], "priority class has no id", c.id)
      else if (classIds.has(c.id)) issues.add("pack/duplicate-code", [...path, "id"], `priority class id "${c.id}" is used twice`, c.id)
      else classIds.add(c.id)
      if (typeof c.rank !== "number" || !Number.isSafeInteger(c.rank) || c.rank < 1)
        issues.add("pack/invalid-rank", [...path, "rank"], `priority class "${String(c.id)}" rank must be a whole number ≥ 1`, c.rank)
      else if (ranks.has(c.rank)) issues.add("pack/duplicate-rank", [...path, "rank"], `priority class "${String(c.id)}" has rank ${c.rank}, already used in ${listKey}: the order must be total`, c.rank)
      else ranks.add(c.rank)
      checkNames(path, c, "priority class (ưu tiên)", issues)
      checkCitation([...path, "citation"], c.citation, issues)
      checkCriterion([...path, "criterion"], c.criterion, ref, issues, `priority class "${String(c.id)}"`)
    })
  }

  // Support and priority settings
  if (def.support !== undefined) {
    if (!isRecord(def.support)) issues.add("pack/invalid-support", ["support"], "support settings must be an object", def.support)
    else {
      if (def.support.priorityMultiplier !== undefined)
        ref(["support", "priorityMultiplier"], def.support.priorityMultiplier, "rate", "at-least-one", "priority multiplier (mức ưu tiên)")
      if (def.support.rounding !== undefined) {
        const r = typeof def.support.rounding === "string" ? Rounding.byId(def.support.rounding) : undefined
        if (r === undefined || !r.ok)
          issues.add("pack/invalid-rounding", ["support", "rounding"], `rounding (làm tròn) ${JSON.stringify(def.support.rounding) ?? "undefined"} is not a mode id such as "down-1"`, def.support.rounding)
      }
    }
  }
  if (def.priority !== undefined) {
    if (!isRecord(def.priority)) issues.add("pack/invalid-priority", ["priority"], "priority settings must be an object", def.priority)
    else {
      if (def.priority.unrankedActivities !== undefined)
        ref(["priority", "unrankedActivities"], def.priority.unrankedActivities, "list", "none", "activities without area/industry order")
      checkCitation(["priority", "citation"], def.priority.citation, issues)
    }
  }
}

const checkGoverns = (def: RulePack, issues: Issues): LocalDate.LocalDate | undefined => {
  const g: unknown = def.governs
  if (!isRecord(g)) {
    issues.add("pack/invalid-governs", ["governs"], "the period the pack governs (governs) must be an object", g)
    return undefined
  }
  let start: LocalDate.LocalDate | undefined
  const d = g["decisions"]
  if (!isRecord(d)) issues.add("pack/invalid-governs", ["governs", "decisions"], "governs.decisions must be an object with a start date", d)
  else {
    if (!LocalDate.is(d["start"])) issues.add("pack/invalid-governs", ["governs", "decisions", "start"], `decision period start ${JSON.stringify(d["start"]) ?? "undefined"} is not a YYYY-MM-DD day (ngày)`, d["start"])
    else start = d["start"]
    if (d["end"] !== undefined) {
      if (!LocalDate.is(d["end"])) issues.add("pack/invalid-governs", ["governs", "decisions", "end"], `decision period end ${JSON.stringify(d["end"])} is not a YYYY-MM-DD day (ngày)`, d["end"])
      else if (start !== undefined && d["end"] < start)
        issues.add("pack/invalid-governs", ["governs", "decisions", "end"], `decision period ends on ${d["end"]}, before it starts on ${start}`, d["end"])
    }
  }
  const y = g["planYears"]
  if (!isRecord(y) || !Number.isSafeInteger(y["from"]) || !Number.isSafeInteger(y["to"]))
    issues.add("pack/invalid-governs", ["governs", "planYears"], "governs.planYears must have whole-number from and to (năm kế hoạch)", y)
  else if ((y["from"] as number) > (y["to"] as number))
    issues.add("pack/invalid-governs", ["governs", "planYears", "to"], `plan years run from ${String(y["from"])} to ${String(y["to"])}: the end is before the start`, y["to"])
  return start
}

const checkNames = (path: Path, o: Record<string, unknown>, what: string, issues: Issues): void => {
  for (const key of ["name", "nameVi"] as const)
    if (!isText(o[key])) issues.add("pack/missing-name", [...path, key], `${what} "${String(o["code"] ?? o["id"])}" has no ${key}`, o[key])
}

const checkCitation = (path: Path, c: unknown, issues: Issues): void => {
  if (!isRecord(c)) {
    issues.add("pack/missing-citation", path, "a citation (căn cứ pháp lý) with a grade is required here", c)
    return
  }
  const r = Citation.validate(c)
  if (!r.ok) issues.addAll(path, r.error)
}

type Ref = (path: Path, id: unknown, type: ValueType, bound: Bound, what: string) => void

const checkCondition = (path: Path, c: unknown, ref: Ref, issues: Issues): void => {
  if (!isRecord(c)) return issues.add("pack/invalid-advance-condition", path, "advance condition (điều kiện tạm ứng) must be an object", c)
  const k = (c as AdvanceCondition).kind
  if (k === "progress-over") ref([...path, "threshold"], c["threshold"], "rate", "share", "advance progress threshold")
  else if (k !== "none" && k !== "base-acceptance" && k !== "base-acceptance-and-registration")
    issues.add("pack/invalid-advance-condition", [...path, "kind"], `advance condition kind ${JSON.stringify(k) ?? "undefined"} is unknown`, k)
}

const checkDeadline = (path: Path, d: unknown, issues: Issues): void => {
  if (!isRecord(d)) return issues.add("pack/invalid-deadline", path, "deadline (thời hạn) must be an object", d)
  const int = (u: unknown, lo: number, hi: number): boolean => typeof u === "number" && Number.isSafeInteger(u) && u >= lo && u <= hi
  switch (d["kind"]) {
    case "yearly":
      if (!int(d["month"], 1, 12)) issues.add("pack/invalid-deadline", [...path, "month"], "deadline month must be 1–12", d["month"])
      else if (!int(d["day"], 1, LocalDate.daysInMonth(2024, d["month"] as number)))
        issues.add("pack/invalid-deadline", [...path, "day"], `deadline day ${String(d["day"])} does not exist in month ${String(d["month"])}`, d["day"])
      if (!int(d["yearOffset"], -5, 5)) issues.add("pack/invalid-deadline", [...path, "yearOffset"], "deadline yearOffset must be a whole number of years (−5…5)", d["yearOffset"])
      break
    case "monthly":
      if (!int(d["day"], 1, 31)) issues.add("pack/invalid-deadline", [...path, "day"], "monthly deadline day must be 1–31", d["day"])
      break
    case "after-event":
      if (!isText(d["event"])) issues.add("pack/invalid-deadline", [...path, "event"], "deadline after an event must name the event", d["event"])
      if (!int(d["days"], 0, 3660)) issues.add("pack/invalid-deadline", [...path, "days"], "deadline days after the event must be a whole number ≥ 0", d["days"])
      break
    default:
      issues.add("pack/invalid-deadline", [...path, "kind"], `deadline kind ${JSON.stringify(d["kind"]) ?? "undefined"} is not yearly, monthly or after-event`, d["kind"])
  }
  if (d["cutoff"] !== undefined && d["cutoff"] !== "before" && d["cutoff"] !== "on-or-before") {
    issues.add("pack/invalid-deadline", [...path, "cutoff"], `deadline cutoff ${JSON.stringify(d["cutoff"]) ?? "undefined"} is not "before" (trước ngày) or "on-or-before" (chậm nhất)`, d["cutoff"])
  }
}

const checkCriterion = (path: Path, c: unknown, ref: Ref, issues: Issues, what: string): void => {
  if (!isRecord(c)) return issues.add("pack/missing-criterion", path, `${what} has no criterion saying which establishments fall in it`, c)
  const crit = c as PriorityCriterion
  switch (crit.kind) {
    case "location-flag":
      if (!Array.isArray(crit.flags) || crit.flags.length === 0)
        issues.add("pack/invalid-criterion", [...path, "flags"], `${what}: location-flag criterion needs at least one flag`, crit.flags)
      else
        crit.flags.forEach((f, i) => {
          if (!locationFlags.includes(f))
            issues.add("pack/invalid-criterion", [...path, "flags", i], `${what}: unknown location flag ${JSON.stringify(f)}; expected one of ${locationFlags.join(", ")}`, f)
        })
      return
    case "any":
      if (!Array.isArray(crit.of) || crit.of.length === 0)
        return issues.add("pack/invalid-criterion", [...path, "of"], `${what}: an "any" criterion needs at least one nested criterion`, crit.of)
      crit.of.forEach((n, i) => checkCriterion([...path, "of", i], n, ref, issues, what))
      return
    case "export-contract":
      return
    case "difficult-area":
    case "local-raw-material-above":
    case "workforce-at-least":
    case "industry-in":
    case "owner-flag":
      for (const r of criterionRefs(crit))
        ref([...path, r.field], r.parameter, r.type, r.type === "rate" ? "share" : r.type === "number" ? "non-negative" : "none", what)
      return
    default:
      issues.add("pack/invalid-criterion", [...path, "kind"], `${what}: unknown criterion kind ${JSON.stringify((crit as { kind?: unknown }).kind) ?? "undefined"}`)
  }
}
