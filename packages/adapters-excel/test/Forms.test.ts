/**
 * Registers in the forms provinces keep them (issue 15), read without options: the title gives
 * the plan year, the fund and the province; activities in officials' short forms; periods in
 * every form; locations without a province; a proposal over several rows; legacy encodings.
 */
import communes from "@khuyencong/law/communes.json" with { type: "json" }
import * as fc from "fast-check"
import { describe, expect, test } from "vitest"
import type { CellValue } from "../src/Cell.js"
import * as Csv from "../src/Csv.js"
import * as Issues from "../src/Issues.js"
import * as Register from "../src/Register.js"
import type * as Report from "../src/Report.js"
import * as Xlsx from "../src/Xlsx.js"

const TITLE = "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2024 – TỈNH HƯNG YÊN"
const HEAD = ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Địa điểm", "Thời gian bắt đầu", "Tổng kinh phí (triệu đồng)", "Kinh phí khuyến công hỗ trợ (triệu đồng)", "Kinh phí đối ứng (triệu đồng)"]
const UNIT = "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Hưng Yên"

describe("a Hưng Yên register: title, short forms, start dates only, locations without a province", () => {
  const rows: ReadonlyArray<ReadonlyArray<CellValue>> = [
    [TITLE],
    ["(Kèm theo Quyết định số 15/QĐ-SCT ngày 15/01/2024 của Sở Công Thương tỉnh Hưng Yên)"],
    HEAD,
    [1, "Hỗ trợ máy dệt", "Ứng dụng máy móc thiết bị tiên tiến", UNIT, "Xã Tân Lập, huyện Yên Mỹ", "01/03/2024", "800", "400", "400"],
    [2, "Phóng sự khuyến công", "Thông tin tuyên truyền", UNIT, "Toàn tỉnh", "01/04/2024", "150,5", "150,5", "0"],
    [3, "Tư vấn cho 5 cơ sở", "Tư vấn, trợ giúp cơ sở CNNT", UNIT, "Thị trấn Như Quỳnh, huyện Văn Lâm", "01/05/2024", "120", "100", "20"],
    [4, "Bình chọn sản phẩm tiêu biểu", "Bình chọn sản phẩm CNNT tiêu biểu", UNIT, "Toàn tỉnh", "01/06/2024", "300", "300", "0"],
    [5, "Hỗ trợ lò sấy", "Ứng dụng máy móc thiết bị tiên tiến", UNIT, "Xã Nghĩa Hiệp, huyện Yên Mỹ", "", "500", "250", "250"],
    [6, "Sai số tiền", "Ứng dụng máy móc thiết bị tiên tiến", UNIT, "Toàn tỉnh", "01/03/2024", "1.2OO", "600", "600"],
    [7, "Sai nội dung", "Tư vấn thiết kế mẫu", UNIT, "Toàn tỉnh", "01/03/2024", "100", "50", "50"],
    ["", "Tổng cộng", "", "", "", "", "", "", ""],
    ["", "", "", "", "Hưng Yên, ngày 15 tháng 01 năm 2024"],
    ["", "NGƯỜI LẬP BIỂU", "", "", "GIÁM ĐỐC"]
  ]
  const r = Register.read(rows, {}, { sheet: "KH 2024" })
  const reg = r.ok ? r.value : r.error.partial

  test("the title gives the plan year, the fund and the province", () => {
    expect([reg?.context.planYear?.value, reg?.context.fund?.value, reg?.context.province?.name]).toEqual([2024, "local", "HƯNG YÊN"])
  })

  test("the five valid rows come through, read as a person would", () => {
    expect(
      reg?.proposals.map((p) => [p.title, p.fund, p.planYear, p.activities[0]?.activity, p.duration.start, p.duration.end, p.locations, p.activities[0]?.costLines[0]?.total])
    ).toEqual([
      ["Hỗ trợ máy dệt", "local", 2024, "machinery", "2024-03-01", "2024-12-31", [{ provinceCode: "33", provinceName: "Hưng Yên", district: "huyện Yên Mỹ", commune: { name: "Tân Lập", kind: "commune" } }], 800_000_000n],
      ["Phóng sự khuyến công", "local", 2024, "media", "2024-04-01", "2024-12-31", [{ provinceCode: "33", provinceName: "Hưng Yên" }], 150_500_000n],
      ["Tư vấn cho 5 cơ sở", "local", 2024, "consultancy", "2024-05-01", "2024-12-31", [{ provinceCode: "33", provinceName: "Hưng Yên", district: "huyện Văn Lâm", commune: { name: "Như Quỳnh", kind: "township" } }], 120_000_000n],
      ["Bình chọn sản phẩm tiêu biểu", "local", 2024, "typical-product", "2024-06-01", "2024-12-31", [{ provinceCode: "33", provinceName: "Hưng Yên" }], 300_000_000n],
      ["Hỗ trợ lò sấy", "local", 2024, "machinery", "2024-01-01", "2024-12-31", [{ provinceCode: "33", provinceName: "Hưng Yên", district: "huyện Yên Mỹ", commune: { name: "Nghĩa Hiệp", kind: "commune" } }], 500_000_000n]
    ])
  })

  test("the errors a person would expect, with the column's unit and the closest activities", () => {
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.issues.map((i) => [i.code, i.row, i.column, i.raw])).toEqual([
      ["import/bad-amount", 9, "G", "1.2OO"],
      ["import/unknown-activity", 10, "C", "Tư vấn thiết kế mẫu"]
    ])
    expect(r.error.issues[0]?.message).toContain("the column is in triệu đồng")
    expect(r.error.issues[0]?.message).toContain("the letter O stands where a digit (0) belongs")
    expect(r.error.issues[0]?.params).toMatchObject({ unit: "triệu đồng", found: "1.2OO" })
    expect(r.error.issues[1]?.message).toContain('did you mean "Tư vấn, trợ giúp" (consultancy)')
  })

  test("in Vietnamese too, as the CLI and the explorer word them: the column's unit and the closest activities", () => {
    if (r.ok) throw new Error("expected issues")
    const [amount, activity] = r.error.issues
    if (amount === undefined || activity === undefined) throw new Error("two issues expected")
    expect(Issues.messageOf(amount, "vi")).toBe('Số tiền ở cột "Tổng kinh phí (triệu đồng)" không đọc được: "1.2OO" (cột tính bằng triệu đồng).')
    expect(Issues.messageOf(activity, "vi")).toMatch(/^Nội dung hoạt động không có trong danh mục: "Tư vấn thiết kế mẫu"\. Có phải là "Tư vấn, trợ giúp"[^?]*\?$/)
    expect(Issues.messageOf(amount, "en")).toContain("(the column is in triệu đồng)")
  })

  test("what was filled in or not checked is said in warnings; the signature block ends the table", () => {
    expect(reg?.warnings.map((w) => [w.code, w.row, w.params?.["rows"]])).toEqual([
      ["import/period-defaulted", 3, undefined],
      ["import/period-defaulted", 8, undefined],
      ["import/unknown-commune", 8, undefined]
    ])
    expect(reg?.skipped.map((s) => s.reason)).toEqual(["subtotal", "signature", "signature"])
  })

  test("warnings in Vietnamese say what was filled in or not checked, not that a cell could not be read", () => {
    expect(reg?.warnings.map((w) => Issues.messageOf(w, "vi"))).toEqual([
      "Thời gian thực hiện để trống hoặc không ghi đủ: lấy theo năm kế hoạch (bắt đầu 01/01, kết thúc 31/12).",
      "Thời gian thực hiện để trống hoặc không ghi đủ: lấy theo năm kế hoạch 2024 (bắt đầu 01/01, kết thúc 31/12).",
      // Nghĩa Hiệp (Yên Mỹ) was merged into Nguyễn Văn Linh on 01/12/2024 (vi.wikipedia), so the
      // list as of 01/03/2025 lacks it: the warning says so, the row is kept
      'Đơn vị hành chính cấp xã "Xã Nghĩa Hiệp" không có trong danh mục cấp xã của Hưng Yên ngày 01/01/2024 (danh mục tại ngày 01/03/2025: xã đã sáp nhập, đổi tên trước ngày đó không có trong danh mục); địa điểm được ghi nguyên văn.'
    ])
  })
})

describe("locations checked against the administrative units on the row's date", () => {
  const read = (title: string, location: string, period: string) =>
    Register.read([[title], ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Địa điểm", "Thời gian thực hiện", "Tổng kinh phí", "Kinh phí khuyến công hỗ trợ"], [1, "A", "Thông tin tuyên truyền", UNIT, location, period, 100_000_000, 50_000_000]], {})
  test("a district named on a date from 01/07/2025, when districts ended, is said in a warning", () => {
    const r = read("KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2026 – TỈNH HƯNG YÊN", "Xã Tân Lập, huyện Yên Mỹ", "2026")
    if (!r.ok) throw r.error
    expect(r.value.warnings.map((w) => [w.code, w.row, w.params?.["district"]])).toContainEqual(["import/district-abolished", 3, "huyện Yên Mỹ"])
    const w = r.value.warnings.find((x) => x.code === "import/district-abolished")
    if (w === undefined) throw new Error("no warning")
    expect(Issues.messageOf(w, "vi")).toBe('Địa điểm ghi cấp huyện "huyện Yên Mỹ", nhưng ngày 01/01/2026 không còn cấp huyện (từ 01/07/2025): hãy ghi xã theo tên mới và tỉnh; địa điểm được ghi nguyên văn.')
    const before = read(TITLE, "Xã Tân Lập, huyện Yên Mỹ", "2024")
    if (!before.ok) throw before.error
    expect(before.value.warnings.map((w) => w.code)).not.toContain("import/district-abolished")
  })
  test("a province merged away on 01/07/2025 is refused for a later date, with the day it ended", () => {
    const r = read("KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2026 – TỈNH HÀ GIANG", "Toàn tỉnh", "2026")
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.issues.map((i) => [i.code, i.row, i.column, i.raw])).toEqual([["import/bad-value", 3, "E", "Toàn tỉnh"]])
    expect(r.error.issues[0]?.message).toContain("no longer a province (tỉnh) on 2026-01-01 (provinces were merged on 01/07/2025)")
  })
  test("the province from a \"Tỉnh\" column, and from options.province, for locations that name none", () => {
    const head = ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Tỉnh", "Địa điểm", "Thời gian thực hiện", "Tổng kinh phí", "Kinh phí khuyến công hỗ trợ", "Nguồn kinh phí", "Năm kế hoạch"]
    const r = Register.read([head, [1, "A", "Thông tin tuyên truyền", UNIT, "Hưng Yên", "Xã Tân Lập, huyện Yên Mỹ", "2024", 100_000_000, 50_000_000, "Địa phương", 2024], [2, "B", "Thông tin tuyên truyền", UNIT, "Thái Bình", "Toàn tỉnh", "2024", 100_000_000, 50_000_000, "Địa phương", 2024]], {})
    if (!r.ok) throw r.error
    expect(r.value.proposals.map((p) => p.locations.map((l) => [l.provinceCode, l.commune?.name]))).toEqual([[["33", "Tân Lập"]], [["34", undefined]]])
    const noProvince = [head.filter((h) => h !== "Tỉnh"), [1, "A", "Thông tin tuyên truyền", UNIT, "Xã Tân Lập, huyện Yên Mỹ", "2024", 100_000_000, 50_000_000, "Địa phương", 2024]]
    const refused = Register.read(noProvince, {})
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.issues[0]?.message).toContain("names no province (tỉnh)")
    const given = Register.read(noProvince, { province: "33" })
    if (!given.ok) throw given.error
    expect(given.value.proposals[0]?.locations[0]?.provinceCode).toBe("33")
  })
})

describe("the commune of a location, checked against the province's communes on the row's date", () => {
  const HUNG_YEN_2026 = "KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM 2026 – TỈNH HƯNG YÊN"
  const read = (title: string, location: string, period: string) => {
    const r = Register.read([[title], ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Địa điểm", "Thời gian thực hiện", "Tổng kinh phí", "Kinh phí khuyến công hỗ trợ"], [1, "A", "Thông tin tuyên truyền", UNIT, location, period, 100_000_000, 50_000_000]], {})
    if (!r.ok) throw r.error
    return r.value
  }
  const codes = (title: string, location: string, period: string) => read(title, location, period).warnings.map((w) => w.code)
  const unknown = (title: string, location: string, period: string) => {
    const w = read(title, location, period).warnings.find((x) => x.code === "import/unknown-commune")
    if (w === undefined) throw new Error(`no import/unknown-commune for ${location} (${period})`)
    return w
  }

  test("a commune of the province on the date is accepted silently: Xã Tân Lập (Yên Mỹ, Hưng Yên, old code 33) in 2024, with or without its type word, accents or capitals", () => {
    for (const location of ["Xã Tân Lập, huyện Yên Mỹ", "XÃ TÂN LẬP, huyện Yên Mỹ", "xã Tan Lap, huyện Yên Mỹ", "Tân Lập, huyện Yên Mỹ", "Xã Tân Lập, tỉnh Hưng Yên", "Xã Tân Lập, 33", "Toàn tỉnh"])
      expect(codes(TITLE, location, "2024"), location).toEqual([])
    expect(read(TITLE, "Tân Lập, huyện Yên Mỹ", "2024").proposals[0]?.locations).toEqual([{ provinceCode: "33", provinceName: "Hưng Yên", district: "huyện Yên Mỹ", commune: { name: "Tân Lập", kind: "commune" } }])
  })

  test("a misspelled commune is kept with a warning naming the closest communes of the province, in Vietnamese and English", () => {
    const r = read(TITLE, "Xã Tâm Lập, huyện Yên Mỹ", "2024")
    expect(r.proposals[0]?.locations[0]?.commune).toEqual({ name: "Tâm Lập", kind: "commune" })
    const w = unknown(TITLE, "Xã Tâm Lập, huyện Yên Mỹ", "2024")
    expect([w.row, w.column, w.params?.["commune"], w.params?.["province"], w.params?.["closest"]]).toEqual([3, "E", "Xã Tâm Lập", "Hưng Yên", '"Xã Tân Lập"'])
    expect(w.message).toContain('did you mean "Xã Tân Lập"?')
    expect(Issues.messageOf(w, "vi")).toBe(
      'Đơn vị hành chính cấp xã "Xã Tâm Lập" không có trong danh mục cấp xã của Hưng Yên ngày 01/01/2024 (danh mục tại ngày 01/03/2025: xã đã sáp nhập, đổi tên trước ngày đó không có trong danh mục); địa điểm được ghi nguyên văn. Có phải là "Xã Tân Lập"?'
    )
    expect(Issues.messageOf(w, "en")).toBe(
      'The commune-level unit "Xã Tâm Lập" is not among the communes of Hưng Yên on 01/01/2024 (the list is as of 01/03/2025: a commune merged or renamed before then is missing from it); the location is recorded as written. Did you mean "Xã Tân Lập"?'
    )
    // the right name with the wrong type word: the listed unit comes first
    expect(unknown(TITLE, "Phường Tân Lập, huyện Yên Mỹ", "2024").params?.["closest"]).toMatch(/^"Xã Tân Lập"/)
  })

  test("a ward that exists only from 01/07/2025 (Phường Phố Hiến, Hưng Yên) is warned on a 2024 register and accepted on a 2026 one", () => {
    expect(unknown(TITLE, "Phường Phố Hiến", "2024").params?.["date"]).toBe("01/01/2024")
    expect(codes(HUNG_YEN_2026, "Phường Phố Hiến", "2026")).toEqual([])
    // an old commune of the same province is no longer one in 2026; the list from 01/07/2025 is
    // as of 25/07/2026, which the warning says for a date before it
    expect(unknown(HUNG_YEN_2026, "Xã Tân Lập, tỉnh Hưng Yên", "2026").params).toMatchObject({ date: "01/01/2026", listed: "25/07/2026" })
  })

  test("a commune across the reorganisation: Xã Ái Quốc was Thái Bình's (old code 34) until 30/06/2025 and is Hưng Yên's (new code 33) from 01/07/2025", () => {
    expect(codes(TITLE, "Xã Ái Quốc, tỉnh Thái Bình", "2024")).toEqual([])
    expect(unknown(TITLE, "Xã Ái Quốc, tỉnh Hưng Yên", "2024").params?.["province"]).toBe("Hưng Yên")
    expect(codes(HUNG_YEN_2026, "Xã Ái Quốc, tỉnh Hưng Yên", "2026")).toEqual([])
    expect(codes(HUNG_YEN_2026, "Xã Ái Quốc, 33", "2026")).toEqual([])
  })

  test("a name listed in several old districts of one province is accepted (Xã An Ninh, Thái Bình)", () => {
    expect(codes(TITLE, "Xã An Ninh, tỉnh Thái Bình", "2024")).toEqual([])
  })

  test("a name without a type word that is no commune of the province is still refused", () => {
    expect(() => read(TITLE, "Tâm Lập, huyện Yên Mỹ", "2024")).toThrow()
  })

  test("property: every commune listed for a province and period is accepted silently on a date of that period, by the province's code", () => {
    const periods = (communes as { readonly periods: ReadonlyArray<{ readonly provinces: Readonly<Record<string, ReadonlyArray<string>>> }> }).periods
    const arb = fc.oneof(
      ...periods.map((p, i) =>
        fc.constantFrom(...Object.entries(p.provinces)).chain(([code, names]) => fc.constantFrom(...names).map((name) => [i === 0 ? "2024" : "2026", code, name] as const))
      )
    )
    fc.assert(
      fc.property(arb, ([year, code, name]) => {
        const r = Register.read([[`KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM ${year}`], ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Địa điểm", "Thời gian thực hiện", "Tổng kinh phí", "Kinh phí khuyến công hỗ trợ"], [1, "A", "Thông tin tuyên truyền", UNIT, `${name}, ${code}`, year, 100_000_000, 50_000_000]], {})
        if (!r.ok) throw r.error
        expect(r.value.warnings.map((w) => w.code)).toEqual([])
        expect(r.value.proposals[0]?.locations[0]?.provinceCode).toBe(code)
      }),
      { numRuns: 200 }
    )
  })
})

describe("the implementation period in one cell", () => {
  const read = (cell: CellValue) => {
    const r = Register.read([[TITLE], ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian thực hiện", "Tổng kinh phí", "Kinh phí khuyến công hỗ trợ"], [1, "A", "Thông tin tuyên truyền", UNIT, cell, 100, 50]], {})
    if (!r.ok) throw r.error
    return [r.value.proposals[0]?.duration.start, r.value.proposals[0]?.duration.end, r.value.warnings.map((w) => w.code)]
  }
  test.each([
    ["Tháng 3–11/2024", "2024-03-01", "2024-11-30", []],
    ["T3-T11/2024", "2024-03-01", "2024-11-30", []],
    ["T3/2024 - T11/2024", "2024-03-01", "2024-11-30", []],
    ["Tháng 3 - tháng 11 năm 2024", "2024-03-01", "2024-11-30", []],
    ["Quý II/2024", "2024-04-01", "2024-06-30", []],
    ["Quý II - III/2024", "2024-04-01", "2024-09-30", []],
    ["6 tháng cuối năm 2024", "2024-07-01", "2024-12-31", []],
    ["2024", "2024-01-01", "2024-12-31", []],
    ["Quý IV", "2024-10-01", "2024-12-31", ["import/period-year-defaulted"]],
    ["01/03/2024", "2024-03-01", "2024-12-31", ["import/period-defaulted"]],
    ["", "2024-01-01", "2024-12-31", ["import/period-defaulted"]]
  ] as const)("%j → %s … %s", (cell, start, end, warnings) => {
    expect(read(cell)).toEqual([start, end, warnings])
  })
})

describe("activities in the forms officials write them, from the catalogue of the law", () => {
  test.each([
    ["Ứng dụng máy móc thiết bị tiên tiến", "machinery"],
    ["Hỗ trợ máy móc thiết bị", "machinery"],
    ["Thông tin tuyên truyền", "media"],
    ["Tư vấn, trợ giúp cơ sở CNNT", "consultancy"],
    ["Bình chọn sản phẩm CNNT tiêu biểu", "typical-product"],
    ["Mô hình trình diễn", "demo-model"],
    ["Đào tạo nghề", "vocational-training"],
    ["Hội chợ triển lãm", "domestic-fair"],
    ["Chi quản lý đề án", "management"],
    ["Hỗ trợ thành lập doanh nghiệp", "enterprise-setup"]
  ] as const)("%j → %s", (name, code) => {
    const r = Register.read([[TITLE], ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Thời gian thực hiện", "Tổng kinh phí", "Kinh phí khuyến công hỗ trợ"], [1, "A", name, UNIT, "2024", 100, 50]], {})
    if (!r.ok) throw r.error
    expect(r.value.proposals[0]?.activities[0]?.activity).toBe(code)
  })
})

describe("a proposal over several rows", () => {
  const header = ["STT", "Mã đề án", "Tên đề án", "Nội dung hoạt động", "Nội dung chi", "Đơn vị thực hiện", "Thời gian thực hiện", "Tổng kinh phí (triệu đồng)", "Kinh phí khuyến công hỗ trợ (triệu đồng)", "Kinh phí đối ứng (triệu đồng)"]
  test("one row per activity under one number, and a heading row whose totals must add up", () => {
    const r = Register.read(
      [
        [TITLE],
        header,
        [1, "HY-01", "Hỗ trợ máy dệt", "Ứng dụng máy móc thiết bị tiên tiến", "", UNIT, "Tháng 3–11/2024", 800, 400, 400],
        ["", "HY-01", "", "Chi quản lý đề án", "", "", "", 10, 10, 0],
        [2, "HY-02", "Mô hình trình diễn", "", "", UNIT, "Quý II/2024", 1000, 500, 500],
        ["a", "", "", "Xây dựng mô hình trình diễn", "Máy móc thiết bị", "", "", 900, 450, 450],
        ["b", "", "", "Chi quản lý đề án", "", "", "", 100, 50, 50],
        [3, "HY-03", "Sai tổng", "", "", UNIT, "2024", 1000, 500, 500],
        ["-", "", "", "Thông tin tuyên truyền", "", "", "", 900, 450, 450]
      ],
      {}
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    const reg = r.error.partial
    expect(reg?.entries.map((e) => [e.proposal.id, e.rows, e.proposal.activities.map((a) => [a.activity, a.costLines.map((l) => [l.item, l.total])])])).toEqual([
      ["HY-01", [3, 4], [["machinery", [["machinery", 800_000_000n]]], ["management", [["management", 10_000_000n]]]]],
      ["HY-02", [5, 6, 7], [["demo-model", [["Máy móc thiết bị", 900_000_000n]]], ["management", [["management", 100_000_000n]]]]]
    ])
    expect(r.error.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ["import/lines-do-not-add-up", 8, "H"],
      ["import/lines-do-not-add-up", 8, "I"],
      ["import/lines-do-not-add-up", 8, "J"]
    ])
  })
})

describe("legacy encodings", () => {
  test("TCVN3 (ABC) text is converted, and said so", () => {
    const t3 = [
      ["KÕ ho¹ch khuyÕn c«ng ®Þa ph\u00ad\u00acng n¨m 2024"],
      ["STT", "Tªn ®Ò ¸n", "Néi dung ho¹t ®éng", "§¬n vÞ thùc hiÖn", "Thêi gian thùc hiÖn", "Tæng kinh phÝ", "Kinh phÝ khuyÕn c«ng hç trî"],
      [1, "Hç trî m¸y sÊy", "Th«ng tin tuyªn truyÒn", "Trung t©m Khuyến c«ng", "2024", 100_000_000, 50_000_000]
    ]
    const r = Register.read(t3, {})
    if (!r.ok) throw r.error
    expect([r.value.proposals[0]?.title, r.value.proposals[0]?.activities[0]?.activity, r.value.proposals[0]?.fund]).toEqual(["Hỗ trợ máy sấy", "media", "local"])
    expect(r.value.warnings.map((w) => [w.code, w.params?.["encoding"]])).toEqual([["import/legacy-encoding-converted", "TCVN3"]])
  })

  test("VNI text is named, with how to convert it, in English and Vietnamese", () => {
    const r = Register.read([["STT", "Teân ñeà aùn", "Noäi dung hoaït ñoäng"], [1, "Hoã trôï maùy saáy", "Thoâng tin tuyeân truyeàn"]], {})
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.issues.map((i) => [i.code, i.params?.["encoding"]])).toEqual([["import/legacy-encoding", "VNI"]])
    expect(r.error.issues[0]?.message).toContain("Unikey")
    expect(r.error.issues[0]?.message).toContain("bảng mã VNI")
  })

  test("a CSV in TCVN3 bytes, or in Windows-1258 (Excel's CSV under Vietnamese Windows), reads with a warning", () => {
    const t3 = "STT,Tªn ®Ò ¸n,Néi dung ho¹t ®éng,§¬n vÞ thùc hiÖn,Thêi gian thùc hiÖn,Tæng kinh phÝ,Kinh phÝ khuyÕn c«ng hç trî\r\n1,Hç trî m¸y sÊy,Th«ng tin tuyªn truyÒn,TTKC,2024,100000000,50000000\r\n"
    const r = Csv.readRegister(new Uint8Array([...t3].map((c) => c.charCodeAt(0))), { planYear: 2024, defaults: { fund: "local" } })
    if (!r.ok) throw r.error
    expect(r.value.proposals[0]?.title).toBe("Hỗ trợ máy sấy")
    // Windows-1258 keeps â ê ô ă ơ ư đ as letters and the tones as combining marks (ệ is ê + 0xF2)
    const table = new TextDecoder("windows-1258").decode(new Uint8Array(Array.from({ length: 256 }, (_, i) => i)))
    const byteOf = new Map([...table].map((c, i) => [c, i] as const))
    const toCp1258 = (text: string): Uint8Array => {
      const tone = /[\u0300\u0301\u0303\u0309\u0323]/gu
      const chars = text.normalize("NFD").replace(/(\P{M})(\p{M}+)/gu, (_m, base: string, marks: string) => (base + marks.replace(tone, "")).normalize("NFC") + (marks.match(tone) ?? []).join(""))
      return new Uint8Array([...chars].map((c) => byteOf.get(c) ?? 0x3f))
    }
    const csv = [HEAD.join(","), [1, "Hỗ trợ máy dệt", "Ứng dụng máy móc thiết bị tiên tiến", "Trung tâm Khuyến công Hưng Yên", "Toàn tỉnh", "01/03/2024", "800", "400", "400"].join(",")].join("\r\n")
    const w = Csv.readRegister(toCp1258(`${TITLE}\r\n${csv}`), {})
    if (!w.ok) throw w.error
    expect([w.value.proposals[0]?.title, w.value.proposals[0]?.activities[0]?.activity]).toEqual(["Hỗ trợ máy dệt", "machinery"])
    expect(w.value.warnings[0]?.params?.["encoding"]).toBe("Windows-1258")
  })

  test("a CSV in UTF-16 from Excel's 'Unicode text', tab-separated, with the title above", () => {
    const text = [[TITLE], HEAD, [1, "Hỗ trợ máy dệt", "Ứng dụng máy móc thiết bị tiên tiến", UNIT, "Toàn tỉnh", "01/03/2024", "1.350,5", "675", "675,5"]].map((r) => r.join("\t")).join("\r\n")
    const r = Csv.readRegister(new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")])), {})
    if (!r.ok) throw r.error
    expect(r.value.proposals[0]?.activities[0]?.costLines[0]?.total).toBe(1_350_500_000n)
    expect(r.value.proposals[0]?.locations).toEqual([{ provinceCode: "33", provinceName: "Hưng Yên" }])
  })
})

describe("a workbook holding last year's register before this year's", () => {
  const sheet = (year: number): Report.Table => ({
    sheet: `KH ${year}`,
    title: `KẾ HOẠCH KHUYẾN CÔNG ĐỊA PHƯƠNG NĂM ${year} – TỈNH HƯNG YÊN`,
    columns: HEAD.map((h, i) => ({ key: `c${i}`, header: h, kind: "text" as const })),
    rows: [{ c0: "1", c1: `Đề án năm ${year}`, c2: "Thông tin tuyên truyền", c3: UNIT, c4: "Toàn tỉnh", c5: `01/03/${year}`, c6: "100", c7: "50", c8: "50" }]
  })
  const book = async () => {
    const r = await Xlsx.writeTables([sheet(2023), sheet(2024)])
    if (!r.ok || r.value === undefined) throw new Error("write failed")
    return r.value
  }
  test("the sheet of the plan year asked for; the other passed over and said so", async () => {
    const r = await Xlsx.readRegister(await book(), { planYear: 2024 })
    if (!r.ok) throw r.error
    expect([r.value.sheet, r.value.proposals[0]?.title]).toEqual(["KH 2024", "Đề án năm 2024"])
    expect(r.value.warnings[0]?.code).toBe("import/sheet-chosen")
    expect(r.value.warnings[0]?.message).toContain('"KH 2023" (2023)')
    expect(Issues.messageOf(r.value.warnings[0] as NonNullable<(typeof r.value.warnings)[0]>, "vi")).toBe('Tệp có nhiều trang tính: đã đọc trang "KH 2024" (theo năm kế hoạch, hoặc năm gần nhất), không đọc các trang khác.')
  })
  test("without a plan year, the latest, with a warning naming the other", async () => {
    const r = await Xlsx.readRegister(await book(), {})
    if (!r.ok) throw r.error
    expect(r.value.sheet).toBe("KH 2024")
    expect(r.value.warnings[0]?.message).toContain("the latest")
  })
  test("a plan year no sheet states: the closest choice, said to be unsure", async () => {
    const r = await Xlsx.readRegister(await book(), { planYear: 2025 })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues[0]?.message).toContain("no register of the plan year 2025")
  })
})

describe("rows that are not lines of the proposal above", () => {
  const header = ["STT", "Tên đề án", "Nội dung hoạt động", "Đơn vị thực hiện", "Địa điểm", "Thời gian thực hiện", "Tổng kinh phí", "Kinh phí khuyến công hỗ trợ"]
  test("a row with its own implementing unit but no title is a proposal whose title is missing, not a line joined to the one above", () => {
    const r = Register.read(
      [
        [TITLE],
        header,
        ["", "Hỗ trợ máy sấy", "Ứng dụng máy móc thiết bị tiên tiến", UNIT, "Toàn tỉnh", "2024", 100_000_000, 50_000_000],
        ["", "", "Thông tin tuyên truyền", UNIT, "Toàn tỉnh", "2024", 80_000_000, 40_000_000]
      ],
      {}
    )
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.issues.map((i) => [i.code, i.row, i.column])).toEqual([["import/empty-required", 4, "B"]])
    expect(r.error.partial?.proposals.map((p) => p.activities.length)).toEqual([1])
  })
  test("two proposals with the same title and different places stay two", () => {
    const r = Register.read(
      [
        [TITLE],
        header,
        ["", "Hỗ trợ máy sấy", "Ứng dụng máy móc thiết bị tiên tiến", UNIT, "Xã Tân Lập, huyện Yên Mỹ", "2024", 100_000_000, 50_000_000],
        ["", "Hỗ trợ máy sấy", "Ứng dụng máy móc thiết bị tiên tiến", UNIT, "Xã Nghĩa Hiệp, huyện Yên Mỹ", "2024", 100_000_000, 50_000_000]
      ],
      {}
    )
    if (!r.ok) throw r.error
    expect(r.value.proposals.map((p) => p.locations[0]?.commune?.name)).toEqual(["Tân Lập", "Nghĩa Hiệp"])
  })
})
