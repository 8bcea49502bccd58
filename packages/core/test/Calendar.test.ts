import { describe, expect, test } from "vitest"
import * as Calendar from "../src/funds/Calendar.js"
import * as Contract from "../src/funds/Contract.js"
import * as Ledger from "../src/funds/Ledger.js"
import { LookupError, ValidationError } from "../src/values/Errors.js"
import * as LocalDate from "../src/values/LocalDate.js"
import * as Money from "../src/values/Money.js"
import * as Parameter from "../src/values/Parameter.js"
import type { CalendarEntry, ParameterValue, RulePack } from "../src/rules/RulePack.js"
import { calendar, circular36, decree45, pack2021, pack2026 } from "./fixtures/ledger-pack.js"

const day = (s: string) => LocalDate.parseOrThrow(s)
const TY = 1_000_000_000n

const deadlinesOf = (options: Calendar.Options) => {
  const r = Calendar.deadlines(calendar, options)
  if (!r.ok) throw r.error
  return r.value
}
const statusOf = (options: Calendar.Options & { readonly asOf: LocalDate.LocalDate }) => {
  const r = Calendar.status(calendar, options)
  if (!r.ok) throw r.error
  return r.value
}
const find = (ds: ReadonlyArray<Calendar.Deadline>, entry: string, period?: string) =>
  ds.find((d) => d.entry === entry && (period === undefined || d.period === period))

describe("deadlines of a plan year", () => {
  test("registration the year before, twelve monthly reports, settlement on 22 January of the following year", () => {
    const { deadlines, pending } = deadlinesOf({ planYear: 2024 })
    expect(find(deadlines, "registration.doit-to-ministry")).toMatchObject({ period: "2024", date: "2023-06-20", lastDay: "2023-06-19", cutoff: "before" })
    const monthly = deadlines.filter((d) => d.entry === "progress-report.monthly")
    expect(monthly.map((d) => d.period)).toEqual(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"])
    expect(monthly[0]).toMatchObject({ date: "2024-01-25", lastDay: "2024-01-24" })
    const settlement = find(deadlines, "settlement.liquidation")
    expect(settlement).toMatchObject({ date: "2025-01-22", lastDay: "2025-01-22", cutoff: "on-or-before", actor: "ministry" })
    // checked against the primary text: Circular 36/2013 art. 18.2 (not art. 12), unconfirmed under 17/2018
    expect(settlement?.citation).toMatchObject({ article: "18", clause: "2", grade: "unconfirmed" })
    expect(settlement?.citation.instrument.number).toBe("36/2013/TT-BCT")
    expect(pending).toEqual([{ entry: "settlement.closing-dossier", event: "last-base-acceptance", days: 15, citation: calendar[2]?.citation }])
    // sorted by last day
    expect(deadlines.map((d) => d.lastDay)).toEqual([...deadlines.map((d) => d.lastDay)].sort())
  })

  test("an after-event deadline counts from the last occurrence of its event (15 days, inclusive)", () => {
    const { deadlines, pending } = deadlinesOf({
      planYear: 2024,
      events: [
        { id: "last-base-acceptance", date: day("2024-10-01") },
        { id: "last-base-acceptance", date: day("2024-11-20") }
      ]
    })
    expect(pending).toEqual([])
    expect(find(deadlines, "settlement.closing-dossier")).toMatchObject({ date: "2024-12-05", lastDay: "2024-12-05", cutoff: "on-or-before" })
  })

  test("a multi-year project: registration before its first year, settlement after its last, reports every month between", () => {
    const { deadlines } = deadlinesOf({ planYear: 2024, lastPlanYear: 2025 })
    expect(find(deadlines, "registration.doit-to-ministry")?.date).toBe("2023-06-20")
    expect(find(deadlines, "settlement.liquidation")?.date).toBe("2026-01-22")
    expect(deadlines.filter((d) => d.entry === "progress-report.monthly")).toHaveLength(24)
  })

  test("a range of months limits the monthly reports (a contract signed in March)", () => {
    const { deadlines } = deadlinesOf({ planYear: 2024, months: { from: "2024-03", to: "2024-05" } })
    expect(deadlines.filter((d) => d.entry === "progress-report.monthly").map((d) => d.period)).toEqual(["2024-03", "2024-04", "2024-05"])
  })

  test("cutoffs: the pack's deadline.cutoff wins over the wording; an option wins over both", () => {
    const entry = calendar[0] as CalendarEntry
    const explicit: CalendarEntry = { ...entry, deadline: { ...entry.deadline, cutoff: "on-or-before" } }
    expect(Calendar.cutoffOf(entry)).toBe("before") // "trước ngày 20 tháng 6"
    expect(Calendar.cutoffOf(explicit)).toBe("on-or-before")
    expect(Calendar.cutoffOf(explicit, { [entry.id]: "before" })).toBe("before")
    const before: CalendarEntry = { ...calendar[3] as CalendarEntry, deadline: { ...(calendar[3] as CalendarEntry).deadline, cutoff: "before" } }
    expect(Calendar.cutoffOf(before)).toBe("before")
  })

  test("a deadline cutoff other than before / on-or-before is refused when the pack is loaded", async () => {
    const { load } = await import("../src/rules/Pack.js")
    const bad = { ...pack2021, calendar: pack2021.calendar.map((e, i) => (i === 0 ? { ...e, deadline: { ...e.deadline, cutoff: "by" } } : e)) } as unknown as RulePack
    const r = load(bad)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues.some((i) => i.code === "pack/invalid-deadline" && i.path.at(-1) === "cutoff")).toBe(true)
  })

  test("cutoffs: read from the Vietnamese wording, or overridden per entry", () => {
    expect(Calendar.cutoffOf(calendar[0] as CalendarEntry)).toBe("before")
    expect(Calendar.cutoffOf(calendar[3] as CalendarEntry)).toBe("on-or-before")
    const { deadlines } = deadlinesOf({ planYear: 2024, cutoffs: { "settlement.liquidation": "before" } })
    expect(find(deadlines, "settlement.liquidation")?.lastDay).toBe("2025-01-21")
  })

  test("a day the month lacks falls on its last day", () => {
    const e: CalendarEntry = {
      id: "x",
      name: "x",
      nameVi: "không được chậm quá ngày 29 tháng 2",
      actor: "ministry",
      deadline: { kind: "yearly", month: 2, day: 29, yearOffset: 0 },
      citation: { instrument: circular36, grade: "primary" }
    }
    const r = Calendar.deadlines([e], { planYear: 2023 })
    expect(r.ok && r.value.deadlines[0]?.date).toBe("2023-02-28")
    const leap = Calendar.deadlines([e], { planYear: 2024 })
    expect(leap.ok && leap.value.deadlines[0]?.date).toBe("2024-02-29")
  })

  test("bad options and entries are ValidationErrors listing every issue", () => {
    const bad: CalendarEntry = { ...(calendar[3] as CalendarEntry), id: "bad", deadline: { kind: "yearly", month: 13, day: 1, yearOffset: 1 } }
    const r = Calendar.deadlines([bad], { planYear: 1999, lastPlanYear: 1998, months: { from: "2024-13", to: "2024-01" }, events: [{ id: "e", date: "2024-02-30" as LocalDate.LocalDate }] })
    expect(!r.ok && r.error).toBeInstanceOf(ValidationError)
    expect(!r.ok && r.error.issues.map((i) => i.code)).toEqual([
      "calendar/invalid-plan-year",
      "calendar/invalid-last-plan-year",
      "calendar/invalid-months",
      "calendar/invalid-date",
      "calendar/invalid-entry"
    ])
    expect(Calendar.status(calendar, { planYear: 2024, asOf: "yesterday" as LocalDate.LocalDate }).ok).toBe(false)
  })
})

describe("status on a date", () => {
  test("met, missed (late), due and overdue", () => {
    const s = statusOf({
      planYear: 2024,
      asOf: day("2024-03-25"),
      events: [
        { id: "registration.doit-to-ministry", date: day("2023-06-19") },
        { id: "progress-report.monthly", date: day("2024-01-25") }, // "before the 25th": one day late
        { id: "progress-report.monthly", date: day("2024-03-24") },
        { id: "progress-report.monthly", date: day("2024-04-20") } // after asOf: not counted
      ]
    })
    expect(s.met.map((i) => [i.entry, i.period])).toEqual([
      ["registration.doit-to-ministry", "2024"],
      ["progress-report.monthly", "2024-03"]
    ])
    expect(s.missed.map((i) => [i.period, i.done])).toEqual([["2024-01", "2024-01-25"]])
    expect(s.overdue.map((i) => [i.period, i.daysLeft])).toEqual([["2024-02", -30]])
    expect(s.due.map((i) => i.period)).toEqual(["2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2024"])
    expect(s.due[0]?.daysLeft).toBe(30)
    expect(s.pending.map((p) => p.entry)).toEqual(["settlement.closing-dossier"])
  })

  test("settlement: due on 22 January, overdue on the 23rd; done on the 22nd is met, on the 23rd missed", () => {
    const liquidation = (events: ReadonlyArray<Calendar.Happening>, asOf: string) => {
      const s = statusOf({ planYear: 2024, asOf: day(asOf), events })
      return [...s.met, ...s.missed, ...s.due, ...s.overdue].find((i) => i.entry === "settlement.liquidation")?.state
    }
    expect(liquidation([], "2025-01-22")).toBe("due")
    expect(liquidation([], "2025-01-23")).toBe("overdue")
    expect(liquidation([{ id: "settlement.liquidation", date: day("2025-01-22") }], "2025-02-01")).toBe("met")
    expect(liquidation([{ id: "settlement.liquidation", date: day("2025-01-23") }], "2025-02-01")).toBe("missed")
  })

  test("a monthly report may name its period; the earliest completion counts", () => {
    const s = statusOf({
      planYear: 2024,
      asOf: day("2024-03-01"),
      months: { from: "2024-01", to: "2024-02" },
      events: [
        { id: "progress-report.monthly", date: day("2024-02-10"), period: "2024-01" },
        { id: "progress-report.monthly", date: day("2024-01-20"), period: "2024-01" },
        { id: "progress-report.monthly", date: day("2024-02-24") }
      ]
    })
    expect(s.met.filter((i) => i.entry === "progress-report.monthly").map((i) => [i.period, i.done])).toEqual([
      ["2024-01", "2024-01-20"],
      ["2024-02", "2024-02-24"]
    ])
  })

  test("the closing dossier becomes due once the last acceptance happens", () => {
    const s = statusOf({ planYear: 2024, asOf: day("2024-12-10"), events: [{ id: "last-base-acceptance", date: day("2024-11-20") }] })
    expect(s.overdue.find((i) => i.entry === "settlement.closing-dossier")).toMatchObject({ lastDay: "2024-12-05", daysLeft: -5 })
    expect(s.pending).toEqual([])
  })
})

describe("a contract's deadlines from its ledger", () => {
  const c = Contract.makeOrThrow(
    { id: "HĐ-7", approvedSupport: Money.make(100_000_000n), activities: ["training"], signed: day("2024-03-15"), approved: day("2024-01-10"), planYear: 2024 },
    pack2021
  )
  const post = (l: Ledger.Ledger, e: Ledger.Event) => {
    const r = Ledger.post(l, e)
    if (!r.ok) throw r.error
    return r.value
  }
  const accepted = [
    { id: "1", idempotencyKey: "1", kind: "advance", date: day("2024-04-01"), amount: Money.make(70_000_000n) },
    { id: "2", idempotencyKey: "2", kind: "payment", date: day("2024-11-25"), amount: Money.make(30_000_000n), evidence: { baseAcceptance: day("2024-11-20") } }
  ] as const satisfies ReadonlyArray<Ledger.Event>

  test("reports from the month of signing; the closing dossier counts from the acceptance in the ledger", () => {
    const l = accepted.reduce(post, Ledger.open(c))
    const r = Calendar.contractStatus(calendar, l, day("2024-12-10"), { events: [{ id: "progress-report.monthly", date: day("2024-03-20") }] })
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const all = [...r.value.met, ...r.value.missed, ...r.value.due, ...r.value.overdue]
    expect(all.filter((i) => i.entry === "progress-report.monthly").map((i) => i.period)[0]).toBe("2024-03")
    expect(r.value.met.map((i) => i.period)).toContain("2024-03")
    expect(r.value.overdue.find((i) => i.entry === "settlement.closing-dossier")).toMatchObject({ lastDay: "2024-12-05" })
    expect(r.value.due.find((i) => i.entry === "settlement.liquidation")).toMatchObject({ lastDay: "2025-01-22" })
  })

  test("a settlement posted on 23 January is a missed deadline; on 22 January it is met", () => {
    const late = post(accepted.reduce(post, Ledger.open(c)), { id: "3", idempotencyKey: "3", kind: "settlement", date: day("2025-01-23"), amount: Money.make(100_000_000n) })
    const r = Calendar.contractStatus(calendar, late, day("2025-02-01"))
    expect(r.ok && r.value.missed.find((i) => i.entry === "settlement.liquidation")).toMatchObject({ done: "2025-01-23", lastDay: "2025-01-22" })
    const onTime = post(accepted.reduce(post, Ledger.open(c)), { id: "3", idempotencyKey: "3", kind: "settlement", date: day("2025-01-22"), amount: Money.make(100_000_000n) })
    const ok = Calendar.contractStatus(calendar, onTime, day("2025-02-01"))
    expect(ok.ok && ok.value.met.find((i) => i.entry === "settlement.liquidation")?.done).toBe("2025-01-22")
  })
})

describe("programme period, carry-over, governing pack", () => {
  test("plan year against the programme period of its pack", () => {
    expect(Calendar.programmeYear(pack2021, 2023)).toEqual({ ok: true, value: { packId: "test-2021-2025", year: 3, of: 5, from: 2021, to: 2025 } })
    const out = Calendar.programmeYear(pack2021, 2026)
    expect(!out.ok && out.error).toBeInstanceOf(LookupError)
    expect(!out.ok && out.error.code).toBe("calendar/outside-programme")
  })

  test("carry-over of unspent funds to the next year, citing Decree 45/2012 art. 14.4 (primary)", () => {
    // seed 000: 130 tỷ assigned for 2024, 45 tỷ allocated by 30/6 — had nothing more been spent, 85 tỷ would carry over
    const r = Calendar.carryOver({ planYear: 2024, assigned: Money.make(130n * TY), disbursed: Money.make(45n * TY) })
    expect(r.ok && r.value).toMatchObject({ from: 2024, to: 2025, amount: 85n * TY, allowed: true })
    expect(r.ok && r.value.citation).toMatchObject({ article: "14", clause: "4", grade: "primary" })
    expect(r.ok && r.value.citation.instrument.number).toBe("45/2012/NĐ-CP")
    const fromPack = Calendar.carryOver({ planYear: 2024, assigned: Money.make(10n), disbursed: Money.make(3n), pack: pack2021 })
    expect(fromPack.ok && fromPack.value.citation.instrument).toBe(decree45)
    const over = Calendar.carryOver({ planYear: 2024, assigned: Money.make(10n), disbursed: Money.make(12n) })
    expect(over.ok && over.value.amount).toBe(0n)
  })

  test("a pack that switches carry-over off carries nothing; a parameter without a value is a LookupError", () => {
    const param = (value: boolean, from: string): Parameter.Parameter<ParameterValue> =>
      Parameter.makeOrThrow<ParameterValue>({ id: "funds.carry-over", description: "x", values: [{ from: day(from), value, citation: { instrument: decree45, grade: "primary" } }] })
    const off: RulePack = { ...pack2021, parameters: { ...pack2021.parameters, "funds.carry-over": param(false, "2018-05-11") } }
    const r = Calendar.carryOver({ planYear: 2024, assigned: Money.make(10n), disbursed: Money.make(3n), pack: off })
    expect(r.ok && r.value).toMatchObject({ amount: 0n, allowed: false })
    const late: RulePack = { ...pack2021, parameters: { ...pack2021.parameters, "funds.carry-over": param(true, "2030-01-01") } }
    const l = Calendar.carryOver({ planYear: 2024, assigned: Money.make(10n), disbursed: Money.make(3n), pack: late })
    expect(!l.ok && l.error).toBeInstanceOf(LookupError)
    const bad = Calendar.carryOver({ planYear: 2024, assigned: Money.make(-1n), disbursed: Money.make(3n) })
    expect(!bad.ok && bad.error.code).toBe("calendar/invalid-amount")
  })

  test("a multi-year project stays under the pack in force at its approval", () => {
    const packs = [pack2021, pack2026]
    const before = Calendar.governingPack(packs, day("2025-09-01"))
    expect(before.ok && before.value.id).toBe("test-2021-2025")
    const after = Calendar.governingPack(packs, day("2025-11-01"))
    expect(after.ok && after.value.id).toBe("test-2026-2030")
    expect(Calendar.governingPack(packs, day("2019-01-01")).ok).toBe(false)
  })
})
