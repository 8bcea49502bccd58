import { fc, test } from "@fast-check/vitest"
import { Result as EffectResult, Schema, SchemaParser } from "effect"
import { describe, expect } from "vitest"
import * as Decode from "../src/values/Decode.js"
import * as Money from "../src/values/Money.js"
import * as Proposal from "../src/records/Proposal.js"
import { invalid, keyProjectProposal, proposal, quantity } from "../src/testing/index.js"

// A national group proposal for 3 establishments, 300 m VND of machinery support each (seed 000:
// 900 m VND = 3 × the Circular 28/2018 cap).
const line = (beneficiaryId: string) => ({
  item: "machinery.equipment",
  description: "Máy sấy chè",
  quantity: 2,
  unitCost: "500000000",
  total: "1000000000",
  requestedSupport: "300000000",
  counterpartFunding: "700000000",
  beneficiaryId
})

const base = {
  id: "da-2024-001",
  title: "Hỗ trợ ứng dụng máy móc tiên tiến trong chế biến chè",
  fund: "national",
  form: { kind: "group", beneficiaryIds: ["cs-a", "cs-b", "cs-c"] },
  activities: [{ activity: "machinery", costLines: [line("cs-a"), line("cs-b"), line("cs-c")] }],
  implementingUnit: { name: "Trung tâm Khuyến công Thái Nguyên", code: "ttkc-19" },
  beneficiaries: ["cs-a", "cs-b", "cs-c"],
  locations: [{ provinceCode: "19", provinceName: "Thái Nguyên", commune: { name: "Tân Cương", kind: "commune" } }],
  planYear: 2024,
  duration: { start: "2024-03-01", end: "2024-11-30" },
  approvalDate: "2024-02-15"
}

/** The base with fields of cost line `j` replaced or added (bad ones included). */
const withLine = (j: number, patch: Record<string, unknown>) => ({
  ...base,
  activities: [
    {
      ...base.activities[0],
      costLines: base.activities[0]?.costLines.map((l, k) => (k === j ? { ...l, ...patch } : l))
    }
  ]
})

const found = (input: unknown): Array<string> => {
  const r = Proposal.decode(input)
  return r.ok ? [] : r.error.issues.map((i) => `${i.path.join(".")} ${i.code}`)
}

describe("decoding", () => {
  test("the seed proposal decodes; its requested support is 900 m VND", () => {
    const r = Proposal.decode(base)
    expect(r.ok).toBe(true)
    if (!r.ok) return
    expect(Proposal.totals(r.value)).toEqual({
      total: 3_000_000_000n,
      requestedSupport: 900_000_000n,
      counterpartFunding: 2_100_000_000n,
      otherStateFunding: 0n
    })
    expect(Proposal.isPilot(r.value)).toBe(false)
    expect(Proposal.encode(r.value)).toEqual(base)
  })

  test("the message the brief asks for, at the path the brief names", () => {
    const r = Proposal.decode(withLine(2, { unitCost: "-500000000" }))
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.issues).toHaveLength(1)
    expect(r.error.issues[0]).toMatchObject({
      path: ["activities", 0, "costLines", 2, "unitCost"],
      message: "unit cost (đơn giá) must be a non-negative whole number of đồng written in digits; found -500000000",
      actual: "-500000000"
    })
  })

  test("every structural problem at once", () => {
    const input = {
      ...withLine(1, { quantity: 0, total: "1.000.000.000", extra: true }),
      title: "",
      fund: "regional",
      planYear: 1999,
      duration: { start: "2024-03-01" },
      implementingUnit: {}
    }
    expect(found(input)).toEqual([
      "title schema/invalid",
      "fund schema/type",
      "activities.0.costLines.1.quantity schema/invalid",
      "activities.0.costLines.1.total money/unparseable",
      "activities.0.costLines.1.extra schema/unexpected",
      "implementingUnit.name schema/missing",
      "planYear schema/invalid",
      "duration.end schema/missing"
    ])
    const r = Proposal.decode(input)
    if (!r.ok) for (const i of r.error.issues) expect(i.message).toMatch(/\(.+\)/)
  })

  test("form kinds, and a proposal without a group needs no group members", () => {
    for (const kind of ["single", "pilot", "task"]) expect(found({ ...base, form: { kind } })).toEqual([])
    expect(found({ ...base, form: { kind: "cluster" } })).toEqual(["form.kind schema/type"])
    expect(found({ ...base, form: { kind: "single", beneficiaryIds: ["cs-a", "cs-b"] } })).toEqual([
      "form.beneficiaryIds schema/unexpected"
    ])
    const pilot = Proposal.decode({ ...base, form: { kind: "pilot" } })
    expect(pilot.ok && Proposal.isPilot(pilot.value)).toBe(true)
  })

  test("activities and cost lines may not be empty", () => {
    expect(found({ ...base, activities: [] })).toEqual(["activities schema/invalid"])
    expect(found({ ...base, activities: [{ activity: "machinery", costLines: [] }] })).toEqual([
      "activities.0.costLines schema/invalid"
    ])
  })
})

describe("quantity (số lượng)", () => {
  const q = Schema.decodeUnknownSync(Proposal.quantitySchema)
  test("integers and exact decimals, canonicalised", () => {
    expect(q(4)).toBe(4)
    expect(q("4")).toBe(4)
    expect(q("3.0")).toBe(3)
    expect(q("2.50")).toBe("2.5")
    expect(q("002.5")).toBe("2.5")
    expect(q("0.125")).toBe("0.125")
  })
  test("zero, negatives, floats, exponents and junk are refused", () => {
    for (const bad of [0, -1, 1.5, "0", "0.0", "-2", "1e3", "", "2,5", " 2", Number.MAX_SAFE_INTEGER + 1, true]) {
      expect(Schema.decodeUnknownOption(Proposal.quantitySchema)(bad)._tag, String(bad)).toBe("None")
    }
  })
  test("lineAmount: exact for integers, floor and ceiling for decimals", () => {
    expect(Proposal.lineAmount(3, Money.make(400_000n))).toEqual({ low: 1_200_000n, high: 1_200_000n })
    expect(Proposal.lineAmount("2.5" as Proposal.DecimalQuantity, Money.make(3n))).toEqual({ low: 7n, high: 8n })
    expect(Proposal.lineAmount("2.5" as Proposal.DecimalQuantity, Money.make(4n))).toEqual({ low: 10n, high: 10n })
    expect(Proposal.lineAmount("0.001" as Proposal.DecimalQuantity, Money.make(1n))).toEqual({ low: 0n, high: 1n })
  })
  test.prop([quantity])("round trip", (x) => {
    expect(q(Schema.encodeSync(Proposal.quantitySchema)(x))).toEqual(x)
  })
})

describe("cost-line rules", () => {
  test("total = quantity × unit cost (integer quantity)", () => {
    expect(found(withLine(0, { total: "1000000001", counterpartFunding: "700000001" }))).toEqual([
      "activities.0.costLines.0.total proposal/total-mismatch"
    ])
    expect(found(withLine(0, { quantity: 3 }))).toEqual(["activities.0.costLines.0.total proposal/total-mismatch"])
    expect(found(withLine(0, { quantity: 1, unitCost: "1000000000" }))).toEqual([])
    const r = Proposal.decode(withLine(0, { quantity: 3 }))
    if (!r.ok) expect(r.error.issues[0]?.message).toContain("quantity (số lượng) 3 × unit cost (đơn giá)")
  })

  test("decimal quantity: the product rounded either way is accepted, nothing else", () => {
    const dec = (total: string) =>
      found(withLine(0, { quantity: "2.5", unitCost: "3", total, requestedSupport: "0", counterpartFunding: total }))
    expect(dec("7")).toEqual([])
    expect(dec("8")).toEqual([])
    expect(dec("6")).toEqual(["activities.0.costLines.0.total proposal/total-mismatch"])
    expect(dec("9")).toEqual(["activities.0.costLines.0.total proposal/total-mismatch"])
    const exact = (total: string) =>
      found(withLine(0, { quantity: "2.5", unitCost: "4", total, requestedSupport: "0", counterpartFunding: total }))
    expect(exact("10")).toEqual([])
    expect(exact("11")).toEqual(["activities.0.costLines.0.total proposal/total-mismatch"])
  })

  test("requested support ≤ total (equal is fine); the funding check then stays silent", () => {
    expect(found(withLine(1, { requestedSupport: "1000000000", counterpartFunding: "0" }))).toEqual([])
    expect(found(withLine(1, { requestedSupport: "1000000001" }))).toEqual([
      "activities.0.costLines.1.requestedSupport proposal/support-exceeds-total"
    ])
  })

  test("requested + counterpart (+ other state funding) must add up to the total", () => {
    expect(found(withLine(2, { counterpartFunding: "699999999" }))).toEqual([
      "activities.0.costLines.2.counterpartFunding proposal/funding-shortfall"
    ])
    expect(found(withLine(2, { counterpartFunding: "700000001" }))).toEqual([
      "activities.0.costLines.2.counterpartFunding proposal/funding-excess"
    ])
    expect(found(withLine(2, { counterpartFunding: "500000000", otherStateFunding: "200000000" }))).toEqual([])
    expect(found(withLine(2, { counterpartFunding: "500000000", otherStateFunding: "100000000" }))).toEqual([
      "activities.0.costLines.2.counterpartFunding proposal/funding-shortfall"
    ])
    const r = Proposal.decode(withLine(2, { counterpartFunding: "600000000" }))
    if (!r.ok) expect(r.error.issues[0]?.message).toContain("should be 700.000.000 ₫")
  })

  test("an item twice in an activity for the same beneficiary; different beneficiaries are fine", () => {
    expect(found(withLine(1, { beneficiaryId: "cs-a" }))).toEqual(["activities.0.costLines.1.item proposal/duplicate-item"])
    expect(found(base)).toEqual([])
    const noBeneficiary = { ...line("x"), beneficiaryId: undefined }
    const twice = { ...base, activities: [{ activity: "machinery", costLines: [noBeneficiary, noBeneficiary] }] }
    expect(found(JSON.parse(JSON.stringify(twice)))).toEqual(["activities.0.costLines.1.item proposal/duplicate-item"])
  })

  test("a cost line's beneficiary must be one of the proposal's", () => {
    expect(found(withLine(0, { beneficiaryId: "cs-z" }))).toEqual([
      "activities.0.costLines.0.beneficiaryId proposal/cost-line-beneficiary-unknown"
    ])
  })

  test("rules on one line still run when another line is broken", () => {
    const input = {
      ...base,
      activities: [
        {
          activity: "machinery",
          costLines: [
            { ...line("cs-a"), total: "999" },
            { ...line("cs-b"), unitCost: "abc" },
            { ...line("cs-c"), requestedSupport: "2000000000" }
          ]
        }
      ]
    }
    expect(found(input)).toEqual([
      "activities.0.costLines.0.total proposal/total-mismatch",
      "activities.0.costLines.0.requestedSupport proposal/support-exceeds-total",
      "activities.0.costLines.1.unitCost money/unparseable",
      "activities.0.costLines.2.requestedSupport proposal/support-exceeds-total"
    ])
  })
})

describe("proposal rules", () => {
  test("activities are distinct", () => {
    const twice = { ...base, activities: [base.activities[0], { activity: "machinery", costLines: [line("cs-a")] }] }
    expect(found(twice)).toEqual(["activities.1.activity proposal/duplicate-activity"])
    const distinct = { ...base, activities: [base.activities[0], { activity: "training", costLines: [line("cs-a")] }] }
    expect(found(distinct)).toEqual([])
  })

  test("beneficiaries are distinct", () => {
    expect(found({ ...base, beneficiaries: ["cs-a", "cs-b", "cs-c", "cs-b"] })).toEqual([
      "beneficiaries.3 proposal/duplicate-beneficiary"
    ])
  })

  test("a group has ≥ 2 distinct members, all among the beneficiaries", () => {
    expect(found({ ...base, form: { kind: "group", beneficiaryIds: ["cs-a", "cs-c"] } })).toEqual([])
    expect(found({ ...base, form: { kind: "group", beneficiaryIds: ["cs-a"] } })).toEqual(["form.beneficiaryIds schema/invalid"])
    expect(found({ ...base, form: { kind: "group", beneficiaryIds: ["cs-a", "cs-a"] } })).toEqual([
      "form.beneficiaryIds.1 proposal/group-duplicate-beneficiary"
    ])
    expect(found({ ...base, form: { kind: "group", beneficiaryIds: ["cs-a", "cs-x"] } })).toEqual([
      "form.beneficiaryIds.1 proposal/group-beneficiary-unknown"
    ])
  })

  test("the duration may be one day, never end before it starts", () => {
    expect(found({ ...base, duration: { start: "2024-03-01", end: "2024-03-01" } })).toEqual([])
    expect(found({ ...base, duration: { start: "2024-03-01", end: "2024-02-29" } })).toEqual(["duration.end proposal/duration-order"])
    expect(found({ ...base, duration: { start: "2024-03-01", end: "2024-02-30" } })).toEqual(["duration.end schema/invalid"])
  })

  test("a declared key project (keyProject, đề án khuyến công quốc gia điểm) has ≥ 2 activities and lasts more than a year (Circular 36/2013 art. 3.3)", () => {
    const two = [...base.activities, { activity: "demo-model", costLines: [line("cs-a")] }]
    const long = { start: "2024-03-01", end: "2025-03-01" } // the first anniversary: more than one year, both days counted
    expect(found({ ...base, activities: two, duration: long, keyProject: true })).toEqual([])
    // one activity; a period of exactly one year (2024-03-01 … 2025-02-28)
    expect(found({ ...base, duration: long, keyProject: true })).toEqual(["keyProject proposal/key-project-activities"])
    expect(found({ ...base, activities: two, duration: { start: "2024-03-01", end: "2025-02-28" }, keyProject: true })).toEqual([
      "duration.end proposal/key-project-duration"
    ])
    expect(found({ ...base, keyProject: true })).toEqual(["duration.end proposal/key-project-duration", "keyProject proposal/key-project-activities"])
    // not declared, or declared false: no check
    expect(found({ ...base, keyProject: false })).toEqual([])
    expect(found({ ...base, keyProject: "yes" })).toEqual(["keyProject schema/type"])
    const r = Proposal.decode({ ...base, keyProject: true })
    expect(!r.ok && r.error.issues.every((i) => i.message.includes("Circular 36/2013/TT-BCT art. 3.3"))).toBe(true)
    const ok = Proposal.decode({ ...base, activities: two, duration: long, keyProject: true })
    expect(ok.ok && Proposal.encode(ok.value)).toMatchObject({ keyProject: true })
  })

  test("the exported schema carries the cross-field rules", () => {
    const input = withLine(0, { beneficiaryId: "cs-z" })
    const r = SchemaParser.decodeUnknownResult(Proposal.schema, Decode.parseOptions)(input)
    expect(EffectResult.isFailure(r)).toBe(true)
    if (EffectResult.isFailure(r)) {
      expect(Decode.issuesOf(r.failure, Proposal.docs).map((i) => [i.path.join("."), i.code])).toEqual([
        ["activities.0.costLines.0.beneficiaryId", "proposal/cost-line-beneficiary-unknown"]
      ])
    }
    expect(EffectResult.isSuccess(SchemaParser.decodeUnknownResult(Proposal.schema)(base))).toBe(true)
  })
})

describe("properties", () => {
  test.prop([proposal])("decode(encode(x)) is x, through JSON text too", (p) => {
    expect(Proposal.decode(Proposal.encode(p))).toEqual({ ok: true, value: p })
    expect(Proposal.decode(JSON.parse(JSON.stringify(Proposal.encode(p))))).toEqual({ ok: true, value: p })
  })

  test.prop([keyProjectProposal])("a proposal that may declare keyProject decodes to itself (art. 3.3 checks pass when declared)", (p) => {
    expect(Proposal.decode(JSON.parse(JSON.stringify(Proposal.encode(p))))).toEqual({ ok: true, value: p })
  })

  test.prop([invalid.proposal])("seeded faults are reported at their paths with their codes, and nothing else", (c) => {
    const r = Proposal.decode(c.input)
    expect(r.ok).toBe(false)
    if (r.ok) return
    const got = r.error.issues.map((i) => JSON.stringify([i.path, i.code])).sort()
    const expected = c.expectedPaths.map((p, k) => JSON.stringify([p, c.expectedCodes[k]])).sort()
    expect(got).toEqual(expected)
  })

  test.prop([proposal, fc.nat()])("raising one unit cost by 1 đồng breaks exactly that line's total", (p, n) => {
    const lines = p.activities.flatMap((a, i) => a.costLines.map((l, j) => [i, j, l] as const)).filter(([, , l]) => typeof l.quantity === "number")
    fc.pre(lines.length > 0)
    const [i, j] = lines[n % lines.length] ?? [0, 0]
    const enc = JSON.parse(JSON.stringify(Proposal.encode(p)))
    const l = enc.activities[i].costLines[j]
    l.unitCost = String(BigInt(l.unitCost) + 1n)
    expect(found(enc)).toEqual([`activities.${i}.costLines.${j}.total proposal/total-mismatch`])
  })
})
