/**
 * exceljs whole (its in-memory workbook, for building and reading fixtures), loaded the way the
 * adapter loads exceljs: after its fix of the streaming reader (`../src/internal/exceljs.ts`). The
 * adapter itself loads only exceljs's streaming reader and writer.
 */
import { requireExcelJS } from "../src/internal/exceljs.js"

export const ExcelJS = requireExcelJS("./excel.js") as typeof import("exceljs")
