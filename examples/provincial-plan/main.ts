/**
 * A province's 2024 khuyến công plan, from the register workbook to the disbursement report.
 *
 * 1. import the register (biểu tổng hợp đề án, .xlsx) and list every data error with its sheet,
 *    row and column;
 * 2. evaluate eligibility and support under the 2021–2025 pack, with Đồng Tháp's own levels
 *    (Resolution 08/2024/NQ-HĐND) for its local-fund proposals;
 * 3. rank the eligible proposals and allocate each fund's envelope (national, local);
 * 4. store establishments, proposals, evaluations, the plan and the allocations in PostgreSQL:
 *    PGlite in memory (default), PGlite on disk (`--data-dir`), or the server in `DATABASE_URL`;
 * 5. sign contracts for a few funded projects and post advances, base-level acceptance (nghiệm
 *    thu cơ sở), payments and a settlement through the store's ledger, one event being refused;
 * 6. write the plan, allocation and disbursement reports as .xlsx into `out/`.
 *
 * Run: `pnpm start` (builds, then `node examples/dist/provincial-plan/main.js [--data-dir]`).
 */
// adapters-excel first: it installs its fix of exceljs's streaming reader before exceljs loads.
import { Register as RegisterMapping, Report, Xlsx, type ImportIssue } from "@khuyencong/adapters-excel"
import { open, type PostgresStore } from "@khuyencong/adapters-postgres"
import {
  Allocation,
  Eligibility,
  Establishment,
  Evaluate,
  LocalDate,
  Money,
  Overlay,
  Pack,
  Plan,
  Priority,
  Progress,
  Rate,
  Rounding,
  type Contract,
  type Ledger,
  type Proposal
} from "@khuyencong/core"
import { overlays, pack } from "@khuyencong/rules-2021-2025"
import { Storage } from "@khuyencong/storage"

const { activities } = pack
import { existsSync, mkdirSync, rmSync } from "node:fs"
import { join, relative } from "node:path"
import { pathToFileURL } from "node:url"
import { examplesDir } from "../shared/register.js"
import { render } from "../shared/table.js"
import { readSource, registerFile } from "./make-register.js"
import { bar } from "./progress.js"

type Fund = Proposal.Proposal["fund"]
const FUNDS: ReadonlyArray<Fund> = ["national", "local"]

/** Where to store: PGlite in memory, PGlite in a folder, or a PostgreSQL server. */
export type Database = { readonly kind: "memory" } | { readonly kind: "dir"; readonly dir: string } | { readonly kind: "url"; readonly url: string }

export interface Options {
  /** The register workbook (default: the bundled `data/register-2024.xlsx`). */
  readonly register?: string
  /** Where the reports go (default `examples/provincial-plan/out`). */
  readonly outDir?: string
  /** Default: `DATABASE_URL` when set, else PGlite in memory. */
  readonly database?: Database
  /** Console output (default `process.stdout.write`); `null` for none. */
  readonly write?: ((s: string) => void) | null
  /** Redraw progress bars in place (default: whether stdout is a terminal). */
  readonly tty?: boolean
}

/** One data error, where it is in the workbook. */
export interface DataError {
  readonly sheet: string | undefined
  readonly row: number | undefined
  readonly column: string | undefined
  readonly header: string | undefined
  readonly code: string
  readonly raw: unknown
  readonly message: string
}

export interface FundSummary {
  readonly fund: Fund
  readonly envelope: Money.Money
  readonly allocated: Money.Money
  readonly unallocated: Money.Money
  /** Sum of the outcomes' allocated amounts (equals `allocated`). */
  readonly sumOfOutcomes: Money.Money
  readonly funded: ReadonlyArray<string>
  readonly partlyFunded: ReadonlyArray<string>
  readonly unfunded: ReadonlyArray<string>
}

export interface ContractSummary {
  readonly id: string
  readonly proposalId: string
  readonly approved: Money.Money
  readonly advanced: Money.Money
  readonly paid: Money.Money
  readonly disbursed: Money.Money
  readonly settled: Money.Money | undefined
  readonly events: number
}

export interface RejectedEvent {
  readonly contractId: string
  readonly kind: Ledger.Kind
  readonly date: LocalDate.LocalDate
  readonly amount: Money.Money
  readonly code: string
  readonly rule: string
  readonly citation: string | undefined
  readonly message: string
}

/** What a run did. */
export interface Summary {
  readonly database: { readonly driver: "pglite" | "pg"; readonly where: string }
  readonly import: {
    readonly file: string
    readonly sheet: string | undefined
    readonly rowsRead: number
    /** Proposal rows (valid or not; group rows and the header excluded). */
    readonly proposalRows: number
    readonly imported: number
    readonly skipped: number
    readonly errors: ReadonlyArray<DataError>
    readonly errorCodes: ReadonlyArray<string>
  }
  readonly evaluated: number
  readonly eligible: ReadonlyArray<string>
  readonly ineligible: ReadonlyArray<string>
  readonly funds: ReadonlyArray<FundSummary>
  readonly stored: {
    readonly establishments: number
    readonly proposals: number
    readonly evaluations: number
    readonly allocations: number
    /** Allocations found already stored (a rerun on a kept database): never overwritten. */
    readonly allocationsKept: number
  }
  readonly contracts: ReadonlyArray<ContractSummary>
  readonly rejected: ReadonlyArray<RejectedEvent>
  readonly reports: { readonly plan: string; readonly allocation: string; readonly progress: string }
  readonly seconds: number
}

const f = (m: Money.Money): string => Money.format(m)
const day = (s: string): LocalDate.LocalDate => LocalDate.parseOrThrow(s)

/** The default database: the server in `DATABASE_URL`, else PGlite in memory. */
export const defaultDatabase = (argv: ReadonlyArray<string> = process.argv.slice(2)): Database => {
  const url = process.env["DATABASE_URL"]
  if (url !== undefined && url !== "") return { kind: "url", url }
  const i = argv.indexOf("--data-dir")
  if (i !== -1) {
    const next = argv[i + 1]
    return { kind: "dir", dir: next !== undefined && !next.startsWith("--") ? next : join(examplesDir(), "provincial-plan", ".data") }
  }
  return { kind: "memory" }
}

/** A connection string without its password, for printing. */
const redact = (url: string): string => {
  try {
    const u = new URL(url)
    if (u.password !== "") u.password = "***"
    return u.toString()
  } catch {
    return "(DATABASE_URL)"
  }
}

const unwrap = <A, E>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: E }, what: string): A => {
  if (r.ok) return r.value
  const e = r.error as { message?: string }
  throw new Error(`${what}: ${e.message ?? String(r.error)}`, { cause: r.error })
}

/** Run the example; returns what it did. */
export async function run(options: Options = {}): Promise<Summary> {
  const started = performance.now()
  const write = options.write === null ? () => {} : (options.write ?? ((s: string) => void process.stdout.write(s)))
  const tty = options.tty ?? (options.write === undefined && process.stdout.isTTY === true)
  const say = (s = ""): void => write(`${s}\n`)
  const here = join(examplesDir(), "provincial-plan")
  const file = options.register ?? registerFile()
  const outDir = options.outDir ?? join(here, "out")
  const database = options.database ?? defaultDatabase()
  const source = readSource()

  // ---------------------------------------------------------------------------------------------
  // 1. Import the register

  say(`Kế hoạch khuyến công năm 2024 — ${source.province.name} (${source.province.code}): from the register to the reports`)
  say()
  const importBar = bar("import", 0, "proposals", write, tty)
  let read = 0
  const imported = await Xlsx.readRegister(file, {
    activities,
    onProposal: () => importBar.update(++read)
  })
  const register: RegisterMapping.Register | undefined = imported.ok ? imported.value : imported.error.partial
  if (register === undefined) throw imported.ok ? new Error("unreachable") : imported.error
  const issues: ReadonlyArray<ImportIssue> = imported.ok ? [] : imported.error.issues
  const badRows = new Set(issues.map((i) => i.row))
  const proposalRows = register.proposals.length + badRows.size
  importBar.finish(`${relative(process.cwd(), file)}, sheet "${register.sheet ?? "?"}": ${register.proposals.length} of ${proposalRows} proposal rows valid`)

  const errors: ReadonlyArray<DataError> = issues.map((i) => ({
    sheet: i.sheet,
    row: i.row,
    column: i.column,
    header: i.header,
    code: i.code,
    raw: i.raw,
    message: i.message
  }))

  // ---------------------------------------------------------------------------------------------
  // 2. Establishments and the plan (from the province's own records, not the register)

  const asOf = LocalDate.startOfYear(2024)
  const establishments = new Map<string, Establishment.Establishment>()
  for (const raw of source.establishments) establishments.set(...((e) => [e.id, e] as const)(unwrap(Establishment.decode(raw, { asOf }), "establishment")))
  const proposals = register.proposals

  // ---------------------------------------------------------------------------------------------
  // 3. Evaluate (national levels; the province's overlay for local-fund proposals)

  const national = Pack.loadOrThrow(pack)
  const overlay = overlays.find((o) => o.province === source.province.code)
  const rules = overlay === undefined ? national : Overlay.applyOrThrow(national, overlay)
  const cache = Evaluate.makeCache()
  const evalBar = bar("evaluate", proposals.length, "proposals", write, tty)
  const evaluations = new Map<string, Evaluate.Evaluation>()
  proposals.forEach((p, k) => {
    const resolved = unwrap(cache.get(rules, Evaluate.dateOf(p)), `${p.id}: no rules on its date`)
    evaluations.set(p.id, unwrap(Evaluate.evaluate(p, resolved, { establishments, trace: true }), `${p.id}: not evaluated`))
    evalBar.update(k + 1)
  })
  const eligible = proposals.filter((p) => evaluations.get(p.id)?.verdict === "eligible" && (evaluations.get(p.id)?.payable ?? 0n) > 0n)
  const ineligible = proposals.filter((p) => evaluations.get(p.id)?.verdict === "ineligible")
  evalBar.finish(`${national.id} ${national.version}${overlay === undefined ? "" : ` + ${overlay.id} (local fund)`}: ${eligible.length} eligible, ${ineligible.length} not`)

  // ---------------------------------------------------------------------------------------------
  // 4. Rank and allocate each fund's envelope

  const plan = unwrap(
    Plan.decode({ ...(source.plan as Record<string, unknown>), proposalIds: proposals.map((p) => p.id) }),
    "the plan (kế hoạch)"
  )
  const ranking = new Map<string, Priority.Ranked>()
  const rankingContext: Priority.Context = { resolved: Pack.resolveOrThrow(rules, LocalDate.endOfYear(plan.year)), establishments }
  const policy: Allocation.Policy = { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }
  const fundOf = (e: Plan.BudgetEnvelope): Fund => (e.source.kind === "local-budget" ? "local" : "national")
  const allocations = new Map<Fund, { envelope: Money.Money; allocation: Allocation.Allocation }>()
  for (const fund of FUNDS) {
    const ranked = unwrap(Priority.rank(eligible.filter((p) => p.fund === fund), rankingContext), `ranking ${fund}`)
    for (const r of ranked) ranking.set(r.proposalId, r)
    const envelope = Money.sum(plan.envelopes.filter((e) => fundOf(e) === fund).map((e) => e.amount))
    const candidates = ranked.map((r) => ({ id: r.proposalId, requested: evaluations.get(r.proposalId)?.payable ?? Money.zero }))
    allocations.set(fund, { envelope, allocation: unwrap(Allocation.allocate({ envelope, candidates, policy }), `allocation ${fund}`) })
  }
  const outcomeOf = (id: string): Allocation.Outcome | undefined => {
    for (const a of allocations.values()) {
      const o = Allocation.outcomeOf(a.allocation, id)
      if (o !== undefined) return o
    }
    return undefined
  }
  const allocatedOf = (id: string): Money.Money => outcomeOf(id)?.allocated ?? Money.zero
  const funded = proposals.filter((p) => allocatedOf(p.id) > 0n)

  // ---------------------------------------------------------------------------------------------
  // 5. Store

  if (database.kind === "dir") mkdirSync(database.dir, { recursive: true })
  const store: PostgresStore = await open(
    database.kind === "url"
      ? { connectionString: database.url, schema: "khuyencong_example" }
      : database.kind === "dir"
        ? { dataDir: database.dir, useEnvironment: false }
        : { useEnvironment: false }
  )
  const where = database.kind === "url" ? `server ${redact(database.url)} (DATABASE_URL), schema ${store.schema}` : database.kind === "dir" ? `PGlite in ${relative(process.cwd(), database.dir) || "."}` : "PGlite in memory"
  const s = Storage.toAsync(store)
  const stored = { establishments: 0, proposals: 0, evaluations: 0, allocations: 0, allocationsKept: 0 }
  const contracts: Array<ContractSummary> = []
  const rejected: Array<RejectedEvent> = []
  const ledgerEvents: Array<{ proposalId: string; event: Ledger.Event }> = []
  try {
    const chunk = 8
    const total = 1 + proposals.length + proposals.length + 1 + FUNDS.length + funded.length + ineligible.length
    const storeBar = bar("store", total, "records", write, tty)
    let done = 0
    stored.establishments = unwrap(await s.saveEstablishments([...establishments.values()], { asOf }), "establishments")
    storeBar.update(++done)
    for (let i = 0; i < proposals.length; i += chunk) {
      const batch = proposals.slice(i, i + chunk)
      stored.proposals += unwrap(await s.saveProposals(batch, { status: "submitted", author: "Phòng Quản lý công nghiệp" }), "proposals").length
      storeBar.update((done += batch.length))
    }
    const evals = proposals.map((p) => evaluations.get(p.id)).filter((e): e is Evaluate.Evaluation => e !== undefined)
    for (let i = 0; i < evals.length; i += chunk) {
      const batch = evals.slice(i, i + chunk)
      stored.evaluations += unwrap(await s.saveEvaluations(batch), "evaluations").length
      storeBar.update((done += batch.length))
    }
    unwrap(await s.savePlan(plan), "plan")
    storeBar.update(++done)
    for (const fund of FUNDS) {
      const a = allocations.get(fund)
      if (a === undefined) continue
      const id = `${plan.id}/${fund}`
      // Allocations are never overwritten: a rerun on a kept database finds the first one.
      const existing = unwrap(await s.getAllocation(id), "allocation")
      if (existing === undefined) {
        unwrap(await s.saveAllocation({ id, planId: plan.id, allocation: a.allocation }), `allocation ${id}`)
        stored.allocations++
      } else stored.allocationsKept++
      storeBar.update(++done)
    }
    // The decision: funded proposals approved, ineligible ones rejected (a new version of each).
    unwrap(await s.saveProposals(funded, { status: "approved", note: "Quyết định phê duyệt kế hoạch khuyến công năm 2024" }), "approved")
    storeBar.update((done += funded.length))
    unwrap(await s.saveProposals(ineligible, { status: "rejected", note: "Không đủ điều kiện hỗ trợ" }), "rejected")
    storeBar.update((done += ineligible.length))
    storeBar.finish(stored.allocationsKept === 0 ? where : `${where} (${stored.allocationsKept} allocations kept from an earlier run)`)

    // -------------------------------------------------------------------------------------------
    // 6. Contracts and the ledger: advances, acceptance, payments, settlement

    const rankedFunded = (fund: Fund): ReadonlyArray<Proposal.Proposal> =>
      funded.filter((p) => p.fund === fund).sort((a, b) => (ranking.get(a.id)?.position ?? 0) - (ranking.get(b.id)?.position ?? 0))
    const chosen: ReadonlyArray<{ p: Proposal.Proposal; script: "settled" | "paid" | "advanced" }> = [
      ...rankedFunded("national")
        .slice(0, 3)
        .map((p, k) => ({ p, script: (["settled", "paid", "advanced"] as const)[k] ?? "advanced" })),
      ...rankedFunded("local")
        .slice(0, 1)
        .map((p) => ({ p, script: "advanced" as const }))
    ]
    let n = 0
    for (const { p, script } of chosen) {
      n++
      const national = p.fund === "national"
      const id = `${String(n).padStart(2, "0")}/2024/HĐ-KC${national ? "QG" : "ĐP"}`
      const activity = p.activities[0]?.activity ?? "machinery"
      const input: Contract.Input = {
        id,
        approvedSupport: allocatedOf(p.id),
        activities: [activity],
        signed: national ? day("2024-04-10") : day("2024-08-05"),
        approved: p.approvalDate ?? day("2024-03-15"),
        planYear: 2024,
        implementingUnit: p.implementingUnit.name,
        province: source.province.code
      }
      const record = unwrap(await s.saveContract(input, pack, { proposalId: p.id }), `contract ${id}`)
      const c = record.contract
      const events = scriptOf(c, script, national)
      for (const e of events) {
        const r = await s.postEvent(id, e)
        if (r.ok) ledgerEvents.push({ proposalId: p.id, event: r.value.event })
        else {
          const err = r.error as { code: string; message: string; rule?: string; citation?: string }
          rejected.push({ contractId: id, kind: e.kind, date: e.date, amount: e.amount, code: err.code, rule: err.rule ?? "", citation: err.citation, message: err.message })
        }
      }
      const b = unwrap(await s.balances(id), "balances")
      if (b === undefined) continue
      const ledger = unwrap(await s.getLedger(id), "ledger")
      contracts.push({
        id,
        proposalId: p.id,
        approved: b.approved,
        advanced: b.advanced,
        paid: b.paid,
        disbursed: b.disbursed,
        settled: b.settled,
        events: ledger?.events.length ?? 0
      })
    }
  } finally {
    await s.close()
  }

  // ---------------------------------------------------------------------------------------------
  // 7. Reports

  mkdirSync(outDir, { recursive: true })
  const reports = {
    plan: join(outDir, "ke-hoach-khuyen-cong-2024.xlsx"),
    allocation: join(outDir, "phan-bo-kinh-phi-2024.xlsx"),
    progress: join(outDir, "tien-do-giai-ngan-2024.xlsx")
  }
  for (const path of Object.values(reports)) if (existsSync(path)) rmSync(path)
  const titles = new Map(proposals.map((p) => [p.id, p.title] as const))
  const planRows = unwrap(
    Report.planRowsOf(
      funded,
      new Map(funded.map((p) => [p.id, allocatedOf(p.id)] as const))
    ),
    "plan rows"
  )
  unwrap(
    await Xlsx.exportPlan(planRows, {
      path: reports.plan,
      title: `KẾ HOẠCH KHUYẾN CÔNG NĂM 2024 — TỈNH ${source.province.name.toUpperCase()}`,
      activityNames: Object.fromEntries(activities.map((a) => [a.code, a.nameVi]))
    }),
    "plan report"
  )
  const allocationTables = FUNDS.flatMap((fund) => {
    const a = allocations.get(fund)
    if (a === undefined) return []
    const { rows, summary } = Report.allocationRowsOf(a.allocation, titles)
    const name = fund === "national" ? "KHUYẾN CÔNG QUỐC GIA" : "KHUYẾN CÔNG ĐỊA PHƯƠNG"
    return [Report.allocation(rows, { summary, title: `KẾT QUẢ PHÂN BỔ KINH PHÍ ${name} NĂM 2024`, sheet: fund === "national" ? "KCQG" : "KCĐP" })]
  })
  unwrap(await Xlsx.writeTables(allocationTables, { path: reports.allocation }), "allocation report")
  const progress = unwrap(
    Progress.report({
      assignments: funded.map((p) => ({
        id: p.id,
        amount: allocatedOf(p.id),
        province: source.province.name,
        fund: p.fund,
        activity: p.activities[0]?.activity ?? ""
      })),
      disbursements: ledgerEvents.flatMap(({ proposalId, event }) =>
        event.kind === "advance" || event.kind === "payment" ? [{ date: event.date, amount: event.amount, assignment: proposalId }] : []
      ),
      asOf: day("2024-12-31")
    }),
    "progress report"
  )
  const activityName = new Map(activities.map((a) => [a.code, a.nameVi] as const))
  unwrap(
    await Xlsx.exportProgress(
      Report.progressTables(progress, {
        title: "TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG NĂM 2024",
        label: (d, key) => (d === "activity" ? activityName.get(key) : undefined)
      }),
      { path: reports.progress }
    ),
    "progress report"
  )

  // ---------------------------------------------------------------------------------------------
  // 8. The console summary

  say()
  if (errors.length > 0) {
    say(`Data errors (lỗi dữ liệu): ${errors.length} in ${badRows.size} rows; those rows are not evaluated`)
    for (const e of errors)
      say(`  ✗ ${e.sheet ?? "?"}!${e.column ?? "?"}${e.row ?? "?"}  ${e.header ?? ""}  [${e.code}]  ${e.raw === null || e.raw === undefined ? "(empty)" : JSON.stringify(e.raw)}`)
    say()
  }
  if (ineligible.length > 0) {
    say("Not eligible (không đủ điều kiện):")
    for (const p of ineligible) {
      const e = evaluations.get(p.id)
      if (e === undefined) continue
      const first = Eligibility.failures(e.eligibility)[0]
      say(`  ${p.id}: ${first?.message ?? e.verdict}`)
    }
    say()
  }

  const STATUS: Record<Allocation.Status, string> = { funded: "funded", "partly-funded": "partly", unfunded: "unfunded" }
  const ordered = [...proposals].sort((a, b) =>
    a.fund !== b.fund
      ? a.fund === "national"
        ? -1
        : 1
      : (ranking.get(a.id)?.position ?? Number.MAX_SAFE_INTEGER) - (ranking.get(b.id)?.position ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id)
  )
  say(
    render(
      [
        { header: "#", align: "right" },
        { header: "proposal (đề án)" },
        { header: "title", max: 34 },
        { header: "fund" },
        { header: "verdict" },
        { header: "support (mức hỗ trợ)", align: "right" },
        { header: "allocated (phân bổ)", align: "right" },
        { header: "status" }
      ],
      ordered.map((p) => {
        const e = evaluations.get(p.id)
        const o = outcomeOf(p.id)
        return [
          String(ranking.get(p.id)?.position ?? "–"),
          p.id,
          p.title,
          p.fund,
          e?.verdict ?? "–",
          e === undefined ? "–" : f(e.payable),
          o === undefined ? "–" : f(o.allocated),
          o === undefined ? (e?.verdict === "eligible" ? "–" : "not eligible") : STATUS[o.status]
        ]
      })
    )
  )
  say()

  const funds: Array<FundSummary> = []
  for (const fund of FUNDS) {
    const a = allocations.get(fund)
    if (a === undefined) continue
    const t = a.allocation.totals
    const outs = a.allocation.outcomes
    funds.push({
      fund,
      envelope: t.envelope,
      allocated: t.allocated,
      unallocated: t.unallocated,
      sumOfOutcomes: Money.sum(outs.map((o) => o.allocated)),
      funded: outs.filter((o) => o.status === "funded").map((o) => o.id),
      partlyFunded: outs.filter((o) => o.status === "partly-funded").map((o) => o.id),
      unfunded: outs.filter((o) => o.status === "unfunded").map((o) => o.id)
    })
    const label = fund === "national" ? "national funds (KCQG)" : "local funds (KCĐP)"
    say(`  ${label.padEnd(22)} envelope ${f(t.envelope).padStart(17)}  allocated ${f(t.allocated).padStart(17)}  unallocated ${f(t.unallocated).padStart(15)}`)
  }
  say()

  say("Contracts and the ledger (hợp đồng, tạm ứng, nghiệm thu cơ sở, thanh toán, quyết toán):")
  say(
    render(
      [
        { header: "contract" },
        { header: "proposal" },
        { header: "approved", align: "right" },
        { header: "advanced", align: "right" },
        { header: "paid", align: "right" },
        { header: "settled", align: "right" },
        { header: "events", align: "right" }
      ],
      contracts.map((c) => [c.id, c.proposalId, f(c.approved), f(c.advanced), f(c.paid), c.settled === undefined ? "–" : f(c.settled), String(c.events)])
    )
  )
  for (const r of rejected) {
    say(`  ✗ refused: ${r.kind} of ${f(r.amount)} on ${LocalDate.formatVi(r.date)} to ${r.contractId} [${r.code}]`)
    say(`      rule ${r.rule}: ${r.citation ?? "(no citation)"}`)
    say(`      ${r.message}`)
  }
  say(`  disbursed (giải ngân) by 31/12/2024: ${f(progress.total.disbursed)} of ${f(progress.total.assigned)} allocated (${progress.total.shown?.text ?? "–"})`)
  say()
  say("Reports (báo cáo):")
  for (const path of Object.values(reports)) say(`  ${relative(process.cwd(), path)}`)
  const seconds = (performance.now() - started) / 1000
  say()
  say(`Database: ${where}. Done in ${seconds.toFixed(2)} s.`)

  return {
    database: { driver: store.driver, where },
    import: {
      file,
      sheet: register.sheet,
      rowsRead: register.rowsRead,
      proposalRows,
      imported: register.proposals.length,
      skipped: register.skipped.length,
      errors,
      errorCodes: errors.map((e) => e.code)
    },
    evaluated: evaluations.size,
    eligible: eligible.map((p) => p.id),
    ineligible: ineligible.map((p) => p.id),
    funds,
    stored,
    contracts,
    rejected,
    reports,
    seconds
  }
}

/**
 * The events posted to a contract, following its terms: the first advance (with the progress its
 * tier asks for), an early request for the remainder (refused: the remainder needs base-level
 * acceptance), then acceptance with a payment of the rest, and the settlement.
 */
function scriptOf(c: Contract.Contract, script: "settled" | "paid" | "advanced", national: boolean): ReadonlyArray<Ledger.Event> {
  const approved = c.approvedSupport
  const tier = c.terms.tier
  const first = Money.multiplyByRate(approved, tier.firstAdvance.value, Rounding.down1000).value
  const progressShare = tier.condition.kind === "progress-over" ? Rate.make(4n, 5n) : undefined
  const y = (md: string): LocalDate.LocalDate => day(`2024-${national ? md : later(md)}`)
  const key = (k: string): string => `${c.id}:${k}`
  const events: Array<Ledger.Event> = []
  const canAdvance = tier.condition.kind === "none" || tier.condition.kind === "progress-over"
  if (canAdvance && first > 0n)
    events.push({
      id: "1",
      idempotencyKey: key("advance-1"),
      kind: "advance",
      date: y("05-06"),
      amount: first,
      ...(progressShare === undefined ? {} : { evidence: { progressShare } })
    })
  if (script === "advanced") return events
  // On the first contract, the unit asks for the remainder before the work is accepted: refused.
  if (script === "settled" && canAdvance)
    events.push({ id: "2", idempotencyKey: key("advance-2"), kind: "advance", date: y("08-20"), amount: Money.subtract(approved, first) })
  const accepted = y("10-25")
  events.push({
    id: "3",
    idempotencyKey: key("payment-1"),
    kind: "payment",
    date: y("11-05"),
    amount: canAdvance ? Money.subtract(approved, first) : approved,
    evidence: { baseAcceptance: accepted, completedValue: approved }
  })
  if (script === "paid") return events
  events.push({ id: "4", idempotencyKey: key("settlement"), kind: "settlement", date: y("12-16"), amount: approved })
  return events
}

/** Local-fund contracts start after the provincial resolution (11/7/2024): shift by a few months. */
function later(md: string): string {
  const [m, d] = md.split("-")
  const month = Math.min(12, Number(m) + 3)
  return `${String(month).padStart(2, "0")}-${d ?? "01"}`
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await run()
}
