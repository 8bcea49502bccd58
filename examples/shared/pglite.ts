/**
 * A throwaway PGlite, started from a data directory prepared once.
 *
 * `PGlite.create()` runs initdb every time (about 1.7 s and 700 MB of peak memory on a quiet
 * machine), then the store applies its migrations. Both give the same empty database on every
 * run, so the first run keeps it: after the migrations, before any data, it is dumped
 * (`dumpDataDir`, an uncompressed tar) to `examples/node_modules/.cache/khuyencong/`, without
 * initdb's template databases (template0 and template1, used only to create other databases: 600
 * of the ~1,050 files, 15 MB; dropping them also checkpoints, so a start replays no WAL). Later runs
 * write that tar's files to a temporary folder (in /dev/shm on Linux) and start PGlite on it (its Node file system,
 * `relaxedDurability`), which skips initdb; the folder is deleted when the database is closed.
 * Started from the tar in memory instead (`loadDataDir`), PGlite keeps the 40 MB of files in its
 * in-memory file system besides the tar: peak memory of `pnpm start` 440–480 MB that way, 325–340
 * MB from the folder. The file's name holds PGlite's version, the migrations' checksums and how
 * the file is made ({@link PREPARED}), so a new PGlite, a changed migration or a new way of
 * preparing makes a new one (and `open` would apply a missing migration anyway). Delete the
 * folder to start afresh.
 */
import { createHash } from "node:crypto"
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { PGlite } from "@electric-sql/pglite"
import { loadMigrations } from "@khuyencong/adapters-postgres"
import { examplesDir } from "./register.js"

/** A throwaway PGlite; `prepared` is false on the run that made the cached data directory (that run's database is in memory). */
export interface Booted {
  readonly db: PGlite
  readonly prepared: boolean
  /** Keep the database as it is now as the prepared one (call it after the migrations, before any data). */
  readonly keep: () => Promise<void>
  /** Close the database and delete its throwaway folder. */
  readonly close: () => Promise<void>
}

const cacheDir = (): string => join(examplesDir(), "node_modules", ".cache", "khuyencong")

/** How the cached data directory is made; part of its file's name (2: without the template databases). */
const PREPARED = 2

/** The cached data directory's file: PGlite's version, the migrations' checksums and {@link PREPARED} in its name. */
const cacheFile = async (): Promise<string> => {
  // the package does not export its package.json: find it above its entry point
  let dir = dirname(fileURLToPath(import.meta.resolve("@electric-sql/pglite")))
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir)
  const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version?: string }).version ?? "unknown"
  const migrations = await loadMigrations()
  const key = createHash("sha256")
    .update(`${PREPARED}\n${migrations.map((m) => `${m.id}:${m.checksum}`).join("\n")}`)
    .digest("hex")
    .slice(0, 16)
  return join(cacheDir(), `pglite-${version}-${key}.tar`)
}

/**
 * The example's data are small: 16 MB of shared buffers (PostgreSQL's default is 128 MB, which
 * PGlite keeps in the process's memory) lower the peak memory by about 50 MB.
 */
const CONF = ["shared_buffers = 16MB"]

/**
 * Where the throwaway copy goes: /dev/shm (memory, outside this process) where there is one, else
 * the system's temporary folder. Creating its files (~1,050 with the template databases) took
 * 0.5–1.2 s on a busy ext4 disk, 50–130 ms in /dev/shm; there its 26 MB (~470 files) are memory
 * the machine spends besides the process's own.
 */
const scratchDir = (): string => {
  if (process.platform === "linux" && existsSync("/dev/shm")) {
    try {
      return mkdtempSync(join("/dev/shm", "khuyencong-pglite-"))
    } catch {
      // not writable here: the system's temporary folder
    }
  }
  return mkdtempSync(join(tmpdir(), "khuyencong-pglite-"))
}

/**
 * The files of a tar (as `dumpDataDir("none")` writes it: ustar, regular files and folders) written
 * under `dir`, read piece by piece (the 26 MB are never in memory at once) into one buffer, grown
 * to the largest file (the 16 MB WAL segment) and reused: a zeroed buffer per file cost collector
 * work and zero-filling for every one of the files.
 */
const untar = (file: string, dir: string): void => {
  const fd = openSync(file, "r")
  let data = Buffer.allocUnsafe(64 * 1024)
  try {
    const header = Buffer.alloc(512)
    let at = 0
    for (;;) {
      if (readSync(fd, header, 0, 512, at) < 512 || header[0] === 0) break
      at += 512
      const field = (from: number, length: number) => header.toString("utf8", from, from + length).replace(/\0.*$/s, "")
      const name = `${field(345, 155)}${field(0, 100)}`.replace(/^\/+/, "")
      const size = Number.parseInt(field(124, 12).trim() || "0", 8)
      const type = String.fromCharCode(header[156] ?? 0)
      if (name.split("/").includes("..")) throw new Error(`tar entry outside the data directory: ${name}`)
      const target = join(dir, name)
      if (type === "5") mkdirSync(target, { recursive: true })
      else if (type === "0" || type === "\0") {
        mkdirSync(dirname(target), { recursive: true })
        if (data.length < size) data = Buffer.allocUnsafe(size)
        if (readSync(fd, data, 0, size, at) < size) throw new Error(`tar entry cut short: ${name}`)
        writeFileSync(target, data.subarray(0, size), { mode: 0o600 })
      }
      at += Math.ceil(size / 512) * 512
    }
  } finally {
    closeSync(fd)
  }
}

/** A throwaway PGlite: a copy of the prepared data directory in a temporary folder when there is one, else a fresh one in memory. */
export const bootPGlite = async (): Promise<Booted> => {
  const file = await cacheFile()
  if (existsSync(file)) {
    const dir = scratchDir()
    // deleted at close, or at exit when the run stops before closing it
    const removeDir = (): void => rmSync(dir, { recursive: true, force: true })
    process.once("exit", removeDir)
    try {
      untar(file, dir)
      const db = await PGlite.create({ dataDir: dir, relaxedDurability: true, postgresqlconf: CONF })
      return {
        db,
        prepared: true,
        keep: async () => {},
        close: async () => {
          try {
            await db.close()
          } finally {
            removeDir()
            process.off("exit", removeDir)
          }
        }
      }
    } catch {
      // a damaged or foreign file: start afresh (and replace it)
      removeDir()
      process.off("exit", removeDir)
    }
  }
  const db = await PGlite.create({ postgresqlconf: CONF })
  return {
    db,
    prepared: false,
    close: () => db.close(),
    keep: async () => {
      // the throwaway database is "postgres"; the templates only serve CREATE DATABASE
      // (one statement a call: DROP DATABASE cannot run in the transaction of a multi-statement call)
      for (const t of ["template0", "template1"]) {
        await db.exec(`ALTER DATABASE ${t} IS_TEMPLATE false`)
        await db.exec(`DROP DATABASE ${t}`)
      }
      const dump = await db.dumpDataDir("none")
      mkdirSync(cacheDir(), { recursive: true })
      // written whole, then renamed: a run in parallel never reads half a file
      const part = `${file}.${process.pid}.part`
      writeFileSync(part, new Uint8Array(await dump.arrayBuffer()))
      renameSync(part, file)
      // earlier ones (another PGlite, other migrations, made another way) are not used again
      for (const f of readdirSync(cacheDir())) if (/^pglite-.*\.tar$/.test(f) && join(cacheDir(), f) !== file) rmSync(join(cacheDir(), f), { force: true })
    }
  }
}
