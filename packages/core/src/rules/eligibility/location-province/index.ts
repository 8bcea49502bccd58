/**
 * Internal: the `location-province` eligibility rule kind (địa bàn), per establishment, for the
 * units from 2025-07-01 (Decree 235/2025: two-tier local government, no districts or urban
 * classes). The production location's province code is looked up in the pack's dated list of
 * centrally-run cities (thành phố trực thuộc trung ương) read at the decision date; the
 * commune-level unit must be among the kinds listed for a province (communes, wards, special
 * zones) or for a centrally-run city (communes, special zones: not wards). A township (thị trấn)
 * no longer exists. A location in a craft village (làng nghề) recognised by the provincial
 * People's Committee (`location.craftVillage` given) passes whatever its unit. Cleaner-production
 * and sustainable-production establishments and industrial-cluster infrastructure investors are
 * free of the place condition when the pack says so (new art. 1.2.b of Decree 45/2012).
 *
 * Roles: `provinceUnitKinds` (list: eligible commune-level kinds in a province),
 * `centralCityUnitKinds` (list: eligible kinds in a centrally-run city), `centralCities` (list of
 * province codes); optional `craftVillages`, `cleanerProductionExempt`,
 * `sustainableProductionExempt` (switches), `clusterInvestorForms` (list of legal forms).
 * @module
 */
import { reorganisationDay } from "../../../records/AdminUnits.js"
import { establishmentKind, optional, required, type KindCondition } from "../Kind.js"
import { unitKinds, unitLabel } from "../labels.js"

/** A unit kind without its article: `commune (xã)`. */
const where = (u: string): string => (unitLabel[u] ?? u).replace(/^an? /, "")

export const locationProvince = establishmentKind({
  kind: "location-province",
  roles: {
    provinceUnitKinds: required("list"),
    centralCityUnitKinds: required("list"),
    centralCities: required("list"),
    craftVillages: optional("boolean"),
    cleanerProductionExempt: optional("boolean"),
    sustainableProductionExempt: optional("boolean"),
    clusterInvestorForms: optional("list")
  },
  compile(config, out) {
    // unit kind → outcome, in a province and in a centrally-run city
    const inProvince = new Map<string, KindCondition<"location-province">>()
    const inCentralCity = new Map<string, KindCondition<"location-province">>()
    for (const u of unitKinds) {
      if (u === "township") continue
      if (config.provinceUnitKinds.includes(u))
        inProvince.set(u, out.put("passed", `location/province-unit:${u}`, `production location (địa điểm sản xuất) is a ${where(u)} of a province (tỉnh), an eligible place (địa bàn)`))
      else
        inProvince.set(
          u,
          out.put("failed", `location/province-unit-not-eligible:${u}`, `production location (địa điểm sản xuất) is a ${where(u)} of a province (tỉnh), which is not an eligible place (địa bàn)`)
        )
      if (config.centralCityUnitKinds.includes(u))
        inCentralCity.set(
          u,
          out.put("passed", `location/central-city-unit:${u}`, `production location (địa điểm sản xuất) is a ${where(u)} of a centrally-run city (thành phố trực thuộc trung ương), an eligible place (địa bàn)`)
        )
      else
        inCentralCity.set(
          u,
          out.put(
            "failed",
            `location/central-city-unit-not-eligible:${u}`,
            `production location (địa điểm sản xuất) is a ${where(u)} of a centrally-run city (thành phố trực thuộc trung ương), which is not an eligible place (địa bàn)${config.craftVillages ? " unless it lies in a recognised craft village (làng nghề)" : ""}`
          )
        )
    }
    const township = out.put(
      "failed",
      "location/unit-not-eligible:township",
      `production location (địa điểm sản xuất) is a township (thị trấn), a unit that no longer exists from ${reorganisationDay()}: record the commune, ward or special zone it became`
    )
    const craftVillage = config.craftVillages
      ? out.put(
          "passed",
          "location/craft-village",
          "production location (địa điểm sản xuất) lies in a craft village (làng nghề) recognised by the provincial People's Committee, an eligible place (địa bàn) whatever its commune-level unit"
        )
      : undefined
    const cleaner = out.put(
      "not-applicable",
      "location/cleaner-production-exempt",
      "the establishment applies cleaner production (sản xuất sạch hơn), which is free of any location limit (không giới hạn địa bàn)"
    )
    const sustainable = out.put(
      "not-applicable",
      "location/sustainable-production-exempt",
      "the establishment applies sustainable production and consumption (sản xuất và tiêu dùng bền vững), which is free of any location limit (không giới hạn địa bàn)"
    )
    const investor = out.put(
      "not-applicable",
      "location/cluster-investor-exempt",
      "the establishment invests in industrial-cluster infrastructure (chủ đầu tư xây dựng hạ tầng cụm công nghiệp), which is free of any location limit (không giới hạn địa bàn)"
    )
    const centralCities = new Set(config.centralCities)
    const cleanerExempt = config.cleanerProductionExempt
    const sustainableExempt = config.sustainableProductionExempt
    const investorForms = new Set(config.clusterInvestorForms)

    return (e) => {
      const l = e.location
      const kind = l.commune.kind
      let r = kind === "township" ? township : out.must((centralCities.has(l.provinceCode) ? inCentralCity : inProvince).get(kind))
      if (r.status === "failed") {
        if (craftVillage !== undefined && l.craftVillage !== undefined) r = craftVillage
        else if (cleanerExempt && e.cleanerProduction) r = cleaner
        else if (e.sustainableProduction === true && sustainableExempt) r = sustainable
        else if (e.clusterInfrastructureInvestor === true && investorForms.has(e.legalForm.kind)) r = investor
      }
      return r
    }
  }
})
