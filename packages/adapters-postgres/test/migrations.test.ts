import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Contract, Evaluate, Trace } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import { fixtures, suitePack } from "@khuyencong/storage/testing"
import { afterAll, describe, expect, it } from "vitest"
import { checksum, fromFiles, loadMigrations, migrate, migrationsDirectory, open, status, type OpenOptions } from "../src/index.js"
import { toTypedError } from "../src/errors.js"
import { close, freshSchema, hasServer, pgliteHarness, serverHarness, serverSchemas, type Harness } from "./harness.js"

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/** Fails with what `body` rejects with (and fails the test if it resolves). */
const rejection = async (body: Promise<unknown>): Promise<Record<string, unknown>> => {
  try {
    await body
  } catch (e) {
    return e as Record<string, unknown>
  }
  throw new Error("expected a rejection")
}

const A = "CREATE TABLE a (x int PRIMARY KEY);\n"
const B = "CREATE TABLE b (y int REFERENCES a (x));\n"
const C = "ALTER TABLE b ADD COLUMN z text;\n"

const suite = (h: Harness): void => {
  afterAll(() => h.teardown())

  /** Connection options plus a schema of its own. */
  const target = async (): Promise<OpenOptions & { readonly schema: string }> => {
    const schema = freshSchema()
    if (h.name !== "PGlite") serverSchemas.push(schema)
    return { ...(await h.connection()), schema }
  }
  const tables = async (schema: string): Promise<ReadonlyArray<string>> =>
    (await h.sql<{ t: string }>("SELECT table_name::text AS t FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1", [schema])).map((r) => r.t)
  const recorded = async (schema: string) =>
    h.sql<{ id: string; name: string; checksum: string }>(`SELECT id, name, checksum FROM "${schema}".schema_migrations ORDER BY id`)

  it("opening a store applies the package's migrations and records id, name, sha256 checksum and time", async () => {
    const store = await h.fresh()
    try {
      const files = await loadMigrations()
      expect(files.map((m) => `${m.id}_${m.name}`)).toEqual(["0001_init", "0002_chain", "0003_evaluation_record", "0004_ledger_author"])
      const sql = await readFile(new URL("0001_init.sql", migrationsDirectory), "utf8")
      const chain = await readFile(new URL("0002_chain.sql", migrationsDirectory), "utf8")
      const record = await readFile(new URL("0003_evaluation_record.sql", migrationsDirectory), "utf8")
      const author = await readFile(new URL("0004_ledger_author.sql", migrationsDirectory), "utf8")
      expect(store.migrations).toHaveLength(4)
      expect(store.migrations[0]).toMatchObject({ id: "0001", name: "init", checksum: checksum(sql) })
      expect(store.migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/)
      expect(store.migrations[0]?.appliedAt).toMatch(ISO)
      expect(await recorded(store.schema)).toEqual([
        { id: "0001", name: "init", checksum: checksum(sql) },
        { id: "0002", name: "chain", checksum: checksum(chain) },
        { id: "0003", name: "evaluation_record", checksum: checksum(record) },
        { id: "0004", name: "ledger_author", checksum: checksum(author) }
      ])
      expect(await tables(store.schema)).toEqual(
        expect.arrayContaining(["establishments", "proposals", "proposal_versions", "plans", "plan_envelopes", "evaluations", "allocations", "contracts", "ledger_events", "write_keys", "schema_migrations"])
      )
    } finally {
      await close(store)
    }
  })

  it("running again is a no-op: nothing is applied twice and the data stays", async () => {
    const t = await target()
    const first = await migrate(t)
    const store = await open({ ...t })
    try {
      expect(store.migrations).toEqual(first)
      const r = await Storage.toAsync(store).saveProposals([])
      expect(r.ok).toBe(true)
      await h.sql(`INSERT INTO "${t.schema}".establishments (id, province_code, document) VALUES ('x', '01', '{}')`)
      const again = await migrate(t)
      expect(again).toEqual(first)
      expect(await recorded(t.schema)).toHaveLength(4)
      expect(await h.sql(`SELECT id FROM "${t.schema}".establishments`)).toEqual([{ id: "x" }])
      expect((await status(t)).pending).toEqual([])
    } finally {
      await close(store)
    }
  })

  it("a migration whose file changed after it was applied is refused with a MigrationError, and nothing else runs", async () => {
    const t = await target()
    await migrate({ ...t, migrations: fromFiles([{ file: "0001_a.sql", sql: A }]) })
    const changed = fromFiles([
      { file: "0001_a.sql", sql: A + "-- edited\n" },
      { file: "0002_b.sql", sql: B }
    ])
    const e = await rejection(migrate({ ...t, migrations: changed }))
    expect(e).toBeInstanceOf(Storage.MigrationError)
    expect(e["code"]).toBe("migration/checksum-changed")
    expect(e["expected"]).toBe(checksum(A))
    expect(e["actual"]).toBe(checksum(A + "-- edited\n"))
    expect(await tables(t.schema)).toEqual(["a", "schema_migrations"])
    expect((await recorded(t.schema)).map((r) => r.id)).toEqual(["0001"])
    // opening a store on it is refused the same way
    const o = await rejection(open({ ...t, migrations: changed }))
    expect(o["code"]).toBe("migration/checksum-changed")
  })

  it("migrations apply in id order whatever order the files are listed in; a new one numbered below an applied one is refused", async () => {
    const t = await target()
    // listed backwards: b references a, so applying 0002 before 0001 would fail
    const applied = await migrate({ ...t, migrations: fromFiles([{ file: "0003_c.sql", sql: C }, { file: "0002_b.sql", sql: B }, { file: "0001_a.sql", sql: A }]) })
    expect(applied.map((m) => m.id)).toEqual(["0001", "0002", "0003"])
    expect(await tables(t.schema)).toEqual(["a", "b", "schema_migrations"])
    const t2 = await target()
    await migrate({ ...t2, migrations: fromFiles([{ file: "0001_a.sql", sql: A }, { file: "0003_c.sql", sql: B }]) })
    const late = await rejection(migrate({ ...t2, migrations: fromFiles([{ file: "0001_a.sql", sql: A }, { file: "0002_late.sql", sql: "CREATE TABLE late (x int);" }, { file: "0003_c.sql", sql: B }]) }))
    expect(late).toBeInstanceOf(Storage.MigrationError)
    expect(late["code"]).toBe("migration/out-of-order")
    expect(await tables(t2.schema)).not.toContain("late")
  })

  it("a database with a migration the files do not have is refused (the code is older than the database)", async () => {
    const t = await target()
    await migrate({ ...t, migrations: fromFiles([{ file: "0001_a.sql", sql: A }, { file: "0002_b.sql", sql: B }]) })
    const e = await rejection(migrate({ ...t, migrations: fromFiles([{ file: "0001_a.sql", sql: A }]) }))
    expect(e).toBeInstanceOf(Storage.MigrationError)
    expect(e["code"]).toBe("migration/unknown-applied")
  })

  it("a migration that fails rolls back the whole run: no table, no record, not even the schema", async () => {
    const t = await target()
    const e = await rejection(migrate({ ...t, migrations: fromFiles([{ file: "0001_a.sql", sql: A }, { file: "0002_bad.sql", sql: "CREATE TABLE broken (x nosuchtype);" }]) }))
    expect(e).toBeInstanceOf(Storage.StorageError)
    expect(e["code"]).toBe("storage/database-error")
    expect(await tables(t.schema)).toEqual([])
    expect(await h.sql("SELECT 1 FROM information_schema.schemata WHERE schema_name = $1", [t.schema])).toEqual([])
    // once the file is fixed, the run applies both
    const fixed = await migrate({ ...t, migrations: fromFiles([{ file: "0001_a.sql", sql: A }, { file: "0002_bad.sql", sql: B }]) })
    expect(fixed.map((m) => m.id)).toEqual(["0001", "0002"])
    expect(await recorded(t.schema)).toHaveLength(2)
  })

  it("open with migrate: false refuses a schema with pending migrations and opens an up-to-date one", async () => {
    const t = await target()
    const e = await rejection(open({ ...t, migrate: false }))
    expect(e).toBeInstanceOf(Storage.MigrationError)
    expect(e["code"]).toBe("migration/pending")
    expect((await status(t)).pending.map((m) => m.id)).toEqual(["0001", "0002", "0003", "0004"])
    await migrate(t)
    const store = await open({ ...t, migrate: false })
    try {
      expect(store.migrations.map((m) => m.id)).toEqual(["0001", "0002", "0003", "0004"])
      expect((await Storage.toAsync(store).listProposals()).ok).toBe(true)
    } finally {
      await close(store)
    }
  })

  it("concurrent runners wait for the advisory lock: the migration is applied once and every runner succeeds", async () => {
    const t = await target()
    const migrations = fromFiles([{ file: "0001_a.sql", sql: A }, { file: "0002_b.sql", sql: B }])
    const runs = await Promise.all(Array.from({ length: 6 }, () => migrate({ ...t, migrations })))
    for (const r of runs) expect(r).toEqual(runs[0])
    expect(await recorded(t.schema)).toHaveLength(2)
  })

  it("0002 keeps what was stored before it: a contract on no evaluation and an adjustment with no decision still read back; new writes follow the new rules", async () => {
    const t = await target()
    const files = await loadMigrations()
    await migrate({ ...t, migrations: files.filter((m) => m.id === "0001") })
    const c = Contract.makeOrThrow(fixtures.contractInput("HĐ-OLD"), suitePack)
    const q = `"${t.schema}"`
    await h.sql(
      `INSERT INTO ${q}.contracts (id, approved_support, signed_on, approved_on, plan_year, last_plan_year, pack_id, pack_version, document, content_sha256)
       VALUES ('HĐ-OLD', 100000000, '2024-03-15', '2024-02-15', 2024, 2024, $1, $2, $3::jsonb, 'old')`,
      [c.terms.packId, c.terms.packVersion, JSON.stringify(Storage.encodeContract(c))]
    )
    await h.sql(`INSERT INTO ${q}.ledger_events (contract_id, id, idempotency_key, kind, event_date, amount) VALUES ('HĐ-OLD', 'adj', 'k-adj', 'adjustment', '2024-04-01', 90000000)`)
    const store = await open({ ...t })
    try {
      expect(store.migrations.map((m) => m.id)).toEqual(["0001", "0002", "0003", "0004"])
      const s = Storage.toAsync(store)
      const b = await s.balances("HĐ-OLD")
      expect(b.ok && b.value?.approved).toBe(90_000_000n)
      // a raise of a contract resting on no evaluation is refused; a decision-less adjustment is no longer accepted
      const decided = { decision: "15/QĐ-BCT", decidedOn: "2024-05-01", decidedBy: "Bộ Công Thương", legalBasis: "Circular 36/2013/TT-BCT art. 11.2" } as never
      const up = await s.postEvent("HĐ-OLD", fixtures.event("up", "adjustment", "2024-05-01", 95_000_000n, { ...(decided as object), evaluationId: "1" } as never))
      expect(up.ok ? undefined : up.error.code).toBe("adjustment/no-evaluation-basis")
      const bare = await s.postEvent("HĐ-OLD", fixtures.event("down", "adjustment", "2024-05-01", 80_000_000n))
      expect(bare.ok ? undefined : bare.error.code).toBe("adjustment/missing-decision")
      expect((await s.postEvent("HĐ-OLD", fixtures.event("down", "adjustment", "2024-05-01", 80_000_000n, decided))).ok).toBe(true)
      // the database itself refuses a new contract row on no evaluation, and a new adjustment row with no decision
      await expect(h.sql(`INSERT INTO ${q}.contracts (id, approved_support, signed_on, approved_on, plan_year, last_plan_year, pack_id, pack_version, document, content_sha256)
        VALUES ('HĐ-NEW', 1, '2024-03-15', '2024-02-15', 2024, 2024, 'p', '1', '{}'::jsonb, 'x')`)).rejects.toMatchObject({ constraint: "contracts_basis_check" })
      expect(toTypedError({ code: "23514", constraint: "contracts_basis_check" }).code).toBe("contract/missing-evaluation")
      expect(toTypedError({ code: "23514", constraint: "ledger_events_decision_check" }).code).toBe("adjustment/missing-decision")
      await expect(h.sql(`INSERT INTO ${q}.ledger_events (contract_id, id, idempotency_key, kind, event_date, amount) VALUES ('HĐ-OLD', 'x', 'k-x', 'adjustment', '2024-06-01', 1)`)).rejects.toMatchObject({
        constraint: "ledger_events_decision_check"
      })
    } finally {
      await close(store)
    }
  })

  it("0003 keeps the evaluations stored before it: their summary and trace read back (no record) and still carry a contract; new rows carry the whole record", async () => {
    const t = await target()
    const files = await loadMigrations()
    await migrate({ ...t, migrations: files.filter((m) => m.id < "0003") })
    const q = `"${t.schema}"`
    const p = fixtures.proposal("DA-OLD", { cost: 200_000_000n })
    const e = fixtures.evaluate(p)
    await h.sql(
      `INSERT INTO ${q}.proposals (id, current_version, status, plan_year, fund, province_codes, primary_province, requested_support, total_cost)
       VALUES ('DA-OLD', 1, 'approved', 2024, 'national', ARRAY['19'], '19', 140000000, 200000000)`
    )
    await h.sql(`INSERT INTO ${q}.proposal_versions (proposal_id, version, status, document) VALUES ('DA-OLD', 1, 'approved', $1::jsonb)`, [
      JSON.stringify(fixtures.proposalJson("DA-OLD", { cost: 200_000_000n }))
    ])
    // the row as 0.2 wrote it: the summary and the trace
    await h.sql(
      `INSERT INTO ${q}.evaluations (proposal_id, proposal_version, pack_id, pack_version, evaluated_on, verdict, payable, support, requested, eligible_cost, grade, failures, trace)
       VALUES ('DA-OLD', 1, $1, $2, $3::date, 'eligible', 140000000, 140000000, 140000000, 200000000, 'secondary', '[]'::jsonb, $4::jsonb)`,
      [e.packId, e.packVersion, e.date, JSON.stringify(Trace.toJson(e.trace))]
    )
    const store = await open({ ...t })
    try {
      expect(store.migrations.map((m) => m.id)).toEqual(["0001", "0002", "0003", "0004"])
      const s = Storage.toAsync(store)
      const old = await s.latestEvaluation("DA-OLD")
      if (!old.ok || old.value === undefined) throw new Error("the evaluation stored before 0003 does not read back")
      expect(old.value).toMatchObject({ proposalId: "DA-OLD", proposalVersion: 1, packId: e.packId, verdict: "eligible", payable: 140_000_000n, support: 140_000_000n, failures: [] })
      expect(old.value.trace).toEqual(e.trace)
      expect(old.value.evaluation).toBeUndefined()
      const listed = await s.listEvaluations({ verdict: "eligible" })
      expect(listed.ok && listed.value.map((x) => [x.id, x.evaluation])).toEqual([[old.value.id, undefined]])
      // it is still the basis a contract rests on
      const evaluation = { proposalId: "DA-OLD", evaluationId: old.value.id }
      expect((await s.saveContract(fixtures.contractInput("HĐ-OLD", { approvedSupport: 100_000_000n as never, evaluation }), suitePack)).ok).toBe(true)
      // a new evaluation carries its whole record
      const fresh = await s.saveEvaluation(e)
      expect(fresh.ok && fresh.value.evaluation?.inputHash).toBe(e.inputHash)
      const [row] = await h.sql<{ v: string; trace: boolean }>(`SELECT document ->> 'evaluationVersion' AS v, document ? 'trace' AS trace FROM ${q}.evaluations WHERE id = $1`, [fresh.ok ? fresh.value.id : ""])
      expect(row).toEqual({ v: "2", trace: false })
      // the database refuses a new row without its record, and a record disagreeing with the row
      const cols = `(proposal_id, proposal_version, pack_id, pack_version, evaluated_on, verdict, payable, support, requested, eligible_cost, grade, failures, trace, document)`
      const vals = `('DA-OLD', 1, $1, $2, $3::date, 'eligible', 140000000, 140000000, 140000000, 200000000, 'secondary', '[]'::jsonb, NULL, $4::jsonb)`
      const { trace: _t, ...doc } = Evaluate.encode(e) as Record<string, unknown>
      await expect(h.sql(`INSERT INTO ${q}.evaluations ${cols} VALUES ${vals}`, [e.packId, e.packVersion, e.date, null])).rejects.toMatchObject({ constraint: "evaluations_record_required_check" })
      await expect(h.sql(`INSERT INTO ${q}.evaluations ${cols} VALUES ${vals}`, [e.packId, e.packVersion, e.date, JSON.stringify({ ...doc, payable: "1" })])).rejects.toMatchObject({
        constraint: "evaluations_record_check"
      })
      expect(toTypedError({ code: "23514", constraint: "evaluations_record_required_check" }).code).toBe("evaluation/record-missing")
      expect(toTypedError({ code: "23514", constraint: "evaluations_record_check" }).code).toBe("evaluation/record-mismatch")
      expect((await h.sql(`INSERT INTO ${q}.evaluations ${cols} VALUES ${vals} RETURNING id`, [e.packId, e.packVersion, e.date, JSON.stringify(doc)])).length).toBe(1)
    } finally {
      await close(store)
    }
  })

  it("0004 keeps the ledger events stored before it, unchanged and with no author; postings after it record their author", async () => {
    const t = await target()
    const files = await loadMigrations()
    const before = await open({ ...t, migrations: files.filter((m) => m.id < "0004") })
    const q = `"${t.schema}"`
    try {
      const s = Storage.toAsync(before)
      const p = fixtures.proposal("DA-A", { cost: 200_000_000n })
      expect((await s.saveProposal(p)).ok).toBe(true)
      const ev = await s.saveEvaluation(fixtures.evaluate(p))
      if (!ev.ok) throw ev.error
      const evaluation = { proposalId: "DA-A", evaluationId: ev.value.id }
      expect((await s.saveContract(fixtures.contractInput("HĐ-A", { approvedSupport: 100_000_000n as never, evaluation }), suitePack)).ok).toBe(true)
    } finally {
      await close(before)
    }
    // rows as 0.3 wrote them: one by the library, one by the service (`<principal> <key>` in the key)
    await h.sql(`INSERT INTO ${q}.ledger_events (contract_id, id, idempotency_key, kind, event_date, amount) VALUES ('HĐ-A', 'a1', 'k-a1', 'advance', '2024-04-01', 30000000)`)
    await h.sql(`INSERT INTO ${q}.ledger_events (contract_id, id, idempotency_key, kind, event_date, amount) VALUES ('HĐ-A', 'a2', 'sct-tn/ke-toan-1 k-a2', 'advance', '2024-04-02', 20000000)`)
    const rows = async () => h.sql(`SELECT seq, contract_id, id, idempotency_key, kind, event_date::text, amount::text FROM ${q}.ledger_events ORDER BY seq`)
    const stored = await rows()
    const store = await open({ ...t })
    try {
      expect(store.migrations.map((m) => m.id)).toEqual(["0001", "0002", "0003", "0004"])
      expect(await rows()).toEqual(stored)
      expect(await h.sql(`SELECT id, author FROM ${q}.ledger_events ORDER BY seq`)).toEqual([{ id: "a1", author: null }, { id: "a2", author: null }])
      const s = Storage.toAsync(store)
      const l = await s.getLedger("HĐ-A")
      expect(l.ok && l.value?.events.map((e) => [e.id, e.idempotencyKey, e.amount])).toEqual([["a1", "k-a1", 30_000_000n], ["a2", "sct-tn/ke-toan-1 k-a2", 20_000_000n]])
      expect(await s.getAuthors("HĐ-A")).toEqual({ ok: true, value: new Map() })
      const posted = await s.postEvent("HĐ-A", fixtures.event("a3", "advance", "2024-04-03", 10_000_000n), { author: "sct-tn/ke-toan-2" })
      expect(posted.ok && [posted.value.author, posted.value.balances.advanced]).toEqual(["sct-tn/ke-toan-2", 60_000_000n])
      expect(await s.getAuthors("HĐ-A")).toEqual({ ok: true, value: new Map([["a3", "sct-tn/ke-toan-2"]]) })
      await expect(h.sql(`INSERT INTO ${q}.ledger_events (contract_id, id, idempotency_key, kind, event_date, amount, author) VALUES ('HĐ-A', 'a4', 'k-a4', 'advance', '2024-04-04', 1, ' ')`)).rejects.toMatchObject({
        constraint: "ledger_events_author_check"
      })
    } finally {
      await close(store)
    }
  })

  it("schema names are checked before any SQL is built from them", async () => {
    const e = await rejection(migrate({ ...(await h.connection()), schema: 'x"; DROP TABLE a; --' }))
    expect(e).toBeInstanceOf(Storage.StorageError)
    expect(e["code"]).toBe("storage/invalid-schema")
  })
}

describe("migrations on PGlite", () => {
  suite(pgliteHarness())
})

describe("migrations on a PostgreSQL server (DATABASE_URL)", () => {
  it("CI always has a server: DATABASE_URL is set whenever CI=true", () => {
    expect(process.env["CI"] !== "true" || hasServer, "CI=true but DATABASE_URL is not set").toBe(true)
  })
  if (hasServer) suite(serverHarness())
})

describe("migration files", () => {
  it("must be named NNNN_name.sql with distinct ids; other files in the folder are ignored", async () => {
    expect(() => fromFiles([{ file: "1_init.sql", sql: A }])).toThrow(Storage.MigrationError)
    try {
      fromFiles([{ file: "0001_a.sql", sql: A }, { file: "0001_b.sql", sql: B }])
      expect.unreachable()
    } catch (e) {
      expect((e as Storage.MigrationError).code).toBe("migration/duplicate-id")
    }
    const dir = await mkdtemp(join(tmpdir(), "kc-migrations-"))
    try {
      await writeFile(join(dir, "0002_b.sql"), B)
      await writeFile(join(dir, "0001_a.sql"), A)
      await writeFile(join(dir, "README.md"), "notes")
      const ms = await loadMigrations(dir)
      expect(ms.map((m) => [m.id, m.name, m.checksum])).toEqual([
        ["0001", "a", checksum(A)],
        ["0002", "b", checksum(B)]
      ])
      await writeFile(join(dir, "0003 bad name.sql"), C)
      await expect(loadMigrations(dir)).rejects.toMatchObject({ code: "migration/invalid-file" })
    } finally {
      await rm(dir, { recursive: true })
    }
  })

  it("checksums are sha256 of the file text", () => {
    expect(checksum("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    expect(checksum(A)).not.toBe(checksum(A + " "))
  })
})
