import { describe, expect, it } from "vitest"
import { compile, onProposal, prefix, proposal, suffix } from "../../../../test/fixtures/kinds.js"

describe("approved (đề án được phê duyệt), Joint Circular 26/2014 art. 7", () => {
  const rule = compile("approved")
  const activities = [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 100n }] }]

  it("passes a proposal with an approval date and fails one without", () => {
    expect(onProposal(rule, proposal({ activities })).reason).toBe("approved/yes")
    const no = onProposal(rule, proposal({ activities, approvalDate: null }))
    expect([no.status, no.message]).toEqual(["failed", `${prefix}the proposal (đề án) carries no approval (chưa được phê duyệt)${suffix}`])
  })
})
