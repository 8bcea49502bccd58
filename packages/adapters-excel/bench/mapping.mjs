// Benchmark: the register mapping alone (Register.reader over rows already read), to weigh changes
// to the mapping without the zip, the XML and the noise of the whole import.
//
//   npx tsc -b packages/adapters-excel && node packages/adapters-excel/bench/mapping.mjs register.xlsx [--stream] [--passes 7]
//
// Reads the first sheet's rows once with the adapter's row reader (src/internal/rows.ts), then
// maps them `--passes` times in this process (a fresh reader each pass, keeping the proposals
// unless --stream) and prints the CPU time of each pass, lowest and median. A register to read:
// `node packages/adapters-excel/bench/import.mjs --rounds 1 --small --file register.xlsx` writes one.

const dist = new URL("../dist/", import.meta.url).href
const { requireExcelJS } = await import(`${dist}internal/exceljs.js`)
const { sheetRows } = await import(`${dist}internal/rows.js`)
const { Register } = await import(`${dist}index.js`)

const activities = [
  { code: "machinery", nameVi: "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ" },
  { code: "demo-model", nameVi: "Xây dựng mô hình trình diễn kỹ thuật" },
  { code: "typical-product", nameVi: "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu" },
  { code: "domestic-fair", nameVi: "Hội chợ, triển lãm hàng công nghiệp nông thôn trong nước" }
]
const file = process.argv[2]
if (file === undefined || file.startsWith("--")) throw new Error("usage: mapping.mjs register.xlsx [--stream] [--passes 7]")
const collect = !process.argv.includes("--stream")
const pi = process.argv.indexOf("--passes")
const PASSES = pi === -1 ? 7 : Number(process.argv[pi + 1])

const WorkbookReader = requireExcelJS("./lib/stream/xlsx/workbook-reader.js")
const wb = new WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" })
const rows = []
for await (const ws of wb) {
  for await (const batch of sheetRows(ws, wb)) for (const r of batch) if (r !== null) rows.push(r)
  break
}
const times = []
let kept = 0
for (let k = 0; k < PASSES; k++) {
  const c0 = process.cpuUsage()
  const rd = Register.reader({ activities, collect, onProposal: () => {} }, { sheet: "bench" })
  for (const r of rows) if (!rd.push(r.cells, r.number)) break
  const res = rd.end()
  const c = process.cpuUsage(c0)
  times.push((c.user + c.system) / 1000)
  if (!res.ok) throw new Error(JSON.stringify(res.error.issues.slice(0, 3)))
  kept = res.value.proposals.length
}
const sorted = times.slice().sort((a, b) => a - b)
console.log(
  `${rows.length} rows, ${kept} proposals kept; mapping CPU per pass: lowest ${sorted[0].toFixed(0)} ms, median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms (passes: ${times.map((t) => t.toFixed(0)).join(" ")})`
)
