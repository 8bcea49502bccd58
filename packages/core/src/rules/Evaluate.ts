/**
 * Evaluate (đánh giá đề án): eligibility and support of a proposal in one call, with the amount
 * payable (support when eligible, 0 otherwise) and, on request, one JSON trace of both.
 *
 * For many proposals, resolve the pack once per date (`Pack.resolve`) and call {@link evaluate}
 * in the loop, or use {@link evaluateAll}, which picks the governing pack per proposal
 * (`Resolution.forDate` on the approval date) and resolves each pack once per date. Pass the
 * establishments as one `Map` of decoded records for the whole loop (a register, sổ cơ sở): each
 * establishment is then judged once per plan year, not once per proposal ({@link Context}).
 *
 * @example
 * ```ts
 * import { Evaluate, Pack } from "@khuyencong/core"
 * const resolved = Pack.resolveOrThrow(pack, date)
 * const r = Evaluate.evaluate(proposal, resolved, { establishments })
 * if (r.ok) console.log(r.value.verdict, r.value.payable)
 * ```
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import * as SchemaIssue from "effect/SchemaIssue"
import type * as Effect from "effect/Effect"
import * as AdminUnits from "../records/AdminUnits.js"
import * as Citation from "../values/Citation.js"
import * as Eligibility from "./Eligibility.js"
import { LookupError, RuleViolation, ValidationError, type Issue } from "../values/Errors.js"
import * as LocalDateSchema from "../values/LocalDate.js"
import * as Messages from "../values/Messages.js"
import * as MoneyFormat from "../values/Money.js"
import * as RateValue from "../values/Rate.js"
import { canonicalOf } from "./internal/canonical.js"
import { sha256Hex } from "./internal/sha256.js"
import { lazyField } from "../values/internal/stamp.js"
import { decodedAs } from "../values/Decode.js"
import * as TraceValue from "../values/Trace.js"
import { lookUpBeneficiaries, provinceNumber, rememberedBeneficiaries, releaseBeneficiaries, verdictWith } from "./eligibility/verdicts.js"
import { computeRaw } from "./internal/supportEngine.js"
import type * as LocalDate from "../values/LocalDate.js"
import type * as Money from "../values/Money.js"
import { governsDate, governsPlanYear, PeriodError, resolve, viewFor, type ResolvedPack } from "./Pack.js"
import * as Resolution from "./Resolution.js"
import { citationRef } from "../values/Trace.js"
import { err, ok, orThrow, type Result, toEffect } from "../values/Result.js"
import type { Establishment } from "../records/Establishment.js"
import type { Proposal } from "../records/Proposal.js"
import type { RulePack } from "./RulePack.js"
import type * as Support from "./Support.js"
import type * as Trace from "../values/Trace.js"

/**
 * What evaluation needs besides the proposal and the resolved pack.
 * @category models
 * @since 0.1.0
 */
export interface Context {
  /**
   * The beneficiaries by id (cơ sở thụ hưởng). A `Map` of decoded establishments
   * (`Establishment.decode`) is a register (sổ cơ sở): for as long as the `Map` lives, evaluation
   * remembers what depends only on each establishment, the plan year and the activities (its
   * verdict under the establishment rules, its province code), so that evaluating many proposals
   * judges each establishment once, e.g. `const establishments = new Map(es.map((e) => [e.id, e]))`
   * then `evaluate(p, resolved, { establishments })` for each `p`. An establishment replaced under
   * its id is judged again; one not decoded (built by hand), or a plain record, is judged every time.
   * The results are the same either way.
   */
  readonly establishments: Eligibility.Establishments
  /**
   * Record a JSON trace (default off: costs nothing). The trace of a decoded proposal
   * (`Proposal.decode`) is built when `trace` is first read, then kept: asking for traces of a
   * whole portfolio costs little until they are read (the same trace either way); a proposal built
   * by hand gets its trace at once.
   */
  readonly trace?: boolean
  /** Apply the pack's priority multiplier to priority proposals (default off). */
  readonly applyPriorityMultiplier?: boolean
}

/**
 * The evaluation of one proposal (kết quả đánh giá), an audit record: what was decided, and
 * exactly what produced it (the pack and its version, the overlay and reforms in force, the
 * decision date, a hash of the inputs). Store it with {@link encode}; read it back with
 * {@link decode}; render it for a decision file with {@link explain}.
 * @category models
 * @since 0.1.0
 */
export interface Evaluation {
  readonly proposalId: string
  readonly packId: string
  readonly packVersion: string
  /** The provincial overlay (lớp địa phương) whose levels applied, or undefined for national levels. @since 0.3.0 */
  readonly overlay: string | undefined
  /** The reforms (cải cách) in force at the date in the view used, in layer order; empty when none. @since 0.3.0 */
  readonly reforms: ReadonlyArray<string>
  /** The decision date (ngày quyết định) the pack was resolved at. */
  readonly date: LocalDate.LocalDate
  /** SHA-256 (hex) of the canonical encoding of the inputs: see {@link inputHash}. @since 0.3.0 */
  readonly inputHash: string
  readonly verdict: Eligibility.Verdict
  readonly eligibility: Eligibility.ProposalVerdict
  readonly support: Support.ProposalSupport
  /**
   * Support when eligible, less the support of the cost lines eligibility excludes
   * (`eligibility.lines`: a line already funded by another state source); 0 when ineligible or
   * not applicable.
   */
  readonly payable: Money.Money
  /**
   * What the reader must know: the warnings of the resolved view at the date
   * (`ResolvedPack.warnings`: a provincial level above the national one, an instrument reported
   * but unseen that may have replaced the levels, `pack/reported-instrument`; also the last steps
   * of the trace, `pack.warning`), and `evaluate/no-provincial-overlay` (national levels applied to
   * a local-fund proposal).
   * @since 0.3.0
   */
  readonly warnings: ReadonlyArray<Issue>
  readonly trace: Trace.Trace | undefined
}

const NONE: ReadonlyArray<never> = Object.freeze([])

/**
 * What a condition's trace step shares with every step of that condition: its result and its
 * citations, built once per condition (conditions are frozen values, mostly static outcomes shared
 * by every evaluation) and shared, frozen, by the traces. A condition about one place in the
 * proposal (`path`) is built per proposal, so its parts are not remembered.
 */
interface StepParts {
  readonly result: Trace.Json
  readonly citations: ReadonlyArray<Trace.CitationRef>
}
const stepParts = new WeakMap<Eligibility.Condition, StepParts>()
const citationLists = new WeakMap<Citation.Citation, ReadonlyArray<Trace.CitationRef>>()
const citationsOfCondition = (c: Citation.Citation): ReadonlyArray<Trace.CitationRef> => {
  let l = citationLists.get(c)
  if (l === undefined) {
    l = Object.freeze([Object.freeze(citationRef(c))])
    citationLists.set(c, l)
  }
  return l
}
const partsOf = (c: Eligibility.Condition): StepParts => {
  if (c.path !== undefined) return { result: { status: c.status, reason: c.reason, grade: c.grade }, citations: citationsOfCondition(c.citation) }
  let parts = stepParts.get(c)
  if (parts === undefined) {
    parts = Object.freeze({ result: Object.freeze({ status: c.status, reason: c.reason, grade: c.grade }), citations: citationsOfCondition(c.citation) })
    stepParts.set(c, parts)
  }
  return parts
}

/** A trace step for one condition, built directly (every value is already JSON). */
const conditionStep = (c: Eligibility.Condition, subject: { readonly subject: string }, reads: ReadonlyArray<Trace.ParameterRead>): Trace.TraceStep => {
  const parts = partsOf(c)
  return {
    rule: c.rule,
    description: c.message,
    inputs: c.path === undefined ? subject : { subject: subject.subject, path: c.path.join(".") },
    parameters: reads,
    roundings: NONE,
    result: parts.result,
    layer: c.layer,
    citations: parts.citations
  }
}

/**
 * The steps of a verdict an establishment's register remembers (frozen, shared by the evaluations
 * that find it, and judged under the establishment rules of the view it is traced with), built
 * once and shared, frozen, by the traces.
 */
const sharedSteps = new WeakMap<Eligibility.EstablishmentVerdict, ReadonlyArray<Trace.TraceStep>>()

/** The trace steps of one establishment's conditions; `er`, the establishment rules it was judged under. */
const establishmentSteps = (e: Eligibility.EstablishmentVerdict, er: ReadonlyArray<Eligibility.CompiledRule>): ReadonlyArray<Trace.TraceStep> => {
  const shared = Object.isFrozen(e)
  if (shared) {
    const hit = sharedSteps.get(e)
    if (hit !== undefined) return hit
  }
  const subject = { subject: e.establishmentId }
  const out = new Array<Trace.TraceStep>(e.conditions.length)
  for (let i = 0; i < e.conditions.length; i++) out[i] = conditionStep(e.conditions[i] as Eligibility.Condition, subject, er[i]?.reads ?? NONE)
  if (shared) {
    Object.freeze(subject)
    for (let i = 0; i < out.length; i++) Object.freeze(out[i])
    sharedSteps.set(e, Object.freeze(out))
  }
  return out
}

/**
 * Eligibility steps, pushed on `steps`: conditions are in the order of the view's rules, so the
 * reads are found by index. The steps of one subject share its `inputs` object (`{ subject }`).
 */
const eligibilitySteps = (steps: Array<Trace.TraceStep>, v: Eligibility.ProposalVerdict, view: ResolvedPack): void => {
  const pr = view.proposalRules
  const er = view.establishmentRules
  const proposal = { subject: v.proposalId }
  for (let i = 0; i < v.conditions.length; i++) steps.push(conditionStep(v.conditions[i] as Eligibility.Condition, proposal, pr[i]?.reads ?? NONE))
  for (let k = 0; k < v.establishments.length; k++) {
    const e = v.establishments[k] as Eligibility.EstablishmentVerdict
    const own = establishmentSteps(e, er)
    for (let i = 0; i < own.length; i++) steps.push(own[i] as Trace.TraceStep)
  }
  for (let k = 0; k < v.lines.length; k++) {
    const l = v.lines[k] as Eligibility.LineVerdict
    steps.push(conditionStep(l.condition, proposal, pr.find((r) => r.id === l.condition.rule)?.reads ?? NONE))
  }
  steps.push({
    rule: "eligibility.verdict",
    description: "Eligibility verdict (kết luận đủ điều kiện): ineligible if any condition failed",
    inputs: { proposal: v.proposalId },
    parameters: NONE,
    roundings: NONE,
    result: v.verdict
  })
}

/** The evaluation's trace: eligibility, support, then the warnings. */
const traceOf = (v: Eligibility.ProposalVerdict, view: ResolvedPack, support: Trace.Trace, warnings: ReadonlyArray<Issue>): Trace.Trace => {
  const steps: Array<Trace.TraceStep> = []
  eligibilitySteps(steps, v, view)
  for (let i = 0; i < support.steps.length; i++) steps.push(support.steps[i] as Trace.TraceStep)
  for (let i = 0; i < warnings.length; i++) steps.push(warningStep(warnings[i] as Issue))
  return { schemaVersion: 1, steps }
}

/** A trace step for a warning of the resolved view, after the support steps. */
const warningStep = (w: Issue): Trace.TraceStep => {
  const a = w.actual as { readonly instrument?: unknown; readonly on?: unknown; readonly grade?: unknown } | undefined
  const result: Record<string, Trace.Json> = { code: w.code }
  if (a !== undefined && typeof a.instrument === "string" && typeof a.on === "string" && typeof a.grade === "string") {
    result["instrument"] = a.instrument
    result["reportedOn"] = a.on
    result["grade"] = a.grade
  }
  return { rule: "pack.warning", description: w.message, inputs: { path: w.path.join(".") }, parameters: NONE, roundings: NONE, result }
}

/** The support of the cost lines eligibility excludes (0 when none is). */
const excludedSupport = (v: Eligibility.ProposalVerdict, s: Support.ProposalSupport): bigint => {
  const excluded = v.lines
  if (excluded.length === 0) return 0n
  let sum = 0n
  for (let i = 0; i < excluded.length; i++) {
    const l = excluded[i] as Eligibility.LineVerdict
    for (let j = 0; j < s.lines.length; j++) {
      const ls = s.lines[j] as Support.LineSupport
      if (ls.activityIndex === l.activity && ls.lineIndex === l.line) sum += ls.support
    }
  }
  return sum
}

/**
 * The proposal's own date outside the resolved pack's period: its approval date (ngày phê duyệt)
 * when it has one, else its plan year (năm kế hoạch). A proposal approved under another pack is
 * never evaluated under this one.
 */
const periodFault = (p: Proposal, resolved: ResolvedPack): PeriodError | undefined => {
  if (p.approvalDate !== undefined)
    return governsDate(resolved, p.approvalDate)
      ? undefined
      : new PeriodError({ code: "pack/outside-period", path: ["approvalDate"], pack: { id: resolved.packId, governs: resolved.governs }, date: p.approvalDate })
  return governsPlanYear(resolved, p.planYear)
    ? undefined
    : new PeriodError({ code: "pack/plan-year-outside-period", path: ["planYear"], pack: { id: resolved.packId, governs: resolved.governs }, date: String(p.planYear) })
}

/** The overlay and the reforms in force at a view's date. */
interface Layers {
  readonly overlay: string | undefined
  readonly reforms: ReadonlyArray<string>
}
const layersOf = (view: ResolvedPack): Layers => {
  let overlay: string | undefined
  const reforms: Array<string> = []
  for (const l of view.layers) {
    if (l.kind === "national" || l.start === undefined || l.start > view.date || (l.end !== undefined && view.date > l.end)) continue
    if (l.kind === "overlay") overlay = l.id
    else reforms.push(l.id)
  }
  return Object.freeze({ overlay, reforms: reforms.length === 0 ? NONE : Object.freeze(reforms) })
}

/**
 * What evaluation remembers of one resolved pack, because it depends on nothing else (or only on
 * a province code): the layers in force in each view, the province codes in force at its date, the warnings of a local-fund proposal with no overlay, per province. One look-up per
 * evaluation finds it (the last one is kept aside: consecutive proposals mostly share a pack).
 */
class PackMemo {
  /** The layers in force in the resolved view itself, and in its national view. */
  readonly layers: Layers
  readonly nationalLayers: Layers | undefined
  /** The province codes in force at the date, by number (1: in force; `AdminUnits.provinceCodesOn`). */
  readonly inForce = new Uint8Array(100)
  /** The warnings of a local-fund proposal with no provincial overlay, by its first province code (by number when it is two digits). */
  readonly localWarnings = new Map<string | undefined, ReadonlyArray<Issue>>()
  readonly localByNumber = new Array<ReadonlyArray<Issue> | undefined>(100).fill(undefined)
  constructor(resolved: ResolvedPack) {
    this.layers = layersOf(resolved)
    this.nationalLayers = resolved.national === undefined ? undefined : layersOf(resolved.national)
    for (const code of AdminUnits.provinceCodesOn(resolved.date)) {
      const n = provinceNumber(code)
      if (n >= 0) this.inForce[n] = 1
    }
  }
}
const memos = new WeakMap<ResolvedPack, PackMemo>()
let lastResolved: ResolvedPack | undefined
let lastMemo: PackMemo | undefined
const memoOf = (resolved: ResolvedPack): PackMemo => {
  if (resolved === lastResolved) return lastMemo as PackMemo
  let m = memos.get(resolved)
  if (m === undefined) {
    m = new PackMemo(resolved)
    memos.set(resolved, m)
  }
  lastResolved = resolved
  lastMemo = m
  return m
}

/**
 * A beneficiary recorded under a province code the decision date no longer knows (closed by the
 * 2025 reorganisation): an error naming the code, the day it closed and its successor.
 * `found[k]` is the establishment of `p.beneficiaries[k]` (undefined when unknown), `remembered[k]`
 * what the register remembers of it (its province code, also as a number, read without touching
 * the establishment).
 */
const closedProvinceFault = (
  p: Proposal,
  date: LocalDate.LocalDate,
  found: ReadonlyArray<Establishment | undefined>,
  remembered: ReadonlyArray<{ readonly provinceCode: string; readonly province: number } | undefined>,
  memo: PackMemo
): LookupError | undefined => {
  const ids = p.beneficiaries
  const inForce = memo.inForce
  for (let k = 0; k < ids.length; k++) {
    const r = remembered[k]
    if (r !== undefined && r.province >= 0 && inForce[r.province] === 1) continue
    const e = found[k]
    if (e === undefined) continue // the verdict reports the unknown beneficiary
    const code = r?.provinceCode ?? e.location.provinceCode
    const n = provinceNumber(code)
    if (n >= 0 && inForce[n] === 1) continue
    const id = ids[k] as string
    const on = AdminUnits.provinceOn(code, date)
    if (on.ok) continue
    if (on.error.code !== "admin-units/code-not-in-force") continue
    const closedAfter = on.error.validity.reduce<string | undefined>((last, v) => (v.validUntil !== undefined && v.validUntil < date && (last === undefined || v.validUntil > last) ? v.validUntil : last), undefined)
    if (closedAfter === undefined) continue // a code not yet in force: not a closing
    const name = on.error.validity.find((v) => v.validUntil === closedAfter)?.name ?? code
    const succ = AdminUnits.successorOf(code, closedAfter as LocalDate.LocalDate, { asOf: date })
    const successor = succ.ok ? `${succ.value.successor.code} ${succ.value.successor.name}` : "?"
    const closedOn = LocalDateSchema.addDays(closedAfter as LocalDate.LocalDate, 1)
    return new LookupError({
      code: "evaluate/province-code-closed",
      path: ["establishments", id, "location", "provinceCode"],
      at: date,
      message: `cơ sở "${id}" ghi mã tỉnh ${code} (${name}), mã này đã đóng từ ngày ${closedOn} (sắp xếp đơn vị hành chính, Nghị quyết 202/2025/QH15); tỉnh kế thừa: ${successor}; cập nhật mã tỉnh trước khi đánh giá tại ngày ${date} / establishment "${id}" is recorded under province code (mã tỉnh) ${code} (${name}), closed on ${closedOn} by the 2025 reorganisation (Resolution 202/2025/QH15); successor: ${successor}; record the successor's code before evaluating on ${date}`
    })
  }
  return undefined
}

/** The warning of a local-fund proposal evaluated with no provincial overlay in force. */
const noOverlayWarning = (p: Proposal, resolved: ResolvedPack): Issue => {
  const code = p.locations[0]?.provinceCode
  const named = code === undefined ? undefined : AdminUnits.provinceOn(code, resolved.date)
  const province = code === undefined ? "(không ghi / not recorded)" : named !== undefined && named.ok ? `${code} ${named.value.name}` : code
  return {
    code: "evaluate/no-provincial-overlay",
    path: ["fund"],
    message: `đề án dùng kinh phí khuyến công địa phương của tỉnh ${province} nhưng không có lớp địa phương (nghị quyết của tỉnh) có hiệu lực tại ngày ${resolved.date} trong bộ quy tắc "${resolved.packId}": đã áp dụng mức hỗ trợ quốc gia / local-fund proposal of province ${province}, but no provincial overlay is in force on ${resolved.date} in rule pack "${resolved.packId}": national levels were applied`,
    actual: code ?? null
  }
}

/** An evaluation's input hash, computed on first read from its inputs (see {@link EvaluationRecord}). */
const defineInputHash = lazyField("inputHash", "an evaluation", (p: Proposal, establishments: Eligibility.Establishments, applyPriorityMultiplier: boolean, _: undefined) =>
  inputHash(p, establishments, { applyPriorityMultiplier })
)

/**
 * A decoded proposal's evaluation trace, built on first read from what was evaluated (its own
 * references, so that changing the evaluation's fields does not change the trace of what was
 * evaluated; see {@link EvaluationRecord}).
 */
const defineTrace = lazyField(
  "trace",
  "an evaluation",
  (v: Eligibility.ProposalVerdict, view: ResolvedPack, s: Support.ProposalSupport, warnings: ReadonlyArray<Issue>) => traceOf(v, view, s.trace as Trace.Trace, warnings)
)

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/**
 * An evaluation, built field by field in the order `encode` writes them, as a plain object (its
 * prototype is `Object.prototype`). The input hash is a field computed on first read
 * ({@link lazyField}: hashing costs about ten evaluations, and analyses over a portfolio never read
 * it). A constructor function rather than a literal, so that every field fits in the object.
 * Inputs are immutable values, so the hash read later is the hash of what was evaluated.
 * The trace of a decoded proposal (`Decode.decodedAs`: frozen, with everything in it) is such an
 * accessor too, built on first read from what was evaluated and then kept (a caller that asks for
 * traces and reads a few does not pay for the rest: building one costs about as much as the
 * evaluation); the trace of any other proposal is built at once, since its owner may change it.
 */
function EvaluationRecord(
  this: Mutable<Evaluation>,
  p: Proposal,
  ctx: Context,
  s: Support.ProposalSupport,
  v: Eligibility.ProposalVerdict,
  layers: Layers,
  warnings: ReadonlyArray<Issue>,
  payable: Money.Money,
  /** With the trace on, the view the proposal was evaluated in (the trace is built from it); else undefined. */
  traced: ResolvedPack | undefined
): void {
  this.proposalId = p.id
  this.packId = s.packId
  this.packVersion = s.packVersion
  this.overlay = layers.overlay
  this.reforms = layers.reforms
  this.date = s.date
  defineInputHash(this, p, ctx.establishments, ctx.applyPriorityMultiplier === true, undefined)
  this.warnings = warnings
  this.verdict = v.verdict
  this.eligibility = v
  this.support = s
  this.payable = payable
  if (traced === undefined) this.trace = undefined
  // a decoded proposal cannot change: its trace is built when first read (as its support's)
  else if (decodedAs(p) !== undefined) defineTrace(this, v, traced, s, warnings)
  else this.trace = traceOf(v, traced, s.trace as Trace.Trace, warnings)
}
EvaluationRecord.prototype = Object.prototype
const NewEvaluation = EvaluationRecord as unknown as new (...args: Parameters<typeof EvaluationRecord>) => Evaluation

/**
 * The warnings of a local-fund proposal evaluated with no provincial overlay: the view's and
 * {@link noOverlayWarning}, built once per resolved pack and province (they depend on nothing else)
 * and shared, frozen, by the evaluations.
 */
const localFundWarnings = (p: Proposal, resolved: ResolvedPack, view: ResolvedPack, memo: PackMemo): ReadonlyArray<Issue> => {
  const code = p.locations[0]?.provinceCode
  const n = code === undefined ? -1 : provinceNumber(code)
  let ws = n >= 0 ? memo.localByNumber[n] : memo.localWarnings.get(code)
  if (ws === undefined) {
    ws = Object.freeze([...view.warnings, Object.freeze(noOverlayWarning(p, resolved))])
    if (n >= 0) memo.localByNumber[n] = ws
    else memo.localWarnings.set(code, ws)
  }
  return ws
}

/**
 * Eligibility and support of a proposal against a resolved pack.
 *
 * Fails with a `Pack.PeriodError` when the proposal's approval date (else its plan year) lies
 * outside the pack's period, and with a `LookupError` `evaluate/province-code-closed` when a
 * beneficiary is recorded under a province code closed on the decision date (02 Hà Giang after
 * 2025-06-30), naming the code, the day it closed and its successor. A local-fund proposal with
 * no provincial overlay in force is evaluated at national levels with the warning
 * `evaluate/no-provincial-overlay` naming the province.
 * @category evaluation
 * @since 0.1.0
 *
 * With `trace: true` (a literal) the result's type says the trace is there ({@link Traced}).
 * A JavaScript caller who leaves out an argument gets a `LookupError` `evaluate/missing-argument`
 * naming it, not a `TypeError`.
 * @example `evaluate(p, resolved, { establishments })` → `ok({ verdict: "eligible", payable: 900000000n, … })`
 */
export const evaluate: Evaluator = ((p: Proposal, resolved: ResolvedPack, ctx: Context): Result<Evaluation, LookupError | RuleViolation> => {
  const missing = missingArgument(p, resolved, ctx)
  if (missing !== undefined) return err(missing)
  const outside = periodFault(p, resolved)
  if (outside !== undefined) return err(outside)
  const memo = memoOf(resolved)
  const found = lookUpBeneficiaries(p, ctx.establishments)
  const closed = closedProvinceFault(p, resolved.date, found, rememberedBeneficiaries(), memo)
  const v = closed === undefined ? verdictWith(p, resolved, ctx.establishments, found) : closed
  releaseBeneficiaries(p.beneficiaries.length)
  if (closed !== undefined) return err(closed)
  if (v instanceof LookupError) return err(v)
  const s = computeRaw(p, resolved, ctx)
  if (s instanceof RuleViolation || s instanceof LookupError) return err(s)
  const view = viewFor(resolved, p.fund)
  const layers = view === resolved ? memo.layers : (memo.nationalLayers as Layers)
  const warnings = p.fund === "local" && resolved.province === undefined ? localFundWarnings(p, resolved, view, memo) : view.warnings
  return ok(
    new NewEvaluation(
      p,
      ctx,
      s,
      v,
      layers,
      warnings,
      (v.verdict === "eligible" ? s.total - excludedSupport(v, s) : 0n) as Money.Money,
      ctx.trace === true ? view : undefined
    )
  )
}) as Evaluator

/**
 * An evaluation whose trace was recorded (`trace: true`): the trace is not optional.
 * @category models
 * @since 0.2.0
 */
export type Traced = Evaluation & { readonly trace: Trace.Trace }

/**
 * The signature of {@link evaluate}: with `trace: true` the result is {@link Traced}.
 * @category models
 * @since 0.2.0
 */
export interface Evaluator {
  (p: Proposal, resolved: ResolvedPack, ctx: Context & { readonly trace: true }): Result<Traced, LookupError | RuleViolation>
  (p: Proposal, resolved: ResolvedPack, ctx: Context): Result<Evaluation, LookupError | RuleViolation>
}

const missingArgument = (p: unknown, resolved: unknown, ctx: unknown): LookupError | undefined => {
  const which =
    typeof p !== "object" || p === null
      ? "a decoded proposal (đề án) as its first argument (Proposal.decode)"
      : typeof resolved !== "object" || resolved === null
        ? "a resolved rule pack as its second argument (Pack.resolve)"
        : typeof ctx !== "object" || ctx === null || typeof (ctx as { establishments?: unknown }).establishments !== "object"
          ? "a context { establishments } as its third argument (the beneficiaries by id, a Map)"
          : undefined
  return which === undefined ? undefined : new LookupError({ code: "evaluate/missing-argument", path: [], message: `Evaluate.evaluate needs ${which}`, at: "" })
}

/**
 * {@link evaluate}, throwing the error.
 * @function
 * @category evaluation
 * @since 0.1.0
 * @example `evaluateOrThrow(p, resolved, { establishments }).payable` → `900000000n`
 */
export const evaluateOrThrow: {
  (p: Proposal, resolved: ResolvedPack, ctx: Context & { readonly trace: true }): Traced
  (p: Proposal, resolved: ResolvedPack, ctx: Context): Evaluation
} = orThrow(evaluate as (p: Proposal, resolved: ResolvedPack, ctx: Context) => Result<Evaluation, LookupError | RuleViolation>) as never

/**
 * {@link evaluate} as an Effect.
 * @function
 * @category evaluation
 * @since 0.1.0
 * @example `Effect.runSync(evaluateEffect(p, resolved, { establishments })).verdict` → `"eligible"`
 */
export const evaluateEffect: (p: Proposal, resolved: ResolvedPack, ctx: Context) => Effect.Effect<Evaluation, LookupError | RuleViolation> = toEffect(evaluate as (p: Proposal, resolved: ResolvedPack, ctx: Context) => Result<Evaluation, LookupError | RuleViolation>)

/**
 * The date a proposal is evaluated at when none is given: its approval date (ngày phê duyệt),
 * else 1 January of its plan year.
 * @category evaluation
 * @since 0.1.0
 * @example `dateOf({ ...p, approvalDate: undefined, planYear: 2024 })` → `"2024-01-01"`
 */
export const dateOf = (p: Proposal): LocalDate.LocalDate =>
  p.approvalDate ?? (`${String(p.planYear).padStart(4, "0")}-01-01` as LocalDate.LocalDate)

/**
 * A cache of resolved packs by pack and date, for loops over many proposals.
 * @category evaluation
 * @since 0.1.0
 * @example `const cache = makeCache(); cache.get(pack, date)` → `ok(resolved)` (resolved once)
 */
export const makeCache = (): {
  readonly get: (pack: RulePack, date: LocalDate.LocalDate) => Result<ResolvedPack, LookupError>
} => {
  const byPack = new Map<RulePack, Map<string, Result<ResolvedPack, LookupError>>>()
  // The last answer, for the common case of consecutive proposals of one pack and date, and the
  // last pack's dates (one look-up per proposal when only the date changes).
  let lastPack: RulePack | undefined
  let lastDate: string | undefined
  let last: Result<ResolvedPack, LookupError> | undefined
  let lastDates: Map<string, Result<ResolvedPack, LookupError>> | undefined
  return {
    get: (pack, date) => {
      if (pack === lastPack && date === lastDate && last !== undefined) return last
      let m = pack === lastPack ? lastDates : byPack.get(pack)
      if (m === undefined) {
        m = new Map()
        byPack.set(pack, m)
      }
      lastDates = m
      let r = m.get(date)
      if (r === undefined) {
        r = resolve(pack, date)
        if (r.ok) m.set(date, r)
      }
      lastPack = pack
      lastDate = date
      last = r
      return r
    }
  }
}

/**
 * Evaluate many proposals with the packs installed: per proposal, the pack governing its date
 * (`date(p)`, default {@link dateOf}) is picked and resolved once per date. Stops at the first
 * error (no pack, two packs, unknown establishment, province mismatch).
 * @category evaluation
 * @since 0.1.0
 * @example `evaluateAll([p1, p2], [pack2021], { establishments })` → `ok([evaluation1, evaluation2])`
 */
export const evaluateAll = (
  proposals: ReadonlyArray<Proposal>,
  packs: ReadonlyArray<RulePack>,
  ctx: Context & { readonly date?: (p: Proposal) => LocalDate.LocalDate }
): Result<ReadonlyArray<Evaluation>, LookupError | RuleViolation> => {
  const cache = makeCache()
  const out: Array<Evaluation> = []
  for (const p of proposals) {
    const date = ctx.date === undefined ? dateOf(p) : ctx.date(p)
    const pack = Resolution.forDate(packs, date)
    if (!pack.ok) return err(pack.error)
    const resolved = cache.get(pack.value, date)
    if (!resolved.ok) return resolved
    const e = evaluate(p, resolved.value, ctx)
    if (!e.ok) return e
    out.push(e.value)
  }
  return ok(out)
}

// ---------------------------------------------------------------------------------------------
// The audit record: input hash

/**
 * The hash of an evaluation's inputs (mã băm dữ liệu đầu vào): SHA-256, as 64 hex digits, of the
 * canonical JSON (object keys sorted, no spaces, money as decimal strings, absent fields left out)
 * of `{ proposal, establishments, options }`, where `establishments` are the proposal's
 * beneficiaries' records in the order of `proposal.beneficiaries` (each once; an unknown id is
 * `null`) and `options` is `{ applyPriorityMultiplier }` (the only option that changes the
 * result; `trace` only records). Two evaluations with the same hash were computed from the same
 * inputs. SHA-256 is computed synchronously: by Node's digest when the runtime offers it without an
 * import (`process.getBuiltinModule`), else in plain JavaScript (core runs in browsers too, and the
 * Web Crypto digest is asynchronous only).
 * @category audit
 * @since 0.3.0
 * @example `inputHash(p, { e1 }, {})` → `"3f0c…"` (64 hex digits); the same for `inputHash(p, new Map([["e1", e1]]))`
 */
export const inputHash = (
  p: Proposal,
  establishments: Eligibility.Establishments,
  options: { readonly applyPriorityMultiplier?: boolean } = {}
): string => {
  const seen = new Set<string>()
  const es: Array<unknown> = []
  for (const id of p.beneficiaries) {
    if (seen.has(id)) continue
    seen.add(id)
    es.push(Eligibility.establishmentOf(establishments, id) ?? null)
  }
  return sha256Hex(canonicalOf({ proposal: p, establishments: es, options: { applyPriorityMultiplier: options.applyPriorityMultiplier === true } }))
}

// ---------------------------------------------------------------------------------------------
// The audit record: JSON codec

/**
 * The version of the JSON form {@link encode} writes. Version 1 is what `Trace.toJson(evaluation)`
 * gave before 0.3.0 (no `evaluationVersion` field, no audit fields); {@link decode} reads both.
 * @category codec
 * @since 0.3.0
 */
export const VERSION = 2

const digits = Schema.String.check(Schema.isPattern(/^-?[0-9]+$/))
const verdictSchema = Schema.Literals(["eligible", "ineligible", "not-applicable"])
const issueJson = Schema.Struct({
  code: Schema.String,
  path: Schema.Array(Schema.Union([Schema.String, Schema.Number])),
  message: Schema.String,
  actual: Schema.optionalKey(Schema.Json)
})
const conditionFields = {
  rule: Schema.String,
  kind: Schema.String,
  status: Schema.Literals(["passed", "failed", "not-applicable"]),
  reason: Schema.String,
  message: Schema.String,
  citation: Citation.schema,
  grade: Citation.gradeSchema,
  layer: Schema.String,
  path: Schema.optionalKey(Schema.Array(Schema.Union([Schema.String, Schema.Number]))),
  actual: Schema.optionalKey(Schema.Json)
}
const lineConditionJson = Schema.Struct({ activity: Schema.Int, line: Schema.Int, item: Schema.String, condition: Schema.Struct(conditionFields) })
const conditionJson = Schema.Struct({ ...conditionFields, lines: Schema.optionalKey(Schema.Array(lineConditionJson)) })
const eligibilityJson = Schema.Struct({
  proposalId: Schema.String,
  packId: Schema.String,
  date: LocalDateSchema.schema,
  verdict: verdictSchema,
  establishments: Schema.Array(Schema.Struct({ establishmentId: Schema.String, verdict: verdictSchema, conditions: Schema.Array(conditionJson) })),
  conditions: Schema.Array(conditionJson),
  // cost lines excluded by a proposal condition (0.3.0); absent in forms written before
  lines: Schema.optionalKey(Schema.Array(Schema.Struct({ activity: Schema.Int, line: Schema.Int, item: Schema.String, condition: conditionJson })))
})
const bindingParameterJson = Schema.Struct({ id: Schema.String, citation: Citation.schema, layer: Schema.String })
const lineJson = Schema.Struct({
  activityIndex: Schema.Int,
  lineIndex: Schema.Int,
  activity: Schema.String,
  item: Schema.String,
  beneficiaryId: Schema.optionalKey(Schema.String),
  eligibleCost: digits,
  requested: digits,
  rateCap: Schema.optionalKey(digits),
  absoluteCap: Schema.optionalKey(digits),
  support: digits,
  binding: Schema.Literals(["rate", "absolute-cap", "request", "not-in-catalogue"]),
  bindingParameter: Schema.optionalKey(bindingParameterJson),
  derivedCap: Schema.optionalKey(
    Schema.Struct({
      item: Schema.String,
      citation: Citation.schema,
      multiple: Schema.Struct({ numerator: digits, denominator: digits }),
      multipleParameter: bindingParameterJson,
      baseItem: Schema.String,
      base: digits,
      baseParameter: bindingParameterJson,
      amount: digits,
      text: Schema.String
    })
  ),
  grade: Citation.gradeSchema,
  layer: Schema.String,
  aboveNational: Schema.Boolean,
  pooledGroup: Schema.optionalKey(Schema.Int)
})
const supportJson = Schema.Struct({
  proposalId: Schema.String,
  packId: Schema.String,
  packVersion: Schema.String,
  date: LocalDateSchema.schema,
  fund: Schema.Literals(["national", "local"]),
  province: Schema.optionalKey(Schema.String),
  lines: Schema.Array(lineJson),
  total: digits,
  requested: digits,
  eligibleCost: digits,
  multiplier: Schema.optionalKey(
    Schema.Struct({
      parameterId: Schema.String,
      value: Schema.Struct({ numerator: digits, denominator: digits }),
      from: LocalDateSchema.schema,
      until: Schema.optionalKey(LocalDateSchema.schema),
      citation: Citation.schema,
      layer: Schema.String
    })
  ),
  multiplierApplied: Schema.Boolean,
  grade: Citation.gradeSchema,
  trace: Schema.optionalKey(TraceValue.schema)
})
const common = {
  proposalId: Schema.String,
  packId: Schema.String,
  packVersion: Schema.String,
  date: LocalDateSchema.schema,
  verdict: verdictSchema,
  eligibility: eligibilityJson,
  support: supportJson,
  payable: digits,
  trace: Schema.optionalKey(TraceValue.schema)
}

/**
 * Effect Schema of the stored JSON form of an evaluation, version 2 ({@link encode} writes it):
 * the evaluation's fields with every amount of money, and the multiplier's numerator and
 * denominator, as decimal strings (`"300000000"`), absent values left out, plus
 * `evaluationVersion: 2`, `overlay` (absent: national levels), `reforms`, `inputHash` and
 * `warnings`. `JSON.stringify` writes it as is; no bigint is left.
 * @category codec
 * @since 0.3.0
 * @example `Schema.is(Evaluate.jsonSchema)(Evaluate.encode(e))` → `true`
 */
export const jsonSchema = Schema.Struct({
  evaluationVersion: Schema.Literal(2),
  ...common,
  overlay: Schema.optionalKey(Schema.String),
  reforms: Schema.Array(Schema.String),
  inputHash: Schema.String.check(Schema.isPattern(/^[0-9a-f]{64}$/)),
  warnings: Schema.Array(issueJson)
})

/**
 * Effect Schema of the version 1 form: `Trace.toJson(evaluation)` as stored before 0.3.0.
 * @category codec
 * @since 0.3.0
 * @example `Schema.is(Evaluate.jsonSchemaV1)(JSON.parse(storedBefore030))` → `true`
 */
export const jsonSchemaV1 = Schema.Struct(common)

/**
 * The JSON form of an evaluation, version 2 (see {@link jsonSchema}).
 * @category codec
 * @since 0.3.0
 */
export type EvaluationJson = typeof jsonSchema.Encoded

/**
 * Encode an evaluation as JSON that `JSON.stringify` can write (bigint-safe: money as decimal
 * strings), version 2. `decode(encode(e))` gives `e` back; a condition's `actual` (the value a
 * message quotes) comes back as its JSON form.
 * @category codec
 * @since 0.3.0
 * @example `JSON.stringify(encode(e))` → `'{"evaluationVersion":2,"proposalId":"p1",…,"payable":"300000000",…}'`
 */
export const encode = (e: Evaluation): EvaluationJson => {
  const json = TraceValue.toJson({ evaluationVersion: VERSION, ...e, warnings: e.warnings.map((w) => TraceValue.toJson(w)) }) as { [k: string]: Trace.Json }
  return json as unknown as EvaluationJson
}

const money = (s: string): Money.Money => BigInt(s) as Money.Money
const moneyOrUndefined = (s: string | undefined): Money.Money | undefined => (s === undefined ? undefined : money(s))

const formatter = SchemaIssue.makeFormatterStandardSchemaV1()
const decodeV2 = Schema.decodeUnknownResult(jsonSchema, { errors: "all" })
const decodeV1 = Schema.decodeUnknownResult(jsonSchemaV1, { errors: "all" })

/**
 * Decode a stored evaluation (already parsed from JSON): version 2 ({@link encode}) or version 1
 * (`Trace.toJson(evaluation)` before 0.3.0: `overlay` undefined, `reforms` and `warnings` empty,
 * `inputHash` `""`, unknown). Fails with a `ValidationError` `evaluation/invalid` listing every
 * problem with its path.
 * @category codec
 * @since 0.3.0
 * @example `decode(JSON.parse(JSON.stringify(encode(e))))` → `ok(e)`
 */
export const decode = (u: unknown): Result<Evaluation, ValidationError> => {
  const v2 = typeof u === "object" && u !== null && "evaluationVersion" in u
  const r = v2 ? decodeV2(u) : decodeV1(u)
  if (r._tag === "Failure") {
    const issues: Array<Issue> = formatter(r.failure.issue).issues.map((i) => ({
      code: "evaluation/invalid",
      path: (i.path ?? []).map((k) => {
        const key = typeof k === "object" && k !== null ? k.key : k
        return typeof key === "number" ? key : String(key)
      }),
      message: `kết quả đánh giá / evaluation (version ${v2 ? VERSION : 1}): ${i.message}`
    }))
    const first = issues[0] ?? { code: "evaluation/invalid", path: [], message: "kết quả đánh giá không hợp lệ / the evaluation is not valid" }
    return err(new ValidationError({ code: "evaluation/invalid", path: first.path, message: issues.length > 1 ? `${first.message} (and ${issues.length - 1} more problem(s))` : first.message, issues }))
  }
  const j = r.success as typeof jsonSchemaV1.Type & Partial<Pick<typeof jsonSchema.Type, "overlay" | "reforms" | "inputHash" | "warnings">>
  const s = j.support
  const support: Support.ProposalSupport = {
    proposalId: s.proposalId,
    packId: s.packId,
    packVersion: s.packVersion,
    date: s.date as LocalDate.LocalDate,
    fund: s.fund,
    province: s.province,
    lines: s.lines.map((l) => ({
      activityIndex: l.activityIndex,
      lineIndex: l.lineIndex,
      activity: l.activity,
      item: l.item,
      beneficiaryId: l.beneficiaryId,
      eligibleCost: money(l.eligibleCost),
      requested: money(l.requested),
      rateCap: moneyOrUndefined(l.rateCap),
      absoluteCap: moneyOrUndefined(l.absoluteCap),
      support: money(l.support),
      binding: l.binding,
      bindingParameter: l.bindingParameter as Support.BindingParameter | undefined,
      derivedCap:
        l.derivedCap === undefined
          ? undefined
          : {
              ...l.derivedCap,
              multipleParameter: l.derivedCap.multipleParameter as Support.BindingParameter,
              baseParameter: l.derivedCap.baseParameter as Support.BindingParameter,
              multiple: RateValue.make(BigInt(l.derivedCap.multiple.numerator), BigInt(l.derivedCap.multiple.denominator)),
              base: money(l.derivedCap.base),
              amount: money(l.derivedCap.amount)
            },
      grade: l.grade,
      layer: l.layer,
      aboveNational: l.aboveNational,
      pooledGroup: l.pooledGroup
    })),
    total: money(s.total),
    requested: money(s.requested),
    eligibleCost: money(s.eligibleCost),
    multiplier:
      s.multiplier === undefined
        ? undefined
        : ({ ...s.multiplier, value: RateValue.make(BigInt(s.multiplier.value.numerator), BigInt(s.multiplier.value.denominator)) } as Support.ProposalSupport["multiplier"]),
    multiplierApplied: s.multiplierApplied,
    grade: s.grade,
    trace: s.trace as Trace.Trace | undefined
  }
  return ok({
    proposalId: j.proposalId,
    packId: j.packId,
    packVersion: j.packVersion,
    overlay: j.overlay,
    reforms: j.reforms ?? NONE,
    date: j.date as LocalDate.LocalDate,
    inputHash: j.inputHash ?? "",
    verdict: j.verdict,
    eligibility: { ...j.eligibility, lines: j.eligibility.lines ?? NONE } as unknown as Eligibility.ProposalVerdict,
    support,
    payable: money(j.payable),
    warnings: (j.warnings ?? NONE) as ReadonlyArray<Issue>,
    trace: j.trace as Trace.Trace | undefined
  })
}

// ---------------------------------------------------------------------------------------------
// Explanation for a decision file

const T = {
  vi: {
    title: "KẾT QUẢ ĐÁNH GIÁ ĐỀ ÁN KHUYẾN CÔNG",
    proposal: "Đề án",
    pack: "Bộ quy tắc",
    version: "phiên bản",
    overlay: "Lớp địa phương",
    national: "không (mức hỗ trợ quốc gia)",
    reforms: "Cải cách",
    none: "không",
    date: "Ngày quyết định",
    hash: "Mã băm dữ liệu đầu vào (SHA-256)",
    unknownHash: "không có (bản lưu cũ)",
    verdict: "Kết luận",
    verdicts: { eligible: "Đủ điều kiện hỗ trợ", ineligible: "Không đủ điều kiện hỗ trợ", "not-applicable": "Không có điều kiện áp dụng" },
    reasons: "Lý do",
    noReasons: "Mọi điều kiện đều đạt.",
    lines: "Mức hỗ trợ theo từng dòng dự toán",
    cost: "chi phí hợp lệ",
    requested: "đề nghị",
    support: "hỗ trợ",
    excluded: "không tính vào số được chi trả",
    derived: "mức trần",
    binding: "ràng buộc",
    bindings: { rate: "tỷ lệ hỗ trợ", "absolute-cap": "mức tối đa", request: "số đề nghị", "not-in-catalogue": "không thuộc danh mục" },
    total: "Tổng mức hỗ trợ",
    payable: "Số được chi trả",
    warnings: "Cảnh báo",
    citations: "Căn cứ pháp lý",
    unconfirmed: "Số liệu và căn cứ chưa được xác nhận",
    noUnconfirmed: "Không có.",
    fromEvaluation: "(không có giải trình chi tiết: liệt kê theo các điều kiện và mức tối đa đã áp dụng)",
    grade: (g: Citation.Grade) => Citation.gradeLabel(g, "vi")
  },
  en: {
    title: "EVALUATION OF A KHUYẾN CÔNG PROPOSAL",
    proposal: "Proposal",
    pack: "Rule pack",
    version: "version",
    overlay: "Provincial overlay",
    national: "none (national levels)",
    reforms: "Reforms",
    none: "none",
    date: "Decision date",
    hash: "Input hash (SHA-256)",
    unknownHash: "none (stored before 0.3.0)",
    verdict: "Verdict",
    verdicts: { eligible: "Eligible for support", ineligible: "Not eligible for support", "not-applicable": "No condition applies" },
    reasons: "Reasons",
    noReasons: "Every condition passed.",
    lines: "Support per cost line",
    cost: "eligible cost",
    requested: "requested",
    support: "support",
    excluded: "excluded from the payable amount",
    derived: "cap",
    binding: "binding constraint",
    bindings: { rate: "support rate", "absolute-cap": "absolute cap", request: "amount requested", "not-in-catalogue": "not in the catalogue" },
    total: "Total support",
    payable: "Payable",
    warnings: "Warnings",
    citations: "Legal basis",
    unconfirmed: "Figures and citations not confirmed",
    noUnconfirmed: "None.",
    fromEvaluation: "(no trace recorded: listed from the conditions and the caps that bound)",
    grade: (g: Citation.Grade) => Citation.gradeLabel(g, "en")
  }
} as const

const refText = (c: Trace.CitationRef, lang: "vi" | "en"): string => {
  const parts: Array<string> = []
  if (lang === "vi") {
    if (c.point !== undefined) parts.push(`điểm ${c.point}`)
    if (c.clause !== undefined) parts.push(`khoản ${c.clause}`)
    if (c.article !== undefined) parts.push(`Điều ${c.article}`)
    parts.push(c.instrument)
    return `${parts.join(" ")} (${Citation.gradeLabel(c.grade, "vi")})`
  }
  parts.push(c.instrument)
  if (c.article !== undefined) parts.push(`art. ${c.article}`)
  if (c.clause !== undefined) parts.push(`cl. ${c.clause}`)
  if (c.point !== undefined) parts.push(`pt. ${c.point}`)
  return `${parts.join(", ")} (${Citation.gradeLabel(c.grade, "en")})`
}

/** Every citation of an evaluation as trace refs: conditions, caps that bound, the multiplier, and the trace's. */
const citationsOf = (e: Evaluation): ReadonlyArray<Trace.CitationRef> => {
  const out = new Map<string, Trace.CitationRef>()
  const add = (c: Trace.CitationRef): void => {
    const key = `${c.instrument}|${c.article ?? ""}|${c.clause ?? ""}|${c.point ?? ""}|${c.grade}`
    if (!out.has(key)) out.set(key, c)
  }
  for (const c of Eligibility.allConditions(e.eligibility)) add(TraceValue.citationRef(c.citation))
  for (const l of e.support.lines) if (l.bindingParameter !== undefined) add(TraceValue.citationRef(l.bindingParameter.citation))
  if (e.support.multiplierApplied && e.support.multiplier !== undefined) add(TraceValue.citationRef(e.support.multiplier.citation))
  for (const s of e.trace?.steps ?? []) {
    for (const c of s.citations ?? []) add(c)
    for (const r of s.parameters) add(r.citation)
  }
  return [...out.values()]
}

/** Unsettled figures and rule citations: from the trace when there is one, else from the evaluation. */
const unconfirmedOf = (e: Evaluation): ReadonlyArray<{ readonly what: string; readonly citation: Trace.CitationRef }> => {
  const out = new Map<string, { readonly what: string; readonly citation: Trace.CitationRef }>()
  const add = (what: string, c: Trace.CitationRef): void => {
    if (Citation.isSettled(c.grade)) return
    const key = `${what}|${c.instrument}|${c.article ?? ""}|${c.clause ?? ""}|${c.point ?? ""}`
    if (!out.has(key)) out.set(key, { what, citation: c })
  }
  if (e.trace !== undefined) for (const u of TraceValue.unconfirmedReads(e.trace)) add(u.kind === "parameter" ? (u.read?.id ?? u.rule) : u.rule, u.citation)
  for (const c of Eligibility.allConditions(e.eligibility)) add(c.rule, TraceValue.citationRef(c.citation))
  for (const l of e.support.lines) if (l.bindingParameter !== undefined) add(l.bindingParameter.id, TraceValue.citationRef(l.bindingParameter.citation))
  if (e.support.multiplierApplied && e.support.multiplier !== undefined) add(e.support.multiplier.parameterId, TraceValue.citationRef(e.support.multiplier.citation))
  return [...out.values()]
}

/**
 * The evaluation as plain text for a decision file (tờ trình, hồ sơ quyết định): the pack and
 * its version, overlay, reforms, decision date and input hash; the verdict and the reasons (every
 * failed condition with its citation); the support of each cost line with its binding constraint
 * and the parameter behind it; total and payable; warnings; every citation; and every figure or
 * rule citation not confirmed (grade `provincial-copy` or `unconfirmed`), from the trace when the
 * evaluation has one (record it with `trace: true` for the complete list). Vietnamese by default;
 * `{ lang: "en" }` for English. Amounts are exact (`300.000.000 ₫`).
 *
 * The record holds codes, not names: a support line reads `machinery / machinery.equipment`. Give
 * `resolved`, the pack the evaluation names resolved at its date (`Pack.resolve(pack, e.date)`, or
 * the view it was evaluated with), and each activity and item is named from the pack's catalogue
 * in the language asked, its code kept in brackets: `Ứng dụng máy móc thiết bị … [machinery] /
 * Máy móc thiết bị tiên tiến, chuyển giao công nghệ [machinery.equipment]`. A view of another pack
 * (`resolved.packId` ≠ `e.packId`) names nothing, and a code the view does not know is shown alone.
 * @category audit
 * @since 0.3.0
 * @example `explain(e)` → `"KẾT QUẢ ĐÁNH GIÁ ĐỀ ÁN KHUYẾN CÔNG\nĐề án: p1\n…\nKết luận: Đủ điều kiện hỗ trợ\n…"`
 * @example `explain(e, { lang: "en", resolved })` → `"…  1. Advanced machinery, technology transfer … [machinery] / Advanced machinery and equipment, technology transfer [machinery.equipment]: …"`
 */
export const explain = (
  e: Evaluation,
  options: {
    readonly lang?: "vi" | "en"
    /** The evaluation's pack at its date, to name activities and items (since 0.3.0). */
    readonly resolved?: Pick<ResolvedPack, "packId" | "activities" | "items"> | undefined
  } = {}
): string => {
  const lang = options.lang ?? "vi"
  const names = options.resolved?.packId === e.packId ? options.resolved : undefined
  const named = (code: string, entry: { readonly name: string; readonly nameVi: string } | undefined): string =>
    entry === undefined ? code : `${lang === "vi" ? entry.nameVi : entry.name} [${code}]`
  const own = <A>(table: Readonly<Record<string, A>> | undefined, code: string): A | undefined =>
    table !== undefined && Object.hasOwn(table, code) ? table[code] : undefined
  const t = T[lang]
  const vnd = (m: bigint): string => MoneyFormat.format(m as Money.Money)
  const out: Array<string> = [t.title, `${t.proposal}: ${e.proposalId}`]
  out.push(`${t.pack}: ${e.packId} (${t.version} ${e.packVersion})`)
  out.push(`${t.overlay}: ${e.overlay ?? t.national}`)
  out.push(`${t.reforms}: ${e.reforms.length === 0 ? t.none : e.reforms.join(", ")}`)
  out.push(`${t.date}: ${e.date}`)
  out.push(`${t.hash}: ${e.inputHash === "" ? t.unknownHash : e.inputHash}`)
  out.push("", `${t.verdict}: ${t.verdicts[e.verdict]}`, `${t.reasons}:`)
  const failed = Eligibility.failures(e.eligibility)
  if (failed.length === 0) out.push(`  ${t.noReasons}`)
  // Vietnamese from the message catalogue when it has the reason's code (English detail otherwise)
  const why = (c: (typeof failed)[number]): string => (lang === "vi" && c.reason !== undefined ? (Messages.message(c.reason, {}, "vi") ?? c.message) : c.message)
  for (const c of failed) out.push(`  - ${c.subject === undefined ? "" : `[${c.subject}] `}${c.rule}: ${why(c)} — ${refText(TraceValue.citationRef(c.citation), lang)}`)
  out.push("", `${t.lines}:`)
  e.support.lines.forEach((l, i) => {
    const bp = l.bindingParameter === undefined ? "" : ` — ${l.bindingParameter.id}, ${refText(TraceValue.citationRef(l.bindingParameter.citation), lang)}`
    out.push(`  ${i + 1}. ${named(l.activity, own(names?.activities, l.activity))} / ${named(l.item, own(names?.items, l.item))}${l.beneficiaryId === undefined ? "" : ` [${l.beneficiaryId}]`}: ${t.cost} ${vnd(l.eligibleCost)}; ${t.requested} ${vnd(l.requested)}; ${t.support} ${vnd(l.support)}; ${t.binding}: ${t.bindings[l.binding]}${bp}`)
    // the rule that set a derived figure (1,5 × the machinery cap), and a line eligibility excludes
    if (l.derivedCap !== undefined) out.push(`     ${t.derived}: ${l.derivedCap.text}`)
    const ex = e.eligibility.lines.find((x) => x.activity === l.activityIndex && x.line === l.lineIndex)
    if (ex !== undefined) out.push(`     ${t.excluded}: ${why(ex.condition)} — ${refText(TraceValue.citationRef(ex.condition.citation), lang)}`)
  })
  out.push(`${t.total}: ${vnd(e.support.total)}`, `${t.payable}: ${vnd(e.payable)}`)
  if (e.warnings.length > 0) {
    out.push("", `${t.warnings}:`)
    for (const w of e.warnings) out.push(`  - ${w.code}: ${lang === "vi" ? Messages.messageOf(w, "vi") : w.message}`)
  }
  out.push("", `${t.citations}:`)
  for (const c of citationsOf(e)) out.push(`  - ${refText(c, lang)}`)
  out.push("", `${t.unconfirmed}:`)
  const unconfirmed = unconfirmedOf(e)
  if (e.trace === undefined) out.push(`  ${t.fromEvaluation}`)
  if (unconfirmed.length === 0) out.push(`  ${t.noUnconfirmed}`)
  for (const u of unconfirmed) out.push(`  - ${u.what}: ${refText(u.citation, lang)}`)
  return out.join("\n") + "\n"
}

// ---------------------------------------------------------------------------------------------
// Differences between two evaluations

/**
 * What changed between two evaluations of one proposal (e.g. a stored one and a re-evaluation
 * under a new pack version): each field is present only when it changed.
 * @category models
 * @since 0.3.0
 */
export interface Difference {
  readonly pack?: { readonly before: string; readonly after: string }
  readonly overlay?: { readonly before: string | undefined; readonly after: string | undefined }
  readonly date?: { readonly before: LocalDate.LocalDate; readonly after: LocalDate.LocalDate }
  /** The inputs differ (different hashes; unknown for a version 1 record). */
  readonly inputs?: { readonly before: string; readonly after: string }
  readonly verdict?: { readonly before: Eligibility.Verdict; readonly after: Eligibility.Verdict }
  readonly payable?: { readonly before: Money.Money; readonly after: Money.Money }
  /** Cost lines whose support or binding changed, by position. */
  readonly lines: ReadonlyArray<{
    readonly index: number
    readonly item: string
    readonly before: { readonly support: Money.Money; readonly binding: Support.Binding } | undefined
    readonly after: { readonly support: Money.Money; readonly binding: Support.Binding } | undefined
  }>
  /** Failed conditions that appear or disappear (`rule` or `subject:rule`). */
  readonly failures: { readonly added: ReadonlyArray<string>; readonly removed: ReadonlyArray<string> }
  /** Citations that appear or disappear, rendered in English with their grade. */
  readonly citations: { readonly added: ReadonlyArray<string>; readonly removed: ReadonlyArray<string> }
}

const setDiff = (a: ReadonlyArray<string>, b: ReadonlyArray<string>): { readonly added: ReadonlyArray<string>; readonly removed: ReadonlyArray<string> } => {
  const sa = new Set(a)
  const sb = new Set(b)
  return { added: [...sb].filter((x) => !sa.has(x)), removed: [...sa].filter((x) => !sb.has(x)) }
}

/**
 * The differences between two evaluations (`before`, typically decoded from the store, and
 * `after`, a re-evaluation): pack id and version, overlay, date, inputs, verdict, payable, the
 * lines whose support or binding changed, failed conditions and citations added or removed.
 * {@link isSame} tells whether there is any.
 * @category audit
 * @since 0.3.0
 * @example `diff(stored, reevaluated)` → `{ pack: { before: "vn-khuyen-cong-2021-2025@0.2.0", after: "vn-khuyen-cong-2021-2025@0.3.0" }, payable: { before: 300000000n, after: 250000000n }, lines: [{ index: 0, item: "machinery.equipment", … }], failures: { added: [], removed: [] }, citations: { added: […], removed: […] } }`
 */
export const diff = (before: Evaluation, after: Evaluation): Difference => {
  const out: { -readonly [K in keyof Difference]: Difference[K] } = {
    lines: [],
    failures: setDiff(
      Eligibility.failures(before.eligibility).map((c) => (c.subject === undefined ? c.rule : `${c.subject}:${c.rule}`)),
      Eligibility.failures(after.eligibility).map((c) => (c.subject === undefined ? c.rule : `${c.subject}:${c.rule}`))
    ),
    citations: setDiff(citationsOf(before).map((c) => refText(c, "en")), citationsOf(after).map((c) => refText(c, "en")))
  }
  const pb = `${before.packId}@${before.packVersion}`
  const pa = `${after.packId}@${after.packVersion}`
  if (pb !== pa) out.pack = { before: pb, after: pa }
  if (before.overlay !== after.overlay) out.overlay = { before: before.overlay, after: after.overlay }
  if (before.date !== after.date) out.date = { before: before.date, after: after.date }
  if (before.inputHash !== after.inputHash) out.inputs = { before: before.inputHash, after: after.inputHash }
  if (before.verdict !== after.verdict) out.verdict = { before: before.verdict, after: after.verdict }
  if (before.payable !== after.payable) out.payable = { before: before.payable, after: after.payable }
  const lines: Array<Difference["lines"][number]> = []
  const n = Math.max(before.support.lines.length, after.support.lines.length)
  for (let i = 0; i < n; i++) {
    const b = before.support.lines[i]
    const a = after.support.lines[i]
    if (b !== undefined && a !== undefined && b.support === a.support && b.binding === a.binding) continue
    lines.push({
      index: i,
      item: (a ?? b)?.item ?? "",
      before: b === undefined ? undefined : { support: b.support, binding: b.binding },
      after: a === undefined ? undefined : { support: a.support, binding: a.binding }
    })
  }
  out.lines = lines
  return out
}

/**
 * Whether {@link diff} found no difference in outcome: same pack and version, overlay, date,
 * inputs, verdict, payable, lines, failures and citations.
 * @category audit
 * @since 0.3.0
 * @example `isSame(diff(e, e))` → `true`
 */
export const isSame = (d: Difference): boolean =>
  d.pack === undefined && d.overlay === undefined && d.date === undefined && d.inputs === undefined && d.verdict === undefined && d.payable === undefined &&
  d.lines.length === 0 && d.failures.added.length === 0 && d.failures.removed.length === 0 && d.citations.added.length === 0 && d.citations.removed.length === 0
