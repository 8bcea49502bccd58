/**
 * Test harness: fresh stores on PGlite (one embedded database per test file, one schema per
 * store) and, when DATABASE_URL is set, on the real server (one pool per test file, one schema per
 * store, dropped at the end).
 */
import { PGlite } from "@electric-sql/pglite"
import pg from "pg"
import { Storage } from "@khuyencong/storage"
import { open, type OpenOptions, type PostgresStore } from "../src/index.js"
import { pgDriver, pgliteDriver, type Driver } from "../src/driver.js"

export const DATABASE_URL = process.env["DATABASE_URL"] ?? ""
export const hasServer = DATABASE_URL !== ""

const run = `t${process.pid}_${Date.now().toString(36)}`
let n = 0
/** A schema name no other store of this run uses. */
export const freshSchema = (): string => `${run}_${++n}`

export interface Harness {
  readonly name: "PGlite" | "PostgreSQL server"
  /** A store on a fresh, migrated schema. */
  readonly fresh: (options?: OpenOptions) => Promise<PostgresStore>
  /** Connection options of this database (without schema). */
  readonly connection: () => Promise<OpenOptions>
  /** Run SQL directly (for checks behind the store's back). */
  readonly sql: <R = Record<string, unknown>>(text: string, params?: ReadonlyArray<unknown>) => Promise<ReadonlyArray<R>>
  /** A driver on this database that the caller does not own (closing it leaves the database open). */
  readonly driver: () => Promise<Driver>
  readonly teardown: () => Promise<void>
}

export const pgliteHarness = (): Harness => {
  let db: PGlite | undefined
  const get = async (): Promise<PGlite> => (db ??= await PGlite.create())
  return {
    name: "PGlite",
    connection: async () => ({ pglite: await get() }),
    driver: async () => pgliteDriver(await get(), false),
    sql: async <R,>(text: string, params: ReadonlyArray<unknown> = []) => (await (await get()).query<R>(text, [...params])).rows,
    fresh: async (options = {}) => open({ pglite: await get(), schema: freshSchema(), ...options }),

    teardown: async () => {
      if (db !== undefined) await db.close()
    }
  }
}

/** Schemas created on the server outside `fresh` (dropped by the harness's teardown). */
export const serverSchemas: Array<string> = []

export const serverHarness = (max = 10): Harness => {
  let pool: pg.Pool | undefined
  const schemas = serverSchemas
  const get = (): pg.Pool => (pool ??= new pg.Pool({ connectionString: DATABASE_URL, max }))
  return {
    name: "PostgreSQL server",
    connection: async () => ({ pool: get() }),
    driver: async () => pgDriver(get(), false),
    sql: async <R,>(text: string, params: ReadonlyArray<unknown> = []) => (await get().query(text, [...params])).rows as ReadonlyArray<R>,
    fresh: async (options = {}) => {
      const schema = options.schema ?? freshSchema()
      schemas.push(schema)
      return open({ pool: get(), ...options, schema })
    },
    teardown: async () => {
      if (pool === undefined) return
      for (const s of new Set(schemas)) await pool.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`)
      await pool.end()
    }
  }
}

export const close = async (store: Storage.Store): Promise<void> => {
  await Storage.toAsync(store).close()
}

/** The `StorageError` that `body` rejects with; throws if it resolves or rejects with anything else. */
export const storageError = async (body: Promise<unknown>): Promise<Storage.StorageError> => {
  try {
    await body
  } catch (e) {
    if (e instanceof Storage.StorageError) return e
    throw new Error(`expected a StorageError, got ${String(e)}`, { cause: e })
  }
  throw new Error("expected a rejection")
}
