/**
 * The key of a register row for finding duplicate rows: a 96-bit hash of the row's text, fed in
 * pieces (so the text is never built), as a 6-character string (about 32 bytes a row kept).
 *
 * Three 32-bit lanes run over the text's UTF-16 code units, two to a block: murmur3's block
 * step, xxHash32's round and FNV-1a, each finished with murmur3's avalanche and the text's length. Two rows'
 * keys are equal when their texts are; distinct texts share a key with a chance of about 2^-96
 * a pair for texts that are not built to collide (below one in 10^17 over a sheet of a million rows).
 * A text built to collide (the hash is not cryptographic) only makes its own row reported as
 * a duplicate, never a row kept that should not be. Plain JavaScript: Node and a browser give
 * the same keys.
 *
 * Use: `keyStart()`, `keyAdd(piece)` (or `keyAddNumber(x)`) for each piece in order, `keyEnd()`.
 * Not re-entrant (one key at a time), as the register reader uses it.
 */

let a = 0
let b = 0
let c = 0
let n = 0
/** A code unit waiting for the next to make a 32-bit block, or -1. */
let pending = -1

/** Start a key. */
export const keyStart = (): void => {
  a = 0x5bd1e995
  b = 0x165667b1
  c = 0x811c9dc5
  n = 0
  pending = -1
}

/** Add the next piece of the text: its UTF-16 code units, two to a 32-bit block. */
export const keyAdd = (s: string): void => {
  const len = s.length
  if (len === 0) return
  let x = a
  let y = b
  let z = c
  let i = 0
  let k: number
  if (pending !== -1) {
    k = pending | (s.charCodeAt(0) << 16)
    i = 1
    pending = -1
    // the three lanes' steps (as in the loop below)
    let m = Math.imul(k, 0xcc9e2d51)
    m = (m << 15) | (m >>> 17)
    x ^= Math.imul(m, 0x1b873593)
    x = (x << 13) | (x >>> 19)
    x = (Math.imul(x, 5) + 0xe6546b64) | 0
    y = (y + Math.imul(k, 0x85ebca77)) | 0
    y = (y << 13) | (y >>> 19)
    y = Math.imul(y, 0x9e3779b1)
    z = Math.imul(z ^ k, 0x01000193)
  }
  for (; i + 1 < len; i += 2) {
    k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)
    // murmur3's block step
    let m = Math.imul(k, 0xcc9e2d51)
    m = (m << 15) | (m >>> 17)
    x ^= Math.imul(m, 0x1b873593)
    x = (x << 13) | (x >>> 19)
    x = (Math.imul(x, 5) + 0xe6546b64) | 0
    // xxHash32's round
    y = (y + Math.imul(k, 0x85ebca77)) | 0
    y = (y << 13) | (y >>> 19)
    y = Math.imul(y, 0x9e3779b1)
    // FNV-1a on the block
    z = Math.imul(z ^ k, 0x01000193)
  }
  if (i < len) pending = s.charCodeAt(i)
  a = x
  b = y
  c = z
  n += len
}

/** One code unit more (a number's bits, see {@link keyAddNumber}). */
const addUnit = (u: number): void => {
  n++
  if (pending === -1) {
    pending = u
    return
  }
  const k = pending | (u << 16)
  pending = -1
  let m = Math.imul(k, 0xcc9e2d51)
  m = (m << 15) | (m >>> 17)
  a ^= Math.imul(m, 0x1b873593)
  a = (a << 13) | (a >>> 19)
  a = (Math.imul(a, 5) + 0xe6546b64) | 0
  let t = (b + Math.imul(k, 0x85ebca77)) | 0
  t = (t << 13) | (t >>> 19)
  b = Math.imul(t, 0x9e3779b1)
  c = Math.imul(c ^ k, 0x01000193)
}

const float = new Float64Array(1)
const words = new Uint16Array(float.buffer)

/**
 * Add a number as the four code units of its bits, 0 and -0 alike and every NaN alike: two
 * numbers add the same units exactly when JavaScript writes them alike (`String(x)`), without
 * writing them (the shortest text of a fraction costs about half a microsecond).
 */
export const keyAddNumber = (x: number): void => {
  float[0] = x === 0 ? 0 : Number.isNaN(x) ? Number.NaN : x
  addUnit(words[0] as number)
  addUnit(words[1] as number)
  addUnit(words[2] as number)
  addUnit(words[3] as number)
}

/** murmur3's finaliser, with the length. */
const fmix = (h: number): number => {
  h ^= n
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h
}

/** The key of the text added since {@link keyStart}. */
export const keyEnd = (): string => {
  if (pending !== -1) {
    // the last code unit alone (the length, mixed in below, tells it from a block ending in U+0000)
    const k = pending
    pending = -1
    let m = Math.imul(k, 0xcc9e2d51)
    m = (m << 15) | (m >>> 17)
    a ^= Math.imul(m, 0x1b873593)
    let t = (b + Math.imul(k, 0x85ebca77)) | 0
    t = (t << 13) | (t >>> 19)
    b = Math.imul(t, 0x9e3779b1)
    c = Math.imul(c ^ k, 0x01000193)
  }
  const x = fmix(a)
  const y = fmix(b)
  const z = fmix(c)
  return String.fromCharCode(x & 0xffff, x >>> 16, y & 0xffff, y >>> 16, z & 0xffff, z >>> 16)
}

/** The key of a whole text (tests; the reader adds pieces). */
export const keyOf = (text: string): string => {
  keyStart()
  keyAdd(text)
  return keyEnd()
}
