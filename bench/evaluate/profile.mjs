// Profile one case of the evaluation benchmark on the same data (not part of the report):
//
//   node bench/evaluate/profile.mjs [--case off|on|onread|elig|support|floor|decode] [--n 200000] [--loops 3] [--out /tmp/kc.cpuprofile]
//
// It times the loops and, with --out, records a CPU profile of the loops only (setup excluded);
// open it in Chrome DevTools, or summarise it (self time by function, file:line) with
//   node bench/evaluate/profile.mjs --summary /tmp/kc.cpuprofile
import { readFileSync, writeFileSync } from "node:fs"
import { Session } from "node:inspector/promises"
import { SourceMap } from "node:module"
import { fileURLToPath } from "node:url"
import { performance } from "node:perf_hooks"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}

const summary = arg("--summary", undefined)
if (summary !== undefined) {
  // self time per function (file:line), top 40
  const prof = JSON.parse(readFileSync(summary, "utf8"))
  const self = new Map()
  const byId = new Map(prof.nodes.map((n) => [n.id, n]))
  const dt = prof.timeDeltas
  for (let i = 0; i < prof.samples.length; i++) {
    const n = byId.get(prof.samples[i])
    const f = n.callFrame
    const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*\/work\/main\//, "")}:${f.lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (dt[i] ?? 0))
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  for (const [k, v] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(arg("--top", "40"))))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`)
  // self ticks by source line (positionTicks), mapped back to the TypeScript source through the
  // dist source maps
  const maps = new Map()
  const mapFor = (url) => {
    if (!maps.has(url)) {
      let m
      try {
        const file = fileURLToPath(url)
        m = new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")))
      } catch {
        m = undefined
      }
      maps.set(url, m)
    }
    return maps.get(url)
  }
  const lines = new Map()
  let ticks = 0
  for (const n of prof.nodes) {
    for (const pt of n.positionTicks ?? []) {
      ticks += pt.ticks
      const url = n.callFrame.url
      let where = `${url.replace(/^.*\/work\/main\//, "")}:${pt.line}`
      const m = url.includes("/dist/") ? mapFor(url) : undefined
      const e = m?.findEntry(pt.line - 1, 0)
      if (e !== undefined && e.originalSource !== undefined)
        where = `${new URL(e.originalSource, url).pathname.replace(/^.*\/work\/main\//, "").replace(/^.*\/node_modules\//, "node_modules/")}:${e.originalLine + 1} (${n.callFrame.functionName || "anonymous"})`
      lines.set(where, (lines.get(where) ?? 0) + pt.ticks)
    }
  }
  if (ticks > 0) {
    console.log("\nself ticks by line:")
    for (const [k, v] of [...lines.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(arg("--top-lines", "30"))))
      console.log(`${((100 * v) / ticks).toFixed(1).padStart(5)} %  ${k}`)
  }
  process.exit(0)
}

const N = Number(arg("--n", "200000"))
const CASE = arg("--case", "off")
const LOOPS = Number(arg("--loops", "3"))
const E = Number(arg("--establishments", "50000"))

const { Establishment, Evaluate, Eligibility, Pack, Proposal, Support } = await import("../../packages/core/dist/index.js")
const { pack } = await import("../../packages/rules-2021-2025/dist/index.js")
const G = await import("./generate.mjs")
const floor = await import("./floor.mjs")

const loaded = Pack.loadOrThrow(pack)
const establishments = new Map()
for (const json of G.establishments(E)) establishments.set(json.id, Establishment.decode(json).value)
const P = []
const J = CASE === "decode" ? [] : undefined
for (const json of G.proposals(N, E)) {
  P.push(Proposal.decode(json).value)
  J?.push(json)
}
const cache = Evaluate.makeCache()
for (const p of P) cache.get(loaded, Evaluate.dateOf(p))
const ctx = { establishments, trace: CASE === "on" || CASE === "onread" }

let sink = 0n
const run = () => {
  for (let i = 0; i < N; i++) {
    const p = P[i]
    const resolved = cache.get(loaded, Evaluate.dateOf(p)).value
    switch (CASE) {
      case "decode":
        sink += Proposal.decode(J[i]).ok ? 1n : 0n
        break
      case "floor":
        sink += floor.support(p) + (floor.eligible(p, establishments) ? 1n : 0n)
        break
      case "elig":
        sink += Eligibility.evaluateProposal(p, resolved, ctx).value.verdict === "eligible" ? 1n : 0n
        break
      case "support":
        sink += Support.compute(p, resolved).value.total
        break
      case "onread":
        // the trace of a decoded proposal is built on its first read
        sink += BigInt(Evaluate.evaluate(p, resolved, ctx).value.trace.steps.length)
        break
      default:
        sink += Evaluate.evaluate(p, resolved, ctx).value.payable
    }
  }
}
const OUT = arg("--out", undefined)
const session = OUT === undefined ? undefined : new Session()
if (session !== undefined) {
  session.connect()
  await session.post("Profiler.enable")
  await session.post("Profiler.start")
}
for (let k = 0; k < LOOPS; k++) {
  const t0 = performance.now()
  run()
  const t = performance.now() - t0
  console.log(`${CASE} loop ${k + 1}: ${((t * 1000) / N).toFixed(2)} µs/proposal`)
}
if (session !== undefined) {
  const { profile } = await session.post("Profiler.stop")
  writeFileSync(OUT, JSON.stringify(profile))
  console.log(`profile written to ${OUT}`)
}
if (String(sink).length === 0) console.log("?")
