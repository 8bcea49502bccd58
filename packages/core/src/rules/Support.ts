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
 *   pool and unit are served in line order. Its line names the rule that set the figure: the
 *   binding parameter is the multiple, and `derivedCap` holds the multiple, the base cap and the
 *   derived cap (also in the trace step's description and inputs).
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
 * a JSON trace (parameters read, roundings, layer of every number), derived after the computation:
 * for a decoded proposal (`Proposal.decode`) when `trace` is first read, then kept; for one built
 * by hand at once. With tracing off nothing of it is built.
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
import type * as Effect from "effect/Effect"
import { LookupError, RuleViolation } from "../values/Errors.js"
import { computeRaw } from "./internal/supportEngine.js"
import type { Options, ProposalSupport } from "./internal/supportModel.js"
import type { ResolvedPack } from "./Pack.js"
import type { Proposal } from "../records/Proposal.js"
import { err, ok, orThrow, type Result, toEffect } from "../values/Result.js"

export type { Binding, BindingParameter, DerivedCap, LineSupport, Options, ProposalSupport } from "./internal/supportModel.js"

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
 * @function
 * @category computation
 * @since 0.1.0
 * @example `computeOrThrow(p, resolved).total` → `300000000n`
 */
export const computeOrThrow: (p: Proposal, resolved: ResolvedPack, options?: Options) => ProposalSupport = orThrow(compute)

/**
 * {@link compute} as an Effect.
 * @function
 * @category computation
 * @since 0.1.0
 * @example `Effect.runSync(computeEffect(p, resolved)).total` → `300000000n`
 */
export const computeEffect: (p: Proposal, resolved: ResolvedPack, options?: Options) => Effect.Effect<ProposalSupport, RuleViolation | LookupError> = toEffect(compute)
