/**
 * Internal: the `legal-form` eligibility rule kind (loại hình cơ sở), per establishment. The legal
 * form must be one the pack lists (Decree 45/2012 art. 1.2.a: small and medium enterprises,
 * cooperatives, cooperative groups, business households; unions of cooperatives from Decree
 * 235/2025). When the pack says so, an establishment outside the list still passes, or is free of
 * the condition:
 * - applying cleaner production (sản xuất sạch hơn), free of the size limit (Circular 46/2012
 *   art. 3.2): the condition does not apply;
 * - holding a listed artisan title (danh hiệu nghệ nhân, `artisanTitle`), applying sustainable
 *   production (`sustainableProduction`) or investing in industrial-cluster infrastructure
 *   (`clusterInfrastructureInvestor`) with a listed legal form: passes whatever its size
 *   (Decree 45/2012 art. 1.2 as amended by Decree 235/2025).
 *
 * Roles: `forms` (list of legal-form kinds); optional `cleanerProductionExempt` (switch),
 * `artisanTitles` (list), `sustainableProductionExempt` (switch), `clusterInvestorForms` (list).
 * @module
 */
import type { LegalForm } from "../../../records/Establishment.js"
import { establishmentKind, optional, required, type KindCondition } from "../Kind.js"
import { legalFormKinds, legalFormLabel } from "../labels.js"

export const legalForm = establishmentKind({
  kind: "legal-form",
  roles: {
    forms: required("list"),
    cleanerProductionExempt: optional("boolean"),
    artisanTitles: optional("list"),
    sustainableProductionExempt: optional("boolean"),
    clusterInvestorForms: optional("list")
  },
  compile(config, out) {
    // legal form kind → outcome, for an establishment not applying / applying cleaner production
    const normal = new Map<string, KindCondition<"legal-form">>()
    const cleaner = new Map<string, KindCondition<"legal-form">>()
    for (const k of legalFormKinds) {
      const label = legalFormLabel[k]
      if (config.forms.includes(k)) {
        const pass = out.put("passed", `legal-form/eligible:${k}`, `${label} is a legal form (loại hình) that may be supported`)
        normal.set(k, pass)
        cleaner.set(k, pass)
      } else {
        const fail = out.put("failed", `legal-form/not-eligible:${k}`, `${label} is not among the legal forms (loại hình) that may be supported (${config.forms.join(", ")})`)
        const exempt = out.put(
          "not-applicable",
          `legal-form/cleaner-production-exempt:${k}`,
          `${label} is outside the listed legal forms, but the establishment applies cleaner production (sản xuất sạch hơn), which is free of any size limit (không giới hạn quy mô)`
        )
        normal.set(k, fail)
        cleaner.set(k, config.cleanerProductionExempt ? exempt : fail)
      }
    }
    // further passes, tried when the legal form fails
    const artisans = new Map<string, KindCondition<"legal-form">>()
    for (const title of config.artisanTitles)
      artisans.set(
        title,
        out.put("passed", `legal-form/artisan:${title}`, `the beneficiary holds the artisan title (danh hiệu nghệ nhân) "${title}", and artisans may be supported whatever their legal form (loại hình)`)
      )
    const sustainable = config.sustainableProductionExempt
      ? out.put(
          "passed",
          "legal-form/sustainable-production",
          "the establishment applies sustainable production and consumption (sản xuất và tiêu dùng bền vững), a beneficiary free of any size limit (không giới hạn quy mô)"
        )
      : undefined
    const investors = new Map<string, KindCondition<"legal-form">>()
    for (const f of config.clusterInvestorForms)
      investors.set(
        f,
        out.put(
          "passed",
          `legal-form/cluster-investor:${f}`,
          `${legalFormLabel[f as LegalForm["kind"]] ?? f} investing in industrial-cluster infrastructure (chủ đầu tư xây dựng hạ tầng cụm công nghiệp), a beneficiary whatever its size`
        )
      )
    const alternatives = artisans.size > 0 || sustainable !== undefined || investors.size > 0

    return (e) => {
      const r = out.must((e.cleanerProduction ? cleaner : normal).get(e.legalForm.kind))
      if (r.status === "passed" || !alternatives) return r
      if (e.artisanTitle !== undefined) {
        const a = artisans.get(e.artisanTitle)
        if (a !== undefined) return a
      }
      if (e.sustainableProduction === true && sustainable !== undefined) return sustainable
      if (e.clusterInfrastructureInvestor === true) {
        const i = investors.get(e.legalForm.kind)
        if (i !== undefined) return i
      }
      return r
    }
  }
})
