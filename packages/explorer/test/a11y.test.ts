/**
 * Accessibility of the explorer page, checked in headless Chromium (Debian's /usr/bin/chromium
 * through playwright-core): axe-core (Deque's rules engine, injected from node_modules, no network)
 * audits each tab at a desktop width (1280 px) and a phone width (390 px) in the states that
 * matter: the law view with a parameter open and its chart; the evaluation with a result, a
 * what-if and a decode error; the register with a file read, its errors by cell, the allocation and
 * its charts, and an envelope typed wrong. The rules run are WCAG 2.0/2.1 A and AA (colour contrast,
 * labels, names of buttons and links, table headers, ARIA) and axe's best practices (landmarks,
 * heading order, one main); the test fails on any violation of impact serious or critical and
 * reports the others. The keyboard test completes the evaluation with the keyboard only.
 * Screenshots of every tab at both widths go to test/screenshots/a11y-*.png for a person to look at.
 */
import { Evaluate, Money } from "@khuyencong/core"
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import type { Page } from "playwright-core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { evaluateHere, openSession, SHOTS, type Session } from "./serve.js"

const root = join(dirname(fileURLToPath(import.meta.url)), "..")
const data = join(root, "..", "..", "examples", "provincial-plan", "data")
const REGISTER = join(data, "register-2024.xlsx")
const SOURCE = join(data, "register-2024.source.json")
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8")

const DESKTOP = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }
const VIEWPORTS = [
  ["desktop", DESKTOP],
  ["phone", PHONE]
] as const

/** Violations of impact minor or moderate, reported after the run (they do not fail it). */
const reported: Array<string> = []

let session: Session | undefined

beforeAll(async () => {
  session = await openSession()
}, 180_000)

afterAll(async () => {
  await session?.close()
  if (reported.length > 0) console.warn(`axe: minor or moderate findings (not failing):\n${reported.join("\n")}`)
  expect(session?.errors).toEqual([])
})

const open = (hash: string, viewport: { width: number; height: number }): Promise<Page> => session!.open(hash, { viewport })

interface Finding {
  readonly id: string
  readonly impact: string
  readonly help: string
  readonly targets: ReadonlyArray<string>
}

/**
 * axe-core's audit of the page as it is now: the violations, one line each (rule, impact, what it
 * asks, the first elements). Every <details> is opened first so that what it hides is audited too.
 */
const audit = async (page: Page, state: string): Promise<Array<string>> => {
  if (!(await page.evaluate("typeof window.axe === 'object'"))) await page.addScriptTag({ content: AXE })
  await page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true })")
  const findings = (await page.evaluate(`
    axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
      resultTypes: ["violations"]
    }).then((r) => r.violations.map((v) => ({
      id: v.id, impact: v.impact ?? "", help: v.help,
      targets: v.nodes.slice(0, 4).map((n) => n.target.join(" ") + " (" + v.nodes.length + ")")
    })))
  `)) as ReadonlyArray<Finding>
  const line = (f: Finding) => `${state}: ${f.id} [${f.impact}] ${f.help} — ${f.targets.join(", ")}`
  for (const f of findings) if (f.impact !== "serious" && f.impact !== "critical") reported.push(line(f))
  return findings.filter((f) => f.impact === "serious" || f.impact === "critical").map(line)
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `a11y-${name}.png`), fullPage: true })

/** No sideways scrolling: no element reaches past the screen's right edge (the ones that do are named). */
const fits = async (page: Page, width: number) => {
  const past = (await page.evaluate(`[...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > ${width} + 0.5 && el.closest(".scroll, .sr-only") === null)
    .slice(0, 5)
    .map((el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + "." + [...el.classList].join(".") + " " + Math.round(el.getBoundingClientRect().right) + "px")`)) as ReadonlyArray<string>
  expect(past).toEqual([])
  await expect(page.evaluate("document.documentElement.scrollWidth")).resolves.toBeLessThanOrEqual(width)
}

/** WCAG 1.4.10 (reflow): at 320 px (a 1280 px screen zoomed to 400 %) nothing but a scrolling table needs sideways scrolling. */
const reflows = async (page: Page, name: string) => {
  if (name !== "phone") return
  await page.setViewportSize({ width: 320, height: 640 })
  await page.waitForTimeout(100)
  await fits(page, 320)
}

describe("axe-core finds no serious or critical violation", () => {
  for (const [name, viewport] of VIEWPORTS) {
    it(`the law view with a parameter open, its chart and provincial levels (${name})`, async () => {
      const page = await open("#/law/support.machinery.cap?date=2026-03-01", viewport)
      await page.waitForSelector("canvas[data-testid='step-chart']")
      // the chart, drawn by Chart.js on a canvas, has a text alternative: a label and the table of every value
      const chart = page.locator("canvas[data-testid='step-chart']")
      await expect(chart.getAttribute("role")).resolves.toBe("img")
      expect((await chart.getAttribute("aria-label"))?.length ?? 0).toBeGreaterThan(20)
      await shot(page, `law-${name}`)
      await expect(audit(page, `law ${name}`)).resolves.toEqual([])
      await fits(page, viewport.width)
      await reflows(page, name)
      await page.close()
    })

    it(`the evaluation with a result, a what-if, and a decode error (${name})`, async () => {
      const page = await open("#/evaluate", viewport)
      await page.waitForSelector("[data-testid='verdict']")
      await page.fill("#wi-value", "500 triệu")
      await page.click("[data-testid='what-if'] button[type='submit']")
      await page.waitForSelector("[data-testid='what-if-result']")
      await shot(page, `evaluate-${name}`)
      await expect(audit(page, `evaluate ${name}`)).resolves.toEqual([])
      await fits(page, viewport.width)
      await page.fill("#json-input", '{ "proposal": { "id": 7 }, "establishments": [] }')
      await page.click("text=Đánh giá JSON / Evaluate the JSON")
      await page.waitForSelector("[data-testid='problems'] li")
      await expect(audit(page, `evaluate-error ${name}`)).resolves.toEqual([])
      await fits(page, viewport.width)
      await reflows(page, name)
      await page.close()
    })

    it(`the register with a file read, errors by cell, allocation and charts, and an envelope typed wrong (${name})`, async () => {
      const page = await open("#/register", viewport)
      await page.waitForSelector("[data-testid='register-tab']")
      await expect(audit(page, `register-empty ${name}`)).resolves.toEqual([])
      await page.setInputFiles("#reg-file", REGISTER)
      await page.waitForSelector("[data-testid='register-errors']")
      await page.setInputFiles("#reg-establishments", SOURCE)
      await page.waitForSelector("[data-testid='register-totals']")
      await page.waitForSelector("[data-testid='register-download']")
      for (const canvas of await page.locator(".register canvas").all()) {
        await expect(canvas.getAttribute("role")).resolves.toBe("img")
        expect((await canvas.getAttribute("aria-label"))?.length ?? 0).toBeGreaterThan(10)
      }
      await shot(page, `register-${name}`)
      await expect(audit(page, `register ${name}`)).resolves.toEqual([])
      await fits(page, viewport.width)
      await reflows(page, name)
      await page.fill("#reg-local", "mười tỷ")
      await page.press("#reg-local", "Enter")
      await page.waitForSelector("#reg-local[aria-invalid='true']")
      await expect(audit(page, `register-envelope-error ${name}`)).resolves.toEqual([])
      await page.close()
    })
  }
})

// ---------------------------------------------------------------------------------------------
// The keyboard only

/**
 * The focused element: its id (or its tab, or its tag) and whether its focus ring shows: an outline
 * of 2 px or more, on an element with a size, of a colour with a contrast of at least 3:1 against
 * the background around it (WCAG 1.4.11; the nearest ancestor's background that is not transparent).
 */
interface Focus {
  readonly name: string
  readonly ring: boolean
}
const focused = (page: Page): Promise<Focus> =>
  page.evaluate(`(() => {
    const a = document.activeElement
    if (a === null || a === document.body) return { name: "body", ring: false }
    const s = getComputedStyle(a)
    const r = a.getBoundingClientRect()
    const name = a.id || (a.getAttribute("data-tab") ? "tab:" + a.getAttribute("data-tab") : a.tagName.toLowerCase() + ":" + (a.textContent || "").trim().slice(0, 30))
    const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number)
    const lum = ([r, g, b]) => [r, g, b].map((v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4 }).reduce((n, x, i) => n + x * [0.2126, 0.7152, 0.0722][i], 0)
    let p = a.parentElement
    while (p !== null && (rgb(getComputedStyle(p).backgroundColor)[3] === 0 || getComputedStyle(p).backgroundColor === "transparent")) p = p.parentElement
    const bg = p === null ? [255, 255, 255] : rgb(getComputedStyle(p).backgroundColor)
    const [l1, l2] = [lum(rgb(s.outlineColor)), lum(bg)].sort((x, y) => y - x)
    const contrast = (l1 + 0.05) / (l2 + 0.05)
    return { name, ring: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2 && r.width > 0 && r.height > 0 && contrast >= 3 }
  })()`)

/** Press `key` until the element named `name` has the focus (at most `max` presses); every element passed shows its focus ring. */
const pressTo = async (page: Page, key: "Tab" | "Shift+Tab", name: string, max = 40): Promise<Array<string>> => {
  const passed: Array<string> = []
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key)
    const f = await focused(page)
    passed.push(f.ring ? f.name : `${f.name} (no focus ring)`)
    if (f.name === name) return passed
  }
  throw new Error(`${key} × ${max} did not reach ${name}: ${passed.join(", ")}`)
}

describe("the keyboard only", () => {
  it("evaluates a proposal: Tab to the tab, Enter, fill the form, an arrow key in a select, Shift+Tab back to the button, Space; the result gets the focus and is announced", async () => {
    const page = await open("#/law", DESKTOP)
    // the first Tab reaches the skip link, then the page's tabs (links in a navigation landmark)
    const toTab = await pressTo(page, "Tab", "tab:evaluate")
    expect(toTab[0]).toBe("a:Đến nội dung / Skip to content")
    await page.keyboard.press("Enter")
    await page.waitForSelector("form[data-testid='form']")
    await expect(page.getAttribute("a[data-tab='evaluate']", "aria-current")).resolves.toBe("page")
    const passed = [...toTab]
    passed.push(...(await pressTo(page, "Tab", "f-legalForm")))
    await page.keyboard.press("ArrowDown")
    await expect(page.inputValue("#f-legalForm")).resolves.toBe("enterprise:medium")
    passed.push(...(await pressTo(page, "Tab", "f-total")))
    await page.keyboard.press("Control+A")
    await page.keyboard.type("400 triệu")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Control+A")
    await page.keyboard.type("300 triệu")
    // past the submit button to "Example", and back
    passed.push(...(await pressTo(page, "Tab", "button:Ví dụ / Example")))
    passed.push(...(await pressTo(page, "Shift+Tab", "button:Đánh giá / Evaluate")))
    // every element the keyboard passed showed its focus ring
    expect(passed.filter((p) => p.endsWith("(no focus ring)"))).toEqual([])
    await page.keyboard.press("Space")
    await page.waitForFunction("document.querySelector(\"[data-testid='announce']\").textContent.length > 0")
    // the figures are the library's for the JSON the form wrote: 50 % of 400 triệu = 200 triệu, under the 300 triệu cap (Circular 28/2018 art. 8 cl. 4)
    const e = evaluateHere(await page.inputValue("#json-input"))
    expect(e.payable).toBe(200_000_000n)
    await expect(page.textContent("[data-testid='payable']")).resolves.toBe(Money.format(e.payable))
    await expect(page.getAttribute("[data-testid='verdict']", "data-verdict")).resolves.toBe(e.verdict)
    // the result's heading has the focus, with its ring; the live region says the verdict and the payable
    const f = await focused(page)
    expect(f).toEqual({ name: "result-h", ring: true })
    await expect(page.getAttribute("[data-testid='announce']", "role")).resolves.toBe("status")
    const said = await page.textContent("[data-testid='announce']")
    expect(said).toContain(Money.format(e.payable))
    expect(said).toContain(e.verdict === "eligible" ? "Đủ điều kiện hỗ trợ" : "Không")
    // the what-if from the keyboard: Tab to its value, type, Enter; its live region says the difference
    // the parameter offered first is the one that binds: the rate
    await expect(page.inputValue("#wi-param")).resolves.toBe("support.machinery.rate")
    await pressTo(page, "Tab", "wi-value")
    await page.keyboard.type("60%")
    await page.keyboard.press("Enter")
    await page.waitForSelector("[data-testid='what-if-result']")
    await page.waitForFunction("document.querySelector(\"[data-testid='what-if-announce']\").textContent.length > 0")
    // 60 % of 400 triệu = 240 triệu, still under the cap and the 300 triệu requested: 40 triệu more
    await expect(page.textContent("[data-testid='what-if-announce']")).resolves.toContain(`chênh lệch +${Money.format(Money.make(40_000_000n))}`)
    await page.close()
  })
})
