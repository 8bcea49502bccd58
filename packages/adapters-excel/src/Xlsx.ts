/**
 * Xlsx (tệp Excel .xlsx): streaming import of registers (biểu tổng hợp đề án) and streaming
 * export of reports, through exceljs (its parsers of a workbook's parts and its streaming
 * `WorkbookWriter`; never the npm `xlsx` package).
 *
 * **Reading** ({@link readRegister}) checks the file before parsing it: an OLE compound file
 * (magic `D0 CF 11 E0`) is a password-protected workbook (`import/encrypted`) or a legacy .xls
 * (`import/legacy-xls`); anything but a zip is `import/not-xlsx`; a zip whose central directory
 * is damaged, or an entry that does not inflate to its size and CRC-32, is `import/corrupt-file`; a
 * file above `maxBytes` (default 200 MB) or decompressing above `maxUncompressedBytes` (default
 * 2 GB) is `import/too-large`. The verified entries are then read in reading order (workbook and
 * shared strings before worksheets), straight from the file, never parked in temporary files.
 * Rows are then streamed one
 * at a time into the {@link Register} mapping; a sheet longer than `maxRows` (default 1.000.000)
 * stops with `import/too-many-rows`. Memory stays flat: the header search keeps 30 rows, each
 * later row is mapped and dropped (pass `collect: false` with `onProposal` to keep none).
 *
 * The sheet read is `options.sheet` (a name or 1-based position); else the visible sheet whose
 * title or name states the plan year (`planYear`, passing over other years' registers without
 * reading their rows); without a plan year, the register of the latest year the sheets state. A
 * choice that was not certain is said in an `import/sheet-chosen` warning. Dates: date cells become their calendar date, and the workbook's date
 * system (1900 or 1904) is used for serial numbers.
 *
 * **Writing** ({@link writeTables}, {@link exportPlan}, {@link exportAllocation},
 * {@link exportProgress}) streams each {@link Report.Table} to a sheet: a title row (merged across
 * the table), subtitle lines, a bold header row frozen in place, amounts as numbers in đồng with
 * the `#,##0` format (shown with dot grouping in a Vietnamese locale; fractional numbers, such as
 * 52,8 in a triệu đồng column, with `#,##0.##`, or a column's fixed `decimals`), dates as date cells
 * (`dd/mm/yyyy`), column widths fitted to the contents, and a totals row whose amounts are `SUM`
 * formulas carrying their computed values, so any program shows the right figure before it
 * recalculates.
 *
 * @example
 * ```ts
 * import { Report, Xlsx } from "@khuyencong/adapters-excel"
 * const r = await Xlsx.readRegister("bieu-tong-hop-2024.xlsx", { activities: pack.activities, defaults: { planYear: 2024 } })
 * // a row per activity: a proposal of several activities takes several rows under its number
 * const rows = r.ok ? Report.planRowsOf(r.value.proposals) : undefined
 * if (rows?.ok) await Xlsx.exportPlan(rows.value, { path: "ke-hoach-2024.xlsx" })
 * ```
 * @since 0.1.0
 */
import { once } from "node:events"
import { createWriteStream, promises as fsp } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough, type Readable, type Writable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { type Progress, Result } from "@khuyencong/core"
import { ExportError, type ImportError } from "./Issues.js"
import { emptyBook, worksheets } from "./internal/book.js"
import { utf8Safe, workbookWriter } from "./internal/exceljs.js"
import { writeTable } from "./internal/sheet.js"
import { sheetRows } from "./internal/rows.js"
import { guard } from "./internal/guard.js"
import { memoryBytes } from "./internal/magic.js"
import { type Bytes, type Sound, sniff } from "./internal/sniff.js"
import { fail, readSheets, type Sheet, type SheetInfo } from "./internal/workbook.js"
import * as Register from "./Register.js"
import * as Report from "./Report.js"

// ---------------------------------------------------------------------------------------------
// Reading

/**
 * Options of {@link readRegister}: the register options, which sheet, and size limits.
 * @category reading
 * @since 0.1.0
 * @example `const o: Xlsx.ReadOptions = { activities, sheet: "Biểu 01", maxRows: 200_000 }`
 */
export interface ReadOptions extends Register.Options {
  /** The sheet to read: its name or 1-based position. Default: the first visible sheet whose header is found. */
  readonly sheet?: string | number
  /** Most bytes of the file (default 200 MB). */
  readonly maxBytes?: number
  /** Most bytes the workbook may decompress to (default 2 GB). */
  readonly maxUncompressedBytes?: number
  /** Give up with `import/corrupt-file` when reading makes no progress for this long (default 60.000 ms). */
  readonly stallTimeoutMs?: number
}

/**
 * A source: a file path, the bytes of a file, or a readable stream of them (spooled to a
 * temporary file, within `maxBytes`).
 * @category reading
 * @since 0.1.0
 * @example `const s: Xlsx.Source = "bieu-tong-hop-2024.xlsx"`
 */
export type Source = string | Uint8Array | NodeJS.ReadableStream

const fileBytes = async (path: string): Promise<Bytes & { close(): Promise<void> }> => {
  const fh = await fsp.open(path, "r")
  const { size } = await fh.stat()
  return {
    size,
    read: async (offset, length) => {
      const buf = new Uint8Array(length)
      let got = 0
      while (got < length) {
        const { bytesRead } = await fh.read(buf, got, length - got, offset + got)
        if (bytesRead === 0) break
        got += bytesRead
      }
      return buf.subarray(0, got)
    },
    close: () => fh.close()
  }
}




/** Spool a stream to a temporary file, stopping above `max` bytes. */
const spool = async (stream: NodeJS.ReadableStream, max: number): Promise<{ path: string; dir: string } | "too-large"> => {
  const dir = await fsp.mkdtemp(join(tmpdir(), "khuyencong-xlsx-"))
  const path = join(dir, "input.xlsx")
  let seen = 0
  let over = false
  const counter = new PassThrough()
  counter.on("data", (c: Buffer) => {
    seen += c.length
    if (seen > max && !over) {
      over = true
      counter.destroy(new Error("too-large"))
    }
  })
  try {
    await pipeline(stream as Readable, counter, createWriteStream(path))
  } catch (e) {
    if (over) {
      await fsp.rm(dir, { recursive: true, force: true })
      return "too-large"
    }
    await fsp.rm(dir, { recursive: true, force: true })
    throw e
  }
  return { path, dir }
}


/**
 * Read a register (biểu tổng hợp đề án) from an .xlsx file, streaming. Never throws on a bad
 * file: every problem is an {@link Issues.ImportError} (see the module header for the file
 * checks and {@link Register} for the mapping and the problems of rows).
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * const r = await Xlsx.readRegister("bieu-tong-hop-2024.xlsx", { activities, defaults: { fund: "local" } })
 * if (!r.ok) for (const i of r.error.issues) console.log(`${i.sheet}!${i.column}${i.row}`, i.code, i.raw)
 * ```
 */
export const readRegister = async (
  source: Source,
  options: ReadOptions
): Promise<Result.Result<Register.Register, ImportError<Register.Register>>> => {
  if (!(await utf8Safe()))
    return fail(
      "import/reader-unavailable",
      "exceljs was loaded before @khuyencong/adapters-excel in this process, without the fix for its streaming UTF-8 bug (exceljs #2063): Vietnamese text could be corrupted, so nothing is read; import @khuyencong/adapters-excel before any other use of exceljs"
    )
  const maxBytes = options.maxBytes ?? 200 * 1024 * 1024
  const maxUncompressed = options.maxUncompressedBytes ?? 2 * 1024 * 1024 * 1024
  let path: string | undefined
  let buffer: Uint8Array | undefined
  let cleanup: string | undefined
  try {
    if (typeof source === "string") path = source
    else if (source instanceof Uint8Array) buffer = source
    else {
      const s = await spool(source, maxBytes)
      if (s === "too-large") return fail("import/too-large", `the file is larger than the limit of ${maxBytes} bytes (option maxBytes)`)
      path = s.path
      cleanup = s.dir
    }
    // check the file
    let bytes: (Bytes & { close?: () => Promise<void> }) | undefined
    try {
      bytes = path !== undefined ? await fileBytes(path) : memoryBytes(buffer as Uint8Array)
    } catch (e) {
      return fail("import/cannot-open", `the file cannot be opened: ${(e as Error).message}`)
    }
    try {
      if (bytes.size > maxBytes) return fail("import/too-large", `the file has ${bytes.size} bytes, more than the limit of ${maxBytes} (option maxBytes)`)
      const s = await sniff(bytes, maxUncompressed)
      if (!s.ok) return fail(s.code, s.detail)
      // the verified entries, read in reading order (see internal/book.ts). A safety net: should
      // the parser ever wait on data that will not come, stop with a typed error instead of
      // leaving a promise pending forever.
      return await guard(
        (progress) => readEntries(bytes, s.entries, options, progress),
        options.stallTimeoutMs ?? 60_000,
        () => fail("import/corrupt-file", `the workbook stopped being read for ${options.stallTimeoutMs ?? 60_000} ms (option stallTimeoutMs); it may be damaged`)
      )
    } finally {
      await bytes.close?.()
    }
  } finally {
    if (cleanup !== undefined) await fsp.rm(cleanup, { recursive: true, force: true })
  }
}


const readEntries = (
  bytes: Bytes,
  entries: ReadonlyArray<Sound>,
  options: ReadOptions,
  progress: () => void
): Promise<Result.Result<Register.Register, ImportError<Register.Register>>> => {
  const wb = emptyBook()
  async function* sheets(): AsyncGenerator<Sheet> {
    for await (const ws of worksheets(bytes, entries, wb, progress)) yield { info: sheetInfo(wb, ws), date1904: () => date1904(wb), rows: () => sheetRows(ws, wb) }
  }
  return readSheets(sheets(), options, progress)
}

const sheetInfo = (wb: unknown, ws: unknown): SheetInfo => {
  const name = String((ws as { name?: unknown }).name ?? "")
  const sheets = ((wb as { model?: { sheets?: ReadonlyArray<{ name?: string; state?: string }> } }).model?.sheets ?? [])
  const i = sheets.findIndex((s) => s.name === name)
  const state = (ws as { state?: unknown }).state ?? sheets[i]?.state
  return { name, position: i === -1 ? undefined : i + 1, hidden: state === "hidden" || state === "veryHidden" }
}

const date1904 = (wb: unknown): boolean =>
  (wb as { properties?: { model?: { date1904?: unknown } } }).properties?.model?.date1904 === true

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Where to write: a file path, a writable stream, or (neither) the bytes returned.
 * @category writing
 * @since 0.1.0
 * @example `const t: Xlsx.Target = { path: "ke-hoach-2024.xlsx" }`
 */
export type Target = { readonly path: string } | { readonly stream: Writable } | Record<string, never>

/**
 * Write report tables to an .xlsx workbook, one sheet per table, streaming. Returns the bytes when
 * no target is given. Fails with an {@link Issues.ExportError} for an amount beyond
 * ±9.007.199.254.740.991 đồng, text with control characters, or a write error.
 * @category writing
 * @since 0.1.0
 * @example `await Xlsx.writeTables([Report.plan(rows)], { path: "ke-hoach.xlsx" })` → `{ ok: true, value: undefined }`
 */
export const writeTables = async (
  tables: ReadonlyArray<Report.Table>,
  target: Target = {}
): Promise<Result.Result<Uint8Array | undefined, ExportError>> => {
  const chunks: Array<Buffer> = []
  let sink: Writable
  let tmp: string | undefined
  if ("path" in target && typeof target.path === "string") {
    tmp = `${target.path}.${process.pid}.${Date.now()}.tmp`
    sink = createWriteStream(tmp)
  } else if ("stream" in target && target.stream !== undefined) sink = target.stream as Writable
  else {
    const pass = new PassThrough()
    pass.on("data", (c: Buffer) => chunks.push(c))
    sink = pass
  }
  let sinkError: unknown
  sink.on("error", (e) => {
    sinkError = e
  })
  const wb = new (workbookWriter())({ stream: sink, useStyles: true, useSharedStrings: false })
  wb.creator = "khuyencong"
  try {
    const used = new Set<string>()
    for (const t of tables) writeTable(wb, t, used)
    await wb.commit()
    if (!("stream" in target)) {
      if (!sink.writableFinished) await once(sink, "finish")
    }
    if (sinkError !== undefined) throw sinkError
    if (tmp !== undefined && "path" in target) await fsp.rename(tmp, target.path)
    return Result.ok("path" in target || "stream" in target ? undefined : new Uint8Array(Buffer.concat(chunks)))
  } catch (e) {
    if (tmp !== undefined) await fsp.rm(tmp, { force: true })
    if (e instanceof ExportError) {
      sink.destroy()
      return Result.err(e)
    }
    return Result.err(new ExportError({ code: "export/io", message: `The workbook could not be written: ${(e as Error).message}`, cause: e }))
  }
}

/**
 * The plan (kế hoạch: approved projects and amounts) as .xlsx (see `Report.plan`); it reads back
 * with {@link readRegister} to the same proposals.
 * @category writing
 * @since 0.1.0
 * @example `await Xlsx.exportPlan(rows, { path: "ke-hoach-2024.xlsx", title: "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024" })`
 */
export const exportPlan = (
  rows: ReadonlyArray<Report.PlanRow>,
  options: Report.PlanOptions & { readonly path?: string; readonly stream?: Writable } = {}
): Promise<Result.Result<Uint8Array | undefined, ExportError>> => writeTables([Report.plan(rows, options)], targetOf(options))

/**
 * The allocation result (kết quả phân bổ) as .xlsx (see `Report.allocation`), with the summary
 * lines as formulas when `summary` is given.
 * @category writing
 * @since 0.1.0
 * @example `const { rows, summary } = Report.allocationRowsOf(result); await Xlsx.exportAllocation(rows, { summary, path: "phan-bo.xlsx" })`
 */
export const exportAllocation = (
  rows: ReadonlyArray<Report.AllocationRow>,
  options: { readonly summary?: Report.AllocationSummary; readonly title?: string; readonly sheet?: string; readonly path?: string; readonly stream?: Writable } & Report.FormOptions = {}
): Promise<Result.Result<Uint8Array | undefined, ExportError>> => writeTables([Report.allocation(rows, options)], targetOf(options))

/**
 * The disbursement progress report (báo cáo tiến độ giải ngân) as .xlsx: a core
 * `Progress.Report` (sheets by province, fund, activity and month) or tables built with
 * `Report.progress` / `Report.progressByMonth`.
 * @category writing
 * @since 0.1.0
 * @example `await Xlsx.exportProgress(report, { path: "tien-do-30-06-2024.xlsx" })`
 */
export const exportProgress = (
  input: Progress.Report | ReadonlyArray<Report.Table>,
  options: { readonly path?: string; readonly stream?: Writable; readonly title?: string } & Report.FormOptions = {}
): Promise<Result.Result<Uint8Array | undefined, ExportError>> =>
  writeTables(Array.isArray(input) ? (input as ReadonlyArray<Report.Table>) : Report.progressTables(input as Progress.Report, options), targetOf(options))

const targetOf = (o: { readonly path?: string; readonly stream?: Writable }): Target =>
  o.path !== undefined ? { path: o.path } : o.stream !== undefined ? { stream: o.stream } : {}
