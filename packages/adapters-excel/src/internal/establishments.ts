/**
 * The establishments sheet (danh sách cơ sở thụ hưởng) beside a register: one establishment a row,
 * found by its header labels ("Tên cơ sở", "Mã số thuế", "Địa chỉ" …), read into plain rows with
 * the tax code checked (core's `TaxCode`) and the address's province checked against the
 * administrative units (the register's province when the address names none).
 */
import { TaxCode } from "@khuyencong/core"
import { type CellValue, columnLetter, isBlank, valueOf } from "../Cell.js"
import type { ImportIssue } from "../Issues.js"
import { issueAt } from "./issues.js"
import { fold, squash, trimText } from "./text.js"
import type { Establishment as EstablishmentRow } from "../Register.js"

export type { EstablishmentRow }

type Field = "stt" | "id" | "name" | "taxCode" | "address" | "legalForm" | "industry" | "representative" | "workforce"

const LABELS: ReadonlyArray<readonly [Field, ReadonlyArray<string>]> = [
  ["stt", ["STT", "TT", "Số TT"]],
  ["id", ["Mã cơ sở", "Mã số cơ sở", "Mã đơn vị"]],
  ["name", ["Tên cơ sở", "Tên cơ sở thụ hưởng", "Tên cơ sở công nghiệp nông thôn", "Tên cơ sở CNNT", "Tên doanh nghiệp", "Tên đơn vị", "Tên đơn vị thụ hưởng", "Cơ sở thụ hưởng", "Đơn vị thụ hưởng"]],
  ["taxCode", ["Mã số thuế", "MST", "Mã số doanh nghiệp", "Mã số thuế/Mã số doanh nghiệp"]],
  ["address", ["Địa chỉ", "Địa chỉ sản xuất", "Địa điểm sản xuất", "Địa chỉ trụ sở", "Địa chỉ cơ sở"]],
  ["legalForm", ["Loại hình", "Loại hình cơ sở", "Loại hình doanh nghiệp", "Hình thức tổ chức"]],
  ["industry", ["Ngành nghề", "Ngành nghề sản xuất", "Ngành nghề kinh doanh", "Lĩnh vực", "Sản phẩm chính"]],
  ["representative", ["Người đại diện", "Chủ cơ sở", "Người đại diện theo pháp luật", "Giám đốc"]],
  ["workforce", ["Số lao động", "Lao động", "Số lao động (người)"]]
]
const INDEX = new Map<string, Field>(LABELS.flatMap(([f, ls]) => ls.map((l) => [fold(l.replace(/\([^()]*\)/g, " ")), f] as const)))

const text = (v: CellValue | undefined): string => {
  const s = valueOf(v)
  if (typeof s === "string") return trimText(squash(s.normalize("NFC")))
  if (typeof s === "number" && Number.isFinite(s)) return String(s)
  return ""
}

/** Reads an establishments sheet pushed row by row; `header` tells whether its header was found. */
export const establishmentsReader = (sheet: string | undefined, maxIssues: number) => {
  const buffer: Array<{ readonly n: number; readonly cells: ReadonlyArray<CellValue> }> = []
  let columns: Map<Field, number> | undefined
  let headers: ReadonlyArray<string> = []
  let given = false
  const rows: Array<EstablishmentRow> = []
  const issues: Array<ImportIssue> = []
  const findHeader = (): boolean => {
    for (const [k, b] of buffer.entries()) {
      const m = new Map<Field, number>()
      b.cells.forEach((v, c) => {
        const f = INDEX.get(fold(text(v).replace(/\([^()]*\)/g, " ")))
        if (f !== undefined && !m.has(f)) m.set(f, c)
      })
      const labels = b.cells.map((v) => fold(text(v)))
      // a register of proposals is not a list of establishments
      if (labels.some((l) => l.startsWith("ten de an") || l === "noi dung hoat dong")) return false
      if (m.has("name") && (m.has("taxCode") || m.has("address")) && m.size >= 3) {
        columns = m
        headers = b.cells.map(text)
        for (const r of buffer.slice(k + 1)) take(r.n, r.cells)
        buffer.length = 0
        return true
      }
    }
    return false
  }
  const take = (n: number, cells: ReadonlyArray<CellValue>) => {
    const cols = columns as Map<Field, number>
    const cell = (f: Field) => {
      const c = cols.get(f)
      return c === undefined ? "" : text(cells[c])
    }
    if (cells.every((v) => isBlank(v))) return
    const name = cell("name")
    if (name === "" || /^(?:tong cong|tong so|tong|cong)(?:\s+(?:[ivxlc]+|\d+))?$/.test(fold(name))) return
    const place = (f: Field) => {
      const c = cols.get(f) ?? 0
      return { sheet, row: n, column: columnLetter(c + 1), header: headers[c], raw: cells[c] ?? null, field: f }
    }
    const e: { -readonly [K in keyof EstablishmentRow]: EstablishmentRow[K] } = { sheet, row: n, id: name, name }
    const taxText = cell("taxCode").replace(/[\s.]/g, "")
    if (taxText !== "") {
      const t = TaxCode.decode(taxText)
      if (t.ok) e.taxCode = t.value
      else if (issues.length < maxIssues) issues.push(issueAt(place("taxCode"), "import/bad-tax-code", `"${cell("taxCode")}" is not a tax code (mã số thuế): ${t.error.issues[0]?.message ?? t.error.message}`, { found: cell("taxCode") }))
    }
    const id = cell("id")
    e.id = id !== "" ? id : (e.taxCode ?? name)
    for (const f of ["address", "legalForm", "industry", "representative"] as const) {
      const v = cell(f)
      if (v !== "") e[f] = v
    }
    const w = cell("workforce")
    if (w !== "") {
      const k = Number(w.replace(/\./g, ""))
      if (Number.isSafeInteger(k) && k >= 0) e.workforce = k
      else if (issues.length < maxIssues) issues.push(issueAt(place("workforce"), "import/bad-value", `"${w}" is not a number of workers (số lao động)`, { found: w }))
    }
    rows.push(e)
  }
  return {
    push(cells: ReadonlyArray<CellValue>, n: number): void {
      if (columns !== undefined) return take(n, cells)
      if (given) return
      buffer.push({ n, cells })
      if (buffer.length >= 30) {
        if (!findHeader()) {
          given = true
          buffer.length = 0
        }
      }
    },
    end(): { readonly found: boolean; readonly rows: ReadonlyArray<EstablishmentRow>; readonly issues: ReadonlyArray<ImportIssue> } {
      if (columns === undefined && !given) findHeader()
      return { found: columns !== undefined, rows, issues }
    },
    get found() {
      return columns !== undefined
    }
  }
}
