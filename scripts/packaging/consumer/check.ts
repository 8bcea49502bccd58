// The same use from TypeScript, type-checked with moduleResolution node16 and bundler
// (tsc --noEmit, skipLibCheck off): the published declarations of every package must resolve and
// type the public API, here without pg and PGlite installed (adapters-postgres's optional peers).
import { AdminUnits, Allocation, Establishment, Evaluate, LocalDate, Money, Pack, Proposal, Rate, type Errors, type RulePack } from "@khuyencong/core"
import { proposal as anyProposal } from "@khuyencong/core/testing"
import { overlays, pack } from "@khuyencong/rules-2021-2025"
import { pack as pack2014 } from "@khuyencong/rules-2014-2018"
import { pack as pack2026 } from "@khuyencong/rules-2026-2030"
import { Cases } from "@khuyencong/cases"
import { Storage } from "@khuyencong/storage"
import { memoryStore } from "@khuyencong/storage/testing"
import { Csv, Report, Xlsx, type ImportIssue } from "@khuyencong/adapters-excel"
import { open, type OpenOptions, type PostgresStore } from "@khuyencong/adapters-postgres"
import * as fc from "fast-check"

const cost: Money.Money = Money.parseOrThrow("1, 35 tỷ")
const words: string = Money.format(cost, { style: "words" })
const day: LocalDate.LocalDate = LocalDate.parseOrThrow("30/06/2024")

const rules: RulePack.RulePack = Pack.loadOrThrow(pack)
const overlayIds: ReadonlyArray<string> = overlays.map((o) => o.id)

export const evaluate = (json: unknown, establishments: ReadonlyMap<string, Establishment.Establishment>): Money.Money | Errors.ValidationError => {
  const p = Proposal.decode(json)
  if (!p.ok) return p.error
  const e: Evaluate.Evaluation = Evaluate.evaluateOrThrow(p.value, Pack.resolveOrThrow(rules, Evaluate.dateOf(p.value)), { establishments })
  return e.payable
}

const allocation: Allocation.Allocation = Allocation.allocateOrThrow({
  envelope: cost,
  candidates: [{ id: "A", requested: Money.make(900_000_000n) }, { id: "B", requested: Money.make(600_000_000n) }],
  policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n) }
})

// @ts-expect-error Money is branded: a plain bigint is not money
const notMoney: Money.Money = 5n

const sample: ReadonlyArray<Proposal.Proposal> = fc.sample(anyProposal, 1)

const store: Storage.Store = memoryStore()
const db: Storage.AsyncStore = Storage.toAsync(store)

const packs: ReadonlyArray<RulePack.RulePack> = [pack2014, pack2026].map((m) => Pack.loadOrThrow(m))
const provinces: number = AdminUnits.provinceVersions().length
export const runCases = (text: string): number => Cases.run(Cases.parseOrThrow(text, "cases.yaml"), Cases.installOrThrow([{ pack }])).length

export const planBytes = async (proposals: ReadonlyArray<Proposal.Proposal>): Promise<Uint8Array | undefined> => {
  const rows = Report.planRowsOf(proposals)
  if (!rows.ok) return undefined
  const xlsx = await Xlsx.exportPlan(rows.value)
  return xlsx.ok ? xlsx.value : undefined
}
export const csvIssues = (text: string): ReadonlyArray<ImportIssue> => {
  const r = Csv.readRegister(text, { activities: [] })
  return r.ok ? [] : r.error.issues
}

const options: OpenOptions = { dataDir: "./data", schema: "khuyencong", migrate: false }
export const pgStore: () => Promise<PostgresStore> = () => open(options)

export const used = [words, day, overlayIds, allocation.totals.unallocated, notMoney, sample, db, packs, provinces] as const
