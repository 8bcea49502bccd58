/**
 * Internal: the `activity-in-catalogue` eligibility rule kind, per proposal: every activity (nội
 * dung hoạt động) and spending item (nội dung chi) of the proposal is in the catalogue in force,
 * each item under its own activity (Joint Circular 26/2014 art. 7). The first offending activity
 * or line, in proposal order, is reported with its path.
 *
 * Roles: none.
 * @module
 */
import { proposalKind } from "../Kind.js"

export const activityInCatalogue = proposalKind({
  kind: "activity-in-catalogue",
  roles: {},
  compile(_config, out) {
    const pass = out.put("passed", "catalogue/all-listed", "every activity (nội dung hoạt động) and spending item (nội dung chi) is in the catalogue in force")
    return {
      pass,
      check: (p, view) => {
        const acts = p.activities
        for (let i = 0; i < acts.length; i++) {
          const a = acts[i] as (typeof acts)[number]
          if (!view.activityIndex.has(a.activity))
            return out.make("failed", "catalogue/unknown-activity", `activity (nội dung hoạt động) "${a.activity}" is not in the catalogue in force on ${view.date}`, {
              path: ["activities", i, "activity"],
              actual: a.activity
            })
          const lines = a.costLines
          for (let j = 0; j < lines.length; j++) {
            const l = lines[j] as (typeof lines)[number]
            const item = view.itemIndex.get(l.item)
            if (item === undefined)
              return out.make("failed", "catalogue/unknown-item", `spending item (nội dung chi) "${l.item}" is not in the catalogue in force on ${view.date}`, {
                path: ["activities", i, "costLines", j, "item"],
                actual: l.item
              })
            if (item.activity !== a.activity)
              return out.make("failed", "catalogue/item-of-other-activity", `spending item (nội dung chi) "${l.item}" belongs to activity "${item.activity}", not "${a.activity}"`, {
                path: ["activities", i, "costLines", j, "item"],
                actual: l.item
              })
          }
        }
        return pass
      }
    }
  }
})
