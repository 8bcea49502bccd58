import { readFileSync } from "node:fs"
import { Citation, LocalDate, Overlay, Pack, Parameter } from "@khuyencong/core"
import type { RulePack } from "@khuyencong/core"
import { describe, expect, it } from "vitest"
import { advanceAssignments, dongThap, instrumentNotes, laiChau, overlays, pack } from "../src/index.js"

const { activities, advances, calendar, instruments, parameters } = pack
// Circular 28/2018/TT-BTC in force (S: TVPL-NEWS, LAWNET-TT28)
const TT28_FROM = LocalDate.parseOrThrow("2018-05-11")
// Joint Circular 26/2014 expired when Circular 28/2018 took effect (2018-05-11): a value it last
// confirmed is cited to Circular 28/2018, unconfirmed, with the 26/2014 article it was carried from.
const carriedOver = (article: string): string =>
  `Carried over from Joint Circular 26/2014/TTLT-BTC-BCT art. ${article}, which expired when Circular 28/2018/TT-BTC took effect on 2018-05-11`
const NOT_CONFIRMED = "Not confirmed for Circular 28/2018"
const levelParameters = Object.fromEntries(Object.entries(parameters).filter(([id]) => !id.startsWith("eligibility.") && !id.startsWith("priority.") || id === "priority.multiplier"))

type Value = RulePack.ParameterValue
type Fraction = { readonly numerator: bigint; readonly denominator: bigint }

const d = LocalDate.parseOrThrow
const isFraction = (v: unknown): v is Fraction =>
  typeof v === "object" && v !== null && !Array.isArray(v) && "numerator" in v && "denominator" in v
const value = (id: string, at: string = "2023-06-30"): Value => Pack.readOrThrow(pack, id, d(at)).value
const citationOf = (id: string, at: string = "2023-06-30"): Citation.Citation => Pack.readOrThrow(pack, id, d(at)).citation
const frac = (n: bigint, den: bigint): Fraction => ({ numerator: n, denominator: den })

const allCitations = () => Pack.citations(pack).map(({ where, citation }) => ({ where: where.join(" "), citation }))

describe("the 2021–2025 pack loads", () => {
  it("passes Pack.load with no issue (a PackError would name each)", () => {
    // 0.2.0: built from the corpus of the law (@khuyencong/law); figures unchanged, some notes merged
    expect(Pack.loadOrThrow(pack)).toMatchObject({ id: "vn-khuyen-cong-2021-2025", version: "0.2.0" })
  })

  it("governs decisions 2018-05-11 … 2025-10-14 and plan years 2019–2025", () => {
    expect(pack.governs.decisions.start).toBe("2018-05-11")
    expect(pack.governs.decisions.end).toBe("2025-10-14")
    expect(pack.governs.planYears).toEqual({ from: 2019, to: 2025 })
    expect(TT28_FROM).toBe("2018-05-11")
  })

  it("resolves at the first and last day of its period", () => {
    const loaded = Pack.loadOrThrow(pack)
    for (const day of ["2018-05-11", "2021-01-01", "2025-10-14"]) expect(Pack.resolve(loaded, d(day)).ok).toBe(true)
  })

  it("lists the instruments with their dates", () => {
    const byNumber = new Map(instruments.map((i) => [i.number, i]))
    expect(byNumber.get("45/2012/NĐ-CP")?.effective).toBe("2012-07-05")
    expect(byNumber.get("46/2012/TT-BCT")?.effective).toBe("2013-02-10")
    expect(byNumber.get("36/2013/TT-BCT")?.effective).toBe("2014-02-10")
    // Joint Circular 26/2014 (2014-04-08 … 2018-05-10) is in force on no day this pack governs: no value cites it
    expect(byNumber.has("26/2014/TTLT-BTC-BCT")).toBe(false)
    expect(byNumber.get("28/2018/TT-BTC")?.effective).toBe("2018-05-11")
    expect(byNumber.get("28/2018/TT-BTC")?.replaces).toEqual(["26/2014/TTLT-BTC-BCT"])
    expect(byNumber.get("17/2018/TT-BCT")?.amends).toEqual(["36/2013/TT-BCT"])
    expect(byNumber.get("20/2017/TT-BCT")?.amends).toEqual(["46/2012/TT-BCT"])
    expect(byNumber.get("64/2024/TT-BTC")?.amends).toEqual(["28/2018/TT-BTC"])
    expect(byNumber.get("1881/QĐ-TTg")?.effective).toBe("2020-11-20")
    for (const n of ["20/2017/TT-BCT", "17/2018/TT-BCT", "64/2024/TT-BTC"]) expect(instrumentNotes[n]).toMatch(/unconfirmed/)
    for (const i of instruments) expect(Citation.validate({ instrument: i, grade: "primary" }).ok).toBe(true)
  })
})

describe("figures against the notes", () => {
  it("machinery: 50 % and 300 million VND per establishment (S, Circular 28/2018 art. 8.4)", () => {
    expect(value("support.machinery.rate")).toEqual(frac(1n, 2n))
    expect(value("support.machinery.cap")).toBe(300_000_000n)
    const c = citationOf("support.machinery.cap")
    expect([c.instrument.number, c.article, c.clause, c.grade]).toEqual(["28/2018/TT-BTC", "8", "4", "secondary"])
  })

  it("technology line: 1.5 × machinery = 450 million VND", () => {
    expect(value("support.technology-line.multiple")).toEqual(frac(3n, 2n))
    const resolved = Pack.resolveOrThrow(Pack.loadOrThrow(pack), d("2023-06-30"))
    expect(resolved.items["machinery.technology-line"]?.amount).toBe(450_000_000n)
    expect(resolved.items["machinery.equipment"]?.amount).toBe(300_000_000n)
  })

  it("demonstration model: 30 % and 1,000 million VND per model (S)", () => {
    expect(value("support.demo-model.rate")).toEqual(frac(3n, 10n))
    expect(value("support.demo-model.cap")).toBe(1_000_000_000n)
    expect(citationOf("support.demo-model.cap").grade).toBe("secondary")
  })

  it("industrial-cluster infrastructure: 6,000 million VND per cluster (S)", () => {
    expect(value("support.cluster-infrastructure.cap")).toBe(6_000_000_000n)
    expect(citationOf("support.cluster-infrastructure.cap").grade).toBe("secondary")
  })

  it("other secondary figures", () => {
    expect(value("support.enterprise-setup.cap")).toBe(10_000_000n)
    expect(value("support.overseas-fair.rate")).toEqual(frac(1n, 1n))
    expect(value("support.overseas-study-airfare.rate")).toEqual(frac(1n, 1n))
    expect(value("support.typical-product-selection.regional.cap")).toBe(200_000_000n)
    expect(value("support.typical-product-selection.national.cap")).toBe(400_000_000n)
  })

  it("provincial-copy figures", () => {
    for (const [id, v] of [
      ["support.model-replication.cap", 100_000_000n],
      ["support.cleaner-production-model.cap", 500_000_000n],
      ["support.pollution-cluster.cap", 1_500_000_000n],
      ["support.cluster-planning.cap", 500_000_000n]
    ] as const) {
      expect(value(id)).toBe(v)
      expect(citationOf(id).grade).toBe("provincial-copy")
    }
  })

  it("unconfirmed figures carry the Joint Circular 26/2014 values", () => {
    const expected: ReadonlyArray<readonly [string, Value, string]> = [
      ["support.domestic-fair-organising.rate", frac(1n, 1n), "d"],
      ["support.domestic-fair-attendance.rate", frac(4n, 5n), "d"],
      ["support.typical-product-prize.regional.cap", 5_000_000n, "g"],
      ["support.typical-product-prize.national.cap", 10_000_000n, "g"],
      ["support.trademark.rate", frac(1n, 2n), "h"],
      ["support.trademark.cap", 35_000_000n, "h"],
      ["support.consultancy.rate", frac(1n, 2n), "i"],
      ["support.consultancy.cap", 35_000_000n, "i"],
      ["support.association.regional.cap", 70_000_000n, "l"],
      ["support.association.national.cap", 100_000_000n, "l"],
      ["support.linkage-cluster.cap", 150_000_000n, "m"],
      ["support.relocation-interest.cap", 500_000_000n, "n"],
      ["support.pollution-establishment.rate", frac(3n, 10n), "o"],
      ["support.pollution-establishment.cap", 300_000_000n, "o"],
      ["overhead.managing-agency", frac(3n, 200n), "s"],
      ["overhead.implementing-unit", frac(1n, 40n), "s"],
      ["priority.multiplier", frac(3n, 2n), "t"]
    ]
    for (const [id, v, point] of expected) {
      expect(value(id), id).toEqual(v)
      const c = citationOf(id)
      // Art. 8 of Circular 28/2018 holds the national levels (rules-2018-2025-notes.md §1 l.41); the clause is not seen
      expect([c.instrument.number, c.article, c.clause, c.point, c.grade], id).toEqual(["28/2018/TT-BTC", "8", undefined, undefined, "unconfirmed"])
      expect(c.note, id).toContain(carriedOver(`6.2.${point}`))
      expect(c.note, id).toContain(NOT_CONFIRMED)
    }
  })

  it("advance tiers: 30 % / 70 % / 70 % / 70 % / 100 %, overall 70 % ceiling unconfirmed", () => {
    expect(value("advance.cluster.first")).toEqual(frac(3n, 10n))
    expect(value("advance.cluster.progress-threshold")).toEqual(frac(1n, 2n))
    expect(value("advance.soft.first")).toEqual(frac(7n, 10n))
    expect(value("advance.promotion.first")).toEqual(frac(7n, 10n))
    expect(value("advance.investment.first")).toEqual(frac(7n, 10n))
    expect(value("advance.investment.progress-threshold")).toEqual(frac(7n, 10n))
    expect(value("advance.enterprise-setup.first")).toEqual(frac(1n, 1n))
    expect(citationOf("advance.cluster.first").grade).toBe("secondary")
    expect(citationOf("advance.investment.first").grade).toBe("unconfirmed")
    expect(citationOf("advance.enterprise-setup.first").grade).toBe("unconfirmed")
    expect(value("advance.overall-ceiling")).toEqual(frac(7n, 10n))
    const ceiling = citationOf("advance.overall-ceiling")
    // the article of Circular 28/2018 that would hold it is not known (not even that it is art. 8)
    expect([ceiling.instrument.number, ceiling.article, ceiling.clause, ceiling.point, ceiling.grade]).toEqual(["28/2018/TT-BTC", undefined, undefined, undefined, "unconfirmed"])
    expect(ceiling.note).toContain(carriedOver("8.2.b"))
    expect(ceiling.note).toContain("the article of Circular 28/2018/TT-BTC that holds it was not seen")
    expect(ceiling.note).toMatch(/conflicts with the 100 %/)
    expect(advances.overallCeiling).toBe("advance.overall-ceiling")
    expect(advances.remainder.condition).toEqual({ kind: "base-acceptance" })
  })

  it("calendar: 20 June registration (S), 25th monthly report, 15 days closing dossier, 22 January settlement", () => {
    const byId = new Map(calendar.map((c) => [c.id, c]))
    expect(byId.get("registration.doit-to-ministry")?.deadline).toEqual({ kind: "yearly", month: 6, day: 20, yearOffset: -1, cutoff: "before" })
    expect(byId.get("registration.doit-to-ministry")?.citation.grade).toBe("secondary")
    expect(byId.get("progress-report.monthly")?.deadline).toEqual({ kind: "monthly", day: 25, cutoff: "before" })
    expect(byId.get("settlement.closing-dossier")?.deadline).toEqual({ kind: "after-event", event: "last-base-acceptance", days: 15, cutoff: "on-or-before" })
    expect(byId.get("settlement.liquidation")?.deadline).toEqual({ kind: "yearly", month: 1, day: 22, yearOffset: 1, cutoff: "on-or-before" })
    expect(byId.get("settlement.liquidation")?.citation.grade).toBe("unconfirmed")
    // No unit → DoIT registration date under Circular 17/2018: nothing invented.
    expect([...byId.keys()].some((id) => /unit-to-doit/.test(id))).toBe(false)
    expect(value("funds.carry-over")).toBe(true)
    const carry = citationOf("funds.carry-over")
    expect([carry.instrument.number, carry.article, carry.clause, carry.grade]).toEqual(["45/2012/NĐ-CP", "14", "4", "primary"])
  })
})

describe("invariants", () => {
  it("every parameter value cites an instrument number, an article (or says it was not seen) and a grade, from 2018-05-11", () => {
    for (const p of Object.values(levelParameters)) {
      expect(p.values.length, p.id).toBeGreaterThan(0)
      // carry-over is Decree 45/2012 art. 14.4 itself, in force since 2012-07-05; the levels start with Circular 28/2018
      expect(p.values[0]?.from, p.id).toBe(p.id === "funds.carry-over" ? "2012-07-05" : "2018-05-11")
      for (const v of p.values) {
        expect(v.citation.instrument.number, p.id).toMatch(/\S/)
        if (v.citation.article === undefined) {
          // only an unconfirmed value may lack its article, and its note must say why
          expect(v.citation.grade, p.id).toBe("unconfirmed")
          expect(v.citation.note, p.id).toMatch(/article of .* was not seen/)
        } else expect(v.citation.article, p.id).toMatch(/\S/)
        expect(Citation.isGrade(v.citation.grade), p.id).toBe(true)
        expect(v.citation.source, p.id).toMatch(/\S/)
      }
    }
  })

  it("every citation that is not primary has a note saying what is and is not confirmed", () => {
    for (const { where, citation } of allCitations()) {
      if (citation.grade !== "primary") expect(citation.note ?? `MISSING NOTE at ${where}`, where).not.toMatch(/^MISSING NOTE/)
      expect(Citation.validate(citation).ok, where).toBe(true)
    }
  })

  it("unconfirmed values carried over from Joint Circular 26/2014 say so, cite Circular 28/2018 and name the 26/2014 article", () => {
    let carried = 0
    for (const p of Object.values(levelParameters))
      for (const v of p.values)
        if (v.citation.grade === "unconfirmed" && /Carried over from Joint Circular 26\/2014/.test(v.citation.note ?? "")) {
          carried++
          expect(v.citation.instrument.number, p.id).toBe("28/2018/TT-BTC")
          expect(v.citation.note, p.id).toMatch(/^Carried over from Joint Circular 26\/2014\/TTLT-BTC-BCT art\. \d+\.\d+(\.[a-zđ])?, which expired when Circular 28\/2018\/TT-BTC took effect on 2018-05-11/)
          expect(v.citation.note, p.id).toContain(NOT_CONFIRMED)
        }
    // the 17 figures of "unconfirmed figures carry the Joint Circular 26/2014 values" and the rates and years beside them
    expect(carried).toBeGreaterThanOrEqual(17)
  })

  it("every cap references existing parameters of the right kind", () => {
    const money = (id: string) => {
      const p = pack.parameters[id]
      expect(p, id).toBeDefined()
      for (const v of p?.values ?? []) expect(typeof v.value, id).toBe("bigint")
    }
    const fraction = (id: string, max?: Fraction) => {
      const p = pack.parameters[id]
      expect(p, id).toBeDefined()
      for (const v of p?.values ?? []) {
        expect(isFraction(v.value), id).toBe(true)
        if (isFraction(v.value) && max !== undefined) expect(v.value.numerator * max.denominator <= max.numerator * v.value.denominator, id).toBe(true)
      }
    }
    const one = frac(1n, 1n)
    const items = new Map(activities.flatMap((a) => a.items.map((i) => [i.code, i] as const)))
    for (const it of items.values()) {
      const cap = it.cap
      switch (cap.kind) {
        case "rate-and-amount":
          fraction(cap.rate, one)
          money(cap.amount)
          break
        case "amount":
          money(cap.amount)
          break
        case "rate":
          fraction(cap.rate, one)
          break
        case "multiple-of":
          fraction(cap.multiple)
          expect(items.get(cap.item)?.cap.kind, it.code).toMatch(/amount/)
          break
        case "share-of-support":
          fraction(cap.share, one)
          break
      }
    }
  })

  it("every activity uses a defined advance tier, and every tier reads existing rates", () => {
    const tiers = new Set(advances.tiers.map((t) => t.id))
    for (const a of activities) {
      expect(tiers.has(a.advanceTier), a.code).toBe(true)
      expect(advanceAssignments[a.code]?.tier, a.code).toBe(a.advanceTier)
    }
    for (const t of advances.tiers) expect(pack.parameters[t.firstAdvance], t.id).toBeDefined()
  })

  it("codes are unique and item codes are prefixed by their activity", () => {
    const codes = activities.flatMap((a) => a.items.map((i) => i.code))
    expect(new Set(codes).size).toBe(codes.length)
    for (const a of activities) for (const i of a.items) expect(i.code.startsWith(`${a.code}.`), i.code).toBe(true)
  })

  it("showrooms are listed with no spending item (no figure anywhere)", () => {
    expect(activities.find((a) => a.code === "showroom")?.items).toEqual([])
  })

  it("SOURCES.md lists every parameter of the pack", () => {
    const sources = readFileSync(new URL("../SOURCES.md", import.meta.url), "utf8")
    for (const id of Object.keys(parameters)) expect(sources.includes(`\`${id}\``), id).toBe(true)
  })
})

describe("provincial overlays", () => {
  it("Lai Châu NQ 18/2025: demonstration model 500 million VND from 2025-05-05, machinery 300 million VND, line 450 million VND", () => {
    expect(laiChau.province).toBe("12")
    expect(laiChau.effective.start).toBe("2025-05-05")
    const layered = Overlay.applyOrThrow(Pack.loadOrThrow(pack), laiChau)
    const before = Pack.resolveOrThrow(layered, d("2025-05-04"))
    const after = Pack.resolveOrThrow(layered, d("2025-06-01"))
    expect(before.items["demo-model.new-technology"]?.amount).toBe(1_000_000_000n)
    expect(after.items["demo-model.new-technology"]?.amount).toBe(500_000_000n)
    expect(after.items["machinery.equipment"]?.amount).toBe(300_000_000n)
    expect(after.items["machinery.technology-line"]?.amount).toBe(450_000_000n)
    expect(Overlay.warnings(layered)).toEqual([])
  })

  it("Đồng Tháp NQ 08/2024 (code 87): in force 2024-07-11 … 2025-06-30, at the national levels", () => {
    expect(dongThap.province).toBe("87")
    expect(dongThap.effective).toEqual({ start: "2024-07-11", end: "2025-06-30" })
    const layered = Overlay.applyOrThrow(Pack.loadOrThrow(pack), dongThap)
    const r = Pack.resolveOrThrow(layered, d("2024-12-31"))
    expect(r.items["demo-model.replication"]?.amount).toBe(100_000_000n)
    expect(r.items["cleaner-production-model.pilot"]?.amount).toBe(500_000_000n)
    expect(Overlay.warnings(layered)).toEqual([])
  })

  it("every overlay applies cleanly and cites its resolution with a grade and a note", () => {
    expect(overlays.map((o) => o.id)).toEqual(["lai-chau-18-2025", "dong-thap-08-2024"])
    for (const o of overlays) {
      expect(Overlay.apply(Pack.loadOrThrow(pack), o).ok, o.id).toBe(true)
      expect(o.citation.instrument.kind, o.id).toBe("resolution")
      expect(o.citation.note, o.id).toMatch(/\S/)
    }
  })
})
