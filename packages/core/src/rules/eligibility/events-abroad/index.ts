/**
 * Internal: the `events-abroad` eligibility rule kind, per establishment: an establishment is
 * supported for at most `max` events abroad (forums, seminars, fairs and exhibitions abroad) a
 * year (Circular 46/2012 art. 4.1.b: "không quá 2 lần/năm"). This proposal is one more event in
 * its plan year: the events already supported that year (`Establishment.eventsAbroad`, a year
 * not listed counts 0) plus 1 must not exceed `max`. Scoped in the pack to the events-abroad
 * activity, it is not applicable to proposals without it.
 *
 * Not stated (`eventsAbroad` absent): the kinds have no "needs information" status, so the
 * condition is `not-applicable` with reason `events-abroad/unknown` and a message that says it was
 * not checked and what to state.
 *
 * Roles: `max` (number of events a year).
 * @module
 */
import { establishmentKind, required } from "../Kind.js"

export const eventsAbroad = establishmentKind({
  kind: "events-abroad",
  roles: { max: required("number") },
  compile(config, out) {
    const max = config.max
    const unknown = out.put(
      "not-applicable",
      "events-abroad/unknown",
      `NOT CHECKED: the events abroad the establishment was already supported for this year are not stated (at most ${max} a year); state \`eventsAbroad\` before relying on this result`
    )
    return (e, planYear) => {
      const listed = e.eventsAbroad
      if (listed === undefined) return unknown
      let before = 0
      for (const x of listed) if (x.year === planYear) before += x.count
      const status = before + 1 <= max ? "passed" : "failed"
      return out.make(
        status,
        status === "passed" ? "events-abroad/within" : "events-abroad/over",
        `${before} event(s) abroad already supported in ${planYear}; with this one ${before + 1}, ${status === "passed" ? "within" : "above"} the limit of ${max} a year per establishment`,
        { actual: before }
      )
    }
  }
})
