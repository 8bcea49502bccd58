/**
 * Evaluate (đánh giá đề án): eligibility and support of a proposal in one call, with the amount
 * payable (support when eligible, 0 otherwise) and, on request, one JSON trace of both.
 *
 * For many proposals, resolve the pack once per date (`Pack.resolve`) and call {@link evaluate}
 * in the loop, or use {@link evaluateAll}, which picks the governing pack per proposal
 * (`Resolution.forDate` on the approval date) and resolves each pack once per date.
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
import type { Effect } from "effect"
import * as Eligibility from "./Eligibility.js"
import { LookupError, RuleViolation, type Issue } from "../values/Errors.js"
import { evaluateRaw } from "./eligibility/verdicts.js"
import { computeRaw } from "./internal/supportEngine.js"
import type * as LocalDate from "../values/LocalDate.js"
import type * as Money from "../values/Money.js"
import { resolve, viewFor, type ResolvedPack } from "./Pack.js"
import * as Resolution from "./Resolution.js"
import { err, ok, orThrow, type Result, toEffect } from "../values/Result.js"
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
  readonly establishments: Eligibility.Establishments
  /** Record a JSON trace (default off: costs nothing). */
  readonly trace?: boolean
  /** Apply the pack's priority multiplier to priority proposals (default off). */
  readonly applyPriorityMultiplier?: boolean
}

/**
 * The evaluation of one proposal.
 * @category models
 * @since 0.1.0
 */
export interface Evaluation {
  readonly proposalId: string
  readonly packId: string
  readonly packVersion: string
  readonly date: LocalDate.LocalDate
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
   * The warnings of the resolved view at the date (`ResolvedPack.warnings`): a provincial level
   * above the national one, an instrument reported but unseen that may have replaced the levels
   * (`pack/reported-instrument`). Also the last steps of the trace (`pack.warning`).
   * @since 0.3.0
   */
  readonly warnings: ReadonlyArray<Issue>
  readonly trace: Trace.Trace | undefined
}

const NONE: ReadonlyArray<never> = Object.freeze([])

/** A trace step for one condition, built directly (every value is already JSON). */
const conditionStep = (c: Eligibility.Condition, subject: string, reads: ReadonlyArray<Trace.ParameterRead>): Trace.TraceStep => ({
  rule: c.rule,
  description: c.message,
  inputs: c.path === undefined ? { subject } : { subject, path: c.path.join(".") },
  parameters: reads,
  roundings: NONE,
  result: { status: c.status, reason: c.reason, grade: c.grade },
  layer: c.layer
})

/** Eligibility steps: conditions are in the order of the view's rules, so the reads are found by index. */
const eligibilitySteps = (v: Eligibility.ProposalVerdict, view: ResolvedPack): Array<Trace.TraceStep> => {
  const steps: Array<Trace.TraceStep> = []
  const pr = view.proposalRules
  const er = view.establishmentRules
  for (let i = 0; i < v.conditions.length; i++) steps.push(conditionStep(v.conditions[i] as Eligibility.Condition, v.proposalId, pr[i]?.reads ?? NONE))
  for (const e of v.establishments)
    for (let i = 0; i < e.conditions.length; i++) steps.push(conditionStep(e.conditions[i] as Eligibility.Condition, e.establishmentId, er[i]?.reads ?? NONE))
  for (const l of v.lines) steps.push(conditionStep(l.condition, v.proposalId, pr.find((r) => r.id === l.condition.rule)?.reads ?? NONE))
  steps.push({
    rule: "eligibility.verdict",
    description: "Eligibility verdict (kết luận đủ điều kiện): ineligible if any condition failed",
    inputs: { proposal: v.proposalId },
    parameters: NONE,
    roundings: NONE,
    result: v.verdict
  })
  return steps
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
  let sum = 0n
  for (const l of v.lines) for (const ls of s.lines) if (ls.activityIndex === l.activity && ls.lineIndex === l.line) sum += ls.support
  return sum
}

/**
 * Eligibility and support of a proposal against a resolved pack.
 * @category evaluation
 * @since 0.1.0
 * @example `evaluate(p, resolved, { establishments })` → `ok({ verdict: "eligible", payable: 900000000n, … })`
 */
export const evaluate = (
  p: Proposal,
  resolved: ResolvedPack,
  ctx: Context
): Result<Evaluation, LookupError | RuleViolation> => {
  const v = evaluateRaw(p, resolved, ctx)
  if (v instanceof LookupError) return err(v)
  const s = computeRaw(p, resolved, ctx)
  if (s instanceof RuleViolation || s instanceof LookupError) return err(s)
  return ok({
    proposalId: p.id,
    packId: s.packId,
    packVersion: s.packVersion,
    date: s.date,
    verdict: v.verdict,
    eligibility: v,
    support: s,
    payable: (v.verdict === "eligible" ? s.total - excludedSupport(v, s) : 0n) as Money.Money,
    warnings: viewFor(resolved, p.fund).warnings,
    trace:
      ctx.trace === true && s.trace !== undefined
        ? { schemaVersion: 1, steps: [...eligibilitySteps(v, viewFor(resolved, p.fund)), ...s.trace.steps, ...viewFor(resolved, p.fund).warnings.map(warningStep)] }
        : undefined
  })
}

/**
 * {@link evaluate}, throwing the error.
 * @function
 * @category evaluation
 * @since 0.1.0
 * @example `evaluateOrThrow(p, resolved, { establishments }).payable` → `900000000n`
 */
export const evaluateOrThrow: (p: Proposal, resolved: ResolvedPack, ctx: Context) => Evaluation = orThrow(evaluate)

/**
 * {@link evaluate} as an Effect.
 * @function
 * @category evaluation
 * @since 0.1.0
 * @example `Effect.runSync(evaluateEffect(p, resolved, { establishments })).verdict` → `"eligible"`
 */
export const evaluateEffect: (p: Proposal, resolved: ResolvedPack, ctx: Context) => Effect.Effect<Evaluation, LookupError | RuleViolation> = toEffect(evaluate)

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
  // The last answer, for the common case of consecutive proposals of one pack and date.
  let lastPack: RulePack | undefined
  let lastDate: string | undefined
  let last: Result<ResolvedPack, LookupError> | undefined
  return {
    get: (pack, date) => {
      if (pack === lastPack && date === lastDate && last !== undefined) return last
      let m = byPack.get(pack)
      if (m === undefined) {
        m = new Map()
        byPack.set(pack, m)
      }
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
