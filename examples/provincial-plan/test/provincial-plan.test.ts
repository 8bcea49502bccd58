/**
 * The provincial-plan example, run in-process on PGlite in memory with its reports in a
 * temporary folder. Expected figures are worked out by hand from the register and the legal
 * levels (see ../README.md, "What it finds"), never copied from the program's output.
 */
import { Xlsx } from "@khuyencong/adapters-excel"
import { Money } from "@khuyencong/core"
import { pack as rules2021 } from "@khuyencong/rules-2021-2025"

const { activities } = rules2021
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { examplesDir } from "../../shared/register.js"
import { run, type Summary } from "../main.js"

// exceljs is the adapter's dependency, not the examples': load it from there (after the adapter,
// which must come first; see packages/adapters-excel/README.md).
const ExcelJS = createRequire(join(examplesDir(), "..", "packages", "adapters-excel", "package.json"))("exceljs") as {
  Workbook: new () => {
    xlsx: { readFile: (path: string) => Promise<unknown> }
    worksheets: ReadonlyArray<{ name: string; rowCount: number; getRow: (n: number) => { values: ReadonlyArray<unknown> } }>
  }
}

const M = (n: bigint): Money.Money => Money.make(n * 1_000_000n)

let out: string
let s: Summary

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "provincial-plan-"))
  s = await run({ outDir: out, database: { kind: "memory" }, write: null })
})

afterAll(() => {
  rmSync(out, { recursive: true, force: true })
})

describe("provincial plan, Đồng Tháp 2024", () => {
  it("uses PGlite in memory", () => {
    expect(s.database).toEqual({ driver: "pglite", where: "PGlite in memory" })
  })

  it("imports 38 proposal rows, 33 valid, and lists every data error with sheet, row and column", () => {
    expect(s.import.sheet).toBe("Biểu 01")
    expect(s.import.proposalRows).toBe(38)
    expect(s.import.imported).toBe(33)
    expect(s.import.skipped).toBe(2) // the group rows "I" and "II"
    expect(s.import.errorCodes).toEqual([
      "import/bad-amount", // "5OO.000.000": letter O for zero
      "import/empty-required", // no implementing unit
      "import/unknown-activity", // "Phát triển du lịch làng nghề"
      "import/duplicate-row", // DT-2024-QG-09 typed twice
      "import/empty-required", // DP-15: total empty
      "import/empty-required" // DP-15: support empty
    ])
    expect(s.import.errors.map((e) => `${e.sheet}!${e.column}${e.row}`)).toEqual([
      "Biểu 01!K24",
      "Biểu 01!G25",
      "Biểu 01!D26",
      "Biểu 01!B27",
      "Biểu 01!K43",
      "Biểu 01!L43"
    ])
    expect(s.evaluated).toBe(33)
  })

  it("finds the ineligible proposals: three large enterprises and a ring-kiln brick works", () => {
    expect(s.ineligible).toEqual(["DT-2024-QG-08", "DT-2024-QG-18", "DT-2024-QG-19", "DT-2024-DP-10"])
    expect(s.eligible).toHaveLength(29)
  })

  it("allocates within each envelope, the totals being the sums of the allocations", () => {
    for (const f of s.funds) {
      expect(f.allocated <= f.envelope).toBe(true)
      expect(f.sumOfOutcomes).toBe(f.allocated)
      expect(f.allocated + f.unallocated).toBe(f.envelope)
    }
    const national = s.funds.find((f) => f.fund === "national")
    const local = s.funds.find((f) => f.fund === "local")
    // national: 13 proposals in full (4.162,8 million), then DT-2024-QG-12 gets the remaining
    // 237,2 million rounded down to the million (≥ half of its 400 million: partial-marginal)
    expect(national?.envelope).toBe(M(4_400n))
    expect(national?.allocated).toBe(M(4_399n) + 800_000n)
    expect(national?.partlyFunded).toEqual(["DT-2024-QG-12"])
    expect(national?.funded).toHaveLength(13)
    // local: 300 + 330 + 225 + 300 + 190 million; the next (300 million) does not fit the 5 left
    expect(local?.envelope).toBe(M(1_350n))
    expect(local?.allocated).toBe(M(1_345n))
    expect(local?.funded).toEqual(["DT-2024-DP-01", "DT-2024-DP-14", "DT-2024-DP-02", "DT-2024-DP-12", "DT-2024-DP-04"])
  })

  it("stores everything and keeps the ledgers", () => {
    expect(s.stored).toEqual({ establishments: 20, proposals: 33, evaluations: 33, allocations: 2, allocationsKept: 0 })
    expect(s.contracts).toHaveLength(4)
    const settled = s.contracts[0]
    expect(settled?.settled).toBe(settled?.approved)
    expect(settled?.disbursed).toBe(settled?.approved)
    // 70 % first advance of 1.000 million, then the 300 million remainder paid after acceptance
    expect(settled?.advanced).toBe(M(700n))
    expect(settled?.paid).toBe(M(300n))
  })

  it("refuses one event, the remainder advanced before base-level acceptance, with its rule", () => {
    expect(s.rejected).toHaveLength(1)
    const r = s.rejected[0]
    expect(r?.kind).toBe("advance")
    expect(r?.code).toBe("advance/remainder-before-acceptance")
    expect(r?.rule).toBe("advance.remainder-before-acceptance")
    expect(r?.citation).toContain("Circular 36/2013/TT-BCT, art. 14")
  })

  it("writes the three workbooks; the plan imports back to the funded proposals", async () => {
    for (const path of Object.values(s.reports)) expect(existsSync(path)).toBe(true)
    const plan = await Xlsx.readRegister(s.reports.plan, { activities })
    if (!plan.ok) throw plan.error
    const funded = s.funds.flatMap((f) => [...f.funded, ...f.partlyFunded]).sort()
    expect(plan.value.proposals.map((p) => p.id).sort()).toEqual(funded)

    const sheets = async (path: string): Promise<ReadonlyArray<string>> => {
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(path)
      return wb.worksheets.map((w) => w.name)
    }
    expect(await sheets(s.reports.allocation)).toEqual(["KCQG", "KCĐP"])
    expect(await sheets(s.reports.progress)).toEqual(["Theo tỉnh", "Theo nguồn", "Theo nội dung", "Theo tháng"])
  })
})

// With a PostgreSQL server in DATABASE_URL (as in .ci/run), the same run against it: schema
// khuyencong_example, kept between runs, so a rerun finds its allocations and replays its events.
const serverUrl = process.env["DATABASE_URL"] ?? ""
describe("provincial plan on the server in DATABASE_URL", () => {
  it("CI always has a server: DATABASE_URL is set whenever CI=true", () => {
    expect(process.env["CI"] !== "true" || serverUrl !== "", "CI=true but DATABASE_URL is not set: the server run would not happen").toBe(true)
  })
  it("stores on the server and reports the same figures (runs when DATABASE_URL is set)", async () => {
    if (serverUrl === "") {
      console.warn("DATABASE_URL is not set: the provincial plan ran on PGlite only, not on a server")
      expect(process.env["CI"]).not.toBe("true")
      return
    }
    const dir = mkdtempSync(join(tmpdir(), "provincial-plan-pg-"))
    try {
      const url = process.env["DATABASE_URL"] ?? ""
      const a = await run({ outDir: dir, database: { kind: "url", url }, write: null })
      const b = await run({ outDir: dir, database: { kind: "url", url }, write: null })
      for (const r of [a, b]) {
        expect(r.database.driver).toBe("pg")
        const password = new URL(url).password
        if (password !== "") expect(r.database.where).not.toContain(password)
        expect(r.funds.map((f) => f.allocated)).toEqual([M(4_399n) + 800_000n, M(1_345n)])
        expect(r.rejected.map((x) => x.rule)).toEqual(["advance.remainder-before-acceptance"])
        expect(r.contracts.map((c) => c.disbursed)).toEqual(s.contracts.map((c) => c.disbursed))
      }
      expect(b.stored.allocationsKept).toBe(2)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
