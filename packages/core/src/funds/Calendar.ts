/**
 * Calendar (lịch kế hoạch khuyến công): the deadlines of a plan year or of a contract, computed
 * from a rule pack's calendar entries (registration, appraisal, plan approval, monthly progress
 * reports, the closing dossier and the settlement in the following year), and their status on a
 * date: met, missed (done late), due (open, still on time), overdue (open, late) or pending (an
 * after-event deadline whose event has not happened).
 *
 * Deadline days: the legal texts say either "before day N" (trước ngày N: day N itself is late)
 * or "not later than day N" (không được chậm quá, chậm nhất: day N is on time). Each deadline
 * carries both the day named (`date`) and the last day on time (`lastDay`). The cutoff comes
 * from `options.cutoffs[entry.id]` when given, else from the pack's `deadline.cutoff`, else from
 * the entry's Vietnamese name: "trước ngày" / "trước <day>" reads as `before`, anything else as
 * `on-or-before`.
 *
 * Years: a `yearly` entry with a negative or zero `yearOffset` (registration, approval) is
 * anchored to the first plan year; one with a positive offset (settlement in the following year)
 * to the last plan year of a multi-year project. `monthly` entries run over every month of the
 * plan years. A day that does not exist in a year (29 February) falls on the month's last day.
 *
 * Also here: the plan year's place in the programme period of its pack, the carry-over of
 * unspent funds to the next year (Decree 45/2012/NĐ-CP art. 14.4) and the pack governing a
 * project for its whole life (the one in force at its approval).
 *
 * @example
 * ```ts
 * import { Calendar } from "@khuyencong/core"
 * Calendar.status(pack.calendar, { planYear: 2024, asOf: "2025-01-23", events: [] })
 * // overdue includes settlement.liquidation (last day 2025-01-22)
 * ```
 * @since 0.1.0
 * @module
 */
import type * as Citation from "../values/Citation.js"
import { LookupError, ValidationError, type Issue } from "../values/Errors.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Ledger from "./Ledger.js"
import type { Money } from "../values/Money.js"
import * as Parameter from "../values/Parameter.js"
import * as Resolution from "../rules/Resolution.js"
import { err, ok, type Result } from "../values/Result.js"
import type { CalendarEntry, RulePack } from "../rules/RulePack.js"

// ---------------------------------------------------------------------------------------------
// Models

/**
 * Whether the day named is itself on time (`on-or-before`) or already late (`before`).
 * @category models
 * @since 0.1.0
 */
export type Cutoff = "before" | "on-or-before"

/**
 * One deadline instance.
 * @category models
 * @since 0.1.0
 */
export interface Deadline {
  readonly entry: string
  readonly name: string
  readonly nameVi: string
  readonly actor: string
  /** `YYYY` for yearly entries, `YYYY-MM` for monthly ones, the event name for after-event ones. */
  readonly period: string
  /** The day the text names. */
  readonly date: LocalDate.LocalDate
  /** The last day on time. */
  readonly lastDay: LocalDate.LocalDate
  readonly cutoff: Cutoff
  readonly citation: Citation.Citation
}

/**
 * Something that happened: the completion of an entry (`id` = the entry id, with `period` for a
 * monthly entry, else the month of `date` counts) or an event after-event entries wait for (`id`
 * = the event name, e.g. `last-base-acceptance`).
 * @category models
 * @since 0.1.0
 */
export interface Happening {
  readonly id: string
  readonly date: LocalDate.LocalDate
  readonly period?: string
}

/**
 * Options: the plan year (and last plan year for a multi-year project), happenings, per-entry
 * cutoffs, and an optional range of months for monthly entries (`YYYY-MM`, inclusive).
 * @category models
 * @since 0.1.0
 */
export interface Options {
  readonly planYear: number
  readonly lastPlanYear?: number
  readonly events?: ReadonlyArray<Happening>
  readonly cutoffs?: Readonly<Record<string, Cutoff>>
  readonly months?: { readonly from: string; readonly to: string }
}

/**
 * A deadline with its state on `asOf`; `done` is the completion date when there is one.
 * @category models
 * @since 0.1.0
 */
export interface Item extends Deadline {
  readonly state: "met" | "missed" | "due" | "overdue"
  readonly done: LocalDate.LocalDate | undefined
  /** Days from `asOf` to `lastDay` (negative when past). */
  readonly daysLeft: number
}

/**
 * An after-event entry still waiting for its event.
 * @category models
 * @since 0.1.0
 */
export interface Pending {
  readonly entry: string
  readonly event: string
  readonly days: number
  readonly citation: Citation.Citation
}

/**
 * Status on a date, each list sorted by last day then entry id.
 * @category models
 * @since 0.1.0
 */
export interface Status {
  readonly asOf: LocalDate.LocalDate
  readonly met: ReadonlyArray<Item>
  readonly missed: ReadonlyArray<Item>
  readonly due: ReadonlyArray<Item>
  readonly overdue: ReadonlyArray<Item>
  readonly pending: ReadonlyArray<Pending>
}

// ---------------------------------------------------------------------------------------------
// Deadlines

const BEFORE = /trước\s+(ngày\s+)?\d/i

/**
 * The cutoff of an entry: an explicit override, else the pack's `deadline.cutoff`, else read from
 * the Vietnamese name.
 * @category deadlines
 * @since 0.1.0
 * @example `Calendar.cutoffOf({ nameVi: "… trước ngày 25 hàng tháng", … })` → `"before"`
 */
export const cutoffOf = (entry: CalendarEntry, overrides?: Readonly<Record<string, Cutoff>>): Cutoff => {
  const o = overrides !== undefined && Object.hasOwn(overrides, entry.id) ? overrides[entry.id] : undefined
  if (o !== undefined) return o
  const explicit = entry.deadline.cutoff
  if (explicit !== undefined) return explicit
  return BEFORE.test(entry.nameVi) ? "before" : "on-or-before"
}

const dayIn = (year: number, month: number, day: number): LocalDate.LocalDate => {
  const last = LocalDate.daysInMonth(year, month)
  return LocalDate.makeOrThrow(year, month, day > last ? last : day)
}

const instance = (e: CalendarEntry, period: string, date: LocalDate.LocalDate, cutoff: Cutoff): Deadline => ({
  entry: e.id,
  name: e.name,
  nameVi: e.nameVi,
  actor: e.actor,
  period,
  date,
  lastDay: cutoff === "before" ? LocalDate.addDays(date, -1) : date,
  cutoff,
  citation: e.citation
})

const validateOptions = (o: Options): ReadonlyArray<Issue> => {
  const issues: Array<Issue> = []
  const last = o.lastPlanYear ?? o.planYear
  if (!Number.isSafeInteger(o.planYear) || o.planYear < 2000 || o.planYear > 2100)
    issues.push({ code: "calendar/invalid-plan-year", path: ["planYear"], message: "The plan year (năm kế hoạch) must be between 2000 and 2100", actual: o.planYear })
  if (!Number.isSafeInteger(last) || last < o.planYear || last > 2100)
    issues.push({ code: "calendar/invalid-last-plan-year", path: ["lastPlanYear"], message: "The last plan year must not be before the plan year", actual: o.lastPlanYear })
  const YM = /^\d{4}-(0[1-9]|1[0-2])$/
  if (o.months !== undefined && (!YM.test(o.months.from) || !YM.test(o.months.to) || o.months.from > o.months.to))
    issues.push({ code: "calendar/invalid-months", path: ["months"], message: "months must be YYYY-MM, from ≤ to", actual: o.months })
  ;(o.events ?? []).forEach((h, i) => {
    if (!LocalDate.is(h.date)) issues.push({ code: "calendar/invalid-date", path: ["events", i, "date"], message: "An event date (ngày) must be a YYYY-MM-DD day", actual: h.date })
  })
  return issues
}

const invalid = (issues: ReadonlyArray<Issue>): ValidationError => {
  const first = issues[0] as Issue
  return new ValidationError({ code: first.code, path: first.path, message: `Cannot build the calendar (lịch kế hoạch): ${first.message}`, issues })
}

/**
 * The deadlines of a plan year (or of a multi-year project's years) from calendar entries,
 * sorted by last day then entry id, and the after-event entries still waiting for their event.
 * Errors: `ValidationError` (`calendar/invalid-plan-year`, `calendar/invalid-last-plan-year`,
 * `calendar/invalid-months`, `calendar/invalid-date`, `calendar/invalid-entry` for a deadline
 * with an impossible month or day).
 * @category deadlines
 * @since 0.1.0
 * @example `Calendar.deadlines(pack.calendar, { planYear: 2024 }).value.deadlines.find((d) => d.entry === "settlement.liquidation")?.lastDay` → `"2025-01-22"`
 */
export const deadlines = (
  entries: ReadonlyArray<CalendarEntry>,
  options: Options
): Result<{ readonly deadlines: ReadonlyArray<Deadline>; readonly pending: ReadonlyArray<Pending> }, ValidationError> => {
  const issues = [...validateOptions(options)]
  entries.forEach((e, i) => {
    const d = e.deadline
    const badDay = (day: number) => !Number.isSafeInteger(day) || day < 1 || day > 31
    if (d.kind === "yearly" && (!Number.isSafeInteger(d.month) || d.month < 1 || d.month > 12 || badDay(d.day) || !Number.isSafeInteger(d.yearOffset)))
      issues.push({ code: "calendar/invalid-entry", path: ["entries", i, "deadline"], message: `Calendar entry "${e.id}" has an impossible date`, actual: d })
    if (d.kind === "monthly" && badDay(d.day))
      issues.push({ code: "calendar/invalid-entry", path: ["entries", i, "deadline"], message: `Calendar entry "${e.id}" has an impossible day`, actual: d })
    if (d.kind === "after-event" && (!Number.isSafeInteger(d.days) || d.days < 0))
      issues.push({ code: "calendar/invalid-entry", path: ["entries", i, "deadline"], message: `Calendar entry "${e.id}" needs a non-negative number of days`, actual: d })
  })
  if (issues.length > 0) return err(invalid(issues))
  const first = options.planYear
  const last = options.lastPlanYear ?? first
  const from = options.months?.from ?? `${first}-01`
  const to = options.months?.to ?? `${last}-12`
  const happened = new Map<string, LocalDate.LocalDate>()
  for (const h of options.events ?? []) {
    const seen = happened.get(h.id)
    if (seen === undefined || h.date > seen) happened.set(h.id, h.date) // the last occurrence (e.g. last acceptance)
  }
  const out: Array<Deadline> = []
  const pending: Array<Pending> = []
  for (const e of entries) {
    const cutoff = cutoffOf(e, options.cutoffs)
    const d = e.deadline
    switch (d.kind) {
      case "yearly": {
        const y = (d.yearOffset > 0 ? last : first) + d.yearOffset
        out.push(instance(e, String(d.yearOffset > 0 ? last : first), dayIn(y, d.month, d.day), cutoff))
        break
      }
      case "monthly": {
        let cursor = LocalDate.makeOrThrow(Number(from.slice(0, 4)), Number(from.slice(5, 7)), 1)
        while (cursor.slice(0, 7) <= to) {
          out.push(instance(e, cursor.slice(0, 7), dayIn(LocalDate.year(cursor), LocalDate.month(cursor), d.day), cutoff))
          cursor = LocalDate.addMonths(cursor, 1)
        }
        break
      }
      case "after-event": {
        const at = happened.get(d.event)
        if (at === undefined) pending.push({ entry: e.id, event: d.event, days: d.days, citation: e.citation })
        else out.push(instance(e, d.event, LocalDate.addDays(at, d.days), cutoff))
        break
      }
    }
  }
  out.sort((a, b) => (a.lastDay !== b.lastDay ? (a.lastDay < b.lastDay ? -1 : 1) : a.entry < b.entry ? -1 : a.entry > b.entry ? 1 : a.period < b.period ? -1 : 1))
  return ok({ deadlines: out, pending })
}

/**
 * The status of every deadline on `asOf` (see the module header). A completion counts if it
 * happened on or before `asOf`; the earliest completion of an instance is used. Triggers of
 * after-event entries also count only up to `asOf`.
 * @category deadlines
 * @since 0.1.0
 * @example `Calendar.status(pack.calendar, { planYear: 2024, asOf: "2024-03-25", events: [{ id: "progress-report.monthly", date: "2024-03-24" }] }).value.met.map((i) => i.period)` → `["2024-03"]` (January and February are overdue)
 */
export const status = (
  entries: ReadonlyArray<CalendarEntry>,
  options: Options & { readonly asOf: LocalDate.LocalDate }
): Result<Status, ValidationError> => {
  if (!LocalDate.is(options.asOf))
    return err(invalid([{ code: "calendar/invalid-date", path: ["asOf"], message: "asOf must be a YYYY-MM-DD day", actual: options.asOf }]))
  const asOf = options.asOf
  const known = (options.events ?? []).filter((h) => LocalDate.is(h.date) && h.date <= asOf)
  const invalidDates = (options.events ?? []).some((h) => !LocalDate.is(h.date))
  const ds = deadlines(entries, invalidDates ? options : { ...options, events: known })
  if (!ds.ok) return ds
  const byEntry = new Map<string, CalendarEntry>(entries.map((e) => [e.id, e]))
  // Earliest completion per (entry, period).
  const done = new Map<string, LocalDate.LocalDate>()
  for (const h of known) {
    const e = byEntry.get(h.id)
    if (e === undefined) continue
    const period =
      e.deadline.kind === "monthly"
        ? (h.period ?? h.date.slice(0, 7))
        : e.deadline.kind === "after-event"
          ? e.deadline.event
          : (h.period ?? "*")
    const key = `${h.id}\u0000${period}`
    const seen = done.get(key)
    if (seen === undefined || h.date < seen) done.set(key, h.date)
  }
  const met: Array<Item> = []
  const missed: Array<Item> = []
  const due: Array<Item> = []
  const overdue: Array<Item> = []
  const asOfDay = LocalDate.toDayNumber(asOf)
  for (const d of ds.value.deadlines) {
    const when = done.get(`${d.entry}\u0000${d.period}`) ?? (byEntry.get(d.entry)?.deadline.kind === "yearly" ? done.get(`${d.entry}\u0000*`) : undefined)
    const daysLeft = LocalDate.toDayNumber(d.lastDay) - asOfDay
    if (when !== undefined) {
      const item: Item = { ...d, state: when <= d.lastDay ? "met" : "missed", done: when, daysLeft }
      ;(item.state === "met" ? met : missed).push(item)
    } else {
      const item: Item = { ...d, state: d.lastDay >= asOf ? "due" : "overdue", done: undefined, daysLeft }
      ;(item.state === "due" ? due : overdue).push(item)
    }
  }
  return ok({ asOf, met, missed, due, overdue, pending: ds.value.pending })
}

// ---------------------------------------------------------------------------------------------
// Programme period, carry-over, governing pack

/**
 * The plan year's place in its pack's programme period (giai đoạn chương trình), e.g. 2023 is
 * year 3 of 5 of 2021–2025. `LookupError` `calendar/outside-programme` when the pack does not
 * govern that plan year.
 * @category programme
 * @since 0.1.0
 * @example `Calendar.programmeYear(pack2021, 2023)` → `{ ok: true, value: { packId: "…", year: 3, of: 5, from: 2021, to: 2025 } }`
 */
export const programmeYear = (
  pack: RulePack,
  planYear: number
): Result<{ readonly packId: string; readonly year: number; readonly of: number; readonly from: number; readonly to: number }, LookupError> => {
  const { from, to } = pack.governs.planYears
  if (!Number.isSafeInteger(planYear) || planYear < from || planYear > to)
    return err(
      new LookupError({
        code: "calendar/outside-programme",
        path: ["planYear"],
        at: String(planYear),
        message: `Plan year (năm kế hoạch) ${planYear} is outside the programme period ${from}–${to} of pack "${pack.id}"`
      })
    )
  return ok({ packId: pack.id, year: planYear - from + 1, of: to - from + 1, from, to })
}

const DECREE_45: Citation.Instrument = {
  number: "45/2012/NĐ-CP",
  kind: "decree",
  issuer: "Government (Chính phủ)",
  title: "On industrial extension (Về khuyến công)",
  signed: "2012-05-21" as LocalDate.LocalDate,
  effective: "2012-07-05" as LocalDate.LocalDate
}

/**
 * The citation of the carry-over rule: Decree 45/2012/NĐ-CP art. 14.4 (primary): budget funds
 * for khuyến công not used in the plan year are carried over to the next year under the rules in
 * force.
 * @category programme
 * @since 0.1.0
 * @example `Calendar.carryOverCitation.article` → `"14"`
 */
const carryOverCitation: Citation.Citation = Object.freeze({
  instrument: DECREE_45,
  article: "14",
  clause: "4",
  grade: "primary",
  note: "Funds from the budget not used in the plan year are carried over to the next year under the rules in force; the decree sets no date or share (the State Budget Law's carry-over conditions are not encoded).",
  source: "codification-khuyen-cong.md l.871"
})

/**
 * The carry-over (chuyển nguồn) of unspent funds of a plan year to the next: assigned −
 * disbursed when positive (Decree 45/2012 art. 14.4). With a pack that has the boolean parameter
 * `funds.carry-over`, its value on the last day of the plan year decides and its citation is used;
 * `false` → nothing is carried over. Errors: `ValidationError` `calendar/invalid-amount`;
 * `LookupError` when the pack's parameter has no value on that day.
 * @category programme
 * @since 0.1.0
 * @example `Calendar.carryOver({ planYear: 2024, assigned: Money.make(130n), disbursed: Money.make(45n) }).value.amount` → `85n` (to 2025)
 */
export const carryOver = (input: {
  readonly planYear: number
  readonly assigned: Money
  readonly disbursed: Money
  readonly pack?: RulePack
}): Result<
  { readonly from: number; readonly to: number; readonly amount: Money; readonly allowed: boolean; readonly citation: Citation.Citation },
  ValidationError | LookupError
> => {
  const issues: Array<Issue> = []
  if (typeof input.assigned !== "bigint" || input.assigned < 0n)
    issues.push({ code: "calendar/invalid-amount", path: ["assigned"], message: "The assigned amount (kinh phí được giao) must not be negative", actual: input.assigned })
  if (typeof input.disbursed !== "bigint" || input.disbursed < 0n)
    issues.push({ code: "calendar/invalid-amount", path: ["disbursed"], message: "The disbursed amount (giải ngân) must not be negative", actual: input.disbursed })
  if (!Number.isSafeInteger(input.planYear) || input.planYear < 2000 || input.planYear > 2100)
    issues.push({ code: "calendar/invalid-plan-year", path: ["planYear"], message: "The plan year (năm kế hoạch) must be between 2000 and 2100", actual: input.planYear })
  if (issues.length > 0) return err(invalid(issues))
  let allowed = true
  let citation = carryOverCitation
  const p = input.pack !== undefined && Object.hasOwn(input.pack.parameters, "funds.carry-over") ? input.pack.parameters["funds.carry-over"] : undefined
  if (p !== undefined) {
    const r = Parameter.at(p, LocalDate.endOfYear(input.planYear))
    if (!r.ok) return r
    allowed = r.value.value === true
    citation = r.value.citation
  }
  const left = input.assigned - input.disbursed
  return ok({ from: input.planYear, to: input.planYear + 1, amount: (allowed && left > 0n ? left : 0n) as Money, allowed, citation })
}

/**
 * The pack governing a project for its whole life: the one in force on its approval date
 * (`Resolution.forDate`), whatever plan years it later runs into.
 * @category programme
 * @since 0.1.0
 * @example `Calendar.governingPack([pack2021, pack2026], "2025-09-01")` → `ok(pack2021)`, even for work in 2026
 */
export const governingPack = (packs: ReadonlyArray<RulePack>, approved: LocalDate.LocalDate): Result<RulePack, LookupError> =>
  Resolution.forDate(packs, approved)

/**
 * The status of a contract's deadlines, from its ledger: plan years from the contract, monthly
 * reports from the month it was signed, the base-level acceptance recorded in the ledger as the
 * event after-event entries wait for (`options.acceptanceEvent`, default `last-base-acceptance`),
 * and the ledger's settlement as the completion of `options.settlementEntry` (default
 * `settlement.liquidation`). Other completions (reports) come in `options.events`.
 * @category deadlines
 * @since 0.1.0
 * @example `Calendar.contractStatus(pack.calendar, ledger, "2025-01-23").value.missed.map((i) => i.entry)` → `["settlement.liquidation"]` when settled on 23 January
 */
export const contractStatus = (
  entries: ReadonlyArray<CalendarEntry>,
  ledger: Ledger.Ledger,
  asOf: LocalDate.LocalDate,
  options?: {
    readonly events?: ReadonlyArray<Happening>
    readonly cutoffs?: Readonly<Record<string, Cutoff>>
    readonly acceptanceEvent?: string
    readonly settlementEntry?: string
  }
): Result<Status, ValidationError> => {
  const c = ledger.contract
  const b = Ledger.balances(ledger)
  const events: Array<Happening> = [...(options?.events ?? [])]
  if (b.acceptedOn !== undefined) events.push({ id: options?.acceptanceEvent ?? "last-base-acceptance", date: b.acceptedOn })
  if (b.settledOn !== undefined) events.push({ id: options?.settlementEntry ?? "settlement.liquidation", date: b.settledOn })
  const signedMonth = c.signed.slice(0, 7)
  const firstMonth = `${c.planYear}-01`
  const o: { -readonly [K in keyof (Options & { asOf: LocalDate.LocalDate })]: (Options & { asOf: LocalDate.LocalDate })[K] } = {
    planYear: c.planYear,
    lastPlanYear: c.lastPlanYear,
    asOf,
    events,
    months: { from: signedMonth > firstMonth ? signedMonth : firstMonth, to: `${c.lastPlanYear}-12` }
  }
  if (options?.cutoffs !== undefined) o.cutoffs = options.cutoffs
  return status(entries, o)
}
