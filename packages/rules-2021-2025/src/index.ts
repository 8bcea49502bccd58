/**
 * @khuyencong/rules-2021-2025: the khuyến công rule pack (bộ quy tắc) for decisions dated
 * 2018-05-11 (Circular 28/2018/TT-BTC in force) … 2025-10-14 (the day before Decree 235/2025/NĐ-CP
 * amended Decree 45/2012) and plan years 2021–2025: Decree 45/2012/NĐ-CP; Circular 46/2012/TT-BCT
 * as amended by 20/2017/TT-BCT; Circular 36/2013/TT-BCT as amended by 17/2018/TT-BCT; Circular
 * 28/2018/TT-BTC as amended by 64/2024/TT-BTC (levels from 2018-05-11; the Joint Circular 26/2014
 * levels no source quotes for it carried over, unconfirmed); Decision 1881/QĐ-TTg. With the Lai
 * Châu (NQ 18/2025/NQ-HĐND) and Đồng Tháp (NQ 08/2024/NQ-HĐND) overlays.
 *
 * The pack is a manifest over the corpus of the law (`@khuyencong/law`,
 * `corpus/packs/2021-2025.yaml`): every entry of the corpus in force on 2018-05-11, nothing copied.
 *
 * @example
 * ```ts
 * import { Pack } from "@khuyencong/core"
 * import { pack } from "@khuyencong/rules-2021-2025"
 * Pack.resolveOrThrow(Pack.loadOrThrow(pack), "2023-06-30").items["machinery.technology-line"]?.amount // 450000000n
 * ```
 * @since 0.1.0
 */
import { Corpus, Manifest } from "@khuyencong/core"
// LocalDate and RulePack are named so that the declarations of the exports below can refer to them.
import type { Citation, LocalDate, Overlay, RulePack } from "@khuyencong/core"

/**
 * The 2021–2025 pack as built from the corpus: `pack` (a definition: pass it to `Pack.load`),
 * `overlays` (Lai Châu, Đồng Tháp: apply one at a time with `Overlay.apply`), the `manifest`, the
 * corpus's `instrumentNotes` and `advanceAssignments` (why each activity has its advance tier),
 * the resolution of each overlay (`overlayInstruments`) and the period `notes`.
 * @example `overlays.map((o) => o.id)` → `["lai-chau-18-2025", "dong-thap-08-2024"]`
 * @category pack
 * @since 0.1.0
 */
export const { pack, overlays, manifest, instrumentNotes, advanceAssignments, overlayInstruments, notes } = Manifest.buildOrThrow(
  Corpus.law(),
  "vn-khuyen-cong-2021-2025"
)

/**
 * Lai Châu's own levels (NQ 18/2025/NQ-HĐND, in force 2025-05-05) for its local-fund proposals.
 * @example `laiChau.province` → `"12"`
 * @category overlays
 * @since 0.1.0
 */
export const laiChau: Overlay.Overlay = overlays[0] as Overlay.Overlay

/**
 * Đồng Tháp's own levels (NQ 08/2024/NQ-HĐND, 2024-07-11 … 2025-06-30) for its local-fund proposals.
 * @example `dongThap.province` → `"87"`
 * @category overlays
 * @since 0.1.0
 */
export const dongThap: Overlay.Overlay = overlays[1] as Overlay.Overlay

/**
 * Lai Châu People's Council Resolution 18/2025/NQ-HĐND.
 * @example `laiChauResolution.effective` → `"2025-05-05"`
 * @category overlays
 * @since 0.1.0
 */
export const laiChauResolution: Citation.Instrument = overlayInstruments["lai-chau-18-2025"] as Citation.Instrument

/**
 * Đồng Tháp People's Council Resolution 08/2024/NQ-HĐND.
 * @example `dongThapResolution.number` → `"08/2024/NQ-HĐND"`
 * @category overlays
 * @since 0.1.0
 */
export const dongThapResolution: Citation.Instrument = overlayInstruments["dong-thap-08-2024"] as Citation.Instrument
