/**
 * Eligibility (đối tượng, ngành nghề, điều kiện được hỗ trợ) and priority (nguyên tắc ưu tiên) data
 * of the 2021–2025 pack: the parameters the core rule functions read, the pack's eligibility
 * rules, and its area and industry priority classes.
 *
 * Sources, all in ../shared/legal/codification-khuyen-cong.md ([PD], primary for the texts as
 * codified):
 * - Decree 45/2012/NĐ-CP art. 1.2 (subjects: SMEs, cooperatives, cooperative groups, business
 *   households in districts, towns, townships, communes, wards of class-2/3 cities and wards of
 *   class-1 cities converted from communes not more than 5 years; cleaner-production
 *   establishments), art. 5 (industries), art. 6 (priorities);
 * - Circular 46/2012/TT-BCT art. 3 (subjects in detail; the 5 years counted to 31 December of the
 *   year before the plan year, art. 3.1.đ; cleaner production free of size and location limits,
 *   art. 3.2), art. 5 (exclusions: fired-clay bricks from improved manual or ring kilns; mining only
 *   in difficult areas), art. 6 (priority areas and industries and their order, art. 6.3);
 * - Joint Circular 26/2014/TTLT-BTC-BCT art. 7 (support conditions). It expired when Circular
 *   28/2018/TT-BTC took effect; the article of Circular 28/2018 on conditions was not seen, so these
 *   rules carry grade `unconfirmed` with a carried-over note.
 * Circular 20/2017/TT-BCT amended Circular 46/2012; its changes were not seen (notes §5), so the
 * Circular 46/2012 citations note that the amendment is unverified.
 *
 * Industry codes (mã ngành nghề, the `industry.code` of an establishment; hierarchical: a code
 * covers the codes below it, `vat-lieu-xay-dung` covers `vat-lieu-xay-dung/gach-dat-set-nung-lo-vong`):
 * - `che-bien-nong-lam-thuy-san`: agro-forestry-fishery and food processing (art. 5.1.a);
 * - `hang-tieu-dung-xuat-khau`: consumer and export goods, import substitutes (art. 5.1.b);
 * - `hoa-chat-nong-nghiep`: chemicals serving agriculture and rural areas (art. 5.1.c);
 * - `vat-lieu-xay-dung`: building materials (art. 5.1.c); below it the excluded
 *   `vat-lieu-xay-dung/gach-dat-set-nung-lo-thu-cong-cai-tien` and `…/gach-dat-set-nung-lo-vong`;
 * - `co-khi-dien-dien-tu`: products, parts, assembly and repair of mechanical, electrical,
 *   electronic and IT machinery (art. 5.1.d); below it `co-khi-dien-dien-tu/co-khi-nong-nghiep`
 *   (mechanical engineering serving agriculture, a priority industry of art. 6.2.a);
 * - `cong-nghiep-ho-tro`: parts, semi-finished products, supporting industry (art. 5.1.d);
 * - `tieu-thu-cong-nghiep`: small-scale industry and handicrafts (art. 5.1.đ);
 * - `khai-thac-che-bien-khoang-san`: mining and mineral processing, in difficult areas only
 *   (art. 5.1.e);
 * - `san-xuat-sach-hon`: cleaner production in industrial establishments (art. 5.1.g);
 * - `xu-ly-o-nhiem-moi-truong`: pollution treatment at industrial clusters and rural
 *   establishments (art. 5.1.g).
 *
 * @since 0.1.0
 */
import { Parameter } from "@khuyencong/core"
import type { Citation, RulePack } from "@khuyencong/core"
import { cite, day, rate, single } from "./internal/build.js"
import { circular46, decree45, jointCircular26 } from "./instruments.js"

const PD = "codification-khuyen-cong.md"
const AMENDED_46 = "Circular 46/2012 was amended by Circular 20/2017/TT-BCT, whose changes were not seen (rules-2018-2025-notes.md §5); this clause is read in the codified text."
const CONDITIONS_CARRIED =
  "Joint Circular 26/2014/TTLT-BTC-BCT expired when Circular 28/2018/TT-BTC took effect; the article of Circular 28/2018 on support conditions was not seen (rules-2018-2025-notes.md §6 item 5). The principle is carried over, not confirmed for Circular 28/2018."

/** Decree 45/2012 took effect on 2012-07-05; Circular 46/2012 on 2013-02-10 ([PD] l.33, l.61). */
const D45_FROM = day(2012, 7, 5)
const TT46_FROM = day(2013, 2, 10)
/** The 2025 reorganisation: special zones (đặc khu) replace island districts from 2025-07-01. */
const REFORM_2025 = day(2025, 7, 1)

const d45 = (article: string, clause: string, point: string | undefined, line: string, note?: string): Citation.Citation => {
  const base = { article, clause, grade: "primary" as const, source: `${PD} l.${line}` }
  const withPoint = point === undefined ? base : { ...base, point }
  return cite(decree45, note === undefined ? withPoint : { ...withPoint, note })
}
const tt46 = (article: string, clause: string, point: string | undefined, line: string, note?: string): Citation.Citation => {
  const base = { article, clause, grade: "primary" as const, source: `${PD} l.${line}`, note: note === undefined ? AMENDED_46 : `${note} ${AMENDED_46}` }
  return cite(circular46, point === undefined ? base : { ...base, point })
}
const jc26 = (clause: string, line: string): Citation.Citation =>
  cite(jointCircular26, { article: "7", clause, grade: "unconfirmed", note: CONDITIONS_CARRIED, source: `${PD} l.${line}` })

type P = Parameter.Parameter<RulePack.ParameterValue>

const unitKinds: P = Parameter.makeOrThrow<RulePack.ParameterValue>({
  id: "eligibility.location.unit-kinds",
  description:
    "Commune-level units always eligible as production locations (địa bàn): communes (xã) and townships (thị trấn); wards are decided by their city class",
  values: [
    {
      from: D45_FROM,
      value: ["commune", "township"],
      citation: d45("1", "2", "a", "41", "Art. 1.2.a lists districts, towns, townships and communes; a commune-level unit inside a district is a commune or a township.")
    },
    {
      from: REFORM_2025,
      value: ["commune", "township", "special-zone"],
      citation: cite(decree45, {
        article: "1",
        clause: "2",
        point: "a",
        grade: "unconfirmed",
        note: "From 2025-07-01 island districts (huyện đảo), eligible as districts under art. 1.2.a, became special zones (đặc khu); no text seen says how the unamended Decree 45 applies to them. Townships no longer exist from that day.",
        source: `${PD} l.41; rules-2025-plus-notes.md (2025 reorganisation)`
      })
    }
  ]
})

/**
 * Parameters read by the eligibility rules and priority classes, by id. Ids:
 * `eligibility.legal-forms`, `eligibility.cleaner-production.exempt`,
 * `eligibility.location.unit-kinds`, `eligibility.location.ward-city-classes`,
 * `eligibility.location.converted-ward-city-classes`,
 * `eligibility.location.conversion-window-years`, `eligibility.industries`,
 * `eligibility.industries.cleaner-production-covered`, `eligibility.industries.excluded`,
 * `eligibility.mining.industries`, `eligibility.mining.areas`, `priority.difficult-areas`,
 * `priority.local-raw-material-share`, `priority.labour-intensive-workforce`,
 * `priority.industries.sectors`, `priority.unranked-activities`.
 * @example `eligibilityParameters["eligibility.location.conversion-window-years"]?.values[0]?.value` → `5`
 * @category parameters
 * @since 0.1.0
 */
export const eligibilityParameters: Readonly<Record<string, P>> = Object.freeze(
  Object.fromEntries(
    [
      single(
        "eligibility.legal-forms",
        "Legal forms (loại hình) that may be supported: small and medium enterprises (doanh nghiệp nhỏ và vừa), cooperatives (hợp tác xã), cooperative groups (tổ hợp tác), business households (hộ kinh doanh)",
        undefined,
        D45_FROM,
        ["enterprise", "cooperative", "cooperative-group", "business-household"],
        d45("1", "2", "a", "41", "Detailed in Circular 46/2012 art. 3.1.a–c ([PD] l.65–69): SMEs as defined by Decree 56/2009 art. 3. Unions of cooperatives are added only by Decree 235/2025 (from 2025-10-15), outside this pack.")
      ),
      single(
        "eligibility.cleaner-production.exempt",
        "Cleaner-production establishments (cơ sở áp dụng sản xuất sạch hơn) are free of the size and location limits (không giới hạn quy mô, địa bàn)",
        undefined,
        TT46_FROM,
        true,
        tt46("3", "2", undefined, "75")
      ),
      unitKinds,
      single(
        "eligibility.location.ward-city-classes",
        "City classes (loại đô thị) whose wards (phường) are eligible: class 2 and 3 cities; classes 4–5 and wards without a city class are wards of towns (thị xã), which art. 1.2.a lists",
        undefined,
        D45_FROM,
        ["2", "3", "4", "5", "none"],
        d45("1", "2", "a", "41", "'các phường thuộc thành phố loại 2, loại 3' and 'thị xã'. Classes 4 and 5 and 'none' (no city class given) are read as towns: provincial cities are urban areas of class 1–3. Special-class cities are not listed.")
      ),
      single(
        "eligibility.location.converted-ward-city-classes",
        "City classes whose wards are eligible only when converted from a commune (chuyển đổi từ xã) within the window: class 1",
        undefined,
        D45_FROM,
        ["1"],
        d45("1", "2", "a", "41")
      ),
      single(
        "eligibility.location.conversion-window-years",
        "Years after conversion from a commune during which a class-1 city ward stays eligible (chưa quá 05 năm), counted from the conversion decision's effective date to 31 December of the year before the plan year",
        "years",
        TT46_FROM,
        5,
        tt46("3", "1", "đ", "73", "Decree 45/2012 art. 1.2.a sets the 5 years ([PD] l.41).")
      ),
      single(
        "eligibility.industries",
        "Lines of work (ngành nghề) that may be supported (Decree 45/2012 art. 5.1 a–g), as industry codes",
        undefined,
        D45_FROM,
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
          "xu-ly-o-nhiem-moi-truong"
        ],
        d45("5", "1", undefined, "595–609")
      ),
      single(
        "eligibility.industries.cleaner-production-covered",
        "Applying cleaner production in an industrial establishment is itself a line of work that may be supported (áp dụng sản xuất sạch hơn trong các cơ sở sản xuất công nghiệp)",
        undefined,
        D45_FROM,
        true,
        d45("5", "1", "g", "609")
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
        d45("5", "1", "e", "607")
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
        tt46("6", "1", "d", "645")
      ),
      single(
        "priority.local-raw-material-share",
        "Share of main raw materials from the province that makes production 'using local raw materials' (nguyên liệu tại chỗ): more than 50 %",
        "share",
        TT46_FROM,
        rate(1n, 2n),
        tt46("6", "2", "b", "651", "Strictly above the share: 'chiếm trên 50%'.")
      ),
      single(
        "priority.labour-intensive-workforce",
        "Workforce from which a rural establishment is labour-intensive (sử dụng nhiều lao động): 50 workers or more",
        "workers",
        TT46_FROM,
        50,
        tt46("6", "2", "c", "653")
      ),
      single(
        "priority.industries.sectors",
        "Priority sectors of Decree 45/2012 art. 6.2.a, without cleaner production (Circular 46/2012 art. 6.3.a): mechanical engineering and chemicals serving agriculture, agro-forestry-fishery processing, supporting industry",
        undefined,
        D45_FROM,
        ["co-khi-dien-dien-tu/co-khi-nong-nghiep", "hoa-chat-nong-nghiep", "che-bien-nong-lam-thuy-san", "cong-nghiep-ho-tro"],
        d45("6", "2", "a", "627", "Supporting industry means products on the list of Decision 1483/QĐ-TTg (Circular 46/2012 art. 6.2.d).")
      ),
      single(
        "priority.unranked-activities",
        "Activities ranked without area or industry order (cleaner production): their order rests on effectiveness and urgency, decided by the programme authority",
        undefined,
        TT46_FROM,
        ["cleaner-production-model"],
        tt46("6", "3", "b", "669")
      )
    ].map((p) => [p.id, p] as const)
  )
)

/**
 * The pack's eligibility rules, in evaluation order. Rule ids: `eligibility.legal-form`,
 * `eligibility.location`, `eligibility.industry`, `eligibility.industry-exclusion`,
 * `eligibility.mining-area`, `eligibility.activity-in-catalogue`, `eligibility.approved`,
 * `eligibility.counterpart-funding`, `eligibility.no-double-funding`.
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
    parameters: { forms: "eligibility.legal-forms", cleanerProductionExempt: "eligibility.cleaner-production.exempt" },
    citation: d45("1", "2", "a", "41", "Cleaner-production establishments: art. 1.2.b and Circular 46/2012 art. 3.2.")
  },
  {
    id: "eligibility.location",
    kind: "location",
    name: "Production location",
    nameVi: "Địa bàn sản xuất",
    parameters: {
      unitKinds: "eligibility.location.unit-kinds",
      wardCityClasses: "eligibility.location.ward-city-classes",
      convertedWardCityClasses: "eligibility.location.converted-ward-city-classes",
      conversionWindowYears: "eligibility.location.conversion-window-years",
      cleanerProductionExempt: "eligibility.cleaner-production.exempt"
    },
    citation: tt46("3", "1", undefined, "63–73", "Details Decree 45/2012 art. 1.2.a; the conversion window is counted per point đ; an establishment registered in a class-1 ward producing in an eligible place is covered (point d).")
  },
  {
    id: "eligibility.industry",
    kind: "industry",
    name: "Line of work",
    nameVi: "Ngành nghề được hưởng chính sách khuyến công",
    parameters: { industries: "eligibility.industries", cleanerProductionCovered: "eligibility.industries.cleaner-production-covered" },
    citation: d45("5", "1", undefined, "595–609")
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
 * Area priority classes (địa bàn ưu tiên) in the order of Circular 46/2012 art. 6.3.a (points a →
 * d of art. 6.1). Ids: `area.highland-island-border-ethnic`, `area.poor-district`,
 * `area.new-rural-commune`, `area.difficult`.
 * @example `areaPriorities.map((c) => c.rank)` → `[1, 2, 3, 4]`
 * @category priority
 * @since 0.1.0
 */
export const areaPriorities: ReadonlyArray<RulePack.PriorityClass> = [
  {
    id: "area.highland-island-border-ethnic",
    rank: 1,
    name: "Highland, island and land-border districts; ethnic-minority areas",
    nameVi: "Huyện vùng cao, hải đảo, biên giới đất liền, vùng đồng bào dân tộc thiểu số",
    citation: tt46("6", "1", "a", "639"),
    criterion: { kind: "location-flag", flags: ["highland", "island", "border", "ethnicMinorityArea"] }
  },
  {
    id: "area.poor-district",
    rank: 2,
    name: "Poor districts (Resolution 30a/2008/NQ-CP)",
    nameVi: "Các huyện nghèo",
    citation: tt46("6", "1", "b", "641"),
    criterion: { kind: "location-flag", flags: ["poorDistrict"] }
  },
  {
    id: "area.new-rural-commune",
    rank: 3,
    name: "Communes in the new-rural-area programme plan",
    nameVi: "Địa bàn các xã trong kế hoạch thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    citation: tt46("6", "1", "c", "643"),
    criterion: { kind: "location-flag", flags: ["newRuralCommune"] }
  },
  {
    id: "area.difficult",
    rank: 4,
    name: "Areas with difficult or especially difficult socio-economic conditions",
    nameVi: "Địa bàn có điều kiện kinh tế - xã hội khó khăn và đặc biệt khó khăn",
    citation: tt46("6", "1", "d", "645"),
    criterion: { kind: "difficult-area", levels: "priority.difficult-areas" }
  }
]

/**
 * Industry priority classes (ngành nghề ưu tiên) in the order of Circular 46/2012 art. 6.3.a:
 * Decree 45/2012 art. 6.2.b first (export market, local raw materials, labour-intensive, as
 * detailed in Circular 46/2012 art. 6.2.a–c; typical rural products and key products are not
 * facts of an establishment here), then art. 6.2.a (priority sectors, without cleaner production).
 * Ids: `industry.products`, `industry.sectors`.
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
    citation: d45("6", "2", "b", "629", "Detailed by Circular 46/2012 art. 6.2.a–c ([PD] l.649–653); ordered first by art. 6.3.a ([PD] l.665)."),
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
    citation: d45("6", "2", "a", "627", "Ordered after point b, without cleaner production, by Circular 46/2012 art. 6.3.a ([PD] l.665)."),
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
  citation: tt46("6", "3", "b", "669")
}
