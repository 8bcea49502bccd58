/**
 * exceljs's cell values as plain {@link CellValue}s (text copied out of exceljs's chunks, rich
 * text joined, formulas with their results, errors): one conversion for the Node streaming reader
 * (./rows.ts) and the browser's in-memory workbook (../Workbook.ts). No Node built-in is imported
 * here.
 */
import type { CellValue, ErrorValue } from "../Cell.js"

/**
 * A copy of a string that does not share memory with the text it was cut from. exceljs cuts cell
 * text out of 16–64 KB chunks of XML; kept as is, one id or title keeps its whole chunk alive and
 * memory grows with the sheet.
 */
export const own = (s: string): string => (" " + s).slice(1)

/** A cell value as exceljs gives it → a plain cell value. */
export const plain = (v: unknown): CellValue => {
  if (v === null || v === undefined) return null
  if (typeof v === "string") return own(v)
  if (typeof v === "boolean") return v
  if (typeof v === "number") return Number.isNaN(v) ? { formula: "", result: { error: "#VALUE!" } } : v
  if (v instanceof Date) return v
  if (typeof v === "object") {
    const o = v as Record<string, unknown>
    if (Array.isArray(o["richText"])) return (o["richText"] as ReadonlyArray<{ text?: unknown }>).map((r) => (typeof r.text === "string" ? r.text : "")).join("")
    if ("formula" in o || "sharedFormula" in o) {
      const f = typeof o["formula"] === "string" ? o["formula"] : typeof o["sharedFormula"] === "string" ? o["sharedFormula"] : ""
      const r = o["result"]
      let result: string | number | boolean | Date | ErrorValue | undefined
      if (r === undefined || r === null) result = undefined
      else if (typeof r === "number") result = Number.isNaN(r) ? { error: "#VALUE!" } : r
      else if (typeof r === "string") result = own(r)
      else if (typeof r === "boolean" || r instanceof Date) result = r
      else if (typeof r === "object" && typeof (r as { error?: unknown }).error === "string") result = { error: (r as { error: string }).error }
      else result = undefined
      return { formula: f, result }
    }
    if (typeof o["error"] === "string") return { formula: "", result: { error: o["error"] } }
    if ("text" in o) return plain(o["text"])
  }
  return String(v)
}

