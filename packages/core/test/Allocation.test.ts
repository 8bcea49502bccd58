import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import * as Allocation from "../src/funds/Allocation.js"
import { LookupError, RuleViolation, ValidationError } from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Money from "../src/values/Money.js"
import * as Priority from "../src/rules/Priority.js"
import * as Rate from "../src/values/Rate.js"
import * as Rounding from "../src/values/Rounding.js"
import * as Trace from "../src/values/Trace.js"
import { allocationCandidates, allocationInput, allocationPolicy, allocationUnit } from "../src/testing/allocation.js"
import { pack2021 } from "./fixtures/ledger-pack.js"
import { hashId, idTable, MAX_PROBES } from "../src/funds/internal/ids.js"

const m = Money.make
const M = 1_000_000n // one million đồng
const cand = (id: string, requested: bigint, extra?: Partial<Allocation.Candidate<number>>): Allocation.Candidate<number> => ({
  id,
  requested: m(requested),
  ...extra
})
const run = <K>(input: Allocation.Input<K>) => Allocation.allocateOrThrow(input)
const byId = (a: Allocation.Allocation) => Object.fromEntries(a.outcomes.map((o) => [o.id, o]))

describe("whole-only", () => {
  test("skips what does not fit and continues down the list", () => {
    const a = run({
      envelope: m(1_000n * M),
      candidates: [cand("A", 600n * M), cand("B", 500n * M), cand("C", 300n * M)],
      policy: { kind: "whole-only" }
    })
    const o = byId(a)
    expect(o["A"]).toMatchObject({ status: "funded", allocated: 600n * M, reason: "fits", constraint: "none", rank: 0 })
    expect(o["B"]).toMatchObject({ status: "unfunded", allocated: 0n, reason: "does-not-fit", constraint: "envelope", available: 400n * M })
    expect(o["C"]).toMatchObject({ status: "funded", allocated: 300n * M })
    expect(a.totals).toEqual({
      envelope: 1_000n * M,
      requested: 1_400n * M,
      reserve: 0n,
      distributable: 1_000n * M,
      allocated: 900n * M,
      unallocated: 100n * M
    })
  })

  test("a request exactly equal to what is left is funded", () => {
    const a = run({ envelope: m(900n), candidates: [cand("A", 400n), cand("B", 500n)], policy: { kind: "whole-only" } })
    expect(a.outcomes.map((o) => o.status)).toEqual(["funded", "funded"])
    expect(a.totals.unallocated).toBe(0n)
  })

  test("the seed 000 group project: 900 m for 3 establishments fits a 900 m envelope exactly", () => {
    // seed 000_c06644ec0b96bb05.txt: 1 national group project for 3 rural establishments = 900 million đồng
    const a = run({
      envelope: m(900n * M),
      candidates: [cand("HG-1", 300n * M), cand("HG-2", 300n * M), cand("HG-3", 300n * M), cand("HG-4", 1n)],
      policy: { kind: "whole-only" }
    })
    expect(a.totals.allocated).toBe(900n * M)
    expect(byId(a)["HG-4"]).toMatchObject({ status: "unfunded", available: 0n })
  })
})

describe("partial-marginal", () => {
  const policy = { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n) } as const

  test("funds the marginal project partly when what is left reaches the minimum share", () => {
    const a = run({ envelope: m(1_000n * M), candidates: [cand("A", 600n * M), cand("B", 500n * M), cand("C", 300n * M)], policy })
    const o = byId(a)
    expect(o["B"]).toMatchObject({ status: "partly-funded", allocated: 400n * M, reason: "partial", constraint: "envelope" })
    expect(o["C"]).toMatchObject({ status: "unfunded", reason: "does-not-fit", available: 0n })
    expect(a.totals.unallocated).toBe(0n)
  })

  test("below the minimum share the marginal project is skipped and the walk continues", () => {
    const a = run({ envelope: m(1_000n * M), candidates: [cand("A", 600n * M), cand("B", 900n * M), cand("C", 300n * M)], policy })
    const o = byId(a)
    expect(o["B"]).toMatchObject({ status: "unfunded", reason: "below-minimum-share", constraint: "minimum-share", available: 400n * M, limit: "envelope" })
    expect(o["C"]).toMatchObject({ status: "funded", allocated: 300n * M })
    expect(a.totals.unallocated).toBe(100n * M)
  })

  test("the minimum share is inclusive: exactly 50 % is funded", () => {
    const a = run({ envelope: m(500n), candidates: [cand("A", 1_000n)], policy })
    expect(byId(a)["A"]).toMatchObject({ status: "partly-funded", allocated: 500n })
    const b = run({ envelope: m(499n), candidates: [cand("A", 1_000n)], policy })
    expect(byId(b)["A"]).toMatchObject({ status: "unfunded", constraint: "minimum-share" })
  })

  test("the partial amount is cut to the unit; the residue stays unallocated", () => {
    const a = run({
      envelope: m(1_050_500_000n),
      candidates: [cand("A", 600n * M), cand("B", 500n * M)],
      policy: { ...policy, unit: M }
    })
    expect(byId(a)["B"]).toMatchObject({ status: "partly-funded", allocated: 450n * M })
    expect(a.totals.unallocated).toBe(500_000n)
  })

  test("a minimum share of 100 % behaves like whole-only", () => {
    const input = { envelope: m(1_000n), candidates: [cand("A", 600n), cand("B", 500n), cand("C", 300n)] }
    const a = run({ ...input, policy: { kind: "partial-marginal", minimumShare: Rate.one } })
    const b = run({ ...input, policy: { kind: "whole-only" } })
    expect(a.outcomes.map((o) => o.allocated)).toEqual(b.outcomes.map((o) => o.allocated))
  })
})

describe("proportional-tier", () => {
  test("funds tiers in order, scales the first that does not fit, gives lower tiers nothing", () => {
    const a = run({
      envelope: m(800n),
      candidates: [
        cand("C", 300n, { tier: 1 }),
        cand("A", 400n, { tier: 0 }),
        cand("E", 50n, { tier: 2 }),
        cand("B", 200n, { tier: 0 }),
        cand("D", 100n, { tier: 1 })
      ],
      policy: { kind: "proportional-tier" }
    })
    const o = byId(a)
    expect(o["A"]).toMatchObject({ status: "funded", allocated: 400n })
    expect(o["B"]).toMatchObject({ status: "funded", allocated: 200n })
    // tier 1 asks 400 for the 200 left: 50 % each
    expect(o["C"]).toMatchObject({ status: "partly-funded", allocated: 150n, reason: "scaled", constraint: "envelope" })
    expect(o["D"]).toMatchObject({ status: "partly-funded", allocated: 50n })
    expect(o["E"]).toMatchObject({ status: "unfunded", reason: "lower-tier", constraint: "envelope", available: 0n })
    expect(a.totals.allocated).toBe(800n)
  })

  test("scaling uses the largest remainder at the unit and leaves the sub-unit residue unallocated", () => {
    // 1.000.500.000 over three equal requests of 600 m, in millions: 1.000 m → 334 + 333 + 333; 500.000 left over
    const a = run({
      envelope: m(1_000_500_000n),
      candidates: [cand("X", 600n * M, { tier: 1 }), cand("Y", 600n * M, { tier: 1 }), cand("Z", 600n * M, { tier: 1 })],
      policy: { kind: "proportional-tier", unit: M }
    })
    expect(a.outcomes.map((o) => o.allocated)).toEqual([334n * M, 333n * M, 333n * M])
    expect(a.totals.unallocated).toBe(500_000n)
  })

  test("a missing tier is an error under proportional-tier only", () => {
    const r = Allocation.allocate({ envelope: m(10n), candidates: [cand("A", 5n)], policy: { kind: "proportional-tier" } })
    expect(!r.ok && r.error.code).toBe("allocation/missing-tier")
    expect(Allocation.allocate({ envelope: m(10n), candidates: [cand("A", 5n)], policy: { kind: "whole-only" } }).ok).toBe(true)
  })

  test("inside a tier a province over its ceiling is scaled to it first", () => {
    const a = run({
      envelope: m(10_000n),
      candidates: [
        cand("H1", 600n, { tier: 0, province: "HG" }),
        cand("H2", 400n, { tier: 0, province: "HG" }),
        cand("B1", 300n, { tier: 0, province: "BG" }),
        cand("L1", 100n, { tier: 1, province: "HG" })
      ],
      ceilings: { province: { HG: m(500n) } },
      policy: { kind: "proportional-tier" }
    })
    const o = byId(a)
    expect(o["H1"]).toMatchObject({ allocated: 300n, constraint: "province-ceiling", status: "partly-funded" })
    expect(o["H2"]).toMatchObject({ allocated: 200n, constraint: "province-ceiling" })
    expect(o["B1"]).toMatchObject({ allocated: 300n, status: "funded" })
    // tier 1 is reached (the envelope did not bind) but HG has nothing left
    expect(o["L1"]).toMatchObject({ allocated: 0n, status: "unfunded", constraint: "province-ceiling", available: 0n, limit: "province-ceiling" })
    expect(a.ceilings).toEqual([{ kind: "province", key: "HG", ceiling: 500n, allocated: 500n }])
  })
})

describe("ceilings", () => {
  test("a province ceiling blocks a project that the envelope would fund", () => {
    const a = run({
      envelope: m(2_000n),
      candidates: [cand("A", 600n, { province: "HG" }), cand("B", 300n, { province: "HG" }), cand("C", 300n, { province: "BG" })],
      ceilings: { province: { HG: m(800n) } },
      policy: { kind: "whole-only" }
    })
    const o = byId(a)
    expect(o["B"]).toMatchObject({ status: "unfunded", constraint: "province-ceiling", available: 200n })
    expect(o["C"]).toMatchObject({ status: "funded" })
  })

  test("the tightest limit is reported: unit ceiling below the province ceiling below the envelope", () => {
    const a = run({
      envelope: m(1_000n),
      candidates: [cand("A", 500n, { province: "HG", implementingUnit: "TT1", activity: "fair" })],
      ceilings: { province: { HG: m(400n) }, implementingUnit: new Map([["TT1", m(300n)]]), activity: { fair: m(350n) } },
      policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n) }
    })
    expect(byId(a)["A"]).toMatchObject({ status: "partly-funded", allocated: 300n, constraint: "unit-ceiling", limit: "unit-ceiling" })
  })

  test("an activity ceiling binds; proposals without that field or key are not limited", () => {
    const a = run({
      envelope: m(1_000n),
      candidates: [cand("A", 300n, { activity: "fair" }), cand("B", 300n, { activity: "fair" }), cand("C", 300n), cand("D", 100n, { activity: "model" })],
      ceilings: { activity: { fair: m(400n) } },
      policy: { kind: "whole-only" }
    })
    expect(a.outcomes.map((o) => [o.id, o.status, o.constraint])).toEqual([
      ["A", "funded", "none"],
      ["B", "unfunded", "activity-ceiling"],
      ["C", "funded", "none"],
      ["D", "funded", "none"]
    ])
  })

  test("a ceiling equal to the envelope headroom reports the envelope (ties go to the envelope)", () => {
    const a = run({
      envelope: m(100n),
      candidates: [cand("A", 200n, { province: "HG" })],
      ceilings: { province: { HG: m(100n) } },
      policy: { kind: "whole-only" }
    })
    expect(byId(a)["A"]?.constraint).toBe("envelope")
  })
})

describe("reserve for programme management", () => {
  const citation = pack2021.parameters["overhead.managing-agency"]?.values[0]?.citation
  if (citation === undefined) throw new Error("fixture")

  test("is taken before allocation, rounded down to the đồng, and reported", () => {
    // seed 000: 2024 national plan 130 tỷ đồng; 1,5 % reserve = 1.950.000.000 đồng
    const rec = new Trace.Recorder()
    const a = Allocation.allocateOrThrow(
      {
        envelope: m(130_000_000_000n),
        candidates: [cand("A", 128_050_000_000n), cand("B", 1n)],
        policy: { kind: "whole-only" },
        reserve: { rate: Rate.make(3n, 200n), parameter: "overhead.managing-agency", citation }
      },
      rec
    )
    expect(a.totals.reserve).toBe(1_950_000_000n)
    expect(a.totals.distributable).toBe(128_050_000_000n)
    expect(byId(a)["A"]?.status).toBe("funded")
    expect(byId(a)["B"]?.status).toBe("unfunded")
    expect(a.reserve?.rounding).toEqual({ mode: "down-1", exact: "1950000000", result: "1950000000", difference: "0" })
    const steps = rec.finish().steps
    expect(steps.map((s) => s.rule)).toEqual(["allocation.reserve", "allocation.whole-only"])
    expect(steps[0]?.roundings).toHaveLength(1)
  })

  test("a reserve that is not a whole đồng is rounded down (never above the rate)", () => {
    const a = run({ envelope: m(1_001n), candidates: [], policy: { kind: "whole-only" }, reserve: { rate: Rate.make(3n, 200n), parameter: "p", citation } })
    // 1.001 × 1,5 % = 15,015 → 15
    expect(a.totals.reserve).toBe(15n)
    expect(a.reserve?.rounding.difference).toBe("-0.015")
    expect(a.totals.unallocated).toBe(986n)
  })

  test("reserveFromPack reads the pack parameter with its citation, and refuses a larger rate", () => {
    const day = LocalDate.makeOrThrow(2024, 1, 15)
    const r = Allocation.reserveFromPack(pack2021, "overhead.managing-agency", day)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(Rate.equals(r.value.rate, Rate.make(3n, 200n))).toBe(true)
    expect(r.value.citation.grade).toBe("unconfirmed")
    expect(r.value.reading?.parameterId).toBe("overhead.managing-agency")
    const rec = new Trace.Recorder()
    Allocation.allocateOrThrow({ envelope: m(1_000_000n), candidates: [], policy: { kind: "whole-only" }, reserve: r.value }, rec)
    expect(Trace.unconfirmedReads(rec.finish())).toHaveLength(1)

    const smaller = Allocation.reserveFromPack(pack2021, "overhead.managing-agency", day, { rate: Rate.make(1n, 100n) })
    expect(smaller.ok && smaller.value.rate).toEqual(Rate.make(1n, 100n))
    const larger = Allocation.reserveFromPack(pack2021, "overhead.managing-agency", day, { rate: Rate.make(2n, 100n) })
    expect(!larger.ok && larger.error).toBeInstanceOf(RuleViolation)
    expect(!larger.ok && larger.error.code).toBe("allocation/reserve-above-parameter")
    expect(!larger.ok && (larger.error as RuleViolation).citation).toContain("26/2014/TTLT-BTC-BCT")
  })

  test("reserveFromPack errors: unknown parameter, date outside, not a rate", () => {
    const unknown = Allocation.reserveFromPack(pack2021, "overhead.nope", LocalDate.makeOrThrow(2024, 1, 1))
    expect(!unknown.ok && unknown.error).toBeInstanceOf(LookupError)
    const early = Allocation.reserveFromPack(pack2021, "overhead.managing-agency", LocalDate.makeOrThrow(2017, 1, 1))
    expect(!early.ok && early.error).toBeInstanceOf(LookupError)
    const money = Allocation.reserveFromPack(pack2021, "support.machinery.cap", LocalDate.makeOrThrow(2024, 1, 1))
    expect(!money.ok && money.error.code).toBe("allocation/parameter-not-a-rate")
  })
})

describe("ranking", () => {
  test("a comparator ranks the candidates; ties are broken by id", () => {
    const a = run({
      envelope: m(500n),
      candidates: [cand("b", 300n, { rankKey: 2 }), cand("c", 300n, { rankKey: 1 }), cand("a", 300n, { rankKey: 2 })],
      compare: Allocation.byRankKey((x: number, y: number) => x - y),
      policy: { kind: "whole-only" }
    })
    expect(a.outcomes.map((o) => [o.id, o.rank, o.status])).toEqual([
      ["c", 0, "funded"],
      ["a", 1, "unfunded"],
      ["b", 2, "unfunded"]
    ])
  })

  // Integer rank keys are put in order without the comparator, which then only checks that order
  // and finds the ties; other keys, and comparators that disagree, take the general sort. Either
  // way the ranking is the comparator's, ties by id: checked against a plain sort.
  const keyComparators = {
    ascending: (x: number, y: number) => x - y,
    descending: (x: number, y: number) => y - x,
    "coarse (tens)": (x: number, y: number) => Math.floor(x / 10) - Math.floor(y / 10),
    "all equal": () => 0
  } as const
  const rankKeys = fc.oneof(
    fc.integer({ min: -30, max: 30 }),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 0.5, -0, 2 ** 60),
    fc.constant(undefined)
  )
  test.prop([
    fc.uniqueArray(fc.record({ id: fc.stringMatching(/^[a-e]{1,3}$/), key: rankKeys }), { selector: (r) => r.id, maxLength: 30 }),
    fc.constantFrom(...(Object.keys(keyComparators) as Array<keyof typeof keyComparators>)),
    fc.boolean()
  ])("the ranking is the comparator's with ties by id, whatever the keys (integers, wide, fractional, missing)", (rows, which, onlyIntegers) => {
    const compareKeys = keyComparators[which]
    const candidates = rows.map((r) => cand(r.id, 1n, { rankKey: onlyIntegers ? Math.trunc(r.key ?? 7) % 1000 : (r.key as number) }))
    const compare = Allocation.byRankKey(compareKeys)
    const expected = [...candidates].sort((a, b) => compare(a, b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((c) => c.id)
    const a = run({ envelope: m(1n), candidates, compare, policy: { kind: "whole-only" } })
    expect(a.outcomes.map((o) => o.id)).toEqual(expected)
    expect(a.outcomes.map((o) => o.rank)).toEqual(expected.map((_, i) => i))
  })

  test("a comparator that is not the rank keys' ascending order (here: descending, read from another field) is followed", () => {
    const candidates = [cand("a", 300n, { rankKey: 1, tier: 3 }), cand("b", 300n, { rankKey: 2, tier: 1 }), cand("c", 300n, { rankKey: 3, tier: 2 })]
    const byTierDesc = (x: Allocation.Candidate<number>, y: Allocation.Candidate<number>) => (y.tier as number) - (x.tier as number)
    expect(run({ envelope: m(1n), candidates, compare: byTierDesc, policy: { kind: "whole-only" } }).outcomes.map((o) => o.id)).toEqual(["a", "c", "b"])
    expect(
      run({ envelope: m(1n), candidates, compare: Allocation.byRankKey((x: number, y: number) => y - x), policy: { kind: "whole-only" } }).outcomes.map((o) => o.id)
    ).toEqual(["c", "b", "a"])
  })

  test("the pack's priority comparator (Priority.compare) ranks candidates through their rank keys", () => {
    const key = (proposalId: string, areaRank: number, industryRank: number, pilot = false): Priority.Classification => ({
      proposalId,
      areaRank,
      industryRank,
      pilot,
      unranked: false
    })
    const a = run({
      envelope: m(600n),
      candidates: [
        { id: "no-priority", requested: m(300n), rankKey: key("no-priority", Priority.NONE, Priority.NONE) },
        { id: "industry", requested: m(300n), rankKey: key("industry", Priority.NONE, 2) },
        { id: "highland", requested: m(300n), rankKey: key("highland", 1, Priority.NONE) }
      ],
      compare: Allocation.byRankKey(Priority.compare),
      policy: { kind: "whole-only" }
    })
    expect(a.outcomes.map((o) => [o.id, o.status])).toEqual([
      ["highland", "funded"],
      ["industry", "funded"],
      ["no-priority", "unfunded"]
    ])
  })

  test("byRankKey puts candidates without a key last", () => {
    const cmp = Allocation.byRankKey((x: number, y: number) => x - y)
    expect(cmp(cand("x", 1n), cand("y", 1n, { rankKey: 5 }))).toBeGreaterThan(0)
    expect(cmp(cand("x", 1n, { rankKey: 5 }), cand("y", 1n))).toBeLessThan(0)
    expect(cmp(cand("x", 1n), cand("y", 1n))).toBe(0)
  })
})

describe("validation", () => {
  test("every problem is listed with its path", () => {
    const r = Allocation.allocate({
      envelope: m(-1n),
      candidates: [cand("A", 0n), cand("A", 5n), cand("", 5n)],
      ceilings: { province: { HG: m(-5n) } },
      policy: { kind: "partial-marginal", minimumShare: Rate.make(3n, 2n), unit: 0n }
    })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toBeInstanceOf(ValidationError)
    expect(r.error.issues.map((i) => [i.code, i.path])).toEqual([
      ["allocation/invalid-envelope", ["envelope"]],
      ["allocation/invalid-unit", ["policy", "unit"]],
      ["allocation/invalid-minimum-share", ["policy", "minimumShare"]],
      ["allocation/invalid-request", ["candidates", 0, "requested"]],
      ["allocation/duplicate-id", ["candidates", 1, "id"]],
      ["allocation/missing-id", ["candidates", 2, "id"]],
      ["allocation/invalid-ceiling", ["ceilings", "province", "HG"]]
    ])
    expect(() => Allocation.allocateOrThrow({ envelope: m(-1n), candidates: [], policy: { kind: "whole-only" } })).toThrow(ValidationError)
  })

  test("a reserve needs a rate within 0–100 %, a parameter and a citation", () => {
    const r = Allocation.allocate({
      envelope: m(1n),
      candidates: [],
      policy: { kind: "whole-only" },
      reserve: { rate: Rate.make(3n, 2n), parameter: "", citation: undefined as never }
    })
    expect(!r.ok && r.error.issues.map((i) => i.code)).toEqual([
      "allocation/invalid-reserve-rate",
      "allocation/reserve-without-parameter",
      "allocation/reserve-without-citation"
    ])
  })

  /** The places of the candidates whose id (in NFC) an earlier candidate already has: what duplicate-id must name. */
  const repeats = (ids: ReadonlyArray<string>): Array<number> => {
    const seen = new Set<string>()
    const out: Array<number> = []
    ids.forEach((id, i) => {
      const n = id.normalize("NFC")
      if (seen.has(n)) out.push(i)
      seen.add(n)
    })
    return out
  }
  const duplicatesFound = (ids: ReadonlyArray<string>): Array<unknown> => {
    const r = Allocation.allocate({ envelope: m(1n), candidates: ids.map((id) => cand(id, 1n)), policy: { kind: "whole-only" } })
    return r.ok ? [] : r.error.issues.filter((i) => i.code === "allocation/duplicate-id").map((i) => i.path[1])
  }

  test("a repeated id is found among thousands, also typed decomposed (NFD) after composed", () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `ĐA-${i}`)
    ids.push("ĐA-17", "ĐA-4999", "ĐA-0", "Đề án 1", "\u0110e\u0302\u0300 a\u0301n 1")
    expect(duplicatesFound(ids)).toEqual([5_000, 5_001, 5_002, 5_004])
  })

  test("an id typed decomposed (NFD) comes out composed (NFC); the other candidates are passed as given", () => {
    const r = run({ envelope: m(10n), candidates: [cand("A", 1n), cand("\u0110e\u0302\u0300 a\u0301n 1", 2n)], policy: { kind: "whole-only" } })
    expect(r.outcomes.map((o) => [o.id, o.allocated])).toEqual([
      ["A", 1n],
      ["Đề án 1", 2n]
    ])
  })

  test("ids crafted to fall in one slot of the table are all told apart, and a repeat among them found (the table gives way to a Set)", () => {
    // 300 candidates: a table of 1,024 slots; find ids whose hashes share their low 10 bits
    const n = 300
    const mask = idTable(n).length / 2 - 1
    const target = hashId("X-0") & mask
    const colliding: Array<string> = []
    for (let k = 0; colliding.length < MAX_PROBES + 20; k++) if ((hashId(`X-${k}`) & mask) === target) colliding.push(`X-${k}`)
    const ids = [...colliding, ...Array.from({ length: n - colliding.length - 2 }, (_, i) => `Y-${i}`), colliding[3] as string, colliding[MAX_PROBES + 5] as string]
    expect(ids).toHaveLength(n)
    expect(duplicatesFound(ids)).toEqual([n - 2, n - 1])
    // without the repeats, nothing is refused
    expect(Allocation.allocate({ envelope: m(1n), candidates: ids.slice(0, n - 2).map((id) => cand(id, 1n)), policy: { kind: "whole-only" } }).ok).toBe(true)
  })

  test.prop([fc.array(fc.constantFrom("A", "B", "Ư", "U\u031B", "Ừ", "U\u031B\u0300", "Ư\u0300", "DA-1", "DA-10"), { maxLength: 40 })])(
    "duplicate-id names exactly the candidates whose id (in NFC) came before",
    (ids) => {
      expect(duplicatesFound(ids)).toEqual(repeats(ids))
    }
  )

  test("a zero minimum share is refused", () => {
    const r = Allocation.allocate({ envelope: m(1n), candidates: [], policy: { kind: "partial-marginal", minimumShare: Rate.zero } })
    expect(!r.ok && r.error.code).toBe("allocation/invalid-minimum-share")
  })
})

describe("explain", () => {
  test("one sentence per outcome, with amounts and the Vietnamese terms", () => {
    const a = run({
      envelope: m(1_000n * M),
      candidates: [cand("A", 600n * M), cand("B", 500n * M), cand("C", 900n * M)],
      policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n) }
    })
    const [A, B, C] = a.outcomes.map(Allocation.explain)
    expect(A).toBe("A: funded in full (được bố trí đủ): 600.000.000 ₫")
    expect(B).toBe("B: partly funded (bố trí một phần): 400.000.000 ₫ of 500.000.000 ₫, all that was left under the envelope (kinh phí được giao)")
    expect(C).toBe("C: unfunded (không được bố trí): requested 900.000.000 ₫ exceeds the 0 ₫ left of the envelope (kinh phí được giao)")
    expect(Allocation.outcomeOf(a, "B")?.allocated).toBe(400n * M)
    expect(Allocation.outcomeOf(a, "Z")).toBeUndefined()
  })
})

describe("rounding to the allocation unit is recorded, and explained", () => {
  // Seen: a cut from 300.500.000 to 300.000.000 ₫ recorded no rounding, and its explanation said
  // "all that was left" while 500.000 ₫ remained
  test("partial-marginal: what was left, 300.500.000 ₫, cut to 300.000.000 ₫ (unit 1.000.000 ₫)", () => {
    const rec = new Trace.Recorder()
    const a = Allocation.allocateOrThrow(
      {
        envelope: m(1_000n * M),
        candidates: [cand("A", 699_500_000n), cand("B", 400n * M)],
        policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: M }
      },
      rec
    )
    const B = byId(a)["B"] as Allocation.Outcome
    expect(B).toMatchObject({ status: "partly-funded", reason: "partial", allocated: 300n * M, available: 300_500_000n, constraint: "envelope" })
    expect(a.totals.unallocated).toBe(500_000n)
    const steps = rec.finish().steps
    expect(steps.map((s) => s.rule)).toEqual(["allocation.rounding", "allocation.partial-marginal"])
    expect(steps[0]).toMatchObject({
      inputs: { proposal: "B", requested: "400000000", available: "300500000", unit: "1000000" },
      roundings: [{ mode: "down-1000000", exact: "300500000", result: "300000000", difference: "-500000" }],
      result: "300000000"
    })
    expect(Allocation.explain(B)).toBe(
      "B: partly funded (bố trí một phần): 300.000.000 ₫ of 400.000.000 ₫: the 300.500.000 ₫ left under the envelope (kinh phí được giao) rounded down to the allocation unit (đơn vị làm tròn), so 500.000 ₫ of it stays unallocated (chưa phân bổ)"
    )
    expect(Allocation.explain(B)).not.toContain("all that was left")
  })

  test("partial-marginal: no rounding when what was left is a whole unit", () => {
    const rec = new Trace.Recorder()
    Allocation.allocateOrThrow(
      { envelope: m(1_000n * M), candidates: [cand("A", 700n * M), cand("B", 400n * M)], policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: M } },
      rec
    )
    expect(rec.finish().steps.map((s) => s.rule)).toEqual(["allocation.partial-marginal"])
  })

  test("proportional-tier: the envelope cut to the unit, then each share rounded by largest remainder (hand-computed)", () => {
    const rec = new Trace.Recorder()
    const a = Allocation.allocateOrThrow(
      {
        envelope: m(1_000_500_000n),
        candidates: [cand("A", 600n * M, { tier: 0 }), cand("B", 500n * M, { tier: 0 }), cand("C", 300n * M, { tier: 0 })],
        policy: { kind: "proportional-tier", unit: M }
      },
      rec
    )
    // 1.000.500.000 → 1.000.000.000; shares 3e9/7, 2,5e9/7, 1,5e9/7 = 428,57…, 357,14…, 214,28… triệu;
    // floors 428 + 357 + 214 = 999 triệu, the last million to A (largest remainder ,571…)
    expect(a.outcomes.map((o) => o.allocated)).toEqual([429n * M, 357n * M, 214n * M])
    expect(a.totals.unallocated).toBe(500_000n)
    const steps = rec.finish().steps
    expect(steps.map((s) => s.rule)).toEqual(["allocation.rounding", "allocation.rounding", "allocation.rounding", "allocation.rounding", "allocation.proportional-tier"])
    expect(steps[0]).toMatchObject({ inputs: { tier: 0, limit: "envelope", unit: "1000000" }, roundings: [{ mode: "down-1000000", exact: "1000500000", result: "1000000000", difference: "-500000" }] })
    expect(steps.slice(1, 4).map((s) => [s.inputs["proposal"], s.roundings])).toEqual([
      ["A", [{ mode: "up-1000000", exact: "3000000000/7", result: "429000000", difference: "3000000/7" }]],
      ["B", [{ mode: "down-1000000", exact: "2500000000/7", result: "357000000", difference: "-1000000/7" }]],
      ["C", [{ mode: "down-1000000", exact: "1500000000/7", result: "214000000", difference: "-2000000/7" }]]
    ])
  })

  /** `a/b` or `a` as a fraction [numerator, denominator]. */
  const fraction = (s: string): readonly [bigint, bigint] => {
    const [n, d] = s.split("/")
    if (d !== undefined) return [BigInt(n as string), BigInt(d)]
    const [w, f = ""] = (n as string).split(".")
    const scale = 10n ** BigInt(f.length)
    return [BigInt(w as string) * scale + (w?.startsWith("-") ? -1n : 1n) * BigInt(f === "" ? "0" : f), scale]
  }

  const roundedById = (steps: ReadonlyArray<Trace.TraceStep>) => {
    const out = new Map<string, ReadonlyArray<Trace.RoundingEntry>>()
    for (const s of steps) if (s.rule === "allocation.rounding" && typeof s.inputs["proposal"] === "string") out.set(s.inputs["proposal"], s.roundings)
    return out
  }

  test.prop([allocationInput({ withCeilings: true, policy: allocationPolicy })])(
    "every figure changed by rounding is recorded (exact − result = −difference, a whole unit result, less than a unit away); allocations stay within the envelope and sum exactly",
    (input) => {
      const rec = new Trace.Recorder()
      const a = Allocation.allocateOrThrow(input, rec)
      checkTotals(input, a)
      const steps = rec.finish().steps
      const unit = input.policy.kind === "whole-only" ? 1n : (input.policy.unit ?? 1n)
      for (const s of steps.filter((x) => x.rule === "allocation.rounding"))
        for (const r of s.roundings) {
          const [en, ed] = fraction(r.exact)
          const [dn, dd] = fraction(r.difference)
          const result = BigInt(r.result)
          expect(result % unit).toBe(0n)
          expect(result * ed * dd - en * dd).toBe(dn * ed) // result − exact = difference
          expect((dn < 0n ? -dn : dn) < unit * dd).toBe(true)
          expect(dn).not.toBe(0n)
        }
      const rounded = roundedById(steps)
      for (const o of a.outcomes) {
        if (input.policy.kind === "partial-marginal" && o.reason === "partial") {
          // what was left, cut to the unit: recorded exactly when the cut changed it
          expect(rounded.has(o.id)).toBe(o.available !== o.allocated)
          if (o.available !== o.allocated) expect(rounded.get(o.id)?.[0]).toMatchObject({ exact: o.available.toString(), result: o.allocated.toString() })
          if (o.available !== o.allocated) expect(Allocation.explain(o)).toContain(`so ${Money.format(Money.subtract(o.available, o.allocated))} of it stays unallocated`)
          else expect(Allocation.explain(o)).toContain("all that was left")
        }
        if (input.policy.kind === "whole-only") expect(rounded.size).toBe(0)
      }
    }
  )

  test.prop([allocationInput({ withCeilings: false, policy: allocationUnit.map((unit) => ({ kind: "proportional-tier", unit }) as const) })])(
    "proportional-tier without ceilings: a scaled share that is not its exact proportion of the envelope left (cut to the unit) is recorded with that exact value",
    (input) => {
      const rec = new Trace.Recorder()
      const a = Allocation.allocateOrThrow(input, rec)
      const steps = rec.finish().steps
      const rounded = roundedById(steps)
      const scaled = a.outcomes.filter((o) => o.reason === "scaled")
      if (scaled.length === 0) return
      // one tier was scaled to what was left at its start, cut to the unit
      const unit = input.policy.kind === "proportional-tier" ? (input.policy.unit ?? 1n) : 1n
      const room = (scaled[0] as Allocation.Outcome).available
      const target = room - (room % unit)
      const group = steps.filter((s) => s.rule === "allocation.rounding" && s.inputs["limit"] === "envelope")
      expect(group.length).toBe(target === room ? 0 : 1)
      const tier = scaled[0]?.tier
      const members = a.outcomes.filter((o) => o.tier === tier)
      const sum = members.reduce((x, o) => x + o.requested, 0n)
      for (const o of members) {
        const exact = target * o.requested
        if (o.allocated * sum === exact) expect(rounded.has(o.id)).toBe(false)
        else expect(rounded.get(o.id)?.[0]).toMatchObject({ exact: Rounding.fractionToString(exact, sum), result: o.allocated.toString() })
      }
    }
  )
})

// ---------------------------------------------------------------------------------------------
// Properties

const checkTotals = (input: Allocation.Input<number>, a: Allocation.Allocation) => {
  const allocated = a.outcomes.reduce((s, o) => s + o.allocated, 0n)
  expect(allocated).toBe(a.totals.allocated)
  expect(a.totals.allocated + a.totals.reserve + a.totals.unallocated).toBe(input.envelope)
  expect(a.totals.unallocated >= 0n).toBe(true)
  expect(a.totals.allocated <= input.envelope).toBe(true)
  expect(a.outcomes).toHaveLength(input.candidates.length)
  for (const o of a.outcomes) {
    expect(o.allocated >= 0n && o.allocated <= o.requested).toBe(true)
    expect(o.status).toBe(o.allocated === o.requested ? "funded" : o.allocated === 0n ? "unfunded" : "partly-funded")
    expect(o.constraint === "none").toBe(o.status === "funded")
  }
}

const checkCeilings = (input: Allocation.Input<number>, a: Allocation.Allocation) => {
  const byCandidate = new Map(input.candidates.map((c) => [c.id, c]))
  for (const kind of ["province", "implementingUnit", "activity"] as const) {
    const table = input.ceilings?.[kind] as Readonly<Record<string, bigint>> | undefined
    if (table === undefined) continue
    for (const [key, ceiling] of Object.entries(table)) {
      const used = a.outcomes.filter((o) => byCandidate.get(o.id)?.[kind] === key).reduce((s, o) => s + o.allocated, 0n)
      expect(used <= ceiling).toBe(true)
    }
  }
}

const LIMIT_FIELD = { "province-ceiling": "province", "unit-ceiling": "implementingUnit", "activity-ceiling": "activity" } as const

/** Does the limit that bound `i` also apply to `j`? (the envelope always does) */
const sharesLimit = (input: Allocation.Input<number>, i: Allocation.Candidate<number>, j: Allocation.Candidate<number>, limit: Allocation.Limit) => {
  if (limit === "envelope") return true
  const field = LIMIT_FIELD[limit]
  return i[field] !== undefined && i[field] === j[field]
}

describe("properties", () => {
  test.prop([allocationInput({ withCeilings: false })])("no ceilings: allocated ≤ envelope, equals the funded total, exact", (input) => {
    checkTotals(input, run(input))
  })

  test.prop([allocationInput({ withCeilings: true })])("with ceilings: the same, and no ceiling is exceeded", (input) => {
    const a = run(input)
    checkTotals(input, a)
    checkCeilings(input, a)
  })

  const rankPolicies = fc.oneof(
    fc.constant({ kind: "whole-only" } as const),
    fc
      .record({ pct: fc.integer({ min: 1, max: 100 }), unit: allocationUnit })
      .map(({ pct, unit }) => ({ kind: "partial-marginal", minimumShare: Rate.make(BigInt(pct), 100n), unit }) as const)
  )

  test.prop([allocationInput({ withCeilings: false, policy: rankPolicies })])(
    "no ceilings (whole-only, partial-marginal): for i ranked above j with requested(j) ≥ requested(i), share(i) ≥ share(j); otherwise a higher share for j means allocated(j) ≤ available(i)",
    (input) => {
      const a = run(input)
      const os = a.outcomes
      for (let i = 0; i < os.length; i++)
        for (let j = i + 1; j < os.length; j++) {
          const oi = os[i] as Allocation.Outcome
          const oj = os[j] as Allocation.Outcome
          const iLower = oi.allocated * oj.requested < oj.allocated * oi.requested // share(i) < share(j)
          if (oj.requested >= oi.requested) expect(iLower).toBe(false)
          else if (iLower) expect(oj.allocated <= oi.available).toBe(true)
        }
    }
  )

  test.prop([allocationInput({ withCeilings: true, policy: rankPolicies })])(
    "with ceilings: the same for every pair where the limit that bound i (envelope, or i's own province / unit / activity ceiling) also applies to j",
    (input) => {
      const a = run(input)
      const cs = new Map(input.candidates.map((c) => [c.id, c]))
      const os = a.outcomes
      for (let i = 0; i < os.length; i++)
        for (let j = i + 1; j < os.length; j++) {
          const oi = os[i] as Allocation.Outcome
          const oj = os[j] as Allocation.Outcome
          if (oi.status === "funded") continue
          if (!sharesLimit(input, cs.get(oi.id) as Allocation.Candidate<number>, cs.get(oj.id) as Allocation.Candidate<number>, oi.limit)) continue
          if (oj.requested >= oi.requested) expect(oi.allocated * oj.requested >= oj.allocated * oi.requested).toBe(true)
        }
    }
  )

  test.prop([allocationInput({ withCeilings: true, policy: rankPolicies })])(
    "every outcome follows the policy from the headroom at its turn: funded in full when it fits; under partial-marginal, else the headroom cut to the unit when that is at least the minimum share (cut × d ≥ request × n)",
    (input) => {
      const a = run(input)
      const policy = input.policy
      for (const o of a.outcomes) {
        if (o.requested <= o.available) {
          expect([o.status, o.reason, o.allocated]).toEqual(["funded", "fits", o.requested])
          continue
        }
        if (policy.kind !== "partial-marginal") {
          expect([o.status, o.reason, o.allocated, o.constraint]).toEqual(["unfunded", "does-not-fit", 0n, o.limit])
          continue
        }
        const unit = policy.unit ?? 1n
        const cut = o.available - (o.available % unit)
        const s = policy.minimumShare
        if (cut <= 0n) expect([o.reason, o.allocated]).toEqual(["does-not-fit", 0n])
        else if (cut * s.denominator >= o.requested * s.numerator) expect([o.status, o.reason, o.allocated, o.constraint]).toEqual(["partly-funded", "partial", cut, o.limit])
        else expect([o.status, o.reason, o.allocated, o.constraint]).toEqual(["unfunded", "below-minimum-share", 0n, "minimum-share"])
      }
    }
  )

  test.prop([
    fc.array(
      fc.oneof(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.bigInt({ min: 2n ** 53n - 1_000n, max: 2n ** 53n + 1_000n }),
        fc.bigInt({ min: 1n, max: 10n ** 40n })
      ),
      { maxLength: 60 }
    )
  ])("Σ requested is exact whether the requests are summed as floats (while exact) or as bigints, across 2^53", (amounts) => {
    const a = run({ envelope: m(0n), candidates: amounts.map((x, i) => cand(`P${i}`, x)), policy: { kind: "whole-only" } })
    expect(a.totals.requested).toBe(amounts.reduce((s, x) => s + x, 0n))
  })

  test("with ceilings the monotonicity can fail across groups (the documented exception)", () => {
    // A (HG) is blocked by the HG ceiling; B, ranked lower, in BG, with a larger request, is funded.
    const a = run({
      envelope: m(10_000n),
      candidates: [cand("A", 500n, { province: "HG" }), cand("B", 600n, { province: "BG" })],
      ceilings: { province: { HG: m(100n) } },
      policy: { kind: "whole-only" }
    })
    expect(a.outcomes.map((o) => o.status)).toEqual(["unfunded", "funded"])
    expect(byId(a)["A"]?.limit).toBe("province-ceiling")
  })

  test.prop([allocationCandidates({ maxLength: 25, withGroups: true }), fc.integer({ min: 0, max: 1_000 }), allocationPolicy, fc.integer()])(
    "deterministic: with a comparator, any input order gives the same outcome per id",
    (candidates, permille, policy, seed) => {
      const total = candidates.reduce((s, c) => s + c.requested, 0n)
      const envelope = m((total * BigInt(permille)) / 1000n)
      const compare = Allocation.byRankKey((x: number, y: number) => x - y)
      const shuffled = [...candidates]
      let s = seed
      for (let k = shuffled.length - 1; k > 0; k--) {
        s = (s * 1103515245 + 12345) & 0x7fffffff
        const r = s % (k + 1)
        ;[shuffled[k], shuffled[r]] = [shuffled[r] as Allocation.Candidate<number>, shuffled[k] as Allocation.Candidate<number>]
      }
      const ceilings = { province: { HG: m(total / 5n) } }
      const a = run({ envelope, candidates, compare, policy, ceilings })
      const b = run({ envelope, candidates: shuffled, compare, policy, ceilings })
      expect(b.outcomes).toEqual(a.outcomes)
      expect(b.totals).toEqual(a.totals)
    }
  )

  test.prop([allocationInput({ withCeilings: false, policy: allocationUnit.map((unit) => ({ kind: "proportional-tier", unit }) as const) })])(
    "proportional-tier (no ceilings): tiers above the scaled one are funded in full, tiers below get nothing, the scaled tier shares within one unit of proportional",
    (input) => {
      const a = run(input)
      const unit = input.policy.kind === "proportional-tier" ? (input.policy.unit ?? 1n) : 1n
      const tiers = [...new Set(input.candidates.map((c) => c.tier as number))].sort((x, y) => x - y)
      const tierOf = new Map(input.candidates.map((c) => [c.id, c.tier as number]))
      const scaled = tiers.find((t) => a.outcomes.some((o) => tierOf.get(o.id) === t && o.status !== "funded"))
      for (const o of a.outcomes) {
        const t = tierOf.get(o.id) as number
        if (scaled === undefined || t < scaled) expect(o.status).toBe("funded")
        else if (t > scaled) expect(o.allocated).toBe(0n)
      }
      if (scaled === undefined) return
      const inTier = a.outcomes.filter((o) => tierOf.get(o.id) === scaled)
      const R = inTier.reduce((s, o) => s + o.requested, 0n)
      const T = inTier.reduce((s, o) => s + o.allocated, 0n)
      // the scaled tier gets what was left, cut to the unit
      expect(a.totals.unallocated < unit).toBe(true)
      for (const o of inTier) {
        const diff = o.allocated * R - T * o.requested
        expect((diff < 0n ? -diff : diff) < unit * R).toBe(true)
      }
    }
  )
})
