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

export const noDoubleFunding = proposalKind({
  kind: "no-double-funding",
  roles: {},
  compile(_config, out) {
    const pass = out.put("passed", "double-funding/none", "no cost line is also funded by another state source (nguồn ngân sách nhà nước khác)")
    return {
      pass,
      check: (p) => {
        const acts = p.activities
        for (let i = 0; i < acts.length; i++) {
          const lines = (acts[i] as (typeof acts)[number]).costLines
          for (let j = 0; j < lines.length; j++) {
            const l = lines[j] as (typeof lines)[number]
            if (l.otherStateFunding !== undefined && l.otherStateFunding > 0n)
              return out.make(
                "failed",
                "double-funding/other-state-funding",
                `cost line "${l.item}" is also funded by another state source (nguồn ngân sách nhà nước khác, ${l.otherStateFunding} đồng) for the same spending item (nội dung chi)`,
                { path: ["activities", i, "costLines", j, "otherStateFunding"], actual: l.otherStateFunding }
              )
          }
        }
        return pass
      }
    }
  }
})
