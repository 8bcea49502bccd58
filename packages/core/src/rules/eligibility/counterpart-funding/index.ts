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
import { findLine, pathTo, type CostLine } from "../lines.js"

/** Requested support and counterpart funding fall short of the total (the first two tests spare the addition). */
const shortfall = (l: CostLine): boolean =>
  l.requestedSupport < l.total && l.counterpartFunding < l.total && l.requestedSupport + l.counterpartFunding < l.total

export const counterpartFunding = proposalKind({
  kind: "counterpart-funding",
  roles: {},
  compile(_config, out) {
    const pass = out.put("passed", "counterpart/covered", "requested support plus counterpart funding (vốn đối ứng) covers the total of every cost line")
    return {
      pass,
      check: (p) => {
        const at = findLine(p, shortfall)
        if (at === undefined) return pass
        const l = at.line
        return out.make(
          "failed",
          "counterpart/shortfall",
          `cost line "${l.item}": requested support ${l.requestedSupport} + counterpart funding (vốn đối ứng) ${l.counterpartFunding} đồng do not cover the total (thành tiền) ${l.total} đồng`,
          { path: pathTo(at, "counterpartFunding"), actual: l.counterpartFunding }
        )
      }
    }
  }
})
