/**
 * The national khuyến công programme 2026–2030 (Chương trình khuyến công quốc gia giai đoạn
 * 2026–2030), approved by Decision 2646/QĐ-BCT of the Minister of Industry and Trade on 2025-09-23,
 * in force on signing. Decree 235/2025/NĐ-CP moved the approval of the national programme from the
 * Prime Minister (2021–2025: Decision 1881/QĐ-TTg) to the Ministry (rules-2025-plus-notes.md A1–A2).
 *
 * The notes give no target, budget or sub-programme of the decision: only its header, Arts 1–3 and
 * its effective clause were read (rules-2025-plus-notes.md UNCONFIRMED 3; confirmations-followup.md
 * C 3). {@link programme} therefore lists no target; nothing is invented to fill it.
 *
 * @since 0.1.0
 */
import type { Citation } from "@khuyencong/core"
import { cite } from "./internal/build.js"
import { decision2646 } from "./instruments.js"

/**
 * A programme target (chỉ tiêu), for when one is confirmed: what, how many, with its citation.
 * @category models
 * @since 0.1.0
 */
export interface Target {
  readonly id: string
  readonly description: string
  readonly quantity: number
  readonly unit: string
  readonly citation: Citation.Citation
}

/**
 * A national khuyến công programme: the approving instrument, its plan years, and its targets.
 * @category models
 * @since 0.1.0
 */
export interface Programme {
  readonly instrument: Citation.Instrument
  readonly planYears: { readonly from: number; readonly to: number }
  /** Who approved it (cơ quan phê duyệt). */
  readonly approvedBy: string
  readonly citation: Citation.Citation
  /** Confirmed targets; empty while none is known. */
  readonly targets: ReadonlyArray<Target>
  /** What is known and not known about the programme body. */
  readonly note: string
}

/**
 * The programme 2026–2030. No target is known: `targets` is empty.
 * @example `programme.instrument.number` → `"2646/QĐ-BCT"`; `programme.targets` → `[]`
 * @category programme
 * @since 0.1.0
 */
export const programme: Programme = {
  instrument: decision2646,
  planYears: { from: 2026, to: 2030 },
  approvedBy: "Minister of Industry and Trade (Bộ trưởng Bộ Công Thương)",
  citation: cite(decision2646, {
    article: "1",
    grade: "primary",
    note: "Header, Arts 1–3 and 'Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành' read on hethongphapluat.vn; it cites Decree 45/2012 and Decree 235/2025. Art. 1 approves the programme; its body (targets, sub-programmes, budget, priorities) was not seen (U). 2026 is the programme's first year, and national projects go to the Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công for approval (S, Bắc Ninh 2026 report).",
    source: "rules-2025-plus-notes.md A1, UNCONFIRMED 3; confirmations-followup.md C 3; hethongphapluat.vn/quyet-dinh-2646-qd-bct-nam-2025-…; thuonghieucongluan.com.vn/bac-ninh-trien-khai-thuc-hien-ke-hoach-khuyen-cong-quoc-gia-nam-2026-a308785.html"
  }),
  targets: [],
  note: "No target, budget or sub-programme of Decision 2646/QĐ-BCT is in the notes (U). The 2021–2025 programme (Decision 1881/QĐ-TTg) had targets such as 350 trademarks and 340 demonstration models; they are not carried over."
}
