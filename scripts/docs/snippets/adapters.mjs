// docs/adapters.md: the PostgreSQL store on embedded PGlite (in memory), and a CSV register.
// Outside the regions there are only assertions.
import assert from "node:assert/strict"

// #region postgres
import { Effect } from "effect"
import { Establishment, Evaluate, Money, Pack, Proposal, Rate, Result } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import { pack } from "@khuyencong/rules-2021-2025"
import { open } from "@khuyencong/adapters-postgres"

// Embedded PGlite in memory (dataDir: kept in a folder; connectionString, a pool or DATABASE_URL:
// a PostgreSQL server). Opening applies the pending migrations.
const store = await open({ driver: "pglite" })
const db = Storage.toAsync(store) // the same methods, returning Promise<Result> instead of Effects

const rules = Pack.loadOrThrow(pack)
const cooperative = Result.getOrThrow(Establishment.decode({
  id: "hg-che-phin-ho", name: "Hợp tác xã chè Shan tuyết Phìn Hồ", legalForm: { kind: "cooperative" },
  taxCode: "0503456783",
  location: { provinceCode: "02", provinceName: "Hà Giang", commune: { name: "Xã Thông Nguyên", kind: "commune" },
    difficultArea: "especially-difficult", poorDistrict: true, newRuralCommune: false, highland: true,
    island: false, border: false, ethnicMinorityArea: true },
  industry: { code: "che-bien-nong-lam-thuy-san" }, workforce: 30, hasExportContract: false,
  cleanerProduction: false, womenOwned: false, ethnicMinorityOwned: true
}))
const proposal = Result.getOrThrow(Proposal.decode({
  id: "DA-2023-HG-01", title: "Hỗ trợ máy sao chè", fund: "national", form: { kind: "single" },
  activities: [{ activity: "machinery", costLines: [{ item: "machinery.equipment", quantity: 1,
    unitCost: "800000000", total: "800000000", requestedSupport: "400000000", counterpartFunding: "400000000" }] }],
  implementingUnit: { name: "Trung tâm Khuyến công Hà Giang" }, beneficiaries: ["hg-che-phin-ho"],
  locations: [{ provinceCode: "02" }], planYear: 2023,
  duration: { start: "2023-04-01", end: "2023-11-30" }, approvalDate: "2023-03-15"
}))

await db.saveEstablishment(cooperative)
const saved = await db.saveProposal(proposal, { status: "approved", author: "sct-ha-giang" })
saved.value.version // 1: every save appends a version

// Every write goes through core's validators first: bad input is a ValidationError, never a row
const bad = await db.saveProposal({ ...proposal, planYear: 1990 })
bad.ok                 // false
bad.error.code         // "proposal/invalid", with bad.error.issues[].path

// The evaluation is stored whole: its trace, the pack id and version that produced it, its input hash
const evaluation = Result.getOrThrow(Evaluate.evaluate(proposal, Pack.resolveOrThrow(rules, "2023-03-15"),
  { establishments: new Map([[cooperative.id, cooperative]]), trace: true }))
await db.saveEvaluation(evaluation)
const latest = (await db.latestEvaluation("DA-2023-HG-01")).value
latest.payable                                  // 300000000n
latest.packVersion                              // "0.2.0"
latest.trace.steps.length === evaluation.trace.steps.length // true
latest.evaluation.inputHash === evaluation.inputHash // true: the whole record reads back (Evaluate.decode)

// A contract rests on the stored evaluation (within its payable amount) and takes its terms from the
// pack; ledger postings are serialised per contract and idempotent
await db.saveContract({ id: "HĐ-2023-HG-01", approvedSupport: latest.payable, activities: ["machinery"],
  approved: "2023-03-15", signed: "2023-04-05", planYear: 2023, province: "02",
  evaluation: { proposalId: "DA-2023-HG-01", evaluationId: latest.id } }, [rules])
const advance = { id: "adv-1", idempotencyKey: "HG-01/adv-1", kind: "advance", date: "2023-06-02",
  amount: Money.parseOrThrow("200 triệu"), evidence: { progressShare: Rate.parseOrThrow("75%") } }
const first = await db.postEvent("HĐ-2023-HG-01", advance)
const retry = await db.postEvent("HĐ-2023-HG-01", advance) // a retried request: posted once
first.value.replayed                               // false
retry.value.replayed                               // true
const balances = await db.balances("HĐ-2023-HG-01")
balances.value.advanced // 200000000n: derived from the stored events, never stored

await Effect.runPromise(store.close())
// #endregion

assert.equal(saved.ok, true)
assert.equal(saved.value.version, 1)
assert.equal(bad.ok, false)
assert.equal(bad.error._tag, "ValidationError")
assert.equal(bad.error.code, "proposal/invalid")
assert.deepEqual(bad.error.issues.map((i) => i.path.join(".")), ["planYear"])
assert.equal(latest.payable, 300_000_000n)
assert.equal(latest.packVersion, "0.2.0")
assert.equal(latest.trace.steps.length, evaluation.trace.steps.length)
assert.equal(latest.evaluation.inputHash, evaluation.inputHash)
assert.deepEqual(Evaluate.encode(latest.evaluation), Evaluate.encode(evaluation))
assert.equal(first.value.replayed, false)
assert.equal(retry.value.replayed, true)
assert.equal(balances.value.advanced, 200_000_000n)

// #region postgres-effect
import { layer } from "@khuyencong/adapters-postgres"

// With Effect: the store is a service; the layer opens it and closes it when the program ends
const program = Effect.gen(function* () {
  const storage = yield* Storage.Storage
  yield* storage.saveEstablishment(cooperative)
  yield* storage.saveProposal(proposal)
  return (yield* storage.getProposal("DA-2023-HG-01"))?.version
})
const version = await Effect.runPromise(program.pipe(Effect.provide(layer({ driver: "pglite" })))) // 1
// #endregion

assert.equal(version, 1)

// #region csv
import { Csv } from "@khuyencong/adapters-excel"

// A register (biểu tổng hợp đề án) as provinces keep it, amounts in million đồng
const text = [
  "STT;Mã đề án;Tên đề án;Nội dung hoạt động;Đơn vị thực hiện;Địa điểm;Thời gian thực hiện;Tổng kinh phí (triệu đồng);Kinh phí khuyến công hỗ trợ (triệu đồng);Kinh phí đối ứng (triệu đồng)",
  "1;HG-2024-01;Hỗ trợ máy sao chè;machinery;Trung tâm Khuyến công Hà Giang;02 - Hà Giang;01/03/2024 - 30/11/2024;800;400;400",
  "2;HG-2024-02;Hỗ trợ lò sấy;machinery;Trung tâm Khuyến công Hà Giang;02 - Hà Giang;01/03/2024 - 30/11/2024;500;300;100"
].join("\n")
const register = Csv.readRegister(text, {
  activities: pack.activities, delimiter: ";", defaults: { fund: "national", planYear: 2024 }
})
if (!register.ok) {
  for (const i of register.error.issues) console.log(i.row, i.column, i.header, i.code, i.raw)
  register.error.partial?.proposals.length // the rows without problems still come through
}
// 3 J Kinh phí đối ứng (triệu đồng) proposal/funding-shortfall 100
//   (300 + 100 does not cover 500: the cell the field was read from is named)
// #endregion

assert.equal(register.ok, false)
assert.deepEqual(register.error.issues.map((i) => [i.row, i.column, i.header, i.code, i.raw]), [[3, "J", "Kinh phí đối ứng (triệu đồng)", "proposal/funding-shortfall", "100"]])
assert.equal(register.error.partial?.proposals.length, 1)
assert.equal(register.error.partial?.proposals[0].activities[0].costLines[0].total, 800_000_000n)

// #region contract
import { memoryStore, storageContract } from "@khuyencong/storage/testing"

// The storage contract as plain data: run every case on a fresh, empty store. Here the
// in-memory store; for your adapter, open a fresh database or schema per case instead.
const failures = []
for (const c of storageContract) {
  const fresh = memoryStore()
  try {
    await c.run(fresh)
  } catch (e) {
    failures.push(`${c.name}: ${e.message}`)
  } finally {
    await Effect.runPromise(fresh.close())
  }
}
console.log(`${storageContract.length - failures.length} of ${storageContract.length} contract cases pass`)
// #endregion

assert.deepEqual(failures, [])
assert.ok(storageContract.length >= 30)
