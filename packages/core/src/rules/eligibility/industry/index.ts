/**
 * Internal: the `industry` eligibility rule kind (ngành nghề), per establishment. The
 * establishment's industry code must be in the pack's list (Decree 45/2012 art. 5); codes are
 * hierarchical (`vat-lieu-xay-dung` covers `vat-lieu-xay-dung/gach-dat-set-nung-lo-vong`). When
 * the pack says so, a cleaner-production establishment qualifies whatever its sector (art. 5.1.g).
 *
 * Roles: `industries` (list of codes); optional `cleanerProductionCovered` (switch).
 * @module
 */
import { IndustryMatch } from "../../internal/industry.js"
import { establishmentKind, optional, required, type KindCondition } from "../Kind.js"

export const industry = establishmentKind({
  kind: "industry",
  roles: { industries: required("list"), cleanerProductionCovered: optional("boolean") },
  compile(config, out) {
    // list entry → outcome
    const listed = new Map<string, KindCondition<"industry">>()
    for (const e of config.industries)
      listed.set(e, out.put("passed", `industry/listed:${e}`, `industry (ngành nghề) falls under "${e}", a line of work that may be supported (ngành nghề được hưởng chính sách khuyến công)`))
    const notListed = out.put("failed", "industry/not-listed", `industry (ngành nghề) is not in the list of lines of work that may be supported (${config.industries.join(", ")})`)
    const cleaner = out.put(
      "passed",
      "industry/cleaner-production",
      "the establishment applies cleaner production (áp dụng sản xuất sạch hơn), itself a line of work that may be supported"
    )
    const cleanerCovered = config.cleanerProductionCovered
    const match = new IndustryMatch(config.industries)

    return (e) => {
      const hit = match.covering(e.industry.code)
      if (hit !== undefined) return out.must(listed.get(hit))
      if (cleanerCovered && e.cleanerProduction) return cleaner
      return notListed
    }
  }
})
