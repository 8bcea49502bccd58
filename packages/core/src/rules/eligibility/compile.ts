/**
 * Internal: compiling a pack's eligibility rule at a date (called by `Pack.resolve`). The rule's
 * kind, from the registry, turns the values its roles read into every static outcome and the
 * check evaluation calls; this module adds what every rule shares: the grade (the weakest of the
 * rule's citation and its readings), the layer, the message prefix and suffix, the trace reads.
 * @module
 */
import * as Citation from "../../values/Citation.js"
import type { Path } from "../../values/Errors.js"
import type * as Parameter from "../../values/Parameter.js"
import * as Trace from "../../values/Trace.js"
import type { Proposal } from "../../records/Proposal.js"
import type { EligibilityRule } from "../RulePack.js"
import { roleValue, type EstablishmentCheck, type LineCondition, type Outcomes, type ProposalCheck, type Status } from "./Kind.js"
import type { CompiledRule, Condition, RuleConfig } from "./model.js"
import { kindOf, type KindName } from "./registry.js"

const NATIONAL = "national"

/** A parameter reading with the layer that set it (a `Pack.Reading`). */
export interface LayeredReading extends Parameter.Reading<unknown> {
  readonly layer: string
}

/**
 * What a compiled rule evaluates with (its `tables`): the check of its scope and, for a proposal
 * rule, its pass. One class, every field present, so that every rule's evaluator has one shape.
 */
export class Evaluator {
  constructor(
    readonly establishment: EstablishmentCheck<KindName>,
    readonly proposal: ProposalCheck<KindName>,
    /** The outcome of a proposal that meets the condition (proposal rules). */
    readonly pass: Condition | undefined,
    /** The activities the rule is about, or undefined (every proposal). */
    readonly activities: ReadonlySet<string> | undefined,
    /** The outcome for a proposal with none of `activities` (and an establishment judged without a proposal). */
    readonly outOfScope: Condition | undefined
  ) {}
}

/** Whether a proposal has an activity the rule is about (always, for a rule about every proposal). */
export const inScope = (t: Evaluator, p: Proposal | undefined): boolean => {
  const acts = t.activities
  if (acts === undefined) return true
  if (p === undefined) return false
  const pa = p.activities
  for (let i = 0; i < pa.length; i++) if (acts.has((pa[i] as Proposal["activities"][number]).activity)) return true
  return false
}

/** The outcomes of one rule while its kind compiles it; `table` becomes `CompiledRule.outcomes`. */
class RuleOutcomes implements Outcomes<KindName> {
  readonly table = new Map<string, Map<string, Condition>>()
  constructor(
    readonly rule: string,
    readonly kind: KindName,
    readonly prefix: string,
    readonly suffix: string,
    readonly citation: Citation.Citation,
    readonly grade: Citation.Grade,
    readonly layer: string
  ) {}
  put(status: Status, reason: string, text: string): Condition {
    const c = this.make(status, reason, text)
    const i = reason.indexOf(":")
    const group = i < 0 ? reason : reason.slice(0, i)
    const key = i < 0 ? "" : reason.slice(i + 1)
    let table = this.table.get(group)
    if (table === undefined) {
      table = new Map()
      this.table.set(group, table)
    }
    table.set(key, c)
    return c
  }
  make(
    status: Status,
    reason: string,
    text: string,
    extra?: { readonly path?: Path; readonly actual?: unknown; readonly lines?: ReadonlyArray<LineCondition<KindName>> }
  ): Condition {
    return Object.freeze({
      rule: this.rule,
      kind: this.kind,
      status,
      reason,
      message: this.prefix + text + this.suffix,
      citation: this.citation,
      grade: this.grade,
      layer: this.layer,
      ...extra
    })
  }
  must(c: Condition | undefined): Condition {
    if (c === undefined) throw new Error(`internal: rule ${this.rule} lacks an outcome`)
    return c
  }
}

const notEstablishment = (rule: string): EstablishmentCheck<KindName> => () => {
  throw new Error(`internal: ${rule} is not an establishment rule`)
}
const notProposal = (rule: string): ProposalCheck<KindName> => () => {
  throw new Error(`internal: ${rule} is not a proposal rule`)
}

/**
 * Compile a pack rule (whose kind `Pack.load` checked) with its readings (role → reading) at a
 * date; `describe` gives a parameter's description.
 */
export const compileRule = (
  rule: EligibilityRule,
  roles: Readonly<Record<string, LayeredReading>>,
  describe: (parameterId: string) => string
): CompiledRule => {
  const readings = Object.values(roles)
  const grade = Citation.weakestGrade([rule.citation.grade, ...readings.map((r) => r.citation.grade)])
  let layer = NATIONAL
  for (const r of readings) if (r.layer !== NATIONAL) layer = r.layer
  const kind = kindOf(rule.kind)

  const values: Record<string, unknown> = { kind: rule.kind }
  for (const [role, r] of Object.entries(kind.roles)) values[role] = roleValue(r.type, roles[role]?.value)
  const config = (
    kind.configure === undefined
      ? values
      : Object.assign(
          values,
          kind.configure(values as never, {
            description: (role) => {
              const id = rule.parameters[role]
              return id === undefined ? "" : describe(id)
            }
          })
        )
  ) as RuleConfig

  const prefix = `${rule.name} (${rule.nameVi}): `
  const suffix = ` [${Citation.format(rule.citation)}]`
  const out = new RuleOutcomes(rule.id, rule.kind, prefix, suffix, rule.citation, grade, layer)
  const scoped = rule.activities === undefined ? undefined : new Set(rule.activities)
  const outOfScope =
    rule.activities === undefined
      ? undefined
      : out.put("not-applicable", "scope/no-activity", `applies only to ${rule.activities.map((a) => `"${a}"`).join(", ")}, which the proposal does not include`)
  let evaluator: Evaluator
  if (kind.scope === "establishment") evaluator = new Evaluator(kind.compile(config as never, out), notProposal(rule.id), undefined, scoped, outOfScope)
  else {
    const compiled = kind.compile(config as never, out)
    evaluator = new Evaluator(notEstablishment(rule.id), compiled.check, compiled.pass, scoped, outOfScope)
  }
  return Object.freeze({
    id: rule.id,
    kind: rule.kind,
    scope: kind.scope,
    tables: evaluator,
    name: rule.name,
    nameVi: rule.nameVi,
    citation: rule.citation,
    grade,
    layer,
    reads: Object.freeze(readings.map((r) => Trace.readParameter(r))),
    messagePrefix: prefix,
    messageSuffix: suffix,
    config,
    activities: rule.activities,
    outcomes: out.table
  })
}

/** The evaluator of a compiled rule. */
export const evaluatorOf = (rule: CompiledRule): Evaluator => rule.tables as Evaluator

/** The outcome of a proposal rule when it passes. */
export const passOf = (rule: CompiledRule): Condition => {
  const pass = evaluatorOf(rule).pass
  if (pass === undefined) throw new Error(`internal: rule ${rule.id} lacks an outcome`)
  return pass
}
