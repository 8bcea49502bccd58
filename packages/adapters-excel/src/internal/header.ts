/**
 * Finding the header row (dòng tiêu đề) of a register by its Vietnamese labels, and mapping its
 * columns to register fields.
 */
import { type CellValue, columnLetter, columnNumber, isBlank, valueOf } from "../Cell.js"
import { type Unit, unitOfHeader, unitOfNote } from "./amount.js"
import { fold, squash } from "./text.js"

/** The register fields a column can map to. */
export const FIELDS = [
  "stt",
  "id",
  "title",
  "activity",
  "item",
  "form",
  "implementingUnit",
  "implementingUnitCode",
  "beneficiaries",
  "location",
  "province",
  "duration",
  "start",
  "end",
  "total",
  "requestedSupport",
  "counterpartFunding",
  "otherStateFunding",
  "fund",
  "planYear",
  "approvalDate"
] as const

export type Field = (typeof FIELDS)[number]

export const AMOUNT_FIELDS: ReadonlyArray<Field> = ["total", "requestedSupport", "counterpartFunding", "otherStateFunding"]

/**
 * Default labels, folded (no accents, lower case, punctuation as spaces). The first label of each
 * field is the one written on export.
 */
export const DEFAULT_LABELS: { readonly [F in Field]: ReadonlyArray<string> } = {
  stt: ["STT", "TT", "Số TT", "Số thứ tự"],
  id: ["Mã đề án", "Mã số đề án", "Mã đề án/nhiệm vụ", "Mã", "Mã số"],
  title: [
    "Tên đề án",
    "Tên đề án/nhiệm vụ",
    "Tên nhiệm vụ/đề án",
    "Tên đề án khuyến công",
    "Tên đề án, nhiệm vụ khuyến công",
    "Đề án",
    "Đề án/nhiệm vụ",
    "Tên dự án"
  ],
  activity: [
    "Nội dung hoạt động",
    "Nội dung hoạt động khuyến công",
    "Mã nội dung hoạt động",
    "Mã hoạt động",
    "Nội dung",
    "Hoạt động",
    "Nội dung hỗ trợ",
    "Loại hoạt động",
    "Nội dung khuyến công"
  ],
  item: ["Mã nội dung chi", "Nội dung chi", "Khoản mục chi"],
  form: ["Hình thức", "Hình thức đề án", "Loại đề án", "Loại hình đề án"],
  implementingUnit: [
    "Đơn vị thực hiện",
    "Đơn vị chủ trì",
    "Đơn vị chủ trì thực hiện",
    "Cơ quan thực hiện",
    "Đơn vị thực hiện đề án",
    "Cơ quan chủ trì",
    "Cơ quan, đơn vị chủ trì"
  ],
  implementingUnitCode: ["Mã đơn vị thực hiện", "Mã đơn vị chủ trì"],
  beneficiaries: [
    "Đơn vị thụ hưởng",
    "Cơ sở thụ hưởng",
    "Đối tượng thụ hưởng",
    "Đơn vị, cơ sở thụ hưởng",
    "Cơ sở công nghiệp nông thôn thụ hưởng",
    "Cơ sở CNNT thụ hưởng",
    "Mã cơ sở thụ hưởng",
    "Đơn vị/đối tượng thụ hưởng",
    "Cơ sở tham gia",
    "Cơ sở được hỗ trợ",
    "Đơn vị được hỗ trợ",
    "Tên cơ sở thụ hưởng",
    "Đối tượng hỗ trợ"
  ],
  province: ["Tỉnh", "Tỉnh/thành phố", "Tỉnh, thành phố", "Tỉnh/TP"],
  location: ["Địa điểm", "Địa điểm thực hiện", "Địa bàn", "Địa bàn thực hiện", "Địa chỉ thực hiện", "Nơi thực hiện", "Địa điểm triển khai"],
  duration: ["Thời gian thực hiện", "Thời gian", "Thời gian triển khai", "Thời gian thực hiện đề án", "Tiến độ thực hiện"],
  start: [
    "Thời gian bắt đầu",
    "Thời gian thực hiện bắt đầu",
    "Bắt đầu",
    "Từ ngày",
    "Ngày bắt đầu",
    "Thời gian thực hiện từ ngày",
    "Thời gian từ",
    "Thời gian thực hiện từ",
    "Từ"
  ],
  end: [
    "Thời gian kết thúc",
    "Thời gian thực hiện kết thúc",
    "Kết thúc",
    "Đến ngày",
    "Ngày kết thúc",
    "Thời gian thực hiện đến ngày",
    "Thời gian đến",
    "Thời gian thực hiện đến",
    "Đến",
    "Thời gian hoàn thành",
    "Ngày hoàn thành"
  ],
  total: [
    "Tổng kinh phí",
    "Tổng kinh phí thực hiện",
    "Tổng dự toán",
    "Tổng dự toán kinh phí",
    "Tổng vốn",
    "Tổng vốn đầu tư",
    "Kinh phí tổng",
    "Kinh phí tổng số",
    "Kinh phí tổng cộng",
    "Tổng số",
    "Tổng",
    "Tổng cộng",
    "Tổng kinh phí đề án",
    "Tổng kinh phí dự kiến",
    "Tổng kinh phí dự toán",
    "Kinh phí tổng kinh phí",
    "Thành tiền"
  ],
  requestedSupport: [
    "Kinh phí khuyến công hỗ trợ",
    "Kinh phí khuyến công",
    "Kinh phí KC hỗ trợ",
    "Kinh phí KC",
    "Kinh phí KCQG hỗ trợ",
    "Kinh phí KCĐP hỗ trợ",
    "Kinh phí KCQG",
    "Kinh phí KCĐP",
    "Kinh phí khuyến công quốc gia hỗ trợ",
    "Kinh phí khuyến công địa phương hỗ trợ",
    "Kinh phí khuyến công quốc gia",
    "Kinh phí khuyến công địa phương",
    "Kinh phí đề nghị hỗ trợ",
    "Kinh phí khuyến công đề nghị hỗ trợ",
    "Kinh phí khuyến công hỗ trợ đề nghị",
    "Kinh phí hỗ trợ",
    "Khuyến công hỗ trợ",
    "KC hỗ trợ",
    "Hỗ trợ",
    "Đề nghị hỗ trợ",
    "Kinh phí hỗ trợ từ nguồn khuyến công",
    "Ngân sách khuyến công",
    "Kinh phí ngân sách khuyến công",
    "Kinh phí ngân sách hỗ trợ",
    "Kinh phí ngân sách nhà nước hỗ trợ",
    "Ngân sách nhà nước hỗ trợ",
    "Kinh phí nhà nước hỗ trợ",
    "Kinh phí ngân sách"
  ],
  counterpartFunding: [
    "Kinh phí đối ứng",
    "Đối ứng",
    "Vốn đối ứng",
    "Kinh phí cơ sở đối ứng",
    "Cơ sở đối ứng",
    "Đơn vị đối ứng",
    "Vốn đối ứng của cơ sở",
    "Kinh phí đối ứng của cơ sở",
    "Vốn của cơ sở",
    "Kinh phí của cơ sở",
    "Đóng góp của cơ sở",
    "Vốn cơ sở",
    "Kinh phí vốn đối ứng",
    "Kinh phí đối ứng cơ sở",
    "Vốn đối ứng cơ sở",
    "Kinh phí cơ sở"
  ],
  otherStateFunding: [
    "Nguồn ngân sách khác",
    "Ngân sách khác",
    "Kinh phí ngân sách khác",
    "Nguồn khác",
    "Kinh phí nguồn khác",
    "Vốn khác",
    "Kinh phí khác",
    "Kinh phí nguồn ngân sách khác",
    "Kinh phí vốn khác"
  ],
  fund: [
    "Nguồn kinh phí",
    "Nguồn",
    "Quỹ",
    "Quỹ/nguồn",
    "Nguồn vốn",
    "Cấp",
    "Quỹ khuyến công",
    "Nguồn kinh phí khuyến công",
    "KCQG/KCĐP",
    "Loại kinh phí",
    "Cấp quản lý",
    "Nguồn quỹ",
    "Quỹ/nguồn (quốc gia/địa phương)",
    "Nguồn (quốc gia/địa phương)",
    "Quỹ (quốc gia/địa phương)"
  ],
  planYear: ["Năm kế hoạch", "Năm", "Kế hoạch năm", "Năm thực hiện", "Năm kế hoạch khuyến công"],
  approvalDate: ["Ngày phê duyệt", "Ngày quyết định phê duyệt", "Ngày duyệt", "Ngày QĐ phê duyệt"]
}

/** Where a user's mapping points a field: a header label, or a column by its letters. */
export type ColumnRef = string | { readonly column: string } | { readonly header: string }

/** A mapped column. */
export interface Mapped {
  readonly field: Field
  /** 0-based column index. */
  readonly index: number
  readonly letter: string
  /** Header text as written (two-row headers: "parent / child"). */
  readonly header: string
  /** Unit of an amount column (from its header, a sheet note or the options). */
  readonly unit: Unit | undefined
}

export interface Header {
  /** 0-based index of the first header row in the rows given. */
  readonly at: number
  readonly depth: 1 | 2
  readonly columns: ReadonlyMap<Field, Mapped>
  /** Folded text of a fund / unit note found above the header (for issues). */
  readonly note: Unit | undefined
}

/** Text of a header cell as written (squashed whitespace). */
const cellText = (v: CellValue | undefined): string => {
  const s = valueOf(v)
  if (s === null || s === undefined) return ""
  if (typeof s === "string") return squash(s)
  if (typeof s === "number" || typeof s === "boolean") return String(s)
  return ""
}

const stripParens = (s: string): string => s.replace(/\([^()]*\)/g, " ")

/** Folded label without units in parentheses and a leading "trong đó" ("of which"). */
const labelKey = (s: string): string =>
  fold(stripParens(s))
    .replace(/^trong do\s+/, "")
    .replace(/^(?:chia ra|bao gom)\s+/, "")

const MONEY_PARENT = /\b(?:kinh phi|du toan|von|ngan sach|nguon von)\b/
const TIME_PARENT = /\bthoi gian\b/

/** Folded candidate labels of a (parent, child) header. */
const candidates = (top: string, bottom: string): ReadonlyArray<string> => {
  if (bottom === "") return [labelKey(top)]
  if (top === "") return [labelKey(bottom)]
  const t = labelKey(top)
  const b = labelKey(bottom)
  const out = [`${t} ${b}`.trim()]
  if (MONEY_PARENT.test(t)) out.push(`kinh phi ${b}`, b)
  if (TIME_PARENT.test(t)) out.push(`thoi gian ${b}`)
  return out
}

const labelIndex = (labels: { readonly [F in Field]: ReadonlyArray<string> }): Map<string, Field> => {
  const m = new Map<string, Field>()
  for (const f of FIELDS) for (const l of labels[f]) if (!m.has(labelKey(l))) m.set(labelKey(l), f)
  return m
}

export interface Spec {
  readonly labels: { readonly [F in Field]: ReadonlyArray<string> }
  /** User's mapping by letter: field → 0-based index. */
  readonly byLetter: ReadonlyMap<Field, number>
  /** User's mapping by header: folded label → field (take precedence over defaults). */
  readonly byHeader: ReadonlyMap<string, Field>
  readonly required: ReadonlyArray<Field | readonly [Field, ...Array<Field>]>
  readonly units: { readonly [F in Field]?: Unit }
}

export const makeSpec = (
  columns: { readonly [F in Field]?: ColumnRef } | undefined,
  required: Spec["required"],
  units: Spec["units"]
): { ok: true; spec: Spec } | { ok: false; detail: string } => {
  const byLetter = new Map<Field, number>()
  const byHeader = new Map<string, Field>()
  for (const f of FIELDS) {
    const ref = columns?.[f]
    if (ref === undefined) continue
    if (typeof ref === "string") byHeader.set(labelKey(ref), f)
    else if ("column" in ref) {
      const n = columnNumber(ref.column)
      if (n === undefined) return { ok: false, detail: `the column "${ref.column}" given for ${f} is not a column letter such as "H"` }
      byLetter.set(f, n - 1)
    } else byHeader.set(labelKey(ref.header), f)
  }
  return { ok: true, spec: { labels: DEFAULT_LABELS, byLetter, byHeader, required, units } }
}

const INDEX_CACHE = new WeakMap<object, Map<string, Field>>()
const defaultIndex = (labels: Spec["labels"]): Map<string, Field> => {
  let m = INDEX_CACHE.get(labels)
  if (m === undefined) {
    m = labelIndex(labels)
    INDEX_CACHE.set(labels, m)
  }
  return m
}

/** A rectangular merge of cells, 0-based inclusive bounds. */
export interface Merge {
  readonly top: number
  readonly left: number
  readonly bottom: number
  readonly right: number
}

/** Parse `"A1:C2"` into a merge (0-based). */
export const parseMerge = (ref: string): Merge | undefined => {
  const m = /^([A-Za-z]{1,3})(\d+):([A-Za-z]{1,3})(\d+)$/.exec(ref.trim())
  if (m === null) return undefined
  const l = columnNumber(m[1] ?? "")
  const r = columnNumber(m[3] ?? "")
  if (l === undefined || r === undefined) return undefined
  return { top: Number(m[2]) - 1, left: l - 1, bottom: Number(m[4]) - 1, right: r - 1 }
}

interface Attempt {
  readonly at: number
  readonly depth: 1 | 2
  readonly columns: Map<Field, Mapped>
  readonly ambiguous: Array<readonly [Field, Mapped, Mapped]>
  readonly required: number
  readonly missing: ReadonlyArray<string>
}

const requirementMet = (cols: ReadonlyMap<Field, unknown>, r: Field | readonly [Field, ...Array<Field>]): boolean =>
  typeof r === "string" ? cols.has(r) : r.every((f) => cols.has(f))

/** Name of a requirement for messages: `"title"`, or `"start + end"`. */
const requirementName = (r: Field | readonly [Field, ...Array<Field>]): string => (typeof r === "string" ? r : r.join(" + "))

/**
 * Try one interpretation of the header: rows `at` (and `at + 1` when depth is 2).
 * `rowNumbers[i]` is the sheet row (0-based) of `rows[i]`, to apply merges.
 */
const attempt = (
  rows: ReadonlyArray<ReadonlyArray<CellValue>>,
  rowNumbers: ReadonlyArray<number>,
  at: number,
  depth: 1 | 2,
  spec: Spec,
  merges: ReadonlyArray<Merge> | undefined,
  groups: ReadonlyArray<ReadonlyArray<Field | readonly [Field, ...Array<Field>]>>,
  note: Unit | undefined
): Attempt => {
  const topRow = rows[at] ?? []
  const bottomRow = depth === 2 ? (rows[at + 1] ?? []) : []
  const width = Math.max(topRow.length, bottomRow.length)
  const top: Array<string> = []
  const bottom: Array<string> = []
  for (let c = 0; c < width; c++) {
    top.push(cellText(topRow[c]))
    bottom.push(cellText(bottomRow[c]))
  }
  if (depth === 2) {
    const topSheetRow = rowNumbers[at] ?? at
    if (merges !== undefined) {
      // exact: a cell covered by a merge shows the merge's first cell
      for (const m of merges) {
        if (m.top !== topSheetRow) continue
        const master = top[m.left] ?? ""
        for (let c = m.left + 1; c <= m.right && c < width; c++) if (top[c] === "") top[c] = master
      }
    } else {
      // heuristic (streamed files carry merges after the rows): a parent label spans the empty
      // top cells to its right while every column below it has a child label
      for (let c = 0; c < width; c++) {
        if (top[c] === "" || bottom[c] === "") continue
        for (let d = c + 1; d < width && top[d] === "" && bottom[d] !== ""; d++) top[d] = top[c] ?? ""
      }
    }
  }
  const index = defaultIndex(spec.labels)
  const columns = new Map<Field, Mapped>()
  const ambiguous: Array<readonly [Field, Mapped, Mapped]> = []
  const userFields = new Set<Field>([...spec.byHeader.values(), ...spec.byLetter.keys()])
  const letterOf = new Map<number, Field>()
  for (const [f, i] of spec.byLetter) letterOf.set(i, f)
  for (let c = 0; c < width; c++) {
    const t = top[c] ?? ""
    const b = bottom[c] ?? ""
    const header = t !== "" && b !== "" ? `${t} / ${b}` : t !== "" ? t : b
    let field: Field | undefined = letterOf.get(c)
    if (field === undefined) {
      if (t === "" && b === "") continue
      for (const k of candidates(t, b)) {
        field = spec.byHeader.get(k)
        if (field === undefined) {
          const d = index.get(k)
          if (d !== undefined && !userFields.has(d)) field = d
        }
        if (field !== undefined) break
      }
    }
    if (field === undefined) continue
    const unit = spec.units[field] ?? unitOfHeader(b) ?? unitOfHeader(t) ?? note
    const mapped: Mapped = { field, index: c, letter: columnLetter(c + 1), header, unit }
    const prev = columns.get(field)
    if (prev !== undefined) {
      if (spec.byLetter.has(field)) continue
      ambiguous.push([field, prev, mapped])
      continue
    }
    columns.set(field, mapped)
  }
  // letters given for columns past the header's width
  for (const [f, i] of spec.byLetter) {
    if (!columns.has(f)) columns.set(f, { field: f, index: i, letter: columnLetter(i + 1), header: "", unit: spec.units[f] ?? note })
  }
  let required = 0
  const missing: Array<string> = []
  for (const r of spec.required) {
    if (requirementMet(columns, r)) required++
    else missing.push(requirementName(r))
  }
  for (const g of groups) {
    if (g.some((r) => requirementMet(columns, r))) required++
    else missing.push(g.map(requirementName).join(" or "))
  }
  return { at, depth, columns, ambiguous, required, missing }
}

export type Detection =
  | { readonly ok: true; readonly header: Header }
  | {
      readonly ok: false
      readonly code: "import/header-not-found" | "import/missing-column" | "import/ambiguous-column"
      readonly detail: string
      /** 0-based index of the best candidate row, when there is one. */
      readonly at: number | undefined
      readonly ambiguous?: ReadonlyArray<readonly [Field, Mapped, Mapped]>
    }

/**
 * Find the header among the first rows: the row (or two rows) whose labels map the most required
 * fields, then the most fields; one row is preferred over two on a tie. Two rows are tried only
 * when the upper one can be a header row (see `parentRow`: not a title or subtitle line). Requires
 * the title column and at least three mapped fields to count as a header at all.
 */
export const detect = (
  rows: ReadonlyArray<ReadonlyArray<CellValue>>,
  rowNumbers: ReadonlyArray<number>,
  spec: Spec,
  merges: ReadonlyArray<Merge> | undefined,
  groups: ReadonlyArray<ReadonlyArray<Field | readonly [Field, ...Array<Field>]>>,
  forced: { readonly at?: number | undefined; readonly depth?: 1 | 2 | undefined }
): Detection => {
  let best: Attempt | undefined
  const consider = (a: Attempt) => {
    if (!a.columns.has("title") && !spec.byLetter.has("title")) return
    if (a.columns.size < 3) return
    if (
      best === undefined ||
      a.required > best.required ||
      (a.required === best.required && a.columns.size > best.columns.size)
    )
      best = a
  }
  const noteAbove = (at: number): Unit | undefined => {
    let u: Unit | undefined
    for (let r = 0; r < at; r++) {
      for (const v of rows[r] ?? []) {
        const s = valueOf(v)
        if (typeof s === "string") u = unitOfNote(s) ?? u
      }
    }
    return u
  }
  const index = defaultIndex(spec.labels)
  /**
   * Whether a row can be the upper row of a two-row header: it holds at least one header label
   * or group parent (`Kinh phí (triệu đồng)`, `Thời gian thực hiện`), and it is not a single text
   * line in column A or B (a title or subtitle such as `(Kèm theo Tờ trình số 12)`, usually merged
   * across the table, which would otherwise prefix every label below it).
   */
  const parentRow = (row: ReadonlyArray<CellValue>): boolean => {
    const filled: Array<number> = []
    let label = false
    row.forEach((v, c) => {
      const t = cellText(v)
      if (t === "") return
      filled.push(c)
      const k = labelKey(t)
      if (k !== "" && (index.has(k) || spec.byHeader.has(k) || MONEY_PARENT.test(k) || TIME_PARENT.test(k))) label = true
    })
    if (!label) return false
    return !(filled.length === 1 && (filled[0] ?? 0) <= 1)
  }
  const range = forced.at === undefined ? rows.map((_, i) => i) : [forced.at]
  for (const at of range) {
    const row = rows[at]
    if (row === undefined || row.every((v) => isBlank(v))) continue
    const note = noteAbove(at)
    if (forced.depth !== 2) consider(attempt(rows, rowNumbers, at, 1, spec, merges, groups, note))
    if (forced.depth !== 1 && at + 1 < rows.length && (forced.depth === 2 || parentRow(row))) consider(attempt(rows, rowNumbers, at, 2, spec, merges, groups, note))
  }
  const b: Attempt | undefined = best
  if (b === undefined)
    return {
      ok: false,
      code: "import/header-not-found",
      detail: `no header row (dòng tiêu đề) with the register's labels was found in the first ${rows.length} rows; expected labels such as "STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Tổng kinh phí", "Kinh phí khuyến công hỗ trợ" (or pass a column mapping)`,
      at: undefined
    }
  if (b.ambiguous.length > 0)
    return {
      ok: false,
      code: "import/ambiguous-column",
      detail: b.ambiguous
        .map(([f, x, y]) => `both column ${x.letter} ${JSON.stringify(x.header)} and column ${y.letter} ${JSON.stringify(y.header)} match ${f}; pass a column mapping to choose`)
        .join("; "),
      at: b.at,
      ambiguous: b.ambiguous
    }
  if (b.missing.length > 0)
    return {
      ok: false,
      code: "import/missing-column",
      detail: `the header row has no column for ${b.missing.join(", ")} (expected labels such as ${b.missing
        .flatMap((m) => m.split(/ or | \+ /))
        .map((f) => JSON.stringify(DEFAULT_LABELS[f as Field]?.[0] ?? f))
        .join(", ")}; or pass a column mapping / a default)`,
      at: b.at
    }
  return { ok: true, header: { at: b.at, depth: b.depth, columns: b.columns, note: noteAbove(b.at) } }
}
