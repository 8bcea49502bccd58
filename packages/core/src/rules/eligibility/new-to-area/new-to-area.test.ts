import { describe, expect, it } from "vitest"
import { compile, onProposal, prefix, proposal, suffix } from "../../../../test/fixtures/kinds.js"

describe("new-to-area (chưa có cơ sở nào áp dụng trên địa bàn cấp huyện), Circular 46/2012 art. 4.2.a", () => {
  const rule = compile("new-to-area", { items: ["demo-model.new-technology"], funds: ["national"] })
  const model = (newToArea: boolean | undefined, fund: "national" | "local" = "national") =>
    onProposal(
      rule,
      proposal({ fund, activities: [{ activity: "demo-model", lines: [{ item: "demo-model.new-technology", total: 100n }], ...(newToArea === undefined ? {} : { newToArea }) }] })
    )

  it("a national model passes when new to the district and fails, with its path, when not", () => {
    expect(model(true).reason).toBe("new-to-area/new")
    const c = model(false)
    expect([c.status, c.reason, c.path]).toEqual(["failed", "new-to-area/not-new", ["activities", 0, "newToArea"]])
    expect(c.message).toBe(
      `${prefix}activity "demo-model": the technology or product is already applied or made in the district: a national demonstration model must show one that no establishment there applies or makes yet${suffix}`
    )
  })

  it("a local project is left to the province; a proposal without such a model is not concerned", () => {
    expect(model(false, "local").reason).toBe("new-to-area/fund")
    expect(onProposal(rule, proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 100n }] }] })).reason).toBe("new-to-area/no-model")
  })

  it("not stated: not checked, and says so", () => {
    const c = model(undefined)
    expect([c.status, c.reason]).toEqual(["not-applicable", "new-to-area/unknown"])
    expect(c.message).toContain("NOT CHECKED")
  })
})
