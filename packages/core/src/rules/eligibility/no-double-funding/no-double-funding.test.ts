import { describe, expect, it } from "vitest"
import { compile, onProposal, prefix, proposal, suffix } from "../../../../test/fixtures/kinds.js"

describe("no-double-funding (không trùng nguồn ngân sách), Joint Circular 26/2014 art. 7", () => {
  const rule = compile("no-double-funding")
  const line = (otherStateFunding?: bigint) => ({ item: "machinery.equipment", total: 100n, requested: 50n, ...(otherStateFunding === undefined ? {} : { otherStateFunding }) })

  it("passes when no line has other state funding, a zero amount included", () => {
    expect(onProposal(rule, proposal({ activities: [{ activity: "machinery", lines: [line(), line(0n)] }] })).reason).toBe("double-funding/none")
  })

  it("fails on the first line with other state funding, with its path and amount", () => {
    const c = onProposal(rule, proposal({ activities: [{ activity: "machinery", lines: [line(0n)] }, { activity: "machinery", lines: [line(10n), line(20n)] }] }))
    expect([c.reason, c.path, c.actual]).toEqual(["double-funding/other-state-funding", ["activities", 1, "costLines", 0, "otherStateFunding"], 10n])
    expect(c.message).toBe(
      `${prefix}cost line "machinery.equipment" is also funded by another state source (nguồn ngân sách nhà nước khác, 10 đồng) for the same spending item (nội dung chi)${suffix}`
    )
  })
})
