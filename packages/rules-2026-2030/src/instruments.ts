/**
 * Instruments (văn bản quy phạm pháp luật) encoded by the 2026–2030 khuyến công rule pack: Decree
 * 45/2012/NĐ-CP as amended by Decree 235/2025/NĐ-CP (in force 2025-10-15), the circulars that still
 * detail it and set the support levels (mức hỗ trợ), the Minister's decision approving the
 * 2026–2030 programme (Decision 2646/QĐ-BCT), and the acts of the 2025 reorganisation the pack's
 * location data rests on (Resolution 202/2025/QH15, Decision 19/2025/QĐ-TTg).
 *
 * Dates come from ../shared/legal: rules-2025-plus-notes.md (§A1, §B), rules-2018-2025-notes.md §5
 * and confirmations-followup.md. Where an effective date is unknown the instrument's `effective`
 * holds the best graded stand-in (the signing date, a lower bound) and {@link instrumentNotes}
 * says so; every citation of that instrument repeats it.
 *
 * Two 2026 circulars are reported but unseen (139/2026/TT-BTC, 66/2026/TT-BCT). They are *leads*,
 * graded unconfirmed: {@link leadInstruments} holds them, outside the pack's `instruments`, and no
 * parameter changes on them. A later version of the pack (or a reform) can make either replace a
 * parameter from its effective date by adding a value to the parameter's time series.
 *
 * @since 0.1.0
 */
import { LocalDate } from "@khuyencong/core"
import type { Citation } from "@khuyencong/core"
import {
  circular17,
  circular20,
  circular28,
  circular36,
  circular46,
  circular64,
  decree45,
  jointCircular26
} from "@khuyencong/rules-2021-2025"

type Instrument = Citation.Instrument

const d = LocalDate.makeOrThrow

/**
 * The instruments this pack shares with the 2021–2025 pack (Decree 45/2012, Circulars 46/2012,
 * 20/2017, 36/2013, 17/2018, 28/2018, 64/2024 and Joint Circular 26/2014) are encoded once, in
 * `@khuyencong/rules-2021-2025`, and re-exported here: the same instrument, the same dates.
 */
export { circular17, circular20, circular28, circular36, circular46, circular64, decree45, jointCircular26 }

/**
 * Decree 235/2025/NĐ-CP amending and supplementing some articles of Decree 45/2012/NĐ-CP. Signed
 * 2025-08-27 by Bùi Thanh Sơn, in force 2025-10-15 (rules-2025-plus-notes.md A1: luatvietnam
 * English copy for number, signer and date; baogialai.com.vn and vietnam.vn for the effective
 * date). Only Art. 1 cl. 1 points a–b (the new Art. 1.2 of Decree 45: beneficiaries) and the
 * preamble were read in the text; everything else is known from news summaries.
 * @example `decree235.effective` → `"2025-10-15"`
 * @category instruments
 * @since 0.1.0
 */
export const decree235: Instrument = {
  number: "235/2025/NĐ-CP",
  kind: "decree",
  issuer: "Government (Chính phủ)",
  title:
    "Amending and supplementing some articles of Decree 45/2012/NĐ-CP on khuyến công (Sửa đổi, bổ sung một số điều của Nghị định số 45/2012/NĐ-CP về khuyến công)",
  signed: d(2025, 8, 27),
  effective: d(2025, 10, 15),
  amends: ["45/2012/NĐ-CP"]
}

/**
 * Decision 2646/QĐ-BCT of the Minister of Industry and Trade approving the national khuyến công
 * programme 2026–2030. Signed 2025-09-23, in force on signing (rules-2025-plus-notes.md A1: the
 * decision's own text on hethongphapluat.vn, "có hiệu lực thi hành kể từ ngày ký ban hành").
 * Decree 235/2025 moved programme approval from the Prime Minister to the Ministry (S). Programme
 * body (targets, budget, sub-programmes): not seen (U); see {@link programme}.
 * @example `decision2646.effective` → `"2025-09-23"`
 * @category instruments
 * @since 0.1.0
 */
export const decision2646: Instrument = {
  number: "2646/QĐ-BCT",
  kind: "decision",
  issuer: "Minister of Industry and Trade (Bộ trưởng Bộ Công Thương)",
  title:
    "Approving the national khuyến công programme 2026–2030 (Phê duyệt Chương trình khuyến công quốc gia giai đoạn 2026 - 2030)",
  signed: d(2025, 9, 23),
  effective: d(2025, 9, 23)
}

/**
 * Resolution 202/2025/QH15 of the National Assembly on the reorganisation of provincial-level
 * administrative units (63 → 34). Adopted and in force 2025-06-12; the new provincial governments
 * operate from 2025-07-01 (rules-2025-plus-notes.md B1: luatvietnam, laodong).
 * @example `resolution202.effective` → `"2025-06-12"`
 * @category instruments
 * @since 0.1.0
 */
export const resolution202: Instrument = {
  number: "202/2025/QH15",
  kind: "resolution",
  issuer: "National Assembly (Quốc hội)",
  title: "On the reorganisation of provincial-level administrative units (Về việc sắp xếp đơn vị hành chính cấp tỉnh)",
  signed: d(2025, 6, 12),
  effective: d(2025, 6, 12)
}

/**
 * Decision 19/2025/QĐ-TTg promulgating the list and codes of administrative units (34 province
 * codes) applying from 2025-07-01 (rules-2025-plus-notes.md B2: thongtin.vietnam.vn, laodong; the
 * GSO letter 915/CTK-CSCL list is identical). Signing date not confirmed (30/06/2025 per a public
 * repository only), so `signed` is left out.
 * @example `decision19.effective` → `"2025-07-01"`
 * @category instruments
 * @since 0.1.0
 */
export const decision19: Instrument = {
  number: "19/2025/QĐ-TTg",
  kind: "decision",
  issuer: "Prime Minister (Thủ tướng Chính phủ)",
  title: "List and codes of Vietnamese administrative units (Bảng danh mục và mã số các đơn vị hành chính Việt Nam)",
  effective: d(2025, 7, 1)
}

/**
 * Decision 124/2004/QĐ-TTg on the list and codes of administrative units, as updated: the 63
 * province codes in force until 2025-06-30, and the rule that a merged province takes the code of
 * the province holding the People's Committee seat, the other code being closed for good
 * (rules-2025-plus-notes.md B2: thuvienphapluat archive). Signed 2004-07-08; its effective date
 * was not read, so `effective` holds the signing date as a lower bound.
 * @example `decision124.signed` → `"2004-07-08"`
 * @category instruments
 * @since 0.1.0
 */
export const decision124: Instrument = {
  number: "124/2004/QĐ-TTg",
  kind: "decision",
  issuer: "Prime Minister (Thủ tướng Chính phủ)",
  title: "List and codes of Vietnamese administrative units (Bảng danh mục và mã số các đơn vị hành chính Việt Nam)",
  signed: d(2004, 7, 8),
  effective: d(2004, 7, 8)
}

/**
 * Resolution 30/2026/QH16 establishing Đồng Nai as a centrally-run city (code 75 unchanged),
 * reported as issued 2026-04-14 and in force 2026-04-30. UNCONFIRMED: seen only in a public
 * repository's README and data, with portal headlines and a conflicting news item
 * (rules-2025-plus-notes.md B4; confirmations-followup.md C 8). Encoded in the administrative-unit
 * data and in `eligibility.location.central-cities`, graded unconfirmed.
 * @example `resolution30.effective` → `"2026-04-30"`
 * @category instruments
 * @since 0.1.0
 */
export const resolution30: Instrument = {
  number: "30/2026/QH16",
  kind: "resolution",
  issuer: "National Assembly (Quốc hội)",
  title: "Establishing Đồng Nai city (Thành lập thành phố Đồng Nai trực thuộc trung ương; reported title)",
  signed: d(2026, 4, 14),
  effective: d(2026, 4, 30)
}

/**
 * Every instrument a citation of the pack names, oldest first (the unconfirmed leads
 * 139/2026/TT-BTC and 66/2026/TT-BCT are not among them: see {@link leadInstruments}).
 * @example `instruments.map((i) => i.number)` → `["124/2004/QĐ-TTg", "45/2012/NĐ-CP", …]`
 * @category instruments
 * @since 0.1.0
 */
export const instruments: ReadonlyArray<Instrument> = [
  decision124,
  decree45,
  circular46,
  circular36,
  jointCircular26,
  circular20,
  circular28,
  circular17,
  circular64,
  resolution202,
  decision19,
  decree235,
  decision2646,
  resolution30
]

/**
 * Circular 139/2026/TT-BTC (Ministry of Finance), reported as dated 2026-09-25, on estimating,
 * managing, using and settling khuyến công funds, "adding spending contents and adjusting spending
 * and support levels". A LEAD, graded unconfirmed: known only from a public repository citing
 * notice 504/TB-CN of 2026-10-08, which says the original was not loaded; corroborated only
 * weakly (confirmations-followup.md C 5). If real it may replace Circular 28/2018 (and 64/2024)
 * from its effective date, which is unknown: `effective` holds the reported date as a lower bound.
 * No parameter of the pack changes on it.
 * @example `circular139.number` → `"139/2026/TT-BTC"`
 * @category instruments
 * @since 0.1.0
 */
export const circular139: Instrument = {
  number: "139/2026/TT-BTC",
  kind: "circular",
  issuer: "Ministry of Finance (Bộ Tài chính)",
  title:
    "Guiding the estimation, management, use and settlement of khuyến công funds (hướng dẫn lập, quản lý, sử dụng, quyết toán kinh phí khuyến công; reported, unseen)",
  signed: d(2026, 9, 25),
  effective: d(2026, 9, 25)
}

/**
 * Circular 66/2026/TT-BCT (Ministry of Industry and Trade), reported as dated 2026-10-06, on
 * building, implementing and managing the funds of the national khuyến công plan. A LEAD, graded
 * unconfirmed (same source as {@link circular139}). If real it may replace Circular 36/2013 (and
 * 17/2018): advance ratios and the plan calendar. Effective date unknown; `effective` holds the
 * reported date as a lower bound. No parameter of the pack changes on it.
 * @example `circular66.number` → `"66/2026/TT-BCT"`
 * @category instruments
 * @since 0.1.0
 */
export const circular66: Instrument = {
  number: "66/2026/TT-BCT",
  kind: "circular",
  issuer: "Ministry of Industry and Trade (Bộ Công Thương)",
  title:
    "On building plans, implementing and managing national khuyến công funds (quy định xây dựng kế hoạch, tổ chức thực hiện và quản lý kinh phí khuyến công quốc gia; reported, unseen)",
  signed: d(2026, 10, 6),
  effective: d(2026, 10, 6)
}

/**
 * The reported 2026 circulars, graded unconfirmed, outside the pack's `instruments`: nothing in the
 * pack cites them. They are here so that a caller (or a later pack version) can cite them when a
 * value from them is confirmed.
 * @example `leadInstruments.map((i) => i.number)` → `["139/2026/TT-BTC", "66/2026/TT-BCT"]`
 * @category instruments
 * @since 0.1.0
 */
export const leadInstruments: ReadonlyArray<Instrument> = [circular139, circular66]

/**
 * What is not confirmed about an instrument's own dates or content, by instrument number. The
 * `Instrument` model has no note field; these notes are repeated in the citations that use the
 * instrument and in SOURCES.md.
 * @example `instrumentNotes["139/2026/TT-BTC"]` → `"LEAD, unconfirmed (U): …"`
 * @category instruments
 * @since 0.1.0
 */
export const instrumentNotes: Readonly<Record<string, string>> = {
  "235/2025/NĐ-CP":
    "Number, signer and signing date read in the luatvietnam English copy (P); effective date 2025-10-15 from two news reports (S). Text read: preamble and Art. 1 cl. 1 points a–b only. Articles 4, 5, the priority rules, the transition clause and subject (c) of the new Art. 1.2 are known from news summaries only (rules-2025-plus-notes.md A2, UNCONFIRMED 1–2; confirmations-followup.md C 1–2).",
  "2646/QĐ-BCT":
    "Header, Arts 1–3 and the effective clause read (P); programme body (targets, sub-programmes, budget, priorities) not seen (U) (rules-2025-plus-notes.md UNCONFIRMED 3; confirmations-followup.md C 3).",
  "20/2017/TT-BCT":
    "Effective date unconfirmed (U); `effective` holds the signing date 2017-09-29 as a lower bound (rules-2018-2025-notes.md §5; confirmations-followup.md B 6.6b).",
  "17/2018/TT-BCT":
    "Effective date unconfirmed (U); `effective` holds the signing date 2018-07-10 as a lower bound (rules-2018-2025-notes.md §5; confirmations-followup.md B 6.6b).",
  "64/2024/TT-BTC":
    "Effective date and changed amounts unconfirmed (U); `effective` holds the signing date 2024-08-28 as a lower bound and no parameter changes on it (rules-2018-2025-notes.md §5; confirmations-followup.md B 6.6c, C 4).",
  "26/2014/TTLT-BTC-BCT":
    "Expired when Circular 28/2018/TT-BTC took effect (2018-05-11, S). Its Art. 6.2 figures are carried over, graded unconfirmed, for the Circular 28/2018 levels no source quotes — as in the 2021–2025 pack.",
  "19/2025/QĐ-TTg":
    "Applies from 2025-07-01 (S: thongtin.vietnam.vn, laodong); signing date 30/06/2025 seen only in a public repository README (U), so `signed` is left out (rules-2025-plus-notes.md B2, UNCONFIRMED 7).",
  "124/2004/QĐ-TTg":
    "Signing date and the code-reuse rule read on a legal-database copy (P, rules-2025-plus-notes.md B2); effective date not read: `effective` holds the signing date as a lower bound. The 63 code values come from GSO data as published in a public repository (dvhcvn v20250301).",
  "202/2025/QH15":
    "Art. 1 cl. 1–2 read (P); the full list of 23 mergers is cross-checked against the 60-NQ/TW transcription and laodong's list of the 11 unchanged units (rules-2025-plus-notes.md B1, B3).",
  "30/2026/QH16":
    "UNCONFIRMED (U): number, dates and content seen only in a public repository (thanglequoc/vietnamese-provinces-database README and data); portal headlines only; a 2026-03-11 news item frames the city as a goal for 2030 (rules-2025-plus-notes.md B4, UNCONFIRMED 8; confirmations-followup.md C 8).",
  "139/2026/TT-BTC":
    "LEAD, unconfirmed (U): reported through notice 504/TB-CN (2026-10-08) in a public repository that says the original was not loaded; effective date, content and what it replaces unknown. `effective` holds the reported date 2026-09-25 as a lower bound (confirmations-followup.md summary and C 5).",
  "66/2026/TT-BCT":
    "LEAD, unconfirmed (U): reported through notice 504/TB-CN (2026-10-08) in a public repository that says the original was not loaded; effective date, content and what it replaces unknown. `effective` holds the reported date 2026-10-06 as a lower bound (confirmations-followup.md summary and C 5)."
}
