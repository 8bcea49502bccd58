import { execFile, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Overlay } from "@khuyencong/core"
import * as Cases from "../src/Cases.js"
import { cite, d, definition, laiChau18 } from "./fixtures/rules-pack.js"

// ---------------------------------------------------------------------------------------------
// A case file over the test pack (machinery 50 % / 300 000 000 per establishment, demonstration
// model 30 % / 1 000 000 000 per model, decisions 2021-01-01 … 2025-10-14).

const laiChau: Overlay.Overlay = {
  id: "lai-chau-test",
  title: "Lai Châu (test)",
  province: "12",
  citation: cite(laiChau18, "secondary"),
  effective: { start: d("2025-05-05") },
  operations: [{ op: "lower", parameter: "support.demo-model.cap", value: 500_000_000n }]
}
const installation = Cases.installOrThrow([{ pack: definition, overlays: [laiChau] }])

const header = `
title: Test cases
defaults:
  pack: test-rules-2021-2025
  date: 2023-06-30
  planYear: 2023
  proposal:
    id: p1
    title: Đề án thử nghiệm
    fund: national
    form: { kind: single }
    implementingUnit: { name: Trung tâm Khuyến công }
    beneficiaries: [e1]
    locations: [{ provinceCode: "12" }]
    duration: { start: 2023-07-01, end: 2023-12-15 }
establishments:
  - id: e1
    name: Cơ sở A
    legalForm: { kind: enterprise, size: small }
    taxCode: "0100109106"
    location:
      provinceCode: "12"
      provinceName: Lai Châu
      commune: { name: Xã A, kind: commune }
      difficultArea: none
      poorDistrict: false
      newRuralCommune: false
      highland: false
      island: false
      border: false
      ethnicMinorityArea: false
    industry: { code: che-bien-nong-lam-thuy-san }
    workforce: 20
    annualRevenue: 4,5 tỷ
    hasExportContract: false
    cleanerProduction: false
    womenOwned: false
    ethnicMinorityOwned: false
  - { id: e2, extends: e1, name: Cơ sở B, legalForm: { kind: cooperative } }
`

const machinery = (total: string, requested: string): string => `
      activities:
        - activity: machinery
          costLines:
            - { item: machinery.equipment, total: ${total}, requestedSupport: ${requested} }`

const file = (cases: string): string => `${header}cases:\n${cases}`

const parsed = (text: string, name = "test.yaml"): Cases.CaseFile => {
  const r = Cases.parse(text, name)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

const problems = (text: string, name = "bad.yaml"): ReadonlyArray<{ readonly code: string; readonly message: string }> => {
  const r = Cases.parse(text, name)
  if (r.ok) throw new Error("expected the case file to be refused")
  expect(r.error.code).toBe("cases/invalid-file")
  return r.error.issues
}

const runText = (text: string): ReadonlyArray<Cases.CaseResult> => Cases.run(parsed(text), installation)

// ---------------------------------------------------------------------------------------------

describe("parsing valid case files", () => {
  it("reads cases with defaults, shared establishments and expectations", () => {
    const f = parsed(
      file(`
  - name: Machinery cap
    description: 50 % of 1 tỷ = 500 000 000 > 300 000 000 → 300 000 000
    reference: Circular 28/2018/TT-BTC art. 8.4
    proposal:${machinery("1 tỷ", "500 triệu")}
    expect:
      verdict: eligible
      reasons: { failed: [], passed: [eligibility.location] }
      support:
        - { item: machinery.equipment, support: 300.000.000, binding: absolute-cap, rateCap: 500 triệu, absoluteCap: none }
      total: 300000000
      payable: 300 triệu
`)
    )
    expect(f.title).toBe("Test cases")
    expect(f.cases).toHaveLength(1)
    const c = f.cases[0] as Cases.Case
    expect(c).toMatchObject({ name: "Machinery cap", pack: "test-rules-2021-2025", resolve: false, date: "2023-06-30", planYear: 2023, reference: "Circular 28/2018/TT-BTC art. 8.4" })
    expect(c.line).toBe(file("").split("\n").length + 1)
    expect(c.expect).toMatchObject({ verdict: "eligible", failed: [], passed: ["eligibility.location"], total: 300_000_000n, payable: 300_000_000n })
    expect(c.expect.support?.[0]).toMatchObject({ select: { item: "machinery.equipment" }, support: 300_000_000n, binding: "absolute-cap", rateCap: 500_000_000n, absoluteCap: "none" })
    // the proposal: defaults merged, money as digit strings, line amounts completed, approval = date
    expect(c.proposal).toMatchObject({
      id: "p1",
      planYear: 2023,
      approvalDate: "2023-06-30",
      activities: [{ activity: "machinery", costLines: [{ quantity: 1, unitCost: "1000000000", total: "1000000000", requestedSupport: "500000000", counterpartFunding: "500000000" }] }]
    })
    // establishments: extends merges deeply; a legal form of another kind replaces the base's
    expect(c.establishments["e1"]).toMatchObject({ annualRevenue: "4500000000", legalForm: { kind: "enterprise", size: "small" } })
    expect(c.establishments["e2"]).toMatchObject({ name: "Cơ sở B", legalForm: { kind: "cooperative" }, location: { provinceCode: "12" } })
    expect((c.establishments["e2"] as { legalForm: object }).legalForm).not.toHaveProperty("size")
  })

  it("reads money written in words, with Vietnamese grouping, and as whole numbers", () => {
    const f = parsed(
      file(`
  - name: Money forms
    proposal:
      activities:
        - activity: machinery
          costLines:
            - item: machinery.equipment
              quantity: 3
              unitCost: 1.500
              requestedSupport: 1 tỷ 350 triệu
              total: 4.500
              counterpartFunding: 0
    expect:
      total: 1,5 tỷ
      payable: 900 triệu
      support:
        - { line: 1, support: "1,35 tỷ" }
        - { line: 1, support: 300.000.000 đồng }
        - { line: 1, support: 2 triệu 500 nghìn }
        - { line: 1, support: 750000000 }
`)
    )
    const c = f.cases[0] as Cases.Case
    expect(c.expect.total).toBe(1_500_000_000n)
    expect(c.expect.payable).toBe(900_000_000n)
    expect(c.expect.support?.map((l) => l.support)).toEqual([1_350_000_000n, 300_000_000n, 2_500_000n, 750_000_000n])
    // "1.500" is one thousand five hundred đồng, not the number 1.5
    expect(c.proposal).toMatchObject({ activities: [{ costLines: [{ unitCost: "1500", total: "4500", requestedSupport: "1350000000" }] }] })
  })

  it("accepts JSON", () => {
    const json = JSON.stringify({
      defaults: { pack: "test-rules-2021-2025", date: "2023-06-30", planYear: 2023 },
      cases: [
        {
          name: "JSON case",
          proposal: {
            id: "p1",
            title: "T",
            fund: "national",
            form: { kind: "task" },
            implementingUnit: { name: "U" },
            beneficiaries: [],
            locations: [{ provinceCode: "12" }],
            duration: { start: "2023-07-01", end: "2023-12-01" },
            activities: [{ activity: "overseas-fair", costLines: [{ item: "overseas-fair.costs", total: "800 triệu", requestedSupport: "800.000.000" }] }]
          },
          expect: { total: "800 triệu", verdict: "eligible" }
        }
      ]
    })
    const results = Cases.run(parsed(json, "cases.json"), installation)
    expect(results).toEqual([{ file: "cases.json", name: "JSON case", index: 0, line: 1, passed: true, differences: [] }])
  })

  it("lets a case cancel a default with null and mark a proposal as not approved", () => {
    const f = parsed(
      file(`
  - name: Unapproved
    proposal:
      approvalDate: null${machinery("600 triệu", "300 triệu")}
    expect: { verdict: ineligible, reasons: [eligibility.approved] }
  - name: Resolved by plan year
    resolve: true
    date: null
    planYear: 2024
    proposal:
      approvalDate: 2024-02-01${machinery("600 triệu", "300 triệu")}
    expect: { total: 300 triệu }
`)
    )
    expect(f.cases[0]?.proposal).not.toHaveProperty("approvalDate")
    expect(f.cases[1]).toMatchObject({ resolve: true, planYear: 2024 })
    expect(f.cases[1]).not.toHaveProperty("date")
    expect(f.cases[1]).not.toHaveProperty("pack")
    expect(Cases.run(f, installation).map((r) => r.passed)).toEqual([true, true])
  })
})

describe("invalid case files: every problem names the file, the line, the case and the field", () => {
  it("reports unknown fields, unreadable money, bad values and missing parts together", () => {
    const issues = problems(
      file(`
  - name: Bad money
    proposal:${machinery("3OO triệu", "100 triệu")}
    expect:
      totl: 300 triệu
      verdict: approved
      total: 1.5 tỷ
  - name: No expect
    proposal:${machinery("600 triệu", "300 triệu")}
  - description: no name
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { total: 1 }
`),
      "cases/bad.yaml"
    )
    const byCode = (code: string) => issues.filter((i) => i.code === code).map((i) => i.message)
    const base = file("").split("\n").length
    expect(byCode("cases/invalid-money")).toEqual([
      expect.stringMatching(new RegExp(`^cases/bad\\.yaml:${base + 6}: case "Bad money", field proposal\\.activities\\[0\\]\\.costLines\\[0\\]\\.total: Cannot read the amount \\(số tiền\\) "3OO triệu"`)),
      expect.stringMatching(/^cases\/bad\.yaml:\d+: case "Bad money", field expect\.total: .*"1\.5" does not group thousands/)
    ])
    expect(byCode("cases/unknown-field")).toEqual([expect.stringMatching(/^cases\/bad\.yaml:\d+: case "Bad money", field expect\.totl: "totl" is not a field of expect/)])
    expect(byCode("cases/invalid-value")).toEqual([expect.stringMatching(/case "Bad money", field expect\.verdict: expected eligible, ineligible, not-applicable, got "approved"/)])
    expect(byCode("cases/missing-field")).toEqual([
      expect.stringMatching(/case "No expect", field expect: every case needs an expect/),
      expect.stringMatching(/case "#3", field name: every case needs a name/)
    ])
  })

  it("reports YAML syntax errors with their line", () => {
    const issues = problems("cases:\n  - name: x\n    description: a: b\n", "syntax.yaml")
    expect(issues[0]?.code).toBe("cases/syntax")
    expect(issues[0]?.message).toMatch(/^syntax\.yaml:3: not valid YAML or JSON/)
  })

  it("refuses files that are not case files", () => {
    expect(problems("- name: a\n", "list.yaml")[0]?.message).toMatch(/list\.yaml: write the cases under a "cases:" key/)
    expect(problems("title: nothing\n", "empty.yaml")[0]?.code).toBe("cases/not-a-case-file")
    expect(problems("cases: []\n", "none.yaml")[0]?.message).toMatch(/none\.yaml:1: field cases: expected a non-empty list of cases/)
  })

  it("explains an amount split at its comma inside { }", () => {
    const issues = problems(
      file(`
  - name: Split
    proposal:
      activities:
        - activity: machinery
          costLines:
            - { item: machinery.equipment, total: 1,5 tỷ, requestedSupport: 300 triệu }
    expect:
      support:
        - { item: machinery.equipment, support: 1,5 tỷ }
`)
    )
    expect(issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/field proposal\.activities\[0\]\.costLines\[0\]\.5 tỷ: "5 tỷ" is not a field: an amount with a comma inside \{ … \} must be quoted/),
      expect.stringMatching(/field expect\.support\[0\]\.5 tỷ: "5 tỷ" is not a field: an amount with a comma inside \{ … \} must be quoted/)
    ])
  })

  it("checks pack choice, dates, line selectors, extends, duplicate names and error-only expectations", () => {
    const issues = problems(
      file(`
  - name: Both
    resolve: true
    pack: test-rules-2021-2025
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { total: 1 }
  - name: Dates
    date: 31/02/2023
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { error: resolution/no-pack, total: 1 }
  - name: Lines
    establishments:
      - { id: e3, extends: e9 }
    proposal:${machinery("600 triệu", "300 triệu")}
    expect:
      support:
        - { item: demo-model.new-technology, support: 1 }
        - { line: 0, support: 1 }
        - { item: machinery.equipment }
  - name: Lines
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { total: 1 }
`)
    )
    const messages = issues.map((i) => `${i.code} ${i.message}`)
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^cases\/conflict .*case "Both", field resolve: give either pack/),
        expect.stringMatching(/^cases\/invalid-date .*case "Dates", field date: date \(ngày\) "31\/02\/2023" does not exist/),
        expect.stringMatching(/^cases\/conflict .*case "Dates", field expect\.total: a case that expects an error checks nothing else/),
        expect.stringMatching(/^cases\/unknown-establishment .*case "Lines", field establishments\[0\]\.extends: no establishment "e9"/),
        expect.stringMatching(/^cases\/no-line .*case "Lines", field expect\.support\[0\]: no cost line of the proposal matches \[demo-model\.new-technology\]/),
        expect.stringMatching(/^cases\/invalid-value .*case "Lines", field expect\.support\[1\]\.line: expected a line number from 1/),
        expect.stringMatching(/^cases\/missing-field .*case "Lines", field expect\.support\[2\]\.support: say what to check on the line/),
        expect.stringMatching(/^cases\/duplicate-name .*case "Lines", field name: the name is already used by case 3/)
      ])
    )
  })
})

describe("running cases", () => {
  it("passes when the actual output matches, field by field", () => {
    const results = runText(
      file(`
  - name: Machinery cap binds
    proposal:${machinery("1 tỷ", "500 triệu")}
    expect:
      verdict: eligible
      reasons: { failed: [], passed: [eligibility.legal-form, eligibility.approved], notApplicable: [eligibility.mining-area] }
      support:
        - { item: machinery.equipment, activity: machinery, beneficiary: e1, support: 300 triệu, binding: absolute-cap, rateCap: 500 triệu, absoluteCap: 300 triệu, layer: national, grade: secondary }
      total: 300 triệu
      payable: 300 triệu
      multiplierApplied: false
      priority: { area: none, industry: industry.sectors, unranked: false }
`)
    )
    expect(results).toEqual([expect.objectContaining({ name: "Machinery cap binds", passed: true, differences: [] })])
  })

  it("lists every difference between a deliberately wrong expectation and the actual output", () => {
    const [r] = runText(
      file(`
  - name: Wrong on purpose
    proposal:${machinery("1 tỷ", "500 triệu")}
    expect:
      verdict: ineligible
      reasons: { failed: [eligibility.location], passed: [eligibility.mining-area] }
      support:
        - { line: 1, support: 450 triệu, binding: rate, layer: lai-chau-test }
      total: 450 triệu
      priority: { area: area.poor-district }
`)
    )
    expect(r?.passed).toBe(false)
    expect(r?.differences).toEqual([
      { field: "verdict", expected: "ineligible", actual: "eligible" },
      { field: "reasons.failed", expected: "eligibility.location", actual: "(none)" },
      { field: "reasons.passed", expected: "eligibility.mining-area passed", actual: "eligibility.mining-area not-applicable" },
      { field: "support[line 1].support", expected: "450.000.000 ₫", actual: "300.000.000 ₫" },
      { field: "support[line 1].binding", expected: "rate", actual: "absolute-cap" },
      { field: "support[line 1].layer", expected: "lai-chau-test", actual: "national" },
      { field: "total", expected: "450.000.000 ₫", actual: "300.000.000 ₫" },
      { field: "priority.area", expected: "area.poor-district", actual: "none" }
    ])
    const printed = Cases.formatResult(r as Cases.CaseResult)
    expect(printed).toMatch(/^✗ test\.yaml:\d+ › Wrong on purpose\n/)
    expect(printed).toContain("    total: expected 450.000.000 ₫, actual 300.000.000 ₫")
  })

  it("checks failing rules per establishment in a group", () => {
    const results = runText(
      file(`
  - name: Group with an ineligible member
    establishments:
      - { id: e2, extends: e2, legalForm: { kind: large-enterprise } }
    proposal:
      form: { kind: group, beneficiaryIds: [e1, e2] }
      beneficiaries: [e1, e2]
      activities:
        - activity: machinery
          costLines:
            - { item: machinery.equipment, beneficiaryId: e1, total: 600 triệu, requestedSupport: 300 triệu }
            - { item: machinery.equipment, beneficiaryId: e2, total: 600 triệu, requestedSupport: 300 triệu }
    expect:
      verdict: ineligible
      reasons: { failed: [eligibility.legal-form@e2], passed: [eligibility.legal-form@e1] }
      support:
        - { item: machinery.equipment, beneficiary: e2, support: 300 triệu }
      total: 600 triệu
      payable: 0
  - name: Wrong subject
    establishments:
      - { id: e2, extends: e2, legalForm: { kind: large-enterprise } }
    proposal:
      form: { kind: group, beneficiaryIds: [e1, e2] }
      beneficiaries: [e1, e2]${machinery("600 triệu", "300 triệu").replace("machinery.equipment,", "machinery.equipment, beneficiaryId: e1,")}
    expect:
      reasons: [eligibility.legal-form@e1]
`)
    )
    expect(results[0]).toMatchObject({ passed: true })
    expect(results[1]?.differences).toEqual([{ field: "reasons.failed", expected: "eligibility.legal-form@e1", actual: "eligibility.legal-form@e2" }])
  })

  it("matches expected error codes and reports unexpected ones", () => {
    const results = runText(
      file(`
  - name: Too late
    date: 2025-10-15
    planYear: 2025
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { error: resolution/no-pack }
  - name: Too late but expecting support
    date: 2025-10-15
    planYear: 2025
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { total: 300 triệu }
  - name: Expecting an error that does not come
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { error: resolution/no-pack }
  - name: Issue codes of a validation error match
    proposal:
      activities:
        - activity: machinery
          costLines:
            - { item: machinery.equipment, quantity: 2, unitCost: 300 triệu, total: 700 triệu, requestedSupport: 300 triệu }
    expect: { error: proposal/total-mismatch }
  - name: Resolved by date among the installed packs
    resolve: true
    date: 2020-12-31
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { error: resolution/no-pack }
`)
    )
    expect(results.map((r) => r.passed)).toEqual([true, false, false, true, true])
    expect(results[1]?.differences).toEqual([{ field: "error", expected: "no error", actual: expect.stringMatching(/^resolution\/no-pack: No rule pack \(bộ quy tắc\) governs the decision date 2025-10-15/) }])
    expect(results[2]?.differences).toEqual([{ field: "error", expected: "resolution/no-pack", actual: "no error: verdict eligible, total 300.000.000 ₫" }])
  })

  it("checks the error's message too, and prints the expected and the actual message when they differ", () => {
    const results = runText(
      file(`
  - name: Right code and message
    date: 2025-10-15
    planYear: 2025
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { error: { code: resolution/no-pack, message: governs the decision date 2025-10-15 } }
  - name: Right code, wrong message
    date: 2025-10-15
    planYear: 2025
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { error: { code: resolution/no-pack, message: governs the decision date 2031-01-01 } }
  - name: No error at all
    proposal:${machinery("600 triệu", "300 triệu")}
    expect: { error: { code: resolution/no-pack, message: no pack } }
`)
    )
    expect(results.map((r) => r.passed)).toEqual([true, false, false])
    expect(results[1]?.differences).toEqual([
      {
        field: "error",
        expected: 'resolution/no-pack: message containing "governs the decision date 2031-01-01"',
        actual: expect.stringMatching(/^resolution\/no-pack: No rule pack \(bộ quy tắc\) governs the decision date 2025-10-15/)
      }
    ])
    expect(results[2]?.differences).toEqual([{ field: "error", expected: 'resolution/no-pack: message containing "no pack"', actual: "no error: verdict eligible, total 300.000.000 ₫" }])
  })

  it("applies overlays to local-fund proposals and inline reforms, and reports unknown packs and overlays", () => {
    const results = runText(
      file(`
  - name: Local fund in Lai Châu
    overlay: lai-chau-test
    date: 2025-06-02
    planYear: 2025
    proposal:
      fund: local
      activities:
        - activity: demo-model
          costLines:
            - { item: demo-model.new-technology, total: 2 tỷ, requestedSupport: 1 tỷ }
    expect:
      support:
        - { item: demo-model.new-technology, support: 500 triệu, binding: absolute-cap, layer: lai-chau-test }
  - name: National fund in Lai Châu
    overlay: lai-chau-test
    date: 2025-06-02
    planYear: 2025
    proposal:
      activities:
        - activity: demo-model
          costLines:
            - { item: demo-model.new-technology, total: 2 tỷ, requestedSupport: 1 tỷ }
    expect:
      support:
        - { item: demo-model.new-technology, support: 600 triệu, binding: rate, layer: national }
  - name: Reform
    reform:
      id: cap-600
      title: Machinery cap 600 million
      overrides:
        - { parameter: support.machinery.cap, from: 2023-01-01, value: 600 triệu }
        - { parameter: support.machinery.rate, from: 2023-01-01, to: 2023-12-31, value: 60% }
    proposal:${machinery("2 tỷ", "1 tỷ")}
    expect:
      support:
        - { line: 1, support: 600 triệu, rateCap: "1,2 tỷ", layer: cap-600, grade: unconfirmed }
  - name: Unreadable reform value
    reform:
      overrides:
        - { parameter: support.machinery.cap, from: 2023-01-01, value: lots }
    proposal:${machinery("2 tỷ", "1 tỷ")}
    expect: { total: 1 }
  - name: Unknown pack
    pack: vn-khuyen-cong-2099
    proposal:${machinery("2 tỷ", "1 tỷ")}
    expect: { total: 1 }
  - name: Unknown overlay
    overlay: ha-noi-01-2025
    proposal:${machinery("2 tỷ", "1 tỷ")}
    expect: { total: 1 }
`)
    )
    expect(results.slice(0, 3).map((r) => r.differences)).toEqual([[], [], []])
    expect(results[3]?.differences).toEqual([
      { field: "reform.overrides[0].value", expected: "a value for parameter support.machinery.cap", actual: expect.stringMatching(/^"lots": Cannot read the amount/) }
    ])
    expect(results[4]?.differences).toEqual([{ field: "pack", expected: 'an installed pack "vn-khuyen-cong-2099"', actual: "installed: test-rules-2021-2025" }])
    expect(results[5]?.differences).toEqual([{ field: "overlay", expected: 'an installed overlay "ha-noi-01-2025"', actual: "installed: lai-chau-test" }])
  })

  it("applies the priority multiplier when a case asks for it", () => {
    const [r] = runText(
      file(`
  - name: Highland, multiplier applied
    applyPriorityMultiplier: true
    establishments:
      - { id: e1, extends: e1, location: { highland: true } }
    proposal:${machinery("1 tỷ", "800 triệu")}
    expect:
      multiplierApplied: true
      priority: { area: area.highland-island-border-ethnic }
      support:
        - { line: 1, support: 450 triệu, rateCap: 750 triệu }
`)
    )
    expect(r?.differences).toEqual([])
  })

  it("summarises a run of many files, counting unreadable files apart", () => {
    const good = file(`
  - name: Passes
    proposal:${machinery("1 tỷ", "500 triệu")}
    expect: { total: 300 triệu }
  - name: Fails
    proposal:${machinery("1 tỷ", "500 triệu")}
    expect: { total: 200 triệu }
`)
    const report = Cases.runSources(
      [
        { file: "a.yaml", text: good },
        { file: "b.yaml", text: "cases: [" }
      ],
      installation
    )
    expect(report).toMatchObject({ passed: 1, failed: 1 })
    expect(report.fileErrors.map((f) => f.file)).toEqual(["b.yaml"])
    const text = Cases.report(report)
    expect(text.split("\n").at(-1)).toBe("1 passed, 1 failed")
    expect(text).toContain("1 case file could not be read")
    expect(text).toMatch(/✗ a\.yaml:\d+ › Fails\n {4}total: expected 200\.000\.000 ₫, actual 300\.000\.000 ₫/)
    expect(Cases.report(report, { verbose: true })).toMatch(/✓ a\.yaml:\d+ › Passes/)
    expect(Cases.summary({ passed: 0, failed: 0 })).toBe("0 passed, 0 failed")
  })

  it("refuses to install the same pack twice", () => {
    const r = Cases.install([{ pack: definition }, { pack: definition }])
    expect(r.ok ? undefined : r.error.code).toBe("cases/duplicate-pack")
  })
})

// ---------------------------------------------------------------------------------------------
// The command line, as a child process over a temporary directory

const root = fileURLToPath(new URL("../../..", import.meta.url))
const cli = path.join(root, "packages/cases/dist/cli/cases.js")

/** A rule pack module as a plain data file (the command imports it). */
const packModule = `
const c = { instrument: { number: "28/2018/TT-BTC", kind: "circular", issuer: "test", title: "test", effective: "2018-05-11" }, grade: "secondary", article: "8", clause: "4" }
const param = (id, value) => ({ id, description: id, values: [{ from: "2018-05-11", value, citation: c }] })
export const pack = {
  id: "cli-test-pack", version: "1.0.0", title: "CLI test pack", instruments: [c.instrument],
  governs: { decisions: { start: "2021-01-01", end: "2025-10-14" }, planYears: { from: 2021, to: 2025 } },
  parameters: {
    "support.machinery.rate": param("support.machinery.rate", { numerator: 1n, denominator: 2n }),
    "support.machinery.cap": param("support.machinery.cap", 300000000n),
    "advance.first": param("advance.first", { numerator: 7n, denominator: 10n })
  },
  activities: [{ code: "machinery", name: "Machinery", nameVi: "Máy móc", citation: c, advanceTier: "t",
    items: [{ code: "machinery.equipment", name: "Equipment", nameVi: "Thiết bị", citation: c,
      cap: { kind: "rate-and-amount", rate: "support.machinery.rate", amount: "support.machinery.cap", unit: "per-establishment" } }] }],
  areaPriorities: [], industryPriorities: [],
  advances: { tiers: [{ id: "t", name: "70 %", firstAdvance: "advance.first", condition: { kind: "none" }, citation: c }], remainder: { condition: { kind: "base-acceptance" }, citation: c } },
  calendar: [],
  eligibility: [{ id: "eligibility.approved", kind: "approved", name: "Approved", nameVi: "Được phê duyệt", parameters: {}, citation: c }]
}
`

const cliCases = (cases: string): string =>
  file(cases).replace("pack: test-rules-2021-2025", "pack: cli-test-pack")

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

const runCli = (args: ReadonlyArray<string>, cwd: string): Promise<Run> =>
  new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, encoding: "utf8" }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1
      resolve({ code, stdout, stderr })
    })
  })

describe("the khuyencong-cases command", () => {
  let dir: string

  beforeAll(() => {
    // Build the command. Type errors elsewhere in core or this package do not stop tsc -b from
    // emitting, and are not this test's concern; the command must exist afterwards.
    spawnSync(process.platform === "win32" ? "npx.cmd" : "npx", ["tsc", "-b", "packages/cases"], { cwd: root, stdio: "pipe" })
    if (!existsSync(cli)) throw new Error(`the build did not produce ${cli}`)
    dir = mkdtempSync(path.join(tmpdir(), "khuyencong-cases-"))
    writeFileSync(path.join(dir, "pack.mjs"), packModule)
    mkdirSync(path.join(dir, "ok", "nested"), { recursive: true })
    writeFileSync(
      path.join(dir, "ok", "machinery.yaml"),
      cliCases(`
  - name: Machinery cap binds
    proposal:${machinery("1 tỷ", "500 triệu")}
    expect: { verdict: eligible, total: 300 triệu }
`)
    )
    writeFileSync(
      path.join(dir, "ok", "nested", "half.yml"),
      cliCases(`
  - name: Half the cost
    proposal:${machinery("400 triệu", "400 triệu")}
    expect: { total: 200 triệu }
`)
    )
    writeFileSync(path.join(dir, "ok", "notes.txt"), "not a case file")
    mkdirSync(path.join(dir, "wrong"))
    writeFileSync(
      path.join(dir, "wrong", "wrong.yaml"),
      cliCases(`
  - name: Right
    proposal:${machinery("1 tỷ", "500 triệu")}
    expect: { total: 300 triệu }
  - name: Deliberately wrong
    proposal:${machinery("1 tỷ", "500 triệu")}
    expect:
      total: 450 triệu
      support:
        - { item: machinery.equipment, binding: rate }
`)
    )
    mkdirSync(path.join(dir, "broken"))
    writeFileSync(path.join(dir, "broken", "broken.yaml"), "cases:\n  - name: [unclosed\n")
  }, 180_000)

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it("exits 0 when every case passes, searching directories recursively", async () => {
    const r = await runCli(["--pack", "./pack.mjs", "ok"], dir)
    expect(r.stdout.trim()).toBe("2 passed, 0 failed")
    expect(r.code).toBe(0)
    const verbose = await runCli(["--pack=./pack.mjs", "--verbose", "ok"], dir)
    expect(verbose.stdout).toContain(`✓ ${path.join("ok", "machinery.yaml")}`)
    expect(verbose.stdout).toContain(`✓ ${path.join("ok", "nested", "half.yml")}`)
  })

  it("prints each difference and exits non-zero on a wrong expectation", async () => {
    const r = await runCli(["--pack", "./pack.mjs", "wrong"], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`✗ ${path.join("wrong", "wrong.yaml")}:`)
    expect(r.stdout).toContain("› Deliberately wrong")
    expect(r.stdout).toContain("    support[machinery.equipment].binding: expected rate, actual absolute-cap")
    expect(r.stdout).toContain("    total: expected 450.000.000 ₫, actual 300.000.000 ₫")
    expect(r.stdout).not.toContain("› Right")
    expect(r.stdout.trim().split("\n").at(-1)).toBe("1 passed, 1 failed")
  })

  it("exits non-zero on an unreadable case file or a missing path", async () => {
    const r = await runCli(["--pack", "./pack.mjs", "ok", "broken", "missing.yaml"], dir)
    expect(r.code).toBe(1)
    expect(r.stdout).toContain(`case file ${path.join("broken", "broken.yaml")} is not valid`)
    expect(r.stdout).toContain("case file missing.yaml cannot be read: no such file or directory")
    expect(r.stdout).toContain("2 case files could not be read")
    expect(r.stdout.trim().split("\n").at(-1)).toBe("2 passed, 0 failed")
  })

  it("exits 2 on usage errors and packs that cannot be loaded", async () => {
    expect((await runCli(["ok"], dir)).code).toBe(2)
    const noPaths = await runCli(["--pack", "./pack.mjs"], dir)
    expect(noPaths.code).toBe(2)
    expect(noPaths.stderr).toContain("give the case files or directories to run")
    const unknown = await runCli(["--pack", "@khuyencong/no-such-pack", "ok"], dir)
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toMatch(/cannot find pack module "@khuyencong\/no-such-pack"/)
    expect((await runCli(["--help"], dir)).stdout).toContain("Usage: khuyencong-cases")
  })
})
