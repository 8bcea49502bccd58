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
import { type Allocation, LocalDate, Money, type Progress, type Proposal, Result } from "@khuyencong/core"
import type { Errors } from "@khuyencong/core"
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
   * Money columns holding numbers in a larger unit (triệu đồng): the decimals always shown
   * (`2` → `#,##0.00`). When absent, a fractional number (52,8 triệu) is written with `#,##0.##`
   * and a whole one with `#,##0`.
   */
  readonly decimals?: number
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
}

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
 * @example `const o: Report.PlanOptions = { title: "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024", activityNames: { machinery: "Ứng dụng máy móc thiết bị" } }`
 */
export interface PlanOptions {
  readonly title?: string
  readonly subtitle?: ReadonlyArray<string>
  readonly sheet?: string
  /** Write activities by these names (e.g. a catalogue's `nameVi`) instead of their codes. */
  readonly activityNames?: Readonly<Record<string, string>> | ReadonlyMap<string, string>
}

const nameOf = (names: PlanOptions["activityNames"], code: string): string => {
  if (names === undefined) return code
  const n = names instanceof Map ? names.get(code) : (names as Readonly<Record<string, string>>)[code]
  return n ?? code
}

const yearTitle = (years: ReadonlyArray<number>, base: string): string => {
  const ys = [...new Set(years)]
  return ys.length === 1 ? `${base} NĂM ${ys[0]}` : base
}

/**
 * The plan table (kế hoạch khuyến công): one row per approved project, in the register's columns
 * so that it imports back as a register; optional columns (unit code, other state funding,
 * approved amount, approval date, spending item) appear only when some row has them. Totals row
 * "Tổng cộng" sums the amounts.
 * @category plan
 * @since 0.1.0
 * @example `Report.plan(rows).totals?.sum` → `["total", "requestedSupport", "counterpartFunding"]`
 */
export const plan = (rows: ReadonlyArray<PlanRow>, options: PlanOptions = {}): Table => {
  const has = (f: (r: PlanRow) => unknown) => rows.some((r) => f(r) !== undefined)
  const L = Register.defaultLabels
  const columns: Array<Column> = [
    { key: "stt", header: "STT", kind: "integer" },
    { key: "id", header: L.id[0] ?? "Mã đề án", kind: "text" },
    { key: "title", header: L.title[0] ?? "Tên đề án", kind: "text" },
    { key: "activity", header: L.activity[0] ?? "Nội dung hoạt động", kind: "text" }
  ]
  if (has((r) => r.item)) columns.push({ key: "item", header: L.item[0] ?? "Mã nội dung chi", kind: "text" })
  columns.push(
    { key: "form", header: L.form[0] ?? "Hình thức", kind: "text" },
    { key: "implementingUnit", header: L.implementingUnit[0] ?? "Đơn vị thực hiện", kind: "text" }
  )
  if (has((r) => r.implementingUnitCode)) columns.push({ key: "implementingUnitCode", header: L.implementingUnitCode[0] ?? "", kind: "text" })
  columns.push(
    { key: "beneficiaries", header: L.beneficiaries[0] ?? "Đơn vị thụ hưởng", kind: "text" },
    { key: "location", header: L.location[0] ?? "Địa điểm", kind: "text" },
    { key: "start", header: L.start[0] ?? "Thời gian bắt đầu", kind: "date" },
    { key: "end", header: L.end[0] ?? "Thời gian kết thúc", kind: "date" },
    { key: "total", header: `${L.total[0] ?? "Tổng kinh phí"} (đồng)`, kind: "money" },
    { key: "requestedSupport", header: `${L.requestedSupport[0] ?? ""} (đồng)`, kind: "money" },
    { key: "counterpartFunding", header: `${L.counterpartFunding[0] ?? ""} (đồng)`, kind: "money" }
  )
  const sum = ["total", "requestedSupport", "counterpartFunding"]
  if (has((r) => r.otherStateFunding)) {
    columns.push({ key: "otherStateFunding", header: `${L.otherStateFunding[0] ?? ""} (đồng)`, kind: "money" })
    sum.push("otherStateFunding")
  }
  if (has((r) => r.approved)) {
    columns.push({ key: "approved", header: "Kinh phí được duyệt (đồng)", kind: "money" })
    sum.push("approved")
  }
  columns.push(
    { key: "fund", header: L.fund[0] ?? "Nguồn kinh phí", kind: "text" },
    { key: "planYear", header: L.planYear[0] ?? "Năm kế hoạch", kind: "integer" }
  )
  if (has((r) => r.approvalDate)) columns.push({ key: "approvalDate", header: L.approvalDate[0] ?? "Ngày phê duyệt", kind: "date" })
  const table: Table = {
    sheet: options.sheet ?? "Kế hoạch",
    title: options.title ?? yearTitle(rows.map((r) => r.planYear), "KẾ HOẠCH KINH PHÍ KHUYẾN CÔNG"),
    subtitle: options.subtitle ?? ["Đơn vị tính: đồng"],
    columns,
    rows: rows.map((r, i) => ({
      stt: i + 1,
      id: r.id,
      title: r.title,
      activity: nameOf(options.activityNames, r.activity),
      item: r.item,
      form: Register.formLabel(r.form),
      implementingUnit: r.implementingUnit,
      implementingUnitCode: r.implementingUnitCode,
      beneficiaries: r.beneficiaries.join("; "),
      location: Register.formatLocations(r.locations),
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
    })),
    totals: { label: "Tổng cộng", labelColumn: "title", sum }
  }
  return table
}

/**
 * Plan rows of proposals (each with one activity; see `Register.rowOf`), with approved amounts
 * by proposal id when given.
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
    const r = Register.rowOf(p)
    if (!r.ok) return r
    const a = approved?.get(p.id)
    out.push(a === undefined ? r.value : { ...r.value, approved: a })
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
  options: { readonly title?: string; readonly subtitle?: ReadonlyArray<string>; readonly sheet?: string; readonly summary?: AllocationSummary } = {}
): Table => {
  const hasTitle = rows.some((r) => r.title !== undefined)
  const columns: Array<Column> = [
    { key: "stt", header: "STT", kind: "integer" },
    { key: "id", header: "Mã đề án", kind: "text" }
  ]
  if (hasTitle) columns.push({ key: "title", header: "Tên đề án", kind: "text" })
  if (rows.some((r) => r.tier !== undefined)) columns.push({ key: "tier", header: "Nhóm ưu tiên", kind: "integer" })
  columns.push(
    { key: "requested", header: "Kinh phí đề nghị hỗ trợ (đồng)", kind: "money" },
    { key: "allocated", header: "Kinh phí phân bổ (đồng)", kind: "money" },
    { key: "status", header: "Tình trạng", kind: "text" },
    { key: "reason", header: "Lý do", kind: "text" },
    { key: "constraint", header: "Giới hạn áp dụng", kind: "text" }
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
    subtitle: options.subtitle ?? ["Đơn vị tính: đồng"],
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
  options: { readonly keyHeader: string; readonly sheet: string; readonly title?: string; readonly subtitle?: ReadonlyArray<string>; readonly totalRate?: string }
): Table => ({
  sheet: options.sheet,
  title: options.title ?? `TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG - ${options.keyHeader.toUpperCase()}`,
  subtitle: options.subtitle ?? ["Đơn vị tính: đồng"],
  columns: [
    { key: "stt", header: "STT", kind: "integer" },
    { key: "key", header: options.keyHeader, kind: "text" },
    { key: "assigned", header: "Kinh phí được giao (đồng)", kind: "money" },
    { key: "disbursed", header: "Đã giải ngân (đồng)", kind: "money" },
    { key: "rate", header: "Tỷ lệ giải ngân", kind: "text" }
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
  options: { readonly sheet?: string; readonly title?: string; readonly subtitle?: ReadonlyArray<string> } = {}
): Table => ({
  sheet: options.sheet ?? "Theo tháng",
  title: options.title ?? "TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG THEO THÁNG",
  subtitle: options.subtitle ?? ["Đơn vị tính: đồng"],
  columns: [
    { key: "month", header: "Tháng", kind: "month" },
    { key: "disbursed", header: "Giải ngân trong tháng (đồng)", kind: "money" },
    { key: "cumulative", header: "Lũy kế (đồng)", kind: "money" },
    { key: "rate", header: "Tỷ lệ lũy kế", kind: "text" }
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
  options: { readonly title?: string; readonly label?: (dimension: "province" | "fund" | "activity", key: string) => string | undefined } = {}
): ReadonlyArray<Table> => {
  const name = (d: "province" | "fund" | "activity", key: string): string =>
    options.label?.(d, key) ?? (key === "(unassigned)" ? "(chưa xác định)" : d === "fund" ? (FUND_NAMES[key] ?? key) : key)
  const rows = (d: "province" | "fund" | "activity", lines: ReadonlyArray<Progress.Line>): ReadonlyArray<ProgressRow> =>
    lines.map((l) => {
      const r: { -readonly [K in keyof ProgressRow]: ProgressRow[K] } = { key: name(d, l.key), assigned: l.assigned, disbursed: l.disbursed }
      if (l.shown !== undefined) r.rate = l.shown.text
      return r
    })
  const asOf = report.asOf === undefined ? [] : [`Đến ngày ${LocalDate.formatVi(report.asOf)}`]
  const subtitle = [...asOf, "Đơn vị tính: đồng"]
  const totalRate = report.total.shown?.text
  const base = options.title ?? "TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG"
  const opt = (keyHeader: string, sheet: string, suffix: string) => ({
    keyHeader,
    sheet,
    title: `${base} ${suffix}`,
    subtitle,
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
      { title: `${base} THEO THÁNG`, subtitle }
    )
  ]
}
