/**
 * Reform (giả định thay đổi chính sách): a what-if that overrides parameters of a rule pack for a
 * date range without touching the pack, and a comparison of the support two packs give the same
 * proposals.
 *
 * {@link apply} returns a new, validated, frozen pack whose `layering` names the reform as the
 * layer that set the overridden values on their days, so every resolved figure and trace step
 * says `layer: <reform id>`. The overridden values carry the reform's citation; without one they
 * get a synthetic citation of grade `unconfirmed` ("what-if, not law"), so they are flagged in every
 * explanation. On a pack carrying a provincial overlay the reform also applies to the national
 * view beneath it.
 *
 * {@link compare} evaluates each proposal under both packs (eligibility and support, each pack
 * resolved once per date) and reports, per proposal and in total, the amount payable under each
 * and the difference `b − a`, and the budget effect (tác động ngân sách) by fund, activity, spending
 * item and province. It reads applicants' behaviour as an explicit {@link Behaviour}: requests held
 * fixed (the default), or raised to the new cap on every line where the old cap bound.
 *
 * {@link diff} lists every parameter and rule that differs between two packs, or one pack (the
 * corpus) at two dates, with both values and both citations.
 *
 * @example
 * ```ts
 * import { Reform } from "@khuyencong/core"
 * const doubled = Reform.applyOrThrow(pack, {
 *   id: "machinery-600m", title: "Machinery cap 600 million from 2026",
 *   overrides: [{ parameter: "support.machinery.cap", range: { start: "2026-01-01" }, value: 600_000_000n }]
 * })
 * Reform.compare(pack, doubled, proposals, { establishments }) // ok({ total: { a, b, difference }, proposals: [...] })
 * ```
 * @since 0.1.0
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Citation from "../values/Citation.js"
import type { DateRange } from "../values/DateRange.js"
import * as Decode from "../values/Decode.js"
import type { LookupError, RuleViolation, ValidationError } from "../values/Errors.js"
import type * as Eligibility from "./Eligibility.js"
import { establishmentOf } from "./eligibility/Kind.js"
import * as Evaluate from "./Evaluate.js"
import { Issues } from "./internal/issues.js"
import { canonical as canonicalJson, canonicalOf } from "./internal/canonical.js"
import { normalise } from "./internal/values.js"
import * as LocalDate from "../values/LocalDate.js"
import type * as Money from "../values/Money.js"
import { loadPack } from "./internal/load.js"
import * as Pack from "./Pack.js"
import type { LineSupport } from "./internal/supportModel.js"
import * as Trace from "../values/Trace.js"
import * as Parameter from "../values/Parameter.js"
import type { Proposal } from "../records/Proposal.js"
import { err, ok, orThrow, type Result, toEffect } from "../values/Result.js"
import {
  layerIdSchema,
  layerRangeSchema,
  parameterValueSchema,
  valueTypeLabel,
  valueTypeOf,
  type LayerInfo,
  type LayerSegment,
  type Layering,
  type ParameterValue,
  type RulePack
} from "./RulePack.js"

/**
 * One override: `parameter` takes `value` on every day of `range`.
 * @category models
 * @since 0.1.0
 */
export interface Override {
  readonly parameter: string
  readonly range: DateRange
  readonly value: ParameterValue
  /** Source of the what-if value; default: a synthetic `unconfirmed` citation naming the reform. */
  readonly citation?: Citation.Citation
}

/**
 * A what-if reform.
 * @category models
 * @since 0.1.0
 */
export interface Reform {
  /** Stable id, used as the layer name. */
  readonly id: string
  readonly title: string
  readonly overrides: ReadonlyArray<Override>
}

// ---------------------------------------------------------------------------------------------
// Schema

/**
 * A reform as {@link apply} reads it, each problem with its code: `reform/missing-id` (blank or
 * `national`), `reform/no-overrides`, and per override `reform/unknown-parameter` (no parameter
 * id), `reform/invalid-range`, `reform/type-mismatch` (not a parameter value), the citation's own
 * codes.
 * @example `Decode.problems(Reform.schema, { id: "x", title: "x", overrides: [] })[0]?.code` → `"reform/no-overrides"`
 * @category schemas
 * @since 0.2.0
 */
export const schema = Schema.Struct({
  id: layerIdSchema("reform/missing-id", "reform (giả định)"),
  title: Decode.field(Schema.String, { code: "reform/missing-title", label: "title (tên)", expects: "must be a text" }),
  overrides: Decode.field(
    Schema.Array(
      Schema.Struct({
        parameter: Decode.field(Decode.text, { code: "reform/unknown-parameter", label: "parameter (tham số)", expects: "must be the id of a parameter of the pack" }),
        range: layerRangeSchema("reform/invalid-range", "reform range (khoảng thời gian)"),
        value: Decode.field(parameterValueSchema, { code: "reform/type-mismatch", label: "value (giá trị)", expects: "must be a value of the parameter's type" }),
        citation: Schema.optional(
          Decode.field(Citation.schema, { code: "citation/not-an-object", label: "citation (căn cứ pháp lý)", expects: "must be a citation with a grade, or absent for a what-if" })
        )
      }).annotate({ [Decode.fieldAnnotation]: { code: "reform/invalid-override", label: "override (thay đổi)", expects: "must be { parameter, range, value }" } })
    ).check(Decode.check<ReadonlyArray<unknown>>("reform/no-overrides", (o) => (o.length === 0 ? "reform (giả định) needs at least one override" : undefined), "at least one override")),
    { code: "reform/no-overrides", label: "overrides (thay đổi)", expects: "must be a non-empty list" }
  )
})

const syntheticCitation = (reform: Reform, start: LocalDate.LocalDate): Citation.Citation => ({
  instrument: {
    number: `what-if:${reform.id}`,
    kind: "other",
    issuer: "what-if reform (giả định), not a legal instrument",
    title: reform.title,
    effective: start
  },
  grade: "unconfirmed",
  note: "what-if value, not law (giả định, không phải quy định pháp luật)"
})

/**
 * Override parameters of a pack for a what-if. Fails with a `ValidationError` listing every
 * problem: the reform's structure ({@link schema}), an unknown parameter
 * (`reform/unknown-parameter`), a value of another type (`reform/type-mismatch`), and anything
 * `Pack.load` rejects in the result (a rate above 100 %, a gap).
 * @category what-if
 * @since 0.1.0
 * @example `apply(pack, reform)` → `ok(pack')` with `Pack.resolveOrThrow(pack', "2026-03-01").items["machinery.equipment"]?.layer` = reform id
 */
export const apply = (pack: RulePack, reform: Reform): Result<RulePack, ValidationError> => {
  const issues = new Issues()
  const what = `reform "${String((reform as Partial<Reform> | null)?.id)}"`
  const structure = Decode.problems(schema as unknown as Decode.AnySchema, reform)
  const own = structure.filter((i) => i.path[0] !== "overrides" || i.path.length === 1)
  if (own.length === 0 && pack.layering?.layers.some((l) => l.id === reform.id))
    own.push({ code: "reform/duplicate-layer", path: ["id"], message: `layer "${reform.id}" is already applied to pack "${pack.id}"`, actual: reform.id })
  if (own.length > 0) {
    for (const i of own) issues.list.push(i)
    return err(issues.toError("reform/invalid", what))
  }

  const parameters: Record<string, Parameter.Parameter<ParameterValue>> = { ...pack.parameters }
  const old: Layering = pack.layering ?? {
    layers: [{ id: "national", kind: "national", title: pack.title }],
    parameters: {},
    added: {},
    removed: {},
    introduced: {},
    warnings: []
  }
  const layerParams: Record<string, ReadonlyArray<LayerSegment>> = { ...old.parameters }
  let start: LocalDate.LocalDate | undefined
  let end: LocalDate.LocalDate | undefined
  let open = false
  reform.overrides.forEach((o, i) => {
    const path = ["overrides", i] as const
    // An override that is not well formed is reported as such, and not applied
    const malformed = structure.filter((x) => x.path[0] === "overrides" && x.path[1] === i)
    if (malformed.length > 0) {
      for (const x of malformed) issues.list.push(x)
      return undefined
    }
    const p = parameters[o.parameter]
    if (p === undefined)
      return issues.add("reform/unknown-parameter", [...path, "parameter"], `reform overrides parameter (tham số) "${o.parameter}", which pack "${pack.id}" does not define`, o.parameter)
    const r = o.range
    const t = valueTypeOf(o.value)
    const pt = valueTypeOf(p.values[0]?.value)
    if (t === undefined || t !== pt)
      return issues.add(
        "reform/type-mismatch",
        [...path, "value"],
        `parameter (tham số) "${o.parameter}" holds ${pt === undefined ? "an unknown type" : valueTypeLabel[pt]}; the reform gives ${t === undefined ? "an unreadable value" : valueTypeLabel[t]}`,
        o.value
      )
    const ov = Parameter.override(p, r, normalise(o.value), o.citation ?? syntheticCitation(reform, r.start))
    if (!ov.ok) return issues.addAll(path, ov.error)
    parameters[o.parameter] = ov.value
    const seg: LayerSegment = r.end === undefined ? { layer: reform.id, start: r.start } : { layer: reform.id, start: r.start, end: r.end }
    layerParams[o.parameter] = [...(layerParams[o.parameter] ?? []), seg]
    if (start === undefined || r.start < start) start = r.start
    if (r.end === undefined) open = true
    else if (end === undefined || r.end > end) end = r.end
    return undefined
  })
  if (!issues.empty || start === undefined) return err(issues.toError("reform/invalid", what))

  let national = old.national
  if (national !== undefined) {
    const applicable = reform.overrides.filter((o) => Object.hasOwn(national as RulePack, "parameters") && (national as RulePack).parameters[o.parameter] !== undefined)
    if (applicable.length > 0) {
      const n = apply(national, { ...reform, overrides: applicable })
      if (!n.ok) return n
      national = n.value
    }
  }
  const layer: LayerInfo = open || end === undefined ? { id: reform.id, kind: "reform", title: reform.title, start } : { id: reform.id, kind: "reform", title: reform.title, start, end }
  const layering: Layering = { ...old, layers: [...old.layers, layer], parameters: layerParams, ...(national === undefined ? {} : { national }) }
  return loadPack({ ...pack, parameters, layering }, `rule pack "${pack.id}" with reform "${reform.id}"`)
}

/**
 * {@link apply}, throwing the `ValidationError`.
 * @function
 * @category what-if
 * @since 0.1.0
 * @example `applyOrThrow(pack, reform).layering?.layers.at(-1)?.id` → reform id
 */
export const applyOrThrow = orThrow(apply)

/**
 * {@link apply} as an Effect.
 * @function
 * @category what-if
 * @since 0.1.0
 * @example `Effect.runSync(applyEffect(pack, reform)).id` → `pack.id`
 */
export const applyEffect = toEffect(apply)

/**
 * Applicants' behaviour under a reform (giả định về hành vi của đơn vị đề nghị hỗ trợ):
 * - `requests-fixed`: every line keeps the support it requested (kinh phí đề nghị hỗ trợ), so a
 *   higher cap pays more only where the request was above the old cap. Today's only reading, and
 *   the default.
 * - `requests-raised`: on every line where the old cap bound (binding `absolute-cap` or `rate`
 *   under pack `a`), the applicant asks for as much as the line can take under pack `b`: the
 *   request becomes the line's total less other state funding, the counterpart funding (vốn đối
 *   ứng) covering nothing more than the new caps leave. Lines bound by their request keep it.
 * @category models
 * @since 0.3.0
 * @example `const behaviour: Reform.Behaviour = "requests-raised"`
 */
export type Behaviour = "requests-fixed" | "requests-raised"

/**
 * One proposal under two packs.
 * @category models
 * @since 0.1.0
 */
export interface ProposalDifference {
  readonly proposalId: string
  readonly date: LocalDate.LocalDate
  readonly a: { readonly verdict: Eligibility.Verdict; readonly support: Money.Money; readonly payable: Money.Money }
  readonly b: { readonly verdict: Eligibility.Verdict; readonly support: Money.Money; readonly payable: Money.Money }
  /** `b.payable − a.payable` in đồng (negative when pack b pays less). */
  readonly difference: bigint
}

/**
 * The amount payable under each pack for one key of a breakdown (a fund, an activity code, a
 * spending item code or a province code), and the difference `b − a`.
 * @category models
 * @since 0.3.0
 * @example `{ key: "machinery", a: 900000000n, b: 1500000000n, difference: 600000000n }`
 */
export interface BudgetRow {
  readonly key: string
  readonly a: Money.Money
  readonly b: Money.Money
  readonly difference: bigint
}

/**
 * The budget effect (tác động ngân sách) of pack `b` against pack `a`: the amounts payable broken
 * down by fund (nguồn kinh phí), activity (nội dung hoạt động), spending item (nội dung chi) and
 * province (tỉnh: the proposal's first location, else its first beneficiary's, else `"unknown"`).
 * Rows are sorted by key; each breakdown sums to the comparison's total. An ineligible
 * proposal's lines count 0.
 * @category models
 * @since 0.3.0
 */
export interface BudgetEffect {
  readonly byFund: ReadonlyArray<BudgetRow>
  readonly byActivity: ReadonlyArray<BudgetRow>
  readonly byItem: ReadonlyArray<BudgetRow>
  readonly byProvince: ReadonlyArray<BudgetRow>
}

/**
 * The comparison of two packs over some proposals.
 * @category models
 * @since 0.1.0
 */
export interface Comparison {
  readonly packA: string
  readonly packB: string
  /** How applicants were assumed to behave under pack `b`. */
  readonly behaviour: Behaviour
  readonly proposals: ReadonlyArray<ProposalDifference>
  readonly total: { readonly a: Money.Money; readonly b: Money.Money; readonly difference: bigint }
  /** How many proposals are paid a different amount. */
  readonly changed: number
  readonly effect: BudgetEffect
}

/**
 * What {@link compare} needs.
 * @category models
 * @since 0.1.0
 */
export interface CompareContext {
  readonly establishments: Eligibility.Establishments
  /** Evaluation date per proposal; default its approval date, else 1 January of its plan year. */
  readonly date?: (p: Proposal) => LocalDate.LocalDate
  readonly applyPriorityMultiplier?: boolean
  /** Applicants' behaviour under pack `b`; default `requests-fixed`. */
  readonly behaviour?: Behaviour
}

/** The province a proposal counts under in a breakdown. */
const provinceOf = (p: Proposal, establishments: Eligibility.Establishments): string => {
  const at = p.locations[0]?.provinceCode
  if (at !== undefined) return at
  const first = p.beneficiaries[0]
  return (first === undefined ? undefined : establishmentOf(establishments, first)?.location.provinceCode) ?? "unknown"
}

/** The proposal as its applicant would write it under pack `b`: requests raised where `a`'s cap bound. */
const raiseRequests = (p: Proposal, lines: ReadonlyArray<LineSupport>): Proposal => {
  const bound = new Set<string>()
  for (const l of lines) if (l.binding === "absolute-cap" || l.binding === "rate") bound.add(`${l.activityIndex}:${l.lineIndex}`)
  if (bound.size === 0) return p
  return {
    ...p,
    activities: p.activities.map((a, i) => ({
      ...a,
      costLines: a.costLines.map((l, j) => {
        if (!bound.has(`${i}:${j}`)) return l
        const most = (l.total - (l.otherStateFunding ?? 0n)) as Money.Money
        return { ...l, requestedSupport: most, counterpartFunding: (l.total - most - (l.otherStateFunding ?? 0n)) as Money.Money }
      })
    }))
  }
}

/** Sums per key of one breakdown, under `a` and `b`. */
class Tally {
  private readonly sums = new Map<string, { a: bigint; b: bigint }>()
  add(side: "a" | "b", key: string, amount: bigint): void {
    const s = this.sums.get(key)
    if (s === undefined) this.sums.set(key, side === "a" ? { a: amount, b: 0n } : { a: 0n, b: amount })
    else s[side] += amount
  }
  rows(): ReadonlyArray<BudgetRow> {
    return [...this.sums.keys()].sort().map((key) => {
      const { a, b } = this.sums.get(key) as { a: bigint; b: bigint }
      return { key, a: a as Money.Money, b: b as Money.Money, difference: b - a }
    })
  }
}

/**
 * Evaluate every proposal under pack `a` and pack `b` (each resolved once per date) and report
 * the amounts payable, their differences and the budget effect by fund, activity, item and
 * province, under the chosen applicants' {@link Behaviour} (default `requests-fixed`).
 * @category what-if
 * @since 0.1.0
 * @example `compare(pack, reformed, [p], { establishments })` → `ok({ behaviour: "requests-fixed", total: { a: 300000000n, b: 600000000n, difference: 300000000n }, changed: 1, effect: { byActivity: [{ key: "machinery", … }], … }, … })`
 */
export const compare = (
  a: RulePack,
  b: RulePack,
  proposals: ReadonlyArray<Proposal>,
  ctx: CompareContext
): Result<Comparison, LookupError | RuleViolation> => {
  const cache = Evaluate.makeCache()
  const evalCtx: Evaluate.Context =
    ctx.applyPriorityMultiplier === true ? { establishments: ctx.establishments, applyPriorityMultiplier: true } : { establishments: ctx.establishments }
  const behaviour = ctx.behaviour ?? "requests-fixed"
  const rows: Array<ProposalDifference> = []
  const fund = new Tally()
  const activity = new Tally()
  const item = new Tally()
  const province = new Tally()
  const tally = (side: "a" | "b", p: Proposal, e: Evaluate.Evaluation, where: string): void => {
    fund.add(side, p.fund, e.payable)
    province.add(side, where, e.payable)
    const eligible = e.verdict === "eligible"
    for (const l of e.support.lines) {
      const paid = eligible ? l.support : 0n
      activity.add(side, l.activity, paid)
      item.add(side, l.item, paid)
    }
  }
  let ta = 0n
  let tb = 0n
  let changed = 0
  for (const p of proposals) {
    const date = ctx.date === undefined ? Evaluate.dateOf(p) : ctx.date(p)
    const ra = cache.get(a, date)
    if (!ra.ok) return ra
    const rb = cache.get(b, date)
    if (!rb.ok) return rb
    const ea = Evaluate.evaluate(p, ra.value, evalCtx)
    if (!ea.ok) return ea
    const pb = behaviour === "requests-raised" ? raiseRequests(p, ea.value.support.lines) : p
    const eb = Evaluate.evaluate(pb, rb.value, evalCtx)
    if (!eb.ok) return eb
    const difference = eb.value.payable - ea.value.payable
    if (difference !== 0n) changed++
    ta += ea.value.payable
    tb += eb.value.payable
    const where = provinceOf(p, ctx.establishments)
    tally("a", p, ea.value, where)
    tally("b", p, eb.value, where)
    rows.push({
      proposalId: p.id,
      date,
      a: { verdict: ea.value.verdict, support: ea.value.support.total, payable: ea.value.payable },
      b: { verdict: eb.value.verdict, support: eb.value.support.total, payable: eb.value.payable },
      difference
    })
  }
  return ok({
    packA: a.id,
    packB: b.id,
    behaviour,
    proposals: rows,
    total: { a: ta as Money.Money, b: tb as Money.Money, difference: tb - ta },
    changed,
    effect: { byFund: fund.rows(), byActivity: activity.rows(), byItem: item.rows(), byProvince: province.rows() }
  })
}

/**
 * {@link compare} as an Effect.
 * @function
 * @category what-if
 * @since 0.1.0
 * @example `Effect.runSync(compareEffect(pack, reformed, [p], { establishments })).changed` → `1`
 */
export const compareEffect: (
  a: RulePack,
  b: RulePack,
  proposals: ReadonlyArray<Proposal>,
  ctx: CompareContext
) => Effect.Effect<Comparison, LookupError | RuleViolation> = toEffect(compare)

// ---------------------------------------------------------------------------------------------
// Differences between two packs

/**
 * A parameter (tham số) that reads differently: its reading under each side (value, the days it
 * applies, citation), `undefined` when that side has no such parameter or no value on its date.
 * @category models
 * @since 0.3.0
 */
export interface ParameterChange {
  readonly id: string
  readonly a: Parameter.Reading<ParameterValue> | undefined
  readonly b: Parameter.Reading<ParameterValue> | undefined
}

/**
 * A rule that differs: an activity, spending item (with its cap rule), advance tier, calendar
 * entry, eligibility rule, priority class or the priority order, at `where` (the path
 * `Pack.citations` gives it, e.g. `["activities", "machinery", "items", "machinery.equipment"]`).
 * `a` and `b` are its definition on each side without its citation (an activity without its
 * items, which are rules of their own), `undefined` when absent (not in the pack, or not
 * available on that side's date); `citationA` and `citationB` its citations.
 * @category models
 * @since 0.3.0
 */
export interface RuleChange {
  readonly where: ReadonlyArray<string | number>
  readonly a: Trace.Json | undefined
  readonly b: Trace.Json | undefined
  readonly citationA: Citation.Citation | undefined
  readonly citationB: Citation.Citation | undefined
}

/**
 * Every difference between pack `a` on `dateA` and pack `b` on `dateB` (so two packs, or one pack
 * of the corpus at two dates): parameters in id order, then rules in the order `Pack.citations`
 * lists them (those of `a`, then those only `b` has).
 * @category models
 * @since 0.3.0
 */
export interface PackDiff {
  readonly packA: string
  readonly packB: string
  readonly dateA: LocalDate.LocalDate
  readonly dateB: LocalDate.LocalDate
  readonly parameters: ReadonlyArray<ParameterChange>
  readonly rules: ReadonlyArray<RuleChange>
}

/** JSON text with sorted keys (`~` for absent): equal values give equal text. */
const canonical = (j: Trace.Json | undefined): string => (j === undefined ? "~" : canonicalJson(j))

/** The definition at a `Pack.citations` path, without its citation (an activity also without its items). */
const definitionAt = (pack: RulePack, where: ReadonlyArray<string | number>): Trace.Json | undefined => {
  let at: unknown = pack
  for (const k of where) {
    if (Array.isArray(at)) at = (at as ReadonlyArray<{ readonly code?: string; readonly id?: string }>).find((x) => x.code === k || x.id === k)
    else if (typeof at === "object" && at !== null) at = (at as Readonly<Record<string, unknown>>)[String(k)]
    else return undefined
  }
  if (typeof at !== "object" || at === null) return undefined
  const { citation: _citation, items: _items, ...rest } = at as Readonly<Record<string, unknown>>
  return Trace.toJson(rest)
}

/** Which activities and items a pack offers on a date (none when it does not resolve there). */
const catalogueAt = (pack: RulePack, date: LocalDate.LocalDate): ReadonlySet<string> => {
  const r = Pack.resolve(pack, date)
  return r.ok ? new Set([...Object.keys(r.value.activities), ...Object.keys(r.value.items)]) : new Set()
}

/**
 * Every parameter and rule that differs between pack `a` read on `dateA` and pack `b` read on
 * `dateB` (default `dateA`): a parameter differs when its value or its citation does (read with
 * `Pack.read`); a rule when its definition or its citation does (found with `Pack.citations`), or
 * when one side lacks it. Pass the same pack twice with two dates to see what the corpus changed
 * between them.
 * @category what-if
 * @since 0.3.0
 * @example `diff(pack, reformed, "2024-06-30").parameters` → `[{ id: "support.machinery.cap", a: { value: 300000000n, citation: { instrument: { number: "28/2018/TT-BTC" }, … }, … }, b: { value: 500000000n, citation: { grade: "unconfirmed", … }, … } }]`
 */
export const diff = (a: RulePack, b: RulePack, dateA: LocalDate.LocalDate, dateB: LocalDate.LocalDate = dateA): PackDiff => {
  const same = (x: unknown, y: unknown): boolean =>
    x === undefined || y === undefined ? x === y : canonicalOf(x) === canonicalOf(y)
  const parameters: Array<ParameterChange> = []
  const reading = (pack: RulePack, id: string, date: LocalDate.LocalDate): Parameter.Reading<ParameterValue> | undefined => {
    if (!Object.hasOwn(pack.parameters, id)) return undefined
    const r = Pack.read(pack, id, date)
    return r.ok ? r.value : undefined
  }
  for (const id of [...new Set([...Object.keys(a.parameters), ...Object.keys(b.parameters)])].sort()) {
    const ra = reading(a, id, dateA)
    const rb = reading(b, id, dateB)
    if (ra === undefined && rb === undefined) continue
    if (ra !== undefined && rb !== undefined && same(ra.value, rb.value) && same(ra.citation, rb.citation)) continue
    parameters.push({ id, a: ra, b: rb })
  }
  const ruleCitations = (pack: RulePack): Map<string, Pack.CitationAt> =>
    new Map(Pack.citations(pack).filter((c) => c.where[0] !== "parameters").map((c) => [JSON.stringify(c.where), c] as const))
  const ca = ruleCitations(a)
  const cb = ruleCitations(b)
  const offeredA = catalogueAt(a, dateA)
  const offeredB = catalogueAt(b, dateB)
  const offered = (where: ReadonlyArray<string | number>, set: ReadonlySet<string>): boolean =>
    where[0] !== "activities" || set.has(String(where[where.length - 1]))
  const rules: Array<RuleChange> = []
  for (const key of new Set([...ca.keys(), ...cb.keys()])) {
    const x = ca.get(key)
    const y = cb.get(key)
    const where = (x ?? y)?.where ?? []
    const da = x !== undefined && offered(where, offeredA) ? definitionAt(a, where) : undefined
    const db = y !== undefined && offered(where, offeredB) ? definitionAt(b, where) : undefined
    const citationA = da === undefined ? undefined : x?.citation
    const citationB = db === undefined ? undefined : y?.citation
    if (canonical(da) === canonical(db) && same(citationA, citationB)) continue
    rules.push({ where, a: da, b: db, citationA, citationB })
  }
  return { packA: a.id, packB: b.id, dateA, dateB, parameters, rules }
}
