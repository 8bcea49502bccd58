// HTTP service benchmark: `POST /evaluate` of @khuyencong/service beside a bare node:http handler
// that only does JSON.parse of the same request body and JSON.stringify of the same answer (the
// floor any JSON-over-HTTP service pays), each in its own process, driven from this one with
// keep-alive connections. Then a hostile client: 1 MB bodies (a list of long strings, within the
// limits, refused only after parsing) sent while 10 clients evaluate, one every 100 ms and back to
// back; reports how much the others' latency grows, and how long one such body holds the event
// loop (the service's own steps timed in this process). Not a test: prints markdown tables; exits
// 1 when one body holds the event loop for more than 20 ms (median).
//
//   npx tsc -b && node bench/service/run.mjs [--seconds 5] [--clients 1,10,100]
//
// The service runs `node packages/service/dist/main.js` (PGlite in memory; /evaluate never touches
// the store); the bare handler runs bench/service/bare.mjs. Latency: per request, from write to the
// end of the answer; p50/p99 over every request of the run; evaluations/s = answers / seconds.
import { spawn } from "node:child_process"
import { readFileSync } from "node:fs"
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
      if (m) resolve({ url: m[1], child })
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
  return { n: ms.length, perSecond: ms.length / seconds, p50: pct(ms, 50), p99: pct(ms, 99), max: ms[ms.length - 1], bad }
}

const tokens = JSON.stringify({ tokens: [{ token: TOKEN, principal: "bench", roles: ["reader"] }] })
const service = await start([join(root, "packages/service/dist/main.js"), "--port", "0"], { KHUYENCONG_TOKENS: tokens, DATABASE_URL: "" })
const first = await post(agentFor(1), service.url, "/evaluate", body)
if (first.status !== 200) throw new Error(`the service answered ${first.status}: ${first.text.slice(0, 300)}`)
const answer = first.text
const bare = await start([join(here, "bare.mjs")], { BARE_ANSWER: answer })

const f = (x) => x.toFixed(1)
const rows = []
try {
  // warm-up
  await drive(service.url, "/evaluate", body, 4, 1)
  await drive(bare.url, "/evaluate", body, 4, 1)
  for (const c of CLIENTS) {
    const s = await drive(service.url, "/evaluate", body, c, SECONDS)
    const b = await drive(bare.url, "/evaluate", body, c, SECONDS)
    rows.push(`| ${c} | ${Math.round(s.perSecond)} | ${f(s.p50)} | ${f(s.p99)} | ${Math.round(b.perSecond)} | ${f(b.p50)} | ${f(b.p99)} | ${s.bad + b.bad} |`)
  }

  // Hostile: 1 MB bodies (1 000 strings of 1 000 characters: within every limit, so the service
  // reads, parses and walks each before refusing it) beside 10 clients evaluating, compared with
  // the same 10 clients just before without them: (a) one body every 100 ms (10 MB/s; the
  // criterion: one such body must not delay the others' p99 by more than 20 ms); (b) back to back
  // from one connection (a flood: CPU sharing, which only a rate limit per client would bound).
  // (To /evaluate/batch, whose limit is 1 MiB: /evaluate refuses it by Content-Length, unread.)
  const hostileBody = JSON.stringify({ proposals: [{ id: "x", junk: Array.from({ length: 999 }, () => "x".repeat(1000)) }] })
  const hostileRun = async (gapMs) => {
    let sent = 0
    let stop = false
    const agent = agentFor(1)
    const loop = (async () => {
      while (!stop) {
        const t = performance.now()
        await post(agent, service.url, "/evaluate/batch", hostileBody)
        sent++
        const wait = gapMs - (performance.now() - t)
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
      }
    })()
    const under = await drive(service.url, "/evaluate", body, 10, SECONDS)
    stop = true
    await loop
    agent.destroy()
    return { under, sent }
  }
  const base = await drive(service.url, "/evaluate", body, 10, SECONDS)
  const paced = await hostileRun(100)
  const base2 = await drive(service.url, "/evaluate", body, 10, SECONDS)
  const flood = await hostileRun(0)
  const delay = paced.under.p99 - base.p99

  console.log(`## HTTP service (POST /evaluate)\n`)
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}; ${SECONDS} s per cell; answer ${answer.length} bytes, request ${body.length} bytes.\n`)
  console.log("| clients | service eval/s | p50 ms | p99 ms | bare JSON handler req/s | p50 ms | p99 ms | non-200 |")
  console.log("|---|---|---|---|---|---|---|---|")
  for (const r of rows) console.log(r)
  const line = (name, b, h) =>
    `| ${name} | ${h.sent} | ${f(b.p50)} → ${f(h.under.p50)} | ${f(b.p99)} → ${f(h.under.p99)} (${h.under.p99 - b.p99 >= 0 ? "+" : ""}${f(h.under.p99 - b.p99)}) | ${Math.round(b.perSecond)} → ${Math.round(h.under.perSecond)} |`
  console.log(`\nHostile ${(hostileBody.length / 1e6).toFixed(2)} MB bodies beside 10 clients evaluating (before → during):\n`)
  console.log("| hostile client | bodies sent | others' p50 ms | others' p99 ms | others' eval/s |")
  console.log("|---|---|---|---|---|")
  console.log(line("one body every 100 ms", base, paced))
  console.log(line("back to back (flood)", base2, flood))
  // What one hostile body holds the event loop for: the service's own steps (read into one
  // buffer, decode UTF-8, JSON.parse, the shape walk, the proposal decoder), timed in this process,
  // median of 60. On a shared machine this, not the others' p99, isolates the cost of one body.
  const { checkShape, defaultLimits, parseJson } = await import(join(root, "packages/service/dist/limits.js"))
  const { Proposal } = await import(join(root, "packages/core/dist/index.js"))
  const bytes = Buffer.from(hostileBody)
  const held = []
  for (let i = 0; i < 60; i++) {
    const t = performance.now()
    const json = parseJson(Buffer.concat([bytes]).toString("utf8"))
    checkShape(json, defaultLimits)
    Proposal.decode(json.proposals[0])
    held.push(performance.now() - t)
  }
  held.sort((a, b) => a - b)
  console.log(`\nEvent loop held by one hostile body (read, parse, shape limits, decode; 60 runs): median ${f(pct(held, 50))} ms, p90 ${f(pct(held, 90))} ms.`)
  console.log(`Others' p99 change with one body every 100 ms: ${delay >= 0 ? "+" : ""}${f(delay)} ms (on a loaded machine this moves with the other jobs).`)
  if (pct(held, 50) > 20) {
    console.error(`one hostile body holds the event loop for ${f(pct(held, 50))} ms (median, > 20 ms)`)
    process.exitCode = 1
  }
} finally {
  service.child.kill("SIGTERM")
  bare.child.kill("SIGTERM")
}
