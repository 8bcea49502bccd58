/**
 * The law view's search and history (src/law/model.ts), without a browser: every entry of the
 * corpus is listed, search by article reads the citations, search ignores diacritics, and the
 * value on a day is the one the law's text gives.
 */
import { Corpus, Money } from "@khuyencong/core"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { entries, entry, fold, parseQuery, provincialLevels, search, stepAt } from "../src/law/model.js"

describe("the law view's entries", () => {
  it("lists every parameter and every versioned rule of the corpus once", () => {
    const law = Corpus.law()
    const rules = [law.eligibility, law.activities, law.areaPriorities, law.industryPriorities, law.priorityOrders, law.advanceTiers, law.advanceRemainders, law.calendar]
    const expected = Object.keys(law.parameters).length + rules.reduce((n, r) => n + Object.keys(r).length, 0)
    expect(entries().length).toBe(expected)
    expect(new Set(entries().map((e) => e.id)).size).toBe(expected)
  })

  it("gives the value of a day: 200 triệu until 2018-05-10, 300 triệu from 2018-05-11 (machinery cap)", () => {
    const cap = entry("support.machinery.cap")
    if (cap === undefined) throw new Error("no support.machinery.cap")
    // Joint Circular 26/2014 art. 6.2.c; Circular 28/2018 art. 8 cl. 4 ("không quá 300 triệu đồng/cơ sở")
    expect(stepAt(cap, "2018-05-10")?.value).toBe(Money.make(200_000_000n))
    expect(stepAt(cap, "2018-05-11")?.value).toBe(Money.make(300_000_000n))
    expect(stepAt(cap, "2013-12-31")).toBeUndefined()
  })

  it("shows Lai Châu's own machinery level (Resolution 18/2025/NQ-HĐND: 'tối đa 300 triệu đồng/cơ sở')", () => {
    const lc = provincialLevels("support.machinery.cap").find((l) => l.overlay.province === "12")
    expect(lc?.value).toBe(Money.make(300_000_000n))
    expect(lc?.instrument.number).toBe("18/2025/NQ-HĐND")
  })
})

describe("search", () => {
  it("reads an article reference in either order, with the words left over", () => {
    expect(parseQuery("Điều 8 khoản 4")).toEqual({ article: { article: "8", clause: "4" }, words: [] })
    expect(parseQuery("khoản 4 Điều 8 28/2018")).toEqual({ article: { article: "8", clause: "4" }, words: ["28/2018"] })
    expect(parseQuery("điểm c khoản 2 Điều 6")).toEqual({ article: { article: "6", clause: "2", point: "c" }, words: [] })
    expect(parseQuery("art. 8 cl. 4").article).toEqual({ article: "8", clause: "4" })
    expect(parseQuery("máy móc").article).toBeUndefined()
  })

  it("finds by article only entries with a value cited there: Điều 6 khoản 2 điểm c is the 2014 machinery cap and rate", () => {
    const found = search("Điều 6 khoản 2 điểm c")
    expect(found.map((e) => e.id)).toEqual(expect.arrayContaining(["support.machinery.cap", "support.machinery.rate"]))
    for (const e of found) expect(e.steps.some((s) => s.citation?.article === "6" && s.citation.clause === "2" && s.citation.point === "c")).toBe(true)
  })

  it("ignores diacritics and case", () => {
    expect(fold("Điều 8 Khoản 4 ĐIỂM đ")).toBe("dieu 8 khoan 4 diem d")
    expect(search("máy móc thiết bị").map((e) => e.id)).toEqual(search("MAY MOC THIET BI").map((e) => e.id))
    expect(search("may moc thiet bi").map((e) => e.id)).toContain("support.machinery.cap")
  })

  it("finds every entry by its own id", () => {
    fc.assert(
      fc.property(fc.constantFrom(...entries().map((e) => e.id)), (id) => {
        expect(search(id).map((e) => e.id)).toContain(id)
      })
    )
  })
})
