/**
 * Instruments (văn bản quy phạm pháp luật) encoded by the 2014–2018 khuyến công rule pack: the
 * decree, the circulars that detail it and set the national plan cycle, the joint finance circular
 * that set the support levels (mức hỗ trợ) from 2014-04-08 to 2018-05-10, and the Prime Minister's
 * decision approving the programme to 2020.
 *
 * Dates of the decree and the circulars are read in ../shared/legal/codification-khuyen-cong.md
 * ([PD], primary). Decision 1288/QĐ-TTg is not in the codification: its date comes from
 * rules-2018-2025-notes.md §4–§5 (secondary) and {@link instrumentNotes} says so. The `Instrument`
 * model has no note field; the notes are repeated in SOURCES.md.
 *
 * @since 0.1.0
 */
import { LocalDate } from "@khuyencong/core"
import type { Citation } from "@khuyencong/core"

type Instrument = Citation.Instrument

const d = LocalDate.makeOrThrow

/**
 * Decree 45/2012/NĐ-CP on khuyến công (Nghị định về khuyến công). Signed 2012-05-21, in force
 * 2012-07-05, replacing Decree 134/2004/NĐ-CP ([PD] l.33, l.1677, primary).
 * @example `decree45.effective` → `"2012-07-05"`
 * @category instruments
 * @since 0.1.0
 */
export const decree45: Instrument = {
  number: "45/2012/NĐ-CP",
  kind: "decree",
  issuer: "Government (Chính phủ)",
  title: "On industrial extension (Về khuyến công)",
  signed: d(2012, 5, 21),
  effective: d(2012, 7, 5),
  replaces: ["134/2004/NĐ-CP"]
}

/**
 * Circular 46/2012/TT-BCT detailing Decree 45/2012 (subjects, activities, industries, priority
 * areas and their order). Signed 2012-12-28, in force 2013-02-10 ([PD] l.55, l.1701, primary).
 * This pack encodes the text as first issued; Circular 20/2017/TT-BCT amended it (see
 * {@link instrumentNotes}).
 * @example `circular46.effective` → `"2013-02-10"`
 * @category instruments
 * @since 0.1.0
 */
export const circular46: Instrument = {
  number: "46/2012/TT-BCT",
  kind: "circular",
  issuer: "Ministry of Industry and Trade (Bộ Công Thương)",
  title:
    "Detailing some provisions of Decree 45/2012/NĐ-CP on khuyến công (Quy định chi tiết một số nội dung của Nghị định số 45/2012/NĐ-CP)",
  signed: d(2012, 12, 28),
  effective: d(2013, 2, 10),
  replaces: ["03/2005/TT-BCN", "07/2008/QĐ-BCT"]
}

/**
 * Circular 36/2013/TT-BCT on building, implementing and managing the national khuyến công plan and
 * its funds (registration calendar, advances, settlement). Signed 2013-12-27, in force 2014-02-10
 * ([PD] l.81, l.1709, primary). Amended by Circular 17/2018/TT-BCT (signed 2018-07-10), after this
 * pack's period.
 * @example `circular36.effective` → `"2014-02-10"`
 * @category instruments
 * @since 0.1.0
 */
export const circular36: Instrument = {
  number: "36/2013/TT-BCT",
  kind: "circular",
  issuer: "Ministry of Industry and Trade (Bộ Công Thương)",
  title:
    "On building plans, implementing and managing national khuyến công funds (Quy định về việc xây dựng kế hoạch, tổ chức thực hiện và quản lý kinh phí khuyến công quốc gia)",
  signed: d(2013, 12, 27),
  effective: d(2014, 2, 10),
  replaces: ["08/2008/QĐ-BCT", "17/2008/QĐ-BCT", "5918/QĐ-BCT"]
}

/**
 * Joint Circular 26/2014/TTLT-BTC-BCT on national and local khuyến công funds: the support levels
 * of this pack (Art. 6), the support conditions (Art. 7) and the 70 % advance ceiling (Art. 8.2.b).
 * Signed 2014-02-18, in force 2014-04-08, replacing 125/2009/TTLT-BTC-BCT ([PD] l.89, l.1717,
 * primary). It stopped applying when Circular 28/2018/TT-BTC took effect on 2018-05-11 (S:
 * TVPL-NEWS, rules-2018-2025-notes.md §5 l.144).
 * @example `jointCircular26.expired` → `"2018-05-11"`
 * @category instruments
 * @since 0.1.0
 */
export const jointCircular26: Instrument = {
  number: "26/2014/TTLT-BTC-BCT",
  kind: "joint-circular",
  issuer: "Ministry of Finance and Ministry of Industry and Trade (Bộ Tài chính – Bộ Công Thương)",
  title:
    "Guiding the estimation, management and use of national and local khuyến công funds (Hướng dẫn trình tự lập, quản lý, sử dụng kinh phí khuyến công quốc gia và kinh phí khuyến công địa phương)",
  signed: d(2014, 2, 18),
  effective: d(2014, 4, 8),
  expired: d(2018, 5, 11),
  replaces: ["125/2009/TTLT-BTC-BCT"]
}

/**
 * Decision 1288/QĐ-TTg approving the national khuyến công programme to 2020. Signed 2014-08-01
 * (S: rules-2018-2025-notes.md §4 l.132, §5 l.148). Not in the codification; its text, effective
 * date and targets were not seen: `effective` holds the signing date as a lower bound (see
 * {@link instrumentNotes}). No parameter of this pack reads it.
 * @example `decision1288.signed` → `"2014-08-01"`
 * @category instruments
 * @since 0.1.0
 */
export const decision1288: Instrument = {
  number: "1288/QĐ-TTg",
  kind: "decision",
  issuer: "Prime Minister (Thủ tướng Chính phủ)",
  title: "Approving the national khuyến công programme to 2020 (Chương trình khuyến công quốc gia đến năm 2020)",
  signed: d(2014, 8, 1),
  effective: d(2014, 8, 1)
}

/**
 * Every instrument of the pack, oldest first (by effective date).
 * @example `instruments.map((i) => i.number)` → `["45/2012/NĐ-CP", "46/2012/TT-BCT", "36/2013/TT-BCT", "26/2014/TTLT-BTC-BCT", "1288/QĐ-TTg"]`
 * @category instruments
 * @since 0.1.0
 */
export const instruments: ReadonlyArray<Instrument> = [decree45, circular46, circular36, jointCircular26, decision1288]

/**
 * What is not confirmed about an instrument's dates or content, by instrument number.
 * @example `instrumentNotes["1288/QĐ-TTg"]` → `"Not in the codification: …"`
 * @category instruments
 * @since 0.1.0
 */
export const instrumentNotes: Readonly<Record<string, string>> = {
  "1288/QĐ-TTg":
    "Not in the codification: signing date 2014-08-01 from rules-2018-2025-notes.md §4 (l.132) and §5 (l.148), graded secondary there. Effective date, exact title and targets not seen; `effective` holds the signing date as a lower bound. No parameter of the pack depends on it.",
  "46/2012/TT-BCT":
    "Encoded as first issued ([PD], primary). Circular 20/2017/TT-BCT (signed 2017-09-29, effective date unconfirmed) amended it in text not seen (rules-2018-2025-notes.md §2 l.88, §5 l.141): for decisions dated between that amendment's effective date and 2018-05-10 the eligibility and priority clauses of this pack may differ from the law then in force.",
  "26/2014/TTLT-BTC-BCT":
    "Expired when Circular 28/2018/TT-BTC took effect on 2018-05-11 (S: TVPL-NEWS, rules-2018-2025-notes.md §5 l.144). Every parameter read from it ends on 2018-05-10 (`until`): a lookup after that day fails instead of returning a figure of an expired text.",
  "36/2013/TT-BCT":
    "Encoded as first issued ([PD], primary). Circular 17/2018/TT-BCT (signed 2018-07-10) amended it after this pack's last decision day."
}
