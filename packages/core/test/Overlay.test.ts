import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Eligibility from "../src/rules/Eligibility.js"
import * as Overlay from "../src/rules/Overlay.js"
import * as Pack from "../src/rules/Pack.js"
import * as Parameter from "../src/values/Parameter.js"
import * as Support from "../src/rules/Support.js"
import { cite, d, definition, establishment, laiChau18, param, proposal } from "./fixtures/rules-pack.js"

const pack = Pack.loadOrThrow(definition)
const citation = cite(laiChau18, "provincial-copy", "1")
const base = { id: "lai-chau-18-2025", title: "Lai Châu NQ 18/2025/NQ-HĐND", province: "12", citation, effective: { start: d("2025-05-05") } }

const machinery = (fund: "national" | "local", extra: { provinceCode?: string } = {}) =>
  proposal({ fund, activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 1_000_000_000n, requested: 500_000_000n }] }], ...extra })

const errorCodes = (r: ReturnType<typeof Overlay.apply>): ReadonlyArray<string> => (r.ok ? [] : r.error.issues.map((i) => i.code))

describe("Overlay.apply: lower", () => {
  const layered = Overlay.applyOrThrow(pack, { ...base, operations: [{ op: "lower", parameter: "support.machinery.cap", value: 200_000_000n }] })

  it("sets the provincial level for local-fund proposals from the effective date, naming the layer", () => {
    const r = Pack.resolveOrThrow(layered, d("2025-06-01"))
    expect(r.province).toBe("12")
    expect(r.items["machinery.equipment"]?.amount).toBe(200_000_000n)
    expect(r.items["machinery.equipment"]?.layer).toBe("lai-chau-18-2025")
    expect(r.items["machinery.equipment"]?.amountReading?.citation.instrument.number).toBe("18/2025/NQ-HĐND")
    expect(r.items["machinery.equipment"]?.grade).toBe("provincial-copy")
    // the rate was not touched: still national
    expect(r.items["machinery.equipment"]?.rate?.layer).toBe("national")
    // the technology line follows the lowered base cap
    expect(r.items["machinery.technology-line"]?.amount).toBe(300_000_000n)
    const local = Support.computeOrThrow(machinery("local"), r, { trace: true })
    expect(local.total).toBe(200_000_000n)
    expect(local.lines[0]?.layer).toBe("lai-chau-18-2025")
    expect(local.province).toBe("12")
    expect(local.trace?.steps.find((s) => s.rule === "support.machinery.equipment")?.layer).toBe("lai-chau-18-2025")
  })

  it("does not apply to national-fund proposals", () => {
    const r = Pack.resolveOrThrow(layered, d("2025-06-01"))
    const national = Support.computeOrThrow(machinery("national"), r)
    expect(national.total).toBe(300_000_000n)
    expect(national.lines[0]?.layer).toBe("national")
    expect(national.province).toBeUndefined()
  })

  it("does not apply before its effective date (first and last day)", () => {
    expect(Support.computeOrThrow(machinery("local"), Pack.resolveOrThrow(layered, d("2025-05-04"))).total).toBe(300_000_000n)
    expect(Support.computeOrThrow(machinery("local"), Pack.resolveOrThrow(layered, d("2025-05-05"))).total).toBe(200_000_000n)
    const bounded = Overlay.applyOrThrow(pack, {
      ...base,
      effective: { start: d("2025-05-05"), end: d("2025-08-31") },
      operations: [{ op: "lower", parameter: "support.machinery.cap", value: 200_000_000n }]
    })
    expect(Support.computeOrThrow(machinery("local"), Pack.resolveOrThrow(bounded, d("2025-08-31"))).total).toBe(200_000_000n)
    const after = Pack.resolveOrThrow(bounded, d("2025-09-01"))
    expect(after.items["machinery.equipment"]?.amount).toBe(300_000_000n)
    expect(after.items["machinery.equipment"]?.layer).toBe("national")
  })

  it("refuses a lower above the national level, and a local proposal of another province", () => {
    const r = Overlay.apply(pack, { ...base, operations: [{ op: "lower", parameter: "support.machinery.cap", value: 300_000_001n }] })
    expect(errorCodes(r)).toEqual(["overlay/not-lower"])
    const other = Support.compute(machinery("local", { provinceCode: "01" }), Pack.resolveOrThrow(layered, d("2025-06-01")))
    expect(other.ok).toBe(false)
    if (!other.ok) {
      expect(other.error._tag).toBe("RuleViolation")
      expect(other.error.code).toBe("support/province-mismatch")
    }
  })
})

describe("Overlay.apply: raise", () => {
  const layered = Overlay.applyOrThrow(pack, { ...base, operations: [{ op: "raise", parameter: "support.machinery.cap", value: 400_000_000n }] })

  it("is allowed above the national level, with a warning", () => {
    expect(Overlay.warnings(layered).map((w) => w.code)).toEqual(["overlay/above-national"])
    expect(Overlay.warnings(layered)[0]?.message).toMatch(/above the national level 300000000 đồng/)
    const r = Pack.resolveOrThrow(layered, d("2025-06-01"))
    expect(r.warnings.map((w) => w.code)).toEqual(["overlay/above-national"])
    expect(r.items["machinery.equipment"]?.aboveNational).toBe(true)
    expect(r.national?.items["machinery.equipment"]?.aboveNational).toBe(false)
    const s = Support.computeOrThrow(machinery("local"), r)
    expect(s.total).toBe(400_000_000n)
    expect(s.lines[0]?.aboveNational).toBe(true)
    // outside the overlay's days the warning does not apply
    expect(Pack.resolveOrThrow(layered, d("2025-01-01")).warnings).toEqual([])
  })

  it("refuses a raise below the national level and a value of another type", () => {
    expect(errorCodes(Overlay.apply(pack, { ...base, operations: [{ op: "raise", parameter: "support.machinery.cap", value: 100n }] }))).toEqual(["overlay/not-higher"])
    expect(
      errorCodes(Overlay.apply(pack, { ...base, operations: [{ op: "raise", parameter: "support.machinery.cap", value: { numerator: 1n, denominator: 2n } }] }))
    ).toEqual(["overlay/type-mismatch"])
    expect(errorCodes(Overlay.apply(pack, { ...base, operations: [{ op: "lower", parameter: "nope", value: 1n }] }))).toEqual(["overlay/unknown-parameter"])
    // a rate raised above 100 % is caught by the pack validation of the layered pack
    expect(
      errorCodes(Overlay.apply(pack, { ...base, operations: [{ op: "raise", parameter: "support.machinery.rate", value: { numerator: 3n, denominator: 2n } }] }))
    ).toContain("pack/rate-out-of-range")
  })
})

describe("Overlay.apply: add and remove", () => {
  const secondHandCap = Parameter.makeOrThrow({
    id: "province.machinery.second-hand.cap",
    description: "Cap on second-hand machinery (tỉnh)",
    values: [{ from: d("2025-05-05"), value: 50_000_000n, citation }]
  })
  const secondHandRate = param("province.machinery.second-hand.rate", { numerator: 2n, denominator: 5n }, citation, d("2025-05-05"))
  const layered = Overlay.applyOrThrow(pack, {
    ...base,
    operations: [
      {
        op: "add-item",
        activity: "machinery",
        item: {
          code: "machinery.second-hand",
          name: "Second-hand machinery",
          nameVi: "Máy móc đã qua sử dụng",
          cap: { kind: "rate-and-amount", rate: "province.machinery.second-hand.rate", amount: "province.machinery.second-hand.cap", unit: "per-establishment" },
          citation
        },
        parameters: [secondHandCap, secondHandRate]
      },
      {
        op: "add-activity",
        activity: {
          code: "craft-village",
          name: "Craft village promotion",
          nameVi: "Phát triển làng nghề",
          citation,
          advanceTier: "soft",
          items: [{ code: "craft-village.signage", name: "Signage", nameVi: "Biển hiệu", cap: { kind: "amount", amount: "province.craft-village.cap", unit: "per-project" }, citation }]
        },
        parameters: [param("province.craft-village.cap", 20_000_000n, citation, d("2025-05-05"))]
      },
      { op: "remove-item", item: "trademark.registration" }
    ]
  })
  const r = Pack.resolveOrThrow(layered, d("2025-06-01"))

  it("adds an item and an activity for local-fund proposals, attributed to the overlay", () => {
    expect(r.items["machinery.second-hand"]).toMatchObject({ amount: 50_000_000n, rateNumerator: 2n, rateDenominator: 5n, layer: "lai-chau-18-2025" })
    expect(r.activities["craft-village"]?.layer).toBe("lai-chau-18-2025")
    const p = proposal({ fund: "local", activities: [{ activity: "machinery", lines: [{ item: "machinery.second-hand", total: 100_000_000n, requested: 50_000_000n }] }] })
    expect(Support.computeOrThrow(p, r).lines[0]).toMatchObject({ support: 40_000_000n, binding: "rate", layer: "lai-chau-18-2025" })
    const v = Eligibility.evaluateProposalOrThrow(p, r, { establishments: { e1: establishment("e1") } })
    expect(v.conditions.find((c) => c.rule === "eligibility.activity-in-catalogue")?.status).toBe("passed")
  })

  it("the added item is not in the national catalogue, nor before the overlay's start", () => {
    const p = proposal({ fund: "national", activities: [{ activity: "machinery", lines: [{ item: "machinery.second-hand", total: 100_000_000n, requested: 50_000_000n }] }] })
    expect(Support.computeOrThrow(p, r).lines[0]?.binding).toBe("not-in-catalogue")
    const v = Eligibility.evaluateProposalOrThrow(p, r, { establishments: { e1: establishment("e1") } })
    expect(v.conditions.find((c) => c.rule === "eligibility.activity-in-catalogue")?.status).toBe("failed")
    const before = Pack.resolveOrThrow(layered, d("2025-05-04"))
    expect(before.items["machinery.second-hand"]).toBeUndefined()
    expect(before.activities["craft-village"]).toBeUndefined()
  })

  it("removes an item for local-fund proposals only", () => {
    const tm = (fund: "national" | "local") =>
      proposal({ fund, activities: [{ activity: "trademark", lines: [{ item: "trademark.registration", total: 10_000_000n, requested: 5_000_000n }] }] })
    expect(r.items["trademark.registration"]).toBeUndefined()
    expect(Support.computeOrThrow(tm("local"), r).total).toBe(0n)
    expect(Support.computeOrThrow(tm("national"), r).total).toBe(5_000_000n)
    expect(Pack.resolveOrThrow(layered, d("2025-05-04")).items["trademark.registration"]).toBeDefined()
  })

  it("reports unknown and duplicate targets and added parameters that leave a gap", () => {
    const r2 = Overlay.apply(pack, {
      ...base,
      operations: [
        { op: "remove-item", item: "nope" },
        { op: "add-item", activity: "nope", item: { code: "x", name: "x", nameVi: "x", cap: { kind: "amount", amount: "support.machinery.cap", unit: "per-project" }, citation } },
        { op: "add-item", activity: "machinery", item: { code: "machinery.equipment", name: "x", nameVi: "x", cap: { kind: "amount", amount: "support.machinery.cap", unit: "per-project" }, citation } },
        { op: "add-activity", activity: { code: "machinery", name: "x", nameVi: "x", citation, advanceTier: "soft", items: [] } }
      ]
    })
    expect(errorCodes(r2)).toEqual(["overlay/unknown-item", "overlay/unknown-activity", "overlay/duplicate-code", "overlay/duplicate-code"])
    const late = Overlay.apply(pack, {
      ...base,
      operations: [
        {
          op: "add-item",
          activity: "machinery",
          item: { code: "machinery.late", name: "x", nameVi: "x", cap: { kind: "amount", amount: "province.late.cap", unit: "per-project" }, citation },
          parameters: [param("province.late.cap", 1n, citation, d("2025-06-01"))]
        }
      ]
    })
    expect(errorCodes(late)).toEqual(["pack/parameter-gap"])
  })
})

describe("Overlay layering", () => {
  it("records the layers and stacks overlays of one province; refuses another province's", () => {
    const first = Overlay.applyOrThrow(pack, { ...base, operations: [{ op: "lower", parameter: "support.machinery.cap", value: 250_000_000n }] })
    const second = Overlay.applyOrThrow(first, {
      ...base,
      id: "lai-chau-2026",
      effective: { start: d("2025-09-01") },
      operations: [{ op: "lower", parameter: "support.machinery.cap", value: 150_000_000n }]
    })
    expect(second.layering?.layers.map((l) => l.id)).toEqual(["national", "lai-chau-18-2025", "lai-chau-2026"])
    expect(Pack.resolveOrThrow(second, d("2025-06-01")).items["machinery.equipment"]).toMatchObject({ amount: 250_000_000n, layer: "lai-chau-18-2025" })
    expect(Pack.resolveOrThrow(second, d("2025-09-01")).items["machinery.equipment"]).toMatchObject({ amount: 150_000_000n, layer: "lai-chau-2026" })
    // the national view stays the pack beneath the overlays
    expect(Pack.resolveOrThrow(second, d("2025-09-01")).national?.items["machinery.equipment"]?.amount).toBe(300_000_000n)
    const other = Overlay.apply(first, { ...base, id: "dong-thap", province: "82", operations: [] })
    expect(errorCodes(other)).toEqual(["overlay/province-mismatch"])
    expect(errorCodes(Overlay.apply(first, { ...base, operations: [] }))).toEqual(["overlay/duplicate-layer"])
  })

  it("validates the overlay itself (province code, citation grade, range)", () => {
    const bad = Overlay.apply(pack, {
      ...base,
      province: "99",
      citation: { instrument: laiChau18 } as never,
      operations: []
    })
    expect(errorCodes(bad)).toEqual(["overlay/invalid-province", "citation/missing-grade"])
    expect(errorCodes(Overlay.apply(pack, { ...base, effective: { start: d("2025-05-05"), end: d("2025-01-01") }, operations: [] }))).toEqual(["overlay/invalid-range"])
  })

  it("layered packs are frozen and have an Effect form", () => {
    const layered = Effect.runSync(Overlay.applyEffect(pack, { ...base, operations: [] }))
    expect(Object.isFrozen(layered.layering)).toBe(true)
    expect(pack.layering).toBeUndefined() // the national pack is unchanged
    expect(pack.parameters["support.machinery.cap"]?.values).toHaveLength(1)
  })
})
