// The store benchmark's data (store.mjs): deterministic LCG (seed 20250701): 2,000 establishments
// in 20 provinces, one beneficiary per proposal, six activities of the 2021–2025 pack, costs
// 50 m – 2 tỷ đồng in whole thousands, plan years 2021–2025, approval on the 15th of
// February–June (one in ten without). `reseed()` before generating proposals, so every pass of a
// run stores the same rows.
import { Establishment, Proposal } from "@khuyencong/core"

let seed = 20250701
const next = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
  return seed >>> 16
}
/** Start the proposals over (same sequence each time). */
export const reseed = () => {
  seed = 20250701 + 1
}
const pick = (xs) => xs[next() % xs.length]

const PROVINCES = ["01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17", "19", "20", "22", "24", "25", "26", "27", "30", "31"]
const INDUSTRIES = ["che-bien-nong-lam-thuy-san", "hang-tieu-dung-xuat-khau", "vat-lieu-xay-dung", "co-khi-dien-dien-tu", "tieu-thu-cong-nghiep", "khai-thac-cat-soi"]
const FORMS = [{ kind: "enterprise", size: "small" }, { kind: "enterprise", size: "micro" }, { kind: "cooperative" }, { kind: "business-household" }]
const ITEMS = [
  ["machinery", "machinery.equipment"],
  ["demo-model", "demo-model.new-technology"],
  ["demo-model", "demo-model.replication"],
  ["consultancy", "consultancy.services"],
  ["trademark", "trademark.registration"],
  ["pollution-establishment", "pollution-establishment.treatment-system"]
]
const E = 2000

export const establishments = Array.from({ length: E }, (_, i) => {
  const r = Establishment.decode({
    id: `CS-${String(i).padStart(5, "0")}`,
    name: `Cơ sở sản xuất số ${i}`,
    legalForm: pick(FORMS),
    taxCode: "0100233488",
    location: {
      provinceCode: PROVINCES[i % PROVINCES.length],
      provinceName: `Tỉnh ${PROVINCES[i % PROVINCES.length]}`,
      commune: { name: `Xã ${i % 97}`, kind: next() % 10 === 0 ? "ward" : "commune" },
      difficultArea: pick(["none", "none", "difficult", "especially-difficult"]),
      poorDistrict: next() % 5 === 0,
      newRuralCommune: next() % 2 === 0,
      highland: next() % 3 === 0,
      island: false,
      border: next() % 7 === 0,
      ethnicMinorityArea: next() % 4 === 0
    },
    industry: { code: pick(INDUSTRIES) },
    workforce: 5 + (next() % 200),
    hasExportContract: next() % 5 === 0,
    cleanerProduction: next() % 8 === 0,
    womenOwned: next() % 3 === 0,
    ethnicMinorityOwned: next() % 6 === 0
  })
  if (!r.ok) throw r.error
  return r.value
})
export const byId = new Map(establishments.map((e) => [e.id, e]))

export const proposalAt = (i) => {
  const e = establishments[next() % E]
  const [activity, item] = pick(ITEMS)
  const cost = BigInt(50_000 + (next() * 65536 + next()) % 1_950_001) * 1000n
  const support = cost / 2n
  const year = 2021 + (i % 5)
  const month = 2 + (next() % 5)
  const r = Proposal.decode({
    id: `DA-${String(i).padStart(6, "0")}`,
    title: `Đề án khuyến công số ${i}`,
    fund: "national",
    form: { kind: "single" },
    activities: [
      {
        activity,
        costLines: [
          { item, quantity: 1, unitCost: cost.toString(), total: cost.toString(), requestedSupport: support.toString(), counterpartFunding: (cost - support).toString(), beneficiaryId: e.id }
        ]
      }
    ],
    implementingUnit: { name: `Trung tâm Khuyến công tỉnh ${e.location.provinceCode}` },
    beneficiaries: [e.id],
    locations: [{ provinceCode: e.location.provinceCode }],
    planYear: year,
    duration: { start: `${year}-03-01`, end: `${year}-11-30` },
    ...(next() % 10 === 0 ? {} : { approvalDate: `${year}-0${month}-15` })
  })
  if (!r.ok) throw r.error
  return r.value
}
