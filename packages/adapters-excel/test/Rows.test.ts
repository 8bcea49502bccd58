/**
 * Agreement: the import's own row reader (src/internal/rows.ts) against exceljs's WorksheetReader
 * (its Row and Cell objects, `row.values`, then `plain`), and its reading of the workbook's parts
 * (src/internal/book.ts: sheet names and states, shared strings, styles, date system) against
 * exceljs's WorkbookReader: the path the import took before. Over
 * the fixtures as LibreOffice saves them, workbooks written by exceljs (in-memory and streaming),
 * one whose sheet XML is written by hand with every rule of the reader in it, and a generated
 * register full of problems (multi-row proposals, aliases, TCVN3 text, bad amounts, formulas,
 * dates): every row's number and cells are the same, and so is every import (issues with sheet,
 * cell, field, code and message, warnings, proposals).
 */
import { join } from "node:path"
import type { Readable } from "node:stream"
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest"
import type { CellValue } from "../src/Cell.js"
import { requireExcelJS } from "../src/internal/exceljs.js"
import { ExcelJS } from "./exceljs.js"
import { emptyBook, worksheets } from "../src/internal/book.js"
import { plain, type SheetRow, sheetRows } from "../src/internal/rows.js"
import { sniff } from "../src/internal/sniff.js"
import { repack } from "./repack.js"
import * as Xlsx from "../src/Xlsx.js"
import { brokenRegister, bytesOf, streamed, tcvn3Register } from "./generated.js"
import { activities, convert, fixture, HEADER, libreOffice, ROW } from "./helpers.js"

const OPTIONS = { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" } as const
const WorksheetReader = requireExcelJS("./lib/stream/xlsx/worksheet-reader.js") as new (o: {
  workbook: unknown
  id: number
  iterator: unknown
  options: unknown
}) => AsyncIterable<{ number: number; values: unknown }>

/** The former path: exceljs's `WorksheetReader` over the sheet's XML and the book, its Row objects, `row.values`, `plain` (one row a batch). */
async function* formerRows(ws: unknown, wb: unknown): AsyncGenerator<ReadonlyArray<SheetRow>> {
  use.formerSheets++
  const reader = new WorksheetReader({ workbook: wb, id: 1, iterator: (ws as { iterator: unknown }).iterator, options: OPTIONS })
  for await (const row of reader) {
    const values = Array.isArray(row.values) ? (row.values as ReadonlyArray<unknown>) : []
    const cells: Array<CellValue> = []
    for (let c = 1; c < values.length; c++) cells.push(plain(values[c]))
    yield [{ number: row.number, cells }]
  }
}

// the import reads its rows through this switch: the row reader, or (former = true) exceljs's rows
const use = vi.hoisted(() => ({ former: false, formerSheets: 0 }))
vi.mock(import("../src/internal/rows.js"), async (original) => {
  const m = await original()
  return { ...m, sheetRows: (ws: unknown, wb: unknown) => (use.former ? formerRows(ws, wb) : m.sheetRows(ws, wb)) }
})

/** The import of a workbook now and by the former path: they must be equal. */
const importBoth = async (bytes: Uint8Array, options: Xlsx.ReadOptions) => {
  use.former = true
  try {
    const sheets = use.formerSheets
    const before = await Xlsx.readRegister(bytes, options)
    expect(use.formerSheets).toBeGreaterThan(sheets)
    use.former = false
    const now = await Xlsx.readRegister(bytes, options)
    return { before, now }
  } finally {
    use.former = false
  }
}

interface Grid {
  readonly name: string
  readonly state: string | undefined
  readonly rows: Array<SheetRow | null>
}

/** The workbook's entries in reading order, as a zip stream for exceljs's own reader. */
const streamOf = async (bytes: Uint8Array): Promise<Readable> => {
  const b = { size: bytes.byteLength, read: async (o: number, l: number) => bytes.subarray(o, o + l) }
  const s = await sniff(b, 1 << 30)
  if (!s.ok) throw new Error(s.detail)
  return repack(b, s.entries)
}

/**
 * Every sheet's name, state and rows: by exceljs's `WorkbookReader` and its rows (former = true),
 * or by the import's reader (the workbook's parts by internal/book.ts, the rows by the row reader).
 */
const grid = async (bytes: Uint8Array, former: boolean): Promise<ReadonlyArray<Grid>> => {
  const out: Array<Grid> = []
  if (former) {
    const wb = new ExcelJS.stream.xlsx.WorkbookReader((await streamOf(bytes)) as never, OPTIONS as never)
    for await (const ws of wb as unknown as AsyncIterable<{ name: string; state?: string }>) {
      const rows: Array<SheetRow | null> = []
      for await (const batch of formerRows(ws, wb)) rows.push(...batch)
      out.push({ name: ws.name, state: ws.state, rows })
    }
    return out
  }
  const b = { size: bytes.byteLength, read: async (o: number, l: number) => bytes.subarray(o, o + l) }
  const s = await sniff(b, 1 << 30)
  if (!s.ok) throw new Error(s.detail)
  const book = emptyBook()
  for await (const ws of worksheets(b, s.entries, book, () => undefined)) {
    const rows: Array<SheetRow | null> = []
    for await (const batch of sheetRows(ws, book)) rows.push(...batch)
    out.push({ name: String(ws.name), state: ws.state, rows })
  }
  return out
}
const byExcelJS = (bytes: Uint8Array) => grid(bytes, true)
const byRows = (bytes: Uint8Array) => grid(bytes, false)

const agree = async (bytes: Uint8Array): Promise<number> => {
  const [a, b] = [await byExcelJS(bytes), await byRows(bytes)]
  expect(b).toEqual(a)
  // toEqual treats a missing cell and null alike: compare lengths and kinds exactly too
  const shape = (g: ReadonlyArray<Grid>) => g.map((s) => s.rows.map((r) => (r === null ? null : [r.number, r.cells.length, r.cells.map((c) => (c === null ? "null" : c instanceof Date ? `D${c.getTime()}` : typeof c === "object" ? JSON.stringify(c) : `${typeof c}:${String(c)}`))])))
  expect(shape(b)).toEqual(shape(a))
  return a.reduce((n, s) => n + s.rows.length, 0)
}


/**
 * A workbook whose sheet XML is written by hand (into an exceljs-written package, whose styles
 * hold a date format): every rule of the row reader — pretty-printed XML, inline rich text (the
 * last run), empty and repeated cells, cells past the last value, a date format on a row and on a
 * cell, `s="0"`, booleans, errors, shared formulas, formula results 0, text and errors, a shared
 * string index out of range, entities, rows out of order and skipped.
 */
const handWritten = async (): Promise<Uint8Array> => {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet("Tay")
  ws.getCell("A1").value = "chuỗi dùng chung"
  ws.getCell("B1").value = { richText: [{ text: "đậm", font: { bold: true } }, { text: " thường" }] }
  ws.getCell("C1").value = new Date(Date.UTC(2024, 5, 30))
  ws.getCell("C1").numFmt = "dd/mm/yyyy"
  ws.getCell("D1").value = 1.5
  ws.getCell("D1").numFmt = "#,##0.00"
  const bytes = await bytesOf(wb)
  const JSZip = requireExcelJS("jszip") as { loadAsync(b: Uint8Array): Promise<{ file(n: string): { async(t: "string"): Promise<string> } | null; file(n: string, d: string): void; generateAsync(o: { type: "uint8array" }): Promise<Uint8Array> }> }
  const zip = await JSZip.loadAsync(bytes)
  const sheet = await zip.file("xl/worksheets/sheet1.xml")?.async("string")
  if (sheet === undefined || sheet === null) throw new Error("no sheet1.xml")
  const styleOf = (ref: string) => new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(sheet)?.[1] ?? "0"
  const [date, number] = [styleOf("C1"), styleOf("D1")]
  const data = `<sheetData>
  <row r="1">
    <c r="A1" t="s"><v>0</v></c>
    <c r="B1" t="s">
      <v>1</v>
    </c>
    <c r="C1" s="${date}"><v>45473</v></c>
    <c r="D1" s="${number}"><v>1.5</v></c>
    <c r="E1" s="${date}"/>
    <c r="F1"/>
  </row>
  <row r="3" s="${date}" customFormat="1">
    <c r="A3"><v>45000</v></c>
    <c r="B3" s="0"><v>45000</v></c>
    <c r="C3" s="${number}"><v>45000</v></c>
    <c r="D3" t="b"><v>1</v></c>
    <c r="E3" t="b"><v>0</v></c>
    <c r="F3" t="e"><v>#N/A</v></c>
    <c r="G3" t="e"><v></v></c>
  </row>
  <row r="2">
    <c r="A2" t="inlineStr"><is><t>một</t></is></c>
    <c r="B2" t="inlineStr"><is><r><t>hai </t></r><r><t>ba</t></r></is></c>
    <c r="C2" t="str"><v>A &amp;amp; B &lt; C</v></c>
    <c r="D2" t="s"><v>99</v></c>
    <c r="E2"><v></v></c>
    <c r="F2"><v>12</v></c>
    <c r="F2"/>
    <c r="G2"><v>1</v></c>
    <c r="G2"><v>2</v></c>
    <c r="H2"><f>SUM(A1:A2)</f><v>0</v></c>
    <c r="I2"><f t="shared" ref="I2:I4" si="0">A1*2</f><v>4</v></c>
    <c r="J2"><f t="shared" si="0"/><v>0</v></c>
    <c r="K2"><f t="shared" si="0"/></c>
    <c r="L2" t="str"><f>"x"</f><v>x &amp;lt;</v></c>
    <c r="M2" t="e"><f>1/0</f><v>#DIV/0!</v></c>
    <c r="N2" t="b"><f>TRUE()</f><v>1</v></c>
    <c r="O2"><f>A1</f></c>
    <c r="P2"><v>-0.5E3</v></c>
    <c r="Q2"><v> 7 </v></c>
  </row>
  <row r="6"/>
  <row r="7"><c r="AB7"><v>3</v></c><c r="C7" t="inlineStr"><is><t xml:space="preserve">  cách  </t></is></c></row>
</sheetData>`
  const replaced = sheet.replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, data)
  if (replaced === sheet) throw new Error("no sheetData in sheet1.xml")
  zip.file("xl/worksheets/sheet1.xml", replaced)
  return zip.generateAsync({ type: "uint8array" })
}

describe("the row reader agrees with exceljs's WorksheetReader", () => {
  test("workbooks written by exceljs, in memory and streaming, and a broken register", async () => {
    const broken = brokenRegister()
    expect(await agree(await bytesOf(broken))).toBeGreaterThan(60)
    expect(await agree(await streamed(broken))).toBeGreaterThan(60)
    expect(await agree(await bytesOf(tcvn3Register()))).toBe(4)
  })

  test("a sheet written by hand with every rule of the reader", async () => {
    const bytes = await handWritten()
    expect(await agree(bytes)).toBe(5)
    // and what the rules give, spelled out
    const [sheet] = await byRows(bytes)
    const row = (n: number) => sheet?.rows.find((r) => r?.number === n)?.cells
    expect(row(1)).toEqual(["chuỗi dùng chung", "đậm thường", new Date(Date.UTC(2024, 5, 30)), 1.5])
    expect(row(2)?.slice(0, 7)).toEqual(["một", "ba", "A & B < C", null, { formula: "", result: { error: "#VALUE!" } }, 12, 2])
    expect(row(2)?.slice(7, 11)).toEqual([{ formula: "SUM(A1:A2)", result: undefined }, { formula: "A1*2", result: 4 }, { formula: "", result: 0 }, { formula: "", result: undefined }])
    expect(row(3)?.slice(0, 3)).toEqual([new Date(Date.UTC(2023, 2, 15)), new Date(Date.UTC(2023, 2, 15)), 45000])
    expect(row(7)?.length).toBe(28)
  })

  test("the imports agree: issues (sheet, cell, field, code, message), warnings and proposals", async () => {
    for (const bytes of [await bytesOf(brokenRegister()), await streamed(brokenRegister()), await bytesOf(tcvn3Register())]) {
      const { before, now } = await importBoth(bytes, { activities, planYear: 2024 })
      expect(now).toEqual(before)
      const issues = now.ok ? now.value.warnings : now.error.issues
      expect(issues.length).toBeGreaterThan(0)
    }
  })
})

describe("the row reader agrees on workbooks saved by LibreOffice", () => {
  const out: Record<string, string> = {}
  const lo = libreOffice((profile, work) => {
    for (const f of convert(profile, [fixture("register-hung-yen.fods"), fixture("register-merged.fods")], "xlsx", join(work, "fods"))) out[f.split("/").pop() ?? f] = f
  })
  let files: ReadonlyArray<[string, Uint8Array]> = []
  beforeAll(async () => {
    const { readFile } = await import("node:fs/promises")
    files = await Promise.all(Object.entries(out).map(async ([n, p]) => [n, new Uint8Array(await readFile(p))] as [string, Uint8Array]))
  }, 240_000)
  afterAll(() => {
    files = []
  })

  test("the fixtures: the same rows, and the same imports", async () => {
    lo.ready()
    expect(files.map(([n]) => n).sort()).toEqual(["register-hung-yen.xlsx", "register-merged.xlsx"])
    for (const [, bytes] of files) {
      expect(await agree(bytes)).toBeGreaterThan(5)
      for (const options of [{ activities }, { activities, planYear: 2023 }, { activities, sheet: 1 }, { activities, collect: false }]) {
        const { before, now } = await importBoth(bytes, options)
        expect(now).toEqual(before)
      }
    }
  })
})
