/**
 * Internal: the `difficult-area` eligibility rule kind, per establishment: the production location
 * lies in an area of one of the listed levels of socio-economic difficulty (địa bàn có điều kiện
 * kinh tế - xã hội khó khăn, đặc biệt khó khăn). Scoped to an activity in the pack (enterprise
 * set-up only in difficult areas, Joint Circular 26/2014 art. 6.2.a), it is not applicable to
 * proposals without that activity.
 *
 * Roles: `areas` (list of `difficultArea` levels where the activity is supported).
 * @module
 */
import { establishmentKind, required, type KindCondition } from "../Kind.js"
import { difficultyLabel } from "../labels.js"

export const difficultArea = establishmentKind({
  kind: "difficult-area",
  roles: { areas: required("list") },
  compile(config, out) {
    // difficulty level → outcome
    const byArea = new Map<string, KindCondition<"difficult-area">>()
    for (const level of Object.keys(difficultyLabel) as ReadonlyArray<keyof typeof difficultyLabel>)
      byArea.set(
        level,
        config.areas.includes(level)
          ? out.put("passed", `difficult-area/area:${level}`, `produces in ${difficultyLabel[level]}, where the activity may be supported`)
          : out.put("failed", `difficult-area/area:${level}`, `produces in ${difficultyLabel[level]}: the activity is supported only in areas with difficult or especially difficult socio-economic conditions`)
      )
    return (e) => out.must(byArea.get(e.location.difficultArea))
  }
})
