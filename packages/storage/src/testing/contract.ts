/**
 * Storage contract suite (bộ kiểm thử hợp đồng lưu trữ): the checks every {@link Storage.Store}
 * must pass, as plain data: a list of `{ name, run }` cases where `run(store)` returns a promise
 * that rejects (with a `node:assert` `AssertionError`) when the store breaks the contract.
 *
 * The suite is framework-agnostic on purpose: it depends on neither vitest nor any other runner,
 * so adapters run it with whatever they use. Each case needs a fresh, empty store and closes
 * nothing itself. With vitest:
 *
 * ```ts
 * import { describe, it } from "vitest"
 * import { storageContract } from "@khuyencong/storage/testing"
 * describe("my store", () => {
 *   for (const c of storageContract)
 *     it(c.name, async () => {
 *       const store = await openFreshStore()
 *       try { await c.run(store) } finally { await Effect.runPromise(store.close()) }
 *     })
 * })
 * ```
 *
 * The fixtures are self-contained: a small rule pack ({@link suitePack}: one `training` activity
 * with a `training.course` item at 70 % up to 200.000.000 đồng, the soft advance tier of 70 %
 * with a 70 % overall ceiling, the `approved` and `activity-in-catalogue` eligibility rules),
 * establishments and proposals built by {@link fixtures}, evaluations made by `Evaluate.evaluate`,
 * allocations made by `Allocation.allocate` and contracts made by `Contract.make`.
 *
 * @since 0.1.0
 * @module
 */
import { AssertionError, deepStrictEqual, notEqual, ok as assertOk, strictEqual } from "node:assert/strict"
import * as Effect from "effect/Effect"
import * as EffectResult from "effect/Result"
import { Allocation, type Citation, Contract, Errors, Establishment, Evaluate, Ledger, LocalDate, Money, Pack, Parameter, Plan, Proposal, Rate, type RulePack } from "@khuyencong/core"
import * as Storage from "../Storage.js"

/**
 * One check of the contract: `run` resolves when the store passes, rejects with an
 * `AssertionError` (or the store's unexpected error) when it does not.
 * @example `await storageContract[0]?.run(memoryStore())` → resolves
 * @category contract
 * @since 0.1.0
 */
export interface ContractCase {
  readonly name: string
  readonly run: (store: Storage.Store) => Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Running Effects in assertions

const run = async <A, E>(effect: Effect.Effect<A, E>, what = "operation"): Promise<A> => {
  const r = await Effect.runPromise(Effect.result(effect))
  if (EffectResult.isSuccess(r)) return r.success
  const e = r.failure as { readonly _tag?: string; readonly code?: string; readonly message?: string }
  throw new AssertionError({ message: `${what} failed: ${e._tag ?? "?"} ${e.code ?? ""} ${e.message ?? String(r.failure)}` })
}

const fails = async <A, E>(effect: Effect.Effect<A, E>, what = "operation"): Promise<E> => {
  const r = await Effect.runPromise(Effect.result(effect))
  if (EffectResult.isFailure(r)) return r.failure
  throw new AssertionError({ message: `${what} should have failed but succeeded` })
}

const codes = (e: unknown): ReadonlyArray<string> =>
  e instanceof Errors.ValidationError ? e.issues.map((i) => `${i.path.join(".")} ${i.code}`) : []

const isCode = (e: unknown, tag: "ValidationError" | "RuleViolation" | "LookupError" | "StorageError", code: string): void => {
  const x = e as { readonly _tag?: string; readonly code?: string; readonly message?: string }
  strictEqual(x._tag, tag, `expected a ${tag}, got ${x._tag} ${x.code} ${x.message}`)
  strictEqual(x.code, code, `expected code ${code}, got ${x.code}: ${x.message}`)
}

const hasIssue = (e: unknown, path: string, code: string): void => {
  assertOk(e instanceof Errors.ValidationError, `expected a ValidationError, got ${String(e)}`)
  assertOk(codes(e).includes(`${path} ${code}`), `expected issue "${path} ${code}" among ${JSON.stringify(codes(e))}`)
}

// ---------------------------------------------------------------------------------------------
// Fixtures

const day = (s: string): LocalDate.LocalDate => LocalDate.parseOrThrow(s)
const M = 1_000_000n

const instrument = (number: string, kind: Citation.Instrument["kind"], effective: string): Citation.Instrument => ({
  number,
  kind,
  issuer: "contract suite fixture",
  title: number,
  effective: day(effective)
})
const decree45 = instrument("45/2012/NĐ-CP", "decree", "2012-07-05")
const circular36 = instrument("36/2013/TT-BCT", "circular", "2014-02-10")
const cite = (i: Citation.Instrument, article: string): Citation.Citation => ({ instrument: i, article, grade: "secondary" })
const param = (id: string, value: RulePack.ParameterValue): Parameter.Parameter<RulePack.ParameterValue> =>
  Parameter.makeOrThrow<RulePack.ParameterValue>({
    id,
    description: `${id} (contract suite)`,
    values: [{ from: day("2021-01-01"), value, citation: cite(circular36, "13") }]
  })

/**
 * The suite's rule pack (governs decisions from 2021-01-01, plan years 2021–2030).
 * @example `Contract.makeOrThrow(fixtures.contractInput("HĐ-1"), suitePack).terms.tier.id` → `"soft"`
 * @category contract
 * @since 0.1.0
 */
export const suitePack: RulePack.RulePack = Pack.loadOrThrow({
  id: "storage-contract-suite",
  version: "1.0.0",
  title: "Storage contract suite pack",
  instruments: [decree45, circular36],
  governs: { decisions: { start: day("2021-01-01"), end: day("2030-12-31") }, planYears: { from: 2021, to: 2030 } },
  parameters: Object.fromEntries(
    [
      param("support.training.rate", { numerator: 7n, denominator: 10n }),
      param("support.training.cap", 200n * M),
      param("advance.soft.first", { numerator: 7n, denominator: 10n }),
      param("advance.overall-ceiling", { numerator: 7n, denominator: 10n })
    ].map((p) => [p.id, p])
  ),
  activities: [
    {
      code: "training",
      name: "Training",
      nameVi: "Đào tạo",
      citation: cite(decree45, "4"),
      advanceTier: "soft",
      items: [
        {
          code: "training.course",
          name: "Course",
          nameVi: "Khóa đào tạo",
          cap: { kind: "rate-and-amount", rate: "support.training.rate", amount: "support.training.cap", unit: "per-project" },
          citation: cite(decree45, "4")
        }
      ]
    }
  ],
  areaPriorities: [],
  industryPriorities: [],
  advances: {
    tiers: [{ id: "soft", name: "70 %", firstAdvance: "advance.soft.first", condition: { kind: "none" }, citation: cite(circular36, "13") }],
    remainder: { condition: { kind: "base-acceptance" }, citation: cite(circular36, "14") },
    overallCeiling: "advance.overall-ceiling"
  },
  calendar: [],
  eligibility: [
    { id: "eligibility.approved", kind: "approved", name: "Approved", nameVi: "Được phê duyệt", parameters: {}, citation: cite(circular36, "8") },
    {
      id: "eligibility.catalogue",
      kind: "activity-in-catalogue",
      name: "In catalogue",
      nameVi: "Thuộc danh mục",
      parameters: {},
      citation: cite(decree45, "4")
    }
  ]
})

const decoded = <A>(r: { readonly ok: true; readonly value: A } | { readonly ok: false; readonly error: Errors.ValidationError }): A => {
  if (r.ok) return r.value
  throw new AssertionError({ message: `fixture does not decode: ${JSON.stringify(codes(r.error))}` })
}

/** JSON of an establishment. */
const establishmentJson = (id: string, provinceCode = "19") => ({
  id,
  name: `Cơ sở ${id}`,
  legalForm: { kind: "enterprise", size: "small" },
  taxCode: "0100233488",
  location: {
    provinceCode,
    provinceName: `Tỉnh ${provinceCode}`,
    commune: { name: "Tân Cương", kind: "commune" },
    difficultArea: "none",
    poorDistrict: false,
    newRuralCommune: true,
    highland: false,
    island: false,
    border: false,
    ethnicMinorityArea: false
  },
  industry: { code: "che-bien-nong-lam-thuy-san" },
  workforce: 12,
  annualRevenue: "4500000000",
  hasExportContract: false,
  cleanerProduction: false,
  womenOwned: true,
  ethnicMinorityOwned: false
})

/**
 * Options of {@link fixtures}`.proposal`: a training-course proposal (đề án) with these fields.
 * @example `fixtures.proposal("p1", { planYear: 2025, fund: "local", provinces: ["01"] })`
 * @category contract
 * @since 0.1.0
 */
export interface ProposalOptions {
  readonly planYear?: number
  readonly fund?: "national" | "local"
  readonly provinces?: ReadonlyArray<string>
  /** Cost of the course in đồng (support requested: 70 %). */
  readonly cost?: bigint
  readonly approved?: boolean
  readonly title?: string
  readonly beneficiaries?: ReadonlyArray<string>
}

/** JSON of a proposal. */
const proposalJson = (id: string, o: ProposalOptions = {}) => {
  const cost = o.cost ?? 100n * M
  const support = (cost * 7n) / 10n
  const year = o.planYear ?? 2024
  return {
    id,
    title: o.title ?? `Đề án ${id}`,
    fund: o.fund ?? "national",
    form: { kind: "single" },
    activities: [
      {
        activity: "training",
        costLines: [
          {
            item: "training.course",
            quantity: 1,
            unitCost: cost.toString(),
            total: cost.toString(),
            requestedSupport: support.toString(),
            counterpartFunding: (cost - support).toString()
          }
        ]
      }
    ],
    implementingUnit: { name: "Trung tâm Khuyến công" },
    beneficiaries: [...(o.beneficiaries ?? [])],
    locations: (o.provinces ?? ["19"]).map((provinceCode) => ({ provinceCode })),
    planYear: year,
    duration: { start: `${year}-03-01`, end: `${year}-11-30` },
    ...(o.approved === false ? {} : { approvalDate: `${year}-02-15` })
  }
}

/**
 * Builders of the suite's fixtures (valid domain values, decoded by core).
 * @example `fixtures.evaluate(fixtures.proposal("DA-1")).payable` → `70000000n` (70 % of 100.000.000 đ)
 * @category contract
 * @since 0.1.0
 */
export const fixtures = {
  establishment: (id: string, provinceCode = "19"): Establishment.Establishment =>
    decoded(Establishment.decode(establishmentJson(id, provinceCode))),
  proposal: (id: string, o: ProposalOptions = {}): Proposal.Proposal => decoded(Proposal.decode(proposalJson(id, o))),
  proposalJson,
  plan: (id: string, year: number, proposalIds: ReadonlyArray<string>, amount = 1_000n * M): Plan.Plan =>
    decoded(
      Plan.decode({
        id,
        year,
        level: "national",
        envelopes: [{ year, level: "national", amount: amount.toString(), source: { kind: "central-budget" }, decision: { number: `${year}/QĐ-BCT`, date: `${year - 1}-12-20` } }],
        proposalIds: [...proposalIds],
        approval: { number: `1${year}/QĐ-BCT`, date: `${year}-01-10` }
      })
    ),
  provincialPlan: (id: string, year: number, provinceCode: string, proposalIds: ReadonlyArray<string>): Plan.Plan =>
    decoded(
      Plan.decode({
        id,
        year,
        level: "provincial",
        provinceCode,
        envelopes: [
          { year, level: "provincial", provinceCode, amount: "500000000", source: { kind: "local-budget" } },
          { year, level: "provincial", provinceCode, amount: "250000000", source: { kind: "other", note: "Hỗ trợ doanh nghiệp" } }
        ],
        proposalIds: [...proposalIds]
      })
    ),
  evaluate: (p: Proposal.Proposal, establishments: ReadonlyArray<Establishment.Establishment> = []): Evaluate.Evaluation => {
    const date = Evaluate.dateOf(p)
    const resolved = Pack.resolveOrThrow(suitePack, date)
    return Evaluate.evaluateOrThrow(p, resolved, { establishments: new Map(establishments.map((e) => [e.id, e])), trace: true })
  },
  contractInput: (id: string, over: Partial<Contract.Input> = {}): Contract.Input => ({
    id,
    approvedSupport: Money.make(100n * M),
    activities: ["training"],
    signed: day("2024-03-15"),
    approved: day("2024-02-15"),
    planYear: 2024,
    province: "19",
    ...over
  }),
  event: (
    id: string,
    kind: Ledger.Kind,
    date: string,
    amount: bigint,
    evidence?: Ledger.Evidence,
    key = `key-${id}`
  ): Ledger.Event =>
    evidence === undefined
      ? { id, idempotencyKey: key, kind, date: day(date), amount: Money.make(amount) }
      : { id, idempotencyKey: key, kind, date: day(date), amount: Money.make(amount), evidence }
}

const F = fixtures

/**
 * Store a proposal (a training course of `cost`, 200.000.000 đ by default: 140.000.000 đ payable)
 * and its evaluation, and return the reference a contract names (`Contract.Input.evaluation`).
 * A proposal already stored gets a new version and a new evaluation.
 * @example `const evaluation = await storedBasis(store); await Effect.runPromise(store.saveContract(fixtures.contractInput("HĐ-1", { evaluation }), suitePack))`
 * @category contract
 * @since 0.3.0
 */
export const storedBasis = async (s: Storage.Store, proposalId = "DA-C", o: ProposalOptions = {}): Promise<Contract.EvaluationRef> => {
  const p = F.proposal(proposalId, { cost: 200n * M, ...o })
  await run(s.saveProposal(p), `saving proposal ${proposalId}`)
  const e = await run(s.saveEvaluation(F.evaluate(p)), `saving the evaluation of ${proposalId}`)
  return { proposalId, evaluationId: e.id }
}

/** The decision an adjustment records (quyết định điều chỉnh). */
const decided = (on: string, more: Ledger.Evidence = {}): Ledger.Evidence => ({
  decision: "15/QĐ-BCT",
  decidedOn: day(on),
  decidedBy: "Bộ Công Thương (Ministry of Industry and Trade)",
  legalBasis: "Circular 36/2013/TT-BCT art. 11.2",
  ...more
})

const ids = (vs: ReadonlyArray<Storage.ProposalVersion>): ReadonlyArray<string> => vs.map((v) => v.proposal.id)
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

// ---------------------------------------------------------------------------------------------
// The cases

const establishments: ReadonlyArray<ContractCase> = [
  {
    name: "establishments: saved values read back equal, a save replaces, lists filter by province in id order",
    run: async (s) => {
      const a = F.establishment("cs-b", "19")
      const b = F.establishment("cs-a", "01")
      const c = F.establishment("cs-c", "19")
      deepStrictEqual(await run(s.saveEstablishment(a)), a)
      strictEqual(await run(s.saveEstablishments([b, c])), 2)
      deepStrictEqual(await run(s.getEstablishment("cs-b")), a)
      const renamed = { ...a, name: "Cơ sở đã đổi tên", workforce: 40 }
      await run(s.saveEstablishment(renamed))
      deepStrictEqual(await run(s.getEstablishment("cs-b")), renamed)
      deepStrictEqual((await run(s.listEstablishments())).map((e) => e.id), ["cs-a", "cs-b", "cs-c"])
      deepStrictEqual((await run(s.listEstablishments({ provinceCode: "19" }))).map((e) => e.id), ["cs-b", "cs-c"])
      deepStrictEqual((await run(s.listEstablishments({}, { after: "cs-a", limit: 1 }))).map((e) => e.id), ["cs-b"])
      const map = await run(s.getEstablishments(["cs-c", "cs-a", "nope"]))
      deepStrictEqual([...map.keys()].sort(), ["cs-a", "cs-c"])
      deepStrictEqual(map.get("cs-c"), c)
      strictEqual(await run(s.getEstablishment("nope")), undefined)
    }
  },
  {
    name: "establishments: bad input is a ValidationError with paths, and a bad batch stores nothing",
    run: async (s) => {
      const bad = { ...establishmentJson("cs-x"), taxCode: "0100233480" } as unknown as Establishment.Establishment
      const e = await fails(s.saveEstablishment(bad))
      hasIssue(e, "taxCode", "tax-code/check-digit")
      const batch = await fails(s.saveEstablishments([F.establishment("cs-1"), bad]))
      hasIssue(batch, "1.taxCode", "tax-code/check-digit")
      deepStrictEqual(await run(s.listEstablishments()), [])
      // with asOf, date-dependent checks run: province 02 (Hà Giang) was closed by the 2025 reform
      const e2 = await fails(s.saveEstablishment(F.establishment("cs-2", "02"), { asOf: day("2025-09-01") }))
      hasIssue(e2, "location.provinceCode", "establishment/province-code-not-in-force")
      await run(s.saveEstablishment(F.establishment("cs-2", "02"), { asOf: day("2025-06-30") }))
      const e3 = await fails(s.saveEstablishment(F.establishment("cs-3"), { asOf: "30/06/2025" as LocalDate.LocalDate }))
      hasIssue(e3, "asOf", "schema/invalid")
    }
  }
]

const proposals: ReadonlyArray<ContractCase> = [
  {
    name: "proposals: every save appends a version; the current version and the history read back",
    run: async (s) => {
      const p1 = F.proposal("DA-1")
      const v1 = await run(s.saveProposal(p1))
      strictEqual(v1.version, 1)
      strictEqual(v1.status, "draft")
      deepStrictEqual(v1.proposal, p1)
      assertOk(ISO.test(v1.savedAt), `savedAt ${v1.savedAt} is ISO-8601 UTC with milliseconds`)
      const p2 = F.proposal("DA-1", { cost: 150n * M, title: "Đề án đã sửa" })
      const v2 = await run(s.saveProposal(p2, { status: "submitted", author: "chuyên viên A", note: "sửa dự toán" }))
      strictEqual(v2.version, 2)
      strictEqual(v2.status, "submitted")
      strictEqual(v2.author, "chuyên viên A")
      strictEqual(v2.note, "sửa dự toán")
      const v3 = await run(s.saveProposal(p2))
      strictEqual(v3.version, 3)
      strictEqual(v3.status, "submitted", "the status carries over when not given")
      strictEqual(v3.author, undefined)
      const current = await run(s.getProposal("DA-1"))
      strictEqual(current?.version, 3)
      deepStrictEqual(current?.proposal, p2)
      deepStrictEqual((await run(s.getProposal("DA-1", { version: 1 })))?.proposal, p1)
      strictEqual(await run(s.getProposal("DA-1", { version: 4 })), undefined)
      const history = await run(s.proposalHistory("DA-1"))
      deepStrictEqual(history.map((h) => [h.version, h.status, h.proposal.title]), [
        [1, "draft", p1.title],
        [2, "submitted", "Đề án đã sửa"],
        [3, "submitted", "Đề án đã sửa"]
      ])
      assertOk(history.every((h, i) => i === 0 || (history[i - 1] as Storage.ProposalVersion).savedAt <= h.savedAt), "savedAt never goes back")
      deepStrictEqual(await run(s.proposalHistory("nope")), [])
      strictEqual(await run(s.getProposal("nope")), undefined)
    }
  },
  {
    name: "proposals: expectedVersion guards concurrent edits (storage/version-conflict) and appends nothing when refused",
    run: async (s) => {
      strictEqual((await run(s.saveProposal(F.proposal("DA-1"), { expectedVersion: 0 }))).version, 1)
      const e = await fails(s.saveProposal(F.proposal("DA-1"), { expectedVersion: 0 }))
      isCode(e, "RuleViolation", "storage/version-conflict")
      strictEqual((await run(s.saveProposal(F.proposal("DA-1", { cost: 90n * M }), { expectedVersion: 1 }))).version, 2)
      const stale = await fails(s.saveProposal(F.proposal("DA-1", { cost: 80n * M }), { expectedVersion: 1 }))
      isCode(stale, "RuleViolation", "storage/version-conflict")
      strictEqual((await run(s.proposalHistory("DA-1"))).length, 2)
      strictEqual((await run(s.getProposal("DA-1")))?.proposal.activities[0]?.costLines[0]?.total, 90n * M)
      const bad = await fails(s.saveProposal(F.proposal("DA-2"), { expectedVersion: -1 }))
      hasIssue(bad, "expectedVersion", "schema/invalid")
      const badStatus = await fails(s.saveProposal(F.proposal("DA-2"), { status: "done" as Storage.ProposalStatus }))
      assertOk(badStatus instanceof Errors.ValidationError && badStatus.issues.some((i) => i.path.join(".") === "status"), "status is checked")
      strictEqual(await run(s.getProposal("DA-2")), undefined)
    }
  },
  {
    name: "proposals: an invalid proposal is a ValidationError from Proposal.decode with its path; nothing is stored",
    run: async (s) => {
      const json = proposalJson("DA-1")
      const line = json.activities[0]?.costLines[0] as Record<string, unknown>
      line["total"] = "99000000" // ≠ quantity × unit cost
      const e = await fails(s.saveProposal(json as unknown as Proposal.Proposal))
      isCode(e, "ValidationError", "proposal/invalid")
      hasIssue(e, "activities.0.costLines.0.total", "proposal/total-mismatch")
      // a typed value built by hand that breaks a rule is refused too
      const p = F.proposal("DA-2")
      const forged = { ...p, duration: { start: day("2024-12-01"), end: day("2024-01-01") } }
      hasIssue(await fails(s.saveProposal(forged)), "duration.end", "proposal/duration-order")
      deepStrictEqual(await run(s.listProposals()), [])
      // the JSON form of a valid proposal is decoded and stored as the typed value
      const stored = await run(s.saveProposal(proposalJson("DA-3") as unknown as Proposal.Proposal))
      deepStrictEqual(stored.proposal, F.proposal("DA-3"))
    }
  },
  {
    name: "proposals: text a database cannot keep and amounts above numeric(20,0) are refused",
    run: async (s) => {
      // a NUL in a name is a control character, refused by core's Text before the store's own check
      const nul = await fails(s.saveProposal({ ...F.proposal("DA-1"), title: "Đề án\u0000 lỗi" }))
      hasIssue(nul, "title", "text/control-character")
      const lone = await fails(s.saveProposal(F.proposal("DA-1", { title: "Đề án \uD800" })))
      hasIssue(lone, "title", "storage/invalid-text")
      const huge = await fails(s.saveProposal(F.proposal("DA-1", { cost: 10n ** 20n })))
      hasIssue(huge, "activities", "storage/amount-out-of-range")
      const max = await run(s.saveProposal(F.proposal("DA-1", { cost: 10n ** 20n - 1n })))
      strictEqual(max.proposal.activities[0]?.costLines[0]?.total, 10n ** 20n - 1n)
      strictEqual((await run(s.listProposals())).length, 1)
    }
  },
  {
    name: "ids are kept in NFC: a proposal saved with a decomposed (NFD) id is the one found by its composed (NFC) id, one proposal",
    run: async (s) => {
      const nfc = "ĐA-Hòa-Bình-01"
      const nfd = nfc.normalize("NFD")
      notEqual(nfd, nfc)
      const saved = await run(s.saveProposal({ ...F.proposal("X"), id: nfd, title: "Đề án Hòa Bình".normalize("NFD") }))
      strictEqual(saved.proposal.id, nfc)
      strictEqual(saved.proposal.title, "Đề án Hòa Bình")
      for (const id of [nfc, nfd]) {
        const got = await run(s.getProposal(id))
        strictEqual(got?.proposal.id, nfc)
        strictEqual(got?.version, 1)
      }
      // saved again under the other form: a second version of the same proposal, not a second proposal
      strictEqual((await run(s.saveProposal({ ...F.proposal("X", { cost: 60n * M }), id: nfc }))).version, 2)
      deepStrictEqual((await run(s.listProposals())).map((v) => [v.proposal.id, v.version]), [[nfc, 2]])
      strictEqual((await run(s.proposalHistory(nfd))).length, 2)
      deepStrictEqual([...(await run(s.getEstablishments([nfd]))).keys()], [])
    }
  },
  {
    name: "ids and names that could deceive are refused before the store sees them: invisible, bidirectional and control characters, over-long ids",
    run: async (s) => {
      const proposal = (over: Partial<Proposal.Proposal>) => ({ ...F.proposal("X"), ...over }) as Proposal.Proposal
      hasIssue(await fails(s.saveProposal(proposal({ id: "\u200B\u200D" }))), "id", "text/invisible-character")
      hasIssue(await fails(s.saveProposal(proposal({ id: "\uFEFFDA-1" }))), "id", "text/invisible-character")
      hasIssue(await fails(s.saveProposal(proposal({ id: "\u202E\u2066" }))), "id", "text/bidi-control")
      hasIssue(await fails(s.saveProposal(proposal({ title: "\u200F\u061C" }))), "title", "text/bidi-control")
      hasIssue(await fails(s.saveProposal(proposal({ implementingUnit: { name: "Trung tâm\u2060" } }))), "implementingUnit.name", "text/invisible-character")
      hasIssue(await fails(s.saveProposal(proposal({ id: "D".repeat(129) }))), "id", "text/too-long")
      // ~9 kB of text that does not compress: more than a PostgreSQL index entry holds
      const huge = Array.from({ length: 3000 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join("")
      const e = await fails(s.saveProposal(proposal({ id: huge })))
      isCode(e, "ValidationError", "proposal/invalid")
      hasIssue(e, "id", "text/too-long")
      deepStrictEqual(await run(s.listProposals()), [])
      const longest = "Đ".repeat(128)
      strictEqual((await run(s.saveProposal(proposal({ id: longest })))).proposal.id, longest)
      strictEqual((await run(s.getProposal(longest)))?.version, 1)
      strictEqual(await run(s.getProposal(huge)), undefined)
    }
  },
  {
    name: "proposals: a batch is all or nothing; the same id twice in a batch appends two versions",
    run: async (s) => {
      const bad = { ...proposalJson("DA-3"), planYear: 1999 } as unknown as Proposal.Proposal
      const e = await fails(s.saveProposals([F.proposal("DA-1"), F.proposal("DA-2"), bad]))
      hasIssue(e, "2.planYear", "schema/invalid")
      deepStrictEqual(await run(s.listProposals()), [])
      const saved = await run(s.saveProposals([F.proposal("DA-1"), F.proposal("DA-2"), F.proposal("DA-1", { cost: 60n * M })], { status: "submitted" }))
      deepStrictEqual(saved.map((v) => [v.proposal.id, v.version, v.status]), [
        ["DA-1", 1, "submitted"],
        ["DA-2", 1, "submitted"],
        ["DA-1", 2, "submitted"]
      ])
      strictEqual((await run(s.getProposal("DA-1")))?.proposal.activities[0]?.costLines[0]?.total, 60n * M)
      deepStrictEqual(await run(s.saveProposals([])), [])
    }
  },
  {
    name: "proposals: queries by plan year, province (any location), fund, status, plan and ids, paged by id",
    run: async (s) => {
      await run(
        s.saveProposals([
          F.proposal("DA-05", { planYear: 2024, provinces: ["19"], fund: "national" }),
          F.proposal("DA-01", { planYear: 2024, provinces: ["01", "19"], fund: "local" }),
          F.proposal("DA-03", { planYear: 2025, provinces: ["01"], fund: "national" }),
          F.proposal("DA-02", { planYear: 2024, provinces: [], fund: "national" }),
          F.proposal("DA-04", { planYear: 2025, provinces: ["79"], fund: "local" })
        ])
      )
      await run(s.saveProposal(F.proposal("DA-03", { planYear: 2025, provinces: ["01"] }), { status: "approved" }))
      await run(s.saveProposal(F.proposal("DA-04", { planYear: 2025, provinces: ["79"], fund: "local" }), { status: "rejected" }))
      // the current version decides: DA-05 moves to 2025
      await run(s.saveProposal(F.proposal("DA-05", { planYear: 2025, provinces: ["19"] })))
      deepStrictEqual(ids(await run(s.listProposals())), ["DA-01", "DA-02", "DA-03", "DA-04", "DA-05"])
      deepStrictEqual(ids(await run(s.listProposals({ planYear: 2024 }))), ["DA-01", "DA-02"])
      deepStrictEqual(ids(await run(s.listProposals({ provinceCode: "19" }))), ["DA-01", "DA-05"])
      deepStrictEqual(ids(await run(s.listProposals({ provinceCode: "01" }))), ["DA-01", "DA-03"])
      deepStrictEqual(ids(await run(s.listProposals({ fund: "local" }))), ["DA-01", "DA-04"])
      deepStrictEqual(ids(await run(s.listProposals({ status: "approved" }))), ["DA-03"])
      deepStrictEqual(ids(await run(s.listProposals({ status: ["approved", "rejected"] }))), ["DA-03", "DA-04"])
      deepStrictEqual(ids(await run(s.listProposals({ planYear: 2025, fund: "national", status: "draft" }))), ["DA-05"])
      deepStrictEqual(ids(await run(s.listProposals({ ids: ["DA-04", "DA-02", "DA-99"] }))), ["DA-02", "DA-04"])
      deepStrictEqual(ids(await run(s.listProposals({}, { limit: 2 }))), ["DA-01", "DA-02"])
      deepStrictEqual(ids(await run(s.listProposals({}, { limit: 2, after: "DA-02" }))), ["DA-03", "DA-04"])
      deepStrictEqual(ids(await run(s.listProposals({ planYear: 2025 }, { after: "DA-03" }))), ["DA-04", "DA-05"])
      await run(s.savePlan(F.plan("KH-2025", 2025, ["DA-05", "DA-03"])))
      deepStrictEqual(ids(await run(s.listProposals({ planId: "KH-2025" }))), ["DA-03", "DA-05"])
      deepStrictEqual(ids(await run(s.listProposals({ planId: "KH-2025", status: "approved" }))), ["DA-03"])
      deepStrictEqual(await run(s.listProposals({ planId: "KH-none" })), [])
    }
  },
  {
    name: "proposals: ids are ordered by code point (binary collation), whatever the language",
    run: async (s) => {
      const names = ["đề-án-2", "DA-10", "da-1", "DA-9", "Đề-án-1", "ĐA-3", "𝔻A-astral", "\uFF21-fullwidth"]
      await run(s.saveProposals(names.map((n) => F.proposal(n))))
      const expected = [...names].sort((a, b) => {
        const x = [...a].map((c) => c.codePointAt(0) as number)
        const y = [...b].map((c) => c.codePointAt(0) as number)
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number)
        return x.length - y.length
      })
      deepStrictEqual(ids(await run(s.listProposals())), expected)
      deepStrictEqual(ids(await run(s.listProposals({}, { after: expected[3] as string, limit: 3 }))), expected.slice(4, 7))
    }
  },
  {
    name: "filters and pages are validated: unknown keys, bad values and limits are ValidationErrors",
    run: async (s) => {
      hasIssue(await fails(s.listProposals({ planYear: 1999 })), "planYear", "schema/invalid")
      hasIssue(await fails(s.listProposals({ provinceCode: "1" })), "provinceCode", "schema/invalid")
      hasIssue(await fails(s.listProposals({ fund: "regional" } as unknown as Storage.ProposalFilter)), "fund", "schema/type")
      const unknownKey = await fails(s.listProposals({ year: 2024 } as unknown as Storage.ProposalFilter))
      assertOk(unknownKey instanceof Errors.ValidationError && unknownKey.issues.some((i) => i.path.join(".") === "year"), "unknown filter keys are refused")
      hasIssue(await fails(s.listProposals({}, { limit: 0 })), "limit", "schema/invalid")
      hasIssue(await fails(s.listProposals({}, { limit: 10_001 })), "limit", "schema/invalid")
      hasIssue(await fails(s.listProposals({ planId: "KH\u0000" })), "planId", "text/control-character")
      assertOk((await fails(s.summarize({}, ["county" as Storage.SummaryKey]))) instanceof Errors.ValidationError)
      assertOk((await fails(s.listEvaluations({ verdict: "maybe" } as unknown as Storage.EvaluationFilter))) instanceof Errors.ValidationError)
      assertOk((await fails(s.listPlans({ level: "district" } as unknown as Storage.PlanFilter))) instanceof Errors.ValidationError)
    }
  }
]

const plans: ReadonlyArray<ContractCase> = [
  {
    name: "plans: envelopes and proposal lists read back; a save replaces; plans and envelopes are listed by year, level and province",
    run: async (s) => {
      await run(s.saveProposals(["DA-1", "DA-2", "DA-3"].map((id) => F.proposal(id))))
      const national = F.plan("KH-QG-2024", 2024, ["DA-2", "DA-1"])
      deepStrictEqual(await run(s.savePlan(national)), national)
      deepStrictEqual(await run(s.getPlan("KH-QG-2024")), national)
      const local = F.provincialPlan("KH-19-2024", 2024, "19", ["DA-3"])
      await run(s.savePlan(local))
      await run(s.savePlan(F.plan("KH-QG-2025", 2025, [])))
      deepStrictEqual((await run(s.getPlan("KH-19-2024")))?.envelopes, local.envelopes)
      deepStrictEqual((await run(s.listPlans())).map((p) => p.id), ["KH-19-2024", "KH-QG-2024", "KH-QG-2025"])
      deepStrictEqual((await run(s.listPlans({ year: 2024 }))).map((p) => p.id), ["KH-19-2024", "KH-QG-2024"])
      deepStrictEqual((await run(s.listPlans({ level: "provincial", provinceCode: "19" }))).map((p) => p.id), ["KH-19-2024"])
      const envelopes = await run(s.listEnvelopes({ year: 2024 }))
      deepStrictEqual(envelopes.map((e) => [e.planId, e.index, e.envelope.amount]), [
        ["KH-19-2024", 0, 500_000_000n],
        ["KH-19-2024", 1, 250_000_000n],
        ["KH-QG-2024", 0, 1_000_000_000n]
      ])
      deepStrictEqual((await run(s.listEnvelopes({ provinceCode: "19" }))).map((e) => e.envelope.source.kind), ["local-budget", "other"])
      deepStrictEqual((await run(s.listEnvelopes({ planId: "KH-QG-2025" }))).map((e) => e.envelope.amount), [1_000_000_000n])
      // replace: fewer envelopes, other proposals
      const replaced = F.plan("KH-QG-2024", 2024, ["DA-3"], 2_000n * M)
      await run(s.savePlan(replaced))
      deepStrictEqual(await run(s.getPlan("KH-QG-2024")), replaced)
      deepStrictEqual(ids(await run(s.listProposals({ planId: "KH-QG-2024" }))), ["DA-3"])
      strictEqual(await run(s.getPlan("KH-none")), undefined)
    }
  },
  {
    name: "plans: a plan naming a proposal not stored is a RuleViolation at its index, and the stored plan is left as it was",
    run: async (s) => {
      await run(s.saveProposals(["DA-1", "DA-2"].map((id) => F.proposal(id))))
      const before = F.plan("KH-1", 2024, ["DA-1"])
      await run(s.savePlan(before))
      const e = await fails(s.savePlan(F.plan("KH-1", 2024, ["DA-2", "DA-9", "DA-1"], 3_000n * M)))
      isCode(e, "RuleViolation", "storage/unknown-proposal")
      deepStrictEqual((e as Errors.RuleViolation).path, ["proposalIds", 1])
      strictEqual((e as Errors.RuleViolation).rule, "storage.reference")
      deepStrictEqual(await run(s.getPlan("KH-1")), before)
      const e2 = await fails(s.savePlan(F.plan("KH-2", 2024, ["DA-8"])))
      isCode(e2, "RuleViolation", "storage/unknown-proposal")
      strictEqual(await run(s.getPlan("KH-2")), undefined)
      deepStrictEqual(await run(s.listEnvelopes({ planId: "KH-2" })), [])
    }
  },
  {
    name: "plans: an inconsistent plan is a ValidationError from Plan.decode; envelopes above numeric(20,0) are refused",
    run: async (s) => {
      const p = F.plan("KH-1", 2024, [])
      const wrongYear = { ...p, envelopes: [{ ...(p.envelopes[0] as Plan.BudgetEnvelope), year: 2023 }] }
      const e = await fails(s.savePlan(wrongYear as unknown as Plan.Plan))
      isCode(e, "ValidationError", "plan/invalid")
      hasIssue(e, "envelopes.0.year", "plan/envelope-year-mismatch")
      const huge = { ...p, envelopes: [{ ...(p.envelopes[0] as Plan.BudgetEnvelope), amount: Money.make(10n ** 20n) }] }
      hasIssue(await fails(s.savePlan(huge)), "envelopes.0.amount", "storage/amount-out-of-range")
      deepStrictEqual(await run(s.listPlans()), [])
    }
  }
]

/**
 * An evaluation carrying every field of the audit record: a traced evaluation of a local-fund
 * proposal by `Evaluate.evaluate` (with its real `evaluate/no-provincial-overlay` warning), given
 * an overlay and a reform (the suite pack has no layers) and a second warning whose `actual` is
 * JSON. The store keeps what it is given; it does not re-derive the audit fields.
 */
const auditRecord = (p: Proposal.Proposal): Evaluate.Evaluation => {
  const e = F.evaluate(p)
  assertOk(e.trace !== undefined && e.warnings.length === 1, "a traced local-fund evaluation with its warning")
  return {
    ...e,
    overlay: "storage-suite-overlay-19",
    reforms: ["storage-suite-reform-2024", "storage-suite-reform-2024b"],
    warnings: [...e.warnings, { code: "suite/warning", path: ["activities", 0], message: "cảnh báo thử / a test warning", actual: { year: 2024, note: "x", list: [1, "2"] } }]
  }
}

/** A stored record equals the evaluation saved, field by field (the input hash included). */
const sameRecord = (stored: Evaluate.Evaluation | undefined, e: Evaluate.Evaluation, what: string): void => {
  assertOk(stored !== undefined, `${what}: no evaluation record`)
  for (const k of ["proposalId", "packId", "packVersion", "overlay", "date", "inputHash", "verdict", "payable"] as const) strictEqual(stored[k], e[k], `${what}: ${k}`)
  deepStrictEqual(stored.reforms, e.reforms, `${what}: reforms`)
  deepStrictEqual(stored.warnings, e.warnings, `${what}: warnings`)
  deepStrictEqual(stored.trace, e.trace, `${what}: trace`)
  deepStrictEqual(stored.eligibility, e.eligibility, `${what}: eligibility`)
  deepStrictEqual(stored.support, e.support, `${what}: support`)
  deepStrictEqual(Object.keys(stored).sort(), Object.keys(e).sort(), `${what}: fields`)
}

const evaluations: ReadonlyArray<ContractCase> = [
  {
    name: "evaluations: Evaluate's results read back with verdict, support, payable, failures, trace and pack id and version",
    run: async (s) => {
      const ok1 = F.proposal("DA-1", { cost: 100n * M })
      const no2 = F.proposal("DA-2", { approved: false })
      await run(s.saveProposals([ok1, no2]))
      const e1 = F.evaluate(ok1)
      const e2 = F.evaluate(no2)
      strictEqual(e1.verdict, "eligible")
      strictEqual(e2.verdict, "ineligible")
      const s1 = await run(s.saveEvaluation(e1))
      strictEqual(s1.proposalId, "DA-1")
      strictEqual(s1.proposalVersion, 1)
      strictEqual(s1.packId, "storage-contract-suite")
      strictEqual(s1.packVersion, "1.0.0")
      strictEqual(s1.verdict, "eligible")
      strictEqual(s1.support, 70n * M)
      strictEqual(s1.payable, 70n * M)
      strictEqual(s1.requested, e1.support.requested)
      strictEqual(s1.eligibleCost, e1.support.eligibleCost)
      strictEqual(s1.date, e1.date)
      deepStrictEqual(s1.trace, e1.trace)
      deepStrictEqual(s1.failures, [])
      assertOk(ISO.test(s1.evaluatedAt))
      const s2 = await run(s.saveEvaluation(e2))
      strictEqual(s2.payable, 0n)
      deepStrictEqual(s2.failures.map((f) => f.rule), ["eligibility.approved"])
      deepStrictEqual(await run(s.latestEvaluation("DA-1")), s1)
      const noTrace = { ...e1, trace: undefined }
      await run(s.saveProposal(F.proposal("DA-1", { cost: 200n * M })))
      const s3 = await run(s.saveEvaluation(noTrace, { proposalVersion: 1 }))
      strictEqual(s3.proposalVersion, 1)
      strictEqual(s3.trace, undefined)
      const s4 = await run(s.saveEvaluation(F.evaluate(F.proposal("DA-1", { cost: 200n * M }))))
      strictEqual(s4.proposalVersion, 2, "the current version by default")
      strictEqual(s4.payable, 140n * M)
      deepStrictEqual((await run(s.evaluationHistory("DA-1"))).map((e) => [e.proposalVersion, e.payable]), [
        [1, 70n * M],
        [1, 70n * M],
        [2, 140n * M]
      ])
      assertOk(Number(s4.id) > Number(s3.id) || s4.id > s3.id, "ids increase")
      deepStrictEqual(await run(s.latestEvaluation("DA-1")), s4)
      deepStrictEqual(await run(s.latestEvaluation("DA-1", { packId: "storage-contract-suite" })), s4)
      strictEqual(await run(s.latestEvaluation("DA-1", { packId: "other-pack" })), undefined)
      strictEqual(await run(s.latestEvaluation("DA-9")), undefined)
      deepStrictEqual(await run(s.evaluationHistory("DA-9")), [])
    }
  },
  {
    name: "evaluations: the whole record reads back equal (overlay, reforms, warnings, input hash, eligibility, support lines, trace) from every read",
    run: async (s) => {
      const p = F.proposal("DA-1", { fund: "local", provinces: ["19"] })
      await run(s.saveProposal(p))
      const e = auditRecord(p)
      const original = { hash: e.inputHash, encoded: Storage.canonical(Evaluate.encode(e)) }
      strictEqual(original.hash.length, 64)
      const saved = await run(s.saveEvaluation(e))
      sameRecord(saved.evaluation, e, "saveEvaluation's answer")
      sameRecord((await run(s.latestEvaluation("DA-1")))?.evaluation, e, "latestEvaluation")
      const history = await run(s.evaluationHistory("DA-1"))
      strictEqual(history.length, 1)
      sameRecord(history[0]?.evaluation, e, "evaluationHistory")
      const listed = await run(s.listEvaluations({ verdict: "eligible", packId: "storage-contract-suite" }))
      deepStrictEqual(listed.map((x) => x.proposalId), ["DA-1"])
      sameRecord(listed[0]?.evaluation, e, "listEvaluations")
      // the summary agrees with the record, and the stored record re-encodes to what was saved
      deepStrictEqual(saved.trace, saved.evaluation?.trace)
      strictEqual(Storage.canonical(Evaluate.encode(saved.evaluation as Evaluate.Evaluation)), original.encoded)
      // a record without trace or audit fields reads back as it was too
      const plain = F.evaluate(F.proposal("DA-1"))
      const bare = { ...plain, trace: undefined }
      sameRecord((await run(s.saveEvaluations([bare])))[0]?.evaluation, bare, "saveEvaluations' answer")
      sameRecord((await run(s.latestEvaluation("DA-1")))?.evaluation, bare, "latestEvaluation of the untraced record")
      strictEqual((await run(s.latestEvaluation("DA-1")))?.evaluation?.inputHash, plain.inputHash)
      // an evaluation whose input hash is unknown (decoded from a record stored before 0.3.0) is not a new basis
      hasIssue(await fails(s.saveEvaluation({ ...plain, inputHash: "" })), "inputHash", "evaluation/invalid")
    }
  },
  {
    name: "evaluations: unknown proposals and versions are RuleViolations, inconsistent results ValidationErrors; a batch is all or nothing",
    run: async (s) => {
      const p = F.proposal("DA-1")
      const e = F.evaluate(p)
      isCode(await fails(s.saveEvaluation(e)), "RuleViolation", "storage/unknown-proposal")
      await run(s.saveProposal(p))
      const v = await fails(s.saveEvaluation(e, { proposalVersion: 2 }))
      isCode(v, "RuleViolation", "storage/unknown-proposal-version")
      deepStrictEqual((v as Errors.RuleViolation).path, ["proposalVersion"])
      const forged = { ...e, payable: Money.make(1n) }
      hasIssue(await fails(s.saveEvaluation(forged)), "payable", "evaluation/payable-mismatch")
      const notOne = await fails(s.saveEvaluation({ proposalId: "DA-1" } as unknown as Evaluate.Evaluation))
      isCode(notOne, "ValidationError", "evaluation/invalid")
      const other = F.evaluate(F.proposal("DA-2"))
      const batch = await fails(s.saveEvaluations([e, other]))
      isCode(batch, "RuleViolation", "storage/unknown-proposal")
      deepStrictEqual((batch as Errors.RuleViolation).path, [1, "proposalId"])
      deepStrictEqual(await run(s.evaluationHistory("DA-1")), [], "the first evaluation of the failed batch was not kept")
      const both = await run(s.saveEvaluations([e, e]))
      strictEqual(both.length, 2)
    }
  },
  {
    name: "evaluations and summaries: latest result per proposal by verdict and pack; totals by plan year, province, fund and status",
    run: async (s) => {
      const ps = [
        F.proposal("DA-1", { planYear: 2024, provinces: ["19"], cost: 100n * M }),
        F.proposal("DA-2", { planYear: 2024, provinces: ["19", "01"], cost: 50n * M, approved: false }),
        F.proposal("DA-3", { planYear: 2024, provinces: ["01"], cost: 200n * M, fund: "local" }),
        F.proposal("DA-4", { planYear: 2025, provinces: [], cost: 10n * M }),
        F.proposal("DA-5", { planYear: 2025, provinces: ["19"], cost: 30n * M })
      ]
      await run(s.saveProposals(ps))
      await run(s.saveProposal(ps[2] as Proposal.Proposal, { status: "approved" }))
      // DA-1 first ineligible (not approved yet), then eligible: only the latest counts
      await run(s.saveEvaluation(F.evaluate(F.proposal("DA-1", { planYear: 2024, provinces: ["19"], approved: false })), { proposalVersion: 1 }))
      await run(s.saveEvaluations(ps.slice(0, 4).map((p) => F.evaluate(p))))
      deepStrictEqual((await run(s.listEvaluations())).map((e) => [e.proposalId, e.verdict]), [
        ["DA-1", "eligible"],
        ["DA-2", "ineligible"],
        ["DA-3", "eligible"],
        ["DA-4", "eligible"]
      ])
      deepStrictEqual((await run(s.listEvaluations({ verdict: "ineligible" }))).map((e) => e.proposalId), ["DA-2"])
      deepStrictEqual((await run(s.listEvaluations({ provinceCode: "19", verdict: "eligible" }))).map((e) => e.proposalId), ["DA-1"])
      deepStrictEqual((await run(s.listEvaluations({ planYear: 2024 }, { after: "DA-1", limit: 1 }))).map((e) => e.proposalId), ["DA-2"])
      deepStrictEqual(await run(s.listEvaluations({ packId: "other-pack" })), [])
      deepStrictEqual(await run(s.summarize({}, [])), [
        { proposals: 5, requestedSupport: Money.make(273n * M), evaluated: 4, eligible: 3, payable: Money.make(217n * M) }
      ])
      deepStrictEqual(await run(s.summarize({}, ["planYear", "province"])), [
        { planYear: 2024, province: "01", proposals: 1, requestedSupport: Money.make(140n * M), evaluated: 1, eligible: 1, payable: Money.make(140n * M) },
        { planYear: 2024, province: "19", proposals: 2, requestedSupport: Money.make(105n * M), evaluated: 2, eligible: 1, payable: Money.make(70n * M) },
        { planYear: 2025, province: "19", proposals: 1, requestedSupport: Money.make(21n * M), evaluated: 0, eligible: 0, payable: Money.zero },
        { planYear: 2025, province: null, proposals: 1, requestedSupport: Money.make(7n * M), evaluated: 1, eligible: 1, payable: Money.make(7n * M) }
      ])
      deepStrictEqual(await run(s.summarize({ planYear: 2024 }, ["fund", "status"])), [
        { fund: "local", status: "approved", proposals: 1, requestedSupport: Money.make(140n * M), evaluated: 1, eligible: 1, payable: Money.make(140n * M) },
        { fund: "national", status: "draft", proposals: 2, requestedSupport: Money.make(105n * M), evaluated: 2, eligible: 1, payable: Money.make(70n * M) }
      ])
      deepStrictEqual(await run(s.summarize({ provinceCode: "01" }, ["province"])), [
        { province: "01", proposals: 1, requestedSupport: Money.make(140n * M), evaluated: 1, eligible: 1, payable: Money.make(140n * M) },
        { province: "19", proposals: 1, requestedSupport: Money.make(35n * M), evaluated: 1, eligible: 0, payable: Money.zero }
      ])
      deepStrictEqual(await run(s.summarize({ planYear: 2030 }, ["status"])), [])
    }
  }
]

const allocations: ReadonlyArray<ContractCase> = [
  {
    name: "allocations: Allocation.allocate's result reads back exactly; outcomes by proposal; ids are never overwritten",
    run: async (s) => {
      await run(s.saveProposals(["DA-1", "DA-2", "DA-3"].map((id) => F.proposal(id))))
      await run(s.savePlan(F.plan("KH-1", 2024, ["DA-1", "DA-2", "DA-3"])))
      const allocation = Allocation.allocateOrThrow({
        envelope: Money.make(1_000n * M),
        candidates: [
          { id: "DA-1", requested: Money.make(600n * M), tier: 0 },
          { id: "DA-2", requested: Money.make(500n * M), tier: 1 },
          { id: "DA-3", requested: Money.make(300n * M), tier: 1 }
        ],
        policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }
      })
      const saved = await run(s.saveAllocation({ id: "PB-1", planId: "KH-1", allocation }))
      deepStrictEqual(saved.allocation, allocation)
      strictEqual(saved.planId, "KH-1")
      deepStrictEqual((await run(s.getAllocation("PB-1")))?.allocation, allocation)
      const whole = Allocation.allocateOrThrow({
        envelope: Money.make(700n * M),
        candidates: [{ id: "DA-2", requested: Money.make(500n * M) }, { id: "DA-3", requested: Money.make(300n * M) }],
        policy: { kind: "whole-only" }
      })
      await run(s.saveAllocation({ id: "PB-0", allocation: whole }))
      const outcomes = await run(s.allocationOutcomes("DA-2"))
      deepStrictEqual(outcomes.map((o) => [o.allocationId, o.planId, o.outcome.allocated, o.outcome.status]), [
        ["PB-0", undefined, 500n * M, "funded"],
        ["PB-1", "KH-1", allocation.outcomes.find((o) => o.id === "DA-2")?.allocated, allocation.outcomes.find((o) => o.id === "DA-2")?.status]
      ])
      // the same content again is the stored allocation; different content under the id is refused
      deepStrictEqual((await run(s.saveAllocation({ id: "PB-1", planId: "KH-1", allocation }))).allocation, allocation)
      isCode(await fails(s.saveAllocation({ id: "PB-1", allocation: whole })), "RuleViolation", "storage/allocation-exists")
      deepStrictEqual((await run(s.getAllocation("PB-1")))?.allocation, allocation)
      strictEqual(await run(s.getAllocation("PB-9")), undefined)
      deepStrictEqual(await run(s.allocationOutcomes("DA-9")), [])
    }
  },
  {
    name: "allocations: unknown proposals or plans are RuleViolations; inconsistent totals are ValidationErrors; nothing is stored",
    run: async (s) => {
      await run(s.saveProposal(F.proposal("DA-1")))
      const allocation = Allocation.allocateOrThrow({
        envelope: Money.make(1_000n * M),
        candidates: [{ id: "DA-1", requested: Money.make(600n * M) }, { id: "DA-7", requested: Money.make(300n * M) }],
        policy: { kind: "whole-only" }
      })
      const e = await fails(s.saveAllocation({ id: "PB-1", allocation }))
      isCode(e, "RuleViolation", "storage/unknown-proposal")
      deepStrictEqual((e as Errors.RuleViolation).path, ["allocation", "outcomes", 1, "id"])
      const only = Allocation.allocateOrThrow({ envelope: Money.make(1_000n * M), candidates: [{ id: "DA-1", requested: Money.make(600n * M) }], policy: { kind: "whole-only" } })
      isCode(await fails(s.saveAllocation({ id: "PB-1", planId: "KH-9", allocation: only })), "RuleViolation", "storage/unknown-plan")
      const forged = { ...only, totals: { ...only.totals, allocated: Money.make(1n) } }
      hasIssue(await fails(s.saveAllocation({ id: "PB-1", allocation: forged })), "allocation.totals.allocated", "allocation-record/total-mismatch")
      const greedy = { ...only, outcomes: only.outcomes.map((o) => ({ ...o, allocated: Money.make(700n * M) })) }
      hasIssue(await fails(s.saveAllocation({ id: "PB-1", allocation: greedy })), "allocation.outcomes.0.allocated", "allocation-record/above-request")
      strictEqual(await run(s.getAllocation("PB-1")), undefined)
      deepStrictEqual(await run(s.allocationOutcomes("DA-1")), [])
    }
  }
]

const contracts: ReadonlyArray<ContractCase> = [
  {
    name: "contracts: built by Contract.make, read back equal, saved again unchanged, never overwritten, listed by plan year and province",
    run: async (s) => {
      const evaluation = await storedBasis(s, "DA-1")
      const input = F.contractInput("HĐ-1", { evaluation })
      const expected = Contract.makeOrThrow(input, suitePack)
      const saved = await run(s.saveContract(input, suitePack, { proposalId: "DA-1" }))
      deepStrictEqual(saved.contract, expected)
      strictEqual(saved.proposalId, "DA-1")
      strictEqual(saved.contract.terms.tier.id, "soft")
      assertOk(Rate.equals(saved.contract.terms.tier.firstAdvance.value, Rate.make(7n, 10n)))
      deepStrictEqual((await run(s.getContract("HĐ-1")))?.contract, expected)
      deepStrictEqual((await run(s.saveContract(input, [suitePack], { proposalId: "DA-1" }))).contract, expected)
      const changed = await fails(s.saveContract({ ...input, approvedSupport: Money.make(120n * M) }, suitePack, { proposalId: "DA-1" }))
      isCode(changed, "RuleViolation", "storage/contract-exists")
      strictEqual((await run(s.getContract("HĐ-1")))?.contract.approvedSupport, 100n * M)
      const other = await storedBasis(s, "DA-2", { planYear: 2025 })
      await run(s.saveContract(F.contractInput("HĐ-2", { planYear: 2025, approved: day("2025-01-10"), signed: day("2025-02-01"), province: "01", evaluation: other }), suitePack))
      deepStrictEqual((await run(s.listContracts())).map((c) => c.contract.id), ["HĐ-1", "HĐ-2"])
      deepStrictEqual((await run(s.listContracts({ planYear: 2025 }))).map((c) => c.contract.id), ["HĐ-2"])
      deepStrictEqual((await run(s.listContracts({ province: "19" }))).map((c) => c.contract.id), ["HĐ-1"])
      deepStrictEqual((await run(s.listContracts({ proposalId: "DA-1" }))).map((c) => c.contract.id), ["HĐ-1"])
      strictEqual(await run(s.getContract("HĐ-9")), undefined)
    }
  },
  {
    name: "contracts: invalid input is refused with Contract.make's errors; unknown proposals are RuleViolations",
    run: async (s) => {
      const zero = await fails(s.saveContract(F.contractInput("HĐ-1", { approvedSupport: Money.zero }), suitePack))
      hasIssue(zero, "approvedSupport", "contract/invalid-support")
      const early = await fails(s.saveContract(F.contractInput("HĐ-1", { signed: day("2024-01-01") }), suitePack))
      hasIssue(early, "signed", "contract/signed-before-approval")
      const activity = await fails(s.saveContract(F.contractInput("HĐ-1", { activities: ["space-travel"] }), suitePack))
      hasIssue(activity, "activities.0", "contract/unknown-activity")
      const before = await fails(s.saveContract(F.contractInput("HĐ-1", { approved: day("2020-06-01"), signed: day("2020-07-01") }), suitePack))
      assertOk(before instanceof Errors.LookupError, "no pack governs 2020")
      const huge = await fails(s.saveContract(F.contractInput("HĐ-1", { approvedSupport: Money.make(10n ** 20n) }), suitePack))
      hasIssue(huge, "approvedSupport", "storage/amount-out-of-range")
      const orphan = await fails(s.saveContract(F.contractInput("HĐ-1", { evaluation: { proposalId: "DA-9", evaluationId: "1" } }), suitePack))
      isCode(orphan, "RuleViolation", "storage/unknown-proposal")
      deepStrictEqual((orphan as Errors.RuleViolation).path, ["evaluation", "proposalId"])
      const evaluation = await storedBasis(s, "DA-1")
      const mismatch = await fails(s.saveContract(F.contractInput("HĐ-1", { evaluation }), suitePack, { proposalId: "DA-2" }))
      hasIssue(mismatch, "proposalId", "contract/evaluation-mismatch")
      deepStrictEqual(await run(s.listContracts()), [])
    }
  }
]

/** A stored contract of 100.000.000 đ (soft tier 70 %, overall ceiling 70 %), on its own proposal (140.000.000 đ payable). */
const withContract = async (s: Storage.Store, id = "HĐ-1"): Promise<Contract.Contract> =>
  (await run(s.saveContract(F.contractInput(id, { evaluation: await storedBasis(s, `DA-${id}`) }), suitePack))).contract

const ledger: ReadonlyArray<ContractCase> = [
  {
    name: "ledger: postings are validated by Ledger.post; balances are derived from the stored events and match Ledger.balances",
    run: async (s) => {
      const c = await withContract(s)
      const events = [
        F.event("e1", "advance", "2024-04-01", 50n * M),
        F.event("e2", "advance", "2024-05-01", 20n * M),
        F.event("e3", "payment", "2024-10-01", 10n * M, { baseAcceptance: day("2024-09-30"), progressShare: Rate.make(1n, 1n), businessRegistration: "0100233488", completedValue: Money.make(95n * M), decision: "12/QĐ-SCT" })
      ]
      let local = Ledger.open(c)
      for (const e of events) {
        const posted = await run(s.postEvent("HĐ-1", e))
        const r = Ledger.post(local, e)
        assertOk(r.ok)
        local = r.value
        strictEqual(posted.replayed, false)
        deepStrictEqual(posted.event, e)
        deepStrictEqual(posted.balances, Ledger.balances(local))
      }
      const stored = await run(s.getLedger("HĐ-1"))
      deepStrictEqual(stored?.events, local.events)
      deepStrictEqual(stored?.contract, c)
      const b = await run(s.balances("HĐ-1"))
      deepStrictEqual(b, Ledger.balances(local))
      strictEqual(b?.disbursed, 80n * M)
      strictEqual(b?.advanced, 70n * M)
      // a second advance above the 70 % schedule before acceptance was never possible
      const s2 = await withContract(s, "HĐ-2")
      await run(s.postEvent("HĐ-2", F.event("f1", "advance", "2024-04-01", 70n * M)))
      const over = await fails(s.postEvent("HĐ-2", F.event("f2", "advance", "2024-04-02", 1n)))
      isCode(over, "RuleViolation", "advance/remainder-before-acceptance")
      assertOk(((over as Errors.RuleViolation).citation ?? "").includes("36/2013"), "the violation cites its legal source")
      const early = await fails(s.postEvent("HĐ-2", F.event("f3", "advance", "2024-03-01", 1n)))
      isCode(early, "RuleViolation", "ledger/before-contract")
      strictEqual((await run(s.getLedger("HĐ-2")))?.events.length, 1)
      strictEqual((await run(s.balances("HĐ-2")))?.advanced, 70n * M)
      deepStrictEqual((await run(s.getLedger("HĐ-2")))?.contract, s2)
      strictEqual(await run(s.getLedger("HĐ-9")), undefined)
      strictEqual(await run(s.balances("HĐ-9")), undefined)
    }
  },
  {
    name: "ledger: a back-dated posting that would break a later event is refused and nothing is stored",
    run: async (s) => {
      await withContract(s)
      await run(s.postEvent("HĐ-1", F.event("e1", "advance", "2024-05-01", 60n * M)))
      // an earlier advance of 20 would leave the later one above 70 %
      const e = await fails(s.postEvent("HĐ-1", F.event("e0", "advance", "2024-04-01", 20n * M)))
      assertOk(e instanceof Errors.RuleViolation)
      assertOk(e.message.includes("e1"), "the message names the later event")
      deepStrictEqual((await run(s.getLedger("HĐ-1")))?.events.map((x) => x.id), ["e1"])
      await run(s.postEvent("HĐ-1", F.event("e0", "advance", "2024-04-01", 10n * M)))
      deepStrictEqual((await run(s.getLedger("HĐ-1")))?.events.map((x) => x.id), ["e0", "e1"], "events come back in replay order")
    }
  },
  {
    name: "ledger: a retried request (same idempotency key and content) posts once and returns the original; other content under the key is refused",
    run: async (s) => {
      await withContract(s)
      await withContract(s, "HĐ-2")
      const e = F.event("e1", "advance", "2024-04-01", 30n * M, undefined, "req-123")
      const first = await run(s.postEvent("HĐ-1", e))
      const retry = await run(s.postEvent("HĐ-1", { ...e }))
      strictEqual(first.replayed, false)
      strictEqual(retry.replayed, true)
      deepStrictEqual(retry.event, first.event)
      strictEqual((await run(s.getLedger("HĐ-1")))?.events.length, 1)
      strictEqual(retry.balances.advanced, 30n * M)
      const conflict = await fails(s.postEvent("HĐ-1", { ...e, amount: Money.make(31n * M) }))
      isCode(conflict, "ValidationError", "ledger/idempotency-conflict")
      const elsewhere = await fails(s.postEvent("HĐ-2", { ...e, id: "x1" }))
      isCode(elsewhere, "ValidationError", "ledger/idempotency-conflict")
      strictEqual((await run(s.getLedger("HĐ-2")))?.events.length, 0)
      const dupId = await fails(s.postEvent("HĐ-1", F.event("e1", "advance", "2024-04-02", 1n * M)))
      isCode(dupId, "ValidationError", "ledger/duplicate-id")
    }
  },
  {
    name: "ledger: a posting's author is kept beside the event and read back; a retry must come from the same author",
    run: async (s) => {
      await withContract(s)
      const e = F.event("e1", "advance", "2024-04-01", 30n * M, undefined, "req-a")
      const first = await run(s.postEvent("HĐ-1", e, { author: "sct-tn/ke-toan-1" }))
      strictEqual(first.author, "sct-tn/ke-toan-1")
      const retry = await run(s.postEvent("HĐ-1", { ...e }, { author: "sct-tn/ke-toan-1" }))
      deepStrictEqual([retry.replayed, retry.author], [true, "sct-tn/ke-toan-1"])
      isCode(await fails(s.postEvent("HĐ-1", { ...e }, { author: "sct-tn/ke-toan-2" })), "ValidationError", "ledger/idempotency-conflict")
      isCode(await fails(s.postEvent("HĐ-1", { ...e })), "ValidationError", "ledger/idempotency-conflict")
      const anonymous = await run(s.postEvent("HĐ-1", F.event("e2", "advance", "2024-04-02", 1n * M)))
      strictEqual(anonymous.author, undefined)
      hasIssue(await fails(s.postEvent("HĐ-1", F.event("e3", "advance", "2024-04-03", 1n * M), { author: " " })), "author", "schema/invalid")
      deepStrictEqual(await run(s.getAuthors("HĐ-1")), new Map([["e1", "sct-tn/ke-toan-1"]]))
      strictEqual(await run(s.getAuthors("HĐ-9")), undefined)
      strictEqual((await run(s.getLedger("HĐ-1")))?.events.length, 2)
    }
  },
  {
    name: "ledger: ids, idempotency keys and decision numbers are kept in NFC and checked before the database; one key typed two ways is one event",
    run: async (s) => {
      await withContract(s, "HĐ-Hòa-Bình")
      const key = "yêu-cầu-tạm-ứng-01"
      const first = await run(s.postEvent("HĐ-Hòa-Bình".normalize("NFD"), F.event("tạm-ứng-1".normalize("NFD"), "advance", "2024-04-01", 30n * M, undefined, key.normalize("NFD"))))
      strictEqual(first.event.id, "tạm-ứng-1")
      strictEqual(first.event.idempotencyKey, key)
      const retry = await run(s.postEvent("HĐ-Hòa-Bình", F.event("tạm-ứng-1", "advance", "2024-04-01", 30n * M, undefined, key)))
      strictEqual(retry.replayed, true)
      strictEqual((await run(s.getLedger("HĐ-Hòa-Bình".normalize("NFD"))))?.events.length, 1)
      hasIssue(await fails(s.postEvent("HĐ-Hòa-Bình", F.event("e2", "advance", "2024-04-02", 1n * M, undefined, "k".repeat(129)))), "idempotencyKey", "text/too-long")
      hasIssue(await fails(s.postEvent("HĐ-Hòa-Bình", F.event("e2\u200B", "advance", "2024-04-02", 1n * M))), "id", "text/invisible-character")
      const decision = { baseAcceptance: day("2024-09-30"), progressShare: Rate.make(1n, 1n), completedValue: Money.make(95n * M), decision: "12/QĐ\u202E-SCT" }
      hasIssue(await fails(s.postEvent("HĐ-Hòa-Bình", F.event("p1", "payment", "2024-10-01", 1n * M, decision))), "evidence.decision", "text/bidi-control")
      strictEqual((await run(s.getLedger("HĐ-Hòa-Bình")))?.events.length, 1)
      const contract = await fails(s.saveContract(F.contractInput("HĐ\u2066-2"), suitePack))
      hasIssue(contract, "id", "text/bidi-control")
    }
  },
  {
    name: "ledger: 50 concurrent advances never exceed the advance schedule",
    run: async (s) => {
      await withContract(s)
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          Effect.runPromise(Effect.result(s.postEvent("HĐ-1", F.event(`a${String(i).padStart(2, "0")}`, "advance", "2024-04-01", 2n * M))))
        )
      )
      const accepted = results.filter(EffectResult.isSuccess)
      const refused = results.filter(EffectResult.isFailure)
      strictEqual(accepted.length, 35, "70 % of 100.000.000 đ in advances of 2.000.000 đ")
      strictEqual(refused.length, 15)
      for (const r of refused) assertOk(r.failure instanceof Errors.RuleViolation, `refused with a RuleViolation, not ${String(r.failure)}`)
      const b = await run(s.balances("HĐ-1"))
      strictEqual(b?.advanced, 70n * M)
      strictEqual((await run(s.getLedger("HĐ-1")))?.events.length, 35)
    }
  },
  {
    name: "ledger: 50 concurrent payments after acceptance never exceed the contract",
    run: async (s) => {
      await withContract(s)
      await run(s.postEvent("HĐ-1", F.event("acc", "payment", "2024-09-30", 1n * M, { baseAcceptance: day("2024-09-30") })))
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          Effect.runPromise(Effect.result(s.postEvent("HĐ-1", F.event(`p${String(i).padStart(2, "0")}`, "payment", "2024-10-01", 3n * M))))
        )
      )
      strictEqual(results.filter(EffectResult.isSuccess).length, 33, "1 + 33 × 3 = 100.000.000 đ")
      for (const r of results) if (EffectResult.isFailure(r)) isCode(r.failure, "RuleViolation", "ledger/above-contract")
      const b = await run(s.balances("HĐ-1"))
      strictEqual(b?.paid, 100n * M)
      strictEqual(b?.remaining, 0n)
    }
  },
  {
    name: "ledger: 20 concurrent retries of one request post it once",
    run: async (s) => {
      await withContract(s)
      const e = F.event("e1", "advance", "2024-04-01", 10n * M, undefined, "same-key")
      const results = await Promise.all(Array.from({ length: 20 }, () => run(s.postEvent("HĐ-1", { ...e }))))
      strictEqual(results.filter((r) => !r.replayed).length, 1)
      for (const r of results) deepStrictEqual(r.event, e)
      strictEqual((await run(s.getLedger("HĐ-1")))?.events.length, 1)
      strictEqual((await run(s.balances("HĐ-1")))?.advanced, 10n * M)
    }
  },
  {
    name: "ledger: malformed events are ValidationErrors, unknown contracts RuleViolations; nothing is stored",
    run: async (s) => {
      await withContract(s)
      const neg = await fails(s.postEvent("HĐ-1", { ...F.event("e1", "advance", "2024-04-01", 1n), amount: Money.make(-5n) }))
      isCode(neg, "ValidationError", "ledger/invalid-amount")
      const date = await fails(s.postEvent("HĐ-1", { ...F.event("e1", "advance", "2024-04-01", 1n), date: "2024-02-30" as LocalDate.LocalDate }))
      isCode(date, "ValidationError", "ledger/invalid-date")
      const huge = await fails(s.postEvent("HĐ-1", F.event("e1", "advance", "2024-04-01", 10n ** 20n)))
      isCode(huge, "ValidationError", "storage/amount-out-of-range")
      const text = await fails(s.postEvent("HĐ-1", F.event("e\u0000", "advance", "2024-04-01", 1n)))
      isCode(text, "ValidationError", "storage/invalid-text")
      const decision = await fails(s.postEvent("HĐ-1", F.event("e1", "adjustment", "2024-04-01", 90n * M, { decision: 12 as unknown as string })))
      isCode(decision, "ValidationError", "ledger/invalid-decision")
      const garbage = await fails(s.postEvent("HĐ-1", null as unknown as Ledger.Event))
      assertOk(garbage instanceof Errors.ValidationError, `a non-event is a ValidationError, not ${String(garbage)}`)
      const orphan = await fails(s.postEvent("HĐ-9", F.event("e1", "advance", "2024-04-01", 1n)))
      isCode(orphan, "RuleViolation", "storage/unknown-contract")
      strictEqual((await run(s.getLedger("HĐ-1")))?.events.length, 0)
      // extra keys are not kept; the stored event is the clean one
      const extra = { ...F.event("e2", "advance", "2024-04-01", 1n * M), note: "ignored", evidence: {} } as unknown as Ledger.Event
      const posted = await run(s.postEvent("HĐ-1", extra))
      deepStrictEqual(posted.event, F.event("e2", "advance", "2024-04-01", 1n * M))
      deepStrictEqual((await run(s.getLedger("HĐ-1")))?.events, [F.event("e2", "advance", "2024-04-01", 1n * M)])
    }
  },
  {
    name: "ledger: an adjustment changes the approved support the later postings are checked against",
    run: async (s) => {
      const c = await withContract(s)
      await run(s.postEvent("HĐ-1", F.event("e1", "advance", "2024-04-01", 70n * M)))
      const below = await fails(s.postEvent("HĐ-1", F.event("adj", "adjustment", "2024-05-01", 90n * M, decided("2024-05-01"))))
      isCode(below, "RuleViolation", "adjustment/below-paid-out")
      const evaluationId = c.evaluation?.evaluationId ?? "?"
      const up = await run(s.postEvent("HĐ-1", F.event("adj", "adjustment", "2024-05-01", 120n * M, decided("2024-05-01", { evaluationId }))))
      strictEqual(up.balances.approved, 120n * M)
      await run(s.postEvent("HĐ-1", F.event("e2", "advance", "2024-05-02", 14n * M)))
      strictEqual((await run(s.balances("HĐ-1")))?.advanced, 84n * M)
    }
  }
]


const settled = async <A, E>(effect: Effect.Effect<A, E>) => Effect.runPromise(Effect.result(effect))

const chain: ReadonlyArray<ContractCase> = [
  {
    name: "contracts: a contract rests on the proposal's latest eligible evaluation and within its payable amount",
    run: async (s) => {
      // DA-1: a course of 100.000.000 đ, 70 % supported: evaluated at 70.000.000 đ payable
      const evaluation = await storedBasis(s, "DA-1", { cost: 100n * M })
      strictEqual((await run(s.latestEvaluation("DA-1")))?.payable, 70n * M)
      const input = (id: string, amount: bigint, ref: Contract.EvaluationRef | null = evaluation) =>
        F.contractInput(id, { approvedSupport: Money.make(amount), ...(ref === null ? {} : { evaluation: ref }) })
      hasIssue(await fails(s.saveContract(input("HĐ-0", 10n * M, null), suitePack)), "evaluation", "contract/missing-evaluation")
      isCode(await fails(s.saveContract(input("HĐ-0", 10n * M, { proposalId: "DA-1", evaluationId: "999999" }), suitePack)), "RuleViolation", "storage/unknown-evaluation")
      const elsewhere = await storedBasis(s, "DA-2")
      // an evaluation of another proposal is not an evaluation of this one
      isCode(await fails(s.saveContract(input("HĐ-0", 10n * M, { proposalId: "DA-1", evaluationId: elsewhere.evaluationId }), suitePack)), "RuleViolation", "storage/unknown-evaluation")
      // the observed case: 10^12 đ on a proposal evaluated at 70.000.000 đ
      const huge = await fails(s.saveContract(input("HĐ-0", 10n ** 12n), suitePack))
      isCode(huge, "RuleViolation", "contract/exceeds-evaluation")
      assertOk((huge as Errors.RuleViolation).message.includes("1.000.000.000.000") && (huge as Errors.RuleViolation).message.includes("70.000.000"), (huge as Errors.RuleViolation).message)
      // 40 + 30 = 70.000.000 fits exactly; one đồng more in a third contract does not
      await run(s.saveContract(input("HĐ-1", 40n * M), suitePack))
      await run(s.saveContract(input("HĐ-2", 30n * M), suitePack))
      const third = await fails(s.saveContract(input("HĐ-3", 1n), suitePack))
      isCode(third, "RuleViolation", "contract/exceeds-evaluation")
      assertOk((third as Errors.RuleViolation).message.includes("70.000.001"), (third as Errors.RuleViolation).message)
      // an ineligible proposal takes no contract
      const no = await storedBasis(s, "DA-3", { approved: false })
      strictEqual((await run(s.latestEvaluation("DA-3")))?.verdict, "ineligible")
      isCode(await fails(s.saveContract(input("HĐ-4", 1n * M, no), suitePack)), "RuleViolation", "contract/evaluation-not-eligible")
      // a re-evaluation supersedes: new contracts rest on the latest one
      const again = await storedBasis(s, "DA-1", { cost: 200n * M })
      isCode(await fails(s.saveContract(input("HĐ-5", 1n * M), suitePack)), "RuleViolation", "contract/superseded-evaluation")
      await run(s.saveContract(input("HĐ-5", 70n * M, again), suitePack))
      deepStrictEqual((await run(s.listContracts({ proposalId: "DA-1" }))).map((c) => [c.contract.id, c.contract.approvedSupport]), [
        ["HĐ-1", 40n * M],
        ["HĐ-2", 30n * M],
        ["HĐ-5", 70n * M]
      ])
      strictEqual((await run(s.getContract("HĐ-5")))?.proposalId, "DA-1")
    }
  },
  {
    name: "ledger: an adjustment is a decision; an increase rests on a re-evaluation covering all the proposal's contracts; a decrease never goes below what was paid out",
    run: async (s) => {
      const first = await storedBasis(s, "DA-1", { cost: 100n * M }) // 70.000.000 đ payable
      await run(s.saveContract(F.contractInput("HĐ-1", { approvedSupport: Money.make(40n * M), evaluation: first }), suitePack))
      await run(s.saveContract(F.contractInput("HĐ-2", { approvedSupport: Money.make(30n * M), evaluation: first }), suitePack))
      // the observed case: an adjustment with no decision raising a contract a thousandfold
      const bare = await fails(s.postEvent("HĐ-1", F.event("x1", "adjustment", "2024-04-01", 40_000n * M)))
      hasIssue(bare, "evidence.decision", "adjustment/missing-decision")
      hasIssue(bare, "evidence.decidedOn", "adjustment/missing-decision-date")
      hasIssue(bare, "evidence.decidedBy", "adjustment/missing-authority")
      hasIssue(bare, "evidence.legalBasis", "adjustment/missing-legal-basis")
      isCode(await fails(s.postEvent("HĐ-1", F.event("x1", "adjustment", "2024-04-01", 40_000n * M, decided("2024-04-01")))), "RuleViolation", "adjustment/increase-without-evaluation")
      // 50 + 30 = 80.000.000 > 70.000.000 payable
      const over = await fails(s.postEvent("HĐ-1", F.event("x1", "adjustment", "2024-04-01", 50n * M, decided("2024-04-01", { evaluationId: first.evaluationId }))))
      isCode(over, "RuleViolation", "contract/exceeds-evaluation")
      assertOk((over as Errors.RuleViolation).message.includes("80.000.000"), (over as Errors.RuleViolation).message)
      // re-evaluated at 200.000.000 đ of cost: 140.000.000 đ payable
      const second = await storedBasis(s, "DA-1", { cost: 200n * M })
      isCode(await fails(s.postEvent("HĐ-1", F.event("x1", "adjustment", "2024-04-01", 50n * M, decided("2024-04-01", { evaluationId: first.evaluationId })))), "RuleViolation", "contract/superseded-evaluation")
      const raised = await run(s.postEvent("HĐ-1", F.event("x1", "adjustment", "2024-04-01", 110n * M, decided("2024-04-01", { evaluationId: second.evaluationId }))))
      strictEqual(raised.balances.approved, 110n * M) // 110 + 30 = 140.000.000: exactly the payable amount
      deepStrictEqual(raised.event.evidence, decided("2024-04-01", { evaluationId: second.evaluationId }))
      // the observed case through a store: an approved amount of 8 × 10^19 đ
      isCode(await fails(s.postEvent("HĐ-2", F.event("x9", "adjustment", "2024-04-01", 8n * 10n ** 19n, decided("2024-04-01", { evaluationId: second.evaluationId })))), "RuleViolation", "contract/exceeds-evaluation")
      const tooMuch = await fails(s.postEvent("HĐ-2", F.event("x2", "adjustment", "2024-04-01", 30n * M + 1n, decided("2024-04-01", { evaluationId: second.evaluationId }))))
      isCode(tooMuch, "RuleViolation", "contract/exceeds-evaluation")
      assertOk((tooMuch as Errors.RuleViolation).message.includes("140.000.001"), (tooMuch as Errors.RuleViolation).message)
      // HĐ-2 advanced 21.000.000 (70 % of 30.000.000): lowering it to 29.000.000 (limit 20.300.000) is refused
      await run(s.postEvent("HĐ-2", F.event("a1", "advance", "2024-04-02", 21n * M)))
      const below = await fails(s.postEvent("HĐ-2", F.event("x3", "adjustment", "2024-04-03", 29n * M, decided("2024-04-03"))))
      isCode(below, "RuleViolation", "adjustment/below-paid-out")
      assertOk((below as Errors.RuleViolation).message.includes("21.000.000") && (below as Errors.RuleViolation).message.includes("20.300.000"), (below as Errors.RuleViolation).message)
      // lowering HĐ-1 to 100.000.000 frees 10.000.000 for a new contract
      await run(s.postEvent("HĐ-1", F.event("x4", "adjustment", "2024-04-03", 100n * M, decided("2024-04-02"))))
      await run(s.saveContract(F.contractInput("HĐ-3", { approvedSupport: Money.make(10n * M), evaluation: second }), suitePack))
      isCode(await fails(s.saveContract(F.contractInput("HĐ-4", { approvedSupport: Money.make(1n), evaluation: second }), suitePack)), "RuleViolation", "contract/exceeds-evaluation")
      const stored = await run(s.getLedger("HĐ-1"))
      deepStrictEqual(stored?.events.map((e) => [e.id, e.evidence?.decision, e.evidence?.decidedOn, e.evidence?.legalBasis]), [
        ["x1", "15/QĐ-BCT", "2024-04-01", "Circular 36/2013/TT-BCT art. 11.2"],
        ["x4", "15/QĐ-BCT", "2024-04-02", "Circular 36/2013/TT-BCT art. 11.2"]
      ])
    }
  },
  {
    name: "contracts: 60 concurrent contract saves and increases on one proposal never commit more than its payable amount",
    run: async (s) => {
      const basis = await storedBasis(s, "DA-1", { cost: 100n * M }) // 70.000.000 đ payable
      await run(s.saveContract(F.contractInput("HĐ-00", { approvedSupport: Money.make(1n * M), evaluation: basis }), suitePack))
      // 40 new contracts of 2.000.000 đ and 20 increases of HĐ-00 by 1.000.000 đ each, all at once
      const saves = Array.from({ length: 40 }, (_, i) =>
        settled(s.saveContract(F.contractInput(`HĐ-${String(i + 1).padStart(2, "0")}`, { approvedSupport: Money.make(2n * M), evaluation: basis }), suitePack))
      )
      const raises = Array.from({ length: 20 }, (_, i) =>
        settled(s.postEvent("HĐ-00", F.event(`r${String(i).padStart(2, "0")}`, "adjustment", "2024-04-01", BigInt(i + 2) * M, decided("2024-04-01", { evaluationId: basis.evaluationId }))))
      )
      const [saved40, raised20] = await Promise.all([Promise.all(saves), Promise.all(raises)])
      const failures = [...saved40.flatMap((r) => (EffectResult.isFailure(r) ? [r.failure] : [])), ...raised20.flatMap((r) => (EffectResult.isFailure(r) ? [r.failure] : []))]
      for (const f of failures) assertOk(f instanceof Errors.RuleViolation, `refused with a RuleViolation, not ${String(f)}`)
      const contracts = await run(s.listContracts({ proposalId: "DA-1" }))
      let total = 0n
      for (const c of contracts) total += (await run(s.balances(c.contract.id)))?.approved ?? 0n
      assertOk(total <= 70n * M, `the proposal's contracts total ${total}, above 70.000.000`)
      // 70.000.000 = HĐ-00's approved support + 2.000.000 × the new contracts, when none is left over
      const saved = contracts.length - 1
      strictEqual(saved, saved40.filter(EffectResult.isSuccess).length)
      assertOk(total > 70n * M - 2n * M, `a free 2.000.000 was left (${total})`)
    }
  }
]

const writeKeys: ReadonlyArray<ContractCase> = [
  {
    name: "idempotency: every write retried with its key after a lost acknowledgement returns the original result and writes nothing twice",
    run: async (s) => {
      // the first call commits; its answer is "lost" (dropped here) and the caller retries with the same key
      const p = F.proposal("DA-1")
      const v1 = await run(s.saveProposal(p, { status: "submitted", idempotencyKey: "k-proposal" }))
      const v1again = await run(s.saveProposal(p, { status: "submitted", idempotencyKey: "k-proposal" }))
      deepStrictEqual(v1again, v1)
      strictEqual((await run(s.proposalHistory("DA-1"))).length, 1)
      // with expectedVersion too: the retry is the original, not a version conflict
      const v2 = await run(s.saveProposal(p, { expectedVersion: 1, idempotencyKey: "k-proposal-2" }))
      deepStrictEqual(await run(s.saveProposal(p, { expectedVersion: 1, idempotencyKey: "k-proposal-2" })), v2)
      strictEqual((await run(s.proposalHistory("DA-1"))).length, 2)
      const batch = [F.proposal("DA-2"), F.proposal("DA-3")]
      const b1 = await run(s.saveProposals(batch, { idempotencyKey: "k-batch" }))
      deepStrictEqual(await run(s.saveProposals(batch, { idempotencyKey: "k-batch" })), b1)
      strictEqual((await run(s.proposalHistory("DA-2"))).length, 1)

      const e1 = await run(s.saveEvaluation(F.evaluate(p), { idempotencyKey: "k-evaluation" }))
      deepStrictEqual(await run(s.saveEvaluation(F.evaluate(p), { idempotencyKey: "k-evaluation" })), e1)
      const es = await run(s.saveEvaluations(batch.map((x) => F.evaluate(x)), { idempotencyKey: "k-evaluations" }))
      deepStrictEqual(await run(s.saveEvaluations(batch.map((x) => F.evaluate(x)), { idempotencyKey: "k-evaluations" })), es)
      strictEqual((await run(s.evaluationHistory("DA-1"))).length, 1)
      strictEqual((await run(s.evaluationHistory("DA-2"))).length, 1)

      const plan = F.plan("KH-1", 2024, ["DA-1", "DA-2"])
      deepStrictEqual(await run(s.savePlan(plan, { idempotencyKey: "k-plan" })), plan)
      // a later edit under another key is not undone by a late retry of the first request
      const edited = F.plan("KH-1", 2024, ["DA-1", "DA-2", "DA-3"])
      await run(s.savePlan(edited, { idempotencyKey: "k-plan-2" }))
      deepStrictEqual(await run(s.savePlan(plan, { idempotencyKey: "k-plan" })), plan)
      deepStrictEqual(await run(s.getPlan("KH-1")), edited)
      const est = F.establishment("cs-1")
      await run(s.saveEstablishment(est, { idempotencyKey: "k-est" }))
      const renamed = { ...est, name: "Cơ sở đổi tên" }
      await run(s.saveEstablishment(renamed))
      deepStrictEqual(await run(s.saveEstablishment(est, { idempotencyKey: "k-est" })), est)
      deepStrictEqual(await run(s.getEstablishment("cs-1")), renamed)
      strictEqual(await run(s.saveEstablishments([est], { idempotencyKey: "k-ests" })), 1)
      await run(s.saveEstablishment(renamed))
      strictEqual(await run(s.saveEstablishments([est], { idempotencyKey: "k-ests" })), 1)
      deepStrictEqual(await run(s.getEstablishment("cs-1")), renamed)

      const allocation = Allocation.allocateOrThrow({ envelope: Money.make(1_000n * M), candidates: [{ id: "DA-1", requested: Money.make(70n * M) }], policy: { kind: "whole-only" } })
      const a1 = await run(s.saveAllocation({ id: "PB-1", planId: "KH-1", allocation }, { idempotencyKey: "k-allocation" }))
      deepStrictEqual(await run(s.saveAllocation({ id: "PB-1", planId: "KH-1", allocation }, { idempotencyKey: "k-allocation" })), a1)

      const evaluation = { proposalId: "DA-1", evaluationId: e1.id }
      const input = F.contractInput("HĐ-1", { approvedSupport: Money.make(70n * M), evaluation })
      const c1 = await run(s.saveContract(input, suitePack, { idempotencyKey: "k-contract" }))
      deepStrictEqual(await run(s.saveContract(input, suitePack, { idempotencyKey: "k-contract" })), c1)
      strictEqual((await run(s.listContracts())).length, 1)
    }
  },
  {
    name: "idempotency: a key reused with another payload or for another kind of write is refused; nothing is written",
    run: async (s) => {
      await run(s.saveProposal(F.proposal("DA-1"), { idempotencyKey: "k1" }))
      const other = await fails(s.saveProposal(F.proposal("DA-1", { title: "Đề án khác" }), { idempotencyKey: "k1" }))
      isCode(other, "ValidationError", "storage/idempotency-conflict")
      deepStrictEqual((other as Errors.ValidationError).path, ["idempotencyKey"])
      const status = await fails(s.saveProposal(F.proposal("DA-1"), { status: "approved", idempotencyKey: "k1" }))
      isCode(status, "ValidationError", "storage/idempotency-conflict")
      const kind = await fails(s.savePlan(F.plan("KH-1", 2024, ["DA-1"]), { idempotencyKey: "k1" }))
      isCode(kind, "ValidationError", "storage/idempotency-conflict")
      assertOk((kind as Errors.ValidationError).message.includes("saveProposal"), (kind as Errors.ValidationError).message)
      strictEqual((await run(s.proposalHistory("DA-1"))).length, 1)
      strictEqual(await run(s.getPlan("KH-1")), undefined)
      // a failed write does not use up its key
      isCode(await fails(s.savePlan(F.plan("KH-2", 2024, ["DA-9"]), { idempotencyKey: "k2" })), "RuleViolation", "storage/unknown-proposal")
      await run(s.savePlan(F.plan("KH-2", 2024, ["DA-1"]), { idempotencyKey: "k2" }))
      hasIssue(await fails(s.saveProposal(F.proposal("DA-1"), { idempotencyKey: " k " })), "idempotencyKey", "schema/invalid")
    }
  },
  {
    name: "idempotency: an evaluation's key compares the whole record: another input hash, overlay, reform, warning or trace under it is refused; the same inputs evaluated afresh are the same request",
    run: async (s) => {
      const p = F.proposal("DA-1", { fund: "local" })
      await run(s.saveProposal(p))
      const e = auditRecord(p)
      const first = await run(s.saveEvaluation(e, { idempotencyKey: "k-e" }))
      deepStrictEqual(await run(s.saveEvaluation(auditRecord(p), { idempotencyKey: "k-e" })), first)
      const changed: ReadonlyArray<readonly [string, Evaluate.Evaluation]> = [
        ["input hash", { ...e, inputHash: "0".repeat(64) }],
        ["overlay", { ...e, overlay: undefined }],
        ["reforms", { ...e, reforms: e.reforms.slice(1) }],
        ["warnings", { ...e, warnings: e.warnings.slice(0, 1) }],
        ["trace", { ...e, trace: undefined }]
      ]
      for (const [what, other] of changed) isCode(await fails(s.saveEvaluation(other, { idempotencyKey: "k-e" }), `another ${what}`), "ValidationError", "storage/idempotency-conflict")
      const batch = await run(s.saveEvaluations([e], { idempotencyKey: "k-es" }))
      deepStrictEqual(await run(s.saveEvaluations([auditRecord(p)], { idempotencyKey: "k-es" })), batch)
      isCode(await fails(s.saveEvaluations([{ ...e, reforms: ["another-reform"] }], { idempotencyKey: "k-es" })), "ValidationError", "storage/idempotency-conflict")
      // the lazy input hash: read on the first request, never read on the retry (a fresh evaluation)
      const q = F.proposal("DA-2")
      await run(s.saveProposal(q))
      const read = F.evaluate(q)
      strictEqual(read.inputHash.length, 64)
      const once = await run(s.saveEvaluation(read, { idempotencyKey: "k-lazy" }))
      deepStrictEqual(await run(s.saveEvaluation(F.evaluate(q), { idempotencyKey: "k-lazy" })), once)
      strictEqual(once.evaluation?.inputHash, read.inputHash)
      strictEqual((await run(s.evaluationHistory("DA-1"))).length, 2)
      strictEqual((await run(s.evaluationHistory("DA-2"))).length, 1)
    }
  },
  {
    name: "idempotency: 20 concurrent retries of one keyed save write one version",
    run: async (s) => {
      const p = F.proposal("DA-1")
      const results = await Promise.all(Array.from({ length: 20 }, () => run(s.saveProposal(p, { idempotencyKey: "same" }))))
      for (const r of results) deepStrictEqual(r, results[0])
      strictEqual((await run(s.proposalHistory("DA-1"))).length, 1)
      const evaluations = await Promise.all(Array.from({ length: 20 }, () => run(s.saveEvaluation(F.evaluate(p), { idempotencyKey: "same-evaluation" }))))
      for (const r of evaluations) deepStrictEqual(r, evaluations[0])
      strictEqual((await run(s.evaluationHistory("DA-1"))).length, 1)
    }
  }
]

const misc: ReadonlyArray<ContractCase> = [
  {
    name: "reads of ids nothing can have (empty, NUL) match nothing instead of failing",
    run: async (s) => {
      strictEqual(await run(s.getProposal("")), undefined)
      strictEqual(await run(s.getProposal("DA\u0000")), undefined)
      deepStrictEqual(await run(s.proposalHistory("")), [])
      strictEqual(await run(s.getContract("")), undefined)
      strictEqual(await run(s.getPlan("\uD800")), undefined)
      deepStrictEqual(await run(s.allocationOutcomes("")), [])
      const unknownContract = await fails(s.postEvent("", F.event("e1", "advance", "2024-04-01", 1n)))
      isCode(unknownContract, "RuleViolation", "storage/unknown-contract")
    }
  },
  {
    name: "the Promise form (Storage.toAsync) returns Results with the same typed errors",
    run: async (s) => {
      const a = Storage.toAsync(s)
      const saved = await a.saveProposal(F.proposal("DA-1"))
      assertOk(saved.ok)
      strictEqual(saved.value.version, 1)
      const bad = await a.saveProposal(F.proposal("DA-1", { cost: 10n ** 21n }))
      assertOk(!bad.ok)
      isCode(bad.error, "ValidationError", "proposal/invalid")
      const got = await a.getProposal("DA-1")
      assertOk(got.ok)
      notEqual(got.value, undefined)
    }
  },
  {
    name: "a closed store refuses work with StorageError storage/closed",
    run: async (s) => {
      await run(s.saveProposal(F.proposal("DA-1")))
      await Effect.runPromise(s.close())
      isCode(await fails(s.getProposal("DA-1")), "StorageError", "storage/closed")
      isCode(await fails(s.saveProposal(F.proposal("DA-2"))), "StorageError", "storage/closed")
      await Effect.runPromise(s.close()) // closing twice is harmless
      isCode(await fails(s.listProposals()), "StorageError", "storage/closed")
    }
  }
]

/**
 * The storage contract: every case a store must pass. Run each on a fresh, empty store.
 * @example `for (const c of storageContract) await c.run(memoryStore())` → resolves for a conforming store
 * @category contract
 * @since 0.1.0
 */
export const storageContract: ReadonlyArray<ContractCase> = [
  ...establishments,
  ...proposals,
  ...plans,
  ...evaluations,
  ...allocations,
  ...contracts,
  ...ledger,
  ...chain,
  ...writeKeys,
  ...misc
]
