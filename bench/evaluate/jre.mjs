// (c) The same rules in json-rules-engine 7 (what a JS team would otherwise pick): the decisions
// are JSON rules (a decision table of the catalogue, one rule per spending item; the eligibility
// conditions with all/any, custom operators for hierarchical industry codes and date order), the
// arithmetic is JS with bigint on the cap parameters the matching rule's event carries.
// Per proposal: one engine run for the proposal, one per beneficiary, one per cost line, in
// parallel (Promise.all).
import jre from "json-rules-engine"
import {
  CONVERSION_YEARS,
  CONVERTED_WARD_CLASSES,
  EXCLUDED,
  INDUSTRIES,
  ITEMS,
  LEGAL_FORMS,
  MINING,
  MINING_AREAS,
  ENTERPRISE_SETUP,
  ENTERPRISE_SETUP_AREAS,
  OVERHEAD,
  BENEFICIARY,
  QUANTITY,
  SPECIAL_ZONE_FROM,
  UNIT_KINDS,
  under,
  WARD_CLASSES
} from "./rules.mjs"

const { Engine } = jre
const options = { allowUndefinedFacts: true }

const operators = (engine) => {
  engine.addOperator("underAny", (code, entries) => typeof code === "string" && under(code, entries))
  engine.addOperator("underNone", (code, entries) => typeof code === "string" && !under(code, entries))
  engine.addOperator("onOrAfter", (a, b) => typeof a === "string" && typeof b === "string" && a >= b)
  return engine
}

// Establishment rules: each rule's conditions say when the establishment passes; a rule whose
// conditions fail is a failed condition.
const establishmentEngine = operators(new Engine([], options))
const pass = (name, conditions) => establishmentEngine.addRule({ name, conditions, event: { type: "pass", params: { rule: name } } })
const cleaner = { fact: "cleanerProduction", operator: "equal", value: true }
pass("legal-form", { any: [{ fact: "legalForm", operator: "in", value: LEGAL_FORMS }, cleaner] })
pass("location", {
  any: [
    cleaner,
    { fact: "unitKind", operator: "in", value: UNIT_KINDS },
    {
      all: [
        { fact: "unitKind", operator: "equal", value: "special-zone" },
        { fact: "date", operator: "onOrAfter", value: SPECIAL_ZONE_FROM }
      ]
    },
    {
      all: [
        { fact: "unitKind", operator: "equal", value: "ward" },
        { fact: "cityClass", operator: "in", value: WARD_CLASSES }
      ]
    },
    {
      all: [
        { fact: "unitKind", operator: "equal", value: "ward" },
        { fact: "cityClass", operator: "in", value: CONVERTED_WARD_CLASSES },
        { fact: "conversionWindowEnds", operator: "onOrAfter", value: { fact: "reference" } }
      ]
    }
  ]
})
pass("industry", { any: [{ fact: "industry", operator: "underAny", value: INDUSTRIES }, cleaner] })
pass("industry-exclusion", { all: [{ fact: "industry", operator: "underNone", value: EXCLUDED }] })
pass("mining-area", {
  any: [
    { fact: "industry", operator: "underNone", value: MINING },
    { fact: "difficultArea", operator: "in", value: MINING_AREAS }
  ]
})
pass("enterprise-setup-area", {
  any: [
    { fact: "enterpriseSetup", operator: "equal", value: false },
    { fact: "difficultArea", operator: "in", value: ENTERPRISE_SETUP_AREAS }
  ]
})
// dynamic fact: the day the conversion window ends (converted on + 5 years; 29 Feb → 28 Feb)
establishmentEngine.addFact("conversionWindowEnds", async (_params, almanac) => {
  const on = await almanac.factValue("convertedFromCommuneOn")
  if (on === undefined) return undefined
  const md = on.slice(4) === "-02-29" ? "-02-28" : on.slice(4)
  return `${Number(on.slice(0, 4)) + CONVERSION_YEARS}${md}`
})

// Cost-line rules: one rule per catalogue item carrying its cap; funding checks.
const lineEngine = operators(new Engine([], options))
for (const [code, [activity, scope, pool, phase, rn, rd, amount]] of Object.entries(ITEMS))
  lineEngine.addRule({
    name: code,
    conditions: {
      all: [
        { fact: "item", operator: "equal", value: code },
        { fact: "activity", operator: "equal", value: activity }
      ]
    },
    event: { type: "cap", params: { scope, pool, phase, rn, rd, amount } }
  })
lineEngine.addRule({
  name: "counterpart-funding",
  conditions: { all: [{ fact: "funded", operator: "greaterThanInclusive", value: { fact: "total" } }] },
  event: { type: "check", params: { rule: "counterpart-funding" } }
})
lineEngine.addRule({
  name: "no-double-funding",
  conditions: { all: [{ fact: "otherStateFunding", operator: "lessThanInclusive", value: 0 }] },
  event: { type: "check", params: { rule: "no-double-funding" } }
})

const proposalEngine = new Engine(
  [
    {
      name: "approved",
      conditions: { all: [{ fact: "approved", operator: "equal", value: true }] },
      event: { type: "check", params: { rule: "approved" } }
    }
  ],
  options
)

const runEstablishment = (e, p, date) => {
  const l = e.location
  return establishmentEngine.run({
    legalForm: e.legalForm.kind,
    cleanerProduction: e.cleanerProduction,
    unitKind: l.commune.kind,
    cityClass: l.cityClass === undefined ? "none" : String(l.cityClass),
    convertedFromCommuneOn: l.convertedFromCommuneOn,
    reference: `${p.planYear - 1}-12-31`,
    date,
    industry: e.industry.code,
    difficultArea: l.difficultArea,
    enterpriseSetup: p.activities.some((a) => a.activity === ENTERPRISE_SETUP)
  })
}

const runLine = (a, l) =>
  lineEngine.run({
    item: l.item,
    activity: a.activity,
    funded: l.requestedSupport + (l.otherStateFunding ?? 0n) + l.counterpartFunding,
    total: l.total,
    otherStateFunding: l.otherStateFunding ?? 0n
  })

const timesQuantity = (amount, q) => {
  if (typeof q === "number") return amount * BigInt(q)
  const dot = q.indexOf(".")
  return (amount * BigInt(q.slice(0, dot) + q.slice(dot + 1))) / 10n ** BigInt(q.length - dot - 1)
}

/** Eligibility and total support of one proposal: `{ eligible, support }`. */
export const evaluate = async (p, establishments) => {
  const date = p.approvalDate ?? `${p.planYear}-01-01`
  const runs = [proposalEngine.run({ approved: p.approvalDate !== undefined })]
  for (const id of p.beneficiaries) {
    const e = establishments.get(id)
    if (e === undefined) throw new Error(`unknown establishment ${id}`)
    runs.push(runEstablishment(e, p, date))
  }
  const lines = []
  for (const a of p.activities)
    for (const l of a.costLines) {
      lines.push(l)
      runs.push(runLine(a, l))
    }
  const results = await Promise.all(runs)
  let eligible = true
  // a double-funded line is excluded; the proposal fails only when every line is
  let excluded = 0
  for (const r of results) {
    if (r.failureEvents.some((ev) => ev.type !== "cap" && ev.params.rule !== "no-double-funding")) eligible = false
    if (r.failureEvents.some((ev) => ev.params?.rule === "no-double-funding")) excluded++
  }
  if (lines.length > 0 && excluded === lines.length) eligible = false
  // caps from the decision table; a line without a cap event is outside the catalogue
  const first = 1 + p.beneficiaries.length
  const caps = lines.map((_, k) => results[first + k].events.find((ev) => ev.type === "cap")?.params)
  if (caps.some((c) => c === undefined)) eligible = false

  const group = p.form.kind === "group"
  const def = group ? undefined : p.beneficiaries[0]
  const members = group ? new Set(p.form.beneficiaryIds) : undefined
  const done = []
  let total = 0n
  let base = 0n
  for (let phase = 0; phase <= 2; phase++)
    lines.forEach((l, k) => {
      const c = caps[k]
      if (c === undefined || c.phase !== phase) return
      const cost = l.total
      let s = l.requestedSupport < cost ? l.requestedSupport : cost
      const ben = l.beneficiaryId ?? def
      let inGroup = false
      const sum = (pred) => done.filter(pred).reduce((x, d) => x + d.support, 0n)
      if (c.scope === OVERHEAD) {
        const used = sum((d) => d.pool === c.pool)
        const cap = (base * c.rn) / c.rd
        const left = cap > used ? cap - used : 0n
        if (left < s) s = left
      } else {
        if (c.rd !== 0n) {
          const rateCap = (cost * c.rn) / c.rd
          if (rateCap < s) s = rateCap
        }
        if (c.amount >= 0n) {
          let cap
          if (c.scope === QUANTITY) cap = timesQuantity(c.amount, l.quantity)
          else if (c.scope === BENEFICIARY && members !== undefined && (ben === undefined || members.has(ben))) {
            // group project: cap × members for the pool, cap per member for its own lines
            const usedGroup = sum((d) => d.pool === c.pool && d.inGroup)
            const groupCap = c.amount * BigInt(members.size)
            cap = groupCap > usedGroup ? groupCap - usedGroup : 0n
            if (ben !== undefined) {
              const usedOwn = sum((d) => d.pool === c.pool && d.inGroup && d.ben === ben)
              const own = c.amount > usedOwn ? c.amount - usedOwn : 0n
              if (own < cap) cap = own
            }
            inGroup = true
          } else {
            const used = sum((d) => d.pool === c.pool && (c.scope !== BENEFICIARY || (d.ben ?? "") === (ben ?? "")))
            cap = c.amount > used ? c.amount - used : 0n
          }
          if (cap < s) s = cap
        }
        if (s < 0n) s = 0n
        base += s
      }
      done.push({ pool: c.pool, ben, support: s, inGroup })
      total += s
    })
  return { eligible, support: total }
}
