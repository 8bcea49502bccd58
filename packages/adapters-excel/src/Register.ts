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
 * | `activity` * | Nội dung hoạt động | the activity: a code, legal name or short form of the catalogue (default: the law's) |
 * | `item` | Mã nội dung chi | `activities[0].costLines[0].item`; without it, the activity code |
 * | `form` | Hình thức | `form.kind` (Đơn lẻ, Nhóm, Thí điểm/Điểm, Nhiệm vụ); blank: `group` with ≥ 2 beneficiaries, else `single` |
 * | `implementingUnit` * | Đơn vị thực hiện | `implementingUnit.name` |
 * | `implementingUnitCode` | Mã đơn vị thực hiện | `implementingUnit.code` |
 * | `beneficiaries` | Đơn vị thụ hưởng | `beneficiaries` (ids separated by `;` or line breaks); a group's `form.beneficiaryIds` |
 * | `location` | Địa điểm | `locations`: `02`, `02 - Hà Giang`, `Hà Giang`, `xã Minh Ngọc, huyện Bắc Mê, tỉnh Hà Giang`; without a province (`Xã Tân Lập, huyện Yên Mỹ`, `Toàn tỉnh`) the register's; the commune checked against the province's communes on the start date (`import/unknown-commune` warning); several separated by `;` |
 * | `province` | Tỉnh | the province of locations that name none |
 * | `duration`, `start`, `end` | Thời gian thực hiện / Thời gian bắt đầu, Thời gian kết thúc | `duration`; what is missing from the plan year, with a warning |
 * | `total` * | Tổng kinh phí | the cost line's `total` (and `unitCost`, quantity 1) |
 * | `requestedSupport` * | Kinh phí khuyến công hỗ trợ | `requestedSupport` |
 * | `counterpartFunding` | Kinh phí đối ứng | `counterpartFunding`; blank or `-` = 0; without the column: total − support − other |
 * | `otherStateFunding` | Nguồn ngân sách khác | `otherStateFunding`; blank = absent |
 * | `fund` * | Nguồn kinh phí | `fund` (Quốc gia/KCQG → `national`, Địa phương/KCĐP → `local`), or the title's, or `defaults.fund` |
 * | `planYear` * | Năm kế hoạch | `planYear`, or the title's or sheet name's, or the `planYear` option |
 * | `approvalDate` | Ngày phê duyệt | `approvalDate` |
 *
 * (* required: the column must exist, or the title or an option give `fund` / `planYear`.)
 *
 * **Several rows, one proposal**: rows under one number (the same id, or a blank or sub-numbered
 * STT with no title and no implementing unit of their own) are its activities or cost lines; a
 * first row without an activity heads them, and its amounts must add up to theirs.
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
import { AdminUnits, Errors, LocalDate, Money, Proposal, Result } from "@khuyencong/core"
import { catalogueOf } from "./internal/catalogue.js"
import { readSheetContext } from "./internal/context.js"
import { detectLegacy, fromTcvn3, HOW_TO_CONVERT, LEGACY_NAMES } from "./internal/legacy.js"
import { type CellValue, columnNumber, type DateSystem, describe, isBlank, isErrorValue, isFormula, valueOf } from "./Cell.js"
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
import { checkCommune } from "./internal/communes.js"
import { KeyTable, keyAdd, keyAddNumber, keyEnd, keyStart } from "./internal/rowkey.js"
import { columnCache, fold, foldCached, squash, squashable, trimText } from "./internal/text.js"

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
  /** Spending items (nội dung chi), so that an item column may name them in Vietnamese. */
  readonly items?: ReadonlyArray<{ readonly code: string; readonly nameVi?: string; readonly name?: string }>
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
  /**
   * The activity catalogue (e.g. a rule pack's `activities`: codes, legal names, the short forms
   * officials write and the spending items). Default: every activity of the corpus of the law
   * (`@khuyencong/law`), every version.
   */
  readonly activities?: ReadonlyArray<ActivityEntry>
  /**
   * The plan year (năm kế hoạch) of the register: for rows without a plan-year cell, to fill in
   * missing dates, and to choose the sheet of a workbook holding several years. Default: the
   * year the title states ("KẾ HOẠCH KHUYẾN CÔNG NĂM 2024"), or the sheet's name ("KH 2024").
   */
  readonly planYear?: number
  /**
   * The province (tỉnh) of locations that name none ("Xã Tân Lập, huyện Yên Mỹ", "Toàn tỉnh"): a
   * code ("33") or a name ("Hưng Yên"). Default: a "Tỉnh" column, else the title ("… – TỈNH
   * HƯNG YÊN", "UBND TỈNH HƯNG YÊN").
   */
  readonly province?: string
  /** Map fields to a header label (`"Tên dự án"`) or a column (`{ column: "C" }`); overrides the defaults for those fields. */
  readonly columns?: { readonly [F in Field]?: ColumnRef }
  /** Unit of amount columns, overriding the header and sheet notes. */
  readonly units?: { readonly [F in "total" | "requestedSupport" | "counterpartFunding" | "otherStateFunding"]?: AmountUnit }
  /**
   * Values for rows whose sheet has no such column (or whose cell is blank). Default: the fund the
   * title states ("KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG …"), and {@link planYear}.
   */
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
  /** The (first) row of the proposal. */
  readonly row: number
  readonly proposal: Proposal.Proposal
  /** Every row the proposal was read from, when it spans several (one per activity or cost line). */
  readonly rows?: ReadonlyArray<number>
}

/**
 * A row skipped on purpose, with why.
 * @category models
 * @since 0.1.0
 * @example `// { row: 12, reason: "subtotal", text: "Tổng cộng" }`
 */
export interface Skipped {
  readonly row: number
  /** `signature`: the date line and signature block under the table, and what follows. */
  readonly reason: "subtotal" | "group" | "heading" | "numbering" | "signature"
  readonly text: string
}

/**
 * An establishment (cơ sở thụ hưởng) listed on a sheet beside the register ("Danh sách cơ sở":
 * "Tên cơ sở", "Mã số thuế", "Địa chỉ", "Loại hình", "Ngành nghề", "Người đại diện", "Số lao
 * động"), with its tax code checked.
 * @category models
 * @since 0.3.0
 * @example `// { sheet: "Danh sách cơ sở", row: 5, id: "0900123452", name: "HTX dệt Phố Hiến", taxCode: "0900123452", address: "Xã Tân Lập, huyện Yên Mỹ", workforce: 45 }`
 */
export interface Establishment {
  readonly sheet: string | undefined
  readonly row: number
  /** The "Mã cơ sở" column, else the tax code, else the name: what a register's beneficiary cell names. */
  readonly id: string
  readonly name: string
  readonly taxCode?: string
  readonly address?: string
  readonly legalForm?: string
  readonly industry?: string
  readonly representative?: string
  readonly workforce?: number
}

/**
 * What a register says of itself above its header (its title, the decision it accompanies, the
 * issuing body) and in its sheet's name, each value with the text it was read from.
 * @category models
 * @since 0.3.0
 * @example `// { title: "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024 – TỈNH HƯNG YÊN", planYear: { value: 2024, from: "title", text: "…" }, fund: { value: "local", … }, province: { name: "HƯNG YÊN", … } }`
 */
export interface SheetContext {
  /** The title line (the first line above the header naming a plan, report or list), as written. */
  readonly title?: string
  readonly planYear?: { readonly value: number; readonly from: "title" | "sheet-name"; readonly text: string }
  /** The province as written (checked against the administrative units on each row's date). */
  readonly province?: { readonly name: string; readonly from: "title"; readonly text: string }
  readonly fund?: { readonly value: "national" | "local"; readonly from: "title"; readonly text: string }
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
  /**
   * What the sheet says of itself above the header (its title, a decision reference, the issuing
   * body) and its name: the plan year, the province and the fund, each with where it was read.
   */
  readonly context: SheetContext
  /**
   * What was read but is worth a look: values filled in (a missing end date taken as the end of the
   * plan year), text converted from a legacy encoding, communes not among their province's. Same
   * shape as the problems; `code` starts with `import/`.
   */
  readonly warnings: ReadonlyArray<ImportIssue>
  /** The establishments of a sheet beside the register (.xlsx; empty when there is none). */
  readonly establishments: ReadonlyArray<Establishment>
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

/** The digit string of an amount (the wire form every message quotes). */
const digits = (x: bigint): string => x.toString()

/**
 * An amount as a JSON integer where it is one (0 to 2^53 − 1): the decoder reads it as it reads its
 * digits, to the same bigint, without writing and reading them (a quarter of a microsecond an
 * amount). A negative amount stays digits, which the decoder refuses as before.
 */
const integerOrDigits = (x: bigint): number | string => (x >= 0n && x <= 9_007_199_254_740_991n ? Number(x) : x.toString())

/** The JSON of a register line: quantity 1, unit cost = total, money as `money` writes it (digit strings by default). */
const lineJson = (
  item: string | undefined,
  total: bigint | undefined,
  support: bigint | undefined,
  counterpart: bigint | undefined,
  other: bigint | undefined,
  money: (x: bigint) => number | string = digits
): Record<string, unknown> => {
  const line: Record<string, unknown> = { quantity: 1 }
  if (item !== undefined) line["item"] = item
  if (total !== undefined) {
    const t = money(total)
    line["unitCost"] = t
    line["total"] = t
  }
  if (support !== undefined) line["requestedSupport"] = money(support)
  if (counterpart !== undefined) line["counterpartFunding"] = money(counterpart)
  if (other !== undefined) line["otherStateFunding"] = money(other)
  return line
}

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
  const line = lineJson(r.item ?? r.activity, r.total, r.requestedSupport, r.counterpartFunding, r.otherStateFunding)
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

/**
 * The register rows of a proposal, one per activity (nội dung hoạt động), each with the
 * proposal's id: a proposal with several activities is written over several rows under its number,
 * as registers do, and reads back as one proposal ({@link read} joins consecutive rows of one id).
 * Each activity's cost lines are summed; its item is kept when it has one line.
 * @category conversions
 * @since 0.3.0
 * @example `Register.rowsOf(proposal).map((r) => r.activity)` → `["machinery", "management"]`
 */
export const rowsOf = (p: Proposal.Proposal): ReadonlyArray<Row> =>
  p.activities.map((a) => {
    const r = rowOf({ ...p, activities: [a] })
    if (!r.ok) throw new Error("unreachable: a proposal of one activity has one row")
    return r.value
  })

const COMMUNE_PREFIX: { readonly [K in "commune" | "ward" | "township" | "special-zone"]: string } = {
  commune: "xã",
  ward: "phường",
  township: "thị trấn",
  "special-zone": "đặc khu"
}

/**
 * The text of locations for a location cell, readable back by the import. `code` (default)
 * writes the province by code and name (`xã Minh Ngọc, huyện Bắc Mê, 02 - Hà Giang; 08 - Tuyên
 * Quang`), `name` as a printed plan does (`Xã Minh Ngọc, huyện Bắc Mê, tỉnh Hà Giang`; the import
 * finds the province by its name on the proposal's start date).
 * @category conversions
 * @since 0.1.0
 * @example `Register.formatLocations([{ provinceCode: "02", provinceName: "Hà Giang" }])` → `"02 - Hà Giang"`
 */
export const formatLocations = (locations: ReadonlyArray<Location>, style: "code" | "name" = "code"): string =>
  locations
    .map((l) => {
      const parts: Array<string> = []
      if (l.commune !== undefined) parts.push(`${COMMUNE_PREFIX[l.commune.kind]} ${l.commune.name}`)
      if (l.district !== undefined) parts.push(l.district)
      if (style === "name" && l.provinceName !== undefined) parts.push(`${CITIES.has(l.provinceName) ? "thành phố" : "tỉnh"} ${l.provinceName}`)
      else parts.push(l.provinceName === undefined ? l.provinceCode : `${l.provinceCode} - ${l.provinceName}`)
      const s = parts.join(", ")
      return style === "name" ? s.charAt(0).toLocaleUpperCase("vi") + s.slice(1) : s
    })
    .join("; ")

const CITIES = new Set(["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế"])

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

const splitList = (s: string): Array<string> => {
  if (!LIST_SEPARATOR.test(s)) {
    // one item (most cells): what the split below gives, without its arrays
    const t = trimText(s)
    return t === "" ? [] : [t]
  }
  return s
    .split(/[;\n\r]+/)
    .map((x) => trimText(x))
    .filter((x) => x !== "")
}
const LIST_SEPARATOR = /[;\n\r]/

/** "Toàn tỉnh", "Trên địa bàn tỉnh", "Các huyện, thị xã trong tỉnh" …: the whole province. */
const WHOLE_PROVINCE = /^(?:toan|tren dia ban|cac (?:huyen|xa|dia phuong)(?: thi xa| thanh pho)*(?: trong| tren dia ban| cua)?)\s*(?:tinh|thanh pho)?(?:\s+(.+))?$/

/**
 * What became of a location's commune: `known` (listed for its province on the date), `unknown`
 * with the closest names of the province, or `unchecked` (no date, or no list for the province).
 */
type CommuneCheck =
  | { readonly status: "known" }
  | { readonly status: "unknown"; readonly closest: ReadonlyArray<string>; readonly asOf: LocalDate.LocalDate }
  | { readonly status: "unchecked" }

/** A location read from a cell, with where its province came from and its commune's check. */
type ReadLocation = Location & { readonly contextual: boolean; readonly check?: CommuneCheck }

/**
 * A location cell's part: `[xã …,] [huyện …,] tỉnh …` or a province code; without a province,
 * `context` (the option, a "Tỉnh" column, the title) gives it; "Toàn tỉnh" is the province itself.
 * The commune is checked against the province's communes on `start` (a name without its type
 * word is read as a commune when the province lists it).
 */
const readLocation = (part: string, start: LocalDate.LocalDate | undefined, context: string | undefined): Read<ReadLocation> => {
  const pieces = part.split(",").map((x) => trimText(x)).filter((x) => x !== "")
  const last = pieces[pieces.length - 1] ?? ""
  const whole = /^(?:to|tr|c)/iu.test(part) ? WHOLE_PROVINCE.exec(foldCached(part)) : null
  if (whole !== null && pieces.length === 1) {
    // "Toàn tỉnh" (the province of the register) or "Toàn tỉnh Hưng Yên"
    const named = whole[1] === undefined ? context : (/(?:tỉnh|thành phố)\s+(.+)$/iu.exec(part)?.[1] ?? whole[1])
    if (named === undefined)
      return { ok: false, code: "import/bad-value", detail: `"${part}" names the whole province (toàn tỉnh), but not which: write the province, or state it in the title, a "Tỉnh" column or options.province` }
    const p = provinceOf(named, start)
    return p.ok ? { ok: true, value: { ...p.value, contextual: whole[1] === undefined } } : p
  }
  const coded = /^(\d{2})(?:\s*[-–:]\s*(.+))?$/u.exec(last)
  let province: Read<Location> | undefined
  if (coded !== null) {
    const provinceCode = coded[1] ?? ""
    const typed = coded[2] === undefined ? undefined : trimText(coded[2])
    const loc: { -readonly [K in keyof Location]: Location[K] } = { provinceCode }
    if (typed !== undefined) {
      const named = provinceByName(typed, start)
      if (named.ok && named.value.code !== provinceCode)
        return { ok: false, code: "import/bad-value", detail: `the province code ${provinceCode} does not match the province (tỉnh) "${typed}", whose code is ${named.value.code}${start === undefined ? "" : ` on ${LocalDate.formatVi(start)}`}` }
      loc.provinceName = typed
    }
    province = { ok: true, value: loc }
    pieces.pop()
  } else if (!COMMUNE_KINDS.some(([re]) => re.test(last)) && !DISTRICT_ONLY.test(last)) {
    province = provinceOf(last.replace(/^(?:tỉnh|thành phố|tp\.?)\s+/iu, ""), start)
    if (!province.ok && pieces.length === 1 && context === undefined) return province
    if (province.ok) pieces.pop()
    else province = undefined
  }
  let contextual = false
  if (province === undefined) {
    if (context === undefined)
      return {
        ok: false,
        code: "import/bad-value",
        detail: `"${part}" names no province (tỉnh); write it ("${part}, tỉnh …"), or state it in the title ("… – TỈNH …"), a "Tỉnh" column or options.province`
      }
    province = provinceOf(context, start)
    if (!province.ok) return province
    contextual = true
  }
  if (!province.ok) return province
  const loc: { -readonly [K in keyof Location]: Location[K] } = { ...province.value }
  const district = pieces.length > 0 && DISTRICT.test(pieces[pieces.length - 1] ?? "") ? pieces.pop() : undefined
  if (district !== undefined) loc.district = district.charAt(0).toLocaleLowerCase("vi") + district.slice(1)
  const communeText = pieces.pop()
  let check: CommuneCheck | undefined
  if (communeText !== undefined) {
    const kind = COMMUNE_KINDS.find(([re]) => re.test(communeText))
    const name = kind === undefined ? communeText : trimText(kind[0].exec(communeText)?.[1] ?? "")
    const c = start === undefined ? undefined : checkCommune(loc.provinceCode, name, kind?.[1], start)
    if (kind === undefined && c?.known !== true)
      return {
        ok: false,
        code: "import/bad-value",
        detail: `"${communeText}" is not a commune-level unit (xã, phường, thị trấn, đặc khu)${district === undefined ? " or a district (huyện, quận, thị xã, thành phố)" : ""}; a location reads "[xã …,] [huyện …,] tỉnh …" or a province code`
      }
    loc.commune = { name, kind: kind?.[1] ?? (c?.known === true ? c.unit.kind : "commune") }
    check = c === undefined ? { status: "unchecked" } : c.known ? { status: "known" } : { status: "unknown", closest: c.closest, asOf: c.asOf as LocalDate.LocalDate }
  }
  if (pieces.length > 0)
    return {
      ok: false,
      code: "import/bad-value",
      detail: `"${pieces.join(", ")}" is more than a location holds; a location reads "[xã …,] [huyện …,] tỉnh …" (a village or street is not kept)`
    }
  return { ok: true, value: check === undefined ? { ...loc, contextual } : { ...loc, contextual, check } }
}

const DISTRICT_ONLY = /^(?:huyện|quận|thị xã)\s+\S/iu

/** A province by code or name, in force on the date (the register's start date). */
const provinceOf = (text: string, start: LocalDate.LocalDate | undefined): Read<Location> => {
  const t = trimText(text)
  if (/^\d{2}$/.test(t)) return { ok: true, value: { provinceCode: t } }
  const named = provinceByName(t, start)
  if (!named.ok) return { ok: false, code: "import/bad-value", detail: named.detail }
  // as written, unless written in capitals (a title): then as the administrative units name it
  return { ok: true, value: { provinceCode: named.value.code, provinceName: t === t.toLocaleUpperCase("vi") ? named.value.name : t } }
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
  province: "the province (tỉnh)",
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
  /** The context read above the header (once the header is found). */
  readonly context: SheetContext | undefined
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
  const warnings: Array<ImportIssue> = []
  let overflow = 0
  const add = (i: ImportIssue) => {
    if (issues.length < maxIssues) issues.push(i)
    else overflow++
  }
  const warn = (i: ImportIssue) => {
    if (warnings.length < maxIssues) warnings.push(i)
  }
  let fatal = false
  let headerIssue: ImportIssue | undefined

  const catalogue = catalogueOf(options.activities)

  // header spec: the fund, the plan year and the period may come from the title or the options,
  // so they are checked once the header (and what stands above it) is found
  const unitOverrides: { [F in Field]?: Unit } = {}
  for (const f of UNIT_FIELDS) {
    const u = options.units?.[f]
    if (u !== undefined) {
      const unit = unitOfText(u)
      if (unit !== undefined) unitOverrides[f] = unit
    }
  }
  const required: Array<Field | readonly [Field, ...Array<Field>]> = ["title", "activity", "implementingUnit", "total", "requestedSupport"]
  const specR = makeSpec(options.columns, required, unitOverrides)

  const buffer: Array<{ readonly n: number; readonly cells: ReadonlyArray<CellValue> }> = []
  let header: Header | undefined
  let context: SheetContext | undefined
  let headerRow = 0
  let lastRow = 0
  let rowsRead = 0
  let sawAny = false
  let firstDataSeen = false
  let ended = false
  const entries: Array<Entry> = []
  const skipped: Array<Skipped> = []
  const seenKeys = new KeyTable()
  const seenIds = new Map<string, number>()
  // sheet-wide defaults
  let planYearDefault: number | undefined = options.planYear ?? options.defaults?.planYear
  let fundDefault: "national" | "local" | undefined = options.defaults?.fund
  let provinceDefault: string | undefined = options.province
  const counted = new Map<string, { first: number; count: number; issue: ImportIssue }>()
  const locationCache = new Map<string, { readonly read: ReturnType<typeof readLocation>; readonly loc: Location | undefined }>()
  /** Dates repeat down a register: one copy of each is kept by the proposals (bounded). */
  const dateCopies = new Map<LocalDate.LocalDate, LocalDate.LocalDate>()
  const sharedDate = (d: LocalDate.LocalDate | undefined): LocalDate.LocalDate | undefined => {
    if (d === undefined) return d
    const copy = dateCopies.get(d)
    if (copy !== undefined) return copy
    if (dateCopies.size >= 4096) dateCopies.clear()
    dateCopies.set(d, d)
    return d
  }
  /** A warning about many rows: the first row's issue, with the count added at the end. */
  const warnRows = (key: string, row: number, make: () => ImportIssue) => {
    const c = counted.get(key)
    if (c === undefined) counted.set(key, { first: row, count: 1, issue: make() })
    else c.count++
  }

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

  /** Set when the sheet is in TCVN3: every text cell is converted as it is read. */
  let convert: ((cells: ReadonlyArray<CellValue>) => ReadonlyArray<CellValue>) | undefined
  let converted = 0
  const legacy = (): boolean => {
    const texts: Array<string> = []
    for (const b of buffer) for (const v of b.cells) if (typeof v === "string" && /[\u0080-\u00ff]/.test(v)) texts.push(v)
    const kind = detectLegacy(texts)
    if (kind === undefined) return false
    if (kind === "vni") {
      fatal = true
      headerIssue = issueAt(
        { sheet, row: buffer[0]?.n },
        "import/legacy-encoding",
        `the sheet's text is in ${LEGACY_NAMES.vni}, not Unicode ("${texts[0] ?? ""}"), and cannot be read as it is; ${HOW_TO_CONVERT}. (Văn bản đang ở bảng mã VNI: chuyển sang Unicode bằng công cụ chuyển mã của Unikey.)`,
        { encoding: "VNI" }
      )
      add(headerIssue)
      return true
    }
    convert = (cells) =>
      cells.map((v) => {
        if (typeof v !== "string") return v
        const u = fromTcvn3(v)
        if (u !== v) converted++
        return u
      })
    for (let k = 0; k < buffer.length; k++) {
      const b = buffer[k]
      if (b !== undefined) buffer[k] = { n: b.n, cells: convert(b.cells) }
    }
    warn(
      issueAt({ sheet, row: buffer[0]?.n }, "import/legacy-encoding-converted", `the sheet's text is in ${LEGACY_NAMES.tcvn3}, not Unicode; it was converted (e.g. "${texts[0] ?? ""}" → "${fromTcvn3(texts[0] ?? "")}"); check names written in a capitals font (.VnTimeH), which TCVN3 stores as small letters, and save the file in Unicode (${HOW_TO_CONVERT})`, {
        encoding: "TCVN3"
      })
    )
    return false
  }

  const findHeader = (final: boolean): void => {
    if (!specR.ok || header !== undefined || fatal) return
    if (convert === undefined && legacy()) return
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
          : detect(rows, numbers, spec, merges, [], { at, depth: options.headerRows })
    } else d2 = detect(rows, numbers, spec, merges, [], { depth: options.headerRows })
    if (!d2.ok) {
      fatal = true
      const at = d2.at === undefined ? undefined : buffer[d2.at]?.n
      headerIssue = issueAt({ sheet, row: at }, d2.code, d2.detail)
      add(headerIssue)
      return
    }
    const h = d2.header
    const first = buffer[h.at]
    headerRow = first?.n ?? 1
    context = readSheetContext(rows.slice(0, h.at), sheet)
    planYearDefault ??= context.planYear?.value
    fundDefault ??= context.fund?.value
    provinceDefault ??= context.province?.name
    // what the title and options cannot stand in for
    const missing: Array<string> = []
    const has = (f: Field) => h.columns.has(f)
    if (!has("fund") && fundDefault === undefined)
      missing.push(`the fund (nguồn kinh phí): add a column "Nguồn kinh phí" (Quốc gia / Địa phương), say "KHUYẾN CÔNG QUỐC GIA" or "… ĐỊA PHƯƠNG" in the title, or pass defaults: { fund: "local" }`)
    if (!has("planYear") && planYearDefault === undefined)
      missing.push(`the plan year (năm kế hoạch): add a column "Năm kế hoạch", state it in the title ("… NĂM 2024") or the sheet's name, or pass planYear: 2024`)
    if (!has("duration") && !has("start") && !has("end") && planYearDefault === undefined && !has("planYear"))
      missing.push(`the implementation period (thời gian thực hiện): add a column "Thời gian thực hiện" or "Thời gian bắt đầu", or give the plan year so that the whole year is taken`)
    if (missing.length > 0) {
      fatal = true
      headerIssue = issueAt({ sheet, row: headerRow }, "import/missing-column", `the header row has no column for ${missing.join("; and for ")}`, {
        missing: missing.length
      })
      add(headerIssue)
      return
    }
    header = h
    keyColumns = keyColumnsOf(h)
    // the period: columns missing are filled in from the plan year, said once for the sheet
    const where = { sheet, row: headerRow }
    if (!has("duration") && !has("start") && !has("end"))
      warn(issueAt(where, "import/period-defaulted", "the register has no implementation period (thời gian thực hiện) column: each proposal is taken to run the whole plan year (01/01 to 31/12)", { field: "duration", rule: "plan year" }))
    else if (!has("duration") && !has("end"))
      warn(issueAt(where, "import/period-defaulted", `the register gives only the start (thời gian bắt đầu, column ${col("start")?.letter ?? "?"}): each proposal is taken to end on 31/12 of its plan year`, { field: "end", rule: "end of the plan year" }))
    else if (!has("duration") && !has("start"))
      warn(issueAt(where, "import/period-defaulted", `the register gives only the end (thời gian kết thúc, column ${col("end")?.letter ?? "?"}): each proposal is taken to start on 01/01 of its plan year`, { field: "start", rule: "start of the plan year" }))
    const rest = buffer.slice(h.at + h.depth)
    buffer.length = 0
    for (const b of rest) if (!processRow(b.n, b.cells)) return
  }

  /** A cheap look before folding: the words a signature block or date line holds, with or without accents. */
  const MAYBE_SIGNATURE = /l[aậ]p|tr[uư]ởng|trưởng|k[yý]|nh[aậ]n|ng[aà]y|\p{M}/iu
  /** "Hưng Yên, ngày 15 tháng 01 năm 2024", "……, ngày …… tháng …… năm ……" */
  const DATE_LINE = /^[^,\d]{1,40},\s*ngày\b.*\btháng\b.*\bnăm\b/iu
  const SIGNATURE = /\b(?:nguoi lap bieu|thu truong don vi|ky ten dong dau|ky ghi ro ho ten|ky va ghi ro ho ten|noi nhan|xac nhan cua)\b/

  const processRow = (n: number, cells: ReadonlyArray<CellValue>): boolean => {
    if (fatal) return false
    rowsRead++
    if (rowsRead > maxRows) {
      fatal = true
      add(issueAt({ sheet, row: n }, "import/too-many-rows", `the sheet has more than ${maxRows} rows below the header (the row limit, option maxRows); split the register or raise the limit`))
      return false
    }
    if (cells.every((v) => isBlank(v))) return true
    if (ended) {
      skipped.push({ row: n, reason: "signature", text: cells.map(textOf).filter((x) => x !== "").join(" | ") })
      return true
    }
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
    // the date line and signature block under the table: the table has ended (a numbered row is
    // a proposal, so only the others are looked at)
    if (!/^\d+$/.test(sttText)) {
      const texts = cells.map(textOf).filter((x) => x !== "")
      if (texts.some((t) => t.length <= 80 && MAYBE_SIGNATURE.test(t) && (SIGNATURE.test(foldCached(t)) || DATE_LINE.test(t.normalize("NFC"))))) {
        finish()
        ended = true
        skipped.push({ row: n, reason: "signature", text: texts.join(" | ") })
        return true
      }
    }
    // group and subtotal rows
    const firstText = textOf(cells.find((v) => !isBlank(v)))
    for (const t of firstText === sttText || firstText === titleText ? [sttText, titleText] : [sttText, titleText, firstText]) {
      if (t.length <= 120 && /^[tTcC]/.test(t) && SUBTOTAL.test(fold(t))) {
        finish()
        skipped.push({ row: n, reason: "subtotal", text: t })
        return true
      }
    }
    if (ROMAN.test(sttText) || LETTER.test(sttText) || (stt === undefined && /^(?:[IVXLC]+|[A-Z])[.)]\s/.test(titleText))) {
      finish()
      skipped.push({ row: n, reason: "group", text: [sttText, titleText].filter((x) => x !== "").join(" ") })
      return true
    }
    // a line of the proposal above (one row per activity or cost line under one number)
    if (pending !== undefined && continues(pending, cells, sttText, titleText)) {
      addLine(pending, n, cells)
      return !fatal
    }
    // heading: only a title
    if (sttText === "" && titleText !== "") {
      let other = false
      for (const [f, m] of h.columns) if (f !== "title" && f !== "stt" && !isBlank(cells[m.index])) other = true
      if (!other) {
        finish()
        skipped.push({ row: n, reason: "heading", text: titleText })
        return true
      }
    }
    finish()
    startProposal(n, cells, sttText)
    return !fatal
  }

  // -------------------------------------------------------------------------------------------
  // A proposal over one or more rows

  interface Line {
    readonly row: number
    readonly cells: ReadonlyArray<CellValue>
    readonly failed: Set<Field>
    activity: string | undefined
    readonly activityGiven: boolean
    readonly item: string | undefined
    readonly total: bigint | undefined
    readonly support: bigint | undefined
    readonly counterpart: bigint | undefined
    readonly other: bigint | undefined
    readonly hasAmounts: boolean
  }
  interface Group {
    readonly row: number
    readonly cells: ReadonlyArray<CellValue>
    readonly stt: string
    readonly failed: Set<Field>
    readonly values: { readonly [K in string]: Value }
    readonly id: string | undefined
    readonly title: string | undefined
    readonly head: Line
    readonly lines: Array<Line>
    duplicate: boolean
    /** Where this proposal's problems begin in the list (they are put in row and column order). */
    readonly issueStart: number
  }
  let pending: Group | undefined

  const SUB_NUMBER = /^(?:\d{1,3}\.\d{1,3}(?:\.\d{1,3})?|[a-zđ][.)]?|[-–+•*])$/u
  /** The cells of a proposal, not of one of its lines. */
  const PROPOSAL_CELLS: ReadonlyArray<Field> = ["implementingUnit", "implementingUnitCode", "beneficiaries", "location", "province", "duration", "start", "end", "fund", "form", "planYear", "approvalDate"]

  const continues = (g: Group, cells: ReadonlyArray<CellValue>, sttText: string, titleText: string): boolean => {
    const idm = col("id")
    const idText = idm === undefined ? "" : textOf(cells[idm.index])
    const sttFits = sttText === "" || sttText === g.stt || SUB_NUMBER.test(sttText)
    if (!sttFits) return false
    if (idm !== undefined && idText !== "" && idText !== g.id) return false
    const sameTitle = titleText === "" || (g.title !== undefined && (titleText === g.title || fold(titleText) === fold(g.title))) || /^[-–+•*]\s/.test(titleText)
    if (idm !== undefined && idText !== "") return sameTitle
    if (!sameTitle) return false
    // without the proposal's number, a line leaves the proposal's own cells blank, or repeats the
    // title and every one of them: a row with its own implementing unit is a proposal (one whose
    // title is missing is said so, not joined to the one above)
    const repeats = titleText !== "" && !/^[-–+•*]\s/.test(titleText)
    for (const f of PROPOSAL_CELLS) {
      const m = col(f)
      if (m === undefined) continue
      const here = textOf(cells[m.index])
      if (here === "") continue
      if (!repeats) {
        if (f === "implementingUnit") return false
        continue
      }
      if (here !== textOf(g.cells[m.index])) return false
    }
    // something of a line: an activity, an item or an amount
    for (const f of ["activity", "item", "total", "requestedSupport"] as const) {
      const m = col(f)
      if (m !== undefined && !isBlank(cells[m.index])) return true
    }
    return false
  }

  /** Read the cells of one row; `fail` records problems on that row. */
  const cellReader = (n: number, cells: ReadonlyArray<CellValue>, failed: Set<Field>) => {
    const fail = (f: Field, code: string, detail: string, params?: Readonly<Record<string, string | number>>) => {
      failed.add(f)
      add(issueAt(place(n, col(f), cells, f), code, detail, params))
    }
    const raw = (f: Field): CellValue | undefined => {
      const m = col(f)
      return m === undefined ? undefined : (cells[m.index] ?? null)
    }
    const empty = (f: Field) => fail(f, "import/empty-required", `${LABEL[f]} is required but the cell is empty`)
    const text = (f: Field, required: boolean): string | undefined => {
      const v = raw(f)
      if (v === undefined) return undefined
      if (typeof v === "string") {
        // readText's value for text, without its result objects (blank or only whitespace: empty)
        const t = trimText(v.normalize("NFC"))
        if (t === "") {
          if (required) empty(f)
          return undefined
        }
        return t
      }
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
        fail(f, r.code, r.detail, r.params)
        return undefined
      }
      return r.value
    }
    return { fail, raw, empty, text, amount }
  }

  const readLine = (
    n: number,
    cells: ReadonlyArray<CellValue>,
    failed: Set<Field>,
    inherit: string | undefined,
    required: boolean,
    c: ReturnType<typeof cellReader> = cellReader(n, cells, failed)
  ): Line => {
    const activityText = c.text("activity", false)
    let activity: string | undefined
    if (activityText !== undefined) {
      activity = catalogue.resolve(activityText)
      if (activity === undefined) {
        const near = catalogue.suggest(activityText)
        c.fail(
          "activity",
          "import/unknown-activity",
          `"${activityText}" is not an activity (nội dung hoạt động) of the catalogue${
            near.length === 0
              ? `; write a code (${[...catalogue.codes].slice(0, 6).join(", ")}, …), the activity's name or a short form of it`
              : `; did you mean ${near.map((x) => `"${x.name}" (${x.code})`).join(" or ")}?`
          }`,
          { found: activityText, suggestions: near.map((x) => x.code).join(", "), closest: near.map((x) => `"${x.name}"`).join(" / ") }
        )
      }
    } else if (inherit !== undefined) activity = inherit
    else if (required && col("activity") !== undefined && !failed.has("activity")) c.empty("activity")
    const itemText = c.text("item", false)
    const item = itemText === undefined ? undefined : activity === undefined ? itemText : (catalogue.item(activity, itemText) ?? itemText)
    const total = c.amount("total", required ? "required" : "optional")
    const support = c.amount("requestedSupport", required ? "required" : "optional")
    const other = c.amount("otherStateFunding", "optional")
    let counterpart: bigint | undefined
    if (col("counterpartFunding") !== undefined) counterpart = c.amount("counterpartFunding", "zero-if-blank")
    else if (total !== undefined && support !== undefined && !failed.has("otherStateFunding")) counterpart = total - support - (other ?? 0n)
    const amountCell = (f: Field) => {
      const v = c.raw(f)
      return v !== undefined && !isBlank(v)
    }
    return {
      row: n,
      cells,
      failed,
      activity,
      activityGiven: activityText !== undefined,
      item,
      total,
      support,
      counterpart,
      other,
      hasAmounts: amountCell("total") || amountCell("requestedSupport")
    }
  }

  /** A text as a row's key holds it: lower-cased, and squashed and in NFC when it has whitespace a person would not see or combining marks. */
  const keyText = (v: string): string => (squashable(v) ? squash(v).normalize("NFC") : v).toLowerCase()
  /** Short texts repeat down a register (units, provinces, activities): each is lower-cased once (not in a column of unique texts). */
  const keyTextCached = columnCache(keyText, 4096)
  /** The columns a row's key is made of: each mapped field's but STT's and the id's, in the order of FIELDS. */
  let keyColumns: ReadonlyArray<number> = []
  const keyColumnsOf = (h: Header): ReadonlyArray<number> => {
    const out: Array<number> = []
    for (const f of FIELDS) {
      if (f === "stt" || f === "id") continue
      const m = h.columns.get(f)
      if (m !== undefined) out.push(m.index)
    }
    return out
  }
  /**
   * A row's key for duplicate detection. Rows are duplicates when their texts are equal: `prefix`,
   * then for each of {@link keyColumns} U+0001 and the value: `s` and the text squashed and
   * lower-cased, `d` and a date's time, `e` and an error, or the type and the value
   * (`number1500`). The key is the hash (./internal/rowkey.ts) of that text fed in pieces, never
   * built, with a number fed as its bits (`keyAddNumber`: equal exactly when their texts are):
   * without U+0001 in its cells a row's text splits into its values one way only, so equal
   * texts are equal values and the key is the same. A row with U+0001 in a text cell (never
   * the same text as a row without) is keyed by its text as written out, numbers included.
   */
  const rowKey = (cells: ReadonlyArray<CellValue>, prefix: string): void => {
    const cols = keyColumns
    let plain = true
    for (let i = 0; i < cols.length; i++) {
      const v = valueOf(cells[cols[i] as number])
      if (typeof v === "string" ? v.includes("\u0001") : typeof v === "object" && v !== null && !(v instanceof Date) && v.error.includes("\u0001")) {
        plain = false
        break
      }
    }
    keyStart()
    keyAdd(plain ? "\u0002" : "\u0003")
    keyAdd(prefix)
    for (let i = 0; i < cols.length; i++) {
      const v = valueOf(cells[cols[i] as number])
      if (v === null || v === undefined) keyAdd("\u0001")
      else if (typeof v === "string") {
        keyAdd("\u0001s")
        keyAdd(v.length <= 64 ? keyTextCached(v, i) : keyText(v))
      } else if (typeof v === "number") {
        if (plain) {
          keyAdd("\u0001n")
          keyAddNumber(v)
        } else {
          keyAdd("\u0001number")
          keyAdd(String(v))
        }
      } else if (v instanceof Date) {
        keyAdd("\u0001d")
        keyAdd(String(v.getTime()))
      } else if (typeof v === "object") {
        keyAdd("\u0001e")
        keyAdd(v.error)
      } else keyAdd(v ? "\u0001booleantrue" : "\u0001booleanfalse")
    }
    keyEnd()
  }

  const startProposal = (n: number, cells: ReadonlyArray<CellValue>, sttText: string): void => {
    const h = header as Header
    const issueStart = issues.length
    const failed = new Set<Field>()
    const c = cellReader(n, cells, failed)

    const id = h.columns.has("id") ? c.text("id", true) : `${idPrefix}${n}`
    const titleV = c.text("title", true)
    const head = readLine(n, cells, failed, undefined, false, c)
    const unitName_ = c.text("implementingUnit", true)
    const unitCode = c.text("implementingUnitCode", false)
    const benText = c.text("beneficiaries", false)
    const beneficiaries = failed.has("beneficiaries") ? undefined : benText === undefined ? [] : splitList(benText)

    // form
    let form: Row["form"] | undefined
    const formText = c.text("form", false)
    if (formText !== undefined) {
      form = FORMS.get(foldCached(formText))
      if (form === undefined) c.fail("form", "import/bad-value", `"${formText}" is not a form (hình thức đề án); expected Đơn lẻ, Nhóm, Thí điểm or Nhiệm vụ`)
    } else if (!failed.has("form")) form = (beneficiaries?.length ?? 0) >= 2 ? "group" : "single"

    // fund
    let fund: "national" | "local" | undefined
    const fundCell = c.raw("fund")
    if (fundCell === undefined || isBlank(fundCell)) {
      fund = fundDefault
      if (fund === undefined && fundCell !== undefined) c.empty("fund")
    } else {
      const ft = c.text("fund", true)
      if (ft !== undefined) {
        fund = FUNDS.get(foldCached(ft))
        if (fund === undefined) c.fail("fund", "import/bad-value", `"${ft}" is not a fund (nguồn kinh phí); expected Quốc gia (KCQG) or Địa phương (KCĐP)`)
      }
    }

    // plan year
    let planYear: number | undefined
    const yearCell = c.raw("planYear")
    if (yearCell === undefined || isBlank(yearCell)) {
      planYear = planYearDefault
      if (planYear === undefined && yearCell !== undefined) c.empty("planYear")
    } else {
      const sv = shownValue(yearCell)
      if (!sv.ok) c.fail("planYear", sv.code, sv.detail)
      else if (typeof sv.value === "number" && Number.isSafeInteger(sv.value)) planYear = sv.value
      else if (typeof sv.value === "string" && /^\s*(?:năm\s*)?\d{4}\s*$/iu.test(sv.value)) planYear = Number(/\d{4}/.exec(sv.value)?.[0])
      else c.fail("planYear", "import/bad-value", `${LABEL.planYear} must be a year such as 2024`)
    }

    // dates: what the cells give, the rest from the plan year (with a warning)
    let start: LocalDate.LocalDate | undefined
    let end: LocalDate.LocalDate | undefined
    const date = (f: Field): LocalDate.LocalDate | undefined => {
      const v = c.raw(f)
      if (v === undefined || isBlank(v)) return undefined
      const r = readDate(v, dateSystem)
      if (!r.ok) {
        c.fail(f, r.code, r.detail)
        return undefined
      }
      return r.value
    }
    let blankPeriod: Field | undefined
    if (h.columns.has("start") || h.columns.has("end")) {
      start = date("start")
      end = date("end")
      if (h.columns.has("start") && start === undefined && !failed.has("start")) blankPeriod = "start"
      else if (h.columns.has("end") && end === undefined && !failed.has("end")) blankPeriod = "end"
    } else {
      const v = c.raw("duration")
      if (v !== undefined) {
        if (isBlank(v)) blankPeriod = "duration"
        else {
          const r = readPeriod(v, planYear)
          if (!r.ok) c.fail("duration", r.code, r.detail)
          else {
            start = r.start
            end = r.end
            if (r.yearFromPlan === true)
              warnRows("year-from-plan", n, () =>
                issueAt(place(n, col("duration"), cells, "duration"), "import/period-year-defaulted", `the period ${describe(v)} names no year: the plan year ${planYear ?? ""} was taken`, {
                  year: planYear ?? ""
                })
              )
            if (end === undefined) blankPeriod = "end"
          }
        }
      }
    }
    const periodFailed = failed.has("start") || failed.has("end") || failed.has("duration")
    if (!periodFailed && planYear !== undefined && (start === undefined || end === undefined)) {
      const filled: Array<string> = []
      if (start === undefined) {
        start = LocalDate.makeOrThrow(planYear, 1, 1)
        filled.push(`the start as ${LocalDate.formatVi(start)}`)
      }
      if (end === undefined) {
        end = LocalDate.makeOrThrow(Math.max(planYear, LocalDate.year(start)), 12, 31)
        filled.push(`the end as ${LocalDate.formatVi(end)}`)
      }
      if (blankPeriod !== undefined) {
        const f = blankPeriod
        warnRows(`period-${f}`, n, () =>
          issueAt(place(n, col(f), cells, f), "import/period-defaulted", `${LABEL[f]} is empty: ${filled.join(" and ")} (plan year ${planYear})`, { field: f, year: planYear ?? "" })
        )
      }
    }
    const approvalDate = date("approvalDate")

    // locations
    const locText = c.text("location", false)
    const provinceCell = c.text("province", false)
    const provinceHere = provinceCell ?? provinceDefault
    let locations: ReadonlyArray<Location> | undefined = failed.has("location") ? undefined : []
    if (locText !== undefined) {
      if (options.location !== undefined) {
        const r = options.location(locText, start)
        if (r.ok) locations = r.value
        else {
          c.fail("location", "import/bad-value", r.error)
          locations = undefined
        }
      } else {
        const out: Array<Location> = []
        for (const part of splitList(locText)) {
          // registers repeat their locations: each text is read once for a date and province
          const lk = `${part}\u0000${start ?? ""}\u0000${provinceHere ?? ""}`
          let cached = locationCache.get(lk)
          if (cached === undefined) {
            const read = readLocation(part, start, provinceHere)
            // the location without what only the reading needs (one copy: the decoder copies it)
            let stripped: Location | undefined
            if (read.ok) {
              const { contextual: _c, check: _k, ...loc } = read.value
              stripped = loc
            }
            cached = { read, loc: stripped }
            if (locationCache.size >= 4096) locationCache.clear()
            locationCache.set(lk, cached)
          }
          const r = cached.read
          if (!r.ok || cached.loc === undefined) {
            if (!r.ok) c.fail("location", r.code, r.detail)
            break
          }
          const { contextual, check } = r.value
          const loc = cached.loc
          const prefix = loc.commune === undefined || check === undefined ? "" : COMMUNE_PREFIX[loc.commune.kind]
          const communeName = loc.commune === undefined || check === undefined ? "" : `${prefix.charAt(0).toLocaleUpperCase("vi")}${prefix.slice(1)} ${loc.commune.name}`
          const provinceFrom = contextual && check !== undefined ? `, taken from ${provinceCell !== undefined ? "the province column" : options.province !== undefined ? "options.province" : "the title"},` : ""
          if (check?.status === "unchecked")
            warnRows("commune", n, () =>
              issueAt(
                place(n, col("location"), cells, "location"),
                "import/commune-unchecked",
                `the commune-level unit "${communeName}" is recorded as written, not checked: ${start === undefined ? "the row has no date to choose the list of communes by" : `no list of communes is known for the province code ${loc.provinceCode} on ${LocalDate.formatVi(start)}`}`,
                { commune: loc.commune?.name ?? "", province: loc.provinceCode }
              )
            )
          else if (check?.status === "unknown" && start !== undefined) {
            const closest = check.closest.map((x) => `"${x}"`)
            // the list before the reorganisation is one snapshot: a commune merged or renamed
            // between the row's date and the snapshot's is missing from it
            const listed = start < check.asOf ? LocalDate.formatVi(check.asOf) : undefined
            warnRows(`commune:${loc.provinceCode}:${fold(communeName)}`, n, () =>
              issueAt(
                place(n, col("location"), cells, "location"),
                "import/unknown-commune",
                `the commune-level unit "${communeName}" is not among the communes of the province ${loc.provinceName ?? loc.provinceCode} (code ${loc.provinceCode})${provinceFrom} on ${LocalDate.formatVi(start)}${listed === undefined ? "" : ` (the list is as of ${listed}: a commune merged or renamed before then is missing from it)`}; it is recorded as written${closest.length === 0 ? "" : `; did you mean ${closest.join(" or ")}?`}`,
                {
                  commune: communeName,
                  province: loc.provinceName ?? loc.provinceCode,
                  date: LocalDate.formatVi(start),
                  ...(listed === undefined ? {} : { listed }),
                  ...(closest.length === 0 ? {} : { closest: closest.join(" / ") })
                }
              )
            )
          }
          // the district level ended on the day provinces were reorganised (the two-level local
          // government of 2025); a district on a later date names no unit
          if (loc.district !== undefined && start !== undefined && start >= AdminUnits.reorganisationDay())
            warnRows("district", n, () =>
              issueAt(
                place(n, col("location"), cells, "location"),
                "import/district-abolished",
                `"${loc.district ?? ""}" is recorded as written, but on ${LocalDate.formatVi(start)} there are no districts (cấp huyện): from ${LocalDate.formatVi(AdminUnits.reorganisationDay())} communes come directly under the province; write the commune as it is named from that day, and the province`,
                { district: loc.district ?? "", date: LocalDate.formatVi(start), abolished: LocalDate.formatVi(AdminUnits.reorganisationDay()) }
              )
            )
          out.push(loc)
        }
        locations = failed.has("location") ? undefined : out
      }
    } else if (provinceCell !== undefined && !failed.has("province")) {
      const p = provinceOf(provinceCell, start)
      if (p.ok) locations = [p.value]
      else c.fail("province", p.code, p.detail)
    }

    rowKey(cells, "")
    const earlier = seenKeys.find()
    const group: Group = {
      row: n,
      cells,
      stt: sttText,
      failed,
      id,
      title: titleV,
      head,
      lines: [],
      duplicate: false,
      issueStart,
      values: {
        id,
        title: titleV,
        fund,
        form,
        implementingUnit: unitName_,
        implementingUnitCode: unitCode,
        beneficiaries,
        locations,
        planYear,
        start: sharedDate(start),
        end: sharedDate(end),
        approvalDate: sharedDate(approvalDate)
      }
    }
    if (earlier !== undefined) {
      const m = h.columns.get("id") ?? h.columns.get("title")
      add(
        issueAt(
          place(n, m, cells, m?.field ?? "title"),
          "import/duplicate-row",
          `the row repeats row ${earlier} (the same values in every column except STT${h.columns.has("id") ? " and the id" : ""}); delete one of them`
        )
      )
      group.duplicate = true
      pending = group
      return
    }
    seenKeys.add(n)
    if (id !== undefined) {
      const before = seenIds.get(id)
      if (before !== undefined) {
        c.fail("id", "import/duplicate-id", `the proposal id (mã đề án) "${id}" is already used in row ${before}`)
        group.duplicate = true
      } else seenIds.set(id, n)
    }
    pending = group
  }

  const addLine = (g: Group, n: number, cells: ReadonlyArray<CellValue>): void => {
    rowKey(cells, `${g.row}`)
    const earlier = seenKeys.find()
    const previous = g.lines[g.lines.length - 1] ?? (g.head.activity !== undefined ? g.head : undefined)
    const line = readLine(n, cells, new Set<Field>(), previous?.activity, true)
    if (earlier !== undefined) {
      const m = col("activity") ?? col("title")
      add(issueAt(place(n, m, cells, m?.field ?? "activity"), "import/duplicate-row", `the row repeats row ${earlier} of the same proposal (the same activity and amounts); delete one of them`))
      line.failed.add("activity")
    } else seenKeys.add(n)
    g.lines.push(line)
  }

  /** Finish the proposal being read: check it as a whole (Proposal.decode) and keep it. */
  const finish = (): void => {
    const g = pending
    pending = undefined
    if (g === undefined) return
    try {
      finishGroup(g)
    } finally {
      // this proposal's problems in row and column order (the validator's after the cells')
      if (issues.length - g.issueStart > 1 && g.issueStart < issues.length) {
        const mine = issues.splice(g.issueStart)
        const at = (i: ImportIssue) => (i.row ?? 0) * 100_000 + (i.column === undefined ? 99_999 : (columnNumber(i.column) ?? 0))
        mine.sort((a, b) => at(a) - at(b))
        issues.push(...mine)
      }
    }
  }

  const finishGroup = (g: Group): void => {
    const h = header as Header
    // the lines: the first row is one unless it only heads lines below it (no activity there)
    const parent = g.lines.length > 0 && !g.head.activityGiven && !g.head.failed.has("activity")
    const lines: ReadonlyArray<Line> = g.lines.length === 0 ? [g.head] : parent ? g.lines : [g.head, ...g.lines]
    if (g.lines.length === 0 && !g.head.activityGiven && !g.failed.has("activity") && col("activity") !== undefined)
      cellReader(g.row, g.cells, g.failed).empty("activity")
    if (g.lines.length === 0 && (g.head.total === undefined || g.head.support === undefined) && !g.head.hasAmounts) {
      const c = cellReader(g.row, g.cells, g.failed)
      if (g.head.total === undefined && !g.failed.has("total")) c.empty("total")
      if (g.head.support === undefined && !g.failed.has("requestedSupport")) c.empty("requestedSupport")
    } else if (g.lines.length === 0) {
      const c = cellReader(g.row, g.cells, g.failed)
      if (g.head.total === undefined && !g.failed.has("total") && isBlank(c.raw("total") ?? null)) c.empty("total")
      if (g.head.support === undefined && !g.failed.has("requestedSupport") && isBlank(c.raw("requestedSupport") ?? null)) c.empty("requestedSupport")
    }
    if (parent) {
      // the heading row's amounts, when it has them, are the sum of its lines
      for (const [f, pick] of [
        ["total", (l: Line) => l.total],
        ["requestedSupport", (l: Line) => l.support],
        ["counterpartFunding", (l: Line) => l.counterpart]
      ] as const) {
        const stated = pick(g.head)
        const m = col(f)
        if (stated === undefined || m === undefined || isBlank(g.cells[m.index])) continue
        if (lines.some((l) => pick(l) === undefined)) continue
        const sum = lines.reduce((a, l) => a + (pick(l) ?? 0n), 0n)
        if (sum !== stated) {
          g.failed.add(f)
          add(
            issueAt(
              place(g.row, m, g.cells, f),
              "import/lines-do-not-add-up",
              `${LABEL[f]} of the proposal, ${Money.format(Money.make(stated))}, is not the sum of its lines in rows ${lines[0]?.row ?? ""}–${lines[lines.length - 1]?.row ?? ""}, ${Money.format(Money.make(sum))}`,
              { stated: stated.toString(), sum: sum.toString(), unit: "đồng" }
            )
          )
        }
      }
    }
    // activities in order of first appearance, their lines in order
    const order: Array<string | undefined> = []
    const byActivity = new Map<string | undefined, Array<Line>>()
    for (const l of lines) {
      let list = byActivity.get(l.activity)
      if (list === undefined) {
        list = []
        byActivity.set(l.activity, list)
        order.push(l.activity)
      }
      list.push(l)
    }
    const lineAt: Array<ReadonlyArray<Line>> = order.map((a) => byActivity.get(a) ?? [])
    const encodedWith = (money: (x: bigint) => number | string): Record<string, unknown> => {
      const encoded = encodedOf(g.values as Parameters<typeof encodedOf>[0])
      encoded["activities"] = lineAt.map((ls, i) => {
        const a: Record<string, unknown> = {
          costLines: ls.map((l) => lineJson(l.item ?? l.activity, l.total, l.support, l.counterpart, l.other, money))
        }
        if (order[i] !== undefined) a["activity"] = order[i]
        return a
      })
      return encoded
    }
    const failedAny = (f: Field) => g.failed.has(f) || lines.some((l) => l.failed.has(f))
    // amounts as JSON integers (the same decoded proposal); a proposal that does not decode is
    // decoded again with the amounts' digits, so that its issues quote them as before
    let encoded = encodedWith(integerOrDigits)
    let decoded = Proposal.decode(encoded)
    if (!decoded.ok) {
      encoded = encodedWith(digits)
      decoded = Proposal.decode(encoded)
    }
    if (!decoded.ok) {
      for (const i of decoded.error.issues) {
        // a register line has quantity 1 and unit cost = total: their issues repeat the total's
        const last = i.path[i.path.length - 1]
        if (i.path[0] === "activities" && (last === "unitCost" || last === "quantity")) continue
        const f = fieldOfPath(i.path, h)
        const ai = typeof i.path[1] === "number" ? i.path[1] : undefined
        const li = i.path[2] === "costLines" && typeof i.path[3] === "number" ? i.path[3] : 0
        const line = ai === undefined ? undefined : lineAt[ai]?.[li]
        const failedHere = (x: Field) => (line === undefined ? failedAny(x) : line.failed.has(x) || g.failed.has(x))
        if (f !== undefined && (failedHere(f) || (f === "counterpartFunding" && !h.columns.has("counterpartFunding") && (failedHere("total") || failedHere("requestedSupport")))))
          continue
        if (f === "activity" && (line?.activity === undefined || failedHere("activity"))) continue
        if ((f === "start" || f === "end") && (failedAny("duration") || failedAny("start") || failedAny("end"))) continue
        const m = f === undefined ? undefined : columnOf(f, h)
        const at = line ?? { row: g.row, cells: g.cells }
        add(issueAt(m === undefined ? { sheet, row: at.row, field: f } : place(at.row, m, at.cells, f ?? m.field), i.code, i.message))
      }
      return
    }
    if (g.duplicate || g.failed.size > 0 || lines.some((l) => l.failed.size > 0)) return
    const rows = g.lines.length === 0 ? undefined : [g.row, ...g.lines.map((l) => l.row)]
    const entry: Entry = rows === undefined ? { row: g.row, proposal: decoded.value } : { row: g.row, proposal: decoded.value, rows }
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
      return processRow(n, convert === undefined ? cells : convert(cells))
    },
    end() {
      if (header === undefined && !fatal) {
        if (!sawAny || buffer.every((b) => b.cells.every((v) => isBlank(v)))) {
          fatal = true
          headerIssue = issueAt({ sheet }, "import/empty-sheet", "the sheet is empty: no register (biểu tổng hợp đề án) to read")
          add(headerIssue)
        } else findHeader(true)
      }
      if (!fatal || header !== undefined) finish()
      for (const c of counted.values())
        warn(
          c.count === 1
            ? c.issue
            : { ...c.issue, message: `${c.issue.message} (and in ${c.count - 1} more ${c.count === 2 ? "row" : "rows"})`, params: { ...c.issue.params, rows: c.count } }
        )
      counted.clear()
      if (overflow > 0) issues.push(issueAt({ sheet }, "import/too-many-issues", `${overflow} more problems were found and not listed (option maxIssues = ${maxIssues})`))
      const register: Register | undefined =
        header === undefined
          ? undefined
          : {
              sheet,
              headerRow,
              context: context ?? {},
              warnings,
              establishments: [],
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
    },
    get context() {
      return context
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
