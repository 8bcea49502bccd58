/**
 * @khuyencong/rules-2014-2018: the khuyến công rule pack (bộ quy tắc) for decisions dated
 * 2014-04-08 (Joint Circular 26/2014/TTLT-BTC-BCT in force) … 2018-05-10 (the day before Circular
 * 28/2018/TT-BTC replaced it) and plan years 2014–2018: Decree 45/2012/NĐ-CP, Circular
 * 46/2012/TT-BCT and Circular 36/2013/TT-BCT as first issued, Joint Circular 26/2014 (support
 * levels, conditions, advance ceiling), Decision 1288/QĐ-TTg. Every figure is read in the primary
 * text.
 *
 * The pack is a manifest over the corpus of the law (`@khuyencong/law`,
 * `corpus/packs/2014-2018.yaml`): every entry of the corpus in force on 2014-04-08, nothing copied.
 *
 * @example
 * ```ts
 * import { Pack } from "@khuyencong/core"
 * import { pack } from "@khuyencong/rules-2014-2018"
 * Pack.resolveOrThrow(Pack.loadOrThrow(pack), "2016-06-30").items["machinery.equipment"]?.amount // 200000000n
 * ```
 * @since 0.1.0
 */
import { Corpus, Manifest } from "@khuyencong/core"
// Named so that the declarations of the exports below can refer to them.
import type { LocalDate, Overlay, RulePack } from "@khuyencong/core"

/**
 * The 2014–2018 pack as built from the corpus: `pack` (a definition: pass it to `Pack.load`),
 * `overlays` (none), the `manifest`, the corpus's `instrumentNotes` and `advanceAssignments` (why
 * each activity has its advance tier), and the period `notes`.
 * @example `pack.governs.decisions` → `{ start: "2014-04-08", end: "2018-05-10" }`
 * @category pack
 * @since 0.1.0
 */
export const { pack, overlays, manifest, instrumentNotes, advanceAssignments, notes } = Manifest.buildOrThrow(Corpus.law(), "vn-khuyen-cong-2014-2018")
