/**
 * Internal: what an eligibility rule kind (loại điều kiện được hỗ trợ) is. A kind is one folder
 * under `rules/eligibility/<kind>/` holding
 * - its configuration: the parameter roles it reads and their types (`roles`); the values read at
 *   the resolution date become its config, with `[]`, `false` or `0` for an optional role the
 *   pack leaves out;
 * - its compile step (`compile`), run once per resolution: every static outcome (`Condition`)
 *   built with `out.put`, its English message naming the Vietnamese term and ending with the
 *   rule's citation and grade, kept in lookup tables the evaluation reads;
 * - its evaluation: the function `compile` returns, which picks a static outcome for an
 *   establishment (`establishmentKind`) or a proposal (`proposalKind`), building one with
 *   `out.make` only when the message quotes the subject's own data (a date, a cost line);
 * - its explanation texts, beside the code that uses them;
 * and its test, `<kind>.test.ts`. `registry.ts` lists the kinds; adding a condition is a new
 * folder and a line there, nothing else.
 *
 * A condition on one activity only (enterprise set-up only in difficult areas, relocation only
 * for polluting establishments, …) is a `proposalKind`: its check sees the proposal's activities
 * with their cost lines (`lines.ts`), the catalogue in force and the beneficiaries
 * ({@link establishmentOf}), and returns its static
 * `not-applicable` outcome when the proposal has none of the activities it names (a `list` role)
 * or a condition whose `path` points at the activity it judged.
 *
 * Nothing here imports the rule pack or the resolved pack: `Pack` compiles the kinds, so the kinds
 * must sit below it.
 * @module
 */
import type * as Citation from "../../values/Citation.js"
import type { Path } from "../../values/Errors.js"
import type { Establishment } from "../../records/Establishment.js"
import type * as LocalDate from "../../values/LocalDate.js"
import type { Proposal } from "../../records/Proposal.js"

/**
 * Outcome of one condition.
 * @category models
 * @since 0.1.0
 */
export type Status = "passed" | "failed" | "not-applicable"

/**
 * One checked condition of a rule of kind `K` (`Eligibility.Condition` is this for every kind
 * core knows).
 * @category models
 * @since 0.1.0
 */
export interface KindCondition<K extends string> {
  /** Rule id from the pack, e.g. `eligibility.location`. */
  readonly rule: string
  readonly kind: K
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
  /**
   * For a proposal condition judged line by line: the cost lines (dòng dự toán) it excludes, each
   * with its own failed condition; the rest of the proposal stands (no double funding).
   */
  readonly lines?: ReadonlyArray<LineCondition<K>>
}

/**
 * A cost line (dòng dự toán) a proposal condition excludes from support, with the condition it
 * failed (`Eligibility.LineVerdict` is this for every kind core knows).
 * @category models
 * @since 0.3.0
 */
export interface LineCondition<K extends string> {
  /** Index of the line's activity in `proposal.activities`. */
  readonly activity: number
  /** Index of the line in the activity's `costLines`. */
  readonly line: number
  readonly item: string
  readonly condition: KindCondition<K>
}

/**
 * Establishments by id: a `Map` or a plain record.
 * @category models
 * @since 0.1.0
 */
export type Establishments = ReadonlyMap<string, Establishment> | Readonly<Record<string, Establishment>>

/**
 * Look an establishment up by id.
 * @category lookup
 * @since 0.1.0
 * @example `establishmentOf(new Map([["e1", e]]), "e1") === e` → `true`
 */
export const establishmentOf = (es: Establishments, id: string): Establishment | undefined =>
  es instanceof Map ? (es as ReadonlyMap<string, Establishment>).get(id) : Object.hasOwn(es, id) ? (es as Readonly<Record<string, Establishment>>)[id] : undefined

// ---------------------------------------------------------------------------------------------
// Configuration

/** The type of parameter a role reads (a subset of the pack's value types). */
export type RoleType = "list" | "boolean" | "number"

/** One parameter role of a kind: the type its parameter must hold, and whether a pack may leave it out. */
export interface Role<T extends RoleType = RoleType> {
  readonly type: T
  readonly optional: boolean
}

/** The roles of a kind, in the order `Pack.load` reports them. */
export type Roles = { readonly [role: string]: Role }

/** A role the pack must map to a parameter. */
export const required = <T extends RoleType>(type: T): Role<T> => ({ type, optional: false })

/** A role the pack may leave out (its value is then `[]`, `false` or `0`). */
export const optional = <T extends RoleType>(type: T): Role<T> => ({ type, optional: true })

type ValueOfRole<T extends RoleType> = T extends "list" ? ReadonlyArray<string> : T extends "boolean" ? boolean : number

/** The values of a kind's roles read at the resolution date. */
export type RoleValues<R extends Roles> = { readonly [K in keyof R]: ValueOfRole<R[K]["type"]> }

/** A role's value, or the value of a role left out, from whatever the parameter holds. */
export const roleValue = (type: RoleType, v: unknown): ReadonlyArray<string> | boolean | number =>
  type === "list" ? (Array.isArray(v) ? (v as ReadonlyArray<string>) : []) : type === "boolean" ? v === true : typeof v === "number" ? v : 0

/** What a kind's `configure` may ask about the parameters behind its roles. */
export interface Parameters {
  /** The description of the parameter mapped to `role` (`""` when the role is left out). */
  readonly description: (role: string) => string
}

// ---------------------------------------------------------------------------------------------
// Evaluation

/**
 * What a proposal condition may see of the catalogue in force (the resolved view of the
 * proposal's fund; `Pack.ResolvedPack` has this shape).
 */
export interface CatalogueView {
  readonly date: LocalDate.LocalDate
  readonly activityIndex: ReadonlyMap<string, { readonly code: string; readonly name: string; readonly nameVi: string }>
  readonly itemIndex: ReadonlyMap<string, { readonly code: string; readonly activity: string; readonly name: string; readonly nameVi: string }>
}

/** The check of an establishment rule, for a plan year. */
export type EstablishmentCheck<K extends string = string> = (e: Establishment, planYear: number) => KindCondition<K>

/** The check of a proposal rule, against the view of the proposal's fund and its beneficiaries. */
export type ProposalCheck<K extends string = string> = (p: Proposal, view: CatalogueView, establishments: Establishments) => KindCondition<K>

/**
 * The outcomes of one rule, given to its kind's `compile`. Every outcome carries the rule id,
 * kind, citation, grade and layer; its message is `name (nameVi): ` + text + ` [citation (grade)]`.
 */
export interface Outcomes<K extends string> {
  /**
   * A static outcome, built once and recorded under its reason (`group:key`; see
   * `CompiledRule.outcomes`). Returns the frozen condition, for the kind's lookup tables.
   */
  put(status: Status, reason: string, text: string): KindCondition<K>
  /** An outcome built during evaluation, for a message that quotes the subject's own data. */
  make(
    status: Status,
    reason: string,
    text: string,
    extra?: { readonly path?: Path; readonly actual?: unknown; readonly lines?: ReadonlyArray<LineCondition<K>> }
  ): KindCondition<K>
  /** The outcome, which a table built by `compile` always holds (throws an internal error otherwise). */
  must(c: KindCondition<K> | undefined): KindCondition<K>
}

// ---------------------------------------------------------------------------------------------
// Kinds

interface KindBase<K extends string, R extends Roles, C extends object> {
  /** The kind's name, as packs write it (`legal-form`). */
  readonly kind: K
  readonly roles: R
  /** More configuration than the role values (e.g. the description of a role's parameter). */
  configure?(values: RoleValues<R>, parameters: Parameters): C
}

/** A kind checked once per beneficiary (cơ sở thụ hưởng), as its folder defines it. */
export interface EstablishmentKindDefinition<K extends string, R extends Roles, C extends object> extends KindBase<K, R, C> {
  compile(config: RoleValues<R> & C, out: Outcomes<K>): EstablishmentCheck<K>
}

/** A kind checked once per proposal (đề án), as its folder defines it. */
export interface ProposalKindDefinition<K extends string, R extends Roles, C extends object> extends KindBase<K, R, C> {
  /**
   * `pass` is the outcome of a proposal that meets the condition: when every proposal rule
   * returns its `pass`, evaluation shares one array of conditions.
   */
  compile(config: RoleValues<R> & C, out: Outcomes<K>): { readonly pass: KindCondition<K>; readonly check: ProposalCheck<K> }
}

/** A kind checked once per beneficiary. */
export interface EstablishmentKind<K extends string, R extends Roles, C extends object> extends EstablishmentKindDefinition<K, R, C> {
  readonly scope: "establishment"
}

/** A kind checked once per proposal. */
export interface ProposalKind<K extends string, R extends Roles, C extends object> extends ProposalKindDefinition<K, R, C> {
  readonly scope: "proposal"
}

/** An eligibility rule kind. */
export type Kind<K extends string = string, R extends Roles = Roles, C extends object = object> = EstablishmentKind<K, R, C> | ProposalKind<K, R, C>

type NoMore = Record<never, never>

/** Define a kind checked per establishment. */
export const establishmentKind = <const K extends string, const R extends Roles, C extends object = NoMore>(
  kind: EstablishmentKindDefinition<K, R, C>
): EstablishmentKind<K, R, C> => Object.freeze({ ...kind, scope: "establishment" as const })

/** Define a kind checked per proposal. */
export const proposalKind = <const K extends string, const R extends Roles, C extends object = NoMore>(
  kind: ProposalKindDefinition<K, R, C>
): ProposalKind<K, R, C> => Object.freeze({ ...kind, scope: "proposal" as const })

/** The configuration of a kind: its name and its role values, and what `configure` adds. */
export type ConfigOf<T> =
  T extends Kind<infer K, infer R, infer C> ? { readonly [F in keyof ({ kind: K } & RoleValues<R> & C)]: ({ kind: K } & RoleValues<R> & C)[F] } : never
