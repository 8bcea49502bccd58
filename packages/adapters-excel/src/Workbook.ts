/**
 * Workbook (tệp Excel .xlsx in memory): read a register from the bytes of an .xlsx file and write
 * report tables to the bytes of one, without Node: in a browser (a file input's `arrayBuffer()`,
 * a download's `Blob`), a worker, or Node. Exported by `@khuyencong/adapters-excel/browser`.
 *
 * The mapping is the one of `Xlsx.readRegister`: the same sheet choice, the same
 * {@link Register} rows, proposals, warnings and cell-addressed issues; only the parsing differs
 * (exceljs's in-memory workbook, from its prebuilt browser bundle, instead of its streaming
 * reader). So the whole file is in memory (fine for a register of a few thousand rows; use
 * `Xlsx.readRegister` in Node for huge ones), and of the file checks only the first bytes' are made
 * (`import/empty-file`, `import/encrypted`, `import/legacy-xls`, `import/not-xlsx`, above `maxBytes`
 * `import/too-large`); a damaged zip is `import/corrupt-file` when exceljs cannot open it. Cells
 * covered by a merged range read as blank, as in the file (exceljs's in-memory workbook would give
 * them the range's value).
 *
 * Writing lays out each {@link Report.Table} exactly as `Xlsx.writeTables` does (the same
 * code), and returns the bytes.
 *
 * @example
 * ```ts
 * import { Workbook } from "@khuyencong/adapters-excel/browser"
 * const bytes = new Uint8Array(await file.arrayBuffer())
 * const r = await Workbook.readRegister(bytes, { activities, defaults: { planYear: 2024 } })
 * const plan = await Workbook.exportPlan(rows, { title: "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024" })
 * if (plan.ok) URL.createObjectURL(new Blob([plan.value]))
 * ```
 * @since 0.2.0
 */
import { Result } from "@khuyencong/core"
import ExcelJS from "exceljs/dist/exceljs.bare.min.js"
import type { CellValue } from "./Cell.js"
import { ExportError, type ImportError } from "./Issues.js"
import { memoryBytes, sniffHead } from "./internal/magic.js"
import { plain } from "./internal/plain.js"
import { writeTable } from "./internal/sheet.js"
import { fail, readSheets, type Sheet, type SheetRow } from "./internal/workbook.js"
import type * as Register from "./Register.js"
import * as Report from "./Report.js"

/**
 * Options of {@link readRegister}: the register options, which sheet, and a size limit.
 * @category reading
 * @since 0.2.0
 * @example `const o: Workbook.ReadOptions = { activities, sheet: "Biểu 01", maxBytes: 20_000_000 }`
 */
export interface ReadOptions extends Register.Options {
  /** The sheet to read: its name or 1-based position. Default: as `Xlsx.readRegister` chooses. */
  readonly sheet?: string | number
  /** Most bytes of the file (default 200 MB). */
  readonly maxBytes?: number
}

interface DocCell {
  readonly type: number
  readonly isMerged: boolean
  readonly master: DocCell
  readonly value: unknown
  readonly model: { readonly formula?: string; readonly sharedFormula?: string; readonly result?: unknown }
}
interface DocRow {
  readonly number: number
  readonly _cells: ReadonlyArray<DocCell | undefined>
}
interface DocSheet {
  readonly name: string
  readonly state?: string
  readonly _rows: ReadonlyArray<DocRow | undefined>
}

const { Null: NULL, Merge: MERGE, Formula: FORMULA } = ExcelJS.ValueType

/**
 * A cell of exceljs's in-memory workbook as the streaming reader of `Xlsx` gives it (see
 * internal/rows.ts): a merged range's covered cells blank, a formula with its result only when
 * the result is truthy, a shared formula's dependent as `{ formula: "", result }`.
 */
const cellValue = (cell: DocCell | undefined): CellValue => {
  if (cell === undefined || cell.type === NULL) return null
  if (cell.type === MERGE && cell.isMerged && cell.master !== cell) return null
  if (cell.type === FORMULA) {
    const { formula, result } = cell.model
    if (typeof formula === "string" && formula !== "") return plain(result ? { formula, result } : { formula })
    return plain(result === undefined ? { formula: "" } : { formula: "", result })
  }
  return plain(cell.value)
}

/** Every row the sheet's XML has (empty ones too, as the streaming reader sees them), cells from column A. */
const rowsOf = (ws: DocSheet): ReadonlyArray<SheetRow> => {
  const out: Array<SheetRow> = []
  for (const row of ws._rows) {
    if (row === undefined) continue
    const values = row._cells.map(cellValue)
    let last = values.length
    while (last > 0 && (values[last - 1] === null || values[last - 1] === undefined)) last--
    const cells: Array<CellValue> = new Array(last)
    for (let c = 0; c < last; c++) cells[c] = values[c] ?? null
    out.push({ number: row.number, cells })
  }
  return out
}

/**
 * Read a register (biểu tổng hợp đề án) from the bytes of an .xlsx file, in memory. Never throws
 * on a bad file: every problem is an {@link Issues.ImportError}, as from `Xlsx.readRegister`.
 * @category reading
 * @since 0.2.0
 * @example
 * ```ts
 * const r = await Workbook.readRegister(new Uint8Array(await file.arrayBuffer()), { activities, defaults: { fund: "local" } })
 * if (!r.ok) for (const i of r.error.issues) console.log(`${i.sheet}!${i.column}${i.row}`, i.code, i.message)
 * ```
 */
export const readRegister = async (
  bytes: Uint8Array | ArrayBuffer,
  options: ReadOptions
): Promise<Result.Result<Register.Register, ImportError<Register.Register>>> => {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  const maxBytes = options.maxBytes ?? 200 * 1024 * 1024
  if (data.byteLength > maxBytes) return fail("import/too-large", `the file has ${data.byteLength} bytes, more than the limit of ${maxBytes} (option maxBytes)`)
  const head = await sniffHead(memoryBytes(data))
  if (head !== undefined) return fail(head.code, head.detail)
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(data as never)
  } catch (e) {
    return fail("import/corrupt-file", `the workbook cannot be read (${(e as Error).message}); it may be damaged, or not a workbook saved by a spreadsheet program`)
  }
  const date1904 = (wb as unknown as { properties?: { date1904?: unknown } }).properties?.date1904 === true
  const worksheets = wb.worksheets as unknown as ReadonlyArray<DocSheet>
  async function* sheets(): AsyncGenerator<Sheet> {
    for (const [i, ws] of worksheets.entries()) {
      yield {
        info: { name: ws.name, position: i + 1, hidden: ws.state === "hidden" || ws.state === "veryHidden" },
        date1904: () => date1904,
        rows: async function* () {
          yield rowsOf(ws)
        }
      }
    }
  }
  return readSheets(sheets(), options, () => undefined)
}

/**
 * Write report tables to the bytes of an .xlsx workbook, one sheet per table, laid out as
 * `Xlsx.writeTables` lays them out. Fails with an {@link Issues.ExportError} for an amount
 * beyond ±9.007.199.254.740.991 đồng or text with control characters.
 * @category writing
 * @since 0.2.0
 * @example `const r = await Workbook.writeTables([Report.plan(rows)])` → `{ ok: true, value: Uint8Array [80, 75, 3, 4, …] }`
 */
export const writeTables = async (tables: ReadonlyArray<Report.Table>): Promise<Result.Result<Uint8Array, ExportError>> => {
  const wb = new ExcelJS.Workbook()
  wb.creator = "khuyencong"
  try {
    const used = new Set<string>()
    for (const t of tables) writeTable(wb, t, used)
    const buffer = await wb.xlsx.writeBuffer()
    const view = buffer as unknown as Uint8Array
    return Result.ok(new Uint8Array(view.buffer, view.byteOffset, view.byteLength).slice())
  } catch (e) {
    if (e instanceof ExportError) return Result.err(e)
    return Result.err(new ExportError({ code: "export/io", message: `The workbook could not be written: ${(e as Error).message}`, cause: e }))
  }
}

/**
 * The plan (kế hoạch: approved projects and amounts) as the bytes of an .xlsx workbook (see
 * `Report.plan`); it reads back with {@link readRegister} to the same proposals.
 * @category writing
 * @since 0.2.0
 * @example `const r = await Workbook.exportPlan(rows, { title: "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024" })`
 */
export const exportPlan = (rows: ReadonlyArray<Report.PlanRow>, options: Report.PlanOptions = {}): Promise<Result.Result<Uint8Array, ExportError>> =>
  writeTables([Report.plan(rows, options)])
