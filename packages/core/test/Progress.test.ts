import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { ArithmeticError, ValidationError } from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Money from "../src/values/Money.js"
import * as Plan from "../src/records/Plan.js"
import * as Progress from "../src/funds/Progress.js"
import * as Rate from "../src/values/Rate.js"
import * as Rounding from "../src/values/Rounding.js"

const m = Money.make
const day = (s: string) => LocalDate.parseOrThrow(s)
const TY = 1_000_000_000n // one tỷ đồng
const rateOf = (a: bigint, b: bigint) => {
  const r = Progress.rate(m(a), m(b))
  if (!r.ok) throw r.error
  return r.value
}

describe("seed figures", () => {
  test("seed 001 (2022 national plan): 29 tỷ of 140 tỷ assigned = 20,7 %", () => {
    const r = rateOf(29n * TY, 140n * TY)
    expect(Rate.equals(r, Rate.make(29n, 140n))).toBe(true)
    const shown = Progress.display(r, Progress.percent1)
    expect(shown.text).toBe("20,7%")
    // exact 20,714285…% = 1450/7 tenths of a percent, rounded half up to 207
    expect(shown.rounding).toEqual({ mode: "half-up-1", exact: "1450/7", result: "207", difference: "-1/7" })
    expect(Rate.equals(shown.shown, Rate.make(207n, 1000n))).toBe(true)
  })

  test("seed 001 (Centre 1): 1,4 tỷ disbursed at 5,74 % → its assignment is 24,369… to 24,411… tỷ; 1,4 / 24,39 tỷ shows 5,74 %", () => {
    // (the brief attributes this figure to seed 000; it is in 001_f456d0a894ca9e17.txt)
    const part = m(1_400_000_000n)
    const range = Progress.baseRange(part, Rate.make(574n, 10_000n), Progress.percent2)
    expect(range.ok && range.value).toEqual({ low: 24_369_016_537n, high: 24_411_508_282n })
    if (!range.ok) return
    // both ends show 5,74 %, one đồng outside does not
    expect(Progress.display(rateOf(part, range.value.low), Progress.percent2).text).toBe("5,74%")
    expect(Progress.display(rateOf(part, range.value.high ?? 0n), Progress.percent2).text).toBe("5,74%")
    expect(Progress.display(rateOf(part, range.value.low - 1n), Progress.percent2).text).toBe("5,75%")
    expect(Progress.display(rateOf(part, (range.value.high ?? 0n) + 1n), Progress.percent2).text).toBe("5,73%")
    // the round figure 24,39 tỷ is inside and shows 5,74 %
    expect(Progress.display(rateOf(part, 24_390_000_000n), Progress.percent2).text).toBe("5,74%")
  })

  test("seed 000 (2024 national plan): 45 tỷ of 130 tỷ allocated by 30/6/2024 = 34,6 %, by month", () => {
    const r = Progress.report({
      assignments: [{ id: "3396/QĐ-BCT", amount: m(130n * TY), fund: "central-budget" }],
      disbursements: [
        { date: day("2024-03-28"), amount: m(20n * TY), assignment: "3396/QĐ-BCT" },
        { date: day("2024-06-30"), amount: m(25n * TY), assignment: "3396/QĐ-BCT" },
        { date: day("2024-07-15"), amount: m(10n * TY), assignment: "3396/QĐ-BCT" }
      ],
      asOf: day("2024-06-30")
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.total).toMatchObject({ assigned: 130n * TY, disbursed: 45n * TY })
    expect(r.value.total.shown?.text).toBe("34,6%")
    expect(r.value.byMonth.map((x) => [x.month, x.disbursed, x.cumulative, x.shown?.text])).toEqual([
      ["2024-03", 20n * TY, 20n * TY, "15,4%"],
      ["2024-04", 0n, 20n * TY, "15,4%"],
      ["2024-05", 0n, 20n * TY, "15,4%"],
      ["2024-06", 0n + 25n * TY, 45n * TY, "34,6%"]
    ])
    expect(r.value.byFund.map((l) => [l.key, l.shown?.text])).toEqual([["central-budget", "34,6%"]])
  })
})

describe("report by province, fund and activity", () => {
  test("linked disbursements take their assignment's dimensions; unlinked ones their own", () => {
    const r = Progress.report({
      assignments: [
        { id: "a", amount: m(1_000n), province: "HG", fund: "national", activity: "machinery" },
        { id: "b", amount: m(3_000n), province: "BG", fund: "national", activity: "model" },
        { id: "c", amount: m(1_000n), province: "BG", fund: "local", activity: "machinery" }
      ],
      disbursements: [
        { date: day("2024-02-01"), amount: m(500n), assignment: "a" },
        { date: day("2024-03-01"), amount: m(1_000n), assignment: "b" },
        { date: day("2024-03-05"), amount: m(100n), province: "HY" }
      ],
      display: Progress.percent0
    })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const lines = (ls: ReadonlyArray<Progress.Line>) => ls.map((l) => [l.key, l.assigned, l.disbursed, l.shown?.text])
    expect(lines(r.value.byProvince)).toEqual([
      ["BG", 4_000n, 1_000n, "25%"],
      ["HG", 1_000n, 500n, "50%"],
      ["HY", 0n, 100n, undefined]
    ])
    expect(lines(r.value.byFund)).toEqual([
      ["(unassigned)", 0n, 100n, undefined],
      ["local", 1_000n, 0n, "0%"],
      ["national", 4_000n, 1_500n, "38%"]
    ])
    expect(lines(r.value.byActivity)).toEqual([
      ["(unassigned)", 0n, 100n, undefined],
      ["machinery", 2_000n, 500n, "25%"],
      ["model", 3_000n, 1_000n, "33%"]
    ])
    expect(r.value.total.rate).toEqual(Rate.make(1_600n, 5_000n))
    expect(r.value.display).toBe("percent-0-half-up")
  })

  test("the assignments of a Plan: one per budget envelope", () => {
    const plan = Plan.decode({
      id: "kh-2024",
      year: 2024,
      level: "national",
      envelopes: [{ year: 2024, level: "national", amount: "130000000000", source: { kind: "central-budget" } }],
      proposalIds: []
    })
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    expect(Progress.assignmentsOfPlan(plan.value)).toEqual([{ id: "kh-2024/0", amount: 130n * TY, fund: "central-budget" }])
  })

  test("bad input: every problem listed", () => {
    const r = Progress.report({
      assignments: [{ id: "a", amount: m(-1n) }, { id: "a", amount: m(1n) }],
      disbursements: [{ date: "2024-02-30" as LocalDate.LocalDate, amount: m(0n), assignment: "zz" }]
    })
    expect(!r.ok && r.error).toBeInstanceOf(ValidationError)
    expect(!r.ok && r.error.issues.map((i) => i.code)).toEqual([
      "progress/invalid-amount",
      "progress/duplicate-assignment",
      "progress/invalid-date",
      "progress/invalid-amount",
      "progress/unknown-assignment"
    ])
  })
})

describe("rates and displays", () => {
  test("rate errors: zero base, negative part", () => {
    expect(!Progress.rate(m(1n), m(0n)).ok && Progress.rate(m(1n), m(0n))).toMatchObject({ error: { code: "progress/zero-base" } })
    const neg = Progress.rate(m(-1n), m(5n))
    expect(!neg.ok && neg.error).toBeInstanceOf(ArithmeticError)
  })

  test("named displays round as named", () => {
    const r = Rate.make(45n, 130n) // 34,615…%
    expect(Progress.display(r, Progress.percent0).text).toBe("35%")
    expect(Progress.display(r, Progress.percent1).text).toBe("34,6%")
    expect(Progress.display(r, Progress.percent2).text).toBe("34,62%")
    expect(Progress.display(r, Progress.makeDisplay(2, Rounding.down1)).text).toBe("34,61%")
    expect(Progress.display(Rate.make(1n, 8n), Progress.percent1).text).toBe("12,5%")
    // half up at the tie: 0,05 % → 0,1 %
    expect(Progress.display(Rate.make(5n, 10_000n), Progress.percent1).text).toBe("0,1%")
    expect(Progress.display(Rate.make(1n, 1_000_000n), Progress.percent1).text).toBe("0,0%")
    expect(() => Progress.makeDisplay(11, Rounding.halfUp1)).toThrow(ArithmeticError)
  })

  test("baseRange: errors and an unbounded range", () => {
    expect(Progress.baseRange(m(0n), Rate.make(1n, 10n)).ok).toBe(false)
    const tooFine = Progress.baseRange(m(100n), Rate.make(5741n, 100_000n), Progress.percent2)
    expect(!tooFine.ok && tooFine.error.code).toBe("progress/not-a-displayed-value")
    // "0,0%" of 1 đồng: any base above 2.000 đồng shows 0,0 % (half up) → no upper bound
    const zero = Progress.baseRange(m(1n), Rate.zero, Progress.percent1)
    expect(zero.ok && zero.value).toEqual({ low: 2_001n, high: undefined })
    // a displayed value nothing can reach for this amount: 1 đồng at 66,7 % (1/2 = 50 %, 1/1 = 100 %)
    const empty = Progress.baseRange(m(1n), Rate.make(667n, 1_000n), Progress.percent1)
    expect(!empty.ok && empty.error.code).toBe("progress/empty-range")
  })

  test.prop([fc.bigInt({ min: 1n, max: 10n ** 13n }), fc.bigInt({ min: 1n, max: 10n ** 13n }), fc.constantFrom(Progress.percent0, Progress.percent1, Progress.percent2, Progress.makeDisplay(1, Rounding.down1), Progress.makeDisplay(2, Rounding.up1), Progress.makeDisplay(1, Rounding.halfEven1))])(
    "baseRange is exact: the true base is inside, and the bases just outside show another value",
    (part, base, d) => {
      const shown = Progress.display(rateOf(part, base), d)
      const range = Progress.baseRange(m(part), shown.shown, d)
      expect(range.ok).toBe(true)
      if (!range.ok) return
      const { low, high } = range.value
      expect(low <= base && (high === undefined || base <= high)).toBe(true)
      if (low > 1n) expect(Progress.display(rateOf(part, low - 1n), d).text).not.toBe(shown.text)
      expect(Progress.display(rateOf(part, low), d).text).toBe(shown.text)
      if (high !== undefined) {
        expect(Progress.display(rateOf(part, high), d).text).toBe(shown.text)
        expect(Progress.display(rateOf(part, high + 1n), d).text).not.toBe(shown.text)
      }
    }
  )
})
