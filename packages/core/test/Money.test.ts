import { fc, test } from "@fast-check/vitest"
import { Decimal } from "decimal.js"
import { Result as EffectResult, Schema } from "effect"
import { describe, expect } from "vitest"
import { ParseError } from "../src/values/Errors.js"
import * as Money from "../src/values/Money.js"
import * as Rate from "../src/values/Rate.js"
import * as Rounding from "../src/values/Rounding.js"

const M = Money.make
const E18 = 10n ** 18n
const moneyArb = fc.bigInt({ min: -E18, max: E18 }).map(M)
/** Amounts with many trailing zeros, so the words style has short fractions and whole units. */
const roundishArb = fc
  .tuple(fc.bigInt({ min: -999_999n, max: 999_999n }), fc.integer({ min: 0, max: 12 }))
  .map(([n, k]) => M(n * 10n ** BigInt(k)))

/** Reference arithmetic for tests only: decimal.js, 60 significant digits (never the default 20). */
const D = Decimal.clone({ precision: 60 })

const parsed = (text: string) => {
  const r = Money.parse(text)
  return r.ok ? r.value : `${r.error.code}`
}

describe("Money construction", () => {
  test("make, zero", () => {
    expect(M(1_500_000_000n)).toBe(1_500_000_000n)
    expect(Money.zero).toBe(0n)
  })

  test("fromSafeInteger accepts safe integers", () => {
    expect(Money.fromSafeInteger(900_000_000)).toEqual({ ok: true, value: 900_000_000n })
    expect(Money.fromSafeInteger(-(2 ** 53 - 1))).toEqual({ ok: true, value: -(2n ** 53n - 1n) })
    expect(Money.fromSafeInteger(0)).toEqual({ ok: true, value: 0n })
  })

  test.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -(2 ** 53), 1e20, 0.1 + 0.2])(
    "fromSafeInteger refuses %s",
    (n) => {
      const r = Money.fromSafeInteger(n)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error).toBeInstanceOf(ParseError)
        expect(r.error.code).toBe("money/not-safe-integer")
        expect(r.error.raw).toBe(String(n))
        expect(r.error.message).toContain("số tiền")
      }
    }
  )

  // Money.make(1.5) used to return the number 1.5, a "Money" that is not a whole number of đồng
  test.each([
    [1.5, "the number 1.5"],
    [Number.NaN, "the number NaN"],
    [2 ** 60, `the number ${2 ** 60}`],
    [900_000_000, "the number 900000000"],
    ["1500000", 'the text "1500000"'],
    [undefined, "undefined undefined"],
    [null, "null"]
  ])("make refuses %s with a ParseError money/not-bigint", (input, found) => {
    let thrown: unknown
    try {
      Money.make(input as never)
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(ParseError)
    const e = thrown as ParseError
    expect(e.code).toBe("money/not-bigint")
    expect(e.raw).toBe(String(input))
    expect(e.message).toContain("The amount (số tiền) must be a whole number of đồng as a bigint")
    expect(e.message).toContain(`found ${found}`)
  })

  test.each([{ toString: 0 }, Object.create(null), { toString: () => { throw new Error("no") } }])(
    "make refuses an object that cannot be turned into text with a ParseError naming it, not a TypeError (%#)",
    (input) => {
      let error: unknown
      try {
        Money.make(input as never)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ParseError)
      expect((error as ParseError).code).toBe("money/not-bigint")
      expect((error as ParseError).raw).toBe("[object Object]")
      expect((error as ParseError).message).toContain("found an object")
    }
  )

  test("make refuses every value that is not a bigint", () => {
    fc.assert(
      fc.property(fc.anything().filter((u) => typeof u !== "bigint"), (u) => {
        expect(() => Money.make(u as never)).toThrow(ParseError)
      })
    )
  })

  test.each([5, 1.5, undefined, null, {}, ["1"]])("parse of a non-string %s is a ParseError money/not-text, not a TypeError", (input) => {
    const r = Money.parse(input as never)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ParseError)
      expect(r.error.code).toBe("money/not-text")
      expect(r.error.message).toContain("Cannot read the amount (số tiền): expected text")
    }
  })

  test("isMoney", () => {
    expect(Money.isMoney(5n)).toBe(true)
    expect(Money.isMoney(5)).toBe(false)
    expect(Money.isMoney("5")).toBe(false)
  })

  test("the brand keeps plain bigints out (compile-time)", () => {
    // @ts-expect-error a bare bigint is not Money
    const bad: Money.Money = 5n
    expect(bad).toBe(5n)
    // @ts-expect-error Money arithmetic takes Money
    expect(Money.add(1n, 2n)).toBe(3n)
    const ok: bigint = M(5n) // Money is still a bigint
    expect(ok).toBe(5n)
  })
})

describe("Money arithmetic", () => {
  test("add, subtract, negate, abs, multiplyByInteger", () => {
    expect(Money.add(M(1_000_000_000n), M(350_000_000n))).toBe(1_350_000_000n)
    expect(Money.subtract(M(1n), M(3n))).toBe(-2n)
    expect(Money.negate(M(5n))).toBe(-5n)
    expect(Money.negate(M(-5n))).toBe(5n)
    expect(Money.abs(M(-5n))).toBe(5n)
    expect(Money.abs(M(5n))).toBe(5n)
    expect(Money.multiplyByInteger(M(350_000n), 12n)).toBe(4_200_000n)
    expect(Money.multiplyByInteger(M(350_000n), -2n)).toBe(-700_000n)
  })

  test("compare, equals, lessThan, greaterThan, isNegative, isZero", () => {
    expect(Money.compare(M(1n), M(2n))).toBe(-1)
    expect(Money.compare(M(2n), M(2n))).toBe(0)
    expect(Money.compare(M(3n), M(2n))).toBe(1)
    expect(Money.equals(M(2n), M(2n))).toBe(true)
    expect(Money.equals(M(2n), M(3n))).toBe(false)
    expect(Money.lessThan(M(1n), M(2n))).toBe(true)
    expect(Money.lessThan(M(2n), M(2n))).toBe(false)
    expect(Money.greaterThan(M(3n), M(2n))).toBe(true)
    expect(Money.greaterThan(M(2n), M(2n))).toBe(false)
    expect(Money.isNegative(M(-1n))).toBe(true)
    expect(Money.isNegative(M(0n))).toBe(false)
    expect(Money.isZero(Money.zero)).toBe(true)
    expect(Money.isZero(M(1n))).toBe(false)
  })

  test("sum, min, max", () => {
    expect(Money.sum([M(1n), M(2n), M(3n)])).toBe(6n)
    expect(Money.sum([])).toBe(0n)
    expect(Money.sum(new Set([M(5n), M(-7n)]))).toBe(-2n)
    expect(Money.min(M(3n), M(1n), M(2n))).toBe(1n)
    expect(Money.max(M(3n), M(1n), M(2n))).toBe(3n)
    expect(Money.min(M(-3n))).toBe(-3n)
    expect(Money.max(M(-3n), M(-9n))).toBe(-3n)
  })

  test("sums that floating point gets wrong are exact", () => {
    const parts = [M(900_719_925_474_099_3n), M(1n), M(1n)]
    expect(Money.sum(parts)).toBe(900_719_925_474_099_5n)
    // the float sum of the same numbers is not
    expect(parts.reduce((a, b) => a + Number(b), 0)).not.toBe(Number(900_719_925_474_099_5n))
  })

  test.prop([fc.array(moneyArb, { maxLength: 200 })])("sum is exact up to 10^18 (reference: decimal.js at 60 digits)", (xs) => {
    const reference = xs.reduce((acc, x) => acc.plus(x.toString()), new D(0))
    expect(Money.sum(xs).toString()).toBe(reference.toFixed(0))
  })

  test.prop([moneyArb, moneyArb])("add, subtract and compare agree", (a, b) => {
    expect(Money.subtract(Money.add(a, b), b)).toBe(a)
    expect(Money.compare(a, b)).toBe(Money.compare(Money.subtract(a, b), Money.zero))
    expect(Money.compare(a, b) === 0).toBe(Money.equals(a, b))
    expect(Money.lessThan(a, b)).toBe(Money.greaterThan(b, a))
    expect(Money.min(a, b) + Money.max(a, b)).toBe(a + b)
  })

  test.prop([fc.array(moneyArb, { minLength: 1, maxLength: 50 })])("min and max are members bounding all others", (xs) => {
    const [first, ...rest] = xs as [Money.Money, ...Array<Money.Money>]
    const lo = Money.min(first, ...rest)
    const hi = Money.max(first, ...rest)
    expect(xs).toContain(lo)
    expect(xs).toContain(hi)
    for (const x of xs) expect(lo <= x && x <= hi).toBe(true)
  })
})

describe("Money.multiplyByRate", () => {
  test("worked example with its record", () => {
    expect(Money.multiplyByRate(M(1_234_567n), Rate.make(1n, 3n), Rounding.down1000)).toEqual({
      value: 411_000n,
      rounding: { mode: "down-1000", exact: "1234567/3", result: "411000", difference: "-1567/3" }
    })
  })

  test("a support rate of 30% of 1,35 tỷ", () => {
    const r = Money.multiplyByRate(Money.parseOrThrow("1,35 tỷ"), Rate.parseOrThrow("30%"), Rounding.down1000)
    expect(r.value).toBe(405_000_000n)
    expect(r.rounding).toEqual({ mode: "down-1000", exact: "405000000", result: "405000000", difference: "0" })
  })

  test("half-up and half-even differ on ties", () => {
    const half = Rate.make(1n, 2n)
    expect(Money.multiplyByRate(M(5n), half, Rounding.halfUp1).value).toBe(3n)
    expect(Money.multiplyByRate(M(5n), half, Rounding.halfEven1).value).toBe(2n)
    expect(Money.multiplyByRate(M(5n), half, Rounding.down1).rounding.exact).toBe("2.5")
  })

  const modes = fc.constantFrom(
    [Rounding.down1, Decimal.ROUND_FLOOR] as const,
    [Rounding.up1, Decimal.ROUND_CEIL] as const,
    [Rounding.halfUp1, Decimal.ROUND_HALF_CEIL] as const,
    [Rounding.halfEven1, Decimal.ROUND_HALF_EVEN] as const,
    [Rounding.down1000, Decimal.ROUND_FLOOR] as const,
    [Rounding.halfUp1000, Decimal.ROUND_HALF_CEIL] as const,
    [Rounding.down1000000, Decimal.ROUND_FLOOR] as const,
    [Rounding.halfUp1000000, Decimal.ROUND_HALF_CEIL] as const
  )
  const rateArb = fc.oneof(
    fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 10n ** 6n })),
    // small denominators: exact ties (x,5) happen often, so the tie rules are exercised
    fc.tuple(fc.bigInt({ min: 0n, max: 20n }), fc.bigInt({ min: 1n, max: 8n }))
  ).map(([n, d]) => Rate.make(n, d))

  test.prop([moneyArb, rateArb, modes])(
    "equals the exact fraction rounded (reference: decimal.js at 60 digits)",
    (m, r, [mode, decimalRounding]) => {
      const { value, rounding } = Money.multiplyByRate(m, r, mode)
      const exact = new D(m.toString()).times(r.numerator.toString()).div(r.denominator.toString())
      const unit = new D(mode.unit.toString())
      const reference = exact.div(unit).toDecimalPlaces(0, decimalRounding).times(unit)
      expect(value.toString()).toBe(reference.toFixed(0))
      expect(rounding.mode).toBe(mode.id)
      expect(rounding.result).toBe(value.toString())
    }
  )

  test.prop([moneyArb, rateArb])("by one is the identity and by zero is zero, with no difference", (m, r) => {
    expect(Money.multiplyByRate(m, Rate.one, Rounding.down1000).value).toBe(Rounding.apply(m, Rounding.down1000).value)
    expect(Money.multiplyByRate(m, Rate.one, Rounding.down1)).toEqual({
      value: m,
      rounding: { mode: "down-1", exact: m.toString(), result: m.toString(), difference: "0" }
    })
    expect(Money.multiplyByRate(m, Rate.zero, Rounding.halfUp1).value).toBe(0n)
    // down never exceeds up
    expect(Money.multiplyByRate(m, r, Rounding.down1).value <= Money.multiplyByRate(m, r, Rounding.up1).value).toBe(true)
  })
})

describe("Money.parse accepts what officials type", () => {
  test.each([
    ["1.500.000.000", 1_500_000_000n],
    ["1500000000", 1_500_000_000n],
    ["1,5 tỷ", 1_500_000_000n],
    ["1,5 tỉ", 1_500_000_000n],
    ["1,5tỷ", 1_500_000_000n],
    ["900 triệu", 900_000_000n],
    ["1 tỷ 350 triệu", 1_350_000_000n],
    ["1 tỷ 350 triệu đồng", 1_350_000_000n],
    ["1, 35 tỷ", 1_350_000_000n],
    ["1, 35 tỷ đồng", 1_350_000_000n],
    ["1,35 tỷ", 1_350_000_000n],
    ["350 nghìn", 350_000n],
    ["350 ngàn", 350_000n],
    ["2 triệu 500 nghìn", 2_500_000n],
    ["1 tỷ 3,5 triệu", 1_003_500_000n],
    ["1 tỷ 999 triệu 999 nghìn", 1_999_999_000n],
    ["1.500 tỷ", 1_500_000_000_000n],
    ["1.500.000.000 đ", 1_500_000_000n],
    ["1.500.000.000đ", 1_500_000_000n],
    ["1.500.000.000 ₫", 1_500_000_000n],
    ["1.500.000.000₫", 1_500_000_000n],
    ["1.500.000.000 đồng", 1_500_000_000n],
    ["1.500.000.000 VNĐ", 1_500_000_000n],
    ["1.500.000.000 VND", 1_500_000_000n],
    ["1.500.000.000 vnd", 1_500_000_000n],
    ["1.500.000.000 Đồng", 1_500_000_000n],
    ["1,5 TỶ", 1_500_000_000n],
    ["1,5 Tỷ đồng", 1_500_000_000n],
    ["  1.500.000  ", 1_500_000n],
    ["\u00A01.500.000.000\u00A0₫\u00A0", 1_500_000_000n],
    ["1.500.000.000\u202F₫", 1_500_000_000n],
    ["1,5\u00A0tỷ", 1_500_000_000n],
    ["-1.500.000", -1_500_000n],
    ["-1,5 tỷ đồng", -1_500_000_000n],
    ["- 900 triệu", -900_000_000n],
    ["\u22121.500.000 ₫", -1_500_000n],
    ["1.500.000,00", 1_500_000n],
    ["1.500.000,00 đ", 1_500_000n],
    ["1,0 đồng", 1n],
    ["0", 0n],
    ["-0", 0n],
    ["500", 500n],
    ["1,234567891 tỷ đồng", 1_234_567_891n],
    ["1.000.000.000 tỷ đồng", 10n ** 18n],
    ["123456789012345678901234567890", 123456789012345678901234567890n]
  ] as const)("%j → %s", (text, want) => {
    expect(Money.parse(text)).toEqual({ ok: true, value: want })
  })

  test("decomposed (NFD) Vietnamese text is read like composed text", () => {
    expect(parsed("1,5 tỷ đồng".normalize("NFD"))).toBe(1_500_000_000n)
    expect(parsed("350 nghìn".normalize("NFD"))).toBe(350_000n)
  })

  test("the seed article's two spellings of the same budget agree", () => {
    // "Ước tổng kinh phí … là 1, 35 tỷ đồng" and "… là 1 tỷ 350 triệu đồng" (seeds/004)
    expect(parsed("1, 35 tỷ đồng")).toBe(parsed("1 tỷ 350 triệu đồng"))
    expect(parsed("1, 35 tỷ đồng")).toBe(1_350_000_000n)
  })
})

describe("Money.parse refuses what would need a guess", () => {
  test.each([
    ["", "money/empty"],
    ["   ", "money/empty"],
    ["\u00A0", "money/empty"],
    ["abc", "money/unparseable"],
    ["1e9", "money/unparseable"],
    ["mười tỷ", "money/unparseable"],
    ["1 500 000", "money/unparseable"],
    ["đồng", "money/unparseable"],
    ["VND", "money/unparseable"],
    ["-", "money/unparseable"],
    ["--5", "money/unparseable"],
    ["1,5,5 tỷ", "money/unparseable"],
    ["1.500.000 đồng đồng", "money/unparseable"],
    ["₫1.500.000", "money/unparseable"],
    ["1,5 tỷx", "money/unparseable"],
    ["1 ,5 tỷ", "money/unparseable"],
    ["1,5 tr", "money/unparseable"],
    ["$1500", "money/unparseable"],
    ["0x10", "money/unparseable"],
    ["1.50.000", "money/bad-grouping"],
    ["1.5 tỷ", "money/bad-grouping"],
    ["1500.000", "money/bad-grouping"],
    ["1.500.", "money/bad-grouping"],
    ["1..500", "money/bad-grouping"],
    ["1,5 đồng", "money/fractional-dong"],
    ["1,5 đ", "money/fractional-dong"],
    ["1,0000000005 tỷ", "money/fractional-dong"],
    ["1,5", "money/fractional-dong"],
    ["1,500", "money/fractional-dong"],
    ["0,1234 nghìn", "money/fractional-dong"],
    ["2 triệu 500", "money/bad-compound"],
    ["1 tỷ 500 đồng", "money/bad-compound"],
    ["1 tỷ 1500 triệu", "money/bad-compound"],
    ["1 tỷ 1000 triệu", "money/bad-compound"],
    ["1 triệu 2 tỷ", "money/bad-compound"],
    ["1 triệu 2 triệu", "money/bad-compound"],
    ["1 tỷ 1,5 tỷ", "money/bad-compound"]
  ] as const)("%j fails with %s, keeping the raw text", (text, code) => {
    const r = Money.parse(text)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ParseError)
      expect(r.error._tag).toBe("ParseError")
      expect(r.error.code).toBe(code)
      expect(r.error.raw).toBe(text)
      expect(r.error.path).toEqual([])
      expect(r.error.message.startsWith(`Cannot read the amount (số tiền) ${JSON.stringify(text)}: `)).toBe(true)
    }
  })

  test("the generic message names the term and shows the accepted forms", () => {
    const r = Money.parse("abc")
    expect(!r.ok && r.error.message).toBe(
      'Cannot read the amount (số tiền) "abc": expected đồng such as 1.500.000.000 or 1,5 tỷ'
    )
  })

  test("a comma without a unit word explains the Vietnamese decimal convention", () => {
    const r = Money.parse("1,500")
    expect(!r.ok && r.error.message).toContain('"," is the decimal separator')
    const g = Money.parse("1.5 tỷ")
    expect(!g.ok && g.error.message).toContain("1,5 triệu")
  })

  test("parseOrThrow", () => {
    expect(Money.parseOrThrow("900 triệu")).toBe(900_000_000n)
    expect(() => Money.parseOrThrow("abc")).toThrow(ParseError)
  })

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.stringMatching(/^[0-9]*[1-9]$/), fc.constantFrom("", " đồng", " đ", " ₫")])(
    "a non-zero fraction of a đồng is always refused",
    (whole, fraction, suffix) => {
      const r = Money.parse(`${whole},${fraction}${suffix}`)
      expect(!r.ok && r.error.code).toBe("money/fractional-dong")
    }
  )
})

describe("Money.format", () => {
  test.each([
    [1_500_000_000n, "1.500.000.000 ₫"],
    [-1_500_000n, "-1.500.000 ₫"],
    [0n, "0 ₫"],
    [999n, "999 ₫"],
    [1_000n, "1.000 ₫"],
    [12_345n, "12.345 ₫"],
    [123_456n, "123.456 ₫"],
    [10n ** 18n, "1.000.000.000.000.000.000 ₫"]
  ] as const)("full: %s → %j", (m, text) => {
    expect(Money.format(M(m))).toBe(text)
    expect(Money.format(M(m), { style: "full" })).toBe(text)
  })

  test.each([
    [1_500_000_000n, "1,5 tỷ đồng"],
    [1_350_000_000n, "1,35 tỷ đồng"],
    [900_000_000n, "900 triệu đồng"],
    [1_234_567_891n, "1,234567891 tỷ đồng"],
    [500n, "500 đồng"],
    [0n, "0 đồng"],
    [350_000n, "350 nghìn đồng"],
    [1_000n, "1 nghìn đồng"],
    [1_001n, "1,001 nghìn đồng"],
    [2_500_000n, "2,5 triệu đồng"],
    [1_000_000_001n, "1,000000001 tỷ đồng"],
    [-1_500_000_000n, "-1,5 tỷ đồng"],
    [1_500_000_000_000n, "1.500 tỷ đồng"],
    [10n ** 18n, "1.000.000.000 tỷ đồng"]
  ] as const)("words: %s → %j", (m, text) => {
    expect(Money.format(M(m), { style: "words" })).toBe(text)
  })

  test.prop([moneyArb])("parse(format(m)) = m", (m) => {
    expect(Money.parse(Money.format(m))).toEqual({ ok: true, value: m })
  })

  test.prop([moneyArb])("parse(format(m, words)) = m", (m) => {
    expect(Money.parse(Money.format(m, { style: "words" }))).toEqual({ ok: true, value: m })
  })

  test.prop([roundishArb])("round amounts: both styles read back", (m) => {
    expect(Money.parse(Money.format(m))).toEqual({ ok: true, value: m })
    const words = Money.format(m, { style: "words" })
    expect(words.endsWith(" đồng")).toBe(true)
    expect(words).not.toMatch(/,[0-9]*0 /) // no trailing zeros after the comma
    expect(Money.parse(words)).toEqual({ ok: true, value: m })
  })

  test.prop([fc.bigInt({ min: 1n, max: 999n }), fc.bigInt({ min: 0n, max: 999n }), fc.bigInt({ min: 0n, max: 999n })])(
    "compound amounts read as the sum of their parts",
    (ty, trieu, nghin) => {
      const text = `${ty} tỷ${trieu > 0n ? ` ${trieu} triệu` : ""}${nghin > 0n ? ` ${nghin} nghìn` : ""} đồng`
      expect(parsed(text)).toBe(ty * 1_000_000_000n + trieu * 1_000_000n + nghin * 1_000n)
    }
  )
})

describe("Money.schema", () => {
  const decode = Schema.decodeUnknownSync(Money.schema)
  const encode = Schema.encodeSync(Money.schema)

  /** Codes carried by the issue tree of a failed decoding. */
  const codes = (s: Schema.Codec<Money.Money, unknown>, input: unknown): ReadonlyArray<unknown> => {
    const r = Schema.decodeUnknownResult(s)(input)
    if (!EffectResult.isFailure(r)) return []
    const out: Array<unknown> = []
    const walk = (node: unknown): void => {
      if (typeof node !== "object" || node === null) return
      const n = node as { annotations?: { code?: unknown }; issue?: unknown; issues?: ReadonlyArray<unknown>; _tag?: string }
      if (n._tag === "InvalidValue" && n.annotations?.code !== undefined) out.push(n.annotations.code)
      walk(n.issue)
      for (const i of n.issues ?? []) walk(i)
    }
    walk(r.failure.issue)
    return out
  }

  test("decodes digit strings and safe-integer numbers; encodes to a digit string", () => {
    expect(decode("1500000000")).toBe(1_500_000_000n)
    expect(decode("-5")).toBe(-5n)
    expect(decode("123456789012345678901234567890")).toBe(123456789012345678901234567890n)
    expect(decode(1_500_000_000)).toBe(1_500_000_000n)
    expect(decode(-42)).toBe(-42n)
    expect(encode(M(1_500_000_000n))).toBe("1500000000")
    expect(encode(M(-5n))).toBe("-5")
  })

  test.each(["1.500.000", "1,5 tỷ", "", " 1", "+1", "1e9", "abc", "1.5", 1.5, 2 ** 53, Number.NaN, 1e20])(
    "refuses %j with an issue naming số tiền and code money/unparseable",
    (input) => {
      expect(() => decode(input)).toThrow(/Cannot read the amount \(số tiền\)/)
      expect(codes(Money.schema, input)).toEqual(["money/unparseable"])
    }
  )

  test.each([null, true, undefined, 5n, {}])("refuses non-string, non-number %s", (input) => {
    expect(() => decode(input)).toThrow()
  })

  test("nonNegativeSchema refuses negatives with a message naming số tiền", () => {
    const decodeNN = Schema.decodeUnknownSync(Money.nonNegativeSchema)
    expect(decodeNN("0")).toBe(0n)
    expect(decodeNN(7)).toBe(7n)
    expect(() => decodeNN("-1")).toThrow("The amount (số tiền) -1 đồng must not be negative")
    expect(codes(Money.nonNegativeSchema, "-1")).toEqual(["money/negative"])
    expect(codes(Money.nonNegativeSchema, "x")).toEqual(["money/unparseable"])
  })

  test("issues carry their path inside a struct", () => {
    const Row = Schema.Struct({ amount: Money.nonNegativeSchema })
    expect(() => Schema.decodeUnknownSync(Schema.Array(Row))([{ amount: "1" }, { amount: "-2" }])).toThrow(
      /must not be negative\n\s+at \[1\]\["amount"\]/
    )
  })

  test.prop([moneyArb])("decode(encode(m)) = m", (m) => {
    const e = encode(m)
    expect(e).toMatch(/^-?[0-9]+$/)
    expect(decode(e)).toBe(m)
  })
})
