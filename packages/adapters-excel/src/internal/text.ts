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

/** Collapse whitespace (including non-breaking and line breaks) to single spaces, trimmed. */
export const squash = (s: string): string => s.replace(/[\s\u00A0\u2007\u202F\u200B\uFEFF]+/g, " ").trim()

/** Trim ordinary and non-breaking whitespace at both ends, keep inner text as typed. */
export const trimText = (s: string): string => s.replace(/^[\s\u00A0\u2007\u202F\u200B\uFEFF]+|[\s\u00A0\u2007\u202F\u200B\uFEFF]+$/g, "")

const CACHE = new Map<string, string>()

/** {@link fold} with a bounded cache, for short values that repeat (fund, form, activity names). */
export const foldCached = (s: string): string => {
  let f = CACHE.get(s)
  if (f === undefined) {
    f = fold(s)
    if (CACHE.size >= 4096) CACHE.clear()
    CACHE.set(s, f)
  }
  return f
}
