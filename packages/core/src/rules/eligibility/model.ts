/**
 * Internal: the eligibility model (re-exported by the `Eligibility` module): conditions, compiled
 * rules and verdicts. It sits below `Pack`, which holds compiled rules in a resolved pack, and
 * below the evaluation that produces verdicts, so neither imports the other back.
 * @module
 */
import type * as Citation from "../../values/Citation.js"
import type * as LocalDate from "../../values/LocalDate.js"
import type * as Trace from "../../values/Trace.js"
import type { Establishments, KindCondition, LineCondition } from "./Kind.js"
import type { AnyConfig, KindName } from "./registry.js"

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
export interface Condition extends KindCondition<KindName> {}

/**
 * A cost line (dòng dự toán) excluded from support by a proposal condition (a line already funded
 * by another state source): where it is, its item, and the failed condition with its citation.
 * The rest of the proposal stands.
 * @category models
 * @since 0.3.0
 */
export interface LineVerdict extends LineCondition<KindName> {
  readonly condition: Condition
}

/**
 * A rule's parameters as read at the resolution date: `kind` and the value of each of its kind's
 * roles (`[]`, `false` or `0` for an optional role the pack leaves out).
 * @useDeclaredType
 * @category models
 * @since 0.1.0
 */
export type RuleConfig = AnyConfig

/**
 * A pack rule compiled at a date (part of a `Pack.ResolvedPack`).
 * @category models
 * @since 0.1.0
 */
export interface CompiledRule {
  readonly id: string
  readonly kind: KindName
  readonly scope: "establishment" | "proposal"
  /** The kind's compiled check and its lookup tables (internal representation; do not rely on its shape). */
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
  /** The activities the rule is about (`EligibilityRule.activities`); undefined: every proposal. */
  readonly activities: ReadonlyArray<string> | undefined
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
  /** The cost lines excluded from support, in proposal order (empty when none is). */
  readonly lines: ReadonlyArray<LineVerdict>
}

/**
 * What proposal evaluation needs besides the proposal and the resolved pack.
 * @category models
 * @since 0.1.0
 */
export interface Context {
  readonly establishments: Establishments
}
