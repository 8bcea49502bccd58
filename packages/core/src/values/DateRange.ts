/**
 * DateRange (khoảng thời gian): the days from `start` to `end`, both included. Without `end` the
 * range is open-ended (đến nay / chưa có ngày kết thúc): it runs from `start` with no last day,
 * as a parameter value does until an instrument replaces it.
 *
 * Inclusive ends match how Vietnamese texts state periods ("từ ngày 01/01/2024 đến ngày
 * 31/12/2024"); a year is `ofYear(2024)` = 2024-01-01 … 2024-12-31.
 *
 * @example
 * ```ts
 * import { DateRange, LocalDate } from "@khuyencong/core"
 * const y = DateRange.ofYear(2024)
 * DateRange.contains(y, LocalDate.parseOrThrow("31/12/2024")) // true
 * DateRange.days(y)                                           // 366
 * ```
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import { ValidationError } from "./Errors.js"
import * as LocalDate from "./LocalDate.js"
import { err, ok, orThrow, type Result } from "./Result.js"

/**
 * Days from `start` to `end`, both included; no `end` means open-ended.
 * Invariant: `start <= end`.
 * @category models
 * @since 0.1.0
 */
export interface DateRange {
  readonly start: LocalDate.LocalDate
  /** Last day included; absent when the range has no end. */
  readonly end?: LocalDate.LocalDate
}

/**
 * A range with a last day.
 * @category models
 * @since 0.1.0
 */
export interface Bounded extends DateRange {
  readonly end: LocalDate.LocalDate
}

/**
 * The range `start … end` (inclusive), or `start …` (open-ended) when `end` is omitted.
 * Fails with `date-range/end-before-start` when `end` is earlier than `start`
 * (a one-day range has `start === end`).
 * @example `make("2024-01-01", "2024-12-31")` → `ok({ start: "2024-01-01", end: "2024-12-31" })`
 * @category constructors
 * @since 0.1.0
 */
export const make = (
  start: LocalDate.LocalDate,
  end?: LocalDate.LocalDate
): Result<DateRange, ValidationError> => {
  if (end === undefined) return ok({ start })
  if (end < start) {
    const message = `date range (khoảng thời gian) ends on ${end}, before its start ${start}`
    return err(
      new ValidationError({
        code: "date-range/end-before-start",
        path: ["end"],
        message,
        issues: [{ code: "date-range/end-before-start", path: ["end"], message, actual: end }]
      })
    )
  }
  return ok({ start, end })
}

/**
 * {@link make}, throwing the `ValidationError`. For constants and tests.
 * @function
 * @example `makeOrThrow("2024-07-01")` → `{ start: "2024-07-01" }`
 * @category constructors
 * @since 0.1.0
 */
export const makeOrThrow = orThrow(make)

/**
 * The calendar year `y`: 1 January … 31 December.
 * @example `ofYear(2024)` → `{ start: "2024-01-01", end: "2024-12-31" }`
 * @category constructors
 * @since 0.1.0
 */
export const ofYear = (y: number): Bounded => ({ start: LocalDate.startOfYear(y), end: LocalDate.endOfYear(y) })

/**
 * The single day `d`.
 * @example `ofDay("2024-02-29")` → `{ start: "2024-02-29", end: "2024-02-29" }`
 * @category constructors
 * @since 0.1.0
 */
export const ofDay = (d: LocalDate.LocalDate): Bounded => ({ start: d, end: d })

/**
 * Whether the range has a last day.
 * @example `isBounded({ start: "2024-01-01" })` → `false`
 * @category guards
 * @since 0.1.0
 */
export const isBounded = (r: DateRange): r is Bounded => r.end !== undefined

/**
 * Whether day `d` lies in the range (ends included).
 * @example `contains(ofYear(2024), "2024-12-31")` → `true`; `contains(ofYear(2024), "2025-01-01")` → `false`
 * @category predicates
 * @since 0.1.0
 */
export const contains = (r: DateRange, d: LocalDate.LocalDate): boolean =>
  d >= r.start && (r.end === undefined || d <= r.end)

/**
 * Whether the two ranges share at least one day. Ranges that only touch (`a` ends on 31/12,
 * `b` starts on 01/01) do not overlap.
 * @example `overlaps(ofYear(2024), { start: "2024-12-31" })` → `true`
 * @category predicates
 * @since 0.1.0
 */
export const overlaps = (a: DateRange, b: DateRange): boolean =>
  (a.end === undefined || b.start <= a.end) && (b.end === undefined || a.start <= b.end)

/**
 * The days both ranges share, or `undefined` when they share none.
 * @example `intersection(ofYear(2024), { start: "2024-07-01" })` → `{ start: "2024-07-01", end: "2024-12-31" }`
 * @category combinators
 * @since 0.1.0
 */
export const intersection = (a: DateRange, b: DateRange): DateRange | undefined => {
  const start = LocalDate.max(a.start, b.start)
  const end =
    a.end === undefined ? b.end : b.end === undefined ? a.end : LocalDate.min(a.end, b.end)
  if (end === undefined) return { start }
  return start <= end ? { start, end } : undefined
}

/**
 * Number of days in the range, ends included; `undefined` for an open-ended range.
 * @example `days(ofYear(2024))` → `366`; `days(ofDay("2024-02-29"))` → `1`
 * @category accessors
 * @since 0.1.0
 */
export function days(r: Bounded): number
export function days(r: DateRange): number | undefined
export function days(r: DateRange): number | undefined {
  return r.end === undefined ? undefined : LocalDate.differenceInDays(r.end, r.start) + 1
}

/**
 * Vietnamese form: `01/01/2024 – 31/12/2024`, or `từ 01/07/2025` when open-ended.
 * @example `formatVi({ start: "2025-07-01" })` → `"từ 01/07/2025"`
 * @category formatting
 * @since 0.1.0
 */
export const formatVi = (r: DateRange): string =>
  r.end === undefined
    ? "từ " + LocalDate.formatVi(r.start)
    : LocalDate.formatVi(r.start) + " – " + LocalDate.formatVi(r.end)

/**
 * ISO form: `2024-01-01/2024-12-31`, or `2025-07-01/..` when open-ended (ISO 8601 interval).
 * @example `format(ofYear(2024))` → `"2024-01-01/2024-12-31"`
 * @category formatting
 * @since 0.1.0
 */
export const format = (r: DateRange): string => r.start + "/" + (r.end ?? "..")

/**
 * Effect Schema for a `DateRange`: `{ start, end? }` with ISO dates; decoding fails when `end`
 * is before `start`. Encoded form is the same plain JSON object.
 * @example `Schema.decodeUnknownSync(DateRange.schema)({ start: "2024-01-01" })` → `{ start: "2024-01-01" }`
 * @category schemas
 * @since 0.1.0
 */
export const schema = Schema.Struct({
  start: LocalDate.schema,
  end: Schema.optionalKey(LocalDate.schema)
}).pipe(
  Schema.check(
    Schema.makeFilter(
      (r: { readonly start: string; readonly end?: string }) =>
        r.end === undefined || r.start <= r.end
          ? undefined
          : { path: ["end"], issue: `date range (khoảng thời gian) ends on ${r.end}, before its start ${r.start}` },
      { identifier: "DateRange" }
    )
  )
)
