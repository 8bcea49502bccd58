/**
 * Every error code a user can meet through the case files and the invalid arbitraries has a
 * message in Vietnamese and English in `Messages.catalogue`: the codes are collected by running
 * the inputs (decoding, resolving the pack, evaluating), not by listing them.
 */
import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { Eligibility, Establishment, Evaluate, Messages, Overlay, Pack, Proposal, Plan, Resolution, type RulePack } from "@khuyencong/core"
import { invalid } from "@khuyencong/core/testing"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import * as p2014 from "../../rules-2014-2018/src/index.js"
import * as p2021 from "../../rules-2021-2025/src/index.js"
import * as p2026 from "../../rules-2026-2030/src/index.js"
import { Cases } from "../src/index.js"

const root = fileURLToPath(new URL("../../", import.meta.url))
const modules = [p2014, p2021, p2026]
const packs: ReadonlyArray<RulePack.RulePack> = modules.map((m) => Pack.loadOrThrow(m.pack))
const overlays = modules.flatMap((m) => m.overlays)

const caseFiles = (): ReadonlyArray<string> =>
  ["rules-2014-2018", "rules-2021-2025", "rules-2026-2030"].flatMap((dir) => {
    const base = path.join(root, dir, "cases")
    return readdirSync(base, { recursive: true })
      .map(String)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => path.join(base, f))
  })

/** The codes one case emits: decoding issues, the pack lookup's error, the evaluation's warnings and failed reasons. */
const codesOf = (c: Cases.Case): ReadonlyArray<string> => {
  const out: Array<string> = []
  const decoded = Proposal.decode(c.proposal)
  if (!decoded.ok) return decoded.error.issues.map((i) => i.code)
  const proposal = decoded.value
  const date = c.date ?? Evaluate.dateOf(proposal)
  const pick = c.pack !== undefined ? packs.filter((p) => p.id === c.pack) : packs
  const governing = c.date !== undefined ? Resolution.forDate(pick, c.date) : Resolution.forPlanYear(pick, proposal.planYear)
  if (!governing.ok) return [governing.error.code]
  let pack = governing.value
  const overlay = overlays.find((o) => o.id === c.overlay)
  if (overlay !== undefined) {
    const r = Overlay.apply(pack, overlay)
    if (!r.ok) return r.error.issues.map((i) => i.code)
    pack = r.value
  }
  const establishments = new Map<string, Establishment.Establishment>()
  for (const [id, json] of Object.entries(c.establishments)) {
    const e = Establishment.decode(json, { asOf: date })
    if (e.ok) establishments.set(id, e.value)
    else out.push(...e.error.issues.map((i) => i.code))
  }
  const resolved = Pack.resolve(pack, date)
  if (!resolved.ok) return [...out, resolved.error.code]
  const evaluation = Evaluate.evaluate(proposal, resolved.value, { establishments })
  if (!evaluation.ok) return [...out, evaluation.error.code]
  out.push(...evaluation.value.warnings.map((w) => w.code))
  for (const f of Eligibility.failures(evaluation.value.eligibility)) if (f.reason !== undefined) out.push(f.reason)
  return out
}

const missing = (codes: Iterable<string>): ReadonlyArray<string> =>
  [...new Set(codes)].filter((code) => Messages.message(code, {}, "vi") === undefined || Messages.message(code, {}, "en") === undefined).sort()

describe("Messages catalogue", () => {
  it("has every code the case files emit, in both languages", () => {
    const codes: Array<string> = []
    for (const file of caseFiles()) {
      const parsed = Cases.parse(readFileSync(file, "utf8"), file)
      if (!parsed.ok) throw parsed.error
      for (const c of parsed.value.cases) {
        codes.push(...codesOf(c))
        if (c.expect.error !== undefined) codes.push(c.expect.error)
      }
    }
    expect(codes.length).toBeGreaterThan(10)
    expect(missing(codes)).toEqual([])
  })

  it("has every code the invalid arbitraries produce, in both languages", () => {
    const codes: Array<string> = []
    const seed = { seed: 14, numRuns: 1 }
    for (const x of fc.sample(invalid.proposal, { ...seed, numRuns: 150 })) {
      codes.push(...x.expectedCodes)
      const r = Proposal.decode(x.input)
      if (!r.ok) codes.push(...r.error.issues.map((i) => i.code))
    }
    for (const x of fc.sample(invalid.establishment, { ...seed, numRuns: 150 })) {
      codes.push(...x.expectedCodes)
      const r = Establishment.decode(x.input)
      if (!r.ok) codes.push(...r.error.issues.map((i) => i.code))
    }
    for (const x of fc.sample(invalid.plan, { ...seed, numRuns: 100 })) {
      codes.push(...x.expectedCodes)
      const r = Plan.decode(x.input)
      if (!r.ok) codes.push(...r.error.issues.map((i) => i.code))
    }
    for (const x of fc.sample(invalid.budgetEnvelope, { ...seed, numRuns: 50 })) codes.push(...x.expectedCodes)
    for (const x of fc.sample(invalid.taxCode, { ...seed, numRuns: 50 })) codes.push(...x.expectedCodes)
    expect(missing(codes)).toEqual([])
  })

  it("names a reason's value in words, never by its code: every industry of every pack, every legal form, unit and area", () => {
    const industries = new Set<string>()
    for (const pack of packs)
      for (const [id, p] of Object.entries(pack.parameters))
        if (id.startsWith("eligibility.industries"))
          for (const v of p.values) if (Array.isArray(v.value)) for (const code of v.value as ReadonlyArray<string>) industries.add(code)
    expect(industries.has("tieu-thu-cong-nghiep")).toBe(true)
    expect(industries.has("vat-lieu-xay-dung/gach-dat-set-nung-lo-vong")).toBe(true)
    const codes = [
      ...[...industries].flatMap((i) => [`industry/not-listed:${i}`, `industry-exclusion/excluded:${i}`]),
      ...["enterprise", "large-enterprise", "cooperative", "union-of-cooperatives", "cooperative-group", "business-household"].map((k) => `legal-form/not-eligible:${k}`),
      ...["none", "difficult", "especially-difficult"].map((k) => `difficult-area/area:${k}`)
    ]
    for (const code of codes)
      for (const lang of ["vi", "en"] as const) {
        const text = Messages.message(code, {}, lang) ?? ""
        const value = code.slice(code.indexOf(":") + 1)
        if (/[-/]/.test(value)) expect(text, `${code} (${lang})`).not.toContain(value)
        expect(text, `${code} (${lang})`).toMatch(/: [^:]+\.$/) // the value is there, in words
        expect(text, `${code} (${lang})`).not.toMatch(/[a-z]+(-[a-z]+){2,}/) // no code-like word left
      }
    // by the words of the law: Decree 45/2012 art. 5.1 đ, and the legal form of art. 1.2 a
    expect(Messages.message("industry/not-listed:tieu-thu-cong-nghiep", {}, "vi")).toBe("Ngành nghề sản xuất không thuộc danh mục được hỗ trợ: sản xuất hàng tiểu thủ công nghiệp.")
    expect(Messages.message("legal-form/not-eligible:large-enterprise", {}, "vi")).toBe("Loại hình cơ sở không thuộc đối tượng được hỗ trợ: doanh nghiệp lớn.")
    expect(Messages.message("legal-form/not-eligible:large-enterprise", {}, "en")).toBe("The establishment's legal form is not one that is supported: large enterprise.")
    // a finer code under a known line of work: its words and the code; an unknown value as given
    expect(Messages.message("industry/not-listed:tieu-thu-cong-nghiep/may-tre-dan", {}, "vi")).toBe(
      "Ngành nghề sản xuất không thuộc danh mục được hỗ trợ: sản xuất hàng tiểu thủ công nghiệp (tieu-thu-cong-nghiep/may-tre-dan)."
    )
    expect(Messages.message("industry/not-listed:xyz", {}, "vi")).toMatch(/: xyz\.$/)
  })

  it("fills parameters, drops optional parts whose parameters are absent, formats money", () => {
    expect(Messages.message("schema/missing", { field: "title" })).toBe("Thiếu trường bắt buộc title.")
    expect(Messages.message("schema/missing", { field: "title" }, "en")).toBe("The required field title is missing.")
    expect(Messages.message("ledger/above-contract", { amount: 900_000_000n, limit: 800_000_000n }, "vi")).toBe(
      "Số tiền 900.000.000 ₫ vượt kinh phí hợp đồng 800.000.000 ₫."
    )
    expect(Messages.message("ledger/above-contract", {}, "en")).toBe("The amount exceeds the contract.")
    expect(Messages.message("location/not-converted:1", {}, "en")).toMatch(/class-1 city/)
    expect(Messages.message("no-such/code")).toBeUndefined()
    // a decoding issue carries its amounts, so the message can be worded in Vietnamese
    const line = { item: "machinery.equipment", quantity: 1, unitCost: "800000000", total: "800000000", requestedSupport: "400000000", counterpartFunding: "300000000" }
    const r = Proposal.decode({
      id: "DA-1", title: "Máy sao chè", fund: "national", form: { kind: "single" }, activities: [{ activity: "machinery", costLines: [line] }],
      implementingUnit: { name: "Trung tâm Khuyến công" }, beneficiaries: ["cs-1"], locations: [{ provinceCode: "02" }], planYear: 2023,
      duration: { start: "2023-04-01", end: "2023-11-30" }, approvalDate: "2023-03-15"
    })
    const issue = r.ok ? undefined : r.error.issues.find((i) => i.code === "proposal/funding-shortfall")
    expect(issue?.params).toMatchObject({ amount: 700_000_000n, limit: 800_000_000n })
    expect(Messages.messageOf(issue!, "vi")).toBe(
      "Kinh phí đề nghị hỗ trợ + vốn đối ứng + nguồn khác chưa đủ thành tiền (activities.0.costLines.0.counterpartFunding): 700.000.000 ₫ < 800.000.000 ₫."
    )
    expect(Messages.messageOf({ code: "no-such/code", message: "as is" })).toBe("as is")
  })
})
