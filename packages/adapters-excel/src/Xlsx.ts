/**
 * Xlsx (tệp Excel .xlsx): streaming import of registers (biểu tổng hợp đề án) and streaming
 * export of reports, through exceljs (`stream.xlsx.WorkbookReader` / `WorkbookWriter`; never the
 * npm `xlsx` package).
 *
 * **Reading** ({@link readRegister}) checks the file before parsing it: an OLE compound file
 * (magic `D0 CF 11 E0`) is a password-protected workbook (`import/encrypted`) or a legacy .xls
 * (`import/legacy-xls`); anything but a zip is `import/not-xlsx`; a zip whose central directory
 * is damaged, or an entry that does not inflate to its size and CRC-32, is `import/corrupt-file`; a
 * file above `maxBytes` (default 200 MB) or decompressing above `maxUncompressedBytes` (default
 * 2 GB) is `import/too-large`. The verified entries are re-streamed to exceljs in reading order
 * (workbook and shared strings before worksheets), so it never parks worksheets in temporary
 * files. Rows are then streamed one
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
 * import { Xlsx } from "@khuyencong/adapters-excel"
 * const r = await Xlsx.readRegister("bieu-tong-hop-2024.xlsx", { activities: pack.activities, defaults: { planYear: 2024 } })
 * if (r.ok) await Xlsx.exportPlan(rowsOf(r.value.proposals), { path: "ke-hoach-2024.xlsx" })
 * ```
 * @since 0.1.0
 */
import { once } from "node:events"
import { createWriteStream, promises as fsp } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough, Readable, Transform, type Writable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { LocalDate, Money, type Progress, Result } from "@khuyencong/core"
import { columnLetter, type DateSystem, toDateCell } from "./Cell.js"
import { ExportError, type ImportError, type ImportIssue } from "./Issues.js"
import { establishmentsReader } from "./internal/establishments.js"
import { importError, issueAt } from "./internal/issues.js"
import { fold } from "./internal/text.js"
import { ExcelJS, utf8Safe } from "./internal/exceljs.js"
import { sheetRows } from "./internal/rows.js"
import { guard } from "./internal/guard.js"
import { type Bytes, repack, sniff } from "./internal/sniff.js"
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

const memoryBytes = (b: Uint8Array): Bytes => ({ size: b.byteLength, read: async (o, l) => b.subarray(o, o + l) })

const fail = (code: string, detail: string, sheet?: string): Result.Result<never, ImportError<Register.Register>> =>
  Result.err(importError<Register.Register>([issueAt({ sheet }, code, detail)], undefined))

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

interface SheetInfo {
  readonly name: string
  readonly position: number | undefined
  readonly hidden: boolean
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
      // the verified entries, re-streamed in reading order (see repack)
      const input = repack(bytes, s.entries)
      // a safety net: should the parser ever wait on a stream that will not move, stop with a
      // typed error instead of leaving a promise pending forever. Bytes are counted as they pass
      // through a Transform (a "data" listener would start the flow before exceljs reads it).
      let counted: Transform | undefined
      try {
        return await guard(
          (progress) => {
            counted = new Transform({
              transform(chunk: Buffer, _encoding, done) {
                progress()
                done(null, chunk)
              }
            })
            input.on("error", (e) => counted?.destroy(e))
            input.pipe(counted)
            return readStream(counted, options, progress)
          },
          options.stallTimeoutMs ?? 60_000,
          () => fail("import/corrupt-file", `the workbook stopped being read for ${options.stallTimeoutMs ?? 60_000} ms (option stallTimeoutMs); it may be damaged`)
        )
      } finally {
        input.destroy()
        counted?.destroy()
      }
    } finally {
      await bytes.close?.()
    }
  } finally {
    if (cleanup !== undefined) await fsp.rm(cleanup, { recursive: true, force: true })
  }
}

const readStream = async (
  input: Readable,
  options: ReadOptions,
  progress: () => void
): Promise<Result.Result<Register.Register, ImportError<Register.Register>>> => {
  const wb = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore"
  })
  const tried: Array<ImportIssue> = []
  let sheets = 0
  let wanted = false
  const target = options.planYear ?? options.defaults?.planYear
  type Read = Result.Result<Register.Register, ImportError<Register.Register>>
  /** Registers found, with the year their title or name states. */
  const found: Array<{ readonly name: string; readonly year: number | undefined; readonly result: Read }> = []
  const passed: Array<string> = []
  const establishments: Array<Register.Establishment> = []
  let exact = false
  const establishmentIssues: Array<ImportIssue> = []
  try {
    for await (const ws of wb) {
      sheets++
      const info = sheetInfo(wb, ws)
      const want = options.sheet
      if (want !== undefined) {
        const match = typeof want === "number" ? info.position === want : info.name === want
        if (!match) continue
        wanted = true
      } else if (info.hidden) continue
      const system: DateSystem = options.dateSystem ?? (date1904(wb) ? "1904" : "1900")
      const rd = Register.reader({ ...options, dateSystem: system }, { sheet: info.name })
      const es = establishmentsReader(info.name, options.maxIssues ?? 10_000)
      let other = false
      let registerDone = false
      rows: for await (const batch of sheetRows(ws, wb))
        for (const row of batch) {
          if (row === null) throw new TypeError("Cannot read properties of null (reading 'values')")
          const cells = row.cells
          progress()
          // a sheet is a register or a list of establishments; both look for their header at first
          if (!rd.headerFound && want === undefined) es.push(cells, row.number)
          if (es.found) continue
          if (registerDone) continue
          if (!rd.push(cells, row.number)) {
            if (rd.headerFound || want !== undefined) break rows
            registerDone = true
          }
          // a register once the plan year's is found, or another year's: passed over unread
          if (exact && rd.headerFound) break rows
          const year = rd.context?.planYear?.value
          if (want === undefined && target !== undefined && rd.headerFound && year !== undefined && year !== target) {
            other = true
            break rows
          }
        }
      const listed = es.end()
      if (listed.found) {
        establishments.push(...listed.rows)
        establishmentIssues.push(...listed.issues)
        continue
      }
      const r = other ? undefined : rd.end()
      const stated = rd.context?.planYear?.value
      if (r === undefined || (want === undefined && target !== undefined && rd.headerFound && stated !== undefined && stated !== target)) {
        passed.push(`"${info.name}" (${stated ?? "?"})`)
        continue
      }
      if (want !== undefined) return r
      if (rd.headerFound && exact) continue
      if (rd.headerFound) {
        const year = rd.context?.planYear?.value
        if (target !== undefined && year === target) {
          // the rest of the workbook is read for an establishments sheet; other registers are passed over
          found.length = 0
          found.push({ name: info.name, year, result: withNote(r, passed.length === 0 ? undefined : `the registers of other years were passed over: sheets ${passed.join(", ")}`, info.name) })
          exact = true
          continue
        }
        if (exact) continue
        found.push({ name: info.name, year, result: r })
        continue
      }
      if (rd.headerIssue !== undefined) tried.push(rd.headerIssue)
    }
  } catch (e) {
    return fail("import/corrupt-file", `the workbook cannot be read (${(e as Error).message}); it may be damaged, or not a workbook saved by a spreadsheet program`)
  }
  if (options.sheet !== undefined && !wanted)
    return fail("import/sheet-not-found", `the workbook has no sheet ${typeof options.sheet === "number" ? `number ${options.sheet}` : JSON.stringify(options.sheet)}`)
  if (exact && found[0] !== undefined) return withEstablishments(found[0].result, establishments, establishmentIssues)
  if (found.length > 0) {
    // no sheet of the plan year asked for, or none asked: the latest year (sheets without one last)
    const best = [...found].sort((a, b) => (b.year ?? -1) - (a.year ?? -1))[0] ?? found[0]
    if (best === undefined) return fail("import/empty-sheet", "the workbook has no register")
    const others = found.filter((f) => f !== best).map((f) => `"${f.name}" (${f.year ?? "no year stated"})`)
    const unsure =
      target !== undefined
        ? `no sheet states the plan year ${target}; read sheet "${best.name}" (${best.year ?? "no year stated"})${passed.length + others.length > 0 ? `, not ${[...passed, ...others].join(", ")}` : ""}; pass sheet to choose`
        : others.length > 0
          ? `the workbook holds several registers; read sheet "${best.name}" (${best.year ?? "no year stated"}), the latest, not ${others.join(", ")}; pass planYear or sheet to choose`
          : undefined
    return withEstablishments(withNote(best.result, unsure, best.name), establishments, establishmentIssues)
  }
  if (sheets === 0) return fail("import/empty-sheet", "the workbook has no worksheet")
  if (tried.length === 0) return fail("import/empty-sheet", passed.length > 0 ? `the workbook has no register of the plan year ${target ?? ""}: only ${passed.join(", ")}` : "the workbook has no visible worksheet")
  return Result.err(importError<Register.Register>(tried, undefined))
}

/**
 * A register with the establishments of a sheet beside it, their problems added to its own, and a
 * warning naming the beneficiaries the list does not hold (by id, tax code or name).
 */
const withEstablishments = (
  r: Result.Result<Register.Register, ImportError<Register.Register>>,
  establishments: ReadonlyArray<Register.Establishment>,
  issues: ReadonlyArray<ImportIssue>
): Result.Result<Register.Register, ImportError<Register.Register>> => {
  if (establishments.length === 0 && issues.length === 0) return r
  const known = new Set(establishments.flatMap((e) => [e.id, e.taxCode ?? "", fold(e.name)]))
  const attach = (reg: Register.Register): Register.Register => {
    const missing = [...new Set(reg.proposals.flatMap((p) => p.beneficiaries).filter((b) => !known.has(b) && !known.has(fold(b))))]
    const warnings =
      missing.length === 0 || establishments.length === 0
        ? reg.warnings
        : [
            ...reg.warnings,
            issueAt(
              { sheet: establishments[0]?.sheet },
              "import/beneficiary-not-listed",
              `${missing.length} ${missing.length === 1 ? "beneficiary is" : "beneficiaries are"} not on the establishments sheet (by code, tax code or name): ${missing.slice(0, 5).map((m) => `"${m}"`).join(", ")}${missing.length > 5 ? ", …" : ""}`,
              { count: missing.length }
            )
          ]
    return { ...reg, establishments, warnings }
  }
  if (r.ok && issues.length === 0) return Result.ok(attach(r.value))
  const partial = r.ok ? r.value : r.error.partial
  return Result.err(importError([...(r.ok ? [] : r.error.issues), ...issues], partial === undefined ? undefined : attach(partial)))
}

/** A register with a warning about the choice of its sheet added (`import/sheet-chosen`). */
const withNote = (
  r: Result.Result<Register.Register, ImportError<Register.Register>>,
  note: string | undefined,
  sheet: string
): Result.Result<Register.Register, ImportError<Register.Register>> => {
  if (note === undefined) return r
  const add = (reg: Register.Register): Register.Register => ({ ...reg, warnings: [issueAt({ sheet }, "import/sheet-chosen", note), ...reg.warnings] })
  if (r.ok) return Result.ok(add(r.value))
  const partial = r.error.partial
  return partial === undefined ? r : Result.err(importError(r.error.issues, add(partial)))
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

const MONEY_FORMAT = "#,##0"
/** The number format of a money cell: fixed decimals when the column asks, else as many as the value has. */
const moneyFormat = (c: Report.Column, decimals: number): string => {
  const d = c.decimals === undefined ? Math.min(decimals, 10) : Math.min(Math.max(Math.trunc(c.decimals), 0), 10)
  return d > 0 ? `${MONEY_FORMAT}.${"0".repeat(d)}` : MONEY_FORMAT
}
const DATE_FORMAT = "dd/mm/yyyy"
const MONTH_FORMAT = "mm/yyyy"
const BAD_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/
const FONT = "Times New Roman"
const MM = 1 / 25.4

const sheetName = (name: string, used: Set<string>): string => {
  let base = name.replace(/[:\\/?*[\]]/g, "-").slice(0, 31).trim()
  if (base === "") base = "Sheet"
  let n = base
  for (let k = 2; used.has(n.toLowerCase()); k++) n = `${base.slice(0, 31 - String(k).length - 1)} ${k}`
  used.add(n.toLowerCase())
  return n
}

const widthOf = (s: string): number => Math.max(...s.split("\n").map((l) => [...l].length), 0)

const tooLarge = (m: bigint, path: ReadonlyArray<string | number>): ExportError =>
  new ExportError({
    code: "export/amount-too-large",
    path,
    message: `The amount (số tiền) ${Money.format(Money.make(m))} is too large for a spreadsheet number (at most 9.007.199.254.740.991 đồng exactly)`
  })

const moneyNumber = (m: bigint, path: ReadonlyArray<string | number>): number => {
  if (m > BigInt(Number.MAX_SAFE_INTEGER) || m < -BigInt(Number.MAX_SAFE_INTEGER)) throw tooLarge(m, path)
  return Number(m)
}

/**
 * An amount of đồng in a larger unit, as the spreadsheet number whose shortest decimal text is
 * the exact quotient (1.350.500.000 đ in triệu đồng = 1350.5), and its count of decimals. An
 * amount whose quotient a number cannot hold exactly (more than 15 significant digits) is refused.
 */
const inUnit = (m: bigint, unit: bigint, path: ReadonlyArray<string | number>): { readonly value: number; readonly decimals: number } => {
  if (unit === 1n) return { value: moneyNumber(m, path), decimals: 0 }
  const neg = m < 0n
  const a = neg ? -m : m
  const int = a / unit
  const scale = unit.toString().length - 1
  const frac = (a % unit).toString().padStart(scale, "0").replace(/0+$/, "")
  const text = `${neg ? "-" : ""}${int}${frac === "" ? "" : `.${frac}`}`
  const value = Number(text)
  if (String(value) !== text) throw tooLarge(m, path)
  return { value, decimals: frac.length }
}

const checkText = (s: string, path: ReadonlyArray<string | number>): string => {
  if (BAD_TEXT.test(s) || s.length > 32_767)
    throw new ExportError({
      code: "export/bad-text",
      path,
      message: `The text at ${path.join("/")} ${s.length > 32_767 ? "is longer than a spreadsheet cell holds (32.767 characters)" : "holds a control character a spreadsheet cannot store"}`
    })
  return s
}

const shown = (c: Report.Column, v: Report.Value): string => {
  if (v === undefined) return ""
  if (c.kind === "money" && typeof v === "bigint") return Money.format(Money.make(v)).replace(" ₫", "")
  if (c.kind === "date") return "00/00/0000"
  return String(v)
}

/**
 * Lines a text takes in a cell `width` characters wide, wrapped at words: a column width counts
 * digits of the default font, and Times New Roman 11 pt fits about 1.2 letters in each (Calibri digits, as Excel and LibreOffice measure) (`dense`
 * 0.95 for bold capitals).
 */
const linesIn = (text: string, width: number, dense = 1.2): number => {
  const room = Math.max(1, Math.floor(width * dense) - 1)
  let lines = 0
  for (const para of text.split("\n")) {
    let n = 1
    let at = 0
    for (const w of para.split(/\s+/)) {
      const len = [...w].length
      if (at === 0) at = len
      else if (at + 1 + len <= room) at += 1 + len
      else {
        n++
        at = len
      }
      while (at > room) {
        n++
        at -= room
      }
    }
    lines += n
  }
  return Math.max(1, lines)
}

/** The column widths of a table: given, or fitted to the contents (capped for printing). */
const columnWidths = (table: Report.Table): ReadonlyArray<number> =>
  table.columns.map((c) => {
    if (c.width !== undefined) return c.width
    let w = Math.min(widthOf(c.header), 24)
    for (const r of table.rows) w = Math.max(w, Math.min(widthOf(shown(c, r[c.key])), 40))
    if (c.kind === "money") w = Math.max(w, 15)
    if (c.kind === "date") w = Math.max(w, 11)
    return Math.max(6, w + 2)
  })

/** Landscape when the columns are wider than a portrait A4 page holds at 11 pt (about 95 characters). */
const orientationOf = (table: Report.Table): "portrait" | "landscape" =>
  table.orientation ?? (columnWidths(table).reduce((a, b) => a + b, 0) > 95 ? "landscape" : "portrait")

/**
 * Where each part of a table lands on its sheet (1-based rows): what a printed page shows above the
 * header, the header rows (repeated on every printed page), the data, totals and summary lines,
 * and the signature block.
 */
interface Layout {
  readonly headerFirst: number
  readonly headerLast: number
  readonly firstData: number
  readonly lastData: number
  readonly totalsRow: number | undefined
  readonly lastRow: number
}

const writeTable = (wb: InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>, table: Report.Table, used: Set<string>): Layout => {
  const cols = table.columns
  const width = cols.length
  const doc = table.document === undefined ? undefined : Report.documentText(table.document)
  const unit = table.unit ?? "đồng"
  const unitDong = Report.unitDong(unit)
  const hasMoney = cols.some((c) => c.kind === "money")
  const depth = cols.some((c) => c.group !== undefined) ? 2 : 1
  const widths = columnWidths(table)
  const totalWidth = widths.reduce((a, b) => a + b, 0)
  const orientation = orientationOf(table)
  const last = columnLetter(width)
  // the left block (issuing body, preparer) and the right block (motto, date, head) of the page
  let leftEnd = 1
  for (let acc = widths[0] ?? 0; leftEnd < width && acc < totalWidth * 0.4; leftEnd++) acc += widths[leftEnd] ?? 0
  let rightStart = width
  for (let acc = widths[width - 1] ?? 0; rightStart > leftEnd + 1 && acc < totalWidth * 0.45; ) acc += widths[--rightStart - 1] ?? 0
  if (width < 3) {
    leftEnd = 1
    rightStart = width
  }
  const span = (row: number, from: number, to: number) => {
    if (to > from) ws.mergeCells(`${columnLetter(from)}${row}:${columnLetter(to)}${row}`)
  }

  // rows
  let r = 1
  const docRows = doc === undefined ? 0 : Math.max(doc.issuer.length, doc.motto.length)
  const headRowsStart = r
  r += docRows + (docRows > 0 ? 1 : 0)
  const titleRow = r++
  const subtitles = [...(doc?.decision === undefined ? [] : [doc.decision]), ...(table.subtitle ?? [])]
  const subtitleStart = r
  r += subtitles.length
  const unitRow = hasMoney && (table.unit !== undefined || doc !== undefined) ? r++ : undefined
  const headerFirst = r
  const headerLast = r + depth - 1
  const firstData = headerLast + 1
  const lastData = headerLast + table.rows.length
  const totalsRow = table.totals === undefined ? undefined : lastData + 1

  const name = sheetName(table.sheet, used)
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerLast, topLeftCell: `A${firstData}`, activeCell: `A${firstData}` }],
    pageSetup: {
      paperSize: 9,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      // Decree 30/2020: top and bottom 20–25 mm, left 30–35 mm (the bound edge), right 15–20 mm;
      // a landscape page is bound along its top
      margins:
        orientation === "portrait"
          ? { left: 30 * MM, right: 15 * MM, top: 20 * MM, bottom: 20 * MM, header: 10 * MM, footer: 10 * MM }
          : { left: 20 * MM, right: 15 * MM, top: 25 * MM, bottom: 15 * MM, header: 12 * MM, footer: 8 * MM },
      printTitlesRow: `${headerFirst}:${headerLast}`
    },
    // page numbers centred in the top margin, none on the first page (Decree 30/2020)
    headerFooter: { differentFirst: true, firstHeader: "", oddHeader: `&C&"${FONT},Regular"&13&P` }
  } as never)
  ws.columns = widths.map((w) => ({ width: w })) as never
  const font = (extra: Record<string, unknown> = {}) => ({ name: FONT, size: 11, ...extra })
  const text = (row: number, col: number, value: string, style: { font?: Record<string, unknown>; align?: "left" | "center" | "right"; wrap?: boolean }) => {
    const cell = ws.getRow(row).getCell(col)
    cell.value = checkText(value, [name, row, col])
    cell.font = font(style.font) as never
    cell.alignment = { horizontal: style.align ?? "center", vertical: "middle", wrapText: style.wrap ?? true }
  }
  const charsIn = (from: number, to: number) => widths.slice(from - 1, to).reduce((a, b) => a + b, 0)

  // issuing body and national motto
  if (doc !== undefined) {
    for (let k = 0; k < docRows; k++) {
      const row = ws.getRow(headRowsStart + k)
      row.height = 17
      const issuer = doc.issuer[k]
      if (issuer !== undefined) {
        text(headRowsStart + k, 1, issuer, { font: { size: 12, bold: k > 0, underline: k === doc.issuer.length - 1 && k > 0 } })
        span(headRowsStart + k, 1, leftEnd)
      }
      const motto = doc.motto[k]
      if (motto !== undefined) {
        text(headRowsStart + k, rightStart, motto, { font: { size: k === 0 ? 12 : 13, bold: true, underline: k === doc.motto.length - 1 } })
        span(headRowsStart + k, rightStart, width)
      }
      row.commit()
    }
  }
  // title, subtitles, unit
  {
    const lines = linesIn(table.title, totalWidth, 0.75)
    text(titleRow, 1, table.title, { font: { size: 14, bold: true } })
    ws.getRow(titleRow).height = 21 * lines + 4
    span(titleRow, 1, width)
    ws.getRow(titleRow).commit()
  }
  subtitles.forEach((st, k) => {
    const n = subtitleStart + k
    text(n, 1, st, { font: { italic: true } })
    ws.getRow(n).height = 16 * linesIn(st, totalWidth) + 2
    span(n, 1, width)
    ws.getRow(n).commit()
  })
  if (unitRow !== undefined) {
    const from = Math.max(1, width - 2)
    text(unitRow, from, `Đơn vị tính: ${unit}`, { font: { italic: true }, align: "right", wrap: false })
    span(unitRow, from, width)
    ws.getRow(unitRow).commit()
  }
  // header
  const border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } } as const
  const headCell = (row: number, col: number, value: string) => {
    const cell = ws.getRow(row).getCell(col)
    cell.value = value === "" ? null : checkText(value, [name, row, col])
    cell.font = font({ bold: true }) as never
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true }
    cell.border = border
  }
  const merges: Array<string> = []
  for (let i = 0; i < width; i++) {
    const c = cols[i] as Report.Column
    if (depth === 1) headCell(headerFirst, i + 1, c.header)
    else if (c.group === undefined) {
      headCell(headerFirst, i + 1, c.header)
      headCell(headerLast, i + 1, "")
      merges.push(`${columnLetter(i + 1)}${headerFirst}:${columnLetter(i + 1)}${headerLast}`)
    } else {
      const startsGroup = cols[i - 1]?.group !== c.group
      headCell(headerFirst, i + 1, startsGroup ? c.group : "")
      headCell(headerLast, i + 1, c.header)
      if (startsGroup) {
        let j = i
        while (cols[j + 1]?.group === c.group) j++
        if (j > i) merges.push(`${columnLetter(i + 1)}${headerFirst}:${columnLetter(j + 1)}${headerFirst}`)
      }
    }
  }
  // merged after every cell is written: a value set on a covered cell would go to the merge's first
  for (const m of merges) ws.mergeCells(m)
  const headerLines = Math.max(...cols.map((c, i) => linesIn(c.header, widths[i] ?? 10, 0.95)), 1)
  ws.getRow(headerFirst).height = depth === 1 ? 15 * headerLines + 4 : Math.max(18, 15 * Math.max(...cols.filter((c) => c.group !== undefined).map((c) => linesIn(c.group ?? "", 24, 0.95)), 1) + 4)
  ws.getRow(headerFirst).commit()
  if (depth === 2) {
    ws.getRow(headerLast).height = 15 * headerLines + 4
    ws.getRow(headerLast).commit()
  }
  // rows
  const put = (row: ReturnType<typeof ws.getRow>, rowNumber: number, c: Report.Column, i: number, v: Report.Value) => {
    const cell = row.getCell(i + 1)
    cell.border = border
    cell.font = font() as never
    if (v === undefined) return
    const path = [name, rowNumber, c.key]
    switch (c.kind) {
      case "money":
        if (typeof v === "bigint") {
          const x = inUnit(v, unitDong, path)
          cell.value = x.value
          cell.numFmt = moneyFormat(c, x.decimals)
        } else {
          cell.value = typeof v === "number" ? v : checkText(v, path)
          cell.numFmt = moneyFormat(c, typeof v === "number" && !Number.isInteger(v) ? 2 : 0)
        }
        cell.alignment = { horizontal: "right", vertical: "top" }
        break
      case "date":
        if (typeof v === "string" && LocalDate.is(v)) {
          cell.value = toDateCell(v)
          cell.numFmt = DATE_FORMAT
          cell.alignment = { horizontal: "center", vertical: "top" }
        } else cell.value = typeof v === "string" ? checkText(v, path) : Number(v)
        break
      case "month":
        if (typeof v === "string" && /^\d{4}-\d{2}$/.test(v)) {
          cell.value = toDateCell(LocalDate.parseOrThrow(`${v}-01`))
          cell.numFmt = MONTH_FORMAT
          cell.alignment = { horizontal: "center", vertical: "top" }
        } else cell.value = typeof v === "string" ? checkText(v, path) : Number(v)
        break
      case "integer":
        cell.value = typeof v === "bigint" ? moneyNumber(v, path) : typeof v === "number" ? v : checkText(v, path)
        cell.numFmt = "0"
        cell.alignment = { horizontal: "center", vertical: "top" }
        break
      default:
        cell.value = typeof v === "string" ? checkText(v, path) : typeof v === "bigint" ? v.toString() : v
        cell.alignment = { vertical: "top", wrapText: true }
    }
  }
  table.rows.forEach((tr, k) => {
    const n = firstData + k
    const row = ws.getRow(n)
    cols.forEach((c, i) => put(row, n, c, i, tr[c.key]))
    // an explicit height, so that every program prints the wrapped lines (none guesses it for
    // merged or streamed rows the same way)
    row.height = 13.5 * Math.max(1, ...cols.map((c, i) => (c.kind === "text" ? linesIn(shown(c, tr[c.key]), widths[i] ?? 10) : 1))) + 3
    row.commit()
  })
  // totals
  const totalCell = new Map<string, string>()
  const t = table.totals
  const letter = new Map(cols.map((c, i) => [c.key, columnLetter(i + 1)] as const))
  if (t !== undefined && totalsRow !== undefined) {
    const row = ws.getRow(totalsRow)
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      cell.border = border
      if (c.key === t.labelColumn) {
        cell.value = checkText(t.label, [name, totalsRow, c.key])
        cell.alignment = { horizontal: "center", vertical: "middle" }
      } else if (t.sum.includes(c.key)) {
        const col = letter.get(c.key) ?? "A"
        const sum = inUnit(Report.columnTotal(table, c.key), unitDong, [name, totalsRow, c.key])
        cell.value = table.rows.length === 0 ? 0 : { formula: `SUM(${col}${firstData}:${col}${lastData})`, result: sum.value }
        cell.numFmt = moneyFormat(c, sum.decimals)
        cell.alignment = { horizontal: "right", vertical: "middle" }
        totalCell.set(c.key, `${col}${totalsRow}`)
      } else put(row, totalsRow, c, i, t.values?.[c.key])
      cell.font = font({ bold: true }) as never
    })
    row.height = 18
    row.commit()
  }
  // summary lines
  let lastRow = totalsRow ?? lastData
  const f = table.footer
  if (f !== undefined) {
    const start = lastRow + 2
    const lineCell = new Map<string, string>()
    const labelIndex = cols.findIndex((c) => c.key === f.labelColumn)
    const valueIndex = cols.findIndex((c) => c.key === f.column)
    f.lines.forEach((l, k) => lineCell.set(l.key, `${columnLetter(valueIndex + 1)}${start + k}`))
    f.lines.forEach((l, k) => {
      const n = start + k
      const row = ws.getRow(n)
      const label = row.getCell(labelIndex + 1)
      label.value = checkText(l.label, [name, n, f.labelColumn])
      label.font = font({ bold: true }) as never
      const cell = row.getCell(valueIndex + 1)
      const result = inUnit(l.value, unitDong, [name, n, f.column])
      if (l.formula === undefined) cell.value = result.value
      else {
        const formula = l.formula.replace(/\{(total|line):([^}]+)\}/g, (_m, kind: string, key: string) =>
          (kind === "total" ? totalCell.get(key) : lineCell.get(key)) ?? "0"
        )
        cell.value = { formula, result: result.value }
      }
      cell.numFmt = moneyFormat(cols[valueIndex] as Report.Column, result.decimals)
      cell.font = font({ bold: true }) as never
      row.commit()
      lastRow = n
    })
  }
  // place and date, signature block
  if (doc !== undefined && (doc.signers.length > 0 || doc.placeDate !== "")) {
    let n = lastRow + 2
    text(n, rightStart, doc.placeDate, { font: { italic: true } })
    span(n, rightStart, width)
    ws.getRow(n).commit()
    n++
    const titleLines = Math.max(1, ...doc.signers.map((x) => x.title.length))
    for (let k = 0; k < titleLines; k++) {
      for (const x of doc.signers) {
        const line = x.title[k]
        if (line === undefined) continue
        const [from, to] = x.side === "left" ? [1, leftEnd] : [rightStart, width]
        text(n, from, line, { font: { size: 12, bold: true } })
        span(n, from, to)
      }
      ws.getRow(n).commit()
      n++
    }
    for (const x of doc.signers) {
      const [from, to] = x.side === "left" ? [1, leftEnd] : [rightStart, width]
      text(n, from, x.note, { font: { italic: true } })
      span(n, from, to)
    }
    ws.getRow(n).commit()
    n++
    // room to sign (and seal)
    for (let k = 0; k < 4; k++) {
      ws.getRow(n).height = 20
      ws.getRow(n).commit()
      n++
    }
    for (const x of doc.signers) {
      const [from, to] = x.side === "left" ? [1, leftEnd] : [rightStart, width]
      if (x.name !== "") {
        text(n, from, x.name, { font: { size: 12, bold: true } })
        span(n, from, to)
      }
    }
    ws.getRow(n).commit()
    lastRow = n
  }
  void charsIn
  void last
  ws.commit()
  return { headerFirst, headerLast, firstData, lastData, totalsRow, lastRow }
}

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
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false })
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
