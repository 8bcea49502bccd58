/**
 * Vocational training (đào tạo nghề, truyền nghề; Decree 45/2012 art. 4.1) reaches the 70 % first
 * advance of the soft tier: Circular 36/2013/TT-BCT art. 13.2.a ("Tạm ứng 70% kinh phí hỗ trợ của
 * đề án: a) Đối với đề án tổ chức đào tạo nghề, truyền nghề", [PD] l.1069–1071, primary as first
 * issued), kept by Circular 17/2018/TT-BCT (S: CT-ADV, rules-2018-2025-notes.md §3 l.108). No
 * progress condition: the contract and the training plan are the dossier.
 *
 * Figures worked by hand: approved support 85.000.000 ₫ × 70 % = 59.500.000 ₫. The overall 70 %
 * ceiling (Joint Circular 26/2014 art. 8.2.b; carried over, unconfirmed, from 2018-05-11) gives the
 * same 59.500.000 ₫.
 */
import { Contract, Ledger, LocalDate, Money } from "@khuyencong/core"
import { describe, expect, it } from "vitest"
import { pack as pack2014 } from "../../rules-2014-2018/src/index.js"
import { pack } from "../src/index.js"

const d = LocalDate.parseOrThrow
const APPROVED = 85_000_000n
const FIRST = 59_500_000n // 70 % of 85.000.000

const training = (approved: string, signed: string, planYear: number, packs: Parameters<typeof Contract.makeOrThrow>[1]) =>
  Contract.makeOrThrow({ id: "HĐ-ĐTN-01", approvedSupport: Money.make(APPROVED), activities: ["vocational-training"], approved: d(approved), signed: d(signed), planYear }, packs)

const advance = (id: string, date: string, amount: bigint): Ledger.Event => ({ id, idempotencyKey: id, kind: "advance", date: d(date), amount: Money.make(amount) })

describe.each([
  { name: "2021–2025 (Circular 36/2013 as amended by 17/2018, secondary)", approved: "2023-03-01", signed: "2023-03-15", year: 2023, grade: "secondary" },
  { name: "2014–2018 (Circular 36/2013 as first issued, primary)", approved: "2016-03-01", signed: "2016-03-15", year: 2016, grade: "primary" }
])("a vocational-training contract, $name", ({ approved, signed, year, grade }) => {
  const c = training(approved, signed, year, [pack2014, pack])

  it("takes the soft tier: 70 % first advance, no progress condition, Circular 36/2013 art. 13.2", () => {
    expect(c.terms.tier.id).toBe("soft")
    expect(c.terms.tier.firstAdvance.value).toEqual({ numerator: 7n, denominator: 10n })
    expect(c.terms.tier.condition).toEqual({ kind: "none" })
    const cite = c.terms.tier.citation
    expect([cite.instrument.number, cite.article, cite.clause, cite.grade]).toEqual(["36/2013/TT-BCT", "13", "2", grade])
  })

  it("advances 59.500.000 ₫ (70 % of 85.000.000 ₫) right after signing; one đồng more is refused", () => {
    const after = `${year}-04-01` // after the contract was signed
    const l = Ledger.post(Ledger.open(c), advance("a1", after, FIRST))
    expect(l.ok).toBe(true)
    if (l.ok) expect(Ledger.balances(l.value)).toMatchObject({ advanced: FIRST, advanceLimit: FIRST })
    const over = Ledger.post(Ledger.open(c), advance("a2", after, FIRST + 1n))
    expect(over.ok).toBe(false)
    if (!over.ok) {
      expect(over.error.code).toMatch(/^advance\/(first-above-share|overall-ceiling)$/)
      expect(over.error.message).toContain("59.500.000 ₫")
    }
  })
})
