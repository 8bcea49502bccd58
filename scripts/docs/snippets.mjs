#!/usr/bin/env node
/**
 * The documentation's code snippets: every block of JavaScript in docs/*.md preceded by a marker
 *
 *     <!-- snippet: 01-money.mjs#parse -->
 *
 * is a copy of the region `// #region parse` … `// #endregion` of scripts/docs/snippets/01-money.mjs,
 * a script that runs against the built packages and asserts the results the text shows.
 *
 *   node scripts/docs/snippets.mjs sync    copy every region into the docs (pnpm docs:generate)
 *   node scripts/docs/snippets.mjs check   fail if a doc block differs from its region
 *   node scripts/docs/snippets.mjs run     run every snippet script (pnpm docs:check)
 *
 * Snippet scripts import the packages by their published names (`@khuyencong/core`); they run
 * with `--import scripts/docs/workspace-resolve.mjs`, which maps those names to packages/<x>/dist.
 * Files whose name starts with `_` are helpers, not run on their own.
 *
 * A snippet may be TypeScript (`first-hour.ts`, shown in ```ts blocks): `pnpm typecheck` and
 * `pnpm docs:check` type-check it with scripts/docs/snippets/tsconfig.json (strict, as an
 * application would), and `run` strips its types with TypeScript's `transpileModule` into a
 * temporary .mjs file that runs like the others.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
const snippetsDir = join(root, "scripts/docs/snippets")
const docsDir = join(root, "docs")
const resolver = join(root, "scripts/docs/workspace-resolve.mjs")

const MARKER = /^<!-- snippet: ([\w.-]+\.(?:mjs|ts))#([\w-]+) -->$/

/** The regions of a snippet file: name → dedented lines. */
const regionsOf = (file) => {
  const lines = readFileSync(join(snippetsDir, file), "utf8").split("\n")
  const regions = new Map()
  let current
  for (const line of lines) {
    const start = /^\s*\/\/ #region ([\w-]+)\s*$/.exec(line)
    if (start !== null) {
      if (current !== undefined) throw new Error(`${file}: region ${start[1]} starts inside region ${current.name}`)
      current = { name: start[1], lines: [] }
      continue
    }
    if (/^\s*\/\/ #endregion\b/.test(line)) {
      if (current === undefined) throw new Error(`${file}: #endregion without #region`)
      if (regions.has(current.name)) throw new Error(`${file}: region ${current.name} defined twice`)
      regions.set(current.name, dedent(current.lines))
      current = undefined
      continue
    }
    if (current !== undefined) current.lines.push(line)
  }
  if (current !== undefined) throw new Error(`${file}: region ${current.name} is not closed`)
  return regions
}

const dedent = (lines) => {
  while (lines.length > 0 && lines[0].trim() === "") lines.shift()
  while (lines.length > 0 && lines.at(-1).trim() === "") lines.pop()
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => /^ */.exec(l)[0].length))
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0))
}

const markdownFiles = () =>
  readdirSync(docsDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".md") && !f.startsWith("api"))
    .sort()

/** Every doc block with a marker, and what it should contain. `write`: fix the docs. */
const syncDocs = (write) => {
  const cache = new Map()
  const problems = []
  let blocks = 0
  for (const f of markdownFiles()) {
    const path = join(docsDir, f)
    const lines = readFileSync(path, "utf8").split("\n")
    const out = []
    let changed = false
    for (let i = 0; i < lines.length; i++) {
      out.push(lines[i])
      const m = MARKER.exec(lines[i])
      if (m === null) continue
      const [, file, region] = m
      let regions = cache.get(file)
      if (regions === undefined) {
        try {
          regions = regionsOf(file)
        } catch (e) {
          problems.push(`docs/${f}:${i + 1}: ${e.message}`)
          continue
        }
        cache.set(file, regions)
      }
      const want = regions.get(region)
      if (want === undefined) {
        problems.push(`docs/${f}:${i + 1}: scripts/docs/snippets/${file} has no region "${region}"`)
        continue
      }
      const open = lines[i + 1]
      if (open === undefined || !/^```(js|javascript|ts)\s*$/.test(open)) {
        problems.push(`docs/${f}:${i + 1}: the snippet marker must be followed by a \`\`\`js block`)
        continue
      }
      let close = i + 2
      while (close < lines.length && lines[close] !== "```") close++
      if (close >= lines.length) {
        problems.push(`docs/${f}:${i + 1}: the code block after the snippet marker is not closed`)
        continue
      }
      blocks++
      const have = lines.slice(i + 2, close)
      if (have.join("\n") !== want.join("\n")) {
        changed = true
        if (!write) problems.push(`docs/${f}:${i + 3}: the block differs from scripts/docs/snippets/${file}#${region}; run pnpm docs:generate`)
      }
      out.push(open, ...want, "```")
      i = close
    }
    if (write && changed) writeFileSync(path, out.join("\n"))
  }
  return { problems, blocks }
}

/** A TypeScript snippet as JavaScript in a temporary folder (types stripped, nothing else changed). */
const transpiled = (file) => {
  const ts = createRequire(import.meta.url)("typescript")
  const source = readFileSync(join(snippetsDir, file), "utf8")
  const { outputText } = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false }
  })
  const dir = mkdtempSync(join(tmpdir(), "khuyencong-snippet-"))
  const out = join(dir, file.replace(/\.ts$/, ".mjs"))
  writeFileSync(out, outputText)
  return { path: out, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

const runOne = (file) =>
  new Promise((resolve) => {
    const started = Date.now()
    const js = file.endsWith(".ts") ? transpiled(file) : { path: join(snippetsDir, file), cleanup: () => {} }
    const child = spawn(process.execPath, ["--import", resolver, js.path], { cwd: root, stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000)
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      js.cleanup()
      resolve({ file, code, signal, output, ms: Date.now() - started })
    })
  })

const runAll = async () => {
  const files = readdirSync(snippetsDir)
    .filter((f) => (f.endsWith(".mjs") || (f.endsWith(".ts") && !f.endsWith(".d.ts"))) && !f.startsWith("_"))
    .sort()
  let failed = 0
  for (const f of files) {
    const r = await runOne(f)
    if (r.code === 0) console.log(`✓ ${relative(root, join(snippetsDir, f))} (${r.ms} ms)`)
    else {
      failed++
      console.error(`✗ ${relative(root, join(snippetsDir, f))}: exit ${r.code ?? r.signal}\n${r.output.trimEnd()}`)
    }
  }
  return { failed, total: files.length }
}

const command = process.argv[2]
if (command === "sync" || command === "check") {
  const { problems, blocks } = syncDocs(command === "sync")
  for (const p of problems) console.error(p)
  if (problems.length > 0) process.exit(1)
  console.log(`snippets: ${blocks} doc block(s) ${command === "sync" ? "written from" : "match"} scripts/docs/snippets`)
} else if (command === "run") {
  const { failed, total } = await runAll()
  if (failed > 0) {
    console.error(`snippets: ${failed} of ${total} failed`)
    process.exit(1)
  }
  console.log(`snippets: ${total} ran`)
} else {
  console.error("usage: node scripts/docs/snippets.mjs sync | check | run")
  process.exit(2)
}
