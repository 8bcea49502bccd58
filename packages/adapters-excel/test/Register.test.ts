import { LocalDate, Money, Proposal } from "@khuyencong/core"
import { describe, expect, test } from "vitest"
import type { CellValue } from "../src/Cell.js"
import { ImportError } from "../src/Issues.js"
import * as Register from "../src/Register.js"
import { activities, brief, day, HEADER, m, ROW, rowWith } from "./helpers.js"

const read = (rows: ReadonlyArray<ReadonlyArray<CellValue>>, options: Partial<Register.Options> = {}) =>
  Register.read([HEADER, ...rows], { activities, ...options }, { sheet: "Biểu 01" })

const one = (row: ReadonlyArray<CellValue>, options: Partial<Register.Options> = {}) => {
  const r = read([row], options)
  if (!r.ok) throw new Error(r.error.message)
  const p = r.value.proposals[0]
  if (p === undefined) throw new Error("no proposal")
  return p
}

const issuesOf = (rows: ReadonlyArray<ReadonlyArray<CellValue>>, options: Partial<Register.Options> = {}) => {
  const r = read(rows, options)
  if (r.ok) throw new Error("expected problems")
  return r.error
}

describe("a valid row becomes a proposal", () => {
  test("seed 000: the national group project for 3 establishments, 900 triệu of support", () => {
    const p = one(ROW)
    expect(p).toEqual({
      id: "row-2",
      title: "Hỗ trợ ứng dụng máy sao chè Shan tuyết",
      fund: "national",
      form: { kind: "group", beneficiaryIds: ["cs-01", "cs-02", "cs-03"] },
      activities: [
        {
          activity: "machinery",
          costLines: [
            {
              item: "machinery",
              quantity: 1,
              unitCost: m(1_800_000_000n),
              total: m(1_800_000_000n),
              requestedSupport: m(900_000_000n),
              counterpartFunding: m(900_000_000n)
            }
          ]
        }
      ],
      implementingUnit: { name: "Trung tâm Khuyến công - Xúc tiến Công Thương Hà Giang" },
      beneficiaries: ["cs-01", "cs-02", "cs-03"],
      locations: [{ provinceCode: "02", provinceName: "Hà Giang" }],
      planYear: 2024,
      duration: { start: day("2024-03-01"), end: day("2024-11-30") }
    })
    // what came out is a valid Proposal by the core validator
    expect(Proposal.decode(Proposal.encode(p)).ok).toBe(true)
  })

  test("ids: the id column when there is one, else idPrefix + row number", () => {
    expect(one(ROW, { idPrefix: "HG-2024-" }).id).toBe("HG-2024-2")
    const r = Register.read([["Mã đề án", ...HEADER], ["HG-01", ...ROW]], { activities })
    expect(r.ok && r.value.proposals[0]?.id).toBe("HG-01")
  })

  test("activity cells: code, Vietnamese name (any case, no accents) or alias", () => {
    expect(one(rowWith({ "Nội dung hoạt động": "Bình chọn sản phẩm công nghiệp nông thôn tiêu biểu" })).activities[0]?.activity).toBe("typical-product")
    expect(one(rowWith({ "Nội dung hoạt động": "BINH CHON SAN PHAM CONG NGHIEP NONG THON TIEU BIEU" })).activities[0]?.activity).toBe("typical-product")
    expect(one(rowWith({ "Nội dung hoạt động": "Ứng dụng máy móc thiết bị tiên tiến" })).activities[0]?.activity).toBe("machinery")
  })

  test("fund words: KCQG / Quốc gia → national; KCĐP / Địa phương / ĐP → local", () => {
    for (const w of ["KCQG", "Quốc gia", "khuyến công quốc gia", "TW"]) expect(one(rowWith({ "Nguồn kinh phí": w })).fund).toBe("national")
    for (const w of ["KCĐP", "Địa phương", "dia phuong", "ĐP"]) expect(one(rowWith({ "Nguồn kinh phí": w })).fund).toBe("local")
  })

  test("form: blank → group with ≥ 2 beneficiaries, single otherwise; or the written form", () => {
    const header = [...HEADER, "Hình thức"]
    const withForm = (form: CellValue, beneficiaries: CellValue) =>
      Register.read([header, [...rowWith({ "Đơn vị thụ hưởng": beneficiaries }), form]], { activities })
    const kind = (r: ReturnType<typeof withForm>) => (r.ok ? r.value.proposals[0]?.form.kind : r.error.issues.map((i) => i.code).join())
    expect(kind(withForm(null, "cs-01"))).toBe("single")
    expect(kind(withForm(null, "cs-01\ncs-02"))).toBe("group")
    expect(kind(withForm("Thí điểm", "cs-01"))).toBe("pilot")
    expect(kind(withForm("Điểm", "cs-01"))).toBe("pilot")
    expect(kind(withForm("Nhiệm vụ", null))).toBe("task")
    expect(kind(withForm("Nhóm", "cs-01"))).toBe("schema/invalid") // a group needs ≥ 2 establishments
    expect(kind(withForm("Liên kết", "cs-01"))).toBe("import/bad-value")
  })

  test("beneficiaries split on ';' and line breaks, trimmed", () => {
    expect(one(rowWith({ "Đơn vị thụ hưởng": " cs-01 ;cs-02\n cs-03 " })).beneficiaries).toEqual(["cs-01", "cs-02", "cs-03"])
    expect(one(rowWith({ "Đơn vị thụ hưởng": null })).beneficiaries).toEqual([])
  })

  test("blank counterpart and '-' mean 0 đồng; the funding check still holds them to the total", () => {
    const r = one(rowWith({ "Tổng kinh phí": 450_000_000, "Kinh phí khuyến công hỗ trợ": 450_000_000, "Kinh phí đối ứng": "-" }))
    expect(r.activities[0]?.costLines[0]?.counterpartFunding).toBe(0n)
    const e = issuesOf([rowWith({ "Kinh phí đối ứng": null })])
    expect(brief(e.issues)).toEqual([{ code: "proposal/funding-shortfall", row: 2, column: "J", header: "Kinh phí đối ứng", field: "counterpartFunding" }])
  })

  test("without a counterpart column, counterpart = total − support", () => {
    const header = HEADER.filter((h) => h !== "Kinh phí đối ứng")
    const row = ROW.filter((_, i) => HEADER[i] !== "Kinh phí đối ứng")
    const r = Register.read([header, row], { activities })
    expect(r.ok && r.value.proposals[0]?.activities[0]?.costLines[0]?.counterpartFunding).toBe(900_000_000n)
  })

  test("other state funding and approval date columns", () => {
    const header = [...HEADER, "Nguồn ngân sách khác", "Ngày phê duyệt"]
    const r = Register.read(
      [header, [...rowWith({ "Kinh phí đối ứng": 800_000_000 }), 100_000_000, new Date(Date.UTC(2024, 0, 15))]],
      { activities }
    )
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.proposals[0]?.activities[0]?.costLines[0]?.otherStateFunding).toBe(100_000_000n)
      expect(r.value.proposals[0]?.approvalDate).toBe("2024-01-15")
    }
  })
})

describe("dates and periods", () => {
  const header = HEADER.map((h) => (h === "Thời gian thực hiện" ? "Ngày bắt đầu" : h))
  const withStartEnd = (start: CellValue, end: CellValue) =>
    Register.read([[...header, "Ngày kết thúc"], [...rowWith({ "Thời gian thực hiện": start }), end]], { activities })
  const duration = (r: ReturnType<typeof withStartEnd>) =>
    r.ok ? r.value.proposals[0]?.duration : r.error.issues.map((i) => `${i.code}@${i.column}`).join(" ")

  test("dd/mm/yyyy and ISO text", () => {
    expect(duration(withStartEnd("01/03/2024", "2024-11-30"))).toEqual({ start: "2024-03-01", end: "2024-11-30" })
    expect(duration(withStartEnd("1/3/2024", "30.11.2024"))).toEqual({ start: "2024-03-01", end: "2024-11-30" })
  })
  test("date cells from exceljs (UTC midnight) without time-zone shift", () => {
    expect(duration(withStartEnd(new Date(Date.UTC(2024, 2, 1)), new Date(Date.UTC(2024, 10, 30))))).toEqual({ start: "2024-03-01", end: "2024-11-30" })
  })
  test("Excel serial numbers (1900 system) and the 1904 system when the workbook says so", () => {
    expect(duration(withStartEnd(45352, 45626))).toEqual({ start: "2024-03-01", end: "2024-11-30" })
    const r1904 = Register.read([[...header, "Ngày kết thúc"], [...rowWith({ "Thời gian thực hiện": 43890 }), 44164]], { activities, dateSystem: "1904" })
    expect(duration(r1904)).toEqual({ start: "2024-03-01", end: "2024-11-30" })
  })
  test("a number outside the plan years is not taken for a date (a year typed in a date column)", () => {
    expect(duration(withStartEnd(2024, "30/11/2024"))).toBe("import/bad-date@G")
  })
  test("60 (29/02/1900, the Lotus bug), a time of day and nonsense are refused", () => {
    expect(duration(withStartEnd(60, "30/11/2024"))).toBe("import/bad-date@G")
    expect(duration(withStartEnd(45352.25, "30/11/2024"))).toBe("import/bad-date@G")
    expect(duration(withStartEnd(new Date("2024-02-29T17:00:00Z"), "30/11/2024"))).toBe("import/bad-date@G")
    expect(duration(withStartEnd("31/04/2024", "30/11/2024"))).toBe("import/bad-date@G")
    expect(duration(withStartEnd("01/03/2024", "tháng sau"))).toBe("import/bad-date@M")
  })
  test("an end before the start is the validator's proposal/duration-order, on the end column", () => {
    expect(duration(withStartEnd("01/12/2024", "30/11/2024"))).toBe("proposal/duration-order@M")
  })
  test.each([
    ["01/03/2024 - 30/11/2024", "2024-03-01", "2024-11-30"],
    ["01/03/2024-30/11/2024", "2024-03-01", "2024-11-30"],
    ["Từ 01/03/2024 đến 30/11/2024", "2024-03-01", "2024-11-30"],
    ["tháng 3 - 11/2024", "2024-03-01", "2024-11-30"],
    ["Tháng 3 đến tháng 11 năm 2024", "2024-03-01", "2024-11-30"],
    ["03/2024 - 02/2025", "2024-03-01", "2025-02-28"],
    ["tháng 2/2024", "2024-02-01", "2024-02-29"],
    ["Năm 2024", "2024-01-01", "2024-12-31"],
    [2024, "2024-01-01", "2024-12-31"]
  ])("one period cell %j → %s … %s", (cell, start, end) => {
    expect(one(rowWith({ "Thời gian thực hiện": cell })).duration).toEqual({ start, end })
  })
  test("an unreadable period → import/bad-value with the raw cell", () => {
    const e = issuesOf([rowWith({ "Thời gian thực hiện": "Quý V/2024" })])
    expect(e.issues.map((i) => [i.code, i.column, i.raw])).toEqual([["import/bad-value", "G", "Quý V/2024"]])
    const e2 = issuesOf([rowWith({ "Thời gian thực hiện": "tháng 13 - 14/2024" })])
    expect(e2.issues.map((i) => i.code)).toEqual(["import/bad-date"])
  })
})

describe("locations", () => {
  const locations = (cell: CellValue, period: CellValue = "01/03/2024 - 30/11/2024") => {
    const r = read([rowWith({ "Địa điểm": cell, "Thời gian thực hiện": period })])
    return r.ok ? r.value.proposals[0]?.locations : r.error.issues.map((i) => `${i.code}: ${i.message}`)
  }
  test("a code, 'code - name', a name, and a full address", () => {
    expect(locations("02")).toEqual([{ provinceCode: "02" }])
    expect(locations("02 - Hà Giang")).toEqual([{ provinceCode: "02", provinceName: "Hà Giang" }])
    expect(locations("tỉnh Hà Giang")).toEqual([{ provinceCode: "02", provinceName: "Hà Giang" }])
    expect(locations("TP. Hồ Chí Minh")).toEqual([{ provinceCode: "79", provinceName: "Hồ Chí Minh" }])
    expect(locations("Xã Minh Ngọc, huyện Bắc Mê, tỉnh Hà Giang")).toEqual([
      { provinceCode: "02", provinceName: "Hà Giang", district: "huyện Bắc Mê", commune: { name: "Minh Ngọc", kind: "commune" } }
    ])
    expect(locations("Hà Giang; Tuyên Quang")).toEqual([
      { provinceCode: "02", provinceName: "Hà Giang" },
      { provinceCode: "08", provinceName: "Tuyên Quang" }
    ])
  })
  test("names are read in the list in force on the start date (codes were reused in 2025)", () => {
    expect(locations("Lào Cai", "2024")).toEqual([{ provinceCode: "10", provinceName: "Lào Cai" }])
    expect(locations("Lào Cai", "01/08/2025 - 30/11/2025")).toEqual([{ provinceCode: "15", provinceName: "Lào Cai" }])
    const gone = locations("Hà Giang", "01/08/2025 - 30/11/2025")
    expect(gone).toHaveLength(1)
    expect(String(gone?.[0])).toMatch(/^import\/bad-value: .*no longer a province/)
  })
  test("a code that contradicts its name, an unknown name, an unknown piece of address → import/bad-value", () => {
    expect(String(locations("01 - Hà Giang"))).toContain("does not match")
    expect(String(locations("Gotham"))).toContain("not the name of a province")
    expect(String(locations("Thôn 3, xã Minh Ngọc, huyện Bắc Mê, Hà Giang"))).toContain("more than a location holds")
  })
  test("a custom location reader", () => {
    const r = read([rowWith({ "Địa điểm": "HG" })], {
      location: (t) => (t === "HG" ? { ok: true, value: [{ provinceCode: "02" }] } : { ok: false, error: "unknown" })
    })
    expect(r.ok && r.value.proposals[0]?.locations).toEqual([{ provinceCode: "02" }])
  })
})

describe("rows skipped on purpose", () => {
  test("subtotal rows (Tổng cộng, Cộng, Cộng I, Tổng số, Trong đó), group rows (I, II, A), headings and blank rows", () => {
    const rows: Array<ReadonlyArray<CellValue>> = [
      ["A", "KHUYẾN CÔNG QUỐC GIA"],
      ["I", "Đề án ứng dụng máy móc thiết bị"],
      ROW,
      [null, "Cộng I", null, null, null, null, null, { formula: "SUM(H4:H4)", result: 1_800_000_000 }],
      ["II.", "Đề án khác"],
      [],
      [null, null, null, null, null, null, null, null],
      [null, "Nhiệm vụ khuyến công"],
      rowWith({ STT: 2, "Tên đề án": "Hỗ trợ máy sấy chè", "Đơn vị thụ hưởng": "cs-04" }),
      [null, "Trong đó: KCQG"],
      [null, "Tổng số"],
      ["Tổng cộng", null, null, null, null, null, null, 3_600_000_000],
      [null, "TỔNG CỘNG (I + II)"]
    ]
    const r = read(rows)
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.value.entries.map((e) => e.row)).toEqual([4, 10])
      expect(r.value.skipped.map((s) => [s.row, s.reason])).toEqual([
        [2, "group"],
        [3, "group"],
        [5, "subtotal"],
        [6, "group"],
        [9, "heading"],
        [11, "subtotal"],
        [12, "subtotal"],
        [13, "subtotal"],
        [14, "subtotal"]
      ])
    }
  })
  test("a title that merely starts like a subtotal word is a proposal ('Tổng kết…', 'Cộng đồng…')", () => {
    const r = read([
      rowWith({ "Tên đề án": "Tổng kết chương trình khuyến công giai đoạn 2021-2025" }),
      rowWith({ STT: 2, "Tên đề án": "Cộng đồng làng nghề mây tre đan", "Đơn vị thụ hưởng": "cs-09" })
    ])
    expect(r.ok && r.value.entries.length).toBe(2)
  })
})

describe("every problem at once, each with sheet, row, column, header and raw value", () => {
  test("empty required cells", () => {
    const e = issuesOf([rowWith({ "Tên đề án": "  ", "Đơn vị thực hiện": null, "Kinh phí khuyến công hỗ trợ": null })])
    expect(e.issues.map((i) => [i.code, i.sheet, i.row, i.column, i.header, i.raw])).toEqual([
      ["import/empty-required", "Biểu 01", 2, "B", "Tên đề án", "  "],
      ["import/empty-required", "Biểu 01", 2, "D", "Đơn vị thực hiện", null],
      ["import/empty-required", "Biểu 01", 2, "I", "Kinh phí khuyến công hỗ trợ", null]
    ])
    expect(e.code).toBe("import/invalid")
    expect(e).toBeInstanceOf(ImportError)
  })

  test("unknown activity against the catalogue passed", () => {
    const e = issuesOf([rowWith({ "Nội dung hoạt động": "Khuyến nông" })])
    expect(e.issues.map((i) => [i.code, i.column, i.raw, i.field])).toEqual([["import/unknown-activity", "C", "Khuyến nông", "activity"]])
    expect(e.issues[0]?.message).toContain("machinery")
  })

  test("the same row twice → import/duplicate-row naming the first, only the first kept", () => {
    const r = read([ROW, rowWith({ STT: 2 })])
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.issues.map((i) => [i.code, i.row, i.column])).toEqual([["import/duplicate-row", 3, "B"]])
      expect(r.error.issues[0]?.message).toContain("repeats row 2")
      expect(r.error.partial?.entries.map((x) => x.row)).toEqual([2])
    }
  })

  test("a repeated id with different content → import/duplicate-id", () => {
    const header = ["Mã đề án", ...HEADER]
    const r = Register.read([header, ["HG-01", ...ROW], ["HG-01", ...rowWith({ "Tên đề án": "Đề án khác" })]], { activities })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.issues.map((i) => [i.code, i.row, i.column, i.raw])).toEqual([["import/duplicate-id", 3, "A", "HG-01"]])
      expect(r.error.partial?.proposals.map((p) => p.title)).toEqual(["Hỗ trợ ứng dụng máy sao chè Shan tuyết"])
    }
  })

  test("the Proposal validator's own issues land on the cell their field came from", () => {
    const e = issuesOf([
      rowWith({ "Kinh phí khuyến công hỗ trợ": 2_000_000_000 }), // support above total
      rowWith({ STT: 2, "Tổng kinh phí": -5, "Đơn vị thụ hưởng": "cs-05" }), // negative
      rowWith({ STT: 3, "Năm kế hoạch": 1999, "Đơn vị thụ hưởng": "cs-06" }), // out of plan years
      rowWith({ STT: 4, "Đơn vị thụ hưởng": "cs-07; cs-07", "Tên đề án": "Trùng cơ sở" }) // beneficiary twice
    ])
    expect(e.issues.map((i) => [i.code, i.row, i.column, i.field])).toEqual([
      ["proposal/support-exceeds-total", 2, "I", "requestedSupport"],
      ["money/negative", 3, "H", "total"],
      ["schema/invalid", 4, "L", "planYear"],
      ["proposal/group-duplicate-beneficiary", 5, "E", "beneficiaries"],
      ["proposal/duplicate-beneficiary", 5, "E", "beneficiaries"]
    ])
    expect(e.issues[1]?.message).toContain("total (thành tiền)")
    expect(e.issues[0]?.raw).toBe(2_000_000_000)
    expect(e.issues[2]?.raw).toBe(1999)
  })

  test("a problem in one cell does not hide problems in others, nor invent follow-on ones", () => {
    const e = issuesOf([rowWith({ "Tổng kinh phí": "abc", "Nội dung hoạt động": "xyz", "Thời gian thực hiện": "?" })])
    // no schema/missing echo for total, activity or duration, no funding-shortfall without a total
    expect(e.issues.map((i) => [i.code, i.column])).toEqual([
      ["import/unknown-activity", "C"],
      ["import/bad-value", "G"],
      ["import/bad-amount", "H"]
    ])
  })

  test("valid rows still come through beside faulty ones, in sheet order", () => {
    const r = read([
      ROW,
      rowWith({ STT: 2, "Tổng kinh phí": "1,5x", "Đơn vị thụ hưởng": "cs-04" }),
      rowWith({ STT: 3, "Tên đề án": "Hỗ trợ máy sấy", "Đơn vị thụ hưởng": "cs-05" })
    ])
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.partial?.entries.map((x) => [x.row, x.proposal.id])).toEqual([
        [2, "row-2"],
        [4, "row-4"]
      ])
      expect(r.error.issues.map((i) => i.row)).toEqual([3])
    }
  })

  test("formula cells: the cached value is used; without one, import/no-cached-value; error values, import/cell-error", () => {
    const ok = one(rowWith({ "Tổng kinh phí": { formula: "I2+J2", result: 1_800_000_000 } }))
    expect(ok.activities[0]?.costLines[0]?.total).toBe(1_800_000_000n)
    const e = issuesOf([
      rowWith({ "Tổng kinh phí": { formula: "I2+J2" } }),
      rowWith({ STT: 2, "Tổng kinh phí": { formula: "I3/0", result: { error: "#DIV/0!" } }, "Đơn vị thụ hưởng": "x" }),
      rowWith({ STT: 3, "Tên đề án": { formula: "#REF!", result: { error: "#REF!" } }, "Đơn vị thụ hưởng": "y" })
    ])
    expect(e.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["import/no-cached-value", 2, "H"],
      ["import/cell-error", 3, "H"],
      ["import/cell-error", 4, "B"]
    ])
  })

  test("plan year: a number or '2024' / 'năm 2024'; anything else → import/bad-value", () => {
    expect(one(rowWith({ "Năm kế hoạch": "năm 2024" })).planYear).toBe(2024)
    expect(issuesOf([rowWith({ "Năm kế hoạch": "24" })]).issues.map((i) => i.code)).toEqual(["import/bad-value"])
    expect(issuesOf([rowWith({ "Năm kế hoạch": new Date(Date.UTC(2024, 0, 1)) })]).issues.map((i) => i.code)).toEqual(["import/bad-value"])
  })

  test("a date or boolean where text belongs is not silently written out", () => {
    expect(issuesOf([rowWith({ "Đơn vị thực hiện": new Date(Date.UTC(2024, 0, 1)) })]).issues.map((i) => [i.code, i.column])).toEqual([
      ["import/bad-value", "D"]
    ])
    expect(issuesOf([rowWith({ "Đơn vị thực hiện": true })]).issues.map((i) => i.code)).toEqual(["import/bad-value"])
  })
})

describe("limits and streaming", () => {
  const many = (n: number) => Array.from({ length: n }, (_, k) => rowWith({ STT: k + 1, "Đơn vị thụ hưởng": `cs-${k}`, "Tên đề án": `Đề án ${k}` }))
  test("maxRows: a sheet longer than the limit stops with import/too-many-rows", () => {
    const r = read(many(30), { maxRows: 20 })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      const last = r.error.issues[r.error.issues.length - 1]
      expect([last?.code, last?.row]).toEqual(["import/too-many-rows", 22])
      expect(r.error.partial?.proposals).toHaveLength(20)
    }
  })
  test("maxIssues: the rest are counted in one import/too-many-issues", () => {
    const bad = many(25).map((row) => row.map((v, i) => (HEADER[i] === "Tổng kinh phí" ? "x" : v)))
    const r = read(bad, { maxIssues: 10 })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.issues).toHaveLength(11)
      expect(r.error.issues[10]?.code).toBe("import/too-many-issues")
      expect(r.error.issues[10]?.message).toContain("15 more")
    }
  })
  test("onProposal streams each proposal out; collect: false keeps none", () => {
    const seen: Array<number> = []
    const r = read(many(5), { collect: false, onProposal: (e) => seen.push(e.row) })
    expect(seen).toEqual([2, 3, 4, 5, 6])
    expect(r.ok && r.value.proposals).toEqual([])
  })
  test("the push reader gives the same result as read", () => {
    const rd = Register.reader({ activities }, { sheet: "Biểu 01" })
    for (const row of [HEADER, ROW]) rd.push(row)
    const a = rd.end()
    const b = read([ROW])
    expect(a).toEqual(b)
  })
  test("readOrThrow throws the ImportError", () => {
    expect(() => Register.readOrThrow([HEADER, rowWith({ "Tổng kinh phí": "x" })], { activities })).toThrow(ImportError)
  })
})

describe("register rows ⇄ proposals", () => {
  const row: Register.Row = {
    id: "HY-2024-01",
    title: "Hỗ trợ máy móc thiết bị sản xuất gạch không nung",
    fund: "local",
    form: "single",
    activity: "machinery",
    implementingUnit: "Trung tâm Khuyến công và Xúc tiến thương mại tỉnh Hưng Yên",
    beneficiaries: ["cs-hy-01"],
    locations: [{ provinceCode: "33", provinceName: "Hưng Yên" }],
    planYear: 2024,
    start: LocalDate.parseOrThrow("2024-04-01"),
    end: LocalDate.parseOrThrow("2024-10-31"),
    total: Money.make(1_400_000_000n),
    requestedSupport: Money.make(700_000_000n),
    counterpartFunding: Money.make(700_000_000n)
  }
  test("toProposal then rowOf is the identity", () => {
    const p = Register.toProposal(row)
    expect(p.ok).toBe(true)
    if (p.ok) expect(Register.rowOf(p.value)).toEqual({ ok: true, value: row })
  })
  test("rowOf sums several cost lines and refuses several activities", () => {
    const p = Register.toProposal(row)
    if (!p.ok) throw p.error
    const a = p.value.activities[0]
    const line = a?.costLines[0]
    if (a === undefined || line === undefined) throw new Error("no line")
    const twoLines = { ...p.value, activities: [{ ...a, costLines: [line, { ...line, item: "machinery.equipment" }] }] }
    const r = Register.rowOf(twoLines)
    expect(r.ok && [r.value.total, r.value.item]).toEqual([2_800_000_000n, undefined])
    const twoActivities = { ...p.value, activities: [a, { ...a, activity: "demo-model" }] }
    const e = Register.rowOf(twoActivities)
    expect(e.ok).toBe(false)
    if (!e.ok) expect(e.error.code).toBe("register/several-activities")
  })
  test("location text reads back", () => {
    const locs: ReadonlyArray<Register.Location> = [
      { provinceCode: "02", provinceName: "Hà Giang", district: "huyện Bắc Mê", commune: { name: "Minh Ngọc", kind: "commune" } },
      { provinceCode: "79" }
    ]
    const text = Register.formatLocations(locs)
    expect(text).toBe("xã Minh Ngọc, huyện Bắc Mê, 02 - Hà Giang; 79")
    expect(one(rowWith({ "Địa điểm": text })).locations).toEqual(locs)
  })
})
