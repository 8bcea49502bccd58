/**
 * The built `khuyencong` bin, run with node on the repository's Đồng Tháp 2024 register
 * (examples/provincial-plan/data): outputs, workbooks and exit codes.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Xlsx } from "@khuyencong/adapters-excel"
import { afterAll, describe, expect, it } from "vitest"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const bin = join(root, "packages/cli/dist/bin.js")
const data = join(root, "examples/provincial-plan/data")
const register = join(data, "register-2024.xlsx")
const source = join(data, "register-2024.source.json")
const out = mkdtempSync(join(tmpdir(), "khuyencong-cli-"))
afterAll(() => rmSync(out, { recursive: true, force: true }))

/** Each test starts the bin several times (a process that loads the library each time): on a busy 2-core machine that can take minutes. */
const SPAWNING = { timeout: 300_000 }

const run = (...args: Array<string>) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8" })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe("khuyencong evaluate", SPAWNING, () => {
  it("writes the three workbooks, prints the summary and exits 1 for the register's findings", () => {
    const r = run("evaluate", register, "--date", "2024-03-15", "--establishments", source, "--plan", source, "--out", out)
    expect(r.code).toBe(1) // rows in error and ineligible proposals are findings
    expect(r.stdout).toContain("DT-2024-QG-08")
    expect(r.stdout).toContain("không đủ điều kiện")
    expect(r.stdout).toMatch(/33 đề án: 29 đủ điều kiện, 4 không/)
    // why, in Vietnamese from the message catalogue
    expect(r.stdout).toContain("DT-2024-QG-08: Loại hình cơ sở không thuộc đối tượng được hỗ trợ: doanh nghiệp lớn. [legal-form/not-eligible:large-enterprise]")
    expect(r.stderr).toContain("dòng 24, cột K: Số tiền ở cột \"Tổng kinh phí (đồng)\" không đọc được: \"5OO.000.000\" (cột tính bằng đồng). [import/bad-amount]")
    for (const f of ["ke-hoach-khuyen-cong-2024.xlsx", "phan-bo-kinh-phi-2024.xlsx", "giai-trinh-danh-gia-2024.xlsx"]) expect(existsSync(join(out, f))).toBe(true)
    // stderr is a pipe here, not a terminal: no progress bar, no escape codes
    expect(r.stderr).not.toContain("\x1b")
    expect(r.stderr).not.toContain("Thẩm định")
  })

  it("the plan it writes names the beneficiaries and the province, as a printed plan does", async () => {
    expect(run("evaluate", register, "--date", "2024-03-15", "--establishments", source, "--plan", source, "--out", out).code).toBe(1)
    const plan = await Xlsx.readRegister(join(out, "ke-hoach-khuyen-cong-2024.xlsx"), {})
    const reg = plan.ok ? plan.value : plan.error.partial
    // read back, the beneficiary cell holds the establishments' names, not their ids (dt-…)
    expect(reg?.proposals[0]?.beneficiaries).toEqual(["Cơ sở sản xuất hủ tiếu Ba Sa", "Cơ sở bánh phồng tôm Sáu Nhỏ", "Cơ sở sản xuất hủ tiếu Hai Thành"])
    expect(reg?.proposals.flatMap((p) => p.beneficiaries).filter((b) => /^dt-/.test(b))).toEqual([])
    expect(reg?.context.province?.text).toBe("UBND TỈNH ĐỒNG THÁP")
  })

  it("prints funds and activities by their names, in Vietnamese by default, in English with KHUYENCONG_LANG=en or --lang en; --json keeps the codes", () => {
    const args = ["evaluate", register, "--date", "2024-03-15", "--establishments", source, "--plan", source, "--out", out]
    const vi = run(...args)
    const line = vi.stdout.split("\n").find((l) => l.startsWith("DT-2024-QG-02")) ?? ""
    expect(line).toMatch(/^DT-2024-QG-02\s+Trung ương\s+Xây dựng mô hình trình diễn kỹ thuật\s+được bố trí đủ/)
    expect(vi.stdout).not.toMatch(/\bnational\b/)
    const en = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", env: { ...process.env, KHUYENCONG_LANG: "en" } })
    expect(en.stdout).toMatch(/DT-2024-QG-02\s+National\s+Technical demonstration models\s+funded/)
    expect(run(...args, "--lang", "en").stdout).toMatch(/DT-2024-QG-02\s+National\s+Technical demonstration models/)
    const j = JSON.parse(run(...args, "--json").stdout)
    expect(j.proposals.find((p: { id: string }) => p.id === "DT-2024-QG-02")).toMatchObject({ fund: "national", activities: ["demo-model"] })
  })

  it("--json: totals and money as decimal strings, issues with codes in English with --lang en", () => {
    const r = run("evaluate", register, "--date", "2024-03-15", "--establishments", source, "--plan", source, "--out", out, "--json", "--lang", "en")
    expect(r.code).toBe(1)
    const j = JSON.parse(r.stdout)
    expect(j.command).toBe("evaluate")
    expect(j.totals.proposals).toBe(33)
    expect(j.totals.eligible).toBe(29)
    expect(j.totals.allocated).toMatch(/^\d+$/)
    expect(j.proposals.find((p: { id: string }) => p.id === "DT-2024-QG-08")).toMatchObject({
      verdict: "ineligible",
      payable: "0",
      reasons: [{ code: "legal-form/not-eligible:large-enterprise", message: "The establishment's legal form is not one that is supported: large enterprise." }]
    })
    expect(j.register.issues.map((i: { code: string }) => i.code)).toContain("import/bad-amount")
    expect(j.register.issues[0].message).toBe('The amount in column "Tổng kinh phí (đồng)" cannot be read: "5OO.000.000" (the column is in đồng).')
  })

  it("exits 2 on a usage error", () => {
    expect(run("evaluate", register).code).toBe(2) // no --date
    expect(run("evaluate", join(out, "nope.xlsx"), "--date", "2024-01-01").code).toBe(2)
    expect(run("evaluate", register, "--date", "2024-13-01").code).toBe(2)
    expect(run("frobnicate").code).toBe(2)
    expect(run("parameters", "--date", "2024-01-01", "--nope").code).toBe(2)
  })
})

describe("khuyencong explain", SPAWNING, () => {
  it("explains one proposal in Vietnamese, or in English with --lang en", () => {
    const vi = run("explain", register, "DT-2024-QG-08", "--establishments", source)
    expect(vi.code).toBe(1) // not eligible
    expect(vi.stdout).toContain("Kết luận: Không đủ điều kiện hỗ trợ")
    expect(vi.stdout).toContain("eligibility.legal-form: Loại hình cơ sở không thuộc đối tượng được hỗ trợ: doanh nghiệp lớn.")
    const en = run("explain", register, "DT-2024-QG-02", "--establishments", source, "--lang", "en")
    expect(en.code).toBe(0)
    expect(en.stdout).not.toContain("Kết luận")
    // activities and items named from the catalogue in force on 2024-03-15
    // (packages/law/corpus/catalogue/demo-model.yaml, version 2018-05-11), codes in brackets
    expect(en.stdout).toContain(
      "  1. Technical demonstration models [demo-model] / Demonstration model to spread new technology or make new products (construction, machinery, process documentation) [demo-model.new-technology] "
    )
    const vi2 = run("explain", register, "DT-2024-QG-02", "--establishments", source)
    expect(vi2.stdout).toContain(
      "  1. Xây dựng mô hình trình diễn kỹ thuật [demo-model] / Mô hình trình diễn kỹ thuật để phổ biến công nghệ mới, sản xuất sản phẩm mới [demo-model.new-technology] "
    )
    const json = JSON.parse(run("explain", register, "DT-2024-QG-02", "--establishments", source, "--json").stdout)
    expect(json.evaluation.proposalId).toBe("DT-2024-QG-02")
    expect(json.evaluation.verdict).toBe("eligible")
  })
  it("a proposal not in the register is a finding", () => {
    expect(run("explain", register, "DT-2024-XX-99").code).toBe(1)
  })
})

describe("khuyencong parameters, cases, serve", SPAWNING, () => {
  it("prints a parameter's value and citation at a date", () => {
    const r = run("parameters", "--date", "2016-01-01", "--id", "support.machinery.cap", "--json")
    expect(r.code).toBe(0)
    const p = JSON.parse(r.stdout).parameters[0]
    expect(p).toMatchObject({ id: "support.machinery.cap", value: "200000000" })
    expect(p.citation).toMatch(/Điều/)
  })
  it("runs a case directory through @khuyencong/cases", () => {
    const r = run("cases", join(root, "packages/rules-2021-2025/cases/caps.yaml"), "--json")
    expect(r.code).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j.failed).toBe(0)
    expect(j.passed).toBeGreaterThan(0)
  })
  it("serve without @khuyencong/service says what to install", () => {
    const r = run("serve")
    expect(r.code).toBe(2)
    expect(r.stderr).toContain("@khuyencong/service")
  })
  it("--json also for usage errors and --version", () => {
    const r = run("parameters", "--json")
    expect(r.code).toBe(2)
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: "cli/usage" } })
    expect(JSON.parse(run("--version", "--json").stdout)).toEqual({ version: "0.2.0" })
  })
  it("--help lists the commands and exit codes", () => {
    const r = run("--help")
    expect(r.code).toBe(0)
    for (const c of ["evaluate", "explain", "cases", "parameters", "serve", "Mã thoát"]) expect(r.stdout).toContain(c)
  })
})
