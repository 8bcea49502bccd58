// The floor of decoding a proposal: a validator written by hand for the JSON form of a proposal,
// checking what `Proposal.decode` checks and building the same value (money as bigint đồng, ids
// and names in NFC, quantities canonical), with no schema, no issue, no message: `decode(json)`
// gives the decoded proposal, or undefined for any problem. The benchmark checks that it agrees
// with the library on every input it times (valid and mutated) and fails when it does not.
//
// What it checks, as core does (records/Proposal.ts and the value modules):
// - structure: every required field, no unknown field, the right kind of every value;
// - ids (mã) and names (tên): no control, invisible or bidirectional character (a newline is
//   allowed in a name), not blank, no surrounding spaces in an id, at most 128 / 500 characters;
//   read in NFC; free text (description) non-blank;
// - enums: fund, form kind, commune kind; province codes (the 63 + 34 codes of AdminUnits,
//   read from the library once as data); commune code 5 digits; plan year an integer 2000–2100;
//   dates YYYY-MM-DD that exist; money: digits (or a safe integer), ≥ 0; quantity > 0, a safe
//   integer or exact decimal text (canonicalised);
// - minimum lengths: activities and cost lines ≥ 1, a group's members ≥ 2;
// - cross-field rules: total = quantity × unit cost (a decimal quantity: the product rounded
//   either way), requested support ≤ total, requested + counterpart + other state = total, no
//   item twice in an activity for one beneficiary, no activity twice, no beneficiary twice, a
//   group's members distinct and among the beneficiaries, a cost line's beneficiary among them,
//   the period not ending before it starts, a key project's ≥ 2 activities and > 1 year.
import { AdminUnits, Period } from "../../packages/core/dist/index.js"

const PROVINCES = new Set()
for (let i = 0; i < 100; i++) {
  const c = String(i).padStart(2, "0")
  if (AdminUnits.isProvinceCode(c)) PROVINCES.add(c)
}
const FUNDS = new Set(["national", "local"])
const COMMUNE_KINDS = new Set(["commune", "ward", "township", "special-zone"])

const BAD_ID = /[\p{Cc}\p{Cf}\u2028\u2029]/u
const BAD_NAME = /[\u0000-\u0009\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\p{Cf}]/u
const DIGITS = /^-?[0-9]+$/
const DECIMAL = /^(\d+)(?:\.(\d+))?$/
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const COMMUNE_CODE = /^\d{5}$/

const isObject = (u) => typeof u === "object" && u !== null && !Array.isArray(u)
const onlyKeys = (o, allowed) => {
  for (const k in o) if (!allowed.has(k)) return false
  return true
}
const codePointsAtMost = (s, max) => {
  if (s.length <= max) return true
  let n = 0
  for (const _ of s) if (++n > max) return false
  return true
}
const id = (s) => (typeof s === "string" && !BAD_ID.test(s) && s.trim() === s && s !== "" && codePointsAtMost(s, 128) ? s.normalize("NFC") : undefined)
const name = (s) => (typeof s === "string" && !BAD_NAME.test(s) && s.trim() !== "" && codePointsAtMost(s, 500) ? s.normalize("NFC") : undefined)
const text = (s) => (typeof s === "string" && s.trim() !== "" ? s : undefined)
const money = (u) => {
  if (typeof u === "string") {
    if (!DIGITS.test(u)) return undefined
    const m = BigInt(u)
    return m >= 0n ? m : undefined
  }
  return typeof u === "number" && Number.isSafeInteger(u) && u >= 0 ? BigInt(u) : undefined
}
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
const date = (u) => {
  if (typeof u !== "string" || u.length !== 10) return undefined
  const m = DATE.exec(u)
  if (m === null) return undefined
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return undefined
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]) ? u : undefined
}
const quantity = (u) => {
  if (typeof u === "number") return Number.isSafeInteger(u) && u > 0 ? u : undefined
  if (typeof u !== "string") return undefined
  const m = DECIMAL.exec(u)
  if (m === null) return undefined
  const int = m[1].replace(/^0+(?=\d)/, "")
  const frac = (m[2] ?? "").replace(/0+$/, "")
  if (frac === "") {
    const n = Number(int)
    return Number.isSafeInteger(n) && n > 0 ? n : undefined
  }
  return `${int}.${frac}`
}
/** quantity × unit cost, rounded down and up to the đồng */
const lineAmount = (q, unit) => {
  if (typeof q === "number") {
    const x = BigInt(q) * unit
    return [x, x]
  }
  const dot = q.indexOf(".")
  const n = BigInt(q.slice(0, dot) + q.slice(dot + 1))
  const d = 10n ** BigInt(q.length - dot - 1)
  const p = n * unit
  const low = p / d
  return [low, p % d === 0n ? low : low + 1n]
}
/** the first anniversary of a date (29 February → 28 February) */
const nextYear = (d) => {
  const y = Number(d.slice(0, 4)) + 1
  const md = d.slice(5)
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)
  return `${String(y).padStart(4, "0")}-${md === "02-29" && !leap ? "02-28" : md}`
}

const LINE_KEYS = new Set(["item", "description", "quantity", "unitCost", "total", "requestedSupport", "counterpartFunding", "otherStateFunding", "beneficiaryId"])
const costLine = (u) => {
  if (!isObject(u) || !onlyKeys(u, LINE_KEYS)) return undefined
  const item = id(u.item)
  const q = quantity(u.quantity)
  const unitCost = money(u.unitCost)
  const total = money(u.total)
  const requestedSupport = money(u.requestedSupport)
  const counterpartFunding = money(u.counterpartFunding)
  if (item === undefined || q === undefined || unitCost === undefined || total === undefined || requestedSupport === undefined || counterpartFunding === undefined) return undefined
  const out = { item }
  if ("description" in u) {
    const d = text(u.description)
    if (d === undefined) return undefined
    out.description = d
  }
  out.quantity = q
  out.unitCost = unitCost
  out.total = total
  out.requestedSupport = requestedSupport
  out.counterpartFunding = counterpartFunding
  let other = 0n
  if ("otherStateFunding" in u) {
    other = money(u.otherStateFunding)
    if (other === undefined) return undefined
    out.otherStateFunding = other
  }
  if ("beneficiaryId" in u) {
    const b = id(u.beneficiaryId)
    if (b === undefined) return undefined
    out.beneficiaryId = b
  }
  // cross-field: the line's amounts
  const [low, high] = lineAmount(q, unitCost)
  if (total !== low && total !== high) return undefined
  if (requestedSupport > total) return undefined
  if (requestedSupport + counterpartFunding + other !== total) return undefined
  return out
}

const ACTIVITY_KEYS = new Set(["activity", "costLines", "newToArea"])
const activity = (u) => {
  if (!isObject(u) || !onlyKeys(u, ACTIVITY_KEYS)) return undefined
  const act = id(u.activity)
  const ls = u.costLines
  if (act === undefined || !Array.isArray(ls) || ls.length < 1) return undefined
  const costLines = []
  const seen = new Set()
  for (const l of ls) {
    const line = costLine(l)
    if (line === undefined) return undefined
    const key = line.beneficiaryId === undefined ? line.item : `${line.item}\u0000${line.beneficiaryId}`
    if (seen.has(key)) return undefined
    seen.add(key)
    costLines.push(line)
  }
  const out = { activity: act, costLines }
  if ("newToArea" in u) {
    if (typeof u.newToArea !== "boolean") return undefined
    out.newToArea = u.newToArea
  }
  return out
}

const COMMUNE_KEYS = new Set(["name", "kind", "code"])
const LOCATION_KEYS = new Set(["provinceCode", "provinceName", "district", "commune"])
const location = (u) => {
  if (!isObject(u) || !onlyKeys(u, LOCATION_KEYS)) return undefined
  if (typeof u.provinceCode !== "string" || !PROVINCES.has(u.provinceCode)) return undefined
  const out = { provinceCode: u.provinceCode }
  for (const k of ["provinceName", "district"])
    if (k in u) {
      const v = name(u[k])
      if (v === undefined) return undefined
      out[k] = v
    }
  if ("commune" in u) {
    const c = u.commune
    if (!isObject(c) || !onlyKeys(c, COMMUNE_KEYS)) return undefined
    const n = name(c.name)
    if (n === undefined || !COMMUNE_KINDS.has(c.kind)) return undefined
    const commune = { name: n, kind: c.kind }
    if ("code" in c) {
      if (typeof c.code !== "string" || !COMMUNE_CODE.test(c.code)) return undefined
      commune.code = c.code
    }
    out.commune = commune
  }
  return out
}

const ids = (u) => {
  if (!Array.isArray(u)) return undefined
  const out = []
  for (const x of u) {
    const v = id(x)
    if (v === undefined) return undefined
    out.push(v)
  }
  return out
}

const PROPOSAL_KEYS = new Set(["id", "title", "fund", "form", "activities", "implementingUnit", "beneficiaries", "locations", "planYear", "duration", "approvalDate", "keyProject"])
const UNIT_KEYS = new Set(["name", "code"])
const DURATION_KEYS = new Set(["start", "end"])
const KIND_ONLY = new Set(["kind"])
const GROUP_KEYS = new Set(["kind", "beneficiaryIds"])

/** The decoded proposal, or undefined. */
export const decode = (u) => {
  if (!isObject(u) || !onlyKeys(u, PROPOSAL_KEYS)) return undefined
  const pid = id(u.id)
  const title = name(u.title)
  if (pid === undefined || title === undefined || !FUNDS.has(u.fund)) return undefined
  // form
  const f = u.form
  if (!isObject(f)) return undefined
  let form
  if (f.kind === "group") {
    if (!onlyKeys(f, GROUP_KEYS)) return undefined
    const members = ids(f.beneficiaryIds)
    if (members === undefined || members.length < 2) return undefined
    form = { kind: "group", beneficiaryIds: members }
  } else if (f.kind === "single" || f.kind === "pilot" || f.kind === "task") {
    if (!onlyKeys(f, KIND_ONLY)) return undefined
    form = { kind: f.kind }
  } else return undefined
  // activities
  const as = u.activities
  if (!Array.isArray(as) || as.length < 1) return undefined
  const activities = []
  const seenActivities = new Set()
  for (const a of as) {
    const act = activity(a)
    if (act === undefined || seenActivities.has(act.activity)) return undefined
    seenActivities.add(act.activity)
    activities.push(act)
  }
  // implementing unit
  const iu = u.implementingUnit
  if (!isObject(iu) || !onlyKeys(iu, UNIT_KEYS)) return undefined
  const unitName = name(iu.name)
  if (unitName === undefined) return undefined
  const implementingUnit = { name: unitName }
  if ("code" in iu) {
    const c = id(iu.code)
    if (c === undefined) return undefined
    implementingUnit.code = c
  }
  const beneficiaries = ids(u.beneficiaries)
  if (beneficiaries === undefined) return undefined
  const known = new Set(beneficiaries)
  if (known.size !== beneficiaries.length) return undefined
  const ls = u.locations
  if (!Array.isArray(ls)) return undefined
  const locations = []
  for (const l of ls) {
    const loc = location(l)
    if (loc === undefined) return undefined
    locations.push(loc)
  }
  const planYear = u.planYear
  if (!Number.isInteger(planYear) || planYear < Period.MIN_YEAR || planYear > Period.MAX_YEAR) return undefined
  const du = u.duration
  if (!isObject(du) || !onlyKeys(du, DURATION_KEYS)) return undefined
  const start = date(du.start)
  const end = date(du.end)
  if (start === undefined || end === undefined || end < start) return undefined
  const out = { id: pid, title, fund: u.fund, form, activities, implementingUnit, beneficiaries, locations, planYear, duration: { start, end } }
  if ("approvalDate" in u) {
    const d = date(u.approvalDate)
    if (d === undefined) return undefined
    out.approvalDate = d
  }
  if ("keyProject" in u) {
    if (typeof u.keyProject !== "boolean") return undefined
    out.keyProject = u.keyProject
    if (u.keyProject && (activities.length < 2 || end < nextYear(start))) return undefined
  }
  // cross-field rules over the whole proposal
  if (form.kind === "group") {
    const m = new Set(form.beneficiaryIds)
    if (m.size !== form.beneficiaryIds.length) return undefined
    for (const b of m) if (!known.has(b)) return undefined
  }
  for (const a of activities) for (const l of a.costLines) if (l.beneficiaryId !== undefined && !known.has(l.beneficiaryId)) return undefined
  return out
}
