import { afterAll, describe, expect, it } from "vitest"
// The storage contract suite of @khuyencong/storage (src/testing/contract.ts, built to dist).
import { storageContract } from "@khuyencong/storage/testing"
import { close, DATABASE_URL, hasServer, pgliteHarness, serverHarness, type Harness } from "./harness.js"

const suite = (h: Harness): void => {
  afterAll(() => h.teardown())
  for (const c of storageContract)
    it(c.name, async () => {
      const store = await h.fresh()
      try {
        await c.run(store)
      } finally {
        await close(store)
      }
    })
}

describe("the storage contract on PGlite", () => {
  suite(pgliteHarness())
})

describe("the storage contract on a PostgreSQL server (DATABASE_URL)", () => {
  it("CI always has a server: DATABASE_URL is set whenever CI=true", () => {
    // Without a server the real-server cases below are not registered; this keeps CI from passing silently.
    expect(process.env["CI"] !== "true" || hasServer, "CI=true but DATABASE_URL is not set: the server tests would not run").toBe(true)
  })
  if (hasServer) suite(serverHarness())
  else
    it(`reports that the ${storageContract.length} server cases did not run (DATABASE_URL is not set)`, () => {
      console.warn(`DATABASE_URL is not set: the storage contract ran on PGlite only, not on a PostgreSQL server (${storageContract.length} cases not run)`)
      expect(DATABASE_URL).toBe("")
    })
})

describe("the contract suite itself", () => {
  it("has cases for every part of the contract and runs each on a fresh store", () => {
    expect(storageContract.length).toBeGreaterThanOrEqual(30)
    expect(new Set(storageContract.map((c) => c.name)).size).toBe(storageContract.length)
    for (const part of ["establishments", "proposals", "plans", "evaluations", "allocations", "contracts", "ledger"])
      expect(storageContract.some((c) => c.name.startsWith(`${part}:`)), part).toBe(true)
  })
})
