/**
 * Progress (tiến độ giải ngân): how much of a plan's assigned funds (kinh phí được giao) has been
 * disbursed (giải ngân) or allocated (phân bổ), as an exact {@link Rate.Rate}, overall and by
 * province, fund (nguồn kinh phí), activity (nội dung hoạt động) and month, with a percentage for
 * display rounded by a named display rounding (e.g. one decimal, half up: `"20,7%"`).
 *
 * The exact rate is what the library computes with; the display text is for people, and its
 * rounding is recorded (`Rounding.Record` on the scaled percentage) so a reader can see what was
 * rounded. {@link baseRange} goes the other way: from a published amount and a rounded
 * percentage to every whole-đồng base consistent with them.
 *
 * @example
 * ```ts
 * import { Money, Progress } from "@khuyencong/core"
 * const r = Progress.rate(Money.make(29_000_000_000n), Money.make(140_000_000_000n)) // ok 29/140
 * Progress.display(r.value, Progress.percent1).text // "20,7%" (seed 001: 2022 national plan)
 * ```
 * @since 0.1.0
 * @module
 */
import { ArithmeticError, ValidationError, type Issue } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import type { Money } from "../values/Money.js"
import type { Plan } from "../records/Plan.js"
import * as Rate from "../values/Rate.js"
import { err, ok, type Result } from "../values/Result.js"
import * as Rounding from "../values/Rounding.js"

// ---------------------------------------------------------------------------------------------
// Display roundings

/**
 * A named display rounding for percentages: `decimals` digits after the comma, rounded by `mode`
 * applied to the percentage scaled to an integer (so `mode` should have unit 1).
 * @category models
 * @since 0.1.0
 */
export interface Display {
  readonly id: string
  readonly decimals: number
  readonly mode: Rounding.Mode
}

/**
 * One decimal, half up: `"20,7%"` (how progress is usually reported).
 * @category display
 * @since 0.1.0
 * @example `Progress.display(Rate.make(29n, 140n), Progress.percent1).text` → `"20,7%"`
 */
export const percent1: Display = Object.freeze({ id: "percent-1-half-up", decimals: 1, mode: Rounding.halfUp1 })

/**
 * Two decimals, half up: `"5,74%"`.
 * @category display
 * @since 0.1.0
 * @example `Progress.display(Rate.make(1n, 3n), Progress.percent2).text` → `"33,33%"`
 */
export const percent2: Display = Object.freeze({ id: "percent-2-half-up", decimals: 2, mode: Rounding.halfUp1 })

/**
 * Whole percent, half up: `"35%"`.
 * @category display
 * @since 0.1.0
 * @example `Progress.display(Rate.make(45n, 130n), Progress.percent0).text` → `"35%"`
 */
export const percent0: Display = Object.freeze({ id: "percent-0-half-up", decimals: 0, mode: Rounding.halfUp1 })

/**
 * A display rounding with any number of decimals (0–10) and mode.
 * @category display
 * @since 0.1.0
 * @example `Progress.makeDisplay(1, Rounding.down1).id` → `"percent-1-down"`
 */
export const makeDisplay = (decimals: number, mode: Rounding.Mode): Display => {
  if (!Number.isSafeInteger(decimals) || decimals < 0 || decimals > 10)
    throw new ArithmeticError({ code: "progress/invalid-decimals", path: ["decimals"], message: `A percentage display (hiển thị tỷ lệ) needs 0–10 decimals, got ${decimals}` })
  return Object.freeze({ id: `percent-${decimals}-${mode.direction}${mode.unit === 1n ? "" : `-${mode.unit}`}`, decimals, mode })
}

/**
 * A rate shown as a percentage: the text, the rounded rate it shows and the rounding record.
 * @category models
 * @since 0.1.0
 */
export interface Shown {
  readonly text: string
  readonly shown: Rate.Rate
  readonly display: string
  readonly rounding: Rounding.Record
}

/**
 * Show a rate as a Vietnamese percentage (`,` decimal separator) rounded by a named display
 * rounding. The record's numbers are in units of the last shown digit (for `percent1`, tenths of
 * a percent: exact `"145/7"` → result `"207"`).
 * @category display
 * @since 0.1.0
 * @example `Progress.display(Rate.make(1_400n, 24_390n), Progress.percent2).text` → `"5,74%"`
 */
export const display = (r: Rate.Rate, d: Display = percent1): Shown => {
  const scale = 10n ** BigInt(2 + d.decimals)
  const rounded = Rounding.multiply(scale, r.numerator, r.denominator, d.mode)
  const v = rounded.value
  const neg = v < 0n
  const digits = (neg ? -v : v).toString().padStart(d.decimals + 1, "0")
  const cut = digits.length - d.decimals
  const text = `${neg ? "-" : ""}${digits.slice(0, cut)}${d.decimals > 0 ? "," + digits.slice(cut) : ""}%`
  return { text, shown: Rate.make(v, scale), display: d.id, rounding: rounded.record }
}

// ---------------------------------------------------------------------------------------------
// Rates

/**
 * `part / whole` exactly. `whole` must be positive and `part` non-negative
 * (`ArithmeticError` `progress/zero-base`, `progress/negative-amount`).
 * @category rates
 * @since 0.1.0
 * @example `Progress.rate(Money.make(45n), Money.make(130n))` → `{ ok: true, value: 9/26 }`
 */
export const rate = (part: Money, whole: Money): Result<Rate.Rate, ArithmeticError> => {
  if (whole <= 0n)
    return err(new ArithmeticError({ code: "progress/zero-base", path: ["whole"], message: `The assigned amount (kinh phí được giao) must be positive to compute a rate, got ${whole} đồng` }))
  if (part < 0n)
    return err(new ArithmeticError({ code: "progress/negative-amount", path: ["part"], message: `The disbursed amount (giải ngân) must not be negative, got ${part} đồng` }))
  return ok(Rate.make(part, whole))
}

/**
 * Every whole-đồng base `B` such that `part / B`, shown with `d`, reads `shown`: the range
 * `low … high` (inclusive; `high` undefined when unbounded). Use it to recover a published base
 * from a published amount and percentage ("1,4 tỷ đồng, đạt 5,74%").
 *
 * Errors (`ArithmeticError`): `progress/non-positive-part`; `progress/not-a-displayed-value`
 * when `shown` has more decimals than `d`; `progress/empty-range` when no base fits.
 * @category rates
 * @since 0.1.0
 * @example `Progress.baseRange(Money.make(1_400_000_000n), Rate.make(574n, 10_000n), Progress.percent2)` → `ok({ low: 24369016537n, high: 24411508282n })`
 */
export const baseRange = (
  part: Money,
  shown: Rate.Rate,
  d: Display = percent1
): Result<{ readonly low: Money; readonly high: Money | undefined }, ArithmeticError> => {
  if (part <= 0n)
    return err(new ArithmeticError({ code: "progress/non-positive-part", path: ["part"], message: "The published amount (số tiền) must be positive to recover its base" }))
  const scale = 10n ** BigInt(2 + d.decimals)
  // shown = k / scale exactly
  const k = Rounding.multiplyValue(scale, shown.numerator, shown.denominator, Rounding.down1)
  if (Rate.compareShare(k, scale, shown) !== 0)
    return err(
      new ArithmeticError({
        code: "progress/not-a-displayed-value",
        path: ["shown"],
        message: `${Rate.format(shown)} has more decimals than the display (hiển thị) ${d.id} shows`
      })
    )
  const u = d.mode.unit
  // Bounds on r·scale (in display units) as fractions with denominator 2: [lo, hi] and inclusivity.
  let lo2: bigint
  let hi2: bigint
  let loIncl: boolean
  let hiIncl: boolean
  switch (d.mode.direction) {
    case "down":
      ;[lo2, hi2, loIncl, hiIncl] = [2n * k, 2n * (k + u), true, false]
      break
    case "up":
      ;[lo2, hi2, loIncl, hiIncl] = [2n * (k - u), 2n * k, false, true]
      break
    case "half-up":
      ;[lo2, hi2, loIncl, hiIncl] = [2n * k - u, 2n * k + u, true, false]
      break
    case "half-even": {
      const even = (k / u) % 2n === 0n
      ;[lo2, hi2, loIncl, hiIncl] = [2n * k - u, 2n * k + u, even, even]
      break
    }
  }
  // r = part / B, so r·scale = part·scale / B; r·scale ≥ lo2/2 ⟺ B ≤ 2·part·scale / lo2, etc.
  const P = 2n * part * scale
  const floor = (a: bigint, b: bigint) => a / b // a, b > 0
  const ceil = (a: bigint, b: bigint) => (a + b - 1n) / b // a, b > 0
  // Lower bound on B from the upper bound on r.
  const low = hiIncl ? ceil(P, hi2) : floor(P, hi2) + 1n
  let high: bigint | undefined
  if (lo2 > 0n) high = loIncl ? floor(P, lo2) : ceil(P, lo2) - 1n
  if (high !== undefined && high < low)
    return err(
      new ArithmeticError({
        code: "progress/empty-range",
        path: ["shown"],
        message: `No whole-đồng base (kinh phí được giao) gives ${Rate.format(shown)} for ${part} đồng`
      })
    )
  return ok({ low: (low < 1n ? 1n : low) as Money, high: high as Money | undefined })
}

// ---------------------------------------------------------------------------------------------
// Reports

/**
 * An assignment (kinh phí được giao) to track: a project, a unit's budget or a plan envelope.
 * @category models
 * @since 0.1.0
 */
export interface Assignment {
  readonly id: string
  readonly amount: Money
  readonly province?: string
  readonly fund?: string
  readonly activity?: string
}

/**
 * A disbursement (giải ngân) or allocation on a date. Linked to an assignment by `assignment`, it
 * takes that assignment's province, fund and activity; unlinked, it uses its own.
 * @category models
 * @since 0.1.0
 */
export interface Disbursement {
  readonly date: LocalDate.LocalDate
  readonly amount: Money
  readonly assignment?: string
  readonly province?: string
  readonly fund?: string
  readonly activity?: string
}

/**
 * One line of a report: assigned, disbursed, the exact rate (undefined when nothing is assigned)
 * and its display.
 * @category models
 * @since 0.1.0
 */
export interface Line {
  readonly key: string
  readonly assigned: Money
  readonly disbursed: Money
  readonly rate: Rate.Rate | undefined
  readonly shown: Shown | undefined
}

/**
 * One month: disbursed in the month, cumulative to its end, and the cumulative rate of the total
 * assigned.
 * @category models
 * @since 0.1.0
 */
export interface Month {
  /** `YYYY-MM`. */
  readonly month: string
  readonly disbursed: Money
  readonly cumulative: Money
  readonly rate: Rate.Rate | undefined
  readonly shown: Shown | undefined
}

/**
 * A progress report. Lines are sorted by key; `unassigned` is the key of disbursements with no
 * value for a dimension.
 * @category models
 * @since 0.1.0
 */
export interface Report {
  readonly asOf: LocalDate.LocalDate | undefined
  readonly display: string
  readonly total: Line
  readonly byProvince: ReadonlyArray<Line>
  readonly byFund: ReadonlyArray<Line>
  readonly byActivity: ReadonlyArray<Line>
  readonly byMonth: ReadonlyArray<Month>
}

const UNASSIGNED = "(unassigned)"

const lineOf = (key: string, assigned: bigint, disbursed: bigint, d: Display): Line => {
  const r = assigned > 0n ? Rate.make(disbursed, assigned) : undefined
  return { key, assigned: assigned as Money, disbursed: disbursed as Money, rate: r, shown: r === undefined ? undefined : display(r, d) }
}

/**
 * Progress of assignments by disbursements up to `asOf` (all, when absent): overall, by
 * province, fund, activity, and by month from the first month with a disbursement to the month
 * of `asOf` (or of the last disbursement).
 *
 * Errors (`ValidationError`, every issue listed): `progress/duplicate-assignment`,
 * `progress/invalid-amount` (assignments ≥ 0, disbursements > 0), `progress/invalid-date`,
 * `progress/unknown-assignment`.
 * @category reports
 * @since 0.1.0
 * @example `Progress.report({ assignments: [{ id: "kh", amount: Money.make(130n) }], disbursements: [{ date: "2024-06-30", amount: Money.make(45n), assignment: "kh" }] }).value.total.shown.text` → `"34,6%"`
 */
export const report = (input: {
  readonly assignments: ReadonlyArray<Assignment>
  readonly disbursements: ReadonlyArray<Disbursement>
  readonly asOf?: LocalDate.LocalDate
  readonly display?: Display
}): Result<Report, ValidationError> => {
  const issues: Array<Issue> = []
  const add = (code: string, path: ReadonlyArray<string | number>, message: string, actual?: unknown) =>
    issues.push(actual === undefined ? { code, path, message } : { code, path, message, actual })
  const d = input.display ?? percent1
  const byId = new Map<string, Assignment>()
  input.assignments.forEach((a, i) => {
    if (byId.has(a.id)) add("progress/duplicate-assignment", ["assignments", i, "id"], `Assignment "${a.id}" appears twice`, a.id)
    byId.set(a.id, a)
    if (typeof a.amount !== "bigint" || a.amount < 0n)
      add("progress/invalid-amount", ["assignments", i, "amount"], "An assigned amount (kinh phí được giao) must not be negative", a.amount)
  })
  if (input.asOf !== undefined && !LocalDate.is(input.asOf)) add("progress/invalid-date", ["asOf"], "asOf must be a YYYY-MM-DD day", input.asOf)
  input.disbursements.forEach((x, i) => {
    if (!LocalDate.is(x.date)) add("progress/invalid-date", ["disbursements", i, "date"], "A disbursement date (ngày giải ngân) must be a YYYY-MM-DD day", x.date)
    if (typeof x.amount !== "bigint" || x.amount <= 0n)
      add("progress/invalid-amount", ["disbursements", i, "amount"], "A disbursed amount (số tiền giải ngân) must be positive", x.amount)
    if (x.assignment !== undefined && !byId.has(x.assignment))
      add("progress/unknown-assignment", ["disbursements", i, "assignment"], `No assignment "${x.assignment}"`, x.assignment)
  })
  if (issues.length > 0) {
    const first = issues[0] as Issue
    return err(new ValidationError({ code: first.code, path: first.path, message: `Cannot report progress (tiến độ): ${first.message}`, issues }))
  }
  type Dim = "province" | "fund" | "activity"
  const dims: ReadonlyArray<Dim> = ["province", "fund", "activity"]
  const assigned: { [k in Dim]: Map<string, bigint> } = { province: new Map(), fund: new Map(), activity: new Map() }
  const disbursed: { [k in Dim]: Map<string, bigint> } = { province: new Map(), fund: new Map(), activity: new Map() }
  const bump = (m: Map<string, bigint>, k: string, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v)
  let totalAssigned = 0n
  for (const a of input.assignments) {
    totalAssigned += a.amount
    for (const k of dims) bump(assigned[k], a[k] ?? UNASSIGNED, a.amount)
  }
  const asOf = input.asOf
  const counted = input.disbursements.filter((x) => asOf === undefined || x.date <= asOf)
  let totalDisbursed = 0n
  const months = new Map<string, bigint>()
  for (const x of counted) {
    totalDisbursed += x.amount
    const a = x.assignment === undefined ? undefined : byId.get(x.assignment)
    for (const k of dims) bump(disbursed[k], (a ?? x)[k] ?? UNASSIGNED, x.amount)
    bump(months, x.date.slice(0, 7), x.amount)
  }
  const lines = (k: Dim): ReadonlyArray<Line> => {
    const keys = [...new Set([...assigned[k].keys(), ...disbursed[k].keys()])].sort()
    return keys.map((key) => lineOf(key, assigned[k].get(key) ?? 0n, disbursed[k].get(key) ?? 0n, d))
  }
  const byMonth: Array<Month> = []
  const monthKeys = [...months.keys()].sort()
  const firstMonth = monthKeys[0]
  const lastMonth = asOf !== undefined ? asOf.slice(0, 7) : monthKeys[monthKeys.length - 1]
  if (firstMonth !== undefined && lastMonth !== undefined) {
    let cursor = `${firstMonth}-01` as LocalDate.LocalDate
    let cumulative = 0n
    while (cursor.slice(0, 7) <= lastMonth) {
      const m = cursor.slice(0, 7)
      const inMonth = months.get(m) ?? 0n
      cumulative += inMonth
      const r = totalAssigned > 0n ? Rate.make(cumulative, totalAssigned) : undefined
      byMonth.push({ month: m, disbursed: inMonth as Money, cumulative: cumulative as Money, rate: r, shown: r === undefined ? undefined : display(r, d) })
      cursor = LocalDate.addMonths(cursor, 1)
    }
  }
  return ok({
    asOf,
    display: d.id,
    total: lineOf("total", totalAssigned, totalDisbursed, d),
    byProvince: lines("province"),
    byFund: lines("fund"),
    byActivity: lines("activity"),
    byMonth
  })
}

/**
 * The assignments of a plan: one per budget envelope (kinh phí được giao), with id
 * `<plan id>/<index>`, the envelope's province code and its source of funds as the fund.
 * @category reports
 * @since 0.1.0
 * @example `Progress.assignmentsOfPlan(plan)` → `[{ id: "kh-2024/0", amount: 130000000000n, fund: "central-budget" }]`
 */
export const assignmentsOfPlan = (plan: Plan): ReadonlyArray<Assignment> =>
  plan.envelopes.map((e, i) => {
    const out: { -readonly [K in keyof Assignment]: Assignment[K] } = { id: `${plan.id}/${i}`, amount: e.amount, fund: e.source.kind }
    if (e.provinceCode !== undefined) out.province = e.provinceCode
    return out
  })
