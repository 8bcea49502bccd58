/**
 * @khuyencong/adapters-excel: spreadsheet import and export for khuyencong. Import a register of
 * proposals (biểu tổng hợp đề án) from .xlsx or CSV, or from rows of any spreadsheet library;
 * export the plan, the allocation result and the disbursement progress report as .xlsx and CSV.
 * Each concept is a namespace.
 *
 * @example
 * ```ts
 * import { Xlsx, Csv, Register, Report, Cell, ImportError } from "@khuyencong/adapters-excel"
 * const r = await Xlsx.readRegister("bieu-tong-hop-2024.xlsx", { activities, defaults: { planYear: 2024 } })
 * ```
 * @since 0.1.0
 */
export * as Cell from "./Cell.js"
export * as Issues from "./Issues.js"
export * as Register from "./Register.js"
export * as Report from "./Report.js"
export * as Csv from "./Csv.js"
export * as Xlsx from "./Xlsx.js"
export { ExportError, ImportError, type ImportIssue } from "./Issues.js"
