// The explorer page's size and first render: `pnpm bench:explorer [--loads 7]`.
//
// Builds the page (Vite, as `pnpm build` does), reports every file of dist/ raw, gzip -9 and
// brotli; then starts the service (`node packages/service/dist/main.js`, PGlite in memory) and
// loads /explorer/#/law/support.machinery.cap?date=2026-03-01 in headless Chromium (Debian's
// /usr/bin/chromium, or CHROMIUM_PATH), each load in a fresh browser context (empty cache), and
// reports the median of: the HTML's response end, DOMContentLoaded, the app's first render
// (performance mark `khuyencong:first-render`, after the library, the packs and the corpus are
// loaded and the first tree is rendered), first contentful paint, and the step chart drawn. Not a
// test: no timing is judged; prints markdown.
import { spawn } from "node:child_process"
import { readdirSync, readFileSync, statSync } from "node:fs"
import os from "node:os"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { brotliCompressSync, gzipSync } from "node:zlib"
import { chromium } from "playwright-core"
import { build } from "vite"

const here = dirname(fileURLToPath(import.meta.url))
const pkg = join(here, "..")
const root = join(pkg, "..", "..")
const dist = join(pkg, "dist")
const i = process.argv.indexOf("--loads")
const LOADS = i === -1 ? 7 : Number(process.argv[i + 1])
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`

const t0 = performance.now()
await build({ configFile: join(pkg, "vite.config.ts"), logLevel: "warn" })
const buildSeconds = (performance.now() - t0) / 1000

const files = []
const walk = (d) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f)
    if (statSync(p).isDirectory()) walk(p)
    else files.push(p)
  }
}
walk(dist)
const sizes = files.map((f) => {
  const b = readFileSync(f)
  return { file: relative(dist, f), raw: b.length, gzip: gzipSync(b, { level: 9 }).length, brotli: brotliCompressSync(b).length }
})

const service = spawn(process.execPath, [join(root, "packages/service/dist/main.js"), "--port", "0"], {
  env: { ...process.env, DATABASE_URL: "", KHUYENCONG_TOKENS: JSON.stringify({ tokens: [{ token: "bench-reader-token-0123456789", principal: "bench", roles: ["reader"] }] }) },
  stdio: ["ignore", "pipe", "inherit"]
})
const base = await new Promise((resolve, reject) => {
  let out = ""
  service.stdout.on("data", (d) => {
    out += d
    const m = /listening on (http:\/\/\S+)/.exec(out)
    if (m) resolve(m[1])
  })
  service.once("exit", (c) => reject(new Error(`the service exited (${c}) before listening`)))
})

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox"] })
const runs = []
for (let n = 0; n < LOADS; n++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const page = await context.newPage()
  await page.goto(`${base}/explorer/#/law/support.machinery.cap?date=2026-03-01`)
  await page.waitForSelector("html[data-ready='true']")
  await page.waitForFunction("document.querySelector(\"canvas[data-testid='step-chart']\")?.width > 0")
  const chartAt = await page.evaluate("performance.now()")
  const t = await page.evaluate(`(() => {
    const nav = performance.getEntriesByType("navigation")[0]
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]
    const mark = performance.getEntriesByName("khuyencong:first-render")[0]
    return { html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, render: mark.startTime, fcp: fcp ? fcp.startTime : NaN }
  })()`)
  if (n > 0) runs.push({ ...t, chart: chartAt }) // the first load warms the service and the disk
  await context.close()
}
const version = browser.version()
await browser.close()
service.kill("SIGTERM")

const total = (k) => sizes.reduce((s, x) => s + x[k], 0)
const out = []
out.push(`## Explorer page (\`pnpm bench:explorer\`)`, "")
out.push(`Build (Vite ${JSON.parse(readFileSync(join(pkg, "node_modules/vite/package.json"), "utf8")).version}): ${buildSeconds.toFixed(1)} s.`, "")
out.push("| file | raw | gzip -9 | brotli |", "|---|--:|--:|--:|")
for (const s of sizes.sort((a, b) => b.raw - a.raw)) out.push(`| ${s.file} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`)
out.push(`| **total** | ${kb(total("raw"))} | ${kb(total("gzip"))} | ${kb(total("brotli"))} |`, "")
out.push(`First render, served by the service at /explorer/ (127.0.0.1), law view of support.machinery.cap, median of ${runs.length} cold loads (fresh context each, after one warm-up), ms from navigation start:`, "")
out.push("| HTML received | DOMContentLoaded | app first render | first contentful paint | step chart drawn |", "|--:|--:|--:|--:|--:|")
const f = (k) => median(runs.map((r) => r[k])).toFixed(0)
out.push(`| ${f("html")} | ${f("dcl")} | ${f("render")} | ${f("fcp")} | ${f("chart")} |`, "")
out.push(`Machine: ${os.cpus()[0]?.model ?? "?"}, ${os.cpus().length} vCPUs, load average ${os.loadavg()[0].toFixed(1)}, Node ${process.version}, Chromium ${version}, ${os.platform()} ${os.arch()}.`)
console.log(out.join("\n"))
