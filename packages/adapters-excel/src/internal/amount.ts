/**
 * Reading amounts (số tiền) from cells of a column whose unit (đơn vị tính) is đồng, nghìn đồng,
 * triệu đồng or tỷ đồng, exactly: numbers through their shortest decimal text, never floating
 * point arithmetic.
 */
import { Money } from "@khuyencong/core"
import { type CellValue, describe, type ErrorValue, isErrorValue, isFormula } from "../Cell.js"
import { fold } from "./text.js"

/** Digits grouped by "." in threes (Vietnamese style). */
const groupDots = (n: bigint): string => {
  const neg = n < 0n
  const d = (neg ? -n : n).toString()
  const head = d.length % 3 || 3
  let out = d.slice(0, head)
  for (let i = head; i < d.length; i += 3) out += "." + d.slice(i, i + 3)
  return (neg ? "-" : "") + out
}

/** A unit of account for an amount column, in đồng. */
export type Unit = bigint

/** Name of a unit for messages and headers. */
export const unitName = (u: Unit): string =>
  u === 1n ? "đồng" : u === 1_000n ? "nghìn đồng" : u === 1_000_000n ? "triệu đồng" : u === 1_000_000_000n ? "tỷ đồng" : `${u} đồng`

const UNIT_WORDS: ReadonlyArray<readonly [string, Unit]> = [
  ["dong", 1n],
  ["d", 1n],
  ["vnd", 1n],
  ["vnd dong", 1n],
  ["dong vn", 1n],
  ["nghin dong", 1_000n],
  ["ngan dong", 1_000n],
  ["nghin", 1_000n],
  ["ngan", 1_000n],
  ["1000 dong", 1_000n],
  ["1 000 dong", 1_000n],
  ["1000d", 1_000n],
  ["1 000d", 1_000n],
  ["1000 d", 1_000n],
  ["1 000 d", 1_000n],
  ["trieu dong", 1_000_000n],
  ["trieu", 1_000_000n],
  ["tr dong", 1_000_000n],
  ["tr d", 1_000_000n],
  ["trd", 1_000_000n],
  ["trieu vnd", 1_000_000n],
  ["1 000 000 dong", 1_000_000n],
  ["1000000 dong", 1_000_000n],
  ["ty dong", 1_000_000_000n],
  ["ti dong", 1_000_000_000n],
  ["ty", 1_000_000_000n],
  ["ti", 1_000_000_000n]
]
const UNITS = new Map(UNIT_WORDS)

/**
 * The unit named by a piece of text: a parenthetical of a header (`"triệu đồng"`, `"1.000 đ"`,
 * `"đồng"`), or the text after "Đơn vị tính:" / "ĐVT:".
 */
export const unitOfText = (text: string): Unit | undefined => {
  const f = fold(text).replace(/^(?:don vi tinh|don vi|dvt)\s*/, "")
  return UNITS.get(f)
}

/** Units in the parentheticals of a header label (the last one naming a unit wins). */
export const unitOfHeader = (label: string): Unit | undefined => {
  let found: Unit | undefined
  for (const m of label.matchAll(/\(([^()]*)\)/g)) {
    const u = unitOfText(m[1] ?? "")
    if (u !== undefined) found = u
  }
  if (found !== undefined) return found
  // "Tổng kinh phí, triệu đồng" / "Kinh phí - ĐVT: triệu đồng"
  const tail = /(?:đơn vị tính|đvt)\s*:?\s*([^()]+)$/iu.exec(label)
  if (tail !== null) return unitOfText(tail[1] ?? "")
  return undefined
}

/** A sheet note such as "Đơn vị tính: triệu đồng" or "ĐVT: Triệu đồng". */
export const unitOfNote = (text: string): Unit | undefined => {
  const m = /(?:đơn vị tính|đvt)\s*:\s*(.+)$/iu.exec(text.normalize("NFC").trim())
  return m === null ? undefined : unitOfText((m[1] ?? "").replace(/[.;]+$/, ""))
}

/** An exact decimal: `digits / 10^scale`. */
interface Decimal {
  readonly digits: bigint
  readonly scale: number
}

/** The exact decimal of the shortest text of a JavaScript number (`1.35` → 135/10²). */
export const decimalOfNumber = (n: number): Decimal => {
  // Without text (turning a number into its shortest text is most of the cost): the fewest
  // decimals k ≤ 6 with which a whole number of 10^-k reads back as n. That is the shortest text's
  // scale (a text with fewer decimals would be shorter and read back too), and its digits while
  // they stay below 2^50 (n × 10^k is then within a quarter of them: rounding finds them).
  for (let k = 0, p = 1; k <= 6; k++, p *= 10) {
    const digits = Math.round(n * p)
    if (Math.abs(digits) >= 2 ** 50) break
    if (digits / p === n) return { digits: BigInt(digits), scale: k }
  }
  const s = String(n)
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s)
  if (m === null) throw new RangeError(`not a finite number: ${s}`)
  const sign = m[1] === "-" ? -1n : 1n
  const int = m[2] ?? "0"
  const frac = m[3] ?? ""
  const exp = Number(m[4] ?? "0")
  let digits = BigInt(int + frac)
  let scale = frac.length - exp
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale)
    scale = 0
  }
  return { digits: sign * digits, scale }
}

const VI_DECIMAL = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/

/** Failure of reading an amount: an import code and the detail for the message. */
export interface AmountFailure {
  readonly ok: false
  readonly code: "import/bad-amount" | "import/fractional-dong" | "import/cell-error" | "import/no-cached-value"
  readonly detail: string
  readonly params?: Readonly<Record<string, string | number>>
}
export type AmountRead = { readonly ok: true; readonly value: bigint } | AmountFailure

const scaled = (d: Decimal, unit: Unit, raw: CellValue): AmountRead => {
  const p = 10n ** BigInt(d.scale)
  const product = d.digits * unit
  if (product % p !== 0n) {
    return {
      ok: false,
      code: "import/fractional-dong",
      detail: `the amount (số tiền) ${describe(raw)} in ${unitName(unit)} is not a whole number of đồng (${unitName(unit) === "đồng" ? "there is no fraction of a đồng" : `× ${groupDots(unit)} leaves a fraction of a đồng`})`
    }
  }
  return { ok: true, value: product / p }
}

/**
 * Read an amount of đồng from a cell of a column in `unit`.
 * - a number: exact (its shortest decimal text × unit); a fraction of a đồng is an error;
 * - text with a unit word or currency (`1,5 tỷ`, `900 triệu đồng`, `1.500.000 đ`): read by
 *   `Money.parse`, the column unit is not applied;
 * - other text: in a đồng column by `Money.parse` (`1.500.000.000`); in a nghìn/triệu/tỷ
 *   column as a Vietnamese decimal (`1,35`, `1.350`, `1.350,5`) × unit;
 * - a formula: its cached result; dates, booleans and error values are refused.
 */
export const readAmount = (raw: CellValue, unit: Unit): AmountRead => {
  let v: CellValue | ErrorValue | undefined = raw
  if (isFormula(raw)) {
    if (raw.result === undefined || raw.result === null)
      return { ok: false, code: "import/no-cached-value", detail: `the formula =${raw.formula} has no computed value in the file; open and save it in a spreadsheet program, or type the amount (số tiền)` }
    v = raw.result
  }
  if (isErrorValue(v)) return { ok: false, code: "import/cell-error", detail: `the cell shows the error ${v.error} instead of an amount (số tiền)` }
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false, code: "import/bad-amount", detail: `${describe(raw)} is not an amount (số tiền)` }
    if (Math.abs(v) > Number.MAX_SAFE_INTEGER)
      return { ok: false, code: "import/bad-amount", detail: `the number ${describe(raw)} is too large to be exact in a spreadsheet number; type the amount (số tiền) as text, e.g. 12.345.678.901.234.567` }
    return scaled(decimalOfNumber(v), unit, raw)
  }
  if (typeof v === "string") {
    const text = v.normalize("NFC").trim()
    if (unit === 1n || /\p{L}|₫/u.test(text)) {
      const r = Money.parse(text)
      if (r.ok) return { ok: true, value: r.value }
      const code = r.error.code === "money/fractional-dong" ? "import/fractional-dong" : "import/bad-amount"
      if (unit === 1n) return { ok: false, code, detail: r.error.message, params: { unit: "đồng", found: text } }
      // a column in nghìn / triệu / tỷ đồng: say so, not what a đồng amount would need
      const typo = /^[\d.,]*[OoIl][\dOoIl.,]*$/u.test(text) && /\d/.test(text)
      return {
        ok: false,
        code: "import/bad-amount",
        detail: `cannot read the amount (số tiền) ${JSON.stringify(v)}: the column is in ${unitName(unit)}, so expected a number such as 1.350 or 1,5 (in ${unitName(unit)}), or an amount with its unit such as 1,5 tỷ${typo ? `; the letter ${/[Oo]/.test(text) ? "O" : "I or l"} stands where a digit (${/[Oo]/.test(text) ? "0" : "1"}) belongs` : ""}`,
        params: { unit: unitName(unit), expected: `a number in ${unitName(unit)}`, found: text }
      }
    }
    const m = VI_DECIMAL.exec(text.replace(/[\u00A0\u202F]/g, ""))
    if (m === null)
      return {
        ok: false,
        code: "import/bad-amount",
        detail: `cannot read the amount (số tiền) ${JSON.stringify(v)} in ${unitName(unit)}: expected a number such as 1,35 or 1.350 (Vietnamese style: "." groups thousands, "," is the decimal separator), or an amount with its unit such as 1,5 tỷ`,
        params: { unit: unitName(unit), expected: `a number in ${unitName(unit)}`, found: text }
      }
    const frac = m[3] ?? ""
    const digits = BigInt((m[2] ?? "0").replaceAll(".", "") + frac) * (m[1] === "-" ? -1n : 1n)
    return scaled({ digits, scale: frac.length }, unit, raw)
  }
  if (v instanceof Date) return { ok: false, code: "import/bad-amount", detail: `the cell holds a date (${describe(raw)}), not an amount (số tiền)` }
  if (typeof v === "boolean") return { ok: false, code: "import/bad-amount", detail: `the cell holds ${v ? "TRUE" : "FALSE"}, not an amount (số tiền)` }
  return { ok: false, code: "import/bad-amount", detail: `${describe(raw)} is not an amount (số tiền)` }
}
