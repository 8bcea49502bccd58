import { fc, test } from "@fast-check/vitest"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Eligibility from "../src/rules/Eligibility.js"
import type { Establishment } from "../src/records/Establishment.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Pack from "../src/rules/Pack.js"
import * as Parameter from "../src/values/Parameter.js"
import * as Priority from "../src/rules/Priority.js"
import type { ParameterValue, RulePack } from "../src/rules/RulePack.js"
import { circular46, cite, d, definition, establishment, param, proposal } from "./fixtures/rules-pack.js"

const pack = Pack.loadOrThrow(definition)
const resolved = Pack.resolveOrThrow(pack, d("2023-02-15"))

const check = (e: Establishment, rule: string, planYear = 2023): Eligibility.Condition => {
  const v = Eligibility.evaluateEstablishment(e, resolved, planYear)
  const c = v.conditions.find((x) => x.rule === rule)
  if (c === undefined) throw new Error(`no condition ${rule}`)
  return c
}

const machinery = [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 600_000_000n, requested: 300_000_000n }] }]
const evalProposal = (p: ReturnType<typeof proposal>, es: ReadonlyArray<Establishment> = [establishment("e1")]) =>
  Eligibility.evaluateProposalOrThrow(p, resolved, { establishments: new Map(es.map((e) => [e.id, e])) })
const cond = (v: Eligibility.ProposalVerdict, rule: string) => v.conditions.find((c) => c.rule === rule)

describe("legal form (loại hình), Decree 45/2012 art. 1.2.a", () => {
  it("passes an SME, a cooperative, a cooperative group and a business household", () => {
    for (const legalForm of [
      { kind: "enterprise", size: "micro" },
      { kind: "cooperative" },
      { kind: "cooperative-group" },
      { kind: "business-household" }
    ] as const) {
      const c = check(establishment("e", { legalForm }), "eligibility.legal-form")
      expect(c.status).toBe("passed")
    }
  })

  it("fails a large enterprise and a union of cooperatives (added only by Decree 235/2025)", () => {
    const c = check(establishment("e", { legalForm: { kind: "large-enterprise" } }), "eligibility.legal-form")
    expect(c.status).toBe("failed")
    expect(c.reason).toBe("legal-form/not-eligible:large-enterprise")
    expect(c.message).toContain("doanh nghiệp nhỏ và vừa")
    expect(check(establishment("e", { legalForm: { kind: "union-of-cooperatives" } }), "eligibility.legal-form").status).toBe("failed")
  })

  it("frees a cleaner-production establishment of the size limit (Circular 46/2012 art. 3.2)", () => {
    const e = establishment("e", { legalForm: { kind: "large-enterprise" }, cleanerProduction: true })
    const c = check(e, "eligibility.legal-form")
    expect(c.status).toBe("not-applicable")
    expect(c.message).toContain("sản xuất sạch hơn")
    expect(Eligibility.evaluateEstablishment(e, resolved, 2023).verdict).toBe("eligible")
  })
})

describe("location (địa bàn), Decree 45/2012 art. 1.2.a and Circular 46/2012 art. 3.1", () => {
  const at = (loc: Partial<Establishment["location"]>, over: Partial<Establishment> = {}, planYear = 2023) =>
    check(establishment("e", over, loc as never), "eligibility.location", planYear)

  it("passes communes and townships; fails a special zone this pack does not list", () => {
    expect(at({ commune: { name: "A", kind: "commune" } }).status).toBe("passed")
    expect(at({ commune: { name: "A", kind: "township" } }).status).toBe("passed")
    const sz = at({ commune: { name: "A", kind: "special-zone" } })
    expect(sz.status).toBe("failed")
    expect(sz.reason).toBe("location/unit-not-eligible:special-zone")
  })

  it("passes wards of class-2 and class-3 cities and of towns; fails wards of special-class cities", () => {
    expect(at({ commune: { name: "P", kind: "ward" }, cityClass: 2 }).reason).toBe("location/ward-class:2")
    expect(at({ commune: { name: "P", kind: "ward" }, cityClass: 3 }).status).toBe("passed")
    expect(at({ commune: { name: "P", kind: "ward" } }).reason).toBe("location/ward-class:none")
    const special = at({ commune: { name: "P", kind: "ward" }, cityClass: "special" })
    expect(special.status).toBe("failed")
    expect(special.message).toContain("đô thị loại đặc biệt")
  })

  it("fails a class-1 ward that was not converted from a commune", () => {
    const c = at({ commune: { name: "P", kind: "ward" }, cityClass: 1 })
    expect(c.status).toBe("failed")
    expect(c.reason).toBe("location/not-converted:1")
  })

  it("counts the 5 years to 31 December of the year before the plan year (art. 3.1.đ), boundary included", () => {
    const ward = (on: string) => ({ commune: { name: "P", kind: "ward" as const }, cityClass: 1 as const, convertedFromCommuneOn: d(on) })
    // plan year 2025 → counted to 2024-12-31; the window of a 2019-12-31 conversion ends on 2024-12-31
    const exactly = at(ward("2019-12-31"), {}, 2025)
    expect(exactly.status).toBe("passed")
    expect(exactly.reason).toBe("location/converted-within-window:1")
    expect(exactly.message).toContain("chuyển đổi từ xã")
    const dayOver = at(ward("2019-12-30"), {}, 2025)
    expect(dayOver.status).toBe("failed")
    expect(dayOver.reason).toBe("location/converted-too-long-ago")
    expect(dayOver.message).toContain("2024-12-31")
    expect(dayOver.actual).toEqual({ convertedFromCommuneOn: "2019-12-30", countedTo: "2024-12-31", windowEnds: "2024-12-30" })
    // the plan year, not the date of evaluation, sets the reference day
    expect(at(ward("2019-06-01"), {}, 2024).status).toBe("passed")
    expect(at(ward("2019-06-01"), {}, 2025).status).toBe("failed")
    // converted after the reference day: still a commune then
    expect(at(ward("2025-03-01"), {}, 2025).status).toBe("passed")
  })

  test.prop([fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 2005, max: 2035 })])(
    "the window test equals 31 December of the year before the plan year ≤ conversion date + 5 years",
    (y, mo, da, planYear) => {
      const on = LocalDate.make(y, mo, Math.min(da, LocalDate.daysInMonth(y, mo)))
      if (!on.ok) return
      const expected = LocalDate.endOfYear(planYear - 1) <= LocalDate.addYears(on.value, 5)
      const c = at({ commune: { name: "P", kind: "ward" }, cityClass: 1, convertedFromCommuneOn: on.value }, {}, planYear)
      expect(c.status).toBe(expected ? "passed" : "failed")
    }
  )

  it("frees a cleaner-production establishment of the location limit (art. 3.2)", () => {
    const c = at({ commune: { name: "P", kind: "ward" }, cityClass: "special" }, { cleanerProduction: true })
    expect(c.status).toBe("not-applicable")
    expect(c.reason).toBe("location/cleaner-production-exempt")
  })
})

describe("industries (ngành nghề), Decree 45/2012 art. 5 and Circular 46/2012 art. 5", () => {
  it("passes a listed industry and a code below a listed one", () => {
    expect(check(establishment("e"), "eligibility.industry").reason).toBe("industry/listed:che-bien-nong-lam-thuy-san")
    const sub = check(establishment("e", { industry: { code: "co-khi-dien-dien-tu/co-khi-nong-nghiep" } }), "eligibility.industry")
    expect(sub.status).toBe("passed")
    expect(sub.reason).toBe("industry/listed:co-khi-dien-dien-tu")
  })

  it("fails an unlisted industry, unless the establishment applies cleaner production (art. 5.1.g)", () => {
    const e = establishment("e", { industry: { code: "det-may-da-giay" } })
    expect(check(e, "eligibility.industry").status).toBe("failed")
    // a prefix without the separator does not match
    expect(check(establishment("e", { industry: { code: "vat-lieu-xay-dung-khac" } }), "eligibility.industry").status).toBe("failed")
    const cp = check({ ...e, cleanerProduction: true }, "eligibility.industry")
    expect(cp.status).toBe("passed")
    expect(cp.reason).toBe("industry/cleaner-production")
  })

  it("excludes fired-clay bricks from improved manual and ring kilns (lò thủ công cải tiến, lò vòng)", () => {
    for (const code of ["vat-lieu-xay-dung/gach-dat-set-nung-lo-vong", "vat-lieu-xay-dung/gach-dat-set-nung-lo-thu-cong-cai-tien"]) {
      const e = establishment("e", { industry: { code } })
      expect(check(e, "eligibility.industry").status).toBe("passed") // building materials are listed …
      const x = check(e, "eligibility.industry-exclusion") // … but these kilns are excluded
      expect(x.status).toBe("failed")
      expect(x.reason).toBe(`industry-exclusion/excluded:${code}`)
      expect(Eligibility.evaluateEstablishment(e, resolved, 2023).verdict).toBe("ineligible")
    }
    const tunnel = establishment("e", { industry: { code: "vat-lieu-xay-dung/gach-khong-nung" } })
    expect(check(tunnel, "eligibility.industry-exclusion").status).toBe("passed")
  })

  it("supports mining only in difficult areas", () => {
    const mine = (difficultArea: Establishment["location"]["difficultArea"]) =>
      check(establishment("e", { industry: { code: "khai-thac-che-bien-khoang-san" } }, { difficultArea }), "eligibility.mining-area")
    expect(mine("difficult").status).toBe("passed")
    expect(mine("especially-difficult").status).toBe("passed")
    const none = mine("none")
    expect(none.status).toBe("failed")
    expect(none.message).toContain("khai thác, chế biến khoáng sản")
    expect(check(establishment("e"), "eligibility.mining-area").status).toBe("not-applicable")
  })
})

describe("support conditions (Joint Circular 26/2014 art. 7, carried over)", () => {
  it("content fits the catalogue: passes, and fails on an unknown item, an item of another activity, an unknown activity", () => {
    expect(cond(evalProposal(proposal({ activities: machinery })), "eligibility.activity-in-catalogue")?.status).toBe("passed")
    const unknown = cond(evalProposal(proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.gold", total: 1n }] }] })), "eligibility.activity-in-catalogue")
    expect(unknown?.status).toBe("failed")
    expect(unknown?.path).toEqual(["activities", 0, "costLines", 0, "item"])
    const other = cond(evalProposal(proposal({ activities: [{ activity: "machinery", lines: [{ item: "demo-model.new-technology", total: 1n }] }] })), "eligibility.activity-in-catalogue")
    expect(other?.reason).toBe("catalogue/item-of-other-activity")
    const act = cond(evalProposal(proposal({ activities: [{ activity: "astrology", lines: [{ item: "x", total: 1n }] }] })), "eligibility.activity-in-catalogue")
    expect(act?.reason).toBe("catalogue/unknown-activity")
  })

  it("project approved (phê duyệt)", () => {
    expect(cond(evalProposal(proposal({ activities: machinery })), "eligibility.approved")?.status).toBe("passed")
    const no = cond(evalProposal(proposal({ activities: machinery, approvalDate: null })), "eligibility.approved")
    expect(no?.status).toBe("failed")
    expect(no?.message).toContain("phê duyệt")
  })

  it("counterpart funding (vốn đối ứng) covers the total with the requested support", () => {
    expect(cond(evalProposal(proposal({ activities: machinery })), "eligibility.counterpart-funding")?.status).toBe("passed")
    const short = proposal({
      activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 600_000_000n, requested: 300_000_000n, counterpart: 299_999_999n }] }]
    })
    const c = cond(evalProposal(short), "eligibility.counterpart-funding")
    expect(c?.status).toBe("failed")
    expect(c?.path).toEqual(["activities", 0, "costLines", 0, "counterpartFunding"])
  })

  // Art. 7.4: no other state funding "cho cùng một nội dung chi" (for the same spending item): the
  // condition is about the spending item, so a line funded elsewhere is excluded and the rest stands.
  it("no other state funding (nguồn ngân sách nhà nước khác) for the same spending item: that line is excluded, the rest stands", () => {
    const clean = evalProposal(proposal({ activities: machinery }))
    expect(cond(clean, "eligibility.no-double-funding")?.status).toBe("passed")
    expect(clean.lines).toEqual([])
    const zero = proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 100n, requested: 50n, otherStateFunding: 0n }] }] })
    expect(cond(evalProposal(zero), "eligibility.no-double-funding")?.status).toBe("passed")
    const line = (otherStateFunding: bigint) => ({ item: "machinery.equipment", total: 100n, requested: 50n, counterpart: 50n, otherStateFunding })
    // line 2 of 2 also funded by another state source (10 đồng): excluded; line 1 stands
    const one = evalProposal(proposal({ activities: [{ activity: "machinery", lines: [line(0n), line(10n)] }] }))
    const c = cond(one, "eligibility.no-double-funding")
    expect([c?.status, c?.reason]).toEqual(["passed", "double-funding/lines-excluded"])
    expect(one.verdict).toBe("eligible")
    expect(one.lines.map((l) => [l.activity, l.line, l.condition.status, l.condition.path, l.condition.actual])).toEqual([
      [0, 1, "failed", ["activities", 0, "costLines", 1, "otherStateFunding"], 10n]
    ])
    // every line funded elsewhere: nothing is left to support, the proposal is refused
    const all = evalProposal(proposal({ activities: [{ activity: "machinery", lines: [line(10n), line(20n)] }] }))
    const every = cond(all, "eligibility.no-double-funding")
    expect([every?.status, every?.reason, all.verdict]).toEqual(["failed", "double-funding/every-line", "ineligible"])
    expect(all.lines.map((l) => l.condition.actual)).toEqual([10n, 20n])
  })
})

describe("proposal verdicts", () => {
  it("reports every condition, passed and failed, each with rule id, citation and grade", () => {
    const v = evalProposal(proposal({ activities: machinery }))
    expect(v.verdict).toBe("eligible")
    expect(v.conditions.map((c) => c.rule)).toEqual([
      "eligibility.activity-in-catalogue",
      "eligibility.approved",
      "eligibility.counterpart-funding",
      "eligibility.no-double-funding"
    ])
    expect(v.establishments).toHaveLength(1)
    expect(v.establishments[0]?.conditions.map((c) => c.rule)).toEqual([
      "eligibility.legal-form",
      "eligibility.location",
      "eligibility.industry",
      "eligibility.industry-exclusion",
      "eligibility.mining-area"
    ])
    const all = Eligibility.allConditions(v)
    expect(all).toHaveLength(9)
    for (const c of all) {
      expect(c.citation.instrument.number).toMatch(/\//)
      expect(c.message).toMatch(/\(.*[ạ-ỹà-ýđ].*\)/) // names the Vietnamese term
      expect(c.message).toContain(`(${c.citation.grade})`)
    }
    // the support conditions are carried over from Joint Circular 26/2014: grade visible
    expect(cond(v, "eligibility.approved")?.grade).toBe("unconfirmed")
    expect(v.establishments[0]?.conditions[0]?.grade).toBe("primary")
  })

  it("is ineligible when any beneficiary of a group fails, naming it", () => {
    const es = [establishment("a"), establishment("b", { industry: { code: "det-may-da-giay" } }), establishment("c")]
    const v = evalProposal(proposal({ form: { kind: "group", beneficiaryIds: ["a", "b", "c"] }, beneficiaries: ["a", "b", "c"], activities: machinery }), es)
    expect(v.verdict).toBe("ineligible")
    expect(v.establishments.map((e) => e.verdict)).toEqual(["eligible", "ineligible", "eligible"])
    expect(Eligibility.failures(v).map((c) => [c.subject, c.rule])).toEqual([["b", "eligibility.industry"]])
  })

  it("is not-applicable when no condition applies", () => {
    const empty = Pack.resolveOrThrow(Pack.loadOrThrow({ ...definition, eligibility: [] }), d("2023-01-01"))
    const v = Eligibility.evaluateProposalOrThrow(proposal({ activities: machinery }), empty, { establishments: { e1: establishment("e1") } })
    expect(v.verdict).toBe("not-applicable")
    expect(Eligibility.verdictOf([])).toBe("not-applicable")
  })

  it("fails with a LookupError for a beneficiary that is not supplied", () => {
    const r = Eligibility.evaluateProposal(proposal({ activities: machinery, beneficiaries: ["ghost"] }), resolved, { establishments: {} })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe("eligibility/unknown-establishment")
      expect(r.error.path).toEqual(["beneficiaries", 0])
    }
    expect(Effect.runSyncExit(Eligibility.evaluateEffect(proposal({ activities: machinery, beneficiaries: ["ghost"] }), resolved, { establishments: {} }))._tag).toBe("Failure")
  })

  it("reuses the static outcomes: evaluation of the same facts returns the same condition objects", () => {
    const a = Eligibility.evaluateEstablishment(establishment("x"), resolved, 2023)
    const b = Eligibility.evaluateEstablishment(establishment("y"), resolved, 2023)
    expect(a.conditions[0]).toBe(b.conditions[0])
    expect(Object.isFrozen(a.conditions[0])).toBe(true)
  })

  it("rule functions are parameter-driven: another period's pack changes the window without code changes", () => {
    const p = Pack.loadOrThrow({
      ...definition,
      parameters: { ...definition.parameters, "eligibility.location.conversion-window-years": param("eligibility.location.conversion-window-years", 3, cite(circular46, "primary", "3", "1", "đ")) }
    })
    const r = Pack.resolveOrThrow(p, d("2023-01-01"))
    const e = establishment("e", {}, { commune: { name: "P", kind: "ward" }, cityClass: 1, convertedFromCommuneOn: d("2020-06-01") })
    expect(Eligibility.evaluateEstablishment(e, resolved, 2025).verdict).toBe("eligible") // 5-year window
    expect(Eligibility.evaluateEstablishment(e, r, 2025).verdict).toBe("ineligible") // 3-year window
  })
})

// ---------------------------------------------------------------------------------------------
// Decree 235/2025 rule kinds: location-province, craft villages, artisans, point b, owner groups

describe("Decree 235 rules: location-province, craft villages, artisans, point b, owner-group priority", () => {
  const p = (id: string, value: ParameterValue, from = "2018-05-11") => param(id, value, cite(circular46, "primary", "3", "1"), d(from))
  const centralCities = Parameter.makeOrThrow<ParameterValue>({
    id: "eligibility.location.central-cities",
    description: "centrally-run cities (test)",
    values: [
      { from: d("2018-05-11"), value: ["01", "48"], citation: cite(circular46, "secondary", "3", "1") },
      { from: d("2026-04-30"), value: ["01", "48", "75"], citation: cite(circular46, "unconfirmed", "3", "1") }
    ]
  })
  const extra = [
    p("eligibility.location.province-unit-kinds", ["commune", "ward", "special-zone"]),
    p("eligibility.location.central-city-unit-kinds", ["commune", "special-zone"]),
    centralCities,
    p("eligibility.location.craft-villages", true),
    p("eligibility.artisan-titles", ["nghe-nhan-nhan-dan", "nghe-nhan-uu-tu"]),
    p("eligibility.sustainable-production.covered", true),
    p("eligibility.cluster-infrastructure-investors", ["enterprise", "large-enterprise", "cooperative"]),
    p("priority.owner-groups", ["womenOwned", "ethnicMinorityOwned", "not-a-fact"])
  ]
  const def235: RulePack = {
    ...definition,
    // a test pack spanning the reorganisation and Decree 235: its period covers every date below
    governs: { decisions: { start: d("2018-05-11"), end: d("2030-12-31") }, planYears: { from: 2019, to: 2030 } },
    parameters: { ...definition.parameters, ...Object.fromEntries(extra.map((x) => [x.id, x])) },
    eligibility: definition.eligibility.map((r) =>
      r.kind === "legal-form"
        ? {
            ...r,
            parameters: {
              ...r.parameters,
              artisanTitles: "eligibility.artisan-titles",
              sustainableProductionExempt: "eligibility.sustainable-production.covered",
              clusterInvestorForms: "eligibility.cluster-infrastructure-investors"
            }
          }
        : r.kind === "location"
          ? {
              ...r,
              kind: "location-province" as const,
              parameters: {
                provinceUnitKinds: "eligibility.location.province-unit-kinds",
                centralCityUnitKinds: "eligibility.location.central-city-unit-kinds",
                centralCities: "eligibility.location.central-cities",
                craftVillages: "eligibility.location.craft-villages",
                cleanerProductionExempt: "eligibility.cleaner-production.exempt",
                sustainableProductionExempt: "eligibility.sustainable-production.covered",
                clusterInvestorForms: "eligibility.cluster-infrastructure-investors"
              }
            }
          : r
    ),
    areaPriorities: [
      ...definition.areaPriorities,
      { id: "area.owner-groups", rank: 9, name: "Owner groups", nameVi: "Chủ sở hữu", citation: cite(circular46, "unconfirmed", "6", "1"), criterion: { kind: "owner-flag", flags: "priority.owner-groups" } }
    ]
  }
  const pack235 = Pack.loadOrThrow(def235)
  const at = (date: string) => Pack.resolveOrThrow(pack235, d(date))
  const loc = (e: Establishment, date = "2026-03-02") => {
    const c = Eligibility.evaluateEstablishment(e, at(date), 2026).conditions.find((x) => x.rule === "eligibility.location")
    if (c === undefined) throw new Error("no location condition")
    return c
  }
  const form = (e: Establishment) => Eligibility.evaluateEstablishment(e, at("2026-03-02"), 2026).conditions.find((x) => x.rule === "eligibility.legal-form")
  const ward = (provinceCode: string, more: Partial<Establishment["location"]> = {}) => establishment("e1", {}, { provinceCode, commune: { name: "Phường A", kind: "ward" }, ...more })

  it("a pack with the new kinds and roles loads; an unknown role is still refused", () => {
    expect(pack235.eligibility.some((r) => r.kind === "location-province")).toBe(true)
    const bad = Pack.load({ ...def235, eligibility: def235.eligibility.map((r) => (r.kind === "location-province" ? { ...r, parameters: { ...r.parameters, wardCityClasses: "eligibility.location.ward-city-classes" } } : r)) })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.issues.map((i) => i.code)).toContain("pack/unknown-rule-role")
  })

  it("wards of provinces pass, wards of centrally-run cities fail, communes and special zones pass everywhere; no message speaks of towns", () => {
    const a = loc(ward("40"))
    expect([a.status, a.reason, a.grade]).toEqual(["passed", "location/province-unit:ward", "secondary"])
    const b = loc(ward("01"))
    expect([b.status, b.reason]).toEqual(["failed", "location/central-city-unit-not-eligible:ward"])
    expect(b.message).toMatch(/centrally-run city \(thành phố trực thuộc trung ương\)/)
    expect(loc(ward("01", { commune: { name: "Xã B", kind: "commune" } })).reason).toBe("location/central-city-unit:commune")
    expect(loc(ward("40", { commune: { name: "Đặc khu C", kind: "special-zone" } })).reason).toBe("location/province-unit:special-zone")
    for (const c of at("2026-03-02").eligibility.filter((r) => r.kind === "location-province").flatMap((r) => [...r.outcomes.values()].flatMap((m) => [...m.values()])))
      expect(c.message).not.toMatch(/\btown\b|thị xã/)
  })

  it("reads the list of centrally-run cities at the date: Đồng Nai (75) from 2026-04-30", () => {
    expect(loc(ward("75"), "2026-04-29").status).toBe("passed")
    const after = loc(ward("75"), "2026-04-30")
    expect([after.status, after.grade]).toEqual(["failed", "unconfirmed"])
  })

  it("a recognised craft village passes whatever its unit; without the role it does not", () => {
    expect(loc(ward("01", { craftVillage: { name: "Làng lụa Vạn Phúc" } })).reason).toBe("location/craft-village")
    const noRole = Pack.loadOrThrow({
      ...def235,
      eligibility: def235.eligibility.map((r) => (r.kind === "location-province" ? { ...r, parameters: Object.fromEntries(Object.entries(r.parameters).filter(([k]) => k !== "craftVillages")) } : r))
    })
    const c = Eligibility.evaluateEstablishment(ward("01", { craftVillage: { name: "Làng lụa Vạn Phúc" } }), Pack.resolveOrThrow(noRole, d("2026-03-02")), 2026).conditions.find((x) => x.rule === "eligibility.location")
    expect(c?.status).toBe("failed")
  })

  it("cleaner production, sustainable production and cluster investors of a listed form are free of the place condition", () => {
    expect(loc(establishment("e1", { cleanerProduction: true }, { provinceCode: "01", commune: { name: "Phường A", kind: "ward" } })).reason).toBe("location/cleaner-production-exempt")
    expect(loc(establishment("e1", { sustainableProduction: true }, { provinceCode: "01", commune: { name: "Phường A", kind: "ward" } })).reason).toBe("location/sustainable-production-exempt")
    expect(loc(establishment("e1", { clusterInfrastructureInvestor: true }, { provinceCode: "01", commune: { name: "Phường A", kind: "ward" } })).reason).toBe("location/cluster-investor-exempt")
    expect(loc(establishment("e1", { clusterInfrastructureInvestor: true, legalForm: { kind: "cooperative-group" } }, { provinceCode: "01", commune: { name: "Phường A", kind: "ward" } })).status).toBe("failed")
  })

  it("artisans, sustainable production and cluster investors pass the legal-form rule whatever the size", () => {
    const large = { legalForm: { kind: "large-enterprise" as const } }
    expect(form(establishment("e1", large))?.reason).toBe("legal-form/not-eligible:large-enterprise")
    expect(form(establishment("e1", { ...large, artisanTitle: "nghe-nhan-uu-tu" }))?.reason).toBe("legal-form/artisan:nghe-nhan-uu-tu")
    expect(form(establishment("e1", { ...large, artisanTitle: "nghe-nhan-khac" }))?.status).toBe("failed")
    expect(form(establishment("e1", { ...large, sustainableProduction: true }))?.reason).toBe("legal-form/sustainable-production")
    expect(form(establishment("e1", { ...large, clusterInfrastructureInvestor: true }))?.reason).toBe("legal-form/cluster-investor:large-enterprise")
    // the original kinds are unchanged without the new roles
    expect(check(establishment("e1", { ...large, artisanTitle: "nghe-nhan-uu-tu" }), "eligibility.legal-form").status).toBe("failed")
  })

  it("owner-flag: women- or ethnic-minority-owned establishments fall in the owner-group class; unknown names are ignored", () => {
    const classify = (e: Establishment) => {
      const r = Priority.classify(proposal({ activities: machinery }), { resolved: at("2026-03-02"), establishments: { e1: e } })
      if (!r.ok) throw r.error
      return r.value.area?.id
    }
    expect(classify(establishment("e1", { womenOwned: true }))).toBe("area.owner-groups")
    expect(classify(establishment("e1", { ethnicMinorityOwned: true }))).toBe("area.owner-groups")
    expect(classify(establishment("e1"))).toBeUndefined()
    expect(classify(establishment("e1", { womenOwned: true }, { highland: true }))).toBe("area.highland-island-border-ethnic")
  })
})
