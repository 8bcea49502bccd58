/**
 * Shared test data and helpers: an activity catalogue (a subset of the 2021–2025 pack, codes and
 * Vietnamese names as there, plus one caller alias), a register grid builder, issue summaries
 * and LibreOffice (soffice) conversion.
 */
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { LocalDate, Money } from "@khuyencong/core"
import { afterAll, beforeAll } from "vitest"
import type { CellValue } from "../src/Cell.js"
import type { ImportIssue } from "../src/Issues.js"
import type * as Register from "../src/Register.js"

export const activities: ReadonlyArray<Register.ActivityEntry> = [
  {
    code: "machinery",
    nameVi:
      "Ứng dụng máy móc thiết bị tiên tiến, chuyển giao công nghệ, tiến bộ khoa học kỹ thuật vào sản xuất công nghiệp - tiểu thủ công nghiệp",
    aliases: ["Ứng dụng máy móc thiết bị tiên tiến"]
  },
  { code: "demo-model", nameVi: "Xây dựng mô hình trình diễn kỹ thuật" },
  { code: "domestic-fair", nameVi: "Hội chợ, triển lãm hàng công nghiệp nông thôn, hàng thủ công mỹ nghệ trong nước" },
  { code: "typical-product", nameVi: "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu" },
  { code: "media", nameVi: "Xây dựng chương trình truyền hình, truyền thanh; bản tin, ấn phẩm; tờ rơi, tờ gấp" },
  { code: "management", nameVi: "Chi quản lý, chỉ đạo, kiểm tra, giám sát của đơn vị triển khai thực hiện đề án khuyến công" }
]

export const day = (s: string): LocalDate.LocalDate => LocalDate.parseOrThrow(s)
export const m = (n: bigint): Money.Money => Money.make(n)

/** The ministry-form header used by most grid tests (one row, amounts in đồng). */
export const HEADER: ReadonlyArray<string> = [
  "STT",
  "Tên đề án",
  "Nội dung hoạt động",
  "Đơn vị thực hiện",
  "Đơn vị thụ hưởng",
  "Địa điểm",
  "Thời gian thực hiện",
  "Tổng kinh phí",
  "Kinh phí khuyến công hỗ trợ",
  "Kinh phí đối ứng",
  "Nguồn kinh phí",
  "Năm kế hoạch"
]

/** A valid data row for {@link HEADER} (seed 000: a 900 m group project for 3 establishments). */
export const ROW: ReadonlyArray<CellValue> = [
  1,
  "Hỗ trợ ứng dụng máy sao chè Shan tuyết",
  "machinery",
  "Trung tâm Khuyến công - Xúc tiến Công Thương Hà Giang",
  "cs-01; cs-02; cs-03",
  "Hà Giang",
  "01/03/2024 - 30/11/2024",
  1_800_000_000,
  900_000_000,
  900_000_000,
  "Quốc gia",
  2024
]

/** {@link ROW} with some cells replaced, by header. */
export const rowWith = (changes: Readonly<Record<string, CellValue>>, base: ReadonlyArray<CellValue> = ROW): Array<CellValue> =>
  base.map((v, i) => {
    const h = HEADER[i] ?? ""
    return h in changes ? (changes[h] as CellValue) : v
  })

/** Short form of issues for assertions. */
export const brief = (issues: ReadonlyArray<ImportIssue>) =>
  issues.map((i) => ({ code: i.code, row: i.row, column: i.column, header: i.header, field: i.field }))

// ---------------------------------------------------------------------------------------------
// LibreOffice

/**
 * Path of soffice, or a thrown error saying how to install it: these tests must fail, not skip,
 * on a machine without LibreOffice (CI installs it).
 */
export const requireSoffice = (): string => {
  const r = spawnSync("soffice", ["--version"], { encoding: "utf8" })
  if (r.error !== undefined || r.status !== 0)
    throw new Error(
      "LibreOffice is required by these tests but `soffice` was not found on PATH. Install it (Debian/Ubuntu: `apt-get install -y libreoffice-calc`) and run the tests again."
    )
  return "soffice"
}

/**
 * A private LibreOffice profile: Vietnamese locale (so `#,##0` shows dot grouping and dates are
 * day-first) and formulas always recalculated on load (so exported SUMs are checked by
 * LibreOffice itself, not only their cached values).
 */
export const makeProfile = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "khuyencong-lo-"))
  mkdirSync(join(dir, "user"), { recursive: true })
  writeFileSync(
    join(dir, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>vi-VN</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`
  )
  return dir
}

/** Run one soffice conversion of several files; returns the output files. */
export const convert = (
  profile: string,
  files: ReadonlyArray<string>,
  to: string,
  outdir: string,
  infilter?: string
): ReadonlyArray<string> => {
  mkdirSync(outdir, { recursive: true })
  const args = [
    "--headless",
    "--norestore",
    `-env:UserInstallation=file://${profile}`,
    ...(infilter === undefined ? [] : [`--infilter=${infilter}`]),
    "--convert-to",
    to,
    "--outdir",
    outdir,
    ...files
  ]
  const r = spawnSync(requireSoffice(), args, { encoding: "utf8", timeout: 120_000 })
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}\n${r.stdout}`)
  const out = readdirSync(outdir).map((f) => join(outdir, f))
  if (out.length === 0) throw new Error(`soffice wrote nothing: ${r.stdout}\n${r.stderr}`)
  return out
}

/** CSV export filter: comma, double quote, UTF-8, Vietnamese, values as shown, every sheet. */
export const CSV_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1066,false,true,true,false,false,-1"
/** CSV export filter writing formulas instead of values. */
export const CSV_FORMULAS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1066,false,true,false,true,false,-1"
/** CSV import filter: comma, double quote, UTF-8, Vietnamese number and date recognition. */
export const CSV_IN_VI = "CSV:44,34,76,1,,1066,false,true"

export const fixture = (name: string): string => {
  const p = fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
  if (!existsSync(p)) throw new Error(`missing fixture ${p}`)
  return p
}

/**
 * A LibreOffice harness for a test file: a private profile and a work folder made before the
 * tests (by `setup`), removed after; a failed setup (no soffice …) makes every test fail with it.
 */
export const libreOffice = (setup: (profile: string, work: string) => void | Promise<void>): { readonly ready: () => void; readonly work: string } => {
  const work = mkdtempSync(join(tmpdir(), "khuyencong-lo-"))
  let profile = ""
  let setupError: unknown
  beforeAll(async () => {
    try {
      requireSoffice()
      profile = makeProfile()
      await setup(profile, work)
    } catch (e) {
      setupError = e
    }
  }, 240_000)
  afterAll(() => {
    rmSync(work, { recursive: true, force: true })
    if (profile !== "") rmSync(profile, { recursive: true, force: true })
  })
  return {
    work,
    ready: () => {
      if (setupError !== undefined) throw setupError
    }
  }
}
