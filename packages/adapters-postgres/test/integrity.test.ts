import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PGlite } from "@electric-sql/pglite"
import { Errors, Establishment as EstablishmentM, Ledger, LocalDate, Money, Plan as PlanM, Proposal, type Establishment, type Plan } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import * as fc from "fast-check"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
// The storage contract suite's fixtures (`@khuyencong/storage/testing`) and core's arbitraries
// (`@khuyencong/core/testing`), both built to dist.
import { fixtures, storedBasis, suitePack } from "@khuyencong/storage/testing"
import { establishment as anyEstablishment, invalid, plan as anyPlan, proposal as anyProposal } from "@khuyencong/core/testing"
import { makeBackend } from "../src/backend.js"
import { pgDriver, type Driver, type Queryable } from "../src/driver.js"
import { toTypedError } from "../src/errors.js"
import { open, type PostgresStore } from "../src/index.js"
import { close, DATABASE_URL, freshSchema, hasServer, pgliteHarness, serverHarness, serverSchemas, type Harness } from "./harness.js"

const M = 1_000_000n
type Async = Storage.AsyncStore

const value = async <A, E>(p: Promise<{ readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }>): Promise<A> => {
  const r = await p
  if (r.ok) return r.value
  throw new Error(`expected success, got ${String((r.error as { message?: string }).message ?? r.error)}`)
}
const failure = async <A, E>(p: Promise<{ readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }>): Promise<E> => {
  const r = await p
  if (!r.ok) return r.error
  throw new Error("expected a failure")
}

/** A driver whose transactions call `hook` after each INSERT statement succeeds. */
const withHook = (d: Driver, hook: (tx: Queryable, n: number) => Promise<void>): Driver => ({
  ...d,
  transaction: (body) =>
    d.transaction((tx) => {
      let n = 0
      const q: Queryable = {
        query: (async (sql: string, params?: ReadonlyArray<unknown>) => {
          const rows = await tx.query(sql, params)
          if (/^\s*(WITH[\s\S]*\)\s*)?INSERT/i.test(sql)) await hook(tx, ++n)
          return rows
        }) as Queryable["query"],
        exec: tx.exec
      }
      return body(q)
    })
})

const count = async (h: Harness, table: string, schema: string, where = "true"): Promise<number> =>
  Number((await h.sql<{ n: string }>(`SELECT count(*)::text AS n FROM "${schema}".${table} WHERE ${where}`))[0]?.n)

const killed = (h: Harness): void => {
  it("a transaction killed midway (thrown after its first insert) leaves nothing half-written", async () => {
    const store = await h.fresh()
    const s = Storage.toAsync(store)
    const kill = Storage.toAsync(
      Storage.make(
        makeBackend(
          withHook(await h.driver(), async () => {
            throw new Error("killed after the first insert")
          }),
          { schema: store.schema }
        )
      )
    )
    try {
      await value(s.saveProposals(["DA-1", "DA-2", "DA-3"].map((id) => fixtures.proposal(id))))
      const before = fixtures.plan("KH-1", 2024, ["DA-1", "DA-2"], 500n * M)
      await value(s.savePlan(before))
      // replacing the plan: upsert (insert 1), deletes, envelopes (insert 2) … → killed after insert 1
      const e = await failure(kill.savePlan(fixtures.plan("KH-1", 2024, ["DA-3"], 900n * M)))
      expect(e).toBeInstanceOf(Storage.StorageError)
      expect((e as Storage.StorageError).cause).toBeInstanceOf(Error)
      expect(await value(s.getPlan("KH-1"))).toEqual(before)
      expect(await count(h, "plan_envelopes", store.schema)).toBe(1)
      expect(await count(h, "plan_proposals", store.schema)).toBe(2)
      // a new allocation: header (insert 1) then outcomes → killed: neither is kept
      const a = { id: "PB-1", allocation: { policy: { kind: "whole-only" as const }, outcomes: [], totals: { envelope: Money.make(1n), requested: Money.zero, reserve: Money.zero, distributable: Money.make(1n), allocated: Money.zero, unallocated: Money.make(1n) }, reserve: undefined, ceilings: [] } }
      await failure(kill.saveAllocation(a))
      expect(await count(h, "allocations", store.schema)).toBe(0)
      // a ledger posting: killed after its insert → no event, and the idempotency key is free again
      await value(s.saveContract(fixtures.contractInput("HĐ-1", { evaluation: await storedBasis(store) }), suitePack))
      const ev = fixtures.event("e1", "advance", "2024-04-01", 30n * M)
      await failure(kill.postEvent("HĐ-1", ev))
      expect(await count(h, "ledger_events", store.schema)).toBe(0)
      expect((await value(s.balances("HĐ-1")))?.advanced).toBe(0n)
      const retried = await value(s.postEvent("HĐ-1", ev))
      expect(retried.replayed).toBe(false)
      expect(retried.balances.advanced).toBe(30n * M)
      // a batch of proposals: one statement for head rows and versions; killed after it → no version
      await failure(kill.saveProposals([fixtures.proposal("DA-1", { cost: 5n * M }), fixtures.proposal("DA-9")]))
      expect((await value(s.proposalHistory("DA-1"))).length).toBe(1)
      expect(await value(s.getProposal("DA-9"))).toBeUndefined()
    } finally {
      await close(store)
    }
  })
}

const killedBetweenStatements = (h: Harness): void => {
  it("a batch written in several statements (an id saved twice) killed after its first statement leaves nothing of the batch", async () => {
    const store = await h.fresh()
    const s = Storage.toAsync(store)
    const kill = Storage.toAsync(
      Storage.make(
        makeBackend(
          withHook(await h.driver(), async (_, n) => {
            if (n === 1) throw new Error("killed between the batch's statements")
          }),
          { schema: store.schema }
        )
      )
    )
    try {
      await value(s.saveProposals([fixtures.proposal("DA-1")]))
      // DA-2 twice: one statement may touch a row once, so the batch is two statements, one transaction
      const batch = [fixtures.proposal("DA-1", { cost: 5n * M }), fixtures.proposal("DA-2"), fixtures.proposal("DA-3"), fixtures.proposal("DA-2", { cost: 7n * M }), fixtures.proposal("DA-4")]
      const e = await failure(kill.saveProposals(batch))
      expect((e as Storage.StorageError).cause).toBeInstanceOf(Error)
      expect((await value(s.proposalHistory("DA-1"))).length).toBe(1)
      for (const id of ["DA-2", "DA-3", "DA-4"]) expect(await value(s.getProposal(id))).toBeUndefined()
      expect(await count(h, "proposals", store.schema)).toBe(1)
      expect(await count(h, "proposal_versions", store.schema)).toBe(1)
      // the same batch through the store: both statements commit together, DA-2 at version 2
      const saved = await value(s.saveProposals(batch))
      expect(saved.map((v) => [v.proposal.id, v.version])).toEqual([["DA-1", 2], ["DA-2", 1], ["DA-3", 1], ["DA-2", 2], ["DA-4", 1]])
      expect(await count(h, "proposal_versions", store.schema)).toBe(6)
    } finally {
      await close(store)
    }
  })
}

const constraints = (h: Harness): void => {
  it("constraint violations behind the store's back come back as core's typed errors, never raw database errors", async () => {
    const store = await h.fresh()
    const s = Storage.toAsync(store)
    const d = await h.driver()
    const q = `"${store.schema}"`
    const raw = async (sql: string, params: ReadonlyArray<unknown> = []): Promise<ReturnType<typeof toTypedError>> => {
      try {
        await d.query(sql, params)
      } catch (e) {
        expect(e).not.toBeInstanceOf(Errors.ValidationError) // it is the driver's own error …
        return toTypedError(e) // … until mapped
      }
      throw new Error(`expected ${sql} to fail`)
    }
    try {
      await value(s.saveProposal(fixtures.proposal("DA-1")))
      await value(s.saveContract(fixtures.contractInput("HĐ-1", { evaluation: await storedBasis(store) }), suitePack))
      await value(s.postEvent("HĐ-1", fixtures.event("e1", "advance", "2024-04-01", 10n * M)))
      const insert = `INSERT INTO ${q}.ledger_events (contract_id, id, idempotency_key, kind, event_date, amount) VALUES ($1, $2, $3, $4, $5::date, $6::numeric)`
      const zero = await raw(insert, ["HĐ-1", "x", "kx", "advance", "2024-04-02", "0"])
      expect(zero).toBeInstanceOf(Errors.ValidationError)
      expect([zero.code, zero.path]).toEqual(["ledger/invalid-amount", ["amount"]])
      expect((await raw(insert, ["HĐ-1", "x", "kx", "gift", "2024-04-02", "1"])).code).toBe("ledger/unknown-kind")
      const dupKey = await raw(insert, ["HĐ-1", "x", "key-e1", "advance", "2024-04-02", "1"])
      expect([dupKey._tag, dupKey.code]).toEqual(["ValidationError", "ledger/idempotency-conflict"])
      expect((await raw(insert, ["HĐ-1", "e1", "k2", "advance", "2024-04-02", "1"])).code).toBe("ledger/duplicate-id")
      const orphan = await raw(insert, ["HĐ-9", "x", "kx", "advance", "2024-04-02", "1"])
      expect([orphan._tag, orphan.code]).toEqual(["RuleViolation", "storage/unknown-contract"])
      const huge = await raw(insert, ["HĐ-1", "x", "kx", "advance", "2024-04-02", (10n ** 20n).toString()])
      expect(huge.code).toBe("storage/amount-out-of-range")
      const update = await raw(`UPDATE ${q}.ledger_events SET amount = amount + 1`)
      expect([update._tag, update.code, (update as Errors.RuleViolation).rule]).toEqual(["RuleViolation", "storage/append-only", "storage.append-only"])
      expect((await raw(`DELETE FROM ${q}.ledger_events`)).code).toBe("storage/append-only")
      expect((await value(s.balances("HĐ-1")))?.advanced).toBe(10n * M)
      await d.query(`INSERT INTO ${q}.plans (id, year, level) VALUES ('KH-raw', 2024, 'national')`)
      const fk = await raw(`INSERT INTO ${q}.plan_proposals (plan_id, position, proposal_id) VALUES ('KH-raw', 0, 'DA-404')`)
      expect([fk._tag, fk.code, fk.path]).toEqual(["RuleViolation", "storage/unknown-proposal", ["proposalId"]])
      const province = await raw(`INSERT INTO ${q}.plans (id, year, level) VALUES ('KH-p', 2024, 'provincial')`)
      expect(province.code).toBe("plan/province-required")
      const payable = await raw(
        `INSERT INTO ${q}.evaluations (proposal_id, proposal_version, pack_id, pack_version, evaluated_on, verdict, payable, support, requested, eligible_cost, grade, failures)
         VALUES ('DA-1', 1, 'p', '1', '2024-01-01', 'ineligible', 5, 5, 5, 5, 'primary', '[]')`
      )
      expect(payable.code).toBe("evaluation/payable-mismatch")
      expect((await raw("SELECT $1::text", ["a\u0000b"])).code).toBe("storage/invalid-text")
      expect((await raw("SELECT $1::jsonb", [JSON.stringify({ a: "a\u0000b" })])).code).toBe("storage/invalid-text")
      expect((await raw("SELECT 'nope'::date")).code).toBe("storage/invalid-value")
      const syntax = await raw("SELEC 1")
      expect([syntax._tag, syntax.code]).toEqual(["StorageError", "storage/database-error"])
    } finally {
      await close(store)
    }
  })

  it("bad input through the store is refused with core's ValidationErrors at the seeded paths, and nothing is stored", async () => {
    const store = await h.fresh()
    const s = Storage.toAsync(store)
    try {
      for (const c of fc.sample(invalid.proposal, { numRuns: 30, seed: 5 })) {
        const e = await failure(s.saveProposal(c.input as Proposal.Proposal))
        expect(e).toBeInstanceOf(Errors.ValidationError)
        const paths = (e as Errors.ValidationError).issues.map((i) => JSON.stringify(i.path))
        for (const p of c.expectedPaths) expect(paths).toContain(JSON.stringify(p))
      }
      for (const c of fc.sample(invalid.establishment, { numRuns: 30, seed: 6 })) {
        const e = await failure(s.saveEstablishment(c.input as Establishment.Establishment))
        expect(e).toBeInstanceOf(Errors.ValidationError)
        const paths = (e as Errors.ValidationError).issues.map((i) => JSON.stringify(i.path))
        for (const p of c.expectedPaths) expect(paths).toContain(JSON.stringify(p))
      }
      for (const c of fc.sample(invalid.plan, { numRuns: 30, seed: 7 })) {
        const e = await failure(s.savePlan(c.input as Plan.Plan))
        expect(e).toBeInstanceOf(Errors.ValidationError)
      }
      for (const garbage of [null, 42, "DA-1", [], {}, { id: "DA-1" }]) {
        expect(await failure(s.saveProposal(garbage as unknown as Proposal.Proposal))).toBeInstanceOf(Errors.ValidationError)
        expect(await failure(s.saveEstablishment(garbage as unknown as Establishment.Establishment))).toBeInstanceOf(Errors.ValidationError)
        expect(await failure(s.savePlan(garbage as unknown as Plan.Plan))).toBeInstanceOf(Errors.ValidationError)
        expect(await failure(s.saveContract(garbage as never, suitePack))).toBeInstanceOf(Errors.ValidationError)
      }
      expect(await failure(s.saveProposals("DA-1" as never))).toBeInstanceOf(Errors.ValidationError)
      expect(await value(s.listProposals())).toEqual([])
      expect(await value(s.listEstablishments())).toEqual([])
      expect(await value(s.listPlans())).toEqual([])
    } finally {
      await close(store)
    }
  })

  it("any valid value reads back exactly (money in đồng at any size, dates, rates, optional fields)", async () => {
    const store = await h.fresh()
    const s = Storage.toAsync(store)
    try {
      // what comes back is the value as core decodes it (the arbitraries' values are equal to it, not identical in shape)
      const canonical = <A, E>(encode: (a: A) => E, decode: (u: unknown) => { readonly ok: boolean; readonly value?: A }) => (a: A): A =>
        decode(JSON.parse(JSON.stringify(encode(a)))).value as A
      const proposals = fc.sample(anyProposal, { numRuns: 40, seed: 11 })
      const unique = [...new Map(proposals.map((p) => [p.id, p])).values()]
      const saved = await value(s.saveProposals(unique))
      expect(saved.map((v) => v.proposal)).toEqual(unique)
      const cp = canonical(Proposal.encode, Proposal.decode)
      for (const p of unique) {
        const back = (await value(s.getProposal(p.id)))?.proposal
        expect(back).toEqual(p)
        expect(back).toStrictEqual(cp(p))
      }
      const establishments = [...new Map(fc.sample(anyEstablishment, { numRuns: 40, seed: 12 }).map((e) => [e.id, e])).values()]
      expect(await value(s.saveEstablishments(establishments))).toBe(establishments.length)
      const got = await value(s.getEstablishments(establishments.map((e) => e.id)))
      const ce = canonical(EstablishmentM.encode, (u) => EstablishmentM.decode(u))
      for (const e of establishments) {
        expect(got.get(e.id)).toEqual(e)
        expect(got.get(e.id)).toStrictEqual(ce(e))
      }
      const cpl = canonical(PlanM.encode, PlanM.decode)
      for (const plan of fc.sample(anyPlan, { numRuns: 15, seed: 13 })) {
        await value(s.saveProposals([...new Set(plan.proposalIds)].map((id) => fixtures.proposal(id))))
        await value(s.savePlan(plan))
        expect(await value(s.getPlan(plan.id))).toEqual(plan)
        expect(await value(s.getPlan(plan.id))).toStrictEqual(cpl(plan))
      }
    } finally {
      await close(store)
    }
  })
}

const types = (h: Harness): void => {
  it("dates, numerics and int8 come back as text for the store only: the driver's global parsers are untouched", async () => {
    const store = await h.fresh()
    const d = await h.driver()
    try {
      const [r] = await d.query("SELECT '2024-02-29'::date AS d, 12345678901234567890.5::numeric AS n, 9007199254740993::int8 AS b, now() AS t")
      expect(r).toMatchObject({ d: "2024-02-29", n: "12345678901234567890.5", b: "9007199254740993" })
      expect(typeof r?.["t"]).toBe("string")
      // the same database through its own client still parses DATE to a JS Date
      const [own] = await h.sql<{ d: unknown }>("SELECT '2024-02-29'::date AS d")
      expect(own?.d).toBeInstanceOf(Date)
      expect(pg.types.getTypeParser(1082)("2024-02-29")).toBeInstanceOf(Date)
      const big = fixtures.proposal("DA-big", { cost: 10n ** 20n - 1n })
      const s = Storage.toAsync(store)
      await value(s.saveProposal(big))
      const [row] = await h.sql<{ r: string; t: string }>(`SELECT requested_support::text AS r, total_cost::text AS t FROM "${store.schema}".proposals`)
      expect(row).toEqual({ r: ((10n ** 20n - 1n) * 7n / 10n).toString(), t: (10n ** 20n - 1n).toString() })
      const cols = await h.sql<{ c: string; t: string }>(
        `SELECT column_name::text AS c, data_type::text AS t FROM information_schema.columns WHERE table_schema = $1 AND data_type IN ('real', 'double precision', 'money')`,
        [store.schema]
      )
      expect(cols).toEqual([])
    } finally {
      await close(store)
    }
  })
}

describe("integrity on PGlite", () => {
  const h = pgliteHarness()
  afterAll(() => h.teardown())
  killed(h)
  killedBetweenStatements(h)
  constraints(h)
  types(h)
})

describe("integrity on a PostgreSQL server (DATABASE_URL)", () => {
  it("CI always has a server: DATABASE_URL is set whenever CI=true", () => {
    expect(process.env["CI"] !== "true" || hasServer, "CI=true but DATABASE_URL is not set").toBe(true)
  })
  if (!hasServer) return
  const h = serverHarness(10)
  const pools: Array<pg.Pool> = []
  afterAll(async () => {
    for (const p of pools) await p.end()
    await h.teardown()
  })
  const pool = (max: number): pg.Pool => {
    const p = new pg.Pool({ connectionString: DATABASE_URL, max })
    pools.push(p)
    return p
  }
  killed(h)
  killedBetweenStatements(h)
  constraints(h)
  types(h)

  it("a connection terminated midway (pg_terminate_backend after the first insert) leaves nothing half-written; the store recovers", async () => {
    const store = await h.fresh()
    const s = Storage.toAsync(store)
    const admin = pool(1)
    const victim = pool(2)
    let terminated = 0
    let armed = true
    const killer = Storage.toAsync(
      Storage.make(
        makeBackend(
          withHook(pgDriver(victim, false), async (tx, n) => {
            if (!armed || n !== 1) return
            const [row] = await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")
            await admin.query("SELECT pg_terminate_backend($1)", [row?.pid])
            for (let i = 0; i < 100; i++) {
              const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1", [row?.pid])
              if (rows[0]?.n === 0) break
              await new Promise((r) => setTimeout(r, 10))
            }
            terminated++
          }),
          { schema: store.schema }
        )
      )
    )
    try {
      await value(s.saveProposals(["DA-1", "DA-2"].map((id) => fixtures.proposal(id))))
      const e = await failure(killer.savePlan(fixtures.plan("KH-1", 2024, ["DA-1", "DA-2"])))
      expect(terminated).toBe(1)
      expect(e).toBeInstanceOf(Storage.StorageError)
      expect((e as Storage.StorageError).code).toBe("storage/unavailable")
      expect(await count(h, "plans", store.schema)).toBe(0)
      expect(await count(h, "plan_envelopes", store.schema)).toBe(0)
      await value(s.saveContract(fixtures.contractInput("HĐ-1", { evaluation: await storedBasis(store) }), suitePack))
      const ev = fixtures.event("e1", "advance", "2024-04-01", 30n * M)
      expect(await failure(killer.postEvent("HĐ-1", ev))).toMatchObject({ _tag: "StorageError", code: "storage/unavailable" })
      expect(await count(h, "ledger_events", store.schema)).toBe(0)
      expect(terminated).toBe(2)
      // the pool dropped the dead connections: the same store, on the same pool, works again
      armed = false
      const plan = fixtures.plan("KH-1", 2024, ["DA-1"])
      expect(await value(killer.getPlan("KH-1"))).toBeUndefined()
      await value(killer.savePlan(plan))
      expect(await value(s.getPlan("KH-1"))).toEqual(plan)
      const posted = await value(killer.postEvent("HĐ-1", ev))
      expect([posted.replayed, posted.balances.advanced]).toEqual([false, 30n * M])
    } finally {
      await close(store)
    }
  })

  it("50 concurrent postings to one contract from 5 pools never exceed the advance schedule or the contract", async () => {
    const schema = freshSchema()
    serverSchemas.push(schema)
    const stores = await Promise.all(Array.from({ length: 5 }, () => open({ pool: pool(10), schema })))
    const ss = stores.map((x) => Storage.toAsync(x))
    try {
      const s0 = ss[0] as Async
      await value(s0.saveContract(fixtures.contractInput("HĐ-1", { evaluation: await storedBasis(stores[0] as PostgresStore) }), suitePack))
      // seeded amounts of 1–5 million: they add up to far more than the 70 % schedule allows
      const amounts = fc.sample(fc.integer({ min: 1, max: 5 }), { numRuns: 50, seed: 2024 }).map((a) => BigInt(a) * M)
      expect(amounts.reduce((a, b) => a + b, 0n)).toBeGreaterThan(70n * M)
      const advances = await Promise.all(amounts.map((a, i) => (ss[i % 5] as Async).postEvent("HĐ-1", fixtures.event(`a${i}`, "advance", "2024-04-01", a))))
      const ok = advances.filter((r) => r.ok)
      for (const r of advances) if (!r.ok) expect(r.error).toBeInstanceOf(Errors.RuleViolation)
      const [sum] = await h.sql<{ n: string; c: string }>(`SELECT sum(amount)::text AS n, count(*)::text AS c FROM "${schema}".ledger_events WHERE kind = 'advance'`)
      expect(BigInt(sum?.n ?? "0")).toBeLessThanOrEqual(70n * M)
      expect(Number(sum?.c)).toBe(ok.length)
      // a greedy sequential run would have stopped exactly where the concurrent one did or later: the cap is reached or nearly
      expect(BigInt(sum?.n ?? "0")).toBeGreaterThan(65n * M)
      // acceptance, then 50 concurrent payments
      await value(s0.postEvent("HĐ-1", fixtures.event("acc", "payment", "2024-09-30", 1n * M, { baseAcceptance: LocalDate.parseOrThrow("2024-09-30") })))
      const payments = await Promise.all(amounts.map((a, i) => (ss[(i + 2) % 5] as Async).postEvent("HĐ-1", fixtures.event(`p${i}`, "payment", "2024-10-01", a))))
      for (const r of payments) if (!r.ok) expect(r.error).toMatchObject({ _tag: "RuleViolation", code: "ledger/above-contract" })
      const [paid] = await h.sql<{ n: string }>(`SELECT sum(amount)::text AS n FROM "${schema}".ledger_events`)
      expect(BigInt(paid?.n ?? "0")).toBeLessThanOrEqual(100n * M)
      // the stored events replay without a single rejection, and the balances agree with SQL
      const ledger = await value(s0.getLedger("HĐ-1"))
      expect(ledger).toBeDefined()
      const replay = Ledger.replay((ledger as Ledger.Ledger).contract, (ledger as Ledger.Ledger).events)
      expect(replay.rejected).toEqual([])
      expect((await value(s0.balances("HĐ-1")))?.disbursed).toBe(BigInt(paid?.n ?? "0"))
    } finally {
      for (const x of stores) await close(x)
    }
  })

  it("the same idempotency key posted at once to 10 contracts from separate pools is stored once; the others are refused as conflicts", async () => {
    const schema = freshSchema()
    serverSchemas.push(schema)
    const stores = await Promise.all(Array.from({ length: 5 }, () => open({ pool: pool(4), schema })))
    const ss = stores.map((x) => Storage.toAsync(x))
    try {
      for (let i = 0; i < 10; i++)
        await value((ss[0] as Async).saveContract(fixtures.contractInput(`HĐ-${i}`, { evaluation: await storedBasis(stores[0] as PostgresStore, `DA-${i}`) }), suitePack))
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (ss[i % 5] as Async).postEvent(`HĐ-${i}`, fixtures.event(`e${i}`, "advance", "2024-04-01", 1n * M, undefined, "shared-key")))
      )
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      for (const r of results) if (!r.ok) expect(r.error).toMatchObject({ _tag: "ValidationError", code: "ledger/idempotency-conflict" })
      expect(await count(h, "ledger_events", schema, "idempotency_key = 'shared-key'")).toBe(1)
      // retries of the stored one, from every pool at once, all return the original
      const winner = results.findIndex((r) => r.ok)
      const again = await Promise.all(ss.map((x) => x.postEvent(`HĐ-${winner}`, fixtures.event(`e${winner}`, "advance", "2024-04-01", 1n * M, undefined, "shared-key"))))
      for (const r of again) expect(r.ok && r.value.replayed).toBe(true)
      expect(await count(h, "ledger_events", schema)).toBe(1)
    } finally {
      for (const x of stores) await close(x)
    }
  })
})

describe("opening", () => {
  it("without a connection, PGlite in memory is the default (DATABASE_URL ignored with useEnvironment: false)", async () => {
    const store = await open({ useEnvironment: false })
    try {
      expect(store.driver).toBe("pglite")
      expect(store.schema).toBe("khuyencong")
      expect((await Storage.toAsync(store).saveProposal(fixtures.proposal("DA-1"))).ok).toBe(true)
    } finally {
      await close(store)
    }
  })

  if (hasServer)
    it("with DATABASE_URL set and no other connection, the server is used", async () => {
    const schema = freshSchema()
    serverSchemas.push(schema)
    const store = await open({ schema })
    try {
      expect(store.driver).toBe("pg")
      expect((await Storage.toAsync(store).listProposals()).ok).toBe(true)
    } finally {
      await close(store)
      const p = new pg.Pool({ connectionString: DATABASE_URL, max: 1 })
      await p.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await p.end()
    }
  })

  it("PGlite in a data folder keeps the data between runs; migrations are not applied twice", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kc-pglite-"))
    try {
      const first = await open({ dataDir: dir })
      await value(Storage.toAsync(first).saveProposal(fixtures.proposal("DA-1")))
      await close(first)
      const second = await open({ dataDir: dir })
      try {
        expect(second.migrations).toEqual(first.migrations)
        expect((await value(Storage.toAsync(second).getProposal("DA-1")))?.proposal).toEqual(fixtures.proposal("DA-1"))
      } finally {
        await close(second)
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it("an unreachable server is a StorageError storage/unavailable, not a raw driver error", async () => {
    const e = await open({ connectionString: "postgres://nobody@127.0.0.1:1/none", poolOptions: { connectionTimeoutMillis: 2000 } }).then(
      () => undefined,
      (x: unknown) => x
    )
    expect(e).toBeInstanceOf(Storage.StorageError)
    expect((e as Storage.StorageError).code).toBe("storage/unavailable")
    const given = await PGlite.create()
    const store = await open({ pglite: given, schema: "given" })
    await close(store)
    expect(given.closed).toBe(false)
    await given.close()
  })
})
