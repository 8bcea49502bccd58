/** The what-if's differences, computed by hand. */
import { describe, expect, it } from "vitest"
import { whatIf } from "../main.js"

const { comparison: c, text } = whatIf()
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
