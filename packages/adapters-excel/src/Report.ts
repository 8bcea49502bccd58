/**
 * Report (báo cáo): the tables this adapter exports, as plain data: the plan (kế hoạch: approved
 * projects and amounts), the allocation result (kết quả phân bổ) and the disbursement progress
 * report (báo cáo tiến độ giải ngân). A {@link Table} has a title, Vietnamese column headers,
 * rows of plain values (text, Money, LocalDate, integers) and a totals row; {@link Xlsx.writeTables}
 * writes it as .xlsx (SUM formulas with cached values) and {@link Csv.formatTable} as CSV.
 *
 * The builders take plain rows, so they work whatever shape the caller's data has; adapters build
 * those rows from core results: {@link planRowsOf} (from proposals), {@link allocationRowsOf}
 * (from `Allocation.Allocation`) and {@link progressTables} (from `Progress.Report`).
 *
 * @example
 * ```ts
 * import { Report, Xlsx } from "@khuyencong/adapters-excel"
 * const table = Report.allocation(Report.allocationRowsOf(result), { title: "KẾT QUẢ PHÂN BỔ KINH PHÍ KHUYẾN CÔNG NĂM 2024" })
 * await Xlsx.writeTables([table], { path: "phan-bo-2024.xlsx" })
 * ```
 * @since 0.1.0
 */
import { AdminUnits, type Allocation, LocalDate, Money, type Progress, type Proposal, Result } from "@khuyencong/core"
import type { Errors } from "@khuyencong/core"
import { catalogueOf } from "./internal/catalogue.js"
import { fold } from "./internal/text.js"
import * as Register from "./Register.js"

// ---------------------------------------------------------------------------------------------
// Table model

/**
 * What a column holds: `text`; `money` (đồng, `#,##0`); `date` (`dd/mm/yyyy`); `integer`
 * (STT, a year); `month` (`YYYY-MM`, shown `MM/YYYY`).
 * @category models
 * @since 0.1.0
 * @example `const k: Report.ColumnKind = "money"`
 */
export type ColumnKind = "text" | "money" | "date" | "integer" | "month"

/**
 * A column: its key in the rows, its Vietnamese header and what it holds.
 * @category models
 * @since 0.1.0
 * @example `const c: Report.Column = { key: "total", header: "Tổng kinh phí (đồng)", kind: "money" }`
 */
export interface Column {
  readonly key: string
  readonly header: string
  readonly kind: ColumnKind
  /** Width in characters; computed from the contents when absent. */
  readonly width?: number
  /**
   * A parent label shared by adjacent columns (a two-row header: "Kinh phí (triệu đồng)" over
   * "Tổng số", "Khuyến công hỗ trợ", "Đối ứng"; "Thời gian thực hiện" over "Bắt đầu", "Kết thúc").
   */
  readonly group?: string
  /**
   * Money columns holding numbers in a larger unit (triệu đồng): the decimals always shown
   * (`2` → `#,##0.00`). When absent, the decimals the column's most precise amount needs, in
   * every row (1.800,0 above 350,5 triệu), and `#,##0` for a column of whole amounts.
   */
  readonly decimals?: number
  /** How a text column's cells are aligned (default left): `right` for a rate such as "52,5%". */
  readonly align?: "left" | "center" | "right"
}

/**
 * A cell value of a report: text, money (bigint đồng), a date (ISO `LocalDate`), a whole number,
 * or nothing.
 * @category models
 * @since 0.1.0
 * @example `const v: Report.Value = Money.make(900_000_000n)`
 */
export type Value = string | bigint | number | undefined

/**
 * A row of a report, by column key.
 * @category models
 * @since 0.1.0
 * @example `const r: Report.TableRow = { stt: 1, id: "HG-01", total: Money.make(900_000_000n) }`
 */
export type TableRow = Readonly<Record<string, Value>>

/**
 * A line under the totals (allocation summary): a label and an amount, with an optional
 * formula over other cells, written `{total:<column key>}` (the totals cell of a column) or
 * `{line:<key>}` (another line's amount), e.g. `"{line:distributable}-{total:allocated}"`.
 * @category models
 * @since 0.1.0
 * @example `const l: Report.FooterLine = { key: "unallocated", label: "Chưa phân bổ", value: Money.make(100_000_000n), formula: "{line:distributable}-{total:allocated}" }`
 */
export interface FooterLine {
  readonly key: string
  readonly label: string
  readonly value: bigint
  readonly formula?: string
}

/**
 * A report table.
 * @category models
 * @since 0.1.0
 * @example `Report.plan(rows).columns.map((c) => c.header)[2]` → `"Tên đề án"`
 */
export interface Table {
  /** Worksheet name (at most 31 characters, no `: \ / ? * [ ]`). */
  readonly sheet: string
  /** Title row. */
  readonly title: string
  /** Lines under the title (a decision reference, "Đơn vị tính: đồng" …). */
  readonly subtitle?: ReadonlyArray<string>
  readonly columns: ReadonlyArray<Column>
  readonly rows: ReadonlyArray<TableRow>
  /** The totals row: its label, the column it sits in, the money columns summed, and other fixed values. */
  readonly totals?: {
    readonly label: string
    readonly labelColumn: string
    readonly sum: ReadonlyArray<string>
    readonly values?: TableRow
  }
  /** Summary lines under the totals: labels in `labelColumn`, amounts in `column`. */
  readonly footer?: { readonly labelColumn: string; readonly column: string; readonly lines: ReadonlyArray<FooterLine> }
  /**
   * The unit money columns are shown in (đơn vị tính; default đồng). Amounts stay exact `bigint`
   * đồng in the rows; a writer divides them exactly (1.350.500.000 đ = 1.350,5 triệu) and writes
   * the note "Đơn vị tính: …" above the table.
   */
  readonly unit?: AmountUnit
  /** The elements of an official document around the table (see {@link Document}); none when absent. */
  readonly document?: Document
  /** Page orientation when printed; default: landscape when the columns are wider than a portrait A4 page. */
  readonly orientation?: "portrait" | "landscape"
}

/**
 * Unit of the amounts of a report (đơn vị tính).
 * @category models
 * @since 0.3.0
 * @example `const u: Report.AmountUnit = "triệu đồng"`
 */
export type AmountUnit = "đồng" | "nghìn đồng" | "triệu đồng" | "tỷ đồng"

/**
 * How many đồng a unit is.
 * @category models
 * @since 0.3.0
 * @example `Report.unitDong("triệu đồng")` → `1000000n`
 */
export const unitDong = (u: AmountUnit): bigint =>
  u === "đồng" ? 1n : u === "nghìn đồng" ? 1_000n : u === "triệu đồng" ? 1_000_000n : 1_000_000_000n

/**
 * A signer of a report (người ký): the position as printed (several lines allowed, e.g.
 * `"KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"`), the note under it and the name.
 * @category document
 * @since 0.3.0
 * @example `const s: Report.Signer = { title: "GIÁM ĐỐC", name: "Nguyễn Văn A" }`
 */
export interface Signer {
  readonly title?: string
  /** Default: "(Ký, ghi rõ họ tên)" for the preparer, "(Ký tên, đóng dấu)" for the head. */
  readonly note?: string
  readonly name?: string
}

/**
 * The instrument a report accompanies ("Kèm theo Quyết định số 15/QĐ-SCT ngày 15/01/2024 của Sở
 * Công Thương tỉnh Hưng Yên").
 * @category document
 * @since 0.3.0
 * @example `const d: Report.Decision = { number: "15/QĐ-SCT", date: LocalDate.parseOrThrow("2024-01-15"), by: "Sở Công Thương tỉnh Hưng Yên" }`
 */
export interface Decision {
  /** Kind of instrument (default "Quyết định"; "Tờ trình", "Công văn" …). */
  readonly kind?: string
  readonly number?: string
  readonly date?: LocalDate.LocalDate
  /** Who issued it ("Sở Công Thương tỉnh Hưng Yên", "UBND tỉnh Hưng Yên"). */
  readonly by?: string
}

/**
 * The elements of an official document (Decree 30/2020/NĐ-CP on clerical work) printed around a
 * report: the issuing body top left ("UBND TỈNH HƯNG YÊN" over "SỞ CÔNG THƯƠNG"), the national
 * motto top right ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" over "Độc lập - Tự do - Hạnh phúc"), the
 * title, "(Kèm theo Quyết định số … ngày … của …)", the unit, the table, then place and date and
 * the signature block (NGƯỜI LẬP BIỂU, THỦ TRƯỞNG ĐƠN VỊ, with room to sign). What is not given is
 * printed as a blank to fill in by hand ("……").
 * @category document
 * @since 0.3.0
 * @example `const d: Report.Document = { province: "Hưng Yên", decision: { number: "15/QĐ-SCT", date: LocalDate.parseOrThrow("2024-01-15"), by: "Sở Công Thương tỉnh Hưng Yên" }, head: { title: "GIÁM ĐỐC", name: "Nguyễn Văn A" } }`
 */
export interface Document {
  /** The province (tỉnh) or centrally-run city: "Hưng Yên" gives "UBND TỈNH HƯNG YÊN", "Hà Nội" "UBND THÀNH PHỐ HÀ NỘI". */
  readonly province?: string
  /** The issuing body, one line each (default: the province's People's Committee over "SỞ CÔNG THƯƠNG"). */
  readonly issuer?: ReadonlyArray<string>
  /** Whether to print the national motto (default `true`). */
  readonly motto?: boolean
  /** The instrument the report accompanies; `false`: no such line. Default: a line with blanks. */
  readonly decision?: Decision | false
  /** The place of the date line (default: the province). */
  readonly place?: string
  /** The date of the date line; blank when absent. */
  readonly date?: LocalDate.LocalDate
  /** NGƯỜI LẬP BIỂU (left); `false`: none. */
  readonly preparer?: Signer | false
  /** THỦ TRƯỞNG ĐƠN VỊ (right); `false`: none. */
  readonly head?: Signer | false
}

/**
 * The text of a document's elements, blanks filled with "……".
 * @category document
 * @since 0.3.0
 * @example `Report.documentText({ province: "Hưng Yên" }).issuer` → `["UBND TỈNH HƯNG YÊN", "SỞ CÔNG THƯƠNG"]`
 */
export const documentText = (
  d: Document
): {
  readonly issuer: ReadonlyArray<string>
  readonly motto: ReadonlyArray<string>
  readonly decision: string | undefined
  readonly placeDate: string
  readonly signers: ReadonlyArray<{ readonly side: "left" | "right"; readonly title: ReadonlyArray<string>; readonly note: string; readonly name: string }>
} => {
  const BLANK = "……"
  const province = d.province === undefined ? undefined : d.province.trim().replace(/^(?:tỉnh|thành phố|tp\.?)\s+/iu, "")
  const city = province !== undefined && isCity(province)
  const issuer = d.issuer ?? [`UBND ${city ? "THÀNH PHỐ" : "TỈNH"} ${province === undefined ? BLANK : province.toLocaleUpperCase("vi")}`, "SỞ CÔNG THƯƠNG"]
  const motto = d.motto === false ? [] : ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
  let decision: string | undefined
  if (d.decision !== false) {
    const x = d.decision ?? {}
    const on = x.date === undefined ? `ngày ${BLANK} tháng ${BLANK} năm ${BLANK}` : `ngày ${LocalDate.formatVi(x.date)}`
    decision = `(Kèm theo ${x.kind ?? "Quyết định"} số ${x.number ?? `${BLANK}/QĐ-${BLANK}`} ${on} của ${x.by ?? BLANK})`
  }
  const place = d.place ?? province ?? BLANK
  const pad = (n: number) => String(n).padStart(2, "0")
  const placeDate =
    d.date === undefined
      ? `${place}, ngày ${BLANK} tháng ${BLANK} năm ${BLANK}`
      : `${place}, ngày ${pad(LocalDate.day(d.date))} tháng ${pad(LocalDate.month(d.date))} năm ${LocalDate.year(d.date)}`
  const signers: Array<{ side: "left" | "right"; title: ReadonlyArray<string>; note: string; name: string }> = []
  if (d.preparer !== false) {
    const p = d.preparer ?? {}
    signers.push({ side: "left", title: (p.title ?? "NGƯỜI LẬP BIỂU").split("\n"), note: p.note ?? "(Ký, ghi rõ họ tên)", name: p.name ?? "" })
  }
  if (d.head !== false) {
    const h = d.head ?? {}
    signers.push({ side: "right", title: (h.title ?? "THỦ TRƯỞNG ĐƠN VỊ").split("\n"), note: h.note ?? "(Ký tên, đóng dấu)", name: h.name ?? "" })
  }
  return { issuer, motto, decision, placeDate, signers }
}

const isCity = (province: string): boolean => {
  const k = fold(province)
  return AdminUnits.provinceVersions().some((p) => p.kind === "centrally-run-city" && (fold(p.shortName) === k || fold(p.name) === k))
}

/**
 * Options shared by the report builders: the unit of amounts and the official document form.
 * @category document
 * @since 0.3.0
 * @example `const o: Report.FormOptions = { unit: "triệu đồng", document: { province: "Hưng Yên" } }`
 */
export interface FormOptions {
  /** Unit of the amounts shown (default: triệu đồng for the plan, đồng for the others). */
  readonly unit?: AmountUnit
  /** The official document form around the table (default: with blanks to fill in); `false`: the table alone. */
  readonly document?: Document | false
}

const formOf = (o: FormOptions, unit: AmountUnit): { readonly unit: AmountUnit; readonly document?: Document } =>
  o.document === false ? { unit: o.unit ?? unit } : { unit: o.unit ?? unit, document: o.document ?? {} }

const withUnit = (header: string, unit: AmountUnit): string => `${header} (${unit})`

/**
 * The exact sum of a money column of a table.
 * @category totals
 * @since 0.1.0
 * @example `Report.columnTotal(table, "total")` → `2850000000n`
 */
export const columnTotal = (table: Table, key: string): Money.Money =>
  Money.sum(table.rows.map((r) => (typeof r[key] === "bigint" ? (r[key] as Money.Money) : Money.zero)))

// ---------------------------------------------------------------------------------------------
// Plan

/**
 * A plan row: a register row with, optionally, the approved amount (kinh phí được duyệt).
 * @category plan
 * @since 0.1.0
 * @example `const r: Report.PlanRow = { ...registerRow, approved: Money.make(900_000_000n) }`
 */
export type PlanRow = Register.Row & { readonly approved?: Money.Money }

/**
 * Options of the plan table.
 * @category plan
 * @since 0.1.0
 * @example `const o: Report.PlanOptions = { title: "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024", unit: "triệu đồng", document: { province: "Hưng Yên" } }`
 */
export interface PlanOptions extends FormOptions {
  readonly title?: string
  readonly subtitle?: ReadonlyArray<string>
  readonly sheet?: string
  /**
   * The catalogue the activity and item names are written from (e.g. a rule pack's `activities`);
   * default: the catalogue of the corpus of the law. Codes the catalogue lacks are written as they are.
   */
  readonly activities?: ReadonlyArray<Register.ActivityEntry>
  /** `short` (default): the short form officials write ("Thông tin tuyên truyền"); `full`: the legal name. */
  readonly activityNameStyle?: "short" | "full"
  /** Write activities by these names instead of the catalogue's. */
  readonly activityNames?: Readonly<Record<string, string>> | ReadonlyMap<string, string>
  /** Names of beneficiaries (cơ sở thụ hưởng) by id, written instead of the ids. */
  readonly beneficiaryNames?: Readonly<Record<string, string>> | ReadonlyMap<string, string> | ((id: string) => string | undefined)
}

const lookup = (names: Readonly<Record<string, string>> | ReadonlyMap<string, string> | ((k: string) => string | undefined) | undefined, k: string): string | undefined => {
  if (names === undefined) return undefined
  if (typeof names === "function") return names(k)
  return names instanceof Map ? names.get(k) : (names as Readonly<Record<string, string>>)[k]
}

const yearTitle = (years: ReadonlyArray<number>, base: string): string => {
  const ys = [...new Set(years)]
  return ys.length === 1 ? `${base} NĂM ${ys[0]}` : base
}

/**
 * The plan table (kế hoạch khuyến công): one row per activity of each approved project (a project
 * with several activities takes several rows under its number, its own cells on the first), in
 * the register's columns so that it imports back as a register: activities and items by their
 * Vietnamese names from the catalogue, beneficiaries by name when `beneficiaryNames` is given,
 * amounts in triệu đồng by default (`unit`) under one header "Kinh phí (triệu đồng)", the period
 * under "Thời gian thực hiện"; optional columns (unit code, other state funding, approved amount,
 * approval date, spending item) appear only when some row has them. A totals row "Tổng cộng" sums
 * the amounts. With the document form by default (see {@link Document}).
 * @category plan
 * @since 0.1.0
 * @example `Report.plan(rows).totals?.sum` → `["total", "requestedSupport", "counterpartFunding"]`
 */
export const plan = (rows: ReadonlyArray<PlanRow>, options: PlanOptions = {}): Table => {
  const has = (f: (r: PlanRow) => unknown) => rows.some((r) => f(r) !== undefined)
  const form = formOf(options, "triệu đồng")
  const L = Register.defaultLabels
  const money = `Kinh phí (${form.unit})`
  const time = "Thời gian thực hiện"
  const columns: Array<Column> = [
    { key: "stt", header: "STT", kind: "integer", width: 4.5 },
    { key: "id", header: L.id[0] ?? "Mã đề án", kind: "text", width: 12.5 },
    { key: "title", header: L.title[0] ?? "Tên đề án", kind: "text", width: 26 },
    { key: "activity", header: L.activity[0] ?? "Nội dung hoạt động", kind: "text", width: 17 }
  ]
  if (has((r) => r.item)) columns.push({ key: "item", header: "Nội dung chi", kind: "text", width: 15 })
  columns.push(
    { key: "form", header: L.form[0] ?? "Hình thức", kind: "text", width: 7.5 },
    { key: "implementingUnit", header: L.implementingUnit[0] ?? "Đơn vị thực hiện", kind: "text", width: 17 }
  )
  if (has((r) => r.implementingUnitCode)) columns.push({ key: "implementingUnitCode", header: L.implementingUnitCode[0] ?? "", kind: "text", width: 9 })
  columns.push(
    { key: "beneficiaries", header: L.beneficiaries[0] ?? "Đơn vị thụ hưởng", kind: "text", width: 17 },
    { key: "location", header: L.location[0] ?? "Địa điểm", kind: "text", width: 14 },
    { key: "start", header: "Bắt đầu", group: time, kind: "date", width: 10.5 },
    { key: "end", header: "Kết thúc", group: time, kind: "date", width: 10.5 },
    { key: "total", header: "Tổng số", group: money, kind: "money", width: 10 },
    { key: "requestedSupport", header: "Khuyến công hỗ trợ", group: money, kind: "money", width: 10 },
    { key: "counterpartFunding", header: "Đối ứng", group: money, kind: "money", width: 10 }
  )
  const sum = ["total", "requestedSupport", "counterpartFunding"]
  if (has((r) => r.otherStateFunding)) {
    columns.push({ key: "otherStateFunding", header: "Ngân sách khác", group: money, kind: "money", width: 10 })
    sum.push("otherStateFunding")
  }
  if (has((r) => r.approved)) {
    columns.push({ key: "approved", header: "Được duyệt", group: money, kind: "money", width: 10 })
    sum.push("approved")
  }
  columns.push(
    { key: "fund", header: L.fund[0] ?? "Nguồn kinh phí", kind: "text", width: 10.5 },
    { key: "planYear", header: L.planYear[0] ?? "Năm kế hoạch", kind: "integer", width: 7.5 }
  )
  if (has((r) => r.approvalDate)) columns.push({ key: "approvalDate", header: L.approvalDate[0] ?? "Ngày phê duyệt", kind: "date", width: 10 })
  const catalogue = options.activityNames === undefined ? catalogueOf(options.activities) : undefined
  const activityName = (code: string): string =>
    lookup(options.activityNames, code) ?? catalogue?.nameOf(code, options.activityNameStyle ?? "short") ?? code
  const itemName = (code: string | undefined): string | undefined => (code === undefined ? undefined : (catalogue?.itemName(code) ?? code))
  const beneficiary = (id: string): string => lookup(options.beneficiaryNames, id) ?? id
  let n = 0
  const out: Array<TableRow> = []
  rows.forEach((r, i) => {
    const continues = i > 0 && rows[i - 1]?.id === r.id
    if (!continues) n++
    out.push(
      continues
        ? {
            id: r.id,
            activity: activityName(r.activity),
            item: itemName(r.item),
            total: r.total,
            requestedSupport: r.requestedSupport,
            counterpartFunding: r.counterpartFunding,
            otherStateFunding: r.otherStateFunding,
            approved: r.approved
          }
        : {
            stt: n,
            id: r.id,
            title: r.title,
            activity: activityName(r.activity),
            item: itemName(r.item),
            form: Register.formLabel(r.form),
            implementingUnit: r.implementingUnit,
            implementingUnitCode: r.implementingUnitCode,
            beneficiaries: r.beneficiaries.map(beneficiary).join("; "),
            location: Register.formatLocations(r.locations, "name"),
            start: r.start,
            end: r.end,
            total: r.total,
            requestedSupport: r.requestedSupport,
            counterpartFunding: r.counterpartFunding,
            otherStateFunding: r.otherStateFunding,
            approved: r.approved,
            fund: Register.fundLabel(r.fund),
            planYear: r.planYear,
            approvalDate: r.approvalDate
          }
    )
  })
  return {
    sheet: options.sheet ?? "Kế hoạch",
    title: options.title ?? yearTitle(rows.map((r) => r.planYear), "KẾ HOẠCH KINH PHÍ KHUYẾN CÔNG"),
    subtitle: options.subtitle ?? [],
    columns,
    rows: out,
    totals: { label: "Tổng cộng", labelColumn: "title", sum },
    orientation: "landscape",
    ...form
  }
}

/**
 * Plan rows of proposals: one row per activity (see `Register.rowsOf`; a proposal with several
 * activities takes several rows under its number), with the approved amount by proposal id on its
 * first row when given.
 * @category plan
 * @since 0.1.0
 * @example `Report.planRowsOf(proposals, new Map([["HG-01", Money.make(900_000_000n)]]))` → `{ ok: true, value: [{ id: "HG-01", approved: 900000000n, … }] }`
 */
export const planRowsOf = (
  proposals: ReadonlyArray<Proposal.Proposal>,
  approved?: ReadonlyMap<string, Money.Money>
): Result.Result<ReadonlyArray<PlanRow>, Errors.ValidationError> => {
  const out: Array<PlanRow> = []
  for (const p of proposals) {
    const a = approved?.get(p.id)
    Register.rowsOf(p).forEach((r, k) => out.push(a === undefined || k > 0 ? r : { ...r, approved: a }))
  }
  return Result.ok(out)
}

// ---------------------------------------------------------------------------------------------
// Allocation

/**
 * An allocation row (kết quả phân bổ của một đề án).
 * @category allocation
 * @since 0.1.0
 * @example `const r: Report.AllocationRow = { id: "A", requested: Money.make(600_000_000n), allocated: Money.make(600_000_000n), status: "Được hỗ trợ toàn bộ" }`
 */
export interface AllocationRow {
  readonly id: string
  readonly title?: string
  readonly tier?: number
  readonly requested: Money.Money
  readonly allocated: Money.Money
  readonly status?: string
  readonly reason?: string
  readonly constraint?: string
}

/**
 * The amounts of an allocation's summary (all optional).
 * @category allocation
 * @since 0.1.0
 * @example `const s: Report.AllocationSummary = { envelope: Money.make(1_000_000_000n), reserve: Money.zero }`
 */
export interface AllocationSummary {
  readonly envelope?: Money.Money
  readonly reserve?: Money.Money
}

/**
 * Vietnamese labels of allocation statuses, reasons and constraints.
 * @category allocation
 * @since 0.1.0
 * @example `Report.allocationLabels.status.funded` → `"Được hỗ trợ toàn bộ"`
 */
const allocationLabels = {
  status: {
    funded: "Được hỗ trợ toàn bộ",
    "partly-funded": "Được hỗ trợ một phần",
    unfunded: "Không được hỗ trợ"
  },
  reason: {
    fits: "Đủ kinh phí",
    partial: "Phân bổ phần kinh phí còn lại",
    scaled: "Giảm theo tỷ lệ",
    "does-not-fit": "Không đủ kinh phí",
    "below-minimum-share": "Dưới mức hỗ trợ tối thiểu",
    "lower-tier": "Thuộc nhóm ưu tiên thấp hơn"
  },
  constraint: {
    envelope: "Kinh phí được giao",
    "province-ceiling": "Mức trần theo tỉnh",
    "unit-ceiling": "Mức trần theo đơn vị thực hiện",
    "activity-ceiling": "Mức trần theo nội dung hoạt động",
    "minimum-share": "Tỷ lệ hỗ trợ tối thiểu",
    none: ""
  }
} as const

/**
 * Allocation rows and summary of a core `Allocation.Allocation`, in ranking order, with
 * Vietnamese statuses; `titles` names the proposals by id.
 * @category allocation
 * @since 0.1.0
 * @example `Report.allocationRowsOf(result).rows[1]` → `{ id: "B", requested: 500000000n, allocated: 0n, status: "Không được hỗ trợ", reason: "Không đủ kinh phí", constraint: "Kinh phí được giao" }`
 */
export const allocationRowsOf = (
  allocation: Allocation.Allocation,
  titles?: ReadonlyMap<string, string> | ((id: string) => string | undefined)
): { readonly rows: ReadonlyArray<AllocationRow>; readonly summary: AllocationSummary } => ({
  rows: allocation.outcomes.map((o) => {
    const title = titles === undefined ? undefined : typeof titles === "function" ? titles(o.id) : titles.get(o.id)
    const row: { -readonly [K in keyof AllocationRow]: AllocationRow[K] } = {
      id: o.id,
      requested: o.requested,
      allocated: o.allocated,
      status: allocationLabels.status[o.status],
      reason: allocationLabels.reason[o.reason],
      constraint: allocationLabels.constraint[o.constraint]
    }
    if (title !== undefined) row.title = title
    if (o.tier !== undefined) row.tier = o.tier
    return row
  }),
  summary: { envelope: allocation.totals.envelope, reserve: allocation.totals.reserve }
})

/**
 * The allocation table (kết quả phân bổ kinh phí): one row per proposal, totals of requested and
 * allocated amounts and, with a summary, the lines Kinh phí được giao, Dự phòng quản lý chương
 * trình, Kinh phí phân bổ, Đã phân bổ and Chưa phân bổ (formulas over the cells above).
 * @category allocation
 * @since 0.1.0
 * @example `Report.allocation(rows, { summary: { envelope: Money.make(1_000_000_000n) } }).footer?.lines.map((l) => l.value)` → `[1000000000n, 0n, 1000000000n, 900000000n, 100000000n]`
 */
export const allocation = (
  rows: ReadonlyArray<AllocationRow>,
  options: { readonly title?: string; readonly subtitle?: ReadonlyArray<string>; readonly sheet?: string; readonly summary?: AllocationSummary } & FormOptions = {}
): Table => {
  const form = formOf(options, "đồng")
  const hasTitle = rows.some((r) => r.title !== undefined)
  const columns: Array<Column> = [
    { key: "stt", header: "STT", kind: "integer", width: 5 },
    { key: "id", header: "Mã đề án", kind: "text", width: 13 }
  ]
  if (hasTitle) columns.push({ key: "title", header: "Tên đề án", kind: "text", width: 36 })
  if (rows.some((r) => r.tier !== undefined)) columns.push({ key: "tier", header: "Nhóm ưu tiên", kind: "integer", width: 8 })
  columns.push(
    { key: "requested", header: withUnit("Kinh phí đề nghị hỗ trợ", form.unit), kind: "money", width: 16 },
    { key: "allocated", header: withUnit("Kinh phí phân bổ", form.unit), kind: "money", width: 16 },
    { key: "status", header: "Tình trạng", kind: "text", width: 18 },
    { key: "reason", header: "Lý do", kind: "text", width: 20 },
    { key: "constraint", header: "Giới hạn áp dụng", kind: "text", width: 18 }
  )
  const labelColumn = hasTitle ? "title" : "id"
  const allocated = Money.sum(rows.map((r) => r.allocated))
  const s = options.summary
  const lines: Array<FooterLine> = []
  if (s?.envelope !== undefined) {
    const reserve = s.reserve ?? Money.zero
    const distributable = Money.subtract(s.envelope, reserve)
    lines.push(
      { key: "envelope", label: "Kinh phí được giao", value: s.envelope },
      { key: "reserve", label: "Dự phòng quản lý chương trình", value: reserve },
      { key: "distributable", label: "Kinh phí phân bổ cho đề án", value: distributable, formula: "{line:envelope}-{line:reserve}" },
      { key: "allocated", label: "Đã phân bổ", value: allocated, formula: "{total:allocated}" },
      { key: "unallocated", label: "Chưa phân bổ", value: Money.subtract(distributable, allocated), formula: "{line:distributable}-{line:allocated}" }
    )
  }
  const base: Table = {
    sheet: options.sheet ?? "Phân bổ",
    title: options.title ?? "KẾT QUẢ PHÂN BỔ KINH PHÍ KHUYẾN CÔNG",
    subtitle: options.subtitle ?? [],
    orientation: "landscape",
    ...form,
    columns,
    rows: rows.map((r, i) => ({
      stt: i + 1,
      id: r.id,
      title: r.title,
      tier: r.tier,
      requested: r.requested,
      allocated: r.allocated,
      status: r.status,
      reason: r.reason,
      constraint: r.constraint
    })),
    totals: { label: "Tổng cộng", labelColumn, sum: ["requested", "allocated"] }
  }
  return lines.length === 0 ? base : { ...base, footer: { labelColumn, column: "allocated", lines } }
}

// ---------------------------------------------------------------------------------------------
// Progress

/**
 * A progress line (tiến độ giải ngân): what it is (a province, fund, activity …), assigned and
 * disbursed amounts and the rate as displayed (e.g. `"20,7%"`, from `Progress.display`).
 * @category progress
 * @since 0.1.0
 * @example `const r: Report.ProgressRow = { key: "Ngân sách trung ương", assigned: Money.make(140_000_000_000n), disbursed: Money.make(29_000_000_000n), rate: "20,7%" }`
 */
export interface ProgressRow {
  readonly key: string
  readonly assigned: Money.Money
  readonly disbursed: Money.Money
  readonly rate?: string
}

/**
 * A month of progress: disbursed in the month, cumulative, and the cumulative rate as displayed.
 * @category progress
 * @since 0.1.0
 * @example `const m: Report.MonthRow = { month: "2024-06", disbursed: Money.make(45_000_000_000n), cumulative: Money.make(45_000_000_000n), rate: "34,6%" }`
 */
export interface MonthRow {
  readonly month: string
  readonly disbursed: Money.Money
  readonly cumulative: Money.Money
  readonly rate?: string
}

/**
 * A progress table by one dimension, with a totals row (sums and the overall rate as given).
 * @category progress
 * @since 0.1.0
 * @example `Report.progress(rows, { keyHeader: "Tỉnh", sheet: "Theo tỉnh", totalRate: "34,6%" }).totals?.values?.rate` → `"34,6%"`
 */
export const progress = (
  rows: ReadonlyArray<ProgressRow>,
  options: { readonly keyHeader: string; readonly sheet: string; readonly title?: string; readonly subtitle?: ReadonlyArray<string>; readonly totalRate?: string } & FormOptions
): Table => ({
  sheet: options.sheet,
  title: options.title ?? `TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG - ${options.keyHeader.toUpperCase()}`,
  subtitle: options.subtitle ?? [],
  ...formOf(options, "đồng"),
  columns: [
    { key: "stt", header: "STT", kind: "integer", width: 5 },
    { key: "key", header: options.keyHeader, kind: "text", width: 34 },
    { key: "assigned", header: withUnit("Kinh phí được giao", formOf(options, "đồng").unit), kind: "money", width: 18 },
    { key: "disbursed", header: withUnit("Đã giải ngân", formOf(options, "đồng").unit), kind: "money", width: 18 },
    { key: "rate", header: "Tỷ lệ giải ngân", kind: "text", width: 11, align: "right" }
  ],
  rows: rows.map((r, i) => ({ stt: i + 1, key: r.key, assigned: r.assigned, disbursed: r.disbursed, rate: r.rate })),
  totals: { label: "Tổng cộng", labelColumn: "key", sum: ["assigned", "disbursed"], values: options.totalRate === undefined ? {} : { rate: options.totalRate } }
})

/**
 * A monthly progress table (tiến độ theo tháng): monthly and cumulative disbursement with the
 * cumulative rate; the totals row sums the months.
 * @category progress
 * @since 0.1.0
 * @example `Report.progressByMonth(months).columns.map((c) => c.header)` → `["Tháng", "Giải ngân trong tháng (đồng)", "Lũy kế (đồng)", "Tỷ lệ lũy kế"]`
 */
export const progressByMonth = (
  rows: ReadonlyArray<MonthRow>,
  options: { readonly sheet?: string; readonly title?: string; readonly subtitle?: ReadonlyArray<string> } & FormOptions = {}
): Table => ({
  sheet: options.sheet ?? "Theo tháng",
  title: options.title ?? "TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG THEO THÁNG",
  subtitle: options.subtitle ?? [],
  ...formOf(options, "đồng"),
  columns: [
    { key: "month", header: "Tháng", kind: "month", width: 10 },
    { key: "disbursed", header: withUnit("Giải ngân trong tháng", formOf(options, "đồng").unit), kind: "money", width: 20 },
    { key: "cumulative", header: withUnit("Lũy kế", formOf(options, "đồng").unit), kind: "money", width: 20 },
    { key: "rate", header: "Tỷ lệ lũy kế", kind: "text", width: 11, align: "right" }
  ],
  rows: rows.map((r) => ({ month: r.month, disbursed: r.disbursed, cumulative: r.cumulative, rate: r.rate })),
  totals: { label: "Tổng cộng", labelColumn: "month", sum: ["disbursed"] }
})

const FUND_NAMES: Readonly<Record<string, string>> = {
  "central-budget": "Ngân sách trung ương",
  "local-budget": "Ngân sách địa phương",
  other: "Nguồn khác",
  national: "Khuyến công quốc gia",
  local: "Khuyến công địa phương"
}

/**
 * The progress tables of a core `Progress.Report`: by province, fund, activity (each with the
 * overall rate in its totals row) and by month; rates are the report's own display text (its
 * named rounding), never recomputed. `label` renames keys (a province code to its name …);
 * funds and the unassigned key get Vietnamese names by default.
 * @category progress
 * @since 0.1.0
 * @example `Report.progressTables(report).map((t) => t.sheet)` → `["Theo tỉnh", "Theo nguồn", "Theo nội dung", "Theo tháng"]`
 */
export const progressTables = (
  report: Progress.Report,
  options: {
    readonly title?: string
    readonly label?: (dimension: "province" | "fund" | "activity", key: string) => string | undefined
    /** The catalogue activity names come from (default: the corpus of the law). */
    readonly activities?: ReadonlyArray<Register.ActivityEntry>
  } & FormOptions = {}
): ReadonlyArray<Table> => {
  const catalogue = catalogueOf(options.activities)
  const provinceName = (key: string): string | undefined => {
    if (!/^\d{2}$/.test(key)) return undefined
    const on = report.asOf
    const v = on === undefined ? AdminUnits.versionsOf(key) : AdminUnits.versionsOf(key).filter((p) => (p.validFrom === undefined || p.validFrom <= on) && (p.validUntil === undefined || on <= p.validUntil))
    return v.length === 1 ? v[0]?.shortName : undefined
  }
  const name = (d: "province" | "fund" | "activity", key: string): string =>
    options.label?.(d, key) ??
    (key === "(unassigned)"
      ? "(chưa xác định)"
      : d === "fund"
        ? (FUND_NAMES[key] ?? key)
        : d === "activity"
          ? (catalogue.nameOf(key, "short") ?? key)
          : (provinceName(key) ?? key))
  const rows = (d: "province" | "fund" | "activity", lines: ReadonlyArray<Progress.Line>): ReadonlyArray<ProgressRow> =>
    lines.map((l) => {
      const r: { -readonly [K in keyof ProgressRow]: ProgressRow[K] } = { key: name(d, l.key), assigned: l.assigned, disbursed: l.disbursed }
      if (l.shown !== undefined) r.rate = l.shown.text
      return r
    })
  const subtitle = report.asOf === undefined ? [] : [`Đến ngày ${LocalDate.formatVi(report.asOf)}`]
  const totalRate = report.total.shown?.text
  const base = options.title ?? "TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG"
  const form: FormOptions = { ...(options.unit === undefined ? {} : { unit: options.unit }), ...(options.document === undefined ? {} : { document: options.document }) }
  const opt = (keyHeader: string, sheet: string, suffix: string) => ({
    keyHeader,
    sheet,
    title: `${base} ${suffix}`,
    subtitle,
    ...form,
    ...(totalRate === undefined ? {} : { totalRate })
  })
  return [
    progress(rows("province", report.byProvince), opt("Tỉnh", "Theo tỉnh", "THEO TỈNH")),
    progress(rows("fund", report.byFund), opt("Nguồn kinh phí", "Theo nguồn", "THEO NGUỒN KINH PHÍ")),
    progress(rows("activity", report.byActivity), opt("Nội dung hoạt động", "Theo nội dung", "THEO NỘI DUNG HOẠT ĐỘNG")),
    progressByMonth(
      report.byMonth.map((m) => {
        const r: { -readonly [K in keyof MonthRow]: MonthRow[K] } = { month: m.month, disbursed: m.disbursed, cumulative: m.cumulative }
        if (m.shown !== undefined) r.rate = m.shown.text
        return r
      }),
      { title: `${base} THEO THÁNG`, subtitle, ...form }
    )
  ]
}
