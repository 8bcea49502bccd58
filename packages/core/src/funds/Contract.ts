/**
 * Contract (hợp đồng thực hiện đề án khuyến công quốc gia): the agreement under which a project's
 * approved support (kinh phí hỗ trợ được duyệt) is advanced, paid and settled, with the terms it
 * takes from the rule pack in force when the project was approved: its advance tier (tỷ lệ tạm
 * ứng lần một and its condition), what releases the remainder, the overall advance ceiling if the
 * pack has one, and the citations of the general rules the {@link Ledger} enforces.
 *
 * A multi-year project (đề án thực hiện nhiều năm, `lastPlanYear > planYear`) keeps these terms
 * for its whole life: they are read once, at the approval date, from the pack that governed that
 * date, and a later pack does not change them.
 *
 * Rules the pack does not carry (advances and payments follow the contract, refunds of advances
 * without matching work, multi-year advances by progress, settlement after acceptance, the
 * settlement deadline, adjustments) cite Circular 36/2013/TT-BCT as first issued (primary text in
 * the codification). When the pack also encodes Circular 17/2018/TT-BCT, which amended those
 * articles in text this project has not seen, the same citations are graded `unconfirmed`.
 *
 * @example
 * ```ts
 * import { Contract, Money } from "@khuyencong/core"
 * const c = Contract.make(
 *   { id: "HĐ-2024-07", approvedSupport: Money.make(900_000_000n), activities: ["machinery"],
 *     signed: "2024-03-15", approved: "2024-01-10", planYear: 2024 },
 *   [pack2021]
 * )
 * // ok: terms.tier.id "investment", first advance 7/10, after progress over 7/10
 * ```
 * @since 0.1.0
 * @module
 */
import * as Citation from "../values/Citation.js"
import { LookupError, RuleViolation, ValidationError, type Issue } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Parameter from "../values/Parameter.js"
import * as Rate from "../values/Rate.js"
import * as Resolution from "../rules/Resolution.js"
import { governsDate, PeriodError } from "../rules/Pack.js"
import { err, ok, orThrow, type Result } from "../values/Result.js"
import type { AdvanceCondition, AdvanceTier, ParameterValue, RulePack } from "../rules/RulePack.js"
import * as Text from "../values/Text.js"

type Money = Money.Money

// ---------------------------------------------------------------------------------------------
// Models

/**
 * The stored evaluation a contract rests on (kết quả thẩm định đề án): the proposal's id and the
 * evaluation's id as the store gave it (`StoredEvaluation.id`).
 * @example `{ proposalId: "DA-2024-01", evaluationId: "7" }`
 * @category models
 * @since 0.3.0
 */
export interface EvaluationRef {
  readonly proposalId: string
  readonly evaluationId: string
}

/**
 * What the checks against an evaluation read of it (a stored evaluation, `StoredEvaluation`, is
 * one): its id, the proposal, the verdict and the payable amount (số được chi trả).
 * @example `{ id: "7", proposalId: "DA-2024-01", verdict: "eligible", payable: Money.make(70_000_000n) }`
 * @category models
 * @since 0.3.0
 */
export interface Evaluated {
  readonly id: string
  readonly proposalId: string
  readonly verdict: "eligible" | "ineligible" | "not-applicable"
  readonly payable: Money
}

/**
 * One contract's approved support (after adjustments) in a check of a proposal's commitments.
 * @example `{ contractId: "HĐ-1", approved: Money.make(40_000_000n) }`
 * @category models
 * @since 0.3.0
 */
export interface Commitment {
  readonly contractId: string
  readonly approved: Money
}

/**
 * The contract as entered. `approved` is the date of the decision approving the project (plan
 * approval, quyết định giao kế hoạch); it selects the pack and the parameter values. `signed` is
 * the contract date: nothing is advanced or paid before it. `activities` are pack activity codes;
 * their advance tier must agree, or `advanceTier` must name one.
 * @category models
 * @since 0.1.0
 */
export interface Input {
  readonly id: string
  readonly approvedSupport: Money
  readonly activities: ReadonlyArray<string>
  readonly advanceTier?: string
  readonly signed: LocalDate.LocalDate
  readonly approved: LocalDate.LocalDate
  readonly planYear: number
  /** Last plan year of a multi-year project; absent or equal to `planYear` for one year. */
  readonly lastPlanYear?: number
  readonly implementingUnit?: string
  readonly province?: string
  /**
   * The evaluation the approved support rests on. A store requires it; {@link make} checks it
   * against the evaluation when one is given.
   */
  readonly evaluation?: EvaluationRef
}

/**
 * A tier condition with its parameters read at the approval date.
 * @category models
 * @since 0.1.0
 */
export type Condition =
  | { readonly kind: "none" }
  | { readonly kind: "progress-over"; readonly threshold: Parameter.Reading<Rate.Rate> }
  | { readonly kind: "base-acceptance" }
  | { readonly kind: "base-acceptance-and-registration" }

/**
 * Identifiers of the rules the ledger enforces; each has a citation in {@link Terms.rules}.
 * @category models
 * @since 0.1.0
 */
export type RuleId =
  | "advance.first-share"
  | "advance.condition"
  | "advance.remainder-before-acceptance"
  | "advance.multi-year-progress"
  | "advance.overall-ceiling"
  | "ledger.contract"
  | "ledger.before-contract"
  | "payment.before-acceptance"
  | "refund.unmatched-advance"
  | "settlement.before-acceptance"
  | "settlement.closed"
  | "adjustment"

/**
 * The terms a contract takes from its pack, fixed at approval.
 * @category models
 * @since 0.1.0
 */
export interface Terms {
  readonly packId: string
  readonly packVersion: string
  readonly tier: {
    readonly id: string
    readonly name: string
    readonly firstAdvance: Parameter.Reading<Rate.Rate>
    readonly condition: Condition
    readonly citation: Citation.Citation
  }
  readonly remainder: { readonly condition: Condition; readonly citation: Citation.Citation }
  readonly overallCeiling: Parameter.Reading<Rate.Rate> | undefined
  readonly rules: { readonly [R in RuleId]: Citation.Citation }
}

/**
 * A contract with its terms. Build it with {@link make}.
 * @category models
 * @since 0.1.0
 */
export interface Contract extends Input {
  readonly lastPlanYear: number
  readonly terms: Terms
}

// ---------------------------------------------------------------------------------------------
// Built-in citations

const CIRCULAR_36: Citation.Instrument = {
  number: "36/2013/TT-BCT",
  kind: "circular",
  issuer: "Ministry of Industry and Trade (Bộ Công Thương)",
  title:
    "On building plans, implementing and managing national khuyến công funds (Quy định về việc xây dựng kế hoạch, tổ chức thực hiện và quản lý kinh phí khuyến công quốc gia)",
  signed: "2013-12-27" as LocalDate.LocalDate,
  effective: "2014-02-10" as LocalDate.LocalDate
}
const AMENDING = "17/2018/TT-BCT"
const PD = "codification-khuyen-cong.md"

/**
 * The citations of the general rules for a pack: Circular 36/2013 as first issued, graded
 * `primary`, or `unconfirmed` when the pack encodes Circular 17/2018/TT-BCT (which amended these
 * articles in text not seen). The pack's own instrument record is used when it has one.
 * @category constructors
 * @since 0.1.0
 * @example `Contract.ruleCitations(pack2021)["refund.unmatched-advance"]` → `{ instrument: circular36, article: "12", clause: "6", grade: "unconfirmed", … }`
 */
export const ruleCitations = (pack: RulePack): { readonly [R in RuleId]: Citation.Citation } => {
  const instrument = pack.instruments.find((i) => i.number === CIRCULAR_36.number) ?? CIRCULAR_36
  const amended = pack.instruments.some((i) => i.number === AMENDING)
  const grade: Citation.Grade = amended ? "unconfirmed" : "primary"
  const tail = amended
    ? " Text of Circular 36/2013 as first issued (primary); Circular 17/2018/TT-BCT amended these articles in text not seen, so it is unconfirmed for this pack."
    : ""
  const c = (article: string, clause: string | undefined, point: string | undefined, note: string, line: string): Citation.Citation => {
    const out: { -readonly [K in keyof Citation.Citation]: Citation.Citation[K] } = {
      instrument,
      article,
      grade,
      note: note + tail,
      source: `${PD} ${line}`
    }
    if (clause !== undefined) out.clause = clause
    if (point !== undefined) out.point = point
    return out
  }
  const contract = c(
    "12",
    "2",
    undefined,
    "Advances, payments and settlement follow the project contract and the project's progress.",
    "l.1049"
  )
  return {
    "advance.first-share": c("13", undefined, undefined, "The first advance is a set share of the project's support, by kind of project.", "l.1061–1091"),
    "advance.condition": c("13", undefined, undefined, "Each first-advance tier lists the documents (progress report, acceptance record, business registration) it needs.", "l.1061–1091"),
    "advance.remainder-before-acceptance": c("14", undefined, undefined, "The remaining support is advanced once the project is complete and has passed base-level acceptance.", "l.1105"),
    "advance.multi-year-progress": c("15", "2", "b", "For multi-year projects, later advances follow the progress achieved, the approved estimate and the contract.", "l.1161"),
    "advance.overall-ceiling": c("12", "2", undefined, "Advances follow the contract; the overall ceiling itself is the pack parameter cited beside it.", "l.1049"),
    "ledger.contract": contract,
    "ledger.before-contract": contract,
    "payment.before-acceptance": c("14", undefined, undefined, "The support beyond the first advance is released after base-level acceptance.", "l.1105"),
    "refund.unmatched-advance": c("12", "6", undefined, "The unit refunds what was advanced without matching work, and what was spent but not settled.", "l.1057"),
    "settlement.before-acceptance": c("18", "1", undefined, "The settlement dossier is completed after the last base-level acceptance in the contract.", "l.1187"),
    "settlement.closed": c("18", "2", undefined, "Liquidation and settlement close the contract (not later than 22 January of the following year).", "l.1189"),
    adjustment: c("11", "2", undefined, "Adjustments: the Minister approves raising the support; the department approves changes that do not raise it.", "l.1035–1039")
  }
}

// ---------------------------------------------------------------------------------------------
// Construction

const lookup = (pack: RulePack, id: string, at: LocalDate.LocalDate, path: ReadonlyArray<string | number>): Result<Parameter.Reading<Rate.Rate>, LookupError | ValidationError> => {
  const p: Parameter.Parameter<ParameterValue> | undefined = Object.hasOwn(pack.parameters, id) ? pack.parameters[id] : undefined
  if (p === undefined)
    return err(
      new LookupError({
        code: "contract/unknown-parameter",
        path,
        at,
        message: `Rule pack "${pack.id}" has no parameter (tham số) "${id}" that its advance schedule (tạm ứng) names`
      })
    )
  const r = Parameter.at(p, at)
  if (!r.ok) return r
  const v = r.value.value
  if (!Rate.isFraction(v) || !Rate.isShare(v)) {
    const message = `Parameter (tham số) "${id}" of pack "${pack.id}" must be a rate between 0 and 100% for the advance schedule (tạm ứng)`
    return err(new ValidationError({ code: "contract/parameter-not-a-rate", path, message, issues: [{ code: "contract/parameter-not-a-rate", path, message, actual: v }] }))
  }
  return ok(r.value as Parameter.Reading<Rate.Rate>)
}

const resolveCondition = (
  pack: RulePack,
  c: AdvanceCondition,
  at: LocalDate.LocalDate,
  path: ReadonlyArray<string | number>
): Result<Condition, LookupError | ValidationError> => {
  if (c.kind !== "progress-over") return ok(c)
  const t = lookup(pack, c.threshold, at, path)
  if (!t.ok) return t
  return ok({ kind: "progress-over", threshold: t.value })
}

const invalid = (issues: ReadonlyArray<Issue>): ValidationError => {
  const first = issues[0] as Issue
  return new ValidationError({
    code: first.code,
    path: first.path,
    message: `Invalid contract (hợp đồng thực hiện đề án): ${issues.length} problem${issues.length === 1 ? "" : "s"}; first: ${first.message}`,
    issues
  })
}

/**
 * Build a contract and read its terms from the pack that governed its approval date. With a list
 * of packs, the pack is chosen by `Resolution.forDate(packs, input.approved)`; a single pack must
 * govern that date itself.
 *
 * The id is kept in NFC (see `Text`).
 *
 * Errors: `ValidationError` listing every input problem (`contract/missing-id`, an id that
 * `Text.check` refuses,
 * `contract/invalid-support` (must be > 0), `contract/invalid-date`, `contract/signed-before-approval`,
 * `contract/invalid-plan-year`, `contract/invalid-last-plan-year`, `contract/no-activities`,
 * `contract/unknown-activity`, `contract/unknown-tier`, `contract/mixed-tiers`,
 * `contract/tier-mismatch`, `contract/invalid-evaluation`); `LookupError` when no pack governs
 * the approval date (`resolution/no-pack`; with a single pack, `Pack.PeriodError`
 * `pack/outside-period` naming the date and the pack) or a parameter has no value on it.
 *
 * With `options.evaluation` (the stored evaluation the contract rests on), the contract must name
 * it in `input.evaluation` (`contract/missing-evaluation`, `contract/evaluation-mismatch`), and
 * {@link checkEvaluation} must pass: `RuleViolation` `contract/evaluation-not-eligible` or
 * `contract/exceeds-evaluation` (approved support above the payable amount).
 * @category constructors
 * @since 0.1.0
 * @example `Contract.make({ id: "X", approvedSupport: Money.make(0n), … }, pack).ok` → `false` (`contract/invalid-support`)
 */
export const make = (
  input: Input,
  packs: RulePack | ReadonlyArray<RulePack>,
  options?: MakeOptions
): Result<Contract, ValidationError | LookupError | RuleViolation> => {
  const issues: Array<Issue> = []
  const add = (code: string, path: ReadonlyArray<string | number>, message: string, actual?: unknown) =>
    issues.push(actual === undefined ? { code, path, message } : { code, path, message, actual })
  const id = typeof input.id !== "string" || input.id.trim() === "" ? undefined : Text.check(input.id, "id", ["id"], "contract id (mã hợp đồng)")
  if (id === undefined) add("contract/missing-id", ["id"], "The contract (hợp đồng) needs an id")
  else if (!id.ok) issues.push(...id.error.issues)
  if (typeof input.approvedSupport !== "bigint" || input.approvedSupport <= 0n)
    add("contract/invalid-support", ["approvedSupport"], "The approved support (kinh phí hỗ trợ được duyệt) must be a positive amount of đồng", input.approvedSupport)
  for (const f of ["signed", "approved"] as const)
    if (!LocalDate.is(input[f])) add("contract/invalid-date", [f], `The ${f} date (ngày) must be a YYYY-MM-DD day`, input[f])
  if (LocalDate.is(input.signed) && LocalDate.is(input.approved) && input.signed < input.approved)
    add("contract/signed-before-approval", ["signed"], "The contract (hợp đồng) cannot be signed before the project was approved (phê duyệt)", input.signed)
  if (!Number.isSafeInteger(input.planYear) || input.planYear < 2000 || input.planYear > 2100)
    add("contract/invalid-plan-year", ["planYear"], "The plan year (năm kế hoạch) must be a year between 2000 and 2100", input.planYear)
  const last = input.lastPlanYear ?? input.planYear
  if (!Number.isSafeInteger(last) || last < input.planYear || last > 2100)
    add("contract/invalid-last-plan-year", ["lastPlanYear"], "The last plan year must not be before the plan year (năm kế hoạch)", input.lastPlanYear)
  if (!Array.isArray(input.activities) || input.activities.length === 0)
    add("contract/no-activities", ["activities"], "The contract (hợp đồng) must name at least one activity (nội dung hoạt động)")
  issues.push(...evaluationRefIssues(input.evaluation, options?.evaluation !== undefined))
  if (issues.length > 0) return err(invalid(issues))

  let pack: RulePack
  if (Array.isArray(packs)) {
    const r = Resolution.forDate(packs as ReadonlyArray<RulePack>, input.approved)
    if (!r.ok) return r
    pack = r.value
  } else {
    pack = packs as RulePack
    if (!governsDate(pack, input.approved)) return err(new PeriodError({ code: "pack/outside-period", path: ["approved"], pack, date: input.approved }))
  }

  const tiers = new Set<string>()
  input.activities.forEach((code, i) => {
    const a = pack.activities.find((x) => x.code === code)
    if (a === undefined) add("contract/unknown-activity", ["activities", i], `Activity (nội dung hoạt động) "${code}" is not in pack "${pack.id}"`, code)
    else tiers.add(a.advanceTier)
  })
  let tierId = input.advanceTier
  if (tierId !== undefined) {
    if (tiers.size > 0 && !tiers.has(tierId))
      add("contract/tier-mismatch", ["advanceTier"], `Advance tier "${tierId}" is not the tier of the contract's activities (${[...tiers].join(", ")})`, tierId)
  } else if (tiers.size > 1) {
    add("contract/mixed-tiers", ["activities"], `The activities follow different advance tiers (${[...tiers].join(", ")}); name the one that applies in advanceTier`)
  } else tierId = [...tiers][0]
  const tier: AdvanceTier | undefined = tierId === undefined ? undefined : pack.advances.tiers.find((t) => t.id === tierId)
  if (tierId !== undefined && tier === undefined)
    add("contract/unknown-tier", ["advanceTier"], `Pack "${pack.id}" has no advance tier (tỷ lệ tạm ứng) "${tierId}"`, tierId)
  if (issues.length > 0 || tier === undefined) return err(invalid(issues))

  const at = input.approved
  const first = lookup(pack, tier.firstAdvance, at, ["advances", "tiers", tier.id, "firstAdvance"])
  if (!first.ok) return first
  const cond = resolveCondition(pack, tier.condition, at, ["advances", "tiers", tier.id, "condition"])
  if (!cond.ok) return cond
  const rem = resolveCondition(pack, pack.advances.remainder.condition, at, ["advances", "remainder", "condition"])
  if (!rem.ok) return rem
  let ceiling: Parameter.Reading<Rate.Rate> | undefined
  if (pack.advances.overallCeiling !== undefined) {
    const r = lookup(pack, pack.advances.overallCeiling, at, ["advances", "overallCeiling"])
    if (!r.ok) return r
    ceiling = r.value
  }
  const terms: Terms = {
    packId: pack.id,
    packVersion: pack.version,
    tier: { id: tier.id, name: tier.name, firstAdvance: first.value, condition: cond.value, citation: tier.citation },
    remainder: { condition: rem.value, citation: pack.advances.remainder.citation },
    overallCeiling: ceiling,
    rules: ruleCitations(pack)
  }
  const contract: Contract = Object.freeze({ ...input, id: input.id.normalize("NFC"), advanceTier: tier.id, lastPlanYear: last, terms })
  if (options?.evaluation !== undefined) {
    const checked = checkEvaluation(contract, options.evaluation)
    if (!checked.ok) return checked
  }
  return ok(contract)
}

/**
 * Options of {@link make}: the stored evaluation the contract rests on, to check it against.
 * @example `Contract.make(input, pack, { evaluation: { id: "7", proposalId: "DA-1", verdict: "eligible", payable: Money.make(70_000_000n) } })`
 * @category models
 * @since 0.3.0
 */
export interface MakeOptions {
  readonly evaluation?: Evaluated
}

const text = (u: unknown): boolean => typeof u === "string" && u.trim() !== "" && u.trim() === u

const evaluationRefIssues = (ref: unknown, required: boolean): ReadonlyArray<Issue> => {
  if (ref === undefined)
    return required
      ? [{ code: "contract/missing-evaluation", path: ["evaluation"], message: "The contract (hợp đồng) must name the evaluation (kết quả thẩm định) its approved support rests on: { proposalId, evaluationId }" }]
      : []
  if (typeof ref !== "object" || ref === null)
    return [{ code: "contract/invalid-evaluation", path: ["evaluation"], message: "The evaluation reference (kết quả thẩm định) must be { proposalId, evaluationId }", actual: ref }]
  const r = ref as { readonly proposalId?: unknown; readonly evaluationId?: unknown }
  const out: Array<Issue> = []
  if (!text(r.proposalId))
    out.push({ code: "contract/invalid-evaluation", path: ["evaluation", "proposalId"], message: "The proposal id (mã đề án) of the evaluation must be non-empty text without surrounding spaces", actual: r.proposalId })
  if (!text(r.evaluationId))
    out.push({ code: "contract/invalid-evaluation", path: ["evaluation", "evaluationId"], message: "The evaluation id (mã kết quả thẩm định) must be non-empty text without surrounding spaces, as the store gave it", actual: r.evaluationId })
  return out
}

const fmt = (m: bigint): string => Money.format(m as Money)

/**
 * Check a contract against the evaluation it rests on: the contract names this evaluation
 * (`contract/evaluation-mismatch`), the proposal was found eligible (`contract/evaluation-not-eligible`)
 * and the approved support is at most the evaluation's payable amount (`contract/exceeds-evaluation`).
 * The citations are the contract's own (Circular 36/2013 art. 12.2: the contract carries out the
 * approved project; art. 11.2 for raising the support).
 * @category checks
 * @since 0.3.0
 * @example `Contract.checkEvaluation(contract, { id: "7", proposalId: "DA-1", verdict: "eligible", payable: Money.make(70_000_000n) }).ok` → `false` for a contract of 80.000.000 đ
 */
export const checkEvaluation = (contract: Contract, evaluation: Evaluated): Result<void, ValidationError | RuleViolation> => {
  const ref = contract.evaluation
  if (ref === undefined || ref.evaluationId !== evaluation.id || ref.proposalId !== evaluation.proposalId) {
    const message =
      ref === undefined
        ? `Contract (hợp đồng) ${contract.id} names no evaluation (kết quả thẩm định); it must name evaluation ${evaluation.id} of proposal ${evaluation.proposalId}`
        : `Contract (hợp đồng) ${contract.id} names evaluation ${ref.evaluationId} of proposal ${ref.proposalId}, not evaluation ${evaluation.id} of proposal ${evaluation.proposalId}`
    const path = ref === undefined ? ["evaluation"] : ["evaluation", ref.proposalId !== evaluation.proposalId ? "proposalId" : "evaluationId"]
    return err(new ValidationError({ code: ref === undefined ? "contract/missing-evaluation" : "contract/evaluation-mismatch", path, message, issues: [{ code: ref === undefined ? "contract/missing-evaluation" : "contract/evaluation-mismatch", path, message }] }))
  }
  return checkCommitments(evaluation, [{ contractId: contract.id, approved: contract.approvedSupport }], contract.terms.rules["ledger.contract"])
}

/**
 * Check a proposal's commitments against its evaluation: the proposal must have been found
 * eligible (`contract/evaluation-not-eligible`), and the approved support of all its contracts,
 * after adjustments, must add up to at most the payable amount (`contract/exceeds-evaluation`,
 * naming each amount). Stores run it in the transaction that saves a contract or raises one.
 * @category checks
 * @since 0.3.0
 * @example `Contract.checkCommitments(evaluation, [{ contractId: "HĐ-1", approved: Money.make(40_000_000n) }, { contractId: "HĐ-2", approved: Money.make(40_000_000n) }], citation)` → error `contract/exceeds-evaluation` when the payable is 70.000.000 đ
 */
export const checkCommitments = (
  evaluation: Evaluated,
  commitments: ReadonlyArray<Commitment>,
  citation: Citation.Citation
): Result<void, RuleViolation> => {
  const last = commitments[commitments.length - 1]
  const path = ["approvedSupport"]
  if (evaluation.verdict !== "eligible")
    return err(
      new RuleViolation({
        code: "contract/evaluation-not-eligible",
        path,
        rule: "ledger.contract",
        citation: Citation.format(citation),
        message: `Evaluation (kết quả thẩm định) ${evaluation.id} found proposal (đề án) ${evaluation.proposalId} ${evaluation.verdict}: nothing may be committed to it (không được ký hợp đồng hỗ trợ cho đề án không đủ điều kiện)`
      })
    )
  let total = 0n
  for (const c of commitments) total += c.approved
  if (total <= evaluation.payable) return ok(undefined)
  const parts = commitments.map((c) => `${c.contractId} ${fmt(c.approved)}`).join(" + ")
  return err(
    new RuleViolation({
      code: "contract/exceeds-evaluation",
      path,
      rule: "ledger.contract",
      citation: Citation.format(citation),
      message:
        `The approved support (kinh phí hỗ trợ được duyệt) of proposal (đề án) ${evaluation.proposalId}'s contracts would total ${fmt(total)} (${parts}), ` +
        `above the ${fmt(evaluation.payable)} payable (số được chi trả) found by evaluation ${evaluation.id}` +
        `${last === undefined ? "" : ` (contract ${last.contractId})`}; ` +
        `tổng kinh phí hỗ trợ của các hợp đồng ${fmt(total)} vượt số được chi trả ${fmt(evaluation.payable)} theo kết quả thẩm định`
    })
  )
}

/**
 * {@link make}, throwing the error. For scripts and tests.
 * @function
 * @category constructors
 * @since 0.1.0
 * @example `Contract.makeOrThrow(input, pack).terms.tier.id` → `"soft"`
 */
export const makeOrThrow: (input: Input, packs: RulePack | ReadonlyArray<RulePack>, options?: MakeOptions) => Contract = orThrow(make)

/**
 * Whether the project runs over more than one plan year (đề án thực hiện nhiều năm).
 * @category predicates
 * @since 0.1.0
 * @example `Contract.isMultiYear({ ...c, planYear: 2023, lastPlanYear: 2024 })` → `true`
 */
export const isMultiYear = (c: Contract): boolean => c.lastPlanYear > c.planYear
