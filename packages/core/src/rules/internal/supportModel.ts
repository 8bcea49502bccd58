/**
 * Internal: the support model (re-exported by the `Support` module): the support of each cost
 * line and of a proposal, and the options of the computation. It sits below `Support` and the
 * computation (`supportEngine.ts`), so neither imports the other back.
 * @module
 */
import type * as Citation from "../../values/Citation.js"
import type { Establishments } from "../eligibility/Kind.js"
import type * as LocalDate from "../../values/LocalDate.js"
import type * as Money from "../../values/Money.js"
import type { Reading } from "../Pack.js"
import type * as Rate from "../../values/Rate.js"
import type * as Trace from "../../values/Trace.js"

/**
 * Which constraint set a line's support.
 * @category models
 * @since 0.1.0
 */
export type Binding = "rate" | "absolute-cap" | "request" | "not-in-catalogue"

/**
 * The parameter (tham số) behind the cap that bound a line: its id, its citation (with its grade)
 * and the layer that set it (`national`, an overlay id or a reform id). For a priority proposal
 * with the multiplier applied the cap is this parameter's value × the multiplier (see
 * {@link ProposalSupport.multiplier}).
 * @category models
 * @since 0.1.0
 * @example `line.bindingParameter` → `{ id: "machinery.cap", citation: { instrument: "28/2018/TT-BTC", article: "4", grade: "secondary", … }, layer: "national" }`
 */
export interface BindingParameter {
  readonly id: string
  readonly citation: Citation.Citation
  readonly layer: string
}

/**
 * How a cap derived from another item's cap was set (a `multiple-of` item: the technology line is
 * at most 1.5 × the machinery level, Circular 28/2018 art. 8.4): the rule with its citation, the
 * multiple and the base cap with their parameters, and the derived cap per unit, which is the
 * figure that binds. Before the priority multiplier (see {@link ProposalSupport.multiplier}).
 * @category models
 * @since 0.3.0
 * @example `line.derivedCap?.text` → `"1,5 × 300.000.000 ₫ (machinery.equipment) = 450.000.000 ₫ per establishment [Circular 28/2018/TT-BTC art. 8.4 (secondary)]"`
 */
export interface DerivedCap {
  /** The item whose cap rule set the figure (the line's item). */
  readonly item: string
  /** The citation of that rule (the item's citation). */
  readonly citation: Citation.Citation
  /** The multiple (1.5) and its parameter. */
  readonly multiple: Rate.Rate
  readonly multipleParameter: BindingParameter
  /** The base item and its cap per unit (300 000 000 đồng), with its parameter. */
  readonly baseItem: string
  readonly base: Money.Money
  readonly baseParameter: BindingParameter
  /** multiple × base, rounded with the pack's mode (450 000 000 đồng). */
  readonly amount: Money.Money
  /** The rule as one line of text, for explanations. */
  readonly text: string
}

/**
 * Support for one cost line.
 * @category models
 * @since 0.1.0
 */
export interface LineSupport {
  readonly activityIndex: number
  readonly lineIndex: number
  readonly activity: string
  readonly item: string
  /** The beneficiary whose per-establishment cap the line counts against, if any. */
  readonly beneficiaryId: string | undefined
  readonly eligibleCost: Money.Money
  readonly requested: Money.Money
  /** Rate × eligible cost, rounded; undefined when the item has no rate (capped at cost). */
  readonly rateCap: Money.Money | undefined
  /** Absolute cap still available to this line; undefined when the item has none. */
  readonly absoluteCap: Money.Money | undefined
  readonly support: Money.Money
  readonly binding: Binding
  /**
   * The parameter of the cap that bound: the rate when `binding` is `rate`, the absolute cap
   * (for an overhead item, its share) when `absolute-cap`; for a multiple-of item bound by its
   * absolute cap, the multiple (the rule that set the figure; 0.3.0: was the base item's amount,
   * which is not the figure that binds), with both numbers in {@link derivedCap}.
   * Undefined when the request or the eligible cost bound, or the item is not in the catalogue.
   */
  readonly bindingParameter: BindingParameter | undefined
  /**
   * For a multiple-of item's line: how its cap per unit was derived (multiple × base cap), whatever
   * bound; undefined for every other line.
   * @since 0.3.0
   */
  readonly derivedCap: DerivedCap | undefined
  /** Weakest grade of the figures used (item citation, parameters, multiplier when applied). */
  readonly grade: Citation.Grade
  /** Layer that set the item's figures: `national`, an overlay id or a reform id. */
  readonly layer: string
  /** The provincial cap is above the national one (allowed, flagged). */
  readonly aboveNational: boolean
  /**
   * For a group project's line attributed to no member, of a per-establishment / per-enterprise
   * item: the number of members whose caps it pools ("pooled group cap": cap × members);
   * undefined otherwise.
   */
  readonly pooledGroup: number | undefined
}

/**
 * Support for a proposal.
 * @category models
 * @since 0.1.0
 */
export interface ProposalSupport {
  readonly proposalId: string
  readonly packId: string
  readonly packVersion: string
  readonly date: LocalDate.LocalDate
  readonly fund: "national" | "local"
  /** Province whose overlay set the levels (local-fund proposals), or undefined for national levels. */
  readonly province: string | undefined
  readonly lines: ReadonlyArray<LineSupport>
  readonly total: Money.Money
  readonly requested: Money.Money
  readonly eligibleCost: Money.Money
  /** The pack's priority multiplier at the date, if it has one (applied or not). */
  readonly multiplier: Reading<Rate.Rate> | undefined
  readonly multiplierApplied: boolean
  readonly grade: Citation.Grade
  readonly trace: Trace.Trace | undefined
}

/**
 * Options of {@link compute}.
 * @category models
 * @since 0.1.0
 */
export interface Options {
  /** Record a JSON trace (default off: costs nothing). */
  readonly trace?: boolean
  /** Apply the pack's priority multiplier to priority proposals (default off). Needs `establishments`. */
  readonly applyPriorityMultiplier?: boolean
  readonly establishments?: Establishments
}
