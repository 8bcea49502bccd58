/**
 * Arbitraries for allocation (phân bổ kinh phí), largest-remainder splits and contract ledgers
 * (tạm ứng, thanh toán, quyết toán).
 * @since 0.1.0
 * @module
 */
import * as fc from "fast-check"
import type * as Allocation from "../funds/Allocation.js"
import type * as Contract from "../funds/Contract.js"
import type * as Ledger from "../funds/Ledger.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Rate from "../values/Rate.js"

const PROVINCES = ["HG", "BG", "HY", "LC", "TN"] as const
const UNITS = ["TT1", "TT2", "TT3", "SCT"] as const
const ACTIVITIES = ["machinery", "model", "training", "fair"] as const

/**
 * Allocation units (đơn vị làm tròn) worth testing: 1, 1.000 and 1.000.000 đồng.
 * @example `fc.sample(allocationUnit, 1)[0]` → e.g. `1000n`
 * @category allocation
 * @since 0.1.0
 */
export const allocationUnit: fc.Arbitrary<bigint> = fc.constantFrom(1n, 1_000n, 1_000_000n)

/**
 * A list of candidates with unique ids `P0…`, requests from 1 đồng to 5 tỷ đồng (often round
 * millions), tiers 0–3 and, optionally, provinces, implementing units and activities from small
 * pools (so that ceilings bind).
 * @example `fc.sample(allocationCandidates({ maxLength: 3 }), 1)[0]` → e.g. `[{ id: "P0", requested: 300000000n, tier: 1, province: "HG" }]`
 * @category allocation
 * @since 0.1.0
 */
export const allocationCandidates = (options?: {
  readonly minLength?: number
  readonly maxLength?: number
  readonly withGroups?: boolean
}): fc.Arbitrary<ReadonlyArray<Allocation.Candidate<number>>> => {
  const request = fc.oneof(
    fc.bigInt({ min: 1n, max: 5_000n }).map((m) => m * 1_000_000n),
    fc.bigInt({ min: 1n, max: 5_000_000_000n })
  )
  const groups = options?.withGroups ?? true
  const one = fc.record({
    requested: request,
    tier: fc.integer({ min: 0, max: 3 }),
    rankKey: fc.integer({ min: 0, max: 1_000 }),
    province: groups ? fc.option(fc.constantFrom(...PROVINCES), { nil: undefined }) : fc.constant(undefined),
    implementingUnit: groups ? fc.option(fc.constantFrom(...UNITS), { nil: undefined }) : fc.constant(undefined),
    activity: groups ? fc.option(fc.constantFrom(...ACTIVITIES), { nil: undefined }) : fc.constant(undefined)
  })
  return fc.array(one, { minLength: options?.minLength ?? 0, maxLength: options?.maxLength ?? 30 }).map((xs) =>
    xs.map((x, i) => {
      const c: { -readonly [K in keyof Allocation.Candidate<number>]: Allocation.Candidate<number>[K] } = {
        id: `P${i}`,
        requested: Money.make(x.requested),
        tier: x.tier,
        rankKey: x.rankKey
      }
      if (x.province !== undefined) c.province = x.province
      if (x.implementingUnit !== undefined) c.implementingUnit = x.implementingUnit
      if (x.activity !== undefined) c.activity = x.activity
      return c
    })
  )
}

/**
 * A policy: whole-only, partial-marginal (minimum share 1 %–100 %) or proportional-tier, with a
 * unit from {@link allocationUnit}.
 * @example `fc.sample(allocationPolicy, 1)[0]` → e.g. `{ kind: "partial-marginal", minimumShare: 1/2, unit: 1000000n }`
 * @category allocation
 * @since 0.1.0
 */
export const allocationPolicy: fc.Arbitrary<Allocation.Policy> = fc.oneof(
  fc.constant({ kind: "whole-only" } as const),
  fc
    .record({ pct: fc.integer({ min: 1, max: 100 }), unit: allocationUnit })
    .map(({ pct, unit }) => ({ kind: "partial-marginal", minimumShare: Rate.make(BigInt(pct), 100n), unit }) as const),
  allocationUnit.map((unit) => ({ kind: "proportional-tier", unit }) as const)
)

/**
 * Ceilings over the pools {@link allocationCandidates} draws from: each province, unit and
 * activity may get a ceiling up to 10 tỷ đồng.
 * @example `fc.sample(allocationCeilings, 1)[0]` → e.g. `{ province: { HG: 1200000000n } }`
 * @category allocation
 * @since 0.1.0
 */
export const allocationCeilings: fc.Arbitrary<Allocation.Ceilings> = (() => {
  const ceiling = fc.bigInt({ min: 0n, max: 10_000_000_000n }).map(Money.make)
  const table = (keys: ReadonlyArray<string>) =>
    fc
      .subarray([...keys])
      .chain((ks) => fc.tuple(...ks.map(() => ceiling)).map((vs) => Object.fromEntries(ks.map((k, i) => [k, vs[i] as Money.Money]))))
  return fc.record(
    { province: table(PROVINCES), implementingUnit: table(UNITS), activity: table(ACTIVITIES) },
    { requiredKeys: [] }
  )
})()

/**
 * A complete allocation input: candidates, an envelope between 0 and 120 % of the total requested,
 * a policy and (when `withCeilings`) ceilings. Candidates are given in ranking order.
 * @example `fc.sample(allocationInput(), 1)[0].policy.kind` → e.g. `"whole-only"`
 * @category allocation
 * @since 0.1.0
 */
export const allocationInput = (options?: {
  readonly withCeilings?: boolean
  readonly policy?: fc.Arbitrary<Allocation.Policy>
  readonly maxLength?: number
}): fc.Arbitrary<Allocation.Input<number>> =>
  fc
    .record({
      candidates: allocationCandidates({ maxLength: options?.maxLength ?? 30, withGroups: options?.withCeilings ?? false }),
      permille: fc.integer({ min: 0, max: 1_200 }),
      extra: fc.bigInt({ min: 0n, max: 999_999n }),
      policy: options?.policy ?? allocationPolicy,
      ceilings: options?.withCeilings === true ? allocationCeilings : fc.constant(undefined)
    })
    .map(({ candidates, permille, extra, policy, ceilings }) => {
      let total = 0n
      for (const c of candidates) total += c.requested
      const envelope = Money.make((total * BigInt(permille)) / 1000n + extra)
      const input: { -readonly [K in keyof Allocation.Input<number>]: Allocation.Input<number>[K] } = { envelope, candidates, policy }
      if (ceilings !== undefined) input.ceilings = ceilings
      return input
    })

/**
 * Weights for a split (bigints ≥ 0, at least one positive), 1–20 recipients.
 * @example `fc.sample(splitWeights, 1)[0]` → e.g. `[3n, 0n, 7n]`
 * @category split
 * @since 0.1.0
 */
export const splitWeights: fc.Arbitrary<ReadonlyArray<bigint>> = fc
  .array(fc.oneof(fc.bigInt({ min: 0n, max: 10n }), fc.bigInt({ min: 0n, max: 10n ** 12n })), { minLength: 1, maxLength: 20 })
  .filter((ws) => ws.some((w) => w > 0n))

const ADJUSTMENT_DECISION = {
  decision: "123/QĐ-BCT",
  decidedBy: "Ministry of Industry and Trade (Bộ Công Thương)",
  legalBasis: "Circular 36/2013/TT-BCT art. 11.2"
} as const

/**
 * A sequence of ledger events for a contract (any order, any kind, plausible and implausible
 * amounts and evidence), dated from the contract date to the end of the year after its last
 * plan year, with unique ids and idempotency keys. Adjustments carry their decision (number,
 * date, authority, legal basis) and name evaluation "1".
 * @example `fc.sample(ledgerEvents(contract), 1)[0].length` → e.g. `7`
 * @category ledger
 * @since 0.1.0
 */
export const ledgerEvents = (contract: Contract.Contract, options?: { readonly maxLength?: number }): fc.Arbitrary<ReadonlyArray<Ledger.Event>> => {
  const start = LocalDate.toDayNumber(contract.signed)
  const end = LocalDate.toDayNumber(LocalDate.endOfYear(contract.lastPlanYear + 1))
  const approved = contract.approvedSupport as bigint
  const day = fc.integer({ min: start - 10, max: end }).map((n) => LocalDate.fromDayNumber(n))
  const amount = fc.oneof(
    fc.integer({ min: 1, max: 110 }).map((pct) => (approved * BigInt(pct)) / 100n),
    fc.bigInt({ min: 1n, max: approved })
  ).map((a) => Money.make(a > 0n ? a : 1n))
  const evidence = fc.record(
    {
      progressShare: fc.integer({ min: 0, max: 100 }).map((p) => Rate.make(BigInt(p), 100n)),
      acceptanceBack: fc.integer({ min: 0, max: 30 }),
      businessRegistration: fc.constant("0101234567"),
      completedValue: fc.integer({ min: 0, max: 100 }).map((p) => Money.make((approved * BigInt(p)) / 100n))
    },
    { requiredKeys: [] }
  )
  const event = fc.record({
    kind: fc.constantFrom<Ledger.Kind>("advance", "advance", "advance", "payment", "refund", "settlement", "adjustment"),
    date: day,
    amount,
    evidence: fc.option(evidence, { nil: undefined })
  })
  return fc.array(event, { maxLength: options?.maxLength ?? 12 }).map((xs) =>
    xs.map((x, i) => {
      const e: { -readonly [K in keyof Ledger.Event]: Ledger.Event[K] } = {
        id: `E${i}`,
        idempotencyKey: `K${i}`,
        kind: x.kind,
        date: x.date,
        amount: x.amount
      }
      if (x.evidence !== undefined) {
        const v = x.evidence
        const ev: { -readonly [K in keyof Ledger.Evidence]: Ledger.Evidence[K] } = {}
        if (v.progressShare !== undefined) ev.progressShare = v.progressShare
        if (v.acceptanceBack !== undefined) ev.baseAcceptance = LocalDate.addDays(x.date, -v.acceptanceBack)
        if (v.businessRegistration !== undefined) ev.businessRegistration = v.businessRegistration
        if (v.completedValue !== undefined) ev.completedValue = v.completedValue
        e.evidence = ev
      }
      // an adjustment is a decision (quyết định điều chỉnh); an increase names a re-evaluation
      if (x.kind === "adjustment")
        e.evidence = { ...e.evidence, ...ADJUSTMENT_DECISION, decidedOn: x.date, evaluationId: "1" }
      return e
    })
  )
}
