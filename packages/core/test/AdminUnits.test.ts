/**
 * Administrative units: the 23 mergers and 11 unchanged units of Resolution 202/2025/QH15 (from
 * rules-2025-plus-notes.md B1–B3), the 63 and 34 code lists (Decision 124/2004/QĐ-TTg as updated,
 * Decision 19/2025/QĐ-TTg), all written out here by hand, not read from the corpus; reused codes
 * resolving differently before and after 2025-07-01, successors of old codes, typed errors, name
 * lookup, and the central-cities parameter of the corpus against the units. (The corpus files
 * against the shared CSV: packages/law/test/admin-units.test.ts.)
 */
import { describe, expect, it } from "vitest"
import * as AdminUnits from "../src/records/AdminUnits.js"
import * as Corpus from "../src/rules/Corpus.js"
import * as Citation from "../src/values/Citation.js"
import * as Errors from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"

const d = LocalDate.parseOrThrow
const LAST_OLD = d("2025-06-30")
const FIRST_NEW = d("2025-07-01")

/** Codes of the 63 provinces in force until 2025-06-30 (Decision 124/2004/QĐ-TTg as updated). */
const CODES_63: ReadonlyArray<string> = [
  "01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25", "26",
  "27", "30", "31", "33", "34", "35", "36", "37", "38", "40", "42", "44", "45", "46", "48", "49", "51",
  "52", "54", "56", "58", "60", "62", "64", "66", "67", "68", "70", "72", "74", "75", "77", "79", "80",
  "82", "83", "84", "86", "87", "89", "91", "92", "93", "94", "95", "96"
]

/** Codes of the 34 provinces from 2025-07-01 (Decision 19/2025/QĐ-TTg). */
const CODES_34: ReadonlyArray<string> = [
  "01", "04", "08", "11", "12", "14", "15", "19", "20", "22", "24", "25", "31", "33", "37", "38", "40",
  "42", "44", "46", "48", "51", "52", "56", "66", "68", "75", "79", "80", "82", "86", "91", "92", "96"
]

/** New code → [new short name, old codes merged into it] (rules-2025-plus-notes.md B3). */
const mergers: ReadonlyArray<readonly [string, string, ReadonlyArray<string>]> = [
  ["08", "Tuyên Quang", ["02", "08"]],
  ["15", "Lào Cai", ["10", "15"]],
  ["19", "Thái Nguyên", ["06", "19"]],
  ["25", "Phú Thọ", ["17", "25", "26"]],
  ["24", "Bắc Ninh", ["24", "27"]],
  ["33", "Hưng Yên", ["33", "34"]],
  ["31", "Hải Phòng", ["30", "31"]],
  ["37", "Ninh Bình", ["35", "36", "37"]],
  ["44", "Quảng Trị", ["44", "45"]],
  ["48", "Đà Nẵng", ["48", "49"]],
  ["51", "Quảng Ngãi", ["51", "62"]],
  ["52", "Gia Lai", ["52", "64"]],
  ["56", "Khánh Hòa", ["56", "58"]],
  ["68", "Lâm Đồng", ["60", "67", "68"]],
  ["66", "Đắk Lắk", ["54", "66"]],
  ["79", "Hồ Chí Minh", ["74", "77", "79"]],
  ["75", "Đồng Nai", ["70", "75"]],
  ["80", "Tây Ninh", ["72", "80"]],
  ["92", "Cần Thơ", ["92", "93", "94"]],
  ["96", "Cà Mau", ["95", "96"]],
  ["91", "An Giang", ["89", "91"]],
  ["82", "Đồng Tháp", ["82", "87"]],
  ["86", "Vĩnh Long", ["83", "84", "86"]]
]

/** The 11 units not rearranged (laodong list). */
const unchanged: ReadonlyArray<readonly [string, string]> = [
  ["01", "Hà Nội"],
  ["04", "Cao Bằng"],
  ["11", "Điện Biên"],
  ["12", "Lai Châu"],
  ["14", "Sơn La"],
  ["20", "Lạng Sơn"],
  ["22", "Quảng Ninh"],
  ["38", "Thanh Hóa"],
  ["40", "Nghệ An"],
  ["42", "Hà Tĩnh"],
  ["46", "Huế"]
]

/** Codes that name a different province after 2025-07-01: [code, before, after]. */
const reused: ReadonlyArray<readonly [string, string, string]> = [
  ["15", "Yên Bái", "Lào Cai"],
  ["24", "Bắc Giang", "Bắc Ninh"],
  ["44", "Quảng Bình", "Quảng Trị"],
  ["52", "Bình Định", "Gia Lai"],
  ["80", "Long An", "Tây Ninh"],
  ["82", "Tiền Giang", "Đồng Tháp"],
  ["91", "Kiên Giang", "An Giang"]
]

describe("the 34 provinces from 2025-07-01 and the 63 before", () => {
  it("63 provinces on 2025-06-30, 34 on 2025-07-01, as in the code lists of Decisions 124/2004 and 19/2025", () => {
    expect(AdminUnits.provincesOn(LAST_OLD).map((p) => p.code)).toEqual([...CODES_63])
    expect(AdminUnits.provincesOn(FIRST_NEW).map((p) => p.code)).toEqual([...CODES_34])
    expect(AdminUnits.provinceCodesOn(LAST_OLD)).toEqual([...CODES_63])
    expect(AdminUnits.provinceCodesOn(FIRST_NEW)).toEqual([...CODES_34])
    expect(AdminUnits.provincesOn(d("2030-12-31")).length).toBe(34)
  })

  it("the reorganisation day is 2025-07-01, read from the corpus", () => {
    expect(AdminUnits.reorganisationDay()).toBe("2025-07-01")
  })

  it("a province code is one that names a province on some day", () => {
    expect([...CODES_63, ...CODES_34].every(AdminUnits.isProvinceCode)).toBe(true)
    expect(["00", "03", "99", "1", "010", ""].some(AdminUnits.isProvinceCode)).toBe(false)
  })

  it("23 mergers of 52 old units and 11 unchanged units cover the 63 old codes exactly once", () => {
    const olds = [...mergers.flatMap(([, , o]) => o), ...unchanged.map(([c]) => c)].sort()
    expect(mergers.length).toBe(23)
    expect(mergers.flatMap(([, , o]) => o).length).toBe(52)
    expect(unchanged.length).toBe(11)
    expect(olds).toEqual([...CODES_63].sort())
    expect(mergers.length + unchanged.length).toBe(34)
  })

  it.each(mergers)("merger into %s %s", (code, name, olds) => {
    const p = AdminUnits.provinceOnOrThrow(code, FIRST_NEW)
    expect(p.shortName).toBe(name)
    expect(p.validFrom).toBe("2025-07-01")
    expect(AdminUnits.predecessorsOf(code).map((o) => o.code)).toEqual([...olds])
    for (const old of olds) {
      const s = AdminUnits.successorOfOrThrow(old, d("2024-01-01"))
      expect(s.change, old).toBe("merged")
      expect(s.successor.code, old).toBe(code)
      expect(s.successor.shortName, old).toBe(name)
      expect(s.codeChanged, old).toBe(old !== code)
      expect(s.citation.instrument.number, old).toBe("202/2025/QH15")
      expect(Citation.validate(s.citation).ok, old).toBe(true)
    }
  })

  it.each(unchanged)("unchanged %s %s", (code, name) => {
    const before = AdminUnits.provinceOnOrThrow(code, LAST_OLD)
    const after = AdminUnits.provinceOnOrThrow(code, FIRST_NEW)
    expect(before.shortName).toBe(name)
    expect(after.shortName).toBe(name)
    expect(AdminUnits.predecessorsOf(code).map((o) => o.code)).toEqual([code])
    const s = AdminUnits.successorOfOrThrow(code, d("2023-06-30"))
    expect([s.change, s.successor.code, s.codeChanged, s.reusedCode]).toEqual(["unchanged", code, false, false])
  })

  it("the six centrally-run cities of 2025 (28 provinces + 6 cities)", () => {
    const all = AdminUnits.provincesOn(FIRST_NEW)
    expect(all.filter((p) => p.kind === "centrally-run-city").map((p) => p.shortName)).toEqual(["Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"])
    expect(all.filter((p) => p.kind === "province").length).toBe(28)
  })

  it("Merger clauses read in Resolution 202/2025 are primary, the others secondary", () => {
    expect(AdminUnits.successorOfOrThrow("02", d("2024-01-01")).citation).toMatchObject({ article: "1", clause: "1", grade: "primary" })
    expect(AdminUnits.successorOfOrThrow("15", d("2024-01-01")).citation).toMatchObject({ article: "1", clause: "2", grade: "primary" })
    expect(AdminUnits.successorOfOrThrow("06", d("2024-01-01")).citation.grade).toBe("secondary")
  })
})

describe("codes keyed by code AND date", () => {
  it.each(reused)("code %s is %s until 2025-06-30 and %s from 2025-07-01", (code, before, after) => {
    expect(AdminUnits.provinceOnOrThrow(code, LAST_OLD).shortName).toBe(before)
    expect(AdminUnits.provinceOnOrThrow(code, FIRST_NEW).shortName).toBe(after)
    expect(AdminUnits.versionsOf(code).map((v) => [v.validFrom, v.validUntil])).toEqual([
      [undefined, "2025-06-30"],
      ["2025-07-01", undefined]
    ])
    expect(AdminUnits.successorOfOrThrow(code, LAST_OLD).reusedCode).toBe(true)
  })

  it("exactly seven codes are reused for another province", () => {
    expect(AdminUnits.reusedCodes()).toEqual(reused.map(([c]) => c))
  })

  it("an establishment recorded under Lào Cai (10) before the reform belongs to Lào Cai 15 after it, whose code was Yên Bái's", () => {
    const s = AdminUnits.successorOfOrThrow("10", d("2024-09-10"))
    expect([s.recorded.name, s.successor.code, s.successor.name, s.codeChanged, s.reusedCode]).toEqual(["Tỉnh Lào Cai", "15", "Lào Cai", true, true])
    // The bare code 10 names nothing after the reform; code 15 recorded in 2024 is Yên Bái, not Lào Cai.
    expect(AdminUnits.provinceOn("10", FIRST_NEW).ok).toBe(false)
    expect(AdminUnits.provinceOnOrThrow("15", d("2024-09-10")).shortName).toBe("Yên Bái")
  })

  it("a code recorded on or after 2025-07-01 is already current (change: none)", () => {
    const s = AdminUnits.successorOfOrThrow("15", d("2025-11-01"))
    expect([s.change, s.recorded.shortName, s.successor.shortName]).toEqual(["none", "Lào Cai", "Lào Cai"])
  })

  it("closed codes fail with a typed error naming the date and when the code was valid", () => {
    const r = AdminUnits.provinceOn("02", FIRST_NEW)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toBeInstanceOf(AdminUnits.ProvinceCodeError)
    expect(r.error).toBeInstanceOf(Errors.LookupError)
    expect(r.error._tag).toBe("LookupError")
    expect([r.error.code, r.error.provinceCode, r.error.date, r.error.at]).toEqual(["admin-units/code-not-in-force", "02", "2025-07-01", "2025-07-01"])
    expect(r.error.validity).toEqual([{ name: "Tỉnh Hà Giang", validUntil: "2025-06-30" }])
    expect(r.error.message).toMatch(/successorOf/)
    const s = AdminUnits.successorOf("02", d("2025-08-01"))
    expect(s.ok ? "ok" : s.error.code).toBe("admin-units/code-not-in-force")
    expect(() => AdminUnits.provinceOnOrThrow("45", FIRST_NEW)).toThrow(AdminUnits.ProvinceCodeError)
  })

  it("a code that never named a province, or is not two digits, fails too", () => {
    const unknown = AdminUnits.provinceOn("03", LAST_OLD)
    expect(unknown.ok ? "ok" : unknown.error.code).toBe("admin-units/unknown-code")
    const bad = AdminUnits.provinceOn("1", LAST_OLD)
    expect(bad.ok ? "ok" : bad.error.code).toBe("admin-units/invalid-code")
  })

  it("every closed code (29) fails from 2025-07-01 and maps to its successor", () => {
    const closed = CODES_63.filter((c) => !CODES_34.includes(c))
    expect(closed.length).toBe(29)
    for (const c of closed) {
      expect(AdminUnits.provinceOn(c, FIRST_NEW).ok, c).toBe(false)
      expect(AdminUnits.successorOfOrThrow(c, LAST_OLD).codeChanged, c).toBe(true)
    }
  })
})

describe("later change: Đồng Nai a centrally-run city from 2026-04-30 (unconfirmed)", () => {
  it("75 is a province until 2026-04-29 and a city from 2026-04-30, graded unconfirmed", () => {
    const before = AdminUnits.provinceOnOrThrow("75", d("2026-04-29"))
    const after = AdminUnits.provinceOnOrThrow("75", d("2026-04-30"))
    expect([before.kind, before.citation.grade]).toEqual(["province", "secondary"])
    expect([after.kind, after.name, after.citation.grade]).toEqual(["centrally-run-city", "Thành phố Đồng Nai", "unconfirmed"])
    expect(after.citation.instrument.number).toBe("30/2026/QH16")
  })

  it("successorOf with asOf gives the successor's version at that day", () => {
    expect(AdminUnits.successorOfOrThrow("70", d("2024-01-01")).successor.kind).toBe("province")
    expect(AdminUnits.successorOfOrThrow("70", d("2024-01-01"), { asOf: d("2026-05-01") }).successor.kind).toBe("centrally-run-city")
    expect(AdminUnits.centralCitiesOn(d("2026-04-30"))).toContain("75")
  })
})

describe("the data read from the corpus", () => {
  it("has 63 old and 34 new versions (and Đồng Nai's second), and every version carries a valid citation", () => {
    expect(AdminUnits.provincesOn(LAST_OLD).length).toBe(63)
    expect(AdminUnits.provincesOn(FIRST_NEW).length).toBe(34)
    expect(AdminUnits.provinceVersions().length).toBe(63 + 34 + 1)
    for (const v of AdminUnits.provinceVersions()) expect(Citation.validate(v.citation).ok, `${v.code} ${v.name}`).toBe(true)
  })
})

describe("names", () => {
  it("a name in force on the day, with or without its prefix, in any case", () => {
    expect(AdminUnits.provinceNamed("Tỉnh Yên Bái", LAST_OLD)?.code).toBe("15")
    expect(AdminUnits.provinceNamed("yên bái", LAST_OLD)?.code).toBe("15")
    expect(AdminUnits.provinceNamed("Yên Bái", FIRST_NEW)).toBeUndefined()
    expect(AdminUnits.provinceNamed("Lào Cai", LAST_OLD)?.code).toBe("10")
    expect(AdminUnits.provinceNamed("TP. Lào Cai", FIRST_NEW)?.code).toBe("15")
    expect(AdminUnits.provinceNamed("Thành phố Đồng Nai", d("2026-04-30"))?.kind).toBe("centrally-run-city")
    expect(AdminUnits.nameKey("Thành phố  Hồ Chí Minh ")).toBe("hồ chí minh")
  })

  it("accents count unless the caller's key folds them", () => {
    expect(AdminUnits.provinceNamed("Hòa Bình", LAST_OLD)).toBeUndefined()
    const folded = (s: string) => AdminUnits.nameKey(s).normalize("NFD").replace(/\p{M}/gu, "")
    expect(AdminUnits.provinceNamed("Hòa Bình", LAST_OLD, { key: folded })?.name).toBe("Tỉnh Hoà Bình")
  })
})

describe("the corpus parameter eligibility.location.central-cities", () => {
  const parameter = Corpus.law().parameters["eligibility.location.central-cities"]

  it("agrees with centralCitiesOn on every day it takes a value, and on the last day of each value", () => {
    expect(parameter).toBeDefined()
    const values = parameter?.values ?? []
    expect(values.map((v) => v.from)).toEqual(["2025-07-01", "2026-04-30"])
    values.forEach((v, n) => {
      expect(v.value, v.from).toEqual(AdminUnits.centralCitiesOn(v.from))
      const next = values[n + 1]
      if (next !== undefined) expect(v.value, `day before ${next.from}`).toEqual(AdminUnits.centralCitiesOn(LocalDate.addDays(next.from, -1)))
    })
  })

  it("changes on the days the units change kind, with the grade of the unit's citation", () => {
    for (const v of parameter?.values ?? []) {
      const cities = AdminUnits.provincesOn(v.from).filter((p) => p.kind === "centrally-run-city")
      const started = cities.filter((p) => p.validFrom === v.from)
      expect(started.length, v.from).toBeGreaterThan(0)
      expect(started.map((p) => p.citation.grade), v.from).toContain(v.citation.grade)
    }
  })
})
