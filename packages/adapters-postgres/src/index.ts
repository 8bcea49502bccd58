/**
 * @khuyencong/adapters-postgres: PostgreSQL storage (lưu trữ PostgreSQL) for khuyencong, an
 * implementation of the `Storage` contract of `@khuyencong/storage` with two drivers:
 * - **PGlite** (embedded, in-process): the default when no connection is given; in memory, or
 *   persistent in a data folder (`dataDir`);
 * - a **real server** through a `pg` pool: `connectionString`, an existing `pool`, or the
 *   `DATABASE_URL` environment variable.
 *
 * Opening a store runs the pending migrations (ordered SQL files, checksummed, under an advisory
 * lock) in its schema (default `khuyencong`). See README.md.
 *
 * The drivers are optional peer dependencies, imported only when used: install `pg` for a server,
 * `@electric-sql/pglite` for PGlite. Using one that is not installed fails with the `StorageError`
 * `storage/driver-not-installed`, whose message names the package to install.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { open } from "@khuyencong/adapters-postgres"
 * const store = await open({ connectionString: "postgres://app@db.example/khuyencong" })
 * const saved = await Effect.runPromise(store.saveProposal(proposal)) // saved.version === 1
 * await Effect.runPromise(store.close())
 * ```
 * @since 0.1.0
 */
import { Storage } from "@khuyencong/storage"
import type pg from "pg"
import { makeBackend } from "./backend.js"
import { importPeer, pgDriver, pgliteDriver, type Driver, type PGliteInstance } from "./driver.js"
import { toTypedError } from "./errors.js"
import { localFolder, lockFolder, type FolderLock } from "./lock.js"
import { loadMigrations, migrate as runMigrations, migrationStatus, type AppliedMigration, type Migration } from "./migrations.js"

export { checksum, fromFiles, loadMigrations, migrationsDirectory, type AppliedMigration, type Migration } from "./migrations.js"
export { toTypedError } from "./errors.js"
export type { PGliteInstance, PGliteQueryable } from "./driver.js"

/**
 * How to reach the database. Without `driver`, the first that applies is used: `pool` or
 * `connectionString` (server), `pglite` or `dataDir` (PGlite), the `DATABASE_URL` environment
 * variable (server, unless `useEnvironment: false`), else PGlite in memory.
 * @category options
 * @since 0.1.0
 */
export interface ConnectOptions {
  /** Force a driver. `"pg"` needs `pool`, `connectionString` or `DATABASE_URL`. */
  readonly driver?: "pglite" | "pg"
  /** A server's connection string, e.g. `postgres://user:password@host:5432/db?sslmode=require`. */
  readonly connectionString?: string
  /** Options for the pool the store creates (`max`, `idleTimeoutMillis`, `ssl`, `statement_timeout` …). */
  readonly poolOptions?: pg.PoolConfig
  /** A pool you manage: the store uses it and leaves it open on close. */
  readonly pool?: pg.Pool
  /** A PGlite instance you manage (a `PGlite` of `@electric-sql/pglite`): the store uses it and leaves it open on close. */
  readonly pglite?: PGliteInstance
  /** PGlite data folder (kept between runs); absent: PGlite in memory. */
  readonly dataDir?: string
  /** Read `DATABASE_URL` when no connection is given (default true). */
  readonly useEnvironment?: boolean
  /** Schema holding the tables (default `khuyencong`): lower-case letters, digits, `_`. */
  readonly schema?: string
  /** Migrations to apply (default: the package's `migrations/` folder). */
  readonly migrations?: ReadonlyArray<Migration>
}

/**
 * Options of {@link open}.
 * @category options
 * @since 0.1.0
 */
export interface OpenOptions extends ConnectOptions {
  /**
   * Apply pending migrations when opening (default true). With `false` the schema must already
   * be up to date (`migration/pending` otherwise): for deployments that migrate in a separate step.
   */
  readonly migrate?: boolean
}

/**
 * An open PostgreSQL store: the `Storage.Store` methods, plus which driver and schema it uses
 * and the migrations recorded in it.
 * @category store
 * @since 0.1.0
 */
export interface PostgresStore extends Storage.Store {
  readonly driver: "pglite" | "pg"
  readonly schema: string
  readonly migrations: ReadonlyArray<AppliedMigration>
}

/** The default schema. @category options @since 0.1.0 */
export const DEFAULT_SCHEMA = "khuyencong"

const unavailable = (message: string, cause?: unknown): Storage.StorageError =>
  new Storage.StorageError({ code: "storage/unavailable", path: [], message, ...(cause === undefined ? {} : { cause }) })

/** Open the driver the options describe. */
const connect = async (o: ConnectOptions): Promise<Driver> => {
  const env = o.useEnvironment === false ? undefined : process.env["DATABASE_URL"]
  const kind =
    o.driver ??
    (o.pool !== undefined || o.connectionString !== undefined
      ? "pg"
      : o.pglite !== undefined || o.dataDir !== undefined
        ? "pglite"
        : env !== undefined && env !== ""
          ? "pg"
          : "pglite")
  if (kind === "pg") {
    if (o.pool !== undefined) return pgDriver(o.pool, false)
    const connectionString = o.connectionString ?? env
    if (connectionString === undefined || connectionString === "")
      throw unavailable("driver \"pg\" needs a connectionString, a pool or the DATABASE_URL environment variable")
    const { default: { Pool } } = await importPeer("pg", () => import("pg"))
    return pgDriver(new Pool({ ...o.poolOptions, connectionString }), true)
  }
  if (o.pglite !== undefined) return pgliteDriver(o.pglite, false)
  const { PGlite } = await importPeer("@electric-sql/pglite", () => import("@electric-sql/pglite"))
  // One process at a time in a data folder: PGlite is a whole database in this process
  const folder = o.dataDir === undefined ? undefined : localFolder(o.dataDir)
  const lock = folder === undefined ? undefined : await lockFolder(folder)
  try {
    const driver = pgliteDriver(await PGlite.create(o.dataDir === undefined ? {} : { dataDir: o.dataDir }), true)
    return lock === undefined ? driver : lockedDriver(driver, lock)
  } catch (cause) {
    await lock?.release()
    throw unavailable(`PGlite could not start${o.dataDir === undefined ? "" : ` in ${o.dataDir}`}: ${cause instanceof Error ? cause.message : String(cause)}`, cause)
  }
}

/** A driver that works while `lock` is held and gives the folder up after closing. */
const lockedDriver = (driver: Driver, lock: FolderLock): Driver => ({
  kind: driver.kind,
  query: async (sql, params) => {
    lock.check()
    return driver.query(sql, params)
  },
  exec: async (sql) => {
    lock.check()
    return driver.exec(sql)
  },
  transaction: async (body) => {
    lock.check()
    return driver.transaction(body)
  },
  close: async () => {
    try {
      await driver.close()
    } finally {
      await lock.release()
    }
  }
})

const asTyped = (e: unknown): unknown => toTypedError(e)

/**
 * Open a store: connect, apply (or check) migrations, and return the store. Fails with a
 * `StorageError` (`storage/unavailable`, `storage/invalid-schema`, `storage/driver-not-installed`)
 * or a `MigrationError`.
 * @example `const store = await open()` → PGlite in memory (or the server in `DATABASE_URL`)
 * @example `const store = await open({ dataDir: "./data/khuyencong" })` → PGlite kept on disk
 * @example `const store = await open({ connectionString: process.env.KC_DB, poolOptions: { max: 20 } })`
 * @category store
 * @since 0.1.0
 */
export const open = async (options: OpenOptions = {}): Promise<PostgresStore> => {
  const schema = options.schema ?? DEFAULT_SCHEMA
  const driver = await connect(options)
  try {
    const migrations = options.migrations ?? (await loadMigrations())
    let applied: ReadonlyArray<AppliedMigration>
    if (options.migrate === false) {
      const status = await migrationStatus(driver, { schema, migrations })
      const first = status.pending[0]
      if (first !== undefined)
        throw new Storage.MigrationError({
          code: "migration/pending",
          path: [first.id],
          migration: `${first.id}_${first.name}`,
          message: `schema "${schema}" is missing ${status.pending.length} migration(s), from ${first.id}_${first.name}; run migrate() first`
        })
      applied = status.applied
    } else {
      applied = await runMigrations(driver, { schema, migrations })
    }
    const store = Storage.make(makeBackend(driver, { schema }))
    return { ...store, driver: driver.kind, schema, migrations: applied }
  } catch (e) {
    await driver.close().catch(() => undefined)
    throw asTyped(e)
  }
}

/**
 * A layer providing the `Storage` service from {@link open}; the store is closed when the
 * layer's scope ends.
 * @example `Effect.provide(program, layer({ connectionString }))`
 * @category store
 * @since 0.1.0
 */
export const layer = (options: OpenOptions = {}): Storage.StorageLayer => Storage.layerFrom(() => open(options))

/**
 * Apply the pending migrations and close the connection: for a deployment step or a CLI.
 * Returns every migration recorded after the run.
 * @example `await migrate({ connectionString })` → `[{ id: "0001", name: "init", checksum: "…", appliedAt: "…" }]`
 * @category migrations
 * @since 0.1.0
 */
export const migrate = async (options: ConnectOptions = {}): Promise<ReadonlyArray<AppliedMigration>> => {
  const driver = await connect(options)
  try {
    return await runMigrations(driver, { schema: options.schema ?? DEFAULT_SCHEMA, ...(options.migrations === undefined ? {} : { migrations: options.migrations }) })
  } catch (e) {
    throw asTyped(e)
  } finally {
    await driver.close()
  }
}

/**
 * The migrations applied and pending in a schema, changing nothing.
 * @example `(await status({ connectionString })).pending.length` → `0`
 * @category migrations
 * @since 0.1.0
 */
export const status = async (
  options: ConnectOptions = {}
): Promise<{ readonly applied: ReadonlyArray<AppliedMigration>; readonly pending: ReadonlyArray<Migration> }> => {
  const driver = await connect(options)
  try {
    return await migrationStatus(driver, { schema: options.schema ?? DEFAULT_SCHEMA, ...(options.migrations === undefined ? {} : { migrations: options.migrations }) })
  } catch (e) {
    throw asTyped(e)
  } finally {
    await driver.close()
  }
}
