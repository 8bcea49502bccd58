// Deterministic data for the evaluation benchmark: establishments and proposals in their encoded
// (JSON) form, drawn with a seeded xorshift32 generator, so every run sees the same data. The mix
// follows the 2021–2025 pack's catalogue (rules-2021-2025/src/activities.ts): single, group, pilot
// and task proposals; machinery, demo-model, trademark, cluster and other items; establishments of
// every legal form, location kind, city class and area difficulty; a few proposals with a line
// outside the catalogue, with other state funding, or without approval (ineligible on purpose).
import { LocalDate, TaxCode } from "../../packages/core/dist/index.js"

/** xorshift32: period 2^32 − 1, never 0. */
export const prng = (seed) => {
  let s = seed >>> 0 || 0x9e3779b9
  const next = () => {
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s
  }
  const int = (n) => next() % n // n ≤ 2^32; the modulo bias is irrelevant here
  const between = (lo, hi) => lo + int(hi - lo + 1)
  const chance = (p) => next() / 4294967296 < p
  const pick = (xs) => xs[int(xs.length)]
  /** weighted pick from [[value, weight], …] */
  const weighted = (pairs) => {
    let sum = 0
    for (const [, w] of pairs) sum += w
    let r = int(sum)
    for (const [v, w] of pairs) {
      if (r < w) return v
      r -= w
    }
    return pairs[pairs.length - 1][0]
  }
  /** bigint in [lo, hi] (hi − lo < 2^53) */
  const bigBetween = (lo, hi) => {
    const span = Number(hi - lo) + 1
    const r = (next() * 2 ** 21 + (next() >>> 11)) % span
    return lo + BigInt(r)
  }
  return { next, int, between, chance, pick, weighted, bigBetween }
}

const PROVINCES = ["01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25", "26", "27", "30", "31", "33", "34", "35", "36", "37", "38", "40", "42", "44", "45", "46", "48", "49", "51", "52", "54", "56", "58", "60", "62", "64", "66", "67", "68", "70", "72", "74", "75", "77", "79", "80"]

const INDUSTRIES = [
  ["che-bien-nong-lam-thuy-san", 18],
  ["che-bien-nong-lam-thuy-san/che-bien-che", 4],
  ["tieu-thu-cong-nghiep", 12],
  ["tieu-thu-cong-nghiep/may-tre-dan", 5],
  ["co-khi-dien-dien-tu", 7],
  ["co-khi-dien-dien-tu/co-khi-nong-nghiep", 7],
  ["vat-lieu-xay-dung", 6],
  ["vat-lieu-xay-dung/gach-dat-set-nung-lo-vong", 2],
  ["vat-lieu-xay-dung/gach-dat-set-nung-lo-thu-cong-cai-tien", 1],
  ["hang-tieu-dung-xuat-khau", 9],
  ["hoa-chat-nong-nghiep", 4],
  ["cong-nghiep-ho-tro", 6],
  ["khai-thac-che-bien-khoang-san", 5],
  ["san-xuat-sach-hon", 2],
  ["xu-ly-o-nhiem-moi-truong", 3],
  ["det-may", 3], // not a supported line of work
  ["dich-vu-van-tai", 2] // not a supported line of work
]

const legalFormOf = (r) =>
  r.weighted([
    [{ kind: "enterprise", size: "micro" }, 19],
    [{ kind: "enterprise", size: "small" }, 13],
    [{ kind: "enterprise", size: "medium" }, 6],
    [{ kind: "business-household" }, 25],
    [{ kind: "cooperative" }, 15],
    [{ kind: "cooperative-group" }, 8],
    [{ kind: "large-enterprise" }, 8],
    [{ kind: "union-of-cooperatives" }, 6]
  ])

const taxCodeOf = (r) => {
  for (;;) {
    const nine = String(r.int(1_000_000_000)).padStart(9, "0")
    const d = TaxCode.checkDigit(nine)
    if (d !== undefined) return r.chance(0.1) ? `${nine}${d}-${String(r.between(1, 999)).padStart(3, "0")}` : `${nine}${d}`
  }
}

const day = (iso) => LocalDate.toDayNumber(iso)
const dateBetween = (r, lo, hi) => LocalDate.fromDayNumber(r.between(day(lo), day(hi)))

const locationOf = (r) => {
  const kind = r.weighted([
    ["commune", 55],
    ["township", 12],
    ["ward", 28],
    ["special-zone", 5]
  ])
  const l = { provinceCode: r.pick(PROVINCES), provinceName: "Tỉnh", commune: { name: `Xã ${r.int(10000)}`, kind } }
  if (kind === "ward") {
    const cls = r.weighted([
      [undefined, 15],
      ["special", 8],
      [1, 27],
      [2, 20],
      [3, 15],
      [4, 10],
      [5, 5]
    ])
    if (cls !== undefined) l.cityClass = cls
    if ((cls === 1 && r.chance(0.6)) || r.chance(0.05)) l.convertedFromCommuneOn = dateBetween(r, "2013-01-01", "2024-12-31")
  }
  l.difficultArea = r.weighted([
    ["none", 60],
    ["difficult", 28],
    ["especially-difficult", 12]
  ])
  l.poorDistrict = r.chance(0.12)
  l.newRuralCommune = r.chance(0.3)
  l.highland = r.chance(0.15)
  l.island = r.chance(0.03)
  l.border = r.chance(0.06)
  l.ethnicMinorityArea = r.chance(0.12)
  return l
}

/** Encoded establishments `cs-0 … cs-(n−1)`. */
export const establishments = (n, seed = 20230630) => {
  const r = prng(seed)
  const out = new Array(n)
  for (let i = 0; i < n; i++) {
    const e = {
      id: `cs-${i}`,
      name: `Cơ sở ${i}`,
      legalForm: legalFormOf(r),
      taxCode: taxCodeOf(r),
      location: locationOf(r),
      industry: { code: r.weighted(INDUSTRIES) },
      workforce: r.weighted([
        [r.between(1, 9), 50],
        [r.between(10, 49), 35],
        [r.between(50, 500), 15]
      ]),
      hasExportContract: r.chance(0.12),
      cleanerProduction: r.chance(0.08),
      womenOwned: r.chance(0.25),
      ethnicMinorityOwned: r.chance(0.08)
    }
    if (r.chance(0.4)) e.localRawMaterialShare = `0.${r.between(1, 9)}`
    out[i] = e
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// Proposals

const M = 1_000_000n
/**
 * item → [unit cost range in đồng, quantity kind]; quantity kinds: "one" (1, sometimes 2–5 or a
 * decimal), "models" (a count of models, clusters or associations, whose caps are per thing: 1,
 * sometimes 2–3), n (a count 1–n, sometimes a decimal)
 */
const ITEM = {
  "machinery.equipment": [200n * M, 2_500n * M, "one"],
  "machinery.technology-line": [500n * M, 4_000n * M, "one"],
  "demo-model.new-technology": [1_000n * M, 6_000n * M, "models"],
  "demo-model.replication": [100n * M, 800n * M, "models"],
  "cleaner-production-model.pilot": [500n * M, 3_000n * M, "models"],
  "trademark.registration": [20n * M, 120n * M, 4],
  "typical-product.selection-regional": [300n * M, 1_000n * M, "one"],
  "typical-product.selection-national": [500n * M, 1_500n * M, "one"],
  "typical-product.prize-regional": [3n * M, 15n * M, 40],
  "typical-product.prize-national": [5n * M, 25n * M, 30],
  "domestic-fair.organising": [200n * M, 3_000n * M, "one"],
  "domestic-fair.attendance": [10n * M, 40n * M, 12],
  "overseas-fair.costs": [500n * M, 5_000n * M, "one"],
  "study-tour.overseas-airfare": [15n * M, 40n * M, 10],
  "consultancy.services": [20n * M, 150n * M, "one"],
  "enterprise-setup.support": [5n * M, 30n * M, "one"],
  "media.production": [100n * M, 1_000n * M, "one"],
  "association.regional": [100n * M, 400n * M, "models"],
  "association.national": [200n * M, 600n * M, "models"],
  "linkage-cluster.formation": [100n * M, 800n * M, "models"],
  "relocation-interest.subsidy": [200n * M, 2_000n * M, "one"],
  "pollution-establishment.treatment-system": [200n * M, 2_000n * M, "one"],
  "pollution-cluster.treatment-system": [1_000n * M, 8_000n * M, "models"],
  "cluster-planning.detailed-plan": [300n * M, 2_000n * M, "models"],
  "cluster-infrastructure.works": [3_000n * M, 20_000n * M, "models"],
  "management.implementing-unit": [5n * M, 100n * M, "one"],
  // outside the catalogue (eligibility fails, support 0 for the line)
  "machinery.installation": [10n * M, 100n * M, "one"],
  "showroom.rental": [50n * M, 300n * M, "one"]
}

/** activity → [weight, items (each [code, weight]), per-establishment?] */
const ACTIVITIES = [
  ["machinery", 30, [["machinery.equipment", 8], ["machinery.technology-line", 3]], true],
  ["demo-model", 14, [["demo-model.new-technology", 8], ["demo-model.replication", 2]], false],
  ["trademark", 10, [["trademark.registration", 1]], false],
  ["typical-product", 4, [["typical-product.selection-regional", 2], ["typical-product.selection-national", 1], ["typical-product.prize-regional", 3], ["typical-product.prize-national", 2]], false],
  ["domestic-fair", 7, [["domestic-fair.organising", 1], ["domestic-fair.attendance", 3]], false],
  ["overseas-fair", 2, [["overseas-fair.costs", 1]], false],
  ["study-tour", 3, [["study-tour.overseas-airfare", 1]], false],
  ["consultancy", 6, [["consultancy.services", 1]], true],
  ["enterprise-setup", 3, [["enterprise-setup.support", 1]], true],
  ["media", 3, [["media.production", 1]], false],
  ["association", 1, [["association.regional", 2], ["association.national", 1]], false],
  ["linkage-cluster", 3, [["linkage-cluster.formation", 1]], false],
  ["relocation-interest", 2, [["relocation-interest.subsidy", 1]], true],
  ["pollution-establishment", 4, [["pollution-establishment.treatment-system", 1]], true],
  ["pollution-cluster", 2, [["pollution-cluster.treatment-system", 1]], false],
  ["cluster-planning", 2, [["cluster-planning.detailed-plan", 1]], false],
  ["cluster-infrastructure", 3, [["cluster-infrastructure.works", 1]], false],
  ["cleaner-production-model", 3, [["cleaner-production-model.pilot", 1]], false]
]
const ACTIVITY_PICK = ACTIVITIES.map((a) => [a, a[1]])

const DECIMALS = ["0.5", "1.5", "2.5", "0.7", "1.25", "0.3", "3.75", "0.125"]

const quantityOf = (r, kind) => {
  if (kind === "models") return r.chance(0.95) ? 1 : r.between(2, 3)
  if (kind === "one") {
    if (r.chance(0.9)) return 1
    return r.chance(0.5) ? r.between(2, 5) : r.pick(DECIMALS)
  }
  return r.chance(0.95) ? r.between(1, kind) : r.pick(DECIMALS)
}

/** total = quantity × unit cost (rounded down or up for a decimal quantity), as the decoder accepts */
const totalOf = (q, unitCost, up) => {
  if (typeof q === "number") return BigInt(q) * unitCost
  const [i, f] = q.split(".")
  const scaled = BigInt(i + f) * unitCost
  const d = 10n ** BigInt(f.length)
  const low = scaled / d
  return up && scaled % d !== 0n ? low + 1n : low
}

const costLine = (r, item, beneficiaryId) => {
  const [lo, hi, qk] = ITEM[item]
  const quantity = quantityOf(r, qk)
  // unit costs in whole thousands of đồng mostly, to the đồng sometimes
  let unitCost = r.bigBetween(lo, hi)
  if (r.chance(0.85)) unitCost = (unitCost / 1000n) * 1000n
  const total = totalOf(quantity, unitCost, r.chance(0.5))
  const share = r.weighted([
    [300, 20],
    [500, 25],
    [700, 10],
    [800, 10],
    [1000, 15],
    [r.int(1001), 20]
  ])
  const requested = (total * BigInt(share)) / 1000n
  let other = 0n
  if (r.chance(0.02)) other = ((total - requested) * BigInt(r.between(1, 1000))) / 1000n
  const line = {
    item,
    quantity,
    unitCost: String(unitCost),
    total: String(total),
    requestedSupport: String(requested),
    counterpartFunding: String(total - requested - other)
  }
  if (other > 0n) line.otherStateFunding = String(other)
  if (beneficiaryId !== undefined) line.beneficiaryId = beneficiaryId
  return line
}

const activityLines = (r, act, form, beneficiaries) => {
  const [code, , items, perEstablishment] = act
  const lines = []
  const seen = new Set()
  const add = (item, b) => {
    const key = `${item}|${b ?? ""}`
    if (seen.has(key)) return
    seen.add(key)
    lines.push(costLine(r, item, b))
  }
  const count = r.weighted([
    [1, 70],
    [2, 25],
    [3, 5]
  ])
  for (let k = 0; k < count; k++) {
    const item = r.weighted(items)
    if (form === "group" && beneficiaries.length > 0) {
      if (perEstablishment) {
        // one line per beneficiary for some of the group, sometimes one unassigned line
        for (const b of beneficiaries) if (r.chance(0.7)) add(item, b)
        if (r.chance(0.1)) add(item, undefined)
      } else add(item, r.chance(0.2) ? r.pick(beneficiaries) : undefined)
    } else add(item, undefined)
  }
  if (lines.length === 0) add(r.weighted(items), form === "group" && perEstablishment ? beneficiaries[0] : undefined)
  return { activity: code, costLines: lines }
}

/** Encoded proposals `DA-0 … DA-(n−1)` over establishments `cs-0 … cs-(e−1)`. */
export function* proposals(n, e, seed = 20250101) {
  const r = prng(seed)
  for (let i = 0; i < n; i++) {
    const form = r.weighted([
      ["single", 55],
      ["group", 25],
      ["pilot", 10],
      ["task", 10]
    ])
    const nb = form === "group" ? r.between(2, 5) : form === "task" ? r.int(2) : 1
    const beneficiaries = []
    while (beneficiaries.length < nb) {
      const id = `cs-${r.int(e)}`
      if (!beneficiaries.includes(id)) beneficiaries.push(id)
    }
    const planYear = r.between(2021, 2025)
    const acts = []
    const nActs = r.weighted([
      [1, 65],
      [2, 28],
      [3, 7]
    ])
    const used = new Set()
    while (acts.length < nActs) {
      const a = r.weighted(ACTIVITY_PICK)
      if (used.has(a[0])) continue
      used.add(a[0])
      acts.push(activityLines(r, a, form, beneficiaries))
    }
    // faults on purpose: a line outside the catalogue, an activity outside it
    if (r.chance(0.01)) {
      const m = acts.find((a) => a.activity === "machinery")
      if (m !== undefined && !m.costLines.some((l) => l.item === "machinery.installation" && l.beneficiaryId === undefined))
        m.costLines.push(costLine(r, "machinery.installation", undefined))
    }
    if (r.chance(0.005)) acts.push({ activity: "showroom", costLines: [costLine(r, "showroom.rental", undefined)] })
    if (r.chance(0.15)) acts.push({ activity: "management", costLines: [costLine(r, "management.implementing-unit", undefined)] })
    const start = dateBetween(r, `${planYear}-01-01`, `${planYear}-09-30`)
    const end = dateBetween(r, start, `${planYear}-12-31`)
    const p = {
      id: `DA-${i}`,
      title: `Đề án khuyến công ${i}`,
      fund: r.chance(0.6) ? "national" : "local",
      form: form === "group" ? { kind: "group", beneficiaryIds: beneficiaries.slice() } : { kind: form },
      activities: acts,
      implementingUnit: { name: `Trung tâm Khuyến công ${r.int(63)}` },
      beneficiaries,
      locations: [{ provinceCode: r.pick(PROVINCES) }],
      planYear,
      duration: { start, end }
    }
    if (r.chance(0.93)) {
      // approved in the year before the plan year's second half … mid plan year: within the pack,
      // and before 2025-07-01, when the 63 province codes these establishments carry were closed
      p.approvalDate = dateBetween(r, `${planYear - 1}-07-01`, `${planYear}-06-30`)
    }
    yield p
  }
}

/**
 * The benchmark's data decoded by a core build `C` (the one under test, or another in ab.mjs):
 * `e` establishments in a register (a Map by id) and `n` proposals, as a caller holds them.
 */
export const decoded = (C, n, e) => {
  const register = new Map()
  for (const json of establishments(e)) register.set(json.id, C.Establishment.decode(json).value)
  const list = []
  for (const json of proposals(n, e)) list.push(C.Proposal.decode(json).value)
  return { establishments: register, proposals: list }
}
