/**
 * Ids and names that cannot deceive (core's `Text`), through a PostgreSQL store: an id too long
 * for an index entry is a ValidationError before any database call (it used to come back as a
 * database error from the index), and an id typed in NFD is the NFC one, on PGlite and on the
 * server.
 */
import { Errors } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import { fixtures } from "@khuyencong/storage/testing"
import { afterAll, describe, expect, it } from "vitest"
import { makeBackend } from "../src/backend.js"
import type { Driver } from "../src/driver.js"
import { hasServer, pgliteHarness, serverHarness, type Harness } from "./harness.js"

/** A driver that counts the statements it is given. */
const counting = (d: Driver): { readonly driver: Driver; readonly calls: () => number } => {
  let n = 0
  return {
    calls: () => n,
    driver: {
      ...d,
      query: (async (sql: string, params?: ReadonlyArray<unknown>) => {
        n++
        return d.query(sql, params)
      }) as Driver["query"],
      exec: async (sql: string) => {
        n++
        return d.exec(sql)
      },
      transaction: (body) => {
        n++
        return d.transaction(body)
      }
    }
  }
}

/** ~9 kB of text that does not compress: more than a PostgreSQL index entry (about 2.700 bytes) holds. */
const huge = Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join("")

const suite = (h: Harness): void => {
  it("an id too long for the index is a ValidationError text/too-long, and the database is not called", async () => {
    const store = await h.fresh()
    const c = counting(await h.driver())
    const s = Storage.toAsync(Storage.make(makeBackend(c.driver, { schema: store.schema })))
    for (const attempt of [
      s.saveProposal({ ...fixtures.proposal("X"), id: huge }),
      s.saveProposal({ ...fixtures.proposal("X"), id: "D".repeat(129) }),
      s.saveEstablishment({ ...fixtures.establishment("CS-1"), id: huge }),
      s.savePlan({ ...fixtures.plan("KH-1", 2024, []), id: huge })
    ]) {
      const r = await attempt
      expect(r.ok).toBe(false)
      if (r.ok) continue
      expect(r.error).toBeInstanceOf(Errors.ValidationError)
      expect((r.error as Errors.ValidationError).issues.map((i) => [i.path.join("."), i.code])).toEqual([["id", "text/too-long"]])
      expect(r.error.message).not.toMatch(/index|btree|database/i)
    }
    expect(c.calls()).toBe(0)
    // what used to reach the database: the same id, written straight into the table, is refused by the index
    await expect(h.sql(`INSERT INTO "${store.schema}".proposals (id, current_version, status, plan_year, fund, province_codes, requested_support, total_cost) VALUES ($1, 1, 'draft', 2024, 'national', '{}', 0, 0)`, [huge])).rejects.toThrow(/index row|exceeds/)
    await Storage.toAsync(store).close()
  })

  it("a proposal saved with an NFD id is read back by its NFC id: one row", async () => {
    const store = await h.fresh()
    const s = Storage.toAsync(store)
    const nfc = "ĐA-Sơn-Trà-07"
    expect((await s.saveProposal({ ...fixtures.proposal("X"), id: nfc.normalize("NFD") })).ok).toBe(true)
    expect((await s.saveProposal({ ...fixtures.proposal("X"), id: nfc })).ok).toBe(true)
    const rows = await h.sql<{ id: string }>(`SELECT id FROM "${store.schema}".proposals`)
    expect(rows.map((r) => r.id)).toEqual([nfc])
    const got = await s.getProposal(nfc.normalize("NFD"))
    expect(got.ok && got.value?.version).toBe(2)
    await s.close()
  })
}

describe("ids and names on PGlite", () => {
  const h = pgliteHarness()
  afterAll(() => h.teardown())
  suite(h)
})

describe("ids and names on a PostgreSQL server (DATABASE_URL)", () => {
  if (!hasServer) {
    it.skip("DATABASE_URL is not set", () => undefined)
    return
  }
  const h = serverHarness(4)
  afterAll(() => h.teardown())
  suite(h)
})
