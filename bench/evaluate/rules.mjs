// The 2021–2025 rules written out by hand, without the pack: the catalogue with its caps and the
// eligibility lists, as plain constants. Shared by the exact floor (floor.mjs), the plain-number
// version (numbers.mjs) and the json-rules-engine version (jre.mjs). `check` compares them with
// the resolved pack once before timing, so a change of the pack cannot silently skew the floor.

/** scope: how the absolute cap is counted (as Pack.ItemScope) */
export const BENEFICIARY = 0
export const PROPOSAL = 1
export const QUANTITY = 2
export const OVERHEAD = 3

const M = 1_000_000n

/**
 * item code → [activity, scope, pool, phase, rate numerator, rate denominator (0n: no rate),
 * amount (−1n: no absolute cap), rate as a JS number (for numbers.mjs; NaN: no rate)].
 * Scopes: per establishment / enterprise → BENEFICIARY (in a group project the members' caps
 * pool: cap × members for the group, cap per member for a member's own lines); per person, booth,
 * product, trademark, model, cluster, association → QUANTITY (cap × the line's quantity); per
 * project, round → PROPOSAL (once per proposal). The technology line shares the machinery pool at
 * 1.5 × 300 000 000; overhead is 1/40 (2.5 %) of the other lines' support.
 */
export const ITEMS = {
  "enterprise-setup.support": ["enterprise-setup", BENEFICIARY, "enterprise-setup.support", 0, 0n, 0n, 10n * M],
  "demo-model.new-technology": ["demo-model", QUANTITY, "demo-model.new-technology", 0, 3n, 10n, 1_000n * M],
  "demo-model.replication": ["demo-model", QUANTITY, "demo-model.replication", 0, 3n, 10n, 100n * M],
  "cleaner-production-model.pilot": ["cleaner-production-model", QUANTITY, "cleaner-production-model.pilot", 0, 3n, 10n, 500n * M],
  "machinery.equipment": ["machinery", BENEFICIARY, "machinery.equipment", 0, 1n, 2n, 300n * M],
  "machinery.technology-line": ["machinery", BENEFICIARY, "machinery.equipment", 1, 1n, 2n, 450n * M],
  "domestic-fair.organising": ["domestic-fair", PROPOSAL, "domestic-fair.organising", 0, 1n, 1n, -1n],
  "domestic-fair.attendance": ["domestic-fair", QUANTITY, "domestic-fair.attendance", 0, 4n, 5n, -1n],
  "overseas-fair.costs": ["overseas-fair", PROPOSAL, "overseas-fair.costs", 0, 1n, 1n, -1n],
  "study-tour.overseas-airfare": ["study-tour", QUANTITY, "study-tour.overseas-airfare", 0, 1n, 1n, -1n],
  "typical-product.selection-regional": ["typical-product", PROPOSAL, "typical-product.selection-regional", 0, 0n, 0n, 200n * M],
  "typical-product.selection-national": ["typical-product", PROPOSAL, "typical-product.selection-national", 0, 0n, 0n, 400n * M],
  "typical-product.prize-regional": ["typical-product", QUANTITY, "typical-product.prize-regional", 0, 0n, 0n, 5n * M],
  "typical-product.prize-national": ["typical-product", QUANTITY, "typical-product.prize-national", 0, 0n, 0n, 10n * M],
  "trademark.registration": ["trademark", QUANTITY, "trademark.registration", 0, 1n, 2n, 35n * M],
  "consultancy.services": ["consultancy", BENEFICIARY, "consultancy.services", 0, 1n, 2n, 35n * M],
  "media.production": ["media", PROPOSAL, "media.production", 0, 1n, 1n, -1n],
  "association.regional": ["association", QUANTITY, "association.regional", 0, 3n, 10n, 70n * M],
  "association.national": ["association", QUANTITY, "association.national", 0, 3n, 10n, 100n * M],
  "linkage-cluster.formation": ["linkage-cluster", QUANTITY, "linkage-cluster.formation", 0, 1n, 2n, 150n * M],
  "relocation-interest.subsidy": ["relocation-interest", BENEFICIARY, "relocation-interest.subsidy", 0, 1n, 2n, 500n * M],
  "pollution-establishment.treatment-system": ["pollution-establishment", BENEFICIARY, "pollution-establishment.treatment-system", 0, 3n, 10n, 300n * M],
  "pollution-cluster.treatment-system": ["pollution-cluster", QUANTITY, "pollution-cluster.treatment-system", 0, 3n, 10n, 1_500n * M],
  "cluster-planning.detailed-plan": ["cluster-planning", QUANTITY, "cluster-planning.detailed-plan", 0, 1n, 2n, 500n * M],
  "cluster-infrastructure.works": ["cluster-infrastructure", QUANTITY, "cluster-infrastructure.works", 0, 0n, 0n, 6_000n * M],
  "management.implementing-unit": ["management", OVERHEAD, "management.implementing-unit", 2, 1n, 40n, -1n]
}
for (const v of Object.values(ITEMS)) v.push(v[5] === 0n ? NaN : Number(v[4]) / Number(v[5]))

/** Activity codes of the catalogue (showroom has no spending item). */
export const ACTIVITIES = new Set([
  "enterprise-setup", "demo-model", "cleaner-production-model", "machinery", "domestic-fair", "overseas-fair", "study-tour",
  "typical-product", "trademark", "showroom", "consultancy", "media", "association", "linkage-cluster", "relocation-interest",
  "pollution-establishment", "pollution-cluster", "cluster-planning", "cluster-infrastructure", "management",
  "vocational-training"
])

export const LEGAL_FORMS = ["enterprise", "cooperative", "cooperative-group", "business-household"]
export const UNIT_KINDS = ["commune", "township"]
/** From 2025-07-01 special zones (đặc khu) are eligible units too. */
export const SPECIAL_ZONE_FROM = "2025-07-01"
export const WARD_CLASSES = ["2", "3", "4", "5", "none"]
export const CONVERTED_WARD_CLASSES = ["1"]
export const CONVERSION_YEARS = 5
export const INDUSTRIES = [
  "che-bien-nong-lam-thuy-san", "hang-tieu-dung-xuat-khau", "hoa-chat-nong-nghiep", "vat-lieu-xay-dung", "co-khi-dien-dien-tu",
  "cong-nghiep-ho-tro", "tieu-thu-cong-nghiep", "khai-thac-che-bien-khoang-san", "san-xuat-sach-hon", "xu-ly-o-nhiem-moi-truong"
]
export const EXCLUDED = ["vat-lieu-xay-dung/gach-dat-set-nung-lo-thu-cong-cai-tien", "vat-lieu-xay-dung/gach-dat-set-nung-lo-vong"]
export const MINING = ["khai-thac-che-bien-khoang-san"]
export const MINING_AREAS = ["difficult", "especially-difficult"]
/** Enterprise set-up is supported only in difficult areas (JC 26/2014 art. 6.2.a; Circular 28/2018 art. 8). */
export const ENTERPRISE_SETUP = "enterprise-setup"
export const ENTERPRISE_SETUP_AREAS = ["difficult", "especially-difficult"]

/** Whether `code` is one of `entries` or below one (`a/b` is below `a`). */
export const under = (code, entries) => {
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]
    if (code === e || (code.length > e.length && code.charCodeAt(e.length) === 47 && code.startsWith(e))) return true
  }
  return false
}

/** Compare these constants with a resolved pack (before and after the special-zone change). */
export const check = (resolvedBefore, resolvedAfter) => {
  const problems = []
  const scopes = { beneficiary: BENEFICIARY, proposal: PROPOSAL, quantity: QUANTITY, overhead: OVERHEAD }
  for (const resolved of [resolvedBefore, resolvedAfter]) {
    const codes = Object.keys(resolved.items)
    if (codes.length !== Object.keys(ITEMS).length) problems.push(`${resolved.date}: ${codes.length} items in the pack, ${Object.keys(ITEMS).length} here`)
    for (const code of codes) {
      const it = resolved.items[code]
      const mine = ITEMS[code]
      if (mine === undefined) {
        problems.push(`${resolved.date}: item ${code} missing here`)
        continue
      }
      const [activity, scope, pool, phase, rn, rd, amount] = mine
      const rate = it.scope === "overhead" ? it.share.value : it.hasRate ? { numerator: it.rateNumerator, denominator: it.rateDenominator } : undefined
      const ok =
        it.activity === activity &&
        scopes[it.scope] === scope &&
        it.pool === pool &&
        it.phase === phase &&
        (rate === undefined ? rd === 0n : rate.numerator === rn && rate.denominator === rd) &&
        (it.hasAmount ? it.amount === amount : amount === -1n)
      if (!ok) problems.push(`${resolved.date}: item ${code} differs from the pack`)
    }
    for (const a of Object.keys(resolved.activities)) if (!ACTIVITIES.has(a)) problems.push(`activity ${a} missing here`)
    if (resolved.rounding.id !== "down-1") problems.push(`rounding ${resolved.rounding.id}, expected down-1`)
    const cfg = Object.fromEntries(resolved.eligibility.map((r) => [r.kind, r.config]))
    const same = (a, b) => JSON.stringify(a) === JSON.stringify(b)
    if (!same(cfg["legal-form"]?.forms, LEGAL_FORMS)) problems.push("legal forms differ")
    const units = resolved.date >= SPECIAL_ZONE_FROM ? [...UNIT_KINDS, "special-zone"] : UNIT_KINDS
    if (!same(cfg.location?.unitKinds, units)) problems.push(`${resolved.date}: unit kinds differ`)
    if (!same(cfg.location?.wardCityClasses, WARD_CLASSES)) problems.push("ward classes differ")
    if (!same(cfg.location?.convertedWardCityClasses, CONVERTED_WARD_CLASSES)) problems.push("converted ward classes differ")
    if (cfg.location?.conversionWindowYears !== CONVERSION_YEARS) problems.push("conversion window differs")
    if (!same(cfg.industry?.industries, INDUSTRIES)) problems.push("industries differ")
    if (!same(cfg["industry-exclusion"]?.excluded, EXCLUDED)) problems.push("exclusions differ")
    if (!same(cfg["mining-area"]?.industries, MINING) || !same(cfg["mining-area"]?.areas, MINING_AREAS)) problems.push("mining differs")
    const lf = cfg["legal-form"]
    if ((lf?.artisanTitles ?? []).length > 0 || lf?.sustainableProductionExempt === true || (lf?.clusterInvestorForms ?? []).length > 0)
      problems.push("legal-form exemptions (artisans, sustainable production, cluster investors) not encoded here")
    if (cfg["legal-form"]?.cleanerProductionExempt !== true || cfg.location?.cleanerProductionExempt !== true) problems.push("cleaner-production exemptions differ")
    if (cfg.industry?.cleanerProductionCovered !== true) problems.push("cleaner-production coverage differs")
    if (!same(cfg["difficult-area"]?.areas, ENTERPRISE_SETUP_AREAS)) problems.push("enterprise set-up areas differ")
    const scoped = resolved.eligibility.find((r) => r.kind === "difficult-area")
    if (!same(scoped?.activities, [ENTERPRISE_SETUP])) problems.push("the difficult-area rule is not scoped to enterprise set-up alone")
    // the three conditions on facts the generated data never states (polluting, new to the area,
    // events abroad) are not applicable here; the other nine are written out above
    if (resolved.eligibility.length !== 12) problems.push(`${resolved.eligibility.length} eligibility rules, expected 12`)
  }
  return problems
}
