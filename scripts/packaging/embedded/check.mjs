// An embedded-only install, as a user of PGlite has it: `npm install
// @khuyencong/adapters-postgres @electric-sql/pglite` (with core, storage and effect), no pg.
// Opens a store in PGlite in memory, and one on a PGlite the user created, saves a proposal and
// reads it back exactly. Asking for a server, which needs pg, fails with the typed error naming it.
import assert from "node:assert/strict"
import { existsSync } from "node:fs"
import { Proposal, Result } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import { open } from "@khuyencong/adapters-postgres"
import { PGlite } from "@electric-sql/pglite"
import { proposal as rawProposal } from "./fixture.mjs"

assert.ok(existsSync("node_modules/@electric-sql/pglite"), "PGlite is installed")
assert.ok(!existsSync("node_modules/pg"), "pg is not installed")

await assert.rejects(open({ connectionString: "postgres://app@127.0.0.1:9/khuyencong" }), (err) => {
  assert.ok(err instanceof Storage.StorageError, String(err))
  assert.equal(err.code, "storage/driver-not-installed")
  assert.ok(err.message.includes("npm install pg"), err.message)
  return true
})

const proposal = Result.getOrThrow(Proposal.decode(rawProposal))
const roundTrip = async (store) => {
  const db = Storage.toAsync(store)
  const saved = Result.getOrThrow(await db.saveProposal(proposal, { status: "approved" }))
  assert.equal(saved.version, 1)
  assert.deepEqual(Result.getOrThrow(await db.getProposal(proposal.id))?.proposal, proposal)
  await db.close()
}

// PGlite in memory, the default without a connection
const memory = await open({ useEnvironment: false })
assert.equal(memory.driver, "pglite")
await roundTrip(memory)

// A PGlite the application manages: left open when the store closes
const db = await PGlite.create()
await roundTrip(await open({ pglite: db, schema: "app" }))
assert.equal(db.closed, false)
assert.equal((await db.query("SELECT count(*)::int AS n FROM app.proposals")).rows[0].n, 1)
await db.close()

console.log("embedded check: ok (PGlite in memory and an application's PGlite)")
