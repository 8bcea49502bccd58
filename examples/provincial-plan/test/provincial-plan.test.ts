/**
 * The provincial-plan example, run in-process on PGlite in memory with its reports in a
 * temporary folder. Expected figures are worked out by hand from the register and the legal
 * levels (see ../README.md, "What it finds"), never copied from the program's output.
 */
import { Xlsx } from "@khuyencong/adapters-excel"
import { loadMigrations, migrate, open } from "@khuyencong/adapters-postgres"
import { Appraisal, Contract, LocalDate, Money } from "@khuyencong/core"
import { PGlite } from "@electric-sql/pglite"
import { Storage } from "@khuyencong/storage"
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

// pg, like exceljs, is a dependency of an adapter: the server test drops its own schema with it.
const pg = createRequire(join(examplesDir(), "..", "packages", "adapters-postgres", "package.json"))("pg") as {
  Pool: new (o: { connectionString: string }) => { query: (sql: string) => Promise<unknown>; end: () => Promise<void> }
}

const M = (n: bigint): Money.Money => Money.make(n * 1_000_000n)

let out: string
let s: Summary

/** What a run found, in the figures the README states: the same on every database and every run. */
const figures = (r: Summary) => ({
  allocated: r.appraisal.funds.map((f) => [f.fund, f.allocation.totals.allocated]),
  contracts: r.disbursement.contracts.map((c) => [c.contractId, c.proposalId, c.approved, c.advanced, c.paid, c.disbursed, c.balances.settled, c.ledger.events.length]),
  refused: r.rejected.map((x) => [x.contractId, x.event.id, x.error.code]),
  disbursed: [r.progress.total.disbursed, r.progress.total.assigned, r.progress.total.shown?.text]
})

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), "provincial-plan-"))
  s = await run({ outDir: out, database: { kind: "memory" }, write: null })
})

afterAll(() => {
  rmSync(out, { recursive: true, force: true })
})

describe("provincial plan, Đồng Tháp 2024", () => {
  it("uses a throwaway PGlite", () => {
    expect(s.database).toEqual({ driver: "pglite", where: "PGlite, throwaway" })
  })

  it("imports 38 proposal rows, 33 valid, and lists every data error with sheet, row and column", () => {
    expect(s.import.sheet).toBe("Biểu 01")
    expect(s.import.proposalRows).toBe(38)
    expect(s.import.imported).toBe(33)
    expect(s.import.skipped).toBe(2) // the group rows "I" and "II"
    expect(s.import.errors.map((e) => e.code)).toEqual([
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
    expect(s.appraisal.totals.proposals).toBe(33)
  })

  it("finds the ineligible proposals: three large enterprises and a ring-kiln brick works", () => {
    const ineligible = s.appraisal.proposals.filter((x) => x.decision === "ineligible").map((x) => x.proposal.id)
    expect(ineligible).toEqual(["DT-2024-QG-08", "DT-2024-QG-18", "DT-2024-QG-19", "DT-2024-DP-10"])
    expect(s.appraisal.totals.eligible).toBe(29)
    expect(s.appraisal.proposals.filter((x) => x.decision === "ineligible").every((x) => x.allocated === 0n && x.ranked === undefined)).toBe(true)
  })

  it("allocates within each envelope, the totals being the sums of the allocations", () => {
    for (const { allocation: { totals: t, outcomes } } of s.appraisal.funds) {
      expect(t.allocated <= t.envelope).toBe(true)
      expect(outcomes.reduce((sum, o) => sum + o.allocated, 0n)).toBe(t.allocated)
      expect(t.allocated + t.unallocated).toBe(t.envelope)
    }
    const national = Appraisal.fund(s.appraisal, "national")
    const local = Appraisal.fund(s.appraisal, "local")
    // national: 13 proposals in full (4.162,8 million), then DT-2024-QG-12 gets the remaining
    // 237,2 million rounded down to the million (≥ half of its 400 million: partial-marginal)
    expect(national?.envelope).toBe(M(4_400n))
    expect(national?.allocation.totals.allocated).toBe(M(4_399n) + 800_000n)
    expect(national?.partlyFunded).toEqual(["DT-2024-QG-12"])
    expect(national?.funded).toHaveLength(13)
    // local: 300 + 330 + 225 + 300 + 190 million; the next (300 million) does not fit the 5 left
    expect(local?.envelope).toBe(M(1_350n))
    expect(local?.allocation.totals.allocated).toBe(M(1_345n))
    expect(local?.funded).toEqual(["DT-2024-DP-01", "DT-2024-DP-14", "DT-2024-DP-02", "DT-2024-DP-12", "DT-2024-DP-04"])
  })

  it("stores everything and keeps the ledgers", () => {
    expect(s.stored).toEqual({ establishments: 20, proposals: 33, evaluations: 33, allocations: 2, allocationsKept: 0, contractsKept: 0 })
    expect(s.disbursement.contracts).toHaveLength(4)
    const settled = s.disbursement.contracts[0]
    expect(settled?.settled).toBe(settled?.approved)
    expect(settled?.disbursed).toBe(settled?.approved)
    // 70 % first advance of 1.000 million, then the 300 million remainder paid after acceptance
    expect(settled?.advanced).toBe(M(700n))
    expect(settled?.paid).toBe(M(300n))
    // 02: 70 % of 450 advanced, the 135 rest paid; 03: 70 % of 900; 04 (local): 70 % of 300
    expect(s.disbursement.contracts.map((c) => c.disbursed)).toEqual([M(1_000n), M(450n), M(630n), M(210n)])
    // 1.000 + 450 + 630 + 210 = 2.290 of the 5.744,8 million allocated: 39,86… % shown as 39,9 %
    expect([s.progress.total.disbursed, s.progress.total.assigned, s.progress.total.shown?.text]).toEqual([M(2_290n), M(5_744n) + 800_000n, "39,9%"])
  })

  it("refuses one event, the remainder advanced before base-level acceptance, with its rule", () => {
    expect(s.rejected).toHaveLength(1)
    const r = s.rejected[0]
    expect(r?.event.kind).toBe("advance")
    expect(r?.error.code).toBe("advance/remainder-before-acceptance")
    if (r?.error._tag !== "RuleViolation") throw new Error("expected a rule violation")
    expect(r.error.rule).toBe("advance.remainder-before-acceptance")
    expect(r.error.citation).toContain("Circular 36/2013/TT-BCT, art. 14")
  })

  it("writes the three workbooks; the plan imports back to the funded proposals", async () => {
    for (const path of Object.values(s.reports)) expect(existsSync(path)).toBe(true)
    const plan = await Xlsx.readRegister(s.reports.plan, { activities })
    if (!plan.ok) throw plan.error
    const funded = s.appraisal.funds.flatMap((f) => [...f.funded, ...f.partlyFunded]).sort()
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

describe("running it again", () => {
  it("on a kept PGlite folder: nothing fails, nothing is paid twice, the same figures", async () => {
    const dir = mkdtempSync(join(tmpdir(), "provincial-plan-data-"))
    try {
      const database = { kind: "dir", dir } as const
      const a = await run({ outDir: dir, database, write: null })
      const b = await run({ outDir: dir, database, write: null })
      expect(figures(a)).toEqual(figures(s))
      expect(figures(b)).toEqual(figures(s))
      expect(b.stored).toMatchObject({ allocations: 0, allocationsKept: 2, contractsKept: 4 })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("keeps a contract an earlier version stored with other terms, instead of failing with storage/contract-exists", async () => {
    const dir = mkdtempSync(join(tmpdir(), "provincial-plan-data-"))
    try {
      // An earlier version signed 01/2024/HĐ-KCQG on 01/04 instead of 10/04, before contracts named
      // their evaluation: the row as that version stored it (no proposal, no evaluation)
      const db = await PGlite.create({ dataDir: dir })
      await migrate({ pglite: db, schema: "khuyencong", migrations: (await loadMigrations()).filter((m) => m.id === "0001") })
      const earlier = { id: "01/2024/HĐ-KCQG", approvedSupport: M(1_000n), activities: ["demo-model"], signed: LocalDate.parseOrThrow("2024-04-01"), approved: LocalDate.parseOrThrow("2024-03-15"), planYear: 2024 }
      const c = Contract.makeOrThrow(earlier, rules2021)
      await db.query(
        `INSERT INTO khuyencong.contracts (id, approved_support, signed_on, approved_on, plan_year, last_plan_year, pack_id, pack_version, document, content_sha256)
         VALUES ($1, $2::numeric, $3::date, $4::date, 2024, 2024, $5, $6, $7::jsonb, 'earlier')`,
        [c.id, c.approvedSupport.toString(), c.signed, c.approved, c.terms.packId, c.terms.packVersion, JSON.stringify(Storage.encodeContract(c))]
      )
      await db.close()
      const r = await run({ outDir: dir, database: { kind: "dir", dir }, write: null })
      expect(r.stored.contractsKept).toBe(1)
      expect(r.disbursement.contracts[0]?.ledger.contract.signed).toBe("2024-04-01")
      expect(figures(r)).toEqual(figures(s))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

// With a PostgreSQL server in DATABASE_URL (as in .ci/run), the same run against it, twice, in a
// schema of its own (dropped afterwards), so that engineers and CI jobs sharing a server do not
// meet in the example's default schema.
const serverUrl = process.env["DATABASE_URL"] ?? ""
describe("provincial plan on the server in DATABASE_URL", () => {
  it("CI always has a server: DATABASE_URL is set whenever CI=true", () => {
    expect(process.env["CI"] !== "true" || serverUrl !== "", "CI=true but DATABASE_URL is not set: the server run would not happen").toBe(true)
  })
  it("stores on the server and reports the same figures, twice (runs when DATABASE_URL is set)", async () => {
    if (serverUrl === "") {
      console.warn("DATABASE_URL is not set: the provincial plan ran on PGlite only, not on a server")
      expect(process.env["CI"]).not.toBe("true")
      return
    }
    const dir = mkdtempSync(join(tmpdir(), "provincial-plan-pg-"))
    const schema = `khuyencong_example_test_${process.pid}_${Date.now()}`
    try {
      const database = { kind: "url", url: serverUrl, schema } as const
      const a = await run({ outDir: dir, database, write: null })
      const b = await run({ outDir: dir, database, write: null })
      for (const r of [a, b]) {
        expect(r.database.driver).toBe("pg")
        expect(r.database.where).toContain(`schema ${schema}`)
        const password = new URL(serverUrl).password
        if (password !== "") expect(r.database.where).not.toContain(password)
        expect(figures(r)).toEqual(figures(s))
      }
      expect(b.stored).toMatchObject({ allocationsKept: 2, contractsKept: 4 })
    } finally {
      rmSync(dir, { recursive: true, force: true })
      const pool = new pg.Pool({ connectionString: serverUrl })
      await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)
      await pool.end()
    }
  })
})

describe("pnpm start", () => {
  it("passes Node only flags this Node accepts (a V8 flag one Node version lacks makes Node refuse to start: 'bad option')", async () => {
    const { readFileSync } = await import("node:fs")
    const { spawnSync } = await import("node:child_process")
    const root = join(examplesDir(), "..")
    const start = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start
    const words = start.split(/\s+/)
    expect(words[0]).toBe("node")
    const flags: Array<string> = []
    for (let i = 1; i < words.length && (words[i] as string).startsWith("--"); i++) {
      if (words[i] === "--import") i++ // its argument is a module, checked by running the example
      else flags.push(words[i] as string)
    }
    expect(flags).toContain("--liftoff-only")
    const r = spawnSync(process.execPath, [...flags, "-e", "process.stdout.write('ok')"], { encoding: "utf8" })
    expect({ status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({ status: 0, stdout: "ok", stderr: "" })
  })
})
