import { spawnSync } from "node:child_process"
import { createRequire } from "node:module"
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { PassThrough, Readable } from "node:stream"
import { fileURLToPath } from "node:url"
import { crc32 } from "node:zlib"
import { LocalDate, Money, Result } from "@khuyencong/core"
import { afterAll, beforeAll, describe, expect, test } from "vitest"
// exceljs through the adapter (loaded with its UTF-8 fix) to inspect what was written
import { ExcelJS } from "./exceljs.js"
import { guard } from "../src/internal/guard.js"
import { sniff, withStreamedInflate } from "../src/internal/sniff.js"
import * as Register from "../src/Register.js"
import * as Report from "../src/Report.js"
import * as Xlsx from "../src/Xlsx.js"
import { activities, HEADER, ROW } from "./helpers.js"

const dir = mkdtempSync(join(tmpdir(), "khuyencong-xlsx-test-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const planRow = (k: number, over: Partial<Report.PlanRow> = {}): Report.PlanRow => ({
  id: `HY-2024-${String(k).padStart(3, "0")}`,
  title: `Hỗ trợ ứng dụng máy móc thiết bị tiên tiến số ${k} – sản xuất gạch không nung`,
  fund: "local",
  form: "single",
  activity: "machinery",
  implementingUnit: "Trung tâm Khuyến công và Xúc tiến thương mại tỉnh Hưng Yên",
  beneficiaries: [`cs-hy-${k}`],
  locations: [{ provinceCode: "33", provinceName: "Hưng Yên" }],
  planYear: 2024,
  start: LocalDate.parseOrThrow("2024-04-01"),
  end: LocalDate.parseOrThrow("2024-10-31"),
  total: Money.make(1_400_000_000n + BigInt(k) * 1000n),
  requestedSupport: Money.make(700_000_000n),
  counterpartFunding: Money.make(700_000_000n + BigInt(k) * 1000n),
  ...over
})

const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(bytes) as never)
  return wb
}

const write = async (tables: ReadonlyArray<Report.Table>): Promise<Uint8Array> => {
  const r = await Xlsx.writeTables(tables)
  if (!r.ok || r.value === undefined) throw new Error("write failed")
  return r.value
}

describe("exported workbooks", () => {
  let bytes: Uint8Array
  beforeAll(async () => {
    bytes = await write([
      Report.plan([planRow(1), planRow(2, { approved: Money.make(650_000_000n), approvalDate: LocalDate.parseOrThrow("2024-02-15") })], {
        document: { province: "Hưng Yên", decision: { number: "15/QĐ-SCT", date: LocalDate.parseOrThrow("2024-01-15"), by: "Sở Công Thương tỉnh Hưng Yên" } }
      })
    ])
  })
  // rows: 1–2 issuing body and motto, 3 blank, 4 title, 5 "Kèm theo …", 6 unit, 7–8 header, 9–10 data, 11 totals
  const HEAD = 8
  const headerOf = (ws: NonNullable<ReturnType<InstanceType<typeof ExcelJS.Workbook>["getWorksheet"]>>) => {
    const top = (ws.getRow(HEAD - 1).values as Array<unknown>).slice(1)
    const bottom = (ws.getRow(HEAD).values as Array<unknown>).slice(1)
    // a merged cell reads as the merge's first cell in every cell it covers
    return top.map((t, i) => (bottom[i] === t ? String(t) : `${String(t)} / ${String(bottom[i])}`))
  }

  test("the official form: issuing body and national motto, title, 'Kèm theo Quyết định', unit, a two-row header frozen and repeated on every page", async () => {
    const wb = await load(bytes)
    const ws = wb.getWorksheet("Kế hoạch")
    if (ws === undefined) throw new Error("no sheet")
    expect([ws.getCell("A1").value, ws.getCell("A2").value]).toEqual(["UBND TỈNH HƯNG YÊN", "SỞ CÔNG THƯƠNG"])
    expect(ws.getCell("A2").font?.bold).toBe(true)
    const motto = ws.getRow(1).values as Array<unknown>
    expect([...new Set(motto.filter((v) => typeof v === "string"))]).toEqual(["UBND TỈNH HƯNG YÊN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    expect((ws.getRow(2).values as Array<unknown>).includes("Độc lập - Tự do - Hạnh phúc")).toBe(true)
    expect(ws.getCell("A4").value).toBe("KẾ HOẠCH KINH PHÍ KHUYẾN CÔNG NĂM 2024")
    expect(ws.getCell("A4").font).toMatchObject({ bold: true, name: "Times New Roman" })
    expect(ws.getCell(4, ws.columnCount).isMerged).toBe(true)
    expect(ws.getCell("A5").value).toBe("(Kèm theo Quyết định số 15/QĐ-SCT ngày 15/01/2024 của Sở Công Thương tỉnh Hưng Yên)")
    expect((ws.getRow(6).values as Array<unknown>).includes("Đơn vị tính: triệu đồng")).toBe(true)
    expect(headerOf(ws).slice(0, 3)).toEqual(["STT", "Mã đề án", "Tên đề án"])
    expect(headerOf(ws)).toContain("Kinh phí (triệu đồng) / Tổng số")
    expect(headerOf(ws)).toContain("Thời gian thực hiện / Bắt đầu")
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: HEAD })
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "7:8" })
    expect(ws.headerFooter).toMatchObject({ differentFirst: true })
  })

  test("activities by their Vietnamese names, amounts in triệu đồng exactly, dates as date cells dd/mm/yyyy", async () => {
    const ws = (await load(bytes)).getWorksheet("Kế hoạch")
    if (ws === undefined) throw new Error("no sheet")
    const header = headerOf(ws)
    const col = (h: string) => header.indexOf(h) + 1
    expect(ws.getCell(HEAD + 1, col("Nội dung hoạt động")).value).toBe("Ứng dụng máy móc thiết bị tiên tiến")
    const total = ws.getCell(HEAD + 1, col("Kinh phí (triệu đồng) / Tổng số"))
    expect(total.value).toBe(1400.001)
    expect(total.numFmt).toBe("#,##0.000_)")
    expect(ws.getCell(HEAD + 1, col("Kinh phí (triệu đồng) / Khuyến công hỗ trợ")).numFmt).toBe("#,##0_)")
    const start = ws.getCell(HEAD + 1, col("Thời gian thực hiện / Bắt đầu"))
    expect(start.value).toEqual(new Date(Date.UTC(2024, 3, 1)))
    expect(start.numFmt).toBe("dd/mm/yyyy")
    expect(ws.getCell(HEAD + 2, col("Ngày phê duyệt")).value).toEqual(new Date(Date.UTC(2024, 1, 15)))
    expect(ws.getCell(HEAD + 1, col("Năm kế hoạch")).value).toBe(2024)
  })

  test("a money column shows the same decimals in every row and its total, so that its digits line up; amounts right-aligned, a bracket's width off the border", async () => {
    const ws = (await load(bytes)).getWorksheet("Kế hoạch")
    if (ws === undefined) throw new Error("no sheet")
    const c = headerOf(ws).indexOf("Kinh phí (triệu đồng) / Đối ứng") + 1
    // 700,001 and 700,002 triệu: three decimals in both rows and in the total 1.400,003
    expect([HEAD + 1, HEAD + 2, HEAD + 3].map((r) => [ws.getCell(r, c).numFmt, ws.getCell(r, c).alignment?.horizontal])).toEqual([
      ["#,##0.000_)", "right"],
      ["#,##0.000_)", "right"],
      ["#,##0.000_)", "right"]
    ])
    const whole = await load(await write([Report.plan([planRow(1, { total: Money.make(1_400_500_000n), counterpartFunding: Money.make(700_500_000n) }), planRow(2, { total: Money.make(1_400_000_000n), counterpartFunding: Money.make(700_000_000n) })])]))
    const w = whole.worksheets[0]
    if (w === undefined) throw new Error("no sheet")
    const t = headerOf(w).indexOf("Kinh phí (triệu đồng) / Tổng số") + 1
    // 1.400,5 over 1.400: "1.400,5" and "1.400,0"
    expect([w.getCell(HEAD + 1, t).numFmt, w.getCell(HEAD + 2, t).numFmt]).toEqual(["#,##0.0_)", "#,##0.0_)"])
    expect([w.getCell(HEAD + 1, t).value, w.getCell(HEAD + 2, t).value]).toEqual([1400.5, 1400])
  })

  test("totals are SUM formulas carrying their computed values; then place, date and the signature block", async () => {
    const ws = (await load(bytes)).getWorksheet("Kế hoạch")
    if (ws === undefined) throw new Error("no sheet")
    const header = headerOf(ws)
    const row = HEAD + 3
    const cell = (h: string) => ws.getCell(row, header.indexOf(h) + 1)
    expect(ws.getCell(row, header.indexOf("Tên đề án") + 1).value).toBe("Tổng cộng")
    const letter = (h: string) => String.fromCharCode(64 + header.indexOf(h) + 1)
    const t = "Kinh phí (triệu đồng) / Tổng số"
    expect(cell(t).value).toEqual({ formula: `SUM(${letter(t)}${HEAD + 1}:${letter(t)}${HEAD + 2})`, result: 2800.003 })
    expect(cell("Kinh phí (triệu đồng) / Khuyến công hỗ trợ").value).toMatchObject({ result: 1400 })
    expect(cell("Kinh phí (triệu đồng) / Được duyệt").value).toMatchObject({ result: 650 })
    const below = Array.from({ length: 10 }, (_, k) => [...new Set((ws.getRow(row + 1 + k).values as Array<unknown>).filter((v) => typeof v === "string"))]).flat()
    expect(below).toEqual(["Hưng Yên, ngày …… tháng …… năm ……", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"])
  })

  test("column widths suit a printed page (the title column is wide, STT narrow)", async () => {
    const ws = (await load(bytes)).getWorksheet("Kế hoạch")
    if (ws === undefined) throw new Error("no sheet")
    const widths = ws.columns.map((c) => c.width ?? 0)
    expect(widths[0]).toBeLessThan(6) // STT
    expect(widths[2]).toBeGreaterThanOrEqual(26) // Tên đề án
    expect(widths.every((w) => w >= 4 && w <= 40), widths.join()).toBe(true)
  })

  test("the allocation summary lines are formulas over the cells above", async () => {
    const table = Report.allocation(
      [
        { id: "A", requested: Money.make(600_000_000n), allocated: Money.make(600_000_000n), status: "Được hỗ trợ toàn bộ" },
        { id: "B", requested: Money.make(500_000_000n), allocated: Money.zero, status: "Không được hỗ trợ" },
        { id: "C", requested: Money.make(300_000_000n), allocated: Money.make(300_000_000n), status: "Được hỗ trợ toàn bộ" }
      ],
      { summary: { envelope: Money.make(1_000_000_000n) }, document: false }
    )
    const ws = (await load(await write([table]))).getWorksheet("Phân bổ")
    if (ws === undefined) throw new Error("no sheet")
    // columns A STT, B Mã đề án, C đề nghị, D phân bổ; rows: 1 title, 2 unit, 3 header, 4-6 data, 7 totals, 9-13 summary
    expect(ws.getCell("C7").value).toEqual({ formula: "SUM(C4:C6)", result: 1_400_000_000 })
    expect(ws.getCell("D7").value).toEqual({ formula: "SUM(D4:D6)", result: 900_000_000 })
    expect(ws.getCell("B9").value).toBe("Kinh phí được giao")
    expect(ws.getCell("D9").value).toBe(1_000_000_000)
    expect(ws.getCell("D11").value).toEqual({ formula: "D9-D10", result: 1_000_000_000 })
    expect(ws.getCell("D12").value).toEqual({ formula: "D7", result: 900_000_000 })
    expect(ws.getCell("D13").value).toEqual({ formula: "D11-D12", result: 100_000_000 })
  })

  test("the allocation and the progress report in triệu đồng when asked (unit), exactly, summary lines too", async () => {
    const rows: ReadonlyArray<Report.AllocationRow> = [
      { id: "A", requested: Money.make(600_500_000n), allocated: Money.make(600_500_000n), status: "Được hỗ trợ toàn bộ" },
      { id: "B", requested: Money.make(300_000_000n), allocated: Money.make(300_000_000n), status: "Được hỗ trợ toàn bộ" }
    ]
    const alloc = (await load(await write([Report.allocation(rows, { summary: { envelope: Money.make(1_000_000_000n) }, unit: "triệu đồng", document: false })]))).getWorksheet("Phân bổ")
    if (alloc === undefined) throw new Error("no sheet")
    // rows: 1 title, 2 unit, 3 header, 4-5 data, 6 totals, 8-12 summary
    expect(alloc.getRow(2).values as Array<unknown>).toContain("Đơn vị tính: triệu đồng")
    expect([alloc.getCell("C3").value, alloc.getCell("D3").value]).toEqual(["Kinh phí đề nghị hỗ trợ (triệu đồng)", "Kinh phí phân bổ (triệu đồng)"])
    expect([alloc.getCell("D4").value, alloc.getCell("D5").value, alloc.getCell("D4").numFmt, alloc.getCell("D5").numFmt]).toEqual([600.5, 300, "#,##0.0_)", "#,##0.0_)"])
    expect(alloc.getCell("D6").value).toEqual({ formula: "SUM(D4:D5)", result: 900.5 })
    expect([alloc.getCell("B8").value, alloc.getCell("D8").value]).toEqual(["Kinh phí được giao", 1000])
    const progress = Report.progress([{ key: "Hưng Yên", assigned: Money.make(1_600_000_000n), disbursed: Money.make(900_250_000n), rate: "56,3%" }], { keyHeader: "Tỉnh", sheet: "Theo tỉnh", unit: "triệu đồng", document: false })
    const p = (await load(await write([progress]))).getWorksheet("Theo tỉnh")
    if (p === undefined) throw new Error("no sheet")
    expect([p.getCell("C3").value, p.getCell("D3").value, p.getCell("C4").value, p.getCell("D4").value]).toEqual(["Kinh phí được giao (triệu đồng)", "Đã giải ngân (triệu đồng)", 1600, 900.25])
    expect([p.getCell("E4").value, p.getCell("E4").alignment?.horizontal]).toEqual(["56,3%", "right"])
  })

  test("several tables → several sheets with distinct, valid names", async () => {
    const t = Report.plan([planRow(1)], { sheet: "Kế hoạch: 2024/01" })
    const wb = await load(await write([t, t]))
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Kế hoạch- 2024-01", "Kế hoạch- 2024-01 2"])
  })

  test("an empty table still has its header and a zero totals row", async () => {
    const ws = (await load(await write([Report.plan([], { document: false })]))).getWorksheet("Kế hoạch")
    // rows: 1 title, 2 unit, 3–4 header, 5 totals
    expect(ws?.getCell("C5").value).toBe("Tổng cộng")
    expect(ws?.getCell("K5").value).toBe(0)
  })

  test("writes to a path (atomically) and to a stream", async () => {
    const path = join(dir, "ke-hoach.xlsx")
    const r = await Xlsx.exportPlan([planRow(1)], { path })
    expect(r).toEqual({ ok: true, value: undefined })
    const back = await Xlsx.readRegister(path, { activities })
    expect(back.ok && back.value.proposals.map((p) => p.id)).toEqual(["HY-2024-001"])
    const sink = new PassThrough()
    const chunks: Array<Buffer> = []
    sink.on("data", (c: Buffer) => chunks.push(c))
    const s = await Xlsx.exportPlan([planRow(1)], { stream: sink })
    expect(s.ok).toBe(true)
    const fromStream = await Xlsx.readRegister(new Uint8Array(Buffer.concat(chunks)), { activities })
    expect(fromStream.ok && fromStream.value.proposals.map((p) => p.id)).toEqual(["HY-2024-001"])
  })

  test("an amount a spreadsheet number cannot hold exactly, text with control characters, an unwritable path → ExportError", async () => {
    // 10^16 đồng is 10^10 triệu exactly; 10^16 + 1 đồng has more digits than a spreadsheet number holds
    const big = await Xlsx.exportPlan([planRow(1, { total: Money.make(10n ** 16n + 1n) })])
    expect(big.ok).toBe(false)
    if (!big.ok) {
      expect(big.error.code).toBe("export/amount-too-large")
      expect(big.error.path).toEqual(["Kế hoạch", 9, "total"])
    }
    const ctrl = await Xlsx.exportPlan([planRow(1, { title: "Máy\u0007sấy" })])
    expect(ctrl.ok).toBe(false)
    if (!ctrl.ok) expect(ctrl.error.code).toBe("export/bad-text")
    const io = await Xlsx.exportPlan([planRow(1)], { path: join(dir, "no", "such", "dir", "x.xlsx") })
    expect(io.ok).toBe(false)
    if (!io.ok) expect(io.error.code).toBe("export/io")
  })
})

describe("writeTables: subtitles and fractional amounts", () => {
  const table: Report.Table = {
    sheet: "Biểu 01",
    title: "BIỂU TỔNG HỢP ĐỀ ÁN KHUYẾN CÔNG NĂM 2024",
    subtitle: ["(Kèm theo Tờ trình số 12/TTr-SCT của Sở Công Thương)"],
    columns: [
      ...HEADER.map((h, i): Report.Column => ({ key: `c${i}`, header: h, kind: i === 0 || i === 11 ? "integer" : "text" })),
      { key: "m", header: "Kinh phí (triệu đồng)", kind: "money" },
      { key: "f", header: "Ghi chú (triệu đồng)", kind: "money", decimals: 2 }
    ],
    rows: [
      { ...Object.fromEntries(ROW.map((v, i) => [`c${i}`, typeof v === "number" || typeof v === "string" ? v : undefined])), m: 52.8, f: 52.8 },
      { m: 900, f: 900, c1: "Dòng chỉ có tên" },
      { m: Money.make(1_000_000n) }
    ]
  }

  test("a table written with a subtitle reads back with its one-row header", async () => {
    const bytes = await write([table])
    const r = await Xlsx.readRegister(bytes, { activities })
    const reg = r.ok ? r.value : r.error.partial
    expect(reg?.headerRow).toBe(3)
    expect(reg?.columns.find((c) => c.field === "title")?.header).toBe("Tên đề án")
    expect(reg?.columns.find((c) => c.field === "total")?.header).toBe("Tổng kinh phí")
    expect(reg?.entries[0]?.row).toBe(4)
  })

  test("money cells: #,##0 for whole numbers, #,##0.## for fractional ones, fixed decimals when the column says", async () => {
    const ws = (await load(await write([table]))).getWorksheet("Biểu 01")
    if (ws === undefined) throw new Error("no sheet")
    const m = HEADER.length + 1
    expect(ws.getCell(4, m).value).toBe(52.8)
    expect(ws.getCell(4, m).numFmt).toBe("#,##0.00_)")
    expect(ws.getCell(5, m).numFmt).toBe("#,##0_)")
    expect(ws.getCell(6, m).numFmt).toBe("#,##0_)")
    expect(ws.getCell(4, m + 1).numFmt).toBe("#,##0.00_)")
    expect(ws.getCell(5, m + 1).numFmt).toBe("#,##0.00_)")
  })
})

describe("streaming import of .xlsx", () => {
  test("Vietnamese text split across the parser's chunks is read intact (exceljs #2063 fixed)", async () => {
    // 1500 rows of dense accented text: hundreds of 16 KB inflate chunks, many boundaries inside a
    // letter; exceljs 4.4.0 unfixed turns a dozen of these cells into "��" (checked when written)
    // (the text is split between the title and the implementing unit: a name is at most 500 characters)
    const title = (k: number) => `Đề án số ${k}: ${"Hỗ trợ ứng dụng máy móc thiết bị tiên tiến ".repeat(10).trim()}`
    const unit = (k: number) => `Đơn vị số ${k}: ${"Trung tâm Khuyến công và Tư vấn phát triển ".repeat(10).trim()}`
    const rows = Array.from({ length: 1500 }, (_, k) => planRow(k + 1, { title: title(k + 1), implementingUnit: unit(k + 1) }))
    const bytes = await write([Report.plan(rows)])
    const r = await Xlsx.readRegister(bytes, { activities })
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.proposals).toHaveLength(1500)
      expect(r.value.proposals.filter((p) => /\uFFFD/.test(p.title + p.implementingUnit.name))).toEqual([])
      expect(r.value.proposals.map((p) => p.title)).toEqual(rows.map((x) => x.title))
      expect(r.value.proposals.map((p) => p.implementingUnit.name)).toEqual(rows.map((x) => x.implementingUnit))
    }
  })

  test("the replacement XML tokenizer keeps a letter whose bytes arrive in two chunks", async () => {
    const parseSax = createRequire(createRequire(import.meta.url).resolve("exceljs")).resolve("./lib/utils/parse-sax.js")
    const parse = createRequire(import.meta.url)(parseSax) as (i: AsyncIterable<Uint8Array>) => AsyncIterable<Array<{ eventType: string; value: unknown }>>
    const bytes = new TextEncoder().encode("<t>Quốc gia – Địa phương</t>")
    for (let cut = 1; cut < bytes.length; cut++) {
      async function* chunks() {
        yield bytes.subarray(0, cut)
        yield bytes.subarray(cut)
      }
      let text = ""
      for await (const events of parse(chunks())) for (const e of events) if (e.eventType === "text") text += String(e.value)
      expect(text).toBe("Quốc gia – Địa phương")
    }
  })

  test("with exceljs loaded by someone else first (UTF-8 fix not applied), reading refuses rather than corrupt text", () => {
    const pkg = fileURLToPath(new URL("..", import.meta.url))
    const script = `
      import { createRequire } from "node:module"
      import { pathToFileURL } from "node:url"
      const require = createRequire(${JSON.stringify(join(pkg, "package.json"))})
      require("exceljs")
      const { Xlsx } = await import(pathToFileURL(${JSON.stringify(join(pkg, "dist", "index.js"))}).href)
      const r = await Xlsx.readRegister(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), { activities: [] })
      console.log(r.ok ? "ok" : r.error.issues.map((i) => i.code).join(" "))
    `
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: pkg, encoding: "utf8" })
    expect(run.stderr).toBe("")
    expect(run.stdout.trim()).toBe("import/reader-unavailable")
  })

  test("a path, bytes and a readable stream read the same", async () => {
    const bytes = await write([Report.plan([planRow(1), planRow(2)])])
    const path = join(dir, "same.xlsx")
    writeFileSync(path, bytes)
    const a = await Xlsx.readRegister(path, { activities })
    const b = await Xlsx.readRegister(bytes, { activities })
    const c = await Xlsx.readRegister(createReadStream(path), { activities })
    expect(a.ok).toBe(true)
    expect(b).toEqual(a)
    expect(c).toEqual(a)
  })

  test("the first visible sheet with a header is read; or the sheet named or numbered", async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet("Hướng dẫn").addRow(["Ghi mỗi đề án trên một dòng"])
    wb.addWorksheet("Ẩn", { state: "hidden" }).addRows([HEADER, ROW.map((v) => (v === 1 ? 9 : v))])
    wb.addWorksheet("Biểu 01").addRows([HEADER, ROW])
    wb.addWorksheet("Biểu 02").addRows([HEADER, ROW.map((v) => (v === "Hà Giang" ? "Tuyên Quang" : v))])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const auto = await Xlsx.readRegister(bytes, { activities })
    expect(auto.ok && [auto.value.sheet, auto.value.proposals[0]?.locations[0]?.provinceCode]).toEqual(["Biểu 01", "02"])
    const named = await Xlsx.readRegister(bytes, { activities, sheet: "Biểu 02" })
    expect(named.ok && named.value.proposals[0]?.locations[0]?.provinceCode).toBe("08")
    const numbered = await Xlsx.readRegister(bytes, { activities, sheet: 4 })
    expect(numbered.ok && numbered.value.sheet).toBe("Biểu 02")
    const hidden = await Xlsx.readRegister(bytes, { activities, sheet: "Ẩn" })
    expect(hidden.ok && hidden.value.sheet).toBe("Ẩn")
    const missing = await Xlsx.readRegister(bytes, { activities, sheet: "Biểu 09" })
    expect(missing.ok).toBe(false)
    if (!missing.ok) expect(missing.error.issues.map((i) => i.code)).toEqual(["import/sheet-not-found"])
    const wrong = await Xlsx.readRegister(bytes, { activities, sheet: "Hướng dẫn" })
    expect(wrong.ok).toBe(false)
    if (!wrong.ok) expect(wrong.error.issues.map((i) => [i.code, i.sheet])).toEqual([["import/header-not-found", "Hướng dẫn"]])
  })

  test("reading stops early without leaving exceljs temporary files behind (worksheets before shared strings)", async () => {
    const wb = new ExcelJS.Workbook()
    for (const name of ["Biểu 01", "Biểu 02", "Biểu 03"]) wb.addWorksheet(name).addRows([HEADER, ROW])
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer())
    const mine = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`))
    const before = mine().length
    for (const sheet of ["Biểu 01", "Biểu 03", 2]) {
      const r = await Xlsx.readRegister(bytes, { activities, sheet })
      expect(r.ok).toBe(true)
    }
    expect(mine().length).toBe(before)
  })

  test("no sheet with a header: one issue per sheet tried", async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet("A").addRow(["ghi chú"])
    wb.addWorksheet("B")
    const r = await Xlsx.readRegister(new Uint8Array(await wb.xlsx.writeBuffer()), { activities })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues.map((i) => [i.code, i.sheet])).toEqual([["import/header-not-found", "A"], ["import/empty-sheet", "B"]])
  })

  test("the workbook's 1904 date system is used for serial numbers; date cells are read by their calendar day", async () => {
    const wb = new ExcelJS.Workbook()
    wb.properties.date1904 = true
    const header = [...HEADER.filter((h) => h !== "Thời gian thực hiện"), "Ngày bắt đầu", "Ngày kết thúc"]
    const row = [...ROW.filter((_, i) => HEADER[i] !== "Thời gian thực hiện"), 44011, new Date(Date.UTC(2024, 10, 30))]
    const ws = wb.addWorksheet("Biểu")
    ws.addRows([header, row])
    ws.getCell("M2").numFmt = "dd/mm/yyyy"
    const r = await Xlsx.readRegister(new Uint8Array(await wb.xlsx.writeBuffer()), { activities })
    expect(r.ok && r.value.proposals[0]?.duration).toEqual({ start: "2024-06-30", end: "2024-11-30" })
  })

  test("rich text and formula cells written by a spreadsheet program", async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("Biểu")
    ws.addRows([HEADER, ROW])
    ws.getCell("B2").value = { richText: [{ text: "Hỗ trợ " , font: { bold: true } }, { text: "máy sao chè" }] }
    ws.getCell("H2").value = { formula: "I2+J2", result: 1_800_000_000 }
    const r = await Xlsx.readRegister(new Uint8Array(await wb.xlsx.writeBuffer()), { activities })
    expect(r.ok && [r.value.proposals[0]?.title, r.value.proposals[0]?.activities[0]?.costLines[0]?.total]).toEqual(["Hỗ trợ máy sao chè", 1_800_000_000n])
  })
})

// ---------------------------------------------------------------------------------------------
// Bad files

/** A zip of stored entries, built by hand (with correct CRC-32s). */
const storedZip = (files: Readonly<Record<string, string>>): Uint8Array => {
  const enc = new TextEncoder()
  const locals: Array<Uint8Array> = []
  const centrals: Array<Uint8Array> = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const n = enc.encode(name)
    const data = enc.encode(text)
    const crc = crc32(data)
    const local = Buffer.alloc(30 + n.length)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(n.length, 26)
    local.set(n, 30)
    const central = Buffer.alloc(46 + n.length)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(n.length, 28)
    central.writeUInt32LE(offset, 42)
    central.set(n, 46)
    locals.push(local, data)
    centrals.push(central)
    offset += local.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(centrals.length, 8)
  eocd.writeUInt16LE(centrals.length, 10)
  eocd.writeUInt32LE(cd.length, 12)
  eocd.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, cd, eocd]))
}

/** An OLE compound file: the CFB header and one directory sector naming the given streams. */
const compoundFile = (streams: ReadonlyArray<string>): Uint8Array => {
  const header = Buffer.alloc(512)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0)
  header.writeUInt16LE(0x003e, 24) // minor version
  header.writeUInt16LE(0x0003, 26) // major version 3
  header.writeUInt16LE(0xfffe, 28) // little-endian
  header.writeUInt16LE(9, 30) // 512-byte sectors
  header.writeUInt16LE(6, 32)
  header.writeUInt32LE(0, 48) // first directory sector
  const dirSector = Buffer.alloc(512)
  ;["Root Entry", ...streams].slice(0, 4).forEach((name, i) => {
    const b = Buffer.from(name, "utf16le")
    b.copy(dirSector, i * 128)
    dirSector.writeUInt16LE(b.length + 2, i * 128 + 64)
    dirSector.writeUInt8(i === 0 ? 5 : 2, i * 128 + 66)
  })
  return new Uint8Array(Buffer.concat([header, dirSector]))
}

const codeOf = async (source: Xlsx.Source, options: Partial<Xlsx.ReadOptions> = {}) => {
  const r = await Xlsx.readRegister(source, { activities, ...options })
  return r.ok ? "ok" : r.error.issues.map((i) => i.code).join(" ")
}

describe("bad files: a typed error, never a crash or a hang", () => {
  let good: Uint8Array
  beforeAll(async () => {
    good = await write([Report.plan(Array.from({ length: 40 }, (_, k) => planRow(k + 1)))])
  })

  test("not an xlsx: text (with a CSV hint), random bytes, an empty file, a missing file", async () => {
    const csv = new TextEncoder().encode(HEADER.join(",") + "\n")
    const r = await Xlsx.readRegister(csv, { activities })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.issues[0]?.code).toBe("import/not-xlsx")
      expect(r.error.issues[0]?.message).toContain("Csv.readRegister")
    }
    expect(await codeOf(new Uint8Array([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe]))).toBe("import/not-xlsx")
    expect(await codeOf(new Uint8Array(0))).toBe("import/empty-file")
    expect(await codeOf(join(dir, "does-not-exist.xlsx"))).toBe("import/cannot-open")
  })

  test("a password-protected workbook (encrypted OLE container, D0 CF 11 E0) → import/encrypted", async () => {
    const path = join(dir, "mat-khau.xlsx")
    writeFileSync(path, compoundFile(["EncryptionInfo", "EncryptedPackage"]))
    expect(readFileSync(path).subarray(0, 4)).toEqual(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))
    const r = await Xlsx.readRegister(path, { activities })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe("import/encrypted")
      expect(r.error.issues[0]?.message).toContain("password")
    }
  })

  test("an Excel 97–2003 .xls (OLE without encryption streams) → import/legacy-xls", async () => {
    expect(await codeOf(compoundFile(["Workbook", "\u0005SummaryInformation"]))).toBe("import/legacy-xls")
  })

  test("other zips: OpenDocument, Word, a zip without a workbook, an empty zip → import/not-xlsx", async () => {
    const ods = await Xlsx.readRegister(storedZip({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" }), { activities })
    expect(ods.ok).toBe(false)
    if (!ods.ok) expect(ods.error.issues[0]?.message).toContain(".ods")
    expect(await codeOf(storedZip({ "word/document.xml": "<w/>" }))).toBe("import/not-xlsx")
    expect(await codeOf(storedZip({ "a.txt": "x" }))).toBe("import/not-xlsx")
    expect(await codeOf(storedZip({}))).toBe("import/not-xlsx")
  })

  test("a zip cut short, with damaged entries or a failing CRC → import/corrupt-file, promptly", async () => {
    const t0 = Date.now()
    expect(await codeOf(good.slice(0, Math.floor(good.length / 2)))).toBe("import/corrupt-file")
    const zeroed = good.slice()
    zeroed.fill(0, Math.floor(zeroed.length * 0.4), Math.floor(zeroed.length * 0.6))
    expect(await codeOf(zeroed)).toBe("import/corrupt-file")
    const flipped = good.slice()
    for (let i = 100; i < 300; i++) flipped[i] = (flipped[i] ?? 0) ^ 0x5a
    expect(await codeOf(flipped)).toBe("import/corrupt-file")
    const workbookXml = storedZip({ "xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": "<worksheet><sheetData>" })
    const badCrc = workbookXml.slice()
    badCrc[50] = (badCrc[50] ?? 0) ^ 1 // a byte of the first entry's data (30-byte header + 15-byte name)
    expect(await codeOf(badCrc)).toBe("import/corrupt-file")
    expect(Date.now() - t0).toBeLessThan(10_000)
  })

  // the check inflates into one buffer used again (./internal/sniff.ts, inPlace), or through the
  // stream where that is not there: the same verdict, code and detail on damaged archives
  test("checking entries in place and through the stream: the same answer on every damage", async () => {
    const bytesOf = (b: Uint8Array) => ({ size: b.length, read: async (at: number, n: number) => b.slice(at, at + n) })
    let seed = 7
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0)
    const variants: Array<Uint8Array> = [good]
    for (let k = 0; k < 60; k++) {
      const v = good.slice()
      const at = next() % Math.floor(good.length * 0.9)
      const n = 1 + (next() % 40)
      for (let i = at; i < Math.min(v.length, at + n); i++) v[i] = k % 3 === 0 ? 0 : (v[i] ?? 0) ^ (1 + (next() % 255))
      variants.push(v)
    }
    let damaged = 0
    for (const v of variants) {
      const inPlace = await sniff(bytesOf(v), 1 << 30)
      const streamed = await withStreamedInflate(() => sniff(bytesOf(v), 1 << 30))
      expect(inPlace).toEqual(streamed)
      if (!inPlace.ok) damaged++
    }
    expect(damaged).toBeGreaterThan(30)
    // a budget reached in the middle of an entry
    expect(await sniff(bytesOf(good), 5000)).toEqual(await withStreamedInflate(() => sniff(bytesOf(good), 5000)))
  })

  test("well-formed zip, broken XML → import/corrupt-file (the parser's error, caught)", async () => {
    const zip = storedZip({
      "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="S" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>',
      "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c></row><row r="2"><c r="A2"></worksheet>'
    })
    expect(await codeOf(zip)).toBe("import/corrupt-file")
  })

  test("an empty sheet → import/empty-sheet", async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet("Trống")
    expect(await codeOf(new Uint8Array(await wb.xlsx.writeBuffer()))).toBe("import/empty-sheet")
  })

  test("a huge sheet: the row limit stops reading with import/too-many-rows", async () => {
    const bytes = await write([Report.plan(Array.from({ length: 2500 }, (_, k) => planRow(k + 1)))])
    const t0 = Date.now()
    const r = await Xlsx.readRegister(bytes, { activities, maxRows: 1000 })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      const last = r.error.issues[r.error.issues.length - 1]
      expect([last?.code, last?.row]).toEqual(["import/too-many-rows", 1009])
      expect(r.error.partial?.proposals).toHaveLength(1000)
    }
    expect(Date.now() - t0).toBeLessThan(20_000)
  })

  test("byte limits: the file (path, bytes or stream) and what it decompresses to", async () => {
    const path = join(dir, "limit.xlsx")
    writeFileSync(path, good)
    expect(await codeOf(path, { maxBytes: 1000 })).toBe("import/too-large")
    expect(await codeOf(good, { maxBytes: 1000 })).toBe("import/too-large")
    expect(await codeOf(Readable.from([Buffer.from(good)]), { maxBytes: 1000 })).toBe("import/too-large")
    expect(await codeOf(good, { maxUncompressedBytes: 10_000 })).toBe("import/too-large")
    expect(await codeOf(good)).toBe("ok")
  })

  test("a stream that never ends is bounded by maxBytes", async () => {
    const never = new Readable({ read() {} })
    never.push(Buffer.from(good.subarray(0, 100)))
    expect(await codeOf(never, { maxBytes: 50 })).toBe("import/too-large")
  })

  test("the stall safety net turns work that stops moving into a typed result instead of a pending promise", async () => {
    const t0 = Date.now()
    const never = await guard(() => new Promise<string>(() => undefined), 50, () => "stalled")
    expect(never).toBe("stalled")
    expect(Date.now() - t0).toBeLessThan(5_000)
    // work that keeps reporting progress is not cut short, however long it takes (1,8 s > 1 s)
    const slow = await guard(
      async (progress) => {
        for (let i = 0; i < 12; i++) {
          await new Promise((r) => setTimeout(r, 150))
          progress()
        }
        return "done"
      },
      1_000,
      () => "stalled"
    )
    expect(slow).toBe("done")
  })
})

describe("register rows round-trip through .xlsx", () => {
  test("an exported plan imports back to the same proposals", async () => {
    const rows = [
      planRow(1),
      planRow(2, {
        form: "group",
        beneficiaries: ["cs-01", "cs-02", "cs-03"],
        fund: "national",
        locations: [{ provinceCode: "02", provinceName: "Hà Giang", district: "huyện Bắc Mê", commune: { name: "Minh Ngọc", kind: "commune" } }],
        approvalDate: LocalDate.parseOrThrow("2024-01-15")
      }),
      planRow(3, { form: "task", activity: "typical-product", beneficiaries: [], total: Money.make(350_500_000n), requestedSupport: Money.make(350_500_000n), counterpartFunding: Money.zero, otherStateFunding: Money.zero, item: "typical-product.selection-national" }),
      planRow(4, { implementingUnitCode: "TTKC-HY", otherStateFunding: Money.make(100_000n), counterpartFunding: Money.make(699_904_000n) })
    ]
    const expected = rows.map((r) => {
      const p = Register.toProposal(r)
      if (!p.ok) throw p.error
      return p.value
    })
    const bytes = await write([Report.plan(rows, { activityNames: Object.fromEntries(activities.map((a) => [a.code, a.nameVi ?? a.code])) })])
    const r = await Xlsx.readRegister(bytes, { activities })
    if (!r.ok) throw r.error
    expect(r.value.proposals).toEqual(expected)
    expect(r.value.skipped.map((s) => s.reason)).toEqual(["subtotal", "signature", "signature", "signature"])
  })

  test("a proposal of several activities exports (a row per activity under its number) and imports back whole", async () => {
    const one = Register.toProposal(planRow(1))
    if (!one.ok) throw one.error
    const a = one.value.activities[0]
    const line = a?.costLines[0]
    if (a === undefined || line === undefined) throw new Error("no activity")
    const management = { ...a, activity: "management", costLines: [{ ...line, item: "management", total: Money.make(40_000_000n), requestedSupport: Money.make(40_000_000n), counterpartFunding: Money.zero }] }
    const two = { ...one.value, activities: [a, management] }
    const rows = Report.planRowsOf([two, Result.getOrThrow(Register.toProposal(planRow(2)))], new Map([[two.id, Money.make(740_000_000n)]]))
    if (!rows.ok) throw rows.error
    expect(rows.value.map((r) => [r.id, r.activity, r.approved])).toEqual([
      [two.id, "machinery", 740_000_000n],
      [two.id, "management", undefined],
      ["HY-2024-002", "machinery", undefined]
    ])
    // written and read with the catalogue of the law (the defaults): "Chi quản lý đề án" is its short form
    const bytes = await Xlsx.exportPlan(rows.value)
    if (!bytes.ok || bytes.value === undefined) throw new Error("export failed")
    const r = await Xlsx.readRegister(bytes.value, {})
    if (!r.ok) throw r.error
    expect(r.value.proposals.map((p) => [p.id, p.activities.map((x) => [x.activity, x.costLines.map((l) => l.total)])])).toEqual([
      [two.id, [["machinery", [1_400_001_000n]], ["management", [40_000_000n]]]],
      ["HY-2024-002", [["machinery", [1_400_002_000n]]]]
    ])
  })
})
