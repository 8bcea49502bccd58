/**
 * The rows of one worksheet of exceljs's streaming reader, read straight into plain cell values.
 *
 * exceljs's `WorksheetReader` builds, for every cell, a `Cell` with a style object and a value
 * object, and for every row a `Row` and its `values` array; the register mapper needs none of
 * them, and building them was as costly as the XML parsing itself. Here the sheet's XML events
 * (saxes, the parser exceljs uses, fed through one streaming `TextDecoder` as in ./exceljs.ts) are
 * turned into {@link CellValue} arrays directly, with exceljs's own shared strings, styles,
 * `isDateFmt`, `excelToDate`, `xmlDecode` and address decoding, and exceljs's rules (kept here
 * rule for rule from `lib/stream/xlsx/worksheet-reader.js` and `lib/doc/cell.js` of 4.4.0):
 *
 * - a cell's text accumulates in the last `<f>`, `<v>`, `<is>` or `<t>` opened (so in inline
 *   rich text only the last run counts), and its value is set when `</c>` closes, only when it has
 *   a `<f>` or a `<v>` (a repeated reference keeps the earlier value otherwise);
 * - `t="s"` → the shared string (or its rich text); `str`/`inlineStr` → the text, XML-decoded once
 *   more; `e` → an error; `b` → a boolean; otherwise a number, or a date when the cell's number
 *   format is a date format: the cell's style when its `s` is non-zero and known, else the row's;
 * - a formula keeps its result only when the result is truthy (exceljs's `FormulaValue` copies
 *   truthy fields only), but a formula with empty text (a shared formula's dependent) is exceljs's
 *   JSON value and keeps `{ formula: "", result }` as it is;
 * - a row's cells run to its last cell with a value; empty and value-less cells are `null`.
 *
 * The agreement test (test/Rows.test.ts) reads the fixtures and generated workbooks both ways and
 * compares every cell.
 */
import type { CellValue } from "../Cell.js"
import { requireExcelJS } from "./exceljs.js"
import { own, plain } from "./plain.js"
import { columnCache } from "./text.js"
import type { SheetRow } from "./workbook.js"

interface SaxesLike {
  on(event: string, f: (v: never) => void): void
  write(s: string): void
}
interface Tag {
  readonly name: string
  readonly attributes: Readonly<Record<string, string | undefined>>
}
interface Utils {
  isDateFmt(fmt: unknown): boolean
  excelToDate(v: number, date1904: unknown): Date
  xmlDecode(s: string): string
}
interface ColCache {
  decodeAddress(ref: string): { readonly col: number | undefined }
}
interface Styles {
  getStyleModel(id: number): { readonly numFmt?: unknown } | null | undefined
}

const { SaxesParser } = requireExcelJS("saxes") as { SaxesParser: new () => SaxesLike }
const { PassThrough } = requireExcelJS("readable-stream") as { PassThrough: new () => unknown }
const utils = requireExcelJS("./lib/utils/utils.js") as Utils
const colCache = requireExcelJS("./lib/utils/col-cache.js") as ColCache

/** One row of a sheet: its number (the `r` of `<row>`) and its cells from column A. */
export type { SheetRow } from "./workbook.js"
export { own, plain }

/** Texts up to this length are shared between the rows that have them (see `ownShared`). */
const SHORT = 64

/**
 * A copy of a cell's text in memory of its own. The parser's texts are slices of its chunk of XML
 * (a kept slice keeps the chunk alive); `own` copies one as a slice of a one-character-longer
 * string, 32 bytes and a character more a text (about 3 MB for 50,000 kept proposals). Texts
 * shorter than 13 characters are never slices of another string in V8, so `own` copies them whole.
 */
const flat = (s: string): string => (s.length < 13 ? own(s) : Buffer.from(s, "utf16le").toString("utf16le"))

/** The column of a cell reference: "AB12" → 28, as exceljs's `decodeAddress` reads it. */
const columnOf = (ref: string | undefined): number => {
  if (ref !== undefined) {
    let col = 0
    let i = 0
    const n = ref.length
    for (; i < n; i++) {
      const c = ref.charCodeAt(i)
      if (c < 65 || c > 90) break
      col = col * 26 + c - 64
    }
    let digits = i
    for (; digits < n; digits++) {
      const c = ref.charCodeAt(digits)
      if (c < 48 || c > 57) break
    }
    if (i > 0 && i <= 3 && digits === n && digits > i && col <= 16384) return col
  }
  // anything else as exceljs reads it (it throws on a reference it cannot read)
  const col = colCache.decodeAddress(ref as string).col
  if (col === undefined || !(col >= 1 && col <= 16384)) throw new Error(`Invalid Address: ${String(ref)}`)
  return col
}

/**
 * The rows of a worksheet (./book.ts, or exceljs's `WorkbookReader` with `worksheets: "emit"`: its
 * `iterator` of XML, with the book's shared strings, styles and date system), in batches (those
 * completed by each chunk of XML). Throws as exceljs's reader does on XML it cannot parse. A
 * `</row>` outside any row is `null`, where exceljs gives a null row (its reader's caller fails
 * on it then, not before the rows ahead of it).
 */
export async function* sheetRows(ws: unknown, wb: unknown): AsyncGenerator<ReadonlyArray<SheetRow | null>> {
  const workbook = wb as { sharedStrings?: ReadonlyArray<unknown>; styles: Styles; properties?: { model?: { date1904?: unknown } } }
  const { sharedStrings, styles, properties } = workbook
  let iterable = (ws as { iterator: AsyncIterable<unknown> & { pipe?: (d: unknown) => unknown } }).iterator
  if (typeof iterable.pipe === "function" && (iterable as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === undefined)
    iterable = iterable.pipe(new PassThrough()) as typeof iterable

  /** Whether a style id's number format is a date format (exceljs caches its style models too). */
  const dateStyle = new Map<number, boolean>()
  const isDateStyle = (id: number): boolean | undefined => {
    let d = dateStyle.get(id)
    if (d === undefined) {
      const style = styles.getStyleModel(id)
      if (!style) return undefined
      d = utils.isDateFmt(style.numFmt)
      dateStyle.set(id, d)
    }
    return d
  }

  let inRows = false
  // the row: its number, whether its style's format is a date format, its raw values by column
  let inRow = false
  let rowNumber = 0
  let rowDate = false
  let raw: Array<unknown> = []
  // the cell: its reference, style and type; whether it has a formula and a value, and their text
  let inCell = false
  let ref: string | undefined
  let style = 0
  let type: string | undefined
  let hasF = false
  let hasV = false
  let fText = ""
  let vText = ""
  /** Where text goes: 0 nowhere, 1 the formula, 2 the value (exceljs's `current`). */
  let current = 0
  let batch: Array<SheetRow | null> = []
  /**
   * Short texts repeat down a register (the implementing unit, the province, the fund, the
   * activity): one copy of each is kept and shared by every row that has it, instead of one a
   * cell (about 170 bytes a proposal less in a kept register). Bounded: cleared at 8,192 texts;
   * a column whose texts do not repeat (ids, beneficiaries) is not cached ({@link columnCache}).
   */
  const ownShared = columnCache(flat, 8192, (_, copy) => copy)

  const closeCell = (): void => {
    const col = columnOf(ref)
    if (!(Number.isInteger(rowNumber) && rowNumber >= 0)) throw new Error(`Invalid Address: ${String(ref)}`)
    if (!hasF && !hasV) return
    const date = style ? (isDateStyle(style) ?? rowDate) : rowDate
    let value: unknown
    if (hasF) {
      const result = hasV ? (type === "str" ? utils.xmlDecode(vText) : parseFloat(vText)) : undefined
      // exceljs's FormulaValue keeps truthy fields only; a formula with empty text is its JSON value, kept whole
      value = fText === "" ? (hasV ? { formula: "", result } : { formula: "" }) : result ? { formula: fText, result } : { formula: fText }
    } else
      switch (type) {
        case "s": {
          const index = parseInt(vText, 10)
          value = sharedStrings ? sharedStrings[index] : { sharedString: index }
          break
        }
        case "inlineStr":
        case "str":
          value = utils.xmlDecode(vText)
          break
        case "e":
          value = { error: vText }
          break
        case "b":
          value = parseInt(vText, 10) !== 0
          break
        default:
          value = date ? utils.excelToDate(parseFloat(vText), (properties as { model?: { date1904?: unknown } }).model && properties?.model?.date1904) : parseFloat(vText)
      }
    raw[col] = value
  }

  const parser = new SaxesParser()
  let error: unknown
  parser.on("error", (e: unknown) => {
    if (error === undefined) error = e
  })
  parser.on("opentag", (node: Tag) => {
    if (error !== undefined) return
    switch (node.name) {
      case "sheetData":
        inRows = true
        break
      case "row":
        if (inRows) {
          const a = node.attributes
          inRow = true
          rowNumber = parseInt(a["r"] as string, 10)
          raw = []
          rowDate = false
          if (a["s"]) rowDate = isDateStyle(parseInt(a["s"], 10)) ?? false
        }
        break
      case "c":
        if (inRow) {
          const a = node.attributes
          inCell = true
          ref = a["r"]
          style = parseInt(a["s"] as string, 10)
          type = a["t"]
          hasF = false
          hasV = false
        }
        break
      case "f":
        if (inCell) {
          hasF = true
          fText = ""
          current = 1
        }
        break
      case "v":
      case "is":
      case "t":
        if (inCell) {
          hasV = true
          vText = ""
          current = 2
        }
        break
      default:
        break
    }
  })
  parser.on("text", (text: string) => {
    if (error !== undefined) return
    if (current === 1) fText += text
    else if (current === 2) vText += text
  })
  parser.on("closetag", (node: Tag) => {
    if (error !== undefined) return
    switch (node.name) {
      case "sheetData":
        inRows = false
        break
      case "row": {
        if (!inRow) {
          batch.push(null)
          break
        }
        let last = raw.length - 1
        while (last >= 1 && (raw[last] === undefined || raw[last] === null)) last--
        const cells: Array<CellValue> = new Array(last > 0 ? last : 0)
        for (let c = 1; c <= last; c++) {
          const v = raw[c]
          cells[c - 1] = typeof v === "string" ? (v.length <= SHORT ? ownShared(v, c) : flat(v)) : plain(v)
        }
        batch.push({ number: rowNumber, cells })
        inRow = false
        raw = []
        break
      }
      case "c":
        if (inRow && inCell) {
          closeCell()
          inCell = false
          // text after the cell went to its value, which is read: nowhere now
          current = 0
        }
        break
      default:
        break
    }
  })

  const decoder = new TextDecoder("utf-8")
  for await (const chunk of iterable) {
    parser.write(typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }))
    if (error !== undefined) throw error
    if (batch.length > 0) {
      const out = batch
      batch = []
      yield out
    }
  }
  const rest = decoder.decode()
  if (rest !== "") {
    parser.write(rest)
    if (error !== undefined) throw error
  }
  if (batch.length > 0) yield batch
}
