/**
 * Parameter (tham số theo thời gian): a figure the rules read (a support cap, a rate, a deadline)
 * as a time series. Each value takes effect on its `from` day and applies until the day before
 * the next value's `from`; the last one applies until `until` (inclusive) or, without `until`,
 * with no end. Every value carries its own citation, so a lookup says which instrument set the
 * figure it returns and how sure we are of it.
 *
 * A date before the first value or after `until` has no value: {@link at} fails with a
 * `LookupError` and never falls back to a default.
 *
 * {@link override} replaces the values over a date range (a what-if reform or a provincial
 * overlay) without touching the parameter as encoded.
 *
 * @example
 * ```ts
 * import { Parameter, LocalDate } from "@khuyencong/core"
 * const cap = Parameter.makeOrThrow({
 *   id: "machinery.cap",
 *   description: "Cap on machinery support per establishment",
 *   unit: "VND",
 *   values: [
 *     { from: LocalDate.parseOrThrow("2014-04-08"), value: 200_000_000n, citation: jc26 },
 *     { from: LocalDate.parseOrThrow("2018-05-11"), value: 300_000_000n, citation: tt28 }
 *   ]
 * })
 * Parameter.atOrThrow(cap, LocalDate.parseOrThrow("2024-06-30")).value // 300000000n
 * Parameter.at(cap, LocalDate.parseOrThrow("2014-01-01")).ok            // false (LookupError)
 * ```
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as Citation from "./Citation.js"
import * as Decode from "./Decode.js"
import type * as DateRange from "./DateRange.js"
import { LookupError, ValidationError, type Issue } from "./Errors.js"
import * as LocalDate from "./LocalDate.js"
import { err, ok, orThrow, type Result } from "./Result.js"

/**
 * One value of a parameter: from which day it applies, the value, and where it comes from.
 * @category models
 * @since 0.1.0
 */
export interface Value<T> {
  readonly from: LocalDate.LocalDate
  readonly value: T
  readonly citation: Citation.Citation
}

/**
 * A parameter: values with strictly increasing `from` days, each applying until the next one
 * starts; the last applies until `until` (inclusive) or without end. Build with {@link make},
 * which checks these invariants.
 * @category models
 * @since 0.1.0
 */
export interface Parameter<T> {
  /** Stable identifier, e.g. `support.machinery.cap`. */
  readonly id: string
  /** What the figure is, in English with the Vietnamese term. */
  readonly description: string
  /** Unit, e.g. `VND`, `%`, `days`. */
  readonly unit?: string
  readonly values: ReadonlyArray<Value<T>>
  /** Last day (inclusive) any value applies; absent when the last value has no end. */
  readonly until?: LocalDate.LocalDate
}

/**
 * The answer to "what is this parameter on this day": the value, the days it applies over
 * (`from` … `until`, `until` absent when open-ended), its citation and the parameter's id.
 * @category models
 * @since 0.1.0
 */
export interface Reading<T> {
  readonly parameterId: string
  readonly value: T
  readonly from: LocalDate.LocalDate
  readonly until?: LocalDate.LocalDate
  readonly citation: Citation.Citation
}

const LAST_DAY = "9999-12-31" as LocalDate.LocalDate

/** A definition written in code may spell an absent `unit` or `until` as `undefined`. */
const withoutUndefined = (def: unknown): unknown => {
  if (typeof def !== "object" || def === null || !("unit" in def || "until" in def)) return def
  const out: Record<string, unknown> = { ...def }
  if (out["unit"] === undefined) delete out["unit"]
  if (out["until"] === undefined) delete out["until"]
  return out
}

/**
 * Check a parameter definition against {@link schema}, reporting every problem with its path:
 * `parameter/not-an-object`, `parameter/missing-id`, `parameter/missing-description`, `parameter/invalid-unit`,
 * `parameter/no-values`, `parameter/invalid-value` (a value that is not an object),
 * `parameter/invalid-date` (a `from` or `until` that is not a `YYYY-MM-DD` day),
 * `parameter/from-not-increasing`, `parameter/missing-citation`, `parameter/missing-grade`, the
 * citation's own codes (`citation/...`, paths under `values[i].citation`), and
 * `parameter/until-before-last-from`. Values are not checked: `T` is the caller's. An absent `unit`
 * or `until` may be written `undefined`.
 * The result is a frozen copy, so later changes to the input cannot break the invariants.
 * @example `make({ id: "x", description: "…", values: [] })` → error `parameter/no-values`
 * @category constructors
 * @since 0.1.0
 */
export const make = <T>(def: Parameter<T>): Result<Parameter<T>, ValidationError> => {
  const issues = Decode.problems(anyValues, withoutUndefined(def))
  if (issues.length > 0) {
    const first = issues[0] as Issue
    const name = typeof def?.id === "string" && def.id.trim() !== "" ? def.id : "(no id)"
    return err(
      new ValidationError({
        code: first.code,
        path: first.path,
        message: `parameter (tham số) "${name}": ${first.message}${issues.length === 1 ? "" : ` (and ${issues.length - 1} more problem(s))`}`,
        issues
      })
    )
  }
  const copy: { -readonly [K in keyof Parameter<T>]: Parameter<T>[K] } = {
    id: def.id,
    description: def.description,
    values: Object.freeze(def.values.map((v) => Object.freeze({ from: v.from, value: v.value, citation: v.citation })))
  }
  if (def.unit !== undefined) copy.unit = def.unit
  if (def.until !== undefined) copy.until = def.until
  return ok(Object.freeze(copy))
}

/**
 * {@link make}, throwing the `ValidationError`. For rule packs written in code and for tests.
 * @function
 * @example `makeOrThrow({ id: "x", description: "…", values: [{ from, value: 1, citation }] })` → the parameter
 * @category constructors
 * @since 0.1.0
 */
export const makeOrThrow = orThrow(make)

// Last day of each value, computed once per values array (parameters are immutable). The
// lookup itself then allocates nothing but its result.
const lastDays = new WeakMap<ReadonlyArray<Value<unknown>>, ReadonlyArray<LocalDate.LocalDate | undefined>>()

const lastDaysOf = <T>(p: Parameter<T>): ReadonlyArray<LocalDate.LocalDate | undefined> => {
  let ends = lastDays.get(p.values)
  if (ends === undefined) {
    const n = p.values.length
    const out: Array<LocalDate.LocalDate | undefined> = new Array(n)
    for (let i = 0; i < n; i++) {
      const next = p.values[i + 1]
      out[i] = next === undefined ? p.until : LocalDate.addDays(next.from, -1)
    }
    ends = out
    lastDays.set(p.values, ends)
  }
  return ends
}

/** Index of the last value whose `from` ≤ date, or -1. Binary search, no allocation. */
const indexAt = <T>(values: ReadonlyArray<Value<T>>, date: LocalDate.LocalDate): number => {
  let lo = 0
  let hi = values.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    if ((values[mid] as Value<T>).from <= date) {
      found = mid
      lo = mid + 1
    } else {
      hi = mid - 1
    }
  }
  return found
}

const noValue = <T>(p: Parameter<T>, date: LocalDate.LocalDate): LookupError => {
  const first = p.values[0]
  const why =
    first === undefined
      ? "it has no values"
      : date < first.from
        ? `its values start on ${first.from}`
        : `its last value ends on ${p.until ?? "(no end)"}`
  return new LookupError({
    code: "parameter/no-value-at-date",
    path: [p.id],
    at: date,
    message: `parameter (tham số) "${p.id}" (${p.description}) has no value on ${date}: ${why}`
  })
}

/**
 * The value in force on `date`: the latest value whose `from` ≤ `date`, with its citation and
 * the days it applies over. A date before the first value or after `until` fails with a
 * `LookupError` `parameter/no-value-at-date` (its `at` is the date), never a default.
 * O(log n); allocates only the result.
 * @example `at(cap, "2018-05-11")` → `ok({ parameterId: "machinery.cap", value: 300000000n, from: "2018-05-11", citation })`
 * @category lookup
 * @since 0.1.0
 */
export const at = <T>(p: Parameter<T>, date: LocalDate.LocalDate): Result<Reading<T>, LookupError> => {
  const i = indexAt(p.values, date)
  if (i < 0 || (p.until !== undefined && date > p.until)) return err(noValue(p, date))
  const v = p.values[i] as Value<T>
  const until = lastDaysOf(p)[i]
  return ok(
    until === undefined
      ? { parameterId: p.id, value: v.value, from: v.from, citation: v.citation }
      : { parameterId: p.id, value: v.value, from: v.from, until, citation: v.citation }
  )
}

/**
 * {@link at}, throwing the `LookupError`.
 * @function
 * @example `atOrThrow(cap, "2024-06-30").value` → `300000000n`
 * @category lookup
 * @since 0.1.0
 */
export const atOrThrow = orThrow(at)

/**
 * Every value with the days it applies over, oldest first.
 * @example `series(cap).map((r) => [r.from, r.until])` → `[["2014-04-08", "2018-05-10"], ["2018-05-11", undefined]]`
 * @category lookup
 * @since 0.1.0
 */
export const series = <T>(p: Parameter<T>): ReadonlyArray<Reading<T>> => {
  const ends = lastDaysOf(p)
  return p.values.map((v, i) => {
    const until = ends[i]
    return until === undefined
      ? { parameterId: p.id, value: v.value, from: v.from, citation: v.citation }
      : { parameterId: p.id, value: v.value, from: v.from, until, citation: v.citation }
  })
}

/**
 * The days the parameter has a value: first `from` … `until` (open-ended without `until`);
 * `undefined` for a parameter with no values.
 * @example `coverage(cap)` → `{ start: "2014-04-08" }`
 * @category lookup
 * @since 0.1.0
 */
export const coverage = <T>(p: Parameter<T>): DateRange.DateRange | undefined => {
  const first = p.values[0]
  if (first === undefined) return undefined
  return p.until === undefined ? { start: first.from } : { start: first.from, end: p.until }
}

/**
 * A new parameter that takes `value` (with `citation`) on every day of `range`, and is unchanged
 * on every other day: values before the range keep their days up to `range.start − 1`; the value
 * in force on `range.end + 1` resumes on that day (a value the range falls inside is split in
 * two); an open-ended range replaces everything from its start. The range may extend the
 * parameter's coverage (earlier than its first value or later than `until`) only where no gap
 * would be left: an override that would leave days without a value between the range and the
 * existing values fails with `parameter/override-leaves-gap`. The result is checked by
 * {@link make}, so a citation without a grade fails too.
 * @example `atOrThrow(getOrThrow(override(cap, ofYear(2026), 500_000_000n, reform)), "2026-03-01").value` → `500000000n`
 * @category what-if
 * @since 0.1.0
 */
export const override = <T>(
  p: Parameter<T>,
  range: DateRange.DateRange,
  value: T,
  citation: Citation.Citation
): Result<Parameter<T>, ValidationError> => {
  const first = p.values[0]
  const gap = (message: string) => {
    const full = `override of parameter (tham số) "${p.id}" over ${range.start}…${range.end ?? ""} ${message}`
    return err(
      new ValidationError({
        code: "parameter/override-leaves-gap",
        path: [p.id],
        message: full,
        issues: [{ code: "parameter/override-leaves-gap", path: [p.id], message: full, actual: range }]
      })
    )
  }
  if (range.end !== undefined && range.end < range.start) {
    const message = `override range (khoảng thời gian) ends on ${range.end}, before its start ${range.start}`
    return err(
      new ValidationError({
        code: "date-range/end-before-start",
        path: ["range", "end"],
        message,
        issues: [{ code: "date-range/end-before-start", path: ["range", "end"], message, actual: range }]
      })
    )
  }
  if (first !== undefined) {
    if (range.end !== undefined && range.end < first.from && LocalDate.addDays(range.end, 1) !== first.from)
      return gap(`ends before the first value (${first.from}) and would leave days without a value`)
    if (p.until !== undefined && range.start > p.until && range.start !== LocalDate.addDays(p.until, 1))
      return gap(`starts after the last day (${p.until}) and would leave days without a value`)
  }
  const values: Array<Value<T>> = []
  // Values before the range, cut at range.start − 1.
  for (const v of p.values) if (v.from < range.start) values.push(v)
  values.push({ from: range.start, value, citation })
  let until: LocalDate.LocalDate | undefined
  if (range.end === undefined) {
    until = undefined
  } else {
    const coveredUntil = p.until
    if ((coveredUntil !== undefined && range.end >= coveredUntil) || range.end === LAST_DAY) {
      until = range.end
    } else {
      until = coveredUntil
      const resume = LocalDate.addDays(range.end, 1)
      const i = indexAt(p.values, resume)
      if (i >= 0) {
        const resumed = p.values[i] as Value<T>
        values.push({ from: resume, value: resumed.value, citation: resumed.citation })
      }
      for (const v of p.values) if (v.from > resume) values.push(v)
    }
  }
  const def: { -readonly [K in keyof Parameter<T>]: Parameter<T>[K] } = {
    id: p.id,
    description: p.description,
    values
  }
  if (p.unit !== undefined) def.unit = p.unit
  if (until !== undefined) def.until = until
  return make(def)
}

/**
 * {@link override}, throwing the `ValidationError`.
 * @function
 * @example `overrideOrThrow(cap, { start: "2026-01-01" }, 500_000_000n, reform)` → a new parameter
 * @category what-if
 * @since 0.1.0
 */
export const overrideOrThrow = orThrow(override)

const day = (label: string) =>
  Decode.field(LocalDate.schema, { code: "parameter/invalid-date", label, expects: "must be a YYYY-MM-DD day (ngày) that exists" })

/** Each value starts strictly after the one before it. */
const increasing = Schema.makeFilter<ReadonlyArray<unknown>>((list, _ast, options) => {
  const values = list as ReadonlyArray<{ readonly from: string }>
  const out: Array<{ readonly path: ReadonlyArray<number | string>; readonly issue: SchemaIssue.Issue }> = []
  values.forEach((v, i) => {
    const previous = values[i - 1]
    if (previous !== undefined && v.from <= previous.from)
      out.push({
        path: [i, "from"],
        issue: new SchemaIssue.InvalidValue(
          {
            message: `value ${i} (giá trị) starts on ${v.from}, not after the previous value's ${previous.from}`,
            [Decode.codeAnnotation]: "parameter/from-not-increasing",
            [Decode.ownMessageAnnotation]: true
          },
          v.from,
          options
        )
      })
  })
  return out
})

/**
 * Effect Schema for a parameter whose values decode with `value`: the one definition of a
 * parameter's shape, which {@link make} checks definitions against. Decoding reports the codes
 * {@link make} documents; the encoded form is plain JSON (dates ISO, values as `value` encodes
 * them).
 * @example `Schema.decodeUnknownSync(Parameter.schema(Schema.Number))(json)` → a `Parameter<number>`
 * @category schemas
 * @since 0.1.0
 */
export const schema = <S extends Schema.Top>(value: S) =>
  Schema.Struct({
    id: Decode.field(Decode.text, { code: "parameter/missing-id", label: "parameter id (mã tham số)", expects: "must be non-blank text such as support.machinery.cap" }),
    description: Decode.field(Schema.String, { code: "parameter/missing-description", label: "description (mô tả)", expects: "must be a text" }),
    unit: Schema.optionalKey(Decode.field(Schema.String, { code: "parameter/invalid-unit", label: "unit (đơn vị)", expects: "must be a text" })),
    values: Decode.field(
      Schema.Array(
        Schema.Struct({
          from: day("first day of the value (từ ngày)"),
          value,
          citation: Decode.field(Citation.schemaMissingGrade("parameter/missing-grade"), {
            code: "parameter/missing-citation",
            label: "citation of the value (căn cứ pháp lý)",
            expects: "must be an object with an instrument and a grade"
          })
        }).annotate({ [Decode.fieldAnnotation]: { code: "parameter/invalid-value", label: "value (giá trị)", expects: "must be an object { from, value, citation }" } })
      ).check(
        Decode.check<ReadonlyArray<unknown>>("parameter/no-values", (vs) => (vs.length === 0 ? "values (giá trị): the parameter has no values; it needs at least one" : undefined), "at least one value"),
        increasing
      ),
      { code: "parameter/no-values", label: "values (giá trị)", expects: "must be a non-empty list of { from, value, citation }" }
    ),
    until: Schema.optionalKey(day("last day (đến ngày)"))
  })
    .annotate({
      identifier: "Parameter",
      [Decode.fieldAnnotation]: { code: "parameter/not-an-object", label: "parameter (tham số)", expects: "must be an object { id, description, values }" }
    })
    .check(
      Decode.check<{ readonly values: ReadonlyArray<unknown>; readonly until?: LocalDate.LocalDate | undefined }>(
        "parameter/until-before-last-from",
        (p) => {
          const values = p.values as ReadonlyArray<{ readonly from: string }>
          const last = values[values.length - 1]
          return p.until === undefined || last === undefined || p.until >= last.from ? undefined : `parameter (tham số) ends on ${p.until}, before its last value starts on ${last.from}`
        },
        "an end not before the last value's start",
        ["until"]
      )
    )

/** The definition {@link make} checks: any values. */
const anyValues = schema(Schema.Unknown)
