import { fc, test } from "@fast-check/vitest"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Evaluate from "../src/rules/Evaluate.js"
import * as Overlay from "../src/rules/Overlay.js"
import * as Pack from "../src/rules/Pack.js"
import type { Proposal } from "../src/records/Proposal.js"
import * as Support from "../src/rules/Support.js"
import * as Trace from "../src/values/Trace.js"
import { cite, d, definition, establishment, laiChau18, type LineSpec, lowMachineryOverlay, proposal } from "./fixtures/rules-pack.js"

const pack = Pack.loadOrThrow(definition)
const resolved = Pack.resolveOrThrow(pack, d("2023-02-15"))
const compute = (p: Proposal, options?: Support.Options) => Support.computeOrThrow(p, resolved, options)
const one = (activity: string, line: LineSpec, extra: Partial<Parameters<typeof proposal>[0]> = {}) =>
  compute(proposal({ activities: [{ activity, lines: [line] }], ...extra }))

describe("support per cost line: least of rate cap, absolute cap and request", () => {
  it("machinery: 50 % of 400 000 000 is below the 300 000 000 cap → rate binds", () => {
    const s = one("machinery", { item: "machinery.equipment", total: 400_000_000n, requested: 400_000_000n })
    expect(s.total).toBe(200_000_000n)
    expect(s.lines[0]).toMatchObject({ rateCap: 200_000_000n, absoluteCap: 300_000_000n, support: 200_000_000n, binding: "rate" })
  })

  it("machinery: 50 % of 1 000 000 000 exceeds the cap → absolute cap binds", () => {
    const s = one("machinery", { item: "machinery.equipment", total: 1_000_000_000n, requested: 500_000_000n })
    expect(s.lines[0]).toMatchObject({ support: 300_000_000n, binding: "absolute-cap", grade: "secondary", layer: "national" })
  })

  it("a smaller request binds", () => {
    const s = one("machinery", { item: "machinery.equipment", total: 1_000_000_000n, requested: 120_000_000n })
    expect(s.lines[0]).toMatchObject({ support: 120_000_000n, binding: "request" })
  })

  it("a group of 3 establishments with ≥ 600 000 000 eligible cost each gets 900 000 000 (300 000 000 each)", () => {
    const lines = ["a", "b", "c"].map((b) => ({ item: "machinery.equipment", total: 650_000_000n, requested: 325_000_000n, beneficiaryId: b }))
    const s = compute(
      proposal({ form: { kind: "group", beneficiaryIds: ["a", "b", "c"] }, beneficiaries: ["a", "b", "c"], activities: [{ activity: "machinery", lines }] })
    )
    expect(s.total).toBe(900_000_000n)
    expect(s.lines.map((l) => [l.beneficiaryId, l.support, l.binding])).toEqual([
      ["a", 300_000_000n, "absolute-cap"],
      ["b", 300_000_000n, "absolute-cap"],
      ["c", 300_000_000n, "absolute-cap"]
    ])
  })

  it("the same establishment's lines share its cap", () => {
    const s = compute(
      proposal({
        activities: [
          { activity: "machinery", lines: [{ item: "machinery.equipment", total: 500_000_000n, requested: 250_000_000n }] },
          { activity: "demo-model", lines: [{ item: "demo-model.new-technology", total: 100_000_000n, requested: 30_000_000n }] }
        ]
      })
    )
    expect(s.total).toBe(280_000_000n)
    // two equipment lines for one establishment (in a group without beneficiary ids) share one cap
    const shared = compute(
      proposal({
        form: { kind: "group", beneficiaryIds: ["a", "b"] },
        beneficiaries: ["a", "b"],
        activities: [
          { activity: "machinery", lines: [{ item: "machinery.equipment", total: 500_000_000n, requested: 250_000_000n, beneficiaryId: "a" }] },
          { activity: "demo-model", lines: [{ item: "demo-model.new-technology", total: 1n, requested: 0n }] },
          { activity: "trademark", lines: [{ item: "trademark.registration", total: 2n, requested: 1n }] }
        ]
      })
    )
    expect(shared.lines[0]?.support).toBe(250_000_000n)
  })

  it("in a group, lines without a beneficiary id pool the members' caps; with ids each beneficiary has its own", () => {
    const lines = (ids: boolean) =>
      ["a", "b"].map((b) => ({ item: "machinery.equipment", total: 700_000_000n, requested: 300_000_000n, ...(ids ? { beneficiaryId: b } : {}) }))
    const group = (ids: boolean) =>
      compute(proposal({ form: { kind: "group", beneficiaryIds: ["a", "b"] }, beneficiaries: ["a", "b"], activities: [{ activity: "machinery", lines: lines(ids) }] }))
    expect(group(false).total).toBe(600_000_000n)
    expect(group(false).lines.map((l) => [l.support, l.absoluteCap, l.pooledGroup])).toEqual([
      [300_000_000n, 600_000_000n, 2],
      [300_000_000n, 300_000_000n, 2]
    ])
    expect(group(true).total).toBe(600_000_000n)
    expect(group(true).lines.map((l) => l.pooledGroup)).toEqual([undefined, undefined])
  })

  describe("group projects: an unattributed line has the pooled group cap (cap × members)", () => {
    const group3 = { form: { kind: "group" as const, beneficiaryIds: ["a", "b", "c"] }, beneficiaries: ["a", "b", "c"] }
    it("one machinery line of 3 × 600 000 000 for a group of 3 gets 900 000 000, not 300 000 000", () => {
      const s = compute(
        proposal({ ...group3, activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 1_800_000_000n, requested: 900_000_000n, quantity: 3 }] }] })
      )
      expect(s.total).toBe(900_000_000n)
      expect(s.lines[0]).toMatchObject({ beneficiaryId: undefined, rateCap: 900_000_000n, absoluteCap: 900_000_000n, support: 900_000_000n, binding: "absolute-cap", pooledGroup: 3 })
    })

    it("one enterprise set-up line of 3 × 15 000 000 gets 30 000 000, not 10 000 000", () => {
      const s = compute(proposal({ ...group3, activities: [{ activity: "enterprise-setup", lines: [{ item: "enterprise-setup.support", total: 45_000_000n, quantity: 3 }] }] }))
      expect(s.total).toBe(30_000_000n)
      expect(s.lines[0]).toMatchObject({ absoluteCap: 30_000_000n, support: 30_000_000n, binding: "absolute-cap", pooledGroup: 3 })
    })

    it("attributed and unattributed lines: each member within its cap, the pool within cap × members", () => {
      // a takes its whole 300 000 000; the unattributed line may then take at most 600 000 000;
      // b's own line then finds the group pool exhausted.
      const s = compute(
        proposal({
          ...group3,
          activities: [
            {
              activity: "machinery",
              lines: [
                { item: "machinery.equipment", total: 1_000_000_000n, requested: 400_000_000n, beneficiaryId: "a" },
                { item: "machinery.equipment", total: 2_000_000_000n, requested: 1_000_000_000n, quantity: 2 },
                { item: "machinery.equipment", total: 600_000_000n, requested: 300_000_000n, beneficiaryId: "b" }
              ]
            }
          ]
        })
      )
      expect(s.lines.map((l) => [l.beneficiaryId, l.absoluteCap, l.support, l.pooledGroup])).toEqual([
        ["a", 300_000_000n, 300_000_000n, undefined],
        [undefined, 600_000_000n, 600_000_000n, 3],
        ["b", 0n, 0n, undefined]
      ])
      expect(s.total).toBe(900_000_000n)
    })

    it("an unattributed technology line pools 3 × 450 000 000 with the members' equipment", () => {
      const s = compute(
        proposal({
          ...group3,
          activities: [
            {
              activity: "machinery",
              lines: [
                { item: "machinery.technology-line", total: 4_000_000_000n, requested: 2_000_000_000n },
                { item: "machinery.equipment", total: 600_000_000n, requested: 300_000_000n, beneficiaryId: "c" }
              ]
            }
          ]
        })
      )
      // equipment (phase 0) first: c gets 300 000 000; the line then gets 1 350 000 000 − 300 000 000
      expect(s.lines.map((l) => l.support)).toEqual([1_050_000_000n, 300_000_000n])
      expect(s.total).toBe(1_350_000_000n)
    })

    it("the trace names the pooled group cap", () => {
      const s = compute(proposal({ ...group3, activities: [{ activity: "enterprise-setup", lines: [{ item: "enterprise-setup.support", total: 45_000_000n, quantity: 3 }] }] }), {
        trace: true
      })
      const step = s.trace?.steps.find((x) => x.rule === "support.enterprise-setup.support")
      expect(step?.description).toContain("pooled group cap")
      expect(step?.inputs["pooledGroupMembers"]).toBe(3)
    })

    it("a single-establishment proposal is unchanged (no pooling)", () => {
      const s = one("machinery", { item: "machinery.equipment", total: 1_800_000_000n, requested: 900_000_000n, quantity: 3 })
      expect(s.lines[0]).toMatchObject({ support: 300_000_000n, pooledGroup: undefined })
    })
  })

  it("per-model caps count the line's quantity of models, like per-trademark caps", () => {
    // demonstration model: 30 %, at most 1 000 000 000 per model
    const two = one("demo-model", { item: "demo-model.new-technology", total: 8_000_000_000n, requested: 3_000_000_000n, quantity: 2 })
    expect(two.lines[0]).toMatchObject({ absoluteCap: 2_000_000_000n, support: 2_000_000_000n, binding: "absolute-cap" })
    const oneModel = one("demo-model", { item: "demo-model.new-technology", total: 8_000_000_000n, requested: 3_000_000_000n })
    expect(oneModel.lines[0]).toMatchObject({ absoluteCap: 1_000_000_000n, support: 1_000_000_000n })
    // two lines of one model each: each its own cap
    const lines = compute(
      proposal({
        activities: [
          {
            activity: "demo-model",
            lines: [
              { item: "demo-model.new-technology", total: 5_000_000_000n, requested: 2_000_000_000n, beneficiaryId: "e1" },
              { item: "demo-model.new-technology", total: 5_000_000_000n, requested: 2_000_000_000n, beneficiaryId: "e2" }
            ]
          }
        ],
        beneficiaries: ["e1", "e2"]
      })
    )
    expect(lines.total).toBe(2_000_000_000n)
    expect(resolved.items["demo-model.new-technology"]?.scope).toBe("quantity")
  })

  it("technology line: 1.5 × the machinery cap = 450 000 000, sharing the establishment's machinery pool", () => {
    const line = one("machinery", { item: "machinery.technology-line", total: 2_000_000_000n, requested: 1_000_000_000n })
    expect(line.lines[0]).toMatchObject({ support: 450_000_000n, absoluteCap: 450_000_000n, binding: "absolute-cap" })
    const both = compute(
      proposal({
        activities: [
          {
            activity: "machinery",
            lines: [
              { item: "machinery.equipment", total: 700_000_000n, requested: 350_000_000n },
              { item: "machinery.technology-line", total: 2_000_000_000n, requested: 1_000_000_000n }
            ]
          }
        ]
      })
    )
    expect(both.lines.map((l) => l.support)).toEqual([300_000_000n, 150_000_000n])
    expect(both.total).toBe(450_000_000n)
  })

  it("the base item's cap holds whatever the line order (line first, equipment second)", () => {
    const lines = (first: "equipment" | "line") => {
      const eq = { item: "machinery.equipment", total: 700_000_000n, requested: 300_000_000n }
      const ln = { item: "machinery.technology-line", total: 400_000_000n, requested: 100_000_000n }
      return compute(proposal({ activities: [{ activity: "machinery", lines: first === "equipment" ? [eq, ln] : [ln, eq] }] }))
    }
    const a = lines("equipment")
    const b = lines("line")
    expect(a.total).toBe(400_000_000n)
    expect(b.total).toBe(400_000_000n)
    expect(b.lines.map((l) => l.support)).toEqual([100_000_000n, 300_000_000n])
  })

  it("demonstration model: 30 %, rounded down to the đồng, capped at 1 000 000 000 per model", () => {
    const s = one("demo-model", { item: "demo-model.new-technology", total: 1_234_567_891n, requested: 1_000_000_000n })
    expect(s.lines[0]).toMatchObject({ rateCap: 370_370_367n, support: 370_370_367n, binding: "rate" }) // 370 370 367.3
    const big = one("demo-model", { item: "demo-model.new-technology", total: 5_000_000_000n, requested: 2_000_000_000n })
    expect(big.lines[0]).toMatchObject({ support: 1_000_000_000n, binding: "absolute-cap" })
  })

  it("a lump sum (enterprise set-up ≤ 10 000 000 per enterprise) never exceeds the cost", () => {
    expect(one("enterprise-setup", { item: "enterprise-setup.support", total: 8_000_000n }).lines[0]).toMatchObject({ support: 8_000_000n, binding: "request", rateCap: undefined })
    expect(one("enterprise-setup", { item: "enterprise-setup.support", total: 20_000_000n }).lines[0]).toMatchObject({ support: 10_000_000n, binding: "absolute-cap" })
  })

  it("per-trademark caps count the line's quantity", () => {
    const s = one("trademark", { item: "trademark.registration", total: 200_000_000n, requested: 100_000_000n, quantity: 2 })
    expect(s.lines[0]).toMatchObject({ absoluteCap: 70_000_000n, support: 70_000_000n, grade: "unconfirmed" })
    const half = one("trademark", { item: "trademark.registration", total: 50_000_001n, requested: 50_000_000n, quantity: "1.5" })
    expect(half.lines[0]?.absoluteCap).toBe(52_500_000n)
    expect(half.lines[0]?.support).toBe(25_000_000n) // 50 % of 50 000 001 rounded down
  })

  it("a 100 % rate on an approved price pays the cost", () => {
    expect(one("overseas-fair", { item: "overseas-fair.costs", total: 123_456_789n }).lines[0]).toMatchObject({ support: 123_456_789n, binding: "rate" })
  })

  it("management overhead: at most 2.5 % of the other lines' support (unconfirmed)", () => {
    const s = compute(
      proposal({
        activities: [
          { activity: "management", lines: [{ item: "management.overhead", total: 10_000_000n }] },
          { activity: "machinery", lines: [{ item: "machinery.equipment", total: 1_000_000_000n, requested: 300_000_000n }] }
        ]
      })
    )
    expect(s.lines[0]).toMatchObject({ item: "management.overhead", absoluteCap: 7_500_000n, support: 7_500_000n, binding: "absolute-cap", grade: "unconfirmed" })
    expect(s.total).toBe(307_500_000n)
    expect(s.grade).toBe("unconfirmed")
  })

  it("a line whose item the catalogue does not fund gets 0", () => {
    const s = one("machinery", { item: "machinery.gold", total: 100n })
    expect(s.lines[0]).toMatchObject({ support: 0n, binding: "not-in-catalogue" })
    expect(s.total).toBe(0n)
  })
})

describe("the parameter of the binding cap (tham số)", () => {
  const machinery = (total: bigint, requested: bigint) => one("machinery", { item: "machinery.equipment", total, requested }).lines[0]

  it("names the rate or the absolute cap that bound, with its citation, grade and layer", () => {
    const rate = machinery(400_000_000n, 400_000_000n)
    expect(rate?.binding).toBe("rate")
    expect(rate?.bindingParameter).toMatchObject({ id: "support.machinery.rate", layer: "national" })
    expect(rate?.bindingParameter?.citation).toEqual(resolved.items["machinery.equipment"]?.rate?.citation)
    const cap = machinery(1_000_000_000n, 500_000_000n)
    expect(cap?.binding).toBe("absolute-cap")
    expect(cap?.bindingParameter).toMatchObject({ id: "support.machinery.cap", layer: "national", citation: { grade: "secondary" } })
  })

  // Circular 28/2018 art. 8.4: a technology line at most 1,5 × the machinery level: 1,5 × 300 000 000
  // = 450 000 000 per establishment. Cost 2 000 000 000 at 50 % = 1 000 000 000 > 450 000 000.
  it("a technology line bound by its derived cap names the multiple and carries the multiple, the base cap and the derived cap", () => {
    const p = proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.technology-line", total: 2_000_000_000n, requested: 1_000_000_000n }] }] })
    const s = compute(p, { trace: true })
    const l = s.lines[0]
    expect([l?.support, l?.binding, l?.absoluteCap]).toEqual([450_000_000n, "absolute-cap", 450_000_000n])
    expect(l?.bindingParameter).toMatchObject({ id: "support.technology-line.multiple", layer: "national" })
    expect(l?.derivedCap).toMatchObject({
      item: "machinery.technology-line",
      multiple: { numerator: 3n, denominator: 2n },
      multipleParameter: { id: "support.technology-line.multiple" },
      baseItem: "machinery.equipment",
      base: 300_000_000n,
      baseParameter: { id: "support.machinery.cap" },
      amount: 450_000_000n,
      citation: { article: "8", clause: "4" }
    })
    expect(l?.derivedCap?.text).toMatch(/^1,5 × 300\.000\.000 ₫ \(machinery\.equipment\) = 450\.000\.000 ₫ per establishment \[.*28\/2018\/TT-BTC.*\]$/)
    const step = s.trace?.steps.find((x) => x.rule === "support.machinery.technology-line")
    expect(step?.description).toContain("cap 1,5 × 300.000.000 ₫ (machinery.equipment) = 450.000.000 ₫ per establishment")
    expect(step?.inputs["derivedCap"]).toEqual({
      multiple: "1.5",
      multipleParameter: "support.technology-line.multiple",
      baseItem: "machinery.equipment",
      base: "300000000",
      baseParameter: "support.machinery.cap",
      cap: "450000000"
    })
    // an ordinary line has none
    expect(machinery(1_000_000_000n, 500_000_000n)?.derivedCap).toBeUndefined()
  })

  it("is undefined when the request binds or the item is not in the catalogue; an overhead line names its share", () => {
    expect(machinery(1_000_000_000n, 120_000_000n)?.bindingParameter).toBeUndefined()
    expect(one("machinery", { item: "machinery.gold", total: 100n }).lines[0]?.bindingParameter).toBeUndefined()
    const s = compute(
      proposal({
        activities: [
          { activity: "management", lines: [{ item: "management.overhead", total: 10_000_000n }] },
          { activity: "machinery", lines: [{ item: "machinery.equipment", total: 1_000_000_000n, requested: 300_000_000n }] }
        ]
      })
    )
    expect(s.lines[0]?.bindingParameter).toMatchObject({ id: "overhead.implementing-unit", citation: { grade: "unconfirmed" } })
  })

  it("names the provincial overlay that set a lowered cap", () => {
    const layered = Overlay.applyOrThrow(pack, lowMachineryOverlay)
    const r = Pack.resolveOrThrow(layered, d("2023-02-15"))
    const p = { ...proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 1_000_000_000n, requested: 500_000_000n }] }] }), fund: "local" as const }
    const s = Support.computeOrThrow(p, r, { trace: true })
    expect(s.lines[0]).toMatchObject({ support: 100_000_000n, binding: "absolute-cap", layer: "province-low" })
    expect(s.lines[0]?.bindingParameter).toMatchObject({ id: "support.machinery.cap", layer: "province-low", citation: { grade: "provincial-copy" } })
    expect(s.trace?.steps.find((x) => x.rule === "support.total")?.layer).toBe("province-low")
  })
})

describe("priority multiplier (mức ưu tiên)", () => {
  const highland = establishment("e1", {}, { highland: true })
  const p = proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 1_000_000_000n, requested: 1_000_000_000n }] }] })

  it("is reported but not applied unless asked", () => {
    const s = compute(p)
    expect(s.total).toBe(300_000_000n)
    expect(s.multiplierApplied).toBe(false)
    expect(s.multiplier?.parameterId).toBe("priority.multiplier")
    expect(s.multiplier?.citation.grade).toBe("unconfirmed")
  })

  it("raises rate and cap by 1.5 for a priority proposal, and the grade shows it", () => {
    const s = compute(p, { applyPriorityMultiplier: true, establishments: { e1: highland } })
    expect(s.multiplierApplied).toBe(true)
    expect(s.lines[0]).toMatchObject({ rateCap: 750_000_000n, absoluteCap: 450_000_000n, support: 450_000_000n, grade: "unconfirmed" })
  })

  it("is not applied to a proposal outside every priority class, and never raises a rate above 100 %", () => {
    const plain = compute(p, { applyPriorityMultiplier: true, establishments: { e1: establishment("e1", { industry: { code: "tieu-thu-cong-nghiep" } }) } })
    expect(plain.multiplierApplied).toBe(false)
    expect(plain.total).toBe(300_000_000n)
    const fair = compute(proposal({ activities: [{ activity: "overseas-fair", lines: [{ item: "overseas-fair.costs", total: 1000n }] }] }), {
      applyPriorityMultiplier: true,
      establishments: { e1: highland }
    })
    expect(fair.lines[0]?.rateCap).toBe(1000n)
  })
})

describe("trace (giải trình)", () => {
  const p = proposal({ activities: [{ activity: "demo-model", lines: [{ item: "demo-model.new-technology", total: 1_234_567_891n, requested: 1_000_000_000n }] }] })

  it("is absent with tracing off and records parameters, roundings and layers with tracing on", () => {
    expect(compute(p).trace).toBeUndefined()
    const s = compute(p, { trace: true })
    const trace = s.trace as Trace.Trace
    const step = trace.steps.find((x) => x.rule === "support.demo-model.new-technology")
    expect(step?.parameters.map((r) => r.id)).toEqual(["support.demo-model.rate", "support.demo-model.cap"])
    expect(step?.roundings).toEqual([{ mode: "down-1", exact: "370370367.3", result: "370370367", difference: "-0.3" }])
    expect(step?.layer).toBe("national")
    expect(step?.description).toMatch(/^Support \(mức hỗ trợ\) for .+, capped per model$/)
    expect(trace.steps.find((x) => x.rule === "support.total")?.layer).toBe("national")
    expect(JSON.parse(JSON.stringify(trace)).schemaVersion).toBe(1)
    expect(Trace.decode(JSON.parse(JSON.stringify(trace))).ok).toBe(true)
    expect(s.total).toBe(compute(p).total)
  })

  it("records the roundings of a decimal quantity and of the priority multiplier, with the multiplier read", () => {
    const tm = compute(
      proposal({ activities: [{ activity: "trademark", lines: [{ item: "trademark.registration", total: 50_000_001n, requested: 50_000_000n, quantity: "1.5" }] }] }),
      { trace: true }
    )
    const step = tm.trace?.steps.find((x) => x.rule === "support.trademark.registration")
    expect(step?.roundings.map((r) => [r.exact, r.result])).toEqual([
      ["25000000.5", "25000000"],
      ["52500000", "52500000"]
    ])
    const m = compute(proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 1_000_000_000n, requested: 1_000_000_000n }] }] }), {
      trace: true,
      applyPriorityMultiplier: true,
      establishments: { e1: establishment("e1", {}, { highland: true }) }
    })
    expect(m.trace?.steps[0]?.rule).toBe("support.priority-multiplier")
    expect(m.trace?.steps[0]?.inputs).toEqual({ area: "area.highland-island-border-ethnic", industry: "industry.sectors" })
    const eq = m.trace?.steps.find((x) => x.rule === "support.machinery.equipment")
    expect(eq?.parameters.map((r) => r.id)).toEqual(["support.machinery.rate", "support.machinery.cap", "priority.multiplier"])
    expect(eq?.roundings.map((r) => r.result)).toEqual(["750000000", "450000000"])
    expect(eq?.result).toMatchObject({ support: "450000000", binding: "absolute-cap", grade: "unconfirmed" })
  })

  it("keeps unconfirmed figures visible", () => {
    const s = compute(proposal({ activities: [{ activity: "trademark", lines: [{ item: "trademark.registration", total: 10_000_000n, requested: 5_000_000n }] }] }), { trace: true })
    const u = Trace.unconfirmedReads(s.trace as Trace.Trace)
    expect(u.filter((x) => x.kind === "parameter").map((x) => x.read?.id)).toEqual(["support.trademark.rate", "support.trademark.cap"])
    // the item itself is cited to the carried-over Joint Circular 26/2014 text: listed as a rule (since 0.3.0)
    expect(u.filter((x) => x.kind === "rule").map((x) => [x.rule, x.citation.instrument, x.citation.point])).toEqual([["support.trademark.registration", "26/2014/TTLT-BTC-BCT", "h"]])
  })

  it("has an Effect form", () => {
    expect(Effect.runSync(Support.computeEffect(p, resolved)).total).toBe(370_370_367n)
  })
})

describe("Evaluate: eligibility and support together", () => {
  const es = { e1: establishment("e1") }
  const ok = proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 700_000_000n, requested: 300_000_000n }] }] })

  it("pays the support when eligible and 0 when not", () => {
    const e = Evaluate.evaluateOrThrow(ok, resolved, { establishments: es })
    expect(e.verdict).toBe("eligible")
    expect(e.payable).toBe(300_000_000n)
    const { approvalDate: _approved, ...unapproved } = ok
    const bad = Evaluate.evaluateOrThrow(unapproved, resolved, { establishments: es })
    expect(bad.verdict).toBe("ineligible")
    expect(bad.support.total).toBe(300_000_000n)
    expect(bad.payable).toBe(0n)
  })

  it("one trace covers eligibility and support", () => {
    const e = Evaluate.evaluateOrThrow(ok, resolved, { establishments: es, trace: true })
    const rules = e.trace?.steps.map((s) => s.rule) ?? []
    expect(rules).toContain("eligibility.location")
    expect(rules).toContain("eligibility.verdict")
    expect(rules).toContain("support.machinery.equipment")
    expect(rules.at(-1)).toBe("support.total")
  })

  it("refuses a proposal approved, or planned, outside the pack's period, naming the date and the pack", () => {
    // a 2026 decision under the 2018–2025 pack: an error at approvalDate, never an evaluation
    const late = Evaluate.evaluate({ ...ok, approvalDate: d("2026-03-01"), planYear: 2026 as typeof ok.planYear }, resolved, { establishments: es })
    expect(!late.ok && late.error).toMatchObject({ _tag: "LookupError", code: "pack/outside-period", path: ["approvalDate"], packId: pack.id, date: "2026-03-01" })
    expect(!late.ok && late.error.message).toMatch(/2026-03-01.*test-rules-2021-2025/)
    // no approval date: the plan year decides
    const { approvalDate: _a, ...unapproved } = ok
    const planned = Evaluate.evaluate({ ...unapproved, planYear: 2026 as typeof ok.planYear }, resolved, { establishments: es })
    expect(!planned.ok && planned.error).toMatchObject({ code: "pack/plan-year-outside-period", path: ["planYear"], packId: pack.id, date: "2026" })
    // the last day of the period is still inside
    expect(Evaluate.evaluate({ ...ok, approvalDate: d("2025-10-14") }, resolved, { establishments: es }).ok).toBe(true)
  })

  it("carries the warnings of the resolved view: a reported, unseen instrument from its reported day, in the result and the trace", () => {
    // resolved at 2023-02-15; a lead reported on that day, another one later
    const lead = (number: string, on: string) => ({
      instrument: { number, kind: "circular" as const, issuer: "Ministry of Finance", title: "reported lead", effective: d(on) },
      on: d(on),
      grade: "unconfirmed" as const,
      mayReplace: ["28/2018/TT-BTC"],
      concerns: "support levels",
      source: "test fixture"
    })
    const withLeads = Pack.loadOrThrow({ ...definition, reported: [lead("1/2023/TT-BTC", "2023-02-15"), lead("2/2023/TT-BTC", "2023-02-16")] })
    const e = Evaluate.evaluateOrThrow(ok, Pack.resolveOrThrow(withLeads, d("2023-02-15")), { establishments: es, trace: true })
    expect(e.payable).toBe(300_000_000n)
    expect(e.warnings.map((w) => w.code)).toEqual(["pack/reported-instrument"])
    expect(e.warnings[0]?.message).toContain("Circular 1/2023/TT-BTC (Ministry of Finance), reported as of 2023-02-15 but its text not seen (unconfirmed), may replace 28/2018/TT-BTC: support levels")
    const last = e.trace?.steps.at(-1)
    expect([last?.rule, last?.result]).toEqual(["pack.warning", { code: "pack/reported-instrument", instrument: "1/2023/TT-BTC", reportedOn: "2023-02-15", grade: "unconfirmed" }])
    expect(Evaluate.evaluateOrThrow(ok, Pack.resolveOrThrow(withLeads, d("2023-02-14")), { establishments: es }).warnings).toEqual([])
    expect(Evaluate.evaluateOrThrow(ok, resolved, { establishments: es }).warnings).toEqual([])
  })

  it("evaluates many proposals with the governing pack per date", () => {
    const r = Evaluate.evaluateAll([ok, { ...ok, id: "p2" }], [pack], { establishments: es })
    expect(r.ok && r.value.map((x) => x.payable)).toEqual([300_000_000n, 300_000_000n])
    const early = Evaluate.evaluateAll([{ ...ok, approvalDate: d("2018-05-10") }], [pack], { establishments: es })
    expect(early.ok).toBe(false)
    expect(Effect.runSync(Evaluate.evaluateEffect(ok, resolved, { establishments: es })).payable).toBe(300_000_000n)
  })
})

// ---------------------------------------------------------------------------------------------
// Properties

const ITEMS = [
  "machinery.equipment",
  "machinery.technology-line",
  "demo-model.new-technology",
  "enterprise-setup.support",
  "trademark.registration",
  "overseas-fair.costs",
  "management.overhead"
] as const
const BENEFICIARIES = ["a", "b", "c"]

const lineArb = fc.record({
  item: fc.constantFrom(...ITEMS),
  total: fc.bigInt({ min: 0n, max: 3_000_000_000n }),
  permille: fc.integer({ min: 0, max: 1000 }),
  beneficiary: fc.constantFrom<string | undefined>(...BENEFICIARIES, undefined),
  quantity: fc.integer({ min: 1, max: 3 })
})

const proposalArb = fc
  .record({ lines: fc.array(lineArb, { minLength: 1, maxLength: 8 }), group: fc.boolean(), fund: fc.constantFrom("national" as const, "local" as const) })
  .map(({ lines, group, fund }) => {
    const byActivity = new Map<string, Array<LineSpec>>()
    for (const l of lines) {
      const activity = l.item.slice(0, l.item.indexOf("."))
      const spec: LineSpec = {
        item: l.item,
        total: l.total,
        requested: (l.total * BigInt(l.permille)) / 1000n,
        quantity: l.quantity,
        ...(group && l.beneficiary !== undefined ? { beneficiaryId: l.beneficiary } : {})
      }
      byActivity.set(activity, [...(byActivity.get(activity) ?? []), spec])
    }
    return proposal({
      fund,
      form: group ? { kind: "group", beneficiaryIds: BENEFICIARIES } : { kind: "single" },
      beneficiaries: group ? BENEFICIARIES : ["a"],
      activities: [...byActivity].map(([activity, ls]) => ({ activity, lines: ls }))
    })
  })

const unitCap = (r: Pack.ResolvedPack, item: string, quantity: number): bigint | undefined => {
  const it = r.items[item]
  if (it === undefined || !it.hasAmount) return undefined
  return it.scope === "quantity" ? it.amount * BigInt(quantity) : it.amount
}

describe("support properties", () => {
  test.prop([proposalArb])("support never exceeds the request, the cost, the rate cap or any absolute cap", (p) => {
    const s = Support.computeOrThrow(p, resolved)
    let sum = 0n
    for (const l of s.lines) {
      expect(l.support >= 0n).toBe(true)
      expect(l.support <= l.requested).toBe(true)
      expect(l.support <= l.eligibleCost).toBe(true)
      if (l.rateCap !== undefined) expect(l.support <= l.rateCap).toBe(true)
      if (l.absoluteCap !== undefined) expect(l.support <= l.absoluteCap).toBe(true)
      sum += l.support
    }
    expect(s.total).toBe(sum)
    expect(s.total <= s.requested).toBe(true)
    // Pool caps per beneficiary / proposal, in computation order (ordinary items, then multiples):
    // what a pool has received up to a line never exceeds that line's cap. So equipment stays
    // ≤ 300 000 000 and equipment + technology line ≤ 450 000 000 per establishment.
    const lines = p.activities.flatMap((a) => a.costLines)
    const order = s.lines.map((l, k) => ({ l, k, phase: resolved.items[l.item]?.phase ?? 0 })).sort((x, y) => x.phase - y.phase || x.k - y.k)
    order.forEach(({ l, k }, pos) => {
      const item = resolved.items[l.item]
      if (item === undefined || l.binding === "not-in-catalogue" || item.scope === "overhead" || item.scope === "quantity") return
      const cap = unitCap(resolved, l.item, Number(lines[k]?.quantity ?? 1))
      if (cap === undefined) return
      const members = p.form.kind === "group" && item.scope === "beneficiary" ? BigInt(p.form.beneficiaryIds.length) : 1n
      const earlier = order
        .slice(0, pos + 1)
        .map((o) => o.l)
        .filter((x) => x.binding !== "not-in-catalogue" && resolved.items[x.item]?.pool === item.pool)
      const sum = (xs: ReadonlyArray<Support.LineSupport>) => xs.reduce((acc, x) => acc + x.support, 0n)
      if (members > 1n) {
        // group: the member's own lines within its cap, the whole pool within cap × members
        if (l.beneficiaryId !== undefined) expect(sum(earlier.filter((x) => x.beneficiaryId === l.beneficiaryId)) <= cap).toBe(true)
        expect(sum(earlier) <= cap * members).toBe(true)
        expect(l.pooledGroup).toBe(l.beneficiaryId === undefined ? Number(members) : undefined)
      } else expect(sum(earlier.filter((x) => item.scope !== "beneficiary" || x.beneficiaryId === l.beneficiaryId)) <= cap).toBe(true)
    })
    // overhead ≤ 2.5 % of the other lines' support
    const overhead = s.lines.filter((l) => l.item === "management.overhead").reduce((a, l) => a + l.support, 0n)
    expect(overhead * 1000n <= (s.total - overhead) * 25n).toBe(true)
  })

  test.prop([proposalArb])("in a group, a per-establishment pool never exceeds its cap × members, nor a member its cap", (p) => {
    const s = Support.computeOrThrow(p, resolved)
    if (p.form.kind !== "group") return
    const members = BigInt(p.form.beneficiaryIds.length)
    const pools = new Map<string, { cap: bigint; total: bigint; byMember: Map<string, bigint> }>()
    for (const l of s.lines) {
      const it = resolved.items[l.item]
      if (it === undefined || l.binding === "not-in-catalogue" || it.scope !== "beneficiary") continue
      const pool = pools.get(it.pool) ?? { cap: 0n, total: 0n, byMember: new Map<string, bigint>() }
      if (it.amount > pool.cap) pool.cap = it.amount
      pool.total += l.support
      if (l.beneficiaryId !== undefined) pool.byMember.set(l.beneficiaryId, (pool.byMember.get(l.beneficiaryId) ?? 0n) + l.support)
      pools.set(it.pool, pool)
    }
    for (const pool of pools.values()) {
      expect(pool.total <= pool.cap * members).toBe(true)
      for (const v of pool.byMember.values()) expect(v <= pool.cap).toBe(true)
    }
  })

  test.prop([proposalArb, fc.nat({ max: 20 }), fc.bigInt({ min: 1n, max: 2_000_000_000n })])(
    "raising a line's cost never lowers its support or the proposal's",
    (p, pick, extra) => {
      const before = Support.computeOrThrow(p, resolved)
      const flat = p.activities.flatMap((a, i) => a.costLines.map((_, j) => [i, j] as const))
      const [ai, li] = flat[pick % flat.length] as readonly [number, number]
      const raised: Proposal = {
        ...p,
        activities: p.activities.map((a, i) =>
          i !== ai ? a : { ...a, costLines: a.costLines.map((l, j) => (j !== li ? l : { ...l, total: (l.total + extra) as typeof l.total })) }
        )
      }
      const after = Support.computeOrThrow(raised, resolved)
      expect(after.total >= before.total).toBe(true)
      const k = flat.findIndex(([i, j]) => i === ai && j === li)
      expect((after.lines[k]?.support ?? 0n) >= (before.lines[k]?.support ?? 0n)).toBe(true)
    }
  )

  const lowering = fc.record({
    machineryCap: fc.bigInt({ min: 0n, max: 300_000_000n }),
    demoCap: fc.bigInt({ min: 0n, max: 1_000_000_000n }),
    machineryRate: fc.integer({ min: 0, max: 50 }),
    trademarkCap: fc.bigInt({ min: 0n, max: 35_000_000n }),
    overhead: fc.integer({ min: 0, max: 25 })
  })

  test.prop([proposalArb, lowering], { numRuns: 60 })("an overlay that only lowers caps never raises support", (p, low) => {
    const layered = Overlay.applyOrThrow(pack, {
      id: "province-low",
      title: "Lower provincial levels",
      province: "12",
      citation: cite(laiChau18, "provincial-copy"),
      effective: { start: d("2023-01-01") },
      operations: [
        { op: "lower", parameter: "support.machinery.cap", value: low.machineryCap },
        { op: "lower", parameter: "support.demo-model.cap", value: low.demoCap },
        { op: "lower", parameter: "support.machinery.rate", value: { numerator: BigInt(low.machineryRate), denominator: 100n } },
        { op: "lower", parameter: "support.trademark.cap", value: low.trademarkCap },
        { op: "lower", parameter: "overhead.implementing-unit", value: { numerator: BigInt(low.overhead), denominator: 1000n } }
      ]
    })
    const r = Pack.resolveOrThrow(layered, d("2023-02-15"))
    const local = { ...p, fund: "local" as const }
    expect(Support.computeOrThrow(local, r).total <= Support.computeOrThrow(local, resolved).total).toBe(true)
  })

  test.prop([proposalArb])("evaluation is deterministic, and tracing does not change a number", (p) => {
    const a = Support.computeOrThrow(p, resolved)
    const b = Support.computeOrThrow(p, resolved)
    expect(b).toEqual(a)
    const t = Support.computeOrThrow(p, resolved, { trace: true })
    expect(t.lines).toEqual(a.lines)
    expect(t.total).toBe(a.total)
  })
})
