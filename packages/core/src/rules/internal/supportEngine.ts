/**
 * Internal: the support computation itself (see the `Support` module for the rules), returning
 * the result or the error without a `Result` wrapper, for `Support.compute` and `Evaluate`.
 *
 * The computation never builds a trace: the loop stays small and its type feedback is not mixed
 * with tracing. When a trace is asked for, {@link supportTrace} derives it afterwards from the
 * results, recomputing each named rounding (the same bigint division) to record it.
 * @module
 */
import * as Citation from "../../values/Citation.js"
import { RuleViolation, type LookupError } from "../../values/Errors.js"
import * as Money from "../../values/Money.js"
import type { Reading, ResolvedItem, ResolvedPack } from "../Pack.js"
import * as Priority from "../Priority.js"
import { quantityFraction, type Proposal, type Quantity } from "../../records/Proposal.js"
import * as Rate from "../../values/Rate.js"
import * as Rounding from "../../values/Rounding.js"
import type { Binding, BindingParameter, DerivedCap, LineSupport, Options, ProposalSupport } from "./supportModel.js"
import * as Trace from "../../values/Trace.js"
import { decodedAs } from "../../values/Decode.js"
import { lazyField } from "../../values/internal/stamp.js"

/** The less certain of two grades, in `Citation`'s order. */
const weaker = (a: Citation.Grade, b: Citation.Grade): Citation.Grade => (Citation.compareGrade(b, a) < 0 ? b : a)

/**
 * The rate a line's support is capped at: the item's rate, raised by the priority multiplier when
 * one is applied, never above 100 % of the cost. Without a multiplier, the item's own rate (no
 * allocation on the common path).
 */
const lineRate = (item: ResolvedItem, multiplier: Rate.Rate | undefined): Rate.Rate => {
  const rate = (item.rate as Reading<Rate.Rate>).value
  if (multiplier === undefined) return rate
  const raised = Rate.multiply(rate, multiplier)
  return Rate.isAtMost(raised, 1n) ? raised : Rate.one
}

const NOT_IN_CATALOGUE_GRADE: Citation.Grade = "primary"
const EMPTY = ""

/** Quantity times an amount, rounded with `mode` when the quantity is decimal. */
const timesQuantity = (amount: bigint, q: Quantity, mode: Rounding.Mode): bigint => {
  if (typeof q === "number") return amount * BigInt(q)
  const [n, d] = quantityFraction(q)
  return Rounding.multiplyValue(amount, n, d, mode)
}

const parameterOf = (r: Reading<unknown>): BindingParameter => ({ id: r.parameterId, citation: r.citation, layer: r.layer })

/**
 * The binding parameter of a reading, built once per reading (a resolved pack's readings are
 * shared by every line it caps) and shared, frozen, by the lines.
 */
const bindingParameters = new WeakMap<Reading<unknown>, BindingParameter>()
const sharedParameterOf = (r: Reading<unknown>): BindingParameter => {
  let b = bindingParameters.get(r)
  if (b === undefined) {
    b = Object.freeze(parameterOf(r))
    bindingParameters.set(r, b)
  }
  return b
}

/**
 * The parameter behind the cap that bound, if a cap did: for a multiple-of item bound by its
 * absolute cap, the multiple (the rule that set the figure), not the base item's amount.
 */
const bindingParameterOf = (item: ResolvedItem, binding: Binding): BindingParameter | undefined => {
  const r =
    binding === "rate"
      ? item.rate
      : binding === "absolute-cap"
        ? item.scope === "overhead"
          ? item.share
          : (item.multiple ?? item.amountReading)
        : undefined
  return r === undefined ? undefined : sharedParameterOf(r)
}

/** The derivation of a multiple-of item's cap, built once per resolved item. */
const derivations = new WeakMap<ResolvedItem, DerivedCap>()
const derivedCapOf = (item: ResolvedItem): DerivedCap | undefined => {
  const m = item.multiple
  const base = item.amountReading
  if (m === undefined || base === undefined || item.baseItem === undefined) return undefined
  let d = derivations.get(item)
  if (d === undefined) {
    const times = `${Rate.toCanonicalString(m.value).replace(".", ",")} ×`
    d = Object.freeze({
      item: item.code,
      citation: item.citation,
      multiple: m.value,
      multipleParameter: parameterOf(m),
      baseItem: item.baseItem,
      base: base.value as Money.Money,
      baseParameter: parameterOf(base),
      amount: item.amount as Money.Money,
      text: `${times} ${Money.format(base.value as Money.Money)} (${item.baseItem}) = ${Money.format(item.amount as Money.Money)} ${unitText(item.unit)} [${Citation.format(item.citation)}]`
    })
    derivations.set(item, d)
  }
  return d
}

/** A cap unit as words: `per-establishment` → `per establishment`. */
const unitText = (unit: string): string => unit.replace(/-/g, " ")

const line = (
  activityIndex: number,
  lineIndex: number,
  activity: string,
  item: string,
  beneficiaryId: string | undefined,
  eligibleCost: bigint,
  requested: bigint,
  rateCap: bigint | undefined,
  absoluteCap: bigint | undefined,
  support: bigint,
  binding: Binding,
  grade: Citation.Grade,
  layer: string,
  aboveNational: boolean,
  pooledGroup: number | undefined = undefined,
  bindingParameter: BindingParameter | undefined = undefined,
  derivedCap: DerivedCap | undefined = undefined
): LineSupport => ({
  activityIndex,
  lineIndex,
  activity,
  item,
  beneficiaryId,
  eligibleCost: eligibleCost as Money.Money,
  requested: requested as Money.Money,
  rateCap: rateCap as Money.Money | undefined,
  absoluteCap: absoluteCap as Money.Money | undefined,
  support: support as Money.Money,
  binding,
  bindingParameter,
  grade,
  layer,
  aboveNational,
  pooledGroup,
  derivedCap
})

/**
 * Per computed line: its cap pool (undefined before it is computed or when not in the catalogue)
 * and whether it is an overhead line. Reused between calls (the computation is synchronous), so
 * the pool sums compare strings without looking items up again.
 */
const poolAt: Array<string | undefined> = []
const overheadAt: Array<boolean> = []
/** Per computed line: whether it counts against a group's pooled cap (a member's line or an unattributed one). */
const groupAt: Array<boolean> = []

/** Compute the support of a proposal (see `Support.compute`). */
export const computeRaw = (
  p: Proposal,
  resolved: ResolvedPack,
  options?: Options
): ProposalSupport | RuleViolation | LookupError => {
  const view = p.fund === "national" && resolved.national !== undefined ? resolved.national : resolved
  if (p.fund === "local" && view.province !== undefined) {
    for (let k = 0; k < p.locations.length; k++) {
      const code = (p.locations[k] as Proposal["locations"][number]).provinceCode
      if (code !== view.province)
        return new RuleViolation({
          code: "support/province-mismatch",
          path: ["locations", k, "provinceCode"],
          rule: "overlay.province",
          message: `local-fund (khuyến công địa phương) proposal "${p.id}" is carried out in province (tỉnh) ${code}, but the provincial levels resolved are those of province ${view.province}`
        })
    }
  }
  const mode = view.rounding

  // Priority multiplier
  let multiplier: Rate.Rate | undefined
  let applied = false
  const mult = view.priorityMultiplier
  let classification: Priority.Classification | undefined
  if (options?.applyPriorityMultiplier === true && mult !== undefined) {
    const c = Priority.classify(p, { resolved: view, establishments: options.establishments ?? new Map() })
    if (!c.ok) return c.error
    if (Priority.isPriority(c.value)) {
      applied = true
      classification = c.value
      multiplier = mult.value
    }
  }

  const defaultBeneficiary = p.form.kind !== "group" ? p.beneficiaries[0] : undefined
  // Group members (distinct): an unattributed per-establishment line is capped at cap × members.
  let members: ReadonlySet<string> | undefined
  if (p.form.kind === "group") members = new Set(p.form.beneficiaryIds)
  const acts = p.activities
  let count = 0
  for (let i = 0; i < acts.length; i++) count += (acts[i] as Proposal["activities"][number]).costLines.length
  // Results in line order; computed phase by phase (ordinary items, multiples, overhead).
  const results: Array<LineSupport | undefined> = new Array<LineSupport | undefined>(count)
  for (let q = 0; q < count; q++) {
    poolAt[q] = undefined
    overheadAt[q] = false
    groupAt[q] = false
  }
  let total = 0n
  let requested = 0n
  let eligible = 0n
  let grade: Citation.Grade = "primary"
  let maxPhase = 0

  for (let phase = 0; phase <= maxPhase; phase++) {
    let k = -1
    for (let i = 0; i < acts.length; i++) {
      const a = acts[i] as Proposal["activities"][number]
      const lines = a.costLines
      for (let j = 0; j < lines.length; j++) {
        k++
        const l = lines[j] as Proposal["activities"][number]["costLines"][number]
        const item = view.itemIndex.get(l.item)
        const listed = item !== undefined && item.activity === a.activity
        if (phase === 0) {
          requested += l.requestedSupport
          eligible += l.total
        }
        if (listed ? item.phase !== phase : phase !== 0) {
          if (listed && item.phase > maxPhase) maxPhase = item.phase
          continue
        }
        const cost: bigint = l.total
        const req: bigint = l.requestedSupport
        const beneficiaryId = l.beneficiaryId ?? defaultBeneficiary
        if (!listed) {
          results[k] = line(i, j, a.activity, l.item, beneficiaryId, cost, req, undefined, undefined, 0n, "not-in-catalogue", NOT_IN_CATALOGUE_GRADE, "national", false)
          continue
        }
        let support = req
        if (support > cost) support = cost
        if (item.scope === "overhead") {
          // at most its share of the other lines' support, less earlier overhead lines of its pool
          const share = item.share as Reading<Rate.Rate>
          let base = 0n
          let used = 0n
          for (let q = 0; q < count; q++) {
            const at = poolAt[q]
            if (at === undefined) continue
            const s = (results[q] as LineSupport).support
            if (overheadAt[q] === false) base += s
            else if (at === item.pool) used += s
          }
          const cap = Rounding.multiplyValue(base, share.value.numerator, share.value.denominator, mode)
          const absCap = cap > used ? cap - used : 0n
          if (absCap < support) support = absCap
          grade = weaker(grade, item.grade)
          total += support
          const overheadBinding: Binding = support === absCap ? "absolute-cap" : "request"
          results[k] = line(i, j, a.activity, l.item, beneficiaryId, cost, req, undefined, absCap, support, overheadBinding, item.grade, item.layer, item.aboveNational, undefined, bindingParameterOf(item, overheadBinding))
          poolAt[k] = item.pool
          overheadAt[k] = true
          continue
        }
        // Rate cap (items without a rate are still capped at their cost)
        let rateCap: bigint | undefined
        if (item.hasRate) {
          const rate = lineRate(item, multiplier)
          rateCap = Rounding.multiplyValue(cost, rate.numerator, rate.denominator, mode)
          if (rateCap < support) support = rateCap
        }
        // Absolute cap for the unit, less what earlier lines of the same pool and unit used
        let absCap: bigint | undefined
        let pooled: number | undefined
        let inGroup = false
        if (item.hasAmount) {
          let unitCap = item.amount
          if (multiplier !== undefined) unitCap = Rounding.multiplyValue(unitCap, multiplier.numerator, multiplier.denominator, mode)
          if (item.scope === "quantity") absCap = timesQuantity(unitCap, l.quantity, mode)
          else if (item.scope === "beneficiary" && members !== undefined && (beneficiaryId === undefined || members.has(beneficiaryId))) {
            // Group project: the members' caps pool. A member's own lines stay within its cap;
            // every line of the pool (members' and unattributed) stays within cap × members.
            const groupCap = unitCap * BigInt(members.size)
            let usedGroup = 0n
            let usedOwn = 0n
            const pool = item.pool
            for (let q = 0; q < count; q++) {
              if (poolAt[q] !== pool || groupAt[q] !== true) continue
              const prev = results[q] as LineSupport
              usedGroup += prev.support
              if (beneficiaryId !== undefined && prev.beneficiaryId === beneficiaryId) usedOwn += prev.support
            }
            absCap = groupCap > usedGroup ? groupCap - usedGroup : 0n
            if (beneficiaryId !== undefined) {
              const own = unitCap > usedOwn ? unitCap - usedOwn : 0n
              if (own < absCap) absCap = own
            } else pooled = members.size
            inGroup = true
          } else {
            let used = 0n
            const pool = item.pool
            const perBeneficiary = item.scope === "beneficiary"
            for (let q = 0; q < count; q++) {
              if (poolAt[q] !== pool) continue
              const prev = results[q] as LineSupport
              if (perBeneficiary && (prev.beneficiaryId ?? EMPTY) !== (beneficiaryId ?? EMPTY)) continue
              used += prev.support
            }
            absCap = unitCap > used ? unitCap - used : 0n
          }
          if (absCap < support) support = absCap
        }
        if (support < 0n) support = 0n
        const binding: Binding =
          absCap !== undefined && support === absCap
            ? "absolute-cap"
            : rateCap === undefined
              ? support === req
                ? "request"
                : "rate"
              : support === rateCap
                ? "rate"
                : "request"
        const g = applied && mult !== undefined ? weaker(item.grade, mult.citation.grade) : item.grade
        grade = weaker(grade, g)
        total += support
        results[k] = line(i, j, a.activity, l.item, beneficiaryId, cost, req, rateCap, absCap, support, binding, g, item.layer, item.aboveNational, pooled, bindingParameterOf(item, binding), item.phase === 1 ? derivedCapOf(item) : undefined)
        poolAt[k] = item.pool
        overheadAt[k] = false
        groupAt[k] = inGroup
      }
    }
  }

  const out: ProposalSupport = {
    proposalId: p.id,
    packId: view.packId,
    packVersion: view.version,
    date: view.date,
    fund: p.fund,
    province: view.province,
    lines: results as Array<LineSupport>,
    total: total as Money.Money,
    requested: requested as Money.Money,
    eligibleCost: eligible as Money.Money,
    multiplier: mult,
    multiplierApplied: applied,
    grade,
    trace: undefined
  }
  if (options?.trace !== true) return out
  // A decoded proposal cannot change (frozen, with everything in it): its trace is built when
  // first read. Any other proposal might be changed by its owner after the call: built now.
  if (decodedAs(p) === undefined) return { ...out, trace: supportTrace(p, view, out, classification) }
  return withLazyTrace(out, p, view, classification)
}

/**
 * A decoded proposal's support trace, built on first read (see {@link withLazyTrace}) from the
 * support as computed (`out`, which no caller holds: changing the returned support's fields does
 * not change its trace).
 */
const defineTrace = lazyField(
  "trace",
  "a proposal's support",
  (out: ProposalSupport, p: Proposal, view: ResolvedPack, c: Priority.Classification | undefined) => supportTrace(p, view, out, c)
)

/**
 * The support with its trace built on first read, then kept: an own, enumerable accessor where
 * the field was, so that spreading, JSON, equality and `structuredClone` see the same trace as
 * when it is built at once. The trace reads the support's lines and totals, the proposal and the
 * view, none of which can change; building it costs about as much again as computing the support
 * (steps, texts of amounts and roundings), which a caller that never reads it does not pay.
 */
const withLazyTrace = (out: ProposalSupport, p: Proposal, view: ResolvedPack, c: Priority.Classification | undefined): ProposalSupport => {
  // every field of the support as computed but its trace (the last), which becomes the accessor
  const { trace: _, ...s } = out
  defineTrace(s, out, p, view, c)
  return s as ProposalSupport
}

// ---------------------------------------------------------------------------------------------
// Trace (derived after the computation)

const NO_ROUNDINGS: ReadonlyArray<Trace.RoundingEntry> = Object.freeze([])

/** The citations of an item's activity and of the item, for its trace steps. */
const citationsByItem = new WeakMap<ResolvedItem, ReadonlyArray<Trace.CitationRef>>()
const itemCitations = (item: ResolvedItem, view: ResolvedPack): ReadonlyArray<Trace.CitationRef> => {
  // built once per resolved item (an item belongs to one view) and shared, frozen, by the traces
  let cs = citationsByItem.get(item)
  if (cs === undefined) {
    const a = view.activityIndex.get(item.activity)
    cs = Object.freeze(
      a === undefined ? [Object.freeze(Trace.citationRef(item.citation))] : [Object.freeze(Trace.citationRef(a.citation)), Object.freeze(Trace.citationRef(item.citation))]
    )
    citationsByItem.set(item, cs)
  }
  return cs
}

/** Rule id and description of an item's trace steps, built once per item. */
const names = new WeakMap<ResolvedItem, { readonly rule: string; readonly description: string }>()
const traceNames = (item: ResolvedItem): { readonly rule: string; readonly description: string } => {
  let n = names.get(item)
  if (n === undefined) {
    n = { rule: `support.${item.code}`, description: `Support (mức hỗ trợ) for ${item.name} (${item.nameVi}), capped ${unitText(item.unit)}` }
    names.set(item, n)
  }
  return n
}

/**
 * Layer of the total: the highest layer among the lines' items and the multiplier applied, in
 * the view's layer order (`national` when nothing came from an overlay or a reform).
 */
const totalLayer = (s: ProposalSupport, view: ResolvedPack): string => {
  const layers = view.layers
  const rank = (id: string): number => {
    for (let i = 0; i < layers.length; i++) if ((layers[i] as ResolvedPack["layers"][number]).id === id) return i
    return -1
  }
  let layer = "national"
  let best = rank(layer)
  for (let i = 0; i < s.lines.length; i++) {
    const l = s.lines[i] as LineSupport
    if (l.binding === "not-in-catalogue" || l.layer === layer) continue
    const r = rank(l.layer)
    if (r > best) {
      best = r
      layer = l.layer
    }
  }
  if (s.multiplierApplied && s.multiplier !== undefined) {
    const r = rank(s.multiplier.layer)
    if (r > best) layer = s.multiplier.layer
  }
  return layer
}

/** Every step of the support computation, in line order: parameters read, roundings, layer. */
const supportTrace = (p: Proposal, view: ResolvedPack, s: ProposalSupport, c: Priority.Classification | undefined): Trace.Trace => {
  const steps: Array<Trace.TraceStep> = []
  const mode = view.rounding
  const mult = s.multiplierApplied ? s.multiplier : undefined
  if (mult !== undefined) {
    const inputs: Record<string, Trace.Json> = {}
    if (c?.area !== undefined) inputs["area"] = c.area.id
    if (c?.industry !== undefined) inputs["industry"] = c.industry.id
    steps.push({
      rule: "support.priority-multiplier",
      description: "Priority multiplier applied to rate and absolute caps (mức ưu tiên)",
      inputs,
      parameters: [Trace.readParameter(mult)],
      roundings: NO_ROUNDINGS,
      result: { numerator: mult.value.numerator.toString(), denominator: mult.value.denominator.toString() },
      layer: mult.layer
    })
  }
  let base = 0n
  for (const l of s.lines) {
    const it = view.itemIndex.get(l.item)
    if (l.binding !== "not-in-catalogue" && it !== undefined && it.scope !== "overhead") base += l.support
  }
  for (const l of s.lines) {
    const item = view.itemIndex.get(l.item)
    const costLine = (p.activities[l.activityIndex] as Proposal["activities"][number]).costLines[l.lineIndex] as Proposal["activities"][number]["costLines"][number]
    if (l.binding === "not-in-catalogue" || item === undefined) {
      steps.push({
        rule: "support.line",
        description: `Spending item (nội dung chi) "${l.item}" is not funded under activity "${l.activity}" by the catalogue in force on ${view.date}`,
        inputs: { activity: l.activity, item: l.item, eligibleCost: l.eligibleCost.toString(), requested: l.requested.toString() },
        parameters: [],
        roundings: NO_ROUNDINGS,
        result: { support: "0", binding: "not-in-catalogue" }
      })
      continue
    }
    const roundings: Array<Trace.RoundingEntry> = []
    const inputs: Record<string, Trace.Json> = { activity: l.activity, item: item.code }
    if (l.beneficiaryId !== undefined) inputs["beneficiary"] = l.beneficiaryId
    inputs["eligibleCost"] = l.eligibleCost.toString()
    inputs["requested"] = l.requested.toString()
    inputs["quantity"] = costLine.quantity
    const names = traceNames(item)
    if (l.pooledGroup !== undefined) inputs["pooledGroupMembers"] = l.pooledGroup
    if (item.scope === "overhead") {
      const share = item.share as Reading<Rate.Rate>
      roundings.push(Rounding.multiply(base, share.value.numerator, share.value.denominator, mode).record)
      inputs["baseSupport"] = base.toString()
      steps.push({
        rule: names.rule,
        description: "Management overhead (chi quản lý): at most its share of the support of the other lines",
        inputs,
        parameters: item.reads,
        roundings,
        result: { absoluteCap: (l.absoluteCap ?? 0n).toString(), support: l.support.toString(), binding: l.binding },
        layer: item.layer,
        citations: itemCitations(item, view)
      })
      continue
    }
    if (item.hasRate) {
      const rate = lineRate(item, mult?.value)
      roundings.push(Rounding.multiply(l.eligibleCost, rate.numerator, rate.denominator, mode).record)
    }
    if (item.hasAmount) {
      if (item.amountRounding !== undefined) roundings.push(item.amountRounding)
      let unitCap = item.amount
      if (mult !== undefined) {
        const r = Rounding.multiply(unitCap, mult.value.numerator, mult.value.denominator, mode)
        roundings.push(r.record)
        unitCap = r.value
      }
      if (item.scope === "quantity" && typeof costLine.quantity === "string") {
        const [n, d] = quantityFraction(costLine.quantity)
        roundings.push(Rounding.multiply(unitCap, n, d, mode).record)
      }
    }
    const derived = l.derivedCap
    if (derived !== undefined)
      inputs["derivedCap"] = {
        multiple: Rate.toCanonicalString(derived.multiple),
        multipleParameter: derived.multipleParameter.id,
        baseItem: derived.baseItem,
        base: derived.base.toString(),
        baseParameter: derived.baseParameter.id,
        cap: derived.amount.toString()
      }
    const result: Record<string, Trace.Json> = {}
    if (l.rateCap !== undefined) result["rateCap"] = l.rateCap.toString()
    if (l.absoluteCap !== undefined) result["absoluteCap"] = l.absoluteCap.toString()
    result["support"] = l.support.toString()
    result["binding"] = l.binding
    result["grade"] = l.grade
    result["aboveNational"] = l.aboveNational
    steps.push({
      rule: names.rule,
      description:
        (derived === undefined ? names.description : `${names.description}; cap ${derived.text}`) +
        (l.pooledGroup === undefined
          ? ""
          : `; pooled group cap: a line of no single member, capped at ${l.pooledGroup} members × the cap ${unitText(item.unit)}, less what the group's lines of the pool already received`),
      inputs,
      parameters: mult !== undefined ? [...item.reads, Trace.readParameter(mult)] : item.reads,
      roundings,
      result,
      layer: item.layer,
      citations: itemCitations(item, view)
    })
  }
  steps.push({
    rule: "support.total",
    description: "Support for the proposal (tổng mức hỗ trợ): sum of the cost lines",
    inputs: { proposal: p.id, fund: p.fund, lines: s.lines.length },
    parameters: [],
    roundings: NO_ROUNDINGS,
    result: { total: s.total.toString(), requested: s.requested.toString(), eligibleCost: s.eligibleCost.toString(), multiplierApplied: s.multiplierApplied },
    layer: totalLayer(s, view)
  })
  return { schemaVersion: 1, steps }
}
