/**
 * Appraisal: figures worked out by hand from the fixture pack's levels (machinery 50 % capped at
 * 300.000.000 đ per establishment, demonstration model 30 % capped at 1.000.000.000 đ), a
 * provincial overlay lowering the machinery cap to 200.000.000 đ for local-fund proposals, and
 * properties over generated plans.
 */
import { fc, test } from "@fast-check/vitest"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Allocation from "../src/funds/Allocation.js"
import * as Appraisal from "../src/funds/Appraisal.js"
import type { Instrument } from "../src/values/Citation.js"
import type { Establishment } from "../src/records/Establishment.js"
import * as Overlay from "../src/rules/Overlay.js"
import * as Pack from "../src/rules/Pack.js"
import * as Plan from "../src/records/Plan.js"
import type { Proposal } from "../src/records/Proposal.js"
import * as Rate from "../src/values/Rate.js"
import * as Trace from "../src/values/Trace.js"
import { allocationPolicy } from "../src/testing/allocation.js"
import { cite, d, definition, establishment, proposal } from "./fixtures/rules-pack.js"

const M = 1_000_000n
const national = Pack.loadOrThrow(definition)
const resolution: Instrument = { number: "01/2023/NQ-HĐND", kind: "resolution", issuer: "test fixture", title: "Provincial levels", effective: d("2023-01-01") }
/** Province 12's own machinery cap for its local-fund proposals, 200 million đồng from 2023. */
const provincial = Overlay.applyOrThrow(national, {
  id: "province-12-2023",
  title: "Province 12: machinery cap 200 million",
  province: "12",
  citation: cite(resolution, "secondary", "1"),
  effective: { start: d("2023-01-01") },
  operations: [{ op: "lower", parameter: "support.machinery.cap", value: 200n * M }]
})

const plain = establishment("e1")
// a ring-kiln brick works: excluded production (Circular 46/2012 art. 5.1)
const kiln = establishment("kiln", { industry: { code: "vat-lieu-xay-dung/gach-dat-set-nung-lo-vong" } })
const establishments: Record<string, Establishment> = { e1: plain, kiln }

const machinery = (id: string, fund: "national" | "local", total: bigint, requested: bigint, beneficiary = "e1"): Proposal =>
  proposal({ id, fund, beneficiaries: [beneficiary], activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total, requested }] }] })
const demo = (id: string, total: bigint, requested: bigint): Proposal =>
  proposal({ id, beneficiaries: ["e1"], activities: [{ activity: "demo-model", lines: [{ item: "demo-model.new-technology", total, requested }] }] })

const envelope = (amount: bigint, kind: "central-budget" | "local-budget" | "other", note?: string) => ({
  year: 2023,
  level: "provincial",
  provinceCode: "12",
  amount: String(amount),
  source: note === undefined ? { kind } : { kind, note }
})
const planOf = (proposals: ReadonlyArray<Proposal>, envelopes: ReadonlyArray<ReturnType<typeof envelope>>): Plan.Plan => {
  const r = Plan.decode({ id: "KH-2023", year: 2023, level: "provincial", provinceCode: "12", envelopes, proposalIds: proposals.map((p) => p.id) })
  if (!r.ok) throw r.error
  return r.value
}

// N1: machinery, national fund: min(50 % × 1.000 = 500, national cap 300) = 300 million
// L1: the same machinery, local fund: min(500, provincial cap 200) = 200 million
// N2: demonstration model: min(30 % × 2.000 = 600, 1.000) = 600 million
// X1: machinery for the brick kiln: ineligible, payable 0
// L2: machinery, local fund: min(50 % × 300 = 150, 200, requested 150) = 150 million
const proposals = [
  machinery("N1", "national", 1_000n * M, 500n * M),
  machinery("L1", "local", 1_000n * M, 500n * M),
  demo("N2", 2_000n * M, 600n * M),
  machinery("X1", "national", 400n * M, 200n * M, "kiln"),
  machinery("L2", "local", 300n * M, 150n * M)
]
// national: 600 + 250,5 million from the central budget; local: 400 million
const plan = planOf(proposals, [envelope(600n * M, "central-budget"), envelope(400n * M, "local-budget"), envelope(250_500_000n, "central-budget")])
// Every proposal is in the same priority classes (no area; processing industry): submission dates decide
const submittedOn = { N2: d("2022-05-01"), N1: d("2022-06-01"), L2: d("2022-05-15"), L1: d("2022-06-01"), X1: d("2022-04-01") }
const policy: Allocation.Policy = { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: M }

const appraised = Appraisal.appraiseOrThrow({ proposals, establishments, plan, rules: [provincial], policy }, { submittedOn, trace: true })
const get = (id: string) => {
  const x = Appraisal.get(appraised, id)
  if (x === undefined) throw new Error(`no ${id}`)
  return x
}

describe("Appraisal.appraise: a provincial plan with an overlay", () => {
  it("appraises local-fund proposals at the province's levels and national-fund ones at the national levels", () => {
    expect(get("N1").evaluation.payable).toBe(300n * M) // min(500, 300)
    expect(get("L1").evaluation.payable).toBe(200n * M) // min(500, 200): the province's cap
    expect(get("L2").evaluation.payable).toBe(150n * M) // min(150, 200, 150)
    expect(get("N2").evaluation.payable).toBe(600n * M) // min(600, 1.000)
    expect(get("L1").evaluation.support.lines[0]?.layer).toBe("province-12-2023")
    expect(get("N1").evaluation.support.lines[0]?.layer).toBe("national")
    expect(get("L1").view.province).toBe("12")
    expect(get("N1").view.province).toBeUndefined()
    expect(get("L1").view.items["machinery.equipment"]?.amount).toBe(200n * M)
    expect(get("N1").view.items["machinery.equipment"]?.amount).toBe(300n * M)
  })

  it("never ranks or funds an ineligible proposal", () => {
    const x = get("X1")
    expect(x.evaluation.verdict).toBe("ineligible")
    expect(x.evaluation.support.total).toBe(200n * M) // the support is computed, but nothing is payable
    expect(x.evaluation.payable).toBe(0n)
    expect(x.ranked).toBeUndefined()
    expect(x.outcome).toBeUndefined()
    expect(x.allocated).toBe(0n)
    expect(x.decision).toBe("ineligible")
    expect(Appraisal.fund(appraised, "national")?.ranking.map((r) => r.proposalId)).toEqual(["N2", "N1"])
  })

  it("national envelope 850,5 million, smaller than the 900 million asked: N2 600 in full, N1 gets 250 of 300 (≥ half, whole millions)", () => {
    const f = Appraisal.fund(appraised, "national")
    expect(f?.envelope).toBe(850_500_000n) // 600 + 250,5 million
    expect(f?.allocation.totals.requested).toBe(900n * M) // 600 + 300
    expect(f?.funded).toEqual(["N2"])
    expect(f?.partlyFunded).toEqual(["N1"])
    // after N2, 250,5 million are left, cut to 250 million (≥ 150, half of 300)
    expect(get("N1").allocated).toBe(250n * M)
    expect(get("N1").decision).toBe("partly-funded")
    expect(f?.allocation.totals.allocated).toBe(850n * M)
    expect(f?.allocation.totals.unallocated).toBe(500_000n)
  })

  it("charges the 850 million to the two central-budget envelopes in proportion, to the đồng", () => {
    // 850.000.000 × 600/850,5 = 599.647.266,31…; × 250,5/850,5 = 250.352.733,69…: floors add up to
    // 849.999.999, and the spare đồng goes to the larger remainder (0,69)
    expect(Appraisal.fund(appraised, "national")?.envelopes.map((e) => [e.index, e.allocated])).toEqual([
      [0, 599_647_266n],
      [2, 250_352_734n]
    ])
    expect(Appraisal.fund(appraised, "local")?.envelopes.map((e) => [e.index, e.allocated])).toEqual([[1, 350n * M]])
  })

  it("local envelope 400 million: L2 (submitted first) 150, then L1 200 at the provincial level; 50 left", () => {
    const f = Appraisal.fund(appraised, "local")
    expect(f?.ranking.map((r) => r.proposalId)).toEqual(["L2", "L1"])
    expect(f?.funded).toEqual(["L2", "L1"])
    expect(f?.allocation.totals).toMatchObject({ envelope: 400n * M, allocated: 350n * M, unallocated: 50n * M })
  })

  it("lists the proposals in report order and adds up the totals", () => {
    expect(appraised.proposals.map((x) => [x.proposal.id, x.ranked?.position, x.decision])).toEqual([
      ["N2", 1, "funded"],
      ["N1", 2, "partly-funded"],
      ["X1", undefined, "ineligible"],
      ["L2", 1, "funded"],
      ["L1", 2, "funded"]
    ])
    expect(appraised.totals).toEqual({
      proposals: 5,
      eligible: 4,
      ineligible: 1,
      notApplicable: 0,
      requested: 1_950n * M, // 500 + 500 + 600 + 200 + 150
      payable: 1_250n * M, // 300 + 200 + 600 + 150
      envelope: 1_250_500_000n, // 850,5 + 400
      reserve: 0n,
      allocated: 1_200n * M, // 850 + 350
      unallocated: 50_500_000n // 0,5 + 50
    })
    expect(Appraisal.funded(appraised).map((x) => x.proposal.id)).toEqual(["N2", "N1", "L2", "L1"])
    expect(Appraisal.assignments(appraised)[1]).toEqual({ id: "N1", amount: 250n * M, fund: "national", activity: "machinery", province: "12" })
  })

  it("records each step in a trace that decodes, and each evaluation's own trace", () => {
    const t = appraised.trace
    expect(t?.steps.map((s) => s.rule)).toEqual([
      ...proposals.map(() => "appraisal.evaluate"),
      "appraisal.envelopes",
      "appraisal.rank.national",
      "allocation.rounding", // N1: the 250,5 million left cut to 250 (whole millions)
      "allocation.partial-marginal",
      "appraisal.envelope-shares.national",
      "appraisal.rank.local",
      "allocation.partial-marginal",
      "appraisal.envelope-shares.local",
      "appraisal.totals"
    ])
    expect(t?.steps.find((s) => s.rule === "appraisal.envelopes")?.result).toEqual({ national: [0, 2], local: [1] })
    expect(t?.steps.find((s) => s.rule === "allocation.rounding")).toMatchObject({
      inputs: { proposal: "N1", available: "250500000" },
      roundings: [{ mode: "down-1000000", exact: "250500000", result: "250000000", difference: "-500000" }]
    })
    expect(Trace.decode(JSON.parse(JSON.stringify(t))).ok).toBe(true)
    expect(get("L1").evaluation.trace?.steps.length).toBeGreaterThan(0)
    const untraced = Appraisal.appraiseOrThrow({ proposals, establishments, plan, rules: [provincial], policy }, { submittedOn })
    expect(untraced.trace).toBeUndefined()
    expect(untraced.proposals.every((x) => x.evaluation.trace === undefined)).toBe(true)
  })

  it("takes one resolved pack for every proposal: the overlay's view at one date gives the same figures", () => {
    const resolved = Pack.resolveOrThrow(provincial, d("2023-02-15"))
    const r = Appraisal.appraiseOrThrow({ proposals, establishments, plan, rules: resolved, policy }, { submittedOn })
    expect(r.proposals.map((x) => [x.proposal.id, x.allocated])).toEqual(appraised.proposals.map((x) => [x.proposal.id, x.allocated]))
  })

  it("takes a fund's reserve off its envelopes first", () => {
    // 10 % of 850,5 million = 85,05 million; 765,45 left: N2 600, then N1 165 (165,45 cut to the million, ≥ 150)
    const reserve: Allocation.Reserve = { rate: Rate.make(1n, 10n), parameter: "overhead.test", citation: cite(resolution, "secondary", "2") }
    const r = Appraisal.appraiseOrThrow({ proposals, establishments, plan, rules: [provincial], policy }, { submittedOn, reserve: { national: reserve } })
    expect(Appraisal.fund(r, "national")?.allocation.totals).toMatchObject({ reserve: 85_050_000n, allocated: 765n * M, unallocated: 450_000n })
    expect(Appraisal.get(r, "N1")?.allocated).toBe(165n * M)
    expect(Appraisal.fund(r, "local")?.allocation.totals.reserve).toBe(0n)
    expect(r.totals.reserve).toBe(85_050_000n)
  })

  it("gives proportional-tier one tier per pair of priority classes, in ranking order", () => {
    const highland = establishment("hi", {}, { highland: true })
    const ps = [machinery("A", "national", 600n * M, 300n * M, "hi"), machinery("B", "national", 600n * M, 300n * M)]
    // tier 0: A (area 1) gets its 300 in full; tier 1: B is scaled to the 100 left
    const r = Appraisal.appraiseOrThrow({
      proposals: ps,
      establishments: { ...establishments, hi: highland },
      plan: planOf(ps, [envelope(400n * M, "central-budget")]),
      rules: [national],
      policy: { kind: "proportional-tier", unit: M }
    })
    expect(Appraisal.fund(r, "national")?.allocation.outcomes.map((o) => [o.id, o.tier, o.allocated])).toEqual([
      ["A", 0, 300n * M],
      ["B", 1, 100n * M]
    ])
  })

  it("reads the priority rules on the plan's approval date, else on 31 December, or on the last day the plan year's pack governs", () => {
    const rankingDate = (p: Plan.Plan, rules: Appraisal.Rules = [national]) => {
      const r = Appraisal.appraiseOrThrow({ proposals, establishments, plan: p, rules, policy }, { submittedOn, trace: true })
      return r.trace?.steps.find((x) => x.rule === "appraisal.totals")?.inputs["rankingDate"]
    }
    expect(rankingDate(plan)).toBe("2023-12-31")
    expect(rankingDate({ ...plan, approval: { number: "123/QĐ-UBND", date: d("2022-12-20") } })).toBe("2022-12-20")
    // the fixture pack governs decisions until 14/10/2025: a 2025 plan is ranked on that day
    const late = proposals.map((p) => ({ ...p, planYear: 2025, approvalDate: d("2025-03-01") }) as Proposal)
    const plan2025 = Plan.decode({ id: "KH-2025", year: 2025, level: "provincial", provinceCode: "12", envelopes: [], proposalIds: late.map((p) => p.id) })
    if (!plan2025.ok) throw plan2025.error
    expect(Appraisal.appraiseOrThrow({ proposals: late, establishments, plan: plan2025.value, rules: [national], policy }, { trace: true }).trace?.steps.at(-1)?.inputs["rankingDate"]).toBe("2025-10-14")
    // one resolved pack is read at its own date
    expect(rankingDate(plan, Pack.resolveOrThrow(national, d("2023-02-15")))).toBe("2023-02-15")
  })

  it("leaves out a fund with neither envelope nor proposal, and keeps one with proposals but no envelope", () => {
    const ps = [machinery("N1", "national", 1_000n * M, 500n * M)]
    const r = Appraisal.appraiseOrThrow({ proposals: ps, establishments, plan: planOf(ps, []), rules: [national], policy })
    expect(r.funds.map((f) => f.fund)).toEqual(["national"])
    expect(Appraisal.get(r, "N1")?.outcome).toMatchObject({ allocated: 0n, status: "unfunded", constraint: "envelope" })
    expect(Appraisal.fund(r, "national")?.envelopes).toEqual([])
  })
})

describe("Appraisal: errors name the field or row", () => {
  const codes = (r: ReturnType<typeof Appraisal.appraise>) => (r.ok ? [] : "issues" in r.error ? r.error.issues.map((i) => [i.code, i.path.join(".")]) : [[r.error.code, r.error.path.join(".")]])

  it("lists every problem of the input with its path", () => {
    const n1 = machinery("N1", "national", 1_000n * M, 500n * M)
    const late = { ...machinery("N9", "national", 1_000n * M, 500n * M), planYear: 2024 } as Proposal
    const p = planOf([n1], [envelope(100n * M, "central-budget"), envelope(50n * M, "other", "ODA")])
    expect(codes(Appraisal.appraise({ proposals: [n1, late, n1], establishments, plan: p, rules: [national], policy }))).toEqual([
      ["appraisal/not-in-plan", "proposals.1.id"],
      ["appraisal/plan-year-mismatch", "proposals.1.planYear"],
      ["appraisal/duplicate-proposal", "proposals.2.id"],
      ["appraisal/envelope-fund-unknown", "plan.envelopes.1.source.kind"]
    ])
    // In a national plan, an envelope from another source pays for the national fund; a local-fund proposal has no place
    const np = Plan.decode({ id: "KH-QG", year: 2023, level: "national", envelopes: [{ year: 2023, level: "national", amount: "100", source: { kind: "other", note: "ODA" } }], proposalIds: ["L1"] })
    if (!np.ok) throw np.error
    expect(Appraisal.fundOfEnvelope(np.value.envelopes[0] as Plan.BudgetEnvelope)).toBe("national")
    expect(codes(Appraisal.appraise({ proposals: [machinery("L1", "local", 100n, 50n)], establishments, plan: np.value, rules: [national], policy }))).toEqual([
      ["appraisal/fund-level-mismatch", "proposals.0.fund"]
    ])
  })

  it("names the proposal whose evaluation failed: unknown beneficiary, no pack for its date, outside the overlay's province", () => {
    const ghost = machinery("G", "national", 100n * M, 50n * M, "ghost")
    const both = [proposals[0] as Proposal, ghost]
    const r1 = Appraisal.appraise({ proposals: both, establishments, plan: planOf(both, []), rules: [national], policy })
    expect(r1.ok).toBe(false)
    if (!r1.ok) {
      expect(r1.error._tag).toBe("LookupError")
      expect(r1.error.path.slice(0, 2)).toEqual(["proposals", 1])
      expect(r1.error.message).toMatch(/^Proposal \(đề án\) "G" could not be evaluated: /)
    }
    const old = proposal({ id: "O", approvalDate: "2018-03-01", planYear: 2023, activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 100n, requested: 50n }] }] })
    expect(codes(Appraisal.appraise({ proposals: [old], establishments, plan: planOf([old], []), rules: [national], policy }))).toEqual([["resolution/no-pack", "proposals.0"]])
    const away = proposal({ id: "W", fund: "local", provinceCode: "87", activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 100n, requested: 50n }] }] })
    const r3 = Appraisal.appraise({ proposals: [away], establishments, plan: planOf([away], []), rules: [provincial], policy })
    expect(r3.ok || r3.error._tag).toBe("RuleViolation")
    expect(codes(r3)[0]?.[0]).toBe("support/province-mismatch")
    expect(codes(r3)[0]?.[1]).toMatch(/^proposals\.0/)
  })

  it("puts a bad reserve under its fund, and a bad policy at the policy", () => {
    const reserve = { rate: Rate.make(3n, 2n), parameter: "x", citation: cite(resolution, "secondary") }
    expect(codes(Appraisal.appraise({ proposals, establishments, plan, rules: [provincial], policy }, { reserve: { local: reserve } }))).toEqual([
      ["allocation/invalid-reserve-rate", "reserve.local.rate"]
    ])
    expect(codes(Appraisal.appraise({ proposals, establishments, plan, rules: [provincial], policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 0n } }))).toEqual([
      ["allocation/invalid-unit", "policy.unit"]
    ])
  })

  it("has an OrThrow and an Effect form that fail the same way", () => {
    const input = { proposals: [proposals[0] as Proposal, proposals[0] as Proposal], establishments, plan, rules: [provincial], policy }
    expect(() => Appraisal.appraiseOrThrow(input)).toThrow(/appraisal\/duplicate-proposal|given twice/)
    const code = Effect.runSync(
      Appraisal.appraiseEffect(input).pipe(
        Effect.map(() => "ok"),
        Effect.catchTag("ValidationError", (e) => Effect.succeed(e.code))
      )
    )
    expect(code).toBe("appraisal/duplicate-proposal")
    expect(Effect.runSync(Appraisal.appraiseEffect({ proposals, establishments, plan, rules: [provincial], policy }, { submittedOn })).totals.allocated).toBe(1_200n * M)
  })
})

// ---------------------------------------------------------------------------------------------
// Properties

/** A pool of establishments: most eligible, one excluded (brick kiln), one in a priority area. */
const pool: Record<string, Establishment> = { ...establishments, hi: establishment("hi", {}, { highland: true }) }

const generatedPlan = fc
  .array(
    fc.record({
      fund: fc.constantFrom("national" as const, "local" as const),
      kind: fc.constantFrom("machinery", "demo"),
      beneficiary: fc.constantFrom("e1", "kiln", "hi"),
      total: fc.bigInt({ min: 1n, max: 4_000n }).map((n) => n * M),
      share: fc.integer({ min: 1, max: 100 })
    }),
    { maxLength: 12 }
  )
  .chain((specs) => {
    const ps = specs.map((s, i) => {
      const requested = (s.total * BigInt(s.share)) / 100n
      return s.kind === "demo"
        ? proposal({ id: `P${i}`, fund: s.fund, beneficiaries: [s.beneficiary], activities: [{ activity: "demo-model", lines: [{ item: "demo-model.new-technology", total: s.total, requested }] }] })
        : machinery(`P${i}`, s.fund, s.total, requested, s.beneficiary)
    })
    const amount = fc.oneof(fc.bigInt({ min: 0n, max: 3_000n }).map((n) => n * M), fc.bigInt({ min: 0n, max: 3_000_000_000n }))
    const env = fc.tuple(amount, fc.constantFrom("central-budget" as const, "local-budget" as const)).map(([a, k]) => envelope(a, k))
    return fc.record({ proposals: fc.constant(ps), envelopes: fc.array(env, { maxLength: 4 }), policy: allocationPolicy })
  })

describe("Appraisal: properties", () => {
  test.prop([generatedPlan])("per fund, the allocations add up to what is allocated, within the envelopes; envelope shares add up too", ({ proposals: ps, envelopes, policy: pol }) => {
    const r = Appraisal.appraiseOrThrow({ proposals: ps, establishments: pool, plan: planOf(ps, envelopes), rules: [provincial], policy: pol })
    for (const f of r.funds) {
      const t = f.allocation.totals
      const sum = f.allocation.outcomes.reduce((s, o) => s + o.allocated, 0n)
      expect(sum).toBe(t.allocated)
      expect(t.allocated <= t.envelope).toBe(true)
      expect(t.envelope).toBe(f.envelopes.reduce((s, e) => s + e.envelope.amount, 0n))
      expect(f.envelopes.reduce((s, e) => s + e.allocated, 0n)).toBe(t.allocated)
      for (const e of f.envelopes) expect(e.allocated <= e.envelope.amount).toBe(true)
      const inFund = r.proposals.filter((x) => x.proposal.fund === f.fund)
      expect(inFund.reduce((s, x) => s + x.allocated, 0n)).toBe(t.allocated)
    }
    expect(r.totals.allocated).toBe(r.proposals.reduce((s, x) => s + x.allocated, 0n))
  })

  test.prop([generatedPlan])("no proposal that is not eligible, or has nothing payable, receives money; none receives more than payable", ({ proposals: ps, envelopes, policy: pol }) => {
    const r = Appraisal.appraiseOrThrow({ proposals: ps, establishments: pool, plan: planOf(ps, envelopes), rules: [provincial], policy: pol })
    for (const x of r.proposals) {
      if (x.evaluation.verdict !== "eligible" || x.evaluation.payable === 0n) {
        expect(x.allocated).toBe(0n)
        expect(x.ranked).toBeUndefined()
      }
      expect(x.allocated <= x.evaluation.payable).toBe(true)
      if (x.proposal.beneficiaries.includes("kiln")) expect(x.decision).toBe("ineligible")
    }
  })
})
