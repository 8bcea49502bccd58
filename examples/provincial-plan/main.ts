/**
 * A province's 2024 khuyến công plan, from the register workbook to the disbursement report: the
 * adapters wired to the library's appraisal (thẩm định) and disbursement summary (giải ngân).
 *
 * 1. import the register (.xlsx) with the Excel adapter, listing every data error by cell;
 * 2. appraise the plan (`Appraisal.appraise`): evaluation under the 2021–2025 pack with Đồng
 *    Tháp's overlay for local-fund proposals, ranking and allocation of each fund's envelopes;
 * 3. store it in PostgreSQL: a throwaway PGlite, on disk (`--data-dir`), or the server in `DATABASE_URL`;
 * 4. sign a few contracts, post the year's events (`events.ts`) through the store's ledger and
 *    summarise them (`Disbursement.summarize`);
 * 5. write the plan, allocation and disbursement reports as .xlsx into `out/`.
 *
 * Run: `pnpm start`. On a kept database a second run changes nothing and prints the same figures.
 */
// adapters-excel first: it installs its fix of exceljs's streaming reader before exceljs loads.
import { Report, Xlsx, type ImportIssue } from "@khuyencong/adapters-excel"
import { open } from "@khuyencong/adapters-postgres"
import { Appraisal, Disbursement, Establishment, LocalDate, Overlay, Pack, Plan, Rate, type Ledger, type Progress } from "@khuyencong/core"
import { overlays, pack } from "@khuyencong/rules-2021-2025"
import { Storage } from "@khuyencong/storage"
import { existsSync, mkdirSync, rmSync } from "node:fs"
import { join, relative } from "node:path"
import { pathToFileURL } from "node:url"
import { bootPGlite } from "../shared/pglite.js"
import { examplesDir } from "../shared/register.js"
import { contractOf, eventsOf, type Script } from "./events.js"
import { readSource, registerFile } from "./make-register.js"
import { printSummary } from "./print.js"
import { bar } from "./progress.js"

/** Where to store: a throwaway PGlite, PGlite in a folder, or a PostgreSQL server (schema `khuyencong_example` unless given). */
export type Database =
  | { readonly kind: "memory" }
  | { readonly kind: "dir"; readonly dir: string }
  | { readonly kind: "url"; readonly url: string; readonly schema?: string }

export interface Options {
  /** The register workbook (default: the bundled `data/register-2024.xlsx`). */
  readonly register?: string
  /** Where the reports go (default `examples/provincial-plan/out`). */
  readonly outDir?: string
  /** Default: `DATABASE_URL` when set, else a throwaway PGlite. */
  readonly database?: Database
  /** Console output (default `process.stdout.write`); `null` for none. */
  readonly write?: ((s: string) => void) | null
  /** Redraw progress bars in place (default: whether stdout is a terminal). */
  readonly tty?: boolean
}

/** What a run did. */
export interface Summary {
  readonly database: { readonly driver: "pglite" | "pg"; readonly where: string }
  /** `proposalRows`: valid or not (group rows and the header excluded); `skipped`: the group rows. */
  readonly import: { sheet: string | undefined; proposalRows: number; imported: number; skipped: number; errors: ReadonlyArray<ImportIssue> }
  readonly appraisal: Appraisal.Appraisal
  /** Records saved; `allocationsKept`, `contractsKept`: found stored by an earlier run, used as they are. */
  readonly stored: { establishments: number; proposals: number; evaluations: number; allocations: number; allocationsKept: number; contractsKept: number }
  readonly disbursement: Disbursement.Summary
  readonly progress: Progress.Report
  /** Ledger events the store refused, with the rule each would break. */
  readonly rejected: ReadonlyArray<{ readonly contractId: string; readonly event: Ledger.Event; readonly error: Storage.WriteError }>
  readonly reports: { readonly plan: string; readonly allocation: string; readonly progress: string }
  readonly seconds: number
}

/** The default database: the server in `DATABASE_URL`, else PGlite (in `--data-dir [folder]` if given). */
export const defaultDatabase = (argv: ReadonlyArray<string> = process.argv.slice(2)): Database => {
  const url = process.env["DATABASE_URL"]
  if (url !== undefined && url !== "") return { kind: "url", url }
  const i = argv.indexOf("--data-dir")
  const next = argv[i + 1]
  if (i === -1) return { kind: "memory" }
  return { kind: "dir", dir: next !== undefined && !next.startsWith("--") ? next : join(examplesDir(), "provincial-plan", ".data") }
}

/** Where the data went, for people (never the password). */
const where = (db: Database, schema: string): string => {
  if (db.kind === "memory") return "PGlite, throwaway"
  if (db.kind === "dir") return `PGlite in ${relative(process.cwd(), db.dir) || "."}`
  const u = URL.canParse(db.url) ? new URL(db.url) : undefined
  if (u !== undefined && u.password !== "") u.password = "***"
  return `server ${u?.toString() ?? "(DATABASE_URL)"} (DATABASE_URL), schema ${schema}`
}

const unwrap = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: unknown }, what: string): A => {
  if (r.ok) return r.value
  throw new Error(`${what}: ${(r.error as { message?: string }).message ?? String(r.error)}`, { cause: r.error })
}

/** Run the example; returns what it did. */
export async function run(options: Options = {}): Promise<Summary> {
  const started = performance.now()
  const write = options.write === null ? () => {} : (options.write ?? ((s: string) => void process.stdout.write(s)))
  const tty = options.tty ?? (options.write === undefined && process.stdout.isTTY === true)
  const say = (s = ""): void => write(`${s}\n`)
  const file = options.register ?? registerFile()
  const outDir = options.outDir ?? join(examplesDir(), "provincial-plan", "out")
  const database = options.database ?? defaultDatabase()
  const source = readSource()
  const { activities } = pack

  // 1. Import the register; the establishments and the plan's envelopes come from the province's records
  say(`Kế hoạch khuyến công năm 2024 — ${source.province.name} (${source.province.code}): from the register to the reports\n`)
  const importBar = bar("import", 0, "proposals", write, tty)
  let read = 0
  const imported = await Xlsx.readRegister(file, { activities, onProposal: () => importBar.update(++read) })
  const register = imported.ok ? imported.value : imported.error.partial
  if (register === undefined) throw imported.ok ? new Error("unreachable") : imported.error
  const errors = imported.ok ? [] : imported.error.issues
  const { proposals } = register
  const proposalRows = proposals.length + new Set(errors.map((i) => i.row)).size
  importBar.finish(`${relative(process.cwd(), file)}, sheet "${register.sheet ?? "?"}": ${proposals.length} of ${proposalRows} proposal rows valid`)
  const asOf = LocalDate.startOfYear(2024)
  const decoded = source.establishments.map((raw) => unwrap(Establishment.decode(raw, { asOf }), "establishment"))
  const establishments = new Map(decoded.map((e) => [e.id, e] as const))
  const plan = unwrap(Plan.decode({ ...(source.plan as object), proposalIds: proposals.map((p) => p.id) }), "the plan (kế hoạch)")

  // 2. Appraise: national levels, the province's own levels for local-fund proposals
  const evalBar = bar("evaluate", proposals.length, "proposals", write, tty)
  const national = Pack.loadOrThrow(pack)
  const overlay = overlays.find((o) => o.province === source.province.code)
  const rules = [overlay === undefined ? national : Overlay.applyOrThrow(national, overlay)]
  const policy = { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n } as const
  const appraisal = unwrap(Appraisal.appraise({ proposals, establishments, plan, rules, policy }, { trace: true }), "appraisal (thẩm định)")
  const { eligible, ineligible: notEligible, notApplicable } = appraisal.totals
  evalBar.update(proposals.length)
  const layers = `${national.id} ${national.version}${overlay === undefined ? "" : ` + ${overlay.id} (local fund)`}`
  evalBar.finish(`${layers}: ${eligible} eligible, ${notEligible + notApplicable} not`)
  const funded = Appraisal.funded(appraisal)
  const ineligible = appraisal.proposals.filter((x) => x.decision === "ineligible")

  // 3. Store, and 4. the contracts and their ledgers
  if (database.kind === "dir") mkdirSync(database.dir, { recursive: true })
  // throwaway: PGlite on a copy of the data directory prepared by the first run (no initdb; see ../shared/pglite.ts)
  const booted = database.kind === "memory" ? await bootPGlite() : undefined
  const store = await open(
    database.kind === "url"
      ? { connectionString: database.url, schema: database.schema ?? "khuyencong_example" }
      : booted !== undefined
        ? { pglite: booted.db }
        : { useEnvironment: false, ...(database.kind === "dir" ? { dataDir: database.dir } : {}) }
  )
  if (booted !== undefined && !booted.prepared) await booted.keep()
  const s = Storage.toAsync(store)
  const stored = { establishments: 0, proposals: 0, evaluations: 0, allocations: 0, allocationsKept: 0, contractsKept: 0 }
  const rejected: Array<Summary["rejected"][number]> = []
  const entries: Array<Disbursement.Entry> = []
  try {
    const storeBar = bar("store", 2 + 2 * proposals.length + appraisal.funds.length + funded.length + ineligible.length, "records", write, tty)
    let done = 0
    const saved = <A>(r: Parameters<typeof unwrap<A>>[0], what: string, records: number): A => {
      storeBar.update((done += records))
      return unwrap(r, what)
    }
    stored.establishments = saved(await s.saveEstablishments([...establishments.values()], { asOf }), "establishments", 1)
    const submitted = await s.saveProposals(proposals, { status: "submitted", author: "Phòng Quản lý công nghiệp" })
    stored.proposals = saved(submitted, "proposals", proposals.length).length
    const evaluations = saved(await s.saveEvaluations(appraisal.proposals.map((x) => x.evaluation)), "evaluations", proposals.length)
    stored.evaluations = evaluations.length
    const evaluationOf = new Map(evaluations.map((e) => [e.proposalId, { proposalId: e.proposalId, evaluationId: e.id }] as const))
    saved(await s.savePlan(plan), "plan", 1)
    for (const { fund, allocation } of appraisal.funds) {
      const id = `${plan.id}/${fund}` // never overwritten: a rerun on a kept database finds the first one
      const kept = unwrap(await s.getAllocation(id), "allocation") !== undefined
      if (!kept) saved(await s.saveAllocation({ id, planId: plan.id, allocation }), `allocation ${id}`, 0)
      stored[kept ? "allocationsKept" : "allocations"]++
      storeBar.update(++done)
    }
    // The decision: funded proposals approved, ineligible ones rejected (a new version of each).
    const approval = "Quyết định phê duyệt kế hoạch khuyến công năm 2024"
    saved(await s.saveProposals(funded.map((x) => x.proposal), { status: "approved", note: approval }), "approved", funded.length)
    const rejection = "Không đủ điều kiện hỗ trợ"
    saved(await s.saveProposals(ineligible.map((x) => x.proposal), { status: "rejected", note: rejection }), "rejected", ineligible.length)
    const kept = stored.allocationsKept === 0 ? "" : ` (${stored.allocationsKept} allocations kept from an earlier run)`
    storeBar.finish(`${where(database, store.schema)}${kept}`)

    // Contracts for the three highest-ranked funded national projects and the first local one
    const first = (fund: Appraisal.Fund, n: number) => funded.filter((x) => x.proposal.fund === fund).slice(0, n)
    const scripts: ReadonlyArray<Script> = ["settled", "paid", "advanced"]
    const chosen = [...first("national", 3).map((x, k) => ({ x, script: scripts[k] })), ...first("local", 1).map((x) => ({ x, script: scripts[2] }))]
    for (const [n, { x: { proposal: p, allocated }, script }] of chosen.entries()) {
      const evaluation = evaluationOf.get(p.id)
      if (evaluation === undefined) throw new Error(`proposal ${p.id} has no stored evaluation`)
      const input = contractOf(p, allocated, n + 1, source.province.code, evaluation)
      // A signed contract keeps its terms: a rerun uses the stored one, even if the pack has changed since.
      const existing = unwrap(await s.getContract(input.id), `contract ${input.id}`)
      const record = existing ?? unwrap(await s.saveContract(input, pack), `contract ${input.id}`)
      if (existing !== undefined) stored.contractsKept++
      for (const event of eventsOf(record.contract, script ?? "advanced", p.fund === "national")) {
        const posted = await s.postEvent(input.id, event)
        if (!posted.ok) rejected.push({ contractId: input.id, event, error: posted.error })
      }
      const ledger = unwrap(await s.getLedger(input.id), "ledger")
      if (ledger !== undefined) entries.push({ ...ledger, proposalId: record.proposalId ?? p.id, fund: p.fund })
    }
  } finally {
    await s.close()
    await booted?.close()
  }
  const disbursement = unwrap(Disbursement.summarize(entries, { asOf: LocalDate.endOfYear(2024) }), "disbursement (giải ngân)")
  const progress = unwrap(Disbursement.progress(disbursement, { assignments: Appraisal.assignments(appraisal) }), "progress (tiến độ giải ngân)")

  // 5. Reports: the plan in register order (it imports back), the allocation per fund, the progress
  mkdirSync(outDir, { recursive: true })
  const reports = {
    plan: join(outDir, "ke-hoach-khuyen-cong-2024.xlsx"),
    allocation: join(outDir, "phan-bo-kinh-phi-2024.xlsx"),
    progress: join(outDir, "tien-do-giai-ngan-2024.xlsx")
  }
  for (const path of Object.values(reports)) if (existsSync(path)) rmSync(path)
  const activityName = new Map(activities.map((a) => [a.code, a.nameVi] as const))
  const inRegisterOrder = [...funded].sort((a, b) => a.index - b.index)
  const planRows = unwrap(Report.planRowsOf(inRegisterOrder.map((x) => x.proposal), new Map(funded.map((x) => [x.proposal.id, x.allocated]))), "plan rows")
  const planTitle = `KẾ HOẠCH KHUYẾN CÔNG NĂM 2024 — TỈNH ${source.province.name.toUpperCase()}`
  unwrap(await Xlsx.exportPlan(planRows, { path: reports.plan, title: planTitle, activityNames: Object.fromEntries(activityName) }), "plan report")
  const titles = new Map(proposals.map((p) => [p.id, p.title] as const))
  const allocationTables = appraisal.funds.map(({ fund, allocation }) => {
    const { rows, summary } = Report.allocationRowsOf(allocation, titles)
    const title = `KẾT QUẢ PHÂN BỔ KINH PHÍ ${fund === "national" ? "KHUYẾN CÔNG QUỐC GIA" : "KHUYẾN CÔNG ĐỊA PHƯƠNG"} NĂM 2024`
    return Report.allocation(rows, { summary, title, sheet: fund === "national" ? "KCQG" : "KCĐP" })
  })
  unwrap(await Xlsx.writeTables(allocationTables, { path: reports.allocation }), "allocation report")
  const label = (d: string, key: string) =>
    d === "activity" ? activityName.get(key) : d === "province" && key === source.province.code ? source.province.name : undefined
  const progressTables = Report.progressTables(progress, { title: "TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG NĂM 2024", label })
  unwrap(await Xlsx.exportProgress(progressTables, { path: reports.progress }), "progress report")

  const importSummary = { sheet: register.sheet, proposalRows, imported: proposals.length, skipped: register.skipped.length, errors }
  const db = { driver: store.driver, where: where(database, store.schema) }
  const summary = { database: db, import: importSummary, appraisal, stored, disbursement, progress, rejected, reports }
  printSummary(summary, say)
  const seconds = (performance.now() - started) / 1000
  const kept = stored.contractsKept === 0 ? "" : `; ${stored.contractsKept} contracts and their ledgers kept from an earlier run`
  say(`Database: ${summary.database.where}${kept}. Done in ${seconds.toFixed(2)} s.`)
  return { ...summary, seconds }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await run()
