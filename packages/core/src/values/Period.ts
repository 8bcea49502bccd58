/**
 * Period (kỳ): the two yearly periods the khuyến công programme counts in.
 *
 * - **Plan year (năm kế hoạch)**: the year a khuyến công plan (kế hoạch khuyến công) is for.
 *   Plans for year N are drawn up and registered during year N − 1 and carried out in year N.
 * - **Fiscal year (năm ngân sách)**: in Vietnam the state budget year is the calendar year, from
 *   1 January to 31 December (Law on the State Budget 83/2015/QH13, art. 13), so the fiscal year
 *   of a date is its calendar year and the two periods cover the same days.
 *
 * Both are branded integers 2000–2100, kept apart by their brands so a plan year is never passed
 * where a budget year is meant without saying so ({@link fiscalYearOfPlanYear}).
 *
 * @example
 * ```ts
 * import { Period, LocalDate } from "@khuyencong/core"
 * const py = Period.planYearOrThrow(2025)
 * Period.rangeOf(py)           // { start: "2025-01-01", end: "2025-12-31" }
 * Period.previousYearEnd(py)   // "2024-12-31"
 * ```
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import type * as DateRange from "./DateRange.js"
import { ValidationError } from "./Errors.js"
import * as LocalDate from "./LocalDate.js"
import { leaf, NOT_SURE } from "./internal/compiled.js"
import { err, ok, orThrow, type Result } from "./Result.js"

/** First supported year. @example `MIN_YEAR` → `2000` @category constants @since 0.1.0 */
export const MIN_YEAR = 2000
/** Last supported year. @example `MAX_YEAR` → `2100` @category constants @since 0.1.0 */
export const MAX_YEAR = 2100

/**
 * A plan year (năm kế hoạch), 2000–2100.
 * @category models
 * @since 0.1.0
 */
export type PlanYear = number & { readonly __brand: "PlanYear" }

/**
 * A fiscal (state budget) year (năm ngân sách), 2000–2100: the calendar year
 * (Law 83/2015/QH13, art. 13).
 * @category models
 * @since 0.1.0
 */
export type FiscalYear = number & { readonly __brand: "FiscalYear" }

const inRange = (n: unknown): n is number =>
  typeof n === "number" && Number.isSafeInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR

const yearError = (code: string, term: string, n: unknown): ValidationError => {
  const message = `${term} ${String(n)} is not a whole year between ${MIN_YEAR} and ${MAX_YEAR}`
  return new ValidationError({ code, path: [], message, issues: [{ code, path: [], message, actual: n }] })
}

/**
 * Whether a value is a plan year: an integer 2000–2100.
 * @example `isPlanYear(2025)` → `true`; `isPlanYear(1999)` → `false`
 * @category guards
 * @since 0.1.0
 */
export const isPlanYear = (u: unknown): u is PlanYear => inRange(u)

/**
 * Whether a value is a fiscal year: an integer 2000–2100.
 * @example `isFiscalYear(2025)` → `true`; `isFiscalYear(2025.5)` → `false`
 * @category guards
 * @since 0.1.0
 */
export const isFiscalYear = (u: unknown): u is FiscalYear => inRange(u)

/**
 * The plan year `n`; fails with `period/invalid-plan-year` outside 2000–2100 or for a fraction.
 * @example `planYear(2025)` → `ok(2025)`; `planYear(2101)` → error `period/invalid-plan-year`
 * @category constructors
 * @since 0.1.0
 */
export const planYear = (n: number): Result<PlanYear, ValidationError> =>
  inRange(n) ? ok(n as PlanYear) : err(yearError("period/invalid-plan-year", "plan year (năm kế hoạch)", n))

/**
 * {@link planYear}, throwing the `ValidationError`. For constants and tests.
 * @function
 * @example `planYearOrThrow(2025)` → `2025`
 * @category constructors
 * @since 0.1.0
 */
export const planYearOrThrow = orThrow(planYear)

/**
 * The fiscal year `n`; fails with `period/invalid-fiscal-year` outside 2000–2100 or for a fraction.
 * @example `fiscalYear(2024)` → `ok(2024)`
 * @category constructors
 * @since 0.1.0
 */
export const fiscalYear = (n: number): Result<FiscalYear, ValidationError> =>
  inRange(n) ? ok(n as FiscalYear) : err(yearError("period/invalid-fiscal-year", "fiscal year (năm ngân sách)", n))

/**
 * {@link fiscalYear}, throwing the `ValidationError`. For constants and tests.
 * @function
 * @example `fiscalYearOrThrow(2024)` → `2024`
 * @category constructors
 * @since 0.1.0
 */
export const fiscalYearOrThrow = orThrow(fiscalYear)

/**
 * The plan year a date falls in (its calendar year); fails with `period/invalid-plan-year` for a
 * date outside 2000–2100.
 * @example `planYearOf("2025-06-20")` → `ok(2025)`
 * @category conversions
 * @since 0.1.0
 */
export const planYearOf = (date: LocalDate.LocalDate): Result<PlanYear, ValidationError> =>
  planYear(LocalDate.year(date))

/**
 * The fiscal (budget) year a date falls in: its calendar year (Law 83/2015/QH13, art. 13).
 * Fails with `period/invalid-fiscal-year` for a date outside 2000–2100.
 * @example `fiscalYearOf("2024-12-31")` → `ok(2024)`; `fiscalYearOf("2025-01-01")` → `ok(2025)`
 * @category conversions
 * @since 0.1.0
 */
export const fiscalYearOf = (date: LocalDate.LocalDate): Result<FiscalYear, ValidationError> =>
  fiscalYear(LocalDate.year(date))

/**
 * The budget year that funds a plan year: the same calendar year.
 * @example `fiscalYearOfPlanYear(2025)` → `2025`
 * @category conversions
 * @since 0.1.0
 */
export const fiscalYearOfPlanYear = (py: PlanYear): FiscalYear => py as number as FiscalYear

/**
 * The days of a plan or fiscal year: 1 January … 31 December.
 * @example `rangeOf(2024)` → `{ start: "2024-01-01", end: "2024-12-31" }`
 * @category conversions
 * @since 0.1.0
 */
export const rangeOf = (y: PlanYear | FiscalYear): DateRange.Bounded => ({
  start: LocalDate.startOfYear(y),
  end: LocalDate.endOfYear(y)
})

/**
 * 31 December of the year before the plan year: the day up to which the "converted from a
 * commune not more than 5 years ago" (chuyển đổi từ xã chưa quá 05 năm) test for wards of
 * grade-1 cities is counted (Circular 46/2012/TT-BCT, art. 3, cl. 1, pt. đ: "đến ngày 31 tháng
 * 12 của năm trước liền kề với năm xây dựng kế hoạch").
 *
 * This reads "năm xây dựng kế hoạch" as the plan year. Since a plan for year N is drawn up in
 * year N − 1, the words also admit the reading "31 December of N − 2"; callers who adopt that
 * reading pass `planYear − 1`.
 * @example `previousYearEnd(2025)` → `"2024-12-31"`
 * @category conversions
 * @since 0.1.0
 */
export const previousYearEnd = (py: PlanYear): LocalDate.LocalDate => LocalDate.endOfYear(py - 1)

/**
 * Effect Schema for a plan year: Type `PlanYear`, Encoded a JSON number (integer 2000–2100).
 * @example `Schema.decodeUnknownSync(Period.planYearSchema)(2025)` → `2025`
 * @category schemas
 * @since 0.1.0
 */
export const planYearSchema = leaf(
  Schema.Number.pipe(
    Schema.refine(isPlanYear, {
      identifier: "PlanYear",
      expected: `a plan year (năm kế hoạch): a whole year between ${MIN_YEAR} and ${MAX_YEAR}`
    })
  ),
  (u) => (isPlanYear(u) ? u : NOT_SURE)
)

/**
 * Effect Schema for a fiscal year: Type `FiscalYear`, Encoded a JSON number (integer 2000–2100).
 * @example `Schema.decodeUnknownSync(Period.fiscalYearSchema)(2024)` → `2024`
 * @category schemas
 * @since 0.1.0
 */
export const fiscalYearSchema = Schema.Number.pipe(
  Schema.refine(isFiscalYear, {
    identifier: "FiscalYear",
    expected: `a fiscal year (năm ngân sách): a whole year between ${MIN_YEAR} and ${MAX_YEAR}`
  })
)
