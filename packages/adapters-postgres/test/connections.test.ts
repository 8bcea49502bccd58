/**
 * A server that refuses or drops connections is a transient `StorageError` `storage/unavailable`:
 * the mapping of the connection-class SQLSTATEs, and SQLSTATE 53300 (too many connections)
 * provoked for real with a throw-away role limited to one connection (dropped at the end, with its
 * schema and connections, so that other runs sharing the server keep their connections).
 */
import { Storage } from "@khuyencong/storage"
import { fixtures } from "@khuyencong/storage/testing"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { toTypedError } from "../src/errors.js"
import { open } from "../src/index.js"
import { close, DATABASE_URL, freshSchema, hasServer } from "./harness.js"

describe("connection-class SQLSTATEs", () => {
  it.each([
    ["53300", "sorry, too many clients already"],
    ["53300", 'too many connections for role "app"'],
    ["53000", "insufficient resources"],
    ["53100", "could not extend file: No space left on device"],
    ["53200", "out of memory"],
    ["53400", "temporary file size exceeds temp_file_limit"],
    ["08000", "connection exception"],
    ["08003", "connection does not exist"],
    ["08006", "connection failure"],
    ["08P01", "protocol violation"],
    ["57P01", "terminating connection due to administrator command"],
    ["57P02", "terminating connection due to crash of another server process"],
    ["57P03", "the database system is starting up"],
    ["57P05", "terminating connection due to idle-session timeout"]
  ])("%s (%s) is storage/unavailable, with the driver's error as cause", (code, message) => {
    const raw = Object.assign(new Error(message), { code, severity: "FATAL" })
    const e = toTypedError(raw)
    expect(e).toBeInstanceOf(Storage.StorageError)
    expect(e.code).toBe("storage/unavailable")
    expect(e.message).toContain("The database (cơ sở dữ liệu) is unavailable")
    expect(e.message).toContain(message)
    expect((e as Storage.StorageError).cause).toBe(raw)
  })

  it("53300 says to retry later or use fewer connections", () => {
    expect(toTypedError({ code: "53300", message: "sorry, too many clients already" }).message).toBe(
      "The database (cơ sở dữ liệu) is unavailable: it accepts no more connections (sorry, too many clients already); retry later, or have the store use fewer (poolOptions.max)"
    )
  })

  it.each([
    ["57P04", "database dropped"],
    ["57014", "canceling statement due to statement timeout"],
    ["42P01", "relation does not exist"],
    ["28P01", "password authentication failed"],
    ["3D000", "database does not exist"]
  ])("%s (%s) is not a transient failure: storage/database-error", (code, message) => {
    expect(toTypedError({ code, message }).code).toBe("storage/database-error")
  })
})

describe("too many connections on a PostgreSQL server (DATABASE_URL)", () => {
  it("CI always has a server: DATABASE_URL is set whenever CI=true", () => {
    expect(process.env["CI"] !== "true" || hasServer, "CI=true but DATABASE_URL is not set: the server tests would not run").toBe(true)
  })
  if (!hasServer) {
    it("reports that the server case did not run (DATABASE_URL is not set)", () => {
      console.warn("DATABASE_URL is not set: SQLSTATE 53300 was not provoked on a server")
      expect(DATABASE_URL).toBe("")
    })
    return
  }

  // A role of this run only, allowed one connection; not a superuser (superusers ignore the limit)
  const role = `kc_limit_${process.pid}_${Date.now().toString(36)}`
  const password = "kc-limit"
  const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1 })
  const asRole = (): string => {
    const u = new URL(DATABASE_URL)
    u.username = role
    u.password = password
    return u.toString()
  }

  beforeAll(async () => {
    const db = (await admin.query<{ db: string }>("SELECT current_database() AS db")).rows[0]?.db ?? ""
    await admin.query(`CREATE ROLE "${role}" LOGIN NOSUPERUSER PASSWORD '${password}' CONNECTION LIMIT 1`)
    await admin.query(`GRANT CONNECT, CREATE ON DATABASE "${db}" TO "${role}"`)
  })

  afterAll(async () => {
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [role])
    await admin.query(`DROP OWNED BY "${role}" CASCADE`) // its schemas, and the grants
    await admin.query(`DROP ROLE IF EXISTS "${role}"`)
    await admin.end()
  })

  it("a role at its connection limit (SQLSTATE 53300) gets storage/unavailable, and the store works again once a connection is free", async () => {
    const pool = new pg.Pool({ connectionString: asRole(), max: 3 })
    pool.on("error", () => undefined)
    try {
      const store = await open({ pool, schema: freshSchema() }) // one connection, idle in the pool afterwards
      const s = Storage.toAsync(store)
      const held = await pool.connect() // the role's only connection
      try {
        for (const r of [await s.listProposals(), await s.saveProposal(fixtures.proposal("DA-1"))]) {
          expect(r.ok).toBe(false)
          if (r.ok) continue
          expect(r.error).toBeInstanceOf(Storage.StorageError)
          expect(r.error.code).toBe("storage/unavailable")
          expect(r.error.message).toContain(`it accepts no more connections (too many connections for role "${role}")`)
          expect(((r.error as Storage.StorageError).cause as { code?: string }).code).toBe("53300")
        }
        // opening a store is refused the same way
        const e = await open({ connectionString: asRole(), schema: store.schema }).then(() => undefined, (x: unknown) => x)
        expect(e).toBeInstanceOf(Storage.StorageError)
        expect((e as Storage.StorageError).code).toBe("storage/unavailable")
      } finally {
        held.release()
      }
      // transient: with the connection free again, the same calls succeed
      expect((await s.saveProposal(fixtures.proposal("DA-1"))).ok).toBe(true)
      expect((await s.listProposals()).ok).toBe(true)
      await close(store)
    } finally {
      await pool.end()
    }
  })
})
