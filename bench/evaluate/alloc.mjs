// Allocation of the evaluation benchmark's cases, per proposal, on the same data (not part of the
// report): bytes per proposal (a minor GC, then a batch, growth of heapUsed; median of batches) and,
// with --sample, where the library allocates (V8's sampling heap profiler over the loops, bytes
// by function and source line).
//
//   node --expose-gc bench/evaluate/alloc.mjs [--n 20000] [--sample off|on|onread|elig|support] [--top 30]
import { Session } from "node:inspector/promises"
import { SourceMap } from "node:module"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const N = Number(arg("--n", "20000"))
const E = Number(arg("--establishments", "50000"))
const SAMPLE = arg("--sample", undefined)
const gc = globalThis.gc
if (typeof gc !== "function") throw new Error("run with node --expose-gc")

const { Establishment, Evaluate, Eligibility, Pack, Proposal, Support } = await import("../../packages/core/dist/index.js")
const { pack } = await import("../../packages/rules-2021-2025/dist/index.js")
const G = await import("./generate.mjs")
const floor = await import("./floor.mjs")

const loaded = Pack.loadOrThrow(pack)
const { establishments, proposals: P } = G.decoded({ Establishment, Proposal }, N, E)
const cache = Evaluate.makeCache()
for (const p of P) cache.get(loaded, Evaluate.dateOf(p))
const off = { establishments }
const on = { establishments, trace: true }
const pre = floor.precomputed()
let sink = 0n
const cases = {
  floorpre: (p) => (sink += floor.support(p) + (pre(p, establishments) ? 1n : 0n)),
  off: (p) => (sink += Evaluate.evaluate(p, cache.get(loaded, Evaluate.dateOf(p)).value, off).value.payable),
  on: (p) => (sink += Evaluate.evaluate(p, cache.get(loaded, Evaluate.dateOf(p)).value, on).value.payable),
  // the trace of a decoded proposal is built on its first read
  onread: (p) => (sink += BigInt(Evaluate.evaluate(p, cache.get(loaded, Evaluate.dateOf(p)).value, on).value.trace.steps.length)),
  elig: (p) => (sink += Eligibility.evaluateProposal(p, cache.get(loaded, Evaluate.dateOf(p)).value, off).value.verdict === "eligible" ? 1n : 0n),
  support: (p) => (sink += Support.compute(p, cache.get(loaded, Evaluate.dateOf(p)).value).value.total)
}
for (let w = 0; w < 3; w++) for (const f of Object.values(cases)) for (const p of P) f(p)

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1]
const BATCH = 10
for (const [k, f] of Object.entries(cases)) {
  const xs = []
  for (let s = 0; s < 200; s++) {
    const from = (s * 97) % (N - BATCH)
    gc({ type: "minor" })
    const h0 = process.memoryUsage().heapUsed
    for (let i = from; i < from + BATCH; i++) f(P[i])
    xs.push((process.memoryUsage().heapUsed - h0) / BATCH)
  }
  console.log(`${k.padEnd(9)} ${median(xs).toFixed(0).padStart(6)} B/proposal (median of 200 batches of ${BATCH})`)
}

if (SAMPLE !== undefined) {
  const f = cases[SAMPLE]
  const session = new Session()
  session.connect()
  await session.post("HeapProfiler.enable")
  await session.post("HeapProfiler.startSampling", { samplingInterval: 256, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })
  for (const p of P) f(p)
  const { profile } = await session.post("HeapProfiler.stopSampling")
  const maps = new Map()
  const mapFor = (url) => {
    if (!maps.has(url)) {
      let m
      try {
        m = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, "utf8")))
      } catch {
        m = undefined
      }
      maps.set(url, m)
    }
    return maps.get(url)
  }
  const by = new Map()
  let total = 0
  const walk = (n, parent) => {
    const bytes = n.selfSize
    if (bytes > 0) {
      const cf = n.callFrame.url === "" && parent !== undefined ? { ...parent.callFrame, functionName: `${n.callFrame.functionName || "(builtin)"} ← ${parent.callFrame.functionName}` } : n.callFrame
      let where = `${cf.functionName || "(anonymous)"} ${cf.url.replace(/^.*\/packages\//, "")}:${cf.lineNumber + 1}`
      const m = cf.url.includes("/dist/") ? mapFor(cf.url) : undefined
      const e = m?.findEntry(cf.lineNumber, cf.columnNumber)
      if (e?.originalSource !== undefined) where = `${cf.functionName || "(anonymous)"} ${e.originalSource.replace(/^.*\/src\//, "")}:${e.originalLine + 1}`
      by.set(where, (by.get(where) ?? 0) + bytes)
      total += bytes
    }
    for (const c of n.children) walk(c, n)
  }
  walk(profile.head)
  console.log(`\nsampled allocation, case ${SAMPLE}: ${(total / N).toFixed(0)} B/proposal`)
  for (const [k, v] of [...by.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(arg("--top", "30"))))
    console.log(`${((100 * v) / total).toFixed(1).padStart(5)} %  ${(v / N).toFixed(0).padStart(6)} B  ${k}`)
}
if (String(sink).length === 0) console.log("?")
