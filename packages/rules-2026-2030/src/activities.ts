/**
 * Activity catalogue (danh mục nội dung hoạt động khuyến công) of the 2026–2030 pack: each activity
 * of Decree 45/2012 Art. 4 that has a national support level, its spending items (nội dung chi) and
 * the cap rule of each item — the catalogue of the 2021–2025 pack, since the support levels did not
 * change (parameters.ts). Caps reference parameters by id, so overlays and reforms can replace them
 * and traces can cite them.
 *
 * The catalogue is not restated here: it is the 2021–2025 pack's (one encoding of each item), mapped
 * to add {@link STILL_BASE} to the note of each spending item and of each activity cited elsewhere
 * than Decree 45/2012, and the note `ART4_AMENDED` to each activity cited at Decree 45/2012 Art. 4.
 *
 * Decree 235/2025/NĐ-CP amended Art. 4: news reports (S) say it adds sustainable production and
 * consumption and digital transformation, and widens vocational training, demonstration models,
 * product development, artisans and industrial clusters with environmental treatment. The new
 * wording was not seen (rules-2025-plus-notes.md A2 and UNCONFIRMED 1) and no support level exists
 * for the new contents, so no activity is added for them; the activities below cite the codified
 * Art. 4, whose contents the amendment widens rather than removes as far as reported.
 *
 * Activities of Decree 45 Art. 4 with no figure in the notes are not in the catalogue (vocational
 * training, training and conferences, international cooperation, capacity building: their
 * spending follows the general norms of Circular 28/2018 Art. 7, not seen). Showrooms are a fundable
 * activity (S) with no cap anywhere: the activity is listed with no spending item. See SOURCES.md.
 *
 * @since 0.1.0
 */
import type { Citation, RulePack } from "@khuyencong/core"
import { activities as activities2021 } from "@khuyencong/rules-2021-2025"
import { decree45 } from "./instruments.js"
import { ownInstrument, stillBase } from "./parameters.js"

export { advanceAssignments } from "@khuyencong/rules-2021-2025"

/** The note on each activity cited at Decree 45/2012 Art. 4: the amended wording was not seen. */
const ART4_AMENDED =
  "Read in the codified Art. 4 of Decree 45/2012; Decree 235/2025/NĐ-CP amended Art. 4 (news, S: it adds contents such as sustainable production and digital transformation), whose new wording was not seen (rules-2025-plus-notes.md A2, UNCONFIRMED 1)."

/** An activity's citation for this period. */
const activityCitation = (c: Citation.Citation): Citation.Citation => {
  const base = ownInstrument(c)
  if (c.instrument.number !== decree45.number) return { ...base, note: stillBase(c.note) }
  if (c.note !== undefined) return { ...base, note: `${c.note} ${ART4_AMENDED}` }
  const { source, ...rest } = base
  const a2 = "rules-2025-plus-notes.md A2"
  return { ...rest, note: ART4_AMENDED, source: source === undefined ? a2 : `${source}; ${a2}` }
}

/**
 * The activity catalogue, in the order of rules-2018-2025-notes.md §1: the 2021–2025 pack's, with
 * the notes of this period.
 * @example `activities.map((a) => a.code)` → `["enterprise-setup", "demo-model", "cleaner-production-model", "machinery", …]`
 * @category activities
 * @since 0.1.0
 */
export const activities: ReadonlyArray<RulePack.Activity> = activities2021.map((a) => ({
  ...a,
  citation: activityCitation(a.citation),
  items: a.items.map((i) => ({ ...i, citation: { ...ownInstrument(i.citation), note: stillBase(i.citation.note) } }))
}))
