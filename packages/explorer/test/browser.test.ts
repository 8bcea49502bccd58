/**
 * The explorer page driven in headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core; no browser is downloaded): the page is built with Vite first into a folder of its
 * own (a Node built-in in the bundle fails the build), served as static files, and every figure it shows is checked against
 * the library run here on the same input, and against the law's text where a figure is known.
 * Screenshots go to test/screenshots/ for a person to look at.
 */
import { Citation, Corpus, Evaluate, Money, Pack, Parameter, Reform, type LocalDate } from "@khuyencong/core"
import { pack as pack2026 } from "@khuyencong/rules-2026-2030"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Page } from "playwright-core"
import { build } from "vite"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { evaluateHere, openSession, SHOTS, type Session } from "./serve.js"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")


const open = (hash: string, viewport?: { width: number; height: number }): Promise<Page> => session!.open(hash, viewport === undefined ? {} : { viewport })

const shot = async (page: Page, name: string): Promise<void> => {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true })
}

let session: Session | undefined

beforeAll(async () => {
  session = await openSession()
}, 120_000)

afterAll(async () => {
  await session?.close()
  // no script error on any page the tests opened
  expect(session?.errors).toEqual([])
})

// ---------------------------------------------------------------------------------------------
// The law at a date

/** support.machinery.cap as the corpus holds it. */
const machineryCap = (): Parameter.Parameter<unknown> => Corpus.law().parameters["support.machinery.cap"] as Parameter.Parameter<unknown>

describe("the law at a date", () => {
  it("finds the machinery cap by article ('Điều 8 khoản 4'), shows 300.000.000 ₫ on 2026-03-01 with its citation, and its step chart", async () => {
    const page = await open("#/law?date=2026-03-01")
    await page.fill("#law-search", "Điều 8 khoản 4")
    const link = page.locator("#law-results a[data-id='support.machinery.cap']")
    await expect(link.count()).resolves.toBe(1)
    // every result cites art. 8 cl. 4 of some instrument
    const ids = await page.locator("#law-results a").evaluateAll((as) => as.map((a) => a.getAttribute("data-id") ?? ""))
    for (const id of ids) {
      const p = Corpus.law().parameters[id]
      if (p !== undefined) expect(p.values.some((v) => v.citation.article === "8" && v.citation.clause === "4")).toBe(true)
    }
    await link.click()
    await page.waitForSelector("[data-testid='detail']")
    // Circular 28/2018/TT-BTC art. 8 cl. 4: "không quá 300 triệu đồng/cơ sở" (shared/legal/rules-2018-2025-notes.md §1 row 4)
    const shown = await page.textContent("[data-testid='value-at']")
    expect(shown).toBe(Money.format(Money.make(300_000_000n)))
    const reading = Parameter.atOrThrow(machineryCap(), "2026-03-01" as LocalDate.LocalDate)
    expect(shown).toBe(Money.format(reading.value as Money.Money))
    await expect(page.textContent("[data-testid='value-citation']")).resolves.toContain(Citation.formatVi(reading.citation))
    await expect(page.textContent("[data-testid='value-citation']")).resolves.toContain("khoản 4 Điều 8 Thông tư 28/2018/TT-BTC")
    // the chart is drawn, and the history has every value with its instrument
    await expect(page.locator("canvas[data-testid='step-chart']").count()).resolves.toBe(1)
    const box = await page.locator("canvas[data-testid='step-chart']").boundingBox()
    expect(box?.width ?? 0).toBeGreaterThan(200)
    const rows = page.locator("table.history tbody tr")
    await expect(rows.count()).resolves.toBe(machineryCap().values.length)
    await expect(rows.nth(0).textContent()).resolves.toContain("200.000.000 ₫")
    await expect(rows.nth(0).textContent()).resolves.toContain("26/2014/TTLT-BTC-BCT")
    // the provinces' own levels beside the national one
    await expect(page.locator("[data-testid='overlays'] tbody tr").count()).resolves.toBeGreaterThan(0)
    // Lai Châu's Resolution 18/2025 sets 300 triệu per establishment, the national cap itself: shown as the same level, not as lowering it
    const laiChau = page.locator("[data-testid='overlays'] tbody tr", { hasText: "Lai Châu" })
    await expect(laiChau.textContent()).resolves.toContain("300.000.000 ₫")
    await expect(laiChau.textContent()).resolves.toContain("bằng mức quốc gia")
    await shot(page, "law-desktop")
    await page.close()
  })

  it("marks an unconfirmed value in words, not colour only (trademark cap, Circular 28/2018 art. 8)", async () => {
    const p = Corpus.law().parameters["support.trademark.cap"] as Parameter.Parameter<unknown>
    const r = Parameter.atOrThrow(p, "2026-03-01" as LocalDate.LocalDate)
    expect(r.citation.grade).toBe("unconfirmed")
    const page = await open("#/law/support.trademark.cap?date=2026-03-01")
    await expect(page.textContent("[data-testid='value-at']")).resolves.toBe(Money.format(r.value as Money.Money))
    const badge = page.locator("[data-testid='value-at-block'] .badge.unconfirmed")
    await expect(badge.count()).resolves.toBe(1)
    await expect(badge.textContent()).resolves.toContain("Chưa xác nhận")
    await page.close()
  })

  it("finds a parameter by its Vietnamese name without diacritics, and the value changes with the date", async () => {
    const page = await open("#/law?date=2016-01-01")
    await page.fill("#law-search", "may moc thiet bi tien tien")
    await page.locator("#law-results a[data-id='support.machinery.cap']").click()
    await page.waitForSelector("[data-testid='detail']")
    // Joint Circular 26/2014 art. 6.2.c: "không quá 200 triệu đồng/cơ sở"
    await expect(page.textContent("[data-testid='value-at']")).resolves.toBe(Money.format(Money.make(200_000_000n)))
    await page.close()
  })

  it("works from the keyboard: Tab to the search box, type, Enter opens the first result", async () => {
    const page = await open("#/law?date=2026-03-01")
    let focused = ""
    for (let i = 0; i < 12 && focused !== "law-search"; i++) {
      await page.keyboard.press("Tab")
      focused = String(await page.evaluate("document.activeElement && document.activeElement.id"))
    }
    expect(focused).toBe("law-search")
    await page.keyboard.type("support.machinery.rate")
    await page.keyboard.press("Enter")
    await page.waitForSelector("[data-testid='detail']")
    await expect(page.textContent("#detail-title + .id code")).resolves.toBe("support.machinery.rate")
    expect(page.url()).toContain("#/law/support.machinery.rate")
    await page.close()
  })

  it("lists the instruments with what amends what, and the packs with their periods", async () => {
    const page = await open("#/law")
    await expect(page.locator("[data-testid='instruments'] tbody tr").count()).resolves.toBe(Corpus.law().instruments.size)
    const packs = await page.locator("[data-testid='packs'] li").allTextContents()
    expect(packs.length).toBe(Object.keys(Corpus.law().packs).length)
    expect(packs.join("\n")).toContain("2025-10-15 → 2030-12-31")
    await page.close()
  })
})

// ---------------------------------------------------------------------------------------------
// A proposal, evaluated

describe("a proposal, evaluated", () => {
  it("evaluates the form: verdict, support per line and payable equal Evaluate on the same input", async () => {
    const page = await open("#/evaluate")
    await page.fill("#f-total", "400 triệu")
    await page.fill("#f-requested", "300 triệu")
    await page.click("form[data-testid='form'] button[type='submit']")
    await page.waitForSelector("[data-testid='verdict']")
    const e = evaluateHere(await page.inputValue("#json-input"))
    await expect(page.getAttribute("[data-testid='verdict']", "data-verdict")).resolves.toBe(e.verdict)
    expect(e.verdict).toBe("eligible")
    const lines = await page.locator("[data-testid='line-support']").allTextContents()
    expect(lines).toEqual(e.support.lines.map((l) => Money.format(l.support)))
    await expect(page.textContent("[data-testid='payable']")).resolves.toBe(Money.format(e.payable))
    // Circular 28/2018 art. 8 cl. 4: 50 % of 400 triệu = 200 triệu, under the 300 triệu cap: the rate binds
    expect(e.payable).toBe(200_000_000n)
    await expect(page.getAttribute("[data-testid='lines'] td[data-binding]", "data-binding")).resolves.toBe("rate")
    // the line named from the catalogue (2018-05-11 on), its code beside
    await expect(page.textContent("[data-testid='lines'] tr[data-item='machinery.equipment'] td")).resolves.toContain("Máy móc thiết bị tiên tiến, chuyển giao công nghệ [machinery.equipment]")
    // each condition of the library is listed, and the explanation is the library's
    await expect(page.locator("[data-testid='conditions'] tbody tr").count()).resolves.toBe(e.eligibility.conditions.length + e.eligibility.establishments.reduce((n, x) => n + x.conditions.length, 0))
    const text = await page.textContent("[data-testid='explanation']")
    expect(text).toContain("Kết luận: Đủ điều kiện hỗ trợ")
    expect(text).toContain(Money.format(e.payable))
    // the lines named from the pack's catalogue (2018-05-11 on: "Máy móc thiết bị tiên tiến, chuyển giao công nghệ"), the code kept beside
    expect(text).toContain("Máy móc thiết bị tiên tiến, chuyển giao công nghệ [machinery.equipment]")
    await page.close()
  })

  it("a technology line gets 1,5 × the machinery cap: 450.000.000 ₫, with both parameters linked", async () => {
    const page = await open("#/evaluate")
    await page.selectOption("#f-item", "machinery.technology-line")
    await page.fill("#f-total", "2 tỷ")
    await page.fill("#f-requested", "1 tỷ")
    await page.click("form[data-testid='form'] button[type='submit']")
    await page.waitForSelector("[data-testid='lines'] tr[data-item='machinery.technology-line']")
    const e = evaluateHere(await page.inputValue("#json-input"))
    // Circular 28/2018 art. 8 cl. 4: "không quá 450 triệu đồng/cơ sở" for a technology line (shared/legal/rules-2018-2025-notes.md §1 row 4)
    expect(e.payable).toBe(450_000_000n)
    await expect(page.textContent("[data-testid='payable']")).resolves.toBe(Money.format(e.payable))
    const links = await page.locator("[data-testid='lines'] a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))
    expect(links).toEqual(expect.arrayContaining(["#/law/support.machinery.cap?date=2026-03-02", "#/law/support.technology-line.multiple?date=2026-03-02"]))
    await page.close()
  })

  it("shows the example with its binding cap linked to the law view at the decision date", async () => {
    const page = await open("#/evaluate")
    await page.waitForSelector("[data-testid='verdict']")
    const e = evaluateHere(await page.inputValue("#json-input"))
    // 50 % of 800 triệu = 400 triệu requested, above the 300 triệu cap (Circular 28/2018 art. 8 cl. 4)
    expect(e.payable).toBe(300_000_000n)
    await expect(page.textContent("[data-testid='payable']")).resolves.toBe(Money.format(e.payable))
    await expect(page.getAttribute("[data-testid='binding-link']", "href")).resolves.toBe("#/law/support.machinery.cap?date=2026-03-02")
    await shot(page, "evaluate-desktop")
    await page.click("[data-testid='binding-link']")
    await page.waitForSelector("[data-testid='detail']")
    await expect(page.textContent("[data-testid='value-at']")).resolves.toBe("300.000.000 ₫")
    await page.close()
  })

  it("names the field of a pasted JSON that does not decode, in Vietnamese and English; and says when the text is not JSON", async () => {
    const page = await open("#/evaluate")
    const input = JSON.parse(await page.inputValue("#json-input")) as { proposal: { activities: Array<{ costLines: Array<Record<string, unknown>> }> } }
    const line = input.proposal.activities[0]?.costLines[0]
    if (line === undefined) throw new Error("the example has no cost line")
    line["total"] = "nhiều tiền"
    await page.fill("#json-input", JSON.stringify(input))
    await page.click("text=Đánh giá JSON / Evaluate the JSON")
    const item = page.locator("[data-testid='problems'] li[data-path='proposal.activities.0.costLines.0.total']")
    await expect(item.count()).resolves.toBe(1)
    const t = await item.textContent()
    expect(t).toContain("không đọc được")
    expect(t).toContain("cannot be read")
    await shot(page, "evaluate-invalid")
    await page.fill("#json-input", "{ \"proposal\": ")
    await page.click("text=Đánh giá JSON / Evaluate the JSON")
    await expect(page.getAttribute("[data-testid='problems'] li", "data-code")).resolves.toBe("explorer/invalid-json")
    await page.close()
  })

  it("what-if: the machinery cap at 500 triệu shows the difference the library computes", async () => {
    const page = await open("#/evaluate")
    await page.waitForSelector("[data-testid='what-if']")
    await page.selectOption("#wi-param", "support.machinery.cap")
    await page.fill("#wi-value", "500 triệu")
    await page.click("[data-testid='what-if'] button[type='submit']")
    await page.waitForSelector("[data-testid='what-if-result']")
    const json = await page.inputValue("#json-input")
    const before = evaluateHere(json)
    const reformed = Reform.applyOrThrow(Pack.loadOrThrow(pack2026), {
      id: "test",
      title: "machinery cap 500 triệu",
      overrides: [{ parameter: "support.machinery.cap", range: { start: before.date }, value: 500_000_000n }]
    })
    const after = evaluateHere(json, reformed)
    await expect(page.textContent("[data-testid='wi-before']")).resolves.toBe(Money.format(before.payable))
    await expect(page.textContent("[data-testid='wi-after']")).resolves.toBe(Money.format(after.payable))
    // 400 triệu requested now fits under 500 triệu: +100 triệu
    expect(after.payable - before.payable).toBe(100_000_000n)
    await expect(page.textContent("[data-testid='wi-difference']")).resolves.toBe(`+${Money.format(Money.make(after.payable - before.payable))}`)
    await page.locator("[data-testid='what-if']").screenshot({ path: join(SHOTS, "evaluate-what-if.png") })
    await page.close()
  })
})

// ---------------------------------------------------------------------------------------------
// A phone

describe("on a phone", () => {
  it("fits a 390 px wide screen without sideways scrolling, law view and evaluation", async () => {
    const viewport = { width: 390, height: 844 }
    const law = await open("#/law/support.machinery.cap?date=2026-03-01", viewport)
    await law.waitForSelector("[data-testid='detail']")
    await expect(law.evaluate("document.documentElement.scrollWidth")).resolves.toBeLessThanOrEqual(viewport.width)
    await shot(law, "law-phone")
    await law.close()
    const ev = await open("#/evaluate", viewport)
    await ev.waitForSelector("[data-testid='verdict']")
    await expect(ev.evaluate("document.documentElement.scrollWidth")).resolves.toBeLessThanOrEqual(viewport.width)
    await shot(ev, "evaluate-phone")
    await ev.close()
  })
})

// ---------------------------------------------------------------------------------------------
// The bundle

describe("the bundle", () => {
  it("refuses a Node built-in: the build fails naming the module and its importer", async () => {
    const dir = join(root, "test", ".tmp-builtin")
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, "index.html"), `<script type="module" src="./entry.js"></script>`)
    writeFileSync(join(dir, "entry.js"), `import { readFileSync } from "node:fs"\nconsole.log(readFileSync)\n`)
    await expect(
      build({ configFile: join(root, "vite.config.ts"), root: dir, logLevel: "silent", build: { write: false, outDir: join(dir, "dist") } })
    ).rejects.toThrow(/Node built-in "node:fs" imported by .*entry\.js/)
    rmSync(dir, { recursive: true, force: true })
  })
})
