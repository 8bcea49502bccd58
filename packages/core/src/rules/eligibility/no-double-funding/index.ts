/**
 * Internal: the `no-double-funding` eligibility rule kind, per proposal: no cost line is also
 * funded by another state source (nguồn ngân sách nhà nước khác) for the same spending item
 * (Joint Circular 26/2014 art. 7). The first such line, in proposal order, is reported with its
 * path.
 *
 * Roles: none.
 * @module
 */
import { proposalKind } from "../Kind.js"
import { findLine, pathTo, type CostLine } from "../lines.js"

const otherStateFunded = (l: CostLine): boolean => l.otherStateFunding !== undefined && l.otherStateFunding > 0n

export const noDoubleFunding = proposalKind({
  kind: "no-double-funding",
  roles: {},
  compile(_config, out) {
    const pass = out.put("passed", "double-funding/none", "no cost line is also funded by another state source (nguồn ngân sách nhà nước khác)")
    return {
      pass,
      check: (p) => {
        const at = findLine(p, otherStateFunded)
        if (at === undefined) return pass
        const l = at.line
        return out.make(
          "failed",
          "double-funding/other-state-funding",
          `cost line "${l.item}" is also funded by another state source (nguồn ngân sách nhà nước khác, ${l.otherStateFunding} đồng) for the same spending item (nội dung chi)`,
          { path: pathTo(at, "otherStateFunding"), actual: l.otherStateFunding }
        )
      }
    }
  }
})
