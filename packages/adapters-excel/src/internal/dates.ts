/**
 * Reading dates (ngày) and implementation periods (thời gian thực hiện) from cells.
 */
import { LocalDate, Period } from "@khuyencong/core"
import { type CellValue, type DateSystem, describe, fromDateCell, fromExcelSerial, isErrorValue, isFormula } from "../Cell.js"

export type DateRead =
  | { readonly ok: true; readonly value: LocalDate.LocalDate }
  | { readonly ok: false; readonly code: "import/bad-date" | "import/cell-error" | "import/no-cached-value"; readonly detail: string }

const EXPECTED = "expected a date such as 30/06/2024 (or 2024-06-30, or a date cell)"

/** The shown value of a cell, or a failure for error values and formulas without a result. */
const shown = (raw: CellValue): { ok: true; value: CellValue } | Extract<DateRead, { ok: false }> => {
  if (isFormula(raw)) {
    if (raw.result === undefined || raw.result === null)
      return { ok: false, code: "import/no-cached-value", detail: `the formula =${raw.formula} has no computed value in the file; open and save it in a spreadsheet program` }
    if (isErrorValue(raw.result)) return { ok: false, code: "import/cell-error", detail: `the cell shows the error ${raw.result.error}` }
    return { ok: true, value: raw.result }
  }
  return { ok: true, value: raw }
}

/**
 * A date from a cell: a date cell (its UTC calendar date), an Excel serial number within the plan
 * years (2000–2100, so a year or an amount typed in a date column is not taken for a date), or
 * text as `LocalDate.parse` reads it (`30/06/2024`, `2024-06-30`, `ngày 30 tháng 6 năm 2024`).
 */
export const readDate = (raw: CellValue, system: DateSystem): DateRead => {
  const s = shown(raw)
  if (!s.ok) return s
  const v = s.value
  if (v instanceof Date) {
    const r = fromDateCell(v)
    return r.ok ? r : { ok: false, code: "import/bad-date", detail: r.error.message }
  }
  if (typeof v === "number") {
    const r = fromExcelSerial(v, system)
    if (!r.ok) return { ok: false, code: "import/bad-date", detail: `${r.error.message}; ${EXPECTED}` }
    const y = LocalDate.year(r.value)
    if (y < Period.MIN_YEAR || y > Period.MAX_YEAR)
      return {
        ok: false,
        code: "import/bad-date",
        detail: `the number ${describe(v)} read as an Excel date would be ${LocalDate.formatVi(r.value)}, outside the plan years ${Period.MIN_YEAR}–${Period.MAX_YEAR}; ${EXPECTED}`
      }
    return r
  }
  if (typeof v === "string") {
    const r = LocalDate.parse(v)
    return r.ok ? r : { ok: false, code: "import/bad-date", detail: `${r.error.message}` }
  }
  return { ok: false, code: "import/bad-date", detail: `${describe(raw)} is not a date; ${EXPECTED}` }
}

const DATE = String.raw`(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{1,2}-\d{1,2}-\d{4})`
const TO = String.raw`\s*(?:-|–|—|~|đến|tới)\s*`
const FROM = String.raw`^(?:từ\s+)?`
const DATE_RANGE = new RegExp(`${FROM}(?:ngày\\s+)?${DATE}${TO}(?:ngày\\s+)?${DATE}$`, "u")
/** "tháng", or its short forms "th." and "T" (T3–T11/2024), before a month's number. */
const MW = String.raw`(?:(?:tháng|th\.?|t\.?)\s*)?`
const MONTHS_SAME_YEAR = new RegExp(`${FROM}${MW}(\\d{1,2})${TO}${MW}(\\d{1,2})\\s*(?:[/.-]|\\s+năm)\\s*(\\d{4})$`, "u")
const MONTHS = new RegExp(`${FROM}${MW}(\\d{1,2})\\s*[/.-]\\s*(\\d{4})${TO}${MW}(\\d{1,2})\\s*[/.-]\\s*(\\d{4})$`, "u")
const MONTH = new RegExp(`^${MW}(\\d{1,2})\\s*(?:[/.-]|\\s+năm)\\s*(\\d{4})$`, "u")
const YEAR = /^(?:năm\s*)?(\d{4})$/u

export type PeriodRead =
  | {
      readonly ok: true
      readonly start: LocalDate.LocalDate
      /** Absent when the cell gives only a start date (`01/03/2024`, `từ 01/03/2024`). */
      readonly end: LocalDate.LocalDate | undefined
      /** The cell names no year (`tháng 3 - 11`, `quý II`): the plan year passed was used. */
      readonly yearFromPlan?: boolean
    }
  | { readonly ok: false; readonly code: "import/bad-value" | "import/bad-date" | "import/cell-error" | "import/no-cached-value"; readonly detail: string }

const PERIOD_EXPECTED =
  "expected an implementation period (thời gian thực hiện) such as 01/03/2024 - 30/11/2024, tháng 3 - 11/2024, 03/2024 - 11/2024, quý II/2024, 6 tháng cuối năm 2024 or năm 2024"

const monthBounds = (y1: number, m1: number, y2: number, m2: number): PeriodRead => {
  const a = LocalDate.make(y1, m1, 1)
  const b = LocalDate.make(y2, m2, 1)
  if (!a.ok || !b.ok) return { ok: false, code: "import/bad-date", detail: `a month is not between 1 and 12; ${PERIOD_EXPECTED}` }
  return { ok: true, start: a.value, end: LocalDate.endOfMonth(b.value) }
}

const ROMAN_QUARTER: Readonly<Record<string, number>> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 }
const Q = String.raw`(i{1,3}|iv|[1-4])`
const YEAR_TAIL = String.raw`(?:\s*(?:[/.-]|\s+năm)\s*(\d{4}))?`
const QUARTERS = new RegExp(`^(?:từ\\s+)?quý\\s*${Q}(?:${TO}(?:quý\\s*)?${Q})?${YEAR_TAIL}$`, "u")
const HALF = /^(?:trong\s+)?6 tháng (đầu|cuối) năm(?:\s*(\d{4}))?$/u
const MONTHS_NO_YEAR = new RegExp(`^(?:từ\\s+)?tháng\\s*(\\d{1,2})${TO}(?:tháng\\s*)?(\\d{1,2})$`, "u")
const ONE_DATE = new RegExp(`^(?:từ\\s+)?(?:ngày\\s+)?${DATE}$`, "u")

/**
 * An implementation period from one cell: a date range (`01/03/2024 - 30/11/2024`,
 * `từ 01/03/2024 đến 30/11/2024`), a month range (`tháng 3 - 11/2024`, `Tháng 3–11/2024`,
 * `03/2024 - 11/2024`: from the first day of the first month to the last day of the last), one
 * month (`tháng 6/2024`), quarters (`Quý II/2024`, `quý II - III/2024`), half-years (`6 tháng
 * cuối năm 2024`), one year (`2024`, `năm 2024`: 01/01 to 31/12), or a start date alone
 * (`01/03/2024`: no end). Without a year (`tháng 3 - 11`, `Quý II`), `planYear` is used and the
 * result says so.
 */
export const readPeriod = (raw: CellValue, planYear?: number): PeriodRead => {
  const s = shown(raw)
  if (!s.ok) return s
  const v = s.value
  if (typeof v === "number" && Number.isInteger(v) && v >= Period.MIN_YEAR && v <= Period.MAX_YEAR) {
    return { ok: true, start: LocalDate.makeOrThrow(v, 1, 1), end: LocalDate.makeOrThrow(v, 12, 31) }
  }
  if (v instanceof Date || typeof v === "number") {
    const d = readDate(raw, "1900")
    return d.ok ? { ok: true, start: d.value, end: undefined } : { ok: false, code: "import/bad-value", detail: `${describe(raw)} is not a period; ${PERIOD_EXPECTED}` }
  }
  if (typeof v !== "string") return { ok: false, code: "import/bad-value", detail: `${describe(raw)} is not a period; ${PERIOD_EXPECTED}` }
  const t = v.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ")
  let m = DATE_RANGE.exec(t)
  if (m !== null) {
    const a = LocalDate.parse(m[1] ?? "")
    const b = LocalDate.parse(m[2] ?? "")
    if (!a.ok) return { ok: false, code: "import/bad-date", detail: a.error.message }
    if (!b.ok) return { ok: false, code: "import/bad-date", detail: b.error.message }
    return { ok: true, start: a.value, end: b.value }
  }
  if ((m = ONE_DATE.exec(t)) !== null) {
    const a = LocalDate.parse(m[1] ?? "")
    return a.ok ? { ok: true, start: a.value, end: undefined } : { ok: false, code: "import/bad-date", detail: a.error.message }
  }
  if ((m = MONTHS_SAME_YEAR.exec(t)) !== null) {
    const y = Number(m[3])
    return monthBounds(y, Number(m[1]), y, Number(m[2]))
  }
  if ((m = MONTHS.exec(t)) !== null) return monthBounds(Number(m[2]), Number(m[1]), Number(m[4]), Number(m[3]))
  if ((m = MONTH.exec(t)) !== null) return monthBounds(Number(m[2]), Number(m[1]), Number(m[2]), Number(m[1]))
  const withPlanYear = (y: number | undefined, f: (y: number) => PeriodRead): PeriodRead => {
    if (y !== undefined) return f(y)
    if (planYear === undefined) return { ok: false, code: "import/bad-value", detail: `${describe(raw)} names no year and the plan year (năm kế hoạch) is not known; write the year, e.g. "${v.trim()}/2024"` }
    const r = f(planYear)
    return r.ok ? { ...r, yearFromPlan: true } : r
  }
  if ((m = QUARTERS.exec(t)) !== null) {
    const q1 = ROMAN_QUARTER[m[1] ?? ""] ?? 1
    const q2 = ROMAN_QUARTER[m[2] ?? m[1] ?? ""] ?? q1
    if (q2 < q1) return { ok: false, code: "import/bad-value", detail: `the quarters (quý) of ${describe(raw)} are in the wrong order; ${PERIOD_EXPECTED}` }
    return withPlanYear(m[3] === undefined ? undefined : Number(m[3]), (y) => monthBounds(y, q1 * 3 - 2, y, q2 * 3))
  }
  if ((m = HALF.exec(t)) !== null) {
    const first = m[1] === "đầu"
    return withPlanYear(m[2] === undefined ? undefined : Number(m[2]), (y) => monthBounds(y, first ? 1 : 7, y, first ? 6 : 12))
  }
  if ((m = MONTHS_NO_YEAR.exec(t)) !== null) {
    const a = Number(m[1])
    const b = Number(m[2])
    return withPlanYear(undefined, (y) => monthBounds(y, a, y, b))
  }
  if ((m = YEAR.exec(t)) !== null) {
    const y = Number(m[1])
    const a = LocalDate.make(y, 1, 1)
    if (!a.ok) return { ok: false, code: "import/bad-date", detail: PERIOD_EXPECTED }
    return { ok: true, start: a.value, end: LocalDate.makeOrThrow(y, 12, 31) }
  }
  return { ok: false, code: "import/bad-value", detail: `${describe(raw)} is not a period; ${PERIOD_EXPECTED}` }
}
