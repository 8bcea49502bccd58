/**
 * communes.json, the commune-level units of each province for each period, against the shared
 * data it is generated from (../shared/data/admin-units, which must sit beside the repository, as
 * in CI): it is what scripts/communes.mjs writes, it holds every unit of the two lists under the
 * province codes of corpus.json, and the generator refuses data it cannot read.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { SHARED } from "../scripts/admin-units.mjs"
import { generate } from "../scripts/communes.mjs"

const here = new URL("../", import.meta.url).pathname
const work = mkdtempSync(join(tmpdir(), "khuyencong-communes-"))
afterAll(() => rmSync(work, { recursive: true, force: true }))

interface Period {
  readonly from?: string
  readonly until?: string
  readonly asOf: string
  readonly units: number
  readonly citation: { readonly instrument: string; readonly grade: string; readonly note: string; readonly source: string }
  readonly provinces: Readonly<Record<string, ReadonlyArray<string>>>
}
const file = JSON.parse(readFileSync(join(here, "communes.json"), "utf8")) as { readonly periods: ReadonlyArray<Period> }
const [before, after] = file.periods as readonly [Period, Period]
const corpus = (JSON.parse(readFileSync(join(here, "corpus.json"), "utf8")) as { readonly adminUnits: { readonly reorganisation: { readonly on: string } } }).adminUnits

const OLD = join(SHARED, "dvhcvn-20250701/splits.json")
const NEW = join(SHARED, "thanglequoc-vietnamese-provinces-database/simplified_json_generated_data_vn_units_2026-07-25.json")

describe("communes.json", () => {
  it("is what scripts/communes.mjs generates from ../shared/data/admin-units (../shared must sit beside the repository)", () => {
    expect(existsSync(SHARED), `${SHARED} not found`).toBe(true)
    expect(readFileSync(join(here, "communes.json"), "utf8")).toBe(generate().text)
  })

  it("has two periods that meet on the reorganisation day of corpus.json, each cited as a secondary transcription", () => {
    expect([before.until, after.from]).toEqual(["2025-06-30", corpus.reorganisation.on])
    expect(file.periods.map((p) => [p.citation.grade, p.asOf])).toEqual([
      ["secondary", "2025-03-01"],
      ["secondary", "2026-07-25"]
    ])
  })

  it("holds every unit of the two lists: 63 old provinces with 10,047 units, 34 new ones with 3,321", () => {
    const old = (JSON.parse(readFileSync(OLD, "utf8")) as { data: ReadonlyArray<{ level1_id: string; level3s: ReadonlyArray<{ name: string }> }> }).data
    const now = JSON.parse(readFileSync(NEW, "utf8")) as ReadonlyArray<{ Code: string; Wards: ReadonlyArray<{ FullName: string }> }>
    expect([old.length, old.reduce((n, p) => n + p.level3s.length, 0), now.length, now.reduce((n, p) => n + p.Wards.length, 0)]).toEqual([63, 10_047, 34, 3_321])
    expect([before.units, after.units]).toEqual([10_047, 3_321])
    // the type word in one case; the rest of the name as the list writes it
    // the type word in one case, spaces single and trimmed ("Xã Cò  Nòi", "Xã Ngư Thủy " in the old list); the rest as written
    const same = (a: string) =>
      a
        .normalize("NFC")
        .replace(/\s+/g, " ")
        .trim()
        .replace(/^(xã|phường|thị trấn|đặc khu) /iu, (w) => w.toLowerCase())
    for (const p of old) expect(new Set(before.provinces[p.level1_id]?.map(same)), p.level1_id).toEqual(new Set(p.level3s.map((l) => same(l.name))))
    for (const p of now) expect(after.provinces[p.Code]?.map(same), p.Code).toEqual(p.Wards.map((w) => same(w.FullName)))
  })

  it("lists Xã Tân Lập under old Hưng Yên (33) until 30/06/2025 but not under new Hưng Yên (33) from 01/07/2025, where Xã Yên Mỹ is", () => {
    expect(before.provinces["33"]).toContain("Xã Tân Lập")
    expect(after.provinces["33"]).not.toContain("Xã Tân Lập")
    expect(after.provinces["33"]).toContain("Xã Yên Mỹ")
    expect(before.provinces["33"]).not.toContain("Xã Yên Mỹ")
  })

  it("every name starts with its type word and has single spaces: Xã, Phường, Thị trấn or Đặc khu", () => {
    for (const p of file.periods) for (const names of Object.values(p.provinces)) for (const n of names) expect(n).toMatch(/^(?:Xã|Phường|Thị trấn|Đặc khu)(?: \S+)+$/u)
  })

  it("the generator refuses a unit without a type word, naming the file, province and code", () => {
    const dir = mkdtempSync(join(work, "data-"))
    cpSync(SHARED, dir, { recursive: true })
    const path = join(dir, "dvhcvn-20250701/splits.json")
    writeFileSync(path, readFileSync(path, "utf8").replace(/("level3_id": "12073",\s*"name": )"Xã Tân Lập"/, '$1"Tân Lập"'))
    expect(() => generate(dir)).toThrow(/dvhcvn-20250701\/splits\.json 33 12073: "Tân Lập" does not start with xã/)
  })
})
