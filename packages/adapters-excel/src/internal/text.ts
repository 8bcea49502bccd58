/**
 * Text folding for matching labels typed by people: accents, case, line breaks, punctuation and
 * extra spaces do not matter (`"Tên đề án\n(nhiệm vụ)"` and `"TEN  DE AN"` fold alike).
 * @since 0.1.0
 */

const MARKS = /\p{M}+/gu
const NON_ALNUM = /[^\p{L}\p{N}]+/gu

/**
 * Fold text for comparison: NFD, strip combining marks, `đ` → `d`, lower case, every run of
 * non-letters/digits to one space, trimmed.
 * @example `fold("Tổng kinh phí\n(triệu  đồng)")` → `"tong kinh phi trieu dong"`
 */
export const fold = (s: string): string =>
  s
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(NON_ALNUM, " ")
    .trim()

/**
 * Whether {@link squash} changes a text: whitespace other than a lone space between two other
 * characters (`\s` holds the no-break spaces and U+FEFF; U+200B is not in it). Most cells have
 * none, and replacing every single space by a space still builds a new string.
 */
const SQUASHES = /[^\S ]|\u200B|  |^ | $/

/** JavaScript's `\s` (WhiteSpace and LineTerminator) for one UTF-16 code unit. */
export const isSpace = (c: number): boolean =>
  c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c < 0xa0
      ? false
      : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff

/**
 * Whether a text has whitespace a person would not see (two in a row, at either end, a line
 * break, a tab, a no-break or zero-width space) or a combining mark U+0300–U+036F (letters
 * perhaps not in NFC): `/\s\s|^\s|\s$|[\n\r\t\u00A0\u2007\u202F\u200B\uFEFF\u0300-\u036F]/.test(s)`,
 * in one pass (the pattern is tried at every position of a long title).
 */
export const squashable = (s: string): boolean => {
  const n = s.length
  let previous = false
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i)
    const space = isSpace(c)
    if (space && (previous || i === 0 || i === n - 1)) return true
    if (c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0 || c === 0x2007 || c === 0x202f || c === 0x200b || c === 0xfeff || (c >= 0x300 && c <= 0x36f)) return true
    previous = space
  }
  return false
}

/** Collapse whitespace (including non-breaking and line breaks) to single spaces, trimmed. */
export const squash = (s: string): string => (SQUASHES.test(s) ? s.replace(/[\s\u00A0\u2007\u202F\u200B\uFEFF]+/g, " ").trim() : s)

const TRIMMED = /^[\s\u00A0\u2007\u202F\u200B\uFEFF]+|[\s\u00A0\u2007\u202F\u200B\uFEFF]+$/g
const SPACE = /[\s\u00A0\u2007\u202F\u200B\uFEFF]/

/** Whether a code unit is one {@link trimText} trims: a printable ASCII character never is. */
const trims = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i)
  return c > 32 && c < 127 ? false : SPACE.test(s.charAt(i))
}

/**
 * Trim ordinary and non-breaking whitespace at both ends, keep inner text as typed. A text whose
 * first and last characters are not whitespace is returned as it is, unscanned (most cells).
 */
export const trimText = (s: string): string => (s.length === 0 || (!trims(s, 0) && !trims(s, s.length - 1)) ? s : s.replace(TRIMMED, ""))

/**
 * `f` with a bounded cache of its results (cleared when it holds `max`), for texts that repeat.
 * `keyOf` chooses the key kept for a text (default the text itself; a copy that owns its memory
 * when the text is a slice of a larger one that should not stay alive).
 */
export const boundedCache = (f: (s: string) => string, max: number, keyOf: (s: string, result: string) => string = (s) => s): ((s: string) => string) => {
  const cache = new Map<string, string>()
  return (s) => {
    let r = cache.get(s)
    if (r === undefined) {
      r = f(s)
      if (cache.size >= max) cache.clear()
      cache.set(keyOf(s, r), r)
    }
    return r
  }
}

/** Look-ups of a column in a round of {@link columnCache}. */
const ROUND = 256
/** Rows a column whose texts did not repeat is let through uncached. */
const REST = 8192

/**
 * {@link boundedCache} by column: `f` of a column's text, cached (one cache, cleared when it holds
 * `max`), except in a column whose texts seldom repeat (fewer than a quarter of a round's
 * look-ups found: ids, titles, beneficiaries), which rests for {@link REST} texts before it is
 * tried again. Unique texts would otherwise fill the cache and, living as long as it does, be
 * promoted to the old generation and stay there as garbage until a full collection: in a
 * 50,000-row register that was most of what the reading left behind it.
 */
export const columnCache = (f: (s: string) => string, max: number, keyOf: (s: string, result: string) => string = (s) => s): ((s: string, column: number) => string) => {
  const cache = new Map<string, string>()
  const tries: Array<number> = []
  const hits: Array<number> = []
  const rest: Array<number> = []
  return (s, column) => {
    const resting = rest[column] ?? 0
    if (resting > 0) {
      rest[column] = resting - 1
      return f(s)
    }
    let r = cache.get(s)
    const tried = (tries[column] ?? 0) + 1
    const hit = (hits[column] ?? 0) + (r === undefined ? 0 : 1)
    if (tried === ROUND) {
      tries[column] = 0
      hits[column] = 0
      if (hit < ROUND / 4) rest[column] = REST
    } else {
      tries[column] = tried
      hits[column] = hit
    }
    if (r === undefined) {
      r = f(s)
      if (cache.size >= max) cache.clear()
      cache.set(keyOf(s, r), r)
    }
    return r
  }
}

/** {@link fold} with a bounded cache, for short values that repeat (fund, form, activity names). */
export const foldCached: (s: string) => string = boundedCache(fold, 4096)
