// A server-only install, as a user on a PostgreSQL server has it: `npm install
// @khuyencong/adapters-postgres pg` (with core, storage and effect), no PGlite. Opens a store on
// the server in DATABASE_URL when it is set (in a schema of its own, dropped afterwards), saves a
// proposal and reads it back exactly; without DATABASE_URL it prints a note and skips that part.
// Asking for PGlite, which is not installed, fails with the typed error naming it.
import assert from "node:assert/strict"
import { existsSync } from "node:fs"
import { Proposal, Result } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import { open } from "@khuyencong/adapters-postgres"
import pg from "pg"
import { proposal as rawProposal } from "./fixture.mjs"

assert.ok(existsSync("node_modules/pg"), "pg is installed")
assert.ok(!existsSync("node_modules/@electric-sql/pglite"), "PGlite is not installed")

await assert.rejects(open({ driver: "pglite" }), (err) => {
  assert.ok(err instanceof Storage.StorageError, String(err))
  assert.equal(err.code, "storage/driver-not-installed")
  assert.ok(err.message.includes("npm install @electric-sql/pglite"), err.message)
  return true
})

const url = process.env.DATABASE_URL ?? ""
if (url === "") {
  console.log("server check: DATABASE_URL is not set, so no server store was opened (set it to run the server part)")
} else {
  const schema = `check_packages_${process.pid}`
  const proposal = Result.getOrThrow(Proposal.decode(rawProposal))
  try {
    const store = Storage.toAsync(await open({ connectionString: url, schema }))
    const saved = Result.getOrThrow(await store.saveProposal(proposal, { status: "approved" }))
    assert.equal(saved.version, 1)
    const read = Result.getOrThrow(await store.getProposal(proposal.id))
    assert.deepEqual(read?.proposal, proposal)
    await store.close()
    console.log(`server check: ok (a store on the server in DATABASE_URL, schema ${schema}, dropped)`)
  } finally {
    const pool = new pg.Pool({ connectionString: url })
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
    await pool.end()
  }
}
