/**
 * Internal: the `mining-area` eligibility rule kind, per establishment: mining and mineral
 * processing (khai thác, chế biến khoáng sản) are supported only in difficult or especially
 * difficult areas (Decree 45/2012 art. 5.1.e, Circular 46/2012 art. 5.2); not applicable to other
 * industries. Codes are hierarchical, as for `industry`.
 *
 * Roles: `industries` (list of mining codes), `areas` (list of `difficultArea` levels where mining
 * is supported).
 * @module
 */
import { IndustryMatch } from "../../internal/industry.js"
import { establishmentKind, required, type KindCondition } from "../Kind.js"
import { difficultyLabel } from "../labels.js"

export const miningArea = establishmentKind({
  kind: "mining-area",
  roles: { industries: required("list"), areas: required("list") },
  compile(config, out) {
    const notMining = out.put("not-applicable", "mining-area/not-mining", "not a mining or mineral-processing establishment (khai thác, chế biến khoáng sản)")
    // difficulty level → outcome
    const byArea = new Map<string, KindCondition<"mining-area">>()
    for (const level of Object.keys(difficultyLabel) as ReadonlyArray<keyof typeof difficultyLabel>) {
      if (config.areas.includes(level))
        byArea.set(level, out.put("passed", `mining-area/area:${level}`, `mining or mineral processing (khai thác, chế biến khoáng sản) in ${difficultyLabel[level]}, where it may be supported`))
      else
        byArea.set(
          level,
          out.put("failed", `mining-area/area:${level}`, `mining or mineral processing (khai thác, chế biến khoáng sản) in ${difficultyLabel[level]}: supported only in difficult or especially difficult areas`)
        )
    }
    const match = new IndustryMatch(config.industries)

    return (e) => (match.covering(e.industry.code) === undefined ? notMining : out.must(byArea.get(e.location.difficultArea)))
  }
})
