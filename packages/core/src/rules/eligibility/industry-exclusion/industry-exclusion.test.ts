import { describe, expect, it } from "vitest"
import { compile, establishment, onEstablishment, prefix, suffix } from "../../../../test/fixtures/kinds.js"

describe("industry-exclusion (ngành nghề không hỗ trợ), Circular 46/2012 art. 5.1", () => {
  const rule = compile("industry-exclusion", { excluded: ["vat-lieu-xay-dung/gach-dat-set-nung-lo-vong"] })

  it("fails an excluded code and the codes below it, quoting the description of the parameter that lists them", () => {
    const c = onEstablishment(rule, establishment("e", { industry: { code: "vat-lieu-xay-dung/gach-dat-set-nung-lo-vong/x" } }))
    expect([c.status, c.reason]).toEqual(["failed", "industry-exclusion/excluded:vat-lieu-xay-dung/gach-dat-set-nung-lo-vong"])
    expect(c.message).toBe(`${prefix}industry (ngành nghề) "vat-lieu-xay-dung/gach-dat-set-nung-lo-vong" is excluded from support (không hỗ trợ): excluded (test)${suffix}`)
    expect(rule.config).toEqual({ kind: "industry-exclusion", excluded: ["vat-lieu-xay-dung/gach-dat-set-nung-lo-vong"], description: "excluded (test)" })
  })

  it("passes any other code, the code above an excluded one included", () => {
    expect(onEstablishment(rule, establishment("e", { industry: { code: "vat-lieu-xay-dung" } })).reason).toBe("industry-exclusion/none")
  })
})
