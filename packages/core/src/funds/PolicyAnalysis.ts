/**
 * PolicyAnalysis (phân tích chính sách): what a change of levels does to a portfolio of proposals
 * before a ministry makes it. One call answers the two questions asked of every reform:
 * - the budget effect (tác động ngân sách): what each proposal, fund, activity, spending item and
 *   province would be paid under pack `a` (today) and pack `b` (the reform), from
 *   `Reform.compare`, under an explicit assumption on applicants' behaviour (`Reform.Behaviour`:
 *   requests held fixed, or raised to the new cap where the old cap bound);
 * - the effect on allocation (tác động đến phân bổ) under a given envelope (kinh phí được giao):
 *   the amounts payable under each pack compete for the same envelope with the same policy, ranking
 *   and ceilings (`Allocation.allocate`), and the report counts the proposals funded, partly funded
 *   and unfunded before and after, and lists each proposal whose outcome changed.
 *
 * Proposals compete in the order given (rank them first, e.g. with `Priority`); a proposal with
 * nothing payable under a pack (ineligible, or no support) does not compete under it and counts as
 * `nothing-payable`. A candidate's province is the proposal's first location, its activity its
 * first activity, its implementing unit the unit's code: the keys of `Allocation.Ceilings`.
 * Which parameters and rules differ between the packs, with both citations, is `Reform.diff`.
 *
 * @example
 * ```ts
 * import { PolicyAnalysis, Reform, Money } from "@khuyencong/core"
 * const reformed = Reform.applyOrThrow(pack, reform)
 * const r = PolicyAnalysis.analyse(pack, reformed, proposals, {
 *   establishments, behaviour: "requests-raised",
 *   allocation: { envelope: Money.make(2_850_000_000n), policy: { kind: "whole-only" } }
 * })
 * if (r.ok) console.log(r.value.comparison.effect.byActivity, r.value.allocation?.after.counts)
 * ```
 * @since 0.3.0
 * @module
 */
import type * as Effect from "effect/Effect"
import type { LookupError, RuleViolation, ValidationError } from "../values/Errors.js"
import type * as Money from "../values/Money.js"
import type { Proposal } from "../records/Proposal.js"
import * as Reform from "../rules/Reform.js"
import type { RulePack } from "../rules/RulePack.js"
import { ok, orThrow, type Result, toEffect } from "../values/Result.js"
import * as Allocation from "./Allocation.js"

/**
 * The envelope the proposals compete for, and how: the allocation policy, optional ceilings and
 * reserve (as in `Allocation.Input`), and for `proportional-tier` each proposal's priority tier.
 * @category models
 * @since 0.3.0
 */
export interface Envelope {
  readonly envelope: Money.Money
  readonly policy: Allocation.Policy
  readonly ceilings?: Allocation.Ceilings
  readonly reserve?: Allocation.Reserve
  /** Priority tier (nhóm ưu tiên) of a proposal, needed by `proportional-tier`. */
  readonly tier?: (p: Proposal) => number
}

/**
 * What {@link analyse} needs: `Reform.compare`'s context (establishments, dates, behaviour) and,
 * for the effect on allocation, the envelope.
 * @category models
 * @since 0.3.0
 */
export interface Context extends Reform.CompareContext {
  readonly allocation?: Envelope
}

/**
 * A proposal's funding status under one pack: an allocation status, or `nothing-payable` when it
 * has no amount payable and so does not compete.
 * @category models
 * @since 0.3.0
 */
export type Standing = Allocation.Status | "nothing-payable"

/**
 * How many proposals stand where, and how much is allocated.
 * @category models
 * @since 0.3.0
 */
export interface Counts {
  readonly funded: number
  readonly partlyFunded: number
  readonly unfunded: number
  readonly nothingPayable: number
  readonly allocated: Money.Money
}

/**
 * One proposal whose funding changed: its standing and allocation under each pack.
 * @category models
 * @since 0.3.0
 */
export interface Move {
  readonly proposalId: string
  readonly before: Standing
  readonly after: Standing
  readonly allocatedBefore: Money.Money
  readonly allocatedAfter: Money.Money
}

/**
 * The effect on allocation: each pack's allocation of the same envelope, the counts of each and
 * every proposal whose standing or allocation changed (in the order given).
 * @category models
 * @since 0.3.0
 */
export interface AllocationEffect {
  readonly before: { readonly allocation: Allocation.Allocation; readonly counts: Counts }
  readonly after: { readonly allocation: Allocation.Allocation; readonly counts: Counts }
  readonly moves: ReadonlyArray<Move>
}

/**
 * A policy analysis: the comparison with its budget effect and the assumption it made on
 * applicants' behaviour (`comparison.behaviour`), and the effect on allocation when an envelope
 * was given.
 * @category models
 * @since 0.3.0
 */
export interface Analysis {
  readonly comparison: Reform.Comparison
  readonly allocation: AllocationEffect | undefined
}

const allocateSide = (
  proposals: ReadonlyArray<Proposal>,
  payable: ReadonlyArray<bigint>,
  env: Envelope
): Result<{ readonly allocation: Allocation.Allocation; readonly standing: Map<string, { readonly status: Standing; readonly allocated: bigint }>; readonly counts: Counts }, ValidationError> => {
  const candidates: Array<Allocation.Candidate> = []
  proposals.forEach((p, i) => {
    const requested = payable[i] as bigint
    if (requested <= 0n) return
    const c: { -readonly [K in keyof Allocation.Candidate]: Allocation.Candidate[K] } = { id: p.id, requested: requested as Money.Money }
    const province = p.locations[0]?.provinceCode
    if (province !== undefined) c.province = province
    const activity = p.activities[0]?.activity
    if (activity !== undefined) c.activity = activity
    if (p.implementingUnit.code !== undefined) c.implementingUnit = p.implementingUnit.code
    if (env.tier !== undefined) c.tier = env.tier(p)
    candidates.push(c)
  })
  const input: { -readonly [K in keyof Allocation.Input]: Allocation.Input[K] } = { envelope: env.envelope, candidates, policy: env.policy }
  if (env.ceilings !== undefined) input.ceilings = env.ceilings
  if (env.reserve !== undefined) input.reserve = env.reserve
  const r = Allocation.allocate(input)
  if (!r.ok) return r
  const standing = new Map<string, { readonly status: Standing; readonly allocated: bigint }>()
  let funded = 0
  let partlyFunded = 0
  let unfunded = 0
  for (const o of r.value.outcomes) {
    standing.set(o.id, { status: o.status, allocated: o.allocated })
    if (o.status === "funded") funded++
    else if (o.status === "partly-funded") partlyFunded++
    else unfunded++
  }
  const counts: Counts = { funded, partlyFunded, unfunded, nothingPayable: proposals.length - candidates.length, allocated: r.value.totals.allocated }
  return ok({ allocation: r.value, standing, counts })
}

const NOTHING = { status: "nothing-payable" as Standing, allocated: 0n }

/**
 * Analyse a reform over a portfolio: `Reform.compare` of packs `a` and `b` over the proposals
 * (budget effect by fund, activity, item and province, under `ctx.behaviour`) and, with
 * `ctx.allocation`, the allocation of the envelope under each pack. Fails as `Reform.compare`
 * does, or with the `ValidationError` of `Allocation.allocate` (e.g. a proposal id twice).
 * @category analysis
 * @since 0.3.0
 * @example `analyse(pack, reformed, proposals, { establishments, allocation: { envelope: Money.make(1_000_000_000n), policy: { kind: "whole-only" } } })` → `ok({ comparison: { total: { a, b, difference }, effect, … }, allocation: { before: { counts: { funded: 3, … } }, after: { counts: { funded: 2, … } }, moves: [{ proposalId: "p3", before: "funded", after: "unfunded", … }] } })`
 */
export const analyse = (
  a: RulePack,
  b: RulePack,
  proposals: ReadonlyArray<Proposal>,
  ctx: Context
): Result<Analysis, LookupError | RuleViolation | ValidationError> => {
  const c = Reform.compare(a, b, proposals, ctx)
  if (!c.ok) return c
  const comparison = c.value
  const env = ctx.allocation
  if (env === undefined) return ok({ comparison, allocation: undefined })
  const before = allocateSide(proposals, comparison.proposals.map((x) => x.a.payable), env)
  if (!before.ok) return before
  const after = allocateSide(proposals, comparison.proposals.map((x) => x.b.payable), env)
  if (!after.ok) return after
  const moves: Array<Move> = []
  for (const p of proposals) {
    const x = before.value.standing.get(p.id) ?? NOTHING
    const y = after.value.standing.get(p.id) ?? NOTHING
    if (x.status !== y.status || x.allocated !== y.allocated)
      moves.push({ proposalId: p.id, before: x.status, after: y.status, allocatedBefore: x.allocated as Money.Money, allocatedAfter: y.allocated as Money.Money })
  }
  return ok({
    comparison,
    allocation: {
      before: { allocation: before.value.allocation, counts: before.value.counts },
      after: { allocation: after.value.allocation, counts: after.value.counts },
      moves
    }
  })
}

/**
 * {@link analyse}, throwing the error. For scripts and examples.
 * @function
 * @category analysis
 * @since 0.3.0
 * @example `analyseOrThrow(pack, reformed, proposals, { establishments }).comparison.total.difference` → `600000000n`
 */
export const analyseOrThrow: (a: RulePack, b: RulePack, proposals: ReadonlyArray<Proposal>, ctx: Context) => Analysis = orThrow(analyse)

/**
 * {@link analyse} as an Effect.
 * @function
 * @category analysis
 * @since 0.3.0
 * @example `Effect.runSync(analyseEffect(pack, reformed, proposals, { establishments })).comparison.behaviour` → `"requests-fixed"`
 */
export const analyseEffect: (
  a: RulePack,
  b: RulePack,
  proposals: ReadonlyArray<Proposal>,
  ctx: Context
) => Effect.Effect<Analysis, LookupError | RuleViolation | ValidationError> = toEffect(analyse)
