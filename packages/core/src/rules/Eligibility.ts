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
 * Rule kinds (the functions; packs supply their parameters, so another period reuses them):
 * - `legal-form`: the legal form is in the pack's list (Decree 45/2012 art. 1.2.a: SMEs,
 *   cooperatives, cooperative groups, business households); a cleaner-production establishment is
 *   free of the size limit (Circular 46/2012 art. 3.2) when the pack says so;
 * - `location`: the production location is a commune, township (or other listed unit), a ward of
 *   a listed city class, or a ward of a listed class (class 1) converted from a commune within the
 *   window (5 years), counted from the conversion decision's effective date to 31 December of the
 *   year before the plan year (Circular 46/2012 art. 3.1.đ): `reference ≤ convertedOn + window`.
 *   A cleaner-production establishment is free of the location limit (art. 3.2). The test is on
 *   the production location, so an establishment registered in a class-1 ward producing in an
 *   eligible place passes (art. 3.1.d);
 * - `location-province` (Decree 235/2025, from 2025-07-01, no districts or urban classes): the
 *   production location's province code is looked up in the pack's dated list of centrally-run
 *   cities (thành phố trực thuộc trung ương) read at the decision date; the commune-level unit must
 *   be among the kinds listed for a province (communes, wards, special zones) or for a centrally-run
 *   city (communes, special zones: not wards). A location in a craft village (làng nghề) recognised
 *   by the provincial People's Committee (`location.craftVillage` given) passes whatever its unit.
 *   Cleaner-production and sustainable-production establishments and industrial-cluster
 *   infrastructure investors are free of the place condition when the pack says so (new art.
 *   1.2.b of Decree 45/2012);
 * - `legal-form` also admits, when the pack lists them, holders of an artisan title
 *   (`artisanTitle`, nghệ nhân), sustainable-production establishments, and industrial-cluster
 *   infrastructure investors of the listed forms (whatever their size);
 * - `industry`: the industry code is in the list (Decree 45/2012 art. 5); codes are hierarchical
 *   (`vat-lieu-xay-dung` covers `vat-lieu-xay-dung/gach-dat-set-nung-lo-vong`);
 * - `industry-exclusion`: not an excluded industry (Circular 46/2012 art. 5.1: fired-clay bricks
 *   from improved manual or ring kilns);
 * - `mining-area`: mining and mineral processing only in difficult or especially difficult areas
 *   (Decree 45/2012 art. 5.1.e, Circular 46/2012 art. 5.2); not applicable to other industries;
 * - `activity-in-catalogue`, `approved`, `counterpart-funding` (requested + counterpart ≥ total),
 *   `no-double-funding` (no other state funding for the same spending item): the support
 *   conditions of Joint Circular 26/2014 art. 7.
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
import { Effect } from "effect"
import type * as Citation from "../values/Citation.js"
import { LookupError, type Path } from "../values/Errors.js"
import type { Establishment } from "../records/Establishment.js"
import { establishmentVerdict, evaluateRaw } from "./internal/eligibilityRules.js"
import * as LocalDate from "../values/LocalDate.js"
import type { ResolvedPack } from "./Pack.js"
import type { Proposal } from "../records/Proposal.js"
import { err, ok, type Result } from "../values/Result.js"
import type { EligibilityRuleKind } from "./RulePack.js"
import type * as Trace from "../values/Trace.js"

/**
 * Outcome of one condition.
 * @category models
 * @since 0.1.0
 */
export type Status = "passed" | "failed" | "not-applicable"

/**
 * Overall verdict.
 * @category models
 * @since 0.1.0
 */
export type Verdict = "eligible" | "ineligible" | "not-applicable"

/**
 * One checked condition.
 * @category models
 * @since 0.1.0
 */
export interface Condition {
  /** Rule id from the pack, e.g. `eligibility.location`. */
  readonly rule: string
  readonly kind: EligibilityRuleKind
  readonly status: Status
  /** Stable outcome code, e.g. `location/ward-class:2`, `counterpart/shortfall`. */
  readonly reason: string
  /** English, naming the Vietnamese term, ending with the citation and its grade. */
  readonly message: string
  readonly citation: Citation.Citation
  /** Weakest grade of the rule's citation and of the parameters it read. */
  readonly grade: Citation.Grade
  /** Layer that set the rule's figures (`national`, an overlay id, a reform id). */
  readonly layer: string
  /** For a proposal condition that failed on a line: path into the proposal. */
  readonly path?: Path
  /** The offending or decisive value, when the message quotes one. */
  readonly actual?: unknown
}

/**
 * A rule's parameters as read at the resolution date.
 * @category models
 * @since 0.1.0
 */
export type RuleConfig =
  | {
      readonly kind: "legal-form"
      readonly forms: ReadonlyArray<string>
      readonly cleanerProductionExempt: boolean
      readonly artisanTitles: ReadonlyArray<string>
      readonly sustainableProductionExempt: boolean
      readonly clusterInvestorForms: ReadonlyArray<string>
    }
  | {
      readonly kind: "location"
      readonly unitKinds: ReadonlyArray<string>
      readonly wardCityClasses: ReadonlyArray<string>
      readonly convertedWardCityClasses: ReadonlyArray<string>
      readonly conversionWindowYears: number
      readonly cleanerProductionExempt: boolean
    }
  | {
      readonly kind: "location-province"
      readonly provinceUnitKinds: ReadonlyArray<string>
      readonly centralCityUnitKinds: ReadonlyArray<string>
      readonly centralCities: ReadonlyArray<string>
      readonly craftVillages: boolean
      readonly cleanerProductionExempt: boolean
      readonly sustainableProductionExempt: boolean
      readonly clusterInvestorForms: ReadonlyArray<string>
    }
  | { readonly kind: "industry"; readonly industries: ReadonlyArray<string>; readonly cleanerProductionCovered: boolean }
  | { readonly kind: "industry-exclusion"; readonly excluded: ReadonlyArray<string>; readonly description: string }
  | { readonly kind: "mining-area"; readonly industries: ReadonlyArray<string>; readonly areas: ReadonlyArray<string> }
  | { readonly kind: "activity-in-catalogue" }
  | { readonly kind: "approved" }
  | { readonly kind: "counterpart-funding" }
  | { readonly kind: "no-double-funding" }

/**
 * A pack rule compiled at a date (part of a `Pack.ResolvedPack`).
 * @category models
 * @since 0.1.0
 */
export interface CompiledRule {
  readonly id: string
  readonly kind: EligibilityRuleKind
  readonly scope: "establishment" | "proposal"
  /** Lookup tables the evaluation reads (internal representation; do not rely on its shape). */
  readonly tables: object
  readonly name: string
  readonly nameVi: string
  readonly citation: Citation.Citation
  readonly grade: Citation.Grade
  readonly layer: string
  readonly reads: ReadonlyArray<Trace.ParameterRead>
  /** `name (nameVi): ` — the start of every message of the rule. */
  readonly messagePrefix: string
  /** ` [citation (grade)]` — the end of every message of the rule. */
  readonly messageSuffix: string
  readonly config: RuleConfig
  /** Every static outcome, by group and key (`outcomes.get("location/ward-class")?.get("2")`). */
  readonly outcomes: ReadonlyMap<string, ReadonlyMap<string, Condition>>
}

/**
 * The verdict on one establishment.
 * @category models
 * @since 0.1.0
 */
export interface EstablishmentVerdict {
  readonly establishmentId: string
  readonly verdict: Verdict
  readonly conditions: ReadonlyArray<Condition>
}

/**
 * The verdict on a proposal: its own conditions and those of each beneficiary.
 * @category models
 * @since 0.1.0
 */
export interface ProposalVerdict {
  readonly proposalId: string
  readonly packId: string
  readonly date: LocalDate.LocalDate
  readonly verdict: Verdict
  readonly establishments: ReadonlyArray<EstablishmentVerdict>
  readonly conditions: ReadonlyArray<Condition>
}

/**
 * Establishments by id: a `Map` or a plain record.
 * @category models
 * @since 0.1.0
 */
export type Establishments = ReadonlyMap<string, Establishment> | Readonly<Record<string, Establishment>>

/**
 * What proposal evaluation needs besides the proposal and the resolved pack.
 * @category models
 * @since 0.1.0
 */
export interface Context {
  readonly establishments: Establishments
}

/**
 * Look an establishment up by id.
 * @category lookup
 * @since 0.1.0
 * @example `establishmentOf(new Map([["e1", e]]), "e1") === e` → `true`
 */
export const establishmentOf = (es: Establishments, id: string): Establishment | undefined =>
  es instanceof Map ? (es as ReadonlyMap<string, Establishment>).get(id) : Object.hasOwn(es, id) ? (es as Readonly<Record<string, Establishment>>)[id] : undefined

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
 * @category evaluation
 * @since 0.1.0
 * @example `evaluateProposalOrThrow(p, resolved, { establishments }).verdict` → `"eligible"`
 */
export const evaluateProposalOrThrow = (p: Proposal, resolved: ResolvedPack, ctx: Context): ProposalVerdict => {
  const r = evaluateProposal(p, resolved, ctx)
  if (r.ok) return r.value
  throw r.error
}

/**
 * {@link evaluateProposal} as an Effect.
 * @category evaluation
 * @since 0.1.0
 * @example `Effect.runSync(evaluateEffect(p, resolved, { establishments })).verdict` → `"eligible"`
 */
export const evaluateEffect = (p: Proposal, resolved: ResolvedPack, ctx: Context): Effect.Effect<ProposalVerdict, LookupError> =>
  Effect.suspend(() => {
    const r = evaluateProposal(p, resolved, ctx)
    return r.ok ? Effect.succeed(r.value) : Effect.fail(r.error)
  })

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
