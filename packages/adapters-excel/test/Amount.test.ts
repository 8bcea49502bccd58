import { fc, test } from "@fast-check/vitest"
import { Proposal } from "@khuyencong/core"
import { describe, expect } from "vitest"
import { decimalOfNumber, readAmount, unitOfHeader, unitOfNote } from "../src/internal/amount.js"
import { squash } from "../src/internal/text.js"
import * as Register from "../src/Register.js"
import { activities, HEADER, rowWith } from "./helpers.js"

const TRIEU = 1_000_000n
const value = (r: ReturnType<typeof readAmount>) => (r.ok ? r.value : r.code)

describe("amount columns: unit taken from the header", () => {
  test.each([
    ["Tổng kinh phí (triệu đồng)", TRIEU],
    ["Tổng kinh phí\n(Triệu đồng)", TRIEU],
    ["Tổng kinh phí (tr.đ)", TRIEU],
    ["Tổng kinh phí (trđ)", TRIEU],
    ["Kinh phí (nghìn đồng)", 1_000n],
    ["Kinh phí (ngàn đồng)", 1_000n],
    ["Kinh phí (1.000 đồng)", 1_000n],
    ["Kinh phí (1.000đ)", 1_000n],
    ["Kinh phí (đồng)", 1n],
    ["Kinh phí (VNĐ)", 1n],
    ["Kinh phí (tỷ đồng)", 1_000_000_000n],
    ["Kinh phí, ĐVT: triệu đồng", TRIEU]
  ])("%j → %s đồng", (label, unit) => {
    expect(unitOfHeader(label)).toBe(unit)
  })
  test("a parenthetical that is not a unit is not one", () => {
    expect(unitOfHeader("Kinh phí (dự kiến)")).toBeUndefined()
    expect(unitOfHeader("Tổng kinh phí")).toBeUndefined()
  })
  test("sheet notes: 'Đơn vị tính: triệu đồng', 'ĐVT: Triệu đồng.'", () => {
    expect(unitOfNote("Đơn vị tính: triệu đồng")).toBe(TRIEU)
    expect(unitOfNote("ĐVT: Triệu đồng.")).toBe(TRIEU)
    expect(unitOfNote("Đơn vị tính: đồng")).toBe(1n)
    expect(unitOfNote("Kế hoạch năm 2024")).toBeUndefined()
  })
})

describe("reading an amount exactly", () => {
  test("a number in a triệu column is multiplied exactly: 1,35 triệu = 1.350.000 đ; 8,2 triệu = 8.200.000 đ (not 8199999,999…)", () => {
    expect(value(readAmount(1.35, TRIEU))).toBe(1_350_000n)
    expect(8.2 * 1_000_000).not.toBe(8_200_000) // floating point multiplication would be wrong
    expect(value(readAmount(8.2, TRIEU))).toBe(8_200_000n)
    expect(value(readAmount(1.005, TRIEU))).toBe(1_005_000n)
    expect(value(readAmount(0.1 + 0.2, TRIEU))).toBe("import/fractional-dong") // 0.30000000000000004 triệu
  })
  test("seed 004: 1,35 tỷ in a tỷ column; 1.350 triệu as a number", () => {
    expect(value(readAmount(1.35, 1_000_000_000n))).toBe(1_350_000_000n)
    expect(value(readAmount(1350, TRIEU))).toBe(1_350_000_000n)
  })
  test("a fractional đồng result is an error, never rounded", () => {
    expect(value(readAmount(1.2345678, TRIEU))).toBe("import/fractional-dong")
    expect(value(readAmount(1500.5, 1n))).toBe("import/fractional-dong")
    expect(value(readAmount("1,2345678", TRIEU))).toBe("import/fractional-dong")
  })
  test("text with dots in a đồng column: 1.500.000.000", () => {
    expect(value(readAmount("1.500.000.000", 1n))).toBe(1_500_000_000n)
    expect(value(readAmount(" 1.500.000.000 đ ", 1n))).toBe(1_500_000_000n)
  })
  test("text with a unit word wins over the column unit: '1,5 tỷ' in a triệu column is 1,5 tỷ", () => {
    expect(value(readAmount("1,5 tỷ", TRIEU))).toBe(1_500_000_000n)
    expect(value(readAmount("900 triệu", 1n))).toBe(900_000_000n)
    expect(value(readAmount("900 triệu đồng", TRIEU))).toBe(900_000_000n)
  })
  test("Vietnamese decimals in a triệu column: '1,35', '1.350', '1.350,5'", () => {
    expect(value(readAmount("1,35", TRIEU))).toBe(1_350_000n)
    expect(value(readAmount("1.350", TRIEU))).toBe(1_350_000_000n)
    expect(value(readAmount("1.350,5", TRIEU))).toBe(1_350_500_000n)
    expect(value(readAmount("299,5", TRIEU))).toBe(299_500_000n)
  })
  test("'1.5' (English decimal point) is refused in a triệu column rather than guessed", () => {
    expect(value(readAmount("1.5", TRIEU))).toBe("import/bad-amount")
    expect(value(readAmount("1 350", TRIEU))).toBe("import/bad-amount")
  })
  test("formulas give their cached value; no cached value or an error value is its own problem", () => {
    expect(value(readAmount({ formula: "J8+K8", result: 1800 }, TRIEU))).toBe(1_800_000_000n)
    expect(value(readAmount({ formula: "J8+K8" }, TRIEU))).toBe("import/no-cached-value")
    expect(value(readAmount({ formula: "J8/0", result: { error: "#DIV/0!" } }, TRIEU))).toBe("import/cell-error")
  })
  test("dates, booleans and unsafe numbers are not amounts", () => {
    expect(value(readAmount(new Date(Date.UTC(2024, 0, 1)), 1n))).toBe("import/bad-amount")
    expect(value(readAmount(true, 1n))).toBe("import/bad-amount")
    expect(value(readAmount(2 ** 60, 1n))).toBe("import/bad-amount")
    expect(value(readAmount(Number.POSITIVE_INFINITY, 1n))).toBe("import/bad-amount")
  })
  test("negative amounts are read (the Proposal validator refuses them at their cell)", () => {
    expect(value(readAmount(-5, TRIEU))).toBe(-5_000_000n)
    expect(value(readAmount("-1.500", 1n))).toBe(-1_500n)
  })
  test("numbers with exponents: 5e-7 triệu is half a đồng (refused), 1e3 triệu is 1 tỷ", () => {
    expect(decimalOfNumber(5e-7)).toEqual({ digits: 5n, scale: 7 })
    expect(value(readAmount(5e-7, TRIEU))).toBe("import/fractional-dong")
    expect(value(readAmount(1e21 / 1e12, TRIEU))).toBe(1_000_000_000_000_000n)
  })
  test.prop([fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1e9, max: 1e9 }).chain((i) => fc.integer({ min: 0, max: 7 }).map((k) => i / 10 ** k)))], { numRuns: 2000 })("the decimal of any finite number is its shortest text: digits × 10^-scale reads back as the number", (n) => {
    const d = decimalOfNumber(n)
    expect(d.scale).toBeGreaterThanOrEqual(0)
    expect(Number(`${d.digits}e-${d.scale}`)).toBe(n === 0 ? 0 : n)
    // the digits and scale of the number's shortest text (what JavaScript writes)
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(n))
    expect(m).not.toBeNull()
    const frac = m?.[3] ?? ""
    const scale = frac.length - Number(m?.[4] ?? "0")
    const digits = BigInt(`${m?.[2] ?? ""}${frac}`) * (m?.[1] === "-" ? -1n : 1n)
    expect(d).toEqual(scale >= 0 ? { digits, scale } : { digits: digits * 10n ** BigInt(-scale), scale: 0 })
  })
  test.prop([fc.bigInt({ min: 0n, max: 9_007_199_254n }), fc.integer({ min: 0, max: 999 })])(
    "any number of triệu with up to 3 decimals typed as a number reads exactly",
    (whole, thousandths) => {
      const typed = Number(`${whole}.${String(thousandths).padStart(3, "0")}`)
      expect(value(readAmount(typed, TRIEU))).toBe(whole * TRIEU + BigInt(thousandths) * 1000n)
    }
  )
})

describe("amount problems carry sheet, row, column, header and raw value", () => {
  const header = HEADER.map((h) => (h === "Tổng kinh phí" ? "Tổng kinh phí\n(triệu đồng)" : h))
  const read = (total: unknown) =>
    Register.read([header, rowWith({ "Tổng kinh phí": total as never })], { activities }, { sheet: "Biểu 01" })
  test("unparseable text → import/bad-amount at H2", () => {
    const r = read("1,5x")
    expect(r.ok).toBe(false)
    if (!r.ok) {
      const i = r.error.issues[0]
      expect(r.error.issues).toHaveLength(1)
      expect(i).toMatchObject({
        code: "import/bad-amount",
        sheet: "Biểu 01",
        row: 2,
        column: "H",
        header: "Tổng kinh phí (triệu đồng)",
        raw: "1,5x",
        field: "total",
        path: ["Biểu 01", 2, "H"]
      })
      expect(i?.message).toContain('Sheet "Biểu 01", row 2, column H "Tổng kinh phí (triệu đồng)"')
    }
  })
  test("a fraction of a đồng → import/fractional-dong with the number as raw", () => {
    const r = read(1800.0000005)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.issues.map((i) => [i.code, i.column, i.raw])).toEqual([["import/fractional-dong", "H", 1800.0000005]])
  })
  test("1.800 triệu reads as 1,8 tỷ and the row is valid (1,8 tỷ = 900 triệu + 900 triệu is checked)", () => {
    const r = Register.read(
      [header.map((h) => h.replace("hỗ trợ", "hỗ trợ (triệu đồng)").replace("đối ứng", "đối ứng (triệu đồng)")), rowWith({ "Tổng kinh phí": 1800, "Kinh phí khuyến công hỗ trợ": 900, "Kinh phí đối ứng": 900 })],
      { activities }
    )
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.proposals[0]?.activities[0]?.costLines[0]?.total).toBe(1_800_000_000n)
  })
  test("units option overrides the header", () => {
    const r = Register.read([HEADER, rowWith({ "Tổng kinh phí": 1800, "Kinh phí khuyến công hỗ trợ": 900, "Kinh phí đối ứng": 900 })], {
      activities,
      units: { total: "triệu đồng", requestedSupport: "triệu đồng", counterpartFunding: "triệu đồng" }
    })
    expect(r.ok).toBe(true)
    if (r.ok) expect(r.value.columns.find((c) => c.field === "total")?.unit).toBe("triệu đồng")
  })
})

describe("squashing whitespace", () => {
  test.prop([fc.array(fc.constantFrom("a", "ế", " ", "  ", "\n", "\t", "\u00A0", "\u2007", "\u202F", "\u200B", "\uFEFF", "\u3000", "x y"), { maxLength: 12 }).map((xs) => xs.join(""))])(
    "texts without whitespace to squash come back as they are, others as the full rule gives them",
    (s) => {
      expect(squash(s)).toBe(s.replace(/[\s\u00A0\u2007\u202F\u200B\uFEFF]+/g, " ").trim())
    }
  )
})

describe("the Proposal JSON the register hands the decoder", () => {
  // the reader writes amounts from 0 to 2^53 - 1 as JSON integers, others as digits (Register.ts,
  // integerOrDigits), and decodes a proposal that fails again with digits only: both forms must
  // decode alike, to the same proposal
  const integerOrDigits = (x: bigint): number | string => (x >= 0n && x <= 9_007_199_254_740_991n ? Number(x) : x.toString())
  const digits = (x: bigint): string => x.toString()
  const json = (money: (x: bigint) => number | string, total: bigint, support: bigint, counterpart: bigint) => ({
    id: "HG-2024-01",
    title: "Hỗ trợ máy sao chè",
    fund: "local",
    form: { kind: "single" },
    activities: [{ activity: "machinery", costLines: [{ quantity: 1, item: "machinery", unitCost: money(total), total: money(total), requestedSupport: money(support), counterpartFunding: money(counterpart) }] }],
    implementingUnit: { name: "Trung tâm Khuyến công Hà Giang" },
    beneficiaries: ["cs-01"],
    locations: [{ provinceCode: "02" }],
    planYear: 2024,
    duration: { start: "2024-03-01", end: "2024-11-30" }
  })
  const amount = fc.oneof(
    fc.bigInt({ min: 0n, max: 10_000_000_000n }),
    fc.bigInt({ min: 9_007_199_254_740_000n, max: 9_007_199_254_742_000n }),
    fc.bigInt({ min: -10_000_000n, max: -1n }),
    fc.constantFrom(0n, 9_007_199_254_740_991n, 9_007_199_254_740_992n)
  )
  test.prop([amount, amount, amount, fc.boolean()])("amounts as JSON integers decode as their digits: the same verdict and proposal", (total, support, other, adds) => {
    // most proposals add up (counterpart = total - support), the others do not
    const counterpart = adds ? total - support : other
    const a = Proposal.decode(json(integerOrDigits, total, support, counterpart))
    const b = Proposal.decode(json(digits, total, support, counterpart))
    expect(a.ok).toBe(b.ok)
    if (a.ok && b.ok) expect(a.value).toEqual(b.value)
  })

  test("a proposal that adds up decodes to the same value from either form", () => {
    const a = Proposal.decode(json(integerOrDigits, 1_800_000_000n, 900_000_000n, 900_000_000n))
    const b = Proposal.decode(json(digits, 1_800_000_000n, 900_000_000n, 900_000_000n))
    expect(a.ok && b.ok).toBe(true)
    if (a.ok && b.ok) expect(a.value).toEqual(b.value)
  })
})
