// PostgreSQL storage benchmark (lưu trữ): N generated proposals (default 100,000) stored in batches
// and evaluated, on PGlite (in process, in memory) and, when DATABASE_URL (or --url) is set, on a
// real server through a `pg` pool, beside its floor measured in the same run on the same rows
// through the same driver. Not a test: it prints markdown tables and its `@@bench` rows (for
// `pnpm bench`, bench/run.mjs); with --write it also puts its section into docs/benchmarks.md.
//
//   node scripts/ensure-built.mjs
//   DATABASE_URL=postgres://… node packages/adapters-postgres/bench/store.mjs [--n 100000] [--batch 1000] [--rounds 3] [--evaluations 10000] [--write]
//
// The library, per batch: `saveProposals` (validated with core's decoders, one transaction, one
// set-based upsert of head rows and versions), `Evaluate.evaluate` of each proposal with the
// 2021–2025 pack (resolved once per approval date), `saveEvaluations` (validated, one transaction).
// The floor, per batch: what any store of the same rows must do and nothing more: each proposal's
// row values (its JSON document, `Proposal.encode`, and its totals), then a plain multi-row
// `INSERT … VALUES (…), (…)` of the head rows and one of the versions, in one transaction, into a
// schema migrated like the library's (same tables, same indexes and constraints); no validation,
// no upsert. A third case, "statements only", gives the store's backend the validated writes
// directly: the SQL layer alone (what is left of the gap beside it is validation).
//
// Each round stores the same rows in a fresh schema per case (dropped after it), cases
// interleaved, order rotated per round; medians reported. Data (data.mjs) is generated and decoded
// before anything is timed: every proposal is `Proposal.decode`'s value of its JSON, as a real
// caller's is (from JSON, a register import or the service), so the store takes it as checked
// (`Decode.decodedAs`) and only encodes it; the floor gets the same values. Rates exclude data
// generation.
import { readFile, writeFile } from "node:fs/promises"
import os from "node:os"
import { fileURLToPath } from "node:url"
import { PGlite } from "@electric-sql/pglite"
import { Evaluate, Pack, Proposal } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import pg from "pg"
import { emit } from "../../../bench/report.mjs"
import { pack as rawPack } from "../../rules-2021-2025/dist/index.js"
import { makeBackend } from "../dist/backend.js"
import { pgDriver, pgliteDriver } from "../dist/driver.js"
import { open } from "../dist/index.js"
import { byId, establishments, proposalAt, reseed } from "./data.mjs"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const N = Number(arg("--n", "100000"))
const BATCH = Number(arg("--batch", "1000"))
const ROUNDS = Number(arg("--rounds", "3"))
const EVALUATIONS = Number(arg("--evaluations", "10000"))
const URL_ = arg("--url", process.env.DATABASE_URL ?? "")
const WRITE = process.argv.includes("--write")
/** The goal of issue 16: the store's rows/s at least this share of the floor's. */
const GOAL = 0.8

const log = (...xs) => console.error(...xs)
const fmt = (n) => Math.round(n).toLocaleString("en-US")
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2
}
const must = async (p) => {
  const r = await p
  if (!r.ok) throw r.error
  return r.value
}

// ---------------------------------------------------------------------------------------------
// Data (not timed)

const pack = Pack.loadOrThrow(rawPack)
const LOAD = os.loadavg()
reseed()
const P = Array.from({ length: N }, (_, i) => proposalAt(i))
const batches = []
for (let from = 0; from < N; from += BATCH) batches.push(P.slice(from, from + BATCH))
log(`${fmt(N)} proposals generated, ${batches.length} batches of ${fmt(BATCH)}`)

/** A proposal's row values, as any store of it computes them: its JSON document and its totals. */
const rowOf = (p) => {
  const t = Proposal.totals(p)
  return { p, document: JSON.stringify(Proposal.encode(p)), provinces: [...new Set(p.locations.map((l) => l.provinceCode))], requested: t.requestedSupport, total: t.total }
}

// ---------------------------------------------------------------------------------------------
// Cases: each stores every batch into a fresh schema and returns its time in ms

const HEAD_COLUMNS = 7 // id, plan_year, fund, province_codes, primary_province, requested_support, total_cost
const VERSION_COLUMNS = 2 // proposal_id, document
const MAX_PARAMETERS = 65_535

/** The floor: row values, then plain multi-row INSERTs of head rows and versions, one transaction per batch. */
const floorCase = async (driver, schema) => {
  const qs = `"${schema}"`
  const rows = Math.floor(MAX_PARAMETERS / HEAD_COLUMNS)
  const t0 = performance.now()
  for (const batch of batches) {
    const rs = batch.map(rowOf)
    await driver.transaction(async (q) => {
      for (let from = 0; from < rs.length; from += rows) {
        const chunk = rs.slice(from, from + rows)
        const heads = []
        const versions = []
        const hv = (v) => (heads.push(v), `$${heads.length}`)
        const vv = (v) => (versions.push(v), `$${versions.length}`)
        const headRows = chunk.map(
          (r) => `(${hv(r.p.id)}, 1, 'draft', ${hv(r.p.planYear)}, ${hv(r.p.fund)}, ${hv(r.provinces)}, ${hv(r.p.locations[0]?.provinceCode ?? null)}, ${hv(r.requested.toString())}, ${hv(r.total.toString())})`
        )
        const versionRows = chunk.map((r) => `(${vv(r.p.id)}, 1, 'draft', ${vv(r.document)})`)
        await q.query(
          `INSERT INTO ${qs}.proposals (id, current_version, status, plan_year, fund, province_codes, primary_province, requested_support, total_cost) VALUES ${headRows.join(", ")}`,
          heads
        )
        await q.query(`INSERT INTO ${qs}.proposal_versions (proposal_id, version, status, document) VALUES ${versionRows.join(", ")}`, versions)
      }
    })
  }
  return performance.now() - t0
}
if (VERSION_COLUMNS > HEAD_COLUMNS) throw new Error("the floor chunks by its widest statement")

/** The store's statements alone: the backend given writes validated beforehand (not timed). */
const statementsCase = async (driver, schema, writes) => {
  const backend = makeBackend(driver, { schema })
  const t0 = performance.now()
  for (const ws of writes) await backend.putProposals(ws, {})
  return performance.now() - t0
}

/**
 * The library through its public API: saveProposals of every batch, into a fresh schema like the
 * floor's and the statements' (saveProposals does not need the establishments; saving 2,000 of
 * them just before the timed part, as this case did, left the server and the collector that work
 * to finish while it ran: about 12 % fewer rows/s, measured interleaved).
 */
const libraryCase = async (store) => {
  const s = Storage.toAsync(store)
  const t0 = performance.now()
  for (const batch of batches) await must(s.saveProposals(batch))
  return performance.now() - t0
}

/**
 * The rest, once, on the first EVALUATIONS proposals: evaluation with the pack resolved once per
 * approval date, saveEvaluations (validated, one transaction per batch), two queries.
 */
const restOf = async (store) => {
  const s = Storage.toAsync(store)
  const cache = Evaluate.makeCache()
  const t = { proposals: 0, evaluate: 0, evaluations: 0 }
  const verdicts = { eligible: 0, ineligible: 0, "not-applicable": 0 }
  let documents = 0
  await must(s.saveEstablishments(establishments))
  const some = batches.flat().slice(0, EVALUATIONS)
  for (let from = 0; from < some.length; from += BATCH) {
    const batch = some.slice(from, from + BATCH)
    let a = performance.now()
    await must(s.saveProposals(batch))
    let b = performance.now()
    t.proposals += b - a
    const evaluations = batch.map((p) => {
      const resolved = cache.get(pack, Evaluate.dateOf(p))
      if (!resolved.ok) throw resolved.error
      const r = Evaluate.evaluate(p, resolved.value, { establishments: byId })
      if (!r.ok) throw r.error
      verdicts[r.value.verdict]++
      return r.value
    })
    a = performance.now()
    t.evaluate += a - b
    await must(s.saveEvaluations(evaluations))
    t.evaluations += performance.now() - a
    for (const e of evaluations) documents += JSON.stringify(Evaluate.encode(e)).length
  }
  const q0 = performance.now()
  const summary = await must(s.summarize({ planYear: 2023 }, ["province"]))
  const q1 = performance.now()
  const page = await must(s.listEvaluations({ provinceCode: "19", verdict: "eligible" }, { limit: 1000 }))
  const q2 = performance.now()
  const stored = await must(s.summarize({}, []))
  if (stored[0]?.proposals !== some.length || stored[0]?.evaluated !== some.length) throw new Error(`expected ${some.length} stored and evaluated, got ${JSON.stringify(stored)}`)
  const n = some.length
  return {
    n,
    evaluate: n / (t.evaluate / 1000),
    evaluations: n / (t.evaluations / 1000),
    endToEnd: n / ((t.proposals + t.evaluate + t.evaluations) / 1000),
    document: documents / n,
    summary: `${(q1 - q0).toFixed(0)} ms (${summary.length} rows)`,
    page: `${(q2 - q1).toFixed(0)} ms (${page.length} rows)`,
    verdicts
  }
}

// ---------------------------------------------------------------------------------------------
// One database: interleaved rounds of the three cases

const measure = async (label, connection, driver, drop) => {
  // the validated writes of the statements-only case: what saveProposals hands its backend
  const writes = []
  {
    const backend = makeBackend(driver, { schema: "unused" })
    const capture = Storage.make({ ...backend, putProposals: async (ws) => (writes.push(ws), []) })
    for (const batch of batches) await must(Storage.toAsync(capture).saveProposals(batch))
  }
  const times = { library: [], statements: [], floor: [] }
  let n = 0
  const schema = () => `bench_${process.pid}_${++n}`
  const cases = {
    library: async () => {
      const store = await open({ ...connection, schema: schema() })
      try {
        return await libraryCase(store)
      } finally {
        await store.close()
        await drop(store.schema)
      }
    },
    statements: async () => {
      const store = await open({ ...connection, schema: schema() })
      await store.close()
      try {
        return await statementsCase(driver, store.schema, writes)
      } finally {
        await drop(store.schema)
      }
    },
    floor: async () => {
      const store = await open({ ...connection, schema: schema() })
      await store.close()
      try {
        return await floorCase(driver, store.schema)
      } finally {
        await drop(store.schema)
      }
    }
  }
  const order = Object.keys(cases)
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < order.length; k++) {
      const name = order[(k + round) % order.length]
      const ms = await cases[name]()
      times[name].push(ms)
      log(`  ${label}, round ${round + 1}: ${name} ${fmt(N / (ms / 1000))} rows/s`)
    }
  }
  const rate = (name) => N / (median(times[name]) / 1000)
  const store = await open({ ...connection, schema: schema() })
  let rest
  try {
    rest = await restOf(store)
  } finally {
    await store.close()
    await drop(store.schema)
  }
  return { label, library: rate("library"), statements: rate("statements"), floor: rate("floor"), ...rest }
}

const results = []
{
  const db = await PGlite.create()
  const driver = pgliteDriver(db, false)
  results.push(await measure("PGlite (in process, in memory)", { pglite: db }, driver, (s) => db.exec(`DROP SCHEMA "${s}" CASCADE`)))
  await db.close()
}
if (URL_ !== "") {
  const pool = new pg.Pool({ connectionString: URL_, max: 2 })
  const driver = pgDriver(pool, false)
  try {
    results.push(await measure("PostgreSQL server (pg pool)", { pool }, driver, (s) => pool.query(`DROP SCHEMA "${s}" CASCADE`).then(() => undefined)))
  } finally {
    await pool.end()
  }
}

// ---------------------------------------------------------------------------------------------
// Report

const row = (cells) => `| ${cells.join(" | ")} |`
const table = (header, rows) => [row(header), `|${header.map(() => "---").join("|")}|`, ...rows.map(row)].join("\n")
const ratio = (a, b) => `${(a / b).toFixed(2)}`
const stores = table(
  ["store", "saveProposals (rows/s)", "statements only (rows/s)", "floor: multi-row INSERT (rows/s)", "saveProposals / floor", "statements / floor"],
  results.map((r) => [r.label, fmt(r.library), fmt(r.statements), fmt(r.floor), ratio(r.library, r.floor), ratio(r.statements, r.floor)])
)
const rest = table(
  ["store", "evaluate (proposals/s, CPU)", "saveEvaluations (rows/s)", "end to end (proposals/s)", "summary by province, 1 year", "eligible in a province, 1 page"],
  results.map((r) => [r.label, fmt(r.evaluate), fmt(r.evaluations), fmt(r.endToEnd), r.summary, r.page])
)
const v = results[0].verdicts
const section = `## PostgreSQL storage

\`packages/adapters-postgres/bench/store.mjs\` (in \`pnpm bench\`): ${fmt(N)} generated proposals stored in
batches of ${fmt(BATCH)}, on PGlite and on the server when \`DATABASE_URL\` is set, beside the floor
measured in the same run on the same rows through the same driver. The proposals are
\`Proposal.decode\`'s values (as a caller's are: from JSON, a register import or the service), so
the store takes them as checked and only encodes them; both cases get the same values. The floor:
each proposal's row values
(its JSON document and totals), then a plain multi-row \`INSERT … VALUES\` of the head rows and one
of the versions per batch, one transaction, into a schema migrated like the store's; no
validation, no upsert. "Statements only" gives the store's backend the validated writes: the SQL
layer alone. Medians of ${ROUNDS} interleaved rounds, a fresh schema per case and round. Machine:
${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${os.platform()} ${os.arch()}, Node ${process.version}, load average
${LOAD[0].toFixed(1)} at the start (other jobs share the machine)${URL_ === "" ? "; no server run (DATABASE_URL not set)" : "; server: local PostgreSQL, same machine"}.

${stores}

Goal (issue 16): saveProposals ≥ ${GOAL}× the floor's rows/s.

The rest, once, on the first ${fmt(results[0].n)} proposals (a fresh schema): evaluation with the 2021–2025
pack resolved once per approval date, \`saveEvaluations\` (validated, one transaction per batch;
an evaluation's stored document is ${fmt(results[0].document / 1000)} KB on average), two queries. Verdicts:
${fmt(v.eligible)} eligible, ${fmt(v.ineligible)} ineligible, ${fmt(v["not-applicable"])} not applicable.

${rest}

Run: \`node scripts/ensure-built.mjs && DATABASE_URL=… node packages/adapters-postgres/bench/store.mjs\` (\`--write\` puts this section here)
`

console.log(section)

const work = (r, what) => `${what}, ${r.label.startsWith("PGlite") ? "PGlite" : "server"}, ${fmt(N)} proposals in batches of ${fmt(BATCH)}`
emit(
  results.flatMap((r) => [
    { bench: "store", work: work(r, "saveProposals"), now: r.library, floor: r.floor, unit: "rows/s", ratio: r.library / r.floor, goal: `≥ ${GOAL}× floor (rows/s)`, met: r.library / r.floor >= GOAL },
    { bench: "store", work: work(r, "store statements only (validated writes)"), now: r.statements, floor: r.floor, unit: "rows/s", ratio: r.statements / r.floor, goal: "", met: undefined }
  ])
)

if (WRITE) {
  const file = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url))
  let text = await readFile(file, "utf8")
  const start = text.indexOf("\n## PostgreSQL storage")
  if (start >= 0) {
    const end = text.indexOf("\n## ", start + 1)
    text = text.slice(0, start) + "\n" + section + (end >= 0 ? text.slice(end) : "")
  } else {
    text = text.replace(/\n*$/, "\n\n") + section
  }
  await writeFile(file, text.replace(/\n{3,}/g, "\n\n"))
  log(`written to ${file}`)
}
