/**
 * Plan calendar (lịch kế hoạch khuyến công quốc gia) of the 2021–2025 pack: registration, monthly
 * progress reports, the closing dossier and settlement, from Circular 36/2013/TT-BCT as amended by
 * Circular 17/2018/TT-BCT.
 *
 * Not encoded:
 * - units → provincial Department of Industry and Trade (Sở Công Thương): the amended Art. 10.1.a
 *   sets no date (S). The original "before 20 May" (Art. 10.1.b of 36/2013, [PD] l.1003) is primary
 *   for the text before 17/2018 only and is not carried into this pack.
 * - carry-over of unspent funds (Decree 45/2012 Art. 14.4) has no date: it is the boolean parameter
 *   `funds.carry-over`.
 *
 * "Trước ngày N" (before day N) deadlines are encoded with day N, the day named in the text; the
 * note of each entry says whether the day itself is excluded.
 *
 * @since 0.1.0
 */
import type { RulePack } from "@khuyencong/core"
import { cite } from "./internal/build.js"
import { circular36 } from "./instruments.js"

const PD = "codification-khuyen-cong.md"
const NOTES = "rules-2018-2025-notes.md"
const FOLLOWUP = "confirmations-followup.md"
const TKL_REG =
  "nganhangphapluat.thukyluat.vn/tu-van-phap-luat/tai-chinh-nha-nuoc/ho-so-va-thoi-gian-dang-ky-ke-hoach-khuyen-cong-quoc-gia-261604"
const SETTLEMENT_QA =
  "118.69.201.249:801/phap-luat/thoi-diem-thanh-ly-hop-dong-va-quyet-toan-kinh-phi-khuyen-cong-quoc-gia-duoc-quy-dinh-la-khi-nao-48298-55380.html"

/**
 * The plan calendar.
 * @example `calendar.find((e) => e.id === "registration.doit-to-ministry")?.deadline` → `{ kind: "yearly", month: 6, day: 20, yearOffset: -1, cutoff: "before" }`
 * @category calendar
 * @since 0.1.0
 */
export const calendar: ReadonlyArray<RulePack.CalendarEntry> = [
  {
    id: "registration.doit-to-ministry",
    name: "Provincial DoIT sends the registration report of national khuyến công projects to the ministry's department, before 20 June of the year before the plan year",
    nameVi: "Sở Công Thương gửi báo cáo đăng ký kế hoạch khuyến công quốc gia về Cục Công Thương địa phương trước ngày 20 tháng 6 hàng năm",
    actor: "provincial-doit",
    deadline: { kind: "yearly", month: 6, day: 20, yearOffset: -1, cutoff: "before" },
    citation: cite(circular36, {
      article: "10",
      clause: "1",
      point: "b",
      grade: "secondary",
      note: "Art. 10.1.b as amended by Circular 17/2018/TT-BCT Art. 1 cl. 9 (TKL-REG quotes the amended text). 'Trước ngày 20 tháng 6': before 20 June, the 20th itself excluded. Replaces the original 15 June of Art. 10.2.b ([PD] l.1015). Registration is for the next year's plan (Art. 6.1.a), hence year offset −1.",
      source: `${NOTES} §3 (l.104); ${FOLLOWUP} B 6.7a (l.72); ${TKL_REG}`
    })
  },
  {
    id: "progress-report.monthly",
    name: "Implementing unit sends the monthly progress report to the ministry's department and the provincial DoIT before the 25th of each month",
    nameVi: "Đơn vị thực hiện đề án gửi báo cáo tiến độ hàng tháng về Cục và Sở Công Thương trước ngày 25 hàng tháng",
    actor: "implementing-unit",
    deadline: { kind: "monthly", day: 25, cutoff: "before" },
    citation: cite(circular36, {
      article: "23",
      clause: "3",
      point: "a",
      grade: "unconfirmed",
      note: "Original text of Circular 36/2013 (primary before Circular 17/2018); whether 17/2018 changed it is unconfirmed. 'Trước ngày 25': the 25th itself excluded. A progress report backing an advance request needs the DoIT's check. The codification numbers two clauses of Art. 23 as '3'; this is the one on reporting.",
      source: `${PD} l.1287; ${NOTES} §3 (l.117)`
    })
  },
  {
    id: "progress-report.monthly-regional-centre",
    name: "Regional national khuyến công centre sends its monthly progress report to the ministry's department before the 25th of each month",
    nameVi: "Trung tâm Khuyến công quốc gia ở các vùng gửi báo cáo tiến độ thực hiện hàng tháng về Cục trước ngày 25 hàng tháng",
    actor: "regional-centre",
    deadline: { kind: "monthly", day: 25, cutoff: "before" },
    citation: cite(circular36, {
      article: "22",
      clause: "2",
      grade: "unconfirmed",
      note: "Original text of Circular 36/2013 (primary before Circular 17/2018); whether 17/2018 changed it is unconfirmed. 'Trước ngày 25': the 25th itself excluded.",
      source: `${PD} l.1273`
    })
  },
  {
    id: "settlement.closing-dossier",
    name: "Implementing unit completes the settlement dossier at the latest 15 days after the last base-level acceptance in the contract",
    nameVi: "Đơn vị thực hiện đề án hoàn thành hồ sơ quyết toán chậm nhất sau 15 ngày kể từ khi nghiệm thu cơ sở đề án cuối cùng trong hợp đồng",
    actor: "implementing-unit",
    deadline: { kind: "after-event", event: "last-base-acceptance", days: 15, cutoff: "on-or-before" },
    citation: cite(circular36, {
      article: "18",
      clause: "1",
      grade: "unconfirmed",
      note: "Original text of Circular 36/2013 (primary before Circular 17/2018). The settlement rules were amended by Circular 17/2018 Art. 1 cl. 12 and Art. 2 (S: a Q&A answers from Art. 12 as amended); the amended text was not seen, so the 15 days are unconfirmed under 17/2018.",
      source: `${PD} l.1187; ${NOTES} §3 (l.115); ${FOLLOWUP} B 6.7c (l.74); ${SETTLEMENT_QA}`
    })
  },
  {
    id: "settlement.liquidation",
    name: "Contract liquidation and settlement with the ministry's department, at a time it sets but not later than 22 January of the year after the plan year",
    nameVi: "Thanh lý hợp đồng và quyết toán kinh phí với Cục, không được chậm quá ngày 22 tháng 01 của năm sau",
    actor: "ministry",
    deadline: { kind: "yearly", month: 1, day: 22, yearOffset: 1, cutoff: "on-or-before" },
    citation: cite(circular36, {
      article: "18",
      clause: "2",
      grade: "unconfirmed",
      note: "Original text of Circular 36/2013 (primary before Circular 17/2018): the department sets the time and place, 'không được chậm quá ngày 22 tháng 01 của năm sau' (22 January itself allowed). Amended by Circular 17/2018 Art. 1 cl. 12 and Art. 2 (S); the new deadline text was not seen (U).",
      source: `${PD} l.1189; ${NOTES} §3 (l.115), §6 item 7; ${FOLLOWUP} B 6.7c (l.74); ${SETTLEMENT_QA}`
    })
  }
]
