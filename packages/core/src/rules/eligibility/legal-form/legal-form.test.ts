import { describe, expect, it } from "vitest"
import { compile, establishment, onEstablishment, outcomes, prefix, suffix } from "../../../../test/fixtures/kinds.js"

const forms = ["enterprise", "cooperative", "cooperative-group", "business-household"]
const large = { legalForm: { kind: "large-enterprise" as const } }

describe("legal-form (loại hình cơ sở)", () => {
  it("passes a listed legal form and fails another, naming the list", () => {
    const rule = compile("legal-form", { forms })
    expect(onEstablishment(rule).reason).toBe("legal-form/eligible:enterprise")
    const c = onEstablishment(rule, establishment("e", large))
    expect([c.status, c.reason]).toEqual(["failed", "legal-form/not-eligible:large-enterprise"])
    expect(c.message).toBe(
      `${prefix}large enterprise (doanh nghiệp lớn, not a doanh nghiệp nhỏ và vừa) is not among the legal forms (loại hình) that may be supported (enterprise, cooperative, cooperative-group, business-household)${suffix}`
    )
  })

  it("builds every outcome once: a pass per listed form, a failure and an exemption per other form", () => {
    const rule = compile("legal-form", { forms })
    expect(outcomes(rule).map((c) => c.reason)).toEqual([
      "legal-form/eligible:enterprise",
      "legal-form/eligible:cooperative",
      "legal-form/eligible:cooperative-group",
      "legal-form/eligible:business-household",
      "legal-form/not-eligible:large-enterprise",
      "legal-form/not-eligible:union-of-cooperatives",
      "legal-form/cleaner-production-exempt:large-enterprise",
      "legal-form/cleaner-production-exempt:union-of-cooperatives"
    ])
    expect(onEstablishment(rule, establishment("a"))).toBe(onEstablishment(rule, establishment("b")))
  })

  it("frees a cleaner-production establishment of the size limit only when the pack says so (Circular 46/2012 art. 3.2)", () => {
    const cleaner = establishment("e", { ...large, cleanerProduction: true })
    expect(onEstablishment(compile("legal-form", { forms }), cleaner).status).toBe("failed")
    const c = onEstablishment(compile("legal-form", { forms, cleanerProductionExempt: true }), cleaner)
    expect([c.status, c.reason]).toEqual(["not-applicable", "legal-form/cleaner-production-exempt:large-enterprise"])
  })

  it("when the form fails, tries a listed artisan title, then sustainable production, then a listed cluster investor form (Decree 235/2025)", () => {
    const rule = compile("legal-form", { forms, artisanTitles: ["nghe-nhan-uu-tu"], sustainableProductionExempt: true, clusterInvestorForms: ["large-enterprise"] })
    const reason = (over: Parameters<typeof establishment>[1]) => onEstablishment(rule, establishment("e", { ...large, ...over })).reason
    expect(reason({ artisanTitle: "nghe-nhan-uu-tu", sustainableProduction: true })).toBe("legal-form/artisan:nghe-nhan-uu-tu")
    expect(reason({ artisanTitle: "nghe-nhan-khac", sustainableProduction: true })).toBe("legal-form/sustainable-production")
    expect(reason({ clusterInfrastructureInvestor: true })).toBe("legal-form/cluster-investor:large-enterprise")
    expect(reason({ clusterInfrastructureInvestor: true, legalForm: { kind: "union-of-cooperatives" } })).toBe("legal-form/not-eligible:union-of-cooperatives")
    // a listed form passes by its form; a cleaner-production exemption is still not a pass
    expect(onEstablishment(rule, establishment("e", { artisanTitle: "nghe-nhan-uu-tu" })).reason).toBe("legal-form/eligible:enterprise")
    expect(onEstablishment(compile("legal-form", { forms, cleanerProductionExempt: true, sustainableProductionExempt: true }), establishment("e", { ...large, cleanerProduction: true, sustainableProduction: true })).reason).toBe(
      "legal-form/sustainable-production"
    )
  })
})
