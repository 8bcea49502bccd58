import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Citation from "../src/values/Citation.js"
import { ValidationError } from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"

const d = (text: string): LocalDate.LocalDate => LocalDate.parseOrThrow(text)

const tt28: Citation.Instrument = {
  number: "28/2018/TT-BTC",
  kind: "circular",
  issuer: "Ministry of Finance (Bộ Tài chính)",
  title: "Funds for khuyến công (kinh phí khuyến công)",
  effective: d("2018-05-11")
}
const c28: Citation.Citation = { instrument: tt28, article: "4", clause: "1", point: "a", grade: "secondary" }

describe("format", () => {
  it("English: kind, number, article, clause, point and grade", () => {
    expect(Citation.format(c28)).toBe("Circular 28/2018/TT-BTC, art. 4, cl. 1, pt. a (secondary)")
    expect(
      Citation.format({
        instrument: { ...tt28, number: "45/2012/NĐ-CP", kind: "decree" },
        article: "6",
        grade: "primary"
      })
    ).toBe("Decree 45/2012/NĐ-CP, art. 6 (primary)")
    expect(
      Citation.format({ instrument: { ...tt28, number: "26/2014/TTLT-BTC-BCT", kind: "joint-circular" }, grade: "unconfirmed" })
    ).toBe("Joint Circular 26/2014/TTLT-BTC-BCT (unconfirmed)")
    expect(Citation.format({ instrument: { ...tt28, number: "Lai Châu 2025", kind: "other" }, clause: "2", grade: "provincial-copy" })).toBe(
      "Lai Châu 2025, cl. 2 (provincial copy)"
    )
  })

  it("Vietnamese: point, clause, article, then the instrument", () => {
    expect(Citation.formatVi(c28)).toBe("điểm a khoản 1 Điều 4 Thông tư 28/2018/TT-BTC")
    expect(
      Citation.formatVi({ instrument: { ...tt28, number: "46/2012/TT-BCT" }, article: "3", clause: "1", point: "đ", grade: "primary" })
    ).toBe("điểm đ khoản 1 Điều 3 Thông tư 46/2012/TT-BCT")
    expect(Citation.formatVi({ instrument: { ...tt28, number: "83/2015/QH13", kind: "law" }, article: "13", grade: "secondary" })).toBe(
      "Điều 13 Luật 83/2015/QH13"
    )
    expect(
      Citation.formatVi({ instrument: { ...tt28, number: "1881/QĐ-TTg", kind: "decision" }, grade: "secondary" })
    ).toBe("Quyết định 1881/QĐ-TTg")
    expect(
      Citation.formatVi({ instrument: { ...tt28, number: "26/2014/TTLT-BTC-BCT", kind: "joint-circular" }, grade: "primary" })
    ).toBe("Thông tư liên tịch 26/2014/TTLT-BTC-BCT")
  })

  it("instrument names", () => {
    expect(Citation.formatInstrument({ ...tt28, kind: "official-letter", number: "504/TB-CN" })).toBe("Official Letter 504/TB-CN")
    expect(Citation.formatInstrumentVi({ ...tt28, kind: "resolution", number: "30/2026/QH16" })).toBe("Nghị quyết 30/2026/QH16")
  })
})

describe("grades", () => {
  it("labels", () => {
    expect(Citation.grades.map((g) => Citation.gradeLabel(g))).toEqual(["primary", "secondary", "provincial copy", "unconfirmed"])
    expect(Citation.gradeLabel("unconfirmed", "vi")).toBe("chưa xác nhận")
    expect(Citation.gradeLabel("primary", "vi")).toBe("văn bản gốc")
  })

  it("only primary and secondary are settled", () => {
    expect(Citation.grades.map(Citation.isSettled)).toEqual([true, true, false, false])
  })

  it("compareGrade orders by certainty", () => {
    expect(Citation.compareGrade("primary", "secondary")).toBe(1)
    expect(Citation.compareGrade("secondary", "provincial-copy")).toBe(1)
    expect(Citation.compareGrade("unconfirmed", "provincial-copy")).toBe(-1)
    expect(Citation.compareGrade("secondary", "secondary")).toBe(0)
    expect(["primary", "unconfirmed", "secondary", "provincial-copy"].sort((a, b) => Citation.compareGrade(a as Citation.Grade, b as Citation.Grade))).toEqual([
      "unconfirmed",
      "provincial-copy",
      "secondary",
      "primary"
    ])
  })

  it("weakestGrade", () => {
    expect(Citation.weakestGrade(["primary", "unconfirmed", "secondary"])).toBe("unconfirmed")
    expect(Citation.weakestGrade(["primary", "secondary"])).toBe("secondary")
    expect(Citation.weakestGrade([])).toBe("primary")
  })

  test.prop([fc.constantFrom(...Citation.grades), fc.constantFrom(...Citation.grades)])(
    "compareGrade is antisymmetric and consistent with isSettled",
    (a, b) => {
      expect(Citation.compareGrade(a, b)).toBe(-Citation.compareGrade(b, a) || 0)
      if (Citation.isSettled(a) && !Citation.isSettled(b)) expect(Citation.compareGrade(a, b)).toBe(1)
    }
  )

  it("guards", () => {
    expect(Citation.isGrade("secondary")).toBe(true)
    expect(Citation.isGrade("S")).toBe(false)
    expect(Citation.isGrade("toString")).toBe(false)
    expect(Citation.isInstrumentKind("joint-circular")).toBe(true)
    expect(Citation.isInstrumentKind("thông tư")).toBe(false)
  })
})

describe("validate", () => {
  const codes = (u: unknown): Array<string> => {
    const r = Citation.validate(u)
    return r.ok ? [] : r.error.issues.map((i) => i.code)
  }

  it("accepts a complete citation and returns it", () => {
    expect(Citation.validate(c28)).toEqual({ ok: true, value: c28 })
    const full: Citation.Citation = {
      instrument: { ...tt28, signed: d("2018-03-26"), expired: d("2026-12-31"), amends: [], replaces: ["26/2014/TTLT-BTC-BCT"] },
      grade: "primary",
      note: "support levels",
      source: "rules-2018-2025-notes.md"
    }
    expect(Citation.validate(full).ok).toBe(true)
  })

  it("fails when the instrument number, kind or effective date, or the grade, is missing", () => {
    const { number: _n, ...noNumber } = tt28
    const { kind: _k, ...noKind } = tt28
    const { effective: _e, ...noEffective } = tt28
    const { grade: _g, ...noGrade } = c28
    expect(codes({ ...c28, instrument: noNumber })).toEqual(["citation/missing-instrument-number"])
    expect(codes({ ...c28, instrument: { ...tt28, number: "  " } })).toEqual(["citation/missing-instrument-number"])
    expect(codes({ ...c28, instrument: noKind })).toEqual(["citation/invalid-instrument-kind"])
    expect(codes({ ...c28, instrument: noEffective })).toEqual(["citation/missing-effective-date"])
    expect(codes(noGrade)).toEqual(["citation/missing-grade"])
    expect(codes({ grade: "secondary" })).toEqual(["citation/missing-instrument"])
    expect(codes(null)).toEqual(["citation/not-an-object"])
  })

  it("reports every problem with its path", () => {
    const r = Citation.validate({ instrument: { kind: "thông tư", issuer: "BTC", title: "", effective: "11/05/2018" }, grade: "S", article: 4 })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error).toBeInstanceOf(ValidationError)
      expect(r.error.issues.map((i) => [i.code, i.path])).toEqual([
        ["citation/missing-instrument-number", ["instrument", "number"]],
        ["citation/invalid-instrument-kind", ["instrument", "kind"]],
        ["citation/invalid-date", ["instrument", "effective"]],
        ["citation/invalid-grade", ["grade"]],
        ["citation/invalid-field", ["article"]]
      ])
      expect(r.error.code).toBe("citation/missing-instrument-number")
      expect(r.error.message).toContain("4 more")
    }
  })

  it("refuses days that do not exist and an expiry before the effective date", () => {
    expect(codes({ ...c28, instrument: { ...tt28, effective: "2018-02-30" } })).toEqual(["citation/invalid-date"])
    expect(codes({ ...c28, instrument: { ...tt28, expired: "2017-12-31" } })).toEqual(["citation/expired-before-effective"])
    expect(codes({ ...c28, instrument: { ...tt28, signed: undefined } })).toEqual(["citation/invalid-date"])
  })

  // Mutations of a valid citation: validate and the schema must agree on every one.
  const mutation = fc.oneof(
    fc.constant((c: Record<string, unknown>) => c),
    fc.constantFrom("instrument", "grade", "article", "note").map((k) => (c: Record<string, unknown>) => {
      const { [k]: _, ...rest } = c
      return rest
    }),
    fc.tuple(fc.constantFrom("number", "kind", "effective", "expired", "signed", "issuer", "title", "amends"), fc.jsonValue()).map(
      ([k, v]) =>
        (c: Record<string, unknown>) => ({ ...c, instrument: { ...(c["instrument"] as object), [k]: v } })
    ),
    fc.tuple(fc.constantFrom("grade", "article", "clause", "point", "note", "source"), fc.jsonValue()).map(
      ([k, v]) =>
        (c: Record<string, unknown>) => ({ ...c, [k]: v })
    ),
    fc.tuple(fc.constantFrom("effective", "expired", "signed"), fc.integer({ min: 6000, max: 30000 })).map(
      ([k, n]) =>
        (c: Record<string, unknown>) => ({ ...c, instrument: { ...(c["instrument"] as object), [k]: LocalDate.fromDayNumber(n) } })
    ),
    fc.constantFrom(...Citation.grades).map((g) => (c: Record<string, unknown>) => ({ ...c, grade: g })),
    fc.constantFrom(...Citation.instrumentKinds).map(
      (k) => (c: Record<string, unknown>) => ({ ...c, instrument: { ...(c["instrument"] as object), kind: k } })
    )
  )

  test.prop([fc.array(mutation, { maxLength: 4 })])("validate accepts exactly what the schema accepts", (ms) => {
    const u = ms.reduce((c, m) => m(c), c28 as unknown as Record<string, unknown>)
    expect(Citation.validate(u).ok).toBe(Schema.is(Citation.schema)(u))
  })
})

describe("schema", () => {
  it("JSON round trip", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(Citation.schema)(c28))) as unknown
    expect(Schema.decodeUnknownSync(Citation.schema)(json)).toEqual(c28)
  })

  it("refuses a citation without grade or with a Vietnamese date", () => {
    const { grade: _g, ...noGrade } = c28
    expect(Schema.is(Citation.schema)(noGrade)).toBe(false)
    expect(Schema.is(Citation.schema)({ ...c28, instrument: { ...tt28, effective: "11/05/2018" } })).toBe(false)
    expect(Schema.is(Citation.gradeSchema)("unconfirmed")).toBe(true)
    expect(Schema.is(Citation.gradeSchema)("U")).toBe(false)
    expect(Schema.is(Citation.instrumentKindSchema)("decree")).toBe(true)
  })
})
