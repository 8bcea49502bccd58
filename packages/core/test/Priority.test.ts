import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import type { Establishment } from "../src/records/Establishment.js"
import type * as LocalDate from "../src/values/LocalDate.js"
import * as Pack from "../src/rules/Pack.js"
import * as Priority from "../src/rules/Priority.js"
import type { Proposal } from "../src/records/Proposal.js"
import * as Rate from "../src/values/Rate.js"
import { d, definition, establishment, proposal } from "./fixtures/rules-pack.js"

const resolved = Pack.resolveOrThrow(Pack.loadOrThrow(definition), d("2023-02-15"))
const plain = { industry: { code: "tieu-thu-cong-nghiep" } } as const
const machinery = [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 100n, requested: 50n }] }]

const classifyOne = (e: Establishment, p: Partial<Parameters<typeof proposal>[0]> = {}) => {
  const r = Priority.classify(proposal({ activities: machinery, beneficiaries: [e.id], ...p }), { resolved, establishments: { [e.id]: e } })
  if (!r.ok) throw r.error
  return r.value
}

describe("area classes (địa bàn ưu tiên), Circular 46/2012 art. 6.1 in the order of art. 6.3.a", () => {
  it("ranks highland / island / border / ethnic-minority areas, poor districts, new-rural communes, difficult areas", () => {
    expect(classifyOne(establishment("e", plain, { island: true })).area?.id).toBe("area.highland-island-border-ethnic")
    expect(classifyOne(establishment("e", plain, { ethnicMinorityArea: true })).areaRank).toBe(1)
    expect(classifyOne(establishment("e", plain, { poorDistrict: true })).areaRank).toBe(2)
    expect(classifyOne(establishment("e", plain, { newRuralCommune: true })).areaRank).toBe(3)
    expect(classifyOne(establishment("e", plain, { difficultArea: "especially-difficult" })).areaRank).toBe(4)
    const none = classifyOne(establishment("e", plain))
    expect(none.area).toBeUndefined()
    expect(none.areaRank).toBe(Priority.NONE)
    expect(Priority.isPriority(none)).toBe(false)
  })

  it("takes the best class when several apply, and the best beneficiary of a group", () => {
    expect(classifyOne(establishment("e", plain, { poorDistrict: true, border: true, difficultArea: "difficult" })).areaRank).toBe(1)
    const a = establishment("a", plain, { newRuralCommune: true })
    const b = establishment("b", plain, { poorDistrict: true })
    const r = Priority.classify(proposal({ form: { kind: "group", beneficiaryIds: ["a", "b"] }, beneficiaries: ["a", "b"], activities: machinery }), {
      resolved,
      establishments: { a, b }
    })
    expect(r.ok && r.value.area).toMatchObject({ id: "area.poor-district", rank: 2, establishmentId: "b", grade: "primary" })
  })
})

describe("industry classes (ngành nghề ưu tiên): Decree 45/2012 art. 6.2.b first, then 6.2.a", () => {
  it("export contract, local raw materials above 50 %, 50 workers or more", () => {
    expect(classifyOne(establishment("e", { ...plain, hasExportContract: true })).industry?.id).toBe("industry.products")
    expect(classifyOne(establishment("e", { ...plain, localRawMaterialShare: Rate.make(51n, 100n) })).industryRank).toBe(1)
    expect(classifyOne(establishment("e", { ...plain, localRawMaterialShare: Rate.make(1n, 2n) })).industry).toBeUndefined() // "trên 50%": strictly above
    expect(classifyOne(establishment("e", { ...plain, workforce: 50 })).industryRank).toBe(1)
    expect(classifyOne(establishment("e", { ...plain, workforce: 49 })).industry).toBeUndefined()
  })

  it("priority sectors: processing, supporting industry, mechanical engineering serving agriculture", () => {
    expect(classifyOne(establishment("e")).industry?.id).toBe("industry.sectors") // che-bien-nong-lam-thuy-san
    expect(classifyOne(establishment("e", { industry: { code: "co-khi-dien-dien-tu/co-khi-nong-nghiep" } })).industryRank).toBe(2)
    expect(classifyOne(establishment("e", { industry: { code: "co-khi-dien-dien-tu" } })).industry).toBeUndefined()
    // point b comes before point a
    expect(classifyOne(establishment("e", { hasExportContract: true })).industryRank).toBe(1)
  })

  it("cleaner-production activities are not ordered by area or industry (art. 6.3.b)", () => {
    const e = establishment("e", {}, { highland: true })
    const c = classifyOne(e, { activities: [{ activity: "cleaner-production-model", lines: [{ item: "cleaner-production-model.pilot", total: 100n, requested: 30n }] }] })
    expect(c.unranked).toBe(true)
    expect(c.area).toBeUndefined()
    expect(c.areaRank).toBe(Priority.NONE)
  })

  it("fails with a LookupError for an unknown beneficiary", () => {
    const r = Priority.classify(proposal({ activities: machinery, beneficiaries: ["ghost"] }), { resolved, establishments: {} })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe("priority/unknown-establishment")
  })
})

describe("ranking", () => {
  const es: Record<string, Establishment> = {
    hi: establishment("hi", plain, { highland: true }),
    poor: establishment("poor", { hasExportContract: true }, { poorDistrict: true }),
    poorPlain: establishment("poorPlain", plain, { poorDistrict: true }),
    none: establishment("none", plain),
    noneSector: establishment("noneSector")
  }
  const p = (id: string, beneficiary: string, form: Proposal["form"] = { kind: "single" }) => proposal({ id, beneficiaries: [beneficiary], form, activities: machinery })
  const submittedOn: Record<string, LocalDate.LocalDate> = { a: d("2022-06-01"), b: d("2022-05-01"), c: d("2022-05-01") }

  it("areas first, then industries, pilots first, then earlier submission, then id", () => {
    const list = [
      p("z-none", "none"),
      p("y-sector", "noneSector"),
      p("x-poor-plain", "poorPlain"),
      p("w-poor-export", "poor"),
      p("v-highland", "hi"),
      p("a", "none"),
      p("b", "none"),
      p("c", "none"),
      p("pilot", "none", { kind: "pilot" })
    ]
    const r = Priority.rank(list, { resolved, establishments: es, submittedOn })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(r.value.map((x) => x.proposalId)).toEqual(["v-highland", "w-poor-export", "x-poor-plain", "y-sector", "pilot", "b", "c", "a", "z-none"])
    expect(r.value.map((x) => x.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it("the comparator is a total order: antisymmetric and consistent", () => {
    const a = { proposalId: "a", areaRank: 1, industryRank: 2, pilot: false, unranked: false }
    const b = { ...a, proposalId: "b" }
    expect(Priority.compare(a, b)).toBeLessThan(0)
    expect(Priority.compare(b, a)).toBeGreaterThan(0)
    expect(Priority.compare(a, a)).toBe(0)
    expect(Priority.compare({ ...b, areaRank: 2 }, { ...a, areaRank: 3 })).toBeLessThan(0)
    expect(Priority.compare({ ...b, pilot: true }, a)).toBeLessThan(0)
    expect(Priority.compare({ ...b, submittedOn: d("2022-01-01") }, a)).toBeLessThan(0)
  })

  test.prop([fc.shuffledSubarray(["z-none", "y-sector", "x", "w", "v", "a", "b", "c", "pilot"], { minLength: 2 }), fc.integer()])(
    "the ranking is deterministic whatever the input order",
    (ids, seed) => {
      const beneficiaryOf: Record<string, string> = { "z-none": "none", "y-sector": "noneSector", x: "poorPlain", w: "poor", v: "hi", a: "none", b: "none", c: "none", pilot: "none" }
      const list = ids.map((id) => p(id, beneficiaryOf[id] ?? "none", id === "pilot" ? { kind: "pilot" } : { kind: "single" }))
      const shuffled = [...list].sort((x, y) => ((x.id.charCodeAt(0) * 31 + seed) % 7) - ((y.id.charCodeAt(0) * 31 + seed) % 7))
      const r1 = Priority.rank(list, { resolved, establishments: es, submittedOn })
      const r2 = Priority.rank(shuffled, { resolved, establishments: es, submittedOn })
      expect(r1.ok && r1.value.map((x) => x.proposalId)).toEqual(r2.ok && r2.value.map((x) => x.proposalId))
    }
  )
})
