/**
 * Plan calendar (lịch kế hoạch khuyến công quốc gia) of the 2014–2018 pack: registration of national
 * projects, monthly progress reports, the closing dossier and settlement, from Circular
 * 36/2013/TT-BCT as first issued ([PD], primary).
 *
 * "Trước ngày N" (before day N) deadlines are encoded with day N, the day named in the text, and
 * the Vietnamese name keeps "trước", from which the core reads that day N itself is late; "chậm
 * nhất" and "không được chậm quá" deadlines include the day. Registration is for the next year's
 * plan (Art. 6.1.a: the report gives the goals "của năm sau"), hence year offset −1.
 *
 * Not encoded: the quarterly, half-year and annual reports of the provincial Department of Industry
 * and Trade (Art. 21.5, no date); the carry-over of unspent funds (Decree 45/2012 Art. 14.4, no
 * date: the boolean parameter `funds.carry-over`).
 *
 * @since 0.1.0
 */
import type { RulePack } from "@khuyencong/core"
import { cite } from "./internal/build.js"
import { circular36 } from "./instruments.js"

const PD = "codification-khuyen-cong.md"

/**
 * The plan calendar.
 * @example `calendar.find((e) => e.id === "registration.unit-to-doit")?.deadline` → `{ kind: "yearly", month: 5, day: 20, yearOffset: -1, cutoff: "before" }`
 * @category calendar
 * @since 0.1.0
 */
export const calendar: ReadonlyArray<RulePack.CalendarEntry> = [
  {
    id: "registration.unit-to-doit",
    name: "Implementing units send their national khuyến công project dossiers (3 sets) to the provincial DoIT for base-level appraisal, before 20 May of the year before the plan year",
    nameVi: "Các đơn vị gửi hồ sơ đăng ký kế hoạch khuyến công quốc gia về Sở Công Thương trước 20 tháng 5 hàng năm",
    actor: "implementing-unit",
    deadline: { kind: "yearly", month: 5, day: 20, yearOffset: -1, cutoff: "before" },
    citation: cite(circular36, {
      article: "10",
      clause: "1",
      point: "b",
      grade: "primary",
      note: "'trước 20 tháng 5': before 20 May, the 20th itself excluded; in other cases the DoIT's guidance applies.",
      source: `${PD} l.1003`
    })
  },
  {
    id: "registration.doit-to-ministry",
    name: "Provincial DoITs, regional national khuyến công centres and units send their registration dossiers to the ministry's Department of Local Industry, before 15 June of the year before the plan year",
    nameVi: "Sở Công Thương, Trung tâm Khuyến công quốc gia ở các vùng, các đơn vị gửi hồ sơ đăng ký kế hoạch khuyến công quốc gia về Cục Công nghiệp địa phương trước ngày 15 tháng 6 hàng năm",
    actor: "provincial-doit",
    deadline: { kind: "yearly", month: 6, day: 15, yearOffset: -1, cutoff: "before" },
    citation: cite(circular36, {
      article: "10",
      clause: "2",
      point: "b",
      grade: "primary",
      note: "'trước ngày 15 tháng 6': before 15 June, the 15th itself excluded; in other cases the department's guidance applies. Circular 17/2018/TT-BCT later moved it to 20 June (outside this pack).",
      source: `${PD} l.1015`
    })
  },
  {
    id: "progress-report.monthly",
    name: "Implementing unit sends the monthly progress report to the ministry's department and the provincial DoIT before the 25th of each month",
    nameVi: "Đơn vị thực hiện đề án gửi báo cáo tiến độ hàng tháng về Cục Công nghiệp địa phương, Sở Công Thương trước ngày 25 hàng tháng",
    actor: "implementing-unit",
    deadline: { kind: "monthly", day: 25, cutoff: "before" },
    citation: cite(circular36, {
      article: "23",
      clause: "3",
      point: "a",
      grade: "primary",
      note: "'trước ngày 25 hàng tháng': the 25th itself excluded. A progress report backing an advance request needs the DoIT's check. The codification numbers two clauses of Art. 23 as '3'; this is the one on reporting.",
      source: `${PD} l.1287`
    })
  },
  {
    id: "progress-report.monthly-regional-centre",
    name: "Regional national khuyến công centre sends its monthly progress report to the ministry's department before the 25th of each month",
    nameVi: "Trung tâm Khuyến công quốc gia ở các vùng gửi báo cáo tiến độ thực hiện hàng tháng về Cục Công nghiệp địa phương trước ngày 25 hàng tháng",
    actor: "regional-centre",
    deadline: { kind: "monthly", day: 25, cutoff: "before" },
    citation: cite(circular36, {
      article: "22",
      clause: "2",
      grade: "primary",
      note: "'trước ngày 25 hàng tháng': the 25th itself excluded.",
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
      grade: "primary",
      note: "At the latest 15 days after the last base-level acceptance in the contract ('chậm nhất sau 15 ngày'): the 15th day itself is on time.",
      source: `${PD} l.1187`
    })
  },
  {
    id: "settlement.liquidation",
    name: "Contract liquidation and settlement with the ministry's department, at a time it sets but not later than 22 January of the year after the plan year",
    nameVi: "Thanh lý hợp đồng và quyết toán kinh phí với Cục Công nghiệp địa phương, không được chậm quá ngày 22 tháng 01 của năm sau",
    actor: "ministry",
    deadline: { kind: "yearly", month: 1, day: 22, yearOffset: 1, cutoff: "on-or-before" },
    citation: cite(circular36, {
      article: "18",
      clause: "2",
      grade: "primary",
      note: "The department sets the time and place, not later than 22 January of the following year ('không được chậm quá ngày 22 tháng 01'): 22 January itself is on time. Art. 18.3 lets the department settle on the acceptance record when the unit misses it.",
      source: `${PD} l.1189`
    })
  }
]
