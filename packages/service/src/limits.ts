/**
 * Limits checked before any decoding: the body's size (by `Content-Length`, then while it
 * streams in), then the shape of the parsed JSON (depth, list lengths, keys, string lengths, digits
 * of numbers and of digit strings). A request over a limit is refused with 413 and a typed error
 * naming the limit and where it was exceeded; its body is not read further.
 * @since 0.2.0
 */
import type { IncomingMessage } from "node:http"
import { badRequest, ServiceError, tooLarge } from "./errors.js"

/** The limits, all configurable. */
export interface Limits {
  /** Largest request body, in bytes (default 1 MiB): batches, allocations. */
  readonly maxBodyBytes: number
  /** Largest body of a single-record request (`POST /evaluate`, proposals, contracts, ledger events), in bytes (default 256 KiB). */
  readonly maxRecordBodyBytes: number
  /**
   * Largest single proposal, in bytes of its JSON (default 64 KiB): `proposal` of `POST /evaluate`
   * and each of `proposals` in a batch or an allocation. One proposal is decoded in one go, so
   * this bounds how long one holds the event loop (a 188 KiB proposal of 999 activities took 37 ms
   * on the loaded benchmark machine); checked on the bytes, before parsing.
   */
  readonly maxRecordBytes: number
  /** Deepest nesting of objects and lists (default 32). */
  readonly maxDepth: number
  /** Longest list anywhere in a body (default 1 000). */
  readonly maxArrayLength: number
  /** Most keys in one object (default 256). */
  readonly maxObjectKeys: number
  /** Longest string, in UTF-16 code units (default 4 096). */
  readonly maxStringLength: number
  /** Most digits in a number or in a string of digits, such as an amount of đồng (default 24; the largest amount a store keeps has 20). */
  readonly maxDigits: number
  /** Most proposals in one `POST /evaluate/batch` (default 100). */
  readonly maxBatch: number
  /** Most proposals in one `POST /allocate` (default 500). */
  readonly maxAllocate: number
}

export const defaultLimits: Limits = Object.freeze({
  maxBodyBytes: 1024 * 1024,
  maxRecordBodyBytes: 256 * 1024,
  maxRecordBytes: 64 * 1024,
  maxDepth: 32,
  maxArrayLength: 1000,
  maxObjectKeys: 256,
  maxStringLength: 4096,
  maxDigits: 24,
  maxBatch: 100,
  maxAllocate: 500
})

const bodyTooLarge = (limit: number): ServiceError =>
  tooLarge(
    "request/body-too-large",
    [],
    `Nội dung yêu cầu lớn hơn ${limit} byte cho phép.`,
    `The request body is larger than the ${limit} bytes allowed.`
  )

/**
 * Read a request body within `maxBodyBytes`: refused at once when `Content-Length` says more, and
 * as soon as the bytes received pass the limit otherwise (the rest is not read).
 */
export const readBody = (req: IncomingMessage, maxBodyBytes: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const declared = req.headers["content-length"]
    if (declared !== undefined) {
      const n = Number(declared)
      if (!/^\d+$/.test(declared) || !Number.isSafeInteger(n)) {
        reject(badRequest("request/invalid-content-length", ["headers", "content-length"], "Content-Length không hợp lệ.", "Content-Length is not a number of bytes."))
        return
      }
      if (n > maxBodyBytes) {
        reject(bodyTooLarge(maxBodyBytes))
        return
      }
    }
    const chunks: Array<Buffer> = []
    let size = 0
    let done = false
    const onData = (chunk: Buffer): void => {
      if (done) return
      size += chunk.length
      if (size > maxBodyBytes) {
        done = true
        req.off("data", onData)
        req.pause()
        reject(bodyTooLarge(maxBodyBytes))
        return
      }
      chunks.push(chunk)
    }
    req.on("data", onData)
    req.once("end", () => {
      if (done) return
      done = true
      resolve(Buffer.concat(chunks, size))
    })
    req.once("error", () => {
      if (done) return
      done = true
      reject(badRequest("request/unreadable", [], "Không đọc được nội dung yêu cầu.", "The request body could not be read."))
    })
  })

// The limits' errors, the same whether found in the bytes or in the parsed value.
type Path = ReadonlyArray<string | number>
const tooDeep = (path: Path, l: Limits): ServiceError =>
  tooLarge("request/too-deep", path, `Dữ liệu lồng nhau sâu hơn ${l.maxDepth} cấp.`, `The body is nested deeper than ${l.maxDepth} levels.`)
const listTooLong = (path: Path, l: Limits): ServiceError =>
  tooLarge("request/list-too-long", path, `Danh sách dài hơn ${l.maxArrayLength} phần tử.`, `A list is longer than ${l.maxArrayLength} items.`)
const tooManyKeys = (path: Path, l: Limits): ServiceError =>
  tooLarge("request/too-many-keys", path, `Đối tượng có hơn ${l.maxObjectKeys} khóa.`, `An object has more than ${l.maxObjectKeys} keys.`)
const stringTooLong = (path: Path, l: Limits): ServiceError =>
  tooLarge("request/string-too-long", path, `Chuỗi dài hơn ${l.maxStringLength} ký tự.`, `A string is longer than ${l.maxStringLength} characters.`)
const keyTooLong = (path: Path, l: Limits): ServiceError =>
  tooLarge("request/string-too-long", path, `Tên khóa dài hơn ${l.maxStringLength} ký tự.`, `A key is longer than ${l.maxStringLength} characters.`)
const recordTooLarge = (path: Path, l: Limits): ServiceError =>
  tooLarge("request/record-too-large", path, `Một đề án dài hơn ${l.maxRecordBytes} byte cho phép.`, `One proposal is larger than the ${l.maxRecordBytes} bytes allowed.`)
const numberTooLong = (path: Path, l: Limits): ServiceError =>
  tooLarge(
    "request/too-many-digits",
    path,
    `Số có nhiều hơn ${l.maxDigits} chữ số hoặc vượt quá độ chính xác; hãy viết số tiền bằng chuỗi chữ số.`,
    `A number has more digits than can be kept exactly; write amounts as strings of digits.`
  )

const PROPOSAL = new TextEncoder().encode('"proposal"')
const PROPOSALS = new TextEncoder().encode('"proposals"')

/**
 * Check the body's bytes against the shape limits before `JSON.parse` reads them: one pass that
 * follows strings (escapes; UTF-8 counted in UTF-16 code units, as JavaScript counts a string's
 * length) and nesting, and refuses nesting deeper than `maxDepth`, a list or an object with more
 * items than allowed, a string or key longer than `maxStringLength`, and a numeral whose whole part
 * has more than `maxDigits` digits or which is longer than a string may be, with the same error
 * and path as {@link checkShape}; and a proposal (`proposal`, or an item of `proposals`, of the
 * body's top object) of more than `maxRecordBytes` bytes (keys are decoded only to name the path of a refusal). Why: on
 * this machine `JSON.parse` of a megabyte of `[` holds the event loop a third of a second, of an
 * object of 60 000 keys a twentieth, while this pass takes about a millisecond. Not a JSON
 * validator: malformed text passes it and `JSON.parse` refuses it; a key given twice counts twice.
 */
export const preScan = (bytes: Uint8Array, limits: Limits): void => {
  const n = bytes.length
  const size = limits.maxDepth + 1
  const kind = new Uint8Array(size) // at each open level: 1 list, 2 object
  const commas = new Int32Array(size) // items so far − 1 at each level
  const keyStart = new Int32Array(size) // the current key's bytes (quotes included) at each object level
  const keyEnd = new Int32Array(size)
  let depth = 0
  let expectKey = false
  // The proposal being read, if any: where it starts and the level it is open at.
  let recordStart = -1
  let recordDepth = 0
  const keyIs = (d: number, quoted: Uint8Array): boolean => {
    const from = keyStart[d] as number
    if ((keyEnd[d] as number) - from !== quoted.length) return false
    for (let k = 0; k < quoted.length; k++) if (bytes[from + k] !== quoted[k]) return false
    return true
  }
  /** The path of a value at nesting `upTo` (its enclosing keys and indexes). */
  const path = (upTo: number): Array<string | number> => {
    const out: Array<string | number> = []
    for (let d = 1; d <= upTo; d++) {
      if (kind[d] === 1) out.push(commas[d] as number)
      else {
        let key: unknown = "…"
        try {
          key = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + (keyStart[d] as number), (keyEnd[d] as number) - (keyStart[d] as number)).toString("utf8"))
        } catch {
          // a key over the limit, cut short: leave "…"
        }
        out.push(String(key))
      }
    }
    return out
  }
  for (let i = 0; i < n; i++) {
    const c = bytes[i] as number
    if (c === 0x22) {
      const start = i
      let units = 0
      for (i++; i < n; i++) {
        const b = bytes[i] as number
        if (b === 0x22) break
        if (b === 0x5c) {
          i += bytes[i + 1] === 0x75 ? 5 : 1
          units++
        } else if (b < 0x80 || (b >= 0xc0 && b < 0xf0)) units++
        else if (b >= 0xf0) units += 2
      }
      if (expectKey) {
        expectKey = false
        keyStart[depth] = start
        keyEnd[depth] = i + 1
        if (units > limits.maxStringLength) throw keyTooLong(path(depth - 1), limits)
      } else if (units > limits.maxStringLength) throw stringTooLong(path(depth), limits)
    } else if (c === 0x5b || c === 0x7b) {
      if (depth >= limits.maxDepth) throw tooDeep(path(depth), limits)
      depth++
      kind[depth] = c === 0x5b ? 1 : 2
      commas[depth] = 0
      expectKey = c === 0x7b
      if (recordStart < 0 && kind[1] === 2 && ((depth === 2 && keyIs(1, PROPOSAL)) || (depth === 3 && kind[2] === 1 && keyIs(1, PROPOSALS)))) {
        recordStart = i
        recordDepth = depth
      }
    } else if (c === 0x5d || c === 0x7d) {
      if (depth === recordDepth && recordStart >= 0) {
        if (i + 1 - recordStart > limits.maxRecordBytes) throw recordTooLarge(path(depth - 1), limits)
        recordStart = -1
        recordDepth = 0
      }
      if (depth > 0) depth--
      expectKey = false
    } else if (c === 0x2c) {
      if (depth === 0) continue
      const items = ++(commas[depth] as number) + 1
      if (kind[depth] === 1) {
        if (items > limits.maxArrayLength) throw listTooLong(path(depth - 1), limits)
      } else {
        if (items > limits.maxObjectKeys) throw tooManyKeys(path(depth - 1), limits)
        expectKey = true
      }
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      const start = i
      let whole = 0
      let inWhole = true
      for (; i < n; i++) {
        const b = bytes[i] as number
        if (b >= 0x30 && b <= 0x39) {
          if (inWhole) whole++
        } else if (b === 0x2e || b === 0x65 || b === 0x45) inWhole = false
        else if (b !== 0x2d && b !== 0x2b) break
      }
      i--
      if (whole > limits.maxDigits || i - start >= limits.maxStringLength) throw numberTooLong(path(depth), limits)
    }
  }
}

/** Parse JSON text, or a typed 400. */
export const parseJson = (text: string): unknown => {
  if (text.trim() === "")
    throw badRequest("request/empty-body", [], "Nội dung yêu cầu trống; hãy gửi một đối tượng JSON.", "The request body is empty; send a JSON object.")
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw badRequest("request/invalid-json", [], "Nội dung yêu cầu không phải JSON hợp lệ.", "The request body is not valid JSON.")
  }
}

const DIGITS = /\d/g

const countDigits = (s: string): number => s.match(DIGITS)?.length ?? 0

/** A string that reads as a number (digits with separators, a sign, a decimal part). */
const NUMERIC = /^[\s+-]*[\d.,\s_]+$/

/**
 * Check the parsed body against the limits, depth first, before anything decodes it. Throws a
 * 413 `ServiceError` naming the limit and the path of the first value over it.
 */
export const checkShape = (value: unknown, limits: Limits): void => {
  const walk = (v: unknown, path: Array<string | number>, depth: number): void => {
    if (typeof v === "string") {
      if (v.length > limits.maxStringLength) throw stringTooLong([...path], limits)
      if (v.length > limits.maxDigits && NUMERIC.test(v) && countDigits(v) > limits.maxDigits)
        throw tooLarge("request/too-many-digits", [...path], `Số có nhiều hơn ${limits.maxDigits} chữ số.`, `A number has more than ${limits.maxDigits} digits.`)
      return
    }
    if (typeof v === "number") {
      // JSON.parse has already read it; a numeral of more digits than allowed is no longer exact.
      if (!Number.isFinite(v) || Math.abs(v) >= 10 ** Math.min(limits.maxDigits, 21) || (Number.isInteger(v) && !Number.isSafeInteger(v)))
        throw numberTooLong([...path], limits)
      return
    }
    if (typeof v !== "object" || v === null) return
    if (depth >= limits.maxDepth) throw tooDeep([...path], limits)
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayLength) throw listTooLong([...path], limits)
      for (let i = 0; i < v.length; i++) {
        path.push(i)
        walk(v[i], path, depth + 1)
        path.pop()
      }
      return
    }
    const keys = Object.keys(v)
    if (keys.length > limits.maxObjectKeys) throw tooManyKeys([...path], limits)
    for (const k of keys) {
      if (k.length > limits.maxStringLength) throw keyTooLong([...path], limits)
      path.push(k)
      walk((v as Record<string, unknown>)[k], path, depth + 1)
      path.pop()
    }
  }
  walk(value, [], 0)
}

/** A body's JSON text, parsed and checked against the shape limits (400 or 413 as above). */
export const parseBody = (text: string, limits: Limits): unknown => {
  const json = parseJson(text)
  checkShape(json, limits)
  return json
}

/** Refuse a list of more than `max` items at `path` (batch sizes). */
export const checkCount = (list: ReadonlyArray<unknown>, max: number, path: ReadonlyArray<string | number>): void => {
  if (list.length > max)
    throw tooLarge("request/batch-too-large", path, `Tối đa ${max} phần tử mỗi yêu cầu (đã gửi ${list.length}).`, `At most ${max} items per request (${list.length} sent).`)
}
