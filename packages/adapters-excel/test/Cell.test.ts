import { fc, test } from "@fast-check/vitest"
import { LocalDate } from "@khuyencong/core"
import { describe, expect } from "vitest"
import * as Cell from "../src/Cell.js"

describe("column letters", () => {
  test("A, Z, AA, AZ, BA, ZZ, AAA, XFD (Excel's last column)", () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(Cell.columnLetter)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"])
  })
  test("letters back to numbers, any case; not letters → undefined", () => {
    expect(Cell.columnNumber("xfd")).toBe(16384)
    expect(Cell.columnNumber("AB")).toBe(28)
    expect(Cell.columnNumber("A1")).toBeUndefined()
    expect(Cell.columnNumber("ABCD")).toBeUndefined()
  })
  test.prop([fc.integer({ min: 1, max: 18_278 })])("columnNumber inverts columnLetter", (n) => {
    expect(Cell.columnNumber(Cell.columnLetter(n))).toBe(n)
  })
})

describe("Excel serial dates, 1900 system with the Lotus 1-2-3 leap-year bug", () => {
  const date = (serial: number, system?: Cell.DateSystem) => {
    const r = Cell.fromExcelSerial(serial, system)
    return r.ok ? r.value : r.error.code
  }
  test("1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01 (60 would be the non-existent 29/02/1900)", () => {
    expect(date(1)).toBe("1900-01-01")
    expect(date(59)).toBe("1900-02-28")
    expect(date(61)).toBe("1900-03-01")
  })
  test("60 is refused, with the reason", () => {
    const r = Cell.fromExcelSerial(60)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe("date/bad-serial")
      expect(r.error.message).toContain("29/02/1900")
      expect(r.error.message).toContain("Lotus")
    }
  })
  test("seed 000: 45 tỷ allocated by 30/6/2024 → serial 45473; 2025-07-01 (province reform) → 45839", () => {
    expect(date(45473)).toBe("2024-06-30")
    expect(date(45839)).toBe("2025-07-01")
    expect(date(36526)).toBe("2000-01-01")
  })
  test("0, negatives, fractions (a time of day) and NaN are refused", () => {
    expect(date(0)).toBe("date/bad-serial")
    expect(date(-5)).toBe("date/bad-serial")
    expect(date(45473.5)).toBe("date/bad-serial")
    expect(date(Number.NaN)).toBe("date/bad-serial")
  })
  test("1904 system (old Mac workbooks): 0 = 1904-01-01, 44011 = 2024-06-30", () => {
    expect(date(0, "1904")).toBe("1904-01-01")
    expect(date(44011, "1904")).toBe("2024-06-30")
    expect(date(-1, "1904")).toBe("date/bad-serial")
  })
  test.prop([fc.integer({ min: 1, max: 2_957_003 }).filter((n) => n !== 60), fc.constantFrom<Cell.DateSystem>("1900", "1904")])(
    "toExcelSerial inverts fromExcelSerial",
    (serial, system) => {
      const r = Cell.fromExcelSerial(serial, system)
      expect(r.ok).toBe(true)
      if (r.ok) expect(Cell.toExcelSerial(r.value, system)).toBe(serial)
    }
  )
})

describe("Date cells", () => {
  test("the calendar date is the UTC date, whatever the host's time zone", () => {
    // CI runs this file in Asia/Ho_Chi_Minh and America/Los_Angeles; local getters would shift the day
    const r = Cell.fromDateCell(new Date(Date.UTC(2024, 5, 30)))
    expect(r).toEqual({ ok: true, value: "2024-06-30" })
  })
  test("a Date with a time of day is refused rather than guessed", () => {
    const r = Cell.fromDateCell(new Date("2024-06-29T17:00:00Z")) // midnight in Hà Nội
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.code).toBe("date/has-time")
  })
  test("invalid and out-of-range Dates are refused, not thrown", () => {
    expect(Cell.fromDateCell(new Date(Number.NaN)).ok).toBe(false)
    expect(Cell.fromDateCell(new Date(Date.UTC(20000, 0, 1))).ok).toBe(false)
  })
  test.prop([fc.integer({ min: 0, max: 2_932_896 })])("toDateCell then fromDateCell is the identity", (dayNumber) => {
    const d = LocalDate.fromDayNumber(dayNumber)
    expect(Cell.fromDateCell(Cell.toDateCell(d))).toEqual({ ok: true, value: d })
  })
})

describe("cell helpers", () => {
  test("blank: null, spaces, formula showing spaces; not 0 nor false", () => {
    expect(Cell.isBlank(null)).toBe(true)
    expect(Cell.isBlank(" \u00A0 ")).toBe(true)
    expect(Cell.isBlank({ formula: 'IF(A1="","",A1)', result: "" })).toBe(true)
    expect(Cell.isBlank(0)).toBe(false)
    expect(Cell.isBlank(false)).toBe(false)
    expect(Cell.isBlank({ formula: "A1", result: undefined })).toBe(false)
  })
  test("describe writes what a user would recognise", () => {
    expect(Cell.describe("1,5x")).toBe('"1,5x"')
    expect(Cell.describe(null)).toBe("(empty)")
    expect(Cell.describe({ formula: "A1/0", result: { error: "#DIV/0!" } })).toBe("=A1/0 (→ #DIV/0!)")
    expect(Cell.describe({ formula: "SUM(A1:A3)" })).toBe("=SUM(A1:A3) (→ no cached value)")
  })
})
