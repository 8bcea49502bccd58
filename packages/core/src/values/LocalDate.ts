/**
 * LocalDate (ngày): a calendar date with no time of day and no time zone, such as the day a
 * decision is signed, a plan year starts or a parameter takes effect.
 *
 * A `LocalDate` is a branded ISO 8601 string `YYYY-MM-DD` (years 0001–9999, proleptic Gregorian
 * calendar). Being a string it is JSON-native, and two dates compare correctly with `<`, `>` and
 * `===`, so lookups never convert anything.
 *
 * Calendar arithmetic (days, months, years, month ends) goes through date-fns on a `UTCDateMini`
 * (`@date-fns/utc/date/mini`: `UTCDate` without its text formatting, whose three `Intl`
 * formatters cost ~15 ms to build when the module loads; no `Date` is formatted here), the
 * date-fns way of working with no host time zone: a plain `Date` at UTC
 * midnight is the previous day west of Greenwich, and local midnight does not exist on days a zone
 * skipped (Pacific/Kiritimati 1994-12-31, Pacific/Apia 2011-12-30). No `Date` leaves this module.
 * Comparisons and day counts use integer day numbers (days since 1970-01-01), so lookups in hot
 * loops never build a `Date`. The tests run under several `TZ` values and must agree.
 *
 * Text accepted by {@link parse} (surrounding whitespace is ignored):
 * - ISO `2024-06-30` (the only form on the wire and in {@link schema});
 * - Vietnamese day-first `30/06/2024`, `30/6/2024`, `30-06-2024`, `30.06.2024` (one or two digit
 *   day and month, four-digit year, the same separator twice);
 * - Vietnamese words `ngày 30 tháng 6 năm 2024` (as in the heading of a legal document; `ngày`
 *   optional, any case).
 * Two-digit years, month-first dates and anything with a time of day are refused.
 *
 * @example
 * ```ts
 * import { LocalDate } from "@khuyencong/core"
 * const d = LocalDate.parseOrThrow("31/01/2024")       // "2024-01-31"
 * LocalDate.addMonths(d, 1)                             // "2024-02-29"
 * LocalDate.formatVi(LocalDate.endOfYear(2024))         // "31/12/2024"
 * ```
 * @since 0.1.0
 * @module
 */
import { UTCDateMini } from "@date-fns/utc/date/mini"
// each function from its own module: date-fns's index loads all of its ~250 modules (+19 MB, 0.2 s)
import { addDays as dfAddDays } from "date-fns/addDays"
import { addMonths as dfAddMonths } from "date-fns/addMonths"
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays"
import { lastDayOfMonth } from "date-fns/lastDayOfMonth"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaGetter from "effect/SchemaGetter"
import * as SchemaIssue from "effect/SchemaIssue"
import { ArithmeticError, ParseError, ValidationError } from "./Errors.js"
import { err, ok, orThrow, type Result } from "./Result.js"
import { leaf, NOT_SURE } from "./internal/compiled.js"
import { found, raw } from "./internal/found.js"

/**
 * A calendar date (ngày) as an ISO string `YYYY-MM-DD`. Build one with {@link make},
 * {@link parse} or {@link schema}; never cast a string.
 * @category models
 * @since 0.1.0
 */
export type LocalDate = string & { readonly __brand: "LocalDate" }

/**
 * A date written as text `YYYY-MM-DD` in code, such as the literal `"2024-03-15"`.
 * @category models
 * @since 0.2.0
 */
export type Text = `${number}-${number}-${number}`

/**
 * What a function taking a date argument accepts: a {@link LocalDate}, or a literal `YYYY-MM-DD`
 * ({@link Text}), which it checks (an impossible day is an error, never a guess). Records keep the
 * branded type.
 * @example `Pack.resolve(rules, "2024-03-15")`
 * @category models
 * @since 0.2.0
 */
export type Input = LocalDate | Text

/** Smallest supported year. @example `MIN_YEAR` → `1` @category constants @since 0.1.0 */
const MIN_YEAR = 1
/** Largest supported year. @example `MAX_YEAR` → `9999` @category constants @since 0.1.0 */
const MAX_YEAR = 9999

const MS_PER_DAY = 86_400_000
/** Day number of 0001-01-01. */
const MIN_DAY = -719_162
/** Day number of 9999-12-31. */
const MAX_DAY = 2_932_896

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic (Howard Hinnant's civil-from-days algorithms, proleptic Gregorian)
// ---------------------------------------------------------------------------------------------

/**
 * Whether `year` is a leap year in the Gregorian calendar (divisible by 4, except centuries not
 * divisible by 400).
 * @example `isLeapYear(2024)` → `true`; `isLeapYear(1900)` → `false`; `isLeapYear(2000)` → `true`
 * @category calendar
 * @since 0.1.0
 */
export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/**
 * Number of days in a month (1–12) of a year.
 * @example `daysInMonth(2024, 2)` → `29`; `daysInMonth(2023, 2)` → `28`; `daysInMonth(2024, 4)` → `30`
 * @category calendar
 * @since 0.1.0
 */
export const daysInMonth = (year: number, month: number): number => {
  switch (month) {
    case 2:
      return isLeapYear(year) ? 29 : 28
    case 4:
    case 6:
    case 9:
    case 11:
      return 30
    default:
      return 31
  }
}

const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

const pad2 = (n: number): string => (n < 10 ? "0" + n : "" + n)
const pad4 = (n: number): string => (n < 10 ? "000" + n : n < 100 ? "00" + n : n < 1000 ? "0" + n : "" + n)

/** Unchecked: callers guarantee a real day in 0001–9999. */
const fromParts = (year: number, month: number, day: number): LocalDate =>
  (pad4(year) + "-" + pad2(month) + "-" + pad2(day)) as LocalDate

/** A UTC-only date-fns value for a LocalDate (setUTCFullYear avoids the 0–99 → 19xx quirk). */
const toUtc = (d: LocalDate): Date => {
  const u = new UTCDateMini(0)
  u.setFullYear(year(d), month(d) - 1, day(d))
  return u
}

const fromUtc = (u: Date): LocalDate => {
  const y = u.getUTCFullYear()
  if (!(y >= MIN_YEAR && y <= MAX_YEAR)) throw outOfRange(`year ${y}`)
  return fromParts(y, u.getUTCMonth() + 1, u.getUTCDate())
}

const civilFromDays = (dayNumber: number): LocalDate => {
  const z = dayNumber + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return fromParts(year, month, day)
}

const digit = (s: string, i: number): number => s.charCodeAt(i) - 48

/** The number written by the decimal digits (0–9) of `s` from `from` to `to` (excluded), or -1 if one is not a digit. */
const digitsAt = (s: string, from: number, to: number): number => {
  let n = 0
  for (let i = from; i < to; i++) {
    const c = digit(s, i)
    if (c < 0 || c > 9) return -1
    n = n * 10 + c
  }
  return n
}

const outOfRange = (what: string): ArithmeticError =>
  new ArithmeticError({
    code: "date/out-of-range",
    path: [],
    message: `date (ngày) ${what} falls outside the supported years ${pad4(MIN_YEAR)}–${MAX_YEAR}`
  })

const isRealDay = (year: number, month: number, day: number): boolean =>
  Number.isSafeInteger(year) &&
  Number.isSafeInteger(month) &&
  Number.isSafeInteger(day) &&
  year >= MIN_YEAR &&
  year <= MAX_YEAR &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month)

// ---------------------------------------------------------------------------------------------
// Constructors and guards
// ---------------------------------------------------------------------------------------------

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/

/**
 * Whether a value is a `LocalDate`: a string in strict ISO form `YYYY-MM-DD` naming a day that
 * exists (no `2024-02-30`), years 0001–9999.
 * @example `is("2024-02-29")` → `true`; `is("2023-02-29")` → `false`; `is("30/06/2024")` → `false`
 * @category guards
 * @since 0.1.0
 */
export const is = (u: unknown): u is LocalDate => {
  if (typeof u !== "string" || u.length !== 10 || u.charCodeAt(4) !== 45 || u.charCodeAt(7) !== 45) return false
  // YYYY-MM-DD, read digit by digit
  const y = digitsAt(u, 0, 4)
  const m = digitsAt(u, 5, 7)
  const d = digitsAt(u, 8, 10)
  return y >= 0 && m >= 0 && d >= 0 && isRealDay(y, m, d)
}

/** The leaf decoder of {@link schema}: the string itself when it is a day. */
const asDay = (u: unknown): unknown => (is(u) ? u : NOT_SURE)

const monthNamesEn = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
] as const

const whyNotADay = (year: number, month: number, day: number): string => {
  if (!Number.isSafeInteger(year) || !Number.isSafeInteger(month) || !Number.isSafeInteger(day))
    return "year, month and day must be whole numbers"
  if (year < MIN_YEAR || year > MAX_YEAR) return `year ${year} is outside ${pad4(MIN_YEAR)}–${MAX_YEAR}`
  if (month < 1 || month > 12) return `month ${month} is not between 1 and 12`
  return `${monthNamesEn[month - 1]} ${year} has ${daysInMonth(year, month)} days`
}

/**
 * The date with this year, month (1–12) and day, if it exists.
 * Fails with a `ValidationError` `date/invalid-day` otherwise.
 * @example `make(2024, 2, 29)` → `ok("2024-02-29")`; `make(2023, 2, 29)` → error `date/invalid-day`
 * @category constructors
 * @since 0.1.0
 */
export const make = (year: number, month: number, day: number): Result<LocalDate, ValidationError> => {
  if (isRealDay(year, month, day)) return ok(fromParts(year, month, day))
  const message = `date (ngày) ${year}-${month}-${day} does not exist: ${whyNotADay(year, month, day)}`
  return err(
    new ValidationError({
      code: "date/invalid-day",
      path: [],
      message,
      issues: [{ code: "date/invalid-day", path: [], message, actual: { year, month, day } }]
    })
  )
}

/**
 * {@link make}, throwing the `ValidationError` when the day does not exist. For constants and tests.
 * @function
 * @example `makeOrThrow(2024, 6, 30)` → `"2024-06-30"`
 * @category constructors
 * @since 0.1.0
 */
export const makeOrThrow = orThrow(make)

const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/
const WORDS = /^(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})$/iu

/**
 * Read a date from text: ISO `2024-06-30`, Vietnamese `30/06/2024`, `30/6/2024`, `30-06-2024`,
 * `30.06.2024` or `ngày 30 tháng 6 năm 2024`. Surrounding whitespace is ignored.
 *
 * Fails with a `ParseError` whose `raw` is the text as received:
 * - `date/unparseable` when the text has none of these shapes (empty text, a time of day,
 *   two-digit year, `2024/06/30` …);
 * - `date/invalid-day` when it has the shape of a date that does not exist (`31/04/2024`,
 *   `2023-02-29`, `2024-13-01`);
 * - `date/not-text` when it is not a string at all (a number, a `Date`, `undefined`: only untyped
 *   callers can pass one), with `raw` = `String(input)`.
 * @example `parse("30/6/2024")` → `ok("2024-06-30")`; `parse("29/02/2023")` → error `date/invalid-day`
 * @category parsing
 * @since 0.1.0
 */
export const parse = (text: string): Result<LocalDate, ParseError> => {
  if (typeof text !== "string") {
    return err(
      new ParseError({
        code: "date/not-text",
        path: [],
        raw: raw(text),
        message: `date (ngày) must be text such as "2024-06-30" or "30/06/2024"; found ${found(text)}`
      })
    )
  }
  const t = text.trim()
  let year: number
  let month: number
  let day: number
  let m = ISO.exec(t)
  if (m !== null) {
    year = Number(m[1])
    month = Number(m[2])
    day = Number(m[3])
  } else if ((m = DAY_FIRST.exec(t)) !== null) {
    day = Number(m[1])
    month = Number(m[3])
    year = Number(m[4])
  } else if ((m = WORDS.exec(t.normalize("NFC"))) !== null) {
    day = Number(m[1])
    month = Number(m[2])
    year = Number(m[3])
  } else {
    return err(
      new ParseError({
        code: "date/unparseable",
        path: [],
        raw: text,
        message: `date (ngày) ${JSON.stringify(text)} is not a date: expected YYYY-MM-DD, DD/MM/YYYY or "ngày D tháng M năm YYYY"`
      })
    )
  }
  if (isRealDay(year, month, day)) return ok(fromParts(year, month, day))
  return err(
    new ParseError({
      code: "date/invalid-day",
      path: [],
      raw: text,
      message: `date (ngày) ${JSON.stringify(text)} does not exist: ${whyNotADay(year, month, day)}`
    })
  )
}

/**
 * {@link parse}, throwing the `ParseError`. For constants, scripts and tests.
 * @function
 * @example `parseOrThrow("ngày 1 tháng 7 năm 2025")` → `"2025-07-01"`
 * @category parsing
 * @since 0.1.0
 */
export const parseOrThrow = orThrow(parse)

/**
 * The calendar date in Vietnam (UTC+07:00, no daylight saving since 1975) at the instant `now`.
 * Core has no clock: the caller passes the instant, so the answer never depends on the host's
 * time zone. Throws an `ArithmeticError` `date/out-of-range` for an invalid `Date`.
 * @example `today(new Date("2024-06-30T17:00:00Z"))` → `"2024-07-01"` (00:00 in Hà Nội)
 * @category constructors
 * @since 0.1.0
 */
export const today = (now: Date | number): LocalDate => {
  const ms = typeof now === "number" ? now : now.getTime()
  if (!Number.isFinite(ms)) throw outOfRange("of an invalid Date")
  return fromDayNumber(Math.floor((ms + 7 * 3_600_000) / MS_PER_DAY))
}

// ---------------------------------------------------------------------------------------------
// Accessors and formatting
// ---------------------------------------------------------------------------------------------

/**
 * The year. @example `year("2024-06-30")` → `2024` @category accessors @since 0.1.0
 */
export const year = (d: LocalDate): number =>
  digit(d, 0) * 1000 + digit(d, 1) * 100 + digit(d, 2) * 10 + digit(d, 3)
/**
 * The month, 1–12. @example `month("2024-06-30")` → `6` @category accessors @since 0.1.0
 */
export const month = (d: LocalDate): number => digit(d, 5) * 10 + digit(d, 6)
/**
 * The day of the month, 1–31. @example `day("2024-06-30")` → `30` @category accessors @since 0.1.0
 */
export const day = (d: LocalDate): number => digit(d, 8) * 10 + digit(d, 9)

/**
 * The ISO form, which is the value itself: `parse(format(d)) === d`.
 * @example `format(d)` → `"2024-06-30"`
 * @category formatting
 * @since 0.1.0
 */
export const format = (d: LocalDate): string => d

/**
 * Vietnamese form `DD/MM/YYYY`, as written in Vietnamese documents.
 * @example `formatVi("2024-06-30")` → `"30/06/2024"`
 * @category formatting
 * @since 0.1.0
 */
export const formatVi = (d: LocalDate): string => d.slice(8, 10) + "/" + d.slice(5, 7) + "/" + d.slice(0, 4)

// ---------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------

/**
 * Order of two dates: `-1` if `a` is earlier, `0` if equal, `1` if later. Usable with `Array.sort`.
 * @example `compare("2024-01-31", "2024-02-01")` → `-1`
 * @category comparison
 * @since 0.1.0
 */
export const compare = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/** Whether `a` is strictly earlier than `b`. @example `isBefore("2023-12-31", "2024-01-01")` → `true` @category comparison @since 0.1.0 */
export const isBefore = (a: LocalDate, b: LocalDate): boolean => a < b
/** Whether `a` is strictly later than `b`. @example `isAfter("2024-01-01", "2023-12-31")` → `true` @category comparison @since 0.1.0 */
export const isAfter = (a: LocalDate, b: LocalDate): boolean => a > b
/** The earlier of two dates. @example `min("2024-03-01", "2024-02-29")` → `"2024-02-29"` @category comparison @since 0.1.0 */
export const min = (a: LocalDate, b: LocalDate): LocalDate => (b < a ? b : a)
/** The later of two dates. @example `max("2024-03-01", "2024-02-29")` → `"2024-03-01"` @category comparison @since 0.1.0 */
export const max = (a: LocalDate, b: LocalDate): LocalDate => (b > a ? b : a)

// ---------------------------------------------------------------------------------------------
// Day numbers and arithmetic
// ---------------------------------------------------------------------------------------------

/**
 * Days since 1970-01-01 (negative before it): an integer, the fast path for arithmetic.
 * @example `toDayNumber("1970-01-01")` → `0`; `toDayNumber("2000-03-01")` → `11017`
 * @category day numbers
 * @since 0.1.0
 */
export const toDayNumber = (d: LocalDate): number => daysFromCivil(year(d), month(d), day(d))

/**
 * The date a number of days after 1970-01-01. Throws an `ArithmeticError` `date/out-of-range`
 * when the day number is not an integer or falls outside years 0001–9999 (a programming error,
 * not bad input).
 * @example `fromDayNumber(19905)` → `"2024-07-01"`
 * @category day numbers
 * @since 0.1.0
 */
export const fromDayNumber = (dayNumber: number): LocalDate => {
  if (!Number.isSafeInteger(dayNumber) || dayNumber < MIN_DAY || dayNumber > MAX_DAY)
    throw outOfRange(`number ${dayNumber}`)
  return civilFromDays(dayNumber)
}

/**
 * The date `days` days later (earlier when negative). `days` must be an integer.
 * Throws `date/out-of-range` past 9999-12-31 or before 0001-01-01.
 * @example `addDays("2024-02-28", 1)` → `"2024-02-29"`; `addDays("2024-12-31", 1)` → `"2025-01-01"`
 * @category arithmetic
 * @since 0.1.0
 */
export const addDays = (d: LocalDate, days: number): LocalDate => {
  if (days === 0) return d
  if (!Number.isSafeInteger(days)) throw outOfRange(`${d} plus ${days} days`)
  return fromUtc(dfAddDays(toUtc(d), days))
}

/**
 * The same day `months` months later (earlier when negative), clamped to the last day of the
 * target month when it is shorter, like date-fns `addMonths`.
 * Throws `date/out-of-range` outside years 0001–9999.
 * @example `addMonths("2024-01-31", 1)` → `"2024-02-29"`; `addMonths("2024-03-31", -1)` → `"2024-02-29"`
 * @category arithmetic
 * @since 0.1.0
 */
export const addMonths = (d: LocalDate, months: number): LocalDate => {
  if (months === 0) return d
  if (!Number.isSafeInteger(months)) throw outOfRange(`${d} plus ${months} months`)
  const index = year(d) * 12 + (month(d) - 1) + months
  const y = Math.floor(index / 12)
  if (y < MIN_YEAR || y > MAX_YEAR) throw outOfRange(`${d} plus ${months} months`)
  return fromUtc(dfAddMonths(toUtc(d), months))
}

/**
 * The same day `years` years later; 29 February becomes 28 February in a common year.
 * @example `addYears("2024-02-29", 1)` → `"2025-02-28"`; `addYears("2020-07-01", 5)` → `"2025-07-01"`
 * @category arithmetic
 * @since 0.1.0
 */
export const addYears = (d: LocalDate, years: number): LocalDate => addMonths(d, years * 12)

/**
 * Calendar days from `earlier` to `later` (`later − earlier`; negative when `later` is earlier),
 * the inverse of {@link addDays}: `addDays(b, differenceInDays(a, b)) === a`.
 * @example `differenceInDays("2024-03-01", "2024-02-28")` → `2`
 * @category arithmetic
 * @since 0.1.0
 */
export const differenceInDays = (later: LocalDate, earlier: LocalDate): number =>
  differenceInCalendarDays(toUtc(later), toUtc(earlier))

/**
 * 1 January of a year. Throws `date/out-of-range` for a year outside 0001–9999.
 * @example `startOfYear(2024)` → `"2024-01-01"`
 * @category calendar
 * @since 0.1.0
 */
export const startOfYear = (y: number): LocalDate => {
  if (!Number.isSafeInteger(y) || y < MIN_YEAR || y > MAX_YEAR) throw outOfRange(`of year ${y}`)
  return fromParts(y, 1, 1)
}

/**
 * 31 December of a year. Throws `date/out-of-range` for a year outside 0001–9999.
 * @example `endOfYear(2024)` → `"2024-12-31"`
 * @category calendar
 * @since 0.1.0
 */
export const endOfYear = (y: number): LocalDate => {
  if (!Number.isSafeInteger(y) || y < MIN_YEAR || y > MAX_YEAR) throw outOfRange(`of year ${y}`)
  return fromParts(y, 12, 31)
}

/**
 * The first day of the date's month.
 * @example `startOfMonth("2024-02-17")` → `"2024-02-01"`
 * @category calendar
 * @since 0.1.0
 */
export const startOfMonth = (d: LocalDate): LocalDate => (d.slice(0, 8) + "01") as LocalDate

/**
 * The last day of the date's month.
 * @example `endOfMonth("2024-02-10")` → `"2024-02-29"`; `endOfMonth("1900-02-10")` → `"1900-02-28"`
 * @category calendar
 * @since 0.1.0
 */
export const endOfMonth = (d: LocalDate): LocalDate => fromUtc(lastDayOfMonth(toUtc(d)))

// ---------------------------------------------------------------------------------------------
// Schemas
// ---------------------------------------------------------------------------------------------

/**
 * Effect Schema for a `LocalDate`: Type `LocalDate`, Encoded the strict ISO string. Decoding
 * refuses Vietnamese forms and days that do not exist; use {@link fromText} to accept them.
 * @example `Schema.decodeUnknownSync(LocalDate.schema)("2024-02-29")` → `"2024-02-29"`
 * @category schemas
 * @since 0.1.0
 */
export const schema = leaf(
  Schema.String.pipe(
    Schema.refine(is, {
      identifier: "LocalDate",
      expected: "a date (ngày) as YYYY-MM-DD that exists"
    })
  ),
  asDay
)

/**
 * Effect Schema that decodes any text {@link parse} accepts (`30/06/2024`, `ngày 30 tháng 6 năm
 * 2024` …) and encodes to ISO. For spreadsheet and form input; stored data uses {@link schema}.
 * @example `Schema.decodeUnknownSync(LocalDate.fromText)("30/6/2024")` → `"2024-06-30"`
 * @category schemas
 * @since 0.1.0
 */
export const fromText = Schema.String.pipe(
  Schema.decodeTo(schema, {
    decode: SchemaGetter.transformEffect((text: string) => {
      const r = parse(text)
      return r.ok
        ? Effect.succeed<string>(r.value)
        : Effect.fail(new SchemaIssue.InvalidValue({ message: r.error.message }, text))
    }),
    encode: SchemaGetter.passthrough()
  })
)
