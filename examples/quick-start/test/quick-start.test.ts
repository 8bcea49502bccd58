/**
 * The quick start's figures, computed by hand from the legal levels (never copied from the
 * program's output), so that the example keeps telling the truth as the library changes.
 */
import { Appraisal } from "@khuyencong/core"
import { describe, expect, it } from "vitest"
import { quickStart } from "../main.js"

const r = quickStart()
const row = (id: string) => {
  const x = Appraisal.get(r.appraisal, id)
  if (x === undefined) throw new Error(`no row ${id}`)
  return x
}
const allocated = (id: string) => row(id).outcome

describe("quick start on the Đồng Tháp 2024 register", () => {
  it("lists the two data errors with their paths and does not evaluate those records", () => {
    expect(r.register.problems.map((p) => [p.record, p.path, p.code])).toEqual([
      ["proposals[10]", "activities.0.costLines.0.unitCost", "money/unparseable"],
      ["proposals[11]", "activities.0.costLines.0.total", "proposal/total-mismatch"]
    ])
    expect(r.appraisal.proposals).toHaveLength(10)
  })

  it("finds the two ineligible proposals and why", () => {
    const failed = (id: string) => row(id).evaluation.eligibility.establishments.flatMap((e) => e.conditions.filter((c) => c.status === "failed").map((c) => c.rule))
    expect(row("DT-2024-QG-08").evaluation.verdict).toBe("ineligible")
    expect(failed("DT-2024-QG-08")).toEqual(["eligibility.legal-form"]) // large enterprise
    expect(row("DT-2024-QG-09").evaluation.verdict).toBe("ineligible")
    expect(failed("DT-2024-QG-09")).toEqual(["eligibility.industry-exclusion"]) // ring-kiln bricks
    expect(r.appraisal.totals.eligible).toBe(8)
    // never ranked, never funded
    expect([row("DT-2024-QG-08"), row("DT-2024-QG-09")].map((x) => [x.decision, x.ranked, x.allocated])).toEqual([
      ["ineligible", undefined, 0n],
      ["ineligible", undefined, 0n]
    ])
  })

  it.each([
    // group: 3 × min(50 % × 700.000.000 = 350.000.000, 300.000.000)
    ["DT-2024-QG-01", 900_000_000n, ["absolute-cap"]],
    // demonstration model: min(30 % × 3.500.000.000 = 1.050.000.000, 1.000.000.000)
    ["DT-2024-QG-02", 1_000_000_000n, ["absolute-cap"]],
    // technology line: min(50 % × 1.200.000.000 = 600.000.000, 1,5 × 300.000.000 = 450.000.000)
    ["DT-2024-QG-03", 450_000_000n, ["absolute-cap"]],
    // machinery: min(50 % × 500.000.000 = 250.000.000, 300.000.000, requested 220.000.000)
    ["DT-2024-QG-04", 220_000_000n, ["request"]],
    // trademark min(50 % × 80.000.000, 35.000.000) + consultancy min(50 % × 60.000.000, 35.000.000)
    ["DT-2024-QG-05", 65_000_000n, ["absolute-cap", "rate"]],
    // media: 100 % of 150.000.000
    ["DT-2024-QG-06", 150_000_000n, ["rate"]],
    // replication: min(30 % × 300.000.000 = 90.000.000, 100.000.000)
    ["DT-2024-QG-07", 90_000_000n, ["rate"]],
    // local fund, Đồng Tháp's level: min(50 % × 800.000.000, 300.000.000)
    ["DT-2024-DP-01", 300_000_000n, ["absolute-cap"]]
  ] as const)("%s gets %s đồng of support", (id, total, bindings) => {
    const s = row(id).evaluation.support
    expect(s.total).toBe(total)
    expect(s.lines.map((l) => l.binding)).toEqual(id === "DT-2024-QG-01" ? [...bindings, ...bindings, ...bindings] : bindings)
  })

  it("uses the province's level only for the local-fund proposal", () => {
    expect(row("DT-2024-DP-01").evaluation.support.lines[0]?.layer).toBe("dong-thap-08-2024")
    expect(row("DT-2024-QG-04").evaluation.support.lines[0]?.layer).toBe("national")
  })

  it("ranks by area class, then industry class, then submission date", () => {
    expect(Appraisal.fund(r.appraisal, "national")?.ranking.map((x) => x.proposalId)).toEqual([
      "DT-2024-QG-02", // border district: area 1
      "DT-2024-QG-03", // new-rural commune (area 3), local raw materials > 50 % (industry 1)
      "DT-2024-QG-04", // area 3, industry 2, submitted 12/06/2023
      "DT-2024-QG-01", // area 3, industry 2, submitted 20/06/2023
      "DT-2024-QG-07", // area 3, industry 2, submitted 05/07/2023
      "DT-2024-QG-05", // no area, export contract (industry 1)
      "DT-2024-QG-06" // a task without beneficiaries: no class
    ])
  })

  it("allocates 2.600.000.000 đồng of national funds and 250.000.000 đồng of local funds under partial-marginal", () => {
    const national = Appraisal.fund(r.appraisal, "national")?.allocation
    // 1.000 + 450 + 220 + 900 = 2.570 million funded; the 30 million left is below half of every other request
    expect(national?.totals).toMatchObject({ envelope: 2_600_000_000n, allocated: 2_570_000_000n, unallocated: 30_000_000n })
    for (const id of ["DT-2024-QG-07", "DT-2024-QG-05", "DT-2024-QG-06"])
      expect(allocated(id)).toMatchObject({ allocated: 0n, status: "unfunded", constraint: "minimum-share" })
    // 250 of 300 million ≥ 50 %: partly funded
    expect(allocated("DT-2024-DP-01")).toMatchObject({ allocated: 250_000_000n, status: "partly-funded", constraint: "envelope" })
  })

  it("prints the table, the totals in vi-VN and the citations of two binding caps", () => {
    expect(r.text).toContain("allocated in total (tổng kinh phí phân bổ): 2.820.000.000 ₫ (2,82 tỷ đồng)")
    expect(r.text).toContain("support.machinery.cap: Circular 28/2018/TT-BTC, art. 8, cl. 4 (secondary)")
    expect(r.text).toContain("support.machinery.cap: Resolution 08/2024/NQ-HĐND (secondary)")
    expect(r.text).toMatch(/DT-2024-QG-06: support\.media\.rate = 100% \(.*\(unconfirmed\)\)/)
  })
})
