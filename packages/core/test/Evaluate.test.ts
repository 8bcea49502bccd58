/**
 * The evaluation as an audit record: what produced it (pack, version, overlay, reforms, decision
 * date, input hash), its JSON codec (and the stored form before 0.3.0), the text for a decision
 * file, the differences between two evaluations, the administrative units at the decision date
 * and the warning of a local-fund proposal with no provincial overlay.
 */
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import * as Evaluate from "../src/rules/Evaluate.js"
import { sha256Hex, sha256HexPortable } from "../src/rules/internal/sha256.js"
import * as Overlay from "../src/rules/Overlay.js"
import * as Pack from "../src/rules/Pack.js"
import * as Trace from "../src/values/Trace.js"
import { cite, d, definition, establishment, laiChau18, lowMachineryOverlay, parameters, proposal } from "./fixtures/rules-pack.js"
import * as Parameter from "../src/values/Parameter.js"
import * as Establishment from "../src/records/Establishment.js"
import * as Proposal from "../src/records/Proposal.js"
import { portfolio } from "../src/testing/index.js"

const pack = Pack.loadOrThrow(definition)
const resolved = Pack.resolveOrThrow(pack, d("2023-02-15"))
const es = { e1: establishment("e1") }
const machinery = (total: bigint, requested: bigint) => proposal({ activities: [{ activity: "machinery", lines: [{ item: "machinery.equipment", total, requested }] }] })
const p = machinery(1_000_000_000n, 500_000_000n)

describe.each([
  ["in plain JavaScript", sha256HexPortable],
  ["as used (Node's digest when the runtime offers it)", sha256Hex]
])("SHA-256 %s", (_, sha256Hex) => {
  test.prop([fc.string({ unit: "grapheme", maxLength: 300 })], { numRuns: 200 })("agrees with node:crypto on any text", (s) => {
    expect(sha256Hex(s)).toBe(createHash("sha256").update(s, "utf8").digest("hex"))
  })
  it("agrees on the FIPS 180-4 examples and at the block boundaries", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    for (const n of [55, 56, 63, 64, 65, 119, 120]) expect(sha256Hex("a".repeat(n)), String(n)).toBe(createHash("sha256").update("a".repeat(n)).digest("hex"))
  })
})

describe("the evaluation says what produced it", () => {
  it("pack id and version, no overlay, no reform, the decision date and a hash of the inputs", () => {
    const e = Evaluate.evaluateOrThrow(p, resolved, { establishments: es })
    expect(e).toMatchObject({ packId: "test-rules-2021-2025", packVersion: pack.version, overlay: undefined, reforms: [], date: "2023-02-15", warnings: [] })
    expect(e.inputHash).toMatch(/^[0-9a-f]{64}$/)
    // the same inputs hash the same, whatever the container; another figure hashes differently
    expect(Evaluate.inputHash(p, new Map(Object.entries(es)))).toBe(e.inputHash)
    expect(Evaluate.evaluateOrThrow(p, resolved, { establishments: es, trace: true }).inputHash).toBe(e.inputHash)
    expect(Evaluate.inputHash(machinery(1_000_000_000n, 500_000_001n), es)).not.toBe(e.inputHash)
    expect(Evaluate.inputHash(p, { e1: establishment("e1", { workforce: 21 }) })).not.toBe(e.inputHash)
    expect(Evaluate.inputHash(p, es, { applyPriorityMultiplier: true })).not.toBe(e.inputHash)
  })

  it("is a plain object whose input hash is an own, enumerable field, computed once and kept by copies", () => {
    const e = Evaluate.evaluateOrThrow(p, resolved, { establishments: es })
    const other = Evaluate.evaluateOrThrow(machinery(1_000_000_000n, 500_000_001n), resolved, { establishments: es })
    expect(Object.getPrototypeOf(e)).toBe(Object.prototype)
    expect(Object.keys(e)).toEqual(["proposalId", "packId", "packVersion", "overlay", "reforms", "date", "inputHash", "warnings", "verdict", "eligibility", "support", "payable", "trace"])
    expect(Object.getOwnPropertyDescriptor(e, "inputHash")?.enumerable).toBe(true)
    // each evaluation hashes its own inputs, the same on every read and in a copy
    expect(e.inputHash).toBe(Evaluate.inputHash(p, es))
    expect(other.inputHash).toBe(Evaluate.inputHash(machinery(1_000_000_000n, 500_000_001n), es))
    expect(e.inputHash).toBe(e.inputHash)
    expect({ ...e }.inputHash).toBe(e.inputHash)
    expect(JSON.parse(JSON.stringify(Evaluate.encode(e))).inputHash).toBe(e.inputHash)
  })

  it("names the provincial overlay whose levels applied to a local-fund proposal", () => {
    const layered = Overlay.applyOrThrow(pack, lowMachineryOverlay)
    const r = Pack.resolveOrThrow(layered, d("2023-02-15"))
    const local = Evaluate.evaluateOrThrow({ ...p, fund: "local" }, r, { establishments: es })
    expect(local).toMatchObject({ overlay: "province-low", payable: 100_000_000n, warnings: [] })
    expect(Evaluate.evaluateOrThrow(p, r, { establishments: es }).overlay).toBeUndefined() // national fund: national levels
  })
})

describe("evaluation over a register (a Map of decoded establishments) remembers each establishment's verdict", () => {
  // the mining rule about machinery only, so that the scope of a proposal is part of what is remembered
  const scoped = Pack.loadOrThrow({ ...definition, eligibility: definition.eligibility.map((r) => (r.kind === "mining-area" ? { ...r, activities: ["machinery"] } : r)) })
  const json = (r: ReturnType<typeof Evaluate.evaluate>): string => JSON.stringify(r.ok ? Evaluate.encode(r.value) : { error: r.error.code, path: r.error.path })
  describe.each([
    ["the test pack", pack, d("2024-06-01")],
    ["the test pack, its mining rule about machinery only", scoped, d("2025-09-01")]
  ])("%s, resolved on %s", (_name, thePack, date) => {
    const view = Pack.resolveOrThrow(thePack, date)
    test.prop([portfolio(view, { proposals: { min: 1, max: 8 } }), fc.boolean()], { numRuns: 25 })(
      "the same result as without a register to remember in (a plain record), however often evaluated, for other plan years, and after the register changes",
      (pf, trace) => {
        const decoded = (json: unknown): Establishment.Establishment => {
          const r = Establishment.decode(json, { asOf: date })
          if (!r.ok) throw new Error(r.error.message)
          return r.value
        }
        const register = new Map([...pf.establishments].map(([id, e]) => [id, decoded(Establishment.encode(e))]))
        const plain = (): Readonly<Record<string, Establishment.Establishment>> => Object.fromEntries(register)
        // six plan years and two orders of activities: more verdicts per establishment than the four kept in fields
        const variants = pf.proposals.flatMap((p) =>
          [0, 1, 2, 3, 4, 5].flatMap((back) => {
            const q = { ...p, planYear: (p.planYear - back) as typeof p.planYear }
            return [q, { ...q, activities: [...q.activities].reverse() }]
          })
        )
        const same = (): void => {
          const fresh = plain()
          for (const p of variants) {
            const expected = json(Evaluate.evaluate(p, view, { establishments: fresh, trace }))
            expect(json(Evaluate.evaluate(p, view, { establishments: register, trace }))).toBe(expected)
            expect(json(Evaluate.evaluate(p, view, { establishments: register, trace }))).toBe(expected)
          }
        }
        same()
        // an establishment replaced under its id by another's record: judged again
        const ids = [...register.keys()]
        const [first, second] = [ids[0] as string, ids[ids.length - 1] as string]
        register.set(first, decoded({ ...Establishment.encode(register.get(second) as Establishment.Establishment), id: first }))
        same()
        // one not decoded (a copy) is judged each time
        register.set(second, { ...(register.get(second) as Establishment.Establishment) })
        same()
      }
    )
  })
})

describe("the trace of a decoded proposal is built on first read", () => {
  const view = Pack.resolveOrThrow(pack, d("2024-06-01"))
  const decodedProposal = (q: Proposal.Proposal): Proposal.Proposal => {
    const r = Proposal.decode(Proposal.encode(q))
    if (!r.ok) throw new Error(r.error.message)
    return r.value
  }
  const isAccessor = (o: object, key: string): boolean => {
    const d = Object.getOwnPropertyDescriptor(o, key)
    return d !== undefined && d.enumerable === true && typeof d.get === "function"
  }
  test.prop([portfolio(view, { proposals: { min: 1, max: 6 } })], { numRuns: 25 })(
    "the same trace as a copy (built at once), kept once read, whatever is done to the evaluation's fields, and seen by spreading, JSON and structuredClone",
    (pf) => {
      const establishments = Object.fromEntries(pf.establishments)
      const results = pf.proposals.map((q) => {
        const lazy = Evaluate.evaluate(decodedProposal(q), view, { establishments, trace: true })
        const eager = Evaluate.evaluate({ ...q }, view, { establishments, trace: true })
        return { lazy, eager }
      })
      for (const { lazy, eager } of results) {
        expect(lazy.ok).toBe(eager.ok)
        if (!lazy.ok || !eager.ok) continue
        const e = lazy.value
        // a copy's trace is a field; a decoded proposal's, an accessor (and its support's too)
        expect(isAccessor(eager.value, "trace") || isAccessor(eager.value.support, "trace")).toBe(false)
        expect(isAccessor(e, "trace")).toBe(true)
        expect(isAccessor(e.support, "trace")).toBe(true)
        const expected = JSON.stringify(Evaluate.encode(eager.value))
        const trace = JSON.stringify(eager.value.trace)
        // another evaluation's parts put in its fields do not change the trace of what was evaluated
        const other = results.find((r) => r.eager.ok && r.eager.value !== eager.value && JSON.stringify(r.eager.value.trace) !== trace)
        if (other !== undefined && other.eager.ok) {
          const m = e as { -readonly [K in keyof typeof e]: (typeof e)[K] }
          const { eligibility, support, warnings } = m
          m.eligibility = other.eager.value.eligibility
          m.support = other.eager.value.support
          m.warnings = other.eager.value.warnings
          expect(JSON.stringify(e.trace)).toBe(trace)
          m.eligibility = eligibility
          m.support = support
          m.warnings = warnings
        }
        expect(JSON.stringify(Evaluate.encode(e))).toBe(expected)
        expect(e.trace).toBe(e.trace)
        expect(e.support.trace).toBe(e.support.trace)
        expect(JSON.stringify({ ...e }.trace)).toBe(trace)
        expect(JSON.stringify(structuredClone(e).trace)).toBe(trace)
      }
    }
  )
})

describe("administrative units at the decision date", () => {
  const resolvedAfter = Pack.resolveOrThrow(pack, d("2025-08-01"))
  const dated = { ...p, approvalDate: d("2025-08-01"), planYear: 2025 as typeof p.planYear }

  it("refuses a beneficiary recorded under a province code closed on 2025-07-01, naming the code, the day and the successor", () => {
    const haGiang = { e1: establishment("e1", {}, { provinceCode: "02", provinceName: "Hà Giang" }) }
    const r = Evaluate.evaluate(dated, resolvedAfter, { establishments: haGiang })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toMatchObject({ _tag: "LookupError", code: "evaluate/province-code-closed", path: ["establishments", "e1", "location", "provinceCode"], at: "2025-08-01" })
    // Hà Giang (02) was merged into Tuyên Quang (08) on 2025-07-01 (Resolution 202/2025/QH15)
    expect(r.error.message).toContain("mã tỉnh 02")
    expect(r.error.message).toContain("2025-07-01")
    expect(r.error.message).toMatch(/successor: 08 Tuyên Quang/)
    // the day before the reorganisation the code is in force
    const before = Pack.resolveOrThrow(pack, d("2025-06-30"))
    expect(Evaluate.evaluate({ ...dated, approvalDate: d("2025-06-30") }, before, { establishments: haGiang }).ok).toBe(true)
  })

  it("warns a local-fund proposal with no provincial overlay in force that national levels were applied, naming the province", () => {
    const e = Evaluate.evaluateOrThrow({ ...p, fund: "local" }, resolved, { establishments: es })
    expect(e.payable).toBe(300_000_000n) // national machinery cap
    expect(e.warnings).toHaveLength(1)
    expect(e.warnings[0]).toMatchObject({ code: "evaluate/no-provincial-overlay", path: ["fund"] })
    expect(e.warnings[0]?.message).toMatch(/tỉnh 12 Tỉnh Lai Châu/)
    expect(e.warnings[0]?.message).toMatch(/national levels were applied/)
    expect(Evaluate.explain(e)).toContain("evaluate/no-provincial-overlay")
  })
})

describe("the JSON codec", () => {
  it("JSON.stringify of the encoded form works (money as decimal strings) and decodes back to the evaluation", () => {
    expect(() => JSON.stringify(Evaluate.evaluateOrThrow(p, resolved, { establishments: es }))).toThrow() // bigint: why the codec exists
    const e = Evaluate.evaluateOrThrow(p, resolved, { establishments: es, trace: true })
    const text = JSON.stringify(Evaluate.encode(e))
    expect(JSON.parse(text)).toMatchObject({ evaluationVersion: 2, payable: "300000000", packVersion: pack.version, inputHash: e.inputHash })
    const back = Evaluate.decode(JSON.parse(text))
    expect(back.ok && back.value).toEqual(e)
  })

  const ITEMS = ["machinery.equipment", "machinery.technology-line", "demo-model.new-technology", "trademark.registration", "management.overhead"] as const
  const arb = fc.record({
    lines: fc.array(fc.record({ item: fc.constantFrom(...ITEMS), total: fc.bigInt({ min: 0n, max: 3_000_000_000n }), permille: fc.integer({ min: 0, max: 1000 }) }), { minLength: 1, maxLength: 4 }),
    fund: fc.constantFrom<"national" | "local">("national", "local"),
    approved: fc.boolean(),
    trace: fc.boolean()
  })
  test.prop([arb], { numRuns: 80 })("encode then decode gives the evaluation back, and encoding again gives the same JSON", (x) => {
    const base = proposal({
      activities: [{ activity: "machinery", lines: x.lines.map((l) => ({ item: l.item, total: l.total, requested: (l.total * BigInt(l.permille)) / 1000n })) }],
      ...(x.approved ? {} : { approvalDate: null })
    })
    const e = Evaluate.evaluate({ ...base, fund: x.fund }, resolved, { establishments: es, trace: x.trace })
    if (!e.ok) return
    const json = JSON.parse(JSON.stringify(Evaluate.encode(e.value)))
    const back = Evaluate.decode(json)
    expect(back.ok).toBe(true)
    if (!back.ok) return
    expect(back.value).toEqual(e.value)
    expect(Evaluate.encode(back.value)).toEqual(json)
  })

  it("reports a damaged record with the path of each problem", () => {
    const json = JSON.parse(JSON.stringify(Evaluate.encode(Evaluate.evaluateOrThrow(p, resolved, { establishments: es })))) as Record<string, unknown>
    const r = Evaluate.decode({ ...json, payable: "3 tỷ", inputHash: "x" })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["payable", "inputHash"]))
  })

  it("still decodes the form stored before 0.3.0 (Trace.toJson of an evaluation, version 1), and re-evaluating it under the 2021–2025 pack changes nothing but the audit fields", () => {
    const fixture = JSON.parse(readFileSync(new URL("./fixtures/evaluation-v1.json", import.meta.url), "utf8")) as {
      readonly cases: ReadonlyArray<{ readonly proposal: unknown; readonly establishments: ReadonlyArray<unknown>; readonly stored: unknown }>
    }
    expect(fixture.cases.length).toBe(2)
    for (const c of fixture.cases) {
      const old = Evaluate.decode(c.stored)
      expect(old.ok, JSON.stringify(!old.ok && old.error.issues.slice(0, 3))).toBe(true)
      if (!old.ok) continue
      expect(old.value).toMatchObject({ overlay: undefined, reforms: [], inputHash: "", warnings: [] })
      expect(old.value.trace?.schemaVersion).toBe(1)
      expect(Evaluate.explain(old.value)).toContain("không có (bản lưu cũ)")
      expect(Evaluate.encode(old.value)).toMatchObject({ evaluationVersion: 2, payable: (c.stored as { payable: string }).payable })
    }
  })
})

describe("Trace.unconfirmedReads lists rule citations too", () => {
  it("the unconfirmed support conditions (Joint Circular 26/2014 art. 7, carried over) are listed as rules", () => {
    const e = Evaluate.evaluateOrThrow(p, resolved, { establishments: es, trace: true })
    const u = Trace.unconfirmedReads(e.trace as Trace.Trace)
    const rules = u.filter((x) => x.kind === "rule").map((x) => x.rule)
    expect(rules).toEqual(expect.arrayContaining(["eligibility.activity-in-catalogue", "eligibility.approved", "eligibility.counterpart-funding"]))
    for (const x of u.filter((y) => y.kind === "rule")) expect(x.citation.grade).not.toMatch(/^(primary|secondary)$/)
    // a stored trace of 0.2 (no citations on steps) still decodes, and lists only parameter reads
    const old = { schemaVersion: 1, steps: (e.trace as Trace.Trace).steps.map(({ citations: _c, ...s }) => s) }
    const r = Trace.decode(old)
    expect(r.ok && Trace.unconfirmedReads(r.value).every((x) => x.kind === "parameter")).toBe(true)
  })
})

describe("explain", () => {
  const e = Evaluate.evaluateOrThrow(machinery(1_000_000_000n, 500_000_000n), resolved, { establishments: es, trace: true })

  it("renders the record in Vietnamese by default: verdict, lines with their binding constraint, payable, citations, unconfirmed figures", () => {
    const text = Evaluate.explain(e)
    expect(text).toMatch(/^KẾT QUẢ ĐÁNH GIÁ ĐỀ ÁN KHUYẾN CÔNG\n/)
    expect(text).toContain(`Bộ quy tắc: test-rules-2021-2025 (phiên bản ${pack.version})`)
    expect(text).toContain("Ngày quyết định: 2023-02-15")
    expect(text).toContain("Kết luận: Đủ điều kiện hỗ trợ")
    // 50 % × 1.000.000.000 = 500.000.000 > 300.000.000 (Circular 28/2018): the absolute cap binds
    expect(text).toContain("1. machinery / machinery.equipment [e1]: chi phí hợp lệ 1.000.000.000 ₫; đề nghị 500.000.000 ₫; hỗ trợ 300.000.000 ₫; ràng buộc: mức tối đa — support.machinery.cap, khoản 4 Điều 8 28/2018/TT-BTC (nguồn thứ cấp)")
    expect(text).toContain("Số được chi trả: 300.000.000 ₫")
    expect(text).toContain("Số liệu và căn cứ chưa được xác nhận:")
    expect(text).toMatch(/eligibility\.approved: khoản 2 Điều 7 26\/2014\/TTLT-BTC-BCT/)
  })

  it("names activities and items from the resolved pack's catalogue (Vietnamese, or English), codes kept in brackets", () => {
    // the fixture pack's catalogue: machinery "Ứng dụng máy móc thiết bị tiên tiến" / "Advanced machinery",
    // machinery.equipment "Máy móc thiết bị" / "Machinery and equipment"
    expect(Evaluate.explain(e, { resolved })).toContain(
      "1. Ứng dụng máy móc thiết bị tiên tiến [machinery] / Máy móc thiết bị [machinery.equipment] [e1]: chi phí hợp lệ 1.000.000.000 ₫;"
    )
    expect(Evaluate.explain(e, { lang: "en", resolved })).toContain("1. Advanced machinery [machinery] / Machinery and equipment [machinery.equipment] [e1]: eligible cost 1.000.000.000 ₫;")
    // a view of another pack names nothing; an item the view does not know stays a code
    expect(Evaluate.explain(e, { resolved: { ...resolved, packId: "another-pack" } })).toContain("1. machinery / machinery.equipment [e1]:")
    expect(Evaluate.explain(e, { resolved: { ...resolved, items: {} } })).toContain("1. Ứng dụng máy móc thiết bị tiên tiến [machinery] / machinery.equipment [e1]:")
  })

  it("in English on request, with the reasons of an ineligible verdict", () => {
    const { approvalDate: _a, ...unapproved } = machinery(1_000_000_000n, 500_000_000n)
    const bad = Evaluate.evaluateOrThrow(unapproved, resolved, { establishments: es })
    const text = Evaluate.explain(bad, { lang: "en" })
    expect(text).toContain("Verdict: Not eligible for support")
    expect(text).toMatch(/- eligibility\.approved: .* — 26\/2014\/TTLT-BTC-BCT, art\. 7, cl\. 2/)
    expect(text).toContain("Payable: 0 ₫")
    expect(text).toContain("(no trace recorded: listed from the conditions and the caps that bound)")
  })

  it("names the rule behind a derived cap and a cost line excluded from the payable amount", () => {
    // equipment (phase 0): 50 % of 100.000.000 = 50.000.000, 40.000.000 requested → 40.000.000, but also
    // funded by another state source (20.000.000), so excluded from the payable amount;
    // technology line (after it, same per-establishment pool): 50 % of 1.200.000.000 = 600.000.000,
    // capped at 1,5 × 300.000.000 = 450.000.000 less the pool's 40.000.000 = 410.000.000.
    // Support 450.000.000, payable 450.000.000 − 40.000.000 = 410.000.000.
    const two = proposal({
      activities: [
        {
          activity: "machinery",
          lines: [
            { item: "machinery.technology-line", total: 1_200_000_000n, requested: 600_000_000n },
            { item: "machinery.equipment", total: 100_000_000n, requested: 40_000_000n, otherStateFunding: 20_000_000n }
          ]
        }
      ]
    })
    const ev = Evaluate.evaluateOrThrow(two, resolved, { establishments: es })
    expect([ev.support.total, ev.payable]).toEqual([450_000_000n, 410_000_000n])
    const vi = Evaluate.explain(ev)
    expect(vi).toMatch(/mức trần: 1,5 × 300\.000\.000 ₫ \(machinery\.equipment\) = 450\.000\.000 ₫/)
    expect(vi).toMatch(/2\. machinery \/ machinery\.equipment .*\n +không tính vào số được chi trả: .*— /)
    expect(Evaluate.explain(ev, { lang: "en" })).toMatch(/excluded from the payable amount: .*another state source/)
  })
})

describe("diff", () => {
  it("re-evaluating a stored evaluation under another pack version names the changed pack, payable, lines and citations", () => {
    const stored = JSON.parse(JSON.stringify(Evaluate.encode(Evaluate.evaluateOrThrow(p, resolved, { establishments: es }))))
    const before = Evaluate.decode(stored)
    if (!before.ok) throw before.error
    const cap = parameters["support.machinery.cap"] as Parameter.Parameter<bigint>
    const lowered = Pack.loadOrThrow({
      ...definition,
      version: "9.9.9",
      parameters: { ...definition.parameters, "support.machinery.cap": Parameter.makeOrThrow({ ...cap, values: cap.values.map((v) => ({ ...v, value: 250_000_000n, citation: cite(laiChau18, "provincial-copy") })) }) }
    })
    const after = Evaluate.evaluateOrThrow(p, Pack.resolveOrThrow(lowered, d("2023-02-15")), { establishments: es })
    const dif = Evaluate.diff(before.value, after)
    expect(dif.pack).toEqual({ before: `test-rules-2021-2025@${pack.version}`, after: "test-rules-2021-2025@9.9.9" })
    expect(dif.payable).toEqual({ before: 300_000_000n, after: 250_000_000n })
    expect(dif.verdict).toBeUndefined()
    expect(dif.inputs).toBeUndefined() // same inputs
    expect(dif.lines).toEqual([{ index: 0, item: "machinery.equipment", before: { support: 300_000_000n, binding: "absolute-cap" }, after: { support: 250_000_000n, binding: "absolute-cap" } }])
    expect(dif.citations.added).toEqual(["18/2025/NQ-HĐND (provincial copy)"])
    expect(Evaluate.isSame(dif)).toBe(false)
    expect(Evaluate.isSame(Evaluate.diff(before.value, before.value))).toBe(true)
  })
})

