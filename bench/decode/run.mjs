// Decoding benchmark (giải mã đề án, issue 16): `Proposal.decode` of generated proposals (their JSON
// text parsed before timing) beside, in the same run and on the same data:
//   (a) the floor: a validator written by hand for the same checks, building the same value
//       (floor.mjs);
//   (b) ajv 8, compiled from the project's JSON Schema (packages/core/schemas/proposal.schema.json):
//       a second reference, which checks less (no cross-field rule, no NFC, no money value) and
//       builds nothing;
//   (c) the library with its compiled path switched off (the Schema decoder alone, as before
//       issue 16), for before/after in the same machine conditions;
// and end to end, JSON text → JSON.parse → decode → `Evaluate.evaluate` (2021–2025 pack, trace
// off) beside JSON.parse → the floor → the same library evaluation.
// Not a test: it prints a markdown table. It exits 1 when the library and the floor disagree on any
// input, valid or mutated (accepted or not, and the decoded value), or when ajv refuses a valid one.
//
//   npx tsc -b && node --expose-gc bench/decode/run.mjs [--n 20000] [--mutated 9000] [--rounds 7]
//
// Data: bench/evaluate/generate.mjs (xorshift32, fixed seeds); mutated inputs: one change each
// (a value replaced by a near miss, a key removed or an unknown one added), from a seeded
// generator, plus core's seeded-fault arbitrary (`testing` invalid.proposal, fixed seed). Time:
// `--rounds` passes over the valid inputs in batches of 500, every case on each batch in turn
// (order rotated batch by batch); median µs per proposal over the batches (wall and CPU time),
// after two warm-up passes; CPU time (process.cpuUsage, accounted in coarse steps) as the mean
// over the batches.
import { createRequire } from "node:module"
import { readFileSync } from "node:fs"
import os from "node:os"
import { isDeepStrictEqual } from "node:util"
import { emit, within } from "../report.mjs"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const N = Number(arg("--n", "20000"))
const M = Number(arg("--mutated", "9000"))
const ROUNDS = Number(arg("--rounds", "7"))
const log = (...xs) => console.error(...xs)

const root = new URL("../../", import.meta.url)
const { Establishment, Evaluate, Pack, Proposal, Proposal: P } = await import(new URL("packages/core/dist/index.js", root).href)
const { withoutCompiled } = await import(new URL("packages/core/dist/values/internal/compiled.js", root).href)
const T = await import(new URL("packages/core/dist/testing/index.js", root).href)
const { pack } = await import(new URL("packages/rules-2021-2025/dist/index.js", root).href)
const G = await import("../evaluate/generate.mjs")
const floor = await import("./floor.mjs")
const require = createRequire(import.meta.url)
const Ajv2020 = require("ajv/dist/2020.js")
const addFormats = require("ajv-formats")
const fc = require("fast-check")
const load0 = os.loadavg()

// ---------------------------------------------------------------------------------------------
// Data (not timed)

const E = Math.max(100, Math.min(5000, Math.floor(N / 4)))
const establishments = new Map()
for (const json of G.establishments(E)) {
  const r = Establishment.decode(json)
  if (!r.ok) throw new Error(`establishment ${json.id}: ${r.error.message}`)
  establishments.set(r.value.id, r.value)
}
const texts = [...G.proposals(N, E)].map((p) => JSON.stringify(p))
const valid = texts.map((t) => JSON.parse(t))

// mutated inputs: a near miss in one place
const NEAR = ["", " ", " x", "x ", "-1", "1.5", "1,5", "0", "1e3", 0, -1, 1.5, 2 ** 53, null, true, [], {}, "2025-02-30", "30/06/2025", "03", "cs-1", "x\u200By", "\u202Ex", "A\u0301", "national ", "group"]
const rng = G.prng(16)
const pathsOf = (j, at = [], out = []) => {
  out.push(at)
  if (Array.isArray(j)) j.forEach((v, i) => pathsOf(v, [...at, i], out))
  else if (typeof j === "object" && j !== null) for (const [k, v] of Object.entries(j)) pathsOf(v, [...at, k], out)
  return out
}
const mutate = (j) => {
  const copy = structuredClone(j)
  const paths = pathsOf(copy).filter((p) => p.length > 0)
  const path = paths[rng.int(paths.length)]
  let parent = copy
  for (const k of path.slice(0, -1)) parent = parent[k]
  const last = path[path.length - 1]
  const how = rng.int(3)
  if (how === 0) parent[last] = rng.pick(NEAR)
  else if (how === 1) Array.isArray(parent) ? parent.splice(last, 1) : delete parent[last]
  else if (typeof parent[last] === "object" && parent[last] !== null && !Array.isArray(parent[last])) parent[last][rng.pick(["totl", "extra", "kind", "code"])] = rng.pick(NEAR)
  else if (Array.isArray(parent[last])) parent[last].push(rng.pick(NEAR))
  else parent[last] = rng.pick(NEAR)
  return copy
}
const seeded = fc.sample(T.invalid.proposal, { numRuns: Math.ceil(M / 3), seed: 16 }).map((c) => JSON.parse(JSON.stringify(c.input)))
const mutated = [...seeded, ...Array.from({ length: M - seeded.length }, (_, i) => mutate(valid[i % N]))]

// ajv, compiled from the project's JSON Schema
const ajv = new Ajv2020.default({ strict: false, allErrors: false })
addFormats.default(ajv)
const ajvValidate = ajv.compile(JSON.parse(readFileSync(new URL("packages/core/schemas/proposal.schema.json", root), "utf8")))

// evaluation (the same for both end-to-end cases)
const loaded = Pack.loadOrThrow(pack)
const cache = Evaluate.makeCache()
const ctx = { establishments }
const evaluate = (p) => {
  const res = cache.get(loaded, Evaluate.dateOf(p))
  const r = res.ok ? Evaluate.evaluate(p, res.value, ctx) : res
  return r.ok ? (r.value.verdict === "eligible" ? r.value.payable : -1n) : -2n
}

// ---------------------------------------------------------------------------------------------
// Agreement: library and floor on every input (valid and mutated); ajv on the valid ones

const agreement = { valid: 0, mutated: 0, refusedByBoth: 0, acceptedMutated: 0, ajvRefusedValid: 0, ajvAcceptedRefused: 0, schemaPath: 0, examples: [] }
const compare = (u, kind) => {
  const lib = Proposal.decode(u)
  const fl = floor.decode(u)
  const same = lib.ok ? fl !== undefined && isDeepStrictEqual(lib.value, fl) : fl === undefined
  if (!same) {
    agreement[kind]++
    if (agreement.examples.length < 5) agreement.examples.push(`${JSON.stringify(u).slice(0, 160)}…: library ${lib.ok ? "accepts" : `refuses (${lib.error.issues.map((i) => `${i.path.join(".")} ${i.code}`).join(", ")})`}, floor ${fl === undefined ? "refuses" : "accepts"}`)
  }
  if (!lib.ok && fl === undefined) agreement.refusedByBoth++
  if (kind === "mutated" && lib.ok) agreement.acceptedMutated++
  const a = ajvValidate(u)
  if (kind === "valid" && !a) agreement.ajvRefusedValid++
  if (!lib.ok && a) agreement.ajvAcceptedRefused++
  // the compiled path and the Schema path: the same Result
  const before = withoutCompiled(() => Proposal.decode(u))
  const plain = (r) => (r.ok ? r.value : { code: r.error.code, message: r.error.message, issues: r.error.issues })
  if (!isDeepStrictEqual(plain(lib), plain(before))) agreement.schemaPath++
}
for (const u of valid) compare(u, "valid")
for (const u of mutated) compare(u, "mutated")
log(`agreement checked on ${N} valid and ${mutated.length} mutated inputs`)

// ---------------------------------------------------------------------------------------------
// Cases

let sink = 0
const cases = [
  { key: "library", name: "library `Proposal.decode`", run: (a, b) => { for (let i = a; i < b; i++) if (Proposal.decode(valid[i]).ok) sink++ } },
  { key: "floor", name: "(a) floor: hand-written validator (floor.mjs)", run: (a, b) => { for (let i = a; i < b; i++) if (floor.decode(valid[i]) !== undefined) sink++ } },
  { key: "ajv", name: "(b) ajv 8, compiled from proposal.schema.json (structure only, builds nothing)", run: (a, b) => { for (let i = a; i < b; i++) if (ajvValidate(valid[i])) sink++ } },
  { key: "schema", name: "(c) library, compiled path off (the Schema decoder alone, as before issue 16)", run: (a, b) => withoutCompiled(() => { for (let i = a; i < b; i++) if (Proposal.decode(valid[i]).ok) sink++ }) },
  {
    key: "e2e",
    name: "end to end: JSON.parse → `Proposal.decode` → `Evaluate.evaluate`",
    run: (a, b) => {
      for (let i = a; i < b; i++) {
        const r = Proposal.decode(JSON.parse(texts[i]))
        if (r.ok && evaluate(r.value) >= 0n) sink++
      }
    }
  },
  {
    key: "e2eFloor",
    name: "end to end, floor: JSON.parse → floor validator → `Evaluate.evaluate`",
    run: (a, b) => {
      for (let i = a; i < b; i++) {
        const p = floor.decode(JSON.parse(texts[i]))
        if (p !== undefined && evaluate(p) >= 0n) sink++
      }
    }
  },
  {
    key: "e2eSchema",
    name: "end to end, compiled path off",
    run: (a, b) => withoutCompiled(() => {
      for (let i = a; i < b; i++) {
        const r = Proposal.decode(JSON.parse(texts[i]))
        if (r.ok && evaluate(r.value) >= 0n) sink++
      }
    })
  }
]

// Rounds: every case over the same batch of proposals, the order of the cases rotated batch by
// batch; a round is one pass over the data in batches of at most 500 proposals. Many short
// interleaved batches, and their median, keep other jobs on the machine from favouring a case.
const B = Math.min(N, 500)
for (let w = 0; w < 2; w++) for (const c of cases) c.run(0, N)
const samples = new Map(cases.map((c) => [c.key, []]))
const cpuSamples = new Map(cases.map((c) => [c.key, []]))
let batch = 0
for (let round = 0; round < ROUNDS; round++) {
  globalThis.gc?.()
  for (let from = 0; from < N; from += B, batch++) {
    const to = Math.min(N, from + B)
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(k + batch) % cases.length]
      const cpu0 = process.cpuUsage()
      const t0 = performance.now()
      c.run(from, to)
      samples.get(c.key).push(((performance.now() - t0) * 1000) / (to - from))
      const cpu = process.cpuUsage(cpu0)
      cpuSamples.get(c.key).push((cpu.user + cpu.system) / (to - from))
    }
  }
  log(`round ${round + 1}/${ROUNDS}`)
}
const median = (xs) => {
  const s = xs.slice().sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const us = Object.fromEntries(cases.map((c) => [c.key, median(samples.get(c.key))]))
const best = Object.fromEntries(cases.map((c) => [c.key, Math.min(...samples.get(c.key))]))
// CPU time is accounted in coarse steps: its figure is the mean over all batches, not a median
const cpuUs = Object.fromEntries(cases.map((c) => [c.key, cpuSamples.get(c.key).reduce((a, b) => a + b, 0) / cpuSamples.get(c.key).length]))

// ---------------------------------------------------------------------------------------------
// Report

const out = []
out.push(`### Decoding a proposal (${N.toLocaleString("en-US")} valid proposals, JSON parsed before timing; median over ${batch} interleaved batches of ≤ ${B} in ${ROUNDS} rounds)`)
out.push("")
out.push("| implementation | µs/proposal (median) | best | × floor | CPU µs/proposal (mean) | × floor (CPU) |")
out.push("|---|--:|--:|--:|--:|--:|")
for (const c of cases.slice(0, 4)) out.push(`| ${c.name} | ${us[c.key].toFixed(2)} | ${best[c.key].toFixed(2)} | ${(us[c.key] / us.floor).toFixed(2)} | ${cpuUs[c.key].toFixed(2)} | ${(cpuUs[c.key] / cpuUs.floor).toFixed(2)} |`)
out.push("")
out.push("### End to end (JSON text → verdict and payable support)")
out.push("")
out.push("| implementation | µs/proposal (median) | best | × floor | CPU µs/proposal (mean) | × floor (CPU) |")
out.push("|---|--:|--:|--:|--:|--:|")
for (const c of cases.slice(4)) out.push(`| ${c.name} | ${us[c.key].toFixed(2)} | ${best[c.key].toFixed(2)} | ${(us[c.key] / us.e2eFloor).toFixed(2)} | ${cpuUs[c.key].toFixed(2)} | ${(cpuUs[c.key] / cpuUs.e2eFloor).toFixed(2)} |`)
out.push("")
out.push("### Agreement")
out.push("")
out.push(`- Library and floor: ${agreement.valid} differences on ${N} valid inputs, ${agreement.mutated} on ${mutated.length} mutated ones (${seeded.length} with seeded faults, the rest with a random change; ${agreement.refusedByBoth - 0} refused by both, ${agreement.acceptedMutated} mutated inputs still valid and accepted by both)${agreement.examples.length > 0 ? `: ${agreement.examples.join("; ")}` : "."}`)
out.push(`- Compiled path and Schema path (value, or error code, message and every issue): ${agreement.schemaPath} differences on all ${N + mutated.length} inputs.`)
out.push(`- ajv: refuses ${agreement.ajvRefusedValid} valid inputs; accepts ${agreement.ajvAcceptedRefused} of the inputs the library refuses (it checks structure only).`)
out.push(`- Machine: ${os.availableParallelism()} CPUs (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; load average ${load0.map((x) => x.toFixed(2)).join(" ")} at start, ${os.loadavg().map((x) => x.toFixed(2)).join(" ")} at end; ${new Date().toISOString()}.`)
console.log(out.join("\n"))
const cpuNote = (key, floorKey) => `CPU ${(cpuUs[key] / cpuUs[floorKey]).toFixed(2)}×`
emit([
  within("decode", `Proposal.decode, ${N.toLocaleString("en-US")} valid proposals (after JSON.parse)`, us.library, us.floor, "µs/proposal", 1.5, cpuNote("library", "floor")),
  within("decode", "end to end: JSON → decode → evaluate (trace off)", us.e2e, us.e2eFloor, "µs/proposal", 1.3, cpuNote("e2e", "e2eFloor")),
  within("decode", "Proposal.decode against ajv (which checks structure only)", us.library, us.ajv, "µs/proposal", undefined, `reference; ${cpuNote("library", "ajv")}`),
  within("decode", "Proposal.decode with the compiled path off (before issue 16)", us.schema, us.floor, "µs/proposal", undefined, `before; ${cpuNote("schema", "floor")}`)
])
const bad = agreement.valid + agreement.mutated + agreement.ajvRefusedValid + agreement.schemaPath
if (bad > 0) {
  console.error(`FAIL: ${bad} disagreements (library/floor ${agreement.valid + agreement.mutated}, compiled/Schema ${agreement.schemaPath}, ajv on valid ${agreement.ajvRefusedValid})`)
  process.exit(1)
}
if (sink < 0) console.log(sink)
