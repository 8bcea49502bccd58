/**
 * PGlite in memory, started from a data directory prepared once.
 *
 * `PGlite.create()` runs initdb every time (about 1.7 s and 700 MB of peak memory on a quiet
 * machine), then the store applies its migrations. Both give the same empty database on every
 * run, so the first run keeps it: after the migrations, before any data, it is dumped
 * (`dumpDataDir`, an uncompressed tar) to `examples/node_modules/.cache/khuyencong/`; later runs
 * start PGlite from that tar (`loadDataDir`), which skips initdb. The file's name holds PGlite's
 * version and the migrations' checksums, so a new PGlite or a changed migration makes a new one
 * (and `open` would apply a missing migration anyway). Delete the folder to start afresh.
 */
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, openAsBlob, readFileSync, renameSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { PGlite } from "@electric-sql/pglite"
import { loadMigrations } from "@khuyencong/adapters-postgres"
import { examplesDir } from "./register.js"

/** A PGlite in memory; `prepared` is false on the run that made the cached data directory. */
export interface Booted {
  readonly db: PGlite
  readonly prepared: boolean
  /** Keep the database as it is now as the prepared one (call it after the migrations, before any data). */
  readonly keep: () => Promise<void>
}

const cacheDir = (): string => join(examplesDir(), "node_modules", ".cache", "khuyencong")

/** The cached data directory's file: PGlite's version and the migrations' checksums in its name. */
const cacheFile = async (): Promise<string> => {
  // the package does not export its package.json: find it above its entry point
  let dir = dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")))
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir)
  const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: string }).version ?? "unknown"
  const migrations = await loadMigrations()
  const key = createHash("sha256")
    .update(migrations.map((m) => `${m.id}:${m.checksum}`).join("\n"))
    .digest("hex")
    .slice(0, 16)
  return join(cacheDir(), `pglite-${version}-${key}.tar`)
}

/**
 * The example's data are small: 16 MB of shared buffers (PostgreSQL's default is 128 MB, which
 * PGlite keeps in the process's memory) lower the peak memory by about 50 MB.
 */
const CONF = ["shared_buffers = 16MB"]

/** PGlite in memory: from the prepared data directory when there is one, else a fresh one. */
export const bootPGlite = async (): Promise<Booted> => {
  const file = await cacheFile()
  if (existsSync(file)) {
    try {
      // a Blob backed by the file: its 40 MB are not read into memory besides PGlite's own copy
      const db = await PGlite.create({ loadDataDir: await openAsBlob(file), postgresqlconf: CONF })
      return { db, prepared: true, keep: async () => {} }
    } catch {
      // a damaged or foreign file: start afresh (and replace it)
    }
  }
  const db = await PGlite.create({ postgresqlconf: CONF })
  return {
    db,
    prepared: false,
    keep: async () => {
      const dump = await db.dumpDataDir("none")
      mkdirSync(cacheDir(), { recursive: true })
      // written whole, then renamed: a run in parallel never reads half a file
      const part = `${file}.${process.pid}.part`
      writeFileSync(part, new Uint8Array(await dump.arrayBuffer()))
      renameSync(part, file)
    }
  }
}
