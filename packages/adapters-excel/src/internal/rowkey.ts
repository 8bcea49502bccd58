/**
 * The key of a register row for finding duplicate rows: a 96-bit hash of the row's text, fed in
 * pieces (so the text is never built), as a 6-character string (about 32 bytes a row kept).
 *
 * Three 32-bit lanes run over the text's UTF-16 code units: murmur3's block step, xxHash32's
 * round and FNV-1a, each finished with murmur3's avalanche and the text's length. Two rows'
 * keys are equal when their texts are; distinct texts share a key with a chance of about 2^-96
 * a pair for texts that are not built to collide (one in 10^16 over a sheet of a million rows).
 * A text built to collide (the hash is not cryptographic) only makes its own row reported as
 * a duplicate, never a row kept that should not be. Plain JavaScript: Node and a browser give
 * the same keys.
 *
 * Use: `keyStart()`, `keyAdd(piece)` for each piece of the text in order, `keyEnd()`. Not
 * re-entrant (one key at a time), as the register reader uses it.
 */

let a = 0
let b = 0
let c = 0
let n = 0

/** Start a key. */
export const keyStart = (): void => {
  a = 0x5bd1e995
  b = 0x165667b1
  c = 0x811c9dc5
  n = 0
}

/** Add the next piece of the text. */
export const keyAdd = (s: string): void => {
  let x = a
  let y = b
  let z = c
  const len = s.length
  for (let i = 0; i < len; i++) {
    const k = s.charCodeAt(i)
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
    // FNV-1a
    z = Math.imul(z ^ k, 0x01000193)
  }
  a = x
  b = y
  c = z
  n += len
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
