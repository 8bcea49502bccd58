import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { ValidationError } from "../src/values/Errors.js"
import { isDeepFrozen } from "../src/rules/internal/freeze.js"
import * as Pack from "../src/rules/Pack.js"
import * as Parameter from "../src/values/Parameter.js"
import type { RulePack } from "../src/rules/RulePack.js"
import { cite, circular28, d, definition, param, parameters } from "./fixtures/rules-pack.js"

const codes = (r: ReturnType<typeof Pack.load>): ReadonlyArray<string> => (r.ok ? [] : r.error.issues.map((i) => i.code))
const issue = (r: ReturnType<typeof Pack.load>, code: string) => (r.ok ? undefined : r.error.issues.find((i) => i.code === code))

describe("Pack.load", () => {
  it("loads the fixture pack and freezes it deeply", () => {
    const r = Pack.load(definition)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(isDeepFrozen(r.value)).toBe(true)
    expect(() => {
      ;(r.value.activities as Array<unknown>).push({})
    }).toThrow()
    // the input is not frozen by loading
    expect(Object.isFrozen(definition)).toBe(false)
  })

  it("reduces rates written as unreduced fractions (30/100 → 3/10)", () => {
    const p = Pack.loadOrThrow(definition)
    expect(p.parameters["support.demo-model.rate"]?.values[0]?.value).toEqual({ numerator: 3n, denominator: 10n })
  })

  it("reports a parameter value without a grade, with its path", () => {
    const bad = {
      ...parameters["support.machinery.cap"],
      values: [{ from: d("2018-05-11"), value: 300_000_000n, citation: { instrument: circular28 } }]
    } as unknown as Parameter.Parameter<bigint>
    const r = Pack.load({ ...definition, parameters: { ...parameters, "support.machinery.cap": bad } })
    expect(r.ok).toBe(false)
    const i = issue(r, "parameter/missing-grade")
    expect(i?.path).toEqual(["parameters", "support.machinery.cap", "values", 0, "citation", "grade"])
  })

  it("reports every problem at once, each with its path", () => {
    const { ["support.machinery.cap"]: _dropped, ...rest } = parameters
    const broken: RulePack = {
      ...definition,
      parameters: { ...rest, "support.demo-model.rate": param("support.demo-model.rate", 300_000_000n, cite(circular28, "secondary")) },
      activities: [
        ...definition.activities,
        { ...(definition.activities[0] as RulePack["activities"][number]), advanceTier: "nowhere" }
      ]
    }
    const r = Pack.load(broken)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toBeInstanceOf(ValidationError)
    const c = codes(r)
    expect(c).toContain("pack/unknown-parameter") // machinery cap removed
    expect(c).toContain("pack/parameter-type") // demo-model rate holds money
    expect(c).toContain("pack/unknown-advance-tier")
    expect(c).toContain("pack/duplicate-code") // machinery activity and its items twice
    expect(issue(r, "pack/unknown-parameter")?.path).toEqual(["activities", 0, "items", 0, "cap", "amount"])
    expect(issue(r, "pack/parameter-type")?.path).toEqual(["activities", 1, "items", 0, "cap", "rate"])
    expect(issue(r, "pack/unknown-advance-tier")?.path).toEqual(["activities", 7, "advanceTier"])
    expect(r.error.message).toMatch(/problems/)
  })

  it("rejects an amount parameter holding a rate (Money vs Rate)", () => {
    const r = Pack.load({
      ...definition,
      parameters: { ...parameters, "support.machinery.cap": param("support.machinery.cap", { numerator: 1n, denominator: 2n }, cite(circular28, "secondary")) }
    })
    expect(issue(r, "pack/parameter-type")?.message).toMatch(/amount of money/)
  })

  it("rejects a rate above 100 % and a negative amount", () => {
    const r = Pack.load({
      ...definition,
      parameters: {
        ...parameters,
        "support.machinery.rate": param("support.machinery.rate", { numerator: 3n, denominator: 2n }, cite(circular28, "secondary")),
        "support.machinery.cap": param("support.machinery.cap", -1n, cite(circular28, "secondary"))
      }
    })
    expect(codes(r)).toEqual(expect.arrayContaining(["pack/rate-out-of-range", "pack/value-out-of-range"]))
  })

  it("rejects an item without a cap rule and an unknown cap kind", () => {
    const act = definition.activities[0] as RulePack["activities"][number]
    const noCap = { ...(act.items[0] as RulePack["activities"][number]["items"][number]), code: "x.nocap" } as Record<string, unknown>
    delete noCap["cap"]
    const weird = { ...(act.items[0] as RulePack["activities"][number]["items"][number]), code: "x.weird", cap: { kind: "percentage", unit: "per-model" } }
    const r = Pack.load({
      ...definition,
      activities: [...definition.activities, { ...act, code: "x", items: [noCap, weird] as unknown as RulePack["activities"][number]["items"] }]
    })
    expect(issue(r, "pack/missing-cap-rule")?.path).toEqual(["activities", 7, "items", 0, "cap"])
    expect(issue(r, "pack/unknown-cap-kind")?.path).toEqual(["activities", 7, "items", 1, "cap", "kind"])
  })

  it("rejects a gap at the start of the pack's period", () => {
    const late = Parameter.makeOrThrow({
      id: "support.machinery.cap",
      description: "late",
      values: [{ from: d("2021-01-02"), value: 300_000_000n, citation: cite(circular28, "secondary") }]
    })
    const r = Pack.load({ ...definition, parameters: { ...parameters, "support.machinery.cap": late } })
    expect(issue(r, "pack/parameter-gap")?.message).toMatch(/starts on 2021-01-02, after the start of the pack's period 2021-01-01/)
    // first value exactly on the start is fine
    const onStart = Parameter.makeOrThrow({ ...late, values: [{ ...(late.values[0] as Parameter.Value<bigint>), from: d("2021-01-01") }] })
    expect(Pack.load({ ...definition, parameters: { ...parameters, "support.machinery.cap": onStart } }).ok).toBe(true)
  })

  it("rejects a gap at the end of the pack's period", () => {
    const ends = Parameter.makeOrThrow({ ...(parameters["support.machinery.cap"] as Parameter.Parameter<bigint>), until: d("2025-10-13") })
    const r = Pack.load({ ...definition, parameters: { ...parameters, "support.machinery.cap": ends } })
    expect(issue(r, "pack/parameter-gap")?.path).toEqual(["parameters", "support.machinery.cap", "until"])
    const exact = Parameter.makeOrThrow({ ...(parameters["support.machinery.cap"] as Parameter.Parameter<bigint>), until: d("2025-10-14") })
    expect(Pack.load({ ...definition, parameters: { ...parameters, "support.machinery.cap": exact } }).ok).toBe(true)
    // an open-ended pack cannot rely on a parameter that ends
    const open = Pack.load({
      ...definition,
      governs: { decisions: { start: d("2021-01-01") }, planYears: { from: 2021, to: 2025 } },
      parameters: { ...parameters, "support.machinery.cap": exact }
    })
    expect(issue(open, "pack/parameter-gap")?.message).toMatch(/has no end/)
  })

  it("rejects a parameter stored under another id and mixed value types", () => {
    const mixed = Parameter.makeOrThrow<bigint | number>({
      id: "support.machinery.cap",
      description: "mixed",
      values: [
        { from: d("2018-05-11"), value: 300_000_000n, citation: cite(circular28, "secondary") },
        { from: d("2022-01-01"), value: 5, citation: cite(circular28, "secondary") }
      ]
    })
    const r = Pack.load({
      ...definition,
      parameters: { ...parameters, "support.machinery.cap": mixed, alias: parameters["support.demo-model.cap"] as Parameter.Parameter<bigint> }
    })
    expect(codes(r)).toEqual(expect.arrayContaining(["pack/parameter-mixed-types", "pack/parameter-id-mismatch"]))
  })

  it("checks multiple-of targets: existing item with an absolute amount", () => {
    const act = definition.activities[0] as RulePack["activities"][number]
    const line = act.items[1] as RulePack["activities"][number]["items"][number]
    const toRateOnly = { ...line, code: "machinery.line2", cap: { kind: "multiple-of" as const, item: "overseas-fair.costs", multiple: "support.technology-line.multiple", unit: "per-establishment" as const } }
    const toNothing = { ...line, code: "machinery.line3", cap: { kind: "multiple-of" as const, item: "nope", multiple: "support.technology-line.multiple", unit: "per-establishment" as const } }
    const r = Pack.load({ ...definition, activities: [{ ...act, items: [...act.items, toRateOnly, toNothing] }, ...definition.activities.slice(1)] })
    expect(codes(r)).toEqual(expect.arrayContaining(["pack/multiple-of-without-amount", "pack/unknown-item"]))
  })

  it("checks eligibility rules: known kind, required roles, role types", () => {
    const rules = definition.eligibility
    const r = Pack.load({
      ...definition,
      eligibility: [
        ...rules,
        { ...(rules[0] as RulePack["eligibility"][number]), id: "x.kind", kind: "astrology" as unknown as "approved" },
        { ...(rules[1] as RulePack["eligibility"][number]), id: "x.roles", parameters: { unitKinds: "eligibility.location.unit-kinds" } },
        { ...(rules[2] as RulePack["eligibility"][number]), id: "x.type", parameters: { industries: "eligibility.location.conversion-window-years" } },
        { ...(rules[0] as RulePack["eligibility"][number]) }
      ]
    })
    expect(codes(r)).toEqual(
      expect.arrayContaining(["pack/unknown-rule-kind", "pack/missing-rule-parameter", "pack/parameter-type", "pack/duplicate-code"])
    )
    expect(issue(r, "pack/missing-rule-parameter")?.path).toEqual(["eligibility", 10, "parameters", "wardCityClasses"])
  })

  it("requires the eligibility list and a total order of priority ranks", () => {
    const { eligibility: _e, ...noRules } = definition
    expect(codes(Pack.load(noRules as RulePack))).toContain("pack/missing-eligibility")
    const area = definition.areaPriorities
    const r = Pack.load({ ...definition, areaPriorities: [...area, { ...(area[0] as RulePack["areaPriorities"][number]), id: "area.dup-rank" }] })
    expect(codes(r)).toContain("pack/duplicate-rank")
  })

  it("checks the priority multiplier is a rate ≥ 1 and the rounding id", () => {
    const r = Pack.load({ ...definition, support: { priorityMultiplier: "support.machinery.rate", rounding: "sideways-1" } })
    expect(codes(r)).toEqual(expect.arrayContaining(["pack/rate-out-of-range", "pack/invalid-rounding"]))
  })

  it("has an Effect form", () => {
    expect(Effect.runSync(Pack.loadEffect(definition)).id).toBe("test-rules-2021-2025")
    const exit = Effect.runSyncExit(Pack.loadEffect({ ...definition, version: "one" }))
    expect(exit._tag).toBe("Failure")
  })
})

describe("Pack.resolve", () => {
  const pack = Pack.loadOrThrow(definition)
  const r = Pack.resolveOrThrow(pack, d("2023-06-30"))

  it("gives plain bigint caps and fraction rates per item, with sources", () => {
    const eq = r.items["machinery.equipment"]
    expect(eq?.rateNumerator).toBe(1n)
    expect(eq?.rateDenominator).toBe(2n)
    expect(eq?.amount).toBe(300_000_000n)
    expect(eq?.hasAmount).toBe(true)
    expect(eq?.scope).toBe("beneficiary")
    expect(eq?.rate?.parameterId).toBe("support.machinery.rate")
    expect(eq?.amountReading?.citation.instrument.number).toBe("28/2018/TT-BTC")
    expect(eq?.grade).toBe("secondary")
    expect(eq?.layer).toBe("national")
    expect(eq?.reads.map((x) => x.id)).toEqual(["support.machinery.rate", "support.machinery.cap"])
  })

  it("multiplies out a multiple-of cap: technology line = 1.5 × 300 000 000", () => {
    const line = r.items["machinery.technology-line"]
    expect(line?.amount).toBe(450_000_000n)
    expect(line?.rateNumerator).toBe(1n) // rate of the base item
    expect(line?.rateDenominator).toBe(2n)
    expect(line?.pool).toBe("machinery.equipment")
    expect(line?.amountRounding).toBeUndefined() // exact
  })

  it("flags the weakest grade of an item (unconfirmed carried-over figures stay visible)", () => {
    expect(r.items["trademark.registration"]?.grade).toBe("unconfirmed")
    expect(r.items["trademark.registration"]?.scope).toBe("quantity")
    expect(r.items["management.overhead"]?.scope).toBe("overhead")
    expect(r.priorityMultiplier?.citation.grade).toBe("unconfirmed")
  })

  it("compiles the eligibility rules and priority classes in rank order", () => {
    expect(r.eligibility.map((x) => x.id)).toEqual(definition.eligibility.map((x) => x.id))
    expect(r.areaPriorities.map((c) => c.rank)).toEqual([1, 2, 3, 4])
    expect(r.unrankedActivities).toEqual(["cleaner-production-model"])
    expect(Object.isFrozen(r)).toBe(true)
  })

  it("fails with a LookupError naming the date before the parameters start", () => {
    const early = Pack.resolve(pack, d("2018-05-10"))
    expect(early.ok).toBe(false)
    if (!early.ok) {
      expect(early.error._tag).toBe("LookupError")
      expect(early.error.at).toBe("2018-05-10")
    }
    expect(Pack.resolve(pack, d("2018-05-11")).ok).toBe(true)
  })

  it("picks the value in force on the date of a time series", () => {
    const series = Parameter.makeOrThrow({
      id: "support.machinery.cap",
      description: "cap",
      values: [
        { from: d("2018-05-11"), value: 300_000_000n, citation: cite(circular28, "secondary") },
        { from: d("2024-01-01"), value: 400_000_000n, citation: cite(circular28, "unconfirmed") }
      ]
    })
    const p = Pack.loadOrThrow({ ...definition, parameters: { ...parameters, "support.machinery.cap": series } })
    expect(Pack.resolveOrThrow(p, d("2023-12-31")).items["machinery.equipment"]?.amount).toBe(300_000_000n)
    const later = Pack.resolveOrThrow(p, d("2024-01-01")).items
    expect(later["machinery.equipment"]?.amount).toBe(400_000_000n)
    expect(later["machinery.technology-line"]?.amount).toBe(600_000_000n)
    expect(later["machinery.equipment"]?.grade).toBe("unconfirmed")
  })

  it("shares resolved structures between dates on which every parameter reads the same value", () => {
    const a = Pack.resolveOrThrow(pack, d("2023-01-01"))
    const b = Pack.resolveOrThrow(pack, d("2024-06-30"))
    expect(a.date).toBe("2023-01-01")
    expect(b.date).toBe("2024-06-30")
    expect(b.items).toBe(a.items)
    expect(b.eligibility).toBe(a.eligibility)
    expect(Object.isFrozen(b)).toBe(true)
    // an unfrozen definition is never shared: it could change between calls
    const loose = Pack.resolveOrThrow(definition, d("2023-01-01"))
    expect(Pack.resolveOrThrow(definition, d("2024-06-30")).items).not.toBe(loose.items)
  })

  it("rounds a multiple that is not a whole number of đồng with the pack's named mode", () => {
    const odd = Pack.loadOrThrow({
      ...definition,
      parameters: { ...parameters, "support.machinery.cap": param("support.machinery.cap", 300_000_001n, cite(circular28, "secondary")) }
    })
    const line = Pack.resolveOrThrow(odd, d("2023-01-01")).items["machinery.technology-line"]
    expect(line?.amount).toBe(450_000_001n) // 450 000 001.5 rounded down
    expect(line?.amountRounding).toEqual({ mode: "down-1", exact: "450000001.5", result: "450000001", difference: "-0.5" })
  })
})

describe("reading a pack", () => {
  it("reads a parameter on a day, and names what it lacks", () => {
    const p = Pack.loadOrThrow(definition)
    const cap = Pack.read(p, "support.machinery.cap", d("2023-06-30"))
    expect(cap.ok && [cap.value.value, cap.value.citation.instrument.number]).toEqual([300_000_000n, "28/2018/TT-BTC"])
    expect(Pack.readOrThrow(p, "support.machinery.cap", d("2023-06-30")).value).toBe(300_000_000n)
    const unknown = Pack.read(p, "support.nothing.cap", d("2023-06-30"))
    expect(!unknown.ok && [unknown.error.code, unknown.error.path]).toEqual(["pack/unknown-parameter", ["parameters", "support.nothing.cap"]])
    const early = Pack.read(p, "support.machinery.cap", d("2010-01-01"))
    expect(!early.ok && early.error.code).toBe("parameter/no-value-at-date")
  })

  it("lists every citation of a pack with where it stands", () => {
    const p = Pack.loadOrThrow(definition)
    const all = Pack.citations(p)
    const values = Object.values(p.parameters).reduce((n, x) => n + x.values.length, 0)
    const items = p.activities.reduce((n, a) => n + 1 + a.items.length, 0)
    const expected =
      values + items + p.advances.tiers.length + 1 + p.calendar.length + p.eligibility.length + p.areaPriorities.length + p.industryPriorities.length + (p.priority === undefined ? 0 : 1)
    expect(all.length).toBe(expected)
    expect(all[0]?.where).toEqual(["parameters", Object.keys(p.parameters)[0], "values", 0])
    expect(all.some((c) => c.where.join(".") === "activities.machinery.items.machinery.equipment")).toBe(true)
  })
})
