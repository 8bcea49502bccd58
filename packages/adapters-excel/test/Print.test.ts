/**
 * Reports as a Sở Công Thương prints them: every report is printed to PDF by LibreOffice
 * (Vietnamese locale) and the PDF is checked with poppler-utils (`pdfinfo`, `pdftotext`): A4,
 * landscape where the report is wide, the title and the header on page 1, the header repeated on
 * every page, page numbers from page 2, and as many pages as the rows need (within one); every letter
 * in Times New Roman (no fallback font), no word printed over another (`pdftotext -bbox`). Page 1
 * of each report is rendered to PNG in test/out/ (git-ignored) to be looked at.
 *
 * Without `soffice` or poppler-utils these tests fail with a message saying how to install them.
 */
import { spawnSync } from "node:child_process"
import { mkdirSync, writeFileSync } from "node:fs"
import { basename, join } from "node:path"
import { fileURLToPath } from "node:url"
import { LocalDate, Money, Progress, Result } from "@khuyencong/core"
import { describe, expect, test } from "vitest"
import { ExcelJS } from "./exceljs.js"
import * as Report from "../src/Report.js"
import * as Xlsx from "../src/Xlsx.js"
import { convert, libreOffice } from "./helpers.js"

const out = fileURLToPath(new URL("./out/", import.meta.url))

const tool = (name: string, args: ReadonlyArray<string>): string => {
  const r = spawnSync(name, args, { encoding: "utf8" })
  if (r.error !== undefined)
    throw new Error(`\`${name}\` (poppler-utils) is required by these tests but was not found on PATH. Install it (Debian/Ubuntu: \`apt-get install -y poppler-utils\`) and run the tests again.`)
  if (r.status !== 0) throw new Error(`${name} failed: ${r.stderr}`)
  return r.stdout
}

/** A word as printed: its box in points from the page's top left. */
interface Word {
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
  readonly text: string
}

interface Printed {
  readonly pages: number
  /** The words of each page with their boxes (`pdftotext -bbox`). */
  readonly words: ReadonlyArray<ReadonlyArray<Word>>
  /** The fonts the PDF embeds (`pdffonts`). */
  readonly fonts: ReadonlyArray<string>
  /** Width and height in points of each page. */
  readonly sizes: ReadonlyArray<readonly [number, number]>
  /** Text of each page, laid out as printed. */
  readonly text: ReadonlyArray<string>
  /** The same without spaces or line breaks (compare with {@link bare} text). */
  readonly flat: ReadonlyArray<string>
}

const printed = (pdf: string): Printed => {
  const pages = Number(/Pages:\s+(\d+)/.exec(tool("pdfinfo", [pdf]))?.[1] ?? 0)
  const info = tool("pdfinfo", ["-f", "1", "-l", String(pages), pdf])
  const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const)
  const text = Array.from({ length: pages }, (_, k) => tool("pdftotext", ["-layout", "-f", String(k + 1), "-l", String(k + 1), pdf, "-"]))
  // and without spaces: what wraps in a cell reads on, and the spaces pdftotext puts inside a word
  // of italic or kerned text ("THƯƠ NG") do not matter
  const words: Array<Array<Word>> = []
  for (const line of tool("pdftotext", ["-bbox", pdf, "-"]).split("\n")) {
    if (line.includes("<page ")) words.push([])
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line)
    if (m !== null) words.at(-1)?.push({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] ?? "" })
  }
  const fonts = tool("pdffonts", [pdf])
    .split("\n")
    .slice(2)
    .map((l) => l.split(/\s+/)[0]?.replace(/^[A-Z]{6}\+/, "") ?? "")
    .filter((f) => f !== "")
  return { pages, words, fonts, sizes, text, flat: text.map((t) => t.replace(/\s+/g, "")) }
}

const acts = ["machinery", "demo-model", "media", "typical-product", "consultancy", "management"]
const units = ["Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hưng Yên", "Phòng Kinh tế huyện Yên Mỹ", "Công ty TNHH Dệt may Phố Hiến"]
const planRows = (n: number): ReadonlyArray<Report.PlanRow> =>
  Array.from({ length: n }, (_, i) => {
    const total = BigInt(300 + i * 37) * 1_000_000n + (i % 3 === 0 ? 500_000n : 0n)
    const support = (total / 2n / 1000n) * 1000n
    return {
      id: `HY-2024-${String(i + 1).padStart(3, "0")}`,
      title:
        i % 4 === 0
          ? `Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào sản xuất sản phẩm mây tre đan xuất khẩu tại cơ sở số ${i + 1}`
          : `Xây dựng mô hình trình diễn kỹ thuật sản xuất gạch không nung ${i + 1}`,
      fund: "local",
      form: i % 5 === 0 ? "group" : "single",
      activity: acts[i % acts.length] ?? "machinery",
      implementingUnit: units[i % units.length] ?? "",
      beneficiaries: i % 5 === 0 ? ["cs-01", "cs-02"] : [`cs-${i}`],
      locations: [{ provinceCode: "33", provinceName: "Hưng Yên", district: "huyện Yên Mỹ", commune: { name: "Tân Lập", kind: "commune" } }],
      planYear: 2024,
      start: LocalDate.parseOrThrow("2024-03-01"),
      end: LocalDate.parseOrThrow("2024-11-30"),
      total: Money.make(total),
      requestedSupport: Money.make(support),
      counterpartFunding: Money.make(total - support),
      approved: Money.make(support)
    }
  })
const names: Readonly<Record<string, string>> = { "cs-01": "HTX mây tre đan Phú Thị", "cs-02": "Cơ sở mộc Đức Hòa" }
const document: Report.Document = {
  province: "Hưng Yên",
  decision: { number: "15/QĐ-SCT", date: LocalDate.parseOrThrow("2024-01-15"), by: "Sở Công Thương tỉnh Hưng Yên" },
  date: LocalDate.parseOrThrow("2024-01-15"),
  preparer: { name: "Trần Thị Bình" },
  head: { title: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", name: "Nguyễn Văn An" }
}
const planOptions = { title: "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024", document, beneficiaryNames: (id: string) => names[id] ?? `Cơ sở sản xuất ${id}` }

const pdfs: Record<string, Printed> = {}
const xlsx: Record<string, string> = {}

const { ready } = libreOffice(async (profile, work) => {
  tool("pdfinfo", ["-v"])
  const write = async (name: string, r: Promise<Result.Result<Uint8Array | undefined, unknown>>) => {
    const v = await r
    if (!v.ok || v.value === undefined) throw new Error(`export ${name} failed`)
    const path = join(work, `${name}.xlsx`)
    writeFileSync(path, v.value)
    xlsx[name] = path
    return path
  }
  const allocationRows: Array<Report.AllocationRow> = planRows(30).map((r, i) => ({
    id: r.id,
    title: r.title,
    requested: r.requestedSupport,
    allocated: i % 4 === 3 ? Money.zero : r.requestedSupport,
    status: i % 4 === 3 ? "Không được hỗ trợ" : "Được hỗ trợ toàn bộ",
    reason: i % 4 === 3 ? "Không đủ kinh phí" : "Đủ kinh phí",
    constraint: i % 4 === 3 ? "Kinh phí được giao" : ""
  }))
  const progress = Result.getOrThrow(
    Progress.report({
      assignments: [
        { id: "kh-2024-kcqg", amount: Money.make(1_600_000_000n), province: "33", fund: "national", activity: "machinery" },
        { id: "kh-2024-kcdp", amount: Money.make(2_400_000_000n), province: "33", fund: "local", activity: "media" }
      ],
      disbursements: [
        { date: LocalDate.parseOrThrow("2024-06-30"), amount: Money.make(900_000_000n), assignment: "kh-2024-kcqg" },
        { date: LocalDate.parseOrThrow("2024-09-30"), amount: Money.make(1_200_000_000n), assignment: "kh-2024-kcdp" }
      ],
      asOf: LocalDate.parseOrThrow("2024-09-30")
    })
  )
  const files = [
    await write("plan", Xlsx.exportPlan(planRows(19), planOptions)),
    await write("plan-long", Xlsx.exportPlan(planRows(120), planOptions)),
    await write("allocation", Xlsx.exportAllocation(allocationRows, { summary: { envelope: Money.make(10_000_000_000n) }, title: "KẾT QUẢ PHÂN BỔ KINH PHÍ KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024", document })),
    await write("progress", Xlsx.exportProgress(progress, { title: "TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG NĂM 2024", document }))
  ]
  for (const f of convert(profile, files, "pdf", join(work, "pdf"))) pdfs[basename(f, ".pdf")] = printed(f)
  mkdirSync(out, { recursive: true })
  for (const name of ["plan", "allocation", "progress"]) tool("pdftoppm", ["-png", "-r", "110", "-f", "1", "-l", "1", "-singlefile", join(work, "pdf", `${name}.pdf`), join(out, `${name}-page1`)])
})

const A4 = [595.3, 841.9] as const
/** Text without spaces, to look for in {@link Printed.flat}. */
const bare = (s: string): string => s.replace(/\s+/g, "")

/**
 * The pages the rows need, from the workbook alone: the rows' heights (points), scaled as the page
 * is fitted to its width (a column width counts digits of Calibri 11, 7 pixels, plus 5), on the
 * printable height of an A4 page less the header repeated on each.
 */
const pagesNeeded = async (path: string, orientation: "portrait" | "landscape"): Promise<number> => {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  const ws = wb.worksheets[0]
  if (ws === undefined) throw new Error("no sheet")
  const m = ws.pageSetup.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75 }
  const [pw, ph] = orientation === "portrait" ? A4 : [A4[1], A4[0]]
  const usableW = pw - (m.left + m.right) * 72
  const usableH = ph - (m.top + m.bottom) * 72
  const widthPt = ws.columns.reduce((a, c) => a + ((c.width ?? 9) * 7 + 5) * 0.75, 0)
  const scale = Math.min(1, usableW / widthPt)
  const [first, last] = (ws.pageSetup.printTitlesRow ?? "1:1").split(":").map(Number)
  let total = 0
  let header = 0
  for (let r = 1; r <= ws.rowCount; r++) {
    const h = (ws.getRow(r).height ?? 15) * scale
    total += h
    if (r >= (first ?? 1) && r <= (last ?? 1)) header += h
  }
  return Math.max(1, Math.ceil((total - header) / (usableH - header)))
}
const isA4 = ([w, h]: readonly [number, number], orientation: "portrait" | "landscape") =>
  orientation === "portrait" ? Math.abs(w - A4[0]) < 1 && Math.abs(h - A4[1]) < 1 : Math.abs(w - A4[1]) < 1 && Math.abs(h - A4[0]) < 1

describe("printed through LibreOffice", () => {
  test.each([
    ["plan", "landscape", ["KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024", "Tên đề án"]],
    ["plan-long", "landscape", ["KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024", "Tên đề án"]],
    ["allocation", "landscape", ["KẾT QUẢ PHÂN BỔ KINH PHÍ KHUYẾN CÔNG", "Kinh phí phân bổ"]],
    ["progress", "portrait", ["TIẾN ĐỘ GIẢI NGÂN KINH PHÍ KHUYẾN CÔNG NĂM 2024", "Tỷ lệ"]]
  ] as const)("%s: A4 %s, title and header on page 1, the header on every page", (name, orientation, [title, header]) => {
    ready()
    const p = pdfs[name]
    if (p === undefined) throw new Error(`no PDF of ${name}`)
    expect(p.sizes.length).toBe(p.pages)
    for (const s of p.sizes) expect(isA4(s, orientation), `page size ${s.join(" x ")}`).toBe(true)
    const page1 = p.flat[0] ?? ""
    expect(page1).toContain(bare(title))
    expect(page1).toContain(bare("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    expect(page1).toContain(bare("Độc lập - Tự do - Hạnh phúc"))
    expect(page1).toContain(bare("SỞ CÔNG THƯƠNG"))
    p.flat.forEach((t, k) => expect(t, `page ${k + 1}`).toContain(bare(header)))
  })

  test("the plan of 19 rows × 16 columns: two pages, its title on page 1, its signature block on the last, page numbers from page 2", async () => {
    ready()
    const p = pdfs["plan"]
    if (p === undefined) throw new Error("no PDF")
    expect(p.pages).toBe(2)
    expect(p.flat[0]).toContain(bare("(Kèm theo Quyết định số 15/QĐ-SCT ngày 15/01/2024 của Sở Công Thương tỉnh Hưng Yên)"))
    expect(p.flat[0]).toContain(bare("Đơn vị tính: triệu đồng"))
    expect(p.flat[0]).toContain(bare("Ứng dụng máy móc"))
    expect(p.flat[0]).toContain(bare("HTX mây tre đan"))
    expect(p.flat[0]).not.toMatch(/machinery|cs-01/)
    const last = p.flat[p.pages - 1] ?? ""
    for (const s of ["Tổng cộng", "Hưng Yên, ngày 15 tháng 01 năm 2024", "NGƯỜI LẬP BIỂU", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]) expect(last).toContain(bare(s))
    expect(p.text[1]?.split("\n").find((l) => l.trim() !== "")?.trim()).toBe("2")
  })

  test.each([
    ["plan", 19],
    ["plan-long", 120],
    ["allocation", 30]
  ] as const)("%s: every row printed once, and as many pages as the rows need (within one)", async (name, count) => {
    ready()
    const p = pdfs[name]
    if (p === undefined) throw new Error("no PDF")
    // each data row once, on one page (ids HY-2024-001 …)
    const perPage = p.text.map((t) => new Set(t.match(/HY-2024-\d{3}/g) ?? []))
    const all = perPage.flatMap((s) => [...s])
    expect(all.length).toBe(count)
    expect(new Set(all).size).toBe(count)
    // no page is wasted: the rows fill every page but the last, within one page of what they need
    const full = Math.max(...perPage.map((s) => s.size))
    expect(Math.abs(p.pages - Math.ceil(count / full)), `${p.pages} pages printed for ${count} rows of at most ${full} a page`).toBeLessThanOrEqual(1)
    // and within one page of what the workbook's row heights and column widths need
    const path = xlsx[name]
    if (path === undefined) throw new Error("no workbook")
    const needed = await pagesNeeded(path, "landscape")
    expect(Math.abs(p.pages - needed), `${p.pages} pages printed, ${needed} needed`).toBeLessThanOrEqual(1)
  })

  test("progress: one page per table (by province, fund, activity, month)", () => {
    ready()
    const p = pdfs["progress"]
    if (p === undefined) throw new Error("no PDF")
    expect(p.pages).toBe(4)
    expect(p.flat.map((t) => /THEO(TỈNH|NGUỒN|NỘIDUNG|THÁNG)/.exec(t)?.[1])).toEqual(["TỈNH", "NGUỒN", "NỘIDUNG", "THÁNG"])
    expect(p.flat[0]).toContain(bare("Hưng Yên"))
    expect(p.flat[2]).toContain(bare("Ứng dụng máy móc"))
    expect(p.flat[2]).not.toMatch(/\b(?:media|machinery)\b/)
  })

  test.each(["plan", "plan-long", "allocation", "progress"])("%s: printed in Times New Roman (or its metric twin) alone, no word over another, the motto on one line", (name) => {
    ready()
    const p = pdfs[name]
    if (p === undefined) throw new Error(`no PDF of ${name}`)
    // a letter the font lacks is printed in a fallback font of other widths, and the rows' heights,
    // measured in Times New Roman, no longer hold the lines (Debian's fonts-liberation 1.x has no
    // Vietnamese; fonts-liberation2 has)
    expect(p.fonts.filter((f) => !/^(?:LiberationSerif|TimesNewRoman)/.test(f)), "fonts other than Times New Roman: install fonts-liberation2").toEqual([])
    p.words.forEach((words, k) => {
      const over: Array<string> = []
      for (let i = 0; i < words.length; i++)
        for (let j = i + 1; j < words.length; j++) {
          const [a, b] = [words[i] as Word, words[j] as Word]
          const x = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)
          const y = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0)
          // the boxes of two lines in a row touch (a font's box is taller than its line); a line
          // printed over another covers a third of it or more
          if (x > 0.5 && y > 0.3 * Math.min(a.y1 - a.y0, b.y1 - b.y0)) over.push(`"${a.text}" / "${b.text}"`)
        }
      expect(over, `page ${k + 1}`).toEqual([])
      if (p.flat[k]?.includes(bare("CỘNG HÒA")))
        expect(p.text[k]?.split("\n").some((l) => bare(l).includes(bare("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))), `page ${k + 1}: the motto on one line`).toBe(true)
    })
  })

  test("a title of two lines is given two lines' height: the line under it is printed below it", () => {
    ready()
    const p = pdfs["progress"]
    if (p === undefined) throw new Error("no PDF")
    // "… THEO NGUỒN KINH PHÍ" wraps on a portrait page (checked here, so that the case stays tested)
    const words = p.words[1] ?? []
    const title = words.filter((w) => w.y0 < (words.find((v) => v.text === "(Kèm")?.y0 ?? 0) && /^[A-ZĐÀ-Ỹ0-9]+$/u.test(w.text) && w.y0 > (words.find((v) => v.text === "Hạnh")?.y1 ?? 0))
    const lines = new Set(title.map((w) => Math.round(w.y0)))
    expect(lines.size).toBe(2)
    const below = words.find((v) => v.text === "(Kèm")
    expect(below?.y0).toBeGreaterThanOrEqual(Math.max(...title.map((w) => w.y1)) - 0.3 * ((below?.y1 ?? 0) - (below?.y0 ?? 0)))
  })

  test("the allocation's summary lines sit beside their labels, on the same page", () => {
    ready()
    const p = pdfs["allocation"]
    if (p === undefined) throw new Error("no PDF")
    const lines = p.text.flatMap((t) => t.split("\n"))
    for (const label of ["Kinh phí được giao", "Dự phòng quản lý chương trình", "Kinh phí phân bổ cho đề án", "Đã phân bổ", "Chưa phân bổ"]) {
      // the summary line is the last one naming it (the constraint column of a row may name it too)
      const line = lines.filter((l) => l.includes(label)).at(-1)
      expect(line, label).toBeDefined()
      expect(line, label).toMatch(/\d{1,3}(?:\.\d{3})+|\b0\b/)
    }
    expect(lines.filter((l) => l.includes("Kinh phí được giao")).at(-1)).toContain("10.000.000.000")
  })
})
