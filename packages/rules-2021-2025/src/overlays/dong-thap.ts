/**
 * Provincial overlay (mức hỗ trợ khuyến công địa phương) for Đồng Tháp as it was before the
 * 2025-07-01 reorganisation (province code 87; since then part of the new Đồng Tháp, code 82,
 * with former Tiền Giang): People's Council Resolution 08/2024/NQ-HĐND on support for khuyến công
 * activities, in force 2024-07-11.
 *
 * Figures from rules-2018-2025-notes.md §1 rows 2b and 3 (l.49–50) and §2 (l.83), which read them in
 * a news report on the resolution (DT-2024, slyers.com mirror of congthuong.vn article 331398):
 * demonstration model ≤ 1,000 million VND; replicating an effective model 30 % ≤ 100 million VND;
 * cleaner-production pilot model 30 % ≤ 500 million VND; machinery ≤ 300 million VND per
 * establishment. The same article also shows 30 % for demonstration models, 50 % for machinery and
 * the 1.5 × technology-line rule; the notes do not quote those, so they are not set here (they equal
 * the national values anyway). General spending norms follow Circular 28/2018 Art. 7 (not encoded).
 *
 * Effective date: the congthuong.vn article (same id 331398 as DT-2024) says the rules take effect
 * "today, 11/7"; the page was stored on 2025-04-20, so the year is 2024. This date is not in the
 * notes yet: graded with the rest as `secondary`, and flagged in SOURCES.md.
 *
 * After the 2025-07-01 merger, code 87 no longer exists and whether the resolution still applies
 * in the former territory is not confirmed: the overlay ends on 2025-06-30.
 *
 * @since 0.1.0
 */
import type { Citation, Overlay } from "@khuyencong/core"
import { cite, day, rate } from "../internal/build.js"

/**
 * Đồng Tháp People's Council Resolution 08/2024/NQ-HĐND.
 * @example `dongThapResolution.effective` → `"2024-07-11"`
 * @category overlays
 * @since 0.1.0
 */
export const dongThapResolution: Citation.Instrument = {
  number: "08/2024/NQ-HĐND",
  kind: "resolution",
  issuer: "People's Council of Đồng Tháp province (Hội đồng nhân dân tỉnh Đồng Tháp)",
  title:
    "Support for khuyến công activities in Đồng Tháp province (Quy định về nội dung hỗ trợ cho hoạt động khuyến công trên địa bàn tỉnh Đồng Tháp)",
  effective: day(2024, 7, 11)
}

const SOURCE =
  "rules-2018-2025-notes.md §1 rows 2b–3 (l.49–50), §2 (l.83); confirmations-followup.md A 2b–3 (l.44–45); slyers.com/dong-thap-ap-dung-muc-chi-moi-cho-hoat-dong-khuyen-cong-331398.html = congthuong.vn/dong-thap-ap-dung-muc-chi-moi-cho-hoat-dong-khuyen-cong-331398.html (effective date)"

/**
 * The Đồng Tháp (code 87) overlay: demonstration model ≤ 1,000 million VND; replication 30 % ≤ 100
 * million VND; cleaner-production pilot 30 % ≤ 500 million VND; machinery ≤ 300 million VND. Every
 * figure equals the national one (the province copies it), so the overlay changes no number today;
 * it keeps Đồng Tháp's own levels if a national figure changes. In force 2024-07-11 … 2025-06-30.
 * @example `Overlay.applyOrThrow(pack, dongThap).layering?.province` → `"87"`
 * @category overlays
 * @since 0.1.0
 */
export const dongThap: Overlay.Overlay = {
  id: "dong-thap-08-2024",
  title: "Đồng Tháp (before the 2025 merger): People's Council Resolution 08/2024/NQ-HĐND on support for khuyến công activities",
  province: "87",
  citation: cite(dongThapResolution, {
    grade: "secondary",
    note: "Read in a news report on the resolution: demonstration model 'tối đa 30% chi phí nhưng không quá 1.000 triệu đồng/mô hình'; replicated model 'tối đa 30% chi phí nhưng không quá 100 triệu đồng/mô hình'; cleaner-production pilot 'tối đa 30% chi phí nhưng không quá 500 triệu đồng/mô hình'; machinery 'tối đa 50% chi phí nhưng không quá 300 triệu đồng/cơ sở'. Articles and signing date not seen. A provincial level for local-fund proposals, not the national one. Effective date 2024-07-11 from the same report ('có hiệu lực từ ngày hôm nay, ngày 11/7'; the page was stored on 2025-04-20, so the year is 2024); this date is not yet in ../shared/legal. Ends 2025-06-30: province code 87 ceased with the 2025-07-01 merger and whether the resolution still applies in the former territory is unconfirmed. Rates for demonstration models (30 %) and machinery (50 %) and the 1.5 × line rule are in the report but not in the notes, so they are not set.",
    source: SOURCE
  }),
  effective: { start: dongThapResolution.effective, end: day(2025, 6, 30) },
  operations: [
    { op: "lower", parameter: "support.demo-model.cap", value: 1_000_000_000n },
    { op: "lower", parameter: "support.model-replication.rate", value: rate(3n, 10n) },
    { op: "lower", parameter: "support.model-replication.cap", value: 100_000_000n },
    { op: "lower", parameter: "support.cleaner-production-model.rate", value: rate(3n, 10n) },
    { op: "lower", parameter: "support.cleaner-production-model.cap", value: 500_000_000n },
    { op: "lower", parameter: "support.machinery.cap", value: 300_000_000n }
  ]
}
