// A store in a process of its own, for lock.test.ts: the parent forks this script and drives it
// over the IPC channel. It imports the built adapter (dist), which `pnpm test` builds first.
//
//   node lock-child.mjs open <dataDir>    say "ready", wait for "go", open; say "opened" (then wait
//                                         for "close") or "refused" with the error's code and message
//   node lock-child.mjs write <dataDir>   open, then save batches of proposals until told "stop",
//                                         saying "ack" after each batch the store acknowledged
//   node lock-child.mjs exit <dataDir>    open, save one proposal, say "saved", and end the process
//                                         with process.exit, never closing the store
import { Storage } from "@khuyencong/storage"
import { fixtures } from "@khuyencong/storage/testing"
import { open } from "../dist/index.js"

const [mode, dataDir] = process.argv.slice(2)
if (dataDir === undefined || !["open", "write", "exit"].includes(mode)) throw new Error("usage: lock-child.mjs open|write|exit <dataDir>")

const send = (message) => new Promise((resolve) => process.send(message, resolve))
const messages = []
const waiting = []
process.on("message", (m) => {
  const i = waiting.findIndex((w) => w.type === m.type)
  if (i === -1) messages.push(m)
  else waiting.splice(i, 1)[0].resolve(m)
})
const next = (type) => {
  const i = messages.findIndex((m) => m.type === type)
  if (i !== -1) return Promise.resolve(messages.splice(i, 1)[0])
  return new Promise((resolve) => waiting.push({ type, resolve }))
}
const told = (type) => messages.some((m) => m.type === type)
const warnings = []
process.on("warning", (w) => warnings.push({ name: w.name, code: w.code, message: w.message }))

const opened = async () => {
  try {
    return await open({ dataDir, useEnvironment: false })
  } catch (e) {
    await new Promise((resolve) => setImmediate(resolve)) // warnings are emitted on the next tick
    await send({ type: "refused", tag: e?._tag, code: e?.code, message: e?.message ?? String(e), warnings })
    process.exit(0)
  }
}

if (mode === "open") {
  // loaded before "ready", so that the racers reach the lock at the same moment on "go"
  await import("@electric-sql/pglite")
  await send({ type: "ready" })
  await next("go")
  const store = await opened()
  await new Promise((resolve) => setImmediate(resolve))
  await send({ type: "opened", pid: process.pid, warnings })
  await next("close")
  await Storage.toAsync(store).close()
  await send({ type: "closed" })
  process.exit(0)
}

if (mode === "exit") {
  const store = Storage.toAsync(await opened())
  const r = await store.saveProposal(fixtures.proposal("DA-EXIT"))
  await send({ type: "saved", ok: r.ok })
  process.exit(0)
}

// write: batches of 5 proposals, B<n>-0 … B<n>-4; an "ack" only once the store said ok
const store = Storage.toAsync(await opened())
await new Promise((resolve) => setImmediate(resolve))
await send({ type: "opened", pid: process.pid, warnings })
for (let n = 1; !told("stop"); n++) {
  const ids = [0, 1, 2, 3, 4].map((k) => `B${n}-${k}`)
  const r = await store.saveProposals(ids.map((id) => fixtures.proposal(id)))
  if (!r.ok) {
    await send({ type: "failed", batch: n, code: r.error.code, message: r.error.message })
    break
  }
  await send({ type: "ack", batch: n, ids })
  // PGlite answers without going through the event loop: let the parent's messages in
  await new Promise((resolve) => setImmediate(resolve))
}
await store.close()
await send({ type: "closed" })
process.exit(0)
