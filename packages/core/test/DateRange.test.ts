import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as DateRange from "../src/values/DateRange.js"
import { ValidationError } from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"

const d = (text: string): LocalDate.LocalDate => LocalDate.parseOrThrow(text)
const r = (start: string, end?: string): DateRange.DateRange =>
  end === undefined ? DateRange.makeOrThrow(d(start)) : DateRange.makeOrThrow(d(start), d(end))

const day = fc.integer({ min: -25_567, max: 47_846 }).map(LocalDate.fromDayNumber)
const range: fc.Arbitrary<DateRange.DateRange> = fc
  .tuple(day, fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }))
  .map(([start, length]) => (length === undefined ? { start } : { start, end: LocalDate.addDays(start, length) }))

/** Brute force: every day of a bounded range. */
const daysOf = (x: DateRange.Bounded): Array<LocalDate.LocalDate> => {
  const out: Array<LocalDate.LocalDate> = []
  for (let n = LocalDate.toDayNumber(x.start); n <= LocalDate.toDayNumber(x.end); n++) out.push(LocalDate.fromDayNumber(n))
  return out
}

describe("make", () => {
  it("accepts start ≤ end and open-ended ranges", () => {
    expect(DateRange.make(d("2024-01-01"), d("2024-12-31"))).toEqual({
      ok: true,
      value: { start: "2024-01-01", end: "2024-12-31" }
    })
    expect(DateRange.make(d("2024-02-29"), d("2024-02-29"))).toEqual({
      ok: true,
      value: { start: "2024-02-29", end: "2024-02-29" }
    })
    const open = DateRange.make(d("2025-07-01"))
    expect(open).toEqual({ ok: true, value: { start: "2025-07-01" } })
    // exactOptionalPropertyTypes: no `end: undefined` key
    if (open.ok) expect(Object.keys(open.value)).toEqual(["start"])
  })

  it("refuses an end before the start", () => {
    const res = DateRange.make(d("2024-12-31"), d("2024-01-01"))
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error).toBeInstanceOf(ValidationError)
      expect(res.error.code).toBe("date-range/end-before-start")
      expect(res.error.path).toEqual(["end"])
      expect(res.error.message).toContain("khoảng thời gian")
    }
    expect(() => DateRange.makeOrThrow(d("2024-01-02"), d("2024-01-01"))).toThrow(ValidationError)
  })
})

describe("ofYear, ofDay, days", () => {
  it("a year runs 1 January to 31 December", () => {
    expect(DateRange.ofYear(2024)).toEqual({ start: "2024-01-01", end: "2024-12-31" })
    expect(DateRange.days(DateRange.ofYear(2024))).toBe(366)
    expect(DateRange.days(DateRange.ofYear(2023))).toBe(365)
    expect(DateRange.days(DateRange.ofYear(1900))).toBe(365)
    expect(DateRange.days(DateRange.ofYear(2000))).toBe(366)
    expect(DateRange.days(DateRange.ofYear(2100))).toBe(365)
  })

  it("days counts both ends; open-ended has no count", () => {
    expect(DateRange.days(DateRange.ofDay(d("2024-02-29")))).toBe(1)
    expect(DateRange.days(r("2024-02-01", "2024-02-29"))).toBe(29)
    expect(DateRange.days(r("2023-02-01", "2023-02-28"))).toBe(28)
    expect(DateRange.days(r("2024-12-31", "2025-01-01"))).toBe(2)
    expect(DateRange.days(r("2025-07-01"))).toBeUndefined()
    expect(DateRange.isBounded(r("2025-07-01"))).toBe(false)
    expect(DateRange.isBounded(r("2025-07-01", "2025-07-01"))).toBe(true)
  })

  const smallBounded: fc.Arbitrary<DateRange.Bounded> = fc
    .tuple(day, fc.integer({ min: 0, max: 400 }))
    .map(([start, length]) => ({ start, end: LocalDate.addDays(start, length) }))

  test.prop([smallBounded])("days equals the number of days contains accepts", (bounded) => {
    const all = daysOf(bounded)
    expect(DateRange.days(bounded)).toBe(all.length)
    expect(all.every((y) => DateRange.contains(bounded, y))).toBe(true)
    expect(DateRange.contains(bounded, LocalDate.addDays(bounded.start, -1))).toBe(false)
    expect(DateRange.contains(bounded, LocalDate.addDays(bounded.end, 1))).toBe(false)
  })
})

describe("contains", () => {
  it("ends are included", () => {
    const y = DateRange.ofYear(2024)
    expect(DateRange.contains(y, d("2024-01-01"))).toBe(true)
    expect(DateRange.contains(y, d("2024-12-31"))).toBe(true)
    expect(DateRange.contains(y, d("2023-12-31"))).toBe(false)
    expect(DateRange.contains(y, d("2025-01-01"))).toBe(false)
  })

  it("open-ended ranges contain every later day", () => {
    const open = r("2025-07-01")
    expect(DateRange.contains(open, d("9999-12-31"))).toBe(true)
    expect(DateRange.contains(open, d("2025-07-01"))).toBe(true)
    expect(DateRange.contains(open, d("2025-06-30"))).toBe(false)
  })
})

describe("overlaps and intersection", () => {
  it("touching ranges do not overlap; a shared day does", () => {
    expect(DateRange.overlaps(DateRange.ofYear(2024), DateRange.ofYear(2025))).toBe(false)
    expect(DateRange.overlaps(DateRange.ofYear(2024), r("2024-12-31", "2025-01-05"))).toBe(true)
    expect(DateRange.overlaps(DateRange.ofYear(2024), r("2024-12-31"))).toBe(true)
    expect(DateRange.overlaps(r("2025-07-01"), r("2020-01-01"))).toBe(true)
    expect(DateRange.overlaps(r("2025-07-01"), r("2020-01-01", "2025-06-30"))).toBe(false)
  })

  it("intersection", () => {
    expect(DateRange.intersection(DateRange.ofYear(2024), r("2024-07-01"))).toEqual({
      start: "2024-07-01",
      end: "2024-12-31"
    })
    expect(DateRange.intersection(r("2025-07-01"), r("2020-01-01"))).toEqual({ start: "2025-07-01" })
    expect(DateRange.intersection(DateRange.ofYear(2024), DateRange.ofYear(2025))).toBeUndefined()
    expect(DateRange.intersection(r("2024-03-01", "2024-03-31"), r("2024-03-31", "2024-04-30"))).toEqual({
      start: "2024-03-31",
      end: "2024-03-31"
    })
  })

  test.prop([range, range, day])("a day is in the intersection iff it is in both ranges", (a, b, x) => {
    const i = DateRange.intersection(a, b)
    const inBoth = DateRange.contains(a, x) && DateRange.contains(b, x)
    expect(i === undefined ? false : DateRange.contains(i, x)).toBe(inBoth)
    expect(DateRange.overlaps(a, b)).toBe(i !== undefined)
    expect(DateRange.overlaps(a, b)).toBe(DateRange.overlaps(b, a))
    if (i !== undefined) expect(i.end === undefined || i.start <= i.end).toBe(true)
  })
})

describe("format", () => {
  it("Vietnamese and ISO forms", () => {
    expect(DateRange.formatVi(DateRange.ofYear(2024))).toBe("01/01/2024 – 31/12/2024")
    expect(DateRange.formatVi(r("2025-07-01"))).toBe("từ 01/07/2025")
    expect(DateRange.format(DateRange.ofYear(2024))).toBe("2024-01-01/2024-12-31")
    expect(DateRange.format(r("2025-07-01"))).toBe("2025-07-01/..")
  })
})

describe("schema", () => {
  const decode = Schema.decodeUnknownResult(DateRange.schema)

  it("decodes valid ranges and refuses inverted or malformed ones", () => {
    expect(Schema.decodeUnknownSync(DateRange.schema)({ start: "2024-01-01", end: "2024-12-31" })).toEqual({
      start: "2024-01-01",
      end: "2024-12-31"
    })
    expect(Schema.decodeUnknownSync(DateRange.schema)({ start: "2025-07-01" })).toEqual({ start: "2025-07-01" })
    expect(decode({ start: "2024-12-31", end: "2024-01-01" })._tag).toBe("Failure")
    expect(decode({ start: "2024-02-30" })._tag).toBe("Failure")
    expect(decode({ start: "01/01/2024" })._tag).toBe("Failure")
    expect(decode({ start: "2024-01-01", end: null })._tag).toBe("Failure")
    expect(decode({ end: "2024-01-01" })._tag).toBe("Failure")
    expect(() => Schema.decodeUnknownSync(DateRange.schema)({ start: "2024-12-31", end: "2024-01-01" })).toThrow(
      /before its start/
    )
  })

  test.prop([range])("JSON round trip", (x) => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(DateRange.schema)(x))) as unknown
    expect(Schema.decodeUnknownSync(DateRange.schema)(json)).toEqual(x)
  })
})
