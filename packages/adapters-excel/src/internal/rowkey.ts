/**
 * The key of a register row for finding duplicate rows: a 96-bit hash of the row's text, fed in
 * pieces (so the text is never built), kept in a {@link KeyTable} with the row it was first seen in.
 *
 * Three 32-bit lanes run over the text's UTF-16 code units, two to a block: murmur3's block
 * step, xxHash32's round and FNV-1a, each finished with murmur3's avalanche and the text's length. Two rows'
 * keys are equal when their texts are; distinct texts share a key with a chance of about 2^-96
 * a pair for texts that are not built to collide (below one in 10^17 over a sheet of a million rows).
 * A text built to collide (the hash is not cryptographic) only makes its own row reported as
 * a duplicate, never a row kept that should not be. Plain JavaScript: Node and a browser give
 * the same keys.
 *
 * Use: `keyStart()`, `keyAdd(piece)` (or `keyAddNumber(x)`) for each piece in order, `keyEnd()`,
 * then `table.find()` and, when not found, `table.add(row)`. Not re-entrant (one key at a time),
 * as the register reader uses it.
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

/** One 32-bit block through the three lanes: murmur3's block step, xxHash32's round, FNV-1a. */
const block = (k: number): void => {
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

/** Add the next piece of the text: its UTF-16 code units, two to a 32-bit block. */
export const keyAdd = (s: string): void => {
  const len = s.length
  if (len === 0) return
  let i = 0
  if (pending !== -1) {
    block(pending | (s.charCodeAt(0) << 16))
    pending = -1
    i = 1
  }
  // block()'s three steps, written out over local lanes for the hot loop
  let x = a
  let y = b
  let z = c
  for (; i + 1 < len; i += 2) {
    const k = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16)
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
  block(k)
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

/** The last key ended: its three lanes. */
let kx = 0
let ky = 0
let kz = 0

/** End the key of the text added since {@link keyStart} (look it up with a {@link KeyTable}). */
export const keyEnd = (): void => {
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
  kx = fmix(a)
  ky = fmix(b)
  kz = fmix(c)
}

/**
 * The keys seen, each with the row it was first seen in: open addressing over typed arrays (the
 * three lanes, the row, whether the slot is used), half full at most; about 42 bytes a key and
 * no object or string a row, where a Map of key strings took about 60 and a look-up through
 * its chains.
 */
export class KeyTable {
  #lanes = new Int32Array(3 * 1024)
  #rows = new Float64Array(1024)
  #used = new Uint8Array(1024)
  #mask = 1023
  #size = 0
  /** Where the key last looked up and not found goes. */
  #slot = -1

  /** The row the key last ended ({@link keyEnd}) was added with, or undefined. */
  find(): number | undefined {
    const lanes = this.#lanes
    const used = this.#used
    const mask = this.#mask
    let i = kx & mask
    for (;;) {
      if (used[i] === 0) {
        this.#slot = i
        return undefined
      }
      const j = 3 * i
      if (lanes[j] === kx && lanes[j + 1] === ky && lanes[j + 2] === kz) {
        this.#slot = -1
        return this.#rows[i]
      }
      i = (i + 1) & mask
    }
  }

  /** Add the key last looked up with {@link find} and not found, with its row. */
  add(row: number): void {
    const i = this.#slot
    if (i === -1) throw new Error("KeyTable.add: no key looked up and not found")
    this.#slot = -1
    this.#put(i, kx, ky, kz, row)
    if (++this.#size * 2 > this.#used.length) this.#grow()
  }

  #put(i: number, x: number, y: number, z: number, row: number): void {
    const j = 3 * i
    this.#lanes[j] = x
    this.#lanes[j + 1] = y
    this.#lanes[j + 2] = z
    this.#rows[i] = row
    this.#used[i] = 1
  }

  #grow(): void {
    const lanes = this.#lanes
    const rows = this.#rows
    const used = this.#used
    const capacity = used.length * 2
    this.#lanes = new Int32Array(3 * capacity)
    this.#rows = new Float64Array(capacity)
    this.#used = new Uint8Array(capacity)
    this.#mask = capacity - 1
    for (let k = 0; k < used.length; k++) {
      if (used[k] === 0) continue
      const x = lanes[3 * k] as number
      let i = x & this.#mask
      while (this.#used[i] !== 0) i = (i + 1) & this.#mask
      this.#put(i, x, lanes[3 * k + 1] as number, lanes[3 * k + 2] as number, rows[k] as number)
    }
  }
}

/** The key of a whole text, as a string of its 96 bits (tests; the reader uses a {@link KeyTable}). */
export const keyOf = (text: string): string => {
  keyStart()
  keyAdd(text)
  keyEnd()
  return String.fromCharCode(kx & 0xffff, kx >>> 16, ky & 0xffff, ky >>> 16, kz & 0xffff, kz >>> 16)
}
