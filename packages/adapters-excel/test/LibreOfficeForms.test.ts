/**
 * A register as a province keeps it, made by LibreOffice from test/fixtures/register-hung-yen.fods:
 * last year's sheet before this year's, the issuing body and the national motto above a title
 * naming the plan year, the fund and the province, a merged two-row header, numbers typed as
 * text in triệu đồng, start dates only, activities in the short forms officials write, locations
 * without a province ("Xã Tân Lập, huyện Yên Mỹ", "Toàn tỉnh"), a proposal over two rows, a
 * signature block, and an establishments sheet beside it. The same sheet saved by LibreOffice as
 * CSV with ";" (Vietnamese settings) and as UTF-16 tab-separated text reads the same.
 *
 * Without `soffice` these tests fail with a message saying how to install it (CI installs it).
 */
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, test } from "vitest"
import * as Csv from "../src/Csv.js"
import * as Xlsx from "../src/Xlsx.js"
import { brief, convert, fixture, libreOffice } from "./helpers.js"

let xlsx = ""
const csv: Record<string, string> = {}
const { ready } = libreOffice((profile, work) => {
  const source = fixture("register-hung-yen.fods")
  xlsx = convert(profile, [source], "xlsx", join(work, "xlsx"))[0] ?? ""
  // every sheet as CSV: ";" and UTF-8 (Vietnamese settings); tab and UTF-16 ("Unicode text")
  convert(profile, [source], "csv:Text - txt - csv (StarCalc):59,34,76,1,,1066,false,true,true,false,false,-1", join(work, "semicolon"))
  convert(profile, [source], "csv:Text - txt - csv (StarCalc):9,34,65535,1,,1066,false,true,true,false,false,-1", join(work, "unicode"))
  for (const d of ["semicolon", "unicode"]) for (const f of readdirSync(join(work, d))) if (f.includes("KH 2024")) csv[d] = join(work, d, f)
})

const EXPECTED = [
  ["HY-2024-01", [8, 9], "machinery+management", "2024-03-01", "2024-12-31", "Tân Lập"],
  ["HY-2024-02", undefined, "media", "2024-04-01", "2024-12-31", undefined],
  ["HY-2024-03", undefined, "consultancy", "2024-05-01", "2024-12-31", "Như Quỳnh"],
  ["HY-2024-04", undefined, "typical-product", "2024-06-01", "2024-12-31", undefined],
  ["HY-2024-05", undefined, "machinery", "2024-01-01", "2024-12-31", "Nghĩa Hiệp"],
  ["HY-2024-06", undefined, "demo-model", "2024-03-01", "2024-12-31", "Phụng Công"],
  ["HY-2024-07", undefined, "domestic-fair", "2024-09-01", "2024-12-31", undefined]
]

describe("a Hưng Yên register saved by LibreOffice, read without options", () => {
  test("this year's sheet, not last year's; the title's year, fund and province", async () => {
    ready()
    const r = await Xlsx.readRegister(xlsx, {})
    const reg = r.ok ? r.value : r.error.partial
    expect(reg?.sheet).toBe("KH 2024")
    expect([reg?.context.planYear?.value, reg?.context.fund?.value, reg?.context.province?.name]).toEqual([2024, "local", "HƯNG YÊN"])
    expect(reg?.warnings[0]?.code).toBe("import/sheet-chosen")
    const asked = await Xlsx.readRegister(xlsx, { planYear: 2023 })
    const last = asked.ok ? asked.value : asked.error.partial
    expect(last?.sheet).toBe("KH 2023")
    expect(last?.proposals.map((p) => p.id)).toEqual(["HY-2023-01"])
  })

  test("the seven valid proposals of nine, one over two rows, read as a person would", async () => {
    ready()
    const r = await Xlsx.readRegister(xlsx, {})
    const reg = r.ok ? r.value : r.error.partial
    expect(
      reg?.entries.map((e) => [
        e.proposal.id,
        e.rows,
        e.proposal.activities.map((a) => a.activity).join("+"),
        e.proposal.duration.start,
        e.proposal.duration.end,
        e.proposal.locations[0]?.commune?.name
      ])
    ).toEqual(EXPECTED)
    expect(reg?.proposals.every((p) => p.fund === "local" && p.planYear === 2024 && p.locations[0]?.provinceCode === "33")).toBe(true)
    expect(reg?.proposals[1]?.activities[0]?.costLines[0]?.total).toBe(150_500_000n)
    expect(reg?.proposals[5]?.activities[0]?.costLines[0]?.total).toBe(1_350_000_000n)
  })

  test("the two faulty rows, the unit of the column named, the closest activity suggested; the establishments sheet read with its bad tax code", async () => {
    ready()
    const r = await Xlsx.readRegister(xlsx, {})
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.issues.map((i) => [i.code, i.sheet, i.row, i.column, i.header, i.raw])).toEqual([
      ["import/bad-amount", "KH 2024", 16, "H", "KINH PHÍ / Tổng số", "1.2OO"],
      ["import/unknown-activity", "KH 2024", 17, "D", "Nội dung hoạt động", "Tư vấn thiết kế mẫu"],
      ["import/bad-tax-code", "Danh sách cơ sở", 6, "C", "Mã số thuế", "0900111112"]
    ])
    expect(r.error.issues[0]?.params?.["unit"]).toBe("triệu đồng")
    expect(r.error.issues[1]?.message).toContain("(consultancy)")
    const reg = r.error.partial
    expect(reg?.establishments.map((e) => [e.row, e.id, e.name, e.workforce])).toEqual([
      [3, "0900123452", "HTX dệt Phố Hiến", 45],
      [4, "0900111111", "Cơ sở mộc Đức Hòa", 12],
      [5, "0900678905", "Công ty TNHH Nông sản Yên Mỹ", 60],
      [6, "Cơ sở gốm Văn Giang", "Cơ sở gốm Văn Giang", 8]
    ])
    // beneficiaries named by name or tax code are on the list: no warning about them
    expect(reg?.warnings.map((w) => w.code)).not.toContain("import/beneficiary-not-listed")
    expect(reg?.skipped.map((s) => s.reason)).toEqual(["subtotal", "signature", "signature"])
  })

  test.each(["semicolon", "unicode"])("the sheet saved as CSV (%s) reads the same proposals and problems", async (kind) => {
    ready()
    const path = csv[kind]
    if (path === undefined) throw new Error(`LibreOffice wrote no ${kind} CSV`)
    const fromCsv = Csv.readRegister(new Uint8Array(readFileSync(path)), { sheet: "KH 2024" })
    const fromXlsx = await Xlsx.readRegister(xlsx, { sheet: "KH 2024" })
    expect(fromCsv.ok).toBe(false)
    expect(fromXlsx.ok).toBe(false)
    if (fromCsv.ok || fromXlsx.ok) return
    expect(fromCsv.error.partial?.proposals.map((p) => p.id)).toEqual(EXPECTED.map((e) => e[0]))
    expect(brief(fromCsv.error.issues).map((i) => [i.code, i.row, i.column])).toEqual(brief(fromXlsx.error.issues).map((i) => [i.code, i.row, i.column]))
  })
})
