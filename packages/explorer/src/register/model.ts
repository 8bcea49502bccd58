/**
 * The register tab's work, all done by the library: read the register from the bytes of an .xlsx
 * (`Workbook.readRegister` of `@khuyencong/adapters-excel/browser`, the Node reader's mapping),
 * word its cell errors in Vietnamese and English (`Issues.messageOf`), decode the establishments
 * (`Establishment.decode`) and the plan with its envelopes (`Plan.decode`), appraise it
 * (`Appraisal.appraise`: evaluation under the pack governing each proposal, the province's overlay
 * for the local fund, ranking, allocation of each fund's envelope), and write the plan workbook
 * (`Report.planRowsOf`, `Workbook.exportPlan`), as the CLI's `khuyencong evaluate` does in Node.
 * Only the sums for the charts are the page's own: exact, in đồng (`Split.split`).
 */
import { Issues, Report, Workbook, type ImportIssue, type Register } from "@khuyencong/adapters-excel/browser"
import { AdminUnits, Appraisal, Establishment, LocalDate, Messages, Overlay, Plan, Rate, Split, type Allocation, type Errors, type RulePack } from "@khuyencong/core"
import * as r2014 from "@khuyencong/rules-2014-2018"
import * as r2021 from "@khuyencong/rules-2021-2025"
import * as r2026 from "@khuyencong/rules-2026-2030"
import { nationalPacks } from "../evaluate/model.js"

// ---------------------------------------------------------------------------------------------
// Rules

/** The packs' modules, for their provincial overlays. */
const MODULES: ReadonlyArray<{ readonly pack: { readonly id: string }; readonly overlays: ReadonlyArray<Overlay.Overlay> }> = [r2014, r2021, r2026]

/**
 * The installed national packs (loaded once for the page, by the evaluation view's model), each with
 * the province's overlay applied when it has one (as the CLI's `rulesFor`).
 */
export const rulesFor = (province: string | undefined): ReadonlyArray<RulePack.RulePack> =>
  nationalPacks().map((national) => {
    const overlays = MODULES.find((m) => m.pack.id === national.id)?.overlays ?? []
    const overlay = province === undefined ? undefined : overlays.find((o) => o.province === province)
    if (overlay === undefined) return national
    const r = Overlay.apply(national, overlay)
    return r.ok ? r.value : national
  })

/** Activity names by code, from every installed pack (the later pack's name when they differ). */
export const activityNames = (): ReadonlyMap<string, { readonly vi: string; readonly en: string }> => {
  const names = new Map<string, { readonly vi: string; readonly en: string }>()
  for (const p of nationalPacks()) for (const a of p.activities) names.set(a.code, { vi: a.nameVi, en: a.name })
  return names
}

// ---------------------------------------------------------------------------------------------
// Reading

/** A problem in both languages, with where it is: a cell of the register, or a field of a file. */
export interface Problem {
  /** The sheet, for a register issue. */
  readonly sheet: string | undefined
  /** The cell (`K24`), the row (`24`) or a path (`establishments.3.taxCode`); empty when it is about the whole file. */
  readonly where: string
  readonly row: number | undefined
  readonly column: string | undefined
  /** The register field or header the cell belongs to. */
  readonly field: string | undefined
  readonly code: string
  readonly vi: string
  readonly en: string
}

const problemOfIssue = (i: ImportIssue): Problem => ({
  sheet: i.sheet,
  where: `${i.column ?? ""}${i.row ?? ""}`,
  row: i.row,
  column: i.column,
  field: i.header ?? i.field,
  code: i.code,
  vi: Issues.messageOf(i, "vi"),
  en: Issues.messageOf(i, "en")
})

const problemOf = (where: string, e: Messages.IssueLike): Problem => ({
  sheet: undefined,
  where,
  row: undefined,
  column: undefined,
  field: undefined,
  code: e.code,
  vi: Messages.messageOf(e, "vi"),
  en: Messages.messageOf(e, "en")
})

/** A register read: what could be read (the valid rows), its errors by cell and its warnings. */
export interface Read {
  readonly register: Register.Register | undefined
  readonly errors: ReadonlyArray<Problem>
  readonly warnings: ReadonlyArray<Problem>
}

/** Read a register from the bytes of an .xlsx file, with the law's activity catalogue. */
export const readRegister = async (bytes: Uint8Array): Promise<Read> => {
  const r = await Workbook.readRegister(bytes, {})
  const register = r.ok ? r.value : r.error.partial
  return {
    register,
    errors: r.ok ? [] : r.error.issues.map(problemOfIssue),
    warnings: (register?.warnings ?? []).map(problemOfIssue)
  }
}

/** The plan year the register states (title or sheet), else that of its first proposal. */
export const yearOf = (register: Register.Register): number | undefined => register.context.planYear?.value ?? register.proposals[0]?.planYear

/** The province most of the register's proposals are carried out in (its code). */
export const provinceOf = (register: Register.Register): string | undefined => {
  const count = new Map<string, number>()
  for (const p of register.proposals) for (const l of p.locations) count.set(l.provinceCode, (count.get(l.provinceCode) ?? 0) + 1)
  return [...count.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0]
}

/** Establishments read from JSON, and the envelopes of a plan given beside them. */
export interface EstablishmentsRead {
  readonly establishments: ReadonlyMap<string, Establishment.Establishment>
  readonly problems: ReadonlyArray<Problem>
  /** The plan's envelopes by fund, when the file holds a `plan` (as the CLI's `--establishments` file may). */
  readonly envelopes: { readonly national?: bigint; readonly local?: bigint }
}

/**
 * Establishments from JSON text: a list, or an object with an `establishments` list (and maybe a
 * `plan`), each decoded as of `asOf` (the CLI's `--establishments` format).
 */
export const readEstablishments = (text: string, asOf: LocalDate.LocalDate): EstablishmentsRead => {
  const establishments = new Map<string, Establishment.Establishment>()
  const problems: Array<Problem> = []
  let raw: unknown
  try {
    raw = JSON.parse(text) as unknown
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e)
    return {
      establishments,
      problems: [{ ...problemOf("", { code: "explorer/invalid-json" }), vi: `Tệp cơ sở không phải JSON hợp lệ: ${m}`, en: `The establishments file is not valid JSON: ${m}` }],
      envelopes: {}
    }
  }
  const list = Array.isArray(raw) ? raw : (raw as { establishments?: unknown } | null)?.establishments
  if (!Array.isArray(list))
    return {
      establishments,
      problems: [{ ...problemOf("", { code: "explorer/no-establishments" }), vi: "Tệp cần là một danh sách cơ sở, hoặc một đối tượng có danh sách \"establishments\"", en: 'The file must be a list of establishments, or an object with an "establishments" list' }],
      envelopes: {}
    }
  list.forEach((json: unknown, k) => {
    const r = Establishment.decode(json, { asOf })
    if (r.ok) establishments.set(r.value.id, r.value)
    else for (const i of r.error.issues) problems.push(problemOf(`establishments.${k}.${i.path.join(".")}`, i))
  })
  const plan = Array.isArray(raw) ? undefined : (raw as { plan?: unknown }).plan
  const decoded = plan === undefined ? undefined : Plan.decode({ ...(plan as object), proposalIds: [] })
  const envelopes: { national?: bigint; local?: bigint } = {}
  if (decoded?.ok === true)
    for (const e of decoded.value.envelopes) {
      const fund = Appraisal.fundOfEnvelope(e)
      if (fund !== undefined) envelopes[fund] = (envelopes[fund] ?? 0n) + e.amount
    }
  return { establishments, problems, envelopes }
}

// ---------------------------------------------------------------------------------------------
// Appraisal

/** The allocation policies of the CLI's `--policy`. */
export type PolicyKind = "partial-marginal" | "whole-only"

/** A policy as the CLI's `khuyencong evaluate --policy` sets it. */
export const policyOf = (kind: PolicyKind): Allocation.Policy =>
  kind === "whole-only" ? { kind: "whole-only" } : { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }

/** What the appraisal needs besides the register. */
export interface Inputs {
  readonly register: Register.Register
  readonly establishments: ReadonlyMap<string, Establishment.Establishment>
  /** Kinh phí khuyến công quốc gia (central budget), đồng. */
  readonly national: bigint
  /** Kinh phí khuyến công địa phương (local budget), đồng. */
  readonly local: bigint
  readonly policy: PolicyKind
  readonly province: string
}

export type Appraised = { readonly ok: true; readonly value: Appraisal.Appraisal } | { readonly ok: false; readonly problems: ReadonlyArray<Problem> }

/** The register's plan (its year and province, one envelope a fund) appraised by `Appraisal.appraise`. */
export const appraise = (inputs: Inputs): Appraised => {
  const { register, province } = inputs
  const year = yearOf(register) ?? 2024
  const envelope = (amount: bigint, kind: "central-budget" | "local-budget") => ({
    year,
    level: "provincial",
    provinceCode: province,
    amount: amount.toString(),
    source: { kind }
  })
  const plan = Plan.decode({
    id: `KH-${year}`,
    year,
    level: "provincial",
    provinceCode: province,
    envelopes: [...(inputs.national > 0n ? [envelope(inputs.national, "central-budget")] : []), ...(inputs.local > 0n ? [envelope(inputs.local, "local-budget")] : [])],
    proposalIds: register.proposals.map((p) => p.id)
  })
  if (!plan.ok) return { ok: false, problems: plan.error.issues.map((i) => problemOf(`plan.${i.path.join(".")}`, i)) }
  const r = Appraisal.appraise({
    proposals: register.proposals,
    establishments: inputs.establishments,
    plan: plan.value,
    rules: rulesFor(province),
    policy: policyOf(inputs.policy)
  })
  if (!r.ok) {
    const e = r.error as Errors.ValidationError | Errors.LookupError | Errors.RuleViolation
    const issues: ReadonlyArray<Messages.IssueLike & { readonly path: ReadonlyArray<string | number> }> = "issues" in e && e.issues.length > 0 ? e.issues : [e]
    return { ok: false, problems: issues.map((i) => problemOf(i.path.join("."), i)) }
  }
  return { ok: true, value: r.value }
}

// ---------------------------------------------------------------------------------------------
// Sums for the charts

/** An amount allocated to one activity or place, with the proposals funded there. */
export interface Slice {
  readonly key: string
  readonly vi: string
  readonly en: string
  readonly allocated: bigint
  readonly proposals: number
}

const add = (m: Map<string, { vi: string; en: string; allocated: bigint; ids: Set<string> }>, key: string, vi: string, en: string, amount: bigint, id: string) => {
  const s = m.get(key) ?? { vi, en, allocated: 0n, ids: new Set<string>() }
  s.allocated += amount
  s.ids.add(id)
  m.set(key, s)
}

const slices = (m: Map<string, { vi: string; en: string; allocated: bigint; ids: Set<string> }>): ReadonlyArray<Slice> =>
  [...m.entries()]
    .map(([key, s]) => ({ key, vi: s.vi, en: s.en, allocated: s.allocated, proposals: s.ids.size }))
    .sort((a, b) => (b.allocated > a.allocated ? 1 : b.allocated < a.allocated ? -1 : a.key.localeCompare(b.key)))

/**
 * Allocation by activity (nội dung hoạt động): a proposal's allocated amount shared among its
 * activities in proportion to the support each requests (whole đồng, `Split.split`), so the
 * slices add up to the allocated total exactly.
 */
export const byActivity = (appraisal: Appraisal.Appraisal): ReadonlyArray<Slice> => {
  const names = activityNames()
  const m = new Map<string, { vi: string; en: string; allocated: bigint; ids: Set<string> }>()
  for (const x of Appraisal.funded(appraisal)) {
    const acts = x.proposal.activities
    const weights = acts.map((a) => a.costLines.reduce((s, l) => s + l.requestedSupport, 0n))
    const parts = weights.some((w) => w > 0n) ? Split.splitOrThrow(x.allocated, weights).parts : acts.map((_, k) => (k === 0 ? x.allocated : 0n))
    acts.forEach((a, k) => {
      const n = names.get(a.activity)
      add(m, a.activity, n?.vi ?? a.activity, n?.en ?? a.activity, parts[k] ?? 0n, x.proposal.id)
    })
  }
  return slices(m)
}

/**
 * Allocation by place: the district (huyện), or the commune (xã) where there is no district, of a
 * proposal's location as the register states it; for a proposal the register places province-wide,
 * the production location of its beneficiaries (the establishments given); a proposal in several
 * places is under "Nhiều địa bàn", one with no place more precise than the province under "Toàn tỉnh".
 */
export const byPlace = (appraisal: Appraisal.Appraisal, establishments: ReadonlyMap<string, Establishment.Establishment>): ReadonlyArray<Slice> => {
  const m = new Map<string, { vi: string; en: string; allocated: bigint; ids: Set<string> }>()
  const placeOf = (l: { readonly district?: string; readonly commune?: { readonly name: string } }): string => l.district ?? l.commune?.name ?? ""
  for (const x of Appraisal.funded(appraisal)) {
    let places = [...new Set(x.proposal.locations.map(placeOf))]
    if (places.length === 1 && places[0] === "")
      places = [...new Set(x.proposal.beneficiaries.flatMap((b) => { const e = establishments.get(b); return e === undefined ? [] : [placeOf(e.location)] }))].filter((p) => p !== "")
    const [vi, en] = places.length > 1 ? ["Nhiều địa bàn", "Several places"] : places[0] === undefined || places[0] === "" ? ["Toàn tỉnh", "Province-wide"] : [places[0], places[0]]
    add(m, vi, vi, en, x.allocated, x.proposal.id)
  }
  return slices(m)
}

// ---------------------------------------------------------------------------------------------
// The plan workbook

/**
 * The plan workbook (kế hoạch): the funded proposals in register order with their allocated
 * amounts, beneficiaries by name (`beneficiaryNames`, by establishment id) and the plan's province
 * in the issuing body, as the CLI writes it.
 */
export const planWorkbook = async (appraisal: Appraisal.Appraisal, beneficiaryNames: ReadonlyMap<string, string> = new Map()): Promise<{ readonly ok: true; readonly bytes: Uint8Array; readonly name: string } | { readonly ok: false; readonly problems: ReadonlyArray<Problem> }> => {
  const year = appraisal.plan.year
  const funded = [...Appraisal.funded(appraisal)].sort((a, b) => a.index - b.index)
  const rows = Report.planRowsOf(
    funded.map((x) => x.proposal),
    new Map(funded.map((x) => [x.proposal.id, x.allocated] as const))
  )
  if (!rows.ok) return { ok: false, problems: rows.error.issues.map((i) => problemOf(i.path.join("."), i)) }
  const code = appraisal.plan.provinceCode
  const province = code === undefined ? undefined : AdminUnits.provinceOn(code, LocalDate.startOfYear(year))
  const written = await Workbook.exportPlan(rows.value, { title: `KẾ HOẠCH KHUYẾN CÔNG NĂM ${year}`, beneficiaryNames, document: province?.ok === true ? { province: province.value.shortName } : {} })
  if (!written.ok) return { ok: false, problems: [problemOf(written.error.path.join("."), written.error)] }
  return { ok: true, bytes: written.value, name: `ke-hoach-khuyen-cong-${year}.xlsx` }
}

/** The first day of a plan year, the date establishments are decoded as of. */
export const asOfYear = (year: number): LocalDate.LocalDate => LocalDate.startOfYear(year)
