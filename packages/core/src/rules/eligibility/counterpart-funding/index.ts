/**
 * Internal: the `counterpart-funding` eligibility rule kind (vốn đối ứng), per proposal: on every
 * cost line, the establishment's own contribution covers the line's total less all state support
 * (Joint Circular 26/2014 art. 7.3: "sau khi trừ số kinh phí được ngân sách nhà nước hỗ trợ"), so
 * requested khuyến công support + other state funding + counterpart funding ≥ the total. The first
 * line that falls short, in proposal order, is reported with its path.
 *
 * Roles: none.
 * @module
 */
import * as Money from "../../../values/Money.js"
import { proposalKind } from "../Kind.js"
import { findLine, pathTo, type CostLine } from "../lines.js"

const otherState = (l: CostLine): bigint => l.otherStateFunding ?? 0n

/** Requested support, other state funding and counterpart funding fall short of the total (the first tests spare the addition). */
const shortfall = (l: CostLine): boolean =>
  l.requestedSupport < l.total && l.counterpartFunding < l.total && l.requestedSupport + otherState(l) + l.counterpartFunding < l.total

const show = (m: bigint): string => Money.format(m as Money.Money)

export const counterpartFunding = proposalKind({
  kind: "counterpart-funding",
  roles: {},
  compile(_config, out) {
    const pass = out.put(
      "passed",
      "counterpart/covered",
      "counterpart funding (vốn đối ứng) covers the total of every cost line less the state support (khuyến công support requested and other state funding)"
    )
    return {
      pass,
      check: (p) => {
        const at = findLine(p, shortfall)
        if (at === undefined) return pass
        const l = at.line
        const other = otherState(l)
        return out.make(
          "failed",
          "counterpart/shortfall",
          `cost line "${l.item}": requested support ${show(l.requestedSupport)}${other > 0n ? ` + other state funding (nguồn ngân sách nhà nước khác) ${show(other)}` : ""} + counterpart funding (vốn đối ứng) ${show(l.counterpartFunding)} do not cover the total (thành tiền) ${show(l.total)}`,
          { path: pathTo(at, "counterpartFunding"), actual: l.counterpartFunding }
        )
      }
    }
  }
})
