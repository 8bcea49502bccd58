import { describe, expect, it } from "vitest"
import { compile, onProposal, prefix, proposal, suffix } from "../../../../test/fixtures/kinds.js"

const rule = compile("activity-in-catalogue")
const machinery = (item: string) => ({ activity: "machinery", lines: [{ item: "machinery.equipment", total: 100n }, { item, total: 100n }] })

describe("activity-in-catalogue (danh mục nội dung), Joint Circular 26/2014 art. 7", () => {
  it("passes a proposal whose activities and items are all in the catalogue, with the one static outcome", () => {
    const c = onProposal(rule, proposal({ activities: [machinery("machinery.technology-line")] }))
    expect(c.reason).toBe("catalogue/all-listed")
    expect(c).toBe(onProposal(rule, proposal({ activities: [machinery("machinery.equipment")] })))
  })

  it("reports the first offender in proposal order, with its path: an unknown activity before its lines", () => {
    const unknownItem = onProposal(rule, proposal({ activities: [machinery("machinery.gold")] }))
    expect([unknownItem.reason, unknownItem.path, unknownItem.actual]).toEqual(["catalogue/unknown-item", ["activities", 0, "costLines", 1, "item"], "machinery.gold"])
    expect(unknownItem.message).toBe(`${prefix}spending item (nội dung chi) "machinery.gold" is not in the catalogue in force on 2023-02-15${suffix}`)
    const other = onProposal(rule, proposal({ activities: [machinery("demo-model.new-technology")] }))
    expect(other.message).toContain(`"demo-model.new-technology" belongs to activity "demo-model", not "machinery"`)
    const activity = onProposal(rule, proposal({ activities: [{ activity: "astrology", lines: [{ item: "x", total: 1n }] }, machinery("machinery.gold")] }))
    expect([activity.reason, activity.path]).toEqual(["catalogue/unknown-activity", ["activities", 0, "activity"]])
  })
})
