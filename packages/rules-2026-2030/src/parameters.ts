/**
 * Parameters (tham số) of the 2026–2030 pack: national support levels (mức hỗ trợ khuyến công
 * quốc gia), management overhead (chi quản lý), the priority multiplier (mức ưu tiên), advance
 * ratios (tỷ lệ tạm ứng) and the carry-over of unspent funds (chuyển nguồn).
 *
 * No replacement of Circular 28/2018/TT-BTC (as amended by 64/2024/TT-BTC) or of Circular
 * 36/2013/TT-BCT (as amended by 17/2018/TT-BCT) is confirmed for this period, and Decree 235/2025
 * did not change the support levels as far as found (rules-2025-plus-notes.md A2). So every value
 * here is the value of the 2021–2025 pack, with the same citation and grade, applying from the day
 * it took effect (2018-05-11 for Circular 28/2018) and carrying the note {@link STILL_BASE}:
 * - `secondary` (S): a Q&A, news or summary page quotes the Circular 28/2018 clause;
 * - `provincial-copy` (L): only provincial texts copy the national figure;
 * - `unconfirmed` (U): no Circular 28/2018 source gives the figure; the value is the Joint Circular
 *   26/2014 one, cited at its article / clause / point, with the note {@link CARRIED_OVER}.
 *
 * The reported 139/2026/TT-BTC and 66/2026/TT-BCT are unconfirmed leads (instruments.ts): nothing
 * changes on them. When one is confirmed, a value is added to the parameter's time series from its
 * effective date (or a `Reform` overrides it for a what-if); no code changes.
 *
 * The values are not restated here: they are the 2021–2025 pack's parameters (one encoding of each
 * legal figure), mapped to add {@link STILL_BASE} to each citation's note and the notes read for
 * this period to its source. Only `funds.carry-over` gets its own note (Decree 235/2025 and Art. 14).
 *
 * Parameter ids: `support.<item>.rate` (share of eligible cost), `support.<item>.cap` (absolute cap
 * in đồng), `support.technology-line.multiple`, `overhead.*`, `priority.multiplier`,
 * `advance.<tier>.first`, `advance.<tier>.progress-threshold`, `advance.overall-ceiling`,
 * `funds.carry-over`.
 *
 * @since 0.1.0
 */
import { Parameter } from "@khuyencong/core"
import type { Citation, RulePack } from "@khuyencong/core"
import { levelParameters } from "@khuyencong/rules-2021-2025"
import { instruments } from "./instruments.js"

export { CARRIED_OVER, TT28_FROM } from "@khuyencong/rules-2021-2025"

/**
 * The note on every level of this pack taken from the 2021–2025 basis (Circular 28/2018 as amended,
 * Circular 36/2013 as amended): still the base after Decree 235/2025, the 2026 circulars being
 * unconfirmed leads.
 * @example `STILL_BASE.startsWith("Still the base")` → `true`
 * @category constants
 * @since 0.1.0
 */
export const STILL_BASE =
  "Still the base from 2025-10-15: Decree 235/2025/NĐ-CP did not change support levels as far as found, and no replacement circular is confirmed (the reported 139/2026/TT-BTC and 66/2026/TT-BCT are unconfirmed leads); same value and grade as the 2021–2025 pack"

const PLUS = "rules-2025-plus-notes.md A2 (support levels row); confirmations-followup.md C 5"

/** `note` followed by {@link STILL_BASE} as a sentence of its own (internal: activities.ts too). */
export const stillBase = (note: string | undefined): string =>
  note === undefined ? `${STILL_BASE}.` : `${note}${note.endsWith(".") ? "" : "."} ${STILL_BASE}.`

const byNumber = new Map(instruments.map((i) => [i.number, i]))

/** The citation with this pack's instrument of the same id (the texts are the same instruments). */
export const ownInstrument = (c: Citation.Citation): Citation.Citation => {
  const instrument = byNumber.get(c.instrument.number)
  if (instrument === undefined) throw new Error(`instrument ${c.instrument.number} is not in the 2026–2030 pack`)
  return { ...c, instrument }
}

/** What differs for this period, by parameter id: the whole note and source (default: {@link STILL_BASE} and PLUS added). */
const own: Readonly<Record<string, Pick<Citation.Citation, "note" | "source">>> = {
  "funds.carry-over": {
    note: "The decree sets no date or share: carry-over follows the budget rules in force ('theo quy định hiện hành'). Read in the codified text of Decree 45/2012; whether Decree 235/2025/NĐ-CP amended Art. 14 was not seen (only its Art. 1 cl. 1 points a–b were read). Same value and grade as the 2021–2025 pack.",
    source: "codification-khuyen-cong.md l.871; rules-2025-plus-notes.md UNCONFIRMED 1"
  }
}

const forThisPeriod = (id: string, c: Citation.Citation): Citation.Citation => {
  const base = ownInstrument(c)
  return {
    ...base,
    ...(own[id] ?? { note: stillBase(c.note), source: c.source === undefined ? PLUS : `${c.source}; ${PLUS}` })
  }
}

/**
 * Every parameter of this module, by id (support levels, overhead, priority multiplier, advance
 * ratios, funds): the 2021–2025 pack's, each citation carrying {@link STILL_BASE}. Eligibility
 * parameters live in eligibility.ts and are merged in index.ts.
 * @example `parameters["support.machinery.cap"]?.values[0]?.value` → `300000000n`
 * @category parameters
 * @since 0.1.0
 */
export const parameters: Readonly<Record<string, Parameter.Parameter<RulePack.ParameterValue>>> = Object.freeze(
  Object.fromEntries(
    Object.entries(levelParameters).map(([id, p]) => [
      id,
      Parameter.makeOrThrow<RulePack.ParameterValue>({
        ...p,
        values: p.values.map((v) => ({ ...v, citation: forThisPeriod(id, v.citation) }))
      })
    ])
  )
)
