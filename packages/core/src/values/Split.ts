/**
 * Split (chia theo tỷ lệ, phương pháp số dư lớn nhất): share an amount of đồng among recipients
 * in proportion to weights with the largest-remainder (Hamilton) method, at a chosen unit
 * (1 đồng, 1.000 đồng, 1.000.000 đồng …). The parts always add up to the total exactly.
 *
 * The method, for a total `T`, weights `w_i` (sum `W`) and unit `u`:
 * 1. each recipient's exact share is `s_i = T·w_i / W`;
 * 2. each first receives its share rounded down to a multiple of the unit, `f_i = u·⌊s_i / u⌋`;
 * 3. what is left, `L = T − Σ f_i`, is handed out down the *largest-remainder order*, one unit
 *    per recipient: remainder `s_i − f_i` largest first, ties broken by the larger weight, then
 *    by the smaller index. Each recipient in turn receives `min(u, L)` (and, in {@link scale},
 *    never more than brings it to its cap), until nothing is left.
 *
 * When `T` is a multiple of `u` every part is a multiple of `u`. When it is not, the residue
 * `T mod u` (less than one unit) goes to the first recipient in the largest-remainder order that
 * did not receive a whole unit: the parts still add up to `T`, exactly one part is not a multiple
 * of `u`, and every part stays within one unit of its exact share. Zero weight → zero part;
 * all weights zero (or no recipients) → `ArithmeticError` `split/all-zero-weights`.
 *
 * @example
 * ```ts
 * import { Money, Split } from "@khuyencong/core"
 * Split.split(Money.make(10_000_000n), [1n, 1n, 1n], { unit: 1_000_000n })
 * // ok: parts [4000000n, 3000000n, 3000000n] (the spare million goes to the first by index)
 * ```
 * @since 0.1.0
 * @module
 */
import { ArithmeticError } from "./Errors.js"
import type { Money } from "./Money.js"
import { err, ok, orThrow, type Result } from "./Result.js"
import * as Rounding from "./Rounding.js"

/**
 * Options of {@link split} and {@link scale}: `unit` is the positive number of đồng every part is
 * a multiple of (default `1n`). A `Rounding.Mode` may be given instead; only its unit is used.
 * @category models
 * @since 0.1.0
 */
export interface Options {
  readonly unit?: bigint | Rounding.Mode | undefined
}

/**
 * One recipient's share, for explanations: the exact share as machine text (`"1000000/3"`), the
 * part received, and its place in the largest-remainder order (`order`, 0 = first; `undefined`
 * when the recipient's weight is zero).
 * @category models
 * @since 0.1.0
 */
export interface Share {
  readonly index: number
  readonly weight: bigint
  /** Exact share `T·w/W` as an integer, a finite decimal or a reduced fraction. */
  readonly exact: string
  /** Share rounded down to the unit (step 2). */
  readonly floor: Money
  /** What the recipient received on top of `floor` from the leftover (step 3): 0, a unit or less. */
  readonly extra: Money
  readonly part: Money
  readonly order: number | undefined
}

/**
 * The outcome of a split: `parts[i]` belongs to recipient `i`; `shares` explains each part.
 * @category models
 * @since 0.1.0
 */
export interface Outcome {
  readonly total: Money
  readonly unit: bigint
  readonly parts: ReadonlyArray<Money>
  readonly shares: ReadonlyArray<Share>
}

const fail = (code: string, path: ReadonlyArray<string | number>, message: string): ArithmeticError =>
  new ArithmeticError({ code, path, message })

const unitOf = (o: Options | undefined): bigint => {
  const u = o?.unit
  if (u === undefined) return 1n
  return typeof u === "bigint" ? u : u.unit
}

/**
 * Sort `candidates` (recipient indices, ascending) by remainder (desc), weight (desc), index
 * (asc), exactly, in place. Each remainder (0 ≤ rem < WU) is first quantised to
 * q = ⌊Number(rem) / Number(WU) × 2^b⌋, which never decreases as rem grows (Number, a division
 * by a positive number, × 2^b and ⌊⌋ all keep order), so a larger remainder never gets a smaller
 * q. The keys (2^b − 1 − q) × m + place are whole numbers below 2^52, sorted as numbers by the
 * engine (no comparator call per comparison: on 25,000 recipients about a third of the time of
 * a comparator sort); only recipients with equal q are then put in the exact order.
 */
const byRemainder = (candidates: Array<number>, rems: ReadonlyArray<bigint>, weights: ReadonlyArray<bigint>, WU: bigint): void => {
  const exact = (a: number, b: number): number => {
    const ra = rems[a] as bigint
    const rb = rems[b] as bigint
    if (ra !== rb) return ra > rb ? -1 : 1
    const wa = weights[a] as bigint
    const wb = weights[b] as bigint
    if (wa !== wb) return wa > wb ? -1 : 1
    return a - b
  }
  const m = candidates.length
  const fWU = Number(WU)
  if (m < 2) return
  if (!Number.isFinite(fWU)) {
    candidates.sort(exact)
    return
  }
  const Q = 2 ** (52 - Math.ceil(Math.log2(m + 1)))
  const qs = new Float64Array(m)
  const keys = new Float64Array(m)
  for (let k = 0; k < m; k++) {
    const q = Math.min(Q - 1, Math.floor((Number(rems[candidates[k] as number] as bigint) / fWU) * Q))
    qs[k] = q
    keys[k] = (Q - 1 - q) * m + k
  }
  keys.sort()
  const sorted = new Array<number>(m)
  for (let k = 0; k < m; k++) sorted[k] = candidates[(keys[k] as number) % m] as number
  // recipients with equal q (adjacent, in index order) are put in the exact order
  for (let start = 0; start < m; ) {
    const q = qs[(keys[start] as number) % m]
    let end = start + 1
    while (end < m && qs[(keys[end] as number) % m] === q) end++
    if (end - start > 1) {
      const run = sorted.slice(start, end).sort(exact)
      for (let k = start; k < end; k++) sorted[k] = run[k - start] as number
    }
    start = end
  }
  for (let k = 0; k < m; k++) candidates[k] = sorted[k] as number
}

/**
 * Core: Hamilton at unit `u` with optional caps. Preconditions (checked by callers): u > 0,
 * total ≥ 0, weights ≥ 0 with W > 0, and when caps are given: caps[i] ≥ exact share.
 */
const hamilton = (
  total: bigint,
  weights: ReadonlyArray<bigint>,
  W: bigint,
  u: bigint,
  caps: ReadonlyArray<bigint> | undefined,
  explain: boolean
): Outcome => {
  const n = weights.length
  const WU = W * u
  const parts: Array<bigint> = new Array<bigint>(n)
  const rems: Array<bigint> = new Array<bigint>(n)
  const floors: Array<bigint> | undefined = explain ? new Array<bigint>(n) : undefined
  const candidates: Array<number> = []
  let left = total
  for (let i = 0; i < n; i++) {
    const w = weights[i] as bigint
    if (w === 0n) {
      parts[i] = 0n
      rems[i] = 0n
      if (floors !== undefined) floors[i] = 0n
      continue
    }
    const num = total * w
    const q = num / WU
    const f = q * u
    parts[i] = f
    if (floors !== undefined) floors[i] = f
    rems[i] = num - q * WU
    left -= f
    candidates.push(i)
  }
  // Sort by remainder (desc), weight (desc), index (asc): see byRemainder.
  byRemainder(candidates, rems, weights, WU)
  const orderOf: Array<number | undefined> = explain ? new Array<number | undefined>(n).fill(undefined) : []
  for (let k = 0; k < candidates.length; k++) {
    const i = candidates[k] as number
    if (explain) orderOf[i] = k
    if (left === 0n) {
      if (explain) continue
      break
    }
    let give = left < u ? left : u
    if (caps !== undefined) {
      const room = (caps[i] as bigint) - (parts[i] as bigint)
      if (room < give) give = room
    }
    if (give > 0n) {
      parts[i] = (parts[i] as bigint) + give
      left -= give
    }
  }
  const outParts = parts as unknown as ReadonlyArray<Money>
  if (floors === undefined) return { total: total as Money, unit: u, parts: outParts, shares: [] }
  const shares: Array<Share> = []
  for (let i = 0; i < n; i++) {
    const w = weights[i] as bigint
    const part = parts[i] as bigint
    const floor = floors[i] as bigint
    shares.push({
      index: i,
      weight: w,
      exact: Rounding.fractionToString(total * w, W),
      floor: floor as Money,
      extra: (part - floor) as Money,
      part: part as Money,
      order: orderOf[i]
    })
  }
  return { total: total as Money, unit: u, parts: outParts, shares }
}

const checkCommon = (
  total: bigint,
  weights: ReadonlyArray<bigint>,
  u: bigint,
  what: string
): Result<bigint, ArithmeticError> => {
  if (u <= 0n) return err(fail("split/invalid-unit", ["unit"], `The unit (đơn vị làm tròn) must be a positive number of đồng, got ${u}`))
  if (total < 0n)
    return err(fail("split/negative-total", ["total"], `The amount to ${what} (số tiền) must not be negative, got ${total} đồng`))
  let W = 0n
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as bigint
    if (typeof w !== "bigint")
      return err(fail("split/invalid-weight", ["weights", i], `Weight (trọng số) ${i} must be a bigint, got ${typeof w}`))
    if (w < 0n) return err(fail("split/negative-weight", ["weights", i], `Weight (trọng số) ${i} must not be negative, got ${w}`))
    W += w
  }
  if (W === 0n)
    return err(
      fail(
        "split/all-zero-weights",
        ["weights"],
        weights.length === 0
          ? `Cannot ${what} an amount (số tiền) among no recipients`
          : `Cannot ${what} an amount (số tiền) when every weight (trọng số) is zero`
      )
    )
  return ok(W)
}

/**
 * Split `total` among recipients in proportion to `weights` (bigints or Money) with the
 * largest-remainder method at `options.unit` (default 1 đồng); see the module header for the
 * exact rule, tie-breaking and what happens to a total that is not a multiple of the unit.
 *
 * Guarantees: `Σ parts = total`; every part is ≥ 0 and differs from its exact share
 * `total·w_i/W` by less than one unit; zero weight → zero part; deterministic.
 *
 * Errors (`ArithmeticError`): `split/invalid-unit` (unit ≤ 0), `split/negative-total`,
 * `split/negative-weight` (path `["weights", i]`), `split/all-zero-weights` (also for no
 * recipients).
 * @category splitting
 * @since 0.1.0
 * @example
 * ```ts
 * Split.split(Money.make(100n), [1n, 1n, 1n]).value.parts                     // [34n, 33n, 33n]
 * Split.split(Money.make(2_500_000n), [1n, 1n], { unit: 1_000_000n }).value.parts
 * // [1500000n, 1000000n]: 1.000.000 each, the 500.000 residue to the first in order
 * Split.split(Money.make(100n), [0n, 0n]).ok                                 // false (split/all-zero-weights)
 * ```
 */
export const split = (
  total: Money,
  weights: ReadonlyArray<bigint>,
  options?: Options
): Result<Outcome, ArithmeticError> => {
  const u = unitOf(options)
  const W = checkCommon(total, weights, u, "split")
  if (!W.ok) return W
  return ok(hamilton(total, weights, W.value, u, undefined, true))
}

/**
 * {@link split}, throwing the `ArithmeticError`. For scripts and tests.
 * @function
 * @category splitting
 * @since 0.1.0
 * @example `Split.splitOrThrow(Money.make(10n), [1n, 2n]).parts` → `[3n, 7n]`
 */
export const splitOrThrow = orThrow(split)

/**
 * Scale amounts down proportionally (cắt giảm theo tỷ lệ) so they add up to `target`, with the
 * largest-remainder method at `options.unit`, never raising an amount above its original value.
 * The weights are the amounts themselves and each amount is also its part's cap: a recipient
 * whose turn in step 3 would take it past its own amount receives only up to that amount and the
 * rest of the unit continues down the order.
 *
 * Guarantees: `Σ parts = target`; `0 ≤ parts[i] ≤ amounts[i]`; each part differs from
 * `target·amounts[i]/Σ amounts` by less than one unit; a part is a multiple of the unit unless it
 * equals its amount or it is the single part that took a partial unit.
 *
 * Errors (`ArithmeticError`): those of {@link split}, plus `split/target-above-sum` when
 * `target > Σ amounts` (scaling never raises).
 * @category splitting
 * @since 0.1.0
 * @example
 * ```ts
 * Split.scale([Money.make(600n), Money.make(300n), Money.make(100n)], Money.make(500n)).value.parts
 * // [300n, 150n, 50n]
 * ```
 */
export const scale = (
  amounts: ReadonlyArray<bigint>,
  target: Money,
  options?: Options
): Result<Outcome, ArithmeticError> => {
  const u = unitOf(options)
  const W = checkCommon(target, amounts, u, "scale")
  if (!W.ok) return W
  if (target > W.value)
    return err(
      fail(
        "split/target-above-sum",
        ["target"],
        `Cannot scale amounts (số tiền) adding up to ${W.value} đồng up to ${target} đồng: scaling only reduces`
      )
    )
  return ok(hamilton(target, amounts, W.value, u, amounts, true))
}

/**
 * {@link scale} without the per-recipient explanation (`shares` is empty). Same parts, less
 * memory: for allocating very long lists.
 * @category splitting
 * @since 0.1.0
 * @example `Split.scaleParts([Money.make(3n), Money.make(1n)], Money.make(2n)).value` → `[2n, 0n]`
 */
export const scaleParts = (
  amounts: ReadonlyArray<bigint>,
  target: Money,
  options?: Options
): Result<ReadonlyArray<Money>, ArithmeticError> => {
  const u = unitOf(options)
  const W = checkCommon(target, amounts, u, "scale")
  if (!W.ok) return W
  if (target > W.value)
    return err(
      fail(
        "split/target-above-sum",
        ["target"],
        `Cannot scale amounts (số tiền) adding up to ${W.value} đồng up to ${target} đồng: scaling only reduces`
      )
    )
  return ok(hamilton(target, amounts, W.value, u, amounts, false).parts)
}
