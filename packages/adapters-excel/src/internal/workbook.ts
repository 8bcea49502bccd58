/**
 * The choice of a workbook's register sheet and the reading of its rows, whatever parsed the
 * workbook: exceljs's streaming reader in Node (`Xlsx.readRegister`) or its in-memory workbook in
 * a browser (`@khuyencong/adapters-excel/browser`). Sheets arrive one by one with their rows as
 * plain cell values; each is read as a register ({@link Register.reader}) or a list of
 * establishments, and the register of the plan year (or the latest) is chosen, as described in
 * the Xlsx module's header. No Node built-in is imported here.
 */
import { Result } from "@khuyencong/core"
import type { CellValue, DateSystem } from "../Cell.js"
import type { ImportError, ImportIssue } from "../Issues.js"
import * as Register from "../Register.js"
import { establishmentsReader } from "./establishments.js"
import { importError, issueAt } from "./issues.js"
import { fold } from "./text.js"

/** One row of a sheet: its number and its cells from column A (see ./rows.ts). */
export interface SheetRow {
  readonly number: number
  readonly cells: Array<CellValue>
}

/** A sheet's name, 1-based position among the workbook's sheets, and whether it is hidden. */
export interface SheetInfo {
  readonly name: string
  readonly position: number | undefined
  readonly hidden: boolean
}

/** A sheet of a workbook being read: what it is, the workbook's date system, and its rows (read only when asked for). */
export interface Sheet {
  readonly info: SheetInfo
  readonly date1904: () => boolean
  readonly rows: () => AsyncIterable<ReadonlyArray<SheetRow | null>>
}

/** The register options, and which sheet to read (its name or 1-based position). */
export interface SheetOptions extends Register.Options {
  readonly sheet?: string | number
}

/** A failure of the whole read: one issue, no register. */
export const fail = (code: string, detail: string, sheet?: string): Result.Result<never, ImportError<Register.Register>> =>
  Result.err(importError<Register.Register>([issueAt({ sheet }, code, detail)], undefined))

/**
 * Read the register of a workbook from its sheets. `progress` is called at every row (a
 * watchdog's heartbeat). An error thrown while the sheets or rows are produced is
 * `import/corrupt-file`.
 */
export const readSheets = async (
  sheets: AsyncIterable<Sheet>,
  options: SheetOptions,
  progress: () => void
): Promise<Result.Result<Register.Register, ImportError<Register.Register>>> => {
  const tried: Array<ImportIssue> = []
  let count = 0
  let wanted = false
  const target = options.planYear ?? options.defaults?.planYear
  type Read = Result.Result<Register.Register, ImportError<Register.Register>>
  /** Registers found, with the year their title or name states. */
  const found: Array<{ readonly name: string; readonly year: number | undefined; readonly result: Read }> = []
  const passed: Array<string> = []
  const establishments: Array<Register.Establishment> = []
  let exact = false
  const establishmentIssues: Array<ImportIssue> = []
  try {
    for await (const sheet of sheets) {
      count++
      const info = sheet.info
      const want = options.sheet
      if (want !== undefined) {
        const match = typeof want === "number" ? info.position === want : info.name === want
        if (!match) continue
        wanted = true
      } else if (info.hidden) continue
      const system: DateSystem = options.dateSystem ?? (sheet.date1904() ? "1904" : "1900")
      const rd = Register.reader({ ...options, dateSystem: system }, { sheet: info.name })
      const es = establishmentsReader(info.name, options.maxIssues ?? 10_000)
      let other = false
      let registerDone = false
      rows: for await (const batch of sheet.rows())
        for (const row of batch) {
          if (row === null) throw new TypeError("Cannot read properties of null (reading 'values')")
          const cells = row.cells
          progress()
          // a sheet is a register or a list of establishments; both look for their header at first
          if (!rd.headerFound && want === undefined) es.push(cells, row.number)
          if (es.found) continue
          if (registerDone) continue
          if (!rd.push(cells, row.number)) {
            if (rd.headerFound || want !== undefined) break rows
            registerDone = true
          }
          // a register once the plan year's is found, or another year's: passed over unread
          if (exact && rd.headerFound) break rows
          const year = rd.context?.planYear?.value
          if (want === undefined && target !== undefined && rd.headerFound && year !== undefined && year !== target) {
            other = true
            break rows
          }
        }
      const listed = es.end()
      if (listed.found) {
        establishments.push(...listed.rows)
        establishmentIssues.push(...listed.issues)
        continue
      }
      const r = other ? undefined : rd.end()
      const stated = rd.context?.planYear?.value
      if (r === undefined || (want === undefined && target !== undefined && rd.headerFound && stated !== undefined && stated !== target)) {
        passed.push(`"${info.name}" (${stated ?? "?"})`)
        continue
      }
      if (want !== undefined) return r
      if (rd.headerFound && exact) continue
      if (rd.headerFound) {
        const year = rd.context?.planYear?.value
        if (target !== undefined && year === target) {
          // the rest of the workbook is read for an establishments sheet; other registers are passed over
          found.length = 0
          found.push({ name: info.name, year, result: withNote(r, passed.length === 0 ? undefined : `the registers of other years were passed over: sheets ${passed.join(", ")}`, info.name) })
          exact = true
          continue
        }
        if (exact) continue
        found.push({ name: info.name, year, result: r })
        continue
      }
      if (rd.headerIssue !== undefined) tried.push(rd.headerIssue)
    }
  } catch (e) {
    return fail("import/corrupt-file", `the workbook cannot be read (${(e as Error).message}); it may be damaged, or not a workbook saved by a spreadsheet program`)
  }
  if (options.sheet !== undefined && !wanted)
    return fail("import/sheet-not-found", `the workbook has no sheet ${typeof options.sheet === "number" ? `number ${options.sheet}` : JSON.stringify(options.sheet)}`)
  if (exact && found[0] !== undefined) return withEstablishments(found[0].result, establishments, establishmentIssues)
  if (found.length > 0) {
    // no sheet of the plan year asked for, or none asked: the latest year (sheets without one last)
    const best = [...found].sort((a, b) => (b.year ?? -1) - (a.year ?? -1))[0] ?? found[0]
    if (best === undefined) return fail("import/empty-sheet", "the workbook has no register")
    const others = found.filter((f) => f !== best).map((f) => `"${f.name}" (${f.year ?? "no year stated"})`)
    const unsure =
      target !== undefined
        ? `no sheet states the plan year ${target}; read sheet "${best.name}" (${best.year ?? "no year stated"})${passed.length + others.length > 0 ? `, not ${[...passed, ...others].join(", ")}` : ""}; pass sheet to choose`
        : others.length > 0
          ? `the workbook holds several registers; read sheet "${best.name}" (${best.year ?? "no year stated"}), the latest, not ${others.join(", ")}; pass planYear or sheet to choose`
          : undefined
    return withEstablishments(withNote(best.result, unsure, best.name), establishments, establishmentIssues)
  }
  if (count === 0) return fail("import/empty-sheet", "the workbook has no worksheet")
  if (tried.length === 0) return fail("import/empty-sheet", passed.length > 0 ? `the workbook has no register of the plan year ${target ?? ""}: only ${passed.join(", ")}` : "the workbook has no visible worksheet")
  return Result.err(importError<Register.Register>(tried, undefined))
}

/**
 * A register with the establishments of a sheet beside it, their problems added to its own, and a
 * warning naming the beneficiaries the list does not hold (by id, tax code or name).
 */
const withEstablishments = (
  r: Result.Result<Register.Register, ImportError<Register.Register>>,
  establishments: ReadonlyArray<Register.Establishment>,
  issues: ReadonlyArray<ImportIssue>
): Result.Result<Register.Register, ImportError<Register.Register>> => {
  if (establishments.length === 0 && issues.length === 0) return r
  const known = new Set(establishments.flatMap((e) => [e.id, e.taxCode ?? "", fold(e.name)]))
  const attach = (reg: Register.Register): Register.Register => {
    const missing = [...new Set(reg.proposals.flatMap((p) => p.beneficiaries).filter((b) => !known.has(b) && !known.has(fold(b))))]
    const warnings =
      missing.length === 0 || establishments.length === 0
        ? reg.warnings
        : [
            ...reg.warnings,
            issueAt(
              { sheet: establishments[0]?.sheet },
              "import/beneficiary-not-listed",
              `${missing.length} ${missing.length === 1 ? "beneficiary is" : "beneficiaries are"} not on the establishments sheet (by code, tax code or name): ${missing.slice(0, 5).map((m) => `"${m}"`).join(", ")}${missing.length > 5 ? ", …" : ""}`,
              { count: missing.length }
            )
          ]
    return { ...reg, establishments, warnings }
  }
  if (r.ok && issues.length === 0) return Result.ok(attach(r.value))
  const partial = r.ok ? r.value : r.error.partial
  return Result.err(importError([...(r.ok ? [] : r.error.issues), ...issues], partial === undefined ? undefined : attach(partial)))
}

/** A register with a warning about the choice of its sheet added (`import/sheet-chosen`). */
const withNote = (
  r: Result.Result<Register.Register, ImportError<Register.Register>>,
  note: string | undefined,
  sheet: string
): Result.Result<Register.Register, ImportError<Register.Register>> => {
  if (note === undefined) return r
  const add = (reg: Register.Register): Register.Register => ({ ...reg, warnings: [issueAt({ sheet }, "import/sheet-chosen", note), ...reg.warnings] })
  if (r.ok) return Result.ok(add(r.value))
  const partial = r.error.partial
  return partial === undefined ? r : Result.err(importError(r.error.issues, add(partial)))
}
