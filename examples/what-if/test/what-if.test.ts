/** The what-if's differences, computed by hand. */
import JSZip from "jszip"
import { mkdtempSync } from "node:fs"
import { readFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { whatIf, writeWorkbook } from "../main.js"

const w = whatIf()
const { comparison: c, text } = w
const diff = (id: string) => c.proposals.find((p) => p.proposalId === id)

describe("machinery cap 500 million đồng for 2024 decisions", () => {
  it("pays the group project 3 × min(50 % × 700.000.000, 500.000.000) = 1.050.000.000", () => {
    expect(diff("DT-2024-QG-01")).toMatchObject({ a: { payable: 900_000_000n }, b: { payable: 1_050_000_000n }, difference: 150_000_000n })
  })

  it("pays the technology line min(50 % × 1.200.000.000, 1,5 × 500.000.000) = 600.000.000", () => {
    expect(diff("DT-2024-QG-03")).toMatchObject({ a: { payable: 450_000_000n }, b: { payable: 600_000_000n }, difference: 150_000_000n })
  })

  it("changes nothing bound by the request, by another item, or by the province's own level", () => {
    for (const id of ["DT-2024-QG-02", "DT-2024-QG-04", "DT-2024-QG-05", "DT-2024-DP-01"]) expect(diff(id)?.difference).toBe(0n)
    // ineligible proposals stay at 0
    expect(diff("DT-2024-QG-08")).toMatchObject({ a: { verdict: "ineligible", payable: 0n }, b: { payable: 0n } })
  })

  it("adds 300.000.000 đồng in total", () => {
    expect(c.total).toEqual({ a: 3_175_000_000n, b: 3_475_000_000n, difference: 300_000_000n })
    expect(c.changed).toBe(2)
    expect(text).toContain("what-if:machinery-cap-500m-2024 (unconfirmed)")
  })
})

describe("policy analysis of the reform over the register", () => {
  const e = w.analysis.comparison.effect
  it("puts the 300.000.000 on machinery: 150.000.000 on equipment (the group), 150.000.000 on the technology line", () => {
    expect(e.byActivity.find((r) => r.key === "machinery")).toMatchObject({ a: 1_870_000_000n, b: 2_170_000_000n, difference: 300_000_000n })
    expect(e.byItem.filter((r) => r.difference !== 0n).map((r) => [r.key, r.difference])).toEqual([
      ["machinery.equipment", 150_000_000n],
      ["machinery.technology-line", 150_000_000n]
    ])
    // the local fund keeps Đồng Tháp's own cap
    expect(e.byFund).toEqual([
      { key: "local", a: 300_000_000n, b: 300_000_000n, difference: 0n },
      { key: "national", a: 2_875_000_000n, b: 3_175_000_000n, difference: 300_000_000n }
    ])
    expect(text).toContain("Assumption on applicants' behaviour: requests held fixed")
  })

  it("under the plan's 2.850.000.000 the two larger amounts push QG-04 and QG-06 out, and QG-07's 90.000.000 fits", () => {
    // now, in register order: 900 + 0 + 450 + 220 + … = 2.785.000.000 allocated; with the reform 1.050 + 600 take the room
    expect(w.analysis.allocation?.before.counts).toEqual({ funded: 6, partlyFunded: 0, unfunded: 2, nothingPayable: 2, allocated: 2_785_000_000n })
    expect(w.analysis.allocation?.after.counts).toEqual({ funded: 5, partlyFunded: 0, unfunded: 3, nothingPayable: 2, allocated: 2_805_000_000n })
    expect(w.analysis.allocation?.moves.map((m) => [m.proposalId, m.before, m.after])).toEqual([
      ["DT-2024-QG-01", "funded", "funded"],
      ["DT-2024-QG-03", "funded", "funded"],
      ["DT-2024-QG-04", "funded", "unfunded"],
      ["DT-2024-QG-06", "funded", "unfunded"],
      ["DT-2024-QG-07", "unfunded", "funded"]
    ])
  })

  it("names the one parameter that differs, with both citations", () => {
    expect(w.diff.parameters.map((p) => [p.id, p.a?.value, p.b?.value, p.a?.citation.instrument.number, p.b?.citation.grade])).toEqual([
      ["support.machinery.cap", 300_000_000n, 500_000_000n, "28/2018/TT-BTC", "unconfirmed"]
    ])
    expect(w.diff.rules).toEqual([])
  })

  it("writes a workbook whose bar chart reads the by-activity cells", async () => {
    const file = await writeWorkbook(w, join(mkdtempSync(join(tmpdir(), "what-if-")), "analysis.xlsx"))
    const zip = await JSZip.loadAsync(await readFile(file))
    const chart = await zip.file("xl/charts/chart1.xml")?.async("string")
    expect(chart).toContain("<c:barChart>")
    expect(chart).toContain("<c:f>'Theo nội dung'!$C$4:$C$8</c:f>")
    expect(chart).toContain("<c:v>2170000000</c:v>")
    expect(await zip.file("[Content_Types].xml")?.async("string")).toContain("/xl/charts/chart1.xml")
    expect(await zip.file("xl/worksheets/sheet1.xml")?.async("string")).toContain('<drawing r:id="rIdKcDrawing1"/>')
  })
})
