import { describe, expect, it } from "vitest"
import { compile, establishment, onEstablishment, prefix, proposal, suffix } from "../../../../test/fixtures/kinds.js"
import type { DifficultArea } from "../../../records/Establishment.js"
import { compileRule } from "../compile.js"
import { establishmentVerdict } from "../verdicts.js"

describe("difficult-area (địa bàn khó khăn), Joint Circular 26/2014 art. 6.2.a", () => {
  const rule = compile("difficult-area", { areas: ["difficult", "especially-difficult"] })
  const at = (difficultArea: DifficultArea) => onEstablishment(rule, establishment("e", {}, { difficultArea }))

  it("passes in the listed areas and fails elsewhere, naming the area", () => {
    expect(at("difficult").reason).toBe("difficult-area/area:difficult")
    expect(at("especially-difficult").status).toBe("passed")
    const c = at("none")
    expect([c.status, c.reason]).toEqual(["failed", "difficult-area/area:none"])
    expect(c.message).toBe(
      `${prefix}produces in an area without socio-economic difficulty: the activity is supported only in areas with difficult or especially difficult socio-economic conditions${suffix}`
    )
  })

  it("scoped to an activity, applies only to proposals with that activity (and to no establishment judged alone)", () => {
    const scoped = compileRule({ ...rule, parameters: { areas: "p.areas" }, activities: ["enterprise-setup"] } as never, {
      areas: { parameterId: "p.areas", value: ["difficult"], from: "2018-05-11", citation: rule.citation, layer: "national" } as never
    }, () => "")
    const e = establishment("e1")
    const machinery = proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 100n }] }] })
    const setup = proposal({ activities: [{ activity: "enterprise-setup", lines: [{ item: "enterprise-setup.support", total: 100n }] }] })
    const out = establishmentVerdict(e, "e1", [scoped], 2023, machinery).conditions[0]
    expect([out?.status, out?.reason]).toEqual(["not-applicable", "scope/no-activity"])
    expect(establishmentVerdict(e, "e1", [scoped], 2023, setup).conditions[0]?.status).toBe("failed")
    expect(establishmentVerdict(e, "e1", [scoped], 2023).conditions[0]?.reason).toBe("scope/no-activity")
  })
})
