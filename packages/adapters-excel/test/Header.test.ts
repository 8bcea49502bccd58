import { describe, expect, test } from "vitest"
import type { CellValue } from "../src/Cell.js"
import * as Register from "../src/Register.js"
import { activities, brief, HEADER, ROW } from "./helpers.js"

const fieldsOf = (r: ReturnType<typeof Register.read>) => {
  const reg = r.ok ? r.value : r.error.partial
  return Object.fromEntries((reg?.columns ?? []).map((c) => [c.field, c.column]))
}

const EXPECTED = {
  stt: "A",
  title: "B",
  activity: "C",
  implementingUnit: "D",
  beneficiaries: "E",
  location: "F",
  duration: "G",
  total: "H",
  requestedSupport: "I",
  counterpartFunding: "J",
  fund: "K",
  planYear: "L"
}

describe("header detection by Vietnamese labels", () => {
  test("the ministry form's labels map every column", () => {
    const r = Register.read([HEADER, ROW], { activities })
    expect(r.ok).toBe(true)
    expect(fieldsOf(r)).toEqual(EXPECTED)
    if (r.ok) expect(r.value.headerRow).toBe(1)
  })

  test("accents, case, line breaks, punctuation and extra spaces do not matter", () => {
    const header = [
      "stt",
      "TEN DE AN",
      "Nội dung\nhoạt động",
      "  Đơn  vị   thực hiện ",
      "ĐƠN VỊ THỤ HƯỞNG",
      "Dia diem",
      "Thời gian\r\nthực hiện",
      "Tổng kinh phí:",
      "Kinh phí khuyến công\nhỗ trợ",
      "kinh phí đối ứng",
      "Quỹ/nguồn (quốc gia/địa phương)",
      "Năm\nkế hoạch"
    ]
    expect(fieldsOf(Register.read([header, ROW], { activities }))).toEqual(EXPECTED)
  })

  test("title rows, a decision reference and a unit note above the header are passed over", () => {
    const rows: Array<ReadonlyArray<CellValue>> = [
      ["UBND TỈNH HÀ GIANG", null, null, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["SỞ CÔNG THƯƠNG", null, null, "Độc lập - Tự do - Hạnh phúc"],
      [],
      ["KẾ HOẠCH KINH PHÍ KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024"],
      ["(Kèm theo Quyết định số 15/QĐ-SCT ngày 15/01/2024)"],
      [null, null, null, null, null, null, null, null, null, "Đơn vị tính: triệu đồng"],
      HEADER,
      [1, "Hỗ trợ máy sao chè", "machinery", "TTKC Hà Giang", "cs-01", "02", "2024", 1800, 900, 900, "KCĐP", 2024]
    ]
    const r = Register.read(rows, { activities })
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.headerRow).toBe(7)
      expect(r.value.entries.map((e) => e.row)).toEqual([8])
      // the note's unit applies to amount columns without their own
      expect(r.value.proposals[0]?.activities[0]?.costLines[0]?.total).toBe(1_800_000_000n)
      expect(r.value.columns.find((c) => c.field === "total")?.unit).toBe("triệu đồng")
    }
  })

  test("a subtitle line directly above a one-row header is not the top row of a two-row header", () => {
    const subtitles = ["(Kèm theo Tờ trình số 12)", "Kèm theo Tờ trình số 12/TTr-SCT ngày 05/01/2024", "Nguồn kinh phí: khuyến công địa phương"]
    for (const subtitle of subtitles) {
      for (const merges of [undefined, ["A1:L1", "A2:L2"]]) {
        const r = Register.read([["TITLE"], [subtitle], HEADER, ROW], { activities }, merges === undefined ? {} : { merges })
        expect(r.ok, `${subtitle} ${String(merges)}`).toBe(true)
        if (!r.ok) continue
        expect(r.value.headerRow).toBe(3)
        expect(fieldsOf(r)).toEqual(EXPECTED)
        expect(r.value.columns.find((c) => c.field === "total")?.header).toBe("Tổng kinh phí")
        expect(r.value.entries.map((e) => e.row)).toEqual([4])
      }
    }
    // a unit line at the right end ("ĐVT: triệu đồng") alongside the subtitle is still a note, not a parent
    const withUnit = Register.read([["TITLE"], ["(Kèm theo Tờ trình số 12)", null, null, null, null, null, null, null, null, null, null, "ĐVT: triệu đồng"], HEADER, ROW], { activities })
    const reg = withUnit.ok ? withUnit.value : withUnit.error.partial
    expect(reg?.headerRow).toBe(3)
    expect(reg?.columns.find((c) => c.field === "total")?.header).toBe("Tổng kinh phí")
  })

  test("a genuine two-row merged header under a title and a subtitle keeps its parents", () => {
    const top = ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian thực hiện", null, "Kinh phí (triệu đồng)", null, null, "Nguồn", "Năm"]
    const bottom = [null, null, null, null, "Từ ngày", "Đến ngày", "Tổng số", "Trong đó: KC hỗ trợ", "Đối ứng", null, null]
    const data = [1, "Hỗ trợ máy sao chè", "machinery", "TTKC Hà Giang", "01/03/2024", "30/11/2024", 1800, 900, 900, "KCQG", 2024]
    const merges = ["A1:K1", "A2:K2", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:I3", "J3:J4", "K3:K4"]
    for (const m of [undefined, merges]) {
      const r = Register.read([["TITLE"], ["(Kèm theo Tờ trình số 12)"], top, bottom, data], { activities }, m === undefined ? {} : { merges: m })
      expect(r.ok).toBe(true)
      if (!r.ok) continue
      expect(r.value.headerRow).toBe(3)
      expect(r.value.columns.find((c) => c.field === "requestedSupport")?.header).toBe("Kinh phí (triệu đồng) / Trong đó: KC hỗ trợ")
      expect(r.value.columns.find((c) => c.field === "start")?.header).toBe("Thời gian thực hiện / Từ ngày")
      expect(r.value.proposals[0]?.activities[0]?.costLines[0]?.requestedSupport).toBe(900_000_000n)
    }
  })

  test("a two-row header with merged parents (no merge information: streamed files)", () => {
    const top = ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian thực hiện", null, "Kinh phí (triệu đồng)", null, null, "Nguồn", "Năm"]
    const bottom = [null, null, null, null, "Từ ngày", "Đến ngày", "Tổng số", "Trong đó: KC hỗ trợ", "Đối ứng", null, null]
    const data = [1, "Hỗ trợ máy sao chè", "machinery", "TTKC Hà Giang", "01/03/2024", "30/11/2024", 1800, 900, 900, "KCQG", 2024]
    const r = Register.read([top, bottom, data], { activities })
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.columns.map((c) => [c.field, c.column, c.header])).toEqual([
        ["stt", "A", "STT"],
        ["title", "B", "Tên đề án"],
        ["activity", "C", "Nội dung hoạt động"],
        ["implementingUnit", "D", "Đơn vị thực hiện"],
        ["start", "E", "Thời gian thực hiện / Từ ngày"],
        ["end", "F", "Thời gian thực hiện / Đến ngày"],
        ["total", "G", "Kinh phí (triệu đồng) / Tổng số"],
        ["requestedSupport", "H", "Kinh phí (triệu đồng) / Trong đó: KC hỗ trợ"],
        ["counterpartFunding", "I", "Kinh phí (triệu đồng) / Đối ứng"],
        ["fund", "J", "Nguồn"],
        ["planYear", "K", "Năm"]
      ])
      expect(r.value.proposals[0]?.duration).toEqual({ start: "2024-03-01", end: "2024-11-30" })
      expect(r.value.proposals[0]?.activities[0]?.costLines[0]?.requestedSupport).toBe(900_000_000n)
    }
  })

  test("merge information, when the source has it, decides the spans exactly", () => {
    // "Khuyến công" alone is no label; under the merged parent "Kinh phí" it is the support column
    const top = ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian thực hiện", "Kinh phí", null, null, "Nguồn", "Năm"]
    const bottom = [null, null, null, null, null, "Tổng", "Đối ứng", "Khuyến công", null, null]
    const data = [1, "Hỗ trợ máy sao chè", "machinery", "TTKC Hà Giang", "2024", 1_800_000_000, 900_000_000, 900_000_000, "KCQG", 2024]
    // streamed (no merges): the parent spans every empty top cell that has a child → H is support
    const guessed = Register.read([top, bottom, data], { activities })
    expect(fieldsOf(guessed)["requestedSupport"]).toBe("H")
    // the file says "Kinh phí" covers F:G only → H is not under it, and the support column is missing
    const narrow = Register.read([top, bottom, data], { activities }, { merges: ["A1:A2", "F1:G1", "I1:I2", "J1:J2"] })
    expect(narrow.ok).toBe(false)
    if (!narrow.ok) expect(narrow.error.issues.map((i) => i.code)).toEqual(["import/missing-column"])
    const wide = Register.read([top, bottom, data], { activities }, { merges: ["F1:H1"] })
    expect(wide.ok).toBe(true)
    expect(fieldsOf(wide)["requestedSupport"]).toBe("H")
  })

  test("a column-numbering row under the header is skipped and reported", () => {
    const r = Register.read([HEADER, HEADER.map((_, i) => `(${i + 1})`), ROW], { activities })
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.skipped).toEqual([{ row: 2, reason: "numbering", text: "(1) (2) (3) (4) (5) (6) (7) (8) (9) (10) (11) (12)" }])
      expect(r.value.entries.map((e) => e.row)).toEqual([3])
    }
  })

  test("a header labelled with the other recognised names ('Đơn vị chủ trì', 'Vốn đối ứng', 'Cơ sở thụ hưởng', 'Địa bàn')", () => {
    const header = ["TT", "Tên đề án/nhiệm vụ", "Nội dung hỗ trợ", "Đơn vị chủ trì", "Cơ sở thụ hưởng", "Địa bàn", "Thời gian", "Tổng dự toán", "Kinh phí đề nghị hỗ trợ", "Vốn đối ứng", "Nguồn vốn", "Năm thực hiện"]
    expect(fieldsOf(Register.read([header, ROW], { activities }))).toEqual(EXPECTED)
  })

  test("a mapping by header label for a sheet with its own wording", () => {
    const header = HEADER.map((h) => (h === "Tên đề án" ? "Tên dự án khuyến công" : h === "Đơn vị thực hiện" ? "Cơ quan triển khai" : h))
    const without = Register.read([header, ROW], { activities })
    expect(without.ok).toBe(false)
    if (!without.ok) expect(without.error.issues[0]?.code).toBe("import/header-not-found")
    const r = Register.read([header, ROW], { activities, columns: { title: "Tên dự án khuyến công", implementingUnit: { header: "cơ quan triển khai" } } })
    expect(r.ok).toBe(true)
    expect(fieldsOf(r)).toEqual(EXPECTED)
  })

  test("a mapping by column letter, also beyond the header's labels", () => {
    const header = HEADER.map((h) => (h === "Năm kế hoạch" ? "Ghi chú" : h))
    const r = Register.read([header, ROW], { activities, columns: { planYear: { column: "L" } } })
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.proposals[0]?.planYear).toBe(2024)
    const bad = Register.read([header, ROW], { activities, columns: { planYear: { column: "L1" } } })
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error.issues[0]?.code).toBe("import/bad-value")
  })

  test("a user mapping takes the field away from its default labels (no ambiguity with a second 'Tổng kinh phí')", () => {
    const header = [...HEADER, "Tổng kinh phí năm trước"]
    const r = Register.read([header, [...ROW, 5]], { activities, columns: { total: { column: "H" } } })
    expect(r.ok).toBe(true)
  })

  test("headerRow forces the header row", () => {
    const rows = [["Tên đề án", "Nội dung hoạt động", "Tổng kinh phí"], HEADER, ROW]
    const r = Register.read(rows, { activities, headerRow: 2 })
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.headerRow).toBe(2)
    const none = Register.read(rows, { activities, headerRow: 9 })
    expect(none.ok).toBe(false)
    if (!none.ok) expect(none.error.issues[0]?.code).toBe("import/header-not-found")
  })
})

describe("header problems", () => {
  test("no header row at all → import/header-not-found, nothing read", () => {
    const r = Register.read([["Danh sách cơ sở"], ["Công ty A", "Hà Giang"]], { activities }, { sheet: "Sheet1" })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(brief(r.error.issues)).toEqual([{ code: "import/header-not-found", row: undefined, column: undefined, header: undefined, field: undefined }])
      expect(r.error.issues[0]?.sheet).toBe("Sheet1")
      expect(r.error.partial).toBeUndefined()
    }
  })

  test("a header missing a required column → import/missing-column naming it, at the header row", () => {
    const header = HEADER.filter((h) => h !== "Kinh phí khuyến công hỗ trợ")
    const r = Register.read([["KẾ HOẠCH 2024"], header], { activities })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.issues.map((i) => [i.code, i.row])).toEqual([["import/missing-column", 2]])
      expect(r.error.issues[0]?.message).toContain("requestedSupport")
      expect(r.error.issues[0]?.message).toContain("Kinh phí khuyến công hỗ trợ")
    }
  })

  test("no period column and no plan year → import/missing-column naming what would do", () => {
    const header = HEADER.filter((h) => h !== "Thời gian thực hiện" && h !== "Năm kế hoạch")
    const r = Register.read([header], { activities })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.issues.map((i) => i.code)).toEqual(["import/missing-column"])
      expect(r.error.issues[0]?.message).toContain("the implementation period (thời gian thực hiện)")
      expect(r.error.issues[0]?.message).toContain("planYear: 2024")
    }
  })

  test("no period column with a plan year → the whole plan year, said once in a warning", () => {
    const header = HEADER.filter((h) => h !== "Thời gian thực hiện")
    const r = Register.read([header, ROW.filter((_, i) => HEADER[i] !== "Thời gian thực hiện")], { activities })
    if (!r.ok) throw r.error
    expect(r.value.proposals[0]?.duration).toEqual({ start: "2024-01-01", end: "2024-12-31" })
    expect(r.value.warnings.map((w) => [w.code, w.row, w.params?.["field"]])).toEqual([["import/period-defaulted", 1, "duration"]])
  })

  test("fund and plan year may come from defaults instead of columns", () => {
    const header = HEADER.filter((h) => h !== "Nguồn kinh phí" && h !== "Năm kế hoạch")
    const row = ROW.slice(0, 10)
    const missing = Register.read([header, row], { activities })
    expect(missing.ok).toBe(false)
    if (!missing.ok) {
      expect(missing.error.issues[0]?.message).toContain("the fund (nguồn kinh phí)")
      expect(missing.error.issues[0]?.message).toContain("the plan year (năm kế hoạch)")
      expect(missing.error.issues[0]?.message).toContain('defaults: { fund: "local" }')
    }
    const r = Register.read([header, row], { activities, defaults: { fund: "local", planYear: 2024 } })
    expect(r.ok).toBe(true)
    if (r.ok) expect([r.value.proposals[0]?.fund, r.value.proposals[0]?.planYear]).toEqual(["local", 2024])
  })

  test("two columns matching one field → import/ambiguous-column naming both", () => {
    const header = [...HEADER, "Tổng số"]
    const r = Register.read([header, [...ROW, 1]], { activities })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.issues[0]?.code).toBe("import/ambiguous-column")
      expect(r.error.issues[0]?.message).toContain('column H "Tổng kinh phí"')
      expect(r.error.issues[0]?.message).toContain('column M "Tổng số"')
    }
  })

  test("an empty sheet → import/empty-sheet", () => {
    for (const rows of [[], [[], [null, "  "]]]) {
      const r = Register.read(rows, { activities }, { sheet: "Trống" })
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error.issues.map((i) => [i.code, i.sheet])).toEqual([["import/empty-sheet", "Trống"]])
    }
  })

  test("the header is searched only in the first headerSearchRows rows", () => {
    const rows: Array<ReadonlyArray<CellValue>> = [...Array.from({ length: 5 }, () => ["ghi chú"]), HEADER, ROW]
    expect(Register.read(rows, { activities, headerSearchRows: 5 }).ok).toBe(false)
    expect(Register.read(rows, { activities, headerSearchRows: 6 }).ok).toBe(true)
  })
})
