// (a) The floor: the same rules written by hand, exact (bigint đồng), no pack, no trace, no
// per-condition report. Eligibility stops at the first failed condition; support is computed for
// every proposal (the library computes it whether eligible or not, and both are compared).
// Works on the decoded proposals and establishments the library gets.
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

const items = new Map(Object.entries(ITEMS))

const locationOk = (l, planYear, date) => {
  const kind = l.commune.kind
  if (kind !== "ward") return UNIT_KINDS.includes(kind) || (kind === "special-zone" && date >= SPECIAL_ZONE_FROM)
  const cls = l.cityClass === undefined ? "none" : String(l.cityClass)
  if (WARD_CLASSES.includes(cls)) return true
  if (!CONVERTED_WARD_CLASSES.includes(cls)) return false
  const on = l.convertedFromCommuneOn
  if (on === undefined) return false
  // converted on + 5 years ≥ 31 December of the year before the plan year
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

/**
 * The floor of issue 16 (a2): each establishment's own conditions computed once per plan year
 * (and side of the special-zone date, the only date they read) and remembered, as a register
 * prepared for evaluation would; `eligible` with that memo. The memo lives as long as the
 * function `precomputed()` returns (one per run, like the library's register).
 */
export const precomputed = () => {
  const memo = new Map() // establishment → Map<planYear × 2 + after special-zone date, boolean>
  const ok = (e, planYear, date) => {
    let m = memo.get(e)
    if (m === undefined) {
      m = new Map()
      memo.set(e, m)
    }
    const key = planYear * 2 + (date >= SPECIAL_ZONE_FROM ? 1 : 0)
    let r = m.get(key)
    if (r === undefined) {
      r = establishmentOk(e, planYear, date)
      m.set(key, r)
    }
    return r
  }
  return (p, establishments) => eligibleWith(p, establishments, ok)
}

/** Eligible: approved, every line in the catalogue, funded, no double funding, every beneficiary eligible. */
export const eligible = (p, establishments) => eligibleWith(p, establishments, establishmentOk)

const eligibleWith = (p, establishments, establishmentOk) => {
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
      const other = (l.otherStateFunding ?? 0n)
      if (l.requestedSupport < l.total && l.counterpartFunding < l.total && l.requestedSupport + other + l.counterpartFunding < l.total) return false
      // a line also funded by another state source is excluded; the proposal fails only when all are
      count++
      if (other > 0n) excluded++
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

const timesQuantity = (amount, q) => {
  if (typeof q === "number") return amount * BigInt(q)
  const dot = q.indexOf(".")
  return (amount * BigInt(q.slice(0, dot) + q.slice(dot + 1))) / 10n ** BigInt(q.length - dot - 1)
}

// lines already computed in this proposal: pool, beneficiary (as attributed), support, whether
// the line counts against a group's pooled cap
const pools = []
const bens = []
const sups = []
const grp = []

/** Distinct ids in a short list. */
const distinct = (ids) => {
  let n = 0
  for (let i = 0; i < ids.length; i++) if (ids.indexOf(ids[i]) === i) n++
  return n
}

/** Total support (mức hỗ trợ) of a proposal, exact. */
export const support = (p) => {
  const group = p.form.kind === "group"
  const def = group ? undefined : p.beneficiaries[0]
  const members = group ? p.form.beneficiaryIds : undefined
  const nMembers = group ? BigInt(distinct(members)) : 0n
  const acts = p.activities
  let n = 0
  let total = 0n
  let base = 0n // support of the non-overhead lines
  let maxPhase = 0
  for (let phase = 0; phase <= maxPhase; phase++) {
    for (let i = 0; i < acts.length; i++) {
      const a = acts[i]
      const lines = a.costLines
      for (let j = 0; j < lines.length; j++) {
        const l = lines[j]
        const it = items.get(l.item)
        if (it === undefined || it[0] !== a.activity) continue // not in the catalogue: 0
        const ph = it[3]
        if (ph !== phase) {
          if (ph > maxPhase) maxPhase = ph
          continue
        }
        const cost = l.total
        let s = l.requestedSupport < cost ? l.requestedSupport : cost
        const scope = it[1]
        const pool = it[2]
        const ben = l.beneficiaryId ?? def
        let inGroup = false
        if (scope === OVERHEAD) {
          let used = 0n
          for (let k = 0; k < n; k++) if (pools[k] === pool) used += sups[k]
          const cap = (base * it[4]) / it[5]
          const left = cap > used ? cap - used : 0n
          if (left < s) s = left
        } else {
          const rd = it[5]
          if (rd !== 0n) {
            const rateCap = rd === 1n ? cost * it[4] : (cost * it[4]) / rd
            if (rateCap < s) s = rateCap
          }
          const amount = it[6]
          if (amount >= 0n) {
            let cap
            if (scope === QUANTITY) cap = timesQuantity(amount, l.quantity)
            else if (scope === BENEFICIARY && group && (ben === undefined || members.includes(ben))) {
              // group project: cap × members for the pool, cap per member for its own lines
              let usedGroup = 0n
              let usedOwn = 0n
              for (let k = 0; k < n; k++)
                if (pools[k] === pool && grp[k]) {
                  usedGroup += sups[k]
                  if (ben !== undefined && bens[k] === ben) usedOwn += sups[k]
                }
              const groupCap = amount * nMembers
              cap = groupCap > usedGroup ? groupCap - usedGroup : 0n
              if (ben !== undefined) {
                const own = amount > usedOwn ? amount - usedOwn : 0n
                if (own < cap) cap = own
              }
              inGroup = true
            } else {
              let used = 0n
              for (let k = 0; k < n; k++) if (pools[k] === pool && (scope !== BENEFICIARY || (bens[k] ?? "") === (ben ?? ""))) used += sups[k]
              cap = amount > used ? amount - used : 0n
            }
            if (cap < s) s = cap
          }
          if (s < 0n) s = 0n
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
