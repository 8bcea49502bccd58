/**
 * The sheet of a report table: exceljs cells, styles, merges and page setup for a
 * {@link Report.Table}, written into any exceljs workbook (the streaming writer of `Xlsx.writeTables`
 * in Node, the in-memory workbook of `@khuyencong/adapters-excel/browser`). No Node built-in is
 * imported here; exceljs is only a type.
 */
import { LocalDate, Money } from "@khuyencong/core"
import type ExcelJS from "exceljs"
import { columnLetter, toDateCell } from "../Cell.js"
import { ExportError } from "../Issues.js"
import * as Report from "../Report.js"
import { linesIn, textWidth, unitsFor } from "./metrics.js"

const MONEY_FORMAT = "#,##0"
/**
 * The number format of a money cell: fixed decimals when the column asks, else as many as the
 * value has; `_)` keeps the width of a ")" after the digits (the accountants' format), so that an
 * amount does not run into the text of the next column. (An alignment indent would do it in Excel,
 * but LibreOffice drops it from all but one of a workbook's number formats.)
 */
const moneyFormat = (c: Report.Column, decimals: number): string => {
  const d = c.decimals === undefined ? Math.min(decimals, 10) : Math.min(Math.max(Math.trunc(c.decimals), 0), 10)
  return `${d > 0 ? `${MONEY_FORMAT}.${"0".repeat(d)}` : MONEY_FORMAT}_)`
}
const DATE_FORMAT = "dd/mm/yyyy"
const MONTH_FORMAT = "mm/yyyy"
const BAD_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/
const FONT = "Times New Roman"
const MM = 1 / 25.4

const sheetName = (name: string, used: Set<string>): string => {
  let base = name.replace(/[:\\/?*[\]]/g, "-").slice(0, 31).trim()
  if (base === "") base = "Sheet"
  let n = base
  for (let k = 2; used.has(n.toLowerCase()); k++) n = `${base.slice(0, 31 - String(k).length - 1)} ${k}`
  used.add(n.toLowerCase())
  return n
}

const widthOf = (s: string): number => Math.max(...s.split("\n").map((l) => [...l].length), 0)

const tooLarge = (m: bigint, path: ReadonlyArray<string | number>): ExportError =>
  new ExportError({
    code: "export/amount-too-large",
    path,
    message: `The amount (số tiền) ${Money.format(Money.make(m))} is too large for a spreadsheet number (at most 9.007.199.254.740.991 đồng exactly)`
  })

const moneyNumber = (m: bigint, path: ReadonlyArray<string | number>): number => {
  if (m > BigInt(Number.MAX_SAFE_INTEGER) || m < -BigInt(Number.MAX_SAFE_INTEGER)) throw tooLarge(m, path)
  return Number(m)
}

/**
 * An amount of đồng in a larger unit, as the spreadsheet number whose shortest decimal text is
 * the exact quotient (1.350.500.000 đ in triệu đồng = 1350.5), and its count of decimals. An
 * amount whose quotient a number cannot hold exactly (more than 15 significant digits) is refused.
 */
const inUnit = (m: bigint, unit: bigint, path: ReadonlyArray<string | number>): { readonly value: number; readonly decimals: number } => {
  if (unit === 1n) return { value: moneyNumber(m, path), decimals: 0 }
  const neg = m < 0n
  const a = neg ? -m : m
  const int = a / unit
  const scale = unit.toString().length - 1
  const frac = (a % unit).toString().padStart(scale, "0").replace(/0+$/, "")
  const text = `${neg ? "-" : ""}${int}${frac === "" ? "" : `.${frac}`}`
  const value = Number(text)
  if (String(value) !== text) throw tooLarge(m, path)
  return { value, decimals: frac.length }
}

const checkText = (s: string, path: ReadonlyArray<string | number>): string => {
  if (BAD_TEXT.test(s) || s.length > 32_767)
    throw new ExportError({
      code: "export/bad-text",
      path,
      message: `The text at ${path.join("/")} ${s.length > 32_767 ? "is longer than a spreadsheet cell holds (32.767 characters)" : "holds a control character a spreadsheet cannot store"}`
    })
  return s
}

const shown = (c: Report.Column, v: Report.Value): string => {
  if (v === undefined) return ""
  if (c.kind === "money" && typeof v === "bigint") return Money.format(Money.make(v)).replace(" ₫", "")
  if (c.kind === "date") return "00/00/0000"
  return String(v)
}

/** The column widths of a table: given, or fitted to the contents (capped for printing). */
const columnWidths = (table: Report.Table): ReadonlyArray<number> =>
  table.columns.map((c) => {
    if (c.width !== undefined) return c.width
    let w = Math.min(widthOf(c.header), 24)
    for (const r of table.rows) w = Math.max(w, Math.min(widthOf(shown(c, r[c.key])), 40))
    if (c.kind === "money") w = Math.max(w, 15)
    if (c.kind === "date") w = Math.max(w, 11)
    return Math.max(6, w + 2)
  })

/** Width units a portrait A4 page holds between the margins of Decree 30/2020 (165 mm). */
const PORTRAIT_WIDTH = 84

/** Landscape when the columns are wider than a portrait A4 page holds at 11 pt (about 95 characters). */
const orientationOf = (table: Report.Table): "portrait" | "landscape" =>
  table.orientation ?? (columnWidths(table).reduce((a, b) => a + b, 0) > 95 ? "landscape" : "portrait")

/**
 * Where each part of a table lands on its sheet (1-based rows): what a printed page shows above the
 * header, the header rows (repeated on every printed page), the data, totals and summary lines,
 * and the signature block.
 */
export interface Layout {
  readonly headerFirst: number
  readonly headerLast: number
  readonly firstData: number
  readonly lastData: number
  readonly totalsRow: number | undefined
  readonly lastRow: number
}

/** What a table is written into: exceljs's streaming workbook writer (Node) or its in-memory workbook (a browser). */
export interface WorkbookLike {
  addWorksheet(name?: string, options?: Partial<ExcelJS.AddWorksheetOptions>): ExcelJS.Worksheet
}

/**
 * Write one report table to a new sheet of `wb` (a name not in `used`, which it joins): the
 * layout described in the Xlsx module's header. Throws an {@link ExportError} for an amount or a
 * text a spreadsheet cannot hold.
 */
export const writeTable = (wb: WorkbookLike, table: Report.Table, used: Set<string>): Layout => {
  const cols = table.columns
  const width = cols.length
  const doc = table.document === undefined ? undefined : Report.documentText(table.document)
  const unit = table.unit ?? "đồng"
  const unitDong = Report.unitDong(unit)
  const hasMoney = cols.some((c) => c.kind === "money")
  const depth = cols.some((c) => c.group !== undefined) ? 2 : 1
  const orientation = orientationOf(table)
  // what the left block (issuing body, preparer) and the right block (motto, place and date, head)
  // need, measured in the font they print in; a narrow table is widened to hold both side by side
  // and to fill a portrait page, so that no line of them wraps over the next
  const need = (lines: ReadonlyArray<readonly [string, "regular" | "bold" | "italic", number]>) =>
    unitsFor(Math.max(0, ...lines.map(([t, f, size]) => textWidth(t, f, size)))) + 1
  const leftNeed = doc === undefined ? 0 : need([...doc.issuer.map((t) => [t, "bold", 12] as const), ...doc.signers.filter((x) => x.side === "left").flatMap((x) => [...x.title.map((t) => [t, "bold", 12] as const), [x.note, "italic", 11] as const, [x.name, "bold", 12] as const])])
  const rightNeed =
    doc === undefined
      ? 0
      : need([...doc.motto.map((t, k) => [t, "bold", k === 0 ? 12 : 13] as const), [doc.placeDate, "italic", 11] as const, ...doc.signers.filter((x) => x.side === "right").flatMap((x) => [...x.title.map((t) => [t, "bold", 12] as const), [x.note, "italic", 11] as const, [x.name, "bold", 12] as const])])
  const fitted = columnWidths(table)
  const fittedWidth = fitted.reduce((a, b) => a + b, 0)
  const minWidth = Math.max(doc === undefined ? 0 : (leftNeed + rightNeed) * 1.1, orientation === "portrait" && doc !== undefined ? PORTRAIT_WIDTH : 0)
  const widths = fittedWidth >= minWidth ? [...fitted] : fitted.map((w) => Math.round((w * minWidth * 10) / fittedWidth) / 10)
  const sum = (from: number, to: number) => widths.slice(from - 1, to).reduce((a, b) => a + b, 0)
  let leftEnd = 1
  let rightStart = width
  if (width >= 3) {
    const total = sum(1, width)
    while (leftEnd < width && sum(1, leftEnd) < Math.max(total * 0.4, leftNeed)) leftEnd++
    while (rightStart > leftEnd + 1 && sum(rightStart, width) < Math.max(total * 0.45, rightNeed)) rightStart--
    if (sum(1, leftEnd) < leftNeed || sum(rightStart, width) < rightNeed || leftEnd >= rightStart) {
      // the columns' edges leave a block too narrow: split where both have the most room, and
      // widen the first or last column by what a block still lacks
      let best = 1
      const slack = (b: number) => Math.min(sum(1, b) - leftNeed, sum(b + 1, width) - rightNeed)
      for (let b = 2; b < width; b++) if (slack(b) > slack(best)) best = b
      leftEnd = best
      rightStart = best + 1
      const [l, r] = [leftNeed - sum(1, leftEnd), rightNeed - sum(rightStart, width)]
      if (l > 0) widths[0] = Math.ceil(((widths[0] ?? 0) + l) * 10) / 10
      if (r > 0) widths[width - 1] = Math.ceil(((widths[width - 1] ?? 0) + r) * 10) / 10
    }
  } else if (width === 2) rightStart = 2
  const totalWidth = widths.reduce((a, b) => a + b, 0)
  const last = columnLetter(width)
  const span = (row: number, from: number, to: number) => {
    if (to > from) ws.mergeCells(`${columnLetter(from)}${row}:${columnLetter(to)}${row}`)
  }

  // rows
  let r = 1
  const docRows = doc === undefined ? 0 : Math.max(doc.issuer.length, doc.motto.length)
  const headRowsStart = r
  r += docRows + (docRows > 0 ? 1 : 0)
  const titleRow = r++
  const subtitles = [...(doc?.decision === undefined ? [] : [doc.decision]), ...(table.subtitle ?? [])]
  const subtitleStart = r
  r += subtitles.length
  const unitRow = hasMoney && (table.unit !== undefined || doc !== undefined) ? r++ : undefined
  const headerFirst = r
  const headerLast = r + depth - 1
  const firstData = headerLast + 1
  const lastData = headerLast + table.rows.length
  const totalsRow = table.totals === undefined ? undefined : lastData + 1

  const name = sheetName(table.sheet, used)
  const ws = wb.addWorksheet(name, {
    views: [{ state: "frozen", xSplit: 0, ySplit: headerLast, topLeftCell: `A${firstData}`, activeCell: `A${firstData}` }],
    pageSetup: {
      paperSize: 9,
      orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      // Decree 30/2020: top and bottom 20–25 mm, left 30–35 mm (the bound edge), right 15–20 mm;
      // a landscape page is bound along its top
      margins:
        orientation === "portrait"
          ? { left: 30 * MM, right: 15 * MM, top: 20 * MM, bottom: 20 * MM, header: 10 * MM, footer: 10 * MM }
          : { left: 20 * MM, right: 15 * MM, top: 25 * MM, bottom: 15 * MM, header: 12 * MM, footer: 8 * MM },
      printTitlesRow: `${headerFirst}:${headerLast}`
    },
    // page numbers centred in the top margin, none on the first page (Decree 30/2020)
    headerFooter: { differentFirst: true, firstHeader: "", oddHeader: `&C&"${FONT},Regular"&13&P` }
  } as never)
  ws.columns = widths.map((w) => ({ width: w })) as never
  const font = (extra: Record<string, unknown> = {}) => ({ name: FONT, size: 11, ...extra })
  const text = (row: number, col: number, value: string, style: { font?: Record<string, unknown>; align?: "left" | "center" | "right"; wrap?: boolean }) => {
    const cell = ws.getRow(row).getCell(col)
    cell.value = checkText(value, [name, row, col])
    cell.font = font(style.font) as never
    cell.alignment = { horizontal: style.align ?? "center", vertical: "middle", wrapText: style.wrap ?? true }
  }
  const charsIn = (from: number, to: number) => widths.slice(from - 1, to).reduce((a, b) => a + b, 0)
  /**
   * A line of the document form in the merged cells `from`…`to` of `row`, the row made as high as
   * its wrapped lines need (the highest of the blocks side by side).
   */
  const heights = new Map<number, number>()
  const block = (row: number, from: number, to: number, value: string, style: { font: { size?: number; bold?: boolean; italic?: boolean; underline?: boolean } }) => {
    text(row, from, value, style)
    span(row, from, to)
    const size = style.font.size ?? 11
    const face = style.font.bold === true ? "bold" : style.font.italic === true ? "italic" : "regular"
    const h = Math.max(17, linesIn(value, charsIn(from, to), face, size) * (size * 1.2 + 0.5) + 3)
    if (h > (heights.get(row) ?? 0)) {
      heights.set(row, h)
      ws.getRow(row).height = h
    }
  }

  // issuing body and national motto
  if (doc !== undefined) {
    for (let k = 0; k < docRows; k++) {
      const row = ws.getRow(headRowsStart + k)
      row.height = 17
      const issuer = doc.issuer[k]
      if (issuer !== undefined) block(headRowsStart + k, 1, leftEnd, issuer, { font: { size: 12, bold: k > 0, underline: k === doc.issuer.length - 1 && k > 0 } })
      const motto = doc.motto[k]
      if (motto !== undefined) block(headRowsStart + k, rightStart, width, motto, { font: { size: k === 0 ? 12 : 13, bold: true, underline: k === doc.motto.length - 1 } })
      row.commit()
    }
  }
  // title, subtitles, unit
  {
    const lines = linesIn(table.title, totalWidth, "bold", 14)
    text(titleRow, 1, table.title, { font: { size: 14, bold: true } })
    ws.getRow(titleRow).height = 21 * lines + 4
    span(titleRow, 1, width)
    ws.getRow(titleRow).commit()
  }
  subtitles.forEach((st, k) => {
    const n = subtitleStart + k
    text(n, 1, st, { font: { italic: true } })
    ws.getRow(n).height = 16 * linesIn(st, totalWidth, "italic") + 2
    span(n, 1, width)
    ws.getRow(n).commit()
  })
  if (unitRow !== undefined) {
    const from = Math.max(1, width - 2)
    text(unitRow, from, `Đơn vị tính: ${unit}`, { font: { italic: true }, align: "right", wrap: false })
    span(unitRow, from, width)
    ws.getRow(unitRow).commit()
  }
  // header
  const border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } } as const
  const headCell = (row: number, col: number, value: string) => {
    const cell = ws.getRow(row).getCell(col)
    cell.value = value === "" ? null : checkText(value, [name, row, col])
    cell.font = font({ bold: true }) as never
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true }
    cell.border = border
  }
  const merges: Array<string> = []
  for (let i = 0; i < width; i++) {
    const c = cols[i] as Report.Column
    if (depth === 1) headCell(headerFirst, i + 1, c.header)
    else if (c.group === undefined) {
      headCell(headerFirst, i + 1, c.header)
      headCell(headerLast, i + 1, "")
      merges.push(`${columnLetter(i + 1)}${headerFirst}:${columnLetter(i + 1)}${headerLast}`)
    } else {
      const startsGroup = cols[i - 1]?.group !== c.group
      headCell(headerFirst, i + 1, startsGroup ? c.group : "")
      headCell(headerLast, i + 1, c.header)
      if (startsGroup) {
        let j = i
        while (cols[j + 1]?.group === c.group) j++
        if (j > i) merges.push(`${columnLetter(i + 1)}${headerFirst}:${columnLetter(j + 1)}${headerFirst}`)
      }
    }
  }
  // merged after every cell is written: a value set on a covered cell would go to the merge's first
  for (const m of merges) ws.mergeCells(m)
  const headerLines = Math.max(...cols.map((c, i) => linesIn(c.header, widths[i] ?? 10, "bold")), 1)
  const groupWidth = (g: string) => cols.reduce((a, c, i) => a + (c.group === g ? (widths[i] ?? 0) : 0), 0)
  ws.getRow(headerFirst).height = depth === 1 ? 15 * headerLines + 4 : Math.max(18, 15 * Math.max(...cols.filter((c) => c.group !== undefined).map((c) => linesIn(c.group ?? "", groupWidth(c.group ?? ""), "bold")), 1) + 4)
  ws.getRow(headerFirst).commit()
  if (depth === 2) {
    ws.getRow(headerLast).height = 15 * headerLines + 4
    ws.getRow(headerLast).commit()
  }
  // rows: a money column shows as many decimals in every row as its most precise amount needs
  // (337,00 under 150,25), so that its digits line up as a printed table's do
  const decimalsOf = (v: Report.Value): number => {
    if (typeof v !== "bigint" || unitDong === 1n) return 0
    return Math.min(10, ((v < 0n ? -v : v) % unitDong).toString().padStart(unitDong.toString().length - 1, "0").replace(/0+$/, "").length)
  }
  const colDecimals = cols.map((c) => (c.kind === "money" ? table.rows.reduce((d, r) => Math.max(d, decimalsOf(r[c.key])), 0) : 0))
  const put = (row: ReturnType<typeof ws.getRow>, rowNumber: number, c: Report.Column, i: number, v: Report.Value) => {
    const cell = row.getCell(i + 1)
    cell.border = border
    cell.font = font() as never
    if (v === undefined) return
    const path = [name, rowNumber, c.key]
    switch (c.kind) {
      case "money":
        if (typeof v === "bigint") {
          const x = inUnit(v, unitDong, path)
          cell.value = x.value
          cell.numFmt = moneyFormat(c, Math.max(x.decimals, colDecimals[i] ?? 0))
        } else {
          cell.value = typeof v === "number" ? v : checkText(v, path)
          cell.numFmt = moneyFormat(c, typeof v === "number" && !Number.isInteger(v) ? 2 : 0)
        }
        cell.alignment = { horizontal: "right", vertical: "top" }
        break
      case "date":
        if (typeof v === "string" && LocalDate.is(v)) {
          cell.value = toDateCell(v)
          cell.numFmt = DATE_FORMAT
          cell.alignment = { horizontal: "center", vertical: "top" }
        } else cell.value = typeof v === "string" ? checkText(v, path) : Number(v)
        break
      case "month":
        if (typeof v === "string" && /^\d{4}-\d{2}$/.test(v)) {
          cell.value = toDateCell(LocalDate.parseOrThrow(`${v}-01`))
          cell.numFmt = MONTH_FORMAT
          cell.alignment = { horizontal: "center", vertical: "top" }
        } else cell.value = typeof v === "string" ? checkText(v, path) : Number(v)
        break
      case "integer":
        cell.value = typeof v === "bigint" ? moneyNumber(v, path) : typeof v === "number" ? v : checkText(v, path)
        cell.numFmt = "0"
        cell.alignment = { horizontal: "center", vertical: "top" }
        break
      default:
        cell.value = typeof v === "string" ? checkText(v, path) : typeof v === "bigint" ? v.toString() : v
        cell.alignment = { ...(c.align === undefined ? {} : { horizontal: c.align }), vertical: "top", wrapText: true }
    }
  }
  table.rows.forEach((tr, k) => {
    const n = firstData + k
    const row = ws.getRow(n)
    cols.forEach((c, i) => put(row, n, c, i, tr[c.key]))
    // an explicit height, so that every program prints the wrapped lines (none guesses it for
    // merged or streamed rows the same way)
    row.height = 13.5 * Math.max(1, ...cols.map((c, i) => (c.kind === "text" ? linesIn(shown(c, tr[c.key]), widths[i] ?? 10) : 1))) + 3
    row.commit()
  })
  // totals
  const totalCell = new Map<string, string>()
  const t = table.totals
  const letter = new Map(cols.map((c, i) => [c.key, columnLetter(i + 1)] as const))
  if (t !== undefined && totalsRow !== undefined) {
    const row = ws.getRow(totalsRow)
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      cell.border = border
      if (c.key === t.labelColumn) {
        cell.value = checkText(t.label, [name, totalsRow, c.key])
        cell.alignment = { horizontal: "center", vertical: "middle" }
      } else if (t.sum.includes(c.key)) {
        const col = letter.get(c.key) ?? "A"
        const sum = inUnit(Report.columnTotal(table, c.key), unitDong, [name, totalsRow, c.key])
        cell.value = table.rows.length === 0 ? 0 : { formula: `SUM(${col}${firstData}:${col}${lastData})`, result: sum.value }
        cell.numFmt = moneyFormat(c, Math.max(sum.decimals, colDecimals[i] ?? 0))
        cell.alignment = { horizontal: "right", vertical: "middle" }
        totalCell.set(c.key, `${col}${totalsRow}`)
      } else {
        put(row, totalsRow, c, i, t.values?.[c.key])
        // the totals row is one line, its cells centred on it like the label and sums
        if (cell.alignment !== undefined) cell.alignment = { ...cell.alignment, vertical: "middle" }
      }
      cell.font = font({ bold: true }) as never
    })
    row.height = 18
    row.commit()
  }
  // summary lines
  let lastRow = totalsRow ?? lastData
  const f = table.footer
  if (f !== undefined) {
    const start = lastRow + 2
    const lineCell = new Map<string, string>()
    const labelIndex = cols.findIndex((c) => c.key === f.labelColumn)
    const valueIndex = cols.findIndex((c) => c.key === f.column)
    f.lines.forEach((l, k) => lineCell.set(l.key, `${columnLetter(valueIndex + 1)}${start + k}`))
    f.lines.forEach((l, k) => {
      const n = start + k
      const row = ws.getRow(n)
      const label = row.getCell(labelIndex + 1)
      label.value = checkText(l.label, [name, n, f.labelColumn])
      label.font = font({ bold: true }) as never
      const cell = row.getCell(valueIndex + 1)
      const result = inUnit(l.value, unitDong, [name, n, f.column])
      if (l.formula === undefined) cell.value = result.value
      else {
        const formula = l.formula.replace(/\{(total|line):([^}]+)\}/g, (_m, kind: string, key: string) =>
          (kind === "total" ? totalCell.get(key) : lineCell.get(key)) ?? "0"
        )
        cell.value = { formula, result: result.value }
      }
      cell.numFmt = moneyFormat(cols[valueIndex] as Report.Column, Math.max(result.decimals, colDecimals[valueIndex] ?? 0))
      cell.font = font({ bold: true }) as never
      row.commit()
      lastRow = n
    })
  }
  // place and date, signature block
  if (doc !== undefined && (doc.signers.length > 0 || doc.placeDate !== "")) {
    let n = lastRow + 2
    block(n, rightStart, width, doc.placeDate, { font: { italic: true } })
    ws.getRow(n).commit()
    n++
    const titleLines = Math.max(1, ...doc.signers.map((x) => x.title.length))
    const sideOf = (x: (typeof doc.signers)[number]): readonly [number, number] => (x.side === "left" ? [1, leftEnd] : [rightStart, width])
    for (let k = 0; k < titleLines; k++) {
      for (const x of doc.signers) {
        const line = x.title[k]
        if (line !== undefined) block(n, ...sideOf(x), line, { font: { size: 12, bold: true } })
      }
      ws.getRow(n).commit()
      n++
    }
    for (const x of doc.signers) block(n, ...sideOf(x), x.note, { font: { italic: true } })
    ws.getRow(n).commit()
    n++
    // room to sign (and seal)
    for (let k = 0; k < 4; k++) {
      ws.getRow(n).height = 20
      ws.getRow(n).commit()
      n++
    }
    for (const x of doc.signers) if (x.name !== "") block(n, ...sideOf(x), x.name, { font: { size: 12, bold: true } })
    ws.getRow(n).commit()
    lastRow = n
  }
  void charsIn
  void last
  // the streaming writer's sheet is committed (flushed); an in-memory sheet has nothing to commit
  if (typeof (ws as { commit?: unknown }).commit === "function") ws.commit()
  return { headerFirst, headerLast, firstData, lastData, totalsRow, lastRow }
}
