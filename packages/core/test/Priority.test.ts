import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import type { Establishment } from "../src/records/Establishment.js"
import type * as LocalDate from "../src/values/LocalDate.js"
import * as Pack from "../src/rules/Pack.js"
import * as Priority from "../src/rules/Priority.js"
import * as Parameter from "../src/values/Parameter.js"
import type { Proposal } from "../src/records/Proposal.js"
import * as Rate from "../src/values/Rate.js"
import { circular36, cite, d, definition, establishment, param, parameters, proposal } from "./fixtures/rules-pack.js"

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

describe("key national projects first (đề án khuyến công quốc gia điểm), Circular 36/2013 art. 7.1", () => {
  // The fixture pack with the corpus's rule: key projects of the national fund first, from 2014-02-10.
  const keyParam = param("priority.key-projects-first", ["national"], cite(circular36, "primary", "7", "1"), d("2014-02-10"))
  const withKey = (from: LocalDate.LocalDate) => ({
      ...definition,
      parameters: { ...parameters, "priority.key-projects-first": { ...keyParam, values: [{ ...keyParam.values[0]!, from }] } },
      priority: { unrankedActivities: "priority.unranked-activities", keyProjectsFirst: "priority.key-projects-first", citation: definition.priority!.citation }
    })
  const keyResolved = Pack.resolveOrThrow(Pack.loadOrThrow(withKey(d("2014-02-10"))), d("2023-02-15"))
  const es: Record<string, Establishment> = {
    hi: establishment("hi", plain, { highland: true }),
    none: establishment("none", plain),
    poor: establishment("poor", plain, { poorDistrict: true })
  }
  const two = [...machinery, { activity: "demo-model", lines: [{ item: "demo-model.new-technology", total: 10n, requested: 5n }] }]
  const p = (id: string, beneficiary: string, fund: "national" | "local", keyProject?: boolean): Proposal => {
    const base = proposal({ id, beneficiaries: [beneficiary], activities: two, fund })
    return keyProject === undefined ? base : { ...base, keyProject, duration: { start: d("2023-03-01"), end: d("2024-06-30") } }
  }
  const order = (list: ReadonlyArray<Proposal>, r: Pack.ResolvedPack = keyResolved) => {
    const out = Priority.rank(list, { resolved: r, establishments: es })
    if (!out.ok) throw out.error
    return out.value.map((x) => x.proposalId)
  }

  it("national fund: a key project in an ordinary area ranks before a non-key project in a highland area", () => {
    // key-plain has no area class (rank NONE); hi-plain has area rank 1. Art. 7.1 puts key projects
    // first, before the art. 6 area order: key-plain, then hi-plain, then poor (rank 2), then none.
    expect(order([p("none", "none", "national"), p("hi-plain", "hi", "national"), p("poor", "poor", "national"), p("key-plain", "none", "national", true)])).toEqual([
      "key-plain",
      "hi-plain",
      "poor",
      "none"
    ])
    // Two key projects rank among themselves by the ordinary key: the highland one first.
    expect(order([p("k-none", "none", "national", true), p("k-hi", "hi", "national", true), p("hi", "hi", "national")])).toEqual(["k-hi", "k-none", "hi"])
    // keyProject: false is not a key project.
    expect(order([p("a-not-key", "none", "national", false), p("hi", "hi", "national")])).toEqual(["hi", "a-not-key"])
  })

  it("the classification says why: the pack's reading of art. 7.1", () => {
    const c = Priority.classify(p("key", "none", "national", true), { resolved: keyResolved, establishments: es })
    expect(c.ok && c.value.keyProject).toMatchObject({
      parameterId: "priority.key-projects-first",
      grade: "primary",
      citation: { instrument: { number: "36/2013/TT-BCT" }, article: "7", clause: "1" }
    })
    const n = Priority.classify(p("plain", "none", "national"), { resolved: keyResolved, establishments: es })
    expect(n.ok && n.value.keyProject).toBeUndefined()
  })

  it("local fund: unchanged, a key project ranks by area as before (art. 7.1 is about the national plan)", () => {
    const list = [p("key-plain", "none", "local", true), p("hi-plain", "hi", "local"), p("poor", "poor", "local")]
    expect(order(list)).toEqual(["hi-plain", "poor", "key-plain"])
    const c = Priority.classify(p("key-plain", "none", "local", true), { resolved: keyResolved, establishments: es })
    expect(c.ok && c.value.keyProject).toBeUndefined()
  })

  it("before the rule's first day (2014-02-10, when Circular 36/2013 took effect) it does not apply; a pack without the rule is unchanged", () => {
    // The parameter has no value before 2014-02-10, and a pack cannot be loaded with a parameter
    // starting after its period starts: no pack ranks key projects first before that day.
    expect(Parameter.at(keyParam, d("2014-02-09")).ok).toBe(false)
    expect(Parameter.at(keyParam, d("2014-02-10")).ok && Parameter.at(keyParam, d("2014-02-10"))).toMatchObject({ ok: true })
    expect(Pack.load(withKey(d("2018-05-12")) as never).ok).toBe(false)
    const list = [p("key-plain", "none", "national", true), p("hi-plain", "hi", "national")]
    expect(resolved.keyProjectsFirst).toBeUndefined()
    expect(order(list, resolved)).toEqual(["hi-plain", "key-plain"])
    expect(keyResolved.keyProjectsFirst?.value).toEqual(["national"])
  })

  it("compare: a key project before any other, whatever the rest of the key", () => {
    const why = { parameterId: "priority.key-projects-first", citation: cite(circular36, "primary", "7", "1"), grade: "primary" as const }
    const top = { proposalId: "a", areaRank: 1, industryRank: 1, pilot: true, unranked: false, submittedOn: d("2020-01-01") }
    const key = { proposalId: "z", areaRank: Priority.NONE, industryRank: Priority.NONE, pilot: false, unranked: false, keyProject: why }
    expect(Priority.compare(key, top)).toBeLessThan(0)
    expect(Priority.compare(top, key)).toBeGreaterThan(0)
  })

  const ids = ["k1", "k2", "k3", "n1", "n2", "n3", "l1", "l2"]
  test.prop([
    fc.shuffledSubarray(ids, { minLength: 2 }),
    fc.func(fc.constantFrom("hi", "none", "poor")),
    fc.func(fc.boolean()),
    fc.func(fc.constantFrom<"national" | "local">("national", "local")),
    fc.integer()
  ])("with key projects the ranking stays a total deterministic order", (chosen, benOf, keyOf, fundOf, seed) => {
    const list = chosen.map((id) => p(id, benOf(id), fundOf(id), keyOf(id) ? true : undefined))
    const shuffled = [...list].sort((x, y) => ((x.id.charCodeAt(1) * 31 + seed) % 5) - ((y.id.charCodeAt(1) * 31 + seed) % 5))
    const r1 = Priority.rank(list, { resolved: keyResolved, establishments: es })
    const r2 = Priority.rank(shuffled, { resolved: keyResolved, establishments: es })
    if (!r1.ok || !r2.ok) throw new Error("rank failed")
    expect(r1.value.map((x) => x.proposalId)).toEqual(r2.value.map((x) => x.proposalId))
    // total: antisymmetric, and strictly increasing along the ranking (no ties between distinct ids)
    for (let i = 0; i < r1.value.length; i++)
      for (let j = 0; j < r1.value.length; j++) {
        const a = r1.value[i]!
        const b = r1.value[j]!
        expect(Math.sign(Priority.compare(a, b))).toBe(Math.sign(i - j))
      }
    // every national key project precedes every proposal that is not one
    const firstOther = r1.value.findIndex((x) => x.keyProject === undefined)
    if (firstOther >= 0) expect(r1.value.slice(firstOther).every((x) => x.keyProject === undefined)).toBe(true)
    for (const x of r1.value) expect(x.keyProject !== undefined).toBe(keyOf(x.proposalId) && fundOf(x.proposalId) === "national")
  })
})
