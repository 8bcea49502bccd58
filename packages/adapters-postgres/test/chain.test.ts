/**
 * Issue 12 on PostgreSQL: a write whose acknowledgement is lost (the commit reached the database,
 * the reply did not) and is retried with its idempotency key writes nothing twice; on a real
 * server, 60 concurrent writers from separate pools, and writers in separate processes, never
 * commit more approved support to one proposal than its evaluation found payable.
 */
import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { Money } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import { fixtures, storedBasis, suitePack } from "@khuyencong/storage/testing"
import { Effect, Result } from "effect"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import { makeBackend } from "../src/backend.js"
import type { Driver } from "../src/driver.js"
import { open } from "../src/index.js"
import { close, DATABASE_URL, freshSchema, hasServer, pgliteHarness, serverHarness, serverSchemas, type Harness } from "./harness.js"

const M = 1_000_000n
const run = <A, E>(e: Effect.Effect<A, E>): Promise<A> => Effect.runPromise(e)
const settle = <A, E>(e: Effect.Effect<A, E>) => Effect.runPromise(Effect.result(e))
/** Success or the typed failure, whatever the write returns. */
const outcome = async <A, E>(e: Effect.Effect<A, E>): Promise<{ readonly ok: boolean; readonly failure?: unknown }> => {
  const r = await settle(e)
  return Result.isSuccess(r) ? { ok: true } : { ok: false, failure: r.failure }
}

/** A driver whose next armed transaction commits and then "loses" its reply (throws as a dropped connection would). */
const losingReplies = (d: Driver): { readonly driver: Driver; readonly loseNext: () => void } => {
  let armed = false
  return {
    loseNext: () => {
      armed = true
    },
    driver: {
      ...d,
      transaction: async (body) => {
        const r = await d.transaction(body)
        if (armed) {
          armed = false
          throw new Error("Connection terminated unexpectedly (the commit went through, the reply was lost)")
        }
        return r
      }
    }
  }
}

const lostAcknowledgement = (h: Harness): void => {
  it("a keyed write retried after a lost acknowledgement returns the original and writes nothing twice; without a key it would write twice", async () => {
    const store = await h.fresh()
    const { driver, loseNext } = losingReplies(await h.driver())
    const s = Storage.make(makeBackend(driver, { schema: store.schema }))
    const count = async (table: string): Promise<number> => Number((await h.sql<{ n: string }>(`SELECT count(*)::text AS n FROM "${store.schema}".${table}`))[0]?.n)
    try {
      const p = fixtures.proposal("DA-1")
      loseNext()
      const lost = await settle(s.saveProposal(p, { status: "submitted", idempotencyKey: "req-1" }))
      expect(Result.isFailure(lost) && lost.failure).toMatchObject({ _tag: "StorageError" })
      expect(await count("proposal_versions")).toBe(1) // it was committed
      const retried = await run(s.saveProposal(p, { status: "submitted", idempotencyKey: "req-1" }))
      expect([retried.version, retried.status]).toEqual([1, "submitted"])
      expect(await count("proposal_versions")).toBe(1)

      loseNext()
      await settle(s.saveEvaluations([fixtures.evaluate(p)], { idempotencyKey: "req-2" }))
      const evaluations = await run(s.saveEvaluations([fixtures.evaluate(p)], { idempotencyKey: "req-2" }))
      expect(await count("evaluations")).toBe(1)
      const evaluation = { proposalId: "DA-1", evaluationId: evaluations[0]?.id ?? "?" }

      loseNext()
      const input = fixtures.contractInput("HĐ-1", { approvedSupport: Money.make(70n * M), evaluation })
      await settle(s.saveContract(input, suitePack, { idempotencyKey: "req-3" }))
      expect((await run(s.saveContract(input, suitePack, { idempotencyKey: "req-3" }))).contract.approvedSupport).toBe(70n * M)
      expect(await count("contracts")).toBe(1)

      loseNext()
      const plan = fixtures.plan("KH-1", 2024, ["DA-1"])
      await settle(s.savePlan(plan, { idempotencyKey: "req-4" }))
      expect(await run(s.savePlan(plan, { idempotencyKey: "req-4" }))).toEqual(plan)

      // the same lost reply without a key: the retry appends a second version (why writes that may be retried carry a key)
      loseNext()
      await settle(s.saveProposal(p))
      await run(s.saveProposal(p))
      expect(await count("proposal_versions")).toBe(3)
      expect(await count("write_keys")).toBe(4)
    } finally {
      await close(store)
    }
  })
}

describe("lost acknowledgements on PGlite", () => {
  const h = pgliteHarness()
  afterAll(() => h.teardown())
  lostAcknowledgement(h)
})

describe("on a PostgreSQL server (DATABASE_URL)", () => {
  if (!hasServer) {
    it("does not run without DATABASE_URL", () => expect(DATABASE_URL).toBe(""))
    return
  }
  const h = serverHarness(10)
  const pools: Array<pg.Pool> = []
  afterAll(async () => {
    for (const p of pools) await p.end()
    await h.teardown()
  })
  lostAcknowledgement(h)

  it("60 concurrent writers from 6 pools (contracts and increases) never commit more than the proposal's payable amount", async () => {
    const schema = freshSchema()
    serverSchemas.push(schema)
    const stores = await Promise.all(
      Array.from({ length: 6 }, () => {
        const p = new pg.Pool({ connectionString: DATABASE_URL, max: 10 })
        pools.push(p)
        return open({ pool: p, schema })
      })
    )
    try {
      const s0 = stores[0] as (typeof stores)[number]
      // a course of 100.000.000 đ, 70 % supported: 70.000.000 đ payable
      const basis = await storedBasis(s0, "DA-1", { cost: 100n * M })
      await run(s0.saveContract(fixtures.contractInput("HĐ-00", { approvedSupport: Money.make(1n * M), evaluation: basis }), suitePack))
      const decision = { decision: "15/QĐ-BCT", decidedOn: "2024-04-01", decidedBy: "Bộ Công Thương", legalBasis: "Circular 36/2013/TT-BCT art. 11.2", evaluationId: basis.evaluationId } as const
      const writers = Array.from({ length: 60 }, (_, i) => {
        const s = stores[i % 6] as (typeof stores)[number]
        return i % 3 === 2
          ? outcome(s.postEvent("HĐ-00", fixtures.event(`r${String(i).padStart(2, "0")}`, "adjustment", "2024-04-01", BigInt(i + 2) * M, { ...decision, decidedOn: decision.decidedOn as never })))
          : outcome(s.saveContract(fixtures.contractInput(`HĐ-${String(i + 1).padStart(2, "0")}`, { approvedSupport: Money.make(2n * M), evaluation: basis }), suitePack))
      })
      const results = await Promise.all(writers)
      for (const r of results) if (!r.ok) expect(r.failure).toMatchObject({ _tag: "RuleViolation" })
      // what the database holds, read behind the store's back: approved after the last adjustment of each contract
      const [row] = await h.sql<{ total: string; n: string }>(
        `SELECT sum(COALESCE((SELECT e.amount FROM "${schema}".ledger_events e WHERE e.contract_id = c.id AND e.kind = 'adjustment'
                              ORDER BY e.event_date DESC, e.idempotency_key DESC LIMIT 1), c.approved_support))::text AS total, count(*)::text AS n
           FROM "${schema}".contracts c WHERE c.proposal_id = 'DA-1'`
      )
      const total = BigInt(row?.total ?? "0")
      expect(total).toBeLessThanOrEqual(70n * M)
      // every refused contract was refused for want of room: at most 2.000.000 is left, never more
      expect(total).toBeGreaterThan(68n * M)
      const savedContracts = results.filter((r, i) => i % 3 !== 2 && r.ok).length
      expect(Number(row?.n)).toBe(savedContracts + 1)
      for (const r of results) if (!r.ok) expect((r.failure as { code: string }).code).toBe("contract/exceeds-evaluation")
    } finally {
      for (const s of stores) await close(s)
    }
  })

  it("writers in 3 separate processes racing for one proposal: exactly 35 contracts of 2.000.000 fit its 70.000.000 payable", async () => {
    const schema = freshSchema()
    serverSchemas.push(schema)
    const p = new pg.Pool({ connectionString: DATABASE_URL, max: 4 })
    pools.push(p)
    const store = await open({ pool: p, schema })
    let basis: { proposalId: string; evaluationId: string }
    try {
      basis = await storedBasis(store, "DA-1", { cost: 100n * M })
    } finally {
      await close(store)
    }
    const child = fileURLToPath(new URL("./chain-writer.mjs", import.meta.url))
    const cwd = fileURLToPath(new URL("..", import.meta.url))
    const outputs = await Promise.all(
      ["A", "B", "C"].map((prefix) =>
        promisify(execFile)(process.execPath, [child, schema, basis.proposalId, basis.evaluationId, `HĐ-${prefix}`, "20", String(2n * M)], {
          cwd,
          env: { ...process.env, DATABASE_URL }
        })
      )
    )
    const results = outputs.flatMap((o) => JSON.parse(o.stdout.trim()) as ReadonlyArray<{ id: string; ok: boolean; code?: string }>)
    expect(results).toHaveLength(60)
    // 70.000.000 / 2.000.000 = 35, worked out by hand
    expect(results.filter((r) => r.ok)).toHaveLength(35)
    for (const r of results) if (!r.ok) expect(r.code).toBe("contract/exceeds-evaluation")
    const [row] = await h.sql<{ total: string; n: string }>(`SELECT sum(approved_support)::text AS total, count(*)::text AS n FROM "${schema}".contracts`)
    expect([row?.total, row?.n]).toEqual([(70n * M).toString(), "35"])
    // each process saw its own successes; together they are exactly what is stored
    const stored = (await h.sql<{ id: string }>(`SELECT id FROM "${schema}".contracts ORDER BY id`)).map((r) => r.id)
    expect(results.filter((r) => r.ok).map((r) => r.id).sort()).toEqual(stored)
  })
})
