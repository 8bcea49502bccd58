// docs/chain.md: proposal → evaluation → contract → ledger → settlement, through a store.
// Outside the regions there are only assertions.
import assert from "node:assert/strict"

// #region chain
import { Establishment, Evaluate, Money, Pack, Proposal, Rate, Result } from "@khuyencong/core"
import { establishmentJson } from "@khuyencong/core/testing"
import { Storage } from "@khuyencong/storage"
import { pack } from "@khuyencong/rules-2021-2025"
import { open } from "@khuyencong/adapters-postgres"

const db = Storage.toAsync(await open({ driver: "pglite" })) // PGlite in memory
const rules = Pack.loadOrThrow(pack)

// 1. The proposal (đề án): a machine of 800.000.000 đ for a small enterprise, 400.000.000 đ requested
const enterprise = Result.getOrThrow(Establishment.decode(establishmentJson())) // a sample of Thái Nguyên
const proposal = Result.getOrThrow(Proposal.decode({
  id: "DA-2023-TN-01", title: "Hỗ trợ máy đan mây tre", fund: "national", form: { kind: "single" },
  activities: [{ activity: "machinery", costLines: [{ item: "machinery.equipment", quantity: 1,
    unitCost: "800000000", total: "800000000", requestedSupport: "400000000", counterpartFunding: "400000000" }] }],
  implementingUnit: { name: "Trung tâm Khuyến công Thái Nguyên" }, beneficiaries: [enterprise.id],
  locations: [{ provinceCode: "19" }], planYear: 2023,
  duration: { start: "2023-04-01", end: "2023-11-30" }, approvalDate: "2023-03-15"
}))
await db.saveEstablishment(enterprise)
// a write that may be retried carries an idempotency key: the retry returns the original
const v1 = await db.saveProposal(proposal, { status: "approved", idempotencyKey: "TN/2023/DA-01#1" })
const retry = await db.saveProposal(proposal, { status: "approved", idempotencyKey: "TN/2023/DA-01#1" })
retry.value.version                                        // 1, as v1: no second version

// 2. The evaluation (kết quả thẩm định), stored: the payable amount is the ceiling of every contract
const evaluation = Result.getOrThrow(Evaluate.evaluate(proposal, Pack.resolveOrThrow(rules, "2023-03-15"),
  { establishments: new Map([[enterprise.id, enterprise]]) }))
const stored = (await db.saveEvaluation(evaluation, { idempotencyKey: "TN/2023/DA-01#eval-1" })).value
stored.payable                                             // 300000000n
const basis = { proposalId: "DA-2023-TN-01", evaluationId: stored.id }

// 3. Contracts (hợp đồng) name the evaluation; together they stay within its payable amount
const contract = (id, amount) => ({ id, approvedSupport: Money.make(amount), activities: ["machinery"],
  approved: "2023-03-15", signed: "2023-04-05", planYear: 2023, province: "19", evaluation: basis })
await db.saveContract(contract("HĐ-01", 200_000_000n), [rules])
await db.saveContract(contract("HĐ-02", 100_000_000n), [rules])
const third = await db.saveContract(contract("HĐ-03", 1n), [rules])
third.error.code          // "contract/exceeds-evaluation": 300.000.001 ₫ above the 300.000.000 ₫ payable

// 4. The ledger (sổ theo dõi): advances, acceptance, payment; every balance derived from the events
await db.postEvent("HĐ-01", { id: "a1", idempotencyKey: "HĐ-01/a1", kind: "advance", date: "2023-06-02",
  amount: Money.make(140_000_000n), evidence: { progressShare: Rate.parseOrThrow("75%") } })
await db.postEvent("HĐ-01", { id: "p1", idempotencyKey: "HĐ-01/p1", kind: "payment", date: "2023-11-30",
  amount: Money.make(60_000_000n), evidence: { baseAcceptance: "2023-11-28" } })

// 5. Adjustments (điều chỉnh) are decisions: number, date, issuing authority, legal basis
const decision = { decision: "1520/QĐ-BCT", decidedOn: "2023-10-02", decidedBy: "Bộ Công Thương",
  legalBasis: "Thông tư 36/2013/TT-BCT, Điều 11 khoản 2" }
const bare = await db.postEvent("HĐ-02", { id: "d0", idempotencyKey: "HĐ-02/d0", kind: "adjustment",
  date: "2023-10-02", amount: Money.make(80_000_000n) })
bare.error.code           // "adjustment/missing-decision", with the four missing fields in bare.error.issues
await db.postEvent("HĐ-02", { id: "d1", idempotencyKey: "HĐ-02/d1", kind: "adjustment", date: "2023-10-02",
  amount: Money.make(80_000_000n), evidence: decision })
// an increase names the evaluation whose payable covers the new total: 220 + 80 = 300 million
const raised = await db.postEvent("HĐ-01", { id: "d2", idempotencyKey: "HĐ-01/d2", kind: "adjustment",
  date: "2023-10-03", amount: Money.make(220_000_000n), evidence: { ...decision, decidedOn: "2023-10-03", evaluationId: stored.id } })
raised.value.balances.approved                             // 220000000n

// 6. Settlement (quyết toán) after acceptance closes the contract
await db.postEvent("HĐ-01", { id: "s1", idempotencyKey: "HĐ-01/s1", kind: "settlement", date: "2023-12-20",
  amount: Money.make(210_000_000n) })
const closed = (await db.balances("HĐ-01")).value
closed.settled                                             // 210000000n
closed.remaining                                           // 10000000n: the shortfall still payable
// #endregion

// #region reevaluate
// 7. The stored evaluation reads back whole: the record the contracts rest on
const record = (await db.latestEvaluation("DA-2023-TN-01")).value.evaluation
record.inputHash === evaluation.inputHash                  // true: SHA-256 of the same inputs
const decisionFile = Evaluate.explain(record)              // "KẾT QUẢ ĐÁNH GIÁ ĐỀ ÁN KHUYẾN CÔNG\nĐề án: DA-2023-TN-01\n…"

// 8. Re-evaluate it (đánh giá lại): the proposal version it judged, the establishments as stored now,
//    the pack installed now, at the same decision date; then compare
const judged = (await db.getProposal("DA-2023-TN-01", { version: stored.proposalVersion })).value.proposal
const establishments = (await db.getEstablishments(judged.beneficiaries)).value
const again = Result.getOrThrow(Evaluate.evaluate(judged, Pack.resolveOrThrow(rules, record.date), { establishments }))
Evaluate.isSame(Evaluate.diff(record, again))              // true: same pack, inputs, verdict, payable
// with the priority multiplier applied (another option, so other inputs), the diff names what moved
const priority = Result.getOrThrow(Evaluate.evaluate(judged, Pack.resolveOrThrow(rules, record.date),
  { establishments, applyPriorityMultiplier: true }))
const changed = Evaluate.diff(record, priority)
changed.inputs                                             // { before: "<hash stored>", after: "<another hash>" }
changed.payable                                            // undefined: not a priority proposal, the amount is the same
await db.close()
// #endregion

assert.equal(v1.ok && retry.ok, true)
assert.deepEqual(retry.value, v1.value)
assert.equal(stored.payable, 300_000_000n)
assert.equal(third.ok, false)
assert.equal(third.error.code, "contract/exceeds-evaluation")
assert.match(third.error.message, /300\.000\.001/)
assert.equal(bare.ok, false)
assert.deepEqual(bare.error.issues.map((i) => i.code), ["adjustment/missing-decision", "adjustment/missing-decision-date", "adjustment/missing-authority", "adjustment/missing-legal-basis"])
assert.equal(raised.ok, true, raised.ok ? "" : raised.error.message)
assert.equal(raised.value.balances.approved, 220_000_000n)
assert.equal(closed.settled, 210_000_000n)
// 140.000.000 advanced + 60.000.000 paid = 200.000.000 paid out; settled at 210.000.000: 10.000.000 still due
assert.equal(closed.disbursed, 200_000_000n)
assert.equal(closed.remaining, 10_000_000n)
assert.equal(record.inputHash, evaluation.inputHash)
assert.deepEqual(Evaluate.encode(record), Evaluate.encode(evaluation))
assert.match(decisionFile, /^KẾT QUẢ ĐÁNH GIÁ ĐỀ ÁN KHUYẾN CÔNG\nĐề án: DA-2023-TN-01\n/)
assert.ok(decisionFile.includes(evaluation.inputHash))
assert.equal(Evaluate.isSame(Evaluate.diff(record, again)), true)
assert.deepEqual(changed.inputs, { before: evaluation.inputHash, after: priority.inputHash })
assert.notEqual(priority.inputHash, evaluation.inputHash)
assert.equal(changed.payable, undefined)
console.log("chain: ok")

