// Benchmark: streaming import of a 50,000-row register (biểu tổng hợp đề án) from .xlsx.
//
//   npx tsc -b packages/adapters-excel && node packages/adapters-excel/bench/import.mjs [rows] [--rounds 3] [--file path]
//
// --file: the register is written there once and reused by later runs (writing 50,000 rows takes
// longer than the runs on a busy machine); by default it is written to a temporary folder and removed.
//
// Writes a register with the package's own streaming writer (Xlsx.exportPlan: title row, header,
// one proposal per row, totals row with SUM formulas), then, each in a fresh child process (so the
// figures are each run's alone), in `--rounds` interleaved rounds (medians reported; the
// in-memory reader and the capped heap once, after them):
//   - exceljs alone reading the same cells: its streaming WorkbookReader (the same options the
//     adapter uses), every row's values touched, nothing kept: the floor the adapter is held to
//     (within 1.5x in time and in peak memory);
//   - the import keeping every proposal (collect: true, the default);
//   - the import streaming them out through onProposal (collect: false);
//   - the same with the V8 heap capped at 128 MB (it completes: memory does not grow with the
//     sheet beyond the ~150 bytes a row that duplicate detection keeps).
//   - exceljs's in-memory reader (Workbook.xlsx.readFile), what a caller writes without this package;
// Prints rows/s, the CPU time (user + system, GC threads included: less sensitive than wall time
// to other jobs on the machine) and the peak resident set size (process.resourceUsage().maxRSS)
// of each child, and the ratios to exceljs's streaming reader alone.
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { loadavg } from "node:os"
import { emit, within } from "../../../bench/report.mjs"

const here = fileURLToPath(import.meta.url)
const dist = new URL("../dist/index.js", import.meta.url).href

const activities = [
  { code: "machinery", nameVi: "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ" },
  { code: "demo-model", nameVi: "Xây dựng mô hình trình diễn kỹ thuật" },
  { code: "typical-product", nameVi: "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu" },
  { code: "domestic-fair", nameVi: "Hội chợ, triển lãm hàng công nghiệp nông thôn trong nước" }
]

const cpuSince = (c0) => {
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / 1e6
}

if (process.argv[2] === "--exceljs") {
  // child: exceljs alone, the same streaming reader and options as the adapter, every cell touched
  const { createRequire } = await import("node:module")
  const ExcelJS = createRequire(new URL("../package.json", import.meta.url))("exceljs")
  const c0 = process.cpuUsage()
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
  process.stdout.write(JSON.stringify({ rows, cells, seconds, cpu: cpuSince(c0), peakRssMB: process.resourceUsage().maxRSS / 1024 }))
  process.exit(0)
}

if (process.argv[2] === "--exceljs-workbook") {
  // child: exceljs's in-memory reader (Workbook.xlsx.readFile), what a caller writes by hand, every cell touched
  const { createRequire } = await import("node:module")
  const ExcelJS = createRequire(new URL("../package.json", import.meta.url))("exceljs")
  const c0 = process.cpuUsage()
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
  process.stdout.write(JSON.stringify({ rows, cells, seconds, cpu: cpuSince(c0), peakRssMB: process.resourceUsage().maxRSS / 1024 }))
  process.exit(0)
}

if (process.argv[2] === "--import") {
  // child: import and report
  const { Xlsx } = await import(dist)
  const file = process.argv[3]
  const collect = process.argv[4] === "collect"
  let streamed = 0
  const c0 = process.cpuUsage()
  const t0 = performance.now()
  const r = await Xlsx.readRegister(file, { activities, collect, onProposal: () => streamed++ })
  const seconds = (performance.now() - t0) / 1000
  if (!r.ok) {
    console.error(r.error.issues.slice(0, 5))
    process.exit(1)
  }
  process.stdout.write(
    JSON.stringify({ rows: streamed, kept: r.value.proposals.length, seconds, cpu: cpuSince(c0), peakRssMB: process.resourceUsage().maxRSS / 1024 })
  )
  process.exit(0)
}

const N = Number(process.argv[2] !== undefined && !process.argv[2].startsWith("--") ? process.argv[2] : 50_000)
const ri = process.argv.indexOf("--rounds")
const ROUNDS = ri === -1 ? 3 : Number(process.argv[ri + 1])
// the first argument is the row count unless it is an option
const { Xlsx } = await import(dist)
const { LocalDate, Money } = await import("@khuyencong/core")
const fi = process.argv.indexOf("--file")
const dir = fi === -1 ? mkdtempSync(join(tmpdir(), "khuyencong-bench-")) : undefined
const file = fi === -1 ? join(dir, `register-${N}.xlsx`) : process.argv[fi + 1]
const reuse = fi !== -1 && existsSync(file)
const provinces = [["02", "Hà Giang"], ["24", "Bắc Giang"], ["33", "Hưng Yên"], ["38", "Thanh Hóa"], ["40", "Nghệ An"]]
const rows = reuse ? [] : Array.from({ length: N }, (_, i) => {
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
if (!reuse) {
  const w = await Xlsx.exportPlan(rows, { path: file, activityNames: Object.fromEntries(activities.map((a) => [a.code, a.nameVi])) })
  if (!w.ok) throw w.error
}
const writeSeconds = (performance.now() - tw) / 1000
rows.length = 0

const run = (mode, flags = []) => {
  const c = spawnSync(process.execPath, [...flags, here, mode === "exceljs" ? "--exceljs" : mode === "workbook" ? "--exceljs-workbook" : "--import", file, mode], { encoding: "utf8" })
  if (c.status !== 0) throw new Error(c.stderr)
  return JSON.parse(c.stdout)
}
// interleaved rounds: the floor and the two imports in turn, medians of each
const samples = { exceljs: [], collect: [], stream: [] }
for (let r = 0; r < ROUNDS; r++) for (const mode of Object.keys(samples)) samples[mode].push(run(mode))
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const med = (mode) => {
  const xs = samples[mode]
  return { ...xs[0], seconds: median(xs.map((x) => x.seconds)), cpu: median(xs.map((x) => x.cpu)), peakRssMB: median(xs.map((x) => x.peakRssMB)) }
}
const bare = med("exceljs")
const keep = med("collect")
const stream = med("stream")
// --small (the runner's quick check): the two reference runs are left out
const small = process.argv.includes("--small")
const whole = small ? undefined : run("workbook")
const capped = small ? undefined : run("stream", ["--max-old-space-size=128"])
const fmt = (x) => `${x.rows} rows in ${x.seconds.toFixed(2)} s = ${Math.round(x.rows / x.seconds)} rows/s (CPU ${x.cpu.toFixed(2)} s), peak RSS ${Math.round(x.peakRssMB)} MB`
console.log(`node ${process.version}, ${process.platform} ${process.arch}; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}; medians of ${ROUNDS} interleaved rounds`)
console.log(`file: ${N} proposal rows, ${(statSync(file).size / 1048576).toFixed(1)} MB, ${reuse ? `reused (${file})` : `written in ${writeSeconds.toFixed(2)} s (streaming writer)`}`)
const ratio = (x) => `${(x.seconds / bare.seconds).toFixed(2)}x the time (CPU ${(x.cpu / bare.cpu).toFixed(2)}x), ${(x.peakRssMB / bare.peakRssMB).toFixed(2)}x the peak RSS of exceljs alone`
console.log(`exceljs alone reading the same cells (${bare.rows} rows, ${bare.cells} cells): ${bare.seconds.toFixed(2)} s (CPU ${bare.cpu.toFixed(2)} s), peak RSS ${Math.round(bare.peakRssMB)} MB (streaming reader)`)
if (whole !== undefined) console.log(`exceljs's in-memory reader (Workbook.xlsx.readFile) of the same cells: ${whole.seconds.toFixed(2)} s, peak RSS ${Math.round(whole.peakRssMB)} MB`)
console.log(`import, keeping the proposals (collect: true):  ${fmt(keep)}; ${ratio(keep)}`)
console.log(`import, streaming them out (collect: false):    ${fmt(stream)}; ${ratio(stream)}`)
if (capped !== undefined) console.log(`the same with a 128 MB heap (--max-old-space-size=128): ${fmt(capped)}`)
if (dir !== undefined) rmSync(dir, { recursive: true, force: true })
// the runner's rows: time (wall; the CPU ratio in the note) and peak RSS against exceljs's streaming reader alone, goal 1.5×
const rowsOf = (what, x) => [
  within("excel import", `Xlsx.readRegister ${N.toLocaleString("en-US")} rows, ${what}: time`, x.seconds, bare.seconds, "s", 1.5, `CPU ${(x.cpu / bare.cpu).toFixed(2)}×`),
  within("excel import", `Xlsx.readRegister ${N.toLocaleString("en-US")} rows, ${what}: peak RSS`, x.peakRssMB, bare.peakRssMB, "MB", 1.5)
]
emit([...rowsOf("keeping the proposals", keep), ...rowsOf("streaming them out", stream)])
