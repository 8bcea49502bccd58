/**
 * Rounding (làm tròn): a named rule for turning an exact quotient into a whole multiple of a unit
 * of đồng (1 đồng, 1.000 đồng, 1.000.000 đồng …). Every multiplication of money by a rate goes
 * through one of these modes, and every application yields a JSON-serialisable {@link Record}
 * that a trace can store, so a reader can see the exact value, the rounded value and the
 * difference.
 *
 * Directions are defined on the number line, so they behave the same for negative amounts
 * (money in allocation is non-negative, but differences and corrections may not be):
 * - `down`: floor, toward negative infinity (làm tròn xuống). For positive amounts this is
 *   "toward zero"; `-2,5` rounds to `-3`.
 * - `up`: ceiling, toward positive infinity (làm tròn lên). `-2,5` rounds to `-2`.
 * - `half-up`: to the nearest multiple, ties toward positive infinity (làm tròn, 0,5 lên).
 *   `2,5` → `3`, `-2,5` → `-2`.
 * - `half-even`: to the nearest multiple, ties to the even multiple (banker's rounding).
 *   `2,5` → `2`, `3,5` → `4`, `-2,5` → `-2`.
 *
 * Consequences: `down(x) ≤ x ≤ up(x)` always; every rounding moves a value by less than one
 * unit, and the half modes by at most half a unit; shifting the input by a whole number of units
 * shifts the result by the same amount (for `half-even`, by an even number of units).
 *
 * All arithmetic is on `bigint`; nothing here uses floating point or decimal.js.
 *
 * @example
 * ```ts
 * import { Rounding } from "@khuyencong/core"
 * Rounding.divide(1_234_567n, 3n, Rounding.down1000).value // 411000n
 * ```
 * @since 0.1.0
 * @module
 */
import { ArithmeticError, ParseError } from "./Errors.js"
import * as Rate from "./Rate.js"
import { err, ok, type Result } from "./Result.js"

/**
 * Direction of a rounding (hướng làm tròn). See the module header for the exact definitions.
 * @category models
 * @example `Rounding.halfEven1.direction` → `"half-even"`
 * @since 0.1.0
 */
export type Direction = "down" | "up" | "half-up" | "half-even"

/**
 * Identifier of a rounding mode: direction and unit in đồng, e.g. `"down-1000"`.
 * @category models
 * @example `Rounding.down1000.id` → `"down-1000"`
 * @since 0.1.0
 */
export type Id = `${Direction}-${bigint}`

/**
 * A named rounding mode (phương thức làm tròn): round to a multiple of `unit` đồng in
 * `direction`. Modes are frozen objects; compare them by `id`.
 * @category models
 * @example `Rounding.halfUp1000` → `{ id: "half-up-1000", unit: 1000n, direction: "half-up", label: "round half up to 1,000 đồng (làm tròn, 0,5 lên đến nghìn đồng)" }`
 * @since 0.1.0
 */
export interface Mode {
  readonly id: Id
  /** Positive unit in đồng; results are whole multiples of it. */
  readonly unit: bigint
  readonly direction: Direction
  /** Human-readable label in English with the Vietnamese term. */
  readonly label: string
}

/**
 * What one rounding did, as plain strings so it can be stored in a trace and serialised to JSON.
 * Numbers are written in machine form: an integer (`"411522"`), a finite decimal with `.`
 * (`"411522.5"`), or a reduced fraction when the decimal does not terminate (`"1234567/3"`).
 * @category models
 * @example `Rounding.divide(15n, 2n, Rounding.halfUp1).record` → `{ mode: "half-up-1", exact: "7.5", result: "8", difference: "0.5" }`
 * @since 0.1.0
 */
export interface Record {
  /** Id of the mode applied, e.g. `"down-1000"`. */
  readonly mode: Id
  /** The exact value before rounding. */
  readonly exact: string
  /** The rounded value (an integer number of đồng). */
  readonly result: string
  /** `result − exact`: negative when rounding went down, positive when it went up. */
  readonly difference: string
}

/**
 * The outcome of a rounding: the rounded integer and its record.
 * @category models
 * @example `Rounding.apply(1_234_567n, Rounding.down1000).value` → `1234000n`
 * @since 0.1.0
 */
export interface Rounded {
  readonly value: bigint
  readonly record: Record
}

const DIRECTIONS: ReadonlyArray<Direction> = ["down", "up", "half-up", "half-even"]

const directionLabel: { readonly [D in Direction]: readonly [en: string, vi: string] } = {
  down: ["round down", "làm tròn xuống"],
  up: ["round up", "làm tròn lên"],
  "half-up": ["round half up", "làm tròn, 0,5 lên"],
  "half-even": ["round half to even", "làm tròn, 0,5 về số chẵn"]
}

const groupDigits = (digits: string): string => {
  let out = ""
  for (let i = digits.length; i > 0; i -= 3) {
    const group = digits.slice(Math.max(0, i - 3), i)
    out = out === "" ? group : `${group}.${out}`
  }
  return out
}

const unitLabel = (unit: bigint): readonly [en: string, vi: string] => {
  if (unit === 1n) return ["1 đồng", "đến đồng"]
  if (unit === 1_000n) return ["1,000 đồng", "đến nghìn đồng"]
  if (unit === 1_000_000n) return ["1,000,000 đồng", "đến triệu đồng"]
  const s = unit.toString()
  return [`${s.replace(/\B(?=(\d{3})+$)/g, ",")} đồng`, `đến ${groupDigits(s)} đồng`]
}

const build = (direction: Direction, unit: bigint): Mode => {
  const [den, dvi] = directionLabel[direction]
  const [uen, uvi] = unitLabel(unit)
  return Object.freeze({
    id: `${direction}-${unit}` as Id,
    unit,
    direction,
    label: `${den} to ${uen} (${dvi} ${uvi})`
  })
}

/**
 * Round down (floor) to the đồng.
 * @category modes
 * @since 0.1.0
 * @example `Rounding.apply(-5n, Rounding.down1).value` → `-5n`; `Rounding.divide(7n, 2n, Rounding.down1).value` → `3n`
 */
export const down1: Mode = build("down", 1n)
/**
 * Round half up to the đồng.
 * @category modes
 * @since 0.1.0
 * @example `Rounding.divide(5n, 2n, Rounding.halfUp1).value` → `3n`
 */
export const halfUp1: Mode = build("half-up", 1n)
/**
 * Round down (floor) to a multiple of 1.000 đồng.
 * @category modes
 * @since 0.1.0
 * @example `Rounding.apply(1_234_999n, Rounding.down1000).value` → `1_234_000n`
 */
export const down1000: Mode = build("down", 1_000n)
/**
 * Round half up to a multiple of 1.000 đồng.
 * @category modes
 * @since 0.1.0
 * @example `Rounding.apply(1_234_500n, Rounding.halfUp1000).value` → `1_235_000n`
 */
export const halfUp1000: Mode = build("half-up", 1_000n)
/**
 * Round down (floor) to a multiple of 1.000.000 đồng.
 * @category modes
 * @since 0.1.0
 * @example `Rounding.apply(1_999_999n, Rounding.down1000000).value` → `1_000_000n`
 */
export const down1000000: Mode = build("down", 1_000_000n)
/**
 * Round half up to a multiple of 1.000.000 đồng.
 * @category modes
 * @since 0.1.0
 * @example `Rounding.apply(1_500_000n, Rounding.halfUp1000000).value` → `2_000_000n`
 */
export const halfUp1000000: Mode = build("half-up", 1_000_000n)
/**
 * Round up (ceiling) to the đồng.
 * @category modes
 * @since 0.1.0
 * @example `Rounding.divide(7n, 2n, Rounding.up1).value` → `4n`
 */
export const up1: Mode = build("up", 1n)
/**
 * Round half to even (banker's rounding) to the đồng.
 * @category modes
 * @since 0.1.0
 * @example `Rounding.divide(5n, 2n, Rounding.halfEven1).value` → `2n`
 */
export const halfEven1: Mode = build("half-even", 1n)

const known: ReadonlyMap<string, Mode> = new Map(
  [down1, halfUp1, down1000, halfUp1000, down1000000, halfUp1000000, up1, halfEven1].map((m) => [m.id, m])
)

/**
 * A rounding mode for any direction and positive unit. Returns the predefined constant when
 * one exists (so `make("down", 1000n) === down1000`).
 *
 * Throws an `ArithmeticError` (`rounding/invalid-unit`) when `unit ≤ 0`: a unit is configuration
 * written by a programmer, not user input; use {@link byId} to read a mode from text.
 * @category constructors
 * @since 0.1.0
 * @example `Rounding.make("up", 1000n).id` → `"up-1000"`
 */
export const make = (direction: Direction, unit: bigint): Mode => {
  if (unit <= 0n) {
    throw new ArithmeticError({
      code: "rounding/invalid-unit",
      path: [],
      message: `The rounding (làm tròn) unit must be a positive number of đồng, got ${unit}`
    })
  }
  return known.get(`${direction}-${unit}`) ?? build(direction, unit)
}

/**
 * Read a mode from its id, e.g. one stored in a {@link Record}. Accepts any
 * `<direction>-<positive unit>`, not only the predefined constants.
 * @category constructors
 * @since 0.1.0
 * @example `Rounding.byId("half-up-1000")` → `{ ok: true, value: Rounding.halfUp1000 }`; `Rounding.byId("sideways-1").ok` → `false`
 */
export const byId = (id: string): Result<Mode, ParseError> => {
  const hit = known.get(id)
  if (hit !== undefined) return ok(hit)
  const m = /^(down|up|half-up|half-even)-([1-9][0-9]*)$/.exec(id)
  if (m === null || m[1] === undefined || m[2] === undefined) {
    return err(
      new ParseError({
        code: "rounding/unknown-mode",
        path: [],
        raw: id,
        message: `Unknown rounding mode (làm tròn) "${id}": expected <direction>-<unit> with direction one of ${DIRECTIONS.join(", ")}, e.g. "down-1000"`
      })
    )
  }
  return ok(make(m[1] as Direction, BigInt(m[2])))
}

/**
 * Render the exact value `n/d` (with `d > 0`) in machine form: integer, terminating decimal
 * with `.`, or reduced fraction `n/d` (the canonical text of the rate `n/d`, `Rate.toCanonicalString`).
 * Throws an `ArithmeticError` when `d` is `0n`.
 * @category formatting
 * @since 0.1.0
 * @example `Rounding.fractionToString(15n, 2n)` → `"7.5"`; `Rounding.fractionToString(2n, 6n)` → `"1/3"`
 */
export const fractionToString = (n: bigint, d: bigint): string => {
  if (d === 0n) {
    throw new ArithmeticError({ code: "rounding/division-by-zero", path: [], message: "Division by zero (chia cho 0)" })
  }
  return Rate.toCanonicalString(Rate.make(n, d))
}

/**
 * Round `numerator / denominator` to a multiple of `mode.unit` in đồng, exactly, and return the
 * rounded value with its record. Pure bigint arithmetic: no floating point, no decimal.js.
 *
 * Throws an `ArithmeticError` (`rounding/division-by-zero`) when `denominator` is `0n` (a
 * programming error: rates always have a positive denominator).
 * @category rounding
 * @since 0.1.0
 * @example
 * ```ts
 * Rounding.divide(1_234_567n, 3n, Rounding.down1000)
 * // { value: 411000n, record: { mode: "down-1000", exact: "1234567/3", result: "411000", difference: "-1567/3" } }
 * ```
 */
export const divide = (numerator: bigint, denominator: bigint, mode: Mode): Rounded => {
  const value = divideValue(numerator, denominator, mode)
  const d = denominator < 0n ? -denominator : denominator
  const n = denominator < 0n ? -numerator : numerator
  const result = value.toString()
  const remainder = value * d - n
  return {
    value,
    record: {
      mode: mode.id,
      exact: remainder === 0n ? result : fractionToString(n, d),
      result,
      difference: remainder === 0n ? "0" : fractionToString(remainder, d)
    }
  }
}

/**
 * The value {@link divide} computes, without building the record. For inner loops that only
 * compare candidates; anything that ends up in a result should use {@link divide} so the
 * rounding can be traced.
 * @category rounding
 * @since 0.1.0
 * @example `Rounding.divideValue(5n, 2n, Rounding.halfEven1)` → `2n`
 */
export const divideValue = (numerator: bigint, denominator: bigint, mode: Mode): bigint => {
  if (denominator === 0n) {
    throw new ArithmeticError({
      code: "rounding/division-by-zero",
      path: [],
      message: `Cannot round (làm tròn) ${numerator}/0: division by zero`
    })
  }
  if (denominator < 0n) {
    numerator = -numerator
    denominator = -denominator
  }
  const unit = mode.unit
  const divisor = unit === 1n ? denominator : denominator * unit
  let q = numerator / divisor
  let r = numerator % divisor
  if (r < 0n) {
    // floor division: make 0 ≤ r < divisor
    q -= 1n
    r += divisor
  }
  if (r !== 0n) {
    switch (mode.direction) {
      case "down":
        break
      case "up":
        q += 1n
        break
      case "half-up":
        if (2n * r >= divisor) q += 1n
        break
      case "half-even": {
        const twice = 2n * r
        if (twice > divisor || (twice === divisor && q % 2n !== 0n)) q += 1n
        break
      }
    }
  }
  return unit === 1n ? q : q * unit
}

/**
 * `amount × numerator / denominator`, rounded once by `mode`, with its record: the one place an
 * amount of đồng is multiplied by a fraction (a rate, a multiple, a decimal quantity).
 * `Money.multiplyByRate` is this with a `Rate`; inner loops that only need the value use
 * {@link multiplyValue} and record the rounding with this function when they explain it.
 * @category rounding
 * @since 0.2.0
 * @example `Rounding.multiply(1_234_567n, 1n, 3n, Rounding.down1000).value` → `411000n`
 */
export const multiply = (amount: bigint, numerator: bigint, denominator: bigint, mode: Mode): Rounded =>
  divide(amount * numerator, denominator, mode)

/**
 * The value {@link multiply} computes, without building the record: for inner loops (support
 * caps, allocation) that record the rounding later, when a trace asks for it.
 * @category rounding
 * @since 0.2.0
 * @example `Rounding.multiplyValue(800_000_000n, 1n, 2n, Rounding.down1)` → `400000000n`
 */
export const multiplyValue = (amount: bigint, numerator: bigint, denominator: bigint, mode: Mode): bigint =>
  denominator === 1n && mode.unit === 1n ? amount * numerator : divideValue(amount * numerator, denominator, mode)

/**
 * Round an integer amount of đồng to a multiple of `mode.unit`.
 * @category rounding
 * @since 0.1.0
 * @example `Rounding.apply(1_234_567n, Rounding.halfUp1000).value` → `1_235_000n`
 */
export const apply = (amount: bigint, mode: Mode): Rounded => divide(amount, 1n, mode)
