/**
 * What a register says of itself above its header (its title, the decision it accompanies, the
 * issuing body) and in its sheet's name: the plan year ("KẾ HOẠCH KHUYẾN CÔNG NĂM 2024", a sheet
 * named "KH 2024"), the province ("… – TỈNH HƯNG YÊN", "UBND TỈNH HƯNG YÊN") and the fund
 * ("KHUYẾN CÔNG ĐỊA PHƯƠNG").
 */
import { AdminUnits } from "@khuyencong/core"
import { type CellValue, valueOf } from "../Cell.js"
import { provinceKey } from "./provinces.js"
import { fold, squash } from "./text.js"
import type { SheetContext } from "../Register.js"

export type { SheetContext }

let names: ReadonlySet<string> | undefined
/** Whether a text is the name of a province in some version of the administrative units. */
const isProvinceName = (text: string): boolean => {
  names ??= new Set(AdminUnits.provinceVersions().flatMap((p) => [provinceKey(p.shortName), provinceKey(p.name)]))
  return names.has(provinceKey(text))
}

const textOf = (v: CellValue | undefined): string => {
  const s = valueOf(v)
  return typeof s === "string" ? squash(s.normalize("NFC")) : ""
}

const PROVINCE = /(?:^|[\s(–—,-])(tỉnh|thành phố|tp\.?)\s+([^,;()–—\-/]+)/giu

/** The province a line names after "tỉnh" / "thành phố" (the longest run of words that is one). */
const provinceIn = (line: string): string | undefined => {
  for (const m of line.matchAll(PROVINCE)) {
    const words = (m[2] ?? "").trim().split(/\s+/).slice(0, 4)
    for (let n = words.length; n >= 1; n--) {
      const candidate = words.slice(0, n).join(" ")
      if (isProvinceName(candidate)) return candidate
    }
  }
  return undefined
}

/** Read the context from the rows above the header and the sheet's name. */
export const readSheetContext = (above: ReadonlyArray<ReadonlyArray<CellValue>>, sheet: string | undefined): SheetContext => {
  const ctx: { -readonly [K in keyof SheetContext]: SheetContext[K] } = {}
  for (const row of above) {
    for (const cell of row) {
      const line = textOf(cell)
      if (line === "") continue
      const f = fold(line)
      // a place-and-date line ("Hưng Yên, ngày 15 tháng 01 năm 2024") states no plan year
      const dated = /\bngay\s+\S+\s+thang\s+\S+\s+nam\b/.test(f)
      if (ctx.title === undefined && /\b(?:ke hoach|bao cao|danh muc|tong hop|bieu|de an)\b/.test(f) && !dated && line === line.toLocaleUpperCase("vi")) ctx.title = line
      if (ctx.planYear === undefined && !dated) {
        const y = /\bnam\s+(20\d\d)\b/.exec(f)
        if (y !== null) ctx.planYear = { value: Number(y[1]), from: "title", text: line }
      }
      if (ctx.province === undefined) {
        const p = provinceIn(line)
        if (p !== undefined) ctx.province = { name: p, from: "title", text: line }
      }
      if (ctx.fund === undefined) {
        const national = /\b(?:khuyen cong quoc gia|kcqg)\b/.test(f)
        const local = /\b(?:khuyen cong dia phuong|kcdp)\b/.test(f)
        if (national !== local) ctx.fund = { value: national ? "national" : "local", from: "title", text: line }
      }
    }
  }
  if (ctx.planYear === undefined && sheet !== undefined) {
    const y = /(?:^|\D)(20\d\d)(?:\D|$)/.exec(sheet)
    if (y !== null) ctx.planYear = { value: Number(y[1]), from: "sheet-name", text: sheet }
  }
  return ctx
}
