import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { ArithmeticError, ParseError } from "../src/values/Errors.js"
import * as Rate from "../src/values/Rate.js"
import * as Rounding from "../src/values/Rounding.js"

/** Read a record number ("12", "-7.5", "1234567/3") back as a fraction [n, d] with d > 0. */
const readExact = (s: string): readonly [bigint, bigint] => {
  const frac = /^(-?[0-9]+)\/([0-9]+)$/.exec(s)
  if (frac !== null) return [BigInt(frac[1] ?? ""), BigInt(frac[2] ?? "")]
  const dec = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(s)
  if (dec === null) throw new Error(`not a record number: ${s}`)
  const f = dec[3] ?? ""
  const n = BigInt((dec[2] ?? "") + f)
  return [dec[1] === "-" ? -n : n, 10n ** BigInt(f.length)]
}

const allModes: ReadonlyArray<Rounding.Mode> = [
  Rounding.down1,
  Rounding.halfUp1,
  Rounding.down1000,
  Rounding.halfUp1000,
  Rounding.down1000000,
  Rounding.halfUp1000000,
  Rounding.up1,
  Rounding.halfEven1,
  Rounding.make("up", 1000n),
  Rounding.make("half-even", 1000n),
  Rounding.make("half-even", 500n),
  Rounding.make("up", 7n)
]

const modeArb = fc.constantFrom(...allModes)
const numeratorArb = fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n })
const denominatorArb = fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 10n ** 12n }))

describe("Rounding modes", () => {
  test("the named constants have the documented ids, units and directions", () => {
    expect([Rounding.down1, Rounding.halfUp1, Rounding.down1000, Rounding.halfUp1000].map((m) => m.id)).toEqual([
      "down-1",
      "half-up-1",
      "down-1000",
      "half-up-1000"
    ])
    expect([Rounding.down1000000, Rounding.halfUp1000000, Rounding.up1, Rounding.halfEven1].map((m) => m.id)).toEqual([
      "down-1000000",
      "half-up-1000000",
      "up-1",
      "half-even-1"
    ])
    expect(Rounding.down1000000.unit).toBe(1_000_000n)
    expect(Rounding.halfUp1000.direction).toBe("half-up")
    expect(Rounding.halfEven1.direction).toBe("half-even")
    expect(Rounding.up1.direction).toBe("up")
  })

  test("modes are frozen and labelled in English with the Vietnamese term", () => {
    expect(Object.isFrozen(Rounding.down1000)).toBe(true)
    expect(Rounding.down1000.label).toBe("round down to 1,000 đồng (làm tròn xuống đến nghìn đồng)")
    expect(Rounding.halfUp1.label).toContain("làm tròn")
    expect(Rounding.make("up", 5000n).label).toBe("round up to 5,000 đồng (làm tròn lên đến 5.000 đồng)")
  })

  test("make returns the predefined constant when there is one, a new frozen mode otherwise", () => {
    expect(Rounding.make("down", 1000n)).toBe(Rounding.down1000)
    const m = Rounding.make("half-even", 100n)
    expect(m.id).toBe("half-even-100")
    expect(m.unit).toBe(100n)
    expect(Object.isFrozen(m)).toBe(true)
  })

  test("make refuses a unit that is not positive", () => {
    expect(() => Rounding.make("down", 0n)).toThrow(ArithmeticError)
    expect(() => Rounding.make("down", -1000n)).toThrow(/positive/)
  })

  test("byId reads predefined and composed ids", () => {
    const a = Rounding.byId("half-up-1000")
    expect(a.ok && a.value).toBe(Rounding.halfUp1000)
    const b = Rounding.byId("up-250")
    expect(b.ok && b.value.unit).toBe(250n)
    expect(b.ok && b.value.direction).toBe("up")
  })

  test.each(["sideways-1", "down-0", "down-", "down-1.5", "", "DOWN-1", "down--5"])("byId refuses %j", (id) => {
    const r = Rounding.byId(id)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ParseError)
      expect(r.error.code).toBe("rounding/unknown-mode")
      expect(r.error.raw).toBe(id)
      expect(r.error.path).toEqual([])
    }
  })

  test.prop([modeArb])("byId(mode.id) gives back an equal mode", (mode) => {
    const r = Rounding.byId(mode.id)
    expect(r.ok && r.value.id).toBe(mode.id)
    expect(r.ok && r.value.unit).toBe(mode.unit)
    expect(r.ok && r.value.direction).toBe(mode.direction)
  })
})

describe("Rounding.divide examples", () => {
  // value = n/d, expected results per direction at unit 1
  const cases: ReadonlyArray<readonly [bigint, bigint, { down: bigint; up: bigint; halfUp: bigint; halfEven: bigint }]> = [
    [5n, 2n, { down: 2n, up: 3n, halfUp: 3n, halfEven: 2n }], // 2.5
    [7n, 2n, { down: 3n, up: 4n, halfUp: 4n, halfEven: 4n }], // 3.5
    [-5n, 2n, { down: -3n, up: -2n, halfUp: -2n, halfEven: -2n }], // -2.5
    [-7n, 2n, { down: -4n, up: -3n, halfUp: -3n, halfEven: -4n }], // -3.5
    [10n, 3n, { down: 3n, up: 4n, halfUp: 3n, halfEven: 3n }], // 3.333…
    [11n, 3n, { down: 3n, up: 4n, halfUp: 4n, halfEven: 4n }], // 3.666…
    [-10n, 3n, { down: -4n, up: -3n, halfUp: -3n, halfEven: -3n }], // -3.333…
    [6n, 3n, { down: 2n, up: 2n, halfUp: 2n, halfEven: 2n }], // 2 exactly
    [5n, -2n, { down: -3n, up: -2n, halfUp: -2n, halfEven: -2n }] // negative denominator: -2.5
  ]
  test.each(cases)("%s / %s at unit 1", (n, d, want) => {
    expect(Rounding.divide(n, d, Rounding.down1).value).toBe(want.down)
    expect(Rounding.divide(n, d, Rounding.up1).value).toBe(want.up)
    expect(Rounding.divide(n, d, Rounding.halfUp1).value).toBe(want.halfUp)
    expect(Rounding.divide(n, d, Rounding.halfEven1).value).toBe(want.halfEven)
  })

  test("rounding to thousands and millions", () => {
    expect(Rounding.divide(1_234_567n, 3n, Rounding.down1000).value).toBe(411_000n) // 411 522,33…
    expect(Rounding.divide(1_234_567n, 3n, Rounding.halfUp1000).value).toBe(412_000n)
    expect(Rounding.divide(1_234_567n, 3n, Rounding.down1000000).value).toBe(0n)
    expect(Rounding.divide(1_500_000n, 1n, Rounding.halfUp1000000).value).toBe(2_000_000n)
    expect(Rounding.divide(1_499_999n, 1n, Rounding.halfUp1000000).value).toBe(1_000_000n)
    expect(Rounding.divide(2_500_000n, 1n, Rounding.make("half-even", 1_000_000n)).value).toBe(2_000_000n)
    expect(Rounding.divide(3_500_000n, 1n, Rounding.make("half-even", 1_000_000n)).value).toBe(4_000_000n)
    expect(Rounding.divide(1_000_001n, 1n, Rounding.make("up", 1_000_000n)).value).toBe(2_000_000n)
  })

  test("the record of 1234567/3 rounded down to thousands", () => {
    expect(Rounding.divide(1_234_567n, 3n, Rounding.down1000)).toEqual({
      value: 411_000n,
      record: { mode: "down-1000", exact: "1234567/3", result: "411000", difference: "-1567/3" }
    })
  })

  test("records write terminating decimals with '.' and exact integers plainly", () => {
    expect(Rounding.divide(15n, 2n, Rounding.halfUp1).record).toEqual({
      mode: "half-up-1",
      exact: "7.5",
      result: "8",
      difference: "0.5"
    })
    expect(Rounding.divide(-15n, 2n, Rounding.down1).record).toEqual({
      mode: "down-1",
      exact: "-7.5",
      result: "-8",
      difference: "-0.5"
    })
    expect(Rounding.divide(12n, 4n, Rounding.up1).record).toEqual({
      mode: "up-1",
      exact: "3",
      result: "3",
      difference: "0"
    })
    expect(Rounding.divide(1n, 8n, Rounding.down1).record.exact).toBe("0.125")
    expect(Rounding.divide(-1n, 8n, Rounding.up1).record).toEqual({
      mode: "up-1",
      exact: "-0.125",
      result: "0",
      difference: "0.125"
    })
  })

  test("records survive a JSON round trip unchanged", () => {
    const { record } = Rounding.divide(1_234_567n, 7n, Rounding.halfUp1000)
    expect(JSON.parse(JSON.stringify(record))).toEqual(record)
  })

  test("division by zero is an ArithmeticError", () => {
    expect(() => Rounding.divide(1n, 0n, Rounding.down1)).toThrow(ArithmeticError)
    try {
      Rounding.divideValue(1n, 0n, Rounding.down1)
      expect.unreachable()
    } catch (e) {
      expect((e as ArithmeticError).code).toBe("rounding/division-by-zero")
    }
  })

  test("apply rounds an integer amount to the unit", () => {
    expect(Rounding.apply(1_234_567n, Rounding.halfUp1000).value).toBe(1_235_000n)
    expect(Rounding.apply(1_234_499n, Rounding.halfUp1000).value).toBe(1_234_000n)
    expect(Rounding.apply(1_234_999n, Rounding.down1000).value).toBe(1_234_000n)
    expect(Rounding.apply(-1_234_001n, Rounding.down1000).value).toBe(-1_235_000n)
    expect(Rounding.apply(1_234_567n, Rounding.down1).value).toBe(1_234_567n)
    expect(Rounding.apply(1_234_567n, Rounding.halfUp1000).record).toEqual({
      mode: "half-up-1000",
      exact: "1234567",
      result: "1235000",
      difference: "433"
    })
  })

  test("fractionToString", () => {
    expect(Rounding.fractionToString(15n, 2n)).toBe("7.5")
    expect(Rounding.fractionToString(2n, 6n)).toBe("1/3")
    expect(Rounding.fractionToString(-2n, 6n)).toBe("-1/3")
    expect(Rounding.fractionToString(3n, -6n)).toBe("-0.5")
    expect(Rounding.fractionToString(1n, 1024n)).toBe("0.0009765625")
    expect(Rounding.fractionToString(0n, 5n)).toBe("0")
  })
})

describe("Rounding.multiply", () => {
  test("an amount times a fraction, rounded once, with its record", () => {
    expect(Rounding.multiply(1_234_567n, 1n, 3n, Rounding.down1000)).toEqual(Rounding.divide(1_234_567n, 3n, Rounding.down1000))
    expect(Rounding.multiplyValue(800_000_000n, 1n, 2n, Rounding.down1)).toBe(400_000_000n)
    // a whole multiple is still rounded to the mode's unit
    expect(Rounding.multiplyValue(1_234_567n, 1n, 1n, Rounding.down1000)).toBe(1_234_000n)
    expect(Rounding.multiplyValue(1_234_567n, 3n, 1n, Rounding.down1)).toBe(3_703_701n)
  })

  test.prop([numeratorArb, numeratorArb, denominatorArb, modeArb])("multiplyValue is the value multiply records", (m, n, d, mode) => {
    expect(Rounding.multiplyValue(m, n, d, mode)).toBe(Rounding.multiply(m, n, d, mode).value)
  })

  test.prop([numeratorArb, denominatorArb])("fractionToString is the canonical text of the rate n/d", (n, d) => {
    expect(Rounding.fractionToString(n, d)).toBe(Rate.toCanonicalString(Rate.make(n, d)))
  })
})

describe("Rounding properties", () => {
  test.prop([numeratorArb, denominatorArb, modeArb])(
    "results are multiples of the unit, move by less than a unit (half modes: at most half), and obey their direction",
    (n, d, mode) => {
      const { value, record } = Rounding.divide(n, d, mode)
      const u = mode.unit
      expect(value % u).toBe(0n)
      const gap = value * d - n // (result − exact)·d
      const absGap = gap < 0n ? -gap : gap
      expect(absGap < u * d).toBe(true)
      switch (mode.direction) {
        case "down":
          // the greatest multiple of u not above the exact value
          expect(gap <= 0n).toBe(true)
          expect((value + u) * d > n).toBe(true)
          break
        case "up":
          expect(gap >= 0n).toBe(true)
          expect((value - u) * d < n).toBe(true)
          break
        case "half-up":
          // result − exact ∈ (−u/2, u/2]
          expect(-u * d < 2n * gap && 2n * gap <= u * d).toBe(true)
          break
        case "half-even":
          expect(2n * absGap <= u * d).toBe(true)
          if (2n * absGap === u * d) expect((value / u) % 2n).toBe(0n)
          break
      }
      expect(record.mode).toBe(mode.id)
      expect(record.result).toBe(value.toString())
    }
  )

  test.prop([numeratorArb, denominatorArb, modeArb])("down ≤ exact ≤ up, and half modes lie between them", (n, d, mode) => {
    const down = Rounding.divideValue(n, d, Rounding.make("down", mode.unit))
    const up = Rounding.divideValue(n, d, Rounding.make("up", mode.unit))
    expect(down * d <= n).toBe(true)
    expect(n <= up * d).toBe(true)
    expect(up - down === 0n || up - down === mode.unit).toBe(true)
    const half = Rounding.divideValue(n, d, Rounding.make("half-up", mode.unit))
    const even = Rounding.divideValue(n, d, Rounding.make("half-even", mode.unit))
    expect(half === down || half === up).toBe(true)
    expect(even === down || even === up).toBe(true)
  })

  test.prop([numeratorArb, denominatorArb, modeArb])("the record states exact, result and difference consistently", (n, d, mode) => {
    const { value, record } = Rounding.divide(n, d, mode)
    const [en, ed] = readExact(record.exact)
    expect(en * d).toBe(n * ed) // exact = n/d
    const [dn, dd] = readExact(record.difference)
    // difference = result − exact
    expect(dn * ed).toBe((value * ed - en) * dd)
    expect(BigInt(record.result)).toBe(value)
  })

  test.prop([numeratorArb, denominatorArb, fc.bigInt({ min: -1000n, max: 1000n }), modeArb])(
    "shifting the exact value by whole units shifts the result by the same amount (negatives follow the number line; half-even only for an even number of units, as ties go to the even multiple)",
    (n, d, k0, mode) => {
      const k = mode.direction === "half-even" ? 2n * k0 : k0
      const base = Rounding.divideValue(n, d, mode)
      const shifted = Rounding.divideValue(n + k * mode.unit * d, d, mode)
      expect(shifted).toBe(base + k * mode.unit)
    }
  )

  test("half-even is not shift-invariant by an odd number of units", () => {
    // 2,5 → 2 but 3,5 → 4: a one-unit shift moves the result by two units
    expect(Rounding.divideValue(5n, 2n, Rounding.halfEven1)).toBe(2n)
    expect(Rounding.divideValue(7n, 2n, Rounding.halfEven1)).toBe(4n)
  })

  test.prop([numeratorArb, denominatorArb, modeArb])("divide and divideValue agree", (n, d, mode) => {
    expect(Rounding.divide(n, d, mode).value).toBe(Rounding.divideValue(n, d, mode))
  })

  test.prop([fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), modeArb])(
    "apply leaves multiples of the unit unchanged and is idempotent",
    (amount, mode) => {
      const once = Rounding.apply(amount, mode).value
      expect(Rounding.apply(once, mode).value).toBe(once)
      const multiple = amount * mode.unit
      expect(Rounding.apply(multiple, mode).value).toBe(multiple)
      expect(Rounding.apply(multiple, mode).record.difference).toBe("0")
    }
  )
})
