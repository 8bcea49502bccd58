/**
 * Disbursement summary: three contracts worked out by hand (70 % first advances of the soft tier,
 * Circular 36/2013 art. 13–14), and properties: the summary agrees with `Ledger.balances` for any
 * event sequence.
 */
import { fc, test } from "@fast-check/vitest"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Contract from "../src/funds/Contract.js"
import * as Disbursement from "../src/funds/Disbursement.js"
import * as Ledger from "../src/funds/Ledger.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Money from "../src/values/Money.js"
import { ledgerEvents } from "../src/testing/allocation.js"
import { pack2021, packNoCeiling } from "./fixtures/ledger-pack.js"

const M = 1_000_000n
const day = (s: string) => LocalDate.parseOrThrow(s)
const contract = (id: string, approved: bigint, activities: ReadonlyArray<string> = ["training"], pack = pack2021): Contract.Contract =>
  Contract.makeOrThrow({ id, approvedSupport: Money.make(approved), activities, signed: day("2024-03-15"), approved: day("2024-01-10"), planYear: 2024 }, pack)
const ev = (id: string, kind: Ledger.Kind, date: string, amount: bigint, evidence?: Ledger.Evidence): Ledger.Event => ({
  id,
  idempotencyKey: `${id}-${kind}`,
  kind,
  date: day(date),
  amount: Money.make(amount),
  ...(evidence === undefined ? {} : { evidence })
})

const entry = (id: string, approved: bigint, proposalId: string, fund: "national" | "local", events: ReadonlyArray<Ledger.Event>): Disbursement.Entry =>
  ({ contract: contract(id, approved), proposalId, fund, events })

// C1 (P1, national), 100 million: advance 70 (70 %), accepted 25/09, paid 30, settled at 100
const c1 = entry("C1", 100n * M, "P1", "national", [
  ev("1", "advance", "2024-04-01", 70n * M),
  ev("2", "payment", "2024-10-01", 30n * M, { baseAcceptance: day("2024-09-25") }),
  ev("3", "settlement", "2024-12-01", 100n * M)
])
// C2 (P2, national), 200 million: advance 140, accepted 20/10 with 120 of work done, paid 10, then
// the 30 paid out without matching work refunded (150 − 120)
const c2 = entry("C2", 200n * M, "P2", "national", [
  ev("1", "advance", "2024-05-01", 140n * M),
  ev("2", "payment", "2024-11-01", 10n * M, { baseAcceptance: day("2024-10-20"), completedValue: Money.make(120n * M) }),
  ev("3", "refund", "2024-11-15", 30n * M)
])
// C3 (P3, local), 50 million: advance 35 (70 %); the remaining 15 asked for before acceptance is refused
const c3 = entry("C3", 50n * M, "P3", "local", [ev("1", "advance", "2024-06-01", 35n * M), ev("2", "advance", "2024-06-15", 15n * M)])

const s = Disbursement.summarizeOrThrow([c1, c2, c3])

describe("Disbursement.summarize", () => {
  it("per contract: the ledger's balances, and the refused event with its rule", () => {
    expect(s.contracts.map((c) => [c.contractId, c.approved, c.advanced, c.paid, c.refunded, c.disbursed, c.outstanding, c.workValue, c.refundable, c.remaining, c.settled])).toEqual([
      // 70 + 30 = 100 paid out, settled at 100: nothing outstanding or remaining
      ["C1", 100n * M, 70n * M, 30n * M, 0n, 100n * M, 0n, 100n * M, 0n, 0n, 100n * M],
      // 140 + 10 − 30 = 120 paid out = the 120 of work; 140 − 30 = 110 of advances not yet settled; 200 − 120 = 80 remain
      ["C2", 200n * M, 140n * M, 10n * M, 30n * M, 120n * M, 110n * M, 120n * M, 0n, 80n * M, 0n],
      // 35 advanced, no work reported yet: all 35 would be refundable; 50 − 35 = 15 remain
      ["C3", 50n * M, 35n * M, 0n, 0n, 35n * M, 35n * M, 0n, 35n * M, 15n * M, 0n]
    ])
    expect(s.contracts.map((c) => [c.accepted, c.settledContracts])).toEqual([
      [1, 1],
      [1, 0],
      [0, 0]
    ])
    expect(s.contracts[2]?.rejected.map((r) => [r.event.id, r.error.code])).toEqual([["2", "advance/remainder-before-acceptance"]])
    for (const c of s.contracts) expect(c.balances).toEqual(Ledger.balances(Ledger.replay(c.ledger.contract, c.ledger.events).ledger))
  })

  it("per fund and in total: sums of the contracts, with the disbursed share", () => {
    expect(s.funds.map((f) => [f.fund, f.contracts, f.approved, f.disbursed, f.remaining, f.shown?.text])).toEqual([
      ["national", 2, 300n * M, 220n * M, 80n * M, "73,3%"], // 220 / 300
      ["local", 1, 50n * M, 35n * M, 15n * M, "70,0%"] // 35 / 50
    ])
    expect(s.total).toMatchObject({
      contracts: 3,
      accepted: 2,
      settledContracts: 1,
      approved: 350n * M,
      advanced: 245n * M, // 70 + 140 + 35
      paid: 40n * M, // 30 + 10
      refunded: 30n * M,
      disbursed: 255n * M, // 245 + 40 − 30
      outstanding: 145n * M, // 0 + 110 + 35
      workValue: 220n * M, // 100 + 120 + 0
      refundable: 35n * M,
      remaining: 95n * M, // 0 + 80 + 15
      settled: 100n * M
    })
    expect(s.total.shown?.text).toBe("72,9%") // 255 / 350 = 72,857… %
    expect(s.proposals.map((p) => [p.proposalId, p.fund, p.disbursed])).toEqual([
      ["P1", "national", 100n * M],
      ["P2", "national", 120n * M],
      ["P3", "local", 35n * M]
    ])
  })

  it("as of a date: later events are left out", () => {
    // by 31/10: C1 advanced 70 and paid 30, not yet settled; C2 advanced 140 only
    const early = Disbursement.summarizeOrThrow([c1, c2, c3], { asOf: day("2024-10-31") })
    expect(early.contracts.map((c) => [c.contractId, c.disbursed, c.settled, c.outstanding])).toEqual([
      ["C1", 100n * M, 0n, 70n * M],
      ["C2", 140n * M, 0n, 140n * M],
      ["C3", 35n * M, 0n, 35n * M]
    ])
    expect(early.total.disbursed).toBe(275n * M)
  })

  it("adds a proposal's contracts together", () => {
    const second = entry("C3b", 20n * M, "P3", "local", [ev("1", "advance", "2024-07-01", 14n * M)])
    const r = Disbursement.summarizeOrThrow([c3, second])
    expect(r.proposals).toHaveLength(1)
    expect(r.proposals[0]).toMatchObject({ proposalId: "P3", contracts: 2, approved: 70n * M, disbursed: 49n * M }) // 35 + 14 of 50 + 20
  })

  it("reports progress from the same events: advances and payments by month", () => {
    const p = Disbursement.progress(s)
    if (!p.ok) throw p.error
    // 70 + 30 + 140 + 10 + 35 = 285 paid out of 350 assigned; refunds are not disbursements in Progress
    expect(p.value.total.disbursed).toBe(s.total.advanced + s.total.paid)
    expect(p.value.total.shown?.text).toBe("81,4%") // 285 / 350
    expect(p.value.byFund.map((l) => [l.key, l.assigned, l.disbursed])).toEqual([
      ["local", 50n * M, 35n * M],
      ["national", 300n * M, 250n * M]
    ])
    expect(p.value.byMonth.map((m) => [m.month, m.disbursed])).toEqual([
      ["2024-04", 70n * M],
      ["2024-05", 140n * M],
      ["2024-06", 35n * M],
      ["2024-07", 0n],
      ["2024-08", 0n],
      ["2024-09", 0n],
      ["2024-10", 30n * M],
      ["2024-11", 10n * M]
    ])
    const custom = Disbursement.progress(s, { assignments: [{ id: "P1", amount: Money.make(100n * M) }] })
    expect(custom.ok || custom.error.code).toBe("progress/unknown-assignment")
  })

  it("names the row of a duplicate contract or a proposal under two funds; OrThrow and Effect fail the same way", () => {
    const r = Disbursement.summarize([c1, c1, { ...c2, proposalId: "P1" }])
    expect(r.ok || r.error.issues.map((i) => [i.code, i.path.join(".")])).toEqual([
      ["disbursement/duplicate-contract", "entries.1.contract.id"]
    ])
    const mixed = Disbursement.summarize([c1, { ...c3, proposalId: "P1" }])
    expect(mixed.ok || mixed.error.issues.map((i) => [i.code, i.path.join(".")])).toEqual([["disbursement/fund-mismatch", "entries.1.fund"]])
    expect(() => Disbursement.summarizeOrThrow([c1, c1])).toThrow(/given twice/)
    const code = Effect.runSync(Disbursement.summarizeEffect([c1, c1]).pipe(Effect.map(() => "ok"), Effect.catchTag("ValidationError", (e) => Effect.succeed(e.code))))
    expect(code).toBe("disbursement/duplicate-contract")
  })
})

// ---------------------------------------------------------------------------------------------
// Properties

const contracts = fc.constantFrom(
  contract("T", 100n * M),
  contract("T", 100n * M, ["training"], packNoCeiling),
  contract("T", 100n * M, ["machinery"]),
  contract("T", 999_999_999n, ["enterprise-setup"], packNoCeiling)
)
const withEvents = contracts.chain((c) => fc.tuple(fc.constant(c), ledgerEvents(c, { maxLength: 12 })))
const AMOUNTS: ReadonlyArray<Disbursement.Amount> = ["approved", "advanced", "paid", "refunded", "disbursed", "outstanding", "workValue", "refundable", "remaining"]

describe("Disbursement: properties", () => {
  test.prop([withEvents])("for any valid event sequence (posted one by one), the summary's figures are the ledger's balances", ([c, events]) => {
    let ledger = Ledger.open(c)
    for (const e of [...events].sort(Ledger.order)) {
      const r = Ledger.post(ledger, e)
      if (r.ok) ledger = r.value
    }
    const b = Ledger.balances(ledger)
    const summary = Disbursement.summarizeOrThrow([{ ...ledger, proposalId: "P", fund: "national" }])
    const line = summary.contracts[0]
    expect(line?.rejected).toEqual([])
    expect(line?.balances).toEqual(b)
    for (const k of AMOUNTS) expect(summary.total[k]).toBe(b[k])
    expect(summary.total.settled).toBe(b.settled ?? 0n)
  })

  test.prop([fc.array(withEvents, { minLength: 1, maxLength: 4 })])("over several contracts, totals are the sums of each replayed ledger's balances", (list) => {
    const entries = list.map(([c, events], i) => ({ contract: { ...c, id: `C${i}` }, events, proposalId: `P${i % 2}`, fund: i % 2 === 0 ? ("national" as const) : ("local" as const) }))
    const summary = Disbursement.summarizeOrThrow(entries)
    const balances = entries.map((e) => Ledger.balances(Ledger.replay(e.contract, e.events).ledger))
    for (const k of AMOUNTS) expect(summary.total[k]).toBe(balances.reduce((sum, b) => sum + b[k], 0n))
    for (const f of summary.funds) for (const k of AMOUNTS) expect(f[k]).toBe(summary.proposals.filter((p) => p.fund === f.fund).reduce((sum, p) => sum + p[k], 0n))
    expect(summary.contracts.reduce((n, l) => n + l.ledger.events.length + l.rejected.length, 0)).toBe(entries.reduce((n, e) => n + e.events.length, 0))
  })
})
