/**
 * The 2026–2030 pack as data: it loads, governs the right period next to the 2021–2025 pack,
 * carries the 2021–2025 support levels with the same values and grades, cites every figure, and
 * lets a later instrument replace a parameter from its effective date without code changes.
 */
import { readFileSync } from "node:fs"
import { Citation, Errors, LocalDate, Pack, Parameter, Reform, Resolution } from "@khuyencong/core"
import type { RulePack } from "@khuyencong/core"
import { describe, expect, it } from "vitest"
import { pack as pack2021 } from "../../rules-2021-2025/src/index.js"
import { instrumentNotes, leadInstruments, notes, overlays, pack, programme as maybeProgramme } from "../src/index.js"
import { loaded2021, loaded2026 } from "./fixtures.js"

const { activities, advances, calendar, instruments, parameters } = pack
const CARRIED_OVER = /^Carried over from Joint Circular 26\/2014\/TTLT-BTC-BCT art\. [0-9.a-zđ]+, which expired when Circular 28\/2018\/TT-BTC took effect on 2018-05-11.* Not confirmed for Circular 28\/2018\./
const isLevel = (id: string): boolean => !id.startsWith("eligibility.") && (!id.startsWith("priority.") || id === "priority.multiplier")
const levelParameters = Object.fromEntries(Object.entries(parameters).filter(([id]) => isLevel(id)))
const levelParameters2021 = Object.fromEntries(Object.entries(pack2021.parameters).filter(([id]) => isLevel(id)))
const lead = (n: string) => {
  const i = leadInstruments.find((x) => x.number === n)
  if (i === undefined) throw new Error(`no lead ${n}`)
  const { note: _n, status: _s, ...instrument } = i
  return instrument
}
const circular139 = lead("139/2026/TT-BTC")
const circular66 = lead("66/2026/TT-BCT")
const programme = maybeProgramme as NonNullable<typeof maybeProgramme>

type Fraction = { readonly numerator: bigint; readonly denominator: bigint }
const d = LocalDate.parseOrThrow
const frac = (n: bigint, den: bigint): Fraction => ({ numerator: n, denominator: den })
const reading = (id: string, at = "2026-03-02") => Pack.readOrThrow(pack, id, d(at))

const allCitations = () => [
  ...Pack.citations(pack).map(({ where, citation }) => ({ where: where.join(" "), citation })),
  { where: "programme", citation: programme.citation }
]

describe("the 2026–2030 pack loads", () => {
  it("passes Pack.load with no issue (a PackError would name each)", () => {
    // 0.2.0: built from the corpus of the law (@khuyencong/law); figures unchanged, period notes moved to the pack
    expect(Pack.loadOrThrow(pack)).toMatchObject({ id: "vn-khuyen-cong-2026-2030", version: "0.2.0" })
  })

  it("governs decisions from 2025-10-15 (open end) and plan years 2026–2030", () => {
    expect(pack.governs).toEqual({ decisions: { start: "2025-10-15", end: "2030-12-31" }, planYears: { from: 2026, to: 2030 } })
  })

  it("takes over from the 2021–2025 pack with no gap and no overlap", () => {
    const both = [loaded2021, loaded2026]
    const id = (r: ReturnType<typeof Resolution.forDate>) => (r.ok ? r.value.id : r.error.code)
    expect(id(Resolution.forDate(both, d("2025-10-14")))).toBe("vn-khuyen-cong-2021-2025")
    expect(id(Resolution.forDate(both, d("2025-10-15")))).toBe("vn-khuyen-cong-2026-2030")
    expect(id(Resolution.forDate(both, d("2030-12-31")))).toBe("vn-khuyen-cong-2026-2030")
    expect(id(Resolution.forDate(both, d("2031-01-01")))).toBe("resolution/no-pack") // closed: the programme's last plan year ends
    const y = (n: number) => {
      const r = Resolution.forPlanYear(both, n)
      return r.ok ? r.value.id : r.error.code
    }
    expect([y(2025), y(2026), y(2030), y(2031)]).toEqual(["vn-khuyen-cong-2021-2025", "vn-khuyen-cong-2026-2030", "vn-khuyen-cong-2026-2030", "resolution/no-pack"])
  })

  it("resolves from its first to its last day and refuses a date before Decree 235 or after 2030 (no default)", () => {
    for (const day of ["2025-10-15", "2026-01-01", "2030-12-31"]) expect(Pack.resolve(loaded2026, d(day)).ok, day).toBe(true)
    for (const day of ["2025-10-14", "2031-01-01", "2040-06-30"]) {
      const r = Pack.resolve(loaded2026, d(day))
      expect(r.ok, day).toBe(false)
      if (!r.ok) {
        expect(r.error).toBeInstanceOf(Errors.LookupError)
        expect(r.error).toMatchObject({ code: "pack/outside-period", packId: "vn-khuyen-cong-2026-2030", date: day })
      }
    }
  })

  it("lists the instruments with their dates; the 2026 circulars are leads outside the pack", () => {
    const byNumber = new Map(instruments.map((i) => [i.number, i]))
    expect(byNumber.get("235/2025/NĐ-CP")).toMatchObject({ signed: "2025-08-27", effective: "2025-10-15", amends: ["45/2012/NĐ-CP"] })
    expect(byNumber.get("2646/QĐ-BCT")).toMatchObject({ signed: "2025-09-23", effective: "2025-09-23" })
    expect(byNumber.get("28/2018/TT-BTC")?.effective).toBe("2018-05-11")
    expect(byNumber.get("64/2024/TT-BTC")?.amends).toEqual(["28/2018/TT-BTC"])
    expect(byNumber.get("202/2025/QH15")?.effective).toBe("2025-06-12")
    expect(byNumber.get("19/2025/QĐ-TTg")?.effective).toBe("2025-07-01")
    expect(byNumber.has("139/2026/TT-BTC")).toBe(false)
    expect(byNumber.has("66/2026/TT-BCT")).toBe(false)
    expect(leadInstruments.map((i) => i.number)).toEqual(["139/2026/TT-BTC", "66/2026/TT-BCT"])
    for (const i of [...instruments, ...leadInstruments]) expect(Citation.validate({ instrument: i, grade: "primary" }).ok, i.number).toBe(true)
    for (const n of ["139/2026/TT-BTC", "66/2026/TT-BCT", "30/2026/QH16"])
      expect(instrumentNotes[n] ?? leadInstruments.find((i) => i.number === n)?.note, n).toMatch(/unconfirmed|UNCONFIRMED/)
  })

  it("the programme 2026–2030: Decision 2646/QĐ-BCT, no target known (none invented)", () => {
    expect(programme.instrument.number).toBe("2646/QĐ-BCT")
    expect(programme.planYears).toEqual({ from: 2026, to: 2030 })
    expect(programme.targets).toEqual([])
    expect(programme.note).toMatch(/No target/)
  })

  it("has no overlay yet", () => {
    expect(overlays).toEqual([])
  })
})

describe("support levels: the 2021–2025 values and grades (Circular 28/2018 as amended)", () => {
  it("every support, overhead, priority, advance and funds parameter equals the 2021–2025 pack's, value and grade", () => {
    const ids = Object.keys(levelParameters)
    expect(ids).toEqual(Object.keys(levelParameters2021))
    for (const id of ids) {
      const mine = pack.parameters[id]
      const theirs = pack2021.parameters[id]
      expect(theirs, id).toBeDefined()
      expect(mine?.values.map((v) => [v.from, v.value]), id).toEqual(theirs?.values.map((v) => [v.from, v.value]))
      const c = reading(id).citation
      const t = Parameter.atOrThrow(theirs as Parameter.Parameter<RulePack.ParameterValue>, d("2025-06-30")).citation
      expect([c.instrument.number, c.article, c.clause, c.point, c.grade], id).toEqual([t.instrument.number, t.article, t.clause, t.point, t.grade])
    }
  })

  it("spot checks: machinery 50 % ≤ 300 million (S), line 450 million, demo model 30 % ≤ 1,000 million (S)", () => {
    expect(reading("support.machinery.rate").value).toEqual(frac(1n, 2n))
    expect(reading("support.machinery.cap").value).toBe(300_000_000n)
    expect(reading("support.machinery.cap").citation).toMatchObject({ article: "8", clause: "4", grade: "secondary" })
    expect(reading("support.demo-model.cap").value).toBe(1_000_000_000n)
    expect(reading("support.cluster-infrastructure.cap").value).toBe(6_000_000_000n)
    const r = Pack.resolveOrThrow(loaded2026, d("2026-03-02"))
    expect(r.items["machinery.technology-line"]?.amount).toBe(450_000_000n)
    expect(r.items["machinery.equipment"]?.grade).toBe("secondary")
    expect(r.items["demo-model.replication"]?.grade).toBe("provincial-copy")
    expect(r.items["trademark.registration"]?.grade).toBe("unconfirmed")
    expect(r.priorityMultiplier?.value).toEqual(frac(3n, 2n))
    expect(r.priorityMultiplier?.citation.grade).toBe("unconfirmed")
  })

  it("the pack says the levels are still the base, and carried-over values say so", () => {
    expect(notes[0]).toMatch(/^Period: decisions are governed until 2030-12-31\. Decision 2646\/QĐ-BCT/)
    expect(notes[1]).toMatch(/^Support levels: still those of Circular 28\/2018\/TT-BTC/)
    expect(notes[1]).toMatch(/139\/2026\/TT-BTC and 66\/2026\/TT-BCT are unconfirmed leads/)
    let carried = 0
    for (const id of Object.keys(levelParameters)) {
      const c = reading(id).citation
      // Joint Circular 26/2014 expired on 2018-05-11: nothing of this pack may cite it
      expect(c.instrument.number, id).not.toBe("26/2014/TTLT-BTC-BCT")
      if (c.grade === "unconfirmed" && /Carried over/.test(c.note ?? "")) {
        carried++
        expect([c.instrument.number, c.note], id).toEqual(["28/2018/TT-BTC", expect.stringMatching(CARRIED_OVER)])
      }
    }
    expect(carried).toBeGreaterThan(0)
  })

  it("the ministry's department is named as renamed in 2025 in the registration deadline", () => {
    const reg = calendar.find((c) => c.id === "registration.doit-to-ministry")
    expect(reg?.deadline).toEqual({ kind: "yearly", month: 6, day: 20, yearOffset: -1, cutoff: "before" })
    expect(reg?.nameVi).toMatch(/Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công/)
  })
})

describe("a later instrument replaces a parameter from its effective date, without code changes", () => {
  it("a Reform re-cites the machinery cap to 139/2026/TT-BTC from a date: value, layer and grade change there only", () => {
    // The lead's content is unknown: the value is kept, only its source changes (what a confirmed
    // replacement with the same figure would look like). Effective date: the reported lower bound.
    const from = circular139.effective
    const reformed = Reform.applyOrThrow(loaded2026, {
      id: "tt139-2026",
      title: "Circular 139/2026/TT-BTC (lead) as the source of the machinery cap",
      overrides: [
        {
          parameter: "support.machinery.cap",
          range: { start: from },
          value: 300_000_000n,
          citation: { instrument: circular139, grade: "unconfirmed", note: "Lead only (confirmations-followup.md C 5); value not known, the Circular 28/2018 figure is kept." }
        }
      ]
    })
    const before = Pack.resolveOrThrow(reformed, LocalDate.addDays(from, -1)).items["machinery.equipment"]
    const after = Pack.resolveOrThrow(reformed, from).items["machinery.equipment"]
    expect([before?.layer, before?.grade, before?.amountReading?.citation.instrument.number]).toEqual(["national", "secondary", "28/2018/TT-BTC"])
    expect([after?.layer, after?.grade, after?.amountReading?.citation.instrument.number]).toEqual(["tt139-2026", "unconfirmed", "139/2026/TT-BTC"])
    expect(after?.amount).toBe(300_000_000n)
  })

  it("a what-if value (no citation) applies from its day, flagged unconfirmed, and flows into the technology line", () => {
    const reformed = Reform.applyOrThrow(loaded2026, {
      id: "machinery-600m-2027",
      title: "What-if: machinery cap 600 million đồng from 2027-01-01",
      overrides: [{ parameter: "support.machinery.cap", range: { start: d("2027-01-01") }, value: 600_000_000n }]
    })
    const r2026 = Pack.resolveOrThrow(reformed, d("2026-12-31"))
    const r2027 = Pack.resolveOrThrow(reformed, d("2027-01-01"))
    expect(r2026.items["machinery.technology-line"]?.amount).toBe(450_000_000n)
    expect(r2027.items["machinery.equipment"]?.amount).toBe(600_000_000n)
    expect(r2027.items["machinery.technology-line"]?.amount).toBe(900_000_000n)
    expect(r2027.items["machinery.equipment"]?.grade).toBe("unconfirmed")
  })

  it("a new value appended to the parameter's time series (a new pack version, data only) takes over on its day", () => {
    const p = pack.parameters["advance.investment.first"] as Parameter.Parameter<RulePack.ParameterValue>
    const next: RulePack.RulePack = {
      ...pack,
      version: "0.2.0",
      instruments: [...pack.instruments, circular66],
      parameters: {
        ...pack.parameters,
        [p.id]: Parameter.makeOrThrow<RulePack.ParameterValue>({
          ...p,
          values: [...p.values, { from: circular66.effective, value: frac(7n, 10n), citation: { instrument: circular66, grade: "unconfirmed", note: "test: a value from the lead, kept equal to the current one" } }]
        })
      }
    }
    const loaded = Pack.loadOrThrow(next)
    const at = (day: LocalDate.LocalDate) => Parameter.atOrThrow(loaded.parameters[p.id] as Parameter.Parameter<RulePack.ParameterValue>, day).citation.instrument.number
    expect(at(LocalDate.addDays(circular66.effective, -1))).toBe("36/2013/TT-BCT")
    expect(at(circular66.effective)).toBe("66/2026/TT-BCT")
  })
})

describe("invariants", () => {
  it("every citation is valid; every non-primary one has a note; every instrument cited is in the pack", () => {
    const numbers = new Set(pack.instruments.map((i) => i.number))
    for (const { where, citation } of allCitations()) {
      expect(Citation.validate(citation).ok, where).toBe(true)
      if (citation.grade !== "primary") expect(citation.note ?? "", where).toMatch(/\S/)
      expect(numbers.has(citation.instrument.number), `${where}: ${citation.instrument.number}`).toBe(true)
      expect(citation.source ?? "", where).toMatch(/\S/)
    }
  })

  it("every parameter value cites an article, except the news-only Decree 235 changes and the administrative acts, which say why", () => {
    for (const p of Object.values(pack.parameters))
      for (const v of p.values)
        if (v.citation.article === undefined) expect(v.citation.note ?? "", p.id).toMatch(/not seen|Unconfirmed|unconfirmed|34-unit list|list/)
  })

  it("every eligibility parameter starts no later than the pack and the Decree 235 ones start on 2025-10-15", () => {
    for (const id of ["eligibility.legal-forms", "eligibility.location.province-unit-kinds", "eligibility.industries", "eligibility.artisan-titles", "priority.owner-groups"])
      expect(pack.parameters[id]?.values[0]?.from, id).toBe("2025-10-15")
    for (const p of Object.values(pack.parameters)) expect((p.values[0]?.from ?? "9999") <= "2025-10-15", p.id).toBe(true)
  })

  it("SOURCES.md lists every parameter of the pack and both leads", () => {
    const sources = readFileSync(new URL("../SOURCES.md", import.meta.url), "utf8")
    for (const id of Object.keys(parameters)) expect(sources.includes(`\`${id}\``), id).toBe(true)
    for (const n of ["139/2026/TT-BTC", "66/2026/TT-BCT"]) expect(sources).toContain(n)
  })
})
