/**
 * One writer per PGlite data folder (src/lock.ts): stores in separate processes (lock-child.mjs,
 * forked) racing for a folder, killed with SIGKILL while holding it, writing while another tries to
 * open it; in this process, a second store on the same folder, stale and foreign locks, and a lock
 * taken over behind a store's back.
 *
 * KC_LOCK_RACE_ROUNDS (default 4) sets how many times each race is run.
 */
import { fork, spawn, type ChildProcess } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync } from "node:fs"
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises"
import { hostname, tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Storage } from "@khuyencong/storage"
import { fixtures } from "@khuyencong/storage/testing"
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest"
import { migrate, open, status } from "../src/index.js"
import { LOCK_FILE, localFolder, lockFolder, renewAll, type LockOwner } from "../src/lock.js"
import { storageError as rejection } from "./harness.js"

const CHILD = fileURLToPath(new URL("./lock-child.mjs", import.meta.url))
const ROUNDS = Number(process.env["KC_LOCK_RACE_ROUNDS"] ?? "4")

interface Message {
  readonly type: string
  readonly [k: string]: unknown
}

/** A store in a forked process (lock-child.mjs), driven over IPC. */
class Child {
  readonly process: ChildProcess
  readonly log: Array<Message> = []
  readonly acked = new Set<string>()
  stderr = ""
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private readonly waiting: Array<() => void> = []

  constructor(mode: "open" | "write" | "exit", dir: string) {
    this.process = fork(CHILD, [mode, dir], { stdio: ["ignore", "ignore", "pipe", "ipc"] })
    this.process.stderr?.on("data", (d: Buffer) => (this.stderr += d.toString()))
    this.process.on("message", (m: Message) => {
      this.log.push(m)
      if (m.type === "ack") for (const id of m["ids"] as ReadonlyArray<string>) this.acked.add(id)
      for (const w of this.waiting.splice(0)) w()
    })
    this.exited = new Promise((resolve) => this.process.on("exit", (code, signal) => {
      resolve({ code, signal })
      for (const w of this.waiting.splice(0)) w()
    }))
  }

  get pid(): number {
    return this.process.pid ?? -1
  }

  /** The first message of one of `types` (after those already taken by `next`), within 60 s. */
  private taken = 0
  async next(...types: ReadonlyArray<string>): Promise<Message> {
    const deadline = Date.now() + 60_000
    for (;;) {
      const i = this.log.findIndex((m, k) => k >= this.taken && types.includes(m.type))
      if (i !== -1) {
        this.taken = i + 1
        return this.log[i] as Message
      }
      if (this.process.exitCode !== null || this.process.signalCode !== null || Date.now() > deadline)
        throw new Error(`process ${this.pid} said no ${types.join("/")} (log: ${JSON.stringify(this.log.slice(-3))}; stderr: ${this.stderr.slice(-2000)})`)
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve)
        setTimeout(resolve, 1000)
      })
    }
  }

  /** Wait until `n` batches are acknowledged. */
  async acks(n: number): Promise<void> {
    while (this.log.filter((m) => m.type === "ack").length < n) await this.next("ack", "failed")
  }

  send(type: string): void {
    this.process.send({ type })
  }
}

const children: Array<Child> = []
const child = (mode: "open" | "write" | "exit", dir: string): Child => {
  const c = new Child(mode, dir)
  children.push(c)
  return c
}
const folders: Array<string> = []
const folder = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), "kc-lock-"))
  folders.push(dir)
  return dir
}

afterEach(async () => {
  for (const c of children.splice(0)) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill("SIGKILL")
})
afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true })
})

/** Warnings this process emits while a test runs. */
let warnings: Array<Error & { code?: string }> = []
const onWarning = (w: Error): void => void warnings.push(w)
beforeEach(() => {
  warnings = []
  process.on("warning", onWarning)
})
afterEach(() => void process.off("warning", onWarning))


/** Every proposal id stored in the folder (pages of 10000). */
const storedIds = async (store: Storage.AsyncStore): Promise<Set<string>> => {
  const ids = new Set<string>()
  for (let after: string | undefined; ; ) {
    const r = await store.listProposals({}, after === undefined ? { limit: 10000 } : { limit: 10000, after })
    if (!r.ok) throw r.error
    if (r.value.length === 0) return ids
    for (const v of r.value) ids.add(v.proposal.id)
    after = r.value.at(-1)?.proposal.id
  }
}

/** A process id that was alive a moment ago and is not now. */
const deadPid = async (): Promise<number> => {
  const p = spawn(process.execPath, ["-e", ""], { stdio: "ignore" })
  await new Promise((resolve) => p.on("exit", resolve))
  return p.pid ?? 999_999
}

const owner = (o: Partial<LockOwner>): string =>
  JSON.stringify({ pid: 1, host: hostname(), processStarted: Date.now() - 60_000, acquired: new Date().toISOString(), nonce: "f00d", ...o })

const lockFile = (dir: string): string => join(dir, LOCK_FILE)

/** Race `n` processes for `dir`: all start, load the adapter, then open at one signal. */
const race = async (dir: string, n: number): Promise<{ winner: Child; losers: ReadonlyArray<{ child: Child; error: Message }> }> => {
  const racers = Array.from({ length: n }, () => child("open", dir))
  await Promise.all(racers.map((c) => c.next("ready")))
  for (const c of racers) c.send("go")
  const outcomes = await Promise.all(racers.map(async (c) => ({ child: c, said: await c.next("opened", "refused") })))
  const winners = outcomes.filter((o) => o.said.type === "opened")
  expect(winners.map((w) => w.child.pid), "exactly one process opens the folder").toHaveLength(1)
  const winner = (winners[0] as (typeof winners)[number]).child
  return { winner, losers: outcomes.filter((o) => o.said.type === "refused").map((o) => ({ child: o.child, error: o.said })) }
}

const expectNamed = (error: Message, holder: number): void => {
  expect(error["tag"]).toBe("StorageError")
  expect(error["code"]).toBe("storage/folder-in-use")
  expect(error["message"]).toContain(`is in use (đang được sử dụng) by process ${holder} on host ${hostname()}, started `)
}

describe("one writer per PGlite data folder, across processes", { timeout: 300_000 }, () => {
  it(`two processes racing to open one folder: exactly one wins, the other is told the winner's pid (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dir = await folder()
      const { winner, losers } = await race(dir, 2)
      for (const l of losers) expectNamed(l.error, winner.pid)
      expect(JSON.parse(await readFile(lockFile(dir), "utf8"))).toMatchObject({ pid: winner.pid, host: hostname() })
      winner.send("close")
      await winner.next("closed")
      expect(existsSync(lockFile(dir)), "closing gives the folder up").toBe(false)
    }
  }, 60_000 + ROUNDS * 20_000)

  it(`three processes racing for a folder whose lock was left by a dead process: one clears it and wins (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const dir = await folder()
      const dead = await deadPid()
      await writeFile(lockFile(dir), owner({ pid: dead }))
      const { winner, losers } = await race(dir, 3)
      for (const l of losers) expectNamed(l.error, winner.pid)
      // one of them cleared the stale lock and said so (not necessarily the one that then won)
      const said = [winner, ...losers.map((l) => l.child)].flatMap((c) => c.log.flatMap((m) => (m["warnings"] ?? []) as ReadonlyArray<{ name: string; code: string; message: string }>))
      expect(said).toEqual([expect.objectContaining({ name: "KhuyencongWarning", code: "storage/stale-lock-cleared" })])
      expect(said[0]?.message).toContain(`had a stale lock (khóa cũ): process ${dead} on host ${hostname()}, started `)
      expect(said[0]?.message).toContain(" held it and has ended. It was cleared;")
      winner.send("close")
      await winner.next("closed")
      expect((await readdir(dir)).filter((f) => f.startsWith(LOCK_FILE)), "no lock or claim file is left").toEqual([])
    }
  }, 60_000 + ROUNDS * 30_000)

  it("a process killed with SIGKILL while holding the folder: the next opener clears its lock and finds every batch it acknowledged", async () => {
    const dir = await folder()
    const writer = child("write", dir)
    await writer.next("opened")
    await writer.acks(20)
    writer.process.kill("SIGKILL")
    expect(await writer.exited).toEqual({ code: null, signal: "SIGKILL" })
    expect(JSON.parse(await readFile(lockFile(dir), "utf8"))).toMatchObject({ pid: writer.pid }) // left behind
    const acked = new Set(writer.acked)
    expect(acked.size).toBeGreaterThanOrEqual(100)

    const store = Storage.toAsync(await open({ dataDir: dir, useEnvironment: false }))
    try {
      expect(warnings.map((w) => [w.name, w.code])).toEqual([["KhuyencongWarning", "storage/stale-lock-cleared"]])
      expect(warnings[0]?.message).toContain(`had a stale lock (khóa cũ): process ${writer.pid} on host ${hostname()}, started `)
      expect(warnings[0]?.message).toContain("held it and has ended. It was cleared; that process had not closed its store, and what it had committed is kept")
      const stored = await storedIds(store)
      expect([...acked].filter((id) => !stored.has(id)), "acknowledged, then missing").toEqual([])
    } finally {
      await store.close()
    }
  })

  it("one process writing while another tries to open the folder: the other is refused, and every acknowledged batch is there after reopening", async () => {
    // Before the lock, the second process opened too, and its close wrote its stale view of the
    // folder over the writer's: hundreds of acknowledged batches were gone on reopening
    const dir = await folder()
    const writer = child("write", dir)
    await writer.next("opened")
    await writer.acks(10)
    for (let attempt = 0; attempt < 3; attempt++) {
      const other = child("open", dir)
      await other.next("ready")
      other.send("go")
      expectNamed(await other.next("refused", "opened"), writer.pid)
      await other.exited
    }
    // it goes on writing after the refusals (waited for, not sampled: a loaded machine may starve
    // the writer for a moment, and "stop" can arrive before its next batch)
    const acks = (): number => writer.log.filter((m) => m.type === "ack").length
    await writer.acks(acks() + 5)
    writer.send("stop")
    await writer.next("closed")
    expect(writer.log.some((m) => m.type === "failed")).toBe(false)

    const store = Storage.toAsync(await open({ dataDir: dir, useEnvironment: false }))
    try {
      expect(warnings).toEqual([]) // the writer closed and gave the folder up
      const stored = await storedIds(store)
      expect([...writer.acked].filter((id) => !stored.has(id)), "acknowledged, then missing").toEqual([])
      expect(stored.size).toBe(writer.acked.size)
    } finally {
      await store.close()
    }
  })

  it("a process that ends with process.exit without closing its store gives the folder up", async () => {
    const dir = await folder()
    const quitter = child("exit", dir)
    expect((await quitter.next("saved"))["ok"]).toBe(true)
    expect((await quitter.exited).code).toBe(0)
    expect(existsSync(lockFile(dir))).toBe(false)
    const store = Storage.toAsync(await open({ dataDir: dir, useEnvironment: false }))
    try {
      expect(warnings).toEqual([])
      expect((await store.getProposal("DA-EXIT")).ok).toBe(true)
    } finally {
      await store.close()
    }
  })
})

describe("one writer per PGlite data folder, in this process", () => {
  it("a second store on the same folder is refused until the first is closed; so are migrate() and status()", async () => {
    const dir = await folder()
    const first = await open({ dataDir: dir, useEnvironment: false })
    try {
      const e = await rejection(open({ dataDir: join(dir, "."), useEnvironment: false }))
      expect(e.code).toBe("storage/folder-in-use")
      expect(e.message).toContain(`is in use (đang được sử dụng) by another store in this process (process ${process.pid} on host ${hostname()}, started `)
      expect(e.message).toContain("{ pglite }")
      expect((await rejection(migrate({ dataDir: dir }))).code).toBe("storage/folder-in-use")
      expect((await rejection(status({ dataDir: `file://${dir}` }))).code).toBe("storage/folder-in-use")
      // the first store is untouched
      const s = Storage.toAsync(first)
      expect((await s.saveProposal(fixtures.proposal("DA-1"))).ok).toBe(true)
    } finally {
      await Storage.toAsync(first).close()
    }
    expect(existsSync(lockFile(dir))).toBe(false)
    const again = Storage.toAsync(await open({ dataDir: dir, useEnvironment: false }))
    try {
      expect((await again.getProposal("DA-1")).ok).toBe(true)
      expect(warnings).toEqual([])
    } finally {
      await again.close()
    }
  })

  it("a store whose folder another process took over stops, with storage/folder-in-use, and leaves that process's lock alone", async () => {
    const dir = await folder()
    const store = Storage.toAsync(await open({ dataDir: dir, useEnvironment: false }))
    const intruder = owner({ pid: 4242, host: "may-chu-khac", processStarted: Date.UTC(2025, 0, 2), nonce: "beef" })
    await rm(lockFile(dir))
    await writeFile(lockFile(dir), intruder)
    await renewAll()
    const r = await store.getProposal("DA-1")
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe("storage/folder-in-use")
      expect(r.error.message).toContain("was taken over by process 4242 on host may-chu-khac, started 2025-01-02T00:00:00.000Z")
    }
    await store.close()
    expect(await readFile(lockFile(dir), "utf8")).toBe(intruder)
  })
})

describe("the lock file", () => {
  it("a lock deleted by hand while held is taken back at the next renewal", async () => {
    const dir = await folder()
    const lock = await lockFolder(dir)
    try {
      const content = await readFile(lock.file, "utf8")
      await rm(lock.file)
      await lock.renew()
      expect(await readFile(lock.file, "utf8")).toBe(content)
      expect(() => lock.check()).not.toThrow()
    } finally {
      await lock.release()
    }
    expect(existsSync(lockFile(dir))).toBe(false)
  })

  it("a lock from another host holds while its lease is renewed and is cleared when it has lapsed", async () => {
    const dir = await folder()
    await writeFile(lockFile(dir), owner({ pid: 777, host: "may-chu-khac", processStarted: Date.UTC(2025, 5, 1, 7) }))
    const e = await rejection(lockFolder(dir))
    expect(e.code).toBe("storage/folder-in-use")
    expect(e.message).toContain("by process 777 on host may-chu-khac, started 2025-06-01T07:00:00.000Z")
    const old = new Date(Date.now() - 5 * 60_000)
    await utimes(lockFile(dir), old, old)
    const lock = await lockFolder(dir)
    await lock.release()
    expect(lock.cleared).toEqual([{ owner: expect.objectContaining({ pid: 777, host: "may-chu-khac" }), reason: "has not renewed its lease for 5 min (a lease lasts 60 s)" }])
    expect(warnings.map((w) => w.code)).toEqual(["storage/stale-lock-cleared"])
  })

  it("a live process on this host keeps its lock however old its lease; the message says its number may have been reused", async () => {
    const dir = await folder()
    await writeFile(lockFile(dir), owner({ pid: process.ppid }))
    const old = new Date(Date.now() - 3 * 3_600_000)
    await utimes(lockFile(dir), old, old)
    const e = await rejection(lockFolder(dir))
    expect(e.message).toContain(`by process ${process.ppid} on host ${hostname()}`)
    expect(e.message).toContain(`(its lock was last renewed 3 h ago: if process ${process.ppid} is not a khuyencong store, its number was reused, and the lock file may be deleted)`)
  })

  it("a lock naming this process's id but another start is stale (a restarted container reuses process ids)", async () => {
    const dir = await folder()
    await writeFile(lockFile(dir), owner({ pid: process.pid, processStarted: performance.timeOrigin - 86_400_000 }))
    const lock = await lockFolder(dir)
    await lock.release()
    expect(lock.cleared[0]?.reason).toBe("has ended (its process id is now this process's)")
  })

  it("an empty lock file is one being written: refused while recent, cleared once old", async () => {
    const dir = await folder()
    await writeFile(lockFile(dir), "")
    const e = await rejection(lockFolder(dir))
    expect(e.message).toContain("is in use (đang được sử dụng) by a process that has not finished writing its lock file")
    const old = new Date(Date.now() - 60_000)
    await utimes(lockFile(dir), old, old)
    const lock = await lockFolder(dir)
    await lock.release()
    expect(lock.cleared).toEqual([{ owner: undefined, reason: "its lock file has been empty or unreadable for 60 s" }])
  })

  it("a claim left by a clearer that died is passed over, and removed", async () => {
    const dir = await folder()
    const content = owner({ pid: await deadPid() })
    await writeFile(lockFile(dir), content)
    // what a clearer killed between taking its claim and removing the lock leaves: the claim of
    // generation 0 on this lock file's content (named by its inode and text, as src/lock.ts does)
    const id = createHash("sha256").update(`${(await stat(lockFile(dir))).ino}\0${content}`).digest("hex").slice(0, 20)
    await writeFile(`${lockFile(dir)}.${id}.0.clearing`, owner({ pid: await deadPid(), nonce: "c1a1" }))
    const lock = await lockFolder(dir)
    expect(lock.cleared).toHaveLength(1)
    expect(await readdir(dir)).toEqual([LOCK_FILE])
    await lock.release()
    expect(await readdir(dir)).toEqual([])
  })

  it("only local folders are locked: PGlite's memory://, idb:// … are not folders", () => {
    expect(localFolder("./data")).toBe("./data")
    expect(localFolder("file:///srv/kc")).toBe("/srv/kc")
    expect(localFolder("C:\\kc\\data")).toBe("C:\\kc\\data")
    expect(localFolder("memory://")).toBeUndefined()
    expect(localFolder("idb://kc")).toBeUndefined()
    expect(localFolder("opfs-ahp://kc")).toBeUndefined()
    expect(localFolder("")).toBeUndefined()
  })
})
