// (b) The floor again with plain JS numbers, as a JS team would write it without bigint: money as
// numbers, rates as decimals (0.3, 0.5, 0.8, 0.025), quantities as floats, `Math.floor` for the
// rounding down. For reference: its totals are compared with the exact floor and the mismatches
// are counted (not an error: that is what floats do).
import {
  ACTIVITIES,
  BENEFICIARY,
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
  QUANTITY,
  SPECIAL_ZONE_FROM,
  UNIT_KINDS,
  under,
  WARD_CLASSES
} from "./rules.mjs"

// [activity, scope, pool, phase, rate (NaN: none), amount (−1: none)]
const items = new Map(Object.entries(ITEMS).map(([k, v]) => [k, [v[0], v[1], v[2], v[3], v[7], Number(v[6])]]))

/** The decoded proposal with money as numbers and quantities as floats (built once, before timing). */
export const toNumbers = (p) => ({
  id: p.id,
  form: p.form,
  beneficiaries: p.beneficiaries,
  planYear: p.planYear,
  approvalDate: p.approvalDate,
  activities: p.activities.map((a) => ({
    activity: a.activity,
    costLines: a.costLines.map((l) => ({
      item: l.item,
      quantity: typeof l.quantity === "number" ? l.quantity : Number.parseFloat(l.quantity),
      total: Number(l.total),
      requestedSupport: Number(l.requestedSupport),
      counterpartFunding: Number(l.counterpartFunding),
      otherStateFunding: l.otherStateFunding === undefined ? 0 : Number(l.otherStateFunding),
      beneficiaryId: l.beneficiaryId
    }))
  }))
})

const locationOk = (l, planYear, date) => {
  const kind = l.commune.kind
  if (kind !== "ward") return UNIT_KINDS.includes(kind) || (kind === "special-zone" && date >= SPECIAL_ZONE_FROM)
  const cls = l.cityClass === undefined ? "none" : String(l.cityClass)
  if (WARD_CLASSES.includes(cls)) return true
  if (!CONVERTED_WARD_CLASSES.includes(cls)) return false
  const on = l.convertedFromCommuneOn
  if (on === undefined) return false
  const limitYear = Number(on.slice(0, 4)) + CONVERSION_YEARS
  return limitYear > planYear - 1 || (limitYear === planYear - 1 && on.endsWith("-12-31"))
}

const establishmentOk = (e, planYear, date) => {
  const cp = e.cleanerProduction
  if (!cp && !LEGAL_FORMS.includes(e.legalForm.kind)) return false
  if (!cp && !locationOk(e.location, planYear, date)) return false
  const code = e.industry.code
  if (!cp && !under(code, INDUSTRIES)) return false
  if (under(code, EXCLUDED)) return false
  if (under(code, MINING) && !MINING_AREAS.includes(e.location.difficultArea)) return false
  return true
}

export const eligible = (p, establishments) => {
  const date = p.approvalDate
  if (date === undefined) return false
  const acts = p.activities
  let count = 0
  let excluded = 0
  let setup = false
  for (let i = 0; i < acts.length; i++) {
    const a = acts[i]
    if (!ACTIVITIES.has(a.activity)) return false
    if (a.activity === ENTERPRISE_SETUP) setup = true
    const lines = a.costLines
    for (let j = 0; j < lines.length; j++) {
      const l = lines[j]
      const it = items.get(l.item)
      if (it === undefined || it[0] !== a.activity) return false
      // counterpart covers the total less all state support (JC 26/2014 art. 7.3)
      const other = l.otherStateFunding
      if (l.requestedSupport < l.total && l.counterpartFunding < l.total && l.requestedSupport + other + l.counterpartFunding < l.total) return false
      // a line also funded by another state source is excluded; the proposal fails only when all are
      count++
      if (other > 0) excluded++
    }
  }
  if (count > 0 && excluded === count) return false
  const ids = p.beneficiaries
  for (let k = 0; k < ids.length; k++) {
    const e = establishments.get(ids[k])
    if (e === undefined) throw new Error(`unknown establishment ${ids[k]}`)
    if (!establishmentOk(e, p.planYear, date)) return false
    if (setup && !ENTERPRISE_SETUP_AREAS.includes(e.location.difficultArea)) return false
  }
  return true
}

const pools = []
const bens = []
const sups = []
const grp = []

const distinct = (ids) => {
  let n = 0
  for (let i = 0; i < ids.length; i++) if (ids.indexOf(ids[i]) === i) n++
  return n
}

export const support = (p) => {
  const group = p.form.kind === "group"
  const def = group ? undefined : p.beneficiaries[0]
  const members = group ? p.form.beneficiaryIds : undefined
  const nMembers = group ? distinct(members) : 0
  const acts = p.activities
  let n = 0
  let total = 0
  let base = 0
  let maxPhase = 0
  for (let phase = 0; phase <= maxPhase; phase++) {
    for (let i = 0; i < acts.length; i++) {
      const a = acts[i]
      const lines = a.costLines
      for (let j = 0; j < lines.length; j++) {
        const l = lines[j]
        const it = items.get(l.item)
        if (it === undefined || it[0] !== a.activity) continue
        const ph = it[3]
        if (ph !== phase) {
          if (ph > maxPhase) maxPhase = ph
          continue
        }
        const cost = l.total
        let s = Math.min(l.requestedSupport, cost)
        const scope = it[1]
        const pool = it[2]
        const ben = l.beneficiaryId ?? def
        let inGroup = false
        if (scope === OVERHEAD) {
          let used = 0
          for (let k = 0; k < n; k++) if (pools[k] === pool) used += sups[k]
          s = Math.min(s, Math.max(Math.floor(base * it[4]) - used, 0))
        } else {
          const rate = it[4]
          if (rate === rate) s = Math.min(s, Math.floor(cost * rate))
          const amount = it[5]
          if (amount >= 0) {
            let cap
            if (scope === QUANTITY) cap = Math.floor(amount * l.quantity)
            else if (scope === BENEFICIARY && group && (ben === undefined || members.includes(ben))) {
              let usedGroup = 0
              let usedOwn = 0
              for (let k = 0; k < n; k++)
                if (pools[k] === pool && grp[k]) {
                  usedGroup += sups[k]
                  if (ben !== undefined && bens[k] === ben) usedOwn += sups[k]
                }
              cap = Math.max(amount * nMembers - usedGroup, 0)
              if (ben !== undefined) cap = Math.min(cap, Math.max(amount - usedOwn, 0))
              inGroup = true
            } else {
              let used = 0
              for (let k = 0; k < n; k++) if (pools[k] === pool && (scope !== BENEFICIARY || (bens[k] ?? "") === (ben ?? ""))) used += sups[k]
              cap = Math.max(amount - used, 0)
            }
            s = Math.min(s, cap)
          }
          s = Math.max(s, 0)
          base += s
        }
        pools[n] = pool
        bens[n] = ben
        sups[n] = s
        grp[n] = inGroup
        n++
        total += s
      }
    }
  }
  return total
}
