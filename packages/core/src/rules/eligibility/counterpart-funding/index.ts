/**
 * Internal: the `counterpart-funding` eligibility rule kind (vốn đối ứng), per proposal: on every
 * cost line, the support requested plus the counterpart funding cover the line's total (Joint
 * Circular 26/2014 art. 7). The first line that falls short, in proposal order, is reported with
 * its path.
 *
 * Roles: none.
 * @module
 */
import { proposalKind } from "../Kind.js"

export const counterpartFunding = proposalKind({
  kind: "counterpart-funding",
  roles: {},
  compile(_config, out) {
    const pass = out.put("passed", "counterpart/covered", "requested support plus counterpart funding (vốn đối ứng) covers the total of every cost line")
    return {
      pass,
      check: (p) => {
        const acts = p.activities
        for (let i = 0; i < acts.length; i++) {
          const lines = (acts[i] as (typeof acts)[number]).costLines
          for (let j = 0; j < lines.length; j++) {
            const l = lines[j] as (typeof lines)[number]
            const req = l.requestedSupport
            const total = l.total
            // the first two tests spare the addition on the common lines
            if (req < total && l.counterpartFunding < total && req + l.counterpartFunding < total)
              return out.make(
                "failed",
                "counterpart/shortfall",
                `cost line "${l.item}": requested support ${l.requestedSupport} + counterpart funding (vốn đối ứng) ${l.counterpartFunding} đồng do not cover the total (thành tiền) ${l.total} đồng`,
                { path: ["activities", i, "costLines", j, "counterpartFunding"], actual: l.counterpartFunding }
              )
          }
        }
        return pass
      }
    }
  }
})
