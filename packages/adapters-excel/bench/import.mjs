// Benchmark: streaming import of a 50,000-row register (biểu tổng hợp đề án) from .xlsx.
//
//   cd /work/main && npx tsc -b packages/adapters-excel && node packages/adapters-excel/bench/import.mjs [rows]
//
// Writes a register with the package's own streaming writer (Xlsx.exportPlan: title row, header,
// one proposal per row, totals row with SUM formulas), then, each in a fresh child process (so the
// figures are each run's alone):
//   - exceljs alone reading the same cells: its streaming WorkbookReader (the same options the
//     adapter uses), every row's values touched, nothing kept: the floor the adapter is held to
//     (within 1.5x in time and in peak memory);
//   - the import keeping every proposal (collect: true, the default);
//   - the import streaming them out through onProposal (collect: false);
//   - the same with the V8 heap capped at 128 MB (it completes: memory does not grow with the
//     sheet beyond the ~150 bytes a row that duplicate detection keeps).
//   - exceljs's in-memory reader (Workbook.xlsx.readFile), what a caller writes without this package;
// Prints rows/s and the peak resident set size (process.resourceUsage().maxRSS) of each child,
// and the ratios to exceljs's streaming reader alone.
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const here = fileURLToPath(import.meta.url)
const dist = new URL("../dist/index.js", import.meta.url).href

const activities = [
  { code: "machinery", nameVi: "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ" },
  { code: "demo-model", nameVi: "Xây dựng mô hình trình diễn kỹ thuật" },
  { code: "typical-product", nameVi: "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu" },
  { code: "domestic-fair", nameVi: "Hội chợ, triển lãm hàng công nghiệp nông thôn trong nước" }
]

if (process.argv[2] === "--exceljs") {
  // child: exceljs alone, the same streaming reader and options as the adapter, every cell touched
  const { createRequire } = await import("node:module")
  const ExcelJS = createRequire(new URL("../package.json", import.meta.url))("exceljs")
  const t0 = performance.now()
  const wb = new ExcelJS.stream.xlsx.WorkbookReader(process.argv[3], {
    worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore"
  })
  let rows = 0
  let cells = 0
  for await (const ws of wb) {
    for await (const row of ws) {
      rows++
      for (const v of row.values) if (v !== undefined && v !== null) cells++
    }
  }
  const seconds = (performance.now() - t0) / 1000
  process.stdout.write(JSON.stringify({ rows, cells, seconds, peakRssMB: process.resourceUsage().maxRSS / 1024 }))
  process.exit(0)
}

if (process.argv[2] === "--exceljs-workbook") {
  // child: exceljs's in-memory reader (Workbook.xlsx.readFile), what a caller writes by hand, every cell touched
  const { createRequire } = await import("node:module")
  const ExcelJS = createRequire(new URL("../package.json", import.meta.url))("exceljs")
  const t0 = performance.now()
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(process.argv[3])
  let rows = 0
  let cells = 0
  for (const ws of wb.worksheets)
    ws.eachRow({ includeEmpty: false }, (row) => {
      rows++
      for (const v of row.values) if (v !== undefined && v !== null) cells++
    })
  const seconds = (performance.now() - t0) / 1000
  process.stdout.write(JSON.stringify({ rows, cells, seconds, peakRssMB: process.resourceUsage().maxRSS / 1024 }))
  process.exit(0)
}

if (process.argv[2] === "--import") {
  // child: import and report
  const { Xlsx } = await import(dist)
  const file = process.argv[3]
  const collect = process.argv[4] === "collect"
  let streamed = 0
  const t0 = performance.now()
  const r = await Xlsx.readRegister(file, { activities, collect, onProposal: () => streamed++ })
  const seconds = (performance.now() - t0) / 1000
  if (!r.ok) {
    console.error(r.error.issues.slice(0, 5))
    process.exit(1)
  }
  process.stdout.write(
    JSON.stringify({ rows: streamed, kept: r.value.proposals.length, seconds, peakRssMB: process.resourceUsage().maxRSS / 1024 })
  )
  process.exit(0)
}

const N = Number(process.argv[2] ?? 50_000)
const { Xlsx } = await import(dist)
const { LocalDate, Money } = await import("@khuyencong/core")
const dir = mkdtempSync(join(tmpdir(), "khuyencong-bench-"))
const file = join(dir, `register-${N}.xlsx`)
const provinces = [["02", "Hà Giang"], ["24", "Bắc Giang"], ["33", "Hưng Yên"], ["38", "Thanh Hóa"], ["40", "Nghệ An"]]
const rows = Array.from({ length: N }, (_, i) => {
  const [code, name] = provinces[i % provinces.length]
  const total = BigInt(300 + (i % 1700)) * 1_000_000n + BigInt(i % 1000) * 1000n
  const support = (total * 3n) / 10n - ((total * 3n) / 10n) % 1000n
  return {
    id: `${code}-2024-${String(i + 1).padStart(5, "0")}`,
    title: `Hỗ trợ ứng dụng máy móc thiết bị tiên tiến vào sản xuất tại cơ sở số ${i + 1}, tỉnh ${name}`,
    fund: i % 3 === 0 ? "national" : "local",
    form: "single",
    activity: activities[i % activities.length].code,
    implementingUnit: `Trung tâm Khuyến công và Xúc tiến thương mại tỉnh ${name}`,
    beneficiaries: [`cs-${i + 1}`],
    locations: [{ provinceCode: code, provinceName: name }],
    planYear: 2024,
    start: LocalDate.parseOrThrow("2024-03-01"),
    end: LocalDate.parseOrThrow("2024-11-30"),
    total: Money.make(total),
    requestedSupport: Money.make(support),
    counterpartFunding: Money.make(total - support)
  }
})
const tw = performance.now()
const w = await Xlsx.exportPlan(rows, { path: file, activityNames: Object.fromEntries(activities.map((a) => [a.code, a.nameVi])) })
if (!w.ok) throw w.error
const writeSeconds = (performance.now() - tw) / 1000
rows.length = 0

const run = (mode, flags = []) => {
  const c = spawnSync(process.execPath, [...flags, here, mode === "exceljs" ? "--exceljs" : mode === "workbook" ? "--exceljs-workbook" : "--import", file, mode], { encoding: "utf8" })
  if (c.status !== 0) throw new Error(c.stderr)
  return JSON.parse(c.stdout)
}
const bare = run("exceljs")
const whole = run("workbook")
const keep = run("collect")
const stream = run("stream")
const capped = run("stream", ["--max-old-space-size=128"])
const fmt = (x) => `${x.rows} rows in ${x.seconds.toFixed(2)} s = ${Math.round(x.rows / x.seconds)} rows/s, peak RSS ${Math.round(x.peakRssMB)} MB`
console.log(`node ${process.version}, ${process.platform} ${process.arch}`)
console.log(`file: ${N} proposal rows, ${(statSync(file).size / 1048576).toFixed(1)} MB, written in ${writeSeconds.toFixed(2)} s (streaming writer)`)
const ratio = (x) => `${(x.seconds / bare.seconds).toFixed(2)}x the time, ${(x.peakRssMB / bare.peakRssMB).toFixed(2)}x the peak RSS of exceljs alone`
console.log(`exceljs alone reading the same cells (${bare.rows} rows, ${bare.cells} cells): ${bare.seconds.toFixed(2)} s, peak RSS ${Math.round(bare.peakRssMB)} MB (streaming reader)`)
console.log(`exceljs's in-memory reader (Workbook.xlsx.readFile) of the same cells: ${whole.seconds.toFixed(2)} s, peak RSS ${Math.round(whole.peakRssMB)} MB`)
console.log(`import, keeping the proposals (collect: true):  ${fmt(keep)}; ${ratio(keep)}`)
console.log(`import, streaming them out (collect: false):    ${fmt(stream)}; ${ratio(stream)}`)
console.log(`the same with a 128 MB heap (--max-old-space-size=128): ${fmt(capped)}`)
rmSync(dir, { recursive: true, force: true })
