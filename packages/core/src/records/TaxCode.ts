/**
 * TaxCode (mã số thuế, MST): the identifier of an establishment for the tax authority.
 *
 * Three shapes are accepted (rules-2025-plus-notes.md §D):
 * - `main`: 10 digits `N1…N10`; `N10` is a check digit over `N1…N9` with weights
 *   31, 29, 23, 19, 17, 13, 7, 5, 3: `N10 = 10 − (Σ mod 11)`; when `Σ mod 11 = 0` no digit fits
 *   and the number cannot be valid. `N3…N9` may not all be zero.
 * - `branch` (mã số thuế đơn vị phụ thuộc): the parent's 10 digits then 3 digits `001`–`999`,
 *   written `0101234567-001` (with or without the dash); the first 10 are checked as above.
 * - `personal-id` (số định danh cá nhân): 12 digits, no check digit (3-digit birth-registration
 *   code, century/sex digit, 2-digit birth year, 6 random digits). From 2025-07-01 individuals,
 *   households and business households use it instead of a tax-authority MST (Circular
 *   86/2024/TT-BTC), so it is a valid tax code only on or after that date: see {@link validate}.
 *   The century/sex digit must be 0–3 (born in the 20th or 21st century).
 *
 * The check-digit algorithm is that of the open-source validators python-stdnum and stdnum-js;
 * no published legal text of it was found (rules-2025-plus-notes.md, UNCONFIRMED 10).
 * Prefix digits are not read as province codes (different code systems).
 *
 * The decoded value is the canonical text: 10 digits, `dddddddddd-ddd` or 12 digits.
 *
 * @example
 * ```ts
 * import { TaxCode } from "@khuyencong/core"
 * TaxCode.decode("0314409058002")                         // ok("0314409058-002")
 * TaxCode.decode("0100233480")                            // error tax-code/check-digit
 * TaxCode.validate("001203004567", { asOf: "2025-06-30" }) // error tax-code/personal-id-too-early
 * ```
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import * as SchemaTransformation from "effect/SchemaTransformation"
import type { Citation } from "../values/Citation.js"
import * as Decode from "../values/Decode.js"
import type { ValidationError } from "../values/Errors.js"
import type { LocalDate } from "../values/LocalDate.js"
import { leaf, NOT_SURE } from "../values/internal/compiled.js"
import { err, type Result } from "../values/Result.js"

/**
 * A tax code (mã số thuế) in canonical form. Build one with {@link decode} or {@link validate};
 * never cast a string.
 * @category models
 * @since 0.1.0
 */
export type TaxCode = string & { readonly __brand: "TaxCode" }

/**
 * JSON form: text, `"0101234567"`, `"0101234567-001"` / `"0101234567001"` or 12 digits.
 * @category models
 * @since 0.1.0
 */
export type Encoded = string

/**
 * Shape of a tax code: `main` (10-digit MST), `branch` (13-digit MST of a dependent unit) or
 * `personal-id` (12-digit số định danh cá nhân).
 * @category models
 * @since 0.1.0
 */
export type Kind = "main" | "branch" | "personal-id"

/**
 * First day a 12-digit personal identification number serves as the tax code of individuals,
 * households and business households.
 * @example `personalIdFrom` → `"2025-07-01"`
 * @category constants
 * @since 0.1.0
 */
export const personalIdFrom = "2025-07-01" as LocalDate

/**
 * Legal basis of {@link personalIdFrom}: Circular 86/2024/TT-BTC art. 5 (tax registration),
 * effective 2025-02-06, known from news reports only (grade secondary).
 * @example `Citation.format(personalIdCitation)` names Circular 86/2024/TT-BTC art. 5
 * @category constants
 * @since 0.1.0
 */
export const personalIdCitation: Citation = {
  instrument: {
    number: "86/2024/TT-BTC",
    kind: "circular",
    issuer: "Ministry of Finance (Bộ Tài chính)",
    title: "Tax registration (Quy định về đăng ký thuế)",
    signed: "2024-12-23" as LocalDate,
    effective: "2025-02-06" as LocalDate,
    replaces: ["105/2020/TT-BTC"]
  },
  article: "5",
  clause: "1",
  point: "b",
  grade: "secondary",
  note:
    "From 2025-07-01 the 12-digit personal identification number replaces the tax code of individuals, dependants, households and business households; tax-authority codes of individuals used until 2025-06-30. Read in news reports (baohaiduong.vn, laodong.vn), not in the circular's text.",
  source: "../shared/legal/rules-2025-plus-notes.md §D"
}

const WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const

/**
 * The check digit (chữ số kiểm tra) for the first nine digits of a tax code, or `undefined` when
 * no digit fits (Σ mod 11 = 0) or the input is not nine digits.
 * @example `checkDigit("010023348")` → `8`; `checkDigit("000000001")` → `7`
 * @category checks
 * @since 0.1.0
 */
export const checkDigit = (nineDigits: string): number | undefined => {
  if (!/^\d{9}$/.test(nineDigits)) return undefined
  let sum = 0
  for (let i = 0; i < 9; i++) sum += Number(nineDigits.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0)
  const r = sum % 11
  return r === 0 ? undefined : 10 - r
}

const SHAPE = /^(?:(\d{10})(?:-?(\d{3}))?|(\d{12}))$/

const show = (text: string): string => JSON.stringify(text)

/**
 * Why a text or a decoded tax code is not a valid tax code (mã số thuế): a stable code
 * (`tax-code/check-digit` …) and an English message naming mã số thuế.
 * @example `faultAt("001203004567" as TaxCode, "2025-06-30" as LocalDate)` → `{ code: "tax-code/personal-id-too-early", message: "…" }`
 * @category models
 * @since 0.1.0
 */
export interface Fault {
  readonly code: string
  readonly message: string
}

const LABEL = "tax code (mã số thuế)"

/** Why `text` is not a tax code regardless of date, or `undefined` when it is one. */
const diagnose = (text: string): Fault | undefined => {
  const t = text.trim()
  const m = SHAPE.exec(t)
  if (m === null) {
    return {
      code: "tax-code/format",
      message: `${LABEL} ${show(text)} must be 10 digits, 10 digits and a 3-digit branch suffix ("0101234567-001"), or a 12-digit personal identification number (số định danh cá nhân)`
    }
  }
  const [, ten, suffix, twelve] = m
  if (twelve !== undefined) {
    const century = Number(twelve[3])
    return century <= 3
      ? undefined
      : {
          code: "tax-code/personal-id-century",
          message: `${LABEL} ${show(text)}: the 4th digit of a personal identification number (số định danh cá nhân) gives century and sex and must be 0–3, not ${century}`
        }
  }
  const digits = ten ?? ""
  if (digits.slice(2, 9) === "0000000") {
    return {
      code: "tax-code/sequence",
      message: `${LABEL} ${show(text)}: digits 3–9 may not all be zero`
    }
  }
  const expected = checkDigit(digits.slice(0, 9))
  if (expected === undefined) {
    return {
      code: "tax-code/check-digit",
      message: `${LABEL} ${show(text)}: no check digit fits its first nine digits, so it cannot be valid`
    }
  }
  if (String(expected) !== digits[9]) {
    return {
      code: "tax-code/check-digit",
      message: `${LABEL} ${show(text)} has a wrong check digit (chữ số kiểm tra): the 10th digit should be ${expected}`
    }
  }
  if (suffix === "000") {
    return {
      code: "tax-code/branch-suffix",
      message: `${LABEL} ${show(text)}: a branch suffix must be 001–999, not 000`
    }
  }
  return undefined
}

const normalize = (text: string): string => {
  const t = text.trim()
  const m = SHAPE.exec(t)
  if (m === null) return t
  const [, ten, suffix, twelve] = m
  if (twelve !== undefined) return twelve
  return suffix === undefined ? (ten ?? t) : `${ten ?? ""}-${suffix}`
}

/**
 * Whether a value is a tax code in canonical form (date not considered).
 * @example `is("0100233488")` → `true`; `is("0314409058002")` → `false` (not canonical)
 * @category guards
 * @since 0.1.0
 */
export const is = (u: unknown): u is TaxCode => typeof u === "string" && normalize(u) === u && diagnose(u) === undefined

/**
 * The shape of a tax code.
 * @example `kind("0314409058-002" as TaxCode)` → `"branch"`
 * @category accessors
 * @since 0.1.0
 */
export const kind = (code: TaxCode): Kind => (code.length === 12 ? "personal-id" : code.length === 14 ? "branch" : "main")

/**
 * The 10-digit tax code of the parent unit of a branch code; a main code is its own parent;
 * a personal ID has none.
 * @example `parent("0314409058-002" as TaxCode)` → `"0314409058"`
 * @category accessors
 * @since 0.1.0
 */
export const parent = (code: TaxCode): TaxCode | undefined =>
  kind(code) === "personal-id" ? undefined : (code.slice(0, 10) as TaxCode)

/**
 * Effect Schema: Encoded text (surrounding spaces ignored, branch dash optional), Type the
 * canonical {@link TaxCode}. Faults are reported with codes `tax-code/format`,
 * `tax-code/check-digit`, `tax-code/sequence`, `tax-code/branch-suffix`,
 * `tax-code/personal-id-century`. The date rule for personal IDs is not part of the schema: use
 * {@link validate} (or `Establishment.decode(…, { asOf })`).
 * @example `Schema.decodeUnknownSync(TaxCode.schema)("0314409058002")` → `"0314409058-002"`
 * @category schemas
 * @since 0.1.0
 */
export const schema = leaf(
  Schema.String.pipe(
    Schema.check(Decode.check<string>("tax-code/format", diagnose, "a tax code (mã số thuế)")),
    Schema.decodeTo(
      Schema.String.pipe(Schema.refine(is, { identifier: "TaxCode", expected: "a canonical tax code (mã số thuế)" })),
      SchemaTransformation.transform<string, string>({ decode: normalize, encode: (c) => c })
    )
  ),
  // text without fault, normalised, then canonical
  (u) => {
    if (typeof u !== "string" || diagnose(u) !== undefined) return NOT_SURE
    const c = normalize(u)
    return is(c) ? c : NOT_SURE
  }
)

/**
 * Field docs for messages about a tax code at the root of an input.
 * @example `docs[""]?.label` → `"tax code (mã số thuế)"`
 * @category docs
 * @since 0.1.0
 */
const docs: Decode.FieldDocs = {
  "": {
    label: LABEL,
    expects: "must be text: 10 digits, 10 digits and a 3-digit branch suffix, or a 12-digit personal identification number"
  }
}

const subject: Decode.Subject = { code: "tax-code", label: LABEL }

/**
 * Decodes a tax code (not considering any date). Errors list every fault with its code.
 * @example `decode(" 0100233488 ")` → `ok("0100233488")`; `decode("0100233480")` → error with issue `tax-code/check-digit`
 * @category decoding
 * @since 0.1.0
 */
export const decode: (input: unknown) => Result<TaxCode, ValidationError> = Decode.makeDecoder({
  subject,
  schema,
  docs,
  rules: []
})

/**
 * JSON form of a tax code (its canonical text).
 * @example `encode("0314409058-002" as TaxCode)` → `"0314409058-002"`
 * @category encoding
 * @since 0.1.0
 */
export const encode = (code: TaxCode): Encoded => code

/**
 * Why a decoded tax code is not valid on a date, or `undefined`. A 12-digit personal
 * identification number is a tax code only from {@link personalIdFrom}.
 * @example `faultAt("001203004567" as TaxCode, "2025-06-30" as LocalDate)?.code` → `"tax-code/personal-id-too-early"`
 * @category checks
 * @since 0.1.0
 */
export const faultAt = (code: TaxCode, asOf: LocalDate): Fault | undefined =>
  kind(code) === "personal-id" && asOf < personalIdFrom
    ? {
        code: "tax-code/personal-id-too-early",
        message: `${LABEL} ${show(code)} is a 12-digit personal identification number (số định danh cá nhân), which serves as a tax code only from ${personalIdFrom}, not on ${asOf}`
      }
    : undefined

/**
 * Validates tax-code text as of a date: everything {@link decode} checks, plus the date from
 * which a 12-digit personal identification number is accepted (2025-07-01).
 * @example `validate("001203004567", { asOf: "2025-07-01" })` → `ok("001203004567")`; with `asOf: "2025-06-30"` → error `tax-code/personal-id-too-early`
 * @category decoding
 * @since 0.1.0
 */
export const validate = (text: unknown, options: { readonly asOf: LocalDate }): Result<TaxCode, ValidationError> => {
  const r = decode(text)
  if (!r.ok) return r
  const fault = faultAt(r.value, options.asOf)
  if (fault === undefined) return r
  return err(Decode.validationError(subject, [{ code: fault.code, path: [], message: fault.message, actual: text }]))
}
