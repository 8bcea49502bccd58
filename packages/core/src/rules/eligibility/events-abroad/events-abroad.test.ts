import { describe, expect, it } from "vitest"
import { compile, establishment, onEstablishment, prefix, suffix } from "../../../../test/fixtures/kinds.js"

describe("events-abroad (không quá 2 lần/năm), Circular 46/2012 art. 4.1.b", () => {
  const rule = compile("events-abroad", { max: 2 })
  const at = (eventsAbroad: ReadonlyArray<{ year: number; count: number }>, planYear = 2016) => onEstablishment(rule, establishment("e", { eventsAbroad }), planYear)

  it("this proposal is one more event of its plan year: 0 + 1 and 1 + 1 are within 2, 2 + 1 is not", () => {
    expect(at([]).reason).toBe("events-abroad/within")
    expect(at([{ year: 2016, count: 1 }]).status).toBe("passed")
    const over = at([{ year: 2015, count: 5 }, { year: 2016, count: 2 }])
    expect([over.status, over.reason, over.actual]).toEqual(["failed", "events-abroad/over", 2])
    expect(over.message).toBe(`${prefix}2 event(s) abroad already supported in 2016; with this one 3, above the limit of 2 a year per establishment${suffix}`)
    // other years do not count
    expect(at([{ year: 2015, count: 2 }]).status).toBe("passed")
  })

  it("not stated: not checked, and says so", () => {
    const c = onEstablishment(rule, establishment("e"), 2016)
    expect([c.status, c.reason]).toEqual(["not-applicable", "events-abroad/unknown"])
    expect(c.message).toContain("NOT CHECKED")
  })
})
