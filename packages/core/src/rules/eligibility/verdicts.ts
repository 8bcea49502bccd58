/**
 * Internal: evaluating the compiled eligibility rules of a resolved pack (for `Eligibility` and
 * `Evaluate`). Each rule's kind picks or builds the condition; this module walks the rules in the
 * pack's order and derives the verdicts, allocating only the arrays it returns (and none for the
 * proposal conditions when every one passes).
 * @module
 */
import { decodedAs } from "../../values/Decode.js"
import { LookupError } from "../../values/Errors.js"
import type { Establishment } from "../../records/Establishment.js"
import type { Proposal } from "../../records/Proposal.js"
import type { ResolvedPack } from "../Pack.js"
import { evaluatorOf, inScope, type Evaluator } from "./compile.js"
import type { CatalogueView, Establishments } from "./Kind.js"
import type { CompiledRule, Condition, Context, EstablishmentVerdict, LineVerdict, ProposalVerdict, Verdict } from "./model.js"

/** Evaluate an establishment rule for a plan year. */
export const checkEstablishment = (rule: CompiledRule, e: Establishment, planYear: number): Condition => evaluatorOf(rule).establishment(e, planYear)

/** Evaluate a proposal rule against the view (national or provincial) the proposal uses. */
export const checkProposal = (rule: CompiledRule, p: Proposal, view: CatalogueView, establishments: Establishments): Condition =>
  evaluatorOf(rule).proposal(p, view, establishments)

/** The verdict on one establishment under the establishment-scope rules. */
export const establishmentVerdict = (
  e: Establishment,
  id: string,
  rules: ReadonlyArray<CompiledRule>,
  planYear: number,
  /** The proposal the establishment benefits from: a rule about some activities only applies when it has one (never without a proposal). */
  p?: Proposal
): EstablishmentVerdict => {
  const n = rules.length
  const conditions: Array<Condition> = new Array<Condition>(n)
  let failed = false
  let passed = false
  for (let i = 0; i < n; i++) {
    const t = (rules[i] as CompiledRule).tables as Evaluator
    const c = t.activities === undefined || inScope(t, p) ? t.establishment(e, planYear) : (t.outOfScope as Condition)
    if (c.status === "failed") failed = true
    else if (c.status === "passed") passed = true
    conditions[i] = c
  }
  return { establishmentId: id, verdict: failed ? "ineligible" : passed ? "eligible" : "not-applicable", conditions }
}

const scratch: Array<Condition> = []
const NO_LINES: ReadonlyArray<LineVerdict> = Object.freeze([])

/** The cost lines the proposal conditions exclude, in proposal order. */
const excludedLines = (conditions: ReadonlyArray<Condition>): ReadonlyArray<LineVerdict> => {
  let out: Array<LineVerdict> | undefined
  for (const c of conditions) if (c.lines !== undefined) for (const l of c.lines) (out ??= []).push(l as LineVerdict)
  if (out === undefined) return NO_LINES
  return out.sort((a, b) => a.activity - b.activity || a.line - b.line)
}

/**
 * What evaluation remembers of one establishment of a register (a `Map` of establishments passed
 * as `establishments`), for as long as the register lives: the establishment it was built for, its
 * province code, and its verdicts by establishment rules (one list is shared by every resolution
 * of the same readings), plan year and scope (which of the rules about some activities apply to
 * the proposal). An establishment rule reads nothing but the establishment and the plan year, and
 * only decoded establishments (`Decode.decodedAs`: frozen, with everything in them) are
 * remembered, so a verdict remembered is the verdict the rules would give again. The verdicts are
 * frozen and shared by the evaluations that find them.
 */
class Remembered {
  /** The province code as a number when it is two digits (what codes are), else -1. */
  readonly province: number
  /**
   * The last four verdicts found, in fields rather than an array (one object to read): for the
   * establishment rules `rules`, by key ({@link verdictKey}: plan year and scope), with their
   * outcome (`ineligible` …) beside them; `next`, the field the next one replaces. Older ones in
   * `more` (key, verdict, in turn).
   */
  rules: ReadonlyArray<CompiledRule> | undefined = undefined
  k0 = -1
  k1 = -1
  k2 = -1
  k3 = -1
  o0: Verdict = "not-applicable"
  o1: Verdict = "not-applicable"
  o2: Verdict = "not-applicable"
  o3: Verdict = "not-applicable"
  v0: EstablishmentVerdict | undefined = undefined
  v1: EstablishmentVerdict | undefined = undefined
  v2: EstablishmentVerdict | undefined = undefined
  v3: EstablishmentVerdict | undefined = undefined
  next = 0
  more: Array<number | EstablishmentVerdict> | undefined = undefined
  /** The outcome of the verdict {@link verdict} returned last. */
  outcome: Verdict = "not-applicable"
  constructor(
    readonly e: Establishment,
    readonly provinceCode: string
  ) {
    this.province = provinceNumber(provinceCode)
  }
  verdict(id: string, rules: ReadonlyArray<CompiledRule>, key: number, planYear: number, p: Proposal): EstablishmentVerdict {
    if (rules === this.rules) {
      if (this.k0 === key) {
        this.outcome = this.o0
        return this.v0 as EstablishmentVerdict
      }
      if (this.k1 === key) {
        this.outcome = this.o1
        return this.v1 as EstablishmentVerdict
      }
      if (this.k2 === key) {
        this.outcome = this.o2
        return this.v2 as EstablishmentVerdict
      }
      if (this.k3 === key) {
        this.outcome = this.o3
        return this.v3 as EstablishmentVerdict
      }
      const more = this.more
      if (more !== undefined)
        for (let i = 0; i < more.length; i += 2)
          if (more[i] === key) {
            const v = more[i + 1] as EstablishmentVerdict
            this.outcome = v.verdict
            return v
          }
    } else {
      this.rules = rules
      this.k0 = this.k1 = this.k2 = this.k3 = -1
      this.v0 = this.v1 = this.v2 = this.v3 = undefined
      this.next = 0
      this.more = undefined
    }
    const v = establishmentVerdict(this.e, id, rules, planYear, p)
    Object.freeze(v.conditions)
    Object.freeze(v)
    const o = v.verdict
    let oldKey = -1
    let old: EstablishmentVerdict | undefined
    switch (this.next) {
      case 0:
        oldKey = this.k0
        old = this.v0
        this.k0 = key
        this.o0 = o
        this.v0 = v
        break
      case 1:
        oldKey = this.k1
        old = this.v1
        this.k1 = key
        this.o1 = o
        this.v1 = v
        break
      case 2:
        oldKey = this.k2
        old = this.v2
        this.k2 = key
        this.o2 = o
        this.v2 = v
        break
      default:
        oldKey = this.k3
        old = this.v3
        this.k3 = key
        this.o3 = o
        this.v3 = v
    }
    this.next = (this.next + 1) & 3
    if (old !== undefined && (this.more ??= []).length < 120) this.more.push(oldKey, old)
    this.outcome = o
    return v
  }
}

/**
 * The key of a remembered verdict: plan year and scope in one small integer, or -1 when they do
 * not fit (the verdict is then not remembered).
 */
const verdictKey = (planYear: number, scope: number): number =>
  scope >= 0 && scope < 0x10000 && planYear >= 1900 && planYear < 1900 + 0x4000 ? ((planYear - 1900) << 16) | scope : -1

/** A province code as a number when it is two digits, else -1. */
export const provinceNumber = (code: string): number => {
  if (code.length !== 2) return -1
  const a = code.charCodeAt(0) - 48
  const b = code.charCodeAt(1) - 48
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1
}

/** The establishments remembered, by register and id (see {@link Remembered}). */
const registers = new WeakMap<ReadonlyMap<string, Establishment>, Map<string, Remembered>>()

/**
 * The scope of a proposal under establishment rules, as bits: bit `i` set when rule `i` is about
 * some activities and the proposal has one of them; -1 when there are too many rules to tell.
 */
const scopeOf = (rules: ReadonlyArray<CompiledRule>, p: Proposal): number => {
  if (rules.length > 16) return -1
  let bits = 0
  for (let i = 0; i < rules.length; i++) {
    const t = (rules[i] as CompiledRule).tables as Evaluator
    if (t.activities !== undefined && inScope(t, p)) bits |= 1 << i
  }
  return bits
}

/**
 * The beneficiaries of a proposal looked up once, in `proposal.beneficiaries` order (undefined for
 * an id not among the establishments): `Evaluate` checks their province codes and judges them
 * from this one look-up. One array reused between calls (evaluation is synchronous), so the look-up
 * allocates nothing; {@link releaseBeneficiaries} empties it after use, so that it keeps no
 * establishment alive. `remembered[k]`, what the register remembers of `found[k]` (undefined for
 * a record of establishments, an establishment not decoded, or an unknown id).
 */
const found: Array<Establishment | undefined> = []
const remembered: Array<Remembered | undefined> = []

/** Look the proposal's beneficiaries up into the shared array (see {@link found}); valid until {@link releaseBeneficiaries}. */
export const lookUpBeneficiaries = (p: Proposal, es: Establishments): ReadonlyArray<Establishment | undefined> => {
  const ids = p.beneficiaries
  const n = ids.length
  if (es instanceof Map) {
    const register = es as ReadonlyMap<string, Establishment>
    let memo = registers.get(register)
    if (memo === undefined) {
      memo = new Map()
      registers.set(register, memo)
    }
    for (let k = 0; k < n; k++) {
      const id = ids[k] as string
      const e = register.get(id)
      found[k] = e
      if (e === undefined) {
        remembered[k] = undefined
        continue
      }
      let r = memo.get(id)
      if (r === undefined || r.e !== e) {
        if (decodedAs(e) === undefined) r = undefined
        else {
          // ids removed from the register are forgotten now and then
          if (r === undefined && memo.size >= register.size + 1024) memo.clear()
          r = new Remembered(e, e.location.provinceCode)
          memo.set(id, r)
        }
      }
      remembered[k] = r
    }
  } else
    for (let k = 0; k < n; k++) {
      const id = ids[k] as string
      found[k] = Object.hasOwn(es, id) ? (es as Readonly<Record<string, Establishment>>)[id] : undefined
      remembered[k] = undefined
    }
  return found
}

/** What the register remembers of the beneficiaries last looked up (see {@link found}). */
export const rememberedBeneficiaries = (): ReadonlyArray<{ readonly provinceCode: string; readonly province: number } | undefined> => remembered

/** Empty the shared array of the first `n` beneficiaries looked up. */
export const releaseBeneficiaries = (n: number): void => {
  for (let k = 0; k < n; k++) {
    found[k] = undefined
    remembered[k] = undefined
  }
}

/** The proposal verdict, or the error (no Result wrapper): shared by `Eligibility` and `Evaluate`. */
export const evaluateRaw = (p: Proposal, resolved: ResolvedPack, ctx: Context): ProposalVerdict | LookupError => {
  const v = verdictWith(p, resolved, ctx.establishments, lookUpBeneficiaries(p, ctx.establishments))
  releaseBeneficiaries(p.beneficiaries.length)
  return v
}

/**
 * {@link evaluateRaw} with the beneficiaries already looked up (`beneficiaries[k]` is the
 * establishment of `p.beneficiaries[k]`, undefined when unknown).
 */
export const verdictWith = (
  p: Proposal,
  resolved: ResolvedPack,
  es: Establishments,
  beneficiaries: ReadonlyArray<Establishment | undefined>
): ProposalVerdict | LookupError => {
  const view = p.fund === "national" && resolved.national !== undefined ? resolved.national : resolved
  const prules = view.proposalRules
  let failed = false
  let passed = false
  let allPass = true
  for (let i = 0; i < prules.length; i++) {
    const t = (prules[i] as CompiledRule).tables as Evaluator
    const c = t.activities === undefined || inScope(t, p) ? t.proposal(p, view, es) : (t.outOfScope as Condition)
    if (c.status === "failed") failed = true
    else if (c.status === "passed") passed = true
    if (c !== t.pass) allPass = false
    scratch[i] = c
  }
  let conditions: ReadonlyArray<Condition>
  if (allPass) conditions = view.proposalPassed
  else {
    const copy = new Array<Condition>(prules.length)
    for (let i = 0; i < prules.length; i++) copy[i] = scratch[i] as Condition
    conditions = copy
  }
  const ids = p.beneficiaries
  const erules = view.establishmentRules
  const n = ids.length
  const key = n === 0 || beneficiaries !== found ? -1 : verdictKey(p.planYear, scopeOf(erules, p))
  const establishments: Array<EstablishmentVerdict> = new Array<EstablishmentVerdict>(n)
  for (let k = 0; k < n; k++) {
    const id = ids[k] as string
    const e = beneficiaries[k]
    if (e === undefined)
      return new LookupError({
        code: "eligibility/unknown-establishment",
        path: ["beneficiaries", k],
        at: id,
        message: `beneficiary (cơ sở thụ hưởng) "${id}" of proposal "${p.id}" is not among the establishments supplied`
      })
    const r = key >= 0 ? remembered[k] : undefined
    let ev: EstablishmentVerdict
    let outcome: Verdict
    if (r === undefined) {
      ev = establishmentVerdict(e, id, erules, p.planYear, p)
      outcome = ev.verdict
    } else {
      ev = r.verdict(id, erules, key, p.planYear, p)
      outcome = r.outcome
    }
    if (outcome === "ineligible") failed = true
    else if (outcome === "eligible") passed = true
    establishments[k] = ev
  }
  return {
    proposalId: p.id,
    packId: view.packId,
    date: view.date,
    verdict: failed ? "ineligible" : passed ? "eligible" : "not-applicable",
    establishments,
    conditions,
    lines: allPass ? NO_LINES : excludedLines(conditions)
  }
}
