/**
 * Allocation (phân bổ kinh phí): share a budget envelope (kinh phí được giao, dự toán) among
 * appraised proposals (đề án đã thẩm định) in priority order, exactly in đồng.
 *
 * Input: the envelope, the candidates (id, appraised support requested, optional priority tier,
 * province, implementing unit and activity), either already ranked or with a comparator, a
 * policy, optional ceilings per province / implementing unit / activity, and an optional reserve
 * for programme management taken off the top (a rate of the envelope that a pack parameter
 * allows, e.g. `overhead.managing-agency`).
 *
 * Policies:
 * - `whole-only`: walk down the ranking; fund a proposal in full when its request fits within
 *   the envelope and every ceiling that applies to it, otherwise skip it and continue.
 * - `partial-marginal`: as `whole-only`, but a proposal that does not fit receives what is left
 *   (rounded down to `unit`) when that is at least `minimumShare` of its request; below that it is
 *   skipped (constraint `minimum-share`) and the walk continues.
 * - `proportional-tier`: fund priority tiers in ascending `tier` order. The first tier whose total
 *   does not fit in what is left of the envelope is scaled down proportionally to requests with
 *   the largest-remainder method (`Split.scale`) at `unit`; lower tiers get nothing. With
 *   ceilings, inside each tier the proposals of a province, then of an implementing unit, then of
 *   an activity whose total exceeds what is left of that ceiling are first scaled down the same
 *   way to fit it; only the envelope stops the walk.
 *
 * Headroom (`available`) of a proposal at its turn is the least of what is left of the envelope
 * and of every ceiling that applies to it; the binding constraint is the one giving that least
 * value (ties: envelope, province, unit, activity). Amounts scaled or cut to a unit leave the
 * sub-unit residue unallocated.
 *
 * Guarantees: Σ allocated ≤ envelope − reserve and `totals.unallocated = envelope − reserve −
 * Σ allocated` exactly; no proposal gets more than it requested; no ceiling is exceeded; the
 * result depends only on the input (ties in the comparator are broken by id; ids are unique).
 *
 * @example
 * ```ts
 * import { Allocation, Money, Rate } from "@khuyencong/core"
 * const r = Allocation.allocate({
 *   envelope: Money.make(1_000_000_000n),
 *   candidates: [
 *     { id: "A", requested: Money.make(600_000_000n) },
 *     { id: "B", requested: Money.make(500_000_000n) },
 *     { id: "C", requested: Money.make(300_000_000n) }
 *   ],
 *   policy: { kind: "whole-only" }
 * })
 * // A funded, B unfunded (constraint "envelope"), C funded; unallocated 100.000.000 đ
 * ```
 * @since 0.1.0
 * @module
 */
import * as CitationM from "../values/Citation.js"
import { LookupError, RuleViolation, ValidationError, type Issue } from "../values/Errors.js"
import { fault, isPlain } from "../values/internal/text.js"
import { hashId, idsIn, idTable, MAX_PROBES } from "./internal/ids.js"
import { parse as parseDate, type Input as DateInput, type LocalDate } from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Parameter from "../values/Parameter.js"
import * as Rate from "../values/Rate.js"
import { err, ok, orThrow, type Result } from "../values/Result.js"
import * as Rounding from "../values/Rounding.js"
import type { RulePack } from "../rules/RulePack.js"
import * as Split from "../values/Split.js"
import * as Text from "../values/Text.js"
import * as Trace from "../values/Trace.js"

type Money = Money.Money
type Citation = CitationM.Citation

// ---------------------------------------------------------------------------------------------
// Models

/**
 * A proposal competing for the envelope (đề án đề nghị hỗ trợ). `requested` is the appraised
 * support (kinh phí hỗ trợ sau thẩm định). `rankKey` is whatever the pack's priority rules
 * produce; it is only read by the comparator you pass. `tier` (ascending: 0 or 1 is served first)
 * is required by `proportional-tier` only.
 * @category models
 * @since 0.1.0
 */
export interface Candidate<K = unknown> {
  readonly id: string
  readonly requested: Money
  readonly rankKey?: K
  readonly tier?: number
  readonly province?: string
  readonly implementingUnit?: string
  readonly activity?: string
}

/**
 * The allocation policy (phương án phân bổ). `unit` (default 1 đồng) is the multiple that partial
 * and scaled amounts are cut to; `minimumShare` is the least share of a request worth funding
 * partly (e.g. 50 %), in (0, 1].
 * @category models
 * @since 0.1.0
 */
export type Policy =
  | { readonly kind: "whole-only" }
  | { readonly kind: "partial-marginal"; readonly minimumShare: Rate.Rate; readonly unit?: bigint }
  | { readonly kind: "proportional-tier"; readonly unit?: bigint }

/**
 * Ceilings (mức trần) per province, implementing unit (đơn vị thực hiện) and activity (nội dung
 * hoạt động), keyed by the candidate's field value. A candidate whose key has no ceiling (or that
 * has no such field) is not limited by that kind of ceiling.
 * @category models
 * @since 0.1.0
 */
export interface Ceilings {
  readonly province?: Readonly<Record<string, Money>> | ReadonlyMap<string, Money>
  readonly implementingUnit?: Readonly<Record<string, Money>> | ReadonlyMap<string, Money>
  readonly activity?: Readonly<Record<string, Money>> | ReadonlyMap<string, Money>
}

/**
 * A reserve for programme management (kinh phí quản lý chương trình) taken from the envelope
 * before allocation: `rate` × envelope rounded by `rounding` (default `Rounding.down1`, so the
 * reserve never exceeds the rate the parameter allows). `parameter` names the pack parameter
 * that allows it and `citation` its legal source; `reading` (from {@link reserveFromPack}) puts
 * the parameter read into the trace.
 * @category models
 * @since 0.1.0
 */
export interface Reserve {
  readonly rate: Rate.Rate
  readonly parameter: string
  readonly citation: Citation
  readonly rounding?: Rounding.Mode
  readonly reading?: Parameter.Reading<unknown>
}

/**
 * What {@link allocate} needs. Without `compare` the candidates are taken as already ranked
 * (first = highest priority). `compare` must be consistent (a total preorder: what it finds
 * equal stays together); ties are broken by id. When every rank key is a safe integer, the
 * candidates are first put in ascending key order and `compare` is only asked about neighbours,
 * to confirm that order and find the ties; if it disagrees anywhere, they are sorted with it.
 * @category models
 * @since 0.1.0
 */
export interface Input<K = unknown> {
  readonly envelope: Money
  readonly candidates: ReadonlyArray<Candidate<K>>
  readonly policy: Policy
  readonly compare?: (a: Candidate<K>, b: Candidate<K>) => number
  readonly ceilings?: Ceilings
  readonly reserve?: Reserve
}

/**
 * Funding status of a proposal.
 * @category models
 * @since 0.1.0
 */
export type Status = "funded" | "partly-funded" | "unfunded"

/**
 * The constraint that bound a proposal (`none` when funded in full).
 * @category models
 * @since 0.1.0
 */
export type Constraint = "envelope" | "province-ceiling" | "unit-ceiling" | "activity-ceiling" | "minimum-share" | "none"

/**
 * Why a proposal got what it got:
 * - `fits`: funded in full;
 * - `partial`: `partial-marginal` gave it what was left, at least the minimum share;
 * - `scaled`: `proportional-tier` scaled its tier (or its group) down;
 * - `does-not-fit`: skipped, its request exceeds the headroom (under `partial-marginal`: nothing
 *   is left once cut to the unit);
 * - `below-minimum-share`: what was left is below the minimum share of its request;
 * - `lower-tier`: a higher tier did not fit the envelope.
 * @category models
 * @since 0.1.0
 */
export type Reason = "fits" | "partial" | "scaled" | "does-not-fit" | "below-minimum-share" | "lower-tier"

/**
 * A limit on headroom: the envelope or one kind of ceiling.
 * @category models
 * @since 0.1.0
 */
export type Limit = "envelope" | "province-ceiling" | "unit-ceiling" | "activity-ceiling"

/**
 * One proposal's outcome. `rank` is its 0-based place in the ranking; `available` the headroom at
 * its turn (for `proportional-tier`, at the start of its tier) and `limit` the envelope or ceiling
 * that set it. Render it with {@link explain}.
 * @category models
 * @since 0.1.0
 */
export interface Outcome {
  readonly id: string
  readonly rank: number
  readonly tier: number | undefined
  readonly requested: Money
  readonly allocated: Money
  readonly status: Status
  readonly reason: Reason
  readonly constraint: Constraint
  readonly available: Money
  readonly limit: Limit
}

/**
 * Use of one ceiling.
 * @category models
 * @since 0.1.0
 */
export interface CeilingUse {
  readonly kind: "province" | "implementingUnit" | "activity"
  readonly key: string
  readonly ceiling: Money
  readonly allocated: Money
}

/**
 * Totals: `requested` (Σ requests), `reserve`, `distributable` (envelope − reserve), `allocated`
 * (Σ allocated) and `unallocated` (distributable − allocated, never negative).
 * @category models
 * @since 0.1.0
 */
export interface Totals {
  readonly envelope: Money
  readonly requested: Money
  readonly reserve: Money
  readonly distributable: Money
  readonly allocated: Money
  readonly unallocated: Money
}

/**
 * The result of {@link allocate}. `outcomes` are in ranking order.
 * @category models
 * @since 0.1.0
 */
export interface Allocation {
  readonly policy: Policy
  readonly outcomes: ReadonlyArray<Outcome>
  readonly totals: Totals
  readonly reserve:
    | {
        readonly amount: Money
        readonly rate: Rate.Rate
        readonly parameter: string
        readonly citation: Citation
        readonly rounding: Rounding.Record
      }
    | undefined
  readonly ceilings: ReadonlyArray<CeilingUse>
}

// ---------------------------------------------------------------------------------------------
// Validation

type Kind = "province" | "implementingUnit" | "activity"
const KINDS: ReadonlyArray<Kind> = ["province", "implementingUnit", "activity"]
const CONSTRAINT_OF: { readonly [k in Kind]: Limit } = {
  province: "province-ceiling",
  implementingUnit: "unit-ceiling",
  activity: "activity-ceiling"
}

const toMap = (
  c: Readonly<Record<string, Money>> | ReadonlyMap<string, Money> | undefined
): ReadonlyMap<string, Money> | undefined => {
  if (c === undefined) return undefined
  if (c instanceof Map) return c as ReadonlyMap<string, Money>
  return new Map(Object.entries(c as Readonly<Record<string, Money>>))
}

const isRate = (u: unknown): u is Rate.Rate => Rate.isFraction(u)

/**
 * What validation learnt on its one pass over the candidates: the ids not in NFC, in NFC by the
 * candidate's place (undefined when every id is), and Σ requested.
 */
interface Checked {
  readonly issues: ReadonlyArray<Issue>
  readonly renamed: ReadonlyMap<number, string> | undefined
  readonly requested: bigint
}

const validate = <K>(input: Input<K>): Checked => {
  const issues: Array<Issue> = []
  const add = (code: string, path: ReadonlyArray<string | number>, message: string, actual?: unknown) =>
    issues.push(actual === undefined ? { code, path, message } : { code, path, message, actual })
  if (typeof input.envelope !== "bigint" || input.envelope < 0n)
    add("allocation/invalid-envelope", ["envelope"], "The envelope (kinh phí được giao) must be a non-negative amount of đồng", input.envelope)
  const policy = input.policy
  const unit = policy.kind === "whole-only" ? 1n : (policy.unit ?? 1n)
  if (typeof unit !== "bigint" || unit <= 0n)
    add("allocation/invalid-unit", ["policy", "unit"], "The allocation unit (đơn vị làm tròn) must be a positive number of đồng", unit)
  if (policy.kind === "partial-marginal") {
    const m = policy.minimumShare
    if (!isRate(m) || !Rate.isShare(m) || Rate.compare(m, Rate.zero) === 0)
      add(
        "allocation/invalid-minimum-share",
        ["policy", "minimumShare"],
        "The minimum share (tỷ lệ tối thiểu) must be a rate above 0 and at most 100%",
        m
      )
  } else if (policy.kind !== "whole-only" && policy.kind !== "proportional-tier") {
    add("allocation/unknown-policy", ["policy", "kind"], `Unknown allocation policy (phương án phân bổ)`, (policy as { kind?: unknown }).kind)
  }
  const cs = input.candidates
  const needsTier = policy.kind === "proportional-tier"
  let renamed: Map<number, string> | undefined
  let requested = 0n
  let floatSum = 0
  // the duplicate-id table (internal/ids.ts), then the Set that replaces it after a long probe
  let slots: Int32Array | undefined = idTable(cs.length)
  const mask = slots.length / 2 - 1
  let seen: Set<string> | undefined
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i] as Candidate<K>
    const id: unknown = c.id
    // the id as Text.check gives it back (NFC); plain text, as almost every id is, is checked
    // here without building a path or a result (Text.check would give it back unchanged)
    let value: string | undefined
    if (typeof id !== "string" || id === "") add("allocation/missing-id", ["candidates", i, "id"], "Every proposal (đề án) needs a non-empty id")
    else if (isPlain(id) && fault(id, "id", true) === undefined) value = id
    else {
      const checked = Text.check(id, "id", ["candidates", i, "id"], "proposal id (mã đề án)")
      if (!checked.ok) issues.push(...checked.error.issues)
      else {
        value = checked.value
        if (value !== id) (renamed ??= new Map()).set(i, value)
      }
    }
    if (value !== undefined) {
      let repeated = false
      if (slots !== undefined) {
        const h = hashId(value)
        for (let j = h & mask, probe = 1; ; j = (j + 1) & mask, probe++) {
          const at = slots[2 * j + 1] as number
          if (at === 0) {
            slots[2 * j] = h
            slots[2 * j + 1] = i + 1
            break
          }
          if (slots[2 * j] === h && (renamed?.get(at - 1) ?? (cs[at - 1] as Candidate<K>).id) === value) {
            repeated = true
            break
          }
          if (probe === MAX_PROBES) {
            seen = idsIn(slots, cs, renamed)
            slots = undefined
            break
          }
        }
      }
      if (seen !== undefined) {
        const before = seen.size
        seen.add(value)
        repeated = seen.size === before
      }
      if (repeated) add("allocation/duplicate-id", ["candidates", i, "id"], `Proposal (đề án) id "${value}" appears twice`, id)
    }
    const r: unknown = c.requested
    if (typeof r !== "bigint" || r <= 0n)
      add(
        "allocation/invalid-request",
        ["candidates", i, "requested"],
        "The requested support (kinh phí đề nghị hỗ trợ) must be a positive amount of đồng",
        r
      )
    else {
      // Σ requested in a float while that is exact (every term and partial sum ≤ 2^53 − 1), in
      // bigint otherwise: 100,000 additions made as many bigints, garbage of no other use
      const x = Number(r)
      if (x > Number.MAX_SAFE_INTEGER) requested += r
      else if (floatSum + x > Number.MAX_SAFE_INTEGER) {
        requested += BigInt(floatSum)
        floatSum = x
      } else floatSum += x
    }
    if (needsTier && !Number.isSafeInteger(c.tier))
      add(
        "allocation/missing-tier",
        ["candidates", i, "tier"],
        "Policy proportional-tier needs an integer priority tier (nhóm ưu tiên) on every proposal",
        c.tier
      )
  }
  const ceilings = input.ceilings
  if (ceilings !== undefined) {
    for (const k of KINDS) {
      const m = toMap(ceilings[k])
      if (m === undefined) continue
      for (const [key, v] of m)
        if (typeof v !== "bigint" || v < 0n)
          add("allocation/invalid-ceiling", ["ceilings", k, key], `The ${k} ceiling (mức trần) for "${key}" must be a non-negative amount of đồng`, v)
    }
  }
  const r = input.reserve
  if (r !== undefined) {
    if (!isRate(r.rate) || !Rate.isShare(r.rate))
      add("allocation/invalid-reserve-rate", ["reserve", "rate"], "The reserve rate (tỷ lệ kinh phí quản lý) must be between 0 and 100%", r.rate)
    if (typeof r.parameter !== "string" || r.parameter === "")
      add("allocation/reserve-without-parameter", ["reserve", "parameter"], "A reserve must name the pack parameter (tham số) that allows it")
    if (r.citation === undefined || r.citation === null || typeof r.citation !== "object")
      add("allocation/reserve-without-citation", ["reserve", "citation"], "A reserve must cite the rule (căn cứ pháp lý) that allows it")
  }
  return { issues, renamed, requested: requested + BigInt(floatSum) }
}

// ---------------------------------------------------------------------------------------------
// Allocation

interface Groups {
  /** per kind: ceiling map and remaining map, or undefined when that kind has no ceilings */
  readonly ceiling: { readonly [k in Kind]: ReadonlyMap<string, Money> | undefined }
  readonly remaining: { readonly [k in Kind]: Map<string, bigint> | undefined }
  /** the kinds that have ceilings, in the order of KINDS (which breaks ties between limits) */
  readonly active: ReadonlyArray<{ readonly kind: Kind; readonly limit: Limit; readonly remaining: Map<string, bigint> }>
  readonly any: boolean
}

const makeGroups = (ceilings: Ceilings | undefined): Groups => {
  const ceiling = {
    province: toMap(ceilings?.province),
    implementingUnit: toMap(ceilings?.implementingUnit),
    activity: toMap(ceilings?.activity)
  }
  const rem = (m: ReadonlyMap<string, Money> | undefined) => (m === undefined ? undefined : new Map<string, bigint>(m))
  const remaining = {
    province: rem(ceiling.province),
    implementingUnit: rem(ceiling.implementingUnit),
    activity: rem(ceiling.activity)
  }
  const active = KINDS.flatMap((kind) => {
    const m = remaining[kind]
    return m === undefined ? [] : [{ kind, limit: CONSTRAINT_OF[kind], remaining: m }]
  })
  return { ceiling, remaining, active, any: active.length > 0 }
}

/** Headroom and binding constraint of a candidate given the remaining envelope and ceilings. */
const headroom = <K>(c: Candidate<K>, envelopeLeft: bigint, g: Groups): { amount: bigint; constraint: Limit } => {
  let amount = envelopeLeft
  let constraint: Limit = "envelope"
  if (!g.any) return { amount, constraint }
  for (const k of KINDS) {
    const m = g.remaining[k]
    if (m === undefined) continue
    const key = c[k]
    if (key === undefined) continue
    const left = m.get(key)
    if (left !== undefined && left < amount) {
      amount = left
      constraint = CONSTRAINT_OF[k]
    }
  }
  return { amount, constraint }
}

const consume = <K>(c: Candidate<K>, amount: bigint, g: Groups): void => {
  if (!g.any || amount === 0n) return
  for (const k of KINDS) {
    const m = g.remaining[k]
    if (m === undefined) continue
    const key = c[k]
    if (key === undefined) continue
    const left = m.get(key)
    if (left !== undefined) m.set(key, left - amount)
  }
}

/** Ids in code-unit order: what settles ties between candidates the comparator finds equal. */
const byId = <K>(a: Candidate<K>, b: Candidate<K>): number => {
  const x = a.id
  const y = b.id
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * The candidates in ascending rank-key order when every rank key is a safe integer (as scores
 * and ranks are), sorted as numbers by the engine without calling a comparator: each key becomes
 * (key − least key) × n + place, a whole number below 2^53, so no two are equal and the place
 * comes back as the remainder. Undefined when a key is not a safe integer or the keys span too
 * wide a range for that.
 */
const byIntegerKey = <K>(cs: ReadonlyArray<Candidate<K>>): Array<Candidate<K>> | undefined => {
  const n = cs.length
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    const k = (cs[i] as Candidate<K>).rankKey
    if (typeof k !== "number" || !Number.isSafeInteger(k)) return undefined
    if (k < min) min = k
    if (k > max) max = k
  }
  if ((max - min + 1) * n > 2 ** 53) return undefined
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) keys[i] = (((cs[i] as Candidate<K>).rankKey as number) - min) * n + i
  keys.sort()
  const out = new Array<Candidate<K>>(n)
  for (let k = 0; k < n; k++) out[k] = cs[(keys[k] as number) % n] as Candidate<K>
  return out
}

/**
 * Whether `order` is in the comparator's order, checked pair by pair; if so, each run of
 * candidates it finds equal (0 or NaN) is put in id order in place. In a consistent comparator's
 * order, the candidates it finds equal to one another stand together, so this is its order with
 * ties broken by id.
 */
const settleTies = <K>(order: Array<Candidate<K>>, cmp: (a: Candidate<K>, b: Candidate<K>) => number): boolean => {
  const n = order.length
  let start = 0
  for (let k = 1; k <= n; k++) {
    if (k < n) {
      const c = cmp(order[k - 1] as Candidate<K>, order[k] as Candidate<K>)
      if (c > 0) return false
      if (!(c < 0)) continue
    }
    if (k - start > 1) {
      const run = order.slice(start, k).sort(byId)
      for (let j = start; j < k; j++) order[j] = run[j - start] as Candidate<K>
    }
    start = k
  }
  return true
}

/**
 * The candidates in ranking order (a sorted copy; ids are unique, so id settles comparator ties).
 * When the rank keys are safe integers, they are first put in ascending key order without the
 * comparator ({@link byIntegerKey}), and the comparator only checks that order, n − 1 calls
 * instead of about n log₂ n, and finds the ties ({@link settleTies}); a comparator that puts
 * any two neighbours the other way (a descending one, say) gets the general sort.
 */
const ranked = <K>(input: Input<K>): ReadonlyArray<Candidate<K>> => {
  const cmp = input.compare
  if (cmp === undefined) return input.candidates
  const presorted = byIntegerKey(input.candidates)
  if (presorted !== undefined && settleTies(presorted, cmp)) return presorted
  return input.candidates.slice().sort((a, b) => {
    const c = cmp(a, b)
    // 0 and NaN (and anything not a number) leave it to the ids
    if (c > 0 || c < 0) return c
    return byId(a, b)
  })
}

/**
 * Roundings made while allocating, for the trace: by candidate (its rank), and of group totals
 * (what was left of the envelope or of a ceiling, cut to the unit before a tier was scaled to it).
 */
interface Roundings {
  readonly byRank: Map<number, Array<Rounding.Record>>
  readonly groups: Array<{ readonly tier: number; readonly limit: Limit; readonly key: string | undefined; readonly record: Rounding.Record }>
}

const noteRounding = (notes: Roundings, rank: number, record: Rounding.Record): void => {
  const list = notes.byRank.get(rank)
  if (list === undefined) notes.byRank.set(rank, [record])
  else list.push(record)
}

/** The record of `exact` (= numerator / denominator đồng) rounded to `result`, a multiple of `unit`. */
const roundingRecord = (numerator: bigint, denominator: bigint, result: bigint, unit: bigint): Rounding.Record => ({
  mode: `${result * denominator <= numerator ? "down" : "up"}-${unit}`,
  exact: Rounding.fractionToString(numerator, denominator),
  result: result.toString(),
  difference: Rounding.fractionToString(result * denominator - numerator, denominator)
})

/** One outcome: every outcome is built here, so that all have one shape. */
const outcome = <K>(
  c: Candidate<K>,
  rank: number,
  allocated: bigint,
  status: Status,
  reason: Reason,
  constraint: Constraint,
  available: bigint,
  limit: Limit
): Outcome => ({
  id: c.id,
  rank,
  tier: c.tier,
  requested: c.requested,
  allocated: allocated as Money,
  status,
  reason,
  constraint,
  available: available as Money,
  limit
})

/** Take `amount` from what is left of each ceiling that applies (`lefts[k]` of key `keys[k]`). */
const take = (
  active: Groups["active"],
  keys: ReadonlyArray<string | undefined>,
  lefts: ReadonlyArray<bigint | undefined>,
  amount: bigint
): void => {
  for (let k = 0; k < active.length; k++) {
    const l = lefts[k]
    if (l !== undefined) (active[k] as Groups["active"][number]).remaining.set(keys[k] as string, l - amount)
  }
}

const walk = <K>(
  order: ReadonlyArray<Candidate<K>>,
  distributable: bigint,
  policy: Extract<Policy, { kind: "whole-only" | "partial-marginal" }>,
  g: Groups,
  notes: Roundings | undefined
): { outcomes: Array<Outcome>; allocated: bigint } => {
  const n = order.length
  const outcomes: Array<Outcome> = new Array<Outcome>(n)
  let left = distributable
  const partial = policy.kind === "partial-marginal"
  const unit = partial ? (policy.unit ?? 1n) : 1n
  const share = partial ? policy.minimumShare : Rate.one
  // For the last headroom that did not fit a request (it changes only when something is
  // allocated): that headroom cut to the unit, and the largest request of which the cut is at
  // least the minimum share (cut / request ≥ num / den ⟺ request ≤ ⌊cut × den / num⌋, num > 0).
  let cutOf = -1n
  let cut = 0n
  let largest = 0n
  // per ceiling kind: the candidate's key and what is left of its ceiling (undefined: none applies)
  const active = g.active
  const keys = new Array<string | undefined>(active.length).fill(undefined)
  const lefts = new Array<bigint | undefined>(active.length).fill(undefined)
  for (let r = 0; r < n; r++) {
    const c = order[r] as Candidate<K>
    const req = c.requested as bigint
    let hAmount = left
    let hLimit: Limit = "envelope"
    for (let k = 0; k < active.length; k++) {
      const a = active[k] as Groups["active"][number]
      const key = c[a.kind]
      const l = key === undefined ? undefined : a.remaining.get(key)
      keys[k] = key
      lefts[k] = l
      if (l !== undefined && l < hAmount) {
        hAmount = l
        hLimit = a.limit
      }
    }
    if (req <= hAmount) {
      outcomes[r] = outcome(c, r, req, "funded", "fits", "none", hAmount, hLimit)
      left -= req
      if (active.length > 0) take(active, keys, lefts, req)
    } else if (!partial) {
      outcomes[r] = outcome(c, r, 0n, "unfunded", "does-not-fit", hLimit, hAmount, hLimit)
    } else {
      if (hAmount !== cutOf) {
        cutOf = hAmount
        cut = hAmount - (hAmount % unit)
        largest = (cut * share.denominator) / share.numerator
      }
      // the headroom cut to the unit decides (and, when partly funded, is) the allocation
      if (notes !== undefined && cut !== hAmount) noteRounding(notes, r, roundingRecord(hAmount, 1n, cut, unit))
      if (cut <= 0n) outcomes[r] = outcome(c, r, 0n, "unfunded", "does-not-fit", hLimit, hAmount, hLimit)
      else if (req <= largest) {
        outcomes[r] = outcome(c, r, cut, "partly-funded", "partial", hLimit, hAmount, hLimit)
        left -= cut
        if (active.length > 0) take(active, keys, lefts, cut)
      } else outcomes[r] = outcome(c, r, 0n, "unfunded", "below-minimum-share", "minimum-share", hAmount, hLimit)
    }
  }
  return { outcomes, allocated: distributable - left }
}

const CONSTRAINT_RANK: { readonly [c in Constraint]: number } = {
  envelope: 0,
  "province-ceiling": 1,
  "unit-ceiling": 2,
  "activity-ceiling": 3,
  "minimum-share": 4,
  none: 5
}

/**
 * Scale `amounts[idx]` (all amounts when `idx` is undefined), whose sum exceeds `room`, down to
 * `room` cut to the unit with the largest-remainder method, recording for each candidate the
 * largest reduction and the constraint that made it. Returns the new sum.
 */
const scaleGroup = (
  amounts: Array<bigint>,
  idx: ReadonlyArray<number> | undefined,
  room: bigint,
  unit: bigint,
  constraint: Constraint,
  cut: Array<bigint>,
  bound: Array<Constraint>,
  note: ((i: number | undefined, record: Rounding.Record) => void) | undefined
): bigint => {
  const n = idx === undefined ? amounts.length : idx.length
  const target = room - (room % unit)
  if (note !== undefined && target !== room) note(undefined, roundingRecord(room, 1n, target, unit))
  let before: Array<bigint>
  if (idx === undefined) before = amounts // read at j before amounts[j] is overwritten below
  else {
    before = new Array<bigint>(n)
    for (let j = 0; j < n; j++) before[j] = amounts[idx[j] as number] as bigint
  }
  let parts: ReadonlyArray<bigint>
  if (target === 0n) parts = new Array<bigint>(n).fill(0n)
  else {
    // Preconditions hold: unit > 0 (validated), 0 < target < sum, amounts ≥ 0 with a positive sum.
    const scaled = Split.scaleParts(before, target as Money, { unit })
    if (!scaled.ok) throw scaled.error
    parts = scaled.value
  }
  let sum = 0n
  if (note !== undefined) for (let j = 0; j < n; j++) sum += before[j] as bigint
  for (let j = 0; j < n; j++) {
    const i = idx === undefined ? j : (idx[j] as number)
    const after = parts[j] as bigint
    // its exact proportional share, target × amount / sum, rounded to the unit (largest remainder)
    if (note !== undefined && after * sum !== target * (before[j] as bigint)) note(i, roundingRecord(target * (before[j] as bigint), sum, after, unit))
    const d = (before[j] as bigint) - after
    if (d > 0n) {
      const prev = cut[i] as bigint
      if (d > prev || (d === prev && CONSTRAINT_RANK[constraint] < CONSTRAINT_RANK[bound[i] as Constraint])) {
        cut[i] = d
        bound[i] = constraint
      }
    }
    amounts[i] = after
  }
  return target
}

const proportional = <K>(
  order: ReadonlyArray<Candidate<K>>,
  distributable: bigint,
  unit: bigint,
  g: Groups,
  notes: Roundings | undefined
): { outcomes: Array<Outcome>; allocated: bigint } => {
  // One pass over the candidates in ranking order reads what the tiers need (tier, request);
  // what each gets is kept by rank, and the outcomes are built in one pass at the end, so that
  // they are not live (and copied by the collector) while the tiers are scaled. A rank without a
  // bound was in a tier below the one scaled to the envelope: it gets nothing ("lower-tier").
  const N = order.length
  const requested: Array<bigint> = new Array<bigint>(N)
  const given: Array<bigint> = new Array<bigint>(N).fill(0n)
  const bounds: Array<Constraint | undefined> = new Array<Constraint | undefined>(N).fill(undefined)
  const available: Array<bigint> = new Array<bigint>(N).fill(0n)
  const limits: Array<Limit> = new Array<Limit>(N).fill("envelope")
  const byTier = new Map<number, Array<number>>()
  for (let r = 0; r < N; r++) {
    const c = order[r] as Candidate<K>
    requested[r] = c.requested
    const t = c.tier as number
    let list = byTier.get(t)
    if (list === undefined) byTier.set(t, (list = []))
    list.push(r)
  }
  // Tiers in ascending order; inside a tier, ranking order (which breaks split ties).
  const tiers = [...byTier.keys()].sort((a, b) => a - b)
  let left = distributable
  let total = 0n
  let stopped = false
  for (const t of tiers) {
    const ranks = byTier.get(t) as Array<number>
    const n = ranks.length
    if (g.any)
      for (let i = 0; i < n; i++) {
        const r = ranks[i] as number
        const h = headroom(order[r] as Candidate<K>, left, g)
        available[r] = h.amount
        limits[r] = h.constraint
      }
    else for (let i = 0; i < n; i++) available[ranks[i] as number] = left
    if (stopped) continue
    const amounts: Array<bigint> = new Array<bigint>(n)
    let sum = 0n
    for (let i = 0; i < n; i++) {
      const a = requested[ranks[i] as number] as bigint
      amounts[i] = a
      sum += a
    }
    // Largest reduction per candidate and its constraint.
    const cut: Array<bigint> = new Array<bigint>(n).fill(0n)
    const bound: Array<Constraint> = new Array<Constraint>(n).fill("none")
    const noter = (limit: Limit, key: string | undefined) =>
      notes === undefined
        ? undefined
        : (i: number | undefined, record: Rounding.Record): void => {
            if (i === undefined) notes.groups.push({ tier: t, limit, key, record })
            else noteRounding(notes, ranks[i] as number, record)
          }
    if (g.any) {
      for (const k of KINDS) {
        const rem = g.remaining[k]
        if (rem === undefined) continue
        const groups = new Map<string, Array<number>>()
        for (let i = 0; i < n; i++) {
          const key = (order[ranks[i] as number] as Candidate<K>)[k]
          if (key === undefined || !rem.has(key)) continue
          let list = groups.get(key)
          if (list === undefined) groups.set(key, (list = []))
          list.push(i)
        }
        for (const [key, idx] of groups) {
          let groupSum = 0n
          for (const i of idx) groupSum += amounts[i] as bigint
          const room = rem.get(key) as bigint
          if (groupSum > room) sum -= groupSum - scaleGroup(amounts, idx, room, unit, CONSTRAINT_OF[k], cut, bound, noter(CONSTRAINT_OF[k], key))
        }
      }
    }
    if (sum > left) {
      sum = scaleGroup(amounts, undefined, left, unit, "envelope", cut, bound, noter("envelope", undefined))
      stopped = true
    }
    left -= sum
    total += sum
    for (let i = 0; i < n; i++) {
      const r = ranks[i] as number
      const a = amounts[i] as bigint
      if (g.any) consume(order[r] as Candidate<K>, a, g)
      given[r] = a
      // Amounts only ever go down from the request, and every reduction is noted in `bound`.
      bounds[r] = bound[i] as Constraint
    }
  }
  const outcomes: Array<Outcome> = new Array<Outcome>(N)
  for (let r = 0; r < N; r++) {
    const c = order[r] as Candidate<K>
    const b = bounds[r]
    const a = given[r] as bigint
    outcomes[r] =
      b === undefined
        ? outcome(c, r, 0n, "unfunded", "lower-tier", "envelope", available[r] as bigint, limits[r] as Limit)
        : outcome(c, r, a, b === "none" ? "funded" : a === 0n ? "unfunded" : "partly-funded", b === "none" ? "fits" : "scaled", b, available[r] as bigint, limits[r] as Limit)
  }
  return { outcomes, allocated: total }
}

/**
 * Allocate the envelope (see the module header for the policies and guarantees).
 *
 * Bad input fails with a `ValidationError` listing every issue: `allocation/invalid-envelope`,
 * `allocation/invalid-unit`, `allocation/invalid-minimum-share`, `allocation/missing-id`, an id
 * that `Text.check` refuses (`text/invisible-character`, `text/too-long` …),
 * `allocation/duplicate-id` (also for two ids equal in NFC, the form outcomes carry),
 * `allocation/invalid-request` (requests must be > 0),
 * `allocation/missing-tier` (proportional-tier only), `allocation/invalid-ceiling`,
 * `allocation/invalid-reserve-rate`, `allocation/reserve-without-parameter`,
 * `allocation/reserve-without-citation`.
 *
 * With a `recorder`, steps are pushed: `allocation.reserve` (the parameter read and the
 * rounding) when there is a reserve; `allocation.rounding` for every figure rounded to the
 * allocation unit: what was left of the envelope or a ceiling cut to the unit before a tier was
 * scaled to it (inputs `tier`, `limit`, `key`), then, in ranking order, each proposal whose
 * headroom was cut to the unit (`partial-marginal`) or whose exact proportional share was rounded
 * by the largest-remainder method (`proportional-tier`), with its `Rounding.Record`s (inputs
 * `proposal`, `requested`, `available`, `unit`); and `allocation.<policy>` with the totals.
 * @category allocation
 * @since 0.1.0
 * @example
 * ```ts
 * Allocation.allocate({
 *   envelope: Money.make(1_000n),
 *   candidates: [{ id: "A", requested: Money.make(800n) }, { id: "B", requested: Money.make(400n) }],
 *   policy: { kind: "partial-marginal", minimumShare: Rate.make(1n, 2n) }
 * })
 * // ok: A funded 800; the 200 left is below 50 % of B's 400, so B is unfunded (constraint "minimum-share")
 * ```
 */
export const allocate = <K>(input: Input<K>, recorder?: Trace.Recorder): Result<Allocation, ValidationError> => {
  const { issues, renamed, requested } = validate(input)
  if (issues.length > 0) {
    const first = issues[0] as Issue
    return err(
      new ValidationError({
        code: first.code,
        path: first.path,
        message: `Cannot allocate (phân bổ kinh phí): ${issues.length} problem${issues.length === 1 ? "" : "s"}; first: ${first.message}`,
        issues
      })
    )
  }
  // ids in NFC (validate read them so): one proposal typed composed or decomposed is one id
  if (renamed !== undefined) {
    const nfc = renamed
    input = { ...input, candidates: input.candidates.map((c, i) => { const id = nfc.get(i); return id === undefined ? c : { ...c, id } }) }
  }
  const envelope = input.envelope as bigint
  let reserveAmount = 0n
  let reserve: Allocation["reserve"] = undefined
  if (input.reserve !== undefined) {
    const r = input.reserve
    const mode = r.rounding ?? Rounding.down1
    const rounded = Money.multiplyByRate(envelope as Money, r.rate, mode)
    // A rounding that goes up could pass the envelope only for a rate of 100 %; clamp anyway.
    reserveAmount = rounded.value > envelope ? envelope : rounded.value < 0n ? 0n : rounded.value
    reserve = { amount: reserveAmount as Money, rate: r.rate, parameter: r.parameter, citation: r.citation, rounding: rounded.rounding }
    recorder?.push(
      Trace.step({
        rule: "allocation.reserve",
        description: "Reserve for programme management taken from the envelope (kinh phí quản lý chương trình)",
        inputs: { envelope, rate: r.rate, parameter: r.parameter },
        parameters: r.reading !== undefined ? [r.reading] : [],
        roundings: [rounded.rounding],
        result: reserveAmount
      })
    )
  }
  const distributable = envelope - reserveAmount
  const g = makeGroups(input.ceilings)
  const order = ranked(input)
  const policy = input.policy
  const notes: Roundings | undefined = recorder === undefined ? undefined : { byRank: new Map(), groups: [] }
  const { outcomes, allocated } =
    policy.kind === "proportional-tier" ? proportional(order, distributable, policy.unit ?? 1n, g, notes) : walk(order, distributable, policy, g, notes)
  const ceilings: Array<CeilingUse> = []
  for (const k of KINDS) {
    const m = g.ceiling[k]
    const rem = g.remaining[k]
    if (m === undefined || rem === undefined) continue
    for (const [key, ceiling] of m)
      ceilings.push({ kind: k, key, ceiling, allocated: (ceiling - (rem.get(key) as bigint)) as Money })
  }
  const totals: Totals = {
    envelope: input.envelope,
    requested: requested as Money,
    reserve: reserveAmount as Money,
    distributable: distributable as Money,
    allocated: allocated as Money,
    unallocated: (distributable - allocated) as Money
  }
  if (recorder !== undefined && notes !== undefined) {
    const unit = policy.kind === "whole-only" ? 1n : (policy.unit ?? 1n)
    for (const n of notes.groups)
      recorder.push(
        Trace.step({
          rule: "allocation.rounding",
          description: `What was left of ${CONSTRAINT_TEXT[n.limit]} cut to the allocation unit (đơn vị làm tròn) before priority tier (nhóm ưu tiên) ${n.tier} was scaled to it`,
          inputs: { tier: n.tier, limit: n.limit, key: n.key, unit },
          roundings: [n.record],
          result: n.record.result
        })
      )
    for (const [rank, records] of [...notes.byRank].sort((a, b) => a[0] - b[0])) {
      const o = outcomes[rank] as Outcome
      recorder.push(
        Trace.step({
          rule: "allocation.rounding",
          description: `The allocation of proposal (đề án) ${o.id} rounded to the allocation unit (đơn vị làm tròn)`,
          inputs: { proposal: o.id, requested: o.requested, available: o.available, unit },
          roundings: records,
          result: o.allocated
        })
      )
    }
  }
  recorder?.push(
    Trace.step({
      rule: `allocation.${policy.kind}`,
      description: "Allocation of the envelope over the ranked proposals (phân bổ kinh phí)",
      inputs: { policy, candidates: input.candidates.length, distributable },
      result: totals
    })
  )
  return ok({ policy, outcomes, totals, reserve, ceilings })
}

/**
 * {@link allocate}, throwing the `ValidationError`. For scripts and tests.
 * @function
 * @category allocation
 * @since 0.1.0
 * @example `Allocation.allocateOrThrow({ envelope: Money.make(10n), candidates: [], policy: { kind: "whole-only" } }).totals.unallocated` → `10n`
 */
export const allocateOrThrow = orThrow(allocate)

/**
 * The outcome of the proposal with this id, if it took part.
 * @category allocation
 * @since 0.1.0
 * @example `Allocation.outcomeOf(result, "A")?.status` → `"funded"`
 */
export const outcomeOf = (allocation: Allocation, id: string): Outcome | undefined =>
  allocation.outcomes.find((o) => o.id === id)

/**
 * A comparator over candidates from a comparator over their rank keys (e.g. the pack's priority
 * comparator). Candidates without a key rank after those with one.
 * @category ranking
 * @since 0.1.0
 * @example `Allocation.byRankKey((a: number, b: number) => a - b)` → a comparator putting rank key 1 before 2
 */
export const byRankKey =
  <K>(compareKeys: (a: K, b: K) => number) =>
  (a: Candidate<K>, b: Candidate<K>): number => {
    const x = a.rankKey
    const y = b.rankKey
    if (x === undefined) return y === undefined ? 0 : 1
    if (y === undefined) return -1
    return compareKeys(x, y)
  }

const CONSTRAINT_TEXT: { readonly [c in Constraint]: string } = {
  envelope: "the envelope (kinh phí được giao)",
  "province-ceiling": "the province ceiling (mức trần của tỉnh)",
  "unit-ceiling": "the implementing unit's ceiling (mức trần của đơn vị thực hiện)",
  "activity-ceiling": "the activity ceiling (mức trần của nội dung hoạt động)",
  "minimum-share": "the minimum share (tỷ lệ tối thiểu)",
  none: "nothing"
}

/**
 * One English sentence (with the Vietnamese terms) explaining an outcome.
 * @category explaining
 * @since 0.1.0
 * @example `Allocation.explain(outcome)` → `"B: unfunded (không được bố trí): requested 500.000.000 ₫ exceeds the 400.000.000 ₫ left of the envelope (kinh phí được giao)"`
 */
export const explain = (o: Outcome): string => {
  const req = Money.format(o.requested)
  const avail = Money.format(o.available)
  const got = Money.format(o.allocated)
  switch (o.reason) {
    case "fits":
      return `${o.id}: funded in full (được bố trí đủ): ${req}`
    case "partial":
      // "all that was left" only when nothing is: a cut to the unit leaves a remainder, named
      return o.available === o.allocated
        ? `${o.id}: partly funded (bố trí một phần): ${got} of ${req}, all that was left under ${CONSTRAINT_TEXT[o.constraint]}`
        : `${o.id}: partly funded (bố trí một phần): ${got} of ${req}: the ${avail} left under ${CONSTRAINT_TEXT[o.constraint]} rounded down to the allocation unit (đơn vị làm tròn), so ${Money.format(Money.subtract(o.available, o.allocated))} of it stays unallocated (chưa phân bổ)`
    case "scaled":
      return `${o.id}: ${o.status === "unfunded" ? "unfunded (không được bố trí)" : "partly funded (bố trí một phần)"}: ${got} of ${req}, scaled down proportionally to fit ${CONSTRAINT_TEXT[o.constraint]}`
    case "does-not-fit":
      return `${o.id}: unfunded (không được bố trí): requested ${req} exceeds the ${avail} left of ${CONSTRAINT_TEXT[o.constraint]}`
    case "below-minimum-share":
      return `${o.id}: unfunded (không được bố trí): the ${avail} left of ${CONSTRAINT_TEXT[o.limit]} is below the minimum share (tỷ lệ tối thiểu) of ${req}`
    case "lower-tier":
      return `${o.id}: unfunded (không được bố trí): a higher priority tier (nhóm ưu tiên) did not fit the envelope (kinh phí được giao)`
  }
}

// ---------------------------------------------------------------------------------------------
// Reserve from a pack parameter

/**
 * A {@link Reserve} read from a pack parameter on `date` (e.g. `overhead.managing-agency`, the
 * managing agency's share of the funds). Without `options.rate` the parameter's full rate is
 * reserved; a smaller `options.rate` may be chosen, a larger one is refused.
 *
 * Errors: `LookupError` when the pack has no such parameter (`allocation/unknown-parameter`) or
 * no value on `date`; `ValidationError` `allocation/parameter-not-a-rate`; `RuleViolation`
 * `allocation/reserve-above-parameter` (citing the parameter) when `options.rate` exceeds it.
 * @category allocation
 * @since 0.1.0
 * @example `Allocation.reserveFromPack(pack, "overhead.managing-agency", "2024-01-15")` → `ok({ rate: 3/200, parameter: "overhead.managing-agency", citation, reading })`
 */
export const reserveFromPack = (
  pack: RulePack,
  parameterId: string,
  input: DateInput,
  options?: { readonly rate?: Rate.Rate; readonly rounding?: Rounding.Mode }
): Result<Reserve, LookupError | ValidationError | RuleViolation> => {
  const parsed = parseDate(input)
  if (!parsed.ok) return err(new LookupError({ code: parsed.error.code, path: ["date"], at: String(input), message: `reserveFromPack needs a date (ngày) YYYY-MM-DD: ${parsed.error.message}` }))
  const date: LocalDate = parsed.value
  const p = Object.hasOwn(pack.parameters, parameterId) ? pack.parameters[parameterId] : undefined
  if (p === undefined) {
    return err(
      new LookupError({
        code: "allocation/unknown-parameter",
        path: ["parameters", parameterId],
        at: date,
        message: `Rule pack "${pack.id}" has no parameter (tham số) "${parameterId}" for the management reserve`
      })
    )
  }
  const reading = Parameter.at(p, date)
  if (!reading.ok) return reading
  const v = reading.value.value
  if (!isRate(v)) {
    const message = `Parameter (tham số) "${parameterId}" is not a rate (tỷ lệ), so it cannot set a reserve`
    return err(
      new ValidationError({ code: "allocation/parameter-not-a-rate", path: ["parameters", parameterId], message, issues: [{ code: "allocation/parameter-not-a-rate", path: ["parameters", parameterId], message, actual: v }] })
    )
  }
  const chosen = options?.rate ?? v
  if (Rate.compare(chosen, v) > 0) {
    return err(
      new RuleViolation({
        code: "allocation/reserve-above-parameter",
        path: ["reserve", "rate"],
        rule: parameterId,
        citation: CitationM.format(reading.value.citation),
        message: `The reserve (kinh phí quản lý) of ${chosen.numerator}/${chosen.denominator} exceeds the ${v.numerator}/${v.denominator} that parameter "${parameterId}" allows`
      })
    )
  }
  const out: { -readonly [k in keyof Reserve]: Reserve[k] } = {
    rate: chosen,
    parameter: parameterId,
    citation: reading.value.citation,
    reading: reading.value
  }
  if (options?.rounding !== undefined) out.rounding = options.rounding
  return ok(out)
}
