/**
 * Parameters (tham số) of the 2014–2018 pack: national support levels (mức hỗ trợ khuyến công
 * quốc gia) of Joint Circular 26/2014/TTLT-BTC-BCT Art. 6.2, management overhead (chi quản lý),
 * the priority multiplier (mức ưu tiên), the advance ratios (tỷ lệ tạm ứng) of Circular
 * 36/2013/TT-BCT Art. 13, the overall advance ceiling of Joint Circular 26/2014 Art. 8.2.b and the
 * carry-over of unspent funds (Decree 45/2012 Art. 14.4).
 *
 * Every figure is read in the primary text ([PD] = ../shared/legal/codification-khuyen-cong.md,
 * by line) and graded `primary`, except `advance.relocation-interest.first`: Circular 36/2013 Art.
 * 15.1 states no ratio, the core needs one, and the value is this pack's reading (`unconfirmed`).
 *
 * Joint Circular 26/2014 figures apply from 2014-04-08 to 2018-05-10 (`until`): Circular
 * 28/2018/TT-BTC replaced it on 2018-05-11. Circular 36/2013 figures apply from 2014-02-10 with no
 * end in this pack (its amendment by Circular 17/2018/TT-BCT came after the pack's period).
 *
 * Parameter ids follow the 2021–2025 pack where the concept is the same:
 * `support.<item>.rate` (share of eligible cost), `support.<item>.cap` (absolute cap in đồng),
 * `overhead.*`, `priority.multiplier`, `advance.<tier>.first`, `advance.<tier>.progress-threshold`,
 * `advance.overall-ceiling`, `funds.carry-over`.
 *
 * @since 0.1.0
 */
import type { Citation, LocalDate, Parameter, RulePack } from "@khuyencong/core"
import { byId, cite, day, rate, single } from "./internal/build.js"
import { circular36, decree45, jointCircular26 } from "./instruments.js"

/**
 * The day Joint Circular 26/2014/TTLT-BTC-BCT took effect ([PD] l.1717): the first decision day
 * of the pack.
 * @example `JC26_FROM` → `"2014-04-08"`
 * @category constants
 * @since 0.1.0
 */
export const JC26_FROM: LocalDate.LocalDate = day(2014, 4, 8)

/**
 * The last day Joint Circular 26/2014 applied: Circular 28/2018/TT-BTC replaced it on 2018-05-11
 * (S: TVPL-NEWS, rules-2018-2025-notes.md §5 l.144). The last decision day of the pack.
 * @example `JC26_UNTIL` → `"2018-05-10"`
 * @category constants
 * @since 0.1.0
 */
export const JC26_UNTIL: LocalDate.LocalDate = day(2018, 5, 10)

/**
 * The day Circular 36/2013/TT-BCT took effect ([PD] l.1709).
 * @example `TT36_FROM` → `"2014-02-10"`
 * @category constants
 * @since 0.1.0
 */
export const TT36_FROM: LocalDate.LocalDate = day(2014, 2, 10)

const PD = "codification-khuyen-cong.md"

const VND = "VND"
const RATE = "rate"

type P = Parameter.Parameter<RulePack.ParameterValue>

/** A Joint Circular 26/2014 Art. 6.2 figure, read in [PD] at `line` (primary). */
const jc26 = (point: string, line: string, note?: string): Citation.Citation =>
  cite(
    jointCircular26,
    note === undefined
      ? { article: "6", clause: "2", point, grade: "primary", source: `${PD} l.${line}` }
      : { article: "6", clause: "2", point, grade: "primary", note, source: `${PD} l.${line}` }
  )

/** A Joint Circular 26/2014 level: from 2014-04-08 to 2018-05-10. */
const level = (id: string, description: string, unit: string, value: RulePack.ParameterValue, citation: Citation.Citation): P =>
  single(id, description, unit, JC26_FROM, value, citation, JC26_UNTIL)

/** A Circular 36/2013 figure (primary, from 2014-02-10). */
const tt36 = (article: string, clause: string, point: string | undefined, line: string, note: string): Citation.Citation =>
  cite(
    circular36,
    point === undefined
      ? { article, clause, grade: "primary", note, source: `${PD} l.${line}` }
      : { article, clause, point, grade: "primary", note, source: `${PD} l.${line}` }
  )

// --------------------------------------------------------------------------------------------
// Support levels (mức hỗ trợ), Joint Circular 26/2014/TTLT-BTC-BCT Art. 6.2 ([PD] l.1387–1437)
// --------------------------------------------------------------------------------------------

const supportLevels: ReadonlyArray<P> = [
  // a) Setting up a rural industrial enterprise in a difficult area.
  level(
    "support.enterprise-setup.cap",
    "Cap on support for setting up a rural industrial enterprise in an area with difficult or especially difficult socio-economic conditions (business plan, set-up project, registration costs), per enterprise (hỗ trợ thành lập doanh nghiệp sản xuất công nghiệp nông thôn)",
    VND,
    10_000_000n,
    jc26("a", "1389", "At most 10 million đồng per enterprise ('không quá 10 triệu đồng/doanh nghiệp'). Lump sum, no rate.")
  ),
  // b) Demonstration model; replication of an effective establishment's model.
  level(
    "support.demo-model.rate",
    "Maximum share of cost supported for a technical demonstration model spreading new technology or making new products (mô hình trình diễn kỹ thuật)",
    RATE,
    rate(3n, 10n),
    jc26("b", "1391", "First paragraph of point b: at most 30 % ('tối đa 30%'), and at most 500 million đồng per model.")
  ),
  level(
    "support.demo-model.cap",
    "Cap on support per technical demonstration model (mô hình trình diễn kỹ thuật), per model",
    VND,
    500_000_000n,
    jc26("b", "1391", "First paragraph of point b: at most 500 million đồng per model ('không quá 500 triệu đồng/mô hình').")
  ),
  level(
    "support.model-replication.cap",
    "Cap on support for an effective rural establishment's model to be publicised and replicated (process documentation), per model (mô hình của cơ sở công nghiệp nông thôn đang hoạt động có hiệu quả cần nhân rộng)",
    VND,
    100_000_000n,
    jc26("b", "1393", "Second paragraph of point b: at most 100 million đồng per model ('không quá 100 triệu đồng/mô hình'). The text sets no rate for this item.")
  ),
  // c) Machinery and technology transfer.
  level(
    "support.machinery.rate",
    "Maximum share of cost supported for applying machinery and transferring advanced technology into industrial and handicraft production (ứng dụng máy móc thiết bị, chuyển giao công nghệ tiên tiến)",
    RATE,
    rate(1n, 2n),
    jc26("c", "1395", "At most 50 % of cost ('tối đa 50% chi phí'), and at most 200 million đồng per establishment.")
  ),
  level(
    "support.machinery.cap",
    "Cap on machinery / technology-transfer support per establishment (ứng dụng máy móc thiết bị), per establishment",
    VND,
    200_000_000n,
    jc26("c", "1395", "At most 200 million đồng per establishment ('không quá 200 triệu đồng/cơ sở'). Joint Circular 26/2014 has no technology-line rule: the 1.5 × line level came with Circular 28/2018.")
  ),
  // d) Domestic fairs.
  level(
    "support.domestic-fair-organising.rate",
    "Share supported of booth rental, publicity and organising-board costs when organising a domestic fair of rural industrial and handicraft goods, on a bid or approved price (tổ chức hội chợ triển lãm trong nước)",
    RATE,
    rate(1n, 1n),
    jc26("d", "1397", "First paragraph of point d: 100 % ('Hỗ trợ 100%') of booth rental, publicity and organising-board costs, on the bid price, or the approved price where bidding does not apply.")
  ),
  level(
    "support.domestic-fair-attendance.rate",
    "Share of booth rental supported when a rural establishment attends another domestic fair (cơ sở công nghiệp nông thôn tham gia hội chợ, triển lãm khác trong nước)",
    RATE,
    rate(4n, 5n),
    jc26("d", "1399", "Second paragraph of point d: 80 % of booth rental ('80% giá thuê gian hàng').")
  ),
  // đ) Fairs abroad.
  level(
    "support.overseas-fair.rate",
    "Share supported of floor rental, booth design and construction, Vietnam-area decoration, opening, seminars and organiser staff for fairs abroad, on a bid or approved price (tổ chức, tham gia hội chợ triển lãm tại nước ngoài)",
    RATE,
    rate(1n, 1n),
    jc26("đ", "1401", "100 % of the listed costs ('Hỗ trợ 100%'), on the bid price, or the approved price where bidding does not apply.")
  ),
  // e) Airfares for study tours abroad.
  level(
    "support.overseas-study-airfare.rate",
    "Share of airfare supported for rural establishments on surveys and study tours abroad; the number of people is decided by the competent authority (vé máy bay khảo sát, học tập kinh nghiệm tại nước ngoài)",
    RATE,
    rate(1n, 1n),
    jc26("e", "1403", "100 % of airfare ('100% chi phí vé máy bay'); the number of people is decided by the competent authority.")
  ),
  // g) Typical-product selection and prizes.
  level(
    "support.typical-product-selection.regional.cap",
    "Cap on support for running a regional typical rural industrial product selection, per round (bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp khu vực)",
    VND,
    100_000_000n,
    jc26("g", "1407", "First indent of point g: at most 100 million đồng per round at regional level ('100 triệu đồng/lần'). Circular 26/2014/TT-BCT art. 19.2 funds the regional and national rounds at these levels ([PD] l.545).")
  ),
  level(
    "support.typical-product-selection.national.cap",
    "Cap on support for running the national typical rural industrial product selection, per round (bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia)",
    VND,
    200_000_000n,
    jc26("g", "1407", "First indent of point g: at most 200 million đồng per round at national level ('200 triệu đồng/lần').")
  ),
  level(
    "support.typical-product-prize.regional.cap",
    "Cap on the prize per product recognised as a regional typical rural industrial product (thưởng sản phẩm đạt giải cấp khu vực)",
    VND,
    5_000_000n,
    jc26("g", "1409", "Second indent of point g: at most 5 million đồng per product at regional level ('05 triệu đồng/sản phẩm').")
  ),
  level(
    "support.typical-product-prize.national.cap",
    "Cap on the prize per product recognised as a national typical rural industrial product (thưởng sản phẩm đạt giải cấp quốc gia)",
    VND,
    10_000_000n,
    jc26("g", "1409", "Second indent of point g: at most 10 million đồng per product at national level ('10 triệu đồng/sản phẩm').")
  ),
  // h) Trademark.
  level(
    "support.trademark.rate",
    "Maximum share of cost supported for building and registering a trademark of rural industrial products (xây dựng và đăng ký thương hiệu)",
    RATE,
    rate(1n, 2n),
    jc26("h", "1411", "At most 50 % of cost ('tối đa 50% chi phí'), and at most 35 million đồng per trademark.")
  ),
  level(
    "support.trademark.cap",
    "Cap on trademark support, per trademark (xây dựng và đăng ký thương hiệu)",
    VND,
    35_000_000n,
    jc26("h", "1411", "At most 35 million đồng per trademark ('35 triệu đồng/thương hiệu').")
  ),
  // i) Consultancy.
  level(
    "support.consultancy.rate",
    "Maximum share of cost supported for hiring consultants for a rural establishment (investment projects, marketing, management, design and packaging, new technology) (thuê tư vấn, trợ giúp cơ sở công nghiệp nông thôn)",
    RATE,
    rate(1n, 2n),
    jc26("i", "1413", "At most 50 % of cost ('tối đa 50% chi phí'), and at most 35 million đồng per establishment.")
  ),
  level(
    "support.consultancy.cap",
    "Cap on consultancy support, per establishment (thuê tư vấn)",
    VND,
    35_000_000n,
    jc26("i", "1413", "At most 35 million đồng per establishment ('35 triệu đồng/cơ sở').")
  ),
  // k) Media.
  level(
    "support.media.rate",
    "Share funded of the contract price (from bidding) or approved unit price of television, radio, bulletins, publications and leaflets (truyền hình, truyền thanh, bản tin, ấn phẩm, tờ rơi)",
    RATE,
    rate(1n, 1n),
    jc26(
      "k",
      "1415",
      "Point k states no percentage: media work is paid at the contract price from bidding, or at the approved unit price when ordered. Encoded as 100 % of that price because the core's cap rules need a rate; it is not a figure of the text."
    )
  ),
  // l) Associations.
  level(
    "support.association.rate",
    "Maximum share of founding cost supported for a regional or national trade association (thành lập hội, hiệp hội ngành nghề)",
    RATE,
    rate(3n, 10n),
    jc26("l", "1417", "At most 30 % of the founding cost ('tối đa 30% chi phí thành lập'); caps per association by level.")
  ),
  level(
    "support.association.regional.cap",
    "Cap on support for founding a regional association, per association (hội, hiệp hội cấp vùng)",
    VND,
    70_000_000n,
    jc26("l", "1417", "At most 70 million đồng per regional association ('70 triệu đồng/hội, hiệp hội cấp vùng').")
  ),
  level(
    "support.association.national.cap",
    "Cap on support for founding a national association, per association (hội, hiệp hội cấp quốc gia)",
    VND,
    100_000_000n,
    jc26("l", "1417", "At most 100 million đồng per national association ('100 triệu đồng/hội, hiệp hội cấp quốc gia').")
  ),
  // m) Linkage clusters.
  level(
    "support.linkage-cluster.rate",
    "Maximum share of cost supported for forming an industrial enterprise linkage cluster (hình thành cụm liên kết doanh nghiệp công nghiệp)",
    RATE,
    rate(1n, 2n),
    jc26("m", "1419", "At most 50 % of cost ('tối đa 50% chi phí'), and at most 150 million đồng per linkage cluster.")
  ),
  level(
    "support.linkage-cluster.cap",
    "Cap on linkage-cluster support, per linkage cluster (cụm liên kết)",
    VND,
    150_000_000n,
    jc26("m", "1419", "At most 150 million đồng per linkage cluster ('150 triệu đồng/cụm liên kết').")
  ),
  // n) Relocation interest subsidy.
  level(
    "support.relocation-interest.rate",
    "Maximum share of the interest supported on loans for workshops and machinery of a polluting rural establishment relocating into an industrial zone or cluster, after the investment is complete (hỗ trợ lãi suất vốn vay di dời)",
    RATE,
    rate(1n, 2n),
    jc26(
      "n",
      "1421",
      "At most 50 % of the interest ('tối đa 50% lãi suất') on loans for workshops and machinery in the first 2 years, and at most 500 million đồng per establishment. Medium- and long-term VND loans repaid on or before schedule only, at the lowest lending rate of the Bank for Investment and Development of Vietnam for the same term and period. The eligible cost of a line is the interest of the first 2 years (support.relocation-interest.years); the core does not check that."
    )
  ),
  level(
    "support.relocation-interest.cap",
    "Cap on the relocation interest subsidy, per establishment (hỗ trợ lãi suất vốn vay di dời)",
    VND,
    500_000_000n,
    jc26("n", "1421", "At most 500 million đồng per establishment ('500 triệu đồng/cơ sở').")
  ),
  level(
    "support.relocation-interest.years",
    "Number of first years of the loan whose interest is supported (số năm đầu được hỗ trợ lãi suất: 02 năm đầu)",
    "years",
    2,
    jc26("n", "1421", "The first 2 years ('02 năm đầu'). Informative: no core rule reads it.")
  ),
  // o) Pollution treatment at a rural establishment.
  level(
    "support.pollution-establishment.rate",
    "Maximum share of cost supported for repairing or upgrading the pollution-treatment system of a rural establishment (sửa chữa, nâng cấp hệ thống xử lý ô nhiễm môi trường tại cơ sở công nghiệp nông thôn)",
    RATE,
    rate(3n, 10n),
    jc26("o", "1423", "At most 30 % of cost ('tối đa 30% chi phí'), and at most 300 million đồng per establishment.")
  ),
  level(
    "support.pollution-establishment.cap",
    "Cap on pollution-treatment support at a rural establishment, per establishment",
    VND,
    300_000_000n,
    jc26("o", "1423", "At most 300 million đồng per establishment ('300 triệu đồng/cơ sở').")
  ),
  // p) Pollution treatment at an industrial cluster.
  level(
    "support.pollution-cluster.rate",
    "Maximum share of cost supported for repairing or upgrading the pollution-treatment system of an industrial cluster (sửa chữa, nâng cấp hệ thống xử lý ô nhiễm môi trường tại cụm công nghiệp)",
    RATE,
    rate(3n, 10n),
    jc26("p", "1425", "At most 30 % of cost ('tối đa 30% chi phí'), and at most 1,500 million đồng per industrial cluster.")
  ),
  level(
    "support.pollution-cluster.cap",
    "Cap on pollution-treatment support at an industrial cluster, per cluster (cụm công nghiệp)",
    VND,
    1_500_000_000n,
    jc26("p", "1425", "At most 1,500 million đồng per industrial cluster ('1.500 triệu đồng/cụm công nghiệp').")
  ),
  // q) Detailed planning of an industrial cluster.
  level(
    "support.cluster-planning.rate",
    "Maximum share of cost supported for the detailed plan of an industrial cluster (lập quy hoạch chi tiết cụm công nghiệp)",
    RATE,
    rate(1n, 2n),
    jc26("q", "1427", "At most 50 % of cost ('tối đa 50% chi phí'), and at most 500 million đồng per industrial cluster.")
  ),
  level(
    "support.cluster-planning.cap",
    "Cap on detailed-planning support, per industrial cluster (lập quy hoạch chi tiết cụm công nghiệp)",
    VND,
    500_000_000n,
    jc26("q", "1427", "At most 500 million đồng per industrial cluster ('500 triệu đồng/cụm công nghiệp').")
  ),
  // r) Industrial-cluster infrastructure.
  level(
    "support.cluster-infrastructure.cap",
    "Cap on support for building industrial-cluster infrastructure (levelling, internal roads, water supply, drainage), per cluster (đầu tư xây dựng kết cấu hạ tầng cụm công nghiệp)",
    VND,
    3_000_000_000n,
    jc26("r", "1429", "At most 3,000 million đồng per industrial cluster ('3.000 triệu đồng/cụm công nghiệp'). Lump sum, no rate.")
  )
]

// --------------------------------------------------------------------------------------------
// Management overhead (point s) and priority multiplier (point t)
// --------------------------------------------------------------------------------------------

const overheadAndPriority: ReadonlyArray<P> = [
  level(
    "overhead.managing-agency",
    "Maximum share of the khuyến công funds assigned each year that the managing agency may use for building programmes and projects, inspection, supervision and acceptance (chi quản lý của cơ quan quản lý kinh phí khuyến công)",
    RATE,
    rate(3n, 200n),
    jc26("s", "1433", "First indent of point s: at most 1.5 % ('tối đa 1,5%') of the khuyến công funds assigned each year. A share of the annual budget, not of a proposal: no spending item reads it.")
  ),
  level(
    "overhead.implementing-unit",
    "Maximum share of a khuyến công project estimate the implementing unit may spend on management, direction, inspection and supervision (chi quản lý của đơn vị triển khai thực hiện đề án)",
    RATE,
    rate(1n, 40n),
    jc26(
      "s",
      "1435",
      "Second indent of point s: at most 2.5 % of the project estimate ('tối đa 2,5% dự toán đề án'). The core applies it to the support of the proposal's other lines (share-of-support), which is this pack's reading of 'dự toán đề án'."
    )
  ),
  level(
    "priority.multiplier",
    "Maximum multiple of the support levels for programmes, projects and tasks in the priority areas and industries of Decree 45/2012 Art. 6.1–6.2, approved by the Ministry of Industry and Trade (mức kinh phí ưu tiên: không quá 1,5 lần mức hỗ trợ)",
    "×",
    rate(3n, 2n),
    jc26(
      "t",
      "1437",
      "At most 1.5 times the levels above ('không quá 1,5 lần mức hỗ trợ'). A ceiling on what the ministry may approve; Circular 36/2013 Art. 7.1 sets the priority levels in its Appendix 3, whose text is not in the codification ([PD] l.941, l.945)."
    )
  )
]

// --------------------------------------------------------------------------------------------
// Advance ratios (tỷ lệ tạm ứng): Circular 36/2013 Art. 13 and 15 (original text)
// --------------------------------------------------------------------------------------------

const advanceRatios: ReadonlyArray<P> = [
  single(
    "advance.cluster.first",
    "First advance for industrial-cluster infrastructure and industrial-cluster pollution-treatment projects, as a share of the approved support (tạm ứng 30 % kinh phí hỗ trợ của đề án)",
    RATE,
    TT36_FROM,
    rate(3n, 10n),
    tt36("13", "1", undefined, "1063–1065", "30 % of the project's support ('Tạm ứng 30%') for cluster infrastructure and cluster pollution-treatment systems (point a).")
  ),
  single(
    "advance.cluster.progress-threshold",
    "Share of the supported item's workload the progress report must show done before the 30 % advance (đã thực hiện được trên 50 % khối lượng công việc)",
    RATE,
    TT36_FROM,
    rate(1n, 2n),
    tt36("13", "1", "b", "1067", "A progress report showing more than 50 % ('trên 50%') of the supported item's workload done: strictly above the threshold.")
  ),
  single(
    "advance.soft.first",
    "First advance for vocational training, consultancy, training, conferences, study tours, trademarks, associations, linkage clusters and cleaner-production assessment (tạm ứng 70 % kinh phí hỗ trợ của đề án)",
    RATE,
    TT36_FROM,
    rate(7n, 10n),
    tt36("13", "2", undefined, "1069–1077", "70 % of the project's support ('Tạm ứng 70%'), points a (vocational training) and b (consultancy … cleaner-production assessment), on the contract and the implementation plan; no progress condition.")
  ),
  single(
    "advance.promotion.first",
    "First advance for fairs, domestic fair participation, television and radio, databases and websites, leaflets and industrial-cluster detailed planning (tạm ứng 70 %)",
    RATE,
    TT36_FROM,
    rate(7n, 10n),
    tt36("13", "2", "c", "1069, 1079–1081", "70 % (clause 2), point c, on the contract (and the support contract with the investor for cluster planning); no progress condition.")
  ),
  single(
    "advance.investment.first",
    "First advance for demonstration models, machinery and technology transfer, and pollution treatment at a rural establishment (tạm ứng 70 %)",
    RATE,
    TT36_FROM,
    rate(7n, 10n),
    tt36("13", "2", "d", "1069, 1083–1085", "70 % (clause 2), point d, on the contract and a progress report.")
  ),
  single(
    "advance.investment.progress-threshold",
    "Share of the project's total investment the progress report must show done before the investment-tier advance (tương ứng trên 70 % tổng vốn đầu tư của dự án)",
    RATE,
    TT36_FROM,
    rate(7n, 10n),
    tt36("13", "2", "d", "1085", "A progress report showing work worth more than 70 % ('trên 70%') of the project's total investment: strictly above the threshold.")
  ),
  single(
    "advance.enterprise-setup.first",
    "Advance for enterprise set-up projects, after base-level acceptance and business registration (tạm ứng 100 % kinh phí thực hiện của đề án)",
    RATE,
    TT36_FROM,
    rate(1n, 1n),
    tt36(
      "13",
      "3",
      undefined,
      "1087–1091",
      "100 % ('Tạm ứng 100%') on the contract, the base-level acceptance record, the completion report and the business registration certificate. Conflicts with the 70 % overall ceiling of Joint Circular 26/2014 Art. 8.2.b (advance.overall-ceiling), also primary in this period; the core applies the lower of the two."
    )
  ),
  single(
    "advance.relocation-interest.first",
    "Advance for the relocation interest subsidy, made on the base-level acceptance record and proof of the interest paid in the first two years (tạm ứng hỗ trợ lãi suất vốn vay di dời)",
    RATE,
    TT36_FROM,
    rate(1n, 1n),
    cite(circular36, {
      article: "15",
      clause: "1",
      grade: "unconfirmed",
      note: "Not a figure of the text: Art. 15.1 states no ratio; it lists the dossier (contract, base-level acceptance record, completion report, credit contract, proof of the interest paid in the first two years, construction and machinery contracts) on which the advance is made. The core needs a ratio for every tier; encoded as the whole approved support once that dossier exists, as in the 2021–2025 pack.",
      source: `${PD} l.1155`
    })
  ),
  level(
    "advance.overall-ceiling",
    "Overall ceiling on advances for a khuyến công project or task, as a share of the khuyến công support in the contract (mức tạm ứng không quá 70 % tổng kinh phí khuyến công hỗ trợ trên cơ sở hợp đồng)",
    RATE,
    rate(7n, 10n),
    cite(jointCircular26, {
      article: "8",
      clause: "2",
      point: "b",
      grade: "primary",
      note: "Advances for khuyến công projects and tasks are at most 70 % ('không quá 70%') of the khuyến công support in the contract. Conflicts with the 100 % advance for enterprise set-up of Circular 36/2013 Art. 13.3, also primary; no text seen settles which prevails.",
      source: `${PD} l.1487`
    })
  )
]

// --------------------------------------------------------------------------------------------
// Funds
// --------------------------------------------------------------------------------------------

const funds: ReadonlyArray<P> = [
  single(
    "funds.carry-over",
    "Whether national and local khuyến công funds from the budget not used in the plan year are carried over to the next year, under the rules in force (kinh phí chưa sử dụng hết được chuyển sang năm sau)",
    undefined,
    day(2012, 7, 5),
    true,
    cite(decree45, {
      article: "14",
      clause: "4",
      grade: "primary",
      note: "The decree sets no date or share: carry-over follows the budget rules in force ('theo quy định hiện hành').",
      source: `${PD} l.871`
    })
  )
]

/**
 * Every parameter of this module, by id (support levels, overhead, priority multiplier, advance
 * ratios, funds). Eligibility parameters live in eligibility.ts and are merged in index.ts.
 * @example `parameters["support.machinery.cap"]?.values[0]?.value` → `200000000n`
 * @category parameters
 * @since 0.1.0
 */
export const parameters: Readonly<Record<string, P>> = byId([...supportLevels, ...overheadAndPriority, ...advanceRatios, ...funds])
