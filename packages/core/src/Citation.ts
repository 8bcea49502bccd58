/**
 * Citation (căn cứ pháp lý): where a figure or rule comes from: the legal instrument (văn bản),
 * its article (Điều), clause (khoản) and point (điểm), and how sure we are of it (the grade).
 *
 * @since 0.1.0
 */
import type { LocalDate } from "./LocalDate.js"

/**
 * How sure the project is of a figure, as graded in ../shared/legal:
 * - `primary`: read in the primary legal text (P);
 * - `secondary`: a secondary source quoting the clause (S);
 * - `provincial-copy`: seen only in a provincial regulation copying the national figure (L);
 * - `unconfirmed`: not confirmed (U); usable, always flagged in explanations.
 * @category models
 * @since 0.1.0
 */
export type Grade = "primary" | "secondary" | "provincial-copy" | "unconfirmed"

/**
 * Kind of legal instrument (loại văn bản).
 * @category models
 * @since 0.1.0
 */
export type InstrumentKind =
  | "law" // Luật
  | "decree" // Nghị định (NĐ-CP)
  | "decision" // Quyết định (QĐ-TTg, QĐ-BCT, QĐ-UBND)
  | "circular" // Thông tư (TT-BCT, TT-BTC)
  | "joint-circular" // Thông tư liên tịch (TTLT)
  | "resolution" // Nghị quyết (NQ-HĐND)
  | "official-letter" // Công văn
  | "other"

/**
 * A legal instrument (văn bản quy phạm pháp luật).
 * @category models
 * @since 0.1.0
 */
export interface Instrument {
  /** Official number, e.g. `28/2018/TT-BTC`, `45/2012/NĐ-CP`. */
  readonly number: string
  readonly kind: InstrumentKind
  /** Issuing body, e.g. `Ministry of Finance (Bộ Tài chính)`. */
  readonly issuer: string
  /** Short title in English, optionally followed by the Vietnamese title. */
  readonly title: string
  readonly signed?: LocalDate
  readonly effective: LocalDate
  /** Date it stopped applying, when known (exclusive of later amendments it does not survive). */
  readonly expired?: LocalDate
  /** Numbers of the instruments it amends (sửa đổi, bổ sung). */
  readonly amends?: ReadonlyArray<string>
  /** Numbers of the instruments it replaces (thay thế). */
  readonly replaces?: ReadonlyArray<string>
}

/**
 * A citation: instrument, article / clause / point, grade, and an optional note saying what is
 * and is not confirmed (e.g. "carried over from Joint Circular 26/2014, not confirmed for 28/2018").
 * @category models
 * @since 0.1.0
 */
export interface Citation {
  readonly instrument: Instrument
  /** Article (Điều), e.g. `"4"`. */
  readonly article?: string
  /** Clause (khoản), e.g. `"1"`. */
  readonly clause?: string
  /** Point (điểm), e.g. `"a"` or `"đ"`. */
  readonly point?: string
  readonly grade: Grade
  readonly note?: string
  /** Where in ../shared/legal (or a provincial gazette) the figure was read. */
  readonly source?: string
}
