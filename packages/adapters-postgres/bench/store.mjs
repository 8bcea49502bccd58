// PostgreSQL storage benchmark (lưu trữ): store and evaluate N generated proposals (default
// 100,000) in batches, on PGlite (in memory) and, when DATABASE_URL (or --url) is set, on a real
// server. Not a test: it prints a markdown table and writes it to docs/benchmarks.md as the
// section "## PostgreSQL storage" (other sections are kept).
//
//   npx tsc -b packages/core packages/rules-2021-2025 packages/adapters-postgres
//   DATABASE_URL=postgres://… node packages/adapters-postgres/bench/store.mjs [--n 100000] [--batch 1000] [--no-write]
//
// Per batch: saveProposals (validated with Proposal.decode, one transaction, set-based upsert of
// head rows and versions), Evaluate.evaluate of each proposal with the 2021–2025 pack (resolved
// once per approval date), saveEvaluations (validated, one transaction). Data: deterministic LCG
// (seed 20250701): 2,000 establishments in 20 provinces, one beneficiary per proposal, six
// activities of the pack, costs 50 m – 2 tỷ đồng in whole thousands, plan years 2021–2025,
// approval on the 15th of February–June.
import { readFile, writeFile } from "node:fs/promises"
import os from "node:os"
import { fileURLToPath } from "node:url"
import { Establishment, Evaluate, Pack, Proposal } from "@khuyencong/core"
import { Storage } from "@khuyencong/storage"
import { pack as rawPack } from "../../rules-2021-2025/dist/index.js"
import { open } from "../dist/index.js"

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : fallback
}
const N = Number(arg("--n", "100000"))
const BATCH = Number(arg("--batch", "1000"))
const URL_ = arg("--url", process.env.DATABASE_URL ?? "")
const WRITE = !process.argv.includes("--no-write")

// ---------------------------------------------------------------------------------------------
// Seeded data

let seed = 20250701
const next = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
  return seed >>> 16
}
const pick = (xs) => xs[next() % xs.length]

const PROVINCES = ["01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25", "26", "27", "30", "31"]
const INDUSTRIES = ["che-bien-nong-lam-thuy-san", "hang-tieu-dung-xuat-khau", "vat-lieu-xay-dung", "co-khi-dien-dien-tu", "tieu-thu-cong-nghiep", "khai-thac-cat-soi"]
const FORMS = [{ kind: "enterprise", size: "small" }, { kind: "enterprise", size: "micro" }, { kind: "cooperative" }, { kind: "business-household" }]
const ITEMS = [
  ["machinery", "machinery.equipment"],
  ["demo-model", "demo-model.new-technology"],
  ["demo-model", "demo-model.replication"],
  ["consultancy", "consultancy.services"],
  ["trademark", "trademark.registration"],
  ["pollution-establishment", "pollution-establishment.treatment-system"]
]
const E = 2000

const establishments = Array.from({ length: E }, (_, i) => {
  const r = Establishment.decode({
    id: `CS-${String(i).padStart(5, "0")}`,
    name: `Cơ sở sản xuất số ${i}`,
    legalForm: pick(FORMS),
    taxCode: "0100233488",
    location: {
      provinceCode: PROVINCES[i % PROVINCES.length],
      provinceName: `Tỉnh ${PROVINCES[i % PROVINCES.length]}`,
      commune: { name: `Xã ${i % 97}`, kind: next() % 10 === 0 ? "ward" : "commune" },
      difficultArea: pick(["none", "none", "difficult", "especially-difficult"]),
      poorDistrict: next() % 5 === 0,
      newRuralCommune: next() % 2 === 0,
      highland: next() % 3 === 0,
      island: false,
      border: next() % 7 === 0,
      ethnicMinorityArea: next() % 4 === 0
    },
    industry: { code: pick(INDUSTRIES) },
    workforce: 5 + (next() % 200),
    hasExportContract: next() % 5 === 0,
    cleanerProduction: next() % 8 === 0,
    womenOwned: next() % 3 === 0,
    ethnicMinorityOwned: next() % 6 === 0
  })
  if (!r.ok) throw r.error
  return r.value
})
const byId = new Map(establishments.map((e) => [e.id, e]))

const proposalAt = (i) => {
  const e = establishments[next() % E]
  const [activity, item] = pick(ITEMS)
  const cost = BigInt(50_000 + (next() * 65536 + next()) % 1_950_001) * 1000n
  const support = cost / 2n
  const year = 2021 + (i % 5)
  const month = 2 + (next() % 5)
  const r = Proposal.decode({
    id: `DA-${String(i).padStart(6, "0")}`,
    title: `Đề án khuyến công số ${i}`,
    fund: "national",
    form: { kind: "single" },
    activities: [
      {
        activity,
        costLines: [
          { item, quantity: 1, unitCost: cost.toString(), total: cost.toString(), requestedSupport: support.toString(), counterpartFunding: (cost - support).toString(), beneficiaryId: e.id }
        ]
      }
    ],
    implementingUnit: { name: `Trung tâm Khuyến công tỉnh ${e.location.provinceCode}` },
    beneficiaries: [e.id],
    locations: [{ provinceCode: e.location.provinceCode }],
    planYear: year,
    duration: { start: `${year}-03-01`, end: `${year}-11-30` },
    ...(next() % 10 === 0 ? {} : { approvalDate: `${year}-0${month}-15` })
  })
  if (!r.ok) throw r.error
  return r.value
}

// ---------------------------------------------------------------------------------------------
// Run

const pack = Pack.loadOrThrow(rawPack)
const LOAD = os.loadavg()[0] ?? 0

const must = async (p) => {
  const r = await p
  if (!r.ok) throw r.error
  return r.value
}

const run = async (label, options) => {
  seed = 20250701 + 1
  const store = await open({ ...options, schema: `bench_${process.pid}` })
  const s = Storage.toAsync(store)
  const t = { generate: 0, proposals: 0, evaluate: 0, evaluations: 0 }
  const verdicts = { eligible: 0, ineligible: 0, "not-applicable": 0 }
  const cache = Evaluate.makeCache()
  try {
    await must(s.saveEstablishments(establishments))
    const start = performance.now()
    for (let from = 0; from < N; from += BATCH) {
      let a = performance.now()
      const batch = []
      for (let i = from; i < Math.min(N, from + BATCH); i++) batch.push(proposalAt(i))
      let b = performance.now()
      t.generate += b - a
      await must(s.saveProposals(batch))
      a = performance.now()
      t.proposals += a - b
      const evaluations = batch.map((p) => {
        const resolved = cache.get(pack, Evaluate.dateOf(p))
        if (!resolved.ok) throw resolved.error
        const r = Evaluate.evaluate(p, resolved.value, { establishments: byId })
        if (!r.ok) throw r.error
        verdicts[r.value.verdict]++
        return r.value
      })
      b = performance.now()
      t.evaluate += b - a
      await must(s.saveEvaluations(evaluations))
      t.evaluations += performance.now() - b
    }
    const total = performance.now() - start - t.generate
    const q0 = performance.now()
    const summary = await must(s.summarize({ planYear: 2023 }, ["province"]))
    const q1 = performance.now()
    const page = await must(s.listEvaluations({ provinceCode: "19", verdict: "eligible" }, { limit: 1000 }))
    const q2 = performance.now()
    const stored = await must(s.summarize({}, []))
    if (stored[0]?.proposals !== N || stored[0]?.evaluated !== N) throw new Error(`expected ${N} stored and evaluated, got ${JSON.stringify(stored)}`)
    const rate = (ms) => Math.round(N / (ms / 1000)).toLocaleString("en-US")
    return {
      label,
      rows: [
        label,
        `${rate(t.proposals)}`,
        `${rate(t.evaluate)}`,
        `${rate(t.evaluations)}`,
        `${rate(total)}`,
        `${(total / 1000).toFixed(1)} s`,
        `${(q1 - q0).toFixed(0)} ms (${summary.length} rows)`,
        `${(q2 - q1).toFixed(0)} ms (${page.length} rows)`
      ],
      verdicts
    }
  } finally {
    await s.close()
    if (options.pool === undefined && options.connectionString !== undefined) {
      const pg = (await import("pg")).default
      const p = new pg.Pool({ connectionString: options.connectionString, max: 1 })
      await p.query(`DROP SCHEMA IF EXISTS "bench_${process.pid}" CASCADE`)
      await p.end()
    }
  }
}

const results = [await run("PGlite (in memory)", { driver: "pglite" })]
if (URL_ !== "") results.push(await run("PostgreSQL server (pg pool)", { connectionString: URL_ }))

const header = [
  "store",
  "store proposals (rows/s)",
  "evaluate (proposals/s, CPU)",
  "store evaluations (rows/s)",
  "end to end (proposals/s)",
  "end to end",
  "summary by province, 1 year",
  "eligible in a province, 1 page"
]
const table = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...results.map((r) => `| ${r.rows.join(" | ")} |`)].join("\n")
const v = results[0].verdicts
const section = `## PostgreSQL storage

\`packages/adapters-postgres/bench/store.mjs\`: ${N.toLocaleString("en-US")} generated proposals stored and evaluated in
batches of ${BATCH.toLocaleString("en-US")} (\`saveProposals\`, \`Evaluate.evaluate\` with the 2021–2025 pack,
\`saveEvaluations\`), each batch one transaction per write; every write is validated with core's
decoders first. Rates exclude data generation. Verdicts: ${v.eligible.toLocaleString("en-US")} eligible,
${v.ineligible.toLocaleString("en-US")} ineligible, ${v["not-applicable"].toLocaleString("en-US")} not applicable.
One run. Machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, ${os.platform()} ${os.arch()}, Node ${process.version}, load average ${LOAD.toFixed(1)} at the start (other jobs may share the machine)${URL_ === "" ? "; no server run (DATABASE_URL not set)" : "; server: local PostgreSQL, same machine"}.

${table}

Run: \`npx tsc -b packages/core packages/rules-2021-2025 packages/adapters-postgres && DATABASE_URL=… node packages/adapters-postgres/bench/store.mjs\`
`

console.log(section)

if (WRITE) {
  const file = fileURLToPath(new URL("../../../docs/benchmarks.md", import.meta.url))
  let text = ""
  try {
    text = await readFile(file, "utf8")
  } catch {
    text = "# Benchmarks\n"
  }
  const start = text.indexOf("\n## PostgreSQL storage")
  if (start >= 0) {
    const end = text.indexOf("\n## ", start + 1)
    text = text.slice(0, start) + "\n" + section + (end >= 0 ? text.slice(end) : "")
  } else {
    text = text.replace(/\n*$/, "\n\n") + section
  }
  await writeFile(file, text.replace(/\n{3,}/g, "\n\n"))
  console.log(`written to ${file}`)
}
