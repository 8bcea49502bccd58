#!/usr/bin/env node
/**
 * `pnpm docs:check` (CI): fails when the committed documentation is out of date.
 *
 * 1. Regenerates docs/legal-sources.md and docs/packs-compared.md into a temporary folder from the
 *    built rule packs and compares them with the committed files.
 * 2. Checks that every code block marked `<!-- snippet: file.mjs#region -->` in docs/*.md is the
 *    region of that snippet script.
 * 3. Runs every snippet script (scripts/docs/snippets/*.mjs) against the built packages.
 * 4. Checks that every relative link of the docs this script's owners write (all of docs/ but
 *    cases.md, benchmarks.md and the generated api/) points to a file that exists and, for a
 *    `#fragment` into a markdown file, to one of its headings.
 *
 * Needs the workspace built (`npx tsc -b`). Fix 1 and 2 with `pnpm docs:generate`.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join, relative } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
const script = (name) => join(root, "scripts/docs", name)
const failures = []

const node = (args) => {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8" })
  return { ok: r.status === 0, output: `${r.stdout ?? ""}${r.stderr ?? ""}`.trimEnd() }
}

// 1. Generated tables
const tmp = mkdtempSync(join(tmpdir(), "khuyencong-docs-"))
try {
  const gen = node([script("legal-sources.mjs"), "--out", tmp])
  if (!gen.ok) failures.push(`legal-sources.mjs failed:\n${gen.output}`)
  else
    for (const name of ["legal-sources.md", "packs-compared.md"]) {
      const committed = join(root, "docs", name)
      if (!existsSync(committed)) {
        failures.push(`docs/${name} is missing; run pnpm docs:generate`)
        continue
      }
      const want = readFileSync(join(tmp, name), "utf8").split("\n")
      const have = readFileSync(committed, "utf8").split("\n")
      const n = Math.max(want.length, have.length)
      const diffs = []
      for (let i = 0; i < n && diffs.length < 5; i++)
        if (want[i] !== have[i]) diffs.push(`  line ${i + 1}:\n    committed: ${(have[i] ?? "(end of file)").slice(0, 200)}\n    generated: ${(want[i] ?? "(end of file)").slice(0, 200)}`)
      if (diffs.length > 0) failures.push(`docs/${name} differs from what the installed packs generate; run pnpm docs:generate\n${diffs.join("\n")}`)
      else console.log(`✓ docs/${name} is up to date`)
    }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}

// 2. Snippet blocks in the docs
const sync = node([script("snippets.mjs"), "check"])
if (sync.ok) console.log(`✓ ${sync.output}`)
else failures.push(sync.output)

// 3. The snippets themselves
const run = node([script("snippets.mjs"), "run"])
console.log(run.output)
if (!run.ok) failures.push("a snippet failed (see above)")

// 3a. TypeScript snippets type-check as an application's code would (strict)
const tsc = node([join(root, "node_modules/typescript/bin/tsc"), "-p", join(root, "scripts/docs/snippets/tsconfig.json")])
if (tsc.ok) console.log("✓ TypeScript snippets type-check (scripts/docs/snippets/tsconfig.json)")
else failures.push(`TypeScript snippets do not type-check:\n${tsc.output}`)

// 3b. The JSON Schemas of packages/core/schemas against what the built library generates
const schemas = node([join(root, "packages/core/scripts/schemas.mjs"), "--check"])
if (schemas.ok) console.log(schemas.output)
else failures.push(schemas.output)

// 4. Links
const slug = (heading) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-")
const anchorsOf = (file) => {
  const text = readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, "")
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1])))
}
const docsDir = join(root, "docs")
const own = readdirSync(docsDir, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".md") && !f.startsWith("api") && f !== "cases.md" && f !== "benchmarks.md")
const broken = []
for (const f of own) {
  const path = join(docsDir, f)
  const text = readFileSync(path, "utf8").replace(/^```[\s\S]*?^```/gm, "")
  for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    const target = m[1]
    if (/^[a-z]+:/i.test(target)) continue
    const [file, fragment] = target.split("#")
    const dest = file === "" ? path : join(dirname(path), file)
    if (!existsSync(dest)) {
      broken.push(`docs/${f}: ${target}: ${relative(root, dest)} does not exist`)
      continue
    }
    if (fragment !== undefined && dest.endsWith(".md") && !anchorsOf(dest).has(fragment))
      broken.push(`docs/${f}: ${target}: no heading #${fragment} in ${relative(root, dest)}`)
  }
}
if (broken.length > 0) failures.push(`broken links:\n${broken.map((b) => `  ${b}`).join("\n")}`)
else console.log(`✓ links of ${own.length} docs resolve`)

if (failures.length > 0) {
  console.error(`\ndocs:check failed:\n${failures.map((f) => `- ${f}`).join("\n")}`)
  process.exit(1)
}
console.log("docs:check: the documentation is up to date")
