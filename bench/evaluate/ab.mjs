// A change to evaluation measured against the build before it, in one process (not part of the
// report): `Evaluate.evaluate` of the saved build and of the current one, with the precomputing
// floor (a2), interleaved round by round (case order rotated), CPU time per proposal, medians
// after the first round.
//
//   npx tsc -b && node bench/evaluate/ab.mjs --save      # before the change: keep this build
//   (change, npx tsc -b packages/core)
//   node --expose-gc bench/evaluate/ab.mjs [--n 100000] [--establishments 50000] [--reps 1] [--rounds 7] [--trace]
//
// Each build loads its own copy of the data (decoded by its own modules, so that each remembers
// its own register). Whichever build sets its data up first measured 10–15 % slower in this
// process (2026-12-07: two identical builds compared 1.10 and 0.90 by order), so the comparison
// runs twice, in two processes, once in each order, and reports the geometric mean of the two
// ratios, which cancels that bias. Before timing, the encoded evaluations of the first 2,000
// proposals must be identical in both builds. The saved build lives in `packages/core/.tmp/ab-before`
// and `packages/rules-2021-2025/.tmp/ab-before` (ignored by git; their dependencies resolve
// from the packages' own node_modules).
import { spawnSync } from "node:child_process"
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { fileURLToPath, pathToFileURL } from "node:url"
import os from "node:os"

const root = fileURLToPath(new URL("../../", import.meta.url))
const coreBefore = `${root}packages/core/.tmp/ab-before/`
const rulesBefore = `${root}packages/rules-2021-2025/.tmp/ab-before/`
const has = (name) => process.argv.includes(name)
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}

if (has("--save")) {
  rmSync(coreBefore, { recursive: true, force: true })
  rmSync(rulesBefore, { recursive: true, force: true })
  cpSync(`${root}packages/core/dist`, coreBefore, { recursive: true })
  cpSync(`${root}packages/rules-2021-2025/dist`, rulesBefore, { recursive: true })
  const core = pathToFileURL(`${coreBefore}index.js`).href
  for (const f of readdirSync(rulesBefore).filter((f) => f.endsWith(".js")))
    writeFileSync(`${rulesBefore}${f}`, readFileSync(`${rulesBefore}${f}`, "utf8").replaceAll('from "@khuyencong/core"', `from "${core}"`))
  console.log(`saved the current build to ${coreBefore} and ${rulesBefore}`)
  process.exit(0)
}
if (typeof globalThis.gc !== "function") {
  console.error("run with: node --expose-gc bench/evaluate/ab.mjs")
  process.exit(2)
}

const order = arg("--order", undefined)
if (order === undefined) {
  // the parent: one child per order, then the geometric mean of their ratios
  const pass = process.argv.slice(2)
  const ratios = []
  for (const o of ["after-first", "before-first"]) {
    const r = spawnSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), ...pass, "--order", o], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
    if (r.status !== 0) process.exit(r.status ?? 1)
    process.stdout.write(r.stdout)
    ratios.push(Number(/after\/before (\S+)/.exec(r.stdout)[1]))
  }
  console.log(`after/before, geometric mean of both orders: ${Math.sqrt(ratios[0] * ratios[1]).toFixed(3)}  (load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")})`)
  process.exit(0)
}

const N = Number(arg("--n", "100000"))
const E = Number(arg("--establishments", "50000"))
const REPS = Number(arg("--reps", "1"))
const ROUNDS = Number(arg("--rounds", "7"))
const TRACE = has("--trace")
const G = await import("./generate.mjs")
const floor = await import("./floor.mjs")

const setup = async (core, rules) => {
  const C = await import(core)
  const { pack } = await import(rules)
  const { establishments, proposals: P } = G.decoded(C, N, E)
  const loaded = C.Pack.loadOrThrow(pack)
  const cache = C.Evaluate.makeCache()
  const ctx = { establishments, trace: TRACE }
  const one = (p) => C.Evaluate.evaluate(p, cache.get(loaded, C.Evaluate.dateOf(p)).value, ctx).value
  let sink = 0
  const run = () => {
    for (let q = 0; q < REPS; q++) for (let i = 0; i < N; i++) sink += one(P[i]).support.lines.length
    return sink
  }
  return { run, one, P, establishments, C }
}
const after = [pathToFileURL(`${root}packages/core/dist/index.js`).href, pathToFileURL(`${root}packages/rules-2021-2025/dist/index.js`).href]
const before = [pathToFileURL(`${coreBefore}index.js`).href, pathToFileURL(`${rulesBefore}index.js`).href]
const first = await setup(...(order === "after-first" ? after : before))
const second = await setup(...(order === "after-first" ? before : after))
const A = order === "after-first" ? first : second
const B = order === "after-first" ? second : first

for (let i = 0; i < Math.min(N, 2000); i++) {
  const a = JSON.stringify(A.C.Evaluate.encode(A.one(A.P[i])))
  const b = JSON.stringify(B.C.Evaluate.encode(B.one(B.P[i])))
  if (a !== b) {
    console.error(`proposal ${i} (${A.P[i].id}): the builds disagree\nafter:  ${a}\nbefore: ${b}`)
    process.exit(1)
  }
}

const pre = floor.precomputed()
let sink = 0
const a2 = () => {
  for (let q = 0; q < REPS; q++)
    for (let i = 0; i < N; i++) {
      const p = A.P[i]
      sink += (pre(p, A.establishments) ? 1 : 0) + (floor.support(p) > 0n ? 1 : 0)
    }
}
const cpu = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e3
}
const cases = [
  ["after", A.run],
  ["before", B.run],
  ["a2", a2]
]
const t = { after: [], before: [], a2: [] }
for (let r = 0; r < ROUNDS; r++) {
  const turn = cases.slice(r % 3).concat(cases.slice(0, r % 3))
  for (const [k, f] of turn) {
    globalThis.gc()
    const c = cpu()
    f()
    t[k].push(cpu() - c)
  }
}
const med = (a) => {
  const s = a.slice(1).sort((x, y) => x - y)
  return s[Math.floor(s.length / 2)]
}
const us = (k) => (med(t[k]) * 1000) / N / REPS
console.log(
  `${order.padEnd(12)} trace ${TRACE ? "on " : "off"}: after ${us("after").toFixed(2)} µs (${(us("after") / us("a2")).toFixed(2)}× a2), before ${us("before").toFixed(2)} µs (${(us("before") / us("a2")).toFixed(2)}× a2), a2 ${us("a2").toFixed(2)} µs, after/before ${(med(t.after) / med(t.before)).toFixed(3)}${sink > 0 ? "" : " "}`
)
