/**
 * Resolution across the three national packs installed together (2014–2018, 2021–2025,
 * 2026–2030), as `pnpm cases` installs them: each decision date and plan year finds the one pack
 * that governs it, with that pack's levels, and a date no pack covers is an error naming the date.
 * The other packs are imported from their sources (test-only; this package does not depend on them).
 */
import { Calendar, LocalDate, Pack, Proposal, Resolution, Support } from "@khuyencong/core"
import type { RulePack } from "@khuyencong/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { pack as def2014 } from "../../rules-2014-2018/src/index.js"
import { pack as def2021 } from "../../rules-2021-2025/src/index.js"
import { pack as def2026 } from "../src/index.js"
import { d } from "./fixtures.js"

const packs: ReadonlyArray<RulePack.RulePack> = [def2014, def2021, def2026].map((p) => Pack.loadOrThrow(p))

const idAt = (date: string): string => {
  const r = Resolution.forDate(packs, d(date))
  return r.ok ? r.value.id : r.error.code
}

/** Machinery support for one establishment: cost 1 tỷ, requested 500 triệu, approved on `date`. */
const machinery = (date: string): bigint => {
  const r = Resolution.forDate(packs, d(date))
  if (!r.ok) throw r.error
  const resolved = Pack.resolveOrThrow(r.value, d(date))
  const decoded = Proposal.decode({
    id: "p1",
    title: "Máy móc thiết bị",
    fund: "national",
    form: { kind: "single" },
    activities: [
      {
        activity: "machinery",
        costLines: [{ item: "machinery.equipment", quantity: 1, unitCost: "1000000000", total: "1000000000", requestedSupport: "500000000", counterpartFunding: "500000000" }]
      }
    ],
    implementingUnit: { name: "Trung tâm Khuyến công" },
    beneficiaries: ["e1"],
    locations: [{ provinceCode: "19" }],
    planYear: Number(date.slice(0, 4)),
    duration: { start: date, end: `${date.slice(0, 4)}-12-31` },
    approvalDate: date
  })
  if (!decoded.ok) throw new Error(decoded.error.message)
  const p = decoded.value
  const item = resolved.items["machinery.equipment"]
  expect(item?.amount, date).toBeDefined()
  return Support.computeOrThrow(p, resolved).total
}

describe("resolution among the 2014–2018, 2021–2025 and 2026–2030 packs", () => {
  it("2018-05-10 resolves to the 2014–2018 pack (Joint Circular 26/2014: machinery cap 200 million đồng)", () => {
    expect(idAt("2018-05-10")).toBe("vn-khuyen-cong-2014-2018")
    expect(machinery("2018-05-10")).toBe(200_000_000n)
  })

  it("2018-05-11 resolves to the 2021–2025 pack (Circular 28/2018: machinery cap 300 million đồng)", () => {
    expect(idAt("2018-05-11")).toBe("vn-khuyen-cong-2021-2025")
    expect(machinery("2018-05-11")).toBe(300_000_000n)
  })

  it("2025-10-14 and 2025-10-15 sit on either side of Decree 235", () => {
    expect(idAt("2025-10-14")).toBe("vn-khuyen-cong-2021-2025")
    expect(idAt("2025-10-15")).toBe("vn-khuyen-cong-2026-2030")
  })

  it("a 2026 plan uses the 2026–2030 pack, by plan year and by decision date", () => {
    const r = Resolution.forPlanYear(packs, 2026)
    expect(r.ok && r.value.id).toBe("vn-khuyen-cong-2026-2030")
    expect(idAt("2026-03-02")).toBe("vn-khuyen-cong-2026-2030")
    expect(machinery("2026-03-02")).toBe(300_000_000n)
  })

  it("each plan year from 2014 to 2030 finds its pack; 2019–2020 the 2021–2025 pack", () => {
    const byYear = (y: number): string => {
      const r = Resolution.forPlanYear(packs, y)
      return r.ok ? r.value.id : r.error.code
    }
    expect(byYear(2014)).toBe("vn-khuyen-cong-2014-2018")
    expect(byYear(2018)).toBe("vn-khuyen-cong-2014-2018")
    expect(byYear(2021)).toBe("vn-khuyen-cong-2021-2025")
    expect(byYear(2030)).toBe("vn-khuyen-cong-2026-2030")
    expect(byYear(2019)).toBe("vn-khuyen-cong-2021-2025")
    expect(byYear(2020)).toBe("vn-khuyen-cong-2021-2025")
    expect(byYear(2013)).toBe("resolution/no-pack")
    expect(byYear(2031)).toBe("resolution/no-pack")
  })

  it("a date no pack covers is an error naming it", () => {
    const r = Resolution.forDate(packs, d("2014-04-07"))
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe("resolution/no-pack")
      expect(r.error.message).toContain("2014-04-07")
    }
    expect(idAt("2014-04-08")).toBe("vn-khuyen-cong-2014-2018")
  })

  it("every boundary of every pack: the first and last day and plan year resolve to it, the days and years either side to its neighbour or none, and each pack's resolve agrees", () => {
    const code = (r: { readonly ok: boolean; readonly value?: { readonly id: string }; readonly error?: { readonly code: string } }): string =>
      r.ok ? (r.value as { readonly id: string }).id : (r.error as { readonly code: string }).code
    const sorted = [...packs].sort((a, b) => (a.governs.decisions.start < b.governs.decisions.start ? -1 : 1))
    sorted.forEach((p, i) => {
      const { start, end } = p.governs.decisions
      const { from, to } = p.governs.planYears
      const before = sorted[i - 1]?.id ?? "resolution/no-pack"
      const after = sorted[i + 1]?.id ?? "resolution/no-pack"
      expect([idAt(LocalDate.addDays(start, -1)), idAt(start), idAt(end), idAt(LocalDate.addDays(end, 1))], p.id).toEqual([before, p.id, p.id, after])
      const year = (y: number): string => code(Resolution.forPlanYear(packs, y))
      expect([year(from - 1), year(from), year(to), year(to + 1)], p.id).toEqual([before, p.id, p.id, after])
      // the pack itself refuses the days outside, naming the date and the pack
      for (const day of [LocalDate.addDays(start, -1), LocalDate.addDays(end, 1)]) {
        const r = Pack.resolve(p, day)
        expect(!r.ok && r.error, `${p.id} ${day}`).toMatchObject({ code: "pack/outside-period", packId: p.id, date: day })
      }
      expect(Pack.resolve(p, start).ok && Pack.resolve(p, end).ok, p.id).toBe(true)
      // plan year and decision date agree: a plan year belongs to the pack governing its first decision day
      for (let y = from; y <= to; y++) {
        const first = LocalDate.max(`${y}-01-01` as LocalDate.LocalDate, sorted[0]?.governs.decisions.start as LocalDate.LocalDate)
        expect(idAt(first), `plan year ${y}`).toBe(p.id)
      }
    })
    // no plan year between the first and the last is left without a pack
    for (let y = 2014; y <= 2030; y++) expect(code(Resolution.forPlanYear(packs, y)), String(y)).not.toBe("resolution/no-pack")
  })

  it("every date resolves to at most one pack, and only inside that pack's period (property)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("2010-01-01T00:00:00Z"), max: new Date("2040-12-31T00:00:00Z"), noInvalidDate: true }), (t) => {
        const day = t.toISOString().slice(0, 10) as LocalDate.LocalDate
        const governing = packs.filter((p) => p.governs.decisions.start <= day && day <= p.governs.decisions.end)
        expect(governing.length).toBeLessThanOrEqual(1)
        const r = Resolution.forDate(packs, day)
        expect(r.ok ? r.value.id : undefined).toBe(governing[0]?.id)
        for (const p of packs) expect(Pack.resolve(p, day).ok ? p.id : undefined).toBe(governing[0]?.id === p.id ? p.id : undefined)
      }),
      { numRuns: 60 }
    )
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2050 }), (y) => {
        const governing = packs.filter((p) => p.governs.planYears.from <= y && y <= p.governs.planYears.to)
        expect(governing.length).toBeLessThanOrEqual(1)
        const r = Resolution.forPlanYear(packs, y)
        expect(r.ok ? r.value.id : undefined).toBe(governing[0]?.id)
      })
    )
  })

  it("every calendar entry of the three packs sets its cutoff, agreeing with its Vietnamese wording", () => {
    for (const p of packs)
      for (const e of p.calendar) {
        expect(e.deadline.cutoff, `${p.id} ${e.id}`).toBeDefined()
        const wording = /trước\s+(ngày\s+)?\d/i.test(e.nameVi) ? "before" : "on-or-before"
        expect(e.deadline.cutoff, `${p.id} ${e.id}`).toBe(wording)
        expect(Calendar.cutoffOf(e)).toBe(e.deadline.cutoff)
      }
  })
})
