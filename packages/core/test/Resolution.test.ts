import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Resolution from "../src/rules/Resolution.js"
import type { RulePack } from "../src/rules/RulePack.js"
import { d, definition } from "./fixtures/rules-pack.js"

const pack = (id: string, start: string, end: string, from: number, to: number): RulePack => ({
  ...definition,
  id,
  governs: { decisions: { start: d(start), end: d(end) }, planYears: { from, to } }
})

const p2014 = pack("p2014", "2014-04-08", "2018-05-10", 2014, 2018)
const p2018 = pack("p2018", "2018-05-11", "2025-10-14", 2019, 2025)
const p2025 = pack("p2025", "2025-10-15", "2030-12-31", 2026, 2030)
const installed = [p2014, p2018, p2025]

describe("Resolution.forDate", () => {
  it("picks the pack on the first and the last day of its period", () => {
    expect(Resolution.forDate(installed, d("2018-05-11"))).toMatchObject({ ok: true, value: { id: "p2018" } })
    expect(Resolution.forDate(installed, d("2025-10-14"))).toMatchObject({ ok: true, value: { id: "p2018" } })
    expect(Resolution.forDate(installed, d("2018-05-10"))).toMatchObject({ ok: true, value: { id: "p2014" } })
    expect(Resolution.forDate(installed, d("2025-10-15"))).toMatchObject({ ok: true, value: { id: "p2025" } })
    expect(Resolution.forDate(installed, d("2030-12-31"))).toMatchObject({ ok: true, value: { id: "p2025" } })
    expect(Resolution.forDate(installed, d("2031-01-01"))).toMatchObject({ ok: false, error: { code: "resolution/no-pack" } }) // every period is closed
  })

  it("fails with a LookupError naming the date before any pack", () => {
    const r = Resolution.forDate(installed, d("2014-04-07"))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error._tag).toBe("LookupError")
    expect(r.error.code).toBe("resolution/no-pack")
    expect(r.error.at).toBe("2014-04-07")
    expect(r.error.message).toContain("2014-04-07")
  })

  it("fails in a gap between two packs", () => {
    const gap = [p2014, pack("later", "2018-06-01", "2020-12-31", 2019, 2020)]
    const r = Resolution.forDate(gap, d("2018-05-20"))
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.at).toBe("2018-05-20")
    expect(Resolution.forDate(gap, d("2018-06-01")).ok).toBe(true)
  })

  it("fails on an overlap, naming the date and both pack ids", () => {
    const overlapping = [p2018, pack("rogue", "2025-01-01", "2025-12-31", 2026, 2026)]
    const r = Resolution.forDate(overlapping, d("2025-03-01"))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe("resolution/ambiguous")
    expect(r.error.message).toContain("2025-03-01")
    expect(r.error.message).toContain("p2018")
    expect(r.error.message).toContain("rogue")
    // outside the overlap each resolves alone
    expect(Resolution.forDate(overlapping, d("2024-12-31"))).toMatchObject({ ok: true, value: { id: "p2018" } })
  })

  it("ends every pack on its own end (no open ends since 0.3.0)", () => {
    expect(Resolution.effectiveEnd(p2018, [p2018, p2025])).toBe("2025-10-14")
    expect(Resolution.effectiveEnd(p2025, [p2025])).toBe("2030-12-31")
  })
})

describe("Resolution.forPlanYear", () => {
  it("picks by plan year, first and last year included", () => {
    expect(Resolution.forPlanYear(installed, 2019)).toMatchObject({ ok: true, value: { id: "p2018" } })
    expect(Resolution.forPlanYear(installed, 2025)).toMatchObject({ ok: true, value: { id: "p2018" } })
    expect(Resolution.forPlanYear(installed, 2026)).toMatchObject({ ok: true, value: { id: "p2025" } })
  })

  it("fails with the year for none, and with both ids for two", () => {
    const none = Resolution.forPlanYear(installed, 2031)
    expect(none.ok).toBe(false)
    if (!none.ok) expect(none.error.at).toBe("2031")
    const two = Resolution.forPlanYear([p2018, pack("twin", "2030-01-01", "2030-12-31", 2025, 2027)], 2025)
    expect(two.ok).toBe(false)
    if (!two.ok) {
      expect(two.error.message).toContain("p2018")
      expect(two.error.message).toContain("twin")
      expect(two.error.at).toBe("2025")
    }
  })

  it("has Effect forms", () => {
    expect(Effect.runSync(Resolution.forDateEffect(installed, d("2020-01-01"))).id).toBe("p2018")
    expect(Effect.runSyncExit(Resolution.forPlanYearEffect(installed, 2000))._tag).toBe("Failure")
  })
})
