/**
 * Internal: the `new-to-area` eligibility rule kind, per proposal: a demonstration model of new
 * technology or a new product (`items`) funded from one of `funds` (national) shows a technology
 * or product that no establishment in the district (địa bàn cấp huyện) applies or makes yet
 * (Circular 46/2012 art. 4.2.a; for a local project the provincial People's Committee sets the
 * rule, so a fund not in `funds` is not applicable). The fact is the activity's `newToArea`: the
 * first activity with such an item that is not new fails, with its path.
 *
 * Not stated (`newToArea` absent on an activity with such an item): the kinds have no "needs
 * information" status, so the condition is `not-applicable` with reason `new-to-area/unknown` and
 * a message that says it was not checked and what to state.
 *
 * Roles: `items` (spending items the condition is about), `funds` (`national`, `local`).
 * @module
 */
import { proposalKind, required } from "../Kind.js"

export const newToArea = proposalKind({
  kind: "new-to-area",
  roles: { items: required("list"), funds: required("list") },
  compile(config, out) {
    const items = new Set(config.items)
    const pass = out.put("passed", "new-to-area/new", "the technology or product of the demonstration model is applied or made by no establishment in the district yet (địa bàn cấp huyện chưa có cơ sở nào áp dụng hoặc sản xuất)")
    const none = out.put("not-applicable", "new-to-area/no-model", "no demonstration model of new technology or a new product")
    const otherFund = out.put("not-applicable", "new-to-area/fund", "the fund of the proposal is not one this condition is set for (for a local project the provincial People's Committee sets it)")
    const unknown = out.put(
      "not-applicable",
      "new-to-area/unknown",
      "NOT CHECKED: whether the technology or product is new to the district (địa bàn cấp huyện chưa có cơ sở nào áp dụng hoặc sản xuất) is not stated; state `newToArea` on the activity before relying on this result"
    )
    return {
      pass,
      check: (p) => {
        let found = false
        let unstated = false
        const acts = p.activities
        for (let i = 0; i < acts.length; i++) {
          const a = acts[i] as (typeof acts)[number]
          if (!a.costLines.some((l) => items.has(l.item))) continue
          found = true
          if (a.newToArea === undefined) unstated = true
          else if (!a.newToArea && config.funds.includes(p.fund))
            return out.make(
              "failed",
              "new-to-area/not-new",
              `activity "${a.activity}": the technology or product is already applied or made in the district: a national demonstration model must show one that no establishment there applies or makes yet`,
              { path: ["activities", i, "newToArea"], actual: false }
            )
        }
        if (!found) return none
        if (!config.funds.includes(p.fund)) return otherFund
        return unstated ? unknown : pass
      }
    }
  }
})
