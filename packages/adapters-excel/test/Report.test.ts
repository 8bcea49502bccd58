import { Allocation, LocalDate, Money, Progress, Result } from "@khuyencong/core"
import { describe, expect, test } from "vitest"
import * as Csv from "../src/Csv.js"
import * as Register from "../src/Register.js"
import * as Report from "../src/Report.js"
import { activities, m } from "./helpers.js"

const TY = 1_000_000_000n

describe("allocation result", () => {
  // the Allocation module's own example: 1 tỷ for A 600 m, B 500 m, C 300 m, whole projects only
  const result = Result.getOrThrow(
    Allocation.allocate({
      envelope: m(1n * TY),
      candidates: [
        { id: "A", requested: m(600_000_000n) },
        { id: "B", requested: m(500_000_000n) },
        { id: "C", requested: m(300_000_000n) }
      ],
      policy: { kind: "whole-only" }
    })
  )
  const titles = new Map([
    ["A", "Hỗ trợ máy sao chè"],
    ["B", "Hỗ trợ máy sấy dược liệu"],
    ["C", "Bình chọn sản phẩm tiêu biểu"]
  ])

  test("rows from a core Allocation, in ranking order, with Vietnamese statuses", () => {
    const { rows, summary } = Report.allocationRowsOf(result, titles)
    expect(rows).toEqual([
      { id: "A", title: "Hỗ trợ máy sao chè", requested: 600_000_000n, allocated: 600_000_000n, status: "Được hỗ trợ toàn bộ", reason: "Đủ kinh phí", constraint: "" },
      { id: "B", title: "Hỗ trợ máy sấy dược liệu", requested: 500_000_000n, allocated: 0n, status: "Không được hỗ trợ", reason: "Không đủ kinh phí", constraint: "Kinh phí được giao" },
      { id: "C", title: "Bình chọn sản phẩm tiêu biểu", requested: 300_000_000n, allocated: 300_000_000n, status: "Được hỗ trợ toàn bộ", reason: "Đủ kinh phí", constraint: "" }
    ])
    expect(summary).toEqual({ envelope: 1n * TY, reserve: 0n })
  })

  test("the table: totals and summary lines agree with the Allocation's own totals", () => {
    const { rows, summary } = Report.allocationRowsOf(result, titles)
    const t = Report.allocation(rows, { summary })
    expect(t.columns.map((c) => c.header)).toEqual([
      "STT",
      "Mã đề án",
      "Tên đề án",
      "Kinh phí đề nghị hỗ trợ (đồng)",
      "Kinh phí phân bổ (đồng)",
      "Tình trạng",
      "Lý do",
      "Giới hạn áp dụng"
    ])
    expect(Report.columnTotal(t, "allocated")).toBe(result.totals.allocated)
    expect(Object.fromEntries(t.footer?.lines.map((l) => [l.key, l.value]) ?? [])).toEqual({
      envelope: result.totals.envelope,
      reserve: result.totals.reserve,
      distributable: result.totals.distributable,
      allocated: result.totals.allocated,
      unallocated: result.totals.unallocated
    })
  })

  test("as CSV: digits of đồng, totals row, summary lines", () => {
    const { rows, summary } = Report.allocationRowsOf(result, titles)
    const csv = Csv.exportAllocation(rows, { summary, bom: false })
    const lines = csv.split("\r\n")
    expect(lines[0]).toBe("STT,Mã đề án,Tên đề án,Kinh phí đề nghị hỗ trợ (đồng),Kinh phí phân bổ (đồng),Tình trạng,Lý do,Giới hạn áp dụng")
    expect(lines[2]).toBe("2,B,Hỗ trợ máy sấy dược liệu,500000000,0,Không được hỗ trợ,Không đủ kinh phí,Kinh phí được giao")
    expect(lines[4]).toBe(",,Tổng cộng,1400000000,900000000,,,")
    expect(lines.slice(5, 10)).toEqual([
      ",,Kinh phí được giao,,1000000000,,,",
      ",,Dự phòng quản lý chương trình,,0,,,",
      ",,Kinh phí phân bổ cho đề án,,1000000000,,,",
      ",,Đã phân bổ,,900000000,,,",
      ",,Chưa phân bổ,,100000000,,,"
    ])
  })

  test("tiers appear when the policy has them", () => {
    const tiered = Result.getOrThrow(
      Allocation.allocate({
        envelope: m(1n * TY),
        candidates: [
          { id: "A", requested: m(600_000_000n), tier: 1 },
          { id: "B", requested: m(800_000_000n), tier: 2 }
        ],
        policy: { kind: "proportional-tier" }
      })
    )
    const t = Report.allocation(Report.allocationRowsOf(tiered).rows)
    expect(t.columns.map((c) => c.key)).toContain("tier")
    expect(t.rows.map((r) => [r["tier"], r["allocated"]])).toEqual([
      [1, 600_000_000n],
      [2, 400_000_000n]
    ])
  })
})

describe("disbursement progress report", () => {
  // seed 001: 2022 national programme 140 tỷ, 29 tỷ assigned/disbursed by 1/8/2022 = 20,7 %
  const report = Result.getOrThrow(
    Progress.report({
      assignments: [
        { id: "kh-2022/tw", amount: m(100n * TY), fund: "central-budget", province: "01", activity: "machinery" },
        { id: "kh-2022/dp", amount: m(40n * TY), fund: "local-budget", province: "38", activity: "demo-model" }
      ],
      disbursements: [
        { date: LocalDate.parseOrThrow("2022-05-20"), amount: m(9n * TY), assignment: "kh-2022/tw" },
        { date: LocalDate.parseOrThrow("2022-07-15"), amount: m(20n * TY), assignment: "kh-2022/dp" }
      ],
      asOf: LocalDate.parseOrThrow("2022-08-01")
    })
  )

  test("tables by province, fund, activity and month, rates as the report displays them", () => {
    const tables = Report.progressTables(report)
    expect(tables.map((t) => t.sheet)).toEqual(["Theo tỉnh", "Theo nguồn", "Theo nội dung", "Theo tháng"])
    const byFund = tables[1]
    expect(byFund?.rows).toEqual([
      { stt: 1, key: "Ngân sách trung ương", assigned: 100n * TY, disbursed: 9n * TY, rate: "9,0%" },
      { stt: 2, key: "Ngân sách địa phương", assigned: 40n * TY, disbursed: 20n * TY, rate: "50,0%" }
    ])
    expect(byFund?.totals?.values).toEqual({ rate: "20,7%" })
    expect(byFund?.subtitle).toEqual(["Đến ngày 01/08/2022"])
    expect(byFund?.unit).toBe("đồng")
    const months = tables[3]
    expect(months?.rows.map((r) => [r["month"], r["disbursed"], r["cumulative"], r["rate"]])).toEqual([
      ["2022-05", 9n * TY, 9n * TY, "6,4%"],
      ["2022-06", 0n, 9n * TY, "6,4%"],
      ["2022-07", 20n * TY, 29n * TY, "20,7%"],
      ["2022-08", 0n, 29n * TY, "20,7%"]
    ])
  })

  test("as CSV: one text per table; months as MM/YYYY; the totals row carries the overall rate", () => {
    const files = Csv.exportProgress(report, { bom: false })
    expect(files.map((f) => f.sheet)).toEqual(["Theo tỉnh", "Theo nguồn", "Theo nội dung", "Theo tháng"])
    expect(files[0]?.csv.split("\r\n")).toEqual([
      "STT,Tỉnh,Kinh phí được giao (đồng),Đã giải ngân (đồng),Tỷ lệ giải ngân",
      "1,Hà Nội,100000000000,9000000000,\"9,0%\"",
      "2,Thanh Hóa,40000000000,20000000000,\"50,0%\"",
      ",Tổng cộng,140000000000,29000000000,\"20,7%\"",
      ""
    ])
    expect(files[3]?.csv.split("\r\n")[3]).toBe("07/2022,20000000000,29000000000,\"20,7%\"")
    expect(files[3]?.csv.split("\r\n")[5]).toBe("Tổng cộng,29000000000,,")
  })

  test("province codes are named on the report's date; labels rename keys", () => {
    expect(Report.progressTables(report)[0]?.rows.map((r) => r["key"])).toEqual(["Hà Nội", "Thanh Hóa"])
    const t = Report.progressTables(report, { label: (d, k) => (d === "province" && k === "38" ? "Tỉnh Thanh Hóa" : undefined) })
    expect(t[0]?.rows.map((r) => r["key"])).toEqual(["Hà Nội", "Tỉnh Thanh Hóa"])
  })
})

describe("plan table", () => {
  test("optional columns appear only when a row has them; the title names the year", () => {
    const row: Report.PlanRow = {
      id: "HG-01",
      title: "Hỗ trợ máy sao chè",
      fund: "national",
      form: "single",
      activity: "machinery",
      implementingUnit: "TTKC Hà Giang",
      beneficiaries: ["cs-01"],
      locations: [{ provinceCode: "02" }],
      planYear: 2024,
      start: LocalDate.parseOrThrow("2024-03-01"),
      end: LocalDate.parseOrThrow("2024-11-30"),
      total: Money.make(900_000_000n),
      requestedSupport: Money.make(900_000_000n),
      counterpartFunding: Money.zero
    }
    const t = Report.plan([row])
    expect(t.title).toBe("KẾ HOẠCH KINH PHÍ KHUYẾN CÔNG NĂM 2024")
    expect(t.columns.map((c) => c.key)).not.toContain("approved")
    expect(t.columns.map((c) => c.key)).not.toContain("otherStateFunding")
    const withApproved = Report.plan([row, { ...row, id: "HG-02", planYear: 2025, approved: Money.make(800_000_000n) }])
    expect(withApproved.columns.map((c) => c.key)).toContain("approved")
    expect(withApproved.title).toBe("KẾ HOẠCH KINH PHÍ KHUYẾN CÔNG")
    const named = Report.plan([row], { activityNames: new Map(activities.map((a) => [a.code, a.nameVi ?? a.code])) })
    expect(named.rows[0]?.["activity"]).toBe(activities[0]?.nameVi)
  })

  test("planRowsOf: proposals with approved amounts; a proposal of several activities takes a row per activity under its number", () => {
    const row: Report.PlanRow = {
      id: "HG-01",
      title: "Hỗ trợ máy sao chè",
      fund: "national",
      form: "single",
      activity: "machinery",
      implementingUnit: "TTKC Hà Giang",
      beneficiaries: ["cs-01"],
      locations: [],
      planYear: 2024,
      start: LocalDate.parseOrThrow("2024-03-01"),
      end: LocalDate.parseOrThrow("2024-11-30"),
      total: Money.make(900_000_000n),
      requestedSupport: Money.make(900_000_000n),
      counterpartFunding: Money.zero
    }
    const p = Result.getOrThrow(Register.toProposal(row))
    const rows = Report.planRowsOf([p], new Map([["HG-01", Money.make(800_000_000n)]]))
    expect(rows).toEqual({ ok: true, value: [{ ...row, approved: 800_000_000n }] })
    const a = p.activities[0]
    if (a === undefined) throw new Error("no activity")
    const two = Result.getOrThrow(Report.planRowsOf([{ ...p, activities: [a, { ...a, activity: "management", costLines: [{ ...(a.costLines[0] as NonNullable<(typeof a.costLines)[0]>), item: "management" }] }] }], new Map([["HG-01", Money.make(800_000_000n)]])))
    expect(two.map((r) => [r.id, r.activity, r.approved])).toEqual([
      ["HG-01", "machinery", 800_000_000n],
      ["HG-01", "management", undefined]
    ])
    const table = Report.plan(two)
    expect(table.rows.map((r) => [r["stt"], r["id"], r["title"], r["activity"]])).toEqual([
      [1, "HG-01", "Hỗ trợ máy sao chè", "Ứng dụng máy móc thiết bị tiên tiến"],
      [undefined, "HG-01", undefined, "Chi quản lý đề án"]
    ])
  })
})
