import { fc, test } from "@fast-check/vitest"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import type * as Citation from "../src/values/Citation.js"
import * as DateRange from "../src/values/DateRange.js"
import { LookupError, ValidationError } from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Parameter from "../src/values/Parameter.js"

const d = (text: string): LocalDate.LocalDate => LocalDate.parseOrThrow(text)

const instrument = (number: string, kind: Citation.InstrumentKind, effective: string): Citation.Instrument => ({
  number,
  kind,
  issuer: "test fixture",
  title: "test fixture",
  effective: d(effective)
})
const jc26: Citation.Citation = {
  instrument: instrument("26/2014/TTLT-BTC-BCT", "joint-circular", "2014-04-08"),
  article: "4",
  grade: "primary"
}
const tt28: Citation.Citation = {
  instrument: instrument("28/2018/TT-BTC", "circular", "2018-05-11"),
  article: "4",
  clause: "1",
  grade: "secondary"
}
const reform: Citation.Citation = {
  instrument: instrument("what-if 2026", "other", "2026-01-01"),
  grade: "unconfirmed",
  note: "reform scenario"
}

const cap = Parameter.makeOrThrow({
  id: "machinery.cap",
  description: "Cap on machinery support per establishment (mức hỗ trợ tối đa)",
  unit: "VND",
  values: [
    { from: d("2014-04-08"), value: 200_000_000n, citation: jc26 },
    { from: d("2018-05-11"), value: 300_000_000n, citation: tt28 }
  ]
})
const bounded = Parameter.makeOrThrow({ ...cap, id: "bounded", until: d("2025-10-14") })

const lookupError = <T>(p: Parameter.Parameter<T>, date: LocalDate.LocalDate): LookupError => {
  const r = Parameter.at(p, date)
  if (r.ok) throw new Error(`expected no value at ${date}`)
  return r.error
}

describe("make", () => {
  it("accepts a well-formed parameter and copies it", () => {
    const values = [{ from: d("2020-01-01"), value: 1, citation: tt28 }]
    const r = Parameter.make({ id: "x", description: "x", values })
    expect(r.ok).toBe(true)
    values.push({ from: d("2019-01-01"), value: 2, citation: tt28 })
    if (r.ok) {
      expect(r.value.values).toHaveLength(1)
      expect(Object.isFrozen(r.value)).toBe(true)
      expect(Object.keys(r.value)).toEqual(["id", "description", "values"])
    }
  })

  const issues = <T>(def: Parameter.Parameter<T>): Array<[string, ReadonlyArray<string | number>]> => {
    const r = Parameter.make(def)
    return r.ok ? [] : r.error.issues.map((i) => [i.code, i.path])
  }

  it("needs at least one value", () => {
    expect(issues({ id: "x", description: "x", values: [] })).toEqual([["parameter/no-values", ["values"]]])
  })

  it("from must be strictly increasing", () => {
    expect(
      issues({
        id: "x",
        description: "x",
        values: [
          { from: d("2020-01-01"), value: 1, citation: tt28 },
          { from: d("2020-01-01"), value: 2, citation: tt28 },
          { from: d("2019-01-01"), value: 3, citation: tt28 }
        ]
      })
    ).toEqual([
      ["parameter/from-not-increasing", ["values", 1, "from"]],
      ["parameter/from-not-increasing", ["values", 2, "from"]]
    ])
  })

  it("every value needs a citation with a grade", () => {
    const { grade: _g, ...noGrade } = tt28
    expect(
      issues({
        id: "x",
        description: "x",
        values: [
          { from: d("2020-01-01"), value: 1, citation: undefined as unknown as Citation.Citation },
          { from: d("2021-01-01"), value: 2, citation: noGrade as Citation.Citation },
          { from: d("2022-01-01"), value: 3, citation: { ...tt28, grade: "maybe" as Citation.Grade } },
          { from: d("2023-01-01"), value: 4, citation: { ...tt28, instrument: { ...tt28.instrument, number: "" } } }
        ]
      })
    ).toEqual([
      ["parameter/missing-citation", ["values", 0, "citation"]],
      ["parameter/missing-grade", ["values", 1, "citation", "grade"]],
      ["citation/invalid-grade", ["values", 2, "citation", "grade"]],
      ["citation/missing-instrument-number", ["values", 3, "citation", "instrument", "number"]]
    ])
  })

  it("until must not be before the last from; dates must be real days", () => {
    expect(
      issues({ id: "x", description: "x", values: [{ from: d("2020-01-01"), value: 1, citation: tt28 }], until: d("2019-12-31") })
    ).toEqual([["parameter/until-before-last-from", ["until"]]])
    expect(
      issues({ id: "x", description: "x", values: [{ from: d("2020-01-01"), value: 1, citation: tt28 }], until: d("2020-01-01") })
    ).toEqual([])
    expect(
      issues({ id: "x", description: "x", values: [{ from: "2020-02-30" as LocalDate.LocalDate, value: 1, citation: tt28 }] })
    ).toEqual([["parameter/invalid-date", ["values", 0, "from"]]])
    expect(issues({ id: "", description: "x", values: [{ from: d("2020-01-01"), value: 1, citation: tt28 }] })).toEqual([
      ["parameter/missing-id", ["id"]]
    ])
  })

  it("makeOrThrow throws the ValidationError", () => {
    expect(() => Parameter.makeOrThrow({ id: "x", description: "x", values: [] })).toThrow(ValidationError)
  })
})

describe("at", () => {
  it("returns the value in force with its citation and days", () => {
    expect(Parameter.at(cap, d("2018-05-10"))).toEqual({
      ok: true,
      value: {
        parameterId: "machinery.cap",
        value: 200_000_000n,
        from: "2014-04-08",
        until: "2018-05-10",
        citation: jc26
      }
    })
    const r = Parameter.atOrThrow(cap, d("2018-05-11"))
    expect(r).toEqual({ parameterId: "machinery.cap", value: 300_000_000n, from: "2018-05-11", citation: tt28 })
    expect(Object.hasOwn(r, "until")).toBe(false)
    expect(Parameter.atOrThrow(cap, d("2014-04-08")).value).toBe(200_000_000n)
    expect(Parameter.atOrThrow(cap, d("9999-12-31")).value).toBe(300_000_000n)
    expect(Parameter.atOrThrow(bounded, d("2025-10-14"))).toMatchObject({ value: 300_000_000n, until: "2025-10-14" })
  })

  it("a date before the first value is a LookupError, never a default", () => {
    const e = lookupError(cap, d("2014-04-07"))
    expect(e).toBeInstanceOf(LookupError)
    expect(e.code).toBe("parameter/no-value-at-date")
    expect(e.at).toBe("2014-04-07")
    expect(e.path).toEqual(["machinery.cap"])
    expect(e.message).toContain("tham số")
    expect(e.message).toContain("machinery.cap")
    expect(e.message).toContain("2014-04-08")
  })

  it("a date after until is a LookupError", () => {
    const e = lookupError(bounded, d("2025-10-15"))
    expect(e.code).toBe("parameter/no-value-at-date")
    expect(e.at).toBe("2025-10-15")
    expect(e.message).toContain("2025-10-14")
    expect(() => Parameter.atOrThrow(bounded, d("2025-10-15"))).toThrow(LookupError)
  })

  it("series lists every value with its days", () => {
    expect(Parameter.series(bounded).map((r) => [r.from, r.until, r.value])).toEqual([
      ["2014-04-08", "2018-05-10", 200_000_000n],
      ["2018-05-11", "2025-10-14", 300_000_000n]
    ])
    expect(Parameter.coverage(bounded)).toEqual({ start: "2014-04-08", end: "2025-10-14" })
    expect(Parameter.coverage(cap)).toEqual({ start: "2014-04-08" })
  })
})

// Arbitrary parameters: 1–6 values with increasing from days in 2000–2040, optional until.
const citationArb = fc.constantFrom(jc26, tt28, reform)
const dayIn = (min: string, max: string) =>
  fc.integer({ min: LocalDate.toDayNumber(d(min)), max: LocalDate.toDayNumber(d(max)) }).map(LocalDate.fromDayNumber)
const parameterArb: fc.Arbitrary<Parameter.Parameter<number>> = fc
  .tuple(
    fc.uniqueArray(dayIn("2000-01-01", "2040-12-31"), { minLength: 1, maxLength: 6 }),
    fc.array(citationArb, { minLength: 6, maxLength: 6 }),
    fc.option(fc.integer({ min: 0, max: 3000 }), { nil: undefined })
  )
  .map(([froms, citations, untilOffset]) => {
    const sorted = [...froms].sort(LocalDate.compare)
    const values = sorted.map((from, i) => ({ from, value: i + 1, citation: citations[i] ?? tt28 }))
    const last = sorted[sorted.length - 1] as LocalDate.LocalDate
    return Parameter.makeOrThrow(
      untilOffset === undefined
        ? { id: "p", description: "property parameter", values }
        : { id: "p", description: "property parameter", values, until: LocalDate.addDays(last, untilOffset) }
    )
  })
const anyDay = dayIn("1995-01-01", "2055-12-31")

/** Brute force reference: the latest value whose from ≤ date, unless after until. */
const reference = <T>(p: Parameter.Parameter<T>, date: LocalDate.LocalDate): Parameter.Value<T> | undefined => {
  if (p.until !== undefined && date > p.until) return undefined
  let found: Parameter.Value<T> | undefined
  for (const v of p.values) if (v.from <= date) found = v
  return found
}

describe("at (properties)", () => {
  test.prop([parameterArb, anyDay])("returns the latest value whose from ≤ date", (p, date) => {
    const expected = reference(p, date)
    const r = Parameter.at(p, date)
    if (expected === undefined) {
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.at).toBe(date)
    } else {
      expect(r.ok).toBe(true)
      if (r.ok) {
        expect(r.value.value).toBe(expected.value)
        expect(r.value.from).toBe(expected.from)
        expect(r.value.citation).toBe(expected.citation)
        expect(r.value.from <= date).toBe(true)
        expect(r.value.until === undefined || date <= r.value.until).toBe(true)
      }
    }
  })

  test.prop([parameterArb])("series tiles the coverage without gaps or overlaps", (p) => {
    const s = Parameter.series(p)
    s.forEach((r, i) => {
      const next = s[i + 1]
      if (next !== undefined) expect(r.until).toBe(LocalDate.addDays(next.from, -1))
      else expect(r.until).toBe(p.until)
      if (r.until !== undefined) expect(r.from <= r.until).toBe(true)
    })
  })
})

describe("override", () => {
  it("a range inside a value splits it in two", () => {
    const p = Parameter.overrideOrThrow(cap, DateRange.ofYear(2026), 500_000_000n, reform)
    expect(Parameter.series(p).map((r) => [r.from, r.until, r.value, r.citation.grade])).toEqual([
      ["2014-04-08", "2018-05-10", 200_000_000n, "primary"],
      ["2018-05-11", "2025-12-31", 300_000_000n, "secondary"],
      ["2026-01-01", "2026-12-31", 500_000_000n, "unconfirmed"],
      ["2027-01-01", undefined, 300_000_000n, "secondary"]
    ])
    // the original is untouched
    expect(Parameter.atOrThrow(cap, d("2026-06-30")).value).toBe(300_000_000n)
  })

  it("an open-ended range replaces everything from its start", () => {
    const p = Parameter.overrideOrThrow(bounded, { start: d("2016-01-01") }, 1n, reform)
    expect(Parameter.series(p).map((r) => [r.from, r.until, r.value])).toEqual([
      ["2014-04-08", "2015-12-31", 200_000_000n],
      ["2016-01-01", undefined, 1n]
    ])
  })

  it("a range past until extends the coverage; one before the first value extends it back", () => {
    const later = Parameter.overrideOrThrow(bounded, DateRange.makeOrThrow(d("2025-01-01"), d("2030-12-31")), 7n, reform)
    expect(later.until).toBe("2030-12-31")
    expect(Parameter.atOrThrow(later, d("2030-12-31")).value).toBe(7n)
    expect(Parameter.at(later, d("2031-01-01")).ok).toBe(false)
    const earlier = Parameter.overrideOrThrow(cap, DateRange.makeOrThrow(d("2010-01-01"), d("2014-04-07")), 9n, reform)
    expect(Parameter.series(earlier).map((r) => [r.from, r.value])).toEqual([
      ["2010-01-01", 9n],
      ["2014-04-08", 200_000_000n],
      ["2018-05-11", 300_000_000n]
    ])
  })

  it("an override that would leave days without a value fails", () => {
    const before = Parameter.override(cap, DateRange.makeOrThrow(d("2010-01-01"), d("2010-12-31")), 9n, reform)
    expect(before.ok).toBe(false)
    if (!before.ok) expect(before.error.code).toBe("parameter/override-leaves-gap")
    const after = Parameter.override(bounded, { start: d("2027-01-01") }, 9n, reform)
    expect(after.ok).toBe(false)
    if (!after.ok) expect(after.error.code).toBe("parameter/override-leaves-gap")
    // adjacent is fine
    expect(Parameter.override(bounded, { start: d("2025-10-15") }, 9n, reform).ok).toBe(true)
  })

  it("an override citation without a grade fails", () => {
    const { grade: _g, ...noGrade } = reform
    const r = Parameter.override(cap, DateRange.ofYear(2026), 1n, noGrade as Citation.Citation)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues.map((i) => i.code)).toContain("parameter/missing-grade")
  })

  const rangeArb: fc.Arbitrary<DateRange.DateRange> = fc
    .tuple(dayIn("1998-01-01", "2045-12-31"), fc.option(fc.integer({ min: 0, max: 4000 }), { nil: undefined }))
    .map(([start, length]) => (length === undefined ? { start } : { start, end: LocalDate.addDays(start, length) }))

  test.prop([parameterArb, rangeArb, anyDay])(
    "never changes lookups outside its range, and answers the new value inside it",
    (p, range, date) => {
      const r = Parameter.override(p, range, 999, reform)
      if (!r.ok) {
        // only refused when the range would leave a gap next to the existing coverage
        expect(r.error.code).toBe("parameter/override-leaves-gap")
        const cov = Parameter.coverage(p) as DateRange.DateRange
        expect(DateRange.overlaps(cov, range)).toBe(false)
        return
      }
      const q = r.value
      const before = Parameter.at(p, date)
      const after = Parameter.at(q, date)
      if (DateRange.contains(range, date)) {
        expect(after.ok).toBe(true)
        if (after.ok) {
          expect(after.value.value).toBe(999)
          expect(after.value.citation).toBe(reform)
        }
      } else {
        expect(after.ok).toBe(before.ok)
        if (after.ok && before.ok) {
          expect(after.value.value).toBe(before.value.value)
          expect(after.value.citation).toBe(before.value.citation)
        }
      }
    }
  )
})

describe("schema", () => {
  const capSchema = Parameter.schema(Schema.BigIntFromString)

  it("round trip through JSON with bigint values as strings", () => {
    const encoded = Schema.encodeSync(capSchema)(bounded)
    const json = JSON.parse(JSON.stringify(encoded)) as { values: Array<{ value: unknown }> }
    expect(json.values[0]?.value).toBe("200000000")
    const decoded = Schema.decodeUnknownSync(capSchema)(json)
    expect(Parameter.atOrThrow(decoded, d("2020-01-01")).value).toBe(300_000_000n)
    expect(decoded.until).toBe("2025-10-14")
  })

  it("decoding checks the invariants of make", () => {
    const json = JSON.parse(JSON.stringify(Schema.encodeSync(capSchema)(cap))) as { values: Array<{ from: string }> }
    const swapped = { ...json, values: [...json.values].reverse() }
    expect(() => Schema.decodeUnknownSync(capSchema)(swapped)).toThrow(/not after the previous value/)
    expect(() => Schema.decodeUnknownSync(capSchema)({ ...json, values: [] })).toThrow(/has no values/)
  })
})
