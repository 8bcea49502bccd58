/**
 * Eligibility under Decree 45/2012 as amended by Decree 235/2025, both ways for each new rule, and
 * the same establishment (or production site) under the 2021–2025 and 2026–2030 packs with each
 * verdict and its reason: places (location-province), craft villages, artisans, point b and the
 * owner-group priority, which the engine evaluates since the engine gaps were closed.
 */
import { AdminUnits, Citation, Pack, Parameter, Priority, Proposal } from "@khuyencong/core"
import { describe, expect, it } from "vitest"
import { pack } from "../src/index.js"
import { AFTER, BEFORE, baseAfter, baseBefore, condition, d, establishment, loaded2026, variant, verdict } from "./fixtures.js"

const valueAt = (id: string, at = "2026-03-02") => {
  const p = pack.parameters[id]
  if (p === undefined) throw new Error(`no parameter ${id}`)
  return Parameter.atOrThrow(p, d(at))
}

describe("legal forms: unions of cooperatives (Decree 235 art. 1.1, new Decree 45 art. 1.2.a, primary)", () => {
  const union = { legalForm: { kind: "union-of-cooperatives" }, taxCode: "0402345678" }

  it("a union of cooperatives is eligible under 2026–2030", () => {
    const v = verdict(variant(baseAfter, union), AFTER)
    expect(v.verdict).toBe("eligible")
    const c = condition(v, "eligibility.legal-form")
    // secondary: the rule also reads the artisan titles, known from news only
    expect([c.status, c.reason, c.grade]).toEqual(["passed", "legal-form/eligible:union-of-cooperatives", "secondary"])
    expect(c.message).toMatch(/union of cooperatives \(liên hiệp hợp tác xã\)/)
    expect(c.citation.instrument.number).toBe("235/2025/NĐ-CP")
  })

  it("the same union was not eligible under 2021–2025 (Decree 45 art. 1.2.a before the amendment)", () => {
    const v = verdict(variant(baseBefore, union), BEFORE)
    expect(v.verdict).toBe("ineligible")
    const c = condition(v, "eligibility.legal-form")
    expect([c.status, c.reason]).toEqual(["failed", "legal-form/not-eligible:union-of-cooperatives"])
    expect(c.citation.instrument.number).toBe("45/2012/NĐ-CP")
  })

  it("a large enterprise stays ineligible under 2026–2030 (point a: small and medium enterprises)", () => {
    const v = verdict(variant(baseAfter, { legalForm: { kind: "large-enterprise" } }), AFTER)
    expect(condition(v, "eligibility.legal-form").reason).toBe("legal-form/not-eligible:large-enterprise")
  })

  it("the other four forms of point a stay eligible", () => {
    for (const legalForm of [{ kind: "enterprise", size: "micro" }, { kind: "cooperative" }, { kind: "cooperative-group" }, { kind: "business-household" }]) {
      const v = verdict(variant(baseAfter, { legalForm, taxCode: "0503456783" }), AFTER)
      expect(condition(v, "eligibility.legal-form").status, legalForm.kind).toBe("passed")
    }
  })

  it("a cleaner-production large enterprise is free of the size limit (new art. 1.2.b)", () => {
    const v = verdict(variant(baseAfter, { legalForm: { kind: "large-enterprise" }, cleanerProduction: true }), AFTER)
    expect(condition(v, "eligibility.legal-form").reason).toBe("legal-form/cleaner-production-exempt:large-enterprise")
    expect(v.verdict).toBe("eligible")
  })
})

describe("locations: communes, wards and special zones (new Decree 45 art. 1.2.a)", () => {
  const wardOfClass1 = {
    location: { district: "Thành phố Vinh", provinceCode: "40", provinceName: "Nghệ An", commune: { name: "Phường Hưng Bình", kind: "ward" }, cityClass: 1 }
  }
  const wardOfProvince = {
    location: { district: undefined, provinceCode: "40", provinceName: "Nghệ An", commune: { name: "Phường Thành Vinh", kind: "ward" } }
  }

  it("a ward of a class-1 city not converted from a commune: ineligible under 2021–2025 (Decree 45 art. 1.2.a)", () => {
    const v = verdict(variant(baseBefore, wardOfClass1), BEFORE)
    expect(v.verdict).toBe("ineligible")
    const c = condition(v, "eligibility.location")
    expect([c.status, c.reason]).toEqual(["failed", "location/not-converted:1"])
    expect(c.message).toMatch(/not converted from a commune/)
  })

  it("the same production site, a ward of a province from 2025-07-01: eligible under Decree 235 (wards of provinces)", () => {
    // Phường Hưng Bình became part of Phường Thành Vinh (Nghệ An, a province, not a centrally-run city).
    expect(AdminUnits.provinceOnOrThrow("40", AFTER.date).kind).toBe("province")
    const v = verdict(variant(baseAfter, wardOfProvince), AFTER)
    expect(v.verdict).toBe("eligible")
    const c = condition(v, "eligibility.location")
    // secondary: the list of centrally-run cities is read from Decision 19/2025 (secondary)
    expect([c.status, c.reason, c.grade]).toEqual(["passed", "location/province-unit:ward", "secondary"])
    expect(c.citation.instrument.number).toBe("235/2025/NĐ-CP")
    expect(c.message).toMatch(/a ward \(phường\) of a province \(tỉnh\), an eligible place/)
    expect(c.message).not.toMatch(/town|thị xã/)
  })

  it("a ward of a centrally-run city is not an eligible place under Decree 235, with or without a city class", () => {
    expect(AdminUnits.provinceOnOrThrow("01", AFTER.date).kind).toBe("centrally-run-city")
    for (const extra of [{ cityClass: "special" }, {}]) {
      const v = verdict(variant(baseAfter, { location: { provinceCode: "01", provinceName: "Hà Nội", commune: { name: "Phường Hoàn Kiếm", kind: "ward" }, ...extra } }), AFTER)
      expect(v.verdict).toBe("ineligible")
      const c = condition(v, "eligibility.location")
      expect(c.reason).toBe("location/central-city-unit-not-eligible:ward")
      expect(c.message).toMatch(/a ward \(phường\) of a centrally-run city \(thành phố trực thuộc trung ương\), which is not an eligible place/)
      expect(c.message).not.toMatch(/town|thị xã/)
    }
  })

  it("a ward of a province recorded with its former city's class is still eligible (the class is not read)", () => {
    const v = verdict(variant(baseAfter, { location: { ...wardOfProvince.location, cityClass: 1 } }), AFTER)
    expect(condition(v, "eligibility.location").reason).toBe("location/province-unit:ward")
  })

  it("the list of centrally-run cities is read at the decision date: Đồng Nai (75) from 2026-04-30 (unconfirmed)", () => {
    const dongNaiWard = variant(baseAfter, { location: { provinceCode: "75", provinceName: "Đồng Nai", commune: { name: "Phường Trấn Biên", kind: "ward" } } })
    const before = condition(verdict(dongNaiWard, { ...AFTER, date: d("2026-04-29") }), "eligibility.location")
    expect([before.status, before.reason]).toEqual(["passed", "location/province-unit:ward"])
    const after = condition(verdict(dongNaiWard, { ...AFTER, date: d("2026-04-30") }), "eligibility.location")
    expect([after.status, after.reason, after.grade]).toEqual(["failed", "location/central-city-unit-not-eligible:ward", "unconfirmed"])
  })

  it("a commune of a centrally-run city is an eligible place", () => {
    const v = verdict(variant(baseAfter, { location: { provinceCode: "01", provinceName: "Hà Nội", commune: { name: "Xã Bát Tràng", kind: "commune" } } }), AFTER)
    expect(condition(v, "eligibility.location").reason).toBe("location/central-city-unit:commune")
  })

  it("a special zone is eligible under Decree 235 (primary), where the 2021–2025 pack only read it so (unconfirmed)", () => {
    const zone = { location: { provinceCode: "22", provinceName: "Quảng Ninh", district: undefined, commune: { name: "Đặc khu Vân Đồn", kind: "special-zone" }, island: true } }
    const after = condition(verdict(variant(baseAfter, zone), AFTER), "eligibility.location")
    expect([after.status, after.reason, after.grade]).toEqual(["passed", "location/province-unit:special-zone", "secondary"])
    const before = condition(verdict(variant(baseAfter, zone), { ...BEFORE, date: d("2025-10-14") }), "eligibility.location")
    expect([before.status, before.grade]).toEqual(["passed", "unconfirmed"])
  })

  it("a township no longer exists after 2025-07-01: refused when the establishment is decoded", () => {
    expect(() => establishment(variant(baseAfter, { location: { commune: { name: "Thị trấn Đu", kind: "township" } } }), AFTER.date)).toThrow(
      /township/
    )
  })

  it("the location rule is the location-province kind: no urban class or conversion window any more", () => {
    const rule = pack.eligibility.find((r) => r.id === "eligibility.location")
    expect(rule?.kind).toBe("location-province")
    expect(Object.values(rule?.parameters ?? {})).toContain("eligibility.location.central-cities")
    for (const id of ["eligibility.location.ward-city-classes", "eligibility.location.unit-kinds", "eligibility.location.conversion-window-years"])
      expect(pack.parameters[id], id).toBeUndefined()
  })
})

describe("industries added by Decree 235 (news, secondary)", () => {
  const newIndustries = ["cong-nghiep-cong-nghe-cao", "cong-nghiep-sach", "tiet-kiem-nang-luong", "cong-nghiep-moi-truong", "nang-luong-than-thien-moi-truong"]

  it("each new industry is eligible under 2026–2030, graded secondary", () => {
    for (const code of newIndustries) {
      const c = condition(verdict(variant(baseAfter, { industry: { code } }), AFTER), "eligibility.industry")
      expect([c.status, c.reason, c.grade], code).toEqual(["passed", `industry/listed:${code}`, "secondary"])
    }
  })

  it("the same industries were not listed under 2021–2025", () => {
    for (const code of newIndustries) {
      const c = condition(verdict(variant(baseBefore, { industry: { code } }), BEFORE), "eligibility.industry")
      expect([c.status, c.reason], code).toEqual(["failed", "industry/not-listed"])
    }
  })

  it("an industry in neither list stays ineligible; the brick exclusion still applies", () => {
    expect(condition(verdict(variant(baseAfter, { industry: { code: "dich-vu-an-uong" } }), AFTER), "eligibility.industry").reason).toBe("industry/not-listed")
    const brick = verdict(variant(baseAfter, { industry: { code: "vat-lieu-xay-dung/gach-dat-set-nung-lo-vong" } }), AFTER)
    expect(condition(brick, "eligibility.industry-exclusion").status).toBe("failed")
  })

  it("the list keeps the ten Decree 45 art. 5.1 codes and the note says the new wording is unconfirmed", () => {
    const r = valueAt("eligibility.industries")
    expect((r.value as ReadonlyArray<string>).length).toBe(15)
    expect(r.citation.grade).toBe("secondary")
    expect(r.citation.note).toMatch(/unconfirmed/)
  })
})

describe("Decree 235 rules that were engine gaps, now evaluated", () => {
  it("every Decree 235 parameter is read by a rule or a priority class", () => {
    const read = new Set([
      ...pack.eligibility.flatMap((r) => Object.values(r.parameters)),
      ...pack.areaPriorities.flatMap((c) => ("flags" in c.criterion ? [c.criterion.flags] : []))
    ])
    for (const id of [
      "eligibility.location.province-unit-kinds",
      "eligibility.location.central-city-unit-kinds",
      "eligibility.location.central-cities",
      "eligibility.location.craft-villages",
      "eligibility.artisan-titles",
      "eligibility.sustainable-production.covered",
      "eligibility.cluster-infrastructure-investors",
            "priority.owner-groups"
    ])
      expect(read.has(id), id).toBe(true)
  })

  it("craft villages: a ward of a centrally-run city in a recognised craft village is an eligible place", () => {
    expect(valueAt("eligibility.location.craft-villages").value).toBe(true)
    expect(valueAt("eligibility.location.craft-villages").citation.grade).toBe("primary")
    const v = verdict(
      variant(baseAfter, {
        location: {
          provinceCode: "01",
          provinceName: "Hà Nội",
          commune: { name: "Phường Hà Đông", kind: "ward" },
          cityClass: "special",
          craftVillage: { name: "Làng lụa Vạn Phúc" }
        }
      }),
      AFTER
    )
    const c = condition(v, "eligibility.location")
    expect([c.status, c.reason]).toEqual(["passed", "location/craft-village"])
    expect(c.message).toMatch(/craft village \(làng nghề\) recognised by the provincial People's Committee/)
    expect(v.verdict).toBe("eligible")
  })

  it("central cities: the parameter matches the administrative-unit data on every day it changes", () => {
    for (const day of ["2025-07-01", "2025-10-15", "2026-04-29", "2026-04-30", "2030-12-31"]) {
      expect(valueAt("eligibility.location.central-cities", day).value, day).toEqual(AdminUnits.centralCitiesOn(d(day)))
    }
    expect(valueAt("eligibility.location.central-cities", "2026-04-30").citation.grade).toBe("unconfirmed")
    expect(valueAt("eligibility.location.province-unit-kinds").value).toEqual(["commune", "ward", "special-zone"])
    expect(valueAt("eligibility.location.central-city-unit-kinds").value).toEqual(["commune", "special-zone"])
  })

  it("artisans: People's and Meritorious Artisans, graded secondary (news), article unconfirmed", () => {
    const r = valueAt("eligibility.artisan-titles")
    expect(r.value).toEqual(["nghe-nhan-nhan-dan", "nghe-nhan-uu-tu"])
    expect(r.citation.grade).toBe("secondary")
    expect(r.citation.article).toBeUndefined()
    expect(r.citation.note).toMatch(/not seen/)
  })

  it("artisans: a holder of a listed title passes the legal-form rule whatever the form; another title does not", () => {
    const artisan = verdict(variant(baseAfter, { legalForm: { kind: "large-enterprise" }, artisanTitle: "nghe-nhan-nhan-dan" }), AFTER)
    const c = condition(artisan, "eligibility.legal-form")
    expect([c.status, c.reason, c.grade]).toEqual(["passed", "legal-form/artisan:nghe-nhan-nhan-dan", "secondary"])
    expect(c.message).toMatch(/artisan title \(danh hiệu nghệ nhân\)/)
    const other = verdict(variant(baseAfter, { legalForm: { kind: "large-enterprise" }, artisanTitle: "nghe-nhan-tinh" }), AFTER)
    expect(condition(other, "eligibility.legal-form").reason).toBe("legal-form/not-eligible:large-enterprise")
    // the 2021–2025 pack has no artisan role: the title changes nothing there
    const before = verdict(variant(baseBefore, { legalForm: { kind: "large-enterprise" }, artisanTitle: "nghe-nhan-nhan-dan" }), BEFORE)
    expect(condition(before, "eligibility.legal-form").status).toBe("failed")
  })

  it("point b: sustainable production and cluster-infrastructure investors are free of size and place", () => {
    expect(valueAt("eligibility.sustainable-production.covered").value).toBe(true)
    expect(valueAt("eligibility.cluster-infrastructure-investors").value).toEqual(["enterprise", "large-enterprise", "cooperative"])
    expect(valueAt("eligibility.cluster-infrastructure-investors").citation.point).toBe("b")
    const hanoiWard = { provinceCode: "01", provinceName: "Hà Nội", commune: { name: "Phường Hoàn Kiếm", kind: "ward" } }
    const investor = verdict(variant(baseAfter, { legalForm: { kind: "large-enterprise" }, clusterInfrastructureInvestor: true, location: hanoiWard }), AFTER)
    expect(condition(investor, "eligibility.legal-form").reason).toBe("legal-form/cluster-investor:large-enterprise")
    expect(condition(investor, "eligibility.location").reason).toBe("location/cluster-investor-exempt")
    expect(investor.verdict).toBe("eligible")
    const sustainable = verdict(variant(baseAfter, { legalForm: { kind: "large-enterprise" }, sustainableProduction: true, location: hanoiWard }), AFTER)
    expect(condition(sustainable, "eligibility.legal-form").reason).toBe("legal-form/sustainable-production")
    expect(condition(sustainable, "eligibility.location").reason).toBe("location/sustainable-production-exempt")
    // a large enterprise that is neither stays ineligible
    const v = verdict(variant(baseAfter, { legalForm: { kind: "large-enterprise" } }), AFTER)
    expect(condition(v, "eligibility.legal-form").status).toBe("failed")
    // a cooperative group investing in cluster infrastructure is not a listed investor form: size rule of point a only
    const group = verdict(variant(baseAfter, { legalForm: { kind: "cooperative-group" }, clusterInfrastructureInvestor: true, location: hanoiWard }), AFTER)
    expect(condition(group, "eligibility.location").status).toBe("failed")
  })

  it("priority for women- or ethnic-minority-owned establishments: unconfirmed, a class ranked after the area classes", () => {
    const r = valueAt("priority.owner-groups")
    expect(r.value).toEqual(["womenOwned", "ethnicMinorityOwned"])
    expect(r.citation.grade).toBe("unconfirmed")
    expect(r.citation.note).toMatch(/ambiguous/)
    const owned = establishment(variant(baseAfter, { womenOwned: true, ethnicMinorityOwned: true }), AFTER.date)
    const p = Proposal.decode({
      id: "p1",
      title: "Máy móc",
      fund: "national",
      form: { kind: "single" },
      activities: [{ activity: "machinery", costLines: [{ item: "machinery.equipment", quantity: 1, unitCost: "600000000", total: "600000000", requestedSupport: "300000000", counterpartFunding: "300000000" }] }],
      implementingUnit: { name: "Trung tâm Khuyến công Thái Nguyên" },
      beneficiaries: ["e1"],
      locations: [{ provinceCode: "19" }],
      planYear: 2026,
      duration: { start: "2026-03-15", end: "2026-11-30" },
      approvalDate: "2026-03-02"
    })
    if (!p.ok) throw new Error(p.error.message)
    const cl = Priority.classify(p.value, { resolved: Pack.resolveOrThrow(loaded2026, AFTER.date), establishments: { e1: owned } })
    if (!cl.ok) throw cl.error
    expect(cl.value.area?.id).toBe("area.owner-groups")
    expect(cl.value.area?.grade).toBe("unconfirmed")
    expect(cl.value.industry).toBeUndefined()
    // not owned by women or ethnic minorities: no class
    const plain = establishment(variant(baseAfter, {}), AFTER.date)
    const none = Priority.classify(p.value, { resolved: Pack.resolveOrThrow(loaded2026, AFTER.date), establishments: { e1: plain } })
    if (!none.ok) throw none.error
    expect(none.value.area).toBeUndefined()
  })
})
