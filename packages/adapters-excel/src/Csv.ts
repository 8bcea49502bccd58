/**
 * CSV (tệp giá trị phân cách bằng dấu phẩy): a small RFC 4180 reader and writer, register import
 * from CSV with the same mapping and the same problems as .xlsx, and CSV export of the reports.
 *
 * Reading: fields separated by `,` (or `;`, or tab: `delimiter`), records by CRLF, LF or CR;
 * quoted fields may hold the delimiter, line breaks and doubled quotes (`""`); a UTF-8 byte order
 * mark is dropped; bytes are decoded as UTF-8 (or UTF-16 with its byte order mark), and invalid
 * UTF-8 is refused (`import/bad-encoding`) rather than guessed. Malformed quoting is an
 * `import/csv-syntax` problem naming the record and field. Every field is text; amounts and dates
 * are read from the text exactly as in a spreadsheet.
 *
 * Writing: fields are quoted when they hold the delimiter, a quote, a line break or surrounding
 * spaces; records end with CRLF; a UTF-8 byte order mark is written by default so spreadsheet
 * programs read Vietnamese text right. Amounts are written as plain digits of đồng
 * (`1500000000`), dates as `dd/mm/yyyy`.
 *
 * @example
 * ```ts
 * import { Csv } from "@khuyencong/adapters-excel"
 * Csv.parse('STT,Tên đề án\r\n1,"Hỗ trợ máy sấy, đóng gói"\r\n') // { ok: true, value: [["STT", "Tên đề án"], ["1", "Hỗ trợ máy sấy, đóng gói"]] }
 * Csv.format([["a,b", 1]])                                        // "\uFEFF\"a,b\",1\r\n"
 * ```
 * @since 0.1.0
 */
import { LocalDate, type Progress, Result } from "@khuyencong/core"
import { columnLetter } from "./Cell.js"
import type { ImportError, ImportIssue } from "./Issues.js"
import { detectLegacy } from "./internal/legacy.js"
import { importError, issueAt } from "./internal/issues.js"
import * as Register from "./Register.js"
import * as Report from "./Report.js"

/**
 * A field delimiter.
 * @category models
 * @since 0.1.0
 * @example `const d: Csv.Delimiter = ";"`
 */
export type Delimiter = "," | ";" | "\t"

/**
 * Options of {@link parse}.
 * @category parsing
 * @since 0.1.0
 * @example `const o: Csv.ParseOptions = { delimiter: ";" }`
 */
export interface ParseOptions {
  /**
   * Field delimiter. `parse` defaults to `,`; `readRegister` finds it ({@link sniffDelimiter}):
   * spreadsheets set to Vietnamese write `;`, Excel's "Unicode text" a tab.
   */
  readonly delimiter?: Delimiter
  /** Name used as the sheet of issues (default none). */
  readonly sheet?: string
  /** Most bytes accepted (default 200 MB): `import/too-large` above. */
  readonly maxBytes?: number
}

/**
 * Decode CSV bytes: UTF-8 (byte order mark dropped) or UTF-16 with a byte order mark.
 * @category parsing
 * @since 0.1.0
 * @example `Csv.decode(new TextEncoder().encode("STT,Tên"))` → `{ ok: true, value: "STT,Tên" }`
 */
export const decode = (bytes: Uint8Array, options: { readonly sheet?: string; readonly maxBytes?: number } = {}): Result.Result<string, ImportError> => {
  const max = options.maxBytes ?? 200 * 1024 * 1024
  if (bytes.byteLength > max)
    return Result.err(importError([issueAt({ sheet: options.sheet }, "import/too-large", `the file has ${bytes.byteLength} bytes, more than the limit of ${max} (option maxBytes)`)], undefined))
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return Result.ok(new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2)))
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return Result.ok(new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2)))
    // UTF-16 without its byte order mark: every other byte of ASCII text is zero
    const head = bytes.subarray(0, Math.min(bytes.length, 400))
    let zeroOdd = 0
    let zeroEven = 0
    for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 === 1 ? zeroOdd++ : zeroEven++
    if (head.length >= 4 && zeroOdd > head.length / 4) return Result.ok(new TextDecoder("utf-16le", { fatal: true }).decode(bytes))
    if (head.length >= 4 && zeroEven > head.length / 4) return Result.ok(new TextDecoder("utf-16be", { fatal: true }).decode(bytes))
    return Result.ok(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes))
  } catch {
    return Result.err(
      importError(
        [
          issueAt(
            { sheet: options.sheet },
            "import/bad-encoding",
            "the file is not valid UTF-8 text (it may be in a legacy Vietnamese encoding such as Windows-1258 or TCVN3); save it as \"CSV UTF-8\" and try again"
          )
        ],
        undefined
      )
    )
  }
}

/**
 * Parse CSV text into records of fields (RFC 4180). A trailing line break does not make an empty
 * record. Fails with `import/csv-syntax` (record number, field letter, the text read so far) on a
 * quote inside an unquoted field, text after a closing quote, or a quote never closed.
 * @category parsing
 * @since 0.1.0
 * @example `Csv.parse('a;"b;c"\n', { delimiter: ";" })` → `{ ok: true, value: [["a", "b;c"]] }`
 */
export const parse = (text: string, options: ParseOptions = {}): Result.Result<ReadonlyArray<ReadonlyArray<string>>, ImportError> => {
  const d = options.delimiter ?? ","
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const n = s.length
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  const syntax = (detail: string, field: string) =>
    Result.err(
      importError(
        [issueAt({ sheet: options.sheet, row: rows.length + 1, column: columnLetter(row.length + 1), raw: field, field: undefined }, "import/csv-syntax", detail)],
        undefined
      )
    )
  // special characters of an unquoted field: the delimiter, a quote, a line break
  const special = new RegExp(`[${d === "\t" ? "\\t" : d}"\\r\\n]`, "g")
  let i = 0
  while (i < n) {
    // one field starts at i
    let field: string
    if (s.charCodeAt(i) === 34) {
      // quoted: up to the closing quote, "" is a quote
      let j = i + 1
      const parts: Array<string> = []
      for (;;) {
        const q = s.indexOf('"', j)
        if (q === -1) return syntax('a quoted field is never closed (a " is missing)', parts.join("") + s.slice(j, j + 20))
        parts.push(s.slice(j, q))
        if (s.charCodeAt(q + 1) === 34) {
          parts.push('"')
          j = q + 2
          continue
        }
        i = q + 1
        break
      }
      field = parts.length === 1 ? (parts[0] ?? "") : parts.join("")
      const next = s[i]
      if (next !== undefined && next !== d && next !== "\n" && next !== "\r")
        return syntax(`text after the closing quote of a quoted field: ${JSON.stringify(s.slice(i, i + 10))}; double a quote inside a quoted field ("")`, field)
    } else {
      special.lastIndex = i
      const m = special.exec(s)
      const end = m === null ? n : m.index
      field = s.slice(i, end)
      i = end
      if (m !== null && m[0] === '"') return syntax('a quote inside an unquoted field; put the whole field in quotes and double the quote ("")', field)
    }
    row.push(field)
    // what ends the field
    if (i >= n) break
    const c = s.charCodeAt(i)
    if (s[i] === d) {
      i++
      if (i >= n) row.push("") // a final empty field after a trailing delimiter
      continue
    }
    // a line break ends the record
    rows.push(row)
    row = []
    i += c === 13 && s.charCodeAt(i + 1) === 10 ? 2 : 1
  }
  if (row.length > 0) rows.push(row)
  return Result.ok(rows)
}

/**
 * A value CSV can write.
 * @category formatting
 * @since 0.1.0
 * @example `const v: Csv.Field = 1500000000n`
 */
export type Field = string | number | bigint | null | undefined

/**
 * Options of {@link format}.
 * @category formatting
 * @since 0.1.0
 * @example `const o: Csv.FormatOptions = { delimiter: ";", bom: false }`
 */
export interface FormatOptions {
  readonly delimiter?: Delimiter
  /** Write a UTF-8 byte order mark first (default `true`). */
  readonly bom?: boolean
  /** Record separator (default CRLF, as RFC 4180 says). */
  readonly newline?: "\r\n" | "\n"
}

const quoteIfNeeded = (s: string, d: Delimiter): string =>
  s.includes(d) || s.includes('"') || s.includes("\n") || s.includes("\r") || s !== s.trim()
    ? `"${s.replaceAll('"', '""')}"`
    : s

/**
 * Write records as CSV (RFC 4180).
 * @category formatting
 * @since 0.1.0
 * @example `Csv.format([["STT", "Tên đề án"], [1, "Máy sấy \"mini\""]], { bom: false })` → `"STT,Tên đề án\r\n1,\"Máy sấy \"\"mini\"\"\"\r\n"`
 */
export const format = (rows: Iterable<ReadonlyArray<Field>>, options: FormatOptions = {}): string => {
  const d = options.delimiter ?? ","
  const nl = options.newline ?? "\r\n"
  let out = options.bom === false ? "" : "\uFEFF"
  for (const r of rows) {
    out += r.map((v) => (v === null || v === undefined ? "" : quoteIfNeeded(typeof v === "string" ? v : v.toString(), d))).join(d) + nl
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Register

/**
 * Read a register (biểu tổng hợp đề án) from CSV text or bytes, with the same mapping, options
 * and problems as a spreadsheet (see {@link Register}). Row numbers are record numbers (the
 * header record included), as a spreadsheet program shows the file.
 * @category register
 * @since 0.1.0
 * @example `Csv.readRegister(text, { activities, delimiter: ";" })` → `{ ok: true, value: { proposals: [ … ] } }`
 */
export const readRegister = (
  input: string | Uint8Array,
  options: Register.Options & ParseOptions
): Result.Result<Register.Register, ImportError<Register.Register>> => {
  let text: string
  let legacyNote: ImportIssue | undefined
  if (typeof input === "string") {
    const max = options.maxBytes ?? 200 * 1024 * 1024
    if (input.length > max)
      return Result.err(importError<Register.Register>([issueAt({ sheet: options.sheet }, "import/too-large", `the text has ${input.length} characters, more than the limit of ${max} (option maxBytes)`)], undefined))
    text = input
  } else {
    const dec = decode(input, options)
    if (dec.ok) text = dec.value
    else if (dec.error.code !== "import/bad-encoding") return Result.err(dec.error as ImportError<Register.Register>)
    else {
      // not UTF-8: a legacy Vietnamese encoding. TCVN3 and VNI bytes are Latin-1 letters, which the
      // register reader recognises (converting TCVN3, naming VNI); anything else is read as
      // Windows-1258, the code page Excel writes CSV in under Vietnamese Windows, and said so.
      const latin = new TextDecoder("windows-1252").decode(input)
      if (detectLegacy(latin.split(/\r\n|\n|\r/).slice(0, 40).flatMap((l) => l.split(/[,;\t]/))) !== undefined) text = latin
      else {
        text = new TextDecoder("windows-1258").decode(input).normalize("NFC")
        legacyNote = issueAt(
          { sheet: options.sheet },
          "import/legacy-encoding-converted",
          "the file is not UTF-8 but Windows-1258 (the Vietnamese code page Excel writes CSV in); it was read as such: save it as \"CSV UTF-8\" to be sure of every letter",
          { encoding: "Windows-1258" }
        )
      }
    }
  }
  if (text.replace(/^\uFEFF/, "").trim() === "")
    return Result.err(importError<Register.Register>([issueAt({ sheet: options.sheet }, "import/empty-file", "the file is empty: no register (biểu tổng hợp đề án) to read")], undefined))
  const parsed = parse(text, { ...options, delimiter: options.delimiter ?? sniffDelimiter(text) })
  if (!parsed.ok) return Result.err(parsed.error as ImportError<Register.Register>)
  const r = Register.read(parsed.value, options, { sheet: options.sheet })
  if (legacyNote === undefined) return r
  const note = legacyNote
  const add = (reg: Register.Register): Register.Register => ({ ...reg, warnings: [note, ...reg.warnings] })
  if (r.ok) return Result.ok(add(r.value))
  const partial = r.error.partial
  return partial === undefined ? r : Result.err(importError(r.error.issues, add(partial)))
}

/**
 * The delimiter of CSV text: of `,`, `;` (Excel with Vietnamese regional settings) and tab
 * (Excel's "Unicode text"), the one that splits the first lines (outside quotes) into the most
 * fields, the same number on most lines.
 * @category parsing
 * @since 0.3.0
 * @example `Csv.sniffDelimiter("STT;Tên đề án;Tổng kinh phí\n1;Máy sấy;1.200,5")` → `";"`
 */
export const sniffDelimiter = (text: string): Delimiter => {
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/).filter((l) => l.trim() !== "").slice(0, 40)
  let best: Delimiter = ","
  let bestScore = 0
  for (const d of [",", ";", "\t"] as const) {
    const counts = lines.map((l) => {
      let n = 0
      let quoted = false
      for (const ch of l) {
        if (ch === '"') quoted = !quoted
        else if (ch === d && !quoted) n++
      }
      return n
    })
    const freq = new Map<number, number>()
    for (const c of counts) if (c > 0) freq.set(c, (freq.get(c) ?? 0) + 1)
    // the most lines agreeing on one field count, weighted by that count
    let score = 0
    for (const [c, k] of freq) score = Math.max(score, k * Math.min(c, 30))
    if (score > bestScore) {
      best = d
      bestScore = score
    }
  }
  return best
}

// ---------------------------------------------------------------------------------------------
// Reports

const monthText = (m: string): string => `${m.slice(5, 7)}/${m.slice(0, 4)}`

/** An amount of đồng in a unit, as exact Vietnamese decimal text (`1350,5` triệu). */
const inUnit = (m: bigint, unit: bigint): string => {
  if (unit === 1n) return m.toString()
  const neg = m < 0n
  const a = neg ? -m : m
  const frac = (a % unit).toString().padStart(unit.toString().length - 1, "0").replace(/0+$/, "")
  return `${neg ? "-" : ""}${a / unit}${frac === "" ? "" : `,${frac}`}`
}

const fieldOf = (kind: Report.ColumnKind, v: Report.Value, unit: bigint): Field => {
  if (v === undefined) return undefined
  if (kind === "date" && typeof v === "string" && LocalDate.is(v)) return LocalDate.formatVi(v)
  if (kind === "month" && typeof v === "string") return monthText(v)
  if (kind === "money" && typeof v === "bigint") return inUnit(v, unit)
  return v
}

/**
 * A report table as CSV: the header record (a two-row header's parts joined as "parent / child"),
 * the rows, the totals record (exact sums) and the summary lines; no title or document form (a
 * CSV file has one table). Amounts in the table's unit, exactly: plain digits of đồng, or
 * Vietnamese decimals in a larger unit (`1350,5` triệu đồng); dates `dd/mm/yyyy`.
 * @category reports
 * @since 0.1.0
 * @example `Csv.formatTable(Report.plan(rows), { bom: false }).split("\r\n")[0]` → `"STT,Mã đề án,Tên đề án,…"`
 */
export const formatTable = (table: Report.Table, options: FormatOptions = {}): string => {
  const unit = Report.unitDong(table.unit ?? "đồng")
  const records: Array<ReadonlyArray<Field>> = [table.columns.map((c) => (c.group === undefined ? c.header : `${c.group} / ${c.header}`))]
  for (const r of table.rows) records.push(table.columns.map((c) => fieldOf(c.kind, r[c.key], unit)))
  const t = table.totals
  if (t !== undefined) {
    records.push(
      table.columns.map((c) =>
        c.key === t.labelColumn
          ? t.label
          : t.sum.includes(c.key)
            ? inUnit(Report.columnTotal(table, c.key), unit)
            : fieldOf(c.kind, t.values?.[c.key], unit)
      )
    )
  }
  const f = table.footer
  if (f !== undefined) {
    for (const line of f.lines)
      records.push(table.columns.map((c) => (c.key === f.labelColumn ? line.label : c.key === f.column ? inUnit(line.value, unit) : undefined)))
  }
  return format(records, options)
}

/**
 * The plan (kế hoạch) as CSV (see `Report.plan`; amounts in đồng unless `unit` says otherwise); it
 * reads back with {@link readRegister}.
 * @category reports
 * @since 0.1.0
 * @example `Csv.exportPlan(rows)` → `"\uFEFFSTT,Mã đề án,Tên đề án,…\r\n1,HG-01,…"`
 */
export const exportPlan = (rows: ReadonlyArray<Report.PlanRow>, options: Report.PlanOptions & FormatOptions = {}): string =>
  formatTable(Report.plan(rows, { ...options, unit: options.unit ?? "đồng" }), options)

/**
 * The allocation result (kết quả phân bổ) as CSV (see `Report.allocation`).
 * @category reports
 * @since 0.1.0
 * @example `Csv.exportAllocation(Report.allocationRowsOf(result).rows, { summary: { envelope } })`
 */
export const exportAllocation = (
  rows: ReadonlyArray<Report.AllocationRow>,
  options: { readonly summary?: Report.AllocationSummary; readonly title?: string } & FormatOptions = {}
): string => formatTable(Report.allocation(rows, options), options)

/**
 * The progress report (báo cáo tiến độ giải ngân) as CSV, one text per table (by province, fund,
 * activity and month for a core `Progress.Report`, or the tables given).
 * @category reports
 * @since 0.1.0
 * @example `Csv.exportProgress(report).map((t) => t.sheet)` → `["Theo tỉnh", "Theo nguồn", "Theo nội dung", "Theo tháng"]`
 */
export const exportProgress = (
  input: Progress.Report | ReadonlyArray<Report.Table>,
  options: FormatOptions = {}
): ReadonlyArray<{ readonly sheet: string; readonly csv: string }> => {
  const tables = Array.isArray(input) ? (input as ReadonlyArray<Report.Table>) : Report.progressTables(input as Progress.Report)
  return tables.map((t) => ({ sheet: t.sheet, csv: formatTable(t, options) }))
}
