import { fc, test } from "@fast-check/vitest"
import * as dfns from "date-fns"
import { Schema } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { ArithmeticError, ParseError, ValidationError } from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"

type LocalDate = LocalDate.LocalDate
const d = (iso: string): LocalDate => LocalDate.parseOrThrow(iso)

const DAY_1900 = -25_567 // 1900-01-01
const DAY_2100 = 47_846 // 2100-12-31
const dateIn1900to2100 = fc.integer({ min: DAY_1900, max: DAY_2100 }).map(LocalDate.fromDayNumber)

const parseError = (text: string): ParseError => {
  const r = LocalDate.parse(text)
  if (r.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused, got ${r.value}`)
  return r.error
}

/**
 * date-fns as an oracle, run in a UTC-only context: a Date whose "local" getters and setters are
 * the UTC ones, so the oracle itself cannot leak the host's time zone.
 */
class UTCDay extends Date {
  override getFullYear(): number {
    return this.getUTCFullYear()
  }
  override getMonth(): number {
    return this.getUTCMonth()
  }
  override getDate(): number {
    return this.getUTCDate()
  }
  override getDay(): number {
    return this.getUTCDay()
  }
  override getHours(): number {
    return this.getUTCHours()
  }
  override getMinutes(): number {
    return this.getUTCMinutes()
  }
  override getSeconds(): number {
    return this.getUTCSeconds()
  }
  override getMilliseconds(): number {
    return this.getUTCMilliseconds()
  }
  override getTimezoneOffset(): number {
    return 0
  }
  override setFullYear(y: number, m?: number, day?: number): number {
    return this.setUTCFullYear(y, m ?? this.getUTCMonth(), day ?? this.getUTCDate())
  }
  override setMonth(m: number, day?: number): number {
    return this.setUTCMonth(m, day ?? this.getUTCDate())
  }
  override setDate(day: number): number {
    return this.setUTCDate(day)
  }
  override setHours(h: number, min?: number, s?: number, ms?: number): number {
    return this.setUTCHours(h, min ?? this.getUTCMinutes(), s ?? this.getUTCSeconds(), ms ?? this.getUTCMilliseconds())
  }
}
const toUTCDay = (x: LocalDate): UTCDay =>
  new UTCDay(Date.UTC(LocalDate.year(x), LocalDate.month(x) - 1, LocalDate.day(x)))
const fromUTCDay = (x: Date): string => x.toISOString().slice(0, 10)

describe("parse", () => {
  it.each([
    ["2024-06-30", "2024-06-30"],
    ["30/06/2024", "2024-06-30"],
    ["30/6/2024", "2024-06-30"],
    ["1/7/2025", "2025-07-01"],
    ["30-06-2024", "2024-06-30"],
    ["30.06.2024", "2024-06-30"],
    ["  2024-06-30\t", "2024-06-30"],
    ["ngày 30 tháng 6 năm 2024", "2024-06-30"],
    ["Ngày 01 tháng 07 năm 2025", "2025-07-01"],
    ["15 tháng 10 năm 2025", "2025-10-15"],
    // decomposed Unicode (NFD) as pasted from some PDFs
    ["ngày 30 tháng 6 năm 2024".normalize("NFD"), "2024-06-30"],
    ["29/02/2024", "2024-02-29"],
    ["2000-02-29", "2000-02-29"],
    ["31/12/2100", "2100-12-31"],
    ["0001-01-01", "0001-01-01"],
    ["9999-12-31", "9999-12-31"]
  ])("%j reads as %s", (text, iso) => {
    expect(LocalDate.parse(text)).toEqual({ ok: true, value: iso })
  })

  it.each([
    ["2024-02-30", "February 2024 has 29 days"],
    ["31/04/2024", "April 2024 has 30 days"],
    ["29/02/2023", "February 2023 has 28 days"],
    ["1900-02-29", "February 1900 has 28 days"],
    ["2100-02-29", "February 2100 has 28 days"],
    ["2024-13-01", "month 13"],
    ["00/01/2024", "January 2024 has 31 days"],
    ["2024-00-10", "month 0"],
    ["0000-01-01", "year 0"],
    ["6/30/2024", "month 30"]
  ])("%j is a day that does not exist", (text, why) => {
    const e = parseError(text)
    expect(e).toBeInstanceOf(ParseError)
    expect(e.code).toBe("date/invalid-day")
    expect(e.raw).toBe(text)
    expect(e.message).toContain(why)
    expect(e.message).toContain("ngày")
  })

  it.each([
    "",
    "   ",
    "2024-06-30T00:00:00Z",
    "2024-06-30T00:00",
    "2024-06-30 10:00",
    "30/06/2024 08:30",
    "30/06/24",
    "2024/06/30",
    "2024-6-30",
    "20240630",
    "30/06-2024",
    "ngày 30 tháng 6",
    "June 30, 2024",
    "１２/０６/２０２４",
    "+2024-06-30",
    "12024-06-30"
  ])("%j is not a date", (text) => {
    const e = parseError(text)
    expect(e.code).toBe("date/unparseable")
    expect(e.raw).toBe(text)
    expect(e._tag).toBe("ParseError")
  })

  it("parseOrThrow throws the ParseError", () => {
    expect(() => LocalDate.parseOrThrow("31/04/2024")).toThrow(ParseError)
    expect(LocalDate.parseOrThrow("31/05/2024")).toBe("2024-05-31")
  })

  test.prop([dateIn1900to2100])("parse(format(d)) === d and parse(formatVi(d)) === d", (x) => {
    expect(LocalDate.parse(LocalDate.format(x))).toEqual({ ok: true, value: x })
    expect(LocalDate.parse(LocalDate.formatVi(x))).toEqual({ ok: true, value: x })
    const words = `ngày ${LocalDate.day(x)} tháng ${LocalDate.month(x)} năm ${LocalDate.year(x)}`
    expect(LocalDate.parseOrThrow(words)).toBe(x)
  })

  test.prop([fc.string({ maxLength: 14 })])("anything parse accepts is a valid ISO LocalDate", (text) => {
    const r = LocalDate.parse(text)
    if (r.ok) expect(LocalDate.is(r.value)).toBe(true)
    else expect(["date/unparseable", "date/invalid-day"]).toContain(r.error.code)
  })
})

describe("parse of a value that is not text", () => {
  // LocalDate.parse(5) used to answer 'date (ngày) "5" is not a date', as if "5" had been typed
  it.each([
    [20240630, "the number 20240630"],
    [undefined, "undefined undefined"],
    [null, "null"],
    [new Date(Date.UTC(2024, 5, 30)), "a Date object"]
  ])("%s is a ParseError date/not-text naming what was found", (input, found) => {
    const r = LocalDate.parse(input as never)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ParseError)
      expect(r.error.code).toBe("date/not-text")
      expect(r.error.message).toBe(`date (ngày) must be text such as "2024-06-30" or "30/06/2024"; found ${found}`)
    }
  })
})

describe("make and is", () => {
  it("make validates the day", () => {
    expect(LocalDate.make(2024, 2, 29)).toEqual({ ok: true, value: "2024-02-29" })
    expect(LocalDate.make(2000, 2, 29)).toEqual({ ok: true, value: "2000-02-29" })
    expect(LocalDate.make(5, 3, 1)).toEqual({ ok: true, value: "0005-03-01" })
    for (const [y, m, day] of [
      [2023, 2, 29],
      [1900, 2, 29],
      [2024, 4, 31],
      [2024, 0, 1],
      [2024, 13, 1],
      [2024, 1, 0],
      [2024, 1.5, 1],
      [0, 1, 1],
      [10_000, 1, 1],
      [Number.NaN, 1, 1]
    ] as const) {
      const r = LocalDate.make(y, m, day)
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error).toBeInstanceOf(ValidationError)
        expect(r.error.code).toBe("date/invalid-day")
        expect(r.error.issues).toHaveLength(1)
      }
    }
    expect(() => LocalDate.makeOrThrow(2023, 2, 29)).toThrow(ValidationError)
  })

  it("is accepts only strict ISO days that exist", () => {
    expect(LocalDate.is("2024-02-29")).toBe(true)
    expect(LocalDate.is("2023-02-29")).toBe(false)
    expect(LocalDate.is("30/06/2024")).toBe(false)
    expect(LocalDate.is(" 2024-06-30")).toBe(false)
    expect(LocalDate.is(20240630)).toBe(false)
    expect(LocalDate.is(null)).toBe(false)
  })

  // is reads the text digit by digit: it agrees with a regex and a calendar of date-fns
  test.prop([
    fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
        ([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
      ),
      fc.string({ minLength: 10, maxLength: 10, unit: fc.constantFrom("0", "1", "2", "3", "9", "-", "/", "\u0661", "\uFF11", " ") }),
      fc.constantFrom("2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-01-01", "0001-01-01", "9999-12-31", "2024-1-01", "2024-01-1")
    )
  ])("is agrees with a strict ISO pattern and date-fns on the day", (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
    const [y, mo, d] = m === null ? [0, 0, 0] : [Number(m[1]), Number(m[2]), Number(m[3])]
    const exists = m !== null && y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= dfns.getDaysInMonth(new Date(Date.UTC(2000, mo - 1, 15)).setUTCFullYear(y))
    expect(LocalDate.is(s)).toBe(exists)
  })

  it("leap years follow the Gregorian rule", () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(LocalDate.isLeapYear)).toEqual([false, true, false, true, false, true])
    expect(LocalDate.daysInMonth(2024, 2)).toBe(29)
    expect(LocalDate.daysInMonth(1900, 2)).toBe(28)
    expect([1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => LocalDate.daysInMonth(2023, m))).toEqual([
      31, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
    ])
  })

  test.prop([fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 })])(
    "daysInMonth and isLeapYear agree with date-fns",
    (y, m) => {
      const first = toUTCDay(LocalDate.makeOrThrow(y, m, 1))
      expect(LocalDate.daysInMonth(y, m)).toBe(dfns.getDaysInMonth(first))
      expect(LocalDate.isLeapYear(y)).toBe(dfns.isLeapYear(first))
    }
  )
})

describe("accessors, formatting, comparison", () => {
  it("year, month, day", () => {
    const x = d("2024-06-30")
    expect([LocalDate.year(x), LocalDate.month(x), LocalDate.day(x)]).toEqual([2024, 6, 30])
    expect(LocalDate.year(d("0042-01-09"))).toBe(42)
  })

  it("formatVi writes DD/MM/YYYY with leading zeros", () => {
    expect(LocalDate.formatVi(d("2024-06-30"))).toBe("30/06/2024")
    expect(LocalDate.formatVi(d("2025-07-01"))).toBe("01/07/2025")
  })

  it("compare, isBefore, isAfter, min, max", () => {
    const a = d("2024-01-31")
    const b = d("2024-02-01")
    expect(LocalDate.compare(a, b)).toBe(-1)
    expect(LocalDate.compare(b, a)).toBe(1)
    expect(LocalDate.compare(a, d("31/01/2024"))).toBe(0)
    expect(LocalDate.isBefore(a, b)).toBe(true)
    expect(LocalDate.isBefore(a, a)).toBe(false)
    expect(LocalDate.isAfter(b, a)).toBe(true)
    expect(LocalDate.isAfter(a, a)).toBe(false)
    expect(LocalDate.min(b, a)).toBe(a)
    expect(LocalDate.max(a, b)).toBe(b)
    expect([d("2024-12-31"), d("2024-02-29"), d("2023-12-31")].sort(LocalDate.compare)).toEqual([
      "2023-12-31",
      "2024-02-29",
      "2024-12-31"
    ])
  })

  test.prop([dateIn1900to2100, dateIn1900to2100])("compare agrees with day numbers", (a, b) => {
    expect(LocalDate.compare(a, b)).toBe(Math.sign(LocalDate.toDayNumber(a) - LocalDate.toDayNumber(b)))
  })
})

describe("day numbers", () => {
  it("known day numbers", () => {
    expect(LocalDate.toDayNumber(d("1970-01-01"))).toBe(0)
    expect(LocalDate.toDayNumber(d("1969-12-31"))).toBe(-1)
    expect(LocalDate.toDayNumber(d("2000-03-01"))).toBe(11_017)
    expect(LocalDate.toDayNumber(d("1900-01-01"))).toBe(DAY_1900)
    expect(LocalDate.toDayNumber(d("2100-12-31"))).toBe(DAY_2100)
    expect(LocalDate.toDayNumber(d("0001-01-01"))).toBe(-719_162)
    expect(LocalDate.toDayNumber(d("9999-12-31"))).toBe(2_932_896)
    expect(LocalDate.fromDayNumber(19_905)).toBe("2024-07-01")
  })

  test.prop([fc.integer({ min: DAY_1900, max: DAY_2100 })])("day-number round trip over 1900–2100", (n) => {
    const x = LocalDate.fromDayNumber(n)
    expect(LocalDate.is(x)).toBe(true)
    expect(LocalDate.toDayNumber(x)).toBe(n)
    // independent check through UTC milliseconds, which no time zone affects
    expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(x)
  })

  test.prop([fc.integer({ min: -719_162, max: 2_932_896 })])("day-number round trip over 0001–9999", (n) => {
    expect(LocalDate.toDayNumber(LocalDate.fromDayNumber(n))).toBe(n)
  })

  it("consecutive day numbers walk every day 1900–2100 in order", () => {
    let previous = LocalDate.fromDayNumber(DAY_1900 - 1)
    const outOfOrder: Array<string> = []
    for (let n = DAY_1900; n <= DAY_2100; n++) {
      const x = LocalDate.fromDayNumber(n)
      if (!(x > previous) || LocalDate.toDayNumber(x) !== n || !LocalDate.is(x)) outOfOrder.push(x)
      previous = x
    }
    expect(outOfOrder).toEqual([])
    expect(previous).toBe("2100-12-31")
  })

  it("out of range day numbers throw an ArithmeticError", () => {
    expect(() => LocalDate.fromDayNumber(2_932_897)).toThrow(ArithmeticError)
    expect(() => LocalDate.fromDayNumber(-719_163)).toThrow(ArithmeticError)
    expect(() => LocalDate.fromDayNumber(1.5)).toThrow(ArithmeticError)
    expect(() => LocalDate.addDays(d("9999-12-31"), 1)).toThrow(ArithmeticError)
    expect(() => LocalDate.addMonths(d("9999-12-31"), 1)).toThrow(ArithmeticError)
    expect(() => LocalDate.startOfYear(0)).toThrow(ArithmeticError)
  })
})

describe("arithmetic", () => {
  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2024-02-29", 1, "2024-03-01"],
    ["2023-02-28", 1, "2023-03-01"],
    ["1900-02-28", 1, "1900-03-01"],
    ["2100-02-28", 1, "2100-03-01"],
    ["2000-02-28", 1, "2000-02-29"],
    ["2024-12-31", 1, "2025-01-01"],
    ["2025-01-01", -1, "2024-12-31"],
    ["2024-01-01", 365, "2024-12-31"],
    ["2023-01-01", 365, "2024-01-01"],
    ["2024-06-30", 0, "2024-06-30"]
  ])("addDays(%s, %i) = %s", (from, n, to) => {
    expect(LocalDate.addDays(d(from), n)).toBe(to)
  })

  it.each([
    ["2024-01-31", 1, "2024-02-29"],
    ["2023-01-31", 1, "2023-02-28"],
    ["1900-01-31", 1, "1900-02-28"],
    ["2000-01-31", 1, "2000-02-29"],
    ["2024-03-31", -1, "2024-02-29"],
    ["2024-10-31", 1, "2024-11-30"],
    ["2024-12-31", 2, "2025-02-28"],
    ["2024-01-15", -1, "2023-12-15"],
    ["2024-01-15", -13, "2022-12-15"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2024-06-30", 0, "2024-06-30"]
  ])("addMonths(%s, %i) = %s (clamped to the month end)", (from, n, to) => {
    expect(LocalDate.addMonths(d(from), n)).toBe(to)
  })

  it("addYears keeps the day, 29 February becomes 28 February in a common year", () => {
    expect(LocalDate.addYears(d("2024-02-29"), 1)).toBe("2025-02-28")
    expect(LocalDate.addYears(d("2024-02-29"), 4)).toBe("2028-02-29")
    expect(LocalDate.addYears(d("2024-02-29"), -4)).toBe("2020-02-29")
    expect(LocalDate.addYears(d("2096-02-29"), 4)).toBe("2100-02-28")
    expect(LocalDate.addYears(d("2020-07-01"), 5)).toBe("2025-07-01")
  })

  it("differenceInDays counts calendar days, later minus earlier", () => {
    expect(LocalDate.differenceInDays(d("2024-03-01"), d("2024-02-28"))).toBe(2)
    expect(LocalDate.differenceInDays(d("2023-03-01"), d("2023-02-28"))).toBe(1)
    expect(LocalDate.differenceInDays(d("2024-02-28"), d("2024-03-01"))).toBe(-2)
    expect(LocalDate.differenceInDays(d("2025-01-01"), d("2024-01-01"))).toBe(366)
    expect(LocalDate.differenceInDays(d("1901-01-01"), d("1900-01-01"))).toBe(365)
    expect(LocalDate.differenceInDays(d("2001-01-01"), d("2000-01-01"))).toBe(366)
  })

  test.prop([dateIn1900to2100, fc.integer({ min: -40_000, max: 40_000 })])(
    "addDays and differenceInDays are inverse",
    (x, n) => {
      const y = LocalDate.addDays(x, n)
      expect(LocalDate.differenceInDays(y, x)).toBe(n)
      expect(LocalDate.addDays(y, -n)).toBe(x)
    }
  )

  test.prop([dateIn1900to2100, dateIn1900to2100])("addDays(b, differenceInDays(a, b)) === a", (a, b) => {
    expect(LocalDate.addDays(b, LocalDate.differenceInDays(a, b))).toBe(a)
  })

  test.prop([dateIn1900to2100, fc.integer({ min: -600, max: 600 })])(
    "addMonths and addYears agree with date-fns (UTC context)",
    (x, n) => {
      expect(LocalDate.addMonths(x, n)).toBe(fromUTCDay(dfns.addMonths(toUTCDay(x), n)))
      const years = Math.trunc(n / 12)
      expect(LocalDate.addYears(x, years)).toBe(fromUTCDay(dfns.addYears(toUTCDay(x), years)))
    }
  )

  test.prop([dateIn1900to2100, fc.integer({ min: -3000, max: 3000 })])(
    "addDays and differenceInDays agree with date-fns (UTC context)",
    (x, n) => {
      const y = LocalDate.addDays(x, n)
      expect(y).toBe(fromUTCDay(dfns.addDays(toUTCDay(x), n)))
      expect(LocalDate.differenceInDays(y, x)).toBe(dfns.differenceInCalendarDays(toUTCDay(y), toUTCDay(x)))
    }
  )

  test.prop([dateIn1900to2100, fc.integer({ min: -1200, max: 1200 })])(
    "addMonths never leaves the target month and keeps the day when it exists",
    (x, n) => {
      const y = LocalDate.addMonths(x, n)
      const monthIndex = (v: LocalDate) => LocalDate.year(v) * 12 + LocalDate.month(v) - 1
      expect(monthIndex(y) - monthIndex(x)).toBe(n)
      const dim = LocalDate.daysInMonth(LocalDate.year(y), LocalDate.month(y))
      expect(LocalDate.day(y)).toBe(Math.min(LocalDate.day(x), dim))
    }
  )
})

describe("calendar helpers", () => {
  it("start and end of year and month", () => {
    expect(LocalDate.startOfYear(2024)).toBe("2024-01-01")
    expect(LocalDate.endOfYear(2024)).toBe("2024-12-31")
    expect(LocalDate.startOfMonth(d("2024-02-17"))).toBe("2024-02-01")
    expect(LocalDate.endOfMonth(d("2024-02-10"))).toBe("2024-02-29")
    expect(LocalDate.endOfMonth(d("2023-02-10"))).toBe("2023-02-28")
    expect(LocalDate.endOfMonth(d("1900-02-01"))).toBe("1900-02-28")
    expect(LocalDate.endOfMonth(d("2024-04-30"))).toBe("2024-04-30")
    expect(LocalDate.endOfMonth(d("2024-12-01"))).toBe("2024-12-31")
  })

  test.prop([dateIn1900to2100])("endOfMonth agrees with date-fns (UTC context)", (x) => {
    expect(LocalDate.endOfMonth(x)).toBe(fromUTCDay(dfns.lastDayOfMonth(toUTCDay(x))))
  })

  it("today reads the calendar day in Vietnam (UTC+07:00) from an explicit instant", () => {
    expect(LocalDate.today(new Date("2024-06-30T16:59:59.999Z"))).toBe("2024-06-30")
    expect(LocalDate.today(new Date("2024-06-30T17:00:00.000Z"))).toBe("2024-07-01")
    expect(LocalDate.today(Date.UTC(2024, 11, 31, 17))).toBe("2025-01-01")
    expect(LocalDate.today(new Date("1969-12-31T16:59:59Z"))).toBe("1969-12-31")
    expect(() => LocalDate.today(new Date(Number.NaN))).toThrow(ArithmeticError)
  })
})

describe("time zones", () => {
  const initialTz = process.env["TZ"]
  afterEach(() => {
    if (initialTz === undefined) delete process.env["TZ"]
    else process.env["TZ"] = initialTz
  })

  // Days zones skipped or around DST changes, month ends, leap days.
  const probes = [
    "1900-02-28",
    "1975-06-13",
    "1994-12-30",
    "1994-12-31",
    "1995-01-01",
    "2011-12-29",
    "2011-12-30",
    "2011-12-31",
    "2018-11-03",
    "2018-11-04",
    "2024-01-31",
    "2024-02-29",
    "2024-03-10",
    "2024-03-31",
    "2024-10-31",
    "2024-12-31",
    "2100-02-28"
  ].map(d)
  const fingerprint = (): string =>
    JSON.stringify(
      probes.map((x) => [
        LocalDate.addDays(x, 1),
        LocalDate.addDays(x, -1),
        LocalDate.addMonths(x, 1),
        LocalDate.addMonths(x, -1),
        LocalDate.addYears(x, 1),
        LocalDate.toDayNumber(x),
        LocalDate.endOfMonth(x),
        LocalDate.differenceInDays(x, d("2000-01-01")),
        LocalDate.parse(LocalDate.formatVi(x)),
        LocalDate.today(Date.UTC(LocalDate.year(x), LocalDate.month(x) - 1, LocalDate.day(x), 16, 59)),
        LocalDate.today(Date.UTC(LocalDate.year(x), LocalDate.month(x) - 1, LocalDate.day(x), 17, 0))
      ])
    )

  it("results are the same under every TZ, including zones that skipped a day", () => {
    process.env["TZ"] = "UTC"
    const reference = fingerprint()
    const offsets = new Set<number>()
    for (const tz of ["Asia/Ho_Chi_Minh", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Apia", "America/Sao_Paulo"]) {
      process.env["TZ"] = tz
      offsets.add(new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset())
      expect(fingerprint(), tz).toBe(reference)
    }
    // the zones really were applied (otherwise the comparison above proves nothing)
    expect(offsets.size).toBeGreaterThanOrEqual(4)
    expect(reference).toContain('"1995-01-01"')
    expect(reference).toContain('"2024-02-29"')
  })
})

describe("schema", () => {
  const decode = Schema.decodeUnknownSync(LocalDate.schema)
  const decodeText = Schema.decodeUnknownSync(LocalDate.fromText)

  it("decodes strict ISO and refuses everything else", () => {
    expect(decode("2024-02-29")).toBe("2024-02-29")
    expect(() => decode("2023-02-29")).toThrow(/YYYY-MM-DD/)
    expect(() => decode("30/06/2024")).toThrow()
    expect(() => decode(20240630)).toThrow()
    expect(Schema.encodeSync(LocalDate.schema)(d("2024-06-30"))).toBe("2024-06-30")
  })

  it("fromText decodes Vietnamese forms and encodes ISO", () => {
    expect(decodeText("30/6/2024")).toBe("2024-06-30")
    expect(decodeText("ngày 1 tháng 7 năm 2025")).toBe("2025-07-01")
    expect(() => decodeText("31/04/2024")).toThrow(/April 2024 has 30 days/)
    expect(Schema.encodeSync(LocalDate.fromText)(d("2024-06-30"))).toBe("2024-06-30")
  })

  test.prop([dateIn1900to2100])("schema round trip through JSON", (x) => {
    expect(decode(JSON.parse(JSON.stringify(Schema.encodeSync(LocalDate.schema)(x))))).toBe(x)
  })
})
