/**
 * The lock on a PGlite data folder (khóa thư mục dữ liệu): one process at a time writes to a
 * folder. PGlite is a whole PostgreSQL inside the process, with its own buffers: two processes on
 * one folder each overwrite what the other wrote, and acknowledged writes are lost without a
 * warning. So opening a store on a `dataDir` takes this lock first and keeps it until the store is
 * closed; a second opener gets the `StorageError` `storage/folder-in-use`, naming the process that
 * holds the folder.
 *
 * The lock is a file, `khuyencong.lock`, in the data folder, holding its owner: process id, host,
 * when the process started, when it took the lock, and a random nonce.
 * - **Taking it** is one atomic call: `open(file, "wx")` creates the file only if it does not exist
 *   (two processes starting at the same moment: exactly one creates it). The owner is written and
 *   synced right after; a reader that finds the file still empty waits for it.
 * - **Keeping it**: every 10 s the owner renews the file's modification time (its lease) and checks
 *   that the file still names it. Should another process have taken the folder over, the store
 *   stops: every later call fails with `storage/folder-in-use` instead of writing over the other.
 * - **Releasing it**: on `close`, after PGlite has closed; on process exit (Node's `exit` event, so
 *   not after a signal that ends the process, nor `SIGKILL`) for a store that was never closed.
 *   Only a file that still names this owner is removed.
 * - **A stale lock** (its owner died) is cleared, with a warning from the process that cleared it
 *   (`process.emitWarning`, code `storage/stale-lock-cleared`): on the same host when its process no longer exists (or the
 *   process id is now this process's, taken over from a process that has ended, as in a restarted
 *   container); from another host, where process ids say nothing, when its lease has not been
 *   renewed for 60 s. A live process on the same host always keeps its lock, however long since
 *   its last renewal: PGlite runs queries on the event loop, and a long query or a suspended
 *   machine must not hand the folder to a second writer.
 * - **Clearing it** is race-free too: a clearer first creates a claim file named after the stale
 *   lock's content (with `wx`, so one clearer per stale lock), checks under the claim that the lock
 *   file is still that stale one, removes it, then competes for the folder like any opener.
 *
 * Why not a library: proper-lockfile (the usual choice) decides staleness by modification time
 * alone, so a process killed with SIGKILL blocks the folder for its whole stale period, and a live
 * process whose event loop is busy longer than that loses its lock to a second writer; two
 * processes clearing the same stale lock can both win (each removes the lock and then creates its
 * own, the second removing the first's); its lock records no owner to name in the error; and it
 * has not been released since 2021. Kernel locks (flock, fcntl) are not in Node and need a native
 * addon compiled at install (os-lock, fs-ext).
 *
 * @since 0.3.0
 */
import { createHash, randomBytes } from "node:crypto"
import { promises as fs, readFileSync, unlinkSync } from "node:fs"
import { hostname } from "node:os"
import { join, resolve } from "node:path"
import { Storage } from "@khuyencong/storage"

/** The lock file's name, in the data folder. @category locks @since 0.3.0 */
export const LOCK_FILE = "khuyencong.lock"
/** How often the owner renews its lease. @category locks @since 0.3.0 */
export const RENEW_MS = 10_000
/** How long a lock from another host lasts without being renewed. @category locks @since 0.3.0 */
export const LEASE_MS = 60_000
/** How long a claim to clear a stale lock lasts (held for a few file operations). */
const CLAIM_MS = 10_000
/** How long a lock file may stay empty or unreadable while its owner writes it. */
const UNREADABLE_MS = 10_000
/** How long an opener keeps trying while the lock is being written, cleared or raced for. */
const PATIENCE_MS = 3_000

/**
 * Who holds (or held) a lock: the content of the lock file.
 * @category locks
 * @since 0.3.0
 */
export interface LockOwner {
  readonly pid: number
  readonly host: string
  /** When the owner's process started, ms since the epoch (`performance.timeOrigin`). */
  readonly processStarted: number
  /** When it took the lock (ISO 8601). */
  readonly acquired: string
  readonly nonce: string
}

/**
 * A lock held by this process.
 * @category locks
 * @since 0.3.0
 */
export interface FolderLock {
  /** The data folder (resolved) and the lock file in it. */
  readonly folder: string
  readonly file: string
  /** A stale lock cleared to take this one, with why it was stale. */
  readonly cleared: ReadonlyArray<{ readonly owner: LockOwner | undefined; readonly reason: string }>
  /** Throws the `StorageError` `storage/folder-in-use` when another process has taken the folder over. */
  readonly check: () => void
  /** Renew the lease now (done every {@link RENEW_MS} by a timer). */
  readonly renew: () => Promise<void>
  /** Give the folder up (idempotent). */
  readonly release: () => Promise<void>
}

const me = (): Omit<LockOwner, "acquired" | "nonce"> => ({
  pid: process.pid,
  host: hostname(),
  processStarted: performance.timeOrigin
})

/** Whether an owner record is this very process (any thread, any copy of this module). */
const isThisProcess = (o: LockOwner): boolean =>
  o.pid === process.pid && o.host === hostname() &&
  // `performance.timeOrigin` is the process's start, the same in every thread; the uptime check is for runtimes where it is not
  (Math.abs(o.processStarted - performance.timeOrigin) < 1 || Math.abs(o.processStarted - (Date.now() - process.uptime() * 1000)) < 1000)

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== "ESRCH" // EPERM: alive, another user's
  }
}

const parse = (raw: string): LockOwner | undefined => {
  try {
    const o = JSON.parse(raw) as Partial<LockOwner>
    return typeof o === "object" && o !== null && Number.isSafeInteger(o.pid) && (o.pid ?? 0) > 0 &&
      typeof o.host === "string" && typeof o.nonce === "string" && o.nonce !== "" &&
      typeof o.processStarted === "number" && typeof o.acquired === "string"
      ? (o as LockOwner)
      : undefined
  } catch {
    return undefined
  }
}

/** What a lock (or claim) file holds right now; undefined when it does not exist. */
interface Seen {
  readonly raw: string
  readonly owner: LockOwner | undefined
  readonly modified: number
  /** Names this file's content: the same for every reader of the same file. */
  readonly id: string
}

/** Run `body` on `file` opened with `flags`; undefined when opening fails with `absent` (ENOENT: no file; EEXIST: one already). */
const withFile = async <A>(file: string, flags: "r" | "wx", absent: "ENOENT" | "EEXIST", body: (h: fs.FileHandle) => Promise<A>): Promise<A | undefined> => {
  let handle: fs.FileHandle
  try {
    handle = await fs.open(file, flags)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === absent) return undefined
    throw e
  }
  try {
    return await body(handle)
  } finally {
    await handle.close()
  }
}

/** What `file` holds; through one handle, so the content and the inode are of the same file even if it is replaced meanwhile. */
const inspect = (file: string): Promise<Seen | undefined> =>
  withFile(file, "r", "ENOENT", async (h) => {
    const stat = await h.stat()
    const raw = await h.readFile("utf8")
    return { raw, owner: parse(raw), modified: stat.mtimeMs, id: createHash("sha256").update(`${stat.ino}\0${raw}`).digest("hex").slice(0, 20) }
  })

type Verdict = { readonly live: true; readonly self: boolean } | { readonly live: false; readonly reason: string }

/** Whether the owner in `seen` still holds its file, `lease` ms being how long a lock from another host lasts. */
const judge = (seen: Seen, lease: number): Verdict => {
  const o = seen.owner
  const age = Date.now() - seen.modified
  if (o === undefined)
    return age < UNREADABLE_MS ? { live: true, self: false } : { live: false, reason: `its lock file has been empty or unreadable for ${seconds(age)}` }
  if (o.host === hostname()) {
    if (o.pid === process.pid)
      return isThisProcess(o) ? { live: true, self: true } : { live: false, reason: "has ended (its process id is now this process's)" }
    return isAlive(o.pid) ? { live: true, self: false } : { live: false, reason: "has ended" }
  }
  return age <= lease ? { live: true, self: false } : { live: false, reason: `has not renewed its lease for ${seconds(age)} (a lease lasts ${seconds(lease)})` }
}

const seconds = (ms: number): string => (ms < 120_000 ? `${Math.round(ms / 1000)} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`)

const describe = (o: LockOwner | undefined): string =>
  o === undefined
    ? "a process that has not finished writing its lock file"
    : `process ${o.pid} on host ${o.host}, started ${new Date(Math.round(o.processStarted)).toISOString()}`

const inUse = (folder: string, file: string, seen: Seen | undefined, self: boolean): Storage.StorageError => {
  const o = seen?.owner
  const age = seen === undefined ? 0 : Date.now() - seen.modified
  const message = self
    ? `The data folder (thư mục dữ liệu) ${folder} is in use (đang được sử dụng) by another store in this process (${describe(o)}): ` +
      `close that store first, or open one PGlite on the folder and give it to every store as { pglite }. Lock file: ${file}`
    : `The data folder (thư mục dữ liệu) ${folder} is in use (đang được sử dụng) by ${describe(o)}` +
      (o !== undefined && age > LEASE_MS ? ` (its lock was last renewed ${seconds(age)} ago: if process ${o.pid} is not a khuyencong store, its number was reused, and the lock file may be deleted)` : "") +
      `: only one process at a time may open a PGlite data folder. Close the store in that process first, or share the data through a PostgreSQL server (connectionString). Lock file: ${file}`
  return new Storage.StorageError({ code: "storage/folder-in-use", path: [], message })
}

const lost = (folder: string, file: string, seen: Seen | undefined): Storage.StorageError =>
  new Storage.StorageError({
    code: "storage/folder-in-use",
    path: [],
    message:
      `The data folder (thư mục dữ liệu) ${folder} was taken over by ${seen === undefined ? "another process" : describe(seen.owner)} while this store had it open: ` +
      `the store stopped, so as not to write over that process's data. Close it; check which process should keep the folder. Lock file: ${file}`
  })

const staleCleared = (folder: string, o: LockOwner | undefined, reason: string): string =>
  `The data folder (thư mục dữ liệu) ${folder} had a stale lock (khóa cũ): ` +
  (o === undefined
    ? `${reason}. It was cleared.`
    : `${describe(o)} held it and ${reason}. It was cleared; that process had not closed its store, and what it had committed is kept (PGlite recovers the folder as after a crash).`)

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
const jitter = (): number => 5 + Math.random() * 20

/** Create `file` with `content` only if it does not exist (atomically: `wx`); false if it does. */
const create = async (file: string, content: string): Promise<boolean> =>
  (await withFile(file, "wx", "EEXIST", async (h) => {
    await h.writeFile(content)
    await h.sync()
    return true
  })) ?? false

const removeIf = async (file: string, id: string | undefined): Promise<boolean> => {
  const now = await inspect(file)
  if (now === undefined || (id !== undefined && now.id !== id)) return false
  await fs.rm(file, { force: true })
  return true
}

/**
 * Remove the stale lock `seen` from `file`, unless another clearer is at it (`"busy"`) or it is
 * already gone or replaced (`"gone"`). One claim file per generation: a claim whose clearer died
 * is passed over for the next generation.
 */
const clear = async (file: string, seen: Seen): Promise<"cleared" | "gone" | "busy"> => {
  const claims = (g: number): string => `${file}.${seen.id}.${g}.clearing`
  for (let g = 0; g < 8; g++) {
    const claim = claims(g)
    if (!(await create(claim, JSON.stringify({ ...me(), acquired: new Date().toISOString(), nonce: randomBytes(12).toString("hex") })))) {
      const other = await inspect(claim)
      if (other === undefined || judge(other, CLAIM_MS).live) return "busy"
      continue // its clearer died: the next generation
    }
    try {
      // Under the claim no other clearer of this lock acts, its dead owner does not, and no opener
      // can replace an existing file: what is read here is what is removed
      const cleared = await removeIf(file, seen.id)
      if (cleared) for (let k = 0; k < g; k++) await fs.rm(claims(k), { force: true })
      return cleared ? "cleared" : "gone"
    } finally {
      await fs.rm(claim, { force: true })
    }
  }
  return "busy"
}

/** Locks held by this thread, by folder; shared by every copy of this module in it. */
const held: Map<string, FolderLock & { readonly nonce: string }> = ((globalThis as Record<symbol, unknown>)[Symbol.for("@khuyencong/adapters-postgres/folder-locks")] ??= new Map()) as never

let exitHook = false
const releaseAtExit = (): void => {
  for (const lock of held.values()) {
    try {
      if (parse(readFileSync(lock.file, "utf8"))?.nonce === lock.nonce) unlinkSync(lock.file)
    } catch {
      // the process is ending: a lock left behind is cleared by the next opener
    }
  }
}

/**
 * Take the lock on a data folder (created if missing) for this process, clearing a stale one.
 * Fails with the `StorageError` `storage/folder-in-use` when another store, in this process or
 * another, holds it.
 * @example `const lock = await lockFolder("./data")` … `await lock.release()`
 * @category locks
 * @since 0.3.0
 */
export const lockFolder = async (dir: string): Promise<FolderLock> => {
  try {
    return await acquire(dir)
  } catch (e) {
    if (e instanceof Storage.StorageError) throw e
    throw new Storage.StorageError({
      code: "storage/unavailable",
      path: [],
      message: `The data folder (thư mục dữ liệu) ${dir} could not be locked: ${e instanceof Error ? e.message : String(e)}`,
      cause: e
    })
  }
}

const acquire = async (dir: string): Promise<FolderLock> => {
  await fs.mkdir(resolve(dir), { recursive: true })
  const folder = await fs.realpath(resolve(dir))
  const file = join(folder, LOCK_FILE)
  const mine = held.get(folder)
  if (mine !== undefined) throw inUse(folder, file, await inspect(file), true)
  const owner: LockOwner = { ...me(), acquired: new Date().toISOString(), nonce: randomBytes(16).toString("hex") }
  const content = `${JSON.stringify(owner, null, 2)}\n`
  const cleared: Array<{ owner: LockOwner | undefined; reason: string }> = []
  const deadline = Date.now() + PATIENCE_MS
  let last: Seen | undefined
  for (;;) {
    if (await create(file, content)) break
    const seen = await inspect(file)
    if (seen !== undefined) {
      last = seen
      const verdict = judge(seen, LEASE_MS)
      if (verdict.live && (seen.owner !== undefined || Date.now() > deadline)) throw inUse(folder, file, seen, verdict.live && verdict.self)
      if (!verdict.live && (await clear(file, seen)) === "cleared") {
        last = undefined
        cleared.push({ owner: seen.owner, reason: verdict.reason })
        // said now: another opener may take the folder before this one does
        process.emitWarning(staleCleared(folder, seen.owner, verdict.reason), { type: "KhuyencongWarning", code: "storage/stale-lock-cleared" })
      }
    }
    if (Date.now() > deadline) throw inUse(folder, file, last, false)
    await sleep(jitter())
  }

  let lostTo: Seen | undefined
  let isLost = false
  let released = false
  const renew = async (): Promise<void> => {
    if (released || isLost) return
    const seen = await inspect(file)
    if (seen?.owner?.nonce === owner.nonce) {
      const now = new Date()
      await fs.utimes(file, now, now)
    } else if (seen === undefined && (await create(file, content))) {
      // deleted by hand while held: taken back, as nobody else had taken it
    } else {
      isLost = true
      lostTo = seen ?? (await inspect(file))
    }
  }
  const timer = setInterval(() => void renew().catch(() => undefined), RENEW_MS)
  timer.unref()
  const lock: FolderLock & { readonly nonce: string } = {
    folder,
    file,
    nonce: owner.nonce,
    cleared,
    check: () => {
      if (isLost) throw lost(folder, file, lostTo)
    },
    renew,
    release: async () => {
      if (released) return
      released = true
      clearInterval(timer)
      if (held.get(folder) === lock) held.delete(folder)
      const now = await inspect(file)
      if (now?.owner?.nonce === owner.nonce) await removeIf(file, now.id)
    }
  }
  held.set(folder, lock)
  if (!exitHook) {
    exitHook = true
    process.on("exit", releaseAtExit)
  }
  return lock
}

/**
 * Renew every lock this thread holds now, as the timer does (for tests).
 * @category locks
 * @since 0.3.0
 */
export const renewAll = async (): Promise<void> => {
  for (const lock of [...held.values()]) await lock.renew()
}

/**
 * The folder PGlite keeps a `dataDir` in, as PGlite reads it: `file://` and plain paths are
 * folders; `memory://`, `idb://`, `opfs-ahp://` … (and "") are not.
 * @example `localFolder("file:///srv/kc")` → `"/srv/kc"`; `localFolder("idb://kc")` → `undefined`
 * @category locks
 * @since 0.3.0
 */
export const localFolder = (dataDir: string): string | undefined => {
  if (dataDir.startsWith("file://")) return dataDir.slice("file://".length) || undefined
  if (dataDir === "" || /^[a-z][a-z0-9+.-]*:\/\//i.test(dataDir)) return undefined
  return dataDir
}
