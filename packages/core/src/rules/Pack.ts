/**
 * Pack (nạp và áp dụng bộ quy tắc): loading a rule pack (bộ quy tắc) with full validation, and
 * resolving it at a date into plain numbers for fast evaluation.
 *
 * {@link load} checks everything a pack promises and reports every problem with its path: every
 * parameter value has a citation with a grade (via `Parameter.make`), every spending item has a
 * cap rule whose parameters exist and hold the right type (a Rate for rates and multiples, money
 * for amounts, within range), parameters have no gap over the pack's period (first value no
 * later than `governs.decisions.start`, no `until` before its end), advance tiers used by
 * activities exist, codes and ids are unique, eligibility rules name known kinds with their
 * parameters, priority classes have a total order. A loaded pack is deep-frozen; rates written
 * as unreduced fractions (`30/100`) are reduced.
 *
 * {@link resolve} reads every parameter once at a date and returns a {@link ResolvedPack}: per
 * spending item the rate cap as a bigint fraction, the absolute cap as bigint đồng (a technology
 * line's `1.5 × 300 000 000` already multiplied out), each with its parameter id, citation, grade
 * and layer (`national`, an overlay id or a reform id). Evaluating thousands of proposals against
 * it is plain integer arithmetic: no parameter lookups, no decimal objects, no closures. Dates on
 * which every parameter reads the same value share one set of resolved structures (only `date`
 * differs), so evaluating proposals of many dates stays cache-friendly.
 *
 * @example
 * ```ts
 * import { Pack, LocalDate } from "@khuyencong/core"
 * const pack = Pack.loadOrThrow(definition)
 * const resolved = Pack.resolveOrThrow(pack, LocalDate.parseOrThrow("2023-06-30"))
 * resolved.items["machinery.equipment"]?.amount // 300000000n
 * ```
 * @since 0.1.0
 * @module
 */
import * as Citation from "../values/Citation.js"
import { LookupError, type Issue, type ValidationError } from "../values/Errors.js"
import { compileRule, passOf } from "./eligibility/compile.js"
import type { CompiledRule, Condition } from "./eligibility/model.js"
import { loadPack } from "./internal/load.js"
import { compileCriterion, type CompiledCriterion } from "./internal/priorityCriteria.js"
import { toRate } from "./internal/values.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Parameter from "../values/Parameter.js"
import * as Rate from "../values/Rate.js"
import { err, ok, orThrow, type Result, toEffect } from "../values/Result.js"
import * as Rounding from "../values/Rounding.js"
import type {
  CapRule,
  CapUnit,
  LayerInfo,
  LayerSegment,
  ParameterValue,
  RulePack
} from "./RulePack.js"
import * as Trace from "../values/Trace.js"

// ---------------------------------------------------------------------------------------------
// Loading

/**
 * Validate and freeze a rule pack. Fails with a `ValidationError` whose `issues` list every
 * problem (code, path, message): see the module header for what is checked. Codes include
 * `pack/unknown-parameter`, `pack/parameter-type`, `pack/rate-out-of-range`, `pack/parameter-gap`,
 * `pack/missing-cap-rule`, `pack/unknown-advance-tier`, `pack/duplicate-code`,
 * `pack/unknown-rule-kind`, `pack/missing-rule-parameter`, and the `parameter/…` and
 * `citation/…` codes of `Parameter.make` and `Citation.validate` under their paths.
 * @category loading
 * @since 0.1.0
 * @example `load(def)` → `{ ok: true, value: frozenPack }`; with a parameter lacking a grade → `{ ok: false, error: ValidationError }` whose `issues[0].path` is `["parameters", "support.machinery.cap", "values", 0, "citation", "grade"]`
 */
export const load = (def: RulePack): Result<RulePack, ValidationError> =>
  loadPack(def, `rule pack (bộ quy tắc) "${describeId(def)}"`)

/**
 * {@link load}, throwing the `ValidationError`.
 * @function
 * @category loading
 * @since 0.1.0
 * @example `loadOrThrow(def).id` → `"vn-khuyen-cong-2021-2025"`
 */
export const loadOrThrow = orThrow(load)

/**
 * {@link load} as an Effect.
 * @function
 * @category loading
 * @since 0.1.0
 * @example `Effect.runSync(loadEffect(def)).version` → `"1.0.0"`
 */
export const loadEffect = toEffect(load)

const describeId = (def: unknown): string =>
  typeof def === "object" && def !== null && typeof (def as { id?: unknown }).id === "string" ? (def as { id: string }).id : "(no id)"

// ---------------------------------------------------------------------------------------------
// The period

/**
 * A date (or plan year) outside the period a pack governs (thời kỳ áp dụng). A `LookupError`
 * (tagged `LookupError`, so `Effect.catchTag("LookupError")` catches it) naming the date, the pack
 * and its period. Codes: `pack/outside-period` for a decision date, `pack/plan-year-outside-period`
 * for a plan year (năm kế hoạch). Raised by {@link resolve}, `Evaluate.evaluate` (a proposal's
 * approval date or plan year) and `Contract.make` alike.
 * @example `resolve(pack2021, "2026-03-01")` → `err(PeriodError { code: "pack/outside-period", packId: "vn-khuyen-cong-2021-2025", date: "2026-03-01", period: { start: "2018-05-11", end: "2025-10-14" } })`
 * @category errors
 * @since 0.3.0
 */
export class PeriodError extends LookupError {
  /** The pack asked. */
  readonly packId: string
  /** The date (YYYY-MM-DD) or plan year (YYYY) asked for. */
  readonly date: string
  /** The pack's decision period. */
  readonly period: { readonly start: LocalDate.LocalDate; readonly end: LocalDate.LocalDate }
  /** The pack's plan years. */
  readonly planYears: { readonly from: number; readonly to: number }
  constructor(args: {
    readonly code: "pack/outside-period" | "pack/plan-year-outside-period"
    readonly path: ReadonlyArray<string | number>
    readonly pack: Pick<RulePack, "id" | "governs">
    readonly date: string
  }) {
    const { start, end } = args.pack.governs.decisions
    const { from, to } = args.pack.governs.planYears
    const message =
      args.code === "pack/outside-period"
        ? `ngày ${args.date} nằm ngoài thời kỳ áp dụng của bộ quy tắc "${args.pack.id}" (quyết định từ ${start} đến ${end}) / the date ${args.date} is outside the period of rule pack "${args.pack.id}" (decisions ${start} … ${end})`
        : `năm kế hoạch ${args.date} nằm ngoài thời kỳ áp dụng của bộ quy tắc "${args.pack.id}" (năm ${from}–${to}) / plan year ${args.date} is outside the plan years of rule pack "${args.pack.id}" (${from}–${to})`
    super({ code: args.code, path: args.path, message, at: args.date })
    this.packId = args.pack.id
    this.date = args.date
    this.period = { start, end }
    this.planYears = { from, to }
  }
}

/**
 * Whether a pack governs decisions dated `date`: `governs.decisions.start ≤ date ≤ end`.
 * @category resolution
 * @since 0.3.0
 * @example `governsDate(pack2021, "2025-10-14")` → `true`; `governsDate(pack2021, "2025-10-15")` → `false`
 */
export const governsDate = (pack: Pick<RulePack, "governs">, date: string): boolean =>
  date >= pack.governs.decisions.start && date <= pack.governs.decisions.end

/**
 * Whether a pack governs plan year `year`: `governs.planYears.from ≤ year ≤ to`.
 * @category resolution
 * @since 0.3.0
 * @example `governsPlanYear(pack2021, 2019)` → `true`; `governsPlanYear(pack2021, 2026)` → `false`
 */
export const governsPlanYear = (pack: Pick<RulePack, "governs">, year: number): boolean =>
  year >= pack.governs.planYears.from && year <= pack.governs.planYears.to

// ---------------------------------------------------------------------------------------------
// Resolution at a date

/**
 * A parameter reading with the layer that set it: `national`, an overlay id or a reform id.
 * @category models
 * @since 0.1.0
 */
export interface Reading<T> extends Parameter.Reading<T> {
  readonly layer: string
}

/**
 * How the absolute cap of an item is counted:
 * - `beneficiary`: per establishment / enterprise; in a group project, per beneficiary;
 * - `proposal`: once per proposal (per project, round);
 * - `quantity`: per counted unit, times the line's quantity (per person, booth, product, trademark,
 *   model, cluster, association);
 * - `overhead`: a share of the proposal's other support (management overhead).
 * @category models
 * @since 0.1.0
 */
export type ItemScope = "beneficiary" | "proposal" | "quantity" | "overhead"

/**
 * A spending item resolved at a date: plain bigint caps plus their sources.
 * @category models
 * @since 0.1.0
 */
export interface ResolvedItem {
  readonly code: string
  readonly activity: string
  readonly name: string
  readonly nameVi: string
  readonly citation: Citation.Citation
  readonly cap: CapRule
  readonly unit: CapUnit
  readonly scope: ItemScope
  /** Items sharing one cap pool per unit: a multiple-of item shares its base item's pool. */
  readonly pool: string
  /**
   * Order of computation: 0 for ordinary items, 1 for multiple-of items (after their base items,
   * so the base item's own cap holds whatever the line order), 2 for overhead (after the rest).
   */
  readonly phase: 0 | 1 | 2
  /** Whether a rate cap applies; when not, support is still at most the eligible cost (100 %). */
  readonly hasRate: boolean
  readonly rateNumerator: bigint
  readonly rateDenominator: bigint
  /** Whether an absolute cap applies. */
  readonly hasAmount: boolean
  /** Absolute cap per unit in đồng (after the multiple for a multiple-of item); 0n when none. */
  readonly amount: bigint
  readonly rate?: Reading<Rate.Rate>
  readonly amountReading?: Reading<bigint>
  readonly multiple?: Reading<Rate.Rate>
  /** For a multiple-of item: the base item's code. */
  readonly baseItem?: string
  /** When multiple × base amount is not a whole number of đồng. */
  readonly amountRounding?: Rounding.Record
  /** For an overhead item: the share of the other lines' support. */
  readonly share?: Reading<Rate.Rate>
  /** Weakest grade of the item's citation and of every parameter it reads. */
  readonly grade: Citation.Grade
  /** The highest layer that set one of its numbers or added it. */
  readonly layer: string
  /** Parameter reads, ready for a trace. */
  readonly reads: ReadonlyArray<Trace.ParameterRead>
  /** In a provincial view: a cap above the national one for the same item (a warning). */
  readonly aboveNational: boolean
}

/**
 * An activity resolved at a date.
 * @category models
 * @since 0.1.0
 */
export interface ResolvedActivity {
  readonly code: string
  readonly name: string
  readonly nameVi: string
  readonly citation: Citation.Citation
  readonly advanceTier: string
  /** Codes of the items available at the date. */
  readonly items: ReadonlyArray<string>
  readonly layer: string
}

/**
 * A priority class resolved at a date.
 * @category models
 * @since 0.1.0
 */
export interface ResolvedPriorityClass {
  readonly id: string
  readonly rank: number
  readonly name: string
  readonly nameVi: string
  readonly citation: Citation.Citation
  readonly grade: Citation.Grade
  readonly reads: ReadonlyArray<Trace.ParameterRead>
  readonly criterion: CompiledCriterion
}

/**
 * A pack resolved at one date. Build with {@link resolve}; reuse for every proposal of that date.
 * @category models
 * @since 0.1.0
 */
export interface ResolvedPack {
  readonly packId: string
  readonly version: string
  readonly title: string
  readonly date: LocalDate.LocalDate
  /** The pack's period: `date` lies in `governs.decisions`. */
  readonly governs: RulePack["governs"]
  readonly layers: ReadonlyArray<LayerInfo>
  /** Province of the overlay in force at the date: this view then serves local-fund proposals of that province only. */
  readonly province?: string
  /** With a province overlay: the national view, for national-fund proposals. */
  readonly national?: ResolvedPack
  readonly activities: Readonly<Record<string, ResolvedActivity>>
  readonly items: Readonly<Record<string, ResolvedItem>>
  /** `activities` as a Map: the fast lookup for evaluation loops (keys need not be interned). */
  readonly activityIndex: ReadonlyMap<string, ResolvedActivity>
  /** `items` as a Map: the fast lookup for evaluation loops. */
  readonly itemIndex: ReadonlyMap<string, ResolvedItem>
  readonly eligibility: ReadonlyArray<CompiledRule>
  /** The proposal-scope rules of `eligibility`, in order. */
  readonly proposalRules: ReadonlyArray<CompiledRule>
  /** The establishment-scope rules of `eligibility`, in order. */
  readonly establishmentRules: ReadonlyArray<CompiledRule>
  /** The conditions of `proposalRules` when every one passes (shared by every such proposal). */
  readonly proposalPassed: ReadonlyArray<Condition>
  readonly areaPriorities: ReadonlyArray<ResolvedPriorityClass>
  readonly industryPriorities: ReadonlyArray<ResolvedPriorityClass>
  readonly unrankedActivities: ReadonlyArray<string>
  /**
   * The funds whose ranking puts declared key projects first, with the reading that says so
   * (`RulePack.PriorityRules.keyProjectsFirst`); absent when the pack has none on the date.
   */
  readonly keyProjectsFirst?: Reading<ReadonlyArray<string>>
  readonly priorityCitation?: Citation.Citation
  readonly priorityMultiplier?: Reading<Rate.Rate>
  readonly rounding: Rounding.Mode
  /**
   * Warnings relevant at the date: layering warnings (a provincial level above the national one,
   * `overlay/above-national`) and, from its reported day, each instrument reported but unseen that
   * may replace one the pack encodes (`pack/reported-instrument`, from `RulePack.reported`).
   */
  readonly warnings: ReadonlyArray<Issue>
}

const NATIONAL = "national"

const inSegment = (s: LayerSegment, date: LocalDate.LocalDate): boolean =>
  date >= s.start && (s.end === undefined || date <= s.end)

/** The layer that set parameter `id` on `date`. */
const layerOf = (pack: RulePack, id: string, date: LocalDate.LocalDate): string => {
  const segs = pack.layering?.parameters[id]
  let layer = NATIONAL
  if (segs !== undefined) for (const s of segs) if (inSegment(s, date)) layer = s.layer
  const intro = pack.layering?.introduced[id]
  if (layer === NATIONAL && intro !== undefined) layer = intro.layer
  return layer
}

/** Whether an item or activity code is available on `date` (not removed; added only in range). */
const available = (pack: RulePack, code: string, date: LocalDate.LocalDate): { readonly ok: boolean; readonly layer: string } => {
  const l = pack.layering
  if (l === undefined) return { ok: true, layer: NATIONAL }
  let layer = NATIONAL
  const added = l.added[code]
  if (added !== undefined) {
    const seg = added.find((s) => inSegment(s, date))
    if (seg === undefined) return { ok: false, layer: NATIONAL }
    layer = seg.layer
  }
  const removed = l.removed[code]
  if (removed !== undefined && removed.some((s) => inSegment(s, date))) return { ok: false, layer }
  return { ok: true, layer }
}

const scopeOf = (cap: CapRule): ItemScope => {
  if (cap.kind === "share-of-support") return "overhead"
  switch (cap.unit) {
    case "per-establishment":
    case "per-enterprise":
      return "beneficiary"
    case "per-person":
    case "per-booth":
    case "per-product":
    case "per-trademark":
    case "per-model":
    case "per-cluster":
    case "per-association":
      return "quantity"
    default:
      return "proposal"
  }
}

/**
 * Resolve a pack at `date`: read every parameter once and build plain bigint caps per item, the
 * compiled eligibility rules and priority classes. Fails with a {@link PeriodError}
 * (`pack/outside-period`) when the date is outside the pack's period, and with the first
 * `LookupError` when a parameter has no value at the date.
 * With a provincial overlay in force the result is the provincial view (`province` set) and
 * carries the `national` view for national-fund proposals.
 * @category resolution
 * @since 0.1.0
 * `date` may be a literal `YYYY-MM-DD`; an unreadable date, or a missing pack (a JavaScript caller
 * leaving out an argument), is a `LookupError` (`date/not-text`, `date/unparseable`, `pack/missing`), not a `TypeError`.
 * @example `resolve(pack, "2023-06-30")` → `ok({ items: { "machinery.equipment": { rateNumerator: 1n, rateDenominator: 2n, amount: 300000000n, … }, … }, … })`
 */
export const resolve = (pack: RulePack, input: LocalDate.Input): Result<ResolvedPack, LookupError> => {
  if (typeof pack !== "object" || pack === null)
    return err(new LookupError({ code: "pack/missing", path: [], message: "Pack.resolve needs a rule pack (bộ quy tắc) as its first argument", at: String(input) }))
  const parsed = LocalDate.parse(input)
  if (!parsed.ok)
    return err(new LookupError({ code: parsed.error.code, path: ["date"], message: `Pack.resolve needs a date (ngày) YYYY-MM-DD: ${parsed.error.message}`, at: String(input) }))
  const date = parsed.value
  if (!governsDate(pack, date)) return err(new PeriodError({ code: "pack/outside-period", path: ["governs", "decisions"], pack, date }))
  // Dates on which every parameter reads the same value (and the same layers apply) resolve to
  // the same numbers: share them, so evaluation over many dates touches one set of structures.
  // Only loaded (frozen) packs are shared: an unfrozen definition could change between calls.
  if (!Object.isFrozen(pack) || !Object.isFrozen(pack.parameters)) return resolveFresh(pack, date)
  const sig = signature(pack, date)
  let byPack = shared.get(pack)
  if (byPack === undefined) {
    byPack = new Map()
    shared.set(pack, byPack)
  }
  const hit = byPack.get(sig)
  if (hit !== undefined) {
    if (hit.date === date) return ok(hit)
    const out: { -readonly [K in keyof ResolvedPack]: ResolvedPack[K] } = { ...hit, date }
    if (hit.national !== undefined && pack.layering?.national !== undefined) {
      const n = resolve(pack.layering.national, date)
      if (!n.ok) return n
      out.national = n.value
    }
    return ok(Object.freeze(out))
  }
  const r = resolveFresh(pack, date)
  if (r.ok && byPack.size < 10_000) byPack.set(sig, r.value)
  return r
}

const shared = new WeakMap<RulePack, Map<string, ResolvedPack>>()

/** Index of the value of `p` in force on `date`: -1 before the first, -2 after `until`. */
const valueIndex = (p: Parameter.Parameter<ParameterValue>, date: LocalDate.LocalDate): number => {
  if (p.until !== undefined && date > p.until) return -2
  const vs = p.values
  let lo = 0
  let hi = vs.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if ((vs[mid] as Parameter.Value<ParameterValue>).from <= date) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** What a resolution depends on besides the pack: the value index of every parameter, the layer segments in force and the reported instruments already reported. */
const signature = (pack: RulePack, date: LocalDate.LocalDate): string => {
  let sig = ""
  for (const id of Object.keys(pack.parameters)) sig += `${valueIndex(pack.parameters[id] as Parameter.Parameter<ParameterValue>, date)},`
  const l = pack.layering
  if (l !== undefined) {
    const segs = (m: Readonly<Record<string, ReadonlyArray<LayerSegment>>>): void => {
      sig += "|"
      for (const k of Object.keys(m)) for (const s of m[k] as ReadonlyArray<LayerSegment>) sig += inSegment(s, date) ? "1" : "0"
    }
    segs(l.parameters)
    segs(l.added)
    segs(l.removed)
    sig += "|"
    for (const layer of l.layers) sig += layer.start !== undefined && layer.start <= date && (layer.end === undefined || date <= layer.end) ? "1" : "0"
    sig += "|"
    for (const w of l.warnings) {
      const at = (w as Issue & { readonly actual?: unknown }).actual
      sig += typeof at === "object" && at !== null && "start" in at && !inSegment(at as LayerSegment, date) ? "0" : "1"
    }
  }
  const reported = pack.reported
  if (reported !== undefined) {
    sig += "|"
    for (const r of reported) sig += r.on <= date ? "1" : "0"
  }
  return sig
}

const resolveFresh = (pack: RulePack, date: LocalDate.LocalDate): Result<ResolvedPack, LookupError> => {
  const readings = new Map<string, Reading<ParameterValue>>()
  let failure: LookupError | undefined
  const read = (id: string): Reading<ParameterValue> | undefined => {
    const hit = readings.get(id)
    if (hit !== undefined) return hit
    const p = pack.parameters[id]
    if (p === undefined) {
      failure ??= new LookupError({
        code: "pack/unknown-parameter",
        path: ["parameters", id],
        at: date,
        message: `rule pack (bộ quy tắc) "${pack.id}" has no parameter (tham số) "${id}"; load the pack with Pack.load first`
      })
      return undefined
    }
    const r = Parameter.at(p, date)
    if (!r.ok) {
      failure ??= r.error
      return undefined
    }
    const reading: Reading<ParameterValue> = { ...r.value, layer: layerOf(pack, id, date) }
    readings.set(id, reading)
    return reading
  }
  const traceRead = (r: Reading<ParameterValue>): Trace.ParameterRead => Trace.readParameter(r)

  let mode: Rounding.Mode = Rounding.down1
  if (pack.support?.rounding !== undefined) {
    const r = Rounding.byId(pack.support.rounding)
    if (!r.ok)
      return err(new LookupError({ code: "pack/invalid-rounding", path: ["support", "rounding"], at: date, message: r.error.message }))
    mode = r.value
  }

  // Items
  const byCode = new Map<string, { readonly item: RulePack["activities"][number]["items"][number]; readonly activity: string }>()
  for (const a of pack.activities) for (const it of a.items) byCode.set(it.code, { item: it, activity: a.code })

  const items: Record<string, ResolvedItem> = Object.create(null) as Record<string, ResolvedItem>
  const activities: Record<string, ResolvedActivity> = Object.create(null) as Record<string, ResolvedActivity>
  for (const a of pack.activities) {
    const av = available(pack, a.code, date)
    if (!av.ok) continue
    const codes: Array<string> = []
    for (const it of a.items) {
      const iv = available(pack, it.code, date)
      if (!iv.ok) continue
      const resolved = resolveItem(it, a.code, iv.layer === NATIONAL ? av.layer : iv.layer, read, byCode, mode)
      if (resolved === undefined) continue
      items[it.code] = resolved
      codes.push(it.code)
    }
    activities[a.code] = Object.freeze({
      code: a.code,
      name: a.name,
      nameVi: a.nameVi,
      citation: a.citation,
      advanceTier: a.advanceTier,
      items: Object.freeze(codes),
      layer: av.layer
    })
  }
  if (failure !== undefined) return err(failure)

  // Eligibility rules
  const eligibility: Array<CompiledRule> = []
  for (const rule of pack.eligibility) {
    const roles: Record<string, Reading<ParameterValue>> = {}
    for (const [role, id] of Object.entries(rule.parameters)) {
      const r = read(id)
      if (r !== undefined) roles[role] = r
    }
    if (failure !== undefined) return err(failure)
    eligibility.push(compileRule(rule, roles, (id) => pack.parameters[id]?.description ?? id))
  }

  // Priority classes
  const priorityClass = (c: RulePack["areaPriorities"][number]): ResolvedPriorityClass | undefined => {
    const used: Array<Reading<ParameterValue>> = []
    const compiled = compileCriterion(c.criterion, (id) => {
      const r = read(id)
      if (r !== undefined) used.push(r)
      return r?.value
    })
    if (compiled === undefined) return undefined
    return Object.freeze({
      id: c.id,
      rank: c.rank,
      name: c.name,
      nameVi: c.nameVi,
      citation: c.citation,
      grade: Citation.weakestGrade([c.citation.grade, ...used.map((u) => u.citation.grade)]),
      reads: Object.freeze(used.map(traceRead)),
      criterion: compiled
    })
  }
  const areaPriorities: Array<ResolvedPriorityClass> = []
  const industryPriorities: Array<ResolvedPriorityClass> = []
  for (const c of [...pack.areaPriorities].sort((x, y) => x.rank - y.rank)) {
    const r = priorityClass(c)
    if (r !== undefined) areaPriorities.push(r)
  }
  for (const c of [...pack.industryPriorities].sort((x, y) => x.rank - y.rank)) {
    const r = priorityClass(c)
    if (r !== undefined) industryPriorities.push(r)
  }
  if (failure !== undefined) return err(failure)

  let unrankedActivities: ReadonlyArray<string> = []
  if (pack.priority?.unrankedActivities !== undefined) {
    const r = read(pack.priority.unrankedActivities)
    if (r !== undefined && Array.isArray(r.value)) unrankedActivities = Object.freeze([...(r.value as ReadonlyArray<string>)])
  }
  let keyProjectsFirst: Reading<ReadonlyArray<string>> | undefined
  if (pack.priority?.keyProjectsFirst !== undefined) {
    const r = read(pack.priority.keyProjectsFirst)
    if (r !== undefined && Array.isArray(r.value)) keyProjectsFirst = r as Reading<ReadonlyArray<string>>
  }
  let priorityMultiplier: Reading<Rate.Rate> | undefined
  if (pack.support?.priorityMultiplier !== undefined) {
    const r = read(pack.support.priorityMultiplier)
    if (r !== undefined) priorityMultiplier = r as Reading<Rate.Rate>
  }
  if (failure !== undefined) return err(failure)

  // Layers and the national view
  const layering = pack.layering
  const layers: ReadonlyArray<LayerInfo> = layering?.layers ?? [{ id: NATIONAL, kind: "national", title: pack.title }]
  const overlayInForce = layers.some((l) => l.kind === "overlay" && l.start !== undefined && l.start <= date && (l.end === undefined || date <= l.end))
  let national: ResolvedPack | undefined
  let province: string | undefined
  if (layering?.national !== undefined && layering.province !== undefined && overlayInForce) {
    const n = resolve(layering.national, date)
    if (!n.ok) return n
    national = n.value
    province = layering.province
    for (const code of Object.keys(items)) {
      const mine = items[code] as ResolvedItem
      const theirs = national.items[code]
      if (theirs !== undefined && isAbove(mine, theirs)) items[code] = Object.freeze({ ...mine, aboveNational: true })
    }
  }
  const warnings = (layering?.warnings ?? []).filter((w) => {
    const at = (w as Issue & { readonly actual?: unknown }).actual
    const seg = typeof at === "object" && at !== null && "start" in at ? (at as LayerSegment) : undefined
    return seg === undefined || inSegment(seg, date)
  })
  for (const w of reportedWarnings(pack, date)) warnings.push(w)

  const out: {
    -readonly [K in keyof ResolvedPack]: ResolvedPack[K]
  } = {
    packId: pack.id,
    version: pack.version,
    title: pack.title,
    date,
    governs: pack.governs,
    layers,
    activities: Object.freeze(activities),
    items: Object.freeze(items),
    activityIndex: new Map(Object.entries(activities)),
    itemIndex: new Map(Object.entries(items)),
    eligibility: Object.freeze(eligibility),
    proposalRules: Object.freeze(eligibility.filter((r) => r.scope === "proposal")),
    establishmentRules: Object.freeze(eligibility.filter((r) => r.scope === "establishment")),
    proposalPassed: Object.freeze(eligibility.filter((r) => r.scope === "proposal").map((r) => passOf(r))),
    areaPriorities: Object.freeze(areaPriorities),
    industryPriorities: Object.freeze(industryPriorities),
    unrankedActivities,
    rounding: mode,
    warnings: Object.freeze(warnings)
  }
  if (province !== undefined) out.province = province
  if (national !== undefined) out.national = national
  if (pack.priority !== undefined) out.priorityCitation = pack.priority.citation
  if (priorityMultiplier !== undefined) out.priorityMultiplier = priorityMultiplier
  if (keyProjectsFirst !== undefined) out.keyProjectsFirst = keyProjectsFirst
  return ok(Object.freeze(out))
}

/**
 * The warnings of the instruments reported by `date` whose text was not seen
 * (`RulePack.reported`): the figures may have been replaced; the message names the instrument,
 * its report day, what it may replace and change, and its grade.
 */
const reportedWarnings = (pack: RulePack, date: LocalDate.LocalDate): ReadonlyArray<Issue> => {
  const out: Array<Issue> = []
  const all = pack.reported ?? []
  for (let i = 0; i < all.length; i++) {
    const r = all[i] as NonNullable<RulePack["reported"]>[number]
    if (r.on > date) continue
    out.push({
      code: "pack/reported-instrument",
      path: ["reported", i],
      message: `${Citation.formatInstrument(r.instrument)} (${r.instrument.issuer}), reported as of ${r.on} but its text not seen (${Citation.gradeLabel(r.grade)}), may replace ${r.mayReplace.join(", ")}: ${r.concerns}. The figures here are still those of ${r.mayReplace.join(", ")} [${r.source}]`,
      actual: { instrument: r.instrument.number, on: r.on, grade: r.grade, mayReplace: r.mayReplace }
    })
  }
  return out
}

/** Whether a provincial item's caps exceed the national item's. */
const isAbove = (mine: ResolvedItem, theirs: ResolvedItem): boolean => {
  if (mine.hasAmount && theirs.hasAmount && mine.amount > theirs.amount) return true
  if (mine.hasAmount && !theirs.hasAmount && theirs.hasRate) return false
  if (mine.rate !== undefined && theirs.rate !== undefined && Rate.compare(mine.rate.value, theirs.rate.value) > 0) return true
  return false
}

const resolveItem = (
  it: RulePack["activities"][number]["items"][number],
  activity: string,
  addedLayer: string,
  read: (id: string) => Reading<ParameterValue> | undefined,
  byCode: ReadonlyMap<string, { readonly item: RulePack["activities"][number]["items"][number]; readonly activity: string }>,
  mode: Rounding.Mode
): ResolvedItem | undefined => {
  const cap = it.cap
  const used: Array<Reading<ParameterValue>> = []
  const take = (id: string): Reading<ParameterValue> | undefined => {
    const r = read(id)
    if (r !== undefined) used.push(r)
    return r
  }
  let rate: Reading<Rate.Rate> | undefined
  let amountReading: Reading<bigint> | undefined
  let multiple: Reading<Rate.Rate> | undefined
  let share: Reading<Rate.Rate> | undefined
  let amountRounding: Rounding.Record | undefined
  let amount = 0n
  let hasAmount = false
  let baseItem: string | undefined
  const asRate = (r: Reading<ParameterValue> | undefined): Reading<Rate.Rate> | undefined =>
    r === undefined ? undefined : ({ ...r, value: toRate(r.value as Rate.Rate) } as Reading<Rate.Rate>)
  switch (cap.kind) {
    case "rate-and-amount":
      rate = asRate(take(cap.rate))
      amountReading = take(cap.amount) as Reading<bigint> | undefined
      break
    case "amount":
      amountReading = take(cap.amount) as Reading<bigint> | undefined
      break
    case "rate":
      rate = asRate(take(cap.rate))
      break
    case "multiple-of": {
      baseItem = cap.item
      multiple = asRate(take(cap.multiple))
      const base = byCode.get(cap.item)?.item.cap
      if (base !== undefined && (base.kind === "rate-and-amount" || base.kind === "amount"))
        amountReading = take(base.amount) as Reading<bigint> | undefined
      const rateId = cap.rate ?? (base !== undefined && base.kind === "rate-and-amount" ? base.rate : undefined)
      if (rateId !== undefined) rate = asRate(take(rateId))
      break
    }
    case "share-of-support":
      share = asRate(take(cap.share))
      break
  }
  if (used.length !== countRefs(cap, byCode)) return undefined // a lookup failed; the caller reports it
  if (amountReading !== undefined) {
    hasAmount = true
    amount = amountReading.value
    if (multiple !== undefined) {
      const rounded = Rounding.multiply(amount, multiple.value.numerator, multiple.value.denominator, mode)
      amount = rounded.value
      if (rounded.record.difference !== "0") amountRounding = rounded.record
    }
  }
  let layer = addedLayer
  for (const u of used) if (u.layer !== NATIONAL) layer = u.layer
  const out: { -readonly [K in keyof ResolvedItem]: ResolvedItem[K] } = {
    code: it.code,
    activity,
    name: it.name,
    nameVi: it.nameVi,
    citation: it.citation,
    cap,
    unit: cap.unit,
    scope: scopeOf(cap),
    pool: cap.kind === "multiple-of" ? cap.item : it.code,
    phase: cap.kind === "multiple-of" ? 1 : cap.kind === "share-of-support" ? 2 : 0,
    hasRate: rate !== undefined,
    rateNumerator: rate?.value.numerator ?? 1n,
    rateDenominator: rate?.value.denominator ?? 1n,
    hasAmount,
    amount,
    grade: Citation.weakestGrade([it.citation.grade, ...used.map((u) => u.citation.grade)]),
    layer,
    reads: Object.freeze(used.map((u) => Trace.readParameter(u))),
    aboveNational: false
  }
  if (rate !== undefined) out.rate = rate
  if (amountReading !== undefined) out.amountReading = amountReading
  if (multiple !== undefined) out.multiple = multiple
  if (baseItem !== undefined) out.baseItem = baseItem
  if (amountRounding !== undefined) out.amountRounding = amountRounding
  if (share !== undefined) out.share = share
  return Object.freeze(out)
}

const countRefs = (
  cap: CapRule,
  byCode: ReadonlyMap<string, { readonly item: RulePack["activities"][number]["items"][number]; readonly activity: string }>
): number => {
  switch (cap.kind) {
    case "rate-and-amount":
      return 2
    case "amount":
    case "rate":
    case "share-of-support":
      return 1
    case "multiple-of": {
      const base = byCode.get(cap.item)?.item.cap
      let n = 1
      if (base !== undefined && (base.kind === "rate-and-amount" || base.kind === "amount")) n++
      if (cap.rate !== undefined || (base !== undefined && base.kind === "rate-and-amount")) n++
      return n
    }
  }
}

/**
 * {@link resolve}, throwing the `LookupError`.
 * @function
 * @category resolution
 * @since 0.1.0
 * @example `resolveOrThrow(pack, "2023-06-30").items["machinery.technology-line"]?.amount` → `450000000n`
 */
export const resolveOrThrow = orThrow(resolve)

/**
 * {@link resolve} as an Effect.
 * @function
 * @category resolution
 * @since 0.1.0
 * @example `Effect.runSync(resolveEffect(pack, "2023-06-30")).packId` → `"vn-khuyen-cong-2021-2025"`
 */
export const resolveEffect = toEffect(resolve)

/**
 * The view a proposal of the given fund uses: a provincial view serves local-fund proposals; a
 * national-fund proposal uses the national view beneath it.
 * @category resolution
 * @since 0.1.0
 * @example `viewFor(provincial, "national") === provincial.national` → `true`
 */
export const viewFor = (resolved: ResolvedPack, fund: "national" | "local"): ResolvedPack =>
  fund === "national" && resolved.national !== undefined ? resolved.national : resolved

// ---------------------------------------------------------------------------------------------
// Reading a pack

/**
 * What a pack's parameter says on a day (tham số tại một ngày): the value, the days it applies and
 * its citation. Fails with a `LookupError`: `pack/unknown-parameter` when the pack has no such
 * parameter, `parameter/no-value-at-date` when no value applies that day.
 * @category reading
 * @since 0.2.0
 * @example `read(pack, "support.machinery.cap", "2023-06-30")` → `ok({ value: 300000000n, from: "2018-05-11", citation: { instrument: { number: "28/2018/TT-BTC" }, article: "8", clause: "4", grade: "secondary" } })`
 */
export const read = (pack: RulePack, id: string, date: LocalDate.LocalDate): Result<Parameter.Reading<ParameterValue>, LookupError> => {
  const p = pack.parameters[id]
  if (p === undefined)
    return err(
      new LookupError({
        code: "pack/unknown-parameter",
        path: ["parameters", id],
        at: date,
        message: `rule pack (bộ quy tắc) "${pack.id}" has no parameter (tham số) "${id}"`
      })
    )
  return Parameter.at(p, date)
}

/**
 * {@link read}, throwing the `LookupError`.
 * @function
 * @category reading
 * @since 0.2.0
 * @example `readOrThrow(pack, "support.machinery.cap", "2023-06-30").value` → `300000000n`
 */
export const readOrThrow = orThrow(read)

/**
 * A citation of a pack, with where it stands in the pack (`where`: a path such as
 * `["parameters", "support.machinery.cap", "values", 0]`, `["activities", "machinery"]`,
 * `["activities", "machinery", "items", "machinery.equipment"]`, `["eligibility", "eligibility.location"]`).
 * @category models
 * @since 0.2.0
 */
export interface CitationAt {
  readonly where: ReadonlyArray<string | number>
  readonly citation: Citation.Citation
}

/**
 * Every citation of a pack (căn cứ pháp lý), in the order the pack holds them: each parameter value,
 * activity, spending item, advance tier and remainder, calendar entry, eligibility rule, priority
 * class and the priority order. For audits: which instruments a pack rests on, and how sure each
 * figure is.
 * @category reading
 * @since 0.2.0
 * @example `citations(pack).filter((c) => c.citation.grade === "unconfirmed").length` → the unconfirmed citations of the pack
 */
export const citations = (pack: RulePack): ReadonlyArray<CitationAt> => {
  const out: Array<CitationAt> = []
  for (const [id, p] of Object.entries(pack.parameters)) p.values.forEach((v, i) => out.push({ where: ["parameters", id, "values", i], citation: v.citation }))
  for (const a of pack.activities) {
    out.push({ where: ["activities", a.code], citation: a.citation })
    for (const it of a.items) out.push({ where: ["activities", a.code, "items", it.code], citation: it.citation })
  }
  for (const t of pack.advances.tiers) out.push({ where: ["advances", "tiers", t.id], citation: t.citation })
  out.push({ where: ["advances", "remainder"], citation: pack.advances.remainder.citation })
  for (const c of pack.calendar) out.push({ where: ["calendar", c.id], citation: c.citation })
  for (const r of pack.eligibility) out.push({ where: ["eligibility", r.id], citation: r.citation })
  for (const c of pack.areaPriorities) out.push({ where: ["areaPriorities", c.id], citation: c.citation })
  for (const c of pack.industryPriorities) out.push({ where: ["industryPriorities", c.id], citation: c.citation })
  if (pack.priority !== undefined) out.push({ where: ["priority"], citation: pack.priority.citation })
  return out
}
