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
 * and the difference `b − a`.
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
import { Effect, Schema } from "effect"
import * as Citation from "../values/Citation.js"
import type { DateRange } from "../values/DateRange.js"
import * as Decode from "../values/Decode.js"
import type { LookupError, RuleViolation, ValidationError } from "../values/Errors.js"
import type * as Eligibility from "./Eligibility.js"
import * as Evaluate from "./Evaluate.js"
import { Issues } from "./internal/issues.js"
import { normalise } from "./internal/values.js"
import * as LocalDate from "../values/LocalDate.js"
import type * as Money from "../values/Money.js"
import { loadPack } from "./internal/load.js"
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
 * The comparison of two packs over some proposals.
 * @category models
 * @since 0.1.0
 */
export interface Comparison {
  readonly packA: string
  readonly packB: string
  readonly proposals: ReadonlyArray<ProposalDifference>
  readonly total: { readonly a: Money.Money; readonly b: Money.Money; readonly difference: bigint }
  /** How many proposals are paid a different amount. */
  readonly changed: number
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
}

/**
 * Evaluate every proposal under pack `a` and pack `b` (each resolved once per date) and report
 * the amounts payable and their differences.
 * @category what-if
 * @since 0.1.0
 * @example `compare(pack, reformed, [p], { establishments })` → `ok({ total: { a: 300000000n, b: 600000000n, difference: 300000000n }, changed: 1, … })`
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
  const rows: Array<ProposalDifference> = []
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
    const eb = Evaluate.evaluate(p, rb.value, evalCtx)
    if (!eb.ok) return eb
    const difference = eb.value.payable - ea.value.payable
    if (difference !== 0n) changed++
    ta += ea.value.payable
    tb += eb.value.payable
    rows.push({
      proposalId: p.id,
      date,
      a: { verdict: ea.value.verdict, support: ea.value.support.total, payable: ea.value.payable },
      b: { verdict: eb.value.verdict, support: eb.value.support.total, payable: eb.value.payable },
      difference
    })
  }
  return ok({ packA: a.id, packB: b.id, proposals: rows, total: { a: ta as Money.Money, b: tb as Money.Money, difference: tb - ta }, changed })
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
