/**
 * Eligibility (điều kiện được hỗ trợ): whether an establishment (cơ sở công nghiệp nông thôn) and a
 * proposal (đề án khuyến công) may receive khuyến công support under a resolved rule pack.
 *
 * Every condition of the pack is checked and reported, passed, failed or not applicable, each
 * with the rule id, its citation and grade (the weakest of the rule's citation and the parameters
 * it read), the layer that set its figures and an English message naming the Vietnamese term.
 * The verdict is `ineligible` when any condition fails, `eligible` when none fails and at least
 * one passed, `not-applicable` when no condition applies (for example a pack with no rules).
 *
 * Rule kinds (the functions; packs supply their parameters, so another period reuses them), one
 * folder each under `src/rules/eligibility/<kind>/` with its roles, its compile step (the static
 * outcomes, built once per resolution), its evaluation, its texts and its test; the registry
 * beside them lists them, and `RulePack.EligibilityRuleKind` and {@link RuleConfig} derive from
 * it:
 * - `legal-form`: the legal form is in the pack's list (Decree 45/2012 art. 1.2.a); cleaner
 *   production is free of the size limit (Circular 46/2012 art. 3.2); artisans, sustainable
 *   production and industrial-cluster infrastructure investors pass when the pack lists them
 *   (Decree 235/2025);
 * - `location`: commune-level units, wards of listed city classes, class-1 wards converted from a
 *   commune within the window counted to 31 December of the year before the plan year (Circular
 *   46/2012 art. 3.1.đ);
 * - `location-province` (Decree 235/2025, from 2025-07-01): the unit kinds eligible in a province
 *   or in a centrally-run city, craft villages (làng nghề);
 * - `industry`, `industry-exclusion`, `mining-area`: listed and excluded industries (Decree
 *   45/2012 art. 5, Circular 46/2012 art. 5), mining only in difficult areas;
 * - `activity-in-catalogue`, `approved`, `counterpart-funding` (requested + other state funding +
 *   counterpart ≥ total: the own contribution covers the total less all state support),
 *   `no-double-funding` (a cost line also funded by another state source is excluded, the rest
 *   stands: {@link LineVerdict} in `ProposalVerdict.lines`): the support conditions of Joint
 *   Circular 26/2014 art. 7.
 *
 * A condition on one activity only is a proposal kind that reads the proposal's activities and
 * cost lines and is not applicable to a proposal without them.
 *
 * Evaluation allocates little: static outcomes are built once when the pack is resolved.
 *
 * @example
 * ```ts
 * import { Eligibility, Pack } from "@khuyencong/core"
 * const v = Eligibility.evaluateProposal(proposal, Pack.resolveOrThrow(pack, date), { establishments })
 * if (v.ok) console.log(v.value.verdict, Eligibility.failures(v.value).map((c) => c.message))
 * ```
 * @since 0.1.0
 * @module
 */
import type * as Effect from "effect/Effect"
import { LookupError } from "../values/Errors.js"
import type { Establishment } from "../records/Establishment.js"
import type { Condition, Context, EstablishmentVerdict, ProposalVerdict, Verdict } from "./eligibility/model.js"
import { establishmentVerdict, evaluateRaw } from "./eligibility/verdicts.js"
import * as LocalDate from "../values/LocalDate.js"
import type { ResolvedPack } from "./Pack.js"
import type { Proposal } from "../records/Proposal.js"
import { err, ok, orThrow, type Result, toEffect } from "../values/Result.js"

export { establishmentOf, type Establishments, type Status } from "./eligibility/Kind.js"
export type { CompiledRule, Condition, Context, EstablishmentVerdict, LineVerdict, ProposalVerdict, RuleConfig, Verdict } from "./eligibility/model.js"
export type { KindCondition, LineCondition } from "./eligibility/Kind.js"

/**
 * The verdict of some conditions: any failed → `ineligible`; else any passed → `eligible`;
 * else `not-applicable`.
 * @category verdicts
 * @since 0.1.0
 * @example `verdictOf([{ status: "passed", … }, { status: "not-applicable", … }])` → `"eligible"`
 */
export const verdictOf = (conditions: ReadonlyArray<Condition>): Verdict => {
  let passed = false
  for (let i = 0; i < conditions.length; i++) {
    const s = (conditions[i] as Condition).status
    if (s === "failed") return "ineligible"
    if (s === "passed") passed = true
  }
  return passed ? "eligible" : "not-applicable"
}

/**
 * The day the ward-conversion window is counted to: 31 December of the year before the plan
 * year (Circular 46/2012 art. 3.1.đ).
 * @category rules
 * @since 0.1.0
 * @example `referenceDate(2025)` → `"2024-12-31"`
 */
export const referenceDate = (planYear: number): LocalDate.LocalDate => LocalDate.endOfYear(planYear - 1)

/**
 * Check every establishment rule of the pack for one establishment, for a plan year.
 * @category evaluation
 * @since 0.1.0
 * @example `evaluateEstablishment(e, resolved, 2025).verdict` → `"eligible"`
 */
export const evaluateEstablishment = (e: Establishment, resolved: ResolvedPack, planYear: number): EstablishmentVerdict =>
  establishmentVerdict(e, e.id, resolved.establishmentRules, planYear)

/**
 * Check every rule of the pack for a proposal: the proposal rules, and the establishment rules
 * for each beneficiary (cơ sở thụ hưởng), using the view of the proposal's fund (a provincial
 * overlay serves local-fund proposals only). Fails with a `LookupError`
 * (`eligibility/unknown-establishment`) when a beneficiary is not in `ctx.establishments`.
 * @category evaluation
 * @since 0.1.0
 * @example `evaluateProposal(p, resolved, { establishments })` → `ok({ verdict: "eligible", conditions: [...], establishments: [...] })`
 */
export const evaluateProposal = (p: Proposal, resolved: ResolvedPack, ctx: Context): Result<ProposalVerdict, LookupError> => {
  const r = evaluateRaw(p, resolved, ctx)
  return r instanceof LookupError ? err(r) : ok(r)
}

/**
 * {@link evaluateProposal}, throwing the `LookupError`.
 * @function
 * @category evaluation
 * @since 0.1.0
 * @example `evaluateProposalOrThrow(p, resolved, { establishments }).verdict` → `"eligible"`
 */
export const evaluateProposalOrThrow: (p: Proposal, resolved: ResolvedPack, ctx: Context) => ProposalVerdict = orThrow(evaluateProposal)

/**
 * {@link evaluateProposal} as an Effect.
 * @function
 * @category evaluation
 * @since 0.1.0
 * @example `Effect.runSync(evaluateEffect(p, resolved, { establishments })).verdict` → `"eligible"`
 */
export const evaluateEffect: (p: Proposal, resolved: ResolvedPack, ctx: Context) => Effect.Effect<ProposalVerdict, LookupError> = toEffect(evaluateProposal)

/**
 * Every condition of a proposal verdict, proposal conditions first, then each establishment's,
 * with the establishment id as `subject` (undefined for proposal conditions).
 * @category verdicts
 * @since 0.1.0
 * @example `allConditions(v).length` → `v.conditions.length + Σ establishments' conditions`
 */
export const allConditions = (
  v: ProposalVerdict
): ReadonlyArray<Condition & { readonly subject?: string }> => [
  ...v.conditions,
  ...v.establishments.flatMap((e) => e.conditions.map((c) => ({ ...c, subject: e.establishmentId })))
]

/**
 * The failed conditions of a proposal verdict (with `subject` for establishment conditions).
 * @category verdicts
 * @since 0.1.0
 * @example `failures(v).map((c) => c.rule)` → `["eligibility.location"]`
 */
export const failures = (v: ProposalVerdict): ReadonlyArray<Condition & { readonly subject?: string }> =>
  allConditions(v).filter((c) => c.status === "failed")
