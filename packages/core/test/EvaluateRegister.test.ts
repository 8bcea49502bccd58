/**
 * Evaluate.register: evaluation over a prepared register of establishments gives exactly what it
 * gives over a plain Map (verdicts, reasons, support lines, payable, warnings, traces, errors),
 * whatever the order, the views and the plan years the register's memo has already seen.
 */
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import type * as Establishment from "../src/records/Establishment.js"
import type * as Proposal from "../src/records/Proposal.js"
import * as Evaluate from "../src/rules/Evaluate.js"
import * as Pack from "../src/rules/Pack.js"
import { portfolio } from "../src/testing/index.js"
import { d, definition, establishment, proposal } from "./fixtures/rules-pack.js"

const pack = Pack.loadOrThrow(definition)
// before and after the 2025 reorganisation: a 2024 register evaluated on 2025-09-01 meets closed province codes
const views = [Pack.resolveOrThrow(pack, d("2024-06-01")), Pack.resolveOrThrow(pack, d("2025-09-01"))] as const

/** Everything an evaluation says, as comparable data (the input hash included), or the error. */
const outcome = (r: ReturnType<typeof Evaluate.evaluate>): unknown =>
  r.ok ? { encoded: Evaluate.encode(r.value), value: { ...r.value, inputHash: r.value.inputHash } } : { error: r.error }

/** The proposal in neighbouring plan years too, so that the memo meets several years per establishment. */
const years = (p: Proposal.Proposal): ReadonlyArray<Proposal.Proposal> => [p, { ...p, id: `${p.id}-next`, planYear: p.planYear + 1 }, { ...p, id: `${p.id}-prev`, planYear: p.planYear - 1 }]

describe("Evaluate.register", () => {
  test.prop([portfolio(views[0], { proposals: { min: 1, max: 25 } }), fc.boolean(), fc.boolean()], { numRuns: 30 })(
    "the same results as a plain Map, trace on and off, across views and plan years (0 differences)",
    (pf, national, reverse) => {
      const register = Evaluate.register(pf.establishments)
      const proposals = pf.proposals.flatMap(years).map((p) => (national ? { ...p, fund: "national" as const } : p))
      const order = reverse ? [...proposals].reverse() : proposals
      for (const view of reverse ? [...views].reverse() : views)
        for (const trace of [false, true])
          for (const p of order) {
            const plain = outcome(Evaluate.evaluate(p, view, { establishments: pf.establishments, trace }))
            const prepared = outcome(Evaluate.evaluate(p, view, { establishments: register, trace }))
            expect(prepared).toEqual(plain)
          }
    }
  )

  it("remembers an establishment's conditions per plan year: a ward converted from a commune passes in one year and not the next", () => {
    const view = Pack.resolveOrThrow(pack, d("2023-02-15"))
    // converted on 2018-07-01: counted to 31 December of the year before the plan year, within 5 years in 2023, not in 2024
    const ward = establishment("e1", {}, { commune: { name: "P", kind: "ward" }, cityClass: 1, convertedFromCommuneOn: d("2018-07-01") })
    const plain = new Map([["e1", ward]])
    const register = Evaluate.register(plain)
    const line = { activity: "machinery", lines: [{ item: "machinery.equipment", total: 100_000_000n, requested: 50_000_000n }] }
    const verdicts = [2023, 2024, 2023].map((planYear) => {
      const p = proposal({ planYear, activities: [line] })
      const a = Evaluate.evaluateOrThrow(p, view, { establishments: register, trace: true })
      expect(a).toEqual(Evaluate.evaluateOrThrow(p, view, { establishments: plain, trace: true }))
      return a.eligibility.establishments[0]?.conditions.find((c) => c.reason.startsWith("location/"))?.reason
    })
    expect(verdicts).toEqual(["location/converted-within-window:1", "location/converted-too-long-ago", "location/converted-within-window:1"])
  })

  it("is a read-only Map of the same records; the caller's objects are left unfrozen; preparing a register again returns it", () => {
    const e1 = establishment("e1")
    const byId = new Map<string, Establishment.Establishment>([["e1", e1]])
    const r = Evaluate.register(byId)
    expect(r.get("e1")).toEqual(e1)
    expect(r.size).toBe(1)
    expect(Object.isFrozen(e1)).toBe(false)
    expect(Object.isFrozen(r.get("e1")?.location)).toBe(true)
    expect(() => (r as Map<string, Establishment.Establishment>).set("e2", e1)).toThrow(/read-only/)
    expect(() => (r as Map<string, Establishment.Establishment>).delete("e1")).toThrow(/read-only/)
    expect(() => (r as Map<string, Establishment.Establishment>).clear()).toThrow(/read-only/)
    expect(Evaluate.register(r)).toBe(r)
    expect(Evaluate.register({ e1 }).get("e1")).toEqual(e1)
    // a change to the caller's record after preparing does not reach the register (nothing stale is remembered)
    byId.set("e1", { ...e1, workforce: 1 })
    expect(r.get("e1")).toEqual(e1)
  })
})
