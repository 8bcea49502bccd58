/**
 * Cell (ô): the plain value of one spreadsheet cell, independent of any spreadsheet library, and
 * the grid (lưới ô) a register is read from. exceljs rows, CSV records and rows from any other
 * library all become `ReadonlyArray<ReadonlyArray<CellValue>>` before a register is mapped, so
 * every source reports the same problems the same way.
 *
 * - text → `string`, numbers → `number`, TRUE/FALSE → `boolean`, date cells → `Date` (the
 *   calendar date is its UTC date, as exceljs builds it), empty → `null`;
 * - a formula → `{ formula, result }` with the value the spreadsheet program last computed
 *   (`result` is `undefined` when the file holds none, `{ error: "#REF!" }` for an error value).
 *
 * Also here: Excel column letters and Excel serial dates (1900 date system with the Lotus 1-2-3
 * leap-year bug, and the 1904 system of old Mac workbooks).
 *
 * @example
 * ```ts
 * import { Cell } from "@khuyencong/adapters-excel"
 * Cell.columnLetter(28)                 // "AB"
 * Cell.fromExcelSerial(45473)           // { ok: true, value: "2024-06-30" }
 * ```
 * @since 0.1.0
 */
import { Errors, LocalDate, Result } from "@khuyencong/core"

/**
 * An error value of a cell (`#REF!`, `#DIV/0!`, `#N/A` …).
 * @category models
 * @since 0.1.0
 * @example `const e: Cell.ErrorValue = { error: "#REF!" }`
 */
export interface ErrorValue {
  readonly error: string
}

/**
 * A formula with the value last computed by the spreadsheet program (cached result).
 * @category models
 * @since 0.1.0
 * @example `const f: Cell.FormulaValue = { formula: "SUM(H5:H9)", result: 1350000000 }`
 */
export interface FormulaValue {
  readonly formula: string
  readonly result?: string | number | boolean | Date | ErrorValue | undefined
}

/**
 * The value of one cell.
 * @category models
 * @since 0.1.0
 * @example `const row: ReadonlyArray<Cell.CellValue> = [1, "Hỗ trợ máy sấy chè", 900_000_000, null]`
 */
export type CellValue = string | number | boolean | Date | null | FormulaValue

/**
 * A grid of cells: rows of cells, the first row being spreadsheet row 1 (unless told otherwise)
 * and the first cell column A.
 * @category models
 * @since 0.1.0
 * @example `const grid: Cell.Grid = [["STT", "Tên đề án"], [1, "Hỗ trợ máy sấy chè"]]`
 */
export type Grid = ReadonlyArray<ReadonlyArray<CellValue>>

/**
 * Whether a value is a formula (with or without cached result).
 * @category guards
 * @since 0.1.0
 * @example `Cell.isFormula({ formula: "A1+A2", result: 3 })` → `true`; `Cell.isFormula(3)` → `false`
 */
export const isFormula = (v: unknown): v is FormulaValue =>
  typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as { formula?: unknown }).formula === "string"

/**
 * Whether a value is a cell error value.
 * @category guards
 * @since 0.1.0
 * @example `Cell.isErrorValue({ error: "#N/A" })` → `true`
 */
export const isErrorValue = (v: unknown): v is ErrorValue =>
  typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as { error?: unknown }).error === "string"

/**
 * Whether a cell is empty: `null`, `undefined`, text of spaces only, or a formula showing such text.
 * @category guards
 * @since 0.1.0
 * @example `Cell.isBlank("  ")` → `true`; `Cell.isBlank(0)` → `false`
 */
export const isBlank = (v: CellValue | undefined): boolean =>
  v === null ||
  v === undefined ||
  (typeof v === "string" && v.trim() === "") ||
  (isFormula(v) && typeof v.result === "string" && v.result.trim() === "")

/**
 * The value a cell shows: the cached result of a formula, the value itself otherwise.
 * @category accessors
 * @since 0.1.0
 * @example `Cell.valueOf({ formula: "1+1", result: 2 })` → `2`
 */
export const valueOf = (v: CellValue | undefined): string | number | boolean | Date | ErrorValue | null | undefined =>
  v === undefined ? undefined : isFormula(v) ? v.result : v

/**
 * A cell as short text for messages: text in quotes, numbers as JavaScript writes them, dates
 * ISO, formulas as `=FORMULA (→ result)`.
 * @category formatting
 * @since 0.1.0
 * @example `Cell.describe("1,5x")` → `"\"1,5x\""`; `Cell.describe({ formula: "A1/0", result: { error: "#DIV/0!" } })` → `"=A1/0 (→ #DIV/0!)"`
 */
export const describe = (v: CellValue | undefined): string => {
  if (v === undefined || v === null) return "(empty)"
  if (typeof v === "string") return JSON.stringify(v)
  if (typeof v === "number" || typeof v === "boolean") return String(v)
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "(invalid date)" : v.toISOString()
  const r = v.result
  const shown = r === undefined ? "no cached value" : isErrorValue(r) ? r.error : describe(r)
  return `=${v.formula} (→ ${shown})`
}

// ---------------------------------------------------------------------------------------------
// Columns

/**
 * Excel column letters of a 1-based column number.
 * @category columns
 * @since 0.1.0
 * @example `Cell.columnLetter(1)` → `"A"`; `Cell.columnLetter(27)` → `"AA"`
 */
export const columnLetter = (n: number): string => {
  let s = ""
  let k = n
  while (k > 0) {
    const r = (k - 1) % 26
    s = String.fromCharCode(65 + r) + s
    k = Math.floor((k - 1) / 26)
  }
  return s
}

/**
 * 1-based column number of Excel column letters (any case), or `undefined` when the text is not
 * 1–3 letters.
 * @category columns
 * @since 0.1.0
 * @example `Cell.columnNumber("AB")` → `28`; `Cell.columnNumber("A1")` → `undefined`
 */
export const columnNumber = (letters: string): number | undefined => {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return undefined
  let n = 0
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n
}

// ---------------------------------------------------------------------------------------------
// Excel serial dates

/**
 * Date system of a workbook: `1900` (Windows Excel, LibreOffice; with the Lotus 1-2-3 bug that
 * counts a 29 February 1900) or `1904` (old Mac Excel).
 * @category dates
 * @since 0.1.0
 * @example `const s: Cell.DateSystem = "1900"`
 */
export type DateSystem = "1900" | "1904"

const DAY_1899_12_31 = LocalDate.toDayNumber(LocalDate.makeOrThrow(1899, 12, 31))
const DAY_1899_12_30 = LocalDate.toDayNumber(LocalDate.makeOrThrow(1899, 12, 30))
const DAY_1904_01_01 = LocalDate.toDayNumber(LocalDate.makeOrThrow(1904, 1, 1))
const FIRST_DAY = LocalDate.toDayNumber(LocalDate.makeOrThrow(1, 1, 1))
const LAST_DAY = LocalDate.toDayNumber(LocalDate.makeOrThrow(9999, 12, 31))

const serialError = (serial: number, detail: string): Result.Result<LocalDate.LocalDate, Errors.ParseError> =>
  Result.err(
    new Errors.ParseError({
      code: "date/bad-serial",
      path: [],
      raw: String(serial),
      message: `The Excel date number (số ngày Excel) ${serial} is not a date: ${detail}`
    })
  )

/**
 * The calendar date of an Excel serial day number. 1900 system: 1 = 1900-01-01, 59 =
 * 1900-02-28, 60 is the non-existent 1900-02-29 of the Lotus 1-2-3 bug (refused), 61 =
 * 1900-03-01, 45473 = 2024-06-30. 1904 system: 0 = 1904-01-01. A fraction (a time of day), a
 * number below the first day, or one past 9999-12-31 is refused with a `ParseError`
 * (`date/bad-serial`).
 * @category dates
 * @since 0.1.0
 * @example `Cell.fromExcelSerial(45473)` → `{ ok: true, value: "2024-06-30" }`; `Cell.fromExcelSerial(60).ok` → `false`
 */
export const fromExcelSerial = (
  serial: number,
  system: DateSystem = "1900"
): Result.Result<LocalDate.LocalDate, Errors.ParseError> => {
  if (!Number.isFinite(serial)) return serialError(serial, "not a finite number")
  if (!Number.isInteger(serial)) return serialError(serial, "it has a time of day (a fraction of a day); a date must be a whole day")
  let day: number
  if (system === "1904") {
    if (serial < 0) return serialError(serial, "the 1904 date system starts at 0 = 1904-01-01")
    day = DAY_1904_01_01 + serial
  } else {
    if (serial < 1) return serialError(serial, "the 1900 date system starts at 1 = 1900-01-01")
    if (serial === 60) return serialError(serial, "it is 29/02/1900, a day that does not exist (Lotus 1-2-3 leap-year bug of the 1900 date system)")
    day = serial < 60 ? DAY_1899_12_31 + serial : DAY_1899_12_30 + serial
  }
  if (day > LAST_DAY) return serialError(serial, "it is after 31/12/9999")
  return Result.ok(LocalDate.fromDayNumber(day))
}

/**
 * The Excel serial day number of a date (inverse of {@link fromExcelSerial}).
 * @category dates
 * @since 0.1.0
 * @example `Cell.toExcelSerial(LocalDate.parseOrThrow("2024-06-30"))` → `45473`
 */
export const toExcelSerial = (date: LocalDate.LocalDate, system: DateSystem = "1900"): number => {
  const day = LocalDate.toDayNumber(date)
  if (system === "1904") return day - DAY_1904_01_01
  const s = day - DAY_1899_12_30
  return s <= 60 ? s - 1 : s
}

/**
 * The calendar date of a `Date` cell: its UTC year, month and day (exceljs builds date cells at
 * UTC midnight, so the host's time zone never shifts the day). A `Date` whose UTC time is not
 * midnight carries a time of day and is refused (`date/has-time`) rather than guessed.
 * @category dates
 * @since 0.1.0
 * @example `Cell.fromDateCell(new Date(Date.UTC(2024, 5, 30)))` → `{ ok: true, value: "2024-06-30" }`
 */
export const fromDateCell = (d: Date): Result.Result<LocalDate.LocalDate, Errors.ParseError> => {
  const t = d.getTime()
  if (Number.isNaN(t))
    return Result.err(new Errors.ParseError({ code: "date/invalid", path: [], raw: "Invalid Date", message: "The date cell (ô ngày) holds an invalid date" }))
  if (t % 86_400_000 !== 0)
    return Result.err(
      new Errors.ParseError({
        code: "date/has-time",
        path: [],
        raw: d.toISOString(),
        message: `The date cell (ô ngày) ${d.toISOString()} has a time of day; a date must be a whole day`
      })
    )
  const day = t / 86_400_000
  if (day < FIRST_DAY || day > LAST_DAY)
    return Result.err(
      new Errors.ParseError({ code: "date/invalid", path: [], raw: d.toISOString(), message: `The date cell (ô ngày) ${d.toISOString()} is outside the years 0001–9999` })
    )
  return Result.ok(LocalDate.fromDayNumber(day))
}

/**
 * A `Date` at UTC midnight of a calendar date: what exceljs writes as a date cell.
 * @category dates
 * @since 0.1.0
 * @example `Cell.toDateCell(LocalDate.parseOrThrow("2024-06-30")).toISOString()` → `"2024-06-30T00:00:00.000Z"`
 */
export const toDateCell = (date: LocalDate.LocalDate): Date => new Date(LocalDate.toDayNumber(date) * 86_400_000)
