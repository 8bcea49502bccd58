/**
 * Instruments (văn bản quy phạm pháp luật) encoded by the 2021–2025 khuyến công rule pack: the
 * decree, the circulars that detail it, the finance circulars that set the support levels
 * (mức hỗ trợ), and the Prime Minister's decision approving the 2021–2025 programme.
 *
 * Dates come from ../shared/legal: the codification mirror ([PD]) for the pre-2018 texts (primary),
 * rules-2018-2025-notes.md §5 and confirmations-followup.md for the later ones. Where an effective
 * date is unknown the instrument's `effective` holds the best graded stand-in (the signing date,
 * a lower bound) and {@link instrumentNotes} says so; every citation of that instrument repeats it.
 *
 * @since 0.1.0
 */
import { LocalDate } from "@khuyencong/core"
import type { Citation } from "@khuyencong/core"

type Instrument = Citation.Instrument

const d = LocalDate.makeOrThrow

/**
 * Decree 45/2012/NĐ-CP on khuyến công (Nghị định về khuyến công). Signed 2012-05-21, in force
 * 2012-07-05, replacing Decree 134/2004/NĐ-CP ([PD] l.49, l.1677, primary). Amended by Decree
 * 235/2025/NĐ-CP from 2025-10-15, which is outside this pack.
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
 * Circular 46/2012/TT-BCT detailing Decree 45/2012 (subjects, industries, priority areas and their
 * order). Signed 2012-12-28, in force 2013-02-10 ([PD] l.49, l.1701, primary).
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
 * Circular 20/2017/TT-BCT amending Circular 46/2012/TT-BCT. Signed 2017-09-29 (S: Nghệ An QĐ
 * 32/2021 and Quảng Trị NQ 38/2020 preambles). Effective date UNCONFIRMED: `effective` holds the
 * signing date as a lower bound (see {@link instrumentNotes}).
 * @example `circular20.amends` → `["46/2012/TT-BCT"]`
 * @category instruments
 * @since 0.1.0
 */
export const circular20: Instrument = {
  number: "20/2017/TT-BCT",
  kind: "circular",
  issuer: "Ministry of Industry and Trade (Bộ Công Thương)",
  title: "Amending some articles of Circular 46/2012/TT-BCT (Sửa đổi, bổ sung một số điều của Thông tư số 46/2012/TT-BCT)",
  signed: d(2017, 9, 29),
  effective: d(2017, 9, 29),
  amends: ["46/2012/TT-BCT"]
}

/**
 * Circular 36/2013/TT-BCT on building, implementing and managing the national khuyến công plan and
 * its funds (registration calendar, advances, settlement). Signed 2013-12-27, in force 2014-02-10
 * ([PD] l.81, l.1709, primary).
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
 * Circular 17/2018/TT-BCT amending Circular 36/2013/TT-BCT. Signed 2018-07-10 (S: Nghệ An QĐ
 * 32/2021, Bắc Ninh QĐ 01/2020 preambles). Effective date UNCONFIRMED: `effective` holds the signing
 * date as a lower bound (see {@link instrumentNotes}).
 * @example `circular17.amends` → `["36/2013/TT-BCT"]`
 * @category instruments
 * @since 0.1.0
 */
export const circular17: Instrument = {
  number: "17/2018/TT-BCT",
  kind: "circular",
  issuer: "Ministry of Industry and Trade (Bộ Công Thương)",
  title: "Amending some articles of Circular 36/2013/TT-BCT (Sửa đổi, bổ sung một số điều của Thông tư số 36/2013/TT-BCT)",
  signed: d(2018, 7, 10),
  effective: d(2018, 7, 10),
  amends: ["36/2013/TT-BCT"]
}

/**
 * Joint Circular 26/2014/TTLT-BTC-BCT on national and local khuyến công funds: the support levels
 * before Circular 28/2018. Signed 2014-02-18, in force 2014-04-08, replacing 125/2009/TTLT-BTC-BCT
 * ([PD] l.87, l.1717, primary). It stopped applying when Circular 28/2018/TT-BTC took effect on
 * 2018-05-11 (S: TVPL-NEWS). Its Art. 6.2 values are the source of every level carried over as
 * `unconfirmed` in this pack.
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
 * Circular 28/2018/TT-BTC on khuyến công funds: the national support levels (Art. 8) from
 * 2018-05-11. Signed 2018-03-28, in force 2018-05-11 (S: TVPL-NEWS, LAWNET-TT28, LV-EN header);
 * replaces Joint Circular 26/2014. Full text not seen: only Art. 1–3 and quoted clauses of Art. 7–8.
 * @example `circular28.effective` → `"2018-05-11"`
 * @category instruments
 * @since 0.1.0
 */
export const circular28: Instrument = {
  number: "28/2018/TT-BTC",
  kind: "circular",
  issuer: "Ministry of Finance (Bộ Tài chính)",
  title:
    "Guiding the estimation, management and use of khuyến công funds (Hướng dẫn lập, quản lý, sử dụng kinh phí khuyến công)",
  signed: d(2018, 3, 28),
  effective: d(2018, 5, 11),
  replaces: ["26/2014/TTLT-BTC-BCT"]
}

/**
 * Circular 64/2024/TT-BTC amending Circular 28/2018/TT-BTC (estimates split between recurrent and
 * development spending). Signed 2024-08-28 (S: LAWNET-TT64). Effective date and any change of
 * amounts UNCONFIRMED: `effective` holds the signing date as a lower bound and no parameter of this
 * pack changes on it (see {@link instrumentNotes}).
 * @example `circular64.amends` → `["28/2018/TT-BTC"]`
 * @category instruments
 * @since 0.1.0
 */
export const circular64: Instrument = {
  number: "64/2024/TT-BTC",
  kind: "circular",
  issuer: "Ministry of Finance (Bộ Tài chính)",
  title: "Amending some articles of Circular 28/2018/TT-BTC (Sửa đổi, bổ sung một số điều của Thông tư số 28/2018/TT-BTC)",
  signed: d(2024, 8, 28),
  effective: d(2024, 8, 28),
  amends: ["28/2018/TT-BTC"]
}

/**
 * Decision 1881/QĐ-TTg approving the national khuyến công programme 2021–2025 (targets: 350
 * trademarks, 340 demonstration and technology-transfer models, 1,600 machines, 300 technology
 * lines, …). Signed and in force 2020-11-20 (S: TLL-1881; in force on signing per
 * confirmations-followup.md B 6.6a). Budget total: none found.
 * @example `decision1881.effective` → `"2020-11-20"`
 * @category instruments
 * @since 0.1.0
 */
export const decision1881: Instrument = {
  number: "1881/QĐ-TTg",
  kind: "decision",
  issuer: "Prime Minister (Thủ tướng Chính phủ)",
  title:
    "Approving the national khuyến công programme 2021–2025 (Phê duyệt Chương trình khuyến công quốc gia giai đoạn 2021–2025)",
  signed: d(2020, 11, 20),
  effective: d(2020, 11, 20)
}

/**
 * Every national instrument of the pack, oldest first.
 * @example `instruments.map((i) => i.number)` → `["45/2012/NĐ-CP", "46/2012/TT-BCT", …]`
 * @category instruments
 * @since 0.1.0
 */
export const instruments: ReadonlyArray<Instrument> = [
  decree45,
  circular46,
  circular36,
  jointCircular26,
  circular20,
  circular28,
  circular17,
  decision1881,
  circular64
]

/**
 * What is not confirmed about an instrument's own dates or content, by instrument number. The
 * `Instrument` model has no note field; these notes are repeated in the citations that use the
 * instrument and in SOURCES.md.
 * @example `instrumentNotes["17/2018/TT-BCT"]` → `"Effective date unconfirmed (U); …"`
 * @category instruments
 * @since 0.1.0
 */
export const instrumentNotes: Readonly<Record<string, string>> = {
  "20/2017/TT-BCT":
    "Effective date unconfirmed (U); `effective` holds the signing date 2017-09-29 as a lower bound (rules-2018-2025-notes.md §5; confirmations-followup.md B 6.6b).",
  "17/2018/TT-BCT":
    "Effective date unconfirmed (U); `effective` holds the signing date 2018-07-10 as a lower bound (rules-2018-2025-notes.md §5; confirmations-followup.md B 6.6b). It is cited in provincial texts of 2020–2021, so it governs every plan year of this pack.",
  "64/2024/TT-BTC":
    "Effective date and changed amounts unconfirmed (U); `effective` holds the signing date 2024-08-28 as a lower bound and no parameter changes on it (rules-2018-2025-notes.md §5; confirmations-followup.md B 6.6c, C 4).",
  "26/2014/TTLT-BTC-BCT":
    "Expired when Circular 28/2018/TT-BTC took effect (2018-05-11, S: TVPL-NEWS). Its Art. 6.2 figures are carried over in this pack, graded unconfirmed, for the Circular 28/2018 levels no source quotes.",
  "1881/QĐ-TTg": "In force on signing (S: cbamekong.org, confirmations-followup.md B 6.6a). No budget total found (U)."
}
