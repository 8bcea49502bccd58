/**
 * Parameters (tham số) of the 2021–2025 pack: national support levels (mức hỗ trợ khuyến công
 * quốc gia), management overhead (chi quản lý), the priority multiplier (mức ưu tiên), advance
 * ratios (tỷ lệ tạm ứng) and the carry-over of unspent funds (chuyển nguồn).
 *
 * Every value applies from 2018-05-11, the day Circular 28/2018/TT-BTC took effect, and carries
 * its own citation and grade, as in rules-2018-2025-notes.md §1–§3 updated by
 * confirmations-followup.md:
 * - `secondary` (S): a Q&A, news or summary page quotes the Circular 28/2018 clause;
 * - `provincial-copy` (L): only provincial texts copy the national figure;
 * - `unconfirmed` (U): no Circular 28/2018 source gives the figure; the value is the Joint Circular
 *   26/2014 one (primary for 2014–2018), cited at its article / clause / point, with the note
 *   {@link CARRIED_OVER}.
 * No parameter changes on Circular 64/2024/TT-BTC: its effective date and any change of amounts
 * are unconfirmed.
 *
 * Parameter ids: `support.<item>.rate` (share of eligible cost), `support.<item>.cap` (absolute cap
 * in đồng), `support.technology-line.multiple`, `overhead.*`, `priority.multiplier`,
 * `advance.<tier>.first`, `advance.<tier>.progress-threshold`, `advance.overall-ceiling`,
 * `funds.carry-over`.
 *
 * @since 0.1.0
 */
import type { LocalDate, Parameter, RulePack } from "@khuyencong/core"
import { byId, cite, day, rate, single } from "./internal/build.js"
import { circular28, circular36, decree45, jointCircular26 } from "./instruments.js"

/**
 * The day the Circular 28/2018/TT-BTC levels apply from (S: TVPL-NEWS, LAWNET-TT28).
 * @example `TT28_FROM` → `"2018-05-11"`
 * @category constants
 * @since 0.1.0
 */
export const TT28_FROM: LocalDate.LocalDate = day(2018, 5, 11)

/**
 * The note on every value carried over from Joint Circular 26/2014 (grade `unconfirmed`).
 * @example `CARRIED_OVER` → `"carried over from Joint Circular 26/2014/TTLT-BTC-BCT; not confirmed for Circular 28/2018"`
 * @category constants
 * @since 0.1.0
 */
export const CARRIED_OVER = "carried over from Joint Circular 26/2014/TTLT-BTC-BCT; not confirmed for Circular 28/2018"

const NOTES = "rules-2018-2025-notes.md"
const FOLLOWUP = "confirmations-followup.md"
const PD = "codification-khuyen-cong.md"

const TVPL_NEWS =
  "thuvienphapluat.vn/chinh-sach-phap-luat-moi/vn/thong-bao-van-ban-moi/email/20378/tang-muc-ho-tro-doi-voi-nhieu-hoat-dong-khuyen-cong-quoc-gia"
const TVPL_QA_MODEL =
  "thuvienphapluat.vn/hoi-dap-phap-luat/3C878-hd-muc-chi-ho-tro-xay-dung-mo-hinh-trinh-dien-ky-thuat-cho-hoat-dong-khuyen-cong.html"
const TVPL_QA_FAIR =
  "thuvienphapluat.vn/hoi-dap-phap-luat/3C895-hd-muc-chi-hoat-dong-khuyen-cong-khi-to-chuc-tham-gia-hoi-cho-trien-lam-cho-cac-co-so-cong-nghiep-nong-thon-tai-nuoc-ngoai-la-bao-nhieu.html"
const LV_EN =
  "english.luatvietnam.vn/circular-no-28-2018-tt-btc-dated-march-28-2018-of-the-ministry-of-finance-on-guiding-the-estimation-management-and-use-of-industrial-extension-fund-163904-doc1.html"
const BT_FAQ = "khuyencongbinhthuan.com.vn/News/FaqView.aspx?ID=575"
const DT_2024 = "slyers.com/dong-thap-ap-dung-muc-chi-moi-cho-hoat-dong-khuyen-cong-331398.html (Đồng Tháp NQ 08/2024/NQ-HĐND)"
const HB_2019 = "khuyencongonline.gov.vn/tin-tuc/hoa-binh-quy-dinh-hoat-dong-khuyen-cong-c195ad87_121/ (Hòa Bình QĐ 20/2019/QĐ-UBND)"
const LC_2021 = "sct.laichau.gov.vn/default.aspx?page=news&do=detail&id=3603 (Lai Châu DoIT guidance, 2021-11-08)"
const BG_ADV = "thongtinphapluat.bacgiang.gov.vn hỏi đáp entryID=32387"
const CT_ADV = "congthuong.vn/sua-quy-dinh-ve-quan-ly-kinh-phi-khuyen-cong-quoc-gia-106114.html"

const VND = "VND"
const RATE = "rate"

/** A Circular 28/2018 Art. 8 figure seen in a secondary source. */
const tt28 = (clause: string | undefined, note: string, source: string) =>
  clause === undefined
    ? cite(circular28, { article: "8", grade: "secondary", note, source })
    : cite(circular28, { article: "8", clause, grade: "secondary", note, source })

/** A Circular 28/2018 Art. 8 figure seen only in provincial copies. */
const tt28Local = (clause: string | undefined, note: string, source: string) =>
  clause === undefined
    ? cite(circular28, { article: "8", grade: "provincial-copy", note, source })
    : cite(circular28, { article: "8", clause, grade: "provincial-copy", note, source })

/** A Joint Circular 26/2014 Art. 6.2 figure carried over, unconfirmed for Circular 28/2018. */
const jc26 = (point: string, line: string, row: string, extra?: string) =>
  cite(jointCircular26, {
    article: "6",
    clause: "2",
    point,
    grade: "unconfirmed",
    note: extra === undefined ? CARRIED_OVER : `${CARRIED_OVER}. ${extra}`,
    source: `${PD} l.${line} (primary for 2014-04-08 … 2018-05-10); ${NOTES} §1 ${row}; ${FOLLOWUP} A ${row}`
  })

// --------------------------------------------------------------------------------------------
// Support levels (mức hỗ trợ), Circular 28/2018/TT-BTC Art. 8 / Joint Circular 26/2014 Art. 6.2
// --------------------------------------------------------------------------------------------

const supportLevels: ReadonlyArray<Parameter.Parameter<RulePack.ParameterValue>> = [
  // Row 1: setting up a rural industrial enterprise in a difficult area.
  single(
    "support.enterprise-setup.cap",
    "Cap on support for setting up a rural industrial enterprise in a difficult area, per enterprise (hỗ trợ thành lập doanh nghiệp sản xuất công nghiệp nông thôn)",
    VND,
    TT28_FROM,
    10_000_000n,
    tt28(
      undefined,
      "LV-EN's summary of Circular 28/2018 gives 'must not exceed VND 10 million/enterprise'; the clause of Art. 8 was not seen. Same figure as Joint Circular 26/2014 Art. 6.2.a (primary).",
      `${NOTES} §1 row 1 (l.47); ${LV_EN}`
    )
  ),
  // Row 2a: demonstration model.
  single(
    "support.demo-model.rate",
    "Maximum share of cost supported for a technical demonstration model of new technology or new products (mô hình trình diễn kỹ thuật)",
    RATE,
    TT28_FROM,
    rate(3n, 10n),
    tt28("2", "30 % of cost (Khoản 2 Điều 8, quoted by TVPL-QA-MODEL and LV-EN).", `${NOTES} §1 row 2a (l.48); ${TVPL_QA_MODEL}; ${LV_EN}`)
  ),
  single(
    "support.demo-model.cap",
    "Cap on support per technical demonstration model (mô hình trình diễn kỹ thuật), per model",
    VND,
    TT28_FROM,
    1_000_000_000n,
    tt28(
      "2",
      "1,000 million VND per model (three sources: TVPL-QA-MODEL, LV-EN, TVPL-NEWS 'tăng từ 500 triệu đồng/mô hình lên 1.000 triệu đồng/mô hình').",
      `${NOTES} §1 row 2a (l.48); ${TVPL_QA_MODEL}; ${LV_EN}; ${TVPL_NEWS}`
    )
  ),
  // Row 2b: replicating an effective rural establishment's model.
  single(
    "support.model-replication.rate",
    "Maximum share of cost supported for the model of an effective rural establishment to be replicated (mô hình của cơ sở công nghiệp nông thôn đang hoạt động có hiệu quả cần nhân rộng)",
    RATE,
    TT28_FROM,
    rate(3n, 10n),
    tt28Local(
      "2",
      "Circular 28/2018 Khoản 2 Điều 8 covers the item (S) but the excerpt stops before the figure. 30 % is seen only in the Đồng Tháp copy (NQ 08/2024/NQ-HĐND); Joint Circular 26/2014 Art. 6.2.b set no rate for this item; Hòa Bình QĐ 20/2019 describes a 100 million VND lump sum.",
      `${NOTES} §1 row 2b (l.49); ${FOLLOWUP} A 2b (l.44); ${DT_2024}; ${HB_2019}`
    )
  ),
  single(
    "support.model-replication.cap",
    "Cap on support for replicating an effective rural establishment's model, per model (mô hình cần nhân rộng)",
    VND,
    TT28_FROM,
    100_000_000n,
    tt28Local(
      "2",
      "100 million VND per model, seen only in provincial copies (Đồng Tháp 2024, Hòa Bình 2019); same figure as Joint Circular 26/2014 Art. 6.2.b (primary).",
      `${NOTES} §1 row 2b (l.49); ${FOLLOWUP} A 2b (l.44); ${DT_2024}; ${HB_2019}`
    )
  ),
  // Row 3: cleaner-production pilot model.
  single(
    "support.cleaner-production-model.rate",
    "Maximum share of cost supported for a cleaner-production pilot model (mô hình thí điểm áp dụng sản xuất sạch hơn)",
    RATE,
    TT28_FROM,
    rate(3n, 10n),
    tt28Local(
      undefined,
      "30 % seen only in provincial copies (Đồng Tháp 2024, Hòa Bình 2019); the clause of Art. 8 was not seen. Joint Circular 26/2014 set no cap (Art. 6.1.h deferred to TTLT 221/2012).",
      `${NOTES} §1 row 3 (l.50); ${FOLLOWUP} A 3 (l.45); ${DT_2024}; ${HB_2019}`
    )
  ),
  single(
    "support.cleaner-production-model.cap",
    "Cap on support per cleaner-production pilot model (mô hình thí điểm áp dụng sản xuất sạch hơn), per model",
    VND,
    TT28_FROM,
    500_000_000n,
    tt28Local(
      undefined,
      "500 million VND per model seen only in provincial copies (Đồng Tháp 2024, Hòa Bình 2019); Đắk Lắk 2025 sets 400 million VND for its own level.",
      `${NOTES} §1 row 3 (l.50); ${FOLLOWUP} A 3 (l.45); ${DT_2024}; ${HB_2019}`
    )
  ),
  // Row 4: advanced machinery and technology transfer; technology line.
  single(
    "support.machinery.rate",
    "Maximum share of cost supported for applying advanced machinery or transferring technology (ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ)",
    RATE,
    TT28_FROM,
    rate(1n, 2n),
    tt28("4", "50 % of cost (khoản 4 Điều 8, quoted by BT-FAQ).", `${NOTES} §1 row 4 (l.51); ${BT_FAQ}; ${TVPL_NEWS}`)
  ),
  single(
    "support.machinery.cap",
    "Cap on machinery / technology-transfer support per establishment (ứng dụng máy móc thiết bị tiên tiến), per establishment",
    VND,
    TT28_FROM,
    300_000_000n,
    tt28(
      "4",
      "300 million VND per establishment (BT-FAQ khoản 4 Điều 8; TVPL-NEWS 'tăng từ 200 triệu đồng/cơ sở lên 300 triệu đồng/cơ sở'). Consistent with seed 000: 900 million VND for a group project of 3 establishments.",
      `${NOTES} §1 row 4 (l.51); ${BT_FAQ}; ${TVPL_NEWS}`
    )
  ),
  single(
    "support.technology-line.multiple",
    "Multiple of the machinery level a technology line may receive (dây chuyền công nghệ: không quá 1,5 lần mức hỗ trợ)",
    "×",
    TT28_FROM,
    rate(3n, 2n),
    tt28(
      "4",
      "A technology line gets at most 1.5 times the machinery level (BT-FAQ); TVPL-NEWS gives the result, 450 million VND per establishment. This is not the priority multiplier.",
      `${NOTES} §1 row 4 (l.51); ${FOLLOWUP} A 21 (l.60); ${BT_FAQ}; ${TVPL_NEWS}`
    )
  ),
  // Rows 5a, 5b: domestic fairs.
  single(
    "support.domestic-fair-organising.rate",
    "Share supported of booth rental, publicity and organising-board costs when organising a domestic fair of rural industrial and handicraft goods, on a bid or approved price (tổ chức hội chợ triển lãm trong nước)",
    RATE,
    TT28_FROM,
    rate(1n, 1n),
    jc26("d", "1397", "row 5a", "100 % of booth rental, publicity and organising-board costs, on a bid price or an approved price.")
  ),
  single(
    "support.domestic-fair-attendance.rate",
    "Share of booth rental supported when a rural establishment attends another domestic fair (cơ sở công nghiệp nông thôn tham gia hội chợ, triển lãm khác trong nước)",
    RATE,
    TT28_FROM,
    rate(4n, 5n),
    jc26(
      "d",
      "1399",
      "row 5b",
      "80 % of booth rental (second paragraph of point d). Lai Châu NQ 18/2025 gives 100 % of booth rental for fairs 'trong t…' at its own level; the excerpt is cut, so it is not used here."
    )
  ),
  // Row 6: overseas fairs.
  single(
    "support.overseas-fair.rate",
    "Share supported of floor rental, booth design and construction, Vietnam-area decoration, opening, seminars and organiser staff for fairs abroad, on a bid or approved price (hội chợ triển lãm tại nước ngoài)",
    RATE,
    TT28_FROM,
    rate(1n, 1n),
    tt28("6", "100 % of the listed costs (Khoản 6 Điều 8, quoted by TVPL-QA-FAIR); same as Joint Circular 26/2014 Art. 6.2.đ.", `${NOTES} §1 row 6 (l.54); ${TVPL_QA_FAIR}`)
  ),
  // Row 7: airfares for overseas study tours.
  single(
    "support.overseas-study-airfare.rate",
    "Share of airfare supported for rural establishments on study tours abroad; the number of people is decided by the competent authority (vé máy bay khảo sát, học tập kinh nghiệm tại nước ngoài)",
    RATE,
    TT28_FROM,
    rate(1n, 1n),
    tt28(
      undefined,
      "100 % of airfare (TVPL-QA-FAIR: 'Thông tư này có quy định chi hỗ trợ 100% chi phí vé máy bay…'); the clause of Art. 8 was not seen.",
      `${NOTES} §1 row 7 (l.55); ${TVPL_QA_FAIR}`
    )
  ),
  // Row 8a: typical-product selection.
  single(
    "support.typical-product-selection.regional.cap",
    "Cap on support for running a regional typical rural industrial product selection, per round (bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp khu vực)",
    VND,
    TT28_FROM,
    200_000_000n,
    tt28(
      undefined,
      "200 million VND per round (TVPL-NEWS 'cấp khu vực tăng từ 100 triệu đồng/lần lên 200 triệu đồng/lần'); the clause of Art. 8 was not seen.",
      `${NOTES} §1 row 8a (l.56); ${TVPL_NEWS}`
    )
  ),
  single(
    "support.typical-product-selection.national.cap",
    "Cap on support for running the national typical rural industrial product selection, per round (bình chọn sản phẩm công nghiệp nông thôn tiêu biểu cấp quốc gia)",
    VND,
    TT28_FROM,
    400_000_000n,
    tt28(
      undefined,
      "400 million VND per round (TVPL-NEWS 'cấp quốc gia tăng từ 200 triệu đồng/lần lên 400 triệu đồng/lần'); the clause of Art. 8 was not seen.",
      `${NOTES} §1 row 8a (l.56); ${TVPL_NEWS}`
    )
  ),
  // Row 8b: prizes.
  single(
    "support.typical-product-prize.regional.cap",
    "Cap on the prize per product recognised as a regional typical rural industrial product (thưởng sản phẩm đạt giải cấp khu vực)",
    VND,
    TT28_FROM,
    5_000_000n,
    jc26("g", "1409", "row 8b", "Second indent of point g: at most 5 million VND per product at regional level.")
  ),
  single(
    "support.typical-product-prize.national.cap",
    "Cap on the prize per product recognised as a national typical rural industrial product (thưởng sản phẩm đạt giải cấp quốc gia)",
    VND,
    TT28_FROM,
    10_000_000n,
    jc26("g", "1409", "row 8b", "Second indent of point g: at most 10 million VND per product at national level.")
  ),
  // Row 9: trademark.
  single(
    "support.trademark.rate",
    "Maximum share of cost supported for building and registering a trademark of rural industrial products (xây dựng, đăng ký thương hiệu)",
    RATE,
    TT28_FROM,
    rate(1n, 2n),
    jc26("h", "1411", "row 9", "The 50 million VND per trademark of Circular 29/2018/TT-BTC (supporting industries) does not apply here.")
  ),
  single(
    "support.trademark.cap",
    "Cap on trademark support, per trademark (xây dựng, đăng ký thương hiệu)",
    VND,
    TT28_FROM,
    35_000_000n,
    jc26("h", "1411", "row 9", "The 50 million VND per trademark of Circular 29/2018/TT-BTC (supporting industries) does not apply here.")
  ),
  // Row 10: consultancy.
  single(
    "support.consultancy.rate",
    "Maximum share of cost supported for hiring consultants for a rural establishment (thuê tư vấn, trợ giúp cơ sở công nghiệp nông thôn)",
    RATE,
    TT28_FROM,
    rate(1n, 2n),
    jc26("i", "1413", "row 10")
  ),
  single(
    "support.consultancy.cap",
    "Cap on consultancy support, per establishment (thuê tư vấn)",
    VND,
    TT28_FROM,
    35_000_000n,
    jc26("i", "1413", "row 10")
  ),
  // Row 11: media.
  single(
    "support.media.rate",
    "Share funded of the contract price (from bidding) or approved unit price of television, radio, bulletins, publications and leaflets (truyền hình, truyền thanh, bản tin, ấn phẩm, tờ rơi)",
    RATE,
    TT28_FROM,
    rate(1n, 1n),
    jc26(
      "k",
      "1415",
      "row 11",
      "Point k states no percentage: media work is paid at the contract price from bidding, or at the approved unit price when ordered; encoded as 100 % of that price."
    )
  ),
  // Row 12: associations.
  single(
    "support.association.rate",
    "Maximum share of founding cost supported for a regional or national trade association (thành lập hội, hiệp hội ngành nghề)",
    RATE,
    TT28_FROM,
    rate(3n, 10n),
    jc26("l", "1417", "row 12")
  ),
  single(
    "support.association.regional.cap",
    "Cap on support for founding a regional association, per association (hội, hiệp hội cấp vùng)",
    VND,
    TT28_FROM,
    70_000_000n,
    jc26("l", "1417", "row 12")
  ),
  single(
    "support.association.national.cap",
    "Cap on support for founding a national association, per association (hội, hiệp hội cấp quốc gia)",
    VND,
    TT28_FROM,
    100_000_000n,
    jc26("l", "1417", "row 12")
  ),
  // Row 13: linkage clusters.
  single(
    "support.linkage-cluster.rate",
    "Maximum share of cost supported for forming an industrial enterprise linkage cluster (hình thành cụm liên kết doanh nghiệp công nghiệp)",
    RATE,
    TT28_FROM,
    rate(1n, 2n),
    jc26("m", "1419", "row 13")
  ),
  single(
    "support.linkage-cluster.cap",
    "Cap on linkage-cluster support, per linkage cluster (cụm liên kết)",
    VND,
    TT28_FROM,
    150_000_000n,
    jc26("m", "1419", "row 13")
  ),
  // Row 14: relocation interest subsidy.
  single(
    "support.relocation-interest.rate",
    "Maximum share of the interest supported on loans for workshops and machinery of a polluting rural establishment relocating into an industrial zone or cluster, after the investment is complete (hỗ trợ lãi suất vốn vay di dời)",
    RATE,
    TT28_FROM,
    rate(1n, 2n),
    jc26(
      "n",
      "1421",
      "row 14",
      "Medium- and long-term VND loans repaid on or before schedule only, at the lowest lending rate of the Bank for Investment and Development of Vietnam for the same term and period."
    )
  ),
  single(
    "support.relocation-interest.cap",
    "Cap on the relocation interest subsidy, per establishment (hỗ trợ lãi suất vốn vay di dời)",
    VND,
    TT28_FROM,
    500_000_000n,
    jc26("n", "1421", "row 14")
  ),
  single(
    "support.relocation-interest.years",
    "Number of first years of the loan whose interest is supported (số năm đầu được hỗ trợ lãi suất)",
    "years",
    TT28_FROM,
    2,
    jc26("n", "1421", "row 14")
  ),
  // Row 15: pollution treatment at a rural establishment.
  single(
    "support.pollution-establishment.rate",
    "Maximum share of cost supported for repairing or upgrading the pollution-treatment system of a rural establishment (xử lý ô nhiễm môi trường tại cơ sở công nghiệp nông thôn)",
    RATE,
    TT28_FROM,
    rate(3n, 10n),
    jc26("o", "1423", "row 15")
  ),
  single(
    "support.pollution-establishment.cap",
    "Cap on pollution-treatment support at a rural establishment, per establishment",
    VND,
    TT28_FROM,
    300_000_000n,
    jc26("o", "1423", "row 15")
  ),
  // Row 16: pollution treatment at an industrial cluster.
  single(
    "support.pollution-cluster.rate",
    "Maximum share of cost supported for repairing or upgrading the pollution-treatment system of an industrial cluster (xử lý ô nhiễm môi trường tại cụm công nghiệp)",
    RATE,
    TT28_FROM,
    rate(3n, 10n),
    tt28Local(
      undefined,
      "30 % seen only in the Lai Châu DoIT guidance of 2021, which says only vaguely which level applies; the clause of Art. 8 was not seen. Same figure as Joint Circular 26/2014 Art. 6.2.p (primary).",
      `${NOTES} §1 row 16 (l.65); ${FOLLOWUP} A 16 (l.56); ${LC_2021}`
    )
  ),
  single(
    "support.pollution-cluster.cap",
    "Cap on pollution-treatment support at an industrial cluster, per cluster (cụm công nghiệp)",
    VND,
    TT28_FROM,
    1_500_000_000n,
    tt28Local(
      undefined,
      "1,500 million VND per industrial cluster, seen only in the Lai Châu DoIT guidance of 2021; same figure as Joint Circular 26/2014 Art. 6.2.p (primary).",
      `${NOTES} §1 row 16 (l.65); ${FOLLOWUP} A 16 (l.56); ${LC_2021}`
    )
  ),
  // Row 17: detailed planning of an industrial cluster.
  single(
    "support.cluster-planning.rate",
    "Maximum share of cost supported for the detailed plan of an industrial cluster (lập quy hoạch chi tiết cụm công nghiệp)",
    RATE,
    TT28_FROM,
    rate(1n, 2n),
    tt28Local(
      undefined,
      "50 % seen only in the Lai Châu DoIT guidance of 2021; the clause of Art. 8 was not seen. Same figure as Joint Circular 26/2014 Art. 6.2.q (primary).",
      `${NOTES} §1 row 17 (l.66); ${FOLLOWUP} A 17 (l.57); ${LC_2021}`
    )
  ),
  single(
    "support.cluster-planning.cap",
    "Cap on detailed-planning support, per industrial cluster (lập quy hoạch chi tiết cụm công nghiệp)",
    VND,
    TT28_FROM,
    500_000_000n,
    tt28Local(
      undefined,
      "500 million VND per industrial cluster, seen only in the Lai Châu DoIT guidance of 2021; same figure as Joint Circular 26/2014 Art. 6.2.q (primary).",
      `${NOTES} §1 row 17 (l.66); ${FOLLOWUP} A 17 (l.57); ${LC_2021}`
    )
  ),
  // Row 18: industrial cluster infrastructure.
  single(
    "support.cluster-infrastructure.cap",
    "Cap on support for building industrial-cluster infrastructure (levelling, internal roads, water supply, drainage), per cluster (đầu tư xây dựng kết cấu hạ tầng cụm công nghiệp)",
    VND,
    TT28_FROM,
    6_000_000_000n,
    tt28(
      undefined,
      "6,000 million VND per industrial cluster (TVPL-NEWS 'tăng từ 3.000 triệu đồng/cụm công nghiệp lên 6.000 triệu đồng/cụm công nghiệp'); the clause of Art. 8 was not seen.",
      `${NOTES} §1 row 18 (l.67); ${TVPL_NEWS}`
    )
  )
]

// --------------------------------------------------------------------------------------------
// Management overhead and priority multiplier (rows 20–21): unconfirmed for Circular 28/2018
// --------------------------------------------------------------------------------------------

const overheadAndPriority: ReadonlyArray<Parameter.Parameter<RulePack.ParameterValue>> = [
  single(
    "overhead.managing-agency",
    "Maximum share of the annual khuyến công budget the managing agency may use for building programmes and projects, inspection, supervision and acceptance (chi quản lý của cơ quan quản lý kinh phí khuyến công)",
    RATE,
    TT28_FROM,
    rate(3n, 200n),
    cite(jointCircular26, {
      article: "6",
      clause: "2",
      point: "s",
      grade: "unconfirmed",
      note: `${CARRIED_OVER}. First indent of point s: at most 1.5 % of the khuyến công funds assigned each year.`,
      source: `${PD} l.1433 (primary for 2014-04-08 … 2018-05-10); ${NOTES} §1 row 20 (l.69), §2 (l.85); ${FOLLOWUP} A 20 (l.59)`
    })
  ),
  single(
    "overhead.implementing-unit",
    "Maximum share of a project estimate the implementing unit may spend on management, direction, inspection and supervision (chi quản lý của đơn vị thực hiện đề án)",
    RATE,
    TT28_FROM,
    rate(1n, 40n),
    cite(jointCircular26, {
      article: "6",
      clause: "2",
      point: "s",
      grade: "unconfirmed",
      note: `${CARRIED_OVER}. Second indent of point s: at most 2.5 % of the project estimate.`,
      source: `${PD} l.1435 (primary for 2014-04-08 … 2018-05-10); ${NOTES} §1 row 20 (l.69), §2 (l.85); ${FOLLOWUP} A 20 (l.59)`
    })
  ),
  single(
    "priority.multiplier",
    "Maximum multiple of the support levels for programmes and projects in priority areas and industries of Decree 45/2012 Art. 6.1–6.2 (mức kinh phí ưu tiên: không quá 1,5 lần mức hỗ trợ)",
    "×",
    TT28_FROM,
    rate(3n, 2n),
    cite(jointCircular26, {
      article: "6",
      clause: "2",
      point: "t",
      grade: "unconfirmed",
      note: `${CARRIED_OVER}. Circular 36/2013 Art. 7.1 applies the priority level through its Appendix 3, whose text is not in the codification. The only '1,5 lần' found for Circular 28/2018 is the technology-line rule of Art. 8.4, not this multiplier.`,
      source: `${PD} l.1437 (primary for 2014-04-08 … 2018-05-10), l.941; ${NOTES} §1 row 21 (l.70), §2 (l.86); ${FOLLOWUP} A 21 (l.60)`
    })
  )
]

// --------------------------------------------------------------------------------------------
// Advance ratios (tỷ lệ tạm ứng): Circular 36/2013 Art. 13 as amended by 17/2018 Art. 1 cl. 13–14
// --------------------------------------------------------------------------------------------

const AMENDED_13 = "Art. 13 of Circular 36/2013/TT-BCT as amended by Art. 1 cl. 13–14 of Circular 17/2018/TT-BCT"
const ADVANCE_SOURCE = `${NOTES} §3 (l.107–114); ${FOLLOWUP} B 6.7b (l.73)`

const advanceRatios: ReadonlyArray<Parameter.Parameter<RulePack.ParameterValue>> = [
  single(
    "advance.cluster.first",
    "First advance for industrial-cluster infrastructure and industrial-cluster pollution-treatment projects, as a share of the approved support (tạm ứng lần một 30 %)",
    RATE,
    TT28_FROM,
    rate(3n, 10n),
    cite(circular36, {
      article: "13",
      clause: "1",
      grade: "secondary",
      note: `${AMENDED_13} (BG-ADV quotes the amended clause 1: 'Tạm ứng 30% kinh phí hỗ trợ của đề án … Đầu tư xây dựng kết cấu hạ tầng cụm công nghiệp…'; CT-ADV). Same figure as the original text (primary).`,
      source: `${PD} l.1063–1067; ${ADVANCE_SOURCE}; ${BG_ADV}; ${CT_ADV}`
    })
  ),
  single(
    "advance.cluster.progress-threshold",
    "Share of the supported item's workload the progress report must show done before the 30 % advance (khối lượng công việc đã thực hiện trên 50 %)",
    RATE,
    TT28_FROM,
    rate(1n, 2n),
    cite(circular36, {
      article: "13",
      clause: "1",
      point: "b",
      grade: "secondary",
      note: `${AMENDED_13}: the notes record the >50 % progress report as kept. The condition is 'more than' (trên) the threshold.`,
      source: `${PD} l.1067; ${ADVANCE_SOURCE}; ${BG_ADV}`
    })
  ),
  single(
    "advance.soft.first",
    "First advance for vocational training, consultancy, training, conferences, study tours, trademarks, associations, linkage clusters, cleaner-production assessment and showrooms (tạm ứng lần một 70 %)",
    RATE,
    TT28_FROM,
    rate(7n, 10n),
    cite(circular36, {
      article: "13",
      clause: "2",
      grade: "secondary",
      note: `Points a–b of ${AMENDED_13} (CT-ADV: 70 % for the same list, with trademark registration and showrooms at rural establishments added). Same figure as the original text (primary).`,
      source: `${PD} l.1069–1077; ${ADVANCE_SOURCE}; ${CT_ADV}`
    })
  ),
  single(
    "advance.promotion.first",
    "First advance for fairs, domestic fair participation, television and radio, databases and websites, leaflets and industrial-cluster detailed planning (tạm ứng lần một 70 %)",
    RATE,
    TT28_FROM,
    rate(7n, 10n),
    cite(circular36, {
      article: "13",
      clause: "2",
      point: "c",
      grade: "secondary",
      note: `${AMENDED_13} (CT-ADV: 'Tổ chức hội chợ, triển lãm; hỗ trợ cơ sở CNNT tham gia hội chợ…; lập qu[y hoạch]…'). Same figure as the original text (primary).`,
      source: `${PD} l.1079–1081; ${ADVANCE_SOURCE}; ${CT_ADV}`
    })
  ),
  single(
    "advance.investment.first",
    "First advance for demonstration models, machinery and technology transfer, and pollution treatment at a rural establishment (tạm ứng lần một 70 %)",
    RATE,
    TT28_FROM,
    rate(7n, 10n),
    cite(circular36, {
      article: "13",
      clause: "2",
      point: "d",
      grade: "unconfirmed",
      note: "Value of the original Circular 36/2013 text (primary for 2014-02-10 until Circular 17/2018 took effect); the amended excerpts do not show this tier, so whether Circular 17/2018 kept 70 % is unconfirmed.",
      source: `${PD} l.1083–1085; ${ADVANCE_SOURCE}`
    })
  ),
  single(
    "advance.investment.progress-threshold",
    "Share of the project's total investment the progress report must show done before the investment-tier advance (trên 70 % tổng vốn đầu tư)",
    RATE,
    TT28_FROM,
    rate(7n, 10n),
    cite(circular36, {
      article: "13",
      clause: "2",
      point: "d",
      grade: "unconfirmed",
      note: "Value of the original Circular 36/2013 text (primary before Circular 17/2018); not shown in the amended excerpts, so unconfirmed under Circular 17/2018. The condition is 'more than' (trên) the threshold.",
      source: `${PD} l.1085; ${ADVANCE_SOURCE}`
    })
  ),
  single(
    "advance.enterprise-setup.first",
    "Advance for enterprise set-up projects, after base-level acceptance and business registration (tạm ứng 100 %)",
    RATE,
    TT28_FROM,
    rate(1n, 1n),
    cite(circular36, {
      article: "13",
      clause: "3",
      grade: "unconfirmed",
      note: "Value of the original Circular 36/2013 text (primary before Circular 17/2018); whether Circular 17/2018 kept 100 % is unconfirmed. It conflicts with the 70 % overall ceiling of Joint Circular 26/2014 Art. 8.2.b (see advance.overall-ceiling).",
      source: `${PD} l.1087–1091; ${ADVANCE_SOURCE}`
    })
  ),
  single(
    "advance.relocation-interest.first",
    "Advance for the relocation interest subsidy, made on the base-level acceptance record and proof of the interest paid in the first two years (tạm ứng hỗ trợ lãi suất vốn vay di dời)",
    RATE,
    TT28_FROM,
    rate(1n, 1n),
    cite(circular36, {
      article: "15",
      clause: "1",
      grade: "unconfirmed",
      note: "Interpretation, not a figure of the text: Art. 15.1 states no ratio; it lists the dossier (base-level acceptance, completion report, credit contract, proof of interest paid in the first two years) on which the advance is made. Encoded as the whole approved support once that dossier exists. Whether Circular 17/2018 changed Art. 15 is unconfirmed.",
      source: `${PD} l.1155; ${NOTES} §3`
    })
  ),
  single(
    "advance.overall-ceiling",
    "Overall ceiling on advances as a share of the khuyến công support in the contract (mức tạm ứng không quá 70 % tổng kinh phí khuyến công hỗ trợ)",
    RATE,
    TT28_FROM,
    rate(7n, 10n),
    cite(jointCircular26, {
      article: "8",
      clause: "2",
      point: "b",
      grade: "unconfirmed",
      note: `${CARRIED_OVER}. Whether Circular 28/2018 or 64/2024 keeps a 70 % overall cap is unconfirmed (asserted only in application code, not a legal source). It conflicts with the 100 % advance for enterprise set-up of Circular 36/2013 Art. 13.3.`,
      source: `${PD} l.1487; ${NOTES} §3 (l.114), §6 item 4; ${FOLLOWUP} B 6.4 (l.66)`
    })
  )
]

// --------------------------------------------------------------------------------------------
// Funds
// --------------------------------------------------------------------------------------------

const funds: ReadonlyArray<Parameter.Parameter<RulePack.ParameterValue>> = [
  single(
    "funds.carry-over",
    "Whether national and local khuyến công funds from the budget not used in the plan year are carried over to the next year, under the rules in force (kinh phí chưa sử dụng hết được chuyển sang năm sau)",
    undefined,
    TT28_FROM,
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
 * @example `parameters["support.machinery.cap"]?.values[0]?.value` → `300000000n`
 * @category parameters
 * @since 0.1.0
 */
export const parameters: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>> = byId([
  ...supportLevels,
  ...overheadAndPriority,
  ...advanceRatios,
  ...funds
])
