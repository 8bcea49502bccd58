import { describe, expect, it } from "vitest"
import { compile, establishment, onEstablishment, prefix, suffix } from "../../../../test/fixtures/kinds.js"
import type { DifficultArea } from "../../../records/Establishment.js"

describe("mining-area (khai thác, chế biến khoáng sản), Decree 45/2012 art. 5.1.e", () => {
  const rule = compile("mining-area", { industries: ["khai-thac-che-bien-khoang-san"], areas: ["difficult", "especially-difficult"] })
  const mine = (difficultArea: DifficultArea) => onEstablishment(rule, establishment("e", { industry: { code: "khai-thac-che-bien-khoang-san/da" } }, { difficultArea }))

  it("supports mining only in the listed areas", () => {
    expect(mine("difficult").reason).toBe("mining-area/area:difficult")
    expect(mine("especially-difficult").status).toBe("passed")
    const c = mine("none")
    expect([c.status, c.reason]).toEqual(["failed", "mining-area/area:none"])
    expect(c.message).toBe(
      `${prefix}mining or mineral processing (khai thác, chế biến khoáng sản) in an area without socio-economic difficulty: supported only in difficult or especially difficult areas${suffix}`
    )
  })

  it("does not apply to other industries", () => {
    expect(onEstablishment(rule, establishment("e")).status).toBe("not-applicable")
  })
})
