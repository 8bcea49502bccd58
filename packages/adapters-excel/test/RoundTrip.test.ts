import { fc, test } from "@fast-check/vitest"
import { LocalDate, Money, Result } from "@khuyencong/core"
import { describe, expect } from "vitest"
import * as Csv from "../src/Csv.js"
import * as Register from "../src/Register.js"
import * as Report from "../src/Report.js"
import * as Xlsx from "../src/Xlsx.js"
import { activities } from "./helpers.js"

// --- generated valid registers -------------------------------------------------------------

const words = ["Hỗ trợ", "máy sao chè", "Shan tuyết", "mô hình", "trình diễn", "kỹ thuật", "dược liệu", "gạch không nung", "mây tre đan", "Bát Tràng", "vải thiều", "đóng gói", "\"mini\"", "50%", "(giai đoạn 2)", "Đồng Văn", "Phước Kiều"]
const phrase = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }).chain((ws) =>
  fc.constantFrom(", ", " ", "\n", " – ").map((sep) => ws.join(sep))
)
const idText = fc.stringMatching(/^[a-z][a-z0-9-]{1,8}$/)
const provinces: ReadonlyArray<readonly [string, string]> = [["02", "Hà Giang"], ["24", "Bắc Giang"], ["33", "Hưng Yên"], ["38", "Thanh Hóa"], ["79", "Hồ Chí Minh"], ["46", "Huế"]]
const location: fc.Arbitrary<Register.Location> = fc
  .record(
    {
      province: fc.constantFrom(...provinces),
      named: fc.boolean(),
      district: fc.constantFrom("huyện Bắc Mê", "thị xã Sơn Tây", "quận 1", "thành phố Hưng Yên"),
      commune: fc.record({ name: fc.constantFrom("Minh Ngọc", "Quảng Ngần", "Tân Tiến"), kind: fc.constantFrom("commune" as const, "ward" as const, "township" as const) })
    },
    { requiredKeys: ["province", "named"] }
  )
  .map(({ province, named, district, commune }) => {
    const l: { -readonly [K in keyof Register.Location]: Register.Location[K] } = { provinceCode: province[0] }
    if (named) l.provinceName = province[1]
    if (district !== undefined) l.district = district
    if (commune !== undefined) l.commune = commune
    return l
  })

const day2024 = fc.integer({ min: 0, max: 365 }).map((d) => LocalDate.addDays(LocalDate.parseOrThrow("2024-01-01"), d))

const row = (id: string): fc.Arbitrary<Register.Row> =>
  fc
    .record(
      {
        title: phrase,
        fund: fc.constantFrom("national" as const, "local" as const),
        formKind: fc.constantFrom("single" as const, "group" as const, "pilot" as const, "task" as const),
        activity: fc.constantFrom(...activities.map((a) => a.code)),
        item: fc.option(idText.map((s) => `item.${s}`), { nil: undefined }),
        implementingUnit: phrase,
        implementingUnitCode: fc.option(idText, { nil: undefined }),
        beneficiaries: fc.uniqueArray(idText, { maxLength: 4 }),
        locations: fc.array(location, { maxLength: 2 }),
        planYear: fc.integer({ min: 2020, max: 2030 }),
        dates: fc.tuple(day2024, day2024),
        approvalDate: fc.option(day2024, { nil: undefined }),
        total: fc.bigInt({ min: 0n, max: 900_000_000_000_000n }),
        shares: fc.tuple(fc.bigInt({ min: 0n, max: 1000n }), fc.option(fc.bigInt({ min: 0n, max: 1000n }), { nil: undefined }))
      },
      { requiredKeys: ["title", "fund", "formKind", "activity", "implementingUnit", "beneficiaries", "locations", "planYear", "dates", "total", "shares"] }
    )
    .map((g) => {
      const [a, b] = g.dates
      const support = (g.total * g.shares[0]) / 1000n
      const other = g.shares[1] === undefined ? undefined : ((g.total - support) * g.shares[1]) / 1000n
      const form = g.formKind === "group" && g.beneficiaries.length < 2 ? "single" : g.formKind
      const r: { -readonly [K in keyof Register.Row]: Register.Row[K] } = {
        id,
        title: `${g.title} (${id})`,
        fund: g.fund,
        form,
        activity: g.activity,
        implementingUnit: g.implementingUnit,
        beneficiaries: g.beneficiaries,
        locations: g.locations,
        planYear: g.planYear,
        start: a < b ? a : b,
        end: a < b ? b : a,
        total: Money.make(g.total),
        requestedSupport: Money.make(support),
        counterpartFunding: Money.make(g.total - support - (other ?? 0n))
      }
      if (g.item !== undefined) r.item = g.item
      if (g.implementingUnitCode !== undefined) r.implementingUnitCode = g.implementingUnitCode
      if (g.approvalDate !== undefined) r.approvalDate = g.approvalDate
      if (other !== undefined) r.otherStateFunding = Money.make(other)
      return r
    })

const register: fc.Arbitrary<ReadonlyArray<Register.Row>> = fc
  .uniqueArray(fc.stringMatching(/^[A-Z]{2}-20[0-9]{2}-[0-9]{3}$/), { minLength: 1, maxLength: 12 })
  .chain((ids) => fc.tuple(...ids.map(row)))

const proposalsOf = (rows: ReadonlyArray<Register.Row>) => rows.map((r) => Result.getOrThrow(Register.toProposal(r)))

const names = Object.fromEntries(activities.map((a) => [a.code, a.nameVi ?? a.code]))

describe("export → import is the identity for valid registers", () => {
  test.prop([register, fc.boolean()], { numRuns: 60 })("through .xlsx (streaming writer and reader)", async (rows, byName) => {
    // every generated row is a valid proposal
    const expected = proposalsOf(rows)
    const bytes = await Xlsx.exportPlan(rows, byName ? { activityNames: names } : { activities })
    if (!bytes.ok || bytes.value === undefined) throw new Error("export failed")
    const back = await Xlsx.readRegister(bytes.value, { activities })
    if (!back.ok) throw back.error
    expect(back.value.proposals).toEqual(expected)
    // the document form, title, decision line, unit note and a two-row header above the rows
    expect(back.value.headerRow).toBe(7)
    expect(back.value.entries.map((e) => e.row)).toEqual(rows.map((_, i) => 9 + i))
  })

  test.prop([register, fc.constantFrom<Csv.Delimiter>(",", ";")], { numRuns: 100 })("through CSV", (rows, delimiter) => {
    const back = Csv.readRegister(Csv.exportPlan(rows, { delimiter, activities }), { activities, delimiter })
    if (!back.ok) throw back.error
    expect(back.value.proposals).toEqual(proposalsOf(rows))
  })

  test.prop([register], { numRuns: 60 })("rowOf(import(export(rows))) gives the rows back", async (rows) => {
    const bytes = await Xlsx.writeTables([Report.plan(rows, { activities })])
    if (!bytes.ok || bytes.value === undefined) throw new Error("export failed")
    const back = await Xlsx.readRegister(bytes.value, { activities })
    if (!back.ok) throw back.error
    expect(back.value.proposals.map((p) => Result.getOrThrow(Register.rowOf(p)))).toEqual(rows)
  })
})
