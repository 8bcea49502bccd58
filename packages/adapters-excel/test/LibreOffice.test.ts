/**
 * Workbooks written by a real spreadsheet program. The sources are kept as text in
 * test/fixtures (a flat ODS with merged header cells, formulas, date cells and numbers stored as
 * text; a CSV typed the way a Vietnamese-locale user types it) and turned into .xlsx by
 * LibreOffice at test time; every exported workbook is opened by LibreOffice (Vietnamese locale,
 * formulas recalculated on load) and saved back as CSV to compare.
 *
 * Without `soffice` these tests fail with a message saying how to install it (CI installs it).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { basename, join } from "node:path"
import { LocalDate, Money, Progress, Result } from "@khuyencong/core"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
import * as Csv from "../src/Csv.js"
import { ExcelJS } from "./exceljs.js"
import * as Register from "../src/Register.js"
import * as Report from "../src/Report.js"
import * as Xlsx from "../src/Xlsx.js"
import { activities, brief, convert, CSV_AS_SHOWN, CSV_FORMULAS, CSV_IN_VI, fixture, makeProfile, m, requireSoffice } from "./helpers.js"

const work = mkdtempSync(join(tmpdir(), "khuyencong-lo-test-"))
let profile = ""
const out: Record<string, string> = {}
const shown: Record<string, string> = {}
const formulas: Record<string, string> = {}

const planRows: ReadonlyArray<Report.PlanRow> = [
  {
    id: "HG-2024-01",
    title: "Hỗ trợ ứng dụng máy sao chè cho 3 cơ sở CNNT",
    fund: "national",
    form: "group",
    activity: "machinery",
    implementingUnit: "Trung tâm Khuyến công - Xúc tiến Công Thương Hà Giang",
    beneficiaries: ["cs-hg-01", "cs-hg-02", "cs-hg-03"],
    locations: [{ provinceCode: "02", provinceName: "Hà Giang" }],
    planYear: 2024,
    start: LocalDate.parseOrThrow("2024-03-01"),
    end: LocalDate.parseOrThrow("2024-11-30"),
    total: m(1_800_000_000n),
    requestedSupport: m(900_000_000n),
    counterpartFunding: m(900_000_000n),
    approved: m(900_000_000n)
  },
  {
    id: "HY-2024-02",
    title: "Tổ chức bình chọn sản phẩm CNNT tiêu biểu cấp tỉnh năm 2024",
    fund: "local",
    form: "task",
    activity: "typical-product",
    implementingUnit: "Trung tâm Khuyến công và Xúc tiến thương mại tỉnh Hưng Yên",
    beneficiaries: [],
    locations: [{ provinceCode: "33", provinceName: "Hưng Yên" }],
    planYear: 2024,
    start: LocalDate.parseOrThrow("2024-06-01"),
    end: LocalDate.parseOrThrow("2024-09-30"),
    total: m(350_500_000n),
    requestedSupport: m(350_500_000n),
    counterpartFunding: Money.zero,
    approved: m(350_000_000n),
    approvalDate: LocalDate.parseOrThrow("2024-01-15")
  }
]

const allocation = Report.allocation(
  [
    { id: "A", title: "Hỗ trợ máy sao chè", requested: m(600_000_000n), allocated: m(600_000_000n), status: "Được hỗ trợ toàn bộ" },
    { id: "B", title: "Hỗ trợ máy sấy", requested: m(500_000_000n), allocated: Money.zero, status: "Không được hỗ trợ" },
    { id: "C", title: "Bình chọn sản phẩm", requested: m(300_000_000n), allocated: m(300_000_000n), status: "Được hỗ trợ toàn bộ" }
  ],
  { summary: { envelope: m(1_000_000_000n) } }
)

const progress = Result.getOrThrow(
  Progress.report({
    assignments: [{ id: "kh-2024", amount: m(130_000_000_000n), fund: "central-budget" }],
    disbursements: [{ date: LocalDate.parseOrThrow("2024-06-30"), amount: m(45_000_000_000n), assignment: "kh-2024" }]
  })
)

/** A CSV LibreOffice saved, cells as shown less the space an amount's format keeps after it (`#,##0_)`). */
const csvOf = (file: string | undefined) => {
  if (file === undefined) throw new Error("no such LibreOffice output")
  return Result.getOrThrow(Csv.parse(readFileSync(file, "utf8"))).map((r) => r.map((c) => (/^-?[\d.,]+ $/.test(c) ? c.trimEnd() : c)))
}

/** Set when LibreOffice is missing or a conversion failed: every test then fails with it. */
let setupError: unknown
const ready = () => {
  if (setupError !== undefined) throw setupError
}

beforeAll(async () => {
  try {
    await setup()
  } catch (e) {
    setupError = e
  }
}, 240_000)

const setup = async () => {
  requireSoffice()
  profile = makeProfile()
  // fixtures → xlsx
  for (const f of convert(profile, [fixture("register-merged.fods")], "xlsx", join(work, "fods"))) out[basename(f)] = f
  for (const f of convert(profile, [fixture("register-parity.csv")], "xlsx", join(work, "csv"), CSV_IN_VI)) out[basename(f)] = f
  // exports → xlsx → CSV (values as shown, and formulas)
  const exp = join(work, "export")
  const write = async (name: string, r: Promise<Result.Result<Uint8Array | undefined, unknown>>) => {
    const v = await r
    if (!v.ok || v.value === undefined) throw new Error(`export ${name} failed`)
    writeFileSync(join(work, name), v.value)
    return join(work, name)
  }
  const files = [
    await write("plan.xlsx", Xlsx.exportPlan(planRows)),
    await write("allocation.xlsx", Xlsx.writeTables([allocation])),
    await write("progress.xlsx", Xlsx.exportProgress(progress))
  ]
  // a deliberately wrong cached value, to prove LibreOffice recalculates on load in this profile
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet("S")
  ws.addRow([1, 2, { formula: "A1+B1", result: 99 }])
  await wb.xlsx.writeFile(join(work, "stale.xlsx"))
  files.push(join(work, "stale.xlsx"))
  for (const f of convert(profile, files, CSV_AS_SHOWN, join(exp, "shown"))) shown[basename(f)] = f
  for (const f of convert(profile, files, CSV_FORMULAS, join(exp, "formulas"))) formulas[basename(f)] = f
}

afterAll(() => {
  rmSync(work, { recursive: true, force: true })
  if (profile !== "") rmSync(profile, { recursive: true, force: true })
})

describe("a register saved by LibreOffice: merged two-row header, formulas, numbers stored as text", () => {
  test("the instructions sheet is passed over; the header spans rows 4–5; the unit note says triệu đồng", async () => {
    ready()
    const r = await Xlsx.readRegister(out["register-merged.xlsx"] ?? "", { activities })
    const reg = r.ok ? r.value : r.error.partial
    expect(reg?.sheet).toBe("Biểu 01")
    expect(reg?.headerRow).toBe(4)
    expect(reg?.columns.map((c) => [c.field, c.column, c.unit])).toEqual([
      ["stt", "A", undefined],
      ["title", "B", undefined],
      ["activity", "C", undefined],
      ["implementingUnit", "D", undefined],
      ["beneficiaries", "E", undefined],
      ["location", "F", undefined],
      ["start", "G", undefined],
      ["end", "H", undefined],
      ["total", "I", "triệu đồng"],
      ["requestedSupport", "J", "triệu đồng"],
      ["counterpartFunding", "K", "triệu đồng"],
      ["fund", "L", undefined],
      ["planYear", "M", undefined]
    ])
    expect(reg?.skipped.map((s) => [s.row, s.reason])).toEqual([
      [6, "numbering"],
      [7, "group"],
      [10, "subtotal"],
      [11, "group"],
      [19, "subtotal"],
      [20, "subtotal"]
    ])
  })

  test("the valid rows: a formula total, date cells, text dates, '1.350' stored as text, 350,5 and '299,5' triệu, a dash for zero", async () => {
    ready()
    const r = await Xlsx.readRegister(out["register-merged.xlsx"] ?? "", { activities })
    const reg = r.ok ? r.value : r.error.partial
    const summary = reg?.entries.map((e) => {
      const p = e.proposal
      const l = p.activities[0]?.costLines[0]
      return [e.row, p.activities[0]?.activity, p.form.kind, p.fund, l?.total, l?.requestedSupport, l?.counterpartFunding, p.duration.start, p.duration.end, p.locations[0]?.provinceCode]
    })
    expect(summary).toEqual([
      // seed 000: national group project for 3 establishments, 900 triệu of support; =J8+K8 as total
      [8, "machinery", "group", "national", 1_800_000_000n, 900_000_000n, 900_000_000n, "2024-03-01", "2024-11-30", "02"],
      [9, "machinery", "single", "national", 1_350_000_000n, 675_000_000n, 675_000_000n, "2024-04-01", "2024-10-30", "02"],
      // seed 004: Hưng Yên's local plan 2024, 1 tỷ 350 triệu of support over three projects
      [12, "machinery", "single", "local", 1_400_000_000n, 700_000_000n, 700_000_000n, "2024-04-01", "2024-10-31", "33"],
      [13, "typical-product", "single", "local", 350_500_000n, 350_500_000n, 0n, "2024-06-01", "2024-09-30", "33"],
      [14, "media", "single", "local", 299_500_000n, 299_500_000n, 0n, "2024-03-01", "2024-12-15", "33"]
    ])
    const support = Money.sum((reg?.proposals ?? []).filter((p) => p.fund === "local").map((p) => p.activities[0]?.costLines[0]?.requestedSupport ?? Money.zero))
    expect(support).toBe(1_350_000_000n)
    expect(reg?.proposals[1]?.locations[0]).toEqual({ provinceCode: "02", provinceName: "Hà Giang", district: "huyện Bắc Mê", commune: { name: "Minh Ngọc", kind: "commune" } })
  })

  test("every problem, with sheet, row, column, header and raw value", async () => {
    ready()
    const r = await Xlsx.readRegister(out["register-merged.xlsx"] ?? "", { activities })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.issues.map((i) => [i.code, i.sheet, i.row, i.column, i.header, i.raw])).toEqual([
      ["import/unknown-activity", "Biểu 01", 15, "C", "Nội dung hoạt động", "Tư vấn thiết kế mẫu"],
      ["import/empty-required", "Biểu 01", 15, "D", "Đơn vị thực hiện", null],
      ["import/bad-amount", "Biểu 01", 15, "I", "KINH PHÍ / Tổng số", "1,2x"],
      ["proposal/duration-order", "Biểu 01", 16, "H", "Thời gian thực hiện / Kết thúc", new Date(Date.UTC(2024, 2, 1))],
      ["proposal/funding-shortfall", "Biểu 01", 16, "K", "KINH PHÍ / Đối ứng", 100],
      ["import/fractional-dong", "Biểu 01", 17, "I", "KINH PHÍ / Tổng số", 100.0000005],
      ["import/duplicate-row", "Biểu 01", 18, "B", "Tên đề án, nhiệm vụ", "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong sản xuất gạch không nung"]
    ])
    expect(r.error.issues[4]?.message).toContain("counterpart funding (vốn đối ứng) should be 200.000.000 ₫")
  })
})

describe("CSV parity: the same rows from CSV and from the .xlsx LibreOffice made of it", () => {
  test("same proposals, same problems at the same cells", async () => {
    ready()
    const fromXlsx = await Xlsx.readRegister(out["register-parity.xlsx"] ?? "", { activities })
    const fromCsv = Csv.readRegister(readFileSync(fixture("register-parity.csv")), { activities })
    expect(fromXlsx.ok).toBe(false)
    expect(fromCsv.ok).toBe(false)
    if (fromXlsx.ok || fromCsv.ok) return
    expect(fromXlsx.error.partial?.proposals.map((p) => p.id)).toEqual(["BG-2024-01", "BG-2024-02", "BG-2024-03"])
    expect(fromCsv.error.partial?.proposals).toEqual(fromXlsx.error.partial?.proposals)
    expect(brief(fromCsv.error.issues)).toEqual(brief(fromXlsx.error.issues))
    expect(brief(fromXlsx.error.issues).map((i) => [i.code, i.row, i.column])).toEqual([
      ["import/bad-amount", 5, "J"],
      ["import/empty-required", 6, "C"],
      ["import/unknown-activity", 7, "D"],
      ["import/fractional-dong", 8, "J"],
      ["import/duplicate-id", 9, "B"],
      ["import/duplicate-row", 10, "B"],
      ["proposal/funding-excess", 11, "L"]
    ])
    // LibreOffice turned typed numbers and dates into number and date cells; the CSV kept text
    const raw = (e: typeof fromCsv.error, row: number) => e.issues.find((i) => i.row === row)?.raw
    expect([raw(fromXlsx.error, 8), raw(fromCsv.error, 8)]).toEqual([1.5, "1,5"])
    expect([raw(fromXlsx.error, 11), raw(fromCsv.error, 11)]).toEqual([50_000_000, "50.000.000"])
    expect(fromXlsx.error.partial?.proposals[0]?.approvalDate).toBe("2024-01-15")
  })
})

describe("exported workbooks opened by LibreOffice", () => {
  test("the harness: this LibreOffice profile recalculates formulas on load (a stale cached 99 shows as 3)", () => {
    ready()
    expect(csvOf(shown["stale-S.csv"])).toEqual([["1", "2", "3"]])
  })

  /** The row of a sheet saved as CSV whose cells include all of `texts`. */
  const rowWith = (rows: ReadonlyArray<ReadonlyArray<string>>, ...texts: ReadonlyArray<string>): number => rows.findIndex((r) => texts.every((t) => r.includes(t)))

  test("plan: the official form, a two-row header, triệu đồng with Vietnamese decimals, dd/mm/yyyy dates, totals recomputed", () => {
    ready()
    const rows = csvOf(shown["plan-Kế hoạch.csv"])
    expect(rows[0]).toContain("UBND TỈNH ……")
    expect(rows[0]).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    expect(rows[1]).toContain("Độc lập - Tự do - Hạnh phúc")
    expect(rows[3]?.[0]).toBe("KẾ HOẠCH KINH PHÍ KHUYẾN CÔNG NĂM 2024")
    expect(rows[4]?.[0]).toBe("(Kèm theo Quyết định số ……/QĐ-…… ngày …… tháng …… năm …… của ……)")
    expect(rows[5]).toContain("Đơn vị tính: triệu đồng")
    const top = rows[6] ?? []
    const bottom = rows[7] ?? []
    const at = (r: number, group: string, h: string) => {
      const g = top.indexOf(group)
      return rows[r]?.[bottom.indexOf(h, g)]
    }
    expect(at(8, "Kinh phí (triệu đồng)", "Tổng số")).toBe("1.800,0") // one decimal in every row of the column, as 350,5 below needs
    expect(at(8, "Thời gian thực hiện", "Bắt đầu")).toBe("01/03/2024")
    expect(at(9, "Kinh phí (triệu đồng)", "Khuyến công hỗ trợ")).toBe("350,5")
    expect(rows[9]?.[top.indexOf("Ngày phê duyệt")]).toBe("15/01/2024")
    expect(rows[9]?.[top.indexOf("Nội dung hoạt động")]).toBe("Bình chọn sản phẩm CNNT tiêu biểu")
    expect(rows[10]?.[top.indexOf("Tên đề án")]).toBe("Tổng cộng")
    expect(at(10, "Kinh phí (triệu đồng)", "Tổng số")).toBe("2.150,5")
    expect(at(10, "Kinh phí (triệu đồng)", "Được duyệt")).toBe("1.250")
    const f = csvOf(formulas["plan-Kế hoạch.csv"])
    const k = bottom.indexOf("Tổng số")
    expect(f[10]?.[k]).toMatch(/^=SUM\([A-Z]+9:[A-Z]+10\)$/)
    expect(rows[rowWith(rows, "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ")]).toBeDefined()
  })

  test("plan: the file LibreOffice saved reads back to the same proposals", () => {
    ready()
    const text = readFileSync(shown["plan-Kế hoạch.csv"] ?? "", "utf8")
    // the activities as printed (short forms) are read with the catalogue of the law, by default
    const back = Csv.readRegister(text, {})
    if (!back.ok) throw back.error
    expect(back.value.proposals).toEqual(planRows.map((r) => Result.getOrThrow(Register.toProposal(r))))
    expect(back.value.skipped.map((s) => s.reason)).toEqual(["subtotal", "signature", "signature", "signature"])
  })

  test("allocation: SUM totals and summary formulas, as LibreOffice computes them", () => {
    ready()
    const rows = csvOf(shown["allocation-Phân bổ.csv"])
    const total = rowWith(rows, "Tổng cộng")
    expect(rows.slice(total, total + 7).map((r) => r.filter((c) => c !== ""))).toEqual([
      ["Tổng cộng", "1.400.000.000", "900.000.000"],
      [],
      ["Kinh phí được giao", "1.000.000.000"],
      ["Dự phòng quản lý chương trình", "0"],
      ["Kinh phí phân bổ cho đề án", "1.000.000.000"],
      ["Đã phân bổ", "900.000.000"],
      ["Chưa phân bổ", "100.000.000"]
    ])
    const f = csvOf(formulas["allocation-Phân bổ.csv"])
    const c = (rows[total] ?? []).indexOf("900.000.000")
    const first = total - 2
    expect([f[total]?.[c], f[total + 4]?.[c], f[total + 5]?.[c], f[total + 6]?.[c]]).toEqual([
      `=SUM(E${first - 0}:E${total})`.replace(`E${first - 0}`, `E${total - 2}`),
      `=E${total + 3}-E${total + 4}`,
      `=E${total + 1}`,
      `=E${total + 5}-E${total + 6}`
    ])
  })

  test("progress: one sheet per dimension; seed 000's 45 tỷ of 130 tỷ by 30/6/2024 = 34,6 %", () => {
    ready()
    expect(Object.keys(shown).filter((k) => k.startsWith("progress-")).sort()).toEqual([
      "progress-Theo nguồn.csv",
      "progress-Theo nội dung.csv",
      "progress-Theo tháng.csv",
      "progress-Theo tỉnh.csv"
    ])
    const fund = csvOf(shown["progress-Theo nguồn.csv"])
    const head = rowWith(fund, "STT", "Nguồn kinh phí")
    expect(fund.slice(head, head + 3)).toEqual([
      ["STT", "Nguồn kinh phí", "Kinh phí được giao (đồng)", "Đã giải ngân (đồng)", "Tỷ lệ giải ngân"],
      ["1", "Ngân sách trung ương", "130.000.000.000", "45.000.000.000", "34,6%"],
      ["", "Tổng cộng", "130.000.000.000", "45.000.000.000", "34,6%"]
    ])
    const month = csvOf(shown["progress-Theo tháng.csv"])
    expect(month[rowWith(month, "06/2024")]).toEqual(["06/2024", "45.000.000.000", "45.000.000.000", "34,6%"])
  })
})
