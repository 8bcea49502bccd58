/**
 * Drivers (trình kết nối): the two ways the adapter talks to PostgreSQL, behind one small
 * interface. `pgliteDriver` runs PGlite (embedded, in-process); `pgDriver` a `pg` pool on a real
 * server. Both return DATE, NUMERIC, INT8 and timestamps as text (set per query, never globally, so
 * that other users of the same `pg` module or pool keep their own parsers).
 *
 * @since 0.1.0
 */
import type { PGlite } from "@electric-sql/pglite"
import pg from "pg"

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
 * A driver over a PGlite instance. `owned`: close it with the driver.
 * @category drivers
 * @since 0.1.0
 */
export const pgliteDriver = (db: PGlite, owned: boolean): Driver => {
  const on = (q: Pick<PGlite, "query" | "exec">): Queryable => ({
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

const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    AS_TEXT.has(oid) ? identity : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"]
}

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
      (await c.query<R>({ text: sql, values: [...params], types })).rows,
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
