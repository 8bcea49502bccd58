/**
 * Property tests of a user's own allocation code with the library's public arbitraries
 * (`@khuyencong/core/testing`): proposals with consistent cost lines give realistic requests,
 * and money arbitraries give envelopes from 0 đồng upwards.
 */
import { fc, test } from "@fast-check/vitest"
import { Allocation, Money, Proposal } from "@khuyencong/core"
import { allocationCandidates, nonNegativeMoneyUpTo, proposal } from "@khuyencong/core/testing"
import { describe, expect, it } from "vitest"
import { proRata, proRataFloat, type Allocator } from "../allocator.js"

/** The requested support (kinh phí đề nghị hỗ trợ) of 0–8 generated proposals. */
const requests: fc.Arbitrary<ReadonlyArray<Money.Money>> = fc
  .array(proposal, { maxLength: 8 })
  .map((ps) => ps.map((p) => Proposal.totals(p).requestedSupport))

/** An envelope from nothing up to a little more than what is requested (so both cases occur). */
const withEnvelope = (rs: ReadonlyArray<Money.Money>) => {
  const total = Money.sum(rs)
  return fc.record({ requests: fc.constant(rs), envelope: nonNegativeMoneyUpTo(total + total / 5n + 1n) })
}
const scenario = requests.chain(withEnvelope)

/** Requests from 1 đồng to 5 tỷ đồng, often round millions: the library's allocation candidates. */
const candidateScenario = allocationCandidates({ maxLength: 20, withGroups: false })
  .map((cs) => cs.map((c) => c.requested))
  .chain(withEnvelope)

/** The invariants every allocator of an envelope must keep, as one checkable statement. */
const invariants = (allocate: Allocator) => (s: { requests: ReadonlyArray<Money.Money>; envelope: Money.Money }): boolean => {
  const parts = allocate(s.envelope, s.requests)
  const allocated = Money.sum(parts)
  const requested = Money.sum(s.requests)
  return (
    parts.length === s.requests.length &&
    // never more than the envelope
    allocated <= s.envelope &&
    // exact: the whole envelope is used when it does not cover the requests, to the đồng
    allocated === (requested < s.envelope ? requested : s.envelope) &&
    // nobody gets more than they asked, nor a negative amount
    parts.every((a, i) => a >= 0n && a <= (s.requests[i] ?? 0n))
  )
}

describe("the user's pro-rata allocator (exact, with Split)", () => {
  test.prop([scenario])("never exceeds the envelope and sums exactly", (s) => {
    expect(invariants(proRata)(s)).toBe(true)
  })

  test.prop([candidateScenario])("also on requests from 1 đồng to 5 tỷ đồng (allocationCandidates)", (s) => {
    expect(invariants(proRata)(s)).toBe(true)
  })

  test.prop([scenario])("agrees with the library's proportional-tier allocation on a single tier", (s) => {
    const candidates = s.requests.flatMap((requested, i) => (requested > 0n ? [{ id: `P${i}`, requested, tier: 0 }] : []))
    const lib = Allocation.allocateOrThrow({ envelope: s.envelope, candidates, policy: { kind: "proportional-tier" } })
    const mine = proRata(s.envelope, s.requests)
    for (const o of lib.outcomes) expect(o.allocated).toBe(mine[Number(o.id.slice(1))])
  })
})

describe("the float version", () => {
  it("fails the exactness property: fast-check finds a counterexample", () => {
    const result = fc.check(fc.property(scenario, invariants(proRataFloat)), { numRuns: 1_000, seed: 2024 })
    expect(result.failed).toBe(true)
    const [s] = result.counterexample ?? []
    expect(s).toBeDefined()
    if (s === undefined) return
    // The counterexample, shrunk: what the float version gives, against the exact version.
    const float = Money.sum(proRataFloat(s.envelope, s.requests))
    const exact = Money.sum(proRata(s.envelope, s.requests))
    expect(float).not.toBe(exact)
    console.info(
      `counterexample after ${result.numRuns} runs (${result.numShrinks} shrinks): envelope ${Money.format(s.envelope)}, ` +
        `requests [${s.requests.map((r) => Money.format(r)).join(", ")}] → float total ${Money.format(float)}, exact ${Money.format(exact)}`
    )
  })

  it("is off on a plain example too: 3 equal requests and an envelope of 100 đồng", () => {
    const envelope = Money.make(100n)
    const rs = [Money.make(50n), Money.make(50n), Money.make(50n)]
    expect(Money.sum(proRataFloat(envelope, rs))).toBe(99n)
    expect(proRata(envelope, rs)).toEqual([34n, 33n, 33n])
  })
})
