/**
 * Drivers (trình kết nối): the two ways the adapter talks to PostgreSQL, behind one small
 * interface. `pgliteDriver` runs PGlite (embedded, in-process); `pgDriver` a `pg` pool on a real
 * server. Both return DATE, NUMERIC, INT8 and timestamps as text (set per query, never globally, so
 * that other users of the same `pg` module or pool keep their own parsers).
 *
 * `pg` and `@electric-sql/pglite` are optional peer dependencies: each is imported only when a
 * store uses it ({@link importPeer}), so a server needs no PGlite and an embedded store no `pg`.
 *
 * @since 0.1.0
 */
import { Storage } from "@khuyencong/storage"
import type pg from "pg"

/**
 * A row as the drivers return it: columns by name.
 * @category drivers
 * @since 0.1.0
 */
export type Row = Readonly<Record<string, unknown>>

/**
 * What runs SQL: parameterised queries and (parameterless) scripts.
 * @category drivers
 * @since 0.1.0
 */
export interface Queryable {
  readonly query: <R extends Row = Row>(sql: string, params?: ReadonlyArray<unknown>) => Promise<ReadonlyArray<R>>
  readonly exec: (sql: string) => Promise<void>
}

/**
 * A connection to a database: queries, transactions, closing.
 * @category drivers
 * @since 0.1.0
 */
export interface Driver extends Queryable {
  readonly kind: "pglite" | "pg"
  /** Run `body` in one transaction: committed when it resolves, rolled back when it throws. */
  readonly transaction: <T>(body: (tx: Queryable) => Promise<T>) => Promise<T>
  /** Close what the driver opened (a pool or PGlite given by the caller is left open). */
  readonly close: () => Promise<void>
}

/** OIDs returned as text: INT8, NUMERIC, DATE, TIMESTAMP, TIMESTAMPTZ. */
const AS_TEXT = new Set([20, 1700, 1082, 1114, 1184])
const identity = (x: string): string => x

const pgliteParsers: Record<number, (value: string) => unknown> = Object.fromEntries([...AS_TEXT].map((oid) => [oid, identity]))

/**
 * The optional peer dependencies that hold the drivers, and what each is for.
 * @category drivers
 * @since 0.2.0
 */
export type Peer = "pg" | "@electric-sql/pglite"

const PEER_USE: Readonly<Record<Peer, string>> = {
  pg: "a PostgreSQL server (connectionString, pool or DATABASE_URL)",
  "@electric-sql/pglite": "embedded PGlite (the default without a connection, or pglite / dataDir)"
}

/** Whether `e` is the loader's "package not found" for `name` itself (not for one of its own imports). */
const isMissing = (e: unknown, name: string): boolean => {
  if (typeof e !== "object" || e === null) return false
  const { code, message } = e as { code?: unknown; message?: unknown }
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && typeof message === "string" &&
    (message.includes(`'${name}'`) || message.includes(`"${name}"`))
}

/**
 * Import an optional peer dependency with `load` (a dynamic `import()`), failing, when it is not
 * installed, with the `StorageError` `storage/driver-not-installed` that names the package to
 * install; any other failure is a `StorageError` `storage/unavailable`.
 * @example `await importPeer("pg", () => import("pg"))` → the `pg` module, or throws `StorageError { code: "storage/driver-not-installed", message: "… npm install pg …" }`
 * @category drivers
 * @since 0.2.0
 */
export const importPeer = async <M>(name: Peer, load: () => Promise<M>): Promise<M> => {
  try {
    return await load()
  } catch (cause) {
    if (isMissing(cause, name))
      throw new Storage.StorageError({
        code: "storage/driver-not-installed",
        path: [],
        message: `${name} is not installed: @khuyencong/adapters-postgres needs it for ${PEER_USE[name]}. Install it beside the adapter: npm install ${name}`,
        cause
      })
    throw new Storage.StorageError({
      code: "storage/unavailable",
      path: [],
      message: `${name} could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause
    })
  }
}

/**
 * What the adapter uses of a PGlite transaction: a `Transaction` of `@electric-sql/pglite` is one.
 * @category drivers
 * @since 0.2.0
 */
export interface PGliteQueryable {
  query<T>(query: string, params?: Array<unknown>, options?: { parsers?: Record<number, (value: string, typeId: number) => unknown> }): Promise<{ rows: Array<T> }>
  exec(query: string): Promise<unknown>
}

/**
 * What the adapter uses of a PGlite instance: a `PGlite` of `@electric-sql/pglite` is one. Declared
 * here, not imported, so that these declarations type-check without PGlite installed (it is an
 * optional peer dependency).
 * @category drivers
 * @since 0.2.0
 */
export interface PGliteInstance extends PGliteQueryable {
  readonly closed: boolean
  transaction<T>(callback: (tx: PGliteQueryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * A driver over a PGlite instance. `owned`: close it with the driver.
 * @category drivers
 * @since 0.1.0
 */
export const pgliteDriver = (db: PGliteInstance, owned: boolean): Driver => {
  const on = (q: PGliteQueryable): Queryable => ({
    query: async <R extends Row = Row>(sql: string, params: ReadonlyArray<unknown> = []) =>
      (await q.query<R>(sql, [...params], { parsers: pgliteParsers })).rows,
    exec: async (sql) => {
      await q.exec(sql)
    }
  })
  const base = on(db)
  return {
    kind: "pglite",
    ...base,
    transaction: (body) => db.transaction((tx) => body(on(tx))),
    close: async () => {
      if (owned && !db.closed) await db.close()
    }
  }
}

// pg's parsers for the other types come from the pg module, loaded with the first query
let textTypes: Promise<pg.CustomTypesConfig> | undefined
const types = (): Promise<pg.CustomTypesConfig> =>
  (textTypes ??= importPeer("pg", () => import("pg")).then(({ default: { types: defaults } }) => ({
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      AS_TEXT.has(oid) ? identity : defaults.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"]
  })))

const ignore = (): void => {}

/**
 * A driver over a `pg` pool. `owned`: end the pool with the driver. A client whose connection
 * failed during a transaction is discarded, not returned to the pool.
 * @category drivers
 * @since 0.1.0
 */
export const pgDriver = (pool: pg.Pool, owned: boolean): Driver => {
  // an idle client dropped by the server must not crash the process
  if (owned) pool.on("error", ignore)
  const on = (c: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <R extends Row = Row>(sql: string, params: ReadonlyArray<unknown> = []) =>
      (await c.query<R>({ text: sql, values: [...params], types: await types() })).rows,
    exec: async (sql) => {
      await c.query(sql)
    }
  })
  return {
    kind: "pg",
    ...on(pool),
    transaction: async (body) => {
      const client = await pool.connect()
      let broken: Error | undefined
      const onError = (e: Error): void => {
        broken = e
      }
      client.on("error", onError)
      try {
        await client.query("BEGIN")
        const out = await body(on(client))
        await client.query("COMMIT")
        return out
      } catch (e) {
        if (broken === undefined) {
          try {
            await client.query("ROLLBACK")
          } catch (rollback) {
            broken = rollback instanceof Error ? rollback : new Error(String(rollback))
          }
        }
        throw e
      } finally {
        client.off("error", onError)
        client.release(broken ?? false)
      }
    },
    close: async () => {
      if (owned) await pool.end()
    }
  }
}
