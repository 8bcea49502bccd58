/**
 * Activity catalogue (danh mục nội dung hoạt động khuyến công) of the 2021–2025 pack: each activity
 * of Decree 45/2012 Art. 4 that has a national support level, its spending items (nội dung chi) and
 * the cap rule of each item. Caps reference parameters by id (parameters.ts), so overlays and
 * reforms can replace them and traces can cite them.
 *
 * Activities of Decree 45 Art. 4 with no figure in the notes are not in the catalogue (vocational
 * training, training and conferences, international cooperation, capacity building: their
 * spending follows the general norms of Circular 28/2018 Art. 7, not seen). Showrooms are a fundable
 * activity (S) with no cap anywhere: the activity is listed with no spending item. See SOURCES.md.
 *
 * @since 0.1.0
 */
import type { Citation, RulePack } from "@khuyencong/core"
import { cite } from "./internal/build.js"
import { circular28, decree45, jointCircular26 } from "./instruments.js"
import { CARRIED_OVER } from "./parameters.js"

const PD = "codification-khuyen-cong.md"
const NOTES = "rules-2018-2025-notes.md"
const FOLLOWUP = "confirmations-followup.md"

/** Decree 45/2012 Art. 4 (content of khuyến công activities), primary. */
const art4 = (clause: string, point: string | undefined, line: string): Citation.Citation =>
  point === undefined
    ? cite(decree45, { article: "4", clause, grade: "primary", source: `${PD} l.${line}` })
    : cite(decree45, { article: "4", clause, point, grade: "primary", source: `${PD} l.${line}` })

/** A spending item set by Circular 28/2018 Art. 8 as seen in secondary sources. */
const tt28Item = (clause: string | undefined, row: string, line: string, note?: string): Citation.Citation => {
  const seen = "Quoted by secondary sources (see the cap's parameters); the full text of Circular 28/2018 was not seen."
  const base = {
    article: "8",
    grade: "secondary" as const,
    note: note === undefined ? seen : `${seen} ${note}`,
    source: `${NOTES} §1 ${row} (l.${line})`
  }
  return cite(circular28, clause === undefined ? base : { ...base, clause })
}

/** A spending item seen for Circular 28/2018 only in provincial copies. */
const tt28LocalItem = (clause: string | undefined, row: string, line: string, note: string): Citation.Citation => {
  const base = { article: "8", grade: "provincial-copy" as const, note, source: `${NOTES} §1 ${row} (l.${line}); ${FOLLOWUP} A ${row}` }
  return cite(circular28, clause === undefined ? base : { ...base, clause })
}

/** A spending item carried over from Joint Circular 26/2014 Art. 6.2, unconfirmed. */
const jc26Item = (point: string, row: string, line: string): Citation.Citation =>
  cite(jointCircular26, {
    article: "6",
    clause: "2",
    point,
    grade: "unconfirmed",
    note: CARRIED_OVER,
    source: `${PD} l.${line}; ${NOTES} §1 ${row}; ${FOLLOWUP} A ${row}`
  })

/**
 * The activity catalogue, in the order of rules-2018-2025-notes.md §1.
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
        name: "Business plan, enterprise set-up project and registration costs",
        nameVi: "Hoàn thiện kế hoạch kinh doanh, dự án thành lập doanh nghiệp và chi phí đăng ký thành lập doanh nghiệp",
        cap: { kind: "amount", amount: "support.enterprise-setup.cap", unit: "per-enterprise" },
        citation: tt28Item(undefined, "row 1", "47", "Clause of Art. 8 not seen; the cost list is that of Joint Circular 26/2014 Art. 6.2.a.")
      }
    ]
  },
  {
    code: "demo-model",
    name: "Technical demonstration models",
    nameVi: "Xây dựng mô hình trình diễn kỹ thuật",
    citation: art4("3", undefined, "209"),
    advanceTier: "investment",
    items: [
      {
        code: "demo-model.new-technology",
        name: "Demonstration model to spread new technology or make new products (construction, machinery, process documentation)",
        nameVi: "Mô hình trình diễn kỹ thuật để phổ biến công nghệ mới, sản xuất sản phẩm mới",
        cap: { kind: "rate-and-amount", rate: "support.demo-model.rate", amount: "support.demo-model.cap", unit: "per-model" },
        citation: tt28Item("2", "row 2a", "48")
      },
      {
        code: "demo-model.replication",
        name: "Model of an effective rural establishment to be publicised and replicated (process documentation)",
        nameVi: "Mô hình của cơ sở công nghiệp nông thôn đang hoạt động có hiệu quả cần phổ biến tuyên truyền, nhân rộng",
        cap: {
          kind: "rate-and-amount",
          rate: "support.model-replication.rate",
          amount: "support.model-replication.cap",
          unit: "per-model"
        },
        citation: tt28LocalItem(
          "2",
          "row 2b",
          "49",
          "The item is in Circular 28/2018 Khoản 2 Điều 8 (S); its figures are seen only in provincial copies (L)."
        )
      }
    ]
  },
  {
    code: "cleaner-production-model",
    name: "Cleaner-production pilot models",
    nameVi: "Xây dựng mô hình thí điểm về áp dụng sản xuất sạch hơn",
    citation: art4("3", undefined, "209"),
    advanceTier: "investment",
    items: [
      {
        code: "cleaner-production-model.pilot",
        name: "Pilot model applying cleaner production at an industrial establishment",
        nameVi: "Mô hình thí điểm áp dụng sản xuất sạch hơn",
        cap: {
          kind: "rate-and-amount",
          rate: "support.cleaner-production-model.rate",
          amount: "support.cleaner-production-model.cap",
          unit: "per-model"
        },
        citation: tt28LocalItem(undefined, "row 3", "50", "Figures seen only in provincial copies (Đồng Tháp 2024, Hòa Bình 2019).")
      }
    ]
  },
  {
    code: "machinery",
    name: "Advanced machinery, technology transfer and scientific-technical progress in industrial and handicraft production",
    nameVi: "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ, tiến bộ khoa học kỹ thuật vào sản xuất công nghiệp - tiểu thủ công nghiệp",
    citation: art4("3", undefined, "209"),
    advanceTier: "investment",
    items: [
      {
        code: "machinery.equipment",
        name: "Advanced machinery and equipment, technology transfer",
        nameVi: "Máy móc thiết bị tiên tiến, chuyển giao công nghệ",
        cap: { kind: "rate-and-amount", rate: "support.machinery.rate", amount: "support.machinery.cap", unit: "per-establishment" },
        citation: tt28Item("4", "row 4", "51")
      },
      {
        code: "machinery.technology-line",
        name: "Technology line (at most 1.5 times the machinery level)",
        nameVi: "Dây chuyền công nghệ (không quá 1,5 lần mức hỗ trợ ứng dụng máy móc thiết bị)",
        cap: {
          kind: "multiple-of",
          item: "machinery.equipment",
          multiple: "support.technology-line.multiple",
          unit: "per-establishment"
        },
        citation: tt28Item("4", "row 4", "51", "With the machinery cap of 300 million VND this gives 450 million VND per establishment (TVPL-NEWS).")
      }
    ]
  },
  {
    code: "domestic-fair",
    name: "Domestic fairs and exhibitions of rural industrial and handicraft goods",
    nameVi: "Hội chợ, triển lãm hàng công nghiệp nông thôn, hàng thủ công mỹ nghệ trong nước",
    citation: art4("4", undefined, "211"),
    advanceTier: "promotion",
    items: [
      {
        code: "domestic-fair.organising",
        name: "Organising a domestic fair: booth rental, publicity and organising board (bid or approved price)",
        nameVi: "Tổ chức hội chợ triển lãm trong nước: thuê gian hàng, thông tin tuyên truyền, hoạt động của Ban tổ chức",
        cap: { kind: "rate", rate: "support.domestic-fair-organising.rate", unit: "per-project" },
        citation: jc26Item("d", "row 5a", "1397")
      },
      {
        code: "domestic-fair.attendance",
        name: "Booth rental for a rural establishment attending another domestic fair",
        nameVi: "Thuê gian hàng cho cơ sở công nghiệp nông thôn tham gia hội chợ, triển lãm khác trong nước",
        cap: { kind: "rate", rate: "support.domestic-fair-attendance.rate", unit: "per-booth" },
        citation: jc26Item("d", "row 5b", "1399")
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
        citation: tt28Item("6", "row 6", "54")
      }
    ]
  },
  {
    code: "study-tour",
    name: "Study tours and surveys abroad for rural establishments",
    nameVi: "Tham quan, khảo sát, học tập kinh nghiệm ở nước ngoài cho cơ sở công nghiệp nông thôn",
    citation: art4("2", undefined, "207"),
    advanceTier: "soft",
    items: [
      {
        code: "study-tour.overseas-airfare",
        name: "Airfare of rural establishments on study tours abroad (number of people decided by the competent authority)",
        nameVi: "Vé máy bay cho cơ sở công nghiệp nông thôn đi khảo sát, học tập kinh nghiệm tại nước ngoài",
        cap: { kind: "rate", rate: "support.overseas-study-airfare.rate", unit: "per-person" },
        citation: tt28Item(undefined, "row 7", "55", "Clause of Art. 8 not seen. Other costs of study tours follow general norms not encoded here.")
      }
    ]
  },
  {
    code: "typical-product",
    name: "Selection of typical rural industrial products",
    nameVi: "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu",
    citation: art4("4", undefined, "211"),
    advanceTier: "promotion",
    items: [
      {
        code: "typical-product.selection-regional",
        name: "Running a regional selection round",
        nameVi: "Tổ chức bình chọn cấp khu vực",
        cap: { kind: "amount", amount: "support.typical-product-selection.regional.cap", unit: "per-round" },
        citation: tt28Item(undefined, "row 8a", "56", "Clause of Art. 8 not seen.")
      },
      {
        code: "typical-product.selection-national",
        name: "Running a national selection round",
        nameVi: "Tổ chức bình chọn cấp quốc gia",
        cap: { kind: "amount", amount: "support.typical-product-selection.national.cap", unit: "per-round" },
        citation: tt28Item(undefined, "row 8a", "56", "Clause of Art. 8 not seen.")
      },
      {
        code: "typical-product.prize-regional",
        name: "Prize per product recognised at regional level",
        nameVi: "Thưởng sản phẩm đạt giải cấp khu vực",
        cap: { kind: "amount", amount: "support.typical-product-prize.regional.cap", unit: "per-product" },
        citation: jc26Item("g", "row 8b", "1409")
      },
      {
        code: "typical-product.prize-national",
        name: "Prize per product recognised at national level",
        nameVi: "Thưởng sản phẩm đạt giải cấp quốc gia",
        cap: { kind: "amount", amount: "support.typical-product-prize.national.cap", unit: "per-product" },
        citation: jc26Item("g", "row 8b", "1409")
      }
    ]
  },
  {
    code: "trademark",
    name: "Building and registering trademarks of rural industrial products",
    nameVi: "Xây dựng, đăng ký thương hiệu sản phẩm công nghiệp nông thôn",
    citation: art4("4", undefined, "211"),
    advanceTier: "soft",
    items: [
      {
        code: "trademark.registration",
        name: "Building and registering a trademark",
        nameVi: "Xây dựng và đăng ký thương hiệu",
        cap: { kind: "rate-and-amount", rate: "support.trademark.rate", amount: "support.trademark.cap", unit: "per-trademark" },
        citation: jc26Item("h", "row 9", "1411")
      }
    ]
  },
  {
    code: "showroom",
    name: "Showrooms introducing and promoting products (no support level found: no spending item)",
    nameVi: "Phòng trưng bày giới thiệu, quảng bá sản phẩm",
    citation: cite(decree45, {
      article: "4",
      clause: "4",
      grade: "primary",
      note: "A fundable activity (Decree 45 Art. 4.4; listed with a 70 % advance under Circular 17/2018, S: CT-ADV). No cap is known for Circular 28/2018 and Joint Circular 26/2014 set none, so no spending item is encoded.",
      source: `${PD} l.211; ${NOTES} §1 row 19 (l.68); ${FOLLOWUP} A 19 (l.58)`
    }),
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
        citation: jc26Item("i", "row 10", "1413")
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
        citation: jc26Item("k", "row 11", "1415")
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
        citation: jc26Item("l", "row 12", "1417")
      },
      {
        code: "association.national",
        name: "Founding a national association",
        nameVi: "Thành lập hội, hiệp hội cấp quốc gia",
        cap: { kind: "rate-and-amount", rate: "support.association.rate", amount: "support.association.national.cap", unit: "per-association" },
        citation: jc26Item("l", "row 12", "1417")
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
        citation: jc26Item("m", "row 13", "1419")
      }
    ]
  },
  {
    code: "relocation-interest",
    name: "Interest subsidy for polluting rural establishments relocating into industrial zones or clusters",
    nameVi: "Hỗ trợ lãi suất vốn vay cho cơ sở công nghiệp nông thôn gây ô nhiễm môi trường di dời vào khu, cụm công nghiệp",
    citation: art4("7", "c", "223"),
    advanceTier: "relocation-interest",
    items: [
      {
        code: "relocation-interest.subsidy",
        name: "Interest on loans for workshops and machinery in the first years, after the investment is complete",
        nameVi: "Lãi suất các khoản vay đầu tư nhà xưởng, máy móc thiết bị trong các năm đầu",
        cap: {
          kind: "rate-and-amount",
          rate: "support.relocation-interest.rate",
          amount: "support.relocation-interest.cap",
          unit: "per-establishment"
        },
        citation: jc26Item("n", "row 14", "1421")
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
        citation: jc26Item("o", "row 15", "1423")
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
        citation: tt28LocalItem(undefined, "row 16", "65", "Figures seen only in the Lai Châu DoIT guidance of 2021.")
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
        citation: tt28LocalItem(undefined, "row 17", "66", "Figures seen only in the Lai Châu DoIT guidance of 2021.")
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
        citation: tt28Item(undefined, "row 18", "67", "Clause of Art. 8 not seen; the works listed are those of Joint Circular 26/2014 Art. 6.2.r.")
      }
    ]
  },
  {
    code: "management",
    name: "Management of a khuyến công project by its implementing unit (management, direction, inspection, supervision)",
    nameVi: "Chi quản lý, chỉ đạo, kiểm tra, giám sát của đơn vị triển khai thực hiện đề án khuyến công",
    citation: cite(jointCircular26, {
      article: "6",
      clause: "2",
      point: "s",
      grade: "unconfirmed",
      note: `${CARRIED_OVER}. Second indent of point s: the implementing unit may spend at most 2.5 % of the project estimate on management. Listed as its own activity so that a proposal carries at most one management line.`,
      source: `${PD} l.1435; ${NOTES} §1 row 20 (l.69); ${FOLLOWUP} A 20 (l.59)`
    }),
    advanceTier: "soft",
    items: [
      {
        code: "management.implementing-unit",
        name: "Implementing unit's management costs, as a share of the support of the proposal's other lines",
        nameVi: "Chi quản lý của đơn vị triển khai thực hiện đề án (tối đa 2,5 % dự toán đề án)",
        cap: { kind: "share-of-support", share: "overhead.implementing-unit", unit: "per-project" },
        citation: jc26Item("s", "row 20", "1435")
      }
    ]
  }
]

/**
 * Which tier of Circular 36/2013 Art. 13 each activity's advance follows, and whether the text
 * names the activity there (`listed`) or the assignment is this pack's reading (`assigned`, with
 * the reason). Circular 36/2013 Art. 16.2 lets the director of the ministry's department set the
 * ratio for projects Art. 13–15 do not cover.
 * @example `advanceAssignments["typical-product"]?.basis` → `"assigned"`
 * @category activities
 * @since 0.1.0
 */
export const advanceAssignments: Readonly<
  Record<string, { readonly tier: string; readonly basis: "listed" | "assigned"; readonly where: string }>
> = {
  "enterprise-setup": { tier: "enterprise-setup", basis: "listed", where: "Circular 36/2013 Art. 13.3 ([PD] l.1087–1089)" },
  "demo-model": { tier: "investment", basis: "listed", where: "Circular 36/2013 Art. 13.2.d ([PD] l.1083)" },
  "cleaner-production-model": {
    tier: "investment",
    basis: "assigned",
    where:
      "Not named in Art. 13 (13.2.b names cleaner-production assessment, not pilot models); read as a model under 13.2.d. Art. 16.2 would otherwise leave the ratio to the department director."
  },
  machinery: { tier: "investment", basis: "listed", where: "Circular 36/2013 Art. 13.2.d ([PD] l.1083)" },
  "domestic-fair": { tier: "promotion", basis: "listed", where: "Circular 36/2013 Art. 13.2.c ([PD] l.1079)" },
  "overseas-fair": {
    tier: "promotion",
    basis: "listed",
    where: "Circular 36/2013 Art. 13.2.c names 'tổ chức hội chợ, triển lãm' without limiting it to domestic fairs ([PD] l.1079)"
  },
  "study-tour": { tier: "soft", basis: "listed", where: "Circular 36/2013 Art. 13.2.b 'tham quan khảo sát' ([PD] l.1075)" },
  "typical-product": {
    tier: "promotion",
    basis: "assigned",
    where:
      "Not named in Art. 13; grouped with fairs as trade promotion of Decree 45 Art. 4.4. Art. 16.2 would otherwise leave the ratio to the department director. Both 70 % tiers have the same ratio and no progress condition."
  },
  trademark: { tier: "soft", basis: "listed", where: "Circular 36/2013 Art. 13.2.b ([PD] l.1075); kept by 17/2018 (CT-ADV)" },
  showroom: { tier: "soft", basis: "listed", where: "Added to the 70 % list by Circular 17/2018 (S: CT-ADV)" },
  consultancy: { tier: "soft", basis: "listed", where: "Circular 36/2013 Art. 13.2.b ([PD] l.1075)" },
  media: { tier: "promotion", basis: "listed", where: "Circular 36/2013 Art. 13.2.c ([PD] l.1079)" },
  association: { tier: "soft", basis: "listed", where: "Circular 36/2013 Art. 13.2.b ([PD] l.1075)" },
  "linkage-cluster": { tier: "soft", basis: "listed", where: "Circular 36/2013 Art. 13.2.b ([PD] l.1075)" },
  "relocation-interest": {
    tier: "relocation-interest",
    basis: "listed",
    where: "Circular 36/2013 Art. 15.1 ([PD] l.1155): advance on the acceptance record and proof of interest paid; no ratio stated"
  },
  "pollution-establishment": { tier: "investment", basis: "listed", where: "Circular 36/2013 Art. 13.2.d ([PD] l.1083)" },
  "pollution-cluster": { tier: "cluster", basis: "listed", where: "Circular 36/2013 Art. 13.1 ([PD] l.1065); kept by 17/2018 (BG-ADV)" },
  "cluster-planning": { tier: "promotion", basis: "listed", where: "Circular 36/2013 Art. 13.2.c ([PD] l.1079)" },
  "cluster-infrastructure": { tier: "cluster", basis: "listed", where: "Circular 36/2013 Art. 13.1 ([PD] l.1065); kept by 17/2018 (BG-ADV)" },
  management: {
    tier: "soft",
    basis: "assigned",
    where:
      "Not named in Art. 13; the implementing unit's management share (Joint Circular 26/2014 Art. 6.2.s) follows the project. Assigned to the 70 % tier with no progress condition; Art. 16.2 would otherwise leave the ratio to the department director."
  }
}
