/**
 * The activity catalogue's names as officials write them: every activity version carries the short
 * forms (aliases) used in registers, and no name or short form, read without accents, case or
 * punctuation, points to two activities in force on the same day (a spreadsheet import would not
 * know which one is meant).
 */
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"

interface Version {
  readonly nameVi: string
  readonly aliases?: ReadonlyArray<string>
}
interface Activity {
  readonly code: string
  readonly versions: ReadonlyArray<{ readonly from: string; readonly value: Version | null }>
}
const raw = JSON.parse(readFileSync(new URL("../corpus.json", import.meta.url), "utf8")) as {
  readonly activities: ReadonlyArray<{ readonly code: string; readonly versions: Readonly<Record<string, Version | null>> }>
}
const corpus: { readonly activities: ReadonlyArray<Activity> } = {
  activities: raw.activities.map((a) => ({ code: a.code, versions: Object.entries(a.versions).map(([from, value]) => ({ from, value })).sort((x, y) => (x.from < y.from ? -1 : 1)) }))
}

const fold = (s: string): string =>
  s.normalize("NFD").replace(/\p{M}+/gu, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()

const days = [...new Set(corpus.activities.flatMap((a) => a.versions.map((v) => v.from)))].sort()
const inForce = (a: Activity, day: string): Version | undefined => {
  let found: Version | undefined
  for (const v of a.versions) if (v.from <= day) found = v.value ?? undefined
  return found
}

describe("the catalogue's short forms (aliases)", () => {
  it("every activity version has some", () => {
    for (const a of corpus.activities) for (const v of a.versions) if (v.value !== null) expect(v.value.aliases?.length ?? 0, a.code).toBeGreaterThan(0)
  })

  it.each(days)("no name or short form names two activities on %s", (day) => {
    const owner = new Map<string, string>()
    const clashes: Array<string> = []
    for (const a of corpus.activities) {
      const v = inForce(a, day)
      if (v === undefined) continue
      for (const n of [v.nameVi, ...(v.aliases ?? [])]) {
        const k = fold(n)
        const other = owner.get(k)
        if (other !== undefined && other !== a.code) clashes.push(`"${n}": ${other} and ${a.code}`)
        owner.set(k, a.code)
      }
    }
    expect(clashes).toEqual([])
  })

  it("the forms officials write for four activities are there (issue 15)", () => {
    const codeOf = (text: string): ReadonlyArray<string> =>
      corpus.activities.filter((a) => a.versions.some((v) => v.value !== null && [v.value.nameVi, ...(v.value.aliases ?? [])].some((n) => fold(n) === fold(text)))).map((a) => a.code)
    expect(codeOf("Ứng dụng máy móc thiết bị tiên tiến")).toEqual(["machinery"])
    expect(codeOf("Thông tin tuyên truyền")).toEqual(["media"])
    expect(codeOf("Tư vấn, trợ giúp cơ sở CNNT")).toEqual(["consultancy"])
    expect(codeOf("Bình chọn sản phẩm CNNT tiêu biểu")).toEqual(["typical-product"])
  })
})
