import { describe, expect, it } from "vitest"
import { compile, establishment, onEstablishment, prefix, suffix } from "../../../../test/fixtures/kinds.js"

describe("polluting-establishment (cơ sở gây ô nhiễm môi trường), Circular 46/2012 art. 4.6", () => {
  const rule = compile("polluting-establishment")

  it("passes a polluting establishment, fails one found not polluting", () => {
    expect(onEstablishment(rule, establishment("e", { polluting: true })).reason).toBe("polluting/yes")
    const c = onEstablishment(rule, establishment("e", { polluting: false }))
    expect([c.status, c.reason]).toEqual(["failed", "polluting/no"])
    expect(c.message).toBe(
      `${prefix}not found to pollute the environment: relocation support goes only to polluting establishments (cơ sở gây ô nhiễm môi trường) relocating into industrial zones or clusters${suffix}`
    )
  })

  it("not stated: not checked, and says so (no silent pass)", () => {
    const c = onEstablishment(rule, establishment("e"))
    expect([c.status, c.reason]).toEqual(["not-applicable", "polluting/unknown"])
    expect(c.message).toContain("NOT CHECKED")
    expect(c.message).toContain("state `polluting`")
  })
})
