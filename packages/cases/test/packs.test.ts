/**
 * Runs every case file shipped with the national rule packs (`packages/rules-*\/cases/**`) through
 * the case runner, with the three packs installed as `pnpm cases` installs them (cases resolved
 * among the installed packs, `resolve: true`, find a pack's neighbours at its edges), and fails on
 * any difference between expected and actual output. It also checks that each pack's cases cover
 * every spending item of its catalogue and every overlay it ships. The packs are imported from
 * their sources: test-only, this package does not depend on them.
 */
import { readdirSync, readFileSync } from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import type { Overlay, RulePack } from "@khuyencong/core"
import { describe, expect, it } from "vitest"
import * as p2014 from "../../rules-2014-2018/src/index.js"
import * as p2021 from "../../rules-2021-2025/src/index.js"
import * as p2026 from "../../rules-2026-2030/src/index.js"
import { Cases } from "../src/index.js"

interface Shipped {
  readonly dir: string
  readonly pack: RulePack.RulePack
  readonly overlays: ReadonlyArray<Overlay.Overlay>
}
const packs: ReadonlyArray<Shipped> = [
  { dir: "rules-2014-2018", pack: p2014.pack, overlays: p2014.overlays },
  { dir: "rules-2021-2025", pack: p2021.pack, overlays: p2021.overlays },
  { dir: "rules-2026-2030", pack: p2026.pack, overlays: p2026.overlays }
]
const installation = Cases.installOrThrow(packs.map(({ pack, overlays }) => ({ pack, overlays })))

const caseFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? caseFiles(path.join(dir, e.name)) : /\.(ya?ml|json)$/i.test(e.name) ? [path.join(dir, e.name)] : []))

describe.each(packs)("the case files of $dir", ({ dir, pack, overlays }) => {
  const casesDir = fileURLToPath(new URL(`../../${dir}/cases`, import.meta.url))
  const files = caseFiles(casesDir)
  const sources = files.map((f) => ({ file: path.relative(casesDir, f), text: readFileSync(f, "utf8") }))
  const report = Cases.runSources(sources, installation)

  it("are all valid case files, at least 60 cases", () => {
    expect(report.fileErrors.map((e) => e.error.message)).toEqual([])
    expect(report.results.length).toBeGreaterThanOrEqual(60)
  })

  it("cover every spending item of the pack's catalogue and every overlay it ships", () => {
    const parsed = sources.map((s) => Cases.parseOrThrow(s.text, s.file))
    const own = parsed.flatMap((f) => f.cases.filter((c) => c.pack === pack.id))
    const items = new Set(
      own.flatMap((c) => {
        const p = c.proposal as { activities?: ReadonlyArray<{ costLines?: ReadonlyArray<{ item?: unknown }> }> }
        return (p.activities ?? []).flatMap((a) => (a.costLines ?? []).map((l) => String(l.item)))
      })
    )
    for (const a of pack.activities) for (const i of a.items) expect(items, `no case proposes ${i.code} under ${pack.id}`).toContain(i.code)
    const used = new Set(own.map((c) => c.overlay))
    for (const o of overlays) expect(used, `no case applies ${o.id}`).toContain(o.id)
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
