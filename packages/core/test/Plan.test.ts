import { test } from "@fast-check/vitest"
import { Result as EffectResult, SchemaParser } from "effect"
import { describe, expect } from "vitest"
import * as Decode from "../src/values/Decode.js"
import * as Plan from "../src/records/Plan.js"
import { budgetEnvelope, invalid, plan } from "../src/testing/index.js"

const envelope = {
  year: 2025,
  level: "provincial",
  provinceCode: "12",
  amount: "3500000000",
  source: { kind: "local-budget", note: "Ngân sách tỉnh" },
  decision: { number: "1234/QĐ-UBND", date: "2024-12-20" }
}

const provincial = {
  id: "kh-12-2025",
  year: 2025,
  level: "provincial",
  provinceCode: "12",
  envelopes: [envelope, { ...envelope, amount: "500000000", source: { kind: "central-budget" } }],
  proposalIds: ["da-1", "da-2"],
  approval: { number: "99/QĐ-UBND", date: "2025-01-10" }
}

const national = {
  id: "kh-qg-2025",
  year: 2025,
  level: "national",
  envelopes: [{ year: 2025, level: "national", amount: "120000000000", source: { kind: "central-budget" } }],
  proposalIds: ["da-qg-1"]
}

const found = (input: unknown) => {
  const r = Plan.decode(input)
  return r.ok ? [] : r.error.issues.map((i) => `${i.path.join(".")} ${i.code}`)
}
const foundEnvelope = (input: unknown) => {
  const r = Plan.decodeBudgetEnvelope(input)
  return r.ok ? [] : r.error.issues.map((i) => `${i.path.join(".")} ${i.code}`)
}

describe("budget envelope (kinh phí được giao)", () => {
  test("decodes and encodes back", () => {
    const r = Plan.decodeBudgetEnvelope(envelope)
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.amount).toBe(3_500_000_000n)
      expect(Plan.encodeBudgetEnvelope(r.value)).toEqual(envelope)
    }
  })

  test("a provincial envelope names its province, a national one does not", () => {
    const { provinceCode: _p, ...noProvince } = envelope
    expect(foundEnvelope(noProvince)).toEqual(["provinceCode budget/province-required"])
    expect(foundEnvelope({ ...envelope, level: "national", source: { kind: "central-budget" } })).toEqual([
      "provinceCode budget/province-not-allowed"
    ])
    expect(foundEnvelope({ ...noProvince, level: "national", source: { kind: "central-budget" } })).toEqual([])
  })

  test("national funds do not come from a local budget", () => {
    const { provinceCode: _p, ...rest } = envelope
    expect(foundEnvelope({ ...rest, level: "national" })).toEqual(["source.kind budget/source-level-mismatch"])
    expect(foundEnvelope({ ...rest, level: "national", source: { kind: "other", note: "ODA" } })).toEqual([])
  })

  test("structural problems: amount, source, decision", () => {
    expect(foundEnvelope({ ...envelope, amount: "-1", source: { kind: "other" }, decision: { number: "", date: "2024-13-01" } })).toEqual([
      "amount money/negative",
      "source.note schema/missing",
      "decision.number schema/invalid",
      "decision.date schema/invalid"
    ])
    expect(foundEnvelope({ ...envelope, source: { kind: "grant" } })).toEqual(["source.kind schema/type"])
    const r = Plan.decodeBudgetEnvelope({ ...envelope, amount: "-1" })
    if (!r.ok) expect(r.error.issues[0]?.message).toBe("amount (số tiền được giao) must be a non-negative whole number of đồng written in digits; found -1")
  })

  test.prop([budgetEnvelope])("decode(encode(x)) is x", (e) => {
    expect(Plan.decodeBudgetEnvelope(Plan.encodeBudgetEnvelope(e))).toEqual({ ok: true, value: e })
  })

  test.prop([invalid.budgetEnvelope])("seeded faults are reported exactly", (c) => {
    const r = Plan.decodeBudgetEnvelope(c.input)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.issues.map((i) => JSON.stringify([i.path, i.code])).sort()).toEqual(
        c.expectedPaths.map((p, k) => JSON.stringify([p, c.expectedCodes[k]])).sort()
      )
    }
  })
})

describe("plan (kế hoạch khuyến công)", () => {
  test("provincial and national plans decode; the envelope total", () => {
    const r = Plan.decode(provincial)
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(Plan.envelopeTotal(r.value)).toBe(4_000_000_000n)
      expect(Plan.encode(r.value)).toEqual(provincial)
    }
    expect(found(national)).toEqual([])
  })

  test("province code: required for a provincial plan, refused for a national one", () => {
    const { provinceCode: _p, ...rest } = provincial
    expect(found(rest)).toEqual(["provinceCode plan/province-required"])
    expect(found({ ...national, provinceCode: "01" })).toEqual(["provinceCode plan/province-not-allowed"])
  })

  test("envelopes share the plan's year, level and province", () => {
    const env = (patch: Record<string, unknown>) => ({ ...provincial, envelopes: [{ ...envelope, ...patch }] })
    expect(found(env({ year: 2026 }))).toEqual(["envelopes.0.year plan/envelope-year-mismatch"])
    expect(found(env({ provinceCode: "14" }))).toEqual(["envelopes.0.provinceCode plan/envelope-province-mismatch"])
    const { provinceCode: _p, ...nationalEnvelope } = envelope
    expect(found({ ...provincial, envelopes: [{ ...nationalEnvelope, level: "national", source: { kind: "central-budget" } }] })).toEqual([
      "envelopes.0.level plan/envelope-level-mismatch"
    ])
  })

  test("envelope rules run inside the plan with the envelope's path", () => {
    const { provinceCode: _p, ...noProvince } = envelope
    expect(found({ ...provincial, envelopes: [envelope, noProvince] })).toEqual(["envelopes.1.provinceCode budget/province-required"])
  })

  test("proposals are listed once", () => {
    expect(found({ ...provincial, proposalIds: ["da-1", "da-2", "da-1"] })).toEqual(["proposalIds.2 plan/duplicate-proposal"])
  })

  test("several problems at once, structural and cross-field", () => {
    const input = {
      ...provincial,
      year: 2025,
      envelopes: [{ ...envelope, year: 2024 }, { ...envelope, amount: 12.5 }],
      proposalIds: ["da-1", " da-2", "da-1"],
      approval: { number: "99/QĐ-UBND", date: "10/01/2025" }
    }
    expect(found(input)).toEqual([
      "envelopes.0.year plan/envelope-year-mismatch",
      "envelopes.1.amount money/unparseable",
      "proposalIds.1 schema/invalid",
      "approval.date schema/invalid"
    ])
  })

  test("the exported schema carries the rules", () => {
    const r = SchemaParser.decodeUnknownResult(Plan.schema, Decode.parseOptions)({ ...national, provinceCode: "01" })
    expect(EffectResult.isFailure(r)).toBe(true)
    if (EffectResult.isFailure(r)) {
      expect(Decode.issuesOf(r.failure, Plan.docs).map((i) => i.code)).toEqual(["plan/province-not-allowed"])
    }
  })

  test.prop([plan])("decode(encode(x)) is x", (p) => {
    expect(Plan.decode(JSON.parse(JSON.stringify(Plan.encode(p))))).toEqual({ ok: true, value: p })
  })

  test.prop([invalid.plan])("seeded faults are reported exactly", (c) => {
    const r = Plan.decode(c.input)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.issues.map((i) => JSON.stringify([i.path, i.code])).sort()).toEqual(
        c.expectedPaths.map((p, k) => JSON.stringify([p, c.expectedCodes[k]])).sort()
      )
    }
  })
})
