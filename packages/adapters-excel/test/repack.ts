/**
 * The verified entries of a workbook (`internal/sniff.ts`) as one zip stream, for exceljs's own
 * streaming reader, which the tests compare with the import's reader (test/Rows.test.ts). Entries
 * come in the order a streaming reader wants them (`inReadingOrder`), with an empty shared-strings
 * table when the file has none (exceljs would otherwise park every worksheet that comes before the
 * shared strings in a temporary file). Each entry is handed on inflated, as a stored entry whose
 * local header carries the size and CRC-32 the directory gave (no data descriptor, so a streaming
 * reader reads exactly the data). No central directory is written: a streaming reader does not
 * read one. The import itself reads the entries directly (internal/book.ts).
 */
import { Readable } from "node:stream"
import { crc32 } from "node:zlib"
import { type Bytes } from "../src/internal/magic.js"
import { entryData, inReadingOrder, type Sound } from "../src/internal/sniff.js"

const EMPTY_SHARED_STRINGS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>'

/** The local header of a stored entry of `size` bytes with CRC-32 `crc`. */
const storedHeader = (name: string, size: number, crc: number): Uint8Array => {
  const n = new TextEncoder().encode(name)
  const h = new Uint8Array(30 + n.length)
  const v = new DataView(h.buffer)
  v.setUint32(0, 0x04034b50, true)
  v.setUint16(4, 20, true)
  v.setUint32(14, crc >>> 0, true)
  v.setUint32(18, size, true)
  v.setUint32(22, size, true)
  v.setUint16(26, n.length, true)
  h.set(n, 30)
  return h
}

/**
 * An empty end of central directory, and 4 bytes after it. unzipper (exceljs's zip reader) asks
 * for the next record after the last entry, and fails with FILE_ENDED when the stream ends
 * instead (it asks for more than what is left before it looks at what it holds).
 */
const END = (() => {
  const b = new Uint8Array(22 + 4)
  new DataView(b.buffer).setUint32(0, 0x06054b50, true)
  return b
})()

/** Whether an entry comes after the shared strings in reading order (all but the workbook's relationships, the workbook and the shared strings). */
const afterSharedStrings = (name: string): boolean => !/^xl\/(_rels\/workbook\.xml\.rels|workbook\.xml|sharedStrings\.xml)$/.test(name)

/** The verified entries as one zip stream (see the module's comment). */
export const repack = (bytes: Bytes, entries: ReadonlyArray<Sound>): Readable => {
  const ordered = inReadingOrder(entries)
  const hasSharedStrings = entries.some((e) => e.name === "xl/sharedStrings.xml")
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let injected = hasSharedStrings
    for (const e of ordered) {
      if (!injected && afterSharedStrings(e.name)) {
        injected = true
        const data = new TextEncoder().encode(EMPTY_SHARED_STRINGS)
        yield storedHeader("xl/sharedStrings.xml", data.length, crc32(data))
        yield data
      }
      yield storedHeader(e.name, e.size, e.crc)
      yield* entryData(bytes, e)
    }
    yield END
  }
  return Readable.from(chunks(), { objectMode: false })
}
