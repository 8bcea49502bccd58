// Shared input of check.mjs: three rural establishments and a group project (đề án nhóm) for
// machinery, the seed check of the 2021–2025 pack: 3 × 300 million đồng = 900 million đồng
// (../shared/seeds/000: a national group project for 3 establishments, 900 million VND).
const establishment = (id, name, taxCode, commune) => ({
  id,
  name,
  legalForm: { kind: "business-household" },
  taxCode,
  location: {
    provinceCode: "02",
    provinceName: "Hà Giang",
    district: "Huyện Vị Xuyên",
    commune: { name: commune, kind: "commune" },
    difficultArea: "especially-difficult",
    poorDistrict: false,
    newRuralCommune: true,
    highland: true,
    island: false,
    border: true,
    ethnicMinorityArea: true
  },
  industry: { code: "che-bien-nong-lam-thuy-san", name: "Chế biến chè Shan tuyết" },
  workforce: 12,
  hasExportContract: false,
  cleanerProduction: false,
  womenOwned: false,
  ethnicMinorityOwned: true
})

export const establishments = [
  establishment("hg-1", "Cơ sở chè Shan tuyết Cao Bồ", "1400237816", "Xã Cao Bồ"),
  establishment("hg-2", "Cơ sở chè Shan tuyết Lao Chải", "1400615426", "Xã Lao Chải"),
  establishment("hg-3", "Cơ sở chè Shan tuyết Thượng Sơn", "1400723196", "Xã Thượng Sơn")
]

const line = (beneficiaryId) => ({
  item: "machinery.equipment",
  quantity: 1,
  unitCost: "700000000",
  total: "700000000",
  requestedSupport: "350000000",
  counterpartFunding: "350000000",
  beneficiaryId
})

export const proposal = {
  id: "HG-2023-QG-01",
  title: "Đề án nhóm: ứng dụng máy móc thiết bị chế biến chè Shan tuyết",
  fund: "national",
  form: { kind: "group", beneficiaryIds: ["hg-1", "hg-2", "hg-3"] },
  activities: [{ activity: "machinery", costLines: [line("hg-1"), line("hg-2"), line("hg-3")] }],
  implementingUnit: { name: "Trung tâm Khuyến công – Xúc tiến Công Thương Hà Giang" },
  beneficiaries: ["hg-1", "hg-2", "hg-3"],
  locations: [{ provinceCode: "02", provinceName: "Hà Giang" }],
  planYear: 2023,
  duration: { start: "2023-04-01", end: "2023-11-30" },
  approvalDate: "2023-03-15"
}
