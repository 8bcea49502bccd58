// Where the evaluation's time goes, part by part, beside the precomputing floor (a2), on the same
// data (not part of the report). Each case is a loop over every proposal; CPU time (user + system)
// per proposal, median of interleaved rounds (case order rotated), each round `--reps` passes.
// With few establishments and proposals (--n 5000 --establishments 1000 --reps 20) everything
// stays in the CPU caches and the figures are the work itself; with the benchmark's sizes (the
// defaults) they include the cache misses of touching 50,000 establishments.
//
//   npx tsc -b && node --expose-gc bench/evaluate/parts.mjs [--n 100000] [--establishments 50000] [--reps 1] [--rounds 5]
//
// Cases: touch (look each beneficiary up and read one field: what any evaluation must do);
// establishment rules (`Eligibility.evaluateEstablishment` per beneficiary); eligibility
// (`Eligibility.evaluateProposal`); support (`Support.compute`); evaluate (`Evaluate.evaluate`,
// trace off); floor support (`floor.support`); a2 (the precomputing floor: its eligibility and its
// support). The resolved pack of each proposal is looked up before timing.
import os from "node:os"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? Number(process.argv[i + 1]) : fallback
}
const N = arg("--n", 100000)
const E = arg("--establishments", 50000)
const REPS = arg("--reps", 1)
const ROUNDS = arg("--rounds", 5)
if (typeof globalThis.gc !== "function") {
  console.error("run with: node --expose-gc bench/evaluate/parts.mjs")
  process.exit(2)
}

const C = await import("../../packages/core/dist/index.js")
const { pack } = await import("../../packages/rules-2021-2025/dist/index.js")
const G = await import("./generate.mjs")
const floor = await import("./floor.mjs")

const { establishments, proposals: P } = G.decoded(C, N, E)
const loaded = C.Pack.loadOrThrow(pack)
const cache = C.Evaluate.makeCache()
const R = P.map((p) => cache.get(loaded, C.Evaluate.dateOf(p)).value)
const ctx = { establishments }
const pre = floor.precomputed()

let sink = 0
const cases = {
  touch: () => {
    for (let i = 0; i < N; i++) {
      const ids = P[i].beneficiaries
      for (let k = 0; k < ids.length; k++) if (establishments.get(ids[k]).cleanerProduction) sink++
    }
  },
  "establishment rules": () => {
    for (let i = 0; i < N; i++) {
      const p = P[i]
      const ids = p.beneficiaries
      for (let k = 0; k < ids.length; k++) sink += C.Eligibility.evaluateEstablishment(establishments.get(ids[k]), R[i], p.planYear).conditions.length
    }
  },
  eligibility: () => {
    for (let i = 0; i < N; i++) sink += C.Eligibility.evaluateProposal(P[i], R[i], ctx).value.conditions.length
  },
  support: () => {
    for (let i = 0; i < N; i++) sink += C.Support.compute(P[i], R[i]).value.lines.length
  },
  evaluate: () => {
    for (let i = 0; i < N; i++) sink += C.Evaluate.evaluate(P[i], R[i], ctx).value.support.lines.length
  },
  "floor support": () => {
    for (let i = 0; i < N; i++) sink += floor.support(P[i]) > 0n ? 1 : 0
  },
  a2: () => {
    for (let i = 0; i < N; i++) {
      const p = P[i]
      sink += (pre(p, establishments) ? 1 : 0) + (floor.support(p) > 0n ? 1 : 0)
    }
  }
}
for (const f of Object.values(cases)) {
  f()
  f()
}
const keys = Object.keys(cases)
const samples = Object.fromEntries(keys.map((k) => [k, []]))
const loads = []
for (let r = 0; r < ROUNDS; r++)
  for (let j = 0; j < keys.length; j++) {
    const k = keys[(j + r) % keys.length]
    globalThis.gc()
    const c0 = process.cpuUsage()
    for (let q = 0; q < REPS; q++) cases[k]()
    const c = process.cpuUsage(c0)
    samples[k].push((c.user + c.system) / N / REPS)
    loads.push(os.loadavg()[0])
  }
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const a2 = median(samples.a2)
console.log(`| part (${N.toLocaleString("en-US")} proposals, ${E.toLocaleString("en-US")} establishments, ${REPS} pass(es) a round) | CPU µs/proposal | × a2 |`)
console.log("|---|--:|--:|")
for (const k of keys) console.log(`| ${k} | ${median(samples[k]).toFixed(2)} | ${(median(samples[k]) / a2).toFixed(2)} |`)
console.log(`\n1-minute load ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}; ${ROUNDS} rounds; sink ${sink > 0 ? "ok" : "?"}`)
