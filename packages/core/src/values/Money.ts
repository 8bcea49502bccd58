/**
 * Money (số tiền): an exact, whole number of Vietnamese đồng, held as a branded `bigint`.
 * There is no smaller unit than the đồng and no floating point anywhere on a money path:
 * sums are exact at any size, and multiplying by a {@link Rate.Rate} (tỷ lệ) always goes through a
 * named {@link Rounding.Mode} (làm tròn) that yields a record for the trace.
 *
 * Text is read the way officials type it into spreadsheets and reports, Vietnamese style
 * (`.` groups thousands, `,` is the decimal separator): `1.500.000.000`, `1500000000`,
 * `1,5 tỷ`, `1 tỷ 350 triệu`, `900 triệu đồng`, `350 nghìn`, `1.500.000.000 ₫`. Anything that
 * would need a guess is refused with a `ParseError` (see {@link parse}).
 *
 * The JSON (encoded) form is a string of decimal digits with an optional leading `-`:
 * `"1500000000"` (see {@link schema}).
 *
 * @example
 * ```ts
 * import { Money } from "@khuyencong/core"
 * Money.format(Money.parseOrThrow("1,35 tỷ")) // "1.350.000.000 ₫"
 * ```
 * @since 0.1.0
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import type * as SchemaAST from "effect/SchemaAST"
import * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaTransformation from "effect/SchemaTransformation"
import { foundAnnotation } from "./Decode.js"
import { leaf, NOT_SURE } from "./internal/compiled.js"
import { found, raw } from "./internal/found.js"
import { ParseError } from "./Errors.js"
import type * as Rate from "./Rate.js"
import { err, ok, orThrow, type Result } from "./Result.js"
import * as Rounding from "./Rounding.js"

declare const MoneyBrand: unique symbol

/**
 * A whole number of đồng (số tiền). A `bigint` at runtime; the brand keeps arbitrary bigints
 * (counts, indexes, numerators) from being mistaken for money.
 * @category models
 * @example `const budget: Money.Money = Money.make(1_350_000_000n)` → `1350000000n`
 * @since 0.1.0
 */
export type Money = bigint & { readonly [MoneyBrand]: "Money" }

// ---------------------------------------------------------------------------------------------
// Constructors

/**
 * Brand a bigint number of đồng as money. Only a `bigint` is money: anything else (a JavaScript
 * number such as `1.5`, `NaN` or `2 ** 60`, text, `undefined`), which only untyped callers can
 * pass, throws a `ParseError` `money/not-bigint` rather than becoming a "Money" that is not a
 * whole number of đồng. Read a number with {@link fromSafeInteger}, text with {@link parse}.
 * @category constructors
 * @since 0.1.0
 * @example `Money.make(1_500_000_000n)` → `1500000000n`; `Money.make(1.5 as never)` throws `ParseError { code: "money/not-bigint" }`
 */
export const make = (n: bigint): Money => {
  if (typeof n !== "bigint") throw notBigint(n)
  return n as Money
}

const notBigint = (u: unknown): ParseError =>
  new ParseError({
    code: "money/not-bigint",
    path: [],
    raw: raw(u),
    message:
      `The amount (số tiền) must be a whole number of đồng as a bigint such as 1500000000n; found ${found(u)}` +
      (typeof u === "number" ? " (read a number with Money.fromSafeInteger, text with Money.parse)" : typeof u === "string" ? " (read text with Money.parse)" : "")
  })

/**
 * Zero đồng.
 * @category constructors
 * @since 0.1.0
 * @example `Money.zero` → `0n`
 */
export const zero: Money = 0n as Money

/**
 * Money from a JavaScript number that is a safe integer (|n| ≤ 2^53 − 1). Fractions, NaN,
 * infinities and unsafe integers (which may already have lost đồng) fail with a `ParseError`
 * (`money/not-safe-integer`).
 * @category constructors
 * @since 0.1.0
 * @example `Money.fromSafeInteger(900_000_000)` → `{ ok: true, value: 900000000n }`; `Money.fromSafeInteger(1.5).ok` → `false`
 */
export const fromSafeInteger = (n: number): Result<Money, ParseError> =>
  Number.isSafeInteger(n)
    ? ok(BigInt(n) as Money)
    : err(
        new ParseError({
          code: "money/not-safe-integer",
          path: [],
          raw: String(n),
          message: `Cannot read the amount (số tiền) ${String(n)}: expected a whole number of đồng within ±9.007.199.254.740.991 (pass larger amounts as text)`
        })
      )

/**
 * Whether a value is money (any bigint is a whole number of đồng).
 * @category guards
 * @since 0.1.0
 * @example `Money.isMoney(5n)` → `true`; `Money.isMoney(5)` → `false`
 */
export const isMoney = (u: unknown): u is Money => typeof u === "bigint"

// ---------------------------------------------------------------------------------------------
// Arithmetic

/**
 * `a + b`, exact.
 * @category arithmetic
 * @since 0.1.0
 * @example `Money.add(Money.make(1n), Money.make(2n))` → `3n`
 */
export const add = (a: Money, b: Money): Money => (a + b) as Money

/**
 * `a − b`, exact (may be negative).
 * @category arithmetic
 * @since 0.1.0
 * @example `Money.subtract(Money.make(1n), Money.make(3n))` → `-2n`
 */
export const subtract = (a: Money, b: Money): Money => (a - b) as Money

/**
 * `−m`.
 * @category arithmetic
 * @since 0.1.0
 * @example `Money.negate(Money.make(5n))` → `-5n`
 */
export const negate = (m: Money): Money => -m as Money

/**
 * `|m|`.
 * @category arithmetic
 * @since 0.1.0
 * @example `Money.abs(Money.make(-5n))` → `5n`
 */
export const abs = (m: Money): Money => (m < 0n ? -m : m) as Money

/**
 * `m × k` for a whole number `k` (a quantity, a count of months …), exact.
 * @category arithmetic
 * @since 0.1.0
 * @example `Money.multiplyByInteger(Money.make(350_000n), 12n)` → `4200000n`
 */
export const multiplyByInteger = (m: Money, k: bigint): Money => (m * k) as Money

/**
 * `m × r`, rounded by a named mode. The only way to apply a rate to money: the exact product
 * `m·numerator/denominator` is computed in bigint and rounded once; `rounding` records the exact
 * value, the result and the difference for the trace.
 * @category arithmetic
 * @since 0.1.0
 * @example
 * ```ts
 * Money.multiplyByRate(Money.make(1_234_567n), Rate.make(1n, 3n), Rounding.down1000)
 * // { value: 411000n, rounding: { mode: "down-1000", exact: "1234567/3", result: "411000", difference: "-1567/3" } }
 * ```
 */
export const multiplyByRate = (
  m: Money,
  r: Rate.Rate,
  mode: Rounding.Mode
): { readonly value: Money; readonly rounding: Rounding.Record } => {
  const { value, record } = Rounding.multiply(m, r.numerator, r.denominator, mode)
  return { value: value as Money, rounding: record }
}

/**
 * Exact total of any number of amounts (0 for none).
 * @category arithmetic
 * @since 0.1.0
 * @example `Money.sum([Money.make(1n), Money.make(2n), Money.make(3n)])` → `6n`
 */
export const sum = (amounts: Iterable<Money>): Money => {
  let total = 0n
  for (const a of amounts) total += a
  return total as Money
}

/**
 * The smallest of one or more amounts.
 * @category arithmetic
 * @since 0.1.0
 * @example `Money.min(Money.make(3n), Money.make(1n), Money.make(2n))` → `1n`
 */
export const min = (first: Money, ...rest: ReadonlyArray<Money>): Money => {
  let m = first
  for (const x of rest) if (x < m) m = x
  return m
}

/**
 * The largest of one or more amounts.
 * @category arithmetic
 * @since 0.1.0
 * @example `Money.max(Money.make(3n), Money.make(1n), Money.make(2n))` → `3n`
 */
export const max = (first: Money, ...rest: ReadonlyArray<Money>): Money => {
  let m = first
  for (const x of rest) if (x > m) m = x
  return m
}

// ---------------------------------------------------------------------------------------------
// Comparison

/**
 * `-1` if `a < b`, `0` if equal, `1` if `a > b`.
 * @category comparison
 * @since 0.1.0
 * @example `Money.compare(Money.make(1n), Money.make(2n))` → `-1`
 */
export const compare = (a: Money, b: Money): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/**
 * `a = b`.
 * @category comparison
 * @since 0.1.0
 * @example `Money.equals(Money.make(2n), Money.make(2n))` → `true`
 */
export const equals = (a: Money, b: Money): boolean => a === b

/**
 * `a < b`.
 * @category comparison
 * @since 0.1.0
 * @example `Money.lessThan(Money.make(1n), Money.make(2n))` → `true`
 */
export const lessThan = (a: Money, b: Money): boolean => a < b

/**
 * `a > b`.
 * @category comparison
 * @since 0.1.0
 * @example `Money.greaterThan(Money.make(1n), Money.make(2n))` → `false`
 */
export const greaterThan = (a: Money, b: Money): boolean => a > b

/**
 * `m < 0`.
 * @category comparison
 * @since 0.1.0
 * @example `Money.isNegative(Money.make(-1n))` → `true`
 */
export const isNegative = (m: Money): boolean => m < 0n

/**
 * `m = 0`.
 * @category comparison
 * @since 0.1.0
 * @example `Money.isZero(Money.zero)` → `true`
 */
export const isZero = (m: Money): boolean => m === 0n

// ---------------------------------------------------------------------------------------------
// Reading text

const UNIT_VALUE: { readonly [word: string]: bigint } = {
  tỷ: 1_000_000_000n,
  tỉ: 1_000_000_000n,
  triệu: 1_000_000n,
  nghìn: 1_000n,
  ngàn: 1_000n
}

const UNIT_NAME = new Map<bigint, string>([
  [1_000_000_000n, "tỷ"],
  [1_000_000n, "triệu"],
  [1_000n, "nghìn"],
  [1n, "đồng"]
])

const EXPECTED = "expected đồng such as 1.500.000.000 or 1,5 tỷ"

const fail = (code: string, raw: string, detail: string = EXPECTED): Err => ({
  ok: false,
  error: new ParseError({ code, path: [], raw, message: `Cannot read the amount (số tiền) ${JSON.stringify(raw)}: ${detail}` })
})
type Err = { readonly ok: false; readonly error: ParseError }

const normalise = (text: string): string =>
  text
    .normalize("NFC")
    .replace(/[\s\u00A0\u2007\u2009\u202F\u200B\uFEFF]+/g, " ")
    .replace(/[\u2212\u2013]/g, "-")
    .trim()
    .toLowerCase()

const CURRENCY = /\s*(?:₫|đồng|vnđ|vnd|đ)$/
// number (digits with optional "." groups), optional "," fraction (stray spaces after the comma
// allowed), optional unit word; terms separated by optional spaces.
const TERM = /\s*([0-9][0-9.]*)(?:,\s*([0-9]+))?\s*(tỷ|tỉ|triệu|nghìn|ngàn)?(?![\p{L}\p{N}])/uy
const GROUPED = /^[0-9]{1,3}(?:\.[0-9]{3})+$/
const PLAIN = /^[0-9]+$/

interface Term {
  readonly text: string
  readonly whole: bigint
  readonly fraction: string
  readonly unit: bigint | undefined
}

/**
 * Read an amount of đồng from text, the way it is written in Vietnamese spreadsheets and reports.
 *
 * Accepted:
 * - digits, optionally grouped by `.` in threes: `1.500.000.000`, `1500000000`;
 * - a number with a unit word, `,` as decimal separator: `1,5 tỷ`, `1,5 tỉ`, `900 triệu`,
 *   `350 nghìn`, `350 ngàn`, also `1, 35 tỷ` (space after the comma, as found in press copy);
 * - a compound with strictly decreasing units, each part smaller than the unit before it:
 *   `1 tỷ 350 triệu`, `2 triệu 500 nghìn`;
 * - a currency suffix `đ`, `₫`, `đồng`, `VNĐ`, `VND` (any case); a leading `-`; surrounding and
 *   non-breaking spaces; upper case unit words.
 *
 * Refused (error `code`, always with `raw` = the exact input and an empty `path`):
 * - `money/empty`: nothing but spaces;
 * - `money/bad-grouping`: `.` not grouping exactly three digits (`1.50.000`, `1.5 tỷ`: write
 *   `1,5 tỷ`);
 * - `money/fractional-dong`: the value is not a whole number of đồng (`1,5 đồng`,
 *   `1,0000000005 tỷ`). Without a unit word a `,` is only accepted when the digits after it are
 *   all zeros (`1.500.000,00`): `1,5` or `1,500` could be an English thousands separator, so it
 *   is refused rather than guessed;
 * - `money/bad-compound`: a compound whose units do not decrease, whose part overflows the unit
 *   before it (`1 tỷ 1500 triệu`), or that ends with a bare number (`2 triệu 500`: in speech this
 *   means 2.500.000, so it is ambiguous);
 * - `money/unparseable`: anything else (`abc`, `1e9`, `1 500 000`, `mười tỷ`);
 * - `money/not-text`: not a string at all (a number, `undefined` …: only untyped callers can pass
 *   one), with `raw` = `String(input)`.
 * @category parsing
 * @since 0.1.0
 * @example
 * ```ts
 * Money.parse("1,5 tỷ")        // { ok: true, value: 1500000000n }
 * Money.parse("1 tỷ 350 triệu") // { ok: true, value: 1350000000n }
 * Money.parse("abc")           // { ok: false, error: ParseError { code: "money/unparseable", raw: "abc" } }
 * ```
 */
export const parse = (text: string): Result<Money, ParseError> => {
  if (typeof text !== "string")
    return err(
      new ParseError({
        code: "money/not-text",
        path: [],
        raw: raw(text),
        message: `Cannot read the amount (số tiền): expected text such as "1.500.000.000" or "1,5 tỷ", found ${found(text)}${typeof text === "number" ? " (read a number with Money.fromSafeInteger)" : ""}`
      })
    )
  let s = normalise(text)
  if (s === "") return fail("money/empty", text, `the text is empty; ${EXPECTED}`)
  const withoutCurrency = s.replace(CURRENCY, "")
  const currencyGiven = withoutCurrency !== s
  s = withoutCurrency
  let negative = false
  if (s.startsWith("-")) {
    negative = true
    s = s.slice(1).trimStart()
  }
  if (s === "") return fail("money/unparseable", text)

  const terms: Array<Term> = []
  let pos = 0
  while (pos < s.length) {
    TERM.lastIndex = pos
    const m = TERM.exec(s)
    if (m === null || m[0] === "") return fail("money/unparseable", text)
    pos = TERM.lastIndex
    const intText = m[1] ?? ""
    if (!PLAIN.test(intText)) {
      if (!GROUPED.test(intText)) {
        return fail(
          "money/bad-grouping",
          text,
          `"${intText}" does not group thousands by "." in threes; write 1.500.000 for one and a half million, or 1,5 triệu (Vietnamese style: "." groups thousands, "," is the decimal separator)`
        )
      }
    }
    const unitWord = m[3]
    terms.push({
      text: m[0].trim(),
      whole: BigInt(intText.replaceAll(".", "")),
      fraction: m[2] ?? "",
      unit: unitWord === undefined ? undefined : UNIT_VALUE[unitWord]
    })
  }

  let total = 0n
  let previousUnit: bigint | undefined
  for (let i = 0; i < terms.length; i++) {
    const t = terms[i] as Term
    if (t.unit === undefined && i < terms.length - 1) {
      return fail(
        "money/unparseable",
        text,
        `numbers separated by spaces are not read as thousands groups; write 1.500.000 or 1 tỷ 350 triệu`
      )
    }
    if (t.unit === undefined && i > 0) {
      return fail(
        "money/bad-compound",
        text,
        `the bare number "${t.text}" after "${terms[i - 1]?.text ?? ""}" is ambiguous; name its unit (e.g. 2 triệu 500 nghìn)`
      )
    }
    const unit = t.unit ?? 1n
    const scale = 10n ** BigInt(t.fraction.length)
    const scaled = (t.whole * scale + (t.fraction === "" ? 0n : BigInt(t.fraction))) * unit
    if (scaled % scale !== 0n) {
      return fail(
        "money/fractional-dong",
        text,
        t.unit === undefined && !currencyGiven
          ? `the amount is not a whole number of đồng; without a unit word "," is the decimal separator (Vietnamese style), so "${t.text}" would be a fraction of a đồng. Write 1.500 for one thousand five hundred, or add a unit (1,5 triệu)`
          : `"${t.text}${t.unit === undefined ? " đồng" : ""}" is not a whole number of đồng (there is no fraction of a đồng)`
      )
    }
    const value = scaled / scale
    // each later part uses a smaller unit and stays below the unit before it:
    // "1 tỷ 999 triệu", not "1 tỷ 1500 triệu" nor "1 triệu 2 tỷ"
    if (previousUnit !== undefined && (unit >= previousUnit || value >= previousUnit)) {
      return fail(
        "money/bad-compound",
        text,
        `in a compound amount each part must use a smaller unit and stay below the unit before it (e.g. 1 tỷ 350 triệu)`
      )
    }
    previousUnit = unit
    total += value
  }
  return ok((negative ? -total : total) as Money)
}

/**
 * {@link parse}, throwing the `ParseError`. For scripts and tests.
 * @function
 * @category parsing
 * @since 0.1.0
 * @example `Money.parseOrThrow("900 triệu")` → `900000000n`
 */
export const parseOrThrow = orThrow(parse)

// ---------------------------------------------------------------------------------------------
// Writing text

const groupThousands = (digits: string): string => {
  const head = digits.length % 3 || 3
  let out = digits.slice(0, head)
  for (let i = head; i < digits.length; i += 3) out += "." + digits.slice(i, i + 3)
  return out
}

/**
 * Options for {@link format}: `"full"` (default) writes every đồng with `.` grouping and `₫`;
 * `"words"` writes the largest unit word with an exact `,` decimal and `đồng`.
 * @category formatting
 * @example `Money.format(Money.make(900_000_000n), { style: "words" })` → `"900 triệu đồng"`
 * @since 0.1.0
 */
export interface FormatOptions {
  readonly style?: "full" | "words" | undefined
}

/**
 * Vietnamese text for an amount, exact (never rounded), readable back by {@link parse}.
 *
 * - default (`style: "full"`): `1.500.000.000 ₫`, `-1.500.000 ₫`, `0 ₫`;
 * - `style: "words"`: the largest unit among tỷ, triệu, nghìn that the amount reaches, with the
 *   exact value after a `,`: `1,35 tỷ đồng`, `900 triệu đồng`, `1,234567891 tỷ đồng`,
 *   `500 đồng`.
 *
 * Spaces are ordinary spaces (U+0020).
 * @category formatting
 * @since 0.1.0
 * @example `Money.format(Money.make(1_350_000_000n), { style: "words" })` → `"1,35 tỷ đồng"`; `Money.format(Money.make(-1_500_000n))` → `"-1.500.000 ₫"`
 */
export const format = (m: Money, options?: FormatOptions): string => {
  const negative = m < 0n
  const a: bigint = negative ? -m : m
  const sign = negative ? "-" : ""
  if (options?.style !== "words") return `${sign}${groupThousands(a.toString())} ₫`
  const unit = a >= 1_000_000_000n ? 1_000_000_000n : a >= 1_000_000n ? 1_000_000n : a >= 1_000n ? 1_000n : 1n
  if (unit === 1n) return `${sign}${a} đồng`
  const whole = a / unit
  const rest = a % unit
  const places = unit.toString().length - 1
  const fraction = rest === 0n ? "" : "," + rest.toString().padStart(places, "0").replace(/0+$/, "")
  return `${sign}${groupThousands(whole.toString())}${fraction} ${UNIT_NAME.get(unit) ?? ""} đồng`
}

// ---------------------------------------------------------------------------------------------
// Schema

/**
 * Schema of the decoded type alone: any bigint.
 * @category schemas
 * @since 0.1.0
 * @example `Schema.is(Money.MoneyFromSelf)(5n)` → `true`
 */
export const MoneyFromSelf = Schema.declare<Money>(isMoney, {
  title: "Money",
  description: "An amount of money (số tiền) in whole đồng"
})

const DIGITS = /^-?[0-9]+$/

/**
 * The amount a JSON value holds in the encoded form: decimal digits with an optional leading `-`,
 * or a number that is a safe integer; else undefined. The one reading of {@link schema} (its
 * transformation, and its compiled leaf).
 */
let lastInput: unknown
let lastAmount: Money | undefined
const amountOf = (u: unknown): Money | undefined => {
  // the amount read last, again: one bigint for both (a cost line's unit cost and total are
  // often one amount; a bigint cannot change, so nothing can tell the two apart)
  if (u === lastInput && u !== undefined) return lastAmount
  const m =
    typeof u === "string"
      ? DIGITS.test(u)
        ? (BigInt(u) as Money)
        : undefined
      : typeof u === "number" && Number.isSafeInteger(u)
        ? (BigInt(u) as Money)
        : undefined
  if (m !== undefined) {
    lastInput = u
    lastAmount = m
  }
  return m
}

/** What {@link nonNegativeSchema} adds. */
const isNonNegative = (m: Money): boolean => m >= 0n

/**
 * What a field's message says was found: the input and, when {@link parse} reads the text, what
 * it means and its wire form, e.g. `found "1,2 tỷ" (that reads as 1.200.000.000 ₫: write "1200000000")`.
 */
const foundText = (input: unknown): string => {
  if (typeof input !== "string") return `found ${raw(input)}`
  const read = parse(input)
  return read.ok
    ? `found ${JSON.stringify(input)} (that reads as ${format(read.value)}: write "${read.value}")`
    : `found ${JSON.stringify(input)}`
}

const invalid = (input: unknown, options: SchemaAST.ParseOptions, detail: string) =>
  new SchemaIssue.InvalidValue(
    {
      message: `Cannot read the amount (số tiền) ${typeof input === "string" ? JSON.stringify(input) : raw(input)}: ${detail}`,
      code: "money/unparseable",
      [foundAnnotation]: foundText(input)
    },
    input,
    options
  )

/**
 * Effect Schema for money. Encoded form: a string of decimal digits with an optional leading
 * `-` (`"1500000000"`); decoding also accepts a JSON number that is a safe integer. Encoding
 * always produces the string. Anything else (`"1.500.000"`, `"1,5 tỷ"`, `1.5`, `1e20`) is an
 * `InvalidValue` issue whose message names số tiền and whose `code` annotation is
 * `money/unparseable`; its `Decode.foundAnnotation` says what was found and, when
 * {@link parse} reads the text, what it means (`found "1,2 tỷ" (that reads as 1.200.000.000 ₫:
 * write "1200000000")`), for the field's message. Use {@link parse} for human-typed text.
 * @category schemas
 * @since 0.1.0
 * @example `Schema.decodeUnknownSync(Money.schema)("1500000000")` → `1500000000n`; `Schema.encodeSync(Money.schema)(Money.make(-5n))` → `"-5"`
 */
export const schema = leaf(
  Schema.Union([Schema.String, Schema.Number]).pipe(
    Schema.decodeTo(
      MoneyFromSelf,
      SchemaTransformation.transformEffect<Money, string | number>({
        decode: (input, options) => {
          const m = amountOf(input)
          if (m !== undefined) return Effect.succeed(m)
          return Effect.fail(
            typeof input === "number"
              ? invalid(input, options, "expected a whole number of đồng within ±9007199254740991; send larger amounts as a string of digits such as \"1500000000\"")
              : invalid(input, options, 'expected a string of decimal digits such as "1500000000"')
          )
        },
        encode: (m) => Effect.succeed(m.toString())
      })
    )
  ),
  // the union (a string or a number), the transformation, the declaration (a bigint)
  (u) => amountOf(u) ?? NOT_SURE
)

/**
 * {@link schema} restricted to amounts ≥ 0 (a negative amount is an `InvalidValue` issue with
 * code `money/negative`).
 * @category schemas
 * @since 0.1.0
 * @example `Schema.decodeUnknownSync(Money.nonNegativeSchema)("0")` → `0n`; decoding `"-1"` fails
 */
export const nonNegativeSchema = leaf(
  schema.check(
    Schema.makeFilter<Money>((m) =>
      isNonNegative(m)
        ? undefined
        : new SchemaIssue.InvalidValue(
            { message: `The amount (số tiền) ${m} đồng must not be negative`, code: "money/negative", [foundAnnotation]: `found ${m}` },
            m
          )
    )
  ),
  (u) => {
    const m = amountOf(u)
    return m !== undefined && isNonNegative(m) ? m : NOT_SURE
  }
)
