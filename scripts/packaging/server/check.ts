// The server-only install from TypeScript (tsc --noEmit, skipLibCheck off, moduleResolution node16
// and bundler): without PGlite installed, the adapter's declarations resolve (pg's types come with
// it as @types/pg) and a pool of the user's own pg is accepted.
import { Effect } from "effect"
import { Storage } from "@khuyencong/storage"
import { layer, migrate, open, status, type OpenOptions, type PostgresStore } from "@khuyencong/adapters-postgres"
import pg from "pg"

const pool = new pg.Pool({ connectionString: process.env["DATABASE_URL"], max: 5 })
const options: OpenOptions = { pool, schema: "khuyencong", migrate: false }
export const store: () => Promise<PostgresStore> = () => open(options)
export const fromUrl: () => Promise<PostgresStore> = () =>
  open({ connectionString: "postgres://app@db.example/khuyencong?sslmode=require", poolOptions: { max: 20, idleTimeoutMillis: 10_000 } })

export const deploy = async (): Promise<number> => (await migrate({ pool })).length + (await status({ pool })).pending.length

const count = Effect.gen(function* () {
  const s = yield* Storage.Storage
  return (yield* s.listProposals({ planYear: 2025 })).length
})
export const proposals: Promise<number> = Effect.runPromise(count.pipe(Effect.provide(layer(options))))
