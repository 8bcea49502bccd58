/**
 * Support (mức hỗ trợ): how much khuyến công funding each cost line (dòng dự toán) and each
 * proposal (đề án) may receive under a resolved rule pack.
 *
 * Per cost line, support is the least of:
 * - the rate cap: rate × eligible cost (the line total), rounded with the pack's named mode
 *   (default `Rounding.down1`, round down to the đồng); items without a rate are still capped at
 *   their cost (100 %);
 * - the absolute cap for the item's unit, less what earlier lines of the same cap pool and unit
 *   already used. Units:
 *   - per establishment / enterprise → per beneficiary (a group project is capped per
 *     beneficiary: 3 establishments × 300 000 000 = 900 000 000 đồng for machinery);
 *   - per counted thing → times the line's quantity (số lượng): per person, booth, product,
 *     trademark, and per model, cluster and association. The law sets these caps "per model"
 *     (/mô hình), "per cluster" (/cụm), "per association" (/hội) exactly as it sets "per
 *     trademark" (/nhãn hiệu): one cap for each thing built or supported, so a line's quantity is
 *     the number of models (clusters, associations) it pays for, and 2 models at 1 000 000 000
 *     đồng each are capped at 2 000 000 000. Write one model per line, or its count as the
 *     quantity; a line whose quantity counts machines rather than models overstates the cap;
 *   - per project, round → once per proposal.
 *
 *   A multiple-of item (technology line, 1.5 × 300 000 000 = 450 000 000 đồng) shares its base
 *   item's pool and is computed after the base items, whatever the line order: equipment stays
 *   within 300 000 000 and equipment plus line within 450 000 000 per establishment. Lines of one
 *   pool and unit are served in line order.
 *
 *   Group projects (đề án nhóm), per establishment / enterprise items: the members' caps (one per
 *   distinct id in `form.beneficiaryIds`) pool. A line attributed to a member (`beneficiaryId`)
 *   is capped at that member's cap less its own earlier lines, and at the group cap (cap ×
 *   members) less every earlier line of the pool; a line attributed to no member is capped at the
 *   group cap less every earlier line of the pool (the line is marked `pooledGroup`: the "pooled
 *   group cap", recorded in the trace). So each member's own lines stay within its cap and the
 *   pool within cap × members, which is exactly when the unattributed support can be shared
 *   among the members without any member exceeding its cap: machinery for a group of 3 in one
 *   unattributed line of 3 × 600 000 000 gets 900 000 000; enterprise set-up for 3 enterprises in
 *   one line of 3 × 15 000 000 gets 3 × 10 000 000 = 30 000 000. A line attributed to a
 *   beneficiary outside the group keeps that beneficiary's own cap;
 * - the amount requested (kinh phí đề nghị hỗ trợ).
 * Management overhead lines (`share-of-support` items) are capped at their share of the support
 * of the proposal's other lines, computed after them.
 *
 * The priority multiplier (mức ưu tiên, ≤ 1.5× under Joint Circular 26/2014 art. 6.2.t; unconfirmed
 * for Circular 28/2018) is applied only when the caller asks (`applyPriorityMultiplier`) and the
 * proposal falls in a priority class; it raises the rate (at most to 100 %) and the absolute cap
 * (rounded with the pack's mode). Whether applied or not, the result reports it with its grade.
 *
 * Per line, support is never negative, never above the request, the cost, the rate cap or the
 * absolute cap; raising a line's cost never lowers the proposal's support (all checked by
 * property tests).
 *
 * Each line names its binding constraint: the first of `absolute-cap`, `rate`, `request` whose
 * value equals the support (`not-in-catalogue` for a line whose item the pack does not fund at
 * that date: support 0). Rounding happens only where named. With `trace: true` the result carries
 * a JSON trace (parameters read, roundings, layer of every number), derived after the computation;
 * with tracing off nothing of it is built.
 *
 * @example
 * ```ts
 * import { Support } from "@khuyencong/core"
 * const s = Support.compute(groupProposal, resolved)
 * if (s.ok) s.value.total // 900000000n: 3 beneficiaries × 300 000 000 đồng
 * ```
 * @since 0.1.0
 * @module
 */
import { Effect } from "effect"
import type * as Citation from "../values/Citation.js"
import type { Establishments } from "./Eligibility.js"
import { LookupError, RuleViolation } from "../values/Errors.js"
import { computeRaw } from "./internal/supportEngine.js"
import type * as LocalDate from "../values/LocalDate.js"
import type * as Money from "../values/Money.js"
import type { Reading, ResolvedPack } from "./Pack.js"
import type { Proposal } from "../records/Proposal.js"
import type * as Rate from "../values/Rate.js"
import { err, ok, type Result } from "../values/Result.js"
import type * as Trace from "../values/Trace.js"

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
   * absolute cap, the base item's amount (the multiple is in `Pack.viewFor(…).itemIndex`).
   * Undefined when the request or the eligible cost bound, or the item is not in the catalogue.
   */
  readonly bindingParameter: BindingParameter | undefined
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

/**
 * Compute the support of every cost line and of the proposal. Uses the view of the proposal's
 * fund (a provincial overlay serves local-fund proposals of its province only). Fails with a
 * `RuleViolation` `support/province-mismatch` when a local-fund proposal lies outside the overlay's
 * province, and with a `LookupError` when the multiplier is requested and a beneficiary is unknown.
 * @category computation
 * @since 0.1.0
 * @example `compute(p, resolved)` → `ok({ total: 300000000n, lines: [{ item: "machinery.equipment", support: 300000000n, binding: "absolute-cap", … }], … })`
 */
export const compute = (
  p: Proposal,
  resolved: ResolvedPack,
  options?: Options
): Result<ProposalSupport, RuleViolation | LookupError> => {
  const r = computeRaw(p, resolved, options)
  return r instanceof RuleViolation || r instanceof LookupError ? err(r) : ok(r)
}

/**
 * {@link compute}, throwing the error.
 * @category computation
 * @since 0.1.0
 * @example `computeOrThrow(p, resolved).total` → `300000000n`
 */
export const computeOrThrow = (p: Proposal, resolved: ResolvedPack, options?: Options): ProposalSupport => {
  const r = compute(p, resolved, options)
  if (r.ok) return r.value
  throw r.error
}

/**
 * {@link compute} as an Effect.
 * @category computation
 * @since 0.1.0
 * @example `Effect.runSync(computeEffect(p, resolved)).total` → `300000000n`
 */
export const computeEffect = (
  p: Proposal,
  resolved: ResolvedPack,
  options?: Options
): Effect.Effect<ProposalSupport, RuleViolation | LookupError> =>
  Effect.suspend(() => {
    const r = compute(p, resolved, options)
    return r.ok ? Effect.succeed(r.value) : Effect.fail(r.error)
  })
