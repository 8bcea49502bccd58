/**
 * What a file is, before handing it to a zip/XML parser: an .xlsx (a zip holding
 * `xl/workbook.xml`), a password-protected workbook (an OLE compound file, magic `D0 CF 11 E0`,
 * holding `EncryptionInfo` / `EncryptedPackage` streams), a legacy .xls (an OLE file without
 * them), an OpenDocument file, text, or something else; and, for a zip, whether it is sound: its
 * central directory, and every entry inflated once with its CRC-32 and size checked against the
 * directory, counting the bytes it decompresses to (a zip bomb stops at the limit). Only archives
 * that passed this check are read (./book.ts); exceljs's streaming reader, which the tests
 * compare with the import's, can wait forever on a damaged entry (the process then exits
 * silently).
 */
import { Readable } from "node:stream"
import { constants, createInflateRaw, crc32 } from "node:zlib"
import { type Bytes, type NotWorkbook, sniffHead } from "./magic.js"

export type Sniff = { readonly ok: true; readonly uncompressed: number; readonly entries: ReadonlyArray<Sound> } | NotWorkbook

export type { Bytes }

const u16 = (b: Uint8Array, o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8)
const u32 = (b: Uint8Array, o: number): number => (u16(b, o) + u16(b, o + 2) * 65536)
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 4294967296

/** Sniff a file; `maxUncompressed` bounds what its zip entries decompress to. */
export const sniff = async (bytes: Bytes, maxUncompressed: number): Promise<Sniff> => {
  const head = await sniffHead(bytes)
  if (head !== undefined) return head
  // End of central directory: 22 bytes + comment (≤ 65535)
  const tailLength = Math.min(bytes.size, 22 + 65535 + 20)
  const tailStart = bytes.size - tailLength
  const tail = await bytes.read(tailStart, tailLength)
  let eocd = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] === 0x50 && tail[i + 1] === 0x4b && tail[i + 2] === 0x05 && tail[i + 3] === 0x06) {
      eocd = i
      break
    }
  }
  if (eocd === -1)
    return { ok: false, code: "import/corrupt-file", detail: "the zip archive is damaged or cut short (no end of central directory); the file may be incompletely downloaded" }
  let entries = u16(tail, eocd + 10)
  let cdSize = u32(tail, eocd + 12)
  let cdOffset = u32(tail, eocd + 16)
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    // Zip64 end of central directory locator sits just before
    const loc = eocd - 20
    if (loc < 0 || u32(tail, loc) !== 0x07064b50) return { ok: false, code: "import/corrupt-file", detail: "the zip64 archive is damaged (no zip64 locator)" }
    const z64Offset = u64(tail, loc + 8)
    if (z64Offset + 56 > bytes.size) return { ok: false, code: "import/corrupt-file", detail: "the zip64 archive is damaged (bad zip64 record offset)" }
    const z = await bytes.read(z64Offset, 56)
    if (u32(z, 0) !== 0x06064b50) return { ok: false, code: "import/corrupt-file", detail: "the zip64 archive is damaged (bad zip64 record)" }
    entries = u64(z, 32)
    cdSize = u64(z, 40)
    cdOffset = u64(z, 48)
  }
  if (cdOffset + cdSize > bytes.size || cdSize > 256 * 1024 * 1024)
    return { ok: false, code: "import/corrupt-file", detail: "the zip archive is damaged (its central directory lies outside the file); the file may be incompletely downloaded" }
  const cd = await bytes.read(cdOffset, cdSize)
  let p = 0
  let total = 0
  const names = new Set<string>()
  const list: Array<Entry> = []
  for (let k = 0; k < entries; k++) {
    if (p + 46 > cd.length || u32(cd, p) !== 0x02014b50)
      return { ok: false, code: "import/corrupt-file", detail: "the zip archive is damaged (bad central directory entry)" }
    const flags = u16(cd, p + 8)
    const method = u16(cd, p + 10)
    const crc = u32(cd, p + 16)
    let compressed = u32(cd, p + 20)
    let size = u32(cd, p + 24)
    let offset = u32(cd, p + 42)
    const nameLength = u16(cd, p + 28)
    const extraLength = u16(cd, p + 30)
    const commentLength = u16(cd, p + 32)
    const name = new TextDecoder().decode(cd.subarray(p + 46, p + 46 + nameLength))
    if (size === 0xffffffff || compressed === 0xffffffff || offset === 0xffffffff) {
      const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength)
      for (let e = 0; e + 4 <= extra.length; ) {
        const id = u16(extra, e)
        const len = u16(extra, e + 2)
        if (id === 0x0001) {
          let q = e + 4
          if (size === 0xffffffff && q + 8 <= e + 4 + len) (size = u64(extra, q)), (q += 8)
          if (compressed === 0xffffffff && q + 8 <= e + 4 + len) (compressed = u64(extra, q)), (q += 8)
          if (offset === 0xffffffff && q + 8 <= e + 4 + len) offset = u64(extra, q)
        }
        e += 4 + len
      }
    }
    if ((flags & 1) === 1)
      return { ok: false, code: "import/encrypted", detail: `the zip archive is encrypted (entry ${name}); save the workbook without a password` }
    names.add(name)
    list.push({ name, method, crc, compressed, size, offset })
    total += size
    p += 46 + nameLength + extraLength + commentLength
  }
  if (!names.has("xl/workbook.xml")) {
    if (names.has("content.xml") && names.has("mimetype"))
      return { ok: false, code: "import/not-xlsx", detail: "the file is an OpenDocument spreadsheet (.ods), not .xlsx; save it as Excel Workbook (.xlsx)" }
    if (names.has("word/document.xml")) return { ok: false, code: "import/not-xlsx", detail: "the file is a Word document (.docx), not an .xlsx workbook" }
    return { ok: false, code: "import/not-xlsx", detail: "the zip archive is not an .xlsx workbook (it has no xl/workbook.xml)" }
  }
  if (total > maxUncompressed)
    return {
      ok: false,
      code: "import/too-large",
      detail: `the workbook decompresses to ${total} bytes, more than the limit of ${maxUncompressed} (option maxUncompressedBytes)`
    }
  let inflated = 0
  const sound: Array<Sound> = []
  for (const e of list) {
    const r = await verifyEntry(bytes, e, maxUncompressed - inflated)
    if (!r.ok) return r
    inflated += r.size
    sound.push(r.entry)
  }
  return { ok: true, uncompressed: inflated, entries: sound }
}

/** A verified entry: its name, where its data lies, how it is compressed, its size and CRC-32. */
export interface Sound {
  readonly name: string
  readonly dataStart: number
  readonly compressed: number
  readonly method: number
  readonly size: number
  readonly crc: number
}

interface Entry {
  readonly name: string
  readonly method: number
  readonly crc: number
  readonly compressed: number
  readonly size: number
  readonly offset: number
}

const CHUNK = 1024 * 1024
/**
 * What an inflate hands on at a time. zlib's default (16 KB) costs a round trip to the thread pool
 * for every 16 KB of XML: inflating a 49 MB sheet took 110–300 ms that way, 45–65 ms with 64 KB,
 * 35–60 ms with 256 KB; but every piece is copied on its way through exceljs's zip reader, and
 * 256 KB pieces raised the import's peak memory by 25–30 MB, 64 KB ones by none measurable.
 */
const INFLATED_CHUNK = 64 * 1024

/** The data of an entry as stored in the file, in chunks of at most 1 MB. */
async function* storedChunks(bytes: Bytes, start: number, length: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < length; at += CHUNK) yield await bytes.read(start + at, Math.min(CHUNK, length - at))
}

/**
 * `source` inflated through the inflate stream (in {@link INFLATED_CHUNK} pieces); the stream and
 * the source are ended when the reading stops, early or not.
 */
async function* inflated(source: AsyncIterable<Uint8Array>, inflate = createInflateRaw({ chunkSize: INFLATED_CHUNK })): AsyncGenerator<Buffer> {
  const input = Readable.from(source)
  input.on("error", (err) => inflate.destroy(err))
  input.pipe(inflate)
  try {
    yield* inflate as AsyncIterable<Buffer>
  } finally {
    input.destroy()
    inflate.destroy()
  }
}

let streamed = 0

/** Runs `f` checking entries through the inflate stream, as where {@link inPlace} is not there (for the tests). */
export const withStreamedInflate = async <A>(f: () => Promise<A>): Promise<A> => {
  streamed++
  try {
    return await f()
  } finally {
    streamed--
  }
}

/**
 * Inflating only to count and check an entry: every piece into one buffer, used again, through
 * the synchronous step Node's own `inflateRawSync` takes (the handle's `writeSync` and its write
 * state, with errors as the stream's `error` event), or undefined where that is not there (then
 * the stream serves). The stream hands on a new 64 KB buffer a piece, which only a collection
 * frees: checking a 49 MB sheet left up to 30 MB of them at once, early, when little else is
 * collected, and the process's memory kept that size to the end (an import keeping 50,000
 * proposals peaked 20 MB higher for it).
 */
const inPlace = (
  inflate: ReturnType<typeof createInflateRaw>
): ((input: Uint8Array, last: boolean, each: (piece: Uint8Array) => boolean) => boolean) | undefined => {
  if (streamed > 0) return undefined
  const z = inflate as unknown as {
    readonly _handle?: { writeSync?: (...args: ReadonlyArray<unknown>) => void }
    readonly _writeState?: unknown
  }
  const handle = z._handle
  const state = z._writeState
  if (typeof handle?.writeSync !== "function" || !(state instanceof Uint32Array) || state.length !== 2) return undefined
  let failure: Error | undefined
  inflate.on("error", (e: Error) => {
    failure = e
  })
  const out = Buffer.allocUnsafe(INFLATED_CHUNK)
  return (input, last, each) => {
    let at = 0
    let left = input.length
    for (;;) {
      handle.writeSync?.(last ? constants.Z_FINISH : constants.Z_NO_FLUSH, input, at, left, out, 0, out.length)
      // a zlib error destroys the stream there and then (its event comes later)
      if (inflate.destroyed) throw inflate.errored ?? failure ?? new Error("the inflate stream was closed")
      const outLeft = state[0] as number
      const inLeft = state[1] as number
      const have = out.length - outLeft
      if (have > 0 && !each(out.subarray(0, have))) return false
      at += left - inLeft
      left = inLeft
      // room left in the buffer: the input is used up (or the stream has ended)
      if (outLeft !== 0) return true
    }
  }
}

/** Inflate one entry, checking its CRC-32 and size, stopping past `budget` bytes. */
const verifyEntry = async (
  bytes: Bytes,
  e: Entry,
  budget: number
): Promise<{ readonly ok: true; readonly size: number; readonly entry: Sound } | Extract<Sniff, { ok: false }>> => {
  const damaged = (why: string): Extract<Sniff, { ok: false }> => ({
    ok: false,
    code: "import/corrupt-file",
    detail: `the zip archive is damaged: entry ${e.name} ${why}; the file may be incompletely downloaded or altered`
  })
  if (e.offset + 30 > bytes.size) return damaged("lies outside the file")
  if (e.compressed >= 0xffffffff || e.size >= 0xffffffff) return damaged("is larger than 4 GB")
  const local = await bytes.read(e.offset, 30)
  if (u32(local, 0) !== 0x04034b50) return damaged("has no local header")
  const start = e.offset + 30 + u16(local, 26) + u16(local, 28)
  if (start > bytes.size) return damaged("lies outside the file")
  if (start + e.compressed > bytes.size) return damaged("runs past the end of the file")
  if (e.method !== 0 && e.method !== 8) return damaged(`uses compression method ${e.method}, which spreadsheet files do not`)
  const chunks = () => storedChunks(bytes, start, e.compressed)
  let crc = 0
  let size = 0
  const over = () => ({
    ok: false as const,
    code: "import/too-large" as const,
    detail: `the workbook decompresses to more bytes than the limit (option maxUncompressedBytes), at entry ${e.name}`
  })
  /** Count and check a piece of the entry's data; false past the budget. */
  const each = (piece: Uint8Array): boolean => {
    size += piece.length
    if (size > budget) return false
    crc = crc32(piece, crc)
    return true
  }
  try {
    if (e.method === 0) {
      for await (const c of chunks()) if (!each(c)) return over()
    } else {
      const inflate = createInflateRaw({ chunkSize: INFLATED_CHUNK })
      const sync = inPlace(inflate)
      if (sync !== undefined)
        try {
          // into one buffer, over and over: nothing is handed on, only counted and checked
          for await (const c of chunks()) if (!sync(c, false, each)) return over()
          if (!sync(new Uint8Array(0), true, each)) return over()
        } finally {
          if (!inflate.destroyed) inflate.close()
        }
      else for await (const c of inflated(chunks(), inflate)) if (!each(c)) return over()
    }
  } catch (err) {
    return damaged(`cannot be decompressed (${(err as Error).message})`)
  }
  if (size !== e.size) return damaged(`decompresses to ${size} bytes, not the ${e.size} its directory says`)
  if (crc >>> 0 !== e.crc >>> 0) return damaged("fails its CRC-32 check")
  return { ok: true, size, entry: { name: e.name, dataStart: start, compressed: e.compressed, method: e.method, size: e.size, crc: e.crc } }
}

const rank = (name: string): number =>
  name === "xl/_rels/workbook.xml.rels" ? 0 : name === "xl/workbook.xml" ? 1 : name === "xl/sharedStrings.xml" ? 2 : name === "xl/styles.xml" ? 3 : /^xl\/worksheets\/sheet\d+\.xml$/.test(name) ? 5 : 4

const sheetNumber = (name: string): number => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0)

/**
 * The verified entries in the order a streaming reader wants them: workbook relationships,
 * workbook, shared strings and styles before the worksheets, worksheets by number (Excel writes
 * the worksheets before the shared strings).
 */
export const inReadingOrder = (entries: ReadonlyArray<Sound>): ReadonlyArray<Sound> =>
  entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => rank(a.e.name) - rank(b.e.name) || (rank(a.e.name) === 5 ? sheetNumber(a.e.name) - sheetNumber(b.e.name) : 0) || a.i - b.i)
    .map((x) => x.e)

/**
 * The data of a verified entry, inflated in 64 KB pieces (zlib's default of 16 KB costs a round
 * trip to its thread pool for each piece, more than the inflating). Its CRC-32 and size are checked
 * again as it passes (the file could have changed since it was checked): a difference is an error.
 */
export async function* entryData(bytes: Bytes, e: Sound): AsyncGenerator<Uint8Array> {
  if (e.method === 0) {
    yield* storedChunks(bytes, e.dataStart, e.compressed)
    return
  }
  let crc = 0
  let size = 0
  for await (const c of inflated(storedChunks(bytes, e.dataStart, e.compressed))) {
    size += c.length
    if (size > e.size) throw new Error(`entry ${e.name} decompresses to more than ${e.size} bytes`)
    crc = crc32(c, crc)
    yield c
  }
  if (size !== e.size || crc >>> 0 !== e.crc >>> 0) throw new Error(`entry ${e.name} changed since it was checked`)
}
