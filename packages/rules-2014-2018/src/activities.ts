/**
 * Activity catalogue (danh mục nội dung hoạt động khuyến công) of the 2014–2018 pack: each activity
 * of Decree 45/2012 Art. 4 that Joint Circular 26/2014/TTLT-BTC-BCT Art. 6.2 gives a national
 * support level, its spending items (nội dung chi) and the cap rule of each item. Caps reference
 * parameters by id (parameters.ts).
 *
 * Codes are those of the 2021–2025 pack wherever the item is the same, so proposals and cases read
 * alike across periods. Differences from that pack:
 * - no technology-line item: Joint Circular 26/2014 Art. 6.2.c has no line rule;
 * - model replication is a lump sum (`amount`, no rate): Art. 6.2.b second paragraph sets none;
 * - cleaner-production pilot models and showrooms are listed with no spending item: Art. 6.1.h
 *   defers cleaner-production pilots to Joint Circular 221/2012/TTLT-BTC-BCT (not in the
 *   codification) and no text of the period sets a showroom level.
 * Activities whose spending follows the general norms of Art. 6.1 (vocational training, training,
 * conferences, international cooperation, capacity building) are not in the catalogue: Art. 6.1
 * defers them to other finance circulars not in the codification.
 *
 * @since 0.1.0
 */
import type { Citation, RulePack } from "@khuyencong/core"
import { cite } from "./internal/build.js"
import { decree45, jointCircular26 } from "./instruments.js"

const PD = "codification-khuyen-cong.md"

/** Decree 45/2012 Art. 4 (content of khuyến công activities), primary. */
const art4 = (clause: string, point: string | undefined, line: string, note?: string): Citation.Citation => {
  const base = { article: "4", clause, grade: "primary" as const, source: `${PD} l.${line}` }
  const withPoint = point === undefined ? base : { ...base, point }
  return cite(decree45, note === undefined ? withPoint : { ...withPoint, note })
}

/** A spending item of Joint Circular 26/2014 Art. 6.2, primary. */
const item = (point: string, line: string, note?: string): Citation.Citation =>
  cite(
    jointCircular26,
    note === undefined
      ? { article: "6", clause: "2", point, grade: "primary", source: `${PD} l.${line}` }
      : { article: "6", clause: "2", point, grade: "primary", note, source: `${PD} l.${line}` }
  )

/**
 * The activity catalogue, in the order of Joint Circular 26/2014 Art. 6.2 (points a → s).
 * @example `activities.map((a) => a.code)` → `["enterprise-setup", "demo-model", "cleaner-production-model", "machinery", …]`
 * @category activities
 * @since 0.1.0
 */
export const activities: ReadonlyArray<RulePack.Activity> = [
  {
    code: "enterprise-setup",
    name: "Setting up rural industrial enterprises in areas with difficult socio-economic conditions",
    nameVi: "Hỗ trợ thành lập doanh nghiệp sản xuất công nghiệp nông thôn tại địa bàn có điều kiện kinh tế - xã hội khó khăn",
    citation: art4("2", undefined, "207"),
    advanceTier: "enterprise-setup",
    items: [
      {
        code: "enterprise-setup.support",
        name: "Feasible business plan, enterprise set-up project and registration costs",
        nameVi: "Hoàn thiện kế hoạch kinh doanh khả thi, dự án thành lập doanh nghiệp và chi phí đăng ký thành lập doanh nghiệp",
        cap: { kind: "amount", amount: "support.enterprise-setup.cap", unit: "per-enterprise" },
        citation: item(
          "a",
          "1389",
          "Only in areas with difficult or especially difficult socio-economic conditions: the core has no per-activity eligibility rule, so that condition is not checked."
        )
      }
    ]
  },
  {
    code: "demo-model",
    name: "Technical demonstration models",
    nameVi: "Xây dựng mô hình trình diễn kỹ thuật",
    citation: art4("3", undefined, "209", "Detailed by Circular 46/2012 art. 4.2 ([PD] l.259–267)."),
    advanceTier: "investment",
    items: [
      {
        code: "demo-model.new-technology",
        name: "Demonstration model to spread new technology or make new products (construction, machinery, process documentation)",
        nameVi: "Mô hình trình diễn kỹ thuật để phổ biến công nghệ mới, sản xuất sản phẩm mới",
        cap: { kind: "rate-and-amount", rate: "support.demo-model.rate", amount: "support.demo-model.cap", unit: "per-model" },
        citation: item("b", "1391")
      },
      {
        code: "demo-model.replication",
        name: "Model of an effective rural establishment to be publicised and replicated (process documentation)",
        nameVi: "Mô hình của cơ sở công nghiệp nông thôn đang hoạt động có hiệu quả cần phổ biến tuyên truyền, nhân rộng",
        cap: { kind: "amount", amount: "support.model-replication.cap", unit: "per-model" },
        citation: item("b", "1393", "Second paragraph of point b: a cap per model and no rate.")
      }
    ]
  },
  {
    code: "cleaner-production-model",
    name: "Cleaner-production pilot models (no level in the codification: no spending item)",
    nameVi: "Xây dựng mô hình thí điểm về áp dụng sản xuất sạch hơn",
    citation: art4(
      "3",
      undefined,
      "209",
      "A fundable activity. Joint Circular 26/2014 Art. 6.1.h ([PD] l.1383) defers its spending to Joint Circular 221/2012/TTLT-BTC-BCT, which is not in the codification: no level is encoded and a line for it is not in the catalogue."
    ),
    advanceTier: "investment",
    items: []
  },
  {
    code: "machinery",
    name: "Machinery and transfer of advanced technology into industrial and handicraft production",
    nameVi: "Ứng dụng máy móc thiết bị, chuyển giao công nghệ tiên tiến vào sản xuất công nghiệp - tiểu thủ công nghiệp",
    citation: art4("3", undefined, "209", "Detailed by Circular 46/2012 art. 4.3–4.4 ([PD] l.269–279)."),
    advanceTier: "investment",
    items: [
      {
        code: "machinery.equipment",
        name: "Machinery and equipment, transfer of advanced technology",
        nameVi: "Máy móc thiết bị, chuyển giao công nghệ tiên tiến",
        cap: { kind: "rate-and-amount", rate: "support.machinery.rate", amount: "support.machinery.cap", unit: "per-establishment" },
        citation: item("c", "1395")
      }
    ]
  },
  {
    code: "domestic-fair",
    name: "Domestic fairs and exhibitions of rural industrial and handicraft goods",
    nameVi: "Hội chợ, triển lãm hàng công nghiệp nông thôn, hàng thủ công mỹ nghệ trong nước",
    citation: art4("4", undefined, "211", "Detailed by Circular 46/2012 art. 4.7–4.8 ([PD] l.289–291)."),
    advanceTier: "promotion",
    items: [
      {
        code: "domestic-fair.organising",
        name: "Organising a domestic fair: booth rental, publicity and organising board (bid or approved price)",
        nameVi: "Tổ chức hội chợ triển lãm trong nước: thuê gian hàng, thông tin tuyên truyền, hoạt động của Ban tổ chức",
        cap: { kind: "rate", rate: "support.domestic-fair-organising.rate", unit: "per-project" },
        citation: item("d", "1397")
      },
      {
        code: "domestic-fair.attendance",
        name: "Booth rental for a rural establishment attending another domestic fair",
        nameVi: "Thuê gian hàng cho cơ sở công nghiệp nông thôn tham gia hội chợ, triển lãm khác trong nước",
        cap: { kind: "rate", rate: "support.domestic-fair-attendance.rate", unit: "per-booth" },
        citation: item("d", "1399")
      }
    ]
  },
  {
    code: "overseas-fair",
    name: "Organising and attending fairs and exhibitions abroad for rural establishments",
    nameVi: "Tổ chức, tham gia hội chợ triển lãm cho các cơ sở công nghiệp nông thôn tại nước ngoài",
    citation: art4("4", undefined, "211"),
    advanceTier: "promotion",
    items: [
      {
        code: "overseas-fair.costs",
        name: "Floor rental, booth design and construction, Vietnam-area decoration, opening, seminars and organiser staff (bid or approved price)",
        nameVi: "Thuê mặt bằng, thiết kế, dàn dựng gian hàng; trang trí chung khu vực Việt Nam; khai mạc; hội thảo; cán bộ tổ chức",
        cap: { kind: "rate", rate: "support.overseas-fair.rate", unit: "per-project" },
        citation: item(
          "đ",
          "1401",
          "Circular 46/2012 art. 4.1.b ([PD] l.253) allows each rural establishment at most 2 supported events abroad a year; the core has no rule counting events per establishment and year, so that limit is not checked."
        )
      }
    ]
  },
  {
    code: "study-tour",
    name: "Surveys and study tours abroad for rural establishments",
    nameVi: "Khảo sát, học tập kinh nghiệm tại nước ngoài cho cơ sở công nghiệp nông thôn",
    citation: art4("2", undefined, "207"),
    advanceTier: "soft",
    items: [
      {
        code: "study-tour.overseas-airfare",
        name: "Airfare of rural establishments on surveys and study tours abroad (number of people decided by the competent authority)",
        nameVi: "Vé máy bay cho cơ sở công nghiệp nông thôn đi khảo sát, học tập kinh nghiệm tại nước ngoài",
        cap: { kind: "rate", rate: "support.overseas-study-airfare.rate", unit: "per-person" },
        citation: item("e", "1403", "Other costs of study tours follow the general norms of Art. 6.1.d (Circular 102/2012/TT-BTC, not in the codification) and are not encoded.")
      }
    ]
  },
  {
    code: "typical-product",
    name: "Selection of typical rural industrial products",
    nameVi: "Bình chọn và cấp giấy chứng nhận sản phẩm công nghiệp nông thôn tiêu biểu",
    citation: art4("4", undefined, "211", "Selection rounds are organised under Circular 26/2014/TT-BCT (in force 2014-10-21), whose art. 19.2 funds them at the levels of Joint Circular 26/2014 art. 6.2.g ([PD] l.545)."),
    advanceTier: "promotion",
    items: [
      {
        code: "typical-product.selection-regional",
        name: "Running a regional selection round",
        nameVi: "Tổ chức bình chọn cấp khu vực",
        cap: { kind: "amount", amount: "support.typical-product-selection.regional.cap", unit: "per-round" },
        citation: item("g", "1407")
      },
      {
        code: "typical-product.selection-national",
        name: "Running a national selection round",
        nameVi: "Tổ chức bình chọn cấp quốc gia",
        cap: { kind: "amount", amount: "support.typical-product-selection.national.cap", unit: "per-round" },
        citation: item("g", "1407")
      },
      {
        code: "typical-product.prize-regional",
        name: "Prize per product recognised at regional level",
        nameVi: "Thưởng sản phẩm đạt giải cấp khu vực",
        cap: { kind: "amount", amount: "support.typical-product-prize.regional.cap", unit: "per-product" },
        citation: item("g", "1409")
      },
      {
        code: "typical-product.prize-national",
        name: "Prize per product recognised at national level",
        nameVi: "Thưởng sản phẩm đạt giải cấp quốc gia",
        cap: { kind: "amount", amount: "support.typical-product-prize.national.cap", unit: "per-product" },
        citation: item("g", "1409")
      }
    ]
  },
  {
    code: "trademark",
    name: "Building and registering trademarks of rural industrial products",
    nameVi: "Xây dựng và đăng ký thương hiệu sản phẩm công nghiệp nông thôn",
    citation: art4("4", undefined, "211"),
    advanceTier: "soft",
    items: [
      {
        code: "trademark.registration",
        name: "Building and registering a trademark",
        nameVi: "Xây dựng và đăng ký thương hiệu",
        cap: { kind: "rate-and-amount", rate: "support.trademark.rate", amount: "support.trademark.cap", unit: "per-trademark" },
        citation: item("h", "1411")
      }
    ]
  },
  {
    code: "showroom",
    name: "Showrooms introducing and promoting products (no support level: no spending item)",
    nameVi: "Phòng trưng bày giới thiệu, quảng bá sản phẩm",
    citation: art4(
      "4",
      undefined,
      "211",
      "A fundable activity (Decree 45 art. 4.4; Circular 46/2012 art. 4.9, [PD] l.293–299). Joint Circular 26/2014 sets no level for it, so no spending item is encoded."
    ),
    advanceTier: "soft",
    items: []
  },
  {
    code: "consultancy",
    name: "Consultancy for rural establishments (investment projects, marketing, management, design and packaging, new technology)",
    nameVi: "Thuê tư vấn, trợ giúp cơ sở công nghiệp nông thôn",
    citation: art4("5", undefined, "213"),
    advanceTier: "soft",
    items: [
      {
        code: "consultancy.services",
        name: "Hiring consultants",
        nameVi: "Thuê tư vấn",
        cap: { kind: "rate-and-amount", rate: "support.consultancy.rate", amount: "support.consultancy.cap", unit: "per-establishment" },
        citation: item("i", "1413")
      }
    ]
  },
  {
    code: "media",
    name: "Information: television and radio programmes, bulletins, publications, leaflets and other mass media",
    nameVi: "Xây dựng chương trình truyền hình, truyền thanh; bản tin, ấn phẩm; tờ rơi, tờ gấp",
    citation: art4("6", undefined, "215"),
    advanceTier: "promotion",
    items: [
      {
        code: "media.production",
        name: "Media work at the contract price from bidding or the approved unit price",
        nameVi: "Hợp đồng với cơ quan tuyên truyền, thông tin đại chúng theo giá đấu thầu hoặc đơn giá được phê duyệt",
        cap: { kind: "rate", rate: "support.media.rate", unit: "per-project" },
        citation: item("k", "1415")
      }
    ]
  },
  {
    code: "association",
    name: "Founding regional and national trade associations",
    nameVi: "Thành lập hội, hiệp hội ngành nghề cấp vùng và cấp quốc gia",
    citation: art4("7", "a", "219"),
    advanceTier: "soft",
    items: [
      {
        code: "association.regional",
        name: "Founding a regional association",
        nameVi: "Thành lập hội, hiệp hội cấp vùng",
        cap: { kind: "rate-and-amount", rate: "support.association.rate", amount: "support.association.regional.cap", unit: "per-association" },
        citation: item("l", "1417")
      },
      {
        code: "association.national",
        name: "Founding a national association",
        nameVi: "Thành lập hội, hiệp hội cấp quốc gia",
        cap: { kind: "rate-and-amount", rate: "support.association.rate", amount: "support.association.national.cap", unit: "per-association" },
        citation: item("l", "1417")
      }
    ]
  },
  {
    code: "linkage-cluster",
    name: "Forming industrial enterprise linkage clusters",
    nameVi: "Hình thành cụm liên kết doanh nghiệp công nghiệp",
    citation: art4("7", "a", "219"),
    advanceTier: "soft",
    items: [
      {
        code: "linkage-cluster.formation",
        name: "Forming a linkage cluster",
        nameVi: "Hình thành cụm liên kết",
        cap: { kind: "rate-and-amount", rate: "support.linkage-cluster.rate", amount: "support.linkage-cluster.cap", unit: "per-cluster" },
        citation: item("m", "1419")
      }
    ]
  },
  {
    code: "relocation-interest",
    name: "Interest subsidy for polluting rural establishments relocating into industrial zones or clusters",
    nameVi: "Hỗ trợ lãi suất vốn vay cho cơ sở công nghiệp nông thôn gây ô nhiễm môi trường di dời vào khu, cụm công nghiệp",
    citation: art4("7", "c", "223", "Establishments are chosen by the provincial People's Committee chair on the pollution criteria of Circular 04/2012/TT-BTNMT (Circular 46/2012 art. 4.6, [PD] l.287)."),
    advanceTier: "relocation-interest",
    items: [
      {
        code: "relocation-interest.subsidy",
        name: "Interest on loans for workshops and machinery in the first 2 years, after the investment is complete",
        nameVi: "Lãi suất các khoản vay đầu tư nhà, xưởng, máy móc thiết bị trong 02 năm đầu",
        cap: {
          kind: "rate-and-amount",
          rate: "support.relocation-interest.rate",
          amount: "support.relocation-interest.cap",
          unit: "per-establishment"
        },
        citation: item("n", "1421", "The eligible cost of the line must be the interest of the first 2 years on qualifying loans; the core takes it as given.")
      }
    ]
  },
  {
    code: "pollution-establishment",
    name: "Repairing and upgrading pollution-treatment systems at rural establishments",
    nameVi: "Sửa chữa, nâng cấp hệ thống xử lý ô nhiễm môi trường tại cơ sở công nghiệp nông thôn",
    citation: art4("7", "c", "223"),
    advanceTier: "investment",
    items: [
      {
        code: "pollution-establishment.treatment-system",
        name: "Pollution-treatment system of a rural establishment",
        nameVi: "Hệ thống xử lý ô nhiễm môi trường tại cơ sở",
        cap: {
          kind: "rate-and-amount",
          rate: "support.pollution-establishment.rate",
          amount: "support.pollution-establishment.cap",
          unit: "per-establishment"
        },
        citation: item("o", "1423")
      }
    ]
  },
  {
    code: "pollution-cluster",
    name: "Repairing and upgrading pollution-treatment systems at industrial clusters",
    nameVi: "Sửa chữa, nâng cấp hệ thống xử lý ô nhiễm môi trường tại cụm công nghiệp",
    citation: art4("7", "c", "223"),
    advanceTier: "cluster",
    items: [
      {
        code: "pollution-cluster.treatment-system",
        name: "Pollution-treatment system of an industrial cluster",
        nameVi: "Hệ thống xử lý ô nhiễm môi trường tại cụm công nghiệp",
        cap: {
          kind: "rate-and-amount",
          rate: "support.pollution-cluster.rate",
          amount: "support.pollution-cluster.cap",
          unit: "per-cluster"
        },
        citation: item("p", "1425")
      }
    ]
  },
  {
    code: "cluster-planning",
    name: "Detailed planning of industrial clusters",
    nameVi: "Lập quy hoạch chi tiết cụm công nghiệp",
    citation: art4("7", "b", "221"),
    advanceTier: "promotion",
    items: [
      {
        code: "cluster-planning.detailed-plan",
        name: "Detailed plan of an industrial cluster",
        nameVi: "Quy hoạch chi tiết cụm công nghiệp",
        cap: { kind: "rate-and-amount", rate: "support.cluster-planning.rate", amount: "support.cluster-planning.cap", unit: "per-cluster" },
        citation: item("q", "1427")
      }
    ]
  },
  {
    code: "cluster-infrastructure",
    name: "Industrial-cluster infrastructure: levelling, internal roads, water supply and drainage",
    nameVi: "Đầu tư xây dựng kết cấu hạ tầng cụm công nghiệp: san lấp mặt bằng, đường giao thông nội bộ, cấp nước, thoát nước",
    citation: art4("7", "b", "221"),
    advanceTier: "cluster",
    items: [
      {
        code: "cluster-infrastructure.works",
        name: "Infrastructure works of an industrial cluster",
        nameVi: "Hạng mục kết cấu hạ tầng cụm công nghiệp",
        cap: { kind: "amount", amount: "support.cluster-infrastructure.cap", unit: "per-cluster" },
        citation: item("r", "1429")
      }
    ]
  },
  {
    code: "management",
    name: "Management of a khuyến công project by its implementing unit (management, direction, inspection, supervision)",
    nameVi: "Chi quản lý, chỉ đạo, kiểm tra, giám sát của đơn vị triển khai thực hiện đề án khuyến công",
    citation: item(
      "s",
      "1435",
      "Second indent of point s. Listed as its own activity so that a proposal carries at most one management line, as in the 2021–2025 pack."
    ),
    advanceTier: "soft",
    items: [
      {
        code: "management.implementing-unit",
        name: "Implementing unit's management costs, as a share of the support of the proposal's other lines",
        nameVi: "Chi quản lý của đơn vị triển khai thực hiện đề án (tối đa 2,5 % dự toán đề án)",
        cap: { kind: "share-of-support", share: "overhead.implementing-unit", unit: "per-project" },
        citation: item("s", "1435", "'tối đa 2,5% dự toán đề án khuyến công'; applied to the support of the proposal's other lines (see overhead.implementing-unit).")
      }
    ]
  }
]

const TT36 = "Circular 36/2013"

/**
 * Which tier of Circular 36/2013 Art. 13–15 (original text) each activity's advance follows, and
 * whether the text names the activity there (`listed`) or the assignment is this pack's reading
 * (`assigned`, with the reason). Art. 16.2 lets the director of the ministry's department
 * (Cục Công nghiệp địa phương) set the ratio for projects Art. 13–15 do not cover.
 * @example `advanceAssignments["showroom"]?.basis` → `"assigned"`
 * @category activities
 * @since 0.1.0
 */
export const advanceAssignments: Readonly<
  Record<string, { readonly tier: string; readonly basis: "listed" | "assigned"; readonly where: string }>
> = {
  "enterprise-setup": { tier: "enterprise-setup", basis: "listed", where: `${TT36} Art. 13.3 ([PD] l.1087–1091)` },
  "demo-model": { tier: "investment", basis: "listed", where: `${TT36} Art. 13.2.d ([PD] l.1083)` },
  "cleaner-production-model": {
    tier: "investment",
    basis: "assigned",
    where:
      "Not named in Art. 13 (13.2.b names cleaner-production assessment, not pilot models); read as a model under 13.2.d. Art. 16.2 ([PD] l.1171) would otherwise leave the ratio to the department director. The activity has no spending item in this pack."
  },
  machinery: { tier: "investment", basis: "listed", where: `${TT36} Art. 13.2.d ([PD] l.1083)` },
  "domestic-fair": { tier: "promotion", basis: "listed", where: `${TT36} Art. 13.2.c ([PD] l.1079)` },
  "overseas-fair": {
    tier: "promotion",
    basis: "listed",
    where: `${TT36} Art. 13.2.c names 'tổ chức hội chợ, triển lãm' without limiting it to domestic fairs ([PD] l.1079)`
  },
  "study-tour": { tier: "soft", basis: "listed", where: `${TT36} Art. 13.2.b 'tham quan khảo sát' ([PD] l.1075)` },
  "typical-product": {
    tier: "promotion",
    basis: "assigned",
    where:
      "Not named in Art. 13; grouped with fairs as trade promotion of Decree 45 Art. 4.4. Art. 16.2 would otherwise leave the ratio to the department director. Both 70 % tiers have the same ratio and no progress condition."
  },
  trademark: { tier: "soft", basis: "listed", where: `${TT36} Art. 13.2.b 'xây dựng, đăng ký thương hiệu' ([PD] l.1075)` },
  showroom: {
    tier: "soft",
    basis: "assigned",
    where:
      "Not named in the original Art. 13 (showrooms were added to the 70 % list only by Circular 17/2018/TT-BCT); Art. 16.2 ([PD] l.1171) leaves the ratio to the department director. Assigned to the 70 % tier with no progress condition; the activity has no spending item."
  },
  consultancy: { tier: "soft", basis: "listed", where: `${TT36} Art. 13.2.b 'tư vấn' ([PD] l.1075)` },
  media: { tier: "promotion", basis: "listed", where: `${TT36} Art. 13.2.c ([PD] l.1079)` },
  association: { tier: "soft", basis: "listed", where: `${TT36} Art. 13.2.b ([PD] l.1075)` },
  "linkage-cluster": { tier: "soft", basis: "listed", where: `${TT36} Art. 13.2.b ([PD] l.1075)` },
  "relocation-interest": {
    tier: "relocation-interest",
    basis: "listed",
    where: `${TT36} Art. 15.1 ([PD] l.1155): advance on the acceptance record and proof of interest paid; no ratio stated`
  },
  "pollution-establishment": { tier: "investment", basis: "listed", where: `${TT36} Art. 13.2.d ([PD] l.1083)` },
  "pollution-cluster": { tier: "cluster", basis: "listed", where: `${TT36} Art. 13.1.a ([PD] l.1065)` },
  "cluster-planning": { tier: "promotion", basis: "listed", where: `${TT36} Art. 13.2.c ([PD] l.1079)` },
  "cluster-infrastructure": { tier: "cluster", basis: "listed", where: `${TT36} Art. 13.1.a ([PD] l.1065)` },
  management: {
    tier: "soft",
    basis: "assigned",
    where:
      "Not named in Art. 13; the implementing unit's management share (Joint Circular 26/2014 Art. 6.2.s) follows the project. Assigned to the 70 % tier with no progress condition; Art. 16.2 would otherwise leave the ratio to the department director."
  }
}
