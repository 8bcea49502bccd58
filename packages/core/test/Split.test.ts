import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { ArithmeticError } from "../src/values/Errors.js"
import * as Money from "../src/values/Money.js"
import * as Rounding from "../src/values/Rounding.js"
import * as Split from "../src/values/Split.js"
import { allocationUnit, splitWeights } from "../src/testing/allocation.js"

const m = Money.make
const parts = (total: bigint, weights: ReadonlyArray<bigint>, unit?: bigint) =>
  Split.splitOrThrow(m(total), weights, unit === undefined ? undefined : { unit }).parts

const sum = (xs: ReadonlyArray<bigint>) => xs.reduce((a, b) => a + b, 0n)

/** The recipients (weight ≠ 0) in the order leftover units go to them, worked out with bigints: remainder of total × w over W × unit (desc), weight (desc), index. */
const remainderOrder = (total: bigint, weights: ReadonlyArray<bigint>, unit: bigint): Array<number> => {
  const WU = sum(weights) * unit
  const rem = (i: number) => (total * (weights[i] as bigint)) % WU
  return weights
    .map((w, i) => ({ w, i }))
    .filter(({ w }) => w !== 0n)
    .sort((a, b) => {
      const ra = rem(a.i)
      const rb = rem(b.i)
      if (ra !== rb) return ra > rb ? -1 : 1
      if (a.w !== b.w) return a.w > b.w ? -1 : 1
      return a.i - b.i
    })
    .map(({ i }) => i)
}

/** The order Split.split's explanation gives. */
const orderGiven = (total: bigint, weights: ReadonlyArray<bigint>, unit: bigint): Array<number> =>
  Split.splitOrThrow(m(total), weights, { unit })
    .shares.filter((x) => x.order !== undefined)
    .sort((a, b) => (a.order as number) - (b.order as number))
    .map((x) => x.index)
const abs = (x: bigint) => (x < 0n ? -x : x)

describe("Split.split: largest remainder", () => {
  test("an exact split needs no remainder", () => {
    expect(parts(600n, [1n, 2n, 3n])).toEqual([100n, 200n, 300n])
  })

  test("leftover đồng go by largest remainder, not by index", () => {
    // exact shares 3.33…, 6.66…: floors 3 and 6, the spare đồng goes to the larger remainder (index 1)
    expect(parts(10n, [1n, 2n])).toEqual([3n, 7n])
    // shares 14.2857, 28.5714, 57.1428: floors 14, 28, 57 = 99; remainders .2857, .5714, .1428 → index 1
    expect(parts(100n, [1n, 2n, 4n])).toEqual([14n, 29n, 57n])
  })

  test("remainder ties with equal weights go to the smaller index", () => {
    // 5 among weights 1,1,2,2,1,1 (W=8): shares .625 .625 1.25 1.25 .625 .625; floors 0 0 1 1 0 0;
    // 3 left; remainders 5/8 (weight 1: indexes 0,1,4,5) and 2/8 → indexes 0, 1, 4 get one more
    expect(parts(5n, [1n, 1n, 2n, 2n, 1n, 1n])).toEqual([1n, 1n, 1n, 1n, 1n, 0n])
    // 2 among [2, 1, 2, 1] (W=6): remainders 4/6 2/6 4/6 2/6 → indexes 0 and 2
    expect(parts(2n, [2n, 1n, 2n, 1n])).toEqual([1n, 0n, 1n, 0n])
    // 2 at unit 2 among [3, 1, 1, 3]: shares .75 .25 .25 .75, indexes 0 and 3 tie on remainder and weight → index 0
    expect(parts(2n, [3n, 1n, 1n, 3n], 2n)).toEqual([2n, 0n, 0n, 0n])
  })

  test("a remainder tie between different weights goes to the larger weight, whatever the index", () => {
    // 4 at unit 2 among [1, 3] (W=4): shares 1 and 3; floors 0 and 2; both remainders are 1 đồng;
    // 2 đồng left go to the larger weight (index 1), not to the smaller index
    expect(parts(4n, [1n, 3n], 2n)).toEqual([0n, 4n])
    expect(parts(4n, [3n, 1n], 2n)).toEqual([4n, 0n])
  })

  test("the residue after whole units goes on down the remainder order", () => {
    // 3 at unit 2 among [3, 6, 3]: shares .75 1.5 .75, floors 0; index 1 (largest remainder) takes a unit (2),
    // the residue 1 goes to the next in order: index 0 (tied with index 2 on remainder and weight)
    expect(parts(3n, [3n, 6n, 3n], 2n)).toEqual([1n, 2n, 0n])
  })

  test("a larger remainder beats a larger weight", () => {
    // 6 at unit 6 among [1, 2, 3]: shares 1, 2, 3, all floors 0; remainders equal the shares → index 2
    expect(parts(6n, [1n, 2n, 3n], 6n)).toEqual([0n, 0n, 6n])
    // 5 at unit 5 among [2, 3]: shares 2 and 3 → index 1 takes the unit although index 0 comes first
    expect(parts(5n, [2n, 3n], 5n)).toEqual([0n, 5n])
  })

  test("at 1.000.000 đồng, parts are whole millions when the total is", () => {
    expect(parts(10_000_000n, [1n, 1n, 1n], 1_000_000n)).toEqual([4_000_000n, 3_000_000n, 3_000_000n])
    expect(parts(7_000_000_000n, [300n, 500n, 200n], 1_000_000n)).toEqual([2_100_000_000n, 3_500_000_000n, 1_400_000_000n])
  })

  test("a total that is not a multiple of the unit: the residue goes to the next recipient in remainder order", () => {
    // 2.500.000 in millions among two equal weights: 1.000.000 each, 500.000 residue to index 0
    expect(parts(2_500_000n, [1n, 1n], 1_000_000n)).toEqual([1_500_000n, 1_000_000n])
    // 10.500.000 among three: shares 3.5 m; floors 3 m; 1.5 m left → a whole million to index 0, the 500.000 to index 1
    const p = parts(10_500_000n, [1n, 1n, 1n], 1_000_000n)
    expect(p).toEqual([4_000_000n, 3_500_000n, 3_000_000n])
    expect(p.filter((x) => x % 1_000_000n !== 0n)).toHaveLength(1)
  })

  test("a Rounding mode may give the unit", () => {
    expect(Split.splitOrThrow(m(2_000n), [1n, 1n, 1n], { unit: Rounding.down1000 }).parts).toEqual([1_000n, 1_000n, 0n])
  })

  test("Money weights work like bigint weights", () => {
    expect(parts(900_000_000n, [m(300_000_000n), m(600_000_000n)])).toEqual([300_000_000n, 600_000_000n])
  })

  test("zero weights get zero; the explanation marks them out of the order", () => {
    const o = Split.splitOrThrow(m(7n), [0n, 1n, 0n, 1n])
    expect(o.parts).toEqual([0n, 4n, 0n, 3n])
    expect(o.shares[0]?.order).toBeUndefined()
    expect(o.shares[1]).toMatchObject({ exact: "3.5", floor: 3n, extra: 1n, part: 4n, order: 0 })
    expect(o.shares[3]).toMatchObject({ exact: "3.5", floor: 3n, extra: 0n, part: 3n, order: 1 })
  })

  test("errors: all-zero weights, no recipients, negative weight, negative total, bad unit", () => {
    const code = (r: ReturnType<typeof Split.split>) => (r.ok ? "ok" : r.error.code)
    expect(code(Split.split(m(5n), [0n, 0n]))).toBe("split/all-zero-weights")
    expect(code(Split.split(m(5n), []))).toBe("split/all-zero-weights")
    expect(code(Split.split(m(0n), [0n]))).toBe("split/all-zero-weights")
    const neg = Split.split(m(5n), [1n, -1n])
    expect(code(neg)).toBe("split/negative-weight")
    if (!neg.ok) {
      expect(neg.error).toBeInstanceOf(ArithmeticError)
      expect(neg.error.path).toEqual(["weights", 1])
    }
    expect(code(Split.split(m(-5n), [1n]))).toBe("split/negative-total")
    expect(code(Split.split(m(5n), [1n], { unit: 0n }))).toBe("split/invalid-unit")
    expect(() => Split.splitOrThrow(m(5n), [0n])).toThrow(ArithmeticError)
  })

  test("a zero total gives zero parts", () => {
    expect(parts(0n, [1n, 2n], 1_000n)).toEqual([0n, 0n])
  })

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 15n }), splitWeights, allocationUnit])(
    "parts sum to the total exactly, are ≥ 0, and each is within one unit of its exact share",
    (total, weights, unit) => {
      const o = Split.splitOrThrow(m(total), weights, { unit })
      expect(sum(o.parts)).toBe(total)
      const W = sum(weights)
      o.parts.forEach((p, i) => {
        expect(p >= 0n).toBe(true)
        // |p − T·w/W| < u  ⟺  |p·W − T·w| < u·W
        expect(abs(p * W - total * (weights[i] as bigint)) < unit * W).toBe(true)
        if (weights[i] === 0n) expect(p).toBe(0n)
      })
      const offUnit = o.parts.filter((p) => p % unit !== 0n)
      if (total % unit === 0n) expect(offUnit).toEqual([])
      else expect(offUnit.length).toBe(1)
    }
  )

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 12n }), splitWeights, allocationUnit, fc.bigInt({ min: 2n, max: 1000n })])(
    "deterministic and scale-free: multiplying every weight by k gives the same parts",
    (total, weights, unit, k) => {
      const a = Split.splitOrThrow(m(total), weights, { unit }).parts
      expect(Split.splitOrThrow(m(total), weights, { unit }).parts).toEqual(a)
      expect(Split.splitOrThrow(m(total), weights.map((w) => w * k), { unit }).parts).toEqual(a)
    }
  )

  // The remainder order is found by a numeric sort of quantised remainders, then exact compares
  // among equal quanta: huge weights (remainders far beyond a float's precision) and repeated
  // weights (equal remainders) make many of those.
  test.prop([
    fc.bigInt({ min: 0n, max: 10n ** 40n }),
    fc
      .array(fc.oneof(fc.bigInt({ min: 0n, max: 10n }), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.bigInt({ min: 10n ** 30n, max: 10n ** 30n + 5n })), { minLength: 1, maxLength: 40 })
      .filter((ws) => ws.some((w) => w > 0n)),
    allocationUnit
  ])("the leftover units go down the exact order: remainder (desc), then weight (desc), then index", (total, weights, unit) => {
    expect(orderGiven(total, weights, unit)).toEqual(remainderOrder(total, weights, unit))
  })

  test("weights beyond a float's range (Number(W × unit) is infinite) still go down the exact order", () => {
    const huge = 10n ** 310n
    const weights = [huge, 3n, huge + 1n, huge, 0n, 7n]
    expect(orderGiven(12_345n, weights, 1n)).toEqual(remainderOrder(12_345n, weights, 1n))
    expect(sum(parts(12_345n, weights))).toBe(12_345n)
  })

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 12n }), splitWeights])(
    "unit 1: every part is ⌊share⌋ or ⌊share⌋ + 1 (the Hamilton quota property)",
    (total, weights) => {
      const o = Split.splitOrThrow(m(total), weights)
      const W = sum(weights)
      o.parts.forEach((p, i) => {
        const floor = (total * (weights[i] as bigint)) / W
        expect(p === floor || p === floor + 1n).toBe(true)
      })
    }
  )
})

describe("Split.scale: proportional reduction", () => {
  test("scales amounts to the target exactly", () => {
    const r = Split.scale([m(600n), m(300n), m(100n)], m(500n))
    expect(r.ok && r.value.parts).toEqual([300n, 150n, 50n])
  })

  test("a part never exceeds its amount; a capped recipient passes the rest of its unit on", () => {
    // amounts 1.5 u, 0.7 u, 0.8 u (u = 1.000.000), target 2 u: shares 1 u, 0.467 u, 0.533 u
    const o = Split.scaleParts([m(1_500_000n), m(700_000n), m(800_000n)], m(2_000_000n), { unit: 1_000_000n })
    expect(o.ok && o.value).toEqual([1_000_000n, 200_000n, 800_000n])
  })

  test("target above the sum is refused", () => {
    const r = Split.scale([m(1n), m(2n)], m(4n))
    expect(!r.ok && r.error.code).toBe("split/target-above-sum")
  })

  test.prop([
    fc.array(fc.bigInt({ min: 0n, max: 10n ** 12n }), { minLength: 1, maxLength: 20 }).filter((xs) => xs.some((x) => x > 0n)),
    fc.integer({ min: 0, max: 1000 }),
    allocationUnit
  ])("scale: Σ = target, 0 ≤ part ≤ amount, within one unit of the exact share", (amounts, permille, unit) => {
    const W = sum(amounts)
    const target = (W * BigInt(permille)) / 1000n
    const r = Split.scaleParts(amounts.map(m), m(target), { unit })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(sum(r.value)).toBe(target)
    r.value.forEach((p, i) => {
      const a = amounts[i] as bigint
      expect(p >= 0n && p <= a).toBe(true)
      expect(abs(p * W - target * a) < unit * W).toBe(true)
    })
    // scale and scaleParts agree
    const full = Split.scale(amounts.map(m), m(target), { unit })
    expect(full.ok && full.value.parts).toEqual(r.value)
  })
})
