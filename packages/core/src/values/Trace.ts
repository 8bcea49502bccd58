/**
 * Trace (giải trình): a JSON explanation of a computation, step by step: which rule ran, on
 * which inputs, which parameters it read (value, the days that value applies, its citation and
 * grade), which roundings it applied, and what it produced. A trace is plain JSON with
 * `schemaVersion: 1`, so it can be stored beside a decision and decoded later with
 * {@link schema}.
 *
 * Recording costs nothing when it is off: functions take a `Recorder | undefined` and write
 * `rec?.push(Trace.step({ ... }))`; with no recorder the optional call skips building the step.
 *
 * Every parameter read whose grade is not settled (`provincial-copy`, `unconfirmed`) stays
 * visible: {@link unconfirmedReads} lists them for the explanation.
 *
 * @example
 * ```ts
 * import { Parameter, Trace } from "@khuyencong/core"
 * const rec = new Trace.Recorder()
 * const cap = Parameter.atOrThrow(machineryCap, date)
 * rec.push(Trace.step({ rule: "machinery.cap", inputs: { requested: 450_000_000n }, parameters: [cap], result: 300_000_000n }))
 * const trace = rec.finish()
 * JSON.stringify(trace) // {"schemaVersion":1,"steps":[{"rule":"machinery.cap","inputs":{"requested":"450000000"},...}]}
 * Trace.unconfirmedReads(trace) // []
 * ```
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as Citation from "./Citation.js"
import { ValidationError, type Issue } from "./Errors.js"
import * as LocalDate from "./LocalDate.js"
import type * as Parameter from "./Parameter.js"
import { err, ok, type Result } from "./Result.js"

/**
 * A JSON value. Bigints have no JSON form: {@link toJson} writes them as decimal strings.
 * @category models
 * @since 0.1.0
 */
export type Json = null | boolean | number | string | ReadonlyArray<Json> | { readonly [key: string]: Json }

/**
 * One application of a named rounding, as stored in a trace: the mode, the exact value before
 * rounding, the rounded result and the difference (`result − exact`), all as strings so no
 * precision is lost (the agreed JSON shape of `Rounding` records).
 * @category models
 * @since 0.1.0
 */
export interface RoundingEntry {
  readonly mode: string
  readonly exact: string
  readonly result: string
  readonly difference: string
}

/**
 * A citation as stored in a trace: the instrument flattened to its number.
 * @category models
 * @since 0.1.0
 */
export interface CitationRef {
  /** Instrument number, e.g. `28/2018/TT-BTC`. */
  readonly instrument: string
  readonly article?: string
  readonly clause?: string
  readonly point?: string
  readonly grade: Citation.Grade
  readonly note?: string
}

/**
 * One parameter read: which parameter, the value read, the days that value applies over and
 * its citation.
 * @category models
 * @since 0.1.0
 */
export interface ParameterRead {
  readonly id: string
  readonly value: Json
  readonly from: LocalDate.LocalDate
  readonly until?: LocalDate.LocalDate
  readonly citation: CitationRef
}

/**
 * One step of a computation.
 * @category models
 * @since 0.1.0
 */
export interface TraceStep {
  /** Rule id, e.g. `support.machinery.cap`. */
  readonly rule: string
  readonly description?: string
  readonly inputs: { readonly [name: string]: Json }
  readonly parameters: ReadonlyArray<ParameterRead>
  readonly roundings: ReadonlyArray<RoundingEntry>
  readonly result: Json
  /** Which layer the rule came from: `"national"`, a provincial overlay id or a reform id. */
  readonly layer?: string
  /**
   * The legal basis of the rule itself (since 0.3.0): an eligibility rule's citation, an
   * activity's and a spending item's. Absent in traces written before.
   */
  readonly citations?: ReadonlyArray<CitationRef>
}

/**
 * A whole explanation.
 * @category models
 * @since 0.1.0
 */
export interface Trace {
  readonly schemaVersion: 1
  readonly steps: ReadonlyArray<TraceStep>
}

// ---------------------------------------------------------------------------------------------
// JSON conversion
// ---------------------------------------------------------------------------------------------

/** Own, enumerable property even for the key `__proto__`. */
const setOwn = (o: Record<string, Json>, k: string, v: Json): void => {
  if (k === "__proto__") Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
  else o[k] = v
}

const toJsonAt = (value: unknown, path: string, seen: Set<object>): Json => {
  switch (typeof value) {
    case "string":
    case "boolean":
      return value
    case "bigint":
      return value.toString()
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`trace (giải trình) value at ${path} is ${value}, which JSON cannot hold`)
      return value === 0 ? 0 : value // -0 has no JSON form
    case "object": {
      if (value === null) return null
      if (seen.has(value)) throw new TypeError(`trace (giải trình) value at ${path} refers to itself`)
      if (value instanceof Map || value instanceof Set)
        throw new TypeError(`trace (giải trình) value at ${path} is a ${value instanceof Map ? "Map" : "Set"}; convert it to an array or object first`)
      const toJSON = (value as { readonly toJSON?: unknown }).toJSON
      if (typeof toJSON === "function") return toJsonAt(toJSON.call(value), path, seen)
      seen.add(value)
      try {
        if (Array.isArray(value)) return value.map((v: unknown, i) => (v === undefined ? null : toJsonAt(v, `${path}[${i}]`, seen)))
        const out: Record<string, Json> = {}
        for (const [k, v] of Object.entries(value)) if (v !== undefined) setOwn(out, k, toJsonAt(v, `${path}.${k}`, seen))
        return out
      } finally {
        seen.delete(value)
      }
    }
    default:
      throw new TypeError(`trace (giải trình) value at ${path} is a ${typeof value}, which JSON cannot hold`)
  }
}

/**
 * Convert a value to JSON for a trace: bigints (money in đồng, rate numerators) become decimal
 * strings, recursively; object keys holding `undefined` are dropped and `undefined` array items
 * become `null` and `-0` becomes `0`, as `JSON.stringify` does; objects with `toJSON` are
 * converted through it.
 * Throws a `TypeError` for what JSON cannot hold (functions, symbols, `undefined` itself,
 * `NaN`, `Infinity`, `Map`, `Set`, cycles): a programming error, not bad input.
 * @example `toJson({ amount: 1500000000n, rate: { numerator: 7n, denominator: 10n } })` → `{ amount: "1500000000", rate: { numerator: "7", denominator: "10" } }`
 * @category conversions
 * @since 0.1.0
 */
export const toJson = (value: unknown): Json => toJsonAt(value, "$", new Set())

/**
 * A citation flattened for a trace: the instrument becomes its number; `source` is dropped.
 * @example `citationRef(c)` → `{ instrument: "28/2018/TT-BTC", article: "4", clause: "1", point: "a", grade: "secondary" }`
 * @category conversions
 * @since 0.1.0
 */
export const citationRef = (c: Citation.Citation): CitationRef => {
  const out: { -readonly [K in keyof CitationRef]: CitationRef[K] } = { instrument: c.instrument.number, grade: c.grade }
  if (c.article !== undefined) out.article = c.article
  if (c.clause !== undefined) out.clause = c.clause
  if (c.point !== undefined) out.point = c.point
  if (c.note !== undefined) out.note = c.note
  return out
}

/**
 * A parameter reading (the success of `Parameter.at`) as a trace entry. The value goes through
 * `encode`, by default {@link toJson} (bigints as strings).
 * @example `readParameter(Parameter.atOrThrow(cap, "2024-06-30"))` → `{ id: "machinery.cap", value: "300000000", from: "2018-05-11", citation: { instrument: "28/2018/TT-BTC", grade: "secondary", … } }`
 * @category conversions
 * @since 0.1.0
 */
export const readParameter = <T>(reading: Parameter.Reading<T>, encode: (value: T) => Json = toJson): ParameterRead => {
  const citation = citationRef(reading.citation)
  const value = encode(reading.value)
  return reading.until === undefined
    ? { id: reading.parameterId, value, from: reading.from, citation }
    : { id: reading.parameterId, value, from: reading.from, until: reading.until, citation }
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

/**
 * What {@link step} takes: inputs and result may hold bigints (converted by {@link toJson});
 * parameters may be `Parameter.at` readings or ready `ParameterRead`s.
 * @category models
 * @since 0.1.0
 */
export interface StepInput {
  readonly rule: string
  readonly description?: string
  readonly inputs?: { readonly [name: string]: unknown }
  readonly parameters?: ReadonlyArray<ParameterRead | Parameter.Reading<unknown>>
  readonly roundings?: ReadonlyArray<RoundingEntry>
  readonly result: unknown
  readonly layer?: string
  readonly citations?: ReadonlyArray<Citation.Citation | CitationRef>
}

const isReading = (r: ParameterRead | Parameter.Reading<unknown>): r is Parameter.Reading<unknown> =>
  "parameterId" in r

/**
 * Build a step. Missing `inputs`, `parameters` and `roundings` become empty.
 * @example `step({ rule: "r", result: 5n })` → `{ rule: "r", inputs: {}, parameters: [], roundings: [], result: "5" }`
 * @category constructors
 * @since 0.1.0
 */
export const step = (input: StepInput): TraceStep => {
  const inputs: Record<string, Json> = {}
  if (input.inputs !== undefined)
    for (const [k, v] of Object.entries(input.inputs)) if (v !== undefined) setOwn(inputs, k, toJsonAt(v, `inputs.${k}`, new Set()))
  const out: { -readonly [K in keyof TraceStep]: TraceStep[K] } = {
    rule: input.rule,
    inputs,
    parameters: (input.parameters ?? []).map((p) => (isReading(p) ? readParameter(p) : p)),
    roundings: (input.roundings ?? []).map((r) => ({ mode: r.mode, exact: r.exact, result: r.result, difference: r.difference })),
    result: toJsonAt(input.result, "result", new Set())
  }
  if (input.description !== undefined) out.description = input.description
  if (input.layer !== undefined) out.layer = input.layer
  if (input.citations !== undefined) out.citations = input.citations.map((c) => (typeof c.instrument === "string" ? (c as CitationRef) : citationRef(c as Citation.Citation)))
  return out
}

/**
 * A trace with no steps.
 * @example `empty()` → `{ schemaVersion: 1, steps: [] }`
 * @category constructors
 * @since 0.1.0
 */
export const empty = (): Trace => ({ schemaVersion: 1, steps: [] })

/**
 * A new trace with one more step (the input is not changed).
 * @example `append(empty(), s).steps.length` → `1`
 * @category combinators
 * @since 0.1.0
 */
export const append = (trace: Trace, s: TraceStep): Trace => ({ schemaVersion: 1, steps: [...trace.steps, s] })

/**
 * The steps of `a` followed by those of `b`.
 * @example `concat(a, b).steps.length` → `a.steps.length + b.steps.length`
 * @category combinators
 * @since 0.1.0
 */
export const concat = (a: Trace, b: Trace): Trace => ({ schemaVersion: 1, steps: [...a.steps, ...b.steps] })

/**
 * Collects steps while a computation runs. Pass `Recorder | undefined` down and write
 * `rec?.push(Trace.step({ ... }))`: with tracing off nothing is built. With `layer`, steps pushed
 * without a layer get it (for a reform or a provincial overlay).
 * @example
 * ```ts
 * const rec = new Trace.Recorder({ layer: "national" })
 * rec.push(Trace.step({ rule: "r", result: 1 }))
 * rec.finish() // { schemaVersion: 1, steps: [{ rule: "r", …, layer: "national" }] }
 * ```
 * @category recording
 * @since 0.1.0
 */
export class Recorder {
  readonly #steps: Array<TraceStep> = []
  readonly #layer: string | undefined

  constructor(options?: { readonly layer?: string }) {
    this.#layer = options?.layer
  }

  /** Add a step. @since 0.1.0 */
  push(s: TraceStep): void {
    this.#steps.push(this.#layer !== undefined && s.layer === undefined ? { ...s, layer: this.#layer } : s)
  }

  /** Steps recorded so far. @since 0.1.0 */
  get steps(): ReadonlyArray<TraceStep> {
    return this.#steps
  }

  /** The trace of the steps recorded so far (a copy: later pushes do not change it). @since 0.1.0 */
  finish(): Trace {
    return { schemaVersion: 1, steps: this.#steps.slice() }
  }
}

// ---------------------------------------------------------------------------------------------
// Reading traces
// ---------------------------------------------------------------------------------------------

/**
 * A figure or a rule whose citation's grade is not settled, with the step that used it:
 * `kind: "parameter"` for a parameter read (`read` is the read), `kind: "rule"` for the citation
 * of the rule itself (an eligibility rule, an activity, a spending item; no `read`).
 * @category models
 * @since 0.1.0
 */
export interface UnconfirmedRead {
  /** Index of the step in `trace.steps`. */
  readonly step: number
  readonly rule: string
  /** `parameter` (a figure read) or `rule` (the rule's own citation). @since 0.3.0 */
  readonly kind: "parameter" | "rule"
  /** The parameter read, for `kind: "parameter"`. */
  readonly read?: ParameterRead
  /** The unsettled citation. @since 0.3.0 */
  readonly citation: CitationRef
}

/**
 * Every rule citation (since 0.3.0) and parameter read whose grade is not `primary` or
 * `secondary`, in step order (in a step, the rule's citations first), so an explanation can show
 * that the figure or the rule is not confirmed. A citation repeated by several steps is listed
 * for each.
 * @example `unconfirmedReads(trace).filter((u) => u.kind === "parameter").map((u) => u.read?.id)` → `["fair.abroad.cap"]`
 * @category queries
 * @since 0.1.0
 */
export const unconfirmedReads = (trace: Trace): ReadonlyArray<UnconfirmedRead> => {
  const out: Array<UnconfirmedRead> = []
  trace.steps.forEach((s, i) => {
    for (const citation of s.citations ?? []) if (!Citation.isSettled(citation.grade)) out.push({ step: i, rule: s.rule, kind: "rule", citation })
    for (const read of s.parameters) if (!Citation.isSettled(read.citation.grade)) out.push({ step: i, rule: s.rule, kind: "parameter", read, citation: read.citation })
  })
  return out
}

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

const JsonSchema: Schema.Codec<Json> = Schema.Json

/**
 * Effect Schema for a rounding entry.
 * @example `Schema.is(Trace.roundingEntrySchema)({ mode: "half-up", exact: "1.5", result: "2", difference: "0.5" })` → `true`
 * @category schemas
 * @since 0.1.0
 */
const roundingEntrySchema = Schema.Struct({
  mode: Schema.String,
  exact: Schema.String,
  result: Schema.String,
  difference: Schema.String
})

/**
 * Effect Schema for a citation as stored in a trace.
 * @example `Schema.is(Trace.citationRefSchema)({ instrument: "28/2018/TT-BTC", grade: "secondary" })` → `true`
 * @category schemas
 * @since 0.1.0
 */
const citationRefSchema = Schema.Struct({
  instrument: Schema.String,
  article: Schema.optionalKey(Schema.String),
  clause: Schema.optionalKey(Schema.String),
  point: Schema.optionalKey(Schema.String),
  grade: Citation.gradeSchema,
  note: Schema.optionalKey(Schema.String)
})

/**
 * Effect Schema for a parameter read.
 * @example `Schema.is(Trace.parameterReadSchema)({ id: "p", value: "1", from: "2018-05-11", citation: { instrument: "28/2018/TT-BTC", grade: "secondary" } })` → `true`
 * @category schemas
 * @since 0.1.0
 */
const parameterReadSchema = Schema.Struct({
  id: Schema.String,
  value: JsonSchema,
  from: LocalDate.schema,
  until: Schema.optionalKey(LocalDate.schema),
  citation: citationRefSchema
})

/**
 * Effect Schema for a trace step.
 * @example `Schema.is(Trace.stepSchema)(Trace.step({ rule: "r", result: 1n }))` → `true`
 * @category schemas
 * @since 0.1.0
 */
const stepSchema = Schema.Struct({
  rule: Schema.String,
  description: Schema.optionalKey(Schema.String),
  inputs: Schema.Record(Schema.String, JsonSchema),
  parameters: Schema.Array(parameterReadSchema),
  roundings: Schema.Array(roundingEntrySchema),
  result: JsonSchema,
  layer: Schema.optionalKey(Schema.String),
  citations: Schema.optionalKey(Schema.Array(citationRefSchema))
})

/**
 * Effect Schema for a whole trace (`schemaVersion: 1`); the encoded form is the same JSON, so
 * `decode(JSON.parse(JSON.stringify(trace)))` gives the trace back.
 * @example `Schema.decodeUnknownSync(Trace.schema)(JSON.parse(stored))` → a `Trace`
 * @category schemas
 * @since 0.1.0
 */
export const schema = Schema.Struct({
  schemaVersion: Schema.Literal(1),
  steps: Schema.Array(stepSchema)
})

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()
const decodeSchema = Schema.decodeUnknownResult(schema, { errors: "all" })

/**
 * Decode a stored trace (already parsed from JSON), reporting every problem with its path
 * (code `trace/invalid`).
 * @example `decode({ schemaVersion: 2, steps: [] })` → error `trace/invalid` at `["schemaVersion"]`
 * @category schemas
 * @since 0.1.0
 */
export const decode = (u: unknown): Result<Trace, ValidationError> => {
  const r = decodeSchema(u)
  if (r._tag === "Success") return ok(r.success)
  const issues: Array<Issue> = formatter(r.failure.issue).issues.map((i) => ({
    code: "trace/invalid",
    path: (i.path ?? []).map((k) => {
      const key = typeof k === "object" && k !== null ? k.key : k
      return typeof key === "number" ? key : String(key)
    }),
    message: `trace (giải trình): ${i.message}`
  }))
  const first = issues[0] ?? { code: "trace/invalid", path: [], message: "trace (giải trình) is not valid" }
  return err(
    new ValidationError({
      code: "trace/invalid",
      path: first.path,
      message: issues.length > 1 ? `${first.message} (and ${issues.length - 1} more problem(s))` : first.message,
      issues
    })
  )
}
