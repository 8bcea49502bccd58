/**
 * Citation (căn cứ pháp lý): where a figure or rule comes from: the legal instrument (văn bản),
 * its article (Điều), clause (khoản) and point (điểm), and how sure we are of it (the grade).
 *
 * @example
 * ```ts
 * import { Citation } from "@khuyencong/core"
 * const c: Citation.Citation = {
 *   instrument: { number: "28/2018/TT-BTC", kind: "circular", issuer: "Ministry of Finance (Bộ Tài chính)",
 *     title: "Funds for khuyến công", effective: "2018-05-11" as LocalDate.LocalDate },
 *   article: "4", clause: "1", point: "a", grade: "secondary"
 * }
 * Citation.format(c)   // "Circular 28/2018/TT-BTC, art. 4, cl. 1, pt. a (secondary)"
 * Citation.formatVi(c) // "điểm a khoản 1 Điều 4 Thông tư 28/2018/TT-BTC"
 * ```
 * @since 0.1.0
 * @module
 */
import * as Schema from "effect/Schema"
import * as Decode from "./Decode.js"
import { ValidationError, type Issue as ValidationIssue } from "./Errors.js"
import { schema as LocalDateSchema, type LocalDate } from "./LocalDate.js"
import { err, ok, type Result } from "./Result.js"

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

// ---------------------------------------------------------------------------------------------
// Grades
// ---------------------------------------------------------------------------------------------

/**
 * Every grade, from the most to the least certain.
 * @example `grades[0]` → `"primary"`
 * @category constants
 * @since 0.1.0
 */
export const grades: ReadonlyArray<Grade> = ["primary", "secondary", "provincial-copy", "unconfirmed"] as const satisfies ReadonlyArray<Grade>

/**
 * Every instrument kind.
 * @example `instrumentKinds.includes("circular")` → `true`
 * @category constants
 * @since 0.1.0
 */
export const instrumentKinds: ReadonlyArray<InstrumentKind> = [
  "law",
  "decree",
  "decision",
  "circular",
  "joint-circular",
  "resolution",
  "official-letter",
  "other"
]

const gradeRank: { readonly [G in Grade]: number } = {
  primary: 3,
  secondary: 2,
  "provincial-copy": 1,
  unconfirmed: 0
}

const gradeLabels: { readonly [G in Grade]: { readonly en: string; readonly vi: string } } = {
  primary: { en: "primary", vi: "văn bản gốc" },
  secondary: { en: "secondary", vi: "nguồn thứ cấp" },
  "provincial-copy": { en: "provincial copy", vi: "chỉ thấy trong văn bản của tỉnh" },
  unconfirmed: { en: "unconfirmed", vi: "chưa xác nhận" }
}

/**
 * Whether a value is one of the four grades.
 * @example `isGrade("secondary")` → `true`; `isGrade("S")` → `false`
 * @category guards
 * @since 0.1.0
 */
export const isGrade = (u: unknown): u is Grade => typeof u === "string" && Object.hasOwn(gradeRank, u)

/**
 * Whether a value is one of the instrument kinds.
 * @example `isInstrumentKind("circular")` → `true`
 * @category guards
 * @since 0.1.0
 */
export const isInstrumentKind = (u: unknown): u is InstrumentKind =>
  typeof u === "string" && (instrumentKinds as ReadonlyArray<string>).includes(u)

/**
 * A short label for a grade, in English (default) or Vietnamese.
 * @example `gradeLabel("provincial-copy")` → `"provincial copy"`; `gradeLabel("unconfirmed", "vi")` → `"chưa xác nhận"`
 * @category formatting
 * @since 0.1.0
 */
export const gradeLabel = (grade: Grade, lang: "en" | "vi" = "en"): string => gradeLabels[grade][lang]

/**
 * Whether a figure with this grade may be presented as settled law: `primary` and `secondary`
 * are; `provincial-copy` and `unconfirmed` are usable but must be flagged in every explanation.
 * @example `isSettled("secondary")` → `true`; `isSettled("provincial-copy")` → `false`
 * @category predicates
 * @since 0.1.0
 */
export const isSettled = (grade: Grade): boolean => gradeRank[grade] >= 2

/**
 * Order grades by certainty: positive when `a` is more certain than `b`, negative when less, `0`
 * when equal (`primary > secondary > provincial-copy > unconfirmed`). Sorting ascending puts the
 * weakest first.
 * @example `compareGrade("primary", "secondary")` → `1`; `compareGrade("unconfirmed", "provincial-copy")` → `-1`
 * @category comparison
 * @since 0.1.0
 */
export const compareGrade = (a: Grade, b: Grade): -1 | 0 | 1 => {
  const d = gradeRank[a] - gradeRank[b]
  return d > 0 ? 1 : d < 0 ? -1 : 0
}

/**
 * The least certain of some grades: a figure computed from several sources is only as sure as
 * its weakest one. `primary` for no grades.
 * @example `weakestGrade(["primary", "unconfirmed", "secondary"])` → `"unconfirmed"`
 * @category comparison
 * @since 0.1.0
 */
export const weakestGrade = (gs: Iterable<Grade>): Grade => {
  let weakest: Grade = "primary"
  for (const g of gs) if (gradeRank[g] < gradeRank[weakest]) weakest = g
  return weakest
}

// ---------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------

const kindEn: { readonly [K in InstrumentKind]: string } = {
  law: "Law",
  decree: "Decree",
  decision: "Decision",
  circular: "Circular",
  "joint-circular": "Joint Circular",
  resolution: "Resolution",
  "official-letter": "Official Letter",
  other: ""
}

const kindVi: { readonly [K in InstrumentKind]: string } = {
  law: "Luật",
  decree: "Nghị định",
  decision: "Quyết định",
  circular: "Thông tư",
  "joint-circular": "Thông tư liên tịch",
  resolution: "Nghị quyết",
  "official-letter": "Công văn",
  other: "Văn bản"
}

/**
 * The instrument's kind and number in English, e.g. `Circular 28/2018/TT-BTC`; for kind `other`
 * just the number.
 * @example `formatInstrument(tt28)` → `"Circular 28/2018/TT-BTC"`
 * @category formatting
 * @since 0.1.0
 */
export const formatInstrument = (i: Instrument): string => {
  const k = kindEn[i.kind]
  return k === "" ? i.number : k + " " + i.number
}

/**
 * The instrument's kind and number in Vietnamese, e.g. `Thông tư 28/2018/TT-BTC`.
 * @example `formatInstrumentVi(tt28)` → `"Thông tư 28/2018/TT-BTC"`
 * @category formatting
 * @since 0.1.0
 */
export const formatInstrumentVi = (i: Instrument): string => kindVi[i.kind] + " " + i.number

/**
 * English citation: instrument, article, clause, point and grade.
 * @example `format(c)` → `"Circular 28/2018/TT-BTC, art. 4, cl. 1, pt. a (secondary)"`
 * @category formatting
 * @since 0.1.0
 */
export const format = (c: Citation): string => {
  let s = formatInstrument(c.instrument)
  if (c.article !== undefined) s += ", art. " + c.article
  if (c.clause !== undefined) s += ", cl. " + c.clause
  if (c.point !== undefined) s += ", pt. " + c.point
  return s + " (" + gradeLabel(c.grade) + ")"
}

/**
 * Vietnamese citation, from the smallest unit to the instrument as Vietnamese texts write it.
 * The grade is not part of a Vietnamese legal reference; show it with
 * `gradeLabel(c.grade, "vi")` where it matters.
 * @example `formatVi(c)` → `"điểm a khoản 1 Điều 4 Thông tư 28/2018/TT-BTC"`
 * @category formatting
 * @since 0.1.0
 */
export const formatVi = (c: Citation): string => {
  const parts: Array<string> = []
  if (c.point !== undefined) parts.push("điểm " + c.point)
  if (c.clause !== undefined) parts.push("khoản " + c.clause)
  if (c.article !== undefined) parts.push("Điều " + c.article)
  parts.push(formatInstrumentVi(c.instrument))
  return parts.join(" ")
}

// ---------------------------------------------------------------------------------------------
// Schemas and validation
// ---------------------------------------------------------------------------------------------

const GRADES = ["primary", "secondary", "provincial-copy", "unconfirmed"] as const satisfies ReadonlyArray<Grade>
const KINDS = ["law", "decree", "decision", "circular", "joint-circular", "resolution", "official-letter", "other"] as const satisfies ReadonlyArray<InstrumentKind>

/**
 * Effect Schema for a grade (a string literal).
 * @example `Schema.is(Citation.gradeSchema)("unconfirmed")` → `true`
 * @category schemas
 * @since 0.1.0
 */
export const gradeSchema = Schema.Literals(GRADES)

/**
 * Effect Schema for an instrument kind (a string literal).
 * @example `Schema.is(Citation.instrumentKindSchema)("decree")` → `true`
 * @category schemas
 * @since 0.1.0
 */
export const instrumentKindSchema = Schema.Literals(KINDS)

const day = (label: string, missing?: string) =>
  Decode.field(LocalDateSchema, {
    code: "citation/invalid-date",
    ...(missing === undefined ? {} : { missing }),
    label,
    expects: "must be a YYYY-MM-DD date (ngày) that exists"
  })

const text = (label: string) => Decode.field(Schema.String, { code: "citation/invalid-field", label, expects: "must be a text" })

const numbers = (label: string) => Decode.field(Schema.Array(Schema.String), { code: "citation/invalid-field", label, expects: "must be a list of instrument numbers" })

/**
 * Effect Schema for an instrument; encoded as the same plain JSON object (dates as ISO strings).
 * `number` must not be blank; `expired`, when present, must not be before `effective`. Each
 * problem has its code (`citation/missing-instrument-number`, `citation/invalid-instrument-kind`,
 * `citation/missing-effective-date`, `citation/invalid-date`, `citation/expired-before-effective`,
 * `citation/invalid-field`), wherever the instrument sits.
 * @example `Schema.is(Citation.instrumentSchema)({ number: "", kind: "circular", issuer: "", title: "", effective: "2018-05-11" })` → `false`
 * @category schemas
 * @since 0.1.0
 */
export const instrumentSchema = Schema.Struct({
  number: Decode.field(Decode.text, {
    code: "citation/missing-instrument-number",
    label: "instrument number (số hiệu văn bản)",
    expects: "must be non-blank text such as 28/2018/TT-BTC"
  }),
  kind: Decode.field(instrumentKindSchema, { code: "citation/invalid-instrument-kind", label: "instrument kind (loại văn bản)", expects: `must be one of ${KINDS.join(", ")}` }),
  issuer: text("issuer (cơ quan ban hành)"),
  title: text("instrument title (trích yếu)"),
  signed: Schema.optionalKey(day("signing date (ngày ký)")),
  effective: day("effective date (ngày có hiệu lực)", "citation/missing-effective-date"),
  expired: Schema.optionalKey(day("expiry date (ngày hết hiệu lực)")),
  amends: Schema.optionalKey(numbers("instruments amended (văn bản được sửa đổi, bổ sung)")),
  replaces: Schema.optionalKey(numbers("instruments replaced (văn bản bị thay thế)"))
})
  .annotate({
    identifier: "Instrument",
    [Decode.fieldAnnotation]: {
      code: "citation/missing-instrument",
      label: "instrument (văn bản)",
      expects: "must be an object with its number, kind, issuer, title and effective date"
    }
  })
  .check(
    Decode.check<{ readonly effective: string; readonly expired?: string }>(
      "citation/expired-before-effective",
      (i) => (i.expired === undefined || i.expired >= i.effective ? undefined : `instrument (văn bản) expired on ${i.expired}, before it took effect on ${i.effective}`),
      "an expiry not before the effective date",
      ["expired"]
    )
  )

const grade = (missing: string) =>
  Decode.field(gradeSchema, {
    code: "citation/invalid-grade",
    missing,
    label: "grade of the citation (mức độ xác thực)",
    expects: `must be one of ${GRADES.join(", ")}`
  })

const citationSchema = (missingGrade: string) =>
  Schema.Struct({
    instrument: Decode.field(instrumentSchema, {
      code: "citation/missing-instrument",
      label: "instrument (văn bản)",
      expects: "must be an object with its number, kind, issuer, title and effective date"
    }),
    grade: grade(missingGrade),
    article: Schema.optionalKey(text("article (Điều)")),
    clause: Schema.optionalKey(text("clause (khoản)")),
    point: Schema.optionalKey(text("point (điểm)")),
    note: Schema.optionalKey(text("note (ghi chú)")),
    source: Schema.optionalKey(text("source (nguồn)"))
  }).annotate({
    [Decode.fieldAnnotation]: { code: "citation/not-an-object", label: "citation (căn cứ pháp lý)", expects: "must be an object with an instrument and a grade" }
  })

/**
 * Effect Schema for a citation; encoded as the same plain JSON object. Each problem has the code
 * {@link validate} documents, wherever the citation sits (a pack, an overlay, a parameter).
 * @example `Schema.decodeUnknownSync(Citation.schema)(JSON.parse(JSON.stringify(c)))` → `c`
 * @category schemas
 * @since 0.1.0
 */
export const schema = citationSchema("citation/missing-grade")

/**
 * {@link schema} where an absent grade has another code: a parameter value reports
 * `parameter/missing-grade` (`Parameter.make`).
 * @example `Decode.problems(Citation.schemaMissingGrade("parameter/missing-grade"), { instrument })[0]?.code` → `"parameter/missing-grade"`
 * @internal
 */
export const schemaMissingGrade = (code: string): typeof schema => citationSchema(code)

/**
 * A citation as data files write it (the corpus of `@khuyencong/law`): the instrument by its
 * number, resolved to its entry when the data is read (see {@link fromRef}).
 * @category models
 * @since 0.2.0
 */
export interface Ref extends Omit<Citation, "instrument"> {
  /** The instrument's number (số hiệu), e.g. `"28/2018/TT-BTC"`. */
  readonly instrument: string
}

/**
 * Effect Schema for a {@link Ref}: every text non-blank, the grade one of {@link grades}.
 * @example `Schema.is(Citation.refSchema)({ instrument: "28/2018/TT-BTC", article: "8", grade: "secondary" })` → `true`
 * @category schemas
 * @since 0.2.0
 */
export const refSchema = Schema.Struct({
  instrument: Decode.text,
  article: Schema.optionalKey(Decode.text),
  clause: Schema.optionalKey(Decode.text),
  point: Schema.optionalKey(Decode.text),
  grade: gradeSchema,
  note: Schema.optionalKey(Decode.text),
  source: Schema.optionalKey(Decode.text)
})

/**
 * The citation a {@link Ref} stands for, given the instrument its number names.
 * @example `fromRef({ instrument: "28/2018/TT-BTC", article: "8", grade: "secondary" }, tt28)` → `{ instrument: tt28, grade: "secondary", article: "8" }`
 * @category constructors
 * @since 0.2.0
 */
export const fromRef = (ref: Ref, instrument: Instrument): Citation => {
  const out: { -readonly [K in keyof Citation]: Citation[K] } = { instrument, grade: ref.grade }
  if (ref.article !== undefined) out.article = ref.article
  if (ref.clause !== undefined) out.clause = ref.clause
  if (ref.point !== undefined) out.point = ref.point
  if (ref.note !== undefined) out.note = ref.note
  if (ref.source !== undefined) out.source = ref.source
  return out
}

/**
 * Check that a value is a complete citation ({@link schema}), reporting every problem with its
 * path (not only the first). Codes: `citation/not-an-object`, `citation/missing-instrument`,
 * `citation/missing-instrument-number`, `citation/invalid-instrument-kind`,
 * `citation/missing-effective-date`, `citation/invalid-date`, `citation/expired-before-effective`,
 * `citation/missing-grade`, `citation/invalid-grade`, `citation/invalid-field`.
 * @example `validate({ instrument: tt28, grade: "secondary" })` → `ok(...)`; without `grade` → error `citation/missing-grade`
 * @category validation
 * @since 0.1.0
 */
export const validate = (u: unknown): Result<Citation, ValidationError> => {
  const issues = Decode.problems(schema, u)
  if (issues.length === 0) return ok(u as Citation)
  const first = issues[0] as ValidationIssue
  return err(
    new ValidationError({
      code: first.code,
      path: first.path,
      message: issues.length === 1 ? first.message : `${first.message} (and ${issues.length - 1} more problem(s))`,
      issues
    })
  )
}
