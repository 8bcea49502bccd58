/**
 * exceljs, loaded with a fix for its streaming UTF-8 bug.
 *
 * exceljs 4.4.0 decodes each chunk of a zip entry to text on its own (`lib/utils/parse-sax.js`),
 * so a Vietnamese letter whose UTF-8 bytes straddle two chunks turns into "��" (exceljs issues
 * #2063, #2084, #2316; unmerged fixes #1665, #1821, #2894). In a 50.000-row register this hits a
 * few cells at random. Here the module is replaced, before exceljs loads it, by the same parser
 * fed through one streaming `TextDecoder`, which carries a partial character over to the next
 * chunk. {@link utf8Safe} tells whether the fix is in force (it is not when exceljs was loaded by
 * someone else first); reading refuses to run without it rather than corrupt text.
 */
import { createRequire, Module } from "node:module"

const requireHere = createRequire(import.meta.url)
const main = requireHere.resolve("exceljs")
const requireX = createRequire(main)
const parseSaxPath = requireX.resolve("./lib/utils/parse-sax.js")

type Events = Array<{ eventType: string; value: unknown }>

interface SaxesLike {
  on(event: string, f: (v: unknown) => void): void
  write(s: string): void
}

const makeParseSax = (): ((iterable: unknown) => AsyncGenerator<Events>) => {
  const { SaxesParser } = requireX("saxes") as { SaxesParser: new () => SaxesLike }
  const { PassThrough } = requireX("readable-stream") as { PassThrough: new () => unknown }
  return async function* parseSax(input: unknown): AsyncGenerator<Events> {
    let iterable = input as AsyncIterable<unknown> & { pipe?: (d: unknown) => unknown }
    if (typeof iterable.pipe === "function" && (iterable as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === undefined) {
      iterable = iterable.pipe(new PassThrough()) as typeof iterable
    }
    const parser = new SaxesParser()
    let error: unknown
    parser.on("error", (e) => {
      error = e
    })
    let events: Events = []
    parser.on("opentag", (value) => events.push({ eventType: "opentag", value }))
    parser.on("text", (value) => events.push({ eventType: "text", value }))
    parser.on("closetag", (value) => events.push({ eventType: "closetag", value }))
    const decoder = new TextDecoder("utf-8")
    for await (const chunk of iterable) {
      parser.write(typeof chunk === "string" ? chunk : decoder.decode(chunk as Uint8Array, { stream: true }))
      if (error !== undefined) throw error
      yield events
      events = []
    }
    const rest = decoder.decode()
    if (rest !== "") {
      parser.write(rest)
      if (error !== undefined) throw error
      yield events
    }
  }
}

let fixed = false
if (requireHere.cache[parseSaxPath] === undefined) {
  const m = new Module(parseSaxPath)
  m.filename = parseSaxPath
  m.exports = makeParseSax()
  m.loaded = true
  requireHere.cache[parseSaxPath] = m
  fixed = true
}

/** Load a module of exceljs's own (a path inside its package) or of its dependencies. */
export const requireExcelJS = (id: string): unknown => requireX(id)

let writer: (typeof import("exceljs"))["stream"]["xlsx"]["WorkbookWriter"] | undefined

/**
 * exceljs's streaming writer class, loaded on first use. Never `exceljs/excel.js` (its in-memory
 * workbook, CSV, jszip, and both streaming classes: 627 CommonJS files, 0.23–0.31 s of `pnpm
 * start`): the writer is 194 files, loaded by the first export; reading does not load exceljs's
 * reader (./book.ts).
 */
export const workbookWriter = (): (typeof import("exceljs"))["stream"]["xlsx"]["WorkbookWriter"] =>
  (writer ??= requireX("./lib/stream/xlsx/workbook-writer.js") as (typeof import("exceljs"))["stream"]["xlsx"]["WorkbookWriter"])

/** Whether exceljs reads UTF-8 split across chunks correctly in this process. */
export const utf8Safe = async (): Promise<boolean> => {
  if (fixed) return true
  const parse = requireX(parseSaxPath) as (i: unknown) => AsyncGenerator<Events>
  const bytes = new TextEncoder().encode("<t>Quốc gia</t>")
  async function* chunks() {
    yield bytes.subarray(0, 7)
    yield bytes.subarray(7)
  }
  let text = ""
  for await (const evs of parse(chunks())) for (const e of evs) if (e.eventType === "text") text += String(e.value)
  return text === "Quốc gia"
}
