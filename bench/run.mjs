// `pnpm bench`: every benchmark of the repository, each with its floor measured in the same run,
// then one table: work, now, floor, ratio, goal. Each benchmark runs in its own child process (its
// heap flags, its memory figures its own), one after the other; its full tables go to
// bench/out/<name>.md, and its rows come back on its `@@bench` line (bench/report.mjs).
//
//   node scripts/ensure-built.mjs && node bench/run.mjs [--small] [--only evaluate,import]
//
// --small: small data and few rounds, to check in seconds that every benchmark still runs and
// agrees with its floor (CI); its figures are noisy, and the goals, set for the full sizes, are
// shown but not judged. No timing is asserted: the exit code is 1 only when a benchmark fails (the evaluation benchmark
// fails when the library and its floor disagree on any proposal, the decoding benchmark when
// Proposal.decode and its floor disagree on any input, valid or not).
import { spawnSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import os from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const small = process.argv.includes("--small")
const oi = process.argv.indexOf("--only")
const only = oi === -1 ? undefined : new Set(process.argv[oi + 1].split(","))

/** Each benchmark: its script and its arguments in full and in --small. */
const BENCHES = [
  {
    name: "evaluate",
    script: "bench/evaluate/run.mjs",
    full: [],
    small: ["--n", "5000", "--jre-n", "500", "--runs", "1", "--establishments", "1000", "--warmup", "500"]
  },
  { name: "decode", script: "bench/decode/run.mjs", full: [], small: ["--n", "1000", "--mutated", "600", "--rounds", "2"] },
  { name: "allocation", script: "bench/allocation/run.mjs", full: [], small: ["--n", "5000", "--runs", "3"] },
  { name: "policy", script: "bench/policy/run.mjs", full: [], small: ["--n", "500", "--runs", "3"] },
  { name: "import", script: "packages/adapters-excel/bench/import.mjs", full: [], small: ["1000", "--rounds", "1", "--small"] },
  // PGlite in process; also the server when DATABASE_URL is set
  { name: "store", script: "packages/adapters-postgres/bench/store.mjs", full: [], small: ["--n", "2000", "--rounds", "1", "--evaluations", "200"] }
]

const load0 = os.loadavg()
const started = performance.now()
const outDir = join(root, "bench", "out")
mkdirSync(outDir, { recursive: true })
const rows = []
const failed = []
for (const b of BENCHES) {
  if (only !== undefined && !only.has(b.name)) continue
  const args = small ? b.small : b.full
  const t0 = performance.now()
  process.stderr.write(`== ${b.name}: node ${b.script} ${args.join(" ")}\n`)
  const r = spawnSync(process.execPath, ["--expose-gc", join(root, b.script), ...args], { cwd: root, encoding: "utf8", maxBuffer: 64 << 20 })
  const seconds = (performance.now() - t0) / 1000
  const output = `${r.stdout ?? ""}`
  writeFileSync(join(outDir, `${b.name}${small ? "-small" : ""}.md`), output.replace(/\n@@bench .*\n?/, "\n"))
  const line = /^@@bench (.*)$/m.exec(output)
  if (r.status !== 0 || line === null) {
    failed.push(b.name)
    process.stderr.write(`${r.stderr ?? ""}\n${b.name} failed (exit ${r.status}${line === null ? ", no @@bench rows" : ""})\n`)
    continue
  }
  process.stderr.write(`   ${seconds.toFixed(1)} s\n`)
  rows.push(...JSON.parse(line[1]))
}

const num = (x, unit) => (unit === "MB" ? x.toFixed(0) : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))
const cpu = os.cpus()
console.log(
  `Benchmarks${small ? " (--small: small data, few rounds; the goals are for the full sizes)" : ""}: Node ${process.version}, ${cpu[0]?.model ?? "cpu"} × ${cpu.length}, ${os.platform()} ${os.arch()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB; load average ${load0.map((x) => x.toFixed(1)).join(" ")} at the start, ${os.loadavg().map((x) => x.toFixed(1)).join(" ")} at the end; ${((performance.now() - started) / 1000).toFixed(0)} s.`
)
console.log("")
console.log("| benchmark | work | now | floor | ratio | goal | |")
console.log("|---|---|--:|--:|--:|---|---|")
for (const r of rows)
  console.log(
    `| ${r.bench} | ${r.work} | ${num(r.now, r.unit)} ${r.unit} | ${num(r.floor, r.unit)} ${r.unit} | ${r.ratio.toFixed(2)}×${r.note === undefined ? "" : ` (${r.note})`} | ${r.goal || "–"} | ${small || r.met === undefined ? "" : r.met ? "met" : "**not met**"} |`
  )
console.log("")
console.log(`Each benchmark's own tables: bench/out/. ${failed.length === 0 ? "Every benchmark ran." : `FAILED: ${failed.join(", ")}.`}`)
if (failed.length > 0) process.exit(1)
