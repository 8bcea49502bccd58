/**
 * Migrations (di chuyển lược đồ): ordered SQL files `NNNN_name.sql` in the package's
 * `migrations/` folder, applied in id order inside one transaction under an advisory lock, each
 * recorded in `<schema>.schema_migrations` with its id, name, sha256 checksum and time. A
 * migration already applied whose file has changed, a recorded migration the files do not have,
 * or a new migration numbered below one already applied is refused with a `MigrationError`, and
 * nothing runs. Running again with nothing pending changes nothing. The same on PGlite and on a
 * server.
 *
 * @since 0.1.0
 */
import { createHash } from "node:crypto"
import { readdir, readFile } from "node:fs/promises"
import { Storage } from "@khuyencong/storage"
import type { Driver, Queryable } from "./driver.js"

/**
 * A migration file.
 * @category migrations
 * @since 0.1.0
 */
export interface Migration {
  /** Four digits, e.g. `0001`; the order they apply in. */
  readonly id: string
  readonly name: string
  readonly sql: string
  /** sha256 of the file's text, hex. */
  readonly checksum: string
}

/**
 * A migration recorded in `schema_migrations`. `appliedAt`: ISO-8601 UTC.
 * @category migrations
 * @since 0.1.0
 */
export interface AppliedMigration {
  readonly id: string
  readonly name: string
  readonly checksum: string
  readonly appliedAt: string
}

/**
 * The folder of the migrations shipped with the package.
 * @category migrations
 * @since 0.1.0
 */
export const migrationsDirectory: URL = new URL("../migrations/", import.meta.url)

const FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/

/**
 * sha256 of a text, hex.
 * @example `checksum("")` → `"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"`
 * @category migrations
 * @since 0.1.0
 */
export const checksum = (sql: string): string => createHash("sha256").update(sql, "utf8").digest("hex")

const invalid = (file: string, code: string, message: string): Storage.MigrationError =>
  new Storage.MigrationError({ code, path: [file], migration: file, message })

/**
 * Migrations from file names and contents, sorted by id. Files that do not end in `.sql` are
 * ignored; a `.sql` file not named `NNNN_name.sql` (`migration/invalid-file`) or two files with
 * one id (`migration/duplicate-id`) are refused.
 * @example `fromFiles([{ file: "0001_init.sql", sql: "CREATE TABLE t (a int);" }])[0]?.name` → `"init"`
 * @category migrations
 * @since 0.1.0
 */
export const fromFiles = (files: ReadonlyArray<{ readonly file: string; readonly sql: string }>): ReadonlyArray<Migration> => {
  const out: Array<Migration> = []
  for (const { file, sql } of files) {
    if (!file.endsWith(".sql")) continue
    const m = FILE.exec(file)
    if (m === null) throw invalid(file, "migration/invalid-file", `migration file "${file}" must be named NNNN_name.sql (four digits, lower-case name)`)
    const id = m[1] as string
    if (out.some((x) => x.id === id)) throw invalid(file, "migration/duplicate-id", `two migration files have the id ${id}`)
    out.push({ id, name: m[2] as string, sql, checksum: checksum(sql) })
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/**
 * Read the migrations of a folder (default: the package's own).
 * @example `(await loadMigrations()).map((m) => m.id)` → `["0001"]`
 * @category migrations
 * @since 0.1.0
 */
export const loadMigrations = async (dir: string | URL = migrationsDirectory): Promise<ReadonlyArray<Migration>> => {
  const names = (await readdir(dir)).sort()
  const base = typeof dir === "string" ? dir.replace(/\/?$/, "/") : dir
  const files = await Promise.all(
    names.map(async (file) => ({ file, sql: await readFile(typeof base === "string" ? base + file : new URL(file, base), "utf8") }))
  )
  return fromFiles(files)
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * A schema name as a quoted identifier; only lower-case letters, digits and `_` (≤ 63) are allowed.
 * @example `quoteSchema("khuyencong")` → `"\"khuyencong\""`
 * @category migrations
 * @since 0.1.0
 */
export const quoteSchema = (schema: string): string => {
  if (!SCHEMA.test(schema))
    throw new Storage.StorageError({
      code: "storage/invalid-schema",
      path: ["schema"],
      message: `schema name "${schema}" must be lower-case letters, digits and _ (at most 63), starting with a letter or _`
    })
  return `"${schema}"`
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`

const appliedIn = async (tx: Queryable, qs: string): Promise<ReadonlyArray<AppliedMigration>> =>
  (
    await tx.query<{ id: string; name: string; checksum: string; applied_at: string }>(
      `SELECT id, name, checksum, to_char(applied_at AT TIME ZONE 'UTC', ${ISO}) AS applied_at FROM ${qs}.schema_migrations ORDER BY id`
    )
  ).map((r) => ({ id: r.id, name: r.name, checksum: r.checksum, appliedAt: r.applied_at }))

/** Check the recorded migrations against the files; the pending ones in order. */
const plan = (applied: ReadonlyArray<AppliedMigration>, migrations: ReadonlyArray<Migration>): ReadonlyArray<Migration> => {
  const byId = new Map(migrations.map((m) => [m.id, m]))
  for (const a of applied) {
    const m = byId.get(a.id)
    if (m === undefined)
      throw new Storage.MigrationError({
        code: "migration/unknown-applied",
        path: [a.id],
        migration: `${a.id}_${a.name}`,
        message: `migration ${a.id}_${a.name} is recorded in schema_migrations but no file has it: this code is older than the database`
      })
    if (m.checksum !== a.checksum)
      throw new Storage.MigrationError({
        code: "migration/checksum-changed",
        path: [a.id],
        migration: `${a.id}_${a.name}`,
        expected: a.checksum,
        actual: m.checksum,
        message: `migration ${a.id}_${a.name} was applied with checksum ${a.checksum}, but the file now has ${m.checksum}: applied migrations must not change; add a new migration instead`
      })
  }
  const done = new Set(applied.map((a) => a.id))
  const last = applied.reduce((x, a) => (a.id > x ? a.id : x), "")
  const pending = migrations.filter((m) => !done.has(m.id))
  const early = pending.find((m) => m.id < last)
  if (early !== undefined)
    throw new Storage.MigrationError({
      code: "migration/out-of-order",
      path: [early.id],
      migration: `${early.id}_${early.name}`,
      message: `migration ${early.id}_${early.name} is new but numbered below ${last}, which is already applied: number new migrations after the last one`
    })
  return pending
}

const bootstrap = async (tx: Queryable, schema: string, qs: string): Promise<void> => {
  await tx.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`khuyencong:migrations:${schema}`])
  await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${qs}`)
  await tx.exec(
    `CREATE TABLE IF NOT EXISTS ${qs}.schema_migrations (id text PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`
  )
}

/**
 * Apply the pending migrations to a schema (created if missing), in one transaction under an
 * advisory lock (concurrent runners wait, then find nothing to do). Returns every recorded
 * migration after the run.
 * @example `await migrate(driver, { schema: "khuyencong" })` → `[{ id: "0001", name: "init", checksum: "…", appliedAt: "…" }]`
 * @category migrations
 * @since 0.1.0
 */
export const migrate = async (
  driver: Driver,
  options: { readonly schema: string; readonly migrations?: ReadonlyArray<Migration> }
): Promise<ReadonlyArray<AppliedMigration>> => {
  const qs = quoteSchema(options.schema)
  const migrations = options.migrations ?? (await loadMigrations())
  return driver.transaction(async (tx) => {
    await bootstrap(tx, options.schema, qs)
    const pending = plan(await appliedIn(tx, qs), migrations)
    for (const m of pending) {
      await tx.exec(`SET LOCAL search_path TO ${qs}, pg_catalog`)
      await tx.exec(m.sql)
      await tx.query(`INSERT INTO ${qs}.schema_migrations (id, name, checksum) VALUES ($1, $2, $3)`, [m.id, m.name, m.checksum])
    }
    return appliedIn(tx, qs)
  })
}

/**
 * The migrations applied and pending in a schema, without changing anything; fails like
 * {@link migrate} when an applied migration changed.
 * @example `(await migrationStatus(driver, { schema })).pending` → `[]` once migrated
 * @category migrations
 * @since 0.1.0
 */
export const migrationStatus = async (
  driver: Driver,
  options: { readonly schema: string; readonly migrations?: ReadonlyArray<Migration> }
): Promise<{ readonly applied: ReadonlyArray<AppliedMigration>; readonly pending: ReadonlyArray<Migration> }> => {
  const qs = quoteSchema(options.schema)
  const migrations = options.migrations ?? (await loadMigrations())
  const exists = await driver.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [`${qs}.schema_migrations`])
  const applied = exists[0]?.t == null ? [] : await appliedIn(driver, qs)
  return { applied, pending: plan(applied, migrations) }
}
