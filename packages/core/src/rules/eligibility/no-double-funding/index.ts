/**
 * Internal: the `no-double-funding` eligibility rule kind, per cost line: khuyến công funds do not
 * support a spending item (nội dung chi) that another state source (nguồn ngân sách nhà nước khác)
 * already funds (Joint Circular 26/2014 art. 7.4: "cho cùng một nội dung chi"). The law excludes the
 * line, not the proposal: each such line is a failed line condition (`lines`, with its path) and
 * the proposal condition passes with the rest standing. Only when every cost line is excluded does
 * the proposal condition fail: nothing is left to support.
 *
 * Roles: none.
 * @module
 */
import * as Money from "../../../values/Money.js"
import { proposalKind, type LineCondition } from "../Kind.js"
import type { CostLine } from "../lines.js"

const otherStateFunded = (l: CostLine): boolean => l.otherStateFunding !== undefined && l.otherStateFunding > 0n

export const noDoubleFunding = proposalKind({
  kind: "no-double-funding",
  roles: {},
  compile(_config, out) {
    const pass = out.put("passed", "double-funding/none", "no cost line is also funded by another state source (nguồn ngân sách nhà nước khác)")
    return {
      pass,
      check: (p) => {
        let excluded: Array<LineCondition<"no-double-funding">> | undefined
        let count = 0
        const acts = p.activities
        for (let i = 0; i < acts.length; i++) {
          const lines = (acts[i] as (typeof acts)[number]).costLines
          for (let j = 0; j < lines.length; j++) {
            count++
            const l = lines[j] as CostLine
            if (!otherStateFunded(l)) continue
            const condition = out.make(
              "failed",
              "double-funding/line-excluded",
              `cost line "${l.item}" is also funded by another state source (nguồn ngân sách nhà nước khác, ${Money.format(l.otherStateFunding as Money.Money)}) for the same spending item (nội dung chi): its khuyến công support is excluded`,
              { path: ["activities", i, "costLines", j, "otherStateFunding"], actual: l.otherStateFunding }
            )
            ;(excluded ??= []).push({ activity: i, line: j, item: l.item, condition })
          }
        }
        if (excluded === undefined) return pass
        const first = excluded[0] as LineCondition<"no-double-funding">
        if (excluded.length === count)
          return out.make(
            "failed",
            "double-funding/every-line",
            `every cost line is also funded by another state source (nguồn ngân sách nhà nước khác) for the same spending item (nội dung chi): nothing is left to support`,
            { path: first.condition.path ?? [], lines: excluded }
          )
        return out.make(
          "passed",
          "double-funding/lines-excluded",
          `${excluded.length === 1 ? "1 cost line is" : `${excluded.length} cost lines are`} also funded by another state source (nguồn ngân sách nhà nước khác) for the same spending item (nội dung chi) and excluded (${excluded.map((x) => `"${x.item}"`).join(", ")}); the other cost lines stand`,
          { lines: excluded }
        )
      }
    }
  }
})
