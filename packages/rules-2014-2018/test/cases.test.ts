/**
 * Runs every case file shipped with the pack (cases/**) through the public case runner of
 * @khuyencong/cases and fails on any difference between expected and actual output. The three
 * national packs are installed, as `pnpm cases` installs them (the others imported from their
 * sources: test-only, this package does not depend on them).
 */
import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { Cases } from "@khuyencong/cases"
import { describe, expect, it } from "vitest"
import { pack as pack2021 } from "../../rules-2021-2025/src/index.js"
import { pack as pack2026 } from "../../rules-2026-2030/src/index.js"
import { overlays, pack } from "../src/index.js"

const casesDir = fileURLToPath(new URL("../cases", import.meta.url))

const caseFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? caseFiles(path.join(dir, e.name)) : /\.(ya?ml|json)$/i.test(e.name) ? [path.join(dir, e.name)] : []))

const installation = Cases.installOrThrow([{ pack, overlays }, { pack: pack2021 }, { pack: pack2026 }])
const files = caseFiles(casesDir)
const sources = files.map((f) => ({ file: path.relative(casesDir, f), text: readFileSync(f, "utf8") }))
const report = Cases.runSources(sources, installation)

describe("the pack's case files", () => {
  it("are all valid case files", () => {
    expect(report.fileErrors.map((e) => e.error.message)).toEqual([])
  })

  it("cover every spending item of the catalogue", () => {
    const parsed = sources.map((s) => Cases.parseOrThrow(s.text, s.file))
    const items = new Set(
      parsed.flatMap((f) =>
        f.cases.flatMap((c) => {
          const p = c.proposal as { activities?: ReadonlyArray<{ costLines?: ReadonlyArray<{ item?: unknown }> }> }
          return (p.activities ?? []).flatMap((a) => (a.costLines ?? []).map((l) => String(l.item)))
        })
      )
    )
    for (const a of pack.activities) for (const i of a.items) expect(items, `no case proposes ${i.code}`).toContain(i.code)
  })

  describe.each(files.map((f) => path.relative(casesDir, f)))("%s", (file) => {
    const results = report.results.filter((r) => r.file === file)
    it.each(results.map((r) => [r.name, r] as const))("%s", (_name, r) => {
      expect(r.differences, Cases.formatResult(r)).toEqual([])
    })
  })

  it("pass, with the summary the command prints", () => {
    expect(Cases.summary(report)).toBe(`${report.results.length} passed, 0 failed`)
  })
})
