/**
 * Ledger (sổ theo dõi tạm ứng, thanh toán, quyết toán): the money events of one {@link Contract}:
 * advances (tạm ứng), payments (thanh toán), refunds (hoàn trả), the settlement (quyết toán) and
 * adjustments of the approved support (điều chỉnh). A ledger holds the contract and the accepted
 * events in order; every balance is derived from the events ({@link balances}), never stored.
 *
 * The model (36/2013 = Circular 36/2013/TT-BCT; the pack's own citations where it has them):
 * - `advance`: money paid before the work is accepted. Before base-level acceptance (nghiệm thu
 *   cơ sở) advances need the tier's condition (progress above its threshold, acceptance,
 *   business registration) and add up to at most the tier's first-advance share of the approved
 *   support (36/2013 art. 13); a multi-year project may advance further up to its reported
 *   progress share (art. 15.2.b). After acceptance the remainder may be advanced (art. 14). The
 *   pack's overall advance ceiling, when it has one, caps all advances. The limits apply to the
 *   advance balance (advances − refunds): a refund of an advance makes room for a new one.
 * - `payment`: money paid against accepted work; needs base-level acceptance (art. 14).
 * - Advances plus payments minus refunds never exceed the approved support (art. 12.2).
 * - `refund`: at most the part of the money paid out that no work matches (art. 12.6): net paid
 *   out minus the work value, where the work value is the settled amount once settled, else the
 *   last completed-work value reported (giá trị khối lượng hoàn thành), else the approved support
 *   once accepted, else the highest progress share reported × the approved support (rounded
 *   down to the đồng).
 * - `settlement`: once, after base-level acceptance (art. 18.1), for at most the approved support.
 *   It closes the contract (art. 18.2): afterwards only the events that close the gap between
 *   money paid out and the settled amount are accepted (a refund of the excess, a payment of
 *   the shortfall).
 * - `adjustment`: `amount` is the new approved support (art. 11.2), by a decision: the event
 *   records the decision number, date, issuing authority and legal basis. An increase names the
 *   re-evaluation whose payable amount covers the new total over the proposal's contracts.
 *   Refused when it would leave money paid out or advances above the new limits.
 * - Nothing is advanced, paid or adjusted before the contract date.
 *
 * Replay order: by date, then by kind (adjustment, advance, payment, settlement, refund), then by
 * idempotency key, then by id. Posting the same idempotency key twice with the same content is a
 * no-op; with different content it is refused.
 *
 * @example
 * ```ts
 * import { Ledger, Money } from "@khuyencong/core"
 * const l0 = Ledger.open(contract) // a soft-tier contract of 100.000.000 đ
 * const l1 = Ledger.post(l0, { id: "1", idempotencyKey: "k1", kind: "advance", date: "2024-04-01", amount: Money.make(70_000_000n) })
 * // ok; Ledger.balances(l1.value).advanced === 70000000n
 * Ledger.post(l1.value, { id: "2", idempotencyKey: "k2", kind: "advance", date: "2024-05-01", amount: Money.make(1n) })
 * // error RuleViolation advance/remainder-before-acceptance, citing Circular 36/2013 art. 14
 * ```
 * @since 0.1.0
 * @module
 */
import * as Citation from "../values/Citation.js"
import * as Contract from "./Contract.js"
import { RuleViolation, ValidationError, type Issue } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Rate from "../values/Rate.js"
import { err, ok, type Result } from "../values/Result.js"
import * as Rounding from "../values/Rounding.js"
import * as Text from "../values/Text.js"

type Money = Money.Money

// ---------------------------------------------------------------------------------------------
// Models

/**
 * Kind of ledger event.
 * @category models
 * @since 0.1.0
 */
export type Kind = "advance" | "payment" | "refund" | "settlement" | "adjustment"

/**
 * Evidence an event carries. Evidence accumulates: a progress share, an acceptance or a
 * registration reported on one event counts for every later event.
 * @category models
 * @since 0.1.0
 */
export interface Evidence {
  /** Share of the work done (tiến độ, khối lượng đã thực hiện) as reported and checked, 0–100 %. */
  readonly progressShare?: Rate.Rate
  /** Date of the base-level acceptance record (biên bản nghiệm thu cơ sở); not after the event. */
  readonly baseAcceptance?: LocalDate.LocalDate
  /** Number of the business registration certificate (giấy chứng nhận đăng ký doanh nghiệp). */
  readonly businessRegistration?: string
  /** Value of completed work in đồng of support (giá trị khối lượng hoàn thành, Mẫu 3b). */
  readonly completedValue?: Money
  /** Number of the decision behind an adjustment (số quyết định điều chỉnh); required on an adjustment. */
  readonly decision?: string
  /** Date of that decision (ngày quyết định); required on an adjustment, not after the event. */
  readonly decidedOn?: LocalDate.LocalDate
  /** Who issued it (cơ quan ban hành quyết định); required on an adjustment. */
  readonly decidedBy?: string
  /** Its legal basis (căn cứ pháp lý), e.g. "Circular 36/2013/TT-BCT art. 11.2"; required on an adjustment. */
  readonly legalBasis?: string
  /**
   * The stored evaluation (kết quả thẩm định lại) an increase rests on, by the id the store gave
   * it; required when an adjustment raises the approved support.
   */
  readonly evaluationId?: string
}

/**
 * A ledger event. `amount` is positive; for an adjustment it is the new approved support; for a
 * settlement the settled amount.
 * @category models
 * @since 0.1.0
 */
export interface Event {
  readonly id: string
  readonly idempotencyKey: string
  readonly kind: Kind
  readonly date: LocalDate.LocalDate
  readonly amount: Money
  readonly evidence?: Evidence
}

/**
 * A contract's ledger: the contract and its accepted events in replay order.
 * @category models
 * @since 0.1.0
 */
export interface Ledger {
  readonly contract: Contract.Contract
  readonly events: ReadonlyArray<Event>
}

/**
 * Balances derived from the events.
 * - `approved`: approved support after adjustments;
 * - `advanced`, `paid`, `refunded`: sums of advances, payments, refunds;
 * - `disbursed`: advanced + paid − refunded (net paid out);
 * - `outstanding`: advances not yet cleared by a settlement (dư tạm ứng): advanced − refunded
 *   (not below 0) before settlement, 0 after; this is the advance balance the schedule limits;
 * - `workValue`: value of work matching the money (see the module header);
 * - `refundable`: disbursed − workValue when positive (phải hoàn trả);
 * - `remaining`: what may still be paid out: approved (or settled) − disbursed, when positive;
 * - `advanceLimit`: the most the advances may add up to now under the schedule;
 * - `roundings`: how the advance limit and a work value from the progress share were rounded.
 * @category models
 * @since 0.1.0
 */
export interface Balances {
  readonly approved: Money
  readonly advanced: Money
  readonly paid: Money
  readonly refunded: Money
  readonly disbursed: Money
  readonly outstanding: Money
  readonly workValue: Money
  readonly refundable: Money
  readonly remaining: Money
  readonly advanceLimit: Money
  readonly progressShare: Rate.Rate | undefined
  readonly acceptedOn: LocalDate.LocalDate | undefined
  readonly registered: boolean
  readonly settled: Money | undefined
  readonly settledOn: LocalDate.LocalDate | undefined
  /**
   * How the figures computed as a share of the approved support were rounded (down to the đồng):
   * the advance limit, and the work value when it is the progress share × the approved support.
   */
  readonly roundings: Roundings
}

/**
 * The roundings behind {@link Balances}: each money × rate of the ledger, recorded as every other
 * one is (`Money.multiplyByRate`).
 * @category models
 * @since 0.2.0
 */
export interface Roundings {
  /** The advance limit: the schedule's share (or the overall ceiling) × the approved support. */
  readonly advanceLimit: Rounding.Record
  /** The work value, when it is the reported progress share × the approved support. */
  readonly workValue?: Rounding.Record
}

/**
 * An event {@link replay} did not accept, with the error.
 * @category models
 * @since 0.1.0
 */
export interface Rejected {
  readonly event: Event
  readonly error: RuleViolation | ValidationError
}

// ---------------------------------------------------------------------------------------------
// The fold

interface Fold {
  approved: bigint
  advanced: bigint
  paid: bigint
  refunded: bigint
  progress: Rate.Rate | undefined
  acceptedOn: LocalDate.LocalDate | undefined
  registered: boolean
  completed: bigint | undefined
  settled: bigint | undefined
  settledOn: LocalDate.LocalDate | undefined
}

const initial = (c: Contract.Contract): Fold => ({
  approved: c.approvedSupport,
  advanced: 0n,
  paid: 0n,
  refunded: 0n,
  progress: undefined,
  acceptedOn: undefined,
  registered: false,
  completed: undefined,
  settled: undefined,
  settledOn: undefined
})

const rateAbove = (a: Rate.Rate, b: Rate.Rate): boolean => Rate.compare(a, b) > 0

/** r × m rounded down to the đồng, with the record of the rounding. */
const share = (r: Rate.Rate, m: bigint): { readonly value: Money; readonly rounding: Rounding.Record } =>
  Money.multiplyByRate(m as Money, r, Rounding.down1)

/** Whether x ≤ r × m, exactly. */
const withinShare = (x: bigint, r: Rate.Rate, m: bigint): boolean => Rate.compareShare(x, m, r) <= 0

/** The work value (see the module header), with the rounding when it is the progress share of the approved support. */
const work = (f: Fold): { readonly value: bigint; readonly rounding?: Rounding.Record } => {
  if (f.settled !== undefined) return { value: f.settled }
  if (f.completed !== undefined) return { value: f.completed > f.approved ? f.approved : f.completed }
  if (f.acceptedOn !== undefined) return { value: f.approved }
  if (f.progress === undefined) return { value: 0n }
  const s = share(f.progress, f.approved)
  return { value: s.value > f.approved ? f.approved : s.value, rounding: s.rounding }
}

const workValue = (f: Fold): bigint => work(f).value

/** The schedule's share now: 100 % after acceptance, else the first-advance share (or, multi-year, the progress share). */
const scheduleRate = (c: Contract.Contract, f: Fold): Rate.Rate => {
  if (f.acceptedOn !== undefined) return Rate.one
  const first = c.terms.tier.firstAdvance.value
  if (Contract.isMultiYear(c) && f.progress !== undefined && rateAbove(f.progress, first)) return f.progress
  return first
}

/** The advance limit as a share of the approved support: min(schedule share, overall ceiling). */
const advanceLimitRate = (c: Contract.Contract, f: Fold): Rate.Rate => {
  const r = scheduleRate(c, f)
  const ceiling = c.terms.overallCeiling?.value
  return ceiling !== undefined && rateAbove(r, ceiling) ? ceiling : r
}

const applyEvidence = (f: Fold, e: Event): void => {
  const ev = e.evidence
  if (ev === undefined) return
  if (ev.progressShare !== undefined && (f.progress === undefined || rateAbove(ev.progressShare, f.progress))) f.progress = ev.progressShare
  if (ev.baseAcceptance !== undefined && (f.acceptedOn === undefined || ev.baseAcceptance < f.acceptedOn)) f.acceptedOn = ev.baseAcceptance
  if (ev.businessRegistration !== undefined && ev.businessRegistration.trim() !== "") f.registered = true
  if (ev.completedValue !== undefined) f.completed = ev.completedValue
}

const fmt = (m: bigint): string => Money.format(m as Money)
const pct = (r: Rate.Rate): string => Rate.format(r)

const violation = (
  c: Contract.Contract,
  e: Event,
  code: string,
  rule: Contract.RuleId | string,
  citation: Citation.Citation,
  message: string
): RuleViolation =>
  new RuleViolation({
    code,
    path: ["events", e.id],
    rule,
    citation: Citation.format(citation),
    message: `Event ${e.id} (${e.kind}, ${e.date}) on contract ${c.id}: ${message}`,
    params: { event: e.id, kind: e.kind, date: e.date, contract: c.id, ...("amount" in e && typeof e.amount === "bigint" ? { amount: e.amount } : {}) }
  })

const conditionHolds = (cond: Contract.Condition, f: Fold): boolean => {
  switch (cond.kind) {
    case "none":
      return true
    case "progress-over":
      return f.acceptedOn !== undefined || (f.progress !== undefined && rateAbove(f.progress, cond.threshold.value))
    case "base-acceptance":
      return f.acceptedOn !== undefined
    case "base-acceptance-and-registration":
      return f.acceptedOn !== undefined && f.registered
  }
}

const conditionText = (cond: Contract.Condition): string => {
  switch (cond.kind) {
    case "none":
      return "no condition"
    case "progress-over":
      return `a progress report (báo cáo tiến độ) above ${pct(cond.threshold.value)}`
    case "base-acceptance":
      return "base-level acceptance (nghiệm thu cơ sở)"
    case "base-acceptance-and-registration":
      return "base-level acceptance (nghiệm thu cơ sở) and business registration (giấy chứng nhận đăng ký doanh nghiệp)"
  }
}

interface Broken {
  readonly code: string
  readonly rule: string
  readonly citation: Citation.Citation
  readonly text: string
}

const toViolation = (c: Contract.Contract, e: Event, b: Broken): RuleViolation =>
  violation(c, e, b.code, b.rule, b.citation, b.text)

/** Net advances: the advance balance the schedule limits (refunds before acceptance return advances). */
const netAdvanced = (f: Fold): bigint => (f.advanced - f.refunded > 0n ? f.advanced - f.refunded : 0n)

/** "the <name> of <amount> (<rate> of the approved support (kinh phí hỗ trợ) of <approved>)": the limit amount and its basis. */
const limitText = (name: string, r: Rate.Rate, approved: bigint): string => {
  const limit = share(r, approved)
  const text = `the ${name} of ${fmt(limit.value)} (${pct(r)} of the approved support (kinh phí hỗ trợ) of ${fmt(approved)})`
  return limit.rounding.difference === "0" ? text : `${text}, ${roundingText(limit.rounding)}`
}

/** How a limit was rounded, for a message: `rounded from 70000000.7 đồng (round down to 1 đồng (làm tròn xuống đến đồng))`. */
const roundingText = (r: Rounding.Record): string => {
  const mode = Rounding.byId(r.mode)
  return `rounded from ${r.exact} đồng (${mode.ok ? mode.value.label : r.mode})`
}

/**
 * Check the invariants that must hold after every event; the first broken one, if any. `added` is
 * the advance being posted, if any, so the text can name it.
 */
const invariants = (c: Contract.Contract, f: Fold, added?: bigint): Broken | undefined => {
  const rules = c.terms.rules
  const disbursed = f.advanced + f.paid - f.refunded
  if (disbursed > f.approved)
    return {
      code: "ledger/above-contract",
      rule: "ledger.contract",
      citation: rules["ledger.contract"],
      text: `money paid out (advances + payments − refunds) would reach ${fmt(disbursed)}, above the approved support (kinh phí hỗ trợ) of ${fmt(f.approved)}`
    }
  const net = netAdvanced(f)
  const advances =
    added === undefined
      ? `advances (tạm ứng) of ${fmt(net)} would be above`
      : `an advance (tạm ứng) of ${fmt(added)} would bring advances to ${fmt(net)}, above`
  const limit = scheduleRate(c, f)
  if (!withinShare(net, limit, f.approved)) {
    const multi = Contract.isMultiYear(c) && f.progress !== undefined && rateAbove(f.progress, c.terms.tier.firstAdvance.value)
    return multi
      ? {
          code: "advance/above-progress",
          rule: "advance.multi-year-progress",
          citation: rules["advance.multi-year-progress"],
          text: `${advances} ${limitText("progress limit", limit, f.approved)}, set by the progress share (tiến độ) reported before base-level acceptance`
        }
      : {
          code: "advance/remainder-before-acceptance",
          rule: "advance.remainder-before-acceptance",
          citation: c.terms.remainder.citation,
          text: `${advances} ${limitText("first-advance limit", limit, f.approved)}; the remainder is advanced only after base-level acceptance (nghiệm thu cơ sở)`
        }
  }
  const ceiling = c.terms.overallCeiling
  if (ceiling !== undefined && !withinShare(net, ceiling.value, f.approved))
    return {
      code: "advance/overall-ceiling",
      rule: ceiling.parameterId,
      citation: ceiling.citation,
      text: `${advances} ${limitText("overall advance ceiling", ceiling.value, f.approved)}`
    }
  return undefined
}

const step = (c: Contract.Contract, f: Fold, e: Event): RuleViolation | undefined => {
  const rules = c.terms.rules
  const amount = e.amount as bigint
  if (f.settled !== undefined) {
    const disbursed = f.advanced + f.paid - f.refunded
    const ok =
      (e.kind === "refund" && amount <= disbursed - f.settled) || (e.kind === "payment" && amount <= f.settled - disbursed)
    if (!ok)
      return violation(
        c,
        e,
        "ledger/after-settlement",
        "settlement.closed",
        rules["settlement.closed"],
        `the contract was settled (quyết toán) on ${f.settledOn} at ${fmt(f.settled)} with ${fmt(disbursed)} paid out; afterwards only a refund of the excess or a payment of the shortfall is accepted`
      )
  }
  if (e.date < c.signed)
    return violation(
      c,
      e,
      "ledger/before-contract",
      "ledger.before-contract",
      rules["ledger.before-contract"],
      `nothing is advanced, paid, refunded, adjusted or settled before the contract (hợp đồng) date ${c.signed}`
    )
  const before = { ...f }
  applyEvidence(f, e)
  switch (e.kind) {
    case "advance": {
      const tier = c.terms.tier
      if (!conditionHolds(tier.condition, f))
        return violation(
          c,
          e,
          "advance/condition-not-met",
          "advance.condition",
          tier.citation,
          `the ${tier.id} tier advances only after ${conditionText(tier.condition)}`
        )
      if (f.acceptedOn === undefined && before.advanced === 0n && !withinShare(amount, tier.firstAdvance.value, f.approved))
        return violation(
          c,
          e,
          "advance/first-above-share",
          "advance.first-share",
          tier.firstAdvance.citation,
          `the first advance (tạm ứng lần một) of ${fmt(amount)} is above ${limitText("first-advance limit", tier.firstAdvance.value, f.approved)} that the ${tier.id} tier allows`
        )
      if (f.acceptedOn !== undefined && !conditionHolds(c.terms.remainder.condition, f))
        return violation(
          c,
          e,
          "advance/condition-not-met",
          "advance.remainder-before-acceptance",
          c.terms.remainder.citation,
          `the remainder is advanced only after ${conditionText(c.terms.remainder.condition)}`
        )
      f.advanced += amount
      break
    }
    case "payment": {
      if (f.settled === undefined && f.acceptedOn === undefined)
        return violation(
          c,
          e,
          "payment/before-acceptance",
          "payment.before-acceptance",
          rules["payment.before-acceptance"],
          "payments (thanh toán) for the work need base-level acceptance (nghiệm thu cơ sở) first"
        )
      f.paid += amount
      break
    }
    case "refund": {
      const refundable = before.advanced + before.paid - before.refunded - workValue(f)
      if (f.settled === undefined && amount > (refundable > 0n ? refundable : 0n))
        return violation(
          c,
          e,
          "refund/above-unmatched",
          "refund.unmatched-advance",
          rules["refund.unmatched-advance"],
          `a refund (hoàn trả) of ${fmt(amount)} is above the ${fmt(refundable > 0n ? refundable : 0n)} paid out without matching work`
        )
      f.refunded += amount
      break
    }
    case "settlement": {
      if (f.acceptedOn === undefined)
        return violation(
          c,
          e,
          "settlement/before-acceptance",
          "settlement.before-acceptance",
          rules["settlement.before-acceptance"],
          "the settlement (quyết toán) needs base-level acceptance (nghiệm thu cơ sở) first"
        )
      if (amount > f.approved)
        return violation(
          c,
          e,
          "ledger/above-contract",
          "ledger.contract",
          rules["ledger.contract"],
          `the settled amount ${fmt(amount)} is above the approved support (kinh phí hỗ trợ) of ${fmt(f.approved)}`
        )
      f.settled = amount
      f.settledOn = e.date
      break
    }
    case "adjustment": {
      f.approved = amount
      const broken = invariants(c, f)
      if (broken !== undefined)
        return violation(
          c,
          e,
          "adjustment/below-paid-out",
          "adjustment",
          rules.adjustment,
          `the approved support cannot be adjusted (điều chỉnh) to ${fmt(amount)}: ${broken.text} (${Citation.format(broken.citation)}); refund the excess first`
        )
      return undefined
    }
  }
  const broken = invariants(c, f, e.kind === "advance" ? amount : undefined)
  return broken === undefined ? undefined : toViolation(c, e, broken)
}

// ---------------------------------------------------------------------------------------------
// Validation of the event shape

const KINDS: ReadonlyArray<Kind> = ["adjustment", "advance", "payment", "settlement", "refund"]
const KIND_ORDER: { readonly [k in Kind]: number } = { adjustment: 0, advance: 1, payment: 2, settlement: 3, refund: 4 }

const isRate01 = (u: unknown): u is Rate.Rate => Rate.isFraction(u) && Rate.isShare(u)

const shapeIssues = (e: Event): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const add = (code: string, path: ReadonlyArray<string | number>, message: string, actual?: unknown) =>
    issues.push(actual === undefined ? { code, path, message } : { code, path, message, actual })
  if (typeof e !== "object" || e === null) {
    add("ledger/not-an-event", [], "A ledger event (nghiệp vụ) must be an object", e)
    return issues
  }
  if (typeof e.id !== "string" || e.id === "") add("ledger/missing-id", ["id"], "The event needs an id")
  if (typeof e.idempotencyKey !== "string" || e.idempotencyKey === "")
    add("ledger/missing-idempotency-key", ["idempotencyKey"], "The event needs an idempotency key")
  // ids, keys and decision numbers are identifiers: nothing invisible, not over-long (Text)
  for (const [path, label, v] of [[["id"], "event id (mã nghiệp vụ)", e.id], [["idempotencyKey"], "idempotency key (khóa chống trùng)", e.idempotencyKey], [["evidence", "decision"], "decision number (số quyết định)", e.evidence?.decision]] as const) {
    const t = typeof v === "string" && v.trim() !== "" ? Text.check(v, "id", path, label) : undefined
    if (t !== undefined && !t.ok) issues.push(...t.error.issues)
  }
  if (!KINDS.includes(e.kind)) add("ledger/unknown-kind", ["kind"], "The event kind must be advance, payment, refund, settlement or adjustment", e.kind)
  if (!LocalDate.is(e.date)) add("ledger/invalid-date", ["date"], "The event date (ngày) must be a YYYY-MM-DD day", e.date)
  if (typeof e.amount !== "bigint" || e.amount <= 0n) add("ledger/invalid-amount", ["amount"], "The amount (số tiền) must be a positive number of đồng", e.amount)
  const ev = e.evidence
  if (ev !== undefined) {
    if (ev.progressShare !== undefined && !isRate01(ev.progressShare))
      add("ledger/invalid-progress", ["evidence", "progressShare"], "The progress share (tiến độ) must be a rate between 0 and 100%", ev.progressShare)
    if (ev.baseAcceptance !== undefined) {
      if (!LocalDate.is(ev.baseAcceptance))
        add("ledger/invalid-date", ["evidence", "baseAcceptance"], "The acceptance date (ngày nghiệm thu) must be a YYYY-MM-DD day", ev.baseAcceptance)
      else if (LocalDate.is(e.date) && ev.baseAcceptance > e.date)
        add("ledger/acceptance-after-event", ["evidence", "baseAcceptance"], `The acceptance (nghiệm thu cơ sở) of ${ev.baseAcceptance} is after the event date ${e.date}`, ev.baseAcceptance)
    }
    if (ev.completedValue !== undefined && (typeof ev.completedValue !== "bigint" || ev.completedValue < 0n))
      add("ledger/invalid-completed-value", ["evidence", "completedValue"], "The completed-work value (giá trị khối lượng hoàn thành) must be a non-negative amount", ev.completedValue)
    if (ev.businessRegistration !== undefined && (typeof ev.businessRegistration !== "string" || ev.businessRegistration.trim() === ""))
      add("ledger/invalid-registration", ["evidence", "businessRegistration"], "The business registration number must not be blank", ev.businessRegistration)
    if (ev.decidedOn !== undefined && !LocalDate.is(ev.decidedOn))
      add("ledger/invalid-date", ["evidence", "decidedOn"], "The decision date (ngày quyết định) must be a YYYY-MM-DD day", ev.decidedOn)
    for (const [k, label] of [
      ["decidedBy", "issuing authority (cơ quan ban hành)"],
      ["legalBasis", "legal basis (căn cứ pháp lý)"],
      ["evaluationId", "evaluation id (mã kết quả thẩm định)"]
    ] as const)
      if (ev[k] !== undefined && (typeof ev[k] !== "string" || ev[k].trim() === ""))
        add(`ledger/invalid-${k === "decidedBy" ? "authority" : k === "legalBasis" ? "legal-basis" : "evaluation"}`, ["evidence", k], `The ${label} must be non-blank text`, ev[k])
  }
  return issues
}

/**
 * What an adjustment (điều chỉnh) must carry when it is posted: the decision (số quyết định),
 * its date, the issuing authority and the legal basis; the decision not dated after the event.
 * Checked by {@link post} only, so that ledgers stored before this rule still replay.
 */
const decisionIssues = (e: Event): ReadonlyArray<Issue> => {
  if (e.kind !== "adjustment") return []
  const ev = e.evidence ?? {}
  const out: Array<Issue> = []
  const need = (k: "decision" | "decidedOn" | "decidedBy" | "legalBasis", label: string) => {
    if (ev[k] === undefined)
      out.push({
        code: `adjustment/missing-${k === "decision" ? "decision" : k === "decidedOn" ? "decision-date" : k === "decidedBy" ? "authority" : "legal-basis"}`,
        path: ["evidence", k],
        message: `An adjustment (điều chỉnh) of the approved support must record the ${label}; thiếu ${label.slice(label.indexOf("(") + 1, -1)}`
      })
  }
  need("decision", "decision number (số quyết định)")
  need("decidedOn", "decision date (ngày quyết định)")
  need("decidedBy", "issuing authority (cơ quan ban hành)")
  need("legalBasis", "legal basis (căn cứ pháp lý)")
  if (LocalDate.is(ev.decidedOn) && LocalDate.is(e.date) && ev.decidedOn > e.date)
    out.push({ code: "adjustment/decision-after-event", path: ["evidence", "decidedOn"], message: `The decision (quyết định) of ${ev.decidedOn} is after the adjustment date ${e.date}`, actual: ev.decidedOn })
  return out
}

/** The event with its id, idempotency key and decision number in NFC: one key, however typed. */
const inNfc = (e: Event): Event => {
  const decision = e.evidence?.decision
  if (e.id.normalize("NFC") === e.id && e.idempotencyKey.normalize("NFC") === e.idempotencyKey && (decision === undefined || decision.normalize("NFC") === decision)) return e
  const out = { ...e, id: e.id.normalize("NFC"), idempotencyKey: e.idempotencyKey.normalize("NFC") }
  return e.evidence === undefined || decision === undefined ? out : { ...out, evidence: { ...e.evidence, decision: decision.normalize("NFC") } }
}

const invalid = (e: Event, issues: ReadonlyArray<Issue>): ValidationError => {
  const first = issues[0] as Issue
  const id = typeof e === "object" && e !== null && typeof e.id === "string" ? e.id : "?"
  return new ValidationError({
    code: first.code,
    path: ["events", id, ...first.path],
    message: `Invalid ledger event (nghiệp vụ) ${id}: ${first.message}`,
    issues
  })
}

const sameRate = (a: Rate.Rate | undefined, b: Rate.Rate | undefined): boolean =>
  a === b || (a !== undefined && b !== undefined && Rate.compare(a, b) === 0)

const sameEvent = (a: Event, b: Event): boolean => {
  if (a.id !== b.id || a.kind !== b.kind || a.date !== b.date || a.amount !== b.amount) return false
  const x = a.evidence ?? {}
  const y = b.evidence ?? {}
  return (
    sameRate(x.progressShare, y.progressShare) &&
    x.baseAcceptance === y.baseAcceptance &&
    x.businessRegistration === y.businessRegistration &&
    x.completedValue === y.completedValue &&
    x.decision === y.decision &&
    x.decidedOn === y.decidedOn &&
    x.decidedBy === y.decidedBy &&
    x.legalBasis === y.legalBasis &&
    x.evaluationId === y.evaluationId
  )
}

/**
 * The replay order: date, kind (adjustment, advance, payment, settlement, refund), idempotency
 * key, id (then amount and evidence, so that even conflicting copies sort deterministically).
 * @category ordering
 * @since 0.1.0
 * @example `[e2, e1].sort(Ledger.order)` → events by date, then kind
 */
export const order = (a: Event, b: Event): number => {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1
  const k = KIND_ORDER[a.kind] - KIND_ORDER[b.kind]
  if (k !== 0) return k
  if (a.idempotencyKey !== b.idempotencyKey) return a.idempotencyKey < b.idempotencyKey ? -1 : 1
  if (a.id !== b.id) return a.id < b.id ? -1 : 1
  if (a.amount !== b.amount) return a.amount < b.amount ? -1 : 1
  const ea = evidenceKey(a)
  const eb = evidenceKey(b)
  return ea < eb ? -1 : ea > eb ? 1 : 0
}

const evidenceKey = (e: Event): string => {
  const v = e.evidence
  if (v === undefined) return ""
  const p = v.progressShare
  return [
    p === undefined ? "" : `${p.numerator}/${p.denominator}`,
    v.baseAcceptance ?? "",
    v.businessRegistration ?? "",
    v.completedValue === undefined ? "" : v.completedValue.toString(),
    v.decision ?? "",
    v.decidedOn ?? "",
    v.decidedBy ?? "",
    v.legalBasis ?? "",
    v.evaluationId ?? ""
  ].join("|")
}

// ---------------------------------------------------------------------------------------------
// API

/**
 * An empty ledger for a contract.
 * @category constructors
 * @since 0.1.0
 * @example `Ledger.open(contract).events` → `[]`
 */
export const open = (contract: Contract.Contract): Ledger => Object.freeze({ contract, events: Object.freeze([]) })

const foldAll = (c: Contract.Contract, events: ReadonlyArray<Event>): Fold => {
  const f = initial(c)
  for (const e of events) step(c, f, e)
  return f
}

/**
 * Post one event: validate its shape, check idempotency, place it in replay order and check
 * every rule for it and for the accepted events after it (an event dated earlier must not make
 * a later one break a rule). Returns the new ledger, or the error: `ValidationError` for a
 * malformed event (`ledger/invalid-amount`, `ledger/invalid-date`, `ledger/acceptance-after-event`
 * …, an id, idempotency key or decision number that `Text.check` refuses: invisible or
 * bidirectional characters, over 128 characters), `ledger/duplicate-id`,
 * `ledger/idempotency-conflict` (keys compared in NFC, the form the ledger keeps them in);
 * `RuleViolation` with the rule's
 * citation for a broken rule (`advance/first-above-share`, `advance/condition-not-met`,
 * `advance/remainder-before-acceptance`, `advance/above-progress`, `advance/overall-ceiling`,
 * `ledger/above-contract`, `ledger/before-contract`, `payment/before-acceptance`,
 * `refund/above-unmatched`, `settlement/before-acceptance`, `ledger/after-settlement`,
 * `adjustment/below-paid-out`, `adjustment/increase-without-evaluation`).
 *
 * An adjustment must record its decision (`evidence.decision`, `decidedOn`, `decidedBy`,
 * `legalBasis`): a missing one is a `ValidationError` naming the field (`adjustment/missing-decision`,
 * `adjustment/missing-decision-date`, `adjustment/missing-authority`, `adjustment/missing-legal-basis`;
 * `adjustment/decision-after-event`). An increase must name the re-evaluation it rests on
 * (`evidence.evaluationId`); with `options.evaluation` it is checked against it
 * (`adjustment/evaluation-mismatch`, `contract/evaluation-not-eligible`, `contract/exceeds-evaluation`
 * over the proposal's contracts). {@link replay} does not ask for the decision, so that ledgers
 * stored before this rule still read back.
 * @category posting
 * @since 0.1.0
 * @example `Ledger.post(Ledger.open(c), { id: "1", idempotencyKey: "k1", kind: "advance", date: "2024-04-01", amount: Money.make(70_000_000n) })` → `{ ok: true, value: { contract: c, events: [e] } }`
 */
export const post = (ledger: Ledger, posted: Event, options?: PostOptions): Result<Ledger, RuleViolation | ValidationError> => {
  const issues = shapeIssues(posted)
  if (issues.length > 0) return err(invalid(posted, issues))
  const event = inNfc(posted)
  for (const e of ledger.events) {
    if (e.idempotencyKey === event.idempotencyKey) {
      if (sameEvent(e, event)) return ok(ledger)
      return err(
        invalid(event, [
          {
            code: "ledger/idempotency-conflict",
            path: ["idempotencyKey"],
            message: `idempotency key "${event.idempotencyKey}" was already used by event ${e.id} with different content`,
            actual: event.idempotencyKey
          }
        ])
      )
    }
    if (e.id === event.id)
      return err(invalid(event, [{ code: "ledger/duplicate-id", path: ["id"], message: `event id "${event.id}" is already in the ledger`, actual: event.id }]))
  }
  const decision = decisionIssues(event)
  if (decision.length > 0) return err(invalid(event, decision))
  const events = [...ledger.events]
  let at = events.length
  while (at > 0 && order(events[at - 1] as Event, event) > 0) at--
  events.splice(at, 0, event)
  const c = ledger.contract
  const f = initial(c)
  let increase = false
  for (const e of events) {
    if (e === event && e.kind === "adjustment" && e.amount > f.approved) {
      increase = true
      if (e.evidence?.evaluationId === undefined)
        return err(
          violation(
            c,
            e,
            "adjustment/increase-without-evaluation",
            "adjustment",
            c.terms.rules.adjustment,
            `raising the approved support (kinh phí hỗ trợ) from ${fmt(f.approved)} to ${fmt(e.amount)} needs a re-evaluation (thẩm định lại) whose payable amount covers it: name it in evidence.evaluationId`
          )
        )
    }
    const v = step(c, f, e)
    if (v !== undefined) {
      if (e === event) return err(v)
      return err(
        new RuleViolation({
          code: v.code,
          path: v.path,
          rule: v.rule,
          ...(v.citation === undefined ? {} : { citation: v.citation }),
          message: `Posting event ${event.id} dated ${event.date} would break a rule for the later event ${e.id}: ${v.message}`
        })
      )
    }
  }
  if (increase && options?.evaluation !== undefined) {
    const checked = checkIncrease(c, event, f.approved, options.evaluation, options.committedElsewhere ?? [])
    if (checked !== undefined) return err(checked)
  }
  return ok(Object.freeze({ contract: c, events: Object.freeze(events) }))
}

/**
 * Options of {@link post}: for an adjustment that raises the approved support, the evaluation it
 * names (`evidence.evaluationId`) and the approved support (after adjustments) of the proposal's
 * other contracts; with them, the new total over the proposal's contracts must fit the
 * evaluation's payable amount (`Contract.checkCommitments`).
 * @example `Ledger.post(ledger, raise, { evaluation, committedElsewhere: [{ contractId: "HĐ-2", approved: Money.make(30_000_000n) }] })`
 * @category posting
 * @since 0.3.0
 */
export interface PostOptions {
  readonly evaluation?: Contract.Evaluated
  readonly committedElsewhere?: ReadonlyArray<Contract.Commitment>
}

const checkIncrease = (
  c: Contract.Contract,
  e: Event,
  approved: bigint,
  evaluation: Contract.Evaluated,
  others: ReadonlyArray<Contract.Commitment>
): RuleViolation | ValidationError | undefined => {
  const named = e.evidence?.evaluationId
  const proposal = c.evaluation?.proposalId
  if (named !== evaluation.id || (proposal !== undefined && proposal !== evaluation.proposalId)) {
    const path = ["events", e.id, "evidence", "evaluationId"]
    const message = `Event ${e.id}: the adjustment names evaluation ${String(named)}, but evaluation ${evaluation.id} of proposal ${evaluation.proposalId} was given${proposal === undefined ? "" : ` for contract ${c.id} of proposal ${proposal}`}`
    return new ValidationError({ code: "adjustment/evaluation-mismatch", path, message, issues: [{ code: "adjustment/evaluation-mismatch", path, message }] })
  }
  const r = Contract.checkCommitments(evaluation, [...others.filter((o) => o.contractId !== c.id), { contractId: c.id, approved: approved as Money }], c.terms.rules.adjustment)
  if (r.ok) return undefined
  return new RuleViolation({
    code: r.error.code,
    rule: "adjustment",
    path: ["events", e.id, "amount"],
    ...(r.error.citation === undefined ? {} : { citation: r.error.citation }),
    message: `Event ${e.id} (adjustment, ${e.date}) on contract ${c.id}: ${r.error.message}`
  })
}

/**
 * Rebuild a ledger from events in any order: malformed events and conflicting duplicates are
 * rejected with a `ValidationError`, exact duplicates (same idempotency key and content) are
 * dropped, the rest are sorted in replay order ({@link order}) and checked one by one; an event
 * that would break a rule is rejected with that rule's `RuleViolation` and the replay goes on
 * without it. The result does not depend on the order of `events`.
 * @category posting
 * @since 0.1.0
 * @example `Ledger.replay(c, [payment, advance]).rejected` → `[]` when the advance comes first by date
 */
export const replay = (
  contract: Contract.Contract,
  events: ReadonlyArray<Event>
): { readonly ledger: Ledger; readonly rejected: ReadonlyArray<Rejected> } => {
  const rejected: Array<Rejected> = []
  const valid: Array<Event> = []
  for (const e of events) {
    const issues = shapeIssues(e)
    if (issues.length > 0) rejected.push({ event: e, error: invalid(e, issues) })
    else valid.push(e)
  }
  valid.sort(order)
  // Idempotency: the first of a key in replay order wins; identical copies are dropped.
  const byKey = new Map<string, Event>()
  const byId = new Map<string, Event>()
  const unique: Array<Event> = []
  for (const e of valid) {
    const seen = byKey.get(e.idempotencyKey)
    if (seen !== undefined) {
      if (!sameEvent(seen, e))
        rejected.push({
          event: e,
          error: invalid(e, [
            {
              code: "ledger/idempotency-conflict",
              path: ["idempotencyKey"],
              message: `idempotency key "${e.idempotencyKey}" is also used by event ${seen.id} with different content`,
              actual: e.idempotencyKey
            }
          ])
        })
      continue
    }
    if (byId.has(e.id)) {
      rejected.push({ event: e, error: invalid(e, [{ code: "ledger/duplicate-id", path: ["id"], message: `event id "${e.id}" appears twice`, actual: e.id }]) })
      continue
    }
    byKey.set(e.idempotencyKey, e)
    byId.set(e.id, e)
    unique.push(e)
  }
  const f = initial(contract)
  const accepted: Array<Event> = []
  for (const e of unique) {
    const snapshot = { ...f }
    const v = step(contract, f, e)
    if (v === undefined) accepted.push(e)
    else {
      Object.assign(f, snapshot)
      rejected.push({ event: e, error: v })
    }
  }
  return { ledger: Object.freeze({ contract, events: Object.freeze(accepted) }), rejected }
}

const memo = new WeakMap<Ledger, Balances>()

/**
 * Balances derived from the ledger's events (see {@link Balances}); computed on demand.
 * @category balances
 * @since 0.1.0
 * @example `Ledger.balances(l).disbursed` → `70000000n`
 */
export const balances = (ledger: Ledger): Balances => {
  const hit = memo.get(ledger)
  if (hit !== undefined) return hit
  const c = ledger.contract
  const f = foldAll(c, ledger.events)
  const disbursed = f.advanced + f.paid - f.refunded
  const w = work(f)
  const refundable = disbursed - w.value
  const cap = f.settled ?? f.approved
  const limit = share(advanceLimitRate(c, f), f.approved)
  const out: Balances = {
    approved: f.approved as Money,
    advanced: f.advanced as Money,
    paid: f.paid as Money,
    refunded: f.refunded as Money,
    disbursed: disbursed as Money,
    outstanding: (f.settled !== undefined ? 0n : netAdvanced(f)) as Money,
    workValue: w.value as Money,
    refundable: (refundable > 0n ? refundable : 0n) as Money,
    remaining: (cap - disbursed > 0n ? cap - disbursed : 0n) as Money,
    advanceLimit: limit.value,
    progressShare: f.progress,
    acceptedOn: f.acceptedOn,
    registered: f.registered,
    settled: f.settled as Money | undefined,
    settledOn: f.settledOn,
    roundings: w.rounding === undefined ? { advanceLimit: limit.rounding } : { advanceLimit: limit.rounding, workValue: w.rounding }
  }
  memo.set(ledger, out)
  return out
}
