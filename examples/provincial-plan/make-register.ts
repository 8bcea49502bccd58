/**
 * Generate the bundled register workbook `data/register-2024.xlsx` from its committed source
 * `data/register-2024.source.json` (cell values as an official types them, data errors included).
 *
 * The workbook looks like a province's summary form (biểu tổng hợp đề án): a title row, a
 * decision line and a unit note, a header on one row, group rows "I" / "II" for the national and
 * local funds, then one proposal per row. The total is in đồng (typed as numbers, dotted text or
 * "tỷ" words); the support is in million đồng, as its header says.
 *
 * Run: `pnpm run build && node examples/dist/provincial-plan/make-register.js` (the workbook is
 * committed; run this after editing the source).
 */
import { Report, Xlsx } from "@khuyencong/adapters-excel"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { examplesDir } from "../shared/register.js"

/** One row of the source: what the official typed in each cell. */
export interface SourceRow {
  readonly id: string
  readonly title: string
  readonly activity: string
  readonly item: string
  readonly form: string
  readonly implementingUnit: string
  readonly beneficiaries: string
  readonly location: string
  readonly period: string
  readonly total: string | number
  readonly support: string | number
  readonly fund: string
  readonly planYear: number
  readonly approvalDate: string
}

/** The committed source of the register. */
export interface Source {
  readonly title: string
  readonly note: string
  readonly province: { readonly code: string; readonly name: string }
  readonly plan: unknown
  readonly establishments: ReadonlyArray<unknown>
  readonly rows: ReadonlyArray<SourceRow>
}

export const dataDir = (): string => join(examplesDir(), "provincial-plan", "data")
export const sourceFile = (): string => join(dataDir(), "register-2024.source.json")
export const registerFile = (): string => join(dataDir(), "register-2024.xlsx")

export const readSource = (file: string = sourceFile()): Source => JSON.parse(readFileSync(file, "utf8")) as Source

/** The register sheet as a report table (every cell written as typed). */
export const registerTable = (source: Source): Report.Table => {
  const columns: ReadonlyArray<Report.Column> = [
    { key: "stt", header: "STT", kind: "text" },
    { key: "id", header: "Mã đề án", kind: "text" },
    { key: "title", header: "Tên đề án", kind: "text", width: 48 },
    { key: "activity", header: "Nội dung hoạt động", kind: "text", width: 40 },
    { key: "item", header: "Mã nội dung chi", kind: "text" },
    { key: "form", header: "Hình thức", kind: "text" },
    { key: "implementingUnit", header: "Đơn vị thực hiện", kind: "text", width: 36 },
    { key: "beneficiaries", header: "Đơn vị thụ hưởng", kind: "text", width: 36 },
    { key: "location", header: "Địa điểm", kind: "text" },
    { key: "period", header: "Thời gian thực hiện", kind: "text" },
    { key: "total", header: "Tổng kinh phí (đồng)", kind: "money" },
    { key: "support", header: "Kinh phí khuyến công hỗ trợ (triệu đồng)", kind: "money", width: 18 },
    { key: "fund", header: "Nguồn kinh phí", kind: "text" },
    { key: "planYear", header: "Năm kế hoạch", kind: "integer" },
    { key: "approvalDate", header: "Ngày phê duyệt", kind: "text" }
  ]
  const rows: Array<Report.TableRow> = []
  const group = (stt: string, title: string): void => {
    rows.push({ stt, title })
  }
  const national = source.rows.filter((r) => r.fund === "KCQG")
  const local = source.rows.filter((r) => r.fund !== "KCQG")
  const push = (list: ReadonlyArray<SourceRow>): void =>
    list.forEach((r, i) =>
      rows.push({
        stt: String(i + 1),
        id: r.id,
        title: r.title,
        activity: r.activity,
        item: r.item === "" ? undefined : r.item,
        form: r.form,
        implementingUnit: r.implementingUnit === "" ? undefined : r.implementingUnit,
        beneficiaries: r.beneficiaries === "" ? undefined : r.beneficiaries,
        location: r.location,
        period: r.period,
        total: r.total === "" ? undefined : r.total,
        support: r.support === "" ? undefined : r.support,
        fund: r.fund,
        planYear: r.planYear,
        approvalDate: r.approvalDate
      })
    )
  group("I", "KINH PHÍ KHUYẾN CÔNG QUỐC GIA")
  push(national)
  group("II", "KINH PHÍ KHUYẾN CÔNG ĐỊA PHƯƠNG")
  push(local)
  return {
    sheet: "Biểu 01",
    title: `BIỂU TỔNG HỢP ĐỀ ÁN KHUYẾN CÔNG NĂM 2024 — TỈNH ${source.province.name.toUpperCase()}`,
    subtitle: ["(Kèm theo Tờ trình của Sở Công Thương; số liệu minh họa)"],
    columns,
    rows
  }
}

/** Write the workbook; returns the path. */
export const makeRegister = async (target: string = registerFile(), source: Source = readSource()): Promise<string> => {
  const r = await Xlsx.writeTables([registerTable(source)], { path: target })
  if (!r.ok) throw r.error
  return target
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = await makeRegister()
  console.log(`wrote ${file}`)
}
