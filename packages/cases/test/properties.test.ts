/**
 * Properties of the shipped packs over generated portfolios drawn from each pack's own catalogue
 * (`portfolio`, issue 13): every cost line is a line the pack supports, so support, payable and
 * allocation are exercised on every line instead of being refused as `not-in-catalogue` (the
 * generic `proposal` arbitrary draws structure only, for the codecs). The packs are imported from
 * their sources: test-only.
 */
import { test } from "@fast-check/vitest"
import { Evaluate, LocalDate, Pack, PolicyAnalysis, type RulePack } from "@khuyencong/core"
import { portfolio } from "@khuyencong/core/testing"
import * as fc from "fast-check"
import { describe, expect } from "vitest"
import * as p2014 from "../../rules-2014-2018/src/index.js"
import * as p2021 from "../../rules-2021-2025/src/index.js"
import * as p2026 from "../../rules-2026-2030/src/index.js"

/** Each pack at a date inside the period it governs. */
const cases: ReadonlyArray<readonly [string, RulePack.RulePack, LocalDate.LocalDate]> = [
  [p2014.pack.id, p2014.pack, LocalDate.makeOrThrow(2016, 6, 1)],
  [p2021.pack.id, p2021.pack, LocalDate.makeOrThrow(2023, 6, 1)],
  [p2026.pack.id, p2026.pack, LocalDate.makeOrThrow(2027, 3, 1)]
]

describe.each(cases)("%s: support, payable and allocation over portfolios from its catalogue", (_id, pack, date) => {
    const resolved = Pack.resolveOrThrow(pack, date)
  const portfolios = portfolio(resolved, { proposals: { min: 1, max: 12 } })

  test.prop([portfolios], { numRuns: 40 })("every line is supported within its request, its cost, its rate cap and its absolute cap", (pf) => {
    for (const p of pf.proposals) {
      const e = Evaluate.evaluateOrThrow(p, resolved, { establishments: pf.establishments })
      let sum = 0n
      for (const l of e.support.lines) {
        expect(l.binding).not.toBe("not-in-catalogue")
        expect(l.support >= 0n).toBe(true)
        expect(l.support <= l.requested).toBe(true)
        expect(l.support <= l.eligibleCost).toBe(true)
        if (l.rateCap !== undefined) expect(l.support <= l.rateCap).toBe(true)
        if (l.absoluteCap !== undefined) expect(l.support <= l.absoluteCap).toBe(true)
        sum += l.support
      }
      expect(e.support.total).toBe(sum)
      expect(e.support.total <= e.support.requested).toBe(true)
      // payable: never above support; nothing when the proposal is not eligible
      expect(e.payable <= e.support.total).toBe(true)
      if (e.verdict !== "eligible") expect(e.payable).toBe(0n)
    }
  })

  test.prop([portfolios], { numRuns: 20 })("tracing changes no number and no verdict", (pf) => {
    for (const p of pf.proposals) {
      const plain = Evaluate.evaluateOrThrow(p, resolved, { establishments: pf.establishments })
      const traced = Evaluate.evaluateOrThrow(p, resolved, { establishments: pf.establishments, trace: true })
      expect(traced.trace).toBeDefined()
      expect(traced.verdict).toBe(plain.verdict)
      expect(traced.payable).toBe(plain.payable)
      expect(traced.support.lines).toEqual(plain.support.lines)
    }
  })

  test.prop([portfolios, fc.bigInt({ min: 0n, max: 20_000_000_000n })], { numRuns: 20 })(
    "an allocation of the portfolio never exceeds the envelope and every proposal is counted once",
    (pf, envelope) => {
      const r = PolicyAnalysis.analyseOrThrow(pack, pack, pf.proposals, {
        establishments: pf.establishments,
        allocation: { envelope: envelope as never, policy: { kind: "whole-only" } }
      })
      const k = r.allocation?.before.counts
      expect(k).toBeDefined()
      expect((k?.funded ?? 0) + (k?.partlyFunded ?? 0) + (k?.unfunded ?? 0) + (k?.nothingPayable ?? 0)).toBe(pf.proposals.length)
      expect((k?.allocated ?? 0n) <= envelope).toBe(true)
      // the same pack on both sides: nothing moves
      expect(r.allocation?.after.counts).toEqual(k)
    }
  )
})
