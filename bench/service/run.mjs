// HTTP service benchmark: `POST /evaluate` of @khuyencong/service beside a bare node:http handler
// that only does JSON.parse of the same request body and JSON.stringify of the same answer (the
// floor any JSON-over-HTTP service pays: same bytes in, same bytes out), each in its own process,
// driven from this one with keep-alive connections. The two are measured in alternating slices
// (service, bare, service, bare, …) so that the other jobs of a shared machine weigh on both alike.
// Then hostile clients, one kind at a time, each in its own process (hostile.mjs) sending its
// bodies back to back while a probe sends a small evaluation every 10 ms: how much later the
// probe's answers come (p50, p99, max), against the probe alone just before; and how long each body holds the service's event loop (its
// own steps, timed in this process). Not a test: prints markdown tables; exits 1 when the service
// keeps less than half the bare handler's throughput at some client count, or one hostile body
// holds the event loop more than 20 ms (median).
//
//   npx tsc -b && node bench/service/run.mjs [--seconds 5] [--clients 1,10,100] [--slices 5] [--workers N]
//
// The service runs `node packages/service/dist/main.js` (PGlite in memory; /evaluate never touches
// the store); the bare handler runs bench/service/bare.mjs. Latency: per request, from write to the
// end of the answer; p50/p99 over every request of the run; evaluations/s = answers / seconds.
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import http from "node:http"
import os from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, "..", "..")
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const SECONDS = Number(arg("--seconds", "5"))
const CLIENTS = arg("--clients", "1,10,100").split(",").map(Number)
const SLICES = Number(arg("--slices", "5"))
const TOKEN = "bench-reader-token-0123456789"

const fx = JSON.parse(readFileSync(join(root, "packages/service/test/fixtures.json"), "utf8"))
const body = JSON.stringify({ proposal: fx.above, establishments: fx.establishments, date: fx.date })

const start = (args, env = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] })
    let out = ""
    child.stdout.on("data", (d) => {
      out += d
      const m = /listening on (http:\/\/\S+)/.exec(out)
      if (m) resolve({ url: m[1], child, out })
    })
    child.once("exit", (code) => reject(new Error(`exited ${code}: ${out}`)))
  })

const agentFor = (n) => new http.Agent({ keepAlive: true, maxSockets: n + 2 })

const post = (agent, url, path, payload) =>
  new Promise((resolve, reject) => {
    const t0 = performance.now()
    const req = http.request(
      url + path,
      { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), authorization: `Bearer ${TOKEN}` } },
      (res) => {
        const chunks = []
        res.on("data", (c) => chunks.push(c))
        res.on("end", () => resolve({ status: res.statusCode, ms: performance.now() - t0, text: Buffer.concat(chunks).toString() }))
      }
    )
    req.on("error", reject)
    req.end(payload)
  })

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]

/** `clients` loops posting `payload` for `seconds`; latencies of the answers. */
const drive = async (url, path, payload, clients, seconds, agent = agentFor(clients)) => {
  const until = performance.now() + seconds * 1000
  const ms = []
  let bad = 0
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const r = await post(agent, url, path, payload)
        if (r.status !== 200) bad++
        ms.push(r.ms)
      }
    })
  )
  agent.destroy()
  ms.sort((a, b) => a - b)
  return { ms, n: ms.length, perSecond: ms.length / seconds, p50: pct(ms, 50), p99: pct(ms, 99), max: ms[ms.length - 1], bad }
}

// the bench principal floods on purpose: its rate limit is lifted (rate.ts; every client comes from one address)
const tokens = JSON.stringify({ tokens: [{ token: TOKEN, principal: "bench", roles: ["reader"], rateLimit: { perSecond: 1e9, burst: 1e9 } }], anonymousRateLimit: { perSecond: 1e9, burst: 1e9 } })
// --workers N: the service's evaluation threads (default: the command's own, the cores less one).
const WORKERS = arg("--workers", undefined)
const service = await start([join(root, "packages/service/dist/main.js"), "--port", "0", ...(WORKERS === undefined ? [] : ["--workers", WORKERS])], { KHUYENCONG_TOKENS: tokens, DATABASE_URL: "" })
const threadsSaid = /(\d+) evaluation threads?|evaluating on the event loop/.exec(service.out ?? "")
const threads = threadsSaid === null ? "?" : threadsSaid[1] === undefined ? "no evaluation thread (all on the event loop)" : threadsSaid[0]
const first = await post(agentFor(1), service.url, "/evaluate", body)
if (first.status !== 200) throw new Error(`the service answered ${first.status}: ${first.text.slice(0, 300)}`)
const answer = first.text
const bare = await start([join(here, "bare.mjs")], { BARE_ANSWER: answer })

const f = (x) => x.toFixed(1)
const merge = (parts, seconds) => {
  const ms = parts.flatMap((p) => p.ms).sort((a, b) => a - b)
  return { n: ms.length, perSecond: ms.length / seconds, p50: pct(ms, 50), p99: pct(ms, 99), max: ms[ms.length - 1], bad: parts.reduce((a, p) => a + p.bad, 0) }
}
const rows = []
const ratios = []
const hostileRows = []
const heldRows = []
let failed = false
try {
  // warm-up
  await drive(service.url, "/evaluate", body, 4, 1)
  await drive(bare.url, "/evaluate", body, 4, 1)
  for (const c of CLIENTS) {
    const sParts = []
    const bParts = []
    for (let i = 0; i < SLICES; i++) {
      sParts.push(await drive(service.url, "/evaluate", body, c, SECONDS / SLICES))
      bParts.push(await drive(bare.url, "/evaluate", body, c, SECONDS / SLICES))
    }
    const s = merge(sParts, SECONDS)
    const b = merge(bParts, SECONDS)
    const ratio = s.perSecond / b.perSecond
    ratios.push([c, ratio])
    rows.push(`| ${c} | ${Math.round(s.perSecond)} | ${f(s.p50)} | ${f(s.p99)} | ${Math.round(b.perSecond)} | ${f(b.p50)} | ${f(b.p99)} | ${ratio.toFixed(2)} | ${s.bad + b.bad} |`)
  }

  // Hostile bodies, one kind at a time, sent back to back from one connection while a probe sends
  // a small evaluation every 10 ms (so the probe alone leaves the service mostly idle, and any wait
  // it meets is a hostile body holding the event loop or sharing the CPU).
  const MB = 1024 * 1024
  const longStrings = JSON.stringify({ proposals: [{ id: "x", junk: Array.from({ length: 999 }, () => "x".repeat(1000)) }] })
  // within every limit: 100 proposals of 10 strings × 1000 (10 KB each), parsed, each refused by the decoder
  const manyRecords = JSON.stringify({ proposals: Array.from({ length: 100 }, (_, i) => ({ id: `x${i}`, junk: Array.from({ length: 10 }, () => "x".repeat(1000)) })) })
  const fullBatch = JSON.stringify({ proposals: Array.from({ length: 100 }, (_, i) => ({ ...fx.above, id: `p${i}` })), establishments: fx.establishments, date: fx.date })
  const hostiles = [
    { name: "1 MB to /evaluate, Content-Length declared (refused unread, 413)", path: "/evaluate", body: longStrings },
    { name: "1 MB to /evaluate, chunked without length (refused at 256 KiB, 413)", path: "/evaluate", body: longStrings, chunked: true },
    { name: "1 MB of `[` to /evaluate/batch (refused before parsing, 413)", path: "/evaluate/batch", body: "[".repeat(MB - 1) },
    { name: "1 MB: one proposal of 999 strings × 1000 to /evaluate/batch (over 64 KiB: 413 before parsing)", path: "/evaluate/batch", body: longStrings },
    { name: "1 MB: 100 proposals of 10 strings × 1000 to /evaluate/batch (within every limit: parsed, each refused by the decoder, 200)", path: "/evaluate/batch", body: manyRecords },
    { name: "1 MB slow drip (64 KiB every 50 ms) to /evaluate/batch", path: "/evaluate/batch", body: longStrings, drip: true },
    { name: `a full batch: 100 proposals, ${Math.round(fullBatch.length / 1024)} KiB (200)`, path: "/evaluate/batch", body: fullBatch }
  ]
  // Each hostile client runs in its own process (hostile.mjs): building and writing 1 MB bodies
  // in this one would hold the probe's own event loop and be counted as the service's delay.
  const bodiesDir = mkdtempSync(join(os.tmpdir(), "khuyencong-bench-"))
  const hostile = (h, i) =>
    new Promise((resolve, reject) => {
      const file = join(bodiesDir, `${i}.json`)
      writeFileSync(file, h.body)
      const mode = h.drip ? "drip" : h.chunked ? "chunked" : "plain"
      const child = spawn(process.execPath, [join(here, "hostile.mjs"), service.url, h.path, file, mode, TOKEN], { stdio: ["ignore", "pipe", "inherit"] })
      let out = ""
      const ended = new Promise((done) => child.once("exit", () => done(JSON.parse(out.split("\n").filter((l) => l.startsWith("{"))[0] ?? '{"sent":0,"statuses":[]}'))))
      child.stdout.on("data", (d) => {
        out += d
        if (out.startsWith("ready")) resolve({ stop: () => (child.kill("SIGTERM"), ended) })
      })
      child.once("error", reject)
    })
  const probe = async (seconds, during = Promise.resolve()) => {
    const agent = agentFor(1)
    const until = performance.now() + seconds * 1000
    const ms = []
    while (performance.now() < until) {
      const r = await post(agent, service.url, "/evaluate", body)
      ms.push(r.ms)
      await new Promise((r) => setTimeout(r, 10))
    }
    agent.destroy()
    await during
    ms.sort((a, b) => a - b)
    return { p50: pct(ms, 50), p99: pct(ms, 99), max: ms[ms.length - 1] }
  }
  for (const [i, h] of hostiles.entries()) {
    const alone = await probe(Math.min(SECONDS, 3))
    const client = await hostile(h, i)
    await new Promise((r) => setTimeout(r, 100))
    const beside = await probe(Math.min(SECONDS, 3))
    const { sent, statuses } = await client.stop()
    hostileRows.push(`| ${h.name} | ${sent} | ${statuses.join(", ")} | ${f(alone.p50)} → ${f(beside.p50)} | ${f(alone.p99)} → ${f(beside.p99)} | ${f(alone.max)} → ${f(beside.max)} |`)
  }
  rmSync(bodiesDir, { recursive: true, force: true })

  // What one body holds the service's event loop for: its own steps (read into one buffer, the
  // byte scan, UTF-8, JSON.parse, the shape walk, the decoder; for the full batch the evaluations
  // too, which run in slices of a few ms), timed in this process, median and p90 of 30.
  const { checkShape, defaultLimits, parseJson, preScan } = await import(join(root, "packages/service/dist/limits.js"))
  const { Proposal } = await import(join(root, "packages/core/dist/index.js"))
  for (const [name, text] of [
    ["1 MB of `[`", "[".repeat(MB - 1)],
    ["1 MB: one proposal of 999 strings × 1000", longStrings],
    ["1 MB: 100 proposals of 10 strings × 1000 (parse, limits, the first decode; the rest in 2 ms slices)", manyRecords],
    ["1 MB, one string of 1 M characters", JSON.stringify({ proposals: [{ id: "x".repeat(MB - 40) }] })],
    ["1 MB of 60 000 keys", JSON.stringify({ proposals: [Object.fromEntries(Array.from({ length: 60000 }, (_, i) => [`k${i}`, 1]))] })],
    // the largest proposal the limits let through (64 KiB): decoded in one go
    ["a proposal just under 64 KiB (330 activities)", JSON.stringify({ proposals: [{ ...fx.above, activities: Array.from({ length: 330 }, () => fx.above.activities[0]) }] })],
    ["a proposal of 188 KiB (999 activities; refused before parsing)", JSON.stringify({ proposals: [{ ...fx.above, activities: Array.from({ length: 999 }, () => fx.above.activities[0]) }] })]
  ]) {
    const held = []
    let outcome = ""
    for (let i = 0; i < 30; i++) {
      const t = performance.now()
      try {
        const bytes = Buffer.concat([Buffer.from(text)])
        preScan(bytes, defaultLimits)
        const json = parseJson(bytes.toString("utf8"))
        checkShape(json, defaultLimits)
        outcome = Proposal.decode(json.proposals[0]).ok ? "decoded" : "refused by the decoder"
      } catch (e) {
        outcome = `refused: ${e.code}`
      }
      held.push(performance.now() - t)
    }
    held.sort((a, b) => a - b)
    heldRows.push(`| ${name} | ${outcome} | ${f(pct(held, 50))} | ${f(pct(held, 90))} |`)
    if (pct(held, 50) > 20) {
      console.error(`${name}: one body holds the event loop for ${f(pct(held, 50))} ms (median, > 20 ms)`)
      failed = true
    }
  }

  console.log(`## HTTP service (POST /evaluate)\n`)
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}; ${SECONDS} s per cell in ${SLICES} alternating slices; answer ${answer.length} bytes, request ${body.length} bytes; the service with ${threads}.\n`)
  console.log("| clients | service eval/s | p50 ms | p99 ms | bare JSON handler req/s | p50 ms | p99 ms | ratio | non-200 |")
  console.log("|---|---|---|---|---|---|---|---|---|")
  for (const r of rows) console.log(r)
  console.log(`\nHostile bodies, one kind at a time, sent back to back beside a probe evaluating every 10 ms (probe alone → beside):\n`)
  console.log("| hostile client | bodies sent | statuses | probe p50 ms | probe p99 ms | probe max ms |")
  console.log("|---|---|---|---|---|---|")
  for (const r of hostileRows) console.log(r)
  console.log(`\nEvent loop held by one hostile body (the service's steps in this process; 30 runs):\n`)
  console.log("| body | outcome | median ms | p90 ms |")
  console.log("|---|---|---|---|")
  for (const r of heldRows) console.log(r)
  for (const [c, ratio] of ratios)
    if (ratio < 0.5) {
      console.error(`${c} clients: the service keeps ${ratio.toFixed(2)} of the bare handler's throughput (< 0.5)`)
      failed = true
    }
  if (failed) process.exitCode = 1
} finally {
  service.child.kill("SIGTERM")
  bare.child.kill("SIGTERM")
}
