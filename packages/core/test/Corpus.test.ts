import data from "@khuyencong/law/corpus.json" with { type: "json" }
import { describe, expect, it } from "vitest"
import * as Corpus from "../src/rules/Corpus.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Parameter from "../src/values/Parameter.js"

const D = LocalDate.parseOrThrow
const law = Corpus.law()
type Json = typeof data
const clone = (): Json => structuredClone(data)
const issues = (r: ReturnType<typeof Corpus.decode>) => (r.ok ? [] : r.error.issues.map((i) => [i.path.join("."), i.code]))

describe("the corpus of the law", () => {
  it("holds the whole history of a parameter, each value with its own citation and grade", () => {
    const cap = law.parameters["support.machinery.cap"]
    if (cap === undefined) throw new Error("no machinery cap")
    // Joint Circular 26/2014 art. 6.2.c: at most 200 million đồng per establishment, from 2014-04-08;
    // Circular 28/2018 art. 8.4: 300 million đồng from 2018-05-11 (quoted by secondary sources).
    expect(cap.values.map((v) => [v.from, v.value, v.citation.instrument.number, v.citation.article, v.citation.point ?? v.citation.clause, v.citation.grade])).toEqual([
      ["2014-04-08", 200_000_000n, "26/2014/TTLT-BTC-BCT", "6", "c", "primary"],
      ["2018-05-11", 300_000_000n, "28/2018/TT-BTC", "8", "4", "secondary"]
    ])
    expect(Parameter.atOrThrow(cap, D("2018-05-10")).value).toBe(200_000_000n)
    expect(Parameter.atOrThrow(cap, D("2018-05-11")).value).toBe(300_000_000n)
  })

  it("reads a rate written as a percent and a multiple written as a fraction", () => {
    expect(law.parameters["support.demo-model.rate"]?.values.map((v) => v.value)).toEqual([
      { numerator: 3n, denominator: 10n },
      { numerator: 3n, denominator: 10n }
    ])
    expect(law.parameters["support.technology-line.multiple"]?.values[0]?.value).toEqual({ numerator: 3n, denominator: 2n })
  })

  it("ends a parameter on a null value: the place test of Decree 45/2012 art. 1.2.a stops when Decree 235/2025 takes effect", () => {
    const p = law.parameters["eligibility.location.ward-city-classes"]
    expect(p?.until).toBe("2025-10-14")
    expect(p === undefined ? undefined : Parameter.at(p, D("2025-10-15")).ok).toBe(false)
  })

  it("holds each instrument once, with what is not confirmed of it", () => {
    expect(law.instruments.get("28/2018/TT-BTC")?.effective).toBe("2018-05-11")
    expect(law.instruments.get("26/2014/TTLT-BTC-BCT")?.expired).toBe("2018-05-11")
    expect(law.instruments.get("17/2018/TT-BCT")?.note).toMatch(/unconfirmed/)
    expect([...law.instruments.values()].filter((i) => i.status === "reported").map((i) => i.number)).toEqual(["139/2026/TT-BTC", "66/2026/TT-BCT"])
  })

  it("keeps versioned entries in date order and answers the version in force on a day", () => {
    const machinery = law.activities["machinery"]
    if (machinery === undefined) throw new Error("no machinery activity")
    // no technology-line item under Joint Circular 26/2014; 1.5 × the machinery level under Circular 28/2018 art. 8.4
    expect(Corpus.versionAt(machinery, D("2016-01-01"))?.items.map((i) => i.code)).toEqual(["machinery.equipment"])
    expect(Corpus.versionAt(machinery, D("2019-01-01"))?.items.map((i) => i.code)).toEqual(["machinery.equipment", "machinery.technology-line"])
    expect(Corpus.versionAt(machinery, D("2014-04-07"))).toBeUndefined()
    // registration by the implementing unit (Circular 36/2013 art. 10.2.a as first issued) ends with Circular 17/2018
    const unitToDoit = law.calendar["registration.unit-to-doit"]
    if (unitToDoit === undefined) throw new Error("no registration entry")
    expect(Corpus.versionAt(unitToDoit, D("2016-01-01"))?.deadline).toMatchObject({ kind: "yearly" })
    expect(Corpus.versionAt(unitToDoit, D("2019-01-01"))).toBeUndefined()
  })

  it("files provincial overlays with their resolution", () => {
    const laiChau = law.overlays["lai-chau-18-2025"]
    expect(laiChau?.instrument.number).toBe("18/2025/NQ-HĐND")
    expect(laiChau?.overlay.province).toBe("12")
    expect(laiChau?.overlay.operations).toContainEqual({ op: "lower", parameter: "support.demo-model.cap", value: 500_000_000n })
  })

  it("refuses a citation of an instrument the corpus lacks, naming where", () => {
    const j = clone()
    const p = j.parameters.find((x) => x.id === "support.machinery.cap") as { values: Record<string, { citation: { instrument: string } }> }
    ;(p.values["2018-05-11"] as { citation: { instrument: string } }).citation.instrument = "99/2099/TT-BTC"
    const n = j.parameters.findIndex((x) => x.id === "support.machinery.cap")
    expect(issues(Corpus.decode(j))).toEqual([[`parameters.${n}.values.2018-05-11.citation.instrument`, "corpus/unknown-instrument"]])
  })

  it("refuses an id given twice", () => {
    const j = clone()
    j.parameters.push(structuredClone(j.parameters[0] as (typeof j.parameters)[number]))
    expect(issues(Corpus.decode(j))).toEqual([[`parameters.${j.parameters.length - 1}.id`, "corpus/duplicate"]])
  })

  it("refuses money it cannot read and a value after an end", () => {
    const j = clone()
    const n = j.parameters.findIndex((x) => x.id === "support.machinery.cap")
    const p = j.parameters[n] as { values: Record<string, { value: unknown }> }
    ;(p.values["2018-05-11"] as { value: unknown }).value = "ba trăm triệu"
    const r = Corpus.decode(j)
    expect(r.ok).toBe(false)
    expect(r.ok ? [] : r.error.issues.map((i) => i.path.join("."))).toContain(`parameters.${n}.values.2018-05-11.value`)

    const k = clone()
    const m = k.parameters.findIndex((x) => x.id === "eligibility.location.unit-kinds")
    const q = k.parameters[m] as { values: Record<string, unknown> }
    q.values["2026-01-01"] = { value: ["commune"], citation: { instrument: "45/2012/NĐ-CP", grade: "primary" } }
    expect(issues(Corpus.decode(k))).toEqual([[`parameters.${m}.values.2026-01-01`, "corpus/value-after-end"]])
  })

  it("encodes back to the JSON it was compiled to", () => {
    const p = data.parameters.find((x) => x.id === "support.machinery.cap")
    const decoded = Corpus.decodeFile("parameter", p)
    expect(decoded.ok && Corpus.encode(Corpus.fileSchemas.parameter, decoded.value)).toEqual(p)
  })
})
