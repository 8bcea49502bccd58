/**
 * Eligibility (đối tượng, ngành nghề, điều kiện được hỗ trợ) and priority (nguyên tắc ưu tiên) data
 * of the 2026–2030 pack: Decree 45/2012/NĐ-CP as amended by Decree 235/2025/NĐ-CP from 2025-10-15.
 *
 * What Decree 235 changed, and how sure we are (rules-2025-plus-notes.md A2; confirmations-followup.md C 1–2):
 * - beneficiaries (new Art. 1.2.a of Decree 45, read in the luatvietnam English copy of Decree 235
 *   Art. 1 cl. 1, graded primary): small and medium enterprises, cooperative groups, cooperatives,
 *   **unions of cooperatives** and business households producing "in communes, wards and special
 *   zones of provinces; communes and special zones of centrally-run cities; and craft villages
 *   recognised by provincial People's Committees" — no district level, no urban-class test;
 * - new Art. 1.2.b (primary): establishments applying cleaner production, **sustainable production
 *   and consumption**; enterprises and cooperatives **investing in industrial-cluster infrastructure**;
 * - **artisans** (People's and Meritorious Artisans) as beneficiaries (news, secondary; where in
 *   the decree — perhaps the truncated point c — is unconfirmed);
 * - **new industries** in Art. 5: high-tech, clean industry, energy saving, environmental industry,
 *   environmentally friendly energy (news, secondary; the new wording of Art. 5 is unconfirmed);
 * - **priority for establishments owned by women or ethnic minorities** (news; the attribution to
 *   Decree 235 rather than Circular 64/2024 is ambiguous, so graded unconfirmed).
 *
 * The core engine evaluates all of it: the legal forms (including `union-of-cooperatives`), the
 * places through the `location-province` rule kind (the province code looked up in the dated list
 * of centrally-run cities: wards of provinces eligible, wards of centrally-run cities not, communes
 * and special zones everywhere, recognised craft villages whatever their unit), artisans (the
 * `artisanTitles` role of the legal-form rule, on `Establishment.artisanTitle`), point b
 * (cleaner production, sustainable production and consumption, cluster-infrastructure investors),
 * the industry list, and the owner-group priority (criterion `owner-flag`). {@link engineGaps} is
 * now empty.
 *
 * Circular 46/2012/TT-BCT (exclusions, mining, priority order) is not replaced as far as found;
 * its citations note that its amendment by 20/2017 and any change by Decree 235 were not seen.
 * Joint Circular 26/2014 art. 7 (support conditions) is carried over, unconfirmed, as in the
 * 2021–2025 pack.
 *
 * Industry codes: those of the 2021–2025 pack (`che-bien-nong-lam-thuy-san`,
 * `hang-tieu-dung-xuat-khau`, `hoa-chat-nong-nghiep`, `vat-lieu-xay-dung`, `co-khi-dien-dien-tu`,
 * `cong-nghiep-ho-tro`, `tieu-thu-cong-nghiep`, `khai-thac-che-bien-khoang-san`,
 * `san-xuat-sach-hon`, `xu-ly-o-nhiem-moi-truong`) and, from 2025-10-15, `cong-nghiep-cong-nghe-cao`
 * (high-tech industry), `cong-nghiep-sach` (clean industry), `tiet-kiem-nang-luong` (energy
 * saving), `cong-nghiep-moi-truong` (environmental industry), `nang-luong-than-thien-moi-truong`
 * (environmentally friendly energy).
 *
 * @since 0.1.0
 */
import { Parameter } from "@khuyencong/core"
import type { Citation, LocalDate, RulePack } from "@khuyencong/core"
import { cite, day, rate, single } from "./internal/build.js"
import { circular46, decision19, decree235, decree45, jointCircular26, resolution30 } from "./instruments.js"

const PD = "codification-khuyen-cong.md"
const PLUS = "rules-2025-plus-notes.md"
const FOLLOWUP = "confirmations-followup.md"
const LV_235 = "english.luatvietnam.vn/decreeno235-2025-nd-cp…-410222-doc1.html"
const NEWS_235 = "vietnam.vn/en/nhieu-diem-moi-ve-khuyen-cong-co-hieu-luc-tu-ngay-15-10"
const NEWS_PRIORITY = "thongtin.vietnam.vn/de/mo-rong-doi-tuong-thu-huong-chinh-sach-khuyen-cong (source baodanang.vn)"
const NEWS_64 = "vietnam.vn/ro/dong-luc-cho-chuyen-doi-xanh-va-phat-trien-ben-vung-cong-nghiep-nong-thon"

const AMENDED_46 =
  "Circular 46/2012 was amended by Circular 20/2017/TT-BCT, whose changes were not seen (rules-2018-2025-notes.md §5), and it details Decree 45 as it stood before Decree 235/2025; no replacement is confirmed. This clause is read in the codified text."
const CONDITIONS_CARRIED =
  "Joint Circular 26/2014/TTLT-BTC-BCT expired when Circular 28/2018/TT-BTC took effect; the article of Circular 28/2018 on support conditions was not seen (rules-2018-2025-notes.md §6 item 5). The principle is carried over, not confirmed for Circular 28/2018, as in the 2021–2025 pack; still the base from 2025-10-15 (no replacement circular confirmed)."
const ART5_AMENDED =
  "Decree 235/2025/NĐ-CP amended Art. 5 (news, S: it adds high-tech, clean industry, energy saving, environmental industry, environmentally friendly energy); the new wording was not seen, so whether this point is kept as worded is unconfirmed (rules-2025-plus-notes.md A2, UNCONFIRMED 1)."
const ART6_AMENDED =
  "Decree 235/2025/NĐ-CP changed the priority rules (news, S: priority for establishments owned by women or ethnic minorities); the new wording of Decree 45 Art. 6 was not seen (rules-2025-plus-notes.md A2, UNCONFIRMED 1). District-based classes are read on the production location's flags, districts having been abolished on 2025-07-01."

/** Decree 45/2012 took effect on 2012-07-05; Circular 46/2012 on 2013-02-10 ([PD] l.33, l.61). */
const D45_FROM = day(2012, 7, 5)
const TT46_FROM = day(2013, 2, 10)
/** The 2025 reorganisation: 34 provinces, communes, wards and special zones only. */
const REFORM_2025 = day(2025, 7, 1)

/**
 * The day Decree 235/2025/NĐ-CP took effect, amending Decree 45/2012: the first day of the pack.
 * @example `DECREE_235_FROM` → `"2025-10-15"`
 * @category constants
 * @since 0.1.0
 */
export const DECREE_235_FROM: LocalDate.LocalDate = day(2025, 10, 15)

/**
 * A point of the new Art. 1.2 of Decree 45/2012, as restated in Decree 235/2025 art. 1 cl. 1 and
 * read in the luatvietnam English copy (primary).
 */
const d235 = (point: "a" | "b", note: string): Citation.Citation =>
  cite(decree235, {
    article: "1",
    clause: "1",
    point,
    grade: "primary",
    note: `New Art. 1.2.${point} of Decree 45/2012 (Decree 235/2025 art. 1 cl. 1 restates Art. 1.2). ${note}`,
    source: `${PLUS} A2 (legal forms, location and cleaner-production rows); ${LV_235}`
  })

/** A change of Decree 235 known only from news summaries: its article is not known. */
const d235News = (note: string, source: string): Citation.Citation =>
  cite(decree235, {
    grade: "secondary",
    note: `Reported by news summaries of Decree 235/2025; the article, clause and point were not seen (${PLUS} UNCONFIRMED 1–2; ${FOLLOWUP} C 1–2). ${note}`,
    source
  })

const d45 = (article: string, clause: string, point: string | undefined, line: string, note: string): Citation.Citation => {
  const base = { article, clause, grade: "primary" as const, source: `${PD} l.${line}`, note }
  return cite(decree45, point === undefined ? base : { ...base, point })
}
const tt46 = (article: string, clause: string, point: string | undefined, line: string, note?: string): Citation.Citation => {
  const base = { article, clause, grade: "primary" as const, source: `${PD} l.${line}`, note: note === undefined ? AMENDED_46 : `${note} ${AMENDED_46}` }
  return cite(circular46, point === undefined ? base : { ...base, point })
}
const jc26 = (clause: string, line: string): Citation.Citation =>
  cite(jointCircular26, { article: "7", clause, grade: "unconfirmed", note: CONDITIONS_CARRIED, source: `${PD} l.${line}` })

type P = Parameter.Parameter<RulePack.ParameterValue>

const LOCATION_TEXT =
  "'in communes, wards and special zones of provinces; communes and special zones of centrally-run cities; and craft villages recognised by provincial-level People's Committees'. No district level and no urban-class (loại đô thị) or conversion test any more."

const centralCities: P = Parameter.makeOrThrow<RulePack.ParameterValue>({
  id: "eligibility.location.central-cities",
  description:
    "Province codes of the centrally-run cities (thành phố trực thuộc trung ương), whose wards (phường) Decree 235/2025 does not list as eligible places; the location-province rule looks the production location's province code up in the list in force at the decision date",
  values: [
    {
      from: REFORM_2025,
      value: ["01", "31", "46", "48", "79", "92"],
      citation: cite(decision19, {
        grade: "secondary",
        note: "The six 'Thành phố' of the 34-unit list (Hà Nội, Hải Phòng, Huế, Đà Nẵng, Hồ Chí Minh, Cần Thơ): 28 provinces + 6 cities (laodong). Matches the administrative-unit data (AdminUnits.centralCitiesOn).",
        source: `../shared/data/admin-units/dvhcvn-20250701/915_CTK-CSCL.csv; ${PLUS} B1–B2`
      })
    },
    {
      from: day(2026, 4, 30),
      value: ["01", "31", "46", "48", "75", "79", "92"],
      citation: cite(resolution30, {
        grade: "unconfirmed",
        note: "Đồng Nai (75) a centrally-run city from 2026-04-30 by Resolution 30/2026/QH16: seen only in a public repository and portal headlines, with a conflicting 2026-03-11 news item. Unconfirmed.",
        source: `${PLUS} B4, UNCONFIRMED 8; ${FOLLOWUP} C 8`
      })
    }
  ]
})

/**
 * Parameters read by the eligibility rules and priority classes, and the Decree 235 data the
 * the priority classes read, by id: `eligibility.legal-forms`, `eligibility.cleaner-production.exempt`,
 * `eligibility.location.province-unit-kinds`, `eligibility.location.central-city-unit-kinds`,
 * `eligibility.location.central-cities`, `eligibility.location.craft-villages`,
 * `eligibility.artisan-titles`, `eligibility.sustainable-production.covered`,
 * `eligibility.cluster-infrastructure-investors`,
 * `eligibility.industries`, `eligibility.industries.cleaner-production-covered`,
 * `eligibility.industries.excluded`, `eligibility.mining.industries`, `eligibility.mining.areas`,
 * `priority.difficult-areas`, `priority.local-raw-material-share`, `priority.labour-intensive-workforce`,
 * `priority.industries.sectors`, `priority.unranked-activities`, `priority.owner-groups`.
 * @example `eligibilityParameters["eligibility.legal-forms"]?.values[0]?.value` → `["enterprise", "cooperative", "union-of-cooperatives", "cooperative-group", "business-household"]`
 * @category parameters
 * @since 0.1.0
 */
export const eligibilityParameters: Readonly<Record<string, P>> = Object.freeze(
  Object.fromEntries(
    [
      // --- read by the core rules ------------------------------------------------------------
      single(
        "eligibility.legal-forms",
        "Legal forms (loại hình) that may be supported: small and medium enterprises (doanh nghiệp nhỏ và vừa), cooperative groups (tổ hợp tác), cooperatives (hợp tác xã), unions of cooperatives (liên hiệp hợp tác xã), business households (hộ kinh doanh)",
        undefined,
        DECREE_235_FROM,
        ["enterprise", "cooperative", "union-of-cooperatives", "cooperative-group", "business-household"],
        d235(
          "a",
          "'Small- and medium-sized enterprises, cooperative groups, cooperatives, unions of cooperatives, and business households directly investing in and conducting industrial - cottage industry production'. Unions of cooperatives are new (Decree 45 before: SMEs, cooperatives, cooperative groups, business households)."
        )
      ),
      single(
        "eligibility.cleaner-production.exempt",
        "Cleaner-production establishments (cơ sở áp dụng sản xuất sạch hơn) are free of the size and location limits (không giới hạn quy mô, địa bàn)",
        undefined,
        DECREE_235_FROM,
        true,
        d235(
          "b",
          "'Industrial production establishments applying cleaner production, sustainable production and consumption' are a beneficiary class of their own, without the size and place conditions of point a (as Circular 46/2012 art. 3.2 already said for cleaner production, codification l.75)."
        )
      ),
      single(
        "eligibility.industries",
        "Lines of work (ngành nghề) that may be supported (Decree 45/2012 art. 5.1 a–g, plus the industries Decree 235/2025 adds), as industry codes",
        undefined,
        DECREE_235_FROM,
        [
          "che-bien-nong-lam-thuy-san",
          "hang-tieu-dung-xuat-khau",
          "hoa-chat-nong-nghiep",
          "vat-lieu-xay-dung",
          "co-khi-dien-dien-tu",
          "cong-nghiep-ho-tro",
          "tieu-thu-cong-nghiep",
          "khai-thac-che-bien-khoang-san",
          "san-xuat-sach-hon",
          "xu-ly-o-nhiem-moi-truong",
          "cong-nghiep-cong-nghe-cao",
          "cong-nghiep-sach",
          "tiet-kiem-nang-luong",
          "cong-nghiep-moi-truong",
          "nang-luong-than-thien-moi-truong"
        ],
        d235News(
          "'High-tech industries, clean industry, energy saving, environmental industry, and environmentally friendly energy are also added' (the last five codes). The first ten are the Decree 45/2012 art. 5.1 a–g list (primary, codification l.595–609), kept because the news reports additions, not removals; whether the amended Art. 5 words them the same is unconfirmed. One value carries one grade, so the whole list is graded secondary.",
          `${PLUS} A2 (eligible industries row); ${NEWS_235}; ${PD} l.595–609`
        )
      ),
      single(
        "eligibility.industries.cleaner-production-covered",
        "Applying cleaner production in an industrial establishment is itself a line of work that may be supported (áp dụng sản xuất sạch hơn trong các cơ sở sản xuất công nghiệp)",
        undefined,
        D45_FROM,
        true,
        d45("5", "1", "g", "609", ART5_AMENDED)
      ),
      single(
        "eligibility.industries.excluded",
        "Fired-clay bricks from improved manual kilns or ring kilns (gạch đất sét nung bằng lò thủ công cải tiến, lò vòng), which pollute, are not supported",
        undefined,
        TT46_FROM,
        ["vat-lieu-xay-dung/gach-dat-set-nung-lo-thu-cong-cai-tien", "vat-lieu-xay-dung/gach-dat-set-nung-lo-vong"],
        tt46("5", "1", undefined, "617")
      ),
      single(
        "eligibility.mining.industries",
        "Mining and mineral processing (khai thác, chế biến khoáng sản), supported only in difficult areas",
        undefined,
        D45_FROM,
        ["khai-thac-che-bien-khoang-san"],
        d45("5", "1", "e", "607", ART5_AMENDED)
      ),
      single(
        "eligibility.mining.areas",
        "Area difficulty levels where mining and mineral processing may be supported: difficult and especially difficult (khó khăn, đặc biệt khó khăn)",
        undefined,
        TT46_FROM,
        ["difficult", "especially-difficult"],
        tt46("5", "2", undefined, "619", "Difficult areas as defined by Decree 108/2006/NĐ-CP.")
      ),
      single(
        "priority.difficult-areas",
        "Area difficulty levels that are a priority area (địa bàn ưu tiên, art. 6.1.d)",
        undefined,
        TT46_FROM,
        ["difficult", "especially-difficult"],
        tt46("6", "1", "d", "645", ART6_AMENDED)
      ),
      single(
        "priority.local-raw-material-share",
        "Share of main raw materials from the province that makes production 'using local raw materials' (nguyên liệu tại chỗ): more than 50 %",
        "share",
        TT46_FROM,
        rate(1n, 2n),
        tt46("6", "2", "b", "651", `Strictly above the share: 'chiếm trên 50%'. ${ART6_AMENDED}`)
      ),
      single(
        "priority.labour-intensive-workforce",
        "Workforce from which a rural establishment is labour-intensive (sử dụng nhiều lao động): 50 workers or more",
        "workers",
        TT46_FROM,
        50,
        tt46("6", "2", "c", "653", ART6_AMENDED)
      ),
      single(
        "priority.industries.sectors",
        "Priority sectors of Decree 45/2012 art. 6.2.a, without cleaner production (Circular 46/2012 art. 6.3.a): mechanical engineering and chemicals serving agriculture, agro-forestry-fishery processing, supporting industry",
        undefined,
        D45_FROM,
        ["co-khi-dien-dien-tu/co-khi-nong-nghiep", "hoa-chat-nong-nghiep", "che-bien-nong-lam-thuy-san", "cong-nghiep-ho-tro"],
        d45("6", "2", "a", "627", `Supporting industry means products on the list of Decision 1483/QĐ-TTg (Circular 46/2012 art. 6.2.d). ${ART6_AMENDED}`)
      ),
      single(
        "priority.unranked-activities",
        "Activities ranked without area or industry order (cleaner production): their order rests on effectiveness and urgency, decided by the programme authority",
        undefined,
        TT46_FROM,
        ["cleaner-production-model"],
        tt46("6", "3", "b", "669", ART6_AMENDED)
      ),
      // --- Decree 235 places, beneficiaries and priority ------------------------------------------
      single(
        "eligibility.location.province-unit-kinds",
        "Commune-level units of a province (tỉnh) that are eligible places: communes (xã), wards (phường) and special zones (đặc khu)",
        undefined,
        DECREE_235_FROM,
        ["commune", "ward", "special-zone"],
        d235("a", `${LOCATION_TEXT} Read by the location-province rule for a location whose province code is not in eligibility.location.central-cities. Townships (thị trấn) no longer exist from 2025-07-01.`)
      ),
      single(
        "eligibility.location.central-city-unit-kinds",
        "Commune-level units of a centrally-run city (thành phố trực thuộc trung ương) that are eligible places: communes (xã) and special zones (đặc khu), not wards",
        undefined,
        DECREE_235_FROM,
        ["commune", "special-zone"],
        d235("a", `${LOCATION_TEXT} Reading (rules-2025-plus-notes.md A2, [D]): a ward of a centrally-run city is not listed, so it is outside point a unless it lies in a recognised craft village. Read by the location-province rule for a location whose province code is in eligibility.location.central-cities.`)
      ),
      centralCities,
      single(
        "eligibility.location.craft-villages",
        "A production location in a craft village (làng nghề) recognised by the provincial People's Committee is an eligible place, whatever its commune-level unit",
        undefined,
        DECREE_235_FROM,
        true,
        d235("a", `${LOCATION_TEXT} Read by the location-province rule (role craftVillages): a location with location.craftVillage given passes whatever its unit; the recognition date (craftVillage.recognisedOn) is not tested.`)
      ),
      single(
        "eligibility.artisan-titles",
        "Artisan titles whose holders are beneficiaries (đối tượng được hưởng chính sách khuyến công): People's Artisan (nghệ nhân nhân dân) and Meritorious Artisan (nghệ nhân ưu tú)",
        undefined,
        DECREE_235_FROM,
        ["nghe-nhan-nhan-dan", "nghe-nhan-uu-tu"],
        d235News(
          "'Folk artisans and outstanding artisans are also recognised as policy beneficiaries' (People's and Meritorious Artisans). Whether they are subject (c) of the new Art. 1.2 (truncated in the copy read) is unconfirmed. Read by the legal-form rule (role artisanTitles) on Establishment.artisanTitle: a holder of a listed title passes whatever its legal form; the place condition still applies.",
          `${PLUS} A2 (artisans row), UNCONFIRMED 2; ${NEWS_235}; rules-2018-2025-notes.md §5 (Decree 235 row)`
        )
      ),
      single(
        "eligibility.sustainable-production.covered",
        "Establishments applying sustainable production and consumption (sản xuất và tiêu dùng bền vững) are beneficiaries, like cleaner-production establishments",
        undefined,
        DECREE_235_FROM,
        true,
        d235("b", "'…applying cleaner production, sustainable production and consumption'. Read by the legal-form and location-province rules (role sustainableProductionExempt) on Establishment.sustainableProduction.")
      ),
      single(
        "eligibility.cluster-infrastructure-investors",
        "Legal forms that are beneficiaries as investors in building industrial-cluster infrastructure (chủ đầu tư xây dựng hạ tầng cụm công nghiệp): enterprises (of any size) and cooperatives",
        undefined,
        DECREE_235_FROM,
        ["enterprise", "large-enterprise", "cooperative"],
        d235(
          "b",
          "'Enterprises and cooperatives being investors in the construction of industrial cluster infrastructure'. 'Enterprises' is not limited to SMEs in this point (point a says 'small- and medium-sized'), hence large-enterprise; whether a union of cooperatives counts as a cooperative here is not said. Read by the legal-form and location-province rules (role clusterInvestorForms) on Establishment.clusterInfrastructureInvestor: an investor of a listed form is free of the size and place conditions of point a."
        )
      ),
      single(
        "priority.owner-groups",
        "Establishment facts that give priority: owned by women (do phụ nữ làm chủ) or by ethnic minorities (do người dân tộc thiểu số làm chủ)",
        undefined,
        DECREE_235_FROM,
        ["womenOwned", "ethnicMinorityOwned"],
        cite(decree235, {
          grade: "unconfirmed",
          note: "News on Decree 235 reports 'special priority' for establishments owned by women and ethnic minorities; a 2026 conference report mentions the same priority next to Circular 64/2024/TT-BTC, so which instrument sets it is ambiguous, and its article, wording and rank against the area and industry classes are unknown. Unconfirmed. Read by the priority class area.owner-groups (criterion owner-flag), ranked after the area classes of Circular 46/2012 art. 6.3 because no text seen gives its rank.",
          source: `${PLUS} A2 (priority groups row), UNCONFIRMED 1; ${FOLLOWUP} B 6.6c, C 1; ${NEWS_PRIORITY}; ${NEWS_64}`
        })
      )
    ].map((p) => [p.id, p] as const)
  )
)

/**
 * The pack's eligibility rules, in evaluation order; the same ids as the 2021–2025 pack:
 * `eligibility.legal-form`, `eligibility.location`, `eligibility.industry`,
 * `eligibility.industry-exclusion`, `eligibility.mining-area`, `eligibility.activity-in-catalogue`,
 * `eligibility.approved`, `eligibility.counterpart-funding`, `eligibility.no-double-funding`.
 * @example `eligibilityRules.map((r) => r.kind)` → `["legal-form", "location", "industry", …]`
 * @category eligibility
 * @since 0.1.0
 */
export const eligibilityRules: ReadonlyArray<RulePack.EligibilityRule> = [
  {
    id: "eligibility.legal-form",
    kind: "legal-form",
    name: "Legal form",
    nameVi: "Loại hình cơ sở",
    parameters: {
      forms: "eligibility.legal-forms",
      cleanerProductionExempt: "eligibility.cleaner-production.exempt",
      artisanTitles: "eligibility.artisan-titles",
      sustainableProductionExempt: "eligibility.sustainable-production.covered",
      clusterInvestorForms: "eligibility.cluster-infrastructure-investors"
    },
    citation: d235(
      "a",
      "Cleaner-production and sustainable-production establishments and industrial-cluster infrastructure investors: new Art. 1.2.b. Artisans (nghệ nhân): reported by news (eligibility.artisan-titles, secondary)."
    )
  },
  {
    id: "eligibility.location",
    kind: "location-province",
    name: "Production location",
    nameVi: "Địa bàn sản xuất",
    parameters: {
      provinceUnitKinds: "eligibility.location.province-unit-kinds",
      centralCityUnitKinds: "eligibility.location.central-city-unit-kinds",
      centralCities: "eligibility.location.central-cities",
      craftVillages: "eligibility.location.craft-villages",
      cleanerProductionExempt: "eligibility.cleaner-production.exempt",
      sustainableProductionExempt: "eligibility.sustainable-production.covered",
      clusterInvestorForms: "eligibility.cluster-infrastructure-investors"
    },
    citation: d235(
      "a",
      `${LOCATION_TEXT} The test is on the production location: its province code is looked up in the centrally-run cities in force at the decision date.`
    )
  },
  {
    id: "eligibility.industry",
    kind: "industry",
    name: "Line of work",
    nameVi: "Ngành nghề được hưởng chính sách khuyến công",
    parameters: { industries: "eligibility.industries", cleanerProductionCovered: "eligibility.industries.cleaner-production-covered" },
    citation: d45("5", "1", undefined, "595–609", `As amended by Decree 235/2025. ${ART5_AMENDED}`)
  },
  {
    id: "eligibility.industry-exclusion",
    kind: "industry-exclusion",
    name: "Excluded production",
    nameVi: "Ngành nghề không hỗ trợ",
    parameters: { excluded: "eligibility.industries.excluded" },
    citation: tt46("5", "1", undefined, "617")
  },
  {
    id: "eligibility.mining-area",
    kind: "mining-area",
    name: "Mining only in difficult areas",
    nameVi: "Khai thác, chế biến khoáng sản tại địa bàn khó khăn",
    parameters: { industries: "eligibility.mining.industries", areas: "eligibility.mining.areas" },
    citation: tt46("5", "2", undefined, "619", "Decree 45/2012 art. 5.1.e ([PD] l.607).")
  },
  {
    id: "eligibility.activity-in-catalogue",
    kind: "activity-in-catalogue",
    name: "Content fits the khuyến công activities",
    nameVi: "Nội dung phù hợp với nội dung hoạt động khuyến công",
    parameters: {},
    citation: jc26("1", "1451")
  },
  {
    id: "eligibility.approved",
    kind: "approved",
    name: "Project approved",
    nameVi: "Đề án được cơ quan có thẩm quyền phê duyệt",
    parameters: {},
    citation: jc26("2", "1453")
  },
  {
    id: "eligibility.counterpart-funding",
    kind: "counterpart-funding",
    name: "Counterpart funding committed",
    nameVi: "Cam kết đầu tư đủ kinh phí đối ứng",
    parameters: {},
    citation: jc26("3", "1455")
  },
  {
    id: "eligibility.no-double-funding",
    kind: "no-double-funding",
    name: "No other state funding for the same spending item",
    nameVi: "Chưa được hỗ trợ từ nguồn ngân sách nhà nước khác cho cùng nội dung chi",
    parameters: {},
    citation: jc26("4", "1457")
  }
]

/**
 * Area priority classes (địa bàn ưu tiên) in the order of Circular 46/2012 art. 6.3.a, as in the
 * 2021–2025 pack. Ids: `area.highland-island-border-ethnic`, `area.poor-district`,
 * `area.new-rural-commune`, `area.difficult`, and `area.owner-groups` (Decree 235: establishments
 * owned by women or ethnic minorities; unconfirmed, ranked last because no text seen gives its rank).
 * @example `areaPriorities.map((c) => c.rank)` → `[1, 2, 3, 4]`
 * @category priority
 * @since 0.1.0
 */
export const areaPriorities: ReadonlyArray<RulePack.PriorityClass> = [
  {
    id: "area.highland-island-border-ethnic",
    rank: 1,
    name: "Highland, island and land-border areas; ethnic-minority areas",
    nameVi: "Vùng cao, hải đảo, biên giới đất liền, vùng đồng bào dân tộc thiểu số",
    citation: tt46("6", "1", "a", "639", ART6_AMENDED),
    criterion: { kind: "location-flag", flags: ["highland", "island", "border", "ethnicMinorityArea"] }
  },
  {
    id: "area.poor-district",
    rank: 2,
    name: "Poor districts (Resolution 30a/2008/NQ-CP), read on the production location's flag",
    nameVi: "Các huyện nghèo",
    citation: tt46("6", "1", "b", "641", ART6_AMENDED),
    criterion: { kind: "location-flag", flags: ["poorDistrict"] }
  },
  {
    id: "area.new-rural-commune",
    rank: 3,
    name: "Communes in the new-rural-area programme plan",
    nameVi: "Địa bàn các xã trong kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    citation: tt46("6", "1", "c", "643", ART6_AMENDED),
    criterion: { kind: "location-flag", flags: ["newRuralCommune"] }
  },
  {
    id: "area.difficult",
    rank: 4,
    name: "Areas with difficult or especially difficult socio-economic conditions",
    nameVi: "Địa bàn có điều kiện kinh tế - xã hội khó khăn và đặc biệt khó khăn",
    citation: tt46("6", "1", "d", "645", ART6_AMENDED),
    criterion: { kind: "difficult-area", levels: "priority.difficult-areas" }
  },
  {
    id: "area.owner-groups",
    rank: 5,
    name: "Establishments owned by women or by ethnic minorities",
    nameVi: "Cơ sở do phụ nữ, người dân tộc thiểu số làm chủ",
    citation: (eligibilityParameters["priority.owner-groups"] as P).values[0]?.citation as Citation.Citation,
    criterion: { kind: "owner-flag", flags: "priority.owner-groups" }
  }
]

/**
 * Industry priority classes (ngành nghề ưu tiên) in the order of Circular 46/2012 art. 6.3.a, as in
 * the 2021–2025 pack. Ids: `industry.products`, `industry.sectors`.
 * @example `industryPriorities.map((c) => c.id)` → `["industry.products", "industry.sectors"]`
 * @category priority
 * @since 0.1.0
 */
export const industryPriorities: ReadonlyArray<RulePack.PriorityClass> = [
  {
    id: "industry.products",
    rank: 1,
    name: "Products with an export market, using local raw materials, or made by labour-intensive establishments",
    nameVi: "Sản phẩm có thị trường xuất khẩu, sử dụng nguyên liệu tại chỗ, sử dụng nhiều lao động",
    citation: d45("6", "2", "b", "629", `Detailed by Circular 46/2012 art. 6.2.a–c ([PD] l.649–653); ordered first by art. 6.3.a ([PD] l.665). ${ART6_AMENDED}`),
    criterion: {
      kind: "any",
      of: [
        { kind: "export-contract" },
        { kind: "local-raw-material-above", threshold: "priority.local-raw-material-share" },
        { kind: "workforce-at-least", threshold: "priority.labour-intensive-workforce" }
      ]
    }
  },
  {
    id: "industry.sectors",
    rank: 2,
    name: "Mechanical engineering and chemicals serving agriculture, agro-forestry-fishery processing, supporting industry",
    nameVi: "Công nghiệp cơ khí, hóa chất phục vụ nông nghiệp, nông thôn; công nghiệp chế biến nông - lâm - thủy sản; công nghiệp hỗ trợ",
    citation: d45("6", "2", "a", "627", `Ordered after point b, without cleaner production, by Circular 46/2012 art. 6.3.a ([PD] l.665). ${ART6_AMENDED}`),
    criterion: { kind: "industry-in", industries: "priority.industries.sectors" }
  }
]

/**
 * Priority settings for the pack's `priority` field: cleaner-production activities are ranked
 * without area or industry order (Circular 46/2012 art. 6.3.b).
 * @example `priorityRules.unrankedActivities` → `"priority.unranked-activities"`
 * @category priority
 * @since 0.1.0
 */
export const priorityRules: RulePack.PriorityRules = {
  unrankedActivities: "priority.unranked-activities",
  citation: tt46("6", "3", "b", "669", ART6_AMENDED)
}

// ---------------------------------------------------------------------------------------------
// What the engine cannot express yet

/**
 * A rule of the 2026–2030 period that the core engine cannot evaluate yet: what the law says, its
 * citation, the parameters that already hold its data, exactly what the core lacks, and what the
 * pack does meanwhile (and the error that makes).
 * @category models
 * @since 0.1.0
 */
export interface EngineGap {
  readonly id: string
  readonly rule: string
  readonly citation: Citation.Citation
  /** Parameter ids of this pack holding the rule's data (loaded and validated, not read by the rules). */
  readonly parameters: ReadonlyArray<string>
  /** What the core (Establishment, RulePack, Eligibility, Priority, Pack validation) is missing. */
  readonly missing: string
  /** What the pack does until then. */
  readonly meanwhile: string
}

/**
 * Every Decree 235 rule the core cannot evaluate yet: none. The five gaps of 0.1.0
 * (`location.province-or-central-city`, `location.craft-village`, `beneficiary.artisans`,
 * `beneficiary.point-b`, `priority.owner-groups`) are evaluated by the core rule kinds
 * `location-province` and `legal-form` (roles `artisanTitles`, `sustainableProductionExempt`,
 * `clusterInvestorForms`) and the priority criterion `owner-flag`.
 * @example `engineGaps` → `[]`
 * @category eligibility
 * @since 0.1.0
 */
export const engineGaps: ReadonlyArray<EngineGap> = []
