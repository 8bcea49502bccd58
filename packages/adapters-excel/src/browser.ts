/**
 * @khuyencong/adapters-excel/browser: the spreadsheet adapter without Node built-ins, for a web
 * page or a worker. Registers are read from, and reports written to, the bytes of an .xlsx file
 * ({@link Workbook}); the register mapping ({@link Register}), the report tables ({@link Report}),
 * cells and issues are the same modules as the Node entry's, so a register read here gives the
 * same rows, proposals and cell-addressed issues as `Xlsx.readRegister` in Node.
 *
 * @example
 * ```ts
 * import { Workbook, Register, Report } from "@khuyencong/adapters-excel/browser"
 * const r = await Workbook.readRegister(new Uint8Array(await file.arrayBuffer()), { activities, defaults: { planYear: 2024 } })
 * ```
 * @since 0.2.0
 */
export * as Cell from "./Cell.js"
export * as Issues from "./Issues.js"
export * as Register from "./Register.js"
export * as Report from "./Report.js"
export * as Workbook from "./Workbook.js"
export { ExportError, ImportError, type ImportIssue } from "./Issues.js"
