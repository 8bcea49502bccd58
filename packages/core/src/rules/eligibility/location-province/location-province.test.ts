import { describe, expect, it } from "vitest"
import { compile, establishment, onEstablishment, outcomes, prefix, suffix } from "../../../../test/fixtures/kinds.js"
import type { Establishment } from "../../../records/Establishment.js"

const roles = { provinceUnitKinds: ["commune", "ward", "special-zone"], centralCityUnitKinds: ["commune", "special-zone"], centralCities: ["01", "48"] }
const rule = compile("location-province", roles)
const at = (provinceCode: string, kind: Establishment["location"]["commune"]["kind"], over: Partial<Establishment> = {}, more: Partial<Establishment["location"]> = {}) =>
  onEstablishment(rule, establishment("e", over, { provinceCode, commune: { name: "A", kind }, ...more }))

describe("location-province (địa bàn), Decree 235/2025 from 2025-07-01", () => {
  it("reads the unit kinds of a province or of a centrally-run city, by the province code", () => {
    expect(at("40", "ward").reason).toBe("location/province-unit:ward")
    const c = at("01", "ward")
    expect([c.status, c.reason]).toEqual(["failed", "location/central-city-unit-not-eligible:ward"])
    expect(c.message).toBe(`${prefix}production location (địa điểm sản xuất) is a ward (phường) of a centrally-run city (thành phố trực thuộc trung ương), which is not an eligible place (địa bàn)${suffix}`)
    expect(at("48", "special-zone").reason).toBe("location/central-city-unit:special-zone")
    expect(at("40", "township").reason).toBe("location/unit-not-eligible:township")
    // three unit kinds in provinces and in cities, the township, three exemptions; no craft village without the role
    expect(outcomes(rule)).toHaveLength(3 * 2 + 1 + 3)
  })

  it("passes a recognised craft village whatever its unit, when the pack lists craft villages", () => {
    const village = { craftVillage: { name: "Làng lụa Vạn Phúc" } }
    expect(at("01", "ward", {}, village).status).toBe("failed")
    const withVillages = compile("location-province", { ...roles, craftVillages: true })
    const c = onEstablishment(withVillages, establishment("e", {}, { provinceCode: "01", commune: { name: "A", kind: "ward" }, ...village }))
    expect(c.reason).toBe("location/craft-village")
    expect(outcomes(withVillages).find((o) => o.reason === "location/central-city-unit-not-eligible:ward")?.message).toContain("unless it lies in a recognised craft village (làng nghề)")
  })

  it("frees cleaner production, sustainable production and cluster investors of a listed form, in that order, when the pack says so", () => {
    const free = compile("location-province", { ...roles, cleanerProductionExempt: true, sustainableProductionExempt: true, clusterInvestorForms: ["enterprise"] })
    const reason = (over: Partial<Establishment>) => onEstablishment(free, establishment("e", over, { provinceCode: "01", commune: { name: "A", kind: "ward" } })).reason
    expect(reason({ cleanerProduction: true, sustainableProduction: true })).toBe("location/cleaner-production-exempt")
    expect(reason({ sustainableProduction: true, clusterInfrastructureInvestor: true })).toBe("location/sustainable-production-exempt")
    expect(reason({ clusterInfrastructureInvestor: true })).toBe("location/cluster-investor-exempt")
    expect(reason({ clusterInfrastructureInvestor: true, legalForm: { kind: "cooperative" } })).toBe("location/central-city-unit-not-eligible:ward")
    // without the roles, none of them frees
    expect(at("01", "ward", { cleanerProduction: true, sustainableProduction: true, clusterInfrastructureInvestor: true }).status).toBe("failed")
  })
})
