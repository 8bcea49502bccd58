/**
 * Building import issues and the summary error (private).
 */
import type { CellValue } from "../Cell.js"
import { ImportError, type ImportIssue } from "../Issues.js"

/** Where an issue sits. */
export interface Place {
  readonly sheet: string | undefined
  readonly row?: number | undefined
  readonly column?: string | undefined
  readonly header?: string | undefined
  readonly raw?: CellValue | undefined
  readonly field?: string | undefined
}

const describePlace = (p: Place): string => {
  const parts: Array<string> = []
  if (p.sheet !== undefined) parts.push(`Sheet ${JSON.stringify(p.sheet)}`)
  if (p.row !== undefined) parts.push(`row ${p.row}`)
  if (p.column !== undefined) parts.push(`column ${p.column}${p.header === undefined ? "" : ` ${JSON.stringify(p.header)}`}`)
  return parts.join(", ")
}

/**
 * Build an issue at a place; the message is prefixed with the place.
 */
export const issueAt = (p: Place, code: string, detail: string, params?: Readonly<Record<string, string | number>>): ImportIssue => {
  const where = describePlace(p)
  const path: Array<string | number> = []
  if (p.sheet !== undefined) path.push(p.sheet)
  if (p.row !== undefined) path.push(p.row)
  if (p.column !== undefined) path.push(p.column)
  const base = {
    code,
    path,
    message: where === "" ? detail : `${where}: ${detail}`,
    sheet: p.sheet,
    row: p.row,
    column: p.column,
    header: p.header,
    raw: p.raw,
    field: p.field
  }
  const withRaw = p.raw === undefined ? base : { ...base, actual: p.raw }
  return params === undefined ? withRaw : { ...withRaw, params }
}

/**
 * The summary error for a list of issues (code of the only issue, or `import/invalid`).
 */
export const importError = <A>(issues: ReadonlyArray<ImportIssue>, partial: A | undefined): ImportError<A> => {
  const first = issues[0]
  const code = issues.length === 1 && first !== undefined ? first.code : "import/invalid"
  const shown = issues.slice(0, 3).map((i) => i.message)
  const more = issues.length > 3 ? `; and ${issues.length - 3} more` : ""
  return new ImportError<A>({
    code,
    message: `The register (biểu tổng hợp đề án) could not be imported cleanly (${issues.length} ${issues.length === 1 ? "problem" : "problems"}): ${shown.join("; ")}${more}`,
    issues,
    partial
  })
}
