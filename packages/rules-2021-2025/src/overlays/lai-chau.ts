/**
 * Provincial overlay (mức hỗ trợ khuyến công địa phương) for Lai Châu (province code 12, unchanged
 * by the 2025 reorganisation): People's Council Resolution 18/2025/NQ-HĐND, adopted 2025-04-22, in
 * force 2025-05-05, setting Lai Châu's own levels for local-fund (khuyến công địa phương) projects.
 *
 * Figures from confirmations-followup.md (B 6.5b, l.68; summary l.34), read there in a news report
 * quoting the resolution (langngheviet.com.vn …-33823.html): demonstration model up to 500 million
 * VND per model, "equivalent to 30 %" of total cost; machinery at most 50 % and 300 million VND per
 * establishment; technology line up to 450 million VND per establishment. The line figure is
 * 1.5 × the machinery cap, which the national multiple already gives, so the overlay does not set
 * it. Graded `secondary` (seen through news); the article numbers of the resolution were not seen.
 *
 * Not encoded: "100 % of booth rental for fairs trong t…" (the excerpt is cut; the scope is unknown).
 *
 * @since 0.1.0
 */
import type { Citation, Overlay } from "@khuyencong/core"
import { cite, day, rate } from "../internal/build.js"

/**
 * Lai Châu People's Council Resolution 18/2025/NQ-HĐND.
 * @example `laiChauResolution.effective` → `"2025-05-05"`
 * @category overlays
 * @since 0.1.0
 */
export const laiChauResolution: Citation.Instrument = {
  number: "18/2025/NQ-HĐND",
  kind: "resolution",
  issuer: "People's Council of Lai Châu province (Hội đồng nhân dân tỉnh Lai Châu)",
  title:
    "Detailed levels of spending on local khuyến công activities in Lai Châu province (khung chi tiết mức chi hoạt động khuyến công; exact title not seen)",
  signed: day(2025, 4, 22),
  effective: day(2025, 5, 5)
}

const SOURCE =
  "confirmations-followup.md B 6.5b (l.68), summary (l.34); langngheviet.com.vn/lai-chau-day-manh-khuyen-cong-va-phat-trien-cong-nghiep-che-bien-theo-huong-ben-vung-33823.html"

/**
 * The Lai Châu overlay: demonstration model 30 % ≤ 500 million VND per model; machinery 50 % ≤ 300
 * million VND per establishment (technology line 1.5 × = 450 million VND through the national
 * multiple). In force from 2025-05-05, with no end date known.
 * @example `Overlay.applyOrThrow(pack, laiChau)` → a layered pack whose demo-model cap is 500000000n from 2025-05-05
 * @category overlays
 * @since 0.1.0
 */
export const laiChau: Overlay.Overlay = {
  id: "lai-chau-18-2025",
  title: "Lai Châu: People's Council Resolution 18/2025/NQ-HĐND on local khuyến công spending levels",
  province: "12",
  citation: cite(laiChauResolution, {
    grade: "secondary",
    note: "Read in a news report quoting the resolution ('Các mô hình trình diễn kỹ thuật được hỗ trợ tới 500 triệu đồng/mô hình, tương đương 30% tổng chi phí'; 'Hỗ trợ tối đa 50% chi phí đầu tư máy móc, tối đa 300 triệu đồng/cơ sở; dây chuyền công nghệ được hỗ trợ lên tới 450 triệu đồng/cơ sở'); articles not seen. A provincial level for local-fund proposals, not the national one. Adopted 2025-04-22, used as the signing date. Not set: the technology line (450 million = 1.5 × 300 million, the national multiple) and '100 % of booth rental for fairs trong t…' (excerpt cut, scope unknown).",
    source: SOURCE
  }),
  effective: { start: laiChauResolution.effective },
  operations: [
    { op: "lower", parameter: "support.demo-model.rate", value: rate(3n, 10n) },
    { op: "lower", parameter: "support.demo-model.cap", value: 500_000_000n },
    { op: "lower", parameter: "support.machinery.rate", value: rate(1n, 2n) },
    { op: "lower", parameter: "support.machinery.cap", value: 300_000_000n }
  ]
}
