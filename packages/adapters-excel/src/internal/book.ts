/**
 * The worksheets of an .xlsx workbook for the register import, read straight from its verified zip
 * entries (./sniff.ts), with the workbook's parts as exceljs's streaming reader
 * (`lib/stream/xlsx/workbook-reader.js` of 4.4.0) reads them: the relationships, the workbook
 * (sheet names, states, 1904 date system) and the styles by exceljs's own parsers
 * (`RelationshipsXform`, `WorkbookXform`, `StylesXform`), the shared strings by its rules (below),
 * each sheet named from the relationships as it names them; its rows are read by ./rows.ts.
 *
 * exceljs's `WorkbookReader` itself is not loaded: it reads the zip with unzipper, whose
 * dependencies (binary → chainsaw → traverse → es-abstract, bluebird, fstream …) are some 300
 * CommonJS files, 0.14 s of CPU to load on every import, for a zip that ./sniff.ts has already
 * read and checked. The agreement with exceljs's reader is tested (test/Rows.test.ts reads with
 * both; test/Browser.test.ts compares the registers with exceljs's in-memory workbook).
 */
import { requireExcelJS } from "./exceljs.js"
import { type Bytes, entryData, inReadingOrder, type Sound } from "./sniff.js"

interface Parser {
  parseStream(data: AsyncIterable<Uint8Array>): Promise<unknown>
}
type Events = ReadonlyArray<{ readonly eventType: string; readonly value: unknown }>

interface Parts {
  readonly RelationshipsXform: new () => Parser
  readonly WorkbookXform: new () => Parser & { readonly map: { readonly workbookPr: unknown }; readonly model: unknown }
  readonly StylesXform: new () => Parser & { init(): void }
  readonly parseSax: (data: AsyncIterable<Uint8Array>) => AsyncIterable<Events>
}

let parts: Parts | undefined
/** exceljs's parsers, loaded on first use (the writer shares most of their modules). */
const load = (): Parts =>
  (parts ??= {
    RelationshipsXform: requireExcelJS("./lib/xlsx/xform/core/relationships-xform.js") as Parts["RelationshipsXform"],
    WorkbookXform: requireExcelJS("./lib/xlsx/xform/book/workbook-xform.js") as Parts["WorkbookXform"],
    StylesXform: requireExcelJS("./lib/xlsx/xform/style/styles-xform.js") as Parts["StylesXform"],
    // the fixed tokenizer (./exceljs.ts), as every parser of exceljs gets it
    parseSax: requireExcelJS("./lib/utils/parse-sax.js") as Parts["parseSax"]
  })

/** The workbook as ./rows.ts and the sheet choice read it (the fields of exceljs's `WorkbookReader` they use). */
export interface Book {
  sharedStrings: Array<unknown>
  styles: unknown
  properties: unknown
  model: { readonly sheets?: ReadonlyArray<{ readonly id?: unknown; readonly name?: string; readonly state?: string; readonly rId?: string }> } | undefined
  workbookRels: ReadonlyArray<{ readonly Id?: string; readonly Target?: string }> | undefined
}

/** A worksheet as exceljs's streaming reader emits it: its name and state, and its XML. */
export interface BookSheet {
  readonly name: string | undefined
  readonly state: string | undefined
  readonly iterator: AsyncIterable<Uint8Array>
}

/**
 * The shared strings (`xl/sharedStrings.xml`) as exceljs's streaming reader caches them: each
 * `<si>` is its text, or `{ richText }` when it has runs (`<r>`), each run's text (its font is not
 * kept: a cell's value is its text). Text is what the tokenizer gives between tags, joined.
 */
const sharedStrings = async (data: AsyncIterable<Uint8Array>, parseSax: Parts["parseSax"]): Promise<Array<unknown>> => {
  const out: Array<unknown> = []
  let text: string | null = null
  let runs: Array<{ text: string | null }> = []
  for await (const events of parseSax(data))
    for (const { eventType, value } of events) {
      if (eventType === "text") text = text ? text + String(value) : (value as string)
      else if (eventType === "opentag") {
        const name = (value as { name: string }).name
        if (name === "si") {
          runs = []
          text = null
        } else if (name === "t") text = null
      } else if (eventType === "closetag") {
        const name = (value as { name: string }).name
        if (name === "r") {
          runs.push({ text })
          text = null
        } else if (name === "si") {
          out.push(runs.length > 0 ? { richText: runs } : text)
          runs = []
          text = null
        }
      }
    }
  return out
}

const sheetEntry = /^xl\/worksheets\/sheet(\d+)\.xml$/

/**
 * The worksheets of a workbook, in the order of {@link inReadingOrder}, with the book they belong
 * to (complete before the first worksheet: its parts come first). `progress` is called at every
 * piece of data read. A worksheet's XML is read only if its `iterator` is; the next sheet comes
 * when the caller asks for it.
 */
export async function* worksheets(bytes: Bytes, entries: ReadonlyArray<Sound>, book: Book, progress: () => void): AsyncGenerator<BookSheet> {
  const p = load()
  async function* data(e: Sound): AsyncGenerator<Uint8Array> {
    for await (const c of entryData(bytes, e)) {
      progress()
      yield c
    }
  }
  for (const e of inReadingOrder(entries)) {
    progress()
    if (e.name === "xl/_rels/workbook.xml.rels") book.workbookRels = (await new p.RelationshipsXform().parseStream(data(e))) as Book["workbookRels"]
    else if (e.name === "xl/workbook.xml") {
      const x = new p.WorkbookXform()
      await x.parseStream(data(e))
      book.properties = x.map.workbookPr
      book.model = x.model as Book["model"]
    } else if (e.name === "xl/sharedStrings.xml") book.sharedStrings = await sharedStrings(data(e), p.parseSax)
    else if (e.name === "xl/styles.xml") {
      const styles = new p.StylesXform()
      await styles.parseStream(data(e))
      book.styles = styles
    } else {
      const n = sheetEntry.exec(e.name)?.[1]
      if (n === undefined) continue
      const rel = (book.workbookRels ?? []).find((r) => r.Target === `worksheets/sheet${n}.xml`)
      const sheet = rel && (book.model?.sheets ?? []).find((s) => s.rId === rel.Id)
      // named as exceljs names it: `Sheet<n>` when the workbook does not list it
      yield { name: sheet ? sheet.name : `Sheet${n}`, state: sheet?.state, iterator: data(e) }
    }
  }
}

/** An empty book: no shared strings, exceljs's initial styles (what its reader starts with). */
export const emptyBook = (): Book => {
  const styles = new (load().StylesXform)()
  styles.init()
  return { sharedStrings: [], styles, properties: undefined, model: undefined, workbookRels: undefined }
}
