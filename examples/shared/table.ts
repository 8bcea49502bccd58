/**
 * A plain-text table for the console: columns padded by display width (Vietnamese text in NFC
 * counts one column per letter, diacritics included), numbers right-aligned.
 */

/** A column: header, alignment and optional maximum width (longer cells are cut with "…"). */
export interface Column {
  readonly header: string
  readonly align?: "left" | "right"
  readonly max?: number
}

const width = (s: string): number => [...s.normalize("NFC")].length

const cut = (s: string, max: number | undefined): string => {
  const t = s.normalize("NFC")
  if (max === undefined || width(t) <= max) return t
  return [...t].slice(0, max - 1).join("") + "…"
}

const pad = (s: string, w: number, align: "left" | "right"): string => {
  const gap = " ".repeat(Math.max(0, w - width(s)))
  return align === "right" ? gap + s : s + gap
}

/** Render rows under the columns; `rule` lines separate the header and the rows. */
export const render = (columns: ReadonlyArray<Column>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const cells = rows.map((r) => columns.map((c, i) => cut(r[i] ?? "", c.max)))
  const widths = columns.map((c, i) => Math.max(width(c.header), ...cells.map((r) => width(r[i] ?? ""))))
  const line = (r: ReadonlyArray<string>): string =>
    r
      .map((s, i) => pad(s, widths[i] ?? 0, columns[i]?.align ?? "left"))
      .join("  ")
      .trimEnd()
  const rule = widths.map((w) => "─".repeat(w)).join("  ")
  return [line(columns.map((c) => c.header)), rule, ...cells.map(line)].join("\n")
}
