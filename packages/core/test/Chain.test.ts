/**
 * Proposal → evaluation → contracts → ledger, as a property: under any sequence of contract
 * signings and ledger events (advances, payments, refunds, settlements, adjustments with and
 * without their decision, naming the evaluation or not) across any number of contracts of one
 * proposal, the approved support of its contracts and the money paid out never exceed the
 * payable amount its evaluation found. The harness makes the calls a store makes (Contract.make
 * with the evaluation, Contract.checkCommitments over the proposal's contracts, Ledger.post with
 * the evaluation and the other contracts' commitments); the bounds are checked independently.
 */
import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import * as Contract from "../src/funds/Contract.js"
import * as Ledger from "../src/funds/Ledger.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Money from "../src/values/Money.js"
import * as Rate from "../src/values/Rate.js"
import { pack2021, packNoCeiling } from "./fixtures/ledger-pack.js"

const M = 1_000_000n
const day = (n: number): LocalDate.LocalDate => LocalDate.addDays(LocalDate.parseOrThrow("2024-03-15"), n)

type Op =
  | { readonly op: "contract"; readonly amount: bigint; readonly ceiling: boolean }
  | {
      readonly op: "event"
      readonly contract: number
      readonly kind: Ledger.Kind
      readonly day: number
      readonly amount: bigint
      readonly accepted: boolean
      readonly progress: number | undefined
      readonly decision: boolean
      readonly names: "evaluation" | "other" | "none"
    }

const amount = (payable: bigint) =>
  fc.oneof(
    fc.bigInt({ min: 1n, max: payable }),
    fc.integer({ min: 1, max: 150 }).map((pct) => (payable * BigInt(pct)) / 100n + 1n),
    fc.constant(10n ** 12n) // the observed case: 10^12 on a proposal evaluated far lower
  )

const ops = (payable: bigint): fc.Arbitrary<ReadonlyArray<Op>> =>
  fc.array(
    fc.oneof(
      { weight: 1, arbitrary: fc.record({ op: fc.constant("contract" as const), amount: amount(payable), ceiling: fc.boolean() }) },
      {
        weight: 4,
        arbitrary: fc.record({
          op: fc.constant("event" as const),
          contract: fc.nat({ max: 5 }),
          kind: fc.constantFrom<Ledger.Kind>("advance", "advance", "payment", "payment", "refund", "settlement", "adjustment", "adjustment"),
          day: fc.integer({ min: 0, max: 300 }),
          amount: amount(payable),
          accepted: fc.boolean(),
          progress: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
          decision: fc.boolean(),
          names: fc.constantFrom("evaluation" as const, "other" as const, "none" as const)
        })
      }
    ),
    { maxLength: 40 }
  )

describe("the chain from evaluation to payment", () => {
  test.prop([fc.bigInt({ min: 1n, max: 500n * M }).chain((payable) => fc.tuple(fc.constant(payable), ops(payable)))], { numRuns: 300 })(
    "no sequence of contracts and ledger events commits or pays more than the evaluated payable amount",
    ([payable, sequence]) => {
      const evaluation: Contract.Evaluated = { id: "7", proposalId: "DA-1", verdict: "eligible", payable: Money.make(payable) }
      const ref: Contract.EvaluationRef = { proposalId: "DA-1", evaluationId: "7" }
      const ledgers: Array<Ledger.Ledger> = []
      let n = 0
      for (const o of sequence) {
        n++
        if (o.op === "contract") {
          const made = Contract.make(
            { id: `HĐ-${n}`, approvedSupport: Money.make(o.amount), activities: ["training"], signed: day(0), approved: LocalDate.parseOrThrow("2024-01-10"), planYear: 2024, evaluation: ref },
            o.ceiling ? pack2021 : packNoCeiling,
            { evaluation }
          )
          if (!made.ok) continue
          const all = [...ledgers.map((l) => ({ contractId: l.contract.id, approved: Ledger.balances(l).approved })), { contractId: made.value.id, approved: made.value.approvedSupport }]
          if (Contract.checkCommitments(evaluation, all, made.value.terms.rules["ledger.contract"]).ok) ledgers.push(Ledger.open(made.value))
        } else {
          const k = o.contract % Math.max(ledgers.length, 1)
          const ledger = ledgers[k]
          if (ledger === undefined) continue
          const evidence: { -readonly [K in keyof Ledger.Evidence]: Ledger.Evidence[K] } = {}
          if (o.accepted) evidence.baseAcceptance = day(o.day)
          if (o.progress !== undefined) evidence.progressShare = Rate.make(BigInt(o.progress), 100n)
          if (o.decision) Object.assign(evidence, { decision: `${n}/QĐ-BCT`, decidedOn: day(o.day), decidedBy: "Bộ Công Thương", legalBasis: "Circular 36/2013/TT-BCT art. 11.2" })
          if (o.names !== "none") evidence.evaluationId = o.names === "evaluation" ? "7" : "8"
          const event: Ledger.Event = { id: `E${n}`, idempotencyKey: `K${n}`, kind: o.kind, date: day(o.day), amount: Money.make(o.amount), evidence }
          // as a store does: the evaluation the event names, if it is stored (only "7" is), and the other contracts' commitments
          const others = ledgers.filter((_, i) => i !== k).map((l) => ({ contractId: l.contract.id, approved: Ledger.balances(l).approved }))
          const options = evidence.evaluationId === "7" ? { evaluation, committedElsewhere: others } : undefined
          if (evidence.evaluationId === "8") continue // an unknown evaluation: the store refuses it before posting
          const r = Ledger.post(ledger, event, options)
          if (r.ok) ledgers[k] = r.value
        }
        // independently of the implementation: sums over the proposal's contracts, from the events
        let approved = 0n
        let paidOut = 0n
        let paid = 0n
        for (const l of ledgers) {
          let a = l.contract.approvedSupport as bigint
          let out = 0n
          for (const e of l.events) {
            if (e.kind === "adjustment") a = e.amount
            if (e.kind === "advance" || e.kind === "payment") out += e.amount
            if (e.kind === "payment") paid += e.amount
            if (e.kind === "refund") out -= e.amount
            // every adjustment accepted records its decision
            if (e.kind === "adjustment") expect([e.evidence?.decision, e.evidence?.decidedOn, e.evidence?.decidedBy, e.evidence?.legalBasis].every((x) => x !== undefined)).toBe(true)
          }
          approved += a
          paidOut += out
        }
        expect(approved <= payable).toBe(true)
        expect(paidOut <= payable).toBe(true)
        expect(paid <= payable).toBe(true)
      }
    }
  )

  test("worked by hand: 70.000.000 payable; 40 + 30 fit; a raise of one by 1 đồng does not; lowering one frees room", () => {
    const evaluation: Contract.Evaluated = { id: "7", proposalId: "DA-1", verdict: "eligible", payable: Money.make(70n * M) }
    const evaluationRef = { proposalId: "DA-1", evaluationId: "7" }
    const input = (id: string, a: bigint): Contract.Input => ({ id, approvedSupport: Money.make(a), activities: ["training"], signed: day(0), approved: LocalDate.parseOrThrow("2024-01-10"), planYear: 2024, evaluation: evaluationRef })
    const a = Contract.makeOrThrow(input("A", 40n * M), packNoCeiling, { evaluation })
    const b = Contract.makeOrThrow(input("B", 30n * M), packNoCeiling, { evaluation })
    const decided = { decision: "1/QĐ-BCT", decidedOn: day(10), decidedBy: "Bộ Công Thương", legalBasis: "Circular 36/2013/TT-BCT art. 11.2", evaluationId: "7" }
    const raise = Ledger.post(Ledger.open(a), { id: "x", idempotencyKey: "x", kind: "adjustment", date: day(10), amount: Money.make(40n * M + 1n), evidence: decided }, { evaluation, committedElsewhere: [{ contractId: "B", approved: b.approvedSupport }] })
    expect(raise.ok ? undefined : raise.error.code).toBe("contract/exceeds-evaluation")
    const lower = Ledger.post(Ledger.open(b), { id: "y", idempotencyKey: "y", kind: "adjustment", date: day(10), amount: Money.make(20n * M), evidence: decided })
    expect(lower.ok).toBe(true)
    // 40 + 20 = 60: A may now rise to 50.000.000, not 50.000.001
    const others = [{ contractId: "B", approved: Money.make(20n * M) }]
    expect(Ledger.post(Ledger.open(a), { id: "z", idempotencyKey: "z", kind: "adjustment", date: day(11), amount: Money.make(50n * M), evidence: decided }, { evaluation, committedElsewhere: others }).ok).toBe(true)
    expect(Ledger.post(Ledger.open(a), { id: "z", idempotencyKey: "z", kind: "adjustment", date: day(11), amount: Money.make(50n * M + 1n), evidence: decided }, { evaluation, committedElsewhere: others }).ok).toBe(false)
  })
})
