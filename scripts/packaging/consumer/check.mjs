// Plain ESM JavaScript, as a user would write it after installing every @khuyencong package
// (without pg or PGlite, the optional peers of adapters-postgres): parse money, decode inputs,
// evaluate a proposal, use the `@khuyencong/core/testing` entry point with fast-check, store the
// proposal in the in-memory store of `@khuyencong/storage/testing`, read the law's corpus, load
// the three packs, write an .xlsx plan, and check that adapters-postgres loads without its drivers
// and says which one to install. Exits non-zero on the first failure.
import assert from "node:assert/strict"
import { existsSync, readdirSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { Establishment, Evaluate, LocalDate, Money, Pack, Proposal, Result } from "@khuyencong/core"
import { pack } from "@khuyencong/rules-2021-2025"
import { pack as pack2014 } from "@khuyencong/rules-2014-2018"
import { pack as pack2026 } from "@khuyencong/rules-2026-2030"
import corpus from "@khuyencong/law/corpus.json" with { type: "json" }
import { proposal as anyProposal } from "@khuyencong/core/testing"
import { Storage } from "@khuyencong/storage"
import { memoryStore } from "@khuyencong/storage/testing"
import { Report, Xlsx } from "@khuyencong/adapters-excel"
import { open } from "@khuyencong/adapters-postgres"
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

// The law: the compiled corpus and its YAML sources ship in @khuyencong/law
assert.ok(corpus.instruments.length > 0 && corpus.parameters.length > 0)
const lawDir = dirname(createRequire(import.meta.url).resolve("@khuyencong/law/package.json"))
const yamlFiles = readdirSync(join(lawDir, "corpus"), { recursive: true }).filter((f) => String(f).endsWith(".yaml"))
assert.ok(yamlFiles.length > 0, "@khuyencong/law ships its corpus/**/*.yaml sources")

// The other two packs load and resolve in their periods
assert.ok(Pack.resolveOrThrow(Pack.loadOrThrow(pack2014), "2016-06-01"))
assert.ok(Pack.resolveOrThrow(Pack.loadOrThrow(pack2026), "2026-06-01"))

// adapters-excel: the plan as an .xlsx workbook (exceljs), returned as bytes
const rows = Result.getOrThrow(Report.planRowsOf([p], new Map([[p.id, e.payable]])))
const xlsx = Result.getOrThrow(await Xlsx.exportPlan(rows))
assert.ok(xlsx instanceof Uint8Array && xlsx[0] === 0x50 && xlsx[1] === 0x4b, "an .xlsx is a zip file")

// adapters-postgres loads without pg and PGlite (optional peers) and names the one to install
assert.ok(!existsSync("node_modules/pg") && !existsSync("node_modules/@electric-sql/pglite"))
const missing = async (options, name) =>
  assert.rejects(open(options), (err) => {
    assert.ok(err instanceof Storage.StorageError, String(err))
    assert.equal(err.code, "storage/driver-not-installed")
    assert.ok(err.message.includes(`npm install ${name}`), err.message)
    return true
  })
await missing({ useEnvironment: false }, "@electric-sql/pglite")
await missing({ connectionString: "postgres://nobody@127.0.0.1:9/none" }, "pg")

console.log(`check.mjs: ok (payable ${Money.format(e.payable)}, ${e.trace.steps.length} trace steps, ${yamlFiles.length} law YAML files, .xlsx plan ${xlsx.length} bytes)`)
