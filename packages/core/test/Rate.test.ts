import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect } from "vitest"
import { ArithmeticError, ParseError } from "../src/values/Errors.js"
import * as Rate from "../src/values/Rate.js"

const fields = (r: Rate.Rate) => ({ numerator: r.numerator, denominator: r.denominator })
const okFields = (r: ReturnType<typeof Rate.parse>) => (r.ok ? fields(r.value) : r.error.code)

const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a
  b = b < 0n ? -b : b
  while (b !== 0n) [a, b] = [b, a % b]
  return a
}

/** Any rate: random numerator over a denominator that may or may not have a finite decimal. */
const rateArb = fc
  .tuple(
    fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
    fc.oneof(
      fc.bigInt({ min: 1n, max: 10n ** 12n }),
      fc.tuple(fc.nat({ max: 30 }), fc.nat({ max: 30 })).map(([a, b]) => 2n ** BigInt(a) * 5n ** BigInt(b))
    )
  )
  .map(([n, d]) => Rate.make(n, d))

describe("Rate.parse of a value that is not text", () => {
  test.each([0.3, undefined, null, {}])("%s is a ParseError rate/not-text, not a TypeError", (input) => {
    expect(Rate.parse(input as never)).toMatchObject({
      ok: false,
      error: { _tag: "ParseError", code: "rate/not-text", message: expect.stringContaining("Cannot read the rate (tỷ lệ): expected text") }
    })
  })
})

describe("Rate construction", () => {
  test("make reduces and puts the sign on the numerator", () => {
    expect(fields(Rate.make(30n, 100n))).toEqual({ numerator: 3n, denominator: 10n })
    expect(fields(Rate.make(6n, -8n))).toEqual({ numerator: -3n, denominator: 4n })
    expect(fields(Rate.make(-6n, -8n))).toEqual({ numerator: 3n, denominator: 4n })
    expect(fields(Rate.make(0n, 7n))).toEqual({ numerator: 0n, denominator: 1n })
  })

  test("rates are frozen", () => {
    expect(Object.isFrozen(Rate.make(1n, 3n))).toBe(true)
    expect(Object.isFrozen(Rate.one)).toBe(true)
  })

  test("a zero denominator is refused", () => {
    expect(() => Rate.make(1n, 0n)).toThrow(ArithmeticError)
    const r = Rate.fromFraction(1n, 0n)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe("rate/zero-denominator")
    const good = Rate.fromFraction(2n, 4n)
    expect(good.ok && fields(good.value)).toEqual({ numerator: 1n, denominator: 2n })
  })

  test("zero and one", () => {
    expect(fields(Rate.zero)).toEqual({ numerator: 0n, denominator: 1n })
    expect(fields(Rate.one)).toEqual({ numerator: 1n, denominator: 1n })
  })

  test("isRate accepts only reduced fractions with a positive denominator", () => {
    expect(Rate.isRate(Rate.make(2n, 3n))).toBe(true)
    expect(Rate.isRate({ numerator: 2n, denominator: 4n })).toBe(false)
    expect(Rate.isRate({ numerator: 1n, denominator: -2n })).toBe(false)
    expect(Rate.isRate({ numerator: 1, denominator: 2 })).toBe(false)
    expect(Rate.isRate(null)).toBe(false)
  })

  test.prop([fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).filter((d) => d !== 0n)])(
    "make always yields a reduced fraction of the same value",
    (n, d) => {
      const r = Rate.make(n, d)
      expect(r.denominator > 0n).toBe(true)
      expect(gcd(r.numerator, r.denominator)).toBe(1n)
      expect(r.numerator * d).toBe(n * r.denominator)
    }
  )
})

describe("Rate.parse", () => {
  test.each([
    ["30%", undefined, 3n, 10n],
    ["30 %", undefined, 3n, 10n],
    ["12,5%", undefined, 1n, 8n],
    ["12.5%", undefined, 1n, 8n],
    ["\u00A030%\u00A0", undefined, 3n, 10n],
    ["100%", undefined, 1n, 1n],
    ["0%", undefined, 0n, 1n],
    ["-5%", undefined, -1n, 20n],
    ["30%", "fraction", 3n, 10n], // "%" is self-describing whatever the unit says
    ["0.3", "fraction", 3n, 10n],
    ["0,3", "fraction", 3n, 10n],
    ["1", "fraction", 1n, 1n],
    ["30", "percent", 3n, 10n],
    ["33,5", "percent", 67n, 200n],
    ["1/3", undefined, 1n, 3n],
    ["2 / 6", undefined, 1n, 3n],
    ["-1/3", "percent", -1n, 3n],
    ["0,000000000000000000000000000000000000000000000000000000000000000001", "fraction", 1n, 10n ** 66n]
  ] as const)("%j with unit %s reads as %s/%s", (text, unit, n, d) => {
    expect(okFields(Rate.parse(text, unit === undefined ? undefined : { unit }))).toEqual({ numerator: n, denominator: d })
  })

  test.each([
    ["30", undefined, "rate/unit-required"],
    ["0,3", undefined, "rate/unit-required"],
    ["0.3", undefined, "rate/unit-required"],
    ["", undefined, "rate/empty"],
    ["   ", "percent", "rate/empty"],
    ["abc", "percent", "rate/unparseable"],
    ["30%%", undefined, "rate/unparseable"],
    ["%", undefined, "rate/unparseable"],
    ["1.234.5", "fraction", "rate/unparseable"],
    ["1,2,3", "fraction", "rate/unparseable"],
    ["3e-1", "fraction", "rate/unparseable"],
    ["1/0", undefined, "rate/zero-denominator"],
    ["0,3 %x", undefined, "rate/unparseable"]
  ] as const)("%j with unit %s fails with %s", (text, unit, code) => {
    const r = Rate.parse(text, unit === undefined ? undefined : { unit })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ParseError)
      expect(r.error.code).toBe(code)
      expect(r.error.raw).toBe(text)
      expect(r.error.path).toEqual([])
      expect(r.error.message).toContain("tỷ lệ")
    }
  })

  test("the unit-required message says how to disambiguate", () => {
    const r = Rate.parse("30")
    expect(!r.ok && r.error.message).toBe(
      'Cannot read the rate (tỷ lệ) "30": a bare number is ambiguous; write it as a percentage (30%) or say whether it is a percent or a fraction ({ unit: "percent" | "fraction" })'
    )
  })

  test("fromPercent, fromDecimalString and parseOrThrow", () => {
    expect(okFields(Rate.fromPercent("30"))).toEqual({ numerator: 3n, denominator: 10n })
    expect(okFields(Rate.fromPercent("12,5"))).toEqual({ numerator: 1n, denominator: 8n })
    expect(okFields(Rate.fromDecimalString("0.125"))).toEqual({ numerator: 1n, denominator: 8n })
    expect(okFields(Rate.fromDecimalString("0,3"))).toEqual({ numerator: 3n, denominator: 10n })
    expect(fields(Rate.parseOrThrow("70%"))).toEqual({ numerator: 7n, denominator: 10n })
    expect(() => Rate.parseOrThrow("70")).toThrow(ParseError)
  })
})

describe("Rate formatting", () => {
  test("toDecimalString is exact or refuses", () => {
    expect(Rate.toDecimalString(Rate.make(3n, 8n))).toEqual({ ok: true, value: "0.375" })
    expect(Rate.toDecimalString(Rate.make(3n, 10n))).toEqual({ ok: true, value: "0.3" })
    expect(Rate.toDecimalString(Rate.make(-1n, 20n))).toEqual({ ok: true, value: "-0.05" })
    expect(Rate.toDecimalString(Rate.make(7n, 1n))).toEqual({ ok: true, value: "7" })
    const third = Rate.toDecimalString(Rate.make(1n, 3n))
    expect(third.ok).toBe(false)
    if (!third.ok) expect(third.error.code).toBe("rate/non-terminating")
    // needs 3 digits; allowed 2
    const capped = Rate.toDecimalString(Rate.make(3n, 8n), 2)
    expect(capped.ok).toBe(false)
    expect(Rate.toDecimalString(Rate.make(3n, 8n), 3)).toEqual({ ok: true, value: "0.375" })
  })

  test("decimals longer than 20 digits stay exact (no default-precision rounding)", () => {
    const r = Rate.make(1n, 2n ** 70n)
    const s = Rate.toDecimalString(r)
    expect(s.ok && s.value.length).toBe(72) // "0." + 70 digits
    expect(s.ok && okFields(Rate.fromDecimalString(s.value))).toEqual(fields(r))
  })

  test("toCanonicalString", () => {
    expect(Rate.toCanonicalString(Rate.make(3n, 10n))).toBe("0.3")
    expect(Rate.toCanonicalString(Rate.make(1n, 3n))).toBe("1/3")
    expect(Rate.toCanonicalString(Rate.make(-2n, 3n))).toBe("-2/3")
    expect(Rate.toCanonicalString(Rate.one)).toBe("1")
  })

  test("format writes Vietnamese percentages, or the fraction when the percentage does not terminate", () => {
    expect(Rate.format(Rate.make(3n, 10n))).toBe("30%")
    expect(Rate.format(Rate.make(1n, 8n))).toBe("12,5%")
    expect(Rate.format(Rate.make(1n, 1000n))).toBe("0,1%")
    expect(Rate.format(Rate.one)).toBe("100%")
    expect(Rate.format(Rate.zero)).toBe("0%")
    expect(Rate.format(Rate.make(-1n, 20n))).toBe("-5%")
    expect(Rate.format(Rate.make(2n, 3n))).toBe("2/3")
  })

  test.prop([rateArb])("parse(format(r)) = r", (r) => {
    expect(okFields(Rate.parse(Rate.format(r)))).toEqual(fields(r))
  })

  test.prop([rateArb])("parse(toCanonicalString(r), fraction) = r", (r) => {
    expect(okFields(Rate.parse(Rate.toCanonicalString(r), { unit: "fraction" }))).toEqual(fields(r))
  })

  test.prop([fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.nat({ max: 40 })])(
    "a decimal text reads back to the same decimal",
    (digits, scale) => {
      const neg = digits < 0n
      const s = (neg ? -digits : digits).toString().padStart(scale + 1, "0")
      const text = `${neg ? "-" : ""}${s.slice(0, s.length - scale)}${scale > 0 ? "." + s.slice(s.length - scale) : ""}`
      const r = Rate.parseOrThrow(text, { unit: "fraction" })
      expect(r.numerator * 10n ** BigInt(scale)).toBe(digits * r.denominator)
      const back = Rate.toDecimalString(r)
      expect(back.ok && okFields(Rate.fromDecimalString(back.value))).toEqual(fields(r))
    }
  )
})

describe("Rate arithmetic and comparison", () => {
  test("compare, equals, isAtMost", () => {
    expect(Rate.compare(Rate.make(1n, 3n), Rate.make(3n, 10n))).toBe(1)
    expect(Rate.compare(Rate.make(3n, 10n), Rate.make(1n, 3n))).toBe(-1)
    expect(Rate.compare(Rate.make(2n, 6n), Rate.make(1n, 3n))).toBe(0)
    expect(Rate.compare(Rate.make(-1n, 2n), Rate.zero)).toBe(-1)
    expect(Rate.equals(Rate.make(2n, 4n), Rate.make(1n, 2n))).toBe(true)
    expect(Rate.equals(Rate.make(1n, 3n), Rate.make(3n, 10n))).toBe(false)
    expect(Rate.isAtMost(Rate.make(7n, 10n), 1n)).toBe(true)
    expect(Rate.isAtMost(Rate.one, 1n)).toBe(true)
    expect(Rate.isAtMost(Rate.make(11n, 10n), 1n)).toBe(false)
    expect(Rate.isAtMost(Rate.make(11n, 10n), Rate.one)).toBe(false)
    expect(Rate.isAtMost(Rate.make(1n, 2n), Rate.make(1n, 2n))).toBe(true)
    expect(Rate.isAtMost(Rate.make(-3n, 2n), -1n)).toBe(true)
  })

  test("multiply is exact and reduced", () => {
    expect(fields(Rate.multiply(Rate.make(1n, 2n), Rate.make(3n, 10n)))).toEqual({ numerator: 3n, denominator: 20n })
    expect(fields(Rate.multiply(Rate.make(2n, 3n), Rate.make(3n, 4n)))).toEqual({ numerator: 1n, denominator: 2n })
    expect(fields(Rate.multiply(Rate.make(-2n, 3n), Rate.zero))).toEqual({ numerator: 0n, denominator: 1n })
  })

  test.prop([rateArb, rateArb])("compare agrees with cross-multiplication and is antisymmetric", (a, b) => {
    const l = a.numerator * b.denominator
    const r = b.numerator * a.denominator
    expect(Rate.compare(a, b)).toBe(l < r ? -1 : l > r ? 1 : 0)
    expect(Rate.compare(b, a)).toBe(-Rate.compare(a, b) || 0)
    expect(Rate.equals(a, b)).toBe(l === r)
    expect(Rate.isAtMost(a, b)).toBe(l <= r)
  })

  test("compareShare, isShare, isFraction", () => {
    expect(Rate.compareShare(45n, 100n, Rate.make(1n, 2n))).toBe(-1)
    expect(Rate.compareShare(70n, 100n, { numerator: 7n, denominator: 10n })).toBe(0)
    expect(Rate.compareShare(1n, 1n, Rate.make(99n, 100n))).toBe(1)
    expect(Rate.isShare(Rate.zero) && Rate.isShare(Rate.one) && Rate.isShare({ numerator: 30n, denominator: 100n })).toBe(true)
    expect(Rate.isShare(Rate.make(3n, 2n)) || Rate.isShare(Rate.make(-1n, 2n))).toBe(false)
    expect(Rate.isFraction({ numerator: 30n, denominator: 100n })).toBe(true)
    expect([{ numerator: 1n, denominator: 0n }, { numerator: 1, denominator: 2n }, [1n, 2n], null].some(Rate.isFraction)).toBe(false)
  })

  test.prop([fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), rateArb])(
    "compareShare compares part / whole with the rate, as compare does for rates",
    (part, whole, r) => {
      if (whole > 0n) expect(Rate.compareShare(part, whole, r)).toBe(Rate.compare(Rate.make(part, whole), r))
      const l = part * r.denominator
      const m = r.numerator * whole
      expect(Rate.compareShare(part, whole, r)).toBe(l < m ? -1 : l > m ? 1 : 0)
    }
  )

  test.prop([rateArb, rateArb])("multiply equals the product of fractions", (a, b) => {
    const p = Rate.multiply(a, b)
    expect(p.numerator * a.denominator * b.denominator).toBe(a.numerator * b.numerator * p.denominator)
    expect(gcd(p.numerator, p.denominator)).toBe(1n)
    expect(Rate.equals(Rate.multiply(a, Rate.one), a)).toBe(true)
  })
})

describe("Rate.schema", () => {
  const decode = Schema.decodeUnknownSync(Rate.schema)
  const decodeResult = Schema.decodeUnknownExit(Rate.schema)
  const encode = Schema.encodeSync(Rate.schema)

  test("decodes decimals and fractions, encodes canonically", () => {
    expect(fields(decode("0.3"))).toEqual({ numerator: 3n, denominator: 10n })
    expect(fields(decode("1/3"))).toEqual({ numerator: 1n, denominator: 3n })
    expect(fields(decode("1"))).toEqual({ numerator: 1n, denominator: 1n })
    expect(encode(Rate.make(3n, 10n))).toBe("0.3")
    expect(encode(Rate.make(1n, 3n))).toBe("1/3")
  })

  test.each(["30%", "0,3", "abc", "", " 0.3", "1/0", "1e-1"])("refuses %j with a message naming tỷ lệ", (input) => {
    expect(() => decode(input)).toThrow(/tỷ lệ/)
    expect(decodeResult(input)._tag).toBe("Failure")
  })

  test("refuses numbers (no floating point)", () => {
    expect(() => decode(0.3)).toThrow()
  })

  test.prop([rateArb])("decode(encode(r)) = r", (r) => {
    expect(fields(decode(encode(r)))).toEqual(fields(r))
  })
})
