/**
 * Arbitraries of the value types (số tiền, tỷ lệ, ngày, năm kế hoạch, mã số thuế, căn cứ pháp lý).
 * @since 0.1.0
 * @module
 */
import * as fc from "fast-check"
import type { Citation, Instrument, InstrumentKind } from "../values/Citation.js"
import * as CitationM from "../values/Citation.js"
import type * as DateRange from "../values/DateRange.js"
import * as LocalDate from "../values/LocalDate.js"
import * as Money from "../values/Money.js"
import * as Period from "../values/Period.js"
import type { DecimalQuantity, Quantity } from "../records/Proposal.js"
import * as Rate from "../values/Rate.js"
import * as TaxCode from "../records/TaxCode.js"

/**
 * Any amount of money (số tiền), negative included, up to ±10^15 đồng (beyond safe integers, so
 * the string encoding is exercised).
 * @example `fc.sample(money, 1)[0]` → e.g. `-4821n`
 * @category values
 * @since 0.1.0
 */
export const money: fc.Arbitrary<Money.Money> = fc
  .bigInt({ min: -(10n ** 15n), max: 10n ** 15n })
  .map((n) => Money.make(n))

/**
 * Money ≥ 0, up to `max` đồng (default 10^15).
 * @example `fc.sample(nonNegativeMoneyUpTo(100n), 1)[0]` → e.g. `37n`
 * @category values
 * @since 0.1.0
 */
export const nonNegativeMoneyUpTo = (max: bigint): fc.Arbitrary<Money.Money> =>
  fc.bigInt({ min: 0n, max }).map((n) => Money.make(n))

/**
 * Money ≥ 0 up to 10^15 đồng.
 * @example `fc.sample(nonNegativeMoney, 1)[0]! >= 0n` → `true`
 * @category values
 * @since 0.1.0
 */
export const nonNegativeMoney: fc.Arbitrary<Money.Money> = nonNegativeMoneyUpTo(10n ** 15n)

/**
 * Any rate (tỷ lệ), reduced: numerator −10^6…10^6 over denominator 1…10^6.
 * @example `fc.sample(rate, 1)[0]` → e.g. `{ numerator: -3n, denominator: 7n }`
 * @category values
 * @since 0.1.0
 */
export const rate: fc.Arbitrary<Rate.Rate> = fc
  .tuple(fc.bigInt({ min: -(10n ** 6n), max: 10n ** 6n }), fc.bigInt({ min: 1n, max: 10n ** 6n }))
  .map(([n, d]) => Rate.make(n, d))

/**
 * A share: a rate between 0 and 1 inclusive.
 * @example `fc.sample(share, 1)[0]` → e.g. `{ numerator: 3n, denominator: 5n }`
 * @category values
 * @since 0.1.0
 */
export const share: fc.Arbitrary<Rate.Rate> = fc
  .bigInt({ min: 1n, max: 10n ** 4n })
  .chain((d) => fc.bigInt({ min: 0n, max: d }).map((n) => Rate.make(n, d)))

const dayOf = (iso: string): number => LocalDate.toDayNumber(LocalDate.parseOrThrow(iso))

/**
 * A date (ngày) between two ISO dates inclusive.
 * @example `fc.sample(localDateBetween("2025-01-01", "2025-12-31"), 1)[0]` → e.g. `"2025-07-14"`
 * @category values
 * @since 0.1.0
 */
export const localDateBetween = (min: string, max: string): fc.Arbitrary<LocalDate.LocalDate> =>
  fc.integer({ min: dayOf(min), max: dayOf(max) }).map((n) => LocalDate.fromDayNumber(n))

/**
 * A date (ngày) 2000-01-01…2035-12-31.
 * @example `fc.sample(localDate, 1)[0]` → e.g. `"2019-04-27"`
 * @category values
 * @since 0.1.0
 */
export const localDate: fc.Arbitrary<LocalDate.LocalDate> = localDateBetween("2000-01-01", "2035-12-31")

/**
 * A bounded date range (start ≤ end).
 * @example `fc.sample(boundedDateRange, 1)[0]` → e.g. `{ start: "2011-02-03", end: "2024-09-30" }`
 * @category values
 * @since 0.1.0
 */
export const boundedDateRange: fc.Arbitrary<DateRange.Bounded> = fc
  .tuple(localDate, localDate)
  .map(([a, b]) => (a <= b ? { start: a, end: b } : { start: b, end: a }))

/**
 * A date range (khoảng thời gian): bounded, or open-ended one time in four.
 * @example `fc.sample(dateRange, 1)[0]` → e.g. `{ start: "2031-05-06" }`
 * @category values
 * @since 0.1.0
 */
export const dateRange: fc.Arbitrary<DateRange.DateRange> = fc.oneof(
  { arbitrary: boundedDateRange, weight: 3 },
  { arbitrary: localDate.map((start): DateRange.DateRange => ({ start })), weight: 1 }
)

/**
 * A plan year (năm kế hoạch) in the range `Period` supports.
 * @example `fc.sample(planYear, 1)[0]` → e.g. `2047`
 * @category values
 * @since 0.1.0
 */
export const planYear: fc.Arbitrary<Period.PlanYear> = fc
  .integer({ min: Period.MIN_YEAR, max: Period.MAX_YEAR })
  .map((y) => Period.planYearOrThrow(y))

/**
 * A plan year of the khuyến công programmes seen so far and planned (2012–2030).
 * @example `fc.sample(recentPlanYear, 1)[0]` → e.g. `2024`
 * @category values
 * @since 0.1.0
 */
export const recentPlanYear: fc.Arbitrary<Period.PlanYear> = fc
  .integer({ min: 2012, max: 2030 })
  .map((y) => Period.planYearOrThrow(y))

const nineDigits: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 9_999_999 }))
  .map(([p, s]) => String(p).padStart(2, "0") + String(s).padStart(7, "0"))
  .filter((d) => TaxCode.checkDigit(d) !== undefined)

/**
 * Valid tax codes (mã số thuế) of one shape.
 * @example `fc.sample(taxCodeOf("branch"), 1)[0]` → e.g. `"0314409058-002"`
 * @category values
 * @since 0.1.0
 */
export const taxCodeOf = (kind: TaxCode.Kind): fc.Arbitrary<TaxCode.TaxCode> => {
  const main = nineDigits.map((d) => `${d}${TaxCode.checkDigit(d) ?? 0}`)
  switch (kind) {
    case "main":
      return main.map((c) => c as TaxCode.TaxCode)
    case "branch":
      return fc
        .tuple(main, fc.integer({ min: 1, max: 999 }))
        .map(([c, s]) => `${c}-${String(s).padStart(3, "0")}` as TaxCode.TaxCode)
    case "personal-id":
      return fc
        .tuple(fc.integer({ min: 1, max: 96 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 99_999_999 }))
        .map(
          ([p, c, r]) =>
            `${String(p).padStart(3, "0")}${c}${String(r).padStart(8, "0")}` as TaxCode.TaxCode
        )
  }
}

/**
 * A valid tax code (mã số thuế) of any shape (10-digit, branch, 12-digit personal ID).
 * @example `fc.sample(taxCode, 1)[0]` → e.g. `"0314409058-002"`
 * @category values
 * @since 0.1.0
 */
export const taxCode: fc.Arbitrary<TaxCode.TaxCode> = fc.oneof(
  taxCodeOf("main"),
  taxCodeOf("branch"),
  taxCodeOf("personal-id")
)

/**
 * A quantity (số lượng): a positive integer, or canonical decimal text such as `"2.5"`.
 * @example `fc.sample(quantity, 2)` → e.g. `[12, "2.5"]`
 * @category values
 * @since 0.1.0
 */
export const quantity: fc.Arbitrary<Quantity> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 10_000 }), weight: 3 },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 999 }))
      .map(([i, f]) => `${i}.${String(f).padStart(3, "0").replace(/0+$/, "")}` as DecimalQuantity),
    weight: 1
  }
)


const suffixOf: Record<InstrumentKind, string> = {
  law: "QH13",
  decree: "NĐ-CP",
  decision: "QĐ-TTg",
  circular: "TT-BTC",
  "joint-circular": "TTLT-BTC-BCT",
  resolution: "NQ-HĐND",
  "official-letter": "BCT-CN",
  other: "VBHN-BCT"
}

const instrument: fc.Arbitrary<Instrument> = fc
  .record({
    kind: fc.constantFrom(...CitationM.instrumentKinds),
    no: fc.integer({ min: 1, max: 3000 }),
    effective: localDateBetween("2005-01-01", "2030-12-31"),
    signedBefore: fc.option(fc.integer({ min: 0, max: 90 }), { nil: undefined }),
    expiresAfter: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    amends: fc.option(fc.array(fc.constantFrom("45/2012/NĐ-CP", "46/2012/TT-BCT", "28/2018/TT-BTC"), { maxLength: 2 }), {
      nil: undefined
    }),
    replaces: fc.option(fc.array(fc.constantFrom("26/2014/TTLT-BTC-BCT", "105/2020/TT-BTC"), { maxLength: 2 }), {
      nil: undefined
    }),
    issuer: fc.constantFrom("Government (Chính phủ)", "Ministry of Finance (Bộ Tài chính)", "Ministry of Industry and Trade (Bộ Công Thương)"),
    title: fc.constantFrom("On industrial extension (Về khuyến công)", "Funding of industrial extension", "Programme 2026–2030")
  })
  .map((r) => {
    const year = LocalDate.year(r.effective)
    const base: Instrument = {
      number: `${r.no}/${year}/${suffixOf[r.kind]}`,
      kind: r.kind,
      issuer: r.issuer,
      title: r.title,
      effective: r.effective
    }
    return {
      ...base,
      ...(r.signedBefore === undefined ? {} : { signed: LocalDate.addDays(r.effective, -r.signedBefore) }),
      ...(r.expiresAfter === undefined ? {} : { expired: LocalDate.addDays(r.effective, r.expiresAfter) }),
      ...(r.amends === undefined ? {} : { amends: r.amends }),
      ...(r.replaces === undefined ? {} : { replaces: r.replaces })
    }
  })

/**
 * A citation (căn cứ pháp lý): instrument, optional article / clause / point, grade, note, source.
 * @example `fc.sample(citation, 1)[0]?.grade` → e.g. `"secondary"`
 * @category values
 * @since 0.1.0
 */
export const citation: fc.Arbitrary<Citation> = fc.record(
  {
    instrument,
    article: fc.integer({ min: 1, max: 40 }).map(String),
    clause: fc.integer({ min: 1, max: 10 }).map(String),
    point: fc.constantFrom("a", "b", "c", "d", "đ", "e"),
    grade: fc.constantFrom(...CitationM.grades),
    note: fc.constantFrom("carried over from Joint Circular 26/2014, not confirmed for 28/2018", "read in the primary text"),
    source: fc.constantFrom("../shared/legal/rules-2018-2025-notes.md", "../shared/legal/codification-khuyen-cong.md")
  },
  { requiredKeys: ["instrument", "grade"] }
)
