#!/usr/bin/env node
/**
 * `khuyencong-cases`: run case files (ca kiểm thử) against installed rule packs and print every
 * difference between expected and actual output, then `N passed, N failed`.
 *
 * ```
 * khuyencong-cases --pack @khuyencong/rules-2021-2025 packages/rules-2021-2025/cases
 * khuyencong-cases --pack ./packages/rules-2021-2025/dist/index.js my-cases/lai-chau.yaml
 * ```
 *
 * Paths may be files or directories (searched recursively for `*.yaml`, `*.yml`, `*.json`).
 * `--pack <module>` (repeatable) names a module exporting `pack` and optionally `overlays`; a
 * path (starting with `.` or `/`) is taken from the current directory, a package name is
 * resolved from the current directory's `node_modules`. `--verbose` also lists passing cases.
 * Exit code: 0 when every case passes; 1 when a case fails, a case file cannot be read or no
 * case is found; 2 on a usage error or a pack module that cannot be loaded.
 *
 * @since 0.1.0
 * @module
 */
import { readdirSync, readFileSync, realpathSync, statSync } from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { pathToFileURL } from "node:url"
import { Errors } from "@khuyencong/core"
import * as Cases from "../Cases.js"

/**
 * Where the command writes and which directory it works from.
 * @category models
 * @since 0.1.0
 */
interface Io {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly cwd: string
}

const USAGE = `Usage: khuyencong-cases --pack <module> [--pack <module> …] [--verbose] <file or directory> …

Runs every case file (*.yaml, *.yml, *.json) under the paths given and prints each difference
between expected and actual output, then "N passed, N failed".

  --pack <module>  a module exporting \`pack\` (a rule pack) and optionally \`overlays\`:
                   a package name (resolved from the current directory) or a path to a .js file
  --verbose, -v    also list the cases that pass
  --help, -h       this text

Case file format: docs/cases.md`

const CASE_FILE = /\.(ya?ml|json)$/i

/**
 * Every case file under the paths, sorted; unreadable paths are reported separately.
 * @category files
 * @since 0.1.0
 * @example `collect(["cases"], "/repo")` → `{ files: ["/repo/cases/a.yaml", …], missing: [] }`
 */
const collect = (paths: ReadonlyArray<string>, cwd: string): { readonly files: ReadonlyArray<string>; readonly missing: ReadonlyArray<string> } => {
  const files: Array<string> = []
  const missing: Array<string> = []
  const walk = (p: string): void => {
    for (const entry of readdirSync(p, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue
      const full = path.join(p, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.isFile() && CASE_FILE.test(entry.name)) files.push(full)
    }
  }
  for (const given of paths) {
    const p = path.resolve(cwd, given)
    let isDir: boolean
    try {
      isDir = statSync(p).isDirectory()
    } catch {
      missing.push(given)
      continue
    }
    if (isDir) walk(p)
    else files.push(p)
  }
  return { files: [...new Set(files)], missing }
}

const moduleUrl = (spec: string, cwd: string): string => {
  if (spec.startsWith(".") || path.isAbsolute(spec)) return pathToFileURL(path.resolve(cwd, spec)).href
  const require = createRequire(path.join(cwd, "package.json"))
  return pathToFileURL(require.resolve(spec)).href
}

/**
 * Import pack modules named on the command line and install them.
 * @category files
 * @since 0.1.0
 * @example `await loadPacks(["@khuyencong/rules-2021-2025"], process.cwd())` → `ok(installation)`
 */
const loadPacks = async (
  specs: ReadonlyArray<string>,
  cwd: string
): Promise<{ readonly ok: true; readonly value: Cases.Installation } | { readonly ok: false; readonly message: string }> => {
  const modules: Array<Cases.PackModule> = []
  for (const spec of specs) {
    let url: string
    try {
      url = moduleUrl(spec, cwd)
    } catch (e) {
      return {
        ok: false,
        message: `cannot find pack module "${spec}" from ${cwd}: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}. Give a path to the module instead, e.g. --pack ./packages/rules-2021-2025/dist/index.js`
      }
    }
    let m: Record<string, unknown>
    try {
      m = (await import(url)) as Record<string, unknown>
    } catch (e) {
      return { ok: false, message: `cannot load pack module "${spec}" (${url}): ${e instanceof Error ? e.message : String(e)}` }
    }
    const pack = m["pack"]
    if (typeof pack !== "object" || pack === null) return { ok: false, message: `pack module "${spec}" does not export \`pack\`` }
    const overlays = m["overlays"]
    if (overlays !== undefined && !Array.isArray(overlays)) return { ok: false, message: `pack module "${spec}" exports \`overlays\` that is not a list` }
    modules.push(overlays === undefined ? { pack: pack as Cases.PackModule["pack"] } : { pack: pack as Cases.PackModule["pack"], overlays: overlays as Cases.PackModule["overlays"] & object })
  }
  const installed = Cases.install(modules)
  if (!installed.ok) return { ok: false, message: `a pack does not load: ${installed.error.message}` }
  return { ok: true, value: installed.value }
}

/**
 * The command: returns the exit code.
 * @category command
 * @since 0.1.0
 * @example `await main(["--pack", "@khuyencong/rules-2021-2025", "cases"], io)` → `0`
 */
const main = async (argv: ReadonlyArray<string>, io: Io): Promise<number> => {
  const packs: Array<string> = []
  const paths: Array<string> = []
  let verbose = false
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === "--help" || a === "-h") {
      io.out(USAGE)
      return 0
    } else if (a === "--verbose" || a === "-v") verbose = true
    else if (a === "--pack") {
      const next = argv[++i]
      if (next === undefined) {
        io.err(`--pack needs a module name or path\n\n${USAGE}`)
        return 2
      }
      packs.push(next)
    } else if (a.startsWith("--pack=")) packs.push(a.slice("--pack=".length))
    else if (a.startsWith("-")) {
      io.err(`unknown option ${a}\n\n${USAGE}`)
      return 2
    } else paths.push(a)
  }
  if (packs.length === 0) {
    io.err(`name the rule pack module(s) with --pack\n\n${USAGE}`)
    return 2
  }
  if (paths.length === 0) {
    io.err(`give the case files or directories to run\n\n${USAGE}`)
    return 2
  }
  const installation = await loadPacks(packs, io.cwd)
  if (!installation.ok) {
    io.err(installation.message)
    return 2
  }
  const { files, missing } = collect(paths, io.cwd)
  const sources: Array<{ file: string; text: string }> = []
  const unreadable: Array<Cases.FileError> = []
  for (const m of missing) unreadable.push(fileError(m, "no such file or directory"))
  for (const f of files) {
    const rel = path.relative(io.cwd, f)
    const shown = rel === "" || rel.startsWith("..") ? f : rel
    try {
      sources.push({ file: shown, text: readFileSync(f, "utf8") })
    } catch (e) {
      unreadable.push(fileError(shown, e instanceof Error ? e.message : String(e)))
    }
  }
  const r = Cases.runSources(sources, installation.value)
  const all: Cases.Report = { ...r, fileErrors: [...unreadable, ...r.fileErrors] }
  io.out(Cases.report(all, { verbose }))
  if (all.results.length === 0 && all.fileErrors.length === 0) {
    io.err(`no case files (*.yaml, *.yml, *.json) under ${paths.join(", ")}`)
    return 1
  }
  return all.failed > 0 || all.fileErrors.length > 0 || all.results.length === 0 ? 1 : 0
}

const fileError = (file: string, why: string): Cases.FileError => {
  const message = `case file ${file} cannot be read: ${why}`
  return {
    file,
    error: new Errors.ValidationError({ code: "cases/unreadable-file", path: [], message, issues: [{ code: "cases/unreadable-file", path: [], message }] })
  }
}

const isMain = (): boolean => {
  const entry = process.argv[1]
  if (entry === undefined) return false
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href
  } catch {
    return false
  }
}

if (isMain()) {
  main(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    cwd: process.cwd()
  }).then(
    (code) => {
      process.exitCode = code
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`)
      process.exitCode = 2
    }
  )
}
