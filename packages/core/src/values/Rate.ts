/**
 * Rate (tỷ lệ): an exact ratio such as a support rate (mức hỗ trợ, "30%") or a share of a budget,
 * stored as a reduced fraction of bigints `{ numerator, denominator }` with `denominator > 0`.
 * No floating point: `0,1 + 0,2` is exactly `3/10`.
 *
 * Text is read and written at the edges only:
 * - `"30%"` is self-describing; a bare number (`"30"`, `"0,3"`) must say whether it is a percent
 *   or a fraction (`{ unit: "percent" | "fraction" }`), otherwise parsing fails with
 *   `rate/unit-required`: the library never guesses.
 * - Decimals may use `,` (Vietnamese) or `.` as the decimal separator; thousands grouping is not
 *   accepted in rates.
 * - `"1/3"` (a fraction with no finite decimal) is accepted everywhere.
 *
 * Parsing and formatting are done on bigint digit strings, so they are exact at any length.
 *
 * @example
 * ```ts
 * import { Rate } from "@khuyencong/core"
 * Rate.parse("30%") // { ok: true, value: { numerator: 3n, denominator: 10n } }
 * ```
 * @since 0.1.0
 * @module
 */
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import * as SchemaTransformation from "effect/SchemaTransformation"
import { ArithmeticError, ParseError } from "./Errors.js"
import { err, ok, orThrow, type Result } from "./Result.js"
import { found, raw } from "./internal/found.js"

declare const RateBrand: unique symbol

/**
 * An exact, reduced, non-mutable fraction with a positive denominator.
 * Build it with {@link make}, {@link fromFraction} or {@link parse}; never by hand.
 * @category models
 * @example `Rate.make(30n, 100n)` → `{ numerator: 3n, denominator: 10n }`
 * @since 0.1.0
 */
export interface Rate {
  readonly numerator: bigint
  readonly denominator: bigint
  readonly [RateBrand]: "Rate"
}

/**
 * How to read a bare number: `"percent"` (`"30"` → 30%) or `"fraction"` (`"0,3"` → 30%).
 * @category models
 * @example `Rate.parse("30", { unit: "percent" })` → `{ ok: true, value: { numerator: 3n, denominator: 10n } }`
 * @since 0.1.0
 */
export type Unit = "percent" | "fraction"

const gcd = (a: bigint, b: bigint): bigint => {
  if (a < 0n) a = -a
  if (b < 0n) b = -b
  while (b !== 0n) {
    const t = a % b
    a = b
    b = t
  }
  return a
}

const unsafeReduced = (numerator: bigint, denominator: bigint): Rate =>
  Object.freeze({ numerator, denominator }) as Rate

const reduce = (n: bigint, d: bigint): Rate => {
  if (d < 0n) {
    n = -n
    d = -d
  }
  const g = gcd(n, d)
  return g === 1n ? unsafeReduced(n, d) : unsafeReduced(n / g, d / g)
}

const zeroDenominator = (n: bigint): ArithmeticError =>
  new ArithmeticError({
    code: "rate/zero-denominator",
    path: [],
    message: `The rate (tỷ lệ) ${n}/0 has a zero denominator`
  })

/**
 * `numerator / denominator`, reduced. Throws an `ArithmeticError` (`rate/zero-denominator`) when
 * `denominator` is `0n`: use it for constants written in code, and {@link fromFraction} or
 * {@link parse} for input.
 * @category constructors
 * @since 0.1.0
 * @example `Rate.make(30n, 100n)` → `{ numerator: 3n, denominator: 10n }`
 */
export const make = (numerator: bigint, denominator: bigint): Rate => {
  if (denominator === 0n) throw zeroDenominator(numerator)
  return reduce(numerator, denominator)
}

/**
 * `numerator / denominator`, reduced, or an `ArithmeticError` (`rate/zero-denominator`).
 * @category constructors
 * @since 0.1.0
 * @example `Rate.fromFraction(6n, -8n)` → `{ ok: true, value: { numerator: -3n, denominator: 4n } }`; `Rate.fromFraction(1n, 0n).ok` → `false`
 */
export const fromFraction = (numerator: bigint, denominator: bigint): Result<Rate, ArithmeticError> =>
  denominator === 0n ? err(zeroDenominator(numerator)) : ok(reduce(numerator, denominator))

/**
 * The rate 0.
 * @category constants
 * @since 0.1.0
 * @example `Rate.format(Rate.zero)` → `"0%"`
 */
export const zero: Rate = unsafeReduced(0n, 1n)

/**
 * The rate 1 (100%).
 * @category constants
 * @since 0.1.0
 * @example `Rate.format(Rate.one)` → `"100%"`
 */
export const one: Rate = unsafeReduced(1n, 1n)

/**
 * Whether `u` has the shape of a fraction: bigint `numerator` and `denominator`, the denominator
 * positive, reduced or not. Rule packs may write a rate unreduced (`30/100`); {@link make} reduces
 * it. Use {@link isRate} to also require the reduced form.
 * @category guards
 * @since 0.2.0
 * @example `Rate.isFraction({ numerator: 30n, denominator: 100n })` → `true`; `Rate.isFraction({ numerator: 1n, denominator: 0n })` → `false`
 */
export const isFraction = (u: unknown): u is { readonly numerator: bigint; readonly denominator: bigint } => {
  if (typeof u !== "object" || u === null || Array.isArray(u)) return false
  const { numerator, denominator } = u as { numerator?: unknown; denominator?: unknown }
  return typeof numerator === "bigint" && typeof denominator === "bigint" && denominator > 0n
}

/**
 * Whether `u` is a well-formed rate: bigint fields, positive denominator, reduced.
 * @category guards
 * @since 0.1.0
 * @example `Rate.isRate(Rate.one)` → `true`; `Rate.isRate({ numerator: 2n, denominator: 4n })` → `false`
 */
export const isRate = (u: unknown): u is Rate => isFraction(u) && gcd(u.numerator, u.denominator) === 1n

// ---------------------------------------------------------------------------------------------
// Reading text

interface Decimal {
  readonly negative: boolean
  readonly digits: string // integer and fraction digits concatenated, no sign
  readonly scale: number // number of fraction digits
}

const normalise = (text: string): string =>
  text
    .normalize("NFC")
    .replace(/[\u00A0\u2007\u2009\u202F\u200B\uFEFF]/g, " ")
    .replace(/\u2212/g, "-")
    .trim()

const DECIMAL = /^(-?)\s*([0-9]+)(?:\s*[.,]\s*([0-9]+))?$/
const FRACTION = /^(-?)\s*([0-9]+)\s*\/\s*([0-9]+)$/

const readDecimal = (s: string): Decimal | undefined => {
  const m = DECIMAL.exec(s)
  if (m === null) return undefined
  const frac = m[3] ?? ""
  return { negative: m[1] === "-", digits: (m[2] ?? "") + frac, scale: frac.length }
}

const decimalToRate = (d: Decimal, extraScale: number): Rate => {
  const n = BigInt(d.digits)
  return reduce(d.negative ? -n : n, 10n ** BigInt(d.scale + extraScale))
}

const parseError = (code: string, raw: string, detail: string): ParseError =>
  new ParseError({ code, path: [], raw, message: `Cannot read the rate (tỷ lệ) "${raw}": ${detail}` })

const EXAMPLES = 'such as 30%, 0,3 or 1/3'

/**
 * Read a rate from text.
 *
 * - `"30%"`, `"12,5 %"`, `"12.5%"`: a percent, whatever `unit` says;
 * - `"1/3"`: an exact fraction (`rate/zero-denominator` if the denominator is 0);
 * - a bare number (`"30"`, `"0,3"`, `"0.3"`): read with `options.unit`; without it the text is
 *   ambiguous and fails with `rate/unit-required`.
 *
 * Surrounding whitespace, non-breaking spaces and a leading `-` are accepted. Other failures:
 * `rate/empty`, `rate/unparseable`, `rate/not-text` (not a string at all: only untyped callers can
 * pass one). Every error carries `raw`, the exact input (`String(input)` for `rate/not-text`).
 * @category parsing
 * @since 0.1.0
 * @example
 * ```ts
 * Rate.parse("30%")                          // ok 3/10
 * Rate.parse("0,3", { unit: "fraction" })    // ok 3/10
 * Rate.parse("30", { unit: "percent" })      // ok 3/10
 * Rate.parse("30")                           // error rate/unit-required
 * ```
 */
export const parse = (text: string, options?: { readonly unit?: Unit | undefined }): Result<Rate, ParseError> => {
  if (typeof text !== "string") {
    return err(new ParseError({ code: "rate/not-text", path: [], raw: raw(text), message: `Cannot read the rate (tỷ lệ): expected text ${EXAMPLES}, found ${found(text)}` }))
  }
  const s = normalise(text)
  if (s === "") return err(parseError("rate/empty", text, `the text is empty; expected a rate ${EXAMPLES}`))
  if (s.endsWith("%")) {
    const d = readDecimal(s.slice(0, -1).trimEnd())
    if (d === undefined) {
      return err(parseError("rate/unparseable", text, `expected a percentage such as 30% or 12,5%`))
    }
    return ok(decimalToRate(d, 2))
  }
  const f = FRACTION.exec(s)
  if (f !== null) {
    const den = BigInt(f[3] ?? "0")
    const num = BigInt(f[2] ?? "0")
    if (den === 0n) return err(parseError("rate/zero-denominator", text, "the denominator is zero"))
    return ok(reduce(f[1] === "-" ? -num : num, den))
  }
  const d = readDecimal(s)
  if (d === undefined) return err(parseError("rate/unparseable", text, `expected a rate ${EXAMPLES}`))
  const unit = options?.unit
  if (unit === undefined) {
    return err(
      parseError(
        "rate/unit-required",
        text,
        `a bare number is ambiguous; write it as a percentage (${s}%) or say whether it is a percent or a fraction ({ unit: "percent" | "fraction" })`
      )
    )
  }
  return ok(decimalToRate(d, unit === "percent" ? 2 : 0))
}

/**
 * Read a number of percent: `"30"` → 30%. Also accepts `"12,5"`, `"12.5"` and a trailing `%`.
 * @category parsing
 * @since 0.1.0
 * @example `Rate.fromPercent("12,5")` → `{ ok: true, value: { numerator: 1n, denominator: 8n } }`
 */
export const fromPercent = (text: string): Result<Rate, ParseError> => parse(text, { unit: "percent" })

/**
 * Read a decimal fraction: `"0.3"` or `"0,3"` → 30%. Also accepts `"1/3"` and `"30%"`.
 * @category parsing
 * @since 0.1.0
 * @example `Rate.fromDecimalString("0.125")` → `{ ok: true, value: { numerator: 1n, denominator: 8n } }`
 */
export const fromDecimalString = (text: string): Result<Rate, ParseError> => parse(text, { unit: "fraction" })

/**
 * {@link parse}, throwing the `ParseError`. For scripts and tests.
 * @function
 * @category parsing
 * @since 0.1.0
 * @example `Rate.parseOrThrow("30%")` → `{ numerator: 3n, denominator: 10n }`
 */
export const parseOrThrow = orThrow(parse)

// ---------------------------------------------------------------------------------------------
// Writing text

/** Number of decimal digits `n/d` needs (d > 0, reduced), or undefined if it does not terminate. */
const terminatingScale = (d: bigint): number | undefined => {
  let twos = 0
  let fives = 0
  while (d % 2n === 0n) {
    d /= 2n
    twos++
  }
  while (d % 5n === 0n) {
    d /= 5n
    fives++
  }
  return d === 1n ? Math.max(twos, fives) : undefined
}

/** Exact decimal digits of n/d scaled by 10^shift, with `sep`; undefined when not terminating. */
const exactDecimal = (n: bigint, d: bigint, shift: number, sep: string, maxDigits: number): string | undefined => {
  // value·10^shift = n·10^shift / d
  let num = n * 10n ** BigInt(shift)
  let den = d
  const g = gcd(num, den)
  num /= g
  den /= g
  const k = terminatingScale(den)
  if (k === undefined || k > maxDigits) return undefined
  const scaled = (num * 10n ** BigInt(k)) / den
  const neg = scaled < 0n
  const digits = (neg ? -scaled : scaled).toString().padStart(k + 1, "0")
  const cut = digits.length - k
  return `${neg ? "-" : ""}${digits.slice(0, cut)}${k > 0 ? sep + digits.slice(cut) : ""}`
}

/**
 * The exact decimal (with `.`) of a rate, or an `ArithmeticError` (`rate/non-terminating`) when
 * it has no finite decimal expansion, or needs more than `maxDigits` fractional digits. Never
 * rounds.
 * @category formatting
 * @since 0.1.0
 * @example `Rate.toDecimalString(Rate.make(3n, 8n))` → `{ ok: true, value: "0.375" }`; `Rate.toDecimalString(Rate.make(1n, 3n)).ok` → `false`
 */
export const toDecimalString = (r: Rate, maxDigits: number = Number.POSITIVE_INFINITY): Result<string, ArithmeticError> => {
  const s = exactDecimal(r.numerator, r.denominator, 0, ".", maxDigits)
  if (s !== undefined) return ok(s)
  return err(
    new ArithmeticError({
      code: "rate/non-terminating",
      path: [],
      message: `The rate (tỷ lệ) ${r.numerator}/${r.denominator} has no exact decimal${
        Number.isFinite(maxDigits) ? ` within ${maxDigits} digits` : ""
      }`
    })
  )
}

/**
 * The canonical text of a rate, used as its JSON encoding: the exact decimal with `.` (`"0.3"`,
 * `"1"`), or `"n/d"` when the decimal does not terminate (`"1/3"`).
 * @category formatting
 * @since 0.1.0
 * @example `Rate.toCanonicalString(Rate.make(3n, 10n))` → `"0.3"`; `Rate.toCanonicalString(Rate.make(1n, 3n))` → `"1/3"`
 */
export const toCanonicalString = (r: Rate): string =>
  exactDecimal(r.numerator, r.denominator, 0, ".", Number.POSITIVE_INFINITY) ?? `${r.numerator}/${r.denominator}`

/**
 * Vietnamese display form: a percentage with `,` as decimal separator and no space (`"30%"`,
 * `"12,5%"`), or the fraction `"1/3"` when the percentage has no finite decimal. Exact: no
 * rounding. `parse(format(r))` gives back `r`.
 * @category formatting
 * @since 0.1.0
 * @example `Rate.format(Rate.make(1n, 8n))` → `"12,5%"`; `Rate.format(Rate.make(2n, 3n))` → `"2/3"`
 */
export const format = (r: Rate): string => {
  const s = exactDecimal(r.numerator, r.denominator, 2, ",", Number.POSITIVE_INFINITY)
  return s === undefined ? `${r.numerator}/${r.denominator}` : `${s}%`
}

// ---------------------------------------------------------------------------------------------
// Arithmetic and comparison

/**
 * Compare two rates exactly: `-1`, `0` or `1`.
 * @category comparison
 * @since 0.1.0
 * @example `Rate.compare(Rate.make(1n, 3n), Rate.make(3n, 10n))` → `1`
 */
export const compare = (a: Rate, b: Rate): -1 | 0 | 1 => compareShare(a.numerator, a.denominator, b)

/**
 * Compare the share `part / whole` with a rate exactly, without building a rate: `-1`, `0` or
 * `1`. `whole` must not be negative; the fraction need not be reduced. For a share of money
 * (an advance of the approved support, an allocation of the request) against a rate.
 * @category comparison
 * @since 0.2.0
 * @example `Rate.compareShare(45n, 100n, Rate.make(1n, 2n))` → `-1`; `Rate.compareShare(7n, 10n, Rate.make(70n, 100n))` → `0`
 */
export const compareShare = (part: bigint, whole: bigint, r: { readonly numerator: bigint; readonly denominator: bigint }): -1 | 0 | 1 => {
  const left = part * r.denominator
  const right = r.numerator * whole
  return left < right ? -1 : left > right ? 1 : 0
}

/**
 * Exact equality (rates are reduced, so fields are compared).
 * @category comparison
 * @since 0.1.0
 * @example `Rate.equals(Rate.make(2n, 4n), Rate.make(1n, 2n))` → `true`
 */
export const equals = (a: Rate, b: Rate): boolean =>
  a.numerator === b.numerator && a.denominator === b.denominator

/**
 * Whether `r ≤ bound`; the bound may be a rate or a whole number (`1n` for 100%).
 * @category comparison
 * @since 0.1.0
 * @example `Rate.isAtMost(Rate.make(7n, 10n), 1n)` → `true`; `Rate.isAtMost(Rate.make(11n, 10n), Rate.one)` → `false`
 */
export const isAtMost = (r: Rate, bound: Rate | bigint): boolean =>
  typeof bound === "bigint" ? r.numerator <= bound * r.denominator : compare(r, bound) <= 0

/**
 * Whether a rate is a share: between 0 and 1 (0 %–100 %) inclusive. Works on unreduced fractions
 * too (see {@link isFraction}).
 * @category comparison
 * @since 0.2.0
 * @example `Rate.isShare(Rate.make(7n, 10n))` → `true`; `Rate.isShare(Rate.make(3n, 2n))` → `false`
 */
export const isShare = (r: { readonly numerator: bigint; readonly denominator: bigint }): boolean =>
  r.numerator >= 0n && r.numerator <= r.denominator

/**
 * Exact product of two rates.
 * @category arithmetic
 * @since 0.1.0
 * @example `Rate.multiply(Rate.make(1n, 2n), Rate.make(3n, 10n))` → `{ numerator: 3n, denominator: 20n }`
 */
export const multiply = (a: Rate, b: Rate): Rate => reduce(a.numerator * b.numerator, a.denominator * b.denominator)

// ---------------------------------------------------------------------------------------------
// Schema

/**
 * Schema of the decoded type alone: accepts only well-formed {@link Rate} values.
 * @category schemas
 * @since 0.1.0
 * @example `Schema.is(Rate.RateFromSelf)(Rate.one)` → `true`
 */
export const RateFromSelf = Schema.declare<Rate>(isRate, {
  title: "Rate",
  description: "An exact rate (tỷ lệ): reduced fraction of bigints with a positive denominator"
})

const CANONICAL = /^-?[0-9]+(?:\.[0-9]+)?$/

/**
 * Effect Schema for a rate encoded as its canonical text (see {@link toCanonicalString}):
 * an exact decimal with `.` (`"0.3"`) or a fraction (`"1/3"`). Decoding accepts both forms
 * (not `%`, not `,`: the encoded form is machine text); encoding always produces the canonical
 * text. Failures are `InvalidValue` issues with a message naming tỷ lệ and a `code` annotation.
 * @category schemas
 * @since 0.1.0
 * @example `Schema.decodeUnknownSync(Rate.schema)("0.3")` → `{ numerator: 3n, denominator: 10n }`; `Schema.encodeSync(Rate.schema)(Rate.make(1n, 3n))` → `"1/3"`
 */
export const schema = Schema.String.pipe(
  Schema.decodeTo(
    RateFromSelf,
    SchemaTransformation.transformEffect<Rate, string>({
      decode: (s, options) => {
        if (CANONICAL.test(s) || /^-?[0-9]+\/[0-9]+$/.test(s)) {
          const r = parse(s, { unit: "fraction" })
          if (r.ok) return Effect.succeed(r.value)
          return Effect.fail(
            new SchemaIssue.InvalidValue({ message: r.error.message, code: r.error.code }, s, options)
          )
        }
        return Effect.fail(
          new SchemaIssue.InvalidValue(
            {
              message: `Cannot read the rate (tỷ lệ) ${JSON.stringify(s)}: expected a decimal with "." such as "0.3" or a fraction such as "1/3"`,
              code: "rate/unparseable"
            },
            s,
            options
          )
        )
      },
      encode: (r) => Effect.succeed(toCanonicalString(r))
    })
  )
)
