/**
 * Internal: evaluating the compiled eligibility rules of a resolved pack (for `Eligibility` and
 * `Evaluate`). Each rule's kind picks or builds the condition; this module walks the rules in the
 * pack's order and derives the verdicts, allocating only the arrays it returns (and none for the
 * proposal conditions when every one passes).
 * @module
 */
import { LookupError } from "../../values/Errors.js"
import type { Establishment } from "../../records/Establishment.js"
import type { Proposal } from "../../records/Proposal.js"
import type { ResolvedPack } from "../Pack.js"
import { evaluatorOf, inScope, type Evaluator } from "./compile.js"
import type { CatalogueView, Establishments } from "./Kind.js"
import type { CompiledRule, Condition, Context, EstablishmentVerdict, LineVerdict, ProposalVerdict } from "./model.js"

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
 * The beneficiaries of a proposal looked up once, in `proposal.beneficiaries` order (undefined for
 * an id not among the establishments): `Evaluate` checks their province codes and judges them
 * from this one look-up. One array reused between calls (evaluation is synchronous), so the look-up
 * allocates nothing; {@link releaseBeneficiaries} empties it after use, so that it keeps no
 * establishment alive.
 */
const found: Array<Establishment | undefined> = []

/** Look the proposal's beneficiaries up into the shared array (see {@link found}); valid until {@link releaseBeneficiaries}. */
export const lookUpBeneficiaries = (p: Proposal, es: Establishments): ReadonlyArray<Establishment | undefined> => {
  const ids = p.beneficiaries
  const n = ids.length
  if (es instanceof Map) for (let k = 0; k < n; k++) found[k] = (es as ReadonlyMap<string, Establishment>).get(ids[k] as string)
  else
    for (let k = 0; k < n; k++) {
      const id = ids[k] as string
      found[k] = Object.hasOwn(es, id) ? (es as Readonly<Record<string, Establishment>>)[id] : undefined
    }
  return found
}

/** Empty the shared array of the first `n` beneficiaries looked up. */
export const releaseBeneficiaries = (n: number): void => {
  for (let k = 0; k < n; k++) found[k] = undefined
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
    const ev = establishmentVerdict(e, id, erules, p.planYear, p)
    if (ev.verdict === "ineligible") failed = true
    else if (ev.verdict === "eligible") passed = true
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
