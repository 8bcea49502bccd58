// Plain ESM JavaScript, as a user would write it after `npm install @khuyencong/core
// @khuyencong/storage @khuyencong/rules-2021-2025`: parse money, decode inputs, evaluate a
// proposal, use the `@khuyencong/core/testing` entry point with fast-check, and store the proposal
// in the in-memory store of `@khuyencong/storage/testing`. Exits non-zero on the first failure.
import assert from "node:assert/strict"
import { Establishment, Evaluate, LocalDate, Money, Pack, Proposal, Result } from "@khuyencong/core"
import { pack } from "@khuyencong/rules-2021-2025"
import { proposal as anyProposal } from "@khuyencong/core/testing"
import { Storage } from "@khuyencong/storage"
import { memoryStore } from "@khuyencong/storage/testing"
import * as fc from "fast-check"
import { establishments as rawEstablishments, proposal as rawProposal } from "./fixture.mjs"

// Money, exact in đồng, read the way officials write it
const cost = Money.parseOrThrow("1, 35 tỷ")
assert.equal(cost, 1_350_000_000n)
assert.equal(Money.format(cost), "1.350.000.000 ₫")
assert.equal(Money.format(cost, { style: "words" }), "1,35 tỷ đồng")
assert.equal(Money.parse("1.5 tỷ").ok, false)
assert.equal(LocalDate.parseOrThrow("30/06/2024"), "2024-06-30")

// Validators and evaluation under the 2021–2025 pack
const establishments = new Map(
  rawEstablishments.map((json) => {
    const e = Result.getOrThrow(Establishment.decode(json, { asOf: "2023-01-01" }))
    return [e.id, e]
  })
)
const p = Result.getOrThrow(Proposal.decode(rawProposal))
const resolved = Pack.resolveOrThrow(Pack.loadOrThrow(pack), Evaluate.dateOf(p))
const e = Evaluate.evaluateOrThrow(p, resolved, { establishments, trace: true })
assert.equal(e.verdict, "eligible")
assert.equal(e.payable, 900_000_000n) // 3 × 300 million đồng per establishment
assert.deepEqual([...new Set(e.support.lines.map((l) => l.binding))], ["absolute-cap"])
assert.ok(e.trace !== undefined && e.trace.steps.length > 0)

// Bad input is reported with paths, not thrown
const bad = Proposal.decode({ ...rawProposal, duration: { start: "2023-11-30", end: "2023-04-01" } })
assert.equal(bad.ok, false)
assert.deepEqual(bad.error.issues.map((i) => i.path.join(".")), ["duration.end"])

// The testing entry point (fast-check is an optional peer dependency)
fc.assert(fc.property(anyProposal, (q) => Proposal.decode(Proposal.encode(q)).ok), { numRuns: 25 })

// The storage contract and its in-memory store
const db = Storage.toAsync(memoryStore())
const saved = Result.getOrThrow(await db.saveProposal(p, { status: "approved" }))
assert.equal(saved.version, 1)
assert.equal((await db.saveProposal({ ...p, title: "" })).error._tag, "ValidationError")
await db.close()

console.log(`check.mjs: ok (payable ${Money.format(e.payable)}, ${e.trace.steps.length} trace steps)`)
