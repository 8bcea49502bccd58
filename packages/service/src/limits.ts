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
      if (v.length > limits.maxStringLength)
        throw tooLarge("request/string-too-long", [...path], `Chuỗi dài hơn ${limits.maxStringLength} ký tự.`, `A string is longer than ${limits.maxStringLength} characters.`)
      if (v.length > limits.maxDigits && NUMERIC.test(v) && countDigits(v) > limits.maxDigits)
        throw tooLarge("request/too-many-digits", [...path], `Số có nhiều hơn ${limits.maxDigits} chữ số.`, `A number has more than ${limits.maxDigits} digits.`)
      return
    }
    if (typeof v === "number") {
      // JSON.parse has already read it; a numeral of more digits than allowed is no longer exact.
      if (!Number.isFinite(v) || Math.abs(v) >= 10 ** Math.min(limits.maxDigits, 21) || (Number.isInteger(v) && !Number.isSafeInteger(v)))
        throw tooLarge("request/too-many-digits", [...path], `Số có nhiều hơn ${limits.maxDigits} chữ số hoặc vượt quá độ chính xác; hãy viết số tiền bằng chuỗi chữ số.`, `A number has more digits than can be kept exactly; write amounts as strings of digits.`)
      return
    }
    if (typeof v !== "object" || v === null) return
    if (depth >= limits.maxDepth)
      throw tooLarge("request/too-deep", [...path], `Dữ liệu lồng nhau sâu hơn ${limits.maxDepth} cấp.`, `The body is nested deeper than ${limits.maxDepth} levels.`)
    if (Array.isArray(v)) {
      if (v.length > limits.maxArrayLength)
        throw tooLarge("request/list-too-long", [...path], `Danh sách dài hơn ${limits.maxArrayLength} phần tử.`, `A list is longer than ${limits.maxArrayLength} items.`)
      for (let i = 0; i < v.length; i++) {
        path.push(i)
        walk(v[i], path, depth + 1)
        path.pop()
      }
      return
    }
    const keys = Object.keys(v)
    if (keys.length > limits.maxObjectKeys)
      throw tooLarge("request/too-many-keys", [...path], `Đối tượng có hơn ${limits.maxObjectKeys} khóa.`, `An object has more than ${limits.maxObjectKeys} keys.`)
    for (const k of keys) {
      if (k.length > limits.maxStringLength)
        throw tooLarge("request/string-too-long", [...path], `Tên khóa dài hơn ${limits.maxStringLength} ký tự.`, `A key is longer than ${limits.maxStringLength} characters.`)
      path.push(k)
      walk((v as Record<string, unknown>)[k], path, depth + 1)
      path.pop()
    }
  }
  walk(value, [], 0)
}

/** Refuse a list of more than `max` items at `path` (batch sizes). */
export const checkCount = (list: ReadonlyArray<unknown>, max: number, path: ReadonlyArray<string | number>): void => {
  if (list.length > max)
    throw tooLarge("request/batch-too-large", path, `Tối đa ${max} phần tử mỗi yêu cầu (đã gửi ${list.length}).`, `At most ${max} items per request (${list.length} sent).`)
}
