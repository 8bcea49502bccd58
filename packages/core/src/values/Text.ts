/**
 * Text that cannot deceive (văn bản không thể đánh lừa): the one check of identifiers (mã) and
 * names (tên) wherever they enter: establishments, proposals, plans, contracts, allocations,
 * ledger events (ids, idempotency keys, decision numbers) and the store's lookups.
 *
 * An id or a name is read in Unicode NFC (the composed form): `"Đề án"` typed with combining
 * marks (NFD, as some macOS and web forms send it) and `"Đề án"` composed are the same id, stored
 * once. Refused, each with its own code:
 * - `text/not-text`: not a string;
 * - `text/control-character`: a control character (Unicode category Cc: U+0000–U+001F,
 *   U+007F–U+009F, tab among them) or a line / paragraph separator (U+2028, U+2029). An id may
 *   hold no line break; a name may hold LF and CR, which display as the line break they are (a
 *   title wrapped in a spreadsheet cell is one);
 * - `text/invisible-character`: a zero-width or other invisible format character (category Cf:
 *   U+200B–U+200D, U+2060, U+FEFF, the soft hyphen U+00AD …): two ids that print the same would
 *   be two records;
 * - `text/bidi-control`: a bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E,
 *   U+200F, U+061C), which reorders how the text around it is displayed, so that what a reader
 *   sees is not what is stored;
 * - `text/blank`: empty, or only spaces;
 * - `text/surrounding-space` (ids only): a space at the start or the end.
 *   These two were refused before this module existed: in a schema (`Decode.id`, `Decode.name`)
 *   they keep the code they had, the field's own or `schema/invalid`;
 * - `text/too-long`: more than {@link MAX_ID_LENGTH} (ids) or {@link MAX_NAME_LENGTH} (names)
 *   characters (Unicode code points, after NFC). An id is a database key: 128 characters stay far
 *   below what a PostgreSQL index entry can hold (about 2.700 bytes), so an over-long id is this
 *   error, before any database call, never a database error.
 *
 * Vietnamese text, with every diacritic, is accepted. Free text (notes, descriptions) is not
 * checked here.
 *
 * @example
 * ```ts
 * import { Text } from "@khuyencong/core"
 * Text.check("De\u0301 a\u0301n 01", "id") // { ok: true, value: "Dé án 01" } (NFC)
 * Text.check("DA-01\u200B", "id").ok      // false: text/invisible-character
 * ```
 * @since 0.3.0
 * @module
 */
import { ValidationError, type Issue, type Path } from "./Errors.js"
import { found } from "./internal/found.js"
import { fault, LIMITS, nfc } from "./internal/text.js"
import { err, ok, type Result } from "./Result.js"

/**
 * The most characters (code points, after NFC) an identifier may have.
 * @example `Text.MAX_ID_LENGTH` → `128`
 * @category limits
 * @since 0.3.0
 */
export const MAX_ID_LENGTH: number = LIMITS.id

/**
 * The most characters (code points, after NFC) a name or title may have.
 * @example `Text.MAX_NAME_LENGTH` → `500`
 * @category limits
 * @since 0.3.0
 */
export const MAX_NAME_LENGTH: number = LIMITS.name

/**
 * What a text is: an identifier (`id`: a key, no surrounding spaces, at most
 * {@link MAX_ID_LENGTH} characters) or a name (`name`: a name, title or label, at most
 * {@link MAX_NAME_LENGTH} characters).
 * @example `Text.check("Cơ sở Minh Phát", "name")`
 * @category models
 * @since 0.3.0
 */
export type Kind = "id" | "name"

const KIND_LABEL: { readonly [k in Kind]: readonly [label: string, expects: string] } = {
  id: ["identifier (mã)", `must be visible text without surrounding spaces, at most ${LIMITS.id} characters`],
  name: ["name (tên)", `must be visible, non-blank text, at most ${LIMITS.name} characters`]
}

/**
 * Check an identifier or a name and give it back in NFC. Fails with a `ValidationError` whose
 * code is one of the module's (`text/invisible-character` …), at `path`, naming the field by
 * `label` (default `identifier (mã)` or `name (tên)`) and the offending character by its code
 * point, so that a message never carries the invisible character itself.
 * @example `Text.check("DA\u202E10", "id", ["id"]).ok` → `false` (`text/bidi-control`, path `["id"]`); `Text.check("Cơ sở Minh Phát", "name")` → `{ ok: true, value: "Cơ sở Minh Phát" }`
 * @category validation
 * @since 0.3.0
 */
export const check = (u: unknown, kind: Kind, path: Path = [], label?: string): Result<string, ValidationError> => {
  const [defaultLabel, expects] = KIND_LABEL[kind]
  const name = label ?? defaultLabel
  const fail = (code: string, message: string): Result<string, ValidationError> => {
    const issue: Issue = { code, path, message, actual: u }
    return err(new ValidationError({ code, path, message, issues: [issue] }))
  }
  if (typeof u !== "string") return fail("text/not-text", `${name} ${expects}; found ${found(u)}`)
  const s = nfc(u)
  const f = fault(s, kind)
  if (f === undefined) return ok(s)
  return fail(f.code ?? (f.blank ? "text/blank" : "text/surrounding-space"), `${name} ${expects}; ${f.found}`)
}
