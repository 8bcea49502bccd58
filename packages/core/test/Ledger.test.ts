import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import * as Contract from "../src/funds/Contract.js"
import { LookupError, RuleViolation, ValidationError } from "../src/values/Errors.js"
import * as Ledger from "../src/funds/Ledger.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Money from "../src/values/Money.js"
import * as Rate from "../src/values/Rate.js"
import { ledgerEvents } from "../src/testing/allocation.js"
import { pack2021, pack2026, packNoCeiling } from "./fixtures/ledger-pack.js"
import type { RulePack } from "../src/rules/RulePack.js"

const m = Money.make
const day = (s: string) => LocalDate.parseOrThrow(s)
const M = 1_000_000n
const APPROVED = 100n * M

const contract = (over: Partial<Contract.Input> = {}, pack: RulePack | ReadonlyArray<RulePack> = pack2021): Contract.Contract =>
  Contract.makeOrThrow(
    {
      id: "HĐ-01",
      approvedSupport: m(APPROVED),
      activities: ["training"],
      signed: day("2024-03-15"),
      approved: day("2024-01-10"),
      planYear: 2024,
      ...over
    },
    pack
  )

let seq = 0
const ev = (kind: Ledger.Kind, date: string, amount: bigint, evidence?: Ledger.Evidence): Ledger.Event => {
  seq++
  return evidence === undefined
    ? { id: `e${seq}`, idempotencyKey: `k${seq}`, kind, date: day(date), amount: m(amount) }
    : { id: `e${seq}`, idempotencyKey: `k${seq}`, kind, date: day(date), amount: m(amount), evidence }
}

/** Post events in order; throw on the first error. */
const build = (c: Contract.Contract, events: ReadonlyArray<Ledger.Event>): Ledger.Ledger =>
  events.reduce((l, e) => {
    const r = Ledger.post(l, e)
    if (!r.ok) throw r.error
    return r.value
  }, Ledger.open(c))

/** Post and return the error (fails the test if accepted). */
const refused = (l: Ledger.Ledger, e: Ledger.Event): RuleViolation | ValidationError => {
  const r = Ledger.post(l, e)
  if (r.ok) throw new Error(`expected ${e.id} to be refused`)
  return r.error
}

const pct = (p: bigint) => Rate.make(p, 100n)
const accepted = (d: string): Ledger.Evidence => ({ baseAcceptance: day(d) })

describe("Contract", () => {
  test("takes the advance tier of its activities and the parameters in force at approval", () => {
    const c = contract()
    expect(c.terms.tier.id).toBe("soft")
    expect(Rate.equals(c.terms.tier.firstAdvance.value, Rate.make(7n, 10n))).toBe(true)
    expect(c.terms.tier.condition).toEqual({ kind: "none" })
    expect(c.terms.overallCeiling?.parameterId).toBe("advance.overall-ceiling")
    expect(c.lastPlanYear).toBe(2024)
    expect(Contract.isMultiYear(c)).toBe(false)
    const inv = contract({ activities: ["machinery"] })
    expect(inv.terms.tier.id).toBe("investment")
    expect(inv.terms.tier.condition.kind === "progress-over" && inv.terms.tier.condition.threshold.value).toEqual(Rate.make(7n, 10n))
  })

  test("activity codes must exist and agree on one tier (or name it)", () => {
    const code = (over: Partial<Contract.Input>) => {
      const r = Contract.make({ id: "X", approvedSupport: m(1n), activities: ["training"], signed: day("2024-02-01"), approved: day("2024-01-01"), planYear: 2024, ...over }, pack2021)
      return r.ok ? "ok" : r.error.code
    }
    expect(code({ activities: ["training", "machinery"] })).toBe("contract/mixed-tiers")
    expect(code({ activities: ["training", "machinery"], advanceTier: "soft" })).toBe("ok")
    expect(code({ advanceTier: "investment" })).toBe("contract/tier-mismatch")
    expect(code({ activities: ["space-travel"] })).toBe("contract/unknown-activity")
    expect(code({ activities: [] })).toBe("contract/no-activities")
    expect(code({ approvedSupport: m(0n) })).toBe("contract/invalid-support")
    expect(code({ signed: day("2023-12-31") })).toBe("contract/signed-before-approval")
    expect(code({ signed: "2024-02-30" as LocalDate.LocalDate })).toBe("contract/invalid-date")
    expect(code({ lastPlanYear: 2023 })).toBe("contract/invalid-last-plan-year")
    const r = Contract.make({ id: "", approvedSupport: m(-1n), activities: [], signed: day("2024-02-01"), approved: day("2024-01-01"), planYear: 1990 }, pack2021)
    expect(!r.ok && r.error instanceof ValidationError && r.error.issues.map((i) => i.code)).toEqual([
      "contract/missing-id",
      "contract/invalid-support",
      "contract/invalid-plan-year",
      "contract/no-activities"
    ])
  })

  test("a multi-year project stays under the pack in force at its approval", () => {
    const before = contract({ approved: day("2025-09-01"), signed: day("2025-09-15"), planYear: 2025, lastPlanYear: 2026 }, [pack2021, pack2026])
    expect(before.terms.packId).toBe("test-2021-2025")
    expect(Rate.equals(before.terms.tier.firstAdvance.value, Rate.make(7n, 10n))).toBe(true)
    const after = contract({ approved: day("2025-11-01"), signed: day("2025-11-15"), planYear: 2026 }, [pack2021, pack2026])
    expect(after.terms.packId).toBe("test-2026-2030")
    expect(Rate.equals(after.terms.tier.firstAdvance.value, Rate.make(1n, 2n))).toBe(true)
    // and its ledger keeps the 70 % in 2026
    const l = build(before, [ev("advance", "2026-02-01", 70n * M)])
    expect(Ledger.balances(l).advanced).toBe(70n * M)
  })

  test("no pack for the approval date is a LookupError", () => {
    const r = Contract.make({ id: "X", approvedSupport: m(1n), activities: ["training"], signed: day("2020-02-01"), approved: day("2020-01-01"), planYear: 2020 }, [pack2021])
    expect(!r.ok && r.error).toBeInstanceOf(LookupError)
    const single = Contract.make({ id: "X", approvedSupport: m(1n), activities: ["training"], signed: day("2020-02-01"), approved: day("2020-01-01"), planYear: 2020 }, pack2021)
    expect(!single.ok && single.error.code).toBe("contract/pack-not-in-force")
  })

  test("general-rule citations: Circular 36/2013, primary as issued, unconfirmed once the pack encodes 17/2018", () => {
    const amended = Contract.ruleCitations(pack2021)
    expect(amended["settlement.closed"]).toMatchObject({ article: "18", clause: "2", grade: "unconfirmed" })
    expect(amended["settlement.closed"].instrument.number).toBe("36/2013/TT-BCT")
    expect(amended["refund.unmatched-advance"]).toMatchObject({ article: "12", clause: "6" })
    expect(amended["advance.multi-year-progress"]).toMatchObject({ article: "15", clause: "2", point: "b" })
    const asIssued = Contract.ruleCitations(packNoCeiling)
    expect(asIssued["settlement.closed"].grade).toBe("primary")
    expect(asIssued["ledger.contract"]).toMatchObject({ article: "12", clause: "2", grade: "primary" })
  })
})

describe("Ledger: first advance", () => {
  test("up to the tier's share is accepted; one đồng more is refused citing the tier", () => {
    const c = contract()
    expect(Ledger.balances(build(c, [ev("advance", "2024-04-01", 70n * M)])).advanced).toBe(70n * M)
    const e = refused(Ledger.open(c), ev("advance", "2024-04-01", 70n * M + 1n))
    expect(e).toBeInstanceOf(RuleViolation)
    expect(e.code).toBe("advance/first-above-share")
    expect(e.message).toContain(
      "the first advance (tạm ứng lần một) of 70.000.001 ₫ is above the first-advance limit of 70.000.000 ₫ (70% of the approved support (kinh phí hỗ trợ) of 100.000.000 ₫)"
    )
    expect((e as RuleViolation).rule).toBe("advance.first-share")
    expect((e as RuleViolation).citation).toBe("Circular 36/2013/TT-BCT, art. 13, cl. 2 (secondary)")
  })

  test("the 30 % cluster tier needs a progress report above 50 %", () => {
    const c = contract({ activities: ["cluster-infrastructure"] })
    const half = refused(Ledger.open(c), ev("advance", "2024-05-01", 30n * M, { progressShare: pct(50n) }))
    expect(half.code).toBe("advance/condition-not-met")
    expect((half as RuleViolation).citation).toContain("art. 13, cl. 1")
    expect(Ledger.post(Ledger.open(c), ev("advance", "2024-05-01", 30n * M, { progressShare: pct(51n) })).ok).toBe(true)
    const above = refused(Ledger.open(c), ev("advance", "2024-05-01", 30n * M + 1n, { progressShare: pct(51n) }))
    expect(above.code).toBe("advance/first-above-share")
  })

  test("the investment tier needs progress above 70 %, reported on this or an earlier event", () => {
    const c = contract({ activities: ["machinery"] }, packNoCeiling)
    expect(refused(Ledger.open(c), ev("advance", "2024-05-01", 10n * M, { progressShare: pct(70n) })).code).toBe("advance/condition-not-met")
    expect(refused(Ledger.open(c), ev("advance", "2024-05-01", 10n * M)).code).toBe("advance/condition-not-met")
    // progress carried by an earlier (accepted) event counts later
    const l = build(c, [ev("advance", "2024-05-01", 10n * M, { progressShare: pct(71n) }), ev("advance", "2024-05-20", 60n * M)])
    expect(Ledger.balances(l).advanced).toBe(70n * M)
  })

  test("the enterprise set-up tier (100 %) needs acceptance and business registration", () => {
    const c = contract({ activities: ["enterprise-setup"] }, packNoCeiling)
    expect(refused(Ledger.open(c), ev("advance", "2024-06-01", 10n * M)).code).toBe("advance/condition-not-met")
    expect(refused(Ledger.open(c), ev("advance", "2024-06-01", 10n * M, accepted("2024-05-30"))).code).toBe("advance/condition-not-met")
    const l = build(c, [ev("advance", "2024-06-01", APPROVED, { baseAcceptance: day("2024-05-30"), businessRegistration: "0101234567" })])
    expect(Ledger.balances(l)).toMatchObject({ advanced: APPROVED, remaining: 0n })
  })

  test("a pack's overall ceiling (70 %, Joint Circular 26/2014 art. 8.2.b, unconfirmed) caps even the 100 % tier", () => {
    const c = contract({ activities: ["enterprise-setup"] }, pack2021)
    const e = refused(Ledger.open(c), ev("advance", "2024-06-01", APPROVED, { baseAcceptance: day("2024-05-30"), businessRegistration: "0101234567" }))
    expect(e.code).toBe("advance/overall-ceiling")
    expect(e.message).toContain("above the overall advance ceiling of 70.000.000 ₫ (70% of the approved support (kinh phí hỗ trợ) of 100.000.000 ₫)")
    expect((e as RuleViolation).rule).toBe("advance.overall-ceiling")
    expect((e as RuleViolation).citation).toBe("Joint Circular 26/2014/TTLT-BTC-BCT, art. 8, cl. 2, pt. b (unconfirmed)")
    expect(Ledger.post(Ledger.open(c), ev("advance", "2024-06-01", 70n * M, { baseAcceptance: day("2024-05-30"), businessRegistration: "0101234567" })).ok).toBe(true)
  })
})

describe("Ledger: remainder, payments, contract ceiling", () => {
  test("the remainder before base-level acceptance is refused citing art. 14; after acceptance it is accepted", () => {
    const c = contract({}, packNoCeiling)
    const l = build(c, [ev("advance", "2024-04-01", 40n * M), ev("advance", "2024-05-01", 30n * M)])
    const e = refused(l, ev("advance", "2024-06-01", 1n))
    expect(e.code).toBe("advance/remainder-before-acceptance")
    expect((e as RuleViolation).citation).toBe("Circular 36/2013/TT-BCT, art. 14 (unconfirmed)")
    // the message names the limit amount and its basis, not a share "of" the approved support
    expect(e.message).toContain(
      "an advance (tạm ứng) of 1 ₫ would bring advances to 70.000.001 ₫, above the first-advance limit of 70.000.000 ₫ (70% of the approved support (kinh phí hỗ trợ) of 100.000.000 ₫)"
    )
    const after = build(c, [...l.events, ev("advance", "2024-10-01", 30n * M, accepted("2024-09-30"))])
    expect(Ledger.balances(after)).toMatchObject({ advanced: APPROVED, disbursed: APPROVED, remaining: 0n, acceptedOn: "2024-09-30" })
  })

  test("with the 70 % overall ceiling, the remainder is paid, not advanced", () => {
    const c = contract()
    const l = build(c, [ev("advance", "2024-04-01", 70n * M)])
    expect(refused(l, ev("advance", "2024-10-01", 1n, accepted("2024-09-30"))).code).toBe("advance/overall-ceiling")
    const paid = build(c, [...l.events, ev("payment", "2024-10-01", 30n * M, accepted("2024-09-30"))])
    expect(Ledger.balances(paid)).toMatchObject({ advanced: 70n * M, paid: 30n * M, disbursed: APPROVED, remaining: 0n })
  })

  test("payments need acceptance (art. 14)", () => {
    const e = refused(Ledger.open(contract()), ev("payment", "2024-05-01", 1n))
    expect(e.code).toBe("payment/before-acceptance")
    expect((e as RuleViolation).citation).toContain("art. 14")
  })

  test("money paid out never exceeds the contract (art. 12.2): exactly the approved support is fine, one đồng more is not", () => {
    const c = contract()
    const l = build(c, [ev("advance", "2024-04-01", 70n * M), ev("payment", "2024-10-01", 30n * M, accepted("2024-09-30"))])
    const e = refused(l, ev("payment", "2024-10-02", 1n))
    expect(e.code).toBe("ledger/above-contract")
    expect((e as RuleViolation).citation).toBe("Circular 36/2013/TT-BCT, art. 12, cl. 2 (unconfirmed)")
  })

  test("nothing before the contract date", () => {
    const e = refused(Ledger.open(contract()), ev("advance", "2024-03-14", 1n))
    expect(e.code).toBe("ledger/before-contract")
    expect(Ledger.post(Ledger.open(contract()), ev("advance", "2024-03-15", 1n)).ok).toBe(true)
  })
})

describe("Ledger: roundings", () => {
  test("the advance limit records its rounding, as every money × rate does (Money.multiplyByRate)", () => {
    // 70 % of 100.000.001 đồng = 70.000.000,7 đồng: the limit is rounded down to the đồng
    const c = contract({ approvedSupport: m(APPROVED + 1n) }, packNoCeiling)
    const b = Ledger.balances(Ledger.open(c))
    expect(b.advanceLimit).toBe(70n * M)
    expect(b.roundings).toEqual({ advanceLimit: { mode: "down-1", exact: "70000000.7", result: "70000000", difference: "-0.7" } })
    // an exact share records a rounding with no difference
    expect(Ledger.balances(Ledger.open(contract({}, packNoCeiling))).roundings.advanceLimit).toEqual({ mode: "down-1", exact: "70000000", result: "70000000", difference: "0" })
    // the explanation of a refused advance names the rounding of the limit
    const e = refused(Ledger.open(c), ev("advance", "2024-04-01", 70n * M + 1n))
    expect(e.code).toBe("advance/first-above-share")
    expect(e.message).toContain("the first-advance limit of 70.000.000 ₫ (70% of the approved support (kinh phí hỗ trợ) of 100.000.001 ₫), rounded from 70000000.7 đồng (round down to 1 đồng (làm tròn xuống đến đồng))")
  })

  test("a work value taken from the progress share records its rounding", () => {
    // 1/3 of 100.000.000 đồng reported before acceptance: 33.333.333,33… rounded down
    const c = contract({ planYear: 2024, lastPlanYear: 2025 }, packNoCeiling)
    const l = build(c, [ev("advance", "2024-04-01", 10n * M, { progressShare: Rate.make(1n, 3n) })])
    const b = Ledger.balances(l)
    expect(b.workValue).toBe(33_333_333n)
    expect(b.roundings.workValue).toEqual({ mode: "down-1", exact: "100000000/3", result: "33333333", difference: "-1/3" })
    // a work value from completed work or acceptance is not a share: nothing to record
    const done = build(c, [...l.events, ev("payment", "2024-10-01", 1n, accepted("2024-09-30"))])
    expect(Ledger.balances(done).roundings.workValue).toBeUndefined()
  })
})

describe("Ledger: multi-year projects", () => {
  test("before acceptance, later advances may follow the reported progress (art. 15.2.b)", () => {
    const c = contract({ planYear: 2024, lastPlanYear: 2025 }, packNoCeiling)
    const l = build(c, [ev("advance", "2024-04-01", 70n * M), ev("advance", "2025-03-01", 15n * M, { progressShare: pct(85n) })])
    expect(Ledger.balances(l)).toMatchObject({ advanced: 85n * M, advanceLimit: 85n * M })
    const e = refused(l, ev("advance", "2025-03-02", 1n))
    expect(e.code).toBe("advance/above-progress")
    expect((e as RuleViolation).citation).toBe("Circular 36/2013/TT-BCT, art. 15, cl. 2, pt. b (primary)")
  })

  test("a one-year project with the same progress may not", () => {
    const c = contract({}, packNoCeiling)
    const e = refused(build(c, [ev("advance", "2024-04-01", 70n * M)]), ev("advance", "2024-09-01", 15n * M, { progressShare: pct(85n) }))
    expect(e.code).toBe("advance/remainder-before-acceptance")
  })
})

describe("Ledger: refunds", () => {
  test("a refund is limited to what was paid out without matching work (art. 12.6)", () => {
    const c = contract()
    // 70 m advanced; progress 50 % reported → 50 m of work; 20 m unmatched
    const l = build(c, [ev("advance", "2024-04-01", 70n * M)])
    const withProgress = build(c, [...l.events, ev("refund", "2024-08-01", 20n * M, { progressShare: pct(50n) })])
    expect(Ledger.balances(withProgress)).toMatchObject({ refunded: 20n * M, disbursed: 50n * M, workValue: 50n * M, refundable: 0n, outstanding: 50n * M })
    const e = refused(l, ev("refund", "2024-08-01", 20n * M + 1n, { progressShare: pct(50n) }))
    expect(e.code).toBe("refund/above-unmatched")
    expect((e as RuleViolation).citation).toBe("Circular 36/2013/TT-BCT, art. 12, cl. 6 (unconfirmed)")
  })

  test("a completed-work report sets the work value; a refund makes room for a new advance", () => {
    const c = contract()
    const l = build(c, [
      ev("advance", "2024-04-01", 70n * M),
      ev("refund", "2024-05-01", 30n * M, { completedValue: m(40n * M) }),
      ev("advance", "2024-06-01", 30n * M)
    ])
    expect(Ledger.balances(l)).toMatchObject({ advanced: 100n * M, refunded: 30n * M, outstanding: 70n * M, disbursed: 70n * M, workValue: 40n * M, refundable: 30n * M })
    expect(refused(l, ev("advance", "2024-06-02", 1n)).code).toBe("advance/remainder-before-acceptance")
  })
})

describe("Ledger: settlement", () => {
  const c = contract({}, packNoCeiling)
  const paidOut = [ev("advance", "2024-04-01", 70n * M), ev("advance", "2024-10-01", 30n * M, accepted("2024-09-30"))]

  test("needs base-level acceptance (art. 18.1) and may not exceed the approved support", () => {
    const before = refused(build(c, paidOut.slice(0, 1)), ev("settlement", "2024-12-01", 70n * M))
    expect(before.code).toBe("settlement/before-acceptance")
    expect((before as RuleViolation).citation).toBe("Circular 36/2013/TT-BCT, art. 18, cl. 1 (primary)")
    expect(refused(build(c, paidOut), ev("settlement", "2024-12-01", APPROVED + 1n)).code).toBe("ledger/above-contract")
  })

  test("closes the contract: afterwards only the refund of the excess is accepted (art. 18.2)", () => {
    const l = build(c, [...paidOut, ev("settlement", "2024-12-20", 90n * M)])
    expect(Ledger.balances(l)).toMatchObject({ settled: 90n * M, settledOn: "2024-12-20", refundable: 10n * M, outstanding: 0n, remaining: 0n, workValue: 90n * M })
    const tooMuch = refused(l, ev("refund", "2025-01-10", 10n * M + 1n))
    expect(tooMuch.code).toBe("ledger/after-settlement")
    expect((tooMuch as RuleViolation).citation).toBe("Circular 36/2013/TT-BCT, art. 18, cl. 2 (primary)")
    expect(refused(l, ev("advance", "2025-01-10", 1n)).code).toBe("ledger/after-settlement")
    expect(refused(l, ev("adjustment", "2025-01-10", 200n * M)).code).toBe("ledger/after-settlement")
    expect(refused(l, ev("settlement", "2025-01-10", 80n * M)).code).toBe("ledger/after-settlement")
    const closed = build(c, [...l.events, ev("refund", "2025-01-10", 10n * M)])
    expect(Ledger.balances(closed)).toMatchObject({ disbursed: 90n * M, refundable: 0n, remaining: 0n })
    expect(refused(closed, ev("refund", "2025-01-11", 1n)).code).toBe("ledger/after-settlement")
  })

  test("a shortfall may be paid after settlement, no more", () => {
    const l = build(c, [ev("advance", "2024-04-01", 70n * M), ev("settlement", "2024-12-20", 95n * M, accepted("2024-12-01"))])
    expect(Ledger.balances(l).remaining).toBe(25n * M)
    expect(refused(l, ev("payment", "2025-01-05", 25n * M + 1n)).code).toBe("ledger/after-settlement")
    expect(Ledger.balances(build(c, [...l.events, ev("payment", "2025-01-05", 25n * M)])).remaining).toBe(0n)
  })
})

describe("Ledger: adjustments", () => {
  test("raising the support raises the limits; lowering it below what was paid out is refused", () => {
    const c = contract({}, packNoCeiling)
    const l = build(c, [ev("adjustment", "2024-04-01", 120n * M, { decision: "123/QĐ-BCT" }), ev("advance", "2024-04-02", 84n * M)])
    expect(Ledger.balances(l)).toMatchObject({ approved: 120n * M, advanced: 84n * M, advanceLimit: 84n * M })
    const e = refused(l, ev("adjustment", "2024-05-01", 100n * M))
    expect(e.code).toBe("adjustment/below-paid-out")
    expect((e as RuleViolation).citation).toBe("Circular 36/2013/TT-BCT, art. 11, cl. 2 (primary)")
    expect(e.message).toContain("art. 14")
    expect(Ledger.post(l, ev("adjustment", "2024-05-01", 120n * M)).ok).toBe(true)
  })
})

describe("Ledger: idempotency, validation, order", () => {
  test("the same idempotency key with the same content is a no-op; with other content it is refused", () => {
    const c = contract()
    const e = ev("advance", "2024-04-01", 10n * M)
    const l = build(c, [e])
    const again = Ledger.post(l, { ...e })
    expect(again.ok && again.value).toBe(l)
    const conflict = refused(l, { ...e, amount: m(11n * M) })
    expect(conflict.code).toBe("ledger/idempotency-conflict")
    expect(refused(l, { ...e, idempotencyKey: "other" }).code).toBe("ledger/duplicate-id")
  })

  test("malformed events are ValidationErrors with paths", () => {
    const l = Ledger.open(contract())
    const bad = refused(l, { id: "x", idempotencyKey: "", kind: "gift" as Ledger.Kind, date: "2024-13-01" as LocalDate.LocalDate, amount: m(0n), evidence: { progressShare: Rate.make(3n, 2n) } })
    expect(bad).toBeInstanceOf(ValidationError)
    expect((bad as ValidationError).issues.map((i) => i.code)).toEqual([
      "ledger/missing-idempotency-key",
      "ledger/unknown-kind",
      "ledger/invalid-date",
      "ledger/invalid-amount",
      "ledger/invalid-progress"
    ])
    expect(refused(l, ev("payment", "2024-05-01", 1n, accepted("2024-05-02"))).code).toBe("ledger/acceptance-after-event")
  })

  test("posting an earlier-dated event that would break a later one is refused", () => {
    const c = contract({}, packNoCeiling)
    const l = build(c, [ev("advance", "2024-06-01", 70n * M)])
    const e = refused(l, ev("advance", "2024-05-01", 10n * M))
    expect(e.code).toBe("advance/remainder-before-acceptance")
    expect(e.message).toContain("later event")
  })

  test("replay accepts events in any order and rejects what breaks a rule, with the citation", () => {
    const c = contract()
    const a1 = ev("advance", "2024-04-01", 70n * M)
    const a2 = ev("advance", "2024-05-01", 5n * M) // remainder before acceptance
    const p1 = ev("payment", "2024-10-01", 30n * M, accepted("2024-09-30"))
    const s1 = ev("settlement", "2024-12-20", APPROVED)
    const junk = { ...ev("advance", "2024-04-02", 0n) }
    const dup = { ...a1 }
    const { ledger, rejected } = Ledger.replay(c, [s1, p1, junk, a2, dup, a1])
    expect(ledger.events.map((e) => e.id)).toEqual([a1.id, p1.id, s1.id])
    expect(rejected.map((r) => [r.event.id, r.error.code])).toEqual([
      [junk.id, "ledger/invalid-amount"],
      [a2.id, "advance/remainder-before-acceptance"]
    ])
    expect(rejected[1]?.error instanceof RuleViolation && rejected[1].error.citation).toBe("Circular 36/2013/TT-BCT, art. 14 (unconfirmed)")
    expect(Ledger.balances(ledger)).toMatchObject({ disbursed: APPROVED, settled: APPROVED, refundable: 0n, remaining: 0n })
  })

  test("same-day order: adjustment, advance, payment, settlement, refund", () => {
    const d = "2024-06-01"
    const kinds: ReadonlyArray<Ledger.Kind> = ["refund", "settlement", "payment", "advance", "adjustment"]
    const sorted = kinds.map((k) => ev(k, d, 1n)).sort(Ledger.order)
    expect(sorted.map((e) => e.kind)).toEqual(["adjustment", "advance", "payment", "settlement", "refund"])
  })
})

// ---------------------------------------------------------------------------------------------
// Properties: no sequence of events lets advances exceed the schedule or payments the contract

const contracts = fc.constantFrom(
  contract({ activities: ["training"] }, pack2021),
  contract({ activities: ["training"] }, packNoCeiling),
  contract({ activities: ["cluster-infrastructure"] }, packNoCeiling),
  contract({ activities: ["machinery"] }, pack2021),
  contract({ activities: ["enterprise-setup"] }, packNoCeiling),
  contract({ activities: ["training"], lastPlanYear: 2025 }, packNoCeiling),
  contract({ activities: ["machinery"], lastPlanYear: 2026, approvedSupport: m(999_999_999n) }, pack2021)
)

const gt = (a: Rate.Rate, b: Rate.Rate) => a.numerator * b.denominator > b.numerator * a.denominator

/** Independent check of the schedule after each accepted event (a re-statement of the rules, not the implementation). */
const checkSchedule = (c: Contract.Contract, events: ReadonlyArray<Ledger.Event>) => {
  let approved = c.approvedSupport as bigint
  let advanced = 0n
  let paid = 0n
  let refunded = 0n
  let progress: Rate.Rate | undefined
  let isAccepted = false
  for (const e of events) {
    const v = e.evidence
    if (v?.progressShare !== undefined && (progress === undefined || gt(v.progressShare, progress))) progress = v.progressShare
    if (v?.baseAcceptance !== undefined) isAccepted = true
    if (e.kind === "advance") advanced += e.amount
    if (e.kind === "payment") paid += e.amount
    if (e.kind === "refund") refunded += e.amount
    if (e.kind === "adjustment") approved = e.amount
    if (e.kind === "payment") expect(isAccepted).toBe(true)
    // payments never exceed the contract
    expect(advanced + paid - refunded <= approved).toBe(true)
    // advances never exceed the schedule
    let limit: Rate.Rate = isAccepted ? Rate.one : c.terms.tier.firstAdvance.value
    if (!isAccepted && c.lastPlanYear > c.planYear && progress !== undefined && gt(progress, limit)) limit = progress
    const ceiling = c.terms.overallCeiling?.value
    if (ceiling !== undefined && gt(limit, ceiling)) limit = ceiling
    const net = advanced - refunded > 0n ? advanced - refunded : 0n
    expect(net * limit.denominator <= limit.numerator * approved).toBe(true)
    // a first advance before acceptance never exceeds the tier's share
    if (e.kind === "advance" && !isAccepted) {
      const first = c.terms.tier.firstAdvance.value
      expect(e.amount * first.denominator <= first.numerator * approved || advanced > e.amount).toBe(true)
    }
  }
}

const shuffle = <A>(xs: ReadonlyArray<A>, seed: number): Array<A> => {
  const out = [...xs]
  let s = seed
  for (let k = out.length - 1; k > 0; k--) {
    s = (s * 1103515245 + 12345) & 0x7fffffff
    const r = s % (k + 1)
    ;[out[k], out[r]] = [out[r] as A, out[k] as A]
  }
  return out
}

describe("properties", () => {
  test.prop([contracts.chain((c) => fc.tuple(fc.constant(c), ledgerEvents(c, { maxLength: 14 })))])(
    "replay: no sequence lets advances exceed the schedule or money paid out exceed the contract",
    ([c, events]) => {
      const { ledger, rejected } = Ledger.replay(c, events)
      expect(ledger.events.length + rejected.length).toBe(events.length)
      checkSchedule(c, ledger.events)
      const b = Ledger.balances(ledger)
      expect(b.disbursed <= b.approved).toBe(true)
      expect(b.outstanding <= b.advanceLimit || b.settled !== undefined).toBe(true)
      expect(b.disbursed).toBe(b.advanced + b.paid - b.refunded)
      for (const r of rejected) if (r.error instanceof RuleViolation) expect(r.error.citation).toMatch(/art\. \d+/)
    }
  )

  test.prop([contracts.chain((c) => fc.tuple(fc.constant(c), ledgerEvents(c, { maxLength: 12 }))), fc.integer()])(
    "replay does not depend on the order events arrive in",
    ([c, events], seed) => {
      const a = Ledger.replay(c, events)
      const b = Ledger.replay(c, shuffle(events, seed))
      expect(b.ledger.events.map((e) => e.id)).toEqual(a.ledger.events.map((e) => e.id))
      expect(b.rejected.map((r) => r.event.id).sort()).toEqual(a.rejected.map((r) => r.event.id).sort())
      expect(Ledger.balances(b.ledger)).toEqual(Ledger.balances(a.ledger))
    }
  )

  test.prop([contracts.chain((c) => fc.tuple(fc.constant(c), ledgerEvents(c, { maxLength: 12 })))])(
    "posting events one by one in replay order accepts exactly what replay accepts",
    ([c, events]) => {
      const sorted = [...events].sort(Ledger.order)
      let l = Ledger.open(c)
      for (const e of sorted) {
        const r = Ledger.post(l, e)
        if (r.ok) l = r.value
      }
      expect(l.events.map((e) => e.id)).toEqual(Ledger.replay(c, events).ledger.events.map((e) => e.id))
    }
  )
})
