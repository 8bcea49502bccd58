/**
 * Internal: the `location` eligibility rule kind (địa bàn), per establishment, for the units before
 * the 2025 reorganisation. The production location (địa điểm sản xuất) must be a commune, a
 * township (or another listed commune-level unit), a ward of a listed city class, or a ward of a
 * listed class (class 1) converted from a commune within the window (5 years), counted from the
 * conversion decision's effective date to 31 December of the year before the plan year
 * (Circular 46/2012 art. 3.1.đ): `reference ≤ convertedOn + window`. A cleaner-production
 * establishment is free of the location limit (art. 3.2). The test is on the production location,
 * so an establishment registered in a class-1 ward producing in an eligible place passes
 * (art. 3.1.d).
 *
 * Roles: `unitKinds` (list: commune-level kinds always eligible), `wardCityClasses` (list: city
 * classes whose wards are eligible; `"none"` = ward of a town), `convertedWardCityClasses` (list:
 * city classes whose wards are eligible within the window after conversion from a commune),
 * `conversionWindowYears` (number); optional `cleanerProductionExempt` (switch).
 * @module
 */
import type { Establishment } from "../../../records/Establishment.js"
import * as LocalDate from "../../../values/LocalDate.js"
import { establishmentKind, optional, required, type KindCondition } from "../Kind.js"
import { unitKinds, unitLabel } from "../labels.js"

const cityClasses = ["special", "1", "2", "3", "4", "5", "none"]
const classKey: { readonly [K in NonNullable<Establishment["location"]["cityClass"]>]: string } = {
  special: "special",
  1: "1",
  2: "2",
  3: "3",
  4: "4",
  5: "5"
}
const cityLabel = (c: string): string =>
  c === "none"
    ? "a ward (phường) with no city class, counted as a ward of a town (thị xã)"
    : c === "special"
      ? "a ward (phường) of a special-class city (đô thị loại đặc biệt)"
      : `a ward (phường) of a class-${c} city (thành phố loại ${c})`

/** Year of an ISO date, without allocation. */
const yearOf = (date: string): number =>
  (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48)

export const location = establishmentKind({
  kind: "location",
  roles: {
    unitKinds: required("list"),
    wardCityClasses: required("list"),
    convertedWardCityClasses: required("list"),
    conversionWindowYears: required("number"),
    cleanerProductionExempt: optional("boolean")
  },
  compile(config, out) {
    const window = config.conversionWindowYears
    // unit kind (not a ward) → outcome
    const units = new Map<string, KindCondition<"location">>()
    for (const u of unitKinds)
      if (u !== "ward") {
        if (config.unitKinds.includes(u)) units.set(u, out.put("passed", `location/unit:${u}`, `production location (địa điểm sản xuất) is ${unitLabel[u] ?? u}, an eligible place (địa bàn)`))
        else units.set(u, out.put("failed", `location/unit-not-eligible:${u}`, `production location (địa điểm sản xuất) is ${unitLabel[u] ?? u}, which is not an eligible place (địa bàn)`))
      }
    // city class → outcome for a ward (not converted); converted classes → pass within the window
    const ward = new Map<string, KindCondition<"location">>()
    const converted = new Map<string, KindCondition<"location">>()
    for (const c of cityClasses) {
      if (config.wardCityClasses.includes(c)) ward.set(c, out.put("passed", `location/ward-class:${c}`, `production location (địa điểm sản xuất) is ${cityLabel(c)}, an eligible place (địa bàn)`))
      else if (config.convertedWardCityClasses.includes(c)) {
        converted.set(
          c,
          out.put(
            "passed",
            `location/converted-within-window:${c}`,
            `production location (địa điểm sản xuất) is ${cityLabel(c)} converted from a commune (chuyển đổi từ xã) not more than ${window} years before 31 December of the year before the plan year, an eligible place (địa bàn)`
          )
        )
        ward.set(
          c,
          out.put(
            "failed",
            `location/not-converted:${c}`,
            `production location (địa điểm sản xuất) is ${cityLabel(c)} that was not converted from a commune (chuyển đổi từ xã); only such wards converted within ${window} years are eligible`
          )
        )
      } else ward.set(c, out.put("failed", `location/ward-not-eligible:${c}`, `production location (địa điểm sản xuất) is ${cityLabel(c)}, which is not an eligible place (địa bàn)`))
    }
    const cleaner = out.put(
      "not-applicable",
      "location/cleaner-production-exempt",
      "the establishment applies cleaner production (sản xuất sạch hơn), which is free of any location limit (không giới hạn địa bàn)"
    )
    const cleanerExempt = config.cleanerProductionExempt

    /**
     * The ward-conversion window is counted to 31 December of the year before the plan year
     * (R-12-31): `R-12-31 ≤ convertedOn + N years` holds exactly when `year(convertedOn) + N > R`,
     * or `= R` with a conversion on 31 December.
     */
    const convertedWard = (cls: string, within: KindCondition<"location">, on: LocalDate.LocalDate, planYear: number): KindCondition<"location"> => {
      const refYear = planYear - 1
      const y = yearOf(on) + window
      if (y > refYear || (y === refYear && on.endsWith("-12-31"))) return within
      const reference = LocalDate.endOfYear(refYear)
      const limit = LocalDate.addYears(on, window)
      return out.make(
        "failed",
        "location/converted-too-long-ago",
        `production location (địa điểm sản xuất) is ${cityLabel(cls)} converted from a commune (chuyển đổi từ xã) on ${on}; counted to ${reference} (31 December of the year before the plan year) that is more than ${window} years (the window ended on ${limit})`,
        { actual: { convertedFromCommuneOn: on, countedTo: reference, windowEnds: limit } }
      )
    }

    return (e, planYear) => {
      const l = e.location
      const kind = l.commune.kind
      let result: KindCondition<"location"> | undefined
      if (kind !== "ward") result = units.get(kind)
      else {
        const cls = l.cityClass === undefined ? "none" : classKey[l.cityClass]
        const within = converted.get(cls)
        const on = l.convertedFromCommuneOn
        result = within === undefined || on === undefined ? ward.get(cls) : convertedWard(cls, within, on, planYear)
      }
      const r = out.must(result)
      if (r.status === "failed" && cleanerExempt && e.cleanerProduction) return cleaner
      return r
    }
  }
})
