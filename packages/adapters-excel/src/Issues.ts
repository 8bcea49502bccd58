/**
 * Issues (lỗi nhập / xuất): the typed errors of the spreadsheet adapter.
 *
 * An {@link ImportError} lists every problem found in a register at once, each an
 * {@link ImportIssue} naming the sheet, the row (1-based, as the spreadsheet program shows it),
 * the column (letter and header text) and the raw cell value. Rows without problems still come
 * through in `partial`. Stable codes:
 *
 * - file: `import/cannot-open`, `import/not-xlsx`, `import/legacy-xls`, `import/encrypted`,
 *   `import/corrupt-file`, `import/empty-file`, `import/too-large`, `import/bad-encoding`,
 *   `import/csv-syntax`, `import/reader-unavailable` (see the Xlsx module on exceljs and UTF-8);
 * - sheet: `import/empty-sheet`, `import/sheet-not-found`, `import/header-not-found`,
 *   `import/missing-column`, `import/ambiguous-column`, `import/too-many-rows`,
 *   `import/too-many-issues`, `import/legacy-encoding` (text in VNI, with how to convert it);
 * - cell: `import/empty-required`, `import/bad-amount`, `import/fractional-dong`,
 *   `import/bad-date`, `import/bad-value`, `import/unknown-activity`, `import/cell-error`,
 *   `import/no-cached-value`;
 * - row: `import/duplicate-row`, `import/duplicate-id`, `import/lines-do-not-add-up` (a
 *   proposal's heading row and its lines); establishments sheet: `import/bad-tax-code`;
 * - then the Proposal validator's own codes (`proposal/funding-shortfall`, `schema/invalid` …)
 *   placed on the cell the field was read from.
 *
 * Warnings (`Register.warnings`) have the same shape: `import/period-defaulted`,
 * `import/period-year-defaulted`, `import/unknown-commune` (with `params.closest`),
 * `import/commune-unchecked`, `import/district-abolished`, `import/legacy-encoding-converted`,
 * `import/sheet-chosen`, `import/beneficiary-not-listed`.
 *
 * An {@link ExportError} is returned when a report cannot be written exactly
 * (`export/amount-too-large`, `export/bad-text`, `export/io`).
 *
 * These are plain `Error` subclasses with a `_tag`, a stable `code`, a `path` and English
 * messages naming the Vietnamese term, like the core errors.
 *
 * @example
 * ```ts
 * const r = await Xlsx.readRegister("bieu-tong-hop.xlsx", { activities })
 * if (!r.ok) for (const i of r.error.issues) console.log(i.sheet, i.row, i.column, i.header, i.code, i.raw)
 * ```
 * @since 0.1.0
 */
import { type Errors, Messages } from "@khuyencong/core"
import type { CellValue } from "./Cell.js"

/**
 * One problem in an imported register.
 * `path` is `[sheet, row, column]` as far as known (e.g. `["Biểu 01", 7, "H"]`).
 * @category models
 * @since 0.1.0
 * @example
 * ```ts
 * // { code: "import/bad-amount", sheet: "Biểu 01", row: 7, column: "H", header: "Tổng kinh phí (triệu đồng)",
 * //   raw: "1,5x", field: "total", message: "Sheet \"Biểu 01\", row 7, column H …" }
 * ```
 */
export interface ImportIssue extends Errors.Issue {
  /** Worksheet name; `undefined` for CSV unless a name was given. */
  readonly sheet: string | undefined
  /** 1-based row number as the spreadsheet program shows it (CSV: record number, header included). */
  readonly row: number | undefined
  /** Column letter (`"H"`). */
  readonly column: string | undefined
  /** Header text of the column as written in the file (parts of a two-row header joined by " / "). */
  readonly header: string | undefined
  /** The raw cell value as read. */
  readonly raw: CellValue | undefined
  /** The register field the column maps to (`total`, `title` …), when there is one. */
  readonly field: string | undefined
  /**
   * The parameters of the message, for a caller that words it itself (a later Vietnamese
   * catalogue): `unit` (the column's unit, "triệu đồng"), `expected`, `found`, `suggestions` (codes) and `closest` (their Vietnamese names) …
   */
  readonly params?: Readonly<Record<string, string | number>>
}

/**
 * An issue's message in a language: core's message catalogue (`Messages.message`) worded with
 * the issue's own parameters, the column's header (or field) as `field`, its `row`, `column` and
 * the raw `value`; the issue's own (English) message when the catalogue has none for its code.
 * @category models
 * @since 0.3.0
 * @example `Issues.messageOf(issue, "vi")` → `Không đọc được số tiền "5OO.000.000" …`
 */
export const messageOf = (issue: ImportIssue, lang: Messages.Lang = "vi"): string => Messages.message(issue.code, paramsOf(issue), lang) ?? issue.message

/** An import issue's message parameters: the column's header (or field), the cell, the value as read. */
const paramsOf = (i: ImportIssue): Messages.Params => {
  const p: Record<string, string | number> = { ...i.params }
  const field = i.header ?? i.field
  if (field !== undefined) p["field"] = field
  if (i.row !== undefined) p["row"] = i.row
  if (i.column !== undefined) p["column"] = i.column
  if (i.sheet !== undefined) p["sheet"] = i.sheet
  if (i.raw !== undefined && i.raw !== null) p["value"] = typeof i.raw === "object" ? JSON.stringify(i.raw) : String(i.raw)
  return p
}

/**
 * Importing a register found problems. `issues` lists all of them in sheet order; `partial`
 * holds what could be read (the valid rows), or `undefined` when the file or sheet itself could
 * not be read.
 * @category errors
 * @since 0.1.0
 * @example `if (!r.ok && r.error instanceof ImportError) console.log(r.error.issues.length, r.error.partial?.proposals.length)`
 */
export class ImportError<A = unknown> extends Error {
  readonly _tag = "ImportError" as const
  readonly code: string
  readonly path: Errors.Path
  readonly issues: ReadonlyArray<ImportIssue>
  readonly partial: A | undefined
  constructor(fields: {
    readonly code: string
    readonly message: string
    readonly issues: ReadonlyArray<ImportIssue>
    readonly partial?: A | undefined
    readonly path?: Errors.Path
  }) {
    super(fields.message)
    this.name = "ImportError"
    this.code = fields.code
    this.path = fields.path ?? []
    this.issues = fields.issues
    this.partial = fields.partial
  }
}

/**
 * A report could not be written exactly: an amount too large for a spreadsheet number
 * (`export/amount-too-large`, beyond ±9.007.199.254.740.991 đồng), text a spreadsheet cannot
 * hold (`export/bad-text`: control characters), or the file could not be written (`export/io`).
 * @category errors
 * @since 0.1.0
 * @example `if (!r.ok) console.error(r.error.code, r.error.path)`
 */
export class ExportError extends Error {
  readonly _tag = "ExportError" as const
  readonly code: string
  readonly path: Errors.Path
  constructor(fields: { readonly code: string; readonly message: string; readonly path?: Errors.Path; readonly cause?: unknown }) {
    super(fields.message, fields.cause === undefined ? undefined : { cause: fields.cause })
    this.name = "ExportError"
    this.code = fields.code
    this.path = fields.path ?? []
  }
}
