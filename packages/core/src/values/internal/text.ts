/**
 * The check behind `Text.check`, `Decode.id` and `Decode.name` (see Text.ts for what is refused
 * and why).
 */
/** The most characters (code points, after NFC) of an identifier and of a name. */
export const LIMITS = { id: 128, name: 500 } as const

const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u
const CONTROL = /[\p{Cc}\u2028\u2029]/u
/** In a name, a line break (LF, CR) is allowed: a title wrapped in a spreadsheet cell shows it as one. */
const CONTROL_IN_NAME = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/u
const INVISIBLE = /\p{Cf}/u
/** Every character BIDI, CONTROL, CONTROL_IN_NAME or INVISIBLE holds (bidirectional controls are format characters, Cf). */
const SUSPECT = /[\p{Cc}\p{Cf}\u2028\u2029]/u

/**
 * Whether every character of `s` is a plain one of Latin script, as in almost every id and name:
 * printable ASCII (U+0020–U+007E), Latin-1 letters and signs (U+00A0–U+00FF but the soft hyphen
 * U+00AD), Latin Extended-A and -B (U+0100–U+024F) and Latin Extended Additional (U+1E00–U+1EFF:
 * the Vietnamese letters with two marks). Such a text is in NFC (none of these characters has
 * another composed form, and none combines with its neighbour) and holds none of the characters
 * SUSPECT holds; the tests check both for every character and every pair of them.
 */
export const isPlain = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0xad || (c > 0x24f && (c < 0x1e00 || c > 0x1eff))) return false
  }
  return true
}

/** `s` in Unicode NFC (plain text is, and is not normalised again). */
export const nfc = (s: string): string => (isPlain(s) ? s : s.normalize("NFC"))

const hex = (c: string): string => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`

/** The text with every character a reader cannot see written as `\u{…}`, safe to print. */
const visible = (s: string): string =>
  JSON.stringify(s.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`)).replaceAll("\\\\u{", "\\u{")

/** Where the first match of `re` is: its character and its place (1-based, in code points). */
const at = (s: string, re: RegExp): string => {
  const chars = [...s]
  const i = chars.findIndex((c) => re.test(c))
  return `${hex(chars[i] ?? "")} at character ${i + 1}`
}

/**
 * What is wrong with `s` (already in NFC) as an id or a name: a code and the tail of a message
 * (`found …`), or undefined. `plain`: whether `s` is plain text ({@link isPlain}), when known.
 */
export const fault = (
  s: string,
  kind: "id" | "name",
  plain: boolean = isPlain(s)
): { readonly code: string; readonly found: string } | { readonly code: undefined; readonly blank: boolean; readonly found: string } | undefined => {
  // the text as shown is only built for a message (most texts are fine)
  if (!plain && SUSPECT.test(s)) {
    const shown = visible(s)
    if (BIDI.test(s))
      return { code: "text/bidi-control", found: `found ${shown}, which holds a bidirectional control (ký tự điều khiển hướng chữ) ${at(s, BIDI)}: it reorders how the text is displayed` }
    const control = kind === "id" ? CONTROL : CONTROL_IN_NAME
    if (control.test(s)) return { code: "text/control-character", found: `found ${shown}, which holds a control character (ký tự điều khiển) ${at(s, control)}` }
    if (INVISIBLE.test(s))
      return { code: "text/invisible-character", found: `found ${shown}, which holds an invisible character (ký tự ẩn) ${at(s, INVISIBLE)}: two texts that print the same would differ` }
  }
  // blank text and surrounding spaces were refused before this check existed: in a schema they
  // keep the field's code (or schema/invalid), so no code is given here
  const trimmed = s.trim()
  if (trimmed === "") return { code: undefined, blank: true, found: s === "" ? "found empty text (để trống)" : `found only spaces ${visible(s)} (để trống)` }
  if (kind === "id" && trimmed !== s) return { code: undefined, blank: false, found: `found ${visible(s)}, which begins or ends with a space` }
  const max = LIMITS[kind]
  // a text of at most `max` UTF-16 units has at most `max` code points
  let n = 0
  if (s.length > max) for (const _ of s) if (++n > max) break
  if (n > max) {
    const length = [...s].length
    return { code: "text/too-long", found: `found ${length} characters, more than the ${max} allowed (quá dài: tối đa ${max} ký tự), beginning ${visible([...s].slice(0, 24).join(""))}…` }
  }
  return undefined
}

