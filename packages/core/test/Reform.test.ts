import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Overlay from "../src/rules/Overlay.js"
import * as Pack from "../src/rules/Pack.js"
import * as Reform from "../src/rules/Reform.js"
import * as Support from "../src/rules/Support.js"
import * as Trace from "../src/values/Trace.js"
import { cite, d, definition, establishment, laiChau18, proposal } from "./fixtures/rules-pack.js"

const pack = Pack.loadOrThrow(definition)
const doubled = Reform.applyOrThrow(pack, {
  id: "machinery-600m",
  title: "Machinery cap 600 million from 2024",
  overrides: [{ parameter: "support.machinery.cap", range: { start: d("2024-01-01") }, value: 600_000_000n }]
})

const machinery = (id: string, total: bigint, approvalDate: string, requested = total / 2n) =>
  proposal({ id, approvalDate, activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total, requested }] }] })
const establishments = { e1: establishment("e1") }

describe("Reform.apply", () => {
  it("overrides a parameter over its range only, without touching the pack", () => {
    expect(Pack.resolveOrThrow(doubled, d("2023-12-31")).items["machinery.equipment"]).toMatchObject({ amount: 300_000_000n, layer: "national" })
    const after = Pack.resolveOrThrow(doubled, d("2024-01-01")).items["machinery.equipment"]
    expect(after).toMatchObject({ amount: 600_000_000n, layer: "machinery-600m" })
    expect(Pack.resolveOrThrow(doubled, d("2024-01-01")).items["machinery.technology-line"]?.amount).toBe(900_000_000n)
    // the original pack is unchanged
    expect(Pack.resolveOrThrow(pack, d("2024-06-01")).items["machinery.equipment"]?.amount).toBe(300_000_000n)
    expect(doubled.layering?.layers.map((l) => [l.id, l.kind])).toEqual([
      ["national", "national"],
      ["machinery-600m", "reform"]
    ])
  })

  it("marks what-if values unconfirmed unless a citation is given, and traces name the reform layer", () => {
    const r = Pack.resolveOrThrow(doubled, d("2024-06-01"))
    expect(r.items["machinery.equipment"]?.amountReading?.citation.grade).toBe("unconfirmed")
    expect(r.items["machinery.equipment"]?.amountReading?.citation.instrument.number).toBe("what-if:machinery-600m")
    const s = Support.computeOrThrow(machinery("p", 2_000_000_000n, "2024-06-01"), r, { trace: true })
    const step = s.trace?.steps.find((x) => x.rule === "support.machinery.equipment")
    expect(step?.layer).toBe("machinery-600m")
    expect(Trace.unconfirmedReads(s.trace as Trace.Trace).map((u) => u.read?.id)).toContain("support.machinery.cap")
    const cited = Reform.applyOrThrow(pack, {
      id: "cited",
      title: "with a source",
      overrides: [{ parameter: "support.machinery.cap", range: { start: d("2024-01-01") }, value: 500_000_000n, citation: cite(laiChau18, "secondary") }]
    })
    expect(Pack.resolveOrThrow(cited, d("2024-06-01")).items["machinery.equipment"]?.amountReading?.citation.grade).toBe("secondary")
  })

  it("bounded ranges resume the original value the next day", () => {
    const year = Reform.applyOrThrow(pack, {
      id: "one-year",
      title: "2024 only",
      overrides: [{ parameter: "support.machinery.rate", range: { start: d("2024-01-01"), end: d("2024-12-31") }, value: { numerator: 7n, denominator: 10n } }]
    })
    expect(Pack.resolveOrThrow(year, d("2024-12-31")).items["machinery.equipment"]?.rateNumerator).toBe(7n)
    expect(Pack.resolveOrThrow(year, d("2025-01-01")).items["machinery.equipment"]).toMatchObject({ rateNumerator: 1n, rateDenominator: 2n, layer: "national" })
  })

  it("reports unknown parameters, wrong types and results the pack would reject", () => {
    const r = Reform.apply(pack, {
      id: "bad",
      title: "bad",
      overrides: [
        { parameter: "nope", range: { start: d("2024-01-01") }, value: 1n },
        { parameter: "support.machinery.cap", range: { start: d("2024-01-01") }, value: { numerator: 1n, denominator: 2n } },
        { parameter: "support.machinery.cap", range: { start: d("2024-02-01"), end: d("2024-01-01") }, value: 1n }
      ]
    })
    expect(r.ok ? [] : r.error.issues.map((i) => i.code)).toEqual(["reform/unknown-parameter", "reform/type-mismatch", "reform/invalid-range"])
    const over = Reform.apply(pack, {
      id: "over",
      title: "rate above 100 %",
      overrides: [{ parameter: "support.machinery.rate", range: { start: d("2024-01-01") }, value: { numerator: 2n, denominator: 1n } }]
    })
    expect(over.ok ? [] : over.error.issues.map((i) => i.code)).toEqual(["pack/rate-out-of-range"])
    expect(Reform.apply(pack, { id: "national", title: "x", overrides: [] }).ok).toBe(false)
  })

  it("applies to the national view beneath a provincial overlay too", () => {
    const layered = Overlay.applyOrThrow(pack, {
      id: "lai-chau",
      title: "Lai Châu",
      province: "12",
      citation: cite(laiChau18, "provincial-copy"),
      effective: { start: d("2025-05-05") },
      operations: [{ op: "lower", parameter: "support.demo-model.cap", value: 500_000_000n }]
    })
    const both = Reform.applyOrThrow(layered, {
      id: "machinery-600m",
      title: "x",
      overrides: [{ parameter: "support.machinery.cap", range: { start: d("2024-01-01") }, value: 600_000_000n }]
    })
    const r = Pack.resolveOrThrow(both, d("2025-06-01"))
    expect(r.items["machinery.equipment"]?.amount).toBe(600_000_000n)
    expect(r.national?.items["machinery.equipment"]?.amount).toBe(600_000_000n)
    expect(r.items["demo-model.new-technology"]?.amount).toBe(500_000_000n)
  })
})

describe("Reform.compare", () => {
  const proposals = [
    machinery("before", 2_000_000_000n, "2023-06-01"), // before the reform: same
    machinery("big", 2_000_000_000n, "2024-06-01"), // 300 → 600
    machinery("small", 400_000_000n, "2024-06-01"), // rate binds: 200 either way
    proposal({
      id: "unapproved",
      approvalDate: null,
      activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 2_000_000_000n, requested: 1_000_000_000n }] }]
    }) // ineligible: 0 either way
  ]

  it("gives per-proposal and total differences in what is payable", () => {
    const r = Reform.compare(pack, doubled, proposals, { establishments, date: (p) => p.approvalDate ?? d("2024-06-01") })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const c = r.value
    expect(c.proposals.map((x) => [x.proposalId, x.a.payable, x.b.payable, x.difference])).toEqual([
      ["before", 300_000_000n, 300_000_000n, 0n],
      ["big", 300_000_000n, 600_000_000n, 300_000_000n],
      ["small", 200_000_000n, 200_000_000n, 0n],
      ["unapproved", 0n, 0n, 0n]
    ])
    expect(c.proposals[3]?.a).toMatchObject({ verdict: "ineligible", support: 300_000_000n, payable: 0n })
    expect(c.total).toEqual({ a: 800_000_000n, b: 1_100_000_000n, difference: 300_000_000n })
    expect(c.changed).toBe(1)
    expect([c.packA, c.packB]).toEqual(["test-rules-2021-2025", "test-rules-2021-2025"])
  })

  it("a reform that lowers pays less (negative difference)", () => {
    const lower = Reform.applyOrThrow(pack, {
      id: "cut",
      title: "cut",
      overrides: [{ parameter: "support.machinery.rate", range: { start: d("2018-05-11") }, value: { numerator: 1n, denominator: 5n } }]
    })
    const r = Reform.compare(pack, lower, [machinery("x", 1_000_000_000n, "2023-06-01")], { establishments })
    expect(r.ok && r.value.total.difference).toBe(-100_000_000n)
  })

  it("fails with the error of a proposal that cannot be evaluated", () => {
    const r = Reform.compare(pack, doubled, [machinery("early", 1n, "2017-01-01")], { establishments })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error._tag).toBe("LookupError")
    expect(Effect.runSync(Reform.compareEffect(pack, doubled, [], { establishments })).changed).toBe(0)
  })
})
