/**
 * Internal: the `industry-exclusion` eligibility rule kind, per establishment: the industry is not
 * one the pack excludes from support (Circular 46/2012 art. 5.1: fired-clay bricks from improved
 * manual or ring kilns). Codes are hierarchical, as for `industry`; the message of an excluded
 * industry quotes the description of the parameter that lists them.
 *
 * Roles: `excluded` (list of codes).
 * @module
 */
import { IndustryMatch } from "../../internal/industry.js"
import { establishmentKind, required, type KindCondition } from "../Kind.js"

export const industryExclusion = establishmentKind({
  kind: "industry-exclusion",
  roles: { excluded: required("list") },
  configure: (_values, parameters) => ({ description: parameters.description("excluded") }),
  compile(config, out) {
    const none = out.put("passed", "industry-exclusion/none", "industry (ngành nghề) is not excluded from support")
    // list entry → outcome
    const excluded = new Map<string, KindCondition<"industry-exclusion">>()
    for (const e of config.excluded)
      excluded.set(e, out.put("failed", `industry-exclusion/excluded:${e}`, `industry (ngành nghề) "${e}" is excluded from support (không hỗ trợ): ${config.description}`))
    const match = new IndustryMatch(config.excluded)

    return (e) => {
      const hit = match.covering(e.industry.code)
      return hit === undefined ? none : out.must(excluded.get(hit))
    }
  }
})
