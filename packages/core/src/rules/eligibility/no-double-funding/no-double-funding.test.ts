import { describe, expect, it } from "vitest"
import { compile, onProposal, prefix, proposal, suffix } from "../../../../test/fixtures/kinds.js"

describe("no-double-funding (không trùng nguồn ngân sách), Joint Circular 26/2014 art. 7", () => {
  const rule = compile("no-double-funding")
  const line = (otherStateFunding?: bigint) => ({ item: "machinery.equipment", total: 100n, requested: 50n, ...(otherStateFunding === undefined ? {} : { otherStateFunding }) })

  it("passes when no line has other state funding, a zero amount included", () => {
    expect(onProposal(rule, proposal({ activities: [{ activity: "machinery", lines: [line(), line(0n)] }] })).reason).toBe("double-funding/none")
  })

  it("excludes each line with other state funding, with its path and amount, and lets the rest stand", () => {
    const c = onProposal(rule, proposal({ activities: [{ activity: "machinery", lines: [line(0n)] }, { activity: "machinery", lines: [line(10n), line(20n)] }] }))
    expect([c.status, c.reason]).toEqual(["passed", "double-funding/lines-excluded"])
    expect(c.lines?.map((l) => [l.activity, l.line, l.condition.status, l.condition.reason, l.condition.path, l.condition.actual])).toEqual([
      [1, 0, "failed", "double-funding/line-excluded", ["activities", 1, "costLines", 0, "otherStateFunding"], 10n],
      [1, 1, "failed", "double-funding/line-excluded", ["activities", 1, "costLines", 1, "otherStateFunding"], 20n]
    ])
    expect(c.lines?.[0]?.condition.message).toBe(
      `${prefix}cost line "machinery.equipment" is also funded by another state source (nguồn ngân sách nhà nước khác, 10 ₫) for the same spending item (nội dung chi): its khuyến công support is excluded${suffix}`
    )
  })

  it("fails when every line has other state funding: nothing is left to support", () => {
    const c = onProposal(rule, proposal({ activities: [{ activity: "machinery", lines: [line(10n), line(20n)] }] }))
    expect([c.status, c.reason, c.lines?.length]).toEqual(["failed", "double-funding/every-line", 2])
  })
})
