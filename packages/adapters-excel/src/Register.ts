/**
 * Register (biểu tổng hợp đề án): the summary table of proposals a province or the ministry keeps
 * in a spreadsheet, one proposal (đề án) per row, mapped to {@link Proposal.Proposal}s.
 *
 * The mapping works on a plain grid of {@link Cell.CellValue}s, whatever the source: exceljs
 * ({@link Xlsx.readRegister}), CSV ({@link Csv.readRegister}) or rows from any other spreadsheet
 * library ({@link read}, or {@link reader} to push rows one at a time).
 *
 * **Header.** The header row (dòng tiêu đề) is found among the first rows (default 30) by its
 * Vietnamese labels, ignoring accents, case, line breaks, punctuation and extra spaces; a header
 * of two rows (a merged parent such as "Kinh phí (triệu đồng)" over "Tổng số", "KC hỗ trợ",
 * "Đối ứng") is recognised too. Title rows, notes and a column-numbering row ("(1) (2) (3) …")
 * around it are ignored. Default labels follow the ministry's summary form ({@link defaultLabels});
 * a caller may map any field to a header label or a column letter ({@link Options.columns}).
 *
 * **Fields** of a row, and how each becomes part of a proposal:
 * | field | default label | in the proposal |
 * |---|---|---|
 * | `stt` | STT | (only to recognise group and subtotal rows) |
 * | `id` | Mã đề án | `id`; without the column: `idPrefix` + row number (`row-7`) |
 * | `title` * | Tên đề án | `title` |
 * | `activity` * | Nội dung hoạt động | `activities[0].activity`: a code or Vietnamese name of the catalogue passed |
 * | `item` | Mã nội dung chi | `activities[0].costLines[0].item`; without it, the activity code |
 * | `form` | Hình thức | `form.kind` (Đơn lẻ, Nhóm, Thí điểm/Điểm, Nhiệm vụ); blank: `group` with ≥ 2 beneficiaries, else `single` |
 * | `implementingUnit` * | Đơn vị thực hiện | `implementingUnit.name` |
 * | `implementingUnitCode` | Mã đơn vị thực hiện | `implementingUnit.code` |
 * | `beneficiaries` | Đơn vị thụ hưởng | `beneficiaries` (ids separated by `;` or line breaks); a group's `form.beneficiaryIds` |
 * | `location` | Địa điểm | `locations`: `02`, `02 - Hà Giang`, `Hà Giang`, `xã Minh Ngọc, huyện Bắc Mê, tỉnh Hà Giang`; several separated by `;` |
 * | `duration` or `start` + `end` * | Thời gian thực hiện / Thời gian bắt đầu, Thời gian kết thúc | `duration` |
 * | `total` * | Tổng kinh phí | the cost line's `total` (and `unitCost`, quantity 1) |
 * | `requestedSupport` * | Kinh phí khuyến công hỗ trợ | `requestedSupport` |
 * | `counterpartFunding` | Kinh phí đối ứng | `counterpartFunding`; blank or `-` = 0; without the column: total − support − other |
 * | `otherStateFunding` | Nguồn ngân sách khác | `otherStateFunding`; blank = absent |
 * | `fund` * | Nguồn kinh phí | `fund` (Quốc gia/KCQG → `national`, Địa phương/KCĐP → `local`), or `defaults.fund` |
 * | `planYear` * | Năm kế hoạch | `planYear`, or `defaults.planYear` |
 * | `approvalDate` | Ngày phê duyệt | `approvalDate` |
 *
 * (* required: the column must exist, or a default be given for `fund` / `planYear`.)
 *
 * **Values.** Amounts typed as numbers, as text with dots (`1.500.000.000`), with unit words
 * (`1,5 tỷ`), or in a column whose header names its unit (`Tổng kinh phí (triệu đồng)`: 1,35 →
 * 1.350.000 đ exactly; a fraction of a đồng is an error), also from a sheet note "Đơn vị tính:
 * triệu đồng" above the header. Dates as text (`30/06/2024`, ISO), date cells (their calendar
 * date, no time-zone shift) or Excel serial numbers (1900 system with the Lotus leap-year bug;
 * only within the plan years 2000–2100, so a typed year is not mistaken for a date). Text:
 * surrounding spaces trimmed, a number in a text column read as its text, a date or boolean
 * where text belongs refused.
 *
 * **Rows skipped** (listed in `skipped`, never silently): subtotal rows ("Tổng cộng", "Cộng",
 * "Tổng số", "Trong đó"), group rows (STT in roman numerals "I", "II" or a capital letter "A"),
 * headings (only a title, nothing else), the column-numbering row; blank rows are skipped
 * without a record.
 *
 * **Problems** are all reported at once, each with sheet, row, column letter and header and the
 * raw value (see {@link Issues.ImportIssue}): `import/empty-required`, `import/bad-amount`,
 * `import/fractional-dong`, `import/bad-date`, `import/bad-value`, `import/unknown-activity`,
 * `import/duplicate-row`, `import/duplicate-id`, then the Proposal validator's own issues on the
 * cell their field came from. Valid rows still come through (`error.partial`).
 *
 * @example
 * ```ts
 * import { Register } from "@khuyencong/adapters-excel"
 * const r = Register.read(
 *   [
 *     ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian thực hiện", "Tổng kinh phí (triệu đồng)", "Kinh phí khuyến công hỗ trợ (triệu đồng)", "Kinh phí đối ứng (triệu đồng)"],
 *     [1, "Hỗ trợ máy sao chè", "machinery", "Trung tâm Khuyến công Hà Giang", "tháng 3 - 11/2024", 1500, 300, 1200]
 *   ],
 *   { activities: [{ code: "machinery", nameVi: "Ứng dụng máy móc thiết bị" }], defaults: { fund: "local", planYear: 2024 } }
 * )
 * // r.ok → r.value.proposals[0].activities[0].costLines[0].total === 1500000000n
 * ```
 * @since 0.1.0
 */
import { createHash } from "node:crypto"
import { Errors, LocalDate, Money, Proposal, Result } from "@khuyencong/core"
import { type CellValue, type DateSystem, isBlank, isErrorValue, isFormula, valueOf } from "./Cell.js"
import type { ImportError, ImportIssue } from "./Issues.js"
import { importError, issueAt, type Place } from "./internal/issues.js"
import { type AmountRead, type Unit, readAmount, unitName, unitOfText } from "./internal/amount.js"
import { readDate, readPeriod } from "./internal/dates.js"
import {
  AMOUNT_FIELDS,
  type ColumnRef,
  DEFAULT_LABELS,
  detect,
  type Field as HeaderField,
  FIELDS,
  type Header,
  makeSpec,
  type Mapped,
  type Merge,
  parseMerge,
  type Spec
} from "./internal/header.js"
import { provinceByName } from "./internal/provinces.js"
import { fold, foldCached, squash, trimText } from "./internal/text.js"

// ---------------------------------------------------------------------------------------------
// Models

/**
 * A register field a column maps to (see the table in the module header).
 * @category models
 * @since 0.1.0
 * @example `const f: Register.Field = "requestedSupport"`
 */
export type Field = HeaderField

/**
 * Every register field, in the order of the ministry's summary form.
 * @category models
 * @since 0.1.0
 * @example `Register.fields.includes("title")` → `true`
 */
export const fields: ReadonlyArray<Field> = FIELDS

/**
 * The header labels recognised for each field by default (matched without accents, case,
 * punctuation or extra spaces; the first is the one written on export).
 * @category models
 * @since 0.1.0
 * @example `Register.defaultLabels.total[0]` → `"Tổng kinh phí"`
 */
export const defaultLabels: { readonly [F in Field]: ReadonlyArray<string> } = DEFAULT_LABELS

/**
 * An activity (nội dung hoạt động) of the catalogue a register's activity cells are checked
 * against: a cell may hold the code or any name (Vietnamese or English, or an alias), matched
 * without accents or case. `RulePack.Activity` fits.
 * @category models
 * @since 0.1.0
 * @example `const a: Register.ActivityEntry = { code: "machinery", nameVi: "Ứng dụng máy móc thiết bị tiên tiến …", aliases: ["Máy móc thiết bị"] }`
 */
export interface ActivityEntry {
  readonly code: string
  readonly nameVi?: string
  readonly name?: string
  readonly aliases?: ReadonlyArray<string>
}

/**
 * Unit of an amount column, as its Vietnamese name.
 * @category models
 * @since 0.1.0
 * @example `const u: Register.AmountUnit = "triệu đồng"`
 */
export type AmountUnit = "đồng" | "nghìn đồng" | "triệu đồng" | "tỷ đồng"

/**
 * A location (địa điểm) of a proposal.
 * @category models
 * @since 0.1.0
 * @example `const l: Register.Location = { provinceCode: "02", provinceName: "Hà Giang" }`
 */
export type Location = Proposal.Proposal["locations"][number]

/**
 * Options of a register import.
 * @category models
 * @since 0.1.0
 * @example `const o: Register.Options = { activities: pack.activities, defaults: { planYear: 2024 }, columns: { title: "Tên dự án" } }`
 */
export interface Options {
  /** The activity catalogue (e.g. a rule pack's `activities`). */
  readonly activities: ReadonlyArray<ActivityEntry>
  /** Map fields to a header label (`"Tên dự án"`) or a column (`{ column: "C" }`); overrides the defaults for those fields. */
  readonly columns?: { readonly [F in Field]?: ColumnRef }
  /** Unit of amount columns, overriding the header and sheet notes. */
  readonly units?: { readonly [F in "total" | "requestedSupport" | "counterpartFunding" | "otherStateFunding"]?: AmountUnit }
  /** Values for rows whose sheet has no such column (or whose cell is blank). */
  readonly defaults?: { readonly fund?: "national" | "local"; readonly planYear?: number }
  /** 1-based row of the header (its first row), to skip the search. */
  readonly headerRow?: number
  /** Whether the header has one or two rows, to skip the guess. */
  readonly headerRows?: 1 | 2
  /** How many rows at the top to search for the header (default 30). */
  readonly headerSearchRows?: number
  /** Prefix of generated ids when there is no id column (default `"row-"`: `row-7`). */
  readonly idPrefix?: string
  /** Date system of serial dates (default `"1900"`; xlsx files say which they use). */
  readonly dateSystem?: DateSystem
  /** Most rows read from a sheet before giving up with `import/too-many-rows` (default 1.000.000). */
  readonly maxRows?: number
  /** Most issues listed; the rest are counted in one `import/too-many-issues` (default 10.000). */
  readonly maxIssues?: number
  /** Called with each valid proposal as it is read (streaming use). */
  readonly onProposal?: (entry: Entry) => void
  /** Whether to keep the proposals in the result (default `true`; `false` with `onProposal` keeps memory flat). */
  readonly collect?: boolean
  /** Read a location cell yourself: return the locations or a message saying what is wrong. */
  readonly location?: (text: string, start: LocalDate.LocalDate | undefined) => Result.Result<ReadonlyArray<Location>, string>
}

/**
 * A valid proposal and the row it came from.
 * @category models
 * @since 0.1.0
 * @example `// { row: 7, proposal: { id: "row-7", title: "Hỗ trợ máy sao chè", … } }`
 */
export interface Entry {
  readonly row: number
  readonly proposal: Proposal.Proposal
}

/**
 * A row skipped on purpose, with why.
 * @category models
 * @since 0.1.0
 * @example `// { row: 12, reason: "subtotal", text: "Tổng cộng" }`
 */
export interface Skipped {
  readonly row: number
  readonly reason: "subtotal" | "group" | "heading" | "numbering"
  readonly text: string
}

/**
 * A column as mapped.
 * @category models
 * @since 0.1.0
 * @example `// { field: "total", column: "H", header: "Kinh phí (triệu đồng) / Tổng số", unit: "triệu đồng" }`
 */
export interface Column {
  readonly field: Field
  readonly column: string
  readonly header: string
  readonly unit: string | undefined
}

/**
 * What an import read.
 * @category models
 * @since 0.1.0
 * @example `r.value.proposals.length` → `106`
 */
export interface Register {
  readonly sheet: string | undefined
  /** 1-based row of the (first) header row. */
  readonly headerRow: number
  readonly columns: ReadonlyArray<Column>
  /** Valid proposals in sheet order (empty when `collect: false`). */
  readonly proposals: ReadonlyArray<Proposal.Proposal>
  readonly entries: ReadonlyArray<Entry>
  readonly skipped: ReadonlyArray<Skipped>
  /** Rows read below the header (blank ones included). */
  readonly rowsRead: number
}

/**
 * One register row as plain values: what a summary table can say about a proposal, and what the
 * plan export writes (see {@link toProposal} and {@link rowOf}).
 * @category models
 * @since 0.1.0
 * @example
 * ```ts
 * const row: Register.Row = {
 *   id: "HG-2024-01", title: "Hỗ trợ máy sao chè Shan tuyết", fund: "national", form: "group", activity: "machinery",
 *   implementingUnit: "Trung tâm Khuyến công - Xúc tiến Công Thương Hà Giang", beneficiaries: ["cs-01", "cs-02", "cs-03"],
 *   locations: [{ provinceCode: "02", provinceName: "Hà Giang" }], planYear: 2023,
 *   start: LocalDate.parseOrThrow("2023-03-01"), end: LocalDate.parseOrThrow("2023-11-30"),
 *   total: Money.make(1_800_000_000n), requestedSupport: Money.make(900_000_000n), counterpartFunding: Money.make(900_000_000n)
 * }
 * ```
 */
export interface Row {
  readonly id: string
  readonly title: string
  readonly fund: "national" | "local"
  readonly form: "single" | "group" | "pilot" | "task"
  readonly activity: string
  readonly item?: string
  readonly implementingUnit: string
  readonly implementingUnitCode?: string
  readonly beneficiaries: ReadonlyArray<string>
  readonly locations: ReadonlyArray<Location>
  readonly planYear: number
  readonly start: LocalDate.LocalDate
  readonly end: LocalDate.LocalDate
  readonly approvalDate?: LocalDate.LocalDate
  readonly total: Money.Money
  readonly requestedSupport: Money.Money
  readonly counterpartFunding: Money.Money
  readonly otherStateFunding?: Money.Money
}

// ---------------------------------------------------------------------------------------------
// Rows ⇄ proposals

/** The Proposal JSON of register values (money as digit strings, quantity 1). */
const encodedOf = (r: {
  readonly id?: string | undefined
  readonly title?: string | undefined
  readonly fund?: string | undefined
  readonly form?: string | undefined
  readonly activity?: string | undefined
  readonly item?: string | undefined
  readonly implementingUnit?: string | undefined
  readonly implementingUnitCode?: string | undefined
  readonly beneficiaries?: ReadonlyArray<string> | undefined
  readonly locations?: ReadonlyArray<unknown> | undefined
  readonly planYear?: number | undefined
  readonly start?: string | undefined
  readonly end?: string | undefined
  readonly approvalDate?: string | undefined
  readonly total?: bigint | undefined
  readonly requestedSupport?: bigint | undefined
  readonly counterpartFunding?: bigint | undefined
  readonly otherStateFunding?: bigint | undefined
}): Record<string, unknown> => {
  const o: Record<string, unknown> = {}
  if (r.id !== undefined) o["id"] = r.id
  if (r.title !== undefined) o["title"] = r.title
  if (r.fund !== undefined) o["fund"] = r.fund
  if (r.form !== undefined) o["form"] = r.form === "group" ? { kind: "group", beneficiaryIds: [...(r.beneficiaries ?? [])] } : { kind: r.form }
  const line: Record<string, unknown> = { quantity: 1 }
  const item = r.item ?? r.activity
  if (item !== undefined) line["item"] = item
  if (r.total !== undefined) {
    line["unitCost"] = r.total.toString()
    line["total"] = r.total.toString()
  }
  if (r.requestedSupport !== undefined) line["requestedSupport"] = r.requestedSupport.toString()
  if (r.counterpartFunding !== undefined) line["counterpartFunding"] = r.counterpartFunding.toString()
  if (r.otherStateFunding !== undefined) line["otherStateFunding"] = r.otherStateFunding.toString()
  const activity: Record<string, unknown> = { costLines: [line] }
  if (r.activity !== undefined) activity["activity"] = r.activity
  o["activities"] = [activity]
  if (r.implementingUnit !== undefined) {
    o["implementingUnit"] = r.implementingUnitCode === undefined ? { name: r.implementingUnit } : { name: r.implementingUnit, code: r.implementingUnitCode }
  }
  if (r.beneficiaries !== undefined) o["beneficiaries"] = [...r.beneficiaries]
  if (r.locations !== undefined) o["locations"] = [...r.locations]
  if (r.planYear !== undefined) o["planYear"] = r.planYear
  if (r.start !== undefined || r.end !== undefined) {
    const d: Record<string, unknown> = {}
    if (r.start !== undefined) d["start"] = r.start
    if (r.end !== undefined) d["end"] = r.end
    o["duration"] = d
  }
  if (r.approvalDate !== undefined) o["approvalDate"] = r.approvalDate
  return o
}

/**
 * The proposal a register row describes: one activity with one cost line (quantity 1, unit
 * cost = total), checked by `Proposal.decode`.
 * @category conversions
 * @since 0.1.0
 * @example `Register.toProposal(row)` → `{ ok: true, value: { id: "HG-2024-01", activities: [{ activity: "machinery", costLines: [{ item: "machinery", quantity: 1, total: 1800000000n, … }] }], … } }`
 */
export const toProposal = (row: Row): Result.Result<Proposal.Proposal, Errors.ValidationError> => Proposal.decode(encodedOf(row))

/**
 * The register row of a proposal with exactly one activity (nội dung hoạt động): its cost lines
 * are summed (a register row is a summary; quantities and unit costs are not kept), the item is
 * kept when there is one line, commune codes of locations are not kept. A proposal with several
 * activities has no single row: `ValidationError` `register/several-activities`.
 * @category conversions
 * @since 0.1.0
 * @example `Register.rowOf(proposal)` → `{ ok: true, value: { id: "HG-2024-01", total: 1800000000n, … } }`
 */
export const rowOf = (p: Proposal.Proposal): Result.Result<Row, Errors.ValidationError> => {
  const a = p.activities[0]
  if (p.activities.length !== 1 || a === undefined) {
    const message = `proposal (đề án) "${p.id}" has ${p.activities.length} activities (nội dung hoạt động); a register row holds one`
    return Result.err(
      new Errors.ValidationError({
        code: "register/several-activities",
        path: ["activities"],
        message,
        issues: [{ code: "register/several-activities", path: ["activities"], message, actual: p.activities.length }]
      })
    )
  }
  const lines = a.costLines
  const others = lines.filter((l) => l.otherStateFunding !== undefined)
  const first = lines[0]
  const row: { -readonly [K in keyof Row]: Row[K] } = {
    id: p.id,
    title: p.title,
    fund: p.fund,
    form: p.form.kind,
    activity: a.activity,
    implementingUnit: p.implementingUnit.name,
    beneficiaries: p.beneficiaries,
    locations: p.locations.map((l) => {
      if (l.commune?.code === undefined) return l
      const { code: _code, ...commune } = l.commune
      return { ...l, commune }
    }),
    planYear: p.planYear,
    start: p.duration.start,
    end: p.duration.end,
    total: Money.sum(lines.map((l) => l.total)),
    requestedSupport: Money.sum(lines.map((l) => l.requestedSupport)),
    counterpartFunding: Money.sum(lines.map((l) => l.counterpartFunding))
  }
  if (lines.length === 1 && first !== undefined && first.item !== a.activity) row.item = first.item
  if (p.implementingUnit.code !== undefined) row.implementingUnitCode = p.implementingUnit.code
  if (p.approvalDate !== undefined) row.approvalDate = p.approvalDate
  if (others.length > 0) row.otherStateFunding = Money.sum(others.map((l) => l.otherStateFunding ?? Money.zero))
  return Result.ok(row)
}

const COMMUNE_PREFIX: { readonly [K in "commune" | "ward" | "township" | "special-zone"]: string } = {
  commune: "xã",
  ward: "phường",
  township: "thị trấn",
  "special-zone": "đặc khu"
}

/**
 * The text of locations for a location cell, readable back by the import:
 * `xã Minh Ngọc, huyện Bắc Mê, 02 - Hà Giang; 08 - Tuyên Quang`.
 * @category conversions
 * @since 0.1.0
 * @example `Register.formatLocations([{ provinceCode: "02", provinceName: "Hà Giang" }])` → `"02 - Hà Giang"`
 */
export const formatLocations = (locations: ReadonlyArray<Location>): string =>
  locations
    .map((l) => {
      const parts: Array<string> = []
      if (l.commune !== undefined) parts.push(`${COMMUNE_PREFIX[l.commune.kind]} ${l.commune.name}`)
      if (l.district !== undefined) parts.push(l.district)
      parts.push(l.provinceName === undefined ? l.provinceCode : `${l.provinceCode} - ${l.provinceName}`)
      return parts.join(", ")
    })
    .join("; ")

/**
 * Vietnamese name of a fund as written on export.
 * @category conversions
 * @since 0.1.0
 * @example `Register.fundLabel("national")` → `"Quốc gia"`
 */
export const fundLabel = (fund: "national" | "local"): string => (fund === "national" ? "Quốc gia" : "Địa phương")

/**
 * Vietnamese name of a proposal form as written on export.
 * @category conversions
 * @since 0.1.0
 * @example `Register.formLabel("group")` → `"Nhóm"`
 */
export const formLabel = (form: Row["form"]): string =>
  form === "single" ? "Đơn lẻ" : form === "group" ? "Nhóm" : form === "pilot" ? "Thí điểm" : "Nhiệm vụ"

// ---------------------------------------------------------------------------------------------
// Reading values

const FUNDS = new Map<string, "national" | "local">([
  ["quoc gia", "national"],
  ["kcqg", "national"],
  ["khuyen cong quoc gia", "national"],
  ["kinh phi khuyen cong quoc gia", "national"],
  ["qg", "national"],
  ["national", "national"],
  ["trung uong", "national"],
  ["tw", "national"],
  ["ngan sach trung uong", "national"],
  ["dia phuong", "local"],
  ["kcdp", "local"],
  ["khuyen cong dia phuong", "local"],
  ["kinh phi khuyen cong dia phuong", "local"],
  ["dp", "local"],
  ["local", "local"],
  ["tinh", "local"],
  ["ngan sach dia phuong", "local"],
  ["ngan sach tinh", "local"]
])

const FORMS = new Map<string, Row["form"]>([
  ["don le", "single"],
  ["de an don le", "single"],
  ["single", "single"],
  ["nhom", "group"],
  ["de an nhom", "group"],
  ["group", "group"],
  ["thi diem", "pilot"],
  ["diem", "pilot"],
  ["de an diem", "pilot"],
  ["de an thi diem", "pilot"],
  ["pilot", "pilot"],
  ["nhiem vu", "task"],
  ["nhiem vu khuyen cong", "task"],
  ["task", "task"]
])

const COMMUNE_KINDS: ReadonlyArray<readonly [RegExp, "commune" | "ward" | "township" | "special-zone"]> = [
  [/^(?:xã)\s+(.+)$/iu, "commune"],
  [/^(?:phường)\s+(.+)$/iu, "ward"],
  [/^(?:thị trấn|tt\.?)\s+(.+)$/iu, "township"],
  [/^(?:đặc khu)\s+(.+)$/iu, "special-zone"]
]
const DISTRICT = /^(?:huyện|quận|thị xã|thành phố|tp\.?)\s+\S/iu

type Read<A> = { readonly ok: true; readonly value: A } | { readonly ok: false; readonly code: string; readonly detail: string }

/** The shown value of a cell, failing for error values and formulas without a cached result. */
const shownValue = (raw: CellValue): Read<string | number | boolean | Date | null> => {
  if (isFormula(raw)) {
    if (raw.result === undefined || raw.result === null)
      return { ok: false, code: "import/no-cached-value", detail: `the formula =${raw.formula} has no computed value in the file; open and save it in a spreadsheet program` }
    if (isErrorValue(raw.result)) return { ok: false, code: "import/cell-error", detail: `the cell shows the error ${raw.result.error}` }
    return { ok: true, value: raw.result }
  }
  return { ok: true, value: raw }
}

/** Text of a cell, trimmed; numbers as JavaScript writes them; dates and booleans refused. */
const readText = (raw: CellValue, what: string): Read<string> => {
  const s = shownValue(raw)
  if (!s.ok) return s
  const v = s.value
  if (typeof v === "string") return { ok: true, value: trimText(v.normalize("NFC")) }
  if (typeof v === "number" && Number.isFinite(v)) return { ok: true, value: String(v) }
  return { ok: false, code: "import/bad-value", detail: `${what} must be text, not ${v instanceof Date ? "a date" : String(v)}` }
}

const splitList = (s: string): Array<string> =>
  s
    .split(/[;\n\r]+/)
    .map((x) => trimText(x))
    .filter((x) => x !== "")

const readLocation = (part: string, start: LocalDate.LocalDate | undefined): Read<Location> => {
  const pieces = part.split(",").map((x) => trimText(x)).filter((x) => x !== "")
  const provinceText = pieces.pop() ?? ""
  let provinceCode: string
  let provinceName: string | undefined
  const coded = /^(\d{2})(?:\s*[-–:]\s*(.+))?$/u.exec(provinceText)
  if (coded !== null) {
    provinceCode = coded[1] ?? ""
    const typed = coded[2] === undefined ? undefined : trimText(coded[2])
    if (typed !== undefined) {
      const named = provinceByName(typed, start)
      if (named.ok && named.value.code !== provinceCode)
        return { ok: false, code: "import/bad-value", detail: `the province code ${provinceCode} does not match the province (tỉnh) "${typed}", whose code is ${named.value.code}${start === undefined ? "" : ` on ${LocalDate.formatVi(start)}`}` }
      provinceName = typed
    }
  } else {
    const named = provinceByName(provinceText, start)
    if (!named.ok) return { ok: false, code: "import/bad-value", detail: named.detail }
    provinceCode = named.value.code
    provinceName = named.value.name
  }
  const loc: { -readonly [K in keyof Location]: Location[K] } = { provinceCode }
  if (provinceName !== undefined) loc.provinceName = provinceName
  const district = pieces.length > 0 && DISTRICT.test(pieces[pieces.length - 1] ?? "") ? pieces.pop() : undefined
  if (district !== undefined) loc.district = district
  const communeText = pieces.pop()
  if (communeText !== undefined) {
    const kind = COMMUNE_KINDS.find(([re]) => re.test(communeText))
    if (kind === undefined)
      return {
        ok: false,
        code: "import/bad-value",
        detail: `"${communeText}" is not a commune-level unit (xã, phường, thị trấn, đặc khu)${district === undefined ? " or a district (huyện, quận, thị xã, thành phố)" : ""}; a location reads "[xã …,] [huyện …,] tỉnh …" or a province code`
      }
    loc.commune = { name: trimText(kind[0].exec(communeText)?.[1] ?? ""), kind: kind[1] }
  }
  if (pieces.length > 0)
    return {
      ok: false,
      code: "import/bad-value",
      detail: `"${pieces.join(", ")}" is more than a location holds; a location reads "[xã …,] [huyện …,] tỉnh …" (a village or street is not kept)`
    }
  return { ok: true, value: loc }
}

/** What each field is, for messages. */
const LABEL: { readonly [F in Field]: string } = {
  stt: "the row number (STT)",
  id: "the proposal id (mã đề án)",
  title: "the title (tên đề án)",
  activity: "the activity (nội dung hoạt động)",
  item: "the spending item (nội dung chi)",
  form: "the form (hình thức đề án)",
  implementingUnit: "the implementing unit (đơn vị thực hiện)",
  implementingUnitCode: "the implementing unit code (mã đơn vị thực hiện)",
  beneficiaries: "the beneficiaries (đơn vị thụ hưởng)",
  location: "the location (địa điểm)",
  duration: "the implementation period (thời gian thực hiện)",
  start: "the start date (thời gian bắt đầu)",
  end: "the end date (thời gian kết thúc)",
  total: "the total cost (tổng kinh phí)",
  requestedSupport: "the khuyến công support (kinh phí khuyến công hỗ trợ)",
  counterpartFunding: "the counterpart funding (kinh phí đối ứng)",
  otherStateFunding: "other state funding (nguồn ngân sách khác)",
  fund: "the fund (nguồn kinh phí)",
  planYear: "the plan year (năm kế hoạch)",
  approvalDate: "the approval date (ngày phê duyệt)"
}

// ---------------------------------------------------------------------------------------------
// Row classification

const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})[.)]?$/
const LETTER = /^[A-Z][.)]?$/
const SUBTOTAL = /^(?:tong|tong cong(?:\s.*)?|tong so(?:\s.*)?|cong|cong\s+(?:[ivxlc]+|[a-z]|nhom|muc|phan|loai)(?:\s.*)?|trong do(?:\s.*)?)$/
const NUMBERING = /^\(?\s*(?:\d{1,2}|[A-Za-z]|\d{1,2}\s*[=+\-x*/]\s*[\d\s()+\-x*/=]+)\s*\)?$/

const textOf = (v: CellValue | undefined): string => {
  const s = valueOf(v)
  if (typeof s === "string") return squash(s)
  if (typeof s === "number") return String(s)
  return ""
}

// ---------------------------------------------------------------------------------------------
// The reader

/**
 * A register reader fed one row at a time (for streaming sources and other spreadsheet
 * libraries). `push` returns `false` once reading should stop (a fatal problem or the row
 * limit); `end` gives the result.
 * @category reading
 * @since 0.1.0
 * @example
 * ```ts
 * const rd = Register.reader({ activities }, { sheet: "Biểu 01" })
 * for (const [i, cells] of rows.entries()) if (!rd.push(cells, i + 1)) break
 * const r = rd.end()
 * ```
 */
export interface Reader {
  /** Feed the cells of a row (column A first) and its 1-based row number (default: the next one). */
  push(cells: ReadonlyArray<CellValue>, rowNumber?: number): boolean
  /** Finish: the register, or every problem found. */
  end(): Result.Result<Register, ImportError<Register>>
  /** Whether the header has been found (a sheet without one can be passed over). */
  readonly headerFound: boolean
  /** The header problem of this sheet, when the header was not found. */
  readonly headerIssue: ImportIssue | undefined
}

/**
 * Where the rows come from: the sheet name for issues, and merged ranges (`"A3:A4"`) when the
 * source knows them (they make two-row header detection exact).
 * @category reading
 * @since 0.1.0
 * @example `const s: Register.Source = { sheet: "Biểu 01", merges: ["A4:A5", "H4:J4"] }`
 */
export interface Source {
  readonly sheet?: string | undefined
  readonly merges?: ReadonlyArray<string> | undefined
}

const UNIT_FIELDS = ["total", "requestedSupport", "counterpartFunding", "otherStateFunding"] as const

type Value = string | number | bigint | ReadonlyArray<unknown> | undefined

/**
 * Start reading a register row by row (see {@link Reader}).
 * @category reading
 * @since 0.1.0
 * @example `const rd = Register.reader({ activities, defaults: { fund: "local", planYear: 2024 } })`
 */
export const reader = (options: Options, source: Source = {}): Reader => {
  const sheet = source.sheet
  const searchRows = Math.max(2, options.headerSearchRows ?? 30)
  const maxRows = options.maxRows ?? 1_000_000
  const maxIssues = options.maxIssues ?? 10_000
  const collect = options.collect ?? true
  const idPrefix = options.idPrefix ?? "row-"
  const dateSystem: DateSystem = options.dateSystem ?? "1900"
  const merges: ReadonlyArray<Merge> | undefined =
    source.merges === undefined ? undefined : source.merges.map(parseMerge).filter((m): m is Merge => m !== undefined)

  const issues: Array<ImportIssue> = []
  let overflow = 0
  const add = (i: ImportIssue) => {
    if (issues.length < maxIssues) issues.push(i)
    else overflow++
  }
  let fatal = false
  let headerIssue: ImportIssue | undefined

  // activity catalogue
  const activityByKey = new Map<string, string>()
  const codes = new Set<string>()
  for (const a of options.activities) {
    codes.add(a.code)
    for (const name of [a.code, a.nameVi, a.name, ...(a.aliases ?? [])]) {
      if (name === undefined) continue
      const k = fold(name)
      if (!activityByKey.has(k)) activityByKey.set(k, a.code)
    }
  }

  // header spec
  const unitOverrides: { [F in Field]?: Unit } = {}
  for (const f of UNIT_FIELDS) {
    const u = options.units?.[f]
    if (u !== undefined) {
      const unit = unitOfText(u)
      if (unit !== undefined) unitOverrides[f] = unit
    }
  }
  const required: Array<Field | readonly [Field, ...Array<Field>]> = ["title", "activity", "implementingUnit", "total", "requestedSupport"]
  if (options.defaults?.fund === undefined) required.push("fund")
  if (options.defaults?.planYear === undefined) required.push("planYear")
  const groups: ReadonlyArray<ReadonlyArray<Field | readonly [Field, ...Array<Field>]>> = [["duration", ["start", "end"]]]
  const specR = makeSpec(options.columns, required, unitOverrides)

  const buffer: Array<{ readonly n: number; readonly cells: ReadonlyArray<CellValue> }> = []
  let header: Header | undefined
  let headerRow = 0
  let lastRow = 0
  let rowsRead = 0
  let sawAny = false
  let firstDataSeen = false
  const entries: Array<Entry> = []
  const skipped: Array<Skipped> = []
  const seenKeys = new Map<string, number>()
  const seenIds = new Map<string, number>()

  if (!specR.ok) {
    fatal = true
    headerIssue = issueAt({ sheet }, "import/bad-value", `the column mapping is invalid: ${specR.detail}`)
    add(headerIssue)
  }

  const col = (f: Field): Mapped | undefined => header?.columns.get(f)

  const place = (rowNumber: number, m: Mapped | undefined, cells: ReadonlyArray<CellValue>, field: Field): Place =>
    m === undefined
      ? { sheet, row: rowNumber, field }
      : { sheet, row: rowNumber, column: m.letter, header: m.header === "" ? undefined : m.header, raw: cells[m.index] ?? null, field }

  const findHeader = (final: boolean): void => {
    if (!specR.ok || header !== undefined || fatal) return
    const spec: Spec = specR.spec
    const rows = buffer.map((b) => b.cells)
    const numbers = buffer.map((b) => b.n - 1)
    let d2: ReturnType<typeof detect>
    if (options.headerRow !== undefined) {
      const at = buffer.findIndex((b) => b.n === options.headerRow)
      if (at === -1 && !final) return
      d2 =
        at === -1
          ? { ok: false, code: "import/header-not-found", detail: `the sheet has no row ${options.headerRow} (option headerRow)`, at: undefined }
          : detect(rows, numbers, spec, merges, groups, { at, depth: options.headerRows })
    } else d2 = detect(rows, numbers, spec, merges, groups, { depth: options.headerRows })
    if (!d2.ok) {
      fatal = true
      const at = d2.at === undefined ? undefined : buffer[d2.at]?.n
      headerIssue = issueAt({ sheet, row: at }, d2.code, d2.detail)
      add(headerIssue)
      return
    }
    header = d2.header
    const first = buffer[header.at]
    headerRow = first?.n ?? 1
    const rest = buffer.slice(header.at + header.depth)
    buffer.length = 0
    for (const b of rest) if (!processRow(b.n, b.cells)) return
  }

  const processRow = (n: number, cells: ReadonlyArray<CellValue>): boolean => {
    if (fatal) return false
    rowsRead++
    if (rowsRead > maxRows) {
      fatal = true
      add(issueAt({ sheet, row: n }, "import/too-many-rows", `the sheet has more than ${maxRows} rows below the header (the row limit, option maxRows); split the register or raise the limit`))
      return false
    }
    if (cells.every((v) => isBlank(v))) return true
    const h = header as Header
    const stt = col("stt")
    const title = col("title")
    const sttText = stt === undefined ? "" : textOf(cells[stt.index])
    const titleText = title === undefined ? "" : textOf(cells[title.index])

    // column-numbering row right under the header
    if (!firstDataSeen) {
      firstDataSeen = true
      const filled = cells.filter((v) => !isBlank(v))
      if (filled.length >= 3 && filled.every((v) => NUMBERING.test(textOf(v)))) {
        skipped.push({ row: n, reason: "numbering", text: filled.map(textOf).join(" ") })
        return true
      }
    }
    // group and subtotal rows
    const firstText = textOf(cells.find((v) => !isBlank(v)))
    for (const t of firstText === sttText || firstText === titleText ? [sttText, titleText] : [sttText, titleText, firstText]) {
      if (t.length <= 120 && /^[tTcC]/.test(t) && SUBTOTAL.test(fold(t))) {
        skipped.push({ row: n, reason: "subtotal", text: t })
        return true
      }
    }
    if (ROMAN.test(sttText) || LETTER.test(sttText) || (stt === undefined && /^(?:[IVXLC]+|[A-Z])[.)]\s/.test(titleText))) {
      skipped.push({ row: n, reason: "group", text: [sttText, titleText].filter((x) => x !== "").join(" ") })
      return true
    }
    // heading: only a title
    if (sttText === "" && titleText !== "") {
      let other = false
      for (const [f, m] of h.columns) if (f !== "title" && f !== "stt" && !isBlank(cells[m.index])) other = true
      if (!other) {
        skipped.push({ row: n, reason: "heading", text: titleText })
        return true
      }
    }
    mapRow(n, cells)
    return !fatal
  }

  const mapRow = (n: number, cells: ReadonlyArray<CellValue>): void => {
    const h = header as Header
    const failed = new Set<Field>()
    const fail = (f: Field, code: string, detail: string) => {
      failed.add(f)
      add(issueAt(place(n, col(f), cells, f), code, detail))
    }
    const raw = (f: Field): CellValue | undefined => {
      const m = col(f)
      return m === undefined ? undefined : (cells[m.index] ?? null)
    }
    const empty = (f: Field) => fail(f, "import/empty-required", `${LABEL[f]} is required but the cell is empty`)

    const text = (f: Field, required: boolean): string | undefined => {
      const v = raw(f)
      if (v === undefined) return undefined
      if (isBlank(v)) {
        if (required) empty(f)
        return undefined
      }
      const r = readText(v, LABEL[f])
      if (!r.ok) {
        fail(f, r.code, r.detail)
        return undefined
      }
      if (r.value === "") {
        if (required) empty(f)
        return undefined
      }
      return r.value
    }
    const amount = (f: Field, kind: "required" | "zero-if-blank" | "optional"): bigint | undefined => {
      const v = raw(f)
      if (v === undefined) return undefined
      const dash = typeof valueOf(v) === "string" && /^[-–—]$/.test(String(valueOf(v)).trim())
      if (isBlank(v) || dash) {
        if (kind === "required") empty(f)
        return kind === "zero-if-blank" ? 0n : undefined
      }
      const r: AmountRead = readAmount(v, col(f)?.unit ?? 1n)
      if (!r.ok) {
        fail(f, r.code, r.detail)
        return undefined
      }
      return r.value
    }

    const id = h.columns.has("id") ? text("id", true) : `${idPrefix}${n}`
    const titleV = text("title", true)
    const activityText = text("activity", true)
    let activity: string | undefined
    if (activityText !== undefined) {
      activity = codes.has(activityText) ? activityText : activityByKey.get(foldCached(activityText))
      if (activity === undefined)
        fail(
          "activity",
          "import/unknown-activity",
          `"${activityText}" is not an activity (nội dung hoạt động) of the catalogue; expected one of its ${codes.size} codes (${[...codes].slice(0, 8).join(", ")}${codes.size > 8 ? ", …" : ""}) or their Vietnamese names`
        )
    }
    const item = text("item", false)
    const unitName_ = text("implementingUnit", true)
    const unitCode = text("implementingUnitCode", false)
    const benText = text("beneficiaries", false)
    const beneficiaries = failed.has("beneficiaries") ? undefined : benText === undefined ? [] : splitList(benText)

    // form
    let form: Row["form"] | undefined
    const formText = text("form", false)
    if (formText !== undefined) {
      form = FORMS.get(foldCached(formText))
      if (form === undefined) fail("form", "import/bad-value", `"${formText}" is not a form (hình thức đề án); expected Đơn lẻ, Nhóm, Thí điểm or Nhiệm vụ`)
    } else if (!failed.has("form")) form = (beneficiaries?.length ?? 0) >= 2 ? "group" : "single"

    // fund
    let fund: "national" | "local" | undefined
    const fundCell = raw("fund")
    if (fundCell === undefined || isBlank(fundCell)) {
      fund = options.defaults?.fund
      if (fund === undefined && fundCell !== undefined) empty("fund")
    } else {
      const ft = text("fund", true)
      if (ft !== undefined) {
        fund = FUNDS.get(foldCached(ft))
        if (fund === undefined) fail("fund", "import/bad-value", `"${ft}" is not a fund (nguồn kinh phí); expected Quốc gia (KCQG) or Địa phương (KCĐP)`)
      }
    }

    // plan year
    let planYear: number | undefined
    const yearCell = raw("planYear")
    if (yearCell === undefined || isBlank(yearCell)) {
      planYear = options.defaults?.planYear
      if (planYear === undefined && yearCell !== undefined) empty("planYear")
    } else {
      const s = shownValue(yearCell)
      if (!s.ok) fail("planYear", s.code, s.detail)
      else if (typeof s.value === "number" && Number.isSafeInteger(s.value)) planYear = s.value
      else if (typeof s.value === "string" && /^\s*(?:năm\s*)?\d{4}\s*$/iu.test(s.value)) planYear = Number(/\d{4}/.exec(s.value)?.[0])
      else fail("planYear", "import/bad-value", `${LABEL.planYear} must be a year such as 2024`)
    }

    // dates
    let start: LocalDate.LocalDate | undefined
    let end: LocalDate.LocalDate | undefined
    const date = (f: Field, required: boolean): LocalDate.LocalDate | undefined => {
      const v = raw(f)
      if (v === undefined) return undefined
      if (isBlank(v)) {
        if (required) empty(f)
        return undefined
      }
      const r = readDate(v, dateSystem)
      if (!r.ok) {
        fail(f, r.code, r.detail)
        return undefined
      }
      return r.value
    }
    if (h.columns.has("start") && h.columns.has("end")) {
      start = date("start", true)
      end = date("end", true)
    } else {
      const v = raw("duration")
      if (v !== undefined) {
        if (isBlank(v)) empty("duration")
        else {
          const r = readPeriod(v)
          if (!r.ok) fail("duration", r.code, r.detail)
          else {
            start = r.start
            end = r.end
          }
        }
      }
    }
    const approvalDate = date("approvalDate", false)

    // locations
    const locText = text("location", false)
    let locations: ReadonlyArray<Location> | undefined = failed.has("location") ? undefined : []
    if (locText !== undefined) {
      const on = start
      if (options.location !== undefined) {
        const r = options.location(locText, on)
        if (r.ok) locations = r.value
        else {
          fail("location", "import/bad-value", r.error)
          locations = undefined
        }
      } else {
        const out: Array<Location> = []
        for (const part of splitList(locText)) {
          const r = readLocation(part, on)
          if (!r.ok) {
            fail("location", r.code, r.detail)
            break
          }
          out.push(r.value)
        }
        locations = failed.has("location") ? undefined : out
      }
    }

    // amounts
    const total = amount("total", "required")
    const support = amount("requestedSupport", "required")
    const other = amount("otherStateFunding", "optional")
    let counterpart: bigint | undefined
    if (h.columns.has("counterpartFunding")) counterpart = amount("counterpartFunding", "zero-if-blank")
    else if (total !== undefined && support !== undefined && !failed.has("otherStateFunding")) counterpart = total - support - (other ?? 0n)

    // duplicates (before the validator: a repeated row is reported once, as a repeat)
    const parts: Array<string> = []
    for (const f of FIELDS) {
      if (f === "stt" || f === "id") continue
      const m = h.columns.get(f)
      if (m === undefined) continue
      const v = valueOf(cells[m.index])
      parts.push(
        v === null || v === undefined
          ? ""
          : v instanceof Date
            ? `d${v.getTime()}`
            : typeof v === "string"
              ? `s${squash(v).normalize("NFC").toLowerCase()}`
              : typeof v === "object"
                ? `e${v.error}`
                : `${typeof v}${String(v)}`
      )
    }
    const key = createHash("sha256").update(parts.join("\u0001"))
    const k = key.digest().toString("base64", 0, 12)
    const earlier = seenKeys.get(k)
    if (earlier !== undefined) {
      const m = h.columns.get("id") ?? h.columns.get("title")
      add(
        issueAt(
          place(n, m, cells, m?.field ?? "title"),
          "import/duplicate-row",
          `the row repeats row ${earlier} (the same values in every column except STT${h.columns.has("id") ? " and the id" : ""}); delete one of them`
        )
      )
      return
    }
    seenKeys.set(k, n)
    let duplicateId = false
    if (id !== undefined) {
      const before = seenIds.get(id)
      if (before !== undefined) {
        duplicateId = true
        fail("id", "import/duplicate-id", `the proposal id (mã đề án) "${id}" is already used in row ${before}`)
      } else seenIds.set(id, n)
    }

    const values: { [K in string]: Value } = {
      id,
      title: titleV,
      fund,
      form,
      activity,
      item,
      implementingUnit: unitName_,
      implementingUnitCode: unitCode,
      beneficiaries,
      locations,
      planYear,
      start,
      end,
      approvalDate,
      total,
      requestedSupport: support,
      counterpartFunding: counterpart,
      otherStateFunding: other
    }
    const encoded = encodedOf(values as Parameters<typeof encodedOf>[0])
    const decoded = Proposal.decode(encoded)
    if (!decoded.ok) {
      for (const i of decoded.error.issues) {
        // a register line has quantity 1 and unit cost = total: their issues repeat the total's
        const last = i.path[i.path.length - 1]
        if (i.path[0] === "activities" && (last === "unitCost" || last === "quantity")) continue
        const f = fieldOfPath(i.path, h)
        if (f !== undefined && (failed.has(f) || (f === "counterpartFunding" && !h.columns.has("counterpartFunding") && (failed.has("total") || failed.has("requestedSupport")))))
          continue
        if (f === "activity" && activity === undefined) continue
        if ((f === "start" || f === "end") && (failed.has("duration") || failed.has("start") || failed.has("end"))) continue
        const m = f === undefined ? undefined : columnOf(f, h)
        add(issueAt(m === undefined ? { sheet, row: n, field: f } : place(n, m, cells, f ?? m.field), i.code, i.message))
      }
      return
    }
    if (failed.size > 0 || duplicateId) return
    const entry: Entry = { row: n, proposal: decoded.value }
    if (collect) entries.push(entry)
    options.onProposal?.(entry)
  }

  return {
    push(cells, rowNumber) {
      if (fatal) return false
      const n = rowNumber ?? lastRow + 1
      lastRow = n
      sawAny = true
      if (header === undefined) {
        buffer.push({ n, cells })
        const enough = options.headerRow === undefined ? buffer.length >= searchRows : n >= options.headerRow + 1 + (options.headerRows === 2 ? 1 : 0)
        if (enough) findHeader(false)
        return !fatal
      }
      return processRow(n, cells)
    },
    end() {
      if (header === undefined && !fatal) {
        if (!sawAny || buffer.every((b) => b.cells.every((v) => isBlank(v)))) {
          fatal = true
          headerIssue = issueAt({ sheet }, "import/empty-sheet", "the sheet is empty: no register (biểu tổng hợp đề án) to read")
          add(headerIssue)
        } else findHeader(true)
      }
      if (overflow > 0) issues.push(issueAt({ sheet }, "import/too-many-issues", `${overflow} more problems were found and not listed (option maxIssues = ${maxIssues})`))
      const register: Register | undefined =
        header === undefined
          ? undefined
          : {
              sheet,
              headerRow,
              columns: [...header.columns.values()]
                .sort((a, b) => a.index - b.index)
                .map((m) => ({
                  field: m.field,
                  column: m.letter,
                  header: m.header,
                  unit: AMOUNT_FIELDS.includes(m.field) ? unitName(m.unit ?? 1n) : undefined
                })),
              proposals: entries.map((e) => e.proposal),
              entries,
              skipped,
              rowsRead
            }
      if (issues.length > 0) return Result.err(importError(issues, register))
      return Result.ok(register as Register)
    },
    get headerFound() {
      return header !== undefined
    },
    get headerIssue() {
      return headerIssue
    }
  }
}

/** The register field a Proposal path was read from. */
const fieldOfPath = (path: Errors.Path, h: Header): Field | undefined => {
  switch (path[0]) {
    case "id":
      return h.columns.has("id") ? "id" : "title"
    case "title":
      return "title"
    case "fund":
      return "fund"
    case "form":
      return path[1] === "beneficiaryIds" ? "beneficiaries" : "form"
    case "activities": {
      if (path[2] !== "costLines" || path.length < 5) return "activity"
      switch (path[4]) {
        case "total":
        case "quantity":
        case "unitCost":
          return "total"
        case "requestedSupport":
          return "requestedSupport"
        case "counterpartFunding":
          return "counterpartFunding"
        case "otherStateFunding":
          return "otherStateFunding"
        case "item":
          return h.columns.has("item") ? "item" : "activity"
        case "beneficiaryId":
          return "beneficiaries"
        default:
          return "total"
      }
    }
    case "implementingUnit":
      return path[1] === "code" ? "implementingUnitCode" : "implementingUnit"
    case "beneficiaries":
      return "beneficiaries"
    case "locations":
      return "location"
    case "planYear":
      return "planYear"
    case "duration":
      return path[1] === "start" ? "start" : "end"
    case "approvalDate":
      return "approvalDate"
    default:
      return undefined
  }
}

/** The column an issue on a field is shown at (fields without a column of their own fall back). */
const columnOf = (f: Field, h: Header): Mapped | undefined => {
  const own = h.columns.get(f)
  if (own !== undefined) return own
  switch (f) {
    case "start":
    case "end":
      return h.columns.get("duration")
    case "counterpartFunding":
      return h.columns.get("total")
    case "form":
      return h.columns.get("beneficiaries")
    default:
      return undefined
  }
}

/**
 * Read a register from a grid of cells (rows from any spreadsheet library, or built by hand).
 * Returns the register, or an {@link Issues.ImportError} listing every problem with its place;
 * `error.partial` then holds the valid rows.
 * @category reading
 * @since 0.1.0
 * @example `Register.read(rows, { activities, defaults: { fund: "local", planYear: 2024 } })` → `{ ok: true, value: { proposals: [ … ], skipped: [{ row: 9, reason: "subtotal", text: "Tổng cộng" }], … } }`
 */
export const read = (
  rows: Iterable<ReadonlyArray<CellValue>>,
  options: Options,
  source: Source & { readonly firstRow?: number } = {}
): Result.Result<Register, ImportError<Register>> => {
  const rd = reader(options, source)
  let n = (source.firstRow ?? 1) - 1
  for (const cells of rows) {
    n++
    if (!rd.push(cells, n)) break
  }
  return rd.end()
}

/**
 * {@link read}, throwing the `ImportError`. For scripts and tests.
 * @function
 * @category reading
 * @since 0.1.0
 * @example `Register.readOrThrow(rows, { activities }).proposals.length` → `3`
 */
export const readOrThrow: (rows: Iterable<ReadonlyArray<CellValue>>, options: Options, source?: Source) => Register = Result.orThrow(read)
