#!/usr/bin/env node
/**
 * `pnpm docs:api`: build the API reference into docs/api/ with TypeDoc (typedoc.json) and fail on
 * any warning or error, except the known ones below: each is a problem in a package's source
 * (a public signature using a type the package does not export) that has been reported to the
 * package's owner. Remove an entry once its package is fixed; the script says when an entry no
 * longer matches anything, so the list cannot go stale silently.
 */
import { spawnSync } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../", import.meta.url))
const require = createRequire(import.meta.url)

/** Known warnings: [pattern, why]. */
const KNOWN = [
  [/^Failed to resolve link to "Proposal\.Proposal" in comment for @khuyencong\/adapters-excel\.Register$/, "adapters-excel: the Register.ts header links {@link Proposal.Proposal}, a core type the adapter's project cannot resolve"],
  [/^(Field|ColumnRef), defined in @khuyencong\/adapters-excel\/src\/internal\/header\.ts, is referenced by/, "adapters-excel: Register uses types from internal/header.ts"]
]

const typedoc = join(dirname(require.resolve("typedoc/package.json", { paths: [root] })), "bin", "typedoc")
const run = spawnSync(process.execPath, [typedoc, "--options", "typedoc.json", ...process.argv.slice(2)], {
  cwd: root,
  encoding: "utf8",
  env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" }
})
const output = `${run.stdout ?? ""}${run.stderr ?? ""}`.replace(/\x1b\[[0-9;]*m/g, "")

// A diagnostic starts with "[warning]" or "[error]" (possibly after "file:line:col - ") and runs
// until the next line that starts a new message.
const messages = []
for (const line of output.split("\n")) {
  const m = /^(?:\S+:\d+:\d+ - )?\[(warning|error|info)\] (.*)$/.exec(line)
  if (m !== null) messages.push({ level: m[1], text: m[2], lines: [line] })
  else if (messages.length > 0 && line.trim() !== "") messages.at(-1).lines.push(line)
}
const summary = (m) => /^Found \d+ errors? and \d+ warnings?$/.test(m.text)

const used = new Set()
const unexpected = []
const known = []
for (const m of messages) {
  if (m.level === "info" || summary(m)) continue
  const k = m.level === "warning" ? KNOWN.findIndex(([re]) => re.test(m.text)) : -1
  if (k >= 0) {
    used.add(k)
    known.push(m)
  } else unexpected.push(m)
}

for (const m of known) console.log(`known (reported): ${m.text}`)
KNOWN.forEach(([re, why], i) => {
  if (!used.has(i)) console.log(`note: the known warning "${why}" no longer occurs; remove it from scripts/docs/api.mjs (${re})`)
})
if (run.status !== 0 || unexpected.length > 0) {
  for (const m of unexpected) console.error(m.lines.join("\n"))
  if (run.error) console.error(run.error)
  console.error(`\ndocs:api failed: ${unexpected.length} unexpected TypeDoc diagnostic(s), exit code ${run.status}`)
  process.exit(1)
}
console.log(`docs:api: API reference written to docs/api/ (${known.length} known warning(s), none unexpected)`)
