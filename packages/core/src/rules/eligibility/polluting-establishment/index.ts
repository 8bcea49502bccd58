/**
 * Internal: the `polluting-establishment` eligibility rule kind, per establishment: the
 * establishment was found to pollute the environment (cơ sở gây ô nhiễm môi trường), as the
 * provincial People's Committee chairman decides under the criteria of Circular 04/2012/TT-BTNMT.
 * Scoped in the pack to relocation support (Circular 46/2012 art. 4.6: only polluting rural
 * establishments relocating into industrial zones or clusters), it is not applicable to
 * proposals without it.
 *
 * The fact is `Establishment.polluting`. Not stated: the kinds have no "needs information"
 * status, so the condition is `not-applicable` with reason `polluting/unknown` and a message that
 * says it was not checked and what to state; it never passes silently.
 *
 * Roles: none.
 * @module
 */
import { establishmentKind } from "../Kind.js"

export const pollutingEstablishment = establishmentKind({
  kind: "polluting-establishment",
  roles: {},
  compile(_config, out) {
    const polluting = out.put("passed", "polluting/yes", "found to pollute the environment (cơ sở gây ô nhiễm môi trường), as relocation support requires")
    const clean = out.put(
      "failed",
      "polluting/no",
      "not found to pollute the environment: relocation support goes only to polluting establishments (cơ sở gây ô nhiễm môi trường) relocating into industrial zones or clusters"
    )
    const unknown = out.put(
      "not-applicable",
      "polluting/unknown",
      "NOT CHECKED: whether the establishment pollutes the environment (cơ sở gây ô nhiễm môi trường, decided by the provincial People's Committee chairman under Circular 04/2012/TT-BTNMT) is not stated; state `polluting` before relying on this result"
    )
    return (e) => (e.polluting === undefined ? unknown : e.polluting ? polluting : clean)
  }
})
