/**
 * @khuyencong/rules-2026-2030: the khuyến công rule pack (bộ quy tắc) for decisions dated from
 * 2025-10-15 (Decree 235/2025/NĐ-CP in force, amending Decree 45/2012/NĐ-CP) and plan years
 * 2026–2030: the places, beneficiaries and industries of Decree 235 (the 34 provinces from
 * 2025-07-01 are core's `AdminUnits`), Circular 46/2012/TT-BCT, Circular 36/2013/TT-BCT as amended by 17/2018/TT-BCT,
 * Circular 28/2018/TT-BTC as amended by 64/2024/TT-BTC (levels unchanged, no replacement
 * confirmed), Decision 2646/QĐ-BCT (programme 2026–2030).
 *
 * The pack is a manifest over the corpus of the law (`@khuyencong/law`,
 * `corpus/packs/2026-2030.yaml`): every entry of the corpus in force on 2025-10-15, nothing copied.
 * When the reported Circulars 139/2026/TT-BTC and 66/2026/TT-BCT are confirmed, their values are new
 * dated values in the corpus, with no code change here.
 *
 * @example
 * ```ts
 * import { Pack } from "@khuyencong/core"
 * import { pack } from "@khuyencong/rules-2026-2030"
 * Pack.resolveOrThrow(Pack.loadOrThrow(pack), "2026-03-02").items["machinery.technology-line"]?.amount // 450000000n
 * ```
 * @since 0.1.0
 */
import { Corpus, Manifest } from "@khuyencong/core"
// Named so that the declarations of the exports below can refer to them.
import type { LocalDate, Overlay, RulePack } from "@khuyencong/core"

/**
 * The 2026–2030 pack as built from the corpus: `pack` (a definition: pass it to `Pack.load`),
 * `overlays` (none yet), the `manifest`, the corpus's `instrumentNotes` and `advanceAssignments`
 * (why each activity has its advance tier), and the period `notes`.
 * @example `pack.governs` → `{ decisions: { start: "2025-10-15", end: "2030-12-31" }, planYears: { from: 2026, to: 2030 } }`
 * @category pack
 * @since 0.1.0
 */
export const { pack, overlays, manifest, instrumentNotes, advanceAssignments, notes } = Manifest.buildOrThrow(Corpus.law(), "vn-khuyen-cong-2026-2030")

/**
 * The national programme 2026–2030 (Decision 2646/QĐ-BCT): no target is known.
 * @example `programme?.targets` → `[]`
 * @category programme
 * @since 0.1.0
 */
export const programme: Corpus.Programme | undefined = Corpus.law().programmes.find((p) => p.instrument.number === "2646/QĐ-BCT")

/**
 * Instruments reported but not seen (139/2026/TT-BTC, 66/2026/TT-BCT): leads, never a source of
 * figures.
 * @example `leadInstruments.map((i) => i.number)` → `["139/2026/TT-BTC", "66/2026/TT-BCT"]`
 * @category instruments
 * @since 0.1.0
 */
export const leadInstruments: ReadonlyArray<Corpus.InstrumentEntry> = [...Corpus.law().instruments.values()].filter((i) => i.status === "reported")
