/**
 * The form's fields and the input they make: one establishment, one proposal with one cost line.
 * The form writes the same JSON a user may paste (`{ date?, establishments, proposal }`), so both
 * go through one decoder. Money typed as officials write it (`800 triệu`) is read by `Money.parse`.
 */
import { Money, Pack, Resolution, type LocalDate, type RulePack } from "@khuyencong/core"
import { nationalPacks, type Problem } from "./model.js"

export interface FormState {
  readonly establishmentName: string
  readonly legalForm: string
  readonly taxCode: string
  readonly provinceCode: string
  readonly provinceName: string
  readonly commune: string
  readonly communeKind: string
  readonly industry: string
  readonly workforce: string
  readonly proposalId: string
  readonly title: string
  readonly fund: string
  readonly item: string
  readonly lineDescription: string
  readonly total: string
  readonly requested: string
  readonly approvalDate: string
  readonly planYear: string
  readonly start: string
  readonly end: string
}

/** An eligible example: a small enterprise in Thái Nguyên asking for machinery support in 2026 (the cap binds). */
export const example: FormState = {
  establishmentName: "Công ty TNHH Mây tre đan Phú Lương",
  legalForm: "enterprise:small",
  taxCode: "0100109106",
  provinceCode: "19",
  provinceName: "Thái Nguyên",
  commune: "Xã Phú Lương",
  communeKind: "commune",
  industry: "tieu-thu-cong-nghiep",
  workforce: "25",
  proposalId: "DA-2026-01",
  title: "Ứng dụng máy móc thiết bị tiên tiến trong sản xuất mây tre đan",
  fund: "national",
  item: "machinery.equipment",
  lineDescription: "Máy chẻ, vót nan tự động",
  total: "800 triệu",
  requested: "400 triệu",
  approvalDate: "2026-03-02",
  planYear: "2026",
  start: "2026-03-15",
  end: "2026-11-30"
}

/** The national pack resolved at a day (the 2026–2030 pack's first day when the day governs none). */
export const resolvedAt = (date: string): Pack.ResolvedPack => {
  const nationals = nationalPacks()
  const r = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Resolution.forDate(nationals, date as LocalDate.LocalDate) : undefined
  const pack = r?.ok === true ? r.value : (nationals[nationals.length - 1] as RulePack.RulePack)
  return Pack.resolveOrThrow(pack, r?.ok === true ? (date as LocalDate.LocalDate) : pack.governs.decisions.start)
}

/** The industry codes the national pack supports on a day (`eligibility.industries`). */
export const industriesAt = (date: string): ReadonlyArray<string> => {
  const r = resolvedAt(date)
  const pack = nationalPacks().find((p) => p.id === r.packId)
  const v = pack === undefined ? undefined : Pack.read(pack, "eligibility.industries", r.date)
  return v?.ok === true && Array.isArray(v.value.value) ? (v.value.value as ReadonlyArray<string>) : []
}

const money = (field: string, label: readonly [string, string], text: string, problems: Array<Problem>): string => {
  const m = Money.parse(text)
  if (m.ok) return String(m.value)
  problems.push({ where: "form", path: field, code: m.error.code, vi: `${label[0]}: không đọc được số tiền "${text}"`, en: `${label[1]}: cannot read the amount "${text}"` })
  return text
}

/** The JSON input the form stands for, or the fields it cannot read. */
export const inputOf = (f: FormState): { readonly input: Record<string, unknown>; readonly problems: ReadonlyArray<Problem> } => {
  const problems: Array<Problem> = []
  const total = money("total", ["Tổng chi phí", "Total cost"], f.total, problems)
  const requested = money("requested", ["Kinh phí đề nghị hỗ trợ", "Support requested"], f.requested, problems)
  const [kind = "enterprise", size] = f.legalForm.split(":")
  const establishmentId = "co-so-1"
  const establishment = {
    id: establishmentId,
    name: f.establishmentName,
    legalForm: size === undefined ? { kind } : { kind, size },
    taxCode: f.taxCode,
    location: {
      provinceCode: f.provinceCode,
      provinceName: f.provinceName,
      commune: { name: f.commune, kind: f.communeKind },
      difficultArea: "none",
      poorDistrict: false,
      newRuralCommune: false,
      highland: false,
      island: false,
      border: false,
      ethnicMinorityArea: false
    },
    industry: { code: f.industry },
    workforce: Number(f.workforce),
    hasExportContract: false,
    cleanerProduction: false,
    womenOwned: false,
    ethnicMinorityOwned: false
  }
  const activity = resolvedAt(f.approvalDate).items[f.item]?.activity ?? f.item.split(".")[0] ?? f.item
  const proposal = {
    id: f.proposalId,
    title: f.title,
    fund: f.fund,
    form: { kind: "single" },
    implementingUnit: { name: `Trung tâm Khuyến công ${f.provinceName}` },
    beneficiaries: [establishmentId],
    locations: [{ provinceCode: f.provinceCode, provinceName: f.provinceName }],
    planYear: Number(f.planYear),
    duration: { start: f.start, end: f.end },
    approvalDate: f.approvalDate,
    activities: [{ activity, costLines: [
          {
            item: f.item,
            description: f.lineDescription,
            quantity: 1,
            unitCost: total,
            total,
            requestedSupport: requested,
            // the establishment's own share (phần đối ứng): what it does not ask for
            counterpartFunding: /^\d+$/.test(total) && /^\d+$/.test(requested) && BigInt(total) >= BigInt(requested) ? String(BigInt(total) - BigInt(requested)) : "0",
            beneficiaryId: establishmentId
          }
        ] }]
  }
  return { input: { establishments: [establishment], proposal }, problems }
}
