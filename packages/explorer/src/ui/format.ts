/** How the page writes values: money and rates as the library writes them (`Money.format`, `Rate.format`). */
import { Money, Rate, type RulePack } from "@khuyencong/core"

const isFraction = (v: unknown): v is { readonly numerator: bigint; readonly denominator: bigint } =>
  typeof v === "object" && v !== null && "numerator" in v && "denominator" in v

/** A parameter's value as text: `300.000.000 ₫`, `50%`, `3 năm / years`, a list of codes. */
export const formatValue = (v: RulePack.ParameterValue | null | undefined, unit?: string): string => {
  if (v === null || v === undefined) return "—"
  if (typeof v === "bigint") return Money.format(v as Money.Money)
  if (isFraction(v)) return Rate.format(v as Rate.Rate)
  if (typeof v === "boolean") return v ? "có / yes" : "không / no"
  if (typeof v === "number") return unit === undefined ? String(v) : `${v} ${unit}`
  if (Array.isArray(v)) return v.join(", ")
  return String(v)
}

/** A value as a number for a chart (đồng, percent, a count), or undefined when it is not one. */
export const numberOf = (v: RulePack.ParameterValue | null | undefined, unit?: string): number | undefined => {
  if (typeof v === "bigint") return Number(v)
  if (isFraction(v)) return (Number(v.numerator) / Number(v.denominator)) * (unit === "×" ? 1 : 100)
  if (typeof v === "number") return v
  return undefined
}

/** Money as the library writes it (`Money.format`). */
export const vnd = (m: bigint): string => Money.format(m as Money.Money)

/** A signed difference of money: `+100.000.000 ₫`, `−50.000.000 ₫`, `0 ₫`. */
export const signedVnd = (d: bigint): string => (d > 0n ? `+${vnd(d)}` : d < 0n ? `−${vnd(-d)}` : vnd(0n))

/** The order of two numeric values (money, rates, numbers): -1, 0 or 1; undefined when either is not numeric or they differ in kind. */
export const compareValues = (a: RulePack.ParameterValue | null | undefined, b: RulePack.ParameterValue | null | undefined): -1 | 0 | 1 | undefined => {
  const sign = (d: bigint): -1 | 0 | 1 => (d < 0n ? -1 : d > 0n ? 1 : 0)
  if (typeof a === "bigint" && typeof b === "bigint") return sign(a - b)
  if (isFraction(a) && isFraction(b)) return sign(a.numerator * b.denominator - b.numerator * a.denominator)
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0
  return undefined
}
