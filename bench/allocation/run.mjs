// Allocation benchmark (phân bổ kinh phí): 100,000 generated proposals under each policy, beside a
// plain sort-and-fill baseline on the same data, in the same run. Not a test: it prints a markdown
// table. Time: every case in one child process, interleaved run by run (median and min after two
// warm-up rounds). Memory: each case in its own child process; peak = growth of the process's peak
// RSS over the generated data's during one allocation; retained = heap kept by one result.
//
//   npx tsc -b packages/core && node --expose-gc bench/allocation/run.mjs [--n 100000] [--runs 15]
//
// Data: deterministic (LCG seed 20240630): requests 50 m – 1,5 tỷ đồng in whole thousands, rank keys
// 0 … 10^6 (ties happen), tiers 0–3, 34 provinces; envelope = 40 % of the total requested.
import { execFileSync } from "node:child_process"
import { fileURLToPath } from "node:url"
import os from "node:os"
import { emit, within } from "../report.mjs"

const here = fileURLToPath(import.meta.url)
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const N = Number(arg("--n", "100000"))
const RUNS = Number(arg("--runs", "15"))
const FRACTIONAL_BASELINE = "baseline sort-and-fill, fractional keys"
/** The goal of issue 16: every policy's median time at most this multiple of the baseline's. */
const GOAL = 1.5

const CASES = [
  "baseline sort-and-fill",
  "whole-only",
  "partial-marginal",
  "proportional-tier",
  "whole-only + province ceilings",
  // The same with every rank key + 0.5: keys that are not integers take the comparator sort (the
  // library puts integer keys in order without it), as keys the comparator alone can order do
  // (e.g. Priority.Classification); beside the baseline on the same keys. Shown, not a goal.
  FRACTIONAL_BASELINE,
  "whole-only, fractional keys",
  "proportional-tier, fractional keys"
]

const generate = (n) => {
  let s = 20240630
  // LCG; the low bits of a power-of-two LCG cycle quickly, so use the high 16 bits
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0
    return s >>> 16
  }
  const big = () => next() * 65536 + next()
  const provinces = Array.from({ length: 34 }, (_, i) => `P${String(i + 1).padStart(2, "0")}`)
  const candidates = new Array(n)
  let total = 0n
  for (let i = 0; i < n; i++) {
    const requested = (50_000n + BigInt(big() % 1_450_001)) * 1_000n
    total += requested
    candidates[i] = {
      id: `DA-${String(i).padStart(6, "0")}`,
      requested,
      rankKey: big() % 1_000_001,
      tier: next() % 4,
      province: provinces[next() % 34]
    }
  }
  return { candidates, envelope: (total * 40n) / 100n, total, provinces }
}

/** The baseline: copy, sort by rank key (ties by id), fill in order with bigint, skip what does not fit. */
const baseline = (candidates, envelope) => {
  const sorted = candidates.slice().sort((a, b) => a.rankKey - b.rankKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  let left = envelope
  const out = new Array(sorted.length)
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]
    const a = c.requested <= left ? c.requested : 0n
    left -= a
    out[i] = { id: c.id, allocated: a }
  }
  return { out, left }
}

const setup = async () => {
  const { Allocation, Rate } = await import("../../packages/core/dist/index.js")
  const { candidates, envelope, total, provinces } = generate(N)
  const compare = Allocation.byRankKey((x, y) => x - y)
  const ceilings = { province: Object.fromEntries(provinces.map((p) => [p, (total * 40n) / 100n / 40n])) }
  const fractional = candidates.map((c) => ({ ...c, rankKey: c.rankKey + 0.5 }))
  const runs = {
    "baseline sort-and-fill": () => baseline(candidates, envelope),
    "whole-only": () => Allocation.allocateOrThrow({ envelope, candidates, compare, policy: { kind: "whole-only" } }),
    "partial-marginal": () =>
      Allocation.allocateOrThrow({
        envelope,
        candidates,
        compare,
        policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }
      }),
    "proportional-tier": () =>
      Allocation.allocateOrThrow({ envelope, candidates, compare, policy: { kind: "proportional-tier", unit: 1_000_000n } }),
    "whole-only + province ceilings": () =>
      Allocation.allocateOrThrow({ envelope, candidates, compare, ceilings, policy: { kind: "whole-only" } }),
    [FRACTIONAL_BASELINE]: () => baseline(fractional, envelope),
    "whole-only, fractional keys": () => Allocation.allocateOrThrow({ envelope, candidates: fractional, compare, policy: { kind: "whole-only" } }),
    "proportional-tier, fractional keys": () =>
      Allocation.allocateOrThrow({ envelope, candidates: fractional, compare, policy: { kind: "proportional-tier", unit: 1_000_000n } })
  }
  const allocatedOf = (r) => (r.totals !== undefined ? r.totals.allocated : envelope - r.left)
  return { runs, allocatedOf }
}

const gc = globalThis.gc ?? (() => {})

/** Timing: all cases in one process, interleaved run by run, so background load hits them alike. */
const timing = async () => {
  const { runs, allocatedOf } = await setup()
  const times = Object.fromEntries(CASES.map((c) => [c, []]))
  const allocated = {}
  for (let round = -2; round < RUNS; round++) {
    for (const c of CASES) {
      gc()
      const t0 = process.hrtime.bigint()
      const r = runs[c]()
      const ms = Number(process.hrtime.bigint() - t0) / 1e6
      if (round >= 0) times[c].push(ms)
      allocated[c] = allocatedOf(r).toString()
    }
  }
  const out = {}
  for (const c of CASES) {
    const ts = times[c].sort((a, b) => a - b)
    out[c] = { median: ts[Math.floor(ts.length / 2)], min: ts[0], allocated: allocated[c] }
  }
  process.stdout.write(JSON.stringify(out))
}

/** Memory: one case per process; peak = growth of the peak RSS over the data set's, retained = heap kept by one result. */
const memory = async (which) => {
  const { runs } = await setup()
  const run = runs[which]
  gc()
  const rss0 = process.resourceUsage().maxRSS
  let result = run()
  const peakMB = (process.resourceUsage().maxRSS - rss0) / 1024
  result = undefined
  gc()
  const h0 = process.memoryUsage().heapUsed
  result = run()
  gc()
  const retainedMB = (process.memoryUsage().heapUsed - h0) / 1024 / 1024
  process.stdout.write(JSON.stringify({ peakMB, retainedMB, keep: result === undefined }))
}

const spawn = (args) =>
  JSON.parse(execFileSync(process.execPath, ["--expose-gc", here, ...args, "--n", String(N), "--runs", String(RUNS)], { encoding: "utf8", maxBuffer: 1 << 20 }))

const main = () => {
  const t = spawn(["--time"])
  const rows = CASES.map((which) => ({ which, ...t[which], ...spawn(["--memory", which]) }))
  const base = rows[0]
  const fractionalBase = rows.find((r) => r.which === FRACTIONAL_BASELINE)
  const baseOf = (r) => (r.which.includes("fractional") ? fractionalBase : base)
  const f = (x, d = 1) => x.toFixed(d)
  const lines = [
    `Allocation of ${N.toLocaleString("en-US")} proposals; time: median and min of ${RUNS} interleaved runs after 2 warm-up rounds; Node ${process.version}, ${os.cpus()[0]?.model ?? "cpu"} × ${os.cpus().length}, ${os.platform()} ${os.arch()}, load average ${os.loadavg()[0].toFixed(1)}.`,
    "",
    "| case | median ms | min ms | median × baseline | peak RSS growth MB | heap retained by result MB | allocated đồng |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.which} | ${f(r.median)} | ${f(r.min)} | ${f(r.median / baseOf(r).median, 2)} | ${f(r.peakMB)} | ${f(r.retainedMB)} | ${r.allocated} |`
    )
  ]
  console.log(lines.join("\n"))
  // the runner's rows: every policy's median time against the baseline's (issue 16: at most 1.5×)
  const goalRows = rows.slice(1, 5).map((r) => within("allocation", `Allocation.allocate ${r.which}, ${N.toLocaleString("en-US")} proposals`, r.median, base.median, "ms", GOAL))
  const shownRows = rows
    .filter((r) => r.which.includes("fractional") && r !== fractionalBase)
    .map((r) => within("allocation", `Allocation.allocate ${r.which} (comparator sort), ${N.toLocaleString("en-US")} proposals`, r.median, fractionalBase.median, "ms"))
  emit([...goalRows, ...shownRows])
}

if (process.argv.includes("--time")) await timing()
else if (process.argv.includes("--memory")) await memory(arg("--memory"))
else main()
