import { describe, expect, it } from "vitest"
import { compile, establishment, onEstablishment, outcomes, prefix, suffix } from "../../../../test/fixtures/kinds.js"
import type { Establishment } from "../../../records/Establishment.js"
import * as LocalDate from "../../../values/LocalDate.js"

const rule = compile("location", { unitKinds: ["commune", "township"], wardCityClasses: ["2", "3", "4", "5", "none"], convertedWardCityClasses: ["1"], conversionWindowYears: 5 })
const at = (location: Partial<Establishment["location"]>, planYear = 2023, over: Partial<Establishment> = {}) => onEstablishment(rule, establishment("e", over, location), planYear)
const ward = (cityClass?: Establishment["location"]["cityClass"], convertedFromCommuneOn?: string) => ({
  commune: { name: "Phường A", kind: "ward" as const },
  ...(cityClass === undefined ? {} : { cityClass }),
  ...(convertedFromCommuneOn === undefined ? {} : { convertedFromCommuneOn: LocalDate.parseOrThrow(convertedFromCommuneOn) })
})

describe("location (địa bàn), Circular 46/2012 art. 3.1", () => {
  it("looks the unit up: listed units pass, others fail; wards by their city class", () => {
    expect(at({}).reason).toBe("location/unit:commune")
    expect(at({ commune: { name: "Đặc khu B", kind: "special-zone" } }).reason).toBe("location/unit-not-eligible:special-zone")
    expect(at(ward(3)).reason).toBe("location/ward-class:3")
    expect(at(ward()).reason).toBe("location/ward-class:none")
    expect(at(ward("special")).reason).toBe("location/ward-not-eligible:special")
    expect(at(ward(1)).reason).toBe("location/not-converted:1")
    expect(outcomes(rule)).toHaveLength(3 + 7 + 1 + 1) // units but wards, a ward outcome per class, the converted pass, the exemption
  })

  it("counts the window to 31 December of the year before the plan year, that day included (art. 3.1.đ)", () => {
    const within = at(ward(1, "2019-12-31"), 2025)
    expect([within.status, within.reason]).toEqual(["passed", "location/converted-within-window:1"])
    expect(at(ward(1, "2019-12-31"), 2025)).toBe(within)
    const over = at(ward(1, "2019-12-30"), 2025)
    expect([over.status, over.reason]).toEqual(["failed", "location/converted-too-long-ago"])
    expect(over.message).toBe(
      `${prefix}production location (địa điểm sản xuất) is a ward (phường) of a class-1 city (thành phố loại 1) converted from a commune (chuyển đổi từ xã) on 2019-12-30; counted to 2024-12-31 (31 December of the year before the plan year) that is more than 5 years (the window ended on 2024-12-30)${suffix}`
    )
    expect(over.actual).toEqual({ convertedFromCommuneOn: "2019-12-30", countedTo: "2024-12-31", windowEnds: "2024-12-30" })
    expect(at(ward(1, "2019-06-01"), 2024).status).toBe("passed")
  })

  it("frees a cleaner-production establishment of a failed location only when the pack says so (art. 3.2)", () => {
    const cleaner = { cleanerProduction: true }
    expect(at(ward("special"), 2023, cleaner).status).toBe("failed")
    const exempt = compile("location", { unitKinds: ["commune"], wardCityClasses: [], convertedWardCityClasses: ["1"], conversionWindowYears: 5, cleanerProductionExempt: true })
    expect(onEstablishment(exempt, establishment("e", cleaner, ward(1, "2010-01-01")), 2025).reason).toBe("location/cleaner-production-exempt")
    expect(onEstablishment(exempt, establishment("e", cleaner)).reason).toBe("location/unit:commune")
  })
})
