import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as DateRange from "../src/values/DateRange.js"
import { ValidationError } from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Period from "../src/values/Period.js"

const d = (text: string): LocalDate.LocalDate => LocalDate.parseOrThrow(text)

describe("plan year and fiscal year constructors", () => {
  it("accept whole years 2000–2100 only", () => {
    expect(Period.planYear(2000)).toEqual({ ok: true, value: 2000 })
    expect(Period.planYear(2100)).toEqual({ ok: true, value: 2100 })
    expect(Period.fiscalYear(2025)).toEqual({ ok: true, value: 2025 })
    for (const n of [1999, 2101, 2025.5, Number.NaN, Number.POSITIVE_INFINITY, -2025]) {
      const p = Period.planYear(n)
      expect(p.ok).toBe(false)
      if (!p.ok) {
        expect(p.error).toBeInstanceOf(ValidationError)
        expect(p.error.code).toBe("period/invalid-plan-year")
        expect(p.error.message).toContain("năm kế hoạch")
      }
      const f = Period.fiscalYear(n)
      expect(f.ok).toBe(false)
      if (!f.ok) {
        expect(f.error.code).toBe("period/invalid-fiscal-year")
        expect(f.error.message).toContain("năm ngân sách")
      }
    }
    expect(() => Period.planYearOrThrow(1999)).toThrow(ValidationError)
    expect(() => Period.fiscalYearOrThrow(2101)).toThrow(ValidationError)
  })

  it("guards", () => {
    expect(Period.isPlanYear(2025)).toBe(true)
    expect(Period.isPlanYear("2025")).toBe(false)
    expect(Period.isFiscalYear(1999)).toBe(false)
  })
})

describe("years of a date", () => {
  it.each([
    ["2024-01-01", 2024],
    ["2024-12-31", 2024],
    ["2025-01-01", 2025],
    ["2024-02-29", 2024],
    ["2000-01-01", 2000],
    ["2100-12-31", 2100]
  ])("%s is in plan and fiscal year %i (the calendar year)", (text, y) => {
    expect(Period.planYearOf(d(text))).toEqual({ ok: true, value: y })
    expect(Period.fiscalYearOf(d(text))).toEqual({ ok: true, value: y })
  })

  it("dates outside 2000–2100 have no plan or fiscal year", () => {
    const before = Period.planYearOf(d("1999-12-31"))
    expect(before.ok).toBe(false)
    if (!before.ok) expect(before.error.code).toBe("period/invalid-plan-year")
    const after = Period.fiscalYearOf(d("2101-01-01"))
    expect(after.ok).toBe(false)
    if (!after.ok) expect(after.error.code).toBe("period/invalid-fiscal-year")
  })

  it("the fiscal year funding a plan year is the same calendar year", () => {
    expect(Period.fiscalYearOfPlanYear(Period.planYearOrThrow(2026))).toBe(2026)
  })
})

describe("rangeOf", () => {
  it("1 January to 31 December", () => {
    expect(Period.rangeOf(Period.planYearOrThrow(2024))).toEqual({ start: "2024-01-01", end: "2024-12-31" })
    expect(Period.rangeOf(Period.fiscalYearOrThrow(2100))).toEqual({ start: "2100-01-01", end: "2100-12-31" })
    expect(DateRange.days(Period.rangeOf(Period.planYearOrThrow(2024)))).toBe(366)
    expect(DateRange.days(Period.rangeOf(Period.planYearOrThrow(2100)))).toBe(365)
  })

  test.prop([fc.integer({ min: -25_567 + 365 * 100, max: 47_846 }).map(LocalDate.fromDayNumber)])(
    "a date in 2000–2100 lies in the range of its own plan and fiscal year and no other",
    (x) => {
      const py = Period.planYearOf(x)
      const fy = Period.fiscalYearOf(x)
      if (!py.ok || !fy.ok) {
        expect(LocalDate.year(x)).toBeLessThan(2000)
        return
      }
      expect(DateRange.contains(Period.rangeOf(py.value), x)).toBe(true)
      expect(DateRange.contains(Period.rangeOf(fy.value), x)).toBe(true)
      if (py.value > 2000) expect(DateRange.contains(Period.rangeOf(Period.planYearOrThrow(py.value - 1)), x)).toBe(false)
      if (py.value < 2100) expect(DateRange.contains(Period.rangeOf(Period.planYearOrThrow(py.value + 1)), x)).toBe(false)
    }
  )
})

describe("previousYearEnd", () => {
  it("31 December of the year before the plan year", () => {
    expect(Period.previousYearEnd(Period.planYearOrThrow(2025))).toBe("2024-12-31")
    expect(Period.previousYearEnd(Period.planYearOrThrow(2000))).toBe("1999-12-31")
    expect(Period.previousYearEnd(Period.planYearOrThrow(2021))).toBe("2020-12-31")
  })

  test.prop([fc.integer({ min: 2000, max: 2100 })])("is the day before the plan year starts", (n) => {
    const py = Period.planYearOrThrow(n)
    expect(LocalDate.addDays(Period.previousYearEnd(py), 1)).toBe(Period.rangeOf(py).start)
  })
})

describe("schemas", () => {
  it("decode integers 2000–2100 and refuse the rest", () => {
    expect(Schema.decodeUnknownSync(Period.planYearSchema)(2025)).toBe(2025)
    expect(Schema.decodeUnknownSync(Period.fiscalYearSchema)(2000)).toBe(2000)
    for (const bad of [1999, 2101, 2025.5, "2025", null]) {
      expect(Schema.is(Period.planYearSchema)(bad)).toBe(false)
      expect(Schema.is(Period.fiscalYearSchema)(bad)).toBe(false)
    }
    expect(() => Schema.decodeUnknownSync(Period.planYearSchema)(2101)).toThrow(/năm kế hoạch/)
    expect(Schema.encodeSync(Period.planYearSchema)(Period.planYearOrThrow(2030))).toBe(2030)
  })
})
