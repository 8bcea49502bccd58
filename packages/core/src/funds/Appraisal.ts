/**
 * Appraisal (thẩm định, xét duyệt đề án): a plan's proposals from evaluation to allocation in one
 * step, fund by fund, as a provincial Department of Industry and Trade (Sở Công Thương) or the
 * ministry appraises a year's plan (kế hoạch khuyến công):
 *
 * 1. **evaluate** every proposal (`Evaluate.evaluate`): with installed packs, under the pack
 *    governing its decision date (`Resolution.forDate` on `Evaluate.dateOf`), resolved once per
 *    date; with one resolved pack, under that. A provincial overlay's levels serve local-fund
 *    proposals only; national-fund ones use the national view beneath it (`Pack.viewFor`);
 * 2. **match** each budget envelope (kinh phí được giao) to the fund it pays for
 *    ({@link fundOfEnvelope}: central budget → national fund, kinh phí khuyến công quốc gia;
 *    local budget → local fund, kinh phí khuyến công địa phương): the one place the two meet;
 * 3. **rank** each fund's eligible proposals with something payable (`Priority.rank`, at the end
 *    of the plan year unless told otherwise, submission dates breaking ties);
 * 4. **allocate** each fund's envelopes (their sum, less the fund's reserve) over its ranking
 *    (`Allocation.allocate`), and charge what is allocated to the fund's envelopes in proportion
 *    to their amounts (`Split.split`, whole đồng).
 *
 * Ineligible proposals (không đủ điều kiện) and those with nothing payable are never ranked, so
 * never funded. Per fund, Σ allocated ≤ envelopes − reserve, and the envelopes' shares add up to
 * the fund's allocated total exactly.
 *
 * @example
 * ```ts
 * import { Appraisal, Pack, Rate } from "@khuyencong/core"
 * const r = Appraisal.appraise({
 *   proposals, establishments, plan,
 *   rules: [Pack.loadOrThrow(pack)],
 *   policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }
 * })
 * if (r.ok) for (const f of r.value.funds) console.log(f.fund, f.allocation.totals.allocated)
 * ```
 * @since 0.2.0
 * @module
 */
import * as Allocation from "./Allocation.js"
import type { Establishments, Verdict } from "../rules/Eligibility.js"
import * as Evaluate from "../rules/Evaluate.js"
import * as Pack from "../rules/Pack.js"
import * as Priority from "../rules/Priority.js"
import * as Resolution from "../rules/Resolution.js"
import type { RulePack } from "../rules/RulePack.js"
import type { BudgetEnvelope, Plan } from "../records/Plan.js"
import type { Proposal } from "../records/Proposal.js"
import { LookupError, RuleViolation, ValidationError, type Issue, type Path } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import type * as Progress from "./Progress.js"
import { err, ok, orThrow, type Result, toEffect } from "../values/Result.js"
import * as Split from "../values/Split.js"
import * as Trace from "../values/Trace.js"

type Money = Money.Money

// ---------------------------------------------------------------------------------------------
// Models

/**
 * A khuyến công fund (nguồn kinh phí khuyến công): `national` (quốc gia) or `local` (địa phương).
 * @category models
 * @example `const f: Appraisal.Fund = "local"`
 * @since 0.2.0
 */
export type Fund = Proposal["fund"]

/**
 * The funds in report order: national, then local.
 * @category models
 * @since 0.2.0
 * @example `Appraisal.funds` → `["national", "local"]`
 */
export const funds: ReadonlyArray<Fund> = Object.freeze(["national", "local"] as const)

/**
 * The rules to appraise with: the installed packs (each proposal under the pack governing its
 * decision date; the ranking under the pack of the plan year), or one resolved pack, possibly a
 * provincial overlay's view, used for every proposal and for the ranking.
 * @category models
 * @example `[pack2021, pack2026]` (installed packs) or `Pack.resolveOrThrow(laiChauPack, "2025-06-02")` (one view)
 * @since 0.2.0
 */
export type Rules = ReadonlyArray<RulePack> | Pack.ResolvedPack

/**
 * What {@link appraise} needs. `policy` is the allocation policy (phương án phân bổ) every fund
 * is allocated under; its `unit` is the rounding unit of partial and scaled amounts.
 * @category models
 * @example `{ proposals, establishments, plan, rules: [pack], policy: { kind: "whole-only" } }`
 * @since 0.2.0
 */
export interface Input {
  readonly proposals: ReadonlyArray<Proposal>
  readonly establishments: Establishments
  readonly rules: Rules
  readonly plan: Plan
  readonly policy: Allocation.Policy
}

/**
 * Options of {@link appraise}:
 * - `submittedOn`: submission dates (ngày nộp hồ sơ), the ranking's tie-break after the area
 *   and industry classes and pilot projects;
 * - `rankingDate`: the day the priority rules are read, with installed packs (default: the plan's
 *   approval date, else 31 December of the plan year or, when the pack of the plan year stops
 *   governing before then, its last day; a resolved pack is read at its own date);
 * - `date`: the evaluation date of a proposal (default `Evaluate.dateOf`: its approval date);
 * - `reserve`: per fund, a reserve for programme management taken off that fund's envelopes
 *   (e.g. from `Allocation.reserveFromPack`);
 * - `applyPriorityMultiplier`: passed to `Evaluate.evaluate`;
 * - `trace`: record each evaluation's trace and the appraisal's own steps.
 * @category models
 * @example `{ submittedOn: { "DT-2024-QG-04": "2023-06-12" }, reserve: { national: reserve }, trace: true }`
 * @since 0.2.0
 */
export interface Options {
  readonly submittedOn?: Priority.SubmissionDates
  readonly rankingDate?: LocalDate.LocalDate
  readonly date?: (p: Proposal) => LocalDate.LocalDate
  readonly reserve?: Partial<Readonly<Record<Fund, Allocation.Reserve>>>
  readonly applyPriorityMultiplier?: boolean
  readonly trace?: boolean
}

/**
 * What became of a proposal: an allocation status when it was ranked (`funded`,
 * `partly-funded`, `unfunded`), else `ineligible` (không đủ điều kiện), `not-applicable` (no
 * eligibility rule applied) or `nothing-payable` (eligible, but its support is 0).
 * @category models
 * @example `Appraisal.get(appraisal, "DT-2024-QG-08")?.decision` → `"ineligible"`
 * @since 0.2.0
 */
export type Decision = Allocation.Status | "ineligible" | "not-applicable" | "nothing-payable"

/**
 * One appraised proposal. `index` is its place in the input; `view` the resolved pack view its
 * levels came from (national, or the province's for a local-fund proposal under an overlay);
 * `ranked` and `outcome` are set when it competed for its fund's envelopes.
 * @category models
 * @example `Appraisal.get(appraisal, "DT-2024-QG-12")` → `{ proposal, index: 11, evaluation, view, ranked: { position: 14, … }, allocated: 237000000n, decision: "partly-funded", … }`
 * @since 0.2.0
 */
export interface Appraised {
  readonly proposal: Proposal
  readonly index: number
  readonly evaluation: Evaluate.Evaluation
  readonly view: Pack.ResolvedPack
  readonly ranked: Priority.Ranked | undefined
  readonly outcome: Allocation.Outcome | undefined
  /** Allocated amount (kinh phí phân bổ); 0 when not ranked. */
  readonly allocated: Money
  readonly decision: Decision
}

/**
 * A budget envelope of a fund and the part of the fund's allocated total charged to it.
 * `index` is its place in `plan.envelopes`.
 * @category models
 * @example `Appraisal.fund(appraisal, "local")?.envelopes` → `[{ index: 1, envelope, allocated: 1345000000n }]`
 * @since 0.2.0
 */
export interface EnvelopeShare {
  readonly index: number
  readonly envelope: BudgetEnvelope
  readonly allocated: Money
}

/**
 * One fund's appraisal: its envelopes (and their total), the ranking of its eligible proposals,
 * the allocation over that ranking, and the proposal ids by allocation status, in ranking order.
 * @category models
 * @example `Appraisal.fund(appraisal, "national")?.partlyFunded` → `["DT-2024-QG-12"]`
 * @since 0.2.0
 */
export interface FundAppraisal {
  readonly fund: Fund
  readonly envelopes: ReadonlyArray<EnvelopeShare>
  readonly envelope: Money
  readonly ranking: ReadonlyArray<Priority.Ranked>
  readonly allocation: Allocation.Allocation
  readonly funded: ReadonlyArray<string>
  readonly partlyFunded: ReadonlyArray<string>
  readonly unfunded: ReadonlyArray<string>
}

/**
 * Totals over every fund: proposals by verdict, support requested (kinh phí đề nghị hỗ trợ) and
 * payable (mức hỗ trợ theo quy định), envelopes, reserves, allocated and unallocated.
 * @category models
 * @example `appraisal.totals` → `{ proposals: 33, eligible: 29, ineligible: 4, envelope: 5750000000n, allocated: 5744800000n, unallocated: 5200000n, … }`
 * @since 0.2.0
 */
export interface Totals {
  readonly proposals: number
  readonly eligible: number
  readonly ineligible: number
  readonly notApplicable: number
  readonly requested: Money
  readonly payable: Money
  readonly envelope: Money
  readonly reserve: Money
  readonly allocated: Money
  readonly unallocated: Money
}

/**
 * The result of {@link appraise}. `proposals` are in report order: national fund first, then
 * local; within a fund by ranking position, then the proposals that were not ranked, by id.
 * `funds` holds every fund with an envelope or a proposal, in the order of {@link funds}.
 * @category models
 * @example `Appraisal.appraiseOrThrow(input).funds.map((f) => f.fund)` → `["national", "local"]`
 * @since 0.2.0
 */
export interface Appraisal {
  readonly plan: Plan
  readonly proposals: ReadonlyArray<Appraised>
  readonly funds: ReadonlyArray<FundAppraisal>
  readonly totals: Totals
  readonly trace: Trace.Trace | undefined
}

// ---------------------------------------------------------------------------------------------
// Funds and envelopes

/**
 * The fund a budget envelope pays for: a central-budget envelope pays for national-fund
 * proposals, a local-budget one for local-fund proposals; an envelope from another source
 * (nguồn khác) pays for the national fund in a national plan and is ambiguous (`undefined`) in a
 * provincial one.
 * @category funds
 * @since 0.2.0
 * @example `Appraisal.fundOfEnvelope({ year: 2024, level: "provincial", provinceCode: "87", amount, source: { kind: "local-budget" } })` → `"local"`
 */
export const fundOfEnvelope = (e: BudgetEnvelope): Fund | undefined => {
  switch (e.source.kind) {
    case "central-budget":
      return "national"
    case "local-budget":
      return "local"
    case "other":
      return e.level === "national" ? "national" : undefined
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

const checkInput = (input: Input): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const add = (code: string, path: Path, message: string, actual: unknown) => issues.push({ code, path, message, actual })
  const { plan } = input
  const listed = new Set(plan.proposalIds)
  const seen = new Set<string>()
  input.proposals.forEach((p, i) => {
    if (seen.has(p.id)) add("appraisal/duplicate-proposal", ["proposals", i, "id"], `Proposal (đề án) "${p.id}" is given twice`, p.id)
    seen.add(p.id)
    if (!listed.has(p.id))
      add("appraisal/not-in-plan", ["proposals", i, "id"], `Proposal (đề án) "${p.id}" is not in plan (kế hoạch) "${plan.id}"`, p.id)
    if (p.planYear !== plan.year)
      add(
        "appraisal/plan-year-mismatch",
        ["proposals", i, "planYear"],
        `Proposal (đề án) "${p.id}" is for ${p.planYear}, but plan (kế hoạch) "${plan.id}" is for ${plan.year}`,
        p.planYear
      )
    if (p.fund === "local" && plan.level === "national")
      add(
        "appraisal/fund-level-mismatch",
        ["proposals", i, "fund"],
        `Proposal (đề án) "${p.id}" asks for local funds (kinh phí khuyến công địa phương), which a national plan does not hold`,
        p.fund
      )
  })
  plan.envelopes.forEach((e, k) => {
    if (fundOfEnvelope(e) === undefined)
      add(
        "appraisal/envelope-fund-unknown",
        ["plan", "envelopes", k, "source", "kind"],
        `Budget envelope (kinh phí được giao) ${k} of provincial plan "${plan.id}" comes from another source (nguồn khác: ${e.source.note ?? "no note"}), ` +
          "so the fund it pays for is unknown; book it as central-budget (national fund) or local-budget (local fund)",
        e.source.kind
      )
  })
  return issues
}

/**
 * The errors {@link appraise} fails with.
 * @category models
 * @example `Appraisal.appraise(input).error?._tag` → `"ValidationError"` for a proposal given twice
 * @since 0.2.0
 */
export type AppraisalError = LookupError | RuleViolation | ValidationError

/** The same error with `prefix` before its path and `what` before its message; `move` relocates a validation issue's path. */
const located = <E extends AppraisalError>(e: E, prefix: Path, what: string, move: (path: Path) => Path = (p) => [...prefix, ...p]): E => {
  const path = move(e.path)
  const message = `${what}: ${e.message}`
  if (e instanceof LookupError) return new LookupError({ code: e.code, path, at: e.at, message }) as E
  if (e instanceof RuleViolation)
    return new RuleViolation({ code: e.code, path, rule: e.rule, message, ...(e.citation === undefined ? {} : { citation: e.citation }) }) as E
  const issues = (e as ValidationError).issues.map((i) => ({ ...i, path: move(i.path) }))
  return new ValidationError({ code: e.code, path, message, issues }) as E
}

// ---------------------------------------------------------------------------------------------
// Appraisal

/** A proposal evaluated, with the view its levels came from. */
interface Evaluated {
  readonly proposal: Proposal
  readonly evaluation: Evaluate.Evaluation
  readonly view: Pack.ResolvedPack
}

/** The resolved pack for a date: the one given, or the installed pack `pick` chooses, resolved once per date. */
type Resolver = (date: LocalDate.LocalDate, pick: (packs: ReadonlyArray<RulePack>) => Result<RulePack, LookupError>) => Result<Pack.ResolvedPack, LookupError>

const resolverOf = (rules: Rules): Resolver => {
  if (!Array.isArray(rules)) return () => ok(rules as Pack.ResolvedPack)
  const cache = Evaluate.makeCache()
  return (date, pick) => {
    const pack = pick(rules as ReadonlyArray<RulePack>)
    return pack.ok ? cache.get(pack.value, date) : pack
  }
}

/** Step 1: every proposal under the pack governing its date (`Evaluate.evaluate`). */
const evaluateEach = (
  proposals: ReadonlyArray<Proposal>,
  resolve: Resolver,
  ctx: Evaluate.Context,
  options: Options,
  recorder: Trace.Recorder | undefined
): Result<ReadonlyArray<Evaluated>, AppraisalError> => {
  const out: Array<Evaluated> = []
  for (const [i, proposal] of proposals.entries()) {
    const what = `Proposal (đề án) "${proposal.id}" could not be evaluated`
    const date = options.date === undefined ? Evaluate.dateOf(proposal) : options.date(proposal)
    const resolved = resolve(date, (packs) => Resolution.forDate(packs, date))
    if (!resolved.ok) return err(located(resolved.error, ["proposals", i], what))
    const e = Evaluate.evaluate(proposal, resolved.value, ctx)
    if (!e.ok) return err(located(e.error, ["proposals", i], what))
    const view = Pack.viewFor(resolved.value, proposal.fund)
    out.push({ proposal, evaluation: e.value, view })
    recorder?.push(
      Trace.step({
        rule: "appraisal.evaluate",
        description: "Evaluation of a proposal (đánh giá đề án): eligibility and support",
        inputs: { proposal: proposal.id, fund: proposal.fund, date, pack: e.value.packId, version: e.value.packVersion, province: view.province },
        result: { verdict: e.value.verdict, payable: e.value.payable }
      })
    )
  }
  return ok(out)
}

/** 31 December of the plan year or, when the plan year's pack stops governing before then, its last day. */
const lastDayOf = (packs: ReadonlyArray<RulePack>, year: number): LocalDate.LocalDate => {
  const yearEnd = LocalDate.endOfYear(year)
  const pack = Resolution.forPlanYear(packs, year)
  const end = pack.ok ? Resolution.effectiveEnd(pack.value, packs) : undefined
  return end !== undefined && end < yearEnd ? end : yearEnd
}

/** Priority tiers (nhóm ưu tiên) for `proportional-tier`: one per pair of area and industry classes, in ranking order. */
const tiersOf = (ranking: ReadonlyArray<Priority.Ranked>): ReadonlyArray<number> => {
  const tiers: Array<number> = []
  let last: string | undefined
  for (const r of ranking) {
    const key = `${r.areaRank}/${r.industryRank}`
    tiers.push((tiers.at(-1) ?? -1) + (key === last ? 0 : 1))
    last = key
  }
  return tiers
}

/** The fund's allocated total charged to its envelopes in proportion to their amounts (whole đồng). */
const shares = (allocated: Money, envelopes: ReadonlyArray<Omit<EnvelopeShare, "allocated">>): ReadonlyArray<EnvelopeShare> => {
  const amounts = envelopes.map((e) => e.envelope.amount as bigint)
  const split = Split.split(allocated, amounts)
  // No envelope, or only empty ones: nothing was allocated, so nothing is charged.
  const parts = split.ok ? split.value.parts : amounts.map(() => Money.zero)
  return envelopes.map((e, i) => ({ ...e, allocated: parts[i] ?? Money.zero }))
}

/** Steps 3 and 4 for one fund: rank its proposals with something payable, allocate its envelopes. */
const appraiseFund = (
  fund: Fund,
  envelopes: ReadonlyArray<Omit<EnvelopeShare, "allocated">>,
  inFund: ReadonlyArray<Evaluated>,
  ranking: Result<Priority.Context["resolved"], LookupError>,
  input: Input,
  options: Options,
  recorder: Trace.Recorder | undefined
): Result<FundAppraisal, AppraisalError> => {
  const what = `The ${fund} fund's proposals could not be ranked (xếp thứ tự ưu tiên)`
  const competing = inFund.filter((x) => x.evaluation.verdict === "eligible" && x.evaluation.payable > 0n)
  const payable = new Map(competing.map((x) => [x.proposal.id, x.evaluation.payable] as const))
  let ranked: ReadonlyArray<Priority.Ranked> = []
  if (payable.size > 0) {
    if (!ranking.ok) return err(located(ranking.error, ["funds", fund], what))
    const submittedOn = options.submittedOn === undefined ? {} : { submittedOn: options.submittedOn }
    const r = Priority.rank(
      competing.map((x) => x.proposal),
      { resolved: ranking.value, establishments: input.establishments, ...submittedOn }
    )
    if (!r.ok) return err(located(r.error, ["funds", fund], what))
    ranked = r.value
  }
  recorder?.push(
    Trace.step({
      rule: `appraisal.rank.${fund}`,
      description: `Ranking (xếp thứ tự ưu tiên) of the ${fund} fund's eligible proposals by the pack's priority rules`,
      inputs: { fund, candidates: ranked.length },
      result: ranked.map((r) => ({ proposal: r.proposalId, area: r.area?.id, industry: r.industry?.id, pilot: r.pilot }))
    })
  )
  // Tiers only where the policy reads them, so that other allocations carry none.
  const tiers = input.policy.kind === "proportional-tier" ? tiersOf(ranked) : undefined
  const reserve = options.reserve?.[fund]
  const candidates = ranked.map((r, k) => ({
    id: r.proposalId,
    requested: payable.get(r.proposalId) ?? Money.zero,
    ...(tiers === undefined ? {} : { tier: tiers[k] as number })
  }))
  const envelope = Money.sum(envelopes.map((e) => e.envelope.amount))
  const a = Allocation.allocate({ envelope, candidates, policy: input.policy, ...(reserve === undefined ? {} : { reserve }) }, recorder)
  if (!a.ok) {
    const move = (path: Path): Path => (path[0] === "reserve" ? ["reserve", fund, ...path.slice(1)] : path)
    return err(located(a.error, [], `The ${fund} fund could not be allocated (phân bổ kinh phí)`, move))
  }
  const charged = shares(a.value.totals.allocated, envelopes)
  recorder?.push(
    Trace.step({
      rule: `appraisal.envelope-shares.${fund}`,
      description: "What is allocated, charged to the fund's envelopes in proportion to their amounts (largest remainder, whole đồng)",
      inputs: { allocated: a.value.totals.allocated, envelopes: charged.map((e) => ({ index: e.index, amount: e.envelope.amount })) },
      result: charged.map((e) => e.allocated)
    })
  )
  const byStatus = (s: Allocation.Status) => a.value.outcomes.filter((o) => o.status === s).map((o) => o.id)
  return ok({
    fund,
    envelopes: charged,
    envelope,
    ranking: ranked,
    allocation: a.value,
    funded: byStatus("funded"),
    partlyFunded: byStatus("partly-funded"),
    unfunded: byStatus("unfunded")
  })
}

const decisionOf = (e: Evaluate.Evaluation, outcome: Allocation.Outcome | undefined): Decision => {
  if (outcome !== undefined) return outcome.status
  const verdict: Verdict = e.verdict
  return verdict === "eligible" ? "nothing-payable" : verdict
}

/** Report order: funds in order, then ranking position (the unranked last), then id. */
const reportOrder = (a: Appraised, b: Appraised): number => {
  const position = (x: Appraised): number => x.ranked?.position ?? Number.MAX_SAFE_INTEGER
  const [x, y] = [a.proposal.id, b.proposal.id]
  return funds.indexOf(a.proposal.fund) - funds.indexOf(b.proposal.fund) || position(a) - position(b) || (x < y ? -1 : x > y ? 1 : 0)
}

/**
 * Appraise a plan: evaluate every proposal, rank each fund's eligible proposals, allocate each
 * fund's envelopes (see the module header).
 *
 * Errors, each naming the field or row:
 * - `ValidationError`, every problem of the input listed: `appraisal/duplicate-proposal`,
 *   `appraisal/not-in-plan`, `appraisal/plan-year-mismatch`, `appraisal/fund-level-mismatch`
 *   (paths `["proposals", i, …]`), `appraisal/envelope-fund-unknown` (`["plan", "envelopes", k,
 *   "source", "kind"]`); a bad policy or reserve as `Allocation.allocate` reports it (a
 *   reserve's path under `["reserve", fund]`);
 * - `LookupError` (no pack governs a proposal's date, unknown establishment …) and
 *   `RuleViolation` (a local-fund proposal outside the overlay's province …) from evaluation,
 *   with the path under `["proposals", i]`; from ranking, under `["funds", fund]`.
 * @category appraisal
 * @since 0.2.0
 * @example
 * ```ts
 * // the quick start's register: national envelope 2,6 tỷ, local 250 million
 * const policy = { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n), unit: 1_000_000n }
 * const r = Appraisal.appraise({ proposals, establishments, plan, rules: [rules], policy }, { submittedOn })
 * r.ok && r.value.funds.map((f) => [f.fund, f.allocation.totals.allocated]) // [["national", 2570000000n], ["local", 250000000n]]
 * ```
 */
export const appraise = (input: Input, options: Options = {}): Result<Appraisal, AppraisalError> => {
  const { plan, proposals } = input
  const issues = checkInput(input)
  if (issues.length > 0) {
    const first = issues[0] as Issue
    const message = `Cannot appraise (thẩm định) plan "${plan.id}": ${issues.length} problem${issues.length === 1 ? "" : "s"}; first: ${first.message}`
    return err(new ValidationError({ code: first.code, path: first.path, message, issues }))
  }
  const recorder = options.trace === true ? new Trace.Recorder() : undefined
  const resolve = resolverOf(input.rules)
  const ctx: Evaluate.Context = {
    establishments: input.establishments,
    ...(options.trace === true ? { trace: true } : {}),
    ...(options.applyPriorityMultiplier === true ? { applyPriorityMultiplier: true } : {})
  }
  const evaluated = evaluateEach(proposals, resolve, ctx, options, recorder)
  if (!evaluated.ok) return evaluated

  // 2. Envelopes by fund
  const envelopesOf = new Map<Fund, Array<Omit<EnvelopeShare, "allocated">>>(funds.map((f) => [f, []]))
  plan.envelopes.forEach((envelope, index) => envelopesOf.get(fundOfEnvelope(envelope) as Fund)?.push({ index, envelope }))
  recorder?.push(
    Trace.step({
      rule: "appraisal.envelopes",
      description: "Budget envelopes (kinh phí được giao) matched to the funds they pay for: central budget → national, local budget → local",
      inputs: { plan: plan.id, envelopes: plan.envelopes.map((e) => ({ source: e.source.kind, level: e.level, amount: e.amount })) },
      result: Object.fromEntries(funds.map((f) => [f, (envelopesOf.get(f) ?? []).map((e) => e.index)]))
    })
  )

  // 3–4. Rank and allocate fund by fund, with the priority rules read at the ranking date
  const { rules } = input
  const rankingDate = Array.isArray(rules) ? (options.rankingDate ?? plan.approval?.date ?? lastDayOf(rules, plan.year)) : (rules as Pack.ResolvedPack).date
  const ranking = resolve(rankingDate, (packs) => Resolution.forPlanYear(packs, plan.year))
  const fundResults: Array<FundAppraisal> = []
  for (const fund of funds) {
    const envelopes = envelopesOf.get(fund) ?? []
    const inFund = evaluated.value.filter((x) => x.proposal.fund === fund)
    if (envelopes.length === 0 && inFund.length === 0) continue
    const r = appraiseFund(fund, envelopes, inFund, ranking, input, options, recorder)
    if (!r.ok) return r
    fundResults.push(r.value)
  }

  const outcomes = new Map(fundResults.flatMap((f) => f.ranking.map((r, k) => [r.proposalId, { ranked: r, outcome: f.allocation.outcomes[k] }] as const)))
  const appraised: Array<Appraised> = evaluated.value.map(({ proposal, evaluation, view }, index) => {
    const o = outcomes.get(proposal.id)
    const outcome = o?.outcome
    const allocated = outcome?.allocated ?? Money.zero
    return { proposal, index, evaluation, view, ranked: o?.ranked, outcome, allocated, decision: decisionOf(evaluation, outcome) }
  })
  appraised.sort(reportOrder)

  const count = (v: Verdict) => evaluated.value.filter((x) => x.evaluation.verdict === v).length
  const sumOf = (f: (t: Allocation.Totals) => Money) => Money.sum(fundResults.map((x) => f(x.allocation.totals)))
  const totals: Totals = {
    proposals: proposals.length,
    eligible: count("eligible"),
    ineligible: count("ineligible"),
    notApplicable: count("not-applicable"),
    requested: Money.sum(evaluated.value.map((x) => x.evaluation.support.requested)),
    payable: Money.sum(evaluated.value.map((x) => x.evaluation.payable)),
    envelope: sumOf((t) => t.envelope),
    reserve: sumOf((t) => t.reserve),
    allocated: sumOf((t) => t.allocated),
    unallocated: sumOf((t) => t.unallocated)
  }
  const description = "Totals of the appraisal (tổng hợp kết quả thẩm định)"
  recorder?.push(Trace.step({ rule: "appraisal.totals", description, inputs: { plan: plan.id, rankingDate }, result: totals }))
  return ok({ plan, proposals: appraised, funds: fundResults, totals, trace: recorder?.finish() })
}

/**
 * {@link appraise}, throwing the error. For scripts and tests.
 * @function
 * @category appraisal
 * @since 0.2.0
 * @example `Appraisal.appraiseOrThrow({ proposals, establishments, plan, rules: [pack], policy }).totals.allocated` → `2820000000n`
 */
export const appraiseOrThrow = orThrow(appraise)

/**
 * {@link appraise} as an Effect, failing with the same tagged errors.
 * @function
 * @category appraisal
 * @since 0.2.0
 * @example `Effect.runSync(Appraisal.appraiseEffect(input).pipe(Effect.catchTag("LookupError", (e) => Effect.succeed(e.path))))` → `["proposals", 3]` when proposal 3 has no rules
 */
export const appraiseEffect = toEffect(appraise)

// ---------------------------------------------------------------------------------------------
// Reading an appraisal

/**
 * The appraised proposal with this id, if it took part.
 * @category accessors
 * @since 0.2.0
 * @example `Appraisal.get(appraisal, "DT-2024-QG-12")?.decision` → `"partly-funded"`
 */
export const get = (appraisal: Appraisal, id: string): Appraised | undefined => appraisal.proposals.find((x) => x.proposal.id === id)

/**
 * The appraisal of one fund, if the plan has an envelope or a proposal for it.
 * @category accessors
 * @since 0.2.0
 * @example `Appraisal.fund(appraisal, "local")?.allocation.totals.unallocated` → `5000000n`
 */
export const fund = (appraisal: Appraisal, which: Fund): FundAppraisal | undefined => appraisal.funds.find((f) => f.fund === which)

/**
 * The proposals that received money (in full or in part), in report order.
 * @category accessors
 * @since 0.2.0
 * @example `Appraisal.funded(appraisal).map((x) => [x.proposal.id, x.allocated])` → `[["DT-2024-QG-02", 1000000000n], …]`
 */
export const funded = (appraisal: Appraisal): ReadonlyArray<Appraised> => appraisal.proposals.filter((x) => x.allocated > 0n)

/**
 * What each funded proposal was assigned, as `Progress` assignments (kinh phí được giao) for a
 * disbursement report: id = proposal id, the allocated amount, its fund, its first activity and
 * the province of its first location.
 * @category accessors
 * @since 0.2.0
 * @example `Appraisal.assignments(appraisal)[0]` → `{ id: "DT-2024-QG-02", amount: 1000000000n, fund: "national", activity: "demo-model", province: "87" }`
 */
export const assignments = (appraisal: Appraisal): ReadonlyArray<Progress.Assignment> =>
  funded(appraisal).map(({ proposal: p, allocated }) => {
    const a: { -readonly [K in keyof Progress.Assignment]: Progress.Assignment[K] } = { id: p.id, amount: allocated, fund: p.fund }
    const activity = p.activities[0]?.activity
    const province = p.locations[0]?.provinceCode
    if (activity !== undefined) a.activity = activity
    if (province !== undefined) a.province = province
    return a
  })
