/**
 * Policy analysis (phân tích chính sách) over a portfolio: the budget effect by fund, activity,
 * item and province, applicants' behaviour, the effect on allocation under an envelope, and the
 * diff of two packs. Expected figures are worked by hand from the fixture pack's levels:
 * machinery 50 % up to 300 000 000 đồng per establishment (Circular 28/2018 art. 8) (600 000 000 under the reform from
 * 2024), demonstration models 30 % up to 1 000 000 000 per model.
 */
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import * as PolicyAnalysis from "../src/funds/PolicyAnalysis.js"
import * as Pack from "../src/rules/Pack.js"
import * as Reform from "../src/rules/Reform.js"
import type { RulePack } from "../src/rules/RulePack.js"
import { portfolio } from "../src/testing/index.js"
import { d, definition, establishment, proposal } from "./fixtures/rules-pack.js"

const pack = Pack.loadOrThrow(definition)
const doubled = Reform.applyOrThrow(pack, {
  id: "machinery-600m",
  title: "Machinery cap 600 million from 2024",
  overrides: [{ parameter: "support.machinery.cap", range: { start: d("2024-01-01") }, value: 600_000_000n }]
})
const establishments = { e1: establishment("e1"), e2: establishment("e2", { legalForm: { kind: "large-enterprise" } }) }
const at = "2024-03-01"
const machinery = (id: string, total: bigint, requested: bigint, beneficiary = "e1") =>
  proposal({ id, planYear: 2024, approvalDate: at, beneficiaries: [beneficiary], activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total, requested }] }] })
const proposals = [
  machinery("p1", 2_000_000_000n, 1_000_000_000n), // 50 % = 1 000 000 000 > cap: 300 000 000, then 600 000 000
  machinery("p2", 1_000_000_000n, 300_000_000n), // asks exactly the old cap: 300 000 000; raised: 50 % = 500 000 000
  machinery("p3", 400_000_000n, 200_000_000n), // 50 % = 200 000 000 under both caps
  proposal({ id: "p4", planYear: 2024, approvalDate: at, provinceCode: "01", activities: [{ activity: "demo-model", lines: [{ item: "demo-model.new-technology", total: 1_000_000_000n, requested: 300_000_000n }] }] }),
  machinery("p5", 2_000_000_000n, 1_000_000_000n, "e2") // a large enterprise: ineligible, 0 under both
]
const M = 1_000_000n
const envelope = { envelope: (1_200n * M) as never, policy: { kind: "whole-only" as const } }

describe("Reform.compare: the budget effect", () => {
  const c = Reform.compare(pack, doubled, proposals, { establishments })
  if (!c.ok) throw c.error

  it("says which behaviour it assumed: requests held fixed by default", () => {
    expect(c.value.behaviour).toBe("requests-fixed")
    expect(c.value.total).toEqual({ a: 1_100n * M, b: 1_400n * M, difference: 300n * M })
    expect(c.value.changed).toBe(1)
  })

  it("breaks the effect down by fund, activity, item and province", () => {
    const e = c.value.effect
    expect(e.byFund).toEqual([{ key: "national", a: 1_100n * M, b: 1_400n * M, difference: 300n * M }])
    expect(e.byActivity).toEqual([
      { key: "demo-model", a: 300n * M, b: 300n * M, difference: 0n },
      { key: "machinery", a: 800n * M, b: 1_100n * M, difference: 300n * M }
    ])
    expect(e.byItem.map((r) => [r.key, r.difference])).toEqual([
      ["demo-model.new-technology", 0n],
      ["machinery.equipment", 300n * M]
    ])
    expect(e.byProvince).toEqual([
      { key: "01", a: 300n * M, b: 300n * M, difference: 0n },
      { key: "12", a: 800n * M, b: 1_100n * M, difference: 300n * M }
    ])
  })

  it("with requests raised where the old cap bound, p2 asks for the new cap and gets 50 % of its cost", () => {
    const r = Reform.compare(pack, doubled, proposals, { establishments, behaviour: "requests-raised" })
    if (!r.ok) throw r.error
    expect(r.value.behaviour).toBe("requests-raised")
    expect(r.value.proposals.map((p) => [p.proposalId, p.a.payable, p.b.payable])).toEqual([
      ["p1", 300n * M, 600n * M],
      ["p2", 300n * M, 500n * M],
      ["p3", 200n * M, 200n * M], // the rate bound: raising the request changes nothing
      ["p4", 300n * M, 300n * M], // its request bound
      ["p5", 0n, 0n]
    ])
    expect(r.value.total).toEqual({ a: 1_100n * M, b: 1_600n * M, difference: 500n * M })
  })
})

describe("PolicyAnalysis.analyse: the effect on allocation", () => {
  it("under 1 200 000 000 đồng, the reform's larger amounts push p4 out (requests fixed)", () => {
    const r = PolicyAnalysis.analyseOrThrow(pack, doubled, proposals, { establishments, allocation: envelope })
    const al = r.allocation
    expect(al?.before.counts).toEqual({ funded: 4, partlyFunded: 0, unfunded: 0, nothingPayable: 1, allocated: 1_100n * M })
    // 600 + 300 + 200 = 1 100; p4's 300 does not fit in the 100 left
    expect(al?.after.counts).toEqual({ funded: 3, partlyFunded: 0, unfunded: 1, nothingPayable: 1, allocated: 1_100n * M })
    expect(al?.moves).toEqual([
      { proposalId: "p1", before: "funded", after: "funded", allocatedBefore: 300n * M, allocatedAfter: 600n * M },
      { proposalId: "p4", before: "funded", after: "unfunded", allocatedBefore: 300n * M, allocatedAfter: 0n }
    ])
  })

  it("with requests raised, p3 and p4 both fall out (600 + 500 = 1 100 leaves 100)", () => {
    const r = PolicyAnalysis.analyseOrThrow(pack, doubled, proposals, { establishments, behaviour: "requests-raised", allocation: envelope })
    expect(r.comparison.behaviour).toBe("requests-raised")
    expect(r.allocation?.after.counts).toEqual({ funded: 2, partlyFunded: 0, unfunded: 2, nothingPayable: 1, allocated: 1_100n * M })
    expect(r.allocation?.moves.map((m) => [m.proposalId, m.before, m.after])).toEqual([
      ["p1", "funded", "funded"],
      ["p2", "funded", "funded"],
      ["p3", "funded", "unfunded"],
      ["p4", "funded", "unfunded"]
    ])
  })

  it("partial-marginal gives the last proposal what is left when it is at least the minimum share", () => {
    const r = PolicyAnalysis.analyseOrThrow(pack, doubled, proposals, {
      establishments,
      allocation: { envelope: (1_250n * M) as never, policy: { kind: "partial-marginal", minimumShare: { numerator: 1n, denominator: 2n } as never } }
    })
    // after: 600 + 300 + 200 = 1 100; p4 gets the 150 left, half of its 300
    expect(r.allocation?.after.counts).toMatchObject({ funded: 3, partlyFunded: 1, unfunded: 0, allocated: 1_250n * M })
  })

  it("without an envelope, only the comparison", () => {
    expect(PolicyAnalysis.analyseOrThrow(pack, doubled, proposals, { establishments }).allocation).toBeUndefined()
  })
})

describe("Reform.diff", () => {
  it("lists the reformed parameter with both values and both citations, and nothing else", () => {
    const x = Reform.diff(pack, doubled, d("2024-06-01"))
    expect(x.parameters.map((p) => [p.id, p.a?.value, p.b?.value])).toEqual([["support.machinery.cap", 300_000_000n, 600_000_000n]])
    expect(x.parameters[0]?.a?.citation).toMatchObject({ instrument: { number: "28/2018/TT-BTC" }, article: "8", grade: "secondary" })
    expect(x.parameters[0]?.b?.citation).toMatchObject({ instrument: { number: "what-if:machinery-600m" }, grade: "unconfirmed" })
    expect(x.rules).toEqual([])
    expect(Reform.diff(pack, doubled, d("2023-06-01")).parameters).toEqual([])
  })

  it("one pack at two dates: what changed on the day", () => {
    const x = Reform.diff(doubled, doubled, d("2023-12-31"), d("2024-01-01"))
    expect(x.parameters.map((p) => [p.id, p.a?.from, p.b?.from])).toEqual([["support.machinery.cap", "2018-05-11", "2024-01-01"]])
  })

  it("a rule one pack lacks or defines otherwise, with its citations", () => {
    const b: RulePack = Pack.loadOrThrow({
      ...definition,
      eligibility: definition.eligibility.filter((r) => r.id !== "eligibility.legal-form"),
      activities: definition.activities.map((a) =>
        a.code !== "demo-model" ? a : { ...a, items: a.items.map((i) => (i.code !== "demo-model.new-technology" ? i : { ...i, cap: { kind: "rate", rate: "support.demo-model.rate", unit: "per-model" } })) }
      )
    })
    const x = Reform.diff(pack, b, d("2024-06-01"))
    expect(x.parameters).toEqual([])
    expect(x.rules.map((r) => [r.where.join("/"), r.b === undefined])).toEqual([
      ["activities/demo-model/items/demo-model.new-technology", false],
      ["eligibility/eligibility.legal-form", true]
    ])
    expect(x.rules[0]?.a).toMatchObject({ cap: { kind: "rate-and-amount", amount: "support.demo-model.cap" } })
    expect(x.rules[0]?.b).toMatchObject({ cap: { kind: "rate" } })
    expect(x.rules[1]?.citationA).toMatchObject({ instrument: { number: "45/2012/NĐ-CP" }, article: "1" })
  })
})

// ---------------------------------------------------------------------------------------------
// Properties over generated portfolios drawn from the pack's catalogue

const resolved = Pack.resolveOrThrow(pack, d("2024-06-01"))
const portfolios = portfolio(resolved, { proposals: { min: 1, max: 15 } })
const sum = (rows: ReadonlyArray<Reform.BudgetRow>, side: "a" | "b") => rows.reduce((s, r) => s + r[side], 0n)
const tripled: RulePack = Reform.applyOrThrow(pack, {
  id: "caps-up",
  title: "Higher caps",
  overrides: [
    { parameter: "support.machinery.cap", range: { start: d("2024-01-01") }, value: 900_000_000n },
    { parameter: "support.demo-model.cap", range: { start: d("2024-01-01") }, value: 1_500_000_000n }
  ]
})

describe("policy analysis properties", () => {
  test.prop([portfolios, fc.constantFrom<Reform.Behaviour>("requests-fixed", "requests-raised")])("every breakdown adds up to the totals", (pf, behaviour) => {
    const c = Reform.compare(pack, tripled, pf.proposals, { establishments: pf.establishments, behaviour })
    if (!c.ok) throw c.error
    for (const rows of [c.value.effect.byFund, c.value.effect.byActivity, c.value.effect.byItem, c.value.effect.byProvince]) {
      expect(sum(rows, "a")).toBe(c.value.total.a)
      expect(sum(rows, "b")).toBe(c.value.total.b)
    }
  })

  test.prop([portfolios])("raising caps never lowers a proposal's payable; raised requests never get less than fixed ones", (pf) => {
    const ctx = { establishments: pf.establishments }
    const fixed = Reform.compare(pack, tripled, pf.proposals, ctx)
    const raised = Reform.compare(pack, tripled, pf.proposals, { ...ctx, behaviour: "requests-raised" })
    if (!fixed.ok || !raised.ok) throw new Error("compare failed")
    fixed.value.proposals.forEach((p, i) => {
      expect(p.difference >= 0n).toBe(true)
      expect((raised.value.proposals[i]?.b.payable ?? 0n) >= p.b.payable).toBe(true)
    })
  })

  test.prop([portfolios])("under the same pack, raised requests change nothing: only a cap that moves lets applicants ask more", (pf) => {
    const c = Reform.compare(pack, pack, pf.proposals, { establishments: pf.establishments, behaviour: "requests-raised" })
    if (!c.ok) throw c.error
    expect(c.value.changed).toBe(0)
    expect(Reform.diff(pack, pack, resolved.date)).toMatchObject({ parameters: [], rules: [] })
  })

  test.prop([portfolios, fc.bigInt({ min: 0n, max: 20_000_000_000n })])("allocation: counts cover every proposal, nothing above the envelope", (pf, amount) => {
    const r = PolicyAnalysis.analyseOrThrow(pack, tripled, pf.proposals, { establishments: pf.establishments, allocation: { envelope: amount as never, policy: { kind: "whole-only" } } })
    for (const side of [r.allocation?.before, r.allocation?.after]) {
      const k = side?.counts
      expect((k?.funded ?? 0) + (k?.partlyFunded ?? 0) + (k?.unfunded ?? 0) + (k?.nothingPayable ?? 0)).toBe(pf.proposals.length)
      expect((k?.allocated ?? 0n) <= amount).toBe(true)
    }
  })
})
