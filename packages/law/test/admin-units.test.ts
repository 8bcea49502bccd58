/**
 * The administrative units of the corpus (corpus/admin-units/*.yaml) against the shared data they
 * are generated from (../shared/data/admin-units, which must sit beside the repository, as in CI):
 * the YAML is what scripts/admin-units.mjs writes, the compiled section matches the CSV row for
 * row, and the compiler refuses inconsistent units, naming the file.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { generate, SHARED } from "../scripts/admin-units.mjs"
import { compile } from "../scripts/compile.mjs"

const here = new URL("../", import.meta.url).pathname
const work = mkdtempSync(join(tmpdir(), "khuyencong-admin-units-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Version {
  readonly code: string
  readonly name: string
  readonly kind: string
  readonly from?: string
  readonly until?: string
}
interface Section {
  readonly provinces: ReadonlyArray<Version>
  readonly reorganisation: { readonly on: string; readonly successions: ReadonlyArray<{ readonly old: string; readonly new: string; readonly change: string }> }
}
const section = (JSON.parse(readFileSync(join(here, "corpus.json"), "utf8")) as { readonly adminUnits: Section }).adminUnits

/** A copy of the corpus with one admin-units file rewritten. */
const withFile = (file: string, edit: (text: string) => string): string => {
  const dir = mkdtempSync(join(work, "corpus-"))
  cpSync(join(here, "corpus"), dir, { recursive: true })
  writeFileSync(join(dir, "admin-units", file), edit(readFileSync(join(dir, "admin-units", file), "utf8")))
  return dir
}

describe("the administrative units of the corpus", () => {
  it("are what scripts/admin-units.mjs generates from ../shared/data/admin-units (../shared must sit beside the repository)", () => {
    expect(existsSync(SHARED), `${SHARED} not found`).toBe(true)
    for (const [name, text] of Object.entries(generate().files)) expect(readFileSync(join(here, "corpus/admin-units", name), "utf8"), name).toBe(text)
  })

  it("match province-mapping-63-to-34.csv row for row: old code and name, new code and name, merged", () => {
    const csv = join(SHARED, "province-mapping-63-to-34.csv")
    expect(existsSync(csv), `${csv} not found`).toBe(true)
    const rows = readFileSync(csv, "utf8")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(","))
    const { on, successions } = section.reorganisation
    const lastOld = new Date(Date.parse(`${on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    const version = (code: string, test: (v: Version) => boolean) => section.provinces.find((v) => v.code === code && test(v))
    expect(
      successions.map((s) => [s.old, version(s.old, (v) => v.until === lastOld)?.name, s.new, version(s.new, (v) => v.from === on)?.name, s.change === "merged"])
    ).toEqual(rows.map((r) => [r[0], r[1], r[2], r[3], r[5] === "yes"]))
  })

  it("match the 34-unit list (915/CTK-CSCL): codes and names from the reorganisation day", () => {
    const rows = readFileSync(join(SHARED, "dvhcvn-20250701/915_CTK-CSCL.csv"), "utf8")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(","))
    const on = section.reorganisation.on
    expect(section.provinces.filter((v) => v.from === on).map((v) => [v.code, v.name])).toEqual(rows.map((r) => [r[1], r[2]]))
  })

  it("refuses a succession to a code that does not start on the reorganisation day, naming the file", () => {
    const dir = withFile("reorganisation-2025.yaml", (t) => t.replace('{ old: "17", new: "25"', '{ old: "17", new: "26"'))
    expect(compile(dir).problems).toEqual([
      "admin-units/reorganisation-2025.yaml: successions.10: succession of 17 → 26: no version of 26 starts on 2025-07-01, the reorganisation day"
    ])
  })

  it("refuses two versions of a code on the same day, and a citation of an instrument the corpus lacks", () => {
    const dir = withFile("provinces-from-2025.yaml", (t) =>
      t.replace("until: 2026-04-29", "until: 2026-05-01").replace("instrument: 30/2026/QH16", "instrument: 30/2062/QH16")
    )
    expect(compile(dir).problems).toEqual([
      "admin-units/provinces-from-2025.yaml: provinces.27.citation.instrument: citation names instrument (văn bản) 30/2062/QH16, which is not in the corpus",
      "admin-units/provinces-from-2025.yaml: provinces.27: province code (mã tỉnh) 75 names both Đồng Nai and Thành phố Đồng Nai on some day; versions of a code must not overlap"
    ])
  })
})
