import { describe, expect, it } from "vitest"
import { compile, establishment, onEstablishment, prefix, suffix } from "../../../../test/fixtures/kinds.js"

const industries = ["che-bien-nong-lam-thuy-san", "vat-lieu-xay-dung"]
const of = (code: string, cleanerProduction = false) => establishment("e", { industry: { code }, cleanerProduction })

describe("industry (ngành nghề), Decree 45/2012 art. 5", () => {
  it("passes a listed code and a code below it, naming the entry; a prefix without the separator is not below", () => {
    const rule = compile("industry", { industries })
    expect(onEstablishment(rule, of("vat-lieu-xay-dung/gach-khong-nung")).reason).toBe("industry/listed:vat-lieu-xay-dung")
    expect(onEstablishment(rule, of("vat-lieu-xay-dung")).reason).toBe("industry/listed:vat-lieu-xay-dung")
    const c = onEstablishment(rule, of("vat-lieu-xay-dung-khac"))
    expect([c.status, c.reason]).toEqual(["failed", "industry/not-listed"])
    expect(c.message).toBe(`${prefix}industry (ngành nghề) is not in the list of lines of work that may be supported (che-bien-nong-lam-thuy-san, vat-lieu-xay-dung)${suffix}`)
    // the memo answers the second time with the same outcome
    expect(onEstablishment(rule, of("vat-lieu-xay-dung/gach-khong-nung"))).toBe(onEstablishment(rule, of("vat-lieu-xay-dung/gach-khong-nung")))
  })

  it("a cleaner-production establishment qualifies whatever its sector only when the pack says so (art. 5.1.g)", () => {
    expect(onEstablishment(compile("industry", { industries }), of("det-may", true)).status).toBe("failed")
    expect(onEstablishment(compile("industry", { industries, cleanerProductionCovered: true }), of("det-may", true)).reason).toBe("industry/cleaner-production")
  })
})
