import { existsSync, readFileSync } from "node:fs"
import { Citation, Corpus, Eligibility, Establishment, LocalDate, Pack, Parameter, Proposal, Resolution, Support } from "@khuyencong/core"
import type { RulePack } from "@khuyencong/core"
import { establishmentJson as sample } from "@khuyencong/core/testing"
import { describe, expect, it } from "vitest"
import { pack as pack2021 } from "../../rules-2021-2025/src/index.js"
import { advanceAssignments, instrumentNotes, overlays, pack } from "../src/index.js"

const { activities, advances, calendar, instruments, parameters } = pack
// Joint Circular 26/2014 in force, its last day, and Circular 36/2013 in force ([PD] l.87, l.81)
const JC26_FROM = LocalDate.parseOrThrow("2014-04-08")
const JC26_UNTIL = LocalDate.parseOrThrow("2018-05-10")
const TT36_FROM = LocalDate.parseOrThrow("2014-02-10")

type Value = RulePack.ParameterValue
type Fraction = { readonly numerator: bigint; readonly denominator: bigint }

const d = LocalDate.parseOrThrow
const frac = (n: bigint, den: bigint): Fraction => ({ numerator: n, denominator: den })
const isFraction = (v: unknown): v is Fraction =>
  typeof v === "object" && v !== null && !Array.isArray(v) && "numerator" in v && "denominator" in v
const DAY = "2016-06-30"
const reading = (id: string, at: string = DAY) => Pack.readOrThrow(pack, id, d(at))
const value = (id: string, at?: string): Value => reading(id, at).value
const lineOf = (c: Citation.Citation): number => Number(/l\.(\d+)/.exec(c.source ?? "")?.[1] ?? "NaN")

const loaded = Pack.loadOrThrow(pack)
const resolved = Pack.resolveOrThrow(loaded, d(DAY))

// The primary text, when the shared legal folder is next to the repository.
const codificationUrl = new URL("../../../../shared/legal/codification-khuyen-cong.md", import.meta.url)
const codification: ReadonlyArray<string> | undefined = existsSync(codificationUrl)
  ? readFileSync(codificationUrl, "utf8").split("\n")
  : undefined

const allCitations = () => Pack.citations(pack).map(({ where, citation }) => ({ where: where.join(" "), citation }))

describe("the 2014–2018 pack loads", () => {
  it("passes Pack.load with no issue (a PackError would name each)", () => {
    // 0.2.0: built from the corpus of the law (@khuyencong/law); figures unchanged, some notes merged
    expect(Pack.loadOrThrow(pack)).toMatchObject({ id: "vn-khuyen-cong-2014-2018", version: "0.2.0" })
    expect(overlays).toEqual([])
  })

  it("governs decisions 2014-04-08 … 2018-05-10 and plan years 2014–2018", () => {
    expect(pack.governs).toEqual({ decisions: { start: "2014-04-08", end: "2018-05-10" }, planYears: { from: 2014, to: 2018 } })
    expect([JC26_FROM, JC26_UNTIL, TT36_FROM]).toEqual(["2014-04-08", "2018-05-10", "2014-02-10"])
  })

  it("resolves on its first and last day, and refuses the days around them", () => {
    for (const day of ["2014-04-08", "2016-01-01", "2018-05-10"]) expect(Pack.resolve(loaded, d(day)).ok, day).toBe(true)
    for (const day of ["2014-04-07", "2018-05-11"]) {
      const r = Pack.resolve(loaded, d(day))
      expect(r.ok, day).toBe(false)
      if (!r.ok) expect(r.error.code, day).toBe("parameter/no-value-at-date")
    }
  })

  it("does not overlap the 2021–2025 pack, by decision date or by plan year", () => {
    const both = [Pack.loadOrThrow(pack2021), loaded]
    const byDate = (day: string) => {
      const r = Resolution.forDate(both, d(day))
      return r.ok ? r.value.id : r.error.code
    }
    expect(byDate("2014-04-07")).toBe("resolution/no-pack")
    expect(byDate("2014-04-08")).toBe("vn-khuyen-cong-2014-2018")
    expect(byDate("2018-05-10")).toBe("vn-khuyen-cong-2014-2018")
    expect(byDate("2018-05-11")).toBe("vn-khuyen-cong-2021-2025")
    const byYear = (y: number) => {
      const r = Resolution.forPlanYear(both, y)
      return r.ok ? r.value.id : r.error.code
    }
    expect([2013, 2014, 2018, 2019, 2020, 2021].map(byYear)).toEqual([
      "resolution/no-pack",
      "vn-khuyen-cong-2014-2018",
      "vn-khuyen-cong-2014-2018",
      "resolution/no-pack", // plan years 2019–2020: no pack yet (see README)
      "resolution/no-pack",
      "vn-khuyen-cong-2021-2025"
    ])
  })

  it("lists the instruments with their dates", () => {
    const byNumber = new Map(instruments.map((i) => [i.number, i]))
    expect([...byNumber.keys()]).toEqual(["45/2012/NĐ-CP", "46/2012/TT-BCT", "36/2013/TT-BCT", "26/2014/TTLT-BTC-BCT", "1288/QĐ-TTg"])
    expect(Object.fromEntries(byNumber)).toMatchObject({
      "45/2012/NĐ-CP": { effective: "2012-07-05" },
      "46/2012/TT-BCT": { effective: "2013-02-10" },
      "36/2013/TT-BCT": { effective: "2014-02-10" },
      "26/2014/TTLT-BTC-BCT": { effective: "2014-04-08", expired: "2018-05-11" },
      "1288/QĐ-TTg": { signed: "2014-08-01" }
    })
    expect(instrumentNotes["1288/QĐ-TTg"]).toMatch(/Not in the codification/)
    expect(instrumentNotes["46/2012/TT-BCT"]).toMatch(/20\/2017\/TT-BCT/)
  })
})

// Every figure: parameter id, value, instrument, article, clause, point, [PD] line, and the words
// of that line that state it.
const figures: ReadonlyArray<readonly [string, Value, string, string, string | undefined, string | undefined, number, string]> = [
  ["support.enterprise-setup.cap", 10_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "a", 1389, "Mức hỗ trợ không quá 10 triệu đồng/doanh nghiệp"],
  ["support.demo-model.rate", frac(3n, 10n), "26/2014/TTLT-BTC-BCT", "6", "2", "b", 1391, "Mức hỗ trợ tối đa 30% nhưng không quá 500 triệu đồng/mô hình"],
  ["support.demo-model.cap", 500_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "b", 1391, "không quá 500 triệu đồng/mô hình"],
  ["support.model-replication.cap", 100_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "b", 1393, "Mức hỗ trợ không quá 100 triệu đồng/mô hình"],
  ["support.machinery.rate", frac(1n, 2n), "26/2014/TTLT-BTC-BCT", "6", "2", "c", 1395, "Mức hỗ trợ tối đa 50% chi phí nhưng không quá 200 triệu đồng/cơ sở"],
  ["support.machinery.cap", 200_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "c", 1395, "không quá 200 triệu đồng/cơ sở"],
  ["support.domestic-fair-organising.rate", frac(1n, 1n), "26/2014/TTLT-BTC-BCT", "6", "2", "d", 1397, "Hỗ trợ 100% chi phí thuê gian hàng"],
  ["support.domestic-fair-attendance.rate", frac(4n, 5n), "26/2014/TTLT-BTC-BCT", "6", "2", "d", 1399, "Mức hỗ trợ 80% giá thuê gian hàng"],
  ["support.overseas-fair.rate", frac(1n, 1n), "26/2014/TTLT-BTC-BCT", "6", "2", "đ", 1401, "Hỗ trợ 100% các khoản chi phí"],
  ["support.overseas-study-airfare.rate", frac(1n, 1n), "26/2014/TTLT-BTC-BCT", "6", "2", "e", 1403, "Chi hỗ trợ 100% chi phí vé máy bay"],
  ["support.typical-product-selection.regional.cap", 100_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "g", 1407, "không quá 100 triệu đồng/lần đối với cấp khu vực"],
  ["support.typical-product-selection.national.cap", 200_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "g", 1407, "200 triệu đồng/lần đối với cấp quốc gia"],
  ["support.typical-product-prize.regional.cap", 5_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "g", 1409, "Đạt giải cấp khu vực được thưởng không quá 05 triệu đồng/sản phẩm"],
  ["support.typical-product-prize.national.cap", 10_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "g", 1409, "đạt giải cấp quốc gia được thưởng không quá 10 triệu đồng/sản phẩm"],
  ["support.trademark.rate", frac(1n, 2n), "26/2014/TTLT-BTC-BCT", "6", "2", "h", 1411, "Mức hỗ trợ tối đa 50% chi phí, nhưng không quá 35 triệu đồng/thương hiệu"],
  ["support.trademark.cap", 35_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "h", 1411, "không quá 35 triệu đồng/thương hiệu"],
  ["support.consultancy.rate", frac(1n, 2n), "26/2014/TTLT-BTC-BCT", "6", "2", "i", 1413, "Mức hỗ trợ tối đa 50% chi phí, nhưng không quá 35 triệu đồng/cơ sở"],
  ["support.consultancy.cap", 35_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "i", 1413, "không quá 35 triệu đồng/cơ sở"],
  ["support.media.rate", frac(1n, 1n), "26/2014/TTLT-BTC-BCT", "6", "2", "k", 1415, "theo hình thức hợp đồng với cơ quan tuyên truyền"],
  ["support.association.rate", frac(3n, 10n), "26/2014/TTLT-BTC-BCT", "6", "2", "l", 1417, "Mức hỗ trợ tối đa 30% chi phí thành lập"],
  ["support.association.regional.cap", 70_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "l", 1417, "không quá 70 triệu đồng/hội, hiệp hội cấp vùng"],
  ["support.association.national.cap", 100_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "l", 1417, "100 triệu đồng/hội, hiệp hội cấp quốc gia"],
  ["support.linkage-cluster.rate", frac(1n, 2n), "26/2014/TTLT-BTC-BCT", "6", "2", "m", 1419, "Mức hỗ trợ tối đa 50% chi phí nhưng không quá 150 triệu đồng/cụm liên kết"],
  ["support.linkage-cluster.cap", 150_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "m", 1419, "không quá 150 triệu đồng/cụm liên kết"],
  ["support.relocation-interest.rate", frac(1n, 2n), "26/2014/TTLT-BTC-BCT", "6", "2", "n", 1421, "Mức hỗ trợ tối đa 50% lãi suất"],
  ["support.relocation-interest.cap", 500_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "n", 1421, "không quá 500 triệu đồng/cơ sở"],
  ["support.relocation-interest.years", 2, "26/2014/TTLT-BTC-BCT", "6", "2", "n", 1421, "trong 02 năm đầu"],
  ["support.pollution-establishment.rate", frac(3n, 10n), "26/2014/TTLT-BTC-BCT", "6", "2", "o", 1423, "Mức hỗ trợ tối đa 30% chi phí, nhưng không quá 300 triệu đồng/cơ sở"],
  ["support.pollution-establishment.cap", 300_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "o", 1423, "không quá 300 triệu đồng/cơ sở"],
  ["support.pollution-cluster.rate", frac(3n, 10n), "26/2014/TTLT-BTC-BCT", "6", "2", "p", 1425, "Mức hỗ trợ tối đa 30% chi phí, nhưng không quá 1.500 triệu đồng/cụm công nghiệp"],
  ["support.pollution-cluster.cap", 1_500_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "p", 1425, "không quá 1.500 triệu đồng/cụm công nghiệp"],
  ["support.cluster-planning.rate", frac(1n, 2n), "26/2014/TTLT-BTC-BCT", "6", "2", "q", 1427, "Mức hỗ trợ tối đa 50% chi phí, nhưng không quá 500 triệu đồng/cụm công nghiệp"],
  ["support.cluster-planning.cap", 500_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "q", 1427, "không quá 500 triệu đồng/cụm công nghiệp"],
  ["support.cluster-infrastructure.cap", 3_000_000_000n, "26/2014/TTLT-BTC-BCT", "6", "2", "r", 1429, "Mức hỗ trợ không quá 3.000 triệu đồng/cụm công nghiệp"],
  ["overhead.managing-agency", frac(3n, 200n), "26/2014/TTLT-BTC-BCT", "6", "2", "s", 1433, "sử dụng tối đa 1,5% kinh phí khuyến công"],
  ["overhead.implementing-unit", frac(1n, 40n), "26/2014/TTLT-BTC-BCT", "6", "2", "s", 1435, "chi tối đa 2,5% dự toán đề án khuyến công"],
  ["priority.multiplier", frac(3n, 2n), "26/2014/TTLT-BTC-BCT", "6", "2", "t", 1437, "không quá 1,5 lần mức hỗ trợ quy định trên đây"],
  ["advance.overall-ceiling", frac(7n, 10n), "26/2014/TTLT-BTC-BCT", "8", "2", "b", 1487, "không quá 70% tổng kinh phí khuyến công hỗ trợ trên cơ sở hợp đồng"],
  ["advance.cluster.first", frac(3n, 10n), "36/2013/TT-BCT", "13", "1", undefined, 1063, "Tạm ứng 30% kinh phí hỗ trợ của đề án"],
  ["advance.cluster.progress-threshold", frac(1n, 2n), "36/2013/TT-BCT", "13", "1", "b", 1067, "trên 50% khối lượng công việc"],
  ["advance.soft.first", frac(7n, 10n), "36/2013/TT-BCT", "13", "2", undefined, 1069, "Tạm ứng 70% kinh phí hỗ trợ của đề án"],
  ["advance.promotion.first", frac(7n, 10n), "36/2013/TT-BCT", "13", "2", "c", 1069, "Tạm ứng 70% kinh phí hỗ trợ của đề án"],
  ["advance.investment.first", frac(7n, 10n), "36/2013/TT-BCT", "13", "2", "d", 1069, "Tạm ứng 70% kinh phí hỗ trợ của đề án"],
  ["advance.investment.progress-threshold", frac(7n, 10n), "36/2013/TT-BCT", "13", "2", "d", 1085, "trên 70% tổng vốn đầu tư của dự án"],
  ["advance.enterprise-setup.first", frac(1n, 1n), "36/2013/TT-BCT", "13", "3", undefined, 1087, "Tạm ứng 100% kinh phí thực hiện của đề án"],
  ["funds.carry-over", true, "45/2012/NĐ-CP", "14", "4", undefined, 871, "được chuyển sang năm sau"],
  ["eligibility.location.conversion-window-years", 5, "46/2012/TT-BCT", "3", "1", "đ", 73, "chuyển đổi từ xã chưa quá 05 năm"],
  ["priority.local-raw-material-share", frac(1n, 2n), "46/2012/TT-BCT", "6", "2", "b", 651, "chiếm trên 50% tổng giá trị nguyên liệu"],
  ["priority.labour-intensive-workforce", 50, "46/2012/TT-BCT", "6", "2", "c", 653, "sử dụng từ 50 lao động trở lên"]
]

describe("every figure against the primary text", () => {
  it.each(figures.map((f) => [f[0], f] as const))("%s", (_id, [id, v, instrument, article, clause, point, line]) => {
    const r = reading(id)
    expect(r.value).toEqual(v)
    const c = r.citation
    expect([c.instrument.number, c.article, c.clause, c.point, c.grade]).toEqual([instrument, article, clause, point, "primary"])
    expect(lineOf(c)).toBe(line)
  })

  it("the cited [PD] line states each figure (../shared/legal must sit beside the repository)", () => {
    expect(codification, "../shared/legal/codification-khuyen-cong.md not found").toBeDefined()
    for (const [id, , , , , , line, words] of figures) expect(codification?.[line - 1], `${id} at l.${line}`).toContain(words)
  })

  it("every Joint Circular 26/2014 figure ends on 2018-05-10; every other figure ends only where the law re-states it", () => {
    const law = Corpus.law()
    for (const p of Object.values(pack.parameters)) {
      const first = p.values[0]
      if (first === undefined) throw new Error(p.id)
      if (first.citation.instrument.number === "26/2014/TTLT-BTC-BCT") {
        expect(p.until, p.id).toBe("2018-05-10")
        expect(first.from, p.id).toBe("2014-04-08")
      } else if (p.until !== undefined) {
        // the pack ends the day before the corpus's next value: Circular 36/2013 as amended by
        // 17/2018 from 2018-05-11, Decree 235/2025 from 2025-10-15, the 2025 reorganisation
        const next = LocalDate.addDays(p.until, 1)
        const corpus = law.parameters[p.id]
        expect(corpus?.until === p.until || corpus?.values.some((v) => v.from === next), p.id).toBe(true)
        expect(["2018-05-11", "2025-07-01", "2025-10-15"], p.id).toContain(next)
      }
      if (first.citation.instrument.number === "36/2013/TT-BCT") expect(first.from, p.id).toBe("2014-02-10")
    }
  })

  it("every parameter is primary except the relocation advance, which the text gives no ratio for", () => {
    const notPrimary = Object.values(pack.parameters).filter((p) => p.values.some((v) => v.citation.grade !== "primary"))
    expect(notPrimary.map((p) => p.id)).toEqual(["advance.relocation-interest.first"])
    expect(reading("advance.relocation-interest.first").citation.note).toMatch(/Not a figure of the text/)
  })

  it("every citation names an instrument, an article, a grade and a [PD] line; non-primary ones have a note", () => {
    for (const { where, citation } of allCitations()) {
      expect(Citation.validate(citation).ok, where).toBe(true)
      expect(citation.article, where).toMatch(/\S/)
      expect(citation.source, where).toMatch(/codification-khuyen-cong\.md l\.\d+/)
      if (citation.grade !== "primary") expect(citation.note, where).toMatch(/\S/)
    }
  })

  it("calendar: 20 May, 15 June, the 25th, 15 days, 22 January, each at its [PD] line", () => {
    const byId = new Map(calendar.map((c) => [c.id, c]))
    const expected: ReadonlyArray<readonly [string, RulePack.Deadline, string, number, string]> = [
      ["registration.unit-to-doit", { kind: "yearly", month: 5, day: 20, yearOffset: -1, cutoff: "before" }, "10", 1003, "trước 20 tháng 5 hàng năm"],
      ["registration.doit-to-ministry", { kind: "yearly", month: 6, day: 15, yearOffset: -1, cutoff: "before" }, "10", 1015, "trước ngày 15 tháng 6 hàng năm"],
      ["progress-report.monthly", { kind: "monthly", day: 25, cutoff: "before" }, "23", 1287, "trước ngày 25 hàng tháng"],
      ["progress-report.monthly-regional-centre", { kind: "monthly", day: 25, cutoff: "before" }, "22", 1273, "trước ngày 25 hàng tháng"],
      ["settlement.closing-dossier", { kind: "after-event", event: "last-base-acceptance", days: 15, cutoff: "on-or-before" }, "18", 1187, "Chậm nhất sau 15 ngày"],
      ["settlement.liquidation", { kind: "yearly", month: 1, day: 22, yearOffset: 1, cutoff: "on-or-before" }, "18", 1189, "không được chậm quá ngày 22 tháng 01 của năm sau"]
    ]
    expect([...byId.keys()]).toEqual(expected.map((e) => e[0]))
    for (const [id, deadline, article, line, words] of expected) {
      const c = byId.get(id)
      expect(c?.deadline, id).toEqual(deadline)
      expect([c?.citation.instrument.number, c?.citation.article, c?.citation.grade], id).toEqual(["36/2013/TT-BCT", article, "primary"])
      expect(lineOf(c?.citation as Citation.Citation), id).toBe(line)
      if (codification !== undefined) expect(codification[line - 1], id).toContain(words)
    }
  })

  it("advances: tiers, conditions, remainder after base-level acceptance, 70 % overall ceiling", () => {
    expect(advances.tiers.map((t) => [t.id, t.firstAdvance, t.condition])).toEqual([
      ["cluster", "advance.cluster.first", { kind: "progress-over", threshold: "advance.cluster.progress-threshold" }],
      ["soft", "advance.soft.first", { kind: "none" }],
      ["promotion", "advance.promotion.first", { kind: "none" }],
      ["investment", "advance.investment.first", { kind: "progress-over", threshold: "advance.investment.progress-threshold" }],
      ["enterprise-setup", "advance.enterprise-setup.first", { kind: "base-acceptance-and-registration" }],
      ["relocation-interest", "advance.relocation-interest.first", { kind: "base-acceptance" }]
    ])
    expect(advances.remainder.condition).toEqual({ kind: "base-acceptance" })
    expect([advances.remainder.citation.article, lineOf(advances.remainder.citation)]).toEqual(["14", 1105])
    expect(advances.overallCeiling).toBe("advance.overall-ceiling")
    for (const a of activities) {
      expect(advanceAssignments[a.code]?.tier, a.code).toBe(a.advanceTier)
      expect(advances.tiers.some((t) => t.id === a.advanceTier), a.code).toBe(true)
    }
  })
})

describe("the catalogue", () => {
  it("resolves every cap as in the text on 30/06/2016", () => {
    const caps = Object.fromEntries(
      Object.values(resolved.items).map((i) => [i.code, [i.hasRate ? `${i.rateNumerator}/${i.rateDenominator}` : "-", i.hasAmount ? i.amount : "-", i.unit]])
    )
    expect(caps).toEqual({
      "enterprise-setup.support": ["-", 10_000_000n, "per-enterprise"],
      "demo-model.new-technology": ["3/10", 500_000_000n, "per-model"],
      "demo-model.replication": ["-", 100_000_000n, "per-model"],
      "machinery.equipment": ["1/2", 200_000_000n, "per-establishment"],
      "domestic-fair.organising": ["1/1", "-", "per-project"],
      "domestic-fair.attendance": ["4/5", "-", "per-booth"],
      "overseas-fair.costs": ["1/1", "-", "per-project"],
      "study-tour.overseas-airfare": ["1/1", "-", "per-person"],
      "typical-product.selection-regional": ["-", 100_000_000n, "per-round"],
      "typical-product.selection-national": ["-", 200_000_000n, "per-round"],
      "typical-product.prize-regional": ["-", 5_000_000n, "per-product"],
      "typical-product.prize-national": ["-", 10_000_000n, "per-product"],
      "trademark.registration": ["1/2", 35_000_000n, "per-trademark"],
      "consultancy.services": ["1/2", 35_000_000n, "per-establishment"],
      "media.production": ["1/1", "-", "per-project"],
      "association.regional": ["3/10", 70_000_000n, "per-association"],
      "association.national": ["3/10", 100_000_000n, "per-association"],
      "linkage-cluster.formation": ["1/2", 150_000_000n, "per-cluster"],
      "relocation-interest.subsidy": ["1/2", 500_000_000n, "per-establishment"],
      "pollution-establishment.treatment-system": ["3/10", 300_000_000n, "per-establishment"],
      "pollution-cluster.treatment-system": ["3/10", 1_500_000_000n, "per-cluster"],
      "cluster-planning.detailed-plan": ["1/2", 500_000_000n, "per-cluster"],
      "cluster-infrastructure.works": ["-", 3_000_000_000n, "per-cluster"],
      "management.implementing-unit": ["-", "-", "per-project"]
    })
    for (const i of Object.values(resolved.items)) expect(i.grade, i.code).toBe("primary")
  })

  it("has no technology-line item (no line rule before Circular 28/2018)", () => {
    expect(Object.keys(resolved.items).some((c) => c.includes("technology-line"))).toBe(false)
    expect(pack.parameters["support.technology-line.multiple"]).toBeUndefined()
  })

  it("lists cleaner-production pilots and showrooms with no spending item", () => {
    for (const code of ["cleaner-production-model", "showroom"]) expect(activities.find((a) => a.code === code)?.items, code).toEqual([])
  })

  it("codes are unique and item codes are prefixed by their activity", () => {
    const codes = activities.flatMap((a) => a.items.map((i) => i.code))
    expect(new Set(codes).size).toBe(codes.length)
    for (const a of activities) for (const i of a.items) expect(i.code.startsWith(`${a.code}.`), i.code).toBe(true)
  })

  it("every rate is a share and every cap is money", () => {
    for (const a of activities)
      for (const it of a.items) {
        const cap = it.cap
        if (cap.kind === "rate-and-amount" || cap.kind === "rate") {
          const r = value(cap.rate)
          expect(isFraction(r) && r.numerator <= r.denominator, it.code).toBe(true)
        }
        if (cap.kind === "rate-and-amount" || cap.kind === "amount") expect(typeof value(cap.amount), it.code).toBe("bigint")
      }
  })

  it("SOURCES.md lists every parameter with its [PD] line", () => {
    const sources = readFileSync(new URL("../SOURCES.md", import.meta.url), "utf8")
    for (const p of Object.values(parameters)) {
      const row = sources.split("\n").find((l) => l.startsWith(`| \`${p.id}\` `))
      expect(row, p.id).toBeDefined()
      const first = p.values[0]
      if (first !== undefined) expect(row, p.id).toContain(`l.${lineOf(first.citation)}`)
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Support and eligibility, computed by hand from the caps

const establishmentJson = (id: string, extra: Record<string, unknown> = {}) => sample({ id, ...(extra as object) })

const establishment = (id: string, extra: Record<string, unknown> = {}): Establishment.Establishment => {
  const r = Establishment.decode(establishmentJson(id, extra), { asOf: d(DAY) })
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

interface Line {
  readonly item: string
  readonly total: bigint
  readonly requested: bigint
  readonly quantity?: number
  readonly beneficiaryId?: string
}

const proposal = (activities: ReadonlyArray<{ readonly activity: string; readonly lines: ReadonlyArray<Line> }>, beneficiaries: ReadonlyArray<string> = ["e1"]) => {
  const json = {
    id: "de-an-2016",
    title: "Đề án khuyến công quốc gia năm 2016",
    fund: "national",
    form: beneficiaries.length > 1 ? { kind: "group", beneficiaryIds: beneficiaries } : { kind: "single" },
    activities: activities.map((a) => ({
      activity: a.activity,
      costLines: a.lines.map((l) => {
        const q = l.quantity ?? 1
        const line: Record<string, unknown> = {
          item: l.item,
          quantity: q,
          unitCost: String(l.total / BigInt(q)),
          total: String(l.total),
          requestedSupport: String(l.requested),
          counterpartFunding: String(l.total - l.requested)
        }
        if (l.beneficiaryId !== undefined) line["beneficiaryId"] = l.beneficiaryId
        return line
      })
    })),
    implementingUnit: { name: "Trung tâm Khuyến công Thái Nguyên" },
    beneficiaries,
    locations: [{ provinceCode: "19" }],
    planYear: 2016,
    duration: { start: "2016-07-01", end: "2016-12-15" },
    approvalDate: DAY
  }
  const r = Proposal.decode(json)
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

const one = (activity: string, line: Line) => Support.computeOrThrow(proposal([{ activity, lines: [line] }]), resolved)

describe("support computed by hand from the 2014–2018 caps", () => {
  it("machinery: 50 % of 500 000 000 = 250 000 000 is capped at 200 000 000 per establishment", () => {
    const s = one("machinery", { item: "machinery.equipment", total: 500_000_000n, requested: 250_000_000n })
    expect(s.lines[0]).toMatchObject({ rateCap: 250_000_000n, absoluteCap: 200_000_000n, support: 200_000_000n, binding: "absolute-cap", grade: "primary" })
    expect(s.total).toBe(200_000_000n)
  })

  it("machinery: 50 % of 300 000 000 = 150 000 000 is below the cap", () => {
    const s = one("machinery", { item: "machinery.equipment", total: 300_000_000n, requested: 300_000_000n })
    expect(s.lines[0]).toMatchObject({ support: 150_000_000n, binding: "rate" })
  })

  it("demonstration model: 30 % of 2 000 000 000 = 600 000 000 is capped at 500 000 000 per model", () => {
    const s = one("demo-model", { item: "demo-model.new-technology", total: 2_000_000_000n, requested: 1_000_000_000n })
    expect(s.lines[0]).toMatchObject({ rateCap: 600_000_000n, support: 500_000_000n, binding: "absolute-cap" })
  })

  it("demonstration model: 30 % of 1 000 000 000 = 300 000 000 is below the cap", () => {
    const s = one("demo-model", { item: "demo-model.new-technology", total: 1_000_000_000n, requested: 500_000_000n })
    expect(s.lines[0]).toMatchObject({ support: 300_000_000n, binding: "rate" })
  })

  it("model replication: no rate, at most 100 000 000 per model", () => {
    const s = one("demo-model", { item: "demo-model.replication", total: 150_000_000n, requested: 150_000_000n })
    expect(s.lines[0]).toMatchObject({ rateCap: undefined, absoluteCap: 100_000_000n, support: 100_000_000n, binding: "absolute-cap" })
  })

  it("enterprise set-up: 15 000 000 asked, at most 10 000 000 per enterprise", () => {
    const s = one("enterprise-setup", { item: "enterprise-setup.support", total: 15_000_000n, requested: 15_000_000n })
    expect(s.lines[0]).toMatchObject({ support: 10_000_000n, binding: "absolute-cap" })
  })

  it("cluster infrastructure: 4 000 000 000 asked, at most 3 000 000 000 per cluster", () => {
    const s = one("cluster-infrastructure", { item: "cluster-infrastructure.works", total: 5_000_000_000n, requested: 4_000_000_000n })
    expect(s.lines[0]).toMatchObject({ support: 3_000_000_000n, binding: "absolute-cap" })
  })

  it("cluster pollution treatment: 30 % of 6 000 000 000 = 1 800 000 000 is capped at 1 500 000 000", () => {
    const s = one("pollution-cluster", { item: "pollution-cluster.treatment-system", total: 6_000_000_000n, requested: 3_000_000_000n })
    expect(s.lines[0]).toMatchObject({ rateCap: 1_800_000_000n, support: 1_500_000_000n, binding: "absolute-cap" })
  })

  it("regional prizes: 3 products × 6 000 000 asked, at most 3 × 5 000 000 = 15 000 000", () => {
    const s = one("typical-product", { item: "typical-product.prize-regional", total: 18_000_000n, requested: 18_000_000n, quantity: 3 })
    expect(s.lines[0]).toMatchObject({ support: 15_000_000n, binding: "absolute-cap" })
  })

  it("domestic fair attendance: 80 % of 2 booths × 15 000 000 = 24 000 000", () => {
    const s = one("domestic-fair", { item: "domestic-fair.attendance", total: 30_000_000n, requested: 30_000_000n, quantity: 2 })
    expect(s.lines[0]).toMatchObject({ support: 24_000_000n, binding: "rate" })
  })

  it("a group of 3 with 500 000 000 of machinery each gets 3 × 200 000 000 = 600 000 000", () => {
    const lines = ["e1", "e2", "e3"].map((b) => ({ item: "machinery.equipment", total: 500_000_000n, requested: 250_000_000n, beneficiaryId: b }))
    const s = Support.computeOrThrow(proposal([{ activity: "machinery", lines }], ["e1", "e2", "e3"]), resolved)
    expect(s.lines.map((l) => [l.beneficiaryId, l.support])).toEqual([
      ["e1", 200_000_000n],
      ["e2", 200_000_000n],
      ["e3", 200_000_000n]
    ])
    expect(s.total).toBe(600_000_000n)
  })

  it("management: at most 2,5 % of the other lines' support (2,5 % × 200 000 000 = 5 000 000)", () => {
    const s = Support.computeOrThrow(
      proposal([
        { activity: "machinery", lines: [{ item: "machinery.equipment", total: 500_000_000n, requested: 250_000_000n }] },
        { activity: "management", lines: [{ item: "management.implementing-unit", total: 8_000_000n, requested: 8_000_000n }] }
      ]),
      resolved
    )
    expect(s.lines.map((l) => l.support)).toEqual([200_000_000n, 5_000_000n])
    expect(s.total).toBe(205_000_000n)
  })

  it("priority multiplier (≤ 1,5 ×): highland machinery gets 75 % and at most 300 000 000 when asked", () => {
    const p = proposal([{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 1_000_000_000n, requested: 800_000_000n }] }])
    const establishments = { e1: establishment("e1", { location: { ...(establishmentJson("e1").location as object), highland: true } }) }
    const s = Support.computeOrThrow(p, resolved, { applyPriorityMultiplier: true, establishments })
    expect(s.multiplierApplied).toBe(true)
    expect(s.lines[0]).toMatchObject({ rateCap: 750_000_000n, absoluteCap: 300_000_000n, support: 300_000_000n, binding: "absolute-cap" })
    const plain = Support.computeOrThrow(p, resolved)
    expect(plain.total).toBe(200_000_000n)
  })

  it("a cleaner-production pilot or a showroom line is outside the catalogue: 0", () => {
    const s = one("showroom", { item: "showroom.rental", total: 50_000_000n, requested: 25_000_000n })
    expect(s.lines[0]).toMatchObject({ support: 0n, binding: "not-in-catalogue" })
  })
})

describe("eligibility both ways", () => {
  const machinery = proposal([{ activity: "machinery", lines: [{ item: "machinery.equipment", total: 400_000_000n, requested: 200_000_000n }] }])
  const verdict = (extra: Record<string, unknown>) =>
    Eligibility.evaluateProposalOrThrow(machinery, resolved, { establishments: { e1: establishment("e1", extra) } })

  it("a small enterprise making handicrafts in a commune is eligible", () => {
    const v = verdict({})
    expect(v.verdict).toBe("eligible")
    expect(Eligibility.failures(v)).toEqual([])
    expect(v.packId).toBe("vn-khuyen-cong-2014-2018")
  })

  it("a large enterprise is not (Decree 45/2012 art. 1.2.a)", () => {
    const v = verdict({ legalForm: { kind: "large-enterprise" } })
    expect(v.verdict).toBe("ineligible")
    expect(Eligibility.failures(v).map((c) => c.rule)).toEqual(["eligibility.legal-form"])
    expect(Eligibility.failures(v)[0]?.grade).toBe("primary")
  })

  it("a class-1 city ward converted from a commune: 5 years counted to 31/12/2015 for plan year 2016", () => {
    const ward = (convertedFromCommuneOn: string) => ({
      location: { ...(establishmentJson("e1").location as object), commune: { name: "Phường Tân Thịnh", kind: "ward" }, cityClass: 1, convertedFromCommuneOn }
    })
    expect(verdict(ward("2010-12-31")).verdict).toBe("eligible")
    const late = verdict(ward("2010-12-30"))
    expect(late.verdict).toBe("ineligible")
    expect(Eligibility.failures(late).map((c) => c.rule)).toEqual(["eligibility.location"])
  })

  it("the support conditions of Joint Circular 26/2014 art. 7 are primary in this period", () => {
    for (const id of ["eligibility.activity-in-catalogue", "eligibility.approved", "eligibility.counterpart-funding", "eligibility.no-double-funding"]) {
      const r = pack.eligibility.find((x) => x.id === id)
      expect([r?.citation.instrument.number, r?.citation.article, r?.citation.grade], id).toEqual(["26/2014/TTLT-BTC-BCT", "7", "primary"])
    }
  })
})
