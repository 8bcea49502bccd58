import { describe, expect, it } from "vitest"
import { compile, onProposal, prefix, proposal, suffix } from "../../../../test/fixtures/kinds.js"

describe("counterpart-funding (vốn đối ứng), Joint Circular 26/2014 art. 7", () => {
  const rule = compile("counterpart-funding")
  const lines = (counterpart: bigint) => [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 600n, requested: 300n }, { item: "machinery.equipment", total: 600n, requested: 300n, counterpart }] }]

  it("passes when requested support plus counterpart funding cover every line, exactly or more", () => {
    expect(onProposal(rule, proposal({ activities: lines(300n) })).reason).toBe("counterpart/covered")
    expect(onProposal(rule, proposal({ activities: lines(400n) })).status).toBe("passed")
  })

  it("fails on the first line that falls short, with its path", () => {
    const c = onProposal(rule, proposal({ activities: lines(299n) }))
    expect([c.reason, c.path, c.actual]).toEqual(["counterpart/shortfall", ["activities", 0, "costLines", 1, "counterpartFunding"], 299n])
    expect(c.message).toBe(
      `${prefix}cost line "machinery.equipment": requested support 300 ₫ + counterpart funding (vốn đối ứng) 299 ₫ do not cover the total (thành tiền) 600 ₫${suffix}`
    )
  })

  it("counts other state funding as state support: the own contribution covers the total less all of it (art. 7.3)", () => {
    const l = (counterpart: bigint) => [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 600n, requested: 200n, otherStateFunding: 100n, counterpart }] }]
    expect(onProposal(rule, proposal({ activities: l(300n) })).status).toBe("passed")
    const c = onProposal(rule, proposal({ activities: l(299n) }))
    expect(c.message).toBe(
      `${prefix}cost line "machinery.equipment": requested support 200 ₫ + other state funding (nguồn ngân sách nhà nước khác) 100 ₫ + counterpart funding (vốn đối ứng) 299 ₫ do not cover the total (thành tiền) 600 ₫${suffix}`
    )
  })
})
